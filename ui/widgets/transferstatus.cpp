// SPDX-License-Identifier: Apache-2.0
#include "widgets/transferstatus.h"

#include <QStringList>

#include "models/transferlistmodel.h"
#include "util/format.h"

namespace s3ui {

TransferStatusWidget::TransferStatusWidget(TransferListModel *model, QWidget *parent)
    : QLabel(parent)
    , m_model(model)
{
    Q_ASSERT(model);
    setObjectName(QStringLiteral("TransferStatus"));
    connect(m_model, &TransferListModel::summaryChanged, this, &TransferStatusWidget::updateSummary);
    // "No transfers" vs "No active transfers" depends on the row count, which the summary does not cover.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TransferStatusWidget::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TransferStatusWidget::updateSummary);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TransferStatusWidget::updateSummary);
    updateSummary();
}

TransferStatusWidget::~TransferStatusWidget() = default;

QString TransferStatusWidget::summaryText(int active, double bytesPerSecond, int failed, int total)
{
    const QString separator = QStringLiteral(" \u00B7 ");
    QStringList parts;
    if (active > 0) {
        parts << tr("%n active", nullptr, active);
        if (const QString rate = formatRate(bytesPerSecond); !rate.isEmpty())
            parts << rate;
    }
    if (failed > 0)
        parts << tr("%n failed", nullptr, failed);
    if (parts.isEmpty())
        return total > 0 ? tr("No active transfers") : tr("No transfers");
    return parts.join(separator);
}

void TransferStatusWidget::updateSummary()
{
    const int failed = m_model->stateCount(s3::TransferState::Failed);
    setText(summaryText(m_model->activeCount(), m_model->totalRate(), failed, m_model->rowCount()));
    setToolTip(tr("Queued: %1\nRunning: %2\nPaused: %3\nDone: %4\nFailed: %5\nCancelled: %6")
                   .arg(m_model->stateCount(s3::TransferState::Queued))
                   .arg(m_model->stateCount(s3::TransferState::Running)
                        + m_model->stateCount(s3::TransferState::Completing))
                   .arg(m_model->stateCount(s3::TransferState::Paused))
                   .arg(m_model->stateCount(s3::TransferState::Succeeded))
                   .arg(failed)
                   .arg(m_model->stateCount(s3::TransferState::Cancelled)));
}

} // namespace s3ui
