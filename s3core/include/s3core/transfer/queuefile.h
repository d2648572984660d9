// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "s3core/s3core_export.h"

namespace s3 {

/**
 * A transfer queue file read back and checked, entry by entry (TransferQueue::restore()).
 *
 * Every field a transfer is restored from is checked for type and range: id (decimal, non-zero, unique),
 * direction, bucket, key, local path (absolute), priority, part size (uploads 5 MiB ... 5 GiB, downloads
 * 64 KiB ... 5 GiB), file size (-1 ... 5 TiB), dates, upload id, content type and metadata (no control
 * characters: they become HTTP headers). Fields this version does not know are ignored.
 * An entry that fails a check is left out and named in `problems`; the valid ones are kept. A file that is
 * not a queue file at all (not JSON, not an object, a newer version) keeps nothing.
 */
struct S3CORE_EXPORT QueueFileContents
{
    QList<QJsonObject> transfers;        ///< valid transfer entries, in file order
    QList<QJsonObject> abandonedUploads; ///< valid {bucket, key, uploadId} entries
    /** One sentence per problem (the whole file, or one entry and what is wrong with it). Empty: all fine. */
    QStringList problems;
};

/** Parses and checks the bytes of a queue file. Pure: no file access. */
S3CORE_EXPORT QueueFileContents parseQueueFile(const QByteArray &data);

/** Empty when `entry` is a valid transfer entry, else what is wrong with it ("partSize 0 is out of range ..."). */
S3CORE_EXPORT QString transferEntryProblem(const QJsonObject &entry);

/** `<path>.damaged-<UTC time, e.g. 20261203T183501Z>`, with `-2`, `-3`... when taken: where a bad file is moved. */
S3CORE_EXPORT QString damagedQueueFileName(const QString &path, const QDateTime &utc);

} // namespace s3
