// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/copytask.h"

#include <QJsonObject>

#include "s3core/logging.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/transfer/queuefile.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

CopyTask::CopyTask(TransferId id, QString sourceBucket, QString sourceKey, QString bucket, QString key, CopyOptions options,
                   QObject *parent)
    : TransferTask(id, TransferDirection::Copy, std::move(bucket), std::move(key), QString(), parent)
    , m_options(std::move(options))
{
    setSource(std::move(sourceBucket), std::move(sourceKey), m_options.deleteSource);
    m_progress.setTotal(m_options.sourceSize);
    if (m_options.replaceAttributes) {
        // The panel row of a copy onto itself would otherwise read like a copy that does nothing.
        m_options.replaceAttributes->cannedAcl.clear(); // the grants are kept (keepAcl), never replaced by a canned ACL
        m_note = u"saving new properties: the object is copied onto itself on the server"_s;
    }
}

CopyTask::~CopyTask()
{
    stopRequests();
}

bool CopyTask::wantsRequest() const
{
    return state() == TransferState::Running && !m_job && m_phase != Phase::Done && activeRequests() == 0;
}

void CopyTask::startRequest(S3Client *client)
{
    beginRequest(client);
    m_lastClient = client;
    m_jobClient = client;
    if (m_phase == Phase::DeleteSource)
        startDeleteSource(client);
    else
        startCopy(client);
}

void CopyTask::startCopy(S3Client *client)
{
    auto *copy = new ServerCopyJob(client, sourceBucket(), sourceKey(), bucket(), key(), this);
    copy->setResumable(true);
    copy->setMultipartThreshold(m_options.multipartThreshold);
    copy->setPartSize(m_options.partSize);
    copy->setConcurrency(m_options.concurrency);
    copy->setSourceVersionId(m_options.sourceVersionId);
    copy->setKeepAcl(m_options.keepAcl);
    if (m_options.replaceAttributes)
        copy->setReplaceAttributes(*m_options.replaceAttributes);
    if (!m_options.sourceIfMatch.isEmpty())
        copy->setSourceIfMatch(m_options.sourceIfMatch);
    copy->setSourceSseCustomerKey(m_options.sourceSseCustomerKey);
    if (!m_options.sseCustomerKey.isNull())
        copy->setSseCustomerKey(m_options.sseCustomerKey);
    if (!m_uploadId.isEmpty())
        copy->setResumeUpload(m_uploadId, m_sourceEtag, m_partSize);
    m_resumedBytes = 0;
    m_progress.restart(0);
    m_job = copy;
    connect(copy, &ServerCopyJob::uploadStarted, this, [this, copy](const QString &uploadId, const QString &sourceEtag, qint64 partSize) {
        m_uploadId = uploadId;
        m_sourceEtag = sourceEtag;
        m_partSize = partSize;
        m_resumedBytes = copy->copiedBytes();
        m_progress.setTotal(copy->source().size);
        m_progress.restart(m_resumedBytes);
        if (copy->startedOver())
            m_note = u"the source changed or the server no longer had the copied parts: starting over"_s;
        else if (m_resumedBytes > 0)
            m_note = u"continuing at %1 of %2"_s.arg(formatByteSize(m_resumedBytes), formatByteSize(copy->source().size));
        notifyChanged(); // the queue saves the upload id now, so that a crash cannot lose it
    });
    connect(copy, &ServerCopyJob::progress, this, [this](qint64 copied, qint64 total) {
        m_progress.setTotal(total);
        m_progress.setPartBytes(0, qMax<qint64>(0, copied - m_resumedBytes));
        notifyChanged();
    });
    connect(copy, &Job::finished, this, [this, client] { copyFinished(client); });
    copy->start();
}

void CopyTask::copyFinished(S3Client *client)
{
    auto *copy = qobject_cast<ServerCopyJob *>(m_job.data());
    m_job = nullptr;
    m_jobClient = nullptr;
    copy->deleteLater();
    endRequest(client);
    if (copy->hasError()) {
        // A passing failure leaves the upload with its parts for a retry (the job says so by keeping quiet about
        // an abort); any other failure aborted it.
        if (!copy->keptUploadForRetry())
            m_uploadId.clear();
        fail(copy->error());
        return;
    }
    m_uploadId.clear();
    m_progress.setTotal(copy->source().size);
    m_progress.setPartBytes(0, copy->source().size - m_resumedBytes);
    if (m_options.deleteSource) {
        m_phase = Phase::DeleteSource;
        notifyChanged(); // wantsRequest() again: the delete takes the next request
        return;
    }
    m_phase = Phase::Done;
    succeed();
}

void CopyTask::startDeleteSource(S3Client *client)
{
    auto *remove = new DeleteObjectJob(client, sourceBucket(), sourceKey(), this);
    m_job = remove;
    connect(remove, &Job::finished, this, [this, remove, client] {
        m_job = nullptr;
        m_jobClient = nullptr;
        remove->deleteLater();
        endRequest(client);
        if (remove->hasError()) {
            S3Error error = remove->error();
            error.setMessage(u"copied to s3://%1/%2, but deleting the source s3://%3/%4 failed: %5"_s.arg(
                bucket(), key(), sourceBucket(), sourceKey(), remove->error().message()));
            fail(error); // a retry deletes again; the copy is done
            return;
        }
        m_phase = Phase::Done;
        succeed();
    });
    remove->start();
}

void CopyTask::stopRequests()
{
    if (Job *job = m_job.data()) {
        m_job = nullptr;
        job->disconnect(this);
        job->cancel(); // a resumable copy keeps its upload and parts; the task has the id
        job->deleteLater();
    }
    m_jobClient = nullptr;
    releaseRequests();
}

void CopyTask::cleanupCancelled()
{
    m_phase = Phase::Copy;
    const QString uploadId = std::exchange(m_uploadId, {});
    m_sourceEtag.clear();
    if (uploadId.isEmpty())
        return;
    if (!m_lastClient) {
        // Restored from the queue file and cancelled before it ran: no client of its own to abort with.
        if (m_abortFallback)
            m_abortFallback(bucket(), key(), uploadId);
        return;
    }
    auto *abort = new AbortMultipartUploadJob(m_lastClient, bucket(), key(), uploadId, m_lastClient);
    connect(abort, &Job::finished, m_lastClient, [abort, fallback = m_abortFallback, b = bucket(), k = key(), uploadId] {
        if (abort->hasError() && fallback)
            fallback(b, k, uploadId);
    });
    abort->start();
}

void CopyTask::prepareResume()
{
    // The copy phase lists what the server kept (with an upload id) and copies the rest; a move whose copy is
    // done only deletes the source again.
    if (m_phase == Phase::Done)
        m_phase = Phase::Copy;
}

QJsonObject CopyTask::toJson() const
{
    QJsonObject json = TransferTask::toJson();
    json.remove(u"localPath"_s);
    json.insert(u"sourceBucket"_s, sourceBucket());
    json.insert(u"sourceKey"_s, sourceKey());
    if (!m_options.sourceVersionId.isEmpty())
        json.insert(u"sourceVersionId"_s, m_options.sourceVersionId);
    json.insert(u"objectSize"_s, double(m_progress.total()));
    json.insert(u"partSize"_s, double(m_partSize > 0 ? m_partSize : m_options.partSize));
    json.insert(u"multipartThreshold"_s, double(m_options.multipartThreshold));
    if (!m_uploadId.isEmpty()) {
        json.insert(u"uploadId"_s, m_uploadId);
        json.insert(u"sourceEtag"_s, m_sourceEtag);
    }
    json.insert(u"keepAcl"_s, m_options.keepAcl);
    json.insert(u"deleteSource"_s, m_options.deleteSource);
    json.insert(u"sourceCopied"_s, m_phase == Phase::DeleteSource);
    if (m_options.replaceAttributes)
        json.insert(u"replaceAttributes"_s, copyAttributesToJson(*m_options.replaceAttributes));
    if (!m_options.sourceIfMatch.isEmpty())
        json.insert(u"sourceIfMatch"_s, m_options.sourceIfMatch);
    // Only that there were keys: the keys themselves never go to disk.
    if (!m_options.sourceSseCustomerKey.isNull() || !m_options.sseCustomerKey.isNull())
        json.insert(u"sseCustomerKey"_s, true);
    return json;
}

std::unique_ptr<CopyTask> CopyTask::fromJson(const QJsonObject &json, CopyOptions options)
{
    // From a file on disk: every field is checked (transferEntryProblem) before any is used.
    if (json.value(u"direction"_s).toString() != QLatin1String("copy") || !transferEntryProblem(json).isEmpty())
        return nullptr;
    options.sourceVersionId = json.value(u"sourceVersionId"_s).toString();
    options.sourceSize = qint64(json.value(u"objectSize"_s).toDouble(-1));
    if (json.contains(u"partSize"_s))
        options.partSize = qint64(json.value(u"partSize"_s).toDouble());
    if (json.contains(u"multipartThreshold"_s))
        options.multipartThreshold = qint64(json.value(u"multipartThreshold"_s).toDouble());
    options.keepAcl = json.value(u"keepAcl"_s).toBool();
    options.deleteSource = json.value(u"deleteSource"_s).toBool();
    if (json.contains(u"replaceAttributes"_s)) {
        ObjectAttributes attributes = copyAttributesFromJson(json.value(u"replaceAttributes"_s).toObject());
        // A customer key given for this run stays the copy's key (it is never in the file).
        attributes.sseCustomerKey = options.replaceAttributes ? options.replaceAttributes->sseCustomerKey : SseCustomerKey();
        options.replaceAttributes = std::move(attributes);
    }
    options.sourceIfMatch = json.value(u"sourceIfMatch"_s).toString();
    auto task = std::make_unique<CopyTask>(json.value(u"id"_s).toString().toULongLong(), json.value(u"sourceBucket"_s).toString(),
                                           json.value(u"sourceKey"_s).toString(), json.value(u"bucket"_s).toString(),
                                           json.value(u"key"_s).toString(), options);
    task->setPriority(json.value(u"priority"_s).toInt());
    task->m_uploadId = json.value(u"uploadId"_s).toString();
    task->m_sourceEtag = json.value(u"sourceEtag"_s).toString();
    task->m_partSize = options.partSize;
    if (json.value(u"sourceCopied"_s).toBool())
        task->m_phase = Phase::DeleteSource;
    if (json.value(u"sseCustomerKey"_s).toBool() && options.sourceSseCustomerKey.isNull())
        task->m_note = u"the customer key (SSE-C) is not saved: give it again to continue this copy"_s;
    return task;
}

} // namespace s3
