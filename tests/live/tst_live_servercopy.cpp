// SPDX-License-Identifier: Apache-2.0
// Server-side copies of any size against the real Ceph RGW: above the client's multipart copy threshold (5 GiB,
// lowered here so CI stays fast) a copy goes in UploadPartCopy parts and must keep everything a plain copy keeps:
// bytes, content headers, Expires, user metadata, SSE-KMS encryption (Ceph's testing KMS backend), tags, and
// for a copy onto itself (a Properties save) the ACL. Failures and cancels leave no unfinished upload behind.
#include <QTest>

#include "livetest.h"
#include "s3core/crypto.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/getobjecttaggingjob.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/rawrequestjob.h"
#include "s3core/ops/servercopyjob.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 PartBytes = 5 * 1024 * 1024; // the smallest part S3 allows
constexpr qint64 SourceBytes = 4 * PartBytes + 123457; // five parts, the last one short
const QString KmsKey = u"testkey-1"_s;              // scripts/s3server-up.sh configures it
}

class TestLiveServerCopy : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QString m_bucket;
    QByteArray m_data;

    bool put(const QString &key, const QByteArray &data, const ObjectAttributes &attributes)
    {
        PutObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        job.setData(data);
        job.setAttributes(attributes);
        if (!runJob(job) || job.hasError()) {
            qWarning() << "put" << key << job.error();
            return false;
        }
        return true;
    }

    ObjectMetadata head(const QString &key)
    {
        HeadObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "head" << key << job.error();
        return job.metadata();
    }

    QByteArray get(const QString &key, S3Error *error = nullptr)
    {
        GetObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        job.setMaxMemoryBytes(64 * 1024 * 1024);
        runJob(job);
        if (error)
            *error = job.error();
        else if (job.hasError())
            qWarning() << "get" << key << job.error();
        return job.data();
    }

    QList<ObjectTag> tags(const QString &key)
    {
        GetObjectTaggingJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "tagging" << key << job.error();
        return job.tags();
    }

    QByteArray acl(const QString &key)
    {
        S3Request request;
        request.bucket = m_bucket;
        request.key = key;
        request.query = {{"acl", {}}};
        RawRequestJob job(m_client.get(), request);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "acl" << key << job.error();
        return job.responseBody();
    }

    QStringList unfinishedUploads()
    {
        ListMultipartUploadsJob job(m_client.get(), m_bucket);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError()) {
            qWarning() << "list uploads" << job.error();
            return {u"(listing failed)"_s};
        }
        QStringList keys;
        for (const MultipartUploadInfo &upload : job.uploads())
            keys.append(upload.key);
        return keys;
    }

    ObjectAttributes richAttributes() const
    {
        ObjectAttributes attributes;
        attributes.contentType = u"video/mp4"_s;
        attributes.cacheControl = u"max-age=600"_s;
        attributes.contentDisposition = u"attachment; filename=\"clip.mp4\""_s;
        attributes.contentLanguage = u"de"_s;
        attributes.expires = QDateTime(QDate(2031, 5, 17), QTime(8, 30, 0), Qt::UTC);
        attributes.serverSideEncryption = u"aws:kms"_s;
        attributes.sseKmsKeyId = KmsKey;
        attributes.tags = {{u"project"_s, u"apollo 11"_s}, {u"tier"_s, u"gold&silver"_s}};
        attributes.userMetadata = {{u"origin"_s, u"camera-7"_s}};
        return attributes;
    }

    void compareKept(const ObjectMetadata &copy, const ObjectMetadata &source)
    {
        QCOMPARE(copy.size, source.size);
        QCOMPARE(copy.contentType, source.contentType);
        QCOMPARE(copy.cacheControl, source.cacheControl);
        QCOMPARE(copy.contentDisposition, source.contentDisposition);
        QCOMPARE(copy.contentLanguage, source.contentLanguage);
        QCOMPARE(copy.expires, source.expires);
        QCOMPARE(copy.userMetadata, source.userMetadata);
        QCOMPARE(copy.serverSideEncryption, source.serverSideEncryption);
        QCOMPARE(copy.sseKmsKeyId, source.sseKmsKeyId);
        QCOMPARE(copy.storageClass, source.storageClass);
        QCOMPARE(copy.taggingCount, source.taggingCount);
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), u"s3desk-live-copy"_s);
        QVERIFY(!m_bucket.isEmpty());
        m_data = randomBytes(SourceBytes, 4711);
        QVERIFY(put(u"src/clip.mp4"_s, m_data, richAttributes()));
        const ObjectMetadata source = head(u"src/clip.mp4"_s);
        QCOMPARE(source.serverSideEncryption, u"aws:kms"_s); // the server really encrypted it
        QCOMPARE(source.sseKmsKeyId, KmsKey);
        QCOMPARE(source.taggingCount, 2);
        QCOMPARE(source.expires, richAttributes().expires);
    }

    void init()
    {
        m_client->setMultipartCopyThreshold(PartBytes); // the source is above it: copies go in parts
    }

    void multipartCopyKeepsBytesHeadersEncryptionAndTags()
    {
        ServerCopyJob copy(m_client.get(), m_bucket, u"src/clip.mp4"_s, m_bucket, u"copies/clip.mp4"_s);
        copy.setAutoDelete(false);
        copy.setPartSize(PartBytes);
        copy.setConcurrency(3);
        QList<qint64> progress;
        connect(&copy, &ServerCopyJob::progress, this, [&progress](qint64 copied, qint64) { progress.append(copied); });
        QVERIFY(runJob(copy, 120000));
        QVERIFY2(!copy.hasError(), qPrintable(copy.error().toString()));
        QVERIFY(copy.copiedInParts());
        QCOMPARE(progress.size(), 5);
        QCOMPARE(progress.last(), SourceBytes);

        const QByteArray copied = get(u"copies/clip.mp4"_s);
        QCOMPARE(crypto::sha256Hex(copied), crypto::sha256Hex(m_data));
        const ObjectMetadata after = head(u"copies/clip.mp4"_s);
        compareKept(after, head(u"src/clip.mp4"_s));
        QVERIFY2(after.etag.endsWith(u"-5\""_s), qPrintable(after.etag)); // really assembled from five parts
        QCOMPARE(tags(u"copies/clip.mp4"_s), richAttributes().tags);
        QCOMPARE(unfinishedUploads(), QStringList());
    }

    void copyBelowTheThresholdKeepsEncryption()
    {
        // Ceph RGW 16 refuses CopyObject of an SSE-KMS object (501 NotImplemented): the job copies it in parts
        // then. Against AWS the same call is one CopyObject naming the encryption again.
        m_client->setMultipartCopyThreshold(ServerCopyJob::MaxSingleCopyBytes);
        ServerCopyJob copy(m_client.get(), m_bucket, u"src/clip.mp4"_s, m_bucket, u"copies/plain.mp4"_s);
        copy.setAutoDelete(false);
        QVERIFY(runJob(copy, 120000));
        QVERIFY2(!copy.hasError(), qPrintable(copy.error().toString()));
        compareKept(head(u"copies/plain.mp4"_s), head(u"src/clip.mp4"_s));
        QCOMPARE(tags(u"copies/plain.mp4"_s), richAttributes().tags);
        QCOMPARE(crypto::sha256Hex(get(u"copies/plain.mp4"_s)), crypto::sha256Hex(m_data));
    }

    void moveAboveTheThresholdCopiesInPartsAndRemovesTheSource()
    {
        QVERIFY(put(u"src/move-me.bin"_s, m_data, richAttributes()));
        const ObjectMetadata before = head(u"src/move-me.bin"_s);
        MoveObjectJob move(m_client.get(), m_bucket, u"src/move-me.bin"_s, m_bucket, u"moved/here.bin"_s);
        move.setAutoDelete(false);
        QVERIFY(runJob(move, 120000));
        QVERIFY2(!move.hasError(), qPrintable(move.error().toString()));
        const ObjectMetadata after = head(u"moved/here.bin"_s);
        compareKept(after, before);
        QVERIFY2(after.etag.contains(u'-'), qPrintable(after.etag)); // a multipart ETag: the copy went in parts
        QCOMPARE(crypto::sha256Hex(get(u"moved/here.bin"_s)), crypto::sha256Hex(m_data));
        S3Error error;
        get(u"src/move-me.bin"_s, &error);
        QCOMPARE(error.code(), u"NoSuchKey"_s);
    }

    void saveInPlaceKeepsAclTagsExpiresAndEncryption_data()
    {
        QTest::addColumn<qint64>("threshold");
        QTest::addColumn<bool>("encrypted");
        QTest::newRow("multipart copy, SSE-KMS") << PartBytes << true;
        QTest::newRow("single copy") << ServerCopyJob::MaxSingleCopyBytes << false;
    }

    void saveInPlaceKeepsAclTagsExpiresAndEncryption()
    {
        QFETCH(qint64, threshold);
        QFETCH(bool, encrypted);
        const QString key = u"props/%1.mp4"_s.arg(threshold);
        ObjectAttributes attributes = richAttributes();
        if (!encrypted) {
            attributes.serverSideEncryption.clear();
            attributes.sseKmsKeyId.clear();
        }
        QVERIFY(put(key, m_data, attributes));
        // Give it a public-read ACL, which a copy would otherwise reset to private.
        S3Request makePublic;
        makePublic.method = "PUT";
        makePublic.bucket = m_bucket;
        makePublic.key = key;
        makePublic.query = {{"acl", {}}};
        makePublic.setHeader("x-amz-acl", "public-read");
        RawRequestJob aclJob(m_client.get(), makePublic);
        aclJob.setAutoDelete(false);
        QVERIFY(runJob(aclJob));
        QVERIFY2(!aclJob.hasError(), qPrintable(aclJob.error().toString()));
        QVERIFY(acl(key).contains("AllUsers"));
        const ObjectMetadata before = head(key);

        m_client->setMultipartCopyThreshold(threshold);
        ObjectAttributes edited = attributesFromMetadata(before); // what the Properties dialog sends back
        edited.serverSideEncryption.clear();                       // (it does not edit encryption: kept by the job)
        edited.sseKmsKeyId.clear();
        edited.contentType = u"video/quicktime"_s;
        edited.userMetadata.insert(u"reviewed"_s, u"yes"_s);
        ServerCopyJob save(m_client.get(), m_bucket, key, m_bucket, key);
        save.setAutoDelete(false);
        save.setReplaceAttributes(edited);
        save.setSourceIfMatch(before.etag);
        save.setKeepAcl(true);
        save.setPartSize(PartBytes);
        QVERIFY(runJob(save, 120000));
        QVERIFY2(!save.hasError(), qPrintable(save.error().toString()));
        QCOMPARE(save.copiedInParts(), threshold < SourceBytes);

        const ObjectMetadata after = head(key);
        QCOMPARE(after.contentType, u"video/quicktime"_s);
        QCOMPARE(after.userMetadata.value(u"reviewed"_s), u"yes"_s);
        QCOMPARE(after.userMetadata.value(u"origin"_s), u"camera-7"_s);
        QCOMPARE(after.expires, before.expires);
        QCOMPARE(after.cacheControl, before.cacheControl);
        QCOMPARE(after.serverSideEncryption, before.serverSideEncryption);
        QCOMPARE(after.sseKmsKeyId, before.sseKmsKeyId);
        QCOMPARE(tags(key), richAttributes().tags);
        QVERIFY2(acl(key).contains("AllUsers"), acl(key).constData());
        QCOMPARE(crypto::sha256Hex(get(key)), crypto::sha256Hex(m_data));
        QCOMPARE(unfinishedUploads(), QStringList());
    }

    void staleSourceIsRefused()
    {
        const QString key = u"props/stale.bin"_s;
        QVERIFY(put(key, "version 1", {}));
        const QString readEtag = head(key).etag;
        QVERIFY(put(key, "version 2", {})); // someone else uploads meanwhile
        ObjectAttributes edited;
        edited.contentType = u"text/plain"_s;
        ServerCopyJob save(m_client.get(), m_bucket, key, m_bucket, key);
        save.setAutoDelete(false);
        save.setReplaceAttributes(edited);
        save.setSourceIfMatch(readEtag);
        QVERIFY(runJob(save));
        QCOMPARE(save.error().code(), u"PreconditionFailed"_s);
        QCOMPARE(get(key), QByteArray("version 2"));
    }

    void sourceChangedDuringTheCopyFailsAndLeavesNoUpload()
    {
        QVERIFY(put(u"src/changing.bin"_s, m_data, {}));
        ServerCopyJob copy(m_client.get(), m_bucket, u"src/changing.bin"_s, m_bucket, u"copies/changing.bin"_s);
        copy.setAutoDelete(false);
        copy.setPartSize(PartBytes);
        copy.setConcurrency(1);
        bool replaced = false;
        connect(&copy, &ServerCopyJob::progress, this, [&](qint64, qint64) {
            if (!replaced) {
                replaced = true;
                QVERIFY(put(u"src/changing.bin"_s, randomBytes(SourceBytes, 99), {}));
            }
        });
        QVERIFY(runJob(copy, 120000));
        QVERIFY(replaced);
        QVERIFY2(copy.hasError(), "the copy mixed two versions of its source");
        QCOMPARE(copy.error().code(), u"PreconditionFailed"_s);
        S3Error error;
        get(u"copies/changing.bin"_s, &error);
        QCOMPARE(error.code(), u"NoSuchKey"_s); // nothing mixed from two versions
        QCOMPARE(unfinishedUploads(), QStringList());
    }

    void cancelAbortsTheUpload()
    {
        auto *copy = new ServerCopyJob(m_client.get(), m_bucket, u"src/clip.mp4"_s, m_bucket, u"copies/cancelled.mp4"_s);
        copy->setPartSize(PartBytes);
        copy->setConcurrency(1);
        bool cancelled = false;
        connect(copy, &ServerCopyJob::progress, this, [&](qint64, qint64) {
            if (!cancelled) {
                cancelled = true;
                copy->cancel();
            }
        });
        copy->start();
        QVERIFY(waitUntil([&] { return cancelled; }, 60000));
        // The abort runs on after the job is gone; wait for it to reach the server.
        QVERIFY(waitUntil([&] { return unfinishedUploads().isEmpty(); }, 30000));
        S3Error error;
        get(u"copies/cancelled.mp4"_s, &error);
        QCOMPARE(error.code(), u"NoSuchKey"_s);
    }

    void customerKeySourceIsRefusedWithTheReason()
    {
        S3Request putSseC;
        putSseC.method = "PUT";
        putSseC.bucket = m_bucket;
        putSseC.key = u"src/ssec.bin"_s;
        putSseC.body = "secret bytes";
        const QByteArray customerKey(32, 'k');
        putSseC.setHeader("x-amz-server-side-encryption-customer-algorithm", "AES256");
        putSseC.setHeader("x-amz-server-side-encryption-customer-key", customerKey.toBase64());
        putSseC.setHeader("x-amz-server-side-encryption-customer-key-md5", crypto::md5(customerKey).toBase64());
        RawRequestJob putJob(m_client.get(), putSseC);
        putJob.setAutoDelete(false);
        QVERIFY(runJob(putJob));
        QVERIFY2(!putJob.hasError(), qPrintable(putJob.error().toString()));

        ServerCopyJob copy(m_client.get(), m_bucket, u"src/ssec.bin"_s, m_bucket, u"copies/ssec.bin"_s);
        copy.setAutoDelete(false);
        QVERIFY(runJob(copy));
        // Ceph answers the HEAD of an SSE-C object without the key with 400; either way the copy does not happen.
        QVERIFY(copy.hasError());
        QVERIFY2(copy.error().message().contains(u"SSE-C"_s) || copy.error().httpStatus() == 400,
                 qPrintable(copy.error().toString()));
        S3Error error;
        get(u"copies/ssec.bin"_s, &error);
        QCOMPARE(error.code(), u"NoSuchKey"_s);
    }

    void cleanupTestCase()
    {
        if (m_client && !m_bucket.isEmpty()) {
            const S3Error error = removeTestBucket(m_client.get(), m_bucket);
            QVERIFY2(!error.isError(), qPrintable(error.toString()));
        }
    }
};

QTEST_GUILESS_MAIN(TestLiveServerCopy)
#include "tst_live_servercopy.moc"
