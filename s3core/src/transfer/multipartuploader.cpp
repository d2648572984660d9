// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/multipartuploader.h"

#include <algorithm>

#include <QTimer>

#include "s3core/logging.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/getobjecttaggingjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/putobjecttaggingjob.h"
#include "s3core/transfer/partplanner.h"

using namespace Qt::Literals::StringLiterals;

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
    handle(UploadEvent::Create);
}

void MultipartUploader::resume(const QString &uploadId, const QList<qint64> &plannedPartSizes)
{
    if (uploadId.isEmpty() || (m_state != State::Idle && m_state != State::Kept)) {
        qCWarning(lcS3Transfer) << "MultipartUploader::resume() needs an idle uploader and an upload id";
        return;
    }
    m_uploadId = uploadId;
    m_plannedSizes = plannedPartSizes;
    handle(UploadEvent::Resume);
}

void MultipartUploader::adopt(const QString &uploadId)
{
    if (uploadId.isEmpty() || m_state != State::Idle) {
        qCWarning(lcS3Transfer) << "MultipartUploader::adopt() needs an idle uploader and an upload id";
        return;
    }
    m_uploadId = uploadId;
    handle(UploadEvent::Adopt);
}

void MultipartUploader::handle(UploadEvent event, const S3Error &error)
{
    UploadContext context;
    context.resumable = m_resumable;
    context.transient = error.isError() && isTransientUploadError(error);
    context.callerAborted = m_callerAborted;
    const State previous = m_state;
    const UploadStep step = uploadTransition(m_state, event, context);
    if (step.action == UploadAction::Refuse) {
        qCWarning(lcS3Transfer) << "MultipartUploader:" << uploadEventName(event) << "ignored for" << m_key << "in state"
                                << uploadStateName(m_state);
        return;
    }
    if (error.isError() && !m_error.isError())
        m_error = error; // the first error is the one reported
    if (event == UploadEvent::Abort && step.next == State::Aborting && !m_error.isError())
        m_callerAborted = true;
    m_state = step.next;
    perform(step.action, previous);
    if (m_detached)
        finishDetached();
}

void MultipartUploader::perform(UploadAction action, State previous)
{
    switch (action) {
    case UploadAction::None:
    case UploadAction::Refuse:
        return;
    case UploadAction::SendCreate:
        return sendCreate();
    case UploadAction::SendListParts:
        return sendListParts();
    case UploadAction::StartParts:
        if (previous == State::Creating) {
            qCInfo(lcS3Transfer) << "multipart upload of" << m_key << "created:" << m_uploadId;
            Q_EMIT created(m_uploadId);
        } else {
            Q_EMIT resumed(m_uploadId, m_resumedParts);
        }
        if (m_state != State::Uploading) // the caller reacted with abort()
            return;
        schedule();
        maybeComplete();
        return;
    case UploadAction::SendComplete:
        return sendComplete();
    case UploadAction::StopAndAbort:
        stopParts();
        if (qobject_cast<CreateMultipartUploadJob *>(m_controlJob.data()))
            return; // cancelling the POST would not stop the server from creating the upload: abort what it brings
        if (qobject_cast<AbortMultipartUploadJob *>(m_controlJob.data()))
            return; // already on its way
        cancelQuietly(m_controlJob, this);
        return sendAbort();
    case UploadAction::StopAndKeep:
        stopParts();
        cancelQuietly(m_controlJob, this);
        return;
    case UploadAction::KeepAndFail:
        stopParts();
        cancelQuietly(m_controlJob, this);
        qCInfo(lcS3Transfer) << "multipart upload" << m_uploadId << "of" << m_key << "kept for a resume";
        m_error = failureToReport();
        Q_EMIT failed(m_error);
        return;
    case UploadAction::ReportCompleted:
        qCInfo(lcS3Transfer) << "multipart upload of" << m_key << "completed:" << m_result.etag;
        return checkEncryption();
    case UploadAction::ReportAborted:
        if (previous == State::Idle) // nothing was sent: still report after the caller's call returned
            QTimer::singleShot(0, this, [this] { Q_EMIT aborted(); });
        else
            Q_EMIT aborted();
        return;
    case UploadAction::ReportFailed:
        m_error = failureToReport();
        Q_EMIT failed(m_error);
        return;
    }
}

S3Error MultipartUploader::failureToReport() const
{
    if (!m_error.isError()) { // the caller's abort could not reach the server
        S3Error error = m_abortError;
        error.setMessage(u"the upload %1 could not be aborted: %2"_s.arg(m_uploadId, error.message()));
        return error;
    }
    S3Error error = m_error;
    if (m_abortError.isError())
        error.setMessage(u"%1; the upload %2 could not be aborted either (%3): remove it later, its parts are billed"_s.arg(
            error.message(), m_uploadId, m_abortError.message()));
    return error;
}

template <typename J>
J *MultipartUploader::controlJob(J *job)
{
    job->setRetryPolicy(m_retryPolicy);
    if (m_detached)
        job->setParent(m_client); // counted as a clean-up in flight, and it outlives nothing it needs
    m_controlJob = job;
    return job;
}

void MultipartUploader::sendCreate()
{
    auto *job = controlJob(new CreateMultipartUploadJob(m_client, m_bucket, m_key, m_attributes, this));
    connect(job, &Job::finished, this, [this, job] {
        m_controlJob = nullptr;
        if (job->hasError())
            return handle(UploadEvent::CreateFailed, job->error());
        m_uploadId = job->uploadId();
        handle(UploadEvent::Created);
    });
    job->start();
}

void MultipartUploader::sendListParts()
{
    auto *job = controlJob(new ListPartsJob(m_client, m_bucket, m_key, m_uploadId, this));
    connect(job, &Job::finished, this, [this, job] {
        m_controlJob = nullptr;
        if (job->hasError())
            return handle(UploadEvent::RequestFailed, job->error());
        int highest = 0;
        m_resumedParts.clear();
        for (const PartInfo &part : job->parts()) {
            // With a plan, a part of another plan (other number range or size) does not count.
            const bool planned = part.partNumber >= 1 && part.partNumber <= m_plannedSizes.size()
                && part.size == m_plannedSizes.at(part.partNumber - 1);
            if (!m_plannedSizes.isEmpty() && !planned)
                continue;
            m_done.insert(part.partNumber, {part.etag, part.size});
            m_resumedParts.append(part);
            highest = std::max(highest, part.partNumber);
        }
        m_nextPartNumber = highest + 1;
        handle(UploadEvent::Listed);
    });
    job->start();
}

void MultipartUploader::sendComplete()
{
    auto *job = controlJob(new CompleteMultipartUploadJob(m_client, m_bucket, m_key, m_uploadId, completedParts(), this));
    job->setSseCustomerKey(m_attributes.sseCustomerKey);
    connect(job, &Job::finished, this, [this, job] {
        m_controlJob = nullptr;
        if (job->hasError())
            return handle(UploadEvent::RequestFailed, job->error());
        m_result = job->result();
        handle(UploadEvent::Completed);
    });
    job->start();
}

// The object exists from here on: whatever these checks find is a warning, never a failure of the upload.
// The state is Completed, so a pause or cancel meanwhile changes nothing.
void MultipartUploader::checkEncryption()
{
    if (unappliedEncryptionWarning(m_key, m_attributes, {}).isEmpty())
        return checkTags(); // none asked for
    auto *head = controlJob(new HeadObjectJob(m_client, m_bucket, m_key, this));
    connect(head, &Job::finished, this, [this, head] {
        m_controlJob = nullptr;
        if (head->hasError())
            m_warnings.append(u"the encryption of %1 could not be checked: %2"_s.arg(m_key, head->error().toString()));
        else if (const QString warning = unappliedEncryptionWarning(m_key, m_attributes, head->metadata().serverSideEncryption);
                 !warning.isEmpty())
            m_warnings.append(warning);
        checkTags();
    });
    head->start();
}

void MultipartUploader::checkTags()
{
    if (m_attributes.tags.isEmpty())
        return reportCompleted();
    const auto sorted = [](QList<ObjectTag> tags) {
        std::sort(tags.begin(), tags.end(), [](const ObjectTag &a, const ObjectTag &b) { return a.key < b.key; });
        return tags;
    };
    auto *get = controlJob(new GetObjectTaggingJob(m_client, m_bucket, m_key, this));
    connect(get, &Job::finished, this, [this, get, sorted] {
        m_controlJob = nullptr;
        if (!get->hasError() && sorted(get->tags()) == sorted(m_attributes.tags))
            return reportCompleted();
        if (!get->hasError())
            qCInfo(lcS3Transfer) << "the server dropped the tags of the multipart upload of" << m_key << ": setting them";
        auto *put = controlJob(new PutObjectTaggingJob(m_client, m_bucket, m_key, m_attributes.tags, this));
        connect(put, &Job::finished, this, [this, put] {
            m_controlJob = nullptr;
            if (put->hasError())
                m_warnings.append(u"the tags of %1 could not be set: %2"_s.arg(m_key, put->error().toString()));
            reportCompleted();
        });
        put->start();
    });
    get->start();
}

void MultipartUploader::reportCompleted()
{
    for (const QString &warning : std::as_const(m_warnings))
        qCWarning(lcS3Transfer).noquote() << warning;
    Q_EMIT completed(m_result);
}

void MultipartUploader::sendAbort()
{
    if (m_uploadId.isEmpty())
        return handle(UploadEvent::AbortDone); // nothing was created
    // Leftover parts are billed: the abort goes out even when its owner goes away (abortDetached()).
    QObject *parent = m_detached ? static_cast<QObject *>(m_client) : this;
    auto *job = controlJob(new AbortMultipartUploadJob(m_client, m_bucket, m_key, m_uploadId, parent));
    connect(job, &Job::finished, this, [this, job] {
        m_controlJob = nullptr;
        if (job->hasError()) { // also done when the upload was already gone: the job counts NoSuchUpload as done
            qCWarning(lcS3Transfer) << "could not abort the multipart upload" << m_uploadId << "of" << m_key << ":" << job->error().toString();
            m_abortError = job->error();
            return handle(UploadEvent::AbortFailed);
        }
        m_abortError = {};
        handle(UploadEvent::AbortDone);
    });
    job->start();
}

int MultipartUploader::submitPart(QByteArray data)
{
    return submitPart(PartSource::fromData(std::move(data)));
}

int MultipartUploader::submitPart(const QString &path, qint64 offset, qint64 length)
{
    return submitPart(PartSource::fromFile(path, offset, length));
}

int MultipartUploader::submitPart(PartSource source, int partNumber)
{
    if ((m_state != State::Creating && m_state != State::Uploading) || m_completeRequested) {
        qCWarning(lcS3Transfer) << "MultipartUploader: no part can be added to" << m_key << "in state" << uploadStateName(m_state);
        return -1;
    }
    const int number = partNumber > 0 ? partNumber : m_nextPartNumber;
    if (number > MaxParts) {
        fail(S3Error::invalid(u"more than %1 parts were submitted for %2; S3 allows at most %1 parts per object"_s.arg(MaxParts).arg(m_key)));
        return -1;
    }
    m_nextPartNumber = std::max(m_nextPartNumber, number + 1);
    ++m_submitted;
    m_queue.append({number, std::move(source)});
    schedule();
    return number;
}

void MultipartUploader::schedule()
{
    if (m_state != State::Uploading || m_pulled)
        return;
    while (m_running.size() < m_maxConcurrent && !m_queue.isEmpty())
        startPart(m_queue.takeFirst(), m_client);
}

int MultipartUploader::startNextPart(S3Client *client)
{
    if (!hasPartToStart())
        return 0;
    const int number = m_queue.first().number;
    startPart(m_queue.takeFirst(), client);
    return number;
}

void MultipartUploader::startPart(QueuedPart part, S3Client *client)
{
    auto *job = new UploadPartJob(client, m_bucket, m_key, m_uploadId, part.number, std::move(part.source), this);
    job->setRetryPolicy(m_retryPolicy);
    job->setIntegrityMode(m_integrity);
    job->setSseCustomerKey(m_attributes.sseCustomerKey);
    m_running.insert(part.number, job);
    const int number = part.number;
    connect(job, &S3Job::uploadProgress, this, [this, number](qint64 sent, qint64) { Q_EMIT partProgress(number, sent); });
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
        error.setMessage(u"part %1: %2"_s.arg(number).arg(error.message()));
        return handle(UploadEvent::RequestFailed, error);
    }
    m_done.insert(number, {job->etag(), job->size()});
    Q_EMIT partFinished(number, job->etag(), {});
    schedule();
    maybeComplete();
}

void MultipartUploader::complete()
{
    if ((m_state != State::Creating && m_state != State::Uploading) || m_completeRequested) {
        qCWarning(lcS3Transfer) << "MultipartUploader::complete() ignored in state" << uploadStateName(m_state);
        return;
    }
    m_completeRequested = true;
    maybeComplete();
}

void MultipartUploader::maybeComplete()
{
    if (!m_completeRequested || m_state != State::Uploading || !m_running.isEmpty() || !m_queue.isEmpty())
        return;
    if (m_done.isEmpty())
        return fail(S3Error::invalid(u"no parts were uploaded for %1; the upload was aborted (S3 cannot complete an upload without parts)"_s.arg(m_key)));
    const int last = m_done.lastKey();
    for (auto it = m_done.cbegin(); it != m_done.cend(); ++it) {
        if (it.key() != last && it->size < m_minPartSize) {
            S3Error error(S3Error::Kind::Invalid, u"part %1 is %2, but every part except the last must be at least %3 "
                                                  u"(the server would answer EntityTooSmall)"_s.arg(it.key())
                                                      .arg(formatByteSize(it->size), formatByteSize(m_minPartSize)));
            error.setCode(u"EntityTooSmall"_s);
            return fail(error);
        }
    }
    handle(UploadEvent::PartsDone);
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
    handle(UploadEvent::RequestFailed, error);
}

void MultipartUploader::abort()
{
    handle(UploadEvent::Abort);
}

void MultipartUploader::suspend()
{
    handle(UploadEvent::Suspend);
}

void MultipartUploader::abortDetached()
{
    // Whoever let the upload go no longer listens; the uploader lives under its client until the server knows.
    disconnect();
    m_detached = true;
    setParent(m_client);
    if (m_controlJob)
        m_controlJob->setParent(m_client);
    handle(UploadEvent::Abort); // refused while a Complete is on its way: its answer ends the uploader
}

void MultipartUploader::finishDetached()
{
    if (m_state == State::Kept && m_abortError.isError()) {
        if (!m_abortRetried) { // once more: a lost answer or a moment's trouble should not leave parts billed
            m_abortRetried = true;
            return handle(UploadEvent::Abort);
        }
        // Nobody tracks this upload any more: hand it to whoever keeps trying (the transfer queue, across restarts).
        if (m_abortFallback)
            m_abortFallback(m_bucket, m_key, m_uploadId);
        m_abortError = {};
        deleteLater();
        return;
    }
    if (m_state == State::Completed || m_state == State::Aborted || m_state == State::Failed)
        deleteLater();
}

void MultipartUploader::listParts()
{
    if (m_uploadId.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            Q_EMIT listPartsFailed(S3Error::invalid(u"the upload has no id yet (call create() or resume() first)"_s));
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
