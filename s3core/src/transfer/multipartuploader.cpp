// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/multipartuploader.h"

#include <algorithm>

#include <QTimer>

#include "s3core/logging.h"
#include "s3core/transfer/partplanner.h"

namespace s3 {

MultipartUploader::MultipartUploader(S3Client *client, QString bucket, QString key, ObjectAttributes attributes, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
    , m_attributes(std::move(attributes))
    , m_minPartSize(MinPartSize)
{
}

MultipartUploader::~MultipartUploader()
{
    // The jobs are children and die with us; they must not call back into a half-destroyed uploader.
    for (const QPointer<UploadPartJob> &job : std::as_const(m_running)) {
        if (job)
            job->disconnect(this);
    }
    if (m_controlJob)
        m_controlJob->disconnect(this);
    for (const QPointer<Job> &job : std::as_const(m_listJobs)) {
        if (job)
            job->disconnect(this);
    }
}

void MultipartUploader::setMaxConcurrentParts(int count)
{
    m_maxConcurrent = std::max(1, count);
    schedule();
}

QList<CompletedPart> MultipartUploader::completedParts() const
{
    QList<CompletedPart> parts;
    parts.reserve(m_done.size());
    for (auto it = m_done.cbegin(); it != m_done.cend(); ++it)
        parts.append({it.key(), it->etag});
    return parts;
}

void MultipartUploader::create()
{
    if (m_state != State::Idle) {
        qCWarning(lcS3Transfer) << "MultipartUploader::create() called twice for" << m_key;
        return;
    }
    m_state = State::Creating;
    auto *job = new CreateMultipartUploadJob(m_client, m_bucket, m_key, m_attributes, this);
    job->setRetryPolicy(m_retryPolicy);
    m_controlJob = job;
    connect(job, &Job::finished, this, [this, job] {
        m_controlJob = nullptr;
        if (job->hasError()) {
            m_state = State::Aborting;
            stopParts();
            if (m_abortRequested && !m_error.isError()) { // nothing was created: the caller's abort is done
                m_state = State::Aborted;
                Q_EMIT aborted();
                return;
            }
            finishFailed(m_error.isError() ? m_error : job->error());
            return;
        }
        m_uploadId = job->uploadId();
        m_state = State::Uploading;
        qCInfo(lcS3Transfer) << "multipart upload of" << m_key << "created:" << m_uploadId;
        if (m_abortRequested) {
            startAbort(true);
            return;
        }
        Q_EMIT created(m_uploadId);
        if (m_state != State::Uploading) // the caller reacted with abort()
            return;
        schedule();
        maybeComplete();
    });
    job->start();
}

void MultipartUploader::resume(const QString &uploadId)
{
    if (m_state != State::Idle || uploadId.isEmpty()) {
        qCWarning(lcS3Transfer) << "MultipartUploader::resume() needs an idle uploader and an upload id";
        return;
    }
    m_state = State::Resuming;
    m_uploadId = uploadId;
    auto *job = new ListPartsJob(m_client, m_bucket, m_key, m_uploadId, this);
    job->setRetryPolicy(m_retryPolicy);
    m_controlJob = job;
    connect(job, &Job::finished, this, [this, job] {
        m_controlJob = nullptr;
        if (job->hasError()) {
            // Not ours to abort: the upload may be gone, or the network may be; the caller can try again later.
            finishFailed(job->error());
            return;
        }
        int highest = 0;
        for (const PartInfo &part : job->parts()) {
            m_done.insert(part.partNumber, {part.etag, part.size});
            highest = std::max(highest, part.partNumber);
        }
        m_nextPartNumber = highest + 1;
        m_state = State::Uploading;
        Q_EMIT resumed(m_uploadId, job->parts());
    });
    job->start();
}

bool MultipartUploader::acceptsParts() const
{
    return (m_state == State::Creating || m_state == State::Uploading) && !m_completeRequested && !m_abortRequested;
}

int MultipartUploader::submitPart(QByteArray data)
{
    return enqueue(PartSource::fromData(std::move(data)));
}

int MultipartUploader::submitPart(const QString &path, qint64 offset, qint64 length)
{
    return enqueue(PartSource::fromFile(path, offset, length));
}

int MultipartUploader::enqueue(PartSource source)
{
    if (!acceptsParts()) {
        qCWarning(lcS3Transfer) << "MultipartUploader: no part can be added to" << m_key << "in state" << m_state;
        return -1;
    }
    if (m_nextPartNumber > MaxParts) {
        fail(S3Error::invalid(QStringLiteral("more than %1 parts were submitted for %2; S3 allows at most %1 parts per object")
                                  .arg(MaxParts)
                                  .arg(m_key)));
        return -1;
    }
    const int number = m_nextPartNumber++;
    ++m_submitted;
    m_queue.append({number, std::move(source)});
    schedule();
    return number;
}

void MultipartUploader::schedule()
{
    if (m_state != State::Uploading)
        return;
    while (m_running.size() < m_maxConcurrent && !m_queue.isEmpty())
        startPart(m_queue.takeFirst());
}

void MultipartUploader::startPart(QueuedPart part)
{
    auto *job = new UploadPartJob(m_client, m_bucket, m_key, m_uploadId, part.number, std::move(part.source), this);
    job->setRetryPolicy(m_retryPolicy);
    job->setIntegrityMode(m_integrity);
    m_running.insert(part.number, job);
    connect(job, &Job::finished, this, [this, job] { handlePartFinished(job); });
    job->start();
}

void MultipartUploader::handlePartFinished(UploadPartJob *job)
{
    const int number = job->partNumber();
    m_running.remove(number);
    if (job->hasError()) {
        qCWarning(lcS3Transfer) << "part" << number << "of" << m_key << "failed:" << job->error().toString();
        Q_EMIT partFinished(number, QString(), job->error());
        S3Error error = job->error();
        error.setMessage(QStringLiteral("part %1: %2").arg(number).arg(error.message()));
        fail(error);
        return;
    }
    m_done.insert(number, {job->etag(), job->size()});
    Q_EMIT partFinished(number, job->etag(), {});
    schedule();
    maybeComplete();
}

void MultipartUploader::complete()
{
    if ((m_state != State::Creating && m_state != State::Uploading) || m_completeRequested || m_abortRequested) {
        qCWarning(lcS3Transfer) << "MultipartUploader::complete() ignored in state" << m_state;
        return;
    }
    m_completeRequested = true;
    maybeComplete();
}

void MultipartUploader::maybeComplete()
{
    if (!m_completeRequested || m_state != State::Uploading || !m_running.isEmpty() || !m_queue.isEmpty())
        return;
    if (m_done.isEmpty()) {
        fail(S3Error::invalid(QStringLiteral("no parts were uploaded for %1; the upload was aborted (S3 cannot complete an upload "
                                             "without parts)")
                                  .arg(m_key)));
        return;
    }
    const int last = m_done.lastKey();
    for (auto it = m_done.cbegin(); it != m_done.cend(); ++it) {
        if (it.key() != last && it->size < m_minPartSize) {
            S3Error error(S3Error::Kind::Invalid,
                          QStringLiteral("part %1 is %2, but every part except the last must be at least %3 "
                                         "(the server would answer EntityTooSmall)")
                              .arg(it.key())
                              .arg(formatByteSize(it->size), formatByteSize(m_minPartSize)));
            error.setCode(QStringLiteral("EntityTooSmall"));
            fail(error);
            return;
        }
    }
    m_state = State::Completing;
    auto *job = new CompleteMultipartUploadJob(m_client, m_bucket, m_key, m_uploadId, completedParts(), this);
    job->setRetryPolicy(m_retryPolicy);
    m_controlJob = job;
    connect(job, &Job::finished, this, [this, job] {
        m_controlJob = nullptr;
        if (job->hasError()) {
            // Abort even then: if the Complete did succeed after all, the abort finds nothing (NoSuchUpload) and
            // the object stays; if it did not, no parts are left billed.
            m_error = job->error();
            startAbort(false);
            return;
        }
        m_state = State::Completed;
        qCInfo(lcS3Transfer) << "multipart upload of" << m_key << "completed:" << job->result().etag;
        Q_EMIT completed(job->result());
    });
    job->start();
}

void MultipartUploader::stopParts()
{
    QList<int> stopped;
    for (auto it = m_running.begin(); it != m_running.end(); ++it) {
        stopped.append(it.key());
        cancelQuietly(it.value(), this);
    }
    m_running.clear();
    for (const QueuedPart &part : std::as_const(m_queue))
        stopped.append(part.number);
    m_queue.clear();
    std::sort(stopped.begin(), stopped.end());
    for (int number : std::as_const(stopped))
        Q_EMIT partFinished(number, QString(), S3Error::cancelled());
}

void MultipartUploader::fail(const S3Error &error)
{
    if (m_state == State::Aborting || m_state == State::Completed || m_state == State::Aborted || m_state == State::Failed)
        return;
    m_error = error;
    if (m_state == State::Creating) {
        // The upload id is not known yet: abort as soon as it is, then report the failure.
        m_abortRequested = true;
        stopParts();
        return;
    }
    m_state = State::Aborting; // before stopParts(): its signals may call back into us
    stopParts();
    startAbort(false);
}

void MultipartUploader::abort()
{
    switch (m_state) {
    case State::Idle:
        m_state = State::Aborted;
        QTimer::singleShot(0, this, [this] { Q_EMIT aborted(); });
        return;
    case State::Creating:
        m_abortRequested = true; // the create's answer brings the id to abort
        stopParts();
        return;
    case State::Resuming:
        cancelQuietly(m_controlJob, this);
        startAbort(true);
        return;
    case State::Uploading:
        m_abortRequested = true;
        m_state = State::Aborting; // before stopParts(): its signals may call back into us
        stopParts();
        startAbort(true);
        return;
    case State::Completing:
        qCWarning(lcS3Transfer) << "MultipartUploader::abort() ignored: the Complete request for" << m_key << "is already sent";
        return;
    case State::Aborting:
    case State::Completed:
    case State::Aborted:
    case State::Failed:
        return;
    }
}

void MultipartUploader::startAbort(bool requestedByCaller)
{
    m_state = State::Aborting;
    auto *job = new AbortMultipartUploadJob(m_client, m_bucket, m_key, m_uploadId, this);
    job->setRetryPolicy(m_retryPolicy);
    m_controlJob = job;
    connect(job, &Job::finished, this, [this, job, requestedByCaller] {
        m_controlJob = nullptr;
        if (job->hasError())
            qCWarning(lcS3Transfer) << "could not abort the multipart upload" << m_uploadId << "of" << m_key << ":" << job->error().toString();
        if (requestedByCaller && !m_error.isError()) {
            if (job->hasError()) {
                S3Error error = job->error();
                error.setMessage(QStringLiteral("the upload %1 could not be aborted: %2").arg(m_uploadId, error.message()));
                finishFailed(error);
                return;
            }
            m_state = State::Aborted;
            Q_EMIT aborted();
            return;
        }
        S3Error error = m_error;
        if (job->hasError())
            error.setMessage(QStringLiteral("%1; the upload %2 could not be aborted either (%3): remove it later, its parts are billed")
                                 .arg(error.message(), m_uploadId, job->error().message()));
        finishFailed(error);
    });
    job->start();
}

void MultipartUploader::finishFailed(const S3Error &error)
{
    m_state = State::Failed;
    m_error = error;
    Q_EMIT failed(error);
}

void MultipartUploader::listParts()
{
    if (m_uploadId.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            Q_EMIT listPartsFailed(S3Error::invalid(QStringLiteral("the upload has no id yet (call create() or resume() first)")));
        });
        return;
    }
    auto *job = new ListPartsJob(m_client, m_bucket, m_key, m_uploadId, this);
    job->setRetryPolicy(m_retryPolicy);
    m_listJobs.append(job);
    connect(job, &Job::finished, this, [this, job] {
        m_listJobs.removeAll(job);
        if (job->hasError())
            Q_EMIT listPartsFailed(job->error());
        else
            Q_EMIT partsListed(job->parts());
    });
    job->start();
}

} // namespace s3
