// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "s3core/s3core_export.h"

namespace s3 {

/** The bytes of one planned range of a download that are on disk from its start: `kept == length` is a finished range. */
struct DownloadStateRange
{
    qint64 offset = 0;
    qint64 length = 0;
    qint64 kept = 0;
    bool operator==(const DownloadStateRange &) const = default;
};

/**
 * What a download's state file (".s3desk\<token>.state", next to the partial file) records: the object version the
 * partial file holds (ETag and size) and, per range, how many bytes from its start were written and flushed to
 * disk before the record was made. Pure: no file access.
 */
struct S3CORE_EXPORT DownloadState
{
    QString etag;
    qint64 size = -1;
    QList<DownloadStateRange> ranges; ///< only ranges with kept > 0

    QByteArray toJson() const;
    /**
     * Reads a state file's bytes (written by us, but in a folder other programs write to: every field is checked).
     * Returns a state with size -1 when the bytes are not a state file; a range that is out of the object or
     * overlaps one before it is left out. At most 16 MiB and 1,000,000 ranges are looked at.
     */
    static DownloadState fromJson(const QByteArray &data);
    /** Bytes on disk in all. */
    qint64 keptBytes() const;
};

} // namespace s3
