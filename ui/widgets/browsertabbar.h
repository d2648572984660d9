// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QTabBar>

class QMimeData;

namespace s3ui {

/**
 * The tabs above the browser. Objects dragged from the browser onto another tab are dropped there: copied, or
 * moved with Shift held (as file managers do); the drop names the tab, the controller acts on it.
 */
class BrowserTabBar final : public QTabBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrowserTabBar)
public:
    explicit BrowserTabBar(QWidget *parent = nullptr);

Q_SIGNALS:
    /** `objects` as ObjectListModel::encodeObjects() wrote them; `connection` the Session::id() they come from. */
    void objectsDropped(int index, const QByteArray &objects, const QString &connection, bool move);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    /** The tab under `position` that can take the drag, or -1 (the tab on screen shows where they are). */
    int dropTarget(const QMimeData *mime, const QPoint &position) const;
};

} // namespace s3ui
