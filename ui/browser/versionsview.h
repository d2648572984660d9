// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QWidget>

#include "s3core/s3error.h"
#include "s3core/types.h"

class QAction;
class QMessageBox;
class QTableView;

namespace s3ui {

class Session;
class VersionListModel;

/**
 * The versions and delete markers of the browser's current folder (see VersionListModel: paged and lazy), with
 * what one does with a version: download it, copy a presigned link to it, look at its properties, restore it
 * (a server-side copy of that version over the current one; the versions stay), delete it permanently (asked
 * first, Cancel is the default) and undelete an object (remove its delete marker). Double-clicking a folder
 * opens it. Every request is asynchronous; failures go out through errorOccurred().
 */
class VersionsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VersionsView)
public:
    explicit VersionsView(QWidget *parent = nullptr);
    ~VersionsView() override;

    /** Lists prefix of bucket through the session's client (null session: nothing). */
    void setLocation(Session *session, const QString &bucket, const QString &prefix);
    void refresh();

    VersionListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    /** The selected version (empty key when a folder or nothing is selected). */
    s3::ObjectVersion currentVersion() const;
    bool selectVersion(const QString &key, const QString &versionId);

    QAction *downloadAction() const { return m_download; }
    QAction *presignAction() const { return m_presign; }
    QAction *propertiesAction() const { return m_properties; }
    QAction *restoreAction() const { return m_restore; }
    QAction *deleteAction() const { return m_delete; }
    QAction *undeleteAction() const { return m_undelete; }
    /** The question Delete permanently asks (open while it waits for the answer). */
    QMessageBox *pendingQuestion() const { return m_question; }

    /** Downloads the selected version into localDir (a new name when the file exists: nothing is overwritten). */
    void downloadCurrent(const QString &localDir);

Q_SIGNALS:
    void folderOpened(const QString &prefix);
    void errorOccurred(const QString &message);
    void statusMessage(const QString &message);
    /** A restore, delete or undelete finished (ok) and the list was refreshed. */
    void operationFinished(const QString &what, bool ok);

private:
    void updateActions();
    void showContextMenu(const QPoint &position);
    void chooseDownloadFolder();
    void openPresign();
    void showProperties();
    void restoreCurrent();
    void askDeleteCurrent();
    void deleteVersion(const s3::ObjectVersion &version, const QString &what);
    void finishOperation(const QString &what, const s3::S3Error &error);

    QPointer<Session> m_session;
    VersionListModel *m_model;
    QTableView *m_view;
    QString m_localFolder;
    QPointer<QMessageBox> m_question;
    QAction *m_download;
    QAction *m_presign;
    QAction *m_properties;
    QAction *m_restore;
    QAction *m_delete;
    QAction *m_undelete;
};

} // namespace s3ui
