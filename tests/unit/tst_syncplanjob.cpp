// SPDX-License-Identifier: Apache-2.0
// SyncPlanJob (the plan the CLI's sync and the app's Synchronize… share) against the in-process fake S3: the
// listing is asked for a page at a time as the merge needs it, at most maxPendingSteps() steps wait, the steps
// come in key order with the CLI's decisions (size, time, MD5), a listing error ends the plan naming the
// listing, cancel ends it once, and a download's path is checked (keys leaving the folder are refused).
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "fakes3server.h"
#include "livetest.h"
#include "s3core/crypto.h"
#include "s3core/net/s3client.h"
#include "s3core/transfer/syncplanjob.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {
bool writeOld(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    // Flushed first: the buffered bytes written at close would set the time to now again.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size() || !file.flush())
        return false;
    return file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-3600), QFileDevice::FileModificationTime);
}

QString md5Of(const QString &path)
{
    const Result<crypto::FileDigests> digests = crypto::digestFile(path);
    return digests ? QString::fromLatin1(digests->md5.toHex()) : QString();
}
} // namespace

class TestSyncPlanJob : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeS3Server> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<S3Client> m_client;

    /** Drains the plan as a slow consumer would (one step per stepsAvailable), checking the bound each time. */
    static QList<SyncStep> drain(SyncPlanJob &plan, qsizetype bound, bool *boundKept)
    {
        QList<SyncStep> steps;
        *boundKept = true;
        const auto take = [&] {
            if (bound > 0 && plan.pendingSteps() > bound)
                *boundKept = false;
            while (std::optional<SyncStep> step = plan.takeStep())
                steps.append(*step);
        };
        QObject::connect(&plan, &SyncPlanJob::stepsAvailable, &plan, take);
        QObject::connect(&plan, &Job::finished, &plan, take);
        plan.start();
        waitUntil([&] { return plan.isFinished(); }, 30000);
        take();
        return steps;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeS3Server>();
        QVERIFY(m_server->start());
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_client = fakeServerClient(m_nam.get(), m_server->endpointUrl(), 5000);
        m_server->createBucket(u"b"_s);
    }

    void cleanup()
    {
        m_client.reset();
        m_nam.reset();
        m_server.reset();
    }

    void pagesAsNeededAndBoundedSteps()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (int i = 0; i < 50; ++i) {
            const QString name = u"k%1"_s.arg(i, 3, 10, QLatin1Char('0'));
            m_server->putObject(u"b"_s, u"p/"_s + name, "same");
            if (i < 30)
                QVERIFY(writeOld(dir.filePath(name), "same"));
        }
        m_server->putObject(u"b"_s, u"p/sub/"_s, {}); // a folder marker: no step
        QVERIFY(writeOld(dir.filePath(u"z-new"_s), "new"));
        QVERIFY(writeOld(dir.filePath(u"k000"_s), "other size"));
        SyncOptions options;
        options.direction = SyncDirection::LocalToS3;
        SyncPlanJob plan(m_client.get(), options, {dir.path(), {}, {}}, {{}, u"b"_s, u"p/"_s});
        plan.setAutoDelete(false);
        plan.setPageSize(7);
        plan.setMaxPendingSteps(5);
        bool boundKept = false;
        const QList<SyncStep> steps = drain(plan, 5, &boundKept);
        QVERIFY2(!plan.hasError(), qPrintable(plan.error().toString()));
        QVERIFY(boundKept);
        QCOMPARE(steps.size(), 51);
        QCOMPARE(m_server->count(u"ListObjectsV2"_s), 8); // 51 keys in pages of 7
        QCOMPARE(steps.first().key, u"k000"_s);
        QVERIFY(steps.first().action == SyncAction::Upload && steps.first().reason == SyncReason::SizeDiffers);
        QVERIFY2(steps.at(1).action == SyncAction::Skip && steps.at(1).reason == SyncReason::SameSizeAndTime,
                 qPrintable(steps.at(1).key + u' ' + syncReasonText(steps.at(1)) + u' ' + steps.at(1).destination->modified.toString(Qt::ISODateWithMs)));
        QVERIFY(steps.at(30).action == SyncAction::Skip && steps.at(30).reason == SyncReason::ExtraKept);
        QCOMPARE(steps.last().key, u"z-new"_s);
        QVERIFY(steps.last().action == SyncAction::Upload && steps.last().reason == SyncReason::Missing);
        for (qsizetype i = 1; i < steps.size(); ++i)
            QVERIFY(compareSyncKeys(steps.at(i - 1).key, steps.at(i).key) < 0);
    }

    void checksumAndDownloadIntoMissingFolder()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        m_server->putObject(u"b"_s, u"d/a.txt"_s, "alpha");
        m_server->putObject(u"b"_s, u"d/x/y.txt"_s, "why");
        QVERIFY(writeOld(dir.filePath(u"up/a.txt"_s), "alpha"));
        SyncOptions options;
        options.localMd5 = &md5Of;
        SyncPlanJob up(m_client.get(), options, {dir.filePath(u"up"_s), {}, {}}, {{}, u"b"_s, u"d/"_s});
        up.setAutoDelete(false);
        bool kept = false;
        QList<SyncStep> steps = drain(up, 0, &kept);
        QCOMPARE(steps.size(), 2);
        QVERIFY(steps.at(0).reason == SyncReason::SameChecksum && steps.at(0).compared == SyncComparison::Md5);
        QVERIFY(steps.at(1).action == SyncAction::Skip && steps.at(1).reason == SyncReason::ExtraKept);

        options.direction = SyncDirection::S3ToLocal;
        SyncPlanJob down(m_client.get(), options, {{}, u"b"_s, u"d/"_s}, {dir.filePath(u"not-yet"_s), {}, {}});
        down.setAutoDelete(false);
        steps = drain(down, 0, &kept);
        QVERIFY(!down.hasError());
        QCOMPARE(steps.size(), 2);
        QVERIFY(steps.at(0).action == SyncAction::Download && steps.at(1).action == SyncAction::Download);
        QCOMPARE(steps.at(1).key, u"x/y.txt"_s);
        QVERIFY(!QFileInfo::exists(dir.filePath(u"not-yet"_s))); // a plan changes nothing
    }

    void listingErrorEndsThePlan()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        FakeS3Fault fault;
        fault.operation = u"ListObjectsV2"_s;
        fault.status = 403;
        fault.code = u"AccessDenied"_s;
        m_server->addFault(fault);
        SyncPlanJob plan(m_client.get(), {}, {dir.path(), {}, {}}, {{}, u"b"_s, u"p/"_s});
        plan.setAutoDelete(false);
        QSignalSpy finished(&plan, &Job::finished);
        plan.start();
        QVERIFY(finished.wait(10000));
        QVERIFY(plan.hasError());
        QCOMPARE(plan.error().code(), u"AccessDenied"_s);
        QCOMPARE(plan.failedListing(), u"s3://b/p/"_s);
    }

    void cancelEndsOnce()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        FakeS3Fault fault;
        fault.operation = u"ListObjectsV2"_s;
        fault.hang = true;
        m_server->addFault(fault);
        SyncPlanJob plan(m_client.get(), {}, {dir.path(), {}, {}}, {{}, u"b"_s, u"p/"_s});
        plan.setAutoDelete(false);
        QSignalSpy finished(&plan, &Job::finished);
        plan.start();
        QVERIFY(waitUntil([&] { return m_server->activeRequests() > 0; }, 10000));
        plan.cancel();
        plan.cancel();
        QCOMPARE(finished.size(), 1);
        QVERIFY(plan.error().kind() == S3Error::Kind::Cancelled);
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);
    }

    void downloadPathStaysInTheFolder()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Result<QString> fine = syncDownloadPath(dir.path(), u"b"_s, u"p/"_s, u"p/a/b.txt"_s);
        QVERIFY(fine);
        QCOMPARE(*fine, dir.path() + u"/a/b.txt"_s);
        QVERIFY(!syncDownloadPath(dir.path(), u"b"_s, u"p/"_s, u"p/../../etc/passwd"_s));
        // A symbolic link below the folder is never followed.
        QVERIFY(QFile::link(QDir::tempPath(), dir.filePath(u"link"_s)));
        const Result<QString> linked = syncDownloadPath(dir.path(), u"b"_s, u"p/"_s, u"p/link/x"_s);
        QVERIFY(!linked);
        QVERIFY2(linked.error().message().startsWith(u"s3://b/p/link/x: "_s), qPrintable(linked.error().message()));
    }
};

QTEST_GUILESS_MAIN(TestSyncPlanJob)
#include "tst_syncplanjob.moc"
