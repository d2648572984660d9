// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/ssodeviceauthorization.h"

#include <utility>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimeZone>

#include "s3core/logging.h"
#include "ssohttp.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

// RFC 8628: slow_down adds 5 seconds to the interval.
constexpr qint64 SlowDownSeconds = 5;
// botocore reuses a cached registration only while it lasts this much longer.
constexpr qint64 RegistrationWindowSeconds = 15 * 60;

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

SsoDeviceAuthorization::SsoDeviceAuthorization(QNetworkAccessManager *network, SsoConfig config, QString cacheFolder,
                                               SsoEndpoints endpoints, Clock clock, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_config(std::move(config))
    , m_cacheFolder(std::move(cacheFolder))
    , m_endpoints(std::move(endpoints))
    , m_clock(clock ? std::move(clock) : systemClock())
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &SsoDeviceAuthorization::poll);
}

SsoDeviceAuthorization::~SsoDeviceAuthorization()
{
    if (QNetworkReply *reply = m_reply.data()) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

QString SsoDeviceAuthorization::tokenPath() const
{
    return m_cacheFolder + u'/' + ssoTokenCacheKey(m_config.sessionName, m_config.startUrl) + u".json"_s;
}

QString SsoDeviceAuthorization::registrationPath() const
{
    return m_cacheFolder + u'/'
        + ssoRegistrationCacheKey(m_config.startUrl, m_config.region, m_config.registrationScopes, m_config.sessionName)
        + u".json"_s;
}

void SsoDeviceAuthorization::start()
{
    if (m_finished || m_reply)
        return;
    const QDateTime now = m_clock();
    if (Result<SsoRegistration> cached = readSsoRegistrationFile(registrationPath());
        cached && cached->expiresAt.toSecsSinceEpoch() - now.toSecsSinceEpoch() >= RegistrationWindowSeconds) {
        m_registration = *cached;
        qCDebug(lcS3Auth) << "SSO sign-in: reusing the client registration until" << m_registration.expiresAt;
        // Asynchronous like the network path: signals never come from inside start().
        QMetaObject::invokeMethod(this, &SsoDeviceAuthorization::startAuthorization, Qt::QueuedConnection);
        return;
    }
    registerClient();
}

void SsoDeviceAuthorization::cancel()
{
    fail(S3Error::cancelled());
}

void SsoDeviceAuthorization::registerClient()
{
    const QString sessionPart = m_config.sessionName.isEmpty() ? QString::number(m_clock().toSecsSinceEpoch()) : m_config.sessionName;
    QJsonObject request{{u"clientName"_s, QString(u"s3desk-client-"_s + sessionPart)}, {u"clientType"_s, u"public"_s}};
    if (!m_config.registrationScopes.isEmpty())
        request.insert(u"scopes"_s, QJsonArray::fromStringList(m_config.registrationScopes));
    m_reply = ssoHttpSend(m_network, this, "POST", QUrl(m_endpoints.oidc + u"/client/register"_s), {}, compactJson(request),
                          m_endpoints.caCertificates, m_timeoutMs, u"RegisterClient"_s, [this](const Result<SsoHttpAnswer> &answer) {
                              m_reply = nullptr;
                              if (!answer)
                                  return fail(answer.error());
                              if (answer->status != 200)
                                  return fail(ssoServiceFailure(u"RegisterClient"_s, *answer));
                              const Result<SsoClientRegistrationAnswer> parsed = parseSsoRegisterClient(answer->body);
                              if (!parsed)
                                  return fail(parsed.error());
                              m_registration.clientId = parsed->clientId;
                              m_registration.clientSecret = parsed->clientSecret;
                              m_registration.expiresAt = QDateTime::fromSecsSinceEpoch(parsed->clientSecretExpiresAt, Qt::UTC);
                              m_registration.scopes = m_config.registrationScopes;
                              if (Result<Ok> written = writeSsoCacheFile(registrationPath(), serializeSsoRegistration(m_registration));
                                  !written) {
                                  qCWarning(lcS3Auth).noquote() << "SSO client registration not saved:" << written.error().message();
                              }
                              startAuthorization();
                          });
}

void SsoDeviceAuthorization::startAuthorization()
{
    if (m_finished)
        return;
    const QJsonObject request{{u"clientId"_s, m_registration.clientId},
                              {u"clientSecret"_s, m_registration.clientSecret},
                              {u"startUrl"_s, m_config.startUrl}};
    m_reply = ssoHttpSend(m_network, this, "POST", QUrl(m_endpoints.oidc + u"/device_authorization"_s), {},
                          compactJson(request), m_endpoints.caCertificates, m_timeoutMs, u"StartDeviceAuthorization"_s,
                          [this](const Result<SsoHttpAnswer> &answer) {
                              m_reply = nullptr;
                              if (!answer)
                                  return fail(answer.error());
                              if (answer->status != 200)
                                  return fail(ssoServiceFailure(u"StartDeviceAuthorization"_s, *answer));
                              const Result<SsoDeviceAuthorizationAnswer> parsed = parseSsoDeviceAuthorization(answer->body);
                              if (!parsed)
                                  return fail(parsed.error());
                              m_authorization = *parsed;
                              m_interval = m_authorization.interval;
                              m_authorizationExpiresAt = m_clock().addSecs(m_authorization.expiresIn);
                              poll(); // one attempt first: a pre-authorized client needs no prompt
                          });
}

void SsoDeviceAuthorization::poll()
{
    if (m_finished)
        return;
    if (m_announced && m_clock() >= m_authorizationExpiresAt) {
        fail(S3Error(S3Error::Kind::Auth, u"IAM Identity Center sign-in: the code %1 expired before it was confirmed; "
                                          "sign in again"_s.arg(m_authorization.userCode)));
        return;
    }
    const QJsonObject request{{u"grantType"_s, u"urn:ietf:params:oauth:grant-type:device_code"_s},
                              {u"clientId"_s, m_registration.clientId},
                              {u"clientSecret"_s, m_registration.clientSecret},
                              {u"deviceCode"_s, m_authorization.deviceCode}};
    m_reply = ssoHttpSend(m_network, this, "POST", QUrl(m_endpoints.oidc + u"/token"_s), {}, compactJson(request),
                          m_endpoints.caCertificates, m_timeoutMs, u"CreateToken"_s, [this](const Result<SsoHttpAnswer> &answer) {
                              m_reply = nullptr;
                              if (m_finished)
                                  return;
                              if (!answer)
                                  return fail(answer.error());
                              if (answer->status == 200) {
                                  const Result<SsoCreateTokenAnswer> parsed = parseSsoCreateToken(answer->body);
                                  if (!parsed)
                                      return fail(parsed.error());
                                  return succeed(*parsed);
                              }
                              const SsoServiceError error = parseSsoServiceError(answer->body, answer->errorType);
                              const QString code = error.code;
                              if (code == u"slow_down"_s || code == u"SlowDownException"_s) {
                                  m_interval += SlowDownSeconds;
                                  qCDebug(lcS3Auth) << "SSO sign-in: slow_down, polling every" << m_interval << "s";
                              } else if (code == u"authorization_pending"_s || code == u"AuthorizationPendingException"_s) {
                                  // the user has not confirmed yet
                              } else if (code == u"expired_token"_s || code == u"ExpiredTokenException"_s) {
                                  return fail(S3Error(S3Error::Kind::Auth,
                                                      u"IAM Identity Center sign-in: the code %1 expired before it was "
                                                      "confirmed; sign in again"_s.arg(m_authorization.userCode)));
                              } else if (code == u"access_denied"_s || code == u"AccessDeniedException"_s) {
                                  return fail(S3Error(S3Error::Kind::Auth, u"IAM Identity Center sign-in was denied in the "
                                                                           "browser (access_denied)"_s));
                              } else {
                                  return fail(ssoServiceFailure(u"CreateToken"_s, *answer));
                              }
                              if (!m_announced) {
                                  m_announced = true;
                                  Q_EMIT pendingAuthorization(SsoPendingAuthorization{
                                      m_authorization.userCode, m_authorization.verificationUri,
                                      m_authorization.verificationUriComplete, m_authorizationExpiresAt});
                                  if (m_finished)
                                      return; // cancelled from the slot
                              }
                              m_pollTimer.start(int(qMin<qint64>(m_interval * m_unitMs, 3600 * 1000)));
                          });
}

void SsoDeviceAuthorization::succeed(const SsoCreateTokenAnswer &answer)
{
    SsoToken token;
    token.startUrl = m_config.startUrl;
    token.region = m_config.region;
    token.accessToken = answer.accessToken;
    token.expiresAt = m_clock().addSecs(answer.expiresIn);
    token.clientId = m_registration.clientId;
    token.clientSecret = m_registration.clientSecret;
    token.registrationExpiresAt = formatSsoTimestamp(m_registration.expiresAt);
    token.refreshToken = answer.refreshToken;
    if (Result<Ok> written = writeSsoCacheFile(tokenPath(), serializeSsoToken(token)); !written)
        return fail(written.error());
    m_token = token;
    m_finished = true;
    m_pollTimer.stop();
    qCDebug(lcS3Auth) << "SSO sign-in done; token saved in" << tokenPath() << "until" << token.expiresAt;
    Q_EMIT finished();
}

void SsoDeviceAuthorization::fail(const S3Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_pollTimer.stop();
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->abort(); // its handler sees m_finished... or is already disconnected below
    }
    qCDebug(lcS3Auth).noquote() << "SSO sign-in ended:" << error.message();
    Q_EMIT finished();
}

} // namespace s3
