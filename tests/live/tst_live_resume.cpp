// SPDX-License-Identifier: Apache-2.0
// Downloads resume from the bytes already written and flushed, against the real Ceph RGW: a process killed with
// SIGKILL in the middle of a download (this test binary, started again as a child), a pause, and an object that
// changed meanwhile. The data goes through a local throttle (FaultProxy) so that "the middle" lasts long enough,
// and the proxy counts the bytes fetched the second time.
#include <csignal>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "faultproxy.h"
#include "livetest.h"
#include "localfiles.h"
#include "s3core/crypto.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/downloadstate.h"
#include "s3core/transfer/downloadtask.h"
#include "s3core/transfer/transferqueue.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 ObjectSize = 30 * 1024 * 1024;
constexpr qint64 Rate = 4 * 1024 * 1024; // bytes per second through the throttle
constexpr char ChildVariable[] = "S3DESK_RESUME_CHILD";

/** The bytes the state file in `folder` says are kept (-1: no state file). */
qint64 keptInStateFile(const QString &folder)
{
    QDirIterator it(folder, {u".s3desk*.state"_s}, QDir::Files | QDir::Hidden);
    if (!it.hasNext())
        return -1;
    QFile file(it.next());
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return DownloadState::fromJson(file.readAll()).keptBytes();
}

ClientSettings settingsFor(const LiveServer &server, QNetworkAccessManager *network, const QString &endpoint, bool curl,
                           std::unique_ptr<S3Client> *client)
{
    *client = server.client(network, server.accessKey, server.secretKey, endpoint);
    ClientSettings settings;
    settings.endpoint = (*client)->endpoint();
    settings.credentials = (*client)->credentialsProvider();
    settings.curlHttp = curl;
    return settings;
}

/**
 * The child: one download through the engine with a queue file, as the app runs it, until it is killed.
 * Arguments come in the environment: endpoint, bucket, key, target, queue file, "curl" or "qt".
 */
int runChild()
{
    const QStringList args = qEnvironmentVariable(ChildVariable).split(u'\n');
    if (args.size() != 6)
        return 2;
    const LiveServer server = LiveServer::fromEnvironment();
    QNetworkAccessManager network;
    std::unique_ptr<S3Client> client;
    TransferQueue queue(settingsFor(server, &network, args[0], args[5] == "curl"_L1, &client), {1, 2});
    queue.setPersistencePath(args[4]);
    queue.enqueueDownload(args[1], args[2], args[3]);
    return QCoreApplication::exec(); // ends by SIGKILL
}

} // namespace

class TestLiveResume : public QObject
{
    Q_OBJECT

public:
    explicit TestLiveResume(bool curl)
        : m_curl(curl)
    {
    }

private:
    bool m_curl;
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    std::unique_ptr<S3Client> m_proxyClient;
    std::unique_ptr<FaultProxy> m_proxy;
    QString m_bucket;
    QTemporaryDir m_dir;

    ClientSettings proxySettings() { return settingsFor(m_server, &m_network, m_proxy->url(), m_curl, &m_proxyClient); }

    QByteArray putObject(const QString &key, quint32 seed)
    {
        PutObjectJob put(m_client.get(), m_bucket, key);
        put.setAutoDelete(false);
        const QByteArray data = randomBytes(ObjectSize, seed);
        put.setData(data);
        if (!runJob(put) || put.hasError())
            return {};
        return data;
    }

    static QByteArray fileContent(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY(m_dir.isValid());
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), u"s3desk-live-resume"_s);
        QVERIFY(!m_bucket.isEmpty());
        m_proxy = std::make_unique<FaultProxy>(quint16(QUrl(m_server.endpoint).port()));
        QVERIFY(m_proxy->start());
    }

    void init()
    {
        m_proxy->clearFaults();
        m_proxy->resetCounters();
    }

    void killedProcessResumesFromTheFlushedBytes()
    {
        const QString key = u"killed/30MiB.bin"_s;
        const QByteArray data = putObject(key, 7);
        QVERIFY(!data.isEmpty());
        const QString folder = m_dir.filePath(u"killed"_s);
        QVERIFY(QDir().mkpath(folder));
        const QString target = folder + u"/30MiB.bin"_s;
        const QString queueFile = m_dir.filePath(u"killed-queue.json"_s);

        m_proxy->setRateBytesPerSecond(Rate);
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QString::fromLatin1(ChildVariable),
                           QStringList{m_proxy->url(), m_bucket, key, target, queueFile, m_curl ? u"curl"_s : u"qt"_s}.join(u'\n'));
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
        // Killed once about a third is recorded, and the queue file (saved every 2 s) names the partial file.
        QVERIFY(waitUntil([&] { return keptInStateFile(folder) >= ObjectSize / 4 && QFile::exists(queueFile); }, 60000));
        QVERIFY(waitUntil([&] { return fileContent(queueFile).contains("partialToken"); }, 10000));
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        const qint64 kept = keptInStateFile(folder);
        QVERIFY2(kept >= ObjectSize / 4 && kept < ObjectSize, qPrintable(QString::number(kept)));
        qInfo("killed with %lld of %lld bytes recorded as kept", kept, ObjectSize);

        // The app starts again: the transfer comes back paused, with its size and a part done.
        m_proxy->clearFaults();
        m_proxy->resetCounters();
        TransferQueue restored(proxySettings(), {1, 2});
        restored.setPersistencePath(queueFile);
        const Result<int> count = restored.restore();
        QVERIFY(count);
        QCOMPARE(*count, 1);
        const TransferId id = restored.snapshots().first().id;
        QCOMPARE(restored.snapshot(id).state, TransferState::Paused);
        QCOMPARE(restored.snapshot(id).bytesTotal, ObjectSize);
        QVERIFY(restored.snapshot(id).bytesDone > 0 && restored.snapshot(id).bytesDone <= kept);

        restored.resume(id);
        QVERIFY(waitUntil([&] { return restored.snapshot(id).bytesDone >= kept; }, 60000));
        QVERIFY(waitUntil([&] { return isFinalState(restored.snapshot(id).state); }, 120000));
        QVERIFY2(restored.snapshot(id).state == TransferState::Succeeded, qPrintable(restored.snapshot(id).lastError.toString()));
        QVERIFY(fileContent(target) == data);
        // Only the rest came over the wire the second time (plus a HEAD and the answers' headers).
        const qint64 fetched = m_proxy->bytesDown();
        qInfo("fetched %lld bytes after the restart (%lld were not kept)", fetched, ObjectSize - kept);
        QVERIFY2(fetched >= ObjectSize - kept && fetched < ObjectSize - kept + 64 * 1024,
                 qPrintable(u"%1 bytes fetched, %2 missing"_s.arg(fetched).arg(ObjectSize - kept)));
        QCOMPARE(ownDownloadFilesIn(folder), QStringList());
    }

    void pauseKeepsTheBytesAndAChangedObjectStartsOver()
    {
        const QString key = u"paused/30MiB.bin"_s;
        QVERIFY(!putObject(key, 11).isEmpty());
        const QString folder = m_dir.filePath(u"paused"_s);
        QVERIFY(QDir().mkpath(folder));
        const QString target = folder + u"/30MiB.bin"_s;

        m_proxy->setRateBytesPerSecond(Rate);
        TransferQueue queue(proxySettings(), {1, 2});
        const TransferId id = queue.enqueueDownload(m_bucket, key, target); // one range: below the part size
        QVERIFY(waitUntil([&] { return queue.snapshot(id).bytesDone >= 6 * 1024 * 1024; }, 60000));
        queue.pause(id);
        // The pause records what was written: the next run (and the next process) starts there.
        QVERIFY(waitUntil([&] { return keptInStateFile(folder) == queue.snapshot(id).bytesDone; }, 10000));
        const qint64 kept = keptInStateFile(folder);
        QCOMPARE(queue.snapshot(id).state, TransferState::Paused);
        QVERIFY(queue.snapshot(id).bytesDone >= kept);

        // Meanwhile the object changes: the bytes kept belong to the old version and are not used.
        const QByteArray newer = putObject(key, 12);
        QVERIFY(!newer.isEmpty());
        m_proxy->clearFaults();
        m_proxy->resetCounters();
        queue.resume(id);
        QCOMPARE(queue.snapshot(id).bytesDone, kept); // what is on disk, shown before anything is fetched
        QVERIFY(queue.snapshot(id).note.startsWith(u"resuming at "_s));
        QVERIFY(waitUntil([&] { return queue.snapshot(id).note.contains(u"changed on the server"_s); }, 30000));
        QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(id).state); }, 120000));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(queue.snapshot(id).lastError.toString()));
        QVERIFY(fileContent(target) == newer);
        QVERIFY(m_proxy->bytesDown() >= ObjectSize);
        QCOMPARE(ownDownloadFilesIn(folder), QStringList());
    }

    void pauseAndResumeFetchesOnlyTheRest()
    {
        const QString key = u"again/30MiB.bin"_s;
        const QByteArray data = putObject(key, 13);
        QVERIFY(!data.isEmpty());
        const QString folder = m_dir.filePath(u"again"_s);
        QVERIFY(QDir().mkpath(folder));
        const QString target = folder + u"/30MiB.bin"_s;

        m_proxy->setRateBytesPerSecond(Rate);
        TransferQueue queue(proxySettings(), {1, 2});
        DownloadOptions options;
        options.partSize = 8 * 1024 * 1024; // several ranges, each resumed inside
        options.maxRangesInFlight = 2;
        const TransferId id = queue.enqueueDownload(m_bucket, key, target, options);
        QVERIFY(waitUntil([&] { return queue.snapshot(id).bytesDone >= 10 * 1024 * 1024; }, 60000));
        queue.pause(id);
        QVERIFY(waitUntil([&] { return keptInStateFile(folder) == queue.snapshot(id).bytesDone; }, 10000));
        const qint64 kept = keptInStateFile(folder);
        m_proxy->clearFaults();
        m_proxy->resetCounters();
        queue.resume(id);
        QVERIFY(queue.snapshot(id).note.startsWith(u"resuming at "_s));
        QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(id).state); }, 120000));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(queue.snapshot(id).lastError.toString()));
        QVERIFY(fileContent(target) == data);
        QVERIFY2(m_proxy->bytesDown() < ObjectSize - kept + 64 * 1024,
                 qPrintable(u"%1 bytes fetched after the pause, %2 were missing"_s.arg(m_proxy->bytesDown()).arg(ObjectSize - kept)));
        QCOMPARE(queue.snapshot(id).note, QString());
    }

    void cleanupTestCase()
    {
        if (m_proxy)
            m_proxy->stop();
        if (!m_client)
            return;
        const S3Error removed = removeTestBucket(m_client.get(), m_bucket);
        QVERIFY2(!removed.isError(), qPrintable(removed.toString()));
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(ChildVariable))
        return runChild();
    QTEST_SET_MAIN_SOURCE_PATH
    int failures = 0;
    for (const bool curl : {true, false}) {
        qInfo("=== bulk data on %s ===", curl ? "libcurl" : "Qt's HTTP stack");
        TestLiveResume test(curl);
        failures += QTest::qExec(&test, argc, argv);
    }
    return failures;
}

#include "tst_live_resume.moc"
