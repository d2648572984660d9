// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

#include "s3core/auth/mfaprompter.h"
#include "s3core/s3error.h"

class QDialogButtonBox;
class QLineEdit;

namespace s3ui {

/**
 * Asks for the six-digit code of the MFA device an assumed role needs (mfa_serial). Shows the profile, the role
 * and the device; OK stays disabled until six digits are typed. Open it with open() (window-modal, no nested
 * event loop) and read code() after accepted().
 */
class MfaPromptDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MfaPromptDialog)
public:
    explicit MfaPromptDialog(s3::MfaRequest request, QWidget *parent = nullptr);
    ~MfaPromptDialog() override;

    const s3::MfaRequest &request() const { return m_request; }
    /** The six digits typed (empty until they are). */
    QString code() const;
    /** The answer of a prompt that was cancelled or closed (kind Cancelled, "MFA code not entered ..."). */
    static s3::S3Error notEntered(const s3::MfaRequest &request);

private:
    void updateOkButton();

    s3::MfaRequest m_request;
    QLineEdit *m_codeEdit;
    QDialogButtonBox *m_buttons;
};

} // namespace s3ui
