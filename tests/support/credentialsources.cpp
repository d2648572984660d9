// SPDX-License-Identifier: Apache-2.0
#include "credentialsources.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include "cliprocess.h"
#include "liveiam.h"
#include "s3core/auth/ssoconfig.h"
#include "s3core/auth/ssotoken.h"
#include "s3core/auth/sts.h"

using namespace Qt::Literals::StringLiterals;

namespace {

const QString StartUrl = u"https://legacy-live.awsapps.com/start"_s;
const QString AppId = u"s3desk-sources-app"_s;
constexpr qint64 EnvDuration = 1800;
constexpr qint64 ImdsDuration = 2700;

QByteArray processJson(const QString &accessKey, const QString &secretKey, const QString &token, const QString &expiration)
{
    QJsonObject object{{"Version"_L1, 1}, {"AccessKeyId"_L1, accessKey}, {"SecretAccessKey"_L1, secretKey}};
    if (!token.isEmpty())
        object.insert("SessionToken"_L1, token);
    if (!expiration.isEmpty())
        object.insert("Expiration"_L1, expiration);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

QStringList CredentialSources::profiles()
{
    return {u"process-static"_s, u"process-session"_s, u"role"_s, u"chain"_s, u"env-source"_s, u"imds-source"_s, u"legacy-sso"_s, u"webid"_s};
}

QString CredentialSources::roleArn(const QString &letter) const
{
    return u"arn:aws:iam:::role/%1-%2"_s.arg(m_prefix, letter);
}

QString CredentialSources::writeScript(const QString &name, const QByteArray &json)
{
    // Each run leaves a line in <name>.runs, so a test sees that the program was really started.
    const QString path = m_home.filePath(name + u".sh"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write("#!/bin/sh\necho run >> '" + m_home.filePath(name + u".runs"_s).toUtf8() + "'\ncat <<'EOF'\n" + json + "\nEOF\n");
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

int CredentialSources::processRuns(const QString &profile) const
{
    QFile file(m_home.filePath(profile + u".runs"_s));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return int(file.readAll().count('\n'));
}

QString CredentialSources::setUp(const LiveServer &server, const QString &prefix)
{
    m_server = server;
    if (m_server.stsEndpoint.isEmpty())
        return u"S3_STS_ENDPOINT is not set: start the server with scripts/s3server-up.sh"_s;
    if (!m_home.isValid())
        return u"no temporary home"_s;
    // Session credentials only work on the gateway with STS on: every S3 request goes there.
    m_admin = m_server.client(&m_network, m_server.accessKey, m_server.secretKey, m_server.stsEndpoint);
    m_bucket = createTestBucket(m_admin.get(), prefix);
    if (m_bucket.isEmpty())
        return u"cannot create the test bucket"_s;
    m_prefix = uniqueBucketName(u"s3desk-"_s + prefix);

    // Role B trusts the tester, role C trusts role B (a chain); W trusts the OIDC issuer.
    const QString tester = u"arn:aws:iam:::user/tester"_s;
    for (const auto &[letter, trust] : {std::pair{u"b"_s, assumeRoleTrust({tester})},
                                        std::pair{u"c"_s, assumeRoleTrust({u"arn:aws:iam:::role/%1-b"_s.arg(m_prefix)})}}) {
        const QString role = m_prefix + u'-' + letter;
        if (const QString failed = createLiveRole(m_server, home(), role, trust); !failed.isEmpty())
            return failed;
        m_roles << role;
    }

    if (!m_issuer.start())
        return u"OIDC issuer: "_s + m_issuer.errorString();
    const ProcessOutcome provider = awsAsTester(m_server, home(), {u"iam"_s, u"create-open-id-connect-provider"_s, u"--url"_s, m_issuer.issuer(),
                                                                   u"--client-id-list"_s, AppId, u"--thumbprint-list"_s, m_issuer.thumbprint()});
    if (!provider.ok())
        return u"create-open-id-connect-provider: "_s + QString::fromUtf8(provider.describe());
    m_providerArn = QJsonDocument::fromJson(provider.out).object().value("OpenIDConnectProviderArn"_L1).toString();
    if (const QString failed = createLiveRole(m_server, home(), m_prefix + u"-w"_s, webIdentityTrust(m_issuer.providerId(), AppId));
        !failed.isEmpty())
        return failed;
    m_roles << m_prefix + u"-w"_s;
    const QString tokenFile = m_home.filePath(u"token.jwt"_s);
    {
        QFile token(tokenFile);
        if (!token.open(QIODevice::WriteOnly) || token.write(m_issuer.mint(u"s3desk-sources-user"_s, AppId, 3600)) <= 0)
            return u"cannot write the web identity token"_s;
    }

    // A real Ceph session (AssumeRole on B through awscli) for the credential_process that prints one, with
    // Ceph's own Expiration text.
    const QJsonObject session = assumeRoleWithAwscli(m_server, home(), roleArn(u"b"_s), u"s3desk-process"_s);
    if (session.value("SessionToken"_L1).toString().isEmpty() || session.value("Expiration"_L1).toString().isEmpty())
        return u"AssumeRole through awscli gave no session"_s;
    m_processSession = session;
    const QString staticScript = writeScript(u"process-static"_s, processJson(m_server.accessKey, m_server.secretKey, {}, {}));
    const QString sessionScript = writeScript(
        u"process-session"_s, processJson(session.value("AccessKeyId"_L1).toString(), session.value("SecretAccessKey"_L1).toString(),
                                          session.value("SessionToken"_L1).toString(), session.value("Expiration"_L1).toString()));
    if (staticScript.isEmpty() || sessionScript.isEmpty())
        return u"cannot write the credential_process scripts"_s;

    // Instance metadata and the SSO portal hand out the tester's static keys (no session token).
    if (!m_imds.listen())
        return u"FakeImdsServer does not listen"_s;
    m_imds.setCredentials(m_server.accessKey, m_server.secretKey, QString());
    if (!m_sso.listen())
        return u"FakeSsoServer does not listen"_s;
    m_sso.setRoleCredentials(m_server.accessKey, m_server.secretKey, QString(),
                             QDateTime::currentDateTimeUtc().addSecs(3600).toMSecsSinceEpoch());
    m_sso.acceptAccessToken(u"legacy-access"_s);
    s3::SsoToken token;
    token.startUrl = StartUrl;
    token.region = u"us-east-1"_s;
    token.accessToken = u"legacy-access"_s;
    token.expiresAt = QDateTime::currentDateTimeUtc().addSecs(8 * 3600);
    const QString tokenPath = s3::ssoCacheFolder(environment(u"legacy-sso"_s)) + u'/' + s3::ssoTokenCacheKey(QString(), StartUrl) + u".json"_s;
    if (!s3::writeSsoCacheFile(tokenPath, s3::serializeSsoToken(token)).ok())
        return u"cannot write the SSO token cache"_s;

    const QByteArray where = "endpoint_url = " + m_server.stsEndpoint.toUtf8() + "\ns3 =\n  addressing_style = path\n\n";
    QByteArray config = "[profile tester]\naws_access_key_id = " + m_server.accessKey.toUtf8() + "\naws_secret_access_key = " +
                        m_server.secretKey.toUtf8() + "\n" + where;
    config += "[profile process-static]\ncredential_process = " + staticScript.toUtf8() + "\n" + where;
    config += "[profile process-session]\ncredential_process = " + sessionScript.toUtf8() + "\n" + where;
    config += "[profile role]\nrole_arn = " + roleArn(u"b"_s).toUtf8() + "\nsource_profile = tester\nrole_session_name = " +
              SessionNameB.toUtf8() + "\n" + where;
    config += "[profile chain]\nrole_arn = " + roleArn(u"c"_s).toUtf8() + "\nsource_profile = role\nrole_session_name = " +
              SessionNameC.toUtf8() + "\n" + where;
    config += "[profile env-source]\nrole_arn = " + roleArn(u"b"_s).toUtf8() + "\ncredential_source = Environment\nduration_seconds = " +
              QByteArray::number(EnvDuration) + "\n" + where;
    config += "[profile imds-source]\nrole_arn = " + roleArn(u"b"_s).toUtf8() +
              "\ncredential_source = Ec2InstanceMetadata\nduration_seconds = " + QByteArray::number(ImdsDuration) + "\n" + where;
    config += "[profile legacy-sso]\nsso_start_url = " + StartUrl.toUtf8() +
              "\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\nregion = " +
              (m_server.region.isEmpty() ? QByteArray("us-east-1") : m_server.region.toUtf8()) + "\n" + where;
    config += "[profile webid]\nweb_identity_token_file = " + tokenFile.toUtf8() + "\nrole_arn = " + roleArn(u"w"_s).toUtf8() +
              "\nrole_session_name = s3desk-sources-webid\n" + where;
    QDir().mkpath(m_home.filePath(u".aws"_s));
    QFile file(m_home.filePath(u".aws/config"_s));
    if (!file.open(QIODevice::WriteOnly) || file.write(config) != config.size())
        return u"cannot write the AWS config"_s;
    return {};
}

void CredentialSources::tearDown()
{
    for (const QString &role : std::as_const(m_roles))
        deleteLiveRole(m_server, home(), role);
    m_roles.clear();
    if (!m_providerArn.isEmpty())
        awsAsTester(m_server, home(), {u"iam"_s, u"delete-open-id-connect-provider"_s, u"--open-id-connect-provider-arn"_s, m_providerArn});
    m_providerArn.clear();
    if (m_admin && !m_bucket.isEmpty())
        removeTestBucket(m_admin.get(), m_bucket);
    m_bucket.clear();
}

QProcessEnvironment CredentialSources::environment(const QString &profile) const
{
    QProcessEnvironment environment = isolatedAwsEnvironment(m_home.path(), m_server.stsEndpoint, m_server.region);
    environment.insert(u"S3DESK_SSO_OIDC_ENDPOINT"_s, m_sso.endpoint());
    environment.insert(u"S3DESK_SSO_PORTAL_ENDPOINT"_s, m_sso.endpoint());
    if (profile == u"env-source"_s) {
        environment.insert(u"AWS_ACCESS_KEY_ID"_s, m_server.accessKey);
        environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, m_server.secretKey);
    } else if (profile == u"imds-source"_s) {
        environment.remove(u"AWS_EC2_METADATA_DISABLED"_s);
        environment.insert(u"AWS_EC2_METADATA_SERVICE_ENDPOINT"_s, m_imds.endpoint());
    }
    return environment;
}

void CredentialSources::reset()
{
    QDir(m_home.filePath(u".aws/cli/cache"_s)).removeRecursively();
    for (const QString &profile : profiles())
        QFile::remove(m_home.filePath(profile + u".runs"_s));
    m_jwksBefore = m_issuer.count(m_issuer.jwksPath());
}

QString CredentialSources::cachedAssumedRoleArn(const QString &roleArn, qint64 durationSeconds) const
{
    QFile file(m_home.filePath(u".aws/cli/cache/"_s + s3::sts::cacheKey(roleArn, QString(), QString(), durationSeconds) + u".json"_s));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value("AssumedRoleUser"_L1).toObject().value("Arn"_L1).toString();
}

QString CredentialSources::evidence(const QString &profile) const
{
    const auto assumed = [this](const QString &letter, const QString &session, qint64 duration) -> QString {
        const QString arn = cachedAssumedRoleArn(roleArn(letter), duration);
        const QString expected = u"arn:aws:sts:::assumed-role/%1-%2/%3"_s.arg(m_prefix, letter, session);
        if (session.isEmpty() ? !arn.startsWith(expected) : arn != expected)
            return u"the session of role %1 in the cache is '%2', expected '%3'"_s.arg(letter, arn, expected);
        return {};
    };
    if (profile.startsWith(u"process-"_s))
        return processRuns(profile) > 0 ? QString() : u"the credential_process program never ran"_s;
    if (profile == u"role"_s)
        return assumed(u"b"_s, SessionNameB, 0);
    if (profile == u"chain"_s) {
        // Both hops went to Ceph: B's session (with the tester's keys), then C's (with B's session).
        if (const QString first = assumed(u"b"_s, SessionNameB, 0); !first.isEmpty())
            return first;
        return assumed(u"c"_s, SessionNameC, 0);
    }
    if (profile == u"env-source"_s)
        return assumed(u"b"_s, QString(), EnvDuration);
    if (profile == u"imds-source"_s) {
        if (m_imds.requestCount(m_imds.rolePath()) == 0)
            return u"the instance metadata credentials were never asked for"_s;
        return assumed(u"b"_s, QString(), ImdsDuration);
    }
    if (profile == u"legacy-sso"_s)
        return m_sso.count("/federation/credentials") > 0 ? QString() : u"the SSO portal was never asked for role credentials"_s;
    if (profile == u"webid"_s)
        return m_issuer.count(m_issuer.jwksPath()) > m_jwksBefore ? QString() : u"Ceph never fetched the issuer's keys for the token"_s;
    return u"unknown profile "_s + profile;
}
