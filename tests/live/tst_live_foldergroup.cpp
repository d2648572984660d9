// SPDX-License-Identifier: Apache-2.0
// A folder job against the real Ceph RGW: 500 small files up as one job, then the prefix down as one job,
// cancelled half way (no partial file left, the job's counts add up), retried, every file byte-identical.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include "livetest.h"
#include "localfiles.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/transfer/transferqueue.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

class TestLiveFolderGroup : public QObject
{
    Q_OBJECT

    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QString m_bucket;
    QTemporaryDir m_dir;

    static constexpr int Count = 500;

    ClientSettings settings() const
    {
        ClientSettings settings;
        settings.endpoint = m_client->endpoint();
        settings.credentials = m_client->credentialsProvider();
        return settings;
    }

    static QString name(int i) { return u"d%1/file-%2.bin"_s.arg(i % 10).arg(i); }
    static QByteArray content(int i) { return randomBytes(1000 + (i * 37) % 9000, quint32(i + 1)); }

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
        QVERIFY(m_dir.isValid());
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), u"wip-bigjobs-group"_s);
        QVERIFY(!m_bucket.isEmpty());
    }

    void uploadThenDownloadCancelRetry()
    {
        const QString source = m_dir.filePath(u"source"_s);
        for (int i = 0; i < Count; ++i) {
            const QString path = source + u'/' + name(i);
            QVERIFY(QDir().mkpath(QFileInfo(path).path()));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content(i));
        }
        TransferQueue queue(settings());
        const TransferId up = queue.enqueueFolderUploadGroup(source, m_bucket, u"tree"_s);
        QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(up).state); }, 240000));
        QCOMPARE(queue.snapshot(up).state, TransferState::Succeeded);
        QCOMPARE(queue.snapshot(up).files.done, Count);
        QVERIFY(queue.taskObjectCount() == 0 || waitUntil([&] { return queue.taskObjectCount() == 0; }, 5000));

        const QString target = m_dir.filePath(u"target"_s);
        DownloadOptions options;
        options.fsync = false;
        const TransferId down = queue.enqueueFolderDownloadGroup(m_bucket, u"tree/"_s, target, options);
        QVERIFY(waitUntil([&] { return queue.snapshot(down).files.done >= Count / 2; }, 240000));
        queue.cancel(down);
        QVERIFY(waitUntil([&] { return queue.snapshot(down).state == TransferState::Cancelled; }, 60000));
        const TransferSnapshot cancelled = queue.snapshot(down);
        qInfo() << "cancelled with" << cancelled.files.done << "done," << cancelled.files.cancelled << "cancelled";
        QCOMPARE(cancelled.files.files, Count);
        QCOMPARE(cancelled.files.done + cancelled.files.cancelled, Count);
        QVERIFY(cancelled.files.cancelled > 0);
        QVERIFY(ownDownloadFilesIn(target).isEmpty() || waitUntil([&] { return ownDownloadFilesIn(target).isEmpty(); }, 10000));

        queue.retry(down);
        QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(down).state); }, 240000));
        const TransferSnapshot done = queue.snapshot(down);
        QCOMPARE(done.state, TransferState::Succeeded);
        QCOMPARE(done.files.done, Count);
        QCOMPARE(done.bytesDone, done.bytesTotal);
        for (int i = 0; i < Count; ++i) {
            QFile file(QString(target + u'/' + name(i)));
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            QVERIFY2(file.readAll() == content(i), qPrintable(file.fileName()));
        }
        QCOMPARE(pendingUploads(), 0);
        queue.remove(down);
        queue.remove(up);
    }

    void cleanupTestCase()
    {
        if (!m_client)
            return;
        const S3Error removed = removeTestBucket(m_client.get(), m_bucket);
        QVERIFY2(!removed.isError(), qPrintable(removed.toString()));
    }
};

QTEST_GUILESS_MAIN(TestLiveFolderGroup)
#include "tst_live_foldergroup.moc"
