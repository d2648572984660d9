// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace s3ui {

/** S3 allows keys of at most this many bytes (UTF-8). */
inline constexpr qsizetype MaxKeyBytes = 1024;

/**
 * What is wrong with a name typed for a new object or folder in `prefix` (empty: nothing). `nested` allows
 * '/' between parts ("a/b" for a new folder); the parts may not be empty, "." or ".."; no control characters;
 * the whole key (prefix + name, plus '/' for a folder) at most MaxKeyBytes bytes. One trailing '/' of a folder
 * name is ignored. The message says which rule failed, for the line under the field.
 */
QString objectNameProblem(const QString &prefix, const QString &name, bool folder, bool nested);

/** The name without one trailing '/' (what objectNameProblem() checks for a folder). */
QString folderNameWithoutSlash(const QString &name);

/** What is wrong with a bucket name (S3 naming rules, see s3::validateBucketName), or empty. */
QString bucketNameProblem(const QString &name);

/** How many characters of a file name the rename field pre-selects: the name without its extension. */
qsizetype nameStemLength(const QString &name, bool folder);

} // namespace s3ui
