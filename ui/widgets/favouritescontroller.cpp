// SPDX-License-Identifier: Apache-2.0
#include "widgets/favouritescontroller.h"

#include <QAction>
#include <QListView>
#include <QStatusBar>

#include "browser/browserview.h"
#include "connection/connectionprofile.h"
#include "models/favouritesmodel.h"
#include "s3core/textescape.h"
#include "widgets/connectionlist.h"
#include "widgets/favouriteslist.h"
#include "widgets/mainwindow.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

FavouritesController::FavouritesController(MainWindow *window, QSettings *settings, ConnectionStore *connections, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_connections(connections)
    , m_model(new FavouritesModel(settings, connections, this))
    , m_add(new QAction(tr("Add to favourites"), this))
    , m_addFolder(new QAction(tr("Add folder to favourites"), this))
    , m_list(new FavouritesList(m_model, m_add, window))
{
    m_add->setObjectName(u"addFavouriteAction"_s);
    m_add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_add->setShortcutContext(Qt::WindowShortcut); // wherever the focus is, as a browser's bookmark key
    m_add->setToolTip(tr("Add the folder on screen to the favourites (%1)").arg(m_add->shortcut().toString(QKeySequence::NativeText)));
    window->addAction(m_add); // the shortcut works before the menu is ever shown
    m_addFolder->setObjectName(u"addFolderFavouriteAction"_s);
    connect(m_add, &QAction::triggered, this, &FavouritesController::addCurrentLocation);
    connect(m_addFolder, &QAction::triggered, this, &FavouritesController::addSelectedFolder);
    connect(m_list, &FavouritesList::openRequested, this, &FavouritesController::open);
    window->browser()->addFolderMenuAction(m_addFolder);
    // The favourite of the place on screen is selected, as a file manager marks the place it shows.
    connect(window->browser(), &BrowserView::locationChanged, this, &FavouritesController::markCurrentPlace);
}

void FavouritesController::markCurrentPlace()
{
    Session *session = m_window ? m_window->currentSession() : nullptr;
    const int row = session ? m_model->rowOf({session->id(), m_window->browser()->bucket(), m_window->browser()->prefix(), {}}) : -1;
    if (row >= 0)
        m_list->setCurrentRow(row);
    else
        m_list->view()->clearSelection(); // the current row stays: Rename and Remove still know what they apply to
}

FavouritesController::~FavouritesController() = default;

void FavouritesController::say(const QString &message)
{
    if (m_window)
        m_window->statusBar()->showMessage(s3::escapeControlCharacters(message), 8000);
}

int FavouritesController::addCurrentLocation()
{
    if (!m_window)
        return -1;
    return addPlace(m_window->browser()->bucket(), m_window->browser()->prefix());
}

int FavouritesController::addSelectedFolder()
{
    if (!m_window)
        return -1;
    BrowserView *browser = m_window->browser();
    const QStringList keys = browser->selectedKeys();
    if (keys.size() == 1 && keys.first().endsWith(u'/'))
        return addPlace(browser->bucket(), keys.first());
    return addCurrentLocation();
}

int FavouritesController::addPlace(const QString &bucket, const QString &prefix)
{
    Session *session = m_window->currentSession();
    if (!session || bucket.isEmpty()) {
        say(tr("Open a bucket or a folder first, then add it to the favourites."));
        return -1;
    }
    // A connection without a profile (the command line) has an id that means nothing at the next start.
    if (!m_connections || !m_connections->profile(session->id())) {
        say(tr("Only saved connections and AWS profiles can have favourites: save this connection first."));
        return -1;
    }
    const Favourite favourite{session->id(), bucket, prefix, defaultFavouriteName(bucket, prefix)};
    if (const int existing = m_model->rowOf(favourite); existing >= 0) {
        m_list->setCurrentRow(existing);
        say(tr("s3://%1/%2 is in the favourites already, as “%3”.").arg(bucket, prefix, m_model->favouriteAt(existing).name));
        return existing;
    }
    const int row = m_model->add(favourite);
    if (row < 0) {
        say(tr("s3://%1/%2 cannot be a favourite: %3").arg(bucket, prefix, favouriteProblem(favourite)));
        return -1;
    }
    m_list->setCurrentRow(row);
    say(tr("Added “%1” to the favourites (F2 in the list renames it).").arg(favourite.name));
    return row;
}

bool FavouritesController::open(int row)
{
    if (!m_window || row < 0 || row >= m_model->rowCount())
        return false;
    const Favourite favourite = m_model->favouriteAt(row);
    if (const QString reason = m_model->unavailableReason(row); !reason.isEmpty()) {
        say(tr("“%1” cannot be opened: %2").arg(favourite.name, reason));
        return false;
    }
    if (Session *session = m_window->currentSession(); session && session->id() == favourite.connectionId) {
        m_window->browser()->openLocation(favourite.bucket, favourite.prefix);
        return true;
    }
    const std::optional<ConnectionProfile> profile = m_connections ? m_connections->profile(favourite.connectionId) : std::nullopt;
    if (!profile)
        return false;
    // The connection opens (or comes to the front) where the favourite points instead of its last location;
    // a missing bucket there is reported as for any link (NoSuchBucket), not silently forgotten.
    m_window->setStartLocation(S3UrlTarget{favourite.bucket, favourite.prefix, {}});
    if (ConnectionList *connections = m_window->connectionList())
        connections->setCurrentProfile(profile->id);
    m_window->connectProfile(*profile);
    return true;
}

} // namespace s3ui
