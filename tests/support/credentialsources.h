// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include "fakeimdsserver.h"
#include "fakeoidcissuer.h"
#include "fakessoserver.h"
#include "livetest.h"
#include "s3core/net/s3client.h"

/**
 * Every credential source of an AWS profile, each ending on the real Ceph RGW (its STS gateway), in one AWS
 * config file in a test home. Shared by the CLI test (tst_live_credentialsources) and the app's
 * (tst_live_credentialsourcesui) so both take the same profiles:
 *
 * - process-static:  credential_process printing JSON Version 1 with the tester's keys
 * - process-session: credential_process printing a Ceph STS session (AssumeRole through awscli) with Expiration
 * - role:            role_arn = role B + source_profile = tester (static), role_session_name set
 * - chain:           role C with source_profile = role: tester (static) -> B (AssumeRole) -> C (AssumeRole)
 * - env-source:      role B with credential_source = Environment (the tester's keys in the environment)
 * - imds-source:     role B with credential_source = Ec2InstanceMetadata (FakeImdsServer serving the tester's keys)
 * - legacy-sso:      sso_start_url form (no sso-session); FakeSsoServer's GetRoleCredentials gives the tester's keys
 * - webid:           web_identity_token_file + role W trusting FakeOidcIssuer, registered in Ceph's IAM
 *
 * Every profile names the STS gateway as endpoint_url with path addressing; STS calls go there too
 * (AWS_ENDPOINT_URL_STS). evidence() says, after a run, whether the profile's source was really used.
 */
class CredentialSources
{
public:
    static QStringList profiles();

    /** Sets everything up (bucket, roles, OIDC provider, fakes, scripts, config). Empty on success, else what failed. */
    QString setUp(const LiveServer &server, const QString &prefix);
    /** Removes the roles, the OIDC provider and the bucket. */
    void tearDown();

    /** The environment a user of this profile has (isolatedAwsEnvironment() plus what the source needs). */
    QProcessEnvironment environment(const QString &profile) const;
    /** Forgets cached role sessions (awscli's ~/.aws/cli/cache) and process runs, so the next use calls the source. */
    void reset();
    /** After a run with the profile: empty when its source was used as expected, else what is missing. */
    QString evidence(const QString &profile) const;

    QString home() const { return m_home.path(); }
    QString bucket() const { return m_bucket; }
    QString endpoint() const { return m_server.stsEndpoint; }
    /** The tester's client at the STS gateway (for seeding and clean-up). */
    s3::S3Client *admin() const { return m_admin.get(); }
    QString roleArn(const QString &letter) const;
    /** The Ceph STS session the process-session program prints (awscli's "Credentials" object, Ceph's Expiration text). */
    QJsonObject processSession() const { return m_processSession; }
    /** The AssumedRoleUser ARN in awscli's cache file for that role session (empty when there is none). */
    QString cachedAssumedRoleArn(const QString &roleArn, qint64 durationSeconds) const;

    static inline const QString SessionNameB = QStringLiteral("s3desk-named-session");
    static inline const QString SessionNameC = QStringLiteral("s3desk-hop-c");

private:
    QString writeScript(const QString &name, const QByteArray &json);
    int processRuns(const QString &profile) const;

    LiveServer m_server;
    QTemporaryDir m_home;
    QNetworkAccessManager m_network;
    std::unique_ptr<s3::S3Client> m_admin;
    FakeImdsServer m_imds;
    FakeSsoServer m_sso;
    FakeOidcIssuer m_issuer;
    QString m_bucket;
    QString m_prefix;
    QStringList m_roles;
    QString m_providerArn;
    int m_jwksBefore = 0;
    QJsonObject m_processSession;
};
