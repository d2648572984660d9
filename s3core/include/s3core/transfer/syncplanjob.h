// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QFutureWatcher>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include "s3core/job.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/result.h"
#include "s3core/transfer/syncplan.h"
#include "s3core/types.h"

namespace s3 {

class S3Client;

/** One side of a sync: a local folder (localRoot set) or a prefix of a bucket ("" or ending in '/'). */
struct SyncSide
{
    QString localRoot; ///< the folder, cleaned; empty for a bucket side
    QString bucket;
    QString prefix;
    bool isLocal() const { return !localRoot.isEmpty(); }
};

/**
 * The streaming plan of a sync (the app's preview and the CLI's sync share it): feeds a SyncMerger from a
 * LocalTreeWalker and/or ListObjectsV2 pages (a page at a time, as the merge needs them) and hands out the steps
 * in key order. Bounded: at most maxPendingSteps() steps wait to be taken; the merge pauses until they are.
 *
 * Threading: the listing requests are the job's own asynchronous requests on its thread; the local walk and the
 * merge (which hashes local files when an ETag is an MD5 to compare with) run on the global thread pool, one
 * round at a time, so the caller's thread never blocks on the disk. The walker and merger are touched by only
 * one thread at a time (the pool while a round runs, else none).
 *
 * finished() comes when the merge has ended (or failed: a listing error, a side not in S3 key order, or cancel);
 * steps not yet taken stay available after it, so owners keep the job (setAutoDelete(false)) and drain it.
 */
class S3CORE_EXPORT SyncPlanJob final : public Job
{
    Q_OBJECT
public:
    SyncPlanJob(S3Client *client, SyncOptions options, SyncSide source, SyncSide destination, QObject *parent = nullptr);
    ~SyncPlanJob() override;

    const SyncOptions &options() const;
    const SyncSide &source() const { return m_source; }
    const SyncSide &destination() const { return m_destination; }

    /** The most steps that wait to be taken before the merge pauses (0: no limit). Default 4096. */
    void setMaxPendingSteps(qsizetype max) { m_maxPending = max; }
    qsizetype maxPendingSteps() const { return m_maxPending; }
    /** Keys per ListObjectsV2 page (1..1000; tests use small pages). */
    void setPageSize(int keys) { m_pageSize = keys; }

    /** The next step in key order, or nothing when none is waiting (more may come: stepsAvailable()). */
    std::optional<SyncStep> takeStep();
    qsizetype pendingSteps() const { return m_steps.size(); }
    /** Local folders that could not be read (left out of the plan), from the walker. */
    const QStringList &problems() const { return m_problems; }
    /** After a failed listing: which one ("s3://bucket/prefix"); empty for the other errors. */
    const QString &failedListing() const { return m_failedListing; }

Q_SIGNALS:
    /** Steps wait to be taken (once per batch). */
    void stepsAvailable();
    /**
     * S3 to local: a folder marker of the source listing (a key ending in '/', the prefix's own included); it is
     * no step (no file), but a caller that downloads may make it a folder.
     */
    void folderMarkerListed(const s3::ObjectInfo &marker);

protected:
    void doStart() override;
    void doCancel() override;

private:
    struct Shared;

    void pump();
    void schedulePump();
    void requestPage(bool sourceSide);
    void handlePage(ListObjectsPageJob *job, bool sourceSide);
    void startRound();
    void handleRound();

    S3Client *m_client;
    SyncSide m_source;
    SyncSide m_destination;
    std::shared_ptr<Shared> m_shared; // the merger and walker; shared with the pool's round while one runs
    qsizetype m_maxPending = 4096;
    int m_pageSize = 1000;

    struct Listing
    {
        QString continuationToken;
        QSet<QString> seenTokens; // a server handing a token out twice would page forever
        QPointer<ListObjectsPageJob> page;
        QList<SyncEntry> buffered; // a page that came while a round ran: added after it
        bool ended = false;
        bool endBuffered = false;
    };
    Listing m_sourceListing;
    Listing m_destinationListing;

    std::deque<SyncStep> m_steps;
    QStringList m_problems;
    QString m_failedListing;
    QFutureWatcher<void> m_round;
    bool m_roundRunning = false;
    bool m_pumpScheduled = false;
};

/**
 * Where a sync's download of `key` (below `prefix` of `bucket`) goes in `localRoot`, with every check a download
 * needs before it is queued: a key that would leave the folder (localPathForKey) and a symbolic link on the way
 * below the folder (localfs::checkBeneath) are refused with the reason, naming the object.
 */
S3CORE_EXPORT Result<QString> syncDownloadPath(const QString &localRoot, const QString &bucket, const QString &prefix, const QString &key);

/**
 * A sync's download of a folder marker (SyncPlanJob::folderMarkerListed()): its folder made below localRoot
 * without following a symbolic link; a key that would leave the folder, or a marker holding data, is refused
 * with the reason, naming the object.
 */
S3CORE_EXPORT Result<Ok> syncMakeFolder(const QString &localRoot, const QString &bucket, const QString &prefix, const ObjectInfo &marker);

} // namespace s3
