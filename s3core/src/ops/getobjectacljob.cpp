// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/getobjectacljob.h"

#include "s3core/xml/s3xml.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

GetObjectAclJob::GetObjectAclJob(S3Client *client, QString bucket, QString key, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
{
}

Result<S3Request> GetObjectAclJob::buildRequest()
{
    if (m_bucket.isEmpty() || m_key.isEmpty())
        return S3Error::invalid(u"no bucket or object key given"_s);
    S3Request request;
    request.method = QByteArrayLiteral("GET");
    request.bucket = m_bucket;
    request.key = m_key;
    request.query = {{QByteArrayLiteral("acl"), QByteArray()}};
    return request;
}

Result<Ok> GetObjectAclJob::handleSuccess(QNetworkReply *, const QByteArray &body)
{
    Result<AccessControlPolicy> policy = xml::parseAccessControlPolicy(body);
    if (!policy) {
        S3Error error = policy.error();
        error.setMessage(u"permissions of %1: %2"_s.arg(m_key, error.message()));
        return error;
    }
    m_policy = std::move(policy).value();
    return Ok{};
}

} // namespace s3
