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
#include "livetest.h"
#include "models/transferlistmodel.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/crypto.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/transferengine.h"
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
        const QString accessKey = m_server.accessKey;
        const QString secretKey = m_server.secretKey;
        const QString region = m_server.region.isEmpty() ? QStringLiteral("us-east-1") : m_server.region;
        return std::make_unique<TransferEngine>(
            [=](QNetworkAccessManager *) -> Result<ClientSettings> {
                Result<Endpoint> endpoint = Endpoint::parse(endpointUrl, region, AddressingStyle::Path);
                if (!endpoint)
                    return endpoint.error();
                ClientSettings settings;
                settings.endpoint = *endpoint;
                Credentials credentials;
                credentials.accessKeyId = accessKey;
                credentials.secretAccessKey = secretKey;
                settings.credentials = std::make_shared<StaticCredentialsProvider>(credentials);
                settings.transferTimeoutMs = 60000;
                return settings;
            },
            limits);
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

    bool objectExists(const QString &key)
    {
        HeadObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        return runJob(job) && !job.hasError();
    }

    static bool waitState(const TransferListModel &model, TransferEngine *engine, TransferId id,
                          TransferState state, int timeoutMs = 120000)
    {
        return waitUntil(
            [&] {
                const int row = model.rowOf(engine, id);
                return row >= 0 && model.snapshotAt(row).state == state;
            },
            timeoutMs);
    }

    static int progressOf(const TransferListModel &model, TransferEngine *engine, TransferId id)
    {
        return model.index(model.rowOf(engine, id), 0).data(TransferListModel::ProgressRole).toInt();
    }

    static void selectTransfer(TransferPanel &panel, TransferEngine *engine, TransferId id)
    {
        const int row = panel.model()->rowOf(engine, id);
        panel.view()->selectionModel()->select(panel.model()->index(row, 0),
                                               QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY(m_dir.isValid());
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), QStringLiteral("s3desk-live-transferpanel"));
        QVERIFY(!m_bucket.isEmpty());
        m_source = m_dir.filePath(QStringLiteral("source.bin"));
        QFile file(m_source);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(randomBytes(FileSize, 42)), FileSize);
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
        TransferListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto engine = makeEngine(m_server.endpoint);
        model.addEngine(engine.get(), QStringLiteral("ceph"));
        TransferPanel panel(&model);
        panel.show();
        QList<TransferSnapshot> finished;
        connect(&model, &TransferListModel::transferFinished, this,
                [&](TransferEngine *, const TransferSnapshot &snapshot) { finished.append(snapshot); });

        const QString key = QStringLiteral("panel/round trip.bin");
        const TransferId up = engine->enqueueUpload(m_source, m_bucket, key, multipart());
        QVERIFY(waitState(model, engine.get(), up, TransferState::Succeeded));
        const int upRow = model.rowOf(engine.get(), up);
        QCOMPARE(model.index(upRow, TransferListModel::Name).data().toString(), QStringLiteral("round trip.bin"));
        QCOMPARE(model.index(upRow, TransferListModel::Progress).data().toString(), QStringLiteral("100 %"));
        QCOMPARE(model.snapshotAt(upRow).bytesDone, FileSize);
        QCOMPARE(pendingUploads(QStringLiteral("panel/")), 0);

        const QString target = m_dir.filePath(QStringLiteral("round-trip.bin"));
        DownloadOptions options;
        options.partSize = PartSize;
        const TransferId down = engine->enqueueDownload(m_bucket, key, target, options);
        QVERIFY(waitState(model, engine.get(), down, TransferState::Succeeded));
        QCOMPARE(model.index(model.rowOf(engine.get(), down), TransferListModel::Direction).data().toString(),
                 QStringLiteral("Download"));
        QCOMPARE(fileMd5(target), fileMd5(m_source));
        QCOMPARE(finished.size(), 2);
        QCOMPARE(model.activeCount(), 0);
    }

    void pauseAndResumeUploadMidway()
    {
        auto proxy = slowProxy();
        QVERIFY(proxy);
        TransferListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto engine = makeEngine(proxy->url(), {1, 2});
        model.addEngine(engine.get(), QStringLiteral("ceph (slow)"));
        TransferPanel panel(&model);
        panel.show();

        const QString key = QStringLiteral("panel/paused.bin");
        const TransferId id = engine->enqueueUpload(m_source, m_bucket, key, multipart());
        QVERIFY(waitUntil([&] { return progressOf(model, engine.get(), id) >= 10; }, 60000));
        selectTransfer(panel, engine.get(), id);
        QVERIFY(waitUntil([&] { return panel.pauseAction()->isEnabled(); }, 5000));
        panel.pauseAction()->trigger();
        QVERIFY(waitState(model, engine.get(), id, TransferState::Paused, 10000));
        const int pausedAt = progressOf(model, engine.get(), id);
        QVERIFY2(pausedAt < 100, qPrintable(QString::number(pausedAt)));
        QCOMPARE(pendingUploads(key), 1); // the multipart upload waits on the server
        QVERIFY(!objectExists(key));

        proxy->clearFaults(); // full speed for the rest
        QVERIFY(waitUntil([&] { return panel.resumeAction()->isEnabled(); }, 5000));
        panel.resumeAction()->trigger();
        QVERIFY(waitState(model, engine.get(), id, TransferState::Succeeded));
        QCOMPARE(pendingUploads(key), 0);

        const QString target = m_dir.filePath(QStringLiteral("paused-back.bin"));
        auto direct = makeEngine(m_server.endpoint);
        model.addEngine(direct.get(), QStringLiteral("ceph"));
        const TransferId down = direct->enqueueDownload(m_bucket, key, target);
        QVERIFY(waitState(model, direct.get(), down, TransferState::Succeeded));
        QCOMPARE(fileMd5(target), fileMd5(m_source));
    }

    void cancelUploadLeavesNoOrphan()
    {
        auto proxy = slowProxy();
        QVERIFY(proxy);
        TransferListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto engine = makeEngine(proxy->url(), {1, 2});
        model.addEngine(engine.get(), QStringLiteral("ceph (slow)"));
        TransferPanel panel(&model);
        panel.show();

        const QString key = QStringLiteral("panel/cancelled.bin");
        const TransferId id = engine->enqueueUpload(m_source, m_bucket, key, multipart());
        QVERIFY(waitUntil([&] { return progressOf(model, engine.get(), id) >= 5; }, 60000));
        QVERIFY(waitUntil([&] { return pendingUploads(key) == 1; }, 10000)); // mid-way: an upload id exists
        selectTransfer(panel, engine.get(), id);
        QVERIFY(waitUntil([&] { return panel.cancelAction()->isEnabled(); }, 5000));
        panel.cancelAction()->trigger();
        QVERIFY(waitState(model, engine.get(), id, TransferState::Cancelled, 10000));
        // The abort runs in the background after the transfer ends.
        QVERIFY(waitUntil([&] { return pendingUploads(key) == 0; }, 30000));
        QVERIFY(!objectExists(key));
        QVERIFY(waitUntil([&] { return panel.removeAction()->isEnabled(); }, 5000));
        panel.removeAction()->trigger();
        QVERIFY(waitUntil([&] { return model.rowCount() == 0; }, 10000));
    }

    void failingDownloadShowsTheS3Code()
    {
        TransferListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto engine = makeEngine(m_server.endpoint);
        model.addEngine(engine.get(), QStringLiteral("ceph"));
        TransferPanel panel(&model);
        panel.show();
        const TransferId id = engine->enqueueDownload(m_bucket, QStringLiteral("panel/no such key.bin"),
                                                      m_dir.filePath(QStringLiteral("nothing.bin")));
        QVERIFY(waitState(model, engine.get(), id, TransferState::Failed, 30000));
        const QModelIndex state = model.index(model.rowOf(engine.get(), id), TransferListModel::State);
        QVERIFY2(state.data().toString().startsWith(QStringLiteral("Failed: NoSuchKey")),
                 qPrintable(state.data().toString()));
        const QString details = state.data(Qt::ToolTipRole).toString();
        QVERIFY2(details.contains(QStringLiteral("NoSuchKey")) && details.contains(QStringLiteral("Request id: ")),
                 qPrintable(details));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("nothing.bin"))));
        selectTransfer(panel, engine.get(), id);
        QVERIFY(waitUntil([&] { return panel.retryAction()->isEnabled(); }, 5000));
    }
};

QTEST_MAIN(TestLiveTransferPanel)
#include "tst_live_transferpanel.moc"
