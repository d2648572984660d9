// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>

#include "s3core/s3core_export.h"
#include "s3core/s3error.h"
#include "s3core/transfer/progresstracker.h"
#include "s3core/transfer/transfertypes.h"

namespace s3 {

class S3Client;

/**
 * One user-visible transfer (a file up or down), driven by the TransferQueue. Scheduling is pull-based: the
 * queue asks wantsRequest() and, while its connection budget allows, calls startRequest() with the client
 * (connection pool member) to use; the task reports requestFinished(client) when that request is over.
 *
 * State changes only through setState(). finished() is emitted once per run when a final state is reached;
 * retry()/resume() may start a new run. Lives on the engine thread; views read snapshot() copies.
 */
class S3CORE_EXPORT TransferTask : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferTask)
public:
    TransferTask(TransferId id, TransferDirection direction, QString bucket, QString key, QString localPath,
                 QObject *parent = nullptr);
    ~TransferTask() override;

    TransferId id() const { return m_id; }
    TransferDirection direction() const { return m_direction; }
    QString bucket() const { return m_bucket; }
    QString key() const { return m_key; }
    QString localPath() const { return m_localPath; }
    /** The object a copy reads (empty for uploads and downloads). */
    QString sourceBucket() const { return m_sourceBucket; }
    QString sourceKey() const { return m_sourceKey; }
    TransferState state() const { return m_state; }
    const S3Error &lastError() const { return m_lastError; }
    int priority() const { return m_priority; }
    void setPriority(int priority) { m_priority = priority; }
    int attempts() const { return m_attempts; }

    TransferSnapshot snapshot() const;

    /**
     * TransferTask objects alive in this process now, over every queue: folder jobs keep their waiting files as
     * compact records, so this stays small however many files they have (tests and the memory bench check it).
     */
    static int liveInstances();

    /** Number of requests of this task in flight. */
    int activeRequests() const { return int(m_requestClients.size()); }
    /** True if the task could start one more request right now. */
    virtual bool wantsRequest() const = 0;
    /** Start exactly one request on this client. Only called when wantsRequest() is true. */
    virtual void startRequest(S3Client *client) = 0;

    /** Queued -> Running. */
    void activate();
    /** Stop requests in flight, keep what is done (upload id, finished parts, downloaded ranges). */
    void pause();
    /** Paused/Failed/Cancelled -> Queued, continuing from what is kept (a cancelled transfer kept nothing). */
    void resume();
    /** Stop for good and clean up (abort the multipart upload, remove the partial file). */
    void cancel();

    /** What is needed to restore the task after a restart (it comes back Paused). */
    virtual QJsonObject toJson() const;

Q_SIGNALS:
    void changed(s3::TransferId id);
    void requestFinished(s3::S3Client *client);
    void finished(s3::TransferId id);

protected:
    void setSource(QString bucket, QString key, bool move)
    {
        m_sourceBucket = std::move(bucket);
        m_sourceKey = std::move(key);
        m_move = move;
    }
    void setState(TransferState state);
    /** Fails the task (state Failed, error kept), after stopping what runs. */
    void fail(const S3Error &error);
    void succeed();
    void notifyChanged() { Q_EMIT changed(m_id); }

    /** Book-keeping of the connection budget: every request started on a client is ended exactly once. */
    void beginRequest(S3Client *client) { m_requestClients.append(client); }
    void endRequest(S3Client *client);
    /** Ends the book-keeping of every request still counted (after cancelling them). */
    void releaseRequests();

    /** Abort requests in flight without cleaning up persistent state (pause). */
    virtual void stopRequests() = 0;
    /** Clean up after cancel: abort multipart upload, delete partial files. May send requests best-effort. */
    virtual void cleanupCancelled() = 0;
    /** Prepare for a new run after pause/failure (re-check the local file, forget in-flight parts). */
    virtual void prepareResume() {}

    ProgressTracker m_progress;
    QString m_note; ///< goes into snapshot().note
    QDateTime m_added;
    QDateTime m_finishedAt;
    int m_attempts = 0;

private:
    TransferId m_id;
    TransferDirection m_direction;
    QString m_bucket;
    QString m_key;
    QString m_localPath;
    QString m_sourceBucket;
    QString m_sourceKey;
    bool m_move = false;
    TransferState m_state = TransferState::Queued;
    S3Error m_lastError;
    int m_priority = 0;
    QList<S3Client *> m_requestClients;
};

} // namespace s3
