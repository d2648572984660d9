// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QSettings;

namespace s3ui {

class ConnectionStore;
class FavouritesList;
class FavouritesModel;
class MainWindow;

/**
 * Favourites in the main window: owns the model (kept in the window's QSettings) and the sidebar pane, and acts
 * for them. "Add to favourites" (Ctrl+B, as browsers bookmark; Ctrl+D is Download here) bookmarks the place on
 * screen, "Add folder to favourites" (the browser's context menu of a folder row) that folder; both only for
 * connections with a profile (saved ones and AWS profiles: the ids that still mean something at the next start).
 * Opening a favourite goes to its bucket and prefix in the connection on screen, or opens its connection as the
 * connection list does (secret from the keychain or a prompt, IAM Identity Center sign-in) and starts there.
 */
class FavouritesController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FavouritesController)
public:
    /** window: what is on screen, and how connections open (its public interface only). connections is required. */
    FavouritesController(MainWindow *window, QSettings *settings, ConnectionStore *connections, QObject *parent = nullptr);
    ~FavouritesController() override;

    FavouritesModel *model() const { return m_model; }
    FavouritesList *list() const { return m_list; }
    QAction *addAction() const { return m_add; }
    QAction *addFolderAction() const { return m_addFolder; }

    /** Bookmarks the place on screen; the row of its favourite (new or already there), or -1 (said in the status bar). */
    int addCurrentLocation();
    /** Bookmarks the one folder selected in the browser (else the place on screen). */
    int addSelectedFolder();
    /** Opens the favourite at `row` (see the class comment). False when it cannot be opened (said in the status bar). */
    bool open(int row);

private:
    int addPlace(const QString &bucket, const QString &prefix);
    void markCurrentPlace();
    void say(const QString &message);

    QPointer<MainWindow> m_window;
    QPointer<ConnectionStore> m_connections;
    FavouritesModel *m_model;
    QAction *m_add;
    QAction *m_addFolder;
    FavouritesList *m_list;
};

} // namespace s3ui
