// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFileDevice>
#include <QString>

#include "s3core/result.h"
#include "s3core/s3core_export.h"

namespace s3 {

/** rwx for the owner only: S3Desk's configuration and data folders. */
inline constexpr QFileDevice::Permissions PrivateFolderPermissions =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
/** rw for the owner only: connections, settings, transfer queues, download state. */
inline constexpr QFileDevice::Permissions PrivateFilePermissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

/**
 * Creates the folder `path` (its missing parents as the umask says) with mode 0700, or tightens an existing
 * one to 0700: folders written by older versions were created with the umask. An error names the folder
 * and the cause.
 */
S3CORE_EXPORT Result<Ok> ensurePrivateFolder(const QString &path);

/**
 * Creates `path` empty with mode 0600 when it does not exist, else tightens it to 0600. For files written
 * by a library that creates them with the umask (QSettings): that writer keeps the mode of an existing
 * file, so creating the file first keeps every later version private.
 */
S3CORE_EXPORT Result<Ok> ensurePrivateFile(const QString &path);

/** Tightens an existing file to 0600; a missing file is no error. */
S3CORE_EXPORT Result<Ok> tightenPrivateFile(const QString &path);

} // namespace s3
