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
        connect(job, &s3::Job::finished, this, [this, job] {
            if (job->hasError() && !m_firstError.isError())
                m_firstError = job->error();
            next();
        });
        job->start();
        return;
    }
    m_done(m_firstError);
    deleteLater();
}

} // namespace s3ui
