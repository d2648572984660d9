// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QDateTime>
#include <QFile>
#include <QMap>

#include "s3core/net/s3job.h"
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
    const ObjectMetadata &metadata() const { return m_metadata; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_bucket;
    QString m_key;
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

private:
    QString m_bucket;
    QString m_key;
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
    QMap<QString, QString> userMetadata; ///< stored as x-amz-meta-<name>
};

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
    const CopyObjectResult &result() const { return m_result; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_sourceBucket;
    QString m_sourceKey;
    QString m_bucket;
    QString m_key;
    bool m_replace = false;
    ObjectAttributes m_attributes;
    QString m_sourceIfMatch;
    CopyObjectResult m_result;
};

/** DELETE /bucket/key (S3 answers 204 whether or not the key existed). */
class S3CORE_EXPORT DeleteObjectJob final : public S3Job
{
    Q_OBJECT
public:
    DeleteObjectJob(S3Client *client, QString bucket, QString key, QObject *parent = nullptr);

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_bucket;
    QString m_key;
};

} // namespace s3
