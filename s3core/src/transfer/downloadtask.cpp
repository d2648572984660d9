// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/downloadtask.h"

#include <cerrno>
#include <cmath>
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
#include "s3core/transfer/queuefile.h"

namespace s3 {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr QLatin1StringView OwnPrefix = ".s3desk\\"_L1;
constexpr QLatin1StringView PartSuffix = ".part"_L1;
constexpr QLatin1StringView StateSuffix = ".state"_L1;

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

bool DownloadTask::isOwnFileName(const QString &fileName)
{
    if (!fileName.startsWith(OwnPrefix))
        return false;
    const QStringView rest = QStringView(fileName).mid(OwnPrefix.size());
    if (!isToken(rest.left(16)))
        return false;
    const QStringView suffix = rest.mid(16);
    return suffix == PartSuffix || suffix == StateSuffix || suffix == ".probe"_L1;
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

    if (!m_dir.isOpen()) {
        if (auto opened = openDirectory(true); !opened) {
            fail(opened.error());
            return;
        }
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
        if (!previous.isEmpty() && previous != m_token && !planted)
            ::unlinkat(m_dir.fd(), ownName(previous, StateSuffix).constData(), 0);
        for (Range &range : m_ranges)
            range.done = false; // a new file holds none of what a state file may have said
        m_hash.reset();
        m_hashedUpTo = 0;
        if (auto kept = keepExistingMode(); !kept)
            return kept;
        notifyChanged(); // the new token goes into the queue file
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
        return S3Error::io(QStringLiteral("cannot size %1: %2").arg(partialPath(), errnoText(errno)));
    return Ok{};
}

Result<Ok> DownloadTask::keepExistingMode()
{
    // Replacing a file keeps its permission bits (a 0600 file stays private); a new file has the mode the
    // partial file was created with (0666 less the umask). A link at the final name is replaced, not followed.
    struct stat existing {};
    if (::fstatat(m_dir.fd(), QFile::encodeName(m_fileName).constData(), &existing, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(existing.st_mode))
        return Ok{};
    if (::fchmod(m_fd, existing.st_mode & 0777) != 0)
        return S3Error::io(u"cannot give %1 the mode of %2: %3"_s.arg(partialPath(), localPath(), errnoText(errno)));
    return Ok{};
}

void DownloadTask::startRange(S3Client *client, int index)
{
    Range &range = m_ranges[size_t(index)];
    auto *job = new RangeGetJob(client, bucket(), key(), range.offset, range.length, m_etag, m_fd, partialPath(), this);
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
        fail(S3Error::io(QStringLiteral("%1 has the wrong size after the download").arg(partialPath())));
        return;
    }
    if (auto kept = keepExistingMode(); !kept) { // again: the file may have been replaced meanwhile
        fail(kept.error());
        return;
    }
    if (m_options.fsync && ::fsync(m_fd) != 0) {
        fail(S3Error::io(QStringLiteral("writing %1 to disk failed: %2").arg(partialPath(), errnoText(errno))));
        return;
    }
    closeFile();
    const QByteArray from = ownName(m_token, PartSuffix);
    const QByteArray to = QFile::encodeName(m_fileName);
    if (::renameat(m_dir.fd(), from.constData(), m_dir.fd(), to.constData()) != 0) {
        fail(S3Error::io(QStringLiteral("cannot move the download into place as %1: %2").arg(localPath(), errnoText(errno))));
        return;
    }
    ::unlinkat(m_dir.fd(), ownName(m_token, StateSuffix).constData(), 0);
    m_dir.close();
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
    if (!m_dir.isOpen() || m_token.isEmpty())
        return;
    // Only ever our own file: no O_CREAT on a planted link; a damaged state file costs the resume, not the data.
    const int fd = ::openat(m_dir.fd(), ownName(m_token, StateSuffix).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        qCWarning(lcS3Transfer) << "cannot record the finished ranges in" << statePath() << errnoText(errno);
        return;
    }
    QFile file;
    if (file.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle))
        file.write(QJsonDocument(state).toJson(QJsonDocument::Compact));
    else
        ::close(fd);
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
    const QJsonObject state = QJsonDocument::fromJson(file.read(16 * 1024 * 1024)).object();
    // A whole number within the object, or -1: the file is ours, but a damaged one must not reach a conversion.
    const auto position = [this](const QJsonValue &value) -> qint64 {
        const double d = value.toDouble(-1);
        return std::isfinite(d) && d >= 0 && d <= double(m_size) && std::floor(d) == d ? qint64(d) : -1;
    };
    if (state.value(QStringLiteral("etag")).toString() != m_etag || position(state.value(QStringLiteral("size"))) != m_size)
        return; // another version of the object: start over
    for (const QJsonValue &entry : state.value(QStringLiteral("done")).toArray()) {
        const qint64 offset = position(entry.toArray().at(0));
        const qint64 length = position(entry.toArray().at(1));
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
    if (m_token.isEmpty())
        return;
    if (!m_dir.isOpen() && !openDirectory(false))
        return; // the folder is gone or now behind a link: nothing of ours to remove there
    ::unlinkat(m_dir.fd(), ownName(m_token, PartSuffix).constData(), 0);
    ::unlinkat(m_dir.fd(), ownName(m_token, StateSuffix).constData(), 0);
    m_dir.close();
}

QJsonObject DownloadTask::toJson() const
{
    QJsonObject json = TransferTask::toJson();
    json.insert(QStringLiteral("partSize"), double(m_options.partSize));
    if (!m_token.isEmpty())
        json.insert(u"partialToken"_s, m_token);
    if (!m_options.folder.isEmpty())
        json.insert(u"folder"_s, m_options.folder);
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
    auto task = std::make_unique<DownloadTask>(json.value(QStringLiteral("id")).toString().toULongLong(),
                                               json.value(QStringLiteral("bucket")).toString(),
                                               json.value(QStringLiteral("key")).toString(),
                                               json.value(QStringLiteral("localPath")).toString(), options);
    task->setPriority(json.value(QStringLiteral("priority")).toInt());
    // Anything but 16 hex digits could name another file: then the download starts over in a new one.
    if (const QString token = json.value(u"partialToken"_s).toString(); isToken(token))
        task->m_token = token;
    return task;
}

} // namespace s3
