// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QList>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include "s3core/job.h"
#include "s3core/types.h"

namespace s3 {

class ListObjectsPageJob;
class S3Client;

/**
 * Runs one job per object on many objects ("Make public", "Change storage class", `acl --set X --recursive`): the
 * given keys, and every key under the given prefixes (listed page by page without a delimiter; a page is listed
 * only when the keys before it are nearly done, so memory stays bounded on any prefix). Up to maxInFlight jobs run
 * at once. A failure on one key does not stop the others: failures() names them, and the job then ends with an
 * error that counts them and names the first. An empty prefix (a whole bucket) is refused unless allowed.
 */
class S3CORE_EXPORT ForEachObjectJob final : public Job
{
    Q_OBJECT
public:
    /** Makes the job for one key (started by ForEachObjectJob, a child of `parent`). */
    using JobFactory = std::function<Job *(const QString &key, QObject *parent)>;
    static constexpr int DefaultMaxInFlight = 8;

    /** `failureVerb` completes "3 of 250 objects <verb>; first: ..." (e.g. "kept their permissions"). */
    ForEachObjectJob(S3Client *client, QString bucket, QStringList keys, QStringList prefixes, JobFactory factory,
                     QString failureVerb, QObject *parent = nullptr);
    /** The canned ACL for many objects; an unknown name fails at start, before any request. */
    static ForEachObjectJob *setCannedAcl(S3Client *client, const QString &bucket, const QStringList &keys,
                                          const QStringList &prefixes, const QString &cannedAcl, QObject *parent = nullptr);
    /**
     * A copy of each object onto itself in `storageClass`, keeping everything else (metadata, tags, encryption,
     * ACL); objects already in that class are left alone. Four copies at a time (each may copy in parts).
     */
    static ForEachObjectJob *changeStorageClass(S3Client *client, const QString &bucket, const QStringList &keys,
                                                const QStringList &prefixes, const QString &storageClass, QObject *parent = nullptr);
    void setMaxInFlight(int jobs) { m_maxInFlight = qMax(1, jobs); }
    void setAllowWholeBucket(bool allow) { m_allowWholeBucket = allow; }
    /** Keys per listing page of a prefix (1..1000). */
    void setListPageSize(int keys) { m_pageSize = keys; }
    qint64 doneCount() const { return m_done; }
    /** Of doneCount(), the objects that needed no change (a storage class they already had). */
    qint64 unchangedCount() const { return m_unchanged; }
    const QList<DeleteObjectError> &failures() const { return m_failures; }

Q_SIGNALS:
    void progressChanged(qint64 done);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void pump();
    void listNextPage();
    void maybeFinish();

    S3Client *m_client;
    QString m_bucket;
    QStringList m_queued;
    QStringList m_prefixes;
    JobFactory m_factory;
    QString m_failureVerb;
    S3Error m_refusal; // set: fail at start with it
    int m_maxInFlight = DefaultMaxInFlight;
    bool m_allowWholeBucket = false;
    int m_pageSize = 1000;
    QString m_token;
    QSet<QString> m_seenTokens;
    bool m_listingPrefix = false; // m_prefixes.first() is being listed (m_token continues it)
    QPointer<ListObjectsPageJob> m_listJob;
    QList<QPointer<Job>> m_running;
    qint64 m_done = 0;
    qint64 m_unchanged = 0;
    QList<DeleteObjectError> m_failures;
};

} // namespace s3
