// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <memory>

#include <QMainWindow>
#include <QPointer>

#include "connection/session.h"

class QDockWidget;
class QListView;
class QMessageBox;
class QSettings;

namespace s3ui {

class BrowserView;
class BucketListModel;
class ConnectionList;
class ConnectionProfile;
class ConnectionStore;
class MemorySecretStore;
class SecretStore;
class TransferListModel;
class TransferPanel;
class TransferStatusWidget;

/** What the main window is built from (composed once by the application; nothing global). */
struct MainWindowDependencies
{
    QSettings *settings = nullptr;          ///< window geometry, last locations (no secrets, ever)
    ConnectionStore *connections = nullptr; ///< saved connections + AWS profiles (may be null: no list)
    SecretStore *keychain = nullptr;        ///< may be null or unavailable: secrets are then asked each time
    MemorySecretStore *sessionSecrets = nullptr;
    QString stateDir;                       ///< transfer queues of the connections (unfinished transfers)
};

/**
 * The main window: connections and buckets on the left, the object browser in the middle, the transfers
 * dock at the bottom, a status bar with the transfer summary. Owns the open sessions (one per connection,
 * kept open while the window lives so their transfers go on when another connection is browsed).
 * Closing with active transfers asks first; unfinished transfers are saved and come back paused.
 * Geometry, dock layout and the last location per connection are restored.
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(MainWindowDependencies dependencies, QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Opens (or switches to) a connection and shows its start bucket/prefix or the last location. */
    bool openSession(SessionConfig config);
    Session *currentSession() const { return m_current; }

    BrowserView *browser() const { return m_browser; }
    BucketListModel *buckets() const { return m_buckets; }
    QListView *bucketView() const { return m_bucketView; }
    TransferListModel *transfers() const { return m_transferModel; }
    TransferPanel *transferPanel() const { return m_transferPanel; }
    ConnectionList *connectionList() const { return m_connectionList; }
    /** The message of the last error shown (for tests). */
    QString lastError() const { return m_lastError; }

    /** Shows an error in the status bar and a non-modal message box (one at a time). */
    void showError(const QString &message);

Q_SIGNALS:
    void sessionOpened(s3ui::Session *session);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createMenus();
    void connectProfile(const ConnectionProfile &profile);
    void setCurrentSession(Session *session);
    void openPresign(const QString &bucket, const QString &key);
    void openProperties(const QString &bucket, const QString &key);
    void openIncompleteUploads(const QString &bucket);
    void askNewBucket();
    void askDeleteBucket();
    void saveLocation();
    /** The problems of a restored transfer queue file: one non-modal notice, once the window is on screen. */
    void showRestoreProblems(const QString &connection, const QStringList &problems);
    void flushRestoreProblems();

    MainWindowDependencies m_deps;
    std::map<QString, std::unique_ptr<Session>> m_sessions;
    QPointer<Session> m_current;
    BrowserView *m_browser;
    BucketListModel *m_buckets;
    QListView *m_bucketView;
    ConnectionList *m_connectionList = nullptr;
    TransferListModel *m_transferModel;
    TransferPanel *m_transferPanel;
    QDockWidget *m_transferDock;
    TransferStatusWidget *m_transferStatus;
    QString m_lastError;
    QPointer<QMessageBox> m_errorBox;
    QPointer<QMessageBox> m_restoreBox;
    QStringList m_pendingRestoreProblems; // found before the window was shown
    bool m_quitConfirmed = false;
};

} // namespace s3ui
