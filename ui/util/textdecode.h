// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace s3ui {

/** Text decoded for Quick look, with the encoding that was detected. */
struct DecodedText
{
    QString text;
    QString encoding; ///< "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE" or "Latin-1"
};

/**
 * Length of the longest prefix of `bytes` that is well-formed UTF-8 (no overlong forms, no surrogates, nothing
 * above U+10FFFF). With `cut` (the bytes are the start of a longer object), a trailing incomplete sequence that
 * could be completed by the next bytes counts as valid: the returned length then stops before it.
 */
qsizetype validUtf8Prefix(const QByteArray &bytes, bool cut, bool *valid);

/**
 * Decodes the first bytes of an object for display: a BOM decides (UTF-8, UTF-16 LE/BE, dropped from the text);
 * without one, well-formed UTF-8 is UTF-8, anything else Latin-1 (every byte is a character: never fails).
 * `cut`: the bytes stop inside the object, so a character split at the end is left out rather than shown broken.
 */
DecodedText decodeText(const QByteArray &bytes, bool cut);

} // namespace s3ui
