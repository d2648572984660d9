// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QPointer>

#include "s3core/s3core_export.h"
#include "s3core/s3error.h"

namespace s3 {

/**
 * The job contract (after KJob), for every operation of s3core:
 *  - start() never does synchronous work: it schedules the work on the event loop;
 *  - finished() is emitted exactly once, also on cancel and on error;
 *  - error() is valid only after finished(); no error means success;
 *  - cancel() is idempotent; a cancelled job finishes with Kind::Cancelled (unless it had already finished);
 *  - the job deletes itself (deleteLater) after finished() unless setAutoDelete(false);
 *  - no nested event loops, ever.
 */
class S3CORE_EXPORT Job : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Job)
public:
    explicit Job(QObject *parent = nullptr);
    ~Job() override;

    void start();
    void cancel();

    bool isStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    const S3Error &error() const { return m_error; }
    bool hasError() const { return m_error.isError(); }

    bool autoDelete() const { return m_autoDelete; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

Q_SIGNALS:
    void finished(s3::Job *job);

protected:
    /** Called from the event loop after start(). */
    virtual void doStart() = 0;
    /** Stop network activity; emitResult() is called by cancel() afterwards. */
    virtual void doCancel() {}
    /** Ends the job: records the error (none on success), emits finished() once, schedules deletion. */
    void emitResult(const S3Error &error = {});

private:
    bool m_started = false;
    bool m_finished = false;
    bool m_autoDelete = true;
    S3Error m_error;
};

/**
 * Stops a child job without hearing its finished() (the listener stops listening first): for a parent that is
 * itself cancelling or pausing. Leaves the pointer null.
 */
template<typename J>
void cancelQuietly(QPointer<J> &child, const QObject *listener)
{
    if (child) {
        child->disconnect(listener);
        child->cancel();
    }
    child = nullptr;
}

} // namespace s3
