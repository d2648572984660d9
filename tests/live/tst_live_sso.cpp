// SPDX-License-Identifier: Apache-2.0
// An IAM Identity Center (SSO) profile against the real Ceph RGW: the OIDC and portal services are FakeSsoServer
// (Ceph has none), whose GetRoleCredentials hands out the Ceph tester's keys, so every S3 request is really
// signed with SSO-obtained credentials and checked by the server. In-process (resolveConnection, as the app and
// the transfer engine do) and through s3desk-cli as a process.
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
#include "fakessoserver.h"
#include "livetest.h"
#include "s3core/auth/ssoconfig.h"
#include "s3core/auth/ssotoken.h"
#include "s3core/config.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/objectjobs.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString StartUrl = u"https://live-test.awsapps.com/start"_s;

} // namespace

class TestLiveSso : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void putListGetWithSsoProfile();
    void expiredTokenRefreshedThenS3Works();
    void cliWithSsoProfile();
    void cliWithoutTokenSaysSignIn();
    void cliSignInThenList();

private:
    QProcessEnvironment environment() const;
    void writeToken(const QDateTime &expiresAt, const QString &accessToken, const QString &refreshToken);
    Result<ResolvedConnection> resolve();

    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_admin;
    QString m_bucket;
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<FakeSsoServer> m_sso;
};

void TestLiveSso::initTestCase()
{
    S3DESK_REQUIRE_LIVE_SERVER(m_server);
    m_admin = m_server.client(&m_network);
    m_bucket = createTestBucket(m_admin.get(), u"s3desk-live-sso"_s);
    QVERIFY(!m_bucket.isEmpty());
}

void TestLiveSso::cleanupTestCase()
{
    if (m_admin && !m_bucket.isEmpty())
        QVERIFY(!removeTestBucket(m_admin.get(), m_bucket).isError());
}

void TestLiveSso::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    m_sso = std::make_unique<FakeSsoServer>();
    QVERIFY(m_sso->listen());
    // Ceph's static keys stand in for the role's temporary ones (no session token).
    m_sso->setRoleCredentials(m_server.accessKey, m_server.secretKey, QString(),
                              QDateTime::currentDateTimeUtc().addSecs(3600).toMSecsSinceEpoch());
    QDir().mkpath(m_home->filePath(u".aws"_s));
    QFile config(m_home->filePath(u".aws/config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile work]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n"
                 "region = " + m_server.region.toUtf8() + "\nendpoint_url = " + m_server.endpoint.toUtf8() + "\n"
                 "s3 =\n  addressing_style = path\n"
                 "[sso-session corp]\nsso_start_url = " + StartUrl.toUtf8() + "\nsso_region = us-east-1\n"
                 "sso_registration_scopes = sso:account:access\n");
}

QProcessEnvironment TestLiveSso::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : environment.keys()) {
        if (name.startsWith(u"AWS_"_s))
            environment.remove(name);
    }
    environment.insert(u"HOME"_s, m_home->path());
    environment.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    environment.insert(u"S3DESK_SSO_OIDC_ENDPOINT"_s, m_sso->endpoint());
    environment.insert(u"S3DESK_SSO_PORTAL_ENDPOINT"_s, m_sso->endpoint());
    return environment;
}

void TestLiveSso::writeToken(const QDateTime &expiresAt, const QString &accessToken, const QString &refreshToken)
{
    SsoToken token;
    token.startUrl = StartUrl;
    token.region = u"us-east-1"_s;
    token.accessToken = accessToken;
    token.expiresAt = expiresAt;
    token.clientId = u"client-live"_s;
    token.clientSecret = u"client-secret-live"_s;
    token.registrationExpiresAt = formatSsoTimestamp(QDateTime::currentDateTimeUtc().addDays(30));
    token.refreshToken = refreshToken;
    const QString path = ssoCacheFolder(environment()) + u'/' + ssoTokenCacheKey(u"corp"_s, StartUrl) + u".json"_s;
    QVERIFY(writeSsoCacheFile(path, serializeSsoToken(token)).ok());
}

Result<ResolvedConnection> TestLiveSso::resolve()
{
    ConnectionOptions options;
    options.profile = u"work"_s;
    return resolveConnection(options, environment(), &m_network);
}

void TestLiveSso::putListGetWithSsoProfile()
{
    writeToken(QDateTime::currentDateTimeUtc().addSecs(8 * 3600), u"live-access"_s, QString());
    m_sso->acceptAccessToken(u"live-access"_s);
    const Result<ResolvedConnection> resolved = resolve();
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message()));
    S3Client client(&m_network, resolved->endpoint, resolved->credentials);

    const QByteArray body = randomBytes(70000, 7);
    PutObjectJob put(&client, m_bucket, u"sso/one.bin"_s);
    put.setAutoDelete(false);
    put.setData(body);
    QVERIFY(runJob(put));
    QVERIFY2(!put.error().isError(), qPrintable(put.error().toString()));

    ListObjectsJob list(&client, ListObjectsRequest{m_bucket, u"sso/"_s, {}, {}, 1000, {}});
    list.setAutoDelete(false);
    list.setCollect(true);
    QVERIFY(runJob(list));
    QVERIFY2(!list.error().isError(), qPrintable(list.error().toString()));
    QCOMPARE(list.objects().size(), 1);
    QCOMPARE(list.objects().constFirst().key, u"sso/one.bin"_s);

    GetObjectJob get(&client, m_bucket, u"sso/one.bin"_s);
    get.setAutoDelete(false);
    QVERIFY(runJob(get));
    QVERIFY2(!get.error().isError(), qPrintable(get.error().toString()));
    QCOMPARE(get.data(), body);
    QCOMPARE(m_sso->count("/federation/credentials"), 1); // one role-credentials fetch served all three
}

void TestLiveSso::expiredTokenRefreshedThenS3Works()
{
    writeToken(QDateTime::currentDateTimeUtc().addSecs(-300), u"stale-access"_s, u"live-refresh"_s);
    m_sso->acceptRefreshToken(u"client-live"_s, u"live-refresh"_s);
    const Result<ResolvedConnection> resolved = resolve();
    QVERIFY(resolved.ok());
    S3Client client(&m_network, resolved->endpoint, resolved->credentials);
    PutObjectJob put(&client, m_bucket, u"sso/refreshed.txt"_s);
    put.setAutoDelete(false);
    put.setData("after refresh");
    QVERIFY(runJob(put));
    QVERIFY2(!put.error().isError(), qPrintable(put.error().toString()));
    QCOMPARE(m_sso->count("/token"), 1);
    const QString path = ssoCacheFolder(environment()) + u'/' + ssoTokenCacheKey(u"corp"_s, StartUrl) + u".json"_s;
    const Result<SsoToken> saved = readSsoTokenFile(path);
    QVERIFY(saved.ok());
    QCOMPARE(saved->accessToken, m_sso->issuedAccessTokens().constFirst());
}

void TestLiveSso::cliWithSsoProfile()
{
    writeToken(QDateTime::currentDateTimeUtc().addSecs(8 * 3600), u"cli-access"_s, QString());
    m_sso->acceptAccessToken(u"cli-access"_s);
    const QString local = m_home->filePath(u"upload.txt"_s);
    QFile file(local);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("uploaded by s3desk-cli with an SSO profile\n");
    file.close();
    const QString target = u"s3://%1/sso-cli/upload.txt"_s.arg(m_bucket);
    const ProcessOutcome put = runProgram(cliPath(), {u"--profile"_s, u"work"_s, u"put"_s, local, target}, environment());
    QVERIFY2(put.ok(), put.describe().constData());
    const ProcessOutcome ls = runProgram(cliPath(), {u"--profile"_s, u"work"_s, u"ls"_s, u"s3://%1/sso-cli/"_s.arg(m_bucket)}, environment());
    QVERIFY2(ls.ok(), ls.describe().constData());
    QVERIFY2(ls.out.contains("upload.txt"), ls.describe().constData());
    QVERIFY(m_sso->count("/federation/credentials") >= 2);
    QVERIFY(!ls.out.contains("cli-access") && !ls.err.contains("cli-access"));
}

void TestLiveSso::cliWithoutTokenSaysSignIn()
{
    const ProcessOutcome ls = runProgram(cliPath(), {u"--profile"_s, u"work"_s, u"ls"_s, u"s3://%1/"_s.arg(m_bucket)}, environment());
    QVERIFY(ls.finished);
    QVERIFY(ls.exitCode != 0);
    QVERIFY2(ls.err.contains("s3desk-cli sso login --profile work"), ls.describe().constData());
    QCOMPARE(m_sso->requests().size(), 0);
}

void TestLiveSso::cliSignInThenList()
{
    // The whole way a user goes: sign in on the terminal, then use the profile.
    m_sso->setPollScript({u"authorization_pending"_s});
    const ProcessOutcome login = runProgram(cliPath(), {u"sso"_s, u"login"_s, u"--profile"_s, u"work"_s, u"--no-browser"_s},
                                            environment());
    QVERIFY2(login.ok(), login.describe().constData());
    const ProcessOutcome ls = runProgram(cliPath(), {u"--profile"_s, u"work"_s, u"ls"_s, u"s3://%1/sso/"_s.arg(m_bucket)}, environment());
    QVERIFY2(ls.ok(), ls.describe().constData());
    QVERIFY2(ls.out.contains("one.bin"), ls.describe().constData());
    QCOMPARE(m_sso->requests().constLast().headers.value("x-amz-sso_bearer_token"),
             m_sso->issuedAccessTokens().constFirst().toUtf8());
}

QTEST_GUILESS_MAIN(TestLiveSso)
#include "tst_live_sso.moc"
