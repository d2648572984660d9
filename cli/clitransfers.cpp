// SPDX-License-Identifier: Apache-2.0
// s3desk-cli commands that move files: put/get of files and sync, through the transfer engine.
#include "cliapp.h"

#include <csignal>
#include <cstdio>

#include <sys/socket.h>
#include <unistd.h>

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>
#include <QSocketNotifier>
#include <QTimer>

#include "s3core/crypto.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/transfer/localpaths.h"
#include "s3uri.h"

namespace s3cli {

using namespace s3;

namespace {
int g_interruptPipe[2] = {-1, -1};

void handleInterrupt(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_interruptPipe[1], &byte, 1);
}

QString progressBar(double fraction, int width)
{
    const int filled = int(fraction * width);
    return QString(filled, QLatin1Char('=')) + (filled < width ? QStringLiteral(">") : QString())
        + QString(std::max(0, width - filled - 1), QLatin1Char(' '));
}

QString duration(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("--");
    if (seconds < 60)
        return QStringLiteral("%1s").arg(seconds);
    if (seconds < 3600)
        return QStringLiteral("%1m%2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1h%2m").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}
} // namespace

bool CliApp::takeTransferOptions()
{
    QString concurrency;
    QString partSize;
    if (!takeValue(QStringLiteral("--concurrency"), &concurrency) || !takeValue(QStringLiteral("--part-size"), &partSize))
        return false;
    m_contentMd5 = takeFlag(QStringLiteral("--content-md5"));
    m_noFsync = takeFlag(QStringLiteral("--no-fsync"));
    m_qtHttp = takeFlag(QStringLiteral("--qt-http"));
    if (!concurrency.isEmpty()) {
        bool ok = false;
        m_concurrency = concurrency.toInt(&ok);
        if (!ok || m_concurrency < 1 || m_concurrency > 64) {
            usageError(QStringLiteral("--concurrency takes 1 ... 64"));
            return false;
        }
    }
    if (!partSize.isEmpty()) {
        m_partSize = parseByteSize(partSize);
        if (m_partSize < MinPartSize || m_partSize > MaxPartSize) {
            usageError(QStringLiteral("--part-size takes 5M ... 5G (for example 64M), not '%1'").arg(partSize));
            return false;
        }
    }
    return true;
}

void CliApp::installInterruptHandler()
{
    if (g_interruptPipe[0] >= 0)
        return;
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_interruptPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_interruptPipe[0], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this, notifier] {
        char byte;
        [[maybe_unused]] const auto got = ::read(g_interruptPipe[0], &byte, 1);
        notifier->setEnabled(false);
        m_err << "\ns3desk-cli: interrupted; cancelling (aborting uploads, removing partial files)" << Qt::endl;
        if (m_queue)
            m_queue->cancelAll();
    });
    struct sigaction action {};
    action.sa_handler = handleInterrupt;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

void CliApp::runTransfers(const QList<PlannedTransfer> &transfers, const ObjectAttributes &attributes, std::function<void(bool)> then)
{
    m_afterTransfers = std::move(then);
    ClientSettings settings;
    settings.endpoint = m_client->endpoint();
    settings.credentials = m_client->credentialsProvider();
    settings.transferTimeoutMs = m_client->transferTimeoutMs();
    settings.caBundle = m_caBundle;
    settings.curlHttp = !m_qtHttp;
    m_queue = std::make_unique<TransferQueue>(settings, TransferLimits{4, m_concurrency});
    m_progress = ::isatty(::fileno(stderr)) != 0;
    installInterruptHandler();

    UploadOptions upload;
    upload.attributes = attributes;
    upload.maxPartsInFlight = m_concurrency;
    upload.integrity = m_contentMd5 ? UploadIntegrity::Sha256AndMd5 : UploadIntegrity::Sha256;
    DownloadOptions download;
    download.maxRangesInFlight = m_concurrency;
    download.fsync = !m_noFsync;
    if (m_partSize > 0) {
        upload.partSize = m_partSize;
        download.partSize = m_partSize;
    }
    for (const PlannedTransfer &transfer : transfers) {
        m_transferIds.append(transfer.upload ? m_queue->enqueueUpload(transfer.localPath, transfer.bucket, transfer.key, upload)
                                             : m_queue->enqueueDownload(transfer.bucket, transfer.key, transfer.localPath, download));
    }
    connect(m_queue.get(), &TransferQueue::tasksChanged, this, [this] { renderProgress(false); });
    connect(m_queue.get(), &TransferQueue::taskFinished, this, [this](const TransferSnapshot &snapshot) {
        if (m_progress)
            m_err << "\r\033[K";
        const QString remote = QStringLiteral("s3://%1/%2").arg(snapshot.bucket, snapshot.key);
        if (snapshot.state == TransferState::Succeeded) {
            if (snapshot.direction == TransferDirection::Upload)
                m_out << "upload: " << snapshot.localPath << " to " << remote << Qt::endl;
            else
                m_out << "download: " << remote << " to " << snapshot.localPath << Qt::endl;
        } else if (snapshot.state == TransferState::Failed) {
            QString line = QStringLiteral("s3desk-cli: error: %1 %2: %3")
                               .arg(snapshot.direction == TransferDirection::Upload ? QStringLiteral("upload of") : QStringLiteral("download of"),
                                    snapshot.direction == TransferDirection::Upload ? snapshot.localPath : remote,
                                    snapshot.lastError.toString());
            if (!snapshot.lastError.hint().isEmpty())
                line += QStringLiteral(" -- ") + snapshot.lastError.hint();
            m_err << line << Qt::endl;
        }
        renderProgress(false);
    });
    connect(m_queue.get(), &TransferQueue::idle, this, &CliApp::finishTransfers);
    if (transfers.isEmpty())
        QTimer::singleShot(0, this, &CliApp::finishTransfers);
}

void CliApp::renderProgress(bool final)
{
    if (!m_progress || !m_queue)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!final && now - m_lastRenderMs < 200)
        return;
    m_lastRenderMs = now;
    qint64 done = 0;
    qint64 total = 0;
    double rate = 0;
    int finished = 0;
    const QList<TransferSnapshot> snapshots = m_queue->snapshots();
    for (const TransferSnapshot &snapshot : snapshots) {
        done += snapshot.bytesDone;
        total += std::max<qint64>(snapshot.bytesTotal, 0);
        rate += snapshot.bytesPerSecond;
        finished += isFinalState(snapshot.state) ? 1 : 0;
    }
    const double fraction = total > 0 ? double(done) / double(total) : 0;
    const qint64 eta = rate > 0 ? qint64(double(total - done) / rate) : -1;
    m_err << "\r\033[K[" << progressBar(fraction, 24) << "] " << int(fraction * 100) << "% " << formatByteSize(done) << " / "
          << formatByteSize(total) << "  " << formatByteSize(qint64(rate)) << "/s  ETA " << duration(eta);
    if (snapshots.size() > 1)
        m_err << "  (" << finished << '/' << snapshots.size() << " files)";
    m_err.flush();
}

void CliApp::finishTransfers()
{
    if (!m_queue || !m_afterTransfers)
        return;
    bool ok = true;
    for (const TransferSnapshot &snapshot : m_queue->snapshots())
        ok = ok && snapshot.state == TransferState::Succeeded;
    if (!ok) {
        // No persistence in the CLI: a failed transfer must not leave a multipart upload or a partial file.
        for (const TransferSnapshot &snapshot : m_queue->snapshots()) {
            if (snapshot.state != TransferState::Succeeded)
                m_queue->cancel(snapshot.id);
        }
    }
    if (m_progress)
        m_err << "\r\033[K";
    m_err.flush();
    // Let the clean-up requests (AbortMultipartUpload) go out before exiting, for at most 10 s.
    auto *timer = new QTimer(this);
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + 10000;
    auto then = std::exchange(m_afterTransfers, {});
    connect(timer, &QTimer::timeout, this, [this, timer, deadline, then, ok] {
        if (m_queue->cleanupsInFlight() > 0 && QDateTime::currentMSecsSinceEpoch() < deadline)
            return;
        timer->stop();
        then(ok);
    });
    timer->start(20);
}

void CliApp::commandSync()
{
    const bool deleteExtra = takeFlag(QStringLiteral("--delete"));
    if (!takeTransferOptions() || !expectPositionals(2, QStringLiteral("sync LOCAL_DIR s3://BUCKET/PREFIX | sync s3://BUCKET/PREFIX LOCAL_DIR [--delete]")))
        return;
    const QString from = m_positionals.at(0);
    const QString to = m_positionals.at(1);
    if (isS3Uri(from) == isS3Uri(to))
        return usageError(QStringLiteral("sync goes from a local folder to s3://BUCKET/PREFIX or back"));
    const bool up = isS3Uri(to);
    Result<S3Uri> uri = parseS3Uri(up ? to : from);
    if (!uri)
        return usageError(uri.error().message());
    QString prefix = uri->key;
    if (!prefix.isEmpty() && !prefix.endsWith(QLatin1Char('/')))
        prefix += QLatin1Char('/');
    if (up)
        syncUp(from, uri->bucket, prefix, deleteExtra);
    else
        syncDown(uri->bucket, prefix, to, deleteExtra);
}

void CliApp::syncUp(const QString &localDir, const QString &bucket, const QString &prefix, bool deleteExtra)
{
    if (!QFileInfo(localDir).isDir())
        return failWith(S3Error::io(QStringLiteral("%1 is not a folder").arg(localDir)));
    auto *listing = new ListObjectsJob(m_client.get(), {bucket, prefix, {}, {}, 1000, {}}, this);
    listing->setCollect(true);
    connect(listing, &Job::finished, this, [this, listing, localDir, bucket, prefix, deleteExtra] {
        if (listing->hasError())
            return failWith(listing->error());
        QHash<QString, ObjectInfo> remote;
        for (const ObjectInfo &object : listing->objects())
            remote.insert(object.key, object);
        QList<PlannedTransfer> transfers;
        QSet<QString> localKeys;
        QDirIterator it(localDir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QFileInfo info = it.fileInfo();
            if (info.isSymLink() && !info.exists())
                continue;
            const QString key = keyForLocalFile(localDir, path, prefix);
            localKeys.insert(key);
            const auto found = remote.constFind(key);
            bool changed = found == remote.cend() || found->size != info.size();
            if (!changed && !found->etag.contains(QLatin1Char('-'))) {
                // A plain-MD5 ETag tells exactly whether the content differs.
                Result<crypto::FileDigests> digests = crypto::digestFile(path);
                changed = !digests || QString::fromLatin1(digests->md5.toHex()) != QString(found->etag).remove(QLatin1Char('"'));
            } else if (!changed) {
                changed = info.lastModified().toUTC() > found->lastModified; // multipart ETag: by time, as aws s3 sync
            }
            if (changed)
                transfers.append({true, path, bucket, key});
        }
        QStringList extra;
        if (deleteExtra) {
            for (auto entry = remote.cbegin(); entry != remote.cend(); ++entry) {
                if (!localKeys.contains(entry.key()))
                    extra.append(entry.key());
            }
        }
        runTransfers(transfers, {}, [this, extra, bucket](bool ok) {
            if (!ok || extra.isEmpty())
                return done(ok ? ExitOk : ExitFailure);
            auto *remove = new DeleteObjectsJob(m_client.get(), bucket, extra, this);
            connect(remove, &Job::finished, this, [this, remove, extra, bucket] {
                for (const QString &key : extra)
                    m_out << "delete: s3://" << bucket << '/' << key << '\n';
                m_out.flush();
                if (remove->hasError())
                    return failWith(remove->error());
                done(ExitOk);
            });
            remove->start();
        });
    });
    listing->start();
}

void CliApp::syncDown(const QString &bucket, const QString &prefix, const QString &localDir, bool deleteExtra)
{
    if (!QDir().mkpath(localDir))
        return failWith(S3Error::io(QStringLiteral("cannot create the folder %1").arg(localDir)));
    auto *listing = new ListObjectsJob(m_client.get(), {bucket, prefix, {}, {}, 1000, {}}, this);
    listing->setCollect(true);
    connect(listing, &Job::finished, this, [this, listing, localDir, bucket, prefix, deleteExtra] {
        if (listing->hasError())
            return failWith(listing->error());
        QList<PlannedTransfer> transfers;
        QSet<QString> wanted;
        bool refused = false;
        for (const ObjectInfo &object : listing->objects()) {
            Result<QString> path = localPathForKey(localDir, prefix, object.key);
            if (!path) {
                m_err << "s3desk-cli: skipped: " << path.error().message() << Qt::endl;
                refused = true;
                continue;
            }
            if (path->endsWith(QLatin1Char('/'))) { // folder marker
                QDir().mkpath(*path);
                continue;
            }
            wanted.insert(QFileInfo(*path).absoluteFilePath());
            const QFileInfo info(*path);
            bool changed = !info.exists() || info.size() != object.size;
            if (!changed && !object.etag.contains(QLatin1Char('-'))) {
                Result<crypto::FileDigests> digests = crypto::digestFile(*path);
                changed = !digests || QString::fromLatin1(digests->md5.toHex()) != QString(object.etag).remove(QLatin1Char('"'));
            } else if (!changed) {
                changed = object.lastModified > info.lastModified().toUTC();
            }
            if (changed)
                transfers.append({false, *path, bucket, object.key});
        }
        if (deleteExtra) {
            QDirIterator it(localDir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (!wanted.contains(QFileInfo(path).absoluteFilePath()) && !path.endsWith(QLatin1String(".s3desk-part"))
                    && QFile::remove(path))
                    m_out << "delete: " << path << '\n';
            }
        }
        runTransfers(transfers, {}, [this, refused](bool ok) { done(ok && !refused ? ExitOk : ExitFailure); });
    });
    listing->start();
}

} // namespace s3cli
