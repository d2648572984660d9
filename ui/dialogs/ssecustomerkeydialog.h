// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

#include "s3core/ssecustomerkey.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace s3ui {

/**
 * Asks for the customer-provided key (SSE-C) of an object that S3 refused to show or send without it: a key file
 * (32 raw bytes, or their base64 text) or the base64 text typed in. The key is checked here (length, base64) and
 * handed to the caller with key(); it is not stored anywhere. Open it with open() (window-modal, no nested event
 * loop) and read key() after accepted().
 */
class SseCustomerKeyDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SseCustomerKeyDialog)
public:
    /** objectKey names the object; refused: a key was given before and the server refused it. */
    SseCustomerKeyDialog(const QString &objectKey, bool refused, QWidget *parent = nullptr);
    ~SseCustomerKeyDialog() override;

    /** The key given (null until the dialog was accepted). */
    s3::SseCustomerKey key() const { return m_key; }

    void accept() override;

private:
    void chooseFile();
    void updateState();

    QRadioButton *m_fileRadio;
    QRadioButton *m_textRadio;
    QLineEdit *m_fileEdit;
    QLineEdit *m_textEdit;
    QLabel *m_errorLabel;
    QDialogButtonBox *m_buttons;
    s3::SseCustomerKey m_key;
};

} // namespace s3ui
