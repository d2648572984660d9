// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>
#include <QUrl>

#include "browser/s3location.h"
#include "connection/session.h"
#include "dialogs/preferencesdialog.h"
#include "dialogs/ssosignindialog.h"

class QAction;
class QDockWidget;
class QLabel;
class QListView;
class QMessageBox;
class QSettings;
class QTimer;

namespace s3ui {

class BrowserView;
class BrowserTabBar;
class BucketListModel;
class ConnectionList;
class ConnectionProfile;
class ConnectionStore;
class CredentialsStatusWidget;
class FavouritesController;
class GuiMfaPrompter;
class MemorySecretStore;
class SecretStore;
class TransferListModel;
class TransferPanel;
class TransferStatusWidget;
class BandwidthLimitController;
class PreferencesController;
class QueuedTransfersMessage;
class TabsController;

/** What the main window is built from (composed once by the application; nothing global). */
struct MainWindowDependencies
{
    QSettings *settings = nullptr;          ///< window geometry, last locations (no secrets, ever)
    ConnectionStore *connections = nullptr; ///< saved connections + AWS profiles (may be null: no list)
    SecretStore *keychain = nullptr;        ///< may be null or unavailable: secrets are then asked each time
    MemorySecretStore *sessionSecrets = nullptr;
    QString stateDir;                       ///< transfer queues of the connections (unfinished transfers)
    /** Opens a web address (the IAM Identity Center sign-in page); empty: QDesktopServices::openUrl. */
    std::function<bool(const QUrl &)> openUrl;
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
    /**
     * Connects to the connection that was on screen last time (a saved one or an AWS profile; the secret is
     * obtained as for Connect). False when there is none to reopen or a connection is open already.
     */
    bool reopenLastConnection();
    /**
     * Opens an s3:// link (the command line, the desktop's x-scheme-handler/s3): in the connection on screen,
     * else in the one that was on screen last time (reopened for it). A link to a file selects it in its
     * folder. With no connection to open it in, says so (showError) and returns false.
     */
    bool openS3Url(const S3UrlTarget &target);
    /** The next connection that opens starts at this link instead of its remembered location (command line). */
    void setStartLocation(const S3UrlTarget &target) { m_startLocation = target; }
    /** The status bar's "connection: s3://bucket/prefix/" (for tests). */
    QLabel *locationStatus() const { return m_locationStatus; }

    /** The browser of the current tab (one view shows the tab on screen; the others are kept by tabs()). */
    BrowserView *browser() const { return m_browser; }
    /** The tabs: Ctrl+T opens one at the same place, Ctrl+W closes it, Ctrl+Tab / Ctrl+PgDown switch. */
    TabsController *tabs() const { return m_tabs; }
    QAction *newTabAction() const;
    QAction *closeTabAction() const;
    BucketListModel *buckets() const { return m_buckets; }
    QListView *bucketView() const { return m_bucketView; }
    TransferListModel *transfers() const { return m_transferModel; }
    TransferPanel *transferPanel() const { return m_transferPanel; }
    ConnectionList *connectionList() const { return m_connectionList; }
    /** The favourites pane and its actions (null without a connection store: nothing to bookmark then). */
    FavouritesController *favourites() const { return m_favourites; }
    /** Connects as the connection list does: the secret from the keychain or a prompt, then openSession(). */
    void connectProfile(const ConnectionProfile &profile);
    /** Asks for MFA codes of assumed roles, in dialogs on this window (shared with the connections it opens). */
    const std::shared_ptr<GuiMfaPrompter> &mfaPrompter() const { return m_mfaPrompter; }
    /** The message of the last error shown (for tests). */
    QString lastError() const { return m_lastError; }

    /** Shows an error in the status bar and a non-modal message box (one at a time). */
    void showError(const QString &message);
    /** showError() with a "Sign in…" button: the connection's IAM Identity Center token is missing or expired. */
    void offerSignIn(const QString &message);
    /**
     * showError() for a connection the server refused, with the way forward in the same box: "Edit connection…"
     * (saved connections) and "Enter secret again…" (connections with an access key) reconnect with the fix.
     */
    void offerConnectionFix(const QString &message, const s3::S3Error &error);
    /** Opens the IAM Identity Center sign-in for the current connection's profile (non-modal). */
    void startSignIn();
    CredentialsStatusWidget *credentialsStatus() const { return m_credentialsStatus; }
    SsoSignInDialog *signInDialog() const { return m_signInDialog; }
    QMessageBox *errorBox() const { return m_errorBox; }
    /** Help > About S3Desk (one box; a second call raises it). */
    void showAbout();
    QMessageBox *aboutBox() const { return m_aboutBox; }
    QDockWidget *transferDock() const { return m_transferDock; }
    /** Settings > Preferences… (one dialog; a second call raises it). */
    void showPreferences();
    PreferencesDialog *preferencesDialog() const { return m_preferencesDialog; }
    PreferencesController *preferences() const { return m_preferences; }
    /** The transfers dock hides this long after the last transfer of a batch ended (none failed). */
    static constexpr int TransferDockHideDelayMs = 1500;

Q_SIGNALS:
    void sessionOpened(s3ui::Session *session);

protected:
    void closeEvent(QCloseEvent *event) override;
    /** A non-modal Quit / Cancel (the default) prompt; Quit sets *confirmed and closes the window again. Not yet shown. */
    QMessageBox *askBeforeQuitting(const QString &objectName, const QString &title, const QString &text,
                                   const QString &informativeText, bool *confirmed);
    void showEvent(QShowEvent *event) override;

private:
    void createMenus();
    void setCurrentSession(Session *session);
    void openPresign(const QString &bucket, const QString &key);
    void openProperties(const QString &bucket, const QString &key);
    void openFolderProperties(const QString &bucket, const QString &prefix);
    void openIncompleteUploads(const QString &bucket);
    /** Versioning status and switch of the bucket on screen. */
    void openBucketVersioning();
    void askNewBucket();
    /** Why `name` cannot be a new bucket (naming rules, one of the buckets listed), or empty. */
    QString newBucketProblem(const QString &name) const;
    void askDeleteBucket();
    /** The delete prompt of a bucket: its real content count, and "Delete its contents too" (checked or not). */
    void promptDeleteBucket(const QString &bucket, bool withContents);
    void deleteEmptyBucket(const QString &bucket);
    void deleteBucketWithContents(const QString &bucket);
    void bucketDeleted(const QString &bucket);
    void saveLocation();
    /** Shows the tab's connection and place (connecting to a saved connection that is not open yet). */
    void showTab(int index);
    /** The current tab keeps what is on screen: its connection and Back/Forward history. */
    void syncCurrentTab();
    void connectTabs();
    /** Closes an open connection (its unfinished transfers are saved and come back paused). */
    void closeSession(const QString &id);
    /** The connection's remembered location is dropped when it is in this bucket (deleted, or gone). */
    void forgetLocation(const QString &bucket);
    /** The window title and the status bar's location: connection, bucket and prefix, never stale. */
    void updateLocationDisplay();
    /** The problems of a restored transfer queue file: one non-modal notice, once the window is on screen. */
    void showRestoreProblems(const QString &connection, const QStringList &problems);
    void flushRestoreProblems();
    void setUpTransferDockHiding();
    /** A batch starts (shows the dock) or ends (hides it a moment later unless something failed). */
    void updateTransferDock();

    MainWindowDependencies m_deps;
    std::map<QString, std::unique_ptr<Session>> m_sessions;
    QPointer<Session> m_current;
    BrowserView *m_browser;
    BrowserTabBar *m_tabBar;
    TabsController *m_tabs;
    bool m_showingTab = false; // a tab's state is being put on screen: not a navigation of the current tab
    BucketListModel *m_buckets;
    QListView *m_bucketView;
    ConnectionList *m_connectionList = nullptr;
    FavouritesController *m_favourites = nullptr;
    TransferListModel *m_transferModel;
    TransferPanel *m_transferPanel;
    QDockWidget *m_transferDock;
    TransferStatusWidget *m_transferStatus;
    BandwidthLimitController *m_bandwidth; // the limits, kept in m_deps.settings, applied to every session's engine
    PreferencesController *m_preferences;  // the same for the other transfer preferences, and the browser's
    QPointer<PreferencesDialog> m_preferencesDialog;
    QueuedTransfersMessage *m_queuedMessage = nullptr;
    CredentialsStatusWidget *m_credentialsStatus;
    QLabel *m_locationStatus = nullptr;
    QString m_restoredBucket; // the remembered location just opened, until its first page or its failure
    std::optional<S3UrlTarget> m_startLocation; // an s3:// link waiting for its connection to open
    QPointer<SsoSignInDialog> m_signInDialog;
    std::shared_ptr<GuiMfaPrompter> m_mfaPrompter;
    QString m_lastError;
    QPointer<QMessageBox> m_errorBox;
    QPointer<QMessageBox> m_restoreBox;
    QStringList m_pendingRestoreProblems; // found before the window was shown
    bool m_quitConfirmed = false;
    bool m_unsentEditsConfirmed = false;
    QPointer<QMessageBox> m_aboutBox;
    QAction *m_newBucketAction = nullptr;
    QTimer *m_dockHideTimer = nullptr;
    bool m_transfersBusy = false;
    int m_failedAtBatchStart = 0;
};

} // namespace s3ui
