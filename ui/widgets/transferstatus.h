// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLabel>

namespace s3ui {

class TransferListModel;

/**
 * The status bar's transfer summary, from TransferListModel::summaryChanged(): "3 active · 45.2 MiB/s",
 * "3 active · 2 failed", "2 failed", "No active transfers" (all finished) or "No transfers". The tooltip counts
 * every state. Does not own the model; the model must outlive the label.
 */
class TransferStatusWidget final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferStatusWidget)
public:
    explicit TransferStatusWidget(TransferListModel *model, QWidget *parent = nullptr);
    ~TransferStatusWidget() override;

    /** The text for a summary (shared with tests). */
    static QString summaryText(int active, double bytesPerSecond, int failed, int total);

private:
    void updateSummary();

    TransferListModel *m_model;
};

} // namespace s3ui
