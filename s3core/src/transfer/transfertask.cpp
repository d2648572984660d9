// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/transfertask.h"

#include <atomic>

#include "s3core/logging.h"

namespace s3 {

namespace {
std::atomic<int> g_liveTasks{0}; // a count only (tasks live on several threads in tests), never a registry
} // namespace

int TransferTask::liveInstances()
{
    return g_liveTasks.load(std::memory_order_relaxed);
}

QString transferStateName(TransferState state)
{
    switch (state) {
    case TransferState::Queued: return QStringLiteral("queued");
    case TransferState::Running: return QStringLiteral("running");
    case TransferState::Paused: return QStringLiteral("paused");
    case TransferState::Completing: return QStringLiteral("completing");
    case TransferState::Succeeded: return QStringLiteral("done");
    case TransferState::Failed: return QStringLiteral("failed");
    case TransferState::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

TransferTask::TransferTask(TransferId id, TransferDirection direction, QString bucket, QString key, QString localPath,
                           QObject *parent)
    : QObject(parent)
    , m_added(QDateTime::currentDateTimeUtc())
    , m_id(id)
    , m_direction(direction)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
    , m_localPath(std::move(localPath))
{
    g_liveTasks.fetch_add(1, std::memory_order_relaxed);
}

TransferTask::~TransferTask()
{
    g_liveTasks.fetch_sub(1, std::memory_order_relaxed);
}

TransferSnapshot TransferTask::snapshot() const
{
    TransferSnapshot snapshot;
    snapshot.id = m_id;
    snapshot.direction = m_direction;
    snapshot.bucket = m_bucket;
    snapshot.key = m_key;
    snapshot.localPath = m_localPath;
    snapshot.sourceBucket = m_sourceBucket;
    snapshot.sourceKey = m_sourceKey;
    snapshot.move = m_move;
    snapshot.state = m_state;
    snapshot.bytesTotal = m_progress.total();
    snapshot.bytesDone = m_progress.done();
    const bool moving = m_state == TransferState::Running;
    snapshot.bytesPerSecond = moving ? m_progress.bytesPerSecond() : 0;
    snapshot.etaSeconds = moving ? m_progress.etaSeconds() : -1;
    snapshot.priority = m_priority;
    snapshot.attempts = m_attempts;
    snapshot.lastError = m_lastError;
    snapshot.note = m_note;
    snapshot.added = m_added;
    snapshot.finished = m_finishedAt;
    return snapshot;
}

void TransferTask::endRequest(S3Client *client)
{
    if (m_requestClients.removeOne(client))
        Q_EMIT requestFinished(client);
}

void TransferTask::releaseRequests()
{
    const QList<S3Client *> clients = std::exchange(m_requestClients, {});
    for (S3Client *client : clients)
        Q_EMIT requestFinished(client);
}

void TransferTask::setState(TransferState state)
{
    if (m_state == state)
        return;
    qCDebug(lcS3Transfer) << "transfer" << m_id << transferStateName(m_state) << "->" << transferStateName(state);
    m_state = state;
    if (isFinalState(state))
        m_finishedAt = QDateTime::currentDateTimeUtc();
    Q_EMIT changed(m_id);
    if (isFinalState(state))
        Q_EMIT finished(m_id);
}

void TransferTask::activate()
{
    if (m_state != TransferState::Queued)
        return;
    ++m_attempts;
    setState(TransferState::Running);
}

void TransferTask::pause()
{
    if (isFinalState(m_state) || m_state == TransferState::Paused)
        return;
    stopRequests();
    setState(TransferState::Paused);
}

void TransferTask::resume()
{
    if (m_state != TransferState::Paused && m_state != TransferState::Failed && m_state != TransferState::Cancelled)
        return;
    m_lastError = {};
    prepareResume();
    setState(TransferState::Queued);
}

void TransferTask::cancel()
{
    if (m_state == TransferState::Succeeded || m_state == TransferState::Cancelled)
        return;
    stopRequests();
    cleanupCancelled();
    m_lastError = S3Error::cancelled();
    setState(TransferState::Cancelled);
}

void TransferTask::fail(const S3Error &error)
{
    if (isFinalState(m_state))
        return;
    qCInfo(lcS3Transfer) << "transfer" << m_id << "failed:" << error.toString();
    stopRequests();
    m_lastError = error;
    setState(TransferState::Failed);
}

void TransferTask::succeed()
{
    m_lastError = {};
    setState(TransferState::Succeeded);
}

QString transferDirectionName(TransferDirection direction)
{
    switch (direction) {
    case TransferDirection::Upload: return QStringLiteral("upload");
    case TransferDirection::Download: return QStringLiteral("download");
    case TransferDirection::Copy: return QStringLiteral("copy");
    }
    return {};
}

QJsonObject TransferTask::toJson() const
{
    return {{QStringLiteral("id"), QString::number(m_id)},
            {QStringLiteral("direction"), transferDirectionName(m_direction)},
            {QStringLiteral("bucket"), m_bucket},
            {QStringLiteral("key"), m_key},
            {QStringLiteral("localPath"), m_localPath},
            {QStringLiteral("priority"), m_priority},
            {QStringLiteral("added"), m_added.toString(Qt::ISODateWithMs)}};
}

} // namespace s3
