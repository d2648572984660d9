// SPDX-License-Identifier: Apache-2.0
#include <QTemporaryDir>
#include <QTest>

#include "s3core/crypto.h"

using namespace s3;
using namespace s3::crypto;

class TestCrypto : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sha256_data();
    void sha256();
    void md5_data();
    void md5();
    void hmacRfc4231_data();
    void hmacRfc4231();
    void streamingEqualsOneShot_data();
    void streamingEqualsOneShot();
    void digestFile_data();
    void digestFile();
    void digestFileMissing();
    void digestFileRangePastEnd();

private:
    static QByteArray testData(qsizetype size);
};

QByteArray TestCrypto::testData(qsizetype size)
{
    // Deterministic, non-repeating within a buffer: a small LCG.
    QByteArray data(size, Qt::Uninitialized);
    quint32 state = 0x12345678;
    for (qsizetype i = 0; i < size; ++i) {
        state = state * 1664525u + 1013904223u;
        data[i] = char(state >> 24);
    }
    return data;
}

void TestCrypto::sha256_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expectedHex");
    QTest::newRow("empty") << QByteArray() << QByteArray(EmptySha256Hex);
    QTest::newRow("abc") << QByteArrayLiteral("abc")
                         << QByteArrayLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("448 bits") << QByteArrayLiteral("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                              << QByteArrayLiteral("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    QTest::newRow("million a") << QByteArray(1000000, 'a')
                               << QByteArrayLiteral("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    QTest::newRow("S3 PUT example body") << QByteArrayLiteral("Welcome to Amazon S3.")
                                         << QByteArrayLiteral(
                                                "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
}

void TestCrypto::sha256()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expectedHex);
    QCOMPARE(sha256Hex(input), expectedHex);
    QCOMPARE(crypto::sha256(input).toHex(), expectedHex);
    QCOMPARE(crypto::sha256(input).size(), 32);
}

void TestCrypto::md5_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expectedHex");
    // RFC 1321 appendix A.5
    QTest::newRow("empty") << QByteArray() << QByteArrayLiteral("d41d8cd98f00b204e9800998ecf8427e");
    QTest::newRow("a") << QByteArrayLiteral("a") << QByteArrayLiteral("0cc175b9c0f1b6a831c399e269772661");
    QTest::newRow("abc") << QByteArrayLiteral("abc") << QByteArrayLiteral("900150983cd24fb0d6963f7d28e17f72");
    QTest::newRow("message digest") << QByteArrayLiteral("message digest")
                                    << QByteArrayLiteral("f96b697d7cb7938d525a2f31aaf161d0");
    QTest::newRow("80 digits") << QByteArrayLiteral(
        "12345678901234567890123456789012345678901234567890123456789012345678901234567890")
                               << QByteArrayLiteral("57edf4a22be3c955ac49da2e2107b67a");
}

void TestCrypto::md5()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expectedHex);
    QCOMPARE(crypto::md5(input).toHex(), expectedHex);
    QCOMPARE(crypto::md5(input).size(), 16);
}

void TestCrypto::hmacRfc4231_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("expectedHex"); // compared as a prefix (test case 5 is truncated to 128 bits)

    QByteArray key4;
    for (char c = 0x01; c <= 0x19; ++c)
        key4.append(c);
    QTest::newRow("case 1") << QByteArray(20, '\x0b') << QByteArrayLiteral("Hi There")
                            << QByteArrayLiteral("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    QTest::newRow("case 2") << QByteArrayLiteral("Jefe") << QByteArrayLiteral("what do ya want for nothing?")
                            << QByteArrayLiteral("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    QTest::newRow("case 3") << QByteArray(20, '\xaa') << QByteArray(50, '\xdd')
                            << QByteArrayLiteral("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    QTest::newRow("case 4") << key4 << QByteArray(50, '\xcd')
                            << QByteArrayLiteral("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    QTest::newRow("case 5 (truncated)") << QByteArray(20, '\x0c') << QByteArrayLiteral("Test With Truncation")
                                        << QByteArrayLiteral("a3b6167473100ee06e0c796c2955552b");
    QTest::newRow("case 6") << QByteArray(131, '\xaa')
                            << QByteArrayLiteral("Test Using Larger Than Block-Size Key - Hash Key First")
                            << QByteArrayLiteral("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    QTest::newRow("case 7") << QByteArray(131, '\xaa')
                            << QByteArrayLiteral("This is a test using a larger than block-size key and a larger than "
                                                 "block-size data. The key needs to be hashed before being used by "
                                                 "the HMAC algorithm.")
                            << QByteArrayLiteral("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    QTest::newRow("empty key and data") << QByteArray() << QByteArray()
                                        << QByteArrayLiteral(
                                               "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

void TestCrypto::hmacRfc4231()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, expectedHex);
    const QByteArray mac = hmacSha256(key, data);
    QCOMPARE(mac.size(), 32);
    QCOMPARE(mac.toHex().left(expectedHex.size()), expectedHex);
}

void TestCrypto::streamingEqualsOneShot_data()
{
    QTest::addColumn<int>("pieceSize");
    QTest::newRow("1 byte") << 1;
    QTest::newRow("7 bytes") << 7;
    QTest::newRow("64 bytes (block)") << 64;
    QTest::newRow("1000 bytes") << 1000;
    QTest::newRow("whole") << 100000;
}

void TestCrypto::streamingEqualsOneShot()
{
    QFETCH(int, pieceSize);
    const QByteArray data = testData(100000);
    Hasher sha(Algorithm::Sha256);
    Hasher md(Algorithm::Md5);
    for (qsizetype pos = 0; pos < data.size(); pos += pieceSize) {
        const QByteArrayView piece = QByteArrayView(data).sliced(pos, qMin<qsizetype>(pieceSize, data.size() - pos));
        sha.addData(piece);
        md.addData(piece);
    }
    QCOMPARE(sha.result(), crypto::sha256(data));
    QCOMPARE(md.result(), crypto::md5(data));
}

void TestCrypto::digestFile_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("length");
    constexpr qint64 MiB = 1024 * 1024;
    QTest::newRow("whole file") << qint64(0) << qint64(-1);
    QTest::newRow("whole file, explicit length") << qint64(0) << 3 * MiB + 17;
    QTest::newRow("small range") << qint64(5) << qint64(100);
    QTest::newRow("across the buffer boundary") << MiB - 3 << MiB + 10;
    QTest::newRow("offset to the end") << 2 * MiB + 1 << qint64(-1);
    QTest::newRow("empty range at the end") << 3 * MiB + 17 << qint64(0);
    QTest::newRow("empty range inside") << qint64(10) << qint64(0);
}

void TestCrypto::digestFile()
{
    QFETCH(qint64, offset);
    QFETCH(qint64, length);

    const QByteArray data = testData(3 * 1024 * 1024 + 17);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("data.bin"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(data), qint64(data.size()));
    file.close();

    const Result<FileDigests> digests = crypto::digestFile(path, offset, length);
    QVERIFY2(digests.ok(), qPrintable(digests.ok() ? QString() : digests.error().message()));
    const QByteArray expected = data.mid(offset, length < 0 ? -1 : length);
    QCOMPARE(digests->size, qint64(expected.size()));
    QCOMPARE(digests->sha256, crypto::sha256(expected));
    QCOMPARE(digests->md5, crypto::md5(expected));
}

void TestCrypto::digestFileMissing()
{
    QTemporaryDir dir;
    const Result<FileDigests> digests = crypto::digestFile(dir.filePath(QStringLiteral("no-such-file")));
    QVERIFY(!digests.ok());
    QCOMPARE(digests.error().kind(), S3Error::Kind::Io);
    QVERIFY(digests.error().message().contains(QLatin1String("no-such-file")));
}

void TestCrypto::digestFileRangePastEnd()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("small.bin"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("0123456789");
    file.close();

    const Result<FileDigests> pastEnd = crypto::digestFile(path, 5, 6);
    QVERIFY(!pastEnd.ok());
    QCOMPARE(pastEnd.error().kind(), S3Error::Kind::Invalid);
    const Result<FileDigests> offsetPastEnd = crypto::digestFile(path, 11);
    QVERIFY(!offsetPastEnd.ok());
    const Result<FileDigests> exact = crypto::digestFile(path, 5, 5);
    QVERIFY(exact.ok());
    QCOMPARE(exact->md5, crypto::md5("56789"));
}

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
