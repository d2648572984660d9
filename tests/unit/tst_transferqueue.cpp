// SPDX-License-Identifier: Apache-2.0
// The transfer queue and engine against the in-process fake S3 server: scheduling, connection budget,
// coalesced notifications, pause/resume from the server's parts, cancel without orphans, download checks.
#include <cstring>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "fakes3server.h"
#include "localfiles.h"
#include "livetest.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/crypto.h"
#include "s3core/transfer/transferengine.h"
#include "s3core/transfer/downloadstate.h"
#include "s3core/transfer/transferqueue.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {
/** Partial, state and probe files of S3Desk's downloads left in folder. */
} // namespace

class TestTransferQueue : public QObject
{
    Q_OBJECT

    FakeS3Server m_server;
    QTemporaryDir m_dir;

    ClientSettings settings() const
    {
        ClientSettings settings;
        settings.endpoint = *Endpoint::parse(m_server.endpointUrl(), QStringLiteral("us-east-1"), AddressingStyle::Path);
        Credentials credentials;
        credentials.accessKeyId = QStringLiteral("AKIDTEST");
        credentials.secretAccessKey = QStringLiteral("secret");
        settings.credentials = std::make_shared<StaticCredentialsProvider>(credentials);
        settings.transferTimeoutMs = 5000;
        return settings;
    }

    QString writeFile(const QString &name, const QByteArray &data)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(data);
        return path;
    }

    static UploadOptions smallParts()
    {
        UploadOptions options;
        options.multipartThreshold = 8 * MiB;
        options.partSize = 5 * MiB;
        return options;
    }

    static void transports()
    {
        QTest::addColumn<bool>("direct");
        QTest::newRow("libcurl") << true;
        QTest::newRow("qt http") << false;
    }

    static bool waitFinal(const TransferQueue &queue, TransferId id, int ms = 20000)
    {
        return waitUntil([&] { return isFinalState(queue.snapshot(id).state); }, ms);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        QVERIFY(m_dir.isValid());
        m_server.createBucket(QStringLiteral("bucket"));
    }

    void init()
    {
        m_server.clearFaults();
        m_server.clearLog();
        m_server.resetStatistics();
    }

    void multipartUploadParts_data() { transports(); }
    void multipartUploadParts()
    {
        QFETCH(bool, direct);
        const QByteArray data = randomBytes(12 * MiB + 7, 1);
        const QString path = writeFile(QStringLiteral("mp.bin"), data);
        ClientSettings clientSettings = settings();
        clientSettings.curlHttp = direct;
        TransferQueue queue(clientSettings);
        QSignalSpy finished(&queue, &TransferQueue::taskFinished);
        const TransferId id = queue.enqueueUpload(path, QStringLiteral("bucket"), QStringLiteral("dir/mp.bin"), smallParts());
        QVERIFY(waitFinal(queue, id));
        QCOMPARE(queue.snapshot(id).state, TransferState::Succeeded);
        QCOMPARE(queue.snapshot(id).bytesDone, data.size());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(m_server.count(QStringLiteral("CreateMultipartUpload")), 1);
        QCOMPARE(m_server.count(QStringLiteral("UploadPart")), 3);
        QCOMPARE(m_server.count(QStringLiteral("CompleteMultipartUpload")), 1);
        QCOMPARE(m_server.object(QStringLiteral("bucket"), QStringLiteral("dir/mp.bin"))->data, data);
        QCOMPARE(m_server.object(QStringLiteral("bucket"), QStringLiteral("dir/mp.bin"))->contentType, QStringLiteral("application/octet-stream"));
        for (const FakeS3Request &request : m_server.requests()) {
            if (request.operation == QLatin1String("UploadPart")) // the signed SHA-256 is the integrity check
                QCOMPARE(request.header("x-amz-content-sha256"), crypto::sha256Hex(request.body));
        }
        QVERIFY(queue.isIdle());
        // The parts went over the path asked for; the small requests always go through Qt.
        QCOMPARE(queue.curlHttpStats().requestsSent, direct ? 3 : 0);
    }

    void smallFileIsOnePut()
    {
        const QString path = writeFile(QStringLiteral("small.json"), "{\"a\":1}");
        TransferQueue queue(settings());
        const TransferId id = queue.enqueueUpload(path, QStringLiteral("bucket"), QStringLiteral("small.json"));
        QVERIFY(waitFinal(queue, id));
        QCOMPARE(queue.snapshot(id).state, TransferState::Succeeded);
        QCOMPARE(m_server.count(QStringLiteral("PutObject")), 1);
        QCOMPARE(m_server.object(QStringLiteral("bucket"), QStringLiteral("small.json"))->contentType, QStringLiteral("application/json"));
    }

    void connectionBudgetAndActiveLimit()
    {
        TransferQueue queue(settings(), {2, 3});
        FakeS3Fault slow;
        slow.operation = QStringLiteral("UploadPart");
        slow.delayMs = 100;
        slow.times = -1;
        m_server.addFault(slow);
        QList<TransferId> ids;
        for (int i = 0; i < 3; ++i)
            ids.append(queue.enqueueUpload(writeFile(QStringLiteral("budget%1").arg(i), randomBytes(16 * MiB, quint32(i))),
                                           QStringLiteral("bucket"), QStringLiteral("budget/%1").arg(i), smallParts()));
        int maxActive = 0;
        QTimer probe;
        connect(&probe, &QTimer::timeout, this, [&] {
            int active = 0;
            for (const TransferSnapshot &s : queue.snapshots())
                active += (s.state == TransferState::Running || s.state == TransferState::Completing);
            maxActive = std::max(maxActive, active);
            QVERIFY(queue.requestsInFlight() <= 3);
        });
        probe.start(2);
        for (TransferId id : ids)
            QVERIFY(waitFinal(queue, id, 30000));
        for (TransferId id : ids)
            QCOMPARE(queue.snapshot(id).state, TransferState::Succeeded);
        QVERIFY2(m_server.maxConcurrentRequests() <= 3, qPrintable(QString::number(m_server.maxConcurrentRequests())));
        QCOMPARE(maxActive, 2);
    }

    void notificationsAreCoalesced()
    {
        FakeS3Fault slow;
        slow.operation = QStringLiteral("UploadPart");
        slow.delayMs = 400;
        slow.times = -1;
        m_server.addFault(slow);
        TransferQueue queue(settings(), {1, 1});
        QSignalSpy changed(&queue, &TransferQueue::tasksChanged);
        QElapsedTimer timer;
        timer.start();
        const TransferId id = queue.enqueueUpload(writeFile(QStringLiteral("coalesce.bin"), randomBytes(15 * MiB, 3)),
                                                  QStringLiteral("bucket"), QStringLiteral("coalesce"), smallParts());
        QVERIFY(waitFinal(queue, id));
        const double seconds = double(timer.elapsed()) / 1000.0;
        QVERIFY(seconds > 1.0);
        // At most one notification per 250 ms (plus the final flush), never one per progress callback.
        QVERIFY2(changed.count() <= int(seconds * 4) + 2, qPrintable(QStringLiteral("%1 in %2 s").arg(changed.count()).arg(seconds)));
        QVERIFY(changed.count() >= 2);
    }

    void pauseThenResumeSendsOnlyMissingParts()
    {
        const QByteArray data = randomBytes(25 * MiB, 4);
        const QString path = writeFile(QStringLiteral("pause.bin"), data);
        FakeS3Fault slow;
        slow.operation = QStringLiteral("UploadPart");
        slow.delayMs = 150;
        slow.times = -1;
        m_server.addFault(slow);
        TransferQueue queue(settings(), {1, 1});
        const TransferId id = queue.enqueueUpload(path, QStringLiteral("bucket"), QStringLiteral("pause.bin"), smallParts());
        QVERIFY(waitUntil([&] { return queue.snapshot(id).bytesDone >= 10 * MiB; }, 20000));
        queue.pause(id);
        QCOMPARE(queue.snapshot(id).state, TransferState::Paused);
        const qint64 doneAtPause = queue.snapshot(id).bytesDone;
        QTest::qWait(300);
        int partsBefore = 0;
        QSet<QString> storedParts;
        for (const FakeS3Request &request : m_server.requests()) {
            if (request.operation == QLatin1String("UploadPart"))
                ++partsBefore;
        }
        QCOMPARE(m_server.multipartUploads(QStringLiteral("bucket")).size(), 1);
        const int partsOnServer = int(m_server.multipartUploads(QStringLiteral("bucket")).first().parts.size());
        m_server.clearLog();
        m_server.clearFaults();

        queue.resume(id);
        QVERIFY(waitFinal(queue, id));
        QCOMPARE(queue.snapshot(id).state, TransferState::Succeeded);
        QVERIFY(queue.snapshot(id).bytesDone >= doneAtPause);
        QCOMPARE(m_server.count(QStringLiteral("ListParts")), 1);
        QCOMPARE(m_server.count(QStringLiteral("CreateMultipartUpload")), 0);
        QCOMPARE(m_server.count(QStringLiteral("UploadPart")), 5 - partsOnServer);
        QVERIFY(partsBefore >= partsOnServer);
        QCOMPARE(m_server.object(QStringLiteral("bucket"), QStringLiteral("pause.bin"))->data, data);
    }

    void cancelAbortsTheUpload()
    {
        FakeS3Fault slow;
        slow.operation = QStringLiteral("UploadPart");
        slow.delayMs = 200;
        slow.times = -1;
        m_server.addFault(slow);
        TransferQueue queue(settings(), {1, 2});
        const TransferId id = queue.enqueueUpload(writeFile(QStringLiteral("cancel.bin"), randomBytes(20 * MiB, 5)),
                                                  QStringLiteral("bucket"), QStringLiteral("cancel.bin"), smallParts());
        QVERIFY(waitUntil([&] { return m_server.count(QStringLiteral("UploadPart")) >= 1; }, 10000));
        queue.cancel(id);
        QCOMPARE(queue.snapshot(id).state, TransferState::Cancelled);
        QVERIFY(waitUntil([&] { return m_server.count(QStringLiteral("AbortMultipartUpload")) == 1; }, 5000));
        QVERIFY(waitUntil([&] { return m_server.multipartUploads(QStringLiteral("bucket")).isEmpty(); }, 5000));
        QVERIFY(!m_server.object(QStringLiteral("bucket"), QStringLiteral("cancel.bin")));
    }

    void failedAbortIsKeptAndRetriedAfterARestart()
    {
        // Cancel, and the server refuses both aborts: the queue keeps the upload (also in its file), tries again
        // while it runs, and a new queue restored from the file finishes the job.
        const QString persisted = m_dir.filePath(QStringLiteral("abandoned.json"));
        FakeS3Fault slow;
        slow.operation = QStringLiteral("UploadPart");
        slow.delayMs = 200;
        slow.times = -1;
        m_server.addFault(slow);
        FakeS3Fault refused;
        refused.operation = QStringLiteral("AbortMultipartUpload");
        refused.status = 403;
        refused.code = QStringLiteral("AccessDenied");
        refused.times = 3; // the two aborts of the cancel and the queue's first retry
        m_server.addFault(refused);
        {
            TransferQueue queue(settings(), {1, 2});
            queue.setPersistencePath(persisted);
            queue.setAbandonedRetryIntervalMs(100);
            const TransferId id = queue.enqueueUpload(writeFile(QStringLiteral("abandoned.bin"), randomBytes(20 * MiB, 15)),
                                                      QStringLiteral("bucket"), QStringLiteral("abandoned.bin"), smallParts());
            QVERIFY(waitUntil([&] { return m_server.count(QStringLiteral("UploadPart")) >= 1; }, 10000));
            queue.cancel(id);
            QVERIFY(waitUntil([&] { return queue.abandonedUploads().size() == 1; }, 5000));
            QCOMPARE(queue.abandonedUploads().first().key, QStringLiteral("abandoned.bin"));
            QVERIFY(waitUntil([&] { return m_server.count(QStringLiteral("AbortMultipartUpload")) == 3; }, 5000));
            QCOMPARE(m_server.multipartUploads(QStringLiteral("bucket")).size(), 1); // still refused so far
            QVERIFY(waitUntil([&] { return queue.cleanupsInFlight() == 0; }, 5000));
            refused.times = -1; // the queue's next retries are refused too, until it goes away
            m_server.addFault(refused);
            QVERIFY(bool(queue.saveNow()));
        }
        QFile file(persisted);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("abandonedUploads"));
        file.close();
        m_server.clearFaults();
        TransferQueue restored(settings());
        restored.setPersistencePath(persisted);
        QVERIFY(bool(restored.restore()));
        QCOMPARE(restored.abandonedUploads().size(), 1);
        QVERIFY(waitUntil([&] { return m_server.multipartUploads(QStringLiteral("bucket")).isEmpty(); }, 5000));
        QVERIFY(waitUntil([&] { return restored.abandonedUploads().isEmpty(); }, 5000));
        QVERIFY(bool(restored.saveNow()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("uploadId"));
    }

    void fatalPartErrorAbortsAndFails()
    {
        FakeS3Fault denied;
        denied.operation = QStringLiteral("UploadPart");
        denied.status = 403;
        denied.code = QStringLiteral("AccessDenied");
        denied.times = -1;
        m_server.addFault(denied);
        TransferQueue queue(settings());
        const TransferId id = queue.enqueueUpload(writeFile(QStringLiteral("denied.bin"), randomBytes(12 * MiB, 6)),
                                                  QStringLiteral("bucket"), QStringLiteral("denied.bin"), smallParts());
        QVERIFY(waitFinal(queue, id));
        QCOMPARE(queue.snapshot(id).state, TransferState::Failed);
        QCOMPARE(queue.snapshot(id).lastError.code(), QStringLiteral("AccessDenied"));
        QVERIFY(waitUntil([&] { return m_server.multipartUploads(QStringLiteral("bucket")).isEmpty(); }, 5000));
    }

    void parallelDownloadVerifiesAndRenames_data() { transports(); }
    void parallelDownloadVerifiesAndRenames()
    {
        QFETCH(bool, direct);
        const QByteArray data = randomBytes(17 * MiB + 3, 7);
        m_server.putObject(QStringLiteral("bucket"), QStringLiteral("down.bin"), data);
        ClientSettings clientSettings = settings();
        clientSettings.curlHttp = direct;
        TransferQueue queue(clientSettings);
        DownloadOptions options;
        options.partSize = 5 * MiB;
        const QString target = m_dir.filePath(QStringLiteral("nested/dir/down.bin"));
        const TransferId id = queue.enqueueDownload(QStringLiteral("bucket"), QStringLiteral("down.bin"), target, options);
        QVERIFY(waitFinal(queue, id));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(queue.snapshot(id).lastError.toString()));
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), data);
        int ranges = 0;
        for (const FakeS3Request &request : m_server.requests()) {
            if (request.operation == QLatin1String("GetObject")) {
                ++ranges;
                QVERIFY(request.hasHeader("range"));
                QCOMPARE(request.header("if-match"), m_server.object(QStringLiteral("bucket"), QStringLiteral("down.bin"))->etag);
            }
        }
        QCOMPARE(ranges, 4);
        QCOMPARE(ownDownloadFilesIn(QFileInfo(target).path()), QStringList());
        QCOMPARE(queue.curlHttpStats().requestsSent, direct ? 4 : 0);
    }

    void listedSmallDownloadIsOneGet_data() { transports(); }
    void listedSmallDownloadIsOneGet()
    {
        QFETCH(bool, direct);
        const QByteArray data = randomBytes(4096, 21);
        m_server.putObject(QStringLiteral("bucket"), QStringLiteral("listed.bin"), data);
        const QByteArray etag = m_server.object(QStringLiteral("bucket"), QStringLiteral("listed.bin"))->etag;
        ClientSettings clientSettings = settings();
        clientSettings.curlHttp = direct;
        TransferQueue queue(clientSettings);
        DownloadOptions options;
        options.listedSize = data.size();
        options.listedEtag = QString::fromLatin1(etag);
        const QString target = m_dir.filePath(QStringLiteral("listed/listed.bin"));
        const TransferId id = queue.enqueueDownload(QStringLiteral("bucket"), QStringLiteral("listed.bin"), target, options);
        QVERIFY(waitFinal(queue, id));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(queue.snapshot(id).lastError.toString()));
        QCOMPARE(readExistingFile(target), data);
        // No HEAD: one GET pinned to the listed ETag, and nothing of ours left next to the file.
        QCOMPARE(m_server.count(QStringLiteral("HeadObject")), 0);
        QCOMPARE(m_server.count(QStringLiteral("GetObject")), 1);
        for (const FakeS3Request &request : m_server.requests()) {
            if (request.operation == QLatin1String("GetObject")) {
                QCOMPARE(request.header("if-match"), etag);
                QVERIFY(!request.hasHeader("range")); // a plain GET of the whole object
            }
        }
        QCOMPARE(ownDownloadFilesIn(QFileInfo(target).path()), QStringList());
    }

    void listedDownloadOfAChangedObjectLooksAgain()
    {
        const QByteArray before = randomBytes(3000, 22);
        const QByteArray now = randomBytes(5000, 23);
        m_server.putObject(QStringLiteral("bucket"), QStringLiteral("changed.bin"), before);
        const QByteArray listedEtag = m_server.object(QStringLiteral("bucket"), QStringLiteral("changed.bin"))->etag;
        m_server.putObject(QStringLiteral("bucket"), QStringLiteral("changed.bin"), now); // after the listing
        TransferQueue queue(settings());
        DownloadOptions options;
        options.listedSize = before.size();
        options.listedEtag = QString::fromLatin1(listedEtag);
        const QString target = m_dir.filePath(QStringLiteral("changed.bin"));
        const TransferId id = queue.enqueueDownload(QStringLiteral("bucket"), QStringLiteral("changed.bin"), target, options);
        QVERIFY(waitFinal(queue, id));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(queue.snapshot(id).lastError.toString()));
        QCOMPARE(readExistingFile(target), now); // as it is now, whole, never a mix
        QCOMPARE(m_server.count(QStringLiteral("HeadObject")), 1);
        QCOMPARE(m_server.count(QStringLiteral("GetObject")), 2); // the refused one (412), then the current version
        QCOMPARE(ownDownloadFilesIn(m_dir.path()), QStringList());
    }

    void listedDownloadChecksTheBytes()
    {
        const QByteArray data = randomBytes(4096, 24);
        m_server.putObject(QStringLiteral("bucket"), QStringLiteral("bad.bin"), data);
        m_server.setOverride([](const FakeS3Request &request, FakeS3Response &response) {
            if (request.operation != QLatin1String("GetObject"))
                return false;
            response.status = 200;
            response.body = QByteArray(4096, 'x'); // right length, wrong bytes
            response.setHeader("ETag", request.header("if-match"));
            return true;
        });
        TransferQueue queue(settings());
        DownloadOptions options;
        options.listedSize = data.size();
        options.listedEtag = QString::fromLatin1(m_server.object(QStringLiteral("bucket"), QStringLiteral("bad.bin"))->etag);
        const QString target = m_dir.filePath(QStringLiteral("bad.bin"));
        const TransferId id = queue.enqueueDownload(QStringLiteral("bucket"), QStringLiteral("bad.bin"), target, options);
        QVERIFY(waitFinal(queue, id));
        m_server.setOverride({});
        QCOMPARE(queue.snapshot(id).state, TransferState::Failed);
        QVERIFY2(queue.snapshot(id).lastError.message().contains(QLatin1String("corrupted")), qPrintable(queue.snapshot(id).lastError.toString()));
        QVERIFY(!QFile::exists(target));
        QCOMPARE(ownDownloadFilesIn(m_dir.path()), QStringList());
    }

    void manySmallDownloadsRunWiderThanLargeOnes()
    {
        const int count = 120;
        const QString folder = m_dir.filePath(QStringLiteral("wide"));
        FakeS3Fault slow;
        slow.operation = QStringLiteral("GetObject");
        slow.delayMs = 20;
        slow.times = -1;
        m_server.addFault(slow);
        TransferQueue queue(settings(), {2, 12, 8});
        QList<TransferId> ids;
        for (int i = 0; i < count; ++i) {
            const QString key = QStringLiteral("wide/%1").arg(i);
            const QByteArray data = randomBytes(100 + i, quint32(100 + i));
            m_server.putObject(QStringLiteral("bucket"), key, data);
            DownloadOptions options;
            options.listedSize = data.size();
            options.listedEtag = QString::fromLatin1(m_server.object(QStringLiteral("bucket"), key)->etag);
            ids.append(queue.enqueueDownload(QStringLiteral("bucket"), key, folder + QStringLiteral("/%1").arg(i), options));
        }
        QVERIFY(waitUntil([&] { return queue.isIdle(); }, 60000));
        for (int i = 0; i < count; ++i) {
            QVERIFY2(queue.snapshot(ids[i]).state == TransferState::Succeeded, qPrintable(queue.snapshot(ids[i]).lastError.toString()));
            QCOMPARE(readExistingFile(folder + QStringLiteral("/%1").arg(i)), randomBytes(100 + i, quint32(100 + i)));
        }
        // Eight single-GET downloads at once (not two), never more requests than the budget.
        QCOMPARE(m_server.maxConcurrentRequests(), 8);
        QCOMPARE(m_server.count(QStringLiteral("HeadObject")), 0);
        // The scheduler looks at each transfer a bounded number of times, not at every transfer per event.
        QVERIFY2(queue.schedulingSteps() < quint64(count) * 40, qPrintable(QString::number(queue.schedulingSteps())));
    }

    void schedulingCostDoesNotGrowWithTheQueue()
    {
        // One slow transfer runs; thousands wait. A change to a waiting one costs the same whatever their number.
        FakeS3Fault slow;
        slow.operation = QStringLiteral("HeadObject");
        slow.hang = true;
        slow.times = -1;
        m_server.addFault(slow);
        m_server.putObject(QStringLiteral("bucket"), QStringLiteral("wait.bin"), "x");
        quint64 perEvent[2] = {0, 0};
        const int sizes[2] = {500, 5000};
        for (int round = 0; round < 2; ++round) {
            TransferQueue queue(settings(), {1, 1});
            QList<TransferId> ids;
            for (int i = 0; i < sizes[round]; ++i)
                ids.append(queue.enqueueDownload(QStringLiteral("bucket"), QStringLiteral("wait.bin"),
                                                 m_dir.filePath(QStringLiteral("wait/%1-%2").arg(round).arg(i))));
            QVERIFY(waitUntil([&] { return queue.requestsInFlight() == 1; }, 10000));
            const quint64 before = queue.schedulingSteps();
            for (int i = 0; i < 20; ++i) {
                queue.pause(ids.last());
                QCoreApplication::processEvents();
                queue.resume(ids.last());
                QCoreApplication::processEvents();
            }
            perEvent[round] = (queue.schedulingSteps() - before) / 40;
            QCOMPARE(queue.snapshot(ids.first()).state, TransferState::Running);
            QCOMPARE(queue.snapshot(ids.last()).state, TransferState::Queued);
            queue.cancelAll();
        }
        m_server.clearFaults();
        QVERIFY2(perEvent[1] <= 4 && perEvent[0] == perEvent[1],
                 qPrintable(QStringLiteral("%1 and %2 steps per event").arg(perEvent[0]).arg(perEvent[1])));
    }

    void corruptedDownloadIsRejected()
    {
        const QByteArray data = randomBytes(6 * MiB, 8);
        m_server.putObject(QStringLiteral("bucket"), QStringLiteral("corrupt.bin"), data);
        m_server.setOverride([](const FakeS3Request &request, FakeS3Response &response) {
            if (request.operation != QLatin1String("GetObject") || !request.header("range").startsWith("bytes=0-"))
                return false;
            // Right length, wrong bytes: only the MD5 check can notice.
            const QByteArray range = request.header("range").mid(6);
            const qint64 last = range.mid(range.indexOf('-') + 1).toLongLong();
            response.status = 206;
            response.body = QByteArray(int(last + 1), 'x');
            response.setHeader("Content-Range", "bytes 0-" + QByteArray::number(last) + "/" + QByteArray::number(6 * MiB));
            return true;
        });
        TransferQueue queue(settings());
        DownloadOptions options;
        options.partSize = 5 * MiB;
        const QString target = m_dir.filePath(QStringLiteral("corrupt.bin"));
        const TransferId id = queue.enqueueDownload(QStringLiteral("bucket"), QStringLiteral("corrupt.bin"), target, options);
        QVERIFY(waitFinal(queue, id));
        m_server.setOverride({});
        QCOMPARE(queue.snapshot(id).state, TransferState::Failed);
        QVERIFY2(queue.snapshot(id).lastError.message().contains(QLatin1String("corrupted")), qPrintable(queue.snapshot(id).lastError.toString()));
        QVERIFY(!QFile::exists(target));
        QCOMPARE(ownDownloadFilesIn(QFileInfo(target).path()), QStringList());
    }

    void persistenceRestoresPaused()
    {
        const QString persisted = m_dir.filePath(QStringLiteral("queue.json"));
        m_server.putObject(QStringLiteral("bucket"), QStringLiteral("later.bin"), randomBytes(MiB, 9));
        TransferId id = 0;
        {
            TransferQueue queue(settings());
            queue.setPersistencePath(persisted);
            queue.pauseAll();
            id = queue.enqueueDownload(QStringLiteral("bucket"), QStringLiteral("later.bin"), m_dir.filePath(QStringLiteral("later.bin")));
            queue.pause(id);
            QCOMPARE(queue.snapshot(id).state, TransferState::Paused);
        }
        QVERIFY(QFile::exists(persisted));
        TransferQueue restored(settings());
        restored.setPersistencePath(persisted);
        Result<int> count = restored.restore();
        QVERIFY(count);
        QCOMPARE(*count, 1);
        QCOMPARE(restored.snapshot(id).state, TransferState::Paused);
        QCOMPARE(restored.snapshot(id).key, QStringLiteral("later.bin"));
        restored.resume(id);
        QVERIFY(waitFinal(restored, id));
        QCOMPARE(restored.snapshot(id).state, TransferState::Succeeded);
    }

    void folderUploadAndPrefixDownloadStayInsideTheFolder()
    {
        const QString root = m_dir.filePath(QStringLiteral("tree"));
        QDir().mkpath(root + QStringLiteral("/a/b"));
        QDir().mkpath(root + QStringLiteral("/c"));
        const QMap<QString, QByteArray> files{{QStringLiteral("top.txt"), "top"},
                                              {QStringLiteral("a/one.txt"), "one"},
                                              {QStringLiteral("a/b/two words.txt"), "two"},
                                              {QStringLiteral("c/.hidden"), "hidden"}};
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            writeFile(QStringLiteral("tree/") + it.key(), it.value());
        TransferQueue queue(settings());
        const QList<TransferId> ids = queue.enqueueFolderUpload(root, QStringLiteral("bucket"), QStringLiteral("up"));
        QCOMPARE(ids.size(), 4);
        for (TransferId id : ids)
            QVERIFY(waitFinal(queue, id));
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            const auto stored = m_server.object(QStringLiteral("bucket"), QStringLiteral("up/") + it.key());
            QVERIFY2(stored, qPrintable(it.key()));
            QCOMPARE(stored->data, it.value());
        }

        // Hostile keys in a listing never write outside the chosen folder.
        m_server.putObject(QStringLiteral("bucket"), QStringLiteral("up/../../escape.txt"), "escape");
        m_server.putObject(QStringLiteral("bucket"), QStringLiteral("up/a/../../../etc/x"), "escape");
        m_server.putObject(QStringLiteral("bucket"), QStringLiteral("up//abs.txt"), "abs");
        m_server.putObject(QStringLiteral("bucket"), QStringLiteral("up/empty-folder/"), QByteArray());
        const QString target = m_dir.filePath(QStringLiteral("down-tree"));
        QSignalSpy listed(&queue, &TransferQueue::folderListingFinished);
        queue.enqueuePrefixDownload(QStringLiteral("bucket"), QStringLiteral("up/"), target);
        QVERIFY(listed.wait(10000));
        QCOMPARE(listed.first().at(2).toInt(), 5); // four files + "abs.txt" (empty segment dropped)
        const QStringList refused = listed.first().at(3).toStringList();
        QCOMPARE(refused.size(), 2);
        QVERIFY(waitUntil([&] { return queue.isIdle(); }, 20000));
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            QFile file(target + QLatin1Char('/') + it.key());
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(it.key()));
            QCOMPARE(file.readAll(), it.value());
        }
        QVERIFY(QFile::exists(target + QStringLiteral("/abs.txt")));
        QVERIFY(QFileInfo(target + QStringLiteral("/empty-folder")).isDir());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("escape.txt"))));
        QVERIFY(!QFile::exists(QDir(m_dir.path()).filePath(QStringLiteral("../escape.txt"))));
        for (const QString &key : {QStringLiteral("up/../../escape.txt"), QStringLiteral("up/a/../../../etc/x"),
                                   QStringLiteral("up//abs.txt"), QStringLiteral("up/empty-folder/")})
            m_server.deleteObject(QStringLiteral("bucket"), key);
    }

    void pausedDownloadResumesMissingRangesOnly()
    {
        const QByteArray data = randomBytes(20 * MiB, 11);
        m_server.putObject(QStringLiteral("bucket"), QStringLiteral("resume-down.bin"), data);
        FakeS3Fault slow;
        slow.operation = QStringLiteral("GetObject");
        slow.delayMs = 150;
        slow.times = -1;
        m_server.addFault(slow);
        TransferQueue queue(settings(), {1, 1});
        DownloadOptions options;
        options.partSize = 5 * MiB;
        const QString target = m_dir.filePath(QStringLiteral("resume-down.bin"));
        const TransferId id = queue.enqueueDownload(QStringLiteral("bucket"), QStringLiteral("resume-down.bin"), target, options);
        QVERIFY(waitUntil([&] { return queue.snapshot(id).bytesDone >= 10 * MiB; }, 20000));
        queue.pause(id);
        QVERIFY(!QFile::exists(target));
        // The pause records what the stopped ranges wrote (flushed first, on a worker thread).
        const auto stateFile = [&] {
            const QStringList own = ownDownloadFilesIn(m_dir.path());
            return own.size() == 2 && own.at(1).endsWith(QLatin1String(".state")) ? m_dir.filePath(own.at(1)) : QString();
        };
        const auto recorded = [&] {
            QFile state(stateFile());
            return state.open(QIODevice::ReadOnly) ? DownloadState::fromJson(state.readAll()) : DownloadState{};
        };
        QVERIFY(waitUntil([&] { return recorded().keptBytes() == queue.snapshot(id).bytesDone; }, 10000));
        QVERIFY2(ownDownloadFilesIn(m_dir.path()).at(0).endsWith(QLatin1String(".part")), qPrintable(ownDownloadFilesIn(m_dir.path()).join(u' ')));
        const DownloadState kept = recorded();
        QVERIFY(kept.keptBytes() >= 10 * MiB);
        // What the next run must ask for: the rest of every range.
        QSet<QByteArray> expected;
        for (qint64 offset = 0; offset < 20 * MiB; offset += 5 * MiB) {
            qint64 from = offset;
            for (const DownloadStateRange &range : kept.ranges) {
                if (range.offset == offset)
                    from = offset + range.kept;
            }
            if (from < offset + 5 * MiB)
                expected.insert("bytes=" + QByteArray::number(from) + '-' + QByteArray::number(offset + 5 * MiB - 1));
        }
        m_server.clearFaults();
        m_server.clearLog();
        queue.resume(id);
        QCOMPARE(queue.snapshot(id).bytesDone, kept.keptBytes()); // what is on disk, not more
        QVERIFY(waitFinal(queue, id));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(queue.snapshot(id).lastError.toString()));
        QCOMPARE(m_server.count(QStringLiteral("HeadObject")), 1);
        // Only the bytes not on disk. (The range that was in flight at the pause may still reach the server's
        // log after clearLog(): its bytes were on the wire; so it may be one more.)
        QSet<QByteArray> fetched;
        for (const FakeS3Request &request : m_server.requests()) {
            if (request.operation == QLatin1String("GetObject"))
                fetched.insert(request.header("range"));
        }
        for (const QByteArray &range : std::as_const(expected))
            QVERIFY2(fetched.contains(range), range.constData());
        QVERIFY2(fetched.size() <= expected.size() + 1, QByteArrayList(fetched.begin(), fetched.end()).join(' ').constData());
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), data);
        QCOMPARE(ownDownloadFilesIn(m_dir.path()), QStringList());
    }

    void downloadNeverReplacesADeviceFifoOrFolder_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("listed");
        QTest::newRow("fifo") << u"fifo"_s << u"is a FIFO (named pipe), not a file"_s << false;
        QTest::newRow("fifo, listed (one GET)") << u"fifo"_s << u"is a FIFO (named pipe), not a file"_s << true;
        QTest::newRow("socket") << u"socket"_s << u"is a socket, not a file"_s << false;
        QTest::newRow("folder") << u"folder"_s << u"is a folder, not a file"_s << false;
    }

    void downloadNeverReplacesADeviceFifoOrFolder()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        QFETCH(bool, listed);
        const QByteArray data = randomBytes(1000, 5);
        m_server.putObject(u"bucket"_s, u"special.bin"_s, data);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString target = dir.filePath(u"special.bin"_s);
        const QByteArray native = QFile::encodeName(target);
        int socketFd = -1;
        if (kind == u"fifo"_s) {
            QCOMPARE(::mkfifo(native.constData(), 0600), 0);
        } else if (kind == u"socket"_s) {
            socketFd = ::socket(AF_UNIX, SOCK_STREAM, 0);
            sockaddr_un address{};
            address.sun_family = AF_UNIX;
            QVERIFY(size_t(native.size()) < sizeof(address.sun_path));
            std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
            QCOMPARE(::bind(socketFd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
        } else {
            QVERIFY(QDir().mkdir(target));
        }
        m_server.clearLog();
        TransferQueue queue(settings());
        DownloadOptions options;
        if (listed) {
            options.listedSize = data.size();
            options.listedEtag = QString::fromLatin1('"' + QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex() + '"');
        }
        const TransferId id = queue.enqueueDownload(u"bucket"_s, u"special.bin"_s, target, options);
        QVERIFY(waitFinal(queue, id));
        if (socketFd >= 0)
            ::close(socketFd);
        QCOMPARE(queue.snapshot(id).state, TransferState::Failed);
        QCOMPARE(queue.snapshot(id).lastError.kind(), S3Error::Kind::Io);
        QVERIFY2(queue.snapshot(id).lastError.message().contains(expected), qPrintable(queue.snapshot(id).lastError.message()));
        struct stat st {};
        QCOMPARE(::lstat(native.constData(), &st), 0);
        QVERIFY(!S_ISREG(st.st_mode)); // still what it was
        QCOMPARE(ownDownloadFilesIn(dir.path()), QStringList());
        QCOMPARE(m_server.count(u"GetObject"_s), 0); // refused before any byte was fetched
    }

    void restoredDownloadsToOneFileAreClaimedOnce()
    {
        // A queue file (from an older version, or edited) with two downloads into one file: the first keeps the
        // claim, the second comes back failed, naming the first, instead of both writing the file.
        const QString persisted = m_dir.filePath(QStringLiteral("queue-claims.json"));
        const QString target = m_dir.filePath(QStringLiteral("claimed/one.bin"));
        QJsonArray transfers;
        for (const QString &id : {QStringLiteral("41"), QStringLiteral("42")}) {
            transfers.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("direction"), QStringLiteral("download")},
                                         {QStringLiteral("bucket"), QStringLiteral("bucket")}, {QStringLiteral("key"), QString(QStringLiteral("key-") + id)},
                                         {QStringLiteral("localPath"), target}});
        }
        {
            QFile file(persisted);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("transfers"), transfers}}).toJson());
        }
        TransferQueue queue(settings());
        queue.setPersistencePath(persisted);
        const Result<int> restored = queue.restore();
        QVERIFY(restored);
        QCOMPARE(*restored, 2);
        QCOMPARE(queue.snapshot(41).state, TransferState::Paused);
        QCOMPARE(queue.snapshot(42).state, TransferState::Failed);
        QVERIFY2(queue.snapshot(42).lastError.message().contains(QLatin1String("s3://bucket/key-41")), qPrintable(queue.snapshot(42).lastError.toString()));
        QCOMPARE(queue.claimOf(target)->id, TransferId(41));
        // Retrying the refused one while the first still holds the file is refused again.
        queue.retry(42);
        QCOMPARE(queue.snapshot(42).state, TransferState::Failed);
        queue.remove(41);
        QVERIFY(!queue.claimOf(target));
        queue.retry(42);
        QCOMPARE(queue.claimOf(target)->id, TransferId(42));
        queue.remove(42);
    }

    void engineRunsOnItsOwnThread()
    {
        const QByteArray data = randomBytes(9 * MiB, 10);
        const QString path = writeFile(QStringLiteral("engine.bin"), data);
        // The fake server lives on this thread and answers from its event loop while the engine works elsewhere.
        TransferEngine engine([settings = settings()](QNetworkAccessManager *) -> Result<ClientSettings> { return settings; });
        QVERIFY(engine.thread() != QThread::currentThread());
        QList<TransferSnapshot> finished;
        bool signalsOnCallerThread = true;
        connect(&engine, &TransferEngine::taskFinished, this, [&](const TransferSnapshot &snapshot) {
            signalsOnCallerThread = signalsOnCallerThread && QThread::currentThread() == thread();
            finished.append(snapshot);
        });
        const TransferId id = engine.enqueueUpload(path, QStringLiteral("bucket"), QStringLiteral("engine.bin"), smallParts());
        QVERIFY(waitUntil([&] { return finished.size() == 1; }, 20000));
        QCOMPARE(finished.first().id, id);
        QCOMPARE(finished.first().state, TransferState::Succeeded);
        QVERIFY(signalsOnCallerThread);
        QCOMPARE(m_server.object(QStringLiteral("bucket"), QStringLiteral("engine.bin"))->data, data);
    }

    void engineFolderOperationsKeepIdsApart()
    {
        // The queue picks the ids of folder transfers itself; transfers enqueued around them keep the ids the
        // engine returned.
        const QString root = m_dir.filePath(QStringLiteral("engine-tree"));
        QDir().mkpath(root + QStringLiteral("/sub"));
        writeFile(QStringLiteral("engine-tree/one.txt"), "one");
        writeFile(QStringLiteral("engine-tree/sub/two.txt"), "two");
        writeFile(QStringLiteral("engine-tree/sub/three.txt"), "three");
        const QString single = writeFile(QStringLiteral("engine-single.txt"), "single");
        TransferEngine engine([settings = settings()](QNetworkAccessManager *) -> Result<ClientSettings> { return settings; });
        QHash<TransferId, TransferSnapshot> added;
        QHash<TransferId, TransferSnapshot> finished;
        connect(&engine, &TransferEngine::taskAdded, this, [&](const TransferSnapshot &s) { added.insert(s.id, s); });
        connect(&engine, &TransferEngine::taskFinished, this, [&](const TransferSnapshot &s) { finished.insert(s.id, s); });
        const TransferId before = engine.enqueueUpload(single, QStringLiteral("bucket"), QStringLiteral("ids/before.txt"));
        engine.enqueueFolderUpload(root, QStringLiteral("bucket"), QStringLiteral("ids/tree"));
        const TransferId after = engine.enqueueUpload(single, QStringLiteral("bucket"), QStringLiteral("ids/after.txt"));
        QVERIFY(waitUntil([&] { return finished.size() == 5; }, 20000));
        QCOMPARE(added.size(), 5);
        QCOMPARE(added.value(before).key, QStringLiteral("ids/before.txt"));
        QCOMPARE(added.value(after).key, QStringLiteral("ids/after.txt"));
        for (const TransferSnapshot &s : std::as_const(finished))
            QCOMPARE(s.state, TransferState::Succeeded);
        QCOMPARE(m_server.object(QStringLiteral("bucket"), QStringLiteral("ids/tree/sub/three.txt"))->data, QByteArray("three"));

        // A prefix download through the engine: its listing result is forwarded, its transfers reported.
        QSignalSpy listed(&engine, &TransferEngine::folderListingFinished);
        const QString target = m_dir.filePath(QStringLiteral("engine-down"));
        engine.enqueuePrefixDownload(QStringLiteral("bucket"), QStringLiteral("ids/tree/"), target);
        QVERIFY(listed.wait(10000));
        QCOMPARE(listed.first().at(0).toString(), QStringLiteral("bucket"));
        QCOMPARE(listed.first().at(2).toInt(), 3);
        QVERIFY(!listed.first().at(4).value<S3Error>().isError());
        QVERIFY(waitUntil([&] { return finished.size() == 8; }, 20000));
        QFile file(target + QStringLiteral("/sub/two.txt"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("two"));
    }

    void engineSnapshotsForLateViews()
    {
        // Restored transfers are announced before anyone could connect; requestSnapshots() hands them over.
        const QString persisted = m_dir.filePath(QStringLiteral("engine-queue.json"));
        m_server.putObject(QStringLiteral("bucket"), QStringLiteral("late.bin"), randomBytes(MiB, 11));
        TransferId id = 0;
        {
            TransferQueue queue(settings());
            queue.setPersistencePath(persisted);
            queue.pauseAll();
            id = queue.enqueueDownload(QStringLiteral("bucket"), QStringLiteral("late.bin"), m_dir.filePath(QStringLiteral("late.bin")));
            queue.pause(id);
        }
        TransferEngine engine([settings = settings()](QNetworkAccessManager *) -> Result<ClientSettings> { return settings; }, {},
                              persisted);
        // restored() and taskAdded() may be gone already; the request runs after the restore in any case.
        // Received on this thread (queued): a QSignalSpy records in the emitting engine thread, so a signal could
        // land between the request and the spy's wait() and be missed.
        QList<QList<TransferSnapshot>> changed;
        QList<TransferId> removed;
        connect(&engine, &TransferEngine::tasksChanged, this, [&](const QList<TransferSnapshot> &s) { changed.append(s); });
        connect(&engine, &TransferEngine::taskRemoved, this, [&](TransferId removedId) { removed.append(removedId); });
        engine.requestSnapshots();
        QVERIFY(waitUntil([&] { return !changed.isEmpty(); }, 10000));
        const QList<TransferSnapshot> snapshots = changed.first();
        QCOMPARE(snapshots.size(), 1);
        QCOMPARE(snapshots.first().id, id);
        QCOMPARE(snapshots.first().state, TransferState::Paused);
        engine.remove(id);
        QVERIFY(waitUntil([&] { return removed.contains(id); }, 10000));
        // Notifications the removal emitted may still be on their way; the answer to this request is the empty list.
        changed.clear();
        engine.requestSnapshots();
        QVERIFY(waitUntil([&] { return !changed.isEmpty() && changed.last().isEmpty(); }, 10000));
    }
};

QTEST_GUILESS_MAIN(TestTransferQueue)
#include "tst_transferqueue.moc"
