// SPDX-License-Identifier: Apache-2.0
// The multipart jobs and the MultipartUploader against the real Ceph RGW (signatures, digests and part-size
// limits really checked by the server). Records what Ceph answers for each refusal.
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "livetest.h"
#include "s3core/crypto.h"
#include "s3core/ops/bucketjobs.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/getobjecttaggingjob.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/multipartuploader.h"
#include "s3core/transfer/partplanner.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

class TestLiveMultipart : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QString m_bucket;
    QTemporaryDir m_dir;

    QString create(const QString &key, S3Client *client = nullptr)
    {
        CreateMultipartUploadJob job(client ? client : m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError()) {
            qWarning() << "create" << key << job.error();
            return {};
        }
        return job.uploadId();
    }

    QString uploadPart(const QString &key, const QString &uploadId, int number, const PartSource &source, S3Error *error = nullptr,
                       const QByteArray &md5 = {}, const QByteArray &sha256 = {}, IntegrityMode mode = IntegrityMode::Sha256AndMd5)
    {
        UploadPartJob job(m_client.get(), m_bucket, key, uploadId, number, source);
        job.setAutoDelete(false);
        job.setIntegrityMode(mode);
        if (!md5.isEmpty())
            job.setPrecomputedMd5(md5);
        if (!sha256.isEmpty())
            job.setPrecomputedSha256(sha256);
        runJob(job);
        if (error)
            *error = job.error();
        else if (job.hasError())
            qWarning() << "part" << number << job.error();
        return job.etag();
    }

    QList<MultipartUploadInfo> listUploads(const QString &prefix, int perPage = 0, int *pages = nullptr)
    {
        ListMultipartUploadsJob job(m_client.get(), m_bucket, prefix);
        job.setAutoDelete(false);
        job.setMaxUploadsPerPage(perPage);
        if (!runJob(job) || job.hasError()) {
            qWarning() << "list uploads" << job.error();
            return {};
        }
        if (pages)
            *pages = job.pageCount();
        return job.uploads();
    }

    bool hasUpload(const QString &uploadId)
    {
        for (const MultipartUploadInfo &upload : listUploads(QString())) {
            if (upload.uploadId == uploadId)
                return true;
        }
        return false;
    }

    S3Error abortUpload(const QString &key, const QString &uploadId, bool *gone = nullptr)
    {
        AbortMultipartUploadJob job(m_client.get(), m_bucket, key, uploadId);
        job.setAutoDelete(false);
        runJob(job);
        if (gone)
            *gone = job.alreadyGone();
        return job.error();
    }

    QByteArray download(const QString &key)
    {
        const QString path = m_dir.filePath(QStringLiteral("download.bin"));
        GetObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        job.setDestinationFile(path);
        if (!runJob(job, 120000) || job.hasError()) {
            qWarning() << "get" << key << job.error();
            return {};
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return file.readAll();
    }

    QString writeTemp(const QString &name, const QByteArray &data)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size())
            return {};
        return path;
    }

    struct UploaderResult
    {
        bool completed = false;
        S3Error error;
        CompleteMultipartUploadResult result;
        int partsOk = 0;
    };

    UploaderResult runUploader(MultipartUploader &uploader, const std::function<void()> &submit)
    {
        QSignalSpy completed(&uploader, &MultipartUploader::completed);
        QSignalSpy failed(&uploader, &MultipartUploader::failed);
        QSignalSpy aborted(&uploader, &MultipartUploader::aborted);
        UploaderResult outcome;
        connect(&uploader, &MultipartUploader::partFinished, this, [&outcome](int, const QString &etag, const S3Error &error) {
            if (!error.isError() && !etag.isEmpty())
                ++outcome.partsOk;
        });
        uploader.create();
        submit();
        uploader.complete();
        if (!QTest::qWaitFor([&] { return !completed.isEmpty() || !failed.isEmpty() || !aborted.isEmpty(); }, 60000))
            qWarning("the uploader did not finish within 60 s");
        outcome.completed = !completed.isEmpty();
        if (outcome.completed)
            outcome.result = completed.constFirst().constFirst().value<CompleteMultipartUploadResult>();
        if (!failed.isEmpty())
            outcome.error = failed.constFirst().constFirst().value<S3Error>();
        return outcome;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY(m_dir.isValid());
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), QStringLiteral("s3desk-live-mp"));
        QVERIFY(!m_bucket.isEmpty());
    }

    void rawJobsRoundTrip()
    {
        const QByteArray data = randomBytes(2 * MinPartSize + MiB, 1);
        const QString path = writeTemp(QStringLiteral("source.bin"), data);
        QVERIFY(!path.isEmpty());
        const QString key = QStringLiteral("raw/three parts+plus.bin");
        const QString uploadId = create(key);
        QVERIFY(!uploadId.isEmpty());
        QVERIFY(hasUpload(uploadId));

        QList<CompletedPart> parts;
        const qint64 offsets[] = {0, MinPartSize, 2 * MinPartSize};
        const qint64 lengths[] = {MinPartSize, MinPartSize, MiB};
        for (int i = 2; i >= 0; --i) { // any order
            const QString etag = uploadPart(key, uploadId, i + 1, PartSource::fromFile(path, offsets[i], lengths[i]));
            QVERIFY(!etag.isEmpty());
            QCOMPARE(etag, QStringLiteral("\"%1\"").arg(QString::fromLatin1(crypto::md5(data.mid(offsets[i], lengths[i])).toHex())));
            parts.append({i + 1, etag});
        }

        ListPartsJob list(m_client.get(), m_bucket, key, uploadId);
        list.setAutoDelete(false);
        list.setMaxPartsPerPage(2); // Ceph pages too
        QVERIFY(runJob(list));
        QVERIFY2(!list.hasError(), qPrintable(list.error().toString()));
        QCOMPARE(list.pageCount(), 2);
        QCOMPARE(list.parts().size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(list.parts().at(i).partNumber, i + 1);
            QCOMPARE(list.parts().at(i).size, lengths[i]);
            QCOMPARE(list.parts().at(i).etag, parts.at(2 - i).etag);
        }

        CompleteMultipartUploadJob complete(m_client.get(), m_bucket, key, uploadId, parts);
        complete.setAutoDelete(false);
        QVERIFY(runJob(complete));
        QVERIFY2(!complete.hasError(), qPrintable(complete.error().toString()));
        qInfo() << "Complete answered ETag" << complete.result().etag << "location" << complete.result().location;
        QVERIFY(complete.result().etag.endsWith(QStringLiteral("-3\"")));
        QCOMPARE(complete.result().etag, CompleteMultipartUploadJob::expectedMultipartEtag(parts));
        QVERIFY(!hasUpload(uploadId));

        // Completing it again, as a retry after a lost answer would: the upload is gone, the HEAD check finds our object.
        CompleteMultipartUploadJob again(m_client.get(), m_bucket, key, uploadId, parts);
        again.setAutoDelete(false);
        QVERIFY(runJob(again));
        QVERIFY2(!again.hasError(), qPrintable(again.error().toString()));
        qInfo() << "a second Complete of a completed upload: via HEAD:" << again.completedAfterLostAnswer() << again.result().etag;
        QCOMPARE(again.result().etag, complete.result().etag);

        QVERIFY(download(key) == data);
        HeadObjectJob head(m_client.get(), m_bucket, key);
        head.setAutoDelete(false);
        QVERIFY(runJob(head));
        QCOMPARE(head.metadata().etag, complete.result().etag);
        QCOMPARE(head.metadata().size, data.size());
    }

    void abortRemovesTheUpload()
    {
        const QString key = QStringLiteral("aborted.bin");
        const QString uploadId = create(key);
        QVERIFY(!uploadId.isEmpty());
        QVERIFY(!uploadPart(key, uploadId, 1, PartSource::fromData(randomBytes(1000, 2))).isEmpty());
        QVERIFY(hasUpload(uploadId));
        bool gone = true;
        const S3Error error = abortUpload(key, uploadId, &gone);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        QVERIFY(!gone);
        QVERIFY(!hasUpload(uploadId));
        // Again: Ceph answers NoSuchUpload, which counts as done.
        const S3Error again = abortUpload(key, uploadId, &gone);
        QVERIFY2(!again.isError(), qPrintable(again.toString()));
        QVERIFY(gone);
        // The parts of an aborted upload cannot be listed any more: Ceph says NoSuchKey here (AWS: NoSuchUpload).
        ListPartsJob list(m_client.get(), m_bucket, key, uploadId);
        list.setAutoDelete(false);
        QVERIFY(runJob(list));
        qInfo() << "Ceph answers ListParts of an aborted upload with" << list.error();
        QVERIFY(list.error().code() == QLatin1String("NoSuchUpload") || list.error().code() == QLatin1String("NoSuchKey"));
        // Completing it fails. Ceph 16 answers 500 InternalError "This multipart completion is already in progress"
        // (AWS: 404 NoSuchUpload), while a repeated Complete of a *completed* upload gets 200 with the ETag.
        CompleteMultipartUploadJob complete(m_client.get(), m_bucket, key, uploadId, {{1, QStringLiteral("\"0123456789abcdef0123456789abcdef\"")}});
        complete.setAutoDelete(false);
        complete.setRetryPolicy(RetryPolicy::none());
        QVERIFY(runJob(complete));
        qInfo() << "Ceph answers Complete of an aborted upload with" << complete.error();
        QVERIFY(complete.error().code() == QLatin1String("NoSuchUpload") || complete.error().code() == QLatin1String("InternalError"));
        QVERIFY(!complete.completedAfterLostAnswer());
    }

    void listMultipartUploadsPages()
    {
        QStringList ids;
        for (const QString &key : {QStringLiteral("pending/a"), QStringLiteral("pending/b"), QStringLiteral("pending/b"),
                                   QStringLiteral("pending/c"), QStringLiteral("other/x")})
            ids.append(create(key));
        int pages = 0;
        const QList<MultipartUploadInfo> uploads = listUploads(QStringLiteral("pending/"), 2, &pages);
        QStringList keys;
        QStringList seen;
        for (const MultipartUploadInfo &upload : uploads) {
            keys.append(upload.key);
            seen.append(upload.uploadId);
        }
        QCOMPARE(keys, QStringList({QStringLiteral("pending/a"), QStringLiteral("pending/b"), QStringLiteral("pending/b"),
                                    QStringLiteral("pending/c")}));
        QCOMPARE(pages, 2);
        for (int i = 0; i < 4; ++i)
            QVERIFY(seen.contains(ids.at(i)));
        const QStringList keysInOrder = {QStringLiteral("pending/a"), QStringLiteral("pending/b"), QStringLiteral("pending/b"),
                                         QStringLiteral("pending/c"), QStringLiteral("other/x")};
        for (int i = 0; i < ids.size(); ++i)
            QVERIFY(!abortUpload(keysInOrder.at(i), ids.at(i)).isError());
        QVERIFY(listUploads(QStringLiteral("pending/")).isEmpty());
    }

    void smallPartIsRefusedByTheServer()
    {
        // The raw Complete has no local size check: Ceph's own answer.
        const QString key = QStringLiteral("small-parts.bin");
        const QString uploadId = create(key);
        QList<CompletedPart> parts;
        parts.append({1, uploadPart(key, uploadId, 1, PartSource::fromData(randomBytes(MiB, 3)))});
        parts.append({2, uploadPart(key, uploadId, 2, PartSource::fromData(randomBytes(MiB, 4)))});
        CompleteMultipartUploadJob complete(m_client.get(), m_bucket, key, uploadId, parts);
        complete.setAutoDelete(false);
        QVERIFY(runJob(complete));
        QVERIFY(complete.hasError());
        qInfo() << "Ceph answers a small non-last part with" << complete.error();
        QCOMPARE(complete.error().code(), QStringLiteral("EntityTooSmall"));
        QCOMPARE(complete.error().httpStatus(), 400);
        QVERIFY(hasUpload(uploadId)); // a refused Complete leaves the upload
        QVERIFY(!abortUpload(key, uploadId).isError());

        // The uploader refuses the same parts locally, then aborts.
        MultipartUploader uploader(m_client.get(), m_bucket, QStringLiteral("small-uploader.bin"));
        const UploaderResult outcome = runUploader(uploader, [&] {
            uploader.submitPart(randomBytes(MiB, 3));
            uploader.submitPart(randomBytes(MiB, 4));
        });
        QVERIFY(!outcome.completed);
        QCOMPARE(outcome.error.code(), QStringLiteral("EntityTooSmall"));
        QVERIFY(listUploads(QStringLiteral("small-uploader")).isEmpty());
    }

    void wrongDigestsAreRefusedByTheServer()
    {
        const QString key = QStringLiteral("digests.bin");
        const QString uploadId = create(key);
        const QByteArray data = randomBytes(100000, 5);
        S3Error error;
        uploadPart(key, uploadId, 1, PartSource::fromData(data), &error, crypto::md5("not the data"));
        qInfo() << "Ceph answers a wrong Content-MD5 with" << error;
        QCOMPARE(error.code(), QStringLiteral("BadDigest"));
        QCOMPARE(error.httpStatus(), 400);

        uploadPart(key, uploadId, 2, PartSource::fromData(data), &error, {}, crypto::sha256("not the data"), IntegrityMode::Sha256Only);
        qInfo() << "Ceph answers a wrong x-amz-content-sha256 with" << error;
        QVERIFY(error.isError());
        QCOMPARE(error.code(), QStringLiteral("XAmzContentSHA256Mismatch"));
        QCOMPARE(error.httpStatus(), 400);

        ListPartsJob list(m_client.get(), m_bucket, key, uploadId);
        list.setAutoDelete(false);
        QVERIFY(runJob(list));
        QVERIFY(list.parts().isEmpty()); // nothing was stored
        QVERIFY(!abortUpload(key, uploadId).isError());
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

    // Ceph RGW 16 ignores x-amz-tagging on CreateMultipartUpload; the uploader reads the tags back after Complete
    // and sets them when they are missing. The raw jobs show the server's behaviour the uploader makes up for.
    void uploaderSetsTagsTheServerDropped()
    {
        ObjectAttributes attributes;
        attributes.tags = {{u"env"_s, u"prod"_s}, {u"project"_s, u"apollo 11"_s}};
        const QByteArray data = randomBytes(MinPartSize + 777, 21);

        CreateMultipartUploadJob raw(m_client.get(), m_bucket, u"tags/raw.bin"_s, attributes);
        raw.setAutoDelete(false);
        QVERIFY(runJob(raw));
        QVERIFY2(!raw.hasError(), qPrintable(raw.error().toString()));
        const QString etag1 = uploadPart(u"tags/raw.bin"_s, raw.uploadId(), 1, PartSource::fromData(data.left(MinPartSize)));
        const QString etag2 = uploadPart(u"tags/raw.bin"_s, raw.uploadId(), 2, PartSource::fromData(data.mid(MinPartSize)));
        CompleteMultipartUploadJob complete(m_client.get(), m_bucket, u"tags/raw.bin"_s, raw.uploadId(), {{1, etag1}, {2, etag2}});
        complete.setAutoDelete(false);
        QVERIFY(runJob(complete));
        QVERIFY2(!complete.hasError(), qPrintable(complete.error().toString()));
        qInfo() << "tags after a raw multipart upload asked for 2:" << tagsOf(u"tags/raw.bin"_s).size();

        MultipartUploader uploader(m_client.get(), m_bucket, u"tags/uploader.bin"_s, attributes);
        const UploaderResult outcome = runUploader(uploader, [&] {
            uploader.submitPart(data.left(MinPartSize));
            uploader.submitPart(data.mid(MinPartSize));
        });
        QVERIFY2(outcome.completed, qPrintable(outcome.error.toString()));
        QCOMPARE(uploader.warnings(), QStringList());
        QCOMPARE(tagsOf(u"tags/uploader.bin"_s), attributes.tags);
        QVERIFY(download(u"tags/uploader.bin"_s) == data);
    }

    // SSE asked for and not applied is said (the upload succeeds); SSE-KMS, which the dev server has, is not.
    void uploaderWarnsWhenEncryptionIsNotApplied_data()
    {
        QTest::addColumn<QString>("sse");
        QTest::addColumn<QString>("kmsKey");
        QTest::newRow("aws:kms testkey-1") << u"aws:kms"_s << u"testkey-1"_s;
        QTest::newRow("AES256") << u"AES256"_s << QString();
    }

    void uploaderWarnsWhenEncryptionIsNotApplied()
    {
        QFETCH(QString, sse);
        QFETCH(QString, kmsKey);
        ObjectAttributes attributes;
        attributes.serverSideEncryption = sse;
        attributes.sseKmsKeyId = kmsKey;
        const QString key = u"sse/%1.bin"_s.arg(QString(sse).remove(u':'));
        MultipartUploader uploader(m_client.get(), m_bucket, key, attributes);
        const QByteArray data = randomBytes(MinPartSize + 99, 22);
        const UploaderResult outcome = runUploader(uploader, [&] {
            uploader.submitPart(data.left(MinPartSize));
            uploader.submitPart(data.mid(MinPartSize));
        });
        QVERIFY2(outcome.completed, qPrintable(outcome.error.toString()));
        HeadObjectJob head(m_client.get(), m_bucket, key);
        head.setAutoDelete(false);
        QVERIFY(runJob(head));
        const QString stored = head.metadata().serverSideEncryption;
        qInfo() << "asked" << sse << "the server says" << stored;
        if (stored.isEmpty()) {
            QCOMPARE(uploader.warnings().size(), 1);
            QVERIFY2(uploader.warnings().constFirst().contains(u"may be stored unencrypted"_s), qPrintable(uploader.warnings().constFirst()));
        } else {
            QCOMPARE(stored, sse);
            QCOMPARE(uploader.warnings(), QStringList());
        }
        if (sse == u"aws:kms"_s)
            QCOMPARE(stored, sse); // the dev server has the KMS testing backend: this case must be the quiet one
        else
            QVERIFY2(stored.isEmpty(), "Ceph RGW 16 was expected to ignore AES256 (the warning case)");
    }

    void uploaderWithPartsInMemory()
    {
        const QByteArray data = randomBytes(2 * MinPartSize + 12345, 6);
        MultipartUploader uploader(m_client.get(), m_bucket, QStringLiteral("uploader/memory.bin"));
        uploader.setMaxConcurrentParts(2);
        const UploaderResult outcome = runUploader(uploader, [&] {
            QCOMPARE(uploader.submitPart(data.mid(0, MinPartSize)), 1);
            QCOMPARE(uploader.submitPart(data.mid(MinPartSize, MinPartSize)), 2);
            QCOMPARE(uploader.submitPart(data.mid(2 * MinPartSize)), 3);
        });
        QVERIFY2(outcome.completed, qPrintable(outcome.error.toString()));
        QCOMPARE(outcome.partsOk, 3);
        QVERIFY(outcome.result.etag.endsWith(QStringLiteral("-3\"")));
        QVERIFY(download(QStringLiteral("uploader/memory.bin")) == data);
    }

    void uploaderWithFileParts_data()
    {
        QTest::addColumn<IntegrityMode>("mode");
        QTest::addColumn<bool>("tls");
        QTest::newRow("sha256+md5, http") << IntegrityMode::Sha256AndMd5 << false;
        QTest::newRow("sha256 only, http") << IntegrityMode::Sha256Only << false;
        QTest::newRow("md5 only, https") << IntegrityMode::Md5Only << true;
        QTest::newRow("tls only, https") << IntegrityMode::TlsOnly << true;
        QTest::newRow("auto, https (unsigned)") << IntegrityMode::Auto << true;
        QTest::newRow("auto, http (signed)") << IntegrityMode::Auto << false;
    }

    void uploaderWithFileParts()
    {
        QFETCH(IntegrityMode, mode);
        QFETCH(bool, tls);
        const QByteArray data = randomBytes(MinPartSize + 777, 7);
        const QString path = writeTemp(QStringLiteral("file-parts.bin"), data);
        QNetworkAccessManager network;
        std::unique_ptr<S3Client> tlsClient;
        S3Client *client = m_client.get();
        if (tls) {
            QVERIFY2(!m_server.tlsEndpoint.isEmpty(), "the test server has no HTTPS port");
            tlsClient = m_server.client(&network, m_server.accessKey, m_server.secretKey, m_server.tlsEndpoint);
            QVERIFY(tlsClient->setCaBundle(m_server.tlsCa));
            client = tlsClient.get();
        }
        const QString key = QStringLiteral("uploader/file-%1.bin").arg(int(mode));
        MultipartUploader uploader(client, m_bucket, key);
        uploader.setIntegrityMode(mode);
        const UploaderResult outcome = runUploader(uploader, [&] {
            QCOMPARE(uploader.submitPart(path, 0, MinPartSize), 1);
            QCOMPARE(uploader.submitPart(path, MinPartSize, 777), 2);
        });
        QVERIFY2(outcome.completed, qPrintable(outcome.error.toString()));
        QCOMPARE(outcome.partsOk, 2);
        QVERIFY(download(key) == data);
    }

    void uploaderResumesAnUpload()
    {
        const QByteArray data = randomBytes(MinPartSize + 100, 8);
        const QString key = QStringLiteral("uploader/resumed.bin");
        const QString uploadId = create(key);
        QVERIFY(!uploadPart(key, uploadId, 1, PartSource::fromData(data.left(MinPartSize))).isEmpty());

        MultipartUploader uploader(m_client.get(), m_bucket, key);
        QSignalSpy resumed(&uploader, &MultipartUploader::resumed);
        QSignalSpy completed(&uploader, &MultipartUploader::completed);
        QSignalSpy failed(&uploader, &MultipartUploader::failed);
        uploader.resume(uploadId);
        QVERIFY(resumed.wait(30000));
        QCOMPARE(resumed.constFirst().at(1).value<QList<PartInfo>>().size(), 1);
        QCOMPARE(uploader.submitPart(data.mid(MinPartSize)), 2);
        uploader.complete();
        QTRY_VERIFY_WITH_TIMEOUT(!completed.isEmpty() || !failed.isEmpty(), 30000);
        if (!failed.isEmpty())
            QFAIL(qPrintable(failed.constFirst().constFirst().value<S3Error>().toString()));
        QVERIFY(download(key) == data);
    }

    void cleanupTestCase()
    {
        if (!m_client)
            return;
        const S3Error removed = removeTestBucket(m_client.get(), m_bucket);
        QVERIFY2(!removed.isError(), qPrintable(removed.toString()));
    }
};

QTEST_GUILESS_MAIN(TestLiveMultipart)
#include "tst_live_multipart.moc"
