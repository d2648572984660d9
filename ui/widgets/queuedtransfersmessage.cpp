// SPDX-License-Identifier: Apache-2.0
#include "widgets/queuedtransfersmessage.h"

#include <QStatusBar>
#include <QTimer>

#include "models/transferlistmodel.h"
#include "s3core/textescape.h"

namespace s3ui {

QueuedTransfersMessage::QueuedTransfersMessage(QStatusBar *bar, TransferListModel *model, QObject *parent)
    : QObject(parent)
    , m_bar(bar)
    , m_model(model)
    , m_nothingStarted(new QTimer(this))
{
    Q_ASSERT(bar && model);
    m_nothingStarted->setSingleShot(true);
    m_nothingStarted->setInterval(NothingStartedMs);
    connect(m_nothingStarted, &QTimer::timeout, this, [this] {
        if (!m_seenActive && m_model->activeCount() == 0)
            clear();
    });
    connect(m_model, &TransferListModel::summaryChanged, this, &QueuedTransfersMessage::handleSummary);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &QueuedTransfersMessage::handleSummary);
}

QueuedTransfersMessage::~QueuedTransfersMessage() = default;

void QueuedTransfersMessage::show(const QString &message)
{
    // The transfers are handed to the engine's thread: they reach the model after this, as Queued.
    m_message = s3::escapeControlCharacters(message);
    m_seenActive = false;
    m_finishedBefore = finishedCount();
    m_bar->showMessage(m_message);
    m_nothingStarted->start();
}

QString QueuedTransfersMessage::current() const
{
    return !m_message.isEmpty() && m_bar->currentMessage() == m_message ? m_message : QString();
}

int QueuedTransfersMessage::finishedCount() const
{
    return m_model->stateCount(s3::TransferState::Succeeded) + m_model->stateCount(s3::TransferState::Failed)
        + m_model->stateCount(s3::TransferState::Cancelled);
}

void QueuedTransfersMessage::handleSummary()
{
    if (m_message.isEmpty())
        return;
    if (m_bar->currentMessage() != m_message) { // replaced by another message, or cleared
        m_message.clear();
        m_nothingStarted->stop();
        return;
    }
    if (m_model->activeCount() > 0) {
        m_seenActive = true;
        return;
    }
    // Paused ones are not "queued" any more either; the transfers panel and the summary show them.
    if (m_seenActive || finishedCount() != m_finishedBefore)
        clear();
}

void QueuedTransfersMessage::clear()
{
    m_nothingStarted->stop();
    if (!m_message.isEmpty() && m_bar->currentMessage() == m_message)
        m_bar->clearMessage();
    m_message.clear();
}

} // namespace s3ui
