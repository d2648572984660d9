// SPDX-License-Identifier: Apache-2.0
// Data safety of the browser's own transfers, on the in-process fake S3 (hostile keys the real server would not
// store, and delays): downloads ask before replacing a local file or racing another download, refused keys of a
// folder download are listed, drag-out downloads nothing for an internal move and hands out only complete files,
// never through the persisted queue, GUI folder uploads do not follow links to folders, and keys with a newline
// survive a drag-and-drop move.
#include <QAbstractButton>
#include <QDir>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QMouseEvent>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QTest>

#include "browser/browserview.h"
#include "localfiles.h"
#include "browser/dragout.h"
#include "browser/uploadplanner.h"
#include "models/objectlistmodel.h"
#include "models/transferlistmodel.h"
#include "reliabilitycase.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"
#include "widgets/transferpanel.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

namespace {

/** Every snapshot the engine has now, and any it reported meanwhile (requestSnapshots(): nothing queued before is missed). */
QList<s3::TransferSnapshot> snapshotsOf(s3::TransferEngine *engine)
{
    // The spy records on the engine's thread (a direct connection): the answer may be in before a wait() starts.
    QSignalSpy spy(engine, &s3::TransferEngine::tasksChanged);
    engine->requestSnapshots();
    if (!waitUntil([&] { return !spy.isEmpty(); }, 5000)) {
        qWarning("no snapshots from the engine within 5 s");
        return {{}}; // one bogus entry: the caller's emptiness check fails
    }
    QTest::qWait(50);
    // Other change batches may arrive around the answer: everything reported counts.
    QList<s3::TransferSnapshot> all;
    for (const QList<QVariant> &arguments : std::as_const(spy))
        all += arguments.first().value<QList<s3::TransferSnapshot>>();
    return all;
}

} // namespace

class TestBrowserSafety : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeS3Server> m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    int m_folderCount = 0;

    BrowserView *browser() const { return m_window->browser(); }
    s3::TransferEngine *engine() const { return m_window->currentSession()->transfers(); }

    bool waitListed()
    {
        return waitUntil([this] { return !browser()->model()->isListing(); }, 10000);
    }

    bool openAt(const QString &prefix)
    {
        browser()->openLocation(u"bucket"_s, prefix);
        return waitListed();
    }

    QString freshFolder()
    {
        const QString path = m_dir.filePath(u"local-%1"_s.arg(++m_folderCount));
        return QDir().mkpath(path) ? path : QString();
    }

    bool transfersIdle()
    {
        return waitUntil([this] {
            TransferListModel *model = m_window->transfers();
            return model->activeCount() == 0;
        }, 20000);
    }

    void dropOnView(QMimeData *mime, const QPoint &position)
    {
        QTableView *view = browser()->view();
        QDragEnterEvent enter(position, Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view->viewport(), &enter);
        QDropEvent drop(QPointF(position), Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view->viewport(), &drop);
    }

    QPoint rowCenter(const QString &name)
    {
        const int row = browser()->model()->rowOfName(name);
        return browser()->view()->visualRect(browser()->model()->index(row, 0)).center();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<FakeS3Server>();
        QVERIFY(m_server->start());
        m_server->createBucket(u"bucket"_s);
        m_settings = std::make_unique<QSettings>(m_dir.filePath(u"s3desk.ini"_s), QSettings::IniFormat);
        MainWindowDependencies dependencies;
        dependencies.settings = m_settings.get();
        dependencies.stateDir = m_dir.filePath(u"queues"_s);
        m_window = std::make_unique<MainWindow>(dependencies);
        m_window->show();
        SessionConfig config = fakeSessionConfig(m_server->endpointUrl(), u"bucket"_s);
        config.transferTimeoutMs = 5000;
        QVERIFY(m_window->openSession(config));
    }

    void cleanup()
    {
        m_server->clearFaults();
        // Message boxes left open by a failed check must not answer the next test's question.
        for (QMessageBox *box : m_window->findChildren<QMessageBox *>())
            box->close();
    }

    void cleanupTestCase()
    {
        m_window.reset();
    }

    void downloadAsksBeforeReplacingAFile()
    {
        m_server->putObject(u"bucket"_s, u"dl/report.txt"_s, "from the server");
        QVERIFY(openAt(u"dl/"_s));
        const QString folder = freshFolder();
        const QString local = writeTestFile(folder + u"/report.txt"_s, "LOCAL EDIT");
        QVERIFY(!local.isEmpty());

        // Skip: the local file stays, nothing is queued.
        m_server->clearLog();
        browser()->downloadKeys({u"dl/report.txt"_s}, folder);
        auto *box = waitForVisibleChild<QMessageBox>(m_window.get(), u"downloadConflict"_s, 5000);
        QVERIFY(box);
        QVERIFY2(box->text().contains(u"report.txt exists already"_s), qPrintable(box->text()));
        QVERIFY(messageBoxButton(box, u"Skip"_s));
        messageBoxButton(box, u"Skip"_s)->click();
        QTest::qWait(300);
        QCOMPARE(m_server->count(u"GetObject"_s), 0);
        QCOMPARE(readLocalFile(local), QByteArray("LOCAL EDIT"));

        // Keep both: "report (1).txt" next to the untouched file.
        browser()->downloadKeys({u"dl/report.txt"_s}, folder);
        box = waitForVisibleChild<QMessageBox>(m_window.get(), u"downloadConflict"_s, 5000);
        QVERIFY(box);
        QVERIFY(messageBoxButton(box, u"Keep both"_s));
        messageBoxButton(box, u"Keep both"_s)->click();
        const QString kept = folder + u"/report (1).txt"_s;
        QVERIFY(waitUntil([&] { return readLocalFile(kept) == "from the server"; }, 10000));
        QCOMPARE(readLocalFile(local), QByteArray("LOCAL EDIT"));

        // Overwrite: replaced, as asked.
        browser()->downloadKeys({u"dl/report.txt"_s}, folder);
        box = waitForVisibleChild<QMessageBox>(m_window.get(), u"downloadConflict"_s, 5000);
        QVERIFY(box);
        QVERIFY(messageBoxButton(box, u"Overwrite"_s));
        messageBoxButton(box, u"Overwrite"_s)->click();
        QVERIFY(waitUntil([&] { return readLocalFile(local) == "from the server"; }, 10000));
        QVERIFY(transfersIdle());
        recordReliabilityCase({u"Local names"_s, u"GUI download onto an existing local file"_s,
                               u"the user is asked: Overwrite, Skip or Keep both"_s,
                               u"Skip left the local file and sent no GET; Keep both wrote \"report (1).txt\" and kept the "
                               "local edit; Overwrite replaced it (contents compared)"_s,
                               true, u"fake"_s});
    }

    void downloadAsksBeforeRacingAnotherDownload()
    {
        m_server->putObject(u"bucket"_s, u"race/slow.bin"_s, randomBytes(64 * 1024, 3));
        QVERIFY(openAt(u"race/"_s));
        const QString folder = freshFolder();
        m_server->addFault(delayFault(u"GetObject"_s, 1500));
        browser()->downloadKeys({u"race/slow.bin"_s}, folder);
        QVERIFY(browser()->localTargetInUse(folder + u"/slow.bin"_s));
        // Pressed again before the first finished: the same question, naming the other transfer.
        browser()->downloadKeys({u"race/slow.bin"_s}, folder);
        auto *box = waitForVisibleChild<QMessageBox>(m_window.get(), u"downloadConflict"_s, 5000);
        QVERIFY(box);
        QVERIFY2(box->text().contains(u"already being downloaded"_s), qPrintable(box->text()));
        QVERIFY(messageBoxButton(box, u"Keep both"_s));
        messageBoxButton(box, u"Keep both"_s)->click();
        const QByteArray expected = randomBytes(64 * 1024, 3);
        const auto describe = [this] {
            QStringList states;
            for (int row = 0; row < m_window->transfers()->rowCount(); ++row) {
                const s3::TransferSnapshot snapshot = m_window->transfers()->snapshotAt(row);
                states << snapshot.localPath + u": "_s + TransferListModel::stateText(snapshot);
            }
            return states.join(u'\n');
        };
        QVERIFY2(waitUntil([&] { return readLocalFile(folder + u"/slow.bin"_s) == expected; }, 20000), qPrintable(describe()));
        QVERIFY2(waitUntil([&] { return readLocalFile(folder + u"/slow (1).bin"_s) == expected; }, 20000), qPrintable(describe()));
        QVERIFY(transfersIdle());
        QVERIFY(!browser()->localTargetInUse(folder + u"/slow.bin"_s));
        const QStringList left = QDir(folder).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(left, (QStringList{u"slow (1).bin"_s, u"slow.bin"_s})); // no partial or state file left
        recordReliabilityCase({u"Local names"_s, u"Download pressed twice for one file while the first still runs (GUI)"_s,
                               u"asked like an existing file; never two writers of one file"_s,
                               u"the prompt said \"already being downloaded\"; Keep both gave two byte-identical files and no "
                               "partial file was left"_s,
                               true, u"fake"_s});
    }

    void refusedKeysOfAFolderDownloadAreListed()
    {
        m_server->putObject(u"bucket"_s, u"hostile/good.txt"_s, "good");
        m_server->putObject(u"bucket"_s, u"hostile/../escape.txt"_s, "evil");
        m_server->putObject(u"bucket"_s, u"hostile/sub/C:\\win.txt"_s, "evil");
        QVERIFY(openAt(QString()));
        const QString folder = freshFolder();
        const int rowsBefore = m_window->transfers()->rowCount();
        QSignalSpy refused(browser(), &BrowserView::itemsRefused);
        browser()->downloadKeys({u"hostile/"_s}, folder);
        QVERIFY(refused.wait(10000));
        QVERIFY(transfersIdle());
        QCOMPARE(readLocalFile(folder + u"/hostile/good.txt"_s), QByteArray("good"));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"escape.txt"_s)));
        QVERIFY(!QFileInfo::exists(folder + u"/escape.txt"_s));
        // The transfers panel lists each refused key as a failed row saying why.
        TransferListModel *model = m_window->transfers();
        QStringList failedKeys;
        for (int row = rowsBefore; row < model->rowCount(); ++row) {
            const s3::TransferSnapshot snapshot = model->snapshotAt(row);
            if (snapshot.state == s3::TransferState::Failed && !model->engineAt(row)) {
                failedKeys << snapshot.key;
                QVERIFY(!snapshot.lastError.message().isEmpty());
            }
        }
        failedKeys.sort();
        QCOMPARE(failedKeys, (QStringList{u"hostile/../escape.txt"_s, u"hostile/sub/C:\\win.txt"_s}));
        // ...and a summary names them once the listing is over.
        QVERIFY2(m_window->lastError().contains(u"2 item(s) left out"_s), qPrintable(m_window->lastError()));
        QVERIFY(m_window->lastError().contains(u"hostile/../escape.txt"_s));
        // Remove takes such a row away (it has no engine to ask).
        const int row = model->rowCount() - 1;
        m_window->transferPanel()->view()->selectionModel()->select(model->index(row, 0),
                                                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_window->transferPanel()->removeSelected();
        QCOMPARE(model->rowCount(), rowsBefore + 2);
        recordReliabilityCase({u"Local names"_s, u"GUI folder download with keys \"../escape.txt\" and \"C:\\win.txt\""_s,
                               u"the rest downloads; the refused keys are listed in the transfers panel and a summary"_s,
                               u"good.txt downloaded; nothing written outside the folder; two failed rows and a summary "
                               "naming the keys"_s,
                               true, u"fake"_s});
    }

    void internalDragDownloadsNothing()
    {
        m_server->putObject(u"bucket"_s, u"drag/x.txt"_s, "x");
        m_server->putObject(u"bucket"_s, u"drag/target/keep"_s, "k");
        QVERIFY(openAt(u"drag/"_s));
        m_server->clearLog();
        DragOutBatch *batch = browser()->prepareDragOut({u"drag/x.txt"_s});
        QVERIFY(batch);
        QVERIFY(!batch->isStarted());
        std::unique_ptr<QMimeData> mime(browser()->dragMimeData({u"drag/x.txt"_s}, batch));
        QVERIFY(mime);
        QVERIFY(mime->hasUrls()); // offered to file managers...
        QSignalSpy done(browser(), &BrowserView::operationFinished);
        dropOnView(mime.get(), rowCenter(u"target"_s)); // ...but dropped on a folder row: a move
        QVERIFY(done.wait(10000));
        browser()->dragEnded(batch, false);
        QVERIFY(m_server->object(u"bucket"_s, u"drag/target/x.txt"_s).has_value());
        QVERIFY(!m_server->object(u"bucket"_s, u"drag/x.txt"_s).has_value());
        QCOMPARE(m_server->count(u"GetObject"_s), 0);
        QCOMPARE(m_server->count(u"HeadObject"_s), 1); // the move's copy looks at its source; no byte is fetched
        for (const s3::TransferSnapshot &snapshot : snapshotsOf(engine()))
            QVERIFY2(!snapshot.key.startsWith(u"drag/"_s), qPrintable(snapshot.key));
        const QStringList staged = QDir(browser()->dragOutStager()->stagingRoot())
                                       .entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(staged.isEmpty());
        recordReliabilityCase({u"Local names"_s, u"objects dragged onto a folder row inside the window"_s,
                               u"a server-side move; nothing is downloaded"_s,
                               u"the object moved; the server saw no GET or HEAD; no transfer queued"_s, true, u"fake"_s});
    }

    void realDragInsideTheWindowStartsNoDownload()
    {
        // The view's own startDrag(), through the platform's drag (offscreen: it ends at once, inside the window).
        m_server->putObject(u"bucket"_s, u"real/y.txt"_s, "y");
        QVERIFY(openAt(u"real/"_s));
        QVERIFY(browser()->selectName(u"y.txt"_s));
        m_server->clearLog();
        const int batches = browser()->dragOutStager()->batchCount();
        QWidget *viewport = browser()->view()->viewport();
        const QPoint start = rowCenter(u"y.txt"_s);
        QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, start);
        // The first move puts the view in its dragging state, the next one past the drag distance starts the drag.
        for (const QPoint &offset : {QPoint(0, 2), QPoint(0, 40)}) {
            QMouseEvent move(QEvent::MouseMove, QPointF(start + offset), viewport->mapToGlobal(QPointF(start + offset)),
                             Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(viewport, &move);
        }
        QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, start + QPoint(0, 40));
        QTest::qWait(500);
        QCOMPARE(browser()->dragOutStager()->batchCount(), batches + 1); // the drag did start, offering the file
        QCOMPARE(m_server->count(u"GetObject"_s), 0);
        QCOMPARE(m_server->count(u"HeadObject"_s), 0);
        for (const s3::TransferSnapshot &snapshot : snapshotsOf(engine()))
            QVERIFY2(!snapshot.key.startsWith(u"real/"_s), qPrintable(snapshot.key));
        if (s3::TransferEngine *staging = browser()->dragOutStager()->engine())
            QVERIFY(snapshotsOf(staging).isEmpty());
    }

    void dragOutHandsOutOnlyCompleteFilesAndIsNotPersisted()
    {
        const QByteArray content = randomBytes(200 * 1024, 11);
        m_server->putObject(u"bucket"_s, u"out/photo.jpg"_s, content);
        QVERIFY(openAt(u"out/"_s));
        m_server->clearLog();
        DragOutBatch *batch = browser()->prepareDragOut({u"out/photo.jpg"_s});
        QVERIFY(batch);
        std::unique_ptr<QMimeData> mime(browser()->dragMimeData({u"out/photo.jpg"_s}, batch));
        QVERIFY(mime->formats().contains(u"text/uri-list"_s));
        // A target asking before the drag left the window gets no file at all.
        QVERIFY(mime->urls().isEmpty());
        QCOMPARE(m_server->count(u"GetObject"_s), 0);

        // The drag leaves the window: the download starts; while it runs, no URL goes out.
        m_server->addFault(delayFault(u"GetObject"_s, 800));
        browser()->dragLeftWindow(batch);
        QVERIFY(batch->isStarted());
        QVERIFY(waitUntil([&] { return m_server->count(u"HeadObject"_s) > 0; }, 5000));
        QVERIFY(mime->urls().isEmpty());
        // Dropped now (the target's last request came before the file was complete): the user is told.
        browser()->dragEnded(batch, true);
        QVERIFY(waitUntil([&] { return m_window->lastError().contains(u"not handed over: out/photo.jpg"_s); }, 5000));
        QVERIFY(waitUntil([&] { return batch->allDone(); }, 20000));
        m_server->clearFaults();

        const QList<QUrl> urls = mime->urls();
        QCOMPARE(urls.size(), 1);
        const QString path = urls.first().toLocalFile();
        QCOMPARE(QFileInfo(path).fileName(), u"photo.jpg"_s);
        QCOMPARE(readLocalFile(path), content);
        QVERIFY(mime->data(u"text/uri-list"_s).startsWith(QUrl::fromLocalFile(path).toEncoded()));
        QCOMPARE(QDir(QFileInfo(path).path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"photo.jpg"_s});

        // Not in the connection's queue (nor its file), not in the transfers panel, and gone from its own engine.
        for (const s3::TransferSnapshot &snapshot : snapshotsOf(engine()))
            QVERIFY2(!snapshot.key.startsWith(u"out/"_s), qPrintable(snapshot.key));
        for (int row = 0; row < m_window->transfers()->rowCount(); ++row)
            QVERIFY(!m_window->transfers()->snapshotAt(row).key.startsWith(u"out/"_s));
        QVERIFY(waitUntil([&] { return snapshotsOf(browser()->dragOutStager()->engine()).isEmpty(); }, 5000));
        const QString queueFile = m_dir.filePath(u"queues/transfers-fake.json"_s);
        QVERIFY(!readLocalFile(queueFile).contains("photo.jpg"));
        recordReliabilityCase({u"Local names"_s, u"a file dragged out of the window to a file manager"_s,
                               u"the file manager gets the file only once it is complete; the drag-out is never persisted"_s,
                               u"no URL while downloading (the early drop was reported); then one URL whose file is "
                               "byte-identical, no partial file beside it; not in the queue, its file or the panel"_s,
                               true, u"fake"_s});
    }

    void keysWithANewlineSurviveAMove()
    {
        const QString key = u"nl/two\nlines.txt"_s;
        m_server->putObject(u"bucket"_s, key, "two lines");
        m_server->putObject(u"bucket"_s, u"nl/dest/keep"_s, "k");
        QVERIFY(openAt(u"nl/"_s));
        const int row = browser()->model()->rowOfName(u"two\nlines.txt"_s);
        QVERIFY(row >= 0);
        std::unique_ptr<QMimeData> mime(browser()->model()->mimeData({browser()->model()->index(row, 0)}));
        QSignalSpy done(browser(), &BrowserView::operationFinished);
        dropOnView(mime.get(), rowCenter(u"dest"_s));
        QVERIFY(done.wait(10000));
        QVERIFY2(done.last().at(1).toBool(), qPrintable(m_window->lastError()));
        QCOMPARE(m_server->object(u"bucket"_s, u"nl/dest/two\nlines.txt"_s)->data, QByteArray("two lines"));
        QVERIFY(!m_server->object(u"bucket"_s, key).has_value());
        QVERIFY(!m_server->object(u"bucket"_s, u"nl/dest/two"_s).has_value());
    }

    void folderUploadDoesNotFollowLinksToFolders()
    {
        const QString root = freshFolder();
        const QString outside = freshFolder();
        QVERIFY(!writeTestFile(outside + u"/secret.txt"_s, "outside").isEmpty());
        QVERIFY(QDir().mkpath(root + u"/tree/sub"_s));
        QVERIFY(!writeTestFile(root + u"/tree/sub/in.txt"_s, "in").isEmpty());
        QVERIFY(!writeTestFile(root + u"/target.txt"_s, "linked file").isEmpty());
        QVERIFY(QFile::link(outside, root + u"/tree/elsewhere"_s));
        QVERIFY(QFile::link(root + u"/tree"_s, root + u"/tree/sub/loop"_s));
        QVERIFY(QFile::link(root + u"/target.txt"_s, root + u"/tree/file-link.txt"_s));

        UploadPlanner planner(m_window->currentSession()->client(), u"bucket"_s, u"up/"_s, {root + u"/tree"_s});
        QSignalSpy planned(&planner, &UploadPlanner::planned);
        planner.start();
        QVERIFY(planned.wait(10000));
        QStringList keys;
        for (const PlannedUpload &upload : planner.uploads())
            keys << upload.key;
        keys.sort();
        QCOMPARE(keys, (QStringList{u"up/tree/file-link.txt"_s, u"up/tree/sub/in.txt"_s}));
        QStringList skipped;
        for (const SkippedPath &path : planner.skipped()) {
            skipped << QFileInfo(path.path).fileName();
            QCOMPARE(path.reason, u"a link to a folder, not followed"_s);
        }
        skipped.sort();
        QCOMPARE(skipped, (QStringList{u"elsewhere"_s, u"loop"_s}));
        recordReliabilityCase({u"Local names"_s, u"GUI folder upload of a tree holding links to a folder outside it and to its own parent"_s,
                               u"links to folders are not followed and are listed; links to files are uploaded"_s,
                               u"planned keys were exactly the tree's own file and the file link; both folder links listed as "
                               "not followed"_s,
                               true, u"fake"_s});
    }
};

QTEST_MAIN(TestBrowserSafety)
#include "tst_browsersafety.moc"
