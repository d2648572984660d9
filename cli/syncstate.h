// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QPointer>
#include <QSet>
#include <QStringList>

#include "s3core/ops/listobjectsjob.h"
#include "s3core/transfer/localtreewalker.h"
#include "s3core/transfer/syncplan.h"

namespace s3cli {

/** One side of a sync that is a prefix: its listing, asked for one page at a time as the merge needs it. */
struct SyncRemoteSide
{
    QString bucket;
    QString prefix; ///< "" or ending in '/'
    QString continuationToken;
    QSet<QString> seenTokens; ///< a server handing a token out twice would page forever
    QPointer<s3::ListObjectsPageJob> page;
    bool ended = false;
};

/**
 * What `s3desk-cli sync` keeps while it runs: the merge, the two sides feeding it, and the copies and deletes
 * it runs itself (uploads and downloads go through the CLI's transfer window). Everything here is bounded by
 * a listing page, a directory listing per level, and the windows below, not by the number of keys.
 */
struct SyncState
{
    static constexpr qsizetype Window = 256;       ///< planned transfers or copies waiting, at most
    static constexpr qsizetype DeleteBatch = 1000; ///< keys per DeleteObjects request (the S3 maximum)

    explicit SyncState(s3::SyncOptions options) : merger(std::move(options)) {}

    s3::SyncMerger merger;
    bool dryRun = false;
    bool json = false;
    QString localRoot; ///< the local folder (either side), cleaned
    std::unique_ptr<s3::LocalTreeWalker> walker;
    SyncRemoteSide source; ///< used when the source is a prefix
    SyncRemoteSide destination; ///< used when the destination is a prefix

    QList<s3::SyncStep> copies; ///< S3-to-S3 copies planned, not started
    int copiesInFlight = 0;
    QStringList deletes; ///< keys (whole) to delete from the destination bucket
    bool deleteInFlight = false;

    QSet<QString> oddTargets; ///< downloads: local paths of keys that map to another text ("a//b" -> a/b)

    bool planned = false;  ///< the merge has ended
    bool failed = false;   ///< something failed: exit status 1 at the end
    bool finishing = false;
    qint64 counts[5] = {0, 0, 0, 0, 0}; ///< per SyncAction, for the dry-run summary
    qint64 bytes[5] = {0, 0, 0, 0, 0};
};

} // namespace s3cli
