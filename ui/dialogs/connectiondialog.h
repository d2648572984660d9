// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QDialog>
#include <QPointer>
#include <QString>

#include "connection/connectionprofile.h"
#include "connection/secretstore.h"
#include "s3core/s3error.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace s3ui {

class ConnectionTester;

/**
 * Adds or edits a saved connection: name, endpoint URL, region, addressing, access key, secret key, CA file,
 * bucket and prefix, with "Test connection" (result shown inline). Open it with open() (never exec()).
 *
 * OK validates (the first problem is shown inline and the dialog stays open), stores the secret in the
 * keychain (or, without a keychain, in sessionSecrets for this run only: a note says so), then adds or
 * updates the profile in the store and closes; profileSaved() is emitted just before accepted(). An empty
 * secret field keeps the stored secret when editing (and, for a new connection, means "ask when connecting").
 * The secret is never written to the settings file nor shown in any message.
 */
class ConnectionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionDialog)
public:
    /** keychain and sessionSecrets may be null (then secrets are not kept, and asked for when connecting). */
    ConnectionDialog(ConnectionStore *store, SecretStore *keychain, MemorySecretStore *sessionSecrets,
                     QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    /** Edit this saved profile (the dialog starts as "new connection" otherwise). */
    void setProfile(const ConnectionProfile &profile);
    bool isNewConnection() const { return m_isNew; }
    /** The profile the fields describe (with the id it is or will be saved under). */
    ConnectionProfile profile() const;
    QString secretKey() const;
    /** The first problem of the fields ("Enter a name..."), or empty when OK may save. */
    QString validationError() const;

    /** Validates and saves (asynchronously: the keychain answers later); closes when saved. */
    void accept() override;

    /** Runs the connection test with the fields as they are (what the "Test connection" button does). */
    void testConnection();
    bool isTesting() const;
    /** Asks for MFA codes during the test, as connecting does (null: nothing can ask). */
    void setMfaPrompter(std::shared_ptr<s3::MfaPrompter> prompter) { m_mfaPrompter = std::move(prompter); }

Q_SIGNALS:
    void profileSaved(const s3ui::ConnectionProfile &profile);
    /** The inline test result is shown. */
    void testFinished(bool ok, const QString &message);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void setTestResult(const QString &message);
    void fitToContent();
    void browseCaFile();
    void updateKeychainNote();
    void showError(const QString &message);
    void setBusy(bool busy);
    void storeSecretThenSave(const ConnectionProfile &profile, const QString &secret);
    void saveProfile(const ConnectionProfile &profile);
    void runTest(const ConnectionProfile &profile, const QString &secret);
    void handleTestFinished(bool ok, const QString &message, const s3::S3Error &error);
    bool keychainUsable() const;

    QPointer<ConnectionStore> m_store;
    QPointer<SecretStore> m_keychain;
    QPointer<MemorySecretStore> m_sessionSecrets;
    QString m_id;
    bool m_isNew = true;
    bool m_saving = false;
    bool m_keychainFailed = false; // a write failed in this dialog: keep the secret for this run only

    QLineEdit *m_nameEdit;
    QLineEdit *m_endpointEdit;
    QLineEdit *m_regionEdit;
    QComboBox *m_addressingCombo;
    QLineEdit *m_accessKeyEdit;
    QLineEdit *m_secretEdit;
    QLineEdit *m_caFileEdit;
    QPushButton *m_caBrowseButton;
    QLineEdit *m_bucketEdit;
    QLineEdit *m_prefixEdit;
    QPushButton *m_testButton;
    QLabel *m_testResultLabel;
    QLabel *m_keychainNote;
    QLabel *m_errorLabel;
    QDialogButtonBox *m_buttons;
    ConnectionTester *m_tester;
    std::shared_ptr<s3::MfaPrompter> m_mfaPrompter;
};

} // namespace s3ui
