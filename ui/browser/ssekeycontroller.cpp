// SPDX-License-Identifier: Apache-2.0
#include "browser/ssekeycontroller.h"

#include <utility>

#include <QWidget>

#include "dialogs/ssecustomerkeydialog.h"
#include "s3core/transfer/transferengine.h"

namespace s3ui {

SseKeyController::SseKeyController(QWidget *dialogParent)
    : QObject(dialogParent)
    , m_dialogParent(dialogParent)
{
}

SseKeyController::~SseKeyController() = default;

SseCustomerKeyDialog *SseKeyController::prompt() const
{
    return m_prompt;
}

void SseKeyController::setEngine(s3::TransferEngine *engine)
{
    if (engine == m_engine)
        return;
    disconnect(m_finishedConnection);
    m_engine = engine;
    m_key = {};
    m_triedOn.clear();
    m_waitingDownloads.clear(); // the prompt, if open, still answers its other questions
    if (engine)
        m_finishedConnection = connect(engine, &s3::TransferEngine::taskFinished, this, &SseKeyController::downloadFinished);
}

void SseKeyController::keyFor(const QString &objectKey, const s3::S3Error &error, const s3::SseCustomerKey &tried,
                              Answer answer)
{
    if (!m_key.isNull() && !(m_key == tried)) {
        answer(m_key);
        return;
    }
    ask(objectKey, error.code() == s3::SseCustomerKeyRefusedCode, std::move(answer));
}

void SseKeyController::ask(const QString &objectKey, bool refused, Answer answer)
{
    m_waiting.push_back(std::move(answer));
    if (m_prompt)
        return; // one question at a time: this one joins the prompt on screen
    auto *prompt = new SseCustomerKeyDialog(objectKey, refused, m_dialogParent);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    m_prompt = prompt;
    connect(prompt, &QDialog::finished, this, [this, prompt](int result) {
        if (m_prompt == prompt)
            m_prompt = nullptr;
        const s3::SseCustomerKey key = result == QDialog::Accepted ? prompt->key() : s3::SseCustomerKey();
        if (!key.isNull())
            m_key = key;
        const std::vector<Answer> waiting = std::exchange(m_waiting, {});
        for (const Answer &waitingAnswer : waiting)
            waitingAnswer(key);
    });
    prompt->open();
}

void SseKeyController::downloadFinished(const s3::TransferSnapshot &snapshot)
{
    if (snapshot.direction != s3::TransferDirection::Download || snapshot.state != s3::TransferState::Failed
        || !s3::isSseCustomerKeyError(snapshot.lastError))
        return;
    if (m_waitingDownloads.contains(snapshot.id))
        return;
    const bool firstOfBatch = m_waitingDownloads.isEmpty();
    m_waitingDownloads.append(snapshot.id);
    if (!firstOfBatch)
        return; // the prompt already asked for this batch decides it too
    QPointer<s3::TransferEngine> engine = m_engine;
    keyFor(snapshot.key, snapshot.lastError, m_triedOn.value(snapshot.id), [this, engine](const s3::SseCustomerKey &key) {
        const QList<s3::TransferId> ids = std::exchange(m_waitingDownloads, {});
        if (key.isNull() || !engine || engine != m_engine)
            return; // cancelled: they stay failed, their error says what to do
        for (s3::TransferId id : ids) {
            m_triedOn.insert(id, key);
            engine->retryWithSseCustomerKey(id, key);
        }
    });
}

} // namespace s3ui
