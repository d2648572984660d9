// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QPointer>

#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/multipartuploader.h"
#include "s3core/transfer/partplanner.h"
#include "s3core/transfer/transfertask.h"

namespace s3 {

/** How each part proves its integrity to the server. */
enum class UploadIntegrity {
    Auto,         ///< UNSIGNED-PAYLOAD over HTTPS (TLS checks the bytes), signed SHA-256 over HTTP (IntegrityMode::Auto)
    Sha256,       ///< signed SHA-256 payload hash (the server recomputes it): ~0.9 CPU s/GiB here
    Sha256AndMd5, ///< plus Content-MD5: ~2.7 CPU s/GiB, for servers that want Content-MD5
};

struct UploadOptions
{
    qint64 multipartThreshold = 16ll * 1024 * 1024; ///< files at or above this size go multipart
    qint64 partSize = DefaultPartSize;               ///< preferred; the planner grows it for huge files
    int maxPartsInFlight = 16;                       ///< per transfer; the queue's connection budget applies too
    UploadIntegrity integrity = UploadIntegrity::Auto;
    ObjectAttributes attributes;                     ///< content type inferred from the file name when empty
};

/**
 * Upload of one local file: a single PUT below the multipart threshold, otherwise a multipart upload run by
 * MultipartUploader (the one multipart machine, uploadmachine.h), its parts pulled by the queue's connection budget.
 *
 * Parts are read from disk when sent (a fresh file-range device per attempt), so memory stays flat whatever
 * the file size; each part's hash is computed off the engine thread. The file's size and mtime are checked
 * before every part and before Complete: a file changed mid-upload fails the transfer instead of storing a
 * mix. The upload is resumable (the queue keeps its id, the file can be read again): a pause or a transient
 * failure keeps it, so retry()/resume() continue from the parts the server already has (ListParts), as does a
 * restart; a cancel or a fatal error aborts it (no orphan left billed).
 */
class S3CORE_EXPORT UploadTask final : public TransferTask
{
    Q_OBJECT
public:
    UploadTask(TransferId id, QString localPath, QString bucket, QString key, UploadOptions options = {}, QObject *parent = nullptr);
    ~UploadTask() override;

    /** A task from its toJson() entry; null when the entry fails transferEntryProblem() (queuefile.h). */
    static std::unique_ptr<UploadTask> fromJson(const QJsonObject &json, UploadOptions options);
    /** Files below this size go up in one PUT. */
    qint64 multipartThreshold() const { return m_options.multipartThreshold; }
    QJsonObject toJson() const override;

    QString uploadId() const { return m_uploadId; }
    QString etag() const { return m_etag; }

    /**
     * Called with a multipart upload this task meant to abort but could not, and no longer tracks itself (it was
     * cancelled, removed, or started another upload): the queue keeps it and tries again later, so its parts are
     * not left billed and forgotten. Runs even after the task is gone.
     */
    using AbortFallback = MultipartUploader::AbortFallback;
    void setAbortFallback(AbortFallback fallback) { m_abortFallback = std::move(fallback); }

    bool wantsRequest() const override;
    void startRequest(S3Client *client) override;

protected:
    void stopRequests() override;
    void cleanupCancelled() override;
    void prepareResume() override;

private:
    enum class Phase { Inspect, SinglePut, Initiate, ListParts, Parts, Complete, Done };

    Result<Ok> inspectFile(S3Client *client);
    Result<Ok> checkUnchanged() const;
    void startSinglePut(S3Client *client);
    MultipartUploader *makeUploader(S3Client *client);
    void startUploader(S3Client *client);
    void submitParts(const QSet<int> &done);
    void handlePartFinished(int number, const S3Error &error);
    void handleUploaderFailed(const S3Error &error);
    void beginControl(S3Client *client);
    void endControl();
    void dropUploader();
    void abandonUpload(S3Client *client);

    AbortFallback m_abortFallback;
    UploadOptions m_options;
    Phase m_phase = Phase::Inspect;
    bool m_lostSseCustomerKey = false; // restored from an entry of an SSE-C upload: the key is never saved
    qint64 m_fileSize = -1;
    QDateTime m_fileModified;
    PartPlan m_plan;
    QString m_uploadId;
    QPointer<MultipartUploader> m_uploader;
    QHash<int, S3Client *> m_partClients;  // parts in flight and the client each was started on
    S3Client *m_controlClient = nullptr;   // create / list parts / complete in flight
    QPointer<Job> m_put;
    QString m_etag;
    S3Client *m_lastClient = nullptr;
};

} // namespace s3
