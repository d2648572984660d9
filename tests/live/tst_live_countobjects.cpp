// SPDX-License-Identifier: Apache-2.0
// CountObjectsJob and DeleteBucketWithContentsJob against the real Ceph RGW: the walk of a folder with nested
// subfolders (running totals page by page, counts only, folders inside selected folders counted once, cancel
// mid-walk), the versions mode on a versioned bucket (versions and delete markers), and the delete of a bucket
// with everything in it: versions, delete markers, a version written while versioning was off ("null"), and an
// incomplete multipart upload; an unversioned bucket too.
#include <QTest>

#include "livetest.h"
#include "s3core/ops/bucketjobs.h"
#include "s3core/ops/countobjectsjob.h"
#include "s3core/ops/deletebucketwithcontentsjob.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/putbucketversioningjob.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

class TestLiveCountObjects : public QObject
{
    Q_OBJECT

    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QStringList m_buckets;

    QString newBucket(const QString &what)
    {
        const QString bucket = createTestBucket(m_client.get(), u"wip-counts-"_s + what);
        if (!bucket.isEmpty())
            m_buckets.append(bucket);
        return bucket;
    }

    bool put(const QString &bucket, const QString &key, const QByteArray &data)
    {
        PutObjectJob job(m_client.get(), bucket, key);
        job.setAutoDelete(false);
        job.setData(data);
        return runJob(job) && !job.hasError();
    }

    bool remove(const QString &bucket, const QString &key)
    {
        DeleteObjectJob job(m_client.get(), bucket, key);
        job.setAutoDelete(false);
        return runJob(job) && !job.hasError();
    }

    bool setVersioning(const QString &bucket, BucketVersioning status)
    {
        PutBucketVersioningJob job(m_client.get(), bucket, status);
        job.setAutoDelete(false);
        return runJob(job) && !job.hasError();
    }

    bool bucketExists(const QString &bucket)
    {
        ListObjectsRequest request;
        request.bucket = bucket;
        ListObjectsPageJob job(m_client.get(), request);
        job.setAutoDelete(false);
        runJob(job);
        return job.error().code() != u"NoSuchBucket"_s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        m_client = m_server.client(&m_network);
    }

    void cleanupTestCase()
    {
        for (const QString &bucket : std::as_const(m_buckets)) {
            if (!bucketExists(bucket))
                continue;
            // What a test left behind, versions included: the job under test is also the cleanest way out.
            DeleteBucketWithContentsJob job(m_client.get(), bucket);
            job.setAutoDelete(false);
            runJob(job);
            if (job.hasError())
                qWarning() << "cleanup" << bucket << job.error();
        }
    }

    void walksNestedFoldersWithRunningTotals()
    {
        const QString bucket = newBucket(u"walk"_s);
        QVERIFY(!bucket.isEmpty());
        // 25 objects in nested subfolders (1+2+...+ bytes), and neighbours that must not be counted.
        qint64 bytes = 0;
        for (int i = 0; i < 25; ++i) {
            const QString key = u"tree/%1/%2/obj%3"_s.arg(i % 3).arg(i % 2 ? u"deep/deeper"_s : u"flat"_s).arg(i);
            QVERIFY(put(bucket, key, QByteArray(i + 1, 'x')));
            bytes += i + 1;
        }
        QVERIFY(put(bucket, u"tree-sibling/x"_s, "no"));
        QVERIFY(put(bucket, u"top.txt"_s, "no"));

        CountObjectsJob job(m_client.get(), bucket, {u"tree/"_s, u"tree/1/"_s}); // the inner folder counts once
        job.setAutoDelete(false);
        job.setPageSize(4);
        QList<qint64> seen;
        connect(&job, &CountObjectsJob::progressChanged, this, [&](const ObjectCounts &counts) { seen.append(counts.objects); });
        QVERIFY(runJob(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QCOMPARE(job.counts().objects, 25);
        QCOMPARE(job.counts().bytes, bytes);
        QCOMPARE(job.counts().versions, 25);
        QCOMPARE(job.counts().deleteMarkers, 0);
        QCOMPARE(job.pageCount(), 7); // 25 keys, 4 a page
        QCOMPARE(seen.size(), 7);
        QCOMPARE(seen.first(), 4);
        QVERIFY(std::is_sorted(seen.cbegin(), seen.cend()));

        // The whole bucket (an empty prefix).
        CountObjectsJob all(m_client.get(), bucket, {QString()});
        all.setAutoDelete(false);
        QVERIFY(runJob(all) && !all.hasError());
        QCOMPARE(all.counts().objects, 27);
    }

    void cancelStopsTheWalk()
    {
        const QString bucket = newBucket(u"cancel"_s);
        QVERIFY(!bucket.isEmpty());
        for (int i = 0; i < 12; ++i)
            QVERIFY(put(bucket, u"c/%1"_s.arg(i), "c"));
        CountObjectsJob job(m_client.get(), bucket, {u"c/"_s});
        job.setAutoDelete(false);
        job.setPageSize(1);
        int pages = 0;
        connect(&job, &CountObjectsJob::progressChanged, this, [&](const ObjectCounts &) {
            if (++pages == 3)
                job.cancel();
        });
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(waitUntil([&] { return job.isFinished(); }, 30000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(job.error().kind(), S3Error::Kind::Cancelled);
        QCOMPARE(job.counts().objects, 3);
        QTest::qWait(300); // no page arrives after the cancel
        QCOMPARE(pages, 3);
    }

    void versionedBucketIsDeletedWithEverythingInIt()
    {
        const QString bucket = newBucket(u"versioned"_s);
        QVERIFY(!bucket.isEmpty());
        QVERIFY(put(bucket, u"plain.txt"_s, "written before versioning")); // version "null"
        QVERIFY(setVersioning(bucket, BucketVersioning::Enabled));
        QVERIFY(put(bucket, u"plain.txt"_s, "v2"));
        for (int i = 0; i < 5; ++i) {
            QVERIFY(put(bucket, u"docs/a.txt"_s, QByteArray(10 + i, 'a'))); // 5 versions of one key
            QVERIFY(put(bucket, u"docs/b%1.txt"_s.arg(i), "b"));
        }
        QVERIFY(remove(bucket, u"docs/b0.txt"_s)); // delete markers
        QVERIFY(remove(bucket, u"docs/b1.txt"_s));
        CreateMultipartUploadJob upload(m_client.get(), bucket, u"big/unfinished.bin"_s);
        upload.setAutoDelete(false);
        QVERIFY(runJob(upload) && !upload.hasError());

        CountObjectsJob count(m_client.get(), bucket, {QString()});
        count.setAutoDelete(false);
        count.setCountVersions(true);
        count.setPageSize(3);
        QVERIFY(runJob(count));
        QVERIFY2(!count.hasError(), qPrintable(count.error().toString()));
        QCOMPARE(count.counts().objects, 5);       // plain.txt, a.txt, b2..b4
        QCOMPARE(count.counts().versions, 12);     // 2 of plain.txt, 5 of a.txt, 5 b
        QCOMPARE(count.counts().deleteMarkers, 2);
        QCOMPARE(count.counts().bytes, qint64(2 + 14 + 3));
        QCOMPARE(count.counts().versionBytes, qint64(25 + 2 + 10 + 11 + 12 + 13 + 14 + 5));

        DeleteBucketWithContentsJob job(m_client.get(), bucket);
        job.setAutoDelete(false);
        job.setBatchSize(5); // several list/delete rounds
        QList<DeleteBucketWithContentsJob::Phase> phases;
        connect(&job, &DeleteBucketWithContentsJob::progressChanged, this,
                [&](DeleteBucketWithContentsJob::Phase phase, qint64, qint64) { phases.append(phase); });
        QVERIFY(runJob(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QCOMPARE(job.deletedCount(), 14);
        QCOMPARE(job.abortedUploadCount(), 1);
        QVERIFY(phases.contains(DeleteBucketWithContentsJob::Phase::AbortingUploads));
        QCOMPARE(phases.last(), DeleteBucketWithContentsJob::Phase::Done);
        QVERIFY(!bucketExists(bucket));
    }

    void objectWrittenMeanwhileFailsWithBucketNotEmpty()
    {
        const QString bucket = newBucket(u"race"_s);
        QVERIFY(!bucket.isEmpty());
        QVERIFY(put(bucket, u"first.txt"_s, "1"));
        DeleteBucketWithContentsJob job(m_client.get(), bucket);
        job.setAutoDelete(false);
        // Another client writes just before the bucket itself is deleted (the request goes out after this signal).
        bool written = false;
        connect(&job, &DeleteBucketWithContentsJob::progressChanged, this, [&](DeleteBucketWithContentsJob::Phase phase, qint64, qint64) {
            if (phase == DeleteBucketWithContentsJob::Phase::DeletingBucket && !written)
                written = put(bucket, u"late.txt"_s, "late");
        });
        QVERIFY(runJob(job));
        QVERIFY(written);
        QCOMPARE(job.error().code(), u"BucketNotEmpty"_s);
        QVERIFY2(job.error().toString().contains(u"BucketNotEmpty"_s), qPrintable(job.error().toString()));
        QVERIFY2(job.error().message().contains(bucket), qPrintable(job.error().message()));
        QCOMPARE(job.deletedCount(), 1);
        QVERIFY(bucketExists(bucket)); // cleanupTestCase removes it
    }

    void unversionedBucketIsDeletedWithItsObjects()
    {
        const QString bucket = newBucket(u"plain"_s);
        QVERIFY(!bucket.isEmpty());
        for (int i = 0; i < 7; ++i)
            QVERIFY(put(bucket, u"f/%1"_s.arg(i), "x"));
        DeleteBucketWithContentsJob job(m_client.get(), bucket);
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QCOMPARE(job.deletedCount(), 7);
        QVERIFY(!bucketExists(bucket));
    }
};

QTEST_GUILESS_MAIN(TestLiveCountObjects)
#include "tst_live_countobjects.moc"
