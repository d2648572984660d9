// SPDX-License-Identifier: Apache-2.0
// The app's IAM Identity Center pieces, offscreen against FakeSsoServer (and the fake S3 for the window): the
// credentials line with its countdown, the Sign in dialog (code, address, browser, cancel, denial), and the main
// window offering "Sign in…" when an SSO profile has no token, then connecting once the sign-in is done.
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "connection/connectionprofile.h"
#include "dialogs/ssosignindialog.h"
#include "fakessoserver.h"
#include "models/bucketlistmodel.h"
#include "s3core/auth/ssodeviceauthorization.h"
#include "s3core/auth/ssotoken.h"
#include "uitestsupport.h"
#include "widgets/credentialsstatus.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

namespace {

s3::SsoConfig testConfig()
{
    s3::SsoConfig config;
    config.profile = u"dev"_s;
    config.sessionName = u"corp"_s;
    config.startUrl = u"https://corp.awsapps.com/start"_s;
    config.region = u"us-east-1"_s;
    config.accountId = u"123456789012"_s;
    config.roleName = u"ReadOnly"_s;
    return config;
}

} // namespace

class TestSsoSignIn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void statusText_data();
    void statusText();
    void countdownFollowsTheClock();

    void dialogSignsIn();
    void dialogCancel();
    void dialogShowsDenial();

    void windowOffersSignInThenConnects();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeSsoServer> m_sso;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QList<QUrl> m_opened;
};

void TestSsoSignIn::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_sso = std::make_unique<FakeSsoServer>();
    QVERIFY(m_sso->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_opened.clear();
}

void TestSsoSignIn::cleanup()
{
    m_network.reset();
    m_sso.reset();
    m_dir.reset();
}

void TestSsoSignIn::statusText_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<qint64>("secondsLeft"); // -1: no expiry
    QTest::addColumn<QString>("expected");
    QTest::newRow("sso") << u"SSO role ReadOnly in 123456789012 (profile dev)"_s << qint64(42 * 60 + 5)
                         << u"SSO role ReadOnly in 123456789012 (profile dev), expires in 42 min"_s;
    QTest::newRow("hours") << u"assumed role arn:aws:iam::1:role/x"_s << qint64(3 * 3600 + 7 * 60)
                           << u"assumed role arn:aws:iam::1:role/x, expires in 3 h 07 min"_s;
    QTest::newRow("seconds") << u"x"_s << qint64(45) << u"x, expires in 45 s"_s;
    QTest::newRow("expired") << u"x"_s << qint64(-3) << u"x, expired"_s;
    QTest::newRow("long-term keys") << u"profile 'dev' in /home/u/.aws/credentials"_s << qint64(-1)
                                    << u"profile 'dev' in /home/u/.aws/credentials"_s;
}

void TestSsoSignIn::statusText()
{
    QFETCH(QString, source);
    QFETCH(qint64, secondsLeft);
    QFETCH(QString, expected);
    const QDateTime now(QDate(2026, 12, 3), QTime(23, 0), Qt::UTC);
    s3::Credentials credentials;
    credentials.source = source;
    if (secondsLeft != -1)
        credentials.expiry = now.addSecs(secondsLeft);
    QCOMPARE(credentialsStatusText(credentials, now), expected);
}

void TestSsoSignIn::countdownFollowsTheClock()
{
    // A session whose provider hands out keys expiring in 20 minutes; the widget's clock is moved by hand.
    QDateTime clock = QDateTime::currentDateTimeUtc();
    s3::Credentials credentials = fakeCredentials();
    credentials.sessionToken = u"token"_s;
    credentials.source = u"SSO role ReadOnly in 123456789012 (profile dev)"_s;
    credentials.expiry = clock.addSecs(20 * 60);
    auto session = openTestSession(SessionConfig{u"t"_s, u"t"_s, staticResolver(u"http://127.0.0.1:9"_s, u"us-east-1"_s, credentials), {}, {}, 5000, {}});
    QVERIFY(session);
    CredentialsStatusWidget widget([&clock] { return clock; });
    widget.setSession(session.get());
    QVERIFY(waitUntil([&widget] { return widget.text().contains(u"expires in"_s); }, 5000));
    QCOMPARE(widget.text(), u"Credentials: SSO role ReadOnly in 123456789012 (profile dev), expires in 20 min"_s);
    QVERIFY(widget.label()->toolTip().contains(u"refreshed automatically"_s));
    QVERIFY(!widget.signInButton()->isVisibleTo(&widget));
    clock = clock.addSecs(19 * 60 + 30);
    QVERIFY(waitUntil([&widget] { return widget.text().endsWith(u"expires in 30 s"_s); }, 3000));
}

void TestSsoSignIn::dialogSignsIn()
{
    m_sso->setPollScript({u"authorization_pending"_s});
    const QString cache = m_dir->filePath(u"cache"_s);
    SsoSignInDialog dialog(m_network.get(), testConfig(), cache, s3::SsoEndpoints{m_sso->endpoint(), m_sso->endpoint(), {}},
                           [this](const QUrl &url) {
                               m_opened.append(url);
                               return true;
                           });
    QSignalSpy signedIn(&dialog, &SsoSignInDialog::signedIn);
    dialog.show();
    dialog.start();
    QVERIFY(waitUntil([&dialog] { return dialog.userCode() == FakeSsoServer::UserCode; }, 10000));
    QCOMPARE(m_opened.size(), 1);
    QCOMPARE(m_opened.constFirst().toString(), u"https://device.sso.example.test/?user_code=ABCD-EFGH"_s);
    QVERIFY(dialog.findChild<QLabel *>(u"verificationAddress"_s)->text().contains(u"https://device.sso.example.test/"_s));
    QVERIFY(waitUntil([&signedIn] { return !signedIn.isEmpty(); }, 10000));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const s3::Result<s3::SsoToken> token = s3::readSsoTokenFile(dialog.authorization()->tokenPath());
    QVERIFY(token.ok());
    QCOMPARE(token->accessToken, m_sso->issuedAccessTokens().constFirst());
    // The open-browser button opens the same address again.
    dialog.findChild<QPushButton *>(u"openBrowserButton"_s)->click();
    QCOMPARE(m_opened.size(), 2);
}

void TestSsoSignIn::dialogCancel()
{
    m_sso->setPollScript(QStringList(100, u"authorization_pending"_s));
    SsoSignInDialog dialog(m_network.get(), testConfig(), m_dir->filePath(u"cache"_s),
                           s3::SsoEndpoints{m_sso->endpoint(), m_sso->endpoint(), {}}, [](const QUrl &) { return false; });
    dialog.show();
    dialog.start();
    QVERIFY(waitUntil([&dialog] { return !dialog.userCode().isEmpty(); }, 10000));
    QVERIFY(dialog.statusText().contains(u"Open the address above"_s)); // no browser opened
    dialog.findChild<QPushButton *>(u"cancelButton"_s)->click();
    QVERIFY(!dialog.isVisible());
    QVERIFY(dialog.authorization()->isFinished());
    QCOMPARE(dialog.authorization()->error().kind(), s3::S3Error::Kind::Cancelled);
    const int polls = m_sso->count("/token");
    QTest::qWait(1500); // more than the poll interval
    QCOMPARE(m_sso->count("/token"), polls);
}

void TestSsoSignIn::dialogShowsDenial()
{
    m_sso->setPollScript({u"authorization_pending"_s, u"access_denied"_s});
    SsoSignInDialog dialog(m_network.get(), testConfig(), m_dir->filePath(u"cache"_s),
                           s3::SsoEndpoints{m_sso->endpoint(), m_sso->endpoint(), {}}, [](const QUrl &) { return true; });
    dialog.show();
    dialog.start();
    QVERIFY(waitUntil([&dialog] { return dialog.error().isError(); }, 10000));
    QVERIFY2(dialog.statusText().contains(u"denied"_s), qPrintable(dialog.statusText()));
    QVERIFY(dialog.isVisible()); // the failure stays on screen
    QCOMPARE(dialog.findChild<QPushButton *>(u"cancelButton"_s)->text(), u"Close"_s);
}

void TestSsoSignIn::windowOffersSignInThenConnects()
{
    FakeS3Server s3;
    QVERIFY(s3.start());
    s3.createBucket(u"sso-bucket"_s);
    const s3::Credentials keys = fakeCredentials();
    m_sso->setRoleCredentials(keys.accessKeyId, keys.secretAccessKey, u"session"_s,
                              QDateTime::currentDateTimeUtc().addSecs(3600).toMSecsSinceEpoch());
    m_sso->setPollScript({u"authorization_pending"_s});
    QDir().mkpath(m_dir->filePath(u".aws"_s));
    QFile config(m_dir->filePath(u".aws/config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n"
                 "region = us-east-1\nendpoint_url = " + s3.endpointUrl().toUtf8() + "\ns3 =\n  addressing_style = path\n"
                 "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n");
    config.close();
    QProcessEnvironment environment;
    environment.insert(u"HOME"_s, m_dir->path());
    environment.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    environment.insert(u"S3DESK_SSO_OIDC_ENDPOINT"_s, m_sso->endpoint());
    environment.insert(u"S3DESK_SSO_PORTAL_ENDPOINT"_s, m_sso->endpoint());
    ConnectionStore store(m_dir->filePath(u"connections.ini"_s), environment);
    QCOMPARE(store.awsProfiles().size(), 1);

    QSettings settings(m_dir->filePath(u"window.ini"_s), QSettings::IniFormat);
    MainWindowDependencies dependencies;
    dependencies.settings = &settings;
    dependencies.connections = &store;
    dependencies.stateDir = m_dir->filePath(u"queues"_s);
    dependencies.openUrl = [this](const QUrl &url) {
        m_opened.append(url);
        return true;
    };
    MainWindow window(dependencies);
    window.show();
    QVERIFY(window.openSession(sessionConfigFor(store.awsProfiles().constFirst(), {}, dependencies.stateDir, environment)));

    // No token: the failure offers Sign in, and so does the credentials line.
    QVERIFY(waitUntil([&window] { return window.errorBox() && window.errorBox()->findChild<QPushButton *>(u"signInButton"_s); }, 10000));
    QVERIFY2(window.lastError().contains(u"s3desk-cli sso login --profile dev"_s), qPrintable(window.lastError()));
    QVERIFY(waitUntil([&window] { return window.credentialsStatus()->signInButton()->isVisibleTo(window.credentialsStatus()); }, 5000));
    QCOMPARE(window.credentialsStatus()->text(), u"Credentials: IAM Identity Center sign-in needed"_s);
    QCOMPARE(window.buckets()->rowCount(), 0);

    window.errorBox()->findChild<QPushButton *>(u"signInButton"_s)->click();
    QVERIFY(window.signInDialog());
    QVERIFY(waitUntil([&window] { return !window.signInDialog() || window.signInDialog()->userCode() == FakeSsoServer::UserCode; }, 10000));
    QCOMPARE(m_opened.size(), 1);
    // The token arrives: the dialog closes, the buckets are listed with the role's credentials.
    QVERIFY(waitUntil([&window] { return window.buckets()->rowCount() == 1; }, 10000));
    QVERIFY(waitUntil([&window] { return window.credentialsStatus()->text().startsWith(u"Credentials: SSO role ReadOnly in 123456789012 (profile dev), expires in"_s); }, 5000));
    QVERIFY(!window.credentialsStatus()->signInButton()->isVisibleTo(window.credentialsStatus()));
    QVERIFY(!window.credentialsStatus()->text().contains(m_sso->issuedAccessTokens().constFirst()));
}

QTEST_MAIN(TestSsoSignIn)
#include "tst_ssosignin.moc"
