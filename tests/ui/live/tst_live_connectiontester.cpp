// SPDX-License-Identifier: Apache-2.0
// ConnectionTester and the connection dialog's "Test connection" against the real Ceph RGW: every failure a user
// meets on connecting (wrong secret, unknown key, closed port, untrusted TLS, clock skew, missing bucket) gives
// its specific message, and bucket-scoped connections of a second user work.
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "connection/connectionprofile.h"
#include "connection/connectiontester.h"
#include "connection/secretstore.h"
#include "dialogs/connectiondialog.h"
#include "util/translations.h"
#include "uitestsupport.h"

using namespace s3ui;

namespace {

struct Outcome
{
    bool ok = false;
    QString message;
    s3::S3Error error;
};

} // namespace

class TestLiveConnectionTester : public QObject
{
    Q_OBJECT

private:
    QTranslator m_plurals;
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<s3::S3Client> m_client;
    std::unique_ptr<s3::S3Client> m_otherClient;
    QString m_bucket;      // the first user's
    QString m_otherBucket; // the second user's
    QTemporaryDir m_dir;

    ConnectionProfile profile(const QString &accessKey, const QString &endpoint = {}) const
    {
        ConnectionProfile p;
        p.id = ConnectionProfile::newId();
        p.name = QStringLiteral("live");
        p.endpointUrl = endpoint.isEmpty() ? m_server.endpoint : endpoint;
        p.region = m_server.region;
        p.addressing = s3::AddressingStyle::Path;
        p.accessKeyId = accessKey;
        return p;
    }

    static Outcome run(ConnectionTester &tester, const std::function<void()> &start)
    {
        Outcome outcome;
        bool done = false;
        QObject::connect(&tester, &ConnectionTester::finished, &tester,
                         [&](bool ok, const QString &message, const s3::S3Error &error) {
                             outcome = {ok, message, error};
                             done = true;
                         });
        start();
        if (!waitUntil([&] { return done; }, 60000))
            outcome.message = QStringLiteral("(the test did not finish)");
        tester.disconnect(&tester);
        qInfo().noquote() << outcome.message; // what the user would read (never holds a secret)
        return outcome;
    }

    static Outcome test(const SessionConfig &config)
    {
        ConnectionTester tester;
        return run(tester, [&] { tester.start(config); });
    }

    void requireTls()
    {
        if (m_server.tlsEndpoint.isEmpty() || m_server.tlsCa.isEmpty()) {
            if (qEnvironmentVariable("CI") == QLatin1String("true"))
                QFAIL("S3_TLS_ENDPOINT / S3_TLS_CA are not set");
            QSKIP("no TLS endpoint (S3_TLS_ENDPOINT, S3_TLS_CA)");
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        // "your clock is 60 minutes off": the English plural forms, as the app installs them.
        QVERIFY(s3ui::loadEnglishPlurals(&m_plurals));
        QCoreApplication::installTranslator(&m_plurals);
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY(m_dir.isValid());
        QVERIFY2(!m_server.otherAccessKey.isEmpty(), "S3_OTHER_ACCESS_KEY is not set");
        m_client = m_server.client(&m_network);
        m_otherClient = m_server.client(&m_network, m_server.otherAccessKey, m_server.otherSecretKey);
        m_bucket = createTestBucket(m_client.get(), QStringLiteral("s3desk-live-conn"));
        QVERIFY(!m_bucket.isEmpty());
        m_otherBucket = createTestBucket(m_otherClient.get(), QStringLiteral("s3desk-live-conn-other"));
        QVERIFY(!m_otherBucket.isEmpty());
    }

    void cleanupTestCase()
    {
        if (m_client && !m_bucket.isEmpty())
            QVERIFY(!removeTestBucket(m_client.get(), m_bucket).isError());
        if (m_otherClient && !m_otherBucket.isEmpty())
            QVERIFY(!removeTestBucket(m_otherClient.get(), m_otherBucket).isError());
    }

    void savedConnectionWorks()
    {
        const Outcome outcome = test(sessionConfigFor(profile(m_server.accessKey), m_server.secretKey, {}));
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
        QVERIFY2(outcome.message.startsWith(QLatin1String("Connected: ")), qPrintable(outcome.message));
        QVERIFY(!outcome.error.isError());
    }

    void wrongSecret()
    {
        const Outcome outcome
            = test(sessionConfigFor(profile(m_server.accessKey), QStringLiteral("not-the-secret"), {}));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.error.code(), QStringLiteral("SignatureDoesNotMatch"));
        QVERIFY2(outcome.message.contains(QLatin1String("Wrong secret key (SignatureDoesNotMatch")),
                 qPrintable(outcome.message));
        QVERIFY(!outcome.message.contains(QLatin1String("not-the-secret")));
    }

    void unknownAccessKey()
    {
        const Outcome outcome
            = test(sessionConfigFor(profile(QStringLiteral("S3DESKNOSUCHKEY00000")), m_server.secretKey, {}));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.error.code(), QStringLiteral("InvalidAccessKeyId"));
        QVERIFY2(outcome.message.contains(QLatin1String("Unknown access key (InvalidAccessKeyId")),
                 qPrintable(outcome.message));
    }

    void unreachableHost()
    {
        const QString endpoint = QStringLiteral("http://127.0.0.1:%1").arg(closedLocalPort());
        QElapsedTimer timer;
        timer.start();
        const Outcome outcome = test(sessionConfigFor(profile(m_server.accessKey, endpoint), m_server.secretKey, {}));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.error.kind(), s3::S3Error::Kind::Network);
        QVERIFY2(outcome.message.contains(QLatin1String("Cannot reach the server: connection refused")),
                 qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains(QLatin1String("server is running")), qPrintable(outcome.message));
        QVERIFY2(timer.elapsed() < 10000, "an unreachable server must be reported quickly");
    }

    void tlsWithoutCaFailsWithCaWorks()
    {
        requireTls();
        ConnectionProfile p = profile(m_server.accessKey, m_server.tlsEndpoint);
        const Outcome untrusted = test(sessionConfigFor(p, m_server.secretKey, {}));
        QVERIFY(!untrusted.ok);
        QCOMPARE(untrusted.error.kind(), s3::S3Error::Kind::Tls);
        QVERIFY2(untrusted.message.startsWith(QLatin1String("TLS error: ")), qPrintable(untrusted.message));
        QVERIFY2(untrusted.message.contains(QLatin1String("choose its CA file")), qPrintable(untrusted.message));

        p.caBundle = m_server.tlsCa;
        const Outcome trusted = test(sessionConfigFor(p, m_server.secretKey, {}));
        QVERIFY2(trusted.ok, qPrintable(trusted.message));
    }

    void clockSkewIsCorrectedAndReported()
    {
        // Ceph refuses a request signed an hour ahead; the client learns the server's time and signs again.
        auto client = m_server.client(&m_network);
        client->setClock([] { return QDateTime::currentDateTimeUtc().addSecs(3600); });
        ConnectionTester tester;
        const Outcome outcome = run(tester, [&] { tester.start(client.get()); });
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
        QCOMPARE(client->clockCorrections(), 1);
        QVERIFY2(outcome.message.startsWith(QLatin1String("Connected: ")), qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains(QLatin1String("your clock is 60 minutes off (ahead of the server)")),
                 qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains(QLatin1String("fix the system time")), qPrintable(outcome.message));
    }

    void bucketScopedConnectionOfAnotherUser()
    {
        ConnectionProfile p = profile(m_server.otherAccessKey);
        p.bucket = m_otherBucket;
        p.prefix = QStringLiteral("some/folder/");
        const Outcome own = test(sessionConfigFor(p, m_server.otherSecretKey, {}));
        QVERIFY2(own.ok, qPrintable(own.message));
        QCOMPARE(own.message, QStringLiteral("Connected: bucket '%1' can be listed.").arg(m_otherBucket));

        // The first user's bucket is not the second user's to list.
        p.bucket = m_bucket;
        p.prefix.clear();
        const Outcome foreign = test(sessionConfigFor(p, m_server.otherSecretKey, {}));
        QVERIFY(!foreign.ok);
        QCOMPARE(foreign.error.code(), QStringLiteral("AccessDenied"));
        QVERIFY2(foreign.message.contains(QLatin1String("Access denied (AccessDenied")), qPrintable(foreign.message));
        QVERIFY2(foreign.message.contains(QStringLiteral("may not list bucket '%1'").arg(m_bucket)),
                 qPrintable(foreign.message));
    }

    void missingBucket()
    {
        ConnectionProfile p = profile(m_server.accessKey);
        p.bucket = m_bucket + QStringLiteral("-gone");
        const Outcome outcome = test(sessionConfigFor(p, m_server.secretKey, {}));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.error.code(), QStringLiteral("NoSuchBucket"));
        QVERIFY2(outcome.message.contains(QLatin1String("No such bucket (NoSuchBucket")), qPrintable(outcome.message));
    }

    void awsProfileConnection()
    {
        // A profile of (temporary) ~/.aws files, resolved the awscli way.
        const QString credentials = m_dir.filePath(QStringLiteral("credentials"));
        const QString config = m_dir.filePath(QStringLiteral("config"));
        const QString keys = QStringLiteral("[live]\naws_access_key_id = %1\naws_secret_access_key = %2\n")
                                 .arg(m_server.accessKey, m_server.secretKey);
        QVERIFY(!writeTestFile(credentials, keys.toUtf8()).isEmpty());
        const QString settings
            = QStringLiteral("[profile live]\nregion = %1\ns3 =\n  endpoint_url = %2\n  addressing_style = path\n")
                  .arg(m_server.region, m_server.endpoint);
        QVERIFY(!writeTestFile(config, settings.toUtf8()).isEmpty());
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("HOME"), m_dir.path());
        environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), credentials);
        environment.insert(QStringLiteral("AWS_CONFIG_FILE"), config);
        environment.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
        ConnectionStore store(m_dir.filePath(QStringLiteral("connections.ini")), environment);
        QCOMPARE(store.awsProfiles().size(), 1);
        const Outcome outcome = test(sessionConfigFor(store.awsProfiles().at(0), QString(), {}, environment));
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
    }

    void dialogTestButton()
    {
        ConnectionStore store(m_dir.filePath(QStringLiteral("dialog.ini")));
        MemorySecretStore keychain;
        ConnectionDialog dialog(&store, &keychain, nullptr);
        ConnectionProfile p = profile(m_server.otherAccessKey);
        p.id.clear();
        p.bucket = m_otherBucket;
        dialog.setProfile(p);
        dialog.findChild<QLineEdit *>(QStringLiteral("secretEdit"))->setText(m_server.otherSecretKey);
        dialog.open();
        QSignalSpy tested(&dialog, &ConnectionDialog::testFinished);
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testButton")), Qt::LeftButton);
        QVERIFY(waitUntil([&] { return tested.count() == 1; }, 60000));
        const QString shown = dialog.findChild<QLabel *>(QStringLiteral("testResultLabel"))->text();
        QVERIFY2(tested.at(0).at(0).toBool(), qPrintable(shown));
        QVERIFY(shown.contains(m_otherBucket));

        dialog.findChild<QLineEdit *>(QStringLiteral("secretEdit"))->setText(QStringLiteral("wrong"));
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testButton")), Qt::LeftButton);
        QVERIFY(waitUntil([&] { return tested.count() == 2; }, 60000));
        QVERIFY(!tested.at(1).at(0).toBool());
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("testResultLabel"))->text().contains(
            QLatin1String("SignatureDoesNotMatch")));
    }
};

QTEST_MAIN(TestLiveConnectionTester)
#include "tst_live_connectiontester.moc"
