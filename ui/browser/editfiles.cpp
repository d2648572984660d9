// SPDX-License-Identifier: Apache-2.0
#include "browser/editfiles.h"

#include <algorithm>

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

#include "s3core/transfer/localfs.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui::editfiles {

namespace {

/** Characters no file name may hold here or on the systems the name may travel to (Windows). */
bool isForbidden(QChar c)
{
    return c.unicode() < 0x20 || c.unicode() == 0x7f || u"/\\:*?\"<>|"_s.contains(c);
}

/** The first `maxBytes` bytes of text in UTF-8, cut between code points (never inside a surrogate pair). */
QString cutToBytes(const QString &text, qsizetype maxBytes)
{
    qsizetype bytes = 0;
    qsizetype end = 0;
    while (end < text.size()) {
        const bool pair = text.at(end).isHighSurrogate() && end + 1 < text.size() && text.at(end + 1).isLowSurrogate();
        const qsizetype units = pair ? 2 : 1;
        const qsizetype size = text.mid(end, units).toUtf8().size();
        if (bytes + size > maxBytes)
            break;
        bytes += size;
        end += units;
    }
    return text.left(end);
}

} // namespace

QString localName(const QString &key)
{
    const QString segment = key.mid(key.lastIndexOf(u'/') + 1);
    QString name;
    name.reserve(segment.size());
    for (qsizetype i = 0; i < segment.size(); ++i) {
        const QChar c = segment.at(i);
        if (c.isHighSurrogate() && i + 1 < segment.size() && segment.at(i + 1).isLowSurrogate()) {
            name += c;
            name += segment.at(++i);
        } else if (c.isSurrogate() || isForbidden(c)) {
            name += u'_'; // a lone surrogate has no UTF-8 form: it would change the name on disk
        } else {
            name += c;
        }
    }
    if (name.isEmpty() || std::all_of(name.cbegin(), name.cend(), [](QChar c) { return c == u'.'; }))
        return u"object"_s;
    if (name.toUtf8().size() <= s3::localfs::MaxNameBytes)
        return name;
    // Too long for a file system: keep a short extension (the handler is chosen by it), cut the stem.
    const qsizetype dot = name.lastIndexOf(u'.');
    const QString extension = dot > 0 && name.size() - dot <= 16 ? name.mid(dot) : QString();
    const QString stem = name.left(name.size() - extension.size());
    return cutToBytes(stem, s3::localfs::MaxNameBytes - extension.toUtf8().size()) + extension;
}

QString copyKey(const QString &key, const QDateTime &when)
{
    const qsizetype slash = key.lastIndexOf(u'/');
    const QString folder = key.left(slash + 1);
    const QString name = key.mid(slash + 1);
    const qsizetype dot = name.lastIndexOf(u'.');
    const QString extension = dot > 0 ? name.mid(dot) : QString();
    const QString stem = name.left(name.size() - extension.size());
    // Dots, not colons, in the time: the key may be downloaded to a system that refuses ':' in names.
    return folder + stem + u" (edited "_s + when.toString(u"yyyy-MM-dd hh.mm.ss"_s) + u')' + extension;
}

FileState readFileState(const QString &path)
{
    FileState state;
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile())
        return state;
    state.exists = true;
    state.size = info.size();
    state.modified = info.lastModified();
    if (state.size <= HashLimitBytes) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            QCryptographicHash hash(QCryptographicHash::Sha256);
            if (hash.addData(&file))
                state.hash = hash.result();
        }
    }
    return state;
}

Change decideChange(const FileState &baseline, const FileState &now)
{
    if (!now.exists)
        return Change::Missing;
    if (!baseline.exists || baseline.size != now.size)
        return Change::Changed;
    if (!baseline.hash.isEmpty() && !now.hash.isEmpty())
        return baseline.hash == now.hash ? Change::Unchanged : Change::Changed;
    return baseline.modified == now.modified ? Change::Unchanged : Change::Changed;
}

bool isConflict(const QString &openedEtag, const QString &currentEtag, bool exists)
{
    if (!exists)
        return true;
    const auto bare = [](QString etag) {
        if (etag.size() >= 2 && etag.startsWith(u'"') && etag.endsWith(u'"'))
            etag = etag.mid(1, etag.size() - 2);
        return etag;
    };
    return bare(openedEtag) != bare(currentEtag);
}

} // namespace s3ui::editfiles
