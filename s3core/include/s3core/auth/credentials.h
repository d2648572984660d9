// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QDebug>
#include <QList>
#include <QString>
#include <QUrl>

#include "s3core/s3core_export.h"

namespace s3 {

/**
 * AWS credentials. The secret and the session token never appear in debug output (see operator<<).
 */
struct S3CORE_EXPORT Credentials
{
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;   ///< empty for long-term keys
    QDateTime expiry;       ///< UTC; invalid = does not expire
    QString source;         ///< where they came from ("environment", "profile dev in /home/u/.aws/credentials", ...)

    /** Both the key id and the secret are present. */
    bool isComplete() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
    bool isTemporary() const { return !sessionToken.isEmpty(); }
    /** Expired, or expiring within marginSeconds of now. */
    bool isExpired(const QDateTime &now, qint64 marginSeconds = 0) const
    {
        return expiry.isValid() && now.addSecs(marginSeconds) >= expiry;
    }
};

/** Field-by-field merge: for each field the first non-empty value in the list wins (the reference client's merge). */
S3CORE_EXPORT Credentials mergeCredentials(const QList<Credentials> &candidates);

/** Credentials from "http://KEY:SECRET@host" user info (percent-decoded); empty if the URL has none. */
S3CORE_EXPORT Credentials credentialsFromUrl(const QUrl &url);

/**
 * An expiry time as credential sources write it: ISO 8601 with 'Z' or an offset, any number of fraction digits
 * (STS servers send nanoseconds), or botocore's cache form "2030-01-01T00:00:00UTC". UTC; invalid if it does
 * not parse.
 */
S3CORE_EXPORT QDateTime parseExpiration(const QString &text);

/** Prints the key id and the source; the secret and token are shown only as "<redacted>". */
S3CORE_EXPORT QDebug operator<<(QDebug debug, const Credentials &credentials);

} // namespace s3
