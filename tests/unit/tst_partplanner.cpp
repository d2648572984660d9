// SPDX-License-Identifier: Apache-2.0
// planParts(): S3's multipart limits, data-driven, with the plan's invariants checked on every row.
#include <QTest>

#include "s3core/transfer/partplanner.h"

using namespace s3;

class TestPartPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plans_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qint64>("preferred");
        QTest::addColumn<qint64>("expectedPartSize"); // -1: not checked
        QTest::addColumn<int>("expectedCount");       // -1: not checked

        constexpr qint64 GiB = 1024 * MiB;
        constexpr qint64 TiB = 1024 * GiB;
        QTest::newRow("empty") << qint64(0) << DefaultPartSize << DefaultPartSize << 1;
        QTest::newRow("one byte") << qint64(1) << DefaultPartSize << DefaultPartSize << 1;
        QTest::newRow("exactly 5 MiB at 5 MiB") << 5 * MiB << 5 * MiB << 5 * MiB << 1;
        QTest::newRow("5 MiB + 1 at 5 MiB") << 5 * MiB + 1 << 5 * MiB << 5 * MiB << 2;
        QTest::newRow("1 GiB at 64 MiB") << GiB << 64 * MiB << 64 * MiB << 16;
        QTest::newRow("1 GiB + 1 at 64 MiB") << GiB + 1 << 64 * MiB << 64 * MiB << 17;
        QTest::newRow("default when preferred is 0") << GiB << qint64(0) << DefaultPartSize << 16;
        QTest::newRow("1 TiB grows to 105 MiB") << TiB << 64 * MiB << 105 * MiB << -1;
        QTest::newRow("exactly 10000 parts stays") << 10000 * 5 * MiB << 5 * MiB << 5 * MiB << 10000;
        QTest::newRow("10000 parts + 1 byte grows by 1 MiB") << 10000 * 5 * MiB + 1 << 5 * MiB << 6 * MiB << -1;
        QTest::newRow("5 TiB grows to 525 MiB") << 5 * TiB << 64 * MiB << 525 * MiB << -1;
        QTest::newRow("preferred 1 MiB clamped to 5 MiB") << 100 * MiB << MiB << 5 * MiB << 20;
        QTest::newRow("preferred 10 GiB clamped to 5 GiB") << 12 * GiB << 10 * GiB << 5 * GiB << 3;
        QTest::newRow("preferred not MiB-aligned is kept") << 20 * MiB << 5 * MiB + 1 << 5 * MiB + 1 << 4;
    }

    void plans()
    {
        QFETCH(qint64, size);
        QFETCH(qint64, preferred);
        QFETCH(qint64, expectedPartSize);
        QFETCH(int, expectedCount);

        const Result<PartPlan> result = planParts(size, preferred);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        const PartPlan &plan = result.value();
        QCOMPARE(plan.objectSize, size);
        if (expectedPartSize >= 0)
            QCOMPARE(plan.partSize, expectedPartSize);
        if (expectedCount >= 0)
            QCOMPARE(plan.partCount, expectedCount);

        // Invariants for every plan.
        QVERIFY(plan.partCount >= 1);
        QVERIFY(plan.partCount <= MaxParts);
        QVERIFY(plan.partSize >= MinPartSize);
        QVERIFY(plan.partSize <= MaxPartSize);
        qint64 sum = 0;
        for (int i = 0; i < plan.partCount; ++i) {
            QCOMPARE(plan.partOffset(i), sum);
            if (i + 1 < plan.partCount)
                QCOMPARE(plan.partLength(i), plan.partSize);
            sum += plan.partLength(i);
        }
        QCOMPARE(sum, size);
        const qint64 last = plan.partLength(plan.partCount - 1);
        QVERIFY(last <= plan.partSize);
        if (size > 0)
            QVERIFY(last > 0);
        QCOMPARE(plan.partLength(plan.partCount), qint64(0));
        QCOMPARE(plan.partLength(-1), qint64(0));
        // Grown sizes are whole MiB, and the smallest that fits.
        if (plan.partSize > std::clamp(preferred <= 0 ? DefaultPartSize : preferred, MinPartSize, MaxPartSize)) {
            QCOMPARE(plan.partSize % MiB, qint64(0));
            QVERIFY((size + plan.partSize - MiB - 1) / (plan.partSize - MiB) > MaxParts);
        }
    }

    void errors_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::newRow("5 TiB + 1") << MaxObjectSize + 1;
        QTest::newRow("negative") << qint64(-1);
    }

    void errors()
    {
        QFETCH(qint64, size);
        const Result<PartPlan> result = planParts(size, DefaultPartSize);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), S3Error::Kind::Invalid);
        QVERIFY(!result.error().message().isEmpty());
    }

    void limits()
    {
        QCOMPARE(MinPartSize, qint64(5 * 1024 * 1024));
        QCOMPARE(MaxPartSize, qint64(5) * 1024 * 1024 * 1024);
        QCOMPARE(MaxParts, 10000);
        QCOMPARE(MaxObjectSize, qint64(5) * 1024 * 1024 * 1024 * 1024);
        QCOMPARE(DefaultPartSize, qint64(64) * 1024 * 1024);
    }
};

QTEST_GUILESS_MAIN(TestPartPlanner)
#include "tst_partplanner.moc"
