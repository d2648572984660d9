// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/transferqueue.h"

#include <algorithm>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSaveFile>

#include "s3core/job.h"
#include "s3core/logging.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/transfer/localfs.h"
#include "s3core/privatefiles.h"
#include "s3core/transfer/queuefile.h"

namespace s3 {

using namespace Qt::Literals::StringLiterals;

namespace {
// Qt opens at most this many connections per host and QNetworkAccessManager.
constexpr int ConnectionsPerManager = 6;
constexpr int NotifyIntervalMs = 250;
// Downloads flushing to disk at once, at most (every slot of small and large transfers, with room to spare).
constexpr int DiskFlushThreads = 32;
constexpr int SaveIntervalMs = 2000;
constexpr int AbandonedRetryIntervalMs = 60000;
constexpr qint64 MaxQueueFileSize = 256ll * 1024 * 1024; // ~1 million transfers; anything larger is not ours
} // namespace

using namespace Qt::Literals::StringLiterals;

TransferQueue::TransferQueue(ClientSettings settings, TransferLimits limits, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_limits(limits)
{
    qRegisterMetaType<s3::TransferSnapshot>();
    qRegisterMetaType<QList<s3::TransferSnapshot>>();
    m_diskPool.setMaxThreadCount(DiskFlushThreads);
    m_notifyTimer.setSingleShot(true);
    m_notifyTimer.setInterval(NotifyIntervalMs);
    connect(&m_notifyTimer, &QTimer::timeout, this, &TransferQueue::flushChanges);
    m_abandonedRetry.setSingleShot(true);
    m_abandonedRetry.setInterval(AbandonedRetryIntervalMs);
    connect(&m_abandonedRetry, &QTimer::timeout, this, &TransferQueue::retryAbandonedUploads);
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(SaveIntervalMs);
    connect(&m_saveTimer, &QTimer::timeout, this, [this] {
        if (auto saved = saveNow(); !saved)
            qCWarning(lcS3Transfer) << "could not save the transfer queue:" << saved.error().toString();
    });
    setLimits(limits);
}

TransferQueue::~TransferQueue()
{
    if (!m_persistencePath.isEmpty())
        (void)saveNow();
    // Tasks first: their destructors stop requests that still reference the clients.
    m_tasks.clear();
}

int TransferQueue::clockCorrections() const
{
    int corrections = 0;
    for (const PoolMember &member : m_clients)
        corrections += member.client->clockCorrections();
    return corrections;
}

CurlHttpStats TransferQueue::curlHttpStats() const
{
    return m_curlHttp ? m_curlHttp->stats() : CurlHttpStats{};
}

void TransferQueue::setLimits(const TransferLimits &limits)
{
    m_limits = limits;
    m_limits.maxActiveTransfers = std::max(1, m_limits.maxActiveTransfers);
    m_limits.maxConnections = std::max(1, m_limits.maxConnections);
    m_limits.maxActiveSmallTransfers = std::max(1, m_limits.maxActiveSmallTransfers);
    m_limits.uploadPartSize = std::max<qint64>(0, m_limits.uploadPartSize);
    const size_t wanted = size_t((m_limits.maxConnections + ConnectionsPerManager - 1) / ConnectionsPerManager);
    while (m_clients.size() < wanted) {
        PoolMember member;
        member.network = std::make_unique<QNetworkAccessManager>();
        member.client = std::make_unique<S3Client>(member.network.get(), m_settings.endpoint, m_settings.credentials);
        member.client->setTransferTimeoutMs(m_settings.transferTimeoutMs);
        if (m_settings.clock)
            member.client->setClock(m_settings.clock);
        if (!m_settings.clockOffset)
            m_settings.clockOffset = member.client->clockOffset(); // one for all of the queue's clients
        member.client->setClockOffset(m_settings.clockOffset);
        if (m_settings.curlHttp) {
            if (!m_curlHttp)
                m_curlHttp = std::make_unique<CurlHttpPool>();
            member.client->setCurlHttp(m_curlHttp.get());
        }
        if (!m_settings.caBundle.isEmpty()) {
            if (auto trusted = member.client->setCaBundle(m_settings.caBundle); !trusted)
                m_setupError = trusted.error();
        }
        m_clients.push_back(std::move(member));
    }
    if (m_curlHttp)
        m_curlHttp->setRateLimits(m_limits.uploadBytesPerSecond, m_limits.downloadBytesPerSecond);
    scheduleSoon();
}

void TransferQueue::setRateLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond)
{
    m_limits.uploadBytesPerSecond = std::max<qint64>(0, uploadBytesPerSecond);
    m_limits.downloadBytesPerSecond = std::max<qint64>(0, downloadBytesPerSecond);
    if (m_curlHttp)
        m_curlHttp->setRateLimits(m_limits.uploadBytesPerSecond, m_limits.downloadBytesPerSecond);
}

TransferId TransferQueue::add(std::unique_ptr<TransferTask> owned)
{
    TransferTask *raw = owned.get();
    raw->setParent(this);
    const auto abortFallback = [queue = QPointer<TransferQueue>(this)](const QString &bucket, const QString &key, const QString &uploadId) {
        if (queue)
            queue->rememberAbandonedUpload({bucket, key, uploadId});
    };
    if (auto *download = qobject_cast<DownloadTask *>(raw))
        download->setDiskPool(&m_diskPool);
    else if (auto *upload = qobject_cast<UploadTask *>(raw))
        upload->setAbortFallback(abortFallback);
    else if (auto *copy = qobject_cast<CopyTask *>(raw))
        copy->setAbortFallback(abortFallback);
    m_index.insert(raw->id(), raw);
    m_arrival.insert(raw->id(), ++m_arrivals);
    m_tasks.push_back(std::move(owned));
    m_wasIdle = false; // so that idle() follows even when the new task ends at once
    connect(raw, &TransferTask::changed, this, &TransferQueue::markDirty);
    connect(raw, &TransferTask::requestFinished, this, [this](S3Client *client) {
        for (PoolMember &member : m_clients) {
            if (member.client.get() == client)
                member.load = std::max(0, member.load - 1);
        }
        scheduleSoon();
    });
    connect(raw, &TransferTask::finished, this, [this](TransferId id) {
        releaseClaim(id);
        if (TransferTask *finished = task(id))
            Q_EMIT taskFinished(snapshotOf(finished));
        if (m_taskGroup.contains(id))
            groupTaskFinished(id);
        scheduleSoon();
    });
    Q_EMIT taskAdded(snapshotOf(raw));
    claimDestination(raw);
    indexQueued(raw);
    requestSave();
    scheduleSoon();
    return raw->id();
}

TransferId TransferQueue::takeId(TransferId requested)
{
    if (requested == 0 || m_index.contains(requested))
        return m_idSource ? m_idSource() : m_nextId++;
    m_nextId = std::max(m_nextId, requested + 1);
    return requested;
}

TransferId TransferQueue::enqueueUpload(const QString &localPath, const QString &bucket, const QString &key, const UploadOptions &options,
                                        TransferId id)
{
    UploadOptions chosen = options;
    if (m_limits.uploadPartSize > 0)
        chosen.partSize = m_limits.uploadPartSize;
    return add(std::make_unique<UploadTask>(takeId(id), localPath, bucket, key, chosen));
}

TransferId TransferQueue::enqueueDownload(const QString &bucket, const QString &key, const QString &localPath, const DownloadOptions &options,
                                          TransferId id)
{
    return add(std::make_unique<DownloadTask>(takeId(id), bucket, key, localPath, options));
}

TransferId TransferQueue::enqueueCopy(const QString &sourceBucket, const QString &sourceKey, const QString &bucket, const QString &key,
                                      const CopyOptions &options, TransferId id)
{
    auto copy = std::make_unique<CopyTask>(takeId(id), sourceBucket, sourceKey, bucket, key, options);
    CopyTask *raw = copy.get();
    const TransferId added = add(std::move(copy));
    const bool ontoItself = sourceBucket == bucket && sourceKey == key;
    if (ontoItself && options.deleteSource)
        raw->refuse(S3Error::invalid(u"s3://%1/%2 is not moved onto itself (that would delete it)"_s.arg(bucket, key)));
    else if (ontoItself && options.sourceVersionId.isEmpty() && !options.replaceAttributes)
        raw->refuse(S3Error::invalid(u"s3://%1/%2 is not copied onto itself without new attributes"_s.arg(bucket, key)));
    else if (options.deleteSource && !options.sourceVersionId.isEmpty())
        raw->refuse(S3Error::invalid(u"a version of s3://%1/%2 cannot be moved: copy it, then delete that version"_s.arg(sourceBucket, sourceKey)));
    return added;
}

TransferTask *TransferQueue::task(TransferId id) const
{
    return m_index.value(id);
}

TransferSnapshot TransferQueue::snapshotOf(const TransferTask *t) const
{
    TransferSnapshot snapshot = t->snapshot();
    snapshot.groupId = m_taskGroup.value(t->id());
    return snapshot;
}

QString TransferQueue::claimKey(const QString &localPath) const
{
    const QString path = QDir::cleanPath(QFileInfo(localPath).absoluteFilePath());
    // Probe the nearest folder that exists (the folders of a folder download are made as it runs): one probe
    // per existing folder, not one per key.
    QString folder = QFileInfo(path).path();
    while (!QFileInfo(folder).isDir() && QFileInfo(folder).path() != folder)
        folder = QFileInfo(folder).path();
    auto known = m_foldsCase.constFind(folder);
    if (known == m_foldsCase.cend())
        known = m_foldsCase.insert(folder, m_caseProbe ? m_caseProbe(folder) : localfs::foldsCase(folder));
    return *known ? path.toCaseFolded() : path;
}

std::optional<TransferQueue::DestinationClaim> TransferQueue::claimOf(const QString &localPath) const
{
    const auto holder = m_claims.constFind(claimKey(localPath));
    if (holder == m_claims.cend())
        return std::nullopt;
    if (const GroupEntry *entry = groupEntry(*holder)) // a folder job's pending file
        return DestinationClaim{*holder, entry->group->bucket(), entry->group->prefix(), localPath};
    const TransferTask *t = task(*holder);
    if (!t || isFinalState(t->state()))
        return std::nullopt;
    return DestinationClaim{t->id(), t->bucket(), t->key(), t->localPath()};
}

void TransferQueue::claimDestination(TransferTask *t)
{
    auto *download = qobject_cast<DownloadTask *>(t);
    if (!download || isFinalState(t->state()))
        return;
    // A folder job's file takes over the claim its job's record held.
    if (const std::optional<DestinationClaim> other = claimOf(t->localPath());
        other && other->id != t->id() && other->id != m_taskGroup.value(t->id())) {
        download->refuse(S3Error::invalid(
            u"s3://%1/%2 was not downloaded: the unfinished download of s3://%3/%4 already writes to %5 (keys that differ only "
            u"in '/'s, or only in case on this file system, are one local file); let it finish or remove it, then retry"_s
                .arg(t->bucket(), t->key(), other->bucket, other->key, other->localPath)));
        return;
    }
    const QString key = claimKey(t->localPath());
    m_claims.insert(key, t->id());
    m_claimKeys.insert(t->id(), key);
}

void TransferQueue::releaseClaim(TransferId id)
{
    const QString key = m_claimKeys.take(id);
    if (!key.isNull() && m_claims.value(key) == id)
        m_claims.remove(key);
}

void TransferQueue::pause(TransferId id)
{
    if (GroupEntry *entry = groupEntry(id))
        pauseGroup(*entry);
    if (TransferTask *t = task(id))
        t->pause();
    scheduleSoon();
}

void TransferQueue::resume(TransferId id)
{
    if (GroupEntry *entry = groupEntry(id))
        resumeGroup(*entry);
    if (TransferTask *t = task(id)) {
        t->resume();
        claimDestination(t); // a failed or cancelled download had let its destination go
        indexQueued(t);
    }
    scheduleSoon();
}

void TransferQueue::cancel(TransferId id)
{
    if (GroupEntry *entry = groupEntry(id))
        cancelGroup(*entry);
    if (TransferTask *t = task(id))
        t->cancel();
    scheduleSoon();
}

void TransferQueue::retry(TransferId id)
{
    if (GroupEntry *entry = groupEntry(id)) {
        retryGroup(*entry);
        scheduleSoon();
        return;
    }
    TransferTask *t = task(id);
    if (!t)
        return;
    t->resume(); // a cancelled transfer kept nothing and starts from scratch
    claimDestination(t);
    indexQueued(t);
    scheduleSoon();
}

void TransferQueue::retryWithSseCustomerKey(TransferId id, const SseCustomerKey &key)
{
    auto *download = qobject_cast<DownloadTask *>(task(id));
    if (!download || (download->state() != TransferState::Failed && download->state() != TransferState::Cancelled))
        return;
    download->setSseCustomerKey(key);
    retry(id);
}

void TransferQueue::remove(TransferId id)
{
    if (m_groups.contains(id)) {
        removeGroup(id);
        return;
    }
    TransferTask *t = task(id);
    if (!t)
        return;
    // Out of its folder job first, so that the cancel below does not make it the job's cancelled record.
    if (const TransferId group = m_taskGroup.take(id)) {
        if (GroupEntry *entry = groupEntry(group)) {
            entry->group->forget(id); // a failed file cleared by the user is no longer one of the job's
            groupChanged(*entry);
        }
    }
    if (!isFinalState(t->state()) && t->state() != TransferState::Paused)
        t->cancel();
    else if (t->state() == TransferState::Paused || t->state() == TransferState::Failed)
        t->cancel(); // clean up what a paused or failed transfer kept (upload id, partial file)
    releaseClaim(id);
    m_index.remove(id);
    m_queuedKey.remove(id);
    m_arrival.remove(id);
    std::erase_if(m_active, [t](const Active &active) { return active.task == t; });
    if (m_dirtySet.remove(id))
        m_dirty.removeOne(id);
    auto it = std::find_if(m_tasks.begin(), m_tasks.end(), [t](const auto &owned) { return owned.get() == t; });
    if (it != m_tasks.end()) {
        it->release()->deleteLater();
        m_tasks.erase(it);
    }
    Q_EMIT taskRemoved(id);
    requestSave();
    scheduleSoon();
}

void TransferQueue::pauseAll()
{
    for (auto &[id, entry] : m_groups)
        pauseGroup(entry);
    for (const auto &t : m_tasks)
        t->pause();
    scheduleSoon();
}

void TransferQueue::resumeAll()
{
    for (auto &[id, entry] : m_groups) {
        entry.group->paused = false;
        groupChanged(entry);
    }
    for (const auto &t : m_tasks) {
        t->resume();
        claimDestination(t.get());
        indexQueued(t.get());
    }
    scheduleSoon();
}

void TransferQueue::cancelAll()
{
    for (auto &[id, entry] : m_groups)
        cancelGroup(entry);
    // A copy: a cancelled file of a folder job is dropped from m_tasks at once.
    std::vector<TransferTask *> tasks;
    for (const auto &t : m_tasks)
        tasks.push_back(t.get());
    for (TransferTask *t : tasks) {
        if (m_index.contains(t->id()))
            t->cancel();
    }
    scheduleSoon();
}

void TransferQueue::moveToTop(TransferId id)
{
    if (GroupEntry *entry = groupEntry(id)) {
        entry->group->priority = ++m_nextPriority; // for the files it makes from now on
        for (TransferId member : entry->group->members()) {
            if (TransferTask *t = task(member)) {
                t->setPriority(entry->group->priority);
                indexQueued(t);
            }
        }
        groupChanged(*entry);
    }
    if (TransferTask *t = task(id)) {
        t->setPriority(++m_nextPriority);
        indexQueued(t);
        markDirty(id);
    }
    scheduleSoon();
}

QList<TransferSnapshot> TransferQueue::snapshots() const
{
    QList<TransferSnapshot> result;
    result.reserve(qsizetype(m_tasks.size() + m_groups.size()));
    for (const auto &[id, entry] : m_groups)
        result.append(groupSnapshot(entry));
    for (const auto &t : m_tasks)
        result.append(snapshotOf(t.get()));
    return result;
}

TransferSnapshot TransferQueue::snapshot(TransferId id) const
{
    if (const GroupEntry *entry = groupEntry(id))
        return groupSnapshot(*entry);
    const TransferTask *t = task(id);
    return t ? snapshotOf(t) : TransferSnapshot{};
}

bool TransferQueue::isIdle() const
{
    const auto busy = [](const TransferTask *t) {
        const TransferState state = t->state();
        return state == TransferState::Queued || state == TransferState::Running || state == TransferState::Completing;
    };
    if (std::any_of(m_active.begin(), m_active.end(), [busy](const Active &active) { return busy(active.task); }))
        return false;
    // A folder job with files still to make into tasks, or still listing, is not idle.
    for (const auto &[id, entry] : m_groups) {
        if (!entry.group->paused && (entry.group->hasPending() || entry.group->listing))
            return false;
    }
    // Stale entries are few and dropped as the scheduler meets them; a current one is a queued transfer.
    return std::none_of(m_queued.begin(), m_queued.end(), [this, busy](const auto &entry) {
        const auto key = m_queuedKey.constFind(entry.second);
        const TransferTask *t = key != m_queuedKey.cend() && *key == entry.first ? task(entry.second) : nullptr;
        return t && busy(t);
    });
}

int TransferQueue::requestsInFlight() const
{
    int load = 0;
    for (const PoolMember &member : m_clients)
        load += member.load;
    return load;
}

int TransferQueue::cleanupsInFlight() const
{
    // Clean-up jobs are parented to the client they use, so they outlive their transfer.
    int count = 0;
    for (const PoolMember &member : m_clients)
        count += int(member.client->findChildren<Job *>(Qt::FindDirectChildrenOnly).size());
    return count;
}

void TransferQueue::rememberAbandonedUpload(const AbandonedUpload &upload)
{
    if (m_abandoned.contains(upload))
        return;
    qCWarning(lcS3Transfer) << "the multipart upload of" << upload.key << "is kept for another abort later";
    m_abandoned.append(upload);
    requestSave();
    if (!m_abandonedRetry.isActive())
        m_abandonedRetry.start();
}

void TransferQueue::retryAbandonedUploads()
{
    if (m_clients.empty())
        return;
    S3Client *client = m_clients.front().client.get();
    for (const AbandonedUpload &upload : std::as_const(m_abandoned)) {
        auto *job = new AbortMultipartUploadJob(client, upload.bucket, upload.key, upload.uploadId, client);
        connect(job, &Job::finished, this, [this, job, upload] {
            if (job->hasError()) { // NoSuchUpload is no error here: the upload is gone, which is the point
                qCWarning(lcS3Transfer) << "aborting the multipart upload of" << upload.key << "failed again:" << job->error().toString();
                if (!m_abandonedRetry.isActive())
                    m_abandonedRetry.start();
                return;
            }
            m_abandoned.removeAll(upload);
            requestSave();
        });
        job->start();
    }
}

TransferQueue::PoolMember *TransferQueue::pickMember()
{
    // Fill one manager's connections before opening another's: every manager has its own HTTP thread, and
    // spreading six requests over three managers cost ~20% more client CPU than one manager (measured).
    PoolMember *fullest = nullptr;
    PoolMember *least = nullptr;
    for (PoolMember &member : m_clients) {
        if (member.load < ConnectionsPerManager && (!fullest || member.load > fullest->load))
            fullest = &member;
        if (!least || member.load < least->load)
            least = &member;
    }
    return fullest ? fullest : least; // the pool always has a member (setLimits)
}

void TransferQueue::scheduleSoon()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    QMetaObject::invokeMethod(this, &TransferQueue::schedule, Qt::QueuedConnection);
}

void TransferQueue::indexQueued(TransferTask *t)
{
    if (t->state() != TransferState::Queued)
        return;
    const QueueKey key{-qint64(t->priority()), m_arrival.value(t->id())};
    const auto old = m_queuedKey.constFind(t->id());
    if (old != m_queuedKey.cend()) {
        if (*old == key)
            return;
        m_queued.erase({*old, t->id()});
    }
    m_queuedKey.insert(t->id(), key);
    m_queued.insert({key, t->id()});
}

void TransferQueue::schedule()
{
    m_scheduled = false;
    materialise();
    const auto running = [](const TransferTask *t) {
        return t->state() == TransferState::Running || t->state() == TransferState::Completing;
    };
    m_schedulingSteps += m_active.size();
    std::erase_if(m_active, [&running](const Active &a) { return !running(a.task); });
    const auto isSmall = [](const TransferTask *t) {
        if (const auto *download = qobject_cast<const DownloadTask *>(t))
            return download->isSingleRequest();
        const auto *upload = qobject_cast<const UploadTask *>(t);
        return upload && QFileInfo(upload->localPath()).size() < upload->multipartThreshold(); // once, at activation
    };
    int active = 0;
    int activeSmall = 0;
    for (const Active &a : m_active)
        (a.small ? activeSmall : active) += 1;

    // Highest priority first; among equals, the order of arrival. A large transfer next in line that finds no
    // slot waits, and the small ones behind it wait too: the order is kept, not skipped around.
    while (!m_queued.empty()) {
        const auto [key, id] = *m_queued.begin();
        ++m_schedulingSteps;
        TransferTask *t = task(id);
        const auto current = m_queuedKey.constFind(id);
        if (!t || current == m_queuedKey.cend() || *current != key || t->state() != TransferState::Queued) {
            if (current != m_queuedKey.cend() && *current == key)
                m_queuedKey.erase(current);
            m_queued.erase(m_queued.begin());
            continue;
        }
        const bool small = isSmall(t);
        if (small ? activeSmall >= m_limits.maxActiveSmallTransfers : active >= m_limits.maxActiveTransfers)
            break;
        m_queued.erase(m_queued.begin());
        m_queuedKey.remove(id);
        t->activate();
        m_active.push_back({t, small});
        (small ? activeSmall : active) += 1;
    }
    // The connection budget goes round-robin over the active transfers, highest priority first, so one big
    // transfer does not starve the others.
    std::stable_sort(m_active.begin(), m_active.end(), [](const Active &a, const Active &b) { return a.task->priority() > b.task->priority(); });
    bool progress = true;
    while (progress && requestsInFlight() < m_limits.maxConnections) {
        progress = false;
        // A copy: a request that fails at once may end its transfer, and a handler of that may remove it.
        const std::vector<Active> turn = m_active;
        for (const Active &a : turn) {
            TransferTask *t = a.task;
            if (!m_index.contains(t->id()))
                continue;
            ++m_schedulingSteps;
            if (requestsInFlight() >= m_limits.maxConnections)
                break;
            if (!t->wantsRequest())
                continue;
            PoolMember *member = pickMember();
            ++member->load;
            t->startRequest(member->client.get());
            progress = true;
        }
    }

    const bool nowIdle = isIdle();
    if (nowIdle && !m_wasIdle) {
        flushChanges();
        Q_EMIT idle();
    }
    m_wasIdle = nowIdle;
}

void TransferQueue::markDirty(TransferId id)
{
    if (!m_dirtySet.contains(id)) {
        m_dirtySet.insert(id);
        m_dirty.append(id);
    }
    // The job of a file shows its files' progress: it changes with them (one snapshot per flush, however many).
    if (const TransferId group = m_taskGroup.value(id); group && !m_dirtySet.contains(group)) {
        m_dirtySet.insert(group);
        m_dirty.append(group);
    }
    if (!m_notifyTimer.isActive())
        m_notifyTimer.start();
    requestSave();
}

void TransferQueue::requestSave()
{
    // Started, never restarted: a queue that changes all the time (a folder transfer) still saves every
    // interval instead of postponing the save until it is quiet.
    if (!m_persistencePath.isEmpty() && !m_saveTimer.isActive())
        m_saveTimer.start();
}

void TransferQueue::flushChanges()
{
    m_notifyTimer.stop();
    if (m_dirty.isEmpty())
        return;
    QList<TransferSnapshot> changed;
    for (TransferId id : std::as_const(m_dirty)) {
        if (const TransferTask *t = task(id))
            changed.append(snapshotOf(t));
        else if (const GroupEntry *entry = groupEntry(id))
            changed.append(groupSnapshot(*entry));
    }
    m_dirty.clear();
    m_dirtySet.clear();
    if (!changed.isEmpty())
        Q_EMIT tasksChanged(changed);
}

Result<Ok> TransferQueue::saveNow() const
{
    if (m_persistencePath.isEmpty())
        return Ok{};
    if (m_saveBlocked)
        return S3Error::io(u"not saving the transfer queue over %1: it could not be read or moved aside when S3Desk started "
                           "(move it away, then restart S3Desk)"_s.arg(m_persistencePath));
    QJsonArray transfers;
    for (const auto &t : m_tasks) {
        if (t->state() == TransferState::Succeeded || t->state() == TransferState::Cancelled)
            continue;
        QJsonObject json = t->toJson();
        if (const TransferId group = m_taskGroup.value(t->id()))
            json.insert(u"group"_s, QString::number(group));
        transfers.append(json);
    }
    QJsonArray groups;
    for (const auto &[id, entry] : m_groups)
        groups.append(entry.group->toJson());
    QJsonArray abandoned;
    for (const AbandonedUpload &upload : m_abandoned) {
        abandoned.append(QJsonObject{{QStringLiteral("bucket"), upload.bucket}, {QStringLiteral("key"), upload.key},
                                     {QStringLiteral("uploadId"), upload.uploadId}});
    }
    QSaveFile file(m_persistencePath);
    if (!file.open(QIODevice::WriteOnly))
        return S3Error::io(QStringLiteral("cannot write %1: %2").arg(m_persistencePath, file.errorString()));
    // QSaveFile gives a new file the umask's mode and keeps an existing file's: both made 0600 here.
    if (!file.setPermissions(PrivateFilePermissions))
        return S3Error::io(u"cannot make %1 private (mode 0600): %2"_s.arg(m_persistencePath, file.errorString()));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("transfers"), transfers},
                                         {QStringLiteral("abandonedUploads"), abandoned},
                                         {u"groups"_s, groups}})
                   .toJson());
    if (!file.commit())
        return S3Error::io(QStringLiteral("cannot write %1: %2").arg(m_persistencePath, file.errorString()));
    return Ok{};
}

Result<int> TransferQueue::restore()
{
    m_restoreProblems.clear();
    if (m_persistencePath.isEmpty() || !QFileInfo::exists(m_persistencePath))
        return 0;
    const QString fileName = QDir::toNativeSeparators(m_persistencePath);
    if (auto tightened = tightenPrivateFile(m_persistencePath); !tightened)
        m_restoreProblems.append(tightened.error().message());
    QFile file(m_persistencePath);
    if (!file.open(QIODevice::ReadOnly)) {
        m_saveBlocked = true;
        m_restoreProblems.append(u"The transfer queue file %1 cannot be read (%2). It is left as it is and the transfers of "
                                 "this connection are not saved until it is readable or moved away."_s
                                     .arg(fileName, file.errorString()));
        return 0;
    }
    QueueFileContents contents;
    if (file.size() > MaxQueueFileSize)
        contents.problems.append(u"it is larger than %1 MiB"_s.arg(MaxQueueFileSize / (1024 * 1024)));
    else
        contents = parseQueueFile(file.readAll());
    file.close();
    if (!contents.problems.isEmpty()) {
        const QString aside = damagedQueueFileName(m_persistencePath, QDateTime::currentDateTimeUtc());
        // rename() never replaces an existing file, and the name is a fresh one.
        if (!QFile::rename(m_persistencePath, aside)) {
            m_saveBlocked = true;
            contents.transfers.clear();
            contents.abandonedUploads.clear();
            m_restoreProblems.append(u"The transfer queue file %1 is damaged and could not be moved aside to %2. It is left "
                                     "as it is, nothing was restored from it, and the transfers of this connection are not "
                                     "saved until it is moved away."_s
                                         .arg(fileName, QDir::toNativeSeparators(aside)));
        } else {
            const qsizetype kept = contents.transfers.size();
            m_restoreProblems.append(u"The transfer queue file %1 was damaged: it was moved to %2, and %3 restored from it."_s
                                         .arg(fileName, QDir::toNativeSeparators(aside),
                                              kept == 1 ? u"1 transfer was"_s : u"%1 transfers were"_s.arg(kept)));
        }
        for (const QString &problem : std::as_const(contents.problems))
            m_restoreProblems.append(problem);
        qCWarning(lcS3Transfer).noquote() << m_restoreProblems.join(u' ');
    }
    // Jobs first: their files that were tasks name them.
    for (const QJsonObject &json : std::as_const(contents.groups))
        restoreGroup(json);
    int restored = 0;
    for (const QJsonObject &json : std::as_const(contents.transfers)) {
        std::unique_ptr<TransferTask> t;
        const QString direction = json.value(QStringLiteral("direction")).toString();
        if (direction == QLatin1String("upload"))
            t = UploadTask::fromJson(json, {});
        else if (direction == QLatin1String("copy"))
            t = CopyTask::fromJson(json, {});
        else
            t = DownloadTask::fromJson(json, {});
        if (!t || t->id() == 0 || m_index.contains(t->id()))
            continue;
        m_nextId = std::max(m_nextId, t->id() + 1);
        m_nextPriority = std::max(m_nextPriority, t->priority());
        t->pause(); // restored transfers wait for the user
        const TransferId group = json.value(u"group"_s).toString().toULongLong();
        if (GroupEntry *entry = groupEntry(group)) {
            const TransferGroup &g = *entry->group;
            PendingFile record;
            record.name = g.direction() == TransferDirection::Upload ? QDir(g.localDir()).relativeFilePath(t->localPath())
                                                                     : t->key().mid(g.prefix().size());
            record.size = t->snapshot().bytesTotal;
            m_taskGroup.insert(t->id(), group);
            entry->group->attach(t->id(), record, TransferState::Paused, 0, true);
        }
        add(std::move(t));
        ++restored;
    }
    for (const QJsonObject &json : std::as_const(contents.abandonedUploads)) {
        const AbandonedUpload upload{json.value(QStringLiteral("bucket")).toString(), json.value(QStringLiteral("key")).toString(),
                                     json.value(QStringLiteral("uploadId")).toString()};
        if (!m_abandoned.contains(upload))
            m_abandoned.append(upload);
    }
    if (!m_abandoned.isEmpty())
        retryAbandonedUploads(); // at once: the previous run could not
    return restored;
}

} // namespace s3
