// SPDX-License-Identifier: Apache-2.0
// TransferListModel over real TransferEngines (worker threads) against the in-process fake S3 server: rows
// appear and follow the engine, progress only grows, states and errors read well, one notification per finished
// transfer, several engines at once, engines removed or destroyed, restored transfers, batched dataChanged.
#include <memory>

#include <QAbstractItemModelTester>
#include <QHash>
#include <QIcon>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "models/transferlistmodel.h"
#include "s3core/transfer/transferengine.h"
#include "s3core/transfer/transferqueue.h"
#include "uitestsupport.h"
#include "util/format.h"

using namespace s3;
using s3ui::TransferListModel;

namespace {

const QString Bucket = QStringLiteral("bucket");

UploadOptions smallParts()
{
    UploadOptions options;
    options.multipartThreshold = 8 * MiB;
    options.partSize = 5 * MiB;
    return options;
}

QString cell(const TransferListModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

} // namespace

class TestTransferListModel : public QObject
{
    Q_OBJECT

    FakeS3Server m_server;
    QTemporaryDir m_dir;

    ClientSettings settings() const { return *clientSettingsFor(fakeResolver(m_server.endpointUrl()), 5000); }

    std::unique_ptr<TransferEngine> makeEngine(TransferLimits limits = {}, const QString &persistencePath = {}) const
    {
        return transferEngineFor(fakeResolver(m_server.endpointUrl()), 5000, limits, persistencePath);
    }

    QString writeFile(const QString &name, const QByteArray &data) const
    {
        return writeTestFile(m_dir.filePath(name), data);
    }

    static TransferState stateOf(const TransferListModel &model, TransferEngine *engine, TransferId id)
    {
        return model.snapshotAt(model.rowOf(engine, id)).state;
    }

    static bool waitState(const TransferListModel &model, TransferEngine *engine, TransferId id, TransferState state,
                          int timeoutMs = 20000)
    {
        return waitUntil([&] { return model.rowOf(engine, id) >= 0 && stateOf(model, engine, id) == state; },
                         timeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        QVERIFY(m_dir.isValid());
        m_server.createBucket(Bucket);
    }

    void init()
    {
        m_server.clearFaults();
        m_server.clearLog();
    }

    void uploadsAndDownloadsFollowTheEngine()
    {
        TransferListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Slow parts: the multipart upload is seen moving over several notifications.
        m_server.addFault(delayFault(QStringLiteral("UploadPart"), 400));
        const QByteArray downloaded = randomBytes(3 * MiB, 2);
        m_server.putObject(Bucket, QStringLiteral("model/down.bin"), downloaded);
        const QString bigPath = writeFile(QStringLiteral("big.bin"), randomBytes(12 * MiB, 1));
        const QString smallPath = writeFile(QStringLiteral("small.txt"), "small");
        const QString downPath = m_dir.filePath(QStringLiteral("down.bin"));

        auto engine = makeEngine({2, 1}); // one connection: the parts go one after the other
        model.addEngine(engine.get(), QStringLiteral("fake"));

        QHash<TransferId, int> lastProgress;
        bool monotonic = true;
        int maxActive = 0;
        connect(&model, &QAbstractItemModel::dataChanged, this, [&](const QModelIndex &from, const QModelIndex &to) {
            for (int row = from.row(); row <= to.row(); ++row) {
                const TransferId id = model.snapshotAt(row).id;
                const int progress = model.index(row, 0).data(TransferListModel::ProgressRole).toInt();
                monotonic = monotonic && progress >= lastProgress.value(id, 0);
                lastProgress.insert(id, progress);
            }
        });
        connect(&model, &TransferListModel::summaryChanged, this,
                [&] { maxActive = std::max(maxActive, model.activeCount()); });
        QList<TransferId> finished;
        connect(&model, &TransferListModel::transferFinished, this,
                [&](TransferEngine *from, const TransferSnapshot &snapshot) {
                    QCOMPARE(from, engine.get());
                    finished.append(snapshot.id);
                });

        const TransferId big
            = engine->enqueueUpload(bigPath, Bucket, QStringLiteral("model/dir/big.bin"), smallParts());
        const TransferId small = engine->enqueueUpload(smallPath, Bucket, QStringLiteral("model/small.txt"));
        const TransferId down = engine->enqueueDownload(Bucket, QStringLiteral("model/down.bin"), downPath);
        QVERIFY(waitUntil([&] { return model.rowCount() == 3; }, 5000));
        QVERIFY(waitUntil([&] { return lastProgress.value(big) > 0 && lastProgress.value(big) < 100; }, 20000));
        QVERIFY(waitUntil([&] { return finished.size() == 3 && model.activeCount() == 0; }, 30000));
        QVERIFY(monotonic);
        QVERIFY(maxActive >= 1);
        QCOMPARE(QSet<TransferId>(finished.cbegin(), finished.cend()), (QSet<TransferId>{big, small, down}));

        const int bigRow = model.rowOf(engine.get(), big);
        const int downRow = model.rowOf(engine.get(), down);
        QVERIFY(bigRow >= 0 && downRow >= 0);
        QCOMPARE(model.engineAt(bigRow), engine.get());
        QCOMPARE(model.snapshotAt(bigRow).key, QStringLiteral("model/dir/big.bin"));
        QCOMPARE(cell(model, bigRow, TransferListModel::Name), QStringLiteral("big.bin"));
        QCOMPARE(cell(model, bigRow, TransferListModel::Direction), QStringLiteral("Upload"));
        QCOMPARE(cell(model, downRow, TransferListModel::Direction), QStringLiteral("Download"));
        QVERIFY(!model.index(bigRow, TransferListModel::Direction).data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(cell(model, bigRow, TransferListModel::Size), s3ui::formatSize(12 * MiB));
        QCOMPARE(cell(model, bigRow, TransferListModel::Progress), QStringLiteral("100 %"));
        QCOMPARE(model.index(bigRow, 0).data(TransferListModel::ProgressRole).toInt(), 100);
        QCOMPARE(cell(model, bigRow, TransferListModel::State), QStringLiteral("Done"));
        QVERIFY(cell(model, bigRow, TransferListModel::Rate).isEmpty()); // only while running
        const QString toolTip = cell(model, bigRow, TransferListModel::Name, Qt::ToolTipRole);
        QVERIFY2(toolTip.contains(QStringLiteral("s3://bucket/model/dir/big.bin")), qPrintable(toolTip));
        QVERIFY2(toolTip.contains(bigPath), qPrintable(toolTip));
        QVERIFY2(toolTip.contains(QStringLiteral("fake")), qPrintable(toolTip));
        QCOMPARE(model.index(downRow, 0).data(TransferListModel::IdRole).toULongLong(), down);
        QCOMPARE(model.index(downRow, 3).data(TransferListModel::EngineRole).value<TransferEngine *>(), engine.get());
        QCOMPARE(model.index(downRow, 0).data(TransferListModel::SnapshotRole).value<TransferSnapshot>().localPath,
                 downPath);
        QCOMPARE(model.stateCount(TransferState::Succeeded), 3);
        QCOMPARE(model.totalRate(), 0.0);
        QCOMPARE(m_server.object(Bucket, QStringLiteral("model/small.txt"))->data, QByteArray("small"));
        QFile file(downPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), downloaded);

        // Finished transfers leave the model when the engine removes them; nothing is announced twice.
        engine->remove(small);
        QVERIFY(waitUntil([&] { return model.rowCount() == 2; }, 5000));
        QCOMPARE(model.rowOf(engine.get(), small), -1);
        QCOMPARE(model.rowOf(engine.get(), down), model.rowCount() - 1);
        QCOMPARE(finished.size(), 3);
    }

    void failedDownloadSaysWhy()
    {
        TransferListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto engine = makeEngine();
        model.addEngine(engine.get(), QStringLiteral("fake"));
        QSignalSpy finished(&model, &TransferListModel::transferFinished);
        QSignalSpy summary(&model, &TransferListModel::summaryChanged);
        const TransferId id = engine->enqueueDownload(Bucket, QStringLiteral("model/missing.bin"),
                                                      m_dir.filePath(QStringLiteral("missing.bin")));
        QVERIFY(waitState(model, engine.get(), id, TransferState::Failed));
        QVERIFY(waitUntil([&] { return finished.size() == 1; }, 5000));
        QVERIFY(!summary.isEmpty());
        const int row = model.rowOf(engine.get(), id);
        const QString state = cell(model, row, TransferListModel::State);
        QVERIFY2(state.startsWith(QStringLiteral("Failed: NoSuchKey: ")), qPrintable(state));
        const QString details = cell(model, row, TransferListModel::State, Qt::ToolTipRole);
        QVERIFY2(details.contains(QStringLiteral("NoSuchKey")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("Request id: ")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("HTTP status: 404")), qPrintable(details));
        QCOMPARE(model.stateCount(TransferState::Failed), 1);
        QCOMPARE(model.activeCount(), 0);

        // A retry runs (and fails) again: a second notification, still one row.
        engine->retry(id);
        QVERIFY(waitUntil([&] { return finished.size() == 2; }, 10000));
        QCOMPARE(model.rowCount(), 1);
    }

    void resumedAndRetriedDownloadsShowWhatIsOnDisk()
    {
        TransferListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QByteArray data = randomBytes(12 * MiB, 8);
        m_server.putObject(Bucket, QStringLiteral("model/resumed.bin"), data);
        m_server.addFault(delayFault(QStringLiteral("GetObject"), 300));
        auto engine = makeEngine({1, 1});
        model.addEngine(engine.get(), QStringLiteral("fake"));
        DownloadOptions options;
        options.partSize = 4 * MiB; // three ranges, one at a time
        options.maxRangesInFlight = 1;
        const QString target = m_dir.filePath(QStringLiteral("resumed.bin"));
        const TransferId id = engine->enqueueDownload(Bucket, QStringLiteral("model/resumed.bin"), target, options);
        QVERIFY(waitUntil([&] { const int row = model.rowOf(engine.get(), id);
                                return row >= 0 && model.snapshotAt(row).bytesDone >= 4 * MiB; }, 20000));
        engine->pause(id);
        QVERIFY(waitState(model, engine.get(), id, TransferState::Paused));
        const qint64 kept = model.snapshotAt(model.rowOf(engine.get(), id)).bytesDone;
        QVERIFY(kept >= 4 * MiB && kept < 12 * MiB);

        // Resume: the row says where it resumes and shows what is on disk, never more.
        engine->resume(id);
        QVERIFY(waitUntil([&] { return cell(model, model.rowOf(engine.get(), id), TransferListModel::State).contains(QStringLiteral("resuming at ")); }, 5000));
        const int row = model.rowOf(engine.get(), id);
        QVERIFY2(cell(model, row, TransferListModel::State, Qt::ToolTipRole).contains(QStringLiteral("resuming at ")),
                 qPrintable(cell(model, row, TransferListModel::State, Qt::ToolTipRole)));
        QCOMPARE(cell(model, row, TransferListModel::Size), s3ui::formatSize(12 * MiB));
        QVERIFY(model.snapshotAt(row).bytesDone >= kept);
        // Rate and ETA show within a second of the first bytes of the new run.
        QVERIFY(waitUntil([&] { const int r = model.rowOf(engine.get(), id);
                                return !cell(model, r, TransferListModel::Rate).isEmpty() && model.snapshotAt(r).bytesPerSecond > 0; }, 3000));
        m_server.clearFaults();
        QVERIFY(waitState(model, engine.get(), id, TransferState::Succeeded));
        QCOMPARE(cell(model, model.rowOf(engine.get(), id), TransferListModel::State), QStringLiteral("Done"));

        // Cancel removes the partial file: the retry starts at 0 %, not at the old high-water mark.
        QFile::remove(target);
        m_server.addFault(delayFault(QStringLiteral("GetObject"), 1000));
        const TransferId again = engine->enqueueDownload(Bucket, QStringLiteral("model/resumed.bin"), target, options);
        QVERIFY(waitUntil([&] { const int r = model.rowOf(engine.get(), again);
                                return r >= 0 && model.snapshotAt(r).bytesDone >= 4 * MiB; }, 20000));
        engine->cancel(again);
        QVERIFY(waitState(model, engine.get(), again, TransferState::Cancelled));
        engine->retry(again);
        QVERIFY(waitUntil([&] { const int r = model.rowOf(engine.get(), again);
                                return model.snapshotAt(r).state != TransferState::Cancelled; }, 5000));
        QVERIFY2(model.snapshotAt(model.rowOf(engine.get(), again)).bytesDone < 4 * MiB,
                 qPrintable(QString::number(model.snapshotAt(model.rowOf(engine.get(), again)).bytesDone)));
        m_server.clearFaults();
        QVERIFY(waitState(model, engine.get(), again, TransferState::Succeeded));
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), data);
    }

    void twoEnginesAndRemovedEngines()
    {
        TransferListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto first = makeEngine();
        auto second = makeEngine();
        model.addEngine(first.get(), QStringLiteral("first"));
        model.addEngine(second.get(), QStringLiteral("second"));
        QCOMPARE(model.engines().size(), 2);
        QCOMPARE(model.connectionName(second.get()), QStringLiteral("second"));
        const QString path = writeFile(QStringLiteral("two.txt"), "two engines");
        QSignalSpy finished(&model, &TransferListModel::transferFinished);
        const TransferId a1 = first->enqueueUpload(path, Bucket, QStringLiteral("two/a1"));
        const TransferId a2 = first->enqueueUpload(path, Bucket, QStringLiteral("two/a2"));
        const TransferId b1 = second->enqueueUpload(path, Bucket, QStringLiteral("two/b1"));
        QVERIFY(waitUntil([&] { return finished.size() == 3; }, 20000));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.engineAt(model.rowOf(first.get(), a1)), first.get());
        QCOMPARE(model.engineAt(model.rowOf(first.get(), a2)), first.get());
        QCOMPARE(model.engineAt(model.rowOf(second.get(), b1)), second.get());
        // Rows are keyed by (engine, id): two engines started in the same millisecond hand out the same ids.
        QCOMPARE(model.snapshotAt(model.rowOf(first.get(), a1)).key, QStringLiteral("two/a1"));
        QCOMPARE(model.snapshotAt(model.rowOf(second.get(), b1)).key, QStringLiteral("two/b1"));
        QVERIFY(cell(model, model.rowOf(second.get(), b1), 0, Qt::ToolTipRole).contains(QStringLiteral("second")));

        model.removeEngine(first.get());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.engineAt(0), second.get());
        QCOMPARE(model.engines(), QList<TransferEngine *>{second.get()});
        // The removed engine keeps working, but the model no longer follows it.
        QSignalSpy firstFinished(first.get(), &TransferEngine::taskFinished);
        first->enqueueUpload(path, Bucket, QStringLiteral("two/a3"));
        QVERIFY(firstFinished.wait(10000));
        QTest::qWait(50);
        QCOMPARE(model.rowCount(), 1);

        // A destroyed engine takes its rows with it.
        second.reset();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.engines().isEmpty());
        QCOMPARE(model.activeCount(), 0);
    }

    void restoredTransfersAppearWhenAttachedLate()
    {
        const QString persisted = m_dir.filePath(QStringLiteral("model-queue.json"));
        m_server.putObject(Bucket, QStringLiteral("model/restored.bin"), randomBytes(MiB, 7));
        TransferId id = 0;
        {
            TransferQueue queue(settings());
            queue.setPersistencePath(persisted);
            queue.pauseAll();
            id = queue.enqueueDownload(Bucket, QStringLiteral("model/restored.bin"),
                                       m_dir.filePath(QStringLiteral("restored.bin")));
            queue.pause(id);
        }
        auto engine = makeEngine({}, persisted);
        QTest::qWait(100); // the engine has restored (and announced) its transfers before the model connects
        TransferListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addEngine(engine.get(), QStringLiteral("restored"));
        QVERIFY(waitState(model, engine.get(), id, TransferState::Paused, 5000));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, TransferListModel::State), QStringLiteral("Paused"));
        QCOMPARE(model.stateCount(TransferState::Paused), 1);
        engine->resume(id);
        QVERIFY(waitState(model, engine.get(), id, TransferState::Succeeded));
    }

    void manyChangesAreOneDataChanged()
    {
        TransferListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_server.addFault(delayFault(QStringLiteral("PutObject"), 3000));
        auto engine = makeEngine({1, 1, 0});
        model.addEngine(engine.get(), QStringLiteral("fake"));
        const QString path = writeFile(QStringLiteral("many.txt"), "many");
        QList<TransferId> ids;
        for (int i = 0; i < 6; ++i)
            ids.append(engine->enqueueUpload(path, Bucket, QStringLiteral("many/%1").arg(i)));
        QVERIFY(waitUntil([&] { return model.rowCount() == 6 && model.stateCount(TransferState::Running) == 1; },
                          5000));

        QList<QPair<int, int>> changes;
        connect(&model, &QAbstractItemModel::dataChanged, this, [&](const QModelIndex &from, const QModelIndex &to) {
            QCOMPARE(from.column(), 0);
            QCOMPARE(to.column(), TransferListModel::ColumnCount - 1);
            changes.append({from.row(), to.row()});
        });
        engine->pauseAll();
        QVERIFY(waitUntil([&] { return model.stateCount(TransferState::Paused) == 6; }, 5000));
        QVERIFY2(changes.contains(QPair<int, int>(0, 5)), qPrintable(QString::number(changes.size())));

        // One transfer changes: only its row is announced.
        changes.clear();
        m_server.clearFaults();
        engine->resume(ids.at(3));
        QVERIFY(waitState(model, engine.get(), ids.at(3), TransferState::Succeeded));
        QVERIFY(!changes.isEmpty());
        for (const auto &change : std::as_const(changes)) {
            QCOMPARE(change.first, 3);
            QCOMPARE(change.second, 3);
        }

        // Removing several at once keeps the model consistent (the tester checks every signal).
        for (int i : {0, 2, 4})
            engine->remove(ids.at(i));
        QVERIFY(waitUntil([&] { return model.rowCount() == 3; }, 5000));
        QCOMPARE(model.rowOf(engine.get(), ids.at(1)), 0);
        QCOMPARE(model.rowOf(engine.get(), ids.at(3)), 1);
        QCOMPARE(model.rowOf(engine.get(), ids.at(5)), 2);
        QCOMPARE(model.stateCount(TransferState::Paused), 2);
    }
};

QTEST_MAIN(TestTransferListModel)
#include "tst_transferlistmodel.moc"
