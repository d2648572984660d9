// SPDX-License-Identifier: Apache-2.0
#include "models/syncplanmodel.h"

#include <QBrush>
#include <QPalette>

#include "util/format.h"

namespace s3ui {

SyncPlanModel::SyncPlanModel(QObject *parent) : QAbstractTableModel(parent) {}

SyncPlanModel::~SyncPlanModel() = default;

void SyncPlanModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_visible.clear();
    m_actionSteps.clear();
    m_tally = {};
    endResetModel();
}

void SyncPlanModel::append(const QList<s3::SyncStep> &steps)
{
    QList<int> added;
    for (const s3::SyncStep &step : steps) {
        m_tally.add(step);
        const std::optional<s3::SyncEntry> &entry = step.source ? step.source : step.destination;
        Row row{step.action, step.key, entry ? entry->size : 0, synctext::reason(step)};
        if (shown(row))
            added.append(int(m_rows.size()));
        m_rows.append(std::move(row));
        if (step.action != s3::SyncAction::Skip)
            m_actionSteps.append(step);
    }
    if (added.isEmpty())
        return;
    // One insert per batch: the plan hands its steps over in batches, so the view is told once per batch.
    beginInsertRows({}, int(m_visible.size()), int(m_visible.size() + added.size() - 1));
    m_visible.append(added);
    endInsertRows();
}

void SyncPlanModel::setShowSkipped(bool show)
{
    if (show == m_showSkipped)
        return;
    beginResetModel();
    m_showSkipped = show;
    rebuildVisible();
    endResetModel();
}

void SyncPlanModel::rebuildVisible()
{
    m_visible.clear();
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (shown(m_rows.at(i)))
            m_visible.append(int(i));
    }
}

int SyncPlanModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int SyncPlanModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SyncPlanModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(m_visible.at(index.row()));
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ActionColumn:
            return synctext::actionName(row.action);
        case PathColumn:
            return row.key;
        case SizeColumn:
            return formatSize(row.size);
        case ReasonColumn:
            return row.reason;
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        // Skipped rows recede; deletes stand out (the one action that loses data).
        if (row.action == s3::SyncAction::Skip)
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        if (row.action == s3::SyncAction::Delete && index.column() == ActionColumn)
            return QBrush(Qt::darkRed);
        return {};
    case KeyRole:
        return row.key;
    case ActionRole:
        return int(row.action);
    default:
        return {};
    }
}

QVariant SyncPlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ActionColumn:
        return tr("Action");
    case PathColumn:
        return tr("Path");
    case SizeColumn:
        return tr("Size");
    case ReasonColumn:
        return tr("Reason");
    default:
        return {};
    }
}

} // namespace s3ui
