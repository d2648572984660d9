// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <vector>

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>

#include "s3core/auth/refreshingcredentialsprovider.h"
#include "s3core/auth/ssoconfig.h"
#include "s3core/auth/ssotoken.h"
#include "s3core/clock.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace s3 {

struct AwsProfile;

/**
 * IAM Identity Center (SSO) role credentials, as botocore's SSOProvider gets them: the access token that
 * `aws sso login` (or `s3desk-cli sso login`, or the app's Sign in) left in ~/.aws/sso/cache, refreshed with its
 * refresh token (OIDC CreateToken) when it expires within 15 minutes and written back; then the portal's
 * GetRoleCredentials for the account and role. When the role credentials are renewed is
 * RefreshingCredentialsProvider's rule, the same as for every other source that expires (advisory refresh in
 * the background with the current keys still answered, mandatory refresh that callers wait for; concurrent
 * resolve() calls share one fetch).
 *
 * The token cache on disk is shared (with awscli and with the providers of other threads); the credentials are
 * kept in memory per provider. With no usable token the error is Auth with code SsoSignInRequiredCode and says
 * how to sign in again. Tokens and keys never reach a log or a message.
 */
class S3CORE_EXPORT SsoCredentialsProvider final : public RefreshingCredentialsProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SsoCredentialsProvider)
public:
    SsoCredentialsProvider(QNetworkAccessManager *network, SsoConfig config, QString cacheFolder, SsoEndpoints endpoints,
                           Clock clock = systemClock(), QObject *parent = nullptr);
    ~SsoCredentialsProvider() override;

    /**
     * The provider for a profile as resolveConnection() places it: null when the profile has no sso_* keys; a
     * provider that answers the configuration error when they are incomplete or contradict each other.
     * `caCertificates`: the connection's ca_bundle, trusted for the OIDC and portal calls besides the system's.
     * `clock`: the connection's corrected clock (correctedClock()), which token and credential expiry are
     * compared with.
     */
    static std::shared_ptr<CredentialsProvider> forProfile(const AwsProfile &profile, const QProcessEnvironment &environment,
                                                           QNetworkAccessManager *network,
                                                           const QList<QSslCertificate> &caCertificates = {},
                                                           Clock clock = systemClock());

    QString name() const override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    /** <cache folder>/<sha1>.json of this profile's token. */
    QString tokenPath() const;
    const SsoConfig &config() const { return m_config; }

protected:
    void fetch(FetchDone done) override;
    void cancelFetch() override;

private:
    void refreshToken(const SsoToken &token);
    void fetchRoleCredentials(const SsoToken &token);
    void finish(const Result<Credentials> &result);
    void finishLater(const S3Error &error);
    S3Error signInAgain(const QString &why) const;

    QPointer<QNetworkAccessManager> m_network;
    SsoConfig m_config;
    QString m_cacheFolder;
    SsoEndpoints m_endpoints;
    int m_timeoutMs = 30000;
    FetchDone m_done;
    QPointer<QNetworkReply> m_reply;
};

} // namespace s3
