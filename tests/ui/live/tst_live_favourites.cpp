// SPDX-License-Identifier: Apache-2.0
// Favourites end to end against the real Ceph RGW: a favourite of a bucket and prefix, saved for a connection
// with an access key (its secret in the run's secret store, as after a first prompt), opens that prefix from
// another bucket of the same connection, and from a new window that has no connection open yet; the listing
// shows the objects there.
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "connection/connectionprofile.h"
#include "connection/secretstore.h"
#include "models/favouritesmodel.h"
#include "models/objectlistmodel.h"
#include "uitestsupport.h"
#include "widgets/connectionlist.h"
#include "widgets/favouritescontroller.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestLiveFavourites : public QObject
{
    Q_OBJECT

    LiveServer m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<s3::S3Client> m_client;
    QString m_bucket;
    QString m_otherBucket;
    QTemporaryDir m_dir;
    std::unique_ptr<ConnectionStore> m_connections;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<QSettings> m_settings;
    QString m_id;

    std::unique_ptr<MainWindow> makeWindow()
    {
        MainWindowDependencies dependencies;
        dependencies.settings = m_settings.get();
        dependencies.connections = m_connections.get();
        dependencies.sessionSecrets = m_secrets.get();
        dependencies.stateDir = m_dir.filePath(u"queues"_s);
        auto window = std::make_unique<MainWindow>(dependencies);
        window->show();
        return window;
    }

    static bool listedHere(MainWindow *window, const QStringList &names)
    {
        return waitUntil([&] {
            ObjectListModel *model = window->browser()->model();
            if (model->isListing())
                return false;
            for (const QString &name : names) {
                if (model->rowOfName(name) < 0)
                    return false;
            }
            return true;
        }, 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY(m_dir.isValid());
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_client = m_server.client(m_nam.get());
        m_bucket = createTestBucket(m_client.get(), u"favourites"_s);
        QVERIFY(!m_bucket.isEmpty());
        m_otherBucket = createTestBucket(m_client.get(), u"favourites-other"_s);
        QVERIFY(!m_otherBucket.isEmpty());
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"reports/2026/q1.csv"_s, "q1"));
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"reports/2026/q2.csv"_s, "q2"));
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"top.txt"_s, "top"));
        QVERIFY(putTestObject(m_client.get(), m_otherBucket, u"elsewhere.txt"_s, "elsewhere"));

        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, m_dir.filePath(u"nohome"_s)); // no AWS profiles of the machine
        m_connections = std::make_unique<ConnectionStore>(m_dir.filePath(u"connections.ini"_s), environment);
        ConnectionProfile profile;
        profile.name = u"Ceph"_s;
        profile.endpointUrl = m_server.endpoint;
        profile.region = m_server.region;
        profile.addressing = s3::AddressingStyle::Path;
        profile.accessKeyId = m_server.accessKey;
        const s3::Result<QString> id = m_connections->add(profile);
        QVERIFY2(id, id ? "" : qPrintable(id.error().toString()));
        m_id = *id;
        m_secrets = std::make_unique<MemorySecretStore>();
        m_secrets->setSecret(m_id, m_server.secretKey);
        m_settings = std::make_unique<QSettings>(m_dir.filePath(u"s3desk.ini"_s), QSettings::IniFormat);
    }

    void cleanupTestCase()
    {
        if (m_client && !m_bucket.isEmpty())
            QVERIFY(!removeTestBucket(m_client.get(), m_bucket).isError());
        if (m_client && !m_otherBucket.isEmpty())
            QVERIFY(!removeTestBucket(m_client.get(), m_otherBucket).isError());
    }

    void favouriteOpensItsPrefix()
    {
        {
            auto window = makeWindow();
            QVERIFY(window->connectionList()->setCurrentProfile(m_id));
            window->connectionList()->connectAction()->trigger();
            QVERIFY(waitUntil([&] { return window->currentSession() != nullptr; }, 20000));
            // Bookmarked where the user was, then somewhere else.
            window->browser()->openLocation(m_bucket, u"reports/2026/"_s);
            QVERIFY(listedHere(window.get(), {u"q1.csv"_s, u"q2.csv"_s}));
            QCOMPARE(window->favourites()->addCurrentLocation(), 0);
            QCOMPARE(window->favourites()->model()->favouriteAt(0).name, u"2026"_s);
            window->browser()->openLocation(m_otherBucket, {});
            QVERIFY(listedHere(window.get(), {u"elsewhere.txt"_s}));

            QVERIFY(window->favourites()->open(0));
            QCOMPARE(window->browser()->bucket(), m_bucket);
            QCOMPARE(window->browser()->prefix(), u"reports/2026/"_s);
            QVERIFY(listedHere(window.get(), {u"q1.csv"_s, u"q2.csv"_s}));
            QCOMPARE(window->browser()->model()->rowOfName(u"top.txt"_s), -1);
            // Left elsewhere, so the next window's remembered location is not the favourite's.
            window->browser()->openLocation(m_otherBucket, {});
            QVERIFY(listedHere(window.get(), {u"elsewhere.txt"_s}));
            window->close();
        }
        // A new window, nothing open: the favourite connects (the secret from the run's store) and goes there.
        auto window = makeWindow();
        QCOMPARE(window->favourites()->model()->rowCount(), 1);
        QVERIFY(!window->currentSession());
        QVERIFY(window->favourites()->open(0));
        QVERIFY(waitUntil([&] { return window->currentSession() != nullptr; }, 20000));
        QCOMPARE(window->currentSession()->id(), m_id);
        QCOMPARE(window->browser()->bucket(), m_bucket);
        QCOMPARE(window->browser()->prefix(), u"reports/2026/"_s);
        QVERIFY(listedHere(window.get(), {u"q1.csv"_s, u"q2.csv"_s}));
    }
};

QTEST_MAIN(TestLiveFavourites)
#include "tst_live_favourites.moc"
