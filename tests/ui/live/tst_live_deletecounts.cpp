// SPDX-License-Identifier: Apache-2.0
// Real counts before destructive actions, driven through the real main window against the real Ceph RGW:
// the delete prompt of a folder walks it first (25 objects in nested subfolders), shows the running count and then
// the real total, defaults to Cancel, and Cancel during the count deletes nothing; a selection of files only needs
// no walk; the bucket delete prompt counts versions and delete markers, and with "Delete its contents too" removes
// a versioned bucket with versions, delete markers and an incomplete upload; without it a non-empty bucket stays
// and the message names BucketNotEmpty; folder Properties shows the folder's total size and count.
#include <QCheckBox>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "connection/session.h"
#include "dialogs/folderpropertiesdialog.h"
#include "models/bucketlistmodel.h"
#include "models/objectlistmodel.h"
#include "s3core/ops/deletebucketwithcontentsjob.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/putbucketversioningjob.h"
#include "livewindowfixture.h"
#include "uitestsupport.h"
#include "util/format.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestLiveDeleteCounts : public QObject
{
    Q_OBJECT

    LiveWindowFixture m_live; // server, dir, client, bucket, settings, window
    QStringList m_otherBuckets;

    BrowserView *browser() const { return m_live.window->browser(); }
    bool waitListed() { return waitUntil([this] { return !browser()->model()->isListing(); }, 20000); }
    bool put(const QString &bucket, const QString &key, const QByteArray &data) { return putTestObject(m_live.client.get(), bucket, key, data); }
    bool exists(const QString &key) { return testObjectExists(m_live.client.get(), m_live.bucket, key); }

    /** 25 objects in nested subfolders of folder/ (sizes 1..25: 325 bytes). */
    bool putTree(const QString &folder)
    {
        for (int i = 0; i < 25; ++i) {
            const QString key = u"%1/%2/%3/obj%4"_s.arg(folder).arg(i % 3).arg(i % 2 ? u"deep/deeper"_s : u"flat"_s).arg(i);
            if (!put(m_live.bucket, key, QByteArray(i + 1, 'x')))
                return false;
        }
        return true;
    }

    int countUnder(const QString &prefix)
    {
        s3::ListObjectsRequest request;
        request.bucket = m_live.bucket;
        request.prefix = prefix;
        s3::ListObjectsPageJob job(m_live.client.get(), request);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            return -1;
        return int(job.page().objects.size());
    }

    bool bucketExists(const QString &bucket)
    {
        s3::ListObjectsRequest request;
        request.bucket = bucket;
        s3::ListObjectsPageJob job(m_live.client.get(), request);
        job.setAutoDelete(false);
        runJob(job);
        return job.error().code() != u"NoSuchBucket"_s;
    }

    bool selectOnly(const QString &name)
    {
        if (!waitUntil([&] { return browser()->model()->rowOfName(name) >= 0; }, 10000))
            return false;
        return browser()->selectName(name);
    }

    /** True once the object is gone (deleteLater, which the nested loop of waitUntil does not run by itself). */
    template<typename T>
    static bool deleted(const QPointer<T> &object)
    {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        return !object;
    }

    QAction *deleteBucketAction() const
    {
        for (QAction *action : m_live.window->menuBar()->findChildren<QAction *>()) {
            if (action->text() == u"Delete bucket…"_s)
                return action;
        }
        return nullptr;
    }

    bool selectBucket(const QString &bucket)
    {
        m_live.window->buckets()->refresh();
        if (!waitUntil([&] { return m_live.window->buckets()->rowOfBucket(bucket) >= 0; }, 20000))
            return false;
        m_live.window->bucketView()->setCurrentIndex(m_live.window->buckets()->index(m_live.window->buckets()->rowOfBucket(bucket)));
        return true;
    }

    QString newBucket(const QString &what)
    {
        const QString bucket = createTestBucket(m_live.client.get(), u"wip-counts-ui-"_s + what);
        if (!bucket.isEmpty())
            m_otherBuckets.append(bucket);
        return bucket;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_live.server);
        QVERIFY(m_live.createBucket(u"wip-counts-ui"_s));
        QVERIFY(m_live.openWindow(liveSessionConfig(m_live.server, m_live.bucket)));
        QVERIFY(waitListed());
    }

    void cleanupTestCase()
    {
        m_live.window.reset();
        if (!m_live.client)
            return;
        for (const QString &bucket : std::as_const(m_otherBuckets)) {
            if (!bucketExists(bucket))
                continue;
            s3::DeleteBucketWithContentsJob job(m_live.client.get(), bucket);
            job.setAutoDelete(false);
            runJob(job);
        }
        QVERIFY(m_live.cleanUp());
    }

    void folderDeletePromptShowsTheRealCount()
    {
        QVERIFY(putTree(u"tree"_s));
        QVERIFY(put(m_live.bucket, u"tree-sibling.txt"_s, "stays"));
        browser()->openLocation(m_live.bucket, {});
        QVERIFY(waitListed());
        QVERIFY(selectOnly(u"tree"_s));
        browser()->setCountPageSize(5); // five pages: the running count is seen
        browser()->deleteAction()->trigger();
        auto *box = waitForVisibleChild<QMessageBox>(m_live.window.get(), u"confirmDelete"_s, 10000);
        QVERIFY(box);
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QAbstractButton *remove = messageBoxButton(box, u"Delete"_s);
        QVERIFY(remove);
        QVERIFY2(!remove->isEnabled(), "Delete is offered before the folder was counted");
        QVERIFY2(box->text().startsWith(u"Counting…"_s), qPrintable(box->text()));
        QStringList texts;
        QVERIFY(waitUntil([&] {
            if (texts.isEmpty() || texts.last() != box->text())
                texts.append(box->text());
            return remove->isEnabled();
        }, 20000));
        QCOMPARE(box->text(), u"Delete 1 folder(s): 25 object(s), 325 B?"_s);
        QVERIFY2(texts.filter(u"so far"_s).size() >= 2, qPrintable(texts.join(u" | "_s))); // the count was seen growing
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QSignalSpy done(browser(), &BrowserView::operationFinished);
        QSignalSpy status(browser(), &BrowserView::statusMessage);
        remove->click();
        QVERIFY(done.wait(30000));
        QVERIFY2(done.last().at(1).toBool(), qPrintable(m_live.window->lastError()));
        QVERIFY(!status.isEmpty());
        QCOMPARE(status.first().at(0).toString(), u"Deleting 25 object(s)…"_s); // the real count, not "1 item"
        QCOMPARE(countUnder(u"tree/"_s), 0);
        QVERIFY(exists(u"tree-sibling.txt"_s));
    }

    void cancelDuringCountingDeletesNothing()
    {
        QVERIFY(putTree(u"kept"_s));
        browser()->openLocation(m_live.bucket, {});
        QVERIFY(waitListed());
        QVERIFY(selectOnly(u"kept"_s));
        browser()->setCountPageSize(1); // 25 pages: the walk is still running when Cancel is clicked
        browser()->deleteAction()->trigger();
        auto *box = waitForVisibleChild<QMessageBox>(m_live.window.get(), u"confirmDelete"_s, 10000);
        QVERIFY(box);
        QAbstractButton *remove = messageBoxButton(box, u"Delete"_s);
        QVERIFY(remove);
        QVERIFY(!remove->isEnabled());
        QVERIFY(waitUntil([&] { return box->text().contains(u"so far"_s); }, 10000));
        QVERIFY2(!remove->isEnabled(), qPrintable(box->text()));
        const QPointer<QMessageBox> watched = box;
        box->button(QMessageBox::Cancel)->click();
        QVERIFY(waitUntil([&] { return !watched || !watched->isVisible(); }, 5000));
        QTest::qWait(500);
        QCOMPARE(countUnder(u"kept/"_s), 25);
        browser()->setCountPageSize(0);
    }

    void filesOnlyNeedNoWalk()
    {
        QVERIFY(put(m_live.bucket, u"single.txt"_s, "1234567"));
        browser()->openLocation(m_live.bucket, {});
        QVERIFY(waitListed());
        QVERIFY(selectOnly(u"single.txt"_s));
        browser()->deleteAction()->trigger();
        auto *box = waitForVisibleChild<QMessageBox>(m_live.window.get(), u"confirmDelete"_s, 10000);
        QVERIFY(box);
        QCOMPARE(box->text(), u"Delete 1 file(s) (7 B)?"_s);
        QVERIFY(messageBoxButton(box, u"Delete"_s)->isEnabled());
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QTest::keyClick(box, Qt::Key_Return); // Enter cancels
        QVERIFY(waitUntil([&] { return !box->isVisible(); }, 5000));
        QVERIFY(exists(u"single.txt"_s));
    }

    void folderPropertiesShowsTheTotal()
    {
        QVERIFY(putTree(u"props"_s));
        QVERIFY(put(m_live.bucket, u"props-not-inside.txt"_s, "no"));
        browser()->openLocation(m_live.bucket, {});
        QVERIFY(waitListed());
        QVERIFY(selectOnly(u"props"_s));
        QVERIFY(browser()->propertiesAction()->isEnabled());
        // Alt+Enter on a folder row shows its properties (it used to open the folder).
        m_live.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_live.window.get()));
        browser()->view()->setFocus();
        QVERIFY(waitUntil([&] { return browser()->view()->hasFocus(); }, 5000));
        QTest::keyClick(browser()->view(), Qt::Key_Return, Qt::AltModifier);
        auto *dialog = waitForVisibleChild<FolderPropertiesDialog>(m_live.window.get(), u"folderProperties"_s, 10000);
        QVERIFY(dialog);
        QCOMPARE(dialog->uriLabel()->text(), u"s3://%1/props/"_s.arg(m_live.bucket));
        QVERIFY(waitUntil([&] { return dialog->isComplete(); }, 20000));
        QCOMPARE(dialog->objectCount(), 25);
        QCOMPARE(dialog->totalBytes(), 325);
        QCOMPARE(dialog->objectsLabel()->text(), u"25 object(s)"_s);
        QCOMPARE(dialog->sizeLabel()->text(), u"325 B"_s);
        const QPointer<FolderPropertiesDialog> watched = dialog;
        dialog->reject();
        QVERIFY(waitUntil([&] { return deleted(watched); }, 5000)); // deleted on close
    }

    void folderPropertiesUpdatesLiveThenStopsOnClose()
    {
        const std::unique_ptr<Session> session = openTestSession(liveSessionConfig(m_live.server, m_live.bucket, u"wip-counts-props"_s));
        QVERIFY(session);
        // props/ (25 objects) was written by folderPropertiesShowsTheTotal; one object a page: the count grows.
        FolderPropertiesDialog dialog(session.get(), m_live.bucket, u"props/"_s);
        dialog.setPageSize(1);
        dialog.show();
        QStringList seen;
        QVERIFY(waitUntil([&] {
            if (seen.isEmpty() || seen.last() != dialog.objectsLabel()->text())
                seen.append(dialog.objectsLabel()->text());
            return dialog.objectCount() >= 5;
        }, 20000));
        QVERIFY(dialog.isCounting());
        QVERIFY(dialog.statusLabel()->text().startsWith(u"Counting…"_s));
        QVERIFY2(seen.size() >= 3, qPrintable(seen.join(u" | "_s)));
        // Closing stops the walk where it is.
        dialog.reject();
        QVERIFY(!dialog.isCounting());
        const qint64 atClose = dialog.objectCount();
        QTest::qWait(500);
        QCOMPARE(dialog.objectCount(), atClose);
        QVERIFY(atClose < 25);
        QVERIFY(!dialog.isComplete());
    }

    void folderPropertiesClosedWhileCountingStopsTheWalk()
    {
        browser()->openLocation(m_live.bucket, {});
        QVERIFY(waitListed());
        QVERIFY(selectOnly(u"kept"_s));
        browser()->propertiesAction()->trigger();
        auto *dialog = waitForVisibleChild<FolderPropertiesDialog>(m_live.window.get(), u"folderProperties"_s, 10000);
        QVERIFY(dialog);
        const QPointer<FolderPropertiesDialog> watched = dialog;
        dialog->reject(); // before or while the walk runs: it stops with the dialog
        QVERIFY(waitUntil([&] { return deleted(watched); }, 5000));
        QTest::qWait(300); // a late page of the walk would touch the deleted dialog now (ASan would say)
    }

    void bucketDeleteWithoutContentsKeepsANonEmptyBucket()
    {
        const QString bucket = newBucket(u"full"_s);
        QVERIFY(!bucket.isEmpty());
        QVERIFY(put(bucket, u"a/x.txt"_s, "x"));
        QVERIFY(put(bucket, u"y.txt"_s, "yy"));
        QVERIFY(selectBucket(bucket));
        deleteBucketAction()->trigger();
        auto *box = waitForVisibleChild<QMessageBox>(m_live.window.get(), u"confirmDeleteBucket"_s, 10000);
        QVERIFY(box);
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QVERIFY(box->checkBox());
        QVERIFY(!box->checkBox()->isChecked()); // off by default
        QVERIFY(waitUntil([&] { return box->informativeText().startsWith(u"It holds"_s); }, 20000));
        QCOMPARE(box->informativeText(), u"It holds 2 object(s), 3 B."_s);
        messageBoxButton(box, u"Delete"_s)->click();
        QVERIFY(waitUntil([&] { return m_live.window->lastError().contains(u"BucketNotEmpty"_s); }, 20000));
        QVERIFY(m_live.window->lastError().contains(u"Delete its contents too"_s));
        // The message offers the way forward: the prompt again, with the box ticked, still defaulting to Cancel.
        QMessageBox *error = m_live.window->errorBox();
        QVERIFY(error);
        auto *offer = error->findChild<QPushButton *>(u"deleteWithContents"_s);
        QVERIFY(offer);
        const QPointer<QMessageBox> first = box;
        QVERIFY(waitUntil([&] { return deleted(first); }, 5000));
        offer->click();
        auto *again = waitForVisibleChild<QMessageBox>(m_live.window.get(), u"confirmDeleteBucket"_s, 10000);
        QVERIFY(again);
        QVERIFY(again->checkBox()->isChecked());
        QCOMPARE(again->defaultButton(), again->button(QMessageBox::Cancel));
        again->button(QMessageBox::Cancel)->click();
        error->close();
        QTest::qWait(300);
        QVERIFY(bucketExists(bucket));
        QVERIFY(testObjectExists(m_live.client.get(), bucket, u"y.txt"_s));
    }

    void bucketDeleteWithContentsRemovesAVersionedBucket()
    {
        const QString bucket = newBucket(u"versioned"_s);
        QVERIFY(!bucket.isEmpty());
        QVERIFY(put(bucket, u"plain.txt"_s, "before versioning")); // the "null" version
        {
            s3::PutBucketVersioningJob job(m_live.client.get(), bucket, s3::BucketVersioning::Enabled);
            job.setAutoDelete(false);
            QVERIFY(runJob(job) && !job.hasError());
        }
        for (int i = 0; i < 3; ++i)
            QVERIFY(put(bucket, u"docs/a.txt"_s, QByteArray(4, 'a')));
        QVERIFY(put(bucket, u"docs/b.txt"_s, "b"));
        {
            s3::DeleteObjectJob job(m_live.client.get(), bucket, u"docs/b.txt"_s); // a delete marker
            job.setAutoDelete(false);
            QVERIFY(runJob(job) && !job.hasError());
        }
        QVERIFY(!startTestMultipartUpload(m_live.client.get(), bucket, u"big.bin"_s, {}).isEmpty());

        QVERIFY(selectBucket(bucket));
        deleteBucketAction()->trigger();
        auto *box = waitForVisibleChild<QMessageBox>(m_live.window.get(), u"confirmDeleteBucket"_s, 10000);
        QVERIFY(box);
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QVERIFY2(box->text().contains(bucket), qPrintable(box->text()));
        QVERIFY(waitUntil([&] { return box->informativeText().startsWith(u"It holds"_s); }, 20000));
        // plain.txt and a.txt are current; 5 versions (1 of plain.txt, 3 of a.txt, 1 of b.txt) and 1 delete marker.
        QCOMPARE(box->informativeText(), u"It holds 2 object(s), 21 B (5 version(s) and 1 delete marker(s) in all, 30 B)."_s);
        box->checkBox()->setChecked(true);
        QVERIFY(messageBoxButton(box, u"Delete"_s)->isEnabled());
        QSignalSpy status(m_live.window->statusBar(), &QStatusBar::messageChanged);
        messageBoxButton(box, u"Delete"_s)->click();
        QVERIFY2(waitUntil([&] { return !bucketExists(bucket); }, 30000), qPrintable(m_live.window->lastError()));
        QVERIFY(waitUntil([&] { return m_live.window->statusBar()->currentMessage() == u"Bucket %1 deleted"_s.arg(bucket); }, 10000));
        QStringList messages;
        for (const QList<QVariant> &signal : std::as_const(status))
            messages << signal.at(0).toString();
        // Progress in the status bar: the 6 versions and delete markers, then the incomplete upload.
        QVERIFY2(messages.contains(u"Deleting the bucket %1: 6 version(s) and delete marker(s) removed…"_s.arg(bucket)),
                 qPrintable(messages.join(u" | "_s)));
        QVERIFY2(messages.filter(u"1 incomplete upload(s) aborted"_s).size() >= 1, qPrintable(messages.join(u" | "_s)));
        QVERIFY(waitUntil([&] { return m_live.window->buckets()->rowOfBucket(bucket) < 0; }, 20000));
        QVERIFY(!m_live.window->lastError().contains(bucket));
    }
};

QTEST_MAIN(TestLiveDeleteCounts)
#include "tst_live_deletecounts.moc"
