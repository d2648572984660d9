// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include "s3core/result.h"

namespace s3ui {

/** A place in the browser: a bucket ("" = the bucket list) and a prefix ("" or ending in '/'). */
struct S3Location
{
    QString bucket;
    QString prefix;
    bool operator==(const S3Location &) const = default;
};

/**
 * What the user typed in the location bar: "s3://bucket/folder/", "bucket/folder", "/bucket", "s3://" (the
 * bucket list). A prefix always names a folder (a '/' is added). Refused, with the reason: a web address,
 * a bucket name with characters S3 never allows, control characters, more than 1,024 bytes of key.
 */
s3::Result<S3Location> parseS3Location(const QString &text);

} // namespace s3ui
