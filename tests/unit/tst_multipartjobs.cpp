// SPDX-License-Identifier: Apache-2.0
// The raw multipart jobs (Create, UploadPart, Complete, Abort, ListParts, ListMultipartUploads) and the manual
// MultipartUploader against the hermetic FakeS3Server: what goes on the wire, retries, lost answers, paging,
// concurrency limits, and that every failure leaves no upload behind.
#include <algorithm>
#include <memory>

#include <QCryptographicHash>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "fakes3server.h"
#include "livetest.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/endpoint.h"
#include "s3core/net/retrypolicy.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/transfer/multipartuploader.h"
#include "s3core/transfer/partplanner.h"

using namespace s3;

namespace {

const QString Bucket = QStringLiteral("bucket");

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray md5(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Md5);
}

QString quotedMd5(const QByteArray &data)
{
    return QStringLiteral("\"%1\"").arg(QString::fromLatin1(md5(data).toHex()));
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

QList<int> xmlPartNumbers(const QByteArray &xml)
{
    QList<int> numbers;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == QLatin1String("PartNumber"))
            numbers.append(reader.readElementText().toInt());
    }
    return numbers;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

/** Records the uploader's signals in order. */
struct UploaderSpy
{
    explicit UploaderSpy(MultipartUploader *uploader)
        : created(uploader, &MultipartUploader::created)
        , partFinished(uploader, &MultipartUploader::partFinished)
        , completed(uploader, &MultipartUploader::completed)
        , aborted(uploader, &MultipartUploader::aborted)
        , failed(uploader, &MultipartUploader::failed)
    {
    }
    int endings() const { return int(completed.count() + aborted.count() + failed.count()); }
    QList<int> finishedParts() const
    {
        QList<int> numbers;
        for (const QList<QVariant> &args : partFinished)
            numbers.append(args.at(0).toInt());
        return numbers;
    }
    S3Error partError(int index) const { return partFinished.at(index).at(2).value<S3Error>(); }
    S3Error failure() const { return failed.isEmpty() ? S3Error() : failed.constFirst().constFirst().value<S3Error>(); }

    QSignalSpy created;
    QSignalSpy partFinished;
    QSignalSpy completed;
    QSignalSpy aborted;
    QSignalSpy failed;
};

} // namespace

class TestMultipartJobs : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeS3Server> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<S3Client> m_client;
    std::unique_ptr<QTemporaryDir> m_dir;

    QString createUpload(const QString &key)
    {
        CreateMultipartUploadJob job(m_client.get(), Bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job, 10000) || job.hasError()) {
            qWarning() << "create failed" << job.error();
            return {};
        }
        return job.uploadId();
    }

    QString uploadPart(const QString &key, const QString &uploadId, int number, const QByteArray &data)
    {
        UploadPartJob job(m_client.get(), Bucket, key, uploadId, number, PartSource::fromData(data));
        job.setAutoDelete(false);
        if (!runJob(job, 10000) || job.hasError()) {
            qWarning() << "part" << number << "failed" << job.error();
            return {};
        }
        return job.etag();
    }

    std::unique_ptr<MultipartUploader> makeUploader(const QString &key)
    {
        auto uploader = std::make_unique<MultipartUploader>(m_client.get(), Bucket, key);
        uploader->setRetryPolicy(fastRetries(3));
        return uploader;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeS3Server>();
        QVERIFY(m_server->start());
        m_server->createBucket(Bucket);
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_client = fakeServerClient(m_nam.get(), m_server->endpointUrl(), 5000);
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup()
    {
        m_client.reset();
        m_nam.reset();
        m_server.reset();
        m_dir.reset();
    }

    // --- raw jobs ------------------------------------------------------------------------------------------

    void createRequestShape()
    {
        ObjectAttributes attributes;
        attributes.cacheControl = QStringLiteral("max-age=60");
        attributes.userMetadata = {{QStringLiteral("Author"), QStringLiteral("tester")}};
        CreateMultipartUploadJob job(m_client.get(), Bucket, QStringLiteral("dir/photo.jpg"), attributes);
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QVERIFY(!job.uploadId().isEmpty());
        QCOMPARE(job.result().key, QStringLiteral("dir/photo.jpg"));

        const QList<FakeS3Request> creates = requestsFor(*m_server, QStringLiteral("CreateMultipartUpload"));
        QCOMPARE(creates.size(), 1);
        const FakeS3Request &request = creates.constFirst();
        QCOMPARE(request.method, QByteArrayLiteral("POST"));
        QVERIFY(request.hasQueryItem(QStringLiteral("uploads")));
        QCOMPARE(request.header("content-type"), QByteArrayLiteral("image/jpeg")); // inferred from the key
        QCOMPARE(request.header("cache-control"), QByteArrayLiteral("max-age=60"));
        QCOMPARE(request.header("x-amz-meta-author"), QByteArrayLiteral("tester"));
        QVERIFY(request.isSigned());

        const QList<FakeS3MultipartUpload> uploads = m_server->multipartUploads(Bucket);
        QCOMPARE(uploads.size(), 1);
        QCOMPARE(uploads.constFirst().uploadId, job.uploadId());
    }

    void uploadPartRequestShape_data()
    {
        QTest::addColumn<IntegrityMode>("mode");
        QTest::addColumn<bool>("fromFile");
        QTest::addColumn<int>("size");
        QTest::newRow("sha256+md5, memory") << IntegrityMode::Sha256AndMd5 << false << 1000;
        QTest::newRow("sha256+md5, memory hashed off-thread") << IntegrityMode::Sha256AndMd5 << false << 3 * 1024 * 1024;
        QTest::newRow("sha256+md5, file") << IntegrityMode::Sha256AndMd5 << true << 100000;
        QTest::newRow("sha256 only, memory") << IntegrityMode::Sha256Only << false << 1000;
        QTest::newRow("sha256 only, file") << IntegrityMode::Sha256Only << true << 100000;
        // Auto over plain http (this fake server) signs the SHA-256, as Sha256Only does.
        QTest::newRow("auto over http, memory") << IntegrityMode::Auto << false << 1000;
        QTest::newRow("auto over http, file") << IntegrityMode::Auto << true << 100000;
        QTest::newRow("empty part") << IntegrityMode::Sha256AndMd5 << false << 0;
    }

    void uploadPartRequestShape()
    {
        QFETCH(IntegrityMode, mode);
        QFETCH(bool, fromFile);
        QFETCH(int, size);
        const QString key = QStringLiteral("a b+c.bin");
        const QString uploadId = createUpload(key);
        QVERIFY(!uploadId.isEmpty());
        const QByteArray data = randomBytes(size, 7);
        PartSource source = PartSource::fromData(data);
        if (fromFile) {
            // The part is a window in the middle of a larger file.
            const QString path = m_dir->filePath(QStringLiteral("source.bin"));
            QVERIFY(writeFile(path, QByteArray(123, 'x') + data + QByteArray(77, 'y')));
            source = PartSource::fromFile(path, 123, size);
        }
        UploadPartJob job(m_client.get(), Bucket, key, uploadId, 7, source);
        job.setAutoDelete(false);
        job.setIntegrityMode(mode);
        QVERIFY(runJob(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QCOMPARE(job.etag(), quotedMd5(data));
        QCOMPARE(job.size(), qint64(size));
        QCOMPARE(job.completedPart().partNumber, 7);

        const QList<FakeS3Request> parts = requestsFor(*m_server, QStringLiteral("UploadPart"));
        QCOMPARE(parts.size(), 1);
        const FakeS3Request &request = parts.constFirst();
        QCOMPARE(request.method, QByteArrayLiteral("PUT"));
        QCOMPARE(request.key, key);
        QCOMPARE(request.queryItem(QStringLiteral("partNumber")), QStringLiteral("7"));
        QCOMPARE(request.queryItem(QStringLiteral("uploadId")), uploadId);
        QCOMPARE(request.body, data);
        QCOMPARE(request.header("x-amz-content-sha256"), sha256Hex(data));
        if (mode == IntegrityMode::Sha256AndMd5)
            QCOMPARE(request.header("content-md5"), md5(data).toBase64());
        else
            QVERIFY(!request.hasHeader("content-md5"));
        QCOMPARE(m_server->multipartUploads(Bucket).constFirst().parts.value(7).data, data);
    }

    void effectiveIntegrityModeBySchemes_data()
    {
        QTest::addColumn<IntegrityMode>("mode");
        QTest::addColumn<bool>("https");
        QTest::addColumn<IntegrityMode>("effective");
        QTest::newRow("auto, https: unsigned") << IntegrityMode::Auto << true << IntegrityMode::TlsOnly;
        QTest::newRow("auto, http: signed") << IntegrityMode::Auto << false << IntegrityMode::Sha256Only;
        QTest::newRow("sha256, https: kept") << IntegrityMode::Sha256Only << true << IntegrityMode::Sha256Only;
        QTest::newRow("sha256+md5, https: kept") << IntegrityMode::Sha256AndMd5 << true << IntegrityMode::Sha256AndMd5;
        QTest::newRow("md5 only, http: kept (refused later)") << IntegrityMode::Md5Only << false << IntegrityMode::Md5Only;
        QTest::newRow("tls only, https") << IntegrityMode::TlsOnly << true << IntegrityMode::TlsOnly;
    }

    void effectiveIntegrityModeBySchemes()
    {
        QFETCH(IntegrityMode, mode);
        QFETCH(bool, https);
        QFETCH(IntegrityMode, effective);
        QCOMPARE(effectiveIntegrityMode(mode, https), effective);
    }

    void unsignedPayloadIsRefusedOverHttp_data()
    {
        QTest::addColumn<IntegrityMode>("mode");
        QTest::newRow("md5 only") << IntegrityMode::Md5Only;
        QTest::newRow("tls only") << IntegrityMode::TlsOnly;
    }

    void unsignedPayloadIsRefusedOverHttp()
    {
        QFETCH(IntegrityMode, mode);
        const QString uploadId = createUpload(QStringLiteral("k"));
        UploadPartJob job(m_client.get(), Bucket, QStringLiteral("k"), uploadId, 1, PartSource::fromData("data"));
        job.setAutoDelete(false);
        job.setIntegrityMode(mode);
        QVERIFY(runJob(job));
        QCOMPARE(job.error().kind(), S3Error::Kind::Invalid);
        QVERIFY2(job.error().message().contains(QStringLiteral("HTTPS")), qPrintable(job.error().message()));
        QCOMPARE(m_server->count(QStringLiteral("UploadPart")), 0);
    }

    void precomputedDigestsAreSentAsGiven()
    {
        const QString uploadId = createUpload(QStringLiteral("k"));
        const QByteArray data = "some part data";
        const QByteArray rightSha = QCryptographicHash::hash(data, QCryptographicHash::Sha256);
        {
            UploadPartJob job(m_client.get(), Bucket, QStringLiteral("k"), uploadId, 1, PartSource::fromData(data));
            job.setAutoDelete(false);
            job.setPrecomputedSha256(rightSha);
            job.setPrecomputedMd5(md5(data));
            QVERIFY(runJob(job));
            QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        }
        {
            UploadPartJob job(m_client.get(), Bucket, QStringLiteral("k"), uploadId, 2, PartSource::fromData(data));
            job.setAutoDelete(false);
            job.setRetryPolicy(fastRetries(3));
            job.setPrecomputedMd5(md5("other data"));
            QVERIFY(runJob(job));
            QVERIFY(job.hasError());
            QCOMPARE(job.error().code(), QStringLiteral("BadDigest"));
            QCOMPARE(job.attempts(), 1); // a digest mismatch is not retried
        }
        {
            UploadPartJob job(m_client.get(), Bucket, QStringLiteral("k"), uploadId, 3, PartSource::fromData(data));
            job.setAutoDelete(false);
            job.setIntegrityMode(IntegrityMode::Sha256Only);
            job.setPrecomputedSha256(QCryptographicHash::hash("other", QCryptographicHash::Sha256));
            QVERIFY(runJob(job));
            QVERIFY(job.hasError());
            QCOMPARE(job.error().httpStatus(), 400);
            QVERIFY(!job.error().code().isEmpty());
        }
        {
            UploadPartJob job(m_client.get(), Bucket, QStringLiteral("k"), uploadId, 4, PartSource::fromData(data));
            job.setAutoDelete(false);
            job.setPrecomputedMd5("short");
            QVERIFY(runJob(job));
            QCOMPARE(job.error().kind(), S3Error::Kind::Invalid);
        }
    }

    void uploadPartRefusesAChangedFile()
    {
        const QString uploadId = createUpload(QStringLiteral("k"));
        const QString path = m_dir->filePath(QStringLiteral("f.bin"));
        QVERIFY(writeFile(path, randomBytes(1000, 1)));
        {
            PartSource source = PartSource::fromFile(path, 0, 1000);
            source.expectedFileSize = 999; // what an earlier run saw
            UploadPartJob job(m_client.get(), Bucket, QStringLiteral("k"), uploadId, 1, source);
            job.setAutoDelete(false);
            QVERIFY(runJob(job));
            QCOMPARE(job.error().kind(), S3Error::Kind::Io);
        }
        {
            UploadPartJob job(m_client.get(), Bucket, QStringLiteral("k"), uploadId, 1,
                              PartSource::fromFile(path, 0, 1000, QDateTime::currentDateTimeUtc().addDays(-3)));
            job.setAutoDelete(false);
            QVERIFY(runJob(job));
            QCOMPARE(job.error().kind(), S3Error::Kind::Io);
        }
        {
            UploadPartJob job(m_client.get(), Bucket, QStringLiteral("k"), uploadId, 1, PartSource::fromFile(path, 500, 1000));
            job.setAutoDelete(false);
            QVERIFY(runJob(job));
            QCOMPARE(job.error().kind(), S3Error::Kind::Io); // the range is past the end
        }
        {
            UploadPartJob job(m_client.get(), Bucket, QStringLiteral("k"), uploadId, 10001, PartSource::fromData("x"));
            job.setAutoDelete(false);
            QVERIFY(runJob(job));
            QCOMPARE(job.error().kind(), S3Error::Kind::Invalid);
        }
        QCOMPARE(m_server->count(QStringLiteral("UploadPart")), 0);
    }

    void uploadPartWithoutEtagFails()
    {
        const QString uploadId = createUpload(QStringLiteral("k"));
        FakeS3Fault fault;
        fault.operation = QStringLiteral("UploadPart");
        fault.dropEtag = true;
        m_server->addFault(fault);
        UploadPartJob job(m_client.get(), Bucket, QStringLiteral("k"), uploadId, 2, PartSource::fromData("x"));
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QVERIFY(job.hasError());
        QCOMPARE(job.error().message(), QStringLiteral("the server sent no ETag for part 2"));
    }

    void completeSendsPartsSorted()
    {
        m_server->setMinPartSize(1);
        const QString key = QStringLiteral("sorted");
        const QString uploadId = createUpload(key);
        const QList<QByteArray> data = {"first-", "second-", "third"};
        QList<CompletedPart> parts;
        for (int number : {3, 1, 2}) {
            const QString etag = uploadPart(key, uploadId, number, data.at(number - 1));
            QVERIFY(!etag.isEmpty());
            parts.append({number, etag});
        }
        CompleteMultipartUploadJob job(m_client.get(), Bucket, key, uploadId, parts);
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QVERIFY(!job.completedAfterLostAnswer());
        QCOMPARE(job.attempts(), 1);

        const QList<FakeS3Request> completes = requestsFor(*m_server, QStringLiteral("CompleteMultipartUpload"));
        QCOMPARE(completes.size(), 1);
        QCOMPARE(completes.constFirst().method, QByteArrayLiteral("POST"));
        QCOMPARE(completes.constFirst().queryItem(QStringLiteral("uploadId")), uploadId);
        QCOMPARE(xmlPartNumbers(completes.constFirst().body), QList<int>({1, 2, 3}));

        const auto object = m_server->object(Bucket, key);
        QVERIFY(object.has_value());
        QCOMPARE(object->data, QByteArray("first-second-third"));
        QCOMPARE(job.result().etag, QString::fromLatin1(object->etag));
        QVERIFY(job.result().etag.endsWith(QStringLiteral("-3\"")));
        QCOMPARE(CompleteMultipartUploadJob::expectedMultipartEtag(parts), job.result().etag);
        QVERIFY(m_server->multipartUploads(Bucket).isEmpty());
    }

    void completeRefusesZeroParts()
    {
        CompleteMultipartUploadJob job(m_client.get(), Bucket, QStringLiteral("k"), QStringLiteral("id"), {});
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QCOMPARE(job.error().kind(), S3Error::Kind::Invalid);
        QCOMPARE(m_server->count(QStringLiteral("*")), 0);
    }

    void completeWithErrorIn200Fails()
    {
        m_server->setMinPartSize(1);
        const QString uploadId = createUpload(QStringLiteral("k"));
        const QString etag = uploadPart(QStringLiteral("k"), uploadId, 1, "data");
        FakeS3Fault fault;
        fault.operation = QStringLiteral("CompleteMultipartUpload");
        fault.errorIn200 = true;
        fault.times = -1;
        m_server->addFault(fault);
        CompleteMultipartUploadJob job(m_client.get(), Bucket, QStringLiteral("k"), uploadId, {{1, etag}});
        job.setAutoDelete(false);
        job.setRetryPolicy(fastRetries(2));
        QVERIFY(runJob(job));
        QVERIFY(job.hasError());
        QCOMPARE(job.error().code(), QStringLiteral("InternalError"));
        QCOMPARE(job.attempts(), 2);
        QVERIFY(!m_server->object(Bucket, QStringLiteral("k")).has_value());
    }

    void completeRetriedAfterLostAnswer()
    {
        m_server->setMinPartSize(1);
        const QString key = QStringLiteral("lost");
        const QString uploadId = createUpload(key);
        const QList<CompletedPart> parts = {{1, uploadPart(key, uploadId, 1, "aaa")}, {2, uploadPart(key, uploadId, 2, "bbb")}};
        FakeS3Fault fault;
        fault.operation = QStringLiteral("CompleteMultipartUpload");
        fault.closeWithoutResponse = true;
        fault.executeOperation = true; // the object is made, the answer is lost
        m_server->addFault(fault);
        CompleteMultipartUploadJob job(m_client.get(), Bucket, key, uploadId, parts);
        job.setAutoDelete(false);
        job.setRetryPolicy(fastRetries(3));
        QVERIFY(runJob(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QVERIFY(job.completedAfterLostAnswer());
        QVERIFY(job.attempts() <= 2); // QNAM may have resent the POST itself
        QCOMPARE(m_server->count(QStringLiteral("CompleteMultipartUpload")), 2);
        QCOMPARE(m_server->count(QStringLiteral("HeadObject")), 1);
        const auto object = m_server->object(Bucket, key);
        QVERIFY(object.has_value());
        QCOMPARE(job.result().etag, QString::fromLatin1(object->etag));
        QCOMPARE(object->data, QByteArray("aaabbb"));
    }

    void completeAfterLostAnswerChecksTheObject()
    {
        // The upload is gone on the retry, but the object at the key is another one: not ours, a failure.
        m_server->setMinPartSize(1);
        const QString key = QStringLiteral("replaced");
        const QString uploadId = createUpload(key);
        const QList<CompletedPart> parts = {{1, uploadPart(key, uploadId, 1, "aaa")}};
        FakeS3Fault fault;
        fault.operation = QStringLiteral("CompleteMultipartUpload");
        fault.closeWithoutResponse = true;
        m_server->addFault(fault);
        FakeS3Fault gone;
        gone.operation = QStringLiteral("CompleteMultipartUpload");
        gone.status = 404;
        gone.code = QStringLiteral("NoSuchUpload");
        m_server->addFault(gone);
        m_server->putObject(Bucket, key, "someone else's object");
        CompleteMultipartUploadJob job(m_client.get(), Bucket, key, uploadId, parts);
        job.setAutoDelete(false);
        job.setRetryPolicy(fastRetries(3));
        QVERIFY(runJob(job));
        QCOMPARE(job.error().code(), QStringLiteral("NoSuchUpload"));
        QCOMPARE(m_server->count(QStringLiteral("HeadObject")), 1);
    }

    void completeOfAGoneUploadFails()
    {
        CompleteMultipartUploadJob job(m_client.get(), Bucket, QStringLiteral("k"), QStringLiteral("no-such-id"), {{1, QStringLiteral("\"abc\"")}});
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QCOMPARE(job.error().code(), QStringLiteral("NoSuchUpload"));
        QCOMPARE(m_server->count(QStringLiteral("HeadObject")), 1); // no object there: the error stands
        QVERIFY(!job.completedAfterLostAnswer());
    }

    void abortRemovesTheUploadAndAGoneOneIsOk()
    {
        const QString uploadId = createUpload(QStringLiteral("k"));
        QVERIFY(!uploadPart(QStringLiteral("k"), uploadId, 1, "data").isEmpty());
        {
            AbortMultipartUploadJob job(m_client.get(), Bucket, QStringLiteral("k"), uploadId);
            job.setAutoDelete(false);
            QVERIFY(runJob(job));
            QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
            QVERIFY(!job.alreadyGone());
        }
        QVERIFY(m_server->multipartUploads(Bucket).isEmpty());
        const FakeS3Request abort = requestsFor(*m_server, QStringLiteral("AbortMultipartUpload")).constFirst();
        QCOMPARE(abort.method, QByteArrayLiteral("DELETE"));
        QCOMPARE(abort.queryItem(QStringLiteral("uploadId")), uploadId);
        {
            AbortMultipartUploadJob job(m_client.get(), Bucket, QStringLiteral("k"), uploadId);
            job.setAutoDelete(false);
            QVERIFY(runJob(job));
            QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
            QVERIFY(job.alreadyGone());
        }
    }

    void listPartsFollowsPages()
    {
        const QString key = QStringLiteral("paged");
        const QString uploadId = createUpload(key);
        for (int number : {5, 1, 3, 2, 4})
            QVERIFY(!uploadPart(key, uploadId, number, QByteArray(number, 'p')).isEmpty());
        ListPartsJob job(m_client.get(), Bucket, key, uploadId);
        job.setAutoDelete(false);
        job.setMaxPartsPerPage(2);
        QVERIFY(runJob(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QCOMPARE(job.pageCount(), 3);
        QCOMPARE(job.parts().size(), 5);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(job.parts().at(i).partNumber, i + 1);
            QCOMPARE(job.parts().at(i).size, qint64(i + 1));
            QCOMPARE(job.parts().at(i).etag, quotedMd5(QByteArray(i + 1, 'p')));
        }
        const QList<FakeS3Request> pages = requestsFor(*m_server, QStringLiteral("ListParts"));
        QCOMPARE(pages.size(), 3);
        QVERIFY(!pages.at(0).hasQueryItem(QStringLiteral("part-number-marker")));
        QCOMPARE(pages.at(1).queryItem(QStringLiteral("part-number-marker")), QStringLiteral("2"));
        QCOMPARE(pages.at(2).queryItem(QStringLiteral("part-number-marker")), QStringLiteral("4"));
    }

    void listPartsOfAGoneUploadFails()
    {
        ListPartsJob job(m_client.get(), Bucket, QStringLiteral("k"), QStringLiteral("nope"));
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QCOMPARE(job.error().code(), QStringLiteral("NoSuchUpload"));
    }

    void listMultipartUploadsFollowsPages()
    {
        QStringList ids;
        for (const QString &key : {QStringLiteral("in/a"), QStringLiteral("in/b"), QStringLiteral("in/b"), QStringLiteral("in/c"),
                                   QStringLiteral("in/d"), QStringLiteral("out/x")})
            ids.append(createUpload(key));
        ListMultipartUploadsJob job(m_client.get(), Bucket, QStringLiteral("in/"));
        job.setAutoDelete(false);
        job.setMaxUploadsPerPage(2);
        QVERIFY(runJob(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QCOMPARE(job.pageCount(), 3);
        QStringList keys;
        QStringList seen;
        for (const MultipartUploadInfo &upload : job.uploads()) {
            keys.append(upload.key);
            seen.append(upload.uploadId);
        }
        QCOMPARE(keys, QStringList({QStringLiteral("in/a"), QStringLiteral("in/b"), QStringLiteral("in/b"), QStringLiteral("in/c"),
                                    QStringLiteral("in/d")}));
        std::sort(seen.begin(), seen.end());
        QStringList expected = ids.mid(0, 5);
        std::sort(expected.begin(), expected.end());
        QCOMPARE(seen, expected);
        const QList<FakeS3Request> pages = requestsFor(*m_server, QStringLiteral("ListMultipartUploads"));
        QCOMPARE(pages.size(), 3);
        QCOMPARE(pages.at(1).queryItem(QStringLiteral("key-marker")), QStringLiteral("in/b"));
        QVERIFY(!pages.at(1).queryItem(QStringLiteral("upload-id-marker")).isEmpty());
    }

    // --- MultipartUploader ---------------------------------------------------------------------------------

    void uploaderHappyPathWithPartsFinishingOutOfOrder()
    {
        m_server->setMinPartSize(1);
        auto uploader = makeUploader(QStringLiteral("manual.txt"));
        uploader->setMinPartSize(1);
        UploaderSpy spy(uploader.get());
        QCOMPARE(uploader->submitPart("too early"), -1); // before create()
        uploader->create();
        // Part 1 is held back by the server, so parts 2 and 3 finish first.
        FakeS3Fault slow;
        slow.operation = QStringLiteral("UploadPart");
        slow.delayMs = 400;
        m_server->addFault(slow);
        QCOMPARE(uploader->submitPart("one-"), 1); // allowed while the upload is being created
        QTRY_COMPARE(m_server->count(QStringLiteral("UploadPart")), 1);
        QCOMPARE(spy.created.count(), 1);
        QCOMPARE(spy.created.constFirst().constFirst().toString(), uploader->uploadId());
        QCOMPARE(uploader->submitPart("two-"), 2);
        QCOMPARE(uploader->submitPart("three"), 3);
        uploader->complete();
        QCOMPARE(uploader->submitPart("late"), -1); // after complete()
        QTRY_COMPARE(spy.endings(), 1);
        QCOMPARE(spy.completed.count(), 1);
        QCOMPARE(uploader->state(), MultipartUploader::State::Completed);

        QCOMPARE(spy.partFinished.count(), 3);
        QCOMPARE(spy.finishedParts().constLast(), 1); // finished last ...
        for (int i = 0; i < 3; ++i)
            QVERIFY(!spy.partError(i).isError());
        const auto object = m_server->object(Bucket, QStringLiteral("manual.txt"));
        QVERIFY(object.has_value());
        QCOMPARE(object->data, QByteArray("one-two-three")); // ... but assembled in number order
        QCOMPARE(object->contentType, QStringLiteral("text/plain"));
        const auto result = spy.completed.constFirst().constFirst().value<CompleteMultipartUploadResult>();
        QCOMPARE(result.etag, QString::fromLatin1(object->etag));
        QCOMPARE(xmlPartNumbers(requestsFor(*m_server, QStringLiteral("CompleteMultipartUpload")).constFirst().body), QList<int>({1, 2, 3}));
        QCOMPARE(uploader->completedParts().size(), 3);
    }

    void uploaderRespectsTheConcurrencyLimit()
    {
        m_server->setMinPartSize(1);
        auto uploader = makeUploader(QStringLiteral("limited"));
        uploader->setMinPartSize(1);
        uploader->setMaxConcurrentParts(3);
        QCOMPARE(uploader->maxConcurrentParts(), 3);
        UploaderSpy spy(uploader.get());
        FakeS3Fault slow;
        slow.operation = QStringLiteral("UploadPart");
        slow.delayMs = 60;
        slow.times = -1;
        m_server->addFault(slow);
        uploader->create();
        QByteArray expected;
        for (int i = 1; i <= 10; ++i) {
            const QByteArray data = QByteArray::number(i) + ';';
            expected += data;
            QCOMPARE(uploader->submitPart(data), i);
        }
        QTRY_COMPARE(spy.created.count(), 1);
        m_server->resetStatistics();
        uploader->complete();
        QTRY_COMPARE_WITH_TIMEOUT(spy.endings(), 1, 10000);
        QCOMPARE(spy.completed.count(), 1);
        QCOMPARE(m_server->maxConcurrentRequests(), 3);
        QCOMPARE(m_server->object(Bucket, QStringLiteral("limited"))->data, expected);
    }

    void uploaderAbortsOnAFatalPartError()
    {
        m_server->setMinPartSize(1);
        auto uploader = makeUploader(QStringLiteral("denied"));
        uploader->setMinPartSize(1);
        uploader->setMaxConcurrentParts(1);
        UploaderSpy spy(uploader.get());
        FakeS3Fault denied;
        denied.operation = QStringLiteral("UploadPart");
        denied.status = 403;
        denied.code = QStringLiteral("AccessDenied");
        m_server->addFault(denied);
        uploader->create();
        QCOMPARE(uploader->submitPart("a"), 1);
        QCOMPARE(uploader->submitPart("b"), 2);
        QCOMPARE(uploader->submitPart("c"), 3);
        QTRY_COMPARE(spy.endings(), 1);
        QCOMPARE(spy.failed.count(), 1);
        QCOMPARE(spy.failure().code(), QStringLiteral("AccessDenied"));
        QVERIFY(spy.failure().message().contains(QStringLiteral("part 1")));
        QCOMPARE(uploader->state(), MultipartUploader::State::Failed);
        // Each part is reported once: the failed one with its error, the others as cancelled.
        QCOMPARE(spy.finishedParts(), QList<int>({1, 2, 3}));
        QCOMPARE(spy.partError(0).code(), QStringLiteral("AccessDenied"));
        QCOMPARE(spy.partError(1).kind(), S3Error::Kind::Cancelled);
        QCOMPARE(spy.partError(2).kind(), S3Error::Kind::Cancelled);
        QCOMPARE(m_server->count(QStringLiteral("UploadPart")), 1); // a fatal error is not retried
        QCOMPARE(m_server->count(QStringLiteral("CompleteMultipartUpload")), 0);
        const QList<FakeS3Request> aborts = requestsFor(*m_server, QStringLiteral("AbortMultipartUpload"));
        QCOMPARE(aborts.size(), 1);
        QCOMPARE(aborts.constFirst().method, QByteArrayLiteral("DELETE"));
        QCOMPARE(aborts.constFirst().queryItem(QStringLiteral("uploadId")), uploader->uploadId());
        QVERIFY(m_server->multipartUploads(Bucket).isEmpty());
        QCOMPARE(uploader->submitPart("d"), -1);
    }

    void uploaderWithZeroPartsAbortsInsteadOfCompleting()
    {
        auto uploader = makeUploader(QStringLiteral("nothing"));
        UploaderSpy spy(uploader.get());
        uploader->create();
        uploader->complete();
        QTRY_COMPARE(spy.endings(), 1);
        QCOMPARE(spy.failed.count(), 1);
        QVERIFY2(spy.failure().message().contains(QStringLiteral("no parts were uploaded")), qPrintable(spy.failure().message()));
        QCOMPARE(m_server->count(QStringLiteral("CompleteMultipartUpload")), 0);
        QCOMPARE(m_server->count(QStringLiteral("AbortMultipartUpload")), 1);
        QVERIFY(m_server->multipartUploads(Bucket).isEmpty());
    }

    void uploaderRetriesAPartAfter500()
    {
        m_server->setMinPartSize(1);
        auto uploader = makeUploader(QStringLiteral("retried"));
        uploader->setMinPartSize(1);
        UploaderSpy spy(uploader.get());
        FakeS3Fault broken;
        broken.operation = QStringLiteral("UploadPart");
        broken.status = 500;
        m_server->addFault(broken);
        uploader->create();
        QCOMPARE(uploader->submitPart("only part"), 1);
        uploader->complete();
        QTRY_COMPARE(spy.endings(), 1);
        QVERIFY2(spy.completed.count() == 1, qPrintable(spy.failure().toString()));
        QCOMPARE(m_server->count(QStringLiteral("UploadPart")), 2);
        QCOMPARE(spy.partFinished.count(), 1);
        QVERIFY(!spy.partError(0).isError());
        QCOMPARE(m_server->object(Bucket, QStringLiteral("retried"))->data, QByteArray("only part"));
    }

    void uploaderRealSizePartsFromAFile()
    {
        // The real 5 MiB minimum on both sides: two full parts and a small last one, read from a file.
        const QByteArray data = randomBytes(2 * MinPartSize + 1000, 42);
        const QString path = m_dir->filePath(QStringLiteral("big.bin"));
        QVERIFY(writeFile(path, data));
        auto uploader = makeUploader(QStringLiteral("big.bin"));
        UploaderSpy spy(uploader.get());
        uploader->create();
        QCOMPARE(uploader->submitPart(path, 0, MinPartSize), 1);
        QCOMPARE(uploader->submitPart(path, MinPartSize, MinPartSize), 2);
        QCOMPARE(uploader->submitPart(path, 2 * MinPartSize, 1000), 3);
        uploader->complete();
        QTRY_COMPARE_WITH_TIMEOUT(spy.endings(), 1, 20000);
        QVERIFY2(spy.completed.count() == 1, qPrintable(spy.failure().toString()));
        const auto object = m_server->object(Bucket, QStringLiteral("big.bin"));
        QVERIFY(object.has_value());
        QVERIFY(object->data == data);
        QVERIFY(object->etag.endsWith("-3\""));
        for (const FakeS3Request &request : requestsFor(*m_server, QStringLiteral("UploadPart")))
            QVERIFY(request.hasHeader("content-md5"));
    }

    void uploaderRefusesSmallPartsBeforeComplete()
    {
        auto uploader = makeUploader(QStringLiteral("small"));
        UploaderSpy spy(uploader.get());
        uploader->create();
        uploader->submitPart(QByteArray(1000, 'a'));
        uploader->submitPart(QByteArray(1000, 'b'));
        uploader->complete();
        QTRY_COMPARE(spy.endings(), 1);
        QCOMPARE(spy.failed.count(), 1);
        QCOMPARE(spy.failure().code(), QStringLiteral("EntityTooSmall"));
        QCOMPARE(spy.failure().kind(), S3Error::Kind::Invalid);
        QVERIFY(spy.failure().message().contains(QStringLiteral("part 1")));
        QCOMPARE(m_server->count(QStringLiteral("CompleteMultipartUpload")), 0);
        QCOMPARE(m_server->count(QStringLiteral("AbortMultipartUpload")), 1);
        QVERIFY(m_server->multipartUploads(Bucket).isEmpty());
    }

    void uploaderAbortCancelsPartsInFlight()
    {
        auto uploader = makeUploader(QStringLiteral("cancelled"));
        UploaderSpy spy(uploader.get());
        FakeS3Fault hang;
        hang.operation = QStringLiteral("UploadPart");
        hang.hang = true;
        hang.times = -1;
        m_server->addFault(hang);
        uploader->create();
        uploader->submitPart("a");
        uploader->submitPart("b");
        QTRY_COMPARE(m_server->count(QStringLiteral("UploadPart")), 2);
        uploader->abort();
        QCOMPARE(spy.finishedParts(), QList<int>({1, 2})); // reported before abort() returns
        QCOMPARE(spy.partError(0).kind(), S3Error::Kind::Cancelled);
        QTRY_COMPARE(spy.endings(), 1);
        QCOMPARE(spy.aborted.count(), 1);
        QCOMPARE(uploader->state(), MultipartUploader::State::Aborted);
        QVERIFY(m_server->multipartUploads(Bucket).isEmpty());
    }

    void uploaderAbortWhileCreating()
    {
        auto uploader = makeUploader(QStringLiteral("early"));
        UploaderSpy spy(uploader.get());
        uploader->create();
        uploader->submitPart("a");
        uploader->abort(); // the upload id is not known yet: it is aborted once it is
        QTRY_COMPARE(spy.endings(), 1);
        QCOMPARE(spy.aborted.count(), 1);
        QCOMPARE(spy.created.count(), 0);
        QCOMPARE(spy.finishedParts(), QList<int>({1}));
        QCOMPARE(m_server->count(QStringLiteral("UploadPart")), 0);
        QCOMPARE(m_server->count(QStringLiteral("AbortMultipartUpload")), 1);
        QVERIFY(m_server->multipartUploads(Bucket).isEmpty());
    }

    void uploaderResumesAfterTheServersParts()
    {
        m_server->setMinPartSize(1);
        const QString key = QStringLiteral("resumed");
        const QString uploadId = createUpload(key);
        QVERIFY(!uploadPart(key, uploadId, 1, "one-").isEmpty());
        QVERIFY(!uploadPart(key, uploadId, 2, "two-").isEmpty());

        auto uploader = makeUploader(key);
        uploader->setMinPartSize(1);
        UploaderSpy spy(uploader.get());
        QSignalSpy resumed(uploader.get(), &MultipartUploader::resumed);
        QSignalSpy listed(uploader.get(), &MultipartUploader::partsListed);
        uploader->resume(uploadId);
        QCOMPARE(uploader->submitPart("too early"), -1); // numbering is known only after the listing
        QTRY_COMPARE(resumed.count(), 1);
        QCOMPARE(resumed.constFirst().at(1).value<QList<PartInfo>>().size(), 2);
        QCOMPARE(uploader->submitPart("three"), 3);
        uploader->listParts();
        QTRY_COMPARE(listed.count(), 1);
        uploader->complete();
        QTRY_COMPARE(spy.endings(), 1);
        QVERIFY2(spy.completed.count() == 1, qPrintable(spy.failure().toString()));
        QCOMPARE(m_server->object(Bucket, key)->data, QByteArray("one-two-three"));
        QCOMPARE(m_server->count(QStringLiteral("UploadPart")), 3); // parts 1 and 2 were not sent again
    }

    void uploaderResumeOfAGoneUploadFails()
    {
        auto uploader = makeUploader(QStringLiteral("k"));
        UploaderSpy spy(uploader.get());
        uploader->resume(QStringLiteral("gone"));
        QTRY_COMPARE(spy.endings(), 1);
        QCOMPARE(spy.failure().code(), QStringLiteral("NoSuchUpload"));
        QCOMPARE(m_server->count(QStringLiteral("AbortMultipartUpload")), 0);
    }
};

QTEST_GUILESS_MAIN(TestMultipartJobs)
#include "tst_multipartjobs.moc"
