// SPDX-License-Identifier: Apache-2.0
#include <QTest>

#include "s3core/transfer/progresstracker.h"

using namespace s3;

class TestProgressTracker : public QObject
{
    Q_OBJECT

    QDateTime m_now = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    Clock clock()
    {
        return [this] { return m_now; };
    }
    void advance(qint64 ms) { m_now = m_now.addMSecs(ms); }

private Q_SLOTS:
    void totalIsAHighWaterMarkAcrossRetries()
    {
        ProgressTracker tracker(clock());
        tracker.setTotal(300);
        tracker.setPartBytes(1, 80);
        tracker.setPartBytes(2, 50);
        QCOMPARE(tracker.done(), 130);
        tracker.resetPart(1); // part 1 failed; it starts again from 0
        tracker.setPartBytes(1, 10);
        QCOMPARE(tracker.done(), 130); // never goes backwards
        tracker.setPartBytes(1, 100);
        QCOMPARE(tracker.done(), 150);
        tracker.completePart(1, 100);
        tracker.completePart(2, 100);
        QCOMPARE(tracker.done(), 200);
        tracker.setPartBytes(3, 1000); // a confused server cannot push us past the total
        QCOMPARE(tracker.done(), 300);
    }

    void baselineCountsButIsNotRate()
    {
        ProgressTracker tracker(clock());
        tracker.setTotal(1000);
        tracker.setBaseline(600);
        QCOMPARE(tracker.done(), 600);
        tracker.setPartBytes(1, 0);
        advance(1000);
        tracker.setPartBytes(1, 100);
        QCOMPARE(tracker.done(), 700);
        QCOMPARE(tracker.bytesPerSecond(), 100.0);
        QCOMPARE(tracker.etaSeconds(), 3);
    }

    void rateOverAMovingWindowAndStall()
    {
        ProgressTracker tracker(clock(), 5000);
        tracker.setTotal(10'000'000);
        for (int second = 0; second <= 10; ++second) {
            tracker.setPartBytes(1, qint64(second) * 100'000);
            advance(1000);
        }
        // The last 5 s moved 100,000 bytes per second.
        QVERIFY(qAbs(tracker.bytesPerSecond() - 100'000.0) < 20'000.0);
        const qint64 eta = tracker.etaSeconds();
        QVERIFY2(eta > 80 && eta < 120, qPrintable(QString::number(eta)));
        advance(10'000); // nothing arrives for 10 s: the rate falls to 0, the ETA becomes unknown
        QCOMPARE(tracker.bytesPerSecond(), 0.0);
        QCOMPARE(tracker.etaSeconds(), -1);
    }

    void unknownTotal()
    {
        ProgressTracker tracker(clock());
        tracker.setPartBytes(1, 10);
        advance(1000);
        tracker.setPartBytes(1, 20);
        QCOMPARE(tracker.total(), -1);
        QCOMPARE(tracker.etaSeconds(), -1);
        QVERIFY(tracker.bytesPerSecond() > 0);
    }
};

QTEST_GUILESS_MAIN(TestProgressTracker)
#include "tst_progresstracker.moc"
