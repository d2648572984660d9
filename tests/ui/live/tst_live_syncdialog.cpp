// SPDX-License-Identifier: Apache-2.0
// Synchronize… in the app against the real Ceph RGW, through the real main window: a local folder and a prefix
// that differ (a new file, one of another size, one the same, one only in the bucket) preview with the exact
// actions and reasons; Run makes them equal (byte-identical) through the transfer queue; a second preview has
// nothing to do; the extra object stays while delete is off (the default) and goes with it on; checksum
// comparison says "same MD5"; the download direction does the same the other way round (an empty folder marker
// becomes a folder).
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "browser/synccontroller.h"
#include "dialogs/syncdialog.h"
#include "models/objectlistmodel.h"
#include "models/syncplanmodel.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/transferengine.h"
#include "livewindowfixture.h"
#include "uitestsupport.h"
#include "util/format.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestLiveSyncDialog : public QObject
{
    Q_OBJECT

    LiveWindowFixture m_live; // server, dir, client, bucket, settings, window

    BrowserView *browser() const { return m_live.window->browser(); }

    bool put(const QString &key, const QByteArray &data) { return putTestObject(m_live.client.get(), m_live.bucket, key, data); }

    QByteArray get(const QString &key)
    {
        s3::GetObjectJob job(m_live.client.get(), m_live.bucket, key);
        job.setAutoDelete(false);
        job.setMaxMemoryBytes(16 * 1024 * 1024);
        if (!runJob(job) || job.hasError())
            return "(missing)";
        return job.data().isNull() ? QByteArray("") : job.data();
    }

    bool exists(const QString &key) { return testObjectExists(m_live.client.get(), m_live.bucket, key); }

    /** Keys below prefix, relative to it. */
    QStringList keysBelow(const QString &prefix)
    {
        s3::ListObjectsPageJob job(m_live.client.get(), {m_live.bucket, prefix, {}, {}, 1000, {}});
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            return {u"(listing failed)"_s};
        QStringList keys;
        for (const s3::ObjectInfo &object : job.page().objects)
            keys.append(object.key.mid(prefix.size()));
        return keys;
    }

    /** Writes a local file an hour old (a listing's LastModified is then surely newer than it). */
    static bool writeOld(const QString &path, const QByteArray &data)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        // Flushed first: the buffered bytes written at close would set the time to now again.
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size() || !file.flush())
            return false;
        return file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-3600), QFileDevice::FileModificationTime);
    }

    static QByteArray readLocal(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
    }

    /** Opens Synchronize… on prefix (a folder row selected in its parent) and returns the dialog. */
    SyncDialog *openSync(const QString &folderName)
    {
        browser()->openLocation(m_live.bucket, {});
        if (!waitUntil([this] { return !browser()->model()->isListing(); }, 20000))
            return nullptr;
        if (!waitUntil([&] { return browser()->model()->rowOfName(folderName) >= 0; }, 10000) || !browser()->selectName(folderName))
            return nullptr;
        browser()->syncAction()->trigger();
        return waitForVisibleChild<SyncDialog>(m_live.window.get(), u"syncDialog"_s, 10000);
    }

    static SyncController *controllerOf(SyncDialog *dialog) { return dialog->findChild<SyncController *>(u"syncController"_s); }

    /** Previews and returns every row (skipped ones too) as "Action path: reason". */
    static QStringList preview(SyncDialog *dialog)
    {
        SyncController *controller = controllerOf(dialog);
        QSignalSpy done(controller, &SyncController::previewFinished);
        dialog->previewButton()->click();
        if ((done.isEmpty() && !done.wait(60000)) || !done.first().first().toBool()) {
            qWarning() << "preview failed:" << dialog->statusLabel()->text();
            return {u"(preview failed)"_s};
        }
        dialog->showSkippedBox()->setChecked(true);
        QStringList rows;
        SyncPlanModel *model = controller->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            rows.append(u"%1 %2: %3"_s.arg(model->index(row, SyncPlanModel::ActionColumn).data().toString(),
                                           model->index(row, SyncPlanModel::PathColumn).data().toString(),
                                           model->index(row, SyncPlanModel::ReasonColumn).data().toString()));
        }
        dialog->showSkippedBox()->setChecked(false);
        return rows;
    }

    static bool runSync(SyncDialog *dialog)
    {
        SyncController *controller = controllerOf(dialog);
        QSignalSpy done(controller, &SyncController::runFinished);
        if (!dialog->runButton()->isEnabled()) {
            qWarning() << "Run is not enabled";
            return false;
        }
        dialog->runButton()->click();
        // A run with nothing to transfer and only local deletes ends within the click.
        if (done.isEmpty() && !done.wait(120000)) {
            qWarning() << "run did not finish:" << dialog->statusLabel()->text();
            return false;
        }
        if (!done.first().first().toBool())
            qWarning() << "run failed:" << dialog->statusLabel()->text();
        return done.first().first().toBool();
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_live.server);
        QVERIFY(m_live.createBucket(u"syncui-live"_s));
        QVERIFY(m_live.openWindow(liveSessionConfig(m_live.server, m_live.bucket)));
    }

    void cleanupTestCase()
    {
        QVERIFY(m_live.cleanUp());
    }

    void uploadPreviewRunAndAgain()
    {
        const QString local = m_live.dir.filePath(u"up"_s);
        const QByteArray changed = randomBytes(3000, 7);
        const QByteArray deep = randomBytes(70000, 8);
        QVERIFY(writeOld(local + u"/new.txt"_s, "brand new"));
        QVERIFY(writeOld(local + u"/changed.bin"_s, changed));
        QVERIFY(writeOld(local + u"/same.txt"_s, "the same"));
        QVERIFY(writeOld(local + u"/sub/deep.bin"_s, deep));
        QVERIFY(put(u"up/changed.bin"_s, "short"));
        QVERIFY(put(u"up/same.txt"_s, "the same"));
        QVERIFY(put(u"up/extra.txt"_s, "only in the bucket"));

        SyncDialog *dialog = openSync(u"up"_s);
        QVERIFY(dialog);
        QCOMPARE(dialog->prefix(), u"up/"_s);
        // The safe defaults: upload, size and time, delete off (its warning hidden), skipped rows hidden.
        QVERIFY(dialog->request().direction == s3::SyncDirection::LocalToS3);
        QVERIFY(!dialog->request().compareChecksum);
        QVERIFY(!dialog->deleteBox()->isChecked());
        QVERIFY(!dialog->deleteWarning()->isVisible());
        QVERIFY(!dialog->showSkippedBox()->isChecked());
        QVERIFY(!dialog->runButton()->isEnabled());
        controllerOf(dialog)->setPageSize(2); // the listing in pages, the rows streaming in
        dialog->folderEdit()->setText(local);

        QCOMPARE(preview(dialog), (QStringList{u"Upload changed.bin: size differs"_s, u"Skip extra.txt: not in the source (kept)"_s,
                                               u"Upload new.txt: new"_s, u"Skip same.txt: same size and time"_s, u"Upload sub/deep.bin: new"_s}));
        // Skipped rows hidden by default, counted in the summary.
        QCOMPARE(controllerOf(dialog)->model()->rowCount(), 3);
        QCOMPARE(dialog->summaryLabel()->text(), u"3 to upload (%1), 1 unchanged, 1 kept (not in the source); compared 1 by size, 1 by size and time"_s
                                                       .arg(formatSize(9 + 3000 + 70000)));
        QVERIFY(dialog->runButton()->isEnabled());

        QSignalSpy finished(m_live.window->currentSession()->transfers(), &s3::TransferEngine::taskFinished);
        QVERIFY(runSync(dialog));
        QCOMPARE(finished.size(), 3); // through the queue: one transfer each
        QCOMPARE(get(u"up/new.txt"_s), QByteArray("brand new"));
        QCOMPARE(get(u"up/changed.bin"_s), changed);
        QCOMPARE(get(u"up/same.txt"_s), QByteArray("the same"));
        QCOMPARE(get(u"up/sub/deep.bin"_s), deep);
        QVERIFY(exists(u"up/extra.txt"_s)); // delete is off

        // Again: nothing to do.
        QCOMPARE(preview(dialog), (QStringList{u"Skip changed.bin: same size and time"_s, u"Skip extra.txt: not in the source (kept)"_s,
                                               u"Skip new.txt: same size and time"_s, u"Skip same.txt: same size and time"_s,
                                               u"Skip sub/deep.bin: same size and time"_s}));
        QCOMPARE(controllerOf(dialog)->model()->rowCount(), 0);
        QVERIFY2(dialog->summaryLabel()->text().startsWith(u"Nothing to do, 4 unchanged"_s), qPrintable(dialog->summaryLabel()->text()));
        QVERIFY(!dialog->runButton()->isEnabled());

        // By checksum: the single-part ETags are the MD5s.
        dialog->compareBox()->setCurrentIndex(1);
        QCOMPARE(preview(dialog), (QStringList{u"Skip changed.bin: same MD5"_s, u"Skip extra.txt: not in the source (kept)"_s, u"Skip new.txt: same MD5"_s,
                                               u"Skip same.txt: same MD5"_s, u"Skip sub/deep.bin: same MD5"_s}));
        QVERIFY2(dialog->summaryLabel()->text().endsWith(u"compared 4 by MD5"_s), qPrintable(dialog->summaryLabel()->text()));

        // Delete on: warned, and the extra object goes.
        dialog->deleteBox()->setChecked(true);
        QVERIFY(dialog->deleteWarning()->isVisible());
        QVERIFY(dialog->deleteWarning()->text().contains(u"will be deleted"_s));
        QCOMPARE(preview(dialog), (QStringList{u"Skip changed.bin: same MD5"_s, u"Delete extra.txt: not in the source"_s, u"Skip new.txt: same MD5"_s,
                                               u"Skip same.txt: same MD5"_s, u"Skip sub/deep.bin: same MD5"_s}));
        QVERIFY(runSync(dialog));
        QCOMPARE(controllerOf(dialog)->deleted(), qint64(1));
        QCOMPARE(keysBelow(u"up/"_s), (QStringList{u"changed.bin"_s, u"new.txt"_s, u"same.txt"_s, u"sub/deep.bin"_s}));
        QVERIFY(preview(dialog).filter(u"Skip"_s).size() == 4);
        QCOMPARE(controllerOf(dialog)->model()->tally().actions(), qint64(0));
        dialog->close();
    }

    void downloadPreviewRunAndAgain()
    {
        const QString local = m_live.dir.filePath(u"down"_s);
        const QByteArray big = randomBytes(200000, 9);
        QVERIFY(put(u"down/a.txt"_s, "from the bucket"));
        QVERIFY(put(u"down/sub/b.bin"_s, big));
        QVERIFY(put(u"down/same.txt"_s, "same"));
        QVERIFY(put(u"down/empty/"_s, "")); // a folder marker: no row, a folder after the run
        QVERIFY(writeOld(local + u"/a.txt"_s, "local, other size"));
        QVERIFY(writeOld(local + u"/local-only.txt"_s, "only here"));
        QVERIFY(writeOld(local + u"/same.txt"_s, "same"));
        // Same size and the local copy older: the object is newer, so it comes down (time decides).
        SyncDialog *dialog = openSync(u"down"_s);
        QVERIFY(dialog);
        dialog->folderEdit()->setText(local);
        dialog->directionBox()->setCurrentIndex(dialog->directionBox()->findData(int(s3::SyncDirection::S3ToLocal)));
        QCOMPARE(preview(dialog), (QStringList{u"Download a.txt: size differs"_s, u"Skip local-only.txt: not in the source (kept)"_s,
                                               u"Download same.txt: newer"_s, u"Download sub/b.bin: new"_s}));
        QVERIFY(runSync(dialog));
        QCOMPARE(readLocal(local + u"/a.txt"_s), QByteArray("from the bucket"));
        QCOMPARE(readLocal(local + u"/sub/b.bin"_s), big);
        QCOMPARE(readLocal(local + u"/same.txt"_s), QByteArray("same"));
        QVERIFY(QFile::exists(local + u"/local-only.txt"_s));
        QVERIFY(QFileInfo(local + u"/empty"_s).isDir());

        const QStringList again = preview(dialog);
        QCOMPARE(again.size(), 4);
        QCOMPARE(again.filter(u"Skip "_s).size(), 4);
        QCOMPARE(again.at(1), u"Skip local-only.txt: not in the source (kept)"_s);

        dialog->deleteBox()->setChecked(true);
        QVERIFY(preview(dialog).contains(u"Delete local-only.txt: not in the source"_s));
        QVERIFY(runSync(dialog));
        QVERIFY(!QFile::exists(local + u"/local-only.txt"_s));
        QCOMPARE(QDir(local).entryList(QDir::Files | QDir::NoDotAndDotDot), (QStringList{u"a.txt"_s, u"same.txt"_s}));
        QCOMPARE(controllerOf(dialog)->model()->tally().actions(), qint64(1));
        QCOMPARE(preview(dialog).filter(u"Skip "_s).size(), 3);
        dialog->close();
    }
};

QTEST_MAIN(TestLiveSyncDialog)
#include "tst_live_syncdialog.moc"
