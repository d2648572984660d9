// SPDX-License-Identifier: Apache-2.0
// Every credential source of an AWS profile in the app against the real Ceph RGW (its STS gateway), the way a
// user gets there: the connection list (ConnectionStore) lists the profiles of ~/.aws/config, the chosen one is
// opened in the main window (sessionConfigFor -> MainWindow::openSession, resolving the profile afresh through
// s3::resolveConnection) and the browser lists the bucket. The profiles are CredentialSources'
// (tests/support/credentialsources.h), the same the CLI test tst_live_credentialsources uses: credential_process
// (static keys; a Ceph STS session with Expiration), a fresh non-MFA AssumeRole, a static -> role -> role chain,
// credential_source Environment and Ec2InstanceMetadata (FakeImdsServer), legacy sso_start_url (FakeSsoServer)
// and web identity (FakeOidcIssuer registered in Ceph). Each row starts without cached sessions, so the window's
// connection really calls the source (and Ceph's STS where there is a role).

#include <memory>

#include <QSettings>
#include <QTest>

#include "browser/browserview.h"
#include "connection/connectionprofile.h"
#include "connection/guimfaprompter.h"
#include "credentialsources.h"
#include "models/objectlistmodel.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestLiveCredentialSourcesUi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void windowListsTheBucket_data();
    void windowListsTheBucket();

private:
    LiveServer m_server;
    CredentialSources m_sources;
    std::unique_ptr<QSettings> m_settings;
};

void TestLiveCredentialSourcesUi::initTestCase()
{
    S3DESK_REQUIRE_LIVE_SERVER(m_server);
    const QString failed = m_sources.setUp(m_server, u"sources-ui"_s);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    m_settings = std::make_unique<QSettings>(m_sources.home() + u"/app.ini"_s, QSettings::IniFormat);
    QVERIFY(putTestObject(m_sources.admin(), m_sources.bucket(), u"seen-by-the-app.txt"_s, "listed in the window\n"));
}

void TestLiveCredentialSourcesUi::cleanupTestCase()
{
    m_sources.tearDown();
}

void TestLiveCredentialSourcesUi::windowListsTheBucket_data()
{
    QTest::addColumn<QString>("profile");
    for (const QString &profile : CredentialSources::profiles())
        QTest::newRow(qPrintable(profile)) << profile;
}

void TestLiveCredentialSourcesUi::windowListsTheBucket()
{
    QFETCH(QString, profile);
    m_sources.reset();

    // The connection list shows the profile of ~/.aws/config.
    ConnectionStore store(m_sources.home() + u"/connections.ini"_s, m_sources.environment(profile));
    const std::optional<ConnectionProfile> entry = store.profile(ConnectionProfile::awsProfileId(profile));
    QVERIFY2(entry.has_value(), qPrintable(u"the connection list has no AWS profile "_s + profile));
    QCOMPARE(entry->kind, ConnectionProfile::Kind::AwsProfile);
    QCOMPARE(entry->name, profile);

    MainWindowDependencies dependencies;
    dependencies.settings = m_settings.get();
    dependencies.stateDir = m_sources.home() + u"/queues-"_s + profile;
    auto window = std::make_unique<MainWindow>(dependencies);
    window->show();
    SessionConfig config = sessionConfigFor(*entry, QString(), dependencies.stateDir, store.environment(), window->mfaPrompter());
    config.bucket = m_sources.bucket();
    QVERIFY(window->openSession(std::move(config)));

    QTRY_VERIFY2_WITH_TIMEOUT(window->browser()->model()->rowOfName(u"seen-by-the-app.txt"_s) >= 0, qPrintable(window->lastError()), 45000);
    QVERIFY2(window->lastError().isEmpty(), qPrintable(window->lastError()));
    QCOMPARE(window->mfaPrompter()->promptsShown(), 0);
    const QString evidence = m_sources.evidence(profile);
    QVERIFY2(evidence.isEmpty(), qPrintable(evidence));
}

QTEST_MAIN(TestLiveCredentialSourcesUi)
#include "tst_live_credentialsourcesui.moc"
