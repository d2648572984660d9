// SPDX-License-Identifier: Apache-2.0
// End to end against the real Ceph RGW: the real main window, browser and dialogs driven like a user would:
// navigation (Enter, breadcrumbs, back, up), a folder dropped from the "file manager", the conflict prompt,
// rename of a file and of a folder, a move by dropping objects on a folder row, delete with its confirmation,
// new folder, a presigned link copied to the clipboard and fetched; and the data-safety cases: an internal drag
// downloads nothing, a drag-out hands over only complete files and is never persisted, a download asks before
// replacing a local file, refused keys of a folder download are listed, a key with a newline survives a move,
// a dropped folder's links to folders are not followed, and a dropped folder is one job (Keep both inside it;
// cancelled half way, it leaves no multipart upload).
#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QDropEvent>
#include <QFileInfo>
#include <QGuiApplication>
#include <QListView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QNetworkReply>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "dialogs/namedialog.h"
#include "browser/dragout.h"
#include "dialogs/presigndialog.h"
#include "models/bucketlistmodel.h"
#include "models/objectlistmodel.h"
#include "models/transferlistmodel.h"
#include "reliabilitycase.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/servercopyjob.h"
#include "s3core/transfer/transferengine.h"
#include "livewindowfixture.h"
#include "uitestsupport.h"
#include "widgets/breadcrumbbar.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestLiveBrowser : public QObject
{
    Q_OBJECT

    LiveWindowFixture m_live; // server, dir, client, bucket, settings, window

    BrowserView *browser() const { return m_live.window->browser(); }

    bool waitListed()
    {
        return waitUntil([this] { return !browser()->model()->isListing(); }, 20000);
    }

    bool put(const QString &key, const QByteArray &data) { return putTestObject(m_live.client.get(), m_live.bucket, key, data); }

    /** The object's bytes, or a null QByteArray when it does not exist. */
    QByteArray get(const QString &key)
    {
        s3::GetObjectJob job(m_live.client.get(), m_live.bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            return {};
        return job.data().isNull() ? QByteArray("") : job.data();
    }

    bool exists(const QString &key) { return testObjectExists(m_live.client.get(), m_live.bucket, key); }

    bool selectOnly(const QString &name)
    {
        if (!waitUntil([&] { return browser()->model()->rowOfName(name) >= 0; }, 10000))
            return false;
        return browser()->selectName(name);
    }

    template<typename T>
    T *waitForChild(const QString &objectName)
    {
        return waitForVisibleChild<T>(m_live.window.get(), objectName, 10000);
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

    bool uploadsDone()
    {
        return waitUntil([this] {
            TransferListModel *transfers = m_live.window->transfers();
            return transfers->rowCount() > 0 && transfers->activeCount() == 0;
        }, 60000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_live.server);
        QVERIFY(m_live.createBucket(QStringLiteral("s3desk-ui")));
        QVERIFY(put(QStringLiteral("docs/readme.txt"), "read me"));
        QVERIFY(put(QStringLiteral("photos/2024/a.jpg"), "jpeg bytes"));
        QVERIFY(put(QStringLiteral("top.txt"), "top"));

        QVERIFY(m_live.openWindow(liveSessionConfig(m_live.server, m_live.bucket)));
        QCOMPARE(browser()->bucket(), m_live.bucket);
        QVERIFY(waitListed());
    }

    void cleanupTestCase()
    {
        QVERIFY(m_live.cleanUp());
    }

    void navigatesLikeAFileManager()
    {
        browser()->openLocation(m_live.bucket, {});
        QVERIFY(waitListed());
        QCOMPARE(browser()->model()->nameAt(0), QStringLiteral("docs")); // folders first
        QVERIFY(selectOnly(QStringLiteral("photos")));
        browser()->view()->setFocus();
        QTest::keyClick(browser()->view(), Qt::Key_Return); // Enter opens the folder
        QCOMPARE(browser()->prefix(), QStringLiteral("photos/"));
        QVERIFY(waitListed());
        QVERIFY(selectOnly(QStringLiteral("2024")));
        browser()->openAction()->trigger();
        QCOMPARE(browser()->prefix(), QStringLiteral("photos/2024/"));
        QVERIFY(waitListed());
        QCOMPARE(browser()->model()->nameAt(0), QStringLiteral("a.jpg"));
        QCOMPARE(browser()->breadcrumbs()->levels(), (QStringList{QString(), QStringLiteral("photos/"), QStringLiteral("photos/2024/")}));
        browser()->breadcrumbs()->activateLevel(1);
        QCOMPARE(browser()->prefix(), QStringLiteral("photos/"));
        browser()->backAction()->trigger();
        QCOMPARE(browser()->prefix(), QStringLiteral("photos/2024/"));
        browser()->upAction()->trigger();
        browser()->upAction()->trigger();
        QCOMPARE(browser()->prefix(), QString());
        QVERIFY(waitListed());
        QVERIFY(browser()->model()->rowOfName(QStringLiteral("top.txt")) >= 0);
    }

    void droppedFolderIsUploadedThenConflictsAreAsked()
    {
        browser()->openLocation(m_live.bucket, {});
        QVERIFY(waitListed());
        const QString folder = m_live.dir.filePath(QStringLiteral("album"));
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/nested")));
        const QByteArray big = randomBytes(17 * 1024 * 1024, 7); // multipart
        const auto write = [](const QString &path, const QByteArray &data) {
            return !writeTestFile(path, data).isEmpty();
        };
        QVERIFY(write(folder + QStringLiteral("/one.txt"), "one"));
        QVERIFY(write(folder + QStringLiteral("/nested/two.txt"), "two"));
        QVERIFY(write(folder + QStringLiteral("/nested/big.bin"), big));

        auto *mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(folder)});
        dropOnView(mime, QPoint(5, browser()->view()->viewport()->height() - 5));
        QVERIFY(uploadsDone());
        QCOMPARE(get(QStringLiteral("album/one.txt")), QByteArray("one"));
        QCOMPARE(get(QStringLiteral("album/nested/two.txt")), QByteArray("two"));
        QVERIFY(get(QStringLiteral("album/nested/big.bin")) == big);
        // The finished upload refreshed the folder on screen.
        QVERIFY(waitUntil([this] { return browser()->model()->rowOfName(QStringLiteral("album")) >= 0; }, 10000));

        // Dropped again: the keys exist, so the user is asked; "Keep both" uploads "one (1).txt" etc.
        QVERIFY(write(folder + QStringLiteral("/one.txt"), "one, again"));
        auto *again = new QMimeData;
        again->setUrls({QUrl::fromLocalFile(folder)});
        dropOnView(again, QPoint(5, browser()->view()->viewport()->height() - 5));
        auto *box = waitForChild<QMessageBox>(QStringLiteral("uploadConflict"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("3 of the 3 files")), qPrintable(box->text()));
        QAbstractButton *keepBoth = messageBoxButton(box, QStringLiteral("Keep both"));
        QVERIFY(keepBoth);
        keepBoth->click();
        QVERIFY(waitUntil([this] { return exists(QStringLiteral("album/one (1).txt")); }, 60000));
        QVERIFY(uploadsDone());
        QCOMPARE(get(QStringLiteral("album/one (1).txt")), QByteArray("one, again"));
        QCOMPARE(get(QStringLiteral("album/one.txt")), QByteArray("one")); // untouched
        QVERIFY(exists(QStringLiteral("album/nested/big (1).bin")));
    }

    /** The folder job's row whose key is `prefix` (its snapshot; id 0 when there is none), and how many there are. */
    s3::TransferSnapshot jobRow(const QString &prefix, int *count = nullptr)
    {
        TransferListModel *transfers = m_live.window->transfers();
        s3::TransferSnapshot found;
        int jobs = 0;
        for (int row = 0; row < transfers->rowCount(); ++row) {
            const s3::TransferSnapshot s = transfers->snapshotAt(row);
            if (s.isGroup && s.key == prefix) {
                found = s;
                ++jobs;
            }
        }
        if (count)
            *count = jobs;
        return found;
    }

    int pendingUploads(const QString &prefix)
    {
        s3::ListMultipartUploadsJob job(m_live.client.get(), m_live.bucket, prefix);
        job.setAutoDelete(false);
        runJob(job);
        return job.hasError() ? -1 : int(job.uploads().size());
    }

    void droppedFolderIsOneJobKeepBothThenCancel()
    {
        // A folder with small files and multipart-sized ones, one of whose keys exists: ONE job (one row), the
        // user's "Keep both" renames that file inside the job, every key byte-identical.
        constexpr int Small = 300;
        const QString folder = m_live.dir.filePath(u"groupjob"_s);
        const auto smallContent = [](int i) { return randomBytes(100 + (i * 53) % 4000, quint32(i + 11)); };
        for (int d = 0; d < 10; ++d)
            QVERIFY(QDir().mkpath(u"%1/d%2"_s.arg(folder).arg(d)));
        for (int i = 0; i < Small; ++i)
            QVERIFY(!writeTestFile(u"%1/d%2/f%3.txt"_s.arg(folder).arg(i % 10).arg(i), smallContent(i)).isEmpty());
        const QByteArray big = randomBytes(17 * 1024 * 1024, 21);
        QVERIFY(!writeTestFile(folder + u"/big.bin"_s, big).isEmpty());
        QVERIFY(put(u"groupjob/d0/f0.txt"_s, "the server's own"));
        QVERIFY(put(u"groupjob/big.bin"_s, "the server's big"));
        browser()->uploadPaths({folder}, {});
        auto *box = waitForChild<QMessageBox>(u"uploadConflict"_s);
        QVERIFY(box);
        QVERIFY2(box->text().contains(u"2 of the %1 files"_s.arg(Small + 1)), qPrintable(box->text()));
        QAbstractButton *keepBoth = messageBoxButton(box, u"Keep both"_s);
        QVERIFY(keepBoth);
        keepBoth->click();
        int jobs = 0;
        QVERIFY(waitUntil([&] { return jobRow(u"groupjob/"_s, &jobs).id != 0; }, 30000));
        QCOMPARE(jobs, 1);
        QCOMPARE(jobRow(u"groupjob/"_s).files.files, Small + 1);
        QVERIFY(waitUntil([&] { return jobRow(u"groupjob/"_s).state == s3::TransferState::Succeeded; }, 120000));
        QCOMPARE(jobRow(u"groupjob/"_s).files.done, Small + 1);
        QCOMPARE(get(u"groupjob/d0/f0.txt"_s), QByteArray("the server's own"));
        QVERIFY(get(u"groupjob/d0/f0 (1).txt"_s) == smallContent(0));
        QCOMPARE(get(u"groupjob/big.bin"_s), QByteArray("the server's big"));
        QVERIFY(get(u"groupjob/big (1).bin"_s) == big);
        for (int i = 1; i < Small; ++i)
            QVERIFY2(get(u"groupjob/d%1/f%2.txt"_s.arg(i % 10).arg(i)) == smallContent(i), qPrintable(QString::number(i)));

        // Cancelled half way: the job ends cancelled with its counts adding up, and no multipart upload is left.
        const QString slow = m_live.dir.filePath(u"cancelme"_s);
        constexpr int Bigs = 10;
        QVERIFY(QDir().mkpath(slow));
        for (int i = 0; i < Bigs; ++i)
            QVERIFY(!writeTestFile(u"%1/part%2.bin"_s.arg(slow).arg(i), randomBytes(24 * 1024 * 1024, quint32(100 + i))).isEmpty());
        browser()->uploadPaths({slow}, {});
        QVERIFY(waitUntil([&] { return jobRow(u"cancelme/"_s).bytesDone > 0; }, 60000));
        const s3::TransferSnapshot running = jobRow(u"cancelme/"_s);
        s3::TransferEngine *engine = m_live.window->currentSession()->transfers();
        engine->cancel(running.id);
        QVERIFY(waitUntil([&] { return jobRow(u"cancelme/"_s).state == s3::TransferState::Cancelled; }, 60000));
        const s3::TransferSnapshot cancelled = jobRow(u"cancelme/"_s);
        qInfo() << "cancelled with" << cancelled.files.done << "done," << cancelled.files.cancelled << "cancelled";
        QCOMPARE(cancelled.files.files, Bigs);
        QCOMPARE(cancelled.files.done + cancelled.files.cancelled, Bigs);
        QVERIFY(cancelled.files.cancelled > 0);
        QVERIFY(waitUntil([&] { return pendingUploads(u"cancelme/"_s) == 0; }, 20000));
        engine->remove(running.id);
    }

    void engineUploadsAWholeFolder()
    {
        // The engine's own folder upload (walked on its thread, keyed prefix + relative path).
        const QString folder = m_live.dir.filePath(QStringLiteral("engine-tree"));
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/sub")));
        QVERIFY(!writeTestFile(folder + QStringLiteral("/a.txt"), "a").isEmpty());
        QVERIFY(!writeTestFile(folder + QStringLiteral("/sub/b.txt"), "b").isEmpty());
        QSignalSpy finished(m_live.window->currentSession()->transfers(), &s3::TransferEngine::taskFinished);
        m_live.window->currentSession()->transfers()->enqueueFolderUpload(folder, m_live.bucket, QStringLiteral("engine-folder/"));
        QVERIFY(waitUntil([&] { return finished.size() == 2; }, 30000));
        QCOMPARE(get(QStringLiteral("engine-folder/a.txt")), QByteArray("a"));
        QCOMPARE(get(QStringLiteral("engine-folder/sub/b.txt")), QByteArray("b"));
    }

    void renamesFilesAndFolders()
    {
        QVERIFY(put(QStringLiteral("ren/old name.txt"), "content"));
        QVERIFY(put(QStringLiteral("ren/dir/a"), "a"));
        QVERIFY(put(QStringLiteral("ren/dir/sub/b"), "b"));
        browser()->openLocation(m_live.bucket, QStringLiteral("ren/"));
        QVERIFY(waitListed());

        QVERIFY(selectOnly(QStringLiteral("old name.txt")));
        QSignalSpy done(browser(), &BrowserView::operationFinished);
        browser()->renameAction()->trigger(); // F2
        auto *dialog = waitForChild<NameDialog>(QStringLiteral("renameDialog"));
        QVERIFY(dialog);
        QCOMPARE(dialog->name(), QStringLiteral("old name.txt"));
        QCOMPARE(dialog->nameEdit()->selectedText(), QStringLiteral("old name")); // the extension stays
        dialog->nameEdit()->setText(QStringLiteral("new+name.txt"));
        dialog->accept();
        QVERIFY(done.wait(20000));
        QVERIFY2(done.last().at(1).toBool(), qPrintable(m_live.window->lastError()));
        QCOMPARE(get(QStringLiteral("ren/new+name.txt")), QByteArray("content"));
        QVERIFY(!exists(QStringLiteral("ren/old name.txt")));

        QVERIFY(waitListed());
        QVERIFY(selectOnly(QStringLiteral("dir")));
        browser()->renameAction()->trigger();
        dialog = waitForChild<NameDialog>(QStringLiteral("renameDialog"));
        QVERIFY(dialog);
        dialog->nameEdit()->setText(QStringLiteral("moved dir"));
        dialog->accept();
        QVERIFY(done.wait(20000));
        QVERIFY2(done.last().at(1).toBool(), qPrintable(m_live.window->lastError()));
        QCOMPARE(get(QStringLiteral("ren/moved dir/a")), QByteArray("a"));
        QCOMPARE(get(QStringLiteral("ren/moved dir/sub/b")), QByteArray("b"));
        QVERIFY(!exists(QStringLiteral("ren/dir/a")));
        QVERIFY(!exists(QStringLiteral("ren/dir/sub/b")));
    }

    void renameAboveTheCopyThresholdRunsInTheTransferQueue()
    {
        // Above the single-copy size (5 GiB; shrunk here to 5 MiB) a rename is a multipart copy: it goes to the
        // transfer queue as a move, copied in parts, with the source deleted once the copy is complete.
        const QByteArray data = randomBytes(12 * 1024 * 1024, 31);
        QVERIFY(put(QStringLiteral("bigren/clip.bin"), data));
        QVERIFY(put(QStringLiteral("bigren/small.txt"), "small"));
        s3::S3Client *client = m_live.window->currentSession()->client();
        client->setMultipartCopyThreshold(5 * 1024 * 1024);
        const auto restoreThreshold = qScopeGuard([client] { client->setMultipartCopyThreshold(s3::ServerCopyJob::MaxSingleCopyBytes); });
        browser()->openLocation(m_live.bucket, QStringLiteral("bigren/"));
        QVERIFY(waitListed());

        QSignalSpy finished(m_live.window->currentSession()->transfers(), &s3::TransferEngine::taskFinished);
        QVERIFY(selectOnly(QStringLiteral("clip.bin")));
        browser()->renameAction()->trigger();
        auto *dialog = waitForChild<NameDialog>(QStringLiteral("renameDialog"));
        QVERIFY(dialog);
        dialog->nameEdit()->setText(QStringLiteral("renamed.bin"));
        dialog->accept();
        QVERIFY(waitUntil([&] { return !finished.isEmpty(); }, 60000));
        const auto snapshot = finished.first().first().value<s3::TransferSnapshot>();
        QCOMPARE(snapshot.direction, s3::TransferDirection::Copy);
        QVERIFY(snapshot.move);
        QCOMPARE(snapshot.sourceKey, QStringLiteral("bigren/clip.bin"));
        QCOMPARE(snapshot.key, QStringLiteral("bigren/renamed.bin"));
        QVERIFY2(snapshot.state == s3::TransferState::Succeeded, qPrintable(snapshot.lastError.toString()));
        QCOMPARE(snapshot.bytesDone, qint64(data.size()));
        QVERIFY(get(QStringLiteral("bigren/renamed.bin")) == data);
        QVERIFY(!exists(QStringLiteral("bigren/clip.bin")));
        // The panel names it a move; the folder on screen shows the new name without a manual refresh.
        QVERIFY(waitUntil([&] { return browser()->model()->rowOfName(QStringLiteral("renamed.bin")) >= 0; }, 10000));
        QVERIFY(browser()->model()->rowOfName(QStringLiteral("clip.bin")) < 0);

        // A small file is renamed directly, as before.
        QSignalSpy done(browser(), &BrowserView::operationFinished);
        QVERIFY(selectOnly(QStringLiteral("small.txt")));
        browser()->renameAction()->trigger();
        dialog = waitForChild<NameDialog>(QStringLiteral("renameDialog"));
        QVERIFY(dialog);
        dialog->nameEdit()->setText(QStringLiteral("small2.txt"));
        dialog->accept();
        QVERIFY(done.wait(20000));
        QCOMPARE(get(QStringLiteral("bigren/small2.txt")), QByteArray("small"));
        QCOMPARE(finished.size(), 1); // no transfer for it
    }

    void objectsDroppedOnAFolderAreMoved()
    {
        QVERIFY(put(QStringLiteral("mv/x.txt"), "x"));
        QVERIFY(put(QStringLiteral("mv/target/keep"), "k"));
        browser()->openLocation(m_live.bucket, QStringLiteral("mv/"));
        QVERIFY(waitListed());
        QVERIFY(selectOnly(QStringLiteral("x.txt")));
        QMimeData *mime = browser()->model()->mimeData({browser()->model()->index(browser()->model()->rowOfName(QStringLiteral("x.txt")), 0)});
        QVERIFY(mime);
        QSignalSpy done(browser(), &BrowserView::operationFinished);
        dropOnView(mime, rowCenter(QStringLiteral("target")));
        QVERIFY(done.wait(20000));
        QCOMPARE(get(QStringLiteral("mv/target/x.txt")), QByteArray("x"));
        QVERIFY(!exists(QStringLiteral("mv/x.txt")));
    }

    void deleteAsksWithTheCountThenDeletesRecursively()
    {
        QVERIFY(put(QStringLiteral("del/a.txt"), "a"));
        QVERIFY(put(QStringLiteral("del/b.txt"), "b"));
        QVERIFY(put(QStringLiteral("del/tree/c"), "c"));
        QVERIFY(put(QStringLiteral("del/tree/deep/d"), "d"));
        QVERIFY(put(QStringLiteral("del/keep.txt"), "keep"));
        browser()->openLocation(m_live.bucket, QStringLiteral("del/"));
        QVERIFY(waitListed());
        QItemSelectionModel *selection = browser()->view()->selectionModel();
        selection->clearSelection();
        for (const char *name : {"a.txt", "b.txt", "tree"}) {
            const int row = browser()->model()->rowOfName(QString::fromLatin1(name));
            QVERIFY(row >= 0);
            selection->select(browser()->model()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        browser()->deleteAction()->trigger(); // Del
        auto *box = waitForChild<QMessageBox>(QStringLiteral("confirmDelete"));
        QVERIFY(box);
        QAbstractButton *remove = messageBoxButton(box, QStringLiteral("Delete"));
        QVERIFY(remove);
        // The folder is walked first; then the question states the real total (2 files + 2 objects in tree/).
        QVERIFY(waitUntil([&] { return remove->isEnabled(); }, 20000));
        QVERIFY2(box->text().contains(QStringLiteral("2 file(s)")) && box->text().contains(QStringLiteral("1 folder(s)"))
                     && box->text().contains(QStringLiteral("4 object(s)")),
                 qPrintable(box->text()));
        QSignalSpy done(browser(), &BrowserView::operationFinished);
        remove->click();
        QVERIFY(done.wait(20000));
        QVERIFY2(done.last().at(1).toBool(), qPrintable(m_live.window->lastError()));
        for (const char *key : {"del/a.txt", "del/b.txt", "del/tree/c", "del/tree/deep/d"})
            QVERIFY2(!exists(QString::fromLatin1(key)), key);
        QVERIFY(exists(QStringLiteral("del/keep.txt")));
        QVERIFY(waitListed());
        QCOMPARE(browser()->model()->rowCount(), 1);
    }

    void makePublicAsksThenOpensFilesAndFolders()
    {
        QVERIFY(put(QStringLiteral("pub/a.txt"), "a"));
        QVERIFY(put(QStringLiteral("pub/tree/deep/b.txt"), "b"));
        QVERIFY(put(QStringLiteral("pub/closed.txt"), "closed"));
        const auto anonymousStatus = [this](const QString &key) {
            QNetworkReply *reply = m_live.nam->get(QNetworkRequest(QUrl(m_live.server.endpoint + u"/"_s + m_live.bucket + u"/"_s + key)));
            waitUntil([reply] { return reply->isFinished(); }, 10000);
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            reply->deleteLater();
            return status;
        };
        browser()->openLocation(m_live.bucket, QStringLiteral("pub/"));
        QVERIFY(waitListed());
        QItemSelectionModel *selection = browser()->view()->selectionModel();
        selection->clearSelection();
        for (const char *name : {"a.txt", "tree"}) {
            const int row = browser()->model()->rowOfName(QString::fromLatin1(name));
            QVERIFY(row >= 0);
            selection->select(browser()->model()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        QVERIFY(browser()->makePublicAction()->isEnabled());
        browser()->makePublicAction()->trigger();
        auto *box = waitForChild<QMessageBox>(QStringLiteral("confirmAcl"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(u"1 file(s)"_s) && box->text().contains(u"1 folder(s)"_s), qPrintable(box->text()));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QAbstractButton *apply = messageBoxButton(box, u"Make public"_s);
        QVERIFY(apply);
        QSignalSpy done(browser(), &BrowserView::operationFinished);
        apply->click();
        QVERIFY(done.wait(20000));
        QVERIFY2(done.last().at(1).toBool(), qPrintable(m_live.window->lastError()));
        QCOMPARE(anonymousStatus(u"pub/a.txt"_s), 200);
        QCOMPARE(anonymousStatus(u"pub/tree/deep/b.txt"_s), 200);
        QCOMPARE(anonymousStatus(u"pub/closed.txt"_s), 403);

        QVERIFY(selectOnly(QStringLiteral("tree")));
        browser()->makePrivateAction()->trigger();
        box = waitForChild<QMessageBox>(QStringLiteral("confirmAcl"));
        QVERIFY(box);
        apply = messageBoxButton(box, u"Make private"_s);
        QVERIFY(apply);
        apply->click();
        QVERIFY(done.wait(20000));
        QVERIFY2(done.last().at(1).toBool(), qPrintable(m_live.window->lastError()));
        QCOMPARE(anonymousStatus(u"pub/tree/deep/b.txt"_s), 403);
        QCOMPARE(anonymousStatus(u"pub/a.txt"_s), 200);
    }

    void newFolderCreatesAMarker()
    {
        browser()->openLocation(m_live.bucket, {});
        QVERIFY(waitListed());
        QSignalSpy done(browser(), &BrowserView::operationFinished);
        browser()->newFolderAction()->trigger();
        auto *dialog = waitForChild<NameDialog>(QStringLiteral("newFolderDialog"));
        QVERIFY(dialog);
        dialog->nameEdit()->setText(QStringLiteral("fresh"));
        dialog->accept();
        QVERIFY(done.wait(20000));
        QVERIFY(exists(QStringLiteral("fresh/")));
        QVERIFY(waitListed());
        QVERIFY(browser()->model()->rowOfName(QStringLiteral("fresh")) >= 0);
        QVERIFY(browser()->model()->isFolderAt(browser()->model()->rowOfName(QStringLiteral("fresh"))));

        // Nested: one marker for the deepest level; the listing shows the first.
        browser()->newFolderAction()->trigger();
        dialog = waitForChild<NameDialog>(QStringLiteral("newFolderDialog"));
        QVERIFY(dialog);
        dialog->nameEdit()->setText(QStringLiteral("outer/inner"));
        QVERIFY(dialog->okButton()->isEnabled());
        dialog->accept();
        QVERIFY(done.wait(20000));
        QVERIFY2(done.last().at(1).toBool(), qPrintable(m_live.window->lastError()));
        QVERIFY(exists(QStringLiteral("outer/inner/")));
        QVERIFY(waitListed());
        QVERIFY(browser()->model()->rowOfName(QStringLiteral("outer")) >= 0);
        QVERIFY(browser()->model()->isFolderAt(browser()->model()->rowOfName(QStringLiteral("outer"))));
    }

    void downloadsFilesAndFoldersIntoTheChosenFolder()
    {
        QVERIFY(put(QStringLiteral("dl/tree/one.txt"), "one"));
        QVERIFY(put(QStringLiteral("dl/tree/deeper/two.txt"), "two"));
        QVERIFY(put(QStringLiteral("dl/single.bin"), "single"));
        browser()->openLocation(m_live.bucket, QStringLiteral("dl/"));
        QVERIFY(waitListed());
        const QString target = m_live.dir.filePath(QStringLiteral("downloads"));
        QVERIFY(QDir().mkpath(target));
        browser()->downloadKeys({QStringLiteral("dl/tree/"), QStringLiteral("dl/single.bin")}, target);
        const auto read = [](const QString &path) {
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        for (const char *file : {"/tree/one.txt", "/tree/deeper/two.txt", "/single.bin"}) // each its own download
            QVERIFY2(waitUntil([&] { return QFileInfo::exists(target + QLatin1String(file)); }, 30000), file);
        QCOMPARE(read(target + QStringLiteral("/tree/one.txt")), QByteArray("one"));
        QCOMPARE(read(target + QStringLiteral("/tree/deeper/two.txt")), QByteArray("two"));
        QCOMPARE(read(target + QStringLiteral("/single.bin")), QByteArray("single"));
    }

    void createsAndDeletesABucket()
    {
        const QString name = uniqueBucketName(QStringLiteral("s3desk-ui-new"));
        QMenu *bucketMenu = nullptr;
        for (QAction *action : m_live.window->menuBar()->actions()) {
            if (action->text() == QLatin1String("&Bucket"))
                bucketMenu = action->menu();
        }
        QVERIFY(bucketMenu);
        QAction *create = nullptr;
        QAction *remove = nullptr;
        for (QAction *action : bucketMenu->actions()) {
            if (action->text() == QStringLiteral("New bucket…"))
                create = action;
            if (action->text() == QStringLiteral("Delete bucket…"))
                remove = action;
        }
        QVERIFY(create && remove);
        create->trigger();
        auto *dialog = waitForChild<NameDialog>(QStringLiteral("newBucketDialog"));
        QVERIFY(dialog);
        dialog->nameEdit()->setText(name);
        dialog->accept();
        // The new bucket is listed and opened.
        QVERIFY(waitUntil([&] { return m_live.window->buckets()->rowOfBucket(name) >= 0 && browser()->bucket() == name; }, 20000));

        // Not empty: S3 refuses, and the message says what to do.
        s3::PutObjectJob put(m_live.client.get(), name, QStringLiteral("x"));
        put.setAutoDelete(false);
        put.setData("x");
        QVERIFY(runJob(put) && !put.hasError());
        m_live.window->bucketView()->setCurrentIndex(m_live.window->buckets()->index(m_live.window->buckets()->rowOfBucket(name)));
        remove->trigger();
        auto *box = waitForChild<QMessageBox>(QStringLiteral("confirmDeleteBucket"));
        QVERIFY(box);
        messageBoxButton(box, QStringLiteral("Delete"))->click();
        QVERIFY(waitUntil([&] { return m_live.window->lastError().contains(QStringLiteral("BucketNotEmpty")); }, 20000));
        QVERIFY(m_live.window->lastError().contains(QStringLiteral("Delete its objects")));

        s3::DeleteObjectJob empty(m_live.client.get(), name, QStringLiteral("x"));
        empty.setAutoDelete(false);
        QVERIFY(runJob(empty) && !empty.hasError());
        m_live.window->bucketView()->setCurrentIndex(m_live.window->buckets()->index(m_live.window->buckets()->rowOfBucket(name)));
        remove->trigger();
        box = waitForChild<QMessageBox>(QStringLiteral("confirmDeleteBucket"));
        QVERIFY(box);
        messageBoxButton(box, QStringLiteral("Delete"))->click();
        QVERIFY(waitUntil([&] { return m_live.window->buckets()->rowOfBucket(name) < 0; }, 20000));
        s3::ListObjectsRequest listing;
        listing.bucket = name;
        s3::ListObjectsPageJob gone(m_live.client.get(), listing);
        gone.setAutoDelete(false);
        QVERIFY(runJob(gone));
        QCOMPARE(gone.error().code(), QStringLiteral("NoSuchBucket"));
        // Back/Forward forget the deleted bucket: going back never opens it again.
        QVERIFY(!browser()->historyLocations().join(u' ').contains(name));
        QVERIFY(browser()->bucket() != name);
        for (int i = 0; i < 3 && browser()->backAction()->isEnabled(); ++i) {
            browser()->backAction()->trigger();
            QVERIFY(browser()->bucket() != name);
        }
        browser()->openLocation(m_live.bucket, {});
        QVERIFY(waitListed());
    }

    void missingBucketIsExplainedInTheBrowser()
    {
        // Ceph answers NoSuchBucket; the browser says so where the rows would be, with what to do.
        const QString missing = uniqueBucketName(QStringLiteral("s3desk-ui-missing"));
        browser()->openLocation(missing, {});
        QVERIFY(waitUntil([&] { return browser()->listingError()->isVisible(); }, 20000));
        QVERIFY2(browser()->listingError()->text().contains(u"NoSuchBucket"_s), qPrintable(browser()->listingError()->text()));
        QVERIFY(browser()->listingError()->text().contains(u"Choose another bucket"_s));
        QCOMPARE(browser()->statusLabel()->text(), u"Listing failed"_s);
        QVERIFY(!m_live.window->lastError().contains(missing)); // no pop-up about it
        browser()->openLocation(m_live.bucket, {});
        QVERIFY(waitListed());
        QVERIFY(!browser()->listingError()->isVisible());
    }

    void internalDragMovesAndDownloadsNothing()
    {
        QVERIFY(put(u"drag/in.txt"_s, "inside"));
        QVERIFY(put(u"drag/into/keep"_s, "k"));
        browser()->openLocation(m_live.bucket, u"drag/"_s);
        QVERIFY(waitListed());
        const int rowsBefore = m_live.window->transfers()->rowCount();
        DragOutBatch *batch = browser()->prepareDragOut({u"drag/in.txt"_s});
        QVERIFY(batch);
        std::unique_ptr<QMimeData> mime(browser()->dragMimeData({u"drag/in.txt"_s}, batch));
        QVERIFY(mime && mime->hasUrls());
        QSignalSpy done(browser(), &BrowserView::operationFinished);
        dropOnView(mime.get(), rowCenter(u"into"_s));
        QVERIFY(done.wait(20000));
        QVERIFY2(done.last().at(1).toBool(), qPrintable(m_live.window->lastError()));
        browser()->dragEnded(batch, false);
        QCOMPARE(get(u"drag/into/in.txt"_s), QByteArray("inside"));
        QVERIFY(!exists(u"drag/in.txt"_s));
        QCOMPARE(m_live.window->transfers()->rowCount(), rowsBefore); // nothing queued in the panel's engine
        QVERIFY(!batch->isStarted());
        QVERIFY(QDir(browser()->dragOutStager()->stagingRoot()).entryList(QDir::Files).isEmpty());
        recordReliabilityCase({u"Local names"_s, u"an object dragged onto a folder row inside the window"_s,
                               u"moved server-side; nothing downloaded"_s,
                               QStringLiteral("the object is in the folder and gone from its old key; no transfer queued, "
                                              "the drag-out batch never started, no local file"),
                               true, u"Ceph RGW"_s});
    }

    void dragOutHandsOverOnlyCompleteFiles()
    {
        const QByteArray content = randomBytes(3 * 1024 * 1024, 21);
        QVERIFY(put(u"out/picture.bin"_s, content));
        browser()->openLocation(m_live.bucket, u"out/"_s);
        QVERIFY(waitListed());
        const int rowsBefore = m_live.window->transfers()->rowCount();
        DragOutBatch *batch = browser()->prepareDragOut({u"out/picture.bin"_s, u"out/"_s});
        QVERIFY(batch);
        QCOMPARE(batch->files().size(), 1); // folders are not handed out
        std::unique_ptr<QMimeData> mime(browser()->dragMimeData({u"out/picture.bin"_s}, batch));
        QVERIFY(mime->urls().isEmpty()); // nothing on disk before the drag leaves the window
        browser()->dragLeftWindow(batch);
        // Every answer to a drop target names only complete files: never a file still being written.
        bool sawIncomplete = false;
        QVERIFY(waitUntil([&] {
            for (const QUrl &url : mime->urls()) {
                if (QFileInfo(url.toLocalFile()).size() != content.size())
                    sawIncomplete = true;
            }
            return batch->allDone();
        }, 30000));
        QVERIFY(!sawIncomplete);
        const QList<QUrl> urls = mime->urls();
        QCOMPARE(urls.size(), 1);
        QFile file(urls.first().toLocalFile());
        QCOMPARE(QFileInfo(file).fileName(), u"picture.bin"_s);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == content);
        QCOMPARE(QDir(QFileInfo(file).path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"picture.bin"_s});
        // Not in the transfers panel, nor in the queue file of the connection.
        QCOMPARE(m_live.window->transfers()->rowCount(), rowsBefore);
        QFile queue(QDir(m_live.dir.filePath(u"queues"_s)).filePath(u"transfers-live.json"_s));
        if (queue.open(QIODevice::ReadOnly))
            QVERIFY(!queue.readAll().contains("picture.bin"));
        recordReliabilityCase({u"Local names"_s, u"a 3 MiB object dragged out of the window to a file manager"_s,
                               u"only complete files handed over; the drag-out is never persisted"_s,
                               QStringLiteral("no URL before the drag left; every answer named only a complete file; the file is "
                                              "byte-identical with no partial beside it; not in the panel or the queue file"),
                               true, u"Ceph RGW"_s});
    }

    void downloadAsksBeforeReplacingALocalFile()
    {
        QVERIFY(put(u"replace/file2.txt"_s, "Hello file 2"));
        browser()->openLocation(m_live.bucket, u"replace/"_s);
        QVERIFY(waitListed());
        const QString folder = m_live.dir.filePath(u"replace-target"_s);
        QVERIFY(QDir().mkpath(folder));
        const QString local = writeTestFile(folder + u"/file2.txt"_s, "LOCAL EDIT");
        QVERIFY(!local.isEmpty());
        const auto read = [](const QString &path) {
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        const auto answer = [this](const QString &button) {
            auto *box = waitForChild<QMessageBox>(u"downloadConflict"_s);
            if (!box)
                return false;
            QAbstractButton *choice = messageBoxButton(box, button);
            if (!choice)
                return false;
            choice->click();
            return true;
        };
        const int rowsBefore = m_live.window->transfers()->rowCount();
        browser()->downloadKeys({u"replace/file2.txt"_s}, folder);
        QVERIFY(answer(u"Skip"_s));
        QTest::qWait(500);
        QCOMPARE(m_live.window->transfers()->rowCount(), rowsBefore);
        QCOMPARE(read(local), QByteArray("LOCAL EDIT"));

        browser()->downloadKeys({u"replace/file2.txt"_s}, folder);
        QVERIFY(answer(u"Keep both"_s));
        QVERIFY(waitUntil([&] { return read(folder + u"/file2 (1).txt"_s) == "Hello file 2"; }, 30000));
        QCOMPARE(read(local), QByteArray("LOCAL EDIT"));

        browser()->downloadKeys({u"replace/file2.txt"_s}, folder);
        QVERIFY(answer(u"Overwrite"_s));
        QVERIFY(waitUntil([&] { return read(local) == "Hello file 2"; }, 30000));
        recordReliabilityCase({u"Local names"_s, u"GUI download onto a local file the user edited"_s,
                               u"asked first: Overwrite, Skip or Keep both"_s,
                               QStringLiteral("Skip queued nothing and kept the edit; Keep both wrote \"file2 (1).txt\" and kept "
                                              "the edit; Overwrite replaced it (contents compared)"),
                               true, u"Ceph RGW"_s});
    }

    void refusedKeysOfAFolderDownloadAreListed()
    {
        QVERIFY(put(u"refuse/ok.txt"_s, "ok"));
        QVERIFY(put(u"refuse/C:\\evil.txt"_s, "evil")); // a backslash: no safe local name on any system
        browser()->openLocation(m_live.bucket, {});
        QVERIFY(waitListed());
        const QString folder = m_live.dir.filePath(u"refuse-target"_s);
        QVERIFY(QDir().mkpath(folder));
        TransferListModel *model = m_live.window->transfers();
        const int rowsBefore = model->rowCount();
        QSignalSpy refused(browser(), &BrowserView::itemsRefused);
        browser()->downloadKeys({u"refuse/"_s}, folder);
        QVERIFY(refused.wait(30000));
        QVERIFY(waitUntil([&] {
            QFile file(folder + u"/refuse/ok.txt"_s);
            return file.open(QIODevice::ReadOnly) && file.readAll() == "ok";
        }, 30000));
        QStringList failed;
        for (int row = rowsBefore; row < model->rowCount(); ++row) {
            if (!model->engineAt(row) && model->snapshotAt(row).state == s3::TransferState::Failed)
                failed << model->snapshotAt(row).key;
        }
        QCOMPARE(failed, QStringList{u"refuse/C:\\evil.txt"_s});
        QVERIFY2(m_live.window->lastError().contains(u"1 item(s) left out"_s) && m_live.window->lastError().contains(u"refuse/C:\\evil.txt"_s),
                 qPrintable(m_live.window->lastError()));
        QCOMPARE(QDir(folder + u"/refuse"_s).entryList(QDir::Files | QDir::Hidden), QStringList{u"ok.txt"_s});
        recordReliabilityCase({u"Local names"_s, u"GUI folder download of a prefix holding the key \"C:\\evil.txt\""_s,
                               u"the rest downloads; the refused key is listed in the transfers panel and a summary"_s,
                               u"ok.txt downloaded and alone in the folder; one failed row and a summary naming the key"_s,
                               true, u"Ceph RGW"_s});
    }

    void keyWithANewlineSurvivesADragMove()
    {
        const QString key = u"newline/two\nlines.txt"_s;
        QVERIFY(put(key, "two lines"));
        QVERIFY(put(u"newline/dest/keep"_s, "k"));
        browser()->openLocation(m_live.bucket, u"newline/"_s);
        QVERIFY(waitListed());
        const int row = browser()->model()->rowOfName(u"two\nlines.txt"_s);
        QVERIFY(row >= 0);
        std::unique_ptr<QMimeData> mime(browser()->model()->mimeData({browser()->model()->index(row, 0)}));
        QVERIFY(mime);
        QSignalSpy done(browser(), &BrowserView::operationFinished);
        dropOnView(mime.get(), rowCenter(u"dest"_s));
        QVERIFY(done.wait(20000));
        QVERIFY2(done.last().at(1).toBool(), qPrintable(m_live.window->lastError()));
        QCOMPARE(get(u"newline/dest/two\nlines.txt"_s), QByteArray("two lines"));
        QVERIFY(!exists(key));
        QVERIFY(!exists(u"newline/dest/two"_s));
        QVERIFY(!exists(u"newline/dest/lines.txt"_s));
        recordReliabilityCase({u"Secrets, files and terminal"_s,
                               u"an object whose key contains a newline dragged onto a folder"_s,
                               u"moved whole, under its exact name"_s,
                               QStringLiteral("the object is at dest/ with the newline in its key and identical content; the old "
                                              "key is gone and no key was split at the newline"),
                               true, u"Ceph RGW"_s});
    }

    void droppedFolderDoesNotFollowLinksToFolders()
    {
        const QString tree = m_live.dir.filePath(u"linked-tree"_s);
        const QString outside = m_live.dir.filePath(u"outside"_s);
        QVERIFY(QDir().mkpath(tree + u"/sub"_s));
        QVERIFY(QDir().mkpath(outside));
        QVERIFY(!writeTestFile(tree + u"/sub/own.txt"_s, "own").isEmpty());
        QVERIFY(!writeTestFile(outside + u"/private.txt"_s, "private").isEmpty());
        QVERIFY(QFile::link(outside, tree + u"/elsewhere"_s));
        browser()->openLocation(m_live.bucket, {});
        QVERIFY(waitListed());
        auto *mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(tree)});
        dropOnView(mime, QPoint(5, browser()->view()->viewport()->height() - 5));
        QVERIFY(waitUntil([this] { return exists(u"linked-tree/sub/own.txt"_s); }, 30000));
        QVERIFY(uploadsDone());
        QVERIFY(!exists(u"linked-tree/elsewhere/private.txt"_s));
        QVERIFY(waitUntil([this] { return m_live.window->lastError().contains(u"not followed"_s); }, 10000));
        recordReliabilityCase({u"Local names"_s, u"a folder dropped on the browser holding a link to another folder"_s,
                               u"the link is not followed and is listed"_s,
                               u"the folder's own file was uploaded, nothing behind the link; the summary named the link"_s,
                               true, u"Ceph RGW"_s});
    }

    void presignedLinkIsCopiedAndWorks()
    {
        browser()->openLocation(m_live.bucket, {});
        QVERIFY(waitListed());
        QVERIFY(selectOnly(QStringLiteral("top.txt")));
        browser()->presignAction()->trigger(); // Ctrl+Shift+C
        PresignDialog *dialog = nullptr;
        QVERIFY(waitUntil([&] { return (dialog = m_live.window->findChild<PresignDialog *>()) && !dialog->url().isEmpty(); }, 10000));
        QPushButton *copy = nullptr;
        for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
            if (button->text().contains(QLatin1String("Copy")))
                copy = button;
        }
        QVERIFY(copy);
        copy->click();
        const QString link = QGuiApplication::clipboard()->text();
        QCOMPARE(link, dialog->url());
        QNetworkReply *reply = m_live.nam->get(QNetworkRequest(QUrl(link)));
        QVERIFY(waitUntil([reply] { return reply->isFinished(); }, 10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->readAll(), QByteArray("top"));
        reply->deleteLater();
        dialog->close();
    }
};

QTEST_MAIN(TestLiveBrowser)
#include "tst_live_browser.moc"
