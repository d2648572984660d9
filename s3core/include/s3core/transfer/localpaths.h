// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include "s3core/result.h"
#include "s3core/s3core_export.h"

namespace s3 {

/**
 * Where an object goes when a prefix is downloaded into a folder: root + the key's part after the prefix.
 * Keys are untrusted input: a key like "../../x", "/etc/passwd", "a/./b", "C:\\x" or one with a NUL can
 * never produce a path outside root: such keys are refused with an Invalid error naming the key. Empty
 * segments ("a//b") are dropped. Keys ending in '/' (folder markers) give the folder's path with a trailing '/';
 * the prefix's own marker (key "dir/" for prefix "dir/") gives root + '/'.
 */
S3CORE_EXPORT Result<QString> localPathForKey(const QString &root, const QString &prefix, const QString &key);

/** The key for a local file when a folder is uploaded: prefix + the path relative to root, with '/' separators. */
S3CORE_EXPORT QString keyForLocalFile(const QString &root, const QString &filePath, const QString &prefix);

/** "64M", "8MiB", "1g", "1048576" -> bytes; -1 if not a size. */
S3CORE_EXPORT qint64 parseByteSize(const QString &text);

} // namespace s3
