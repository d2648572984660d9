// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/uploadtask.h"

#include <algorithm>

#include <QFileInfo>
#include <QJsonObject>

#include "s3core/logging.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/transfer/queuefile.h"

namespace s3 {

UploadTask::UploadTask(TransferId id, QString localPath, QString bucket, QString key, UploadOptions options, QObject *parent)
    : TransferTask(id, TransferDirection::Upload, std::move(bucket), std::move(key), std::move(localPath), parent)
    , m_options(std::move(options))
{
    if (m_options.attributes.contentType.isEmpty())
        m_options.attributes.contentType = contentTypeForName(this->localPath());
    const QFileInfo info(this->localPath());
    if (info.isFile())
        m_progress.setTotal(info.size());
}

UploadTask::~UploadTask()
{
    stopRequests();
}

Result<Ok> UploadTask::inspectFile()
{
    const QFileInfo info(localPath());
    if (!info.exists())
        return S3Error::io(QStringLiteral("%1 does not exist").arg(localPath()));
    if (!info.isFile())
        return S3Error::io(QStringLiteral("%1 is not a regular file").arg(localPath()));
    if (!info.isReadable())
        return S3Error::io(QStringLiteral("%1 is not readable").arg(localPath()));
    if (!m_uploadId.isEmpty() && (info.size() != m_fileSize || info.lastModified() != m_fileModified)) {
        // Resuming an upload of a file that changed since: its stored parts are worthless.
        qCInfo(lcS3Transfer) << "source changed since the upload began; starting over";
        if (m_lastClient)
            abortUpload(m_lastClient);
        m_uploadId.clear();
        m_parts.clear();
    }
    m_fileSize = info.size();
    m_fileModified = info.lastModified();
    m_progress.setTotal(m_fileSize);
    if (m_fileSize < m_options.multipartThreshold) {
        if (m_fileSize > PutObjectJob::MaxSinglePutBytes)
            return S3Error::invalid(QStringLiteral("the multipart threshold is above the 5 GiB single-PUT limit"));
        m_phase = Phase::SinglePut;
        return Ok{};
    }
    Result<PartPlan> plan = planParts(m_fileSize, m_options.partSize);
    if (!plan)
        return plan.error();
    m_plan = *plan;
    if (m_parts.empty()) {
        for (int i = 0; i < m_plan.partCount; ++i)
            m_parts.push_back({i + 1, m_plan.partOffset(i), m_plan.partLength(i), {}, {}});
    }
    m_phase = m_uploadId.isEmpty() ? Phase::Initiate : Phase::ListParts;
    return Ok{};
}

Result<Ok> UploadTask::checkUnchanged() const
{
    const QFileInfo info(localPath());
    if (!info.exists() || info.size() != m_fileSize || info.lastModified() != m_fileModified)
        return S3Error::io(QStringLiteral("%1 changed while it was being uploaded; upload it again").arg(localPath()));
    return Ok{};
}

bool UploadTask::wantsRequest() const
{
    if (state() != TransferState::Running && state() != TransferState::Completing)
        return false;
    switch (m_phase) {
    case Phase::Inspect:
        return true;
    case Phase::SinglePut:
    case Phase::Initiate:
    case Phase::ListParts:
        return !m_controlJob;
    case Phase::Parts:
        if (activeRequests() >= m_options.maxPartsInFlight)
            return false;
        for (const Part &part : m_parts) {
            if (part.etag.isEmpty() && !part.job)
                return true;
        }
        return false;
    case Phase::Complete:
        return !m_controlJob;
    case Phase::Done:
        return false;
    }
    return false;
}

void UploadTask::startRequest(S3Client *client)
{
    m_lastClient = client;
    if (m_phase == Phase::Inspect) {
        if (auto inspected = inspectFile(); !inspected) {
            Q_EMIT requestFinished(client); // nothing was sent
            fail(inspected.error());
            return;
        }
    }
    switch (m_phase) {
    case Phase::SinglePut:
        return startSinglePut(client);
    case Phase::Initiate:
        return startInitiate(client);
    case Phase::ListParts:
        return startListParts(client);
    case Phase::Parts:
        for (size_t i = 0; i < m_parts.size(); ++i) {
            if (m_parts[i].etag.isEmpty() && !m_parts[i].job)
                return startPart(client, i);
        }
        Q_EMIT requestFinished(client);
        return;
    case Phase::Complete:
        return startComplete(client);
    default:
        Q_EMIT requestFinished(client);
    }
}

void UploadTask::runControlJob(Job *job, S3Client *client, TransferState expected, std::function<void()> handleFinished)
{
    // Create, ListParts, Complete and the single PUT: one at a time, each counted against the budget; its answer
    // only matters if the transfer is still where it was (not paused, cancelled or failed meanwhile).
    m_controlJob = job;
    beginRequest(client);
    connect(job, &Job::finished, this, [this, client, expected, handleFinished = std::move(handleFinished)] {
        m_controlJob = nullptr;
        endRequest(client);
        if (state() == expected)
            handleFinished();
    });
    job->start();
}

bool UploadTask::allPartsDone() const
{
    return std::all_of(m_parts.begin(), m_parts.end(), [](const Part &part) { return !part.etag.isEmpty(); });
}

void UploadTask::startSinglePut(S3Client *client)
{
    auto *job = new PutObjectJob(client, bucket(), key(), this);
    job->setFile(localPath());
    job->setAttributes(m_options.attributes);
    connect(job, &S3Job::uploadProgress, this, [this](qint64 sent, qint64) {
        m_progress.setPartBytes(0, sent);
        notifyChanged();
    });
    runControlJob(job, client, TransferState::Running, [this, job] {
        if (job->hasError()) {
            m_progress.resetPart(0);
            fail(job->error());
            return;
        }
        m_progress.completePart(0, m_fileSize);
        m_etag = job->etag();
        m_phase = Phase::Done;
        succeed();
    });
}

void UploadTask::startInitiate(S3Client *client)
{
    // Paused or cancelled meanwhile: stopRequests() lets this POST answer and aborts the upload it created.
    auto *job = new CreateMultipartUploadJob(client, bucket(), key(), m_options.attributes, this);
    runControlJob(job, client, TransferState::Running, [this, job] {
        if (job->hasError()) {
            fail(job->error());
            return;
        }
        m_uploadId = job->uploadId();
        m_phase = Phase::Parts;
        notifyChanged();
    });
}

void UploadTask::startListParts(S3Client *client)
{
    auto *job = new ListPartsJob(client, bucket(), key(), m_uploadId, this);
    runControlJob(job, client, TransferState::Running, [this, job] {
        if (job->hasError()) {
            // The upload expired or was aborted elsewhere (Ceph answers NoSuchKey there): start a new one.
            if (job->error().code() == QLatin1String("NoSuchUpload") || job->error().code() == QLatin1String("NoSuchKey")) {
                m_uploadId.clear();
                for (Part &part : m_parts)
                    part.etag.clear();
                m_phase = Phase::Initiate;
                notifyChanged();
                return;
            }
            fail(job->error());
            return;
        }
        qint64 done = 0;
        for (const PartInfo &stored : job->parts()) {
            if (stored.partNumber < 1 || stored.partNumber > int(m_parts.size()))
                continue;
            Part &part = m_parts[size_t(stored.partNumber - 1)];
            if (stored.size == part.length) { // a part of another plan does not count
                part.etag = stored.etag;
                done += part.length;
            }
        }
        qCInfo(lcS3Transfer) << "resuming upload" << key() << "with" << formatByteSize(done) << "already on the server";
        m_progress.setBaseline(done);
        m_phase = Phase::Parts;
        notifyChanged();
        if (allPartsDone()) {
            m_phase = Phase::Complete;
            setState(TransferState::Completing);
        }
    });
}

void UploadTask::startPart(S3Client *client, size_t index)
{
    Part &part = m_parts[index];
    auto *job = new UploadPartJob(client, bucket(), key(), m_uploadId, part.number,
                                  PartSource::fromFile(localPath(), part.offset, part.length, m_fileModified), this);
    job->setIntegrityMode(m_options.integrity == UploadIntegrity::Sha256AndMd5 ? IntegrityMode::Sha256AndMd5 : IntegrityMode::Sha256Only);
    part.job = job;
    beginRequest(client);
    const int number = part.number;
    connect(job, &S3Job::uploadProgress, this, [this, number](qint64 sent, qint64) {
        m_progress.setPartBytes(number, sent);
        notifyChanged();
    });
    connect(job, &Job::finished, this, [this, index, job, client, number] {
        m_parts[index].job = nullptr;
        endRequest(client);
        if (state() != TransferState::Running)
            return;
        if (job->hasError()) {
            m_progress.resetPart(number);
            handleFatal(job->error(), client);
            return;
        }
        m_parts[index].etag = job->etag();
        m_progress.completePart(number, m_parts[index].length);
        notifyChanged();
        if (!allPartsDone())
            return;
        m_phase = Phase::Complete;
        setState(TransferState::Completing);
    });
    job->start();
}

void UploadTask::startComplete(S3Client *client)
{
    if (auto unchanged = checkUnchanged(); !unchanged) {
        Q_EMIT requestFinished(client);
        handleFatal(unchanged.error(), client);
        return;
    }
    QList<CompletedPart> parts;
    for (const Part &part : m_parts)
        parts.append({part.number, part.etag});
    auto *job = new CompleteMultipartUploadJob(client, bucket(), key(), m_uploadId, parts, this);
    runControlJob(job, client, TransferState::Completing, [this, job, client] {
        if (job->hasError()) {
            handleFatal(job->error(), client);
            return;
        }
        m_etag = job->result().etag;
        m_uploadId.clear();
        m_phase = Phase::Done;
        succeed();
    });
}

void UploadTask::handleFatal(const S3Error &error, S3Client *client)
{
    // Transient trouble that outlived the retries keeps the upload for retry()/resume(); anything else,
    // or a source file that changed, ends it on the server too.
    const RetryPolicy::Category category = RetryPolicy::classify(error);
    const bool keepForResume = category == RetryPolicy::Category::Transient || category == RetryPolicy::Category::ServerError
        || category == RetryPolicy::Category::Throttling;
    if (!keepForResume && error.kind() != S3Error::Kind::Cancelled) {
        stopRequests();
        abortUpload(client);
    }
    fail(error);
}

void UploadTask::abortUpload(S3Client *client, bool secondTry)
{
    if (m_uploadId.isEmpty() || !client)
        return;
    // Best effort, and it outlives this task: leftover parts are billed, so the abort must go out.
    auto *job = new AbortMultipartUploadJob(client, bucket(), key(), m_uploadId, client);
    connect(job, &Job::finished, client, [job, client, secondTry, uploadBucket = bucket(), uploadKey = key(), uploadId = m_uploadId,
                                          fallback = m_abortFallback, task = QPointer<UploadTask>(this)] {
        if (!job->hasError()) // also when it was already gone (the job counts NoSuchUpload as done)
            return;
        qCWarning(lcS3Transfer) << "could not abort the multipart upload of" << uploadKey << ":" << job->error().toString();
        // A failed transfer keeps the upload it could not abort (e.g. the keys were rejected): cancel()/remove()
        // try the abort again later, retry() resumes it, instead of leaving its parts billed and forgotten.
        // A transfer cancelled while this abort was on its way tries once more now.
        if (task && task->m_uploadId.isEmpty() && task->state() == TransferState::Failed) {
            task->m_uploadId = uploadId;
            return;
        }
        if (task && task->m_uploadId.isEmpty() && task->state() == TransferState::Cancelled && !secondTry) {
            task->m_uploadId = uploadId;
            task->abortUpload(client, true);
            return;
        }
        // Nobody tracks this upload any more: hand it to the queue, which keeps trying (also after a restart).
        if (fallback)
            fallback(uploadBucket, uploadKey, uploadId);
    });
    job->start();
    m_uploadId.clear();
    for (Part &part : m_parts)
        part.etag.clear();
}

void UploadTask::stopRequests()
{
    if (auto *create = qobject_cast<CreateMultipartUploadJob *>(m_controlJob.data()); create && m_lastClient) {
        // Cancelling the POST would not stop the server from creating the upload; let it answer, then abort
        // that upload so nothing is left billed.
        create->disconnect(this);
        create->setParent(m_lastClient);
        connect(create, &Job::finished, m_lastClient, [create, client = m_lastClient, uploadBucket = bucket(), uploadKey = key(),
                                                       fallback = m_abortFallback] {
            if (create->hasError())
                return;
            auto *abort = new AbortMultipartUploadJob(client, uploadBucket, uploadKey, create->uploadId(), client);
            connect(abort, &Job::finished, client, [abort, uploadBucket, uploadKey, uploadId = create->uploadId(), fallback] {
                if (abort->hasError() && fallback)
                    fallback(uploadBucket, uploadKey, uploadId);
            });
            abort->start();
        });
        m_controlJob = nullptr;
    }
    cancelQuietly(m_controlJob, this);
    for (Part &part : m_parts)
        cancelQuietly(part.job, this);
    releaseRequests();
}

void UploadTask::cleanupCancelled()
{
    abortUpload(m_lastClient);
    m_parts.clear();
    m_phase = Phase::Inspect;
}

void UploadTask::prepareResume()
{
    // Inspect again: the file may have changed; with an upload id, ListParts tells what the server kept.
    for (Part &part : m_parts)
        part.job = nullptr;
    m_phase = Phase::Inspect;
}

QJsonObject UploadTask::toJson() const
{
    QJsonObject json = TransferTask::toJson();
    json.insert(QStringLiteral("uploadId"), m_uploadId);
    json.insert(QStringLiteral("fileSize"), double(m_fileSize));
    json.insert(QStringLiteral("fileModified"), m_fileModified.toString(Qt::ISODateWithMs));
    json.insert(QStringLiteral("partSize"), double(m_options.partSize));
    json.insert(QStringLiteral("contentType"), m_options.attributes.contentType);
    QJsonObject metadata;
    for (auto it = m_options.attributes.userMetadata.cbegin(); it != m_options.attributes.userMetadata.cend(); ++it)
        metadata.insert(it.key(), it.value());
    json.insert(QStringLiteral("metadata"), metadata);
    return json;
}

std::unique_ptr<UploadTask> UploadTask::fromJson(const QJsonObject &json, UploadOptions options)
{
    // The entry comes from a file on disk: every field is checked before any is used (a part size of 0 would
    // never end, a header value with CR/LF would split the request).
    if (json.value(QStringLiteral("direction")).toString() != QLatin1String("upload") || !transferEntryProblem(json).isEmpty())
        return nullptr;
    if (json.contains(QStringLiteral("partSize")))
        options.partSize = qint64(json.value(QStringLiteral("partSize")).toDouble());
    options.attributes.contentType = json.value(QStringLiteral("contentType")).toString();
    const QJsonObject metadata = json.value(QStringLiteral("metadata")).toObject();
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        options.attributes.userMetadata.insert(it.key(), it.value().toString());
    auto task = std::make_unique<UploadTask>(json.value(QStringLiteral("id")).toString().toULongLong(),
                                             json.value(QStringLiteral("localPath")).toString(),
                                             json.value(QStringLiteral("bucket")).toString(),
                                             json.value(QStringLiteral("key")).toString(), options);
    task->setPriority(json.value(QStringLiteral("priority")).toInt());
    task->m_uploadId = json.value(QStringLiteral("uploadId")).toString();
    task->m_fileSize = qint64(json.value(QStringLiteral("fileSize")).toDouble());
    task->m_fileModified = QDateTime::fromString(json.value(QStringLiteral("fileModified")).toString(), Qt::ISODateWithMs);
    return task;
}

} // namespace s3
