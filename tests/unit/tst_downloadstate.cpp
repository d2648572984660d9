// SPDX-License-Identifier: Apache-2.0
// The download state file (DownloadState): what it records of the bytes kept, and how a damaged one is read.
#include <QTest>

#include "s3core/transfer/downloadstate.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

using Ranges = QList<DownloadStateRange>;
Q_DECLARE_METATYPE(Ranges)

class TestDownloadState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        DownloadState state;
        state.etag = u"\"abc\""_s;
        state.size = 100;
        state.ranges = {{0, 40, 40}, {40, 40, 13}, {80, 20, 20}};
        const DownloadState back = DownloadState::fromJson(state.toJson());
        QCOMPARE(back.etag, state.etag);
        QCOMPARE(back.size, 100);
        QCOMPARE(back.ranges, state.ranges);
        QCOMPARE(back.keptBytes(), 73);
    }

    void read_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<Ranges>("ranges");
        QTest::newRow("earlier version: finished ranges only")
            << QByteArray("{\"etag\":\"e\",\"size\":100,\"done\":[[0,50],[50,50]]}") << qint64(100) << Ranges{{0, 50, 50}, {50, 50, 50}};
        QTest::newRow("kept part of one range")
            << QByteArray("{\"etag\":\"e\",\"size\":30,\"done\":[],\"kept\":[[0,30,9]]}") << qint64(30) << Ranges{{0, 30, 9}};
        QTest::newRow("not JSON") << QByteArray("garbage") << qint64(-1) << Ranges{};
        QTest::newRow("no etag") << QByteArray("{\"size\":10,\"done\":[[0,10]]}") << qint64(-1) << Ranges{};
        QTest::newRow("negative size") << QByteArray("{\"etag\":\"e\",\"size\":-5}") << qint64(-1) << Ranges{};
        QTest::newRow("fractional size") << QByteArray("{\"etag\":\"e\",\"size\":1.5}") << qint64(-1) << Ranges{};
        QTest::newRow("range beyond the object")
            << QByteArray("{\"etag\":\"e\",\"size\":10,\"done\":[[5,10]],\"kept\":[[0,5,6]]}") << qint64(10) << Ranges{};
        QTest::newRow("kept zero or fractional")
            << QByteArray("{\"etag\":\"e\",\"size\":10,\"kept\":[[0,5,0],[5,5,2.5]]}") << qint64(10) << Ranges{};
        QTest::newRow("overlapping ranges: the first counts")
            << QByteArray("{\"etag\":\"e\",\"size\":10,\"done\":[[0,6]],\"kept\":[[4,6,3]]}") << qint64(10) << Ranges{{0, 6, 6}};
        QTest::newRow("huge numbers") << QByteArray("{\"etag\":\"e\",\"size\":1e300,\"done\":[[0,1e300]]}") << qint64(-1) << Ranges{};
        QTest::newRow("entries of the wrong type")
            << QByteArray("{\"etag\":\"e\",\"size\":10,\"done\":\"x\",\"kept\":[null,\"a\",[1]]}") << qint64(10) << Ranges{};
    }

    void read()
    {
        QFETCH(QByteArray, json);
        QFETCH(qint64, size);
        QFETCH(Ranges, ranges);
        const DownloadState state = DownloadState::fromJson(json);
        QCOMPARE(state.size, size);
        QCOMPARE(state.ranges, ranges);
    }

    void tooLargeIsNotRead()
    {
        QByteArray json = "{\"etag\":\"e\",\"size\":10,\"pad\":\"";
        json.append(QByteArray(16 * 1024 * 1024, 'x'));
        json.append("\"}");
        QCOMPARE(DownloadState::fromJson(json).size, -1);
    }
};

QTEST_GUILESS_MAIN(TestDownloadState)
#include "tst_downloadstate.moc"
