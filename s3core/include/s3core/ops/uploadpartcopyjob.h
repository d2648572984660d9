// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "s3core/net/s3job.h"
#include "s3core/ssecustomerkey.h"
#include "s3core/types.h"

namespace s3 {

/**
 * PUT /bucket/key?partNumber=N&uploadId=ID with x-amz-copy-source and x-amz-copy-source-range: one part of a
 * multipart upload copied on the server from bytes [first, last] of another object. With a source ETag the
 * server refuses the part (PreconditionFailed) if the source changed since, so a copy never mixes two versions
 * of its source. Idempotent (a part number can be copied again). A 200 answer with an <Error> body is a failure.
 */
class S3CORE_EXPORT UploadPartCopyJob final : public S3Job
{
    Q_OBJECT
public:
    UploadPartCopyJob(S3Client *client, QString bucket, QString key, QString uploadId, int partNumber,
                      QString sourceBucket, QString sourceKey, qint64 firstByte, qint64 lastByte, QObject *parent = nullptr);
    void setSourceIfMatch(const QString &etag) { m_sourceIfMatch = etag; }
    void setSourceVersionId(const QString &versionId) { m_sourceVersionId = versionId; }
    /** The customer key of an SSE-C source (x-amz-copy-source-server-side-encryption-customer-*). */
    void setSourceSseCustomerKey(const SseCustomerKey &key) { m_sourceSseCustomerKey = key; }
    /** The customer key the multipart upload was created with (SSE-C destination): every part carries it. */
    void setSseCustomerKey(const SseCustomerKey &key) { m_sseCustomerKey = key; }

    int partNumber() const { return m_partNumber; }
    qint64 length() const { return m_lastByte - m_firstByte + 1; }
    /** The part's ETag as the server sent it (valid after success). */
    QString etag() const { return m_result.etag; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_bucket;
    QString m_key;
    QString m_uploadId;
    int m_partNumber;
    QString m_sourceBucket;
    QString m_sourceKey;
    QString m_sourceVersionId;
    qint64 m_firstByte;
    qint64 m_lastByte;
    QString m_sourceIfMatch;
    SseCustomerKey m_sourceSseCustomerKey;
    SseCustomerKey m_sseCustomerKey;
    CopyObjectResult m_result;
};

} // namespace s3
