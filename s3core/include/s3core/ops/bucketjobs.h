// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "s3core/net/s3job.h"
#include "s3core/types.h"

namespace s3 {

/** GET / : the buckets the credentials own. */
class S3CORE_EXPORT ListBucketsJob final : public S3Job
{
    Q_OBJECT
public:
    explicit ListBucketsJob(S3Client *client, QObject *parent = nullptr) : S3Job(client, parent) {}
    const ListBucketsResult &result() const { return m_result; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    ListBucketsResult m_result;
};

/** PUT /bucket with a LocationConstraint for regions other than us-east-1. */
class S3CORE_EXPORT CreateBucketJob final : public S3Job
{
    Q_OBJECT
public:
    /** region empty: the client's region. */
    CreateBucketJob(S3Client *client, QString bucket, QString region = {}, QObject *parent = nullptr);

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_bucket;
    QString m_region;
};

/** DELETE /bucket (the bucket must be empty: BucketNotEmpty otherwise). */
class S3CORE_EXPORT DeleteBucketJob final : public S3Job
{
    Q_OBJECT
public:
    DeleteBucketJob(S3Client *client, QString bucket, QObject *parent = nullptr);

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_bucket;
};

/** GET /bucket?location: the bucket's region ("us-east-1" when the server answers empty). */
class S3CORE_EXPORT GetBucketLocationJob final : public S3Job
{
    Q_OBJECT
public:
    GetBucketLocationJob(S3Client *client, QString bucket, QObject *parent = nullptr);
    QString region() const { return m_region; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_bucket;
    QString m_region;
};

} // namespace s3
