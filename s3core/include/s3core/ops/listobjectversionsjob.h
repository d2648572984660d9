// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QSet>

#include "s3core/job.h"
#include "s3core/ops/listobjectversionspagejob.h"

namespace s3 {

/**
 * Pages of ListObjectVersions one after the other, following NextKeyMarker / NextVersionIdMarker until
 * IsTruncated is false, or until setMaxItems() entries arrived. pageReceived() fires for each page as it
 * arrives (nothing is kept here: a prefix with a million versions costs the memory of one page). A pair of
 * markers the server hands out a second time stops the listing with an error instead of looping. Cancel stops
 * the page in flight.
 */
class S3CORE_EXPORT ListObjectVersionsJob final : public Job
{
    Q_OBJECT
public:
    ListObjectVersionsJob(S3Client *client, ListObjectVersionsRequest request, QObject *parent = nullptr);

    /** Stop after this many versions, delete markers and prefixes in total (0: no limit). */
    void setMaxItems(qint64 maxItems) { m_maxItems = maxItems; }

    int pageCount() const { return m_pages; }
    qint64 itemCount() const { return m_items; }
    /** After a stop at setMaxItems(): where a later listing continues (empty when the listing is complete). */
    const ListObjectVersionsRequest &nextRequest() const { return m_request; }
    bool isComplete() const { return m_complete; }

Q_SIGNALS:
    void pageReceived(const s3::ListObjectVersionsPage &page);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void requestPage();

    S3Client *m_client;
    ListObjectVersionsRequest m_request;
    QPointer<ListObjectVersionsPageJob> m_pageJob;
    qint64 m_maxItems = 0;
    QSet<QString> m_seenMarkers; ///< key + version markers already asked for
    int m_pages = 0;
    qint64 m_items = 0;
    bool m_complete = false;
};

} // namespace s3
