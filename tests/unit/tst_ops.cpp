// SPDX-License-Identifier: Apache-2.0
// Every operation job of s3core against the hermetic FakeS3Server: GetObject (memory, file, ranges,
// conditions, failures that must leave the destination alone), PutObject (data, file, streams, what goes on
// the wire), keys with special characters, DeleteObjects/DeletePrefix/Move, and ListObjects paging.
#include <algorithm>
#include <cstring>
#include <memory>

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QXmlStreamReader>

#include "fakes3server.h"
#include "livetest.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/endpoint.h"
#include "s3core/net/retrypolicy.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/bucketjobs.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/moveprefixjob.h"
#include "s3core/ops/objectjobs.h"

using namespace s3;
using Kind = S3Error::Kind;

namespace {

const QString Bucket = QStringLiteral("bucket");

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray md5Base64(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Md5).toBase64();
}

QByteArray quotedMd5(const QByteArray &data)
{
    return '"' + QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex() + '"';
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("<unreadable>");
    return file.readAll();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QList<FakeS3Request> requestsFor(const FakeS3Server &server, const QString &operation)
{
    QList<FakeS3Request> result;
    for (const FakeS3Request &request : server.requests()) {
        if (request.operation == operation)
            result.append(request);
    }
    return result;
}

QStringList xmlKeys(const QByteArray &xml)
{
    QStringList keys;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == QLatin1String("Key"))
            keys.append(reader.readElementText());
    }
    return keys;
}

/**
 * A pipe-like sequential device: after begin(), one chunk arrives per timer tick (readyRead), then the
 * stream ends (readChannelFinished, atEnd()).
 */
class ChunkedPipe final : public QIODevice
{
    Q_OBJECT
public:
    explicit ChunkedPipe(QList<QByteArray> chunks, QObject *parent = nullptr)
        : QIODevice(parent)
        , m_chunks(std::move(chunks))
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, &ChunkedPipe::deliver);
    }
    void begin() { m_timer.start(); }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_buffer.size() + QIODevice::bytesAvailable(); }
    bool atEnd() const override { return m_ended && m_buffer.isEmpty(); }
    bool hasEnded() const { return m_ended; }
    int deliveries() const { return m_deliveries; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_buffer.isEmpty())
            return m_ended ? -1 : 0;
        const qint64 n = std::min<qint64>(maxSize, m_buffer.size());
        std::memcpy(data, m_buffer.constData(), size_t(n));
        m_buffer.remove(0, n);
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    void deliver()
    {
        if (m_chunks.isEmpty()) {
            m_timer.stop();
            m_ended = true;
            Q_EMIT readChannelFinished();
            return;
        }
        m_buffer += m_chunks.takeFirst();
        ++m_deliveries;
        Q_EMIT readyRead();
    }

    QList<QByteArray> m_chunks;
    QByteArray m_buffer;
    QTimer m_timer;
    bool m_ended = false;
    int m_deliveries = 0;
};

/** A sequential stream that claims `total` bytes and produces them lazily, only when read. */
class LazyStream final : public QIODevice
{
    Q_OBJECT
public:
    explicit LazyStream(qint64 total, QObject *parent = nullptr)
        : QIODevice(parent)
        , m_total(total)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_total - m_produced; }
    bool atEnd() const override { return m_produced >= m_total; }
    qint64 produced() const { return m_produced; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min(maxSize, m_total - m_produced);
        if (n <= 0)
            return -1;
        std::memset(data, 'z', size_t(n));
        m_produced += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_total;
    qint64 m_produced = 0;
};

} // namespace

class tst_Ops : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    // GetObject
    void getToMemory();
    void getToFile();
    void getFailureLeavesDestination_data();
    void getFailureLeavesDestination();
    void truncatedBodyIsNeverSuccess_data();
    void truncatedBodyIsNeverSuccess();
    void getEmptyObject();
    void getRangeAndIfMatch();
    void getIfMatchMismatchToFile();
    void getMaxMemoryExceeded();
    void getToBadDestination();

    // PutObject
    void putFromData();
    void putRequestShape_data();
    void putRequestShape();
    void putFromFile();
    void putEmptyFile();
    void putMissingFile();
    void putFromChunkedStream();
    void putFromNonSequentialStream();
    void putFromEmptyStream();
    void putStreamOverLimitIsRefused();

    // keys
    void specialKeysRoundTrip_data();
    void specialKeysRoundTrip();
    void dotSegmentsRefused();

    // delete, move
    void deleteObjectsInBatches();
    void deleteObjectsPerKeyErrors();
    void deleteObjectsControlCharacterKey();
    void deleteObjectsRequestFailure();
    void deletePrefix();
    void deletePrefixRefusesEmptyPrefix();
    void deletePrefixCancel();
    void moveObject();
    void moveCopyFailureKeepsSource();
    void movePrefixHandsLargeObjectsOff();

    // list
    void listWithDelimiterPages();
    void listEmptyTruncatedPageContinues();
    void listTruncatedWithoutTokenFails();
    void listCancelDuringSecondPage();
    void listCancelFromPageSlot();
    void listMaxItems();
    void bucketJobs();

private:
    std::unique_ptr<FakeS3Server> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<S3Client> m_client;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_Ops::init()
{
    m_server = std::make_unique<FakeS3Server>();
    QVERIFY(m_server->start());
    m_server->createBucket(Bucket);
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_client = fakeServerClient(m_nam.get(), m_server->endpointUrl(), 3000);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_Ops::cleanup()
{
    m_client.reset();
    m_nam.reset();
    m_server.reset();
    m_dir.reset();
}

// --- GetObject ---------------------------------------------------------------------------------------------

void tst_Ops::getToMemory()
{
    const QByteArray content = randomBytes(50000, 2);
    m_server->putObject(Bucket, QStringLiteral("a/b.txt"), content, QStringLiteral("text/plain"),
                        {{QStringLiteral("owner"), QStringLiteral("alice")}});
    GetObjectJob job(m_client.get(), Bucket, QStringLiteral("a/b.txt"));
    job.setAutoDelete(false);
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    QVERIFY(job.data() == content);
    QCOMPARE(job.bytesReceived(), qint64(content.size()));
    QCOMPARE(job.metadata().size, qint64(content.size()));
    QCOMPARE(job.metadata().etag.toLatin1(), quotedMd5(content));
    QCOMPARE(job.metadata().contentType, QStringLiteral("text/plain"));
    QCOMPARE(job.metadata().userMetadata.value(QStringLiteral("owner")), QStringLiteral("alice"));
    QVERIFY(job.metadata().lastModified.isValid());
}

void tst_Ops::getToFile()
{
    const QByteArray content = randomBytes(3 * 1024 * 1024 + 17, 3);
    m_server->putObject(Bucket, QStringLiteral("big.bin"), content);
    const QString destination = m_dir->filePath(QStringLiteral("big.bin"));
    QVERIFY(writeFile(destination, QByteArrayLiteral("old content"))); // replaced on success

    GetObjectJob job(m_client.get(), Bucket, QStringLiteral("big.bin"));
    job.setAutoDelete(false);
    job.setDestinationFile(destination);
    QSignalSpy progress(&job, &S3Job::downloadProgress);
    QVERIFY(runJob(job, 4000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    QVERIFY(job.data().isEmpty()); // nothing kept in memory
    QCOMPARE(job.bytesReceived(), qint64(content.size()));
    QVERIFY(readFile(destination) == content);
    QVERIFY(!QFile::exists(GetObjectJob::partialFileName(destination)));
    QCOMPARE(GetObjectJob::partialFileName(destination), destination + QStringLiteral(".s3desk-part"));
    QVERIFY(progress.count() >= 1);
    QCOMPARE(m_dir->path(), QFileInfo(destination).absolutePath());
}

void tst_Ops::getFailureLeavesDestination_data()
{
    QTest::addColumn<QString>("failure");
    QTest::newRow("404") << QStringLiteral("404");
    QTest::newRow("reset mid-body, every attempt") << QStringLiteral("reset");
    QTest::newRow("hang mid-request") << QStringLiteral("hang");
    QTest::newRow("cancel mid-body") << QStringLiteral("cancel");
}

void tst_Ops::getFailureLeavesDestination()
{
    QFETCH(QString, failure);
    const QByteArray content = randomBytes(2 * 1024 * 1024, 4);
    m_server->putObject(Bucket, QStringLiteral("obj"), content);
    const QString destination = m_dir->filePath(QStringLiteral("dest.bin"));
    const QByteArray old = QByteArrayLiteral("the previous version of the file");
    QVERIFY(writeFile(destination, old));

    QString key = QStringLiteral("obj");
    FakeS3Fault fault;
    fault.operation = QStringLiteral("GetObject");
    fault.times = -1;
    if (failure == QLatin1String("404")) {
        key = QStringLiteral("missing");
    } else if (failure == QLatin1String("reset")) {
        fault.resetAfterBytes = 300000;
        m_server->addFault(fault);
    } else if (failure == QLatin1String("hang")) {
        fault.hang = true;
        m_server->addFault(fault);
        m_client->setTransferTimeoutMs(300);
    } else {
        fault.delayMs = 3000; // the body never comes in time: the test cancels first
        m_server->addFault(fault);
    }

    GetObjectJob job(m_client.get(), Bucket, key);
    job.setAutoDelete(false);
    job.setDestinationFile(destination);
    job.setRetryPolicy(fastRetries(3));
    if (failure == QLatin1String("cancel")) {
        QSignalSpy received(m_server.get(), &FakeS3Server::requestReceived);
        job.start();
        QVERIFY(received.wait(3000));
        job.cancel();
    } else {
        QVERIFY(runJob(job, 4000));
    }
    QVERIFY(job.isFinished());
    QVERIFY(job.hasError());
    if (failure == QLatin1String("404")) {
        QCOMPARE(job.error().code(), QStringLiteral("NoSuchKey"));
        QCOMPARE(job.attempts(), 1);
    } else if (failure == QLatin1String("reset")) {
        QCOMPARE(job.error().kind(), Kind::Network);
        QCOMPARE(job.attempts(), 3);
    } else if (failure == QLatin1String("hang")) {
        QCOMPARE(job.error().kind(), Kind::Timeout);
    } else {
        QCOMPARE(job.error().kind(), Kind::Cancelled);
    }
    QVERIFY(readFile(destination) == old);
    QVERIFY(!QFile::exists(GetObjectJob::partialFileName(destination)));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList{QStringLiteral("dest.bin")});
}

void tst_Ops::truncatedBodyIsNeverSuccess_data()
{
    QTest::addColumn<bool>("toFile");
    QTest::newRow("memory") << false;
    QTest::newRow("file") << true;
}

void tst_Ops::truncatedBodyIsNeverSuccess()
{
    QFETCH(bool, toFile);
    const QByteArray content = randomBytes(1024 * 1024, 5);
    m_server->putObject(Bucket, QStringLiteral("obj"), content);
    FakeS3Fault fault;
    fault.operation = QStringLiteral("GetObject");
    fault.resetAfterBytes = 100000; // Content-Length says 1 MiB
    fault.times = -1;
    m_server->addFault(fault);
    const QString destination = m_dir->filePath(QStringLiteral("t.bin"));

    for (int round = 0; round < 3; ++round) {
        GetObjectJob job(m_client.get(), Bucket, QStringLiteral("obj"));
        job.setAutoDelete(false);
        job.setRetryPolicy(RetryPolicy::none());
        if (toFile)
            job.setDestinationFile(destination);
        QVERIFY(runJob(job, 4000));
        QVERIFY2(job.hasError(), "a truncated body was reported as a success");
        QCOMPARE(job.error().kind(), Kind::Network);
        QVERIFY(!QFile::exists(destination));
        QVERIFY(!QFile::exists(GetObjectJob::partialFileName(destination)));
    }
}

void tst_Ops::getEmptyObject()
{
    m_server->putObject(Bucket, QStringLiteral("empty"), QByteArray());
    const QString destination = m_dir->filePath(QStringLiteral("empty.out"));
    GetObjectJob toFile(m_client.get(), Bucket, QStringLiteral("empty"));
    toFile.setAutoDelete(false);
    toFile.setDestinationFile(destination);
    QVERIFY(runJob(toFile, 3000));
    QVERIFY2(!toFile.hasError(), qPrintable(toFile.error().toString()));
    QVERIFY(QFile::exists(destination));
    QCOMPARE(QFileInfo(destination).size(), qint64(0));
    QVERIFY(!QFile::exists(GetObjectJob::partialFileName(destination)));

    GetObjectJob toMemory(m_client.get(), Bucket, QStringLiteral("empty"));
    toMemory.setAutoDelete(false);
    QVERIFY(runJob(toMemory, 3000));
    QVERIFY(!toMemory.hasError());
    QVERIFY(toMemory.data().isEmpty());
    QCOMPARE(toMemory.metadata().size, qint64(0));
}

void tst_Ops::getRangeAndIfMatch()
{
    const QByteArray content = randomBytes(10000, 6);
    m_server->putObject(Bucket, QStringLiteral("r"), content);
    const QString etag = QString::fromLatin1(quotedMd5(content));

    GetObjectJob range(m_client.get(), Bucket, QStringLiteral("r"));
    range.setAutoDelete(false);
    GetObjectOptions options;
    options.rangeFirst = 100;
    options.rangeLast = 1099;
    options.ifMatch = etag;
    range.setOptions(options);
    QVERIFY(runJob(range, 3000));
    QVERIFY2(!range.hasError(), qPrintable(range.error().toString()));
    QCOMPARE(range.httpStatus(), 206);
    QVERIFY(range.data() == content.mid(100, 1000));
    QCOMPARE(range.metadata().size, qint64(10000)); // the whole object, from Content-Range
    QCOMPARE(range.metadata().etag, etag);
    FakeS3Request sent = m_server->requests().last();
    QCOMPARE(sent.header("range"), QByteArray("bytes=100-1099"));
    QCOMPARE(sent.header("if-match"), etag.toLatin1());

    GetObjectJob tail(m_client.get(), Bucket, QStringLiteral("r"));
    tail.setAutoDelete(false);
    GetObjectOptions open;
    open.rangeFirst = 9990;
    tail.setOptions(open);
    QVERIFY(runJob(tail, 3000));
    QVERIFY(!tail.hasError());
    QVERIFY(tail.data() == content.mid(9990));
    QCOMPARE(m_server->requests().last().header("range"), QByteArray("bytes=9990-"));

    GetObjectJob modified(m_client.get(), Bucket, QStringLiteral("r"));
    modified.setAutoDelete(false);
    modified.setRetryPolicy(fastRetries(4));
    options.ifMatch = QStringLiteral("\"0123456789abcdef0123456789abcdef\"");
    modified.setOptions(options);
    QVERIFY(runJob(modified, 3000));
    QVERIFY(modified.hasError());
    QCOMPARE(modified.error().httpStatus(), 412);
    QCOMPARE(modified.error().code(), QStringLiteral("PreconditionFailed"));
    QCOMPARE(modified.attempts(), 1);
    QVERIFY(modified.data().isEmpty());
}

void tst_Ops::getIfMatchMismatchToFile()
{
    const QByteArray content = randomBytes(10000, 6);
    m_server->putObject(Bucket, QStringLiteral("r"), content);
    const QString destination = m_dir->filePath(QStringLiteral("r.bin"));
    GetObjectJob job(m_client.get(), Bucket, QStringLiteral("r"));
    job.setAutoDelete(false);
    GetObjectOptions options;
    options.ifMatch = QStringLiteral("\"stale\"");
    job.setOptions(options);
    job.setDestinationFile(destination);
    QVERIFY(runJob(job, 3000));
    QCOMPARE(job.error().code(), QStringLiteral("PreconditionFailed"));
    QVERIFY(!QFile::exists(destination));
    QVERIFY(!QFile::exists(GetObjectJob::partialFileName(destination)));
}

void tst_Ops::getMaxMemoryExceeded()
{
    m_server->putObject(Bucket, QStringLiteral("big"), randomBytes(200000, 7));
    GetObjectJob job(m_client.get(), Bucket, QStringLiteral("big"));
    job.setAutoDelete(false);
    job.setRetryPolicy(fastRetries(4));
    job.setMaxMemoryBytes(50000);
    QVERIFY(runJob(job, 3000));
    QVERIFY(job.hasError());
    QCOMPARE(job.error().kind(), Kind::Invalid);
    QVERIFY2(job.error().message().contains(QStringLiteral("larger than")), qPrintable(job.error().message()));
    QCOMPARE(job.attempts(), 1);
    QVERIFY(job.data().isEmpty());
}

void tst_Ops::getToBadDestination()
{
    m_server->putObject(Bucket, QStringLiteral("k"), QByteArrayLiteral("data"));
    GetObjectJob toDir(m_client.get(), Bucket, QStringLiteral("k"));
    toDir.setAutoDelete(false);
    toDir.setDestinationFile(m_dir->path());
    QVERIFY(runJob(toDir, 3000));
    QCOMPARE(toDir.error().kind(), Kind::Io);

    const QString inMissingFolder = m_dir->filePath(QStringLiteral("no/such/folder/k"));
    GetObjectJob missing(m_client.get(), Bucket, QStringLiteral("k"));
    missing.setAutoDelete(false);
    missing.setDestinationFile(inMissingFolder);
    QVERIFY(runJob(missing, 3000));
    QCOMPARE(missing.error().kind(), Kind::Io);
    QVERIFY2(missing.error().message().contains(m_dir->filePath(QStringLiteral("no/such/folder"))),
             qPrintable(missing.error().message()));
    QCOMPARE(m_server->count(QStringLiteral("GetObject")), 0);
}

// --- PutObject ---------------------------------------------------------------------------------------------

void tst_Ops::putFromData()
{
    const QByteArray content = randomBytes(70000, 8);
    PutObjectJob job(m_client.get(), Bucket, QStringLiteral("up/data.bin"));
    job.setAutoDelete(false);
    job.setData(content);
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    const auto stored = m_server->object(Bucket, QStringLiteral("up/data.bin"));
    QVERIFY(stored.has_value());
    QVERIFY(stored->data == content);
    QCOMPARE(job.etag().toLatin1(), quotedMd5(content));
    QCOMPARE(stored->etag, quotedMd5(content));

    const FakeS3Request sent = m_server->requests().last();
    QCOMPARE(sent.operation, QStringLiteral("PutObject"));
    QCOMPARE(sent.header("x-amz-content-sha256"), sha256Hex(content));
    QCOMPARE(sent.header("content-md5"), md5Base64(content));
    QCOMPARE(sent.header("content-length"), QByteArray::number(content.size()));
    QVERIFY(sent.isSigned());
}

void tst_Ops::putRequestShape_data()
{
    QTest::addColumn<bool>("fromFile");
    QTest::addColumn<QString>("name"); // key, and the local file name for files
    QTest::addColumn<QString>("explicitType");
    QTest::addColumn<QString>("expectedType");

    QTest::newRow("data .json") << false << QStringLiteral("docs/report.json") << QString() << QStringLiteral("application/json");
    QTest::newRow("data .png") << false << QStringLiteral("img/picture.png") << QString() << QStringLiteral("image/png");
    QTest::newRow("data .html") << false << QStringLiteral("index.html") << QString() << QStringLiteral("text/html");
    QTest::newRow("data no extension") << false << QStringLiteral("data/blob") << QString() << QStringLiteral("application/octet-stream");
    QTest::newRow("data unknown extension") << false << QStringLiteral("blob.zzqqxx") << QString()
                                            << QStringLiteral("application/octet-stream");
    QTest::newRow("data explicit type") << false << QStringLiteral("x.json") << QStringLiteral("text/x-custom")
                                        << QStringLiteral("text/x-custom");
    QTest::newRow("file .json") << true << QStringLiteral("config.json") << QString() << QStringLiteral("application/json");
    QTest::newRow("file .png") << true << QStringLiteral("photo.png") << QString() << QStringLiteral("image/png");
    QTest::newRow("file unknown") << true << QStringLiteral("dump.zzqqxx") << QString() << QStringLiteral("application/octet-stream");
}

void tst_Ops::putRequestShape()
{
    QFETCH(bool, fromFile);
    QFETCH(QString, name);
    QFETCH(QString, explicitType);
    QFETCH(QString, expectedType);

    const QByteArray content = randomBytes(4096, 9);
    PutObjectJob job(m_client.get(), Bucket, name);
    job.setAutoDelete(false);
    if (fromFile) {
        const QString path = m_dir->filePath(name);
        QVERIFY(writeFile(path, content));
        job.setFile(path);
    } else {
        job.setData(content);
    }
    ObjectAttributes attributes;
    attributes.contentType = explicitType;
    attributes.cacheControl = QStringLiteral("max-age=60");
    attributes.userMetadata = {{QStringLiteral("Author"), QStringLiteral("alice")}, {QStringLiteral("project"), QStringLiteral("s3desk")}};
    job.setAttributes(attributes);
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));

    const QList<FakeS3Request> puts = requestsFor(*m_server, QStringLiteral("PutObject"));
    QCOMPARE(puts.size(), 1);
    const FakeS3Request &sent = puts.first();
    QVERIFY(sent.body == content);
    QCOMPARE(sent.header("x-amz-content-sha256"), sha256Hex(content));
    QCOMPARE(sent.header("content-md5"), md5Base64(content));
    QCOMPARE(QString::fromLatin1(sent.header("content-type")), expectedType);
    QCOMPARE(sent.header("x-amz-meta-author"), QByteArray("alice"));
    QCOMPARE(sent.header("x-amz-meta-project"), QByteArray("s3desk"));
    QCOMPARE(sent.header("cache-control"), QByteArray("max-age=60"));
    QVERIFY(sent.header("user-agent").startsWith("S3Desk/"));
    QVERIFY(sent.header("authorization").contains("x-amz-content-sha256"));

    const auto stored = m_server->object(Bucket, name);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->contentType, expectedType);
    QCOMPARE(stored->metadata.value(QStringLiteral("author")), QStringLiteral("alice"));
    QCOMPARE(stored->cacheControl, QByteArray("max-age=60"));
}

void tst_Ops::putFromFile()
{
    const QByteArray content = randomBytes(3 * 1024 * 1024, 10);
    const QString path = m_dir->filePath(QStringLiteral("three-mib.bin"));
    QVERIFY(writeFile(path, content));
    PutObjectJob job(m_client.get(), Bucket, QStringLiteral("files/three-mib.bin"));
    job.setAutoDelete(false);
    job.setFile(path);
    QSignalSpy progress(&job, &S3Job::uploadProgress);
    QVERIFY(runJob(job, 4000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    const auto stored = m_server->object(Bucket, QStringLiteral("files/three-mib.bin"));
    QVERIFY(stored.has_value());
    QVERIFY(stored->data == content);
    QCOMPARE(job.etag().toLatin1(), quotedMd5(content));
    const FakeS3Request sent = requestsFor(*m_server, QStringLiteral("PutObject")).first();
    QCOMPARE(sent.header("x-amz-content-sha256"), sha256Hex(content));
    QCOMPARE(sent.header("content-md5"), md5Base64(content));
    QCOMPARE(sent.header("content-length"), QByteArray::number(content.size()));
    qint64 maxSent = 0;
    for (const QList<QVariant> &emission : std::as_const(progress))
        maxSent = std::max(maxSent, emission.at(0).toLongLong());
    QCOMPARE(maxSent, qint64(content.size()));

    // Retried with a fresh body device: the second attempt sends the whole file again.
    FakeS3Fault internal;
    internal.operation = QStringLiteral("PutObject");
    internal.status = 500;
    m_server->addFault(internal);
    m_server->clearLog();
    PutObjectJob again(m_client.get(), Bucket, QStringLiteral("files/again.bin"));
    again.setAutoDelete(false);
    again.setRetryPolicy(fastRetries(3));
    again.setFile(path);
    QVERIFY(runJob(again, 4000));
    QVERIFY2(!again.hasError(), qPrintable(again.error().toString()));
    QCOMPARE(again.attempts(), 2);
    QVERIFY(m_server->object(Bucket, QStringLiteral("files/again.bin"))->data == content);
}

void tst_Ops::putEmptyFile()
{
    const QString path = m_dir->filePath(QStringLiteral("empty.txt"));
    QVERIFY(writeFile(path, QByteArray()));
    PutObjectJob job(m_client.get(), Bucket, QStringLiteral("empty.txt"));
    job.setAutoDelete(false);
    job.setFile(path);
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    const auto stored = m_server->object(Bucket, QStringLiteral("empty.txt"));
    QVERIFY(stored.has_value());
    QVERIFY(stored->data.isEmpty());
    const FakeS3Request sent = requestsFor(*m_server, QStringLiteral("PutObject")).first();
    QCOMPARE(sent.header("content-length"), QByteArray("0"));
    QCOMPARE(sent.header("x-amz-content-sha256"), sha256Hex(QByteArray()));
    QCOMPARE(sent.header("content-md5"), QByteArray("1B2M2Y8AsgTpgAmY7PhCfg=="));
    QCOMPARE(sent.header("content-type"), QByteArray("text/plain"));
}

void tst_Ops::putMissingFile()
{
    const QString path = m_dir->filePath(QStringLiteral("not-there.bin"));
    PutObjectJob job(m_client.get(), Bucket, QStringLiteral("x"));
    job.setAutoDelete(false);
    job.setFile(path);
    QVERIFY(runJob(job, 3000));
    QVERIFY(job.hasError());
    QCOMPARE(job.error().kind(), Kind::Io);
    QVERIFY2(job.error().message().contains(path), qPrintable(job.error().message()));
    QCOMPARE(m_server->count(QStringLiteral("*")), 0);

    PutObjectJob folder(m_client.get(), Bucket, QStringLiteral("x"));
    folder.setAutoDelete(false);
    folder.setFile(m_dir->path());
    QVERIFY(runJob(folder, 3000));
    QCOMPARE(folder.error().kind(), Kind::Io);
    QCOMPARE(m_server->count(QStringLiteral("*")), 0);
}

void tst_Ops::putFromChunkedStream()
{
    QList<QByteArray> chunks;
    QByteArray expected;
    for (int i = 0; i < 12; ++i) {
        chunks.append(randomBytes(1000 + 3000 * i, quint32(100 + i)));
        expected += chunks.last();
    }
    ChunkedPipe pipe(chunks);
    PutObjectJob job(m_client.get(), Bucket, QStringLiteral("streamed.json"));
    job.setAutoDelete(false);
    job.setStream(&pipe);
    QSignalSpy finished(&job, &Job::finished);
    job.start();
    QTest::qWait(20);
    QCOMPARE(finished.count(), 0); // nothing arrived yet: the job waits for the stream
    QCOMPARE(m_server->count(QStringLiteral("*")), 0);
    pipe.begin();
    QVERIFY(finished.wait(4000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    QVERIFY(pipe.hasEnded());
    QCOMPARE(pipe.deliveries(), 12);
    const auto stored = m_server->object(Bucket, QStringLiteral("streamed.json"));
    QVERIFY(stored.has_value());
    QVERIFY(stored->data == expected);
    QCOMPARE(stored->contentType, QStringLiteral("application/json")); // from the key
    const FakeS3Request sent = requestsFor(*m_server, QStringLiteral("PutObject")).first();
    QCOMPARE(sent.header("x-amz-content-sha256"), sha256Hex(expected));
    QCOMPARE(sent.header("content-md5"), md5Base64(expected));
}

void tst_Ops::putFromNonSequentialStream()
{
    QByteArray content = randomBytes(100000, 11);
    QBuffer buffer(&content);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    PutObjectJob job(m_client.get(), Bucket, QStringLiteral("buffer.bin"));
    job.setAutoDelete(false);
    job.setStream(&buffer);
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    QVERIFY(m_server->object(Bucket, QStringLiteral("buffer.bin"))->data == content);
}

void tst_Ops::putFromEmptyStream()
{
    ChunkedPipe pipe({});
    pipe.begin();
    PutObjectJob job(m_client.get(), Bucket, QStringLiteral("nothing"));
    job.setAutoDelete(false);
    job.setStream(&pipe);
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    const auto stored = m_server->object(Bucket, QStringLiteral("nothing"));
    QVERIFY(stored.has_value());
    QVERIFY(stored->data.isEmpty());
}

void tst_Ops::putStreamOverLimitIsRefused()
{
    LazyStream stream(PutObjectJob::MaxBufferedStreamBytes + 16 * 1024 * 1024);
    PutObjectJob job(m_client.get(), Bucket, QStringLiteral("too-big"));
    job.setAutoDelete(false);
    job.setStream(&stream);
    QVERIFY(runJob(job, 4000));
    QVERIFY(job.hasError());
    QCOMPARE(job.error().kind(), Kind::Invalid);
    const QString message = job.error().message();
    QVERIFY2(message.contains(QStringLiteral("larger than")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("from a file")), qPrintable(message));
    // It stopped reading soon after the limit, and sent nothing.
    QVERIFY(stream.produced() > PutObjectJob::MaxBufferedStreamBytes);
    QVERIFY(stream.produced() <= PutObjectJob::MaxBufferedStreamBytes + 2 * 1024 * 1024);
    QCOMPARE(m_server->count(QStringLiteral("*")), 0);
}

// --- keys --------------------------------------------------------------------------------------------------

void tst_Ops::specialKeysRoundTrip_data()
{
    QTest::addColumn<QString>("key");
    QTest::newRow("space and plus") << QStringLiteral("a b+c");
    QTest::newRow("percent") << QStringLiteral("100% sure/50%2Fhalf");
    QTest::newRow("reserved") << QStringLiteral("q?x=1&y=2#frag;p=1,2:3@4$5!6*7'8(9)[0]");
    QTest::newRow("unsafe ascii") << QStringLiteral("quote\" lt< gt> back\\slash ^caret `tick {brace} |pipe ~tilde");
    QTest::newRow("unicode") << QStringLiteral("ümlaut/漢字/emoji 🙂.bin");
    QTest::newRow("double slash") << QStringLiteral("dir//double/");
    QTest::newRow("leading slash") << QStringLiteral("/leading");
    QTest::newRow("dots inside names") << QStringLiteral("a/.hidden/..b/c..");
    QTest::newRow("tab") << QStringLiteral("tab\there");
    QTest::newRow("control character") << QString(QStringLiteral("bell") + QChar(7) + QStringLiteral("key"));
}

void tst_Ops::specialKeysRoundTrip()
{
    QFETCH(QString, key);
    const QByteArray content = QByteArrayLiteral("content of ") + key.toUtf8();
    PutObjectJob put(m_client.get(), Bucket, key);
    put.setAutoDelete(false);
    put.setData(content);
    QVERIFY(runJob(put, 3000));
    QVERIFY2(!put.hasError(), qPrintable(put.error().toString()));
    QCOMPARE(m_server->requests().last().key, key);
    QCOMPARE(m_server->keys(Bucket), QStringList{key});

    GetObjectJob get(m_client.get(), Bucket, key);
    get.setAutoDelete(false);
    QVERIFY(runJob(get, 3000));
    QVERIFY2(!get.hasError(), qPrintable(get.error().toString()));
    QVERIFY(get.data() == content);
    QCOMPARE(m_server->requests().last().key, key);

    HeadObjectJob head(m_client.get(), Bucket, key);
    head.setAutoDelete(false);
    QVERIFY(runJob(head, 3000));
    QVERIFY(!head.hasError());
    QCOMPARE(head.metadata().size, qint64(content.size()));

    ListObjectsJob list(m_client.get(), ListObjectsRequest{Bucket, {}, {}, {}, 1000, {}});
    list.setAutoDelete(false);
    list.setCollect(true);
    QVERIFY(runJob(list, 3000));
    QVERIFY2(!list.hasError(), qPrintable(list.error().toString()));
    QCOMPARE(list.objects().size(), 1);
    QCOMPARE(list.objects().first().key, key); // encoding-type=url decoded

    const QString copyKey = key + QStringLiteral(" copy");
    CopyObjectJob copy(m_client.get(), Bucket, key, Bucket, copyKey);
    copy.setAutoDelete(false);
    QVERIFY(runJob(copy, 3000));
    QVERIFY2(!copy.hasError(), qPrintable(copy.error().toString()));
    QVERIFY(m_server->object(Bucket, copyKey).has_value());

    DeleteObjectJob remove(m_client.get(), Bucket, key);
    remove.setAutoDelete(false);
    QVERIFY(runJob(remove, 3000));
    QVERIFY(!remove.hasError());
    QCOMPARE(m_server->keys(Bucket), QStringList{copyKey});
}

void tst_Ops::dotSegmentsRefused()
{
    // Qt would remove these segments on the wire and address another object: refused before sending.
    for (const QString &key : {QStringLiteral("a/../b"), QStringLiteral("./x"), QStringLiteral("..")}) {
        GetObjectJob job(m_client.get(), Bucket, key);
        job.setAutoDelete(false);
        QVERIFY(runJob(job, 3000));
        QCOMPARE(job.error().kind(), Kind::Invalid);
    }
    QCOMPARE(m_server->count(QStringLiteral("*")), 0);
}

// --- delete, move ------------------------------------------------------------------------------------------

void tst_Ops::deleteObjectsInBatches()
{
    QStringList keys;
    for (int i = 0; i < 2500; ++i) {
        keys.append(QStringLiteral("batch/%1").arg(i, 5, 10, QLatin1Char('0')));
        m_server->putObject(Bucket, keys.last(), QByteArrayLiteral("x"));
    }
    m_server->putObject(Bucket, QStringLiteral("keep"), QByteArrayLiteral("y"));

    DeleteObjectsJob job(m_client.get(), Bucket, keys);
    job.setAutoDelete(false);
    QList<qint64> progress;
    connect(&job, &DeleteObjectsJob::progressChanged, this, [&progress](qint64 done, qint64 total) {
        QCOMPARE(total, qint64(2500));
        progress.append(done);
    });
    QVERIFY(runJob(job, 4000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    QCOMPARE(job.deletedCount(), qint64(2500));
    QVERIFY(job.failures().isEmpty());
    QCOMPARE(m_server->keys(Bucket), QStringList{QStringLiteral("keep")});
    QCOMPARE(progress, (QList<qint64>{1000, 2000, 2500}));

    const QList<FakeS3Request> batches = requestsFor(*m_server, QStringLiteral("DeleteObjects"));
    QCOMPARE(batches.size(), 3);
    QStringList sentKeys;
    for (const FakeS3Request &batch : batches) {
        const QStringList batchKeys = xmlKeys(batch.body);
        QVERIFY(batchKeys.size() <= 1000);
        QCOMPARE(batch.header("content-md5"), md5Base64(batch.body));
        sentKeys += batchKeys;
    }
    QCOMPARE(sentKeys, keys);
    QCOMPARE(m_server->count(QStringLiteral("*")), 3);
}

void tst_Ops::deleteObjectsPerKeyErrors()
{
    QStringList keys;
    for (int i = 0; i < 10; ++i) {
        keys.append(i % 4 == 1 ? QStringLiteral("locked/%1").arg(i) : QStringLiteral("free/%1").arg(i));
        m_server->putObject(Bucket, keys.last(), QByteArrayLiteral("x"));
    }
    FakeS3Server *server = m_server.get();
    m_server->setOverride([server](const FakeS3Request &request, FakeS3Response &response) {
        if (request.operation != QLatin1String("DeleteObjects"))
            return false;
        QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
        for (const QString &key : xmlKeys(request.body)) {
            if (key.startsWith(QLatin1String("locked/"))) {
                xml += "<Error><Key>" + key.toUtf8() + "</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>";
            } else {
                server->deleteObject(request.bucket, key);
            }
        }
        xml += "</DeleteResult>";
        response.status = 200;
        response.setHeader("Content-Type", "application/xml");
        response.body = xml;
        return true;
    });

    DeleteObjectsJob job(m_client.get(), Bucket, keys);
    job.setAutoDelete(false);
    QVERIFY(runJob(job, 3000));
    QVERIFY(job.hasError());
    QCOMPARE(job.error().code(), QStringLiteral("AccessDenied"));
    const QString message = job.error().message();
    QVERIFY2(message.contains(QStringLiteral("3 of 10 keys")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("locked/1")), qPrintable(message));
    QCOMPARE(job.failures().size(), 3);
    QStringList failedKeys;
    for (const DeleteObjectError &failure : job.failures()) {
        failedKeys.append(failure.key);
        QCOMPARE(failure.code, QStringLiteral("AccessDenied"));
    }
    QCOMPARE(failedKeys, (QStringList{QStringLiteral("locked/1"), QStringLiteral("locked/5"), QStringLiteral("locked/9")}));
    QCOMPARE(job.deletedCount(), qint64(7));
    QCOMPARE(m_server->keys(Bucket), failedKeys);
}

void tst_Ops::deleteObjectsControlCharacterKey()
{
    const QString bad = QString(QStringLiteral("bad") + QChar(1) + QStringLiteral("key"));
    // Carriage return, line feed, tab and markup characters travel in the XML batch; only \x01 cannot.
    const QStringList keys = {QStringLiteral("ok1"), bad, QStringLiteral("line\r\nbreak"), QStringLiteral("tab\tkey"),
                              QStringLiteral("markup & <tag> \"quoted\" 'apos' ]]>"), QStringLiteral("  spaces  ")};
    for (const QString &key : keys)
        m_server->putObject(Bucket, key, QByteArrayLiteral("x"));

    DeleteObjectsJob job(m_client.get(), Bucket, keys);
    job.setAutoDelete(false);
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    QCOMPARE(job.deletedCount(), qint64(keys.size()));
    QVERIFY(m_server->keys(Bucket).isEmpty());
    const QList<FakeS3Request> singles = requestsFor(*m_server, QStringLiteral("DeleteObject"));
    QCOMPARE(singles.size(), 1);
    QCOMPARE(singles.first().key, bad);
    for (const FakeS3Request &batch : requestsFor(*m_server, QStringLiteral("DeleteObjects")))
        QVERIFY(!xmlKeys(batch.body).contains(bad));
}

void tst_Ops::deleteObjectsRequestFailure()
{
    m_server->putObject(Bucket, QStringLiteral("k1"), QByteArrayLiteral("x"));
    FakeS3Fault denied;
    denied.operation = QStringLiteral("DeleteObjects");
    denied.status = 403;
    denied.code = QStringLiteral("AccessDenied");
    m_server->addFault(denied);
    DeleteObjectsJob job(m_client.get(), Bucket, {QStringLiteral("k1")});
    job.setAutoDelete(false);
    QVERIFY(runJob(job, 3000));
    QCOMPARE(job.error().code(), QStringLiteral("AccessDenied"));
    QCOMPARE(job.error().httpStatus(), 403);
    QCOMPARE(m_server->keys(Bucket), QStringList{QStringLiteral("k1")});

    DeleteObjectsJob none(m_client.get(), Bucket, {});
    none.setAutoDelete(false);
    QVERIFY(runJob(none, 3000));
    QVERIFY(!none.hasError());
    QCOMPARE(none.deletedCount(), qint64(0));
}

void tst_Ops::deletePrefix()
{
    for (int i = 0; i < 2100; ++i)
        m_server->putObject(Bucket, QStringLiteral("logs/%1/entry").arg(i, 4, 10, QLatin1Char('0')), QByteArrayLiteral("l"));
    const QStringList others = {QStringLiteral("logs"), QStringLiteral("logsX/1"), QStringLiteral("other/logs/1"),
                                QStringLiteral("a")};
    for (const QString &key : others)
        m_server->putObject(Bucket, key, QByteArrayLiteral("o"));

    DeletePrefixJob job(m_client.get(), Bucket, QStringLiteral("logs/"));
    job.setAutoDelete(false);
    QSignalSpy progress(&job, &DeletePrefixJob::progressChanged);
    QVERIFY(runJob(job, 4500));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    QCOMPARE(job.deletedCount(), qint64(2100));
    QStringList expected = others;
    std::sort(expected.begin(), expected.end());
    QCOMPARE(m_server->keys(Bucket), expected);
    QCOMPARE(m_server->count(QStringLiteral("ListObjectsV2")), 3);
    QCOMPARE(m_server->count(QStringLiteral("DeleteObjects")), 3);
    for (const FakeS3Request &list : requestsFor(*m_server, QStringLiteral("ListObjectsV2"))) {
        QCOMPARE(list.queryItem(QStringLiteral("prefix")), QStringLiteral("logs/"));
        QVERIFY(!list.hasQueryItem(QStringLiteral("delimiter")));
    }
    QVERIFY(progress.count() >= 3);
    QCOMPARE(progress.last().at(0).toLongLong(), qint64(2100));
}

void tst_Ops::deletePrefixRefusesEmptyPrefix()
{
    for (int i = 0; i < 5; ++i)
        m_server->putObject(Bucket, QStringLiteral("k%1").arg(i), QByteArrayLiteral("x"));
    DeletePrefixJob refused(m_client.get(), Bucket, QString());
    refused.setAutoDelete(false);
    QVERIFY(runJob(refused, 3000));
    QCOMPARE(refused.error().kind(), Kind::Invalid);
    QVERIFY(refused.error().message().contains(Bucket));
    QCOMPARE(m_server->count(QStringLiteral("*")), 0);
    QCOMPARE(m_server->keys(Bucket).size(), 5);

    DeletePrefixJob everything(m_client.get(), Bucket, QString());
    everything.setAutoDelete(false);
    everything.setAllowWholeBucket(true);
    QVERIFY(runJob(everything, 3000));
    QVERIFY2(!everything.hasError(), qPrintable(everything.error().toString()));
    QCOMPARE(everything.deletedCount(), qint64(5));
    QVERIFY(m_server->keys(Bucket).isEmpty());

    // Nothing under the prefix: success, nothing deleted.
    DeletePrefixJob nothing(m_client.get(), Bucket, QStringLiteral("nothing/"));
    nothing.setAutoDelete(false);
    QVERIFY(runJob(nothing, 3000));
    QVERIFY(!nothing.hasError());
    QCOMPARE(nothing.deletedCount(), qint64(0));
}

void tst_Ops::deletePrefixCancel()
{
    for (int i = 0; i < 1500; ++i)
        m_server->putObject(Bucket, QStringLiteral("p/%1").arg(i, 4, 10, QLatin1Char('0')), QByteArrayLiteral("x"));
    FakeS3Fault hang;
    hang.operation = QStringLiteral("DeleteObjects");
    hang.hang = true;
    hang.times = -1;
    m_server->addFault(hang);

    DeletePrefixJob job(m_client.get(), Bucket, QStringLiteral("p/"));
    job.setAutoDelete(false);
    QSignalSpy finished(&job, &Job::finished);
    job.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->count(QStringLiteral("DeleteObjects")), 1, 3000);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->count(QStringLiteral("ListObjectsV2")), 2, 3000); // listed on meanwhile
    job.cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job.error().kind(), Kind::Cancelled);
    const int requests = m_server->count(QStringLiteral("*"));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->activeRequests(), 0, 3000);
    QTest::qWait(100);
    QCOMPARE(m_server->count(QStringLiteral("*")), requests);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(m_server->keys(Bucket).size(), 1500);
}

void tst_Ops::moveObject()
{
    const QByteArray content = randomBytes(5000, 12);
    m_server->putObject(Bucket, QStringLiteral("src/file.txt"), content, QStringLiteral("text/plain"),
                        {{QStringLiteral("owner"), QStringLiteral("bob")}});
    MoveObjectJob job(m_client.get(), Bucket, QStringLiteral("src/file.txt"), Bucket, QStringLiteral("dst/renamed.txt"));
    job.setAutoDelete(false);
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    QVERIFY(!m_server->object(Bucket, QStringLiteral("src/file.txt")).has_value());
    const auto moved = m_server->object(Bucket, QStringLiteral("dst/renamed.txt"));
    QVERIFY(moved.has_value());
    QVERIFY(moved->data == content);
    QCOMPARE(moved->contentType, QStringLiteral("text/plain"));
    QCOMPARE(moved->metadata.value(QStringLiteral("owner")), QStringLiteral("bob"));
    const QList<FakeS3Request> requests = m_server->requests();
    // The copy looks at the source first (its size decides one CopyObject or parts; its ETag pins the copy).
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.at(0).operation, QStringLiteral("HeadObject"));
    QCOMPARE(requests.at(1).operation, QStringLiteral("CopyObject"));
    QCOMPARE(requests.at(1).header("x-amz-metadata-directive"), QByteArray("COPY"));
    QVERIFY(!requests.at(1).header("x-amz-copy-source-if-match").isEmpty());
    QCOMPARE(requests.at(2).operation, QStringLiteral("DeleteObject"));

    MoveObjectJob same(m_client.get(), Bucket, QStringLiteral("dst/renamed.txt"), Bucket, QStringLiteral("dst/renamed.txt"));
    same.setAutoDelete(false);
    QVERIFY(runJob(same, 3000));
    QCOMPARE(same.error().kind(), Kind::Invalid);
    QVERIFY(m_server->object(Bucket, QStringLiteral("dst/renamed.txt")).has_value());
}

void tst_Ops::movePrefixHandsLargeObjectsOff()
{
    // A folder move moves its small objects itself and hands the ones above the threshold to the caller (the
    // app's transfer queue), untouched; a hand-off that cannot take one (false) leaves it to the folder move.
    const QByteArray small = randomBytes(3000, 21);
    const QByteArray big = randomBytes(6000, 22);
    const QByteArray huge = randomBytes(7000, 23);
    m_server->putObject(Bucket, QStringLiteral("f/a"), small);
    m_server->putObject(Bucket, QStringLiteral("f/big"), big);
    m_server->putObject(Bucket, QStringLiteral("f/sub/huge"), huge);
    QList<PrefixMoveItem> handed;
    MovePrefixJob job(m_client.get(), Bucket, QStringLiteral("f/"), QStringLiteral("g/"));
    job.setAutoDelete(false);
    job.setHandOff(5000, [&handed](const PrefixMoveItem &item) {
        handed.append(item);
        return true;
    });
    QVERIFY(runJob(job, 5000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    QCOMPARE(job.movedCount(), 1);
    QCOMPARE(job.handedOffCount(), 2);
    QCOMPARE(handed, (QList<PrefixMoveItem>{{QStringLiteral("f/big"), QStringLiteral("g/big"), 6000},
                                            {QStringLiteral("f/sub/huge"), QStringLiteral("g/sub/huge"), 7000}}));
    QVERIFY(m_server->object(Bucket, QStringLiteral("g/a"))->data == small);
    QVERIFY(!m_server->object(Bucket, QStringLiteral("f/a")).has_value());
    // The handed objects are where they were: the queue moves them.
    QVERIFY(m_server->object(Bucket, QStringLiteral("f/big"))->data == big);
    QVERIFY(m_server->object(Bucket, QStringLiteral("f/sub/huge"))->data == huge);
    QVERIFY(!m_server->object(Bucket, QStringLiteral("g/big")).has_value());
    QCOMPARE(m_server->count(QStringLiteral("CopyObject")), 1);

    MovePrefixJob fallback(m_client.get(), Bucket, QStringLiteral("f/"), QStringLiteral("h/"));
    fallback.setAutoDelete(false);
    fallback.setHandOff(5000, [](const PrefixMoveItem &) { return false; });
    QVERIFY(runJob(fallback, 5000));
    QVERIFY2(!fallback.hasError(), qPrintable(fallback.error().toString()));
    QCOMPARE(fallback.movedCount(), 2);
    QCOMPARE(fallback.handedOffCount(), 0);
    QVERIFY(m_server->object(Bucket, QStringLiteral("h/big"))->data == big);
    QVERIFY(m_server->object(Bucket, QStringLiteral("h/sub/huge"))->data == huge);
    QVERIFY(!m_server->object(Bucket, QStringLiteral("f/big")).has_value());
}

void tst_Ops::moveCopyFailureKeepsSource()
{
    const QByteArray content = randomBytes(5000, 13);
    m_server->putObject(Bucket, QStringLiteral("src"), content);
    FakeS3Fault denied;
    denied.operation = QStringLiteral("CopyObject");
    denied.status = 403;
    denied.code = QStringLiteral("AccessDenied");
    m_server->addFault(denied);
    MoveObjectJob job(m_client.get(), Bucket, QStringLiteral("src"), Bucket, QStringLiteral("dst"));
    job.setAutoDelete(false);
    QVERIFY(runJob(job, 3000));
    QCOMPARE(job.error().code(), QStringLiteral("AccessDenied"));
    QVERIFY(m_server->object(Bucket, QStringLiteral("src"))->data == content);
    QVERIFY(!m_server->object(Bucket, QStringLiteral("dst")).has_value());
    QCOMPARE(m_server->count(QStringLiteral("DeleteObject")), 0);

    // Copy works, delete fails: the error says the copy exists.
    m_server->clearLog();
    FakeS3Fault deleteDenied;
    deleteDenied.operation = QStringLiteral("DeleteObject");
    deleteDenied.status = 403;
    deleteDenied.code = QStringLiteral("AccessDenied");
    m_server->addFault(deleteDenied);
    MoveObjectJob half(m_client.get(), Bucket, QStringLiteral("src"), Bucket, QStringLiteral("dst"));
    half.setAutoDelete(false);
    QVERIFY(runJob(half, 3000));
    QCOMPARE(half.error().code(), QStringLiteral("AccessDenied"));
    QVERIFY2(half.error().message().contains(QStringLiteral("copied to bucket/dst")), qPrintable(half.error().message()));
    QVERIFY(m_server->object(Bucket, QStringLiteral("src")).has_value());
    QVERIFY(m_server->object(Bucket, QStringLiteral("dst")).has_value());
}

// --- list --------------------------------------------------------------------------------------------------

void tst_Ops::listWithDelimiterPages()
{
    for (const char *key : {"a/1", "a/2", "b/1", "c", "d", "e/x/y"})
        m_server->putObject(Bucket, QString::fromLatin1(key), QByteArrayLiteral("x"));
    ListObjectsRequest request;
    request.bucket = Bucket;
    request.delimiter = QStringLiteral("/");
    request.maxKeys = 2;
    ListObjectsJob job(m_client.get(), request);
    job.setAutoDelete(false);
    job.setCollect(true);
    QStringList tokens;
    connect(&job, &ListObjectsJob::pageReceived, this, [&tokens](const ListObjectsPage &page) {
        tokens.append(page.nextContinuationToken);
    });
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    QCOMPARE(job.pageCount(), 3);
    QCOMPARE(job.commonPrefixes(), (QList<QString>{QStringLiteral("a/"), QStringLiteral("b/"), QStringLiteral("e/")}));
    QCOMPARE(job.objects().size(), 2);
    QCOMPARE(job.objects().at(0).key, QStringLiteral("c"));
    QCOMPARE(job.objects().at(1).key, QStringLiteral("d"));
    QCOMPARE(job.itemCount(), qint64(5));

    const QList<FakeS3Request> sent = requestsFor(*m_server, QStringLiteral("ListObjectsV2"));
    QCOMPARE(sent.size(), 3);
    for (int i = 0; i < sent.size(); ++i) {
        const FakeS3Request &page = sent.at(i);
        QCOMPARE(page.queryItem(QStringLiteral("list-type")), QStringLiteral("2"));
        QCOMPARE(page.queryItem(QStringLiteral("encoding-type")), QStringLiteral("url"));
        QCOMPARE(page.queryItem(QStringLiteral("delimiter")), QStringLiteral("/"));
        QCOMPARE(page.queryItem(QStringLiteral("max-keys")), QStringLiteral("2"));
        if (i == 0) {
            QVERIFY(!page.hasQueryItem(QStringLiteral("continuation-token")));
        } else {
            QVERIFY(!tokens.at(i - 1).isEmpty());
            QCOMPARE(page.queryItem(QStringLiteral("continuation-token")), tokens.at(i - 1));
        }
    }
    QVERIFY(tokens.last().isEmpty());
}

void tst_Ops::listEmptyTruncatedPageContinues()
{
    m_server->setOverride([](const FakeS3Request &request, FakeS3Response &response) {
        if (request.operation != QLatin1String("ListObjectsV2"))
            return false;
        response.status = 200;
        response.setHeader("Content-Type", "application/xml");
        const QString token = request.queryItem(QStringLiteral("continuation-token"));
        if (token.isEmpty()) {
            response.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>bucket</Name>"
                            "<Prefix></Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><EncodingType>url</EncodingType>"
                            "<IsTruncated>true</IsTruncated><NextContinuationToken>opaque+token/1=</NextContinuationToken>"
                            "</ListBucketResult>";
        } else if (token == QLatin1String("opaque+token/1=")) {
            response.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>bucket</Name>"
                            "<Prefix></Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><EncodingType>url</EncodingType>"
                            "<IsTruncated>false</IsTruncated>"
                            "<Contents><Key>k1</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified>"
                            "<ETag>&quot;abc&quot;</ETag><Size>3</Size><StorageClass>STANDARD</StorageClass></Contents>"
                            "<Contents><Key>k%202</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified>"
                            "<ETag>&quot;def&quot;</ETag><Size>4</Size><StorageClass>STANDARD</StorageClass></Contents>"
                            "</ListBucketResult>";
        } else {
            response.status = 400;
            response.body = FakeS3Server::errorXml(QStringLiteral("InvalidArgument"), QStringLiteral("bad token"),
                                                   request.rawPath, request.requestId);
        }
        return true;
    });
    ListObjectsJob job(m_client.get(), ListObjectsRequest{Bucket, {}, {}, {}, 1000, {}});
    job.setAutoDelete(false);
    job.setCollect(true);
    QSignalSpy pages(&job, &ListObjectsJob::pageReceived);
    QVERIFY(runJob(job, 3000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    QCOMPARE(pages.count(), 2);
    QCOMPARE(job.pageCount(), 2);
    QCOMPARE(job.objects().size(), 2);
    QCOMPARE(job.objects().at(1).key, QStringLiteral("k 2"));
    QCOMPARE(m_server->count(QStringLiteral("ListObjectsV2")), 2);
    QCOMPARE(requestsFor(*m_server, QStringLiteral("ListObjectsV2")).at(1).queryItem(QStringLiteral("continuation-token")),
             QStringLiteral("opaque+token/1="));
}

void tst_Ops::listTruncatedWithoutTokenFails()
{
    m_server->setOverride([](const FakeS3Request &request, FakeS3Response &response) {
        if (request.operation != QLatin1String("ListObjectsV2"))
            return false;
        response.status = 200;
        response.setHeader("Content-Type", "application/xml");
        response.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<ListBucketResult><Name>bucket</Name><Prefix></Prefix><KeyCount>1</KeyCount><MaxKeys>1</MaxKeys>"
                        "<IsTruncated>true</IsTruncated>"
                        "<Contents><Key>k1</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified>"
                        "<ETag>&quot;abc&quot;</ETag><Size>3</Size></Contents></ListBucketResult>";
        return true;
    });
    ListObjectsJob job(m_client.get(), ListObjectsRequest{Bucket, {}, {}, {}, 1, {}});
    job.setAutoDelete(false);
    QSignalSpy pages(&job, &ListObjectsJob::pageReceived);
    QVERIFY(runJob(job, 3000));
    QVERIFY(job.hasError());
    QCOMPARE(job.error().kind(), Kind::Invalid);
    QVERIFY2(job.error().message().contains(QStringLiteral("continuation token")), qPrintable(job.error().message()));
    QCOMPARE(pages.count(), 0);
    QCOMPARE(m_server->count(QStringLiteral("ListObjectsV2")), 1);
}

void tst_Ops::listCancelDuringSecondPage()
{
    for (int i = 0; i < 6; ++i)
        m_server->putObject(Bucket, QStringLiteral("k%1").arg(i), QByteArrayLiteral("x"));
    FakeS3Fault passThrough; // the first page is answered normally ...
    passThrough.operation = QStringLiteral("ListObjectsV2");
    m_server->addFault(passThrough);
    FakeS3Fault hang; // ... the second never
    hang.operation = QStringLiteral("ListObjectsV2");
    hang.hang = true;
    m_server->addFault(hang);

    ListObjectsJob job(m_client.get(), ListObjectsRequest{Bucket, {}, {}, {}, 2, {}});
    job.setAutoDelete(false);
    QSignalSpy pages(&job, &ListObjectsJob::pageReceived);
    QSignalSpy finished(&job, &Job::finished);
    QSignalSpy received(m_server.get(), &FakeS3Server::requestReceived);
    job.start();
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 2, 3000);
    QCOMPARE(pages.count(), 1);
    job.cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job.error().kind(), Kind::Cancelled);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->activeRequests(), 0, 3000); // the hanging request was aborted
    QTest::qWait(100);
    QCOMPARE(pages.count(), 1);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(m_server->count(QStringLiteral("ListObjectsV2")), 2);
}

void tst_Ops::listCancelFromPageSlot()
{
    for (int i = 0; i < 6; ++i)
        m_server->putObject(Bucket, QStringLiteral("k%1").arg(i), QByteArrayLiteral("x"));
    ListObjectsJob job(m_client.get(), ListObjectsRequest{Bucket, {}, {}, {}, 2, {}});
    job.setAutoDelete(false);
    QSignalSpy pages(&job, &ListObjectsJob::pageReceived);
    QSignalSpy finished(&job, &Job::finished);
    connect(&job, &ListObjectsJob::pageReceived, &job, &Job::cancel);
    QVERIFY(runJob(job, 3000));
    QCOMPARE(job.error().kind(), Kind::Cancelled);
    QTest::qWait(50);
    QCOMPARE(pages.count(), 1);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(m_server->count(QStringLiteral("ListObjectsV2")), 1);
}

void tst_Ops::listMaxItems()
{
    for (int i = 0; i < 9; ++i)
        m_server->putObject(Bucket, QStringLiteral("k%1").arg(i), QByteArrayLiteral("x"));
    ListObjectsJob job(m_client.get(), ListObjectsRequest{Bucket, {}, {}, {}, 2, {}});
    job.setAutoDelete(false);
    job.setCollect(true);
    job.setMaxItems(3);
    QVERIFY(runJob(job, 3000));
    QVERIFY(!job.hasError());
    QCOMPARE(job.pageCount(), 2);
    QCOMPARE(job.objects().size(), 4);
    QCOMPARE(m_server->count(QStringLiteral("ListObjectsV2")), 2);
}

void tst_Ops::bucketJobs()
{
    CreateBucketJob create(m_client.get(), QStringLiteral("new-bucket"));
    create.setAutoDelete(false);
    QVERIFY(runJob(create, 3000));
    QVERIFY2(!create.hasError(), qPrintable(create.error().toString()));
    QVERIFY(m_server->hasBucket(QStringLiteral("new-bucket")));
    QVERIFY(requestsFor(*m_server, QStringLiteral("CreateBucket")).first().body.isEmpty()); // us-east-1: no configuration

    ListBucketsJob list(m_client.get());
    list.setAutoDelete(false);
    QVERIFY(runJob(list, 3000));
    QVERIFY(!list.hasError());
    QCOMPARE(list.result().buckets.size(), 2);

    GetBucketLocationJob location(m_client.get(), QStringLiteral("new-bucket"));
    location.setAutoDelete(false);
    QVERIFY(runJob(location, 3000));
    QVERIFY(!location.hasError());
    QCOMPARE(location.region(), QStringLiteral("us-east-1"));

    DeleteBucketJob remove(m_client.get(), QStringLiteral("new-bucket"));
    remove.setAutoDelete(false);
    QVERIFY(runJob(remove, 3000));
    QVERIFY2(!remove.hasError(), qPrintable(remove.error().toString()));
    QVERIFY(!m_server->hasBucket(QStringLiteral("new-bucket")));

    m_server->putObject(Bucket, QStringLiteral("k"), QByteArrayLiteral("x"));
    DeleteBucketJob notEmpty(m_client.get(), Bucket);
    notEmpty.setAutoDelete(false);
    QVERIFY(runJob(notEmpty, 3000));
    QCOMPARE(notEmpty.error().code(), QStringLiteral("BucketNotEmpty"));
}

QTEST_GUILESS_MAIN(tst_Ops)
#include "tst_ops.moc"
