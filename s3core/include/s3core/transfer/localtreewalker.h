// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <vector>

#include <QFileInfo>
#include <QList>
#include <QString>

#include "s3core/s3core_export.h"
#include "s3core/transfer/syncplan.h"

namespace s3 {

/**
 * The files below a local folder in S3 key order (the UTF-8 bytes of the path relative to the folder), for a
 * sync's merge with a listing. Memory: one sorted directory listing per level of the current path, not the tree.
 * A folder "a" sorts as "a/", so "a-b" (0x2d) comes before "a/b" and "a0" (0x30) after it, as in a listing.
 * Left out: dangling symbolic links, links to folders (never followed: a link could lead outside the root or
 * round in a circle), anything not a regular file (sockets, FIFOs, devices), and the download engine's own
 * partial and state files (DownloadTask::isOwnFileName). A folder that cannot be read is left out too and
 * recorded in problems().
 */
class S3CORE_EXPORT LocalTreeWalker
{
public:
    explicit LocalTreeWalker(const QString &root);

    /** The next file, or nothing when the walk is complete. */
    std::optional<SyncEntry> next();
    /** Up to max files (fewer only at the end). */
    QList<SyncEntry> take(qsizetype max);
    bool atEnd() const { return m_levels.empty(); }
    const QStringList &problems() const { return m_problems; }

private:
    struct Child
    {
        QByteArray sortKey; ///< the name's UTF-8 bytes, '/' appended for a folder
        QFileInfo info;
        bool folder = false;
    };
    struct Level
    {
        QString relative; ///< "" for the root, "a/b/" below
        QList<Child> children;
        qsizetype index = 0;
    };
    void enter(const QString &relative);

    QString m_root;
    std::vector<Level> m_levels;
    QStringList m_problems;
};

} // namespace s3
