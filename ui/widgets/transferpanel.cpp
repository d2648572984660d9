// SPDX-License-Identifier: Apache-2.0
#include "widgets/transferpanel.h"

#include <QAction>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QStyle>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include "delegates/transferprogressdelegate.h"
#include "models/transferlistmodel.h"
#include "s3core/transfer/transferengine.h"

namespace s3ui {

namespace {

bool canPause(s3::TransferState state)
{
    return state == s3::TransferState::Queued || state == s3::TransferState::Running;
}

bool canResume(s3::TransferState state)
{
    return state == s3::TransferState::Paused;
}

bool canCancel(s3::TransferState state)
{
    return !s3::isFinalState(state);
}

bool canRetry(s3::TransferState state)
{
    return state == s3::TransferState::Failed || state == s3::TransferState::Cancelled;
}

bool canRemove(s3::TransferState state)
{
    return s3::isFinalState(state);
}

bool canMoveToTop(s3::TransferState state)
{
    return state == s3::TransferState::Queued || state == s3::TransferState::Paused;
}

bool isClearable(s3::TransferState state)
{
    return state == s3::TransferState::Succeeded || state == s3::TransferState::Cancelled;
}

} // namespace

TransferPanel::TransferPanel(TransferListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new QTreeView(this))
    , m_toolBar(new QToolBar(this))
    , m_contextMenu(new QMenu(this))
{
    Q_ASSERT(model);
    setObjectName(QStringLiteral("TransferPanel"));
    m_view->setObjectName(QStringLiteral("TransferView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setItemsExpandable(false);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setItemDelegateForColumn(TransferListModel::Progress, new TransferProgressDelegate(m_view));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->installEventFilter(this);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(TransferListModel::Name, QHeaderView::Stretch);
    header->resizeSection(TransferListModel::Direction, 100);
    header->resizeSection(TransferListModel::Progress, 140);
    header->resizeSection(TransferListModel::State, 260);

    m_toolBar->setObjectName(QStringLiteral("TransferToolBar"));
    m_toolBar->setIconSize(QSize(16, 16));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QStyle *st = style();
    m_pause = makeAction(st->standardIcon(QStyle::SP_MediaPause), tr("Pause"),
                         tr("Pause the selected transfers; what is done is kept (Space)"),
                         &TransferPanel::pauseSelected);
    m_resume = makeAction(st->standardIcon(QStyle::SP_MediaPlay), tr("Resume"),
                          tr("Continue the selected paused transfers (Space)"), &TransferPanel::resumeSelected);
    m_cancel = makeAction(st->standardIcon(QStyle::SP_DialogCancelButton), tr("Cancel"),
                          tr("Stop the selected transfers for good; nothing is left behind (Delete)"),
                          &TransferPanel::cancelSelected);
    m_retry = makeAction(st->standardIcon(QStyle::SP_BrowserReload), tr("Retry"),
                         tr("Queue the selected failed or cancelled transfers again"), &TransferPanel::retrySelected);
    m_remove = makeAction(st->standardIcon(QStyle::SP_DialogDiscardButton), tr("Remove"),
                          tr("Remove the selected finished transfers from the list (Delete)"),
                          &TransferPanel::removeSelected);
    m_moveToTop = makeAction(st->standardIcon(QStyle::SP_ArrowUp), tr("Move to Top"),
                             tr("Start the selected waiting transfers next"), &TransferPanel::moveSelectedToTop);
    m_pauseAll = makeAction(st->standardIcon(QStyle::SP_MediaPause), tr("Pause All"), tr("Pause every transfer"),
                            &TransferPanel::pauseAll);
    m_resumeAll = makeAction(st->standardIcon(QStyle::SP_MediaPlay), tr("Resume All"),
                             tr("Continue every paused transfer"), &TransferPanel::resumeAll);
    m_clearFinished = makeAction(st->standardIcon(QStyle::SP_DialogResetButton), tr("Clear Finished"),
                                 tr("Remove the transfers that are done or cancelled (failed ones stay)"),
                                 &TransferPanel::clearFinished);
    const QList<QAction *> selectionActions{m_pause, m_resume, m_cancel, m_retry, m_remove, m_moveToTop};
    const QList<QAction *> globalActions{m_pauseAll, m_resumeAll, m_clearFinished};
    m_toolBar->addActions(selectionActions);
    m_toolBar->addSeparator();
    m_toolBar->addActions(globalActions);
    m_contextMenu->addActions(selectionActions);
    m_contextMenu->addSeparator();
    m_contextMenu->addActions(globalActions);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_view);

    connect(m_view, &QWidget::customContextMenuRequested, this, &TransferPanel::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TransferPanel::updateActions);
    // States change in batches (every ~250 ms per engine): one update after each burst of model signals.
    m_updateTimer.setSingleShot(true);
    m_updateTimer.setInterval(0);
    connect(&m_updateTimer, &QTimer::timeout, this, &TransferPanel::updateActions);
    const auto scheduleUpdate = [this] { m_updateTimer.start(); };
    connect(m_model, &QAbstractItemModel::dataChanged, this, scheduleUpdate);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, scheduleUpdate);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, scheduleUpdate);
    connect(m_model, &QAbstractItemModel::modelReset, this, scheduleUpdate);
    connect(m_model, &TransferListModel::summaryChanged, this, scheduleUpdate);
    updateActions();
}

TransferPanel::~TransferPanel() = default;

QAction *TransferPanel::makeAction(const QIcon &icon, const QString &text, const QString &toolTip,
                                   void (TransferPanel::*slot)())
{
    auto *action = new QAction(icon, text, this);
    action->setToolTip(toolTip);
    action->setStatusTip(toolTip);
    connect(action, &QAction::triggered, this, slot);
    return action;
}

QList<int> TransferPanel::selectedRows() const
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    rows.reserve(selected.size());
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

int TransferPanel::forSelected(StatePredicate accepts, const RowAction &action) const
{
    int count = 0;
    for (int row : selectedRows()) {
        const s3::TransferSnapshot snapshot = m_model->snapshotAt(row);
        s3::TransferEngine *engine = m_model->engineAt(row);
        if (!engine || !accepts(snapshot.state))
            continue;
        if (action)
            action(engine, snapshot.id);
        ++count;
    }
    return count;
}

bool TransferPanel::anySelected(StatePredicate accepts) const
{
    for (int row : selectedRows()) {
        if (accepts(m_model->snapshotAt(row).state))
            return true;
    }
    return false;
}

void TransferPanel::pauseSelected()
{
    forSelected(canPause, [](s3::TransferEngine *engine, s3::TransferId id) { engine->pause(id); });
}

void TransferPanel::resumeSelected()
{
    forSelected(canResume, [](s3::TransferEngine *engine, s3::TransferId id) { engine->resume(id); });
}

void TransferPanel::cancelSelected()
{
    forSelected(canCancel, [](s3::TransferEngine *engine, s3::TransferId id) { engine->cancel(id); });
}

void TransferPanel::retrySelected()
{
    forSelected(canRetry, [](s3::TransferEngine *engine, s3::TransferId id) { engine->retry(id); });
}

void TransferPanel::removeSelected()
{
    forSelected(canRemove, [](s3::TransferEngine *engine, s3::TransferId id) { engine->remove(id); });
    m_model->removeRefused(selectedRows()); // items a folder action left out have no engine
}

void TransferPanel::moveSelectedToTop()
{
    forSelected(canMoveToTop, [](s3::TransferEngine *engine, s3::TransferId id) { engine->moveToTop(id); });
}

void TransferPanel::pauseAll()
{
    for (s3::TransferEngine *engine : m_model->engines())
        engine->pauseAll();
}

void TransferPanel::resumeAll()
{
    for (s3::TransferEngine *engine : m_model->engines())
        engine->resumeAll();
}

void TransferPanel::clearFinished()
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const s3::TransferSnapshot snapshot = m_model->snapshotAt(row);
        if (isClearable(snapshot.state))
            m_model->engineAt(row)->remove(snapshot.id);
    }
}

void TransferPanel::cancelOrRemoveSelected()
{
    cancelSelected();
    removeSelected();
}

void TransferPanel::togglePauseSelected()
{
    if (anySelected(canPause))
        pauseSelected();
    else
        resumeSelected();
}

bool TransferPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier) {
            if (key->key() == Qt::Key_Delete) {
                cancelOrRemoveSelected();
                return true;
            }
            if (key->key() == Qt::Key_Space) {
                togglePauseSelected();
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TransferPanel::updateActions()
{
    m_updateTimer.stop();
    m_pause->setEnabled(anySelected(canPause));
    m_resume->setEnabled(anySelected(canResume));
    m_cancel->setEnabled(anySelected(canCancel));
    m_retry->setEnabled(anySelected(canRetry));
    m_remove->setEnabled(anySelected(canRemove));
    m_moveToTop->setEnabled(anySelected(canMoveToTop));
    m_pauseAll->setEnabled(m_model->stateCount(s3::TransferState::Queued)
                               + m_model->stateCount(s3::TransferState::Running)
                           > 0);
    m_resumeAll->setEnabled(m_model->stateCount(s3::TransferState::Paused) > 0);
    m_clearFinished->setEnabled(m_model->stateCount(s3::TransferState::Succeeded)
                                    + m_model->stateCount(s3::TransferState::Cancelled)
                                > 0);
}

void TransferPanel::showContextMenu(const QPoint &position)
{
    updateActions(); // the states may have changed since the last burst
    m_contextMenu->popup(m_view->viewport()->mapToGlobal(position));
}

} // namespace s3ui
