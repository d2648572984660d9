// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>

#include <QList>
#include <QPointer>
#include <QSslCertificate>

#include "s3core/auth/refreshingcredentialsprovider.h"
#include "s3core/net/clockoffset.h"

class QNetworkAccessManager;

namespace s3 {

struct WebIdentitySettings
{
    QString profile;     ///< for messages; empty when the environment configured it
    QString roleArn;     ///< role_arn / AWS_ROLE_ARN
    QString sessionName; ///< role_session_name / AWS_ROLE_SESSION_NAME; empty: "s3desk-session-<unix time>"
    QString tokenFile;   ///< web_identity_token_file / AWS_WEB_IDENTITY_TOKEN_FILE
    QString stsEndpoint;
    QString region;
    QList<QSslCertificate> caCertificates; ///< trusted for the STS call besides the system's (ca_bundle)
    /**
     * The connection's clock offset: STS calls are signed with the provider's clock moved by it (and teach
     * it), expiry is judged by the corrected time. Null: the provider keeps one of its own.
     */
    std::shared_ptr<ClockOffset> clockOffset;
};

/**
 * Web identity (Kubernetes service account tokens, CI OIDC tokens): reads the token file anew at every fetch
 * (the platform rotates it) and calls STS AssumeRoleWithWebIdentity, unsigned. Refreshed before expiry like
 * every temporary source. The token never appears in messages or logs.
 */
class S3CORE_EXPORT WebIdentityProvider final : public RefreshingCredentialsProvider
{
    Q_OBJECT
public:
    static constexpr qint64 MaxTokenBytes = 64 * 1024;

    WebIdentityProvider(WebIdentitySettings settings, QNetworkAccessManager *network, Clock clock = systemClock(),
                        QObject *parent = nullptr);
    ~WebIdentityProvider() override;
    QString name() const override;

protected:
    void fetch(FetchDone done) override;
    void cancelFetch() override;

private:
    WebIdentitySettings m_settings;
    QPointer<QNetworkAccessManager> m_network;
    Clock m_localClock;
    std::function<void()> m_abort;
};

} // namespace s3
