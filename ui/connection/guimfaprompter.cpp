// SPDX-License-Identifier: Apache-2.0
#include "connection/guimfaprompter.h"

#include <deque>
#include <utility>

#include <QCoreApplication>
#include <QMutex>
#include <QPointer>
#include <QWidget>

#include "dialogs/mfapromptdialog.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {

class AnswerRelay;

/** One request's way back: the relay on the requester's thread while it exists. */
struct PendingAnswer
{
    QMutex mutex;
    QObject *context = nullptr;
    AnswerRelay *relay = nullptr;
};

/**
 * Holds the requester's callback on the requester's thread, as a child of its context: when the context goes,
 * the relay goes and an answer in flight is dropped.
 */
class AnswerRelay final : public QObject
{
public:
    AnswerRelay(s3::MfaPrompter::Callback callback, std::shared_ptr<PendingAnswer> pending, QObject *context)
        : QObject(context)
        , callback(std::move(callback))
        , m_pending(std::move(pending))
    {
    }
    ~AnswerRelay() override
    {
        const QMutexLocker lock(&m_pending->mutex);
        m_pending->relay = nullptr;
        m_pending->context = nullptr;
    }
    s3::MfaPrompter::Callback callback;

private:
    std::shared_ptr<PendingAnswer> m_pending;
};

/** Answers once, from any thread: posted to the context's thread, where the relay hands the result over. */
void answer(const std::shared_ptr<PendingAnswer> &pending, const s3::Result<QString> &result)
{
    const QMutexLocker lock(&pending->mutex);
    if (!pending->relay)
        return; // the requester is gone
    AnswerRelay *relay = std::exchange(pending->relay, nullptr);
    // While the lock is held the relay, and so its parent the context, is not destroyed yet; if the context is
    // destroyed before the call runs, Qt drops the posted call with it.
    QMetaObject::invokeMethod(
        pending->context,
        [relay, result] {
            auto callback = std::move(relay->callback);
            delete relay;
            if (callback)
                callback(result);
        },
        Qt::QueuedConnection);
}

struct Request
{
    s3::MfaRequest request;
    std::shared_ptr<PendingAnswer> pending;
};

/** A request on its way to the GUI thread; answers "not entered" if it never gets there. */
class Ticket
{
public:
    explicit Ticket(Request request) : m_request(std::move(request)) {}
    Q_DISABLE_COPY_MOVE(Ticket)
    ~Ticket()
    {
        if (m_request.pending)
            answer(m_request.pending, MfaPromptDialog::notEntered(m_request.request));
    }
    Request take() { return std::exchange(m_request, Request{}); }

private:
    Request m_request;
};

/** Lives on the GUI thread as a child of the window: shows the prompts one after the other. */
class PromptHost final : public QObject
{
public:
    PromptHost(std::shared_ptr<MfaPromptLink> link, QWidget *window);
    ~PromptHost() override;

    void enqueue(Request request)
    {
        m_queue.push_back(std::move(request));
        showNext();
    }
    MfaPromptDialog *current() const { return m_dialog; }
    int shown() const { return m_shown; }

private:
    void showNext();

    std::shared_ptr<MfaPromptLink> m_link;
    QPointer<QWidget> m_window;
    std::deque<Request> m_queue;
    QPointer<MfaPromptDialog> m_dialog;
    std::shared_ptr<PendingAnswer> m_current;
    int m_shown = 0;
};

} // namespace

/** The prompter's way to the GUI thread's host, which may be gone (the window closed). */
struct MfaPromptLink
{
    QMutex mutex;
    PromptHost *host = nullptr;
};

namespace {

PromptHost::PromptHost(std::shared_ptr<MfaPromptLink> link, QWidget *window)
    : QObject(window)
    , m_link(std::move(link))
    , m_window(window)
{
    const QMutexLocker lock(&m_link->mutex);
    m_link->host = this;
}

PromptHost::~PromptHost()
{
    {
        const QMutexLocker lock(&m_link->mutex);
        m_link->host = nullptr;
    }
    if (m_current)
        answer(m_current, MfaPromptDialog::notEntered(m_dialog ? m_dialog->request() : s3::MfaRequest{}));
    for (const Request &request : m_queue)
        answer(request.pending, MfaPromptDialog::notEntered(request.request));
}

void PromptHost::showNext()
{
    if (m_dialog || m_queue.empty())
        return;
    Request next = std::move(m_queue.front());
    m_queue.pop_front();
    m_current = next.pending;
    auto *dialog = new MfaPromptDialog(next.request, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    ++m_shown;
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
        const QString code = dialog->code();
        const s3::MfaRequest request = dialog->request();
        auto pending = std::exchange(m_current, nullptr);
        m_dialog = nullptr;
        if (pending) {
            if (result == QDialog::Accepted && !code.isEmpty())
                answer(pending, code);
            else
                answer(pending, MfaPromptDialog::notEntered(request));
        }
        showNext();
    });
    dialog->open();
}

} // namespace

GuiMfaPrompter::GuiMfaPrompter(QWidget *window)
    : m_link(std::make_shared<MfaPromptLink>())
{
    new PromptHost(m_link, window); // owned by the window
}

GuiMfaPrompter::~GuiMfaPrompter() = default;

void GuiMfaPrompter::requestCode(const s3::MfaRequest &request, QObject *context, Callback callback)
{
    if (!context) {
        callback(s3::S3Error(s3::S3Error::Kind::Invalid, QCoreApplication::translate("s3ui::GuiMfaPrompter", "MFA prompt requested without a context")));
        return;
    }
    auto pending = std::make_shared<PendingAnswer>();
    pending->context = context;
    pending->relay = new AnswerRelay(std::move(callback), pending, context);
    const QMutexLocker lock(&m_link->mutex);
    if (!m_link->host) {
        answer(pending, s3::S3Error(s3::S3Error::Kind::Cancelled,
                                    QCoreApplication::translate("s3ui::GuiMfaPrompter", "MFA code not entered: the window that asks for it is closed")));
        return;
    }
    PromptHost *host = m_link->host;
    // The host cannot be destroyed while the lock is held. A call still queued when it is (the window closed) is
    // dropped by Qt with its captures: the ticket's destructor then answers "not entered".
    auto ticket = std::make_shared<Ticket>(Request{request, std::move(pending)});
    QMetaObject::invokeMethod(host, [host, ticket] { host->enqueue(ticket->take()); }, Qt::QueuedConnection);
}

MfaPromptDialog *GuiMfaPrompter::currentDialog() const
{
    const QMutexLocker lock(&m_link->mutex);
    return m_link->host ? m_link->host->current() : nullptr;
}

int GuiMfaPrompter::promptsShown() const
{
    const QMutexLocker lock(&m_link->mutex);
    return m_link->host ? m_link->host->shown() : 0;
}

} // namespace s3ui
