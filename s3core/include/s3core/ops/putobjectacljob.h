// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "s3core/net/s3job.h"

namespace s3 {

/**
 * PUT /bucket/key?acl with a canned ACL (x-amz-acl: private, public-read, ...), replacing every grant of the
 * object. An unknown canned ACL name fails before anything is sent.
 */
class S3CORE_EXPORT PutObjectAclJob final : public S3Job
{
    Q_OBJECT
public:
    PutObjectAclJob(S3Client *client, QString bucket, QString key, QString cannedAcl, QObject *parent = nullptr);

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_bucket;
    QString m_key;
    QString m_cannedAcl;
};

} // namespace s3
