// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/presignexpiry.h"

#include "s3core/auth/sigv4.h"
#include "s3core/s3error.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

Result<PresignExpiry> planPresignExpiry(qint64 requestedSeconds, bool explicitRequest, const QDateTime &credentialsExpiry,
                                        const QDateTime &now)
{
    if (requestedSeconds < 1 || requestedSeconds > sigv4::MaxPresignExpirySeconds)
        return S3Error::invalid(u"A presigned URL must expire after 1 second to 7 days (604800 seconds), not %1 seconds"_s
                                    .arg(requestedSeconds));
    PresignExpiry plan;
    plan.requestedSeconds = requestedSeconds;
    plan.seconds = requestedSeconds;
    plan.credentialsExpiry = credentialsExpiry.isValid() ? credentialsExpiry.toUTC() : QDateTime();
    const QDateTime nowUtc = now.toUTC();
    if (plan.credentialsExpiry.isValid()) {
        const qint64 remaining = nowUtc.secsTo(plan.credentialsExpiry);
        const QString until = plan.credentialsExpiry.toString(Qt::ISODate);
        if (remaining < 1)
            return S3Error(S3Error::Kind::Auth,
                           u"the credentials expired at %1: a link signed with them would not work; refresh the "
                           "credentials (sign in again, or assume the role again) and presign again"_s
                               .arg(until));
        if (requestedSeconds > remaining) {
            if (explicitRequest)
                return S3Error::invalid(
                    u"a validity of %1 seconds was asked for, but the temporary credentials expire at %2 (in %3 "
                    "seconds) and a presigned link stops working with them; ask for at most %3 seconds, or "
                    "presign with long-term credentials"_s
                        .arg(requestedSeconds)
                        .arg(until)
                        .arg(remaining));
            plan.seconds = remaining;
            plan.clamped = true;
        }
    }
    plan.expiresAt = nowUtc.addSecs(plan.seconds);
    return plan;
}

} // namespace s3
