// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/getobjecttaggingjob.h"

#include "s3core/xml/s3xml.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

GetObjectTaggingJob::GetObjectTaggingJob(S3Client *client, QString bucket, QString key, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
{
}

Result<S3Request> GetObjectTaggingJob::buildRequest()
{
    if (m_bucket.isEmpty() || m_key.isEmpty())
        return S3Error::invalid(u"no bucket or object key given"_s);
    S3Request request;
    request.method = QByteArrayLiteral("GET");
    request.bucket = m_bucket;
    request.key = m_key;
    request.query = {{QByteArrayLiteral("tagging"), QByteArray()}};
    if (!m_versionId.isEmpty())
        request.query.append({QByteArrayLiteral("versionId"), m_versionId.toUtf8()});
    return request;
}

Result<Ok> GetObjectTaggingJob::handleSuccess(QNetworkReply *, const QByteArray &body)
{
    Result<QList<ObjectTag>> tags = xml::parseTagging(body);
    if (!tags) {
        S3Error error = tags.error();
        error.setMessage(u"tags of %1: %2"_s.arg(m_key, error.message()));
        return error;
    }
    m_tags = std::move(tags).value();
    return Ok{};
}

} // namespace s3
