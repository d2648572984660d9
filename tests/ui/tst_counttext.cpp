// SPDX-License-Identifier: Apache-2.0
// The count texts of the delete prompts and folder Properties (pure functions): plural forms, the locale's
// number grouping, sizes, and the versions part that only a versioned bucket shows.
#include <QLocale>
#include <QTest>

#include "util/counttext.h"

using namespace Qt::Literals::StringLiterals;
using namespace s3ui;

class TestCountText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void deleteQuestion_data()
    {
        QTest::addColumn<int>("files");
        QTest::addColumn<int>("folders");
        QTest::addColumn<qint64>("objects");
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one file") << 1 << 0 << qint64(1) << qint64(10) << u"Delete 1 file(s) (10 B)?"_s;
        QTest::newRow("files") << 3 << 0 << qint64(3) << qint64(3 * 1024) << u"Delete 3 file(s) (3.00 KiB)?"_s;
        QTest::newRow("folders") << 0 << 3 << qint64(12345) << qint64(4509715660) << u"Delete 3 folder(s): 12,345 object(s), 4.20 GiB?"_s;
        QTest::newRow("both") << 2 << 1 << qint64(4) << qint64(10) << u"Delete 2 file(s) and 1 folder(s): 4 object(s), 10 B?"_s;
        QTest::newRow("empty folder") << 0 << 1 << qint64(0) << qint64(0) << u"Delete 1 folder(s): 0 object(s), 0 B?"_s;
    }

    void deleteQuestion()
    {
        QFETCH(int, files);
        QFETCH(int, folders);
        QFETCH(qint64, objects);
        QFETCH(qint64, bytes);
        QFETCH(QString, expected);
        QCOMPARE(counttext::deleteQuestion(files, folders, objects, bytes), expected);
    }

    void counting_data()
    {
        QTest::addColumn<qint64>("objects");
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("start") << qint64(0) << qint64(0) << u"Counting… 0 object(s), 0 B so far"_s;
        QTest::newRow("grouped") << qint64(1234) << qint64(6012954214) << u"Counting… 1,234 object(s), 5.60 GiB so far"_s;
        // Beyond an int: the count reads as the largest int rather than wrapping negative.
        QTest::newRow("huge") << qint64(5'000'000'000) << qint64(1) << u"Counting… 2,147,483,647 object(s), 1 B so far"_s;
    }

    void counting()
    {
        QFETCH(qint64, objects);
        QFETCH(qint64, bytes);
        QFETCH(QString, expected);
        QCOMPARE(counttext::counting(objects, bytes), expected);
    }

    void bucketContents_data()
    {
        QTest::addColumn<s3::ObjectCounts>("counts");
        QTest::addColumn<QString>("expected");
        QTest::newRow("never versioned") << s3::ObjectCounts{12, 2048, 12, 2048, 0} << u"12 object(s), 2.00 KiB"_s;
        QTest::newRow("versions") << s3::ObjectCounts{5, 19, 12, 83, 2}
                                  << u"5 object(s), 19 B (12 version(s) and 2 delete marker(s) in all, 83 B)"_s;
        QTest::newRow("only markers") << s3::ObjectCounts{0, 0, 0, 0, 3}
                                      << u"0 object(s), 0 B (0 version(s) and 3 delete marker(s) in all, 0 B)"_s;
    }

    void bucketContents()
    {
        QFETCH(s3::ObjectCounts, counts);
        QFETCH(QString, expected);
        QCOMPARE(counttext::bucketContents(counts), expected);
    }
};

QTEST_GUILESS_MAIN(TestCountText)
#include "tst_counttext.moc"
