// SPDX-License-Identifier: Apache-2.0
#include "widgets/browsertabbar.h"

#include <QDragEnterEvent>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QMimeData>

#include "browser/browserview.h"
#include "connection/session.h"
#include "models/objectlistmodel.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {

/** Shift moves, anything else copies (Dolphin's and Nautilus' modifiers; a drop onto a tab copies by default). */
Qt::DropAction actionFor(Qt::KeyboardModifiers modifiers)
{
    return modifiers.testFlag(Qt::ShiftModifier) ? Qt::MoveAction : Qt::CopyAction;
}

} // namespace

BrowserTabBar::BrowserTabBar(QWidget *parent)
    : QTabBar(parent)
{
    setObjectName(u"browserTabs"_s);
    setAccessibleName(tr("Tabs"));
    setAcceptDrops(true);
    setMovable(true);
    setTabsClosable(true);
    setDocumentMode(true);
    setExpanding(false);
    setElideMode(Qt::ElideMiddle);
    // One tab: no bar (as Dolphin): the window looks as it did before tabs until a second one is opened.
    setAutoHide(true);
}

int BrowserTabBar::dropTarget(const QMimeData *mime, const QPoint &position) const
{
    if (!mime || !mime->hasFormat(ObjectListModel::objectsMimeType()))
        return -1;
    const int index = tabAt(position);
    return index == currentIndex() ? -1 : index;
}

void BrowserTabBar::dragEnterEvent(QDragEnterEvent *event)
{
    // Accepted over the whole bar: the tab under the pointer is decided while it moves.
    if (!event->mimeData()->hasFormat(ObjectListModel::objectsMimeType()))
        return event->ignore();
    event->acceptProposedAction();
}

void BrowserTabBar::dragMoveEvent(QDragMoveEvent *event)
{
    if (dropTarget(event->mimeData(), event->position().toPoint()) < 0)
        return event->ignore();
    event->setDropAction(actionFor(event->modifiers()));
    event->accept();
}

void BrowserTabBar::dropEvent(QDropEvent *event)
{
    const int index = dropTarget(event->mimeData(), event->position().toPoint());
    if (index < 0)
        return event->ignore();
    const bool move = actionFor(event->modifiers()) == Qt::MoveAction;
    // The source must not delete anything itself: the copy or move runs on the server, reported by the controller.
    event->setDropAction(Qt::CopyAction);
    event->accept();
    Q_EMIT objectsDropped(index, event->mimeData()->data(ObjectListModel::objectsMimeType()),
                          QString::fromUtf8(event->mimeData()->data(BrowserView::connectionMimeType())), move);
}

} // namespace s3ui
