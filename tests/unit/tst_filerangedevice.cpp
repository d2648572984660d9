// SPDX-License-Identifier: Apache-2.0
// FileRangeDevice: a read-only window [offset, offset + length) over a file, used as a request body.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "livetest.h"
#include "s3core/transfer/filerangedevice.h"

using namespace s3;

class tst_FileRangeDevice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void windows_data();
    void windows();
    void readInSmallPieces();
    void seekInsideWindow();
    void readAcrossWindowEndReturnsOnlyWindow();
    void lengthToEndOfFile();
    void emptyWindow();
    void fileShorterThanWindow_data();
    void fileShorterThanWindow();
    void missingFile();
    void directoryIsRefused();
    void isReadOnly();

private:
    QTemporaryDir m_dir;
    QString m_path;
    QByteArray m_content;
};

void tst_FileRangeDevice::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("data.bin"));
    m_content = randomBytes(100000, 7);
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(m_content), qint64(m_content.size()));
}

void tst_FileRangeDevice::windows_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("length");
    QTest::newRow("start") << qint64(0) << qint64(4096);
    QTest::newRow("middle") << qint64(33333) << qint64(20000);
    QTest::newRow("end") << qint64(100000 - 777) << qint64(777);
    QTest::newRow("whole file") << qint64(0) << qint64(100000);
    QTest::newRow("one byte at the end") << qint64(99999) << qint64(1);
}

void tst_FileRangeDevice::windows()
{
    QFETCH(qint64, offset);
    QFETCH(qint64, length);
    FileRangeDevice device(m_path, offset, length);
    const Result<Ok> opened = device.openRange();
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
    QVERIFY(device.isOpen());
    QVERIFY(!device.isSequential());
    QCOMPARE(device.size(), length);
    QCOMPARE(device.pos(), qint64(0));
    QVERIFY(!device.atEnd());
    const QByteArray read = device.readAll();
    QCOMPARE(read.size(), length);
    QVERIFY(read == m_content.mid(offset, length));
    QVERIFY(device.atEnd());
    QCOMPARE(device.pos(), length);
    QVERIFY(device.readAll().isEmpty());
}

void tst_FileRangeDevice::readInSmallPieces()
{
    FileRangeDevice device(m_path, 1000, 10000);
    QVERIFY(device.openRange());
    QByteArray collected;
    char buffer[333];
    for (;;) {
        const qint64 got = device.read(buffer, sizeof buffer);
        if (got <= 0)
            break;
        QVERIFY(got <= qint64(sizeof buffer));
        collected.append(buffer, got);
    }
    QVERIFY(collected == m_content.mid(1000, 10000));
}

void tst_FileRangeDevice::seekInsideWindow()
{
    FileRangeDevice device(m_path, 5000, 8000);
    QVERIFY(device.openRange());
    QVERIFY(device.seek(1234));
    QCOMPARE(device.pos(), qint64(1234));
    QVERIFY(device.read(100) == m_content.mid(5000 + 1234, 100));
    QCOMPARE(device.pos(), qint64(1334));

    // Rewind (QNAM does this when it resends a body).
    QVERIFY(device.seek(0));
    QVERIFY(device.read(10) == m_content.mid(5000, 10));
    QVERIFY(device.reset());
    QVERIFY(device.readAll() == m_content.mid(5000, 8000));

    QVERIFY(device.seek(8000)); // exactly at the end is allowed
    QVERIFY(device.atEnd());
    QVERIFY(device.readAll().isEmpty());
    QVERIFY(!device.seek(8001)); // beyond the window is not
    QVERIFY(!device.seek(-1));
}

void tst_FileRangeDevice::readAcrossWindowEndReturnsOnlyWindow()
{
    FileRangeDevice device(m_path, 40000, 100);
    QVERIFY(device.openRange());
    QVERIFY(device.seek(60));
    QByteArray buffer(1000, '\0');
    const qint64 got = device.read(buffer.data(), buffer.size());
    QCOMPARE(got, qint64(40)); // not the file bytes after the window
    QVERIFY(buffer.left(40) == m_content.mid(40060, 40));
    QVERIFY(device.atEnd());
    QVERIFY(device.read(buffer.data(), buffer.size()) <= 0);

    QVERIFY(device.seek(0));
    QCOMPARE(device.read(1 << 20).size(), 100);
}

void tst_FileRangeDevice::lengthToEndOfFile()
{
    FileRangeDevice device(m_path, 90000, -1);
    QVERIFY(device.openRange());
    QCOMPARE(device.size(), qint64(10000));
    QVERIFY(device.readAll() == m_content.mid(90000));
}

void tst_FileRangeDevice::emptyWindow()
{
    FileRangeDevice atEnd(m_path, 100000, 0);
    QVERIFY(atEnd.openRange());
    QCOMPARE(atEnd.size(), qint64(0));
    QVERIFY(atEnd.atEnd());
    QVERIFY(atEnd.readAll().isEmpty());

    const QString emptyPath = m_dir.filePath(QStringLiteral("empty.bin"));
    QFile empty(emptyPath);
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    FileRangeDevice wholeEmpty(emptyPath, 0, -1);
    QVERIFY(wholeEmpty.openRange());
    QCOMPARE(wholeEmpty.size(), qint64(0));
    QVERIFY(wholeEmpty.readAll().isEmpty());
}

void tst_FileRangeDevice::fileShorterThanWindow_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("length");
    QTest::newRow("window one byte too long") << qint64(0) << qint64(100001);
    QTest::newRow("window past the end") << qint64(99000) << qint64(2000);
    QTest::newRow("offset past the end") << qint64(200000) << qint64(10);
    QTest::newRow("offset past the end, to the end") << qint64(100001) << qint64(-1);
    QTest::newRow("negative offset") << qint64(-1) << qint64(10);
}

void tst_FileRangeDevice::fileShorterThanWindow()
{
    QFETCH(qint64, offset);
    QFETCH(qint64, length);
    FileRangeDevice device(m_path, offset, length);
    const Result<Ok> opened = device.openRange();
    QVERIFY(!opened);
    QCOMPARE(opened.error().kind(), S3Error::Kind::Io);
    QVERIFY2(opened.error().message().contains(m_path), qPrintable(opened.error().message()));
    QVERIFY2(opened.error().message().contains(QStringLiteral("shorter")), qPrintable(opened.error().message()));
    QVERIFY(!device.isOpen());
}

void tst_FileRangeDevice::missingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("does-not-exist.bin"));
    FileRangeDevice device(path, 0, 10);
    const Result<Ok> opened = device.openRange();
    QVERIFY(!opened);
    QCOMPARE(opened.error().kind(), S3Error::Kind::Io);
    QVERIFY2(opened.error().message().contains(path), qPrintable(opened.error().message()));
    QVERIFY(!device.isOpen());
}

void tst_FileRangeDevice::directoryIsRefused()
{
    FileRangeDevice device(m_dir.path(), 0, -1);
    const Result<Ok> opened = device.openRange();
    QVERIFY(!opened);
    QCOMPARE(opened.error().kind(), S3Error::Kind::Io);
    QVERIFY(!device.isOpen());
}

void tst_FileRangeDevice::isReadOnly()
{
    FileRangeDevice device(m_path, 0, 10);
    QVERIFY(device.openRange());
    QVERIFY(device.isReadable());
    QVERIFY(!device.isWritable());
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (s3::FileRangeDevice): ReadOnly device");
    QCOMPARE(device.write("abc"), qint64(-1));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(10) == m_content.left(10));
}

QTEST_GUILESS_MAIN(tst_FileRangeDevice)
#include "tst_filerangedevice.moc"
