// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/credentialsprovider.h"

#include <memory>
#include <utility>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include "s3core/endpoint.h"
#include "s3core/logging.h"

namespace s3 {

namespace {

// A failed fetch is answered again (instead of asking the service again) for this long, so a caller that
// resolves in a loop off EC2 does not hammer the network.
constexpr qint64 FailureHoldSeconds = 10;
constexpr int TokenTtlSeconds = 21600;
const QString CredentialsPath = QStringLiteral("/latest/meta-data/iam/security-credentials/");

S3Error imdsError(const QString &message)
{
    return S3Error(S3Error::Kind::Auth, QStringLiteral("EC2 instance metadata: ") + message);
}

} // namespace

ImdsCredentialsProvider::ImdsCredentialsProvider(QNetworkAccessManager *network, QString endpoint, Clock clock,
                                                 QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(std::move(endpoint))
    , m_clock(clock ? std::move(clock) : systemClock())
{
    if (m_endpoint.isEmpty())
        m_endpoint = QStringLiteral("http://169.254.169.254");
    while (m_endpoint.endsWith(QLatin1Char('/')))
        m_endpoint.chop(1);
}

ImdsCredentialsProvider::~ImdsCredentialsProvider()
{
    // Pending callbacks are dropped, never called: their owner is tearing us down. The replies belong to
    // the network manager, so they are aborted without reaching our (soon dangling) handlers.
    m_pending.clear();
    for (QNetworkReply *reply : {m_reply.data(), m_regionReply.data()}) {
        if (!reply)
            continue;
        reply->disconnect(this);
        if (reply->error() == QNetworkReply::NoError && !reply->isFinished())
            reply->abort(); // not once more after an error: Qt would report a second one
        reply->deleteLater();
    }
}

QString ImdsCredentialsProvider::name() const
{
    return QStringLiteral("EC2 instance metadata");
}

void ImdsCredentialsProvider::invalidate()
{
    // Only the credentials: a remembered failure stays, so invalidate()+resolve() cannot loop on the network.
    m_cached = Credentials();
}

void ImdsCredentialsProvider::resolve(QObject *context, Callback callback)
{
    const QDateTime now = m_clock();
    if (m_cached.isComplete() && !m_cached.isExpired(now, m_refreshMarginSeconds)) {
        callback(m_cached);
        return;
    }
    if (m_lastErrorAt.isValid() && now < m_lastErrorAt.addSecs(FailureHoldSeconds) && !m_fetching) {
        if (m_cached.isComplete() && !m_cached.isExpired(now))
            callback(m_cached);
        else
            callback(m_lastError);
        return;
    }
    // A null context means "no lifetime to watch": the provider itself stands in.
    m_pending.push_back(Pending{QPointer<QObject>(context ? context : this), std::move(callback)});
    if (!m_fetching)
        startFetch();
}

void ImdsCredentialsProvider::startFetch()
{
    if (!m_network) {
        // Answer asynchronously like the network path would.
        m_fetching = true;
        QTimer::singleShot(0, this, [this] { finish(imdsError(QStringLiteral("no network access"))); });
        return;
    }
    m_fetching = true;
    qCDebug(lcS3Auth) << "fetching credentials from instance metadata at" << redactUrlUserInfo(m_endpoint);
    fetchToken();
}

QNetworkReply *ImdsCredentialsProvider::send(const QByteArray &verb, const QString &path, const QByteArray &headerName,
                                             const QByteArray &headerValue, const QString &step,
                                             std::function<void(const Result<QByteArray> &)> handler)
{
    if (!m_network) {
        QTimer::singleShot(0, this, [handler, step] { handler(imdsError(step + QStringLiteral(" failed: no network access"))); });
        return nullptr;
    }
    QNetworkRequest request(QUrl(m_endpoint + path));
    request.setRawHeader(headerName, headerValue);
    request.setTransferTimeout(m_timeoutMs);
    // The metadata service never redirects; following one could send the token elsewhere.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

    QNetworkReply *reply = verb == "PUT" ? m_network->put(request, QByteArray()) : m_network->get(request);

    // transferTimeout does not cover connecting on every platform: a timer of our own aborts the reply.
    auto timedOut = std::make_shared<bool>(false);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        if (reply->error() == QNetworkReply::NoError)
            reply->abort();
    });
    timer->start(m_timeoutMs);

    const int timeoutMs = m_timeoutMs;
    auto done = std::make_shared<bool>(false);
    // If the network manager is destroyed mid-request it deletes the reply without a finished() signal:
    // answer anyway, so no caller waits forever.
    connect(reply, &QObject::destroyed, this, [done, step, handler] {
        if (*done)
            return;
        *done = true;
        handler(imdsError(step + QStringLiteral(" aborted: the network access manager went away")));
    });
    connect(reply, &QNetworkReply::finished, this, [reply, timer, timedOut, timeoutMs, step, handler, done] {
        if (*done)
            return;
        *done = true;
        timer->stop();
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QNetworkReply::NetworkError netError = reply->error();
        if (*timedOut || (status == 0 && netError == QNetworkReply::OperationCanceledError)) {
            handler(imdsError(QStringLiteral("%1 timed out after %2 ms").arg(step).arg(timeoutMs)));
            return;
        }
        if (status == 0) {
            handler(imdsError(QStringLiteral("%1 failed: %2").arg(step, reply->errorString())));
            return;
        }
        if (status != 200) {
            handler(imdsError(QStringLiteral("%1 failed with HTTP %2").arg(step).arg(status)));
            return;
        }
        handler(reply->readAll());
    });
    return reply;
}

void ImdsCredentialsProvider::fetchToken()
{
    m_reply = send("PUT", QStringLiteral("/latest/api/token"), "X-aws-ec2-metadata-token-ttl-seconds",
                   QByteArray::number(TokenTtlSeconds), QStringLiteral("token request"),
                   [this](const Result<QByteArray> &body) {
                       m_reply = nullptr;
                       if (!body) {
                           finish(body.error());
                           return;
                       }
                       const QByteArray token = body->trimmed();
                       if (token.isEmpty()) {
                           finish(imdsError(QStringLiteral("token request returned an empty token")));
                           return;
                       }
                       fetchRegion(token);
                       fetchRoleName(token);
                   });
}

void ImdsCredentialsProvider::fetchRoleName(const QByteArray &token)
{
    m_reply = send("GET", CredentialsPath, "X-aws-ec2-metadata-token", token, QStringLiteral("IAM role lookup"),
                   [this, token](const Result<QByteArray> &body) {
                       m_reply = nullptr;
                       if (!body) {
                           finish(body.error());
                           return;
                       }
                       QString role;
                       const QStringList lines = QString::fromUtf8(*body).split(QLatin1Char('\n'));
                       for (const QString &line : lines) {
                           role = line.trimmed();
                           if (!role.isEmpty())
                               break;
                       }
                       if (role.isEmpty()) {
                           finish(imdsError(QStringLiteral("no IAM role is attached to this instance")));
                           return;
                       }
                       fetchRoleCredentials(token, role);
                   });
}

void ImdsCredentialsProvider::fetchRoleCredentials(const QByteArray &token, const QString &role)
{
    const QString path = CredentialsPath + QString::fromLatin1(QUrl::toPercentEncoding(role));
    m_reply = send(
        "GET", path, "X-aws-ec2-metadata-token", token, QStringLiteral("credentials request for role '%1'").arg(role),
        [this, role](const Result<QByteArray> &body) {
            m_reply = nullptr;
            if (!body) {
                finish(body.error());
                return;
            }
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(*body, &parseError);
            if (!document.isObject()) {
                finish(imdsError(QStringLiteral("credentials of role '%1' are not a JSON object (%2)")
                                     .arg(role, parseError.errorString())));
                return;
            }
            const QJsonObject object = document.object();
            const QString code = object.value(QLatin1String("Code")).toString();
            if (code != QLatin1String("Success")) {
                // Message is the service's explanation; it carries no secret.
                const QString message = object.value(QLatin1String("Message")).toString();
                finish(imdsError(QStringLiteral("credentials of role '%1' returned code '%2'%3")
                                     .arg(role, code,
                                          message.isEmpty() ? QString() : QStringLiteral(": ") + message)));
                return;
            }
            Credentials credentials;
            credentials.accessKeyId = object.value(QLatin1String("AccessKeyId")).toString();
            credentials.secretAccessKey = object.value(QLatin1String("SecretAccessKey")).toString();
            credentials.sessionToken = object.value(QLatin1String("Token")).toString();
            const QString expiration = object.value(QLatin1String("Expiration")).toString();
            credentials.expiry = QDateTime::fromString(expiration, Qt::ISODate).toUTC();
            credentials.source = QStringLiteral("EC2 instance metadata (role %1)").arg(role);
            if (!credentials.isComplete()) {
                finish(imdsError(QStringLiteral("credentials of role '%1' lack AccessKeyId or SecretAccessKey").arg(role)));
                return;
            }
            if (!credentials.expiry.isValid()) {
                // Without an expiry the cache could never refresh these temporary keys.
                finish(imdsError(QStringLiteral("credentials of role '%1' have an invalid Expiration '%2'")
                                     .arg(role, expiration)));
                return;
            }
            finish(credentials);
        });
}

void ImdsCredentialsProvider::fetchRegion(const QByteArray &token)
{
    if (m_regionRequested || !m_region.isEmpty())
        return;
    m_regionRequested = true;
    m_regionReply = send("GET", QStringLiteral("/latest/dynamic/instance-identity/document"), "X-aws-ec2-metadata-token",
                         token, QStringLiteral("identity document request"), [this](const Result<QByteArray> &body) {
                             m_regionReply = nullptr;
                             if (!body) {
                                 // Optional: the region can come from elsewhere. Allow a later fetch to try again.
                                 m_regionRequested = false;
                                 qCDebug(lcS3Auth).noquote() << body.error().message();
                                 return;
                             }
                             const QJsonObject document = QJsonDocument::fromJson(*body).object();
                             m_region = document.value(QLatin1String("region")).toString();
                             qCDebug(lcS3Auth) << "instance region" << m_region;
                         });
}

void ImdsCredentialsProvider::finish(const Result<Credentials> &result)
{
    m_fetching = false;
    const QDateTime now = m_clock();
    Result<Credentials> answer = result;
    if (result) {
        m_cached = *result;
        m_lastError = S3Error();
        m_lastErrorAt = QDateTime();
        qCDebug(lcS3Auth) << "instance metadata credentials" << m_cached;
    } else {
        m_lastError = result.error();
        m_lastErrorAt = now;
        qCDebug(lcS3Auth).noquote() << result.error().message();
        // Keys that are merely due for refresh still work until they expire.
        if (m_cached.isComplete() && !m_cached.isExpired(now)) {
            qCDebug(lcS3Auth) << "refresh failed; keeping cached credentials until" << m_cached.expiry;
            answer = m_cached;
        }
    }
    // Callbacks may resolve again or even destroy this provider: work on a local list only.
    const std::vector<Pending> pending = std::exchange(m_pending, {});
    for (const Pending &p : pending) {
        if (p.context)
            p.callback(answer);
    }
}

} // namespace s3
