// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

#include "s3core/types.h"

class QAction;
class QLabel;
class QMessageBox;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

namespace s3 {
class AbortMultipartUploadJob;
} // namespace s3

namespace s3ui {

class MultipartUploadsModel;
class Session;

/**
 * The in-progress (unfinished) multipart uploads of one bucket: their parts are stored, and billed, until the
 * upload is completed or aborted, yet no listing of objects shows them. Lists them (MultipartUploadsModel:
 * key, initiated, parts, size so far, upload id), sums up what they store, and aborts the selected ones after
 * a confirmation (a non-modal message box). Rows whose abort succeeded go away; failures are listed with their
 * S3 error code and stay. Refresh (F5) lists again. Open it with open() or show(); the session must outlive it.
 */
class IncompleteUploadsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncompleteUploadsDialog)
public:
    /** Aborts running at the same time. */
    static constexpr int MaxConcurrentAborts = 4;

    IncompleteUploadsDialog(Session *session, const QString &bucket, QWidget *parent = nullptr);
    ~IncompleteUploadsDialog() override;

    QString bucket() const { return m_bucket; }
    MultipartUploadsModel *model() const { return m_model; }
    /** Upload ids of the selected rows. */
    QStringList selectedUploadIds() const;
    bool isAborting() const { return !m_runningAborts.isEmpty() || !m_pendingAborts.isEmpty(); }

    /** Lists the uploads again. */
    void refresh();
    /** Asks for confirmation (non-modal), then aborts the selected uploads (what "Abort selected" does). */
    void abortSelected();

Q_SIGNALS:
    /** A batch of aborts ended: how many uploads were aborted (or already gone) and how many could not be. */
    void abortsFinished(int aborted, int failed);

private:
    void startAborts(const QList<s3::MultipartUploadInfo> &uploads);
    void startNextAborts();
    void abortFinished(s3::AbortMultipartUploadJob *job, const s3::MultipartUploadInfo &upload);
    void updateSummary();
    void updateActions();
    void showError(const QString &message);

    Session *m_session;
    QString m_bucket;
    MultipartUploadsModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPushButton *m_abortButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QAction *m_abortAction = nullptr;
    QPointer<QMessageBox> m_confirmation;

    QList<s3::MultipartUploadInfo> m_pendingAborts;
    QHash<QString, QPointer<s3::AbortMultipartUploadJob>> m_runningAborts; ///< by upload id
    QStringList m_abortFailures;
    int m_abortedCount = 0;
};

} // namespace s3ui
