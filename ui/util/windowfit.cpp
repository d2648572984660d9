// SPDX-License-Identifier: Apache-2.0
#include "util/windowfit.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QLabel>
#include <QLayout>
#include <QMessageBox>
#include <QScreen>
#include <QWidget>

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {
int availableWidth(const QWidget *window)
{
    const QScreen *screen = window->screen() ? window->screen() : QGuiApplication::primaryScreen();
    return screen ? screen->availableGeometry().width() : 1024;
}
} // namespace

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

int titleBarWidth(const QWidget *window)
{
    if (!window)
        return 0;
    QString title = window->windowTitle();
    title.replace(u"[*]"_s, QString());
    const QString application = QGuiApplication::applicationDisplayName();
    if (!application.isEmpty() && title != application && !title.endsWith(application))
        title += u" \u2014 "_s + application;
    // Window managers draw titles in a bold face of about the application font's size; the widget style's
    // title bar font is the closest Qt knows. Room for an icon and three buttons, a line height each, twice.
    QFont font = QApplication::font("QMdiSubWindowTitleBar");
    font.setBold(true);
    const QFontMetrics metrics(font);
    const int needed = metrics.horizontalAdvance(title) + 8 * metrics.height();
    return qMin(needed, availableWidth(window));
}

void fitWindowWidthToTitle(QWidget *window)
{
    if (!window)
        return;
    const int needed = titleBarWidth(window);
    if (window->minimumWidth() < needed)
        window->setMinimumWidth(needed);
    if (window->width() < needed)
        window->resize(needed, window->height());
}

void fitMessageBox(QMessageBox *box, const QString &unbreakable)
{
    if (!box)
        return;
    int needed = titleBarWidth(box);
    auto *buttons = box->findChild<QDialogButtonBox *>();
    const QMargins margins = box->layout() ? box->layout()->contentsMargins() : QMargins(12, 12, 12, 12);
    int chrome = margins.left() + margins.right();
    if (!unbreakable.isEmpty()) {
        // The texts sit right of the icon: the line needs its own width plus the icon's column.
        const auto *icon = box->findChild<QLabel *>(u"qt_msgboxex_icon_label"_s);
        const int iconWidth = icon && !box->iconPixmap().isNull() ? icon->sizeHint().width() + 12 : 0;
        const QFontMetrics metrics(box->font());
        needed = qMax(needed, metrics.horizontalAdvance(unbreakable) + iconWidth + chrome + metrics.averageCharWidth() * 2);
    }
    needed = qMin(needed, availableWidth(box) * 9 / 10);
    if (buttons)
        buttons->setMinimumWidth(qMax(0, needed - chrome));
}

} // namespace s3ui
