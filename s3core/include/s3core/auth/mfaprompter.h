// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QObject>
#include <QString>

#include "s3core/result.h"
#include "s3core/s3core_export.h"

namespace s3 {

/** What an MFA prompt shows: the profile, the role it assumes and the device whose code is needed. */
struct MfaRequest
{
    QString profile;      ///< the profile with role_arn and mfa_serial
    QString roleArn;      ///< role_arn
    QString serialNumber; ///< mfa_serial: the device's ARN or serial number
};

/**
 * Asks the user for the current code of an MFA device (mfa_serial of an assumed role). s3desk-cli answers from
 * --mfa-code or the terminal; the app shows a dialog on its GUI thread. requestCode() is called on the thread of
 * the provider that needs the code (context lives there) and answers exactly once, on that thread, either at
 * once or later from its event loop; it never blocks an event loop that has a window. A cancelled prompt answers
 * an error of kind Cancelled. An answer that arrives after context was destroyed is dropped.
 */
class S3CORE_EXPORT MfaPrompter
{
public:
    using Callback = std::function<void(const Result<QString> &)>;
    virtual ~MfaPrompter() = default;
    virtual void requestCode(const MfaRequest &request, QObject *context, Callback callback) = 0;
};

} // namespace s3
