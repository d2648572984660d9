// SPDX-License-Identifier: Apache-2.0
// Streams of unknown length up (multipart as they arrive, bounded memory), and downloads streamed into a device.
#include <cstring>

#include <QBuffer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include "fakes3server.h"
#include "livetest.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/net/curlhttp.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/partplanner.h"
#include "s3core/transfer/streamupload.h"

using namespace s3;

/** A pipe-like device: sequential, delivers its data in slices on a timer, then ends. */
class TrickleDevice final : public QIODevice
{
public:
    TrickleDevice(QByteArray data, qint64 slice) : m_data(std::move(data)), m_slice(slice)
    {
        open(QIODevice::ReadOnly);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_available = std::min<qint64>(m_data.size(), m_available + m_slice);
            if (m_available == m_data.size()) {
                m_timer.stop();
                Q_EMIT readyRead();
                Q_EMIT readChannelFinished();
                return;
            }
            Q_EMIT readyRead();
        });
        m_timer.start(1);
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_available - m_position + QIODevice::bytesAvailable(); }
    qint64 maxPosition() const { return m_position; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min(maxSize, m_available - m_position);
        if (n <= 0)
            return m_available == m_data.size() ? -1 : 0;
        std::memcpy(data, m_data.constData() + m_position, size_t(n));
        m_position += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_slice;
    qint64 m_available = 0;
    qint64 m_position = 0;
    QTimer m_timer;
};

class TestStreamUpload : public QObject
{
    Q_OBJECT

    FakeS3Server m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_server.createBucket(QStringLiteral("bucket"));
        m_client = fakeServerClient(&m_network, m_server.endpointUrl());
    }

    void init()
    {
        m_server.clearLog();
        m_server.clearFaults();
        m_server.resetStatistics();
    }

    void streams_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QString>("expectedOperation");
        QTest::addColumn<int>("parts");
        QTest::addColumn<bool>("curl");
        for (const bool curl : {false, true}) {
            const char *path = curl ? "libcurl" : "Qt";
            QTest::addRow("empty: one PUT, %s", path) << qint64(0) << QStringLiteral("PutObject") << 0 << curl;
            QTest::addRow("small: one PUT, %s", path) << qint64(1000) << QStringLiteral("PutObject") << 0 << curl;
            QTest::addRow("exactly one part, %s", path) << qint64(5 * MiB) << QStringLiteral("CompleteMultipartUpload") << 1 << curl;
            QTest::addRow("several parts, %s", path) << qint64(23 * MiB + 5) << QStringLiteral("CompleteMultipartUpload") << 5 << curl;
        }
    }

    void streams()
    {
        QFETCH(qint64, size);
        QFETCH(QString, expectedOperation);
        QFETCH(int, parts);
        QFETCH(bool, curl);
        CurlHttpPool pool;
        m_client->setCurlHttp(curl ? &pool : nullptr);
        const auto noCurlAfterwards = qScopeGuard([this] { m_client->setCurlHttp(nullptr); });
        const QByteArray data = randomBytes(size, quint32(size));
        TrickleDevice device(data, 700 * 1024);
        StreamUploadJob job(m_client.get(), QStringLiteral("bucket"), QStringLiteral("stream.bin"), &device);
        job.setAutoDelete(false);
        job.setPartSize(5 * MiB);
        job.setMaxPartsInFlight(2);
        QVERIFY(runJob(job, 30000));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QCOMPARE(m_server.count(expectedOperation), 1);
        QCOMPARE(m_server.count(QStringLiteral("UploadPart")), parts);
        QCOMPARE(m_server.object(QStringLiteral("bucket"), QStringLiteral("stream.bin"))->data, data);
        QVERIFY(m_server.maxConcurrentRequests() <= 3); // 2 parts + the Create/Complete at most
        QCOMPARE(job.bytesRead(), size);
        // Only the parts are bulk data; the single PUT of a short stream and the control requests stay on Qt.
        QCOMPARE(pool.stats().requestsSent, curl ? parts : 0);
    }

    void readingWaitsForFreeParts()
    {
        // The stream is all there at once; with 1 part in flight, reading must wait: bounded memory.
        const QByteArray data = randomBytes(30 * MiB, 3);
        QBuffer buffer;
        buffer.setData(data);
        buffer.open(QIODevice::ReadOnly);
        FakeS3Fault slow;
        slow.operation = QStringLiteral("UploadPart");
        slow.delayMs = 100;
        slow.times = -1;
        m_server.addFault(slow);
        StreamUploadJob job(m_client.get(), QStringLiteral("bucket"), QStringLiteral("bounded.bin"), &buffer);
        job.setAutoDelete(false);
        job.setPartSize(5 * MiB);
        job.setMaxPartsInFlight(1);
        qint64 maxAhead = 0;
        connect(&job, &StreamUploadJob::progressChanged, this, [&](qint64 read) {
            qint64 stored = 0;
            for (const FakeS3MultipartUpload &upload : m_server.multipartUploads(QStringLiteral("bucket"))) {
                for (const FakeS3Part &part : upload.parts)
                    stored += part.size();
            }
            maxAhead = std::max(maxAhead, read - stored);
        });
        QVERIFY(runJob(job, 30000));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QCOMPARE(m_server.object(QStringLiteral("bucket"), QStringLiteral("bounded.bin"))->data, data);
        QVERIFY2(maxAhead <= 2 * 5 * MiB, qPrintable(QString::number(maxAhead))); // one part in flight + one being filled
    }

    void failureAbortsTheUpload()
    {
        FakeS3Fault denied;
        denied.operation = QStringLiteral("UploadPart");
        denied.status = 403;
        denied.code = QStringLiteral("AccessDenied");
        denied.times = -1;
        m_server.addFault(denied);
        TrickleDevice device(randomBytes(12 * MiB, 4), MiB);
        StreamUploadJob job(m_client.get(), QStringLiteral("bucket"), QStringLiteral("denied.bin"), &device);
        job.setAutoDelete(false);
        job.setPartSize(5 * MiB);
        QVERIFY(runJob(job, 30000));
        QCOMPARE(job.error().code(), QStringLiteral("AccessDenied"));
        QVERIFY(waitUntil([&] { return m_server.multipartUploads(QStringLiteral("bucket")).isEmpty(); }, 5000));
        QCOMPARE(m_server.count(QStringLiteral("AbortMultipartUpload")), 1);
    }

    void cancelAbortsTheUpload()
    {
        FakeS3Fault slow;
        slow.operation = QStringLiteral("UploadPart");
        slow.delayMs = 300;
        slow.times = -1;
        m_server.addFault(slow);
        TrickleDevice device(randomBytes(20 * MiB, 5), MiB);
        auto *job = new StreamUploadJob(m_client.get(), QStringLiteral("bucket"), QStringLiteral("cancelled.bin"), &device);
        job->setPartSize(5 * MiB);
        job->start();
        QVERIFY(waitUntil([&] { return m_server.count(QStringLiteral("UploadPart")) >= 1; }, 10000));
        job->cancel(); // the job deletes itself; the abort must still reach the server
        QVERIFY(waitUntil([&] { return m_server.count(QStringLiteral("AbortMultipartUpload")) == 1; }, 5000));
        QVERIFY(waitUntil([&] { return m_server.multipartUploads(QStringLiteral("bucket")).isEmpty(); }, 5000));
    }

    void downloadIntoADeviceIsNotRetriedAfterBytesWentOut()
    {
        const QByteArray data = randomBytes(3 * MiB, 6);
        m_server.putObject(QStringLiteral("bucket"), QStringLiteral("sink.bin"), data);
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        GetObjectJob job(m_client.get(), QStringLiteral("bucket"), QStringLiteral("sink.bin"));
        job.setAutoDelete(false);
        job.setSink(&sink);
        QVERIFY(runJob(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QCOMPARE(sink.data(), data);

        FakeS3Fault reset;
        reset.operation = QStringLiteral("GetObject");
        reset.resetAfterBytes = 100000;
        reset.times = -1;
        m_server.addFault(reset);
        QBuffer partial;
        partial.open(QIODevice::WriteOnly);
        GetObjectJob broken(m_client.get(), QStringLiteral("bucket"), QStringLiteral("sink.bin"));
        broken.setAutoDelete(false);
        broken.setSink(&partial);
        QVERIFY(runJob(broken));
        QVERIFY(broken.hasError());
        QCOMPARE(broken.attempts(), 1); // bytes already went out: sending again would duplicate them
        QVERIFY(partial.data().size() < data.size());
    }
};

QTEST_GUILESS_MAIN(TestStreamUpload)
#include "tst_streamupload.moc"
