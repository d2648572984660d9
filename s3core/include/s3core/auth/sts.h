// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include "s3core/auth/credentials.h"
#include "s3core/endpoint.h"
#include "s3core/result.h"
#include "s3core/s3core_export.h"

/** Pure parts of the STS sources: the Query API answer, errors, and awscli's credential cache file. */
namespace s3::sts {

/** Largest STS answer read (a real one is about 1-3 KiB). */
inline constexpr qsizetype MaxAnswerBytes = 64 * 1024;

/** Credentials of an AssumeRole / AssumeRoleWithWebIdentity answer, plus the assumed role's ARN and id. */
struct AssumedRole
{
    Credentials credentials;
    QString assumedRoleArn;
    QString assumedRoleId;
};

/**
 * Parses <AssumeRoleResponse> or <AssumeRoleWithWebIdentityResponse> with a streaming reader: Credentials
 * (AccessKeyId, SecretAccessKey, SessionToken, Expiration) and AssumedRoleUser. An <ErrorResponse> gives that
 * error (parseError). Malformed, oversized or incomplete answers are Invalid errors that say what is missing,
 * never quoting the answer (it holds secrets).
 */
S3CORE_EXPORT Result<AssumedRole> parseAssumeRoleResponse(const QByteArray &body);

/**
 * An STS <ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse> as an S3Error (kind None if
 * the body is not one). AccessDenied and the other refusals are Auth errors.
 */
S3CORE_EXPORT S3Error parseError(const QByteArray &body, int httpStatus);

/**
 * Pure. True when an STS error says the request's time was refused (the signature too old or too new):
 * RequestTimeTooSkewed, RequestExpired, or SignatureDoesNotMatch / InvalidSignatureException saying
 * "Signature expired" or "Signature not yet current" (what AWS STS answers a skewed clock).
 */
S3CORE_EXPORT bool isTimeRefusal(const S3Error &error);

/**
 * The name awscli gives the cache file of an assumed role: SHA-1 (hex) of the AssumeRole arguments without
 * RoleSessionName as JSON with sorted keys (Python's json.dumps(sort_keys=True) spacing), ':' and '/' replaced by
 * '_'. Arguments are "RoleArn", "ExternalId", "SerialNumber", "DurationSeconds" (a number) as configured.
 */
S3CORE_EXPORT QString cacheKey(const QString &roleArn, const QString &externalId, const QString &serialNumber,
                               qint64 durationSeconds);

/**
 * The JSON awscli keeps in ~/.aws/cli/cache/<key>.json: {"Credentials": {AccessKeyId, SecretAccessKey,
 * SessionToken, Expiration}, "AssumedRoleUser": {...}}. Expiration in botocore's form "2030-01-01T00:00:00UTC".
 */
S3CORE_EXPORT QByteArray cacheFileContent(const AssumedRole &role);

/** Reads such a file (written by awscli or by us); bounded to MaxAnswerBytes; errors say what is wrong. */
S3CORE_EXPORT Result<Credentials> parseCacheFile(const QByteArray &content);

/** The form body of an STS Query API call (Version 2011-06-15), keys in the given order. */
S3CORE_EXPORT QByteArray formBody(const QueryItems &parameters);

} // namespace s3::sts
