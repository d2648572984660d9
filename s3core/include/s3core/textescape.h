// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringView>

#include "s3core/s3core_export.h"

namespace s3 {

/**
 * A key, prefix, metadata value or message made safe to show as one line of text (a terminal, a status bar):
 * C0 controls, DEL and C1 controls become `\t`, `\n`, `\r` or `\xHH`, and the Unicode line/paragraph
 * separators and bidirectional overrides (which reorder or break what a line shows) become `\uHHHH`.
 * Everything else, backslashes included, is unchanged, so ordinary keys print as they are. The result is
 * for display: exact values are in JSON output (`--json`), which escapes only as JSON does.
 */
S3CORE_EXPORT QString escapeControlCharacters(QStringView text);

} // namespace s3
