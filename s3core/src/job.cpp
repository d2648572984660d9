// SPDX-License-Identifier: Apache-2.0
#include "s3core/job.h"

#include <QTimer>

namespace s3 {

Job::Job(QObject *parent) : QObject(parent) {}

Job::~Job() = default;

void Job::start()
{
    if (m_started)
        return;
    m_started = true;
    // Never synchronous: callers connect to finished() after start() returns.
    QTimer::singleShot(0, this, [this] {
        if (!m_finished)
            doStart();
    });
}

void Job::cancel()
{
    if (m_finished)
        return;
    doCancel();
    emitResult(S3Error::cancelled());
}

void Job::emitResult(const S3Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}

} // namespace s3
