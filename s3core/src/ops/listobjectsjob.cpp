// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/listobjectsjob.h"

#include "s3core/net/s3client.h"
#include "s3core/xml/s3xml.h"

namespace s3 {

S3Error repeatedContinuationToken(const QString &token)
{
    return S3Error::invalid(QStringLiteral("the server sent the continuation token \"%1\" a second time; the listing was "
                                           "stopped so it cannot loop forever")
                                .arg(token.left(80)));
}

ListObjectsPageJob::ListObjectsPageJob(S3Client *client, ListObjectsRequest request, QObject *parent)
    : S3Job(client, parent)
    , m_request(std::move(request))
{
}

Result<S3Request> ListObjectsPageJob::buildRequest()
{
    if (m_request.bucket.isEmpty())
        return S3Error::invalid(QStringLiteral("listing needs a bucket"));
    if (m_request.maxKeys < 1 || m_request.maxKeys > 1000)
        return S3Error::invalid(QStringLiteral("max-keys must be 1 ... 1000, not %1").arg(m_request.maxKeys));
    S3Request request;
    request.bucket = m_request.bucket;
    // encoding-type=url: keys with characters XML 1.0 cannot carry still list correctly.
    request.query = {{QByteArrayLiteral("list-type"), QByteArrayLiteral("2")},
                     {QByteArrayLiteral("encoding-type"), QByteArrayLiteral("url")},
                     {QByteArrayLiteral("max-keys"), QByteArray::number(m_request.maxKeys)}};
    if (!m_request.prefix.isEmpty())
        request.query.append({QByteArrayLiteral("prefix"), m_request.prefix.toUtf8()});
    if (!m_request.delimiter.isEmpty())
        request.query.append({QByteArrayLiteral("delimiter"), m_request.delimiter.toUtf8()});
    if (!m_request.startAfter.isEmpty())
        request.query.append({QByteArrayLiteral("start-after"), m_request.startAfter.toUtf8()});
    if (!m_request.continuationToken.isEmpty())
        request.query.append({QByteArrayLiteral("continuation-token"), m_request.continuationToken.toUtf8()});
    return request;
}

Result<Ok> ListObjectsPageJob::handleSuccess(QNetworkReply *, const QByteArray &body)
{
    Result<ListObjectsPage> page = xml::parseListObjectsV2(body, true);
    if (!page)
        return page.error();
    m_page = std::move(page).value();
    if (m_page.isTruncated && m_page.nextContinuationToken.isEmpty())
        return S3Error::invalid(QStringLiteral("the server said the listing continues but sent no continuation token"));
    return Ok{};
}

ListObjectsJob::ListObjectsJob(S3Client *client, ListObjectsRequest request, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_request(std::move(request))
{
}

void ListObjectsJob::doStart()
{
    requestPage();
}

void ListObjectsJob::doCancel()
{
    cancelQuietly(m_pageJob, this);
}

void ListObjectsJob::requestPage()
{
    auto *job = new ListObjectsPageJob(m_client, m_request, this);
    m_pageJob = job;
    connect(job, &Job::finished, this, [this, job] {
        m_pageJob = nullptr;
        if (job->hasError()) {
            emitResult(job->error());
            return;
        }
        const ListObjectsPage &page = job->page();
        ++m_pages;
        m_items += page.objects.size() + page.commonPrefixes.size();
        if (m_collect) {
            m_objects += page.objects;
            m_prefixes += page.commonPrefixes;
        }
        Q_EMIT pageReceived(page);
        if (isFinished()) // cancelled from a slot
            return;
        if (!page.isTruncated || (m_maxItems > 0 && m_items >= m_maxItems)) {
            emitResult();
            return;
        }
        // A token seen before would page forever, handing the same keys out again (a folder download would
        // queue them again and again).
        m_seenTokens.insert(m_request.continuationToken);
        if (m_seenTokens.contains(page.nextContinuationToken)) {
            emitResult(repeatedContinuationToken(page.nextContinuationToken));
            return;
        }
        m_request.continuationToken = page.nextContinuationToken;
        requestPage();
    });
    job->start();
}

} // namespace s3
