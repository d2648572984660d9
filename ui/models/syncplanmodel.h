// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "browser/synctext.h"
#include "s3core/transfer/syncplan.h"

namespace s3ui {

/**
 * The rows of a sync preview (one step each, in key order as the plan streams them in) for a table view, and
 * the tally for its summary. Steps to be done (upload, download, delete) are kept whole for Run; skipped ones
 * only as their row (action, key, size, reason), so a big unchanged tree costs a row each, not two entries.
 * Skipped rows are hidden unless setShowSkipped(true) (they are counted in the tally either way).
 */
class SyncPlanModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncPlanModel)
public:
    enum Column { ActionColumn, PathColumn, SizeColumn, ReasonColumn, ColumnCount };
    enum Role {
        KeyRole = Qt::UserRole + 1, ///< the path relative to the folder and the prefix
        ActionRole,                 ///< int(s3::SyncAction)
    };

    explicit SyncPlanModel(QObject *parent = nullptr);
    ~SyncPlanModel() override;

    void clear();
    /** Steps in key order, after those appended before. */
    void append(const QList<s3::SyncStep> &steps);
    void setShowSkipped(bool show);
    bool showSkipped() const { return m_showSkipped; }

    const SyncTally &tally() const { return m_tally; }
    /** The uploads, downloads and deletes, whole, in key order (what Run does). */
    const QList<s3::SyncStep> &actionSteps() const { return m_actionSteps; }
    /** Every step appended (shown or not). */
    qsizetype stepCount() const { return m_rows.size(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        s3::SyncAction action = s3::SyncAction::Skip;
        QString key;
        qint64 size = 0;
        QString reason;
    };
    QList<Row> m_rows;
    QList<int> m_visible; // indices into m_rows of the rows shown (all of them when skipped rows are shown)
    QList<s3::SyncStep> m_actionSteps;
    SyncTally m_tally;
    bool m_showSkipped = false;

    bool shown(const Row &row) const { return m_showSkipped || row.action != s3::SyncAction::Skip; }
    void rebuildVisible();
};

} // namespace s3ui
