// SPDX-License-Identifier: Apache-2.0
#pragma once

class QString;
class QMessageBox;
class QWidget;

namespace s3ui {

/**
 * Keeps a top-level window tall enough for its layout at its current width, word-wrapped labels included
 * (Qt sizes a window from its layout's minimum size, which does not know how many lines a wrapped label needs
 * at a given width; the rows are then squeezed). Grows the window when it is too short and sets that height as
 * its minimum; never shrinks it. Call after a label's text changed and from resizeEvent().
 */
void fitWindowHeightToContent(QWidget *window);

/**
 * The width a title bar needs to show the window's title whole: the title as the window system shows it (Qt
 * appends " — " and the application's display name on X11 and Wayland), in the title bar's font, plus room for
 * the bar's icon and buttons. At most the screen's available width.
 */
int titleBarWidth(const QWidget *window);

/**
 * Makes a dialog at least titleBarWidth() wide, so a small dialog ("Rename", "Delete") does not show its title
 * as "Rena… 3Desk". Call after setWindowTitle(). A QMessageBox sizes itself (fixed) when shown: use
 * fitMessageBox() for those.
 */
void fitWindowWidthToTitle(QWidget *window);

/**
 * A message box wide enough for its title (titleBarWidth()) and for `unbreakable` on one line (a path or an
 * address that must not wrap mid-name), up to 90% of the screen. QMessageBox fixes its own size from its
 * layout's minimum when shown and ignores setMinimumWidth(); the minimum width of its button row is kept (the
 * box rebuilds its layout when a text, an icon or a check box is added, but keeps the button row), so call it
 * once the texts are set.
 */
void fitMessageBox(QMessageBox *box, const QString &unbreakable);

} // namespace s3ui
