// SPDX-License-Identifier: Apache-2.0
// A 100,000-file folder job in the transfers panel, offscreen: the engine's signals for it (the job's snapshot
// as the listing grows, then its files made into tasks a few at a time, each added, changed, finished and
// removed, as TransferQueue reports them) drive TransferListModel and a shown TransferPanel while a 0 ms timer
// measures how long the GUI thread is ever kept from its event loop. The job is ONE row; the panel's actions
// on that row reach the engine as the job's id.
#include <memory>

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QLocale>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include "models/transferlistmodel.h"
#include "s3core/transfer/transferengine.h"
#include "uitestsupport.h"
#include "widgets/transferpanel.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;
using s3ui::TransferListModel;
using s3ui::TransferPanel;

namespace {

constexpr int Files = 100000;
constexpr TransferId GroupId = 1000000;

TransferSnapshot groupSnapshot(int listed, int done, int running, TransferState state)
{
    TransferSnapshot s;
    s.id = GroupId;
    s.isGroup = true;
    s.direction = TransferDirection::Download;
    s.bucket = u"bucket"_s;
    s.key = u"photos/"_s;
    s.localPath = u"/tmp/photos"_s;
    s.note = u"photos/ → /tmp/photos"_s;
    s.state = state;
    s.files.files = listed;
    s.files.done = done;
    s.files.running = running;
    s.files.queued = listed - done - running;
    s.bytesTotal = qint64(listed) * 4096;
    s.bytesDone = qint64(done) * 4096;
    s.bytesPerSecond = running > 0 ? 4e6 : 0;
    return s;
}

TransferSnapshot fileSnapshot(int i, TransferState state)
{
    TransferSnapshot s;
    s.id = GroupId + 1 + TransferId(i);
    s.groupId = GroupId;
    s.direction = TransferDirection::Download;
    s.bucket = u"bucket"_s;
    s.key = u"photos/d%1/f%2.jpg"_s.arg(i % 100).arg(i);
    s.localPath = u"/tmp/photos/d%1/f%2.jpg"_s.arg(i % 100).arg(i);
    s.state = state;
    s.bytesTotal = 4096;
    s.bytesDone = state == TransferState::Succeeded ? 4096 : 1024;
    return s;
}

} // namespace

class TestTransferGroupRows : public QObject
{
    Q_OBJECT

    FakeS3Server m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // "100,000" whatever the machine's locale
    }

    void hundredThousandFilesOneRowNoStall()
    {
        // A real engine (its signals are the model's input) that is never asked to transfer anything: the test
        // emits what its queue would report for the job.
        const std::unique_ptr<TransferEngine> owned = transferEngineFor(fakeResolver(m_server.endpointUrl()), 5000);
        TransferEngine &engine = *owned;
        TransferListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.addEngine(&engine, u"test"_s);
        TransferPanel panel(&model);
        panel.resize(900, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        // The probe: a 0 ms timer; the longest time between two of its ticks is the longest block of the GUI thread.
        QElapsedTimer sinceTick;
        qint64 longestBlockMs = 0;
        QTimer probe;
        probe.setInterval(0);
        connect(&probe, &QTimer::timeout, this, [&] {
            longestBlockMs = std::max(longestBlockMs, sinceTick.elapsed());
            sinceTick.restart();
        });

        // The driver: one step per event-loop turn, as the engine's queued signals arrive in bursts.
        constexpr int ListingPage = 1000;
        constexpr int Live = 24; // the job's files that are tasks at once (slots + a few ahead)
        int listed = 0;
        int started = 0;
        int done = 0;
        int maxRows = 0;
        bool finishedJob = false;
        QTimer driver;
        driver.setInterval(0);
        connect(&driver, &QTimer::timeout, this, [&] {
            maxRows = std::max(maxRows, model.rowCount());
            if (listed == 0)
                Q_EMIT engine.taskAdded(groupSnapshot(0, 0, 0, TransferState::Running));
            if (listed < Files) { // the listing: one page per turn, the job's counts grow, no row per file
                listed += ListingPage;
                Q_EMIT engine.tasksChanged({groupSnapshot(listed, 0, 0, TransferState::Running)});
                return;
            }
            if (done >= Files) {
                if (!finishedJob) {
                    Q_EMIT engine.taskFinished(groupSnapshot(Files, Files, 0, TransferState::Succeeded));
                    finishedJob = true;
                }
                driver.stop();
                return;
            }
            // One 250 ms notification's worth: Live files made into tasks, their progress, their end and removal.
            QList<TransferSnapshot> changed;
            const int batchEnd = std::min(Files, started + Live);
            for (int i = started; i < batchEnd; ++i)
                Q_EMIT engine.taskAdded(fileSnapshot(i, TransferState::Queued));
            for (int i = started; i < batchEnd; ++i)
                changed.append(fileSnapshot(i, TransferState::Running));
            changed.append(groupSnapshot(Files, done, batchEnd - started, TransferState::Running));
            Q_EMIT engine.tasksChanged(changed);
            for (int i = started; i < batchEnd; ++i) {
                Q_EMIT engine.taskFinished(fileSnapshot(i, TransferState::Succeeded));
                Q_EMIT engine.taskRemoved(fileSnapshot(i, TransferState::Succeeded).id);
            }
            done += batchEnd - started;
            started = batchEnd;
        });

        QElapsedTimer wall;
        wall.start();
        sinceTick.start();
        probe.start();
        driver.start();
        QVERIFY(waitUntil([&] { return finishedJob; }, 110000));
        QVERIFY(waitUntil([&] { return model.rowCount() == 1; }, 5000)); // the last removals are batched
        probe.stop();
        qInfo() << "100,000-file job through the model and panel in" << wall.elapsed() << "ms; longest GUI block"
                << longestBlockMs << "ms; most rows" << maxRows;
        QVERIFY2(longestBlockMs < 50, qPrintable(QString::number(longestBlockMs)));
        QVERIFY2(maxRows <= 1 + 2 * Live, qPrintable(QString::number(maxRows)));
        const TransferSnapshot row = model.snapshotAt(0);
        QVERIFY(row.isGroup);
        QCOMPARE(row.files.files, Files);
        QCOMPARE(row.files.done, Files);
        QCOMPARE(row.state, TransferState::Succeeded);
        QCOMPARE(model.data(model.index(0, TransferListModel::Name)).toString(), u"photos/ → /tmp/photos"_s);
        QVERIFY2(model.data(model.index(0, TransferListModel::State)).toString().contains(u"100,000 of 100,000 files done"_s),
                 qPrintable(model.data(model.index(0, TransferListModel::State)).toString()));
    }

    void groupRowTextsAndActions()
    {
        TransferSnapshot s = groupSnapshot(2000, 120, 4, TransferState::Running);
        s.files.failed = 1;
        s.files.queued -= 1;
        QCOMPARE(TransferListModel::stateText(s), u"Running: 120 of 2,000 files done, 4 running, 1 failed"_s);
        s.state = TransferState::Paused;
        QVERIFY(TransferListModel::stateText(s).startsWith(u"Paused: "_s));
        s.state = TransferState::Failed;
        QVERIFY(TransferListModel::stateText(s).startsWith(u"Failed: "_s));
    }
};

QTEST_MAIN(TestTransferGroupRows)
#include "tst_transfergrouprows.moc"
