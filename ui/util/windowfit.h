// SPDX-License-Identifier: Apache-2.0
#pragma once

class QWidget;

namespace s3ui {

/**
 * Keeps a top-level window tall enough for its layout at its current width, word-wrapped labels included
 * (Qt sizes a window from its layout's minimum size, which does not know how many lines a wrapped label needs
 * at a given width; the rows are then squeezed). Grows the window when it is too short and sets that height as
 * its minimum; never shrinks it. Call after a label's text changed and from resizeEvent().
 */
void fitWindowHeightToContent(QWidget *window);

} // namespace s3ui
