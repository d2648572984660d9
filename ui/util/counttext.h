// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include "s3core/ops/countobjectsjob.h"

namespace s3ui {

/**
 * The count texts of the delete prompts and of folder Properties, as pure functions (tested with data tables).
 * Plurals go through Qt's %n forms, numbers through the locale (%Ln: "12,345" in English), sizes through
 * formatSize().
 */
namespace counttext {

/** "12,345 objects, 4.20 GiB". */
QString objectsAndSize(qint64 objects, qint64 bytes);
/**
 * What deleting the bucket removes: "12 objects, 4.20 GiB" for a bucket that was never versioned; with
 * noncurrent versions or delete markers also "(30 versions and 5 delete markers in all, 6.00 GiB)".
 */
QString bucketContents(const s3::ObjectCounts &counts);
/** The walk in progress: "Counting… 1,234 objects, 5.60 GiB so far". */
QString counting(qint64 objects, qint64 bytes);
/**
 * The question once the walk is done: "Delete 3 folders: 12,345 objects, 4.20 GiB?"; with files and folders,
 * "Delete 2 files and 1 folder: 4 objects, 10 B?"; files only: "Delete 2 files (10 B)?".
 */
QString deleteQuestion(int files, int folders, qint64 objects, qint64 bytes);

} // namespace counttext
} // namespace s3ui
