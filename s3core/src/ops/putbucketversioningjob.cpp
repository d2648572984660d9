// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/putbucketversioningjob.h"

#include "s3core/crypto.h"
#include "s3core/xml/s3xml.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

PutBucketVersioningJob::PutBucketVersioningJob(S3Client *client, QString bucket, BucketVersioning status, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_status(status)
{
}

Result<S3Request> PutBucketVersioningJob::buildRequest()
{
    if (m_bucket.isEmpty())
        return S3Error::invalid(u"no bucket given"_s);
    if (m_status == BucketVersioning::Unversioned)
        return S3Error::invalid(u"versioning of %1 can be enabled or suspended, but a bucket never goes back to "
                                "unversioned"_s.arg(m_bucket));
    S3Request request;
    request.method = QByteArrayLiteral("PUT");
    request.bucket = m_bucket;
    request.query = {{QByteArrayLiteral("versioning"), QByteArray()}};
    request.body = xml::buildVersioningConfiguration(m_status);
    request.setHeader(QByteArrayLiteral("content-type"), QByteArrayLiteral("application/xml"));
    // S3 requires a checksum on this configuration request.
    request.setHeader(QByteArrayLiteral("content-md5"), crypto::md5(request.body).toBase64());
    return request;
}

Result<Ok> PutBucketVersioningJob::handleSuccess(QNetworkReply *, const QByteArray &)
{
    return Ok{};
}

} // namespace s3
