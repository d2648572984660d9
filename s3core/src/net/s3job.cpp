// SPDX-License-Identifier: Apache-2.0
#include "s3core/net/s3job.h"

#include <algorithm>
#include <cstdlib>

#include <QNetworkReply>

#include "s3core/logging.h"
#include "s3core/net/clockskew.h"
#include "s3core/net/curlhttp.h"
#include "s3core/net/httpvalues.h"
#include "s3core/net/s3client.h"
#include "s3core/transfer/filerangedevice.h"
#include "s3core/types.h"
#include "s3core/xml/s3xml.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {
// An error body is small; a misbehaving server must not make us buffer a large one.
constexpr qint64 MaxErrorBodyBytes = 256 * 1024;

bool isRegionHint(const S3Error &error)
{
    const QString code = error.code();
    return error.httpStatus() == 301 || error.httpStatus() == 307 || code == QLatin1String("PermanentRedirect")
        || code == QLatin1String("AuthorizationHeaderMalformed") || code == QLatin1String("IllegalLocationConstraintException")
        || code == QLatin1String("TemporaryRedirect");
}

S3Error networkError(QNetworkReply *reply)
{
    const QString host = reply->url().host() + (reply->url().port() > 0 ? QStringLiteral(":%1").arg(reply->url().port()) : QString());
    switch (reply->error()) {
    case QNetworkReply::OperationCanceledError: // Qt's transfer timeout aborts the reply this way
    case QNetworkReply::TimeoutError:
        return S3Error(S3Error::Kind::Timeout, QStringLiteral("%1 stopped answering (no data within the timeout)").arg(host));
    case QNetworkReply::SslHandshakeFailedError:
        return S3Error(S3Error::Kind::Tls, QStringLiteral("TLS handshake with %1 failed: %2").arg(host, reply->errorString()));
    case QNetworkReply::ConnectionRefusedError:
        return S3Error(S3Error::Kind::Network, QStringLiteral("connection refused by %1").arg(host));
    case QNetworkReply::HostNotFoundError:
        return S3Error(S3Error::Kind::Network, QStringLiteral("host not found: %1").arg(reply->url().host()));
    case QNetworkReply::RemoteHostClosedError:
        return S3Error(S3Error::Kind::Network, QStringLiteral("%1 closed the connection early").arg(host));
    default:
        return S3Error(S3Error::Kind::Network, QStringLiteral("network error talking to %1: %2").arg(host, reply->errorString()));
    }
}
/**
 * Stops a reply we no longer want. One that has already failed is left alone (it finishes on its own, and is
 * deleted later): Qt's HTTP reply reports its error and its end in two steps, and aborting it in between reports
 * a second error ("this method must only be called once"), e.g. when one failed part cancels the others.
 */
void abortUnlessFailed(QNetworkReply *reply)
{
    if (reply->error() == QNetworkReply::NoError && !reply->isFinished())
        reply->abort();
}
} // namespace

S3Job::S3Job(S3Client *client, QObject *parent)
    : Job(parent)
    , m_client(client)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &S3Job::startAttempt);
}

S3Job::~S3Job()
{
    if (m_reply) {
        m_reply->disconnect(this);
        abortUnlessFailed(m_reply);
        m_reply->deleteLater();
    }
}

void S3Job::doStart()
{
    if (!m_client) {
        emitResult(S3Error::invalid(QStringLiteral("job has no client")));
        return;
    }
    prepare([guard = QPointer<S3Job>(this)](Result<Ok> ready) {
        if (!guard || guard->isFinished())
            return;
        if (!ready) {
            guard->fail(ready.error());
            return;
        }
        guard->startAttempt();
    });
}

void S3Job::doCancel()
{
    m_cancelling = true;
    m_retryTimer.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        abortUnlessFailed(m_reply);
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    cleanupAfterFailure();
}

void S3Job::startAttempt()
{
    if (isFinished())
        return;
    ++m_attempts;
    m_responseBody.clear();
    m_streaming = false;
    m_streamError = {};
    m_client->withCredentials(this, [this](const Result<Credentials> &credentials) {
        if (isFinished())
            return;
        if (!credentials) {
            fail(credentials.error());
            return;
        }
        sendWith(m_client->isAnonymous() ? nullptr : &credentials.value());
    });
}

void S3Job::sendWith(const Credentials *credentials)
{
    Result<S3Request> request = buildRequest();
    if (!request) {
        fail(request.error());
        return;
    }
    m_bucketForRegion = request->bucket;

    FileRangeDevice *body = nullptr;
    if (request->hasFileBody()) {
        body = new FileRangeDevice(request->bodyFile, request->bodyOffset, request->bodyLength);
        if (auto opened = body->openRange(); !opened) {
            delete body;
            fail(opened.error());
            return;
        }
    }
    m_signedOffsetMs = m_client->clockOffsetMs();
    Result<QNetworkReply *> sent = m_client->send(*request, credentials, body);
    if (!sent) {
        delete body;
        fail(sent.error());
        return;
    }
    m_reply = *sent;
    if (body)
        body->setParent(m_reply); // must live exactly as long as the reply reads from it
    connect(m_reply, &QNetworkReply::readyRead, this, &S3Job::handleReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &S3Job::handleFinished);
    connect(m_reply, &QNetworkReply::uploadProgress, this, &S3Job::uploadProgress);
    connect(m_reply, &QNetworkReply::downloadProgress, this, &S3Job::downloadProgress);
    if (streamsResponseBody())
        m_reply->setReadBufferSize(1024 * 1024); // bounded memory; 1 MiB measured best with QNAM
}

void S3Job::handleReadyRead()
{
    if (!m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (streamsResponseBody() && status >= 200 && status < 300) {
        m_streaming = true;
        const QByteArray chunk = m_reply->readAll();
        if (m_streamError.isError())
            return;
        if (auto written = handleBodyData(chunk); !written) {
            m_streamError = written.error();
            abortUnlessFailed(m_reply); // finished() follows; it reports m_streamError
        }
        return;
    }
    if (status >= 200 && status < 300) {
        // Collected answers (listings, part lists, results) are refused past the cap while they arrive, not
        // after a hostile server made us buffer gigabytes.
        // An announced length above the cap is refused at the first bytes.
        qint64 announced = 0;
        if (m_responseBody.isEmpty() && m_reply->hasRawHeader(QByteArrayLiteral("Content-Length"))) {
            const Result<qint64> length = parseContentLength(m_reply->rawHeader(QByteArrayLiteral("Content-Length")));
            announced = length ? *length : 0;
        }
        if (auto fits = checkCollectedSize(std::max(announced, m_responseBody.size() + m_reply->bytesAvailable())); !fits) {
            m_streamError = fits.error();
            m_responseBody.clear();
            abortUnlessFailed(m_reply); // finished() follows; it reports m_streamError
            return;
        }
        m_responseBody += m_reply->readAll();
    } else if (m_responseBody.size() < MaxErrorBodyBytes) {
        m_responseBody += m_reply->read(MaxErrorBodyBytes - m_responseBody.size());
        m_reply->skip(m_reply->bytesAvailable());
    } else {
        m_reply->skip(m_reply->bytesAvailable());
    }
}

Result<Ok> S3Job::checkCollectedSize(qint64 size) const
{
    if (size <= MaxAnswerBodyBytes)
        return Ok{};
    return S3Error(S3Error::Kind::Http, u"the server's answer is larger than %1, the most S3Desk accepts for a listing or "
                                        "result document; it was refused"_s.arg(formatByteSize(MaxAnswerBodyBytes)));
}

void S3Job::handleFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || isFinished())
        return;
    m_reply = nullptr;
    reply->deleteLater();
    reply->disconnect(this);
    if (m_streamError.isError()) {
        fail(m_streamError);
        return;
    }
    if (reply->isOpen()) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300) {
            if (auto fits = checkCollectedSize(m_responseBody.size() + reply->bytesAvailable()); !fits) {
                m_responseBody.clear();
                fail(fits.error());
                return;
            }
            m_responseBody += reply->readAll();
        } else if (m_responseBody.size() < MaxErrorBodyBytes) {
            m_responseBody += reply->read(MaxErrorBodyBytes - m_responseBody.size());
        }
    }
    m_httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_requestId = QString::fromLatin1(reply->rawHeader(QByteArrayLiteral("x-amz-request-id")));
    // Every answer's Date header tells how far off the local clock is; the next requests are signed with it.
    const QByteArray serverDate = reply->rawHeader(QByteArrayLiteral("Date"));
    if (m_httpStatus > 0)
        m_client->noteServerDate(serverDate, false);

    S3Error error;
    if (m_httpStatus >= 200 && m_httpStatus < 300 && reply->error() == QNetworkReply::NoError) {
        if (!m_streaming && !streamsResponseBody() && xml::isErrorDocument(m_responseBody)) {
            error = xml::parseError(m_responseBody, m_httpStatus); // a 200 carrying an <Error> is a failure
        } else {
            Result<Ok> handled = handleSuccess(reply, m_responseBody);
            m_responseBody.clear();
            if (handled) {
                emitResult();
                return;
            }
            error = handled.error();
        }
    } else {
        error = errorFromReply(reply, m_responseBody);
    }
    m_responseBody.clear();

    // Region discovery: re-sign for the bucket's region and send once more.
    if (!m_regionRetried && !m_bucketForRegion.isEmpty() && isRegionHint(error) && !error.region().isEmpty()
        && error.region() != m_client->regionForBucket(m_bucketForRegion)) {
        m_regionRetried = true;
        qCInfo(lcS3Net) << "bucket" << m_bucketForRegion << "is in region" << error.region() << "- retrying there";
        m_client->rememberBucketRegion(m_bucketForRegion, error.region());
        resetForRetry();
        --m_attempts; // a redirect is not a failed attempt
        startAttempt();
        return;
    }
    // The server refused the request time: sign again with the server's time (once per job). Another job of
    // the same client may already have corrected the offset; then this one only needs to be signed again.
    // A HEAD answer has no body to name RequestTimeTooSkewed: a 403 signed with a clock that the answers' Date
    // headers show was off by more than the skew threshold is read as that refusal.
    const bool signedWithWrongClock = std::llabs(m_client->clockOffsetMs() - m_signedOffsetMs) >= ClockSkewThresholdMs;
    if (error.code() == QLatin1String("RequestTimeTooSkewed") || (m_httpStatus == 403 && signedWithWrongClock)) {
        if (error.code() == QLatin1String("RequestTimeTooSkewed"))
            m_client->noteServerDate(serverDate, true);
        if (!m_skewRetried && canRetry() && m_client->clockOffsetMs() != m_signedOffsetMs) {
            m_skewRetried = true;
            resetForRetry();
            --m_attempts; // the clock was wrong, not the request
            startAttempt();
            return;
        }
        fail(error);
        return;
    }
    // Expired temporary credentials: refresh once, then send again.
    if (!m_credentialsRetried && RetryPolicy::classify(error) == RetryPolicy::Category::Auth && m_client->credentialsProvider()) {
        m_credentialsRetried = true;
        m_client->credentialsProvider()->invalidate();
        resetForRetry();
        startAttempt();
        return;
    }
    const bool retryable = (isIdempotent() || error.kind() == S3Error::Kind::Network) && canRetry();
    if (retryable) {
        if (const auto delay = m_retryPolicy.decide(error, m_attempts)) {
            qCInfo(lcS3Net) << "attempt" << m_attempts << "failed:" << error.toString() << "- retrying in" << delay->count() << "ms";
            resetForRetry();
            m_retryTimer.start(*delay);
            return;
        }
    }
    fail(error);
}

S3Error S3Job::errorFromReply(QNetworkReply *reply, const QByteArray &body) const
{
    // Writing the body into its file failed: a local cause, not the network's.
    if (const QVariant sinkError = reply->attribute(SinkErrorAttribute); sinkError.isValid())
        return S3Error::io(sinkError.toString());
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // A reset or timeout after a 2xx header is a network failure, not an HTTP one.
    if (status < 300 && reply->error() != QNetworkReply::NoError)
        return networkError(reply);
    S3Error error = xml::parseError(body, status);
    if (!error.isError())
        error = S3Error::fromHttpStatus(status, m_requestId);
    if (error.requestId().isEmpty())
        error.setRequestId(m_requestId);
    const QByteArray bucketRegion = reply->rawHeader(QByteArrayLiteral("x-amz-bucket-region"));
    if (error.region().isEmpty() && !bucketRegion.isEmpty())
        error.setRegion(QString::fromLatin1(bucketRegion));
    return error;
}

void S3Job::fail(const S3Error &error)
{
    if (isFinished())
        return;
    cleanupAfterFailure();
    emitResult(error.kind() == S3Error::Kind::Cancelled ? error : explainError(error));
}

} // namespace s3
