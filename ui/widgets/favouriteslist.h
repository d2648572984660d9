// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QElapsedTimer>
#include <QWidget>

class QAction;
class QLabel;
class QListView;

namespace s3ui {

class FavouritesModel;

/**
 * The "Favourites" pane of the sidebar: the favourites in the user's order (drag a row, or Move up / Move down
 * with Alt+Shift+Up/Down), Rename (F2, in place) and Remove (Del) while the list has focus, the same in the context
 * menu. A click, Enter or double-click asks to open one (openRequested); opening is the controller's business.
 * With no favourites it says how to add one.
 */
class FavouritesList final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FavouritesList)
public:
    /** addFavourite: "Add to favourites", offered in the context menu and named in the empty list's hint (may be null). */
    FavouritesList(FavouritesModel *model, QAction *addFavourite, QWidget *parent = nullptr);
    ~FavouritesList() override;

    QListView *view() const { return m_view; }
    FavouritesModel *model() const { return m_model; }
    QAction *renameAction() const { return m_rename; }
    QAction *removeAction() const { return m_remove; }
    QAction *moveUpAction() const { return m_moveUp; }
    QAction *moveDownAction() const { return m_moveDown; }

    /** The current row, or -1. */
    int currentRow() const;
    void setCurrentRow(int row);

Q_SIGNALS:
    void openRequested(int row);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showContextMenu(const QPoint &position);
    void updateActions();
    void updateEmptyState();

    FavouritesModel *m_model;
    QAction *m_addAction;
    QListView *m_view;
    QLabel *m_emptyHint;
    QAction *m_open;
    QAction *m_rename;
    QAction *m_remove;
    QAction *m_moveUp;
    QAction *m_moveDown;
    int m_lastClickedRow = -1;
    QElapsedTimer m_lastClick;
};

} // namespace s3ui
