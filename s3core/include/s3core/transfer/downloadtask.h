// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <vector>

#include <QPointer>

#include "s3core/result.h"
#include "s3core/transfer/localfs.h"
#include "s3core/transfer/transfertask.h"

namespace s3 {

class S3Job;

struct DownloadOptions
{
    qint64 partSize = 64ll * 1024 * 1024; ///< range size; 64 MiB measured best on loopback Ceph
    int maxRangesInFlight = 6;            ///< per task (the queue's budget applies too); 7+ made Ceph RGW slower
    bool verifyMd5 = true;                ///< check single-part ETags (plain MD5) against the bytes written
    bool fsync = true;                    ///< flush to disk once before the final rename
    /**
     * The folder the user chose (a folder download's target). No symbolic link below it is ever followed: the
     * download of a key whose path meets one fails with a clear error. Empty: the destination's own folder.
     */
    QString folder;
};

/**
 * Parallel ranged download of one object into a local file.
 *
 * HEAD discovers size and ETag; then ranged GETs run in parallel, each pinned with If-Match to that ETag
 * (a change mid-download fails with Kind::ObjectModified and leaves nothing behind). Bytes are written at
 * their offsets into a partial file next to <dest> (preallocated, so a full disk fails early), checked (size;
 * MD5 for single-part ETags, hashed incrementally through the open descriptor while the download runs, off the
 * engine thread), fsync'ed once and renamed over <dest> atomically: an existing <dest> is never truncated
 * before the new content is complete, and keeps its permission bits. Finished ranges are recorded in a state
 * file; pause/retry/restart continue from them.
 *
 * Partial and state files are named ".s3desk\<token>.part" and ".s3desk\<token>.state", token = 16 random
 * hex digits kept in toJson(). No key can produce such a name (localPathForKey refuses '\\' in keys), so
 * the partial file of one key never is another key's file, and the fixed 30-byte names fit next to a final
 * name of 255 bytes. They are created with O_EXCL | O_NOFOLLOW (a planted file or link is never reused) and
 * every file operation goes through the descriptor of the destination's folder, which was reached without
 * following links below DownloadOptions::folder.
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

    /** Our partial, state or probe file names (".s3desk\\" + 16 hex + ".part|.state|.probe"): folder uploads skip them. */
    static bool isOwnFileName(const QString &fileName);
    /** The partial file's path ("" until the download opened it); the state file's. */
    QString partialPath() const;
    QString statePath() const;
    /** The token in the partial and state file names ("" until the first open). */
    QString partialToken() const { return m_token; }

    /** Fails the transfer before it starts (the queue refuses a second download to one destination). */
    void refuse(const S3Error &error);

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
    Result<Ok> openDirectory(bool create);
    Result<Ok> openPartialFile();
    Result<Ok> keepExistingMode();
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
    QString m_token;           // names the partial and state files; persisted
    localfs::Directory m_dir;  // the destination's folder, reached without following links
    QString m_fileName;        // the final name inside m_dir
    int m_fd = -1;
    // incremental MD5 of the contiguous finished prefix
    struct HashState;
    std::shared_ptr<HashState> m_hash;
    bool m_hashing = false;
    qint64 m_hashedUpTo = 0;
};

} // namespace s3
