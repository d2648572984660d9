// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include "s3core/result.h"
#include "s3core/s3core_export.h"

namespace s3::localfs {

/** The longest file name (one path segment) local file systems take, in bytes of its encoded form. */
constexpr int MaxNameBytes = 255;

/** An open folder (a descriptor opened with O_DIRECTORY), closed on destruction. */
class S3CORE_EXPORT Directory
{
public:
    Directory() = default;
    Directory(int fd, QString path);
    ~Directory();
    Directory(Directory &&other) noexcept;
    Directory &operator=(Directory &&other) noexcept;
    Directory(const Directory &) = delete;
    Directory &operator=(const Directory &) = delete;

    bool isOpen() const { return m_fd >= 0; }
    int fd() const { return m_fd; }
    /** The folder's path, for messages (the descriptor, not this path, is what file operations use). */
    const QString &path() const { return m_path; }
    void close();

private:
    int m_fd = -1;
    QString m_path;
};

/** Where a destination lies below the folder the user chose: root + '/' + folder (may be empty) + '/' + name. */
struct Placement
{
    QString root;
    QString folder; ///< '/'-separated segments below root, "" for root itself
    QString name;   ///< the final file name
    friend bool operator==(const Placement &, const Placement &) = default;
};

/**
 * Splits destination into root, the folders below it and the file name. root "" means the destination's own
 * folder. Refused (Invalid): a destination not below root, one naming no file, a segment of "." or "..", and a
 * name longer than MaxNameBytes.
 */
S3CORE_EXPORT Result<Placement> placeBeneath(const QString &root, const QString &destination);

/**
 * Opens root/folder without ever following a symbolic link below root (root itself was chosen by the user and
 * may be or contain a link). Each segment is opened with openat(O_NOFOLLOW | O_DIRECTORY) from the one before,
 * so a link planted or swapped in while we walk is met, not followed. With create, missing folders are made
 * (mkdirat, usual umask mode), root included. A segment that is a link or not a folder is an Io error naming it.
 */
S3CORE_EXPORT Result<Directory> openBeneath(const QString &root, const QString &folder, bool create);

/**
 * The same walk without creating anything, to refuse a destination before queueing it: Ok when every existing
 * segment of folder is a real folder (missing ones are fine; they will be created), an Io error otherwise.
 */
S3CORE_EXPORT Result<Ok> checkBeneath(const QString &root, const QString &folder);

/**
 * Whether the file system holding path treats names that differ only in case as one file (vfat, exFAT, NTFS,
 * ext4 casefold folders, macOS defaults). Probed in the nearest existing folder of path by creating a temporary
 * file named like our partial files and looking it up with its case swapped. False when nothing can be probed.
 */
S3CORE_EXPORT bool foldsCase(const QString &path);

/** 16 lowercase hex digits from the system's random source: the token in partial and state file names. */
S3CORE_EXPORT QString randomToken();

} // namespace s3::localfs
