// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <vector>

#include <QPointer>

class QThreadPool;

#include "s3core/result.h"
#include "s3core/ssecustomerkey.h"
#include "s3core/transfer/localfs.h"
#include "s3core/transfer/transfertask.h"

namespace s3 {

class S3Job;

struct DownloadOptions
{
    qint64 partSize = 64ll * 1024 * 1024; ///< range size; 64 MiB measured best on loopback Ceph
    int maxRangesInFlight = 6;            ///< per task (the queue's budget applies too); 7+ made Ceph RGW slower
    bool verifyMd5 = true;                ///< check single-part ETags (plain MD5) against the bytes written
    /**
     * Flush to disk before the final rename, and before each record of the bytes kept for a resume (off: the
     * record survives a killed process, not a crash of the system).
     */
    bool fsync = true;
    /**
     * The folder the user chose (a folder download's target). No symbolic link below it is ever followed: the
     * download of a key whose path meets one fails with a clear error. Empty: the destination's own folder.
     */
    QString folder;
    /**
     * What a listing said of the object (ListObjects gives size and ETag): -1 when unknown. An object of at most
     * one part with a known size is fetched with one GET (If-Match the listed ETag, no HEAD first, no state
     * file); its answer's size, ETag and encryption headers decide what is checked. An object that changed since
     * the listing (412) is looked at again with HEAD and downloaded as it is now.
     */
    qint64 listedSize = -1;
    QString listedEtag;
    /** That version of the object (empty: the current one): the HEAD and every ranged GET name it. */
    QString versionId;
    /**
     * The customer key of an SSE-C object: the HEAD and every ranged GET carry it. Never written to the queue
     * file, so a download resumed after a restart needs it again.
     */
    SseCustomerKey sseCustomerKey;
};

/**
 * Parallel ranged download of one object into a local file.
 *
 * HEAD discovers size and ETag; then ranged GETs run in parallel, each pinned with If-Match to that ETag
 * (a change mid-download fails with Kind::ObjectModified and leaves nothing behind). Bytes are written at
 * their offsets into a partial file next to <dest> (preallocated, so a full disk fails early), checked (size;
 * MD5 for single-part ETags, hashed incrementally through the open descriptor while the download runs, off the
 * engine thread), fsync'ed once and renamed over <dest> atomically: an existing <dest> is never truncated
 * before the new content is complete, and keeps its permission bits. Every CheckpointStep bytes (and at a
 * pause or stop), the bytes written from the start of each range are flushed to disk on a worker thread and
 * then recorded in a state file (written to a temporary name, flushed, renamed): pause, retry, a restart or a
 * killed process continue from what the record says, for objects of any size; a record of another ETag or size
 * (the object changed) starts over from byte 0, and the snapshot's note says so.
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

    /** Bytes between two records of what is kept (see the class comment). */
    static constexpr qint64 CheckpointStep = 4ll * 1024 * 1024;

    /** Our partial, state or probe file names (".s3desk\\" + 16 hex + ".part|.state|.new|.probe"): folder uploads skip them. */
    static bool isOwnFileName(const QString &fileName);
    /** The partial file's path ("" until the download opened it); the state file's. */
    QString partialPath() const;
    QString statePath() const;
    /** The token in the partial and state file names ("" until the first open). */
    QString partialToken() const { return m_token; }

    /**
     * Where the flushes to disk run (fsync waits for the disk, it uses no CPU): a pool with room for many at once,
     * so that the file system joins the flushes of many small downloads into few journal commits. Not owned; it
     * must outlive the task's flushes (a pool's destructor waits for them). Null: Qt's global pool.
     */
    void setDiskPool(QThreadPool *pool) { m_diskPool = pool; }

    /** One request (a known object of at most one part): the queue may run more of these at once than large ones. */
    bool isSingleRequest() const;

    /** Fails the transfer before it starts (the queue refuses a second download to one destination). */
    void refuse(const S3Error &error);
    /** The SSE-C key of the next run (the app asks for it after a failure): kept in memory, never in toJson(). */
    void setSseCustomerKey(const SseCustomerKey &key) { m_options.sseCustomerKey = key; }

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
        qint64 kept = 0;     // bytes from the range's start that are written (this run or an earlier one)
        qint64 runStart = 0; // kept when the range's current GET started (it asks for the rest)
        QPointer<S3Job> job;
    };
    struct StateWriter;
    /** What a GET's answer said of the object. */
    struct Answer
    {
        QString etag;
        QString serverSideEncryption;
        QString sseCustomerAlgorithm;
    };

    void startDiscover(S3Client *client);
    void startListed();
    void explainHeadError(S3Client *client, const S3Error &headError);
    void handleDiscovered(qint64 size, const QString &etag, bool md5Comparable);
    Result<Ok> openDirectory(bool create);
    Result<Ok> openPartialFile();
    Result<Ok> keepExistingMode();
    void startRange(S3Client *client, int index);
    void handleRangeFinished(int index, S3Client *client);
    bool acceptListedAnswer(const Answer &answer);
    void maybeHashMore();
    void maybeFinish();
    void finishFile();
    void placeFile();
    qint64 keptBytes() const;
    void requestCheckpoint();
    void startCheckpoint();
    void dropCheckpoints();
    void loadState();
    void closeFile();
    void removePartialFiles();

    DownloadOptions m_options;
    QThreadPool *m_diskPool = nullptr;
    Phase m_phase = Phase::Discover;
    QPointer<S3Job> m_discoverJob;
    qint64 m_size = -1;
    QString m_etag;
    bool m_md5Comparable = false;
    bool m_listed = false; // size and ETag from the listing, one GET without a HEAD first
    QString m_storageClass; // from the HEAD: named when a GET is refused because the object is archived
    quint64 m_flushRun = 0; // a flush on a worker thread belongs to this run only
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
    // records of the bytes kept: one worker at a time; a new writer when the files are removed or renamed
    std::shared_ptr<StateWriter> m_writer;
    bool m_checkpointRunning = false;
    bool m_checkpointPending = false;
    qint64 m_recordingBytes = 0; // the bytes the latest record started will say
    qint64 m_recordedBytes = 0;  // the bytes the state file on disk says
};

} // namespace s3
