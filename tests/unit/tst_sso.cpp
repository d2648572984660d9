// SPDX-License-Identifier: Apache-2.0
// IAM Identity Center (SSO): profile parsing, awscli's token cache format, the credentials provider (token refresh,
// portal, refresh before expiry) and the device sign-in, against FakeSsoServer on loopback with a pinned clock.

#include <optional>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "fakessoserver.h"
#include "livetest.h"
#include "testtls.h"
#include "s3core/auth/ssoapi.h"
#include "s3core/auth/ssoconfig.h"
#include "s3core/auth/ssocredentialsprovider.h"
#include "s3core/auth/ssodeviceauthorization.h"
#include "s3core/auth/ssotoken.h"
#include "s3core/config.h"
#include "s3core/net/clockoffset.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString StartUrl = u"https://my-sso-portal.awsapps.com/start"_s;

void writeText(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(file.write(content), content.size());
}

QByteArray readText(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

Result<Credentials> resolveNow(CredentialsProvider &provider, int timeoutMs = 10000)
{
    std::optional<Result<Credentials>> answer;
    QObject context;
    provider.resolve(&context, [&answer](const Result<Credentials> &result) { answer = result; });
    waitUntil([&answer] { return answer.has_value(); }, timeoutMs);
    if (!answer)
        return S3Error(S3Error::Kind::Timeout, u"no answer from the provider"_s);
    return *answer;
}

} // namespace

class TestSso : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void profileForms_data();
    void profileForms();
    void cacheKeys();
    void cacheFileAsAwscliWritesIt();
    void timestamps_data();
    void timestamps();
    void cacheFileBounds();
    void writtenPrivateAndAtomic();
    void parsersRefuseBadAnswers_data();
    void parsersRefuseBadAnswers();

    void validTokenGivesRoleCredentials();
    void missingTokenAsksToSignIn();
    void expiredTokenIsRefreshed();
    void revokedRefreshTokenAsksToSignIn();
    void expiredTokenWithoutRefreshAsksToSignIn();
    void portalRejectsToken();
    void refreshBeforeExpiry();
    void resolveConnectionUsesSso();

    void deviceFlowWithSlowDown();
    void deviceFlowAccessDenied();
    void deviceFlowExpiredCode();
    void deviceFlowReusesRegistration();
    void deviceFlowCancel();
    void ssoTrustsTheCaBundle();
    void tokenExpiryUsesTheCorrectedClock();

private:
    SsoConfig sessionConfig() const;
    void writeToken(const QDateTime &expiresAt, const QString &accessToken, const QString &refreshToken);

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<FakeSsoServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QDateTime m_now;
    QString m_cacheFolder;
};

void TestSso::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    m_cacheFolder = m_home->filePath(u".aws/sso/cache"_s);
    m_server = std::make_unique<FakeSsoServer>();
    QVERIFY(m_server->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_now = QDateTime::currentDateTimeUtc();
}

void TestSso::cleanup()
{
    m_network.reset();
    m_server.reset();
    m_home.reset();
}

SsoConfig TestSso::sessionConfig() const
{
    SsoConfig config;
    config.profile = u"dev"_s;
    config.sessionName = u"my-sso"_s;
    config.startUrl = StartUrl;
    config.region = u"us-east-1"_s;
    config.accountId = u"123456789012"_s;
    config.roleName = u"ReadOnly"_s;
    config.registrationScopes = {u"sso:account:access"_s};
    return config;
}

void TestSso::writeToken(const QDateTime &expiresAt, const QString &accessToken, const QString &refreshToken)
{
    SsoToken token;
    token.startUrl = StartUrl;
    token.region = u"us-east-1"_s;
    token.accessToken = accessToken;
    token.expiresAt = expiresAt;
    token.clientId = u"client-test"_s;
    token.clientSecret = u"client-secret-test"_s;
    token.registrationExpiresAt = formatSsoTimestamp(m_now.addDays(60));
    token.refreshToken = refreshToken;
    QVERIFY(writeSsoCacheFile(m_cacheFolder + u'/' + ssoTokenCacheKey(u"my-sso"_s, StartUrl) + u".json"_s,
                              serializeSsoToken(token)).ok());
}

// --- configuration ------------------------------------------------------------------------------------------------

void TestSso::profileForms_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<bool>("isSso");
    QTest::addColumn<QString>("session");   // expected session name, or the error's expected fragment
    QTest::addColumn<QString>("startUrl");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QStringList>("scopes");

    const QByteArray session = "[sso-session my-sso]\nsso_start_url = https://my-sso-portal.awsapps.com/start\n"
                               "sso_region = us-east-1\nsso_registration_scopes = sso:account:access, extra:scope\n";
    QTest::newRow("sso-session form") << QByteArray("[profile dev]\nsso_session = my-sso\nsso_account_id = 123456789012\n"
                                                    "sso_role_name = ReadOnly\nregion = eu-west-1\n" + session)
                                      << u"dev"_s << true << u"my-sso"_s << StartUrl << u"us-east-1"_s
                                      << QStringList{u"sso:account:access"_s, u"extra:scope"_s};
    QTest::newRow("legacy form") << QByteArray("[profile old]\nsso_start_url = https://legacy.awsapps.com/start\n"
                                               "sso_region = eu-central-1\nsso_account_id = 111122223333\nsso_role_name = Admin\n")
                                 << u"old"_s << true << QString() << u"https://legacy.awsapps.com/start"_s << u"eu-central-1"_s
                                 << QStringList();
    QTest::newRow("same values repeated") << QByteArray("[profile dev]\nsso_session = my-sso\nsso_region = us-east-1\n"
                                                        "sso_account_id = 1\nsso_role_name = R\n" + session)
                                          << u"dev"_s << true << u"my-sso"_s << StartUrl << u"us-east-1"_s
                                          << QStringList{u"sso:account:access"_s, u"extra:scope"_s};
    QTest::newRow("not sso") << QByteArray("[profile keys]\naws_access_key_id = A\naws_secret_access_key = B\n")
                             << u"keys"_s << false << QString() << QString() << QString() << QStringList();
    QTest::newRow("missing role") << QByteArray("[profile dev]\nsso_session = my-sso\nsso_account_id = 1\n" + session)
                                  << u"dev"_s << true << u"ERROR:lacks sso_role_name"_s << QString() << QString() << QStringList();
    QTest::newRow("legacy missing region and account")
        << QByteArray("[profile old]\nsso_start_url = https://x/start\nsso_role_name = R\n") << u"old"_s << true
        << u"ERROR:lacks sso_region, sso_account_id"_s << QString() << QString() << QStringList();
    QTest::newRow("unknown session") << QByteArray("[profile dev]\nsso_session = nope\nsso_account_id = 1\nsso_role_name = R\n")
                                     << u"dev"_s << true << u"ERROR:no [sso-session nope] section"_s << QString() << QString()
                                     << QStringList();
    QTest::newRow("contradicting region") << QByteArray("[profile dev]\nsso_session = my-sso\nsso_region = us-west-2\n"
                                                        "sso_account_id = 1\nsso_role_name = R\n" + session)
                                          << u"dev"_s << true << u"ERROR:sso_region is 'us-west-2'"_s << QString() << QString()
                                          << QStringList();
    QTest::newRow("session without region") << QByteArray("[profile dev]\nsso_session = s\nsso_account_id = 1\nsso_role_name = R\n"
                                                          "[sso-session s]\nsso_start_url = https://x/start\n")
                                            << u"dev"_s << true << u"ERROR:lacks sso_region"_s << QString() << QString()
                                            << QStringList();
    QTest::newRow("region is not a host label") << QByteArray("[profile old]\nsso_start_url = https://x/start\nsso_region = evil.com/\n"
                                                              "sso_account_id = 1\nsso_role_name = R\n")
                                                << u"old"_s << true << u"ERROR:is not a region name"_s << QString() << QString()
                                                << QStringList();
}

void TestSso::profileForms()
{
    QFETCH(QByteArray, config);
    QFETCH(QString, profile);
    QFETCH(bool, isSso);
    QFETCH(QString, session);
    QFETCH(QString, startUrl);
    QFETCH(QString, region);
    QFETCH(QStringList, scopes);

    const QString configPath = m_home->filePath(u"config"_s);
    writeText(configPath, config);
    const Result<AwsProfile> loaded = loadAwsProfile(profile, AwsSharedFiles{m_home->filePath(u"credentials"_s), configPath});
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message()));
    const Result<std::optional<SsoConfig>> sso = ssoConfigFromProfile(*loaded);
    if (session.startsWith(u"ERROR:"_s)) {
        QVERIFY(!sso.ok());
        QCOMPARE(sso.error().kind(), S3Error::Kind::Invalid);
        QVERIFY2(sso.error().message().contains(session.mid(6)), qPrintable(sso.error().message()));
        QVERIFY2(sso.error().message().contains(configPath), qPrintable(sso.error().message()));
        return;
    }
    QVERIFY(sso.ok());
    QCOMPARE(sso->has_value(), isSso);
    if (!isSso)
        return;
    const SsoConfig &c = **sso;
    QCOMPARE(c.profile, profile);
    QCOMPARE(c.sessionName, session);
    QCOMPARE(c.startUrl, startUrl);
    QCOMPARE(c.region, region);
    QCOMPARE(c.registrationScopes, scopes);
    QVERIFY(!c.accountId.isEmpty() && !c.roleName.isEmpty());
}

void TestSso::cacheKeys()
{
    // Values from Python's hashlib/json, as botocore computes them.
    QCOMPARE(ssoTokenCacheKey(u"my-sso"_s, StartUrl), u"0ad374308c5a4e22f723adf10145eafad7c4031c"_s);
    QCOMPARE(ssoTokenCacheKey(QString(), StartUrl), u"c7aaaf71fcc8777ae2475525ed049d39fe16c484"_s);
    QCOMPARE(ssoRegistrationCacheKey(StartUrl, u"us-east-1"_s, {u"sso:account:access"_s}, u"my-sso"_s),
             u"c5cfae6e3e4f067423a532368c8b514b6a4b0ace"_s);
    QCOMPARE(ssoRegistrationCacheKey(StartUrl, u"us-east-1"_s, {}, QString()), u"0e093f10f65cee6c5c1898a8e240f5726875bf08"_s);
}

void TestSso::cacheFileAsAwscliWritesIt()
{
    // Byte for byte what awscli's json.dumps writes (a secret with non-ASCII, '/', quote and newline in it).
    const QByteArray awscli =
        R"({"startUrl": "https://my-sso-portal.awsapps.com/start", "region": "us-east-1", "accessToken": "aoa\u00e9/x\"y", )"
        R"("expiresAt": "2026-12-04T08:00:00Z", "clientId": "cid", "clientSecret": "cs\n1", )"
        R"("registrationExpiresAt": "2027-03-03T22:00:00Z", "refreshToken": "rt"})";
    const Result<SsoToken> token = parseSsoToken(awscli, u"test"_s);
    QVERIFY2(token.ok(), qPrintable(token.ok() ? QString() : token.error().message()));
    QCOMPARE(token->accessToken, u"aoa\u00e9/x\"y"_s);
    QCOMPARE(token->expiresAt, QDateTime(QDate(2026, 12, 4), QTime(8, 0), Qt::UTC));
    QCOMPARE(token->clientSecret, u"cs\n1"_s);
    QCOMPARE(token->refreshToken, u"rt"_s);
    QCOMPARE(token->registrationExpiry(), QDateTime(QDate(2027, 3, 3), QTime(22, 0), Qt::UTC));
    QCOMPARE(serializeSsoToken(*token), awscli);

    // The legacy form without a registration: only the four keys.
    const QByteArray legacy = R"({"startUrl": "https://x/start", "region": "eu-west-1", "accessToken": "t", "expiresAt": "2026-12-04T08:00:00Z"})";
    const Result<SsoToken> legacyToken = parseSsoToken(legacy, u"test"_s);
    QVERIFY(legacyToken.ok());
    QVERIFY(!legacyToken->canRefresh(m_now));
    QCOMPARE(serializeSsoToken(*legacyToken), legacy);

    SsoRegistration registration{u"id"_s, u"secret"_s, QDateTime(QDate(2027, 1, 2), QTime(3, 4, 5), Qt::UTC), {u"sso:account:access"_s}};
    QCOMPARE(serializeSsoRegistration(registration),
             QByteArray(R"({"clientId": "id", "clientSecret": "secret", "expiresAt": "2027-01-02T03:04:05Z", "scopes": ["sso:account:access"]})"));
    const Result<SsoRegistration> back = parseSsoRegistration(serializeSsoRegistration(registration), u"test"_s);
    QVERIFY(back.ok());
    QCOMPARE(back->expiresAt, registration.expiresAt);
    QCOMPARE(back->scopes, registration.scopes);
}

void TestSso::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime t(QDate(2026, 12, 4), QTime(8, 0, 0), Qt::UTC);
    QTest::newRow("Z") << u"2026-12-04T08:00:00Z"_s << t;
    QTest::newRow("UTC suffix (older awscli)") << u"2026-12-04T08:00:00UTC"_s << t;
    QTest::newRow("offset") << u"2026-12-04T09:00:00+01:00"_s << t;
    QTest::newRow("fraction") << u"2026-12-04T08:00:00.250Z"_s << t.addMSecs(250);
    QTest::newRow("microseconds") << u"2026-12-04T08:00:00.000001+00:00"_s << t;
    QTest::newRow("no zone means UTC") << u"2026-12-04T08:00:00"_s << t;
    QTest::newRow("garbage") << u"tomorrow"_s << QDateTime();
    QTest::newRow("bad month") << u"2026-13-04T08:00:00Z"_s << QDateTime();
}

void TestSso::timestamps()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    QCOMPARE(parseSsoTimestamp(text), expected);
}

void TestSso::cacheFileBounds()
{
    const QString path = m_home->filePath(u"big.json"_s);
    writeText(path, QByteArray(SsoCacheFileMaxBytes + 10, ' '));
    const Result<SsoToken> big = readSsoTokenFile(path);
    QVERIFY(!big.ok());
    QVERIFY2(big.error().message().contains(u"larger than"_s), qPrintable(big.error().message()));

    const Result<SsoToken> missing = readSsoTokenFile(m_home->filePath(u"none.json"_s));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code(), QString::fromLatin1(SsoSignInRequiredCode));

    const Result<SsoToken> noAccess = parseSsoToken(R"({"expiresAt": "2026-12-04T08:00:00Z"})", u"f"_s);
    QVERIFY(!noAccess.ok());
    QCOMPARE(noAccess.error().code(), QString::fromLatin1(SsoSignInRequiredCode));
    const Result<SsoToken> wrongType = parseSsoToken(R"({"accessToken": 5, "expiresAt": "2026-12-04T08:00:00Z"})", u"f"_s);
    QVERIFY(!wrongType.ok());
    QVERIFY(wrongType.error().message().contains(u"accessToken"_s));
}

void TestSso::writtenPrivateAndAtomic()
{
    const QString path = m_home->filePath(u"new/sub/token.json"_s);
    QVERIFY(writeSsoCacheFile(path, "{}").ok());
    QCOMPARE(QFileInfo(path).permissions() & 0x7077, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QCOMPARE(QFileInfo(QFileInfo(path).absolutePath()).permissions() & 0x7077,
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QVERIFY(writeSsoCacheFile(path, "{\"a\": 1}").ok());
    QCOMPARE(readText(path), QByteArray("{\"a\": 1}"));
    // No temporary file left next to it.
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files), QStringList{u"token.json"_s});
}

void TestSso::parsersRefuseBadAnswers_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("role credentials not JSON") << 0 << QByteArray("<html>") << u"not a JSON object"_s;
    QTest::newRow("role credentials without key") << 0 << QByteArray(R"({"roleCredentials":{"secretAccessKey":"s","expiration":1}})") << u"accessKeyId"_s;
    QTest::newRow("role credentials negative expiration") << 0 << QByteArray(R"({"roleCredentials":{"accessKeyId":"a","secretAccessKey":"s","expiration":-5}})") << u"expiration"_s;
    QTest::newRow("create token without expiry") << 1 << QByteArray(R"({"accessToken":"a"})") << u"expiresIn"_s;
    QTest::newRow("device authorization with a file URI") << 2
        << QByteArray(R"({"deviceCode":"d","userCode":"u","verificationUri":"file:///etc","verificationUriComplete":"file:///etc","expiresIn":60})")
        << u"not http(s)"_s;
    QTest::newRow("register without secret") << 3 << QByteArray(R"({"clientId":"c","clientSecretExpiresAt":1})") << u"clientSecret"_s;
    QTest::newRow("too large") << 0 << QByteArray(SsoAnswerMaxBytes + 1, ' ') << u"larger than"_s;
}

void TestSso::parsersRefuseBadAnswers()
{
    QFETCH(int, which);
    QFETCH(QByteArray, body);
    QFETCH(QString, fragment);
    S3Error error;
    switch (which) {
    case 0: error = parseSsoRoleCredentials(body).error(); break;
    case 1: error = parseSsoCreateToken(body).error(); break;
    case 2: error = parseSsoDeviceAuthorization(body).error(); break;
    default: error = parseSsoRegisterClient(body).error(); break;
    }
    QVERIFY2(error.message().contains(fragment), qPrintable(error.message()));

    const SsoServiceError oauth = parseSsoServiceError(R"({"error":"slow_down","error_description":"wait"})", "SlowDownException:http://x");
    QCOMPARE(oauth.code, u"slow_down"_s);
    QCOMPARE(oauth.description, u"wait"_s);
    const SsoServiceError portal = parseSsoServiceError(R"({"message":"expired"})", "UnauthorizedException:http://x");
    QCOMPARE(portal.code, u"UnauthorizedException"_s);
}

// --- provider -----------------------------------------------------------------------------------------------------

void TestSso::validTokenGivesRoleCredentials()
{
    writeToken(m_now.addSecs(3600), u"cached-access"_s, u"cached-refresh"_s);
    m_server->acceptAccessToken(u"cached-access"_s);
    const qint64 expirationMs = m_now.addSecs(3600).toMSecsSinceEpoch();
    m_server->setExpirationMs(expirationMs);
    SsoCredentialsProvider provider(m_network.get(), sessionConfig(), m_cacheFolder,
                                    SsoEndpoints{m_server->endpoint(), m_server->endpoint(), {}}, [this] { return m_now; });
    const Result<Credentials> credentials = resolveNow(provider);
    QVERIFY2(credentials.ok(), qPrintable(credentials.ok() ? QString() : credentials.error().message()));
    QCOMPARE(credentials->accessKeyId, u"ASIAFAKESSOKEY"_s);
    QCOMPARE(credentials->secretAccessKey, u"sso-secret-value"_s);
    QCOMPARE(credentials->sessionToken, u"sso-session-token-value"_s);
    QCOMPARE(credentials->expiry.toMSecsSinceEpoch(), expirationMs);
    QCOMPARE(credentials->source, u"SSO role ReadOnly in 123456789012 (profile dev)"_s);
    QCOMPARE(m_server->count("/token"), 0); // no refresh: the token lasts an hour
    const FakeSsoServer::Request request = m_server->requests().constLast();
    QCOMPARE(request.headers.value("x-amz-sso_bearer_token"), QByteArray("cached-access"));
    QCOMPARE(request.path, QByteArray("/federation/credentials?account_id=123456789012&role_name=ReadOnly"));

    // Cached: a second resolve does not ask again.
    QVERIFY(resolveNow(provider).ok());
    QCOMPARE(m_server->count("/federation/credentials"), 1);
}

void TestSso::missingTokenAsksToSignIn()
{
    SsoCredentialsProvider provider(m_network.get(), sessionConfig(), m_cacheFolder,
                                    SsoEndpoints{m_server->endpoint(), m_server->endpoint(), {}}, [this] { return m_now; });
    const Result<Credentials> credentials = resolveNow(provider);
    QVERIFY(!credentials.ok());
    QCOMPARE(credentials.error().kind(), S3Error::Kind::Auth);
    QCOMPARE(credentials.error().code(), QString::fromLatin1(SsoSignInRequiredCode));
    QVERIFY2(credentials.error().message().contains(u"s3desk-cli sso login --profile dev"_s), qPrintable(credentials.error().message()));
    QCOMPARE(m_server->requests().size(), 0);
}

void TestSso::expiredTokenIsRefreshed()
{
    writeToken(m_now.addSecs(-60), u"old-access"_s, u"old-refresh"_s);
    m_server->acceptRefreshToken(u"client-test"_s, u"old-refresh"_s);
    m_server->setTokenExpiresIn(28800);
    SsoCredentialsProvider provider(m_network.get(), sessionConfig(), m_cacheFolder,
                                    SsoEndpoints{m_server->endpoint(), m_server->endpoint(), {}}, [this] { return m_now; });
    const Result<Credentials> credentials = resolveNow(provider);
    QVERIFY2(credentials.ok(), qPrintable(credentials.ok() ? QString() : credentials.error().message()));
    QCOMPARE(m_server->count("/token"), 1);
    const QJsonObject sent = QJsonDocument::fromJson(m_server->requests().constFirst().body).object();
    QCOMPARE(sent.value(u"grantType"_s).toString(), u"refresh_token"_s);
    QCOMPARE(sent.value(u"refreshToken"_s).toString(), u"old-refresh"_s);
    QCOMPARE(m_server->requests().constLast().headers.value("x-amz-sso_bearer_token"), m_server->issuedAccessTokens().constFirst().toUtf8());

    // The cache now holds the new tokens, in awscli's format, private.
    const QString path = provider.tokenPath();
    const Result<SsoToken> saved = readSsoTokenFile(path);
    QVERIFY(saved.ok());
    QCOMPARE(saved->accessToken, m_server->issuedAccessTokens().constFirst());
    QCOMPARE(saved->refreshToken, m_server->issuedRefreshTokens().constFirst());
    QCOMPARE(saved->expiresAt.toSecsSinceEpoch(), m_now.addSecs(28800).toSecsSinceEpoch());
    QCOMPARE(saved->clientId, u"client-test"_s);
    QCOMPARE(readText(path), serializeSsoToken(*saved));
    QVERIFY(readText(path).startsWith("{\"startUrl\": \"https://my-sso-portal.awsapps.com/start\", \"region\": \"us-east-1\", \"accessToken\": "));
    QCOMPARE(QFileInfo(path).permissions() & 0x7077, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void TestSso::revokedRefreshTokenAsksToSignIn()
{
    writeToken(m_now.addSecs(-60), u"old-access"_s, u"revoked-refresh"_s);
    // The server knows no such refresh token: invalid_grant.
    SsoCredentialsProvider provider(m_network.get(), sessionConfig(), m_cacheFolder,
                                    SsoEndpoints{m_server->endpoint(), m_server->endpoint(), {}}, [this] { return m_now; });
    const Result<Credentials> credentials = resolveNow(provider);
    QVERIFY(!credentials.ok());
    QCOMPARE(credentials.error().code(), QString::fromLatin1(SsoSignInRequiredCode));
    QVERIFY2(credentials.error().message().contains(u"invalid_grant"_s), qPrintable(credentials.error().message()));
    QVERIFY2(credentials.error().message().contains(u"Sign in again"_s), qPrintable(credentials.error().message()));
    QVERIFY(!credentials.error().message().contains(u"revoked-refresh"_s));
    QVERIFY(!credentials.error().message().contains(u"client-secret-test"_s));
    QCOMPARE(m_server->count("/federation/credentials"), 0);
}

void TestSso::expiredTokenWithoutRefreshAsksToSignIn()
{
    writeText(m_cacheFolder + u'/' + ssoTokenCacheKey(QString(), StartUrl) + u".json"_s,
              R"({"startUrl": "https://my-sso-portal.awsapps.com/start", "region": "us-east-1", "accessToken": "t", "expiresAt": "2020-01-01T00:00:00UTC"})");
    SsoConfig legacy = sessionConfig();
    legacy.sessionName.clear();
    SsoCredentialsProvider provider(m_network.get(), legacy, m_cacheFolder,
                                    SsoEndpoints{m_server->endpoint(), m_server->endpoint(), {}}, [this] { return m_now; });
    const Result<Credentials> credentials = resolveNow(provider);
    QVERIFY(!credentials.ok());
    QCOMPARE(credentials.error().code(), QString::fromLatin1(SsoSignInRequiredCode));
    QVERIFY2(credentials.error().message().contains(u"expired at 2020-01-01T00:00:00Z"_s), qPrintable(credentials.error().message()));
    QCOMPARE(m_server->requests().size(), 0);
}

void TestSso::portalRejectsToken()
{
    writeToken(m_now.addSecs(3600), u"unknown-access"_s, QString());
    SsoCredentialsProvider provider(m_network.get(), sessionConfig(), m_cacheFolder,
                                    SsoEndpoints{m_server->endpoint(), m_server->endpoint(), {}}, [this] { return m_now; });
    Result<Credentials> credentials = resolveNow(provider);
    QVERIFY(!credentials.ok());
    QCOMPARE(credentials.error().code(), QString::fromLatin1(SsoSignInRequiredCode));
    QVERIFY2(credentials.error().message().contains(u"UnauthorizedException"_s), qPrintable(credentials.error().message()));

    // Another role: ForbiddenException, not a sign-in problem.
    m_server->acceptAccessToken(u"unknown-access"_s);
    m_server->setAccountAndRole(u"123456789012"_s, u"Other"_s);
    credentials = resolveNow(provider);
    QVERIFY(!credentials.ok());
    QVERIFY(credentials.error().code() != QString::fromLatin1(SsoSignInRequiredCode));
    QVERIFY2(credentials.error().message().contains(u"ForbiddenException"_s), qPrintable(credentials.error().message()));
    QVERIFY2(credentials.error().message().contains(u"HTTP 403"_s), qPrintable(credentials.error().message()));
}

void TestSso::refreshBeforeExpiry()
{
    writeToken(m_now.addSecs(8 * 3600), u"good-access"_s, QString());
    m_server->acceptAccessToken(u"good-access"_s);
    const QDateTime expiry = m_now.addSecs(3600);
    m_server->setExpirationMs(expiry.toMSecsSinceEpoch());
    QDateTime clock = m_now;
    SsoCredentialsProvider provider(m_network.get(), sessionConfig(), m_cacheFolder,
                                    SsoEndpoints{m_server->endpoint(), m_server->endpoint(), {}}, [&clock] { return clock; });
    QVERIFY(resolveNow(provider).ok());
    QCOMPARE(m_server->count("/federation/credentials"), 1);

    clock = expiry.addSecs(-20 * 60); // outside the advisory window: cached
    QVERIFY(resolveNow(provider).ok());
    QCOMPARE(m_server->count("/federation/credentials"), 1);

    // Advisory window (12 min left): the current keys answer at once and a refresh starts in the background
    // (RefreshingCredentialsProvider's rule, as for every source that expires); it fails, the keys still serve.
    m_server->revokeAccessTokens();
    clock = expiry.addSecs(-12 * 60);
    Result<Credentials> answer = resolveNow(provider);
    QVERIFY(answer.ok());
    QCOMPARE(answer->expiry, expiry);
    QTRY_COMPARE(m_server->count("/federation/credentials"), 2);
    QTest::qWait(50); // the failed refresh is handled
    QVERIFY(resolveNow(provider).ok());
    // ... and not tried again right after the failure.
    clock = clock.addSecs(2);
    QVERIFY(resolveNow(provider).ok());
    QTest::qWait(50);
    QCOMPARE(m_server->count("/federation/credentials"), 2);

    // Mandatory window (5 min left): the failure is the answer.
    clock = expiry.addSecs(-5 * 60);
    answer = resolveNow(provider);
    QVERIFY(!answer.ok());
    QCOMPARE(answer.error().code(), QString::fromLatin1(SsoSignInRequiredCode));
    QCOMPARE(m_server->count("/federation/credentials"), 3);

    // A working portal again: fresh keys with a new expiry.
    m_server->acceptAccessToken(u"good-access"_s);
    m_server->setExpirationMs(expiry.addSecs(3600).toMSecsSinceEpoch());
    answer = resolveNow(provider);
    QVERIFY(answer.ok());
    QCOMPARE(answer->expiry, expiry.addSecs(3600));
}

void TestSso::resolveConnectionUsesSso()
{
    const QString configPath = m_home->filePath(u".aws/config"_s);
    writeText(configPath, "[profile dev]\nsso_session = my-sso\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n"
                          "region = us-east-1\nendpoint_url = http://127.0.0.1:9\n"
                          "[sso-session my-sso]\nsso_start_url = https://my-sso-portal.awsapps.com/start\nsso_region = us-east-1\n"
                          "sso_registration_scopes = sso:account:access\n");
    m_now = QDateTime::currentDateTimeUtc();
    writeToken(m_now.addSecs(3600), u"cached-access"_s, QString());
    m_server->acceptAccessToken(u"cached-access"_s);
    QProcessEnvironment environment;
    environment.insert(u"HOME"_s, m_home->path());
    environment.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    environment.insert(u"S3DESK_SSO_OIDC_ENDPOINT"_s, m_server->endpoint());
    environment.insert(u"S3DESK_SSO_PORTAL_ENDPOINT"_s, m_server->endpoint() + u'/');
    ConnectionOptions options;
    options.profile = u"dev"_s;
    const Result<ResolvedConnection> resolved = resolveConnection(options, environment, m_network.get());
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message()));
    const Result<Credentials> credentials = resolveNow(*resolved->credentials);
    QVERIFY2(credentials.ok(), qPrintable(credentials.ok() ? QString() : credentials.error().message()));
    QCOMPARE(credentials->accessKeyId, u"ASIAFAKESSOKEY"_s);

    // Without a token the chain's error keeps the provider's code: the app offers Sign in on it.
    QFile::remove(m_cacheFolder + u'/' + ssoTokenCacheKey(u"my-sso"_s, StartUrl) + u".json"_s);
    const Result<ResolvedConnection> again = resolveConnection(options, environment, m_network.get());
    QVERIFY(again.ok());
    const Result<Credentials> signedOut = resolveNow(*again->credentials);
    QVERIFY(!signedOut.ok());
    QCOMPARE(signedOut.error().code(), QString::fromLatin1(SsoSignInRequiredCode));
    QVERIFY2(signedOut.error().message().contains(u"s3desk-cli sso login --profile dev"_s), qPrintable(signedOut.error().message()));
    QVERIFY2(signedOut.error().message().contains(u"SSO profile 'dev': no SSO token"_s), qPrintable(signedOut.error().message()));
    // The advice is to sign in, not the generic one about keys (which s3desk-cli prints after the message).
    QCOMPARE(signedOut.error().hint(),
             u"Sign in to IAM Identity Center (SSO): s3desk-cli sso login --profile NAME, or Sign in… in the app."_s);
    // The same when the profile comes from AWS_PROFILE (the environment's keys are tried first, and named).
    QProcessEnvironment fromVariable = environment;
    fromVariable.insert(u"AWS_PROFILE"_s, u"dev"_s);
    const Result<ResolvedConnection> byVariable = resolveConnection(ConnectionOptions{}, fromVariable, m_network.get());
    QVERIFY(byVariable.ok());
    const Result<Credentials> signedOutToo = resolveNow(*byVariable->credentials);
    QVERIFY(!signedOutToo.ok());
    QCOMPARE(signedOutToo.error().code(), QString::fromLatin1(SsoSignInRequiredCode));
    QVERIFY2(signedOutToo.error().message().contains(u"SSO profile 'dev': no SSO token"_s), qPrintable(signedOutToo.error().message()));
    QVERIFY2(signedOutToo.error().message().contains(u"s3desk-cli sso login --profile dev"_s), qPrintable(signedOutToo.error().message()));
    QVERIFY(signedOutToo.error().hint().startsWith(u"Sign in to IAM Identity Center (SSO)"_s));

    // A misconfigured SSO profile fails with what is missing.
    writeText(configPath, "[profile dev]\nsso_session = my-sso\nsso_account_id = 123456789012\n"
                          "[sso-session my-sso]\nsso_start_url = https://x/start\nsso_region = us-east-1\n");
    const Result<ResolvedConnection> broken = resolveConnection(options, environment, m_network.get());
    QVERIFY(broken.ok());
    const Result<Credentials> none = resolveNow(*broken->credentials);
    QVERIFY(!none.ok());
    QVERIFY2(none.error().message().contains(u"lacks sso_role_name"_s), qPrintable(none.error().message()));
}

// --- device sign-in -----------------------------------------------------------------------------------------------

void TestSso::deviceFlowWithSlowDown()
{
    m_server->setPollScript({u"authorization_pending"_s, u"slow_down"_s, u"authorization_pending"_s});
    SsoDeviceAuthorization signIn(m_network.get(), sessionConfig(), m_cacheFolder,
                                  SsoEndpoints{m_server->endpoint(), m_server->endpoint(), {}});
    signIn.setIntervalUnitMs(10);
    QSignalSpy pending(&signIn, &SsoDeviceAuthorization::pendingAuthorization);
    QSignalSpy finished(&signIn, &SsoDeviceAuthorization::finished);
    signIn.start();
    QVERIFY(waitUntil([&finished] { return !finished.isEmpty(); }, 10000));
    QVERIFY2(!signIn.error().isError(), qPrintable(signIn.error().message()));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(pending.size(), 1);
    const auto authorization = pending.constFirst().constFirst().value<SsoPendingAuthorization>();
    QCOMPARE(authorization.userCode, FakeSsoServer::UserCode);
    QVERIFY(authorization.verificationUriComplete.contains(FakeSsoServer::UserCode));
    QCOMPARE(m_server->count("/token"), 4);
    QCOMPARE(signIn.intervalSeconds(), qint64(1 + 5));
    QCOMPARE(m_server->count("/client/register"), 1);
    const QJsonObject registerBody = QJsonDocument::fromJson(m_server->requests().constFirst().body).object();
    QCOMPARE(registerBody.value(u"clientType"_s).toString(), u"public"_s);
    QCOMPARE(registerBody.value(u"scopes"_s).toArray().size(), 1);

    // The token cache file, as awscli writes it, and usable by the provider.
    const Result<SsoToken> saved = readSsoTokenFile(signIn.tokenPath());
    QVERIFY(saved.ok());
    QCOMPARE(saved->accessToken, m_server->issuedAccessTokens().constFirst());
    QCOMPARE(saved->clientId, m_server->lastClientId());
    QVERIFY(saved->canRefresh(QDateTime::currentDateTimeUtc()));
    QCOMPARE(readText(signIn.tokenPath()), serializeSsoToken(*saved));
    QCOMPARE(QFileInfo(signIn.tokenPath()).fileName(), u"0ad374308c5a4e22f723adf10145eafad7c4031c.json"_s);
    QVERIFY(QFileInfo::exists(m_cacheFolder + u"/c5cfae6e3e4f067423a532368c8b514b6a4b0ace.json"_s));

    SsoCredentialsProvider provider(m_network.get(), sessionConfig(), m_cacheFolder,
                                    SsoEndpoints{m_server->endpoint(), m_server->endpoint(), {}});
    QVERIFY(resolveNow(provider).ok());
}

void TestSso::deviceFlowAccessDenied()
{
    m_server->setPollScript({u"authorization_pending"_s, u"access_denied"_s});
    SsoDeviceAuthorization signIn(m_network.get(), sessionConfig(), m_cacheFolder,
                                  SsoEndpoints{m_server->endpoint(), m_server->endpoint(), {}});
    signIn.setIntervalUnitMs(10);
    QSignalSpy finished(&signIn, &SsoDeviceAuthorization::finished);
    signIn.start();
    QVERIFY(waitUntil([&finished] { return !finished.isEmpty(); }, 10000));
    QCOMPARE(signIn.error().kind(), S3Error::Kind::Auth);
    QVERIFY2(signIn.error().message().contains(u"denied"_s), qPrintable(signIn.error().message()));
    QVERIFY(!QFileInfo::exists(signIn.tokenPath()));
}

void TestSso::deviceFlowExpiredCode()
{
    m_server->setPollScript({u"authorization_pending"_s, u"expired_token"_s});
    SsoDeviceAuthorization signIn(m_network.get(), sessionConfig(), m_cacheFolder,
                                  SsoEndpoints{m_server->endpoint(), m_server->endpoint(), {}});
    signIn.setIntervalUnitMs(10);
    QSignalSpy finished(&signIn, &SsoDeviceAuthorization::finished);
    signIn.start();
    QVERIFY(waitUntil([&finished] { return !finished.isEmpty(); }, 10000));
    QVERIFY2(signIn.error().message().contains(u"expired before it was confirmed"_s), qPrintable(signIn.error().message()));
}

void TestSso::deviceFlowReusesRegistration()
{
    for (int round = 0; round < 2; ++round) {
        SsoDeviceAuthorization signIn(m_network.get(), sessionConfig(), m_cacheFolder,
                                      SsoEndpoints{m_server->endpoint(), m_server->endpoint(), {}});
        signIn.setIntervalUnitMs(10);
        QSignalSpy finished(&signIn, &SsoDeviceAuthorization::finished);
        signIn.start();
        QVERIFY(waitUntil([&finished] { return !finished.isEmpty(); }, 10000));
        QVERIFY(!signIn.error().isError());
    }
    QCOMPARE(m_server->count("/client/register"), 1);
    QCOMPARE(m_server->count("/device_authorization"), 2);
}

void TestSso::deviceFlowCancel()
{
    m_server->setPollScript(QStringList(50, u"authorization_pending"_s));
    SsoDeviceAuthorization signIn(m_network.get(), sessionConfig(), m_cacheFolder,
                                  SsoEndpoints{m_server->endpoint(), m_server->endpoint(), {}});
    signIn.setIntervalUnitMs(20);
    QSignalSpy pending(&signIn, &SsoDeviceAuthorization::pendingAuthorization);
    QSignalSpy finished(&signIn, &SsoDeviceAuthorization::finished);
    signIn.start();
    QVERIFY(waitUntil([&pending] { return !pending.isEmpty(); }, 10000));
    signIn.cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(signIn.error().kind(), S3Error::Kind::Cancelled);
    const int polls = m_server->count("/token");
    QTest::qWait(200);
    QCOMPARE(m_server->count("/token"), polls);
    QCOMPARE(finished.size(), 1);
}

void TestSso::ssoTrustsTheCaBundle()
{
    // OIDC and the portal behind a certificate that only the connection's ca_bundle vouches for, as S3 and STS.
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const auto tls = makeTestTls(folder.path());
    QVERIFY2(tls, "cannot make the test certificates with openssl");
    FakeSsoServer server;
    QVERIFY(server.listenTls(tls->second));
    QVERIFY(server.endpoint().startsWith(u"https://"_s));
    // Expiring within the refresh margin: the provider refreshes it (OIDC CreateToken), then asks the portal.
    writeToken(m_now.addSecs(120), u"old-access"_s, u"old-refresh"_s);
    server.acceptRefreshToken(u"client-test"_s, u"old-refresh"_s);
    {
        QNetworkAccessManager network;
        SsoCredentialsProvider untrusting(&network, sessionConfig(), m_cacheFolder, SsoEndpoints{server.endpoint(), server.endpoint(), {}});
        const Result<Credentials> refused = resolveNow(untrusting);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message().contains(u"certificate"_s, Qt::CaseInsensitive), qPrintable(refused.error().message()));
        QCOMPARE(server.requests().size(), 0); // the handshakes failed: no token was sent
        SsoDeviceAuthorization signIn(&network, sessionConfig(), m_cacheFolder, SsoEndpoints{server.endpoint(), server.endpoint(), {}});
        QSignalSpy finished(&signIn, &SsoDeviceAuthorization::finished);
        signIn.start();
        QVERIFY(waitUntil([&finished] { return !finished.isEmpty(); }, 20000));
        QVERIFY(signIn.error().isError());
        QVERIFY2(signIn.error().message().contains(u"RegisterClient"_s), qPrintable(signIn.error().message()));
        QCOMPARE(server.requests().size(), 0);
    }

    // Through the profile, as a user configures it: ca_bundle applies to the token refresh and the portal.
    const QString configPath = m_home->filePath(u".aws/config"_s);
    writeText(configPath, "[profile dev]\nsso_session = my-sso\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n"
                          "region = us-east-1\nendpoint_url = http://127.0.0.1:9\nca_bundle = " + tls->first.toUtf8() + "\n"
                          "[sso-session my-sso]\nsso_start_url = https://my-sso-portal.awsapps.com/start\nsso_region = us-east-1\n"
                          "sso_registration_scopes = sso:account:access\n");
    QProcessEnvironment environment;
    environment.insert(u"HOME"_s, m_home->path());
    environment.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    environment.insert(u"S3DESK_SSO_OIDC_ENDPOINT"_s, server.endpoint());
    environment.insert(u"S3DESK_SSO_PORTAL_ENDPOINT"_s, server.endpoint());
    ConnectionOptions options;
    options.profile = u"dev"_s;
    // A manager of its own: Qt keeps a connection per host and port whatever the TLS configuration.
    QNetworkAccessManager trustingNetwork;
    const Result<ResolvedConnection> resolved = resolveConnection(options, environment, &trustingNetwork);
    QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message()));
    const Result<Credentials> credentials = resolveNow(*resolved->credentials, 20000);
    QVERIFY2(credentials.ok(), qPrintable(credentials.ok() ? QString() : credentials.error().message()));
    QCOMPARE(credentials->accessKeyId, u"ASIAFAKESSOKEY"_s);
    QCOMPARE(server.count("/token"), 1);
    QCOMPARE(server.count("/federation/credentials"), 1);

    // The device sign-in with the same bundle (what the app's Sign in and s3desk-cli sso login pass).
    SsoEndpoints trusted{server.endpoint(), server.endpoint(), {}};
    AwsProfile withBundle;
    withBundle.caBundle = tls->first;
    trusted.caCertificates = caCertificatesFromBundle(caBundlePath(QString(), withBundle, environment));
    QCOMPARE(trusted.caCertificates.size(), 1);
    SsoDeviceAuthorization signIn(&trustingNetwork, sessionConfig(), m_cacheFolder, trusted);
    signIn.setIntervalUnitMs(10);
    QSignalSpy finished(&signIn, &SsoDeviceAuthorization::finished);
    signIn.start();
    QVERIFY(waitUntil([&finished] { return !finished.isEmpty(); }, 20000));
    QVERIFY2(!signIn.error().isError(), qPrintable(signIn.error().message()));
    QCOMPARE(server.count("/client/register"), 1);
    QCOMPARE(server.count("/device_authorization"), 1);
}

void TestSso::tokenExpiryUsesTheCorrectedClock()
{
    // The token is valid for another hour by the servers' time; the local clock is two hours ahead. Once the
    // connection knows the offset (any answer's Date header), the token counts as valid; without it, expired.
    const QString configPath = m_home->filePath(u".aws/config"_s);
    writeText(configPath, "[profile dev]\nsso_session = my-sso\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n"
                          "region = us-east-1\nendpoint_url = http://127.0.0.1:9\n"
                          "[sso-session my-sso]\nsso_start_url = https://my-sso-portal.awsapps.com/start\nsso_region = us-east-1\n");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    writeToken(now.addSecs(3600), u"cached-access"_s, QString());
    m_server->acceptAccessToken(u"cached-access"_s);
    QProcessEnvironment environment;
    environment.insert(u"HOME"_s, m_home->path());
    environment.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    environment.insert(u"S3DESK_SSO_OIDC_ENDPOINT"_s, m_server->endpoint());
    environment.insert(u"S3DESK_SSO_PORTAL_ENDPOINT"_s, m_server->endpoint());
    ConnectionOptions options;
    options.profile = u"dev"_s;
    options.clock = [] { return QDateTime::currentDateTimeUtc().addSecs(7200); };

    const Result<ResolvedConnection> uncorrected = resolveConnection(options, environment, m_network.get());
    QVERIFY(uncorrected.ok());
    const Result<Credentials> expired = resolveNow(*uncorrected->credentials);
    QVERIFY(!expired.ok());
    QCOMPARE(expired.error().code(), QString::fromLatin1(SsoSignInRequiredCode));
    QCOMPARE(m_server->count("/federation/credentials"), 0);

    options.clockOffset = std::make_shared<ClockOffset>();
    const QByteArray serverDate = QLocale::c().toString(now, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
    QVERIFY(options.clockOffset->noteServerDate(serverDate, options.clock(), false, u"s3.test"_s));
    const Result<ResolvedConnection> corrected = resolveConnection(options, environment, m_network.get());
    QVERIFY(corrected.ok());
    QCOMPARE(corrected->clockOffset, options.clockOffset);
    const Result<Credentials> credentials = resolveNow(*corrected->credentials);
    QVERIFY2(credentials.ok(), qPrintable(credentials.ok() ? QString() : credentials.error().message()));
    QCOMPARE(m_server->count("/federation/credentials"), 1);
}

QTEST_GUILESS_MAIN(TestSso)
#include "tst_sso.moc"
