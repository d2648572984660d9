// SPDX-License-Identifier: Apache-2.0
// The app icon as hicolor PNGs (rendered from the SVG at build time, packaging/tools/rendericon.cpp): each size
// is there, square, of its size, not blank, and with transparent corners (the rounded tile of the SVG).
#include <QDir>
#include <QImage>
#include <QImageReader>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestHicolorIcons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pngHasItsSize_data()
    {
        QTest::addColumn<int>("size");
        for (int size : {48, 64, 128, 256})
            QTest::newRow(qPrintable(u"%1x%1"_s.arg(size))) << size;
    }

    void pngHasItsSize()
    {
        QFETCH(int, size);
        const QString path = QDir(QStringLiteral(S3DESK_HICOLOR_DIR)).filePath(u"%1x%1/apps/io.github.s3desk.S3Desk.png"_s.arg(size));
        QImageReader reader(path);
        QCOMPARE(reader.format(), QByteArray("png"));
        QCOMPARE(reader.size(), QSize(size, size));
        const QImage image = reader.read();
        QVERIFY2(!image.isNull(), qPrintable(reader.errorString()));
        QCOMPARE(image.size(), QSize(size, size));
        QVERIFY(image.hasAlphaChannel());
        QCOMPARE(qAlpha(image.pixel(0, 0)), 0); // outside the rounded tile
        QCOMPARE(qAlpha(image.pixel(size / 2, size / 2)), 255);
    }
};

QTEST_GUILESS_MAIN(TestHicolorIcons)
#include "tst_hicoloricons.moc"
