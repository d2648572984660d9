// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <vector>

#include <QPointer>

#include "s3core/result.h"
#include "s3core/transfer/transfertask.h"

namespace s3 {

class S3Job;

struct DownloadOptions
{
    qint64 partSize = 64ll * 1024 * 1024; ///< range size; 64 MiB measured best on loopback Ceph
    int maxRangesInFlight = 6;            ///< per task (the queue's budget applies too); 7+ made Ceph RGW slower
    bool verifyMd5 = true;                ///< check single-part ETags (plain MD5) against the bytes written
    bool fsync = true;                    ///< flush to disk once before the final rename
};

/**
 * Parallel ranged download of one object into a local file.
 *
 * HEAD discovers size and ETag; then ranged GETs run in parallel, each pinned with If-Match to that ETag
 * (a change mid-download fails with Kind::ObjectModified and leaves nothing behind). Bytes are written at
 * their offsets into "<dest>.s3desk-part" (preallocated, so a full disk fails early), checked (size; MD5 for
 * single-part ETags, hashed incrementally while the download runs, off the engine thread), fsync'ed once and
 * renamed over <dest> atomically: an existing <dest> is never truncated before the new content is complete.
 * Finished ranges are recorded in "<dest>.s3desk-part.state"; pause/retry/restart continue from them.
 */
class S3CORE_EXPORT DownloadTask final : public TransferTask
{
    Q_OBJECT
public:
    DownloadTask(TransferId id, QString bucket, QString key, QString destination, DownloadOptions options = {},
                 QObject *parent = nullptr);
    ~DownloadTask() override;

    static std::unique_ptr<DownloadTask> fromJson(const QJsonObject &json, DownloadOptions options);
    QJsonObject toJson() const override;

    static QString partialPath(const QString &destination);
    static QString statePath(const QString &destination);

    bool wantsRequest() const override;
    void startRequest(S3Client *client) override;

protected:
    void stopRequests() override;
    void cleanupCancelled() override;
    void prepareResume() override;

private:
    enum class Phase { Discover, Ranges, Finishing, Done };
    struct Range
    {
        qint64 offset = 0;
        qint64 length = 0;
        bool done = false;
        QPointer<S3Job> job;
    };

    void startDiscover(S3Client *client);
    void explainHeadError(S3Client *client, const S3Error &headError);
    void handleDiscovered(qint64 size, const QString &etag, bool md5Comparable);
    Result<Ok> openPartialFile();
    void startRange(S3Client *client, int index);
    void handleRangeFinished(int index, S3Client *client);
    void maybeHashMore();
    void maybeFinish();
    void finishFile();
    void saveState() const;
    void loadState();
    void closeFile();
    void removePartialFiles();

    DownloadOptions m_options;
    Phase m_phase = Phase::Discover;
    QPointer<S3Job> m_discoverJob;
    qint64 m_size = -1;
    QString m_etag;
    bool m_md5Comparable = false;
    std::vector<Range> m_ranges;
    int m_fd = -1;
    // incremental MD5 of the contiguous finished prefix
    struct HashState;
    std::shared_ptr<HashState> m_hash;
    bool m_hashing = false;
    qint64 m_hashedUpTo = 0;
};

} // namespace s3
