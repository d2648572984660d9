// SPDX-License-Identifier: Apache-2.0
#include "widgets/statusdetailsbutton.h"

#include <QEvent>
#include <QFontMetrics>
#include <QMessageBox>
#include <QStatusBar>

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

StatusDetailsButton::StatusDetailsButton(QStatusBar *bar, QWidget *parent)
    : QToolButton(parent)
    , m_bar(bar)
{
    Q_ASSERT(bar);
    setObjectName(u"statusDetailsButton"_s);
    setText(tr("Details…"));
    setToolTip(tr("Show the whole message"));
    setAutoRaise(true);
    setVisible(false);
    connect(this, &QToolButton::clicked, this, &StatusDetailsButton::showDetails);
    connect(m_bar, &QStatusBar::messageChanged, this, &StatusDetailsButton::handleMessage);
    m_bar->installEventFilter(this); // a narrower window clips a message that fitted
}

StatusDetailsButton::~StatusDetailsButton() = default;

bool StatusDetailsButton::isClipped(const QString &message) const
{
    if (message.isEmpty())
        return false;
    // The message is drawn from the bar's left edge up to the first permanent widget; while it shows, the
    // normal widgets are hidden, so the visible children are the permanent ones (and the size grip).
    int right = m_bar->width();
    for (QObject *child : m_bar->children()) {
        auto *widget = qobject_cast<QWidget *>(child);
        if (widget && widget != this && widget->isVisible() && !widget->isWindow())
            right = qMin(right, widget->x());
    }
    const int room = right - sizeHint().width() - 2 * m_bar->fontMetrics().averageCharWidth();
    return m_bar->fontMetrics().horizontalAdvance(message) > room;
}

void StatusDetailsButton::handleMessage(const QString &message)
{
    m_message = message;
    m_bar->setToolTip(message);
    setVisible(isClipped(message));
}

bool StatusDetailsButton::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_bar && event->type() == QEvent::Resize && !m_message.isEmpty())
        setVisible(isClipped(m_message));
    return QToolButton::eventFilter(watched, event);
}

void StatusDetailsButton::showDetails()
{
    if (m_message.isEmpty())
        return;
    if (m_box) {
        m_box->setText(m_message);
        m_box->raise();
        m_box->activateWindow();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Information, tr("Message"), m_message, QMessageBox::Close, window());
    box->setObjectName(u"statusDetailsBox"_s);
    box->setTextFormat(Qt::PlainText); // messages quote keys, which are not markup
    box->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    m_box = box;
    box->show();
}

} // namespace s3ui
