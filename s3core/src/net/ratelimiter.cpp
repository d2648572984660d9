// SPDX-License-Identifier: Apache-2.0
#include "s3core/net/ratelimiter.h"

#include <algorithm>
#include <cmath>

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {
constexpr qint64 NsPerSecond = 1000LL * 1000 * 1000;
constexpr qint64 MinBurst = 16 * 1024; // below this, the many small grants cost more than they smooth
constexpr qint64 MaxRate = 1LL << 40;
} // namespace

void RateLimiter::setRate(qint64 bytesPerSecond)
{
    m_rate = std::max<qint64>(0, bytesPerSecond);
    m_burst = m_rate > 0 ? std::max(MinBurst, m_rate / 10) : 0;
    m_tokens = std::min(m_tokens, double(m_burst));
}

void RateLimiter::refill(qint64 nowNs)
{
    if (m_lastNs >= 0 && nowNs > m_lastNs)
        m_tokens = std::min(double(m_burst), m_tokens + double(nowNs - m_lastNs) * double(m_rate) / double(NsPerSecond));
    if (m_lastNs < 0 || nowNs > m_lastNs)
        m_lastNs = nowNs; // a clock that stepped back refills nothing, and later times count from the latest
}

double RateLimiter::tokens(qint64 nowNs)
{
    refill(nowNs);
    return m_tokens;
}

qint64 RateLimiter::waitNs(qint64 nowNs)
{
    if (m_rate <= 0)
        return 0;
    refill(nowNs);
    if (m_tokens >= 0)
        return 0;
    // Rounded up, so that the caller that comes back after waitNs finds the bucket out of debt.
    return std::max<qint64>(1, qint64(std::ceil(-m_tokens * double(NsPerSecond) / double(m_rate))));
}

RateLimiter::Grant RateLimiter::take(qint64 wanted, qint64 nowNs)
{
    if (m_rate <= 0 || wanted <= 0)
        return {std::max<qint64>(0, wanted), 0};
    refill(nowNs);
    if (m_tokens >= 0) {
        m_tokens -= double(wanted);
        return {wanted, 0};
    }
    return {0, waitNs(nowNs)};
}

qint64 parseRate(const QString &text)
{
    static const QRegularExpression pattern(u"^\\s*(\\d+(?:\\.\\d+)?)\\s*([kmg]?)(?:i?b)?(?:/s)?\\s*$"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return -1;
    bool ok = false;
    const double value = match.captured(1).toDouble(&ok);
    if (!ok)
        return -1;
    const QString unit = match.captured(2).toLower();
    const double scale = unit == "k"_L1 ? 1024.0 : unit == "m"_L1 ? 1024.0 * 1024 : unit == "g"_L1 ? 1024.0 * 1024 * 1024 : 1.0;
    const double bytes = std::round(value * scale);
    if (bytes > double(MaxRate))
        return -1;
    return qint64(bytes);
}

QString formatRate(qint64 bytesPerSecond)
{
    if (bytesPerSecond <= 0)
        return u"unlimited"_s;
    static constexpr const char16_t *Units[] = {u"B/s", u"KiB/s", u"MiB/s", u"GiB/s"};
    double value = double(bytesPerSecond);
    int unit = 0;
    while (value >= 1024 && unit < 3) {
        value /= 1024;
        ++unit;
    }
    const QString number = std::abs(value - std::round(value)) < 0.005 ? QString::number(qint64(std::round(value)))
                                                                        : QString::number(value, 'f', value < 10 ? 2 : 1);
    return number + u' ' + QString::fromUtf16(Units[unit]);
}

} // namespace s3
