// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/foreachobjectjob.h"

#include "s3core/acl.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/putobjectacljob.h"
#include "s3core/ops/servercopyjob.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

ForEachObjectJob::ForEachObjectJob(S3Client *client, QString bucket, QStringList keys, QStringList prefixes, JobFactory factory,
                                   QString failureVerb, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
    , m_queued(std::move(keys))
    , m_prefixes(std::move(prefixes))
    , m_factory(std::move(factory))
    , m_failureVerb(std::move(failureVerb))
{
}

ForEachObjectJob *ForEachObjectJob::setCannedAcl(S3Client *client, const QString &bucket, const QStringList &keys,
                                                 const QStringList &prefixes, const QString &cannedAcl, QObject *parent)
{
    auto *job = new ForEachObjectJob(
        client, bucket, keys, prefixes,
        [client, bucket, cannedAcl](const QString &key, QObject *jobParent) -> Job * {
            return new PutObjectAclJob(client, bucket, key, cannedAcl, jobParent);
        },
        u"kept their permissions"_s, parent);
    if (!acl::isCannedAcl(cannedAcl))
        job->m_refusal = S3Error::invalid(u"\"%1\" is not a canned ACL (one of: %2)"_s.arg(cannedAcl, acl::cannedAcls().join(u", "_s)));
    return job;
}

ForEachObjectJob *ForEachObjectJob::changeStorageClass(S3Client *client, const QString &bucket, const QStringList &keys,
                                                       const QStringList &prefixes, const QString &storageClass, QObject *parent)
{
    auto *job = new ForEachObjectJob(
        client, bucket, keys, prefixes,
        [client, bucket, storageClass](const QString &key, QObject *jobParent) -> Job * {
            auto *copy = new ServerCopyJob(client, bucket, key, bucket, key, jobParent);
            copy->setStorageClass(storageClass);
            copy->setKeepAcl(true);
            return copy;
        },
        u"kept their storage class"_s, parent);
    job->setMaxInFlight(4);
    if (storageClass.isEmpty())
        job->m_refusal = S3Error::invalid(u"no storage class given"_s);
    return job;
}

void ForEachObjectJob::doStart()
{
    if (m_refusal.isError()) {
        emitResult(m_refusal);
        return;
    }
    if (!m_allowWholeBucket && m_prefixes.contains(QString())) {
        emitResult(S3Error::invalid(u"refusing to change every object of bucket %1 (empty prefix)"_s.arg(m_bucket)));
        return;
    }
    pump();
}

void ForEachObjectJob::doCancel()
{
    cancelQuietly(m_listJob, this);
    for (QPointer<Job> &job : m_running)
        cancelQuietly(job, this);
    m_running.clear();
}

void ForEachObjectJob::pump()
{
    while (m_running.size() < m_maxInFlight && !m_queued.isEmpty()) {
        const QString key = m_queued.takeFirst();
        Job *job = m_factory(key, this);
        if (!job) {
            m_failures.append({key, QString(), u"Internal"_s, u"no job for this object"_s});
            continue;
        }
        m_running.append(job);
        connect(job, &Job::finished, this, [this, job, key] {
            m_running.removeAll(job);
            if (job->hasError()) {
                const S3Error &error = job->error();
                m_failures.append({key, QString(), error.code().isEmpty() ? S3Error::kindName(error.kind()) : error.code(), error.message()});
            } else {
                ++m_done;
                if (const auto *copy = qobject_cast<const ServerCopyJob *>(job); copy && copy->wasUnchanged())
                    ++m_unchanged;
            }
            Q_EMIT progressChanged(m_done);
            pump();
        });
        job->start();
    }
    // The next page is listed while the last keys of this one are still being changed.
    if (!m_listJob && !m_prefixes.isEmpty() && m_queued.size() < m_maxInFlight)
        listNextPage();
    maybeFinish();
}

void ForEachObjectJob::listNextPage()
{
    ListObjectsRequest request;
    request.bucket = m_bucket;
    request.prefix = m_prefixes.first();
    request.maxKeys = m_pageSize;
    request.continuationToken = m_listingPrefix ? m_token : QString();
    if (!m_listingPrefix) {
        m_seenTokens.clear();
        m_listingPrefix = true;
    }
    auto *job = new ListObjectsPageJob(m_client, request, this);
    m_listJob = job;
    connect(job, &Job::finished, this, [this, job] {
        m_listJob = nullptr;
        if (job->hasError()) {
            doCancel();
            emitResult(job->error());
            return;
        }
        const ListObjectsPage &page = job->page();
        for (const ObjectInfo &object : page.objects)
            m_queued.append(object.key);
        m_seenTokens.insert(m_token);
        if (page.isTruncated && m_seenTokens.contains(page.nextContinuationToken)) {
            doCancel();
            emitResult(repeatedContinuationToken(page.nextContinuationToken));
            return;
        }
        if (page.isTruncated) {
            m_token = page.nextContinuationToken;
        } else {
            m_prefixes.removeFirst();
            m_listingPrefix = false;
            m_token.clear();
        }
        pump();
    });
    job->start();
}

void ForEachObjectJob::maybeFinish()
{
    if (isFinished() || !m_running.isEmpty() || !m_queued.isEmpty() || m_listJob || !m_prefixes.isEmpty())
        return;
    if (m_failures.isEmpty()) {
        emitResult();
        return;
    }
    const DeleteObjectError &first = m_failures.first();
    emitResult(S3Error::fromS3(0, first.code,
                               u"%1 of %2 objects %3; first: %4 on %5%6"_s.arg(m_failures.size())
                                   .arg(m_done + m_failures.size())
                                   .arg(m_failureVerb, first.code, first.key, first.message.isEmpty() ? QString() : u" (%1)"_s.arg(first.message))));
}

} // namespace s3
