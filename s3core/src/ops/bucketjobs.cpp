// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/bucketjobs.h"

#include "s3core/crypto.h"
#include "s3core/endpoint.h"
#include "s3core/net/s3client.h"
#include "s3core/xml/s3xml.h"

namespace s3 {

Result<S3Request> ListBucketsJob::buildRequest()
{
    S3Request request;
    request.method = QByteArrayLiteral("GET");
    return request;
}

Result<Ok> ListBucketsJob::handleSuccess(QNetworkReply *, const QByteArray &body)
{
    Result<ListBucketsResult> parsed = xml::parseListBuckets(body);
    if (!parsed)
        return parsed.error();
    m_result = std::move(parsed).value();
    return Ok{};
}

CreateBucketJob::CreateBucketJob(S3Client *client, QString bucket, QString region, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_region(std::move(region))
{
}

Result<S3Request> CreateBucketJob::buildRequest()
{
    if (auto valid = validateBucketName(m_bucket); !valid)
        return valid.error();
    S3Request request;
    request.method = QByteArrayLiteral("PUT");
    request.bucket = m_bucket;
    request.body = xml::buildCreateBucketConfiguration(m_region.isEmpty() ? client()->endpoint().region() : m_region);
    if (!request.body.isEmpty())
        request.setHeader(QByteArrayLiteral("content-type"), QByteArrayLiteral("application/xml"));
    return request;
}

Result<Ok> CreateBucketJob::handleSuccess(QNetworkReply *, const QByteArray &)
{
    if (!m_region.isEmpty())
        client()->rememberBucketRegion(m_bucket, m_region);
    return Ok{};
}

DeleteBucketJob::DeleteBucketJob(S3Client *client, QString bucket, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
{
}

Result<S3Request> DeleteBucketJob::buildRequest()
{
    if (m_bucket.isEmpty())
        return S3Error::invalid(QStringLiteral("no bucket given"));
    S3Request request;
    request.method = QByteArrayLiteral("DELETE");
    request.bucket = m_bucket;
    return request;
}

Result<Ok> DeleteBucketJob::handleSuccess(QNetworkReply *, const QByteArray &)
{
    return Ok{};
}

GetBucketLocationJob::GetBucketLocationJob(S3Client *client, QString bucket, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
{
}

Result<S3Request> GetBucketLocationJob::buildRequest()
{
    S3Request request;
    request.bucket = m_bucket;
    request.query = {{QByteArrayLiteral("location"), QByteArray()}};
    return request;
}

Result<Ok> GetBucketLocationJob::handleSuccess(QNetworkReply *, const QByteArray &body)
{
    Result<QString> location = xml::parseBucketLocation(body);
    if (!location)
        return location.error();
    m_region = location->isEmpty() ? QStringLiteral("us-east-1") : *location;
    return Ok{};
}

} // namespace s3
