// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/objectjobs.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <unistd.h>

#include <QDir>
#include <QFileInfo>
#include <QFuture>
#include <QLocale>
#include <QMimeDatabase>
#include <QNetworkReply>
#include <QPromise>
#include <QThreadPool>

#include "s3core/crypto.h"
#include "s3core/endpoint.h"
#include "s3core/logging.h"
#include "s3core/net/httpvalues.h"
#include "s3core/net/s3client.h"
#include "s3core/xml/s3xml.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

QDateTime parseHttpDate(const QByteArray &value)
{
    if (value.isEmpty())
        return {};
    // RFC 7231 IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    QDateTime time = QLocale::c().toDateTime(QString::fromLatin1(value.trimmed()), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    time.setTimeSpec(Qt::UTC);
    return time;
}

QByteArray httpDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
}

QString header(QNetworkReply *reply, const char *name)
{
    return QString::fromUtf8(reply->rawHeader(QByteArray(name)));
}

Result<Ok> checkKey(const QString &bucket, const QString &key)
{
    if (bucket.isEmpty())
        return S3Error::invalid(QStringLiteral("no bucket given"));
    if (key.isEmpty())
        return S3Error::invalid(QStringLiteral("no object key given"));
    return Ok{};
}

S3Request objectRequest(const QByteArray &method, const QString &bucket, const QString &key)
{
    S3Request request;
    request.method = method;
    request.bucket = bucket;
    request.key = key;
    return request;
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

Result<ObjectMetadata> metadataFromReply(QNetworkReply *reply, const QString &key)
{
    ObjectMetadata metadata;
    metadata.key = key;
    // Sizes are parsed strictly: a garbage or repeated header must fail, never read as 0 (an empty download).
    if (reply->hasRawHeader(QByteArrayLiteral("Content-Range"))) {
        const Result<qint64> total = parseContentRangeTotal(reply->rawHeader(QByteArrayLiteral("Content-Range")));
        if (!total)
            return S3Error(S3Error::Kind::Http, u"%1 (object %2)"_s.arg(total.error().message(), key));
        metadata.size = *total;
    }
    if (metadata.size < 0 && reply->hasRawHeader(QByteArrayLiteral("Content-Length"))) {
        const Result<qint64> length = parseContentLength(reply->rawHeader(QByteArrayLiteral("Content-Length")));
        if (!length)
            return S3Error(S3Error::Kind::Http, u"%1 (object %2)"_s.arg(length.error().message(), key));
        metadata.size = *length;
    }
    metadata.etag = header(reply, "ETag");
    metadata.contentType = header(reply, "Content-Type");
    metadata.contentEncoding = header(reply, "Content-Encoding");
    metadata.contentDisposition = header(reply, "Content-Disposition");
    metadata.contentLanguage = header(reply, "Content-Language");
    metadata.cacheControl = header(reply, "Cache-Control");
    metadata.expires = parseHttpDate(reply->rawHeader(QByteArrayLiteral("Expires")));
    metadata.lastModified = parseHttpDate(reply->rawHeader(QByteArrayLiteral("Last-Modified")));
    metadata.storageClass = header(reply, "x-amz-storage-class");
    if (metadata.storageClass.isEmpty())
        metadata.storageClass = QStringLiteral("STANDARD"); // S3 omits the header for STANDARD
    metadata.versionId = header(reply, "x-amz-version-id");
    metadata.serverSideEncryption = header(reply, "x-amz-server-side-encryption");
    metadata.sseCustomerAlgorithm = header(reply, "x-amz-server-side-encryption-customer-algorithm");
    for (const auto &[name, value] : reply->rawHeaderPairs()) {
        const QByteArray lower = name.toLower();
        if (lower.startsWith("x-amz-meta-"))
            metadata.userMetadata.insert(QString::fromUtf8(lower.mid(11)), QString::fromUtf8(value));
    }
    return metadata;
}

QString contentTypeForName(const QString &fileName)
{
    static const QMimeDatabase database; // read-only after construction; QMimeDatabase is thread-safe
    const QMimeType type = database.mimeTypeForFile(fileName, QMimeDatabase::MatchExtension);
    if (!type.isValid() || type.isDefault())
        return QStringLiteral("application/octet-stream");
    return type.name();
}

// --- HeadObject -------------------------------------------------------------------------------------------

HeadObjectJob::HeadObjectJob(S3Client *client, QString bucket, QString key, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
{
}

Result<S3Request> HeadObjectJob::buildRequest()
{
    if (auto valid = checkKey(m_bucket, m_key); !valid)
        return valid.error();
    return objectRequest(QByteArrayLiteral("HEAD"), m_bucket, m_key);
}

Result<Ok> HeadObjectJob::handleSuccess(QNetworkReply *reply, const QByteArray &)
{
    Result<ObjectMetadata> metadata = metadataFromReply(reply, m_key);
    if (!metadata)
        return metadata.error();
    m_metadata = std::move(metadata).value();
    return Ok{};
}

// --- GetObject --------------------------------------------------------------------------------------------

GetObjectJob::GetObjectJob(S3Client *client, QString bucket, QString key, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
{
}

GetObjectJob::~GetObjectJob()
{
    if (m_file) // destroyed mid-transfer: leave nothing behind
        cleanupAfterFailure();
}

QString GetObjectJob::partialFileName(const QString &destination)
{
    return destination + QStringLiteral(".s3desk-part");
}

Result<S3Request> GetObjectJob::buildRequest()
{
    if (auto valid = checkKey(m_bucket, m_key); !valid)
        return valid.error();
    S3Request request = objectRequest(QByteArrayLiteral("GET"), m_bucket, m_key);
    if (m_options.rangeFirst >= 0) {
        QByteArray range = "bytes=" + QByteArray::number(m_options.rangeFirst) + '-';
        if (m_options.rangeLast >= 0)
            range += QByteArray::number(m_options.rangeLast);
        request.setHeader(QByteArrayLiteral("range"), range);
    }
    if (!m_options.ifMatch.isEmpty())
        request.setHeader(QByteArrayLiteral("if-match"), m_options.ifMatch.toUtf8());
    if (!m_options.ifNoneMatch.isEmpty())
        request.setHeader(QByteArrayLiteral("if-none-match"), m_options.ifNoneMatch.toUtf8());
    if (m_options.ifModifiedSince.isValid())
        request.setHeader(QByteArrayLiteral("if-modified-since"), httpDate(m_options.ifModifiedSince));
    if (m_options.ifUnmodifiedSince.isValid())
        request.setHeader(QByteArrayLiteral("if-unmodified-since"), httpDate(m_options.ifUnmodifiedSince));
    if (!m_destination.isEmpty()) {
        const QFileInfo info(m_destination);
        if (info.isDir())
            return S3Error::io(QStringLiteral("%1 is a folder; give a file name").arg(m_destination));
        if (!info.absoluteDir().exists())
            return S3Error::io(QStringLiteral("the folder %1 does not exist").arg(info.absolutePath()));
    }
    return request;
}

Result<Ok> GetObjectJob::handleBodyData(const QByteArray &data)
{
    m_received += data.size();
    if (m_sink) {
        if (m_sink->write(data) != data.size())
            return S3Error::io(QStringLiteral("writing the download failed: %1").arg(m_sink->errorString()));
        return Ok{};
    }
    if (m_destination.isEmpty()) {
        if (m_received > m_maxMemory)
            return S3Error::invalid(QStringLiteral("the object is larger than %1; download it to a file").arg(formatByteSize(m_maxMemory)));
        m_data += data;
        return Ok{};
    }
    if (!m_file) {
        m_file = std::make_unique<QFile>(partialFileName(m_destination));
        if (!m_file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            const QString reason = m_file->errorString();
            m_file.reset();
            return S3Error::io(QStringLiteral("cannot write %1: %2").arg(partialFileName(m_destination), reason));
        }
    }
    if (m_file->write(data) != data.size())
        return S3Error::io(QStringLiteral("writing %1 failed: %2 (is the disk full?)").arg(m_file->fileName(), m_file->errorString()));
    return Ok{};
}

Result<Ok> GetObjectJob::handleSuccess(QNetworkReply *reply, const QByteArray &)
{
    Result<ObjectMetadata> metadata = metadataFromReply(reply, m_key);
    if (!metadata)
        return metadata.error();
    m_metadata = std::move(metadata).value();
    if (reply->hasRawHeader(QByteArrayLiteral("Content-Length"))) {
        const Result<qint64> length = parseContentLength(reply->rawHeader(QByteArrayLiteral("Content-Length")));
        if (!length)
            return S3Error(S3Error::Kind::Http, u"%1 (object %2)"_s.arg(length.error().message(), m_key));
        if (*length != m_received)
            return S3Error(S3Error::Kind::Network, QStringLiteral("the download of %1 ended early: %2 of %3 bytes")
                                                      .arg(m_key).arg(m_received).arg(*length));
    }
    if (m_destination.isEmpty())
        return Ok{};
    if (!m_file) { // empty object: no readyRead ever came
        if (auto created = handleBodyData({}); !created)
            return created.error();
    }
    if (!m_file->flush() || ::fsync(m_file->handle()) != 0)
        return S3Error::io(QStringLiteral("writing %1 failed: %2").arg(m_file->fileName(), m_file->errorString()));
    m_file->close();
    m_file.reset();
    // rename(2) replaces the destination atomically: readers see the old file or the whole new one.
    const QByteArray from = QFile::encodeName(partialFileName(m_destination));
    const QByteArray to = QFile::encodeName(m_destination);
    if (::rename(from.constData(), to.constData()) != 0) {
        const QString reason = errnoText();
        QFile::remove(partialFileName(m_destination));
        return S3Error::io(QStringLiteral("cannot move the download into place as %1: %2").arg(m_destination, reason));
    }
    return Ok{};
}

void GetObjectJob::resetForRetry()
{
    m_received = 0;
    m_data.clear();
    if (m_file) {
        m_file->close();
        m_file->remove();
        m_file.reset();
    }
}

void GetObjectJob::cleanupAfterFailure()
{
    resetForRetry();
}

// --- PutObject --------------------------------------------------------------------------------------------

PutObjectJob::PutObjectJob(S3Client *client, QString bucket, QString key, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
{
}

void PutObjectJob::setData(QByteArray data)
{
    m_data = std::move(data);
    m_file.clear();
    m_stream = nullptr;
}

void PutObjectJob::setFile(const QString &path)
{
    m_file = path;
    m_data.clear();
    m_stream = nullptr;
}

void PutObjectJob::setStream(QIODevice *device)
{
    m_stream = device;
    m_file.clear();
    m_data.clear();
}

void applyObjectAttributes(S3Request &request, const ObjectAttributes &attributes)
{
    const auto set = [&request](const char *name, const QString &value) {
        if (!value.isEmpty())
            request.setHeader(QByteArray(name), value.toUtf8());
    };
    set("content-type", attributes.contentType);
    set("cache-control", attributes.cacheControl);
    set("content-disposition", attributes.contentDisposition);
    set("content-encoding", attributes.contentEncoding);
    set("content-language", attributes.contentLanguage);
    set("x-amz-storage-class", attributes.storageClass);
    for (auto it = attributes.userMetadata.cbegin(); it != attributes.userMetadata.cend(); ++it)
        request.setHeader("x-amz-meta-" + it.key().toLower().toUtf8(), it.value().toUtf8());
}

void PutObjectJob::readStream(std::function<void(Result<Ok>)> ready)
{
    // Reads what is available now; waits for more on readyRead until the device ends.
    for (;;) {
        const QByteArray chunk = m_stream->read(1024 * 1024);
        m_data += chunk;
        if (m_data.size() > MaxBufferedStreamBytes) {
            ready(S3Error::invalid(QStringLiteral("the stream is larger than %1, the limit for a single buffered upload; "
                                                  "upload it from a file instead")
                                       .arg(formatByteSize(MaxBufferedStreamBytes))));
            return;
        }
        if (chunk.isEmpty())
            break;
    }
    const bool ended = m_stream->atEnd() && (!m_stream->isSequential() || !m_stream->isOpen()
                                             || m_stream->bytesAvailable() == 0);
    if (!m_stream->isSequential() || ended || !m_stream->isOpen()) {
        m_sha256Hex = crypto::sha256Hex(m_data);
        m_md5Base64 = crypto::md5(m_data).toBase64();
        ready(Ok{});
        return;
    }
    auto once = std::make_shared<QMetaObject::Connection>();
    auto closed = std::make_shared<QMetaObject::Connection>();
    const auto resume = [this, ready, once, closed] {
        disconnect(*once);
        disconnect(*closed);
        readStream(ready);
    };
    *once = connect(m_stream, &QIODevice::readyRead, this, resume);
    *closed = connect(m_stream, &QIODevice::readChannelFinished, this, resume);
}

void PutObjectJob::prepare(std::function<void(Result<Ok>)> ready)
{
    if (auto valid = checkKey(m_bucket, m_key); !valid) {
        ready(valid.error());
        return;
    }
    if (m_stream) {
        readStream(std::move(ready));
        return;
    }
    if (m_file.isEmpty()) {
        m_sha256Hex = crypto::sha256Hex(m_data);
        m_md5Base64 = crypto::md5(m_data).toBase64();
        ready(Ok{});
        return;
    }
    const QFileInfo info(m_file);
    if (!info.exists()) {
        ready(S3Error::io(QStringLiteral("%1 does not exist").arg(m_file)));
        return;
    }
    if (!info.isFile()) {
        ready(S3Error::io(QStringLiteral("%1 is not a regular file").arg(m_file)));
        return;
    }
    if (info.size() > MaxSinglePutBytes) {
        ready(S3Error::invalid(QStringLiteral("%1 is %2; a single PUT is limited to 5 GiB (use a multipart upload)")
                                   .arg(m_file, formatByteSize(info.size()))));
        return;
    }
    m_fileSize = info.size();
    m_fileModified = info.lastModified();
    // Hash off this thread: SHA-256 (signed payload) and MD5 (Content-MD5) in one streamed pass.
    auto promise = std::make_shared<QPromise<std::shared_ptr<Result<crypto::FileDigests>>>>();
    QFuture<std::shared_ptr<Result<crypto::FileDigests>>> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, path = m_file] {
        promise->addResult(std::make_shared<Result<crypto::FileDigests>>(crypto::digestFile(path)));
        promise->finish();
    });
    future.then(this, [this, ready](std::shared_ptr<Result<crypto::FileDigests>> digests) {
        if (!*digests) {
            ready(digests->error());
            return;
        }
        const crypto::FileDigests &value = digests->value();
        if (value.size != m_fileSize) {
            ready(S3Error::io(QStringLiteral("%1 changed while it was being read; try again").arg(m_file)));
            return;
        }
        m_sha256Hex = value.sha256.toHex();
        m_md5Base64 = value.md5.toBase64();
        ready(Ok{});
    });
}

Result<S3Request> PutObjectJob::buildRequest()
{
    S3Request request = objectRequest(QByteArrayLiteral("PUT"), m_bucket, m_key);
    ObjectAttributes attributes = m_attributes;
    if (attributes.contentType.isEmpty())
        attributes.contentType = contentTypeForName(m_file.isEmpty() ? m_key : m_file);
    applyObjectAttributes(request, attributes);
    request.setHeader(QByteArrayLiteral("content-md5"), m_md5Base64);
    request.payloadHash = m_sha256Hex;
    if (m_file.isEmpty()) {
        request.body = m_data;
        return request;
    }
    // The bytes we hashed must be the bytes we send: refuse a file that changed since.
    const QFileInfo info(m_file);
    if (info.size() != m_fileSize || info.lastModified() != m_fileModified)
        return S3Error::io(QStringLiteral("%1 changed after it was hashed; upload it again").arg(m_file));
    request.bodyFile = m_file;
    request.bodyOffset = 0;
    request.bodyLength = m_fileSize;
    return request;
}

Result<Ok> PutObjectJob::handleSuccess(QNetworkReply *reply, const QByteArray &)
{
    m_etag = header(reply, "ETag");
    m_versionId = header(reply, "x-amz-version-id");
    return Ok{};
}

// --- CopyObject -------------------------------------------------------------------------------------------

CopyObjectJob::CopyObjectJob(S3Client *client, QString sourceBucket, QString sourceKey, QString bucket, QString key, QObject *parent)
    : S3Job(client, parent)
    , m_sourceBucket(std::move(sourceBucket))
    , m_sourceKey(std::move(sourceKey))
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
{
}

void CopyObjectJob::setReplaceAttributes(const ObjectAttributes &attributes)
{
    m_replace = true;
    m_attributes = attributes;
}

Result<S3Request> CopyObjectJob::buildRequest()
{
    if (auto valid = checkKey(m_sourceBucket, m_sourceKey); !valid)
        return valid.error();
    if (auto valid = checkKey(m_bucket, m_key); !valid)
        return valid.error();
    if (!m_replace && m_sourceBucket == m_bucket && m_sourceKey == m_key)
        return S3Error::invalid(QStringLiteral("copying an object onto itself needs new attributes (REPLACE)"));
    S3Request request = objectRequest(QByteArrayLiteral("PUT"), m_bucket, m_key);
    request.setHeader(QByteArrayLiteral("x-amz-copy-source"), Endpoint::copySource(m_sourceBucket, m_sourceKey));
    if (!m_sourceIfMatch.isEmpty())
        request.setHeader(QByteArrayLiteral("x-amz-copy-source-if-match"), m_sourceIfMatch.toUtf8());
    if (m_replace) {
        request.setHeader(QByteArrayLiteral("x-amz-metadata-directive"), QByteArrayLiteral("REPLACE"));
        ObjectAttributes attributes = m_attributes;
        if (attributes.contentType.isEmpty())
            attributes.contentType = contentTypeForName(m_key);
        applyObjectAttributes(request, attributes);
    } else {
        request.setHeader(QByteArrayLiteral("x-amz-metadata-directive"), QByteArrayLiteral("COPY"));
    }
    return request;
}

Result<Ok> CopyObjectJob::handleSuccess(QNetworkReply *, const QByteArray &body)
{
    Result<CopyObjectResult> parsed = xml::parseCopyObject(body);
    if (!parsed)
        return parsed.error();
    m_result = std::move(parsed).value();
    return Ok{};
}

// --- DeleteObject -----------------------------------------------------------------------------------------

DeleteObjectJob::DeleteObjectJob(S3Client *client, QString bucket, QString key, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
{
}

Result<S3Request> DeleteObjectJob::buildRequest()
{
    if (auto valid = checkKey(m_bucket, m_key); !valid)
        return valid.error();
    return objectRequest(QByteArrayLiteral("DELETE"), m_bucket, m_key);
}

Result<Ok> DeleteObjectJob::handleSuccess(QNetworkReply *, const QByteArray &)
{
    return Ok{};
}

} // namespace s3
