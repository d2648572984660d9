// SPDX-License-Identifier: Apache-2.0
// escapeControlCharacters(): what a key, prefix, metadata value or message may show on a terminal or in a
// status bar line. Pure function, data-driven.
#include <QTest>

#include "reliabilitycase.h"
#include "s3core/textescape.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

class TestTextEscape : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapes_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");

        QTest::newRow("plain key") << u"photos/2026/a b.jpg"_s << u"photos/2026/a b.jpg"_s;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("unicode letters") << u"fotos/ä €😀 日本"_s << u"fotos/ä €😀 日本"_s;
        QTest::newRow("backslash unchanged") << u"a\\b\\x1b"_s << u"a\\b\\x1b"_s;
        QTest::newRow("ESC title sequence") << u"\x1b]0;owned\x07key"_s << u"\\x1b]0;owned\\x07key"_s;
        QTest::newRow("ESC colour") << u"\x1b[31mred"_s << u"\\x1b[31mred"_s;
        QTest::newRow("BEL") << u"ring\x07"_s << u"ring\\x07"_s;
        QTest::newRow("CR overwrites the line") << u"innocent\rmalicious"_s << u"innocent\\rmalicious"_s;
        QTest::newRow("LF") << u"two\nlines"_s << u"two\\nlines"_s;
        QTest::newRow("tab") << u"a\tb"_s << u"a\\tb"_s;
        QTest::newRow("NUL") << u"a\0b"_s << u"a\\x00b"_s;
        QTest::newRow("backspace") << u"abc\x08\x08x"_s << u"abc\\x08\\x08x"_s;
        QTest::newRow("unit separator") << u"\x1f"_s << u"\\x1f"_s;
        QTest::newRow("DEL") << u"a\x7f"_s << u"a\\x7f"_s;
        QTest::newRow("C1 CSI") << u"\u009b31m"_s << u"\\x9b31m"_s;
        QTest::newRow("C1 OSC and ST") << u"\u009d0;t\u009c"_s << u"\\x9d0;t\\x9c"_s;
        QTest::newRow("C1 NEL") << u"a\u0085b"_s << u"a\\x85b"_s;
        QTest::newRow("first printable after C1") << u"\u00a0x"_s << u"\u00a0x"_s;
        QTest::newRow("line separator") << u"a\u2028b"_s << u"a\\u2028b"_s;
        QTest::newRow("paragraph separator") << u"a\u2029b"_s << u"a\\u2029b"_s;
        QTest::newRow("right-to-left override") << u"invoice\u202egnp.exe"_s << u"invoice\\u202egnp.exe"_s;
        QTest::newRow("bidi isolate") << u"a\u2066b\u2069"_s << u"a\\u2066b\\u2069"_s;
        QTest::newRow("only controls") << u"\r\n\x1b"_s << u"\\r\\n\\x1b"_s;
    }

    void escapes()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const QString escaped = escapeControlCharacters(input);
        QCOMPARE(escaped, expected);
        for (const QChar c : escaped) {
            const char16_t u = c.unicode();
            QVERIFY2(u >= 0x20 && u != 0x7f && !(u >= 0x80 && u <= 0x9f) && u != 0x2028 && u != 0x2029 && !(u >= 0x202a && u <= 0x202e),
                     qPrintable(u"control U+%1 left in the output"_s.arg(uint(u), 4, 16, QChar(u'0'))));
        }
        if (input != expected) {
            recordReliabilityCase({u"Secrets, files and terminal"_s,
                                   u"key shown as text containing %1"_s.arg(QString::fromUtf8(QTest::currentDataTag())),
                                   u"every control character is shown escaped (\\x1b, \\r, ...), none reaches the terminal"_s,
                                   u"printed as \"%1\", no control character left"_s.arg(expected), true, u"fake"_s});
        }
    }
};

QTEST_GUILESS_MAIN(TestTextEscape)
#include "tst_textescape.moc"
