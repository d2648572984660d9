// SPDX-License-Identifier: Apache-2.0
#include "browser/browserview.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDrag>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "browser/jobsequence.h"
#include "browser/uploadplanner.h"
#include "connection/session.h"
#include "models/objectlistmodel.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/moveprefixjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/localpaths.h"
#include "s3core/transfer/transferengine.h"
#include "widgets/breadcrumbbar.h"

namespace s3ui {

namespace {

/** "a/b/c.txt" -> "c.txt", "a/b/" -> "b": the last segment of a key, a folder's without its '/'. */
QString lastSegment(const QString &key)
{
    const qsizetype end = key.endsWith(QLatin1Char('/')) ? key.size() - 1 : key.size();
    const qsizetype slash = key.lastIndexOf(QLatin1Char('/'), end - 1);
    return key.mid(slash + 1, end - slash - 1);
}

/** "a/b/c.txt" -> "a/b/", "a/b/" -> "a/", "c" -> "": the prefix that holds a key. */
QString parentPrefix(const QString &key)
{
    return key.left(key.size() - lastSegment(key).size() - (key.endsWith(QLatin1Char('/')) ? 1 : 0));
}

} // namespace

/** The table: local files dropped become uploads, objects dropped on a folder row are moved into it. */
class ObjectTableView final : public QTableView
{
public:
    explicit ObjectTableView(BrowserView *browser)
        : QTableView(browser)
        , m_browser(browser)
    {
    }

protected:
    QString targetPrefixAt(const QPoint &position) const
    {
        const QModelIndex index = indexAt(position);
        if (index.isValid() && m_browser->m_model->isFolderAt(index.row()))
            return m_browser->m_model->keyAt(index.row());
        return m_browser->prefix();
    }

    static bool isUsable(const QMimeData *mime)
    {
        return mime->hasUrls() || mime->hasFormat(ObjectListModel::objectsMimeType());
    }

    /** Our own objects (moved) rather than local files (uploaded); a drag out carries both. */
    static bool isInternal(const QMimeData *mime)
    {
        return mime->hasFormat(ObjectListModel::objectsMimeType());
    }

    void startDrag(Qt::DropActions supportedActions) override
    {
        const QStringList keys = m_browser->selectedKeys();
        QMimeData *mime = model()->mimeData(selectionModel()->selectedRows(ObjectListModel::NameColumn));
        if (keys.isEmpty() || !mime)
            return;
        const QList<QUrl> urls = m_browser->prepareDragOut(keys);
        if (!urls.isEmpty())
            mime->setUrls(urls);
        auto *drag = new QDrag(this);
        drag->setMimeData(mime);
        drag->setPixmap(m_browser->m_model->data(selectionModel()->selectedRows().first(), Qt::DecorationRole).value<QIcon>().pixmap(32, 32));
        // Qt's drag loop (as in every item view): inside the browser a move, outside a copy of the local files.
        drag->exec(supportedActions | Qt::CopyAction, Qt::MoveAction);
    }

    void dragEnterEvent(QDragEnterEvent *event) override
    {
        if (!isUsable(event->mimeData()) || m_browser->bucket().isEmpty())
            return event->ignore();
        event->setDropAction(isInternal(event->mimeData()) ? Qt::MoveAction : Qt::CopyAction);
        event->accept();
    }

    void dragMoveEvent(QDragMoveEvent *event) override
    {
        QTableView::dragMoveEvent(event); // auto-scroll and the drop indicator
        if (!isUsable(event->mimeData()) || m_browser->bucket().isEmpty())
            return event->ignore();
        if (isInternal(event->mimeData()) && targetPrefixAt(event->position().toPoint()) == m_browser->prefix())
            return event->ignore(); // moving objects onto their own folder does nothing
        event->setDropAction(isInternal(event->mimeData()) ? Qt::MoveAction : Qt::CopyAction);
        event->accept();
    }

    void dropEvent(QDropEvent *event) override
    {
        bool accepted = false;
        m_browser->handleDrop(event->mimeData(), targetPrefixAt(event->position().toPoint()), accepted);
        if (accepted) {
            event->setDropAction(isInternal(event->mimeData()) ? Qt::MoveAction : Qt::CopyAction);
            event->accept();
        } else {
            event->ignore();
        }
    }

private:
    BrowserView *m_browser;
};

BrowserView::BrowserView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ObjectListModel(this))
    , m_view(new ObjectTableView(this))
    , m_breadcrumbs(new BreadcrumbBar(this))
    , m_filter(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_toolbar(new QToolBar(this))
{
    m_localFolder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    createActions();

    m_toolbar->setIconSize(QSize(18, 18));
    m_toolbar->addAction(m_back);
    m_toolbar->addAction(m_forward);
    m_toolbar->addAction(m_up);
    m_toolbar->addAction(m_refresh);
    m_toolbar->addWidget(m_breadcrumbs);
    auto *spacer = new QWidget(this);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolbar->addWidget(spacer);
    m_filter->setPlaceholderText(tr("Filter by name"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(240);
    m_filter->setAccessibleName(tr("Filter by name"));
    m_toolbar->addWidget(m_filter);

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ObjectListModel::NameColumn, Qt::AscendingOrder);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setDragEnabled(true);
    m_view->setAcceptDrops(true);
    m_view->setDropIndicatorShown(true);
    m_view->setDragDropMode(QAbstractItemView::DragDrop);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures rows, which keeps a million rows cheap.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    header->resizeSection(ObjectListModel::NameColumn, 380);
    header->resizeSection(ObjectListModel::SizeColumn, 90);
    header->resizeSection(ObjectListModel::ModifiedColumn, 150);
    header->resizeSection(ObjectListModel::StorageClassColumn, 110);
    header->resizeSection(ObjectListModel::EtagColumn, 260);
    header->setSectionHidden(ObjectListModel::EtagColumn, true); // ETag on demand (header menu)
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](const QPoint &position) {
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        for (int column = ObjectListModel::SizeColumn; column < ObjectListModel::ColumnCount; ++column) {
            QAction *toggle = menu->addAction(m_model->headerData(column, Qt::Horizontal).toString());
            toggle->setCheckable(true);
            toggle->setChecked(!header->isSectionHidden(column));
            connect(toggle, &QAction::toggled, header, [header, column](bool shown) { header->setSectionHidden(column, !shown); });
        }
        menu->popup(header->mapToGlobal(position));
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_toolbar);
    layout->addWidget(m_view, 1);
    m_status->setContentsMargins(6, 0, 6, 2);
    layout->addWidget(m_status);
    setTabOrder(m_filter, m_view);

    connect(m_view, &QTableView::activated, this, &BrowserView::activate);
    connect(m_view, &QTableView::customContextMenuRequested, this, &BrowserView::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &BrowserView::updateActions);
    // Filtering a huge folder costs a pass over its rows: apply what was typed once typing pauses.
    auto *filterDelay = new QTimer(this);
    filterDelay->setSingleShot(true);
    filterDelay->setInterval(FilterDelayMs);
    connect(m_filter, &QLineEdit::textChanged, filterDelay, qOverload<>(&QTimer::start));
    connect(filterDelay, &QTimer::timeout, this, [this] { m_model->setNameFilter(m_filter->text()); });
    connect(m_model, &ObjectListModel::recomputingChanged, this, &BrowserView::updateStatus);
    connect(m_breadcrumbs, &BreadcrumbBar::prefixActivated, this, [this](const QString &prefix) { openLocation(bucket(), prefix); });
    connect(m_breadcrumbs, &BreadcrumbBar::moveRequested, this,
            [this](const QString &sourceBucket, const QStringList &keys, const QString &target) {
                if (sourceBucket == bucket())
                    moveKeys(keys, target);
            });
    connect(m_model, &ObjectListModel::loadedCountChanged, this, &BrowserView::updateStatus);
    connect(m_model, &ObjectListModel::listingChanged, this, &BrowserView::updateStatus);
    connect(m_model, &ObjectListModel::modelReset, this, &BrowserView::updateActions);
    connect(m_model, &ObjectListModel::listingFailed, this, [this](const s3::S3Error &error) {
        Q_EMIT errorOccurred(tr("Listing s3://%1/%2 failed: %3").arg(bucket(), prefix(), error.toString()));
    });
    updateActions();
    updateStatus();
}

BrowserView::~BrowserView() = default;

void BrowserView::createActions()
{
    const auto make = [this](const QString &text, const QIcon &icon, const QList<QKeySequence> &keys, auto handler) {
        auto *action = new QAction(icon, text, this);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, handler);
        addAction(action);
        return action;
    };
    QStyle *s = style();
    m_back = make(tr("Back"), s->standardIcon(QStyle::SP_ArrowBack), {QKeySequence::Back}, [this] {
        if (m_historyIndex > 0)
            navigate(m_history[--m_historyIndex], false);
    });
    m_forward = make(tr("Forward"), s->standardIcon(QStyle::SP_ArrowForward), {QKeySequence::Forward}, [this] {
        if (m_historyIndex + 1 < m_history.size())
            navigate(m_history[++m_historyIndex], false);
    });
    m_up = make(tr("Up"), s->standardIcon(QStyle::SP_ArrowUp), {QKeySequence(Qt::ALT | Qt::Key_Up), QKeySequence(Qt::Key_Backspace)}, [this] {
        if (!prefix().isEmpty())
            openLocation(bucket(), parentPrefix(prefix()));
    });
    m_refresh = make(tr("Refresh"), s->standardIcon(QStyle::SP_BrowserReload), {QKeySequence::Refresh}, [this] { m_model->refresh(); });
    m_open = make(tr("Open"), QIcon(), {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            activate(current);
    });
    m_download = make(tr("Download…"), QIcon(QStringLiteral(":/s3desk/icons/download.svg")), {QKeySequence(Qt::CTRL | Qt::Key_D)},
                      &BrowserView::chooseDownloadFolder);
    m_uploadFiles = make(tr("Upload files…"), QIcon(QStringLiteral(":/s3desk/icons/upload.svg")), {QKeySequence(Qt::CTRL | Qt::Key_U)},
                         &BrowserView::chooseUploadFiles);
    m_uploadFolder = make(tr("Upload folder…"), QIcon(), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U)}, &BrowserView::chooseUploadFolder);
    m_newFolder = make(tr("New folder…"), s->standardIcon(QStyle::SP_FileDialogNewFolder), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)},
                       &BrowserView::askNewFolder);
    m_rename = make(tr("Rename…"), QIcon(), {QKeySequence(Qt::Key_F2)}, &BrowserView::askRename);
    m_delete = make(tr("Delete…"), s->standardIcon(QStyle::SP_TrashIcon), {QKeySequence::Delete}, &BrowserView::askDelete);
    m_presign = make(tr("Copy presigned link…"), QIcon(QStringLiteral(":/s3desk/icons/link.svg")), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)},
                     [this] {
                         const QStringList keys = selectedKeys();
                         if (keys.size() == 1 && !keys.first().endsWith(QLatin1Char('/')))
                             Q_EMIT presignRequested(bucket(), keys.first());
                     });
    m_properties = make(tr("Properties…"), QIcon(), {QKeySequence(Qt::ALT | Qt::Key_Return)}, [this] {
        const QStringList keys = selectedKeys();
        if (keys.size() == 1 && !keys.first().endsWith(QLatin1Char('/')))
            Q_EMIT propertiesRequested(bucket(), keys.first());
    });
    m_incomplete = make(tr("Incomplete uploads…"), QIcon(), {}, [this] {
        if (!bucket().isEmpty())
            Q_EMIT incompleteUploadsRequested(bucket());
    });
}

void BrowserView::setSession(Session *session)
{
    m_session = session;
    m_history.clear();
    m_historyIndex = -1;
    m_filter->clear();
    m_model->setLocation(nullptr, {}, {});
    m_breadcrumbs->setLocation({}, {});
    updateActions();
}

QString BrowserView::bucket() const
{
    return m_model->bucket();
}

QString BrowserView::prefix() const
{
    return m_model->prefix();
}

void BrowserView::openLocation(const QString &bucketName, const QString &prefixPath)
{
    navigate({bucketName, prefixPath}, true);
}

void BrowserView::navigate(const Location &location, bool record)
{
    if (record) {
        while (m_history.size() > m_historyIndex + 1)
            m_history.removeLast();
        if (m_history.isEmpty() || m_history.last().bucket != location.bucket || m_history.last().prefix != location.prefix)
            m_history.append(location);
        m_historyIndex = int(m_history.size()) - 1;
    }
    m_filter->clear();
    m_model->setLocation(m_session ? m_session->client() : nullptr, location.bucket, location.prefix);
    m_breadcrumbs->setLocation(location.bucket, location.prefix);
    updateActions();
    Q_EMIT locationChanged(location.bucket, location.prefix);
}

void BrowserView::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    if (m_model->isFolderAt(index.row()))
        openLocation(bucket(), m_model->keyAt(index.row()));
    else
        m_properties->trigger();
}

QStringList BrowserView::selectedKeys() const
{
    QStringList keys;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(ObjectListModel::NameColumn);
    for (const QModelIndex &index : rows)
        keys.append(m_model->keyAt(index.row()));
    return keys;
}

bool BrowserView::selectName(const QString &name)
{
    const int row = m_model->rowOfName(name);
    if (row < 0)
        return false;
    m_view->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(m_model->index(row, 0));
    return true;
}

void BrowserView::updateActions()
{
    const bool inBucket = m_session && !bucket().isEmpty();
    const QStringList keys = inBucket ? selectedKeys() : QStringList();
    const bool oneFile = keys.size() == 1 && !keys.first().endsWith(QLatin1Char('/'));
    m_back->setEnabled(m_historyIndex > 0);
    m_forward->setEnabled(m_historyIndex + 1 < m_history.size());
    m_up->setEnabled(inBucket && !prefix().isEmpty());
    m_refresh->setEnabled(inBucket);
    m_open->setEnabled(keys.size() == 1);
    m_download->setEnabled(!keys.isEmpty());
    m_uploadFiles->setEnabled(inBucket);
    m_uploadFolder->setEnabled(inBucket);
    m_newFolder->setEnabled(inBucket);
    m_rename->setEnabled(keys.size() == 1);
    m_delete->setEnabled(!keys.isEmpty());
    m_presign->setEnabled(oneFile);
    m_properties->setEnabled(oneFile);
    m_incomplete->setEnabled(inBucket);
}

void BrowserView::updateStatus()
{
    if (bucket().isEmpty()) {
        m_status->setText(m_session ? tr("Choose a bucket") : tr("Not connected"));
        return;
    }
    const int loaded = m_model->loadedCount();
    if (m_model->isRecomputing())
        m_status->setText(tr("Sorting and filtering %n item(s)…", nullptr, loaded));
    else if (m_model->isListing())
        m_status->setText(tr("%n item(s) loaded…", nullptr, loaded));
    else
        m_status->setText(tr("%n item(s)", nullptr, loaded));
}

void BrowserView::showContextMenu(const QPoint &position)
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(m_open);
    menu->addAction(m_download);
    menu->addSeparator();
    menu->addAction(m_uploadFiles);
    menu->addAction(m_uploadFolder);
    menu->addAction(m_newFolder);
    menu->addSeparator();
    menu->addAction(m_rename);
    menu->addAction(m_delete);
    menu->addSeparator();
    menu->addAction(m_presign);
    menu->addAction(m_properties);
    menu->addSeparator();
    menu->addAction(m_incomplete);
    menu->addAction(m_refresh);
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

void BrowserView::reportJob(const QString &what, const s3::S3Error &error)
{
    --m_operationsRunning;
    const bool ok = !error.isError();
    if (!ok && error.kind() != s3::S3Error::Kind::Cancelled)
        Q_EMIT errorOccurred(tr("%1 failed: %2").arg(what, error.toString()));
    else if (ok)
        Q_EMIT statusMessage(tr("%1: done").arg(what));
    m_model->refresh();
    Q_EMIT operationFinished(what, ok);
}

// --- delete ---------------------------------------------------------------------------------------------

void BrowserView::askDelete()
{
    const QStringList keys = selectedKeys();
    if (keys.isEmpty())
        return;
    const qsizetype folders = std::count_if(keys.cbegin(), keys.cend(), [](const QString &key) { return key.endsWith(QLatin1Char('/')); });
    const qsizetype files = keys.size() - folders;
    QString text;
    if (folders == 0)
        text = tr("Delete %n file(s)?", nullptr, int(files));
    else if (files == 0)
        text = tr("Delete %n folder(s) and everything in them?", nullptr, int(folders));
    else
        text = tr("Delete %1 and %2 and everything in them?").arg(tr("%n file(s)", nullptr, int(files)), tr("%n folder(s)", nullptr, int(folders)));
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete"), text, QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(keys.size() == 1 ? QStringLiteral("s3://%1/%2").arg(bucket(), keys.first())
                                             : tr("in s3://%1/%2 — this cannot be undone.").arg(bucket(), prefix()));
    QPushButton *remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setObjectName(QStringLiteral("confirmDelete"));
    connect(box, &QMessageBox::buttonClicked, this, [this, box, remove, keys](QAbstractButton *button) {
        if (button == remove)
            deleteKeys(keys);
        box->close();
    });
    box->open();
}

void BrowserView::runSequence(const QString &what, std::vector<JobSequence::Step> steps)
{
    Q_EMIT statusMessage(what + QStringLiteral("…"));
    ++m_operationsRunning;
    auto *sequence = new JobSequence(std::move(steps), [this, what](const s3::S3Error &error) { reportJob(what, error); }, this);
    sequence->start();
}

void BrowserView::deleteKeys(const QStringList &keys)
{
    if (!m_session || keys.isEmpty())
        return;
    QStringList files;
    QStringList folders;
    for (const QString &key : keys)
        (key.endsWith(QLatin1Char('/')) ? folders : files).append(key);
    // The batched delete of the files, then each folder recursively.
    const QPointer<Session> session = m_session;
    const QString bucketName = bucket();
    std::vector<JobSequence::Step> steps;
    if (!files.isEmpty()) {
        steps.push_back([session, bucketName, files](QObject *parent) -> s3::Job * {
            return session ? new s3::DeleteObjectsJob(session->client(), bucketName, files, parent) : nullptr;
        });
    }
    for (const QString &folder : folders) {
        steps.push_back([session, bucketName, folder](QObject *parent) -> s3::Job * {
            return session ? new s3::DeletePrefixJob(session->client(), bucketName, folder, parent) : nullptr;
        });
    }
    runSequence(tr("Deleting %n item(s)", nullptr, int(keys.size())), std::move(steps));
}

// --- rename, move, new folder ------------------------------------------------------------------------------

void BrowserView::askRename()
{
    const QStringList keys = selectedKeys();
    if (keys.size() != 1)
        return;
    const QString key = keys.first();
    const bool folder = key.endsWith(QLatin1Char('/'));
    const QString name = lastSegment(key);
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("renameDialog"));
    dialog->setWindowTitle(folder ? tr("Rename folder") : tr("Rename"));
    dialog->setLabelText(folder ? tr("New name for the folder (every object in it is copied, then deleted):") : tr("New name:"));
    dialog->setTextValue(name);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, key](const QString &newName) { renameKey(key, newName); });
    dialog->open();
}

void BrowserView::renameKey(const QString &key, const QString &newName)
{
    if (!m_session || newName.isEmpty() || newName.contains(QLatin1Char('/'))) {
        if (newName.contains(QLatin1Char('/')))
            Q_EMIT errorOccurred(tr("A name cannot contain '/': use drag and drop to move into another folder."));
        return;
    }
    const bool folder = key.endsWith(QLatin1Char('/'));
    const QString target = parentPrefix(key) + newName + (folder ? QStringLiteral("/") : QString());
    if (target == key)
        return;
    if (m_model->containsName(newName, folder)) {
        Q_EMIT errorOccurred(tr("Cannot rename: \"%1\" exists already in this folder.").arg(newName));
        return;
    }
    runSequence(tr("Renaming %1 to %2").arg(key, newName),
                {[this, key, target](QObject *owner) { return makeMoveJob(key, target, owner); }});
}

s3::Job *BrowserView::makeMoveJob(const QString &key, const QString &target, QObject *parent) const
{
    if (!m_session || target == key)
        return nullptr;
    s3::S3Client *client = m_session->client();
    if (key.endsWith(QLatin1Char('/')))
        return new s3::MovePrefixJob(client, bucket(), key, target, parent);
    return new s3::MoveObjectJob(client, bucket(), key, bucket(), target, parent);
}

void BrowserView::moveKeys(const QStringList &keys, const QString &targetPrefix)
{
    if (!m_session || keys.isEmpty())
        return;
    std::vector<JobSequence::Step> steps;
    for (const QString &key : keys) {
        const bool folder = key.endsWith(QLatin1Char('/'));
        const QString target = targetPrefix + lastSegment(key) + (folder ? QStringLiteral("/") : QString());
        steps.push_back([this, key, target](QObject *parent) { return makeMoveJob(key, target, parent); });
    }
    runSequence(tr("Moving %n item(s) to %1", nullptr, int(keys.size())).arg(targetPrefix.isEmpty() ? tr("the bucket root") : targetPrefix),
                std::move(steps));
}

void BrowserView::askNewFolder()
{
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("newFolderDialog"));
    dialog->setWindowTitle(tr("New folder"));
    dialog->setLabelText(tr("Name of the new folder in s3://%1/%2:").arg(bucket(), prefix()));
    connect(dialog, &QInputDialog::textValueSelected, this, &BrowserView::createFolder);
    dialog->open();
}

void BrowserView::createFolder(const QString &name)
{
    if (!m_session || name.isEmpty())
        return;
    if (name.contains(QLatin1Char('/')) || name == QLatin1String(".") || name == QLatin1String("..")) {
        Q_EMIT errorOccurred(tr("A folder name cannot contain '/' or be \".\" or \"..\"."));
        return;
    }
    const QString what = tr("Creating folder %1").arg(name);
    ++m_operationsRunning;
    auto *job = new s3::PutObjectJob(m_session->client(), bucket(), prefix() + name + QLatin1Char('/'), this);
    job->setData({});
    connect(job, &s3::Job::finished, this, [this, job, what] { reportJob(what, job->error()); });
    job->start();
}

// --- uploads and downloads --------------------------------------------------------------------------------

void BrowserView::handleDrop(const QMimeData *mime, const QString &targetPrefix, bool &accepted)
{
    accepted = false;
    if (!m_session || bucket().isEmpty())
        return;
    if (mime->hasFormat(ObjectListModel::objectsMimeType())) {
        const QStringList lines = QString::fromUtf8(mime->data(ObjectListModel::objectsMimeType())).split(QLatin1Char('\n'));
        if (lines.size() < 2 || lines.first() != bucket())
            return;
        QStringList keys = lines.mid(1);
        keys.removeIf([&targetPrefix](const QString &key) { return key == targetPrefix; }); // a folder onto itself
        if (keys.isEmpty())
            return;
        accepted = true;
        moveKeys(keys, targetPrefix);
        return;
    }
    QStringList paths;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    if (paths.isEmpty())
        return;
    accepted = true;
    uploadPaths(paths, targetPrefix);
}

void BrowserView::uploadPaths(const QStringList &localPaths, const QString &targetPrefix)
{
    if (!m_session || bucket().isEmpty() || localPaths.isEmpty())
        return;
    auto *planner = new UploadPlanner(m_session->client(), bucket(), targetPrefix, localPaths, this);
    Q_EMIT statusMessage(tr("Preparing the upload of %n item(s)…", nullptr, int(localPaths.size())));
    connect(planner, &UploadPlanner::failed, this, [this, planner](const QString &message) {
        Q_EMIT errorOccurred(message);
        planner->deleteLater();
    });
    connect(planner, &UploadPlanner::planned, this, [this, planner] {
        planner->deleteLater();
        for (const QString &skipped : planner->skipped())
            Q_EMIT errorOccurred(tr("Not uploaded (unreadable): %1").arg(skipped));
        if (planner->conflicts().isEmpty()) {
            enqueueUploads(planner->uploads());
            return;
        }
        const int count = int(planner->conflicts().size());
        const QString first = planner->uploads().at(planner->conflicts().first()).key;
        auto *box = new QMessageBox(QMessageBox::Question, tr("Files exist already"),
                                    count == 1 ? tr("s3://%1/%2 exists already.").arg(planner->bucket(), first)
                                               : tr("%1 of the %2 files exist already in s3://%3 (first: %4).")
                                                     .arg(count)
                                                     .arg(planner->uploads().size())
                                                     .arg(planner->bucket(), first),
                                    QMessageBox::Cancel, this);
        box->setObjectName(QStringLiteral("uploadConflict"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setInformativeText(tr("Overwrite them, skip them, or keep both (the new ones get a \" (1)\" name)?"));
        QPushButton *overwrite = box->addButton(tr("Overwrite"), QMessageBox::DestructiveRole);
        QPushButton *skip = box->addButton(tr("Skip"), QMessageBox::AcceptRole);
        QPushButton *keepBoth = box->addButton(tr("Keep both"), QMessageBox::AcceptRole);
        box->setDefaultButton(skip);
        const QList<PlannedUpload> overwriteAll = planner->resolve(ConflictChoice::Overwrite);
        const QList<PlannedUpload> skipAll = planner->resolve(ConflictChoice::Skip);
        const QList<PlannedUpload> keepAll = planner->resolve(ConflictChoice::KeepBoth);
        connect(box, &QMessageBox::buttonClicked, this, [=, this](QAbstractButton *button) {
            if (button == overwrite)
                enqueueUploads(overwriteAll);
            else if (button == skip)
                enqueueUploads(skipAll);
            else if (button == keepBoth)
                enqueueUploads(keepAll);
            box->close();
        });
        box->open();
    });
    planner->start();
}

void BrowserView::enqueueUploads(const QList<PlannedUpload> &uploads)
{
    if (!m_session)
        return;
    for (const PlannedUpload &upload : uploads)
        m_session->transfers()->enqueueUpload(upload.localPath, bucket(), upload.key);
    Q_EMIT uploadsQueued(int(uploads.size()));
    Q_EMIT statusMessage(tr("%n upload(s) queued", nullptr, int(uploads.size())));
}

void BrowserView::downloadKeys(const QStringList &keys, const QString &localDir)
{
    if (!m_session || keys.isEmpty())
        return;
    int queued = 0;
    for (const QString &key : keys) {
        const bool folder = key.endsWith(QLatin1Char('/'));
        const QString name = lastSegment(key);
        // The key's last segment only, made safe: "..", "/abs" or "C:\x" never leave the chosen folder.
        const s3::Result<QString> target = s3::localPathForKey(localDir, QString(), name);
        if (!target) {
            Q_EMIT errorOccurred(tr("Not downloaded: %1 (%2)").arg(key, target.error().message()));
            continue;
        }
        if (folder)
            m_session->transfers()->enqueuePrefixDownload(bucket(), key, *target);
        else
            m_session->transfers()->enqueueDownload(bucket(), key, *target);
        ++queued;
    }
    Q_EMIT statusMessage(tr("%n download(s) queued", nullptr, queued));
}

QList<QUrl> BrowserView::prepareDragOut(const QStringList &keys)
{
    if (!m_session)
        return {};
    qint64 total = 0;
    QStringList files;
    for (const QString &key : keys) {
        if (key.endsWith(QLatin1Char('/')))
            continue;
        const int row = m_model->rowOfName(key.mid(prefix().size()));
        total += row >= 0 ? std::max<qint64>(0, m_model->sizeAt(row)) : 0;
        files.append(key);
    }
    if (files.isEmpty() || total > DragOutMaxBytes)
        return {};
    if (!m_dragDir)
        m_dragDir = std::make_unique<QTemporaryDir>(QDir::temp().filePath(QStringLiteral("s3desk-drag-XXXXXX")));
    if (!m_dragDir->isValid())
        return {};
    const QString folder = m_dragDir->filePath(QString::number(++m_dragCount));
    if (!QDir().mkpath(folder))
        return {};
    QList<QUrl> urls;
    for (const QString &key : files) {
        const s3::Result<QString> target = s3::localPathForKey(folder, QString(), lastSegment(key));
        if (!target)
            continue;
        m_session->transfers()->enqueueDownload(bucket(), key, *target);
        urls.append(QUrl::fromLocalFile(*target));
    }
    return urls;
}

void BrowserView::chooseDownloadFolder()
{
    const QStringList keys = selectedKeys();
    if (keys.isEmpty())
        return;
    auto *dialog = new QFileDialog(this, tr("Download to folder"), m_localFolder);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, [this, keys](const QString &folder) {
        m_localFolder = folder;
        downloadKeys(keys, folder);
    });
    dialog->open();
}

void BrowserView::chooseUploadFiles()
{
    auto *dialog = new QFileDialog(this, tr("Upload files to s3://%1/%2").arg(bucket(), prefix()), m_localFolder);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    const QString target = prefix();
    connect(dialog, &QFileDialog::filesSelected, this, [this, target](const QStringList &files) { uploadPaths(files, target); });
    dialog->open();
}

void BrowserView::chooseUploadFolder()
{
    auto *dialog = new QFileDialog(this, tr("Upload a folder to s3://%1/%2").arg(bucket(), prefix()), m_localFolder);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    const QString target = prefix();
    connect(dialog, &QFileDialog::fileSelected, this, [this, target](const QString &folder) { uploadPaths({folder}, target); });
    dialog->open();
}

} // namespace s3ui
