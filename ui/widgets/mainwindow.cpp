// SPDX-License-Identifier: Apache-2.0
#include "widgets/mainwindow.h"

#include <limits>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "browser/browserview.h"
#include "browser/namerules.h"
#include "browser/openeditcontroller.h"
#include "connection/connectionprofile.h"
#include "connection/connectiontester.h"
#include "connection/guimfaprompter.h"
#include "dialogs/aboutbox.h"
#include "dialogs/bucketversioningdialog.h"
#include "dialogs/folderpropertiesdialog.h"
#include "dialogs/incompleteuploadsdialog.h"
#include "dialogs/namedialog.h"
#include "dialogs/preferencesdialog.h"
#include "dialogs/presigndialog.h"
#include "dialogs/propertiesdialog.h"
#include "dialogs/secretpromptdialog.h"
#include "dialogs/ssosignindialog.h"
#include "models/bucketlistmodel.h"
#include "models/objectlistmodel.h"
#include "models/transferlistmodel.h"
#include "s3core/auth/ssoconfig.h"
#include "s3core/config.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/bucketjobs.h"
#include "s3core/ops/countobjectsjob.h"
#include "s3core/ops/deletebucketwithcontentsjob.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/textescape.h"
#include "s3core/transfer/transferengine.h"
#include "util/counttext.h"
#include "util/icons.h"
#include "util/windowfit.h"
#include "widgets/bandwidthlimitbutton.h"
#include "widgets/bandwidthlimitcontroller.h"
#include "widgets/browsertabbar.h"
#include "widgets/connectionlist.h"
#include "widgets/credentialsstatus.h"
#include "widgets/favouritescontroller.h"
#include "widgets/favouriteslist.h"
#include "widgets/preferencescontroller.h"
#include "widgets/queuedtransfersmessage.h"
#include "widgets/statusdetailsbutton.h"
#include "widgets/tabscontroller.h"
#include "widgets/transferpanel.h"
#include "widgets/transferstatus.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

MainWindow::MainWindow(MainWindowDependencies dependencies, QWidget *parent)
    : QMainWindow(parent)
    , m_deps(std::move(dependencies))
    , m_browser(new BrowserView(this))
    , m_tabBar(new BrowserTabBar(this))
    , m_tabs(new TabsController(m_tabBar, m_deps.settings, this))
    , m_buckets(new BucketListModel(this))
    , m_bucketView(new QListView(this))
    , m_transferModel(new TransferListModel(this))
    , m_transferPanel(new TransferPanel(m_transferModel, this))
    , m_transferDock(new QDockWidget(tr("Transfers"), this))
    , m_transferStatus(new TransferStatusWidget(m_transferModel, this))
    , m_bandwidth(new BandwidthLimitController(m_deps.settings, this))
    , m_preferences(new PreferencesController(m_deps.settings, m_bandwidth, this))
    , m_credentialsStatus(new CredentialsStatusWidget(s3::systemClock(), this))
    , m_mfaPrompter(std::make_shared<GuiMfaPrompter>(this))
{
    setWindowTitle(QStringLiteral("S3Desk"));
    setWindowIcon(appIcon(QStringLiteral("s3desk")));
    setObjectName(QStringLiteral("mainWindow"));

    // Left: connections above buckets.
    auto *left = new QSplitter(Qt::Vertical, this);
    if (m_deps.connections) {
        m_connectionList = new ConnectionList(m_deps.connections, m_deps.keychain, m_deps.sessionSecrets, left);
        m_connectionList->setMfaPrompter(m_mfaPrompter);
        connect(m_connectionList, &ConnectionList::connectRequested, this, &MainWindow::connectProfile);
        // An edited connection that is open reconnects with what was saved (a fixed key, endpoint or secret).
        connect(m_connectionList, &ConnectionList::profileEdited, this, [this](const ConnectionProfile &profile) {
            if (m_sessions.count(profile.id) == 0)
                return;
            closeSession(profile.id);
            connectProfile(profile);
        });
        connect(m_connectionList, &ConnectionList::sessionRequested, this, [this](const QString &id) {
            if (auto it = m_sessions.find(id); it != m_sessions.end())
                setCurrentSession(it->second.get());
        });
        left->addWidget(m_connectionList);
        // Favourites under the connections they belong to (FavouritesController acts, FavouritesList shows).
        m_favourites = new FavouritesController(this, m_deps.settings, m_deps.connections, this);
        left->addWidget(m_favourites->list());
    }
    auto *bucketPane = new QWidget(left);
    auto *bucketLayout = new QVBoxLayout(bucketPane);
    bucketLayout->setContentsMargins(0, 0, 0, 0);
    auto *bucketTitle = new QLabel(tr("Buckets"), bucketPane);
    bucketTitle->setContentsMargins(4, 4, 4, 0);
    bucketLayout->addWidget(bucketTitle);
    m_bucketView->setModel(m_buckets);
    m_bucketView->setObjectName(QStringLiteral("bucketList"));
    m_bucketView->setAccessibleName(tr("Buckets"));
    m_bucketView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_bucketView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    bucketLayout->addWidget(m_bucketView);
    bucketTitle->setBuddy(m_bucketView);
    left->addWidget(bucketPane);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("mainSplitter"));
    split->addWidget(left);
    // The tabs above the browser (hidden while there is one, as in Dolphin: the window looks as it did without).
    auto *browserPane = new QWidget(split);
    auto *browserLayout = new QVBoxLayout(browserPane);
    browserLayout->setContentsMargins(0, 0, 0, 0);
    browserLayout->setSpacing(0);
    browserLayout->addWidget(m_tabBar);
    browserLayout->addWidget(m_browser);
    split->addWidget(browserPane);
    split->setStretchFactor(1, 1);
    split->setSizes({260, 900});
    setCentralWidget(split);

    m_transferDock->setObjectName(QStringLiteral("transfersDock"));
    m_transferDock->setWidget(m_transferPanel);
    m_transferDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_transferDock);
    // Where the user is, always: the connection, bucket and prefix (temporary messages never cover it).
    m_locationStatus = new QLabel(this);
    m_locationStatus->setObjectName(u"locationStatus"_s);
    m_locationStatus->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(m_locationStatus);
    // One status area: the list's item count lives here too, next to the location it counts (it was a footer
    // under the list that could disagree with this bar: "Choose a bucket" under "Connected to ...").
    m_browser->statusLabel()->setObjectName(u"itemCount"_s);
    statusBar()->addPermanentWidget(m_browser->statusLabel());
    statusBar()->addPermanentWidget(m_credentialsStatus);
    statusBar()->addPermanentWidget(m_transferStatus);
    statusBar()->addPermanentWidget(new BandwidthLimitButton(m_bandwidth, this));
    // A long message (an error) is clipped by the widgets above: "Details…" shows all of it.
    statusBar()->insertPermanentWidget(0, new StatusDetailsButton(statusBar(), this));
    m_queuedMessage = new QueuedTransfersMessage(statusBar(), m_transferModel, this);
    connect(m_credentialsStatus, &CredentialsStatusWidget::signInRequested, this, &MainWindow::startSignIn);
    connect(m_credentialsStatus, &CredentialsStatusWidget::credentialsFailed, this,
            [this](const s3::S3Error &error, bool signInNeeded) {
                if (signInNeeded)
                    offerSignIn(tr("Cannot connect: %1").arg(error.toString()));
            });

    connect(m_bucketView, &QListView::activated, this, [this](const QModelIndex &index) {
        m_browser->openLocation(m_buckets->bucketAt(index.row()), {});
    });
    connect(m_bucketView, &QListView::clicked, this, [this](const QModelIndex &index) {
        if (m_buckets->bucketAt(index.row()) != m_browser->bucket())
            m_browser->openLocation(m_buckets->bucketAt(index.row()), {});
    });
    connect(m_bucketView, &QListView::customContextMenuRequested, this, [this](const QPoint &position) {
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addAction(m_newBucketAction);
        QAction *remove = menu->addAction(tr("Delete bucket…"), this, &MainWindow::askDeleteBucket);
        remove->setEnabled(m_bucketView->currentIndex().isValid());
        menu->addAction(m_browser->incompleteUploadsAction());
        QAction *versioning = menu->addAction(tr("Versioning…"), this, &MainWindow::openBucketVersioning);
        versioning->setEnabled(m_bucketView->currentIndex().isValid());
        menu->addAction(tr("Refresh"), m_buckets, &BucketListModel::refresh);
        menu->popup(m_bucketView->viewport()->mapToGlobal(position));
    });
    connect(m_buckets, &BucketListModel::refreshFailed, this, [this](const s3::S3Error &error) {
        if (needsSsoSignIn(error))
            offerSignIn(tr("Listing the buckets failed: %1").arg(error.toString()));
        else
            offerConnectionFix(tr("Listing the buckets failed: %1").arg(describeConnectionError(error)), error);
    });
    connect(m_buckets, &BucketListModel::refreshed, this, [this] {
        const int row = m_buckets->rowOfBucket(m_browser->bucket());
        if (row >= 0)
            m_bucketView->setCurrentIndex(m_buckets->index(row));
    });

    connect(m_browser, &BrowserView::errorOccurred, this, &MainWindow::showError);
    // The remembered location of a connection may be gone (deleted elsewhere): the bucket list, and a quiet note.
    connect(m_browser->model(), &ObjectListModel::listingFailed, this, [this](const s3::S3Error &error) {
        const QString bucket = std::exchange(m_restoredBucket, QString());
        if (bucket.isEmpty() || bucket != m_browser->bucket() || error.code() != u"NoSuchBucket"_s)
            return;
        forgetLocation(bucket);
        m_browser->forgetBucket(bucket);
        statusBar()->showMessage(tr("The last location, bucket %1, no longer exists: choose a bucket.").arg(bucket), 15000);
    });
    connect(m_browser->model(), &ObjectListModel::firstPageShown, this, [this] { m_restoredBucket.clear(); });
    connect(m_browser, &BrowserView::itemsRefused, this,
            [this](s3::TransferDirection direction, const QString &bucket, const QList<RefusedKey> &refused) {
                for (const RefusedKey &item : refused) {
                    const bool upload = direction == s3::TransferDirection::Upload;
                    m_transferModel->addRefused(direction, bucket, item.key, upload ? item.key : QString(),
                                                item.reason);
                }
            });
    // Status messages quote keys: a newline or control character in one must not break the status bar line.
    connect(m_browser, &BrowserView::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(s3::escapeControlCharacters(message), 5000); });
    connect(m_browser, &BrowserView::transfersQueued, m_queuedMessage, &QueuedTransfersMessage::show);
    connect(m_browser, &BrowserView::presignRequested, this, &MainWindow::openPresign);
    connect(m_browser, &BrowserView::propertiesRequested, this, &MainWindow::openProperties);
    connect(m_browser, &BrowserView::folderPropertiesRequested, this, &MainWindow::openFolderProperties);
    connect(m_browser, &BrowserView::incompleteUploadsRequested, this, &MainWindow::openIncompleteUploads);
    connect(m_browser, &BrowserView::locationChanged, this, [this](const QString &bucket) {
        const int row = m_buckets->rowOfBucket(bucket);
        if (row >= 0)
            m_bucketView->setCurrentIndex(m_buckets->index(row));
        updateLocationDisplay();
        saveLocation();
        syncCurrentTab();
    });

    // A finished upload into the folder on screen shows up there (refreshes coalesced).
    auto *refreshTimer = new QTimer(this);
    refreshTimer->setSingleShot(true);
    refreshTimer->setInterval(400);
    connect(refreshTimer, &QTimer::timeout, m_browser->model(), &ObjectListModel::refresh);
    connect(m_transferModel, &TransferListModel::transferFinished, this,
            [this, refreshTimer](s3::TransferEngine *engine, const s3::TransferSnapshot &snapshot) {
                if (snapshot.state == s3::TransferState::Failed)
                    statusBar()->showMessage(
                        s3::escapeControlCharacters(tr("Transfer of %1 failed: %2").arg(snapshot.key, snapshot.lastError.toString())), 10000);
                if (!m_current || engine != m_current->transfers() || snapshot.direction == s3::TransferDirection::Download
                    || snapshot.state != s3::TransferState::Succeeded)
                    return;
                const bool arrivedHere = snapshot.bucket == m_browser->bucket() && snapshot.key.startsWith(m_browser->prefix());
                const bool leftHere = snapshot.move && snapshot.sourceBucket == m_browser->bucket()
                    && snapshot.sourceKey.startsWith(m_browser->prefix());
                if (arrivedHere || leftHere)
                    refreshTimer->start();
            });

    createMenus();
    updateLocationDisplay();
    // Keyboard order: connections, favourites, buckets, the browser's filter and table, then the transfers.
    QWidget *previous = m_connectionList ? static_cast<QWidget *>(m_connectionList) : nullptr;
    QWidget *favouritesPane = m_favourites ? static_cast<QWidget *>(m_favourites->list()) : nullptr;
    for (QWidget *next : {favouritesPane, static_cast<QWidget *>(m_bucketView), static_cast<QWidget *>(m_browser->filterField()),
                          static_cast<QWidget *>(m_browser->view()), static_cast<QWidget *>(m_transferPanel)}) {
        if (!next)
            continue;
        if (previous)
            setTabOrder(previous, next);
        previous = next;
    }
    resize(1200, 760);
    if (m_deps.settings) {
        restoreGeometry(m_deps.settings->value(QStringLiteral("window/geometry")).toByteArray());
        restoreState(m_deps.settings->value(QStringLiteral("window/state")).toByteArray());
        m_browser->setLocalFolder(m_deps.settings->value(QStringLiteral("browser/localFolder"), m_browser->localFolder()).toString());
    }
    m_browser->setConfirmOverwrite(m_preferences->preferences().confirmOverwrite);
    connect(m_preferences, &PreferencesController::preferencesChanged, this, [this](const Preferences &values) {
        m_browser->setLocalFolder(values.downloadFolder);
        m_browser->setConfirmOverwrite(values.confirmOverwrite);
    });
    setUpTransferDockHiding(); // after restoreState(): whether it shows depends on the transfers, not the last run
}

MainWindow::~MainWindow()
{
    m_tabs->cancelDrops(); // their transfers are taken out of the queues, not saved to resume into a removed folder
    // The model must forget the engines before the sessions (and their engines) go.
    for (const auto &[id, session] : m_sessions)
        m_transferModel->removeEngine(session->transfers());
    m_browser->setSession(nullptr);
    m_buckets->setClient(nullptr);
    m_sessions.clear();
}

QAction *MainWindow::newTabAction() const
{
    return m_tabs->newTabAction();
}

QAction *MainWindow::closeTabAction() const
{
    return m_tabs->closeTabAction();
}

void MainWindow::connectTabs()
{
    for (QAction *action : {m_tabs->newTabAction(), m_tabs->closeTabAction(), m_tabs->nextTabAction(), m_tabs->previousTabAction()})
        addAction(action); // window-wide shortcuts, also while the menu bar is closed (and hidden)
    connect(m_tabs, &TabsController::currentTabChanged, this, &MainWindow::showTab);
    connect(m_tabs, &TabsController::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(s3::escapeControlCharacters(message), 5000); });
    connect(m_tabs, &TabsController::errorOccurred, this, &MainWindow::showError);
    connect(m_tabs, &TabsController::objectsChanged, this, [this](const QString &connection, const QString &bucket) {
        if (m_current && m_current->id() == connection && m_browser->bucket() == bucket)
            m_browser->model()->refresh();
    });
    m_tabs->setSessionLookup([this](const QString &id) -> Session * {
        const auto it = m_sessions.find(id);
        return it == m_sessions.end() ? nullptr : it->second.get();
    });
    m_tabs->restore();
}

void MainWindow::createMenus()
{
    connectTabs();
    QMenu *file = menuBar()->addMenu(tr("&File"));
    if (m_connectionList) {
        file->addAction(m_connectionList->newAction());
        file->addAction(m_connectionList->connectAction());
        file->addSeparator();
    }
    file->addAction(m_tabs->newTabAction());
    file->addAction(m_tabs->closeTabAction());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    go->addAction(m_browser->backAction());
    go->addAction(m_browser->forwardAction());
    go->addAction(m_browser->upAction());
    go->addAction(m_browser->refreshAction());
    go->addAction(m_browser->goToAction());
    go->addAction(m_browser->findAction());
    // Ctrl+I as in Dolphin: Ctrl+F is Find (every folder below), the filter narrows the rows on screen.
    QAction *focusFilter = go->addAction(tr("Filter…"), this, [this] { m_browser->filterField()->setFocus(); });
    focusFilter->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    go->addSeparator();
    go->addAction(m_tabs->nextTabAction());
    go->addAction(m_tabs->previousTabAction());
    if (m_favourites) {
        go->addSeparator();
        go->addAction(m_favourites->addAction());
    }

    QMenu *object = menuBar()->addMenu(tr("&Object"));
    for (QAction *action : {m_browser->openAction(), m_browser->openWithAction(), m_browser->editAction(), m_browser->quickLookAction(), m_browser->downloadAction(), m_browser->uploadFilesAction(),
                            m_browser->uploadFolderAction(), m_browser->newFolderAction(), m_browser->renameAction(),
                            m_browser->deleteAction(), m_browser->presignAction(), m_browser->propertiesAction()})
        object->addAction(action);

    QMenu *bucket = menuBar()->addMenu(tr("&Bucket"));
    m_newBucketAction = bucket->addAction(tr("New bucket…"), this, &MainWindow::askNewBucket);
    m_newBucketAction->setEnabled(false); // until a connection is open
    bucket->addAction(tr("Delete bucket…"), this, &MainWindow::askDeleteBucket);
    bucket->addAction(m_browser->syncAction());
    bucket->addAction(m_browser->incompleteUploadsAction());
    bucket->addAction(tr("Versioning…"), this, &MainWindow::openBucketVersioning);
    bucket->addAction(tr("Refresh bucket list"), m_buckets, &BucketListModel::refresh);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *toggleTransfers = m_transferDock->toggleViewAction();
    // Ctrl+J as the web browsers' Downloads: Ctrl+T is New tab, as in file managers.
    toggleTransfers->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    toggleTransfers->setShortcutContext(Qt::WindowShortcut);
    view->addAction(toggleTransfers);
    view->addAction(m_transferPanel->pauseAllAction());
    view->addAction(m_transferPanel->resumeAllAction());

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    QAction *preferencesAction = settings->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    preferencesAction->setObjectName(u"preferencesAction"_s);
    preferencesAction->setShortcut(QKeySequence::Preferences); // none on some platforms: then the menu only
    preferencesAction->setMenuRole(QAction::PreferencesRole);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About S3Desk"), this, &MainWindow::showAbout);
    about->setObjectName(u"aboutAction"_s);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::showAbout()
{
    if (m_aboutBox) {
        m_aboutBox->raise();
        m_aboutBox->activateWindow();
        return;
    }
    m_aboutBox = createAboutBox(this);
    m_aboutBox->show();
}

void MainWindow::showPreferences()
{
    if (m_preferencesDialog) {
        m_preferencesDialog->raise();
        m_preferencesDialog->activateWindow();
        return;
    }
    // The folder used last in this run is the default one the dialog shows (kept in the settings only on quit).
    m_preferences->setLastUsedFolder(m_browser->localFolder());
    auto *dialog = new PreferencesDialog(m_preferences, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_preferencesDialog = dialog;
    dialog->open();
}

void MainWindow::setUpTransferDockHiding()
{
    // Shown while transfers run (and while some wait paused), hidden a moment after they end; a batch that
    // failed keeps it open so the failure stays in sight. The user's Ctrl+J wins until the next batch.
    m_dockHideTimer = new QTimer(this);
    m_dockHideTimer->setSingleShot(true);
    m_dockHideTimer->setInterval(TransferDockHideDelayMs);
    connect(m_dockHideTimer, &QTimer::timeout, this, [this] {
        if (!m_transfersBusy && m_transferModel->stateCount(s3::TransferState::Failed) <= m_failedAtBatchStart)
            m_transferDock->hide();
    });
    connect(m_transferModel, &TransferListModel::summaryChanged, this, &MainWindow::updateTransferDock);
    connect(m_transferModel, &QAbstractItemModel::rowsInserted, this, [this] {
        // Rows of a new batch (or items an action left out) when nothing ran: shown. Within a running batch the
        // dock stays as the user left it.
        if (!m_transfersBusy) {
            m_dockHideTimer->stop();
            m_transferDock->show();
        }
        updateTransferDock();
    });
    m_transferDock->setVisible(m_transferModel->rowCount() > 0);
}

void MainWindow::updateTransferDock()
{
    const bool busy = m_transferModel->activeCount() > 0 || m_transferModel->stateCount(s3::TransferState::Paused) > 0;
    if (busy == m_transfersBusy)
        return;
    m_transfersBusy = busy;
    if (busy) {
        m_failedAtBatchStart = m_transferModel->stateCount(s3::TransferState::Failed);
        m_dockHideTimer->stop();
        m_transferDock->show();
    } else {
        m_dockHideTimer->start();
    }
}

bool MainWindow::openSession(SessionConfig config)
{
    const QString id = config.id;
    if (auto it = m_sessions.find(id); it != m_sessions.end()) {
        setCurrentSession(it->second.get());
        return true;
    }
    if (config.stateDir.isEmpty())
        config.stateDir = m_deps.stateDir;
    auto opened = Session::open(std::move(config));
    if (!opened) {
        showError(tr("Cannot connect: %1").arg(opened.error().toString()));
        return false;
    }
    Session *session = opened->get();
    connect(session->transfers(), &s3::TransferEngine::setupFailed, this, [this](const s3::S3Error &error) {
        showError(tr("The transfer queue could not start: %1").arg(error.toString()));
    });
    // The engine keeps what its restore found: announced if it comes later, read here if it came already.
    connect(session->transfers(), &s3::TransferEngine::restoreProblemsFound, this,
            [this, name = session->displayName()](const QStringList &problems) { showRestoreProblems(name, problems); });
    if (const QStringList problems = session->transfers()->restoreProblems(); !problems.isEmpty())
        showRestoreProblems(session->displayName(), problems);
    m_transferModel->addEngine(session->transfers(), session->displayName());
    m_bandwidth->addEngine(session->transfers());
    m_preferences->addEngine(session->transfers());
    m_sessions.emplace(id, std::move(opened).value());
    // A connection without a profile (the command line) is listed too, so the active one is always visible there.
    if (m_connectionList && !(m_deps.connections && m_deps.connections->profile(id)))
        m_connectionList->addCommandLineConnection(id, session->displayName());
    setCurrentSession(session);
    Q_EMIT sessionOpened(session);
    return true;
}

void MainWindow::connectProfile(const ConnectionProfile &profile)
{
    QPointer<MainWindow> self(this);
    obtainConnectionSecret(profile, m_deps.keychain, m_deps.sessionSecrets, this, [self, profile](std::optional<QString> secret) {
        if (self && !secret)
            self->m_startLocation.reset(); // cancelled: the next connection opens where it would have
        if (!self || !secret)
            return;
        self->openSession(sessionConfigFor(profile, *secret, self->m_deps.stateDir, QProcessEnvironment::systemEnvironment(),
                                           self->m_mfaPrompter));
    });
}

void MainWindow::setCurrentSession(Session *session)
{
    if (m_current == session)
        return;
    saveLocation();
    m_current = session;
    m_browser->setSession(session);
    m_credentialsStatus->setSession(session);
    const QString pinned = session ? session->config().bucket : QString();
    m_buckets->setClient(session ? session->client() : nullptr, pinned);
    if (m_connectionList)
        m_connectionList->setActiveConnection(session ? session->id() : QString());
    m_newBucketAction->setEnabled(session != nullptr);
    updateLocationDisplay();
    if (!session)
        return;
    if (m_deps.settings && m_deps.connections && m_deps.connections->profile(session->id()))
        m_deps.settings->setValue(u"session/lastConnection"_s, session->id());
    QString bucket = session->config().bucket;
    QString prefix = session->config().prefix;
    if (bucket.isEmpty() && m_deps.settings) {
        const QStringList last = m_deps.settings->value(QStringLiteral("location/%1").arg(session->id())).toStringList();
        if (last.size() == 2) {
            bucket = last[0];
            prefix = last[1];
        }
    }
    m_restoredBucket = session->config().bucket.isEmpty() ? bucket : QString();
    // A tab of this connection (switched to, or restored at start) comes back with its own place and history.
    const TabState tab = m_tabs->current();
    if (const std::optional<S3UrlTarget> link = std::exchange(m_startLocation, std::nullopt)) {
        // A link names its own place: a missing bucket there is an error to show, not a memory to forget.
        m_restoredBucket.clear();
        m_browser->revealName(link->bucket, link->prefix, link->name);
    } else if (tab.connection == session->id() && tab.historyIndex >= 0
               && (session->config().bucket.isEmpty() || tab.location().bucket == session->config().bucket)) {
        m_restoredBucket = tab.location().bucket;
        const QScopedValueRollback showing(m_showingTab, true);
        m_browser->restoreHistory(tab.history, tab.historyIndex);
    } else if (!bucket.isEmpty()) {
        m_browser->openLocation(bucket, prefix);
    }
    syncCurrentTab();
    statusBar()->showMessage(tr("Connected to %1").arg(session->displayName()), 5000);
}

void MainWindow::syncCurrentTab()
{
    // Without a connection the tab keeps what it had: it reconnects there (a tab restored at start waits for
    // its secret; an edited connection reopens).
    if (m_showingTab || !m_current)
        return;
    TabState state;
    state.connection = m_current->id();
    state.connectionName = m_current->displayName();
    state.history = m_browser->history();
    state.historyIndex = m_browser->historyIndex();
    m_tabs->setCurrentState(state);
}

void MainWindow::showTab(int index)
{
    const TabState tab = m_tabs->tab(index);
    const auto it = m_sessions.find(tab.connection);
    Session *session = it == m_sessions.end() ? nullptr : it->second.get();
    if (session && session != m_current) {
        setCurrentSession(session); // shows the tab's place (it names this connection)
        return;
    }
    if (session) {
        {
            const QScopedValueRollback showing(m_showingTab, true);
            m_browser->restoreHistory(tab.history, tab.historyIndex);
        }
        syncCurrentTab();
        updateLocationDisplay();
        return;
    }
    {
        const QScopedValueRollback showing(m_showingTab, true);
        setCurrentSession(nullptr);
    }
    if (tab.connection.isEmpty())
        return;
    // A tab of the last run whose connection is not open yet: connected as from the list (asking for its
    // secret if needed); the tab's place is shown when it opens.
    const std::optional<ConnectionProfile> profile = m_deps.connections ? m_deps.connections->profile(tab.connection) : std::nullopt;
    if (!profile) {
        statusBar()->showMessage(tr("The connection %1 of this tab is not open.").arg(tab.connectionName), 10000);
        return;
    }
    if (m_connectionList)
        m_connectionList->setCurrentProfile(profile->id);
    connectProfile(*profile);
}

void MainWindow::updateLocationDisplay()
{
    const QString connection = m_current ? m_current->displayName() : QString();
    const QString bucket = m_browser->bucket();
    const QString location = bucket.isEmpty() ? QString() : u"s3://%1/%2"_s.arg(bucket, m_browser->prefix());
    QStringList title;
    if (!location.isEmpty())
        title << location;
    if (!connection.isEmpty())
        title << connection;
    title << u"S3Desk"_s;
    // Keys may hold newlines or control characters: the title and the status stay one line.
    setWindowTitle(s3::escapeControlCharacters(title.join(u" — "_s)));
    const QString status = connection.isEmpty() ? tr("Not connected")
                           : location.isEmpty() ? tr("%1: choose a bucket").arg(connection)
                                                : tr("%1: %2").arg(connection, location);
    m_locationStatus->setText(s3::escapeControlCharacters(status));
    m_locationStatus->setToolTip(m_locationStatus->text());
}

bool MainWindow::reopenLastConnection()
{
    if (!m_deps.settings || !m_deps.connections || m_current)
        return false;
    const QString id = m_deps.settings->value(u"session/lastConnection"_s).toString();
    const std::optional<ConnectionProfile> profile = id.isEmpty() ? std::nullopt : m_deps.connections->profile(id);
    if (!profile)
        return false;
    if (m_connectionList)
        m_connectionList->setCurrentProfile(id);
    connectProfile(*profile);
    return true;
}

bool MainWindow::openS3Url(const S3UrlTarget &target)
{
    if (m_current) {
        m_browser->revealName(target.bucket, target.prefix, target.name);
        return true;
    }
    m_startLocation = target;
    if (reopenLastConnection())
        return true;
    m_startLocation.reset();
    showError(tr("There is no connection to open s3://%1/%2 in: connect to its server first, then open the link again.")
                  .arg(target.bucket, target.prefix + target.name));
    return false;
}

void MainWindow::forgetLocation(const QString &bucket)
{
    if (!m_deps.settings || !m_current)
        return;
    const QString key = u"location/%1"_s.arg(m_current->id());
    const QStringList last = m_deps.settings->value(key).toStringList();
    if (!last.isEmpty() && last.first() == bucket)
        m_deps.settings->remove(key);
}

void MainWindow::saveLocation()
{
    if (!m_deps.settings || !m_current || m_browser->bucket().isEmpty())
        return;
    m_deps.settings->setValue(QStringLiteral("location/%1").arg(m_current->id()), QStringList{m_browser->bucket(), m_browser->prefix()});
}

void MainWindow::showError(const QString &message)
{
    m_lastError = message;
    statusBar()->showMessage(s3::escapeControlCharacters(message), 15000);
    if (m_errorBox && m_errorBox->isVisible()) {
        m_errorBox->setText(message);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, QStringLiteral("S3Desk"), message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setTextFormat(Qt::PlainText); // messages quote keys, which are not markup
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    m_errorBox = box;
    box->show();
}

void MainWindow::offerSignIn(const QString &message)
{
    showError(message);
    if (!m_errorBox || m_errorBox->findChild<QPushButton *>(QStringLiteral("signInButton")))
        return;
    QPushButton *signIn = m_errorBox->addButton(tr("Sign in…"), QMessageBox::ActionRole);
    signIn->setObjectName(QStringLiteral("signInButton"));
    // ActionRole buttons do not close the box by themselves.
    connect(signIn, &QPushButton::clicked, this, [this] {
        if (m_errorBox)
            m_errorBox->close();
        startSignIn();
    });
}

void MainWindow::offerConnectionFix(const QString &message, const s3::S3Error &error)
{
    showError(message);
    if (!m_errorBox || !m_current || !m_deps.connections)
        return;
    const std::optional<ConnectionProfile> profile = m_deps.connections->profile(m_current->id());
    const QString code = error.code();
    const bool keysRefused = code == u"SignatureDoesNotMatch"_s || code == u"InvalidAccessKeyId"_s
        || code == u"ExpiredToken"_s || code == u"TokenRefreshRequired"_s || code == u"InvalidToken"_s
        || code == u"AccessDenied"_s || error.httpStatus() == 403;
    if (!profile || !keysRefused)
        return; // a command-line connection has nothing to edit here; a network error needs no new keys
    for (QAbstractButton *old : m_errorBox->buttons()) {
        if (m_errorBox->buttonRole(old) == QMessageBox::ActionRole)
            m_errorBox->removeButton(old);
    }
    if (!profile->isReadOnly() && m_connectionList) {
        QPushButton *edit = m_errorBox->addButton(tr("Edit connection…"), QMessageBox::ActionRole);
        edit->setObjectName(u"editConnectionButton"_s);
        const QString id = profile->id;
        connect(edit, &QPushButton::clicked, this, [this, id] {
            if (m_errorBox)
                m_errorBox->close();
            if (m_connectionList && m_connectionList->setCurrentProfile(id))
                m_connectionList->editAction()->trigger();
        });
    }
    if (profile->needsSecret()) {
        QPushButton *again = m_errorBox->addButton(tr("Enter secret again…"), QMessageBox::ActionRole);
        again->setObjectName(u"reenterSecretButton"_s);
        const ConnectionProfile p = *profile;
        connect(again, &QPushButton::clicked, this, [this, p] {
            if (m_errorBox)
                m_errorBox->close();
            QPointer<MainWindow> self(this);
            obtainConnectionSecret(p, m_deps.keychain, m_deps.sessionSecrets, this,
                                   [self, p](std::optional<QString> secret) {
                                       if (!self || !secret)
                                           return;
                                       self->closeSession(p.id);
                                       self->openSession(sessionConfigFor(p, *secret, self->m_deps.stateDir,
                                                                          QProcessEnvironment::systemEnvironment(), self->m_mfaPrompter));
                                   },
                                   tr("The server refused the secret key of %1: enter it again.").arg(p.name));
        });
    }
}

void MainWindow::closeSession(const QString &id)
{
    auto it = m_sessions.find(id);
    if (it == m_sessions.end())
        return;
    if (m_current == it->second.get())
        setCurrentSession(nullptr);
    m_transferModel->removeEngine(it->second->transfers());
    m_sessions.erase(it); // its unfinished transfers are saved and come back paused when it opens again
}

void MainWindow::startSignIn()
{
    if (m_signInDialog) {
        m_signInDialog->raise();
        m_signInDialog->activateWindow();
        return;
    }
    if (!m_current)
        return;
    const QProcessEnvironment environment =
        m_deps.connections ? m_deps.connections->environment() : QProcessEnvironment::systemEnvironment();
    const QString profileName = m_current->connection().profile;
    const s3::Result<s3::AwsProfile> profile = s3::loadAwsProfile(profileName, s3::AwsSharedFiles::fromEnvironment(environment));
    if (!profile) {
        showError(tr("Cannot sign in: %1").arg(profile.error().toString()));
        return;
    }
    const s3::Result<std::optional<s3::SsoConfig>> config = s3::ssoConfigFromProfile(*profile, false);
    if (!config || !config->has_value()) {
        showError(config ? tr("Cannot sign in: profile '%1' is not configured for IAM Identity Center").arg(profileName)
                         : tr("Cannot sign in: %1").arg(config.error().toString()));
        return;
    }
    const s3::SsoConfig sso = **config;
    s3::SsoEndpoints endpoints = s3::SsoEndpoints::forRegion(sso.region, environment);
    endpoints.caCertificates = s3::caCertificatesFromBundle(m_current->connection().caBundle);
    auto *dialog = new SsoSignInDialog(m_current->client()->network(), sso, s3::ssoCacheFolder(environment),
                                       std::move(endpoints), m_deps.openUrl, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::NonModal);
    m_signInDialog = dialog;
    QPointer<Session> session = m_current;
    connect(dialog, &SsoSignInDialog::signedIn, this, [this, session] {
        if (!session)
            return;
        // The new token is on disk; every provider of this connection reads it on its next fetch.
        session->client()->credentialsProvider()->invalidate();
        statusBar()->showMessage(tr("Signed in to IAM Identity Center"), 5000);
        if (session == m_current) {
            m_credentialsStatus->refresh();
            m_buckets->refresh();
        }
    });
    dialog->show();
    dialog->start();
}

void MainWindow::showRestoreProblems(const QString &connection, const QStringList &problems)
{
    m_pendingRestoreProblems.append(tr("Transfers of %1:").arg(connection));
    m_pendingRestoreProblems.append(problems);
    if (isVisible())
        flushRestoreProblems();
}

void MainWindow::flushRestoreProblems()
{
    if (m_pendingRestoreProblems.isEmpty())
        return;
    QStringList lines = std::exchange(m_pendingRestoreProblems, {});
    for (QString &line : lines)
        line = s3::escapeControlCharacters(line); // one line each, whatever a path or key holds
    const QString text = lines.join(u'\n');
    statusBar()->showMessage(tr("Some saved transfers could not be restored; see the notice"), 15000);
    if (m_restoreBox) { // several connections: one notice
        m_restoreBox->setText(m_restoreBox->text() + u"\n\n"_s + text);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Saved transfers"), text, QMessageBox::Ok, this);
    box->setObjectName(u"restoreProblemBox"_s);
    box->setTextFormat(Qt::PlainText); // file names and keys are not markup
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    m_restoreBox = box;
    box->show();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // After the window itself is on screen, from the event loop.
    if (!m_pendingRestoreProblems.isEmpty())
        QTimer::singleShot(0, this, &MainWindow::flushRestoreProblems);
}

void MainWindow::openPresign(const QString &bucket, const QString &key)
{
    if (!m_current)
        return;
    auto *dialog = new PresignDialog(m_current, bucket, key, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openProperties(const QString &bucket, const QString &key)
{
    if (!m_current)
        return;
    auto *dialog = new PropertiesDialog(m_current, bucket, key, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PropertiesDialog::objectChanged, m_browser->model(), &ObjectListModel::refresh);
    dialog->open();
}

void MainWindow::openFolderProperties(const QString &bucket, const QString &prefix)
{
    if (!m_current)
        return;
    auto *dialog = new FolderPropertiesDialog(m_current, bucket, prefix, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openBucketVersioning()
{
    const QString bucket = m_browser->bucket();
    if (!m_current || bucket.isEmpty())
        return;
    auto *dialog = new BucketVersioningDialog(m_current, bucket, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openIncompleteUploads(const QString &bucket)
{
    if (!m_current)
        return;
    auto *dialog = new IncompleteUploadsDialog(m_current, bucket, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::askNewBucket()
{
    if (!m_current)
        return;
    auto *dialog = new NameDialog(tr("New bucket"), tr("Bucket name (3–63 characters: lower-case letters, digits, '-' and '.'):"),
                                  [this](const QString &name) { return newBucketProblem(name); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("newBucketDialog"));
    connect(dialog, &NameDialog::nameAccepted, this, [this](const QString &name) {
        if (!m_current || name.isEmpty())
            return;
        auto *job = new s3::CreateBucketJob(m_current->client(), name, {}, this);
        connect(job, &s3::Job::finished, this, [this, job, name] {
            if (job->hasError()) {
                showError(tr("Creating the bucket %1 failed: %2").arg(name, job->error().toString()));
                return;
            }
            m_buckets->refresh();
            m_browser->openLocation(name, {});
        });
        job->start();
    });
    dialog->open();
}

QString MainWindow::newBucketProblem(const QString &name) const
{
    if (QString problem = bucketNameProblem(name); !problem.isEmpty())
        return problem;
    // Bucket names are global on AWS: one not listed here may still be taken; the server then says so.
    if (m_buckets->rowOfBucket(name) >= 0)
        return tr("You already have a bucket named \"%1\".").arg(name);
    return {};
}

void MainWindow::askDeleteBucket()
{
    const QString bucket = m_buckets->bucketAt(m_bucketView->currentIndex().row());
    if (!m_current || bucket.isEmpty())
        return;
    promptDeleteBucket(bucket, false);
}

void MainWindow::promptDeleteBucket(const QString &bucket, bool withContents)
{
    if (!m_current)
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete bucket"), tr("Delete the bucket %1?").arg(bucket),
                                QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("confirmDeleteBucket"));
    box->setTextFormat(Qt::PlainText);
    QPushButton *remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel); // Enter never deletes
    // Off by default: without it S3 refuses a bucket that is not empty, so nothing is lost by mistake.
    auto *contents = new QCheckBox(tr("Delete its contents too (every object, version and delete marker, and incomplete uploads)"), box);
    contents->setObjectName(u"deleteContents"_s);
    contents->setChecked(withContents);
    box->setCheckBox(contents);
    box->setInformativeText(tr("Counting its contents…"));
    fitMessageBox(box, tr("Delete the bucket %1?").arg(bucket)); // the title whole, the name on one line
    // The real count first (versions and delete markers included: what "with its contents" removes). The bucket
    // alone can be deleted meanwhile (S3 refuses one that is not empty); with its contents only once counted.
    auto *walk = new s3::CountObjectsJob(m_current->client(), bucket, {QString()}, box);
    walk->setCountVersions(true);
    const QPointer<s3::CountObjectsJob> counting = walk;
    const auto updateButton = [remove, contents, counting] {
        remove->setEnabled(!contents->isChecked() || !counting || counting->isFinished());
    };
    connect(contents, &QCheckBox::toggled, box, updateButton);
    connect(walk, &s3::CountObjectsJob::progressChanged, box, [box](const s3::ObjectCounts &counts) {
        box->setInformativeText(counttext::counting(counts.versions + counts.deleteMarkers, counts.versionBytes));
    });
    connect(walk, &s3::Job::finished, box, [box, walk, remove] {
        const s3::ObjectCounts &counts = walk->counts();
        if (walk->hasError())
            box->setInformativeText(tr("Its contents could not be counted: %1").arg(walk->error().toString()));
        else if (counts.versions == 0 && counts.deleteMarkers == 0)
            box->setInformativeText(tr("The bucket is empty."));
        else
            box->setInformativeText(tr("It holds %1.").arg(counttext::bucketContents(counts)));
        remove->setEnabled(true);
    });
    connect(box, &QDialog::finished, this, [counting] {
        if (counting)
            counting->cancel();
    });
    connect(box, &QMessageBox::buttonClicked, this, [this, box, remove, contents, bucket](QAbstractButton *button) {
        const bool everything = contents->isChecked();
        box->close();
        if (button != remove || !m_current)
            return;
        if (everything)
            deleteBucketWithContents(bucket);
        else
            deleteEmptyBucket(bucket);
    });
    updateButton();
    box->open();
    walk->start();
}

void MainWindow::deleteEmptyBucket(const QString &bucket)
{
    auto *job = new s3::DeleteBucketJob(m_current->client(), bucket, this);
    connect(job, &s3::Job::finished, this, [this, job, bucket] {
        if (job->hasError()) {
            if (job->error().code() != QLatin1String("BucketNotEmpty")) {
                showError(tr("Deleting the bucket %1 failed: %2").arg(bucket, job->error().toString()));
                return;
            }
            showError(tr("Deleting the bucket %1 failed: %2 Delete its objects (and incomplete uploads) first, or delete it with "
                         "“Delete its contents too”.")
                          .arg(bucket, job->error().toString()));
            // The way forward in the same message: the prompt again, with the box ticked (and the count shown).
            if (m_errorBox && !m_errorBox->property("withContentsOffered").toBool()) {
                m_errorBox->setProperty("withContentsOffered", true);
                QPushButton *withContents = m_errorBox->addButton(tr("Delete with its contents…"), QMessageBox::ActionRole);
                withContents->setObjectName(u"deleteWithContents"_s);
                connect(withContents, &QPushButton::clicked, this, [this, bucket] { promptDeleteBucket(bucket, true); });
            }
            return;
        }
        bucketDeleted(bucket);
    });
    job->start();
}

void MainWindow::deleteBucketWithContents(const QString &bucket)
{
    auto *job = new s3::DeleteBucketWithContentsJob(m_current->client(), bucket, this);
    statusBar()->showMessage(tr("Deleting the bucket %1 and its contents…").arg(bucket));
    connect(job, &s3::DeleteBucketWithContentsJob::progressChanged, this,
            [this, bucket](s3::DeleteBucketWithContentsJob::Phase, qint64 deleted, qint64 aborted) {
                QString text = tr("Deleting the bucket %1: %Ln version(s) and delete marker(s) removed", nullptr,
                                  int(qMin<qint64>(deleted, std::numeric_limits<int>::max())))
                                   .arg(bucket);
                if (aborted > 0)
                    text += tr(", %n incomplete upload(s) aborted", nullptr, int(aborted));
                statusBar()->showMessage(text + u"…"_s);
            });
    connect(job, &s3::Job::finished, this, [this, job, bucket] {
        if (job->hasError()) {
            const QString code = job->error().code();
            const QString hint = code == QLatin1String("BucketNotEmpty")
                                     ? tr(" Objects were written to it meanwhile: try again.")
                                     : QString();
            showError(tr("Deleting the bucket %1 with its contents failed (%2): %3%4")
                          .arg(bucket, code.isEmpty() ? s3::S3Error::kindName(job->error().kind()) : code, job->error().toString(), hint));
            m_buckets->refresh();
            return;
        }
        bucketDeleted(bucket);
    });
    job->start();
}

void MainWindow::bucketDeleted(const QString &bucket)
{
    forgetLocation(bucket);
    m_browser->forgetBucket(bucket);
    m_buckets->refresh();
    statusBar()->showMessage(tr("Bucket %1 deleted").arg(bucket), 5000);
}

QMessageBox *MainWindow::askBeforeQuitting(const QString &objectName, const QString &title, const QString &text,
                                           const QString &informativeText, bool *confirmed)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Cancel, this);
    box->setObjectName(objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(informativeText);
    QPushButton *quit = box->addButton(tr("Quit"), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel); // Enter never stops transfers or leaves edits behind
    connect(box, &QMessageBox::buttonClicked, this, [this, box, quit, confirmed](QAbstractButton *button) {
        box->close();
        if (button == quit) {
            *confirmed = true;
            close();
        }
    });
    return box;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const QStringList unsent = m_browser->openEditController()->pendingChanges();
    if (!unsent.isEmpty() && !m_unsentEditsConfirmed) {
        event->ignore();
        QMessageBox *box = askBeforeQuitting(u"confirmQuitUnsentEdits"_s, tr("Edited files not uploaded"),
                                             tr("%n edited file(s) have changes that are not uploaded. Quit anyway?", nullptr, int(unsent.size())),
                                             tr("The local copies are kept in %1, so nothing is lost.").arg(QDir::toNativeSeparators(OpenEditController::tempRoot())),
                                             &m_unsentEditsConfirmed);
        const QStringList shown = unsent.mid(0, 5);
        box->setDetailedText(shown.join(u'\n') + (unsent.size() > shown.size() ? u"\n"_s + tr("… and %n more", nullptr, int(unsent.size() - shown.size())) : QString()));
        box->open();
        return;
    }
    const int active = m_transferModel->activeCount();
    if (active > 0 && !m_quitConfirmed) {
        event->ignore();
        askBeforeQuitting(u"confirmQuit"_s, tr("Transfers are running"), tr("%n transfer(s) are not finished. Quit anyway?", nullptr, active),
                          tr("They are kept and come back paused the next time you open this connection."), &m_quitConfirmed)
            ->open();
        return;
    }
    saveLocation();
    if (m_deps.settings) {
        m_deps.settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
        m_deps.settings->setValue(QStringLiteral("window/state"), saveState());
        m_deps.settings->setValue(QStringLiteral("browser/localFolder"), m_browser->localFolder());
        m_deps.settings->sync();
    }
    event->accept();
}

} // namespace s3ui
