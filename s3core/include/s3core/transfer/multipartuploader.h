// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>

#include "s3core/net/retrypolicy.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/s3core_export.h"
#include "s3core/types.h"

namespace s3 {

class S3Client;

/**
 * The manual multipart API (the seed's `multipart_upload` context manager, SEED-NOTES §7.5, done right): the
 * caller creates an upload, submits parts, then completes or aborts. For whole files, prefer the transfer
 * engine (UploadTask), which plans parts itself.
 *
 * Phases: Idle -> Creating (or Resuming) -> Uploading -> Completing -> Completed, with Aborting reachable from
 * every phase before Completing; it ends in Aborted (abort() by the caller) or Failed.
 *
 * Contract:
 *  - create() starts an upload: created(uploadId) or failed(error). resume(uploadId) takes over an existing
 *    upload: it lists the server's parts (resumed(uploadId, parts)) and numbers new parts after the highest.
 *  - submitPart() assigns part numbers in call order, starting at 1 (after the server's parts on resume), and
 *    returns the number, or -1 when no part can be added: before create()/resume() (or while resume() is still
 *    listing), after complete() or abort(), after a failure. Parts may be submitted while create() is running.
 *    Submitting part 10001 fails the whole upload (failed(), after an abort), since the object could only be
 *    incomplete.
 *  - At most maxConcurrentParts() parts are in flight (default 4, never unbounded); the others wait in
 *    submission order. Each part is retried per retryPolicy(). In-memory parts are kept until their upload
 *    finishes: the caller bounds memory by pacing submissions on partFinished().
 *  - partFinished(number, etag, error) fires exactly once per submitted part: with its ETag, with the error
 *    that failed it, or with a Cancelled error for parts stopped by abort() or by another part's failure
 *    (those are emitted before abort() returns).
 *  - A part failing for good, a failed Complete, or complete() refusing the parts, fails the upload: the
 *    other parts stop, AbortMultipartUpload is sent (no orphan left billed), then failed(error) fires with the
 *    first error (and a note if the abort itself failed). aborted() fires only for the caller's abort().
 *  - complete() waits for every submitted part, then sends CompleteMultipartUpload with all parts (the
 *    server's parts on resume included), sorted by number. It refuses locally, before sending, zero parts
 *    ("no parts were uploaded": never a zero-part Complete) and parts below minPartSize() other than the last
 *    (code "EntityTooSmall", as the server would answer). Success: completed(result).
 *  - abort() cancels parts in flight and sends AbortMultipartUpload (during create(), once the upload id is
 *    known); then aborted(), or failed() if the server could not be told. Once the Complete request is sent,
 *    abort() is ignored: the server decides, and completed() or failed() tells.
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
    enum class State { Idle, Creating, Resuming, Uploading, Completing, Aborting, Completed, Aborted, Failed };
    Q_ENUM(State)

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

    QString bucket() const { return m_bucket; }
    QString key() const { return m_key; }
    State state() const { return m_state; }
    /** Empty until created() (or resume()). */
    QString uploadId() const { return m_uploadId; }
    /** The error failed() reported; empty otherwise. */
    const S3Error &error() const { return m_error; }

    int partsSubmitted() const { return m_submitted; }
    int partsInFlight() const { return int(m_running.size()); }
    int partsQueued() const { return int(m_queue.size()); }
    /** Parts the server has (uploaded here, or found by resume()), sorted by number. */
    QList<CompletedPart> completedParts() const;

    void create();
    void resume(const QString &uploadId);
    int submitPart(QByteArray data);
    int submitPart(const QString &path, qint64 offset, qint64 length);
    void complete();
    void abort();
    void listParts();

Q_SIGNALS:
    void created(const QString &uploadId);
    void resumed(const QString &uploadId, const QList<s3::PartInfo> &parts);
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

    int enqueue(PartSource source);
    bool acceptsParts() const;
    void schedule();
    void startPart(QueuedPart part);
    void handlePartFinished(UploadPartJob *job);
    void maybeComplete();
    void stopParts();
    void fail(const S3Error &error);
    void startAbort(bool requestedByCaller);
    void finishFailed(const S3Error &error);

    S3Client *m_client;
    QString m_bucket;
    QString m_key;
    ObjectAttributes m_attributes;
    int m_maxConcurrent = 4;
    RetryPolicy m_retryPolicy;
    IntegrityMode m_integrity = IntegrityMode::Sha256AndMd5;
    qint64 m_minPartSize;

    State m_state = State::Idle;
    QString m_uploadId;
    S3Error m_error;
    int m_nextPartNumber = 1;
    int m_submitted = 0;
    bool m_completeRequested = false;
    bool m_abortRequested = false;
    QList<QueuedPart> m_queue;
    QHash<int, QPointer<UploadPartJob>> m_running;
    QMap<int, DonePart> m_done;
    QPointer<Job> m_controlJob;
    QList<QPointer<Job>> m_listJobs;
};

} // namespace s3
