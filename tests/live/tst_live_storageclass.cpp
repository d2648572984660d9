// SPDX-License-Identifier: Apache-2.0
// Storage class changes against the real Ceph RGW (scripts/s3server-up.sh gives its placement target the classes
// STANDARD_IA and GLACIER): a copy in place changes the class seen by HEAD and by ListObjectsV2 and keeps the
// bytes, content headers, user metadata, tags and ACL; a prefix changes every object under it; an object above
// the multipart copy threshold keeps class and content; an unknown class is refused by the server with a message
// naming it; an object already in the class is left alone (no copy, same modification time).
#include <QTest>
#include <QThread>

#include "livetest.h"
#include "s3core/acl.h"
#include "s3core/ops/foreachobjectjob.h"
#include "s3core/ops/getobjectacljob.h"
#include "s3core/ops/getobjecttaggingjob.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/putobjectacljob.h"
#include "s3core/ops/servercopyjob.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 PartBytes = 5 * 1024 * 1024; // the smallest part S3 allows
}

class TestLiveStorageClass : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QString m_bucket;

    bool put(const QString &key, const QByteArray &data, const ObjectAttributes &attributes = {})
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

    QByteArray get(const QString &key)
    {
        GetObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        job.setMaxMemoryBytes(64 * 1024 * 1024);
        if (!runJob(job) || job.hasError())
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

    AccessControlPolicy policy(const QString &key)
    {
        GetObjectAclJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "acl" << key << job.error();
        return job.policy();
    }

    /** Storage class of each key under prefix as ListObjectsV2 names it ("STANDARD" where the element is absent). */
    QMap<QString, QString> listedClasses(const QString &prefix)
    {
        ListObjectsRequest request;
        request.bucket = m_bucket;
        request.prefix = prefix;
        ListObjectsJob job(m_client.get(), request);
        job.setAutoDelete(false);
        job.setCollect(true);
        if (!runJob(job) || job.hasError())
            qWarning() << "list" << prefix << job.error();
        QMap<QString, QString> classes;
        for (const ObjectInfo &object : job.objects())
            classes.insert(object.key, object.storageClass.isEmpty() ? u"STANDARD"_s : object.storageClass);
        return classes;
    }

    std::unique_ptr<ForEachObjectJob> change(const QStringList &keys, const QStringList &prefixes, const QString &storageClass)
    {
        std::unique_ptr<ForEachObjectJob> job(
            ForEachObjectJob::changeStorageClass(m_client.get(), m_bucket, keys, prefixes, storageClass));
        job->setAutoDelete(false);
        return job;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), u"s3desk-live-sclass"_s);
        QVERIFY(!m_bucket.isEmpty());
    }

    void cleanupTestCase()
    {
        if (m_client && !m_bucket.isEmpty())
            QVERIFY(!removeTestBucket(m_client.get(), m_bucket).isError());
    }

    void init()
    {
        if (m_client)
            m_client->setMultipartCopyThreshold(ServerCopyJob::MaxSingleCopyBytes);
    }

    void oneObjectChangesClassAndKeepsEverythingElse()
    {
        const QString key = u"one/report.pdf"_s;
        const QByteArray data = randomBytes(70000, 11);
        ObjectAttributes attributes;
        attributes.contentType = u"application/pdf"_s;
        attributes.cacheControl = u"max-age=60"_s;
        attributes.contentDisposition = u"inline"_s;
        attributes.userMetadata = {{u"origin"_s, u"scanner-3"_s}, {u"reviewed"_s, u"yes"_s}};
        attributes.tags = {{u"project"_s, u"apollo"_s}, {u"retention"_s, u"7y"_s}};
        QVERIFY(put(key, data, attributes));
        PutObjectAclJob open(m_client.get(), m_bucket, key, u"public-read"_s);
        open.setAutoDelete(false);
        QVERIFY(runJob(open));
        QVERIFY2(!open.hasError(), qPrintable(open.error().toString()));

        const ObjectMetadata before = head(key);
        QCOMPARE(before.storageClass, u"STANDARD"_s);
        const QList<ObjectTag> tagsBefore = tags(key);
        QCOMPARE(tagsBefore.size(), 2);
        const AccessControlPolicy aclBefore = policy(key);
        QCOMPARE(acl::cannedAclOf(aclBefore), u"public-read"_s);

        auto job = change({key}, {}, u"STANDARD_IA"_s);
        QVERIFY(runJob(*job));
        QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
        QCOMPARE(job->doneCount(), qint64(1));
        QCOMPARE(job->unchangedCount(), qint64(0));

        const ObjectMetadata after = head(key);
        QCOMPARE(after.storageClass, u"STANDARD_IA"_s);
        QCOMPARE(listedClasses(u"one/"_s).value(key), u"STANDARD_IA"_s);
        QCOMPARE(after.size, before.size);
        QCOMPARE(after.contentType, before.contentType);
        QCOMPARE(after.cacheControl, before.cacheControl);
        QCOMPARE(after.contentDisposition, before.contentDisposition);
        QCOMPARE(after.userMetadata, before.userMetadata);
        QCOMPARE(after.taggingCount, 2);
        QCOMPARE(tags(key), tagsBefore);
        const AccessControlPolicy aclAfter = policy(key);
        QCOMPARE(acl::cannedAclOf(aclAfter), u"public-read"_s);
        QCOMPARE(aclAfter.grants.size(), aclBefore.grants.size());
        QCOMPARE(get(key), data);

        // And back: the class it came from is a class like any other.
        auto back = change({key}, {}, u"STANDARD"_s);
        QVERIFY(runJob(*back));
        QVERIFY2(!back->hasError(), qPrintable(back->error().toString()));
        QCOMPARE(head(key).storageClass, u"STANDARD"_s);
        QCOMPARE(listedClasses(u"one/"_s).value(key), u"STANDARD"_s);
    }

    void everyObjectUnderAPrefix()
    {
        QStringList keys;
        for (int i = 0; i < 7; ++i)
            keys.append(u"tree/%1/file-%2.bin"_s.arg(i % 2).arg(i));
        for (const QString &key : std::as_const(keys))
            QVERIFY(put(key, "data of " + key.toUtf8()));
        QVERIFY(put(u"treehouse.txt"_s, "not under tree/"));

        auto job = change({}, {u"tree/"_s}, u"GLACIER"_s);
        job->setListPageSize(3); // three pages: listing and changing overlap
        qint64 lastProgress = 0;
        connect(job.get(), &ForEachObjectJob::progressChanged, this, [&lastProgress](qint64 done) { lastProgress = done; });
        QVERIFY(runJob(*job, 120000));
        QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
        QCOMPARE(job->doneCount(), qint64(keys.size()));
        QCOMPARE(lastProgress, job->doneCount());

        const QMap<QString, QString> listed = listedClasses(u"tree"_s);
        for (const QString &key : std::as_const(keys)) {
            QCOMPARE(listed.value(key), u"GLACIER"_s);
            QCOMPARE(head(key).storageClass, u"GLACIER"_s);
            QCOMPARE(get(key), "data of " + key.toUtf8()); // Ceph's GLACIER is a placement, readable at once
        }
        QCOMPARE(listed.value(u"treehouse.txt"_s), u"STANDARD"_s);
    }

    void aboveTheMultipartThresholdKeepsClassAndContent()
    {
        const QString key = u"big/video.mp4"_s;
        const QByteArray data = randomBytes(2 * PartBytes + 4321, 23);
        ObjectAttributes attributes;
        attributes.contentType = u"video/mp4"_s;
        attributes.userMetadata = {{u"camera"_s, u"7"_s}};
        attributes.tags = {{u"kind"_s, u"raw"_s}};
        QVERIFY(put(key, data, attributes));
        const ObjectMetadata before = head(key);

        m_client->setMultipartCopyThreshold(PartBytes);
        ServerCopyJob copy(m_client.get(), m_bucket, key, m_bucket, key);
        copy.setAutoDelete(false);
        copy.setStorageClass(u"STANDARD_IA"_s);
        copy.setKeepAcl(true);
        copy.setPartSize(PartBytes);
        QVERIFY(runJob(copy, 120000));
        QVERIFY2(!copy.hasError(), qPrintable(copy.error().toString()));
        QVERIFY(copy.copiedInParts());
        QVERIFY(!copy.wasUnchanged());

        const ObjectMetadata after = head(key);
        QCOMPARE(after.storageClass, u"STANDARD_IA"_s);
        QCOMPARE(listedClasses(u"big/"_s).value(key), u"STANDARD_IA"_s);
        QCOMPARE(after.size, before.size);
        QCOMPARE(after.contentType, before.contentType);
        QCOMPARE(after.userMetadata, before.userMetadata);
        QCOMPARE(tags(key), (QList<ObjectTag>{{u"kind"_s, u"raw"_s}}));
        QVERIFY(after.etag.endsWith(u"-3\""_s)); // three parts: the copy went in parts
        QCOMPARE(get(key), data);

        // The same through the job the app and the CLI use.
        auto job = change({key}, {}, u"GLACIER"_s);
        QVERIFY(runJob(*job, 120000));
        QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
        QCOMPARE(head(key).storageClass, u"GLACIER"_s);
        QCOMPARE(get(key), data);
    }

    void unknownClassIsRefusedByName()
    {
        const QString key = u"bad/x.txt"_s;
        QVERIFY(put(key, "x"));
        auto job = change({key}, {}, u"NO_SUCH_CLASS"_s);
        QVERIFY(runJob(*job));
        QVERIFY(job->hasError());
        QCOMPARE(job->failures().size(), 1);
        // AWS names it InvalidStorageClass, Ceph RGW 16 a bare InvalidArgument: the message names the class.
        const QString code = job->failures().first().code;
        QVERIFY2(code == u"InvalidStorageClass"_s || code == u"InvalidArgument"_s, qPrintable(code));
        const QString message = job->error().message();
        QVERIFY2(message.contains(u"refused storage class \"NO_SUCH_CLASS\" with %1"_s.arg(code)) && message.contains(key),
                 qPrintable(message));
        QCOMPARE(head(key).storageClass, u"STANDARD"_s);

        auto empty = change({key}, {}, QString());
        QVERIFY(runJob(*empty));
        QCOMPARE(empty->error().kind(), S3Error::Kind::Invalid);
        QVERIFY(empty->error().message().contains(u"no storage class"_s));
    }

    void theClassItAlreadyHasIsLeftAlone()
    {
        const QString key = u"same/x.txt"_s;
        QVERIFY(put(key, "unchanged"));
        auto first = change({key}, {}, u"STANDARD_IA"_s);
        QVERIFY(runJob(*first));
        QVERIFY2(!first->hasError(), qPrintable(first->error().toString()));
        const ObjectMetadata before = head(key);
        QCOMPARE(before.storageClass, u"STANDARD_IA"_s);

        QThread::sleep(1); // a copy now would show as a later Last-Modified (whole seconds)
        auto again = change({key}, {}, u"STANDARD_IA"_s);
        QVERIFY(runJob(*again));
        QVERIFY2(!again->hasError(), qPrintable(again->error().toString()));
        QCOMPARE(again->doneCount(), qint64(1));
        QCOMPARE(again->unchangedCount(), qint64(1));
        const ObjectMetadata after = head(key);
        QCOMPARE(after.storageClass, u"STANDARD_IA"_s);
        QCOMPARE(after.lastModified, before.lastModified);

        // STANDARD, which S3 names by leaving the header out, counts as a class it can already have.
        QVERIFY(put(u"same/plain.txt"_s, "plain"));
        ServerCopyJob plain(m_client.get(), m_bucket, u"same/plain.txt"_s, m_bucket, u"same/plain.txt"_s);
        plain.setAutoDelete(false);
        plain.setStorageClass(u"STANDARD"_s);
        QVERIFY(runJob(plain));
        QVERIFY2(!plain.hasError(), qPrintable(plain.error().toString()));
        QVERIFY(plain.wasUnchanged());
    }
};

QTEST_GUILESS_MAIN(TestLiveStorageClass)
#include "tst_live_storageclass.moc"
