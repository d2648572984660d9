// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/credentialsprovider.h"

#include <utility>

#include <QDateTime>
#include <QRegularExpression>

#include "s3core/config.h"
#include "s3core/logging.h"

namespace s3 {

namespace {

S3Error authError(const QString &message)
{
    return S3Error(S3Error::Kind::Auth, message);
}

QString filesPhrase(const QString &credentialsPath, const QString &configPath)
{
    if (credentialsPath.isEmpty())
        return configPath;
    if (configPath.isEmpty())
        return credentialsPath;
    return credentialsPath + QStringLiteral(" or ") + configPath;
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------
// StaticCredentialsProvider

StaticCredentialsProvider::StaticCredentialsProvider(Credentials credentials)
    : m_credentials(std::move(credentials))
{
    if (m_credentials.source.isEmpty())
        m_credentials.source = QStringLiteral("static credentials");
}

void StaticCredentialsProvider::resolve(QObject *context, Callback callback)
{
    Q_UNUSED(context) // synchronous: the caller's context is necessarily alive now
    if (!m_credentials.isComplete()) {
        callback(authError(name() + QStringLiteral(": ")
                           + (m_credentials.accessKeyId.isEmpty() ? QStringLiteral("no access key id")
                                                                  : QStringLiteral("no secret access key"))));
        return;
    }
    callback(m_credentials);
}

QString StaticCredentialsProvider::name() const
{
    return m_credentials.source;
}

// ---------------------------------------------------------------------------------------------------------------
// EnvironmentCredentialsProvider

EnvironmentCredentialsProvider::EnvironmentCredentialsProvider(QProcessEnvironment environment)
    : m_environment(std::move(environment))
{
}

void EnvironmentCredentialsProvider::resolve(QObject *context, Callback callback)
{
    Q_UNUSED(context)
    Credentials credentials;
    credentials.accessKeyId = m_environment.value(QStringLiteral("AWS_ACCESS_KEY_ID")).trimmed();
    credentials.secretAccessKey = m_environment.value(QStringLiteral("AWS_SECRET_ACCESS_KEY")).trimmed();
    credentials.sessionToken = m_environment.value(QStringLiteral("AWS_SESSION_TOKEN")).trimmed();
    credentials.source = name();
    // botocore reads the expiry of temporary credentials from here too; presigned links are clamped to it.
    if (const QString expiration = m_environment.value(QStringLiteral("AWS_CREDENTIAL_EXPIRATION")).trimmed(); !expiration.isEmpty()) {
        credentials.expiry = parseExpiration(expiration);
        if (!credentials.expiry.isValid()) {
            callback(authError(QStringLiteral("environment: AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time such as "
                                              "2026-12-31T12:00:00Z: %1").arg(expiration.left(64))));
            return;
        }
    }
    if (credentials.accessKeyId.isEmpty()) {
        callback(authError(QStringLiteral("environment: AWS_ACCESS_KEY_ID not set")));
        return;
    }
    if (credentials.secretAccessKey.isEmpty()) {
        callback(authError(QStringLiteral("environment: AWS_SECRET_ACCESS_KEY not set (AWS_ACCESS_KEY_ID is)")));
        return;
    }
    callback(credentials);
}

QString EnvironmentCredentialsProvider::name() const
{
    return QStringLiteral("environment");
}

// ---------------------------------------------------------------------------------------------------------------
// ProfileCredentialsProvider

ProfileCredentialsProvider::ProfileCredentialsProvider(QString profile, QString credentialsPath, QString configPath)
    : m_profile(std::move(profile))
    , m_credentialsPath(std::move(credentialsPath))
    , m_configPath(std::move(configPath))
{
}

void ProfileCredentialsProvider::resolve(QObject *context, Callback callback)
{
    Q_UNUSED(context)
    const AwsSharedFiles files{m_credentialsPath, m_configPath};
    // allowMissing so that "not found" and "found without keys" can be told apart below; a malformed or
    // unreadable file is still an error here.
    const Result<AwsProfile> profile = loadAwsProfile(m_profile, files, true);
    if (!profile) {
        S3Error error = profile.error();
        error.setMessage(name() + QStringLiteral(": ") + error.message());
        callback(error);
        return;
    }
    const QString where = filesPhrase(m_credentialsPath, m_configPath);
    if (profile->accessKeyId.isEmpty() || profile->secretAccessKey.isEmpty()) {
        if (!listAwsProfiles(files).contains(m_profile)) {
            callback(authError(name() + QStringLiteral(": not found in ") + where));
            return;
        }
        const QString missing = profile->accessKeyId.isEmpty() ? QStringLiteral("aws_access_key_id")
                                                               : QStringLiteral("aws_secret_access_key");
        callback(authError(name() + QStringLiteral(": no ") + missing + QStringLiteral(" in ") + where));
        return;
    }
    Credentials credentials;
    credentials.accessKeyId = profile->accessKeyId;
    credentials.secretAccessKey = profile->secretAccessKey;
    credentials.sessionToken = profile->sessionToken;
    credentials.source = name() + QStringLiteral(" in ")
        + (profile->credentialsSource.isEmpty() ? where : profile->credentialsSource);
    qCDebug(lcS3Auth) << "credentials from" << credentials.source;
    callback(credentials);
}

QString ProfileCredentialsProvider::name() const
{
    return QStringLiteral("profile '%1'").arg(m_profile);
}

// ---------------------------------------------------------------------------------------------------------------
// CredentialsProviderChain

void CredentialsProviderChain::append(std::shared_ptr<CredentialsProvider> provider)
{
    if (provider)
        m_providers.push_back(std::move(provider));
}

void CredentialsProviderChain::resolve(QObject *context, Callback callback)
{
    if (m_selected) {
        // The remembered provider answers (it may refresh underneath, as instance metadata does). If it fails
        // now, forget it so that the next resolve() walks the whole chain again.
        const std::weak_ptr<int> alive = m_alive;
        const std::shared_ptr<CredentialsProvider> selected = m_selected;
        selected->resolve(context, [this, alive, selected, callback](const Result<Credentials> &result) {
            if (!result || !result->isComplete()) {
                if (!alive.expired() && m_selected == selected)
                    m_selected.reset();
            }
            if (result && !result->isComplete()) {
                callback(S3Error(S3Error::Kind::Auth, selected->name() + QStringLiteral(": incomplete credentials")));
                return;
            }
            callback(result);
        });
        return;
    }
    m_failureCode.clear();
    tryFrom(0, QPointer<QObject>(context), std::move(callback), {});
}

void CredentialsProviderChain::tryFrom(size_t index, QPointer<QObject> context, Callback callback, QStringList failures)
{
    if (index >= m_providers.size()) {
        QString message = QStringLiteral("no credentials");
        if (!failures.isEmpty())
            message += QStringLiteral(": ") + failures.join(QStringLiteral("; "));
        if (!m_advice.isEmpty())
            message += QStringLiteral(". ") + m_advice;
        qCDebug(lcS3Auth).noquote() << message;
        S3Error error(S3Error::Kind::Auth, message);
        error.setCode(std::exchange(m_failureCode, QString())); // e.g. SsoSignInRequired: the app offers Sign in
        callback(error);
        return;
    }
    // Providers may answer later (instance metadata); the chain may be gone by then, so the continuation
    // keeps the provider list alive itself and touches the chain only while the liveness token exists.
    const std::weak_ptr<int> alive = m_alive;
    const std::shared_ptr<CredentialsProvider> provider = m_providers[index];
    const bool hadContext = !context.isNull();
    provider->resolve(context.data(),
                      [this, alive, provider, index, context, hadContext, callback, failures](
                          const Result<Credentials> &result) mutable {
                          if (result && result->isComplete()) {
                              if (!alive.expired())
                                  m_selected = provider;
                              qCDebug(lcS3Auth).noquote() << "credentials chain: using" << provider->name();
                              callback(result);
                              return;
                          }
                          if (result)
                              failures << provider->name() + QStringLiteral(": incomplete credentials");
                          else
                              failures << result.error().message();
                          if (!result && !alive.expired() && m_failureCode.isEmpty())
                              m_failureCode = result.error().code();
                          if (alive.expired() || (hadContext && context.isNull()))
                              return; // nobody left to answer, or nobody left to ask
                          tryFrom(index + 1, context, std::move(callback), std::move(failures));
                      });
}

void CredentialsProviderChain::invalidate()
{
    m_selected.reset();
    for (const auto &provider : m_providers)
        provider->invalidate();
}

QString CredentialsProviderChain::name() const
{
    QStringList names;
    for (const auto &provider : m_providers)
        names << provider->name();
    return QStringLiteral("credentials chain (%1)").arg(names.join(QStringLiteral(", ")));
}

} // namespace s3
