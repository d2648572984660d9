// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QPointer>

#include "s3core/ops/servercopyjob.h"
#include "s3core/ssecustomerkey.h"
#include "s3core/transfer/transfertask.h"

namespace s3 {

struct CopyOptions
{
    /** Sources above this size are copied in parts (UploadPartCopy); at most 5 GiB, the single-copy limit. */
    qint64 multipartThreshold = ServerCopyJob::MaxSingleCopyBytes;
    qint64 partSize = ServerCopyJob::DefaultCopyPartSize;
    int concurrency = ServerCopyJob::DefaultConcurrency;
    /** The source's size as the listing showed it (-1: not known); the panel shows it before the copy looks. */
    qint64 sourceSize = -1;
    QString sourceVersionId;
    /** Give the copy the source's grants afterwards (a copy is private otherwise). */
    bool keepAcl = false;
    /** A move: the source is deleted once the copy is complete (not with a source version). */
    bool deleteSource = false;
    /** The customer keys of an SSE-C source and of the copy (null copy key: the source's). Never saved. */
    SseCustomerKey sourceSseCustomerKey;
    SseCustomerKey sseCustomerKey;
    /**
     * A Properties save: the copy stores these instead of the source's content headers, Expires, user metadata,
     * storage class and SSE-S3/SSE-KMS encryption (ServerCopyJob::setReplaceAttributes()); empty tags keep the
     * source's. This is what makes a copy onto itself a transfer the queue takes. Saved in the queue file
     * (copyAttributesToJson()), except a customer key and a canned ACL, which are never saved.
     */
    std::optional<ObjectAttributes> replaceAttributes;
    /** Copy only while the source still has this ETag (the version the user edited); else PreconditionFailed. */
    QString sourceIfMatch;
};

/**
 * A server-side copy (or move) of one object as a transfer in the queue: the copies above 5 GiB that a single
 * CopyObject cannot do, and any copy a user should be able to watch, pause and resume. It runs a ServerCopyJob
 * (which keeps metadata, tags, encryption, storage class and, on request, the ACL) in resumable mode: a pause,
 * a quit or a passing failure keeps the multipart upload and its copied parts, and the next run lists them
 * (ListParts) and copies only the rest, as long as the source still has the ETag the copy began with (else it
 * starts over and aborts the stale upload). The upload id, the source's ETag and the part size are saved in
 * the queue file, so a copy continues after a restart. A cancel aborts the upload.
 *
 * A copy onto itself with new attributes (CopyOptions::replaceAttributes, with keepAcl and sourceIfMatch) is a
 * Properties save of an object above the single-copy size: the attributes are saved with the task, so it
 * resumes with them.
 *
 * The queue counts the whole copy as one request of its connection budget: the parts move no bytes over the
 * client's link, only the server's.
 */
class S3CORE_EXPORT CopyTask final : public TransferTask
{
    Q_OBJECT
public:
    CopyTask(TransferId id, QString sourceBucket, QString sourceKey, QString bucket, QString key, CopyOptions options = {},
             QObject *parent = nullptr);
    ~CopyTask() override;

    /** A task from its toJson() entry; null when the entry fails transferEntryProblem() (queuefile.h). */
    static std::unique_ptr<CopyTask> fromJson(const QJsonObject &json, CopyOptions options);
    QJsonObject toJson() const override;

    const CopyOptions &options() const { return m_options; }
    /** The multipart upload the copy writes into (empty: none yet, or the copy is done or cancelled). */
    QString uploadId() const { return m_uploadId; }

    /** As UploadTask::AbortFallback: an upload to abort that this task could not abort itself. */
    using AbortFallback = std::function<void(const QString &bucket, const QString &key, const QString &uploadId)>;
    void setAbortFallback(AbortFallback fallback) { m_abortFallback = std::move(fallback); }

    /** Fails the task before it runs (a request the queue cannot carry out). */
    void refuse(const S3Error &error) { fail(error); }

    bool wantsRequest() const override;
    void startRequest(S3Client *client) override;

protected:
    void stopRequests() override;
    void cleanupCancelled() override;
    void prepareResume() override;

private:
    enum class Phase { Copy, DeleteSource, Done };

    void startCopy(S3Client *client);
    void startDeleteSource(S3Client *client);
    void copyFinished(S3Client *client);

    CopyOptions m_options;
    Phase m_phase = Phase::Copy;
    QPointer<Job> m_job;
    S3Client *m_jobClient = nullptr;
    S3Client *m_lastClient = nullptr;
    QString m_uploadId;
    QString m_sourceEtag;
    qint64 m_partSize = 0;
    qint64 m_resumedBytes = 0;
    AbortFallback m_abortFallback;
};

} // namespace s3
