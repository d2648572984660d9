// SPDX-License-Identifier: Apache-2.0
#include "s3core/net/clockskew.h"

#include <cstdlib>

#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {
// Longer than any IMF-fixdate; a hostile header is not handed whole to the date parser.
constexpr qsizetype MaxHttpDateLength = 64;
} // namespace

QDateTime parseHttpDate(QByteArrayView value)
{
    const QByteArrayView trimmed = value.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > MaxHttpDateLength)
        return {};
    QDateTime time = QLocale::c().toDateTime(QString::fromLatin1(trimmed), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!time.isValid())
        return {};
    time.setTimeSpec(Qt::UTC);
    return time;
}

std::optional<qint64> correctedClockOffset(const QDateTime &serverTime, const QDateTime &localTime, qint64 currentOffsetMs,
                                           bool refusedAsSkewed)
{
    if (!serverTime.isValid() || !localTime.isValid())
        return std::nullopt;
    const qint64 measured = localTime.msecsTo(serverTime);
    const qint64 error = std::llabs(measured - currentOffsetMs);
    const qint64 threshold = refusedAsSkewed ? 1000 : ClockSkewThresholdMs;
    if (error < threshold)
        return std::nullopt;
    return measured;
}

} // namespace s3
