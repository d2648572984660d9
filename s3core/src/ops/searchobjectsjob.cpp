// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/searchobjectsjob.h"

#include "s3core/ops/listobjectsjob.h"

namespace s3 {

SearchObjectsJob::SearchObjectsJob(S3Client *client, QString bucket, QString prefix, SearchCriteria criteria, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
    , m_prefix(std::move(prefix))
    , m_matcher(criteria, m_prefix)
{
}

void SearchObjectsJob::doStart()
{
    if (Result<Ok> valid = m_matcher.criteria().validate(); !valid) {
        emitResult(valid.error());
        return;
    }
    ListObjectsRequest request;
    request.bucket = m_bucket;
    request.prefix = m_prefix; // no delimiter: every key below, at any depth
    request.maxKeys = m_pageSize;
    auto *job = new ListObjectsJob(m_client, request, this); // not collecting: one page in memory at a time
    m_listJob = job;
    connect(job, &ListObjectsJob::pageReceived, this, &SearchObjectsJob::handlePage);
    connect(job, &Job::finished, this, [this, job] {
        m_listJob = nullptr;
        emitResult(job->error()); // none when the listing ended (also when handlePage() stopped it at the limit)
    });
    job->start();
}

void SearchObjectsJob::doCancel()
{
    cancelQuietly(m_listJob, this);
}

void SearchObjectsJob::handlePage(const ListObjectsPage &page)
{
    ++m_pages;
    m_scanned += page.objects.size();
    QList<ObjectInfo> found;
    for (const ObjectInfo &object : page.objects) {
        if (m_maxMatches > 0 && m_found + found.size() >= m_maxMatches) {
            m_reachedMax = true;
            break;
        }
        if (m_matcher.matches(object))
            found.append(object);
    }
    m_found += found.size();
    if (!found.isEmpty())
        Q_EMIT matchesFound(found);
    if (isFinished()) // cancelled from a slot
        return;
    Q_EMIT progressChanged(m_scanned, m_found);
    if (isFinished())
        return;
    if (m_maxMatches > 0 && m_found >= m_maxMatches && page.isTruncated) {
        m_reachedMax = true;
        cancelQuietly(m_listJob, this);
        emitResult();
    }
}

} // namespace s3
