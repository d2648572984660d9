// SPDX-License-Identifier: Apache-2.0
// Both addressing styles sent to the real Ceph RGW (rgw dns name = localhost): path style
// (http://localhost:8000/bucket/key) and virtual-hosted style (http://bucket.localhost:8000/key), which needs
// <bucket>.localhost to resolve to loopback (libnss-myhostname, see scripts/install-deps.sh). Listing, put, get,
// a multipart upload and a ranged download through the engine (libcurl and Qt bulk paths), presigned links, and
// what Automatic picks; s3desk-cli in both styles (--virtual-host, the profile's addressing_style, --path-style).
#include <QCryptographicHash>
#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
#include "livetest.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/transferqueue.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(s3::AddressingStyle)

class TestLiveAddressing : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client; // path style on the IP endpoint: set-up and checks
    QString m_bucket;
    QString m_hostEndpoint; // the server's endpoint with "localhost" for the host
    QTemporaryDir m_dir;

    std::unique_ptr<S3Client> clientFor(AddressingStyle style)
    {
        const Result<Endpoint> endpoint = Endpoint::parse(m_hostEndpoint, m_server.region, style);
        if (!endpoint)
            return nullptr;
        Credentials credentials;
        credentials.accessKeyId = m_server.accessKey;
        credentials.secretAccessKey = m_server.secretKey;
        auto client = std::make_unique<S3Client>(&m_network, *endpoint, std::make_shared<StaticCredentialsProvider>(credentials));
        client->setTransferTimeoutMs(30000);
        return client;
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
        QUrl url(m_server.endpoint);
        url.setHost(u"localhost"_s);
        m_hostEndpoint = url.toString();
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), u"s3desk-live-vhost"_s);
        QVERIFY(!m_bucket.isEmpty());
        // Without a resolver for *.localhost virtual-hosted requests cannot reach the server: say how to get one.
        const QHostInfo resolved = QHostInfo::fromName(m_bucket + u".localhost"_s);
        bool loopback = false;
        for (const QHostAddress &address : resolved.addresses())
            loopback = loopback || address.isLoopback();
        QVERIFY2(loopback, qPrintable(u"%1.localhost does not resolve to loopback (%2): install libnss-myhostname and put "
                                      "\"myhostname\" on the hosts line of /etc/nsswitch.conf (scripts/install-deps.sh does both)"_s
                                          .arg(m_bucket, resolved.errorString())));
    }

    void operations_data()
    {
        QTest::addColumn<AddressingStyle>("style");
        QTest::addColumn<bool>("curl");
        QTest::newRow("path style, libcurl bulk") << AddressingStyle::Path << true;
        QTest::newRow("virtual host, libcurl bulk") << AddressingStyle::VirtualHost << true;
        QTest::newRow("virtual host, Qt bulk") << AddressingStyle::VirtualHost << false;
    }

    void operations()
    {
        QFETCH(AddressingStyle, style);
        QFETCH(bool, curl);
        auto client = clientFor(style);
        QVERIFY(client);
        const bool virtualHost = style == AddressingStyle::VirtualHost;
        const QString prefix = u"%1-%2/"_s.arg(virtualHost ? u"vhost"_s : u"path"_s, curl ? u"curl"_s : u"qt"_s);
        // What is sent: the bucket in the host name, or in the path.
        const RequestTarget target = client->endpoint().target(m_bucket, prefix + u"small.bin"_s);
        QCOMPARE(target.url.host(), virtualHost ? m_bucket + u".localhost"_s : u"localhost"_s);
        QCOMPARE(target.encodedPath.startsWith(QByteArray('/' + m_bucket.toUtf8() + '/')), !virtualHost);

        const QByteArray data = randomBytes(70000, quint32(prefix.size()) + (curl ? 1 : 2));
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

        // The engine: a multipart upload and a ranged download with the same addressing.
        const QByteArray big = randomBytes(11 * 1024 * 1024 + 77, 4242);
        const QString source = m_dir.filePath(prefix.chopped(1) + u".bin"_s);
        {
            QFile file(source);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QCOMPARE(file.write(big), big.size());
        }
        ClientSettings settings;
        settings.endpoint = client->endpoint();
        settings.credentials = client->credentialsProvider();
        settings.curlHttp = curl;
        TransferQueue queue(settings, {1, 4});
        UploadOptions upload;
        upload.multipartThreshold = 8 * 1024 * 1024;
        upload.partSize = 5 * 1024 * 1024;
        const TransferId up = queue.enqueueUpload(source, m_bucket, prefix + u"big.bin"_s, upload);
        QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(up).state); }, 120000));
        QVERIFY2(queue.snapshot(up).state == TransferState::Succeeded, qPrintable(queue.snapshot(up).lastError.toString()));
        const QString down = m_dir.filePath(prefix.chopped(1) + u"-down.bin"_s);
        DownloadOptions download;
        download.partSize = 4 * 1024 * 1024;
        const TransferId dl = queue.enqueueDownload(m_bucket, prefix + u"big.bin"_s, down, download);
        QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(dl).state); }, 120000));
        QVERIFY2(queue.snapshot(dl).state == TransferState::Succeeded, qPrintable(queue.snapshot(dl).lastError.toString()));
        QFile downloaded(down);
        QVERIFY(downloaded.open(QIODevice::ReadOnly));
        QCOMPARE(QCryptographicHash::hash(downloaded.readAll(), QCryptographicHash::Md5),
                 QCryptographicHash::hash(big, QCryptographicHash::Md5));
        QCOMPARE(queue.curlHttpStats().requestsSent > 0, curl);

        HeadObjectJob head(m_client.get(), m_bucket, prefix + u"big.bin"_s);
        head.setAutoDelete(false);
        QVERIFY(runJob(head));
        QVERIFY2(head.metadata().etag.contains(u"-3"_s), qPrintable(head.metadata().etag)); // three parts

        // The listing sees all of it.
        ListObjectsRequest request;
        request.bucket = m_bucket;
        request.prefix = prefix;
        ListObjectsJob list(client.get(), request);
        list.setAutoDelete(false);
        list.setCollect(true);
        QVERIFY(runJob(list));
        QVERIFY2(!list.hasError(), qPrintable(list.error().toString()));
        QStringList keys;
        for (const ObjectInfo &object : list.objects())
            keys << object.key;
        keys.sort();
        QCOMPARE(keys, (QStringList{prefix + u"big.bin"_s, prefix + u"small.bin"_s}));

        // A presigned link in this style works with a plain HTTP client.
        Credentials credentials;
        credentials.accessKeyId = m_server.accessKey;
        credentials.secretAccessKey = m_server.secretKey;
        const Result<QUrl> url = client->presign(credentials, "GET", m_bucket, prefix + u"small.bin"_s, 300);
        QVERIFY(url);
        QCOMPARE(url->host(), virtualHost ? m_bucket + u".localhost"_s : u"localhost"_s);
        QByteArray body;
        QCOMPARE(httpGet(*url, &body), 200);
        QCOMPARE(body, data);
    }

    void automaticKeepsPathStyleOffAws()
    {
        // As botocore does with an endpoint URL that is not AWS: path style unless virtual-host is asked for.
        auto client = clientFor(AddressingStyle::Auto);
        QVERIFY(client);
        QVERIFY(!client->endpoint().usesVirtualHost(m_bucket));
        ListObjectsRequest request;
        request.bucket = m_bucket;
        ListObjectsJob list(client.get(), request);
        list.setAutoDelete(false);
        QVERIFY(runJob(list));
        QVERIFY2(!list.hasError(), qPrintable(list.error().toString()));
    }

    void virtualHostOfAMissingBucketIsNoSuchBucket()
    {
        // The server really routes by host name: a bucket that exists only in the host is looked up.
        auto client = clientFor(AddressingStyle::VirtualHost);
        QVERIFY(client);
        const QString missing = m_bucket + u"-missing"_s;
        GetObjectJob get(client.get(), missing, u"k"_s);
        get.setAutoDelete(false);
        QVERIFY(runJob(get));
        QVERIFY(get.hasError());
        QCOMPARE(get.error().code(), u"NoSuchBucket"_s);
    }

    void cliInBothStyles_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QByteArray>("profileLines");
        QTest::addColumn<bool>("virtualHost");
        QTest::newRow("--virtual-host") << QStringList{u"--virtual-host"_s} << QByteArray() << true;
        QTest::newRow("profile addressing_style = virtual") << QStringList() << QByteArray("s3 =\n  addressing_style = virtual\n") << true;
        QTest::newRow("--path-style") << QStringList{u"--path-style"_s} << QByteArray() << false;
    }

    void cliInBothStyles()
    {
        // s3desk-cli at http://localhost:<port> as a user runs it: a multipart put, ls, get and a presigned link,
        // with the bucket in the host name (flag or profile) or in the path. --debug names each request's path.
        QFETCH(QStringList, options);
        QFETCH(QByteArray, profileLines);
        QFETCH(bool, virtualHost);
        if (cliPath().isEmpty())
            QFAIL("S3DESK_CLI is not set (tests/CMakeLists.txt sets it)");
        const QString config = m_dir.filePath(u"config-%1"_s.arg(QString::fromUtf8(QTest::currentDataTag())).replace(u' ', u'_'));
        {
            QFile file(config);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("[default]\n" + profileLines);
        }
        QProcessEnvironment environment = keysOnlyAwsEnvironment(m_server.accessKey, m_server.secretKey, config);
        const auto cli = [&](const QStringList &arguments) {
            return runProgram(cliPath(), QStringList{u"--endpoint-url"_s, m_hostEndpoint, u"--debug"_s} + options + arguments, environment, 120000);
        };
        const QString prefix = u"cli-%1/"_s.arg(virtualHost ? (options.isEmpty() ? u"profile"_s : u"vhost"_s) : u"path"_s);
        // The path each request was sent to: "/key" in the host's bucket, or "/bucket/key".
        const QByteArray sentPath = QByteArray('"' + (virtualHost ? QByteArray() : QByteArray('/' + m_bucket.toUtf8())) + '/' + prefix.toUtf8() + "big.bin\"");

        const QByteArray data = randomBytes(17 * 1024 * 1024 + 5, quint32(prefix.size()) + 900);
        const QString source = m_dir.filePath(prefix.chopped(1) + u"-cli.bin"_s);
        {
            QFile file(source);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QCOMPARE(file.write(data), data.size());
        }
        const QString uri = u"s3://%1/%2big.bin"_s.arg(m_bucket, prefix);
        const ProcessOutcome put = cli({u"put"_s, u"--part-size"_s, u"5M"_s, source, uri});
        QVERIFY2(put.ok(), put.describe().constData());
        QVERIFY2(put.err.contains(QByteArray("\"POST\" " + sentPath)) && put.err.contains(QByteArray("\"PUT\" " + sentPath)), put.describe().constData());

        const ProcessOutcome listed = cli({u"ls"_s, u"s3://%1/%2"_s.arg(m_bucket, prefix)});
        QVERIFY2(listed.ok(), listed.describe().constData());
        QVERIFY2(listed.out.contains("big.bin"), listed.describe().constData());
        QVERIFY2(listed.err.contains(virtualHost ? QByteArray("\"GET\" \"/\" bucket") : QByteArray("\"GET\" \"/" + m_bucket.toUtf8() + "\" bucket")),
                 listed.describe().constData());

        const QString target = m_dir.filePath(prefix.chopped(1) + u"-back.bin"_s);
        const ProcessOutcome got = cli({u"get"_s, u"--part-size"_s, u"5M"_s, uri, target});
        QVERIFY2(got.ok(), got.describe().constData());
        QVERIFY2(got.err.contains(QByteArray("\"GET\" " + sentPath)), got.describe().constData());
        QFile back(target);
        QVERIFY(back.open(QIODevice::ReadOnly));
        QVERIFY(back.readAll() == data);

        const ProcessOutcome presigned = cli({u"presign"_s, uri});
        QVERIFY2(presigned.ok(), presigned.describe().constData());
        const QUrl link = QUrl::fromEncoded(presigned.out.trimmed());
        QCOMPARE(link.host(), virtualHost ? m_bucket + u".localhost"_s : u"localhost"_s);
        QByteArray body;
        QCOMPARE(httpGet(link, &body), 200);
        QVERIFY(body == data);
    }

    void cleanupTestCase()
    {
        if (!m_client || m_bucket.isEmpty())
            return;
        const S3Error removed = removeTestBucket(m_client.get(), m_bucket);
        QVERIFY2(!removed.isError(), qPrintable(removed.toString()));
    }
};

QTEST_GUILESS_MAIN(TestLiveAddressing)
#include "tst_live_addressing.moc"
