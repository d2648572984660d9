// SPDX-License-Identifier: Apache-2.0
#include "s3core/net/retrypolicy.h"

#include <algorithm>

#include <QRandomGenerator>

namespace s3 {

RetryPolicy::Category RetryPolicy::classify(const S3Error &error)
{
    const QString code = error.code();
    switch (error.kind()) {
    case S3Error::Kind::Network:
    case S3Error::Kind::Timeout:
        return Category::Transient;
    case S3Error::Kind::Auth:
        if (code == QLatin1String("ExpiredToken") || code == QLatin1String("TokenRefreshRequired")
            || code == QLatin1String("RequestExpired"))
            return Category::Auth;
        return Category::Fatal;
    case S3Error::Kind::S3:
    case S3Error::Kind::Http:
        break;
    default:
        return Category::Fatal;
    }
    if (code == QLatin1String("SlowDown") || code == QLatin1String("Throttling") || code == QLatin1String("ThrottlingException")
        || code == QLatin1String("TooManyRequests") || code == QLatin1String("RequestLimitExceeded")
        || error.httpStatus() == 429 || (error.httpStatus() == 503 && code != QLatin1String("ServiceUnavailable")))
        return Category::Throttling;
    if (code == QLatin1String("ExpiredToken") || code == QLatin1String("RequestTimeTooSkewed"))
        return Category::Auth;
    // 501 NotImplemented is the server saying it lacks a feature: sending the same request again cannot help.
    if (code == QLatin1String("RequestTimeout") || code == QLatin1String("InternalError")
        || code == QLatin1String("ServiceUnavailable")
        || (error.httpStatus() >= 500 && error.httpStatus() != 501 && code != QLatin1String("NotImplemented")))
        return Category::ServerError;
    return Category::Fatal;
}

std::optional<std::chrono::milliseconds> RetryPolicy::decide(const S3Error &error, int attempt) const
{
    const Category category = classify(error);
    if (category == Category::Fatal || category == Category::Auth || attempt >= maxAttempts)
        return std::nullopt;
    const auto base = category == Category::Throttling ? throttleBaseDelay : baseDelay;
    // Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))].
    const double exponential = double(base.count()) * double(1ll << std::clamp(attempt - 1, 0, 20));
    const double ceiling = std::min(double(maxDelay.count()), exponential);
    const double r = random ? random() : QRandomGenerator::global()->generateDouble();
    return std::chrono::milliseconds(qint64(ceiling * std::clamp(r, 0.0, 1.0)));
}

RetryPolicy RetryPolicy::none()
{
    RetryPolicy policy;
    policy.maxAttempts = 1;
    return policy;
}

} // namespace s3
