// SPDX-License-Identifier: Apache-2.0
// Every s3core operation against the real Ceph RGW started by scripts/test.sh (signatures really checked).
#include <QDir>
#include <QFile>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

#include "livetest.h"
#include "s3core/crypto.h"
#include "s3core/ops/bucketjobs.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/rawrequestjob.h"

using namespace s3;

class TestLiveOperations : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QString m_bucket;
    QTemporaryDir m_dir;

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

    QByteArray get(const QString &key, S3Error *error = nullptr)
    {
        GetObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        runJob(job);
        if (error)
            *error = job.error();
        return job.data();
    }

    QStringList listAll(const QString &prefix, const QString &delimiter = {}, QStringList *prefixes = nullptr, int maxKeys = 1000)
    {
        ListObjectsJob job(m_client.get(), {m_bucket, prefix, delimiter, {}, maxKeys, {}});
        job.setAutoDelete(false);
        job.setCollect(true);
        if (!runJob(job) || job.hasError()) {
            qWarning() << "list" << prefix << job.error();
            return {};
        }
        if (prefixes)
            *prefixes = job.commonPrefixes();
        QStringList keys;
        for (const ObjectInfo &object : job.objects())
            keys.append(object.key);
        return keys;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY(m_dir.isValid());
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), QStringLiteral("s3desk-live-ops"));
        QVERIFY(!m_bucket.isEmpty());
    }

    void listBucketsShowsTheNewBucket()
    {
        ListBucketsJob job(m_client.get());
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        bool found = false;
        for (const BucketInfo &bucket : job.result().buckets) {
            if (bucket.name == m_bucket) {
                found = true;
                QVERIFY(bucket.creationDate.isValid());
                QVERIFY(qAbs(bucket.creationDate.secsTo(QDateTime::currentDateTimeUtc())) < 3600);
            }
        }
        QVERIFY(found);
    }

    void bucketLocation()
    {
        GetBucketLocationJob job(m_client.get(), m_bucket);
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QVERIFY(!job.region().isEmpty());
    }

    void createExistingBucketFails()
    {
        auto other = m_server.client(&m_network, m_server.otherAccessKey, m_server.otherSecretKey);
        CreateBucketJob job(other.get(), m_bucket);
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QVERIFY(job.hasError());
        QCOMPARE(job.error().code(), QStringLiteral("BucketAlreadyExists"));
        QCOMPARE(job.error().httpStatus(), 409);
    }

    void invalidBucketNameIsRefusedLocally()
    {
        CreateBucketJob job(m_client.get(), QStringLiteral("Not_A_Valid_Bucket"));
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QCOMPARE(job.error().kind(), S3Error::Kind::Invalid);
        QCOMPARE(job.attempts(), 1);
    }

    void putHeadGetWithMetadata()
    {
        ObjectAttributes attributes;
        attributes.userMetadata = {{QStringLiteral("author"), QStringLiteral("tester")}, {QStringLiteral("project"), QStringLiteral("s3desk")}};
        attributes.cacheControl = QStringLiteral("max-age=60");
        const QByteArray data = "hello, world";
        QVERIFY(put(QStringLiteral("docs/readme.txt"), data, attributes));

        HeadObjectJob head(m_client.get(), m_bucket, QStringLiteral("docs/readme.txt"));
        head.setAutoDelete(false);
        QVERIFY(runJob(head));
        QVERIFY2(!head.hasError(), qPrintable(head.error().toString()));
        QCOMPARE(head.metadata().size, data.size());
        QCOMPARE(head.metadata().contentType, QStringLiteral("text/plain")); // inferred from ".txt"
        QCOMPARE(head.metadata().cacheControl, QStringLiteral("max-age=60"));
        QCOMPARE(head.metadata().userMetadata.value(QStringLiteral("author")), QStringLiteral("tester"));
        QCOMPARE(head.metadata().userMetadata.value(QStringLiteral("project")), QStringLiteral("s3desk"));
        QCOMPARE(head.metadata().etag, QStringLiteral("\"%1\"").arg(QString::fromLatin1(crypto::md5(data).toHex())));
        QVERIFY(head.metadata().lastModified.isValid());

        QCOMPARE(get(QStringLiteral("docs/readme.txt")), data);
    }

    void emptyObject()
    {
        QVERIFY(put(QStringLiteral("empty"), QByteArray()));
        S3Error error;
        QCOMPARE(get(QStringLiteral("empty"), &error), QByteArray());
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
    }

    void specialKeysRoundTrip_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("space") << QStringLiteral("with space.txt");
        QTest::newRow("plus") << QStringLiteral("a+b");
        QTest::newRow("percent") << QStringLiteral("100%25 done%");
        QTest::newRow("question-hash") << QStringLiteral("what?#fragment");
        QTest::newRow("colon-equals-amp") << QStringLiteral("k:v=1&x=2");
        QTest::newRow("tilde") << QStringLiteral("~home/file~");
        QTest::newRow("unicode") << QStringLiteral("dossier/été/日本語 ✓.txt");
        QTest::newRow("double-slash") << QStringLiteral("a//b");
        QTest::newRow("leading-slash") << QStringLiteral("/leading");
        QTest::newRow("trailing-slash") << QStringLiteral("folder/");
        QTest::newRow("dots-inside-names") << QStringLiteral("x/..y/.z./...");
        QTest::newRow("brackets-quotes") << QStringLiteral("[a] {b} 'c' \"d\" <e>");
        QTest::newRow("semicolon-comma-at") << QStringLiteral("a;b,c@d$e!f*g(h)");
    }

    void specialKeysRoundTrip()
    {
        QFETCH(QString, key);
        const QByteArray data = "payload of " + key.toUtf8();
        QVERIFY(put(key, data));
        S3Error error;
        QCOMPARE(get(key, &error), data);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        // The listing shows the key exactly as stored.
        const QStringList keys = listAll(key);
        QVERIFY2(keys.contains(key), qPrintable(keys.join(QLatin1Char('|'))));

        HeadObjectJob head(m_client.get(), m_bucket, key);
        head.setAutoDelete(false);
        QVERIFY(runJob(head));
        QVERIFY2(!head.hasError(), qPrintable(head.error().toString()));

        DeleteObjectJob remove(m_client.get(), m_bucket, key);
        remove.setAutoDelete(false);
        QVERIFY(runJob(remove));
        QVERIFY2(!remove.hasError(), qPrintable(remove.error().toString()));
        QVERIFY(!listAll(key).contains(key));
    }

    void dotSegmentKeysAreRefusedNotRedirected()
    {
        // Qt would send "x/../y" as "y": refuse rather than write or read another object.
        PutObjectJob put(m_client.get(), m_bucket, QStringLiteral("x/../y"));
        put.setAutoDelete(false);
        put.setData("never sent");
        QVERIFY(runJob(put));
        QCOMPARE(put.error().kind(), S3Error::Kind::Invalid);
        QVERIFY(put.error().message().contains(QLatin1String("'..'")));
        QVERIFY(listAll(QStringLiteral("y")).isEmpty());
    }

    void putFileAndGetToFile()
    {
        const QString source = m_dir.filePath(QStringLiteral("source.bin"));
        const QByteArray data = randomBytes(3 * 1024 * 1024 + 17, 42);
        {
            QFile file(source);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(data);
        }
        PutObjectJob put(m_client.get(), m_bucket, QStringLiteral("files/source.bin"));
        put.setAutoDelete(false);
        put.setFile(source);
        QVERIFY(runJob(put));
        QVERIFY2(!put.hasError(), qPrintable(put.error().toString()));
        QCOMPARE(put.etag(), QStringLiteral("\"%1\"").arg(QString::fromLatin1(crypto::md5(data).toHex())));

        const QString target = m_dir.filePath(QStringLiteral("target.bin"));
        GetObjectJob get(m_client.get(), m_bucket, QStringLiteral("files/source.bin"));
        get.setAutoDelete(false);
        get.setDestinationFile(target);
        QVERIFY(runJob(get));
        QVERIFY2(!get.hasError(), qPrintable(get.error().toString()));
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), data);
        QVERIFY(!QFile::exists(GetObjectJob::partialFileName(target)));
        QCOMPARE(get.metadata().contentType, QStringLiteral("application/octet-stream"));
    }

    void failedDownloadLeavesExistingFileAlone()
    {
        const QString target = m_dir.filePath(QStringLiteral("precious.txt"));
        {
            QFile file(target);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("keep me");
        }
        GetObjectJob get(m_client.get(), m_bucket, QStringLiteral("does/not/exist"));
        get.setAutoDelete(false);
        get.setDestinationFile(target);
        QVERIFY(runJob(get));
        QCOMPARE(get.error().code(), QStringLiteral("NoSuchKey"));
        QCOMPARE(get.error().httpStatus(), 404);
        QCOMPARE(get.attempts(), 1); // 404 is not retried
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("keep me"));
        QVERIFY(!QFile::exists(GetObjectJob::partialFileName(target)));
    }

    void rangeAndConditionalGet()
    {
        QVERIFY(put(QStringLiteral("range.txt"), "0123456789"));
        GetObjectJob range(m_client.get(), m_bucket, QStringLiteral("range.txt"));
        range.setAutoDelete(false);
        GetObjectOptions options;
        options.rangeFirst = 2;
        options.rangeLast = 5;
        range.setOptions(options);
        QVERIFY(runJob(range));
        QVERIFY2(!range.hasError(), qPrintable(range.error().toString()));
        QCOMPARE(range.data(), QByteArray("2345"));
        QCOMPARE(range.httpStatus(), 206);
        QCOMPARE(range.metadata().size, 10); // total size from Content-Range

        GetObjectJob stale(m_client.get(), m_bucket, QStringLiteral("range.txt"));
        stale.setAutoDelete(false);
        GetObjectOptions ifMatch;
        ifMatch.ifMatch = QStringLiteral("\"00000000000000000000000000000000\"");
        stale.setOptions(ifMatch);
        QVERIFY(runJob(stale));
        QCOMPARE(stale.error().httpStatus(), 412);
        QCOMPARE(stale.error().code(), QStringLiteral("PreconditionFailed"));
    }

    void headOfMissingObject()
    {
        HeadObjectJob head(m_client.get(), m_bucket, QStringLiteral("missing"));
        head.setAutoDelete(false);
        QVERIFY(runJob(head));
        QCOMPARE(head.error().httpStatus(), 404);
        QCOMPARE(head.error().code(), QStringLiteral("NotFound"));
    }

    void listingPagesPrefixesAndStartAfter()
    {
        for (int i = 0; i < 23; ++i)
            QVERIFY(put(QStringLiteral("paged/file-%1").arg(i, 2, 10, QLatin1Char('0')), QByteArray::number(i)));
        for (const QString &folder : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
            QVERIFY(put(QStringLiteral("paged/%1/inner").arg(folder), "x"));

        ListObjectsJob job(m_client.get(), {m_bucket, QStringLiteral("paged/"), QStringLiteral("/"), {}, 7, {}});
        job.setAutoDelete(false);
        job.setCollect(true);
        int pages = 0;
        connect(&job, &ListObjectsJob::pageReceived, this, [&pages](const ListObjectsPage &page) {
            ++pages;
            QVERIFY(page.objects.size() + page.commonPrefixes.size() <= 7);
        });
        QVERIFY(runJob(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QCOMPARE(job.objects().size(), 23);
        QCOMPARE(job.commonPrefixes(), (QList<QString>{QStringLiteral("paged/a/"), QStringLiteral("paged/b/"), QStringLiteral("paged/c/")}));
        QCOMPARE(pages, 4); // 26 entries, 7 per page
        QCOMPARE(job.pageCount(), 4);
        QCOMPARE(job.objects().first().key, QStringLiteral("paged/file-00"));
        QCOMPARE(job.objects().first().size, 1);
        QVERIFY(job.objects().first().lastModified.isValid());
        QVERIFY(!job.objects().first().etag.isEmpty());

        ListObjectsJob after(m_client.get(), {m_bucket, QStringLiteral("paged/"), {}, QStringLiteral("paged/file-20"), 1000, {}});
        after.setAutoDelete(false);
        after.setCollect(true);
        QVERIFY(runJob(after));
        QStringList keys;
        for (const ObjectInfo &object : after.objects())
            keys.append(object.key);
        QCOMPARE(keys, (QStringList{QStringLiteral("paged/file-21"), QStringLiteral("paged/file-22")}));
    }

    void copyKeepsOrReplacesMetadata()
    {
        ObjectAttributes attributes;
        attributes.contentType = QStringLiteral("application/x-custom");
        attributes.userMetadata = {{QStringLiteral("color"), QStringLiteral("blue")}};
        QVERIFY(put(QStringLiteral("copy/source"), "copy me", attributes));

        CopyObjectJob copy(m_client.get(), m_bucket, QStringLiteral("copy/source"), m_bucket, QStringLiteral("copy/kept"));
        copy.setAutoDelete(false);
        QVERIFY(runJob(copy));
        QVERIFY2(!copy.hasError(), qPrintable(copy.error().toString()));
        QVERIFY(!copy.result().etag.isEmpty());
        HeadObjectJob kept(m_client.get(), m_bucket, QStringLiteral("copy/kept"));
        kept.setAutoDelete(false);
        QVERIFY(runJob(kept));
        QCOMPARE(kept.metadata().contentType, QStringLiteral("application/x-custom"));
        QCOMPARE(kept.metadata().userMetadata.value(QStringLiteral("color")), QStringLiteral("blue"));

        CopyObjectJob replace(m_client.get(), m_bucket, QStringLiteral("copy/source"), m_bucket, QStringLiteral("copy/replaced.json"));
        replace.setAutoDelete(false);
        ObjectAttributes fresh;
        fresh.userMetadata = {{QStringLiteral("color"), QStringLiteral("red")}};
        replace.setReplaceAttributes(fresh);
        QVERIFY(runJob(replace));
        QVERIFY2(!replace.hasError(), qPrintable(replace.error().toString()));
        HeadObjectJob replaced(m_client.get(), m_bucket, QStringLiteral("copy/replaced.json"));
        replaced.setAutoDelete(false);
        QVERIFY(runJob(replaced));
        QCOMPARE(replaced.metadata().contentType, QStringLiteral("application/json"));
        QCOMPARE(replaced.metadata().userMetadata.value(QStringLiteral("color")), QStringLiteral("red"));

        // Copy across buckets and of a key with special characters.
        QVERIFY(put(QStringLiteral("copy/a b+c"), "special"));
        CopyObjectJob special(m_client.get(), m_bucket, QStringLiteral("copy/a b+c"), m_bucket, QStringLiteral("copy/ü b+c"));
        special.setAutoDelete(false);
        QVERIFY(runJob(special));
        QVERIFY2(!special.hasError(), qPrintable(special.error().toString()));
        QCOMPARE(get(QStringLiteral("copy/ü b+c")), QByteArray("special"));

        CopyObjectJob missing(m_client.get(), m_bucket, QStringLiteral("copy/none"), m_bucket, QStringLiteral("copy/x"));
        missing.setAutoDelete(false);
        QVERIFY(runJob(missing));
        QCOMPARE(missing.error().code(), QStringLiteral("NoSuchKey"));
    }

    void moveKeepsMetadataAndRemovesSource()
    {
        ObjectAttributes attributes;
        attributes.contentType = QStringLiteral("image/png");
        attributes.userMetadata = {{QStringLiteral("origin"), QStringLiteral("camera")}};
        QVERIFY(put(QStringLiteral("move/from.png"), "png bytes", attributes));
        MoveObjectJob move(m_client.get(), m_bucket, QStringLiteral("move/from.png"), m_bucket, QStringLiteral("move/to.png"));
        move.setAutoDelete(false);
        QVERIFY(runJob(move));
        QVERIFY2(!move.hasError(), qPrintable(move.error().toString()));
        HeadObjectJob head(m_client.get(), m_bucket, QStringLiteral("move/to.png"));
        head.setAutoDelete(false);
        QVERIFY(runJob(head));
        QCOMPARE(head.metadata().contentType, QStringLiteral("image/png"));
        QCOMPARE(head.metadata().userMetadata.value(QStringLiteral("origin")), QStringLiteral("camera"));
        S3Error error;
        get(QStringLiteral("move/from.png"), &error);
        QCOMPARE(error.code(), QStringLiteral("NoSuchKey"));
    }

    void batchDeleteAcrossTheThousandKeyLimit()
    {
        // 1,003 keys: two DeleteObjects requests. Upload them with a few PUTs in flight.
        QStringList keys;
        for (int i = 0; i < 1003; ++i)
            keys.append(QStringLiteral("batch/%1").arg(i, 4, 10, QLatin1Char('0')));
        qsizetype next = 0;
        int running = 0;
        int failed = 0;
        std::function<void()> pump = [&] {
            while (running < 16 && next < keys.size()) {
                auto *job = new PutObjectJob(m_client.get(), m_bucket, keys.at(next++));
                job->setData("b");
                ++running;
                connect(job, &Job::finished, this, [&, job] {
                    --running;
                    failed += job->hasError();
                    pump();
                });
                job->start();
            }
        };
        pump();
        QTRY_VERIFY_WITH_TIMEOUT(running == 0 && next == keys.size(), 120000);
        QCOMPARE(failed, 0);
        QCOMPARE(listAll(QStringLiteral("batch/")).size(), 1003);

        DeleteObjectsJob remove(m_client.get(), m_bucket, keys);
        remove.setAutoDelete(false);
        QVERIFY(runJob(remove, 120000));
        QVERIFY2(!remove.hasError(), qPrintable(remove.error().toString()));
        QCOMPARE(remove.deletedCount(), 1003);
        QVERIFY(remove.failures().isEmpty());
        QCOMPARE(listAll(QStringLiteral("batch/")).size(), 0);
    }

    void recursiveDeleteOfAPrefix()
    {
        for (int i = 0; i < 12; ++i)
            QVERIFY(put(QStringLiteral("tree/%1/leaf-%2").arg(i % 3).arg(i), "t"));
        QVERIFY(put(QStringLiteral("treehouse"), "not under tree/"));
        DeletePrefixJob remove(m_client.get(), m_bucket, QStringLiteral("tree/"));
        remove.setAutoDelete(false);
        QVERIFY(runJob(remove));
        QVERIFY2(!remove.hasError(), qPrintable(remove.error().toString()));
        QCOMPARE(remove.deletedCount(), 12);
        QVERIFY(listAll(QStringLiteral("tree/")).isEmpty());
        QCOMPARE(listAll(QStringLiteral("tree")), QStringList{QStringLiteral("treehouse")});

        DeletePrefixJob everything(m_client.get(), m_bucket, QString());
        everything.setAutoDelete(false);
        QVERIFY(runJob(everything));
        QCOMPARE(everything.error().kind(), S3Error::Kind::Invalid); // refuses to empty the bucket by accident
    }

    void wrongSecretIsSignatureDoesNotMatch()
    {
        auto bad = m_server.client(&m_network, m_server.accessKey, QStringLiteral("definitely-not-the-secret"));
        ListBucketsJob job(bad.get());
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QCOMPARE(job.error().code(), QStringLiteral("SignatureDoesNotMatch"));
        QCOMPARE(job.error().kind(), S3Error::Kind::Auth);
        QCOMPARE(job.attempts(), 1); // never retried
        QVERIFY(!job.error().toString().contains(QLatin1String("definitely-not-the-secret")));
        QVERIFY(job.error().toString().contains(QLatin1String("SignatureDoesNotMatch")));
        QVERIFY(!job.error().hint().isEmpty());
    }

    void unknownAccessKey()
    {
        auto bad = m_server.client(&m_network, QStringLiteral("NOSUCHACCESSKEY00000"), m_server.secretKey);
        HeadObjectJob head(bad.get(), m_bucket, QStringLiteral("docs/readme.txt"));
        head.setAutoDelete(false);
        QVERIFY(runJob(head));
        QCOMPARE(head.error().httpStatus(), 403);
        ListBucketsJob job(bad.get());
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QCOMPARE(job.error().code(), QStringLiteral("InvalidAccessKeyId"));
    }

    void otherUsersBucketIsAccessDenied()
    {
        auto other = m_server.client(&m_network, m_server.otherAccessKey, m_server.otherSecretKey);
        GetObjectJob get(other.get(), m_bucket, QStringLiteral("docs/readme.txt"));
        get.setAutoDelete(false);
        QVERIFY(runJob(get));
        QCOMPARE(get.error().code(), QStringLiteral("AccessDenied"));
        QCOMPARE(get.error().httpStatus(), 403);
        QCOMPARE(get.attempts(), 1);

        PutObjectJob put(other.get(), m_bucket, QStringLiteral("intruder"));
        put.setAutoDelete(false);
        put.setData("x");
        QVERIFY(runJob(put));
        QCOMPARE(put.error().code(), QStringLiteral("AccessDenied"));
    }

    void presignedUrls()
    {
        QVERIFY(put(QStringLiteral("presign/hello.txt"), "presigned hello"));
        Credentials credentials;
        credentials.accessKeyId = m_server.accessKey;
        credentials.secretAccessKey = m_server.secretKey;

        Result<QUrl> getUrl = m_client->presign(credentials, "GET", m_bucket, QStringLiteral("presign/hello.txt"), 300);
        QVERIFY(getUrl);
        QNetworkReply *reply = m_network.get(QNetworkRequest(*getUrl));
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->readAll(), QByteArray("presigned hello"));
        reply->deleteLater();

        Result<QUrl> putUrl = m_client->presign(credentials, "PUT", m_bucket, QStringLiteral("presign/uploaded by url.txt"), 300);
        QVERIFY(putUrl);
        QNetworkRequest putRequest(*putUrl);
        putRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain"));
        QNetworkReply *putReply = m_network.put(putRequest, QByteArrayLiteral("via presigned PUT"));
        QSignalSpy putDone(putReply, &QNetworkReply::finished);
        QVERIFY(putDone.wait(10000));
        QCOMPARE(putReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        putReply->deleteLater();
        QCOMPARE(get(QStringLiteral("presign/uploaded by url.txt")), QByteArray("via presigned PUT"));

        // A link that has expired is refused by the server.
        Result<QUrl> shortUrl = m_client->presign(credentials, "GET", m_bucket, QStringLiteral("presign/hello.txt"), 1);
        QVERIFY(shortUrl);
        QTest::qWait(2500);
        QNetworkReply *expired = m_network.get(QNetworkRequest(*shortUrl));
        QSignalSpy expiredDone(expired, &QNetworkReply::finished);
        QVERIFY(expiredDone.wait(10000));
        QCOMPARE(expired->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 403);
        QVERIFY(expired->readAll().contains("AccessDenied"));
        expired->deleteLater();

        QVERIFY(!m_client->presign(credentials, "GET", m_bucket, QStringLiteral("x"), 604801));
        QVERIFY(!m_client->presign(credentials, "GET", m_bucket, QStringLiteral("x"), 0));
    }

    void tlsWithTheServersCa()
    {
        QVERIFY2(!m_server.tlsEndpoint.isEmpty(), "the test server has no HTTPS port");
        QNetworkAccessManager network; // fresh manager: no kept-alive TLS sessions from elsewhere
        auto trusted = m_server.client(&network, m_server.accessKey, m_server.secretKey, m_server.tlsEndpoint);
        QVERIFY(trusted->setCaBundle(m_server.tlsCa));
        HeadObjectJob head(trusted.get(), m_bucket, QStringLiteral("docs/readme.txt"));
        head.setAutoDelete(false);
        QVERIFY(runJob(head));
        QVERIFY2(!head.hasError(), qPrintable(head.error().toString()));

        QNetworkAccessManager other;
        auto untrusted = m_server.client(&other, m_server.accessKey, m_server.secretKey, m_server.tlsEndpoint);
        HeadObjectJob refused(untrusted.get(), m_bucket, QStringLiteral("docs/readme.txt"));
        refused.setAutoDelete(false);
        QVERIFY(runJob(refused));
        QCOMPARE(refused.error().kind(), S3Error::Kind::Tls);
        QCOMPARE(refused.attempts(), 1);
    }

    void rawRequests()
    {
        // Requests without a typed job: built by hand, signed and sent like every other.
        S3Request put;
        put.method = "PUT";
        put.bucket = m_bucket;
        put.key = QStringLiteral("raw/hello.txt");
        put.body = "raw body";
        put.setHeader("content-type", "text/plain");
        put.setHeader("x-amz-meta-via", "raw");
        RawRequestJob putJob(m_client.get(), put);
        putJob.setAutoDelete(false);
        QVERIFY(runJob(putJob));
        QVERIFY2(!putJob.hasError(), qPrintable(putJob.error().toString()));
        QVERIFY(!putJob.responseHeader("etag").isEmpty());

        S3Request versioning;
        versioning.bucket = m_bucket;
        versioning.query = {{"versioning", {}}};
        RawRequestJob getVersioning(m_client.get(), versioning);
        getVersioning.setAutoDelete(false);
        QVERIFY(runJob(getVersioning));
        QVERIFY2(!getVersioning.hasError(), qPrintable(getVersioning.error().toString()));
        QVERIFY(getVersioning.responseBody().contains("VersioningConfiguration"));

        S3Request get;
        get.bucket = m_bucket;
        get.key = QStringLiteral("raw/hello.txt");
        RawRequestJob getJob(m_client.get(), get);
        getJob.setAutoDelete(false);
        QVERIFY(runJob(getJob));
        QCOMPARE(getJob.responseBody(), QByteArray("raw body"));
        QCOMPARE(getJob.responseHeader("x-amz-meta-via"), QByteArray("raw"));

        get.key = QStringLiteral("raw/missing");
        RawRequestJob missing(m_client.get(), get);
        missing.setAutoDelete(false);
        QVERIFY(runJob(missing));
        QCOMPARE(missing.error().code(), QStringLiteral("NoSuchKey"));
    }

    void deleteNonEmptyBucketFails()
    {
        DeleteBucketJob job(m_client.get(), m_bucket);
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QCOMPARE(job.error().code(), QStringLiteral("BucketNotEmpty"));
        QCOMPARE(job.error().httpStatus(), 409);
    }

    void cleanupTestCase()
    {
        if (!m_client)
            return;
        const S3Error removed = removeTestBucket(m_client.get(), m_bucket);
        QVERIFY2(!removed.isError(), qPrintable(removed.toString()));
    }
};

QTEST_GUILESS_MAIN(TestLiveOperations)
#include "tst_live_operations.moc"
