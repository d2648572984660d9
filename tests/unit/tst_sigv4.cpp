// SPDX-License-Identifier: Apache-2.0
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "s3core/auth/sigv4.h"
#include "s3core/crypto.h"

using namespace s3;
using namespace s3::sigv4;

namespace {

// AWS's published examples (S3 API reference, "Signature Calculations for the Authorization Header" and
// "Authenticating Requests: Using Query Parameters"), all at 2013-05-24T00:00:00Z in us-east-1.
const QDateTime AwsExampleTime(QDate(2013, 5, 24), QTime(0, 0), Qt::UTC);
const char AwsExampleHost[] = "https://examplebucket.s3.amazonaws.com";

Credentials awsExampleCredentials()
{
    Credentials c;
    c.accessKeyId = QStringLiteral("AKIAIOSFODNN7EXAMPLE");
    c.secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    return c;
}

Credentials seedCredentials()
{
    Credentials c;
    c.accessKeyId = QStringLiteral("user");
    c.secretAccessKey = QStringLiteral("hackme");
    return c;
}

Clock fixedClock(const QDateTime &time)
{
    return [time] { return time; };
}

QByteArray headerValue(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[n, v] : headers) {
        if (n.toLower() == name)
            return v;
    }
    return {};
}

QByteArray signatureOf(const QByteArray &authorization)
{
    const qsizetype at = authorization.indexOf("Signature=");
    return at < 0 ? QByteArray() : authorization.mid(at + 10);
}

QueryItems queryFromJson(const QJsonArray &array)
{
    QueryItems items;
    for (const QJsonValue &pair : array)
        items.append({pair[0].toString().toUtf8(), pair[1].toString().toUtf8()});
    return items;
}

QJsonObject loadBotocoreVectors()
{
    // S3DESK_BOTOCORE_VECTORS lets one check the output of another botocore version without committing it.
    QString path = qEnvironmentVariable("S3DESK_BOTOCORE_VECTORS");
    if (path.isEmpty())
        path = QStringLiteral(S3DESK_TEST_DATA_DIR "/sigv4/botocore_vectors.json");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("Cannot open %s", qPrintable(path));
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestSigV4 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dates();
    void canonicalQueryString_data();
    void canonicalQueryString();
    void canonicalHeaders_data();
    void canonicalHeaders();
    void awsGetObjectStepByStep();
    void awsHeaderExamples_data();
    void awsHeaderExamples();
    void awsPresignExample();
    void seedHeaderVector();
    void seedPresignVector();
    void signReplacesSignerOwnedHeaders();
    void signWithSessionToken();
    void presignExpiry_data();
    void presignExpiry();
    void presignSignsExtraHeaders();
    void botocoreHeaderVectors_data();
    void botocoreHeaderVectors();
    void botocorePresignVectors_data();
    void botocorePresignVectors();
};

void TestSigV4::dates()
{
    const QDateTime t(QDate(2024, 1, 1), QTime(0, 0, 0), Qt::UTC);
    QCOMPARE(amzDate(t), QByteArrayLiteral("20240101T000000Z"));
    QCOMPARE(dateStamp(t), QByteArrayLiteral("20240101"));
    // Converted to UTC first: 23:30 on Dec 31 at UTC-01:00 is already 2024-01-01 00:30 UTC.
    const QDateTime local(QDate(2023, 12, 31), QTime(23, 30, 5), Qt::OffsetFromUTC, -3600);
    QCOMPARE(amzDate(local), QByteArrayLiteral("20240101T003005Z"));
    QCOMPARE(credentialScope(t, QStringLiteral("eu-west-1"), QStringLiteral("s3")),
             QByteArrayLiteral("20240101/eu-west-1/s3/aws4_request"));
}

void TestSigV4::canonicalQueryString_data()
{
    QTest::addColumn<QueryItems>("query");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << QueryItems{} << QByteArray();
    QTest::newRow("sorted by name") << QueryItems{{"prefix", "J"}, {"max-keys", "2"}}
                                    << QByteArrayLiteral("max-keys=2&prefix=J");
    QTest::newRow("empty value keeps =") << QueryItems{{"lifecycle", ""}} << QByteArrayLiteral("lifecycle=");
    QTest::newRow("repeated names sorted by value")
        << QueryItems{{"b", "2"}, {"a", "x y"}, {"a", "+"}, {"c", ""}} << QByteArrayLiteral("a=%2B&a=x%20y&b=2&c=");
    QTest::newRow("slash encoded in values")
        << QueryItems{{"prefix", "a/b"}, {"list-type", "2"}} << QByteArrayLiteral("list-type=2&prefix=a%2Fb");
    // Sorting is on the encoded bytes: "%" (0x25) sorts before letters, "~" after.
    QTest::newRow("encoded order") << QueryItems{{"~t", "1"}, {"a b", "1"}, {"a", "1"}, {"Z", "1"}}
                                   << QByteArrayLiteral("Z=1&a=1&a%20b=1&~t=1");
    QTest::newRow("unicode") << QueryItems{{"prefix", "ü"}} << QByteArrayLiteral("prefix=%C3%BC");
}

void TestSigV4::canonicalQueryString()
{
    QFETCH(QueryItems, query);
    QFETCH(QByteArray, expected);
    QCOMPARE(sigv4::canonicalQueryString(query), expected);
}

void TestSigV4::canonicalHeaders_data()
{
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("expectedCanonical");
    QTest::addColumn<QByteArray>("expectedSigned");
    QTest::newRow("lower-cased and sorted")
        << HeaderList{{"X-Amz-Date", "20130524T000000Z"}, {"Host", "h"}, {"Range", "bytes=0-9"}}
        << QByteArrayLiteral("host:h\nrange:bytes=0-9\nx-amz-date:20130524T000000Z\n")
        << QByteArrayLiteral("host;range;x-amz-date");
    QTest::newRow("trimmed and folded") << HeaderList{{"x-amz-meta-a", "  Jane \t  Doe  "}, {"host", "h"}}
                                        << QByteArrayLiteral("host:h\nx-amz-meta-a:Jane Doe\n")
                                        << QByteArrayLiteral("host;x-amz-meta-a");
    QTest::newRow("repeated names joined in order")
        << HeaderList{{"X-Amz-Meta-A", "one"}, {"host", "h"}, {"x-amz-meta-a", " two  three "}}
        << QByteArrayLiteral("host:h\nx-amz-meta-a:one,two three\n") << QByteArrayLiteral("host;x-amz-meta-a");
    QTest::newRow("empty value") << HeaderList{{"x-amz-meta-empty", ""}, {"host", "h"}}
                                 << QByteArrayLiteral("host:h\nx-amz-meta-empty:\n")
                                 << QByteArrayLiteral("host;x-amz-meta-empty");
}

void TestSigV4::canonicalHeaders()
{
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, expectedCanonical);
    QFETCH(QByteArray, expectedSigned);
    QCOMPARE(sigv4::canonicalHeaders(headers), expectedCanonical);
    QCOMPARE(sigv4::signedHeaders(headers), expectedSigned);
}

void TestSigV4::awsGetObjectStepByStep()
{
    CanonicalRequestInput input;
    input.method = "GET";
    input.encodedPath = "/test.txt";
    input.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                     {"Range", "bytes=0-9"},
                     {"x-amz-content-sha256", crypto::EmptySha256Hex},
                     {"x-amz-date", "20130524T000000Z"}};
    input.payloadHash = crypto::EmptySha256Hex;

    const QByteArray request = canonicalRequest(input);
    QCOMPARE(request,
             QByteArrayLiteral("GET\n/test.txt\n\n"
                               "host:examplebucket.s3.amazonaws.com\n"
                               "range:bytes=0-9\n"
                               "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                               "x-amz-date:20130524T000000Z\n\n"
                               "host;range;x-amz-content-sha256;x-amz-date\n"
                               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    const QByteArray scope = credentialScope(AwsExampleTime, QStringLiteral("us-east-1"), QStringLiteral("s3"));
    const QByteArray toSign = stringToSign(request, AwsExampleTime, scope);
    QCOMPARE(toSign,
             QByteArrayLiteral("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                               "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972"));
    const QByteArray key = signingKey(awsExampleCredentials().secretAccessKey, AwsExampleTime,
                                      QStringLiteral("us-east-1"), QStringLiteral("s3"));
    QCOMPARE(signature(key, toSign),
             QByteArrayLiteral("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
}

void TestSigV4::awsHeaderExamples_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QueryItems>("query");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("payloadHash");
    QTest::addColumn<QByteArray>("expectedSignedHeaders");
    QTest::addColumn<QByteArray>("expectedSignature");

    QTest::newRow("GET Object with Range")
        << QByteArrayLiteral("GET") << QStringLiteral("test.txt") << QueryItems{} << HeaderList{{"Range", "bytes=0-9"}}
        << QByteArray(crypto::EmptySha256Hex) << QByteArrayLiteral("host;range;x-amz-content-sha256;x-amz-date")
        << QByteArrayLiteral("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    QTest::newRow("PUT Object") << QByteArrayLiteral("PUT") << QStringLiteral("test$file.text") << QueryItems{}
                                << HeaderList{{"Date", "Fri, 24 May 2013 00:00:00 GMT"},
                                              {"x-amz-storage-class", "REDUCED_REDUNDANCY"}}
                                << crypto::sha256Hex("Welcome to Amazon S3.")
                                << QByteArrayLiteral("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class")
                                << QByteArrayLiteral(
                                       "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    QTest::newRow("GET Bucket Lifecycle")
        << QByteArrayLiteral("GET") << QString() << QueryItems{{"lifecycle", ""}} << HeaderList{}
        << QByteArray(crypto::EmptySha256Hex) << QByteArrayLiteral("host;x-amz-content-sha256;x-amz-date")
        << QByteArrayLiteral("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
    QTest::newRow("GET Bucket (List Objects)")
        << QByteArrayLiteral("GET") << QString() << QueryItems{{"max-keys", "2"}, {"prefix", "J"}} << HeaderList{}
        << QByteArray(crypto::EmptySha256Hex) << QByteArrayLiteral("host;x-amz-content-sha256;x-amz-date")
        << QByteArrayLiteral("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    QTest::newRow("List Objects, query given unsorted")
        << QByteArrayLiteral("GET") << QString() << QueryItems{{"prefix", "J"}, {"max-keys", "2"}} << HeaderList{}
        << QByteArray(crypto::EmptySha256Hex) << QByteArrayLiteral("host;x-amz-content-sha256;x-amz-date")
        << QByteArrayLiteral("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

void TestSigV4::awsHeaderExamples()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, key);
    QFETCH(QueryItems, query);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, payloadHash);
    QFETCH(QByteArray, expectedSignedHeaders);
    QFETCH(QByteArray, expectedSignature);

    const Result<Endpoint> endpoint = Endpoint::parse(QString::fromLatin1(AwsExampleHost));
    QVERIFY(endpoint.ok());
    QCOMPARE(endpoint->region(), QStringLiteral("us-east-1"));
    const RequestTarget target = endpoint->target(QStringLiteral("examplebucket"), key, query);
    const Signer signer(endpoint->region(), QStringLiteral("s3"), fixedClock(AwsExampleTime));
    const HeaderList added = signer.sign(awsExampleCredentials(), method, target, headers, payloadHash);

    QCOMPARE(headerValue(added, "x-amz-date"), QByteArrayLiteral("20130524T000000Z"));
    QCOMPARE(headerValue(added, "x-amz-content-sha256"), payloadHash);
    QCOMPARE(headerValue(added, "authorization"),
             QByteArrayLiteral("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                               "SignedHeaders=")
                 + expectedSignedHeaders + ", Signature=" + expectedSignature);
}

void TestSigV4::awsPresignExample()
{
    const Result<Endpoint> endpoint = Endpoint::parse(QString::fromLatin1(AwsExampleHost));
    QVERIFY(endpoint.ok());
    const Signer signer(QStringLiteral("us-east-1"), QStringLiteral("s3"), fixedClock(AwsExampleTime));
    const Result<QUrl> url
        = signer.presign(awsExampleCredentials(), "GET",
                         endpoint->target(QStringLiteral("examplebucket"), QStringLiteral("test.txt")), 86400);
    QVERIFY(url.ok());
    QCOMPARE(url->toEncoded(),
             QByteArrayLiteral("https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                               "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                               "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                               "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"));
}

void TestSigV4::seedHeaderVector()
{
    // SEED-NOTES 4.3: the reference client signs a Content-Type on every request; with the same inputs the
    // canonicalisation rules agree (its values need no trimming), so the Signer reproduces the signature.
    const QDateTime time(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    const Result<Endpoint> endpoint = Endpoint::parse(QStringLiteral("http://localhost:9090"));
    QVERIFY(endpoint.ok());
    const RequestTarget target
        = endpoint->target(QStringLiteral("test"), QStringLiteral("test:foo"), {{"list-type", "2"}, {"prefix", "a/b"}});
    QCOMPARE(target.url.toEncoded(),
             QByteArrayLiteral("http://localhost:9090/test/test%3Afoo?list-type=2&prefix=a%2Fb"));
    const Signer signer(QStringLiteral("us-east-1"), QStringLiteral("s3"), fixedClock(time));
    const HeaderList added = signer.sign(seedCredentials(), "GET", target,
                                         {{"Content-Type", "application/octet-stream"}}, crypto::EmptySha256Hex);
    const QByteArray authorization = headerValue(added, "authorization");
    QVERIFY(authorization.contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,"));
    QCOMPARE(signatureOf(authorization),
             QByteArrayLiteral("1be71684da0611d5a5ed20dc57681ce517c7a539cbcac27a84bc14cbbd6afaf9"));
}

void TestSigV4::seedPresignVector()
{
    // SEED-NOTES 4.4: the reference client also signs a non-standard X-Amz-Content-Sha256 query parameter, which
    // our Signer (botocore's parameter set) does not send; the pure functions reproduce it.
    const QDateTime time(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    const auto seedSignature = [&time](const QByteArray &path) {
        CanonicalRequestInput input;
        input.method = "GET";
        input.encodedPath = path;
        input.query = {{"X-Amz-Algorithm", "AWS4-HMAC-SHA256"},
                       {"X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"},
                       {"X-Amz-Credential", "user/20240101/us-east-1/s3/aws4_request"},
                       {"X-Amz-Date", "20240101T000000Z"},
                       {"X-Amz-Expires", "86400"},
                       {"X-Amz-SignedHeaders", "host"}};
        input.headers = {{"host", "localhost:9090"}};
        input.payloadHash = UnsignedPayload;
        const QByteArray scope = credentialScope(time, QStringLiteral("us-east-1"), QStringLiteral("s3"));
        return signature(signingKey(QStringLiteral("hackme"), time, QStringLiteral("us-east-1"), QStringLiteral("s3")),
                         stringToSign(canonicalRequest(input), time, scope));
    };
    QCOMPARE(seedSignature("/test/example"),
             QByteArrayLiteral("7359f1286edf554b0eab363e3c93ee32855b8d429d975fdb0a5d2cb7ad5c0db0"));
    QVERIFY(seedSignature("/test//example").startsWith("25af5634"));

    // The Signer's own presign of the same object: same path, botocore's parameters.
    const Result<Endpoint> endpoint = Endpoint::parse(QStringLiteral("http://localhost:9090/test"));
    QVERIFY(endpoint.ok());
    const Signer signer(QStringLiteral("us-east-1"), QStringLiteral("s3"), fixedClock(time));
    const Result<QUrl> url = signer.presign(
        seedCredentials(), "GET", endpoint->target(endpoint->defaultBucket(), QStringLiteral("example")), 86400);
    QVERIFY(url.ok());
    QVERIFY(url->toEncoded().startsWith(
        "http://localhost:9090/test/"
        "example?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=user%2F20240101%2Fus-east-1"
        "%2Fs3%2Faws4_request&X-Amz-Date=20240101T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-"
        "Signature="));
}

void TestSigV4::signReplacesSignerOwnedHeaders()
{
    const Result<Endpoint> endpoint = Endpoint::parse(QString::fromLatin1(AwsExampleHost));
    QVERIFY(endpoint.ok());
    const RequestTarget target = endpoint->target(QStringLiteral("examplebucket"), QStringLiteral("test.txt"));
    const Signer signer(QStringLiteral("us-east-1"), QStringLiteral("s3"), fixedClock(AwsExampleTime));
    const HeaderList stale{{"X-Amz-Date", "19990101T000000Z"},
                           {"Authorization", "AWS4-HMAC-SHA256 stale"},
                           {"Host", "evil.example"},
                           {"x-amz-content-sha256", "UNSIGNED-PAYLOAD"},
                           {"X-Amz-Security-Token", "stale-token"},
                           {"Range", "bytes=0-9"}};
    const HeaderList added = signer.sign(awsExampleCredentials(), "GET", target, stale, crypto::EmptySha256Hex);

    QList<QByteArray> names;
    for (const auto &header : added)
        names.append(header.first);
    QCOMPARE(names, (QList<QByteArray>{"x-amz-date", "x-amz-content-sha256", "authorization"}));
    QCOMPARE(signatureOf(headerValue(added, "authorization")),
             QByteArrayLiteral("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
}

void TestSigV4::signWithSessionToken()
{
    Credentials credentials = awsExampleCredentials();
    credentials.sessionToken = QStringLiteral("token/with+chars=");
    const Result<Endpoint> endpoint = Endpoint::parse(QString::fromLatin1(AwsExampleHost));
    QVERIFY(endpoint.ok());
    const Signer signer(QStringLiteral("us-east-1"), QStringLiteral("s3"), fixedClock(AwsExampleTime));
    const RequestTarget target = endpoint->target(QStringLiteral("examplebucket"), QStringLiteral("test.txt"));
    const HeaderList added = signer.sign(credentials, "GET", target, {}, crypto::EmptySha256Hex);

    QList<QByteArray> names;
    for (const auto &header : added)
        names.append(header.first);
    QCOMPARE(names, (QList<QByteArray>{"x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "authorization"}));
    QCOMPARE(headerValue(added, "x-amz-security-token"), QByteArrayLiteral("token/with+chars="));

    // No stated hash means no body: never an empty x-amz-content-sha256 (the reference client's bug).
    const HeaderList noHash = signer.sign(credentials, "GET", target, {}, QByteArray());
    QCOMPARE(headerValue(noHash, "x-amz-content-sha256"), QByteArray(crypto::EmptySha256Hex));
    QCOMPARE(headerValue(noHash, "authorization"), headerValue(added, "authorization"));
    QVERIFY(headerValue(added, "authorization")
                .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"));
}

void TestSigV4::presignExpiry_data()
{
    QTest::addColumn<qint64>("expires");
    QTest::addColumn<bool>("valid");
    QTest::newRow("zero") << qint64(0) << false;
    QTest::newRow("negative") << qint64(-1) << false;
    QTest::newRow("one second") << qint64(1) << true;
    QTest::newRow("seven days") << qint64(604800) << true;
    QTest::newRow("seven days and a second") << qint64(604801) << false;
}

void TestSigV4::presignExpiry()
{
    QFETCH(qint64, expires);
    QFETCH(bool, valid);
    const Result<Endpoint> endpoint = Endpoint::parse(QStringLiteral("http://127.0.0.1:8000"));
    QVERIFY(endpoint.ok());
    const Signer signer(QStringLiteral("us-east-1"));
    const Result<QUrl> url
        = signer.presign(seedCredentials(), "GET", endpoint->target(QStringLiteral("b"), QStringLiteral("k")), expires);
    QCOMPARE(url.ok(), valid);
    if (!valid) {
        QCOMPARE(url.error().kind(), S3Error::Kind::Invalid);
        QVERIFY2(url.error().message().contains(QLatin1String("604800")), qPrintable(url.error().message()));
    } else {
        QVERIFY(url->toEncoded().contains(QByteArray("&X-Amz-Expires=" + QByteArray::number(expires) + '&')));
    }
}

void TestSigV4::presignSignsExtraHeaders()
{
    const Result<Endpoint> endpoint = Endpoint::parse(QStringLiteral("http://127.0.0.1:8000"));
    QVERIFY(endpoint.ok());
    const QDateTime time(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    const Signer signer(QStringLiteral("us-east-1"), QStringLiteral("s3"), fixedClock(time));
    const RequestTarget target = endpoint->target(QStringLiteral("b"), QStringLiteral("k"));
    const Result<QUrl> url
        = signer.presign(seedCredentials(), "PUT", target, 60, {{"Content-Type", "video/mp4"}, {"Host", "ignored"}});
    QVERIFY(url.ok());
    QVERIFY(url->toEncoded().contains("&X-Amz-SignedHeaders=content-type%3Bhost&X-Amz-Signature="));

    // Recompute through the pure functions: the signature covers content-type and the target's own host.
    CanonicalRequestInput input;
    input.method = "PUT";
    input.encodedPath = "/b/k";
    input.query = {{"X-Amz-Algorithm", "AWS4-HMAC-SHA256"},
                   {"X-Amz-Credential", "user/20240101/us-east-1/s3/aws4_request"},
                   {"X-Amz-Date", "20240101T000000Z"},
                   {"X-Amz-Expires", "60"},
                   {"X-Amz-SignedHeaders", "content-type;host"}};
    input.headers = {{"content-type", "video/mp4"}, {"host", "127.0.0.1:8000"}};
    input.payloadHash = UnsignedPayload;
    const QByteArray expected
        = signature(signingKey(QStringLiteral("hackme"), time, QStringLiteral("us-east-1"), QStringLiteral("s3")),
                    stringToSign(canonicalRequest(input), time,
                                 credentialScope(time, QStringLiteral("us-east-1"), QStringLiteral("s3"))));
    QVERIFY(url->toEncoded().endsWith(QByteArray("&X-Amz-Signature=" + expected)));
}

void TestSigV4::botocoreHeaderVectors_data()
{
    QTest::addColumn<QJsonObject>("vector");
    const QJsonObject data = loadBotocoreVectors();
    const QJsonArray vectors = data[QLatin1String("headerVectors")].toArray();
    QVERIFY(vectors.size() >= 10);
    for (const QJsonValue &v : vectors)
        QTest::newRow(qPrintable(v[QLatin1String("name")].toString())) << v.toObject();
}

void TestSigV4::botocoreHeaderVectors()
{
    QFETCH(QJsonObject, vector);
    const QJsonObject data = loadBotocoreVectors();
    const QDateTime time = QDateTime::fromString(data[QLatin1String("time")].toString(), Qt::ISODate);
    QVERIFY(time.isValid());

    Credentials credentials;
    credentials.accessKeyId = data[QLatin1String("accessKeyId")].toString();
    credentials.secretAccessKey = data[QLatin1String("secretAccessKey")].toString();
    credentials.sessionToken = vector[QLatin1String("sessionToken")].toString();

    const Result<Endpoint> endpoint = Endpoint::parse(data[QLatin1String("endpoint")].toString(),
                                                      data[QLatin1String("region")].toString(), AddressingStyle::Path);
    QVERIFY(endpoint.ok());
    const RequestTarget target
        = endpoint->target(vector[QLatin1String("bucket")].toString(), vector[QLatin1String("key")].toString(),
                           queryFromJson(vector[QLatin1String("query")].toArray()));

    // Same path on the wire as botocore (its query may differ only as "?uploads" versus our "?uploads=").
    const QByteArray botocoreUrl = vector[QLatin1String("url")].toString().toUtf8();
    const qsizetype queryStart = botocoreUrl.indexOf('?');
    QCOMPARE(target.url.toEncoded(QUrl::RemoveQuery), queryStart < 0 ? botocoreUrl : botocoreUrl.left(queryStart));

    HeaderList headers;
    for (const QJsonValue &pair : vector[QLatin1String("headers")].toArray())
        headers.append({pair[0].toString().toUtf8(), pair[1].toString().toUtf8()});
    const Signer signer(endpoint->region(), QStringLiteral("s3"), fixedClock(time));
    const HeaderList added = signer.sign(credentials, vector[QLatin1String("method")].toString().toLatin1(), target,
                                         headers, vector[QLatin1String("payloadHash")].toString().toLatin1());
    QCOMPARE(headerValue(added, "x-amz-date"), vector[QLatin1String("amzDate")].toString().toLatin1());
    QCOMPARE(headerValue(added, "authorization"), vector[QLatin1String("authorization")].toString().toUtf8());
}

void TestSigV4::botocorePresignVectors_data()
{
    QTest::addColumn<QJsonObject>("vector");
    const QJsonObject data = loadBotocoreVectors();
    const QJsonArray vectors = data[QLatin1String("presignVectors")].toArray();
    QVERIFY(vectors.size() >= 24);
    for (const QJsonValue &v : vectors)
        QTest::newRow(qPrintable(v[QLatin1String("name")].toString())) << v.toObject();
}

void TestSigV4::botocorePresignVectors()
{
    QFETCH(QJsonObject, vector);
    const QJsonObject data = loadBotocoreVectors();
    const QDateTime time = QDateTime::fromString(data[QLatin1String("time")].toString(), Qt::ISODate);

    Credentials credentials;
    credentials.accessKeyId = data[QLatin1String("accessKeyId")].toString();
    credentials.secretAccessKey = data[QLatin1String("secretAccessKey")].toString();
    credentials.sessionToken = vector[QLatin1String("sessionToken")].toString();

    const Result<Endpoint> endpoint = Endpoint::parse(data[QLatin1String("endpoint")].toString(),
                                                      data[QLatin1String("region")].toString(), AddressingStyle::Path);
    QVERIFY(endpoint.ok());
    const RequestTarget target
        = endpoint->target(vector[QLatin1String("bucket")].toString(), vector[QLatin1String("key")].toString(),
                           queryFromJson(vector[QLatin1String("query")].toArray()));
    const Signer signer(endpoint->region(), QStringLiteral("s3"), fixedClock(time));
    const Result<QUrl> url = signer.presign(credentials, vector[QLatin1String("method")].toString().toLatin1(), target,
                                            vector[QLatin1String("expires")].toInteger());
    QVERIFY(url.ok());
    QCOMPARE(url->toEncoded(), vector[QLatin1String("url")].toString().toUtf8());
}

QTEST_GUILESS_MAIN(TestSigV4)
#include "tst_sigv4.moc"
