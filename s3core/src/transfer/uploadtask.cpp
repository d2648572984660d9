// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/uploadtask.h"

#include <utility>

#include <QFileInfo>
#include <QJsonObject>

#include "s3core/logging.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/transfer/queuefile.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

IntegrityMode integrityMode(UploadIntegrity integrity)
{
    switch (integrity) {
    case UploadIntegrity::Auto:
        return IntegrityMode::Auto;
    case UploadIntegrity::Sha256:
        return IntegrityMode::Sha256Only;
    case UploadIntegrity::Sha256AndMd5:
        return IntegrityMode::Sha256AndMd5;
    }
    return IntegrityMode::Sha256Only;
}

} // namespace

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

Result<Ok> UploadTask::inspectFile(S3Client *client)
{
    const QFileInfo info(localPath());
    if (!info.exists())
        return S3Error::io(u"%1 does not exist"_s.arg(localPath()));
    if (!info.isFile())
        return S3Error::io(u"%1 is not a regular file"_s.arg(localPath()));
    if (!info.isReadable())
        return S3Error::io(u"%1 is not readable"_s.arg(localPath()));
    if (!m_uploadId.isEmpty() && (info.size() != m_fileSize || info.lastModified() != m_fileModified)) {
        // Resuming an upload of a file that changed since: its stored parts are worthless.
        qCInfo(lcS3Transfer) << "source changed since the upload began; starting over";
        abandonUpload(client);
    }
    m_fileSize = info.size();
    m_fileModified = info.lastModified();
    m_progress.setTotal(m_fileSize);
    if (m_fileSize < m_options.multipartThreshold) {
        if (m_fileSize > PutObjectJob::MaxSinglePutBytes)
            return S3Error::invalid(u"the multipart threshold is above the 5 GiB single-PUT limit"_s);
        m_phase = Phase::SinglePut;
        return Ok{};
    }
    Result<PartPlan> plan = planParts(m_fileSize, m_options.partSize);
    if (!plan)
        return plan.error();
    m_plan = *plan;
    m_phase = m_uploadId.isEmpty() ? Phase::Initiate : Phase::ListParts;
    return Ok{};
}

Result<Ok> UploadTask::checkUnchanged() const
{
    const QFileInfo info(localPath());
    if (!info.exists() || info.size() != m_fileSize || info.lastModified() != m_fileModified)
        return S3Error::io(u"%1 changed while it was being uploaded; upload it again"_s.arg(localPath()));
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
        return !m_put;
    case Phase::Initiate:
    case Phase::ListParts:
    case Phase::Complete:
        return !m_controlClient;
    case Phase::Parts:
        return activeRequests() < m_options.maxPartsInFlight && m_uploader && m_uploader->hasPartToStart();
    case Phase::Done:
        return false;
    }
    return false;
}

void UploadTask::startRequest(S3Client *client)
{
    m_lastClient = client;
    if (m_lostSseCustomerKey) {
        // Going on without the key would store the file unencrypted (or have its parts refused).
        beginRequest(client); // nothing was sent
        endRequest(client);
        S3Error error = S3Error::invalid(u"%1 was to be encrypted with a customer-provided key (SSE-C), which is never saved: "
                                         u"cancel this upload and start it again with the key"_s.arg(key()));
        error.setCode(SseCustomerKeyRequiredCode);
        fail(error);
        return;
    }
    if (m_phase == Phase::Inspect) {
        if (auto inspected = inspectFile(client); !inspected) {
            beginRequest(client); // nothing was sent
            endRequest(client);
            fail(inspected.error());
            return;
        }
    }
    switch (m_phase) {
    case Phase::SinglePut:
        return startSinglePut(client);
    case Phase::Initiate:
    case Phase::ListParts:
        return startUploader(client);
    case Phase::Parts:
        if (m_uploader && m_uploader->hasPartToStart()) {
            // Counted before it starts: a part may end before startNextPart() returns.
            beginRequest(client);
            m_partClients.insert(m_uploader->nextPartToStart(), client);
            m_uploader->startNextPart(client);
            return;
        }
        break;
    case Phase::Complete:
        beginControl(client);
        if (auto unchanged = checkUnchanged(); !unchanged)
            return m_uploader->fail(unchanged.error()); // aborted, then failed() ends the task
        m_uploader->setClient(client);
        m_uploader->complete();
        return;
    default:
        break;
    }
    beginRequest(client); // nothing to send after all
    endRequest(client);
}

void UploadTask::beginControl(S3Client *client)
{
    beginRequest(client);
    m_controlClient = client;
}

void UploadTask::endControl()
{
    if (S3Client *client = std::exchange(m_controlClient, nullptr))
        endRequest(client);
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
    m_put = job;
    beginRequest(client);
    connect(job, &Job::finished, this, [this, job, client] {
        m_put = nullptr;
        endRequest(client);
        if (state() != TransferState::Running)
            return;
        if (job->hasError()) {
            m_progress.resetPart(0);
            fail(job->error());
            return;
        }
        m_progress.completePart(0, m_fileSize);
        m_etag = job->etag();
        // Stored, but perhaps not encrypted: the transfer succeeds and says so.
        if (const QString warning = unappliedEncryptionWarning(key(), m_options.attributes, job->serverSideEncryption());
            !warning.isEmpty()) {
            m_note = u"warning: "_s + warning;
            qCWarning(lcS3Transfer).noquote() << warning;
        }
        m_phase = Phase::Done;
        succeed();
    });
    job->start();
}

MultipartUploader *UploadTask::makeUploader(S3Client *client)
{
    auto *uploader = new MultipartUploader(client, bucket(), key(), m_options.attributes, this);
    uploader->setResumable(true);
    uploader->setPartsPulled(true);
    uploader->setIntegrityMode(integrityMode(m_options.integrity));
    uploader->setAbortFallback(m_abortFallback);
    return uploader;
}

void UploadTask::startUploader(S3Client *client)
{
    // Create or ListParts counts against the budget until its answer; then the parts are pulled one by one.
    beginControl(client);
    m_uploader = makeUploader(client);
    connect(m_uploader, &MultipartUploader::created, this, [this](const QString &uploadId) {
        endControl();
        m_uploadId = uploadId;
        submitParts({});
        notifyChanged();
    });
    connect(m_uploader, &MultipartUploader::resumed, this, [this](const QString &, const QList<PartInfo> &parts) {
        endControl();
        QSet<int> done;
        qint64 bytes = 0;
        for (const PartInfo &part : parts) {
            done.insert(part.partNumber);
            bytes += part.size;
        }
        qCInfo(lcS3Transfer) << "resuming upload" << key() << "with" << formatByteSize(bytes) << "already on the server";
        m_progress.setBaseline(bytes);
        submitParts(done);
        notifyChanged();
    });
    connect(m_uploader, &MultipartUploader::partProgress, this, [this](int number, qint64 sent) {
        m_progress.setPartBytes(number, sent);
        notifyChanged();
    });
    connect(m_uploader, &MultipartUploader::partFinished, this, [this](int number, const QString &, const S3Error &error) {
        handlePartFinished(number, error);
    });
    connect(m_uploader, &MultipartUploader::completed, this, [this](const CompleteMultipartUploadResult &result) {
        endControl();
        m_etag = result.etag;
        m_uploadId.clear();
        if (!m_uploader->warnings().isEmpty())
            m_note = u"warning: "_s + m_uploader->warnings().join(u"; "_s);
        m_phase = Phase::Done;
        succeed();
    });
    connect(m_uploader, &MultipartUploader::failed, this, &UploadTask::handleUploaderFailed);
    if (m_phase == Phase::ListParts) {
        QList<qint64> sizes;
        sizes.reserve(m_plan.partCount);
        for (int i = 0; i < m_plan.partCount; ++i)
            sizes.append(m_plan.partLength(i));
        m_uploader->resume(m_uploadId, sizes);
    } else {
        m_uploader->create();
    }
    m_phase = Phase::Parts;
}

void UploadTask::submitParts(const QSet<int> &done)
{
    for (int i = 0; i < m_plan.partCount; ++i) {
        if (!done.contains(i + 1))
            m_uploader->submitPart(PartSource::fromFile(localPath(), m_plan.partOffset(i), m_plan.partLength(i), m_fileModified), i + 1);
    }
    if (m_uploader->partsDone() == m_plan.partCount) {
        m_phase = Phase::Complete;
        setState(TransferState::Completing);
    }
}

void UploadTask::handlePartFinished(int number, const S3Error &error)
{
    if (S3Client *client = m_partClients.take(number))
        endRequest(client);
    if (error.isError()) {
        m_progress.resetPart(number); // failed() follows
        return;
    }
    m_progress.completePart(number, m_plan.partLength(number - 1));
    notifyChanged();
    if (m_uploader->partsDone() == m_plan.partCount) {
        m_phase = Phase::Complete;
        setState(TransferState::Completing);
    }
}

void UploadTask::handleUploaderFailed(const S3Error &error)
{
    endControl();
    // The upload expired or was aborted elsewhere (Ceph answers NoSuchKey there): start a new one.
    // Only ListParts fails before any part is submitted with these codes.
    if (m_uploader && m_uploader->partsSubmitted() == 0 && (error.code() == "NoSuchUpload"_L1 || error.code() == "NoSuchKey"_L1)) {
        MultipartUploader *gone = std::exchange(m_uploader, nullptr);
        gone->disconnect(this);
        gone->deleteLater();
        m_uploadId.clear();
        m_phase = Phase::Initiate;
        notifyChanged();
        return;
    }
    fail(error); // stopRequests() keeps the upload id when the uploader kept the upload
}

void UploadTask::dropUploader()
{
    MultipartUploader *uploader = std::exchange(m_uploader, nullptr);
    if (!uploader)
        return;
    uploader->disconnect(this);
    uploader->suspend(); // a Create on its way cannot be kept: that upload is aborted once its id comes
    switch (uploader->state()) {
    case MultipartUploader::State::Kept:
        m_uploadId = uploader->uploadId();
        break;
    case MultipartUploader::State::Aborting:
        m_uploadId.clear();
        uploader->abortDetached();
        return;
    default:
        m_uploadId.clear();
        break;
    }
    uploader->deleteLater();
}

void UploadTask::abandonUpload(S3Client *client)
{
    if (m_uploadId.isEmpty())
        return;
    if (!client) {
        // Restored from the queue file and cancelled before it ran: the queue aborts the upload for it.
        if (m_abortFallback)
            m_abortFallback(bucket(), key(), std::exchange(m_uploadId, {}));
        return;
    }
    MultipartUploader *uploader = makeUploader(client);
    uploader->adopt(std::exchange(m_uploadId, {}));
    uploader->abortDetached();
}

void UploadTask::stopRequests()
{
    cancelQuietly(m_put, this);
    dropUploader();
    m_partClients.clear();
    m_controlClient = nullptr;
    releaseRequests();
}

void UploadTask::cleanupCancelled()
{
    abandonUpload(m_lastClient);
    m_phase = Phase::Inspect;
}

void UploadTask::prepareResume()
{
    // Inspect again: the file may have changed; with an upload id, ListParts tells what the server kept.
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
    // Only that there was a key: the key itself never goes to disk.
    if (!m_options.attributes.sseCustomerKey.isNull())
        json.insert(QStringLiteral("sseCustomerKey"), true);
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
    task->m_lostSseCustomerKey = json.value(QStringLiteral("sseCustomerKey")).toBool() && options.attributes.sseCustomerKey.isNull();
    return task;
}

} // namespace s3
