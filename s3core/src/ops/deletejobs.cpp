// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/deletejobs.h"

#include "s3core/crypto.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/servercopyjob.h"
#include "s3core/xml/s3xml.h"

namespace s3 {

namespace {
S3Error summarise(const QList<DeleteObjectError> &failures, qint64 total)
{
    const DeleteObjectError &first = failures.first();
    S3Error error = S3Error::fromS3(0, first.code, QStringLiteral("%1 of %2 keys could not be deleted; first: %3 on %4%5")
                                                      .arg(failures.size()).arg(total).arg(first.code, first.key,
                                                           first.message.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(first.message)));
    return error;
}
} // namespace

// --- one batch --------------------------------------------------------------------------------------------

DeleteObjectsBatchJob::DeleteObjectsBatchJob(S3Client *client, QString bucket, QStringList keys, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_keys(std::move(keys))
{
}

Result<S3Request> DeleteObjectsBatchJob::buildRequest()
{
    if (m_keys.isEmpty() || m_keys.size() > MaxKeys)
        return S3Error::invalid(QStringLiteral("DeleteObjects takes 1 ... 1000 keys, not %1").arg(m_keys.size()));
    S3Request request;
    request.method = QByteArrayLiteral("POST");
    request.bucket = m_bucket;
    request.query = {{QByteArrayLiteral("delete"), QByteArray()}};
    if (!m_versionIds.isEmpty() && m_versionIds.size() != m_keys.size())
        return S3Error::invalid(QStringLiteral("DeleteObjects: %1 version ids for %2 keys").arg(m_versionIds.size()).arg(m_keys.size()));
    request.body = xml::buildDeleteObjects(m_keys, m_versionIds, true);
    if (request.body.isEmpty())
        return S3Error::invalid(QStringLiteral("DeleteObjects: a key that XML cannot carry"));
    request.setHeader(QByteArrayLiteral("content-type"), QByteArrayLiteral("application/xml"));
    request.setHeader(QByteArrayLiteral("content-md5"), crypto::md5(request.body).toBase64()); // required by S3
    return request;
}

Result<Ok> DeleteObjectsBatchJob::handleSuccess(QNetworkReply *, const QByteArray &body)
{
    Result<DeleteObjectsResult> parsed = xml::parseDeleteObjects(body);
    if (!parsed)
        return parsed.error();
    m_result = std::move(parsed).value();
    return Ok{};
}

// --- any number of keys -----------------------------------------------------------------------------------

DeleteObjectsJob::DeleteObjectsJob(S3Client *client, QString bucket, QStringList keys, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
    , m_keys(std::move(keys))
{
}

void DeleteObjectsJob::doStart()
{
    next();
}

void DeleteObjectsJob::doCancel()
{
    cancelQuietly(m_current, this);
}

void DeleteObjectsJob::next()
{
    if (m_position >= m_keys.size()) {
        finishAll();
        return;
    }
    // Keys that XML 1.0 cannot carry (control characters) go one by one through DELETE.
    if (!xml::isXmlSafeKey(m_keys.at(m_position))) {
        const QString key = m_keys.at(m_position++);
        auto *job = new DeleteObjectJob(m_client, m_bucket, key, this);
        m_current = job;
        connect(job, &Job::finished, this, [this, job, key] {
            if (job->hasError())
                m_failures.append({key, {}, job->error().code().isEmpty() ? S3Error::kindName(job->error().kind()) : job->error().code(),
                                   job->error().message()});
            else
                ++m_deleted;
            Q_EMIT progressChanged(m_position, m_keys.size());
            next();
        });
        job->start();
        return;
    }
    QStringList batch;
    while (m_position < m_keys.size() && batch.size() < DeleteObjectsBatchJob::MaxKeys && xml::isXmlSafeKey(m_keys.at(m_position)))
        batch.append(m_keys.at(m_position++));
    auto *job = new DeleteObjectsBatchJob(m_client, m_bucket, batch, this);
    m_current = job;
    connect(job, &Job::finished, this, [this, job, count = batch.size()] {
        if (job->hasError()) {
            emitResult(job->error()); // the whole request failed (AccessDenied on the bucket, network...)
            return;
        }
        m_failures += job->result().errors;
        m_deleted += count - job->result().errors.size();
        Q_EMIT progressChanged(m_position, m_keys.size());
        next();
    });
    job->start();
}

void DeleteObjectsJob::finishAll()
{
    if (m_failures.isEmpty())
        emitResult();
    else
        emitResult(summarise(m_failures, m_keys.size()));
}

// --- everything under a prefix ----------------------------------------------------------------------------

DeletePrefixJob::DeletePrefixJob(S3Client *client, QString bucket, QString prefix, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
    , m_prefix(std::move(prefix))
{
}

void DeletePrefixJob::doStart()
{
    if (m_prefix.isEmpty() && !m_allowWholeBucket) {
        emitResult(S3Error::invalid(QStringLiteral("refusing to delete every object of bucket %1 (empty prefix)").arg(m_bucket)));
        return;
    }
    listNext();
}

void DeletePrefixJob::doCancel()
{
    cancelQuietly(m_listJob, this);
    cancelQuietly(m_deleteJob, this);
}

void DeletePrefixJob::listNext()
{
    ListObjectsRequest request;
    request.bucket = m_bucket;
    request.prefix = m_prefix;
    request.continuationToken = m_token;
    auto *job = new ListObjectsPageJob(m_client, request, this);
    m_listJob = job;
    connect(job, &Job::finished, this, [this, job] {
        m_listJob = nullptr;
        if (job->hasError()) {
            doCancel();
            emitResult(job->error());
            return;
        }
        for (const ObjectInfo &object : job->page().objects)
            m_queued.append(object.key);
        m_seenTokens.insert(m_token);
        if (job->page().isTruncated && m_seenTokens.contains(job->page().nextContinuationToken)) {
            doCancel();
            emitResult(repeatedContinuationToken(job->page().nextContinuationToken));
            return;
        }
        m_token = job->page().nextContinuationToken;
        m_listingDone = !job->page().isTruncated;
        deleteQueued();
    });
    job->start();
}

void DeletePrefixJob::deleteQueued()
{
    if (m_deleteJob || m_queued.isEmpty()) {
        maybeFinish();
        return;
    }
    auto *job = new DeleteObjectsJob(m_client, m_bucket, m_queued, this);
    m_queued.clear();
    m_deleteJob = job;
    connect(job, &Job::finished, this, [this, job] {
        m_deleteJob = nullptr;
        m_deleted += job->deletedCount();
        m_failures += job->failures();
        Q_EMIT progressChanged(m_deleted);
        if (job->hasError() && job->failures().isEmpty()) {
            doCancel();
            emitResult(job->error());
            return;
        }
        deleteQueued();
    });
    job->start();
    // Deleting a page does not change later pages' continuation, so list on while this batch runs.
    if (!m_listingDone && !m_listJob)
        listNext();
}

void DeletePrefixJob::maybeFinish()
{
    if (isFinished() || m_listJob || m_deleteJob || !m_queued.isEmpty())
        return;
    if (!m_listingDone) {
        listNext();
        return;
    }
    if (m_failures.isEmpty())
        emitResult();
    else
        emitResult(summarise(m_failures, m_deleted + m_failures.size()));
}

// --- move -------------------------------------------------------------------------------------------------

MoveObjectJob::MoveObjectJob(S3Client *client, QString sourceBucket, QString sourceKey, QString bucket, QString key, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_sourceBucket(std::move(sourceBucket))
    , m_sourceKey(std::move(sourceKey))
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
{
}

void MoveObjectJob::doStart()
{
    if (m_sourceBucket == m_bucket && m_sourceKey == m_key) {
        emitResult(S3Error::invalid(QStringLiteral("source and destination are the same object")));
        return;
    }
    auto *copy = new ServerCopyJob(m_client, m_sourceBucket, m_sourceKey, m_bucket, m_key, this);
    copy->setSourceSseCustomerKey(m_sourceSseCustomerKey);
    copy->setSseCustomerKey(m_destinationSseCustomerKey);
    m_current = copy;
    connect(copy, &Job::finished, this, [this, copy] {
        if (copy->hasError()) {
            emitResult(copy->error());
            return;
        }
        auto *remove = new DeleteObjectJob(m_client, m_sourceBucket, m_sourceKey, this);
        m_current = remove;
        connect(remove, &Job::finished, this, [this, remove] {
            if (remove->hasError()) {
                S3Error error = remove->error();
                error.setMessage(QStringLiteral("copied to %1/%2, but deleting the source failed: %3")
                                     .arg(m_bucket, m_key, remove->error().toString()));
                emitResult(error);
                return;
            }
            emitResult();
        });
        remove->start();
    });
    copy->start();
}

void MoveObjectJob::doCancel()
{
    cancelQuietly(m_current, this);
}

} // namespace s3
