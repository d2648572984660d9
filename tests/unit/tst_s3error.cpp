// SPDX-License-Identifier: Apache-2.0
// S3Error: the mapping table (code/status -> kind, retryable, toString, hint) and the value-type behaviour.
#include <QSet>
#include <QTest>
#include <QVariant>

#include "s3core/s3error.h"

using namespace s3;
using Kind = S3Error::Kind;

namespace {

enum class Source { S3Body, StatusOnly, Plain };

} // namespace

Q_DECLARE_METATYPE(Source)

class TestS3Error : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapping_data();
    void mapping();
    void hintMentionsRedirectTarget_data();
    void hintMentionsRedirectTarget();
    void toStringIsOneLine();
    void toStringOfNone();
    void kindNames();
    void defaultIsNoError();
    void factories();
    void qdebugOperator();
    void metatype();
};

void TestS3Error::mapping_data()
{
    QTest::addColumn<Source>("source");
    QTest::addColumn<Kind>("plainKind"); // for Source::Plain
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("requestId");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("expectedCode");
    QTest::addColumn<bool>("retryable");
    QTest::addColumn<QString>("text"); // toString()
    QTest::addColumn<QString>("hint");

    const QString none;
    const QString denied = QStringLiteral("Your credentials lack permission for this operation on this bucket/key.");
    const QString busy =
        QStringLiteral("The server is busy or throttling; try again later or lower the number of parallel transfers.");
    const QString serverProblem = QStringLiteral("The server had a problem; try again later.");
    const QString checkKey = QStringLiteral("Check the key: the object may have been deleted or renamed.");

    // --- S3 error bodies ---
    QTest::newRow("NoSuchKey aws")
        << Source::S3Body << Kind::None << 404 << QStringLiteral("NoSuchKey")
        << QStringLiteral("The specified key does not exist.") << QStringLiteral("4442587FB7D0A2F9") << Kind::S3
        << QStringLiteral("NoSuchKey") << false
        << QStringLiteral("NoSuchKey: The specified key does not exist. (HTTP 404, request id 4442587FB7D0A2F9)")
        << checkKey;
    QTest::newRow("NoSuchKey ceph, empty message")
        << Source::S3Body << Kind::None << 404 << QStringLiteral("NoSuchKey") << none << QStringLiteral("tx0001")
        << Kind::S3 << QStringLiteral("NoSuchKey") << false
        << QStringLiteral("NoSuchKey: The object does not exist (HTTP 404, request id tx0001)") << checkKey;
    QTest::newRow("NoSuchBucket")
        << Source::S3Body << Kind::None << 404 << QStringLiteral("NoSuchBucket") << none << none << Kind::S3
        << QStringLiteral("NoSuchBucket") << false << QStringLiteral("NoSuchBucket: The bucket does not exist (HTTP 404)")
        << QStringLiteral("Check the bucket name and the endpoint.");
    QTest::newRow("AccessDenied")
        << Source::S3Body << Kind::None << 403 << QStringLiteral("AccessDenied") << QStringLiteral("Access Denied")
        << QStringLiteral("R1") << Kind::S3 << QStringLiteral("AccessDenied") << false
        << QStringLiteral("AccessDenied: Access Denied (HTTP 403, request id R1)") << denied;
    QTest::newRow("SignatureDoesNotMatch is Auth")
        << Source::S3Body << Kind::None << 403 << QStringLiteral("SignatureDoesNotMatch") << none << none << Kind::Auth
        << QStringLiteral("SignatureDoesNotMatch") << false
        << QStringLiteral("SignatureDoesNotMatch: The request signature does not match: check the secret access key (HTTP 403)")
        << QStringLiteral("Check the secret access key (and the region).");
    QTest::newRow("InvalidAccessKeyId is Auth")
        << Source::S3Body << Kind::None << 403 << QStringLiteral("InvalidAccessKeyId") << none << none << Kind::Auth
        << QStringLiteral("InvalidAccessKeyId") << false
        << QStringLiteral("InvalidAccessKeyId: The access key id is not known to the server (HTTP 403)")
        << QStringLiteral("Check the access key id, or the endpoint URL.");
    QTest::newRow("ExpiredToken is Auth, not retried here")
        << Source::S3Body << Kind::None << 400 << QStringLiteral("ExpiredToken")
        << QStringLiteral("The provided token has expired.") << none << Kind::Auth << QStringLiteral("ExpiredToken")
        << false << QStringLiteral("ExpiredToken: The provided token has expired. (HTTP 400)")
        << QStringLiteral("The session token has expired; refresh the credentials.");
    QTest::newRow("InvalidToken is Auth")
        << Source::S3Body << Kind::None << 400 << QStringLiteral("InvalidToken") << none << none << Kind::Auth
        << QStringLiteral("InvalidToken") << false
        << QStringLiteral("InvalidToken: The session token is malformed or invalid (HTTP 400)")
        << QStringLiteral("Check the session token, or remove it if the credentials are not temporary.");
    QTest::newRow("TokenRefreshRequired is Auth")
        << Source::S3Body << Kind::None << 400 << QStringLiteral("TokenRefreshRequired") << none << none << Kind::Auth
        << QStringLiteral("TokenRefreshRequired") << false
        << QStringLiteral("TokenRefreshRequired: The session token must be refreshed (HTTP 400)")
        << QStringLiteral("The session token has expired; refresh the credentials.");
    QTest::newRow("PreconditionFailed 412 stays S3")
        << Source::S3Body << Kind::None << 412 << QStringLiteral("PreconditionFailed")
        << QStringLiteral("At least one of the pre-conditions you specified did not hold") << none << Kind::S3
        << QStringLiteral("PreconditionFailed") << false
        << QStringLiteral("PreconditionFailed: At least one of the pre-conditions you specified did not hold (HTTP 412)")
        << QStringLiteral("The object changed on the server (or a condition did not hold); reload and try again.");
    QTest::newRow("InternalError")
        << Source::S3Body << Kind::None << 500 << QStringLiteral("InternalError")
        << QStringLiteral("We encountered an internal error. Please try again.") << QStringLiteral("R2") << Kind::S3
        << QStringLiteral("InternalError") << true
        << QStringLiteral("InternalError: We encountered an internal error. Please try again. (HTTP 500, request id R2)")
        << serverProblem;
    QTest::newRow("InternalError in a 200 (Complete)")
        << Source::S3Body << Kind::None << 200 << QStringLiteral("InternalError") << none << none << Kind::S3
        << QStringLiteral("InternalError") << true
        << QStringLiteral("InternalError: The server had an internal error (HTTP 200)") << serverProblem;
    QTest::newRow("SlowDown 503")
        << Source::S3Body << Kind::None << 503 << QStringLiteral("SlowDown")
        << QStringLiteral("Please reduce your request rate.") << none << Kind::S3 << QStringLiteral("SlowDown") << true
        << QStringLiteral("SlowDown: Please reduce your request rate. (HTTP 503)") << busy;
    QTest::newRow("ServiceUnavailable 503")
        << Source::S3Body << Kind::None << 503 << QStringLiteral("ServiceUnavailable") << none << none << Kind::S3
        << QStringLiteral("ServiceUnavailable") << true
        << QStringLiteral("ServiceUnavailable: The service is unavailable (HTTP 503)") << busy;
    QTest::newRow("RequestTimeout 400")
        << Source::S3Body << Kind::None << 400 << QStringLiteral("RequestTimeout") << none << none << Kind::S3
        << QStringLiteral("RequestTimeout") << true
        << QStringLiteral("RequestTimeout: The connection was idle too long before the request was complete (HTTP 400)")
        << QStringLiteral("The upload stalled; check the network and try again.");
    QTest::newRow("RequestTimeTooSkewed 403")
        << Source::S3Body << Kind::None << 403 << QStringLiteral("RequestTimeTooSkewed") << none << none << Kind::S3
        << QStringLiteral("RequestTimeTooSkewed") << true
        << QStringLiteral("RequestTimeTooSkewed: Your computer's clock differs too much from the server's (HTTP 403)")
        << QStringLiteral("Set your computer's clock right (enable NTP time synchronisation).");
    QTest::newRow("TooManyRequests 429")
        << Source::S3Body << Kind::None << 429 << QStringLiteral("TooManyRequests") << none << none << Kind::S3
        << QStringLiteral("TooManyRequests") << true << QStringLiteral("TooManyRequests: Too many requests (HTTP 429)")
        << busy;
    QTest::newRow("Throttling 400")
        << Source::S3Body << Kind::None << 400 << QStringLiteral("Throttling") << QStringLiteral("Rate exceeded") << none
        << Kind::S3 << QStringLiteral("Throttling") << true << QStringLiteral("Throttling: Rate exceeded (HTTP 400)")
        << busy;
    QTest::newRow("unknown code, 502 -> retryable by status")
        << Source::S3Body << Kind::None << 502 << QStringLiteral("WeirdProxyThing") << none << none << Kind::S3
        << QStringLiteral("WeirdProxyThing") << true << QStringLiteral("WeirdProxyThing (HTTP 502)") << serverProblem;
    QTest::newRow("unknown code, 400 -> final")
        << Source::S3Body << Kind::None << 400 << QStringLiteral("InvalidArgument") << QStringLiteral("Bad arg") << none
        << Kind::S3 << QStringLiteral("InvalidArgument") << false << QStringLiteral("InvalidArgument: Bad arg (HTTP 400)")
        << none;
    QTest::newRow("BucketAlreadyExists")
        << Source::S3Body << Kind::None << 409 << QStringLiteral("BucketAlreadyExists") << none << none << Kind::S3
        << QStringLiteral("BucketAlreadyExists") << false
        << QStringLiteral("BucketAlreadyExists: The bucket name is already taken by another account (HTTP 409)")
        << QStringLiteral("Bucket names are shared by all users of the server; choose another name.");
    QTest::newRow("BucketAlreadyOwnedByYou")
        << Source::S3Body << Kind::None << 409 << QStringLiteral("BucketAlreadyOwnedByYou") << none << none << Kind::S3
        << QStringLiteral("BucketAlreadyOwnedByYou") << false
        << QStringLiteral("BucketAlreadyOwnedByYou: You already own a bucket with this name (HTTP 409)")
        << QStringLiteral("The bucket already exists and is yours; nothing to do.");
    QTest::newRow("BucketNotEmpty")
        << Source::S3Body << Kind::None << 409 << QStringLiteral("BucketNotEmpty") << none << none << Kind::S3
        << QStringLiteral("BucketNotEmpty") << false << QStringLiteral("BucketNotEmpty: The bucket is not empty (HTTP 409)")
        << QStringLiteral("Delete the objects (and unfinished multipart uploads) in the bucket first.");
    QTest::newRow("EntityTooSmall")
        << Source::S3Body << Kind::None << 400 << QStringLiteral("EntityTooSmall") << none << none << Kind::S3
        << QStringLiteral("EntityTooSmall") << false
        << QStringLiteral("EntityTooSmall: A part is smaller than the minimum allowed size (HTTP 400)")
        << QStringLiteral("Every part but the last must be at least 5 MiB; raise the part size.");
    QTest::newRow("InvalidBucketName")
        << Source::S3Body << Kind::None << 400 << QStringLiteral("InvalidBucketName") << none << none << Kind::S3
        << QStringLiteral("InvalidBucketName") << false
        << QStringLiteral("InvalidBucketName: The bucket name is not valid (HTTP 400)")
        << QStringLiteral("Use 3 to 63 characters: lower-case letters, digits, '.' and '-'.");
    QTest::newRow("NoSuchUpload")
        << Source::S3Body << Kind::None << 404 << QStringLiteral("NoSuchUpload") << none << none << Kind::S3
        << QStringLiteral("NoSuchUpload") << false
        << QStringLiteral("NoSuchUpload: The multipart upload does not exist (it was completed or aborted) (HTTP 404)")
        << QStringLiteral("The multipart upload no longer exists; start the upload again.");
    QTest::newRow("InvalidRange")
        << Source::S3Body << Kind::None << 416 << QStringLiteral("InvalidRange") << none << none << Kind::S3
        << QStringLiteral("InvalidRange") << false
        << QStringLiteral("InvalidRange: The requested range is not satisfiable (HTTP 416)")
        << QStringLiteral("The requested byte range lies outside the object; the object may have shrunk.");
    QTest::newRow("MalformedXML")
        << Source::S3Body << Kind::None << 400 << QStringLiteral("MalformedXML") << none << none << Kind::S3
        << QStringLiteral("MalformedXML") << false
        << QStringLiteral("MalformedXML: The XML sent to the server was not well-formed (HTTP 400)")
        << QStringLiteral("The server rejected the request body; keys with control characters must be deleted one by one.");

    // --- bodiless responses (HEAD, proxies) ---
    QTest::newRow("HEAD 404")
        << Source::StatusOnly << Kind::None << 404 << none << none << QStringLiteral("RID") << Kind::Http
        << QStringLiteral("NotFound") << false
        << QStringLiteral("NotFound: The object or bucket does not exist (HTTP 404, request id RID)") << checkKey;
    QTest::newRow("HEAD 403")
        << Source::StatusOnly << Kind::None << 403 << none << none << none << Kind::Http << QStringLiteral("Forbidden")
        << false << QStringLiteral("Forbidden: Access denied (HTTP 403)") << denied;
    QTest::newRow("HEAD 412")
        << Source::StatusOnly << Kind::None << 412 << none << none << none << Kind::Http
        << QStringLiteral("PreconditionFailed") << false
        << QStringLiteral("PreconditionFailed: A precondition of the request did not hold (HTTP 412)")
        << QStringLiteral("The object changed on the server (or a condition did not hold); reload and try again.");
    QTest::newRow("HEAD 400")
        << Source::StatusOnly << Kind::None << 400 << none << none << none << Kind::Http << QStringLiteral("BadRequest")
        << false << QStringLiteral("BadRequest: The server rejected the request (HTTP 400)") << none;
    QTest::newRow("HEAD 301")
        << Source::StatusOnly << Kind::None << 301 << none << none << none << Kind::Http
        << QStringLiteral("PermanentRedirect") << false
        << QStringLiteral("PermanentRedirect: The bucket must be addressed through another endpoint (HTTP 301)")
        << QStringLiteral("Check the region and the endpoint URL of the connection.");
    QTest::newRow("500")
        << Source::StatusOnly << Kind::None << 500 << none << none << none << Kind::Http << QStringLiteral("InternalError")
        << true << QStringLiteral("InternalError: The server had an internal error (HTTP 500)") << serverProblem;
    QTest::newRow("502")
        << Source::StatusOnly << Kind::None << 502 << none << none << none << Kind::Http << QStringLiteral("BadGateway")
        << true << QStringLiteral("BadGateway: A gateway in front of the server failed (HTTP 502)") << serverProblem;
    QTest::newRow("503")
        << Source::StatusOnly << Kind::None << 503 << none << none << none << Kind::Http
        << QStringLiteral("ServiceUnavailable") << true
        << QStringLiteral("ServiceUnavailable: The service is unavailable (HTTP 503)") << busy;
    QTest::newRow("504")
        << Source::StatusOnly << Kind::None << 504 << none << none << none << Kind::Http
        << QStringLiteral("GatewayTimeout") << true
        << QStringLiteral("GatewayTimeout: A gateway in front of the server timed out (HTTP 504)") << serverProblem;
    QTest::newRow("507 -> InternalError")
        << Source::StatusOnly << Kind::None << 507 << none << none << none << Kind::Http
        << QStringLiteral("InternalError") << true
        << QStringLiteral("InternalError: The server had an internal error (HTTP 507)") << serverProblem;
    QTest::newRow("501 NotImplemented is final")
        << Source::StatusOnly << Kind::None << 501 << none << none << none << Kind::Http
        << QStringLiteral("NotImplemented") << false
        << QStringLiteral("NotImplemented: The server does not implement this operation (HTTP 501)")
        << QStringLiteral("The server does not support this operation.");
    QTest::newRow("429")
        << Source::StatusOnly << Kind::None << 429 << none << none << none << Kind::Http
        << QStringLiteral("TooManyRequests") << true << QStringLiteral("TooManyRequests: Too many requests (HTTP 429)")
        << busy;
    QTest::newRow("418 unknown status")
        << Source::StatusOnly << Kind::None << 418 << none << none << none << Kind::Http << none << false
        << QStringLiteral("HTTP error: The server answered with HTTP status 418 (HTTP 418)") << none;

    // --- local and transport errors ---
    QTest::newRow("connection refused")
        << Source::Plain << Kind::Network << 0 << none << QStringLiteral("Connection refused") << none << Kind::Network
        << none << true << QStringLiteral("Network error: Connection refused")
        << QStringLiteral("Is the endpoint URL right and the server running?");
    QTest::newRow("host not found")
        << Source::Plain << Kind::Network << 0 << none << QStringLiteral("Host s3.example.invalid not found") << none
        << Kind::Network << none << true << QStringLiteral("Network error: Host s3.example.invalid not found")
        << QStringLiteral("Check the host name of the endpoint URL and the DNS settings.");
    QTest::newRow("connection reset")
        << Source::Plain << Kind::Network << 0 << none << QStringLiteral("Connection closed") << none << Kind::Network
        << none << true << QStringLiteral("Network error: Connection closed")
        << QStringLiteral("Check the network connection and the endpoint URL.");
    QTest::newRow("timeout")
        << Source::Plain << Kind::Timeout << 0 << none << QStringLiteral("No data for 60 s") << none << Kind::Timeout
        << none << true << QStringLiteral("Timeout: No data for 60 s")
        << QStringLiteral("The server stopped answering; check the network or raise the timeout.");
    QTest::newRow("tls")
        << Source::Plain << Kind::Tls << 0 << none << QStringLiteral("The issuer certificate could not be found")
        << none << Kind::Tls << none << false << QStringLiteral("TLS error: The issuer certificate could not be found")
        << QStringLiteral("Use --ca-bundle with the server's CA certificate if it is self-signed.");
    QTest::newRow("object modified")
        << Source::Plain << Kind::ObjectModified << 0 << none << QStringLiteral("ETag changed during the download")
        << none << Kind::ObjectModified << none << false
        << QStringLiteral("Object modified: ETag changed during the download")
        << QStringLiteral("The object changed on the server during the transfer; start the transfer again.");
    QTest::newRow("cancelled")
        << Source::Plain << Kind::Cancelled << 0 << none << QStringLiteral("Cancelled") << none << Kind::Cancelled
        << none << false << QStringLiteral("Cancelled") << none;
    QTest::newRow("io")
        << Source::Plain << Kind::Io << 0 << none << QStringLiteral("Cannot open /tmp/x: Permission denied") << none
        << Kind::Io << none << false << QStringLiteral("File error: Cannot open /tmp/x: Permission denied")
        << QStringLiteral("Check that the local path exists and is writable, and that the disk has free space.");
    QTest::newRow("invalid (malformed XML)")
        << Source::Plain << Kind::Invalid << 0 << none
        << QStringLiteral("malformed XML from server: Premature end of document. at line 1 column 1") << none
        << Kind::Invalid << none << false
        << QStringLiteral("Invalid: malformed XML from server: Premature end of document. at line 1 column 1")
        << QStringLiteral("The server's answer is not valid S3 XML; check that the endpoint URL points to an S3 server.");
    QTest::newRow("invalid argument")
        << Source::Plain << Kind::Invalid << 0 << none << QStringLiteral("part size below 5 MiB") << none
        << Kind::Invalid << none << false << QStringLiteral("Invalid: part size below 5 MiB") << none;
    QTest::newRow("auth without code")
        << Source::Plain << Kind::Auth << 0 << none << QStringLiteral("No credentials found") << none << Kind::Auth
        << none << false << QStringLiteral("Authentication error: No credentials found")
        << QStringLiteral("Check the credentials (profile, environment variables or connection settings).");
}

void TestS3Error::mapping()
{
    QFETCH(Source, source);
    QFETCH(Kind, plainKind);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QString, requestId);
    QFETCH(Kind, kind);
    QFETCH(QString, expectedCode);
    QFETCH(bool, retryable);
    QFETCH(QString, text);
    QFETCH(QString, hint);

    S3Error e;
    switch (source) {
    case Source::S3Body:
        e = S3Error::fromS3(status, code, message, requestId);
        break;
    case Source::StatusOnly:
        e = S3Error::fromHttpStatus(status, requestId);
        break;
    case Source::Plain:
        e = S3Error(plainKind, message);
        break;
    }

    QCOMPARE(e.kind(), kind);
    QVERIFY(e.isError());
    QCOMPARE(e.httpStatus(), status);
    QCOMPARE(e.code(), expectedCode);
    QCOMPARE(e.requestId(), requestId);
    QCOMPARE(e.isRetryable(), retryable);
    QCOMPARE(e.toString(), text);
    QCOMPARE(e.hint(), hint);
}

void TestS3Error::hintMentionsRedirectTarget_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("hint");
    QTest::newRow("AuthorizationHeaderMalformed + Region")
        << QStringLiteral("AuthorizationHeaderMalformed") << QStringLiteral("eu-west-1") << QString()
        << QStringLiteral("The bucket is in region eu-west-1; set the region to eu-west-1.");
    QTest::newRow("PermanentRedirect + Endpoint")
        << QStringLiteral("PermanentRedirect") << QString() << QStringLiteral("b.s3.eu-central-1.amazonaws.com")
        << QStringLiteral("The bucket must be reached through endpoint b.s3.eu-central-1.amazonaws.com; change the "
                          "endpoint (or region).");
    QTest::newRow("PermanentRedirect, nothing known")
        << QStringLiteral("PermanentRedirect") << QString() << QString()
        << QStringLiteral("Check the region and the endpoint URL of the connection.");
}

void TestS3Error::hintMentionsRedirectTarget()
{
    QFETCH(QString, code);
    QFETCH(QString, region);
    QFETCH(QString, endpoint);
    QFETCH(QString, hint);
    S3Error e = S3Error::fromS3(400, code, QString());
    e.setRegion(region);
    e.setEndpointHint(endpoint);
    QCOMPARE(e.kind(), Kind::S3);
    QVERIFY(!e.isRetryable());
    QCOMPARE(e.hint(), hint);
}

void TestS3Error::toStringIsOneLine()
{
    const S3Error e = S3Error::fromS3(400, QStringLiteral("InvalidArgument"),
                                      QStringLiteral("  first line\n  second\tline  \r\n"), QStringLiteral("id"));
    QCOMPARE(e.toString(), QStringLiteral("InvalidArgument: first line second line (HTTP 400, request id id)"));
}

void TestS3Error::toStringOfNone()
{
    QCOMPARE(S3Error().toString(), QStringLiteral("No error"));
    QVERIFY(S3Error().hint().isEmpty());
}

void TestS3Error::kindNames()
{
    const QList<Kind> kinds = {Kind::None,   Kind::Network,        Kind::Timeout,   Kind::Tls,
                               Kind::Http,   Kind::S3,             Kind::Auth,      Kind::ObjectModified,
                               Kind::Cancelled, Kind::Io,          Kind::Invalid};
    QSet<QString> names;
    for (Kind k : kinds) {
        const QString name = S3Error::kindName(k);
        QVERIFY(!name.isEmpty());
        names.insert(name);
    }
    QCOMPARE(names.size(), kinds.size());
}

void TestS3Error::defaultIsNoError()
{
    const S3Error e;
    QCOMPARE(e.kind(), Kind::None);
    QVERIFY(!e.isError());
    QVERIFY(!e.isRetryable());
    QCOMPARE(e.httpStatus(), 0);
    QVERIFY(e.code().isEmpty());
}

void TestS3Error::factories()
{
    QCOMPARE(S3Error::invalid(QStringLiteral("x")).kind(), Kind::Invalid);
    QCOMPARE(S3Error::io(QStringLiteral("x")).kind(), Kind::Io);
    QCOMPARE(S3Error::cancelled().kind(), Kind::Cancelled);
    QVERIFY(!S3Error::cancelled().isRetryable());

    const S3Error e = S3Error::fromS3(404, QStringLiteral("NoSuchKey"), QStringLiteral("m"), QStringLiteral("r"),
                                      QStringLiteral("/b/k"));
    QCOMPARE(e.resource(), QStringLiteral("/b/k"));
    QCOMPARE(e.message(), QStringLiteral("m"));

    S3Error copy = e;
    copy.setHostId(QStringLiteral("h"));
    QCOMPARE(copy.hostId(), QStringLiteral("h"));
    QVERIFY(e.hostId().isEmpty()); // value semantics
}

void TestS3Error::qdebugOperator()
{
    S3Error e = S3Error::fromS3(404, QStringLiteral("NoSuchKey"), QStringLiteral("gone"), QStringLiteral("RID"));
    e.setHostId(QStringLiteral("HID"));
    QString out;
    QDebug(&out) << e;
    QVERIFY2(out.contains(QLatin1String("NoSuchKey")), qPrintable(out));
    QVERIFY(out.contains(QLatin1String("404")));
    QVERIFY(out.contains(QLatin1String("RID")));
    QVERIFY(out.contains(QLatin1String("HID")));
    QVERIFY(out.startsWith(QLatin1String("S3Error(")));
}

void TestS3Error::metatype()
{
    const S3Error e = S3Error::fromHttpStatus(503);
    const QVariant v = QVariant::fromValue(e);
    QVERIFY(v.canConvert<S3Error>());
    QCOMPARE(v.value<S3Error>().code(), QStringLiteral("ServiceUnavailable"));
}

QTEST_GUILESS_MAIN(TestS3Error)
#include "tst_s3error.moc"
