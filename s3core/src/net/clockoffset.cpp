// SPDX-License-Identifier: Apache-2.0
#include "s3core/net/clockoffset.h"

#include "s3core/logging.h"
#include "s3core/net/clockskew.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

bool ClockOffset::noteServerDate(QByteArrayView dateHeader, const QDateTime &localTime, bool refusedAsSkewed, const QString &server)
{
    const QDateTime serverTime = parseHttpDate(dateHeader);
    const qint64 current = offsetMs();
    const std::optional<qint64> offset = correctedClockOffset(serverTime, localTime, current, refusedAsSkewed);
    if (!offset) {
        if (refusedAsSkewed && !serverTime.isValid())
            qCDebug(lcS3Net).noquote() << u"clock skew: %1 refused the request time but sent no readable Date header"_s.arg(server);
        return false;
    }
    // Two answers racing on two threads measure nearly the same offset: the last one wins.
    m_offsetMs.store(*offset, std::memory_order_relaxed);
    m_corrections.fetch_add(1, std::memory_order_relaxed);
    qCDebug(lcS3Net).noquote() << u"clock skew: %1 says %2, the local clock %3; signing with an offset of %4 s from now on (was %5 s)"_s
                                      .arg(server, serverTime.toString(Qt::ISODate), localTime.toUTC().toString(Qt::ISODate))
                                      .arg(double(*offset) / 1000.0, 0, 'f', 1)
                                      .arg(double(current) / 1000.0, 0, 'f', 1)
                               << (refusedAsSkewed ? "(refused as skewed)" : "(Date header)");
    return true;
}

Clock correctedClock(Clock local, std::shared_ptr<const ClockOffset> offset)
{
    if (!local)
        local = systemClock();
    if (!offset)
        return local;
    return [local = std::move(local), offset = std::move(offset)] { return local().addMSecs(offset->offsetMs()); };
}

Clock correctedClockSharing(Clock local, std::shared_ptr<ClockOffset> &offset)
{
    if (!offset)
        offset = std::make_shared<ClockOffset>();
    return correctedClock(std::move(local), offset);
}

} // namespace s3
