// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/deletebucketwithcontentsjob.h"

#include "s3core/ops/bucketjobs.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/listobjectversionspagejob.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/xml/s3xml.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {
QString versionTag(const QString &key, const QString &versionId)
{
    return key + QChar(0) + versionId;
}

QString codeOf(const S3Error &error)
{
    return error.code().isEmpty() ? S3Error::kindName(error.kind()) : error.code();
}
} // namespace

DeleteBucketWithContentsJob::DeleteBucketWithContentsJob(S3Client *client, QString bucket, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
{
}

void DeleteBucketWithContentsJob::doStart()
{
    if (m_bucket.isEmpty()) {
        emitResult(S3Error::invalid(u"no bucket given"_s));
        return;
    }
    enter(Phase::ListingVersions);
}

void DeleteBucketWithContentsJob::doCancel()
{
    cancelQuietly(m_current, this);
}

void DeleteBucketWithContentsJob::enter(Phase phase)
{
    m_phase = phase;
    Q_EMIT progressChanged(m_phase, m_deleted, m_aborted);
    switch (phase) {
    case Phase::ListingVersions:
        listVersions();
        break;
    case Phase::ListingUploads:
        listUploads();
        break;
    case Phase::AbortingUploads:
        abortNextUpload();
        break;
    case Phase::DeletingBucket:
        deleteBucket();
        break;
    case Phase::Done:
        emitResult();
        break;
    case Phase::Idle:
    case Phase::DeletingVersions: // entered with its batch by deleteVersions()
        break;
    }
}

void DeleteBucketWithContentsJob::fail(const S3Error &error, const QString &during)
{
    const QString code = codeOf(error);
    emitResult(S3Error::fromS3(error.httpStatus(), code,
                               u"%1 of bucket %2 failed: %3 (%4 versions and delete markers removed, %5 uploads aborted)"_s
                                   .arg(during, m_bucket, error.message().isEmpty() ? code : code + u": "_s + error.message())
                                   .arg(m_deleted)
                                   .arg(m_aborted)));
}

void DeleteBucketWithContentsJob::listVersions()
{
    ListObjectVersionsRequest request;
    request.bucket = m_bucket;
    request.maxKeys = m_batchSize;
    auto *job = new ListObjectVersionsPageJob(m_client, request, this);
    m_current = job;
    connect(job, &Job::finished, this, [this, job] {
        m_current = nullptr;
        if (job->hasError()) {
            fail(job->error(), u"Listing the versions"_s);
            return;
        }
        const QList<ObjectVersion> &versions = job->page().versions;
        if (versions.isEmpty()) {
            m_lastBatch.clear();
            enter(Phase::ListingUploads);
            return;
        }
        for (const ObjectVersion &version : versions) {
            if (m_lastBatch.contains(versionTag(version.key, version.versionId))) {
                fail(S3Error::fromS3(0, u"InternalError"_s, u"version %1 of %2 is still listed after its delete"_s.arg(version.versionId, version.key)),
                     u"Emptying"_s);
                return;
            }
        }
        deleteVersions(versions);
    });
    job->start();
}

void DeleteBucketWithContentsJob::deleteVersions(const QList<ObjectVersion> &versions)
{
    m_phase = Phase::DeletingVersions;
    m_lastBatch.clear();
    // A key XML cannot carry goes alone through DELETE ?versionId= (its key travels percent-encoded in the URL).
    for (const ObjectVersion &version : versions) {
        if (xml::isXmlSafeKey(version.key))
            continue;
        auto *job = new DeleteObjectJob(m_client, m_bucket, version.key, this);
        job->setVersionId(version.versionId);
        m_current = job;
        m_lastBatch.insert(versionTag(version.key, version.versionId));
        connect(job, &Job::finished, this, [this, job] {
            m_current = nullptr;
            if (job->hasError()) {
                fail(job->error(), u"Deleting a version"_s);
                return;
            }
            ++m_deleted;
            enter(Phase::ListingVersions);
        });
        job->start();
        return;
    }
    QStringList keys;
    QStringList versionIds;
    keys.reserve(versions.size());
    versionIds.reserve(versions.size());
    for (const ObjectVersion &version : versions) {
        keys.append(version.key);
        versionIds.append(version.versionId);
        m_lastBatch.insert(versionTag(version.key, version.versionId));
    }
    auto *job = new DeleteObjectsBatchJob(m_client, m_bucket, keys, this);
    job->setVersionIds(versionIds);
    m_current = job;
    connect(job, &Job::finished, this, [this, job, count = keys.size()] {
        m_current = nullptr;
        if (job->hasError()) {
            fail(job->error(), u"Deleting the versions"_s);
            return;
        }
        const QList<DeleteObjectError> &errors = job->result().errors;
        m_deleted += count - errors.size();
        if (!errors.isEmpty()) {
            const DeleteObjectError &first = errors.first();
            fail(S3Error::fromS3(0, first.code, u"%1 of %2 versions not deleted; first: %3 version %4%5"_s.arg(errors.size())
                                                    .arg(count)
                                                    .arg(first.key, first.versionId,
                                                         first.message.isEmpty() ? QString() : u" (%1)"_s.arg(first.message))),
                 u"Deleting the versions"_s);
            return;
        }
        enter(Phase::ListingVersions);
    });
    job->start();
}

void DeleteBucketWithContentsJob::listUploads()
{
    auto *job = new ListMultipartUploadsJob(m_client, m_bucket, {}, this);
    m_current = job;
    connect(job, &Job::finished, this, [this, job] {
        m_current = nullptr;
        if (job->hasError()) {
            fail(job->error(), u"Listing the incomplete uploads"_s);
            return;
        }
        m_uploads = job->uploads();
        enter(Phase::AbortingUploads);
    });
    job->start();
}

void DeleteBucketWithContentsJob::abortNextUpload()
{
    if (m_uploads.isEmpty()) {
        enter(Phase::DeletingBucket);
        return;
    }
    const MultipartUploadInfo upload = m_uploads.takeFirst();
    auto *job = new AbortMultipartUploadJob(m_client, m_bucket, upload.key, upload.uploadId, this);
    m_current = job;
    connect(job, &Job::finished, this, [this, job] {
        m_current = nullptr;
        if (job->hasError()) {
            fail(job->error(), u"Aborting an incomplete upload"_s);
            return;
        }
        ++m_aborted;
        Q_EMIT progressChanged(m_phase, m_deleted, m_aborted);
        abortNextUpload();
    });
    job->start();
}

void DeleteBucketWithContentsJob::deleteBucket()
{
    auto *job = new DeleteBucketJob(m_client, m_bucket, this);
    m_current = job;
    connect(job, &Job::finished, this, [this, job] {
        m_current = nullptr;
        if (job->hasError()) {
            // BucketNotEmpty here: something was written while the contents were deleted.
            fail(job->error(), u"Deleting"_s);
            return;
        }
        enter(Phase::Done);
    });
    job->start();
}

} // namespace s3
