// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include "s3core/auth/credentials.h"
#include "s3core/result.h"
#include "s3core/s3core_export.h"

namespace s3 {

// Pure parsers of the IAM Identity Center answers (OIDC: RegisterClient, StartDeviceAuthorization, CreateToken;
// portal: GetRoleCredentials). The bodies are untrusted: each is bounded by the caller and checked here.

/** Answers larger than this are refused. */
inline constexpr qint64 SsoAnswerMaxBytes = 256 * 1024;

struct SsoClientRegistrationAnswer
{
    QString clientId;
    QString clientSecret;
    qint64 clientSecretExpiresAt = 0; ///< seconds since the epoch
};

struct SsoDeviceAuthorizationAnswer
{
    QString deviceCode;
    QString userCode;
    QString verificationUri;
    QString verificationUriComplete;
    qint64 expiresIn = 0;  ///< seconds
    qint64 interval = 5;   ///< seconds between polls (the RFC's default when absent)
};

struct SsoCreateTokenAnswer
{
    QString accessToken;
    qint64 expiresIn = 0;
    QString refreshToken; ///< may be absent
};

/** An OIDC or portal error: the code ("authorization_pending", "UnauthorizedException", ...) and its text. */
struct SsoServiceError
{
    QString code;        ///< OIDC: the "error" member (slow_down, ...); else the error type (x-amzn-ErrorType, __type)
    QString description; ///< error_description / message
};

S3CORE_EXPORT Result<SsoClientRegistrationAnswer> parseSsoRegisterClient(const QByteArray &body);
S3CORE_EXPORT Result<SsoDeviceAuthorizationAnswer> parseSsoDeviceAuthorization(const QByteArray &body);
S3CORE_EXPORT Result<SsoCreateTokenAnswer> parseSsoCreateToken(const QByteArray &body);
/** roleCredentials {accessKeyId, secretAccessKey, sessionToken, expiration (ms)} -> Credentials (source left empty). */
S3CORE_EXPORT Result<Credentials> parseSsoRoleCredentials(const QByteArray &body);
/** Never fails: unknown bodies give an empty code. errorTypeHeader: x-amzn-ErrorType ("Type:extra" is cut at ':'). */
S3CORE_EXPORT SsoServiceError parseSsoServiceError(const QByteArray &body, const QByteArray &errorTypeHeader);

} // namespace s3
