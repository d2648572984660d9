// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>

#include <QDialog>
#include <QString>

#include "connection/connectionprofile.h"

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace s3ui {

class MemorySecretStore;
class SecretStore;

/**
 * Asks for the secret key of a saved connection, when the keychain has none or there is no keychain.
 * Open it with open() and read secret() / rememberInKeychain() after accepted(). OK stays disabled while
 * the field is empty. The secret is shown as dots and never logged.
 */
class SecretPromptDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretPromptDialog)
public:
    /** canRemember: offer "Save in the system keychain" (checked); false hides it (no keychain). */
    SecretPromptDialog(const ConnectionProfile &profile, bool canRemember, QWidget *parent = nullptr);
    ~SecretPromptDialog() override;

    const ConnectionProfile &profile() const { return m_profile; }
    /** Why the secret is asked for ("No secret key is stored...", "The server rejected..."). */
    void setMessage(const QString &message);
    QString message() const;

    QString secret() const;
    bool rememberInKeychain() const;

private:
    void updateOkButton();

    ConnectionProfile m_profile;
    bool m_canRemember;
    QLabel *m_messageLabel;
    QLineEdit *m_secretEdit;
    QCheckBox *m_rememberBox;
    QDialogButtonBox *m_buttons;
};

/**
 * Gets the secret key of a profile before connecting, without blocking: the run's memory cache
 * (sessionSecrets) first, then the keychain; if neither has one, or the keychain is unavailable, a
 * SecretPromptDialog opens (non-modal, open()) with the reason. A typed secret is kept in sessionSecrets for
 * the rest of the run and, when the user ticks it and the keychain works, saved in the keychain.
 *
 * callback(secret) runs later on the event loop (not inside this call), or callback(std::nullopt) when the
 * user cancelled; never if `parent` is destroyed first. Profiles that need no secret (AWS profiles,
 * anonymous saved ones) answer an empty string. keychain and sessionSecrets may be null.
 * promptReason non-empty: skip both stores and ask at once, showing that reason (e.g. after the server
 * answered SignatureDoesNotMatch with the stored secret).
 */
void obtainConnectionSecret(const ConnectionProfile &profile, SecretStore *keychain, MemorySecretStore *sessionSecrets,
                            QWidget *parent, std::function<void(std::optional<QString> secret)> callback,
                            const QString &promptReason = {});

} // namespace s3ui
