// SPDX-License-Identifier: Apache-2.0
// Folder jobs of the transfer queue against the in-process fake S3 server: a 2,000-object folder download keeps
// few TransferTask objects alive, counts its files right, ends byte-identical, and goes on after a save and a
// restore half way; cancel and retry of the job; a folder upload as one job.
#include <algorithm>

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "fakes3server.h"
#include "localfiles.h"
#include "livetest.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/transfer/transferqueue.h"
#include "s3core/transfer/transfertask.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

class TestTransferQueueGroups : public QObject
{
    Q_OBJECT

    FakeS3Server m_server;
    QTemporaryDir m_dir;

    ClientSettings settings() const
    {
        ClientSettings settings;
        settings.endpoint = *Endpoint::parse(m_server.endpointUrl(), u"us-east-1"_s, AddressingStyle::Path);
        Credentials credentials;
        credentials.accessKeyId = u"AKIDTEST"_s;
        credentials.secretAccessKey = u"secret"_s;
        settings.credentials = std::make_shared<StaticCredentialsProvider>(credentials);
        settings.transferTimeoutMs = 10000;
        return settings;
    }

    static QByteArray content(int i) { return u"file %1 "_s.arg(i).toUtf8().repeated(1 + i % 7); }

    static DownloadOptions fastOptions()
    {
        DownloadOptions options;
        options.fsync = false; // 2,000 flushes would measure the disk, not the queue
        return options;
    }

    void putObjects(const QString &prefix, int count)
    {
        for (int i = 0; i < count; ++i)
            m_server.putObject(u"bucket"_s, u"%1d%2/f%3.txt"_s.arg(prefix).arg(i % 20).arg(i), content(i));
    }

    bool allIdentical(const QString &target, int count) const
    {
        for (int i = 0; i < count; ++i) {
            QFile file(u"%1/d%2/f%3.txt"_s.arg(target).arg(i % 20).arg(i));
            if (!file.open(QIODevice::ReadOnly) || file.readAll() != content(i)) {
                qWarning() << "differs:" << file.fileName();
                return false;
            }
        }
        return true;
    }

    /** The most TransferTasks alive at once while `queue` adds tasks (they are made in taskAdded's emitter). */
    static void trackLiveTasks(TransferQueue &queue, int *most)
    {
        QObject::connect(&queue, &TransferQueue::taskAdded, &queue, [most](const TransferSnapshot &) {
            *most = std::max(*most, TransferTask::liveInstances());
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.start());
        m_server.createBucket(u"bucket"_s);
    }

    void bigFolderKeepsFewTasksAndSurvivesARestart()
    {
        constexpr int Count = 2000;
        putObjects(u"big/"_s, Count);
        const QString target = m_dir.filePath(u"big"_s);
        const QString persisted = m_dir.filePath(u"groups-queue.json"_s);
        const int before = TransferTask::liveInstances();
        int most = 0;
        TransferId groupId = 0;
        {
            TransferQueue queue(settings());
            queue.setPersistencePath(persisted);
            trackLiveTasks(queue, &most);
            QSignalSpy listed(&queue, &TransferQueue::folderListingFinished);
            groupId = queue.enqueueFolderDownloadGroup(u"bucket"_s, u"big/"_s, target, fastOptions());
            QVERIFY(queue.isGroup(groupId));
            QVERIFY(listed.wait(20000));
            QCOMPARE(listed.first().at(2).toInt(), Count);
            QVERIFY(waitUntil([&] { return queue.snapshot(groupId).files.done >= Count / 3; }, 60000));
            const TransferSnapshot half = queue.snapshot(groupId);
            QVERIFY(half.isGroup);
            QCOMPARE(half.files.files, Count);
            QVERIFY(half.files.done < Count);
            const TransferLimits defaults;
            const int taskBound = defaults.maxActiveTransfers + defaults.maxActiveSmallTransfers + TransferQueue::MaterialiseAhead;
            // The tasks of the job's slots and the few made ahead, plus those finished in this turn, not yet deleted.
            QVERIFY2(queue.taskObjectCount() <= taskBound + 6, qPrintable(QString::number(queue.taskObjectCount())));
            QVERIFY(queue.saveNow());
        } // the queue saves itself again and goes, tasks and all, like a quit half way
        QCOMPARE(TransferTask::liveInstances(), before);
        const TransferLimits limits;
        const int bound = limits.maxActiveTransfers + limits.maxActiveSmallTransfers + TransferQueue::MaterialiseAhead;
        // Tasks dropped in one event-loop turn are deleted at its end: allow for one turn's worth on top of the bound.
        qInfo() << "most TransferTask objects alive during the first half:" << most - before << "(bound" << bound << ")";
        QVERIFY2(most - before <= 2 * bound, qPrintable(QString::number(most - before)));

        TransferQueue queue(settings());
        queue.setPersistencePath(persisted);
        most = 0;
        trackLiveTasks(queue, &most);
        QVERIFY(queue.restore());
        QVERIFY(queue.restoreProblems().isEmpty());
        QVERIFY(queue.isGroup(groupId));
        const TransferSnapshot restored = queue.snapshot(groupId);
        QCOMPARE(restored.state, TransferState::Paused); // restored jobs wait for the user
        QCOMPARE(restored.files.files, Count);
        QVERIFY(restored.files.done >= Count / 3);
        QSignalSpy finished(&queue, &TransferQueue::taskFinished);
        queue.resume(groupId);
        QVERIFY(waitUntil([&] { return queue.snapshot(groupId).state == TransferState::Succeeded; }, 90000));
        const TransferSnapshot done = queue.snapshot(groupId);
        QCOMPARE(done.files.done, Count);
        QCOMPARE(done.files.files, Count);
        QCOMPARE(done.files.failed, 0);
        QCOMPARE(done.bytesDone, done.bytesTotal);
        QVERIFY(std::any_of(finished.cbegin(), finished.cend(), [&](const QList<QVariant> &args) {
            const auto s = args.at(0).value<TransferSnapshot>();
            return s.isGroup && s.id == groupId && s.state == TransferState::Succeeded;
        }));
        QVERIFY(allIdentical(target, Count));
        QVERIFY(ownDownloadFilesIn(target).isEmpty());
        QVERIFY(waitUntil([&] { return queue.taskObjectCount() == 0; }, 5000)); // every file counted and dropped
        QVERIFY2(most - before <= 2 * bound, qPrintable(QString::number(most - before)));
        queue.remove(groupId);
        QVERIFY(!queue.contains(groupId));
    }

    void cancelHalfWayThenRetry()
    {
        constexpr int Count = 300;
        putObjects(u"cancel/"_s, Count);
        FakeS3Fault slow;
        slow.operation = u"GetObject"_s;
        slow.delayMs = 20;
        slow.times = -1;
        m_server.addFault(slow);
        const QString target = m_dir.filePath(u"cancel"_s);
        TransferQueue queue(settings());
        const TransferId groupId = queue.enqueueFolderDownloadGroup(u"bucket"_s, u"cancel/"_s, target, fastOptions());
        QVERIFY(waitUntil([&] { return queue.snapshot(groupId).files.done >= 20; }, 30000));
        queue.cancel(groupId);
        QVERIFY(waitUntil([&] { return queue.snapshot(groupId).state == TransferState::Cancelled; }, 30000));
        const TransferSnapshot cancelled = queue.snapshot(groupId);
        QCOMPARE(cancelled.files.files, Count);
        QVERIFY(cancelled.files.cancelled > 0);
        QCOMPARE(cancelled.files.done + cancelled.files.cancelled, Count);
        QVERIFY(ownDownloadFilesIn(target).isEmpty()); // a cancelled file leaves no partial file
        // Another download to a file the job still holds (its cancelled records) is refused until retry or remove.
        QVERIFY(queue.claimOf(u"%1/d19/f299.txt"_s.arg(target)));
        m_server.clearFaults();
        queue.retry(groupId);
        QVERIFY(waitUntil([&] { return queue.snapshot(groupId).state == TransferState::Succeeded; }, 60000));
        QCOMPARE(queue.snapshot(groupId).files.done, Count);
        QVERIFY(allIdentical(target, Count));
        queue.remove(groupId);
        QVERIFY(!queue.claimOf(u"%1/d19/f299.txt"_s.arg(target)));
    }

    void pauseStopsMakingTasks()
    {
        constexpr int Count = 100;
        putObjects(u"pause/"_s, Count);
        const QString target = m_dir.filePath(u"pause"_s);
        TransferQueue queue(settings(), TransferLimits{1, 1, 1});
        const TransferId groupId = queue.enqueueFolderDownloadGroup(u"bucket"_s, u"pause/"_s, target, fastOptions());
        queue.pause(groupId);
        QSignalSpy listed(&queue, &TransferQueue::folderListingFinished);
        QVERIFY(listed.wait(10000));
        QTest::qWait(200);
        const TransferSnapshot paused = queue.snapshot(groupId);
        QCOMPARE(paused.state, TransferState::Paused);
        QCOMPARE(paused.files.files, Count);
        QCOMPARE(paused.files.paused, Count);
        QCOMPARE(queue.taskObjectCount(), 0); // nothing made into a task while paused
        QVERIFY(queue.isIdle());
        queue.resume(groupId);
        QVERIFY(waitUntil([&] { return queue.snapshot(groupId).state == TransferState::Succeeded; }, 60000));
        QVERIFY(allIdentical(target, Count));
    }

    void folderUploadAsOneJob()
    {
        const QString source = m_dir.filePath(u"up-src"_s);
        for (int i = 0; i < 50; ++i) {
            QVERIFY(QDir().mkpath(u"%1/s%2"_s.arg(source).arg(i % 5)));
            QFile file(u"%1/s%2/u%3.txt"_s.arg(source).arg(i % 5).arg(i));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content(i));
        }
        TransferQueue queue(settings());
        const TransferId groupId = queue.enqueueFolderUploadGroup(source, u"bucket"_s, u"uploaded"_s);
        QCOMPARE(queue.snapshot(groupId).files.files, 50);
        QVERIFY(waitUntil([&] { return queue.snapshot(groupId).state == TransferState::Succeeded; }, 60000));
        for (int i = 0; i < 50; ++i) {
            const std::optional<FakeS3Object> object = m_server.object(u"bucket"_s, u"uploaded/s%1/u%2.txt"_s.arg(i % 5).arg(i));
            QVERIFY(object);
            QCOMPARE(object->data, content(i));
        }
    }

    // The app's path: files planned elsewhere (walked, conflicts resolved), two of them renamed by "Keep both", one
    // left out (Skip). The job uploads exactly those files to those keys; its records, keys and all, survive a save
    // and a restore half way (the renamed files are among those left for after the restart).
    void plannedUploadGroupWithKeys()
    {
        const QString source = m_dir.filePath(u"planned-src"_s);
        constexpr int Count = 40;
        QList<PendingFile> files;
        for (int i = 0; i < Count; ++i) {
            const QString name = u"p%1/f%2.txt"_s.arg(i % 4).arg(i);
            QVERIFY(QDir().mkpath(u"%1/p%2"_s.arg(source).arg(i % 4)));
            QFile file(source + u'/' + name);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content(i));
            file.close();
            if (i == 7)
                continue; // skipped by the user: not in the job
            PendingFile record{name, qint64(content(i).size()), {}, {}};
            if (i == Count - 1 || i == Count - 2)
                record.key = u"planned/p%1/f%2 (1).txt"_s.arg(i % 4).arg(i);
            else if (i == 3)
                record.key = u"planned/"_s + name; // the default key, given anyway: kept as no key
            files.append(record);
        }
        const QString persisted = m_dir.filePath(u"planned-queue.json"_s);
        TransferId groupId = 0;
        {
            // One slot, so the job is half way when saved; a slow PUT keeps it there.
            FakeS3Fault slow;
            slow.operation = u"PutObject"_s;
            slow.delayMs = 30;
            slow.times = -1;
            m_server.addFault(slow);
            TransferQueue queue(settings(), TransferLimits{1, 1, 1});
            queue.setPersistencePath(persisted);
            groupId = queue.enqueueUploadGroup(source, u"bucket"_s, u"planned/"_s, files);
            QVERIFY(queue.isGroup(groupId));
            QCOMPARE(queue.snapshot(groupId).files.files, Count - 1);
            QVERIFY(waitUntil([&] { return queue.snapshot(groupId).files.done >= 5; }, 30000));
            queue.pause(groupId);
            QVERIFY(waitUntil([&] { return queue.snapshot(groupId).files.running == 0; }, 30000));
            QVERIFY(queue.saveNow());
        }
        m_server.clearFaults();
        QFile saved(persisted);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray json = saved.readAll();
        QVERIFY2(json.contains("\"planned/p3/f39 (1).txt\""), json.left(2000).constData());
        QVERIFY(!json.contains("\"planned/p3/f3.txt\"")); // the default key is not written

        TransferQueue queue(settings());
        queue.setPersistencePath(persisted);
        QVERIFY(queue.restore());
        QVERIFY2(queue.restoreProblems().isEmpty(), qPrintable(queue.restoreProblems().join(u'\n')));
        QVERIFY(queue.isGroup(groupId));
        queue.resume(groupId);
        QVERIFY(waitUntil([&] { return queue.snapshot(groupId).state == TransferState::Succeeded; }, 60000));
        QCOMPARE(queue.snapshot(groupId).files.done, Count - 1);
        for (int i = 0; i < Count; ++i) {
            const QString plain = u"planned/p%1/f%2.txt"_s.arg(i % 4).arg(i);
            const QString renamed = u"planned/p%1/f%2 (1).txt"_s.arg(i % 4).arg(i);
            const bool isRenamed = i == Count - 1 || i == Count - 2;
            QCOMPARE(bool(m_server.object(u"bucket"_s, plain)), i != 7 && !isRenamed);
            QCOMPARE(bool(m_server.object(u"bucket"_s, renamed)), isRenamed);
            if (i != 7)
                QCOMPARE(m_server.object(u"bucket"_s, isRenamed ? renamed : plain)->data, content(i));
        }
        queue.remove(groupId);
    }
};

QTEST_GUILESS_MAIN(TestTransferQueueGroups)
#include "tst_transferqueuegroups.moc"
