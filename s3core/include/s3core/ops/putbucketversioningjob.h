// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "s3core/net/s3job.h"
#include "s3core/types.h"

namespace s3 {

/**
 * PUT /bucket?versioning: switches versioning on (Enabled) or off for new writes (Suspended). A bucket cannot go
 * back to never versioned; the versions it already has stay either way.
 */
class S3CORE_EXPORT PutBucketVersioningJob final : public S3Job
{
    Q_OBJECT
public:
    PutBucketVersioningJob(S3Client *client, QString bucket, BucketVersioning status, QObject *parent = nullptr);

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_bucket;
    BucketVersioning m_status;
};

} // namespace s3
