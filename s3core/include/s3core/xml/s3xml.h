// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

#include "s3core/result.h"
#include "s3core/s3core_export.h"
#include "s3core/acl.h"
#include "s3core/types.h"

/**
 * Pure parsers (QByteArray -> Result<T>) and builders for S3's XML bodies. Elements are matched by local
 * name, so documents with or without the S3 namespace parse alike. Malformed XML gives an Invalid error
 * that says where; a success document that is actually an <Error> gives that S3 error.
 */
namespace s3::xml {

/**
 * Parses an <Error> document into an S3 error (code, message, request id, resource, region, endpoint).
 * Returns an empty S3Error (kind None) if the body is not an <Error> document.
 */
S3CORE_EXPORT S3Error parseError(const QByteArray &body, int httpStatus);

/** True if the body's root element is <Error> (a 200 response can carry one: Complete, Copy). */
S3CORE_EXPORT bool isErrorDocument(const QByteArray &body);

S3CORE_EXPORT Result<ListBucketsResult> parseListBuckets(const QByteArray &body);
/** ListObjectsV2 page; when urlEncoded (encoding-type=url was requested) keys/prefixes are percent-decoded. */
S3CORE_EXPORT Result<ListObjectsPage> parseListObjectsV2(const QByteArray &body, bool urlEncoded);
/**
 * ListObjectVersions page (<ListVersionsResult>); when urlEncoded (encoding-type=url was requested) keys, prefixes
 * and key markers are percent-decoded. More than MaxEntriesInVersionsPage entries (versions, delete markers and
 * prefixes; a page asks for at most 1,000), a version id longer than MaxVersionIdLength, an entry without key or
 * version id, or a truncated page without NextKeyMarker is an Invalid error.
 */
inline constexpr int MaxEntriesInVersionsPage = 10000;
inline constexpr int MaxVersionIdLength = 1024;
S3CORE_EXPORT Result<ListObjectVersionsPage> parseListObjectVersions(const QByteArray &body, bool urlEncoded);
/**
 * <VersioningConfiguration> of GetBucketVersioning: no <Status> (or an empty body) is a bucket never versioned;
 * a status other than Enabled / Suspended is an Invalid error.
 */
S3CORE_EXPORT Result<BucketVersioning> parseVersioningConfiguration(const QByteArray &body);
/** <VersioningConfiguration> body of PutBucketVersioning (Enabled or Suspended; Unversioned is not a state one can set). */
S3CORE_EXPORT QByteArray buildVersioningConfiguration(BucketVersioning status);
S3CORE_EXPORT Result<InitiateMultipartUploadResult> parseInitiateMultipartUpload(const QByteArray &body);
S3CORE_EXPORT Result<CompleteMultipartUploadResult> parseCompleteMultipartUpload(const QByteArray &body);
S3CORE_EXPORT Result<CopyObjectResult> parseCopyObject(const QByteArray &body);
S3CORE_EXPORT Result<DeleteObjectsResult> parseDeleteObjects(const QByteArray &body);
S3CORE_EXPORT Result<ListPartsResult> parseListParts(const QByteArray &body);
S3CORE_EXPORT Result<ListMultipartUploadsResult> parseListMultipartUploads(const QByteArray &body);
/**
 * <Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging> of GetObjectTagging. More than
 * MaxTagsInAnswer tags, an empty or repeated key is an Invalid error (S3 allows 10 per object, 50 per bucket).
 * An empty body is no tags (Ceph RGW 16's answer for an object without tags).
 */
inline constexpr int MaxTagsInAnswer = 50;
S3CORE_EXPORT Result<QList<ObjectTag>> parseTagging(const QByteArray &body);
/** True if the body is a well-formed <AccessControlPolicy> (GetObjectAcl), which PutObjectAcl accepts back. */
S3CORE_EXPORT bool isAccessControlPolicy(const QByteArray &body);
/**
 * <AccessControlPolicy><Owner/><AccessControlList><Grant><Grantee/><Permission/></Grant>...</AccessControlList>
 * of GetObjectAcl / GetBucketAcl. S3 allows 100 grants; more than MaxGrantsInAnswer, a grant without a grantee
 * or a permission is an Invalid error.
 */
inline constexpr int MaxGrantsInAnswer = 1000;
S3CORE_EXPORT Result<AccessControlPolicy> parseAccessControlPolicy(const QByteArray &body);
/** <Tagging> body for PutObjectTagging / PutBucketTagging. */
S3CORE_EXPORT QByteArray buildTagging(const QList<ObjectTag> &tags);
/** <LocationConstraint> of GetBucketLocation; empty means us-east-1. */
S3CORE_EXPORT Result<QString> parseBucketLocation(const QByteArray &body);

/** <CompleteMultipartUpload> with the parts sorted by number, ETags as given (quotes kept if present). */
S3CORE_EXPORT QByteArray buildCompleteMultipartUpload(QList<CompletedPart> parts);
/**
 * <Delete> body for DeleteObjects (quiet mode reports only errors). At most 1000 keys: the caller batches.
 * Returns an empty QByteArray if any key fails isXmlSafeKey(): such a key cannot be written into XML 1.0
 * unchanged, and an altered key would delete another object. Delete those keys one by one with DeleteObject.
 */
S3CORE_EXPORT QByteArray buildDeleteObjects(const QStringList &keys, bool quiet);
/** The same with a version id per key (same length as keys; an empty id deletes the current version). */
S3CORE_EXPORT QByteArray buildDeleteObjects(const QStringList &keys, const QStringList &versionIds, bool quiet);
/**
 * True if the key can travel in an XML 1.0 body (buildDeleteObjects) unchanged: no control characters other
 * than tab, line feed and carriage return (written as &#13;), no U+FFFE/U+FFFF and no unpaired surrogate.
 * For other keys the caller uses the per-key DeleteObject.
 */
S3CORE_EXPORT bool isXmlSafeKey(const QString &key);
/** <CreateBucketConfiguration> for a region other than us-east-1; empty for us-east-1 or an empty region. */
S3CORE_EXPORT QByteArray buildCreateBucketConfiguration(const QString &region);

/** S3 timestamps: ISO 8601 with or without fraction, 'Z' or an offset; returns UTC, invalid on failure. */
S3CORE_EXPORT QDateTime parseTimestamp(const QString &text);

} // namespace s3::xml
