// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>

#include <QByteArrayView>
#include <QDateTime>

#include "s3core/s3core_export.h"

namespace s3 {

/**
 * A server's Date header further than this from the clock we sign with makes the client sign with the server's
 * time from then on. S3 refuses signatures more than 15 minutes off (RequestTimeTooSkewed); correcting from 5
 * minutes keeps a margin without reacting to ordinary drift and the Date header's one-second resolution.
 */
inline constexpr qint64 ClockSkewThresholdMs = 5 * 60 * 1000;

/** An RFC 7231 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT", what S3 servers send) as UTC; invalid otherwise. */
S3CORE_EXPORT QDateTime parseHttpDate(QByteArrayView value);

/**
 * Pure. The clock offset (server time - local time, in ms) to sign with after an answer whose Date header said
 * `serverTime` at local time `localTime`, or nullopt to keep `currentOffsetMs`.
 * `refusedAsSkewed` (the answer was RequestTimeTooSkewed): any measurable difference (a second or more) is
 * taken, since the server has said the current one is wrong. Otherwise only a difference above
 * ClockSkewThresholdMs is. An invalid `serverTime` (no or unreadable Date header) changes nothing.
 */
S3CORE_EXPORT std::optional<qint64> correctedClockOffset(const QDateTime &serverTime, const QDateTime &localTime,
                                                         qint64 currentOffsetMs, bool refusedAsSkewed);

} // namespace s3
