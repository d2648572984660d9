// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QDateTime>

namespace s3 {

/** Clock seam: everything that needs "now" (signing, credential expiry) takes one, so tests can pin time. */
using Clock = std::function<QDateTime()>;

inline Clock systemClock()
{
    return [] { return QDateTime::currentDateTimeUtc(); };
}

} // namespace s3
