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
#include <QUrl>

#include "s3core/acl.h"
#include "s3core/crypto.h"
#include "s3core/endpoint.h"
#include "s3core/logging.h"
#include "s3core/net/httpvalues.h"
#include "s3core/net/s3client.h"
#include "s3core/restore.h"
#include "s3core/xml/s3xml.h"
#include "platform/platformio.h"
#include "platform/workerresult.h"

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

void addVersionId(S3Request &request, const QString &versionId)
{
    if (!versionId.isEmpty())
        request.query.append({QByteArrayLiteral("versionId"), versionId.toUtf8()});
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
    metadata.sseKmsKeyId = header(reply, "x-amz-server-side-encryption-aws-kms-key-id");
    if (reply->hasRawHeader(QByteArrayLiteral("x-amz-tagging-count"))) {
        bool ok = false;
        const int count = reply->rawHeader(QByteArrayLiteral("x-amz-tagging-count")).trimmed().toInt(&ok);
        if (!ok || count < 0)
            return S3Error(S3Error::Kind::Http, u"the server sent an invalid x-amz-tagging-count for %1"_s.arg(key));
        metadata.taggingCount = count;
    }
    if (reply->hasRawHeader(QByteArrayLiteral("x-amz-restore"))) {
        Result<RestoreStatus> restoreStatus = restore::parseRestoreHeader(reply->rawHeader(QByteArrayLiteral("x-amz-restore")));
        if (!restoreStatus)
            return S3Error(S3Error::Kind::Http, u"%1 (object %2)"_s.arg(restoreStatus.error().message(), key));
        metadata.restore = *restoreStatus;
    }
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
    S3Request request = objectRequest(QByteArrayLiteral("HEAD"), m_bucket, m_key);
    addVersionId(request, m_versionId);
    m_sseCustomerKey.applyTo(request);
    return request;
}

S3Error HeadObjectJob::explainError(S3Error error) const
{
    // A HEAD answer has no body: a 400 for an existing key is how S3 says "SSE-C object, no key".
    if (looksLikeSseCustomerKeyProblem(error, !m_sseCustomerKey.isNull()))
        return sseCustomerKeyError(error, m_key, !m_sseCustomerKey.isNull());
    return error;
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
    addVersionId(request, m_versionId);
    m_sseCustomerKey.applyTo(request);
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
    if (!m_file->flush() || platform::syncToDisk(m_file->handle()) != 0)
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

S3Error GetObjectJob::explainError(S3Error error) const
{
    if (looksLikeSseCustomerKeyProblem(error, !m_sseCustomerKey.isNull()))
        return sseCustomerKeyError(error, m_key, !m_sseCustomerKey.isNull());
    return restore::explainArchivedRead(std::move(error), m_key);
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

ObjectAttributes attributesFromMetadata(const ObjectMetadata &metadata)
{
    ObjectAttributes attributes;
    attributes.contentType = metadata.contentType;
    attributes.cacheControl = metadata.cacheControl;
    attributes.contentDisposition = metadata.contentDisposition;
    attributes.contentEncoding = metadata.contentEncoding;
    attributes.contentLanguage = metadata.contentLanguage;
    // S3 omits the header for STANDARD; sending it adds nothing, and some servers only know a few classes.
    if (metadata.storageClass != QLatin1String("STANDARD"))
        attributes.storageClass = metadata.storageClass;
    attributes.expires = metadata.expires;
    if (metadata.serverSideEncryption == QLatin1String("aws:kms") || metadata.serverSideEncryption == QLatin1String("AES256"))
        attributes.serverSideEncryption = metadata.serverSideEncryption;
    attributes.sseKmsKeyId = metadata.sseKmsKeyId;
    attributes.userMetadata = metadata.userMetadata;
    return attributes;
}

QByteArray taggingHeaderValue(const QList<ObjectTag> &tags)
{
    QByteArray value;
    for (const ObjectTag &tag : tags) {
        if (!value.isEmpty())
            value += '&';
        value += QUrl::toPercentEncoding(tag.key) + '=' + QUrl::toPercentEncoding(tag.value);
    }
    return value;
}

namespace {

/** A character S3 takes in a tag: a letter, number or separator (\p{L} \p{N} \p{Z}), or one of _ . : / = + - @. */
bool isTagCharacter(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return true;
    default:
        return c == U'_' || c == U'.' || c == U':' || c == U'/' || c == U'=' || c == U'+' || c == U'-' || c == U'@';
    }
}

/** The first character S3 would refuse, quoted for a message; empty when every one is allowed. */
QString firstBadTagCharacter(const QString &text)
{
    for (const char32_t c : text.toUcs4()) {
        if (!isTagCharacter(c)) {
            if (c < 0x20 || c == 0x7f)
                return u"U+%1"_s.arg(uint(c), 4, 16, QChar(u'0')).toUpper();
            return u"\"%1\""_s.arg(QString::fromUcs4(&c, 1));
        }
    }
    return {};
}

} // namespace

Result<Ok> validateTags(const QList<ObjectTag> &tags)
{
    constexpr int MaxTags = 10;
    constexpr int MaxTagKey = 128;
    constexpr int MaxTagValue = 256;
    if (tags.size() > MaxTags)
        return S3Error::invalid(u"%1 tags given; S3 allows at most %2 per object"_s.arg(tags.size()).arg(MaxTags));
    for (qsizetype i = 0; i < tags.size(); ++i) {
        const ObjectTag &tag = tags.at(i);
        const qsizetype keyLength = tag.key.toUcs4().size();
        if (keyLength == 0 || keyLength > MaxTagKey)
            return S3Error::invalid(u"the tag key \"%1\" must have 1 to %2 characters"_s.arg(tag.key).arg(MaxTagKey));
        const qsizetype valueLength = tag.value.toUcs4().size();
        if (valueLength > MaxTagValue)
            return S3Error::invalid(u"the value of tag \"%1\" has %2 characters; S3 allows at most %3"_s.arg(tag.key).arg(valueLength).arg(MaxTagValue));
        if (tag.key.startsWith(u"aws:"_s, Qt::CaseInsensitive))
            return S3Error::invalid(u"the tag key \"%1\" starts with \"aws:\", which AWS keeps for its own tags"_s.arg(tag.key));
        if (const QString bad = firstBadTagCharacter(tag.key); !bad.isEmpty())
            return S3Error::invalid(u"the tag key \"%1\" contains %2; S3 allows only letters, digits, spaces and + - = . _ : / @"_s.arg(tag.key, bad));
        if (const QString bad = firstBadTagCharacter(tag.value); !bad.isEmpty())
            return S3Error::invalid(u"the value of tag \"%1\" contains %2; S3 allows only letters, digits, spaces and + - = . _ : / @"_s.arg(tag.key, bad));
        for (qsizetype j = 0; j < i; ++j) {
            if (tags.at(j).key == tag.key)
                return S3Error::invalid(u"the tag \"%1\" is given twice"_s.arg(tag.key));
        }
    }
    return Ok{};
}

QString unappliedEncryptionWarning(const QString &key, const ObjectAttributes &attributes, const QString &answered)
{
    const QString &asked = attributes.serverSideEncryption;
    if ((asked != u"AES256"_s && asked != u"aws:kms"_s) || !answered.isEmpty())
        return {};
    return u"%1 was asked to be encrypted (%2), but the server does not say it is: it may be stored unencrypted "
           "(Ceph RGW 16 ignores AES256)"_s.arg(key, asked);
}

Result<Ok> validateObjectAttributes(const ObjectAttributes &attributes)
{
    if (Result<Ok> tags = validateTags(attributes.tags); !tags)
        return tags;
    const QString &sse = attributes.serverSideEncryption;
    if (!sse.isEmpty() && sse != u"AES256"_s && sse != u"aws:kms"_s)
        return S3Error::invalid(u"server-side encryption \"%1\" is not AES256 or aws:kms"_s.arg(sse));
    if (!attributes.sseKmsKeyId.isEmpty() && sse != u"aws:kms"_s)
        return S3Error::invalid(u"a KMS key id needs the encryption aws:kms"_s);
    if (!attributes.sseCustomerKey.isNull() && !sse.isEmpty())
        return S3Error::invalid(u"an object is encrypted either with a customer-provided key (SSE-C) or with %1, not both"_s.arg(sse));
    if (!attributes.cannedAcl.isEmpty() && !acl::isCannedAcl(attributes.cannedAcl))
        return S3Error::invalid(u"\"%1\" is not a canned ACL (one of: %2)"_s.arg(attributes.cannedAcl, acl::cannedAcls().join(u", "_s)));
    return Ok{};
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
    set("x-amz-acl", attributes.cannedAcl);
    if (attributes.expires.isValid())
        request.setHeader(QByteArrayLiteral("expires"), httpDate(attributes.expires));
    set("x-amz-server-side-encryption", attributes.serverSideEncryption);
    if (attributes.serverSideEncryption == QLatin1String("aws:kms"))
        set("x-amz-server-side-encryption-aws-kms-key-id", attributes.sseKmsKeyId);
    attributes.sseCustomerKey.applyTo(request);
    if (!attributes.tags.isEmpty())
        request.setHeader(QByteArrayLiteral("x-amz-tagging"), taggingHeaderValue(attributes.tags));
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
    platform::whenReady(this, future, [this, ready](std::shared_ptr<Result<crypto::FileDigests>> digests) {
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
    m_serverSideEncryption = header(reply, "x-amz-server-side-encryption");
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
    // A version copied over its own key is a restore, which S3 allows with the metadata copied.
    if (!m_replace && m_storageClass.isEmpty() && m_sourceBucket == m_bucket && m_sourceKey == m_key && m_sourceVersionId.isEmpty())
        return S3Error::invalid(QStringLiteral("copying an object onto itself needs new attributes (REPLACE) or another storage class"));
    S3Request request = objectRequest(QByteArrayLiteral("PUT"), m_bucket, m_key);
    request.setHeader(QByteArrayLiteral("x-amz-copy-source"), Endpoint::copySource(m_sourceBucket, m_sourceKey, m_sourceVersionId));
    if (!m_sourceIfMatch.isEmpty())
        request.setHeader(QByteArrayLiteral("x-amz-copy-source-if-match"), m_sourceIfMatch.toUtf8());
    if (m_replace) {
        request.setHeader(QByteArrayLiteral("x-amz-metadata-directive"), QByteArrayLiteral("REPLACE"));
        // Without tags the object's own tags are copied (the default directive); given tags replace them.
        if (!m_attributes.tags.isEmpty())
            request.setHeader(QByteArrayLiteral("x-amz-tagging-directive"), QByteArrayLiteral("REPLACE"));
        ObjectAttributes attributes = m_attributes;
        if (attributes.contentType.isEmpty())
            attributes.contentType = contentTypeForName(m_key);
        applyObjectAttributes(request, attributes);
    } else {
        request.setHeader(QByteArrayLiteral("x-amz-metadata-directive"), QByteArrayLiteral("COPY"));
        // The copy is encrypted as the destination bucket's default says unless the request names a scheme.
        if (!m_encryption.isEmpty())
            request.setHeader(QByteArrayLiteral("x-amz-server-side-encryption"), m_encryption.toUtf8());
        if (m_encryption == QLatin1String("aws:kms") && !m_kmsKeyId.isEmpty())
            request.setHeader(QByteArrayLiteral("x-amz-server-side-encryption-aws-kms-key-id"), m_kmsKeyId.toUtf8());
        if (!m_storageClass.isEmpty())
            request.setHeader(QByteArrayLiteral("x-amz-storage-class"), m_storageClass.toUtf8());
    }
    m_sourceSseCustomerKey.applyTo(request, true);
    m_sseCustomerKey.applyTo(request);
    if (m_sourceSize > 0)
        request.minimumTimeoutMs = serverCopyTimeoutMs(m_sourceSize);
    return request;
}

Result<Ok> CopyObjectJob::handleSuccess(QNetworkReply *reply, const QByteArray &body)
{
    m_versionId = header(reply, "x-amz-version-id");
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
    S3Request request = objectRequest(QByteArrayLiteral("DELETE"), m_bucket, m_key);
    addVersionId(request, m_versionId);
    return request;
}

Result<Ok> DeleteObjectJob::handleSuccess(QNetworkReply *reply, const QByteArray &)
{
    m_deleteMarker = header(reply, "x-amz-delete-marker").compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    m_resultVersionId = header(reply, "x-amz-version-id");
    return Ok{};
}

} // namespace s3
