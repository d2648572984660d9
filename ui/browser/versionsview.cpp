// SPDX-License-Identifier: Apache-2.0
#include "browser/versionsview.h"

#include <QAction>
#include <QFileDialog>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#include "connection/session.h"
#include "dialogs/presigndialog.h"
#include "models/versionlistmodel.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/servercopyjob.h"
#include "s3core/transfer/localpaths.h"
#include "s3core/transfer/transferengine.h"
#include "util/format.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {

/** "name (version 1a2b3c4d).ext" beside an existing "name.ext": a version download never overwrites a file. */
QString freePathFor(const QString &path, const QString &versionId)
{
    if (!QFileInfo::exists(path))
        return path;
    const QFileInfo info(path);
    const QString suffix = info.completeSuffix();
    const QString base = suffix.isEmpty() ? info.fileName() : info.fileName().left(info.fileName().size() - suffix.size() - 1);
    QString tag = versionId.left(12);
    tag.replace(u'/', u'_');
    for (int n = 1; n < 1000; ++n) {
        QString name = n == 1 ? u"%1 (version %2)"_s.arg(base, tag) : u"%1 (version %2, %3)"_s.arg(base, tag).arg(n);
        if (!suffix.isEmpty())
            name += u"."_s + suffix;
        const QString candidate = info.dir().filePath(name);
        if (!QFileInfo::exists(candidate))
            return candidate;
    }
    return {};
}

} // namespace

VersionsView::VersionsView(QWidget *parent)
    : QWidget(parent)
    , m_model(new VersionListModel(this))
    , m_view(new QTableView(this))
{
    m_localFolder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    m_download = new QAction(tr("Download version…"), this);
    m_presign = new QAction(tr("Presigned link to version…"), this);
    m_properties = new QAction(tr("Version properties"), this);
    m_restore = new QAction(tr("Restore this version"), this);
    m_restore->setToolTip(tr("Copy this version over the current one (on the server; every version is kept)"));
    m_delete = new QAction(tr("Delete version permanently…"), this);
    m_undelete = new QAction(tr("Undelete (remove the delete marker)"), this);
    connect(m_download, &QAction::triggered, this, &VersionsView::chooseDownloadFolder);
    connect(m_presign, &QAction::triggered, this, &VersionsView::openPresign);
    connect(m_properties, &QAction::triggered, this, &VersionsView::showProperties);
    connect(m_restore, &QAction::triggered, this, &VersionsView::restoreCurrent);
    connect(m_delete, &QAction::triggered, this, &VersionsView::askDeleteCurrent);
    connect(m_undelete, &QAction::triggered, this, [this] {
        const s3::ObjectVersion version = currentVersion();
        if (version.isDeleteMarker && version.isLatest)
            deleteVersion(version, tr("Undelete %1").arg(version.key));
    });

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures rows, as in the normal listing.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    QHeaderView *header = m_view->horizontalHeader();
    header->resizeSection(VersionListModel::NameColumn, 300);
    header->resizeSection(VersionListModel::VersionColumn, 260);
    header->resizeSection(VersionListModel::SizeColumn, 90);
    header->resizeSection(VersionListModel::ModifiedColumn, 150);
    header->setStretchLastSection(true);
    m_view->setAccessibleName(tr("Versions"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    connect(m_view, &QTableView::customContextMenuRequested, this, &VersionsView::showContextMenu);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (m_model->isFolderAt(index.row()))
            Q_EMIT folderOpened(m_model->keyAt(index.row()));
        else
            showProperties();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &VersionsView::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &VersionsView::updateActions);
    connect(m_model, &VersionListModel::listingFailed, this, [this](const s3::S3Error &error) {
        Q_EMIT errorOccurred(tr("Listing the versions of s3://%1/%2 failed: %3").arg(m_model->bucket(), m_model->prefix(), error.toString()));
    });
    // The count is the browser's count label's (BrowserView::updateStatus()): a temporary message in the window's
    // status bar would say it a second time and stay after the versions are hidden.
    updateActions();
}

VersionsView::~VersionsView() = default;

void VersionsView::setLocation(Session *session, const QString &bucket, const QString &prefix)
{
    m_session = session;
    m_model->setLocation(session ? session->client() : nullptr, bucket, prefix);
}

void VersionsView::refresh()
{
    m_model->refresh();
}

s3::ObjectVersion VersionsView::currentVersion() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? s3::ObjectVersion{} : m_model->versionAt(rows.first().row());
}

bool VersionsView::selectVersion(const QString &key, const QString &versionId)
{
    const int row = m_model->rowOf(key, versionId);
    if (row < 0)
        return false;
    m_view->selectRow(row);
    return true;
}

void VersionsView::updateActions()
{
    const s3::ObjectVersion version = currentVersion();
    const bool any = !version.key.isEmpty();
    const bool data = any && !version.isDeleteMarker;
    m_download->setEnabled(data);
    m_presign->setEnabled(data);
    m_properties->setEnabled(data);
    // Restoring the current version would only copy it onto itself.
    m_restore->setEnabled(data && !version.isLatest);
    m_delete->setEnabled(any);
    m_undelete->setEnabled(any && version.isDeleteMarker && version.isLatest);
}

void VersionsView::showContextMenu(const QPoint &position)
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (QAction *action : {m_download, m_presign, m_properties})
        menu->addAction(action);
    menu->addSeparator();
    for (QAction *action : {m_restore, m_undelete, m_delete})
        menu->addAction(action);
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

void VersionsView::chooseDownloadFolder()
{
    auto *dialog = new QFileDialog(this, tr("Download version to folder"), m_localFolder);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &folder) {
        m_localFolder = folder;
        downloadCurrent(folder);
    });
    dialog->open();
}

void VersionsView::downloadCurrent(const QString &localDir)
{
    const s3::ObjectVersion version = currentVersion();
    if (!m_session || version.key.isEmpty() || version.isDeleteMarker)
        return;
    const s3::Result<QString> path = s3::localPathForKey(localDir, m_model->prefix(), version.key);
    if (!path) {
        Q_EMIT errorOccurred(tr("Cannot download %1: %2").arg(version.key, path.error().message()));
        return;
    }
    const QString target = freePathFor(*path, version.versionId);
    if (target.isEmpty()) {
        Q_EMIT errorOccurred(tr("Cannot download %1: no free file name next to %2").arg(version.key, *path));
        return;
    }
    s3::DownloadOptions options;
    options.versionId = version.versionId;
    m_session->transfers()->enqueueDownload(m_model->bucket(), version.key, target, options);
    Q_EMIT statusMessage(tr("Downloading version %1 of %2 to %3").arg(version.versionId, version.key, target));
}

void VersionsView::openPresign()
{
    const s3::ObjectVersion version = currentVersion();
    if (!m_session || version.key.isEmpty() || version.isDeleteMarker)
        return;
    auto *dialog = new PresignDialog(m_session, m_model->bucket(), version.key, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setVersionId(version.versionId);
    dialog->open();
}

void VersionsView::showProperties()
{
    const s3::ObjectVersion version = currentVersion();
    if (!m_session || version.key.isEmpty() || version.isDeleteMarker)
        return;
    auto *head = new s3::HeadObjectJob(m_session->client(), m_model->bucket(), version.key, this);
    head->setVersionId(version.versionId);
    connect(head, &s3::Job::finished, this, [this, head, version] {
        if (head->hasError()) {
            Q_EMIT errorOccurred(tr("Properties of version %1 of %2: %3").arg(version.versionId, version.key, head->error().toString()));
            return;
        }
        const s3::ObjectMetadata &m = head->metadata();
        QString text = tr("Key: %1\nVersion ID: %2\nState: %3\nSize: %4 (%5 bytes)\nETag: %6\nContent type: %7\n"
                          "Last modified: %8\nStorage class: %9")
                           .arg(m.key, m.versionId.isEmpty() ? version.versionId : m.versionId,
                                version.isLatest ? tr("current version") : tr("older version"), formatSize(m.size),
                                QString::number(m.size), m.etag, m.contentType,
                                QLocale().toString(m.lastModified.toLocalTime(), QLocale::LongFormat),
                                m.storageClass.isEmpty() ? u"STANDARD"_s : m.storageClass);
        if (!m.serverSideEncryption.isEmpty())
            text += tr("\nEncryption: %1").arg(m.serverSideEncryption);
        for (auto it = m.userMetadata.cbegin(); it != m.userMetadata.cend(); ++it)
            text += u"\nx-amz-meta-%1: %2"_s.arg(it.key(), it.value());
        auto *box = new QMessageBox(QMessageBox::Information, tr("Version properties – %1").arg(version.key), text,
                                    QMessageBox::Close, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setTextInteractionFlags(Qt::TextSelectableByMouse);
        box->open();
    });
    head->start();
}

void VersionsView::restoreCurrent()
{
    const s3::ObjectVersion version = currentVersion();
    if (!m_session || version.key.isEmpty() || version.isDeleteMarker || version.isLatest)
        return;
    const QString what = tr("Restore version %1 of %2").arg(version.versionId, version.key);
    Q_EMIT statusMessage(what + u"…"_s);
    // A copy of the version over its own key: the restored bytes become a new current version, every other
    // version stays; metadata, tags and permissions are those of the restored version.
    auto *copy = new s3::ServerCopyJob(m_session->client(), m_model->bucket(), version.key, m_model->bucket(), version.key, this);
    copy->setSourceVersionId(version.versionId);
    copy->setKeepAcl(true);
    connect(copy, &s3::Job::finished, this, [this, copy, what] { finishOperation(what, copy->error()); });
    copy->start();
}

void VersionsView::askDeleteCurrent()
{
    const s3::ObjectVersion version = currentVersion();
    if (!m_session || version.key.isEmpty())
        return;
    const QString text = version.isDeleteMarker
        ? tr("Remove the delete marker %1 of “%2” permanently?").arg(version.versionId, version.key)
        : tr("Delete version %1 of “%2” permanently?").arg(version.versionId, version.key);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete version permanently"), text, QMessageBox::Cancel, this);
    box->setInformativeText(version.isDeleteMarker
                                ? tr("Removing a delete marker cannot be undone.")
                                : tr("This version and its data are removed for good: it cannot be restored or undone. "
                                     "The other versions stay."));
    QPushButton *remove = box->addButton(tr("Delete permanently"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setEscapeButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_question = box;
    connect(box, &QMessageBox::finished, this, [this, box, remove, version] {
        if (box->clickedButton() == remove)
            deleteVersion(version, tr("Delete version %1 of %2").arg(version.versionId, version.key));
    });
    box->open();
}

void VersionsView::deleteVersion(const s3::ObjectVersion &version, const QString &what)
{
    if (!m_session)
        return;
    Q_EMIT statusMessage(what + u"…"_s);
    auto *job = new s3::DeleteObjectJob(m_session->client(), m_model->bucket(), version.key, this);
    job->setVersionId(version.versionId);
    connect(job, &s3::Job::finished, this, [this, job, what] { finishOperation(what, job->error()); });
    job->start();
}

void VersionsView::finishOperation(const QString &what, const s3::S3Error &error)
{
    if (error.isError()) {
        Q_EMIT errorOccurred(tr("%1 failed: %2").arg(what, error.toString()));
        Q_EMIT operationFinished(what, false);
        return;
    }
    Q_EMIT statusMessage(tr("%1: done").arg(what));
    m_model->refresh();
    Q_EMIT operationFinished(what, true);
}

} // namespace s3ui
