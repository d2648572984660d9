// SPDX-License-Identifier: Apache-2.0
// The versions view and the bucket versioning dialog, offscreen, against the real Ceph RGW: the switch with its
// confirmation, the lazy paged list of one folder, and restore, delete permanently (Cancel first), undelete,
// download and presign of a version.
#include <QAction>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QNetworkReply>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "browser/versionsview.h"
#include "dialogs/bucketversioningdialog.h"
#include "dialogs/presigndialog.h"
#include "models/objectlistmodel.h"
#include "models/versionlistmodel.h"
#include "s3core/ops/bucketjobs.h"
#include "s3core/ops/listobjectversionsjob.h"
#include "s3core/ops/putbucketversioningjob.h"
#include "uitestsupport.h"

using namespace s3;
using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestLiveVersionsView : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    std::unique_ptr<Session> m_session;
    QString m_bucket;
    QTemporaryDir m_dir;

    QString put(const QString &key, const QByteArray &data)
    {
        PutObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        job.setData(data);
        if (!runJob(job) || job.hasError())
            qWarning() << "put" << key << job.error();
        return job.versionId();
    }

    QByteArray current(const QString &key, int *status = nullptr)
    {
        GetObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        runJob(job);
        if (status)
            *status = job.hasError() ? job.error().httpStatus() : 200;
        return job.data();
    }

    int versionCount(const QString &prefix)
    {
        ListObjectVersionsJob job(m_client.get(), {m_bucket, prefix, {}, {}, {}, 1000});
        job.setAutoDelete(false);
        int count = 0;
        connect(&job, &ListObjectVersionsJob::pageReceived, this, [&](const ListObjectVersionsPage &page) { count += int(page.versions.size()); });
        runJob(job);
        return job.hasError() ? -1 : count;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY(m_dir.isValid());
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), u"s3desk-live-verview"_s);
        QVERIFY(!m_bucket.isEmpty());
        m_session = openTestSession(liveSessionConfig(m_server, {}, u"live-versions"_s));
        QVERIFY(m_session);
    }

    void cleanupTestCase()
    {
        m_session.reset();
        if (m_bucket.isEmpty())
            return;
        ListObjectVersionsJob list(m_client.get(), {m_bucket, {}, {}, {}, {}, 1000});
        list.setAutoDelete(false);
        QList<ObjectVersion> all;
        connect(&list, &ListObjectVersionsJob::pageReceived, this, [&](const ListObjectVersionsPage &page) { all += page.versions; });
        QVERIFY(runJob(list));
        for (const ObjectVersion &v : all) {
            DeleteObjectJob remove(m_client.get(), m_bucket, v.key);
            remove.setAutoDelete(false);
            remove.setVersionId(v.versionId);
            runJob(remove);
        }
        DeleteBucketJob job(m_client.get(), m_bucket);
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    }

    void versioningDialogAsksFirst()
    {
        BucketVersioningDialog dialog(m_session.get(), m_bucket);
        QVERIFY(waitUntil([&] { return dialog.isLoaded(); }, 30000));
        QCOMPARE(dialog.status(), BucketVersioning::Unversioned);
        QVERIFY(dialog.statusText().contains(u"never enabled"_s));
        QVERIFY(dialog.enableButton()->isEnabled());
        QVERIFY(!dialog.suspendButton()->isEnabled());

        // Cancel (the default) changes nothing.
        dialog.enableButton()->click();
        QVERIFY(dialog.pendingQuestion());
        QVERIFY(static_cast<QAbstractButton *>(dialog.pendingQuestion()->defaultButton()) == dialog.pendingQuestion()->button(QMessageBox::Cancel));
        dialog.pendingQuestion()->button(QMessageBox::Cancel)->click();
        QTest::qWait(300);
        QVERIFY(!dialog.isBusy());
        QCOMPARE(dialog.status(), BucketVersioning::Unversioned);

        dialog.enableButton()->click();
        QVERIFY(dialog.pendingQuestion());
        QPushButton *enable = nullptr;
        for (QAbstractButton *button : dialog.pendingQuestion()->buttons()) {
            if (button->text() == u"Enable"_s)
                enable = qobject_cast<QPushButton *>(button);
        }
        QVERIFY(enable);
        enable->click();
        QVERIFY(waitUntil([&] { return dialog.isLoaded() && !dialog.isBusy() && dialog.status() == BucketVersioning::Enabled; }, 30000));
        QVERIFY(dialog.suspendButton()->isEnabled());
        QVERIFY(!dialog.enableButton()->isEnabled());
    }

    void listIsLazyAndPaged()
    {
        // 7 versions of two keys and a sub-folder; pages of 3 entries: only the first page is asked for.
        for (int i = 0; i < 4; ++i)
            QVERIFY(!put(u"lazy/a.txt"_s, QByteArray("a") + QByteArray::number(i)).isEmpty());
        for (int i = 0; i < 3; ++i)
            QVERIFY(!put(u"lazy/b.txt"_s, QByteArray("b") + QByteArray::number(i)).isEmpty());
        QVERIFY(!put(u"lazy/sub/c.txt"_s, "c").isEmpty());

        VersionListModel model;
        model.setPageSize(3);
        model.setLocation(m_session->client(), m_bucket, u"lazy/"_s);
        QVERIFY(waitUntil([&] { return !model.isListing(); }, 30000));
        QCOMPARE(model.pagesLoaded(), 1);
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.hasMore());
        QVERIFY(model.canFetchMore({}));
        QTest::qWait(300); // nothing more comes by itself
        QCOMPARE(model.pagesLoaded(), 1);
        while (model.canFetchMore({}) || model.isListing()) {
            model.fetchMore({});
            QVERIFY(waitUntil([&] { return !model.isListing(); }, 30000));
        }
        QCOMPARE(model.rowCount(), 8); // 7 versions + the folder
        QVERIFY(!model.lastError().isError());
        int folders = 0;
        int latest = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            folders += model.isFolderAt(row) ? 1 : 0;
            latest += model.versionAt(row).isLatest ? 1 : 0;
        }
        QCOMPARE(folders, 1);
        QCOMPARE(latest, 2);
        QCOMPARE(model.data(model.index(0, VersionListModel::NameColumn)).toString(), u"a.txt"_s);
        QCOMPARE(model.data(model.index(0, VersionListModel::StateColumn)).toString(), u"Current version"_s);
    }

    void browserToggleShowsVersionsOfTheFolder()
    {
        BrowserView browser;
        browser.resize(900, 500);
        browser.setSession(m_session.get());
        browser.openLocation(m_bucket, u"lazy/"_s);
        browser.show();
        QVERIFY(!browser.versionsView()->isVisible());
        browser.showVersionsAction()->setChecked(true);
        QVERIFY(browser.versionsView()->isVisible());
        QVERIFY(!browser.view()->isVisible());
        VersionListModel *model = browser.versionsView()->model();
        QVERIFY(waitUntil([&] { return !model->isListing() && model->rowCount() > 0; }, 30000));
        QCOMPARE(model->prefix(), u"lazy/"_s);
        QCOMPARE(model->rowCount(), 8);
        // The count under the list is the versions' (not the folder's count from before the toggle).
        QCOMPARE(browser.statusLabel()->text(), u"8 versions and folders"_s);
        // Opening a folder from the versions lists that folder's versions.
        browser.openLocation(m_bucket, u"lazy/sub/"_s);
        QVERIFY(waitUntil([&] { return !model->isListing() && model->prefix() == u"lazy/sub/"_s && model->rowCount() == 1; }, 30000));
        QCOMPARE(browser.statusLabel()->text(), u"1 version or folder"_s);
        browser.showVersionsAction()->setChecked(false);
        QVERIFY(browser.view()->isVisible());
        // Back to the folder's own count.
        QVERIFY(waitUntil([&] { return !browser.model()->isListing() && !browser.statusLabel()->text().contains(u"version"_s); }, 30000));
        QVERIFY2(browser.statusLabel()->text().endsWith(u"item"_s) || browser.statusLabel()->text().endsWith(u"items"_s),
                 qPrintable(browser.statusLabel()->text()));
    }

    void versionActions()
    {
        const QString oldId = put(u"act/doc.txt"_s, "the first text");
        QVERIFY(!oldId.isEmpty());
        const QString newId = put(u"act/doc.txt"_s, "the second text");
        QVERIFY(!newId.isEmpty());

        VersionsView view;
        view.resize(900, 400);
        view.show();
        view.setLocation(m_session.get(), m_bucket, u"act/"_s);
        QVERIFY(waitUntil([&] { return !view.model()->isListing() && view.model()->rowCount() == 2; }, 30000));

        // The current version cannot be restored over itself; an older one can.
        QVERIFY(view.selectVersion(u"act/doc.txt"_s, newId));
        QVERIFY(!view.restoreAction()->isEnabled());
        QVERIFY(!view.undeleteAction()->isEnabled());
        QVERIFY(view.selectVersion(u"act/doc.txt"_s, oldId));
        QVERIFY(view.restoreAction()->isEnabled());

        // Presign: the dialog signs a link to that version.
        view.presignAction()->trigger();
        PresignDialog *presign = view.findChild<PresignDialog *>();
        QVERIFY(presign);
        QCOMPARE(presign->versionId(), oldId);
        QVERIFY(waitUntil([&] { return !presign->url().isEmpty(); }, 30000));
        std::unique_ptr<QNetworkReply> reply(m_network.get(QNetworkRequest(QUrl(presign->url()))));
        QVERIFY(waitUntil([&] { return reply->isFinished(); }, 30000));
        QCOMPARE(reply->readAll(), QByteArray("the first text"));
        presign->close();

        // Download: a file next to an existing one gets a new name, with the old version's bytes.
        QFile existing(m_dir.filePath(u"doc.txt"_s));
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("mine");
        existing.close();
        view.downloadCurrent(m_dir.path());
        const QString expected = m_dir.filePath(u"doc (version %1).txt"_s.arg(oldId.left(12).replace(u'/', u'_')));
        QVERIFY2(waitUntil([&] { return QFile::exists(expected); }, 60000), qPrintable(expected));
        QFile downloaded(expected);
        QVERIFY(waitUntil([&] { return downloaded.size() == 14; }, 30000));
        QVERIFY(downloaded.open(QIODevice::ReadOnly));
        QCOMPARE(downloaded.readAll(), QByteArray("the first text"));
        QFile mine(m_dir.filePath(u"doc.txt"_s));
        QVERIFY(mine.open(QIODevice::ReadOnly));
        QCOMPARE(mine.readAll(), QByteArray("mine"));

        // Restore: the old bytes become the current version; all versions stay.
        QSignalSpy finished(&view, &VersionsView::operationFinished);
        view.restoreAction()->trigger();
        QVERIFY(waitUntil([&] { return finished.size() == 1; }, 60000));
        QVERIFY(finished.at(0).at(1).toBool());
        QCOMPARE(current(u"act/doc.txt"_s), QByteArray("the first text"));
        QCOMPARE(versionCount(u"act/"_s), 3);

        // Delete permanently: Cancel is the default and deletes nothing.
        QVERIFY(waitUntil([&] { return !view.model()->isListing() && view.model()->rowCount() == 3; }, 30000));
        QVERIFY(view.selectVersion(u"act/doc.txt"_s, oldId));
        view.deleteAction()->trigger();
        QVERIFY(view.pendingQuestion());
        QVERIFY(static_cast<QAbstractButton *>(view.pendingQuestion()->defaultButton()) == view.pendingQuestion()->button(QMessageBox::Cancel));
        QVERIFY(view.pendingQuestion()->informativeText().contains(u"cannot be restored or undone"_s));
        view.pendingQuestion()->button(QMessageBox::Cancel)->click();
        QTest::qWait(300);
        QCOMPARE(versionCount(u"act/"_s), 3);
        view.deleteAction()->trigger();
        QVERIFY(view.pendingQuestion());
        QAbstractButton *remove = nullptr;
        for (QAbstractButton *button : view.pendingQuestion()->buttons()) {
            if (button->text() == u"Delete permanently"_s)
                remove = button;
        }
        QVERIFY(remove);
        remove->click();
        QVERIFY(waitUntil([&] { return finished.size() == 2; }, 30000));
        QVERIFY(finished.at(1).at(1).toBool());
        QCOMPARE(versionCount(u"act/"_s), 2);

        // Undelete: a delete marker on top, removed from the view.
        DeleteObjectJob markDeleted(m_client.get(), m_bucket, u"act/doc.txt"_s);
        markDeleted.setAutoDelete(false);
        QVERIFY(runJob(markDeleted));
        QVERIFY(markDeleted.deleteMarker());
        int status = 0;
        current(u"act/doc.txt"_s, &status);
        QCOMPARE(status, 404);
        view.refresh();
        QVERIFY(waitUntil([&] { return !view.model()->isListing() && view.model()->rowCount() == 3; }, 30000));
        QVERIFY(view.selectVersion(u"act/doc.txt"_s, markDeleted.resultVersionId()));
        QVERIFY(view.undeleteAction()->isEnabled());
        QVERIFY(!view.restoreAction()->isEnabled());
        view.undeleteAction()->trigger();
        QVERIFY(waitUntil([&] { return finished.size() == 3; }, 30000));
        QVERIFY(finished.at(2).at(1).toBool());
        QCOMPARE(current(u"act/doc.txt"_s, &status), QByteArray("the first text"));
    }
};

QTEST_MAIN(TestLiveVersionsView)
#include "tst_live_versionsview.moc"
