// SPDX-License-Identifier: Apache-2.0
#include "widgets/favouriteslist.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

#include "models/favouritesmodel.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {

/**
 * The rename editor keeps Enter and Escape: the window binds them too (the browser's Open, in the menu bar), and
 * a shortcut would otherwise take them before the editor sees them.
 */
class RenameDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    bool eventFilter(QObject *editor, QEvent *event) override
    {
        if (event->type() == QEvent::ShortcutOverride) {
            const int key = static_cast<QKeyEvent *>(event)->key();
            if (key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Escape) {
                event->accept();
                return true;
            }
        }
        return QStyledItemDelegate::eventFilter(editor, event);
    }
};

} // namespace

FavouritesList::FavouritesList(FavouritesModel *model, QAction *addFavourite, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_addAction(addFavourite)
    , m_view(new QListView(this))
    , m_emptyHint(new QLabel(this))
{
    setObjectName(u"favouritesList"_s);
    const auto makeAction = [this](const QString &text, const QKeySequence &shortcut) {
        auto *action = new QAction(text, this);
        action->setShortcut(shortcut);
        // Only while the list has focus: Del and F2 delete and rename objects in the browser.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        return action;
    };
    // Enter opens through eventFilter(), not a shortcut: a shortcut would also take the Enter that ends a rename.
    m_open = makeAction(tr("Open"), {});
    m_rename = makeAction(tr("Rename"), QKeySequence(Qt::Key_F2));
    m_remove = makeAction(tr("Remove from favourites"), QKeySequence::Delete);
    m_moveUp = makeAction(tr("Move up"), QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Up));
    m_moveDown = makeAction(tr("Move down"), QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Down));
    m_rename->setObjectName(u"renameFavourite"_s);
    m_remove->setObjectName(u"removeFavourite"_s);
    m_moveUp->setObjectName(u"moveFavouriteUp"_s);
    m_moveDown->setObjectName(u"moveFavouriteDown"_s);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("Favourites"), this);
    title->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(title);

    m_view->setObjectName(u"favouritesView"_s);
    m_view->setModel(model);
    m_view->setItemDelegate(new RenameDelegate(m_view));
    m_view->setAccessibleName(tr("Favourites"));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers); // Rename (F2) edits; a click opens
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    // Reordered by dragging: QListView moves the row with FavouritesModel::moveRows.
    m_view->setDragDropMode(QAbstractItemView::InternalMove);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->setDropIndicatorShown(true);
    m_view->setUniformItemSizes(true);
    layout->addWidget(m_view, 1);
    title->setBuddy(m_view);

    m_emptyHint->setObjectName(u"favouritesEmptyHint"_s);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setContentsMargins(4, 0, 4, 4);
    const QString shortcut = addFavourite ? addFavourite->shortcut().toString(QKeySequence::NativeText) : QString();
    m_emptyHint->setText(shortcut.isEmpty() ? tr("No favourites yet: open a folder and add it with Go > Add to favourites.")
                                            : tr("No favourites yet: open a folder and add it with Go > Add to favourites (%1).").arg(shortcut));
    layout->addWidget(m_emptyHint);
    setFocusProxy(m_view);
    m_view->installEventFilter(this);

    connect(m_open, &QAction::triggered, this, [this] {
        if (currentRow() >= 0)
            Q_EMIT openRequested(currentRow());
    });
    connect(m_rename, &QAction::triggered, this, [this] {
        if (m_view->currentIndex().isValid())
            m_view->edit(m_view->currentIndex());
    });
    connect(m_remove, &QAction::triggered, this, [this] {
        const int row = currentRow();
        if (row >= 0)
            m_model->removeRow(row);
    });
    connect(m_moveUp, &QAction::triggered, this, [this] {
        const int row = currentRow();
        if (m_model->moveBy(row, -1))
            setCurrentRow(row - 1);
    });
    connect(m_moveDown, &QAction::triggered, this, [this] {
        const int row = currentRow();
        if (m_model->moveBy(row, +1))
            setCurrentRow(row + 1);
    });
    // A sidebar entry opens on a click, as the places of a file manager do; Enter in eventFilter(). Not `activated`
    // as well: a click would then open twice on styles that activate on a single click.
    connect(m_view, &QListView::clicked, this, [this](const QModelIndex &index) {
        // A double click is two clicks: the second must not open (or ask for a secret) again.
        if (index.row() == m_lastClickedRow && m_lastClick.isValid() && m_lastClick.elapsed() < QApplication::doubleClickInterval())
            return;
        m_lastClickedRow = index.row();
        m_lastClick.start();
        Q_EMIT openRequested(index.row());
    });
    connect(m_view, &QListView::customContextMenuRequested, this, &FavouritesList::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &FavouritesList::updateActions);
    const auto rowsChanged = [this] {
        updateActions();
        updateEmptyState();
    };
    connect(model, &QAbstractItemModel::rowsInserted, this, rowsChanged);
    connect(model, &QAbstractItemModel::rowsRemoved, this, rowsChanged);
    connect(model, &QAbstractItemModel::rowsMoved, this, rowsChanged);
    connect(model, &QAbstractItemModel::modelReset, this, rowsChanged);
    updateActions();
    updateEmptyState();
}

FavouritesList::~FavouritesList() = default;

bool FavouritesList::eventFilter(QObject *watched, QEvent *event)
{
    // Enter on the list itself. Not the Enter that ends a rename: the editor lets it through to the view (the
    // delegate commits later, queued), and the focus is still on the editor then.
    if (watched == m_view && event->type() == QEvent::KeyPress && m_view->hasFocus()) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && currentRow() >= 0) {
            Q_EMIT openRequested(currentRow());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

int FavouritesList::currentRow() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? index.row() : -1;
}

void FavouritesList::setCurrentRow(int row)
{
    const QModelIndex index = m_model->index(row);
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    updateActions();
}

void FavouritesList::updateActions()
{
    const int row = currentRow();
    m_open->setEnabled(row >= 0);
    m_rename->setEnabled(row >= 0);
    m_remove->setEnabled(row >= 0);
    m_moveUp->setEnabled(row > 0);
    m_moveDown->setEnabled(row >= 0 && row + 1 < m_model->rowCount());
}

void FavouritesList::updateEmptyState()
{
    // The hint instead of an empty box; the list stays (a drop target, and the focus proxy).
    m_emptyHint->setVisible(m_model->rowCount() == 0);
}

void FavouritesList::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (index.isValid())
        m_view->setCurrentIndex(index);
    updateActions();
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (index.isValid()) {
        menu->addAction(m_open);
        menu->addAction(m_rename);
        menu->addAction(m_remove);
        menu->addSeparator();
        menu->addAction(m_moveUp);
        menu->addAction(m_moveDown);
        menu->addSeparator();
    }
    if (m_addAction)
        menu->addAction(m_addAction);
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

} // namespace s3ui
