// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace s3ui {

/** How Quick look shows an object. */
enum class PreviewKind {
    Unknown, ///< the type and name do not say (application/octet-stream, no extension): the bytes decide
    Text,
    Image,
    Binary, ///< a hex view
};

namespace preview {

/** Text: at most the first 1 MiB is fetched (a ranged GET), never the whole object. */
inline constexpr qint64 TextBytes = 1024 * 1024;
/** Images are decoded whole, so only objects up to this size are fetched for one (else a note and the hex view). */
inline constexpr qint64 ImageMaxBytes = 16ll * 1024 * 1024;
/** The hex view shows the first 64 KiB. */
inline constexpr qint64 HexBytes = 64 * 1024;
/** How many leading bytes sniffPreviewKind() looks at. */
inline constexpr qsizetype SniffBytes = 8 * 1024;

} // namespace preview

/**
 * What the Content-Type (parameters ignored) and else the name's extension say: image/png, .jpg -> Image;
 * text/ types, JSON, XML, YAML, scripts, .txt, .csv, .log, source files -> Text; archives, PDF, media -> Binary;
 * generic types (application/octet-stream, binary/octet-stream, none) and unknown names -> Unknown.
 * Content-Type wins over the extension when it is not generic.
 */
PreviewKind declaredPreviewKind(const QString &contentType, const QString &name);

/**
 * What the first bytes are: PNG, JPEG, GIF, WebP, BMP magic or an SVG root element -> Image; a UTF-16 BOM, or
 * no NUL byte and (well-formed UTF-8 or few control characters) -> Text; else Binary. Looks at SniffBytes at most;
 * `cut`: the bytes are the start of a longer object. No bytes: Text (an empty file shows as empty text).
 */
PreviewKind sniffPreviewKind(const QByteArray &head, bool cut);

/**
 * The kind Quick look uses: the declared kind unless the bytes say otherwise (an image type whose bytes are not
 * an image; text with NUL bytes; a text/xml document that is an SVG image), the sniffed kind when nothing is
 * declared. Never Unknown.
 */
PreviewKind choosePreviewKind(const QString &contentType, const QString &name, const QByteArray &head, bool cut);

/**
 * How many leading bytes to ask for first, from what the listing knows (name and size): a name that says image
 * and a size up to ImageMaxBytes -> the whole object (so the image needs one request); else TextBytes (text,
 * the hex view and sniffing need no more). Never more than the object; 0 for an empty object (a range of an
 * empty object is refused with InvalidRange: there is nothing to fetch). A size not known (-1): TextBytes.
 */
qint64 firstFetchBytes(const QString &name, qint64 size);

} // namespace s3ui
