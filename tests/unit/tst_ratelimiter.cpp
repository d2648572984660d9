// SPDX-License-Identifier: Apache-2.0
// RateLimiter (the token bucket behind the bandwidth limit) on a fake clock: grants and waits step by step,
// the rate reached by many connections asking for blocks over a simulated span, and the --limit-rate syntax.
#include <algorithm>
#include <queue>
#include <vector>

#include <QTest>

#include "s3core/net/ratelimiter.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;
constexpr qint64 Ms = 1000 * 1000; // ns
constexpr qint64 Second = 1000 * Ms;

/** ns to wait for `debt` bytes at `rate`, rounded up as the limiter does. */
qint64 waitFor(qint64 debt, qint64 rate)
{
    return (debt * Second + rate - 1) / rate;
}
} // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void take_data()
    {
        QTest::addColumn<qint64>("rate");
        // One request a step: at time, wanted -> granted bytes, wait (ns, +-1 µs; only when nothing was granted).
        QTest::addColumn<QList<qint64>>("at");
        QTest::addColumn<QList<qint64>>("wanted");
        QTest::addColumn<QList<qint64>>("granted");
        QTest::addColumn<QList<qint64>>("wait");

        QTest::newRow("unlimited grants everything at once")
            << qint64(0) << QList<qint64>{0, 0, 0} << QList<qint64>{5 * MiB, 1024 * MiB, 1} << QList<qint64>{5 * MiB, 1024 * MiB, 1}
            << QList<qint64>{0, 0, 0};
        QTest::newRow("starts empty: the first block goes into debt, the next waits it out")
            << MiB << QList<qint64>{0, 0} << QList<qint64>{64 * KiB, 1} << QList<qint64>{64 * KiB, 0}
            << QList<qint64>{0, waitFor(64 * KiB, MiB)};
        QTest::newRow("after the wait the bucket is out of debt")
            << MiB << QList<qint64>{0, 62 * Ms, 63 * Ms, 63 * Ms} << QList<qint64>{64 * KiB, 1, 512 * KiB, 1}
            << QList<qint64>{64 * KiB, 0, 512 * KiB, 0} << QList<qint64>{0, waitFor(64 * KiB - (MiB * 62 / 1000), MiB), 0, -1};
        QTest::newRow("a block larger than the bucket is granted whole, then waited out")
            << 10 * MiB << QList<qint64>{0, 0} << QList<qint64>{5 * MiB, 1} << QList<qint64>{5 * MiB, 0}
            << QList<qint64>{0, waitFor(5 * MiB, 10 * MiB)};
        QTest::newRow("an idle bucket saves at most a tenth of a second")
            << MiB << QList<qint64>{0, 10 * Second, 10 * Second} << QList<qint64>{1, 3 * (MiB / 10), 1}
            << QList<qint64>{1, 3 * (MiB / 10), 0} << QList<qint64>{0, 0, waitFor(2 * (MiB / 10), MiB)};
        QTest::newRow("small rates keep a 16 KiB bucket")
            << qint64(1000) << QList<qint64>{0, 100 * Second, 100 * Second} << QList<qint64>{1, 32 * KiB, 1} << QList<qint64>{1, 32 * KiB, 0}
            << QList<qint64>{0, 0, waitFor(16 * KiB, 1000)};
        QTest::newRow("a clock that steps back refills nothing")
            << MiB << QList<qint64>{Second, 0, Second / 2} << QList<qint64>{MiB / 2, 1, 1} << QList<qint64>{MiB / 2, 0, 0}
            << QList<qint64>{0, waitFor(MiB / 2, MiB), waitFor(MiB / 2, MiB)};
        QTest::newRow("100 MiB/s: a 512 KiB block costs 5 ms")
            << 100 * MiB << QList<qint64>{0, 0, 5 * Ms, 5 * Ms} << QList<qint64>{512 * KiB, 512 * KiB, 512 * KiB, 1}
            << QList<qint64>{512 * KiB, 0, 512 * KiB, 0} << QList<qint64>{0, waitFor(512 * KiB, 100 * MiB), 0, -1};
    }

    void take()
    {
        QFETCH(qint64, rate);
        QFETCH(QList<qint64>, at);
        QFETCH(QList<qint64>, wanted);
        QFETCH(QList<qint64>, granted);
        QFETCH(QList<qint64>, wait);
        QCOMPARE(wanted.size(), at.size());
        QCOMPARE(granted.size(), at.size());
        QCOMPARE(wait.size(), at.size());

        RateLimiter limiter(rate);
        for (qsizetype i = 0; i < at.size(); ++i) {
            const RateLimiter::Grant grant = limiter.take(wanted.at(i), at.at(i));
            QVERIFY2(grant.bytes == granted.at(i), qPrintable(u"step %1: granted %2, expected %3"_s.arg(i).arg(grant.bytes).arg(granted.at(i))));
            if (grant.bytes > 0) {
                QCOMPARE(grant.waitNs, qint64(0));
            } else if (wait.at(i) >= 0) {
                QVERIFY2(qAbs(grant.waitNs - wait.at(i)) <= 1000,
                         qPrintable(u"step %1: wait %2 ns, expected %3 ns"_s.arg(i).arg(grant.waitNs).arg(wait.at(i))));
            }
        }
    }

    void rateChange()
    {
        RateLimiter limiter(MiB);
        QCOMPARE(limiter.take(MiB, 0).bytes, MiB); // one second of debt at 1 MiB/s
        limiter.setRate(10 * MiB);                 // the debt stays, paid ten times faster
        QCOMPARE(limiter.take(1, 0).bytes, qint64(0));
        QCOMPARE(limiter.take(1, Second / 10).bytes, qint64(1));
        limiter.setRate(0); // lifted: everything goes
        QVERIFY(!limiter.isLimited());
        QCOMPARE(limiter.take(GiBs(), Second / 10).bytes, GiBs());
    }

    // N connections ask for blocks whenever they may (a refused one comes back after the wait the limiter gave,
    // plus the lateness of a timer); the rate over the span must be the limit, within the tolerance.
    void throughput_data()
    {
        QTest::addColumn<qint64>("rate");
        QTest::addColumn<int>("connections");
        QTest::addColumn<qint64>("block");
        QTest::addColumn<qint64>("lateNs");
        QTest::addColumn<qint64>("span");
        QTest::addColumn<double>("tolerance"); // relative

        QTest::newRow("1 MiB/s, 16 x 512 KiB blocks") << MiB << 16 << 512 * KiB << Ms << 60 * Second << 0.01;
        QTest::newRow("1 MiB/s, 1 x 16 KiB blocks, timer 2 ms late") << MiB << 1 << 16 * KiB << 2 * Ms << 20 * Second << 0.01;
        QTest::newRow("10 MiB/s, 6 x 512 KiB") << 10 * MiB << 6 << 512 * KiB << Ms << 20 * Second << 0.01;
        QTest::newRow("50 MiB/s, 6 x 5 MiB reads cut to the burst") << 50 * MiB << 6 << 5 * MiB << Ms << 10 * Second << 0.01;
        QTest::newRow("100 MiB/s, 16 x 512 KiB, timer 4 ms late") << 100 * MiB << 16 << 512 * KiB << 4 * Ms << 10 * Second << 0.01;
        QTest::newRow("100 MiB/s, 1 x 16 KiB, timer 1 ms late") << 100 * MiB << 1 << 16 * KiB << Ms << 5 * Second << 0.01;
    }

    void throughput()
    {
        QFETCH(qint64, rate);
        QFETCH(int, connections);
        QFETCH(qint64, block);
        QFETCH(qint64, lateNs);
        QFETCH(qint64, span);
        QFETCH(double, tolerance);

        RateLimiter limiter(rate);
        // Reads are cut to the burst by the pool (CurlHttpPool::admit): do the same here.
        const qint64 ask = std::min(block, limiter.burst() > 0 && block > 4 * MiB ? limiter.burst() : block);
        using Event = std::pair<qint64, int>; // (time, connection)
        std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
        for (int c = 0; c < connections; ++c)
            events.push({0, c});
        qint64 moved = 0;
        while (!events.empty()) {
            const auto [now, connection] = events.top();
            events.pop();
            if (now >= span)
                continue;
            const RateLimiter::Grant grant = limiter.take(ask, now);
            if (grant.bytes > 0) {
                moved += grant.bytes;
                events.push({now + 1, connection}); // next block right after
            } else {
                events.push({now + grant.waitNs + lateNs, connection});
            }
        }
        const double measured = double(moved) * double(Second) / double(span);
        const double error = (measured - double(rate)) / double(rate);
        QVERIFY2(qAbs(error) <= tolerance,
                 qPrintable(u"measured %1 B/s for a limit of %2 B/s (%3 %)"_s.arg(measured, 0, 'f', 0).arg(rate).arg(error * 100, 0, 'f', 2)));
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected"); // -1: refused

        QTest::newRow("plain bytes") << u"2048"_s << qint64(2048);
        QTest::newRow("zero: unlimited") << u"0"_s << qint64(0);
        QTest::newRow("K is 1024") << u"500K"_s << 500 * KiB;
        QTest::newRow("lower case") << u"500k"_s << 500 * KiB;
        QTest::newRow("M") << u"10M"_s << 10 * MiB;
        QTest::newRow("G") << u"1G"_s << 1024 * MiB;
        QTest::newRow("fraction") << u"1.5M"_s << 3 * MiB / 2;
        QTest::newRow("MiB/s spelled out") << u"10MiB/s"_s << 10 * MiB;
        QTest::newRow("MB") << u"10MB"_s << 10 * MiB;
        QTest::newRow("spaces around") << u" 2M "_s << 2 * MiB;
        QTest::newRow("empty") << QString() << qint64(-1);
        QTest::newRow("negative") << u"-1"_s << qint64(-1);
        QTest::newRow("unknown suffix") << u"10X"_s << qint64(-1);
        QTest::newRow("T is not a rate") << u"2T"_s << qint64(-1);
        QTest::newRow("words") << u"fast"_s << qint64(-1);
        QTest::newRow("above 1 TiB/s") << u"2048G"_s << qint64(-1);
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        QCOMPARE(parseRate(text), expected);
    }

    void format_data()
    {
        QTest::addColumn<qint64>("rate");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unlimited") << qint64(0) << u"unlimited"_s;
        QTest::newRow("bytes") << qint64(500) << u"500 B/s"_s;
        QTest::newRow("KiB") << 512 * KiB << u"512 KiB/s"_s;
        QTest::newRow("MiB") << 10 * MiB << u"10 MiB/s"_s;
        QTest::newRow("fraction") << 3 * MiB / 2 << u"1.50 MiB/s"_s;
        QTest::newRow("GiB") << 1024 * MiB << u"1 GiB/s"_s;
    }

    void format()
    {
        QFETCH(qint64, rate);
        QFETCH(QString, expected);
        QCOMPARE(formatRate(rate), expected);
    }

private:
    static qint64 GiBs() { return 1024 * MiB; }
};

QTEST_APPLESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
