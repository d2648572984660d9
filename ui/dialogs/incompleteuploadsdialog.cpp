// SPDX-License-Identifier: Apache-2.0
#include "dialogs/incompleteuploadsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

#include "connection/session.h"
#include "models/multipartuploadsmodel.h"
#include "s3core/ops/multipartjobs.h"
#include "util/format.h"
#include "util/icons.h"

namespace s3ui {

namespace {

QString errorText(const s3::S3Error &error)
{
    const QString hint = error.hint();
    return hint.isEmpty() ? error.toString() : error.toString() + QLatin1Char(' ') + hint;
}

QString uploadsPhrase(int count)
{
    return count == 1 ? IncompleteUploadsDialog::tr("1 incomplete upload")
                      : IncompleteUploadsDialog::tr("%1 incomplete uploads").arg(count);
}

} // namespace

IncompleteUploadsDialog::IncompleteUploadsDialog(Session *session, const QString &bucket, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_bucket(bucket)
{
    setWindowTitle(tr("Incomplete uploads – %1").arg(bucket));
    setWindowIcon(appIcon(QStringLiteral("upload")));

    m_model = new MultipartUploadsModel(session->client(), bucket, this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(MultipartUploadsModel::SortRole);

    auto *intro = new QLabel(tr("Multipart uploads that were started but neither completed nor aborted. Their parts "
                                "are stored, and billed, but appear in no folder. Abort the ones nobody will finish."),
                             this);
    intro->setWordWrap(true);

    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setWordWrap(true);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("uploadsView"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(MultipartUploadsModel::InitiatedColumn, Qt::AscendingOrder);
    m_view->setAllColumnsShowFocus(true);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(MultipartUploadsModel::KeyColumn, QHeaderView::Stretch);
    // Dates, part counts and sizes in full: the key gives way, not them.
    for (const int column : {int(MultipartUploadsModel::InitiatedColumn), int(MultipartUploadsModel::PartsColumn),
                             int(MultipartUploadsModel::SizeColumn)})
        m_view->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_view->header()->resizeSection(MultipartUploadsModel::UploadIdColumn, 160);
    m_view->setAccessibleName(tr("Incomplete uploads"));

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #d93025;")); // a mid red, readable on light and dark themes
    m_errorLabel->setVisible(false);

    m_abortAction = new QAction(tr("&Abort selected…"), this);
    m_abortAction->setShortcut(QKeySequence::Delete);
    m_abortAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(m_abortAction);
    connect(m_abortAction, &QAction::triggered, this, &IncompleteUploadsDialog::abortSelected);
    auto *refreshAction = new QAction(tr("Refresh"), this);
    refreshAction->setShortcut(QKeySequence::Refresh);
    addAction(refreshAction);
    connect(refreshAction, &QAction::triggered, this, &IncompleteUploadsDialog::refresh);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_abortButton = buttons->addButton(tr("&Abort selected…"), QDialogButtonBox::ActionRole);
    m_abortButton->setObjectName(QStringLiteral("abortButton"));
    m_refreshButton = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ResetRole);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_refreshButton->setToolTip(tr("List the uploads again (F5)"));
    connect(m_abortButton, &QPushButton::clicked, this, &IncompleteUploadsDialog::abortSelected);
    connect(m_refreshButton, &QPushButton::clicked, this, &IncompleteUploadsDialog::refresh);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_errorLabel);
    layout->addWidget(buttons);
    resize(760, 420);

    connect(m_model, &MultipartUploadsModel::summaryChanged, this, &IncompleteUploadsDialog::updateSummary);
    connect(m_model, &MultipartUploadsModel::loadingChanged, this, &IncompleteUploadsDialog::updateActions);
    connect(m_model, &MultipartUploadsModel::listingFailed, this, [this](const s3::S3Error &error) {
        QString message = tr("Cannot list the incomplete uploads of %1: %2").arg(m_bucket, errorText(error));
        if (error.code() == QLatin1String("AccessDenied"))
            message += QLatin1Char(' ') + tr("Listing them needs the s3:ListBucketMultipartUploads permission.");
        showError(message);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &IncompleteUploadsDialog::updateActions);

    refresh();
}

IncompleteUploadsDialog::~IncompleteUploadsDialog()
{
    for (QPointer<s3::AbortMultipartUploadJob> &job : m_runningAborts)
        s3::cancelQuietly(job, this);
}

void IncompleteUploadsDialog::refresh()
{
    if (isAborting())
        return; // the aborts remove their rows; a new listing would race with them
    showError({});
    m_model->refresh();
    updateActions();
}

QStringList IncompleteUploadsDialog::selectedUploadIds() const
{
    QStringList ids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        ids.append(index.data(MultipartUploadsModel::UploadIdRole).toString());
    return ids;
}

void IncompleteUploadsDialog::abortSelected()
{
    if (isAborting() || m_confirmation)
        return;
    QList<s3::MultipartUploadInfo> uploads;
    qint64 bytes = 0;
    for (const QString &id : selectedUploadIds()) {
        const int row = m_model->rowForUploadId(id);
        uploads.append(m_model->upload(row));
        bytes += std::max<qint64>(0, m_model->index(row, 0).data(MultipartUploadsModel::BytesRole).toLongLong());
    }
    if (uploads.isEmpty())
        return;
    const QString text = uploads.size() == 1
        ? tr("Abort the upload of \"%1\"?").arg(uploads.constFirst().key)
        : tr("Abort %1 uploads?").arg(uploads.size());
    auto *box
        = new QMessageBox(QMessageBox::Warning, tr("Abort incomplete uploads"), text, QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("abortConfirmation"));
    box->setInformativeText(tr("Their stored parts (%1) are deleted and cannot be recovered; whoever is still "
                               "uploading them would have to start again.")
                                .arg(formatSize(bytes)));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *confirm = box->addButton(tr("Abort"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmAbortButton"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, confirm, uploads](QAbstractButton *clicked) {
        m_confirmation = nullptr; // answered (the box deletes itself later)
        if (clicked == confirm)
            startAborts(uploads);
    });
    connect(box, &QDialog::finished, this, [this] { m_confirmation = nullptr; });
    m_confirmation = box;
    box->open();
}

void IncompleteUploadsDialog::startAborts(const QList<s3::MultipartUploadInfo> &uploads)
{
    showError({});
    m_abortFailures.clear();
    m_abortedCount = 0;
    m_pendingAborts = uploads;
    startNextAborts();
    updateActions();
    updateSummary();
}

void IncompleteUploadsDialog::startNextAborts()
{
    while (m_runningAborts.size() < MaxConcurrentAborts && !m_pendingAborts.isEmpty()) {
        const s3::MultipartUploadInfo upload = m_pendingAborts.takeFirst();
        auto *job = new s3::AbortMultipartUploadJob(m_session->client(), m_bucket, upload.key, upload.uploadId);
        connect(job, &s3::Job::finished, this, [this, job, upload] { abortFinished(job, upload); });
        m_runningAborts.insert(upload.uploadId, job);
        job->start();
    }
}

void IncompleteUploadsDialog::abortFinished(s3::AbortMultipartUploadJob *job, const s3::MultipartUploadInfo &upload)
{
    m_runningAborts.remove(upload.uploadId);
    if (job->hasError()) {
        m_abortFailures.append(QStringLiteral("%1: %2").arg(upload.key, errorText(job->error())));
    } else {
        ++m_abortedCount; // also when it was already gone (NoSuchUpload): either way nothing is stored any more
        m_model->removeUpload(upload.uploadId);
    }
    startNextAborts();
    if (isAborting())
        return;
    if (!m_abortFailures.isEmpty()) {
        const int failed = int(m_abortFailures.size());
        const QString title = failed == 1 ? tr("Could not abort 1 upload (it is still listed):")
                                          : tr("Could not abort %1 uploads (they are still listed):").arg(failed);
        showError(title + QLatin1Char('\n') + m_abortFailures.join(QLatin1Char('\n')));
    }
    updateActions();
    updateSummary();
    Q_EMIT abortsFinished(m_abortedCount, int(m_abortFailures.size()));
}

void IncompleteUploadsDialog::updateSummary()
{
    QString text;
    const int count = m_model->uploadCount();
    if (m_model->listingError().isError()) {
        text = tr("The incomplete uploads could not be listed.");
    } else if (m_model->isLoading() && count == 0) {
        text = tr("Listing incomplete uploads…");
    } else if (count == 0) {
        text = tr("No incomplete uploads in this bucket: no unfinished parts are billed.");
    } else if (!m_model->isLoading()) {
        text = tr("%1, %2 stored — you are billed for these parts").arg(uploadsPhrase(count),
                                                                         formatSize(m_model->totalBytes()));
    } else {
        text = tr("%1, at least %2 stored (counting parts…) — you are billed for these parts")
                   .arg(uploadsPhrase(count), formatSize(m_model->totalBytes()));
    }
    if (isAborting())
        text += QLatin1Char(' ') + tr("(aborting…)");
    m_summaryLabel->setText(text);
}

void IncompleteUploadsDialog::updateActions()
{
    const bool aborting = isAborting();
    const bool selection = m_view->selectionModel()->hasSelection();
    m_abortButton->setEnabled(selection && !aborting);
    m_abortAction->setEnabled(selection && !aborting);
    m_refreshButton->setEnabled(!aborting);
}

void IncompleteUploadsDialog::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(!message.isEmpty());
}

} // namespace s3ui
