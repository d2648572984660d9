// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include <QHash>
#include <QSet>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include "s3core/auth/credentialsprovider.h"
#include "s3core/clock.h"
#include "s3core/endpoint.h"
#include "s3core/net/clockoffset.h"
#include "s3core/net/curlhttp.h"
#include "s3core/result.h"
#include "s3core/transfer/copytask.h"
#include "s3core/transfer/downloadtask.h"
#include "s3core/transfer/transfergroup.h"
#include "s3core/transfer/transfertypes.h"
#include "s3core/transfer/uploadtask.h"

class QNetworkAccessManager;

namespace s3 {

class Job;
class S3Client;
class TransferTask;
struct ObjectInfo;

/** How the queue reaches the server; it builds one S3Client per connection-pool manager from this. */
struct ClientSettings
{
    Endpoint endpoint;
    std::shared_ptr<CredentialsProvider> credentials; ///< null: anonymous
    QString caBundle;
    int transferTimeoutMs = 30000;
    /** Part uploads and ranged downloads go through libcurl (CurlHttpPool); false: through Qt, for comparison. */
    bool curlHttp = true;
    /** The local clock of the queue's clients (see S3Client::setClock()); empty: the system clock. */
    Clock clock;
    /** The connection's clock offset, shared with its other clients and its credential providers; null: the queue's own. */
    std::shared_ptr<ClockOffset> clockOffset;
};

struct TransferLimits
{
    int maxActiveTransfers = 4; ///< transfers moving bytes at once
    int maxConnections = 32;    ///< requests in flight over all transfers (the shared connection budget)
    /**
     * Single-request transfers (downloads of objects of at most one part whose size the listing gave, uploads of
     * files below the multipart threshold) running at once, on top
     * of maxActiveTransfers: each is one GET, so many small files keep the connections busy where four would
     * leave them idle between a file's answer and the next file's request. Still within maxConnections. 32: a
     * folder of 4 KiB objects came down from Ceph in 5.0-5.5 s per 2,000 with 32 in flight, 7.8-8.2 s with 16
     * (48 and 64 gained nothing more); the server's latency per request, not bandwidth, is what waits.
     */
    int maxActiveSmallTransfers = 32;
    /**
     * Bandwidth limits in bytes per second over all of the queue's transfers together (0: unlimited), applied by
     * its libcurl pool (CurlHttpPool::setRateLimits()) to part and range bodies; the Qt path (curlHttp off) and the
     * small requests around them (listings, HEAD, Complete) are not limited. setLimits() changes them while
     * transfers run.
     */
    qint64 uploadBytesPerSecond = 0;
    qint64 downloadBytesPerSecond = 0;
    /**
     * Preferred part size of the uploads enqueued from now on (the user's preference), in place of their
     * UploadOptions::partSize; 0: each upload's own. The planner still grows it for huge files. Uploads already
     * queued, and restored ones, keep the plan they started with (their parts on the server depend on it).
     */
    qint64 uploadPartSize = 0;
};

/**
 * Owns the transfers, schedules them, and reports on them.
 *
 * Scheduling is pull-based: every event calls scheduleSoon(); the scheduler activates queued transfers up to
 * maxActiveTransfers (priority first, then order of arrival) and hands out the connection budget round-robin
 * to running transfers that want a request, on a small pool of managers (Qt opens at most 6 connections per
 * host and manager, so 16 connections need 3 managers), filling one manager before the next. Its cost does not
 * grow with the number of transfers: queued ones wait in an index ordered by (priority, arrival), and only the
 * active ones are looked at per event.
 *
 * Notifications are coalesced: tasksChanged() at most every 250 ms with the transfers that changed.
 * Lives on one thread (the engine thread for the app; the main thread for the CLI); nothing blocks.
 */
class S3CORE_EXPORT TransferQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferQueue)
public:
    TransferQueue(ClientSettings settings, TransferLimits limits = {}, QObject *parent = nullptr);
    ~TransferQueue() override;

    /** How often the queue's clients corrected their clock offset from the server's answers (each does once). */
    int clockCorrections() const;
    /** What the libcurl path did so far (all zero when ClientSettings::curlHttp is off). */
    CurlHttpStats curlHttpStats() const;

    /** Set-up problem (e.g. unreadable CA bundle); transfers fail with it until fixed. */
    const S3Error &setupError() const { return m_setupError; }

    /** `id` 0: the queue picks one; otherwise it must be unused (TransferEngine allocates ids itself). */
    TransferId enqueueUpload(const QString &localPath, const QString &bucket, const QString &key, const UploadOptions &options = {},
                             TransferId id = 0);
    TransferId enqueueDownload(const QString &bucket, const QString &key, const QString &localPath, const DownloadOptions &options = {},
                               TransferId id = 0);
    /**
     * A server-side copy of sourceBucket/sourceKey to bucket/key (a move with options.deleteSource) as a transfer
     * that can be paused, resumed and continued after a restart (CopyTask). A copy onto itself without new
     * attributes (options.replaceAttributes: a Properties save) or a source version, a move onto itself, or a move
     * of a source version, is added already Failed with the reason.
     */
    TransferId enqueueCopy(const QString &sourceBucket, const QString &sourceKey, const QString &bucket, const QString &key,
                           const CopyOptions &options = {}, TransferId id = 0);

    /** An unfinished download and the destination it writes to. */
    struct DestinationClaim
    {
        TransferId id = 0;
        QString bucket;
        QString key;
        QString localPath;
    };
    /**
     * The unfinished download (queued, running, paused or completing) that claims localPath, if any: two
     * transfers never write one file. Paths are compared cleaned and absolute ("a//b" is "a/b") and, where the
     * folder's file system folds case (probed once per folder), without case. enqueueDownload() claims its
     * destination; a download to a destination claimed by another transfer is added already Failed, its error
     * naming the other transfer's key (ask claimOf() first to let the user choose instead). A claim ends when its
     * transfer succeeds, fails, is cancelled or removed; resuming a failed or cancelled download claims again
     * and fails the same way if another transfer holds the destination by then.
     */
    std::optional<DestinationClaim> claimOf(const QString &localPath) const;
    /**
     * Replaces the case-folding probe (default: localfs::foldsCase), for platforms that know their file systems
     * and for tests. Called once per existing folder (the nearest one for folders not made yet); the answer is kept.
     */
    void setCaseFoldingProbe(std::function<bool(const QString &folder)> probe) { m_caseProbe = std::move(probe); m_foldsCase.clear(); }

    /**
     * Every file below localDir (recursively; symlinks to files followed, hidden files included) as one upload
     * each, keyed prefix + relative path with '/' separators. Returns the new ids (empty for an empty folder).
     */
    QList<TransferId> enqueueFolderUpload(const QString &localDir, const QString &bucket, const QString &prefix,
                                          const UploadOptions &options = {});
    /**
     * Every object below prefix as one download into localDir, listed page by page (transfers appear through
     * taskAdded() as pages arrive). Refused and reported through folderListingFinished(), while the rest goes on:
     * keys that would leave localDir ("../x", "/abs", "C:\x"), keys whose path below localDir meets a symbolic
     * link, keys whose destination another unfinished download claims (claimOf(); "a//b" after "a/b", a key
     * listed twice), and folder markers holding data. Empty folder markers ("dir/", the prefix's own too)
     * become folders.
     */
    void enqueuePrefixDownload(const QString &bucket, const QString &prefix, const QString &localDir, const DownloadOptions &options = {});

    /**
     * A folder download as one job (a TransferGroup, one row for the user): the objects below prefix are listed
     * and checked as by enqueuePrefixDownload() (folderListingFinished() at the end), but each is kept as a compact
     * pending record (name, size, ETag: about 100 bytes instead of a TransferTask) until the scheduler is about to
     * start it; only maxActiveTransfers + maxActiveSmallTransfers + MaterialiseAhead of the job's files are tasks
     * at once. A file that succeeds is counted and its task dropped (taskRemoved()); a cancelled one goes back to a
     * record; a failed one stays a task the user can see and retry. The records claim their destinations
     * (claimOf() names the job) until the job is removed. The job itself is reported like a transfer: taskAdded(),
     * tasksChanged() and taskFinished() carry its snapshot (isGroup, files counts, bytes and rate summed); its
     * files' snapshots name it in groupId. pause(), resume(), cancel(), retry(), remove() and moveToTop() take
     * its id and act on all of its files. Returns the job's id.
     */
    TransferId enqueueFolderDownloadGroup(const QString &bucket, const QString &prefix, const QString &localDir,
                                          const DownloadOptions &options = {}, TransferId id = 0);
    /** Every file below localDir (as enqueueFolderUpload()) as one job, its files kept as records (see above). */
    TransferId enqueueFolderUploadGroup(const QString &localDir, const QString &bucket, const QString &prefix,
                                        const UploadOptions &options = {}, TransferId id = 0);
    /**
     * Already planned files below localDir (e.g. the app's upload planner: walked, conflicts resolved) as one
     * job, in the given order: each record's name is its path below localDir ('/'-separated), its key prefix +
     * name unless the record names another key below prefix (a "Keep both" rename). The list is taken over, not
     * walked again: no file system access here.
     */
    TransferId enqueueUploadGroup(const QString &localDir, const QString &bucket, const QString &prefix, QList<PendingFile> files,
                                  const UploadOptions &options = {}, TransferId id = 0);
    /** Files of folder jobs that are tasks ahead of the scheduler's slots (queued, not started yet), at most. */
    static constexpr int MaterialiseAhead = 4;
    bool isGroup(TransferId id) const { return m_groups.contains(id); }
    /** The folder job a transfer belongs to (0: none). */
    TransferId groupOf(TransferId id) const { return m_taskGroup.value(id); }
    /** TransferTasks this queue owns now (a folder job keeps few of them, however many files it has). */
    int taskObjectCount() const { return int(m_tasks.size()); }

    void pause(TransferId id);
    void resume(TransferId id);
    void cancel(TransferId id);
    /** Failed or cancelled -> queued again (a cancelled upload starts from scratch). */
    void retry(TransferId id);
    /**
     * A failed or cancelled download again with the customer key (SSE-C) of its object, for its HEAD and every
     * ranged GET; the key stays in memory (the queue file never has it). Not a download: nothing happens.
     */
    void retryWithSseCustomerKey(TransferId id, const SseCustomerKey &key);
    /** Forget a finished transfer (an active one is cancelled first). */
    void remove(TransferId id);
    void pauseAll();
    void resumeAll();
    void cancelAll();
    /** Highest priority: next to start, first to get connections. */
    void moveToTop(TransferId id);

    void setLimits(const TransferLimits &limits);
    TransferLimits limits() const { return m_limits; }
    /** Only the bandwidth limits of limits() (bytes per second, 0: unlimited); takes effect on running transfers. */
    void setRateLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond);

    QList<TransferSnapshot> snapshots() const;
    TransferSnapshot snapshot(TransferId id) const;
    bool contains(TransferId id) const { return m_index.contains(id) || m_groups.contains(id); }
    /** No transfer queued, running or completing. */
    bool isIdle() const;
    /** Requests in flight now (for tests of the connection budget). */
    int requestsInFlight() const;
    int managerCount() const { return int(m_clients.size()); }
    /** Transfers the scheduler has looked at since the queue was made (for tests: the cost per event is bounded). */
    quint64 schedulingSteps() const { return m_schedulingSteps; }
    /** Clean-up requests still running after their transfer ended (AbortMultipartUpload...): wait for 0 before exit. */
    int cleanupsInFlight() const;

    /** A multipart upload whose abort failed after its transfer let go of it. */
    struct AbandonedUpload
    {
        QString bucket;
        QString key;
        QString uploadId;
        friend bool operator==(const AbandonedUpload &, const AbandonedUpload &) = default;
    };
    /**
     * Uploads still to abort. The queue retries them every abandonedRetryIntervalMs and, with a persistence path,
     * keeps them in its file, so restore() tries again at the next start. One that the server no longer knows
     * (NoSuchUpload) is done.
     */
    QList<AbandonedUpload> abandonedUploads() const { return m_abandoned; }
    void setAbandonedRetryIntervalMs(int ms) { m_abandonedRetry.setInterval(ms); }

    /**
     * Keep the unfinished transfers in this JSON file (mode 0600; written 2 s after the first change since the
     * last save, however busy the queue, and on destruction). restore() re-creates them paused; resume()
     * continues them.
     */
    void setPersistencePath(const QString &path) { m_persistencePath = path; }
    /** The save delay after a change (default 2000 ms): the longest a change waits to reach the file. */
    void setSaveIntervalMs(int ms) { m_saveTimer.setInterval(ms); }

    /**
     * Where the ids the queue picks itself come from (folder operations, enqueue with id 0, a requested id that
     * is taken). Default: one above the highest id seen. TransferEngine hands out ids on another thread and sets
     * its own counter here, so both draw from one sequence and never collide. Called on the queue's thread.
     */
    void setIdSource(std::function<TransferId()> source) { m_idSource = std::move(source); }
    /**
     * Re-creates the transfers of the persistence file, paused; returns how many. Every field is checked
     * (parseQueueFile()): a file with any problem is moved aside as `<name>.damaged-<UTC time>` (never
     * overwritten) and its valid entries are restored, so the next save writes only those; the problems are
     * kept in restoreProblems(). A file that cannot be read or moved aside stays where it is and the queue
     * then never saves over it.
     */
    Result<int> restore();
    /** What restore() found wrong with the file, for the user: empty when it was fine or absent. */
    QStringList restoreProblems() const { return m_restoreProblems; }
    Result<Ok> saveNow() const;

Q_SIGNALS:
    void taskAdded(const s3::TransferSnapshot &snapshot);
    void tasksChanged(const QList<s3::TransferSnapshot> &snapshots);
    void taskFinished(const s3::TransferSnapshot &snapshot);
    void taskRemoved(s3::TransferId id);
    void idle();
    /** A prefix download finished listing: how many downloads it queued, which keys it refused, or why it failed. */
    void folderListingFinished(const QString &bucket, const QString &prefix, int queued, const QStringList &refusedKeys,
                               const s3::S3Error &error);

private:
    TransferId add(std::unique_ptr<TransferTask> task);
    QString claimKey(const QString &localPath) const;
    void claimDestination(TransferTask *task);
    void releaseClaim(TransferId id);
    TransferId takeId(TransferId requested);
    TransferTask *task(TransferId id) const;
    /** The task's snapshot with its folder job's id. */
    TransferSnapshot snapshotOf(const TransferTask *task) const;

    // Folder jobs (transfergroups in foldertransfers.cpp).
    struct GroupEntry
    {
        std::unique_ptr<TransferGroup> group;
        DownloadOptions download; // the options of each file (listedSize/listedEtag set per file)
        UploadOptions upload;
        QPointer<Job> listing; // the ListObjectsJob while it runs
        bool stopped = false; // cancelled: what the listing still brings is cancelled too
    };
    GroupEntry *groupEntry(TransferId id) const;
    /** The local path of a folder download's listed object, or empty when refused (the reason is in refused). */
    QString acceptListed(const QString &prefix, const QString &localDir, const ObjectInfo &object, QStringList *refused);
    void listGroup(GroupEntry &entry);
    /** Turns the next pending records into tasks while fewer than the bound are waiting or running. */
    void materialise();
    void materialiseFile(GroupEntry &entry, const PendingFile &file);
    TransferSnapshot groupSnapshot(const GroupEntry &entry) const;
    /** A member's task ended: count it, drop it or keep it (failed), and report the job. */
    void groupTaskFinished(TransferId id);
    /** The job changed: dirty, and taskFinished() once when it reaches a final state. */
    void groupChanged(GroupEntry &entry);
    void claimForGroup(const QString &localPath, TransferId group);
    /** Forget a task without cancelling it (a job's finished file): its row goes (taskRemoved()). */
    void dropTask(TransferId id);
    void pauseGroup(GroupEntry &entry);
    void resumeGroup(GroupEntry &entry);
    void cancelGroup(GroupEntry &entry);
    void retryGroup(GroupEntry &entry);
    void removeGroup(TransferId id);
    void restoreGroup(const QJsonObject &json);

    void scheduleSoon();
    void schedule();
    /** Into the index of queued transfers (after add, resume, retry or a priority change). */
    void indexQueued(TransferTask *task);
    void markDirty(TransferId id);
    void requestSave();
    void flushChanges();

    ClientSettings m_settings;
    TransferLimits m_limits;
    S3Error m_setupError;
    struct PoolMember
    {
        std::unique_ptr<QNetworkAccessManager> network;
        std::unique_ptr<S3Client> client;
        int load = 0;
    };
    PoolMember *pickMember();
    std::vector<PoolMember> m_clients;
    void rememberAbandonedUpload(const AbandonedUpload &upload);
    void retryAbandonedUploads();
    QList<AbandonedUpload> m_abandoned;
    QTimer m_abandonedRetry;
    std::unique_ptr<CurlHttpPool> m_curlHttp; // shared by the members: kept-alive connections go to any of them
    // The downloads' flushes to disk: they wait on the disk, not the CPU, so many run at once (the file system
    // joins them into few commits); Qt's global pool has one thread per core and would queue them one by one.
    // Declared before m_tasks: destroyed after them, waiting for the flushes still running.
    QThreadPool m_diskPool;
    std::vector<std::unique_ptr<TransferTask>> m_tasks; // arrival order
    QHash<TransferId, TransferTask *> m_index;
    std::map<TransferId, GroupEntry> m_groups;  // folder jobs by id (order of arrival: ids grow)
    QHash<TransferId, TransferId> m_taskGroup;  // a job's file that is a task -> the job
    // Queued transfers by (-priority, arrival). An entry whose transfer left the queued state or got another key
    // meanwhile is dropped when the scheduler meets it (m_queuedKey says which entry is current).
    using QueueKey = std::pair<qint64, quint64>;
    std::set<std::pair<QueueKey, TransferId>> m_queued;
    QHash<TransferId, QueueKey> m_queuedKey;
    QHash<TransferId, quint64> m_arrival;
    quint64 m_arrivals = 0;
    struct Active
    {
        TransferTask *task = nullptr;
        bool small = false; // one request (a listed small download, a file below the multipart threshold)
    };
    std::vector<Active> m_active; // activated by the scheduler, pruned when they stop running
    quint64 m_schedulingSteps = 0;
    TransferId m_nextId = 1;
    std::function<TransferId()> m_idSource;
    int m_nextPriority = 1;
    bool m_scheduled = false;
    QList<TransferId> m_dirty;
    QSet<TransferId> m_dirtySet;
    QTimer m_notifyTimer;
    QTimer m_saveTimer;
    QString m_persistencePath;
    bool m_saveBlocked = false; // the file at m_persistencePath is one restore() could not read or move aside
    QStringList m_restoreProblems;
    bool m_wasIdle = true;
    QHash<QString, TransferId> m_claims;   // claim key -> the download holding it
    QHash<TransferId, QString> m_claimKeys; // and back
    std::function<bool(const QString &)> m_caseProbe;
    mutable QHash<QString, bool> m_foldsCase; // folder -> its file system folds case
};

} // namespace s3
