// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include "dialogs/syncdialog.h"
#include "s3core/s3error.h"
#include "s3core/transfer/transfertypes.h"
#include "s3core/types.h"

class QWidget;

namespace s3 {
class DeleteObjectsJob;
class SyncPlanJob;
} // namespace s3

namespace s3ui {

class Session;
class SyncPlanModel;

/**
 * Synchronize… between a local folder and a prefix (SyncDialog shows, this acts). Preview runs s3core's
 * SyncPlanJob (the CLI's sync plan: the listing's own asynchronous requests, the local walk and MD5s on the thread
 * pool) and streams its steps into a SyncPlanModel. Run sends the previewed steps through the session's transfer
 * engine: uploads and downloads as normal queue transfers (the transfers panel shows them; downloads with every
 * check of a download: keys leaving the folder and symbolic links refused by syncDownloadPath(), a destination
 * another unfinished download writes to refused through targetInUse, two keys for one file refused), then, once
 * every transfer has succeeded, the deletes: DeleteObjects batches (upload direction) or the local files the walk
 * listed (download direction). A transfer that fails or is stopped means nothing is deleted.
 *
 * Closing the dialog (the controller is its child) stops a preview; transfers already queued go on in the queue,
 * deletes not yet started are not done.
 */
class SyncController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncController)
public:
    /** True when another unfinished download writes to this local path (BrowserView::localTargetInUse). */
    using TargetInUse = std::function<bool(const QString &path)>;
    enum class State { Idle, Previewing, Previewed, Transferring, Deleting };

    SyncController(Session *session, SyncDialog *dialog, TargetInUse targetInUse);
    ~SyncController() override;

    /** A non-modal Synchronize… dialog for bucket/prefix, with its controller (deleted when closed). */
    static SyncDialog *openDialog(Session *session, const QString &bucket, const QString &prefix, const QString &localFolder,
                                  TargetInUse targetInUse, QWidget *parent);

    State state() const { return m_state; }
    SyncPlanModel *model() const { return m_model; }
    /** Keys per listing page of the preview (tests: small pages, to see rows stream in). */
    void setPageSize(int keys) { m_pageSize = keys; }

    void preview();
    void run();
    void stop();

    // The last run, for its report (and tests).
    int transfersQueued() const { return m_queued; }
    int transfersFailed() const { return m_failed; }
    qint64 deleted() const { return m_deleted; }
    const QStringList &refused() const { return m_refused; }

Q_SIGNALS:
    void previewFinished(bool ok);
    void runFinished(bool ok);

private:
    void setState(State state);
    void takeSteps();
    void handlePlanFinished();
    void handleTransferFinished(const s3::TransferSnapshot &snapshot);
    void startDeletes();
    void finishRun(bool ok, const QString &message);

    QPointer<Session> m_session;
    SyncDialog *m_dialog;
    SyncPlanModel *m_model;
    TargetInUse m_targetInUse;
    QString m_bucket;
    QString m_prefix;
    State m_state = State::Idle;
    int m_pageSize = 1000;
    QPointer<s3::SyncPlanJob> m_plan;
    SyncRequest m_planned; // the fields the preview was made with (what Run does)
    QList<s3::ObjectInfo> m_folderMarkers; // download direction: empty folders to make (the listing's markers)

    QSet<s3::TransferId> m_pending;
    QStringList m_deleteKeys;  // upload direction: whole keys
    QStringList m_deleteFiles; // download direction: local paths the walk listed
    QPointer<s3::DeleteObjectsJob> m_deleteJob;
    int m_queued = 0;
    int m_failed = 0;
    qint64 m_deleted = 0;
    s3::S3Error m_firstError;
    QStringList m_refused;
};

} // namespace s3ui
