// SPDX-License-Identifier: Apache-2.0
// The pure functions of Quick look, with data tables: which kind an object is shown as (Content-Type, extension,
// then the bytes), how many bytes are fetched first, how text is decoded (BOMs, UTF-8, Latin-1, a character cut
// at the end of the range) and the hex view's lines.
#include <QTest>

#include "util/hexdump.h"
#include "util/previewkind.h"
#include "util/textdecode.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(s3ui::PreviewKind)

class TestQuickLook : public QObject
{
    Q_OBJECT

    static QByteArray png() { return QByteArray::fromHex("89504e470d0a1a0a0000000d49484452"); }

private Q_SLOTS:
    void declaredKind_data()
    {
        QTest::addColumn<QString>("contentType");
        QTest::addColumn<QString>("name");
        QTest::addColumn<PreviewKind>("expected");
        QTest::newRow("png type") << u"image/png"_s << u"x"_s << PreviewKind::Image;
        QTest::newRow("svg type") << u"image/svg+xml"_s << u"x"_s << PreviewKind::Image;
        QTest::newRow("text with charset") << u"text/plain; charset=utf-8"_s << u"x.bin"_s << PreviewKind::Text;
        QTest::newRow("json type") << u"application/json"_s << u"x"_s << PreviewKind::Text;
        QTest::newRow("vendor +json") << u"application/vnd.api+json"_s << u"x"_s << PreviewKind::Text;
        QTest::newRow("type wins over extension") << u"image/jpeg"_s << u"photo.txt"_s << PreviewKind::Image;
        QTest::newRow("octet-stream -> extension") << u"application/octet-stream"_s << u"a/b/photo.JPG"_s << PreviewKind::Image;
        QTest::newRow("binary/octet-stream -> extension") << u"binary/octet-stream"_s << u"notes.md"_s << PreviewKind::Text;
        QTest::newRow("no type, yaml") << QString() << u"deploy.yaml"_s << PreviewKind::Text;
        QTest::newRow("no type, zip") << QString() << u"x.zip"_s << PreviewKind::Binary;
        QTest::newRow("pdf type") << u"application/pdf"_s << u"x"_s << PreviewKind::Binary;
        QTest::newRow("video type") << u"video/mp4"_s << u"x"_s << PreviewKind::Binary;
        QTest::newRow("unknown extension") << QString() << u"data.xyz"_s << PreviewKind::Unknown;
        QTest::newRow("no extension") << QString() << u"Makefile"_s << PreviewKind::Unknown;
        QTest::newRow("hidden file is no extension") << QString() << u"dir/.png"_s << PreviewKind::Unknown;
        QTest::newRow("dot in folder only") << QString() << u"v1.2/README"_s << PreviewKind::Unknown;
    }

    void declaredKind()
    {
        QFETCH(QString, contentType);
        QFETCH(QString, name);
        QFETCH(PreviewKind, expected);
        QCOMPARE(declaredPreviewKind(contentType, name), expected);
    }

    void sniffedKind_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("cut");
        QTest::addColumn<PreviewKind>("expected");
        QTest::newRow("png") << png() << false << PreviewKind::Image;
        QTest::newRow("jpeg") << QByteArray::fromHex("ffd8ffe000104a464946") << false << PreviewKind::Image;
        QTest::newRow("gif") << QByteArray("GIF89a\x01\x00\x01\x00") << false << PreviewKind::Image;
        QTest::newRow("webp") << QByteArray("RIFF\x24\x10\x20\x30WEBPVP8 ") << false << PreviewKind::Image;
        QTest::newRow("bmp") << QByteArray::fromHex("424d3a0000000000000036000000") << false << PreviewKind::Image;
        QTest::newRow("text starting BM") << QByteArray("BMW cars are listed below\n") << false << PreviewKind::Text;
        QTest::newRow("svg") << QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\"/>") << false << PreviewKind::Image;
        QTest::newRow("svg after declaration") << QByteArray("<?xml version=\"1.0\"?>\n<!-- c -->\n<svg width=\"1\"/>") << false << PreviewKind::Image;
        QTest::newRow("xml mentioning svg") << QByteArray("<?xml version=\"1.0\"?><doc><svg/></doc>") << false << PreviewKind::Text;
        QTest::newRow("ascii") << QByteArray("hello\nworld\n") << false << PreviewKind::Text;
        QTest::newRow("utf-8") << u"grüße, 日本"_s.toUtf8() << false << PreviewKind::Text;
        QTest::newRow("utf-8 cut inside a character") << u"日本"_s.toUtf8().chopped(1) << true << PreviewKind::Text;
        QTest::newRow("latin-1") << QByteArray("gr\xfc\xdf" "e\n") << false << PreviewKind::Text;
        QTest::newRow("utf-16le bom") << QByteArray("\xff\xfeh\0i\0", 6) << false << PreviewKind::Text;
        QTest::newRow("nul bytes") << QByteArray("abc\0def", 7) << false << PreviewKind::Binary;
        QTest::newRow("control bytes") << QByteArray("\x01\x02\x03\x04\x05\x80\x81\x82\x83\x84") << false << PreviewKind::Binary;
        QTest::newRow("empty") << QByteArray() << false << PreviewKind::Text;
    }

    void sniffedKind()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, cut);
        QFETCH(PreviewKind, expected);
        QCOMPARE(sniffPreviewKind(bytes, cut), expected);
    }

    void chosenKind_data()
    {
        QTest::addColumn<QString>("contentType");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<PreviewKind>("expected");
        QTest::newRow("declared png, png bytes") << u"image/png"_s << u"a.png"_s << png() << PreviewKind::Image;
        QTest::newRow("declared png, text bytes") << u"image/png"_s << u"a.png"_s << QByteArray("not an image\n") << PreviewKind::Text;
        QTest::newRow("octet-stream, png bytes") << u"application/octet-stream"_s << u"blob"_s << png() << PreviewKind::Image;
        QTest::newRow("octet-stream, text") << u"binary/octet-stream"_s << u"blob"_s << QByteArray("a=1\n") << PreviewKind::Text;
        QTest::newRow("octet-stream, binary") << u"binary/octet-stream"_s << u"blob"_s << QByteArray("\0\1\2\3", 4) << PreviewKind::Binary;
        QTest::newRow("text/plain with NUL") << u"text/plain"_s << u"a.txt"_s << QByteArray("a\0b", 3) << PreviewKind::Binary;
        QTest::newRow("text/xml that is svg") << u"text/xml"_s << u"a.xml"_s << QByteArray("<svg/>") << PreviewKind::Image;
        QTest::newRow("zip stays binary") << u"application/zip"_s << u"a.zip"_s << QByteArray("PK text-like") << PreviewKind::Binary;
    }

    void chosenKind()
    {
        QFETCH(QString, contentType);
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(PreviewKind, expected);
        QCOMPARE(choosePreviewKind(contentType, name, bytes, false), expected);
    }

    void firstFetch_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("small text") << u"a.txt"_s << qint64(100) << qint64(100);
        QTest::newRow("large text: 1 MiB") << u"a.txt"_s << qint64(40) * 1024 * 1024 << preview::TextBytes;
        QTest::newRow("image: whole") << u"a.png"_s << qint64(5) * 1024 * 1024 << qint64(5) * 1024 * 1024;
        QTest::newRow("image at the limit") << u"a.png"_s << preview::ImageMaxBytes << preview::ImageMaxBytes;
        QTest::newRow("image above the limit") << u"a.png"_s << preview::ImageMaxBytes + 1 << preview::TextBytes;
        QTest::newRow("unknown") << u"blob"_s << qint64(3) * 1024 * 1024 << preview::TextBytes;
        QTest::newRow("empty") << u"a.txt"_s << qint64(0) << qint64(0);
        QTest::newRow("size not known") << u"a.png"_s << qint64(-1) << preview::TextBytes;
    }

    void firstFetch()
    {
        QFETCH(QString, name);
        QFETCH(qint64, size);
        QFETCH(qint64, expected);
        QCOMPARE(firstFetchBytes(name, size), expected);
    }

    void decode_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("cut");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("encoding");
        QTest::newRow("ascii") << QByteArray("hello") << false << u"hello"_s << u"UTF-8"_s;
        QTest::newRow("utf-8") << u"grüße"_s.toUtf8() << false << u"grüße"_s << u"UTF-8"_s;
        QTest::newRow("utf-8 bom dropped") << QByteArray("\xef\xbb\xbf" "abc") << false << u"abc"_s << u"UTF-8 (BOM)"_s;
        QTest::newRow("utf-8 cut inside a character") << QByteArray("ab\xe6\x97") << true << u"ab"_s << u"UTF-8"_s;
        QTest::newRow("utf-8 cut inside 4 bytes") << QByteArray("x\xf0\x9f\x98") << true << u"x"_s << u"UTF-8"_s;
        QTest::newRow("incomplete at the real end is Latin-1") << QByteArray("ab\xe6\x97") << false << u"ab\u00e6\u0097"_s << u"Latin-1"_s;
        QTest::newRow("latin-1") << QByteArray("gr\xfc\xdf" "e") << false << u"grüße"_s << u"Latin-1"_s;
        QTest::newRow("overlong is not utf-8") << QByteArray("\xc0\xaf") << false << u"\u00c0\u00af"_s << u"Latin-1"_s;
        QTest::newRow("surrogate is not utf-8") << QByteArray("\xed\xa0\x80") << false << u"\u00ed\u00a0\u0080"_s << u"Latin-1"_s;
        QTest::newRow("utf-16le") << QByteArray("\xff\xfeh\0i\0", 6) << false << u"hi"_s << u"UTF-16LE"_s;
        QTest::newRow("utf-16be") << QByteArray("\xfe\xff\0h\0i", 6) << false << u"hi"_s << u"UTF-16BE"_s;
        QTest::newRow("utf-16le odd byte dropped") << QByteArray("\xff\xfeh\0i", 5) << true << u"h"_s << u"UTF-16LE"_s;
        QTest::newRow("utf-16le cut after a high surrogate") << QByteArray("\xff\xfeh\0\x3d\xd8", 6) << true << u"h"_s << u"UTF-16LE"_s;
        QTest::newRow("utf-16be pair kept") << QByteArray("\xfe\xff\xd8\x3d\xde\x00", 6) << true << u"\U0001F600"_s << u"UTF-16BE"_s;
        QTest::newRow("empty") << QByteArray() << false << QString() << u"UTF-8"_s;
    }

    void decode()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, cut);
        QFETCH(QString, text);
        QFETCH(QString, encoding);
        const DecodedText decoded = decodeText(bytes, cut);
        QCOMPARE(decoded.text, text);
        QCOMPARE(decoded.encoding, encoding);
    }

    void hex_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<QString>("expected");
        // The same lines as `printf ... | hexdump -C` (without its final offset line).
        QTest::newRow("empty") << QByteArray() << qint64(0) << QString();
        QTest::newRow("short line") << QByteArray("Hello\n") << qint64(0)
                                    << u"00000000  48 65 6c 6c 6f 0a                                 |Hello.|\n"_s;
        QTest::newRow("eight bytes") << QByteArray("01234567") << qint64(0)
                                     << u"00000000  30 31 32 33 34 35 36 37                           |01234567|\n"_s;
        QTest::newRow("two lines") << QByteArray("hello world, hex\x00\xff\x7f", 19) << qint64(0)
                                   << u"00000000  68 65 6c 6c 6f 20 77 6f  72 6c 64 2c 20 68 65 78  |hello world, hex|\n"
                                      "00000010  00 ff 7f                                          |...|\n"_s;
        QTest::newRow("offset") << QByteArray("A") << qint64(0x12345670) << u"12345670  41                                                |A|\n"_s;
    }

    void hex()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, offset);
        QFETCH(QString, expected);
        QCOMPARE(hexDump(bytes, offset), expected);
    }

    void hexOf64KiB()
    {
        const QString dump = hexDump(QByteArray(preview::HexBytes, 'x'));
        QCOMPARE(dump.count(u'\n'), preview::HexBytes / 16);
        QVERIFY(dump.endsWith(u"0000fff0  78 78 78 78 78 78 78 78  78 78 78 78 78 78 78 78  |xxxxxxxxxxxxxxxx|\n"_s));
    }
};

QTEST_GUILESS_MAIN(TestQuickLook)
#include "tst_quicklook.moc"
