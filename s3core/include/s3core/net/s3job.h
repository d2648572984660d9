// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QPointer>
#include <QTimer>

#include "s3core/job.h"
#include "s3core/net/retrypolicy.h"
#include "s3core/net/s3request.h"
#include "s3core/result.h"

class QIODevice;
class QNetworkReply;

namespace s3 {

class S3Client;

/**
 * A job made of one S3 request (sent again on retryable failures). It owns its reply; subclasses only build
 * the request and parse the success answer. Errors come from the <Error> body, the HTTP status (HEAD has no
 * body), or the network; a 200 answer whose body is an <Error> document is an error too.
 * Also handled here, for every operation: region redirects (301 PermanentRedirect, 400
 * AuthorizationHeaderMalformed, x-amz-bucket-region) are re-signed for the right region and sent once more;
 * expired credentials are refreshed once; a RequestTimeTooSkewed answer re-signs once with the clock offset the
 * client learnt from the answer's Date header (see S3Client::clockOffsetMs()); retryable errors follow the RetryPolicy for idempotent requests.
 */
class S3CORE_EXPORT S3Job : public Job
{
    Q_OBJECT
public:
    explicit S3Job(S3Client *client, QObject *parent = nullptr);
    ~S3Job() override;

    S3Client *client() const { return m_client; }
    int attempts() const { return m_attempts; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }

    /** HTTP status and request id of the last answer (0 / empty if none). */
    int httpStatus() const { return m_httpStatus; }
    QString requestId() const { return m_requestId; }

Q_SIGNALS:
    void uploadProgress(qint64 sent, qint64 total);
    void downloadProgress(qint64 received, qint64 total);

protected:
    /** Called for each attempt. */
    virtual Result<S3Request> buildRequest() = 0;
    /** 2xx answer; body is the whole body unless streamsResponseBody(). */
    virtual Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) = 0;
    /** Asynchronous preparation before the first attempt (hashing a file off-thread...). Default: none. */
    virtual void prepare(std::function<void(Result<Ok>)> ready) { ready(Ok{}); }
    /** True: a 2xx body is handed to handleBodyData() piece by piece instead of being collected. */
    virtual bool streamsResponseBody() const { return false; }
    virtual Result<Ok> handleBodyData(const QByteArray &) { return Ok{}; }
    /** Called before a new attempt after a failed one (drop partial state). */
    virtual void resetForRetry() {}
    /** Non-idempotent requests are retried only when the failure happened before anything was sent. */
    virtual bool isIdempotent() const { return true; }
    /** False once sending again would repeat side effects the job cannot undo (bytes already streamed out). */
    virtual bool canRetry() const { return true; }
    /** Called after the job failed or was cancelled (cleanup of partial files...). */
    virtual void cleanupAfterFailure() {}
    /** The error the job ends with: a subclass may say what a server's error code means for its operation. */
    virtual S3Error explainError(S3Error error) const { return error; }

    void doStart() override;
    void doCancel() override;

private:
    void startAttempt();
    void sendWith(const Credentials *credentials);
    void handleReadyRead();
    void handleFinished();
    void fail(const S3Error &error);
    S3Error errorFromReply(QNetworkReply *reply, const QByteArray &body) const;
    Result<Ok> checkCollectedSize(qint64 size) const;

    S3Client *m_client;
    RetryPolicy m_retryPolicy;
    QPointer<QNetworkReply> m_reply;
    std::unique_ptr<QIODevice> m_bodyDevice;
    QByteArray m_responseBody;
    bool m_streaming = false;
    bool m_cancelling = false;
    bool m_regionRetried = false;
    bool m_credentialsRetried = false;
    bool m_skewRetried = false;
    qint64 m_signedOffsetMs = 0; // the client's clock offset when this attempt was signed
    int m_attempts = 0;
    int m_httpStatus = 0;
    QString m_requestId;
    QString m_bucketForRegion;
    S3Error m_streamError;
    QTimer m_retryTimer;
};

} // namespace s3
