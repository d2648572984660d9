// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <map>

#include <QFileSystemWatcher>
#include <QMessageBox> // complete: signals carry QMessageBox * (Qt 6 meta types of pointers need the type)
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include "browser/editfiles.h"
#include "s3core/s3error.h"
#include "s3core/ssecustomerkey.h"
#include "s3core/transfer/transfertypes.h"
#include "s3core/types.h"

class QWidget;

namespace s3 {
class TransferEngine;
}

namespace s3ui {

class Session;
class SseKeyController;

/**
 * Open, Open with… and Edit of an object in a program of the system (the browser's widget shows the actions, this
 * acts). Each object opened gets a private folder, CacheLocation/s3desk-edit/<random>/ (0700), holding one file
 * named by editfiles::localName() (never a path outside that folder, whatever the key). The object is looked at
 * first (HEAD: its ETag, content type and metadata; the SSE-C key asked through the browser's SseKeyController
 * when it needs one), then downloaded through the session's transfer engine (a DownloadTask: progress in the
 * transfers panel), then handed to the system's handler (QDesktopServices::openUrl) or, for Open with…, to the
 * program the user chose (QProcess::startDetached; Qt cannot list the handlers of a type). Open gives a read-only
 * copy (0400), Edit and Open with… a writable one; both are watched.
 *
 * A watched file (QFileSystemWatcher; the file again after an editor replaced it by rename, and its folder) that
 * changed (editfiles::decideChange(), after a quiet debounce) is offered for upload: a non-modal prompt, Upload
 * or Ignore. Upload first HEADs the object: an ETag other than the one it had when opened (someone changed it on
 * the server) asks Overwrite / Save as copy (editfiles::copyKey(), beside it) / Cancel. The upload goes through
 * the transfer queue with the object's content type, metadata, storage class and encryption (SSE-C with the key
 * it was opened with); its new ETag (HEAD again) is the base of the next conflict check.
 *
 * The folders are removed when this object is destroyed (the app quits), except those with a change not uploaded
 * (being offered, checked, asked about or uploaded, or changed and ignored): those are kept and their paths
 * logged, so nothing the user typed is lost. One state machine per opened object: State and moveTo().
 */
class OpenEditController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpenEditController)
public:
    enum class Mode { Open, OpenWith, Edit };
    enum class State {
        Heading,        ///< HEAD before the download (ETag, content type, metadata)
        Downloading,    ///< the engine's download runs
        Watching,       ///< opened; the file is watched
        Offering,       ///< the file changed: Upload / Ignore asked
        Checking,       ///< HEAD before the upload (the conflict check)
        AskingConflict, ///< the object changed on the server: Overwrite / Save as copy / Cancel asked
        Uploading,      ///< the engine's upload runs
        Refreshing,     ///< HEAD after the upload: the new ETag
    };

    /** Prompts open non-modal over dialogParent (also this object's parent). sseKeys: asks for SSE-C keys. */
    OpenEditController(QWidget *dialogParent, SseKeyController *sseKeys);
    ~OpenEditController() override;

    /** The connection new objects are opened from (objects already open keep theirs). */
    void setSession(Session *session);

    /** Downloads the object into a private folder and opens it (Open, Edit: the system's handler). */
    void open(const QString &bucket, const QString &key, Mode mode);
    /** Asks for a program (a file chooser, non-modal), then opens the object with it. */
    void openWith(const QString &bucket, const QString &key);
    /** Open with… the program (an executable), without asking. */
    void openWithProgram(const QString &bucket, const QString &key, const QString &program);

    /** Where the private folders are made: QStandardPaths::CacheLocation + "/s3desk-edit". */
    static QString tempRoot();
    /** The quiet time after the last change event before the file is looked at (editors write in steps). */
    void setDebounceMs(int ms) { m_debounce.setInterval(ms); }

    // For tests and the browser.
    int openCount() const { return int(m_entries.size()); }
    /** The local file of an opened object (empty: not open). */
    QString localPath(const QString &bucket, const QString &key) const;
    /** Its state; false when the object is not open. */
    bool stateOf(const QString &bucket, const QString &key, State *state) const;
    /**
     * The opened objects (s3:// addresses) whose local file has a change not on the server: being offered, checked,
     * asked about or uploaded, or changed and ignored. Their folders outlive the app; the window asks before quitting.
     */
    QStringList pendingChanges() const;
    /** The ETag the next conflict check compares with. */
    QString openedEtag(const QString &bucket, const QString &key) const;

Q_SIGNALS:
    /** The file was downloaded and handed to its program. */
    void opened(const QString &bucket, const QString &key, const QString &localPath);
    /** The Upload / Ignore prompt is on screen (objectName "uploadBackPrompt"). */
    void uploadOffered(const QString &bucket, const QString &key, QMessageBox *prompt);
    /** The Overwrite / Save as copy / Cancel prompt is on screen (objectName "editConflictPrompt"). */
    void conflictAsked(const QString &bucket, const QString &key, QMessageBox *prompt);
    /** The upload back finished (key: the object written, the copy's key after Save as copy). */
    void uploadedBack(const QString &bucket, const QString &key);
    void statusMessage(const QString &message);
    void errorOccurred(const QString &message);

private:
    struct Entry
    {
        quint64 id = 0;
        QPointer<Session> session;
        QString bucket;
        QString key; ///< the object the edits go to (the copy's key after Save as copy)
        Mode mode = Mode::Open;
        QString program; ///< Open with…: the executable; empty: the system's handler
        QString folder;  ///< the private folder (removed at the end unless a change is pending)
        QString path;    ///< the file in it
        State state = State::Heading;
        s3::ObjectMetadata metadata; ///< of the object as opened (or as last uploaded)
        s3::SseCustomerKey sseKey;   ///< the key the HEAD and the download needed (null: none)
        QString uploadKey;           ///< the key the running upload writes
        QString serverEtag;          ///< the conflict check's answer: the ETag the object has now
        bool serverExists = true;    ///< ... or it was deleted
        editfiles::FileState baseline;  ///< the file as downloaded, or as last uploaded or ignored
        editfiles::FileState uploading; ///< the file as the running upload took it
        editfiles::FileState onServer;  ///< the file as the server has it (downloaded or uploaded)
        s3::TransferId transfer = 0;
        QPointer<QMessageBox> prompt;
        bool dirty = false; ///< a change event since the last look
    };
    using HeadDone = std::function<void(Entry &entry, const s3::S3Error &error, const s3::ObjectMetadata &metadata)>;

    /** The one transition: sets the state and does what entering it means. */
    void moveTo(Entry &entry, State state);
    void start(const QString &bucket, const QString &key, Mode mode, const QString &program);
    Entry *find(quint64 id);
    const Entry *find(const QString &bucket, const QString &key) const;
    /** HEAD of key for the entry, with its SSE-C key; a key error asks for the key and tries again. */
    void headObject(quint64 id, const QString &key, HeadDone done);
    void connectEngine(s3::TransferEngine *engine);
    void transferFinished(s3::TransferEngine *engine, const s3::TransferSnapshot &snapshot);
    void launch(Entry &entry);
    void watch(Entry &entry);
    void handlePathChanged(const QString &path);
    void lookAtChanges();
    void offerUpload(Entry &entry);
    void askConflict(Entry &entry);
    void startUpload(Entry &entry);
    /** The upload itself, with the tags the object has now (an upload replaces them: they are sent again). */
    void enqueueUpload(Entry &entry, const QList<s3::ObjectTag> &tags);
    /** The open failed: says why, removes its folder and forgets it. */
    void drop(quint64 id, const QString &message);
    /** A change the user typed is not on the server yet: its folder must outlive the app. */
    bool hasPendingChange(const Entry &entry) const;

    QWidget *m_dialogParent;
    QPointer<SseKeyController> m_sseKeys;
    QPointer<Session> m_session;
    std::map<quint64, Entry> m_entries;
    quint64 m_nextId = 1;
    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
    QList<QPointer<s3::TransferEngine>> m_engines; ///< engines whose taskFinished() is connected
    QString m_lastProgram;
};

} // namespace s3ui
