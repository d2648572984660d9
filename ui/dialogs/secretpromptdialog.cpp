// SPDX-License-Identifier: Apache-2.0
#include "dialogs/secretpromptdialog.h"

#include <memory>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include "connection/secretstore.h"
#include "util/windowfit.h"

namespace s3ui {

SecretPromptDialog::SecretPromptDialog(const ConnectionProfile &profile, bool canRemember, QWidget *parent)
    : QDialog(parent)
    , m_profile(profile)
    , m_canRemember(canRemember)
{
    setWindowTitle(tr("Secret key for %1").arg(profile.name));
    auto *layout = new QVBoxLayout(this);

    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setVisible(false);
    layout->addWidget(m_messageLabel);

    auto *form = new QFormLayout;
    auto *keyLabel = new QLabel(profile.accessKeyId, this);
    keyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Access key:"), keyLabel);
    m_secretEdit = new QLineEdit(this);
    m_secretEdit->setObjectName(QStringLiteral("secretEdit"));
    m_secretEdit->setEchoMode(QLineEdit::Password);
    m_secretEdit->setPlaceholderText(tr("Secret access key"));
    form->addRow(tr("&Secret key:"), m_secretEdit);
    layout->addLayout(form);

    m_rememberBox = new QCheckBox(tr("Save in the system &keychain"), this);
    m_rememberBox->setObjectName(QStringLiteral("rememberBox"));
    m_rememberBox->setChecked(canRemember);
    m_rememberBox->setVisible(canRemember);
    layout->addWidget(m_rememberBox);
    if (!canRemember) {
        auto *note = new QLabel(tr("No system keychain: the secret will be asked for each time "
                                               "(it is kept in memory until S3Desk quits)."),
                                this);
        note->setObjectName(QStringLiteral("keychainNote"));
        note->setWordWrap(true);
        layout->addWidget(note);
    }

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_secretEdit, &QLineEdit::textChanged, this, &SecretPromptDialog::updateOkButton);
    updateOkButton();
    m_secretEdit->setFocus();
    fitWindowWidthToTitle(this); // "Secret key for <name> — S3Desk" whole in the title bar
}

SecretPromptDialog::~SecretPromptDialog() = default;

void SecretPromptDialog::setMessage(const QString &message)
{
    m_messageLabel->setText(message);
    m_messageLabel->setVisible(!message.isEmpty());
}

QString SecretPromptDialog::message() const
{
    return m_messageLabel->text();
}

QString SecretPromptDialog::secret() const
{
    return m_secretEdit->text();
}

bool SecretPromptDialog::rememberInKeychain() const
{
    return m_canRemember && m_rememberBox->isChecked();
}

void SecretPromptDialog::updateOkButton()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_secretEdit->text().isEmpty());
}

// ---------------------------------------------------------------------------------------------------------------

namespace {

void promptForSecret(const ConnectionProfile &profile, SecretStore *keychain, MemorySecretStore *sessionSecrets,
                     QWidget *parent, std::function<void(std::optional<QString>)> callback, const QString &reason)
{
    const bool keychainWorks = keychain && (!keychain->isAvailabilityKnown() || keychain->isAvailable());
    auto *dialog = new SecretPromptDialog(profile, keychainWorks, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setMessage(reason);
    QPointer<SecretStore> keychainGuard(keychain);
    QPointer<MemorySecretStore> sessionGuard(sessionSecrets);
    // finished() fires once for OK, Cancel and closing the window.
    QObject::connect(dialog, &QDialog::finished, dialog, [dialog, keychainGuard, sessionGuard, callback](int result) {
        if (result != QDialog::Accepted) {
            callback(std::nullopt);
            return;
        }
        const QString secret = dialog->secret();
        const QString id = dialog->profile().id;
        if (sessionGuard)
            sessionGuard->setSecret(id, secret);
        if (keychainGuard && dialog->rememberInKeychain()) {
            // Best effort: the secret is in the run's memory either way; a failure shows up on the next start.
            keychainGuard->writeSecret(id, secret, keychainGuard, [](const s3::Result<s3::Ok> &written) {
                if (!written)
                    qWarning("s3desk: %s", qPrintable(written.error().message()));
            });
        }
        callback(secret);
    });
    dialog->open();
}

} // namespace

void obtainConnectionSecret(const ConnectionProfile &profile, SecretStore *keychain, MemorySecretStore *sessionSecrets,
                            QWidget *parent, std::function<void(std::optional<QString>)> callback,
                            const QString &promptReason)
{
    if (!profile.needsSecret()) {
        QTimer::singleShot(0, parent, [callback] { callback(QString()); });
        return;
    }
    QPointer<SecretStore> keychainGuard(keychain);
    QPointer<MemorySecretStore> sessionGuard(sessionSecrets);
    if (!promptReason.isEmpty()) {
        QTimer::singleShot(
            0, parent, [=] { promptForSecret(profile, keychainGuard, sessionGuard, parent, callback, promptReason); });
        return;
    }
    if (sessionSecrets && sessionSecrets->contains(profile.id)) {
        const QString secret = sessionSecrets->secret(profile.id);
        QTimer::singleShot(0, parent, [callback, secret] { callback(secret); });
        return;
    }
    const bool keychainUsable = keychain && (!keychain->isAvailabilityKnown() || keychain->isAvailable());
    if (!keychainUsable) {
        QTimer::singleShot(0, parent, [=] {
            promptForSecret(profile, keychainGuard, sessionGuard, parent, callback,
                            // The dialog's own note says there is no keychain: the message does not repeat it.
                            SecretPromptDialog::tr("Enter the secret key for %1.")
                                .arg(profile.name));
        });
        return;
    }
    keychain->readSecret(profile.id, parent, [=](const s3::Result<QString> &secret) {
        if (secret && !secret->isEmpty()) {
            callback(*secret);
            return;
        }
        const QString reason = secret
            ? SecretPromptDialog::tr("No secret key is stored for %1: enter it.").arg(profile.name)
            : secret.error().message() + SecretPromptDialog::tr(". Enter the secret key for %1.").arg(profile.name);
        promptForSecret(profile, keychainGuard, sessionGuard, parent, callback, reason);
    });
}

} // namespace s3ui
