// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include "s3core/s3error.h"

namespace s3 {

using TransferId = quint64;

/** Copy: a server-side copy (or move) from one object to another; localPath is empty, the source is named apart. */
enum class TransferDirection { Upload, Download, Copy };

/** The user-visible state of a transfer. Subclasses keep their own finer phases. */
enum class TransferState {
    Queued,     ///< waiting for a slot
    Running,    ///< moving bytes (or preparing: hashing, listing parts)
    Paused,     ///< stopped by the user (or restored after a restart); keeps what was done
    Completing, ///< all bytes moved; completing the upload / verifying and renaming the download
    Succeeded,
    Failed,     ///< lastError says why; retry() starts again from what is kept
    Cancelled,  ///< stopped for good; nothing left behind (no multipart upload, no partial file)
};

S3CORE_EXPORT QString transferStateName(TransferState state);
/** "upload", "download", "copy": the queue file's names. */
S3CORE_EXPORT QString transferDirectionName(TransferDirection direction);
inline bool isFinalState(TransferState state)
{
    return state == TransferState::Succeeded || state == TransferState::Failed || state == TransferState::Cancelled;
}

/**
 * The files of a folder job (TransferQueue::enqueueFolderDownloadGroup() / enqueueFolderUploadGroup()) by state:
 * queued counts the compact pending records and the queued files; done, failed and cancelled are final.
 */
struct TransferGroupCounts
{
    int files = 0; ///< every file the job has (listed so far)
    int queued = 0;
    int running = 0; ///< running or completing
    int paused = 0;
    int done = 0;
    int failed = 0;
    int cancelled = 0;
    friend bool operator==(const TransferGroupCounts &, const TransferGroupCounts &) = default;
};

/** An immutable picture of one transfer, for views on other threads. */
struct TransferSnapshot
{
    TransferId id = 0;
    TransferDirection direction = TransferDirection::Upload;
    QString bucket;
    QString key;
    QString localPath;
    QString sourceBucket; ///< copies only
    QString sourceKey;    ///< copies only
    bool move = false;    ///< a copy that deletes its source when done
    TransferState state = TransferState::Queued;
    qint64 bytesTotal = -1; ///< -1 until known (download before HEAD)
    qint64 bytesDone = 0;   ///< monotonic
    double bytesPerSecond = 0;
    qint64 etaSeconds = -1; ///< -1 unknown
    int priority = 0;       ///< higher first
    int attempts = 0;
    S3Error lastError;
    /** What the run did that the user should know, e.g. "resuming at 12.3 MiB" (empty: nothing to say). */
    QString note;
    QDateTime added;
    QDateTime finished;
    /** The folder job this file belongs to (0: none): the view may show it under the job's row. */
    TransferId groupId = 0;
    /**
     * A folder job rather than one file: key is the prefix, localPath the local folder, bytes and rate add up its
     * files, state is groupState() of `files`, note its name ("photos/ → ~/Downloads/photos").
     */
    bool isGroup = false;
    TransferGroupCounts files;
};

} // namespace s3

Q_DECLARE_METATYPE(s3::TransferSnapshot)
Q_DECLARE_METATYPE(QList<s3::TransferSnapshot>)
