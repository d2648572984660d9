// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include "s3core/result.h"

namespace s3cli {

/** "s3://bucket/key/with/slashes" -> bucket + key (the key exactly as written; may be empty). */
struct S3Uri
{
    QString bucket;
    QString key;
};

bool isS3Uri(const QString &text);
s3::Result<S3Uri> parseS3Uri(const QString &text);

/**
 * The local path to write an object to when the user named a folder (or a path ending in '/'): the key's
 * last segment, refused if it is empty, "." or ".." so a key never escapes the chosen folder.
 */
s3::Result<QString> localTargetForKey(const QString &localPath, const QString &key);

} // namespace s3cli
