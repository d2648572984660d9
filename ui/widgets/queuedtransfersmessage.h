// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QString>

class QStatusBar;
class QTimer;

namespace s3ui {

class TransferListModel;

/**
 * "3 uploads queued" in the status bar for as long as it is true: shown without a timeout, and cleared once the
 * transfers it announced are over (none active any more, after some ran or finished), so it never stands next to
 * "No active transfers". A message shown meanwhile replaces it as usual; if nothing started within
 * NothingStartedMs (every item was refused, an empty folder) it goes too. The live counts stay in the
 * transfer summary of the status bar (TransferStatusWidget). Does not own the bar or the model.
 */
class QueuedTransfersMessage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueuedTransfersMessage)
public:
    static constexpr int NothingStartedMs = 10000;

    QueuedTransfersMessage(QStatusBar *bar, TransferListModel *model, QObject *parent = nullptr);
    ~QueuedTransfersMessage() override;

    void show(const QString &message);
    /** The message on show while it is; empty once cleared or replaced. */
    QString current() const;

private:
    void handleSummary();
    int finishedCount() const;
    void clear();

    QStatusBar *m_bar;
    TransferListModel *m_model;
    QTimer *m_nothingStarted;
    QString m_message;
    bool m_seenActive = false;
    int m_finishedBefore = 0;
};

} // namespace s3ui
