// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/ssocredentialsprovider.h"

#include <utility>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include "s3core/auth/ssoapi.h"
#include "s3core/config.h"
#include "s3core/logging.h"
#include "ssohttp.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

/** Stands in for a misconfigured SSO profile, so the connection fails with what is wrong in the file. */
class MisconfiguredSsoProvider final : public CredentialsProvider
{
public:
    MisconfiguredSsoProvider(QString profile, S3Error error) : m_profile(std::move(profile)), m_error(std::move(error)) {}
    void resolve(QObject *context, Callback callback) override
    {
        Q_UNUSED(context)
        callback(m_error);
    }
    QString name() const override { return u"SSO profile '%1'"_s.arg(m_profile); }

private:
    QString m_profile;
    S3Error m_error;
};

} // namespace

std::shared_ptr<CredentialsProvider> SsoCredentialsProvider::forProfile(const AwsProfile &profile,
                                                                        const QProcessEnvironment &environment,
                                                                        QNetworkAccessManager *network,
                                                                        const QList<QSslCertificate> &caCertificates,
                                                                        Clock clock)
{
    const Result<std::optional<SsoConfig>> config = ssoConfigFromProfile(profile);
    if (!config)
        return std::make_shared<MisconfiguredSsoProvider>(profile.name, config.error());
    if (!config->has_value())
        return {};
    const SsoConfig &sso = **config;
    SsoEndpoints endpoints = SsoEndpoints::forRegion(sso.region, environment);
    endpoints.caCertificates = caCertificates;
    return std::make_shared<SsoCredentialsProvider>(network, sso, ssoCacheFolder(environment), std::move(endpoints),
                                                    std::move(clock));
}

SsoCredentialsProvider::SsoCredentialsProvider(QNetworkAccessManager *network, SsoConfig config, QString cacheFolder,
                                               SsoEndpoints endpoints, Clock clock, QObject *parent)
    : RefreshingCredentialsProvider(std::move(clock), parent)
    , m_network(network)
    , m_config(std::move(config))
    , m_cacheFolder(std::move(cacheFolder))
    , m_endpoints(std::move(endpoints))
{
}

SsoCredentialsProvider::~SsoCredentialsProvider()
{
    cancelFetch();
}

QString SsoCredentialsProvider::name() const
{
    return u"SSO profile '%1'"_s.arg(m_config.profile);
}

QString SsoCredentialsProvider::tokenPath() const
{
    return m_cacheFolder + u'/' + ssoTokenCacheKey(m_config.sessionName, m_config.startUrl) + u".json"_s;
}

S3Error SsoCredentialsProvider::signInAgain(const QString &why) const
{
    S3Error error(S3Error::Kind::Auth,
                  u"%1: %2. Sign in again: s3desk-cli sso login --profile %3 (or aws sso login "
                  "--profile %3, or Sign in… in the app)"_s.arg(name(), why, m_config.profile));
    error.setCode(QString::fromLatin1(SsoSignInRequiredCode));
    return error;
}

void SsoCredentialsProvider::cancelFetch()
{
    m_done = nullptr;
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void SsoCredentialsProvider::finishLater(const S3Error &error)
{
    // Answered asynchronously, like the network path.
    QMetaObject::invokeMethod(this, [this, error] { finish(error); }, Qt::QueuedConnection);
}

void SsoCredentialsProvider::fetch(FetchDone done)
{
    m_done = std::move(done);
    const QDateTime current = now();
    const QString path = tokenPath();
    Result<SsoToken> token = readSsoTokenFile(path);
    if (!token) {
        finishLater(token.error().code() == QLatin1String(SsoSignInRequiredCode)
                        ? signInAgain(u"no SSO token (%1)"_s.arg(token.error().message()))
                        : S3Error(token.error().kind(), name() + u": "_s + token.error().message()));
        return;
    }
    if (!token->startUrl.isEmpty() && token->startUrl != m_config.startUrl) {
        finishLater(signInAgain(u"the SSO token in %1 is for another start URL"_s.arg(path)));
        return;
    }
    qCDebug(lcS3Auth) << "SSO token of profile" << m_config.profile << "expires" << token->expiresAt;
    if (token->expiresAt.toSecsSinceEpoch() - current.toSecsSinceEpoch() < AdvisoryRefreshSeconds && token->canRefresh(current)) {
        refreshToken(*token);
        return;
    }
    if (token->expiresAt <= current) {
        finishLater(signInAgain(token->refreshToken.isEmpty()
                                    ? u"the SSO token expired at %1"_s.arg(formatSsoTimestamp(token->expiresAt))
                                    : u"the SSO token expired at %1 and its client registration has expired"_s.arg(
                                          formatSsoTimestamp(token->expiresAt))));
        return;
    }
    fetchRoleCredentials(*token);
}

void SsoCredentialsProvider::refreshToken(const SsoToken &token)
{
    QJsonObject request{{u"grantType"_s, u"refresh_token"_s},
                        {u"clientId"_s, token.clientId},
                        {u"clientSecret"_s, token.clientSecret},
                        {u"refreshToken"_s, token.refreshToken}};
    qCDebug(lcS3Auth) << "refreshing the SSO token of profile" << m_config.profile;
    m_reply = ssoHttpSend(
        m_network, this, "POST", QUrl(m_endpoints.oidc + u"/token"_s), {}, QJsonDocument(request).toJson(QJsonDocument::Compact),
        m_endpoints.caCertificates, m_timeoutMs, u"CreateToken (refresh)"_s, [this, token](const Result<SsoHttpAnswer> &answer) {
            m_reply = nullptr;
            const QDateTime current = now();
            S3Error failure;
            if (!answer) {
                failure = answer.error();
            } else if (answer->status != 200) {
                failure = ssoServiceFailure(u"CreateToken (refresh)"_s, *answer);
            } else if (Result<SsoCreateTokenAnswer> created = parseSsoCreateToken(answer->body); !created) {
                failure = created.error();
            } else {
                SsoToken refreshed = token;
                refreshed.startUrl = m_config.startUrl;
                refreshed.region = m_config.region;
                refreshed.accessToken = created->accessToken;
                refreshed.expiresAt = current.addSecs(created->expiresIn);
                if (!created->refreshToken.isEmpty())
                    refreshed.refreshToken = created->refreshToken;
                if (Result<Ok> written = writeSsoCacheFile(tokenPath(), serializeSsoToken(refreshed)); !written)
                    qCWarning(lcS3Auth).noquote() << "SSO token refreshed but not saved:" << written.error().message();
                fetchRoleCredentials(refreshed);
                return;
            }
            qCDebug(lcS3Auth).noquote() << "SSO token refresh failed:" << failure.message();
            if (token.expiresAt > current) {
                fetchRoleCredentials(token); // still valid for a while: use it, refresh again next time
                return;
            }
            const bool rejected = failure.kind() == S3Error::Kind::Auth && failure.httpStatus() >= 400 && failure.httpStatus() < 500;
            if (rejected)
                finish(signInAgain(u"the SSO token expired and could not be refreshed (%1)"_s.arg(failure.message())));
            else
                finish(S3Error(failure.kind(), name() + u": the SSO token expired and refreshing it failed: "_s + failure.message()));
        });
}

void SsoCredentialsProvider::fetchRoleCredentials(const SsoToken &token)
{
    const QUrl url(m_endpoints.portal + u"/federation/credentials?account_id="_s
                   + QString::fromLatin1(QUrl::toPercentEncoding(m_config.accountId)) + u"&role_name="_s
                   + QString::fromLatin1(QUrl::toPercentEncoding(m_config.roleName)));
    const QString step = u"GetRoleCredentials (role %1 in %2)"_s.arg(m_config.roleName, m_config.accountId);
    m_reply = ssoHttpSend(m_network, this, "GET", url, {{"x-amz-sso_bearer_token", token.accessToken.toUtf8()}}, {},
                          m_endpoints.caCertificates, m_timeoutMs, step, [this, step](const Result<SsoHttpAnswer> &answer) {
                              m_reply = nullptr;
                              if (!answer) {
                                  finish(S3Error(answer.error().kind(), name() + u": "_s + answer.error().message()));
                                  return;
                              }
                              if (answer->status == 401) {
                                  finish(signInAgain(u"the portal refused the SSO token (%1)"_s.arg(
                                      ssoServiceFailure(step, *answer).message())));
                                  return;
                              }
                              if (answer->status != 200) {
                                  S3Error error = ssoServiceFailure(step, *answer);
                                  error.setMessage(name() + u": "_s + error.message());
                                  finish(error);
                                  return;
                              }
                              Result<Credentials> credentials = parseSsoRoleCredentials(answer->body);
                              if (!credentials) {
                                  finish(S3Error(S3Error::Kind::Auth, name() + u": "_s + credentials.error().message()));
                                  return;
                              }
                              Credentials result = *credentials;
                              result.source = u"SSO role %1 in %2 (profile %3)"_s.arg(m_config.roleName, m_config.accountId,
                                                                                       m_config.profile);
                              finish(result);
                          });
}

void SsoCredentialsProvider::finish(const Result<Credentials> &result)
{
    if (!result)
        qCDebug(lcS3Auth).noquote() << result.error().message();
    if (auto done = std::exchange(m_done, nullptr))
        done(result);
}

} // namespace s3
