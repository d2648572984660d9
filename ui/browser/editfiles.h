// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace s3ui::editfiles {

/** Files up to this size are hashed to tell a real change from a save that only touched the time. */
inline constexpr qint64 HashLimitBytes = 8ll * 1024 * 1024; // ~40 ms on the GUI thread at most

/**
 * The local file name for an object opened for viewing or editing: the key's last segment, made a safe name for
 * one file. Keys are untrusted: control characters, NUL, '/' parts, '\' and the characters Windows refuses
 * (": * ? \" < > |") become '_'; a name that is empty or only dots ("..") becomes "object"; a name longer than
 * localfs::MaxNameBytes (UTF-8 bytes) is cut, keeping its extension so the system still picks the right program.
 * The result is one path segment that s3::localPathForKey() accepts. Pure.
 */
QString localName(const QString &key);

/**
 * The key of the copy that "Save as copy" writes beside the object: "dir/a.txt" -> "dir/a (edited 2026-12-05
 * 01.02.03).txt", "dir/a" -> "dir/a (edited ...)", ".env" -> ".env (edited ...)". Pure.
 */
QString copyKey(const QString &key, const QDateTime &when);

/** What a local file looks like: enough to tell whether it changed. */
struct FileState
{
    bool exists = false;
    qint64 size = -1;
    QDateTime modified;
    QByteArray hash; ///< SHA-256 of the content; empty when not computed (file above HashLimitBytes)
    friend bool operator==(const FileState &, const FileState &) = default;
};

/** Reads the state of a file (hashing it when it is at most HashLimitBytes). Not pure: reads the disk. */
FileState readFileState(const QString &path);

enum class Change {
    Unchanged, ///< same bytes (an editor may have rewritten the file with the same content: not a change)
    Changed,   ///< the content differs (or cannot be shown to be the same: a large file with a new time)
    Missing,   ///< the file is not there (an editor replacing it by rename, for a moment): wait, decide later
};

/**
 * Whether the file changed since `baseline` (what was downloaded, or last uploaded or ignored). Size first, then
 * the time, then the hashes when both have one. Pure.
 */
Change decideChange(const FileState &baseline, const FileState &now);

/**
 * Whether uploading back would overwrite something the user has not seen: the object's ETag now (currentEtag,
 * from a HEAD just before the upload) differs from the one it had when it was opened, or the object is gone.
 * Quotes around ETags are ignored. Pure.
 */
bool isConflict(const QString &openedEtag, const QString &currentEtag, bool exists);

} // namespace s3ui::editfiles
