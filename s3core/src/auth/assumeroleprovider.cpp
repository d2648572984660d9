// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/assumeroleprovider.h"

#include <algorithm>
#include <utility>

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSaveFile>

#include "s3core/auth/sts.h"
#include "s3core/logging.h"
#include "stscall.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

constexpr qint64 DefaultSessionSeconds = 3600;

} // namespace

AssumeRoleProvider::AssumeRoleProvider(AssumeRoleSettings settings, std::shared_ptr<CredentialsProvider> source,
                                       QNetworkAccessManager *network, std::shared_ptr<MfaPrompter> prompter, Clock clock,
                                       QObject *parent)
    : RefreshingCredentialsProvider(correctedClockSharing(clock, settings.clockOffset), parent)
    , m_settings(std::move(settings))
    , m_source(std::move(source))
    , m_network(network)
    , m_prompter(std::move(prompter))
    , m_localClock(clock ? std::move(clock) : systemClock())
{
}

AssumeRoleProvider::~AssumeRoleProvider()
{
    cancelFetch();
}

QString AssumeRoleProvider::name() const
{
    return u"assume role %1 (profile '%2')"_s.arg(m_settings.roleArn, m_settings.profile);
}

void AssumeRoleProvider::invalidate()
{
    RefreshingCredentialsProvider::invalidate();
    // A session the server refused must not come back from the disk cache.
    m_skipCacheOnce = true;
    if (m_source)
        m_source->invalidate();
}

QString AssumeRoleProvider::cacheFilePath() const
{
    if (m_settings.cacheDirectory.isEmpty())
        return {};
    return QDir(m_settings.cacheDirectory)
        .filePath(sts::cacheKey(m_settings.roleArn, m_settings.externalId, m_settings.mfaSerial, m_settings.durationSeconds)
                  + u".json"_s);
}

S3Error AssumeRoleProvider::named(S3Error error) const
{
    QString message = error.message();
    if (!error.code().isEmpty() && !message.startsWith(error.code()))
        message = error.code() + (message.isEmpty() ? QString() : u": "_s + message);
    error.setMessage(name() + u": "_s + message);
    return error;
}

void AssumeRoleProvider::cancelFetch()
{
    *m_alive += 1; // answers of the source or the prompter for an abandoned fetch are dropped
    if (m_abort) {
        auto abort = std::move(m_abort);
        m_abort = nullptr;
        abort();
    }
}

void AssumeRoleProvider::fetch(FetchDone done)
{
    const QString cachePath = cacheFilePath();
    if (m_readCache && !std::exchange(m_skipCacheOnce, false) && !cachePath.isEmpty()) {
        QFile file(cachePath);
        if (file.open(QIODevice::ReadOnly)) {
            const Result<Credentials> cached = sts::parseCacheFile(file.read(sts::MaxAnswerBytes + 1));
            const qint64 lifetime = m_settings.durationSeconds > 0 ? m_settings.durationSeconds : DefaultSessionSeconds;
            const qint64 margin = std::min<qint64>(MandatoryRefreshSeconds, lifetime / 3);
            if (cached && now().secsTo(cached->expiry) > margin) {
                Credentials credentials = *cached;
                credentials.source = name() + u", cached in "_s + cachePath;
                qCDebug(lcS3Auth).noquote() << name() << "session" << credentials.accessKeyId << "from the cache";
                done(credentials);
                return;
            }
            if (!cached)
                qCDebug(lcS3Auth).noquote() << "ignoring the cache file" << cachePath << ":" << cached.error().message();
        }
    }
    if (!m_source) {
        done(S3Error(S3Error::Kind::Auth, name() + u": no source credentials"_s));
        return;
    }
    const int generation = ++*m_alive;
    const std::weak_ptr<int> alive = m_alive;
    const auto current = [alive, generation] {
        const auto token = alive.lock();
        return token && *token == generation;
    };
    m_source->resolve(this, [this, current, done](const Result<Credentials> &source) {
        if (!current())
            return;
        if (!source) {
            S3Error error = source.error();
            error.setMessage(name() + u": the source credentials failed: "_s + error.message());
            done(error);
            return;
        }
        if (m_settings.mfaSerial.isEmpty()) {
            callSts(*source, QString(), done);
            return;
        }
        if (!m_prompter) {
            done(S3Error(S3Error::Kind::Auth, name() + u": the role needs an MFA code (mfa_serial %1) and nothing here can ask for one"_s
                                                         .arg(m_settings.mfaSerial)));
            return;
        }
        const Credentials sourceCredentials = *source;
        m_prompter->requestCode(MfaRequest{m_settings.profile, m_settings.roleArn, m_settings.mfaSerial}, this,
                                [this, current, done, sourceCredentials](const Result<QString> &code) {
                                    if (!current())
                                        return;
                                    if (!code) {
                                        S3Error error = code.error();
                                        error.setMessage(name() + u": "_s + error.message());
                                        done(error);
                                        return;
                                    }
                                    callSts(sourceCredentials, code->trimmed(), done);
                                });
    });
}

void AssumeRoleProvider::callSts(const Credentials &source, const QString &tokenCode, FetchDone done)
{
    QueryItems parameters{{"Action", "AssumeRole"}, {"Version", "2011-06-15"}, {"RoleArn", m_settings.roleArn.toUtf8()}};
    const QString sessionName = m_settings.sessionName.isEmpty()
        ? u"s3desk-session-%1"_s.arg(QDateTime::currentSecsSinceEpoch())
        : m_settings.sessionName;
    parameters.append({"RoleSessionName", sessionName.toUtf8()});
    if (m_settings.durationSeconds > 0)
        parameters.append({"DurationSeconds", QByteArray::number(m_settings.durationSeconds)});
    if (!m_settings.externalId.isEmpty())
        parameters.append({"ExternalId", m_settings.externalId.toUtf8()});
    if (!m_settings.mfaSerial.isEmpty()) {
        parameters.append({"SerialNumber", m_settings.mfaSerial.toUtf8()});
        parameters.append({"TokenCode", tokenCode.toUtf8()});
    }
    m_abort = sts::postAssumeRole(
        m_network.data(), m_settings.stsEndpoint, m_settings.region, parameters, source, m_settings.caCertificates,
        sts::CallClock{m_localClock, m_settings.clockOffset}, TimeoutMs, this,
        [this, done](const Result<sts::AssumedRole> &answer) {
            m_abort = nullptr;
            if (!answer) {
                done(named(answer.error()));
                return;
            }
            Credentials credentials = answer->credentials;
            credentials.source = name();
            const QString cachePath = cacheFilePath();
            if (!cachePath.isEmpty()) {
                // awscli's cache: 0600 file in a folder only the user can enter; a failure costs a new session later.
                QDir().mkpath(m_settings.cacheDirectory);
                QSaveFile file(cachePath);
                if (file.open(QIODevice::WriteOnly)) {
                    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
                    file.write(sts::cacheFileContent(*answer));
                    if (!file.commit())
                        qCWarning(lcS3Auth).noquote() << "cannot write the session cache" << cachePath << ":" << file.errorString();
                } else {
                    qCWarning(lcS3Auth).noquote() << "cannot write the session cache" << cachePath << ":" << file.errorString();
                }
            }
            qCDebug(lcS3Auth).noquote() << name() << "new session" << credentials.accessKeyId << "expiring"
                                        << credentials.expiry.toString(Qt::ISODate);
            done(credentials);
        });
}

} // namespace s3
