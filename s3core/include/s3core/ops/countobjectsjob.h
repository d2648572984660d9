// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QStringList>

#include "s3core/job.h"
#include "s3core/types.h"

namespace s3 {

class S3Client;

/** Running totals of a CountObjectsJob. */
struct ObjectCounts
{
    qint64 objects = 0;       ///< current objects (without versions: every object listed)
    qint64 bytes = 0;         ///< bytes of those objects
    qint64 versions = 0;      ///< with countVersions: every stored version (current ones included), else = objects
    qint64 versionBytes = 0;  ///< bytes of all those versions (what the bucket stores), else = bytes
    qint64 deleteMarkers = 0; ///< with countVersions: delete markers

    friend bool operator==(const ObjectCounts &, const ObjectCounts &) = default;
};

/**
 * Walks prefixes (the "folders" of a delete prompt or of Properties; an empty prefix is the whole bucket) page by
 * page without a delimiter and adds up the objects and their bytes: progressChanged() after each page, so a
 * prompt can show "1,234 objects so far". Only the counts are kept, never the keys, so a prefix of any size costs
 * the memory of one page. With countVersions the walk uses ListObjectVersions and also counts every version and
 * delete marker (what deleting a versioned bucket with its contents removes). A repeated continuation token or
 * marker pair ends the walk with an error rather than looping. Cancel stops the page in flight.
 */
class S3CORE_EXPORT CountObjectsJob final : public Job
{
    Q_OBJECT
public:
    CountObjectsJob(S3Client *client, QString bucket, QStringList prefixes, QObject *parent = nullptr);
    void setCountVersions(bool versions) { m_countVersions = versions; }
    /** Keys per listing page (1..1000); tests use small pages to see several progress steps. */
    void setPageSize(int keys) { m_pageSize = keys; }

    const ObjectCounts &counts() const { return m_counts; }
    int pageCount() const { return m_pages; }

Q_SIGNALS:
    void progressChanged(const s3::ObjectCounts &counts);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void walkNext();
    void onObjectsPage(const ListObjectsPage &page);
    void onVersionsPage(const ListObjectVersionsPage &page);

    S3Client *m_client;
    QString m_bucket;
    QStringList m_prefixes; ///< still to walk; the first is being walked
    bool m_countVersions = false;
    int m_pageSize = 1000;
    QPointer<Job> m_listJob;
    ObjectCounts m_counts;
    int m_pages = 0;
};

} // namespace s3

Q_DECLARE_METATYPE(s3::ObjectCounts)
