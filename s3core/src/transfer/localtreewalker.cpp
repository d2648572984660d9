// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/localtreewalker.h"

#include <algorithm>

#include <QDir>

#include "s3core/transfer/downloadtask.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

LocalTreeWalker::LocalTreeWalker(const QString &root)
    : m_root(QDir::cleanPath(root))
{
    enter(QString());
}

void LocalTreeWalker::enter(const QString &relative)
{
    const QDir dir(relative.isEmpty() ? m_root : m_root + u'/' + relative);
    if (!dir.isReadable()) {
        m_problems.append(u"cannot read the folder %1"_s.arg(dir.path()));
        return;
    }
    Level level;
    level.relative = relative;
    const QFileInfoList entries = dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::NoSort);
    level.children.reserve(entries.size());
    for (const QFileInfo &info : entries) {
        if (info.isSymLink() && (!info.exists() || info.isDir()))
            continue; // dangling, or a link to a folder: never followed
        if (info.isDir()) {
            level.children.append({info.fileName().toUtf8() + '/', info, true});
        } else if (info.isFile() && !DownloadTask::isOwnFileName(info.fileName())) {
            level.children.append({info.fileName().toUtf8(), info, false});
        }
    }
    std::sort(level.children.begin(), level.children.end(), [](const Child &a, const Child &b) {
        return std::lexicographical_compare(a.sortKey.cbegin(), a.sortKey.cend(), b.sortKey.cbegin(), b.sortKey.cend(),
                                            [](char x, char y) { return uchar(x) < uchar(y); });
    });
    m_levels.push_back(std::move(level));
}

std::optional<SyncEntry> LocalTreeWalker::next()
{
    while (!m_levels.empty()) {
        Level &level = m_levels.back();
        if (level.index >= level.children.size()) {
            m_levels.pop_back();
            continue;
        }
        const Child child = level.children.at(level.index);
        level.children[level.index] = {}; // its memory is not needed any more
        ++level.index;
        const QString relative = level.relative + child.info.fileName();
        if (child.folder) {
            enter(relative + u'/'); // invalidates level
            continue;
        }
        SyncEntry entry;
        entry.key = relative;
        entry.size = child.info.size();
        entry.modified = child.info.lastModified().toUTC();
        entry.localPath = child.info.filePath();
        return entry;
    }
    return std::nullopt;
}

QList<SyncEntry> LocalTreeWalker::take(qsizetype max)
{
    QList<SyncEntry> entries;
    while (entries.size() < max) {
        std::optional<SyncEntry> entry = next();
        if (!entry)
            break;
        entries.append(std::move(*entry));
    }
    return entries;
}

} // namespace s3
