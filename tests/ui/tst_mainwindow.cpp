// SPDX-License-Identifier: Apache-2.0
// The main window against the in-process fake S3: unfinished transfers come back paused after a restart, quitting
// with active transfers asks first, the last location of a connection and the window layout are restored, a
// finished upload refreshes the folder on screen, a bucket-scoped connection opens its bucket directly, Tab
// walks the panes in a sensible order.
#include <QAbstractButton>
#include <QCloseEvent>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "models/bucketlistmodel.h"
#include "models/objectlistmodel.h"
#include "models/transferlistmodel.h"
#include "reliabilitycase.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"
#include "widgets/transferpanel.h"

using namespace s3ui;

class TestMainWindow : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeS3Server> m_server;
    QTemporaryDir m_dir;

    SessionConfig fakeSession(const QString &bucket = {}) const
    {
        SessionConfig config = fakeSessionConfig(m_server->endpointUrl(), bucket);
        config.transferTimeoutMs = 5000;
        return config;
    }

    std::unique_ptr<MainWindow> makeWindow(QSettings *settings)
    {
        MainWindowDependencies dependencies;
        dependencies.settings = settings;
        dependencies.stateDir = m_dir.filePath(QStringLiteral("queues"));
        auto window = std::make_unique<MainWindow>(dependencies);
        window->show();
        return window;
    }

    QString writeFile(const QString &name, const QByteArray &data)
    {
        return writeTestFile(m_dir.filePath(name), data);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<FakeS3Server>();
        QVERIFY(m_server->start());
        m_server->createBucket(QStringLiteral("bucket"));
        m_server->putObject(QStringLiteral("bucket"), QStringLiteral("folder/a.txt"), "a");
        m_server->putObject(QStringLiteral("bucket"), QStringLiteral("b.txt"), "b");
    }

    void lastLocationAndLayoutComeBack()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("location.ini")), QSettings::IniFormat);
        {
            auto window = makeWindow(&settings);
            QVERIFY(window->openSession(fakeSession()));
            QVERIFY(waitUntil([&] { return window->buckets()->rowCount() == 1; }, 5000));
            window->browser()->openLocation(QStringLiteral("bucket"), QStringLiteral("folder/"));
            window->resize(1010, 690);
            window->close();
        }
        auto window = makeWindow(&settings);
        QVERIFY(window->openSession(fakeSession()));
        QCOMPARE(window->browser()->bucket(), QStringLiteral("bucket"));
        QCOMPARE(window->browser()->prefix(), QStringLiteral("folder/"));
        QCOMPARE(window->size(), QSize(1010, 690));
        QVERIFY(waitUntil([&] { return window->browser()->model()->rowOfName(QStringLiteral("a.txt")) >= 0; }, 5000));
    }

    void bucketScopedConnectionOpensItsBucket()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("scoped.ini")), QSettings::IniFormat);
        auto window = makeWindow(&settings);
        QVERIFY(window->openSession(fakeSession(QStringLiteral("bucket"))));
        QCOMPARE(window->browser()->bucket(), QStringLiteral("bucket"));
        QVERIFY(waitUntil([&] { return window->browser()->model()->rowOfName(QStringLiteral("b.txt")) >= 0; }, 5000));
        QCOMPARE(window->browser()->model()->nameAt(0), QStringLiteral("folder"));
    }

    void tabMovesFromTheBucketsToTheFilterTheTableAndTheTransfers()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("tabs.ini")), QSettings::IniFormat);
        auto window = makeWindow(&settings);
        // The widgets a keyboard user reaches with Tab, in the order they come.
        QList<QWidget *> order;
        QWidget *widget = window->bucketView();
        for (int i = 0; i < 200 && order.size() < 4; ++i) {
            if (widget == window->bucketView() || widget == window->browser()->filterField()
                || widget == window->browser()->view() || widget->parentWidget() == window->transferPanel()
                || widget == window->transferPanel()) {
                if (!order.contains(widget))
                    order.append(widget);
            }
            widget = widget->nextInFocusChain();
        }
        QCOMPARE(order.size(), 4);
        QCOMPARE(order.at(0), static_cast<QWidget *>(window->bucketView()));
        QCOMPARE(order.at(1), static_cast<QWidget *>(window->browser()->filterField()));
        QCOMPARE(order.at(2), static_cast<QWidget *>(window->browser()->view()));
        QVERIFY(order.at(3) == window->transferPanel() || order.at(3)->parentWidget() == window->transferPanel());
    }

    void finishedUploadRefreshesTheFolderOnScreen()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("refresh.ini")), QSettings::IniFormat);
        auto window = makeWindow(&settings);
        QVERIFY(window->openSession(fakeSession(QStringLiteral("bucket"))));
        QVERIFY(waitUntil([&] { return !window->browser()->model()->isListing(); }, 5000));
        const QString file = writeFile(QStringLiteral("fresh.txt"), "fresh");
        window->browser()->uploadPaths({file}, QString());
        QVERIFY(waitUntil([&] { return window->browser()->model()->rowOfName(QStringLiteral("fresh.txt")) >= 0; }, 10000));
        QCOMPARE(m_server->object(QStringLiteral("bucket"), QStringLiteral("fresh.txt"))->data, QByteArray("fresh"));
    }

    void quittingWithActiveTransfersAsksAndTheyComeBackPaused()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("quit.ini")), QSettings::IniFormat);
        const QString file = writeFile(QStringLiteral("slow.bin"), randomBytes(6 * 1024 * 1024, 3));
        FakeS3Fault hang;
        hang.operation = QStringLiteral("PutObject");
        hang.hang = true;
        hang.times = -1;
        m_server->addFault(hang); // the upload stays active
        {
            auto window = makeWindow(&settings);
            QVERIFY(window->openSession(fakeSession(QStringLiteral("bucket"))));
            window->currentSession()->transfers()->enqueueUpload(file, QStringLiteral("bucket"), QStringLiteral("slow.bin"));
            QVERIFY(waitUntil([&] { return window->transfers()->activeCount() == 1; }, 5000));

            QCloseEvent first;
            QCoreApplication::sendEvent(window.get(), &first);
            QVERIFY(!first.isAccepted()); // asked, not closed
            QMessageBox *box = nullptr;
            QVERIFY(waitUntil([&] { return (box = window->findChild<QMessageBox *>(QStringLiteral("confirmQuit"))) != nullptr; }, 5000));
            QVERIFY(box->text().contains(QStringLiteral("1 transfer")));
            QAbstractButton *quit = messageBoxButton(box, QStringLiteral("Quit"));
            QVERIFY(quit);
            quit->click();
            QVERIFY(waitUntil([&] { return !window->isVisible(); }, 5000));
        } // the window, its sessions and engines are gone: the queue was saved
        m_server->clearFaults();
        m_server->dropConnections();

        auto window = makeWindow(&settings);
        QVERIFY(window->openSession(fakeSession(QStringLiteral("bucket"))));
        QVERIFY(waitUntil([&] { return window->transfers()->rowCount() == 1; }, 5000));
        QCOMPARE(window->transfers()->snapshotAt(0).state, s3::TransferState::Paused);
        QCOMPARE(window->transfers()->snapshotAt(0).key, QStringLiteral("slow.bin"));
        window->currentSession()->transfers()->resume(window->transfers()->snapshotAt(0).id);
        QVERIFY(waitUntil([&] { return window->transfers()->snapshotAt(0).state == s3::TransferState::Succeeded; }, 20000));
        QCOMPARE(m_server->object(QStringLiteral("bucket"), QStringLiteral("slow.bin"))->data.size(), 6 * 1024 * 1024);
    }

    void damagedQueueFileIsReportedOnceTheWindowIsUp_data()
    {
        QTest::addColumn<bool>("shownFirst");
        QTest::newRow("window shown, then the connection opened") << true;
        QTest::newRow("connection opened before the window is shown") << false;
    }

    void damagedQueueFileIsReportedOnceTheWindowIsUp()
    {
        QFETCH(bool, shownFirst);
        // One valid download and one with partSize 0 whose key would break a line of text.
        const QString stateDir = m_dir.filePath(QStringLiteral("damaged-%1").arg(shownFirst));
        QVERIFY(QDir().mkpath(stateDir));
        const QString id = QStringLiteral("fake");
        const QString queueFile = QDir(stateDir).filePath(QStringLiteral("transfers-%1.json").arg(id));
        const auto entry = [&](const QString &transferId, const QString &key, double partSize) {
            return QJsonObject{{QStringLiteral("id"), transferId},           {QStringLiteral("direction"), QStringLiteral("download")},
                               {QStringLiteral("bucket"), QStringLiteral("bucket")}, {QStringLiteral("key"), key},
                               {QStringLiteral("localPath"), m_dir.filePath(key.section(QLatin1Char('\n'), 0, 0))},
                               {QStringLiteral("priority"), 1},           {QStringLiteral("partSize"), partSize}};
        };
        const QByteArray original = QJsonDocument(QJsonObject{
            {QStringLiteral("version"), 1},
            {QStringLiteral("transfers"), QJsonArray{entry(QStringLiteral("41"), QStringLiteral("b.txt"), 64.0 * 1024 * 1024),
                                                      entry(QStringLiteral("42"), QStringLiteral("bad\nkey"), 0)}}}).toJson();
        QVERIFY(!writeTestFile(queueFile, original).isEmpty());

        QSettings settings(m_dir.filePath(QStringLiteral("damaged.ini")), QSettings::IniFormat);
        MainWindowDependencies dependencies;
        dependencies.settings = &settings;
        dependencies.stateDir = stateDir;
        MainWindow window(dependencies);
        if (shownFirst)
            window.show();
        SessionConfig config = fakeSession(QStringLiteral("bucket"));
        config.id = id;
        QVERIFY(window.openSession(config));
        // The valid transfer is restored, paused.
        QVERIFY(waitUntil([&] { return window.transfers()->rowCount() == 1; }, 5000));
        QCOMPARE(window.transfers()->snapshotAt(0).key, QStringLiteral("b.txt"));
        QCOMPARE(window.transfers()->snapshotAt(0).state, s3::TransferState::Paused);
        if (!shownFirst) {
            QTest::qWait(200); // whatever the engine announced meanwhile, nothing is shown on a hidden window
            QVERIFY(!window.findChild<QMessageBox *>(QStringLiteral("restoreProblemBox")));
            window.show();
        }
        QMessageBox *box = nullptr;
        QVERIFY(waitUntil([&] { return (box = window.findChild<QMessageBox *>(QStringLiteral("restoreProblemBox"))) != nullptr; }, 5000));
        QVERIFY(box->isVisible());
        QCOMPARE(box->windowModality(), Qt::NonModal);
        const QString text = box->text();
        QVERIFY2(text.contains(QStringLiteral("was damaged")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("1 transfer was restored")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("bad\\nkey")), qPrintable(text)); // the key's newline shown escaped
        QVERIFY2(text.contains(QStringLiteral("partSize 0")), qPrintable(text));
        // The file is kept aside byte for byte.
        const QStringList aside = QDir(stateDir).entryList({QStringLiteral("transfers-fake.json.damaged-*")}, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QFile copy(QDir(stateDir).filePath(aside.first()));
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), original);
        // Exactly one notice.
        QTest::qWait(100);
        QCOMPARE(window.findChildren<QMessageBox *>(QStringLiteral("restoreProblemBox")).size(), 1);
        recordReliabilityCase({QStringLiteral("Secrets, files and terminal"),
                               QStringLiteral("the app starts with a queue file holding an entry of partSize 0 (its key has a "
                                              "newline) next to a valid one; %1")
                                   .arg(shownFirst ? QStringLiteral("window already shown") : QStringLiteral("window not yet shown")),
                               QStringLiteral("the valid transfer comes back paused, the damaged file is kept aside, and one "
                                              "notice is shown once the window is up"),
                               QStringLiteral("1 transfer restored paused; one non-modal notice naming partSize 0 and the key as "
                                              "bad\\nkey on one line; the original file kept byte-identical beside it"),
                               true, QStringLiteral("fake")});
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
