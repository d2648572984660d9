// SPDX-License-Identifier: Apache-2.0
// The transfer engine under faults. Network faults run against the real Ceph RGW through an in-test TCP proxy
// on loopback (tests/support/faultproxy.h): connection resets mid-part and mid-range, stalled connections (the
// transfer timeout fires), resets on every connection (the transfer fails, then cancel leaves nothing), the
// answer to CompleteMultipartUpload lost, keys rejected mid-upload. Local faults: the source file changing
// mid-upload, an unwritable or full destination (a 1 MiB tmpfs, mounted when running as root). Faults Ceph
// cannot produce (ExpiredToken, 503 SlowDown and 500 InternalError bursts) run against the in-process fake S3
// server.
//
// After each fault: the object is byte-identical to the source (read back directly from the server, not through
// the proxy) or the transfer failed with a clear message; no multipart upload is left behind (after a failed
// transfer is cancelled); no partial file sits under the final name.
#include <QBuffer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QPointer>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "fakes3server.h"
#include "faultproxy.h"
#include "livetest.h"
#include "reliabilitycase.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/net/curlhttp.h"
#include "s3core/ops/bucketjobs.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/streamupload.h"
#include "s3core/transfer/transferqueue.h"
#include "s3core/transfer/uploadtask.h"

using namespace s3;

namespace {

constexpr qint64 OneMiB = 1024 * 1024;
constexpr qint64 PartSize = 5 * OneMiB;

/** A stream that never ends (a pipe whose writer keeps writing): pseudo-random bytes, as many as asked. */
class EndlessStream final : public QIODevice
{
public:
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return OneMiB + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        for (qint64 i = 0; i < maxSize; ++i)
            data[i] = char((m_position++ * 2654435761u) >> 24);
        return maxSize;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    quint64 m_position = 0;
};
constexpr int StallTimeoutMs = 2000;
// Qt's transfer timeout is a coarse timer, which may fire up to 5% early: a recovery through the timeout takes
// at least this long from the start of the transfer; anything quicker recovered some other way.
constexpr int StallRecoveryMinMs = StallTimeoutMs * 90 / 100;
// Tests that do not stall a connection on purpose wait longer: a busy single-OSD Ceph on 2 shared cores can be
// silent for more than StallTimeoutMs, and a timeout there would be a false failure.
constexpr int PatientTimeoutMs = 20000;

/**
 * Credentials that "expire": after expire() it hands out a key the server answers with ExpiredToken, until
 * the engine calls invalidate() and resolves again (then it hands out fresh keys).
 */
class ExpiringCredentialsProvider final : public CredentialsProvider
{
public:
    void resolve(QObject *, Callback callback) override
    {
        ++m_resolves;
        Credentials credentials;
        credentials.accessKeyId = m_expired ? QStringLiteral("EXPIREDKEY") : QStringLiteral("FRESHKEY%1").arg(m_generation);
        credentials.secretAccessKey = QStringLiteral("secret");
        credentials.sessionToken = QStringLiteral("token%1").arg(m_generation);
        callback(credentials);
    }
    void invalidate() override
    {
        ++m_invalidations;
        if (m_expired) {
            m_expired = false;
            ++m_generation;
        }
    }
    QString name() const override { return QStringLiteral("expiring test credentials"); }

    void expire() { m_expired = true; }
    int invalidations() const { return m_invalidations; }
    int resolves() const { return m_resolves; }

private:
    bool m_expired = false;
    int m_generation = 1;
    int m_invalidations = 0;
    int m_resolves = 0;
};

/**
 * The server's keys, until breakNow(): then a wrong secret (the server answers SignatureDoesNotMatch) until
 * repair(). Counts invalidate() calls.
 */
class BreakingCredentialsProvider final : public CredentialsProvider
{
public:
    explicit BreakingCredentialsProvider(Credentials good)
        : m_good(std::move(good))
    {
    }
    void resolve(QObject *, Callback callback) override
    {
        Credentials credentials = m_good;
        if (m_broken)
            credentials.secretAccessKey = QStringLiteral("not-the-secret");
        callback(credentials);
    }
    void invalidate() override { ++m_invalidations; }
    QString name() const override { return QStringLiteral("breaking test credentials"); }

    void breakNow() { m_broken = true; }
    void repair() { m_broken = false; }
    int invalidations() const { return m_invalidations; }

private:
    Credentials m_good;
    bool m_broken = false;
    int m_invalidations = 0;
};

} // namespace

class TestLiveFaults : public QObject
{
    Q_OBJECT

public:
    explicit TestLiveFaults(BulkPath path)
        : m_path(path)
    {
    }

private:
    BulkPath m_path;
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client; // direct to the server, never through the proxy
    QString m_bucket;
    QTemporaryDir m_dir;
    quint16 m_targetPort = 0;
    QString m_tmpfs;

    /** A proven bulk-data case of this run (libcurl runs only: the Qt run is the comparison path). */
    void recordBulkCase(const QString &input, const QString &expected, const QString &observed) const
    {
        if (m_path.curl)
            recordReliabilityCase({QStringLiteral("Bulk data"), input + (m_path.tls ? QStringLiteral(", over https") : QStringLiteral(", over http")),
                                   expected, observed, true, QStringLiteral("Ceph RGW")});
    }

    /** The server as this run reaches it (http or https). */
    QString liveEndpoint() const { return m_path.tls ? m_server.tlsEndpoint : m_server.endpoint; }

    /** The proxy's URL in this run's scheme. */
    QString proxyUrl(const FaultProxy &proxy) const
    {
        return QStringLiteral("%1://127.0.0.1:%2").arg(m_path.tls ? QStringLiteral("https") : QStringLiteral("http")).arg(proxy.port());
    }

    std::unique_ptr<FaultProxy> startProxy()
    {
        auto proxy = std::make_unique<FaultProxy>(m_targetPort);
        proxy->setMaxLifetimeMs(120000);
        if (!proxy->start())
            return {};
        return proxy;
    }

    ClientSettings settingsFor(const QString &endpointUrl, int transferTimeoutMs = PatientTimeoutMs) const
    {
        ClientSettings settings;
        Result<Endpoint> endpoint = Endpoint::parse(endpointUrl, QStringLiteral("us-east-1"), AddressingStyle::Path);
        if (!endpoint)
            qFatal("bad endpoint %s", qPrintable(endpointUrl));
        settings.endpoint = *endpoint;
        Credentials credentials;
        credentials.accessKeyId = m_server.accessKey;
        credentials.secretAccessKey = m_server.secretKey;
        settings.credentials = std::make_shared<StaticCredentialsProvider>(credentials);
        settings.transferTimeoutMs = transferTimeoutMs;
        settings.curlHttp = m_path.curl;
        if (m_path.tls)
            settings.caBundle = m_server.tlsCa;
        return settings;
    }

    /** The server's real keys, until breakNow(). */
    std::shared_ptr<BreakingCredentialsProvider> breakableCredentials() const
    {
        Credentials good;
        good.accessKeyId = m_server.accessKey;
        good.secretAccessKey = m_server.secretKey;
        return std::make_shared<BreakingCredentialsProvider>(good);
    }

    static UploadOptions uploadOptions()
    {
        UploadOptions options;
        options.multipartThreshold = PartSize;
        options.partSize = PartSize;
        return options;
    }

    static DownloadOptions downloadOptions()
    {
        DownloadOptions options;
        options.partSize = PartSize;
        return options;
    }

    QString writeFile(const QString &name, qint64 size, quint32 seed)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(randomBytes(size, seed)) != size)
            return {};
        return path;
    }

    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    /** The object as stored, read directly from the server; empty with an error message on failure. */
    QByteArray objectData(const QString &key, QString *error = nullptr)
    {
        GetObjectJob get(m_client.get(), m_bucket, key);
        get.setAutoDelete(false);
        if (!runJob(get) || get.hasError()) {
            if (error)
                *error = get.error().toString();
            return {};
        }
        return get.data();
    }

    int headStatus(const QString &key)
    {
        HeadObjectJob head(m_client.get(), m_bucket, key);
        head.setAutoDelete(false);
        runJob(head);
        return head.hasError() ? head.error().httpStatus() : 200;
    }

    bool putObject(const QString &key, const QByteArray &data)
    {
        PutObjectJob put(m_client.get(), m_bucket, key);
        put.setAutoDelete(false);
        put.setData(data);
        return runJob(put) && !put.hasError();
    }

    /** Unfinished multipart uploads under this prefix (directly on the server), -1 on error. */
    int pendingUploads(const QString &prefix)
    {
        ListMultipartUploadsJob job(m_client.get(), m_bucket, prefix);
        job.setAutoDelete(false);
        runJob(job);
        return job.hasError() ? -1 : int(job.uploads().size());
    }

    /**
     * Waits in a real event loop. Not QTest::qWaitFor: it sleeps 10 ms between event rounds, and QNAM pulls a
     * file body from this thread 16 KiB at a time, so uploads would crawl at ~1.5 MiB/s.
     */
    static bool waitFinished(TransferQueue &queue, TransferId id, int timeoutMs = 60000)
    {
        if (isFinalState(queue.snapshot(id).state))
            return true;
        QEventLoop loop;
        QTimer timeout;
        timeout.setSingleShot(true);
        QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        QObject::connect(&queue, &TransferQueue::taskFinished, &loop, [&](const TransferSnapshot &snapshot) {
            if (snapshot.id == id)
                loop.quit();
        });
        timeout.start(timeoutMs);
        loop.exec();
        return isFinalState(queue.snapshot(id).state);
    }

    static QString describe(const TransferSnapshot &snapshot)
    {
        return QStringLiteral("%1 (%2)").arg(transferStateName(snapshot.state), snapshot.lastError.toString());
    }

    /** Files in a folder (names), to prove nothing was left behind. */
    static QStringList filesIn(const QString &dir)
    {
        return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
    }

    static bool runCommand(const QString &program, const QStringList &arguments, QString *output = nullptr)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(program, arguments);
        if (!process.waitForFinished(10000)) {
            process.kill();
            process.waitForFinished(1000);
            return false;
        }
        if (output)
            *output = QString::fromLocal8Bit(process.readAll()).trimmed();
        return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY(m_dir.isValid());
        S3DESK_REQUIRE_LIVE_TLS(m_server, m_path);
        // The fault proxy forwards bytes; over https the TLS session runs through it to the server's TLS port.
        const QUrl endpoint(liveEndpoint());
        QVERIFY2(endpoint.scheme() == QLatin1String(m_path.tls ? "https" : "http") && endpoint.port() > 0, qPrintable(liveEndpoint()));
        m_targetPort = quint16(endpoint.port());
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), QStringLiteral("s3desk-live-faults"));
        QVERIFY(!m_bucket.isEmpty());
    }

    void cleanupTestCase()
    {
        if (!m_tmpfs.isEmpty())
            runCommand(QStringLiteral("umount"), {m_tmpfs});
        if (m_client && !m_bucket.isEmpty()) {
            const S3Error removed = removeTestBucket(m_client.get(), m_bucket);
            QVERIFY2(!removed.isError(), qPrintable(removed.toString()));
        }
    }

    // --- connection reset mid-part / mid-range: retried, the result is identical ---------------------------

    void uploadSurvivesResetMidPart_data()
    {
        QTest::addColumn<int>("faultConnections");
        QTest::newRow("one connection hit") << 1;
        QTest::newRow("two connections hit") << 2;
    }

    void uploadSurvivesResetMidPart()
    {
        QFETCH(int, faultConnections);
        const QString prefix = QStringLiteral("reset-up-%1/").arg(faultConnections); // one case's leftovers never fail another
        const QString key = prefix + QStringLiteral("object.bin");
        const QString source = writeFile(QStringLiteral("reset-up-%1.bin").arg(faultConnections), 16 * OneMiB + 123, 100 + quint32(faultConnections));
        QVERIFY(!source.isEmpty());
        auto proxy = startProxy();
        QVERIFY(proxy);
        proxy->setResetUpAfterBytes(PartSize / 2); // mid-part: the first part on the connection never completes
        proxy->setFaultConnections(faultConnections);

        TransferQueue queue(settingsFor(proxyUrl(*proxy)), {1, 4});
        const TransferId id = queue.enqueueUpload(source, m_bucket, key, uploadOptions());
        QVERIFY(waitFinished(queue, id));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(describe(queue.snapshot(id))));
        QVERIFY2(proxy->resets() >= 1, "the fault did not hit");
        QCOMPARE(queue.requestsInFlight(), 0);

        QString error;
        const QByteArray stored = objectData(key, &error);
        QVERIFY2(!stored.isEmpty(), qPrintable(error));
        QVERIFY(stored == readFile(source));
        QCOMPARE(pendingUploads(prefix), 0);
        recordBulkCase(QStringLiteral("the connection is reset in the middle of a part upload (%1 connection(s) hit)").arg(faultConnections), QStringLiteral("the part is sent again; the stored object is byte-identical to the source"), QStringLiteral("object read back from the server equals the source; no multipart upload left"));
    }

    void downloadSurvivesResetMidRange_data()
    {
        QTest::addColumn<int>("faultConnections");
        QTest::newRow("one connection hit") << 1;
        QTest::newRow("two connections hit") << 2;
    }

    void downloadSurvivesResetMidRange()
    {
        QFETCH(int, faultConnections);
        const QString key = QStringLiteral("reset-down/%1.bin").arg(faultConnections);
        const QByteArray data = randomBytes(17 * OneMiB + 5, 200 + quint32(faultConnections));
        QVERIFY(putObject(key, data));
        auto proxy = startProxy();
        QVERIFY(proxy);
        proxy->setResetDownAfterBytes(2 * OneMiB); // the HEAD answer passes, the first range breaks off
        proxy->setFaultConnections(faultConnections);

        const QString target = m_dir.filePath(QStringLiteral("reset-down-%1/object.bin").arg(faultConnections));
        TransferQueue queue(settingsFor(proxyUrl(*proxy)), {1, 4});
        const TransferId id = queue.enqueueDownload(m_bucket, key, target, downloadOptions());
        QVERIFY(waitFinished(queue, id));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(describe(queue.snapshot(id))));
        QVERIFY2(proxy->resets() >= 1, "the fault did not hit");
        QCOMPARE(queue.requestsInFlight(), 0);
        QVERIFY(readFile(target) == data);
        QCOMPARE(filesIn(QFileInfo(target).absolutePath()), QStringList{QStringLiteral("object.bin")});
        recordBulkCase(QStringLiteral("the connection is reset in the middle of a ranged download (%1 connection(s) hit)").arg(faultConnections),
                       QStringLiteral("the range is fetched again; the file is byte-identical to the object"),
                       QStringLiteral("downloaded file equals the object; no partial file left beside it"));
    }

    // --- stalled connections: the transfer timeout fires, the request goes again on a fresh connection --------

    void uploadSurvivesStalledConnection()
    {
        const QString key = QStringLiteral("stall-up/object.bin");
        const QString source = writeFile(QStringLiteral("stall-up.bin"), 12 * OneMiB + 7, 300);
        auto proxy = startProxy();
        QVERIFY(proxy);
        proxy->setStallUpAfterBytes(2 * OneMiB);
        proxy->setFaultConnections(1);

        TransferQueue queue(settingsFor(proxyUrl(*proxy), StallTimeoutMs), {1, 4});
        QElapsedTimer timer;
        timer.start();
        const TransferId id = queue.enqueueUpload(source, m_bucket, key, uploadOptions());
        QVERIFY(waitFinished(queue, id));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(describe(queue.snapshot(id))));
        QCOMPARE(proxy->stalls(), 1);
        QVERIFY2(timer.elapsed() >= StallRecoveryMinMs, qPrintable(QStringLiteral("finished after %1 ms, before the transfer timeout could fire").arg(timer.elapsed())));
        QVERIFY(proxy->connections() >= 2);
        QVERIFY(objectData(key) == readFile(source));
        QCOMPARE(pendingUploads(QStringLiteral("stall-up/")), 0);
        recordBulkCase(QStringLiteral("the connection stops carrying the upload (stalled, still open) after 2 MiB"), QStringLiteral("the transfer timeout fires and the part is sent again on a new connection"), QStringLiteral("upload succeeded after the timeout; object read back equals the source"));
    }

    void downloadSurvivesStalledConnection()
    {
        const QString key = QStringLiteral("stall-down/object.bin");
        const QByteArray data = randomBytes(12 * OneMiB + 9, 301);
        QVERIFY(putObject(key, data));
        auto proxy = startProxy();
        QVERIFY(proxy);
        proxy->setStallDownAfterBytes(2 * OneMiB);
        proxy->setFaultConnections(1);

        const QString target = m_dir.filePath(QStringLiteral("stall-down/object.bin"));
        TransferQueue queue(settingsFor(proxyUrl(*proxy), StallTimeoutMs), {1, 4});
        QElapsedTimer timer;
        timer.start();
        const TransferId id = queue.enqueueDownload(m_bucket, key, target, downloadOptions());
        QVERIFY(waitFinished(queue, id));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(describe(queue.snapshot(id))));
        QCOMPARE(proxy->stalls(), 1);
        QVERIFY2(timer.elapsed() >= StallRecoveryMinMs, qPrintable(QStringLiteral("finished after %1 ms, before the transfer timeout could fire").arg(timer.elapsed())));
        QVERIFY(readFile(target) == data);
        QCOMPARE(filesIn(QFileInfo(target).absolutePath()), QStringList{QStringLiteral("object.bin")});
        recordBulkCase(QStringLiteral("the connection stops carrying a ranged download (stalled, still open) after 2 MiB"),
                       QStringLiteral("the transfer timeout fires and the range is fetched again"),
                       QStringLiteral("download succeeded after the timeout; the file equals the object"));
    }

    // --- every connection resets: the transfer fails for good; cancel leaves nothing ------------------------

    void uploadFailsWhenEveryConnectionResets()
    {
        const QString key = QStringLiteral("reset-all-up/object.bin");
        const QString source = writeFile(QStringLiteral("reset-all-up.bin"), 12 * OneMiB, 400);
        auto proxy = startProxy();
        QVERIFY(proxy);
        proxy->setResetUpAfterBytes(1 * OneMiB); // small requests (create, abort) pass; no part does
        proxy->setFaultConnections(0);

        TransferQueue queue(settingsFor(proxyUrl(*proxy)), {1, 4});
        const TransferId id = queue.enqueueUpload(source, m_bucket, key, uploadOptions());
        QVERIFY(waitFinished(queue, id));
        const TransferSnapshot failed = queue.snapshot(id);
        QVERIFY2(failed.state == TransferState::Failed, qPrintable(describe(failed)));
        QVERIFY2(failed.lastError.kind() == S3Error::Kind::Network, qPrintable(failed.lastError.toString()));
        QVERIFY(!failed.lastError.message().isEmpty());
        QVERIFY2(proxy->resets() >= 3, qPrintable(QString::number(proxy->resets()))); // retried before giving up
        QCOMPARE(queue.requestsInFlight(), 0); // the stopped parts gave their connections back
        QCOMPARE(headStatus(key), 404);
        // A transient failure keeps the multipart upload for retry()/resume(); cancel ends it on the server.
        QCOMPARE(pendingUploads(QStringLiteral("reset-all-up/")), 1);

        queue.cancel(id);
        QCOMPARE(queue.snapshot(id).state, TransferState::Cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(pendingUploads(QStringLiteral("reset-all-up/")), 0, 10000);
        QCOMPARE(headStatus(key), 404);
        QCOMPARE(queue.requestsInFlight(), 0);
    }

    // The two failure rules of multipart uploads: a file upload keeps its upload for a resume (above); a stream
    // cannot be read again, so its upload is aborted when it fails.
    void streamUploadFailsAndAbortsWhenEveryConnectionResets()
    {
        const QString key = QStringLiteral("reset-all-stream/object.bin");
        auto proxy = startProxy();
        QVERIFY(proxy);
        proxy->setResetUpAfterBytes(1 * OneMiB); // create and abort pass; no 5 MiB part does
        proxy->setFaultConnections(0);
        std::unique_ptr<S3Client> client = m_server.client(&m_network, m_server.accessKey, m_server.secretKey, proxyUrl(*proxy));
        if (m_path.tls)
            QVERIFY(client->setCaBundle(m_server.tlsCa));
        CurlHttpPool curl;
        if (m_path.curl)
            client->setCurlHttp(&curl);
        QByteArray data(12 * OneMiB, '\0');
        for (qsizetype i = 0; i < data.size(); ++i)
            data[i] = char((i * 131 + 7) & 0xff);
        QBuffer source(&data);
        QVERIFY(source.open(QIODevice::ReadOnly));
        StreamUploadJob job(client.get(), m_bucket, key, &source);
        job.setAutoDelete(false);
        job.setPartSize(5 * OneMiB);
        QVERIFY(runJob(job, 120000));
        QVERIFY2(job.hasError(), "the stream upload succeeded although no part could be sent");
        QVERIFY2(job.error().kind() == S3Error::Kind::Network, qPrintable(job.error().toString()));
        QVERIFY2(proxy->resets() >= 3, qPrintable(QString::number(proxy->resets()))); // retried before giving up
        QCOMPARE(curl.stats().requestsSent > 0, m_path.curl); // the parts went the bulk path
        QTRY_COMPARE_WITH_TIMEOUT(pendingUploads(QStringLiteral("reset-all-stream/")), 0, 10000); // aborted
        QCOMPARE(headStatus(key), 404);
    }

    // The one keep/abort policy of multipart uploads, end to end. A file upload interrupted by a transient
    // failure keeps its upload: a resume lists the server's parts, sends only the rest to the SAME upload, and
    // the object is byte-identical to the file.
    void interruptedFileUploadIsKeptAndResumed()
    {
        const QString key = QStringLiteral("policy-file/object.bin");
        const QString source = writeFile(QStringLiteral("policy-file.bin"), 6 * PartSize + 123, 900);
        auto proxy = startProxy();
        QVERIFY(proxy);
        TransferQueue queue(settingsFor(proxyUrl(*proxy)), {1, 1}); // one part at a time: a clean cut
        const TransferId id = queue.enqueueUpload(source, m_bucket, key, uploadOptions());
        const QList<UploadTask *> tasks = queue.findChildren<UploadTask *>();
        QCOMPARE(tasks.size(), 1);
        UploadTask *task = tasks.first();
        QSet<QString> uploadIds; // every upload id the task ever worked on
        bool cut = false;
        connect(task, &TransferTask::changed, this, [&] {
            if (!task->uploadId().isEmpty())
                uploadIds.insert(task->uploadId());
            if (!cut && task->snapshot().bytesDone >= 3 * PartSize) { // parts 1 and 2 are stored, 3 is on its way
                cut = true;
                proxy->resetCounters();
                proxy->setResetUpAfterBytes(1 * OneMiB); // from now on no part gets through
                proxy->setFaultConnections(0);
            }
        });
        QVERIFY(waitFinished(queue, id));
        const TransferSnapshot failed = queue.snapshot(id);
        QVERIFY2(failed.state == TransferState::Failed, qPrintable(describe(failed)));
        QVERIFY2(failed.lastError.kind() == S3Error::Kind::Network, qPrintable(failed.lastError.toString()));
        QCOMPARE(uploadIds.size(), 1);
        const QString uploadId = *uploadIds.begin();
        QCOMPARE(task->uploadId(), uploadId); // kept, for the resume
        QCOMPARE(pendingUploads(QStringLiteral("policy-file/")), 1);
        ListPartsJob list(m_client.get(), m_bucket, key, uploadId);
        list.setAutoDelete(false);
        QVERIFY(runJob(list));
        QVERIFY2(!list.hasError(), qPrintable(list.error().toString()));
        const qsizetype storedParts = list.parts().size();
        QVERIFY2(storedParts >= 2 && storedParts < 7, qPrintable(QString::number(storedParts)));

        proxy->setResetUpAfterBytes(-1); // the network is back
        proxy->resetCounters();
        queue.resume(id);
        QVERIFY(waitFinished(queue, id));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(describe(queue.snapshot(id))));
        QCOMPARE(uploadIds.size(), 1); // the same upload, resumed, not a new one
        // Only the parts the server did not have went up again.
        QVERIFY2(proxy->bytesUp() < (7 - storedParts + 1) * PartSize,
                 qPrintable(QStringLiteral("%1 bytes sent for %2 missing parts").arg(proxy->bytesUp()).arg(7 - storedParts)));
        QCOMPARE(pendingUploads(QStringLiteral("policy-file/")), 0);
        QVERIFY(objectData(key) == readFile(source));
    }

    // A stream cannot be read again: cancelled mid-way, its multipart upload is aborted, none is left behind.
    void cancelledStreamLeavesNoUpload()
    {
        const QString key = QStringLiteral("policy-stream/object.bin");
        EndlessStream source; // never ends by itself: only the cancel stops the upload
        QVERIFY(source.open(QIODevice::ReadOnly));
        auto *job = new StreamUploadJob(m_client.get(), m_bucket, key, &source);
        job->setPartSize(5 * OneMiB);
        job->setMaxPartsInFlight(2);
        QPointer<StreamUploadJob> alive(job);
        job->start();
        // Two parts in flight and one in the buffer at most: past 16 MiB read, a part is stored, so the upload exists.
        QVERIFY(waitUntil([&] { return !alive || alive->bytesRead() > 16 * OneMiB; }, 60000));
        QVERIFY2(alive, "the endless stream upload ended by itself");
        QCOMPARE(pendingUploads(QStringLiteral("policy-stream/")), 1);
        job->cancel(); // the job deletes itself; its abort must still reach the server
        QTRY_COMPARE_WITH_TIMEOUT(pendingUploads(QStringLiteral("policy-stream/")), 0, 10000);
        QCOMPARE(headStatus(key), 404);
    }

    void downloadFailsWhenEveryConnectionResets()
    {
        const QString key = QStringLiteral("reset-all-down/object.bin");
        const QByteArray data = randomBytes(12 * OneMiB + 1, 401);
        QVERIFY(putObject(key, data));
        auto proxy = startProxy();
        QVERIFY(proxy);
        proxy->setResetDownAfterBytes(1 * OneMiB);
        proxy->setFaultConnections(0);

        const QString folder = m_dir.filePath(QStringLiteral("reset-all-down"));
        QVERIFY(QDir().mkpath(folder));
        const QString target = folder + QStringLiteral("/object.bin");
        const QByteArray previous = QByteArrayLiteral("the previous content, which must survive");
        {
            QFile existing(target);
            QVERIFY(existing.open(QIODevice::WriteOnly));
            existing.write(previous);
        }

        TransferQueue queue(settingsFor(proxyUrl(*proxy)), {1, 4});
        const TransferId id = queue.enqueueDownload(m_bucket, key, target, downloadOptions());
        QVERIFY(waitFinished(queue, id));
        const TransferSnapshot failed = queue.snapshot(id);
        QVERIFY2(failed.state == TransferState::Failed, qPrintable(describe(failed)));
        QVERIFY2(failed.lastError.kind() == S3Error::Kind::Network, qPrintable(failed.lastError.toString()));
        QVERIFY(proxy->resets() >= 3);
        QCOMPARE(queue.requestsInFlight(), 0);
        QCOMPARE(readFile(target), previous); // never truncated or replaced

        queue.cancel(id);
        QCOMPARE(queue.snapshot(id).state, TransferState::Cancelled);
        QCOMPARE(readFile(target), previous);
        QCOMPARE(filesIn(folder), QStringList{QStringLiteral("object.bin")}); // no .s3desk-part, no state file
    }

    // --- the source file changes while it is uploaded ---------------------------------------------------------

    void sourceChangedDuringUploadFails_data()
    {
        QTest::addColumn<bool>("append");
        QTest::newRow("bytes appended") << true;
        QTest::newRow("overwritten in place, same size") << false;
    }

    void sourceChangedDuringUploadFails()
    {
        QFETCH(bool, append);
        const QString key = QStringLiteral("changed/%1.bin").arg(append ? QStringLiteral("appended") : QStringLiteral("overwritten"));
        const QString source = writeFile(QStringLiteral("changed-%1.bin").arg(int(append)), 16 * OneMiB, 500);
        auto proxy = startProxy();
        QVERIFY(proxy);
        // One connection carries the parts in turn (part 1, part 2, ...; the small requests may use another):
        // holding part 2 back gives a moment after part 1 finished to change the file.
        proxy->setStallUpAfterBytes(PartSize + PartSize / 2);
        proxy->setFaultConnections(1);
        bool changed = false;
        connect(proxy.get(), &FaultProxy::connectionStalled, this, [&] {
            QFile file(source);
            if (append) {
                if (file.open(QIODevice::Append))
                    changed = file.write(QByteArrayLiteral("appended while uploading")) > 0;
            } else if (file.open(QIODevice::ReadWrite)) { // same size, new bytes in part 1, new mtime
                changed = file.write(QByteArray(4096, 'z')) == 4096;
            }
        });

        TransferQueue queue(settingsFor(proxyUrl(*proxy), StallTimeoutMs), {1, 1});
        const TransferId id = queue.enqueueUpload(source, m_bucket, key, uploadOptions());
        QVERIFY(waitFinished(queue, id));
        QVERIFY(changed);
        const TransferSnapshot failed = queue.snapshot(id);
        QVERIFY2(failed.state == TransferState::Failed, qPrintable(describe(failed)));
        QCOMPARE(failed.lastError.kind(), S3Error::Kind::Io);
        QVERIFY2(failed.lastError.message().contains(QLatin1String("changed")), qPrintable(failed.lastError.toString()));
        QCOMPARE(queue.requestsInFlight(), 0);
        // Failed for good: the upload is aborted at once, without waiting for a cancel.
        QTRY_COMPARE_WITH_TIMEOUT(pendingUploads(QStringLiteral("changed/")), 0, 10000);
        QCOMPARE(headStatus(key), 404);
    }

    // --- the answer to CompleteMultipartUpload is lost: the retry must not fail or leave anything behind --------

    void completeAnswerLostIsRetried()
    {
        const QString key = QStringLiteral("complete-lost/object.bin");
        const QString source = writeFile(QStringLiteral("complete-lost.bin"), 12 * OneMiB + 77, 550);
        auto proxy = startProxy();
        QVERIFY(proxy);
        proxy->setFaultConnections(1); // the reset below hits one connection only

        TransferQueue queue(settingsFor(proxyUrl(*proxy)), {1, 1});
        const TransferId id = queue.enqueueUpload(source, m_bucket, key, uploadOptions());
        const QList<TransferTask *> tasks = queue.findChildren<TransferTask *>();
        QCOMPARE(tasks.size(), 1);
        // All parts are stored and Complete is about to go out: its answer breaks off 100 bytes in. Over https
        // byte counts say nothing about where the answer starts inside the TLS stream (and the connections'
        // handshakes weigh more), so there the connection that carries the answer is reset at its first byte.
        bool armed = false;
        connect(tasks.first(), &TransferTask::changed, this, [&] {
            if (!armed && tasks.first()->state() == TransferState::Completing) {
                armed = true;
                proxy->setResetDownAfterBytes(m_path.tls ? 0 : proxy->bytesDown() + 100);
            }
        });
        QVERIFY(waitFinished(queue, id));
        QVERIFY(armed);
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(describe(queue.snapshot(id))));
        QCOMPARE(proxy->resets(), 1);
        QVERIFY(proxy->connections() >= 2);
        QVERIFY(objectData(key) == readFile(source));
        QCOMPARE(pendingUploads(QStringLiteral("complete-lost/")), 0);
    }

    // --- unwritable or full destination -------------------------------------------------------------------

    void unwritableDestinationFails_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::newRow("file where a folder is expected") << QStringLiteral("file-as-folder");
        QTest::newRow("under /proc") << QStringLiteral("proc");
        QTest::newRow("1 MiB tmpfs (disk full)") << QStringLiteral("tmpfs");
    }

    void unwritableDestinationFails()
    {
        QFETCH(QString, variant);
        const QString key = QStringLiteral("unwritable/object.bin");
        if (headStatus(key) != 200)
            QVERIFY(putObject(key, randomBytes(3 * OneMiB, 600)));

        QString folder; // where the partial file would have gone
        QString target;
        QString expectedText;
        QByteArray previous;
        if (variant == QLatin1String("file-as-folder")) {
            const QString blocker = m_dir.filePath(QStringLiteral("not-a-folder"));
            QFile file(blocker);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("x");
            file.close();
            folder = blocker;
            target = blocker + QStringLiteral("/sub/object.bin");
            expectedText = QStringLiteral("cannot create the folder");
        } else if (variant == QLatin1String("proc")) {
            folder = QStringLiteral("/proc/s3desk-no-such-folder");
            target = folder + QStringLiteral("/object.bin");
            expectedText = QStringLiteral("cannot create the folder");
        } else {
            if (m_tmpfs.isEmpty()) {
                const QString mountPoint = m_dir.filePath(QStringLiteral("tmpfs"));
                QVERIFY(QDir().mkpath(mountPoint));
                QString output;
                if (!runCommand(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                                         QStringLiteral("size=1m"), QStringLiteral("tmpfs"), mountPoint},
                                &output))
                    QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here (%1)").arg(output)));
                m_tmpfs = mountPoint;
            }
            folder = m_tmpfs;
            target = folder + QStringLiteral("/object.bin");
            previous = QByteArrayLiteral("previous content");
            QFile existing(target);
            QVERIFY(existing.open(QIODevice::WriteOnly));
            existing.write(previous);
            expectedText = QStringLiteral("disk space");
        }
        const QStringList before = filesIn(folder);

        TransferQueue queue(settingsFor(liveEndpoint()), {1, 4});
        const TransferId id = queue.enqueueDownload(m_bucket, key, target, downloadOptions());
        QVERIFY(waitFinished(queue, id));
        const TransferSnapshot failed = queue.snapshot(id);
        QVERIFY2(failed.state == TransferState::Failed, qPrintable(describe(failed)));
        QCOMPARE(failed.lastError.kind(), S3Error::Kind::Io);
        QVERIFY2(failed.lastError.message().contains(expectedText), qPrintable(failed.lastError.toString()));
        QCOMPARE(queue.requestsInFlight(), 0);
        QCOMPARE(filesIn(folder), before); // nothing left behind
        if (!previous.isEmpty())
            QCOMPARE(readFile(target), previous);
        else
            QVERIFY(!QFileInfo::exists(target));
        queue.cancel(id);
        QCOMPARE(filesIn(folder), before);
    }

    // --- faults the real server cannot produce: the fake S3 server ----------------------------------------------

    void credentialsExpireMidUpload()
    {
        FakeS3Server server;
        QVERIFY(server.start());
        const QString bucket = QStringLiteral("expiring");
        server.createBucket(bucket);
        int expiredAnswers = 0;
        server.setOverride([&](const FakeS3Request &request, FakeS3Response &response) {
            if (!request.header("authorization").contains("Credential=EXPIREDKEY/"))
                return false;
            ++expiredAnswers;
            response.status = 400;
            response.setHeader("Content-Type", "application/xml");
            response.body = FakeS3Server::errorXml(QStringLiteral("ExpiredToken"), QStringLiteral("The provided token has expired."),
                                                   request.rawPath, request.requestId);
            return true;
        });
        auto credentials = std::make_shared<ExpiringCredentialsProvider>();
        // The credentials expire once the first part is on its way: later requests are refused.
        connect(&server, &FakeS3Server::requestReceived, this, [&](const QString &operation) {
            if (operation == QLatin1String("UploadPart") && server.count(QStringLiteral("UploadPart")) == 1)
                credentials->expire();
        });

        const QString source = writeFile(QStringLiteral("expiring.bin"), 12 * OneMiB + 3, 700);
        ClientSettings settings = settingsFor(server.endpointUrl());
        settings.credentials = credentials;
        TransferQueue queue(settings, {1, 1});
        const TransferId id = queue.enqueueUpload(source, bucket, QStringLiteral("object.bin"), uploadOptions());
        QVERIFY(waitFinished(queue, id, 30000));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(describe(queue.snapshot(id))));
        QVERIFY2(expiredAnswers >= 1, "the credentials never expired");
        QVERIFY(credentials->invalidations() >= 1);
        const std::optional<FakeS3Object> stored = server.object(bucket, QStringLiteral("object.bin"));
        QVERIFY(stored);
        QVERIFY(stored->data == readFile(source));
        QVERIFY(server.multipartUploads(bucket).isEmpty());
        QCOMPARE(queue.requestsInFlight(), 0);
    }

    void credentialsRejectedMidUploadFailsCleanly()
    {
        // Ceph cannot expire static keys (no ExpiredToken without STS): keys it rejects mid-upload are the
        // closest real thing. SignatureDoesNotMatch is fatal at once (RetryPolicy): no refresh, no retries.
        const QString key = QStringLiteral("rejected/object.bin");
        const QString source = writeFile(QStringLiteral("rejected.bin"), 16 * OneMiB, 560);
        auto credentials = breakableCredentials();
        ClientSettings settings = settingsFor(liveEndpoint());
        settings.credentials = credentials;

        TransferQueue queue(settings, {1, 1});
        const TransferId id = queue.enqueueUpload(source, m_bucket, key, uploadOptions());
        const QList<TransferTask *> tasks = queue.findChildren<TransferTask *>();
        QCOMPARE(tasks.size(), 1);
        bool broken = false;
        connect(tasks.first(), &TransferTask::changed, this, [&] {
            if (!broken && tasks.first()->snapshot().bytesDone >= PartSize) { // part 1 is stored
                broken = true;
                credentials->breakNow();
            }
        });
        QVERIFY(waitFinished(queue, id));
        const TransferSnapshot failed = queue.snapshot(id);
        QVERIFY2(failed.state == TransferState::Failed, qPrintable(describe(failed)));
        QCOMPARE(failed.lastError.kind(), S3Error::Kind::Auth);
        QCOMPARE(failed.lastError.code(), QStringLiteral("SignatureDoesNotMatch"));
        QCOMPARE(credentials->invalidations(), 0);
        QCOMPARE(headStatus(key), 404);

        // The abort sent with the rejected keys fails too; once the keys work again, cancelling the
        // transfer must still end the multipart upload on the server.
        QTRY_COMPARE_WITH_TIMEOUT(queue.cleanupsInFlight(), 0, 10000);
        QCOMPARE(pendingUploads(QStringLiteral("rejected/")), 1);
        credentials->repair();
        queue.cancel(id);
        QTRY_COMPARE_WITH_TIMEOUT(pendingUploads(QStringLiteral("rejected/")), 0, 10000);
    }

    void abortRefusedOnCancelIsFinishedAfterARestart()
    {
        // Cancelled while the keys are rejected: both aborts fail, so the queue keeps the upload in its file;
        // the next start (keys working again) ends it on the server.
        const QString key = QStringLiteral("abandoned/object.bin");
        const QString source = writeFile(QStringLiteral("abandoned.bin"), 16 * OneMiB, 570);
        const QString persisted = m_dir.filePath(QStringLiteral("abandoned-queue.json"));
        auto credentials = breakableCredentials();
        ClientSettings settings = settingsFor(liveEndpoint());
        settings.credentials = credentials;
        {
            TransferQueue queue(settings, {1, 1});
            queue.setPersistencePath(persisted);
            const TransferId id = queue.enqueueUpload(source, m_bucket, key, uploadOptions());
            const QList<TransferTask *> tasks = queue.findChildren<TransferTask *>();
            QCOMPARE(tasks.size(), 1);
            bool cancelled = false;
            connect(tasks.first(), &TransferTask::changed, this, [&] {
                if (!cancelled && tasks.first()->snapshot().bytesDone >= PartSize) { // part 1 is stored
                    cancelled = true;
                    credentials->breakNow();
                    queue.cancel(id);
                }
            });
            QVERIFY(waitUntil([&] { return queue.abandonedUploads().size() == 1; }, 30000));
            QTRY_COMPARE_WITH_TIMEOUT(queue.cleanupsInFlight(), 0, 10000);
            QCOMPARE(pendingUploads(QStringLiteral("abandoned/")), 1);
        }
        TransferQueue restarted(settingsFor(liveEndpoint()), {1, 1});
        restarted.setPersistencePath(persisted);
        QVERIFY(bool(restarted.restore()));
        QTRY_COMPARE_WITH_TIMEOUT(pendingUploads(QStringLiteral("abandoned/")), 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(restarted.abandonedUploads().isEmpty(), 5000);
        QCOMPARE(headStatus(key), 404);
    }

    void serverErrorBurstsAreRetried_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("503 SlowDown") << 503 << QStringLiteral("SlowDown");
        QTest::newRow("500 InternalError") << 500 << QStringLiteral("InternalError");
    }

    void serverErrorBurstsAreRetried()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        FakeS3Server server;
        QVERIFY(server.start());
        const QString bucket = QStringLiteral("bursts");
        server.createBucket(bucket);
        FakeS3Fault fault;
        fault.operation = QStringLiteral("UploadPart");
        fault.status = status;
        fault.code = code;
        fault.times = 3;
        server.addFault(fault);

        const QString source = writeFile(QStringLiteral("burst-%1.bin").arg(status), 12 * OneMiB + 11, 800 + quint32(status));
        TransferQueue queue(settingsFor(server.endpointUrl()), {1, 4});
        const TransferId id = queue.enqueueUpload(source, bucket, QStringLiteral("object.bin"), uploadOptions());
        QVERIFY(waitFinished(queue, id, 30000));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(describe(queue.snapshot(id))));
        QCOMPARE(server.pendingFaults(), 0);

        // The request log shows the retries: 3 parts, 3 of their attempts refused and sent again.
        QMap<QString, int> attemptsPerPart;
        for (const FakeS3Request &request : server.requests()) {
            if (request.operation == QLatin1String("UploadPart"))
                ++attemptsPerPart[request.queryItem(QStringLiteral("partNumber"))];
        }
        QCOMPARE(attemptsPerPart.keys(), (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));
        int attempts = 0;
        for (int n : std::as_const(attemptsPerPart))
            attempts += n;
        QCOMPARE(attempts, 3 + 3);
        QCOMPARE(server.count(QStringLiteral("CompleteMultipartUpload")), 1);
        const std::optional<FakeS3Object> stored = server.object(bucket, QStringLiteral("object.bin"));
        QVERIFY(stored);
        QVERIFY(stored->data == readFile(source));
        QVERIFY(server.multipartUploads(bucket).isEmpty());
        QCOMPARE(queue.requestsInFlight(), 0);
    }
};

S3DESK_LIVE_MAIN_BULK_PATHS(TestLiveFaults)
#include "tst_live_faults.moc"
