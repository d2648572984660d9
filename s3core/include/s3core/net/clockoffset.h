// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <memory>

#include <QByteArrayView>
#include <QDateTime>
#include <QString>

#include "s3core/clock.h"
#include "s3core/s3core_export.h"

namespace s3 {

/**
 * The servers' clock minus the local clock (ms), shared by everything of one connection that signs requests or
 * compares with server times: its S3 clients (the browser's and the transfer engine's, on other threads), its
 * STS calls and the expiry checks of its temporary credentials and SSO tokens. Learnt from the Date header of
 * any answer (see correctedClockOffset()), so one refused request corrects them all. Owned by whoever owns the
 * connection (shared_ptr); thread-safe.
 */
class S3CORE_EXPORT ClockOffset final
{
public:
    ClockOffset() = default;
    Q_DISABLE_COPY_MOVE(ClockOffset)

    qint64 offsetMs() const { return m_offsetMs.load(std::memory_order_relaxed); }
    /** How many answers changed the offset. */
    int corrections() const { return m_corrections.load(std::memory_order_relaxed); }

    /**
     * Takes an answer's Date header into account: `localTime` is when it arrived by the caller's local clock,
     * `refusedAsSkewed` says the server refused the request's time (then any difference of a second counts).
     * Returns true when the offset changed (logged in s3desk.net debug output, naming `server`).
     */
    bool noteServerDate(QByteArrayView dateHeader, const QDateTime &localTime, bool refusedAsSkewed, const QString &server);

private:
    std::atomic<qint64> m_offsetMs{0};
    std::atomic<int> m_corrections{0};
};

/** `local` moved by the offset's current value at each call: the servers' time as far as we know it. */
S3CORE_EXPORT Clock correctedClock(Clock local, std::shared_ptr<const ClockOffset> offset);

/**
 * A provider's clock: `local` corrected by `offset`, which is created first when the settings shared none (the
 * provider then keeps its own; `offset` holds it, so the provider can correct it from its answers).
 */
S3CORE_EXPORT Clock correctedClockSharing(Clock local, std::shared_ptr<ClockOffset> &offset);

} // namespace s3
