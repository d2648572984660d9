// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

class QMessageBox;
class QWidget;

namespace s3ui {

/** Where the project lives (source, issues, releases). */
inline constexpr char ProjectUrl[] = "https://github.com/s3desk/s3desk";

/** Help > About: the version, what S3Desk is, its licence, the project's address and the Qt versions (HTML). */
QString aboutText();

/** The About box, not yet shown (non-modal, deletes itself when closed); show it with open() or show(). */
QMessageBox *createAboutBox(QWidget *parent);

} // namespace s3ui
