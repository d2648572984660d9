// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/getbucketversioningjob.h"

#include "s3core/xml/s3xml.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

GetBucketVersioningJob::GetBucketVersioningJob(S3Client *client, QString bucket, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
{
}

Result<S3Request> GetBucketVersioningJob::buildRequest()
{
    if (m_bucket.isEmpty())
        return S3Error::invalid(u"no bucket given"_s);
    S3Request request;
    request.method = QByteArrayLiteral("GET");
    request.bucket = m_bucket;
    request.query = {{QByteArrayLiteral("versioning"), QByteArray()}};
    return request;
}

Result<Ok> GetBucketVersioningJob::handleSuccess(QNetworkReply *, const QByteArray &body)
{
    Result<BucketVersioning> status = xml::parseVersioningConfiguration(body);
    if (!status) {
        S3Error error = status.error();
        error.setMessage(u"versioning status of %1: %2"_s.arg(m_bucket, error.message()));
        return error;
    }
    m_status = *status;
    return Ok{};
}

} // namespace s3
