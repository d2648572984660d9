// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include "s3core/auth/credentials.h"
#include "s3core/clock.h"
#include "s3core/endpoint.h"
#include "s3core/result.h"
#include "s3core/s3core_export.h"

/**
 * AWS Signature Version 4 as pure functions (each step testable against published vectors) plus a small
 * Signer that applies them with an injected clock. Hashing and HMAC go through OpenSSL EVP (s3core/crypto.h).
 */
namespace s3::sigv4 {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

inline constexpr char Algorithm[] = "AWS4-HMAC-SHA256";
inline constexpr char UnsignedPayload[] = "UNSIGNED-PAYLOAD";
inline constexpr qint64 MaxPresignExpirySeconds = 7 * 24 * 3600;

struct CanonicalRequestInput
{
    QByteArray method;      ///< upper case
    QByteArray encodedPath; ///< already encoded, used as is ("/" when empty)
    QueryItems query;       ///< decoded; sorted and encoded here
    HeaderList headers;     ///< every header to sign, including host; any case, values trimmed here
    QByteArray payloadHash; ///< hex SHA-256 or UNSIGNED-PAYLOAD
};

S3CORE_EXPORT QByteArray amzDate(const QDateTime &utc);   ///< "20240101T000000Z"
S3CORE_EXPORT QByteArray dateStamp(const QDateTime &utc); ///< "20240101"
S3CORE_EXPORT QByteArray credentialScope(const QDateTime &utc, const QString &region, const QString &service);
/** Sorted by encoded name, then value; names and values encoded, empty values kept as "name=". */
S3CORE_EXPORT QByteArray canonicalQueryString(const QueryItems &query);
/** Lower-cased, sorted, values trimmed and inner whitespace runs folded; repeated names joined with ','. */
S3CORE_EXPORT QByteArray canonicalHeaders(const HeaderList &headers);
S3CORE_EXPORT QByteArray signedHeaders(const HeaderList &headers);
S3CORE_EXPORT QByteArray canonicalRequest(const CanonicalRequestInput &input);
S3CORE_EXPORT QByteArray stringToSign(const QByteArray &canonicalRequest, const QDateTime &utc, const QByteArray &scope);
S3CORE_EXPORT QByteArray signingKey(const QString &secret, const QDateTime &utc, const QString &region, const QString &service);
/** Hex HMAC-SHA256 of the string to sign. */
S3CORE_EXPORT QByteArray signature(const QByteArray &signingKey, const QByteArray &stringToSign);

/**
 * Signs requests for one region and service. Thread-safe (no mutable state).
 */
class S3CORE_EXPORT Signer
{
public:
    explicit Signer(QString region, QString service = QStringLiteral("s3"), Clock clock = systemClock());

    QString region() const { return m_region; }

    /**
     * Headers to add to the request: x-amz-date, x-amz-content-sha256, x-amz-security-token (with a session
     * token) and authorization. `headers` are the request's own headers to sign (host is added from the target;
     * any x-amz-date/authorization given is ignored rather than duplicated).
     */
    HeaderList sign(const Credentials &credentials, const QByteArray &method, const RequestTarget &target,
                    const HeaderList &headers, const QByteArray &payloadHash) const;

    /**
     * Query-string signed URL, as botocore generates it: X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date,
     * X-Amz-Expires, X-Amz-SignedHeaders (host plus `headers`), X-Amz-Security-Token with a session token,
     * X-Amz-Signature last; payload UNSIGNED-PAYLOAD. Expiry must be 1 s ... 7 days.
     */
    Result<QUrl> presign(const Credentials &credentials, const QByteArray &method, const RequestTarget &target,
                         qint64 expiresSeconds, const HeaderList &headers = {}) const;

private:
    QString m_region;
    QString m_service;
    Clock m_clock;
};

} // namespace s3::sigv4
