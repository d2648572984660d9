// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <deque>
#include <optional>

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "s3core/s3core_export.h"
#include "s3core/transfer/transfertypes.h"

namespace s3 {

/**
 * One file of a folder job that has no TransferTask (yet, or any more): a small value instead of a QObject with
 * its progress tracker, timers and buffers. `name` is the file's path below the job's prefix (downloads) or
 * below its local folder (uploads), '/'-separated; the key and the local path are made from it when a slot is
 * about to take the file (TransferQueue materialises a few at a time).
 */
struct PendingFile
{
    QString name;
    qint64 size = -1;  ///< as listed (downloads) or found on disk (uploads); -1: not known
    QByteArray etag;   ///< as listed (downloads; empty: not known)
    /**
     * Uploads: the key when it is not the default one (group prefix + name), e.g. "a (1).txt" after the user chose
     * "Keep both"; empty (a null QString, no allocation) for the usual file, so a 100,000-file job stays compact.
     */
    QString key;
    friend bool operator==(const PendingFile &, const PendingFile &) = default;
};

/**
 * The state a folder job shows (pure): running while any file runs (or its listing goes on and it is not paused);
 * paused when the user paused it with files left; queued while files wait; once every file is final: failed if
 * any failed, else cancelled if any was cancelled, else succeeded.
 */
S3CORE_EXPORT TransferState groupState(const TransferGroupCounts &counts, bool paused, bool listing);

/**
 * The job's name for the user: "photos/ → ~/Downloads/photos" (download: prefix, then folder), "~/photos →
 * photos/" (upload), the home folder shortened to "~" (home given, so the function stays pure).
 */
S3CORE_EXPORT QString groupName(TransferDirection direction, const QString &bucket, const QString &prefix, const QString &localDir,
                                const QString &home);

/**
 * The bookkeeping of one folder job (a folder download or upload with one row for the user): its files as
 * compact pending records, the few of them that are TransferTasks now (members), and what happened to the ones
 * that are gone (done: counted and forgotten; cancelled: kept as records so that retry() brings them back).
 * Failed files stay members (tasks the user can see and retry). No QObject, no I/O: TransferQueue drives it.
 */
class S3CORE_EXPORT TransferGroup
{
public:
    TransferGroup(TransferId id, TransferDirection direction, QString bucket, QString prefix, QString localDir);

    TransferId id() const { return m_id; }
    TransferDirection direction() const { return m_direction; }
    QString bucket() const { return m_bucket; }
    QString prefix() const { return m_prefix; }
    QString localDir() const { return m_localDir; }

    /** Range size (downloads) or part size (uploads) of its files; 0: the default. Kept in the queue file. */
    qint64 partSize = 0;
    bool paused = false;
    /** The listing (downloads) still runs; listedUpTo is the last key it gave, where a restart lists on from. */
    bool listing = false;
    QString listedUpTo;
    int priority = 0;
    QDateTime added;

    void addPending(PendingFile file);
    bool hasPending() const { return !m_pending.empty(); }
    int pendingCount() const { return int(m_pending.size()); }
    /** The next file in listing order (hasPending() first). */
    PendingFile takePending();
    /** Pending files become cancelled records (cancel of the job; they keep their place for retry). */
    void cancelPending();
    /** Cancelled records become pending again (retry of the job); returns how many. */
    int retryCancelled();
    const std::deque<PendingFile> &pending() const { return m_pending; }
    const QList<PendingFile> &cancelledFiles() const { return m_cancelled; }

    /** A task now carries `file`: taken from the pending ones, or restored from the queue file (then counted anew). */
    void attach(TransferId task, const PendingFile &file, TransferState state, qint64 bytesDone = 0, bool restored = false);
    bool contains(TransferId task) const { return m_members.contains(task); }
    QList<TransferId> members() const { return m_members.keys(); }
    /** Members that occupy a place ahead of the scheduler: queued, running or completing. */
    int busyMembers() const;
    /** What the member's task reports (its snapshot). */
    void update(TransferId task, TransferState state, qint64 bytesDone, double bytesPerSecond);
    /**
     * The member's task reached `state` (final): Succeeded is counted and forgotten, Cancelled goes back to a
     * cancelled record; both return true (the queue drops the task). Failed stays a member: false.
     */
    bool finish(TransferId task, TransferState state, qint64 bytesDone);
    /** The member's task was removed by the user (a failed file cleared): no longer one of the job's files. */
    void forget(TransferId task);

    TransferGroupCounts counts() const;
    TransferState state() const { return groupState(counts(), paused, listing); }
    qint64 bytesTotal() const { return m_bytesTotal; }
    qint64 bytesDone() const;
    double bytesPerSecond() const;
    /** Whether the queue already reported the current final state (taskFinished once per run of the job). */
    bool reportedFinal = false;

    /** The queue file entry: identity, options, counts of what is gone, the pending and cancelled records. */
    QJsonObject toJson() const;
    /** From an entry that passed transferGroupEntryProblem() (queuefile.h); nullopt otherwise. */
    static std::optional<TransferGroup> fromJson(const QJsonObject &json);

private:
    struct Member
    {
        PendingFile file;
        TransferState state = TransferState::Queued;
        qint64 bytesDone = 0;
        double bytesPerSecond = 0;
    };
    TransferId m_id;
    TransferDirection m_direction;
    QString m_bucket;
    QString m_prefix;
    QString m_localDir;
    std::deque<PendingFile> m_pending;
    QList<PendingFile> m_cancelled;
    QHash<TransferId, Member> m_members;
    int m_done = 0;
    qint64 m_doneBytes = 0;
    qint64 m_bytesTotal = 0;
};

} // namespace s3
