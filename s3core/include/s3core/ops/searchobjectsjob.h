// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QPointer>

#include "s3core/job.h"
#include "s3core/search/searchcriteria.h"
#include "s3core/types.h"

namespace s3 {

class ListObjectsJob;
class S3Client;

/**
 * Searches every key under a prefix (an empty prefix: the whole bucket): ListObjectsV2 without a delimiter, page
 * by page, each page tested against a SearchMatcher. matchesFound() hands each page's matches over as they come
 * (nothing when a page has none) and progressChanged() follows every page with the keys scanned so far. Only the
 * page in flight is in memory (and the loop guard's continuation tokens, one per 1,000 keys): a listener that
 * keeps the matches decides what that costs. Cancel aborts the request in flight at once; a listener may cancel
 * from its slot, and no further signal follows. Invalid criteria (SearchCriteria::validate()) fail at start,
 * before any request.
 */
class S3CORE_EXPORT SearchObjectsJob final : public Job
{
    Q_OBJECT
public:
    SearchObjectsJob(S3Client *client, QString bucket, QString prefix, SearchCriteria criteria, QObject *parent = nullptr);

    /** Keys per listing page (1..1000); tests use small pages to see several pages. */
    void setPageSize(int keys) { m_pageSize = keys; }
    /** Stop (successfully) once this many matches were found (0: no limit). */
    void setMaxMatches(qint64 matches) { m_maxMatches = matches; }

    QString bucket() const { return m_bucket; }
    QString prefix() const { return m_prefix; }
    qint64 scannedCount() const { return m_scanned; }
    qint64 matchCount() const { return m_found; }
    int pageCount() const { return m_pages; }
    /** True when the search stopped at setMaxMatches() with keys left unscanned. */
    bool reachedMaxMatches() const { return m_reachedMax; }

Q_SIGNALS:
    /** The matches of one page (full keys), in the server's key order. */
    void matchesFound(const QList<s3::ObjectInfo> &objects);
    /** After every page: keys scanned and matches found so far. */
    void progressChanged(qint64 scanned, qint64 found);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void handlePage(const ListObjectsPage &page);

    S3Client *m_client;
    QString m_bucket;
    QString m_prefix;
    SearchMatcher m_matcher;
    int m_pageSize = 1000;
    qint64 m_maxMatches = 0;
    QPointer<ListObjectsJob> m_listJob;
    qint64 m_scanned = 0;
    qint64 m_found = 0;
    int m_pages = 0;
    bool m_reachedMax = false;
};

} // namespace s3
