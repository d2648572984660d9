// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace s3ui {

/**
 * The bytes as `hexdump -C` prints them, one line per 16 bytes: offset (8 hex digits, from startOffset) | the
 * bytes in hex, a gap after the eighth | the bytes as ASCII, '.' for anything not printable:
 *   00000000  48 65 6c 6c 6f 0a                                 |Hello.|
 * Lines end with '\n'; no bytes, no lines.
 */
QString hexDump(const QByteArray &data, qint64 startOffset = 0);

} // namespace s3ui
