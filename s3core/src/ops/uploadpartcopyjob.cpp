// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/uploadpartcopyjob.h"

#include "s3core/endpoint.h"
#include "s3core/xml/s3xml.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

UploadPartCopyJob::UploadPartCopyJob(S3Client *client, QString bucket, QString key, QString uploadId, int partNumber,
                                     QString sourceBucket, QString sourceKey, qint64 firstByte, qint64 lastByte,
                                     QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
    , m_uploadId(std::move(uploadId))
    , m_partNumber(partNumber)
    , m_sourceBucket(std::move(sourceBucket))
    , m_sourceKey(std::move(sourceKey))
    , m_firstByte(firstByte)
    , m_lastByte(lastByte)
{
}

Result<S3Request> UploadPartCopyJob::buildRequest()
{
    if (m_bucket.isEmpty() || m_key.isEmpty() || m_sourceBucket.isEmpty() || m_sourceKey.isEmpty())
        return S3Error::invalid(u"no bucket or object key given"_s);
    if (m_uploadId.isEmpty())
        return S3Error::invalid(u"no upload id given"_s);
    if (m_partNumber < 1 || m_partNumber > 10000)
        return S3Error::invalid(u"part number %1 is outside 1..10000"_s.arg(m_partNumber));
    if (m_firstByte < 0 || m_lastByte < m_firstByte)
        return S3Error::invalid(u"invalid source range %1-%2"_s.arg(m_firstByte).arg(m_lastByte));
    S3Request request;
    request.method = QByteArrayLiteral("PUT");
    request.bucket = m_bucket;
    request.key = m_key;
    request.query = {{QByteArrayLiteral("partNumber"), QByteArray::number(m_partNumber)},
                     {QByteArrayLiteral("uploadId"), m_uploadId.toUtf8()}};
    request.setHeader(QByteArrayLiteral("x-amz-copy-source"), Endpoint::copySource(m_sourceBucket, m_sourceKey, m_sourceVersionId));
    request.setHeader(QByteArrayLiteral("x-amz-copy-source-range"),
                      "bytes=" + QByteArray::number(m_firstByte) + '-' + QByteArray::number(m_lastByte));
    if (!m_sourceIfMatch.isEmpty())
        request.setHeader(QByteArrayLiteral("x-amz-copy-source-if-match"), m_sourceIfMatch.toUtf8());
    m_sourceSseCustomerKey.applyTo(request, true);
    m_sseCustomerKey.applyTo(request);
    // The server copies the whole range before it answers a byte.
    request.minimumTimeoutMs = serverCopyTimeoutMs(m_lastByte - m_firstByte + 1);
    return request;
}

Result<Ok> UploadPartCopyJob::handleSuccess(QNetworkReply *, const QByteArray &body)
{
    Result<CopyObjectResult> parsed = xml::parseCopyObject(body);
    if (!parsed)
        return parsed.error();
    if (parsed->etag.isEmpty())
        return S3Error::invalid(u"the server copied part %1 of %2 but sent no ETag"_s.arg(m_partNumber).arg(m_key));
    m_result = std::move(parsed).value();
    return Ok{};
}

} // namespace s3
