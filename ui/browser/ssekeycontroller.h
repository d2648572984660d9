// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <vector>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include "s3core/s3error.h"
#include "s3core/ssecustomerkey.h"
#include "s3core/transfer/transfertypes.h"

class QWidget;

namespace s3 {
class TransferEngine;
}

namespace s3ui {

class SseCustomerKeyDialog;

/**
 * Gets the customer-provided key (SSE-C) that a download or a server-side copy (rename, move) of an encrypted
 * object needs, and has the failed work done again with it. The widget asks (SseCustomerKeyDialog, opened with
 * open(), no nested event loop); this class decides when to ask and what to do with the answer:
 *
 *  - a download of the engine that failed for want of the key (isSseCustomerKeyError()) is retried with the key
 *    of this session when it has not been tried on it yet, else the user is asked. Failures that arrive while
 *    the prompt is open join it: one question per action, one key for the batch. Cancel leaves them failed,
 *    with the error that says what to do;
 *  - keyFor() does the same for any other operation (the browser's moves).
 *
 * The key is kept in this object only (memory, for the session of the engine): never in settings, the queue
 * file (DownloadOptions::sseCustomerKey is not persisted) or logs. A transfer restored from the queue file
 * therefore fails for want of it and is asked for again. A new engine (another connection) forgets it.
 */
class SseKeyController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SseKeyController)
public:
    /** The key given, or a null key when the user cancelled. */
    using Answer = std::function<void(const s3::SseCustomerKey &key)>;

    /** The prompt opens window-modal over dialogParent (also this object's parent). */
    explicit SseKeyController(QWidget *dialogParent);
    ~SseKeyController() override;

    /** Watches this engine's failed downloads (null: none); forgets the key and what was asked. */
    void setEngine(s3::TransferEngine *engine);

    /** The key of this session (null: none given yet). */
    s3::SseCustomerKey key() const { return m_key; }

    /**
     * An operation on objectKey failed with `error` (isSseCustomerKeyError()) having tried `tried` (null: no key):
     * answers at once with the session's key when that was not tried, else asks (saying "refused" when the server
     * refused a key). While the prompt is open, the question joins it.
     */
    void keyFor(const QString &objectKey, const s3::S3Error &error, const s3::SseCustomerKey &tried, Answer answer);

    /** The prompt on screen (null: none). */
    SseCustomerKeyDialog *prompt() const;

private:
    void ask(const QString &objectKey, bool refused, Answer answer);
    void downloadFinished(const s3::TransferSnapshot &snapshot);

    QWidget *m_dialogParent;
    QPointer<s3::TransferEngine> m_engine;
    QMetaObject::Connection m_finishedConnection;
    s3::SseCustomerKey m_key;
    QPointer<SseCustomerKeyDialog> m_prompt;
    std::vector<Answer> m_waiting;         // answers the open prompt owes
    QList<s3::TransferId> m_waitingDownloads; // failed downloads the open prompt decides
    QHash<s3::TransferId, s3::SseCustomerKey> m_triedOn; // the key a download was last retried with
};

} // namespace s3ui
