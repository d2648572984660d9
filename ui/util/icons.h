// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QIcon>
#include <QString>

namespace s3ui {

/** One of S3Desk's own SVG icons (resources/icons/NAME.svg): sharp at any DPI, no icon theme needed. */
QIcon appIcon(const QString &name);
/** The icon for an object by its key's extension (image, text, archive, code, audio, video, pdf, file). */
QIcon iconForKey(const QString &key);

} // namespace s3ui
