// SPDX-License-Identifier: Apache-2.0
#include "browser/downloadplan.h"

#include <algorithm>

#include <QObject>
#include <QSet>

#include "s3core/transfer/localpaths.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {

/** "a/b/c.txt" -> "c.txt", "a/b/" -> "b/": the last segment of a key, a folder's with its '/'. */
QString lastSegmentOf(const QString &key)
{
    const bool folder = key.endsWith(u'/');
    const qsizetype end = folder ? key.size() - 1 : key.size();
    const qsizetype slash = key.lastIndexOf(u'/', end - 1);
    return key.mid(slash + 1);
}

} // namespace

qsizetype DownloadPlan::conflictCount() const
{
    return std::count_if(downloads.cbegin(), downloads.cend(), [](const PlannedDownload &download) { return download.conflict; });
}

DownloadPlan planDownloads(const QStringList &keys, const QString &localDir, const std::function<bool(const QString &path)> &taken)
{
    DownloadPlan plan;
    QSet<QString> planned;
    for (const QString &key : keys) {
        const QString segment = lastSegmentOf(key);
        const s3::Result<QString> target = s3::localPathForKey(localDir, QString(), segment);
        if (!target) {
            plan.refused.append({key, target.error().message()});
            continue;
        }
        QString path = *target;
        const bool folder = key.endsWith(u'/');
        if (path.endsWith(u'/'))
            path.chop(1);
        if (path.isEmpty() || path == localDir || path.endsWith(u"/."_s)) {
            plan.refused.append({key, QObject::tr("its name is empty once made safe for a local file")});
            continue;
        }
        // Two selected keys that land on one local name ("a//b" and "a/b" in one folder, a key listed twice):
        // the second is a conflict with the first, never a second writer of the same file.
        const bool conflict = taken(path) || planned.contains(path);
        planned.insert(path);
        plan.downloads.append({key, path, folder, conflict});
    }
    return plan;
}

QList<PlannedDownload> resolveDownloads(const QList<PlannedDownload> &downloads, ConflictChoice choice,
                                        const std::function<bool(const QString &path)> &taken)
{
    QList<PlannedDownload> result;
    QSet<QString> given;
    for (const PlannedDownload &download : downloads) {
        if (!download.conflict)
            given.insert(download.localPath);
    }
    for (const PlannedDownload &download : downloads) {
        if (!download.conflict) {
            result.append(download);
            continue;
        }
        if (choice == ConflictChoice::Skip)
            continue;
        PlannedDownload resolved = download;
        if (choice == ConflictChoice::KeepBoth || given.contains(download.localPath)) {
            // Overwriting another download of this same action would make two writers of one file: keep both.
            resolved.localPath = keepBothName(
                download.localPath, [&](const QString &candidate) { return given.contains(candidate) || taken(candidate); },
                !download.folder);
        }
        resolved.conflict = false;
        given.insert(resolved.localPath);
        result.append(resolved);
    }
    return result;
}

} // namespace s3ui
