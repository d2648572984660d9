// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QPair>

#include "s3core/net/s3job.h"

namespace s3 {

/**
 * Any S3 request the typed jobs do not cover (the reference client's raw request()/get()/post()): the caller
 * builds the S3Request (method, bucket, key, query, headers, body); it is addressed, signed, sent and retried
 * like every other job. A 2xx answer succeeds whatever its body; anything else fails with the S3Error.
 * The response body is kept in memory up to maxBodyBytes (default 16 MiB).
 */
class S3CORE_EXPORT RawRequestJob final : public S3Job
{
    Q_OBJECT
public:
    RawRequestJob(S3Client *client, S3Request request, QObject *parent = nullptr);

    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    /** Mark a non-idempotent request (POST) so that it is not sent twice after a failure mid-way. */
    void setIdempotent(bool idempotent) { m_idempotent = idempotent; }

    const QByteArray &responseBody() const { return m_body; }
    const QList<QPair<QByteArray, QByteArray>> &responseHeaders() const { return m_headers; }
    QByteArray responseHeader(const QByteArray &name) const;

protected:
    Result<S3Request> buildRequest() override { return m_request; }
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;
    bool streamsResponseBody() const override { return true; }
    Result<Ok> handleBodyData(const QByteArray &data) override;
    void resetForRetry() override { m_body.clear(); }
    bool isIdempotent() const override { return m_idempotent; }

private:
    S3Request m_request;
    qint64 m_maxBodyBytes = 16ll * 1024 * 1024;
    bool m_idempotent;
    QByteArray m_body;
    QList<QPair<QByteArray, QByteArray>> m_headers;
};

} // namespace s3
