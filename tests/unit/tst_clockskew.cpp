// SPDX-License-Identifier: Apache-2.0
// Clock skew and the presign lifetime: the pure rules (Date header parsing, when to correct the offset, how long
// a presigned link may live) data-driven, and S3Job/S3Client against the fake server for what Ceph cannot show:
// a Date header far off in an answer that was not refused, a skew answer without a Date header, a correction
// made by one job that another job's refused request then only needs to be signed again for.
#include <memory>

#include <QLocale>
#include <QNetworkAccessManager>
#include <QTest>
#include <QUrlQuery>

#include "fakes3server.h"
#include "livetest.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/auth/presignexpiry.h"
#include "s3core/auth/sigv4.h"
#include "s3core/endpoint.h"
#include "s3core/net/clockskew.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/bucketjobs.h"
#include "s3core/ops/objectjobs.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

QDateTime utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toUTC();
}

FakeS3Fault skewFault(const QByteArray &date = {})
{
    FakeS3Fault fault;
    fault.operation = u"ListBuckets"_s;
    fault.status = 403;
    fault.code = u"RequestTimeTooSkewed"_s;
    fault.message = u"The difference between the request time and the server's time is too large."_s;
    if (!date.isNull())
        fault.extraHeaders.append({QByteArrayLiteral("Date"), date});
    return fault;
}

/** The x-amz-date a request was signed with. */
QDateTime signedAt(const FakeS3Request &request)
{
    QDateTime time = QDateTime::fromString(QString::fromLatin1(request.header("x-amz-date")), u"yyyyMMdd'T'HHmmss'Z'"_s);
    time.setTimeSpec(Qt::UTC);
    return time;
}

} // namespace

class tst_ClockSkew : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseHttpDate_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QDateTime>("expected");
        QTest::newRow("imf-fixdate") << QByteArray("Thu, 03 Dec 2026 22:55:01 GMT") << utc(u"2026-12-03T22:55:01Z"_s);
        QTest::newRow("surrounding space") << QByteArray("  Sun, 06 Nov 1994 08:49:37 GMT ") << utc(u"1994-11-06T08:49:37Z"_s);
        QTest::newRow("empty") << QByteArray() << QDateTime();
        QTest::newRow("garbage") << QByteArray("yesterday") << QDateTime();
        QTest::newRow("rfc 850 (obsolete)") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << QDateTime();
        QTest::newRow("not GMT") << QByteArray("Sun, 06 Nov 1994 08:49:37 CET") << QDateTime();
        QTest::newRow("day 32") << QByteArray("Sun, 32 Nov 1994 08:49:37 GMT") << QDateTime();
        QTest::newRow("huge") << QByteArray(100000, 'x') << QDateTime();
    }

    void parseHttpDate()
    {
        QFETCH(QByteArray, value);
        QFETCH(QDateTime, expected);
        const QDateTime parsed = s3::parseHttpDate(value);
        QCOMPARE(parsed.isValid(), expected.isValid());
        if (expected.isValid()) {
            QCOMPARE(parsed, expected);
            QCOMPARE(parsed.timeSpec(), Qt::UTC);
        }
    }

    void correctedClockOffset_data()
    {
        QTest::addColumn<int>("serverMinusLocalSeconds"); // the truth
        QTest::addColumn<int>("currentOffsetSeconds");
        QTest::addColumn<bool>("refused");
        QTest::addColumn<bool>("corrects");
        QTest::newRow("in sync") << 0 << 0 << false << false;
        QTest::newRow("4 min off, accepted: ordinary drift is left alone") << 240 << 0 << false << false;
        QTest::newRow("6 min off, accepted: corrected before the server refuses") << 360 << 0 << false << true;
        QTest::newRow("local 1 h ahead") << -3600 << 0 << false << true;
        QTest::newRow("local 1 h behind") << 3600 << 0 << false << true;
        QTest::newRow("already corrected") << -3600 << -3600 << false << false;
        QTest::newRow("already corrected, refused anyway") << -3600 << -3600 << true << false;
        QTest::newRow("refused, 2 min off: taken") << 120 << 0 << true << true;
        QTest::newRow("corrected, then the clock was fixed") << 0 << -3600 << false << true;
    }

    void correctedClockOffset()
    {
        QFETCH(int, serverMinusLocalSeconds);
        QFETCH(int, currentOffsetSeconds);
        QFETCH(bool, refused);
        QFETCH(bool, corrects);
        const QDateTime local = utc(u"2026-12-03T22:55:00Z"_s);
        const QDateTime server = local.addSecs(serverMinusLocalSeconds);
        const std::optional<qint64> offset
            = s3::correctedClockOffset(server, local, qint64(currentOffsetSeconds) * 1000, refused);
        QCOMPARE(offset.has_value(), corrects);
        if (corrects)
            QCOMPARE(*offset, qint64(serverMinusLocalSeconds) * 1000);
    }

    void noDateNoCorrection()
    {
        const QDateTime local = utc(u"2026-12-03T22:55:00Z"_s);
        QVERIFY(!s3::correctedClockOffset(QDateTime(), local, 0, true));
        QVERIFY(!s3::correctedClockOffset(QDateTime(), local, 0, false));
    }

    void planPresignExpiry_data()
    {
        QTest::addColumn<qint64>("requested");
        QTest::addColumn<bool>("explicitRequest");
        QTest::addColumn<qint64>("credentialsLifetime"); // seconds from now; -1: long-term keys
        QTest::addColumn<qint64>("expectedSeconds");     // 0: refused
        QTest::addColumn<bool>("clamped");
        QTest::addColumn<QString>("errorContains");
        QTest::newRow("long-term keys") << qint64(3600) << false << qint64(-1) << qint64(3600) << false << QString();
        QTest::newRow("long-term keys, 7 days") << qint64(604800) << true << qint64(-1) << qint64(604800) << false << QString();
        QTest::newRow("fits the lifetime") << qint64(600) << true << qint64(900) << qint64(600) << false << QString();
        QTest::newRow("exactly the lifetime") << qint64(900) << true << qint64(900) << qint64(900) << false << QString();
        QTest::newRow("default clamped") << qint64(3600) << false << qint64(900) << qint64(900) << true << QString();
        QTest::newRow("explicit refused") << qint64(3600) << true << qint64(900) << qint64(0) << false
                                          << u"ask for at most 900 seconds"_s;
        QTest::newRow("expired credentials") << qint64(60) << false << qint64(0) << qint64(0) << false
                                             << u"credentials expired at"_s;
        QTest::newRow("zero") << qint64(0) << true << qint64(-1) << qint64(0) << false << u"1 second to 7 days"_s;
        QTest::newRow("beyond 7 days") << qint64(604801) << false << qint64(-1) << qint64(0) << false
                                       << u"1 second to 7 days"_s;
        QTest::newRow("beyond 7 days, not clamped to the lifetime")
            << qint64(604801) << false << qint64(900) << qint64(0) << false << u"1 second to 7 days"_s;
    }

    void planPresignExpiry()
    {
        QFETCH(qint64, requested);
        QFETCH(bool, explicitRequest);
        QFETCH(qint64, credentialsLifetime);
        QFETCH(qint64, expectedSeconds);
        QFETCH(bool, clamped);
        QFETCH(QString, errorContains);
        const QDateTime now = utc(u"2026-12-03T22:55:00Z"_s);
        const QDateTime expiry = credentialsLifetime < 0 ? QDateTime() : now.addSecs(credentialsLifetime);
        const Result<PresignExpiry> plan = s3::planPresignExpiry(requested, explicitRequest, expiry, now);
        if (expectedSeconds == 0) {
            QVERIFY(!plan);
            QVERIFY2(plan.error().message().contains(errorContains), qPrintable(plan.error().message()));
            return;
        }
        if (!plan)
            QFAIL(qPrintable(plan.error().toString()));
        QCOMPARE(plan->seconds, expectedSeconds);
        QCOMPARE(plan->requestedSeconds, requested);
        QCOMPARE(plan->clamped, clamped);
        QCOMPARE(plan->expiresAt, now.addSecs(expectedSeconds));
        QCOMPARE(plan->credentialsExpiry, expiry);
    }

    // --- S3Client / S3Job against the fake server --------------------------------------------------------------

    void presignRefusesMoreThanTheLifetime()
    {
        QNetworkAccessManager network;
        auto client = fakeServerClient(&network, u"http://127.0.0.1:9"_s);
        const QDateTime now = utc(u"2026-12-03T22:55:00Z"_s);
        client->setClock([now] { return now; });
        Credentials credentials;
        credentials.accessKeyId = u"ASIATEST"_s;
        credentials.secretAccessKey = u"secret"_s;
        credentials.sessionToken = u"token"_s;
        credentials.expiry = now.addSecs(900);
        QVERIFY(client->presign(credentials, "GET", u"b"_s, u"k"_s, 900));
        const Result<QUrl> refused = client->presign(credentials, "GET", u"b"_s, u"k"_s, 901);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message().contains(u"expire at 2026-12-03T23:10:00Z"_s), qPrintable(refused.error().message()));
        QVERIFY(!refused.error().message().contains(credentials.secretAccessKey));
        QVERIFY(!refused.error().message().contains(credentials.sessionToken));
    }

    void dateHeaderFarOffCorrectsWithoutARefusal_data()
    {
        QTest::addColumn<int>("localOffsetSeconds");
        QTest::newRow("+1 h") << 3600;
        QTest::newRow("-1 h") << -3600;
    }

    void dateHeaderFarOffCorrectsWithoutARefusal()
    {
        // The fake checks no request time: only its Date header tells that the local clock is off.
        QFETCH(int, localOffsetSeconds);
        FakeS3Server server;
        QVERIFY(server.start());
        QNetworkAccessManager network;
        auto client = fakeServerClient(&network, server.endpointUrl());
        client->setClock([localOffsetSeconds] { return QDateTime::currentDateTimeUtc().addSecs(localOffsetSeconds); });

        ListBucketsJob first(client.get());
        first.setAutoDelete(false);
        QVERIFY(runJob(first, 10000));
        QVERIFY2(!first.hasError(), qPrintable(first.error().toString()));
        QCOMPARE(first.attempts(), 1);
        QCOMPARE(client->clockCorrections(), 1);
        QVERIFY2(qAbs(client->clockOffsetMs() + qint64(localOffsetSeconds) * 1000) < 3000,
                 qPrintable(QString::number(client->clockOffsetMs())));
        // The first request was signed with the wrong clock, the next ones with the server's.
        QVERIFY(qAbs(signedAt(server.requests().at(0)).secsTo(QDateTime::currentDateTimeUtc()) + localOffsetSeconds) < 5);

        ListBucketsJob second(client.get());
        second.setAutoDelete(false);
        QVERIFY(runJob(second, 10000));
        QVERIFY(!second.hasError());
        QCOMPARE(client->clockCorrections(), 1);
        QVERIFY(qAbs(signedAt(server.requests().at(1)).secsTo(QDateTime::currentDateTimeUtc())) < 5);

        // Presigned links are signed with the server's time too.
        const Credentials credentials = [] {
            Credentials c;
            c.accessKeyId = u"AKIDTESTKEY"_s;
            c.secretAccessKey = u"test-secret-key"_s;
            return c;
        }();
        const Result<QUrl> url = client->presign(credentials, "GET", u"bucket"_s, u"k"_s, 60);
        QVERIFY(url);
        QDateTime linkDate = QDateTime::fromString(QUrlQuery(*url).queryItemValue(u"X-Amz-Date"_s), u"yyyyMMdd'T'HHmmss'Z'"_s);
        linkDate.setTimeSpec(Qt::UTC);
        QVERIFY(qAbs(linkDate.secsTo(QDateTime::currentDateTimeUtc())) < 5);
    }

    void refusedRequestIsSignedAgainOnce()
    {
        // Two minutes off: below the threshold for a Date header alone, but the server refused it.
        FakeS3Server server;
        QVERIFY(server.start());
        server.addFault(skewFault());
        QNetworkAccessManager network;
        auto client = fakeServerClient(&network, server.endpointUrl());
        client->setClock([] { return QDateTime::currentDateTimeUtc().addSecs(120); });
        ListBucketsJob job(client.get());
        job.setAutoDelete(false);
        QVERIFY(runJob(job, 10000));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QCOMPARE(server.count(u"ListBuckets"_s), 2);
        QCOMPARE(client->clockCorrections(), 1);
        QVERIFY(qAbs(client->clockOffsetMs() + 120000) < 3000);
        QVERIFY(qAbs(signedAt(server.requests().at(1)).secsTo(QDateTime::currentDateTimeUtc())) < 5);
    }

    void refusedAgainAfterTheCorrectionFails()
    {
        FakeS3Server server;
        QVERIFY(server.start());
        FakeS3Fault always = skewFault();
        always.times = -1;
        server.addFault(always);
        QNetworkAccessManager network;
        auto client = fakeServerClient(&network, server.endpointUrl());
        client->setClock([] { return QDateTime::currentDateTimeUtc().addSecs(3600); });
        ListBucketsJob job(client.get());
        job.setAutoDelete(false);
        QVERIFY(runJob(job, 10000));
        QVERIFY(job.hasError());
        QCOMPARE(job.error().code(), u"RequestTimeTooSkewed"_s);
        QCOMPARE(server.count(u"ListBuckets"_s), 2); // one correction, one more attempt, no loop
        QCOMPARE(client->clockCorrections(), 1);
    }

    void refusalWithoutDateHeaderFailsClearly()
    {
        FakeS3Server server;
        QVERIFY(server.start());
        FakeS3Fault noDate = skewFault("not a date");
        noDate.times = -1;
        server.addFault(noDate);
        QNetworkAccessManager network;
        auto client = fakeServerClient(&network, server.endpointUrl());
        ListBucketsJob job(client.get());
        job.setAutoDelete(false);
        QVERIFY(runJob(job, 10000));
        QVERIFY(job.hasError());
        QCOMPARE(job.error().code(), u"RequestTimeTooSkewed"_s);
        QVERIFY2(job.error().hint().contains(u"clock"_s), qPrintable(job.error().hint()));
        QCOMPARE(server.count(u"ListBuckets"_s), 1);
        QCOMPARE(client->clockOffsetMs(), 0);
    }

    void headRefusalWithoutBodyIsSignedAgain()
    {
        // HEAD answers carry no body, so the refusal cannot name RequestTimeTooSkewed: its Date header, an hour
        // from the local clock, is what tells. The HEAD is signed again with the server's time, once.
        FakeS3Server server;
        QVERIFY(server.start());
        server.createBucket(u"b"_s);
        server.putObject(u"b"_s, u"k"_s, "data");
        FakeS3Fault refused = skewFault(QLocale::c().toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1());
        refused.operation = u"HeadObject"_s;
        server.addFault(refused);
        QNetworkAccessManager network;
        auto client = fakeServerClient(&network, server.endpointUrl());
        client->setClock([] { return QDateTime::currentDateTimeUtc().addSecs(3600); });
        HeadObjectJob job(client.get(), u"b"_s, u"k"_s);
        job.setAutoDelete(false);
        QVERIFY(runJob(job, 10000));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QCOMPARE(job.metadata().size, 4);
        QCOMPARE(server.count(u"HeadObject"_s), 2);
        QCOMPARE(client->clockCorrections(), 1);
        QVERIFY(qAbs(signedAt(server.requests().constLast()).secsTo(QDateTime::currentDateTimeUtc())) < 5);

        // A 403 signed with the right clock is a refusal like any other: no second attempt for the time.
        FakeS3Fault denied;
        denied.operation = u"HeadObject"_s;
        denied.status = 403;
        denied.code = u"AccessDenied"_s;
        denied.times = -1;
        server.addFault(denied);
        HeadObjectJob again(client.get(), u"b"_s, u"k"_s);
        again.setAutoDelete(false);
        QVERIFY(runJob(again, 10000));
        QVERIFY(again.hasError());
        QCOMPARE(again.error().httpStatus(), 403);
        QCOMPARE(client->clockCorrections(), 1);
    }

    void anotherJobsCorrectionIsUsed()
    {
        // Two requests signed with the wrong clock are in flight; the first answer corrects the client, the
        // second refused request is only signed again, with no second correction.
        FakeS3Server server;
        QVERIFY(server.start());
        FakeS3Fault twice = skewFault();
        twice.times = 2;
        twice.delayMs = 200;
        server.addFault(twice);
        QNetworkAccessManager network;
        auto client = fakeServerClient(&network, server.endpointUrl());
        client->setClock([] { return QDateTime::currentDateTimeUtc().addSecs(-3600); });
        ListBucketsJob a(client.get());
        ListBucketsJob b(client.get());
        a.setAutoDelete(false);
        b.setAutoDelete(false);
        a.start();
        b.start();
        QVERIFY(waitUntil([&] { return a.isFinished() && b.isFinished(); }, 10000));
        QVERIFY2(!a.hasError(), qPrintable(a.error().toString()));
        QVERIFY2(!b.hasError(), qPrintable(b.error().toString()));
        QCOMPARE(server.count(u"ListBuckets"_s), 4);
        QCOMPARE(client->clockCorrections(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_ClockSkew)
#include "tst_clockskew.moc"
