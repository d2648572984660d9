// SPDX-License-Identifier: Apache-2.0
#include "browser/browserview.h"

#include <QAction>
#include <QApplication>
#include <QCursor>
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
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "browser/conflictprompt.h"
#include "browser/downloadtargets.h"
#include "browser/dragout.h"
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

using namespace Qt::Literals::StringLiterals;

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
        if (keys.isEmpty())
            return;
        // Nothing downloads yet: the batch starts only if the drag leaves our windows (an internal move never does).
        DragOutBatch *batch = m_browser->prepareDragOut(keys);
        QMimeData *mime = m_browser->dragMimeData(keys, batch);
        if (!mime)
            return;
        auto *drag = new QDrag(this);
        drag->setMimeData(mime);
        drag->setPixmap(m_browser->m_model->data(selectionModel()->selectedRows().first(), Qt::DecorationRole).value<QIcon>().pixmap(32, 32));
        QPointer<QDrag> watched(drag);
        const QPointer<DragOutBatch> guard(batch);
        const auto checkLeft = [this, guard] {
            // Outside every window of the application: a file manager (or another program) may take the files.
            if (guard && !guard->isStarted() && !QApplication::topLevelAt(QCursor::pos()))
                m_browser->dragLeftWindow(guard);
        };
        QTimer poll;
        if (batch) {
            // The pointer is watched, not only the target: leaving through a widget that takes no drops reports no
            // target change. Wayland has no global pointer position; there the first target change counts.
            const bool wayland = QGuiApplication::platformName().startsWith(u"wayland"_s);
            connect(drag, &QDrag::targetChanged, this, [this, guard, wayland, checkLeft](QObject *target) {
                if (wayland && !target && guard && !guard->isStarted())
                    m_browser->dragLeftWindow(guard);
                else
                    checkLeft();
            });
            poll.setInterval(100);
            connect(&poll, &QTimer::timeout, this, checkLeft);
            poll.start();
        }
        // Qt's drag loop (as in every item view): inside the browser a move, outside a copy of the local files.
        const Qt::DropAction result = drag->exec(supportedActions | Qt::CopyAction, Qt::MoveAction);
        poll.stop();
        if (guard) {
            // The drop target may ask for the data only after exec() returned (X11 transfers it afterwards):
            // an external drop keeps the batch; a drop inside S3Desk or an abandoned drag cancels what runs.
            const bool inside = watched && watched->target();
            m_browser->dragEnded(guard, result != Qt::IgnoreAction && !inside);
        }
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
    , m_dragOut(new DragOutStager(this))
    , m_downloadTargets(new DownloadTargets(this))
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
    if (m_session && m_session->transfers())
        disconnect(m_session->transfers(), nullptr, this, nullptr);
    m_session = session;
    m_dragOut->setSession(session);
    m_downloadTargets->setEngine(session ? session->transfers() : nullptr);
    m_downloadActions.clear();
    if (session && session->transfers())
        connect(session->transfers(), &s3::TransferEngine::folderListingFinished, this, &BrowserView::handleFolderListed);
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
        const ObjectListModel::DraggedObjects objects = ObjectListModel::decodeObjects(mime->data(ObjectListModel::objectsMimeType()));
        if (objects.keys.isEmpty() || objects.bucket != bucket())
            return;
        QStringList keys = objects.keys;
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
        QList<RefusedKey> refused;
        for (const SkippedPath &skipped : planner->skipped())
            refused.append({skipped.path, skipped.reason});
        if (!refused.isEmpty())
            reportRefused(s3::TransferDirection::Upload, planner->bucket(), tr("Upload to s3://%1/%2").arg(planner->bucket(), planner->targetPrefix()),
                          int(planner->uploads().size()), refused, {});
        if (planner->conflicts().isEmpty()) {
            enqueueUploads(planner->uploads());
            return;
        }
        const int count = int(planner->conflicts().size());
        const QString first = planner->uploads().at(planner->conflicts().first()).key;
        ConflictQuestion question;
        question.objectName = u"uploadConflict"_s;
        question.title = tr("Files exist already");
        question.text = count == 1 ? tr("s3://%1/%2 exists already.").arg(planner->bucket(), first)
                                   : tr("%1 of the %2 files exist already in s3://%3 (first: %4).")
                                         .arg(count)
                                         .arg(planner->uploads().size())
                                         .arg(planner->bucket(), first);
        question.informative = tr("Overwrite them, skip them, or keep both (the new ones get a \" (1)\" name)?");
        const QList<PlannedUpload> overwriteAll = planner->resolve(ConflictChoice::Overwrite);
        const QList<PlannedUpload> skipAll = planner->resolve(ConflictChoice::Skip);
        const QList<PlannedUpload> keepAll = planner->resolve(ConflictChoice::KeepBoth);
        askConflictChoice(this, question, [=, this](ConflictChoice choice) {
            enqueueUploads(choice == ConflictChoice::Overwrite ? overwriteAll : choice == ConflictChoice::Skip ? skipAll : keepAll);
        });
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

bool BrowserView::localTargetInUse(const QString &path) const
{
    return m_downloadTargets->inUse(path);
}

void BrowserView::downloadKeys(const QStringList &keys, const QString &localDir)
{
    if (!m_session || keys.isEmpty())
        return;
    const auto taken = [this](const QString &path) {
        const QFileInfo info(path);
        return info.exists() || info.isSymLink() || localTargetInUse(path);
    };
    const DownloadPlan plan = planDownloads(keys, localDir, taken);
    const QString bucketName = bucket();
    if (plan.conflictCount() == 0) {
        enqueueDownloads(bucketName, plan.downloads, ConflictChoice::Overwrite, plan.refused);
        return;
    }
    const qsizetype count = plan.conflictCount();
    const PlannedDownload *first = nullptr;
    bool inUse = false;
    for (const PlannedDownload &download : plan.downloads) {
        if (!download.conflict)
            continue;
        if (!first)
            first = &download;
        inUse = inUse || localTargetInUse(download.localPath);
    }
    ConflictQuestion question;
    question.objectName = u"downloadConflict"_s;
    question.title = inUse ? tr("Files exist or are being downloaded") : tr("Files exist already");
    question.text = count == 1
        ? (localTargetInUse(first->localPath) ? tr("%1 is already being downloaded by another transfer.")
                                              : tr("%1 exists already.")).arg(QDir::toNativeSeparators(first->localPath))
        : tr("%1 of the %2 items exist already in %3 or are being downloaded there (first: %4).")
              .arg(count)
              .arg(plan.downloads.size())
              .arg(QDir::toNativeSeparators(localDir), first->key);
    question.informative = tr("Overwrite them (a download in progress there is replaced), skip them, or keep both "
                              "(the new ones get a \" (1)\" name)?");
    const QList<PlannedDownload> downloads = plan.downloads;
    const QList<RefusedKey> refused = plan.refused;
    askConflictChoice(this, question, [this, bucketName, downloads, refused, taken](ConflictChoice choice) {
        // Decided again now: the disk and the queue may have changed while the question was open.
        enqueueDownloads(bucketName, resolveDownloads(downloads, choice, taken), choice, refused);
    });
}

void BrowserView::enqueueDownloads(const QString &bucketName, const QList<PlannedDownload> &downloads, ConflictChoice choice,
                                   QList<RefusedKey> refused)
{
    if (!m_session)
        return;
    // bucketName, not bucket(): the user may have moved elsewhere while the question was open.
    s3::TransferEngine *engine = m_session->transfers();
    DownloadAction action;
    action.bucket = bucketName;
    action.refused = std::move(refused);
    for (const PlannedDownload &download : downloads) {
        if (choice == ConflictChoice::Overwrite) {
            // Overwrite replaces an unfinished download of the same file rather than racing it.
            for (s3::TransferId other : m_downloadTargets->transfersAt(download.localPath))
                engine->cancel(other);
        }
        if (download.folder) {
            engine->enqueuePrefixDownload(bucketName, download.key, download.localPath);
            m_downloadTargets->claimFolder(bucketName, download.key, download.localPath);
            action.pendingFolders.append(download.key);
        } else {
            m_downloadTargets->claim(engine->enqueueDownload(bucketName, download.key, download.localPath), download.localPath);
            ++action.queued;
        }
    }
    Q_EMIT statusMessage(tr("%n download(s) queued", nullptr, int(downloads.size())));
    if (!action.pendingFolders.isEmpty())
        m_downloadActions.append(action); // the summary waits for the folder listings
    else if (!action.refused.isEmpty())
        reportRefused(s3::TransferDirection::Download, bucketName, tr("Download from s3://%1").arg(bucketName), action.queued,
                      action.refused, {});
}

void BrowserView::handleFolderListed(const QString &bucketName, const QString &folderPrefix, int queued,
                                     const QStringList &refusedKeys, const s3::S3Error &error)
{
    for (qsizetype i = 0; i < m_downloadActions.size(); ++i) {
        DownloadAction &action = m_downloadActions[i];
        if (action.bucket != bucketName || !action.pendingFolders.removeOne(folderPrefix))
            continue;
        action.queued += queued;
        for (const QString &key : refusedKeys)
            action.refused.append({key, tr("no safe local name under the chosen folder, or another transfer writes there")});
        if (error.isError())
            action.errors.append(tr("listing s3://%1/%2 failed: %3").arg(bucketName, folderPrefix, error.toString()));
        if (action.pendingFolders.isEmpty()) {
            const DownloadAction done = m_downloadActions.takeAt(i);
            if (!done.refused.isEmpty() || !done.errors.isEmpty())
                reportRefused(s3::TransferDirection::Download, bucketName, tr("Download from s3://%1").arg(bucketName), done.queued,
                              done.refused, done.errors);
        }
        return;
    }
}

void BrowserView::reportRefused(s3::TransferDirection direction, const QString &bucketName, const QString &what, int queued,
                                const QList<RefusedKey> &refused, const QStringList &errors)
{
    if (!refused.isEmpty())
        Q_EMIT itemsRefused(direction, bucketName, refused);
    QStringList lines;
    lines << (direction == s3::TransferDirection::Upload ? tr("%1: %n file(s) queued.", nullptr, queued).arg(what)
                                                         : tr("%1: %n download(s) queued.", nullptr, queued).arg(what));
    lines << errors;
    if (!refused.isEmpty()) {
        lines << tr("%n item(s) left out (also listed as failed in the transfers):", nullptr, int(refused.size()));
        constexpr qsizetype shown = 10;
        for (qsizetype i = 0; i < std::min(shown, refused.size()); ++i)
            lines << u"  %1 (%2)"_s.arg(refused[i].key, refused[i].reason);
        if (refused.size() > shown)
            lines << tr("  … and %n more", nullptr, int(refused.size() - shown));
    }
    Q_EMIT errorOccurred(lines.join(u'\n'));
}

DragOutBatch *BrowserView::prepareDragOut(const QStringList &keys)
{
    QList<qint64> sizes;
    for (const QString &key : keys) {
        const int row = key.endsWith(u'/') ? -1 : m_model->rowOfName(key.mid(prefix().size()));
        sizes.append(row >= 0 ? m_model->sizeAt(row) : 0);
    }
    DragOutBatch *batch = m_dragOut->prepare(bucket(), keys, sizes, DragOutMaxBytes);
    if (!batch)
        return nullptr;
    connect(batch, &DragOutBatch::fileFailed, this, [this](const QString &key, const s3::S3Error &error) {
        Q_EMIT errorOccurred(tr("Dragging out %1 failed: %2").arg(key, error.toString()));
    });
    connect(batch, &DragOutBatch::ready, this, [this, batch] {
        Q_EMIT statusMessage(tr("%n file(s) ready to drop", nullptr, int(batch->files().size())));
    });
    return batch;
}

QMimeData *BrowserView::dragMimeData(const QStringList &keys, DragOutBatch *batch) const
{
    if (keys.isEmpty() || bucket().isEmpty())
        return nullptr;
    auto *mime = new DragOutMimeData(batch);
    mime->setData(ObjectListModel::objectsMimeType(), ObjectListModel::encodeObjects({bucket(), keys}));
    QStringList uris;
    for (const QString &key : keys)
        uris.append(u"s3://%1/%2"_s.arg(bucket(), key));
    mime->setText(uris.join(u'\n'));
    return mime;
}

void BrowserView::dragLeftWindow(DragOutBatch *batch)
{
    if (!batch || batch->isStarted())
        return;
    batch->start();
    Q_EMIT statusMessage(tr("Downloading %n file(s) for the drop…", nullptr, int(batch->files().size())));
}

void BrowserView::dragEnded(DragOutBatch *batch, bool droppedOutside)
{
    if (!batch)
        return;
    if (!droppedOutside) {
        batch->cancel();
        batch->deleteLater();
        return;
    }
    // A file manager may ask for the data while hovering and again at the drop, possibly after exec() returned:
    // what counts is its last request. Files left out of it were not handed over; the user must know.
    QTimer::singleShot(DropReportDelayMs, batch, [this, batch] {
        const QStringList missing = batch->missedAtLastRequest();
        if (!batch->wasRequested() || missing.isEmpty())
            return;
        Q_EMIT errorOccurred(tr("Dropped before %n file(s) finished downloading; they were not handed over: %1. "
                                "Drag them again once the status bar says they are ready, or use Download….",
                                nullptr, int(missing.size()))
                                 .arg(missing.join(u", "_s)));
    });
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
