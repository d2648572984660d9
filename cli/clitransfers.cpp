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
#include "s3core/etag.h"
#include "s3core/net/ratelimiter.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/transfer/localfs.h"
#include "s3core/textescape.h"
#include "s3core/transfer/localpaths.h"
#include "s3uri.h"
#include "syncstate.h"

namespace s3cli {

using namespace s3;
using namespace Qt::Literals::StringLiterals;

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
    m_signPayload = takeFlag(QStringLiteral("--sign-payload")) || m_signPayload;
    m_noFsync = takeFlag(QStringLiteral("--no-fsync"));
    m_qtHttp = takeFlag(QStringLiteral("--qt-http"));
    // Bandwidth limits, as curl's --limit-rate writes them ("10M" = 10 MiB/s): --limit-rate for both directions,
    // --limit-upload / --limit-download for one (they win over --limit-rate).
    const auto takeRate = [this](const QString &option, qint64 *rate) {
        QString text;
        if (!takeValue(option, &text))
            return false;
        if (text.isNull())
            return true;
        const qint64 parsed = parseRate(text);
        if (parsed < 0) {
            usageError(u"%1 takes bytes per second with an optional K, M or G (1024-based, e.g. 500K, 10M, 1.5G; 0: no limit), not '%2'"_s
                           .arg(option, text));
            return false;
        }
        *rate = parsed;
        return true;
    };
    qint64 both = 0;
    qint64 upload = -1;
    qint64 download = -1;
    if (!takeRate(u"--limit-rate"_s, &both) || !takeRate(u"--limit-upload"_s, &upload) || !takeRate(u"--limit-download"_s, &download))
        return false;
    m_limitUpload = upload >= 0 ? upload : both;
    m_limitDownload = download >= 0 ? download : both;
    if (m_qtHttp && (m_limitUpload > 0 || m_limitDownload > 0)) {
        usageError(u"the bandwidth limit works on the libcurl path; it does not go with --qt-http"_s);
        return false;
    }
    if (!concurrency.isEmpty()) {
        m_concurrencyGiven = true;
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
        m_nextPlanned = m_planned.size(); // nothing more starts
        if (m_sync) {
            // Nothing more is planned, copied or deleted; what runs is cancelled or ends.
            m_sync->planned = true;
            m_sync->failed = true;
            m_sync->copies.clear();
            m_sync->deletes.clear();
            if (m_sync->plan)
                m_sync->plan->cancel(); // no more listing pages
        }
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
    settings.clockOffset = m_client->clockOffset();
    // The parts or ranges of one transfer: --concurrency (6). All transfers together: the engine's budget (32, as in
    // the app), so that many small files, one request each, keep 32 in flight: 6 left a folder of 4 KiB files
    // waiting on the server's latency (10,000 files down: 77 s at 6, against 56 s for awscli with 10). A
    // --concurrency given caps both.
    TransferLimits limits;
    limits.maxActiveTransfers = 4;
    if (m_concurrencyGiven)
        limits.maxConnections = m_concurrency;
    limits.uploadBytesPerSecond = m_limitUpload;
    limits.downloadBytesPerSecond = m_limitDownload;
    m_queue = std::make_unique<TransferQueue>(settings, limits);
    m_progress = ::isatty(::fileno(stderr)) != 0;
    installInterruptHandler();

    m_uploadOptions.attributes = attributes;
    // One SSE-C key (--sse-c-key-file) for every object of the command, up and down.
    if (m_uploadOptions.attributes.sseCustomerKey.isNull())
        m_uploadOptions.attributes.sseCustomerKey = m_sseCustomerKey;
    m_downloadOptions.sseCustomerKey = m_sseCustomerKey;
    m_uploadOptions.maxPartsInFlight = m_concurrency;
    m_uploadOptions.integrity = m_contentMd5 ? UploadIntegrity::Sha256AndMd5 : m_signPayload ? UploadIntegrity::Sha256 : UploadIntegrity::Auto;
    m_downloadOptions.maxRangesInFlight = m_concurrency;
    m_downloadOptions.fsync = !m_noFsync;
    m_downloadOptions.folder = m_downloadFolder;
    if (m_partSize > 0) {
        m_uploadOptions.partSize = m_partSize;
        m_downloadOptions.partSize = m_partSize;
    }
    m_planned = transfers;
    m_plannedTotal = transfers.size();
    m_nextPlanned = 0;
    connect(m_queue.get(), &TransferQueue::tasksChanged, this, [this] { renderProgress(false); });
    connect(m_queue.get(), &TransferQueue::taskFinished, this, [this](const TransferSnapshot &snapshot) {
        if (m_progress)
            m_err << "\r\033[K";
        const QString remote = QStringLiteral("s3://%1/%2").arg(snapshot.bucket, snapshot.key);
        if (snapshot.state == TransferState::Succeeded) {
            if (snapshot.direction == TransferDirection::Upload)
                m_out << "upload: " << escapeControlCharacters(snapshot.localPath) << " to " << escapeControlCharacters(remote) << Qt::endl;
            else
                m_out << "download: " << escapeControlCharacters(remote) << " to " << escapeControlCharacters(snapshot.localPath) << Qt::endl;
            if (snapshot.note.startsWith(u"warning: "_s))
                m_err << escapeControlCharacters(snapshot.note) << Qt::endl;
        } else if (snapshot.state == TransferState::Failed) {
            QString line = QStringLiteral("s3desk-cli: error: %1 %2: %3")
                               .arg(snapshot.direction == TransferDirection::Upload ? QStringLiteral("upload of") : QStringLiteral("download of"),
                                    snapshot.direction == TransferDirection::Upload ? snapshot.localPath : remote,
                                    snapshot.lastError.toString());
            if (!snapshot.lastError.hint().isEmpty())
                line += QStringLiteral(" -- ") + snapshot.lastError.hint();
            m_err << escapeControlCharacters(line) << Qt::endl;
        }
        if (snapshot.state == TransferState::Succeeded) {
            ++m_gone;
            m_bytesGone += std::max<qint64>(snapshot.bytesTotal, 0);
            m_queue->remove(snapshot.id); // done with it; failed ones stay for the summary and the clean-up
        }
        feedQueue();
        if (m_planMore)
            m_planMore();
        renderProgress(false);
    });
    connect(m_queue.get(), &TransferQueue::idle, this, &CliApp::finishTransfers);
    feedQueue();
    if (m_planned.isEmpty())
        QTimer::singleShot(0, this, &CliApp::finishTransfers);
}

void CliApp::feedQueue()
{
    // Enough waiting in the queue to keep every connection busy, and no more.
    constexpr qsizetype Window = 256;
    qsizetype alive = m_plannedDropped + m_nextPlanned - m_gone;
    while (alive < Window && m_nextPlanned < m_planned.size()) {
        const PlannedTransfer transfer = m_planned.at(m_nextPlanned);
        m_planned[m_nextPlanned] = {}; // its strings are not needed any more
        ++m_nextPlanned;
        if (transfer.upload) {
            m_queue->enqueueUpload(transfer.localPath, transfer.bucket, transfer.key, m_uploadOptions);
            ++alive;
            continue;
        }
        // Two keys for one local file ("a//b" and "a/b", "x" and "X" where case folds, a key listed twice):
        // the first one is downloaded, the others refused.
        if (const auto claim = m_queue->claimOf(transfer.localPath)) {
            m_refused.append(u"s3://%1/%2: %3 is already the destination of s3://%4/%5"_s.arg(transfer.bucket, transfer.key, transfer.localPath,
                                                                                             claim->bucket, claim->key));
            ++m_gone; // not alive in the queue either
            continue;
        }
        DownloadOptions options = m_downloadOptions;
        options.listedSize = transfer.listedSize;
        options.listedEtag = transfer.listedEtag;
        options.versionId = transfer.versionId;
        m_queue->enqueueDownload(transfer.bucket, transfer.key, transfer.localPath, options);
        ++alive;
    }
    // A producer (sync) appends as the window empties: drop the started ones so the list stays short.
    if (m_nextPlanned >= 4096 && m_nextPlanned * 2 >= m_planned.size()) {
        m_planned.remove(0, m_nextPlanned);
        m_plannedDropped += m_nextPlanned;
        m_nextPlanned = 0;
    }
}

void CliApp::renderProgress(bool final)
{
    if (!m_progress || !m_queue)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!final && now - m_lastRenderMs < 200)
        return;
    m_lastRenderMs = now;
    qint64 done = m_bytesGone;
    qint64 total = m_bytesGone;
    double rate = 0;
    qsizetype finished = m_gone;
    const QList<TransferSnapshot> snapshots = m_queue->snapshots(); // the window in the queue, not every file
    for (const TransferSnapshot &snapshot : snapshots) {
        done += snapshot.bytesDone;
        total += std::max<qint64>(snapshot.bytesTotal, 0);
        rate += snapshot.bytesPerSecond;
        finished += isFinalState(snapshot.state) ? 1 : 0;
    }
    // Many files: by count, since the files not yet in the queue have no size there.
    const double fraction = m_plannedTotal > 1 ? double(finished) / double(m_plannedTotal) : total > 0 ? double(done) / double(total) : 0;
    const qint64 eta = rate > 0 ? qint64(double(total - done) / rate) : -1;
    m_err << "\r\033[K[" << progressBar(fraction, 24) << "] " << int(fraction * 100) << "% " << formatByteSize(done) << " / "
          << formatByteSize(total) << "  " << formatByteSize(qint64(rate)) << "/s  ETA " << duration(eta);
    if (m_plannedTotal > 1)
        m_err << "  (" << finished << '/' << m_plannedTotal << " files)";
    m_err.flush();
}

void CliApp::finishTransfers()
{
    if (!m_queue || !m_afterTransfers)
        return;
    if (m_nextPlanned < m_planned.size()) {
        feedQueue(); // idle between two windows (every transfer of this one was refused)
        return;
    }
    if (m_planning) {
        if (m_planMore)
            m_planMore(); // idle while the producer waits for a page: it decides when all is done
        return;
    }
    bool ok = m_refused.isEmpty();
    QStringList failed = m_refused;
    for (const TransferSnapshot &snapshot : m_queue->snapshots()) {
        ok = ok && snapshot.state == TransferState::Succeeded;
        if (snapshot.state == TransferState::Failed) {
            failed.append(u"s3://%1/%2: %3"_s.arg(snapshot.bucket, snapshot.key, snapshot.lastError.toString()));
        }
    }
    if (!ok) {
        // No persistence in the CLI: a failed transfer must not leave a multipart upload or a partial file.
        for (const TransferSnapshot &snapshot : m_queue->snapshots()) {
            if (snapshot.state != TransferState::Succeeded)
                m_queue->cancel(snapshot.id);
        }
    }
    if (m_progress)
        m_err << "\r\033[K";
    if (!m_refused.isEmpty() || (!failed.isEmpty() && m_plannedTotal > 1)) {
        // The rest went on; the keys left out of a transfer of several are listed last, where they are seen (a
        // single transfer's error line above says it all).
        m_err << "s3desk-cli: " << failed.size() << (failed.size() == 1 ? " object was" : " objects were") << " not transferred:\n";
        for (const QString &line : std::as_const(failed))
            m_err << "  " << escapeControlCharacters(line) << '\n';
    }
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

} // namespace s3cli
