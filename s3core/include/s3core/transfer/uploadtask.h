// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <QDateTime>
#include <QPointer>

#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/partplanner.h"
#include "s3core/transfer/transfertask.h"

namespace s3 {

class S3Job;

/** How each part proves its integrity to the server. */
enum class UploadIntegrity {
    Sha256,       ///< signed SHA-256 payload hash (the server recomputes it): ~0.9 CPU s/GiB here
    Sha256AndMd5, ///< plus Content-MD5: ~2.7 CPU s/GiB, for servers that want Content-MD5
};

struct UploadOptions
{
    qint64 multipartThreshold = 16ll * 1024 * 1024; ///< files at or above this size go multipart
    qint64 partSize = DefaultPartSize;               ///< preferred; the planner grows it for huge files
    int maxPartsInFlight = 16;                       ///< per transfer; the queue's connection budget applies too
    UploadIntegrity integrity = UploadIntegrity::Sha256;
    ObjectAttributes attributes;                     ///< content type inferred from the file name when empty
};

/**
 * Upload of one local file: a single PUT below the multipart threshold, otherwise a multipart upload
 * (Initiating -> UploadingParts -> Completing, Aborting on cancel or fatal error).
 *
 * Parts are read from disk when sent (a fresh file-range device per attempt), so memory stays flat whatever
 * the file size; each part's hash is computed off the engine thread. The file's size and mtime are checked
 * before every part and before Complete: a file changed mid-upload fails the transfer instead of storing a
 * mix. Cancel and fatal errors abort the multipart upload (no orphan left billed); a transient failure keeps
 * it so retry()/resume() continue from the parts the server already has (ListParts), as does a restart.
 */
class S3CORE_EXPORT UploadTask final : public TransferTask
{
    Q_OBJECT
public:
    UploadTask(TransferId id, QString localPath, QString bucket, QString key, UploadOptions options = {}, QObject *parent = nullptr);
    ~UploadTask() override;

    /** A task from its toJson() entry; null when the entry fails transferEntryProblem() (queuefile.h). */
    static std::unique_ptr<UploadTask> fromJson(const QJsonObject &json, UploadOptions options);
    QJsonObject toJson() const override;

    QString uploadId() const { return m_uploadId; }
    QString etag() const { return m_etag; }

    /**
     * Called with a multipart upload this task meant to abort but could not, and no longer tracks itself (it was
     * cancelled, removed, or started another upload): the queue keeps it and tries again later, so its parts are
     * not left billed and forgotten. Runs even after the task is gone.
     */
    using AbortFallback = std::function<void(const QString &bucket, const QString &key, const QString &uploadId)>;
    void setAbortFallback(AbortFallback fallback) { m_abortFallback = std::move(fallback); }

    bool wantsRequest() const override;
    void startRequest(S3Client *client) override;

protected:
    void stopRequests() override;
    void cleanupCancelled() override;
    void prepareResume() override;

private:
    AbortFallback m_abortFallback;
    enum class Phase { Inspect, SinglePut, Initiate, ListParts, Parts, Complete, Done };
    struct Part
    {
        int number = 0;
        qint64 offset = 0;
        qint64 length = 0;
        QString etag;
        QPointer<S3Job> job;
    };

    Result<Ok> inspectFile();
    Result<Ok> checkUnchanged() const;
    void startSinglePut(S3Client *client);
    void startInitiate(S3Client *client);
    void startListParts(S3Client *client);
    void startPart(S3Client *client, size_t index);
    void startComplete(S3Client *client);
    void abortUpload(S3Client *client, bool secondTry = false);
    void handleFatal(const S3Error &error, S3Client *client);
    void runControlJob(Job *job, S3Client *client, TransferState expected, std::function<void()> handleFinished);
    bool allPartsDone() const;

    UploadOptions m_options;
    Phase m_phase = Phase::Inspect;
    qint64 m_fileSize = -1;
    QDateTime m_fileModified;
    PartPlan m_plan;
    QString m_uploadId;
    std::vector<Part> m_parts;
    QPointer<Job> m_controlJob; // create / list parts / complete / single put
    QString m_etag;
    S3Client *m_lastClient = nullptr;
};

} // namespace s3
