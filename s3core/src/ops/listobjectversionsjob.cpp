// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/listobjectversionsjob.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

QString markerPair(const QString &key, const QString &versionId)
{
    return key + QChar(0) + versionId;
}

} // namespace

ListObjectVersionsJob::ListObjectVersionsJob(S3Client *client, ListObjectVersionsRequest request, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_request(std::move(request))
{
}

void ListObjectVersionsJob::doStart()
{
    requestPage();
}

void ListObjectVersionsJob::doCancel()
{
    cancelQuietly(m_pageJob, this);
}

void ListObjectVersionsJob::requestPage()
{
    auto *job = new ListObjectVersionsPageJob(m_client, m_request, this);
    m_pageJob = job;
    connect(job, &Job::finished, this, [this, job] {
        m_pageJob = nullptr;
        if (job->hasError()) {
            emitResult(job->error());
            return;
        }
        const ListObjectVersionsPage &page = job->page();
        ++m_pages;
        m_items += page.versions.size() + page.commonPrefixes.size();
        // Where the next page starts, before the page goes out (a slot may read nextRequest()).
        m_seenMarkers.insert(markerPair(m_request.keyMarker, m_request.versionIdMarker));
        m_complete = !page.isTruncated;
        m_request.keyMarker = page.isTruncated ? page.nextKeyMarker : QString();
        m_request.versionIdMarker = page.isTruncated ? page.nextVersionIdMarker : QString();
        Q_EMIT pageReceived(page);
        if (isFinished()) // cancelled from a slot
            return;
        if (m_complete || (m_maxItems > 0 && m_items >= m_maxItems)) {
            emitResult();
            return;
        }
        // Markers seen before would page forever, handing the same versions out again.
        if (m_seenMarkers.contains(markerPair(m_request.keyMarker, m_request.versionIdMarker))) {
            emitResult(S3Error::invalid(u"the server sent the markers \"%1\" / \"%2\" a second time; the listing of "
                                        "versions was stopped so it cannot loop forever"_s
                                            .arg(m_request.keyMarker.left(200), m_request.versionIdMarker.left(80))));
            return;
        }
        requestPage();
    });
    job->start();
}

} // namespace s3
