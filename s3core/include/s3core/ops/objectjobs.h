// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QDateTime>
#include <QFile>
#include <QMap>

#include "s3core/net/s3job.h"
#include "s3core/ssecustomerkey.h"
#include "s3core/types.h"

class QIODevice;

namespace s3 {

/** Object metadata from response headers (HeadObject/GetObject). */
S3CORE_EXPORT Result<ObjectMetadata> metadataFromReply(QNetworkReply *reply, const QString &key);

/** Content type for a file name by its extension (QMimeDatabase), "application/octet-stream" when unknown. */
S3CORE_EXPORT QString contentTypeForName(const QString &fileName);

/** HEAD /bucket/key. A missing object fails with code "NotFound" (HTTP 404; HEAD answers have no body). */
class S3CORE_EXPORT HeadObjectJob final : public S3Job
{
    Q_OBJECT
public:
    HeadObjectJob(S3Client *client, QString bucket, QString key, QObject *parent = nullptr);
    /** That version of the object instead of the current one (a delete marker answers 405 MethodNotAllowed). */
    void setVersionId(const QString &versionId) { m_versionId = versionId; }
    /** The customer key of an SSE-C object (S3 refuses a HEAD of one without it). */
    void setSseCustomerKey(const SseCustomerKey &key) { m_sseCustomerKey = key; }
    const ObjectMetadata &metadata() const { return m_metadata; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;
    S3Error explainError(S3Error error) const override;

private:
    QString m_bucket;
    QString m_key;
    QString m_versionId;
    SseCustomerKey m_sseCustomerKey;
    ObjectMetadata m_metadata;
};

/** Conditions and range for GetObject. */
struct GetObjectOptions
{
    qint64 rangeFirst = -1;      ///< -1: whole object
    qint64 rangeLast = -1;       ///< inclusive; -1 with rangeFirst >= 0: to the end
    QString ifMatch;             ///< ETag (quotes as the server gave them)
    QString ifNoneMatch;
    QDateTime ifModifiedSince;
    QDateTime ifUnmodifiedSince;
};

/**
 * GET /bucket/key, either into memory (up to maxMemoryBytes) or streamed to a file.
 * File mode writes into "<path>.s3desk-part" and renames it over <path> only when the whole body arrived
 * with the announced length; on failure or cancel the partial file is removed and an existing <path> is
 * left untouched.
 */
class S3CORE_EXPORT GetObjectJob final : public S3Job
{
    Q_OBJECT
public:
    GetObjectJob(S3Client *client, QString bucket, QString key, QObject *parent = nullptr);
    ~GetObjectJob() override;

    void setOptions(const GetObjectOptions &options) { m_options = options; }
    /** That version of the object instead of the current one. */
    void setVersionId(const QString &versionId) { m_versionId = versionId; }
    /** The customer key of an SSE-C object (S3 refuses a GET of one without it). */
    void setSseCustomerKey(const SseCustomerKey &key) { m_sseCustomerKey = key; }
    /** Stream the body to this file (see class comment). */
    void setDestinationFile(const QString &path) { m_destination = path; }
    /**
     * Stream the body into this device as it arrives (standard output...), without limit. Bytes written cannot be
     * taken back, so the request is not retried once any byte went out. The device must outlive the job.
     */
    void setSink(QIODevice *sink) { m_sink = sink; }
    /** Limit for in-memory downloads (default 64 MiB); larger bodies fail with an Invalid error. */
    void setMaxMemoryBytes(qint64 bytes) { m_maxMemory = bytes; }

    const QByteArray &data() const { return m_data; }
    const ObjectMetadata &metadata() const { return m_metadata; }
    qint64 bytesReceived() const { return m_received; }

    static QString partialFileName(const QString &destination);

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;
    bool streamsResponseBody() const override { return true; }
    Result<Ok> handleBodyData(const QByteArray &data) override;
    void resetForRetry() override;
    void cleanupAfterFailure() override;
    bool canRetry() const override { return !m_sink || m_received == 0; }
    S3Error explainError(S3Error error) const override;

private:
    QString m_bucket;
    QString m_key;
    QString m_versionId;
    SseCustomerKey m_sseCustomerKey;
    QIODevice *m_sink = nullptr;
    GetObjectOptions m_options;
    QString m_destination;
    qint64 m_maxMemory = 64ll * 1024 * 1024;
    std::unique_ptr<QFile> m_file;
    QByteArray m_data;
    qint64 m_received = 0;
    ObjectMetadata m_metadata;
};

/** What PutObject and CopyObject (with REPLACE) store along with the data. */
struct ObjectAttributes
{
    QString contentType;                 ///< empty: inferred from the file name (or key)
    QString cacheControl;
    QString contentDisposition;
    QString contentEncoding;
    QString contentLanguage;
    QString storageClass;
    QDateTime expires;                   ///< the Expires header; invalid: none
    QString serverSideEncryption;        ///< "AES256" or "aws:kms"; empty: the bucket's default
    QString sseKmsKeyId;                 ///< with "aws:kms": the key; empty: the account's default key
    QList<ObjectTag> tags;               ///< sent as x-amz-tagging (empty: none)
    QMap<QString, QString> userMetadata; ///< stored as x-amz-meta-<name>
    QString cannedAcl;                   ///< x-amz-acl on uploads (private, public-read, ...); empty: the bucket's default
    /** SSE-C: the object is encrypted with this customer key (null: not SSE-C; then serverSideEncryption applies). */
    SseCustomerKey sseCustomerKey;
};

/**
 * Checks what S3 would refuse only after the bytes went up: at most 10 tags with keys of 1-128 and values of at
 * most 256 characters, no key twice; encryption AES256 or aws:kms (a KMS key id only with aws:kms); a canned ACL
 * S3 knows. The message names the field and the rule.
 */
S3CORE_EXPORT Result<Ok> validateObjectAttributes(const ObjectAttributes &attributes);

/**
 * The rules S3 applies to an object's tags (PutObjectTagging, x-amz-tagging): at most 10 tags; keys of 1-128 and
 * values of 0-256 Unicode characters (code points, not UTF-16 units or bytes) made only of letters, digits,
 * spaces and + - = . _ : / @; no key twice (keys are case-sensitive); no key starting with "aws:" (in any case),
 * which AWS keeps for itself. The message names the tag and the rule.
 */
S3CORE_EXPORT Result<Ok> validateTags(const QList<ObjectTag> &tags);

/**
 * The warning for an upload that asked for SSE-S3 or SSE-KMS (attributes) when the server's answer
 * (x-amz-server-side-encryption, here answered) does not say the object is encrypted; empty when there is nothing
 * to say. Some servers store the object unencrypted without an error (Ceph RGW 16 with AES256).
 */
S3CORE_EXPORT QString unappliedEncryptionWarning(const QString &key, const ObjectAttributes &attributes, const QString &answered);

/**
 * What a copy must give again to keep an object as it is: content headers, Expires, storage class, user
 * metadata and SSE-S3/SSE-KMS encryption, taken from its HEAD. Tags are not in a HEAD answer (only their count):
 * the caller fetches them (GetObjectTaggingJob) when taggingCount > 0.
 */
S3CORE_EXPORT ObjectAttributes attributesFromMetadata(const ObjectMetadata &metadata);

/** x-amz-tagging value: "k1=v1&k2=v2", each part URL-encoded. */
S3CORE_EXPORT QByteArray taggingHeaderValue(const QList<ObjectTag> &tags);

/**
 * PUT /bucket/key from memory, a file (streamed from disk), or a stream of unknown length (buffered up to
 * MaxBufferedStreamBytes, refused above: large streams go through the multipart engine). Sends Content-MD5
 * so the server verifies the bytes, and signs the SHA-256 of the payload (both computed in one pass off the
 * calling thread for files). Single PUTs are limited to 5 GiB by S3.
 */
class S3CORE_EXPORT PutObjectJob final : public S3Job
{
    Q_OBJECT
public:
    static constexpr qint64 MaxBufferedStreamBytes = 64ll * 1024 * 1024;
    static constexpr qint64 MaxSinglePutBytes = 5ll * 1024 * 1024 * 1024;

    PutObjectJob(S3Client *client, QString bucket, QString key, QObject *parent = nullptr);

    void setData(QByteArray data);
    void setFile(const QString &path);
    /** Reads the device to its end (it must stay valid until the job finishes). */
    void setStream(QIODevice *device);
    void setAttributes(const ObjectAttributes &attributes) { m_attributes = attributes; }

    QString etag() const { return m_etag; }
    QString versionId() const { return m_versionId; }
    /** The x-amz-server-side-encryption the server answered (empty: it does not say the object is encrypted). */
    QString serverSideEncryption() const { return m_serverSideEncryption; }

protected:
    void prepare(std::function<void(Result<Ok>)> ready) override;
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    void readStream(std::function<void(Result<Ok>)> ready);

    QString m_bucket;
    QString m_key;
    QByteArray m_data;
    QString m_file;
    QIODevice *m_stream = nullptr;
    ObjectAttributes m_attributes;
    QByteArray m_sha256Hex;
    QByteArray m_md5Base64;
    qint64 m_fileSize = -1;
    QDateTime m_fileModified;
    QString m_etag;
    QString m_versionId;
    QString m_serverSideEncryption;
};

/** Adds the attribute headers (content type, cache control, x-amz-meta-*, ...) to a request. */
S3CORE_EXPORT void applyObjectAttributes(S3Request &request, const ObjectAttributes &attributes);

/**
 * Server-side copy: PUT /dstBucket/dstKey with x-amz-copy-source. Metadata is copied unless
 * setReplaceAttributes() is called (REPLACE directive). A 200 answer with an <Error> body is a failure.
 */
class S3CORE_EXPORT CopyObjectJob final : public S3Job
{
    Q_OBJECT
public:
    CopyObjectJob(S3Client *client, QString sourceBucket, QString sourceKey, QString bucket, QString key, QObject *parent = nullptr);
    void setReplaceAttributes(const ObjectAttributes &attributes);
    void setSourceIfMatch(const QString &etag) { m_sourceIfMatch = etag; }
    /** The source's size, when known: the server answers only once it has copied that much (see serverCopyTimeoutMs). */
    void setSourceSize(qint64 bytes) { m_sourceSize = bytes; }
    /** Copy that version of the source (restoring an older version is a copy of it over the current one). */
    void setSourceVersionId(const QString &versionId) { m_sourceVersionId = versionId; }
    /** Encryption of the copy when the attributes are copied ("AES256" or "aws:kms" with an optional key). */
    void setEncryption(const QString &serverSideEncryption, const QString &kmsKeyId)
    {
        m_encryption = serverSideEncryption;
        m_kmsKeyId = kmsKeyId;
    }
    /**
     * Storage class of the copy when the attributes are copied. Needed to keep a class: AWS stores a copy without
     * the header as STANDARD. A copy onto itself is allowed when it changes the class.
     */
    void setStorageClass(const QString &storageClass) { m_storageClass = storageClass; }
    /** The customer key the source is encrypted with (SSE-C source; sent as the x-amz-copy-source-* headers). */
    void setSourceSseCustomerKey(const SseCustomerKey &key) { m_sourceSseCustomerKey = key; }
    /** Encrypt the copy with this customer key (SSE-C), whether the attributes are copied or replaced. */
    void setSseCustomerKey(const SseCustomerKey &key) { m_sseCustomerKey = key; }
    const CopyObjectResult &result() const { return m_result; }
    /** The version the copy created on a versioned bucket (x-amz-version-id; empty otherwise). */
    QString versionId() const { return m_versionId; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_storageClass;
    QString m_sourceBucket;
    QString m_sourceKey;
    QString m_bucket;
    QString m_key;
    bool m_replace = false;
    ObjectAttributes m_attributes;
    QString m_sourceIfMatch;
    qint64 m_sourceSize = -1;
    QString m_sourceVersionId;
    QString m_encryption;
    QString m_kmsKeyId;
    SseCustomerKey m_sourceSseCustomerKey;
    SseCustomerKey m_sseCustomerKey;
    CopyObjectResult m_result;
    QString m_versionId;
};

/**
 * DELETE /bucket/key (S3 answers 204 whether or not the key existed). On a versioned bucket this adds a delete
 * marker and keeps every version; with setVersionId() it removes that one version (or delete marker) for good.
 */
class S3CORE_EXPORT DeleteObjectJob final : public S3Job
{
    Q_OBJECT
public:
    DeleteObjectJob(S3Client *client, QString bucket, QString key, QObject *parent = nullptr);
    void setVersionId(const QString &versionId) { m_versionId = versionId; }
    /** After success: whether the request created or removed a delete marker (x-amz-delete-marker). */
    bool deleteMarker() const { return m_deleteMarker; }
    /** After success: the version the answer names (the new delete marker's, or the removed version's). */
    QString resultVersionId() const { return m_resultVersionId; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_bucket;
    QString m_key;
    QString m_versionId;
    bool m_deleteMarker = false;
    QString m_resultVersionId;
};

} // namespace s3
