// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/downloadtask.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFuture>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QPromise>
#include <QSaveFile>
#include <QThreadPool>

#include "s3core/crypto.h"
#include "s3core/etag.h"
#include "s3core/logging.h"
#include "s3core/net/s3client.h"
#include "s3core/net/s3job.h"
#include "s3core/ops/objectjobs.h"

namespace s3 {

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

/** One ranged GET written straight to its offsets in the partial file (never buffered whole). */
class RangeGetJob final : public S3Job
{
public:
    RangeGetJob(S3Client *client, QString bucket, QString key, qint64 offset, qint64 length, QString ifMatch, int fd,
                QString path, QObject *parent)
        : S3Job(client, parent)
        , m_bucket(std::move(bucket))
        , m_key(std::move(key))
        , m_offset(offset)
        , m_length(length)
        , m_ifMatch(std::move(ifMatch))
        , m_fd(fd)
        , m_path(std::move(path))
    {
    }

    qint64 written() const { return m_written; }

protected:
    Result<S3Request> buildRequest() override
    {
        S3Request request;
        request.bucket = m_bucket;
        request.key = m_key;
        request.setHeader(QByteArrayLiteral("range"),
                          "bytes=" + QByteArray::number(m_offset) + '-' + QByteArray::number(m_offset + m_length - 1));
        if (!m_ifMatch.isEmpty())
            request.setHeader(QByteArrayLiteral("if-match"), m_ifMatch.toUtf8());
        request.sink = BodySink{m_fd, m_offset, m_length, m_path};
        return request;
    }

    bool streamsResponseBody() const override { return true; }

    Result<Ok> handleBodyData(const QByteArray &data) override
    {
        // Never write outside this range, whatever the server sends (a 200 that ignored Range, a longer body).
        if (m_written + data.size() > m_length)
            return S3Error(S3Error::Kind::Http, QStringLiteral("the server sent more than the requested range of %1").arg(m_key));
        qint64 done = 0;
        while (done < data.size()) {
            const ssize_t n = ::pwrite(m_fd, data.constData() + done, size_t(data.size() - done), m_offset + m_written + done);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                const int error = errno;
                return S3Error::io(QStringLiteral("writing %1 failed: %2%3")
                                       .arg(m_path, errnoText(error), error == ENOSPC ? QStringLiteral(" (the disk is full)") : QString()));
            }
            done += n;
        }
        m_written += data.size();
        // Hand written data to the disk as the download runs (asynchronously), so the final fsync before the
        // rename has little left to wait for.
        if (m_written - m_flushedUpTo >= FlushStep) {
            ::sync_file_range(m_fd, m_offset + m_flushedUpTo, m_written - m_flushedUpTo, SYNC_FILE_RANGE_WRITE);
            m_flushedUpTo = m_written;
        }
        return Ok{};
    }

    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &) override
    {
        // The direct HTTP path wrote the body straight into the file.
        if (const QVariant sunk = reply->attribute(SinkBytesWrittenAttribute); sunk.isValid())
            m_written += sunk.toLongLong();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray contentRange = reply->rawHeader(QByteArrayLiteral("Content-Range"));
        const QByteArray expected = "bytes " + QByteArray::number(m_offset) + '-' + QByteArray::number(m_offset + m_length - 1) + '/';
        if (status == 206 && !contentRange.startsWith(expected))
            return S3Error(S3Error::Kind::Http, QStringLiteral("the server answered range %1 with %2").arg(QString::fromLatin1(expected), QString::fromLatin1(contentRange)));
        if (status != 206 && !(status == 200 && m_offset == 0))
            return S3Error(S3Error::Kind::Http, QStringLiteral("the server ignored the byte range (HTTP %1)").arg(status));
        if (m_written != m_length)
            return S3Error(S3Error::Kind::Network, QStringLiteral("range of %1 ended early: %2 of %3 bytes").arg(m_key).arg(m_written).arg(m_length));
        return Ok{};
    }

    void resetForRetry() override
    {
        m_written = 0;
        m_flushedUpTo = 0;
    }

private:
    QString m_bucket;
    QString m_key;
    qint64 m_offset;
    qint64 m_length;
    QString m_ifMatch;
    int m_fd;
    QString m_path;
    qint64 m_written = 0;
    qint64 m_flushedUpTo = 0;
    static constexpr qint64 FlushStep = 8 * 1024 * 1024;
};

} // namespace

struct DownloadTask::HashState
{
    crypto::Hasher hasher{crypto::Algorithm::Md5};
    S3Error error;
};

DownloadTask::DownloadTask(TransferId id, QString bucket, QString key, QString destination, DownloadOptions options, QObject *parent)
    : TransferTask(id, TransferDirection::Download, std::move(bucket), std::move(key), std::move(destination), parent)
    , m_options(options)
{
}

DownloadTask::~DownloadTask()
{
    stopRequests();
    closeFile();
}

QString DownloadTask::partialPath(const QString &destination)
{
    return destination + QStringLiteral(".s3desk-part");
}

QString DownloadTask::statePath(const QString &destination)
{
    return destination + QStringLiteral(".s3desk-part.state");
}

bool DownloadTask::wantsRequest() const
{
    if (state() != TransferState::Running)
        return false;
    switch (m_phase) {
    case Phase::Discover:
        return !m_discoverJob;
    case Phase::Ranges:
        if (activeRequests() >= m_options.maxRangesInFlight)
            return false;
        for (const Range &range : m_ranges) {
            if (!range.done && !range.job)
                return true;
        }
        return false;
    default:
        return false;
    }
}

void DownloadTask::startRequest(S3Client *client)
{
    if (m_phase == Phase::Discover) {
        startDiscover(client);
        return;
    }
    for (int i = 0; i < int(m_ranges.size()); ++i) {
        if (!m_ranges[size_t(i)].done && !m_ranges[size_t(i)].job) {
            startRange(client, i);
            return;
        }
    }
}

void DownloadTask::startDiscover(S3Client *client)
{
    auto *job = new HeadObjectJob(client, bucket(), key(), this);
    m_discoverJob = job;
    beginRequest(client);
    connect(job, &Job::finished, this, [this, job, client] {
        m_discoverJob = nullptr;
        endRequest(client);
        if (state() != TransferState::Running)
            return;
        if (job->hasError()) {
            const int status = job->error().httpStatus();
            if (status == 403 || status == 404 || status == 400)
                explainHeadError(client, job->error()); // HEAD answers carry no error code
            else
                fail(job->error());
            return;
        }
        const ObjectMetadata &metadata = job->metadata();
        // Only an ETag that is the object's MD5 can check the bytes (not SSE-KMS, SSE-C or multipart ones).
        handleDiscovered(metadata.size, metadata.etag,
                         etagIsMd5(metadata.etag, metadata.serverSideEncryption, metadata.sseCustomerAlgorithm));
    });
    job->start();
}

void DownloadTask::explainHeadError(S3Client *client, const S3Error &headError)
{
    // A one-byte GET says why (NoSuchKey, NoSuchBucket, AccessDenied...), where HEAD could only give a status.
    auto *job = new GetObjectJob(client, bucket(), key(), this);
    GetObjectOptions options;
    options.rangeFirst = 0;
    options.rangeLast = 0;
    job->setOptions(options);
    m_discoverJob = job;
    beginRequest(client);
    connect(job, &Job::finished, this, [this, job, client, headError] {
        m_discoverJob = nullptr;
        endRequest(client);
        if (state() != TransferState::Running)
            return;
        fail(job->hasError() && job->error().httpStatus() == headError.httpStatus() ? job->error() : headError);
    });
    job->start();
}

void DownloadTask::handleDiscovered(qint64 size, const QString &etag, bool md5Comparable)
{
    if (size < 0) {
        fail(S3Error(S3Error::Kind::Http, QStringLiteral("the server did not say how large %1 is").arg(key())));
        return;
    }
    const bool sameObject = m_size == size && m_etag == etag && !m_ranges.empty();
    m_size = size;
    m_etag = etag;
    m_md5Comparable = md5Comparable && m_options.verifyMd5;
    m_progress.setTotal(size);

    const QFileInfo destination(localPath());
    if (!QDir().mkpath(destination.absolutePath())) {
        fail(S3Error::io(QStringLiteral("cannot create the folder %1").arg(destination.absolutePath())));
        return;
    }
    if (!sameObject) {
        m_ranges.clear();
        m_hash.reset();
        m_hashedUpTo = 0;
        for (qint64 offset = 0; offset < size; offset += m_options.partSize)
            m_ranges.push_back({offset, std::min(m_options.partSize, size - offset), false, {}});
        loadState(); // ranges already on disk from an earlier run of the same object version
    }
    if (auto opened = openPartialFile(); !opened) {
        fail(opened.error());
        return;
    }
    qint64 baseline = 0;
    for (const Range &range : m_ranges)
        baseline += range.done ? range.length : 0;
    m_progress.setBaseline(baseline);
    m_phase = Phase::Ranges;
    notifyChanged();
    maybeHashMore();
    maybeFinish();
}

Result<Ok> DownloadTask::openPartialFile()
{
    if (m_fd < 0) {
        const QByteArray path = QFile::encodeName(partialPath(localPath()));
        m_fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd < 0)
            return S3Error::io(QStringLiteral("cannot create %1: %2").arg(partialPath(localPath()), errnoText(errno)));
    }
    // Reserve the space now: a full disk fails here, not after minutes of downloading.
    if (m_size > 0) {
        const int error = ::posix_fallocate(m_fd, 0, m_size);
        if (error == ENOSPC) {
            closeFile();
            removePartialFiles();
            return S3Error::io(QStringLiteral("not enough disk space for %1 (%2 needed)").arg(localPath(), formatByteSize(m_size)));
        }
    }
    if (::ftruncate(m_fd, m_size) != 0) // exact size (also where fallocate is not supported)
        return S3Error::io(QStringLiteral("cannot size %1: %2").arg(partialPath(localPath()), errnoText(errno)));
    return Ok{};
}

void DownloadTask::startRange(S3Client *client, int index)
{
    Range &range = m_ranges[size_t(index)];
    auto *job = new RangeGetJob(client, bucket(), key(), range.offset, range.length, m_etag, m_fd, localPath(), this);
    range.job = job;
    beginRequest(client);
    connect(job, &S3Job::downloadProgress, this, [this, index](qint64 received, qint64) {
        m_progress.setPartBytes(index, received);
        notifyChanged();
    });
    connect(job, &Job::finished, this, [this, index, client] { handleRangeFinished(index, client); });
    job->start();
}

void DownloadTask::handleRangeFinished(int index, S3Client *client)
{
    Range &range = m_ranges[size_t(index)];
    S3Job *job = range.job;
    range.job = nullptr;
    endRequest(client);
    if (!job || state() != TransferState::Running)
        return;
    if (job->hasError()) {
        S3Error error = job->error();
        m_progress.resetPart(index);
        if (error.httpStatus() == 412) {
            // The object changed since the first request: the ranges on disk mix two versions.
            error = S3Error(S3Error::Kind::ObjectModified,
                            QStringLiteral("%1 was modified on the server during the download; download it again").arg(key()));
            stopRequests();
            closeFile();
            removePartialFiles();
        }
        fail(error);
        return;
    }
    range.done = true;
    m_progress.completePart(index, range.length);
    saveState();
    notifyChanged();
    maybeHashMore();
    maybeFinish();
}

void DownloadTask::maybeHashMore()
{
    if (!m_md5Comparable || m_hashing)
        return;
    qint64 prefixEnd = m_hashedUpTo;
    for (const Range &range : m_ranges) {
        if (range.offset + range.length <= prefixEnd)
            continue;
        if (!range.done || range.offset != prefixEnd)
            break;
        prefixEnd = range.offset + range.length;
    }
    if (prefixEnd <= m_hashedUpTo)
        return;
    if (!m_hash)
        m_hash = std::make_shared<HashState>();
    m_hashing = true;
    // MD5 of the finished prefix on a worker thread, in order, while later ranges still download.
    auto promise = std::make_shared<QPromise<qint64>>();
    QFuture<qint64> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, hash = m_hash, path = partialPath(localPath()), from = m_hashedUpTo, to = prefixEnd] {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || !file.seek(from)) {
            hash->error = S3Error::io(QStringLiteral("cannot read %1 to verify it").arg(path));
        } else {
            QByteArray buffer(1024 * 1024, Qt::Uninitialized);
            qint64 position = from;
            while (position < to) {
                const qint64 n = file.read(buffer.data(), std::min<qint64>(buffer.size(), to - position));
                if (n <= 0) {
                    hash->error = S3Error::io(QStringLiteral("cannot read %1 to verify it").arg(path));
                    break;
                }
                hash->hasher.addData(QByteArrayView(buffer.constData(), n));
                position += n;
            }
        }
        promise->addResult(to);
        promise->finish();
    });
    future.then(this, [this, hash = m_hash](qint64 hashedTo) {
        if (hash != m_hash)
            return; // a hash of an earlier run (paused, restarted): its result no longer applies
        m_hashing = false;
        m_hashedUpTo = hashedTo;
        maybeHashMore();
        maybeFinish();
    });
}

void DownloadTask::maybeFinish()
{
    if (state() != TransferState::Running || m_phase != Phase::Ranges)
        return;
    for (const Range &range : m_ranges) {
        if (!range.done)
            return;
    }
    if (m_md5Comparable && (m_hashing || m_hashedUpTo < m_size)) {
        if (m_size > 0 || m_hashing)
            return; // the hash catches up, then calls back here
    }
    m_phase = Phase::Finishing;
    setState(TransferState::Completing);
    finishFile();
}

void DownloadTask::finishFile()
{
    if (m_md5Comparable) {
        if (!m_hash)
            m_hash = std::make_shared<HashState>(); // empty object
        if (m_hash->error.isError()) {
            fail(m_hash->error);
            return;
        }
        const QString actual = QString::fromLatin1(m_hash->hasher.result().toHex());
        QString expected = m_etag;
        expected.remove(QLatin1Char('"'));
        m_hash.reset();
        if (actual.compare(expected, Qt::CaseInsensitive) != 0) {
            closeFile();
            removePartialFiles();
            fail(S3Error(S3Error::Kind::Io, QStringLiteral("%1 arrived corrupted (MD5 %2, the server's ETag says %3); download it again")
                                                .arg(key(), actual, expected)));
            return;
        }
    }
    struct stat st {};
    if (::fstat(m_fd, &st) != 0 || st.st_size != m_size) {
        fail(S3Error::io(QStringLiteral("%1 has the wrong size after the download").arg(partialPath(localPath()))));
        return;
    }
    if (m_options.fsync && ::fsync(m_fd) != 0) {
        fail(S3Error::io(QStringLiteral("writing %1 to disk failed: %2").arg(partialPath(localPath()), errnoText(errno))));
        return;
    }
    closeFile();
    const QByteArray from = QFile::encodeName(partialPath(localPath()));
    const QByteArray to = QFile::encodeName(localPath());
    if (::rename(from.constData(), to.constData()) != 0) {
        fail(S3Error::io(QStringLiteral("cannot move the download into place as %1: %2").arg(localPath(), errnoText(errno))));
        return;
    }
    QFile::remove(statePath(localPath()));
    m_phase = Phase::Done;
    succeed();
}

void DownloadTask::saveState() const
{
    QJsonArray done;
    for (const Range &range : m_ranges) {
        if (range.done)
            done.append(QJsonArray{double(range.offset), double(range.length)});
    }
    const QJsonObject state{{QStringLiteral("etag"), m_etag}, {QStringLiteral("size"), double(m_size)}, {QStringLiteral("done"), done}};
    QSaveFile file(statePath(localPath()));
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(state).toJson(QJsonDocument::Compact));
        file.commit();
    }
}

void DownloadTask::loadState()
{
    QFile file(statePath(localPath()));
    if (!file.open(QIODevice::ReadOnly) || !QFile::exists(partialPath(localPath())))
        return;
    const QJsonObject state = QJsonDocument::fromJson(file.readAll()).object();
    if (state.value(QStringLiteral("etag")).toString() != m_etag || qint64(state.value(QStringLiteral("size")).toDouble()) != m_size)
        return; // another version of the object: start over
    for (const QJsonValue &entry : state.value(QStringLiteral("done")).toArray()) {
        const qint64 offset = qint64(entry.toArray().at(0).toDouble());
        const qint64 length = qint64(entry.toArray().at(1).toDouble());
        for (Range &range : m_ranges) {
            if (range.offset == offset && range.length == length)
                range.done = true;
        }
    }
}

void DownloadTask::stopRequests()
{
    cancelQuietly(m_discoverJob, this);
    for (Range &range : m_ranges)
        cancelQuietly(range.job, this);
    releaseRequests();
}

void DownloadTask::cleanupCancelled()
{
    closeFile();
    removePartialFiles();
    m_ranges.clear();
}

void DownloadTask::prepareResume()
{
    // Start from discovery again: the object may have changed; the ranges stay valid only for the same ETag.
    m_phase = Phase::Discover;
    m_hashing = false;
    m_hash.reset();
    m_hashedUpTo = 0;
}

void DownloadTask::closeFile()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

void DownloadTask::removePartialFiles()
{
    QFile::remove(partialPath(localPath()));
    QFile::remove(statePath(localPath()));
}

QJsonObject DownloadTask::toJson() const
{
    QJsonObject json = TransferTask::toJson();
    json.insert(QStringLiteral("partSize"), double(m_options.partSize));
    return json;
}

std::unique_ptr<DownloadTask> DownloadTask::fromJson(const QJsonObject &json, DownloadOptions options)
{
    if (json.contains(QStringLiteral("partSize")))
        options.partSize = qint64(json.value(QStringLiteral("partSize")).toDouble());
    auto task = std::make_unique<DownloadTask>(json.value(QStringLiteral("id")).toString().toULongLong(),
                                               json.value(QStringLiteral("bucket")).toString(),
                                               json.value(QStringLiteral("key")).toString(),
                                               json.value(QStringLiteral("localPath")).toString(), options);
    task->setPriority(json.value(QStringLiteral("priority")).toInt());
    return task;
}

} // namespace s3
