// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "s3core/auth/mfaprompter.h"

namespace s3cli {

/**
 * MFA codes for s3desk-cli: the code given with --mfa-code answers the first request; later requests (a new
 * session after the first one ran out, since codes are single-use) and runs without --mfa-code ask on the
 * terminal (/dev/tty) when there is one, otherwise fail saying to pass --mfa-code. The terminal read blocks the
 * command's thread; the command has no window and waits for its credentials anyway.
 */
class CliMfaPrompter final : public s3::MfaPrompter
{
public:
    explicit CliMfaPrompter(QString code) : m_code(std::move(code)) {}
    void requestCode(const s3::MfaRequest &request, QObject *context, Callback callback) override;

private:
    QString m_code;
};

} // namespace s3cli
