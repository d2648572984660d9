// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include "s3core/auth/ssoapi.h"
#include "s3core/auth/ssoconfig.h"
#include "s3core/auth/ssotoken.h"
#include "s3core/clock.h"
#include "s3core/s3error.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace s3 {

/** What the user has to do: open the address and confirm the code. */
struct SsoPendingAuthorization
{
    QString userCode;
    QString verificationUri;
    QString verificationUriComplete; ///< the address with the code filled in (what the browser is sent to)
    QDateTime expiresAt;             ///< the code dies then
};

/**
 * Sign-in to IAM Identity Center with the OAuth device authorization flow, as `aws sso login` does it:
 * RegisterClient (or the registration awscli cached, while it lasts), StartDeviceAuthorization, one CreateToken
 * attempt, then pendingAuthorization() and CreateToken polls at the service's interval (slow_down adds 5 s,
 * authorization_pending goes on, expired_token and access_denied end it) until the token comes; the token is
 * written to ~/.aws/sso/cache exactly as awscli writes it. Asynchronous on the owner's thread; cancel() stops it.
 * finished() comes exactly once (also after cancel()), then error() tells how it went.
 */
class S3CORE_EXPORT SsoDeviceAuthorization final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SsoDeviceAuthorization)
public:
    SsoDeviceAuthorization(QNetworkAccessManager *network, SsoConfig config, QString cacheFolder, SsoEndpoints endpoints,
                           Clock clock = systemClock(), QObject *parent = nullptr);
    ~SsoDeviceAuthorization() override;

    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    /** None after success. */
    const S3Error &error() const { return m_error; }
    /** The token written (after success). */
    const SsoToken &token() const { return m_token; }
    QString tokenPath() const;
    /** Milliseconds per second of poll interval; tests shrink it so slow_down costs no real time. */
    void setIntervalUnitMs(int ms) { m_unitMs = ms; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    /** Current interval between polls, seconds (grows by 5 on slow_down). */
    qint64 intervalSeconds() const { return m_interval; }

Q_SIGNALS:
    void pendingAuthorization(const s3::SsoPendingAuthorization &authorization);
    void finished();

private:
    void registerClient();
    void startAuthorization();
    void poll();
    void fail(const S3Error &error);
    void succeed(const SsoCreateTokenAnswer &answer);
    QString registrationPath() const;

    QPointer<QNetworkAccessManager> m_network;
    SsoConfig m_config;
    QString m_cacheFolder;
    SsoEndpoints m_endpoints;
    Clock m_clock;
    int m_unitMs = 1000;
    int m_timeoutMs = 30000;
    SsoRegistration m_registration;
    SsoDeviceAuthorizationAnswer m_authorization;
    QDateTime m_authorizationExpiresAt;
    qint64 m_interval = 5;
    bool m_announced = false;
    bool m_finished = false;
    S3Error m_error;
    SsoToken m_token;
    QTimer m_pollTimer;
    QPointer<QNetworkReply> m_reply;
};

} // namespace s3

Q_DECLARE_METATYPE(s3::SsoPendingAuthorization)
