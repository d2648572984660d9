// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "s3core/result.h"
#include "s3core/s3core_export.h"
#include "s3core/transfer/partplanner.h" // MaxObjectSize (5 TiB): a larger size in an answer is refused

namespace s3 {


/**
 * The largest body of a non-streaming answer (listings, part lists, DeleteObjects and Complete/Copy results)
 * S3Desk collects. A real page is a few hundred KiB (1000 entries of at most 1 KiB keys); past this the
 * answer is refused while it arrives.
 */
inline constexpr qint64 MaxAnswerBodyBytes = 64LL * 1024 * 1024;

/**
 * Parses a Content-Length value strictly: ASCII digits only (no sign, no spaces inside, no list such as the
 * "5, 5" Qt makes of a repeated header), no overflow, at most MaxObjectSize. The error names the cause.
 */
S3CORE_EXPORT Result<qint64> parseContentLength(QByteArrayView value);

/**
 * The complete length of a Content-Range value "bytes FIRST-LAST/TOTAL": TOTAL, or -1 for "*". FIRST, LAST
 * and TOTAL are checked like a Content-Length, and FIRST <= LAST < TOTAL.
 */
S3CORE_EXPORT Result<qint64> parseContentRangeTotal(QByteArrayView value);

/** A size taken from a listing or a part list: refused when negative or above MaxObjectSize. */
S3CORE_EXPORT Result<qint64> checkObjectSize(qint64 size, const QString &what);

/** True for an RFC 7230 token (the only legal header names). */
S3CORE_EXPORT bool isHttpToken(QByteArrayView name);

/**
 * Checks one request header: the name is a token, the value has no CR, LF, NUL or other control character
 * (tab allowed). The error names the header, so "--meta a=b\r\nX: y" cannot split a request.
 */
S3CORE_EXPORT Result<Ok> validateHeader(QByteArrayView name, QByteArrayView value);

} // namespace s3
