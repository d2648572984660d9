// SPDX-License-Identifier: Apache-2.0
// The transfer engine against the real Ceph RGW: multipart uploads, parallel ranged downloads, pause/resume,
// cancel without orphans, object modified mid-download.
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "livetest.h"
#include "localfiles.h"
#include "reliabilitycase.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/crypto.h"
#include "s3core/ops/bucketjobs.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/transferqueue.h"


namespace {
/** Partial, state and probe files of S3Desk's downloads left in folder. */
} // namespace

using namespace s3;

class TestLiveTransfer : public QObject
{
    Q_OBJECT

public:
    explicit TestLiveTransfer(BulkPath path)
        : m_path(path)
    {
    }

private:
    BulkPath m_path;
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QString m_bucket;
    QTemporaryDir m_dir;

    ClientSettings settings() const
    {
        ClientSettings settings;
        settings.endpoint = m_client->endpoint();
        settings.credentials = m_client->credentialsProvider();
        settings.curlHttp = m_path.curl;
        if (m_path.tls)
            settings.caBundle = m_server.tlsCa;
        return settings;
    }

    QString writeFile(const QString &name, qint64 size, quint32 seed)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        const qint64 chunk = 4 * 1024 * 1024;
        for (qint64 done = 0; done < size; done += chunk)
            file.write(randomBytes(std::min(chunk, size - done), seed + quint32(done / chunk)));
        return path;
    }

    static QByteArray fileMd5(const QString &path)
    {
        Result<crypto::FileDigests> digests = crypto::digestFile(path);
        return digests ? digests->md5.toHex() : QByteArray();
    }

    bool waitFinished(TransferQueue &queue, TransferId id, int timeoutMs = 120000)
    {
        return waitUntil([&] { return isFinalState(queue.snapshot(id).state); }, timeoutMs);
    }

    int pendingUploads()
    {
        ListMultipartUploadsJob job(m_client.get(), m_bucket);
        job.setAutoDelete(false);
        runJob(job);
        return job.hasError() ? -1 : int(job.uploads().size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        S3DESK_REQUIRE_LIVE_TLS(m_server, m_path);
        QVERIFY(m_dir.isValid());
        m_client = m_server.client(&m_network, m_server.accessKey, m_server.secretKey, m_path.tls ? m_server.tlsEndpoint : QString());
        if (m_path.tls)
            QVERIFY(bool(m_client->setCaBundle(m_server.tlsCa)));
        m_bucket = createTestBucket(m_client.get(), QStringLiteral("s3desk-live-transfer"));
        QVERIFY(!m_bucket.isEmpty());
    }

    void multipartUploadAndParallelDownload_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qint64>("partSize");
        QTest::newRow("empty") << qint64(0) << qint64(5 * 1024 * 1024);
        QTest::newRow("one byte") << qint64(1) << qint64(5 * 1024 * 1024);
        QTest::newRow("below threshold") << qint64(3 * 1024 * 1024 + 5) << qint64(5 * 1024 * 1024);
        QTest::newRow("multipart, uneven last part") << qint64(23 * 1024 * 1024 + 123) << qint64(5 * 1024 * 1024);
        QTest::newRow("multipart, exact parts") << qint64(20 * 1024 * 1024) << qint64(5 * 1024 * 1024);
    }

    void multipartUploadAndParallelDownload()
    {
        QFETCH(qint64, size);
        QFETCH(qint64, partSize);
        const QString name = QStringLiteral("roundtrip-%1.bin").arg(size);
        const QString source = writeFile(name, size, quint32(size));
        QVERIFY(!source.isEmpty());

        TransferQueue queue(settings(), {4, 8});
        UploadOptions upload;
        upload.multipartThreshold = 16 * 1024 * 1024;
        upload.partSize = partSize;
        const TransferId up = queue.enqueueUpload(source, m_bucket, QStringLiteral("engine/") + name, upload);
        QVERIFY(waitFinished(queue, up));
        QCOMPARE(queue.snapshot(up).state, TransferState::Succeeded);
        QCOMPARE(queue.snapshot(up).bytesDone, size);

        HeadObjectJob head(m_client.get(), m_bucket, QStringLiteral("engine/") + name);
        head.setAutoDelete(false);
        QVERIFY(runJob(head));
        QCOMPARE(head.metadata().size, size);
        if (size >= upload.multipartThreshold)
            QVERIFY2(head.metadata().etag.contains(QLatin1Char('-')), qPrintable(head.metadata().etag));

        const QString target = m_dir.filePath(QStringLiteral("down/") + name);
        DownloadOptions download;
        download.partSize = 5 * 1024 * 1024;
        const TransferId down = queue.enqueueDownload(m_bucket, QStringLiteral("engine/") + name, target, download);
        QVERIFY(waitFinished(queue, down));
        QVERIFY2(queue.snapshot(down).state == TransferState::Succeeded, qPrintable(queue.snapshot(down).lastError.toString()));
        QCOMPARE(QFileInfo(target).size(), size);
        QCOMPARE(fileMd5(target), fileMd5(source));
        QCOMPARE(ownDownloadFilesIn(QFileInfo(target).path()), QStringList());
        QCOMPARE(pendingUploads(), 0);
        // The file bodies and ranges went over the path this run is for.
        QCOMPARE(queue.curlHttpStats().requestsSent > 0, m_path.curl);
        if (m_path.curl && size > 0) {
            recordReliabilityCase({QStringLiteral("Bulk data"),
                                   QStringLiteral("a %1-byte file uploaded and downloaded in parallel ranges over %2").arg(size).arg(m_path.tls ? QStringLiteral("https") : QStringLiteral("http")),
                                   QStringLiteral("the downloaded file is byte-identical to the source"),
                                   QStringLiteral("MD5 of source and download equal, sizes equal, no partial or state file left, no multipart upload left"),
                                   true, QStringLiteral("Ceph RGW")});
        }
    }

    void connectionBudgetIsShared()
    {
        const QString a = writeFile(QStringLiteral("budget-a.bin"), 30 * 1024 * 1024, 7);
        const QString b = writeFile(QStringLiteral("budget-b.bin"), 30 * 1024 * 1024, 8);
        TransferQueue queue(settings(), {2, 3});
        UploadOptions upload;
        upload.partSize = 5 * 1024 * 1024;
        const TransferId first = queue.enqueueUpload(a, m_bucket, QStringLiteral("budget/a"), upload);
        const TransferId second = queue.enqueueUpload(b, m_bucket, QStringLiteral("budget/b"), upload);
        int maxInFlight = 0;
        QTimer probe;
        connect(&probe, &QTimer::timeout, this, [&] { maxInFlight = std::max(maxInFlight, queue.requestsInFlight()); });
        probe.start(5);
        QVERIFY(waitFinished(queue, first));
        QVERIFY(waitFinished(queue, second));
        QCOMPARE(queue.snapshot(first).state, TransferState::Succeeded);
        QCOMPARE(queue.snapshot(second).state, TransferState::Succeeded);
        QVERIFY2(maxInFlight <= 3, qPrintable(QString::number(maxInFlight)));
        QVERIFY(maxInFlight >= 2);
    }

    void cancelledUploadLeavesNoMultipartUpload()
    {
        const QString source = writeFile(QStringLiteral("cancel.bin"), 40 * 1024 * 1024, 11);
        TransferQueue queue(settings(), {1, 2});
        UploadOptions upload;
        upload.partSize = 5 * 1024 * 1024;
        const TransferId id = queue.enqueueUpload(source, m_bucket, QStringLiteral("cancel/big.bin"), upload);
        QVERIFY(waitUntil([&] { return queue.snapshot(id).bytesDone > 6 * 1024 * 1024; }, 60000));
        queue.cancel(id);
        QCOMPARE(queue.snapshot(id).state, TransferState::Cancelled);
        QVERIFY(waitUntil([&] { return pendingUploads() == 0; }, 10000));
        HeadObjectJob head(m_client.get(), m_bucket, QStringLiteral("cancel/big.bin"));
        head.setAutoDelete(false);
        QVERIFY(runJob(head));
        QCOMPARE(head.error().httpStatus(), 404);
    }

    void pausedUploadResumesFromServerParts()
    {
        const QString source = writeFile(QStringLiteral("resume.bin"), 40 * 1024 * 1024, 13);
        const QString persisted = m_dir.filePath(QStringLiteral("queue.json"));
        TransferId id = 0;
        {
            TransferQueue queue(settings(), {1, 2});
            queue.setPersistencePath(persisted);
            UploadOptions upload;
            upload.partSize = 5 * 1024 * 1024;
            id = queue.enqueueUpload(source, m_bucket, QStringLiteral("resume/big.bin"), upload);
            QVERIFY(waitUntil([&] { return queue.snapshot(id).bytesDone >= 15 * 1024 * 1024; }, 60000));
            queue.pause(id);
            QCOMPARE(queue.snapshot(id).state, TransferState::Paused);
        } // the queue (the "app") goes away; the multipart upload stays on the server
        QCOMPARE(pendingUploads(), 1);

        TransferQueue restored(settings(), {1, 2});
        restored.setPersistencePath(persisted);
        Result<int> count = restored.restore();
        QVERIFY(count);
        QCOMPARE(*count, 1);
        QCOMPARE(restored.snapshot(id).state, TransferState::Paused);
        restored.resume(id);
        QVERIFY(waitFinished(restored, id));
        QVERIFY2(restored.snapshot(id).state == TransferState::Succeeded, qPrintable(restored.snapshot(id).lastError.toString()));
        QCOMPARE(pendingUploads(), 0);

        const QString target = m_dir.filePath(QStringLiteral("resumed.bin"));
        const TransferId down = restored.enqueueDownload(m_bucket, QStringLiteral("resume/big.bin"), target);
        QVERIFY(waitFinished(restored, down));
        QCOMPARE(fileMd5(target), fileMd5(source));
    }

    void downloadOfModifiedObjectFailsAndLeavesNothing()
    {
        const QString first = writeFile(QStringLiteral("v1.bin"), 30 * 1024 * 1024, 21);
        TransferQueue queue(settings(), {2, 2});
        UploadOptions upload;
        upload.partSize = 5 * 1024 * 1024;
        const TransferId v1 = queue.enqueueUpload(first, m_bucket, QStringLiteral("modified/object"), upload);
        QVERIFY(waitFinished(queue, v1));

        const QString target = m_dir.filePath(QStringLiteral("modified-target.bin"));
        {
            QFile existing(target);
            QVERIFY(existing.open(QIODevice::WriteOnly));
            existing.write("previous content");
        }
        DownloadOptions download;
        download.partSize = 1024 * 1024; // many ranges: the overwrite lands while they run
        download.maxRangesInFlight = 1;
        const TransferId down = queue.enqueueDownload(m_bucket, QStringLiteral("modified/object"), target, download);
        QVERIFY(waitUntil([&] { return queue.snapshot(down).bytesDone > 2 * 1024 * 1024; }, 60000));
        PutObjectJob overwrite(m_client.get(), m_bucket, QStringLiteral("modified/object"));
        overwrite.setAutoDelete(false);
        overwrite.setData("a newer, different version");
        QVERIFY(runJob(overwrite));
        QVERIFY(!overwrite.hasError());
        QVERIFY(queue.snapshot(down).bytesDone < 30 * 1024 * 1024);
        QVERIFY(waitFinished(queue, down));
        QCOMPARE(queue.snapshot(down).state, TransferState::Failed);
        QCOMPARE(queue.snapshot(down).lastError.kind(), S3Error::Kind::ObjectModified);
        QCOMPARE(ownDownloadFilesIn(QFileInfo(target).path()), QStringList());
        QFile existing(target);
        QVERIFY(existing.open(QIODevice::ReadOnly));
        QCOMPARE(existing.readAll(), QByteArray("previous content"));
    }

    void manySmallFilesDownOneGetEach()
    {
        // A folder of small files: uploaded, then downloaded through the listing, one GET per file, byte-identical.
        const int count = 300;
        const QString source = m_dir.filePath(QStringLiteral("many-src"));
        TransferQueue queue(settings());
        QMap<QString, QByteArray> files;
        for (int i = 0; i < count; ++i) {
            const QString name = QStringLiteral("d%1/f%2.bin").arg(i % 7).arg(i);
            files.insert(name, randomBytes(1 + (i * 37) % 9000, quint32(500 + i)));
            QDir().mkpath(QFileInfo(source + QLatin1Char('/') + name).path());
            QFile file(source + QLatin1Char('/') + name);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(files.value(name));
        }
        const QList<TransferId> ups = queue.enqueueFolderUpload(source, m_bucket, QStringLiteral("many"));
        QCOMPARE(ups.size(), count);
        QVERIFY(waitUntil([&] { return queue.isIdle(); }, 180000));
        for (TransferId id : ups)
            QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(queue.snapshot(id).lastError.toString()));

        TransferQueue down(settings());
        const QString target = m_dir.filePath(QStringLiteral("many-down"));
        QSignalSpy listed(&down, &TransferQueue::folderListingFinished);
        down.enqueuePrefixDownload(m_bucket, QStringLiteral("many/"), target);
        QVERIFY(listed.wait(60000));
        QCOMPARE(listed.first().at(2).toInt(), count);
        QVERIFY(waitUntil([&] { return down.isIdle(); }, 180000));
        for (const TransferSnapshot &snapshot : down.snapshots())
            QVERIFY2(snapshot.state == TransferState::Succeeded, qPrintable(snapshot.lastError.toString()));
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            QCOMPARE(readExistingFile(target + QLatin1Char('/') + it.key()), it.value());
        if (m_path.curl)
            QCOMPARE(down.curlHttpStats().requestsSent, count); // no ranges, no second request per file
        for (int i = 0; i < 7; ++i)
            QCOMPARE(ownDownloadFilesIn(target + QStringLiteral("/d%1").arg(i)), QStringList());
    }

    void objectChangedSinceTheListingIsDownloadedAsItIsNow()
    {
        PutObjectJob first(m_client.get(), m_bucket, QStringLiteral("listed/changed"));
        first.setAutoDelete(false);
        first.setData("the listed version");
        QVERIFY(runJob(first));
        QVERIFY(!first.hasError());
        HeadObjectJob head(m_client.get(), m_bucket, QStringLiteral("listed/changed"));
        head.setAutoDelete(false);
        QVERIFY(runJob(head));
        const ObjectMetadata listed = head.metadata();
        PutObjectJob second(m_client.get(), m_bucket, QStringLiteral("listed/changed"));
        second.setAutoDelete(false);
        second.setData("a newer and longer version of the object");
        QVERIFY(runJob(second));
        QVERIFY(!second.hasError());

        TransferQueue queue(settings());
        DownloadOptions options;
        options.listedSize = listed.size;
        options.listedEtag = listed.etag;
        const QString target = m_dir.filePath(QStringLiteral("listed-changed"));
        const TransferId id = queue.enqueueDownload(m_bucket, QStringLiteral("listed/changed"), target, options);
        QVERIFY(waitFinished(queue, id));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(queue.snapshot(id).lastError.toString()));
        QCOMPARE(readExistingFile(target), QByteArray("a newer and longer version of the object"));
        QCOMPARE(ownDownloadFilesIn(m_dir.path()), QStringList());
    }

    void restartInTheMiddleOfAManyFileJobResumesTheRest()
    {
        // Reuses the objects of manySmallFilesDownOneGetEach: a restart stops the job part-way, the queue file
        // brings back the rest, and the folder ends complete.
        const QString persisted = m_dir.filePath(QStringLiteral("many-queue.json"));
        const QString target = m_dir.filePath(QStringLiteral("many-restart"));
        int doneBefore = 0;
        {
            TransferQueue queue(settings(), {1, 2, 2});
            queue.setPersistencePath(persisted);
            QSignalSpy listed(&queue, &TransferQueue::folderListingFinished);
            queue.enqueuePrefixDownload(m_bucket, QStringLiteral("many/"), target);
            QVERIFY(listed.wait(60000));
            QVERIFY(waitUntil([&] {
                int done = 0;
                for (const TransferSnapshot &snapshot : queue.snapshots())
                    done += snapshot.state == TransferState::Succeeded ? 1 : 0;
                return done >= 40;
            }, 120000));
            for (const TransferSnapshot &snapshot : queue.snapshots())
                doneBefore += snapshot.state == TransferState::Succeeded ? 1 : 0;
        } // the queue goes away mid-job (saving its file), as when the app quits
        QVERIFY(doneBefore < 300);
        TransferQueue restored(settings());
        restored.setPersistencePath(persisted);
        const Result<int> count = restored.restore();
        QVERIFY(count);
        QVERIFY2(*count >= 300 - doneBefore - 4 && *count <= 300 - doneBefore, qPrintable(QString::number(*count)));
        restored.resumeAll();
        QVERIFY(waitUntil([&] { return restored.isIdle(); }, 180000));
        for (const TransferSnapshot &snapshot : restored.snapshots())
            QVERIFY2(snapshot.state == TransferState::Succeeded, qPrintable(snapshot.lastError.toString()));
        int files = 0;
        for (int i = 0; i < 300; ++i) {
            const QString name = QStringLiteral("d%1/f%2.bin").arg(i % 7).arg(i);
            QCOMPARE(readExistingFile(target + QLatin1Char('/') + name), randomBytes(1 + (i * 37) % 9000, quint32(500 + i)));
            ++files;
        }
        QCOMPARE(files, 300);
        for (int i = 0; i < 7; ++i)
            QCOMPARE(ownDownloadFilesIn(target + QStringLiteral("/d%1").arg(i)), QStringList());
    }

    void missingObjectAndMissingFile()
    {
        TransferQueue queue(settings());
        const TransferId down = queue.enqueueDownload(m_bucket, QStringLiteral("nope"), m_dir.filePath(QStringLiteral("nope")));
        QVERIFY(waitFinished(queue, down));
        QCOMPARE(queue.snapshot(down).state, TransferState::Failed);
        QCOMPARE(queue.snapshot(down).lastError.httpStatus(), 404);
        const TransferId up = queue.enqueueUpload(m_dir.filePath(QStringLiteral("no-such-file")), m_bucket, QStringLiteral("x"));
        QVERIFY(waitFinished(queue, up));
        QCOMPARE(queue.snapshot(up).lastError.kind(), S3Error::Kind::Io);
    }

    void cleanupTestCase()
    {
        if (!m_client)
            return;
        const S3Error removed = removeTestBucket(m_client.get(), m_bucket);
        QVERIFY2(!removed.isError(), qPrintable(removed.toString()));
    }
};

S3DESK_LIVE_MAIN_BULK_PATHS(TestLiveTransfer)
#include "tst_live_transfer.moc"
