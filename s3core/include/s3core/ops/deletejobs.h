// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QSet>
#include <QStringList>

#include "s3core/job.h"
#include "s3core/net/s3job.h"
#include "s3core/ssecustomerkey.h"
#include "s3core/types.h"

namespace s3 {

/** One DeleteObjects request (POST /bucket?delete) for at most 1000 keys. */
class S3CORE_EXPORT DeleteObjectsBatchJob final : public S3Job
{
    Q_OBJECT
public:
    static constexpr int MaxKeys = 1000;
    DeleteObjectsBatchJob(S3Client *client, QString bucket, QStringList keys, QObject *parent = nullptr);
    /** Deletes these versions (one id per key; "null" names the version written while versioning was off). */
    void setVersionIds(QStringList versionIds) { m_versionIds = std::move(versionIds); }
    const DeleteObjectsResult &result() const { return m_result; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_bucket;
    QStringList m_keys;
    QStringList m_versionIds;
    DeleteObjectsResult m_result;
};

/**
 * Deletes any number of keys: batches of 1000 (one after the other), keys that XML cannot carry one by one.
 * Per-key failures do not stop the job: they are collected in failures(), and the job then finishes with
 * an error summarising them ("3 of 2500 keys could not be deleted; first: AccessDenied on a/b").
 */
class S3CORE_EXPORT DeleteObjectsJob final : public Job
{
    Q_OBJECT
public:
    DeleteObjectsJob(S3Client *client, QString bucket, QStringList keys, QObject *parent = nullptr);
    qint64 deletedCount() const { return m_deleted; }
    const QList<DeleteObjectError> &failures() const { return m_failures; }

Q_SIGNALS:
    void progressChanged(qint64 done, qint64 total);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void next();
    void finishAll();

    S3Client *m_client;
    QString m_bucket;
    QStringList m_keys;
    qsizetype m_position = 0;
    qint64 m_deleted = 0;
    QList<DeleteObjectError> m_failures;
    QPointer<S3Job> m_current;
};

/**
 * Deletes every key under a prefix (recursive "folder" delete): lists pages without a delimiter and deletes
 * each page in one batch while the next page is listed. An empty prefix is refused (it would empty the
 * bucket); use allowWholeBucket to mean it.
 */
class S3CORE_EXPORT DeletePrefixJob final : public Job
{
    Q_OBJECT
public:
    DeletePrefixJob(S3Client *client, QString bucket, QString prefix, QObject *parent = nullptr);
    void setAllowWholeBucket(bool allow) { m_allowWholeBucket = allow; }
    qint64 deletedCount() const { return m_deleted; }
    const QList<DeleteObjectError> &failures() const { return m_failures; }

Q_SIGNALS:
    void progressChanged(qint64 deleted);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void listNext();
    void deleteQueued();
    void maybeFinish();

    S3Client *m_client;
    QString m_bucket;
    QString m_prefix;
    bool m_allowWholeBucket = false;
    QString m_token;
    QSet<QString> m_seenTokens; ///< continuation tokens already asked for
    bool m_listingDone = false;
    QStringList m_queued;
    QPointer<Job> m_listJob;
    QPointer<Job> m_deleteJob;
    qint64 m_deleted = 0;
    QList<DeleteObjectError> m_failures;
};

/**
 * Rename/move: server-side copy of any size (ServerCopyJob: keeps metadata, content type, tags, encryption and
 * storage class; objects above 5 GiB are copied in parts), then delete of the source. Not atomic (S3 has no
 * rename): if the delete fails the copy stays, and the error says so.
 */
class S3CORE_EXPORT MoveObjectJob final : public Job
{
    Q_OBJECT
public:
    MoveObjectJob(S3Client *client, QString sourceBucket, QString sourceKey, QString bucket, QString key, QObject *parent = nullptr);
    /** An SSE-C source: its key, and the key of the moved object (null: the same key, so it stays encrypted alike). */
    void setSseCustomerKeys(const SseCustomerKey &source, const SseCustomerKey &destination = {})
    {
        m_sourceSseCustomerKey = source;
        m_destinationSseCustomerKey = destination;
    }

protected:
    void doStart() override;
    void doCancel() override;

private:
    S3Client *m_client;
    QString m_sourceBucket;
    QString m_sourceKey;
    QString m_bucket;
    QString m_key;
    SseCustomerKey m_sourceSseCustomerKey;
    SseCustomerKey m_destinationSseCustomerKey;
    QPointer<Job> m_current;
};

} // namespace s3
