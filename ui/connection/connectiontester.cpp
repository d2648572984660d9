// SPDX-License-Identifier: Apache-2.0
#include "connection/connectiontester.h"

#include <limits>

#include <QCoreApplication>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include "s3core/auth/ssoconfig.h"
#include "s3core/net/clockskew.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/bucketjobs.h"
#include "s3core/ops/listobjectsjob.h"

namespace s3ui {

namespace {

QString sentence(QString text)
{
    text = text.simplified();
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

// "(SignatureDoesNotMatch, HTTP 403, request id tx00...)": the code for the user, the rest for the administrator.
QString serverDetails(const QString &code, const s3::S3Error &error)
{
    QStringList details;
    if (!code.isEmpty())
        details << code;
    if (error.httpStatus() > 0)
        details << QStringLiteral("HTTP %1").arg(error.httpStatus());
    if (!error.requestId().isEmpty())
        details << QCoreApplication::translate("s3ui::ConnectionTester", "request id %1").arg(error.requestId());
    return details.isEmpty() ? QString() : QStringLiteral(" (") + details.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QString clockSkewText(std::optional<qint64> offsetSeconds)
{
    if (!offsetSeconds)
        return QCoreApplication::translate("s3ui::ConnectionTester", "your clock differs from the server's by more than the 15 minutes S3 allows");
    const qint64 seconds = *offsetSeconds;
    const qint64 minutes = qMax<qint64>(1, (qAbs(seconds) + 30) / 60);
    const int count = int(qMin<qint64>(minutes, std::numeric_limits<int>::max()));
    return seconds > 0 ? QCoreApplication::translate("s3ui::ConnectionTester", "your clock is %n minute(s) off (ahead of the server)", nullptr, count)
                       : QCoreApplication::translate("s3ui::ConnectionTester", "your clock is %n minute(s) off (behind the server)", nullptr, count);
}

// "Date: Sun, 06 Nov 1994 08:49:37 GMT" (RFC 7231 IMF-fixdate, what S3 servers send).
QDateTime parseHttpDate(const QByteArray &value)
{
    QDateTime time = QLocale::c().toDateTime(QString::fromLatin1(value.trimmed()),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    time.setTimeSpec(Qt::UTC);
    return time;
}

// A bucket-scoped test that was refused: the Bucket field is already filled, so the advice differs.
QString describeBucketAccessDenied(const s3::S3Error &error, const QString &bucket)
{
    return QCoreApplication::translate("s3ui::ConnectionTester", "Access denied%1: these keys may not list bucket '%2'. Check the bucket name (it may belong "
                          "to another user), or ask the administrator for s3:ListBucket on it.")
        .arg(serverDetails(error.code(), error), bucket);
}

} // namespace

QString describeConnectionError(const s3::S3Error &error, std::optional<qint64> clockOffsetSeconds)
{
    using Kind = s3::S3Error::Kind;
    const QString code = error.code();
    const QString details = serverDetails(code, error);

    if (code == QLatin1String("SignatureDoesNotMatch"))
        return QCoreApplication::translate("s3ui::ConnectionTester", "Wrong secret key%1: the server rejected the request signature. "
                              "Check the secret key that belongs to this access key.")
            .arg(details);
    if (code == QLatin1String("InvalidAccessKeyId"))
        return QCoreApplication::translate("s3ui::ConnectionTester", "Unknown access key%1: the server does not know this access key. "
                              "Check the access key, and that the endpoint URL points to the right server.")
            .arg(details);
    if (code == QLatin1String("ExpiredToken") || code == QLatin1String("TokenRefreshRequired"))
        return QCoreApplication::translate("s3ui::ConnectionTester", "Expired session token%1: the temporary credentials have run out. Refresh them "
                              "(for example with aws sso login) and connect again.")
            .arg(details);
    if (code == QLatin1String("InvalidToken"))
        return QCoreApplication::translate("s3ui::ConnectionTester", "Invalid session token%1: check the session token, or remove it if the "
                              "keys are not temporary.")
            .arg(details);
    if (code == QLatin1String(s3::SsoSignInRequiredCode))
        return QCoreApplication::translate("s3ui::ConnectionTester", "IAM Identity Center (SSO) sign-in needed: %1").arg(sentence(error.message()));
    if (code == QLatin1String("RequestTimeTooSkewed"))
        return QCoreApplication::translate("s3ui::ConnectionTester", "Clock skew%1: %2; fix the system time (turn on automatic time "
                              "synchronisation, NTP) and try again.")
            .arg(details, clockSkewText(clockOffsetSeconds));
    if (code == QLatin1String("AccessDenied") || code == QLatin1String("Forbidden"))
        return QCoreApplication::translate("s3ui::ConnectionTester", "Access denied%1: the keys are valid but lack permission for this request. If they "
                              "are limited to one bucket, enter that bucket in the connection's Bucket field; "
                              "otherwise ask the administrator for s3:ListAllMyBuckets or s3:ListBucket.")
            .arg(details);
    if (code == QLatin1String("NoSuchBucket")) {
        const QString bucket = error.resource().section(QLatin1Char('/'), 0, 0, QString::SectionSkipEmpty);
        return QCoreApplication::translate("s3ui::ConnectionTester", "No such bucket%1: %2 does not exist on this server. Check the bucket "
                              "name, the endpoint URL and the region.")
            .arg(details, bucket.isEmpty() ? QCoreApplication::translate("s3ui::ConnectionTester", "the bucket") : QCoreApplication::translate("s3ui::ConnectionTester", "bucket '%1'").arg(bucket));
    }
    if (code == QLatin1String("PermanentRedirect") || code == QLatin1String("TemporaryRedirect")
        || code == QLatin1String("AuthorizationHeaderMalformed")
        || code == QLatin1String("IllegalLocationConstraintException"))
        return QCoreApplication::translate("s3ui::ConnectionTester", "Wrong region or endpoint%1: %2").arg(details, error.hint());

    switch (error.kind()) {
    case Kind::None:
        return QCoreApplication::translate("s3ui::ConnectionTester", "Connected.");
    case Kind::Cancelled:
        return QCoreApplication::translate("s3ui::ConnectionTester", "The connection test was cancelled.");
    case Kind::Network: {
        const QString lower = error.message().toLower();
        if (code == QLatin1String("ConnectionRefused") || lower.contains(QLatin1String("refused")))
            return QCoreApplication::translate("s3ui::ConnectionTester", "Cannot reach the server: %1. Check the host and port of the endpoint URL, and that "
                                  "the server is running.")
                .arg(error.message());
        if (code == QLatin1String("HostNotFound")
            || (lower.contains(QLatin1String("host")) && lower.contains(QLatin1String("not found"))))
            return QCoreApplication::translate("s3ui::ConnectionTester", "Cannot reach the server: %1. Check the host name in the endpoint URL and the "
                                  "network (DNS) settings.")
                .arg(error.message());
        return QCoreApplication::translate("s3ui::ConnectionTester", "Network error: %1. Check the network connection and the endpoint URL.")
            .arg(error.message());
    }
    case Kind::Timeout:
        return QCoreApplication::translate("s3ui::ConnectionTester", "Timeout: %1. Check the endpoint URL (host and port) and the network; a firewall may be "
                              "dropping the connection.")
            .arg(error.message());
    case Kind::Tls:
        return QCoreApplication::translate("s3ui::ConnectionTester", "TLS error: %1. If the server uses a self-signed or private certificate, choose its CA "
                              "file (PEM) in the connection's CA file field; otherwise check the host name of the "
                              "endpoint URL.")
            .arg(error.message());
    case Kind::Auth:
        if (code.isEmpty())
            return QCoreApplication::translate("s3ui::ConnectionTester", "Credentials: %1 %2").arg(sentence(error.message()), error.hint());
        break;
    case Kind::Invalid:
        return QCoreApplication::translate("s3ui::ConnectionTester", "Invalid connection settings: %1 %2")
            .arg(sentence(error.message()), error.hint())
            .trimmed();
    case Kind::Io:
        return QStringLiteral("%1 %2").arg(sentence(error.message()), error.hint()).trimmed();
    case Kind::Http:
        if (error.httpStatus() == 404 || error.httpStatus() == 405 || error.httpStatus() == 400)
            return QCoreApplication::translate("s3ui::ConnectionTester", "%1. Is the endpoint URL that of an S3 server?").arg(error.toString());
        break;
    case Kind::S3:
    case Kind::ObjectModified:
        break;
    }
    const QString hint = error.hint();
    return hint.isEmpty() ? error.toString() : error.toString() + QStringLiteral(". ") + hint;
}

// ---------------------------------------------------------------------------------------------------------------

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
{
}

ConnectionTester::~ConnectionTester()
{
    cancel();
}

void ConnectionTester::start(const SessionConfig &config)
{
    cancel();
    m_running = true;
    ++m_generation;
    if (!config.resolver) {
        const auto error = s3::S3Error::invalid(tr("the connection has no settings"));
        finishLater(false, describeConnectionError(error), error);
        return;
    }
    m_network = std::make_unique<QNetworkAccessManager>();
    s3::Result<s3::ResolvedConnection> resolved = config.resolver(m_network.get());
    if (!resolved) {
        finishLater(false, describeConnectionError(resolved.error()), resolved.error());
        return;
    }
    m_ownClient = std::make_unique<s3::S3Client>(m_network.get(), resolved->endpoint, resolved->credentials);
    m_ownClient->setClockOffset(resolved->clockOffset);
    m_ownClient->setTransferTimeoutMs(m_timeoutMs);
    if (!resolved->caBundle.isEmpty()) {
        if (auto ca = m_ownClient->setCaBundle(resolved->caBundle); !ca) {
            finishLater(false, describeConnectionError(ca.error()), ca.error());
            return;
        }
    }
    QString bucket = config.bucket;
    if (bucket.isEmpty())
        bucket = resolved->endpoint.defaultBucket();
    runTest(m_ownClient.get(), bucket, bucket.isEmpty() ? QString() : config.prefix);
}

void ConnectionTester::start(s3::S3Client *client, const QString &bucket, const QString &prefix)
{
    cancel();
    m_running = true;
    ++m_generation;
    if (!client) {
        const auto error = s3::S3Error::invalid(tr("no client to test"));
        finishLater(false, describeConnectionError(error), error);
        return;
    }
    runTest(client, bucket, prefix);
}

void ConnectionTester::cancel()
{
    m_running = false;
    ++m_generation;
    s3::cancelQuietly(m_job, this);
    if (m_clockReply) {
        m_clockReply->disconnect(this);
        m_clockReply->abort();
        m_clockReply->deleteLater();
    }
    m_clockReply = nullptr;
    m_client = nullptr;
    // The client before its manager; the manager deletes the replies it still has.
    m_ownClient.reset();
    m_network.reset();
}

void ConnectionTester::runTest(s3::S3Client *client, const QString &bucket, const QString &prefix)
{
    m_client = client;
    m_bucket = bucket;
    s3::S3Job *job = nullptr;
    if (bucket.isEmpty()) {
        job = new s3::ListBucketsJob(client, this);
    } else {
        s3::ListObjectsRequest request;
        request.bucket = bucket;
        request.prefix = prefix;
        request.delimiter = QStringLiteral("/");
        request.maxKeys = 1;
        job = new s3::ListObjectsPageJob(client, request, this);
    }
    // One retry at most: a test should answer quickly, and "refused" will not change within a second.
    s3::RetryPolicy policy;
    policy.maxAttempts = 2;
    policy.baseDelay = std::chrono::milliseconds(100);
    job->setRetryPolicy(policy);
    connect(job, &s3::Job::finished, this, &ConnectionTester::handleJobFinished);
    m_job = job;
    job->start();
}

void ConnectionTester::handleJobFinished(s3::Job *job)
{
    if (job != m_job)
        return;
    m_job = nullptr;
    if (!job->hasError()) {
        // The client corrects a wrong local clock by itself; the user should still hear about it.
        QString clockNote;
        if (m_client && qAbs(m_client->clockOffsetMs()) >= s3::ClockSkewThresholdMs) {
            clockNote = tr(" Note: %1; S3Desk signs with the server's time, but fix the system time.")
                            .arg(clockSkewText(-m_client->clockOffsetMs() / 1000));
        }
        if (const auto *buckets = qobject_cast<s3::ListBucketsJob *>(job)) {
            const qsizetype count = buckets->result().buckets.size();
            finish(true,
                   tr("Connected: %n bucket(s).", nullptr, int(count)) + clockNote,
                   {});
        } else {
            finish(true, tr("Connected: bucket '%1' can be listed.").arg(m_bucket) + clockNote, {});
        }
        return;
    }
    const s3::S3Error error = job->error();
    if (error.code() == QLatin1String("RequestTimeTooSkewed") && m_client) {
        measureClockOffset(error);
        return;
    }
    const bool denied = error.code() == QLatin1String("AccessDenied") || error.code() == QLatin1String("Forbidden");
    finish(false,
           denied && !m_bucket.isEmpty() ? describeBucketAccessDenied(error, m_bucket) : describeConnectionError(error),
           error);
}

void ConnectionTester::measureClockOffset(const s3::S3Error &error)
{
    // An unsigned HEAD: any answer (403 included) carries the server's Date header.
    QNetworkRequest request(m_client->endpoint().baseUrl());
    request.setSslConfiguration(m_client->sslConfiguration());
    request.setTransferTimeout(qMin(m_timeoutMs, 5000));
    request.setHeader(QNetworkRequest::UserAgentHeader, s3::S3Client::userAgent());
    QNetworkReply *reply = m_client->network()->head(request);
    m_clockReply = reply;
    const s3::Clock clock = m_client->clock();
    connect(reply, &QNetworkReply::finished, this, [this, reply, clock, error] {
        reply->deleteLater();
        if (reply != m_clockReply)
            return;
        m_clockReply = nullptr;
        std::optional<qint64> offset;
        const QDateTime serverTime = parseHttpDate(reply->rawHeader(QByteArrayLiteral("Date")));
        if (serverTime.isValid())
            offset = serverTime.secsTo(clock());
        finish(false, describeConnectionError(error, offset), error);
    });
}

void ConnectionTester::finish(bool ok, const QString &message, const s3::S3Error &error)
{
    m_running = false;
    Q_EMIT finished(ok, message, error);
}

void ConnectionTester::finishLater(bool ok, const QString &message, const s3::S3Error &error)
{
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation, ok, message, error] {
        if (generation == m_generation && m_running)
            finish(ok, message, error);
    });
}

} // namespace s3ui
