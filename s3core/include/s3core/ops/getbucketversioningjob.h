// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "s3core/net/s3job.h"
#include "s3core/types.h"

namespace s3 {

/** GET /bucket?versioning: whether the bucket keeps versions (never versioned, enabled or suspended). */
class S3CORE_EXPORT GetBucketVersioningJob final : public S3Job
{
    Q_OBJECT
public:
    GetBucketVersioningJob(S3Client *client, QString bucket, QObject *parent = nullptr);
    BucketVersioning status() const { return m_status; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_bucket;
    BucketVersioning m_status = BucketVersioning::Unversioned;
};

} // namespace s3
