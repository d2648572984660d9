// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QPointer>
#include <QSet>
#include <QString>

#include "s3core/job.h"
#include "s3core/types.h"

namespace s3 {

class S3Client;

/**
 * Deletes a bucket and everything in it: every object version and delete marker (ListObjectVersions pages, each
 * removed with one DeleteObjects request carrying the version ids, so nothing is left behind as a non-current
 * version or a new delete marker, also in a bucket that is or was versioned), then every incomplete multipart
 * upload (aborted: they block DeleteBucket as well), then the bucket itself.
 *
 * Phases: ListingVersions <-> DeletingVersions -> ListingUploads -> AbortingUploads -> DeletingBucket -> done. The
 * versions are listed from the start again after each batch (what was deleted is gone from the listing), so no
 * marker ever names a version that no longer exists. A version that could not be deleted stops the job with that
 * S3 error code (AccessDenied, ...) instead of listing it forever; an object written meanwhile makes the final
 * DeleteBucket fail with BucketNotEmpty, which the error names. Cancel stops after the request in flight.
 */
class S3CORE_EXPORT DeleteBucketWithContentsJob final : public Job
{
    Q_OBJECT
public:
    enum class Phase { Idle, ListingVersions, DeletingVersions, ListingUploads, AbortingUploads, DeletingBucket, Done };
    Q_ENUM(Phase)

    DeleteBucketWithContentsJob(S3Client *client, QString bucket, QObject *parent = nullptr);
    /** Versions and delete markers per listing page and delete batch (1..1000). */
    void setBatchSize(int entries) { m_batchSize = qBound(1, entries, 1000); }

    Phase phase() const { return m_phase; }
    /** Versions and delete markers removed so far. */
    qint64 deletedCount() const { return m_deleted; }
    qint64 abortedUploadCount() const { return m_aborted; }

Q_SIGNALS:
    void progressChanged(s3::DeleteBucketWithContentsJob::Phase phase, qint64 deleted, qint64 abortedUploads);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void enter(Phase phase);
    void listVersions();
    void deleteVersions(const QList<ObjectVersion> &versions);
    void listUploads();
    void abortNextUpload();
    void deleteBucket();
    void fail(const S3Error &error, const QString &during);

    S3Client *m_client;
    QString m_bucket;
    int m_batchSize = 1000;
    Phase m_phase = Phase::Idle;
    QPointer<Job> m_current;
    QSet<QString> m_lastBatch; ///< key + version id of the batch just deleted: seeing one again means no progress
    QList<MultipartUploadInfo> m_uploads;
    qint64 m_deleted = 0;
    qint64 m_aborted = 0;
};

} // namespace s3
