// SPDX-License-Identifier: Apache-2.0
// Customer-provided encryption keys (SSE-C) against the real Ceph RGW, over its https port (RGW refuses SSE-C
// over plain http unless told otherwise): single and multipart uploads with a key, HEAD without the key or with
// another one failing with a message that says what to do, downloads in several ranges (and after a pause)
// byte-identical, copies in one request and in parts and a rename keeping the encryption and the key.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "livetest.h"
#include "s3core/crypto.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/servercopyjob.h"
#include "s3core/ssecustomerkey.h"
#include "s3core/transfer/transferqueue.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 PartBytes = 5 * 1024 * 1024;
constexpr qint64 BigBytes = 3 * PartBytes + 54321; // four parts, the last one short

SseCustomerKey keyOf(char fill)
{
    return *SseCustomerKey::fromRaw(QByteArray(SseCustomerKey::KeyBytes, fill));
}
} // namespace

class TestLiveSsec : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QString m_bucket;
    QTemporaryDir m_dir;
    const SseCustomerKey m_key = keyOf('k');
    const SseCustomerKey m_otherKey = keyOf('o');
    QByteArray m_big;

    ClientSettings settings() const
    {
        ClientSettings settings;
        settings.endpoint = m_client->endpoint();
        settings.credentials = m_client->credentialsProvider();
        settings.caBundle = m_server.tlsCa;
        return settings;
    }

    Result<ObjectMetadata> head(const QString &key, const SseCustomerKey &sseKey)
    {
        HeadObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        job.setSseCustomerKey(sseKey);
        if (!runJob(job))
            return S3Error::invalid(u"HEAD timed out"_s);
        if (job.hasError())
            return job.error();
        return job.metadata();
    }

    Result<QByteArray> get(const QString &key, const SseCustomerKey &sseKey, qint64 first = -1, qint64 last = -1)
    {
        GetObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        job.setSseCustomerKey(sseKey);
        GetObjectOptions options;
        options.rangeFirst = first;
        options.rangeLast = last;
        job.setOptions(options);
        if (!runJob(job))
            return S3Error::invalid(u"GET timed out"_s);
        if (job.hasError())
            return job.error();
        return job.data();
    }

    QString writeFile(const QString &name, const QByteArray &data)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
            return {};
        return file.fileName();
    }

    bool waitFinished(TransferQueue &queue, TransferId id, int timeoutMs = 120000)
    {
        return waitUntil([&] { return isFinalState(queue.snapshot(id).state); }, timeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        S3DESK_REQUIRE_LIVE_TLS(m_server, (BulkPath{true, true}));
        QVERIFY(m_dir.isValid());
        m_client = m_server.client(&m_network, m_server.accessKey, m_server.secretKey, m_server.tlsEndpoint);
        QVERIFY(bool(m_client->setCaBundle(m_server.tlsCa)));
        m_bucket = createTestBucket(m_client.get(), u"s3desk-live-ssec"_s);
        QVERIFY(!m_bucket.isEmpty());
        m_big = randomBytes(BigBytes, 1212);
    }

    void cleanupTestCase()
    {
        if (m_client && !m_bucket.isEmpty())
            QVERIFY(!removeTestBucket(m_client.get(), m_bucket).isError());
    }

    void singlePutAndHead()
    {
        const QByteArray data = randomBytes(70000, 5);
        PutObjectJob put(m_client.get(), m_bucket, u"single.bin"_s);
        put.setAutoDelete(false);
        put.setData(data);
        ObjectAttributes attributes;
        attributes.sseCustomerKey = m_key;
        put.setAttributes(attributes);
        QVERIFY(runJob(put));
        QVERIFY2(!put.hasError(), qPrintable(put.error().toString()));

        Result<ObjectMetadata> withKey = head(u"single.bin"_s, m_key);
        QVERIFY2(withKey, qPrintable(withKey ? QString() : withKey.error().toString()));
        QCOMPARE(withKey->sseCustomerAlgorithm, u"AES256"_s);
        QCOMPARE(withKey->size, data.size());

        Result<ObjectMetadata> withoutKey = head(u"single.bin"_s, {});
        QVERIFY(!withoutKey);
        QCOMPARE(withoutKey.error().code(), QString(SseCustomerKeyRequiredCode));
        QVERIFY2(withoutKey.error().message().contains(u"single.bin: object is encrypted with a customer-provided key (SSE-C): give the key "
                                                       u"with --sse-c-key-file / in the app's prompt"_s),
                 qPrintable(withoutKey.error().message()));

        Result<ObjectMetadata> wrongKey = head(u"single.bin"_s, m_otherKey);
        QVERIFY(!wrongKey);
        QCOMPARE(wrongKey.error().code(), QString(SseCustomerKeyRefusedCode));
        QVERIFY2(wrongKey.error().message().contains(u"another customer-provided key"_s), qPrintable(wrongKey.error().message()));

        Result<QByteArray> body = get(u"single.bin"_s, m_key);
        QVERIFY(body);
        QCOMPARE(*body, data);
        Result<QByteArray> range = get(u"single.bin"_s, m_key, 1000, 1999);
        QVERIFY(range);
        QCOMPARE(*range, data.mid(1000, 1000));
        Result<QByteArray> refused = get(u"single.bin"_s, {});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), QString(SseCustomerKeyRequiredCode));
        // The key never shows in a message.
        const QByteArray base64 = QByteArray(SseCustomerKey::KeyBytes, 'o').toBase64();
        QVERIFY(!wrongKey.error().toString().toLatin1().contains(base64));
    }

    void multipartUploadAndRangedDownload()
    {
        const QString source = writeFile(u"big.bin"_s, m_big);
        QVERIFY(!source.isEmpty());
        TransferQueue queue(settings(), {2, 6});
        UploadOptions upload;
        upload.multipartThreshold = PartBytes;
        upload.partSize = PartBytes;
        upload.attributes.sseCustomerKey = m_key;
        const TransferId up = queue.enqueueUpload(source, m_bucket, u"big.bin"_s, upload);
        QVERIFY(waitFinished(queue, up));
        QVERIFY2(queue.snapshot(up).state == TransferState::Succeeded, qPrintable(queue.snapshot(up).lastError.toString()));

        Result<ObjectMetadata> metadata = head(u"big.bin"_s, m_key);
        QVERIFY(metadata);
        QCOMPARE(metadata->sseCustomerAlgorithm, u"AES256"_s);
        QVERIFY2(metadata->etag.endsWith(u"-4\""_s), qPrintable(metadata->etag));

        DownloadOptions download;
        download.partSize = PartBytes; // four ranged GETs
        download.sseCustomerKey = m_key;
        const QString target = m_dir.filePath(u"big.down"_s);
        const TransferId down = queue.enqueueDownload(m_bucket, u"big.bin"_s, target, download);
        QVERIFY(waitFinished(queue, down));
        QVERIFY2(queue.snapshot(down).state == TransferState::Succeeded, qPrintable(queue.snapshot(down).lastError.toString()));
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), m_big);

        // Without the key: a clear failure, no file left.
        DownloadOptions noKey;
        noKey.partSize = PartBytes;
        const QString refusedTarget = m_dir.filePath(u"refused.down"_s);
        const TransferId refused = queue.enqueueDownload(m_bucket, u"big.bin"_s, refusedTarget, noKey);
        QVERIFY(waitFinished(queue, refused));
        const TransferSnapshot snapshot = queue.snapshot(refused);
        QCOMPARE(snapshot.state, TransferState::Failed);
        QCOMPARE(snapshot.lastError.code(), QString(SseCustomerKeyRequiredCode));
        QVERIFY(!QFile::exists(refusedTarget));
    }

    void pausedDownloadResumesWithTheKey()
    {
        TransferQueue queue(settings(), {1, 1});
        DownloadOptions download;
        download.partSize = PartBytes;
        download.maxRangesInFlight = 1;
        download.sseCustomerKey = m_key;
        const QString target = m_dir.filePath(u"paused.down"_s);
        const TransferId id = queue.enqueueDownload(m_bucket, u"big.bin"_s, target, download);
        QVERIFY(waitUntil([&] { return queue.snapshot(id).bytesDone > 0 || isFinalState(queue.snapshot(id).state); }));
        queue.pause(id);
        QVERIFY(waitUntil([&] { const auto state = queue.snapshot(id).state; return state == TransferState::Paused || isFinalState(state); }));
        const bool paused = queue.snapshot(id).state == TransferState::Paused;
        if (paused)
            queue.resume(id);
        QVERIFY(waitFinished(queue, id));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(queue.snapshot(id).lastError.toString()));
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), m_big);
        if (!paused)
            qWarning("the download finished before it could be paused: only the uninterrupted path was seen");
    }

    void restoredUploadNeverGoesOnWithoutTheKey()
    {
        const QString source = writeFile(u"restored.bin"_s, m_big);
        const QString queueFile = m_dir.filePath(u"queue.json"_s);
        {
            TransferQueue queue(settings(), {1, 1});
            queue.setPersistencePath(queueFile);
            UploadOptions upload;
            upload.multipartThreshold = PartBytes;
            upload.partSize = PartBytes;
            upload.maxPartsInFlight = 1;
            upload.attributes.sseCustomerKey = m_key;
            const TransferId id = queue.enqueueUpload(source, m_bucket, u"restored.bin"_s, upload);
            QVERIFY(waitUntil([&] { return queue.snapshot(id).bytesDone > 0 || isFinalState(queue.snapshot(id).state); }));
            queue.pause(id);
            QVERIFY(waitUntil([&] { const auto state = queue.snapshot(id).state; return state == TransferState::Paused || isFinalState(state); }));
            QCOMPARE(queue.snapshot(id).state, TransferState::Paused);
        } // saved on destruction
        QFile saved(queueFile);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray text = saved.readAll();
        QVERIFY(text.contains("\"sseCustomerKey\": true"));
        QVERIFY(!text.contains(QByteArray(SseCustomerKey::KeyBytes, 'k').toBase64()));
        saved.close();

        TransferQueue restored(settings(), {1, 1});
        restored.setPersistencePath(queueFile);
        Result<int> count = restored.restore();
        QVERIFY(count);
        QCOMPARE(*count, 1);
        const TransferId id = restored.snapshots().first().id;
        restored.resume(id);
        QVERIFY(waitFinished(restored, id));
        const TransferSnapshot snapshot = restored.snapshot(id);
        QCOMPARE(snapshot.state, TransferState::Failed);
        QCOMPARE(snapshot.lastError.code(), QString(SseCustomerKeyRequiredCode));
        QVERIFY2(snapshot.lastError.message().contains(u"never saved"_s), qPrintable(snapshot.lastError.message()));
        // Nothing was stored unencrypted.
        QCOMPARE(head(u"restored.bin"_s, {}).error().httpStatus(), 404);
        restored.cancel(id);
    }

    void copyKeepsTheKey_data()
    {
        QTest::addColumn<qint64>("threshold");
        QTest::newRow("one request (Ceph: 501, then parts)") << ServerCopyJob::MaxSingleCopyBytes;
        QTest::newRow("in parts") << PartBytes;
    }

    void copyKeepsTheKey()
    {
        QFETCH(qint64, threshold);
        m_client->setMultipartCopyThreshold(threshold);
        const QString target = u"copy-%1.bin"_s.arg(threshold);
        ServerCopyJob copy(m_client.get(), m_bucket, u"big.bin"_s, m_bucket, target);
        copy.setAutoDelete(false);
        copy.setPartSize(PartBytes);
        copy.setSourceSseCustomerKey(m_key);
        QVERIFY(runJob(copy));
        m_client->setMultipartCopyThreshold(ServerCopyJob::MaxSingleCopyBytes);
        QVERIFY2(!copy.hasError(), qPrintable(copy.error().toString()));

        Result<ObjectMetadata> metadata = head(target, m_key);
        QVERIFY2(metadata, qPrintable(metadata ? QString() : metadata.error().toString()));
        QCOMPARE(metadata->sseCustomerAlgorithm, u"AES256"_s);
        QCOMPARE(head(target, {}).error().code(), QString(SseCustomerKeyRequiredCode));
        Result<QByteArray> body = get(target, m_key);
        QVERIFY(body);
        QCOMPARE(body->size(), m_big.size());
        QVERIFY(*body == m_big);
    }

    void copyWithoutTheKeyFailsClearly()
    {
        ServerCopyJob copy(m_client.get(), m_bucket, u"single.bin"_s, m_bucket, u"nocopy.bin"_s);
        copy.setAutoDelete(false);
        QVERIFY(runJob(copy));
        QVERIFY(copy.hasError());
        QCOMPARE(copy.error().code(), QString(SseCustomerKeyRequiredCode));
        QCOMPARE(head(u"nocopy.bin"_s, m_key).error().httpStatus(), 404);
    }

    void renameKeepsTheKey()
    {
        MoveObjectJob move(m_client.get(), m_bucket, u"single.bin"_s, m_bucket, u"renamed.bin"_s);
        move.setAutoDelete(false);
        move.setSseCustomerKeys(m_key);
        QVERIFY(runJob(move));
        QVERIFY2(!move.hasError(), qPrintable(move.error().toString()));
        Result<ObjectMetadata> metadata = head(u"renamed.bin"_s, m_key);
        QVERIFY(metadata);
        QCOMPARE(metadata->sseCustomerAlgorithm, u"AES256"_s);
        QCOMPARE(head(u"single.bin"_s, m_key).error().httpStatus(), 404);
        QCOMPARE(get(u"renamed.bin"_s, m_key)->size(), 70000);
    }
};

QTEST_GUILESS_MAIN(TestLiveSsec)
#include "tst_live_ssec.moc"
