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

/** Where an s3:// link opens: a folder, or the object `name` selected in that folder. */
struct S3UrlTarget
{
    QString bucket;
    QString prefix; ///< "" or ending in '/'
    QString name;   ///< the object to select (relative to prefix); empty when the link names a folder
    bool operator==(const S3UrlTarget &) const = default;
};

/**
 * An s3:// link given to the app (command line, the desktop's x-scheme-handler/s3): "s3://bucket/folder/"
 * opens the folder, "s3://bucket/folder/file" selects the file in it. Unlike the location bar, a link is a URL:
 * it is percent-decoded ("%20" is a space; a literal '%' must be "%25"; '+' stays '+'), the scheme is
 * required and a bucket must be named. A raw space is taken as written (people paste links with spaces).
 * Refused, with the reason: another scheme, no bucket, a name that cannot be a bucket (3 to 63 letters, digits,
 * '.', '-', '_', starting and ending with a letter or digit), broken percent-encoding or UTF-8, control
 * characters, more than 1,024 bytes of key.
 */
s3::Result<S3UrlTarget> parseS3Url(const QString &url);

} // namespace s3ui
