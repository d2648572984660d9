// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <functional>

#include <QObject>
#include <QStringList>
#include <QThread>

class QNetworkAccessManager;

#include "s3core/result.h"
#include "s3core/transfer/transferqueue.h"

namespace s3 {

/**
 * The transfer engine on its own worker thread, for a GUI: a TransferQueue (and its network managers,
 * clients and credential providers) lives on that thread; this facade lives on the caller's thread and talks
 * to it only through queued calls and queued signals carrying immutable snapshots, so hashing, file I/O
 * and bookkeeping never stall the caller. Ids are allocated here, so enqueue*() can return them at once.
 *
 * Folder operations (enqueueFolderUpload(), enqueuePrefixDownload()) let the queue pick the ids of the transfers
 * they create: it takes them from this engine's counter too (TransferQueue::setIdSource), so ids never collide.
 *
 * A view that connects after the engine was created (or after restore()) may have missed taskAdded() for the
 * transfers already there: it calls requestSnapshots() once connected, and treats a snapshot in tasksChanged()
 * whose id it does not know as a new transfer.
 *
 * The settings factory runs on the worker thread (credential providers with their own network access must
 * be created there).
 */
class S3CORE_EXPORT TransferEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferEngine)
public:
    /**
     * Runs on the worker thread. `providerNetwork` is a manager of that thread (owned by the engine, alive
     * until the queue is gone) for credential providers that fetch over the network (instance metadata).
     */
    using SettingsFactory = std::function<Result<ClientSettings>(QNetworkAccessManager *providerNetwork)>;

    TransferEngine(SettingsFactory settings, TransferLimits limits = {}, QString persistencePath = {}, QObject *parent = nullptr);
    /** Stops the worker thread; unfinished transfers are saved (when persistence is on) and resume next time. */
    ~TransferEngine() override;

    TransferId enqueueUpload(const QString &localPath, const QString &bucket, const QString &key, const UploadOptions &options = {});
    TransferId enqueueDownload(const QString &bucket, const QString &key, const QString &localPath, const DownloadOptions &options = {});
    /** A server-side copy or move as a resumable transfer (TransferQueue::enqueueCopy). */
    TransferId enqueueCopy(const QString &sourceBucket, const QString &sourceKey, const QString &bucket, const QString &key,
                           const CopyOptions &options = {});
    /**
     * Every file below localDir as one upload each, keyed prefix + relative path (TransferQueue::enqueueFolderUpload).
     * The folder is walked on the worker thread; the transfers appear through taskAdded().
     */
    void enqueueFolderUpload(const QString &localDir, const QString &bucket, const QString &prefix,
                             const UploadOptions &options = {});
    /**
     * Every object below prefix as one download into localDir (TransferQueue::enqueuePrefixDownload): transfers
     * appear through taskAdded() page by page; folderListingFinished() says when the listing is over.
     */
    void enqueuePrefixDownload(const QString &bucket, const QString &prefix, const QString &localDir,
                               const DownloadOptions &options = {});
    /**
     * A folder download as one job (TransferQueue::enqueueFolderDownloadGroup()): one row for the job, its files
     * compact records until they start. Returns the job's id at once; pause/resume/cancel/retry/remove take it.
     */
    TransferId enqueueFolderDownloadGroup(const QString &bucket, const QString &prefix, const QString &localDir,
                                          const DownloadOptions &options = {});
    /** A folder upload as one job (TransferQueue::enqueueFolderUploadGroup()); the folder is walked on the worker thread. */
    TransferId enqueueFolderUploadGroup(const QString &localDir, const QString &bucket, const QString &prefix,
                                        const UploadOptions &options = {});
    /**
     * Planned files as one upload job (TransferQueue::enqueueUploadGroup()). The list is implicitly shared into
     * the worker thread (no copy of 100,000 records on the caller's thread).
     */
    TransferId enqueueUploadGroup(const QString &localDir, const QString &bucket, const QString &prefix, QList<PendingFile> files,
                                  const UploadOptions &options = {});
    /**
     * Emits tasksChanged() once with a snapshot of every transfer (possibly an empty list), after everything asked
     * of the engine before this call. For views attached late: the snapshots arrive in order with the other
     * signals, so a transfer removed before the answer is not in it.
     */
    void requestSnapshots();
    void pause(TransferId id);
    void resume(TransferId id);
    void cancel(TransferId id);
    void retry(TransferId id);
    /** TransferQueue::retryWithSseCustomerKey(): a failed download again, with its object's customer key. */
    void retryWithSseCustomerKey(TransferId id, const SseCustomerKey &key);
    void remove(TransferId id);
    void moveToTop(TransferId id);
    void pauseAll();
    void resumeAll();
    void cancelAll();
    void setLimits(const TransferLimits &limits);
    /**
     * The limits last asked for (the constructor's, then setLimits() and setRateLimits()), on the caller's thread:
     * the queue applies them in the order they were asked, after everything asked before. For a caller that
     * changes one value and keeps the others (engine->setLimits() with limits() changed).
     */
    TransferLimits limits() const { return m_limits; }
    /**
     * The bandwidth limits alone (TransferQueue::setRateLimits(); bytes per second, 0: unlimited), for a setting the
     * user changes while transfers run. Queued to the worker thread like every call; nothing runs on the caller's.
     */
    void setRateLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond);

    /**
     * What the restore of the persistence file found wrong with it (TransferQueue::restoreProblems()): empty
     * until restoreProblemsFound() was delivered. Kept, so a window that connects late still shows it: connect
     * to restoreProblemsFound(), then read this once.
     */
    QStringList restoreProblems() const { return m_restoreProblems; }

    /** The worker thread (for tests that check affinity). */
    QThread *thread() const { return m_thread; }

Q_SIGNALS:
    void setupFailed(const s3::S3Error &error);
    void restored(int count);
    /** The persistence file had problems (now in restoreProblems()); emitted on the engine's thread. */
    void restoreProblemsFound(const QStringList &problems);
    void taskAdded(const s3::TransferSnapshot &snapshot);
    void tasksChanged(const QList<s3::TransferSnapshot> &snapshots);
    void taskFinished(const s3::TransferSnapshot &snapshot);
    void taskRemoved(s3::TransferId id);
    void idle();
    /** A prefix download finished listing: how many downloads it queued, which keys it refused, or why it failed. */
    void folderListingFinished(const QString &bucket, const QString &prefix, int queued, const QStringList &refusedKeys,
                               const s3::S3Error &error);

private:
    template<typename F>
    void post(F &&function);

    QThread *m_thread;
    QObject *m_context; // lives on the worker thread: the target of every queued call
    TransferQueue *m_queue = nullptr; // owned by the worker thread; touched only there
    QNetworkAccessManager *m_providerNetwork = nullptr; // worker thread; outlives the queue
    std::atomic<TransferId> m_nextId{1}; // shared with the queue's own picks (setIdSource)
    QStringList m_restoreProblems;        // this object's thread
    TransferLimits m_limits;              // this object's thread: what was asked last (limits())
};

} // namespace s3
