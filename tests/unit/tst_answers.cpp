// SPDX-License-Identifier: Apache-2.0
// Untrusted server answers and request headers: the pure checks (Content-Length, Content-Range, header values,
// the ETag rule, the sync decision, URL redaction) with data-driven tables, and the jobs against hostile answers
// of the in-process FakeS3Server (sizes, paging loops, oversized and DTD bodies, CR/LF in headers).
#include <QFile>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include "fakes3server.h"
#include "livetest.h"
#include "reliabilitycase.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/endpoint.h"
#include "s3core/etag.h"
#include "s3core/net/httpvalues.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/moveprefixjob.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/syncplan.h"
#include "s3core/transfer/transferqueue.h"
#include "s3core/xml/s3xml.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString Bucket = u"bucket"_s;

QByteArray listingPage(const QByteArray &entries, bool truncated, const QByteArray &nextToken)
{
    QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                     "<Name>bucket</Name><Prefix></Prefix><MaxKeys>1000</MaxKeys>";
    xml += "<IsTruncated>" + QByteArray(truncated ? "true" : "false") + "</IsTruncated>";
    if (!nextToken.isEmpty())
        xml += "<NextContinuationToken>" + nextToken + "</NextContinuationToken>";
    xml += entries;
    xml += "</ListBucketResult>";
    return xml;
}

QByteArray contents(const QByteArray &key, const QByteArray &size)
{
    return "<Contents><Key>" + key + "</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>&quot;"
        + QByteArray(32, 'a') + "&quot;</ETag><Size>" + size + "</Size><StorageClass>STANDARD</StorageClass></Contents>";
}

// Peak resident memory of this process (kB), from /proc/self/status.
qint64 statusKiB(const QByteArray &field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Writing 5 to clear_refs resets the peak (VmHWM) to the current RSS (Linux 4.0+).
bool resetPeakRss()
{
    QFile clear(u"/proc/self/clear_refs"_s);
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

} // namespace

class tst_Answers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    // pure
    void contentLength_data();
    void contentLength();
    void contentRange_data();
    void contentRange();
    void headerValues_data();
    void headerValues();
    void etagRule_data();
    void etagRule();
    void syncDecision_data();
    void syncDecision();
    void redactUrl_data();
    void redactUrl();
    void endpointRefusesUserInfo_data();
    void endpointRefusesUserInfo();

    // jobs against hostile answers
    void headSizeRefused_data();
    void headSizeRefused();
    void listingSizeRefused_data();
    void listingSizeRefused();
    void listingTokenLoop();
    void listingTruncatedWithoutToken();
    void prefixJobsTokenLoop_data();
    void prefixJobsTokenLoop();
    void listPartsMarkerLoop();
    void listUploadsMarkerLoop();
    void oversizedListingRefusedWhileArriving();
    void oversizedDeleteResultRefused();
    void dtdRefused();
    void listingMemory();
    void headerInjectionNotSent_data();
    void headerInjectionNotSent();
    void restoredUploadWithLineBreakFails();

private:
    std::unique_ptr<FakeS3Server> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<S3Client> m_client;
};

void tst_Answers::init()
{
    m_server = std::make_unique<FakeS3Server>();
    QVERIFY(m_server->start());
    m_server->createBucket(Bucket);
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_client = fakeServerClient(m_nam.get(), m_server->endpointUrl(), 5000);
}

void tst_Answers::cleanup()
{
    m_client.reset();
    m_nam.reset();
    m_server.reset();
}

void tst_Answers::contentLength_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expected"); // -1: refused
    QTest::addColumn<QString>("cause");
    QTest::newRow("zero") << "0"_ba << qint64(0) << QString();
    QTest::newRow("plain") << "12345"_ba << qint64(12345) << QString();
    QTest::newRow("spaces around") << " 7 "_ba << qint64(7) << QString();
    QTest::newRow("5 TiB exactly") << "5497558138880"_ba << qint64(5497558138880) << QString();
    QTest::newRow("duplicated, merged by Qt") << "5, 5"_ba << qint64(-1) << u"more than once"_s;
    QTest::newRow("empty") << ""_ba << qint64(-1) << u"empty"_s;
    QTest::newRow("garbage") << "abc"_ba << qint64(-1) << u"only digits"_s;
    QTest::newRow("negative") << "-1"_ba << qint64(-1) << u"only digits"_s;
    QTest::newRow("plus sign") << "+5"_ba << qint64(-1) << u"only digits"_s;
    QTest::newRow("hex") << "0x10"_ba << qint64(-1) << u"only digits"_s;
    QTest::newRow("inner space") << "1 0"_ba << qint64(-1) << u"only digits"_s;
    QTest::newRow("above 5 TiB") << "5497558138881"_ba << qint64(-1) << u"largest S3 object"_s;
    QTest::newRow("int64 overflow") << "99999999999999999999999"_ba << qint64(-1) << u"largest S3 object"_s;
}

void tst_Answers::contentLength()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, expected);
    QFETCH(QString, cause);
    const Result<qint64> parsed = parseContentLength(value);
    if (expected >= 0) {
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message()));
        QCOMPARE(*parsed, expected);
    } else {
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().message().contains(u"Content-Length"_s), qPrintable(parsed.error().message()));
        QVERIFY2(parsed.error().message().contains(cause), qPrintable(parsed.error().message()));
    }
}

void tst_Answers::contentRange_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expected"); // -2: refused
    QTest::newRow("range") << "bytes 0-0/100"_ba << qint64(100);
    QTest::newRow("last byte") << "bytes 99-99/100"_ba << qint64(100);
    QTest::newRow("unknown total") << "bytes 0-9/*"_ba << qint64(-1);
    QTest::newRow("end past total") << "bytes 0-100/100"_ba << qint64(-2);
    QTest::newRow("end before start") << "bytes 5-1/100"_ba << qint64(-2);
    QTest::newRow("garbage total") << "bytes 0-0/abc"_ba << qint64(-2);
    QTest::newRow("duplicated") << "bytes 0-0/5, bytes 0-0/5"_ba << qint64(-2);
    QTest::newRow("huge total") << "bytes 0-0/99999999999999999999"_ba << qint64(-2);
    QTest::newRow("no unit") << "0-0/100"_ba << qint64(-2);
}

void tst_Answers::contentRange()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, expected);
    const Result<qint64> parsed = parseContentRangeTotal(value);
    if (expected >= -1) {
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message()));
        QCOMPARE(*parsed, expected);
    } else {
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().message().contains(u"Content-Range"_s), qPrintable(parsed.error().message()));
    }
}

void tst_Answers::headerValues_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("metadata") << "x-amz-meta-a"_ba << "b c"_ba << true;
    QTest::newRow("tab") << "cache-control"_ba << "max-age=1,\tpublic"_ba << true;
    QTest::newRow("utf-8") << "x-amz-meta-name"_ba << "caf\xc3\xa9"_ba << true;
    QTest::newRow("CR LF") << "x-amz-meta-a"_ba << "b\r\nX: y"_ba << false;
    QTest::newRow("LF") << "content-type"_ba << "text/plain\nX: y"_ba << false;
    QTest::newRow("CR") << "content-disposition"_ba << "a\rb"_ba << false;
    QTest::newRow("NUL") << "content-encoding"_ba << QByteArray("a\0b", 3) << false;
    QTest::newRow("ESC") << "x-amz-storage-class"_ba << "\x1b[31m"_ba << false;
    QTest::newRow("DEL") << "cache-control"_ba << "a\x7f"_ba << false;
    QTest::newRow("name with space") << "x-amz-meta-a b"_ba << "v"_ba << false;
    QTest::newRow("name with colon") << "x-amz-meta-a:b"_ba << "v"_ba << false;
    QTest::newRow("name with CRLF") << "x-amz-meta-a\r\nx"_ba << "v"_ba << false;
    QTest::newRow("empty name") << ""_ba << "v"_ba << false;
}

void tst_Answers::headerValues()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(bool, accepted);
    const Result<Ok> valid = validateHeader(name, value);
    QCOMPARE(valid.ok(), accepted);
    // S3Request::validate() applies the same check to every header, whatever path sends it.
    S3Request request;
    request.method = "PUT";
    request.bucket = Bucket;
    request.key = u"k"_s;
    request.headers.append({name, value});
    const Result<Ok> requestValid = request.validate();
    QCOMPARE(requestValid.ok(), accepted);
    if (!accepted && !name.isEmpty() && isHttpToken(name))
        QVERIFY2(requestValid.error().message().contains(QString::fromLatin1(name)), qPrintable(requestValid.error().message()));
}

void tst_Answers::etagRule_data()
{
    QTest::addColumn<QString>("etag");
    QTest::addColumn<QString>("sse");
    QTest::addColumn<QString>("customerAlgorithm");
    QTest::addColumn<bool>("isMd5");
    const QString md5 = u"\"9e107d9d372bb6826bd81d3542a419d6\""_s;
    QTest::newRow("plain") << md5 << QString() << QString() << true;
    QTest::newRow("unquoted") << u"9e107d9d372bb6826bd81d3542a419d6"_s << QString() << QString() << true;
    QTest::newRow("upper case hex") << u"\"9E107D9D372BB6826BD81D3542A419D6\""_s << QString() << QString() << true;
    QTest::newRow("SSE-S3") << md5 << u"AES256"_s << QString() << true;
    QTest::newRow("SSE-KMS") << md5 << u"aws:kms"_s << QString() << false;
    QTest::newRow("DSSE-KMS") << md5 << u"aws:kms:dsse"_s << QString() << false;
    QTest::newRow("unknown kind") << md5 << u"something-new"_s << QString() << false;
    QTest::newRow("SSE-C") << md5 << QString() << u"AES256"_s << false;
    QTest::newRow("multipart") << u"\"9e107d9d372bb6826bd81d3542a419d6-3\""_s << QString() << QString() << false;
    QTest::newRow("31 digits") << u"\"9e107d9d372bb6826bd81d3542a419d\""_s << QString() << QString() << false;
    QTest::newRow("not hex") << u"\"9e107d9d372bb6826bd81d3542a419zz\""_s << QString() << QString() << false;
    QTest::newRow("empty") << QString() << QString() << QString() << false;
}

void tst_Answers::etagRule()
{
    QFETCH(QString, etag);
    QFETCH(QString, sse);
    QFETCH(QString, customerAlgorithm);
    QFETCH(bool, isMd5);
    QCOMPARE(etagIsMd5(etag, sse, customerAlgorithm), isMd5);
}

void tst_Answers::syncDecision_data()
{
    QTest::addColumn<bool>("upload");
    QTest::addColumn<qint64>("localSize");
    QTest::addColumn<int>("localAgeSeconds"); // local mtime relative to the remote one (+ = newer)
    QTest::addColumn<QString>("etag");
    QTest::addColumn<QString>("localMd5");
    QTest::addColumn<bool>("transfer");
    const QString md5 = u"9e107d9d372bb6826bd81d3542a419d6"_s;
    const QString other = u"00000000000000000000000000000000"_s;
    const QString quoted = u"\""_s + md5 + u"\""_s;
    QTest::newRow("down: size differs") << false << qint64(9) << 100 << quoted << md5 << true;
    QTest::newRow("down: same MD5") << false << qint64(10) << -100 << quoted << md5 << false;
    QTest::newRow("down: SSE-KMS etag, local newer") << false << qint64(10) << 100 << u"\""_s + other + u"\""_s << md5 << false;
    QTest::newRow("down: SSE-KMS etag, remote newer") << false << qint64(10) << -100 << u"\""_s + other + u"\""_s << md5 << true;
    QTest::newRow("down: multipart, local newer") << false << qint64(10) << 100 << u"\"abc-2\""_s << md5 << false;
    QTest::newRow("up: size differs") << true << qint64(9) << -100 << quoted << md5 << true;
    QTest::newRow("up: same MD5, local newer") << true << qint64(10) << 100 << quoted << md5 << false;
    QTest::newRow("up: SSE-KMS etag, remote newer") << true << qint64(10) << -100 << u"\""_s + other + u"\""_s << md5 << false;
    QTest::newRow("up: SSE-KMS etag, local newer") << true << qint64(10) << 100 << u"\""_s + other + u"\""_s << md5 << true;
    QTest::newRow("up: unreadable local file, older") << true << qint64(10) << -100 << quoted << QString() << false;
}

void tst_Answers::syncDecision()
{
    QFETCH(bool, upload);
    QFETCH(qint64, localSize);
    QFETCH(int, localAgeSeconds);
    QFETCH(QString, etag);
    QFETCH(QString, localMd5);
    QFETCH(bool, transfer);
    const QDateTime remoteTime = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    const SyncEntry local{u"k"_s, localSize, remoteTime.addSecs(localAgeSeconds), QString(), u"/tmp/k"_s};
    const SyncEntry remote{u"k"_s, 10, remoteTime, etag, QString()};
    int hashed = 0;
    SyncOptions options;
    options.direction = upload ? SyncDirection::LocalToS3 : SyncDirection::S3ToLocal;
    options.localMd5 = [&](const QString &) {
        ++hashed;
        return localMd5;
    };
    const SyncStep step = upload ? decideSyncStep(&local, &remote, options) : decideSyncStep(&remote, &local, options);
    QCOMPARE(step.action != SyncAction::Skip, transfer);
    // The local file is read only when an MD5 could settle it.
    QVERIFY(hashed <= (localSize == 10 && hasMd5Form(etag) ? 1 : 0));
}

void tst_Answers::redactUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("redacted");
    QTest::newRow("no user info") << u"http://127.0.0.1:8000"_s << u"http://127.0.0.1:8000"_s;
    QTest::newRow("key and secret") << u"http://AKID:s3cr3t@host:9000/bucket"_s << u"http://***@host:9000/bucket"_s;
    QTest::newRow("secret with slash") << u"https://AKID:ab/cd+ef@host"_s << u"https://***@host"_s;
    QTest::newRow("secret with @") << u"http://AKID:a@b@host"_s << u"http://***@host"_s;
    QTest::newRow("secret with ? and #") << u"http://AKID:a?b#c@host"_s << u"http://***@host"_s;
    QTest::newRow("no scheme") << u"AKID:secret@host"_s << u"***@host"_s;
    QTest::newRow("user only") << u"http://user@host"_s << u"http://***@host"_s;
}

void tst_Answers::redactUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, redacted);
    QCOMPARE(redactUrlUserInfo(url), redacted);
    QCOMPARE(urlHasUserInfo(url), url != redacted);
    if (url != redacted)
        recordReliabilityCase({u"Secrets, files and terminal"_s, u"endpoint URL with user info: %1"_s.arg(QString::fromUtf8(QTest::currentDataTag())),
                               u"the secret is replaced by *** wherever the URL is shown"_s,
                               u"redacted to \"%1\""_s.arg(redacted), true, u"fake"_s});
}

void tst_Answers::endpointRefusesUserInfo_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("key and secret") << u"http://AKIDEXAMPLE:TOPSECRETVALUE@127.0.0.1:8000"_s;
    QTest::newRow("secret with slash") << u"http://AKIDEXAMPLE:TOPSECRET/VALUE@127.0.0.1:8000"_s;
    QTest::newRow("secret with slash and bucket") << u"https://AKIDEXAMPLE:TOP/SECRETVALUE@host/bucket"_s;
}

void tst_Answers::endpointRefusesUserInfo()
{
    QFETCH(QString, url);
    const Result<Endpoint> endpoint = Endpoint::parse(url);
    QVERIFY(!endpoint.ok());
    const QString message = endpoint.error().toString();
    QVERIFY2(message.contains(u"credential"_s), qPrintable(message));
    QVERIFY2(!message.contains(u"SECRET"_s) && !message.contains(u"AKIDEXAMPLE"_s), qPrintable(message));
}

void tst_Answers::headSizeRefused_data()
{
    QTest::addColumn<QList<QByteArray>>("lengths"); // Content-Length header lines of the HEAD answer
    QTest::addColumn<QString>("cause");
    QTest::newRow("duplicated") << QList<QByteArray>{"5", "5"} << u"more than once"_s;
    QTest::newRow("conflicting") << QList<QByteArray>{"5", "7"} << u"more than once"_s;
    QTest::newRow("garbage") << QList<QByteArray>{"five"} << u"only digits"_s;
    QTest::newRow("6 TiB") << QList<QByteArray>{"6597069766656"} << u"largest S3 object"_s;
    QTest::newRow("int64 max") << QList<QByteArray>{"9223372036854775807"} << u"largest S3 object"_s;
}

void tst_Answers::headSizeRefused()
{
    QFETCH(QList<QByteArray>, lengths);
    QFETCH(QString, cause);
    m_server->setOverride([&](const FakeS3Request &request, FakeS3Response &response) {
        if (request.operation != u"HeadObject"_s)
            return false;
        response.status = 200;
        for (const QByteArray &length : lengths)
            response.headers.append({"Content-Length", length});
        // Not an MD5: today's download would not even have a hash to catch the empty file.
        response.setHeader("ETag", "\"0123456789abcdef0123456789abcdef-2\"");
        return true;
    });
    HeadObjectJob job(m_client.get(), Bucket, u"object"_s);
    job.setAutoDelete(false);
    QVERIFY(runJob(job, 5000));
    QVERIFY2(job.hasError(), qPrintable(u"size %1 accepted"_s.arg(job.metadata().size)));
    const QString message = job.error().toString();
    QVERIFY2(message.contains(u"Content-Length"_s) && message.contains(cause), qPrintable(message));
    recordReliabilityCase({u"Server answers"_s,
                           u"HEAD answers Content-Length %1"_s.arg(QString::fromLatin1(lengths.join("\" and \""))),
                           u"an error naming the cause, never size 0 or a huge allocation"_s,
                           u"HeadObject failed: \"%1\""_s.arg(message), true, u"fake"_s});
}

void tst_Answers::listingSizeRefused_data()
{
    QTest::addColumn<QByteArray>("size");
    QTest::newRow("6 TiB") << "6597069766656"_ba;
    QTest::newRow("negative") << "-5"_ba;
    QTest::newRow("garbage") << "12abc"_ba;
    QTest::newRow("missing") << ""_ba;
}

void tst_Answers::listingSizeRefused()
{
    QFETCH(QByteArray, size);
    const Result<ListObjectsPage> page = xml::parseListObjectsV2(listingPage(contents("a", "1") + contents("b", size), false, {}), false);
    QVERIFY(!page.ok());
    QVERIFY2(page.error().message().contains(u"\"b\""_s), qPrintable(page.error().message()));
    const QByteArray parts = "<ListPartsResult><Bucket>b</Bucket><Key>k</Key><UploadId>u</UploadId><IsTruncated>false</IsTruncated>"
                             "<Part><PartNumber>1</PartNumber><ETag>\"x\"</ETag><Size>" + size + "</Size></Part></ListPartsResult>";
    const Result<ListPartsResult> listed = xml::parseListParts(parts);
    QVERIFY(!listed.ok());
    QVERIFY2(listed.error().message().contains(u"part 1"_s), qPrintable(listed.error().message()));
    recordReliabilityCase({u"Server answers"_s, u"a listing or part list gives the size \"%1\""_s.arg(QString::fromLatin1(size)),
                           u"the page is refused with a message naming the entry"_s,
                           u"ListObjectsV2: \"%1\"; ListParts: \"%2\""_s.arg(page.error().message(), listed.error().message()),
                           true, u"fake"_s});
}

void tst_Answers::listingTokenLoop()
{
    // Page 1 -> token A; page A -> token B; page B -> token A again: a server bug that pages forever.
    m_server->setOverride([](const FakeS3Request &request, FakeS3Response &response) {
        if (request.operation != u"ListObjectsV2"_s)
            return false;
        const QString token = request.queryItem(u"continuation-token"_s);
        const QByteArray key = token.isEmpty() ? "k1" : token == u"A"_s ? "k2" : "k3";
        response.status = 200;
        response.setHeader("Content-Type", "application/xml");
        response.body = listingPage(contents(key, "1"), true, token == u"A"_s ? "B" : "A");
        return true;
    });
    ListObjectsJob job(m_client.get(), {Bucket, {}, {}, {}, 1000, {}});
    job.setAutoDelete(false);
    job.setCollect(true);
    QVERIFY(runJob(job, 10000));
    QVERIFY(job.hasError());
    QVERIFY2(job.error().message().contains(u"a second time"_s), qPrintable(job.error().message()));
    QCOMPARE(m_server->count(u"ListObjectsV2"_s), 3);
    QCOMPARE(job.objects().size(), 3); // each key once, nothing handed out again
    recordReliabilityCase({u"Server answers"_s, u"ListObjectsV2 pages with continuation tokens A, B, A, ..."_s,
                           u"the listing ends with an error instead of paging forever"_s,
                           u"3 requests, 3 distinct keys, then: \"%1\""_s.arg(job.error().message()), true, u"fake"_s});
}

void tst_Answers::listingTruncatedWithoutToken()
{
    m_server->setOverride([](const FakeS3Request &request, FakeS3Response &response) {
        if (request.operation != u"ListObjectsV2"_s)
            return false;
        response.status = 200;
        response.body = listingPage(contents("k", "1"), true, {});
        return true;
    });
    ListObjectsJob job(m_client.get(), {Bucket, {}, {}, {}, 1000, {}});
    job.setAutoDelete(false);
    QVERIFY(runJob(job, 10000));
    QVERIFY(job.hasError());
    QVERIFY2(job.error().message().contains(u"no continuation token"_s), qPrintable(job.error().message()));
    QCOMPARE(m_server->count(u"ListObjectsV2"_s), 1);
    recordReliabilityCase({u"Server answers"_s, u"ListObjectsV2 says IsTruncated=true but sends no token"_s,
                           u"an error, not an endless or silently short listing"_s,
                           u"1 request, then: \"%1\""_s.arg(job.error().message()), true, u"fake"_s});
}

void tst_Answers::prefixJobsTokenLoop_data()
{
    QTest::addColumn<bool>("move");
    QTest::newRow("delete prefix") << false;
    QTest::newRow("move prefix") << true;
}

void tst_Answers::prefixJobsTokenLoop()
{
    QFETCH(bool, move);
    m_server->putObject(Bucket, u"p/k"_s, "x");
    // The listing always continues with the same token (the real operations run for the rest).
    m_server->setOverride([](const FakeS3Request &request, FakeS3Response &response) {
        if (request.operation != u"ListObjectsV2"_s)
            return false;
        response.status = 200;
        response.body = listingPage(contents("p/k", "1"), true, "same");
        return true;
    });
    std::unique_ptr<Job> job;
    if (move)
        job = std::make_unique<MovePrefixJob>(m_client.get(), Bucket, u"p/"_s, u"q/"_s);
    else
        job = std::make_unique<DeletePrefixJob>(m_client.get(), Bucket, u"p/"_s);
    job->setAutoDelete(false);
    QVERIFY(runJob(*job, 10000));
    QVERIFY(job->hasError());
    QVERIFY2(job->error().message().contains(u"a second time"_s), qPrintable(job->error().message()));
    QCOMPARE(m_server->count(u"ListObjectsV2"_s), 2);
    recordReliabilityCase({u"Server answers"_s, u"%1: every listing page continues with the same token"_s.arg(move ? u"move of a prefix"_s : u"delete of a prefix"_s),
                           u"ends with an error instead of paging forever"_s,
                           u"2 listing requests, then: \"%1\""_s.arg(job->error().message()), true, u"fake"_s});
}

void tst_Answers::listPartsMarkerLoop()
{
    m_server->setOverride([](const FakeS3Request &request, FakeS3Response &response) {
        if (request.operation != u"ListParts"_s)
            return false;
        // Always part 1 and NextPartNumberMarker 1: the marker never moves.
        response.status = 200;
        response.body = "<ListPartsResult><Bucket>bucket</Bucket><Key>k</Key><UploadId>u</UploadId>"
                        "<NextPartNumberMarker>1</NextPartNumberMarker><IsTruncated>true</IsTruncated>"
                        "<Part><PartNumber>1</PartNumber><ETag>\"e\"</ETag><Size>5</Size></Part></ListPartsResult>";
        return true;
    });
    ListPartsJob job(m_client.get(), Bucket, u"k"_s, u"u"_s);
    job.setAutoDelete(false);
    QVERIFY(runJob(job, 10000));
    QVERIFY(job.hasError());
    QVERIFY2(job.error().message().contains(u"part-number marker"_s), qPrintable(job.error().message()));
    QCOMPARE(m_server->count(u"ListParts"_s), 2);
    recordReliabilityCase({u"Server answers"_s, u"ListParts repeats part-number marker 1 on every page"_s,
                           u"the part list ends with an error instead of paging forever"_s,
                           u"2 requests, then: \"%1\""_s.arg(job.error().message()), true, u"fake"_s});
}

void tst_Answers::listUploadsMarkerLoop()
{
    // key-marker/upload-id-marker cycle: (a,1) -> (b,2) -> (a,1) -> ...
    m_server->setOverride([](const FakeS3Request &request, FakeS3Response &response) {
        if (request.operation != u"ListMultipartUploads"_s)
            return false;
        const bool atA = request.queryItem(u"key-marker"_s) == u"a"_s;
        response.status = 200;
        response.body = "<ListMultipartUploadsResult><Bucket>bucket</Bucket><IsTruncated>true</IsTruncated>"
                        "<NextKeyMarker>" + QByteArray(atA ? "b" : "a") + "</NextKeyMarker><NextUploadIdMarker>"
            + QByteArray(atA ? "2" : "1") + "</NextUploadIdMarker><Upload><Key>x</Key><UploadId>u</UploadId></Upload>"
                                            "</ListMultipartUploadsResult>";
        return true;
    });
    ListMultipartUploadsJob job(m_client.get(), Bucket);
    job.setAutoDelete(false);
    QVERIFY(runJob(job, 10000));
    QVERIFY(job.hasError());
    QVERIFY2(job.error().message().contains(u"a second time"_s), qPrintable(job.error().message()));
    QCOMPARE(m_server->count(u"ListMultipartUploads"_s), 3);
    recordReliabilityCase({u"Server answers"_s, u"ListMultipartUploads markers cycle (a,1) -> (b,2) -> (a,1)"_s,
                           u"the upload list ends with an error instead of paging forever"_s,
                           u"3 requests, then: \"%1\""_s.arg(job.error().message()), true, u"fake"_s});
}

void tst_Answers::oversizedListingRefusedWhileArriving()
{
    // 80 MiB of one listing page: refused at the 64 MiB cap, before the rest is buffered.
    QByteArray entries;
    const QByteArray one = contents(QByteArray(900, 'k'), "1");
    entries.reserve(80 * 1024 * 1024 + one.size());
    while (entries.size() < 80 * 1024 * 1024)
        entries += one;
    const QByteArray body = listingPage(entries, false, {});
    entries = QByteArray();
    m_server->setOverride([&body](const FakeS3Request &request, FakeS3Response &response) {
        if (request.operation != u"ListObjectsV2"_s)
            return false;
        response.status = 200;
        response.body = body;
        return true;
    });
    ListObjectsJob job(m_client.get(), {Bucket, {}, {}, {}, 1000, {}});
    job.setAutoDelete(false);
    QVERIFY(runJob(job, 60000));
    QVERIFY(job.hasError());
    QVERIFY2(job.error().message().contains(u"64.0 MiB"_s) || job.error().message().contains(u"64 MiB"_s),
             qPrintable(job.error().message()));
    QCOMPARE(m_server->count(u"ListObjectsV2"_s), 1); // not retried
    recordReliabilityCase({u"Server answers"_s, u"an 80 MiB ListObjectsV2 page"_s,
                           u"refused at the 64 MiB cap while it arrives, with a message naming the cap"_s,
                           u"\"%1\", sent once"_s.arg(job.error().message()), true, u"fake"_s});
}

void tst_Answers::oversizedDeleteResultRefused()
{
    // A DeleteObjects result padded to 70 MiB: refused at the cap like a listing.
    QByteArray body = "<DeleteResult><Deleted><Key>a</Key></Deleted>";
    body += QByteArray(70 * 1024 * 1024, ' ');
    body += "</DeleteResult>";
    m_server->setOverride([&body](const FakeS3Request &request, FakeS3Response &response) {
        if (request.operation != u"DeleteObjects"_s)
            return false;
        response.status = 200;
        response.body = body;
        return true;
    });
    DeleteObjectsJob job(m_client.get(), Bucket, {u"a"_s});
    job.setAutoDelete(false);
    QVERIFY(runJob(job, 60000));
    QVERIFY(job.hasError());
    QVERIFY2(job.error().message().contains(u"64.0 MiB"_s), qPrintable(job.error().message()));
    recordReliabilityCase({u"Server answers"_s, u"a 70 MiB DeleteObjects result"_s,
                           u"refused at the 64 MiB cap while it arrives"_s, u"\"%1\""_s.arg(job.error().message()), true,
                           u"fake"_s});
}

void tst_Answers::dtdRefused()
{
    const QByteArray billionLaughs =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
        "<ListBucketResult><Name>b</Name><IsTruncated>false</IsTruncated><Contents><Key>&lol2;</Key><Size>1</Size></Contents>"
        "</ListBucketResult>";
    m_server->setOverride([&](const FakeS3Request &request, FakeS3Response &response) {
        if (request.operation != u"ListObjectsV2"_s)
            return false;
        response.status = 200;
        response.body = billionLaughs;
        return true;
    });
    ListObjectsJob job(m_client.get(), {Bucket, {}, {}, {}, 1000, {}});
    job.setAutoDelete(false);
    QVERIFY(runJob(job, 10000));
    QVERIFY(job.hasError());
    QVERIFY2(job.error().message().contains(u"DTD"_s), qPrintable(job.error().message()));
    // The same for every parser, errors included.
    QVERIFY(!xml::parseListParts(billionLaughs).ok());
    QVERIFY(!xml::parseDeleteObjects(billionLaughs).ok());
    QVERIFY(!xml::parseError("<!DOCTYPE e [<!ENTITY x \"y\">]><Error><Code>&x;</Code></Error>", 500).isError());
    recordReliabilityCase({u"Server answers"_s, u"a listing with a DTD defining nested entities"_s,
                           u"refused as malformed XML, no entity expanded"_s, u"\"%1\""_s.arg(job.error().message()), true,
                           u"fake"_s});
}

void tst_Answers::listingMemory()
{
    // A 60 MiB page (below the cap) of 200,000 entries with realistic keys, parsed on its own: the peak extra
    // memory while parsing, and what the parsed page keeps.
    constexpr int Entries = 200000;
    QByteArray entries;
    entries.reserve(Entries * 320);
    for (int i = 0; i < Entries; ++i) {
        entries += "<Contents><Key>photos/2026/holiday/album-" + QByteArray::number(i / 1000) + "/IMG_" + QByteArray::number(i)
            + ".jpg</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>&quot;0123456789abcdef0123456789abcdef&quot;"
              "</ETag><Size>" + QByteArray::number(i) + "</Size><Owner><ID>0123456789abcdef</ID><DisplayName>owner</DisplayName>"
              "</Owner><StorageClass>STANDARD</StorageClass></Contents>\n";
    }
    const QByteArray body = listingPage(entries, false, {});
    entries = QByteArray();
    QVERIFY(body.size() < MaxAnswerBodyBytes);
    QVERIFY2(resetPeakRss(), "cannot reset the peak RSS (/proc/self/clear_refs)");
    const qint64 before = statusKiB("VmRSS");
    Result<ListObjectsPage> page = xml::parseListObjectsV2(body, false);
    const qint64 peak = statusKiB("VmHWM");
    const qint64 kept = statusKiB("VmRSS") - before;
    QVERIFY(page.ok());
    QCOMPARE(page->objects.size(), Entries);
    QCOMPARE(page->objects.constLast().key, u"photos/2026/holiday/album-199/IMG_199999.jpg"_s);
    QCOMPARE(page->objects.constLast().size, qint64(Entries - 1));
    const double bodyMiB = body.size() / 1048576.0;
    const double peakMiB = (peak - before) / 1024.0;
    qInfo("listing page of %.1f MiB, %d entries: peak +%.1f MiB while parsing (%.1fx the page), page kept %.1f MiB",
          bodyMiB, Entries, peakMiB, peakMiB / bodyMiB, kept / 1024.0);
#if !defined(__SANITIZE_ADDRESS__)
    // The parsed entries themselves take about 2x the XML (UTF-16 keys, per-entry strings); the tree of the
    // whole document and its UTF-16 copy used to come on top (~30x).
    QVERIFY2(peakMiB < 4 * bodyMiB, qPrintable(u"peak +%1 MiB for a %2 MiB page"_s.arg(peakMiB).arg(bodyMiB)));
    recordReliabilityCase({u"Server answers"_s, u"a %1 MiB listing page of %2 entries"_s.arg(qRound(bodyMiB)).arg(Entries),
                           u"parsed with memory proportional to the entries kept"_s,
                           u"peak +%1 MiB while parsing (%2x the page), the page keeps %3 MiB"_s.arg(qRound(peakMiB))
                               .arg(peakMiB / bodyMiB, 0, 'f', 1)
                               .arg(qRound(kept / 1024.0)),
                           true, u"fake"_s});
#endif
}

void tst_Answers::headerInjectionNotSent_data()
{
    QTest::addColumn<QString>("metaName");
    QTest::addColumn<QString>("metaValue");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<QString>("header"); // named in the message
    QTest::newRow("metadata value CRLF") << u"a"_s << u"b\r\nX-Injected: y"_s << QString() << u"x-amz-meta-a"_s;
    QTest::newRow("metadata value LF") << u"a"_s << u"b\nX-Injected: y"_s << QString() << u"x-amz-meta-a"_s;
    QTest::newRow("metadata name CRLF") << u"a\r\nx-injected"_s << u"b"_s << QString() << u"x-amz-meta-a"_s;
    QTest::newRow("content type CRLF") << QString() << QString() << u"text/plain\r\nX-Injected: y"_s << u"content-type"_s;
    QTest::newRow("content type NUL") << QString() << QString() << u"text/plain\u0000x"_s << u"content-type"_s;
}

void tst_Answers::headerInjectionNotSent()
{
    QFETCH(QString, metaName);
    QFETCH(QString, metaValue);
    QFETCH(QString, contentType);
    QFETCH(QString, header);
    PutObjectJob job(m_client.get(), Bucket, u"k"_s);
    job.setAutoDelete(false);
    ObjectAttributes attributes;
    if (!metaName.isEmpty())
        attributes.userMetadata.insert(metaName, metaValue);
    attributes.contentType = contentType.isEmpty() ? u"text/plain"_s : contentType;
    job.setAttributes(attributes);
    job.setData("body"_ba);
    QVERIFY(runJob(job, 5000));
    QVERIFY(job.hasError());
    const QString message = job.error().toString();
    QVERIFY2(message.contains(header), qPrintable(message));
    QCOMPARE(m_server->count(u"*"_s), 0); // nothing reached the server
    QVERIFY(!m_server->object(Bucket, u"k"_s).has_value());
    recordReliabilityCase({u"Server answers"_s, u"an upload whose %1 contains a control character (%2)"_s.arg(header, QString::fromUtf8(QTest::currentDataTag())),
                           u"refused before sending, with a message naming the header"_s,
                           u"\"%1\"; the server received 0 requests"_s.arg(message), true, u"fake"_s});
}

void tst_Answers::restoredUploadWithLineBreakFails()
{
    // A queue file (from an older version, or edited) holding an upload whose metadata has a line break.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString source = dir.filePath(u"source.txt"_s);
    QFile file(source);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("restored");
    file.close();
    ClientSettings settings;
    settings.endpoint = *Endpoint::parse(m_server->endpointUrl(), u"us-east-1"_s, AddressingStyle::Path);
    Credentials credentials;
    credentials.accessKeyId = u"AKIDTEST"_s;
    credentials.secretAccessKey = u"secret"_s;
    settings.credentials = std::make_shared<StaticCredentialsProvider>(credentials);
    settings.transferTimeoutMs = 5000;
    const QString persisted = dir.filePath(u"queue.json"_s);
    TransferId id = 0;
    {
        TransferQueue queue(settings);
        queue.setPersistencePath(persisted);
        queue.pauseAll();
        UploadOptions options;
        options.attributes.userMetadata.insert(u"note"_s, u"x\r\nX-Injected: y"_s);
        id = queue.enqueueUpload(source, Bucket, u"restored.txt"_s, options);
        queue.pause(id);
    }
    QVERIFY(QFile::exists(persisted));
    TransferQueue restored(settings);
    restored.setPersistencePath(persisted);
    const Result<int> count = restored.restore();
    QVERIFY(count.ok());
    // The loader checks header values like every other field: the entry is left out and named, the file kept aside.
    QCOMPARE(*count, 0);
    QCOMPARE(restored.snapshot(id).id, TransferId(0));
    const QString problems = restored.restoreProblems().join(u'\n');
    QVERIFY2(problems.contains(u"note"_s), qPrintable(problems));
    QCOMPARE(m_server->count(u"*"_s), 0);
    recordReliabilityCase({u"Server answers"_s, u"a restored queued upload whose metadata holds CR LF"_s,
                           u"not restored, the problem named; nothing sent"_s,
                           u"restore() kept 0 transfers and reported \"%1\"; the server received 0 requests"_s.arg(problems), true,
                           u"fake"_s});
}

QTEST_GUILESS_MAIN(tst_Answers)
#include "tst_answers.moc"
