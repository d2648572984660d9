// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

#include "s3core/auth/sigv4.h"
#include "s3core/endpoint.h"
#include "s3core/result.h"

namespace s3 {

/** Where the body of a 2xx ranged GET goes: positional writes into an open file, never through memory. */
struct BodySink
{
    int fd = -1;         ///< open for writing; not owned
    qint64 offset = 0;   ///< file offset of the first body byte
    qint64 length = 0;   ///< exact body length expected (the range's length)
    QString path;        ///< the file's name, for messages
    bool isSet() const { return fd >= 0; }
};

/**
 * One S3 HTTP request, before addressing and signing. The body is either in memory or a window of a local
 * file (streamed from disk, never read whole).
 */
struct S3CORE_EXPORT S3Request
{
    QByteArray method = QByteArrayLiteral("GET");
    QString bucket;             ///< empty: service-level request (ListBuckets)
    QString key;                ///< empty: bucket-level request
    QueryItems query;           ///< decoded
    sigv4::HeaderList headers;  ///< extra headers, all signed (content-type, range, if-match, x-amz-meta-*, ...)

    QByteArray body;            ///< in-memory body
    /** The in-memory body is bulk data (a stream's part): it goes the way of file bodies (see CurlHttpPool). */
    bool bulkBody = false;
    QString bodyFile;           ///< or: stream this file ...
    qint64 bodyOffset = 0;      ///< ... from this offset ...
    qint64 bodyLength = -1;     ///< ... for this many bytes (-1: to the end, resolved by the client)

    /** Hex SHA-256 of the body or UNSIGNED-PAYLOAD; empty: computed for in-memory bodies. File bodies must set it. */
    QByteArray payloadHash;

    /** For ranged GETs: a 2xx body may be written straight into this file window (see CurlHttpPool). */
    BodySink sink;

    /**
     * The server works this long before it answers (a server-side copy of many bytes sends nothing until it is
     * done): the client's inactivity timeout is at least this. 0: the client's timeout alone.
     */
    int minimumTimeoutMs = 0;

    bool hasFileBody() const { return !bodyFile.isEmpty(); }
    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
    Result<Ok> validate() const;
};

/**
 * How long a server-side copy of this many bytes may go without a byte of answer: 30 s plus the bytes at 2 MiB/s
 * (a loaded server copying four parts at once), at most 30 minutes.
 */
S3CORE_EXPORT int serverCopyTimeoutMs(qint64 bytes);

} // namespace s3
