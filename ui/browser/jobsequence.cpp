// SPDX-License-Identifier: Apache-2.0
#include "browser/jobsequence.h"

#include "s3core/job.h"

namespace s3ui {

JobSequence::JobSequence(std::vector<Step> steps, Done done, QObject *parent)
    : QObject(parent)
    , m_steps(std::move(steps))
    , m_done(std::move(done))
{
}

void JobSequence::start()
{
    next();
}

void JobSequence::next()
{
    while (m_position < m_steps.size()) {
        s3::Job *job = m_steps[m_position++](this);
        if (!job)
            continue;
        ++m_ran;
        connect(job, &s3::Job::finished, this, [this, job] {
            if (job->hasError()) {
                ++m_failed;
                if (m_failures.size() < QuotedFailures)
                    m_failures.append(job->error());
            }
            next();
        });
        job->start();
        return;
    }
    m_done(summarizeFailures(m_failures, m_failed, m_ran));
    deleteLater();
}

s3::S3Error JobSequence::summarizeFailures(const QList<s3::S3Error> &quoted, int failed, int ran)
{
    if (quoted.isEmpty())
        return {};
    s3::S3Error error = quoted.first();
    if (failed <= 1)
        return error;
    QStringList lines;
    for (const s3::S3Error &failure : quoted) {
        const QString label = failure.code().isEmpty() ? s3::S3Error::kindName(failure.kind()) : failure.code();
        const QString message = failure.message().simplified();
        lines.append(message.isEmpty() || message == label ? label : label + QStringLiteral(": ") + message);
    }
    QString text = tr("%1 of %n failed: %2", nullptr, ran).arg(failed).arg(lines.join(QStringLiteral("; ")));
    if (failed > quoted.size())
        text += tr("; and %n more", nullptr, failed - int(quoted.size()));
    error.setMessage(text);
    return error;
}

} // namespace s3ui
