// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/putobjectacljob.h"

#include "s3core/acl.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

PutObjectAclJob::PutObjectAclJob(S3Client *client, QString bucket, QString key, QString cannedAcl, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
    , m_cannedAcl(std::move(cannedAcl))
{
}

Result<S3Request> PutObjectAclJob::buildRequest()
{
    if (m_bucket.isEmpty() || m_key.isEmpty())
        return S3Error::invalid(u"no bucket or object key given"_s);
    if (!acl::isCannedAcl(m_cannedAcl))
        return S3Error::invalid(u"\"%1\" is not a canned ACL (one of: %2)"_s.arg(m_cannedAcl, acl::cannedAcls().join(u", "_s)));
    S3Request request;
    request.method = QByteArrayLiteral("PUT");
    request.bucket = m_bucket;
    request.key = m_key;
    request.query = {{QByteArrayLiteral("acl"), QByteArray()}};
    request.setHeader(QByteArrayLiteral("x-amz-acl"), m_cannedAcl.toLatin1());
    return request;
}

Result<Ok> PutObjectAclJob::handleSuccess(QNetworkReply *, const QByteArray &)
{
    return Ok{};
}

} // namespace s3
