// SPDX-License-Identifier: Apache-2.0
// Object versions against the real Ceph RGW: the bucket's versioning switch, ListObjectVersions of one folder
// with paging, and versionId on HEAD, GET, the parallel download engine, presigned links, server-side copies
// (restore of an old version, also copied in parts) and DELETE (a version removed for good, a delete marker
// removed to undelete an object).
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "livetest.h"
#include "s3core/auth/credentials.h"
#include "s3core/ops/bucketjobs.h"
#include "s3core/ops/getbucketversioningjob.h"
#include "s3core/ops/listobjectversionsjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/putbucketversioningjob.h"
#include "s3core/ops/servercopyjob.h"
#include "s3core/transfer/transferqueue.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

class TestLiveVersions : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QString m_bucket;
    QTemporaryDir m_dir;

    QString put(const QString &key, const QByteArray &data)
    {
        PutObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        job.setData(data);
        if (!runJob(job) || job.hasError()) {
            qWarning() << "put" << key << job.error();
            return {};
        }
        return job.versionId();
    }

    QByteArray get(const QString &key, const QString &versionId, S3Error *error = nullptr)
    {
        GetObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        job.setVersionId(versionId);
        runJob(job);
        if (error)
            *error = job.error();
        else if (job.hasError())
            qWarning() << "get" << key << versionId << job.error();
        return job.data();
    }

    BucketVersioning versioning()
    {
        GetBucketVersioningJob job(m_client.get(), m_bucket);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "get versioning" << job.error();
        return job.status();
    }

    bool setVersioning(BucketVersioning status)
    {
        PutBucketVersioningJob job(m_client.get(), m_bucket, status);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError()) {
            qWarning() << "put versioning" << job.error();
            return false;
        }
        return true;
    }

    /** Every entry below prefix ("key|versionId|L|D" with L latest, D delete marker), paged maxKeys at a time. */
    QStringList versions(const QString &prefix, const QString &delimiter, int maxKeys, QStringList *prefixes = nullptr,
                         int *pages = nullptr, QList<ObjectVersion> *entries = nullptr)
    {
        ListObjectVersionsJob job(m_client.get(), {m_bucket, prefix, delimiter, {}, {}, maxKeys});
        job.setAutoDelete(false);
        QStringList out;
        connect(&job, &ListObjectVersionsJob::pageReceived, this, [&](const ListObjectVersionsPage &page) {
            for (const ObjectVersion &v : page.versions) {
                out << u"%1|%2|%3|%4"_s.arg(v.key, v.versionId, v.isLatest ? u"L"_s : u"-"_s, v.isDeleteMarker ? u"D"_s : u"-"_s);
                if (entries)
                    entries->append(v);
            }
            if (prefixes)
                *prefixes += page.commonPrefixes;
        });
        if (!runJob(job) || job.hasError())
            qWarning() << "list versions" << job.error();
        if (pages)
            *pages = job.pageCount();
        return out;
    }

    S3Error remove(const QString &key, const QString &versionId, bool *deleteMarker = nullptr, QString *resultVersion = nullptr)
    {
        DeleteObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        job.setVersionId(versionId);
        runJob(job);
        if (deleteMarker)
            *deleteMarker = job.deleteMarker();
        if (resultVersion)
            *resultVersion = job.resultVersionId();
        return job.error();
    }

    int httpGet(const QUrl &url, QByteArray *body)
    {
        std::unique_ptr<QNetworkReply> reply(m_network.get(QNetworkRequest(url)));
        if (!waitUntil([&] { return reply->isFinished(); }, 30000))
            return -1;
        *body = reply->readAll();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY(m_dir.isValid());
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), u"s3desk-live-versions"_s);
        QVERIFY(!m_bucket.isEmpty());
    }

    void cleanupTestCase()
    {
        if (m_bucket.isEmpty() || !m_client)
            return;
        // A versioned bucket is empty only when every version and delete marker is gone.
        for (const QString &entry : versions({}, {}, 1000)) {
            const QStringList parts = entry.split(u'|');
            remove(parts.at(0), parts.at(1));
        }
        DeleteBucketJob job(m_client.get(), m_bucket);
        job.setAutoDelete(false);
        runJob(job);
        if (job.hasError())
            qWarning() << "could not remove" << m_bucket << job.error();
    }

    void versioningSwitch()
    {
        QCOMPARE(versioning(), BucketVersioning::Unversioned);
        QVERIFY(setVersioning(BucketVersioning::Enabled));
        QCOMPARE(versioning(), BucketVersioning::Enabled);
        QVERIFY(setVersioning(BucketVersioning::Suspended));
        QCOMPARE(versioning(), BucketVersioning::Suspended);
        // Never versioned is no state one can go back to: refused before anything is sent.
        PutBucketVersioningJob back(m_client.get(), m_bucket, BucketVersioning::Unversioned);
        back.setAutoDelete(false);
        QVERIFY(runJob(back));
        QVERIFY(back.hasError());
        QVERIFY2(back.error().message().contains(u"never goes back to unversioned"_s), qPrintable(back.error().message()));
        QVERIFY(setVersioning(BucketVersioning::Enabled));
        QCOMPARE(versioning(), BucketVersioning::Enabled);
    }

    void listOneFolderPaged()
    {
        // docs/a.txt: three versions then a delete marker; docs/b.txt: one; docs/sub/c.txt and other/d.txt: outside.
        QStringList ids;
        for (const QByteArray &content : {QByteArray("one"), QByteArray("two two"), QByteArray("three three three")}) {
            ids << put(u"docs/a.txt"_s, content);
            QVERIFY(!ids.last().isEmpty());
        }
        const QString b = put(u"docs/b.txt"_s, "bee");
        QVERIFY(!put(u"docs/sub/c.txt"_s, "sea").isEmpty());
        QVERIFY(!put(u"other/d.txt"_s, "dee").isEmpty());
        bool marker = false;
        QString markerId;
        QVERIFY(!remove(u"docs/a.txt"_s, {}, &marker, &markerId).isError());
        QVERIFY(marker);
        QVERIFY(!markerId.isEmpty());

        const QStringList expected{u"docs/a.txt|%1|L|D"_s.arg(markerId), u"docs/a.txt|%1|-|-"_s.arg(ids[2]),
                                   u"docs/a.txt|%1|-|-"_s.arg(ids[1]), u"docs/a.txt|%1|-|-"_s.arg(ids[0]),
                                   u"docs/b.txt|%1|L|-"_s.arg(b)};
        QStringList prefixes;
        int pages = 0;
        QList<ObjectVersion> entries;
        QCOMPARE(versions(u"docs/"_s, u"/"_s, 1000, &prefixes, &pages, &entries), expected);
        QCOMPARE(prefixes, QStringList{u"docs/sub/"_s});
        QCOMPARE(pages, 1);
        QCOMPARE(entries.at(1).size, 17);
        QCOMPARE(entries.at(1).etag.size(), 34); // quoted MD5
        QVERIFY(entries.at(1).lastModified.isValid());
        QCOMPARE(entries.at(0).size, 0);

        // Two entries a page: key-marker and version-id-marker carry the listing on, nothing twice, nothing lost.
        QStringList pagedPrefixes;
        QCOMPARE(versions(u"docs/"_s, u"/"_s, 2, &pagedPrefixes, &pages), expected);
        QCOMPARE(pagedPrefixes, QStringList{u"docs/sub/"_s});
        QVERIFY2(pages >= 3, qPrintable(QString::number(pages)));

        // A stop after some items says where to go on.
        ListObjectVersionsJob limited(m_client.get(), {m_bucket, u"docs/"_s, u"/"_s, {}, {}, 2});
        limited.setAutoDelete(false);
        limited.setMaxItems(2);
        QVERIFY(runJob(limited));
        QVERIFY(!limited.hasError());
        QVERIFY(!limited.isComplete());
        QCOMPARE(limited.nextRequest().keyMarker, u"docs/a.txt"_s);
        QCOMPARE(limited.nextRequest().versionIdMarker, ids[2]);
    }

    void readOldVersions()
    {
        QList<ObjectVersion> entries;
        versions(u"docs/a.txt"_s, {}, 1000, nullptr, nullptr, &entries);
        QCOMPARE(entries.size(), 4);
        const QString oldest = entries.at(3).versionId;
        QCOMPARE(get(u"docs/a.txt"_s, oldest), QByteArray("one"));
        QCOMPARE(get(u"docs/a.txt"_s, entries.at(1).versionId), QByteArray("three three three"));
        // The current state is the delete marker: a plain GET finds nothing.
        S3Error error;
        get(u"docs/a.txt"_s, {}, &error);
        QCOMPARE(error.httpStatus(), 404);

        HeadObjectJob head(m_client.get(), m_bucket, u"docs/a.txt"_s);
        head.setAutoDelete(false);
        head.setVersionId(oldest);
        QVERIFY(runJob(head));
        QVERIFY2(!head.hasError(), qPrintable(head.error().toString()));
        QCOMPARE(head.metadata().size, 3);
        QCOMPARE(head.metadata().versionId, oldest);

        HeadObjectJob onMarker(m_client.get(), m_bucket, u"docs/a.txt"_s);
        onMarker.setAutoDelete(false);
        onMarker.setVersionId(entries.at(0).versionId);
        QVERIFY(runJob(onMarker));
        QVERIFY(onMarker.hasError());
        // AWS answers 405 MethodNotAllowed for a delete marker, Ceph RGW 16 404.
        QVERIFY2(onMarker.error().httpStatus() == 405 || onMarker.error().httpStatus() == 404,
                 qPrintable(onMarker.error().toString()));

        Credentials credentials;
        credentials.accessKeyId = m_server.accessKey;
        credentials.secretAccessKey = m_server.secretKey;
        const Result<QUrl> url = m_client->presign(credentials, "GET", m_bucket, u"docs/a.txt"_s, 300,
                                                   {{QByteArrayLiteral("versionId"), oldest.toUtf8()}});
        QVERIFY(url);
        QByteArray body;
        QCOMPARE(httpGet(*url, &body), 200);
        QCOMPARE(body, QByteArray("one"));
    }

    void downloadEngineReadsOneVersion()
    {
        // Three ranges of 5 MiB and the rest: every ranged GET must name the same version, or the file mixes two.
        const qint64 size = 16 * 1024 * 1024 + 77;
        const QByteArray oldData = randomBytes(size, 11);
        const QString oldId = put(u"big.bin"_s, oldData);
        QVERIFY(!oldId.isEmpty());
        QVERIFY(!put(u"big.bin"_s, randomBytes(size, 12)).isEmpty());

        ClientSettings settings;
        settings.endpoint = m_client->endpoint();
        settings.credentials = m_client->credentialsProvider();
        TransferQueue queue(settings, {2, 4});
        DownloadOptions options;
        options.partSize = 5 * 1024 * 1024;
        options.versionId = oldId;
        const QString target = m_dir.filePath(u"big-old.bin"_s);
        const TransferId id = queue.enqueueDownload(m_bucket, u"big.bin"_s, target, options);
        QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(id).state); }, 120000));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(queue.snapshot(id).lastError.toString()));
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == oldData);

        // A version that does not exist fails with a clear answer, not with the current object's bytes.
        DownloadOptions missing = options;
        missing.versionId = u"no-such-version-id"_s;
        const TransferId bad = queue.enqueueDownload(m_bucket, u"big.bin"_s, m_dir.filePath(u"missing.bin"_s), missing);
        QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(bad).state); }, 60000));
        QCOMPARE(queue.snapshot(bad).state, TransferState::Failed);
        QVERIFY(!QFile::exists(m_dir.filePath(u"missing.bin"_s)));
    }

    void restoreOldVersion_data()
    {
        QTest::addColumn<bool>("inParts");
        QTest::newRow("one CopyObject") << false;
        QTest::newRow("UploadPartCopy parts") << true;
    }

    void restoreOldVersion()
    {
        QFETCH(bool, inParts);
        const QString key = inParts ? u"restore-parts.bin"_s : u"restore.txt"_s;
        const QByteArray oldData = inParts ? randomBytes(11 * 1024 * 1024 + 5, 21) : QByteArray("first words");
        const QString oldId = put(key, oldData);
        QVERIFY(!oldId.isEmpty());
        QVERIFY(!put(key, "second words").isEmpty());

        if (inParts)
            m_client->setMultipartCopyThreshold(5 * 1024 * 1024);
        ServerCopyJob copy(m_client.get(), m_bucket, key, m_bucket, key);
        copy.setAutoDelete(false);
        copy.setSourceVersionId(oldId);
        copy.setKeepAcl(true);
        copy.setPartSize(5 * 1024 * 1024);
        QVERIFY(runJob(copy));
        m_client->setMultipartCopyThreshold(ServerCopyJob::MaxSingleCopyBytes);
        QVERIFY2(!copy.hasError(), qPrintable(copy.error().toString()));
        QCOMPARE(copy.copiedInParts(), inParts);
        QCOMPARE(get(key, {}), oldData);
        // The restore is a new version on top; the old ones stay.
        QList<ObjectVersion> entries;
        versions(key, {}, 1000, nullptr, nullptr, &entries);
        QCOMPARE(entries.size(), 3);
        QVERIFY(entries.at(0).isLatest);
        QCOMPARE(entries.at(2).versionId, oldId);

        // A delete marker has no data to copy: said so.
        QString markerId;
        QVERIFY(!remove(key, {}, nullptr, &markerId).isError());
        ServerCopyJob fromMarker(m_client.get(), m_bucket, key, m_bucket, key + u".copy"_s);
        fromMarker.setAutoDelete(false);
        fromMarker.setSourceVersionId(markerId);
        QVERIFY(runJob(fromMarker));
        QVERIFY(fromMarker.hasError());
        QVERIFY2(fromMarker.error().message().contains(u"delete marker"_s), qPrintable(fromMarker.error().message()));
        QVERIFY2(fromMarker.error().message().contains(markerId), qPrintable(fromMarker.error().message()));
    }

    void deleteVersionAndUndelete()
    {
        const QString first = put(u"gone.txt"_s, "v1");
        const QString second = put(u"gone.txt"_s, "v2");
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        // Removing a version for good: the next older one becomes current.
        bool marker = true;
        QString removed;
        QVERIFY(!remove(u"gone.txt"_s, second, &marker, &removed).isError());
        QVERIFY(!marker);
        QCOMPARE(removed, second);
        QCOMPARE(get(u"gone.txt"_s, {}), QByteArray("v1"));
        S3Error error;
        get(u"gone.txt"_s, second, &error);
        QCOMPARE(error.httpStatus(), 404);

        // Undelete: remove the delete marker and the object is back.
        QString markerId;
        QVERIFY(!remove(u"gone.txt"_s, {}, &marker, &markerId).isError());
        QVERIFY(marker);
        get(u"gone.txt"_s, {}, &error);
        QCOMPARE(error.httpStatus(), 404);
        QVERIFY(!remove(u"gone.txt"_s, markerId, &marker).isError());
        QVERIFY(marker); // the answer says a delete marker was removed
        QCOMPARE(get(u"gone.txt"_s, {}), QByteArray("v1"));
        QCOMPARE(versions(u"gone.txt"_s, {}, 1000), QStringList{u"gone.txt|%1|L|-"_s.arg(first)});
    }
};

QTEST_GUILESS_MAIN(TestLiveVersions)
#include "tst_live_versions.moc"
