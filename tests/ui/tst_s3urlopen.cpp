// SPDX-License-Identifier: Apache-2.0
// s3:// links given to the app (command line, the desktop's x-scheme-handler/s3), offscreen against the
// in-process fake S3: a link opens in the connection on screen, or reopens the last one for it; a link to a file
// selects the file in its folder; with no connection to open it in, the window says so.
#include <QItemSelectionModel>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "browser/s3location.h"
#include "connection/connectionprofile.h"
#include "models/objectlistmodel.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestS3UrlOpen : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeS3Server> m_server;
    QTemporaryDir m_dir;
    int m_stores = 0;

    std::unique_ptr<ConnectionStore> newStore()
    {
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, m_dir.filePath(u"nohome"_s)); // no AWS profiles
        return std::make_unique<ConnectionStore>(m_dir.filePath(u"connections-%1.ini"_s.arg(++m_stores)), environment);
    }

    QString addFakeConnection(ConnectionStore &store, const QString &name)
    {
        ConnectionProfile p;
        p.name = name;
        p.endpointUrl = m_server->endpointUrl();
        p.addressing = s3::AddressingStyle::Path;
        const s3::Result<QString> id = store.add(p);
        return id ? *id : QString();
    }

    std::unique_ptr<MainWindow> makeWindow(QSettings *settings, ConnectionStore *store)
    {
        MainWindowDependencies dependencies;
        dependencies.settings = settings;
        dependencies.connections = store;
        dependencies.stateDir = m_dir.filePath(u"queues"_s);
        auto window = std::make_unique<MainWindow>(dependencies);
        window->resize(1024, 768);
        window->show();
        return window;
    }

    static S3UrlTarget link(const QString &url)
    {
        const s3::Result<S3UrlTarget> parsed = parseS3Url(url);
        return parsed ? *parsed : S3UrlTarget{};
    }

    static QStringList selected(MainWindow *window) { return window->browser()->selectedKeys(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<FakeS3Server>();
        QVERIFY(m_server->start());
        m_server->createBucket(u"bucket"_s);
        m_server->putObject(u"bucket"_s, u"folder/deep/a.txt"_s, "a");
        m_server->putObject(u"bucket"_s, u"folder/my file.txt"_s, "m");
        m_server->putObject(u"bucket"_s, u"b.txt"_s, "b");
        m_server->createBucket(u"other"_s);
        m_server->putObject(u"other"_s, u"x/y.bin"_s, "y");
    }

    void linkReopensTheLastConnectionThere()
    {
        QSettings settings(m_dir.filePath(u"reopen.ini"_s), QSettings::IniFormat);
        auto store = newStore();
        const QString id = addFakeConnection(*store, u"Fake"_s);
        {
            auto window = makeWindow(&settings, store.get());
            QVERIFY(window->connectionList() != nullptr);
            QVERIFY(window->openSession(fakeSessionConfig(m_server->endpointUrl(), {}, id)));
            window->browser()->openLocation(u"other"_s, u"x/"_s); // remembered; the link must win over it
            window->close();
        }
        auto window = makeWindow(&settings, store.get());
        QVERIFY(window->openS3Url(link(u"s3://bucket/folder/my%20file.txt"_s)));
        QVERIFY(waitUntil([&] { return window->currentSession() != nullptr; }, 5000));
        QCOMPARE(window->currentSession()->id(), id);
        QCOMPARE(window->browser()->bucket(), u"bucket"_s);
        QCOMPARE(window->browser()->prefix(), u"folder/"_s);
        QVERIFY(waitUntil([&] { return selected(window.get()) == QStringList{u"folder/my file.txt"_s}; }, 5000));
        QVERIFY(window->windowTitle().startsWith(u"s3://bucket/folder/"_s));
    }

    void linkOpensInTheConnectionOnScreen()
    {
        QSettings settings(m_dir.filePath(u"current.ini"_s), QSettings::IniFormat);
        auto window = makeWindow(&settings, nullptr);
        QVERIFY(window->openSession(fakeSessionConfig(m_server->endpointUrl(), {}, u"cli-current"_s)));
        QVERIFY(window->openS3Url(link(u"s3://other/x/"_s)));
        QCOMPARE(window->browser()->bucket(), u"other"_s);
        QCOMPARE(window->browser()->prefix(), u"x/"_s);
        QVERIFY(waitUntil([&] { return !window->browser()->model()->isListing(); }, 5000));
        QVERIFY(selected(window.get()).isEmpty()); // a folder link selects nothing

        // A file at the top of a bucket; then one that is not there: the status says so, nothing is selected.
        QVERIFY(window->openS3Url(link(u"s3://bucket/b.txt"_s)));
        QVERIFY(waitUntil([&] { return selected(window.get()) == QStringList{u"b.txt"_s}; }, 5000));
        QVERIFY(window->openS3Url(link(u"s3://bucket/folder/missing.txt"_s)));
        QVERIFY(waitUntil([&] { return !window->browser()->model()->isListing(); }, 5000));
        QCOMPARE(window->browser()->prefix(), u"folder/"_s);
        QVERIFY(selected(window.get()).isEmpty());
    }

    void startLocationWinsForACommandLineConnection()
    {
        QSettings settings(m_dir.filePath(u"start.ini"_s), QSettings::IniFormat);
        settings.setValue(u"location/cli-start"_s, QStringList{u"other"_s, u"x/"_s});
        auto window = makeWindow(&settings, nullptr);
        window->setStartLocation(link(u"s3://bucket/folder/deep/a.txt"_s));
        QVERIFY(window->openSession(fakeSessionConfig(m_server->endpointUrl(), {}, u"cli-start"_s)));
        QCOMPARE(window->browser()->bucket(), u"bucket"_s);
        QCOMPARE(window->browser()->prefix(), u"folder/deep/"_s);
        QVERIFY(waitUntil([&] { return selected(window.get()) == QStringList{u"folder/deep/a.txt"_s}; }, 5000));
    }

    void noConnectionSaysSo()
    {
        QSettings settings(m_dir.filePath(u"none.ini"_s), QSettings::IniFormat);
        auto store = newStore();
        auto window = makeWindow(&settings, store.get());
        QVERIFY(!window->openS3Url(link(u"s3://bucket/folder/"_s)));
        QVERIFY(window->currentSession() == nullptr);
        QVERIFY2(window->lastError().contains(u"no connection to open s3://bucket/folder/"_s), qPrintable(window->lastError()));
        QVERIFY(window->errorBox() && window->errorBox()->isVisible());
    }
};

QTEST_MAIN(TestS3UrlOpen)
#include "tst_s3urlopen.moc"
