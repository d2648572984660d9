// SPDX-License-Identifier: Apache-2.0
#include "browser/browserview.h"

#include <limits>
#include <memory>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCursor>
#include <QDir>
#include <QDrag>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QThreadPool>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "browser/conflictprompt.h"
#include "browser/downloadtargets.h"
#include "browser/dragout.h"
#include "browser/encryptioncolumnloader.h"
#include "browser/jobsequence.h"
#include "browser/namerules.h"
#include "browser/openeditcontroller.h"
#include "browser/quicklookcontroller.h"
#include "browser/s3location.h"
#include "browser/synccontroller.h"
#include "browser/ssekeycontroller.h"
#include "browser/uploadplanner.h"
#include "browser/versionsview.h"
#include "connection/session.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/servercopyjob.h"
#include "s3core/transfer/transferengine.h"
#include "dialogs/namedialog.h"
#include "dialogs/restoredialog.h"
#include "models/objectlistmodel.h"
#include "models/versionlistmodel.h"
#include "widgets/searchbar.h"
#include "s3core/ops/countobjectsjob.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/moveprefixjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/foreachobjectjob.h"
#include "s3core/ops/restoreobjectjob.h"
#include "s3core/restore.h"
#include "s3core/transfer/localpaths.h"
#include "s3core/transfer/transferengine.h"
#include "util/counttext.h"
#include "util/windowfit.h"
#include "widgets/breadcrumbbar.h"
#include "widgets/quicklookpane.h"

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
    , m_sseKeys(new SseKeyController(this))
    , m_openEdit(new OpenEditController(this, m_sseKeys))
{
    connect(m_openEdit, &OpenEditController::statusMessage, this, &BrowserView::statusMessage);
    connect(m_openEdit, &OpenEditController::errorOccurred, this, &BrowserView::errorOccurred);
    m_localFolder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    createActions();
    createCopyActions();

    m_toolbar->setIconSize(QSize(18, 18));
    m_toolbar->addAction(m_back);
    m_toolbar->addAction(m_forward);
    m_toolbar->addAction(m_up);
    m_toolbar->addAction(m_refresh);
    m_filter->setPlaceholderText(tr("Filter by name"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter by name"));
    // The location and the filter sit beside the toolbar, not in it: a toolbar hides what does not fit behind
    // a chevron, and a deep folder in a narrow window would hide both. The breadcrumbs give way instead.
    m_filter->setMinimumWidth(140);
    m_filter->setMaximumWidth(260);
    m_locationEdit = new QLineEdit(this);
    m_locationEdit->setObjectName(u"locationEdit"_s);
    m_locationEdit->setAccessibleName(tr("Location"));
    m_locationEdit->setPlaceholderText(tr("s3://bucket/folder/"));
    m_locationEdit->setToolTip(tr("Type a location and press Enter (Escape: back to the breadcrumbs)"));
    m_locationEdit->hide();
    auto *cancelLocation = new QAction(m_locationEdit);
    cancelLocation->setShortcut(QKeySequence(Qt::Key_Escape));
    cancelLocation->setShortcutContext(Qt::WidgetShortcut);
    connect(cancelLocation, &QAction::triggered, this, [this] { closeLocationBar(); });
    m_locationEdit->addAction(cancelLocation);
    connect(m_locationEdit, &QLineEdit::returnPressed, this, &BrowserView::openTypedLocation);
    connect(m_locationEdit, &QLineEdit::editingFinished, this, [this] {
        if (!m_locationEdit->hasFocus())
            closeLocationBar();
    });

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
    // Name takes the width the others leave (no empty band, no scrollbar); the others stay resizable.
    header->setSectionResizeMode(ObjectListModel::NameColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(60);
    // The header rebuilds its sections on a layout change without hints (sorting, filtering) and forgets the mode.
    const auto keepNameStretched = [header] {
        if (header->count() > ObjectListModel::NameColumn
            && header->sectionResizeMode(ObjectListModel::NameColumn) != QHeaderView::Stretch)
            header->setSectionResizeMode(ObjectListModel::NameColumn, QHeaderView::Stretch);
    };
    connect(m_model, &QAbstractItemModel::layoutChanged, header, keepNameStretched);
    connect(m_model, &QAbstractItemModel::modelReset, header, keepNameStretched);
    header->resizeSection(ObjectListModel::SizeColumn, 90);
    header->resizeSection(ObjectListModel::ModifiedColumn, 150);
    header->resizeSection(ObjectListModel::StorageClassColumn, 110);
    header->resizeSection(ObjectListModel::EtagColumn, 260);
    header->setSectionHidden(ObjectListModel::EtagColumn, true); // ETag on demand (header menu)
    // Encryption on demand too: filling it costs a request per file in view.
    header->resizeSection(ObjectListModel::EncryptionColumn, 140);
    header->setSectionHidden(ObjectListModel::EncryptionColumn, true);
    m_encryptionLoader = new EncryptionColumnLoader(m_view, m_model, this);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](const QPoint &position) {
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        for (int column = ObjectListModel::SizeColumn; column < ObjectListModel::ColumnCount; ++column) {
            QAction *toggle = menu->addAction(m_model->headerData(column, Qt::Horizontal).toString());
            toggle->setCheckable(true);
            toggle->setChecked(!header->isSectionHidden(column));
            connect(toggle, &QAction::toggled, this, [this, column](bool shown) { setColumnShown(column, shown); });
        }
        menu->popup(header->mapToGlobal(position));
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 4, 0);
    bar->setSpacing(4);
    bar->addWidget(m_toolbar);
    bar->addWidget(m_breadcrumbs, 1);
    bar->addWidget(m_locationEdit, 1);
    bar->addWidget(m_filter);
    layout->addLayout(bar);
    // A listing that failed says so where the rows would be, with what to do (not a pop-up and "0 items").
    m_listingError = new QLabel(this);
    m_listingError->setObjectName(u"listingError"_s);
    m_listingError->setWordWrap(true);
    m_listingError->setTextFormat(Qt::PlainText); // names of buckets and keys are not markup
    m_listingError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_listingError->setFrameShape(QFrame::StyledPanel);
    m_listingError->setMargin(10);
    m_listingError->setVisible(false);
    layout->addWidget(m_listingError);
    // The table and the Quick look pane (hidden until Space) share the width.
    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->setChildrenCollapsible(false);
    m_split->addWidget(m_view);
    layout->addWidget(m_split, 1);
    createQuickLook();
    createSearch();
    layout->insertWidget(1, m_searchBar); // under the toolbar row, above the rows it fills
    m_status->setContentsMargins(6, 0, 6, 2);
    layout->addWidget(m_status);
    setTabOrder(m_filter, m_view);

    // Versions of the current folder, in their own view and model: the normal listing pays nothing for them.
    m_versions = new VersionsView(this);
    m_versions->hide();
    layout->insertWidget(layout->indexOf(m_split) + 1, m_versions, 1);
    m_showVersions = new QAction(tr("Show versions"), this);
    m_showVersions->setCheckable(true);
    m_showVersions->setToolTip(tr("Show the versions and delete markers of this folder"));
    m_toolbar->addAction(m_showVersions);
    connect(m_showVersions, &QAction::toggled, this, [this](bool on) {
        if (on)
            m_quickLook->setChecked(false); // it shows objects of the table, which the versions replace
        m_split->setVisible(!on);
        m_versions->setVisible(on);
        m_versions->setLocation(on ? m_session.data() : nullptr, bucket(), prefix());
        updateStatus();
    });
    // While the versions are shown, the count under the list is theirs (the folder's count would be stale).
    connect(m_versions->model(), &VersionListModel::pageLoaded, this, &BrowserView::updateStatus);
    connect(m_versions->model(), &QAbstractItemModel::modelReset, this, &BrowserView::updateStatus);
    connect(m_versions, &VersionsView::folderOpened, this, [this](const QString &folder) { openLocation(bucket(), folder); });
    connect(m_versions, &VersionsView::errorOccurred, this, &BrowserView::errorOccurred);
    connect(m_versions, &VersionsView::statusMessage, this, &BrowserView::statusMessage);
    connect(m_versions, &VersionsView::operationFinished, this, [this](const QString &, bool ok) {
        if (ok)
            m_model->refresh();
    });

    connect(m_view, &QTableView::activated, this, &BrowserView::activate);
    connect(m_view, &QTableView::customContextMenuRequested, this, &BrowserView::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &BrowserView::updateActions);
    // Filtering a huge folder costs a pass over its rows: apply what was typed once typing pauses.
    auto *filterDelay = new QTimer(this);
    filterDelay->setSingleShot(true);
    filterDelay->setInterval(FilterDelayMs);
    connect(m_filter, &QLineEdit::textChanged, filterDelay, qOverload<>(&QTimer::start));
    connect(filterDelay, &QTimer::timeout, this, [this] {
        m_model->setNameFilter(m_filter->text());
        updateStatus();
    });
    // "31 of 3,000 items" follows the rows the filter lets through.
    connect(m_model, &QAbstractItemModel::modelReset, this, &BrowserView::updateStatus);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &BrowserView::updateStatus);
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
        m_listingError->setText(describeListingError(bucket(), prefix(), error));
        m_listingError->setVisible(true);
        updateStatus();
    });
    connect(m_model, &ObjectListModel::listingChanged, this, [this](bool listing) {
        if (listing)
            m_listingError->setVisible(false);
    });
    // revealName(): the row may come in any page, and a background sort may still be moving it.
    connect(m_model, &ObjectListModel::loadedCountChanged, this, &BrowserView::trySelectPendingReveal);
    connect(m_model, &ObjectListModel::listingChanged, this, &BrowserView::trySelectPendingReveal);
    connect(m_model, &ObjectListModel::recomputingChanged, this, &BrowserView::trySelectPendingReveal);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &BrowserView::trySelectPendingReveal);
    connect(m_model, &ObjectListModel::listingFailed, this, [this] { m_pendingReveal.clear(); });
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
    // Open with… and Edit act on the selected file (Open follows the current row, as Enter does).
    const auto selectedFile = [this] {
        const QStringList keys = selectedKeys();
        return keys.size() == 1 && !keys.first().endsWith(u'/') ? keys.first() : QString();
    };
    m_openWith = make(tr("Open with…"), QIcon(), {}, [this, selectedFile] {
        if (const QString key = selectedFile(); !key.isEmpty())
            m_openEdit->openWith(bucket(), key);
    });
    m_openWith->setObjectName(u"openWithAction"_s);
    m_edit = make(tr("Edit"), QIcon(), {}, [this, selectedFile] {
        if (const QString key = selectedFile(); !key.isEmpty())
            m_openEdit->open(bucket(), key, OpenEditController::Mode::Edit);
    });
    m_edit->setObjectName(u"editAction"_s);
    m_edit->setToolTip(tr("Edit a copy in its program; changes are offered for upload"));
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
        if (keys.size() != 1)
            return;
        if (keys.first().endsWith(QLatin1Char('/')))
            Q_EMIT folderPropertiesRequested(bucket(), keys.first());
        else
            Q_EMIT propertiesRequested(bucket(), keys.first());
    });
    m_goTo = make(tr("Go to location…"), QIcon(), {QKeySequence(Qt::CTRL | Qt::Key_L)}, [this] {
        m_breadcrumbs->hide();
        m_locationEdit->show();
        m_locationEdit->setText(bucket().isEmpty() ? u"s3://"_s : u"s3://%1/%2"_s.arg(bucket(), prefix()));
        m_locationEdit->setFocus();
        m_locationEdit->selectAll();
    });
    m_goTo->setShortcutContext(Qt::WindowShortcut); // wherever the focus is, as in a file manager
    m_incomplete = make(tr("Incomplete uploads…"), QIcon(), {}, [this] {
        if (!bucket().isEmpty())
            Q_EMIT incompleteUploadsRequested(bucket());
    });
    m_sync = make(tr("Synchronize…"), QIcon(), {}, [this] {
        if (bucket().isEmpty())
            return;
        const QStringList keys = selectedKeys();
        const QString syncPrefix = keys.size() == 1 && keys.first().endsWith(u'/') ? keys.first() : prefix();
        SyncController::openDialog(m_session, bucket(), syncPrefix, localFolder(), [this](const QString &path) { return localTargetInUse(path); }, this);
    });
    m_sync->setObjectName(u"syncAction"_s);
    m_makePublic = make(tr("Make public…"), QIcon(), {}, [this] { askSetAcl(QStringLiteral("public-read")); });
    m_makePrivate = make(tr("Make private…"), QIcon(), {}, [this] { askSetAcl(QStringLiteral("private")); });
    m_changeStorageClass = make(tr("Change storage class…"), QIcon(), {}, [this] { askStorageClass(); });
    m_restore = make(tr("Restore…"), QIcon(), {}, [this] { askRestore(); });
}

void BrowserView::createQuickLook()
{
    m_quickLookPane = new QuickLookPane(m_split);
    m_quickLookPane->hide();
    m_split->addWidget(m_quickLookPane);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    m_quickLookController = new QuickLookController(m_quickLookPane, m_sseKeys, this);
    // Space and Esc only in the table and the pane: in the filter and location fields they are typed, and the
    // toolbar's buttons keep Space.
    m_quickLook = new QAction(tr("Quick look"), this);
    m_quickLook->setObjectName(u"quickLookAction"_s);
    m_quickLook->setCheckable(true);
    m_quickLook->setShortcut(QKeySequence(Qt::Key_Space));
    m_quickLook->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_quickLook->setToolTip(tr("Look at the selected file without downloading it (Space)"));
    m_view->addAction(m_quickLook);
    m_quickLookPane->addAction(m_quickLook);
    m_closeQuickLook = new QAction(tr("Close Quick look"), this);
    m_closeQuickLook->setShortcut(QKeySequence(Qt::Key_Escape));
    m_closeQuickLook->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_closeQuickLook->setEnabled(false); // Esc means nothing here while the pane is closed
    m_view->addAction(m_closeQuickLook);
    m_quickLookPane->addAction(m_closeQuickLook);
    // Esc in the table closes Quick look first, then stops or leaves a search (one Esc binding for the table).
    connect(m_closeQuickLook, &QAction::triggered, this, [this] {
        if (m_quickLook->isChecked())
            m_quickLook->setChecked(false);
        else if (m_searchBar && !m_searchBar->isHidden())
            m_searchBar->escape();
    });
    connect(m_quickLookPane, &QuickLookPane::closeRequested, this, [this] { m_quickLook->setChecked(false); });
    connect(m_quickLook, &QAction::toggled, this, [this](bool on) {
        m_closeQuickLook->setEnabled(on || (m_searchBar && !m_searchBar->isHidden()));
        if (on && m_quickLookPane->isHidden()) {
            m_quickLookPane->show();
            const int width = m_split->width();
            m_split->setSizes({width * 3 / 5, width - width * 3 / 5});
        } else if (!on) {
            m_quickLookPane->hide();
        }
        if (on)
            quickLookCurrent();
        else
            m_quickLookController->stop(); // closing cancels the running request
    });
    // Moving the selection (arrows, clicks) shows the new file and cancels the request for the one left.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        if (m_quickLook->isChecked())
            quickLookCurrent();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { // another folder: nothing is current
        if (m_quickLook->isChecked())
            quickLookCurrent();
    });
}

void BrowserView::quickLookCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_view->selectionModel()->isRowSelected(current.row(), {})) {
        m_quickLookController->showMessage(tr("Quick look"), tr("Select a file to look at it."));
        return;
    }
    const int row = current.row();
    if (m_model->isFolderAt(row)) {
        m_quickLookController->showMessage(m_model->nameAt(row), tr("A folder: open it (Enter) to see what is in it."));
        return;
    }
    m_quickLookController->show(bucket(), m_model->keyAt(row), m_model->sizeAt(row));
}

void BrowserView::createSearch()
{
    m_searchBar = new SearchBar(this);
    m_searchBar->hide();
    m_find = new QAction(tr("Find…"), this);
    m_find->setObjectName(u"findAction"_s);
    m_find->setShortcut(QKeySequence::Find);
    // Wherever the focus is in the window (the bucket list too), as file managers do.
    m_find->setShortcutContext(Qt::WindowShortcut);
    m_find->setToolTip(tr("Find objects in this folder and every folder below it, by name, size or date"));
    addAction(m_find);
    connect(m_find, &QAction::triggered, this, [this] {
        if (!m_session || bucket().isEmpty())
            return;
        m_searchBar->setScope(u"s3://%1/%2"_s.arg(bucket(), prefix()));
        m_searchBar->activate();
        m_closeQuickLook->setEnabled(true);
    });
    m_reveal = new QAction(tr("Show in folder"), this);
    m_reveal->setObjectName(u"revealAction"_s);
    m_reveal->setToolTip(tr("Open the folder of this search result and select it there"));
    connect(m_reveal, &QAction::triggered, this, [this] {
        const QStringList keys = selectedKeys();
        if (keys.size() == 1)
            revealKey(keys.first());
    });
    connect(m_searchBar, &SearchBar::searchRequested, this, [this](const s3::SearchCriteria &criteria) {
        if (!m_session || bucket().isEmpty())
            return;
        m_showVersions->setChecked(false); // the results are objects of the table
        m_listingError->setVisible(false);
        m_model->startSearch(criteria);
        updateActions();
    });
    connect(m_searchBar, &SearchBar::stopRequested, m_model, &ObjectListModel::stopListing);
    connect(m_searchBar, &SearchBar::closeRequested, this, &BrowserView::closeSearch);
    connect(m_model, &ObjectListModel::listingChanged, this, [this](bool running) {
        m_searchBar->setRunning(running && m_model->isSearchMode());
        if (!running)
            selectPendingReveal();
    });
    connect(m_model, &ObjectListModel::searchProgress, this, &BrowserView::updateStatus);
    connect(m_model, &ObjectListModel::loadedCountChanged, this, &BrowserView::selectPendingReveal);
}

void BrowserView::closeSearch()
{
    m_searchBar->setRunning(false);
    m_searchBar->hide();
    m_closeQuickLook->setEnabled(m_quickLook->isChecked());
    if (m_model->isSearchMode())
        m_model->setLocation(m_session ? m_session->client() : nullptr, bucket(), prefix());
    m_view->setFocus();
    updateActions();
}

void BrowserView::revealKey(const QString &key)
{
    if (key.isEmpty() || key.endsWith(u'/'))
        return;
    // Selected as soon as a page brings the row (one wish at a time, shared with s3:// links: revealName()).
    revealName(bucket(), parentPrefix(key), lastSegment(key));
}

void BrowserView::selectPendingReveal()
{
    if (m_model->isSearchMode())
        return;
    trySelectPendingReveal();
}

void BrowserView::createCopyActions()
{
    // No shortcut: Ctrl+C is left for copying objects themselves, Ctrl+Shift+C is the presigned link.
    m_copyUri = new QAction(tr("Copy s3:// URI"), this);
    m_copyUri->setObjectName(u"copyUriAction"_s);
    connect(m_copyUri, &QAction::triggered, this, [this] { copySelected(true); });
    m_copyKey = new QAction(tr("Copy key"), this);
    m_copyKey->setObjectName(u"copyKeyAction"_s);
    connect(m_copyKey, &QAction::triggered, this, [this] { copySelected(false); });
}

void BrowserView::updateCopyActions(const QStringList &keys)
{
    m_copyUri->setEnabled(!keys.isEmpty());
    m_copyKey->setEnabled(!keys.isEmpty());
}

void BrowserView::copySelected(bool asUri)
{
    const QStringList keys = selectedKeys();
    if (keys.isEmpty())
        return;
    QStringList lines;
    lines.reserve(keys.size());
    for (const QString &key : keys)
        lines.append(asUri ? u"s3://%1/%2"_s.arg(bucket(), key) : key);
    QGuiApplication::clipboard()->setText(lines.join(u'\n'));
    Q_EMIT statusMessage(asUri ? tr("Copied %1").arg(keys.size() == 1 ? lines.first() : tr("%1 URIs").arg(keys.size()))
                               : tr("Copied %1").arg(keys.size() == 1 ? lines.first() : tr("%1 keys").arg(keys.size())));
}

QString BrowserView::existingFolder(const QStringList &candidates)
{
    for (const QString &candidate : candidates) {
        if (!candidate.isEmpty() && QFileInfo(candidate).isDir())
            return candidate;
    }
    return candidates.isEmpty() ? QString() : candidates.last();
}

QString BrowserView::localFolder() const
{
    // Checked when asked, not when set: the folder may be removed while the app runs.
    return existingFolder({m_localFolder, QStandardPaths::writableLocation(QStandardPaths::DownloadLocation), QDir::homePath()});
}

void BrowserView::setColumnShown(int column, bool shown)
{
    m_view->horizontalHeader()->setSectionHidden(column, !shown);
    if (column == ObjectListModel::EncryptionColumn)
        m_encryptionLoader->setEnabled(shown);
}

void BrowserView::setSession(Session *session)
{
    if (m_session && m_session->transfers())
        disconnect(m_session->transfers(), nullptr, this, nullptr);
    m_session = session;
    m_dragOut->setSession(session);
    m_downloadTargets->setEngine(session ? session->transfers() : nullptr);
    m_sseKeys->setEngine(session ? session->transfers() : nullptr);
    m_encryptionLoader->setSession(session);
    m_quickLookController->setSession(session);
    m_openEdit->setSession(session);
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
    m_pendingReveal.clear();
    if (record) {
        while (m_history.size() > m_historyIndex + 1)
            m_history.removeLast();
        if (m_history.isEmpty() || m_history.last().bucket != location.bucket || m_history.last().prefix != location.prefix)
            m_history.append(location);
        m_historyIndex = int(m_history.size()) - 1;
    }
    m_filter->clear();
    m_listingError->setVisible(false);
    m_pendingReveal.clear();
    if (m_searchBar && !m_searchBar->isHidden()) { // navigating leaves a search (the new folder is listed below)
        m_searchBar->setRunning(false);
        m_searchBar->hide();
        m_closeQuickLook->setEnabled(m_quickLook->isChecked());
    }
    m_model->setLocation(m_session ? m_session->client() : nullptr, location.bucket, location.prefix);
    m_breadcrumbs->setLocation(location.bucket, location.prefix);
    if (m_showVersions->isChecked())
        m_versions->setLocation(m_session, location.bucket, location.prefix);
    updateActions();
    Q_EMIT locationChanged(location.bucket, location.prefix);
}

QString BrowserView::describeListingError(const QString &bucketName, const QString &prefixPath, const s3::S3Error &error)
{
    const QString location = u"s3://%1/%2"_s.arg(bucketName, prefixPath);
    const QString code = error.code();
    if (code == u"AccessDenied"_s || error.httpStatus() == 403)
        return tr("You do not have permission to list %1 (%2).\n\nThe connection's key may still read or write "
                  "objects whose names you know: type a location with Ctrl+L. To list this folder, the key needs "
                  "s3:ListBucket on the bucket; ask its owner.")
            .arg(location, code.isEmpty() ? tr("HTTP 403") : code);
    if (code == u"NoSuchBucket"_s)
        return tr("The bucket %1 does not exist (NoSuchBucket): it was deleted, or the name is mistyped.\n\n"
                  "Choose another bucket on the left (Refresh bucket list shows what exists now), or type a "
                  "location with Ctrl+L.")
            .arg(bucketName);
    return tr("Listing %1 failed: %2\n\nPress F5 to try again.").arg(location, error.toString());
}

void BrowserView::forgetBucket(const QString &bucketName)
{
    // Back and Forward never lead into a bucket that is gone.
    for (qsizetype i = m_history.size() - 1; i >= 0; --i) {
        if (m_history.at(i).bucket != bucketName)
            continue;
        m_history.removeAt(i);
        if (m_historyIndex >= i && m_historyIndex > 0)
            --m_historyIndex;
    }
    // Two neighbours that became equal are one step.
    for (qsizetype i = m_history.size() - 1; i > 0; --i) {
        if (m_history.at(i).bucket == m_history.at(i - 1).bucket && m_history.at(i).prefix == m_history.at(i - 1).prefix) {
            m_history.removeAt(i);
            if (m_historyIndex >= i)
                --m_historyIndex;
        }
    }
    m_historyIndex = qMin(m_historyIndex, int(m_history.size()) - 1);
    if (bucket() == bucketName)
        openLocation({}, {});
    updateActions();
}

void BrowserView::closeLocationBar()
{
    m_locationEdit->hide();
    m_breadcrumbs->show();
}

void BrowserView::openTypedLocation()
{
    const s3::Result<S3Location> location = parseS3Location(m_locationEdit->text());
    if (!location) {
        // The input stays, with the reason: the user fixes a character rather than typing it all again.
        m_locationEdit->setToolTip(location.error().message());
        Q_EMIT statusMessage(location.error().message());
        return;
    }
    m_locationEdit->setToolTip(tr("Type a location and press Enter (Escape: back to the breadcrumbs)"));
    closeLocationBar();
    // A bucket the key can read but not list works too: the listing says what it may (see listingError()).
    openLocation(location->bucket, location->prefix);
    m_view->setFocus();
}

void BrowserView::restoreHistory(const QList<Location> &history, int index)
{
    if (index < 0 || index >= history.size()) {
        m_history.clear();
        m_historyIndex = -1;
        navigate({}, false);
        return;
    }
    m_history = history;
    m_historyIndex = index;
    navigate(history.at(index), false);
}

QString BrowserView::connectionMimeType()
{
    return u"application/x-s3desk-connection"_s;
}

QStringList BrowserView::historyLocations() const
{
    QStringList locations;
    for (const Location &location : m_history)
        locations << (location.bucket.isEmpty() ? QString() : u"s3://%1/%2"_s.arg(location.bucket, location.prefix));
    return locations;
}

void BrowserView::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    if (m_model->isFolderAt(index.row()))
        openLocation(bucket(), m_model->keyAt(index.row()));
    else if (m_session && !bucket().isEmpty())
        m_openEdit->open(bucket(), m_model->keyAt(index.row()), OpenEditController::Mode::Open);
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

void BrowserView::revealName(const QString &bucketName, const QString &prefixPath, const QString &name)
{
    openLocation(bucketName, prefixPath); // clears an older wish
    m_pendingReveal = name;
    trySelectPendingReveal();
}

void BrowserView::trySelectPendingReveal()
{
    if (m_pendingReveal.isEmpty() || m_model->isRecomputing())
        return;
    if (selectName(m_pendingReveal)) {
        m_pendingReveal.clear();
        m_view->setFocus();
        return;
    }
    if (!m_model->isListing()) {
        Q_EMIT statusMessage(tr("%1 is not in this folder.").arg(prefix() + std::exchange(m_pendingReveal, QString())));
    }
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
    m_openWith->setEnabled(oneFile);
    m_edit->setEnabled(oneFile);
    m_download->setEnabled(!keys.isEmpty());
    m_uploadFiles->setEnabled(inBucket);
    m_uploadFolder->setEnabled(inBucket);
    m_newFolder->setEnabled(inBucket);
    m_rename->setEnabled(keys.size() == 1);
    m_delete->setEnabled(!keys.isEmpty());
    m_presign->setEnabled(oneFile);
    m_properties->setEnabled(keys.size() == 1); // a folder's: its total size and count, walked on demand
    m_incomplete->setEnabled(inBucket);
    m_sync->setEnabled(inBucket);
    m_makePublic->setEnabled(!keys.isEmpty());
    m_makePrivate->setEnabled(!keys.isEmpty());
    updateCopyActions(keys);
    m_changeStorageClass->setEnabled(!keys.isEmpty());
    // Only files the listing shows in an archive class: the others need no restore (and S3 would refuse it).
    const QModelIndexList rows = inBucket ? m_view->selectionModel()->selectedRows(ObjectListModel::StorageClassColumn) : QModelIndexList();
    if (m_find) {
        m_find->setEnabled(inBucket);
        m_reveal->setEnabled(oneFile && m_model->isSearchMode());
    }
    m_restore->setEnabled(!rows.isEmpty() && std::all_of(rows.cbegin(), rows.cend(), [this](const QModelIndex &index) {
        return !m_model->isFolderAt(index.row()) && s3::restore::isArchiveClass(index.data().toString());
    }));
}

void BrowserView::updateStatus()
{
    if (bucket().isEmpty()) {
        // The window's status bar names the connection and says "choose a bucket": no second voice here.
        m_status->clear();
        return;
    }
    const QLocale locale;
    if (m_showVersions && m_showVersions->isChecked()) {
        const VersionListModel *versions = m_versions->model();
        const int rows = versions->rowCount();
        const QString count = rows == 1 ? tr("1 version or folder") : tr("%1 versions and folders").arg(locale.toString(rows));
        if (versions->isListing() && rows == 0)
            m_status->setText(tr("Listing versions…"));
        else
            m_status->setText(versions->hasMore() ? tr("%1 shown; more load as you scroll").arg(count) : count);
        return;
    }
    const int loaded = m_model->loadedCount();
    // English plurals in the code: the untranslated "%n item(s)" would show its "(s)".
    const auto items = [&locale](int n) { return n == 1 ? tr("1 item") : tr("%1 items").arg(locale.toString(n)); };
    if (m_model->isSearchMode()) {
        const qint64 searched = m_model->searchedCount();
        const QString keys = searched == 1 ? tr("1 key") : tr("%1 keys").arg(locale.toString(searched));
        const QString found = m_model->nameFilter().isEmpty()
            ? tr("%1 found").arg(locale.toString(loaded))
            : tr("%1 of %2 found").arg(locale.toString(m_model->rowCount()), locale.toString(loaded));
        if (!m_model->isListing() && m_model->lastError().isError())
            m_status->setText(tr("Search failed: %1 in %2").arg(found, keys));
        else if (m_model->isListing())
            m_status->setText(tr("%1, %2 searched…").arg(found, keys)); // "123 found, 45,000 keys searched…"
        else
            m_status->setText(tr("%1 in %2").arg(found, keys)); // "123 found in 45,000 keys"
        return;
    }
    if (!m_model->isListing() && m_model->lastError().isError())
        m_status->setText(tr("Listing failed"));
    else if (m_model->isRecomputing())
        m_status->setText(tr("Sorting and filtering %1…").arg(items(loaded)));
    else if (m_model->isListing())
        m_status->setText(tr("%1 loaded…").arg(items(loaded)));
    else if (!m_model->nameFilter().isEmpty())
        m_status->setText(tr("%1 of %2").arg(locale.toString(m_model->rowCount()), items(loaded))); // "31 of 3,000 items"
    else
        m_status->setText(items(loaded));
}

void BrowserView::showContextMenu(const QPoint &position)
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(m_open);
    menu->addAction(m_openWith);
    menu->addAction(m_edit);
    menu->addAction(m_quickLook);
    menu->addAction(m_download);
    menu->addSeparator();
    menu->addAction(m_uploadFiles);
    menu->addAction(m_uploadFolder);
    menu->addAction(m_newFolder);
    menu->addSeparator();
    menu->addAction(m_rename);
    menu->addAction(m_delete);
    menu->addSeparator();
    menu->addAction(m_copyUri);
    menu->addAction(m_copyKey);
    menu->addAction(m_presign);
    menu->addAction(m_properties);
    if (const QModelIndex row = m_view->indexAt(position); row.isValid() && m_model->isFolderAt(row.row())) {
        for (const QPointer<QAction> &action : std::as_const(m_folderMenuActions)) {
            if (action)
                menu->addAction(action);
        }
    }
    if (m_model->isSearchMode())
        menu->addAction(m_reveal);
    menu->addAction(m_makePublic);
    menu->addAction(m_makePrivate);
    menu->addAction(m_changeStorageClass);
    if (m_restore->isEnabled())
        menu->addAction(m_restore);
    menu->addSeparator();
    menu->addAction(m_sync);
    menu->addAction(m_incomplete);
    menu->addAction(m_refresh);
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

void BrowserView::reportJob(const QString &what, const s3::S3Error &error, const QString &note)
{
    --m_operationsRunning;
    const bool ok = !error.isError();
    if (!ok && error.kind() != s3::S3Error::Kind::Cancelled)
        Q_EMIT errorOccurred(tr("%1 failed: %2").arg(what, error.toString()));
    else if (ok && note.isEmpty())
        Q_EMIT statusMessage(tr("%1: done").arg(what));
    else if (ok)
        Q_EMIT statusMessage(tr("%1: done. %2").arg(what, note));
    if (!ok && !note.isEmpty())
        Q_EMIT statusMessage(note); // what was queued goes on whatever failed here
    m_model->refresh();
    Q_EMIT operationFinished(what, ok);
}

// --- delete ---------------------------------------------------------------------------------------------

void BrowserView::askDelete()
{
    const QStringList keys = selectedKeys();
    if (keys.isEmpty())
        return;
    QStringList folders;
    int files = 0;
    qint64 fileBytes = 0;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows(ObjectListModel::NameColumn)) {
        if (m_model->isFolderAt(index.row())) {
            folders.append(m_model->keyAt(index.row()));
            continue;
        }
        ++files;
        fileBytes += qMax<qint64>(0, m_model->sizeAt(index.row()));
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete"), counttext::deleteQuestion(files, int(folders.size()), files, fileBytes),
                                QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QString where = keys.size() == 1 ? QStringLiteral("s3://%1/%2").arg(bucket(), keys.first())
                                           : QStringLiteral("s3://%1/%2").arg(bucket(), prefix());
    box->setInformativeText(keys.size() == 1 ? where : tr("in %1 — this cannot be undone.").arg(where));
    QPushButton *remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"deleteButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setObjectName(QStringLiteral("confirmDelete"));
    // Wide enough for the title and for the address on one line: a path is not wrapped mid-name.
    fitMessageBox(box, keys.size() == 1 ? where : tr("in %1 — this cannot be undone.").arg(where));
    // Folders are walked first, so the question states what a recursive delete really removes. The walk runs
    // on the event loop (paged listings, counts only); Cancel closes the box, which cancels the walk.
    QPointer<s3::CountObjectsJob> walk;
    const auto total = std::make_shared<qint64>(folders.isEmpty() ? files : -1); // objects, once known
    if (!folders.isEmpty() && m_session) {
        remove->setEnabled(false);
        box->setText(counttext::counting(files, fileBytes));
        walk = new s3::CountObjectsJob(m_session->client(), bucket(), folders, box);
        if (m_countPageSize > 0)
            walk->setPageSize(m_countPageSize);
        const int folderCount = int(folders.size());
        connect(walk, &s3::CountObjectsJob::progressChanged, box, [box, files, fileBytes](const s3::ObjectCounts &counts) {
            box->setText(counttext::counting(files + counts.objects, fileBytes + counts.bytes));
        });
        connect(walk, &s3::Job::finished, box, [box, remove, walk, files, fileBytes, folderCount, total] {
            if (!walk)
                return;
            const s3::ObjectCounts counts = walk->counts();
            *total = files + counts.objects;
            box->setText(counttext::deleteQuestion(files, folderCount, files + counts.objects, fileBytes + counts.bytes));
            if (walk->hasError())
                box->setInformativeText(tr("Counting stopped: %1. At least this much would be deleted.").arg(walk->error().toString()));
            remove->setEnabled(true);
        });
        connect(box, &QDialog::finished, this, [walk] {
            if (walk)
                walk->cancel();
        });
    }
    connect(box, &QMessageBox::buttonClicked, this, [this, box, remove, keys, total](QAbstractButton *button) {
        if (button == remove)
            deleteKeys(keys, *total);
        box->close();
    });
    box->open();
    if (walk)
        walk->start();
}

void BrowserView::runSequence(const QString &what, std::vector<JobSequence::Step> steps)
{
    Q_EMIT statusMessage(what + QStringLiteral("…"));
    ++m_operationsRunning;
    auto *sequence = new JobSequence(std::move(steps), [this, what](const s3::S3Error &error) { reportJob(what, error); }, this);
    sequence->start();
}

void BrowserView::deleteKeys(const QStringList &keys, qint64 objects)
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
    // The count the prompt walked, when it has one: "Deleting 12,345 objects", not "Deleting 3 items".
    runSequence(objects >= 0 ? tr("Deleting %Ln object(s)", nullptr, int(qMin<qint64>(objects, std::numeric_limits<int>::max())))
                             : tr("Deleting %n item(s)", nullptr, int(keys.size())),
                std::move(steps));
}

// --- permissions ------------------------------------------------------------------------------------------

void BrowserView::askSetAcl(const QString &cannedAcl)
{
    const QStringList keys = selectedKeys();
    if (keys.isEmpty())
        return;
    const qsizetype folders = std::count_if(keys.cbegin(), keys.cend(), [](const QString &key) { return key.endsWith(QLatin1Char('/')); });
    const qsizetype files = keys.size() - folders;
    QString what;
    if (folders == 0)
        what = tr("%n file(s)", nullptr, int(files));
    else if (files == 0)
        what = tr("%n folder(s) and everything in them", nullptr, int(folders));
    else
        what = tr("%1 and %2 and everything in them").arg(tr("%n file(s)", nullptr, int(files)), tr("%n folder(s)", nullptr, int(folders)));
    const bool makePublic = cannedAcl != QLatin1String("private");
    auto *box = new QMessageBox(makePublic ? QMessageBox::Warning : QMessageBox::Question,
                                makePublic ? tr("Make public") : tr("Make private"),
                                makePublic ? tr("Make %1 public?").arg(what) : tr("Make %1 private?").arg(what), QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("confirmAcl"));
    box->setInformativeText(makePublic ? tr("Anyone who knows the address can then read them, without signing in. Their other "
                                            "grants are replaced.")
                                       : tr("Only the owner can then read them. Grants to other users or groups are removed."));
    QPushButton *apply = box->addButton(makePublic ? tr("Make public") : tr("Make private"), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, apply, keys, cannedAcl](QAbstractButton *button) {
        if (button == apply)
            setAcl(keys, cannedAcl);
        box->close();
    });
    box->open();
}

void BrowserView::setAcl(const QStringList &keys, const QString &cannedAcl)
{
    if (!m_session || keys.isEmpty())
        return;
    QStringList files;
    QStringList folders;
    for (const QString &key : keys)
        (key.endsWith(QLatin1Char('/')) ? folders : files).append(key);
    const QPointer<Session> session = m_session;
    const QString bucketName = bucket();
    std::vector<JobSequence::Step> steps;
    steps.push_back([session, bucketName, files, folders, cannedAcl](QObject *parent) -> s3::Job * {
        return session ? s3::ForEachObjectJob::setCannedAcl(session->client(), bucketName, files, folders, cannedAcl, parent) : nullptr;
    });
    const QString what = cannedAcl == QLatin1String("private") ? tr("Making %n item(s) private", nullptr, int(keys.size()))
                                                              : tr("Making %n item(s) public", nullptr, int(keys.size()));
    runSequence(what, std::move(steps));
}

// --- storage class ----------------------------------------------------------------------------------------

namespace {

/** "2 files and 1 folder and everything in them", for confirmations that act on a selection. */
QString selectionText(const QStringList &keys)
{
    const qsizetype folders = std::count_if(keys.cbegin(), keys.cend(), [](const QString &key) { return key.endsWith(QLatin1Char('/')); });
    const qsizetype files = keys.size() - folders;
    if (folders == 0)
        return BrowserView::tr("%n file(s)", nullptr, int(files));
    if (files == 0)
        return BrowserView::tr("%n folder(s) and everything in them", nullptr, int(folders));
    return BrowserView::tr("%1 and %2 and everything in them")
        .arg(BrowserView::tr("%n file(s)", nullptr, int(files)), BrowserView::tr("%n folder(s)", nullptr, int(folders)));
}

bool isStorageClassName(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_\\-]{1,64}$"_s);
    return pattern.match(name).hasMatch();
}

} // namespace

void BrowserView::askStorageClass()
{
    const QStringList keys = selectedKeys();
    if (keys.isEmpty())
        return;
    // The AWS names; editable, because other servers offer their own (Ceph RGW: whatever its placement defines).
    QStringList classes{u"STANDARD"_s, u"STANDARD_IA"_s, u"ONEZONE_IA"_s, u"INTELLIGENT_TIERING"_s, u"GLACIER_IR"_s,
                        u"GLACIER"_s, u"DEEP_ARCHIVE"_s, u"REDUCED_REDUNDANCY"_s};
    QString current;
    if (keys.size() == 1 && !keys.first().endsWith(QLatin1Char('/'))) {
        const int row = m_model->rowOfName(lastSegment(keys.first()));
        if (row >= 0)
            current = m_model->data(m_model->index(row, ObjectListModel::StorageClassColumn)).toString();
        if (!current.isEmpty() && !classes.contains(current))
            classes.append(current);
    }
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(u"storageClassDialog"_s);
    dialog->setWindowTitle(tr("Change storage class"));
    dialog->setLabelText(current.isEmpty() ? tr("Storage class for %1:").arg(selectionText(keys))
                                           : tr("Storage class for %1 (now %2):").arg(selectionText(keys), current));
    dialog->setComboBoxItems(classes);
    dialog->setComboBoxEditable(true);
    // Preselect a class other than the current one: choosing the current one would change nothing.
    dialog->setTextValue(current == u"STANDARD_IA"_s ? u"STANDARD"_s : u"STANDARD_IA"_s);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, keys](const QString &chosen) { confirmStorageClass(keys, chosen.trimmed()); });
    dialog->open();
}

void BrowserView::confirmStorageClass(const QStringList &keys, const QString &storageClass)
{
    if (keys.isEmpty())
        return;
    if (!isStorageClassName(storageClass)) {
        Q_EMIT errorOccurred(tr("\"%1\" is not a storage class name: use letters, digits and '_' (for example STANDARD_IA).").arg(storageClass));
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Change storage class"),
                                tr("Change the storage class of %1 to %2?").arg(selectionText(keys), storageClass), QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(u"confirmStorageClass"_s);
    QString details = tr("Each object is copied onto itself in the new class; its metadata, tags, encryption and permissions "
                         "are kept. Objects already in %1 are left alone.").arg(storageClass);
    if (storageClass == u"GLACIER"_s || storageClass == u"DEEP_ARCHIVE"_s)
        details += u' ' + tr("On Amazon S3, objects in %1 cannot be downloaded until they are restored (Restore…), which takes "
                             "hours.").arg(storageClass);
    box->setInformativeText(details);
    QPushButton *apply = box->addButton(tr("Change storage class"), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, apply, keys, storageClass](QAbstractButton *button) {
        if (button == apply)
            changeStorageClass(keys, storageClass);
        box->close();
    });
    box->open();
}

void BrowserView::changeStorageClass(const QStringList &keys, const QString &storageClass)
{
    if (!m_session || keys.isEmpty())
        return;
    QStringList files;
    QStringList folders;
    for (const QString &key : keys)
        (key.endsWith(QLatin1Char('/')) ? folders : files).append(key);
    const QPointer<Session> session = m_session;
    const QPointer<BrowserView> view = this;
    const QString bucketName = bucket();
    const QString what = tr("Changing %n item(s) to %1", nullptr, int(keys.size())).arg(storageClass);
    std::vector<JobSequence::Step> steps;
    steps.push_back([session, view, bucketName, files, folders, storageClass, what](QObject *parent) -> s3::Job * {
        if (!session)
            return nullptr;
        auto *job = s3::ForEachObjectJob::changeStorageClass(session->client(), bucketName, files, folders, storageClass, parent);
        if (view) {
            // Folders can hold many objects, each a copy: the status shows how far it got.
            connect(job, &s3::ForEachObjectJob::progressChanged, view, [view, what](qint64 done) {
                Q_EMIT view->statusMessage(done == 1 ? tr("%1… 1 object done").arg(what) : tr("%1… %2 objects done").arg(what).arg(done));
            });
        }
        return job;
    });
    runSequence(what, std::move(steps));
}

void BrowserView::askRestore()
{
    const QStringList keys = selectedKeys();
    if (keys.isEmpty() || !m_restore->isEnabled())
        return;
    auto *dialog = new RestoreDialog(selectionText(keys), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, keys] { restoreKeys(keys, dialog->days(), dialog->tier()); });
    dialog->open();
}

void BrowserView::restoreKeys(const QStringList &keys, int days, const QString &tier)
{
    if (!m_session || keys.isEmpty())
        return;
    const QPointer<Session> session = m_session;
    const QString bucketName = bucket();
    std::vector<JobSequence::Step> steps;
    for (const QString &key : keys) {
        steps.push_back([session, bucketName, key, days, tier](QObject *parent) -> s3::Job * {
            return session ? new s3::RestoreObjectJob(session->client(), bucketName, key, days, tier, parent) : nullptr;
        });
    }
    runSequence(tr("Requesting the restore of %n file(s)", nullptr, int(keys.size())), std::move(steps));
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
    auto *dialog = new NameDialog(folder ? tr("Rename folder") : tr("Rename"),
                                  folder ? tr("New name for the folder (every object in it is copied, then deleted):") : tr("New name:"),
                                  [this, key, folder](const QString &newName) { return renameProblem(key, newName, folder); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("renameDialog"));
    dialog->setName(name, nameStemLength(name, folder)); // typing replaces the name, the extension stays
    connect(dialog, &NameDialog::nameAccepted, this, [this, key](const QString &newName) { renameKey(key, newName); });
    dialog->open();
}

QString BrowserView::renameProblem(const QString &key, const QString &newName, bool folder) const
{
    if (QString problem = objectNameProblem(parentPrefix(key), newName, folder, false); !problem.isEmpty())
        return problem;
    if (newName != lastSegment(key) && m_model->containsName(newName, folder))
        return tr("\"%1\" already exists in this folder.").arg(newName);
    return {};
}

void BrowserView::renameKey(const QString &key, const QString &newName)
{
    if (!m_session || newName.isEmpty())
        return;
    const bool folder = key.endsWith(QLatin1Char('/'));
    const QString target = parentPrefix(key) + newName + (folder ? QStringLiteral("/") : QString());
    if (target == key)
        return;
    if (const QString problem = renameProblem(key, newName, folder); !problem.isEmpty()) {
        Q_EMIT errorOccurred(tr("Cannot rename %1: %2").arg(key, problem));
        return;
    }
    runMoves(tr("Renaming %1 to %2").arg(key, newName), {PlannedMove{bucket(), key, target}}, {});
}

s3::Job *BrowserView::makeMoveJob(const QString &bucketName, const QString &key, const QString &target, QObject *parent,
                                  const s3::SseCustomerKey &sseKey) const
{
    if (!m_session || target == key)
        return nullptr;
    s3::S3Client *client = m_session->client();
    if (key.endsWith(QLatin1Char('/')))
        return new s3::MovePrefixJob(client, bucketName, key, target, parent);
    auto *job = new s3::MoveObjectJob(client, bucketName, key, bucketName, target, parent);
    if (!sseKey.isNull())
        job->setSseCustomerKeys(sseKey, sseKey);
    return job;
}

QList<BrowserView::PlannedMove> BrowserView::queueLargeMoves(const QList<PlannedMove> &moves, const s3::SseCustomerKey &sseKey)
{
    // A file above the single-copy size is copied in parts: that may take many minutes, so it goes through the
    // transfer queue, where it shows progress and survives a pause or a restart, rather than run unseen here.
    s3::TransferEngine *engine = m_session ? m_session->transfers() : nullptr;
    if (!engine)
        return moves;
    const qint64 threshold = qMin(m_session->client()->multipartCopyThreshold(), s3::ServerCopyJob::MaxSingleCopyBytes);
    QSet<QString> names;
    for (const PlannedMove &move : moves) {
        if (!move.key.endsWith(QLatin1Char('/')) && move.bucket == bucket() && parentPrefix(move.key) == prefix())
            names.insert(lastSegment(move.key));
    }
    const QHash<QString, qint64> sizes = m_model->fileSizes(names);
    QList<PlannedMove> rest;
    int queued = 0;
    for (const PlannedMove &move : moves) {
        const qint64 size = move.key.endsWith(QLatin1Char('/')) || parentPrefix(move.key) != prefix() ? -1 : sizes.value(lastSegment(move.key), -1);
        if (size <= threshold) {
            rest.append(move);
            continue;
        }
        s3::CopyOptions options;
        options.multipartThreshold = threshold;
        options.sourceSize = size;
        options.deleteSource = true;
        options.sourceSseCustomerKey = sseKey;
        engine->enqueueCopy(move.bucket, move.key, move.bucket, move.target, options);
        ++queued;
    }
    if (queued > 0)
        Q_EMIT statusMessage(tr("%n large file(s) are moved in the transfer queue (copied in parts; pause and resume work there).",
                                nullptr, queued));
    return rest;
}

void BrowserView::queueLargeObjectsOf(s3::MovePrefixJob *job, const QString &bucketName, const std::shared_ptr<qint64> &queued) const
{
    // As queueLargeMoves() for files: an object copied in parts may take many minutes; in the queue it shows
    // progress, survives a pause or a restart, and its source is deleted only once its copy is complete.
    s3::TransferEngine *engine = m_session ? m_session->transfers() : nullptr;
    if (!engine)
        return;
    const qint64 threshold = qMin(m_session->client()->multipartCopyThreshold(), s3::ServerCopyJob::MaxSingleCopyBytes);
    job->setHandOff(threshold, [queue = QPointer<s3::TransferEngine>(engine), bucketName, threshold, queued](const s3::PrefixMoveItem &item) {
        if (!queue)
            return false; // the connection is gone: the folder move copies it itself
        s3::CopyOptions options;
        options.multipartThreshold = threshold;
        options.sourceSize = item.size;
        options.deleteSource = true;
        queue->enqueueCopy(bucketName, item.sourceKey, bucketName, item.targetKey, options);
        ++*queued;
        return true;
    });
}

void BrowserView::runMoves(const QString &what, const QList<PlannedMove> &allMoves, const s3::SseCustomerKey &sseKey)
{
    const QList<PlannedMove> moves = queueLargeMoves(allMoves, sseKey);
    if (moves.isEmpty())
        return;
    // The moves that failed for want of the object's customer key, and the first such error.
    struct NeedKey
    {
        QList<PlannedMove> moves;
        s3::S3Error error;
    };
    auto needKey = std::make_shared<NeedKey>();
    auto queuedLarge = std::make_shared<qint64>(0); // objects of folders handed to the transfer queue
    std::vector<JobSequence::Step> steps;
    for (const PlannedMove &move : moves) {
        steps.push_back([this, move, sseKey, needKey, queuedLarge](QObject *parent) -> s3::Job * {
            s3::Job *job = makeMoveJob(move.bucket, move.key, move.target, parent, sseKey);
            if (auto *folder = qobject_cast<s3::MovePrefixJob *>(job))
                queueLargeObjectsOf(folder, move.bucket, queuedLarge);
            if (job && !move.key.endsWith(QLatin1Char('/'))) {
                connect(job, &s3::Job::finished, job, [move, needKey](s3::Job *finished) {
                    if (!finished->hasError() || !s3::isSseCustomerKeyError(finished->error()))
                        return;
                    if (needKey->moves.isEmpty())
                        needKey->error = finished->error();
                    needKey->moves.append(move);
                });
            }
            return job;
        });
    }
    Q_EMIT statusMessage(what + QStringLiteral("…"));
    ++m_operationsRunning;
    auto done = [this, what, sseKey, needKey, queuedLarge, session = m_session](const s3::S3Error &error) {
        const QString note = *queuedLarge > 0
            ? tr("%n large file(s) continue in the transfers panel (copied in parts; pause and resume work there).", nullptr,
                 int(*queuedLarge))
            : QString();
        if (needKey->moves.isEmpty() || m_session != session) {
            reportJob(what, error, note);
            return;
        }
        if (!note.isEmpty())
            Q_EMIT statusMessage(note);
        // Asked once for the whole action; the other failures (if any) were reported by the error kept.
        m_sseKeys->keyFor(needKey->moves.constFirst().key, needKey->error, sseKey,
                          [this, what, error, needKey, session](const s3::SseCustomerKey &given) {
            if (given.isNull() || m_session != session) {
                reportJob(what, needKey->error);
                return;
            }
            if (error.isError() && !s3::isSseCustomerKeyError(error))
                Q_EMIT errorOccurred(tr("%1 failed: %2").arg(what, error.toString()));
            --m_operationsRunning; // runMoves() counts the retry again
            runMoves(what, needKey->moves, given);
        });
    };
    auto *sequence = new JobSequence(std::move(steps), std::move(done), this);
    sequence->start();
}

void BrowserView::moveKeys(const QStringList &keys, const QString &targetPrefix)
{
    if (!m_session || keys.isEmpty())
        return;
    QList<PlannedMove> moves;
    for (const QString &key : keys) {
        const bool folder = key.endsWith(QLatin1Char('/'));
        moves.append({bucket(), key, targetPrefix + lastSegment(key) + (folder ? QStringLiteral("/") : QString())});
    }
    runMoves(tr("Moving %n item(s) to %1", nullptr, int(keys.size())).arg(targetPrefix.isEmpty() ? tr("the bucket root") : targetPrefix),
             moves, {});
}

void BrowserView::askNewFolder()
{
    auto *dialog = new NameDialog(tr("New folder"),
                                  tr("Name of the new folder in s3://%1/%2 (a/b makes both):").arg(bucket(), prefix()),
                                  [this](const QString &name) { return newFolderProblem(name); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("newFolderDialog"));
    connect(dialog, &NameDialog::nameAccepted, this, &BrowserView::createFolder);
    dialog->open();
}

QString BrowserView::newFolderProblem(const QString &name) const
{
    if (QString problem = objectNameProblem(prefix(), name, true, true); !problem.isEmpty())
        return problem;
    // The first level is what the listing shows: a file or a folder of that name is there already.
    const QString bare = folderNameWithoutSlash(name);
    const QString first = bare.section(u'/', 0, 0);
    if (first == bare && (m_model->containsName(first, true) || m_model->containsName(first, false)))
        return tr("\"%1\" already exists in this folder.").arg(first);
    return {};
}

void BrowserView::createFolder(const QString &name)
{
    if (!m_session || name.isEmpty())
        return;
    if (const QString problem = newFolderProblem(name); !problem.isEmpty()) {
        Q_EMIT errorOccurred(tr("Cannot create the folder %1: %2").arg(name, problem));
        return;
    }
    // One marker for the deepest level: "a/b/" lists as the folder a/ holding b/.
    const QString bare = folderNameWithoutSlash(name);
    const QString what = tr("Creating folder %1").arg(bare);
    ++m_operationsRunning;
    auto *job = new s3::PutObjectJob(m_session->client(), bucket(), prefix() + bare + QLatin1Char('/'), this);
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
        // What the choice is applied to, shared (not copied) into the worker thread that applies it.
        PlannedUploads planned{planner->bucket(), planner->uploads(), planner->conflicts(), planner->existing(), planner->folders()};
        if (planner->conflicts().isEmpty() || !m_confirmOverwrite) {
            // Without asking (the Preferences): what exists is replaced, as Overwrite would.
            enqueueUploads(std::move(planned), ConflictChoice::Overwrite);
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
        // Moved out when answered: the lists then go to the worker thread, which frees them, not the GUI thread
        // when the prompt is deleted.
        auto shared = std::make_shared<PlannedUploads>(std::move(planned));
        askConflictChoice(this, question, [this, shared](ConflictChoice choice) { enqueueUploads(std::exchange(*shared, {}), choice); });
    });
    planner->start();
}

void BrowserView::enqueueUploads(PlannedUploads planned, ConflictChoice choice)
{
    // Applying the choice and making one job per folder is O(files): a worker thread does it, so that a
    // 100,000-file folder does not hold the GUI thread; only the enqueue calls come back here.
    QPointer<BrowserView> self(this);
    QThreadPool::globalInstance()->start([self, planned = std::move(planned), choice]() mutable {
        UploadJobs jobs = UploadPlanner::jobsFor(UploadPlanner::resolveUploads(planned.uploads, planned.conflicts, planned.existing, choice),
                                                 planned.folders);
        const QString bucket = planned.bucket;
        planned = {}; // the planner's lists, if this is their last holder: freed here, not on the GUI thread
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, bucket, jobs = std::move(jobs)]() mutable {
                if (self)
                    self->enqueueUploadJobs(bucket, std::move(jobs));
            },
            Qt::QueuedConnection);
    });
}

void BrowserView::enqueueUploadJobs(const QString &bucketName, UploadJobs jobs)
{
    if (!m_session)
        return;
    s3::TransferEngine *engine = m_session->transfers();
    // A folder is one job (one row, its files compact records in the engine); its list is shared into the engine.
    for (const FolderUploadJob &folder : std::as_const(jobs.folders))
        engine->enqueueUploadGroup(folder.localDir, bucketName, folder.keyPrefix, folder.files);
    for (const PlannedUpload &upload : std::as_const(jobs.loose))
        engine->enqueueUpload(upload.localPath, bucketName, upload.key);
    Q_EMIT uploadsQueued(jobs.fileCount);
    Q_EMIT transfersQueued(tr("%n upload(s) queued", nullptr, jobs.fileCount));
    // The records' last holder is the engine's copy now; what is left here (the loose files) is small. The folder
    // lists are released on the worker thread when it is done with them, or here if the engine was first (short).
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
    if (plan.conflictCount() == 0 || !m_confirmOverwrite) {
        // Without asking (the Preferences): what exists is replaced, as Overwrite would.
        enqueueDownloads(bucketName, plan.conflictCount() == 0 ? plan.downloads : resolveDownloads(plan.downloads, ConflictChoice::Overwrite, taken),
                         ConflictChoice::Overwrite, plan.refused);
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
            // One job for the folder: one row in the transfers panel, its files compact records until they start
            // (a folder of 100,000 objects is not 100,000 rows and task objects).
            engine->enqueueFolderDownloadGroup(bucketName, download.key, download.localPath);
            m_downloadTargets->claimFolder(bucketName, download.key, download.localPath);
            action.pendingFolders.append(download.key);
        } else {
            m_downloadTargets->claim(engine->enqueueDownload(bucketName, download.key, download.localPath), download.localPath);
            ++action.queued;
        }
    }
    Q_EMIT transfersQueued(tr("%n download(s) queued", nullptr, int(downloads.size())));
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
    // One pass over the listing for all the sizes (a drag may hold many keys of a large folder).
    QSet<QString> names;
    for (const QString &key : keys) {
        if (!key.endsWith(u'/'))
            names.insert(key.mid(prefix().size()));
    }
    const QHash<QString, qint64> known = m_model->fileSizes(names);
    QList<qint64> sizes;
    for (const QString &key : keys)
        sizes.append(key.endsWith(u'/') ? 0 : known.value(key.mid(prefix().size()), 0));
    // The customer key given earlier in this browser goes with every download of the drag (SSE-C objects).
    DragOutBatch *batch = m_dragOut->prepare(bucket(), keys, sizes, DragOutMaxBytes, m_sseKeys->key());
    if (!batch)
        return nullptr;
    connect(batch, &DragOutBatch::fileFailed, this, [this, batch](const QString &key, const s3::S3Error &error) {
        if (!s3::isSseCustomerKeyError(error)) {
            Q_EMIT errorOccurred(tr("Dragging out %1 failed: %2").arg(key, error.toString()));
            return;
        }
        // The drop is over by the time the server says the object needs its key: ask for it now, keep it for
        // the session, and the next drag of the object sends it.
        m_sseKeys->keyFor(key, error, batch->sseKey(), [this, key](const s3::SseCustomerKey &given) {
            if (given.isNull())
                Q_EMIT errorOccurred(tr("%1 was not dragged out: it is encrypted with a customer key (SSE-C), and none was given.").arg(key));
            else
                Q_EMIT statusMessage(tr("The customer key for %1 is kept for this session: drag it out again.").arg(key));
        });
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
    if (m_session)
        mime->setData(connectionMimeType(), m_session->id().toUtf8());
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
    auto *dialog = new QFileDialog(this, tr("Download to folder"), localFolder());
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
    auto *dialog = new QFileDialog(this, tr("Upload files to s3://%1/%2").arg(bucket(), prefix()), localFolder());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    const QString target = prefix();
    connect(dialog, &QFileDialog::filesSelected, this, [this, target](const QStringList &files) { uploadPaths(files, target); });
    dialog->open();
}

void BrowserView::chooseUploadFolder()
{
    auto *dialog = new QFileDialog(this, tr("Upload a folder to s3://%1/%2").arg(bucket(), prefix()), localFolder());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    const QString target = prefix();
    connect(dialog, &QFileDialog::fileSelected, this, [this, target](const QString &folder) { uploadPaths({folder}, target); });
    dialog->open();
}

} // namespace s3ui
