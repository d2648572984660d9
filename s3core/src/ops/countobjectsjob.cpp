// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/countobjectsjob.h"

#include <algorithm>

#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/listobjectversionsjob.h"

namespace s3 {

CountObjectsJob::CountObjectsJob(S3Client *client, QString bucket, QStringList prefixes, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
    , m_prefixes(std::move(prefixes))
{
}

void CountObjectsJob::doStart()
{
    // A folder inside another one of the list would be counted twice.
    m_prefixes.removeDuplicates();
    QStringList outer;
    for (const QString &prefix : std::as_const(m_prefixes)) {
        const bool inner = std::any_of(m_prefixes.cbegin(), m_prefixes.cend(), [&prefix](const QString &other) {
            return other != prefix && prefix.startsWith(other);
        });
        if (!inner)
            outer.append(prefix);
    }
    m_prefixes = outer;
    walkNext();
}

void CountObjectsJob::doCancel()
{
    cancelQuietly(m_listJob, this);
}

void CountObjectsJob::walkNext()
{
    if (m_prefixes.isEmpty()) {
        emitResult();
        return;
    }
    const QString prefix = m_prefixes.takeFirst();
    Job *job = nullptr;
    if (m_countVersions) {
        ListObjectVersionsRequest request;
        request.bucket = m_bucket;
        request.prefix = prefix;
        request.maxKeys = m_pageSize;
        auto *versions = new ListObjectVersionsJob(m_client, request, this);
        connect(versions, &ListObjectVersionsJob::pageReceived, this, &CountObjectsJob::onVersionsPage);
        job = versions;
    } else {
        ListObjectsRequest request;
        request.bucket = m_bucket;
        request.prefix = prefix;
        request.maxKeys = m_pageSize;
        auto *objects = new ListObjectsJob(m_client, request, this); // not collecting: only this page is in memory
        connect(objects, &ListObjectsJob::pageReceived, this, &CountObjectsJob::onObjectsPage);
        job = objects;
    }
    m_listJob = job;
    connect(job, &Job::finished, this, [this, job] {
        m_listJob = nullptr;
        if (job->hasError()) {
            emitResult(job->error());
            return;
        }
        walkNext();
    });
    job->start();
}

void CountObjectsJob::onObjectsPage(const ListObjectsPage &page)
{
    ++m_pages;
    for (const ObjectInfo &object : page.objects) {
        ++m_counts.objects;
        m_counts.bytes += object.size;
    }
    m_counts.versions = m_counts.objects;
    m_counts.versionBytes = m_counts.bytes;
    Q_EMIT progressChanged(m_counts);
}

void CountObjectsJob::onVersionsPage(const ListObjectVersionsPage &page)
{
    ++m_pages;
    for (const ObjectVersion &version : page.versions) {
        if (version.isDeleteMarker) {
            ++m_counts.deleteMarkers;
            continue;
        }
        ++m_counts.versions;
        m_counts.versionBytes += version.size;
        if (version.isLatest) {
            ++m_counts.objects;
            m_counts.bytes += version.size;
        }
    }
    Q_EMIT progressChanged(m_counts);
}

} // namespace s3
