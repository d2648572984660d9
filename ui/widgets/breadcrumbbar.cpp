// SPDX-License-Identifier: Apache-2.0
#include "widgets/breadcrumbbar.h"

#include <QDragEnterEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
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
}

void BreadcrumbBar::setLocation(const QString &bucket, const QString &prefix)
{
    m_bucket = bucket;
    m_levels.clear();
    qDeleteAll(m_buttons);
    m_buttons.clear();
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
        if (i > 0) {
            auto *separator = new QLabel(QStringLiteral("›"), this);
            separator->setContentsMargins(2, 0, 2, 0);
            m_layout->insertWidget(position++, separator);
            m_buttons.append(separator);
        }
        auto *button = new QToolButton(this);
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
        m_buttons.append(button);
    }
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
