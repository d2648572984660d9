// SPDX-License-Identifier: Apache-2.0
// RetryPolicy: the classification table (error -> category) and decide(): full jitter, exponential growth, cap,
// attempt limit, Fatal and Auth never retried by the policy, throttling on its own (larger) base delay.
#include <chrono>

#include <QTest>

#include "s3core/net/retrypolicy.h"
#include "s3core/s3error.h"

using namespace s3;
using namespace std::chrono_literals;
using Category = RetryPolicy::Category;
using Kind = S3Error::Kind;

Q_DECLARE_METATYPE(s3::RetryPolicy::Category)

namespace {

RetryPolicy policyWithRandom(double value)
{
    RetryPolicy policy;
    policy.random = [value] { return value; };
    return policy;
}

S3Error serverError()
{
    return S3Error::fromS3(500, QStringLiteral("InternalError"), QStringLiteral("We encountered an internal error."));
}

S3Error slowDown()
{
    return S3Error::fromS3(503, QStringLiteral("SlowDown"), QStringLiteral("Please reduce your request rate."));
}

} // namespace

class tst_RetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data();
    void classify();
    void fullJitterBounds_data();
    void fullJitterBounds();
    void exponentialGrowth();
    void capAtMaxDelay();
    void maxAttemptsHonoured();
    void fatalAndAuthNeverRetried_data();
    void fatalAndAuthNeverRetried();
    void throttlingUsesLargerBase();
    void randomOutOfRangeIsClamped();
    void defaultRandomStaysInBounds();
    void nonePolicy();
};

void tst_RetryPolicy::classify_data()
{
    QTest::addColumn<S3Error>("error");
    QTest::addColumn<Category>("category");

    QTest::newRow("network") << S3Error(Kind::Network, QStringLiteral("connection reset")) << Category::Transient;
    QTest::newRow("timeout") << S3Error(Kind::Timeout, QStringLiteral("no data")) << Category::Transient;
    QTest::newRow("HTTP 500 without body") << S3Error::fromHttpStatus(500) << Category::ServerError;
    QTest::newRow("HTTP 502 without body") << S3Error::fromHttpStatus(502) << Category::ServerError;
    QTest::newRow("HTTP 504 without body") << S3Error::fromHttpStatus(504) << Category::ServerError;
    QTest::newRow("503 ServiceUnavailable")
        << S3Error::fromS3(503, QStringLiteral("ServiceUnavailable"), QStringLiteral("Please reduce your request rate."))
        << Category::ServerError;
    QTest::newRow("HTTP 503 without body") << S3Error::fromHttpStatus(503) << Category::ServerError;
    QTest::newRow("503 SlowDown") << slowDown() << Category::Throttling;
    QTest::newRow("SlowDown with another status")
        << S3Error::fromS3(400, QStringLiteral("SlowDown"), QString()) << Category::Throttling;
    QTest::newRow("429 without body") << S3Error::fromHttpStatus(429) << Category::Throttling;
    QTest::newRow("429 with an unknown code") << S3Error::fromS3(429, QStringLiteral("Whatever"), QString()) << Category::Throttling;
    QTest::newRow("503 with an unknown code") << S3Error::fromS3(503, QStringLiteral("Whatever"), QString()) << Category::Throttling;
    QTest::newRow("InternalError") << serverError() << Category::ServerError;
    QTest::newRow("InternalError in a 200") << S3Error::fromS3(200, QStringLiteral("InternalError"), QString())
                                            << Category::ServerError;
    QTest::newRow("RequestTimeout 400") << S3Error::fromS3(400, QStringLiteral("RequestTimeout"), QString())
                                        << Category::ServerError;
    QTest::newRow("ExpiredToken") << S3Error::fromS3(400, QStringLiteral("ExpiredToken"), QString()) << Category::Auth;
    QTest::newRow("RequestTimeTooSkewed") << S3Error::fromS3(403, QStringLiteral("RequestTimeTooSkewed"), QString())
                                          << Category::Auth;
    QTest::newRow("AccessDenied") << S3Error::fromS3(403, QStringLiteral("AccessDenied"), QString()) << Category::Fatal;
    QTest::newRow("403 without body") << S3Error::fromHttpStatus(403) << Category::Fatal;
    QTest::newRow("NoSuchKey") << S3Error::fromS3(404, QStringLiteral("NoSuchKey"), QString()) << Category::Fatal;
    QTest::newRow("HEAD 404") << S3Error::fromHttpStatus(404) << Category::Fatal;
    QTest::newRow("NoSuchBucket") << S3Error::fromS3(404, QStringLiteral("NoSuchBucket"), QString()) << Category::Fatal;
    QTest::newRow("SignatureDoesNotMatch") << S3Error::fromS3(403, QStringLiteral("SignatureDoesNotMatch"), QString())
                                           << Category::Fatal;
    QTest::newRow("InvalidAccessKeyId") << S3Error::fromS3(403, QStringLiteral("InvalidAccessKeyId"), QString())
                                        << Category::Fatal;
    QTest::newRow("PreconditionFailed") << S3Error::fromS3(412, QStringLiteral("PreconditionFailed"), QString())
                                        << Category::Fatal;
    QTest::newRow("501 NotImplemented") << S3Error::fromS3(501, QStringLiteral("NotImplemented"), QString())
                                        << Category::Fatal;
    QTest::newRow("HTTP 501 without body") << S3Error::fromHttpStatus(501) << Category::Fatal;
    QTest::newRow("invalid") << S3Error::invalid(QStringLiteral("bad argument")) << Category::Fatal;
    QTest::newRow("io") << S3Error::io(QStringLiteral("disk full")) << Category::Fatal;
    QTest::newRow("cancelled") << S3Error::cancelled() << Category::Fatal;
    QTest::newRow("object modified") << S3Error(Kind::ObjectModified, QStringLiteral("changed")) << Category::Fatal;
    QTest::newRow("tls") << S3Error(Kind::Tls, QStringLiteral("bad certificate")) << Category::Fatal;
}

void tst_RetryPolicy::classify()
{
    QFETCH(S3Error, error);
    QFETCH(Category, category);
    QCOMPARE(RetryPolicy::classify(error), category);
}

void tst_RetryPolicy::fullJitterBounds_data()
{
    QTest::addColumn<double>("random");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<qint64>("expectedMs");

    // base 200 ms: ceiling 200, 400, 800 for attempts 1, 2, 3; delay = floor(ceiling * random).
    QTest::newRow("0.0 first") << 0.0 << 1 << qint64(0);
    QTest::newRow("0.0 third") << 0.0 << 3 << qint64(0);
    QTest::newRow("0.5 first") << 0.5 << 1 << qint64(100);
    QTest::newRow("0.5 second") << 0.5 << 2 << qint64(200);
    QTest::newRow("0.5 third") << 0.5 << 3 << qint64(400);
    QTest::newRow("0.999 first") << 0.999 << 1 << qint64(199);
    QTest::newRow("0.999 second") << 0.999 << 2 << qint64(399);
    QTest::newRow("0.999 third") << 0.999 << 3 << qint64(799);
}

void tst_RetryPolicy::fullJitterBounds()
{
    QFETCH(double, random);
    QFETCH(int, attempt);
    QFETCH(qint64, expectedMs);

    RetryPolicy policy = policyWithRandom(random);
    policy.maxAttempts = 10;
    const auto delay = policy.decide(serverError(), attempt);
    QVERIFY(delay.has_value());
    QCOMPARE(qint64(delay->count()), expectedMs);
    const qint64 ceiling = qint64(policy.baseDelay.count()) << (attempt - 1);
    QVERIFY(delay->count() >= 0);
    QVERIFY(delay->count() < ceiling);
}

void tst_RetryPolicy::exponentialGrowth()
{
    RetryPolicy policy = policyWithRandom(0.5);
    policy.maxAttempts = 8;
    policy.baseDelay = 100ms;
    policy.maxDelay = 1h;
    qint64 previous = 0;
    for (int attempt = 1; attempt < policy.maxAttempts; ++attempt) {
        const auto delay = policy.decide(S3Error(Kind::Network, QStringLiteral("reset")), attempt);
        QVERIFY2(delay.has_value(), qPrintable(QStringLiteral("attempt %1").arg(attempt)));
        QCOMPARE(qint64(delay->count()), qint64(50) << (attempt - 1));
        if (attempt > 1)
            QCOMPARE(qint64(delay->count()), 2 * previous);
        previous = delay->count();
    }
}

void tst_RetryPolicy::capAtMaxDelay()
{
    RetryPolicy policy = policyWithRandom(0.999);
    policy.maxAttempts = 100;
    policy.baseDelay = 200ms;
    policy.maxDelay = 1500ms;
    QCOMPARE(policy.decide(serverError(), 3)->count(), 799); // 800 < cap
    QCOMPARE(policy.decide(serverError(), 4)->count(), 1498); // 1600 capped to 1500
    QCOMPARE(policy.decide(serverError(), 30)->count(), 1498);
    QCOMPARE(policy.decide(serverError(), 99)->count(), 1498); // no overflow for large attempt numbers
    QCOMPARE(policy.decide(slowDown(), 10)->count(), 1498); // throttling is capped too

    RetryPolicy half = policyWithRandom(0.5);
    half.maxAttempts = 100;
    QCOMPARE(half.decide(serverError(), 20)->count(), 10000); // default cap 20 s
}

void tst_RetryPolicy::maxAttemptsHonoured()
{
    RetryPolicy policy = policyWithRandom(0.0);
    policy.maxAttempts = 4;
    QVERIFY(policy.decide(serverError(), 1).has_value());
    QVERIFY(policy.decide(serverError(), 2).has_value());
    QVERIFY(policy.decide(serverError(), 3).has_value());
    QVERIFY(!policy.decide(serverError(), 4).has_value());
    QVERIFY(!policy.decide(serverError(), 5).has_value());

    policy.maxAttempts = 1;
    QVERIFY(!policy.decide(serverError(), 1).has_value());
    QVERIFY(!policy.decide(S3Error(Kind::Timeout, QStringLiteral("t")), 1).has_value());
}

void tst_RetryPolicy::fatalAndAuthNeverRetried_data()
{
    QTest::addColumn<S3Error>("error");
    QTest::newRow("AccessDenied") << S3Error::fromS3(403, QStringLiteral("AccessDenied"), QString());
    QTest::newRow("NoSuchKey") << S3Error::fromS3(404, QStringLiteral("NoSuchKey"), QString());
    QTest::newRow("SignatureDoesNotMatch") << S3Error::fromS3(403, QStringLiteral("SignatureDoesNotMatch"), QString());
    QTest::newRow("HEAD 404") << S3Error::fromHttpStatus(404);
    QTest::newRow("invalid") << S3Error::invalid(QStringLiteral("x"));
    QTest::newRow("io") << S3Error::io(QStringLiteral("x"));
    QTest::newRow("cancelled") << S3Error::cancelled();
    QTest::newRow("object modified") << S3Error(Kind::ObjectModified, QStringLiteral("x"));
    // Auth errors are handled by the job (refresh credentials, one more attempt), not by backoff.
    QTest::newRow("ExpiredToken") << S3Error::fromS3(400, QStringLiteral("ExpiredToken"), QString());
}

void tst_RetryPolicy::fatalAndAuthNeverRetried()
{
    QFETCH(S3Error, error);
    RetryPolicy policy = policyWithRandom(0.0);
    policy.maxAttempts = 10;
    for (int attempt = 1; attempt <= 3; ++attempt)
        QVERIFY(!policy.decide(error, attempt).has_value());
}

void tst_RetryPolicy::throttlingUsesLargerBase()
{
    RetryPolicy policy = policyWithRandom(0.5);
    policy.maxAttempts = 10;
    policy.baseDelay = 100ms;
    policy.throttleBaseDelay = 1000ms;
    QCOMPARE(policy.decide(serverError(), 1)->count(), 50);
    QCOMPARE(policy.decide(slowDown(), 1)->count(), 500);
    QCOMPARE(policy.decide(slowDown(), 2)->count(), 1000);
    QCOMPARE(policy.decide(S3Error::fromHttpStatus(429), 1)->count(), 500);
    QVERIFY(policy.decide(slowDown(), 1)->count() > policy.decide(serverError(), 1)->count());
}

void tst_RetryPolicy::randomOutOfRangeIsClamped()
{
    RetryPolicy above = policyWithRandom(7.0);
    QCOMPARE(above.decide(serverError(), 1)->count(), 200); // never above the ceiling
    RetryPolicy below = policyWithRandom(-3.0);
    QCOMPARE(below.decide(serverError(), 1)->count(), 0);
    // attempt numbers below 1 are a caller bug, but must not shift by a negative amount
    QVERIFY(above.decide(serverError(), 0)->count() <= 200);
}

void tst_RetryPolicy::defaultRandomStaysInBounds()
{
    RetryPolicy policy; // QRandomGenerator
    policy.maxAttempts = 10;
    for (int i = 0; i < 200; ++i) {
        const auto delay = policy.decide(serverError(), 2);
        QVERIFY(delay.has_value());
        QVERIFY(delay->count() >= 0);
        QVERIFY(delay->count() <= 400);
    }
}

void tst_RetryPolicy::nonePolicy()
{
    const RetryPolicy none = RetryPolicy::none();
    QCOMPARE(none.maxAttempts, 1);
    QVERIFY(!none.decide(S3Error(Kind::Network, QStringLiteral("reset")), 1).has_value());
    QVERIFY(!none.decide(slowDown(), 1).has_value());
}

QTEST_GUILESS_MAIN(tst_RetryPolicy)
#include "tst_retrypolicy.moc"
