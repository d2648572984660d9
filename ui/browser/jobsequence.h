// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <vector>

#include <QList>
#include <QObject>

#include "s3core/s3error.h"

namespace s3 {
class Job;
}

namespace s3ui {

/**
 * Runs jobs one after the other, each made only when its turn comes (so a step sees what the ones before did),
 * keeps going after a failure, and reports once at the end: no error when all succeeded, else the first error,
 * whose message, when more than one step failed, says how many failed of how many and quotes the next few
 * failures too (summarizeFailures()), so a batch never hides all but its first problem. The jobs are its
 * children; it deletes itself after reporting. A step may return null to be skipped.
 */
class JobSequence final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobSequence)
public:
    using Step = std::function<s3::Job *(QObject *parent)>;
    using Done = std::function<void(const s3::S3Error &firstError)>;

    JobSequence(std::vector<Step> steps, Done done, QObject *parent = nullptr);
    void start();

    /** At most this many failures are quoted in the summary. */
    static constexpr int QuotedFailures = 4;
    /**
     * One error for a batch: the first failure (its code and status) whose message, when more than one job
     * failed, says "N of M failed" and quotes the failures given (the first few). Pure; `failed` counts every
     * failure, `ran` the jobs that ran.
     */
    static s3::S3Error summarizeFailures(const QList<s3::S3Error> &quoted, int failed, int ran);

private:
    void next();

    std::vector<Step> m_steps;
    size_t m_position = 0;
    Done m_done;
    QList<s3::S3Error> m_failures; // the first QuotedFailures
    int m_failed = 0;
    int m_ran = 0;
};

} // namespace s3ui
