// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>

#include "s3core/result.h"
#include "s3core/s3core_export.h"

namespace s3 {

/**
 * How long a presigned link really lives. A SigV4 link signed with temporary credentials stops working when
 * their session token expires, whatever its X-Amz-Expires says, so a link is never signed for longer than the
 * credentials' remaining lifetime.
 * The rule: a validity the user did not ask for explicitly (a default, a preset) is shortened to the remaining
 * lifetime and says so (clamped); a validity the user asked for explicitly that the credentials cannot honour is
 * refused with the reason, so nobody hands out a link believing it lasts longer than it does.
 */
struct PresignExpiry
{
    qint64 seconds = 0;        ///< what goes into X-Amz-Expires
    qint64 requestedSeconds = 0;
    bool clamped = false;      ///< seconds < requestedSeconds because the credentials expire first
    QDateTime expiresAt;       ///< UTC, in the signing clock's time: when the link stops working
    QDateTime credentialsExpiry; ///< UTC; invalid when the credentials do not expire
};

/**
 * Pure. `now` is the signing time (the clock the signature uses, corrected for skew), `credentialsExpiry` the
 * credentials' expiry (invalid: long-term keys). Errors: a validity outside 1 s ... 7 days, credentials that
 * have already expired (or expire within the second), and `explicitRequest` with more than the remaining
 * lifetime.
 */
S3CORE_EXPORT Result<PresignExpiry> planPresignExpiry(qint64 requestedSeconds, bool explicitRequest,
                                                      const QDateTime &credentialsExpiry, const QDateTime &now);

} // namespace s3
