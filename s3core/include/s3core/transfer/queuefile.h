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

struct ObjectAttributes;

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
    QList<QJsonObject> groups;           ///< valid folder jobs (TransferGroup::toJson()), in file order
    /** One sentence per problem (the whole file, or one entry and what is wrong with it). Empty: all fine. */
    QStringList problems;
};

/** Parses and checks the bytes of a queue file. Pure: no file access. */
S3CORE_EXPORT QueueFileContents parseQueueFile(const QByteArray &data);

/**
 * Empty when `entry` is a valid transfer entry, else what is wrong with it ("partSize 0 is out of range ..."). A
 * transfer of a folder job names it in "group" (a transfer id); one whose job is not in the file is restored alone.
 */
S3CORE_EXPORT QString transferEntryProblem(const QJsonObject &entry);

/**
 * Empty when `entry` is a valid folder job (TransferGroup::toJson()), else what is wrong with it: id as for a
 * transfer, direction upload or download, bucket, prefix (a key prefix, may be empty), localDir (absolute), counts
 * and byte counts in range, and every [name, size, etag] record of "files" and "cancelled": a name that is a
 * relative '/'-separated path without "." or ".." segments or control characters (it becomes a key and a local
 * path), a size of -1 ... 5 TiB, an ETag of at most 1024 printable characters, and for an upload an optional fourth
 * field, the file's key when it is not prefix + name: below the prefix, at most 1024 bytes, no control characters,
 * no empty, "." or ".." segment below the prefix. One bad record rejects the job:
 * restoring part of a folder silently would lose files.
 */
S3CORE_EXPORT QString transferGroupEntryProblem(const QJsonObject &entry);

/**
 * The attributes a queued copy stores instead of its source's (a Properties save: CopyOptions::replaceAttributes)
 * as the queue file keeps them: content headers, Expires (UTC), storage class, SSE-S3/SSE-KMS, tags and user
 * metadata. A customer key (SSE-C) and a canned ACL are never written.
 */
S3CORE_EXPORT QJsonObject copyAttributesToJson(const ObjectAttributes &attributes);
/**
 * Empty when `value` is what copyAttributesToJson() writes and safe to send: an object whose texts have no control
 * characters (they become HTTP headers) and are bounded (8 KiB each, user metadata 8 KiB in all, names RFC 9110
 * tokens, no name twice in any case), a date Expires, a storage class of token characters (64 at most), encryption
 * AES256 or aws:kms (a KMS key id only with aws:kms), tags as S3 takes them (validateTags()). Else what is wrong.
 */
S3CORE_EXPORT QString copyAttributesProblem(const QJsonValue &value);
/** The attributes of a copyAttributesProblem()-checked object (unchecked fields read as empty). */
S3CORE_EXPORT ObjectAttributes copyAttributesFromJson(const QJsonObject &json);

/** `<path>.damaged-<UTC time, e.g. 20261203T183501Z>`, with `-2`, `-3`... when taken: where a bad file is moved. */
S3CORE_EXPORT QString damagedQueueFileName(const QString &path, const QDateTime &utc);

} // namespace s3
