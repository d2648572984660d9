// SPDX-License-Identifier: Apache-2.0
// The transfers panel against the real Ceph RGW: a multipart upload and its download back, followed through
// the panel's model; pause and resume of an upload mid-way with the panel's actions (the object comes out
// byte-identical); cancel through the panel leaves no multipart upload behind; a failing download shows its S3
// code. A bandwidth-capped FaultProxy in front of the server keeps uploads slow enough to act on mid-way.
#include <memory>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUrl>

#include "faultproxy.h"
#include "models/transferlistmodel.h"
#include "s3core/crypto.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/transfer/transferengine.h"
#include "uitestsupport.h"
#include "widgets/transferpanel.h"

using namespace s3;
using s3ui::TransferListModel;
using s3ui::TransferPanel;

namespace {

constexpr qint64 PartSize = 5 * 1024 * 1024;
constexpr qint64 FileSize = 20 * 1024 * 1024 + 4321; // four full parts and a short one

UploadOptions multipart()
{
    UploadOptions options;
    options.multipartThreshold = PartSize;
    options.partSize = PartSize;
    return options;
}

QByteArray fileMd5(const QString &path)
{
    Result<crypto::FileDigests> digests = crypto::digestFile(path);
    return digests ? digests->md5.toHex() : QByteArray("<unreadable>");
}

bool waitState(const TransferListModel &model, TransferEngine *engine, TransferId id, TransferState state,
               int timeoutMs = 120000)
{
    return waitUntil(
        [&] {
            const int row = model.rowOf(engine, id);
            return row >= 0 && model.snapshotAt(row).state == state;
        },
        timeoutMs);
}

/** Waits until the action is enabled (the panel updates after a burst of model signals), then triggers it. */
bool triggerWhenEnabled(QAction *action)
{
    if (!waitUntil([&] { return action->isEnabled(); }, 5000))
        return false;
    action->trigger();
    return true;
}

/**
 * What each test drives: a model (watched by the model tester) with one engine in it, and a panel on screen
 * showing it; the transfers of that engine are looked up by id. Destroyed panel first, model last.
 */
struct PanelSetup
{
    PanelSetup(std::unique_ptr<TransferEngine> transferEngine, const QString &engineName)
        : engine(std::move(transferEngine))
    {
        model.addEngine(engine.get(), engineName);
        panel.show();
    }

    int rowOf(TransferId id) const { return model.rowOf(engine.get(), id); }

    bool waitState(TransferId id, TransferState state, int timeoutMs = 120000) const
    {
        return ::waitState(model, engine.get(), id, state, timeoutMs);
    }

    int progressOf(TransferId id) const
    {
        return model.index(rowOf(id), 0).data(TransferListModel::ProgressRole).toInt();
    }

    /** Selects the transfer's row in the panel, as a click would. */
    void select(TransferId id)
    {
        panel.view()->selectionModel()->select(model.index(rowOf(id), 0),
                                               QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }

    TransferListModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    std::unique_ptr<TransferEngine> engine;
    TransferPanel panel{&model};
};

} // namespace

class TestLiveTransferPanel : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client; // direct to the server: set-up and checks
    QString m_bucket;
    QTemporaryDir m_dir;
    QString m_source;

    /** A TransferEngine made from the live server's settings, at endpointUrl (the server or a proxy in front). */
    std::unique_ptr<TransferEngine> makeEngine(const QString &endpointUrl, TransferLimits limits = {}) const
    {
        return transferEngineFor(liveResolver(m_server, endpointUrl), 60000, limits);
    }

    std::unique_ptr<FaultProxy> slowProxy()
    {
        auto proxy = std::make_unique<FaultProxy>(quint16(QUrl(m_server.endpoint).port(80)));
        proxy->setMaxLifetimeMs(240000);
        proxy->setRateBytesPerSecond(2 * 1024 * 1024); // per connection and direction
        if (!proxy->start())
            return {};
        return proxy;
    }

    int pendingUploads(const QString &prefix)
    {
        ListMultipartUploadsJob job(m_client.get(), m_bucket, prefix);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            return -1;
        return int(job.uploads().size());
    }

    bool objectExists(const QString &key) { return testObjectExists(m_client.get(), m_bucket, key); }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY(m_dir.isValid());
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), QStringLiteral("s3desk-live-transferpanel"));
        QVERIFY(!m_bucket.isEmpty());
        m_source = m_dir.filePath(QStringLiteral("source.bin"));
        QVERIFY(!writeTestFile(m_source, randomBytes(FileSize, 42)).isEmpty());
    }

    void cleanupTestCase()
    {
        if (!m_client || m_bucket.isEmpty())
            return;
        const S3Error removed = removeTestBucket(m_client.get(), m_bucket);
        QVERIFY2(!removed.isError(), qPrintable(removed.toString()));
    }

    void uploadAndDownloadBack()
    {
        PanelSetup setup(makeEngine(m_server.endpoint), QStringLiteral("ceph"));
        QList<TransferSnapshot> finished;
        connect(&setup.model, &TransferListModel::transferFinished, this,
                [&](TransferEngine *, const TransferSnapshot &snapshot) { finished.append(snapshot); });

        const QString key = QStringLiteral("panel/round trip.bin");
        const TransferId up = setup.engine->enqueueUpload(m_source, m_bucket, key, multipart());
        QVERIFY(setup.waitState(up, TransferState::Succeeded));
        const int upRow = setup.rowOf(up);
        QCOMPARE(setup.model.index(upRow, TransferListModel::Name).data().toString(), QStringLiteral("round trip.bin"));
        QCOMPARE(setup.model.index(upRow, TransferListModel::Progress).data().toString(), QStringLiteral("100 %"));
        QCOMPARE(setup.model.snapshotAt(upRow).bytesDone, FileSize);
        QCOMPARE(pendingUploads(QStringLiteral("panel/")), 0);

        const QString target = m_dir.filePath(QStringLiteral("round-trip.bin"));
        DownloadOptions options;
        options.partSize = PartSize;
        const TransferId down = setup.engine->enqueueDownload(m_bucket, key, target, options);
        QVERIFY(setup.waitState(down, TransferState::Succeeded));
        QCOMPARE(setup.model.index(setup.rowOf(down), TransferListModel::Direction).data().toString(),
                 QStringLiteral("Download"));
        QCOMPARE(fileMd5(target), fileMd5(m_source));
        QCOMPARE(finished.size(), 2);
        QCOMPARE(setup.model.activeCount(), 0);
    }

    void pauseAndResumeUploadMidway()
    {
        auto proxy = slowProxy();
        QVERIFY(proxy);
        PanelSetup setup(makeEngine(proxy->url(), {1, 2}), QStringLiteral("ceph (slow)"));

        const QString key = QStringLiteral("panel/paused.bin");
        const TransferId id = setup.engine->enqueueUpload(m_source, m_bucket, key, multipart());
        QVERIFY(waitUntil([&] { return setup.progressOf(id) >= 10; }, 60000));
        setup.select(id);
        QVERIFY(triggerWhenEnabled(setup.panel.pauseAction()));
        QVERIFY(setup.waitState(id, TransferState::Paused, 10000));
        const int pausedAt = setup.progressOf(id);
        QVERIFY2(pausedAt < 100, qPrintable(QString::number(pausedAt)));
        QCOMPARE(pendingUploads(key), 1); // the multipart upload waits on the server
        QVERIFY(!objectExists(key));

        proxy->clearFaults(); // full speed for the rest
        QVERIFY(triggerWhenEnabled(setup.panel.resumeAction()));
        QVERIFY(setup.waitState(id, TransferState::Succeeded));
        QCOMPARE(pendingUploads(key), 0);

        const QString target = m_dir.filePath(QStringLiteral("paused-back.bin"));
        auto direct = makeEngine(m_server.endpoint);
        setup.model.addEngine(direct.get(), QStringLiteral("ceph"));
        const TransferId down = direct->enqueueDownload(m_bucket, key, target);
        QVERIFY(waitState(setup.model, direct.get(), down, TransferState::Succeeded));
        QCOMPARE(fileMd5(target), fileMd5(m_source));
    }

    void cancelUploadLeavesNoOrphan()
    {
        auto proxy = slowProxy();
        QVERIFY(proxy);
        PanelSetup setup(makeEngine(proxy->url(), {1, 2}), QStringLiteral("ceph (slow)"));

        const QString key = QStringLiteral("panel/cancelled.bin");
        const TransferId id = setup.engine->enqueueUpload(m_source, m_bucket, key, multipart());
        QVERIFY(waitUntil([&] { return setup.progressOf(id) >= 5; }, 60000));
        QVERIFY(waitUntil([&] { return pendingUploads(key) == 1; }, 10000)); // mid-way: an upload id exists
        setup.select(id);
        QVERIFY(triggerWhenEnabled(setup.panel.cancelAction()));
        QVERIFY(setup.waitState(id, TransferState::Cancelled, 10000));
        // The abort runs in the background after the transfer ends.
        QVERIFY(waitUntil([&] { return pendingUploads(key) == 0; }, 30000));
        QVERIFY(!objectExists(key));
        QVERIFY(triggerWhenEnabled(setup.panel.removeAction()));
        QVERIFY(waitUntil([&] { return setup.model.rowCount() == 0; }, 10000));
    }

    void failingDownloadShowsTheS3Code()
    {
        PanelSetup setup(makeEngine(m_server.endpoint), QStringLiteral("ceph"));
        const TransferId id = setup.engine->enqueueDownload(m_bucket, QStringLiteral("panel/no such key.bin"),
                                                            m_dir.filePath(QStringLiteral("nothing.bin")));
        QVERIFY(setup.waitState(id, TransferState::Failed, 30000));
        const QModelIndex state = setup.model.index(setup.rowOf(id), TransferListModel::State);
        QVERIFY2(state.data().toString().startsWith(QStringLiteral("Failed: NoSuchKey")),
                 qPrintable(state.data().toString()));
        const QString details = state.data(Qt::ToolTipRole).toString();
        QVERIFY2(details.contains(QStringLiteral("NoSuchKey")) && details.contains(QStringLiteral("Request id: ")),
                 qPrintable(details));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("nothing.bin"))));
        setup.select(id);
        QVERIFY(waitUntil([&] { return setup.panel.retryAction()->isEnabled(); }, 5000));
    }
};

QTEST_MAIN(TestLiveTransferPanel)
#include "tst_live_transferpanel.moc"
