// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/putobjecttaggingjob.h"

#include "s3core/crypto.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/xml/s3xml.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

PutObjectTaggingJob::PutObjectTaggingJob(S3Client *client, QString bucket, QString key, QList<ObjectTag> tags,
                                         QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
    , m_tags(std::move(tags))
{
}

Result<S3Request> PutObjectTaggingJob::buildRequest()
{
    if (m_bucket.isEmpty() || m_key.isEmpty())
        return S3Error::invalid(u"no bucket or object key given"_s);
    if (Result<Ok> valid = validateTags(m_tags); !valid)
        return valid.error();
    S3Request request;
    request.bucket = m_bucket;
    request.key = m_key;
    request.query = {{QByteArrayLiteral("tagging"), QByteArray()}};
    if (!m_versionId.isEmpty())
        request.query.append({QByteArrayLiteral("versionId"), m_versionId.toUtf8()});
    if (m_tags.isEmpty()) {
        request.method = QByteArrayLiteral("DELETE");
        return request;
    }
    request.method = QByteArrayLiteral("PUT");
    request.body = xml::buildTagging(m_tags);
    request.setHeader(QByteArrayLiteral("content-type"), QByteArrayLiteral("application/xml"));
    // S3 refuses a PutObjectTagging without Content-MD5.
    request.setHeader(QByteArrayLiteral("content-md5"), crypto::md5(request.body).toBase64());
    return request;
}

Result<Ok> PutObjectTaggingJob::handleSuccess(QNetworkReply *, const QByteArray &)
{
    return Ok{};
}

} // namespace s3
