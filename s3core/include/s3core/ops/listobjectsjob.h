// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QSet>

#include "s3core/job.h"
#include "s3core/net/s3job.h"
#include "s3core/types.h"

namespace s3 {

struct ListObjectsRequest
{
    QString bucket;
    QString prefix;
    QString delimiter;  ///< "/" for folder-style listings; empty for everything below the prefix
    QString startAfter;
    int maxKeys = 1000; ///< per page (1..1000)
    QString continuationToken;
};

/**
 * The error for a continuation token the server hands out a second time: paging on would never end (and hand
 * the same keys out again). Every paged listing keeps the tokens it asked for and stops with this.
 */
S3CORE_EXPORT S3Error repeatedContinuationToken(const QString &token);

/** One ListObjectsV2 page (GET /bucket?list-type=2&encoding-type=url...). */
class S3CORE_EXPORT ListObjectsPageJob final : public S3Job
{
    Q_OBJECT
public:
    ListObjectsPageJob(S3Client *client, ListObjectsRequest request, QObject *parent = nullptr);
    const ListObjectsPage &page() const { return m_page; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    ListObjectsRequest m_request;
    ListObjectsPage m_page;
};

/**
 * Every page of a listing, one after the other, following continuation tokens until IsTruncated is false.
 * pageReceived() fires for each page (an empty page with a token does not stop the listing). Cancel stops
 * the page in flight. With setCollect(true) all pages are also kept for objects()/commonPrefixes().
 */
class S3CORE_EXPORT ListObjectsJob final : public Job
{
    Q_OBJECT
public:
    ListObjectsJob(S3Client *client, ListObjectsRequest request, QObject *parent = nullptr);

    void setCollect(bool collect) { m_collect = collect; }
    /** Stop after this many keys+prefixes in total (0: no limit). */
    void setMaxItems(qint64 maxItems) { m_maxItems = maxItems; }

    const QList<ObjectInfo> &objects() const { return m_objects; }
    const QList<QString> &commonPrefixes() const { return m_prefixes; }
    int pageCount() const { return m_pages; }
    qint64 itemCount() const { return m_items; }

Q_SIGNALS:
    void pageReceived(const s3::ListObjectsPage &page);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void requestPage();

    S3Client *m_client;
    ListObjectsRequest m_request;
    QPointer<ListObjectsPageJob> m_pageJob;
    bool m_collect = false;
    qint64 m_maxItems = 0;
    QList<ObjectInfo> m_objects;
    QList<QString> m_prefixes;
    QSet<QString> m_seenTokens; ///< continuation tokens already asked for
    int m_pages = 0;
    qint64 m_items = 0;
};

} // namespace s3
