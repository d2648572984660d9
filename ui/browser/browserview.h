// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QList>
#include <QPointer>
#include <QSet>
#include <QUrl>
#include <QWidget>

#include "browser/downloadplan.h"
#include "browser/jobsequence.h"
#include "browser/uploadplanner.h"
#include "s3core/s3error.h"
#include "s3core/ssecustomerkey.h"
#include "s3core/transfer/transfertypes.h"

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QMimeData;
class QSplitter;
class QTableView;
class QToolBar;

namespace s3 {
class MovePrefixJob;
} // namespace s3

namespace s3ui {

class BreadcrumbBar;
class DownloadTargets;
class DragOutBatch;
class DragOutStager;
class ObjectListModel;
class OpenEditController;
class QuickLookController;
class QuickLookPane;
class SearchBar;
class Session;
class SseKeyController;
class EncryptionColumnLoader;
class VersionsView;
// PlannedUpload, PlannedFolder, UploadJobs: browser/uploadplanner.h

/**
 * The object browser of one bucket: toolbar (back, forward, up, refresh), breadcrumb bar, type-to-filter
 * field, and the table of the current prefix (folders first; sortable; lazily paged: see ObjectListModel),
 * with file-manager actions and shortcuts: Enter opens (a folder; a file in its program), Backspace/Alt+Up goes up, F5 refreshes, F2 renames,
 * Del deletes (asks first, with the count), Ctrl+Shift+C copies a presigned link, Alt+Enter shows properties,
 * Space opens and closes Quick look (a pane beside the table that follows the selection; Esc closes it too).
 *
 * Drops of local files/folders become uploads (conflicts asked: overwrite, skip, keep both); objects dragged
 * onto a folder row or a breadcrumb level are moved there server-side; downloads ask the same question when the
 * local file or folder exists or another unfinished download writes there. Every network call is asynchronous;
 * failures are reported through errorOccurred() with the S3 code.
 */
class BrowserView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrowserView)
public:
    /** A place in the Back/Forward history: bucket and prefix ("" or ending in '/'). */
    struct Location
    {
        QString bucket;
        QString prefix;
        friend bool operator==(const Location &, const Location &) = default;
    };

    explicit BrowserView(QWidget *parent = nullptr);
    ~BrowserView() override;

    /** The connection to browse (null: nothing). Does not take ownership. */
    void setSession(Session *session);
    Session *session() const { return m_session; }

    /** Opens bucket/prefix ("" or ending in '/'), recording it in the history. */
    void openLocation(const QString &bucket, const QString &prefix);
    QString bucket() const;
    QString prefix() const;

    /**
     * Drops a bucket that is gone from Back/Forward; leaves it for the bucket list when it is on screen.
     */
    void forgetBucket(const QString &bucket);
    /** What a failed listing means and what to do (AccessDenied, NoSuchBucket, the rest). */
    static QString describeListingError(const QString &bucket, const QString &prefix, const s3::S3Error &error);
    /** The inline message of a failed listing (hidden otherwise). */
    QLabel *listingError() const { return m_listingError; }
    /** Back/Forward history (for tests): the locations and the index of the current one. */
    QStringList historyLocations() const;
    int historyIndex() const { return m_historyIndex; }
    /** The Back/Forward history itself (a tab keeps it while another tab is on screen). */
    QList<Location> history() const { return m_history; }
    /**
     * Puts a kept history back and shows its location at `index`, which is not recorded again: Back and Forward
     * go on from there. An empty history (or an index outside it) shows no bucket.
     */
    void restoreHistory(const QList<Location> &history, int index);
    /** The drag's connection (Session::id()) next to the objects, so a drop elsewhere knows whose keys they are. */
    static QString connectionMimeType();

    ObjectListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    BreadcrumbBar *breadcrumbs() const { return m_breadcrumbs; }
    QLineEdit *filterField() const { return m_filter; }
    /**
     * The count of the folder on screen ("31 items", "31 of 3,000 items" while filtered; empty without a bucket).
     * Under the list until a window puts it in its status bar (MainWindow does: one status area).
     */
    QLabel *statusLabel() const { return m_status; }

    /** Keys selected (folders end with '/'). */
    QStringList selectedKeys() const;
    /** Selects the row with this name (relative to the prefix); false when it is not loaded. */
    bool selectName(const QString &name);
    /**
     * Opens bucket/prefix and selects the object `name` in it as soon as its row is listed (an s3:// link to a
     * file). Says so in the status when the listing ends without it. Navigating elsewhere forgets the wish.
     */
    void revealName(const QString &bucket, const QString &prefix, const QString &name);

    // Actions (also in the context menu and the main window's menus).
    QAction *backAction() const { return m_back; }
    QAction *forwardAction() const { return m_forward; }
    QAction *upAction() const { return m_up; }
    QAction *refreshAction() const { return m_refresh; }
    /** Enter: a folder is entered; a file is opened in the system's program (a read-only copy, OpenEditController). */
    QAction *openAction() const { return m_open; }
    /** Open with…: a program the user chooses; Edit: a writable copy in the system's program, offered for upload when it changes. */
    QAction *openWithAction() const { return m_openWith; }
    QAction *editAction() const { return m_edit; }
    OpenEditController *openEditController() const { return m_openEdit; }
    QAction *downloadAction() const { return m_download; }
    QAction *uploadFilesAction() const { return m_uploadFiles; }
    QAction *uploadFolderAction() const { return m_uploadFolder; }
    QAction *newFolderAction() const { return m_newFolder; }
    QAction *renameAction() const { return m_rename; }
    QAction *deleteAction() const { return m_delete; }
    /** Keys per listing page of the delete prompt's walk (tests: small pages, so the walk can be seen and cancelled). */
    void setCountPageSize(int keys) { m_countPageSize = keys; }
    QAction *presignAction() const { return m_presign; }
    QAction *propertiesAction() const { return m_properties; }
    QAction *incompleteUploadsAction() const { return m_incomplete; }
    /** An action of another part of the window offered in the context menu of a folder row (Add folder to favourites). */
    void addFolderMenuAction(QAction *action) { m_folderMenuActions.append(action); }
    /** Synchronize…: a local folder with the selected folder, else the current prefix (SyncDialog, SyncController). */
    QAction *syncAction() const { return m_sync; }
    QAction *makePublicAction() const { return m_makePublic; }
    QAction *makePrivateAction() const { return m_makePrivate; }
    /** Copy s3:// URI and Copy key: the selected rows, one per line (folders end with '/'). */
    QAction *copyUriAction() const { return m_copyUri; }
    QAction *copyKeyAction() const { return m_copyKey; }
    QAction *changeStorageClassAction() const { return m_changeStorageClass; }
    /** Restore… of archived objects (enabled when every selected item is a file in GLACIER or DEEP_ARCHIVE). */
    QAction *restoreAction() const { return m_restore; }
    /** Ctrl+L: the typed location bar (s3://bucket/prefix/), in place of the breadcrumbs until Enter or Escape. */
    QAction *goToAction() const { return m_goTo; }
    QLineEdit *locationEdit() const { return m_locationEdit; }
    /** Shows the versions and delete markers of the current folder instead of its objects (checkable). */
    QAction *showVersionsAction() const { return m_showVersions; }
    VersionsView *versionsView() const { return m_versions; }
    /** Space: Quick look of the current file, in a pane beside the table (checkable; Space or Esc closes it). */
    QAction *quickLookAction() const { return m_quickLook; }
    QuickLookPane *quickLookPane() const { return m_quickLookPane; }
    QuickLookController *quickLookController() const { return m_quickLookController; }
    /**
     * Find… (Ctrl+F): the search bar for every folder below the current one; its matches replace the folder's rows
     * while it is open (see ObjectListModel::startSearch()), Esc or navigating returns to the folder.
     */
    QAction *findAction() const { return m_find; }
    SearchBar *searchBar() const { return m_searchBar; }
    /** Show in folder: opens the selected search result's folder and selects it there. */
    QAction *revealAction() const { return m_reveal; }
    /** Opens the folder of `key` and selects the key's row as soon as the listing has it. */
    void revealKey(const QString &key);

    /** Uploads local files/folders into `prefix` (conflicts asked). Used by drops and the Upload actions. */
    void uploadPaths(const QStringList &localPaths, const QString &prefix);
    /**
     * Downloads the keys (folders recursively) into a local folder. When a target exists, or another unfinished
     * download writes there (localTargetInUse()), the user is asked once: overwrite, skip, keep both.
     */
    void downloadKeys(const QStringList &keys, const QString &localDir);
    /** Another unfinished download of this connection writes to `path` or below it (the one check, see DownloadTargets). */
    bool localTargetInUse(const QString &path) const;
    /** Server-side move of keys (folders recursively) into `targetPrefix` of the same bucket. */
    void moveKeys(const QStringList &keys, const QString &targetPrefix);
    /** Renames one key (file or folder) to a new name in the same prefix. */
    void renameKey(const QString &key, const QString &newName);
    /** Deletes keys (folders recursively, batched) without asking (the Delete action asks first). */
    /** objects: what the prompt counted (-1: unknown), for the status text. */
    void deleteKeys(const QStringList &keys, qint64 objects = -1);
    /** Asks, then gives the selected objects (folders: everything in them) the canned ACL. */
    void askSetAcl(const QString &cannedAcl);
    void setAcl(const QStringList &keys, const QString &cannedAcl);
    /** Asks for a storage class, then confirms (naming the count) and changes the selected objects to it. */
    void askStorageClass();
    void confirmStorageClass(const QStringList &keys, const QString &storageClass);
    /** Copies each object (folders: everything in them) onto itself in `storageClass`, without asking. */
    void changeStorageClass(const QStringList &keys, const QString &storageClass);
    /** Asks for days and tier, then asks S3 to restore the selected archived files (RestoreObject each). */
    void askRestore();
    void restoreKeys(const QStringList &keys, int days, const QString &tier);
    /** Creates a folder marker "prefix/name/"; a nested name "a/b" makes "prefix/a/b/" (listed as a/). */
    void createFolder(const QString &name);
    /**
     * Drag out to a file manager: a batch for the files among `keys` (folders are skipped; at most DragOutMaxBytes
     * in all), not started: nothing downloads until the drag leaves the application's windows (dragLeftWindow()).
     * Null when the selection cannot be dragged out (then Download… is the way).
     */
    DragOutBatch *prepareDragOut(const QStringList &keys);
    /** The drag's data: the objects (for moves inside S3Desk) and the batch's lazily produced text/uri-list. */
    QMimeData *dragMimeData(const QStringList &keys, DragOutBatch *batch) const;
    /** The drag left the windows: the batch's files start downloading into the staging folder. */
    void dragLeftWindow(DragOutBatch *batch);
    /** The drag ended: dropped inside S3Desk or abandoned -> the batch's unfinished downloads are cancelled. */
    void dragEnded(DragOutBatch *batch, bool droppedOutside);
    DragOutStager *dragOutStager() const { return m_dragOut; }
    /** Asks for the SSE-C key when a download or a move of an encrypted object needs it (see SseKeyController). */
    SseKeyController *sseKeyController() const { return m_sseKeys; }
    EncryptionColumnLoader *encryptionColumnLoader() const { return m_encryptionLoader; }
    /** Shows or hides an optional column of the object list (as its header menu does). */
    void setColumnShown(int column, bool shown);
    static constexpr qint64 DragOutMaxBytes = 64ll * 1024 * 1024;
    /** After an outside drop, how long the drop target has to ask for the data before the left-out files are reported. */
    static constexpr int DropReportDelayMs = 1500;
    /** The filter applies this long after the last key press. */
    static constexpr int FilterDelayMs = 150;

    /**
     * Default folder for downloads and upload file choosers: the last one used. localFolder() is a folder that
     * exists when asked: the last used, else the download folder (XDG), else home (see existingFolder()).
     */
    void setLocalFolder(const QString &folder) { m_localFolder = folder; }
    QString localFolder() const;
    /** The first of `candidates` that is an existing folder; the last one when none is. */
    static QString existingFolder(const QStringList &candidates);
    /**
     * Whether an upload or a download whose target exists asks first (Overwrite / Skip / Keep both; the default)
     * or replaces it without asking (the Preferences).
     */
    void setConfirmOverwrite(bool ask) { m_confirmOverwrite = ask; }
    bool confirmOverwrite() const { return m_confirmOverwrite; }

Q_SIGNALS:
    void locationChanged(const QString &bucket, const QString &prefix);
    void presignRequested(const QString &bucket, const QString &key);
    void propertiesRequested(const QString &bucket, const QString &key);
    /** Properties on a folder row: its total size and object count (walked by the dialog). */
    void folderPropertiesRequested(const QString &bucket, const QString &prefix);
    void incompleteUploadsRequested(const QString &bucket);
    /** A failure the user must see (names the S3 code or the local cause and what to do). */
    void errorOccurred(const QString &message);
    /** Progress of an operation for the status bar. */
    void statusMessage(const QString &message);
    /** An operation (move, rename, delete, new folder) finished; the view has been refreshed. */
    void operationFinished(const QString &what, bool ok);
    /** Uploads were handed to the transfer engine. */
    void uploadsQueued(int count);
    /**
     * "3 uploads queued", "2 downloads queued": for the status bar until those transfers are over (not a timed
     * statusMessage(), which said "queued" after they were done, or vanished before they started).
     */
    void transfersQueued(const QString &message);
    /**
     * Items an upload or a download left out (a key with no safe local name, an unreadable file, a link to a
     * folder), with why; emitted once per action when it is decided, with a summary in errorOccurred().
     */
    void itemsRefused(s3::TransferDirection direction, const QString &bucket, const QList<s3ui::RefusedKey> &refused);

private:
    void createActions();
    void createQuickLook();
    void createSearch();
    /** Leaves search mode: the bar closes and the folder's own listing comes back. */
    void closeSearch();
    void selectPendingReveal();
    /** Quick look follows the current row: a file is shown, anything else says why not. */
    void quickLookCurrent();
    void createCopyActions();
    void updateCopyActions(const QStringList &keys);
    void copySelected(bool asUri);
    void openTypedLocation();
    void closeLocationBar();
    void navigate(const Location &location, bool record);
    void updateActions();
    void updateStatus();
    void activate(const QModelIndex &index);
    void showContextMenu(const QPoint &position);
    void askDelete();
    void askRename();
    void askNewFolder();
    /** Why `newName` cannot replace the name of `key` (NameDialog and renameKey() alike), or empty. */
    QString renameProblem(const QString &key, const QString &newName, bool folder) const;
    /** Why `name` (may be nested: "a/b") cannot be a new folder here, or empty. */
    QString newFolderProblem(const QString &name) const;
    void chooseDownloadFolder();
    void chooseUploadFiles();
    void chooseUploadFolder();
    /** The planner's results, kept after it is gone (implicitly shared lists: no copy). */
    struct PlannedUploads
    {
        QString bucket;
        QList<PlannedUpload> uploads;
        QList<int> conflicts;
        QSet<QString> existing;
        QList<PlannedFolder> folders;
    };
    /** Applies `choice` and groups per folder on a worker thread, then enqueueUploadJobs() on this one. */
    void enqueueUploads(PlannedUploads planned, ConflictChoice choice);
    void enqueueUploadJobs(const QString &bucketName, UploadJobs jobs);
    void enqueueDownloads(const QString &bucket, const QList<PlannedDownload> &downloads, ConflictChoice choice,
                          QList<RefusedKey> refused);
    void handleFolderListed(const QString &bucket, const QString &prefix, int queued, const QStringList &refusedKeys,
                            const s3::S3Error &error);
    void reportRefused(s3::TransferDirection direction, const QString &bucket, const QString &what, int queued,
                       const QList<RefusedKey> &refused, const QStringList &errors);
    /** Ends an operation: status or error, refresh, operationFinished(); `note` follows the status (what goes on). */
    void reportJob(const QString &what, const s3::S3Error &error, const QString &note = {});
    /** Runs the steps one after the other; the status bar says `what`, reportJob() ends it. */
    void runSequence(const QString &what, std::vector<JobSequence::Step> steps);
    /**
     * Server-side move of a file or a folder (prefix) in `bucket`; null when there is nothing to do. A file moves
     * with sseKey (when not null) as its source's customer key and the copy's, so it stays encrypted alike.
     */
    s3::Job *makeMoveJob(const QString &bucket, const QString &key, const QString &target, QObject *parent,
                         const s3::SseCustomerKey &sseKey = {}) const;
    struct PlannedMove
    {
        QString bucket;
        QString key;
        QString target;
    };
    /** Puts the moves of files above the single-copy size into the transfer queue; returns the others. */
    QList<PlannedMove> queueLargeMoves(const QList<PlannedMove> &moves, const s3::SseCustomerKey &sseKey);
    /**
     * The objects of a folder move above the single-copy size go to the transfer queue as moves of their own,
     * counted in *queued (MovePrefixJob::setHandOff()).
     */
    void queueLargeObjectsOf(s3::MovePrefixJob *job, const QString &bucket, const std::shared_ptr<qint64> &queued) const;
    /**
     * Runs the moves one after the other (runSequence()); files that failed for want of their SSE-C key are asked
     * for it (SseKeyController) and moved again with it; Cancel reports the failure.
     */
    void runMoves(const QString &what, const QList<PlannedMove> &moves, const s3::SseCustomerKey &sseKey);
    void handleDrop(const QMimeData *mime, const QString &targetPrefix, bool &accepted);

    friend class ObjectTableView;

    QPointer<Session> m_session;
    ObjectListModel *m_model;
    QTableView *m_view;
    BreadcrumbBar *m_breadcrumbs;
    QLineEdit *m_filter;
    QLabel *m_status;
    QLabel *m_listingError = nullptr;
    QToolBar *m_toolbar;
    QList<Location> m_history;
    int m_historyIndex = -1;
    QString m_localFolder;
    int m_operationsRunning = 0;
    bool m_confirmOverwrite = true;
    int m_countPageSize = 0; ///< keys per page of the delete prompt's walk (0: the server's 1000)
    QString m_pendingReveal; ///< revealName(): the name to select once listed
    void trySelectPendingReveal();
    DragOutStager *m_dragOut;
    DownloadTargets *m_downloadTargets;
    SseKeyController *m_sseKeys;
    EncryptionColumnLoader *m_encryptionLoader = nullptr;
    /** A Download… with folders: its summary waits for the listings of its folders. */
    struct DownloadAction
    {
        QString bucket;
        QStringList pendingFolders; // prefixes still listing
        int queued = 0;
        QList<RefusedKey> refused;
        QStringList errors;
    };
    QList<DownloadAction> m_downloadActions;

    QAction *m_back = nullptr;
    QAction *m_forward = nullptr;
    QAction *m_up = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_open = nullptr;
    QAction *m_openWith = nullptr;
    QAction *m_edit = nullptr;
    OpenEditController *m_openEdit = nullptr;
    QAction *m_download = nullptr;
    QAction *m_uploadFiles = nullptr;
    QAction *m_uploadFolder = nullptr;
    QAction *m_newFolder = nullptr;
    QAction *m_rename = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_presign = nullptr;
    QAction *m_properties = nullptr;
    QAction *m_incomplete = nullptr;
    QList<QPointer<QAction>> m_folderMenuActions;
    QAction *m_sync = nullptr;
    QAction *m_makePublic = nullptr;
    QAction *m_makePrivate = nullptr;
    QAction *m_copyUri = nullptr;
    QAction *m_copyKey = nullptr;
    QAction *m_changeStorageClass = nullptr;
    QAction *m_restore = nullptr;
    QAction *m_goTo = nullptr;
    QLineEdit *m_locationEdit = nullptr;
    QAction *m_showVersions = nullptr;
    VersionsView *m_versions = nullptr;
    QSplitter *m_split = nullptr; ///< the table and the Quick look pane
    QAction *m_quickLook = nullptr;
    QAction *m_closeQuickLook = nullptr;
    QuickLookPane *m_quickLookPane = nullptr;
    QuickLookController *m_quickLookController = nullptr;
    QAction *m_find = nullptr;
    QAction *m_reveal = nullptr;
    SearchBar *m_searchBar = nullptr;
};

} // namespace s3ui
