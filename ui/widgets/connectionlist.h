// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <optional>

#include <QMessageBox>
#include <QPointer>
#include <QWidget>

#include "connection/connectionprofile.h"
#include "connection/secretstore.h"
#include "dialogs/connectiondialog.h"
#include "s3core/s3error.h"

class QAction;
class QLabel;
class QPushButton;
class QModelIndex;
class QToolBar;
class QTreeView;

namespace s3ui {

class ConnectionListModel;
class ConnectionTester;

/**
 * The left-hand connection list: saved connections and read-only AWS profiles (ConnectionListModel) with
 * the actions New connection…, Edit…, Delete, Test and Connect (toolbar, context menu; Ctrl+N and Ctrl+Enter
 * anywhere in the window, Ctrl+E and Del while the list has focus; Enter or double-click connects). Edit and Delete apply to saved
 * connections only. Delete asks first (a non-modal message box) and removes the secret from the keychain.
 * Test obtains the secret (see obtainConnectionSecret) and shows the result below the list.
 *
 * Connecting is the owner's business: connectRequested() hands over the profile; the owner obtains the
 * secret (obtainConnectionSecret) and opens the Session.
 */
class ConnectionList final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionList)
public:
    /** store is required; keychain and sessionSecrets may be null (secrets then are neither kept nor read). */
    ConnectionList(ConnectionStore *store, SecretStore *keychain, MemorySecretStore *sessionSecrets,
                   QWidget *parent = nullptr);
    ~ConnectionList() override;

    QTreeView *view() const { return m_view; }
    ConnectionListModel *model() const { return m_model; }

    QAction *newAction() const { return m_newAction; }
    QAction *editAction() const { return m_editAction; }
    QAction *deleteAction() const { return m_deleteAction; }
    QAction *testAction() const { return m_testAction; }
    QAction *connectAction() const { return m_connectAction; }

    /** The selected profile (nullopt when a group row or nothing is current). */
    std::optional<ConnectionProfile> currentProfile() const;
    /** Makes this profile current (and selected); false if there is none with this id. */
    bool setCurrentProfile(const QString &id);

    /** The add/edit dialog or delete confirmation open right now, if any (for tests and for focus). */
    ConnectionDialog *openDialog() const { return m_dialog; }
    QMessageBox *openConfirmation() const { return m_confirmation; }
    /** Marks the connection on screen in the list (bold); empty: none. */
    void setActiveConnection(const QString &id);
    /** Lists a connection that has no profile (opened from the command line); activating it emits sessionRequested(). */
    void addCommandLineConnection(const QString &id, const QString &name);
    /** The text under the list (test results, errors). */
    QString statusText() const;
    /**
     * Asks for the MFA code when Test (here or in the add/edit dialog) assumes a role with mfa_serial, as
     * connecting does. Null: such a test fails saying that nothing can ask for the code.
     */
    void setMfaPrompter(std::shared_ptr<s3::MfaPrompter> prompter) { m_mfaPrompter = std::move(prompter); }

Q_SIGNALS:
    void connectRequested(const s3ui::ConnectionProfile &profile);
    /** A saved connection was edited and saved (an open session of it uses the old settings until reconnected). */
    void profileEdited(const s3ui::ConnectionProfile &profile);
    /** A connection that is already open and has no profile (command line) was chosen. */
    void sessionRequested(const QString &id);
    /** A Test action finished; message as shown under the list. */
    void testFinished(bool ok, const QString &message);

private:
    void newConnection();
    void editConnection();
    void deleteConnection();
    void testConnection();
    void connectCurrent();
    void handleActivated(const QModelIndex &index);
    void showContextMenu(const QPoint &position);
    void updateActions();
    void updateEmptyState();
    void setStatus(const QString &text);
    void showDialog(ConnectionDialog *dialog);

    QPointer<ConnectionStore> m_store;
    QPointer<SecretStore> m_keychain;
    QPointer<MemorySecretStore> m_sessionSecrets;
    ConnectionListModel *m_model;
    QToolBar *m_toolBar;
    QTreeView *m_view;
    QWidget *m_emptyHint;
    QPushButton *m_connectButton;
    QLabel *m_statusLabel;
    ConnectionTester *m_tester;
    QAction *m_newAction;
    QAction *m_editAction;
    QAction *m_deleteAction;
    QAction *m_testAction;
    QAction *m_connectAction;
    QPointer<ConnectionDialog> m_dialog;
    QPointer<QMessageBox> m_confirmation;
    QString m_currentBeforeReset;
    std::shared_ptr<s3::MfaPrompter> m_mfaPrompter;
};

} // namespace s3ui
