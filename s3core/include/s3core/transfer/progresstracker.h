// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <deque>

#include <QHash>

#include "s3core/clock.h"
#include "s3core/s3core_export.h"

namespace s3 {

/**
 * Byte progress of one transfer made of parts: each part reports its own count; the total is a high-water mark
 * that never goes backwards when a part is retried. Rate is measured over a moving window (default 5 s) of the
 * total, and the ETA follows from it. Clock injected for tests. Not thread-safe; lives with its task.
 */
class S3CORE_EXPORT ProgressTracker
{
public:
    explicit ProgressTracker(Clock clock = systemClock(), qint64 windowMs = 5000);

    void setTotal(qint64 total) { m_total = total; }
    qint64 total() const { return m_total; }

    /** Bytes already done before this session (resume): counted, but not in the rate. */
    void setBaseline(qint64 bytes);
    /**
     * A new run that starts from exactly `onDisk` bytes (resume, retry): forgets every part and the high-water
     * mark of earlier runs, so the count never shows more than is really there, and starts the rate window now.
     */
    void restart(qint64 onDisk);
    /** Current byte count of a part in flight (may drop on retry; the total does not). */
    void setPartBytes(int part, qint64 bytes);
    /** The part is done and counted for good with this size. */
    void completePart(int part, qint64 size);
    /** A failed part's bytes stop counting toward "in flight" (the total keeps its high-water mark). */
    void resetPart(int part);

    qint64 done() const { return m_highWater; }
    double bytesPerSecond() const;
    /** Seconds left at the current rate; -1 if unknown. */
    qint64 etaSeconds() const;

private:
    void update();

    Clock m_clock;
    qint64 m_windowMs;
    qint64 m_total = -1;
    qint64 m_completed = 0;
    qint64 m_baseline = 0;
    QHash<int, qint64> m_inFlight;
    qint64 m_highWater = 0;
    struct Sample
    {
        qint64 atMs;
        qint64 bytes;
    };
    std::deque<Sample> m_samples;
};

} // namespace s3
