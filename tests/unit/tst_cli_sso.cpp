// SPDX-License-Identifier: Apache-2.0
// s3desk-cli sso login as a process against FakeSsoServer: what it prints, the token file it leaves, its failures.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
#include "fakessoserver.h"
#include "s3core/auth/ssotoken.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

class TestCliSso : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void loginWritesTheToken();
    void loginLegacyProfile();
    void loginDenied();
    void notAnSsoProfile();
    void badSubcommand();

private:
    QProcessEnvironment environment() const;
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<FakeSsoServer> m_server;
};

void TestCliSso::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    m_server = std::make_unique<FakeSsoServer>();
    QVERIFY(m_server->listen());
    QDir().mkpath(m_home->filePath(u".aws"_s));
    QFile config(m_home->filePath(u".aws/config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile work]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n"
                 "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"
                 "sso_registration_scopes = sso:account:access\n"
                 "[profile old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\n"
                 "sso_account_id = 1\nsso_role_name = R\n"
                 "[profile keys]\naws_access_key_id = A\naws_secret_access_key = B\n");
}

QProcessEnvironment TestCliSso::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : environment.keys()) {
        if (name.startsWith(u"AWS_"_s))
            environment.remove(name);
    }
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.insert(u"HOME"_s, m_home->path());
    environment.insert(u"S3DESK_SSO_OIDC_ENDPOINT"_s, m_server->endpoint());
    environment.insert(u"S3DESK_SSO_PORTAL_ENDPOINT"_s, m_server->endpoint());
    return environment;
}

void TestCliSso::loginWritesTheToken()
{
    m_server->setPollScript({u"authorization_pending"_s});
    const ProcessOutcome outcome = runProgram(cliPath(), {u"sso"_s, u"login"_s, u"--profile"_s, u"work"_s}, environment(), 30000);
    QVERIFY2(outcome.ok(), outcome.describe().constData());
    QVERIFY2(outcome.out.contains("https://device.sso.example.test/?user_code=ABCD-EFGH"), outcome.describe().constData());
    QVERIFY2(outcome.out.contains("\n  ABCD-EFGH\n"), outcome.describe().constData());
    QVERIFY2(!outcome.out.contains("default browser"), outcome.describe().constData()); // no display: no browser
    QVERIFY2(outcome.out.contains("Signed in to https://corp.awsapps.com/start"), outcome.describe().constData());
    const QString path = m_home->filePath(u".aws/sso/cache/"_s) + ssoTokenCacheKey(u"corp"_s, QString()) + u".json"_s;
    const Result<SsoToken> token = readSsoTokenFile(path);
    QVERIFY2(token.ok(), qPrintable(path));
    QCOMPARE(token->startUrl, u"https://corp.awsapps.com/start"_s);
    QCOMPARE(token->region, u"eu-west-1"_s);
    QCOMPARE(token->accessToken, m_server->issuedAccessTokens().constFirst());
    // No token or secret on the terminal.
    QVERIFY(!outcome.out.contains(token->accessToken.toUtf8()) && !outcome.err.contains(token->accessToken.toUtf8()));
    QVERIFY(!outcome.out.contains(token->refreshToken.toUtf8()));
    QVERIFY(!outcome.out.contains(token->clientSecret.toUtf8()));
}

void TestCliSso::loginLegacyProfile()
{
    const ProcessOutcome outcome = runProgram(cliPath(), {u"--profile"_s, u"old"_s, u"sso"_s, u"login"_s, u"--no-browser"_s},
                                              environment(), 30000);
    QVERIFY2(outcome.ok(), outcome.describe().constData());
    const QString path = m_home->filePath(u".aws/sso/cache/"_s) + ssoTokenCacheKey(QString(), u"https://old.awsapps.com/start"_s) + u".json"_s;
    QVERIFY2(QFileInfo::exists(path), qPrintable(path));
}

void TestCliSso::loginDenied()
{
    m_server->setPollScript({u"authorization_pending"_s, u"access_denied"_s});
    const ProcessOutcome outcome = runProgram(cliPath(), {u"sso"_s, u"login"_s, u"--profile"_s, u"work"_s, u"--no-browser"_s},
                                              environment(), 30000);
    QVERIFY(outcome.finished);
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY2(outcome.err.contains("denied"), outcome.describe().constData());
    QVERIFY(!QDir(m_home->filePath(u".aws/sso/cache"_s)).exists(ssoTokenCacheKey(u"corp"_s, QString()) + u".json"_s));
}

void TestCliSso::notAnSsoProfile()
{
    const ProcessOutcome outcome = runProgram(cliPath(), {u"sso"_s, u"login"_s, u"--profile"_s, u"keys"_s}, environment(), 30000);
    QCOMPARE(outcome.exitCode, 1);
    QVERIFY2(outcome.err.contains("profile 'keys'") && outcome.err.contains("not configured for IAM Identity Center"),
             outcome.describe().constData());
    QCOMPARE(m_server->requests().size(), 0);
}

void TestCliSso::badSubcommand()
{
    const ProcessOutcome outcome = runProgram(cliPath(), {u"sso"_s, u"logout"_s}, environment(), 30000);
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.err.contains("unknown sso subcommand 'logout'"), outcome.describe().constData());
}

QTEST_GUILESS_MAIN(TestCliSso)
#include "tst_cli_sso.moc"
