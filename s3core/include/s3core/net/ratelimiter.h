// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QtGlobal>

#include "s3core/s3core_export.h"

namespace s3 {

/**
 * A token bucket for one direction of a bandwidth limit (bytes per second), shared by every connection of a
 * CurlHttpPool. Pure: the caller passes a monotonic time in nanoseconds, so tests drive it with a fake clock.
 *
 * The bucket refills at the rate by elapsed time and holds at most burst() tokens (a tenth of a second's worth,
 * at least 16 KiB): an idle moment saves little, so the rate over any second stays close to the limit. A
 * request is granted in full while the bucket is not in debt, even when it holds fewer tokens than asked: libcurl
 * hands a received block over whole (a write callback cannot take part of it), so the bucket may go into debt
 * by one block, which the next callers wait out. Over a span t the bytes granted are at most
 * burst + rate * t + one block.
 * The bucket starts empty, so a transfer does not begin with a burst above the limit.
 */
class S3CORE_EXPORT RateLimiter
{
public:
    struct Grant
    {
        qint64 bytes = 0;  ///< granted now: all that was asked, or 0
        qint64 waitNs = 0; ///< when nothing was granted: how long until the bucket is out of debt
    };

    explicit RateLimiter(qint64 bytesPerSecond = 0) { setRate(bytesPerSecond); }

    /** 0 (or less): unlimited. Tokens held are kept, capped at the new burst; a debt is kept too. */
    void setRate(qint64 bytesPerSecond);
    qint64 rate() const { return m_rate; }
    bool isLimited() const { return m_rate > 0; }
    qint64 burst() const { return m_burst; }

    /** Asks for `wanted` bytes at monotonic time nowNs. Unlimited: always granted. */
    Grant take(qint64 wanted, qint64 nowNs);

    /** Tokens in the bucket at nowNs (negative: a debt). */
    double tokens(qint64 nowNs);
    /** How long from nowNs until the bucket is out of debt (0: it is not in debt, or unlimited). */
    qint64 waitNs(qint64 nowNs);

private:
    void refill(qint64 nowNs);

    qint64 m_rate = 0;
    qint64 m_burst = 0;
    double m_tokens = 0;
    qint64 m_lastNs = -1; // -1: not used yet
};

/**
 * A rate as curl's --limit-rate takes it: bytes per second with an optional binary suffix K, M or G (1024-based,
 * "10M" = 10 MiB/s), a decimal fraction allowed ("1.5M"), an optional "B", "iB" and "/s" ("512KiB/s"); "0" means
 * unlimited. -1 when it is not a rate (empty, negative, unknown suffix, more than 1 TiB/s).
 */
S3CORE_EXPORT qint64 parseRate(const QString &text);

/** A rate for people: "unlimited", "512 KiB/s", "10 MiB/s", "1.5 GiB/s". */
S3CORE_EXPORT QString formatRate(qint64 bytesPerSecond);

} // namespace s3
