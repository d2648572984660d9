// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/multipartjobs.h"

#include <algorithm>
#include <memory>
#include <optional>

#include <QFile>
#include <QFileInfo>
#include <QFuture>
#include <QNetworkReply>
#include <QPromise>
#include <QSet>
#include <QThreadPool>

#include "s3core/crypto.h"
#include "s3core/logging.h"
#include "s3core/net/s3client.h"
#include "s3core/transfer/partplanner.h"
#include "s3core/xml/s3xml.h"
#include "platform/workerresult.h"

namespace s3 {

namespace {

/** Below this, an in-memory part is hashed inline: a thread hop costs more than ~3 ms of hashing. */
constexpr qsizetype InlineHashLimit = 1024 * 1024;

const QByteArray UnsignedPayload = QByteArrayLiteral("UNSIGNED-PAYLOAD");

Result<Ok> checkTarget(const QString &bucket, const QString &key, const QString &uploadId)
{
    if (bucket.isEmpty())
        return S3Error::invalid(QStringLiteral("no bucket given"));
    if (key.isEmpty())
        return S3Error::invalid(QStringLiteral("no object key given"));
    if (uploadId.isEmpty())
        return S3Error::invalid(QStringLiteral("no upload id given"));
    return Ok{};
}

QByteArray bareEtag(const QString &etag)
{
    QByteArray bare = etag.trimmed().toLatin1();
    if (bare.startsWith("W/"))
        bare = bare.mid(2);
    if (bare.size() >= 2 && bare.startsWith('"') && bare.endsWith('"'))
        bare = bare.mid(1, bare.size() - 2);
    return bare.toLower();
}

QString quotedEtag(const QString &etag)
{
    if (etag.isEmpty() || etag.startsWith(u'"') || etag.startsWith(QLatin1String("W/")))
        return etag;
    return u'"' + etag + u'"';
}

bool isMd5Hex(const QByteArray &text)
{
    if (text.size() != 32)
        return false;
    return std::all_of(text.cbegin(), text.cend(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

struct PartDigests
{
    QByteArray sha256;
    QByteArray md5;
    qint64 size = 0;
};

PartDigests digestBytes(QByteArrayView data, bool sha256, bool md5)
{
    PartDigests digests;
    digests.size = data.size();
    if (sha256)
        digests.sha256 = crypto::sha256(data);
    if (md5)
        digests.md5 = crypto::md5(data);
    return digests;
}

/** Blocking: [offset, offset + length) of a file through only the hashes asked for, 1 MiB at a time. */
Result<PartDigests> digestFileRange(const QString &path, qint64 offset, qint64 length, bool sha256, bool md5)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return S3Error::io(QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));
    if (!file.seek(offset))
        return S3Error::io(QStringLiteral("cannot seek in %1: %2").arg(path, file.errorString()));
    std::optional<crypto::Hasher> shaHasher;
    std::optional<crypto::Hasher> md5Hasher;
    if (sha256)
        shaHasher.emplace(crypto::Algorithm::Sha256);
    if (md5)
        md5Hasher.emplace(crypto::Algorithm::Md5);
    QByteArray buffer(qsizetype(std::clamp<qint64>(length, 1, 1024 * 1024)), Qt::Uninitialized);
    PartDigests digests;
    qint64 remaining = length;
    while (remaining > 0) {
        const qint64 got = file.read(buffer.data(), std::min<qint64>(remaining, buffer.size()));
        if (got < 0)
            return S3Error::io(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        if (got == 0)
            return S3Error::io(QStringLiteral("%1 shrank while it was being read; try again").arg(path));
        const QByteArrayView chunk(buffer.constData(), qsizetype(got));
        if (shaHasher)
            shaHasher->addData(chunk);
        if (md5Hasher)
            md5Hasher->addData(chunk);
        digests.size += got;
        remaining -= got;
    }
    if (shaHasher)
        digests.sha256 = shaHasher->result();
    if (md5Hasher)
        digests.md5 = md5Hasher->result();
    return digests;
}

/** An S3Job for one prepared request, used inside the composite jobs below. */
class RequestJob final : public S3Job
{
    Q_OBJECT
public:
    using SuccessHandler = std::function<Result<Ok>(QNetworkReply *, const QByteArray &)>;

    RequestJob(S3Client *client, S3Request request, bool idempotent, QObject *parent)
        : S3Job(client, parent)
        , m_request(std::move(request))
        , m_idempotent(idempotent)
    {
    }
    void setSuccessHandler(SuccessHandler handler) { m_onSuccess = std::move(handler); }

protected:
    Result<S3Request> buildRequest() override { return m_request; }
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override
    {
        return m_onSuccess ? m_onSuccess(reply, body) : Result<Ok>(Ok{});
    }
    bool isIdempotent() const override { return m_idempotent; }

private:
    S3Request m_request;
    bool m_idempotent;
    SuccessHandler m_onSuccess;
};

} // namespace

// --- CreateMultipartUpload --------------------------------------------------------------------------------

CreateMultipartUploadJob::CreateMultipartUploadJob(S3Client *client, QString bucket, QString key, ObjectAttributes attributes,
                                                   QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
    , m_attributes(std::move(attributes))
{
}

Result<S3Request> CreateMultipartUploadJob::buildRequest()
{
    if (m_bucket.isEmpty())
        return S3Error::invalid(QStringLiteral("no bucket given"));
    if (m_key.isEmpty())
        return S3Error::invalid(QStringLiteral("no object key given"));
    S3Request request;
    request.method = QByteArrayLiteral("POST");
    request.bucket = m_bucket;
    request.key = m_key;
    request.query = {{QByteArrayLiteral("uploads"), QByteArray()}};
    ObjectAttributes attributes = m_attributes;
    if (attributes.contentType.isEmpty())
        attributes.contentType = contentTypeForName(m_key);
    applyObjectAttributes(request, attributes);
    return request;
}

Result<Ok> CreateMultipartUploadJob::handleSuccess(QNetworkReply *, const QByteArray &body)
{
    Result<InitiateMultipartUploadResult> parsed = xml::parseInitiateMultipartUpload(body);
    if (!parsed)
        return parsed.error();
    if (parsed->uploadId.isEmpty())
        return S3Error::invalid(QStringLiteral("the server started an upload of %1 but sent no upload id").arg(m_key));
    m_result = std::move(parsed).value();
    return Ok{};
}

// --- UploadPart -------------------------------------------------------------------------------------------

PartSource PartSource::fromData(QByteArray data)
{
    PartSource source;
    source.length = data.size();
    source.data = std::move(data);
    return source;
}

PartSource PartSource::fromFile(QString path, qint64 offset, qint64 length, QDateTime expectedModified)
{
    PartSource source;
    source.filePath = std::move(path);
    source.offset = offset;
    source.length = length;
    source.expectedModified = std::move(expectedModified);
    return source;
}

UploadPartJob::UploadPartJob(S3Client *client, QString bucket, QString key, QString uploadId, int partNumber, PartSource source,
                             QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
    , m_uploadId(std::move(uploadId))
    , m_partNumber(partNumber)
    , m_source(std::move(source))
{
}

Result<Ok> UploadPartJob::checkFileUnchanged() const
{
    const QFileInfo info(m_source.filePath);
    if (!info.exists())
        return S3Error::io(QStringLiteral("%1 disappeared during the upload").arg(m_source.filePath));
    if (info.size() != m_fileSize || info.lastModified() != m_fileModified)
        return S3Error::io(QStringLiteral("%1 changed during the upload (size or modification time); upload it again")
                               .arg(m_source.filePath));
    return Ok{};
}

IntegrityMode effectiveIntegrityMode(IntegrityMode mode, bool https)
{
    if (mode == IntegrityMode::Auto)
        return https ? IntegrityMode::TlsOnly : IntegrityMode::Sha256Only;
    return mode;
}

void UploadPartJob::prepare(std::function<void(Result<Ok>)> ready)
{
    if (auto valid = checkTarget(m_bucket, m_key, m_uploadId); !valid) {
        ready(valid.error());
        return;
    }
    if (m_partNumber < 1 || m_partNumber > MaxParts) {
        ready(S3Error::invalid(QStringLiteral("part number %1 is outside 1..%2").arg(m_partNumber).arg(MaxParts)));
        return;
    }
    const bool https = client()->endpoint().isHttps();
    m_mode = effectiveIntegrityMode(m_mode, https);
    if ((m_mode == IntegrityMode::Md5Only || m_mode == IntegrityMode::TlsOnly) && !https) {
        ready(S3Error::invalid(QStringLiteral("an unsigned payload needs HTTPS; over plain HTTP the SHA-256 of each part must be signed")));
        return;
    }
    if (!m_sha256.isEmpty() && m_sha256.size() != 32) {
        ready(S3Error::invalid(QStringLiteral("a precomputed SHA-256 must be 32 raw bytes, not %1").arg(m_sha256.size())));
        return;
    }
    if (!m_md5.isEmpty() && m_md5.size() != 16) {
        ready(S3Error::invalid(QStringLiteral("a precomputed MD5 must be 16 raw bytes, not %1").arg(m_md5.size())));
        return;
    }
    const bool signSha = m_mode == IntegrityMode::Sha256AndMd5 || m_mode == IntegrityMode::Sha256Only;
    const bool sendMd5 = m_mode == IntegrityMode::Sha256AndMd5 || m_mode == IntegrityMode::Md5Only;
    if (!signSha)
        m_sha256.clear();
    if (!sendMd5)
        m_md5.clear();
    const bool needSha = signSha && m_sha256.isEmpty();
    const bool needMd5 = sendMd5 && m_md5.isEmpty();

    if (m_source.isFile()) {
        const QFileInfo info(m_source.filePath);
        if (!info.exists()) {
            ready(S3Error::io(QStringLiteral("%1 does not exist").arg(m_source.filePath)));
            return;
        }
        if (!info.isFile()) {
            ready(S3Error::io(QStringLiteral("%1 is not a regular file").arg(m_source.filePath)));
            return;
        }
        m_fileSize = info.size();
        m_fileModified = info.lastModified();
        if ((m_source.expectedFileSize >= 0 && m_source.expectedFileSize != m_fileSize)
            || (m_source.expectedModified.isValid() && m_source.expectedModified != m_fileModified)) {
            ready(S3Error::io(QStringLiteral("%1 changed since the upload started (size or modification time)").arg(m_source.filePath)));
            return;
        }
        if (m_source.offset < 0 || m_source.offset > m_fileSize
            || (m_source.length >= 0 && m_source.offset + m_source.length > m_fileSize)) {
            ready(S3Error::io(QStringLiteral("%1 is %2 bytes, too short for part %3 (bytes %4 + %5)")
                                  .arg(m_source.filePath)
                                  .arg(m_fileSize)
                                  .arg(m_partNumber)
                                  .arg(m_source.offset)
                                  .arg(m_source.length)));
            return;
        }
        m_size = m_source.length >= 0 ? m_source.length : m_fileSize - m_source.offset;
    } else {
        m_size = m_source.data.size();
    }
    if (m_size > MaxPartSize) {
        ready(S3Error::invalid(QStringLiteral("part %1 is %2; S3 limits parts to 5 GiB").arg(m_partNumber).arg(formatByteSize(m_size))));
        return;
    }
    if (!needSha && !needMd5) {
        ready(Ok{});
        return;
    }
    if (!m_source.isFile() && m_source.data.size() <= InlineHashLimit) {
        const PartDigests digests = digestBytes(m_source.data, needSha, needMd5);
        if (needSha)
            m_sha256 = digests.sha256;
        if (needMd5)
            m_md5 = digests.md5;
        ready(Ok{});
        return;
    }

    // Hash off this thread (the engine's or the GUI's), in one pass for both digests.
    using Digested = std::shared_ptr<Result<PartDigests>>;
    auto promise = std::make_shared<QPromise<Digested>>();
    QFuture<Digested> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, source = m_source, size = m_size, needSha, needMd5] {
        if (source.isFile())
            promise->addResult(std::make_shared<Result<PartDigests>>(digestFileRange(source.filePath, source.offset, size, needSha, needMd5)));
        else
            promise->addResult(std::make_shared<Result<PartDigests>>(digestBytes(source.data, needSha, needMd5)));
        promise->finish();
    });
    platform::whenReady(this, future, [this, ready, needSha, needMd5](Digested digests) {
        if (!*digests) {
            ready(digests->error());
            return;
        }
        if (needSha)
            m_sha256 = digests->value().sha256;
        if (needMd5)
            m_md5 = digests->value().md5;
        if (m_source.isFile()) {
            if (auto unchanged = checkFileUnchanged(); !unchanged) {
                ready(unchanged.error());
                return;
            }
        }
        ready(Ok{});
    });
}

Result<S3Request> UploadPartJob::buildRequest()
{
    S3Request request;
    request.method = QByteArrayLiteral("PUT");
    request.bucket = m_bucket;
    request.key = m_key;
    request.query = {{QByteArrayLiteral("partNumber"), QByteArray::number(m_partNumber)}, {QByteArrayLiteral("uploadId"), m_uploadId.toUtf8()}};
    if (!m_md5.isEmpty())
        request.setHeader(QByteArrayLiteral("content-md5"), m_md5.toBase64());
    request.payloadHash = m_sha256.isEmpty() ? UnsignedPayload : m_sha256.toHex();
    m_sseCustomerKey.applyTo(request);
    if (!m_source.isFile()) {
        request.body = m_source.data;
        request.bulkBody = true;
        return request;
    }
    // The bytes we hashed must be the bytes we send, on every attempt.
    if (auto unchanged = checkFileUnchanged(); !unchanged)
        return unchanged.error();
    request.bodyFile = m_source.filePath;
    request.bodyOffset = m_source.offset;
    request.bodyLength = m_size;
    return request;
}

Result<Ok> UploadPartJob::handleSuccess(QNetworkReply *reply, const QByteArray &)
{
    m_etag = QString::fromLatin1(reply->rawHeader(QByteArrayLiteral("ETag")));
    if (m_etag.isEmpty()) {
        S3Error error(S3Error::Kind::Invalid, QStringLiteral("the server sent no ETag for part %1").arg(m_partNumber));
        error.setHttpStatus(httpStatus());
        return error;
    }
    return Ok{};
}

// --- CompleteMultipartUpload ------------------------------------------------------------------------------

CompleteMultipartUploadJob::CompleteMultipartUploadJob(S3Client *client, QString bucket, QString key, QString uploadId,
                                                       QList<CompletedPart> parts, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
    , m_uploadId(std::move(uploadId))
    , m_parts(std::move(parts))
{
    std::sort(m_parts.begin(), m_parts.end(), [](const CompletedPart &a, const CompletedPart &b) { return a.partNumber < b.partNumber; });
}

QString CompleteMultipartUploadJob::expectedMultipartEtag(QList<CompletedPart> parts)
{
    std::sort(parts.begin(), parts.end(), [](const CompletedPart &a, const CompletedPart &b) { return a.partNumber < b.partNumber; });
    QByteArray md5s;
    for (const CompletedPart &part : std::as_const(parts)) {
        const QByteArray bare = bareEtag(part.etag);
        if (!isMd5Hex(bare))
            return {};
        md5s += QByteArray::fromHex(bare);
    }
    return QStringLiteral("\"%1-%2\"").arg(QString::fromLatin1(crypto::md5(md5s).toHex())).arg(parts.size());
}

void CompleteMultipartUploadJob::doStart()
{
    if (!m_client) {
        emitResult(S3Error::invalid(QStringLiteral("job has no client")));
        return;
    }
    if (auto valid = checkTarget(m_bucket, m_key, m_uploadId); !valid) {
        emitResult(valid.error());
        return;
    }
    if (m_parts.isEmpty()) {
        emitResult(S3Error::invalid(QStringLiteral("an upload cannot be completed without parts (S3 refuses an empty list); "
                                                   "abort it instead")));
        return;
    }
    for (qsizetype i = 0; i < m_parts.size(); ++i) {
        const CompletedPart &part = m_parts.at(i);
        if (part.partNumber < 1 || part.partNumber > MaxParts) {
            emitResult(S3Error::invalid(QStringLiteral("part number %1 is outside 1..%2").arg(part.partNumber).arg(MaxParts)));
            return;
        }
        if (i > 0 && m_parts.at(i - 1).partNumber == part.partNumber) {
            emitResult(S3Error::invalid(QStringLiteral("part %1 is listed twice").arg(part.partNumber)));
            return;
        }
        if (part.etag.isEmpty()) {
            emitResult(S3Error::invalid(QStringLiteral("part %1 has no ETag").arg(part.partNumber)));
            return;
        }
    }
    S3Request request;
    request.method = QByteArrayLiteral("POST");
    request.bucket = m_bucket;
    request.key = m_key;
    request.query = {{QByteArrayLiteral("uploadId"), m_uploadId.toUtf8()}};
    request.setHeader(QByteArrayLiteral("content-type"), QByteArrayLiteral("application/xml"));
    request.body = xml::buildCompleteMultipartUpload(m_parts);

    // Sent again on retryable failures (AWS recommends retrying Complete); a lost answer is handled below.
    auto *job = new RequestJob(m_client, std::move(request), true, this);
    job->setRetryPolicy(m_retryPolicy);
    job->setSuccessHandler([this](QNetworkReply *, const QByteArray &body) -> Result<Ok> {
        Result<CompleteMultipartUploadResult> parsed = xml::parseCompleteMultipartUpload(body);
        if (!parsed)
            return parsed.error();
        m_result = std::move(parsed).value();
        return Ok{};
    });
    m_current = job;
    connect(job, &Job::finished, this, [this, job] {
        m_current = nullptr;
        m_attempts = job->attempts();
        if (!job->hasError()) {
            if (m_result.etag.isEmpty()) { // Ceph RGW 16 answers the first Complete with an empty <ETag/>
                fetchEtag();
                return;
            }
            m_result.etag = quotedEtag(m_result.etag); // and a repeated one with an unquoted ETag
            emitResult();
            return;
        }
        // Also on the first attempt: QNAM itself resends a request whose connection closed before any answer.
        if (job->error().code() == QLatin1String("NoSuchUpload")) {
            verifyByHead(job->error());
            return;
        }
        emitResult(job->error());
    });
    job->start();
}

void CompleteMultipartUploadJob::fetchEtag()
{
    auto *head = new HeadObjectJob(m_client, m_bucket, m_key, this);
    head->setRetryPolicy(m_retryPolicy);
    head->setSseCustomerKey(m_sseCustomerKey);
    m_current = head;
    connect(head, &Job::finished, this, [this, head] {
        m_current = nullptr;
        // The object is complete either way; without a HEAD answer, the ETag it must have is the next best thing.
        if (!head->hasError() && !head->metadata().etag.isEmpty())
            m_result.etag = head->metadata().etag;
        else
            m_result.etag = expectedMultipartEtag(m_parts);
        emitResult();
    });
    head->start();
}

void CompleteMultipartUploadJob::verifyByHead(const S3Error &noSuchUpload)
{
    qCInfo(lcS3Transfer) << "Complete of" << m_key << "was retried and the upload is gone: checking whether the first attempt completed it";
    auto *head = new HeadObjectJob(m_client, m_bucket, m_key, this);
    head->setRetryPolicy(m_retryPolicy);
    head->setSseCustomerKey(m_sseCustomerKey);
    m_current = head;
    connect(head, &Job::finished, this, [this, head, noSuchUpload] {
        m_current = nullptr;
        S3Error error = noSuchUpload;
        if (head->hasError()) {
            error.setMessage(QStringLiteral("%1 (the upload is gone after a retried Complete, and the object could not be checked: %2)")
                                 .arg(noSuchUpload.message(), head->error().toString()));
            emitResult(error);
            return;
        }
        const QString etag = head->metadata().etag;
        const QString expected = expectedMultipartEtag(m_parts);
        const QByteArray suffix = '-' + QByteArray::number(m_parts.size());
        // An exact multipart ETag identifies these parts; the bare "-N" suffix is trusted only after a retry of ours.
        const bool ours = expected.isEmpty() ? m_attempts > 1 && bareEtag(etag).endsWith(suffix) : bareEtag(etag) == bareEtag(expected);
        if (!ours) {
            error.setMessage(QStringLiteral("%1 (the upload is gone after a retried Complete, and the object at the key, ETag %2, "
                                            "is not the one these %3 parts make)")
                                 .arg(noSuchUpload.message(), etag)
                                 .arg(m_parts.size()));
            emitResult(error);
            return;
        }
        qCInfo(lcS3Transfer) << "the first Complete of" << m_key << "had succeeded; its answer was lost";
        m_viaHead = true;
        m_result = {};
        m_result.bucket = m_bucket;
        m_result.key = m_key;
        m_result.etag = etag;
        emitResult();
    });
    head->start();
}

void CompleteMultipartUploadJob::doCancel()
{
    cancelQuietly(m_current, this);
}

// --- AbortMultipartUpload ---------------------------------------------------------------------------------

AbortMultipartUploadJob::AbortMultipartUploadJob(S3Client *client, QString bucket, QString key, QString uploadId, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
    , m_uploadId(std::move(uploadId))
{
}

void AbortMultipartUploadJob::doStart()
{
    if (!m_client) {
        emitResult(S3Error::invalid(QStringLiteral("job has no client")));
        return;
    }
    if (auto valid = checkTarget(m_bucket, m_key, m_uploadId); !valid) {
        emitResult(valid.error());
        return;
    }
    S3Request request;
    request.method = QByteArrayLiteral("DELETE");
    request.bucket = m_bucket;
    request.key = m_key;
    request.query = {{QByteArrayLiteral("uploadId"), m_uploadId.toUtf8()}};
    auto *job = new RequestJob(m_client, std::move(request), true, this);
    job->setRetryPolicy(m_retryPolicy);
    m_current = job;
    connect(job, &Job::finished, this, [this, job] {
        m_current = nullptr;
        if (job->error().code() == QLatin1String("NoSuchUpload")) {
            m_alreadyGone = true;
            emitResult();
            return;
        }
        emitResult(job->error());
    });
    job->start();
}

void AbortMultipartUploadJob::doCancel()
{
    cancelQuietly(m_current, this);
}

// --- ListParts --------------------------------------------------------------------------------------------

ListPartsPageJob::ListPartsPageJob(S3Client *client, QString bucket, QString key, QString uploadId, int partNumberMarker,
                                   int maxParts, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
    , m_uploadId(std::move(uploadId))
    , m_marker(partNumberMarker)
    , m_maxParts(maxParts)
{
}

Result<S3Request> ListPartsPageJob::buildRequest()
{
    if (auto valid = checkTarget(m_bucket, m_key, m_uploadId); !valid)
        return valid.error();
    S3Request request;
    request.method = QByteArrayLiteral("GET");
    request.bucket = m_bucket;
    request.key = m_key;
    request.query = {{QByteArrayLiteral("uploadId"), m_uploadId.toUtf8()}};
    if (m_marker > 0)
        request.query.append({QByteArrayLiteral("part-number-marker"), QByteArray::number(m_marker)});
    if (m_maxParts > 0)
        request.query.append({QByteArrayLiteral("max-parts"), QByteArray::number(m_maxParts)});
    return request;
}

Result<Ok> ListPartsPageJob::handleSuccess(QNetworkReply *, const QByteArray &body)
{
    Result<ListPartsResult> parsed = xml::parseListParts(body);
    if (!parsed)
        return parsed.error();
    m_page = std::move(parsed).value();
    return Ok{};
}

ListPartsJob::ListPartsJob(S3Client *client, QString bucket, QString key, QString uploadId, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
    , m_uploadId(std::move(uploadId))
{
}

void ListPartsJob::doStart()
{
    if (!m_client) {
        emitResult(S3Error::invalid(QStringLiteral("job has no client")));
        return;
    }
    requestPage(0);
}

void ListPartsJob::requestPage(int marker)
{
    auto *job = new ListPartsPageJob(m_client, m_bucket, m_key, m_uploadId, marker, m_maxParts, this);
    job->setRetryPolicy(m_retryPolicy);
    m_current = job;
    connect(job, &Job::finished, this, [this, job, marker] {
        m_current = nullptr;
        if (job->hasError()) {
            emitResult(job->error());
            return;
        }
        const ListPartsResult &page = job->page();
        ++m_pages;
        m_parts += page.parts;
        if (!page.isTruncated) {
            std::sort(m_parts.begin(), m_parts.end(), [](const PartInfo &a, const PartInfo &b) { return a.partNumber < b.partNumber; });
            emitResult();
            return;
        }
        int next = page.nextPartNumberMarker;
        if (next <= marker && !page.parts.isEmpty())
            next = page.parts.constLast().partNumber;
        // Markers must move forward: one seen before (or none) would page forever.
        if (next <= marker) {
            emitResult(S3Error::invalid(
                QStringLiteral("the server said the part list continues but gave no next part-number marker after part %1 "
                               "(none, or one already used); the list was stopped so it cannot loop forever")
                    .arg(marker)));
            return;
        }
        requestPage(next);
    });
    job->start();
}

void ListPartsJob::doCancel()
{
    cancelQuietly(m_current, this);
}

// --- ListMultipartUploads ---------------------------------------------------------------------------------

ListMultipartUploadsPageJob::ListMultipartUploadsPageJob(S3Client *client, QString bucket, QString prefix, QString keyMarker,
                                                         QString uploadIdMarker, int maxUploads, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_prefix(std::move(prefix))
    , m_keyMarker(std::move(keyMarker))
    , m_uploadIdMarker(std::move(uploadIdMarker))
    , m_maxUploads(maxUploads)
{
}

Result<S3Request> ListMultipartUploadsPageJob::buildRequest()
{
    if (m_bucket.isEmpty())
        return S3Error::invalid(QStringLiteral("no bucket given"));
    S3Request request;
    request.method = QByteArrayLiteral("GET");
    request.bucket = m_bucket;
    request.query = {{QByteArrayLiteral("uploads"), QByteArray()}};
    if (!m_prefix.isEmpty())
        request.query.append({QByteArrayLiteral("prefix"), m_prefix.toUtf8()});
    if (!m_keyMarker.isEmpty())
        request.query.append({QByteArrayLiteral("key-marker"), m_keyMarker.toUtf8()});
    if (!m_uploadIdMarker.isEmpty())
        request.query.append({QByteArrayLiteral("upload-id-marker"), m_uploadIdMarker.toUtf8()});
    if (m_maxUploads > 0)
        request.query.append({QByteArrayLiteral("max-uploads"), QByteArray::number(m_maxUploads)});
    return request;
}

Result<Ok> ListMultipartUploadsPageJob::handleSuccess(QNetworkReply *, const QByteArray &body)
{
    Result<ListMultipartUploadsResult> parsed = xml::parseListMultipartUploads(body);
    if (!parsed)
        return parsed.error();
    m_page = std::move(parsed).value();
    return Ok{};
}

ListMultipartUploadsJob::ListMultipartUploadsJob(S3Client *client, QString bucket, QString prefix, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
    , m_prefix(std::move(prefix))
{
}

void ListMultipartUploadsJob::doStart()
{
    if (!m_client) {
        emitResult(S3Error::invalid(QStringLiteral("job has no client")));
        return;
    }
    requestPage({}, {});
}

void ListMultipartUploadsJob::requestPage(const QString &keyMarker, const QString &uploadIdMarker)
{
    auto *job = new ListMultipartUploadsPageJob(m_client, m_bucket, m_prefix, keyMarker, uploadIdMarker, m_maxUploads, this);
    job->setRetryPolicy(m_retryPolicy);
    m_current = job;
    connect(job, &Job::finished, this, [this, job, keyMarker, uploadIdMarker] {
        m_current = nullptr;
        if (job->hasError()) {
            emitResult(job->error());
            return;
        }
        const ListMultipartUploadsResult &page = job->page();
        ++m_pages;
        m_uploads += page.uploads;
        if (!page.isTruncated) {
            emitResult();
            return;
        }
        QString nextKey = page.nextKeyMarker;
        QString nextUploadId = page.nextUploadIdMarker;
        if (nextKey.isEmpty() && !page.uploads.isEmpty()) {
            nextKey = page.uploads.constLast().key;
            nextUploadId = page.uploads.constLast().uploadId;
        }
        if (nextKey.isEmpty()) {
            emitResult(S3Error::invalid(QStringLiteral("the server said the upload list continues but gave no next marker")));
            return;
        }
        // A marker pair asked for before would page forever (and list the same uploads again).
        m_seenMarkers.insert({keyMarker, uploadIdMarker});
        if (m_seenMarkers.contains({nextKey, nextUploadId})) {
            emitResult(S3Error::invalid(QStringLiteral("the server sent the upload list marker \"%1\" / \"%2\" a second time; "
                                                       "the list was stopped so it cannot loop forever")
                                            .arg(nextKey, nextUploadId)));
            return;
        }
        requestPage(nextKey, nextUploadId);
    });
    job->start();
}

void ListMultipartUploadsJob::doCancel()
{
    cancelQuietly(m_current, this);
}

} // namespace s3

#include "multipartjobs.moc"
