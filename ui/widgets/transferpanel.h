// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QList>
#include <QTimer>
#include <QWidget>

#include "s3core/transfer/transfertypes.h"

class QAction;
class QMenu;
class QToolBar;
class QTreeView;

namespace s3 {
class TransferEngine;
} // namespace s3

namespace s3ui {

class TransferListModel;

/**
 * The transfers panel (the main window docks it): a table of every transfer of a TransferListModel, a small
 * toolbar and a context menu with the same actions.
 *
 * The actions work on the selected rows, each through the engine that owns the row's transfer (pause, resume,
 * cancel, retry, remove, move to top); Pause all / Resume all go to every engine of the model; Clear finished
 * removes the transfers that succeeded or were cancelled (failed ones stay: they say why, and can be retried).
 * An action is enabled when it can do something to the selection (or the model). Nothing changes here at once:
 * rows follow when the engines report the change.
 *
 * Keys in the table: Delete cancels the selected active transfers and removes the finished ones; Space pauses
 * the selected running or queued transfers, or resumes the selected paused ones when none runs.
 *
 * Does not own the model; the model must outlive the panel.
 */
class TransferPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferPanel)
public:
    explicit TransferPanel(TransferListModel *model, QWidget *parent = nullptr);
    ~TransferPanel() override;

    TransferListModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QToolBar *toolBar() const { return m_toolBar; }
    QMenu *contextMenu() const { return m_contextMenu; }

    QAction *pauseAction() const { return m_pause; }
    QAction *resumeAction() const { return m_resume; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *retryAction() const { return m_retry; }
    QAction *removeAction() const { return m_remove; }
    QAction *moveToTopAction() const { return m_moveToTop; }
    QAction *pauseAllAction() const { return m_pauseAll; }
    QAction *resumeAllAction() const { return m_resumeAll; }
    QAction *clearFinishedAction() const { return m_clearFinished; }

    /** Selected rows of the model, in ascending order. */
    QList<int> selectedRows() const;

    void pauseSelected();
    void resumeSelected();
    void cancelSelected();
    void retrySelected();
    void removeSelected();
    void moveSelectedToTop();
    void pauseAll();
    void resumeAll();
    void clearFinished();
    /** Delete: cancel what is active, remove what is finished. */
    void cancelOrRemoveSelected();
    /** Space: pause what runs or waits; if nothing does, resume what is paused. */
    void togglePauseSelected();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    using RowAction = std::function<void(s3::TransferEngine *engine, s3::TransferId id)>;
    using StatePredicate = bool (*)(s3::TransferState);

    QAction *makeAction(const QIcon &icon, const QString &text, const QString &toolTip, void (TransferPanel::*slot)());
    /** Runs `action` for every selected row whose state passes `accepts`; returns how many. */
    int forSelected(StatePredicate accepts, const RowAction &action) const;
    bool anySelected(StatePredicate accepts) const;
    void updateActions();
    void showContextMenu(const QPoint &position);

    TransferListModel *m_model;
    QTreeView *m_view;
    QToolBar *m_toolBar;
    QMenu *m_contextMenu;
    QAction *m_pause = nullptr;
    QAction *m_resume = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_retry = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_moveToTop = nullptr;
    QAction *m_pauseAll = nullptr;
    QAction *m_resumeAll = nullptr;
    QAction *m_clearFinished = nullptr;
    QTimer m_updateTimer; // coalesces the model's change signals into one updateActions()
};

} // namespace s3ui
