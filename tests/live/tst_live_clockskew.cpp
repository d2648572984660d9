// SPDX-License-Identifier: Apache-2.0
// A local clock an hour ahead or behind, against the real Ceph RGW (which refuses requests more than 15 minutes
// off with RequestTimeTooSkewed): the client learns the server's time from the refusal's Date header and signs
// with it. List, put, get, a presigned link, and through the transfer engine (libcurl bulk path) a multipart
// upload and a ranged download all succeed after exactly one correction per client. s3desk-cli run with its wall
// clock moved by libfaketime corrects itself the same way (a download starts with a HEAD, whose bodiless 403 only
// the Date header explains) and says so in its --debug output.
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
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

    void cliCorrectsItsClockAndSaysSo_data()
    {
        QTest::addColumn<QString>("shift");
        QTest::addColumn<int>("offsetSeconds");
        QTest::newRow("process clock 1 h ahead") << u"+1h"_s << 3600;
        QTest::newRow("process clock 1 h behind") << u"-1h"_s << -3600;
    }

    void cliCorrectsItsClockAndSaysSo()
    {
        // s3desk-cli as a process whose wall clock is moved by libfaketime (monotonic time untouched, so timers
        // and timeouts run normally): Ceph refuses its first request as RequestTimeTooSkewed, the CLI takes the
        // server's time from the refusal, says so in --debug output, and put, ls and get succeed.
        QFETCH(QString, shift);
        QFETCH(int, offsetSeconds);
        if (cliPath().isEmpty())
            QFAIL("S3DESK_CLI is not set (tests/CMakeLists.txt sets it)");
        const QString library = u"/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1"_s;
        QVERIFY2(QFileInfo::exists(library), "libfaketime is missing: run scripts/install-deps.sh (package faketime)");
        QProcessEnvironment environment = keysOnlyAwsEnvironment(m_server.accessKey, m_server.secretKey);
        environment.insert(u"LD_PRELOAD"_s, library);
        environment.insert(u"FAKETIME"_s, shift);
        environment.insert(u"FAKETIME_DONT_FAKE_MONOTONIC"_s, u"1"_s);
        environment.insert(u"FAKETIME_DONT_RESET"_s, u"1"_s);
        const auto cli = [&](const QStringList &arguments) {
            return runProgram(cliPath(), QStringList{u"--endpoint-url"_s, m_server.endpoint, u"--debug"_s} + arguments, environment, 120000);
        };
        static const QRegularExpression corrected(u"clock skew: \\S+ says .+ the local clock .+; signing with an offset of (-?\\d+(?:\\.\\d+)?) s from now on"_s);
        const auto offsetsIn = [](const QByteArray &debug) {
            QList<double> offsets;
            for (auto match = corrected.globalMatch(QString::fromUtf8(debug)); match.hasNext();)
                offsets.append(match.next().captured(1).toDouble());
            return offsets;
        };
        const auto near = [offsetSeconds](const QList<double> &offsets) {
            return !offsets.isEmpty() && std::all_of(offsets.cbegin(), offsets.cend(), [offsetSeconds](double offset) {
                return qAbs(offset + offsetSeconds) < 120;
            });
        };

        const QByteArray data = randomBytes(9 * 1024 * 1024, quint32(offsetSeconds + 11000));
        const QString source = writeFile(u"cli%1.bin"_s.arg(offsetSeconds), data);
        QVERIFY(!source.isEmpty());
        const QString uri = u"s3://%1/cli%2/file.bin"_s.arg(m_bucket).arg(offsetSeconds);
        const ProcessOutcome put = cli({u"put"_s, u"--part-size"_s, u"5M"_s, source, uri});
        QVERIFY2(put.ok(), put.describe().constData());
        QVERIFY2(near(offsetsIn(put.err)), put.describe().constData());

        const ProcessOutcome listed = cli({u"ls"_s, u"s3://%1/cli%2/"_s.arg(m_bucket).arg(offsetSeconds)});
        QVERIFY2(listed.ok(), listed.describe().constData());
        QVERIFY2(listed.out.contains("file.bin"), listed.describe().constData());
        QCOMPARE(offsetsIn(listed.err).size(), 1); // one correction for the process's one client
        QVERIFY2(near(offsetsIn(listed.err)), listed.describe().constData());

        const QString target = m_dir.filePath(u"cli-back%1.bin"_s.arg(offsetSeconds));
        const ProcessOutcome got = cli({u"get"_s, uri, target});
        QVERIFY2(got.ok(), got.describe().constData());
        QVERIFY2(near(offsetsIn(got.err)), got.describe().constData());
        QFile back(target);
        QVERIFY(back.open(QIODevice::ReadOnly));
        QVERIFY(back.readAll() == data);
        // The secret never shows in the debug output.
        QVERIFY(!put.err.contains(m_server.secretKey.toUtf8()) && !got.err.contains(m_server.secretKey.toUtf8()));
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
