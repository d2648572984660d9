// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>

#include <QList>
#include <QPointer>
#include <QSslCertificate>

#include "s3core/auth/refreshingcredentialsprovider.h"
#include "s3core/net/clockoffset.h"
#include "s3core/auth/mfaprompter.h"

class QNetworkAccessManager;

namespace s3 {

/** What a profile says about the role to assume (botocore's names in the comments). */
struct AssumeRoleSettings
{
    QString profile;           ///< the profile with role_arn, for messages
    QString roleArn;           ///< role_arn
    QString sessionName;       ///< role_session_name; empty: "s3desk-session-<unix time>"
    QString externalId;        ///< external_id
    QString mfaSerial;         ///< mfa_serial
    qint64 durationSeconds = 0; ///< duration_seconds; 0: STS's default (1 hour)
    QString stsEndpoint;       ///< full URL of the STS endpoint
    QString region;            ///< region for signing the STS call
    QString cacheDirectory;    ///< awscli's ~/.aws/cli/cache; empty: no disk cache
    QList<QSslCertificate> caCertificates; ///< trusted for the STS call besides the system's (ca_bundle)
    /**
     * The connection's clock offset: STS calls are signed with the provider's clock moved by it (and teach
     * it), expiry is judged by the corrected time. Null: the provider keeps one of its own.
     */
    std::shared_ptr<ClockOffset> clockOffset;
};

/**
 * role_arn with source_profile or credential_source: calls STS AssumeRole (Query API, SigV4 "sts") with the
 * source's credentials and keeps the session, refreshed before it ends (RefreshingCredentialsProvider).
 * Sessions are cached in awscli's cache folder with awscli's file name and JSON (0600), and read from there
 * first, so awscli and S3Desk share sessions and an MFA code is asked for once per session. With mfa_serial the
 * prompter is asked for the code when STS must be called (no prompter: a clear error).
 * Errors name the profile and the role: "assume role arn:... (profile 'x'): AccessDenied: ...".
 */
class S3CORE_EXPORT AssumeRoleProvider final : public RefreshingCredentialsProvider
{
    Q_OBJECT
public:
    static constexpr int TimeoutMs = 30000;

    AssumeRoleProvider(AssumeRoleSettings settings, std::shared_ptr<CredentialsProvider> source,
                       QNetworkAccessManager *network, std::shared_ptr<MfaPrompter> prompter = {},
                       Clock clock = systemClock(), QObject *parent = nullptr);
    ~AssumeRoleProvider() override;

    QString name() const override;
    void invalidate() override;
    const AssumeRoleSettings &settings() const { return m_settings; }
    /** The cache file this role's sessions go to (empty without a cache folder). */
    QString cacheFilePath() const;
    /** Skip reading the disk cache (rotation tests and measurements with setLifetimeCap()); writing continues. */
    void setReadCache(bool read) { m_readCache = read; }
    bool readsCache() const { return m_readCache; }

protected:
    void fetch(FetchDone done) override;
    void cancelFetch() override;

private:
    void callSts(const Credentials &source, const QString &tokenCode, FetchDone done);
    S3Error named(S3Error error) const;

    AssumeRoleSettings m_settings;
    std::shared_ptr<CredentialsProvider> m_source;
    QPointer<QNetworkAccessManager> m_network;
    std::shared_ptr<MfaPrompter> m_prompter;
    bool m_readCache = true;
    bool m_skipCacheOnce = false; // after invalidate(): the next fetch goes to STS
    Clock m_localClock;
    std::function<void()> m_abort;
    std::shared_ptr<int> m_alive = std::make_shared<int>(0);
};

} // namespace s3
