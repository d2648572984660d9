// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QString>

#include "s3core/auth/credentials.h"
#include "s3core/clock.h"
#include "s3core/result.h"
#include "s3core/s3core_export.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace s3 {

/**
 * Source of credentials. resolve() may answer synchronously (static, environment, files) or later
 * (instance metadata); either way the callback runs exactly once, and not at all if the context
 * object is destroyed first. Providers live on the thread of their users.
 */
class S3CORE_EXPORT CredentialsProvider
{
public:
    using Callback = std::function<void(const Result<Credentials> &)>;

    virtual ~CredentialsProvider() = default;

    virtual void resolve(QObject *context, Callback callback) = 0;
    /** Forget cached credentials (S3Job calls it after ExpiredToken and similar) so the next resolve() fetches anew. */
    virtual void invalidate() {}
    /** Human name for messages: "environment", "profile 'dev'", "EC2 instance metadata", ... */
    virtual QString name() const = 0;
};

class S3CORE_EXPORT StaticCredentialsProvider final : public CredentialsProvider
{
public:
    explicit StaticCredentialsProvider(Credentials credentials);
    void resolve(QObject *context, Callback callback) override;
    QString name() const override;

private:
    Credentials m_credentials;
};

/**
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_CREDENTIAL_EXPIRATION (ISO 8601) from the
 * given environment (read at resolve time).
 */
class S3CORE_EXPORT EnvironmentCredentialsProvider final : public CredentialsProvider
{
public:
    explicit EnvironmentCredentialsProvider(QProcessEnvironment environment = QProcessEnvironment::systemEnvironment());
    void resolve(QObject *context, Callback callback) override;
    QString name() const override;

private:
    QProcessEnvironment m_environment;
};

/** Credentials of one profile from ~/.aws/credentials (and ~/.aws/config), read at resolve time. */
class S3CORE_EXPORT ProfileCredentialsProvider final : public CredentialsProvider
{
public:
    ProfileCredentialsProvider(QString profile, QString credentialsPath, QString configPath);
    void resolve(QObject *context, Callback callback) override;
    QString name() const override;

private:
    QString m_profile;
    QString m_credentialsPath;
    QString m_configPath;
};

/**
 * EC2 instance metadata service, IMDSv2: PUT /latest/api/token, then the role name and the role's
 * credentials with that token. Short timeouts (1 s connect+answer by default) so a machine off EC2 never
 * waits long. Cached credentials are refreshed when they are within refreshMargin of expiry (default
 * 5 minutes), not at half life. Concurrent resolve() calls share one fetch. If a refresh fails while the
 * cached keys have not yet expired, those keys are answered. A failed fetch is remembered for 10 s (by the
 * injected clock): resolve() calls in that window get the same answer without asking the service again,
 * so a caller looping on resolve() cannot hammer the network. Cached answers are synchronous.
 * Secrets and tokens are never logged (category lcS3Auth).
 */
class S3CORE_EXPORT ImdsCredentialsProvider final : public QObject, public CredentialsProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImdsCredentialsProvider)
public:
    /** endpoint: "http://169.254.169.254" unless AWS_EC2_METADATA_SERVICE_ENDPOINT says otherwise. */
    ImdsCredentialsProvider(QNetworkAccessManager *network, QString endpoint, Clock clock = systemClock(), QObject *parent = nullptr);
    ~ImdsCredentialsProvider() override;

    void resolve(QObject *context, Callback callback) override;
    void invalidate() override;
    QString name() const override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setRefreshMarginSeconds(qint64 seconds) { m_refreshMarginSeconds = seconds; }
    /** Region from the instance identity document, once fetched (empty before). */
    QString region() const { return m_region; }

private:
    struct Pending
    {
        QPointer<QObject> context;
        Callback callback;
    };
    void startFetch();
    void fetchToken();
    void fetchRoleName(const QByteArray &token);
    void fetchRoleCredentials(const QByteArray &token, const QString &role);
    void fetchRegion(const QByteArray &token);
    void finish(const Result<Credentials> &result);
    /** Sends one metadata request with the timeout; `handler` gets the body, or the error naming `step`. */
    QNetworkReply *send(const QByteArray &verb, const QString &path, const QByteArray &headerName,
                        const QByteArray &headerValue, const QString &step,
                        std::function<void(const Result<QByteArray> &)> handler);

    QPointer<QNetworkAccessManager> m_network; // not owned; at exit it may go first
    QString m_endpoint;
    Clock m_clock;
    int m_timeoutMs = 1000;
    qint64 m_refreshMarginSeconds = 300;
    bool m_fetching = false;
    Credentials m_cached;
    QString m_region;
    bool m_regionRequested = false;
    std::vector<Pending> m_pending;
    QPointer<QNetworkReply> m_reply;       // the credentials step in flight
    QPointer<QNetworkReply> m_regionReply; // the optional identity-document request
    S3Error m_lastError;                   // last failed fetch, answered again for a few seconds (no busy loop)
    QDateTime m_lastErrorAt;
};

/**
 * Tries providers in order; the first that yields complete credentials wins and is remembered until
 * invalidate(). If none does, the error lists what each provider said.
 */
class S3CORE_EXPORT CredentialsProviderChain final : public CredentialsProvider
{
public:
    CredentialsProviderChain() = default;
    void append(std::shared_ptr<CredentialsProvider> provider);
    void resolve(QObject *context, Callback callback) override;
    void invalidate() override;
    QString name() const override;
    int size() const { return int(m_providers.size()); }
    const std::vector<std::shared_ptr<CredentialsProvider>> &providers() const { return m_providers; }
    /** Advice appended when no provider succeeds (default: how to give keys); empty: none. */
    void setAdvice(QString advice) { m_advice = std::move(advice); }

private:
    void tryFrom(size_t index, QPointer<QObject> context, Callback callback, QStringList failures);

    std::vector<std::shared_ptr<CredentialsProvider>> m_providers;
    std::shared_ptr<CredentialsProvider> m_selected;
    QString m_advice = QStringLiteral("Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, use --profile, or configure ~/.aws/credentials");
    QString m_failureCode; // the first provider error code of a walk, kept on the chain's error
    // Liveness token: asynchronous provider answers touch the chain only while it exists.
    std::shared_ptr<int> m_alive = std::make_shared<int>(0);
};

} // namespace s3
