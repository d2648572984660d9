// SPDX-License-Identifier: Apache-2.0
#include "widgets/breadcrumbbar.h"

#include <QDragEnterEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QResizeEvent>
#include <QToolButton>

#include "models/objectlistmodel.h"
#include "util/icons.h"

namespace s3ui {

BreadcrumbBar::BreadcrumbBar(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    m_layout->addStretch(1);
    setAcceptDrops(true);
    setAccessibleName(tr("Location"));
    // The levels that do not fit: the first and the last level stay, the middle ones go into this menu.
    m_more = new QToolButton(this);
    m_more->setObjectName(QStringLiteral("breadcrumbMore"));
    m_more->setText(QStringLiteral("…"));
    m_more->setAutoRaise(true);
    m_more->setPopupMode(QToolButton::InstantPopup);
    m_more->setToolTip(tr("More levels"));
    m_more->setMenu(new QMenu(m_more));
    m_moreSeparator = new QLabel(QStringLiteral("›"), this);
    m_moreSeparator->setContentsMargins(2, 0, 2, 0);
    m_more->hide();
    m_moreSeparator->hide();
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

QSize BreadcrumbBar::minimumSizeHint() const
{
    return {40, QWidget::minimumSizeHint().height()};
}

void BreadcrumbBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateElision();
}

QStringList BreadcrumbBar::hiddenLevels() const
{
    QStringList hidden;
    for (int i = 0; i < m_crumbs.size(); ++i) {
        if (m_crumbs[i].button->isHidden())
            hidden << m_levels.value(i);
    }
    return hidden;
}

void BreadcrumbBar::updateElision()
{
    const int count = int(m_crumbs.size());
    const auto widthOf = [this](int i) {
        const Crumb &crumb = m_crumbs[i];
        return crumb.button->sizeHint().width() + (crumb.separator ? crumb.separator->sizeHint().width() : 0);
    };
    int total = 0;
    for (int i = 0; i < count; ++i) {
        m_crumbs[i].button->setText(fontMetrics().elidedText(m_crumbs[i].name, Qt::ElideMiddle, 240));
        m_crumbs[i].button->setVisible(true);
        if (m_crumbs[i].separator)
            m_crumbs[i].separator->setVisible(true);
        total += widthOf(i);
    }
    m_more->menu()->clear();
    int hidden = 0;
    const int moreWidth = m_more->sizeHint().width() + m_moreSeparator->sizeHint().width();
    // Hide from the second level on (the bucket and the current folder stay) until the rest fits.
    while (total + (hidden > 0 ? moreWidth : 0) > width() && 1 + hidden < count - 1) {
        const int i = 1 + hidden;
        total -= widthOf(i);
        m_crumbs[i].button->setVisible(false);
        if (m_crumbs[i].separator)
            m_crumbs[i].separator->setVisible(false);
        const QString level = m_levels[i];
        m_more->menu()->addAction(m_crumbs[i].button->text(), this, [this, level] { Q_EMIT prefixActivated(level); });
        ++hidden;
    }
    m_more->setVisible(hidden > 0);
    m_moreSeparator->setVisible(hidden > 0);
    // Still too wide with only the bucket and the current folder: the folder's name is shortened in the middle.
    const int overflow = total + (hidden > 0 ? moreWidth : 0) - width();
    if (overflow > 0 && count > 1) {
        QToolButton *last = m_crumbs[count - 1].button;
        const int textWidth = last->fontMetrics().horizontalAdvance(last->text());
        last->setText(last->fontMetrics().elidedText(m_crumbs[count - 1].name, Qt::ElideMiddle, qMax(24, textWidth - overflow)));
    }
}

void BreadcrumbBar::setLocation(const QString &bucket, const QString &prefix)
{
    m_bucket = bucket;
    m_levels.clear();
    for (const Crumb &crumb : std::as_const(m_crumbs)) {
        delete crumb.separator;
        delete crumb.button;
    }
    m_crumbs.clear();
    m_layout->removeWidget(m_more);
    m_layout->removeWidget(m_moreSeparator);
    m_more->hide();
    m_moreSeparator->hide();
    if (bucket.isEmpty())
        return;

    QStringList names{bucket};
    m_levels.append(QString());
    const QStringList segments = prefix.split(QLatin1Char('/'));
    QString path;
    for (qsizetype i = 0; i + 1 < segments.size(); ++i) { // the last segment after the final '/' is empty
        path += segments[i] + QLatin1Char('/');
        m_levels.append(path);
        names.append(segments[i].isEmpty() ? QStringLiteral("∅") : segments[i]);
    }
    int position = 0;
    for (qsizetype i = 0; i < names.size(); ++i) {
        QLabel *separator = nullptr;
        if (i > 0) {
            separator = new QLabel(QStringLiteral("›"), this);
            separator->setContentsMargins(2, 0, 2, 0);
            m_layout->insertWidget(position++, separator);
        }
        auto *button = new QToolButton(this);
        // A very long name is shortened in the middle (updateElision()); the tooltip has it whole.
        button->setText(names[i]);
        button->setAutoRaise(true);
        button->setToolButtonStyle(i == 0 ? Qt::ToolButtonTextBesideIcon : Qt::ToolButtonTextOnly);
        if (i == 0)
            button->setIcon(appIcon(QStringLiteral("bucket")));
        button->setToolTip(QStringLiteral("s3://%1/%2").arg(bucket, m_levels[i]));
        button->setProperty("level", int(i));
        if (i == names.size() - 1) {
            QFont font = button->font();
            font.setBold(true);
            button->setFont(font);
        }
        const QString level = m_levels[i];
        connect(button, &QToolButton::clicked, this, [this, level] { Q_EMIT prefixActivated(level); });
        m_layout->insertWidget(position++, button);
        m_crumbs.append({separator, button, names[i]});
        if (i == 0) { // the "…" of hidden levels comes right after the bucket
            m_layout->insertWidget(position++, m_moreSeparator);
            m_layout->insertWidget(position++, m_more);
        }
    }
    updateElision();
}

void BreadcrumbBar::activateLevel(int index)
{
    if (index >= 0 && index < m_levels.size())
        Q_EMIT prefixActivated(m_levels[index]);
}

int BreadcrumbBar::levelAt(const QPoint &position) const
{
    QWidget *child = childAt(position);
    if (!child)
        return -1;
    const QVariant level = child->property("level");
    return level.isValid() ? level.toInt() : -1;
}

void BreadcrumbBar::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(ObjectListModel::objectsMimeType()))
        event->acceptProposedAction();
}

void BreadcrumbBar::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(ObjectListModel::objectsMimeType()) && levelAt(event->position().toPoint()) >= 0)
        event->acceptProposedAction();
    else
        event->ignore();
}

void BreadcrumbBar::dropEvent(QDropEvent *event)
{
    const int level = levelAt(event->position().toPoint());
    if (level < 0)
        return;
    const ObjectListModel::DraggedObjects objects = ObjectListModel::decodeObjects(event->mimeData()->data(ObjectListModel::objectsMimeType()));
    if (objects.keys.isEmpty())
        return;
    event->acceptProposedAction();
    Q_EMIT moveRequested(objects.bucket, objects.keys, m_levels[level]);
}

} // namespace s3ui
