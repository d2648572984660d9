// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStyledItemDelegate>

namespace s3ui {

/**
 * Paints TransferListModel's Progress column as a progress bar of the widget's style (QStyleOptionProgressBar),
 * with the percent from TransferListModel::ProgressRole and the model's display text on it. Other columns, and
 * indexes without a ProgressRole, are painted as usual.
 */
class TransferProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferProgressDelegate)
public:
    explicit TransferProgressDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace s3ui
