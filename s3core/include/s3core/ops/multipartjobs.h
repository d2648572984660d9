// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QSet>

#include "s3core/net/s3job.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/types.h"

/**
 * The raw multipart operations, one S3 call each (SEED-NOTES §7.3): Create, UploadPart, Complete, Abort,
 * ListParts, ListMultipartUploads. They follow the job contract of job.h; MultipartUploader and the transfer
 * engine compose them.
 *
 * Abort, Complete and the two listings are Jobs that run S3Jobs inside: the S3Job base has no way to turn an
 * error answer into success (Abort's NoSuchUpload, Complete's NoSuchUpload after a lost answer), and a
 * listing takes one request per page.
 */
namespace s3 {

/** How the server verifies the bytes of an uploaded part. */
enum class IntegrityMode {
    Sha256AndMd5, ///< Content-MD5 and the signed SHA-256 of the payload (default; every server checks both)
    Sha256Only,   ///< signed SHA-256 only (saves the MD5 pass: ~1.8 s of CPU per GiB here)
    Md5Only,      ///< Content-MD5 with UNSIGNED-PAYLOAD: HTTPS only (the TLS layer protects the bytes in transit)
    TlsOnly,      ///< UNSIGNED-PAYLOAD and no digest at all: HTTPS only; TLS's record MACs are the bytes' only check
    /**
     * TlsOnly over HTTPS, Sha256Only over plain HTTP: what botocore does by default. Over HTTPS a signed SHA-256
     * proves nothing TLS does not already prove about the bytes in transit, and costs a second read of the part
     * plus the hash (~0.9 CPU s per GiB here, 60 % over what moving the bytes costs); the file's size and mtime
     * are still checked around every part, so a file changed mid-upload still fails.
     */
    Auto,
};

/** The mode a part is sent with: Auto resolved by the scheme; every other mode as it is. */
S3CORE_EXPORT IntegrityMode effectiveIntegrityMode(IntegrityMode mode, bool https);

/**
 * POST /bucket/key?uploads: starts a multipart upload. The attributes (content type, cache control,
 * x-amz-meta-*, storage class, ...) are given here and apply to the final object; an empty content type is
 * inferred from the key's extension (contentTypeForName). Not idempotent: it is sent again only after a
 * network failure, which may leave an unused upload behind (S3 cannot tell; lifecycle rules clean those).
 */
class S3CORE_EXPORT CreateMultipartUploadJob final : public S3Job
{
    Q_OBJECT
public:
    CreateMultipartUploadJob(S3Client *client, QString bucket, QString key, ObjectAttributes attributes = {},
                             QObject *parent = nullptr);

    /** Valid after a successful finish. */
    QString uploadId() const { return m_result.uploadId; }
    const InitiateMultipartUploadResult &result() const { return m_result; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;
    bool isIdempotent() const override { return false; }

private:
    QString m_bucket;
    QString m_key;
    ObjectAttributes m_attributes;
    InitiateMultipartUploadResult m_result;
};

/**
 * The bytes of one part: in memory, or a window [offset, offset + length) of a local file that is read
 * from disk for each attempt (never loaded whole). For a file, the job refuses to send if the file no longer
 * has the size (expectedFileSize, or the size seen when the job started) or the modification time
 * (expectedModified, or the one seen when the job started) it had: the hashes would not match the bytes.
 */
struct S3CORE_EXPORT PartSource
{
    QByteArray data;
    QString filePath;
    qint64 offset = 0;
    qint64 length = -1;         ///< -1: to the end of the file
    qint64 expectedFileSize = -1;
    QDateTime expectedModified; ///< invalid: not checked against a previous run

    static PartSource fromData(QByteArray data);
    static PartSource fromFile(QString path, qint64 offset, qint64 length, QDateTime expectedModified = {});
    bool isFile() const { return !filePath.isEmpty(); }
};

/**
 * PUT /bucket/key?partNumber=N&uploadId=ID with the part's bytes. The hashes the IntegrityMode needs are
 * computed in prepare() on QThreadPool (never on the calling thread), in one pass over the bytes, unless the
 * caller gave them with setPrecomputedSha256()/setPrecomputedMd5() (a wrong one makes the server refuse the
 * part: BadDigest / XAmzContentSHA256Mismatch). Idempotent (a part number can be uploaded again), so it is
 * retried per the RetryPolicy; file parts are re-read from disk for every attempt.
 * etag() is the part's ETag as the server sent it; an answer without ETag is an error.
 */
class S3CORE_EXPORT UploadPartJob final : public S3Job
{
    Q_OBJECT
public:
    UploadPartJob(S3Client *client, QString bucket, QString key, QString uploadId, int partNumber, PartSource source,
                  QObject *parent = nullptr);

    void setIntegrityMode(IntegrityMode mode) { m_mode = mode; }
    IntegrityMode integrityMode() const { return m_mode; }
    /** Raw SHA-256 (32 bytes) of the part, if already known: no hashing for it. */
    void setPrecomputedSha256(const QByteArray &digest) { m_sha256 = digest; }
    /** Raw MD5 (16 bytes) of the part, if already known: no hashing for it. */
    void setPrecomputedMd5(const QByteArray &digest) { m_md5 = digest; }
    /** The customer key the upload was created with (SSE-C): S3 wants it on every part. */
    void setSseCustomerKey(const SseCustomerKey &key) { m_sseCustomerKey = key; }

    int partNumber() const { return m_partNumber; }
    /** Part size in bytes (known after prepare for "to the end of the file" ranges). */
    qint64 size() const { return m_size; }
    /** Raw digests sent with the part (valid after prepare; empty if the mode did not need them). */
    QByteArray sha256() const { return m_sha256; }
    QByteArray md5() const { return m_md5; }
    /** Valid after a successful finish: the ETag as sent by the server (quotes included). */
    QString etag() const { return m_etag; }
    CompletedPart completedPart() const { return {m_partNumber, m_etag}; }

protected:
    void prepare(std::function<void(Result<Ok>)> ready) override;
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    Result<Ok> checkFileUnchanged() const;

    QString m_bucket;
    QString m_key;
    QString m_uploadId;
    int m_partNumber;
    PartSource m_source;
    IntegrityMode m_mode = IntegrityMode::Sha256AndMd5;
    SseCustomerKey m_sseCustomerKey;
    QByteArray m_sha256;
    QByteArray m_md5;
    qint64 m_size = -1;
    qint64 m_fileSize = -1;
    QDateTime m_fileModified;
    QString m_etag;
};

/**
 * POST /bucket/key?uploadId=ID with the parts (sorted by number here) -> the object. A 200 answer carrying an
 * <Error> document is a failure (S3 sends those when it fails after it started answering).
 *
 * Retries and lost answers: the POST is sent again per the RetryPolicy (and QNAM itself silently resends a
 * request whose connection closed before any answer). So a NoSuchUpload answer may mean that an earlier send
 * completed the upload and only its answer was lost. The job then sends HeadObject and accepts the object as
 * ours if its ETag is exactly the multipart ETag these parts give (MD5 of the parts' binary MD5s, then
 * "-<partCount>"), which needs every part ETag to be a plain MD5; if they are not (SSE-KMS, SSE-C), it accepts
 * an ETag ending with "-<partCount>", but only after a retry of its own. result() then has the ETag, bucket
 * and key (no location) and completedAfterLostAnswer() is true. Otherwise the NoSuchUpload error stands.
 *
 * result().etag is always quoted, like HeadObject's. Ceph RGW 16 answers the first Complete with an empty
 * <ETag/> (and a repeated Complete of a completed upload with 200 and an unquoted ETag): an empty ETag is
 * fetched with HeadObject.
 */
class S3CORE_EXPORT CompleteMultipartUploadJob final : public Job
{
    Q_OBJECT
public:
    CompleteMultipartUploadJob(S3Client *client, QString bucket, QString key, QString uploadId, QList<CompletedPart> parts,
                               QObject *parent = nullptr);

    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    /**
     * The customer key of an SSE-C upload. The Complete itself does not need it (S3 asks for it only with
     * checksums); the HEAD that fetches or checks the ETag afterwards does.
     */
    void setSseCustomerKey(const SseCustomerKey &key) { m_sseCustomerKey = key; }
    const CompleteMultipartUploadResult &result() const { return m_result; }
    /** Attempts of the Complete request itself (not counting the HEAD). */
    int attempts() const { return m_attempts; }
    bool completedAfterLostAnswer() const { return m_viaHead; }
    /** The multipart ETag (quoted) these parts produce, or empty if some part ETag is not a plain MD5. */
    static QString expectedMultipartEtag(QList<CompletedPart> parts);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void fetchEtag();
    void verifyByHead(const S3Error &noSuchUpload);

    S3Client *m_client;
    QString m_bucket;
    QString m_key;
    QString m_uploadId;
    QList<CompletedPart> m_parts;
    RetryPolicy m_retryPolicy;
    SseCustomerKey m_sseCustomerKey;
    QPointer<Job> m_current;
    CompleteMultipartUploadResult m_result;
    int m_attempts = 0;
    bool m_viaHead = false;
};

/**
 * DELETE /bucket/key?uploadId=ID: discards the upload and its parts (stored parts are billed until then).
 * NoSuchUpload counts as success: the upload is already gone (aborted, completed, or expired); alreadyGone()
 * tells. Retried per the RetryPolicy.
 */
class S3CORE_EXPORT AbortMultipartUploadJob final : public Job
{
    Q_OBJECT
public:
    AbortMultipartUploadJob(S3Client *client, QString bucket, QString key, QString uploadId, QObject *parent = nullptr);
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    bool alreadyGone() const { return m_alreadyGone; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    S3Client *m_client;
    QString m_bucket;
    QString m_key;
    QString m_uploadId;
    RetryPolicy m_retryPolicy;
    QPointer<Job> m_current;
    bool m_alreadyGone = false;
};

/** One ListParts page: GET /bucket/key?uploadId=ID&part-number-marker=M[&max-parts=N]. */
class S3CORE_EXPORT ListPartsPageJob final : public S3Job
{
    Q_OBJECT
public:
    ListPartsPageJob(S3Client *client, QString bucket, QString key, QString uploadId, int partNumberMarker = 0,
                     int maxParts = 0, QObject *parent = nullptr);
    const ListPartsResult &page() const { return m_page; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_bucket;
    QString m_key;
    QString m_uploadId;
    int m_marker;
    int m_maxParts;
    ListPartsResult m_page;
};

/**
 * Every part the server has for an upload: ListParts pages followed by part-number-marker until IsTruncated
 * is false; parts() holds them all, sorted by number. A marker that does not advance is an error (no endless
 * loop on a broken server).
 */
class S3CORE_EXPORT ListPartsJob final : public Job
{
    Q_OBJECT
public:
    ListPartsJob(S3Client *client, QString bucket, QString key, QString uploadId, QObject *parent = nullptr);
    /** Parts per page (1..1000; 0: the server's default, 1000). */
    void setMaxPartsPerPage(int maxParts) { m_maxParts = maxParts; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }

    const QList<PartInfo> &parts() const { return m_parts; }
    int pageCount() const { return m_pages; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void requestPage(int marker);

    S3Client *m_client;
    QString m_bucket;
    QString m_key;
    QString m_uploadId;
    int m_maxParts = 0;
    RetryPolicy m_retryPolicy;
    QPointer<Job> m_current;
    QList<PartInfo> m_parts;
    int m_pages = 0;
};

/** One ListMultipartUploads page: GET /bucket?uploads&prefix=P&key-marker=K&upload-id-marker=U[&max-uploads=N]. */
class S3CORE_EXPORT ListMultipartUploadsPageJob final : public S3Job
{
    Q_OBJECT
public:
    ListMultipartUploadsPageJob(S3Client *client, QString bucket, QString prefix, QString keyMarker = {},
                                QString uploadIdMarker = {}, int maxUploads = 0, QObject *parent = nullptr);
    const ListMultipartUploadsResult &page() const { return m_page; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_bucket;
    QString m_prefix;
    QString m_keyMarker;
    QString m_uploadIdMarker;
    int m_maxUploads;
    ListMultipartUploadsResult m_page;
};

/**
 * Every unfinished multipart upload of a bucket under a prefix (empty: all), following key-marker and
 * upload-id-marker until IsTruncated is false; uploads() holds them all in the server's order (key, then
 * initiation time).
 */
class S3CORE_EXPORT ListMultipartUploadsJob final : public Job
{
    Q_OBJECT
public:
    ListMultipartUploadsJob(S3Client *client, QString bucket, QString prefix = {}, QObject *parent = nullptr);
    /** Uploads per page (1..1000; 0: the server's default, 1000). */
    void setMaxUploadsPerPage(int maxUploads) { m_maxUploads = maxUploads; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }

    const QList<MultipartUploadInfo> &uploads() const { return m_uploads; }
    int pageCount() const { return m_pages; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void requestPage(const QString &keyMarker, const QString &uploadIdMarker);

    S3Client *m_client;
    QString m_bucket;
    QString m_prefix;
    int m_maxUploads = 0;
    RetryPolicy m_retryPolicy;
    QPointer<Job> m_current;
    QList<MultipartUploadInfo> m_uploads;
    QSet<QPair<QString, QString>> m_seenMarkers; ///< (key-marker, upload-id-marker) pairs already asked for
    int m_pages = 0;
};

} // namespace s3
