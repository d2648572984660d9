// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "s3core/acl.h"
#include "s3core/net/s3job.h"

namespace s3 {

/** GET /bucket/key?acl: the object's owner and grants. */
class S3CORE_EXPORT GetObjectAclJob final : public S3Job
{
    Q_OBJECT
public:
    GetObjectAclJob(S3Client *client, QString bucket, QString key, QObject *parent = nullptr);
    const AccessControlPolicy &policy() const { return m_policy; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_bucket;
    QString m_key;
    AccessControlPolicy m_policy;
};

} // namespace s3
