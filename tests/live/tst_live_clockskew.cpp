// SPDX-License-Identifier: Apache-2.0
// A local clock an hour ahead or behind, against the real Ceph RGW (which refuses requests more than 15 minutes
// off with RequestTimeTooSkewed): the client learns the server's time from the refusal's Date header and signs
// with it. List, put, get, a presigned link, and through the transfer engine (libcurl bulk path) a multipart
// upload and a ranged download all succeed after exactly one correction per client.
#include <QCryptographicHash>
#include <QFile>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

#include "livetest.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/transferqueue.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

class TestLiveClockSkew : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client; // correct clock: set-up and checks
    QString m_bucket;
    QTemporaryDir m_dir;

    static Clock offsetClock(int seconds)
    {
        return [seconds] { return QDateTime::currentDateTimeUtc().addSecs(seconds); };
    }

    QString writeFile(const QString &name, const QByteArray &data)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
            return {};
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY(m_dir.isValid());
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), u"s3desk-live-skew"_s);
        QVERIFY(!m_bucket.isEmpty());
    }

    void operationsSucceedAfterOneCorrection_data()
    {
        QTest::addColumn<int>("offsetSeconds");
        QTest::newRow("local clock 1 h ahead") << 3600;
        QTest::newRow("local clock 1 h behind") << -3600;
    }

    void operationsSucceedAfterOneCorrection()
    {
        QFETCH(int, offsetSeconds);
        const QString prefix = u"skew%1/"_s.arg(offsetSeconds);
        auto client = m_server.client(&m_network);
        client->setClock(offsetClock(offsetSeconds));

        // The first request is refused (the server's answer says so), corrected, and signed again.
        ListObjectsRequest request;
        request.bucket = m_bucket;
        request.prefix = prefix;
        ListObjectsJob list(client.get(), request);
        list.setAutoDelete(false);
        list.setCollect(true);
        QVERIFY(runJob(list));
        QVERIFY2(!list.hasError(), qPrintable(list.error().toString()));
        QCOMPARE(client->clockCorrections(), 1);
        QVERIFY2(qAbs(client->clockOffsetMs() + qint64(offsetSeconds) * 1000) < 5000,
                 qPrintable(QString::number(client->clockOffsetMs())));

        const QByteArray data = randomBytes(100000, quint32(offsetSeconds + 7200));
        PutObjectJob put(client.get(), m_bucket, prefix + u"small.bin"_s);
        put.setAutoDelete(false);
        put.setData(data);
        QVERIFY(runJob(put));
        QVERIFY2(!put.hasError(), qPrintable(put.error().toString()));

        GetObjectJob get(client.get(), m_bucket, prefix + u"small.bin"_s);
        get.setAutoDelete(false);
        QVERIFY(runJob(get));
        QVERIFY2(!get.hasError(), qPrintable(get.error().toString()));
        QCOMPARE(get.data(), data);

        // A presigned link carries the corrected time: Ceph accepts it.
        Credentials credentials;
        credentials.accessKeyId = m_server.accessKey;
        credentials.secretAccessKey = m_server.secretKey;
        const Result<QUrl> url = client->presign(credentials, "GET", m_bucket, prefix + u"small.bin"_s, 300);
        QVERIFY(url);
        std::unique_ptr<QNetworkReply> reply(m_network.get(QNetworkRequest(*url)));
        QVERIFY(waitUntil([&] { return reply->isFinished(); }, 30000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->readAll(), data);
        QCOMPARE(client->clockCorrections(), 1);

        // The transfer engine's own clients, bulk data through libcurl: a multipart upload and a ranged download.
        const QByteArray big = randomBytes(12 * 1024 * 1024 + 321, quint32(offsetSeconds + 9000));
        const QString source = writeFile(u"big%1.bin"_s.arg(offsetSeconds), big);
        QVERIFY(!source.isEmpty());
        ClientSettings settings;
        settings.endpoint = client->endpoint();
        settings.credentials = client->credentialsProvider();
        settings.curlHttp = true;
        settings.clock = offsetClock(offsetSeconds);
        TransferQueue queue(settings, {1, 4});
        UploadOptions upload;
        upload.multipartThreshold = 8 * 1024 * 1024;
        upload.partSize = 5 * 1024 * 1024;
        const TransferId up = queue.enqueueUpload(source, m_bucket, prefix + u"big.bin"_s, upload);
        QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(up).state); }, 120000));
        QVERIFY2(queue.snapshot(up).state == TransferState::Succeeded, qPrintable(queue.snapshot(up).lastError.toString()));

        HeadObjectJob head(m_client.get(), m_bucket, prefix + u"big.bin"_s);
        head.setAutoDelete(false);
        QVERIFY(runJob(head));
        QVERIFY2(head.metadata().etag.endsWith(u"-3\""_s) || head.metadata().etag.endsWith(u"-3"_s),
                 qPrintable(head.metadata().etag)); // three parts: it was a multipart upload

        const QString target = m_dir.filePath(u"down%1.bin"_s.arg(offsetSeconds));
        DownloadOptions download;
        download.partSize = 5 * 1024 * 1024;
        const TransferId down = queue.enqueueDownload(m_bucket, prefix + u"big.bin"_s, target, download);
        QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(down).state); }, 120000));
        QVERIFY2(queue.snapshot(down).state == TransferState::Succeeded, qPrintable(queue.snapshot(down).lastError.toString()));
        QFile downloaded(target);
        QVERIFY(downloaded.open(QIODevice::ReadOnly));
        QCOMPARE(QCryptographicHash::hash(downloaded.readAll(), QCryptographicHash::Md5),
                 QCryptographicHash::hash(big, QCryptographicHash::Md5));
        QVERIFY(queue.curlHttpStats().requestsSent > 0);
        // One pool client (4 connections fit one manager): one correction, however many requests it signed.
        QCOMPARE(queue.clockCorrections(), 1);
    }

    void cleanupTestCase()
    {
        if (!m_client || m_bucket.isEmpty())
            return;
        const S3Error removed = removeTestBucket(m_client.get(), m_bucket);
        QVERIFY2(!removed.isError(), qPrintable(removed.toString()));
    }
};

QTEST_GUILESS_MAIN(TestLiveClockSkew)
#include "tst_live_clockskew.moc"
