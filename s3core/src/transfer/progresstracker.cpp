// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/progresstracker.h"

#include <cmath>

namespace s3 {

ProgressTracker::ProgressTracker(Clock clock, qint64 windowMs)
    : m_clock(std::move(clock))
    , m_windowMs(windowMs)
{
}

void ProgressTracker::setBaseline(qint64 bytes)
{
    m_baseline = bytes;
    m_highWater = std::max(m_highWater, bytes);
    m_samples.clear();
}

void ProgressTracker::restart(qint64 onDisk)
{
    m_completed = 0;
    m_inFlight.clear();
    m_baseline = onDisk;
    m_highWater = onDisk;
    m_samples.clear();
    // The run's first sample: the first bytes that arrive give a rate (and an ETA) at once.
    m_samples.push_back({m_clock().toMSecsSinceEpoch(), onDisk});
}

void ProgressTracker::setPartBytes(int part, qint64 bytes)
{
    m_inFlight[part] = bytes;
    update();
}

void ProgressTracker::completePart(int part, qint64 size)
{
    m_inFlight.remove(part);
    m_completed += size;
    update();
}

void ProgressTracker::resetPart(int part)
{
    m_inFlight.remove(part);
}

void ProgressTracker::update()
{
    qint64 current = m_baseline + m_completed;
    for (const qint64 bytes : std::as_const(m_inFlight))
        current += bytes;
    if (m_total >= 0)
        current = std::min(current, m_total);
    m_highWater = std::max(m_highWater, current);

    const qint64 now = m_clock().toMSecsSinceEpoch();
    m_samples.push_back({now, m_highWater});
    while (m_samples.size() > 2 && m_samples[1].atMs < now - m_windowMs)
        m_samples.pop_front();
}

double ProgressTracker::bytesPerSecond() const
{
    if (m_samples.empty())
        return 0;
    // Bytes moved between the oldest sample inside the window and now: a stall lets the rate fall to 0.
    const qint64 now = m_clock().toMSecsSinceEpoch();
    size_t index = 0;
    while (index < m_samples.size() && m_samples[index].atMs < now - m_windowMs)
        ++index;
    if (index == m_samples.size())
        return 0;
    if (index > 0) // the sample just before the window gives a full window's worth
        --index;
    const qint64 elapsed = now - m_samples[index].atMs;
    if (elapsed <= 0)
        return 0;
    return double(m_highWater - m_samples[index].bytes) * 1000.0 / double(elapsed);
}

qint64 ProgressTracker::etaSeconds() const
{
    const double rate = bytesPerSecond();
    if (m_total < 0 || rate <= 0)
        return -1;
    return qint64(std::ceil(double(m_total - m_highWater) / rate));
}

} // namespace s3
