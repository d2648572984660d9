// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include "s3core/net/retrypolicy.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/s3core_export.h"
#include "s3core/transfer/uploadmachine.h"
#include "s3core/types.h"

namespace s3 {

class S3Client;

/**
 * The one multipart upload machine of S3Desk: the transfer queue's file uploads (UploadTask), streams
 * (StreamUploadJob) and the manual API all run through it. Its states and their only transition function are in
 * uploadmachine.h, with the keep/abort policy; this class sends the requests the transitions ask for.
 *
 * Part sources are pluggable (PartSource): a window of a file read when sent (a fresh device per attempt), or a
 * buffer in memory that the caller bounds by pacing submissions on partFinished().
 *
 * Contract:
 *  - create() starts an upload: created(uploadId) or failed(error). resume(uploadId) takes over an existing
 *    upload: it lists the server's parts (resumed(uploadId, parts)) and numbers new parts after the highest;
 *    with plannedPartSizes, only the server's parts of that plan count (number and size match) and the caller
 *    submits the missing numbers itself. adopt(uploadId) takes an upload id only to abort it.
 *  - submitPart() assigns part numbers in call order, starting at 1 (after the server's parts on resume), or
 *    takes the number given, and returns it, or -1 when no part can be added: before create()/resume() (or while
 *    resume() is still listing), after complete() or abort(), after a failure. Parts may be submitted while
 *    create() is running. Submitting part 10001 fails the whole upload, since the object could only be incomplete.
 *  - At most maxConcurrentParts() parts are in flight (default 4, never unbounded); the others wait in
 *    submission order. With setPartsPulled(true) the owner starts each part with startNextPart(client) instead
 *    (the transfer queue's connection budget). Each part is retried per retryPolicy().
 *  - partFinished(number, etag, error) fires exactly once per submitted part: with its ETag, with the error
 *    that failed it, or with a Cancelled error for parts stopped by abort(), suspend() or another part's failure.
 *  - A part failing for good, a failed Complete, a failed ListParts, or fail() with a local cause, ends the upload:
 *    the other parts stop, then the policy decides (uploadTransition()): a resumable upload (setResumable(true):
 *    its owner keeps the id and can read the parts again) is kept on a transient error, state Kept; anything else
 *    is aborted (no orphan left billed) before failed(error) fires with the first error (and a note if the abort
 *    itself failed: then the state is Kept). aborted() fires only for the caller's abort().
 *  - complete() waits for every submitted part, then sends CompleteMultipartUpload with all parts (the
 *    server's parts on resume included), sorted by number. It refuses locally, before sending, zero parts
 *    ("no parts were uploaded": never a zero-part Complete) and parts below minPartSize() other than the last
 *    (code "EntityTooSmall", as the server would answer). Success: completed(result).
 *  - Before completed(), what the server may have dropped is looked at: with tags asked for, GetObjectTagging,
 *    and PutObjectTagging when they are not there (Ceph RGW 16 ignores x-amz-tagging on CreateMultipartUpload);
 *    with SSE-S3/SSE-KMS asked for, a HEAD, since a server without it may store the object unencrypted without
 *    a word. What is still wrong then is in warnings(): the upload itself succeeded.
 *  - abort() cancels parts in flight and sends AbortMultipartUpload (during create(), once the upload id is
 *    known); then aborted(), or failed() if the server could not be told. Once the Complete request is sent,
 *    abort() is ignored: the server decides, and completed() or failed() tells.
 *  - suspend() (a pause) stops the parts and keeps a resumable upload (state Kept, no signal); it aborts any other.
 *  - abortDetached() is the one place for uploads their owner lets go (cancel, a stream job deleted): the
 *    uploader moves under its client, aborts (a second time if the first fails), hands the upload to the
 *    abort fallback if both fail, and deletes itself.
 *  - listParts() asks the server at any time after the upload id is known: partsListed() or listPartsFailed().
 *  - Exactly one of completed(), aborted(), failed() ends the upload. Destroying the uploader before that
 *    stops its requests but leaves the upload on the server (resume() it later, or abort it).
 *
 * Lives on one thread with its S3Client (not owned; it must outlive the uploader). Never blocks.
 */
class S3CORE_EXPORT MultipartUploader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MultipartUploader)
public:
    using State = UploadState;
    /** Takes an upload that could not be aborted and that nobody tracks any more (see abortDetached()). */
    using AbortFallback = std::function<void(const QString &bucket, const QString &key, const QString &uploadId)>;

    MultipartUploader(S3Client *client, QString bucket, QString key, ObjectAttributes attributes = {}, QObject *parent = nullptr);
    ~MultipartUploader() override;

    /** Parts uploaded at the same time (at least 1; default 4). */
    void setMaxConcurrentParts(int count);
    int maxConcurrentParts() const { return m_maxConcurrent; }
    /** Retry policy of every request (parts, create, complete, abort, listings). */
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    /** How the server verifies each part (default Sha256AndMd5; Md5Only needs HTTPS). */
    void setIntegrityMode(IntegrityMode mode) { m_integrity = mode; }
    IntegrityMode integrityMode() const { return m_integrity; }
    /** Smallest allowed part other than the last, checked by complete() (default MinPartSize, S3's 5 MiB). */
    void setMinPartSize(qint64 bytes) { m_minPartSize = bytes; }
    qint64 minPartSize() const { return m_minPartSize; }
    /** The owner keeps the upload id and can read the parts again: transient failures keep the upload. */
    void setResumable(bool resumable) { m_resumable = resumable; }
    /** Parts are started by the owner with startNextPart() instead of by the uploader. */
    void setPartsPulled(bool pulled) { m_pulled = pulled; }
    /** The client of the next control requests (create, list, complete, abort). */
    void setClient(S3Client *client) { m_client = client; }
    S3Client *client() const { return m_client; }
    void setAbortFallback(AbortFallback fallback) { m_abortFallback = std::move(fallback); }

    QString bucket() const { return m_bucket; }
    QString key() const { return m_key; }
    State state() const { return m_state; }
    /** Empty until created() (or resume()). */
    QString uploadId() const { return m_uploadId; }
    /** What completed() could not make right: tags that could not be set, encryption the server did not apply. */
    const QStringList &warnings() const { return m_warnings; }
    /** The error failed() reported; empty otherwise. */
    const S3Error &error() const { return m_error; }

    int partsSubmitted() const { return m_submitted; }
    int partsInFlight() const { return int(m_running.size()); }
    int partsQueued() const { return int(m_queue.size()); }
    /** Parts the server has: uploaded here, or found by resume(). */
    int partsDone() const { return int(m_done.size()); }
    /** A part waits and the upload id is known: startNextPart() would send it. */
    bool hasPartToStart() const { return m_state == State::Uploading && !m_queue.isEmpty(); }
    /** The number of the part startNextPart() would send (0: none waits). */
    int nextPartToStart() const { return m_queue.isEmpty() ? 0 : m_queue.first().number; }
    /** Parts the server has (uploaded here, or found by resume()), sorted by number. */
    QList<CompletedPart> completedParts() const;

    void create();
    void resume(const QString &uploadId, const QList<qint64> &plannedPartSizes = {});
    void adopt(const QString &uploadId);
    int submitPart(QByteArray data);
    int submitPart(const QString &path, qint64 offset, qint64 length);
    /** partNumber 0: the next number in order. */
    int submitPart(PartSource source, int partNumber = 0);
    /** Starts the first waiting part on this client; its number, or 0 if none can start. */
    int startNextPart(S3Client *client);
    void complete();
    void abort();
    void suspend();
    /** Ends the upload for a local cause (the source changed, ...): aborted unless kept, then failed(error). */
    void fail(const S3Error &error);
    void abortDetached();
    void listParts();

Q_SIGNALS:
    void created(const QString &uploadId);
    void resumed(const QString &uploadId, const QList<s3::PartInfo> &parts);
    void partProgress(int partNumber, qint64 bytesSent);
    void partFinished(int partNumber, const QString &etag, const s3::S3Error &error);
    void partsListed(const QList<s3::PartInfo> &parts);
    void listPartsFailed(const s3::S3Error &error);
    void completed(const s3::CompleteMultipartUploadResult &result);
    void aborted();
    void failed(const s3::S3Error &error);

private:
    struct QueuedPart
    {
        int number = 0;
        PartSource source;
    };
    struct DonePart
    {
        QString etag;
        qint64 size = 0;
    };

    void handle(UploadEvent event, const S3Error &error = {});
    void perform(UploadAction action, State previous);
    void finishDetached();
    void sendCreate();
    void sendListParts();
    void sendComplete();
    void sendAbort();
    void checkEncryption();
    void checkTags();
    void reportCompleted();
    void schedule();
    void startPart(QueuedPart part, S3Client *client);
    void handlePartFinished(UploadPartJob *job);
    void maybeComplete();
    void stopParts();
    S3Error failureToReport() const;
    template <typename J>
    J *controlJob(J *job);

    S3Client *m_client;
    QString m_bucket;
    QString m_key;
    ObjectAttributes m_attributes;
    int m_maxConcurrent = 4;
    RetryPolicy m_retryPolicy;
    IntegrityMode m_integrity = IntegrityMode::Sha256AndMd5;
    qint64 m_minPartSize;
    bool m_resumable = false;
    bool m_pulled = false;
    AbortFallback m_abortFallback;

    State m_state = State::Idle;
    QString m_uploadId;
    S3Error m_error;
    S3Error m_abortError;
    QStringList m_warnings;
    QList<qint64> m_plannedSizes;
    CompleteMultipartUploadResult m_result;
    QList<PartInfo> m_resumedParts;
    int m_nextPartNumber = 1;
    int m_submitted = 0;
    bool m_completeRequested = false;
    bool m_callerAborted = false;
    bool m_detached = false;
    bool m_abortRetried = false;
    QList<QueuedPart> m_queue;
    QHash<int, QPointer<UploadPartJob>> m_running;
    QMap<int, DonePart> m_done;
    QPointer<Job> m_controlJob;
    QList<QPointer<Job>> m_listJobs;
};

} // namespace s3
