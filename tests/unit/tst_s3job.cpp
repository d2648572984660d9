// SPDX-License-Identifier: Apache-2.0
// The job layer against the hermetic FakeS3Server: the job contract (Job), what S3Job puts on the wire,
// retries and their classification, error documents, region discovery and credential refresh.
#include <memory>

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include "fakes3server.h"
#include "livetest.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/endpoint.h"
#include "s3core/job.h"
#include "s3core/net/retrypolicy.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/bucketjobs.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/objectjobs.h"

using namespace s3;
using Kind = S3Error::Kind;

namespace {

const QString Bucket = QStringLiteral("bucket");
const QString AccessKey = QStringLiteral("AKIDTESTKEY");

Credentials testCredentials()
{
    Credentials credentials;
    credentials.accessKeyId = AccessKey;
    credentials.secretAccessKey = QStringLiteral("test-secret-key");
    return credentials;
}

/** Static credentials that count resolve() and invalidate() calls. */
class CountingCredentialsProvider final : public CredentialsProvider
{
public:
    void resolve(QObject *, Callback callback) override
    {
        ++resolves;
        callback(testCredentials());
    }
    void invalidate() override { ++invalidations; }
    QString name() const override { return QStringLiteral("counting test provider"); }

    int resolves = 0;
    int invalidations = 0;
};

/** Zero-delay retries: full jitter with random() == 0. */
QString errorText(const Job &job)
{
    return job.error().toString();
}

/** "us-east-1" from "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/s3/aws4_request, ..." */
QString signedRegion(const FakeS3Request &request)
{
    static const QRegularExpression credential(QStringLiteral("Credential=([^/]+)/(\\d{8})/([^/]+)/s3/aws4_request"));
    const QRegularExpressionMatch match = credential.match(QString::fromLatin1(request.header("authorization")));
    return match.hasMatch() ? match.captured(3) : QString();
}

QList<FakeS3Request> requestsFor(const FakeS3Server &server, const QString &operation)
{
    QList<FakeS3Request> result;
    for (const FakeS3Request &request : server.requests()) {
        if (request.operation == operation)
            result.append(request);
    }
    return result;
}

/** A job that does nothing until told: for the contract of the Job base class. */
class ManualJob final : public Job
{
    Q_OBJECT
public:
    using Job::Job;
    using Job::emitResult;
    int starts = 0;
    int cancels = 0;

protected:
    void doStart() override { ++starts; }
    void doCancel() override { ++cancels; }
};

} // namespace

class tst_S3Job : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    // job contract
    void startIsAsynchronous();
    void finishedExactlyOnceOnSuccess();
    void finishedExactlyOnceOnError();
    void emitResultTwiceIsIgnored();
    void cancelBeforeStartFinishesOnce();
    void cancelAfterFinishIsNoOp();
    void cancelMidRequestAbortsReply();
    void cancelDuringRetryDelay();
    void autoDeleteDeletesJob();
    void autoDeleteOffKeepsJob();

    // request shape
    void requestShape();
    void serverCopyTimeout_data();
    void serverCopyTimeout();
    void slowServerCopyOutlastsTheTimeout_data();
    void slowServerCopyOutlastsTheTimeout();
    void anonymousClientSendsUnsigned();

    // retries
    void slowDownOnceThenSuccess();
    void internalErrorThreeTimesThenSuccess();
    void serverErrorForeverGivesUp();
    void fatalErrorsNotRetried_data();
    void fatalErrorsNotRetried();
    void connectionClosedRetried_data();
    void connectionClosedRetried();
    void connectionClosedForeverFails();
    void hangTimesOut();
    void hangOnceIsRetried();

    // error documents
    void copyErrorIn200_data();
    void copyErrorIn200();
    void malformedXml_data();
    void malformedXml();
    void headNotFoundHasNoBody();

    // region discovery and credentials
    void regionRedirect_data();
    void regionRedirect();
    void authorizationHeaderMalformedGivesRegion();
    void onlyOneRegionRedirect();
    void expiredTokenRefreshesCredentialsOnce();
    void expiredTokenTwiceFails();

private:
    std::unique_ptr<S3Client> makeClient(std::shared_ptr<CredentialsProvider> credentials);

    std::unique_ptr<FakeS3Server> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::shared_ptr<CountingCredentialsProvider> m_credentials;
    std::unique_ptr<S3Client> m_client;
    QByteArray m_content;
};

std::unique_ptr<S3Client> tst_S3Job::makeClient(std::shared_ptr<CredentialsProvider> credentials)
{
    const Result<Endpoint> endpoint = Endpoint::parse(m_server->endpointUrl(), QStringLiteral("us-east-1"), AddressingStyle::Path);
    if (!endpoint)
        qFatal("cannot parse the fake endpoint");
    auto client = std::make_unique<S3Client>(m_nam.get(), *endpoint, std::move(credentials));
    client->setTransferTimeoutMs(3000);
    return client;
}

void tst_S3Job::init()
{
    m_server = std::make_unique<FakeS3Server>();
    QVERIFY(m_server->start());
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_credentials = std::make_shared<CountingCredentialsProvider>();
    m_client = makeClient(m_credentials);
    m_content = randomBytes(20000, 1);
    m_server->putObject(Bucket, QStringLiteral("dir/object.bin"), m_content);
}

void tst_S3Job::cleanup()
{
    m_client.reset();
    m_nam.reset();
    m_server.reset();
}

// --- server-side copies ------------------------------------------------------------------------------------

void tst_S3Job::serverCopyTimeout_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<int>("expectedMs");
    QTest::newRow("unknown size") << qint64(-1) << 30000;
    QTest::newRow("empty") << qint64(0) << 30000;
    QTest::newRow("1 MiB") << qint64(1) * 1024 * 1024 << 30000; // whole seconds at 2 MiB/s: none
    QTest::newRow("512 MiB part") << qint64(512) * 1024 * 1024 << 30000 + 256000;
    QTest::newRow("5 GiB, capped at 30 min") << qint64(5) * 1024 * 1024 * 1024 << 30 * 60 * 1000;
}

void tst_S3Job::serverCopyTimeout()
{
    QFETCH(qint64, bytes);
    QFETCH(int, expectedMs);
    QCOMPARE(serverCopyTimeoutMs(bytes), expectedMs);
}

void tst_S3Job::slowServerCopyOutlastsTheTimeout_data()
{
    QTest::addColumn<bool>("sizeGiven");
    QTest::newRow("source size given: waits for the copy") << true;
    QTest::newRow("no size: the client's timeout") << false;
}

void tst_S3Job::slowServerCopyOutlastsTheTimeout()
{
    // A server copies before it answers a byte: a copy that takes longer than the client's inactivity timeout
    // (1 s here) is not cut off when the job knows how much is copied.
    QFETCH(bool, sizeGiven);
    m_client->setTransferTimeoutMs(1000);
    FakeS3Fault slow;
    slow.operation = QStringLiteral("CopyObject");
    slow.delayMs = 1800;
    m_server->addFault(slow);
    CopyObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"), Bucket, QStringLiteral("copy.bin"));
    job.setAutoDelete(false);
    job.setRetryPolicy(fastRetries(1));
    if (sizeGiven)
        job.setSourceSize(m_content.size());
    QVERIFY(runJob(job, 10000));
    if (sizeGiven) {
        QVERIFY2(!job.hasError(), qPrintable(errorText(job)));
        QVERIFY(m_server->object(Bucket, QStringLiteral("copy.bin")).has_value());
    } else {
        QVERIFY(job.hasError());
        QCOMPARE(job.error().kind(), S3Error::Kind::Timeout);
    }
}

// --- job contract ---------------------------------------------------------------------------------------

void tst_S3Job::startIsAsynchronous()
{
    HeadObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    QSignalSpy finished(&job, &Job::finished);
    job.start();
    QVERIFY(job.isStarted());
    QVERIFY(!job.isFinished());
    QCOMPARE(finished.count(), 0);
    QCOMPARE(job.attempts(), 0); // nothing was done yet
    job.start();                 // a second start is ignored

    // Even an immediately failing job reports later, not from start().
    HeadObjectJob invalid(m_client.get(), QString(), QString());
    invalid.setAutoDelete(false);
    QSignalSpy invalidFinished(&invalid, &Job::finished);
    invalid.start();
    QCOMPARE(invalidFinished.count(), 0);

    QVERIFY(finished.wait(3000));
    QTRY_COMPARE(invalidFinished.count(), 1);
    QCOMPARE(invalid.error().kind(), Kind::Invalid);
    QCOMPARE(finished.count(), 1);
    QVERIFY2(!job.hasError(), qPrintable(errorText(job)));
    QCOMPARE(m_server->count(QStringLiteral("HeadObject")), 1);
}

void tst_S3Job::finishedExactlyOnceOnSuccess()
{
    HeadObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    QSignalSpy finished(&job, &Job::finished);
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(errorText(job)));
    QCOMPARE(job.metadata().size, qint64(m_content.size()));
    QCOMPARE(job.httpStatus(), 200);
    QVERIFY(!job.requestId().isEmpty());
    QCOMPARE(job.attempts(), 1);
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().value<Job *>(), &job);
}

void tst_S3Job::finishedExactlyOnceOnError()
{
    GetObjectJob job(m_client.get(), Bucket, QStringLiteral("missing"));
    job.setAutoDelete(false);
    job.setRetryPolicy(fastRetries(4));
    QSignalSpy finished(&job, &Job::finished);
    QVERIFY(runJob(job, 3000));
    QVERIFY(job.hasError());
    QCOMPARE(job.error().code(), QStringLiteral("NoSuchKey"));
    job.cancel();
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job.error().code(), QStringLiteral("NoSuchKey"));
}

void tst_S3Job::emitResultTwiceIsIgnored()
{
    ManualJob job;
    job.setAutoDelete(false);
    QSignalSpy finished(&job, &Job::finished);
    job.start();
    QCOMPARE(job.starts, 0);
    QTRY_COMPARE(job.starts, 1);
    job.emitResult(S3Error::invalid(QStringLiteral("first")));
    job.emitResult(); // ignored: the first result stays
    job.emitResult(S3Error::io(QStringLiteral("second")));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job.error().kind(), Kind::Invalid);
    QCOMPARE(job.error().message(), QStringLiteral("first"));
    job.cancel();
    QCOMPARE(job.cancels, 0);
    QCOMPARE(finished.count(), 1);
}

void tst_S3Job::cancelBeforeStartFinishesOnce()
{
    ManualJob job;
    job.setAutoDelete(false);
    QSignalSpy finished(&job, &Job::finished);
    job.start();
    job.cancel(); // before doStart() ran
    job.cancel(); // idempotent
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job.cancels, 1);
    QCOMPARE(job.error().kind(), Kind::Cancelled);
    QTest::qWait(20);
    QCOMPARE(job.starts, 0); // the scheduled start does not run for a finished job
    QCOMPARE(finished.count(), 1);
}

void tst_S3Job::cancelAfterFinishIsNoOp()
{
    HeadObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    QSignalSpy finished(&job, &Job::finished);
    QVERIFY(runJob(job, 3000));
    QVERIFY(!job.hasError());
    job.cancel();
    job.cancel();
    QCOMPARE(finished.count(), 1);
    QVERIFY(!job.hasError());
}

void tst_S3Job::cancelMidRequestAbortsReply()
{
    FakeS3Fault hang;
    hang.operation = QStringLiteral("GetObject");
    hang.hang = true;
    m_server->addFault(hang);

    GetObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    QSignalSpy finished(&job, &Job::finished);
    QSignalSpy progress(&job, &S3Job::downloadProgress);
    QSignalSpy received(m_server.get(), &FakeS3Server::requestReceived);
    job.start();
    QVERIFY(received.wait(3000));
    QCOMPARE(m_server->activeRequests(), 1);
    QCOMPARE(finished.count(), 0);

    job.cancel();
    QCOMPARE(finished.count(), 1); // synchronously, exactly once
    QCOMPARE(job.error().kind(), Kind::Cancelled);
    // The reply was aborted: the fake sees its connection close.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), 0, 3000);
    const int progressCount = progress.count();
    QTest::qWait(100);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(progress.count(), progressCount);
    QCOMPARE(m_server->count(QStringLiteral("GetObject")), 1);
    QVERIFY(job.data().isEmpty());
}

void tst_S3Job::cancelDuringRetryDelay()
{
    FakeS3Fault unavailable;
    unavailable.operation = QStringLiteral("HeadObject");
    unavailable.status = 503;
    unavailable.code = QStringLiteral("ServiceUnavailable");
    m_server->addFault(unavailable);

    RetryPolicy slow = fastRetries(4);
    slow.random = [] { return 0.999; };
    slow.baseDelay = std::chrono::milliseconds(2000); // ~2 s before the second attempt
    HeadObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    job.setRetryPolicy(slow);
    QSignalSpy finished(&job, &Job::finished);
    QSignalSpy received(m_server.get(), &FakeS3Server::requestReceived);
    job.start();
    QVERIFY(received.wait(3000));
    QTRY_COMPARE(job.attempts(), 1);
    QTest::qWait(100); // the 503 has arrived, the retry timer runs
    job.cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job.error().kind(), Kind::Cancelled);
    QTest::qWait(300);
    QCOMPARE(m_server->count(QStringLiteral("HeadObject")), 1);
}

void tst_S3Job::autoDeleteDeletesJob()
{
    auto *job = new HeadObjectJob(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    QVERIFY(job->autoDelete()); // the default
    QPointer<Job> guard(job);
    QSignalSpy finished(job, &Job::finished);
    bool hadError = true;
    connect(job, &Job::finished, this, [&hadError](Job *j) { hadError = j->hasError(); });
    job->start();
    QVERIFY(finished.wait(3000));
    QVERIFY(!hadError);
    QTRY_VERIFY(guard.isNull());

    // A cancelled job deletes itself too.
    auto *cancelled = new HeadObjectJob(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    QPointer<Job> cancelledGuard(cancelled);
    cancelled->start();
    cancelled->cancel();
    QVERIFY(!cancelledGuard.isNull()); // deleteLater, not delete: the caller's stack may still use it
    QTRY_VERIFY(cancelledGuard.isNull());
}

void tst_S3Job::autoDeleteOffKeepsJob()
{
    auto job = std::make_unique<HeadObjectJob>(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job->setAutoDelete(false);
    QPointer<Job> guard(job.get());
    QVERIFY(runJob(*job, 3000));
    QTest::qWait(50);
    QVERIFY(!guard.isNull());
    QVERIFY(!job->hasError());
}

// --- request shape ---------------------------------------------------------------------------------------

void tst_S3Job::requestShape()
{
    ListBucketsJob buckets(m_client.get());
    buckets.setAutoDelete(false);
    QVERIFY(runJob(buckets, 3000));
    QVERIFY2(!buckets.hasError(), qPrintable(errorText(buckets)));
    QCOMPARE(buckets.result().buckets.size(), 1);

    GetObjectJob get(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    get.setAutoDelete(false);
    QVERIFY(runJob(get, 3000));
    QVERIFY(get.data() == m_content);

    const QList<FakeS3Request> requests = m_server->requests();
    QCOMPARE(requests.size(), 2);
    for (const FakeS3Request &request : requests) {
        QVERIFY2(request.header("user-agent").startsWith("S3Desk/"), request.header("user-agent").constData());
        QCOMPARE(request.header("accept-encoding"), QByteArray("identity"));
        const QByteArray authorization = request.header("authorization");
        QVERIFY(authorization.startsWith("AWS4-HMAC-SHA256 "));
        QVERIFY2(authorization.contains(QByteArray("Credential=" + AccessKey.toLatin1() + '/')), authorization.constData());
        QCOMPARE(signedRegion(request), QStringLiteral("us-east-1"));
        QVERIFY(authorization.contains("SignedHeaders="));
        QVERIFY(authorization.contains("Signature="));
        QVERIFY(!request.header("x-amz-date").isEmpty());
        // GET has no body: the signed payload hash is the SHA-256 of nothing.
        QCOMPARE(request.header("x-amz-content-sha256"),
                 QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }
    QCOMPARE(requests.at(0).operation, QStringLiteral("ListBuckets"));
    QCOMPARE(requests.at(1).operation, QStringLiteral("GetObject"));
    QCOMPARE(requests.at(1).rawPath, QByteArray("/bucket/dir/object.bin"));
    QCOMPARE(m_credentials->resolves, 2);
    QCOMPARE(m_credentials->invalidations, 0);
}

void tst_S3Job::anonymousClientSendsUnsigned()
{
    std::unique_ptr<S3Client> anonymous = makeClient(nullptr);
    QVERIFY(anonymous->isAnonymous());
    GetObjectJob job(anonymous.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(errorText(job)));
    QVERIFY(job.data() == m_content);
    QCOMPARE(m_server->requests().size(), 1);
    QVERIFY(!m_server->requests().first().isSigned());
    QVERIFY(m_server->requests().first().header("user-agent").startsWith("S3Desk/"));
}

// --- retries ---------------------------------------------------------------------------------------------

void tst_S3Job::slowDownOnceThenSuccess()
{
    FakeS3Fault slowDown;
    slowDown.operation = QStringLiteral("GetObject");
    slowDown.status = 503;
    slowDown.code = QStringLiteral("SlowDown");
    m_server->addFault(slowDown);

    RetryPolicy policy = fastRetries(4);
    policy.throttleBaseDelay = std::chrono::milliseconds(50); // random() == 0: no wait anyway
    GetObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    job.setRetryPolicy(policy);
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(errorText(job)));
    QVERIFY(job.data() == m_content);
    QCOMPARE(job.attempts(), 2);
    QCOMPARE(m_server->count(QStringLiteral("GetObject")), 2);
    QCOMPARE(m_server->pendingFaults(), 0);
}

void tst_S3Job::internalErrorThreeTimesThenSuccess()
{
    FakeS3Fault internal;
    internal.operation = QStringLiteral("GetObject");
    internal.status = 500;
    internal.times = 3;
    m_server->addFault(internal);

    GetObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    job.setRetryPolicy(fastRetries(4));
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(errorText(job)));
    QVERIFY(job.data() == m_content);
    QCOMPARE(job.attempts(), 4);
    QCOMPARE(m_server->count(QStringLiteral("GetObject")), 4);
}

void tst_S3Job::serverErrorForeverGivesUp()
{
    FakeS3Fault internal;
    internal.operation = QStringLiteral("HeadObject");
    internal.status = 500;
    internal.times = -1;
    m_server->addFault(internal);

    HeadObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    job.setRetryPolicy(fastRetries(3));
    QVERIFY(runJob(job, 3000));
    QVERIFY(job.hasError());
    QCOMPARE(job.error().httpStatus(), 500);
    QCOMPARE(job.error().code(), QStringLiteral("InternalError"));
    QCOMPARE(job.attempts(), 3);
    QCOMPARE(m_server->count(QStringLiteral("HeadObject")), 3);

    // The same with a body: the S3 code of the body is kept.
    FakeS3Fault getInternal = internal;
    getInternal.operation = QStringLiteral("GetObject");
    getInternal.code = QStringLiteral("InternalError");
    getInternal.message = QStringLiteral("We encountered an internal error. Please try again.");
    m_server->addFault(getInternal);
    GetObjectJob get(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    get.setAutoDelete(false);
    get.setRetryPolicy(fastRetries(2));
    QVERIFY(runJob(get, 3000));
    QCOMPARE(get.error().kind(), Kind::S3);
    QCOMPARE(get.error().code(), QStringLiteral("InternalError"));
    QCOMPARE(get.error().message(), getInternal.message);
    QVERIFY(!get.error().requestId().isEmpty());
    QCOMPARE(get.attempts(), 2);
}

void tst_S3Job::fatalErrorsNotRetried_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<Kind>("kind");
    QTest::newRow("404 NoSuchKey") << 404 << QStringLiteral("NoSuchKey") << Kind::S3;
    QTest::newRow("403 AccessDenied") << 403 << QStringLiteral("AccessDenied") << Kind::S3;
    QTest::newRow("403 SignatureDoesNotMatch") << 403 << QStringLiteral("SignatureDoesNotMatch") << Kind::Auth;
    QTest::newRow("403 InvalidAccessKeyId") << 403 << QStringLiteral("InvalidAccessKeyId") << Kind::Auth;
    QTest::newRow("400 InvalidArgument") << 400 << QStringLiteral("InvalidArgument") << Kind::S3;
    QTest::newRow("501 NotImplemented") << 501 << QStringLiteral("NotImplemented") << Kind::S3;
}

void tst_S3Job::fatalErrorsNotRetried()
{
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(Kind, kind);
    FakeS3Fault fault;
    fault.operation = QStringLiteral("GetObject");
    fault.status = status;
    fault.code = code;
    fault.times = -1;
    m_server->addFault(fault);

    GetObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    job.setRetryPolicy(fastRetries(4));
    QVERIFY(runJob(job, 3000));
    QVERIFY(job.hasError());
    QCOMPARE(job.error().code(), code);
    QCOMPARE(job.error().httpStatus(), status);
    QCOMPARE(job.error().kind(), kind);
    QCOMPARE(job.attempts(), 1);
    QCOMPARE(m_server->count(QStringLiteral("GetObject")), 1);
    QCOMPARE(m_credentials->invalidations, 0); // rejected credentials are not "expired": no refresh loop
}

void tst_S3Job::connectionClosedRetried_data()
{
    QTest::addColumn<bool>("reset");
    QTest::newRow("close without response") << false;
    QTest::newRow("reset mid-body") << true;
}

void tst_S3Job::connectionClosedRetried()
{
    QFETCH(bool, reset);
    FakeS3Fault fault;
    fault.operation = QStringLiteral("GetObject");
    if (reset)
        fault.resetAfterBytes = 1000;
    else
        fault.closeWithoutResponse = true;
    fault.times = 3; // QNAM may absorb some of them with its own silent resend
    m_server->addFault(fault);

    GetObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    job.setRetryPolicy(fastRetries(5));
    QVERIFY(runJob(job, 4000));
    QVERIFY2(!job.hasError(), qPrintable(errorText(job)));
    QVERIFY(job.data() == m_content);
    QCOMPARE(m_server->pendingFaults(), 0);
    // At least the three failed requests and the good one; Qt's own silent resend can add one more.
    QVERIFY(m_server->count(QStringLiteral("GetObject")) >= 4);
    QVERIFY(job.attempts() <= 4);
}

void tst_S3Job::connectionClosedForeverFails()
{
    FakeS3Fault fault;
    fault.operation = QStringLiteral("HeadObject");
    fault.closeWithoutResponse = true;
    fault.times = -1;
    m_server->addFault(fault);

    HeadObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    job.setRetryPolicy(fastRetries(3));
    QVERIFY(runJob(job, 4000));
    QVERIFY(job.hasError());
    QCOMPARE(job.error().kind(), Kind::Network);
    QVERIFY(!job.error().message().isEmpty());
    QCOMPARE(job.attempts(), 3);
    QVERIFY(m_server->count(QStringLiteral("HeadObject")) >= 3);
}

void tst_S3Job::hangTimesOut()
{
    FakeS3Fault hang;
    hang.operation = QStringLiteral("HeadObject");
    hang.hang = true;
    hang.times = -1;
    m_server->addFault(hang);
    m_client->setTransferTimeoutMs(300);

    HeadObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    job.setRetryPolicy(fastRetries(2));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(runJob(job, 4000));
    QVERIFY(job.hasError());
    QCOMPARE(job.error().kind(), Kind::Timeout);
    QVERIFY2(job.error().message().contains(QStringLiteral("127.0.0.1")), qPrintable(job.error().message()));
    QCOMPARE(job.attempts(), 2);
    QCOMPARE(m_server->count(QStringLiteral("HeadObject")), 2);
    QVERIFY(timer.elapsed() >= 500);
}

void tst_S3Job::hangOnceIsRetried()
{
    FakeS3Fault hang;
    hang.operation = QStringLiteral("GetObject");
    hang.hang = true;
    m_server->addFault(hang);
    m_client->setTransferTimeoutMs(300);

    GetObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    job.setRetryPolicy(fastRetries(3));
    QVERIFY(runJob(job, 4000));
    QVERIFY2(!job.hasError(), qPrintable(errorText(job)));
    QVERIFY(job.data() == m_content);
    QCOMPARE(job.attempts(), 2);
    QCOMPARE(m_server->count(QStringLiteral("GetObject")), 2);
}

// --- error documents ---------------------------------------------------------------------------------------

void tst_S3Job::copyErrorIn200_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("times");
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<int>("requests");
    QTest::newRow("InternalError once: retried") << QStringLiteral("InternalError") << 1 << true << 2;
    QTest::newRow("InternalError always") << QStringLiteral("InternalError") << -1 << false << 3;
    QTest::newRow("AccessDenied: not retried") << QStringLiteral("AccessDenied") << -1 << false << 1;
}

void tst_S3Job::copyErrorIn200()
{
    QFETCH(QString, code);
    QFETCH(int, times);
    QFETCH(bool, succeeds);
    QFETCH(int, requests);
    FakeS3Fault fault;
    fault.operation = QStringLiteral("CopyObject");
    fault.errorIn200 = true;
    fault.code = code;
    fault.times = times;
    m_server->addFault(fault);

    CopyObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"), Bucket, QStringLiteral("copy.bin"));
    job.setAutoDelete(false);
    job.setRetryPolicy(fastRetries(3));
    QVERIFY(runJob(job, 3000));
    QCOMPARE(m_server->count(QStringLiteral("CopyObject")), requests);
    if (succeeds) {
        QVERIFY2(!job.hasError(), qPrintable(errorText(job)));
        QVERIFY(!job.result().etag.isEmpty());
        QVERIFY(m_server->object(Bucket, QStringLiteral("copy.bin")).has_value());
        return;
    }
    QVERIFY(job.hasError());
    QCOMPARE(job.error().code(), code);
    QCOMPARE(job.httpStatus(), 200);
    QVERIFY(!m_server->object(Bucket, QStringLiteral("copy.bin")).has_value());
}

void tst_S3Job::malformedXml_data()
{
    QTest::addColumn<QString>("operation");
    QTest::newRow("ListBuckets") << QStringLiteral("ListBuckets");
    QTest::newRow("ListObjectsV2") << QStringLiteral("ListObjectsV2");
}

void tst_S3Job::malformedXml()
{
    QFETCH(QString, operation);
    FakeS3Fault fault;
    fault.operation = operation;
    fault.rawBody = QByteArrayLiteral("<?xml version=\"1.0\"?><ListBucketResult><Contents><Key>a</Key></Conte");
    fault.times = -1;
    m_server->addFault(fault);

    std::unique_ptr<S3Job> job;
    if (operation == QLatin1String("ListBuckets")) {
        fault.rawBody.replace("ListBucketResult", "ListAllMyBucketsResult");
        m_server->clearFaults();
        m_server->addFault(fault);
        job = std::make_unique<ListBucketsJob>(m_client.get());
    } else {
        ListObjectsRequest request;
        request.bucket = Bucket;
        job = std::make_unique<ListObjectsPageJob>(m_client.get(), request);
    }
    job->setAutoDelete(false);
    job->setRetryPolicy(fastRetries(4));
    QVERIFY(runJob(*job, 3000));
    QVERIFY(job->hasError());
    QCOMPARE(job->error().kind(), Kind::Invalid);
    QVERIFY2(job->error().message().contains(QStringLiteral("malformed XML")), qPrintable(job->error().message()));
    QCOMPARE(job->httpStatus(), 200);
    QCOMPARE(m_server->count(operation), 1); // a parse error is not retried
}

void tst_S3Job::headNotFoundHasNoBody()
{
    HeadObjectJob job(m_client.get(), Bucket, QStringLiteral("no/such/key"));
    job.setAutoDelete(false);
    job.setRetryPolicy(fastRetries(4));
    QVERIFY(runJob(job, 3000));
    QVERIFY(job.hasError());
    QCOMPARE(job.error().code(), QStringLiteral("NotFound"));
    QCOMPARE(job.error().httpStatus(), 404);
    QCOMPARE(job.error().kind(), Kind::Http);
    QVERIFY(!job.error().message().isEmpty());
    QVERIFY(!job.error().requestId().isEmpty()); // from the x-amz-request-id header
    QCOMPARE(job.attempts(), 1);
}

// --- region discovery and credentials -------------------------------------------------------------------

void tst_S3Job::regionRedirect_data()
{
    QTest::addColumn<QString>("operation");
    QTest::newRow("HEAD (no body, header only)") << QStringLiteral("HeadObject");
    QTest::newRow("GET with an error body") << QStringLiteral("GetObject");
    QTest::newRow("listing") << QStringLiteral("ListObjectsV2");
}

void tst_S3Job::regionRedirect()
{
    QFETCH(QString, operation);
    FakeS3Fault redirect;
    redirect.operation = operation;
    redirect.status = 301;
    redirect.code = QStringLiteral("PermanentRedirect");
    redirect.extraHeaders = {{QByteArrayLiteral("x-amz-bucket-region"), QByteArrayLiteral("eu-west-1")}};
    m_server->addFault(redirect);

    const auto makeJob = [&]() -> std::unique_ptr<S3Job> {
        if (operation == QLatin1String("HeadObject"))
            return std::make_unique<HeadObjectJob>(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
        if (operation == QLatin1String("GetObject"))
            return std::make_unique<GetObjectJob>(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
        ListObjectsRequest request;
        request.bucket = Bucket;
        return std::make_unique<ListObjectsPageJob>(m_client.get(), request);
    };
    QCOMPARE(m_client->regionForBucket(Bucket), QStringLiteral("us-east-1"));
    std::unique_ptr<S3Job> job = makeJob();
    job->setAutoDelete(false);
    job->setRetryPolicy(RetryPolicy::none()); // the redirect needs no retry budget
    QVERIFY(runJob(*job, 3000));
    QVERIFY2(!job->hasError(), qPrintable(errorText(*job)));
    QCOMPARE(job->attempts(), 1);
    QList<FakeS3Request> sent = requestsFor(*m_server, operation);
    QCOMPARE(sent.size(), 2);
    QCOMPARE(signedRegion(sent.at(0)), QStringLiteral("us-east-1"));
    QCOMPARE(signedRegion(sent.at(1)), QStringLiteral("eu-west-1"));
    QCOMPARE(m_client->regionForBucket(Bucket), QStringLiteral("eu-west-1"));
    QCOMPARE(m_client->regionForBucket(QStringLiteral("other")), QStringLiteral("us-east-1"));

    // A later job for the same bucket goes straight to the right region.
    m_server->clearLog();
    std::unique_ptr<S3Job> again = makeJob();
    again->setAutoDelete(false);
    QVERIFY(runJob(*again, 3000));
    QVERIFY2(!again->hasError(), qPrintable(errorText(*again)));
    sent = m_server->requests();
    QCOMPARE(sent.size(), 1);
    QCOMPARE(signedRegion(sent.at(0)), QStringLiteral("eu-west-1"));
}

void tst_S3Job::authorizationHeaderMalformedGivesRegion()
{
    FakeS3Fault malformed;
    malformed.operation = QStringLiteral("GetObject");
    malformed.status = 400;
    malformed.code = QStringLiteral("AuthorizationHeaderMalformed");
    malformed.rawBody = QByteArrayLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AuthorizationHeaderMalformed</Code>"
        "<Message>The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-central-1'</Message>"
        "<Region>eu-central-1</Region><RequestId>ABC</RequestId><HostId>xyz</HostId></Error>");
    m_server->addFault(malformed);

    GetObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    job.setRetryPolicy(RetryPolicy::none());
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(errorText(job)));
    QVERIFY(job.data() == m_content);
    const QList<FakeS3Request> sent = requestsFor(*m_server, QStringLiteral("GetObject"));
    QCOMPARE(sent.size(), 2);
    QCOMPARE(signedRegion(sent.at(0)), QStringLiteral("us-east-1"));
    QCOMPARE(signedRegion(sent.at(1)), QStringLiteral("eu-central-1"));
    QCOMPARE(m_client->regionForBucket(Bucket), QStringLiteral("eu-central-1"));
}

void tst_S3Job::onlyOneRegionRedirect()
{
    FakeS3Fault first;
    first.operation = QStringLiteral("GetObject");
    first.status = 301;
    first.code = QStringLiteral("PermanentRedirect");
    first.extraHeaders = {{QByteArrayLiteral("x-amz-bucket-region"), QByteArrayLiteral("eu-west-1")}};
    FakeS3Fault second = first;
    second.extraHeaders = {{QByteArrayLiteral("x-amz-bucket-region"), QByteArrayLiteral("ap-south-1")}};
    m_server->addFault(first);
    m_server->addFault(second);

    GetObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    job.setRetryPolicy(fastRetries(4));
    QVERIFY(runJob(job, 3000));
    QVERIFY(job.hasError());
    QCOMPARE(job.error().code(), QStringLiteral("PermanentRedirect"));
    QCOMPARE(job.error().httpStatus(), 301);
    QCOMPARE(job.error().region(), QStringLiteral("ap-south-1"));
    QCOMPARE(m_server->count(QStringLiteral("GetObject")), 2);
    QCOMPARE(m_server->pendingFaults(), 0);
}

void tst_S3Job::expiredTokenRefreshesCredentialsOnce()
{
    FakeS3Fault expired;
    expired.operation = QStringLiteral("GetObject");
    expired.status = 400;
    expired.code = QStringLiteral("ExpiredToken");
    m_server->addFault(expired);

    GetObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    job.setRetryPolicy(RetryPolicy::none()); // the refresh is not a policy retry
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(errorText(job)));
    QVERIFY(job.data() == m_content);
    QCOMPARE(m_credentials->invalidations, 1);
    QCOMPARE(m_credentials->resolves, 2);
    QCOMPARE(m_server->count(QStringLiteral("GetObject")), 2);
}

void tst_S3Job::expiredTokenTwiceFails()
{
    FakeS3Fault expired;
    expired.operation = QStringLiteral("GetObject");
    expired.status = 400;
    expired.code = QStringLiteral("ExpiredToken");
    expired.times = -1;
    m_server->addFault(expired);

    GetObjectJob job(m_client.get(), Bucket, QStringLiteral("dir/object.bin"));
    job.setAutoDelete(false);
    job.setRetryPolicy(fastRetries(4));
    QVERIFY(runJob(job, 3000));
    QVERIFY(job.hasError());
    QCOMPARE(job.error().code(), QStringLiteral("ExpiredToken"));
    QCOMPARE(job.error().kind(), Kind::Auth);
    QCOMPARE(m_credentials->invalidations, 1);
    QCOMPARE(m_server->count(QStringLiteral("GetObject")), 2);
}

QTEST_GUILESS_MAIN(tst_S3Job)
#include "tst_s3job.moc"
