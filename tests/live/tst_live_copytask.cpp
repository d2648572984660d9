// SPDX-License-Identifier: Apache-2.0
// Server-side copies and moves as transfers in the queue (CopyTask), against the real Ceph RGW: copied in parts
// (UploadPartCopy), paused, saved, restored in a new queue as after a restart, and continued from the parts the
// server kept; a move deletes its source only once the copy is complete; a cancel aborts the upload, also for a
// copy restored from the queue file that never ran; a source that changed while the copy was paused starts it
// over. The parts are 5 MiB (the threshold shrunk from 5 GiB to keep the test short) and every request goes
// through a local proxy that adds latency, so that "in the middle" of a copy lasts long enough to pause there.
#include <algorithm>

#include <QDebug>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "faultproxy.h"
#include "livetest.h"
#include "s3core/ops/getobjecttaggingjob.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/transferqueue.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 PartBytes = 5 * MiB;
constexpr qint64 ObjectSize = 8 * PartBytes; // 8 parts

CopyOptions partsOf5MiB(qint64 sourceSize = ObjectSize)
{
    CopyOptions options;
    options.multipartThreshold = PartBytes;
    options.partSize = PartBytes;
    options.concurrency = 1;
    options.sourceSize = sourceSize;
    return options;
}

} // namespace

class TestLiveCopyTask : public QObject
{
    Q_OBJECT

    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    std::unique_ptr<S3Client> m_proxyClient;
    std::unique_ptr<FaultProxy> m_proxy;
    QString m_bucket;
    QTemporaryDir m_dir;

    ClientSettings proxySettings()
    {
        m_proxyClient = m_server.client(&m_network, m_server.accessKey, m_server.secretKey, m_proxy->url());
        ClientSettings settings;
        settings.endpoint = m_proxyClient->endpoint();
        settings.credentials = m_proxyClient->credentialsProvider();
        return settings;
    }

    QByteArray putObject(const QString &key, quint32 seed)
    {
        PutObjectJob put(m_client.get(), m_bucket, key);
        put.setAutoDelete(false);
        const QByteArray data = randomBytes(ObjectSize, seed);
        put.setData(data);
        if (!runJob(put) || put.hasError())
            return {};
        return data;
    }

    ObjectMetadata head(const QString &key)
    {
        HeadObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "head" << key << job.error();
        return job.metadata();
    }

    QList<ObjectTag> tagsOf(const QString &key)
    {
        GetObjectTaggingJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "tagging" << key << job.error();
        QList<ObjectTag> tags = job.tags();
        std::sort(tags.begin(), tags.end(), [](const ObjectTag &a, const ObjectTag &b) { return a.key < b.key; });
        return tags;
    }

    QByteArray getObject(const QString &key)
    {
        GetObjectJob get(m_client.get(), m_bucket, key);
        get.setAutoDelete(false);
        get.setMaxMemoryBytes(2 * ObjectSize);
        if (!runJob(get) || get.hasError())
            return {};
        return get.data();
    }

    /** The status of a HEAD of the key (200, 404...). */
    int headStatus(const QString &key)
    {
        HeadObjectJob head(m_client.get(), m_bucket, key);
        head.setAutoDelete(false);
        if (!runJob(head))
            return -1;
        return head.hasError() ? head.error().httpStatus() : 200;
    }

    /** Unfinished multipart uploads to this key (-1: the listing failed). */
    int uploadsTo(const QString &key)
    {
        ListMultipartUploadsJob list(m_client.get(), m_bucket, key);
        list.setAutoDelete(false);
        if (!runJob(list) || list.hasError())
            return -1;
        int count = 0;
        for (const MultipartUploadInfo &upload : list.uploads())
            count += upload.key == key ? 1 : 0;
        return count;
    }

    static bool succeeded(const TransferQueue &queue, TransferId id)
    {
        const TransferSnapshot s = queue.snapshot(id);
        if (isFinalState(s.state) && s.state != TransferState::Succeeded)
            qWarning("transfer %llu ended %s: %s", id, qPrintable(transferStateName(s.state)), qPrintable(s.lastError.toString()));
        return s.state == TransferState::Succeeded;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY(m_dir.isValid());
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), u"s3desk-live-copytask"_s);
        QVERIFY(!m_bucket.isEmpty());
        m_proxy = std::make_unique<FaultProxy>(quint16(QUrl(m_server.endpoint).port()));
        QVERIFY(m_proxy->start());
    }

    void init()
    {
        m_proxy->clearFaults();
        m_proxy->setDelayMs(150); // each UploadPartCopy takes >= 0.3 s: 8 parts one at a time last >= 2.4 s
    }

    void cleanupTestCase()
    {
        if (m_client && !m_bucket.isEmpty())
            QVERIFY(!removeTestBucket(m_client.get(), m_bucket).isError());
    }

    void pausedCopyContinuesAfterARestart()
    {
        const QString source = u"restart/source.bin"_s;
        const QString target = u"restart/copy.bin"_s;
        const QByteArray data = putObject(source, 21);
        QVERIFY(!data.isEmpty());
        const QString queueFile = m_dir.filePath(u"restart-queue.json"_s);

        qint64 kept = 0;
        TransferId id = 0;
        {
            TransferQueue queue(proxySettings());
            queue.setPersistencePath(queueFile);
            id = queue.enqueueCopy(m_bucket, source, m_bucket, target, partsOf5MiB());
            QCOMPARE(queue.snapshot(id).direction, TransferDirection::Copy);
            QCOMPARE(queue.snapshot(id).bytesTotal, ObjectSize); // the listing's size, before the copy looks
            QVERIFY(waitUntil([&] { return queue.snapshot(id).bytesDone >= 2 * PartBytes; }, 60000));
            queue.pause(id);
            kept = queue.snapshot(id).bytesDone;
            QCOMPARE(queue.snapshot(id).state, TransferState::Paused);
            QVERIFY2(kept < ObjectSize, "the copy finished before it could be paused");
            QVERIFY(bool(queue.saveNow()));
        } // the app quits
        QCOMPARE(uploadsTo(target), 1); // the upload and its parts stay for the next run
        QCOMPARE(headStatus(target), 404);

        TransferQueue restored(proxySettings());
        restored.setPersistencePath(queueFile);
        QCOMPARE(*restored.restore(), 1);
        QCOMPARE(restored.snapshot(id).state, TransferState::Paused);
        QCOMPARE(restored.snapshot(id).sourceKey, source);
        QCOMPARE(restored.snapshot(id).bytesTotal, ObjectSize);
        restored.resume(id);
        QVERIFY(waitUntil([&] { return isFinalState(restored.snapshot(id).state); }, 120000));
        QVERIFY(succeeded(restored, id));
        // The run after the restart began where the first one stopped: ListParts found the parts copied.
        const QString note = restored.snapshot(id).note;
        QVERIFY2(note.contains(u"continuing at"_s), qPrintable(note));
        qInfo("paused at %lld of %lld bytes; after the restart: %s", kept, ObjectSize, qPrintable(note));
        QVERIFY(getObject(target) == data);
        QCOMPARE(uploadsTo(target), 0);
        QCOMPARE(headStatus(source), 200); // a copy keeps its source
    }

    void propertiesCopyPausedAndRestoredKeepsItsAttributes()
    {
        // A Properties save of a large object: a copy onto itself with new attributes, paused halfway, saved in the
        // queue file, restored as after a restart and continued; the attributes come back from the file.
        const QString key = u"properties/big.bin"_s;
        const QByteArray data = randomBytes(ObjectSize, 27);
        ObjectAttributes old;
        old.contentType = u"application/x-old"_s;
        old.cacheControl = u"no-cache"_s;
        old.userMetadata = {{u"origin"_s, u"camera-7"_s}};
        old.tags = {{u"project"_s, u"apollo"_s}};
        {
            PutObjectJob put(m_client.get(), m_bucket, key);
            put.setAutoDelete(false);
            put.setData(data);
            put.setAttributes(old);
            QVERIFY(runJob(put));
            QVERIFY2(!put.hasError(), qPrintable(put.error().toString()));
        }
        const ObjectMetadata before = head(key);
        QVERIFY(!before.etag.isEmpty());

        // What the dialog sends: every header it does not edit as read, the edits, all the tags.
        ObjectAttributes edited = attributesFromMetadata(before);
        edited.contentType = u"application/x-new"_s;
        edited.userMetadata.insert(u"reviewed"_s, u"yes"_s);
        edited.tags = {{u"project"_s, u"apollo"_s}, {u"status"_s, u"final"_s}};
        CopyOptions options = partsOf5MiB();
        options.replaceAttributes = edited;
        options.sourceIfMatch = before.etag;
        options.keepAcl = true;
        const QString queueFile = m_dir.filePath(u"properties-queue.json"_s);
        TransferId id = 0;
        {
            TransferQueue queue(proxySettings());
            queue.setPersistencePath(queueFile);
            id = queue.enqueueCopy(m_bucket, key, m_bucket, key, options);
            QVERIFY(waitUntil([&] { return queue.snapshot(id).bytesDone >= 2 * PartBytes; }, 60000));
            queue.pause(id);
            QCOMPARE(queue.snapshot(id).state, TransferState::Paused);
            QVERIFY2(queue.snapshot(id).bytesDone < ObjectSize, "the copy finished before it could be paused");
            QVERIFY(bool(queue.saveNow()));
        } // the app quits
        QCOMPARE(uploadsTo(key), 1);
        // Until the copy is complete the object is as it was.
        QCOMPARE(head(key).contentType, u"application/x-old"_s);
        QCOMPARE(head(key).etag, before.etag);

        m_proxy->setDelayMs(0);
        TransferQueue restored(proxySettings());
        restored.setPersistencePath(queueFile);
        QCOMPARE(*restored.restore(), 1);
        QCOMPARE(restored.snapshot(id).state, TransferState::Paused);
        QCOMPARE(restored.snapshot(id).sourceKey, key);
        QCOMPARE(restored.snapshot(id).key, key);
        restored.resume(id);
        QVERIFY(waitUntil([&] { return isFinalState(restored.snapshot(id).state); }, 120000));
        QVERIFY(succeeded(restored, id));
        QVERIFY2(restored.snapshot(id).note.contains(u"continuing at"_s), qPrintable(restored.snapshot(id).note));

        const ObjectMetadata after = head(key);
        QCOMPARE(after.contentType, u"application/x-new"_s);
        QCOMPARE(after.cacheControl, u"no-cache"_s);
        QCOMPARE(after.userMetadata, (QMap<QString, QString>{{u"origin"_s, u"camera-7"_s}, {u"reviewed"_s, u"yes"_s}}));
        QCOMPARE(after.size, ObjectSize);
        QVERIFY(after.etag != before.etag); // assembled from parts
        QCOMPARE(tagsOf(key), edited.tags);
        QVERIFY(getObject(key) == data);
        QCOMPARE(uploadsTo(key), 0);

        // Run again (a stale queue entry): the ETag condition refuses to rewrite the newer object.
        TransferQueue again(proxySettings());
        const TransferId stale = again.enqueueCopy(m_bucket, key, m_bucket, key, options);
        QVERIFY(waitUntil([&] { return isFinalState(again.snapshot(stale).state); }, 60000));
        QCOMPARE(again.snapshot(stale).state, TransferState::Failed);
        QCOMPARE(again.snapshot(stale).lastError.code(), u"PreconditionFailed"_s);
        QCOMPARE(head(key).etag, after.etag);
    }

    void moveDeletesTheSourceOnceCopied()
    {
        const QString source = u"move/source.bin"_s;
        const QString target = u"move/moved.bin"_s;
        const QByteArray data = putObject(source, 22);
        QVERIFY(!data.isEmpty());
        m_proxy->setDelayMs(0);
        TransferQueue queue(proxySettings());
        CopyOptions options = partsOf5MiB();
        options.deleteSource = true;
        const TransferId id = queue.enqueueCopy(m_bucket, source, m_bucket, target, options);
        QVERIFY(queue.snapshot(id).move);
        QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(id).state); }, 120000));
        QVERIFY(succeeded(queue, id));
        QCOMPARE(queue.snapshot(id).bytesDone, ObjectSize);
        QVERIFY(getObject(target) == data);
        QCOMPARE(headStatus(source), 404);
        QCOMPARE(uploadsTo(target), 0);
    }

    void cancelAbortsTheUpload()
    {
        const QString source = u"cancel/source.bin"_s;
        const QString target = u"cancel/copy.bin"_s;
        QVERIFY(!putObject(source, 23).isEmpty());
        TransferQueue queue(proxySettings());
        const TransferId id = queue.enqueueCopy(m_bucket, source, m_bucket, target, partsOf5MiB());
        QVERIFY(waitUntil([&] { return queue.snapshot(id).bytesDone >= PartBytes; }, 60000));
        queue.cancel(id);
        QCOMPARE(queue.snapshot(id).state, TransferState::Cancelled);
        QVERIFY(waitUntil([&] { return uploadsTo(target) == 0; }, 20000));
        QCOMPARE(headStatus(target), 404);
        QCOMPARE(headStatus(source), 200);
    }

    void restoredCopyCancelledBeforeItRanAbortsItsUpload()
    {
        const QString source = u"restored-cancel/source.bin"_s;
        const QString target = u"restored-cancel/copy.bin"_s;
        QVERIFY(!putObject(source, 24).isEmpty());
        const QString queueFile = m_dir.filePath(u"restored-cancel-queue.json"_s);
        TransferId id = 0;
        {
            TransferQueue queue(proxySettings());
            queue.setPersistencePath(queueFile);
            id = queue.enqueueCopy(m_bucket, source, m_bucket, target, partsOf5MiB());
            QVERIFY(waitUntil([&] { return queue.snapshot(id).bytesDone >= PartBytes; }, 60000));
            queue.pause(id);
            QVERIFY(bool(queue.saveNow()));
        }
        QCOMPARE(uploadsTo(target), 1);
        // The restored copy has no client of its own yet: the queue aborts the upload for it.
        TransferQueue restored(proxySettings());
        restored.setAbandonedRetryIntervalMs(200);
        restored.setPersistencePath(queueFile);
        QCOMPARE(*restored.restore(), 1);
        restored.cancel(id);
        QVERIFY(waitUntil([&] { return uploadsTo(target) == 0; }, 20000));
        QVERIFY(waitUntil([&] { return restored.abandonedUploads().isEmpty(); }, 20000));
    }

    void changedSourceStartsOver()
    {
        const QString source = u"changed/source.bin"_s;
        const QString target = u"changed/copy.bin"_s;
        QVERIFY(!putObject(source, 25).isEmpty());
        TransferQueue queue(proxySettings());
        const TransferId id = queue.enqueueCopy(m_bucket, source, m_bucket, target, partsOf5MiB());
        QVERIFY(waitUntil([&] { return queue.snapshot(id).bytesDone >= 2 * PartBytes; }, 60000));
        queue.pause(id);
        QVERIFY(queue.snapshot(id).bytesDone < ObjectSize);
        const QByteArray changed = putObject(source, 26); // same size, other bytes, another ETag
        QVERIFY(!changed.isEmpty());
        m_proxy->setDelayMs(0);
        queue.resume(id);
        QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(id).state); }, 120000));
        QVERIFY(succeeded(queue, id));
        QVERIFY2(queue.snapshot(id).note.contains(u"starting over"_s), qPrintable(queue.snapshot(id).note));
        QVERIFY(getObject(target) == changed); // never a mix of the two versions
        QVERIFY(waitUntil([&] { return uploadsTo(target) == 0; }, 20000)); // the stale upload was aborted
    }
};

QTEST_GUILESS_MAIN(TestLiveCopyTask)
#include "tst_live_copytask.moc"
