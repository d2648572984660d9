// SPDX-License-Identifier: Apache-2.0
#include "util/windowfit.h"

#include <QLayout>
#include <QWidget>

namespace s3ui {

void fitWindowHeightToContent(QWidget *window)
{
    QLayout *layout = window ? window->layout() : nullptr;
    if (!layout)
        return;
    layout->activate();
    const int width = window->width();
    int needed = layout->totalMinimumSize().height();
    if (layout->hasHeightForWidth())
        needed = qMax(needed, layout->totalHeightForWidth(width));
    if (window->minimumHeight() != needed)
        window->setMinimumHeight(needed); // also lets it get shorter again when the text got shorter or the window wider
    if (window->height() < needed)
        window->resize(width, needed);
}

} // namespace s3ui
