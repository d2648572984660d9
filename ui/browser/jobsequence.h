// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <vector>

#include <QObject>

#include "s3core/s3error.h"

namespace s3 {
class Job;
}

namespace s3ui {

/**
 * Runs jobs one after the other, each made only when its turn comes (so a step sees what the ones before did),
 * keeps going after a failure, and reports the first error (none: all succeeded) once at the end. The jobs are
 * its children; it deletes itself after reporting. A step may return null to be skipped.
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

private:
    void next();

    std::vector<Step> m_steps;
    size_t m_position = 0;
    Done m_done;
    s3::S3Error m_firstError;
};

} // namespace s3ui
