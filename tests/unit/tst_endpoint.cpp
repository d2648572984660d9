// SPDX-License-Identifier: Apache-2.0
#include <QTest>

#include "s3core/endpoint.h"

using namespace s3;

Q_DECLARE_METATYPE(s3::AddressingStyle)

class TestEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void uriEncode_data();
    void uriEncode();
    void encodeQuery();
    void pathStyleKeyEncoding_data();
    void pathStyleKeyEncoding();
    void queryOnTheWire();
    void targets_data();
    void targets();
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void hostHeader_data();
    void hostHeader();
    void copySource_data();
    void copySource();
    void bucketNames_data();
    void bucketNames();
    void awsFactory();
};

void TestEndpoint::uriEncode_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("keepSlash");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("unreserved") << QByteArrayLiteral("AZaz09-._~") << false << QByteArrayLiteral("AZaz09-._~");
    QTest::newRow("space") << QByteArrayLiteral("a b") << false << QByteArrayLiteral("a%20b");
    QTest::newRow("plus") << QByteArrayLiteral("a+b") << false << QByteArrayLiteral("a%2Bb");
    QTest::newRow("percent") << QByteArrayLiteral("100%") << false << QByteArrayLiteral("100%25");
    QTest::newRow("slash encoded") << QByteArrayLiteral("a/b") << false << QByteArrayLiteral("a%2Fb");
    QTest::newRow("slash kept") << QByteArrayLiteral("a/b") << true << QByteArrayLiteral("a/b");
    QTest::newRow("delimiters") << QByteArrayLiteral("?#:=&@!$'()*,;[]") << true
                                << QByteArrayLiteral("%3F%23%3A%3D%26%40%21%24%27%28%29%2A%2C%3B%5B%5D");
    QTest::newRow("utf-8") << QStringLiteral("ключ").toUtf8() << false << QByteArrayLiteral("%D0%BA%D0%BB%D1%8E%D1%87");
    QTest::newRow("control and high bytes")
        << QByteArray("\x00\x1f\x7f\xff", 4) << false << QByteArrayLiteral("%00%1F%7F%FF");
    QTest::newRow("empty") << QByteArray() << true << QByteArray();
}

void TestEndpoint::uriEncode()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, keepSlash);
    QFETCH(QByteArray, expected);
    QCOMPARE(s3::uriEncode(raw, keepSlash), expected);
}

void TestEndpoint::encodeQuery()
{
    const QueryItems items{{"list-type", "2"}, {"prefix", "a/b c+d"}, {"uploads", ""}, {"a b", "="}};
    QCOMPARE(s3::encodeQuery(items), QByteArrayLiteral("list-type=2&prefix=a%2Fb%20c%2Bd&uploads=&a%20b=%3D"));
    QCOMPARE(s3::encodeQuery({}), QByteArray());
}

void TestEndpoint::pathStyleKeyEncoding_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("expectedPath");
    QTest::newRow("plain") << QStringLiteral("dir/file.txt") << QByteArrayLiteral("/test/dir/file.txt");
    QTest::newRow("plus") << QStringLiteral("a+b") << QByteArrayLiteral("/test/a%2Bb");
    QTest::newRow("space") << QStringLiteral("a b") << QByteArrayLiteral("/test/a%20b");
    QTest::newRow("leading slash") << QStringLiteral("/x") << QByteArrayLiteral("/test//x");
    QTest::newRow("dot-dot kept") << QStringLiteral("/x/../y") << QByteArrayLiteral("/test//x/../y");
    QTest::newRow("double slash kept") << QStringLiteral("a//b") << QByteArrayLiteral("/test/a//b");
    QTest::newRow("single dot") << QStringLiteral(".") << QByteArrayLiteral("/test/.");
    QTest::newRow("dot-dot") << QStringLiteral("..") << QByteArrayLiteral("/test/..");
    QTest::newRow("trailing slash") << QStringLiteral("folder/") << QByteArrayLiteral("/test/folder/");
    QTest::newRow("percent") << QStringLiteral("100%") << QByteArrayLiteral("/test/100%25");
    QTest::newRow("encoded-looking") << QStringLiteral("a%2Fb") << QByteArrayLiteral("/test/a%252Fb");
    QTest::newRow("question mark") << QStringLiteral("why?") << QByteArrayLiteral("/test/why%3F");
    QTest::newRow("hash") << QStringLiteral("#1") << QByteArrayLiteral("/test/%231");
    QTest::newRow("colon") << QStringLiteral("test:foo") << QByteArrayLiteral("/test/test%3Afoo");
    QTest::newRow("equals and ampersand") << QStringLiteral("a=1&b") << QByteArrayLiteral("/test/a%3D1%26b");
    QTest::newRow("tilde") << QStringLiteral("~user") << QByteArrayLiteral("/test/~user");
    QTest::newRow("unicode") << QStringLiteral("ü日本.txt") << QByteArrayLiteral("/test/%C3%BC%E6%97%A5%E6%9C%AC.txt");
    QTest::newRow("emoji") << QStringLiteral("😀") << QByteArrayLiteral("/test/%F0%9F%98%80");
    QTest::newRow("bucket only") << QString() << QByteArrayLiteral("/test");
}

void TestEndpoint::pathStyleKeyEncoding()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, expectedPath);
    const Result<Endpoint> endpoint = Endpoint::parse(QStringLiteral("http://127.0.0.1:8000"));
    QVERIFY(endpoint.ok());
    const RequestTarget target = endpoint->target(QStringLiteral("test"), key);
    QCOMPARE(target.encodedPath, expectedPath);
    QCOMPARE(target.hostHeader, QByteArrayLiteral("127.0.0.1:8000"));
    QVERIFY(target.url.isValid());
    // What QNAM sends is url.toEncoded(): it must be the signed path byte for byte.
    QCOMPARE(target.url.toEncoded(), QByteArrayLiteral("http://127.0.0.1:8000") + expectedPath);
    QCOMPARE(target.url.path(QUrl::FullyDecoded), QStringLiteral("/test") + (key.isEmpty() ? QString() : u'/' + key));
}

void TestEndpoint::queryOnTheWire()
{
    const Result<Endpoint> endpoint = Endpoint::parse(QStringLiteral("http://localhost:9090"));
    QVERIFY(endpoint.ok());
    const QueryItems query{
        {"list-type", "2"}, {"prefix", "a/b c+d"}, {"continuation-token", "x+y/z=="}, {"uploads", ""}};
    const RequestTarget target = endpoint->target(QStringLiteral("test"), QString(), query);
    QCOMPARE(target.url.toEncoded(),
             QByteArrayLiteral("http://localhost:9090/test?list-type=2&prefix=a%2Fb%20c%2Bd"
                               "&continuation-token=x%2By%2Fz%3D%3D&uploads="));
    QCOMPARE(target.query, query);
}

void TestEndpoint::targets_data()
{
    QTest::addColumn<QString>("endpointUrl");
    QTest::addColumn<AddressingStyle>("style");
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("virtualHost");
    QTest::addColumn<QByteArray>("expectedUrl");

    const QString aws = QStringLiteral("https://s3.eu-west-1.amazonaws.com");
    QTest::newRow("aws auto: virtual host")
        << aws << AddressingStyle::Auto << QStringLiteral("mybucket") << QStringLiteral("a b/c") << true
        << QByteArrayLiteral("https://mybucket.s3.eu-west-1.amazonaws.com/a%20b/c");
    QTest::newRow("aws auto: bucket level")
        << aws << AddressingStyle::Auto << QStringLiteral("mybucket") << QString() << true
        << QByteArrayLiteral("https://mybucket.s3.eu-west-1.amazonaws.com/");
    QTest::newRow("aws auto: dotted bucket over https")
        << aws << AddressingStyle::Auto << QStringLiteral("my.bucket") << QStringLiteral("k") << false
        << QByteArrayLiteral("https://s3.eu-west-1.amazonaws.com/my.bucket/k");
    QTest::newRow("aws auto: legacy uppercase bucket")
        << aws << AddressingStyle::Auto << QStringLiteral("My_Bucket") << QStringLiteral("k") << false
        << QByteArrayLiteral("https://s3.eu-west-1.amazonaws.com/My_Bucket/k");
    QTest::newRow("aws path") << aws << AddressingStyle::Path << QStringLiteral("mybucket") << QStringLiteral("k")
                              << false << QByteArrayLiteral("https://s3.eu-west-1.amazonaws.com/mybucket/k");
    QTest::newRow("aws service level") << aws << AddressingStyle::Auto << QString() << QString() << false
                                       << QByteArrayLiteral("https://s3.eu-west-1.amazonaws.com/");
    QTest::newRow("custom auto: path style")
        << QStringLiteral("http://minio.local:9000") << AddressingStyle::Auto << QStringLiteral("test")
        << QStringLiteral("k") << false << QByteArrayLiteral("http://minio.local:9000/test/k");
    QTest::newRow("custom forced virtual host")
        << QStringLiteral("http://minio.local:9000") << AddressingStyle::VirtualHost << QStringLiteral("test")
        << QStringLiteral("a+b") << true << QByteArrayLiteral("http://test.minio.local:9000/a%2Bb");
    QTest::newRow("custom forced virtual host, bucket level")
        << QStringLiteral("http://minio.local:9000") << AddressingStyle::VirtualHost << QStringLiteral("test")
        << QString() << true << QByteArrayLiteral("http://test.minio.local:9000/");
    // botocore keeps path style for a custom endpoint unless virtual-host is asked for (its "auto" with an
    // endpoint URL), and never puts a name that is not a DNS label into a host name.
    QTest::newRow("custom auto: localhost path style")
        << QStringLiteral("http://localhost:8000") << AddressingStyle::Auto << QStringLiteral("test")
        << QStringLiteral("k") << false << QByteArrayLiteral("http://localhost:8000/test/k");
    QTest::newRow("localhost forced virtual host")
        << QStringLiteral("http://localhost:8000") << AddressingStyle::VirtualHost << QStringLiteral("test")
        << QStringLiteral("k") << true << QByteArrayLiteral("http://test.localhost:8000/k");
    QTest::newRow("forced virtual host: uppercase bucket stays in the path")
        << QStringLiteral("http://localhost:8000") << AddressingStyle::VirtualHost << QStringLiteral("Test_Bucket")
        << QStringLiteral("k") << false << QByteArrayLiteral("http://localhost:8000/Test_Bucket/k");
    QTest::newRow("aws auto: http with a dotted bucket")
        << QStringLiteral("http://s3.eu-west-1.amazonaws.com") << AddressingStyle::Auto << QStringLiteral("my.bucket")
        << QStringLiteral("k") << true << QByteArrayLiteral("http://my.bucket.s3.eu-west-1.amazonaws.com/k");
    QTest::newRow("ipv6 address never virtual host")
        << QStringLiteral("http://[::1]:9000") << AddressingStyle::VirtualHost << QStringLiteral("test")
        << QStringLiteral("k") << false << QByteArrayLiteral("http://[::1]:9000/test/k");
    QTest::newRow("ip address never virtual host")
        << QStringLiteral("http://127.0.0.1:9000") << AddressingStyle::VirtualHost << QStringLiteral("test")
        << QStringLiteral("k") << false << QByteArrayLiteral("http://127.0.0.1:9000/test/k");
    QTest::newRow("custom service level")
        << QStringLiteral("http://minio.local:9000") << AddressingStyle::Path << QString() << QString() << false
        << QByteArrayLiteral("http://minio.local:9000/");
    const QString inHost = QStringLiteral("https://examplebucket.s3.amazonaws.com");
    QTest::newRow("bucket in host: default bucket")
        << inHost << AddressingStyle::Auto << QStringLiteral("examplebucket") << QStringLiteral("test.txt") << true
        << QByteArrayLiteral("https://examplebucket.s3.amazonaws.com/test.txt");
    QTest::newRow("bucket in host: default bucket, path style asked")
        << inHost << AddressingStyle::Path << QStringLiteral("examplebucket") << QStringLiteral("/x") << true
        << QByteArrayLiteral("https://examplebucket.s3.amazonaws.com//x");
    QTest::newRow("bucket in host: other bucket")
        << inHost << AddressingStyle::Auto << QStringLiteral("other") << QStringLiteral("k") << true
        << QByteArrayLiteral("https://other.s3.amazonaws.com/k");
    QTest::newRow("bucket in host: other bucket, path style")
        << inHost << AddressingStyle::Path << QStringLiteral("other") << QStringLiteral("k") << false
        << QByteArrayLiteral("https://s3.amazonaws.com/other/k");
    QTest::newRow("bucket in host: service level") << inHost << AddressingStyle::Auto << QString() << QString() << false
                                                   << QByteArrayLiteral("https://s3.amazonaws.com/");
    QTest::newRow("bucket in path") << QStringLiteral("http://localhost:9090/test") << AddressingStyle::Auto
                                    << QStringLiteral("test") << QStringLiteral("example") << false
                                    << QByteArrayLiteral("http://localhost:9090/test/example");
}

void TestEndpoint::targets()
{
    QFETCH(QString, endpointUrl);
    QFETCH(AddressingStyle, style);
    QFETCH(QString, bucket);
    QFETCH(QString, key);
    QFETCH(bool, virtualHost);
    QFETCH(QByteArray, expectedUrl);

    const Result<Endpoint> endpoint = Endpoint::parse(endpointUrl, {}, style);
    QVERIFY(endpoint.ok());
    QCOMPARE(endpoint->usesVirtualHost(bucket), virtualHost);
    const RequestTarget target = endpoint->target(bucket, key);
    QCOMPARE(target.url.toEncoded(), expectedUrl);
    // The host header and the path are exactly the URL's authority and path.
    const QUrl expected = QUrl::fromEncoded(expectedUrl, QUrl::StrictMode);
    QCOMPARE(target.encodedPath, expected.path(QUrl::FullyEncoded).toLatin1());
    QCOMPARE(target.hostHeader, expected.authority(QUrl::FullyEncoded).toLatin1());
}

void TestEndpoint::parse_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("expectedRegion");
    QTest::addColumn<QString>("expectedBucket");
    QTest::addColumn<bool>("bucketInHost");
    QTest::addColumn<bool>("isAws");
    QTest::addColumn<QString>("expectedBase");

    QTest::newRow("global") << QStringLiteral("https://s3.amazonaws.com") << QString() << QStringLiteral("us-east-1")
                            << QString() << false << true << QStringLiteral("https://s3.amazonaws.com/");
    QTest::newRow("regional dot") << QStringLiteral("https://s3.eu-central-1.amazonaws.com") << QString()
                                  << QStringLiteral("eu-central-1") << QString() << false << true
                                  << QStringLiteral("https://s3.eu-central-1.amazonaws.com/");
    QTest::newRow("regional dash") << QStringLiteral("https://s3-eu-west-1.amazonaws.com/") << QString()
                                   << QStringLiteral("eu-west-1") << QString() << false << true
                                   << QStringLiteral("https://s3-eu-west-1.amazonaws.com/");
    QTest::newRow("virtual host regional")
        << QStringLiteral("https://mybucket.s3.eu-west-2.amazonaws.com") << QString() << QStringLiteral("eu-west-2")
        << QStringLiteral("mybucket") << true << true << QStringLiteral("https://mybucket.s3.eu-west-2.amazonaws.com/");
    QTest::newRow("virtual host dotted, dash form")
        << QStringLiteral("https://my.dotted.bucket.s3-us-west-2.amazonaws.com") << QString()
        << QStringLiteral("us-west-2") << QStringLiteral("my.dotted.bucket") << true << true
        << QStringLiteral("https://my.dotted.bucket.s3-us-west-2.amazonaws.com/");
    QTest::newRow("virtual host global, region given")
        << QStringLiteral("https://mybucket.s3.amazonaws.com") << QStringLiteral("ap-south-1")
        << QStringLiteral("ap-south-1") << QStringLiteral("mybucket") << true << true
        << QStringLiteral("https://mybucket.s3.amazonaws.com/");
    QTest::newRow("bucket named s3") << QStringLiteral("https://s3.s3.us-east-2.amazonaws.com") << QString()
                                     << QStringLiteral("us-east-2") << QStringLiteral("s3") << true << true
                                     << QStringLiteral("https://s3.s3.us-east-2.amazonaws.com/");
    QTest::newRow("custom with bucket path")
        << QStringLiteral("http://localhost:9090/test") << QString() << QStringLiteral("us-east-1")
        << QStringLiteral("test") << false << false << QStringLiteral("http://localhost:9090/");
    QTest::newRow("custom with bucket path and slash")
        << QStringLiteral("http://localhost:9090/test/") << QStringLiteral("eu-1") << QStringLiteral("eu-1")
        << QStringLiteral("test") << false << false << QStringLiteral("http://localhost:9090/");
    QTest::newRow("default port dropped")
        << QStringLiteral("https://minio.example.com:443") << QString() << QStringLiteral("us-east-1") << QString()
        << false << false << QStringLiteral("https://minio.example.com/");
    QTest::newRow("upper-case host") << QStringLiteral("HTTP://MinIO.Example.com:9000") << QString()
                                     << QStringLiteral("us-east-1") << QString() << false << false
                                     << QStringLiteral("http://minio.example.com:9000/");
    QTest::newRow("ipv6") << QStringLiteral("http://[::1]:9000") << QString() << QStringLiteral("us-east-1")
                          << QString() << false << false << QStringLiteral("http://[::1]:9000/");
}

void TestEndpoint::parse()
{
    QFETCH(QString, url);
    QFETCH(QString, region);
    QFETCH(QString, expectedRegion);
    QFETCH(QString, expectedBucket);
    QFETCH(bool, bucketInHost);
    QFETCH(bool, isAws);
    QFETCH(QString, expectedBase);

    const Result<Endpoint> endpoint = Endpoint::parse(url, region);
    QVERIFY2(endpoint.ok(), qPrintable(endpoint.ok() ? QString() : endpoint.error().message()));
    QCOMPARE(endpoint->region(), expectedRegion);
    QCOMPARE(endpoint->defaultBucket(), expectedBucket);
    QCOMPARE(endpoint->bucketInHost(), bucketInHost);
    QCOMPARE(endpoint->isAws(), isAws);
    QCOMPARE(endpoint->baseUrl().toString(), expectedBase);
    QVERIFY(endpoint->baseUrl().userInfo().isEmpty());
}

void TestEndpoint::parseErrors_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("nested path") << QStringLiteral("http://localhost:9090/test/sub")
                                 << QStringLiteral("endpoint URL path may only name a bucket");
    QTest::newRow("ftp") << QStringLiteral("ftp://example.com") << QStringLiteral("http or https");
    QTest::newRow("no scheme") << QStringLiteral("example.com") << QStringLiteral("http or https");
    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("no host") << QStringLiteral("http:///bucket") << QStringLiteral("host");
    QTest::newRow("query") << QStringLiteral("http://h/?x=1") << QStringLiteral("query");
    QTest::newRow("bucket in host and path")
        << QStringLiteral("https://b.s3.amazonaws.com/other") << QStringLiteral("both in the host and in the path");
    // Credentials belong in the credential settings; the message shows the URL without them.
    QTest::newRow("user info") << QStringLiteral("http://user:hackme@localhost:9090/test")
                               << QStringLiteral("\"http://***@localhost:9090/test\": it contains credentials");
    QTest::newRow("user info, secret with /") << QStringLiteral("http://user:hack/me@localhost:9090")
                                              << QStringLiteral("\"http://***@localhost:9090\": it contains credentials");
}

void TestEndpoint::parseErrors()
{
    QFETCH(QString, url);
    QFETCH(QString, messagePart);
    const Result<Endpoint> endpoint = Endpoint::parse(url);
    QVERIFY(!endpoint.ok());
    QCOMPARE(endpoint.error().kind(), S3Error::Kind::Invalid);
    QVERIFY2(endpoint.error().message().contains(messagePart), qPrintable(endpoint.error().message()));
    QVERIFY2(!endpoint.error().toString().contains(QStringLiteral("hack")), qPrintable(endpoint.error().toString()));
}

void TestEndpoint::hostHeader_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("expectedHost");
    QTest::addColumn<QByteArray>("expectedUrl");
    QTest::newRow("http default port") << QStringLiteral("http://h.example:80") << QByteArrayLiteral("h.example")
                                       << QByteArrayLiteral("http://h.example/b/k");
    QTest::newRow("https default port") << QStringLiteral("https://h.example:443") << QByteArrayLiteral("h.example")
                                        << QByteArrayLiteral("https://h.example/b/k");
    QTest::newRow("http custom port") << QStringLiteral("http://h.example:8080") << QByteArrayLiteral("h.example:8080")
                                      << QByteArrayLiteral("http://h.example:8080/b/k");
    QTest::newRow("https on port 80") << QStringLiteral("https://h.example:80") << QByteArrayLiteral("h.example:80")
                                      << QByteArrayLiteral("https://h.example:80/b/k");
    QTest::newRow("http on port 443") << QStringLiteral("http://h.example:443") << QByteArrayLiteral("h.example:443")
                                      << QByteArrayLiteral("http://h.example:443/b/k");
    QTest::newRow("no port") << QStringLiteral("http://h.example") << QByteArrayLiteral("h.example")
                             << QByteArrayLiteral("http://h.example/b/k");
    QTest::newRow("ipv6 with port") << QStringLiteral("http://[::1]:9000") << QByteArrayLiteral("[::1]:9000")
                                    << QByteArrayLiteral("http://[::1]:9000/b/k");
    QTest::newRow("ipv6 default port") << QStringLiteral("http://[2001:db8::1]:80")
                                       << QByteArrayLiteral("[2001:db8::1]")
                                       << QByteArrayLiteral("http://[2001:db8::1]/b/k");
    QTest::newRow("idn host") << QStringLiteral("http://bücher.example:9000")
                              << QByteArrayLiteral("xn--bcher-kva.example:9000")
                              << QByteArrayLiteral("http://xn--bcher-kva.example:9000/b/k");
}

void TestEndpoint::hostHeader()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, expectedHost);
    QFETCH(QByteArray, expectedUrl);
    const Result<Endpoint> endpoint = Endpoint::parse(url);
    QVERIFY(endpoint.ok());
    const RequestTarget target = endpoint->target(QStringLiteral("b"), QStringLiteral("k"));
    QCOMPARE(target.hostHeader, expectedHost);
    QCOMPARE(target.url.toEncoded(), expectedUrl);
}

void TestEndpoint::copySource_data()
{
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("versionId");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << QStringLiteral("src") << QStringLiteral("dir/file.txt") << QString()
                           << QByteArrayLiteral("/src/dir/file.txt");
    QTest::newRow("special characters") << QStringLiteral("src") << QStringLiteral("a b+c/ü?#.txt") << QString()
                                        << QByteArrayLiteral("/src/a%20b%2Bc/%C3%BC%3F%23.txt");
    QTest::newRow("leading slash") << QStringLiteral("src") << QStringLiteral("/x//y") << QString()
                                   << QByteArrayLiteral("/src//x//y");
    QTest::newRow("version") << QStringLiteral("src") << QStringLiteral("k") << QStringLiteral("v1+2/3=")
                             << QByteArrayLiteral("/src/k?versionId=v1%2B2%2F3%3D");
}

void TestEndpoint::copySource()
{
    QFETCH(QString, bucket);
    QFETCH(QString, key);
    QFETCH(QString, versionId);
    QFETCH(QByteArray, expected);
    QCOMPARE(Endpoint::copySource(bucket, key, versionId), expected);
}

void TestEndpoint::bucketNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("dnsCompatible");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("simple") << QStringLiteral("test") << true << true << QString();
    QTest::newRow("digits and hyphens") << QStringLiteral("my-bucket-01") << true << true << QString();
    QTest::newRow("dots") << QStringLiteral("my.bucket.name") << true << true << QString();
    QTest::newRow("three chars") << QStringLiteral("abc") << true << true << QString();
    QTest::newRow("63 chars") << QString(63, u'a') << true << true << QString();
    QTest::newRow("too short") << QStringLiteral("ab") << false << false << QStringLiteral("between 3 and 63");
    QTest::newRow("too long") << QString(64, u'a') << false << false << QStringLiteral("between 3 and 63");
    QTest::newRow("empty") << QString() << false << false << QStringLiteral("between 3 and 63");
    QTest::newRow("uppercase") << QStringLiteral("MyBucket") << false << false << QStringLiteral("lowercase letters");
    QTest::newRow("underscore") << QStringLiteral("my_bucket") << false << false << QStringLiteral("lowercase letters");
    QTest::newRow("space") << QStringLiteral("my bucket") << false << false << QStringLiteral("lowercase letters");
    QTest::newRow("leading hyphen") << QStringLiteral("-bucket") << false << false << QStringLiteral("begin and end");
    QTest::newRow("trailing dot") << QStringLiteral("bucket.") << false << false << QStringLiteral("begin and end");
    QTest::newRow("double dot") << QStringLiteral("my..bucket") << false << false << QStringLiteral("adjacent dots");
    QTest::newRow("ip address") << QStringLiteral("192.168.5.4") << false << false << QStringLiteral("IP address");
    QTest::newRow("dash next to dot") << QStringLiteral("my-.bucket") << true << false << QString();
}

void TestEndpoint::bucketNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QFETCH(bool, dnsCompatible);
    QFETCH(QString, messagePart);
    const Result<Ok> result = validateBucketName(name);
    QCOMPARE(result.ok(), valid);
    if (!valid) {
        QCOMPARE(result.error().kind(), S3Error::Kind::Invalid);
        QVERIFY2(result.error().message().contains(messagePart), qPrintable(result.error().message()));
    }
    QCOMPARE(isDnsCompatibleBucketName(name), dnsCompatible);
}

void TestEndpoint::awsFactory()
{
    const Endpoint east = Endpoint::aws(QStringLiteral("us-east-1"));
    QCOMPARE(east.baseUrl().host(), QStringLiteral("s3.us-east-1.amazonaws.com"));
    QCOMPARE(east.region(), QStringLiteral("us-east-1"));
    QVERIFY(east.isAws());
    QVERIFY(east.isHttps());
    QVERIFY(east.defaultBucket().isEmpty());

    const Endpoint frankfurt = Endpoint::aws(QStringLiteral("eu-central-1"));
    QCOMPARE(frankfurt.target(QStringLiteral("bucket"), QStringLiteral("k")).url.toEncoded(),
             QByteArrayLiteral("https://bucket.s3.eu-central-1.amazonaws.com/k"));
    QCOMPARE(Endpoint::aws(QString()).region(), QStringLiteral("us-east-1"));
}

QTEST_GUILESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
