// SPDX-License-Identifier: Apache-2.0
// The listing's compact row parts: CompactEtag gives back exactly what it was given and orders as the text does;
// ChunkedStore keeps elements in place and its snapshots see what existed when they were taken.
#include <QtTest>

#include <algorithm>
#include <string>

#include "models/chunkedstore.h"
#include "models/compactetag.h"

using namespace Qt::Literals::StringLiterals;
using namespace std::string_literals;
using s3ui::ChunkedStore;
using s3ui::CompactEtag;

class TestCompactEtag : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void ordersAsText();
    void storeKeepsElementsInPlace();
};

void TestCompactEtag::roundTrip_data()
{
    QTest::addColumn<QByteArray>("etag");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("md5") << QByteArray("9b2cf535f27731c974343645a3985328");
    QTest::newRow("multipart") << QByteArray("9b2cf535f27731c974343645a3985328-16");
    QTest::newRow("multipart 10000 parts") << QByteArray("9b2cf535f27731c974343645a3985328-10000");
    QTest::newRow("parts beyond 16 bits") << QByteArray("9b2cf535f27731c974343645a3985328-70000");
    QTest::newRow("leading zero part count") << QByteArray("9b2cf535f27731c974343645a3985328-07");
    QTest::newRow("part count zero") << QByteArray("9b2cf535f27731c974343645a3985328-0");
    QTest::newRow("dash without count") << QByteArray("9b2cf535f27731c974343645a3985328-");
    QTest::newRow("upper case hex") << QByteArray("9B2CF535F27731C974343645A3985328");
    QTest::newRow("short") << QByteArray("abc");
    QTest::newRow("33 hex digits") << QByteArray("9b2cf535f27731c974343645a39853281");
    QTest::newRow("not hex") << QByteArray("zz2cf535f27731c974343645a3985328");
    QTest::newRow("other server form") << QByteArray("W/\"1a2b\"");
}

void TestCompactEtag::roundTrip()
{
    QFETCH(QByteArray, etag);
    const CompactEtag compact(etag);
    QCOMPARE(compact.text(), etag);
    QCOMPARE(compact.isEmpty(), etag.isEmpty());
    QVERIFY(compact == CompactEtag(etag));
}

void TestCompactEtag::ordersAsText()
{
    const QList<QByteArray> etags{
        "", "0", "00000000000000000000000000000000", "00000000000000000000000000000000-1",
        "00000000000000000000000000000000-12", "00000000000000000000000000000000-3", "0f000000000000000000000000000000",
        "10000000000000000000000000000000", "9b2cf535f27731c974343645a3985328", "9B2CF535F27731C974343645A3985328",
        "ffffffffffffffffffffffffffffffff", "ffffffffffffffffffffffffffffffff-2", "zz", "a", "f0"};
    for (const QByteArray &a : etags) {
        for (const QByteArray &b : etags) {
            const int expected = a < b ? -1 : b < a ? 1 : 0;
            QVERIFY2(CompactEtag(a).compare(CompactEtag(b)) == expected, QByteArray(a + " vs " + b).constData());
        }
    }
}

void TestCompactEtag::storeKeepsElementsInPlace()
{
    ChunkedStore<std::string, 4> store;
    QVERIFY(store.empty());
    for (int i = 0; i < 10; ++i)
        store.push_back(std::to_string(i));
    const std::string *third = &store[2];
    const auto before = store.snapshot();
    for (int i = 10; i < 50; ++i)
        store.push_back(std::to_string(i));
    QCOMPARE(&store[2], third); // growing never moves an element
    QCOMPARE(before.size(), size_t(10));
    QCOMPARE(&before[2], third);
    for (size_t i = 0; i < before.size(); ++i)
        QCOMPARE(before[i], std::to_string(i));
    QCOMPARE(store.size(), size_t(50));
    QCOMPARE(store[49], "49"s);
    QVERIFY(store.anyOf([](const std::string &s) { return s == "37"; }));
    QVERIFY(!store.anyOf([](const std::string &s) { return s == "50"; }));
}

QTEST_GUILESS_MAIN(TestCompactEtag)
#include "tst_compactetag.moc"
