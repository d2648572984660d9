// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QSet>
#include <QStringList>

#include "s3core/transfer/syncplanjob.h"

namespace s3cli {

/**
 * What `s3desk-cli sync` keeps while it runs: the plan (s3core's SyncPlanJob, shared with the app: the merge and
 * the two sides feeding it), and the copies and deletes it runs itself (uploads and downloads go through the
 * CLI's transfer window). Everything here is bounded by a listing page, a directory listing per level, and the
 * windows below, not by the number of keys.
 */
struct SyncState
{
    static constexpr qsizetype Window = 256;       ///< planned transfers or copies waiting, at most
    static constexpr qsizetype DeleteBatch = 1000; ///< keys per DeleteObjects request (the S3 maximum)

    s3::SyncDirection direction = s3::SyncDirection::LocalToS3;
    std::unique_ptr<s3::SyncPlanJob> plan; ///< not auto-deleted: drained after its finished()
    bool dryRun = false;
    bool json = false;
    QString localRoot; ///< the local folder (either side), cleaned
    s3::SyncSide source;
    s3::SyncSide destination;

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
