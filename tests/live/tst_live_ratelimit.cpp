// SPDX-License-Identifier: Apache-2.0
// The bandwidth limit against the real Ceph RGW: s3desk-cli put/get with --limit-rate 2M take the time the
// limit says (10 MiB in two 5 MiB parts on two connections at once: the limit holds across connections) and
// move the bytes unchanged; a limit on one direction leaves the other alone; and a limit lifted while a
// download runs (TransferQueue::setRateLimits, as the app does) lets it finish at full speed. A stream from
// standard input (put -) is held to the limit too.
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
#include "livetest.h"
#include "s3core/ops/bucketjobs.h"
#include "s3core/transfer/transferqueue.h"

using namespace Qt::Literals::StringLiterals;
using namespace s3;

namespace {
constexpr qint64 Size = 10 * MiB;     // two 5 MiB parts
constexpr qint64 Limit = 2 * MiB;     // --limit-rate 2M
constexpr qint64 ExpectedMs = 1000 * Size / Limit;
// At least 10 % under the limit's time would mean the limit does not hold; the upper bound only proves that
// nothing stalls (the server's own work and the process start come on top of the limit's time).
constexpr qint64 MinMs = ExpectedMs * 9 / 10;
constexpr qint64 MaxMs = ExpectedMs * 8 / 5;
} // namespace

class TestLiveRateLimit : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QTemporaryDir m_home;
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_bucket;
    QByteArray m_data;
    QString m_source;

    ProcessOutcome cli(const QStringList &arguments, qint64 *elapsedMs = nullptr)
    {
        QElapsedTimer timer;
        timer.start();
        ProcessOutcome outcome = runProgram(cliPath(), QStringList{u"--endpoint-url"_s, m_server.endpoint} + arguments, m_env, 60000);
        if (elapsedMs)
            *elapsedMs = timer.elapsed();
        return outcome;
    }

    QString uri(const QString &key) const { return u"s3://%1/%2"_s.arg(m_bucket, key); }

    QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), "S3DESK_CLI is not set: run the test through ctest");
        QVERIFY(m_home.isValid() && m_dir.isValid());
        m_env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : m_env.keys()) {
            if (name.startsWith(u"AWS_"_s))
                m_env.remove(name);
        }
        m_env.insert(u"HOME"_s, m_home.path());
        m_env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
        m_env.insert(u"AWS_ACCESS_KEY_ID"_s, m_server.accessKey);
        m_env.insert(u"AWS_SECRET_ACCESS_KEY"_s, m_server.secretKey);
        m_env.insert(u"AWS_DEFAULT_REGION"_s, m_server.region);
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), u"ratelimit-live"_s);
        QVERIFY(!m_bucket.isEmpty());
        m_data = randomBytes(Size, 14);
        m_source = m_dir.filePath(u"source.bin"_s);
        QFile file(m_source);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(m_data) == m_data.size());
    }

    void cleanupTestCase()
    {
        if (!m_bucket.isEmpty())
            QVERIFY2(!removeTestBucket(m_client.get(), m_bucket).isError(), "the test bucket could not be removed");
    }

    void uploadAtTheLimit()
    {
        qint64 elapsed = 0;
        const ProcessOutcome r = cli({u"put"_s, m_source, uri(u"limited.bin"_s), u"--part-size"_s, u"5M"_s, u"--limit-rate"_s, u"2M"_s}, &elapsed);
        QVERIFY2(r.ok(), r.describe().constData());
        qInfo("put of %lld MiB at --limit-rate 2M: %lld ms (limit's time %lld ms)", Size / MiB, elapsed, ExpectedMs);
        QVERIFY2(elapsed >= MinMs && elapsed <= MaxMs, qPrintable(u"put took %1 ms; expected %2 ... %3 ms"_s.arg(elapsed).arg(MinMs).arg(MaxMs)));
    }

    void downloadAtTheLimit()
    {
        const QString target = m_dir.filePath(u"limited.down"_s);
        qint64 elapsed = 0;
        const ProcessOutcome r = cli({u"get"_s, uri(u"limited.bin"_s), target, u"--part-size"_s, u"5M"_s, u"--limit-rate"_s, u"2M"_s}, &elapsed);
        QVERIFY2(r.ok(), r.describe().constData());
        qInfo("get of %lld MiB at --limit-rate 2M: %lld ms (limit's time %lld ms)", Size / MiB, elapsed, ExpectedMs);
        QVERIFY2(elapsed >= MinMs && elapsed <= MaxMs, qPrintable(u"get took %1 ms; expected %2 ... %3 ms"_s.arg(elapsed).arg(MinMs).arg(MaxMs)));
        QVERIFY(readFile(target) == m_data);
    }

    // A stream of unknown length (put -): its parts go through the same libcurl pool, under the same limit.
    void streamUploadAtTheLimit()
    {
        QElapsedTimer timer;
        timer.start();
        ProcessHooks hooks;
        hooks.beforeStart = [this](QProcess &process) { process.setStandardInputFile(m_source); };
        const ProcessOutcome r = runProgram(cliPath(),
                                            {u"--endpoint-url"_s, m_server.endpoint, u"put"_s, u"-"_s, uri(u"streamed.bin"_s),
                                             u"--part-size"_s, u"5M"_s, u"--limit-rate"_s, u"2M"_s},
                                            m_env, 60000, hooks);
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(r.ok(), r.describe().constData());
        qInfo("put - of %lld MiB at --limit-rate 2M: %lld ms (limit's time %lld ms)", Size / MiB, elapsed, ExpectedMs);
        QVERIFY2(elapsed >= MinMs && elapsed <= MaxMs, qPrintable(u"put - took %1 ms; expected %2 ... %3 ms"_s.arg(elapsed).arg(MinMs).arg(MaxMs)));
        const QString target = m_dir.filePath(u"streamed.down"_s);
        const ProcessOutcome down = cli({u"get"_s, uri(u"streamed.bin"_s), target});
        QVERIFY2(down.ok(), down.describe().constData());
        QVERIFY(readFile(target) == m_data);
    }

    void uploadLimitLeavesDownloadsAlone()
    {
        const QString target = m_dir.filePath(u"unlimited.down"_s);
        qint64 elapsed = 0;
        const ProcessOutcome r = cli({u"get"_s, uri(u"limited.bin"_s), target, u"--part-size"_s, u"5M"_s, u"--limit-upload"_s, u"2M"_s}, &elapsed);
        QVERIFY2(r.ok(), r.describe().constData());
        QVERIFY2(elapsed < MinMs * 3 / 4, qPrintable(u"get with only an upload limit took %1 ms"_s.arg(elapsed)));
        QVERIFY(readFile(target) == m_data);
    }

    // The app's case: the limit changes while a transfer runs. At 1 MiB/s the 10 MiB would take 10 s; lifted after
    // one second, the rest goes at full speed.
    void limitLiftedWhileRunning()
    {
        ClientSettings settings;
        settings.endpoint = m_client->endpoint();
        settings.credentials = m_client->credentialsProvider();
        TransferLimits limits;
        limits.downloadBytesPerSecond = MiB;
        TransferQueue queue(settings, limits);
        DownloadOptions options;
        options.partSize = 5 * MiB;
        const QString target = m_dir.filePath(u"lifted.down"_s);
        QElapsedTimer timer;
        timer.start();
        const TransferId id = queue.enqueueDownload(m_bucket, u"limited.bin"_s, target, options);
        QVERIFY(waitUntil([&] { return timer.elapsed() >= 1000; }, 5000));
        const qint64 doneAtOneSecond = queue.snapshot(id).bytesDone;
        QVERIFY2(doneAtOneSecond <= 2 * MiB, qPrintable(u"%1 bytes in the first second at 1 MiB/s"_s.arg(doneAtOneSecond)));
        queue.setRateLimits(0, 0);
        QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(id).state); }, 30000));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(queue.snapshot(id).lastError.toString()));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(u"took %1 ms after the limit was lifted at 1 s"_s.arg(timer.elapsed())));
        QVERIFY(readFile(target) == m_data);
    }
};

QTEST_GUILESS_MAIN(TestLiveRateLimit)
#include "tst_live_ratelimit.moc"
