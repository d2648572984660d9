// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <functional>
#include <optional>

#include "s3core/s3core_export.h"
#include "s3core/s3error.h"

namespace s3 {

/**
 * When to send a failed request again. A value type: classify first, then decide.
 * Exponential backoff with full jitter and a cap (AWS architecture blog "Exponential Backoff and Jitter");
 * the random source is injectable so tests run deterministically and at zero delay.
 */
class S3CORE_EXPORT RetryPolicy
{
public:
    enum class Category {
        Transient,   ///< network reset/refused, timeout: retry
        ServerError, ///< 500/502/504, InternalError: retry
        Throttling,  ///< 503 SlowDown, 429: retry with a longer base delay
        Auth,        ///< ExpiredToken & co: refresh credentials, then retry once
        Fatal,       ///< AccessDenied, NoSuchKey, SignatureDoesNotMatch, 4xx, local errors: never retry
    };

    static Category classify(const S3Error &error);

    int maxAttempts = 4;                     ///< total attempts, the first one included
    std::chrono::milliseconds baseDelay{200};
    std::chrono::milliseconds throttleBaseDelay{1000};
    std::chrono::milliseconds maxDelay{20000};
    /** Returns a uniformly random value in [0, 1); defaults to QRandomGenerator::global(). */
    std::function<double()> random;

    /** The delay before attempt `attempt + 1`, or nullopt to give up. `attempt` counts from 1. */
    std::optional<std::chrono::milliseconds> decide(const S3Error &error, int attempt) const;

    static RetryPolicy none();
};

} // namespace s3
