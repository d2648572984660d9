// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include "s3core/transfer/syncplan.h"

namespace s3ui {

/**
 * The counts of a sync preview, step by step as the plan streams in, for its summary line: what will be done
 * (count and bytes per action), what stays unchanged, and how the files on both sides were compared.
 */
struct SyncTally
{
    qint64 uploads = 0;
    qint64 uploadBytes = 0;
    qint64 downloads = 0;
    qint64 downloadBytes = 0;
    qint64 deletes = 0;
    qint64 deleteBytes = 0;
    qint64 unchanged = 0; ///< on both sides and equal (same size and time, same MD5)
    qint64 excluded = 0;
    qint64 kept = 0;      ///< only at the destination, not deleted (delete off)
    qint64 bySize = 0;    ///< decided by the size alone (sizes differ)
    qint64 bySizeAndTime = 0;
    qint64 byMd5 = 0;     ///< the ETag is the file's MD5 (equal)
    qint64 byMd5ThenTime = 0; ///< MD5 compared, not equal (no proof: encrypted objects), then time decided

    void add(const s3::SyncStep &step);
    qint64 actions() const { return uploads + downloads + deletes; }
};

namespace synctext {

/** "Upload", "Download", "Delete", "Skip". */
QString actionName(s3::SyncAction action);
/** Why, for the preview's Reason column: "new", "size differs", "newer", "same size and time", "same MD5", … */
QString reason(const s3::SyncStep &step);
/**
 * The summary line: "12 to upload (3.40 MiB), 2 to delete (10 B), 1,204 unchanged; compared 1,100 by size and
 * time, 104 by MD5"; "Nothing to do, 5 unchanged" when nothing is to be done.
 */
QString summary(const SyncTally &tally);

} // namespace synctext
} // namespace s3ui
