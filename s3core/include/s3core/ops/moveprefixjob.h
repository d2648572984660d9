// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QPointer>
#include <QSet>
#include <QStringList>

#include "s3core/job.h"
#include "s3core/ops/prefixmoveplan.h"
#include "s3core/types.h"

namespace s3 {

class S3Client;

/**
 * Renames/moves a "folder": every key under sourcePrefix (listed page by page, no delimiter) is moved to
 * targetPrefix + the rest of its key, a few at a time (server-side copy, then delete of the source, as
 * MoveObjectJob). The folder marker ("prefix/") moves too. A failed key does not stop the others: failures()
 * lists them and the job ends with an error summarising them. Moving a folder into itself is refused.
 *
 * With setHandOff(), objects above a size are not moved here but handed to the caller as they are listed
 * (planPrefixMove()), which puts each into the transfer queue as a move of its own (CopyTask: copied in parts,
 * resumable, the source deleted once its copy is complete). The job then ends when the rest is moved; the handed
 * objects are still in the source folder until the queue has moved them.
 */
class S3CORE_EXPORT MovePrefixJob final : public Job
{
    Q_OBJECT
public:
    static constexpr int MaxMovesInFlight = 4;

    MovePrefixJob(S3Client *client, QString bucket, QString sourcePrefix, QString targetPrefix, QObject *parent = nullptr);
    /**
     * Receives each object above `bytes` instead of moving it (see the class comment); returns false when it
     * cannot take it (no transfer queue any more), and the job then moves it itself.
     */
    using HandOff = std::function<bool(const PrefixMoveItem &item)>;
    void setHandOff(qint64 bytes, HandOff handOff);

    qint64 movedCount() const { return m_moved; }
    /** Objects given to the hand-off so far. */
    qint64 handedOffCount() const { return m_handedOff; }
    const QList<DeleteObjectError> &failures() const { return m_failures; }

Q_SIGNALS:
    void progressChanged(qint64 moved);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void listNext();
    void startMoves();
    void maybeFinish();

    S3Client *m_client;
    QString m_bucket;
    QString m_source;
    QString m_target;
    QString m_token;
    QSet<QString> m_seenTokens; ///< continuation tokens already asked for
    bool m_listingDone = false;
    QStringList m_queued;
    QPointer<Job> m_listJob;
    QSet<Job *> m_moves;
    qint64 m_moved = 0;
    QList<DeleteObjectError> m_failures;
    qint64 m_handOffAbove = -1;
    HandOff m_handOff;
    qint64 m_handedOff = 0;
};

} // namespace s3
