// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

#include "s3core/s3core_export.h"

namespace s3 {

struct BucketInfo
{
    QString name;
    QDateTime creationDate; // UTC
};

/** One object of a listing. Fields missing from the server's answer stay empty (the entry is still kept). */
struct ObjectInfo
{
    QString key;           // exactly as stored (decoded when the listing used encoding-type=url)
    qint64 size = 0;
    QString etag;          // as the server sent it, quotes included
    QDateTime lastModified; // UTC; invalid if absent or unparsable
    QString storageClass;  // empty if absent
    QString ownerId;
    QString ownerDisplayName;
};

struct ListObjectsPage
{
    QString bucket;
    QString prefix;
    QString delimiter;
    QList<ObjectInfo> objects;
    QList<QString> commonPrefixes;
    bool isTruncated = false;
    QString nextContinuationToken;
    QString startAfter;
    int keyCount = -1;
    int maxKeys = -1;
};

/** One entry of ListObjectVersions: a version of an object, or a delete marker (which has no data). */
struct ObjectVersion
{
    QString key;
    QString versionId;      // "null" for what was written while versioning was off or suspended
    bool isLatest = false;  // the current version (a latest delete marker: the object reads as deleted)
    bool isDeleteMarker = false;
    qint64 size = 0;        // 0 for delete markers
    QString etag;           // quotes included; empty for delete markers
    QDateTime lastModified; // UTC; invalid if absent or unparsable
    QString storageClass;
    QString ownerId;
    QString ownerDisplayName;
};

/** One ListObjectVersions page. Versions and delete markers in the server's order: by key, newest first. */
struct ListObjectVersionsPage
{
    QString bucket;
    QString prefix;
    QString delimiter;
    QString keyMarker;
    QString versionIdMarker;
    QList<ObjectVersion> versions;
    QList<QString> commonPrefixes;
    bool isTruncated = false;
    QString nextKeyMarker;
    QString nextVersionIdMarker;
    int maxKeys = -1;
};

/** A bucket's versioning state (GetBucketVersioning). A bucket never versioned has no status. */
enum class BucketVersioning { Unversioned, Enabled, Suspended };

struct ListBucketsResult
{
    QList<BucketInfo> buckets;
    QString ownerId;
    QString ownerDisplayName;
};

/** What HeadObject (or a GetObject's response headers) tells about an object. */
/** An archived object's restore (HEAD's x-amz-restore): requested, still running, or done until expiry. */
struct RestoreStatus
{
    bool requested = false; ///< the header was there: a restore was asked for
    bool ongoing = false;   ///< the copy is still being made
    QDateTime expiry;       ///< when done: when the restored copy goes away (UTC)
    friend bool operator==(const RestoreStatus &, const RestoreStatus &) = default;
};

struct ObjectMetadata
{
    QString key;
    qint64 size = -1;
    QString etag; // quotes included
    QString contentType;
    QString contentEncoding;
    QString contentDisposition;
    QString contentLanguage;
    QString cacheControl;
    QDateTime expires;
    QDateTime lastModified;
    QString storageClass;
    QString versionId;
    QString serverSideEncryption;   // x-amz-server-side-encryption ("AES256", "aws:kms", ...) or empty
    QString sseCustomerAlgorithm;   // x-amz-server-side-encryption-customer-algorithm (SSE-C) or empty
    QString sseKmsKeyId;            // x-amz-server-side-encryption-aws-kms-key-id (SSE-KMS) or empty
    int taggingCount = 0;           // x-amz-tagging-count: how many tags the object has
    QMap<QString, QString> userMetadata; // x-amz-meta-* without the prefix, names lower-cased
    RestoreStatus restore;          // x-amz-restore (archived objects)
};

/** One object tag (S3 allows up to 10 per object; keys up to 128 and values up to 256 characters). */
struct ObjectTag
{
    QString key;
    QString value;
    friend bool operator==(const ObjectTag &, const ObjectTag &) = default;
};

struct InitiateMultipartUploadResult
{
    QString bucket;
    QString key;
    QString uploadId;
};

struct CompletedPart
{
    int partNumber = 0;
    QString etag;
};

struct CompleteMultipartUploadResult
{
    QString location;
    QString bucket;
    QString key;
    QString etag;
};

struct CopyObjectResult
{
    QString etag;
    QDateTime lastModified;
};

struct DeletedObject
{
    QString key;
    QString versionId;
};

struct DeleteObjectError
{
    QString key;
    QString versionId;
    QString code;
    QString message;
};

struct DeleteObjectsResult
{
    QList<DeletedObject> deleted;
    QList<DeleteObjectError> errors;
};

struct PartInfo
{
    int partNumber = 0;
    QString etag;
    qint64 size = 0;
    QDateTime lastModified;
};

struct ListPartsResult
{
    QString bucket;
    QString key;
    QString uploadId;
    QList<PartInfo> parts;
    bool isTruncated = false;
    int nextPartNumberMarker = 0;
};

struct MultipartUploadInfo
{
    QString key;
    QString uploadId;
    QDateTime initiated;
    QString storageClass;
};

struct ListMultipartUploadsResult
{
    QString bucket;
    QList<MultipartUploadInfo> uploads;
    QList<QString> commonPrefixes;
    bool isTruncated = false;
    QString nextKeyMarker;
    QString nextUploadIdMarker;
};

/** "1.5 MiB" style, binary units. */
S3CORE_EXPORT QString formatByteSize(qint64 bytes);

} // namespace s3

Q_DECLARE_METATYPE(s3::ObjectInfo)
Q_DECLARE_METATYPE(s3::ListObjectsPage)
