// SPDX-License-Identifier: Apache-2.0
// The app's MFA prompt against Ceph RGW's STS: an AWS profile with role_arn, source_profile and mfa_serial, opened
// in the main window as a user does. The dialog asks for the code (naming the profile, the role and the device)
// before anything is sent; the code goes to Ceph with the device. Ceph 16 does not check MFA codes at all, and
// its input check refuses every six-character TokenCode (awscli gets the same refusal), so what Ceph proves is
// that the call with SerialNumber and TokenCode is made and its refusal reaches the window; that the code
// travels as typed is checked against FakeStsServer in tst_mfaprompt. A real Ceph session in awscli's cache
// file of the MFA profile is used without asking, and Cancel reads as "MFA code not entered" in the window.
#include <optional>

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
#include "connection/connectionprofile.h"
#include "liveiam.h"
#include "localfiles.h"
#include "connection/guimfaprompter.h"
#include "dialogs/mfapromptdialog.h"
#include "models/objectlistmodel.h"
#include "browser/browserview.h"
#include "s3core/auth/assumeroleprovider.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/auth/sts.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestLiveMfaPrompt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void windowAsksForTheCodeAndSendsIt();
    void cachedSessionDoesNotAskAgain();
    void cancelSaysTheCodeWasNotEntered();

private:
    ProcessOutcome aws(const QStringList &arguments);
    QProcessEnvironment profileEnvironment() const;
    std::unique_ptr<MainWindow> openWindow(const QString &name);
    QString cachePath() const;

    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<s3::S3Client> m_client;
    QTemporaryDir m_home;
    QString m_bucket;
    QString m_role;
    QString m_roleArn;
    const QString m_serial = u"arn:aws:iam::123456789012:mfa/s3desk-tester"_s;
    std::unique_ptr<QSettings> m_settings;
};

ProcessOutcome TestLiveMfaPrompt::aws(const QStringList &arguments)
{
    QProcessEnvironment environment = profileEnvironment();
    environment.insert(u"AWS_ACCESS_KEY_ID"_s, m_server.accessKey);
    environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, m_server.secretKey);
    return runProgram(u"aws"_s, QStringList{u"--endpoint-url"_s, m_server.stsEndpoint} + arguments, environment, 120000);
}

QProcessEnvironment TestLiveMfaPrompt::profileEnvironment() const
{
    // Only the files in the test's home: no keys in the environment, no instance metadata.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_CONFIG_FILE",
                             "AWS_SHARED_CREDENTIALS_FILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_STS"})
        environment.remove(QLatin1String(name));
    environment.insert(u"HOME"_s, m_home.path());
    environment.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    environment.insert(u"AWS_DEFAULT_REGION"_s, m_server.region.isEmpty() ? u"us-east-1"_s : m_server.region);
    return environment;
}

QString TestLiveMfaPrompt::cachePath() const
{
    return m_home.filePath(u".aws/cli/cache/"_s + s3::sts::cacheKey(m_roleArn, QString(), m_serial, 0) + u".json"_s);
}

std::unique_ptr<MainWindow> TestLiveMfaPrompt::openWindow(const QString &name)
{
    MainWindowDependencies dependencies;
    dependencies.settings = m_settings.get();
    dependencies.stateDir = m_home.filePath(u"queues-"_s + name);
    auto window = std::make_unique<MainWindow>(dependencies);
    window->show();
    ConnectionProfile profile;
    profile.kind = ConnectionProfile::Kind::AwsProfile;
    profile.id = u"aws:mfa"_s;
    profile.name = u"mfa"_s;
    SessionConfig config = sessionConfigFor(profile, QString(), dependencies.stateDir, profileEnvironment(), window->mfaPrompter());
    config.id = u"mfa-"_s + name;
    config.bucket = m_bucket;
    if (!window->openSession(std::move(config)))
        return {};
    return window;
}

void TestLiveMfaPrompt::initTestCase()
{
    S3DESK_REQUIRE_LIVE_SERVER(m_server);
    // Session credentials only work on the gateway with STS on; every request of this test goes there.
    QVERIFY2(!m_server.stsEndpoint.isEmpty(), "S3_STS_ENDPOINT is not set: start the server with scripts/s3server-up.sh");
    QVERIFY(m_home.isValid());
    m_settings = std::make_unique<QSettings>(m_home.filePath(u"app.ini"_s), QSettings::IniFormat);
    m_client = m_server.client(&m_network, m_server.accessKey, m_server.secretKey, m_server.stsEndpoint);
    m_bucket = createTestBucket(m_client.get(), u"mfa"_s);
    QVERIFY(!m_bucket.isEmpty());
    QVERIFY(putTestObject(m_client.get(), m_bucket, u"behind-mfa.txt"_s, "the role's object\n"));

    m_role = uniqueBucketName(u"s3desk-mfa-role"_s);
    m_roleArn = u"arn:aws:iam:::role/"_s + m_role;
    const QString created = createLiveRole(m_server, m_home.path(), m_role, assumeRoleTrust({u"arn:aws:iam:::user/tester"_s}));
    QVERIFY2(created.isEmpty(), qPrintable(created));

    QVERIFY(QDir().mkpath(m_home.filePath(u".aws"_s)));
    QFile config(m_home.filePath(u".aws/config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(u"[profile base]\n"
                 "aws_access_key_id = %1\n"
                 "aws_secret_access_key = %2\n"
                 "\n"
                 "[profile mfa]\n"
                 "role_arn = %3\n"
                 "source_profile = base\n"
                 "mfa_serial = %4\n"
                 "endpoint_url = %5\n"
                 "s3 =\n"
                 "  addressing_style = path\n"_s
                     .arg(m_server.accessKey, m_server.secretKey, m_roleArn, m_serial, m_server.stsEndpoint)
                     .toUtf8());
}

void TestLiveMfaPrompt::cleanupTestCase()
{
    if (!m_role.isEmpty())
        deleteLiveRole(m_server, m_home.path(), m_role);
    if (m_client && !m_bucket.isEmpty())
        removeTestBucket(m_client.get(), m_bucket);
}

void TestLiveMfaPrompt::windowAsksForTheCodeAndSendsIt()
{
    QFile::remove(cachePath());
    auto window = openWindow(u"first"_s);
    QVERIFY(window);
    QTRY_VERIFY_WITH_TIMEOUT(window->mfaPrompter()->currentDialog() != nullptr, 30000);
    MfaPromptDialog *dialog = window->mfaPrompter()->currentDialog();
    QCOMPARE(dialog->request().profile, u"mfa"_s);
    QCOMPARE(dialog->request().roleArn, m_roleArn);
    QCOMPARE(dialog->request().serialNumber, m_serial);
    QVERIFY(dialog->isVisible());
    QVERIFY(!QFile::exists(cachePath())); // no session yet: AssumeRole waits for the code
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"codeEdit"_s), u"123456"_s);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();

    // Ceph 16 refuses every six-character TokenCode (its AssumeRole input check is inverted: it accepts other
    // lengths), so the call with the code reaches Ceph and Ceph's refusal is what the window shows, naming the
    // role. awscli with the same code gets the same refusal.
    QTRY_VERIFY_WITH_TIMEOUT(!window->lastError().isEmpty(), 60000);
    const QString error = window->lastError();
    QVERIFY2(error.contains(u"assume role %1 (profile 'mfa'): BadRequest"_s.arg(m_roleArn)), qPrintable(error));
    QCOMPARE(window->mfaPrompter()->promptsShown(), 1);
    QVERIFY(!QFile::exists(cachePath()));
    const ProcessOutcome awscli = aws({u"sts"_s, u"assume-role"_s, u"--role-arn"_s, m_roleArn, u"--role-session-name"_s, u"probe"_s,
                                       u"--serial-number"_s, m_serial, u"--token-code"_s, u"123456"_s});
    QVERIFY2(!awscli.ok(), awscli.describe().constData());
    // Without SerialNumber and TokenCode the same role is granted: the refusal is about the MFA parameters.
    const ProcessOutcome plain = aws({u"sts"_s, u"assume-role"_s, u"--role-arn"_s, m_roleArn, u"--role-session-name"_s, u"probe"_s});
    QVERIFY2(plain.ok(), plain.describe().constData());
}

void TestLiveMfaPrompt::cachedSessionDoesNotAskAgain()
{
    // A real Ceph session (assumed without MFA, since Ceph 16 cannot take a code) in the cache file of the MFA
    // profile, as awscli or an earlier S3Desk run leaves it: the window browses with it and never asks.
    s3::AssumeRoleSettings settings;
    settings.profile = u"seed"_s;
    settings.roleArn = m_roleArn;
    settings.stsEndpoint = m_server.stsEndpoint;
    settings.region = m_server.region.isEmpty() ? u"us-east-1"_s : m_server.region;
    settings.cacheDirectory = m_home.filePath(u"seed-cache"_s);
    s3::AssumeRoleProvider seeder(settings, std::make_shared<s3::StaticCredentialsProvider>(
                                                staticCredentials(m_server.accessKey, m_server.secretKey)),
                                  &m_network);
    std::optional<s3::Result<s3::Credentials>> seeded;
    seeder.resolve(this, [&seeded](const s3::Result<s3::Credentials> &result) { seeded = result; });
    QTRY_VERIFY_WITH_TIMEOUT(seeded.has_value(), 60000);
    QVERIFY2(seeded->ok(), seeded->ok() ? "" : qPrintable(seeded->error().message()));
    QVERIFY(QDir().mkpath(QFileInfo(cachePath()).path()));
    QFile::remove(cachePath());
    QVERIFY(QFile::copy(seeder.cacheFilePath(), cachePath()));

    auto window = openWindow(u"second"_s);
    QVERIFY(window);
    QTRY_VERIFY2_WITH_TIMEOUT(window->browser()->model()->rowOfName(u"behind-mfa.txt"_s) >= 0, qPrintable(window->lastError()), 60000);
    QCOMPARE(window->mfaPrompter()->promptsShown(), 0);
    QCOMPARE(window->mfaPrompter()->currentDialog(), nullptr);
}

void TestLiveMfaPrompt::cancelSaysTheCodeWasNotEntered()
{
    QVERIFY(QFile::remove(cachePath()));
    auto window = openWindow(u"cancel"_s);
    QVERIFY(window);
    QTRY_VERIFY_WITH_TIMEOUT(window->mfaPrompter()->currentDialog() != nullptr, 30000);
    window->mfaPrompter()->currentDialog()->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
    QTRY_VERIFY_WITH_TIMEOUT(window->lastError().contains(u"MFA code not entered"_s), 30000);
    QVERIFY2(window->lastError().contains(m_roleArn), qPrintable(window->lastError()));
    QVERIFY(window->browser()->model()->rowOfName(u"behind-mfa.txt"_s) < 0);
    QVERIFY(!QFile::exists(cachePath()));
}

QTEST_MAIN(TestLiveMfaPrompt)
#include "tst_live_mfaprompt.moc"
