// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include "s3core/result.h"
#include "s3core/s3core_export.h"

namespace s3 {

/**
 * An SSO access token as awscli keeps it in ~/.aws/sso/cache/<key>.json. The access token, refresh token and
 * client secret are secrets: they never go to logs or messages.
 */
struct SsoToken
{
    QString startUrl;
    QString region;
    QString accessToken;
    QDateTime expiresAt;            ///< UTC
    QString clientId;               ///< the OIDC client registration, kept alongside for refreshing
    QString clientSecret;
    QString registrationExpiresAt;  ///< as written (kept verbatim, as botocore does when it refreshes)
    QString refreshToken;           ///< empty: the token cannot be refreshed

    /** The registration's expiry, parsed (invalid when absent or unparseable). */
    QDateTime registrationExpiry() const;
    /** Has the refresh token and a registration that has not expired at `now`. */
    bool canRefresh(const QDateTime &now) const;
};

/** An OIDC client registration as awscli caches it (clientId, clientSecret, expiresAt, scopes). */
struct SsoRegistration
{
    QString clientId;
    QString clientSecret;
    QDateTime expiresAt;
    QStringList scopes;
};

/** Cache files are small; anything larger is refused before it is parsed. */
inline constexpr qint64 SsoCacheFileMaxBytes = 64 * 1024;

/**
 * Timestamps as botocore reads them (dateutil): "2026-12-04T10:00:00Z", with fractions, with an offset, or
 * with a "UTC" suffix (older awscli versions). Invalid QDateTime when it is none of these.
 */
S3CORE_EXPORT QDateTime parseSsoTimestamp(const QString &text);
/** "%Y-%m-%dT%H:%M:%SZ", the format awscli writes. */
S3CORE_EXPORT QString formatSsoTimestamp(const QDateTime &time);

/** Parses a token cache file. accessToken and expiresAt are required (botocore's check); errors name `where`. */
S3CORE_EXPORT Result<SsoToken> parseSsoToken(const QByteArray &json, const QString &where);
/** The file content exactly as awscli writes it (Python's json.dumps: ", " and ": ", ASCII only, botocore's key order). */
S3CORE_EXPORT QByteArray serializeSsoToken(const SsoToken &token);

S3CORE_EXPORT Result<SsoRegistration> parseSsoRegistration(const QByteArray &json, const QString &where);
S3CORE_EXPORT QByteArray serializeSsoRegistration(const SsoRegistration &registration);

/** sha1 hex of the session name (sso_session form) or of the start URL (legacy form). */
S3CORE_EXPORT QString ssoTokenCacheKey(const QString &sessionName, const QString &startUrl);
/** botocore's registration key: sha1 hex of the sorted JSON of tool, startUrl, region, scopes and session name. */
S3CORE_EXPORT QString ssoRegistrationCacheKey(const QString &startUrl, const QString &region, const QStringList &scopes,
                                              const QString &sessionName);

/** Python json.dumps of one string (quotes included, non-ASCII as \\uXXXX). */
S3CORE_EXPORT QByteArray pythonJsonString(const QString &text);

/** Reads <folder>/<key>.json with the size limit. A missing file is an Auth error with SsoSignInRequiredCode. */
S3CORE_EXPORT Result<SsoToken> readSsoTokenFile(const QString &path);
S3CORE_EXPORT Result<SsoRegistration> readSsoRegistrationFile(const QString &path);
/** Writes atomically with mode 0600 (the folder is created 0700 when missing). */
S3CORE_EXPORT Result<Ok> writeSsoCacheFile(const QString &path, const QByteArray &content);

} // namespace s3
