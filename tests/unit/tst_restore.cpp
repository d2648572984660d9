// SPDX-License-Identifier: Apache-2.0
// Archived objects (GLACIER, DEEP_ARCHIVE), which Ceph RGW 16 never archives and cannot restore, so they are
// tested on FakeS3Server answering as AWS documents: the x-amz-restore parser (data-driven), the RestoreRequest
// body, RestoreObjectJob's 202 / 200 answers and its refusals with messages that say what they mean, HEAD's
// restore status, and a GET of an archived object explained (403 InvalidObjectState).
#include <QNetworkAccessManager>
#include <QTest>

#include "fakes3server.h"
#include "livetest.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/restoreobjectjob.h"
#include "s3core/restore.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString Bucket = u"bucket"_s;
}

class TestRestore : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeS3Server> m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;

    void putArchived(const QString &key, const QByteArray &data, const QString &storageClass = u"GLACIER"_s)
    {
        m_server->putObject(Bucket, key, data);
        m_server->updateObject(Bucket, key, [storageClass](FakeS3Object &object) { object.storageClass = storageClass; });
    }

    ObjectMetadata head(const QString &key)
    {
        HeadObjectJob job(m_client.get(), Bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job, 10000) || job.hasError())
            qWarning() << "head" << key << job.error();
        return job.metadata();
    }

    std::unique_ptr<RestoreObjectJob> restore(const QString &key, int days, const QString &tier)
    {
        auto job = std::make_unique<RestoreObjectJob>(m_client.get(), Bucket, key, days, tier);
        job->setAutoDelete(false);
        if (!runJob(*job, 10000))
            qWarning() << "restore" << key << "did not finish";
        return job;
    }

    int restoreRequests() const
    {
        int count = 0;
        for (const FakeS3Request &request : m_server->requests())
            count += request.operation == u"RestoreObject"_s;
        return count;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeS3Server>();
        QVERIFY(m_server->start());
        m_server->createBucket(Bucket);
        m_client = fakeServerClient(&m_network, m_server->endpointUrl());
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void parsesRestoreHeader_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("ongoing");
        QTest::addColumn<QDateTime>("expiry");
        const QDateTime dec21(QDate(2012, 12, 21), QTime(0, 0), Qt::UTC);
        QTest::newRow("ongoing") << QByteArray("ongoing-request=\"true\"") << true << true << QDateTime();
        QTest::newRow("done") << QByteArray("ongoing-request=\"false\", expiry-date=\"Fri, 21 Dec 2012 00:00:00 GMT\"") << true << false << dec21;
        QTest::newRow("no space") << QByteArray("ongoing-request=\"false\",expiry-date=\"Fri, 21 Dec 2012 00:00:00 GMT\"") << true << false << dec21;
        QTest::newRow("order swapped") << QByteArray("expiry-date=\"Fri, 21 Dec 2012 00:00:00 GMT\", ongoing-request=\"false\"") << true << false << dec21;
        QTest::newRow("upper case") << QByteArray("Ongoing-Request=\"TRUE\"") << true << true << QDateTime();
        QTest::newRow("unknown pair skipped") << QByteArray("ongoing-request=\"true\", restore-type=\"x, y\"") << true << true << QDateTime();
        QTest::newRow("surrounding spaces") << QByteArray("  ongoing-request = \"false\"  ") << true << false << QDateTime();
        QTest::newRow("empty") << QByteArray() << false << false << QDateTime();
        QTest::newRow("no ongoing") << QByteArray("expiry-date=\"Fri, 21 Dec 2012 00:00:00 GMT\"") << false << false << QDateTime();
        QTest::newRow("not a boolean") << QByteArray("ongoing-request=\"maybe\"") << false << false << QDateTime();
        QTest::newRow("unquoted") << QByteArray("ongoing-request=true") << false << false << QDateTime();
        QTest::newRow("open quote") << QByteArray("ongoing-request=\"true") << false << false << QDateTime();
        QTest::newRow("bad date") << QByteArray("ongoing-request=\"false\", expiry-date=\"tomorrow\"") << false << false << QDateTime();
        QTest::newRow("twice") << QByteArray("ongoing-request=\"false\", ongoing-request=\"true\"") << false << false << QDateTime();
        QTest::newRow("trailing comma") << QByteArray("ongoing-request=\"true\",") << false << false << QDateTime();
        QTest::newRow("no comma") << QByteArray("ongoing-request=\"true\" expiry-date=\"Fri, 21 Dec 2012 00:00:00 GMT\"") << false << false << QDateTime();
        QTest::newRow("too long") << (QByteArray("ongoing-request=\"true\", x=\"") + QByteArray(2000, 'a') + '"') << false << false << QDateTime();
    }

    void parsesRestoreHeader()
    {
        QFETCH(QByteArray, header);
        QFETCH(bool, valid);
        QFETCH(bool, ongoing);
        QFETCH(QDateTime, expiry);
        const Result<RestoreStatus> status = restore::parseRestoreHeader(header);
        QCOMPARE(status.ok(), valid);
        if (!valid) {
            QVERIFY2(status.error().message().contains(u"x-amz-restore"_s), qPrintable(status.error().message()));
            return;
        }
        QVERIFY(status->requested);
        QCOMPARE(status->ongoing, ongoing);
        QCOMPARE(status->expiry, expiry);
    }

    void describesTheStatus()
    {
        QCOMPARE(restore::describe({}), QString());
        QCOMPARE(restore::describe({true, true, {}}), u"in progress"_s);
        const QDateTime expiry(QDate(2031, 1, 2), QTime(3, 4), Qt::UTC);
        QVERIFY(restore::describe({true, false, expiry}).startsWith(u"available until "_s));
        QVERIFY(restore::isArchiveClass(u"GLACIER"_s) && restore::isArchiveClass(u"DEEP_ARCHIVE"_s));
        QVERIFY(!restore::isArchiveClass(u"GLACIER_IR"_s) && !restore::isArchiveClass(u"STANDARD"_s));
    }

    void buildsTheRequestBody()
    {
        QCOMPARE(restore::buildRestoreRequest(7, u"Bulk"_s),
                 QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<RestoreRequest xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                            "<Days>7</Days><GlacierJobParameters><Tier>Bulk</Tier></GlacierJobParameters></RestoreRequest>"));
        QVERIFY(!restore::buildRestoreRequest(7, u"<Tier>"_s).contains("GlacierJobParameters"));
    }

    void restoreStartsThenIsInProgressThenDone()
    {
        const QByteArray data = "frozen bytes";
        putArchived(u"cold/a.bin"_s, data);
        QCOMPARE(head(u"cold/a.bin"_s).storageClass, u"GLACIER"_s);
        QVERIFY(!head(u"cold/a.bin"_s).restore.requested);

        // Archived: a GET is refused, and the message says why and what to do.
        GetObjectJob get(m_client.get(), Bucket, u"cold/a.bin"_s);
        get.setAutoDelete(false);
        QVERIFY(runJob(get, 10000));
        QCOMPARE(get.error().code(), u"InvalidObjectState"_s);
        const S3Error explained = restore::explainArchivedRead(get.error(), u"cold/a.bin"_s, u"GLACIER"_s);
        QVERIFY2(explained.message().contains(u"cold/a.bin is archived in GLACIER and must be restored before it can be downloaded"_s),
                 qPrintable(explained.message()));
        QCOMPARE(explained.code(), u"InvalidObjectState"_s);

        auto started = restore(u"cold/a.bin"_s, 3, u"Bulk"_s);
        QVERIFY2(!started->hasError(), qPrintable(started->error().toString()));
        QCOMPARE(started->httpStatus(), 202);
        QVERIFY(!started->wasAlreadyRestored());
        const FakeS3Request sent = m_server->requests().last();
        QCOMPARE(sent.method, QByteArray("POST"));
        QVERIFY(sent.hasQueryItem(u"restore"_s));
        QVERIFY(sent.body.contains("<Days>3</Days><GlacierJobParameters><Tier>Bulk</Tier></GlacierJobParameters>"));
        QVERIFY(sent.hasHeader("content-md5"));

        ObjectMetadata m = head(u"cold/a.bin"_s);
        QVERIFY(m.restore.requested);
        QVERIFY(m.restore.ongoing);
        QCOMPARE(restore::describe(m.restore), u"in progress"_s);

        auto again = restore(u"cold/a.bin"_s, 3, u"Standard"_s);
        QVERIFY(again->hasError());
        QCOMPARE(again->error().code(), u"RestoreAlreadyInProgress"_s);
        QCOMPARE(again->error().httpStatus(), 409);
        QVERIFY2(again->error().message().startsWith(u"a restore of cold/a.bin is already in progress"_s), qPrintable(again->error().message()));
        QCOMPARE(again->attempts(), 1);

        // The archive finishes the copy.
        const QDateTime expiry = QDateTime::currentDateTimeUtc().addDays(3);
        const QDateTime expirySeconds = QDateTime::fromSecsSinceEpoch(expiry.toSecsSinceEpoch(), Qt::UTC);
        m_server->updateObject(Bucket, u"cold/a.bin"_s, [expirySeconds](FakeS3Object &object) {
            object.restoreOngoing = false;
            object.restoreExpiry = expirySeconds;
        });
        m = head(u"cold/a.bin"_s);
        QVERIFY(m.restore.requested);
        QVERIFY(!m.restore.ongoing);
        QCOMPARE(m.restore.expiry, expirySeconds);
        QVERIFY(restore::describe(m.restore).startsWith(u"available until"_s));
        GetObjectJob readable(m_client.get(), Bucket, u"cold/a.bin"_s);
        readable.setAutoDelete(false);
        QVERIFY(runJob(readable, 10000));
        QVERIFY2(!readable.hasError(), qPrintable(readable.error().toString()));
        QCOMPARE(readable.data(), data);

        // Restored already: 200, and the copy is kept longer.
        auto extend = restore(u"cold/a.bin"_s, 10, u"Standard"_s);
        QVERIFY2(!extend->hasError(), qPrintable(extend->error().toString()));
        QCOMPARE(extend->httpStatus(), 200);
        QVERIFY(extend->wasAlreadyRestored());
        QVERIFY(head(u"cold/a.bin"_s).restore.expiry > expirySeconds);
    }

    void refusalsSayWhatTheyMean()
    {
        m_server->putObject(Bucket, u"warm.txt"_s, "warm");
        auto notArchived = restore(u"warm.txt"_s, 1, u"Standard"_s);
        QCOMPARE(notArchived->error().code(), u"ObjectAlreadyInActiveTierError"_s);
        QVERIFY2(notArchived->error().message().contains(u"warm.txt is not archived"_s), qPrintable(notArchived->error().message()));

        putArchived(u"deep.bin"_s, "deep", u"DEEP_ARCHIVE"_s);
        FakeS3Fault fault;
        fault.operation = u"RestoreObject"_s;
        fault.status = 403;
        fault.code = u"InvalidObjectState"_s;
        fault.message = u"Object is in an invalid state"_s;
        m_server->addFault(fault);
        auto invalid = restore(u"deep.bin"_s, 1, u"Standard"_s);
        QCOMPARE(invalid->error().code(), u"InvalidObjectState"_s);
        QVERIFY2(invalid->error().message().contains(u"deep.bin cannot be restored in its current state"_s)
                     && invalid->error().message().contains(u"Object is in an invalid state"_s),
                 qPrintable(invalid->error().message()));

        fault.status = 503;
        fault.code = u"GlacierExpeditedRetrievalNotAvailable"_s;
        fault.message.clear();
        m_server->addFault(fault);
        auto busy = restore(u"deep.bin"_s, 1, u"Expedited"_s);
        QCOMPARE(busy->error().code(), u"GlacierExpeditedRetrievalNotAvailable"_s);
        QVERIFY2(busy->error().message().contains(u"try Standard or Bulk"_s), qPrintable(busy->error().message()));

        auto missing = restore(u"gone.bin"_s, 1, u"Standard"_s);
        QCOMPARE(missing->error().code(), u"NoSuchKey"_s);
    }

    void badArgumentsAreRefusedBeforeSending()
    {
        putArchived(u"cold/b.bin"_s, "b");
        auto zeroDays = restore(u"cold/b.bin"_s, 0, u"Standard"_s);
        QCOMPARE(zeroDays->error().kind(), S3Error::Kind::Invalid);
        QVERIFY(zeroDays->error().message().contains(u"1 to 30000 days, not 0"_s));
        auto badTier = restore(u"cold/b.bin"_s, 2, u"Fast"_s);
        QCOMPARE(badTier->error().kind(), S3Error::Kind::Invalid);
        QVERIFY(badTier->error().message().contains(u"\"Fast\" is not a retrieval tier (one of: Standard, Bulk, Expedited)"_s));
        QCOMPARE(restoreRequests(), 0);
    }

    void unreadableRestoreHeaderFailsTheHeadNamingIt()
    {
        putArchived(u"odd.bin"_s, "odd");
        FakeS3Fault fault;
        fault.operation = u"HeadObject"_s;
        fault.extraHeaders = {{"x-amz-restore", "ongoing-request=perhaps"}};
        m_server->addFault(fault);
        HeadObjectJob job(m_client.get(), Bucket, u"odd.bin"_s);
        job.setAutoDelete(false);
        QVERIFY(runJob(job, 10000));
        QVERIFY(job.hasError());
        QVERIFY2(job.error().message().contains(u"x-amz-restore"_s) && job.error().message().contains(u"odd.bin"_s),
                 qPrintable(job.error().message()));
    }
};

QTEST_GUILESS_MAIN(TestRestore)
#include "tst_restore.moc"
