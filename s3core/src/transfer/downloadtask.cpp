// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/downloadtask.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <mutex>

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
#include "s3core/restore.h"
#include "s3core/transfer/downloadstate.h"
#include "s3core/transfer/queuefile.h"
#include "platform/platformio.h"
#include "platform/workerresult.h"

namespace s3 {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr QLatin1StringView OwnPrefix = ".s3desk\\"_L1;
constexpr QLatin1StringView PartSuffix = ".part"_L1;
constexpr QLatin1StringView StateSuffix = ".state"_L1;
constexpr QLatin1StringView NewStateSuffix = ".new"_L1; // a state file being written, renamed to .state when complete

bool isToken(QStringView text)
{
    if (text.size() != 16)
        return false;
    return std::all_of(text.begin(), text.end(), [](QChar c) { return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'); });
}

QByteArray ownName(const QString &token, QLatin1StringView suffix)
{
    return QFile::encodeName(OwnPrefix + token + suffix);
}

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
    /**
     * Bytes of this range on disk, given a download progress report. The direct HTTP path reports only bytes it
     * wrote; on the Qt path the reply's data is read and written (readyRead) before it reports progress, and
     * what was written here is the bound.
     */
    qint64 onDisk(qint64 reported) const { return m_streamed ? std::min(reported, m_written) : reported; }
    /** The whole object in a plain GET (no Range header): the answer must be a 200 of exactly the length. */
    void setWhole(bool whole) { m_whole = whole; }
    void setVersionId(const QString &versionId) { m_versionId = versionId; }
    void setSseCustomerKey(const SseCustomerKey &key) { m_sseCustomerKey = key; }
    /** The answer's ETag and encryption headers (empty until it succeeded). */
    QString etag() const { return m_etag; }
    QString serverSideEncryption() const { return m_sse; }
    QString sseCustomerAlgorithm() const { return m_sseCustomerAlgorithm; }

protected:
    Result<S3Request> buildRequest() override
    {
        S3Request request;
        request.bucket = m_bucket;
        request.key = m_key;
        if (!m_versionId.isEmpty())
            request.query.append({QByteArrayLiteral("versionId"), m_versionId.toUtf8()});
        m_sseCustomerKey.applyTo(request);
        if (!m_whole)
            request.setHeader(QByteArrayLiteral("range"),
                              "bytes=" + QByteArray::number(m_offset) + '-' + QByteArray::number(m_offset + m_length - 1));
        if (!m_ifMatch.isEmpty())
            request.setHeader(QByteArrayLiteral("if-match"), m_ifMatch.toUtf8());
        request.sink = BodySink{m_fd, m_offset, m_length, m_path};
        return request;
    }

    bool streamsResponseBody() const override { return true; }

    S3Error explainError(S3Error error) const override
    {
        if (looksLikeSseCustomerKeyProblem(error, !m_sseCustomerKey.isNull()))
            return sseCustomerKeyError(error, m_key, !m_sseCustomerKey.isNull());
        return error;
    }

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
        m_streamed = true;
        // Hand written data to the disk as the download runs (asynchronously), so the final fsync before the
        // rename has little left to wait for.
        if (m_written - m_flushedUpTo >= FlushStep) {
            platform::startWriteback(m_fd, m_offset + m_flushedUpTo, m_written - m_flushedUpTo);
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
        if (m_whole && status != 200)
            return S3Error(S3Error::Kind::Http, u"the server answered a GET of %1 with HTTP %2"_s.arg(m_key).arg(status));
        if (status == 206 && !contentRange.startsWith(expected))
            return S3Error(S3Error::Kind::Http, QStringLiteral("the server answered range %1 with %2").arg(QString::fromLatin1(expected), QString::fromLatin1(contentRange)));
        if (status != 206 && !(status == 200 && m_offset == 0))
            return S3Error(S3Error::Kind::Http, QStringLiteral("the server ignored the byte range (HTTP %1)").arg(status));
        if (m_written != m_length)
            return S3Error(S3Error::Kind::Network, QStringLiteral("range of %1 ended early: %2 of %3 bytes").arg(m_key).arg(m_written).arg(m_length));
        m_etag = QString::fromLatin1(reply->rawHeader(QByteArrayLiteral("ETag")));
        m_sse = QString::fromLatin1(reply->rawHeader(QByteArrayLiteral("x-amz-server-side-encryption")));
        m_sseCustomerAlgorithm = QString::fromLatin1(reply->rawHeader(QByteArrayLiteral("x-amz-server-side-encryption-customer-algorithm")));
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
    QString m_versionId;
    SseCustomerKey m_sseCustomerKey;
    int m_fd;
    QString m_path;
    qint64 m_written = 0;
    qint64 m_flushedUpTo = 0;
    bool m_whole = false;
    bool m_streamed = false;
    QString m_etag;
    QString m_sse;
    QString m_sseCustomerAlgorithm;
    static constexpr qint64 FlushStep = 8 * 1024 * 1024;
};

} // namespace

/**
 * Shared by the task and the worker that writes its state file: once dropped (the partial and state files were
 * removed, or belong to an earlier file), a record still being written is not renamed into place.
 */
struct DownloadTask::StateWriter
{
    std::mutex mutex;
    bool dropped = false;
};

struct DownloadTask::HashState
{
    crypto::Hasher hasher{crypto::Algorithm::Md5};
    S3Error error;
};

DownloadTask::DownloadTask(TransferId id, QString bucket, QString key, QString destination, DownloadOptions options, QObject *parent)
    : TransferTask(id, TransferDirection::Download, std::move(bucket), std::move(key), std::move(destination), parent)
    , m_options(std::move(options))
{
    m_listed = m_options.listedSize > 0 && m_options.listedSize <= m_options.partSize && !m_options.listedEtag.isEmpty();
    m_writer = std::make_shared<StateWriter>();
}

DownloadTask::~DownloadTask()
{
    stopRequests();
    closeFile();
}

bool DownloadTask::isOwnFileName(const QString &fileName)
{
    if (!fileName.startsWith(OwnPrefix))
        return false;
    const QStringView rest = QStringView(fileName).mid(OwnPrefix.size());
    if (!isToken(rest.left(16)))
        return false;
    const QStringView suffix = rest.mid(16);
    return suffix == PartSuffix || suffix == StateSuffix || suffix == NewStateSuffix || suffix == ".probe"_L1;
}

QString DownloadTask::partialPath() const
{
    if (m_token.isEmpty())
        return {};
    return QFileInfo(localPath()).dir().filePath(OwnPrefix + m_token + PartSuffix);
}

QString DownloadTask::statePath() const
{
    if (m_token.isEmpty())
        return {};
    return QFileInfo(localPath()).dir().filePath(OwnPrefix + m_token + StateSuffix);
}

void DownloadTask::refuse(const S3Error &error)
{
    fail(error);
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

bool DownloadTask::isSingleRequest() const
{
    return m_listed;
}

void DownloadTask::startRequest(S3Client *client)
{
    if (m_phase == Phase::Discover && m_listed) {
        startListed();
        if (state() != TransferState::Running || m_phase != Phase::Ranges || m_ranges.empty()) {
            // Failed before its request (a folder that cannot be made, a full disk): the budget handed out comes back.
            beginRequest(client);
            endRequest(client);
            return;
        }
    }
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
    job->setVersionId(m_options.versionId);
    job->setSseCustomerKey(m_options.sseCustomerKey);
    m_discoverJob = job;
    beginRequest(client);
    connect(job, &Job::finished, this, [this, job, client] {
        m_discoverJob = nullptr;
        endRequest(client);
        if (state() != TransferState::Running)
            return;
        if (job->hasError()) {
            const int status = job->error().httpStatus();
            if (isSseCustomerKeyError(job->error()))
                fail(job->error());
            else if (status == 403 || status == 404 || status == 400 || status == 405)
                explainHeadError(client, job->error()); // HEAD answers carry no error code
            else
                fail(job->error());
            return;
        }
        const ObjectMetadata &metadata = job->metadata();
        m_storageClass = metadata.storageClass;
        // Only an ETag that is the object's MD5 can check the bytes (not SSE-KMS, SSE-C or multipart ones).
        handleDiscovered(metadata.size, metadata.etag,
                         etagIsMd5(metadata.etag, metadata.serverSideEncryption, metadata.sseCustomerAlgorithm));
    });
    job->start();
}

void DownloadTask::startListed()
{
    // The listing gave size and ETag: the range is planned from them and the GET pinned to that ETag. Whether
    // the ETag is the MD5 is only known from the answer's encryption headers (acceptListedAnswer()).
    handleDiscovered(m_options.listedSize, m_options.listedEtag, false);
}

bool DownloadTask::acceptListedAnswer(const Answer &answer)
{
    // If-Match held, so the answer is the listed version; an ETag that still differs is not the object asked for.
    const auto bare = [](QString etag) { return etag.remove(QLatin1Char('"')); };
    if (!answer.etag.isEmpty() && bare(answer.etag) != bare(m_etag)) {
        closeFile();
        removePartialFiles();
        fail(S3Error(S3Error::Kind::Http, u"the server answered the GET of %1 (ETag %2) with another object (ETag %3)"_s
                                              .arg(key(), m_etag, answer.etag)));
        return false;
    }
    m_md5Comparable = m_options.verifyMd5 && etagIsMd5(m_etag, answer.serverSideEncryption, answer.sseCustomerAlgorithm);
    return true;
}

void DownloadTask::explainHeadError(S3Client *client, const S3Error &headError)
{
    // A one-byte GET says why (NoSuchKey, NoSuchBucket, AccessDenied...), where HEAD could only give a status.
    auto *job = new GetObjectJob(client, bucket(), key(), this);
    GetObjectOptions options;
    options.rangeFirst = 0;
    options.rangeLast = 0;
    job->setOptions(options);
    job->setVersionId(m_options.versionId);
    job->setSseCustomerKey(m_options.sseCustomerKey);
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
    m_note.clear();

    if (!m_dir.isOpen()) {
        if (auto opened = openDirectory(true); !opened) {
            fail(opened.error());
            return;
        }
    }
    if (auto target = keepExistingMode(); !target) { // before any byte: what is at the final name can be replaced
        fail(target.error());
        return;
    }
    if (!sameObject) {
        m_ranges.clear();
        m_hash.reset();
        m_hashedUpTo = 0;
        for (qint64 offset = 0; offset < size; offset += m_options.partSize)
            m_ranges.push_back({offset, std::min(m_options.partSize, size - offset), false, 0, 0, {}});
        loadState(); // bytes already on disk from an earlier run of the same object version
    }
    if (auto opened = openPartialFile(); !opened) {
        fail(opened.error());
        return;
    }
    const qint64 baseline = keptBytes();
    m_progress.restart(baseline);
    if (baseline > 0 && baseline < size)
        m_note = u"resuming at %1"_s.arg(formatByteSize(baseline));
    m_phase = Phase::Ranges;
    notifyChanged();
    maybeHashMore();
    maybeFinish();
}

Result<Ok> DownloadTask::openDirectory(bool create)
{
    Result<localfs::Placement> placement = localfs::placeBeneath(m_options.folder, localPath());
    if (!placement)
        return placement.error();
    Result<localfs::Directory> dir = localfs::openBeneath(placement->root, placement->folder, create);
    if (!dir)
        return dir.error();
    m_dir = std::move(dir).value();
    m_fileName = placement->name;
    return Ok{};
}

Result<Ok> DownloadTask::openPartialFile()
{
    bool planted = false; // something that is not our file sits at our partial name
    if (m_fd < 0 && !m_token.isEmpty()) {
        // Our own partial file from an earlier run (its name is in the queue file): continue in it.
        m_fd = ::openat(m_dir.fd(), ownName(m_token, PartSuffix).constData(), O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        if (m_fd < 0 && errno != ENOENT && errno != ELOOP)
            return S3Error::io(u"cannot open %1: %2"_s.arg(partialPath(), errnoText(errno)));
        planted = m_fd < 0 && errno == ELOOP;
        struct stat st {};
        if (m_fd >= 0 && (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode))) {
            closeFile();
            planted = true;
        }
        if (planted)
            qCWarning(lcS3Transfer) << partialPath() << "is not a file S3Desk wrote; left alone, starting over under another name";
    }
    if (m_fd < 0) {
        // A new partial file under a name nobody else uses: O_EXCL never opens a file (or link) that exists.
        const QString previous = m_token;
        for (int attempt = 0; attempt < 8 && m_fd < 0; ++attempt) {
            if (m_token.isEmpty() || attempt > 0 || planted)
                m_token = localfs::randomToken();
            m_fd = ::openat(m_dir.fd(), ownName(m_token, PartSuffix).constData(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
            if (m_fd < 0 && errno != EEXIST)
                return S3Error::io(u"cannot create %1: %2"_s.arg(partialPath(), errnoText(errno)));
        }
        if (m_fd < 0)
            return S3Error::io(u"cannot create a partial file in %1: every name tried exists"_s.arg(m_dir.path()));
        dropCheckpoints(); // a record still being written describes the earlier file
        if (!previous.isEmpty() && previous != m_token && !planted)
            ::unlinkat(m_dir.fd(), ownName(previous, StateSuffix).constData(), 0);
        for (Range &range : m_ranges) {
            range.done = false; // a new file holds none of what a state file may have said
            range.kept = 0;
        }
        m_hash.reset();
        m_hashedUpTo = 0;
        if (auto kept = keepExistingMode(); !kept)
            return kept;
        notifyChanged(); // the new token goes into the queue file
    }
    // Reserve the space now: a full disk fails here, not after minutes of downloading.
    if (m_size > 0) {
        const int error = platform::preallocate(m_fd, m_size);
        if (error == ENOSPC) {
            closeFile();
            removePartialFiles();
            return S3Error::io(QStringLiteral("not enough disk space for %1 (%2 needed)").arg(localPath(), formatByteSize(m_size)));
        }
    }
    if (::ftruncate(m_fd, m_size) != 0) // exact size (also where fallocate is not supported)
        return S3Error::io(QStringLiteral("cannot size %1: %2").arg(partialPath(), errnoText(errno)));
    return Ok{};
}

Result<Ok> DownloadTask::keepExistingMode()
{
    // Replacing a file keeps its permission bits (a 0600 file stays private); a new file has the mode the
    // partial file was created with (0666 less the umask). A link at the final name is replaced, not followed.
    struct stat existing {};
    if (::fstatat(m_dir.fd(), QFile::encodeName(m_fileName).constData(), &existing, AT_SYMLINK_NOFOLLOW) != 0 || S_ISLNK(existing.st_mode))
        return Ok{};
    // A device, FIFO or socket is never replaced by a download (nor written to), and a folder is not a file.
    const auto kind = [&]() -> QString {
        switch (existing.st_mode & S_IFMT) {
        case S_IFDIR: return u"a folder"_s;
        case S_IFIFO: return u"a FIFO (named pipe)"_s;
        case S_IFSOCK: return u"a socket"_s;
        case S_IFCHR: return u"a character device"_s;
        case S_IFBLK: return u"a block device"_s;
        default: return {};
        }
    }();
    if (!kind.isEmpty())
        return S3Error::io(u"%1 is %2, not a file: a download does not replace it; choose another name or folder"_s.arg(localPath(), kind));
    if (!S_ISREG(existing.st_mode))
        return Ok{};
    if (m_fd < 0)
        return Ok{};
    if (::fchmod(m_fd, existing.st_mode & 0777) != 0)
        return S3Error::io(u"cannot give %1 the mode of %2: %3"_s.arg(partialPath(), localPath(), errnoText(errno)));
    return Ok{};
}

void DownloadTask::startRange(S3Client *client, int index)
{
    Range &range = m_ranges[size_t(index)];
    // The bytes of the range already on disk are not asked for again.
    range.kept = std::clamp<qint64>(range.kept, 0, range.length - 1);
    range.runStart = range.kept;
    auto *job = new RangeGetJob(client, bucket(), key(), range.offset + range.kept, range.length - range.kept, m_etag, m_fd,
                                partialPath(), this);
    job->setWhole(m_ranges.size() == 1 && range.offset == 0 && range.kept == 0 && range.length == m_size);
    job->setVersionId(m_options.versionId);
    job->setSseCustomerKey(m_options.sseCustomerKey);
    range.job = job;
    beginRequest(client);
    connect(job, &S3Job::downloadProgress, this, [this, index, job](qint64 received, qint64) {
        Range &current = m_ranges[size_t(index)];
        if (current.job != job)
            return;
        const qint64 onDisk = job->onDisk(received);
        current.kept = std::min(current.length, current.runStart + onDisk);
        m_progress.setPartBytes(index, onDisk);
        if (keptBytes() - m_recordingBytes >= CheckpointStep)
            requestCheckpoint();
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
        if (error.kind() == S3Error::Kind::Io)
            range.kept = range.runStart; // a local write failed: only what was there before is sure
        if (error.httpStatus() == 412) {
            // The object changed since the first request: the ranges on disk mix two versions.
            if (m_listed) {
                // Changed since the listing, before any byte was taken: look at it as it is now (HEAD, ranges).
                m_listed = false;
                m_phase = Phase::Discover;
                m_ranges.clear();
                notifyChanged();
                return;
            }
            error = S3Error(S3Error::Kind::ObjectModified,
                            QStringLiteral("%1 was modified on the server during the download; download it again").arg(key()));
            stopRequests();
            closeFile();
            removePartialFiles();
        }
        fail(restore::explainArchivedRead(error, key(), m_storageClass));
        return;
    }
    if (m_listed) {
        const auto *get = static_cast<const RangeGetJob *>(job);
        if (!acceptListedAnswer({get->etag(), get->serverSideEncryption(), get->sseCustomerAlgorithm()}))
            return;
    }
    range.done = true;
    range.kept = range.length;
    m_progress.completePart(index, range.length - range.runStart);
    if (keptBytes() < m_size)
        requestCheckpoint(); // the last range ends in the final flush and rename instead
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
    // Through our own descriptor (a copy: the task may close its own meanwhile), never by path: a file swapped
    // in under the name would not be the one that is hashed and renamed.
    const int fd = ::fcntl(m_fd, F_DUPFD_CLOEXEC, 0);
    QThreadPool::globalInstance()->start([promise, hash = m_hash, fd, path = partialPath(), from = m_hashedUpTo, to = prefixEnd] {
        if (fd < 0) {
            hash->error = S3Error::io(QStringLiteral("cannot read %1 to verify it").arg(path));
        } else {
            QByteArray buffer(1024 * 1024, Qt::Uninitialized);
            qint64 position = from;
            while (position < to) {
                const ssize_t n = ::pread(fd, buffer.data(), size_t(std::min<qint64>(buffer.size(), to - position)), position);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0) {
                    hash->error = S3Error::io(QStringLiteral("cannot read %1 to verify it").arg(path));
                    break;
                }
                hash->hasher.addData(QByteArrayView(buffer.constData(), n));
                position += n;
            }
            ::close(fd);
        }
        promise->addResult(to);
        promise->finish();
    });
    platform::whenReady(this, future, [this, hash = m_hash](qint64 hashedTo) {
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
        fail(S3Error::io(QStringLiteral("%1 has the wrong size after the download").arg(partialPath())));
        return;
    }
    if (!m_options.fsync) {
        placeFile();
        return;
    }
    // The bytes reach the disk before the file gets its final name, so that a name never shows an incomplete
    // file, even after a crash. fsync waits for the disk: on a worker thread, so the engine keeps every other
    // transfer moving meanwhile, and many small files flush at once (the file system joins them into few commits).
    const int fd = ::fcntl(m_fd, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
        fail(S3Error::io(u"writing %1 to disk failed: %2"_s.arg(partialPath(), errnoText(errno))));
        return;
    }
    auto promise = std::make_shared<QPromise<int>>();
    QFuture<int> future = promise->future();
    promise->start();
    (m_diskPool ? m_diskPool : QThreadPool::globalInstance())->start([promise, fd] {
        const int result = platform::syncToDisk(fd);
        ::close(fd);
        promise->addResult(result);
        promise->finish();
    });
    platform::whenReady(this, future, [this, run = m_flushRun](int error) {
        if (run != m_flushRun || state() != TransferState::Completing)
            return; // paused or cancelled meanwhile: that run's file is no longer ours to place
        if (error != 0) {
            fail(S3Error::io(u"writing %1 to disk failed: %2"_s.arg(partialPath(), errnoText(error))));
            return;
        }
        placeFile();
    });
}

void DownloadTask::placeFile()
{
    if (auto kept = keepExistingMode(); !kept) { // again: the file may have been replaced meanwhile
        fail(kept.error());
        return;
    }
    closeFile();
    const QByteArray from = ownName(m_token, PartSuffix);
    const QByteArray to = QFile::encodeName(m_fileName);
    if (::renameat(m_dir.fd(), from.constData(), m_dir.fd(), to.constData()) != 0) {
        fail(S3Error::io(QStringLiteral("cannot move the download into place as %1: %2").arg(localPath(), errnoText(errno))));
        return;
    }
    dropCheckpoints();
    ::unlinkat(m_dir.fd(), ownName(m_token, StateSuffix).constData(), 0);
    ::unlinkat(m_dir.fd(), ownName(m_token, NewStateSuffix).constData(), 0);
    m_dir.close();
    m_phase = Phase::Done;
    m_note.clear();
    succeed();
}

qint64 DownloadTask::keptBytes() const
{
    qint64 total = 0;
    for (const Range &range : m_ranges)
        total += range.done ? range.length : range.kept;
    return total;
}

void DownloadTask::requestCheckpoint()
{
    m_checkpointPending = true;
    if (!m_checkpointRunning)
        startCheckpoint();
}

void DownloadTask::startCheckpoint()
{
    m_checkpointPending = false;
    if (m_fd < 0 || !m_dir.isOpen() || m_token.isEmpty() || m_size < 0 || m_ranges.empty())
        return;
    DownloadState state;
    state.etag = m_etag;
    state.size = m_size;
    for (const Range &range : m_ranges) {
        if (range.done || range.kept > 0)
            state.ranges.append({range.offset, range.length, range.done ? range.length : range.kept});
    }
    const qint64 bytes = state.keptBytes();
    if (bytes == m_recordedBytes && bytes == m_recordingBytes)
        return; // nothing new to record
    // Our own descriptors (copies: the task may close its own meanwhile), never paths: a file swapped in under
    // a name is not the one flushed, and the folder is the one reached without following links.
    const int fileFd = ::fcntl(m_fd, F_DUPFD_CLOEXEC, 0);
    const int dirFd = ::fcntl(m_dir.fd(), F_DUPFD_CLOEXEC, 0);
    if (fileFd < 0 || dirFd < 0) {
        qCWarning(lcS3Transfer) << "cannot record the bytes kept in" << statePath() << errnoText(errno);
        if (fileFd >= 0)
            ::close(fileFd);
        if (dirFd >= 0)
            ::close(dirFd);
        return;
    }
    m_checkpointRunning = true;
    m_recordingBytes = bytes;
    auto promise = std::make_shared<QPromise<int>>();
    QFuture<int> future = promise->future();
    promise->start();
    // The data first, then the record that claims it: a record never names bytes that a crash could lose. The
    // record goes to a temporary name, is flushed, and replaces the old one by rename: a crash leaves the old
    // record or the new one, never a torn one.
    (m_diskPool ? m_diskPool : QThreadPool::globalInstance())->start([promise, writer = m_writer, fileFd, dirFd, json = state.toJson(), sync = m_options.fsync,
                                          stateName = ownName(m_token, StateSuffix), newName = ownName(m_token, NewStateSuffix)] {
        int error = sync ? platform::syncToDisk(fileFd) : 0;
        bool renamed = false;
        if (error == 0) {
            // Under the lock from creation to rename: once the task dropped its records (the files are removed),
            // no record file appears any more. What waits for it is one write of a small file.
            std::lock_guard lock(writer->mutex);
            if (writer->dropped)
                error = -1;
            const int fd = error == 0 ? ::openat(dirFd, newName.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
            if (error == 0 && fd < 0)
                error = errno;
            if (fd >= 0) {
                qsizetype done = 0;
                while (done < json.size() && error == 0) {
                    const ssize_t n = ::write(fd, json.constData() + done, size_t(json.size() - done));
                    if (n < 0 && errno != EINTR)
                        error = errno;
                    else if (n > 0)
                        done += n;
                }
                if (error == 0 && sync)
                    error = platform::syncToDisk(fd);
                ::close(fd);
                if (error == 0)
                    renamed = ::renameat(dirFd, newName.constData(), dirFd, stateName.constData()) == 0;
                if (error == 0 && !renamed)
                    error = errno;
                if (!renamed)
                    ::unlinkat(dirFd, newName.constData(), 0);
            }
        }
        if (renamed && sync)
            error = platform::syncToDisk(dirFd); // the rename itself reaches the disk
        ::close(fileFd);
        ::close(dirFd);
        promise->addResult(error);
        promise->finish();
    });
    platform::whenReady(this, future, [this, writer = m_writer, bytes](int error) {
        m_checkpointRunning = false;
        if (writer == m_writer) {
            if (error == 0) {
                m_recordedBytes = bytes;
                notifyChanged(); // the queue file shows the bytes kept
            } else if (error > 0) {
                // A record that could not be written costs the resume of these bytes, not the download.
                qCWarning(lcS3Transfer) << "cannot record the bytes kept in" << statePath() << errnoText(error);
            }
        }
        if (m_checkpointPending)
            startCheckpoint();
    });
}

void DownloadTask::dropCheckpoints()
{
    {
        std::lock_guard lock(m_writer->mutex);
        m_writer->dropped = true;
    }
    m_writer = std::make_shared<StateWriter>();
    m_checkpointPending = false;
    m_recordingBytes = 0;
    m_recordedBytes = 0;
}

void DownloadTask::loadState()
{
    if (!m_dir.isOpen() || m_token.isEmpty())
        return;
    const int fd = ::openat(m_dir.fd(), ownName(m_token, StateSuffix).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return;
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return;
    }
    const DownloadState state = DownloadState::fromJson(file.read(16 * 1024 * 1024 + 1));
    if (state.size < 0)
        return;
    if (state.etag != m_etag || state.size != m_size) {
        if (state.keptBytes() > 0) {
            m_note = u"%1 changed on the server since the download began (ETag %2, was %3): downloading it again from the start"_s
                         .arg(key(), m_etag, state.etag);
            qCInfo(lcS3Transfer).noquote() << m_note;
        }
        return;
    }
    for (const DownloadStateRange &entry : state.ranges) {
        for (Range &range : m_ranges) {
            if (range.offset != entry.offset || range.length != entry.length)
                continue;
            range.done = entry.kept >= entry.length;
            range.kept = entry.kept;
        }
    }
    m_recordedBytes = m_recordingBytes = keptBytes();
}

void DownloadTask::stopRequests()
{
    ++m_flushRun;
    cancelQuietly(m_discoverJob, this);
    for (Range &range : m_ranges)
        cancelQuietly(range.job, this);
    releaseRequests();
    // What the stopped requests wrote is kept for the next run (also of the next process: recorded).
    if (m_phase == Phase::Ranges && keptBytes() != m_recordingBytes)
        requestCheckpoint();
}

void DownloadTask::cleanupCancelled()
{
    closeFile();
    removePartialFiles();
    m_ranges.clear();
    m_progress.restart(0);
    m_note.clear();
}

void DownloadTask::prepareResume()
{
    // The count shows what is on disk, not the high-water mark of a run before (a cancelled one kept nothing).
    // Nothing planned yet (restored from the queue file): what the file said stands until the state file is read.
    if (!m_ranges.empty())
        m_progress.restart(keptBytes());
    const qint64 kept = m_progress.done();
    m_note = kept > 0 && kept < m_progress.total() ? u"resuming at %1"_s.arg(formatByteSize(kept)) : QString();
    // Start from discovery again: the object may have changed; the ranges stay valid only for the same ETag.
    m_phase = Phase::Discover;
    ++m_flushRun;
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
    if (m_token.isEmpty())
        return;
    dropCheckpoints();
    if (!m_dir.isOpen() && !openDirectory(false))
        return; // the folder is gone or now behind a link: nothing of ours to remove there
    ::unlinkat(m_dir.fd(), ownName(m_token, PartSuffix).constData(), 0);
    ::unlinkat(m_dir.fd(), ownName(m_token, StateSuffix).constData(), 0);
    ::unlinkat(m_dir.fd(), ownName(m_token, NewStateSuffix).constData(), 0);
    m_dir.close();
}

QJsonObject DownloadTask::toJson() const
{
    QJsonObject json = TransferTask::toJson();
    json.insert(QStringLiteral("partSize"), double(m_options.partSize));
    if (!m_token.isEmpty())
        json.insert(u"partialToken"_s, m_token);
    // Shown when the transfer is restored, before it asks the server again: the size, and what the state file says.
    const qint64 size = m_size >= 0 ? m_size : m_progress.total();
    if (size >= 0) {
        json.insert(u"objectSize"_s, double(size));
        json.insert(u"bytesKept"_s, double(std::min(size, m_size >= 0 ? m_recordedBytes : m_progress.done())));
    }
    if (!m_options.folder.isEmpty())
        json.insert(u"folder"_s, m_options.folder);
    if (!m_options.versionId.isEmpty())
        json.insert(u"versionId"_s, m_options.versionId);
    return json;
}

std::unique_ptr<DownloadTask> DownloadTask::fromJson(const QJsonObject &json, DownloadOptions options)
{
    // The entry comes from a file on disk: every field is checked before any is used (an out-of-range number
    // must not reach a conversion, a part size of 0 would never end).
    if (json.value(QStringLiteral("direction")).toString() != QLatin1String("download") || !transferEntryProblem(json).isEmpty())
        return nullptr;
    if (json.contains(QStringLiteral("partSize")))
        options.partSize = qint64(json.value(QStringLiteral("partSize")).toDouble());
    options.folder = json.value(u"folder"_s).toString();
    options.versionId = json.value(u"versionId"_s).toString();
    auto task = std::make_unique<DownloadTask>(json.value(QStringLiteral("id")).toString().toULongLong(),
                                               json.value(QStringLiteral("bucket")).toString(),
                                               json.value(QStringLiteral("key")).toString(),
                                               json.value(QStringLiteral("localPath")).toString(), options);
    task->setPriority(json.value(QStringLiteral("priority")).toInt());
    // Anything but 16 hex digits could name another file: then the download starts over in a new one.
    if (const QString token = json.value(u"partialToken"_s).toString(); isToken(token)) {
        task->m_token = token;
        // transferEntryProblem() checked both numbers (bytesKept within objectSize).
        if (const qint64 size = qint64(json.value(u"objectSize"_s).toDouble(-1)); size >= 0) {
            task->m_progress.setTotal(size);
            task->m_progress.restart(qint64(json.value(u"bytesKept"_s).toDouble(0)));
        }
    }
    return task;
}

} // namespace s3
