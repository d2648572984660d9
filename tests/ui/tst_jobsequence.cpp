// SPDX-License-Identifier: Apache-2.0
// JobSequence: steps one after the other, going on after a failure, one report at the end that names how many
// failed and quotes the first few (a "Restore…" of many files must not hide all but its first problem).
#include <QTest>
#include <QTimer>

#include "browser/jobsequence.h"
#include "s3core/job.h"

using namespace s3;
using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

namespace {

/** Ends on the next event-loop turn with the error given (none: success). */
class EndingJob final : public Job
{
public:
    EndingJob(S3Error error, QObject *parent)
        : Job(parent)
        , m_error(std::move(error))
    {
    }

protected:
    void doStart() override
    {
        QTimer::singleShot(0, this, [this] { emitResult(m_error); });
    }

private:
    S3Error m_error;
};

S3Error refusal(const QString &key)
{
    return S3Error::fromS3(403, u"InvalidObjectState"_s, u"%1 is not archived"_s.arg(key));
}

} // namespace

class TestJobSequence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void summary_data()
    {
        QTest::addColumn<int>("failures");
        QTest::addColumn<int>("successes");
        QTest::addColumn<QString>("expected"); // the message; empty: no error
        QTest::newRow("all succeed") << 0 << 3 << QString();
        QTest::newRow("one fails: its own message") << 1 << 4 << u"k0 is not archived"_s;
        QTest::newRow("two fail: both quoted")
            << 2 << 1 << u"2 of 3 failed: InvalidObjectState: k0 is not archived; InvalidObjectState: k1 is not archived"_s;
        QTest::newRow("six fail: four quoted, the rest counted")
            << 6 << 0
            << u"6 of 6 failed: InvalidObjectState: k0 is not archived; InvalidObjectState: k1 is not archived; "
               "InvalidObjectState: k2 is not archived; InvalidObjectState: k3 is not archived; and 2 more"_s;
    }

    void summary()
    {
        QFETCH(int, failures);
        QFETCH(int, successes);
        QFETCH(QString, expected);
        std::vector<JobSequence::Step> steps;
        int made = 0;
        for (int i = 0; i < failures; ++i)
            steps.push_back([i, &made](QObject *parent) -> Job * { ++made; return new EndingJob(refusal(u"k%1"_s.arg(i)), parent); });
        for (int i = 0; i < successes; ++i)
            steps.push_back([&made](QObject *parent) -> Job * { ++made; return new EndingJob({}, parent); });
        steps.push_back([](QObject *) -> Job * { return nullptr; }); // a skipped step counts as nothing
        bool done = false;
        S3Error reported;
        auto *sequence = new JobSequence(std::move(steps), [&](const S3Error &error) { done = true; reported = error; });
        sequence->start();
        QTRY_VERIFY(done);
        QCOMPARE(made, failures + successes); // it went on after every failure
        if (expected.isEmpty()) {
            QVERIFY(!reported.isError());
            return;
        }
        QCOMPARE(reported.code(), u"InvalidObjectState"_s);
        QCOMPARE(reported.httpStatus(), 403);
        QCOMPARE(reported.message(), expected);
    }
};

QTEST_GUILESS_MAIN(TestJobSequence)
#include "tst_jobsequence.moc"
