// SPDX-License-Identifier: Apache-2.0
// Tests of the fake S3 server itself, driven by a plain QNetworkAccessManager (and a raw socket where QNAM
// cannot produce the wire format under test), so the s3core jobs can trust it.
#include <memory>

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QXmlStreamReader>

#include "fakes3server.h"

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

QByteArray md5Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex();
}

QByteArray md5Base64(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Md5).toBase64();
}

/** Text of every element with this local name, in document order. */
QStringList xmlValues(const QByteArray &xml, const QString &element)
{
    QStringList values;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == element)
            values.append(reader.readElementText(QXmlStreamReader::IncludeChildElements));
    }
    return values;
}

QString xmlValue(const QByteArray &xml, const QString &element)
{
    return xmlValues(xml, element).value(0);
}

QByteArray patternData(qsizetype size, int seed = 0)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char((i * 31 + seed * 7 + (i >> 8)) & 0xFF);
    return data;
}

} // namespace

class tst_FakeS3Server : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void listensOnLoopbackOnly();
    void putGetRoundtrip();
    void rangeGet();
    void headObject();
    void conditionalGet();
    void errorsAreS3Xml();
    void bucketOperations();
    void contentChecks();
    void listingPaging();
    void listingDelimiter();
    void listingUrlEncoding();
    void multipartHappyPath();
    void multipartValidation();
    void deleteObjects();
    void copyObject();
    void keyIsNotNormalised();
    void chunkedBodyInPieces();
    void keepAliveReusesConnection();
    void largeBodies();
    void connectionBudgetIsVisible();
    void faultSlowDownOnce();
    void faultHangFiresTransferTimeout();
    void faultResetMidBody();
    void faultCloseWithoutResponse();
    void faultErrorIn200();
    void faultModifiersAndOverride();

private:
    /** Sends a request; pathAndQuery is put on the wire exactly as given (already percent-encoded). */
    QNetworkReply *send(const QByteArray &verb, const QByteArray &pathAndQuery, const QByteArray &body = {},
                        const Headers &headers = {}, int transferTimeoutMs = 0);
    /** Waits for finished; false on timeout. */
    static bool waitFor(QNetworkReply *reply, int ms = 4000);
    static int status(QNetworkReply *reply);
    /** Sends and waits; returns the reply (owned by the test's manager, deleted in cleanup). */
    QNetworkReply *call(const QByteArray &verb, const QByteArray &pathAndQuery, const QByteArray &body = {},
                        const Headers &headers = {});
    /** Writes raw bytes in pieces over a plain socket and returns everything the server sent until it closed. */
    QByteArray rawExchange(const QList<QByteArray> &pieces, int ms = 3000);

    std::unique_ptr<FakeS3Server> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void tst_FakeS3Server::init()
{
    m_server = std::make_unique<FakeS3Server>();
    QVERIFY(m_server->start());
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void tst_FakeS3Server::cleanup()
{
    m_nam.reset();
    m_server.reset();
}

QNetworkReply *tst_FakeS3Server::send(const QByteArray &verb, const QByteArray &pathAndQuery, const QByteArray &body,
                                      const Headers &headers, int transferTimeoutMs)
{
    const QUrl url = QUrl::fromEncoded(m_server->endpointUrl().toLatin1() + pathAndQuery, QUrl::StrictMode);
    QNetworkRequest request(url);
    if (transferTimeoutMs > 0)
        request.setTransferTimeout(transferTimeoutMs);
    if (!body.isEmpty() || verb == "PUT" || verb == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    if (verb == "HEAD")
        return m_nam->head(request);
    return m_nam->sendCustomRequest(request, verb, body);
}

bool tst_FakeS3Server::waitFor(QNetworkReply *reply, int ms)
{
    if (reply->isFinished())
        return true;
    QSignalSpy spy(reply, &QNetworkReply::finished);
    return spy.wait(ms);
}

int tst_FakeS3Server::status(QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

QNetworkReply *tst_FakeS3Server::call(const QByteArray &verb, const QByteArray &pathAndQuery, const QByteArray &body,
                                      const Headers &headers)
{
    QNetworkReply *reply = send(verb, pathAndQuery, body, headers);
    reply->setParent(m_nam.get());
    if (!waitFor(reply))
        qWarning("request %s %s timed out", verb.constData(), pathAndQuery.constData());
    return reply;
}

QByteArray tst_FakeS3Server::rawExchange(const QList<QByteArray> &pieces, int ms)
{
    QTcpSocket socket;
    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, &socket, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    if (socket.state() != QAbstractSocket::ConnectedState && !connected.wait(ms))
        return {};
    for (const QByteArray &piece : pieces) {
        socket.write(piece);
        // Let the piece travel on its own, so the server sees the request in fragments.
        QTest::qWait(5);
    }
    QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
    if (socket.state() == QAbstractSocket::ConnectedState)
        disconnected.wait(ms);
    received += socket.readAll();
    return received;
}

// -----------------------------------------------------------------------------------------------------------------

void tst_FakeS3Server::listensOnLoopbackOnly()
{
    QVERIFY(m_server->isListening());
    QVERIFY(m_server->port() > 0);
    QCOMPARE(m_server->endpointUrl(), QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()));
}

void tst_FakeS3Server::putGetRoundtrip()
{
    QNetworkReply *reply = call("PUT", "/bucket");
    QCOMPARE(status(reply), 200);
    QCOMPARE(m_server->count(QStringLiteral("CreateBucket")), 1);

    const QByteArray body = "hello, fake S3";
    reply = call("PUT", "/bucket/dir/hello%20world.txt", body,
                 {{"Content-Type", "text/plain"}, {"x-amz-meta-Colour", "blue"}, {"Cache-Control", "no-cache"},
                  {"Content-MD5", md5Base64(body)}});
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(status(reply), 200);
    QCOMPARE(reply->rawHeader("ETag"), '"' + md5Hex(body) + '"');
    QVERIFY(!reply->rawHeader("x-amz-request-id").isEmpty());

    const auto stored = m_server->object(QStringLiteral("bucket"), QStringLiteral("dir/hello world.txt"));
    QVERIFY(stored.has_value());
    QCOMPARE(stored->data, body);
    QCOMPARE(stored->contentType, QStringLiteral("text/plain"));
    QCOMPARE(stored->metadata.value(QStringLiteral("colour")), QStringLiteral("blue"));
    QCOMPARE(stored->storageClass, QStringLiteral("STANDARD"));

    reply = call("GET", "/bucket/dir/hello%20world.txt");
    QCOMPARE(status(reply), 200);
    QCOMPARE(reply->readAll(), body);
    QCOMPARE(reply->rawHeader("Content-Type"), QByteArrayLiteral("text/plain"));
    QCOMPARE(reply->rawHeader("x-amz-meta-colour"), QByteArrayLiteral("blue"));
    QCOMPARE(reply->rawHeader("Cache-Control"), QByteArrayLiteral("no-cache"));
    QCOMPARE(reply->rawHeader("ETag"), stored->etag);
    QVERIFY(reply->header(QNetworkRequest::LastModifiedHeader).toDateTime().isValid());

    const QList<FakeS3Request> log = m_server->requests();
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.at(1).operation, QStringLiteral("PutObject"));
    QCOMPARE(log.at(1).bucket, QStringLiteral("bucket"));
    QCOMPARE(log.at(1).key, QStringLiteral("dir/hello world.txt"));
    QCOMPARE(log.at(1).rawPath, QByteArrayLiteral("/bucket/dir/hello%20world.txt"));
    QCOMPARE(log.at(1).body, body);
    QCOMPARE(log.at(1).header("x-amz-meta-colour"), QByteArrayLiteral("blue"));
    QVERIFY(!log.at(1).isSigned());
    QCOMPARE(log.at(2).operation, QStringLiteral("GetObject"));

    // ListBuckets
    reply = call("GET", "/");
    QCOMPARE(status(reply), 200);
    QCOMPARE(xmlValues(reply->readAll(), QStringLiteral("Name")), QStringList{QStringLiteral("bucket")});
}

void tst_FakeS3Server::rangeGet()
{
    const QByteArray data = patternData(1000);
    m_server->putObject(QStringLiteral("b"), QStringLiteral("obj"), data);

    QNetworkReply *reply = call("GET", "/b/obj", {}, {{"Range", "bytes=10-19"}});
    QCOMPARE(status(reply), 206);
    QCOMPARE(reply->rawHeader("Content-Range"), QByteArrayLiteral("bytes 10-19/1000"));
    QCOMPARE(reply->readAll(), data.mid(10, 10));

    reply = call("GET", "/b/obj", {}, {{"Range", "bytes=990-"}});
    QCOMPARE(status(reply), 206);
    QCOMPARE(reply->readAll(), data.mid(990));

    reply = call("GET", "/b/obj", {}, {{"Range", "bytes=-5"}});
    QCOMPARE(status(reply), 206);
    QCOMPARE(reply->rawHeader("Content-Range"), QByteArrayLiteral("bytes 995-999/1000"));
    QCOMPARE(reply->readAll(), data.right(5));

    reply = call("GET", "/b/obj", {}, {{"Range", "bytes=900-5000"}});
    QCOMPARE(status(reply), 206);
    QCOMPARE(reply->rawHeader("Content-Range"), QByteArrayLiteral("bytes 900-999/1000"));

    reply = call("GET", "/b/obj", {}, {{"Range", "bytes=2000-"}});
    QCOMPARE(status(reply), 416);
    QCOMPARE(reply->rawHeader("Content-Range"), QByteArrayLiteral("bytes */1000"));
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("InvalidRange"));
}

void tst_FakeS3Server::headObject()
{
    m_server->putObject(QStringLiteral("b"), QStringLiteral("k"), patternData(4321), QStringLiteral("image/png"),
                        {{QStringLiteral("a"), QStringLiteral("1")}});
    QNetworkReply *reply = call("HEAD", "/b/k");
    QCOMPARE(status(reply), 200);
    QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), 4321);
    QCOMPARE(reply->rawHeader("Content-Type"), QByteArrayLiteral("image/png"));
    QCOMPARE(reply->rawHeader("x-amz-meta-a"), QByteArrayLiteral("1"));
    QCOMPARE(reply->rawHeader("ETag"), '"' + md5Hex(patternData(4321)) + '"');
    QVERIFY(reply->readAll().isEmpty());
    QCOMPARE(m_server->count(QStringLiteral("HeadObject")), 1);

    // The connection must still be usable after a HEAD (no body was sent although Content-Length said 4321).
    reply = call("GET", "/b/k");
    QCOMPARE(status(reply), 200);
    QCOMPARE(reply->readAll().size(), 4321);
    QCOMPARE(m_server->connectionsAccepted(), 1);

    reply = call("HEAD", "/b/missing");
    QCOMPARE(status(reply), 404);
}

void tst_FakeS3Server::conditionalGet()
{
    m_server->putObject(QStringLiteral("b"), QStringLiteral("k"), "v1");
    const QByteArray etag = m_server->object(QStringLiteral("b"), QStringLiteral("k"))->etag;

    QCOMPARE(status(call("GET", "/b/k", {}, {{"If-Match", etag}})), 200);
    QNetworkReply *reply = call("GET", "/b/k", {}, {{"If-Match", "\"0123\""}});
    QCOMPARE(status(reply), 412);
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("PreconditionFailed"));
    QCOMPARE(status(call("GET", "/b/k", {}, {{"If-None-Match", etag}})), 304);
    const QByteArray future = QLocale::c()
                                  .toString(QDateTime::currentDateTimeUtc().addDays(1), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                                  .toLatin1();
    const QByteArray past = "Sun, 06 Nov 1994 08:49:37 GMT";
    QCOMPARE(status(call("GET", "/b/k", {}, {{"If-Modified-Since", future}})), 304);
    QCOMPARE(status(call("GET", "/b/k", {}, {{"If-Modified-Since", past}})), 200);
    QCOMPARE(status(call("GET", "/b/k", {}, {{"If-Unmodified-Since", past}})), 412);
}

void tst_FakeS3Server::errorsAreS3Xml()
{
    QNetworkReply *reply = call("GET", "/nobucket/k");
    QCOMPARE(status(reply), 404);
    QByteArray body = reply->readAll();
    QCOMPARE(xmlValue(body, QStringLiteral("Code")), QStringLiteral("NoSuchBucket"));

    m_server->createBucket(QStringLiteral("b"));
    reply = call("GET", "/b/no%20such");
    QCOMPARE(status(reply), 404);
    QCOMPARE(reply->rawHeader("Content-Type"), QByteArrayLiteral("application/xml"));
    body = reply->readAll();
    QCOMPARE(xmlValue(body, QStringLiteral("Code")), QStringLiteral("NoSuchKey"));
    QVERIFY(!xmlValue(body, QStringLiteral("Message")).isEmpty());
    QCOMPARE(xmlValue(body, QStringLiteral("Resource")), QStringLiteral("/b/no such"));
    QCOMPARE(xmlValue(body, QStringLiteral("RequestId")).toLatin1(), reply->rawHeader("x-amz-request-id"));
    QCOMPARE(m_server->requests().constLast().requestId, reply->rawHeader("x-amz-request-id"));

    reply = call("GET", "/b/k?acl");
    QCOMPARE(status(reply), 501);
    QCOMPARE(m_server->requests().constLast().operation, QStringLiteral("Unknown"));
}

void tst_FakeS3Server::bucketOperations()
{
    QCOMPARE(status(call("PUT", "/photos")), 200);
    QNetworkReply *reply = call("PUT", "/photos");
    QCOMPARE(status(reply), 409);
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("BucketAlreadyOwnedByYou"));
    reply = call("PUT", "/Bad_Name");
    QCOMPARE(status(reply), 400);
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("InvalidBucketName"));

    reply = call("GET", "/photos?location");
    QCOMPARE(status(reply), 200);
    QCOMPARE(m_server->requests().constLast().operation, QStringLiteral("GetBucketLocation"));
    m_server->setRegion(QStringLiteral("eu-west-1"));
    reply = call("GET", "/photos?location");
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("LocationConstraint")), QStringLiteral("eu-west-1"));

    QCOMPARE(status(call("HEAD", "/photos")), 200);
    QCOMPARE(status(call("HEAD", "/nothere")), 404);

    m_server->putObject(QStringLiteral("photos"), QStringLiteral("a.jpg"), "x");
    reply = call("DELETE", "/photos");
    QCOMPARE(status(reply), 409);
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("BucketNotEmpty"));
    QCOMPARE(status(call("DELETE", "/photos/a.jpg")), 204);
    QCOMPARE(status(call("DELETE", "/photos/a.jpg")), 204); // idempotent
    QCOMPARE(status(call("DELETE", "/photos")), 204);
    QVERIFY(!m_server->hasBucket(QStringLiteral("photos")));
}

void tst_FakeS3Server::contentChecks()
{
    m_server->createBucket(QStringLiteral("b"));
    const QByteArray body = "payload";
    QNetworkReply *reply = call("PUT", "/b/k", body, {{"Content-MD5", md5Base64("other")}});
    QCOMPARE(status(reply), 400);
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("BadDigest"));
    reply = call("PUT", "/b/k", body, {{"Content-MD5", "not base64!"}});
    QCOMPARE(status(reply), 400);
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("InvalidDigest"));

    const QByteArray wrongSha = QCryptographicHash::hash("other", QCryptographicHash::Sha256).toHex();
    reply = call("PUT", "/b/k", body, {{"x-amz-content-sha256", wrongSha}, {"Authorization", "AWS4-HMAC-SHA256 x"}});
    QCOMPARE(status(reply), 400);
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("XAmzContentSHA256Mismatch"));
    QVERIFY(!m_server->object(QStringLiteral("b"), QStringLiteral("k")).has_value());

    const QByteArray sha = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
    reply = call("PUT", "/b/k", body,
                 {{"x-amz-content-sha256", sha}, {"x-amz-date", "20240101T000000Z"}, {"Authorization", "AWS4-HMAC-SHA256 x"}});
    QCOMPARE(status(reply), 200);
    const FakeS3Request last = m_server->requests().constLast();
    QVERIFY(last.isSigned());
    QVERIFY(last.hasHeader("x-amz-date"));
    QCOMPARE(last.header("x-amz-content-sha256"), sha);

    QCOMPARE(status(call("PUT", "/b/u", body, {{"x-amz-content-sha256", "UNSIGNED-PAYLOAD"}})), 200);

    m_server->setRequireAuthorization(true);
    reply = call("GET", "/b/k");
    QCOMPARE(status(reply), 403);
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("AccessDenied"));
    QCOMPARE(status(call("GET", "/b/k?X-Amz-Signature=abc")), 200);
}

void tst_FakeS3Server::listingPaging()
{
    for (int i = 0; i < 2500; ++i)
        m_server->putObject(QStringLiteral("big"), QStringLiteral("k%1").arg(i, 4, 10, QLatin1Char('0')), QByteArray::number(i));

    QStringList keys;
    QString token;
    QList<int> counts;
    for (int page = 0; page < 5; ++page) {
        QByteArray path = "/big?list-type=2";
        if (!token.isEmpty())
            path += "&continuation-token=" + QUrl::toPercentEncoding(token);
        QNetworkReply *reply = call("GET", path);
        QCOMPARE(status(reply), 200);
        const QByteArray xml = reply->readAll();
        const QStringList pageKeys = xmlValues(xml, QStringLiteral("Key"));
        keys += pageKeys;
        counts.append(xmlValue(xml, QStringLiteral("KeyCount")).toInt());
        QCOMPARE(xmlValue(xml, QStringLiteral("MaxKeys")), QStringLiteral("1000"));
        token = xmlValue(xml, QStringLiteral("NextContinuationToken"));
        const bool truncated = xmlValue(xml, QStringLiteral("IsTruncated")) == QLatin1String("true");
        QCOMPARE(truncated, !token.isEmpty());
        if (!truncated)
            break;
    }
    QCOMPARE(counts, (QList<int>{1000, 1000, 500}));
    QCOMPARE(keys, m_server->keys(QStringLiteral("big")));
    QCOMPARE(keys.size(), 2500);
    QCOMPARE(m_server->count(QStringLiteral("ListObjectsV2")), 3);

    // start-after and max-keys
    QNetworkReply *reply = call("GET", "/big?list-type=2&start-after=k2497&max-keys=10");
    QCOMPARE(xmlValues(reply->readAll(), QStringLiteral("Key")), (QStringList{QStringLiteral("k2498"), QStringLiteral("k2499")}));

    reply = call("GET", "/big?list-type=2&continuation-token=garbage");
    QCOMPARE(status(reply), 400);
}

void tst_FakeS3Server::listingDelimiter()
{
    const QString b = QStringLiteral("tree");
    for (const char *key : {"a/1", "a/2", "b/x/1", "c", "d", "d/", "d/e", "é/1", "\xef\xbd\x81" /* U+FF41 */, "\xf0\x9f\x98\x80" /* U+1F600 */})
        m_server->putObject(b, QString::fromUtf8(key), "x");
    // UTF-8 byte order puts U+FF41 before U+1F600 (UTF-16 order would not).
    QCOMPARE(m_server->keys(b).mid(8), (QStringList{QString::fromUtf8("\xef\xbd\x81"), QString::fromUtf8("\xf0\x9f\x98\x80")}));

    QNetworkReply *reply = call("GET", "/tree?list-type=2&delimiter=%2F");
    QByteArray xml = reply->readAll();
    QCOMPARE(xmlValues(xml, QStringLiteral("Prefix")).mid(1),
             (QStringList{QStringLiteral("a/"), QStringLiteral("b/"), QStringLiteral("d/"), QString::fromUtf8("é/")}));
    QCOMPARE(xmlValues(xml, QStringLiteral("Key")),
             (QStringList{QStringLiteral("c"), QStringLiteral("d"), QString::fromUtf8("\xef\xbd\x81"), QString::fromUtf8("\xf0\x9f\x98\x80")}));
    QCOMPARE(xmlValue(xml, QStringLiteral("KeyCount")), QStringLiteral("8"));

    // Paging with delimiter: a common prefix counts once and is never repeated on the next page.
    QStringList seen;
    QString token;
    int pages = 0;
    do {
        QByteArray path = "/tree?list-type=2&delimiter=/&max-keys=2";
        if (!token.isEmpty())
            path += "&continuation-token=" + QUrl::toPercentEncoding(token);
        xml = call("GET", path)->readAll();
        seen += xmlValues(xml, QStringLiteral("Key"));
        seen += xmlValues(xml, QStringLiteral("Prefix")).mid(1);
        token = xmlValue(xml, QStringLiteral("NextContinuationToken"));
        ++pages;
    } while (!token.isEmpty() && pages < 10);
    QCOMPARE(pages, 4);
    QCOMPARE(seen.size(), 8);
    QCOMPARE(seen.count(QStringLiteral("a/")), 1);
    QCOMPARE(seen.count(QStringLiteral("d/")), 1);

    reply = call("GET", "/tree?list-type=2&prefix=d/&delimiter=/");
    xml = reply->readAll();
    QCOMPARE(xmlValues(xml, QStringLiteral("Key")), (QStringList{QStringLiteral("d/"), QStringLiteral("d/e")}));

    // ListObjects (V1) with marker
    reply = call("GET", "/tree?marker=c&max-keys=2");
    xml = reply->readAll();
    QCOMPARE(m_server->requests().constLast().operation, QStringLiteral("ListObjects"));
    QCOMPARE(xmlValues(xml, QStringLiteral("Key")), (QStringList{QStringLiteral("d"), QStringLiteral("d/")}));
}

void tst_FakeS3Server::listingUrlEncoding()
{
    m_server->putObject(QStringLiteral("b"), QStringLiteral("dir/a b+c&d.txt"), "x");
    QNetworkReply *reply = call("GET", "/b?list-type=2&encoding-type=url&prefix=dir%2F");
    const QByteArray xml = reply->readAll();
    QCOMPARE(xmlValue(xml, QStringLiteral("EncodingType")), QStringLiteral("url"));
    QCOMPARE(xmlValue(xml, QStringLiteral("Key")), QStringLiteral("dir/a+b%2Bc%26d.txt"));
    reply = call("GET", "/b?list-type=2&prefix=dir%2Fa%20b");
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Key")), QStringLiteral("dir/a b+c&d.txt"));
}

void tst_FakeS3Server::multipartHappyPath()
{
    m_server->createBucket(QStringLiteral("mp"));
    m_server->setMinPartSize(1024);
    QNetworkReply *reply = call("POST", "/mp/big%20file.bin?uploads", {}, {{"Content-Type", "video/mp4"}, {"x-amz-meta-origin", "test"}});
    QCOMPARE(status(reply), 200);
    const QByteArray initXml = reply->readAll();
    const QString uploadId = xmlValue(initXml, QStringLiteral("UploadId"));
    QVERIFY(!uploadId.isEmpty());
    QCOMPARE(xmlValue(initXml, QStringLiteral("Key")), QStringLiteral("big file.bin"));
    const QByteArray idEncoded = QUrl::toPercentEncoding(uploadId);

    const QList<QByteArray> parts = {patternData(1024, 1), patternData(1500, 2), patternData(100, 3)};
    QList<QByteArray> etags(3);
    for (int i : {2, 0, 1}) { // out of order on purpose
        reply = call("PUT", "/mp/big%20file.bin?partNumber=" + QByteArray::number(i + 1) + "&uploadId=" + idEncoded, parts[i],
                     {{"Content-MD5", md5Base64(parts[i])}});
        QCOMPARE(status(reply), 200);
        etags[i] = reply->rawHeader("ETag");
        QCOMPARE(etags[i], '"' + md5Hex(parts[i]) + '"');
    }
    QCOMPARE(m_server->count(QStringLiteral("UploadPart")), 3);

    reply = call("GET", "/mp/big%20file.bin?uploadId=" + idEncoded);
    QCOMPARE(status(reply), 200);
    QByteArray xml = reply->readAll();
    QCOMPARE(xmlValues(xml, QStringLiteral("PartNumber")), (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));
    QCOMPARE(xmlValues(xml, QStringLiteral("Size")), (QStringList{QStringLiteral("1024"), QStringLiteral("1500"), QStringLiteral("100")}));

    reply = call("GET", "/mp?uploads");
    xml = reply->readAll();
    QCOMPARE(m_server->requests().constLast().operation, QStringLiteral("ListMultipartUploads"));
    QCOMPARE(xmlValues(xml, QStringLiteral("UploadId")), QStringList{uploadId});
    QCOMPARE(m_server->multipartUploads(QStringLiteral("mp")).size(), 1);

    QByteArray complete = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
    for (int i = 0; i < 3; ++i)
        complete += "<Part><PartNumber>" + QByteArray::number(i + 1) + "</PartNumber><ETag>" + etags[i] + "</ETag></Part>";
    complete += "</CompleteMultipartUpload>";
    reply = call("POST", "/mp/big%20file.bin?uploadId=" + idEncoded, complete);
    xml = reply->readAll();
    QVERIFY2(status(reply) == 200, QByteArray(xml + m_server->requests().constLast().body).constData());
    const QByteArray md5s = QByteArray::fromHex(md5Hex(parts[0]) + md5Hex(parts[1]) + md5Hex(parts[2]));
    const QByteArray expectedEtag = '"' + md5Hex(md5s) + "-3\"";
    QCOMPARE(xmlValue(xml, QStringLiteral("ETag")).toLatin1(), expectedEtag);

    const auto object = m_server->object(QStringLiteral("mp"), QStringLiteral("big file.bin"));
    QVERIFY(object.has_value());
    QCOMPARE(object->data, parts[0] + parts[1] + parts[2]);
    QCOMPARE(object->etag, expectedEtag);
    QCOMPARE(object->contentType, QStringLiteral("video/mp4"));
    QCOMPARE(object->metadata.value(QStringLiteral("origin")), QStringLiteral("test"));
    QCOMPARE(object->partsCount, 3);
    QVERIFY(m_server->multipartUploads(QStringLiteral("mp")).isEmpty());

    reply = call("HEAD", "/mp/big%20file.bin");
    QCOMPARE(reply->rawHeader("ETag"), expectedEtag);
}

void tst_FakeS3Server::multipartValidation()
{
    m_server->createBucket(QStringLiteral("mp"));
    const auto create = [this] {
        return xmlValue(call("POST", "/mp/k?uploads")->readAll(), QStringLiteral("UploadId")).toLatin1();
    };
    const auto completeXml = [](const QList<QPair<int, QByteArray>> &parts) -> QByteArray {
        QByteArray xml = "<CompleteMultipartUpload>";
        for (const auto &p : parts)
            xml += "<Part><ETag>" + p.second + "</ETag><PartNumber>" + QByteArray::number(p.first) + "</PartNumber></Part>";
        return xml + "</CompleteMultipartUpload>";
    };
    const QByteArray id = create();
    const QByteArray small = patternData(1000);
    const QByteArray tail = patternData(10);
    const QByteArray e1 = call("PUT", "/mp/k?partNumber=1&uploadId=" + id, small)->rawHeader("ETag");
    const QByteArray e2 = call("PUT", "/mp/k?partNumber=2&uploadId=" + id, tail)->rawHeader("ETag");

    QNetworkReply *reply = call("POST", "/mp/k?uploadId=" + id, completeXml({{1, e1}, {2, e2}}));
    QCOMPARE(status(reply), 400);
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("EntityTooSmall"));
    reply = call("POST", "/mp/k?uploadId=" + id, completeXml({{2, e2}, {1, e1}}));
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("InvalidPartOrder"));
    reply = call("POST", "/mp/k?uploadId=" + id, completeXml({{1, "\"00000000000000000000000000000000\""}}));
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("InvalidPart"));
    reply = call("POST", "/mp/k?uploadId=" + id, "<not xml");
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("MalformedXML"));
    reply = call("PUT", "/mp/k?partNumber=10001&uploadId=" + id, tail);
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("InvalidArgument"));

    m_server->setMinPartSize(1000);
    // Unquoted ETags are accepted, as S3 does.
    reply = call("POST", "/mp/k?uploadId=" + id, completeXml({{1, e1.mid(1, 32)}, {2, e2}}));
    QCOMPARE(status(reply), 200);
    reply = call("POST", "/mp/k?uploadId=" + id, completeXml({{1, e1}, {2, e2}}));
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("NoSuchUpload"));

    const QByteArray id2 = create();
    QCOMPARE(status(call("DELETE", "/mp/k?uploadId=" + id2)), 204);
    QCOMPARE(m_server->count(QStringLiteral("AbortMultipartUpload")), 1);
    reply = call("PUT", "/mp/k?partNumber=1&uploadId=" + id2, tail);
    QCOMPARE(status(reply), 404);
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("NoSuchUpload"));
    QCOMPARE(status(call("DELETE", "/mp/k?uploadId=" + id2)), 404);
    // An upload id is bound to its key.
    const QByteArray id3 = create();
    QCOMPARE(status(call("PUT", "/mp/other?partNumber=1&uploadId=" + id3, tail)), 404);
}

void tst_FakeS3Server::deleteObjects()
{
    for (const char *key : {"a", "b & c", "d"})
        m_server->putObject(QStringLiteral("b"), QString::fromUtf8(key), "x");
    const QByteArray body = "<Delete><Object><Key>a</Key></Object><Object><Key>b &amp; c</Key></Object>"
                            "<Object><Key>missing</Key></Object></Delete>";
    QNetworkReply *reply = call("POST", "/b?delete", body, {{"Content-MD5", md5Base64(body)}});
    QCOMPARE(status(reply), 200);
    QCOMPARE(m_server->requests().constLast().operation, QStringLiteral("DeleteObjects"));
    QCOMPARE(xmlValues(reply->readAll(), QStringLiteral("Key")),
             (QStringList{QStringLiteral("a"), QStringLiteral("b & c"), QStringLiteral("missing")}));
    QCOMPARE(m_server->keys(QStringLiteral("b")), QStringList{QStringLiteral("d")});

    const QByteArray quiet = "<Delete><Quiet>true</Quiet><Object><Key>d</Key></Object></Delete>";
    reply = call("POST", "/b?delete", quiet);
    QCOMPARE(status(reply), 200);
    QVERIFY(xmlValues(reply->readAll(), QStringLiteral("Deleted")).isEmpty());
    QVERIFY(m_server->keys(QStringLiteral("b")).isEmpty());

    reply = call("POST", "/b?delete", quiet, {{"Content-MD5", md5Base64("x")}});
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("BadDigest"));
    reply = call("POST", "/b?delete", "<Delete></Delete>");
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("MalformedXML"));
}

void tst_FakeS3Server::copyObject()
{
    m_server->putObject(QStringLiteral("src"), QStringLiteral("dir/a b"), "content", QStringLiteral("text/plain"),
                        {{QStringLiteral("k"), QStringLiteral("v")}});
    m_server->createBucket(QStringLiteral("dst"));
    QNetworkReply *reply = call("PUT", "/dst/copy", {}, {{"x-amz-copy-source", "/src/dir/a%20b"}});
    QCOMPARE(status(reply), 200);
    QCOMPARE(m_server->requests().constLast().operation, QStringLiteral("CopyObject"));
    const QByteArray xml = reply->readAll();
    QCOMPARE(xmlValue(xml, QStringLiteral("ETag")).toLatin1(), '"' + md5Hex("content") + '"');
    auto copy = m_server->object(QStringLiteral("dst"), QStringLiteral("copy"));
    QVERIFY(copy.has_value());
    QCOMPARE(copy->data, QByteArrayLiteral("content"));
    QCOMPARE(copy->contentType, QStringLiteral("text/plain"));
    QCOMPARE(copy->metadata.value(QStringLiteral("k")), QStringLiteral("v"));

    reply = call("PUT", "/dst/copy2", {},
                 {{"x-amz-copy-source", "src/dir/a%20b"}, {"x-amz-metadata-directive", "REPLACE"}, {"Content-Type", "x/y"},
                  {"x-amz-meta-new", "1"}});
    QCOMPARE(status(reply), 200);
    copy = m_server->object(QStringLiteral("dst"), QStringLiteral("copy2"));
    QCOMPARE(copy->contentType, QStringLiteral("x/y"));
    QCOMPARE(copy->metadata, (QMap<QString, QString>{{QStringLiteral("new"), QStringLiteral("1")}}));

    reply = call("PUT", "/dst/copy", {}, {{"x-amz-copy-source", "/dst/copy"}});
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("InvalidRequest"));
    reply = call("PUT", "/dst/x", {}, {{"x-amz-copy-source", "/src/nope"}});
    QCOMPARE(status(reply), 404);
    QCOMPARE(xmlValue(reply->readAll(), QStringLiteral("Code")), QStringLiteral("NoSuchKey"));
}

void tst_FakeS3Server::keyIsNotNormalised()
{
    // Raw socket: the wire path must reach the server untouched.
    const QByteArray response = rawExchange({"PUT /b//x/../y%2Bz+w HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\n"
                                             "Connection: close\r\n\r\nabc"});
    QVERIFY2(response.startsWith("HTTP/1.1 404"), response.constData()); // no bucket yet
    m_server->createBucket(QStringLiteral("b"));
    const QByteArray ok = rawExchange({"PUT /b//x/../y%2Bz+w HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\n"
                                       "Connection: close\r\n\r\nabc"});
    QVERIFY2(ok.startsWith("HTTP/1.1 200"), ok.constData());
    QCOMPARE(m_server->keys(QStringLiteral("b")), QStringList{QStringLiteral("/x/../y+z+w")});
    QCOMPARE(m_server->requests().constLast().key, QStringLiteral("/x/../y+z+w"));

    // What QNAM (Qt 6.4) puts on the wire for a strictly encoded URL: "//" and %2F survive, but dot segments are
    // removed, even when sent as %2E%2E (QUrl decodes unreserved characters). Keys with "." or ".." segments
    // therefore cannot be addressed through QNAM path-style URLs; s3core has to reject or otherwise handle them.
    const QList<QPair<QByteArray, QByteArray>> wire = {
        {"/b//x", "/b//x"},
        {"/b/a%2Fb%20c", "/b/a%2Fb%20c"},
        {"/b/x/../y", "/b/y"},
        {"/b/x/%2E%2E/y", "/b/y"},
        {"/b/./y", "/b/y"},
    };
    for (const auto &[sent, received] : wire) {
        call("GET", sent);
        QCOMPARE(m_server->requests().constLast().rawPath, received);
    }
}

void tst_FakeS3Server::chunkedBodyInPieces()
{
    m_server->createBucket(QStringLiteral("b"));
    const QByteArray response = rawExchange({
        "PUT /b/chunked HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nExp",
        "ect: 100-continue\r\nConnection: close\r\n\r",
        "\n5\r\nhel",
        "lo\r\n7;ext=1\r\n, world\r\n0\r\n",
        "\r\n",
    });
    QVERIFY2(response.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200"), response.constData());
    QVERIFY(response.contains(QByteArray("ETag: \"" + md5Hex("hello, world") + '"')));
    QCOMPARE(m_server->object(QStringLiteral("b"), QStringLiteral("chunked"))->data, QByteArrayLiteral("hello, world"));

    // Two requests on one keep-alive connection, the second arriving in the same segment as the first's tail.
    m_server->putObject(QStringLiteral("b"), QStringLiteral("k"), "0123456789");
    const QByteArray two = rawExchange({"GET /b/k HTTP/1.1\r\nHost: h\r\n\r\nHEAD /b/k HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"});
    QCOMPARE(two.count("HTTP/1.1 200 OK"), 2);
    QVERIFY(two.contains("\r\n\r\n0123456789HTTP/1.1 200 OK"));
    QVERIFY(two.endsWith("\r\n\r\n")); // HEAD sends no body

    const QByteArray bad = rawExchange({"garbage\r\n\r\n"});
    QVERIFY2(bad.startsWith("HTTP/1.1 400"), bad.constData());
}

void tst_FakeS3Server::keepAliveReusesConnection()
{
    m_server->putObject(QStringLiteral("b"), QStringLiteral("k"), "v");
    for (int i = 0; i < 5; ++i)
        QCOMPARE(status(call("GET", "/b/k")), 200);
    QCOMPARE(m_server->connectionsAccepted(), 1);
    QCOMPARE(m_server->openConnections(), 1);
    QCOMPARE(m_server->requests().constLast().connectionId, 1);

    m_server->dropConnections();
    QCOMPARE(m_server->openConnections(), 0);
    QCOMPARE(status(call("GET", "/b/k")), 200);
    QCOMPARE(m_server->connectionsAccepted(), 2);

    m_nam.reset();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), 0, 2000);
}

void tst_FakeS3Server::largeBodies()
{
    m_server->createBucket(QStringLiteral("b"));
    const QByteArray data = patternData(32 * 1024 * 1024, 5);
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = call("PUT", "/b/large", data, {{"Content-MD5", md5Base64(data)}});
    QCOMPARE(status(reply), 200);
    const qint64 putMs = timer.restart();
    QCOMPARE(m_server->object(QStringLiteral("b"), QStringLiteral("large"))->data.size(), data.size());

    reply = send("GET", "/b/large");
    reply->setParent(m_nam.get());
    reply->setReadBufferSize(1024 * 1024);
    QByteArray received;
    received.reserve(data.size());
    connect(reply, &QNetworkReply::readyRead, this, [&] { received += reply->readAll(); });
    QVERIFY(waitFor(reply, 5000));
    received += reply->readAll();
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(received.size(), data.size());
    QVERIFY(received == data);
    qInfo("32 MiB over loopback: PUT %lld ms, GET %lld ms", putMs, timer.elapsed());
}

void tst_FakeS3Server::connectionBudgetIsVisible()
{
    m_server->putObject(QStringLiteral("b"), QStringLiteral("k"), "v");
    FakeS3Fault slow;
    slow.operation = QStringLiteral("GetObject");
    slow.delayMs = 150;
    slow.times = -1;
    m_server->addFault(slow);
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 10; ++i) {
        replies.append(send("GET", "/b/k"));
        replies.constLast()->setParent(m_nam.get());
    }
    for (QNetworkReply *reply : std::as_const(replies)) {
        QVERIFY(waitFor(reply));
        QCOMPARE(status(reply), 200);
    }
    // QNAM opens at most 6 connections per host.
    QCOMPARE(m_server->maxConcurrentConnections(), 6);
    QCOMPARE(m_server->maxConcurrentRequests(), 6);
    QCOMPARE(m_server->activeRequests(), 0);
    QCOMPARE(m_server->count(QStringLiteral("GetObject")), 10);
}

void tst_FakeS3Server::faultSlowDownOnce()
{
    m_server->putObject(QStringLiteral("b"), QStringLiteral("k"), "data");
    FakeS3Fault fault;
    fault.operation = QStringLiteral("GetObject");
    fault.status = 503;
    fault.code = QStringLiteral("SlowDown");
    fault.message = QStringLiteral("Please reduce your request rate.");
    m_server->addFault(fault);
    QCOMPARE(m_server->pendingFaults(), 1);

    QNetworkReply *reply = call("GET", "/b/k");
    QCOMPARE(status(reply), 503);
    QCOMPARE(reply->error(), QNetworkReply::ServiceUnavailableError);
    const QByteArray body = reply->readAll();
    QCOMPARE(xmlValue(body, QStringLiteral("Code")), QStringLiteral("SlowDown"));
    QCOMPARE(xmlValue(body, QStringLiteral("Message")), QStringLiteral("Please reduce your request rate."));
    QVERIFY(!reply->rawHeader("x-amz-request-id").isEmpty());
    QCOMPARE(m_server->pendingFaults(), 0);

    reply = call("GET", "/b/k");
    QCOMPARE(status(reply), 200);
    QCOMPARE(reply->readAll(), QByteArrayLiteral("data"));
    QCOMPARE(m_server->count(QStringLiteral("GetObject")), 2);

    // Matching by key and method; a fault for another key does not fire.
    fault.keyContains = QStringLiteral("other");
    fault.method = "GET";
    fault.times = 2;
    m_server->addFault(fault);
    QCOMPARE(status(call("GET", "/b/k")), 200);
    m_server->putObject(QStringLiteral("b"), QStringLiteral("the-other"), "x");
    QCOMPARE(status(call("GET", "/b/the-other")), 503);
    QCOMPARE(status(call("HEAD", "/b/the-other")), 200);
    QCOMPARE(status(call("GET", "/b/the-other")), 503);
    QCOMPARE(status(call("GET", "/b/the-other")), 200);
}

void tst_FakeS3Server::faultHangFiresTransferTimeout()
{
    m_server->putObject(QStringLiteral("b"), QStringLiteral("k"), "data");
    FakeS3Fault fault;
    fault.operation = QStringLiteral("GetObject");
    fault.hang = true;
    m_server->addFault(fault);

    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = send("GET", "/b/k", {}, {}, 300);
    reply->setParent(m_nam.get());
    QVERIFY(waitFor(reply, 3000));
    QVERIFY(timer.elapsed() >= 250);
    QVERIFY(timer.elapsed() < 2500);
    QVERIFY(reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError);
    QCOMPARE(m_server->count(QStringLiteral("GetObject")), 1);
    // The client gave up on the connection; the server sees it go.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->activeRequests(), 0, 2000);

    QCOMPARE(status(call("GET", "/b/k")), 200);
}

void tst_FakeS3Server::faultResetMidBody()
{
    const QByteArray data = patternData(1024 * 1024);
    m_server->putObject(QStringLiteral("b"), QStringLiteral("k"), data);
    FakeS3Fault fault;
    fault.operation = QStringLiteral("GetObject");
    fault.resetAfterBytes = 1000;
    fault.times = 3; // QNAM may resend an idempotent GET once or twice if the close races with the response
    m_server->addFault(fault);

    QNetworkReply *reply = send("GET", "/b/k");
    reply->setParent(m_nam.get());
    QVERIFY(waitFor(reply));
    const QByteArray received = reply->readAll();
    QCOMPARE(status(reply), 200);
    QCOMPARE(received, data.left(1000));
    QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), data.size());
    // Usually RemoteHostClosedError. But Qt 6.4 sometimes resends the GET and then finishes the truncated reply
    // with NoError (seen about 1 run in 10): callers must compare the bytes received with Content-Length.
    if (reply->error() == QNetworkReply::NoError)
        qInfo("QNAM reported a truncated body (%lld of %lld bytes) as success", qint64(received.size()), qint64(data.size()));
    else
        QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);

    m_server->clearFaults();
    reply = call("GET", "/b/k");
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), data);
}

void tst_FakeS3Server::faultCloseWithoutResponse()
{
    m_server->createBucket(QStringLiteral("b"));
    FakeS3Fault fault;
    fault.operation = QStringLiteral("PutObject");
    fault.closeWithoutResponse = true;
    fault.times = -1;
    m_server->addFault(fault);
    QNetworkReply *reply = call("PUT", "/b/k", "body");
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
    QVERIFY(m_server->count(QStringLiteral("PutObject")) >= 1); // QNAM may resend once on a fresh connection
    QVERIFY(!m_server->object(QStringLiteral("b"), QStringLiteral("k")).has_value());

    m_server->clearFaults();
    fault.executeOperation = true; // the write happens, the answer is lost
    fault.times = 1;
    m_server->addFault(fault);
    FakeS3Fault second = fault;
    m_server->addFault(second);
    reply = call("PUT", "/b/k2", "body");
    QVERIFY(reply->error() != QNetworkReply::NoError);
    QVERIFY(m_server->object(QStringLiteral("b"), QStringLiteral("k2")).has_value());
}

void tst_FakeS3Server::faultErrorIn200()
{
    m_server->createBucket(QStringLiteral("mp"));
    m_server->setMinPartSize(1);
    const QByteArray id = xmlValue(call("POST", "/mp/k?uploads")->readAll(), QStringLiteral("UploadId")).toLatin1();
    const QByteArray etag = call("PUT", "/mp/k?partNumber=1&uploadId=" + id, "abc")->rawHeader("ETag");
    FakeS3Fault fault;
    fault.operation = QStringLiteral("CompleteMultipartUpload");
    fault.errorIn200 = true;
    m_server->addFault(fault);

    const QByteArray complete = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + etag
                                + "</ETag></Part></CompleteMultipartUpload>";
    QNetworkReply *reply = call("POST", "/mp/k?uploadId=" + id, complete);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(status(reply), 200);
    const QByteArray body = reply->readAll();
    QVERIFY(body.contains("<Error>"));
    QCOMPARE(xmlValue(body, QStringLiteral("Code")), QStringLiteral("InternalError"));
    QCOMPARE(m_server->multipartUploads(QStringLiteral("mp")).size(), 1);
    QVERIFY(!m_server->object(QStringLiteral("mp"), QStringLiteral("k")).has_value());

    reply = call("POST", "/mp/k?uploadId=" + id, complete);
    QCOMPARE(status(reply), 200);
    QVERIFY(m_server->object(QStringLiteral("mp"), QStringLiteral("k")).has_value());
}

void tst_FakeS3Server::faultModifiersAndOverride()
{
    m_server->createBucket(QStringLiteral("b"));
    FakeS3Fault noEtag;
    noEtag.operation = QStringLiteral("PutObject");
    noEtag.dropEtag = true;
    noEtag.extraHeaders = {{"x-test", "1"}};
    m_server->addFault(noEtag);
    QNetworkReply *reply = call("PUT", "/b/k", "v");
    QCOMPARE(status(reply), 200);
    QVERIFY(!reply->hasRawHeader("ETag"));
    QCOMPARE(reply->rawHeader("x-test"), QByteArrayLiteral("1"));
    QVERIFY(m_server->object(QStringLiteral("b"), QStringLiteral("k")).has_value());

    FakeS3Fault garbage;
    garbage.operation = QStringLiteral("ListObjectsV2");
    garbage.rawBody = "<ListBucketResult><Contents><Key>unterminated";
    m_server->addFault(garbage);
    reply = call("GET", "/b?list-type=2");
    QCOMPARE(status(reply), 200);
    QCOMPARE(reply->readAll(), garbage.rawBody);

    FakeS3Fault delay;
    delay.operation = QStringLiteral("*");
    delay.delayMs = 300;
    m_server->addFault(delay);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(status(call("GET", "/b/k")), 200);
    QVERIFY(timer.elapsed() >= 280);

    m_server->setOverride([](const FakeS3Request &request, FakeS3Response &response) {
        if (!request.key.contains(QLatin1String("teapot")))
            return false;
        response.status = 418;
        response.setHeader("Content-Type", "text/plain");
        response.body = "short and stout";
        return true;
    });
    reply = call("GET", "/b/teapot");
    QCOMPARE(status(reply), 418);
    QCOMPARE(reply->readAll(), QByteArrayLiteral("short and stout"));
    QVERIFY(!reply->rawHeader("x-amz-request-id").isEmpty());
    QCOMPARE(status(call("GET", "/b/k")), 200);

    m_server->clearLog();
    QCOMPARE(m_server->count(QStringLiteral("*")), 0);
}

QTEST_GUILESS_MAIN(tst_FakeS3Server)
#include "tst_fakes3server.moc"
