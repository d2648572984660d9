// SPDX-License-Identifier: Apache-2.0
// Customer-provided encryption keys (SSE-C): parsing of keys and key files, the headers every request on an
// SSE-C object carries, and the errors that say what to do when a key is missing or wrong.
#include <QTemporaryDir>
#include <QTest>

#include "s3core/net/s3request.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ssecustomerkey.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray counting32()
{
    QByteArray key(32, Qt::Uninitialized);
    for (int i = 0; i < 32; ++i)
        key[i] = char(i);
    return key;
}

QByteArray headerValue(const sigv4::HeaderList &headers, const QByteArray &name)
{
    for (const auto &[n, v] : headers) {
        if (n == name)
            return v;
    }
    return "(absent)";
}

} // namespace

class TestSseCustomerKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headers_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<bool>("copySource");
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<QByteArray>("base64");
        QTest::addColumn<QByteArray>("md5");
        // Expected values from Python's base64 and hashlib.
        QTest::newRow("bytes 0..31") << counting32() << false << QByteArray("x-amz-server-side-encryption-customer-")
                                     << QByteArray("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=") << QByteArray("tP/LI3N87DFaSk0aoqYgzg==");
        QTest::newRow("bytes 0..31, copy source") << counting32() << true << QByteArray("x-amz-copy-source-server-side-encryption-customer-")
                                                  << QByteArray("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=") << QByteArray("tP/LI3N87DFaSk0aoqYgzg==");
        QTest::newRow("ascii key") << QByteArray("0123456789abcdef0123456789abcdef") << false << QByteArray("x-amz-server-side-encryption-customer-")
                                   << QByteArray("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=") << QByteArray("hRasmdxgYDKV3nvbahU1MA==");
    }

    void headers()
    {
        QFETCH(QByteArray, raw);
        QFETCH(bool, copySource);
        QFETCH(QByteArray, prefix);
        QFETCH(QByteArray, base64);
        QFETCH(QByteArray, md5);
        Result<SseCustomerKey> key = SseCustomerKey::fromRaw(raw);
        QVERIFY(key);
        const sigv4::HeaderList headers = key->headers(copySource);
        QCOMPARE(headers.size(), 3);
        QCOMPARE(headerValue(headers, prefix + "algorithm"), QByteArray("AES256"));
        QCOMPARE(headerValue(headers, prefix + "key"), base64);
        QCOMPARE(headerValue(headers, prefix + "key-md5"), md5);
        QCOMPARE(key->md5Base64(), md5);

        S3Request request;
        request.setHeader("x-amz-meta-a", "b");
        key->applyTo(request, copySource);
        QCOMPARE(request.headers.size(), 4);
        QCOMPARE(request.header(prefix + "key"), base64);
    }

    void nullKeyAddsNothing()
    {
        const SseCustomerKey key;
        QVERIFY(key.isNull());
        QVERIFY(key.headers().isEmpty());
        QVERIFY(key.md5Base64().isEmpty());
        S3Request request;
        key.applyTo(request, true);
        QVERIFY(request.headers.isEmpty());
    }

    void parse_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("32 raw bytes") << counting32() << true << QString();
        QTest::newRow("32 raw bytes that look like base64") << QByteArray("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3") << true << QString();
        QTest::newRow("base64") << QByteArray("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=") << true << QString();
        QTest::newRow("base64 with newline") << QByteArray("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n") << true << QString();
        QTest::newRow("base64 of 16 bytes") << QByteArray("AAECAwQFBgcICQoLDA0ODw==") << false << u"exactly 32 raw bytes"_s;
        QTest::newRow("31 raw bytes") << counting32().left(31) << false << u"it has 31 bytes"_s;
        QTest::newRow("empty") << QByteArray() << false << u"it has 0 bytes"_s;
        QTest::newRow("not base64") << QByteArray("this is certainly not a key at all!!") << false << u"exactly 32 raw bytes"_s;
    }

    void parse()
    {
        QFETCH(QByteArray, contents);
        QFETCH(bool, valid);
        QFETCH(QString, messagePart);
        Result<SseCustomerKey> key = SseCustomerKey::fromFileContents(contents, u"key.bin"_s);
        QCOMPARE(bool(key), valid);
        if (valid) {
            QVERIFY(!key->isNull());
            return;
        }
        QVERIFY2(key.error().message().contains(messagePart), qPrintable(key.error().message()));
        QVERIFY(key.error().message().contains(u"key.bin"_s));
        // The bytes themselves never appear in a message.
        if (contents.size() >= 8)
            QVERIFY(!key.error().message().toLatin1().contains(contents.left(8)));
    }

    void rawAndBase64GiveTheSameKey()
    {
        Result<SseCustomerKey> raw = SseCustomerKey::fromRaw(counting32());
        Result<SseCustomerKey> text = SseCustomerKey::fromBase64(" AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8= ");
        QVERIFY(raw && text);
        QVERIFY(*raw == *text);
        Result<SseCustomerKey> other = SseCustomerKey::fromRaw(QByteArray(32, 'x'));
        QVERIFY(other);
        QVERIFY(!(*raw == *other));
    }

    void fromFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile raw(dir.filePath(u"raw.key"_s));
        QVERIFY(raw.open(QIODevice::WriteOnly));
        raw.write(counting32());
        raw.close();
        Result<SseCustomerKey> key = SseCustomerKey::fromFile(raw.fileName());
        QVERIFY(key);
        QCOMPARE(key->md5Base64(), QByteArray("tP/LI3N87DFaSk0aoqYgzg=="));

        Result<SseCustomerKey> missing = SseCustomerKey::fromFile(dir.filePath(u"missing.key"_s));
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind(), S3Error::Kind::Io);
        QVERIFY(missing.error().message().contains(u"missing.key"_s));

        QFile big(dir.filePath(u"big.key"_s));
        QVERIFY(big.open(QIODevice::WriteOnly));
        big.write(QByteArray(SseCustomerKey::MaxKeyFileBytes + 1, 'A'));
        big.close();
        Result<SseCustomerKey> tooBig = SseCustomerKey::fromFile(big.fileName());
        QVERIFY(!tooBig);
        QVERIFY2(tooBig.error().message().contains(u"larger than"_s), qPrintable(tooBig.error().message()));
    }

    void attributesCarryTheKey()
    {
        ObjectAttributes attributes;
        attributes.sseCustomerKey = *SseCustomerKey::fromRaw(counting32());
        QVERIFY(validateObjectAttributes(attributes));
        S3Request request;
        applyObjectAttributes(request, attributes);
        QCOMPARE(request.header("x-amz-server-side-encryption-customer-algorithm"), QByteArray("AES256"));
        QCOMPARE(request.header("x-amz-server-side-encryption-customer-key-md5"), QByteArray("tP/LI3N87DFaSk0aoqYgzg=="));
        QVERIFY(request.header("x-amz-server-side-encryption").isEmpty());

        attributes.serverSideEncryption = u"aws:kms"_s;
        Result<Ok> both = validateObjectAttributes(attributes);
        QVERIFY(!both);
        QVERIFY2(both.error().message().contains(u"SSE-C"_s), qPrintable(both.error().message()));
    }

    void keyProblems_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("keyGiven");
        QTest::addColumn<bool>("isKeyProblem");
        QTest::addColumn<QString>("message");
        // Ceph RGW 16: HEAD without key 400 (no body), GET without key or with another key 400 InvalidArgument.
        // AWS: HEAD 400 without body, GET 400 InvalidRequest; another key 403.
        QTest::newRow("HEAD, no key, 400") << 400 << QString() << false << true << u"msg"_s;
        QTest::newRow("GET, no key, InvalidArgument, empty message (Ceph)") << 400 << u"InvalidArgument"_s << false << true << QString();
        QTest::newRow("GET, no key, InvalidRequest, AWS's message") << 400 << u"InvalidRequest"_s << false << true
            << u"The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object."_s;
        QTest::newRow("no key, 403 is a permission problem") << 403 << u"AccessDenied"_s << false << false << u"msg"_s;
        QTest::newRow("key, 403") << 403 << QString() << true << true << u"msg"_s;
        QTest::newRow("key, 400 InvalidArgument") << 400 << u"InvalidArgument"_s << true << true << u"msg"_s;
        QTest::newRow("404 is no key problem") << 404 << u"NoSuchKey"_s << true << false << u"msg"_s;
        QTest::newRow("other 400 code") << 400 << u"AuthorizationHeaderMalformed"_s << false << false << u"msg"_s;
        QTest::newRow("500") << 500 << QString() << true << false << u"msg"_s;
        QTest::newRow("GET, no key, bad version id") << 400 << u"InvalidArgument"_s << false << false << u"Invalid version id specified"_s;
        QTest::newRow("GET, key, InvalidArgument with any message") << 400 << u"InvalidArgument"_s << true << true << u"Invalid version id specified"_s;
    }

    void keyProblems()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(bool, keyGiven);
        QFETCH(bool, isKeyProblem);
        QFETCH(QString, message);
        const S3Error error = code.isEmpty() ? S3Error::fromHttpStatus(status, u"req-1"_s) : S3Error::fromS3(status, code, message, u"req-1"_s);
        QCOMPARE(looksLikeSseCustomerKeyProblem(error, keyGiven), isKeyProblem);
        if (!isKeyProblem)
            return;
        const S3Error described = sseCustomerKeyError(error, u"photos/a.jpg"_s, keyGiven);
        QVERIFY(isSseCustomerKeyError(described));
        QVERIFY(!isSseCustomerKeyError(error));
        QCOMPARE(described.httpStatus(), status);
        QCOMPARE(described.requestId(), u"req-1"_s);
        QVERIFY(described.message().contains(u"photos/a.jpg"_s));
        if (keyGiven) {
            QCOMPARE(described.code(), QString(SseCustomerKeyRefusedCode));
            QVERIFY2(described.message().contains(u"another customer-provided key"_s), qPrintable(described.message()));
        } else {
            QCOMPARE(described.code(), QString(SseCustomerKeyRequiredCode));
            QVERIFY2(described.message().contains(u"object is encrypted with a customer-provided key (SSE-C): give the key with "
                                                  u"--sse-c-key-file / in the app's prompt"_s),
                     qPrintable(described.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestSseCustomerKey)
#include "tst_ssecustomerkey.moc"
