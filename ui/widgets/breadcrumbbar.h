// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QToolButton;

namespace s3ui {

/**
 * "bucket › photos › 2024": one button per level of the current prefix. Clicking a level navigates there;
 * dropping objects dragged from the browser on a level moves them there (moveRequested). When the bar is too
 * narrow, the middle levels go into a "…" menu after the bucket; the bucket and the current folder stay.
 */
class BreadcrumbBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BreadcrumbBar)
public:
    explicit BreadcrumbBar(QWidget *parent = nullptr);

    void setLocation(const QString &bucket, const QString &prefix);
    /** The prefixes shown, from the bucket root ("") to the current one (for tests). */
    QStringList levels() const { return m_levels; }
    /** The levels hidden because the bar is too narrow (they are in the "…" menu after the bucket). */
    QStringList hiddenLevels() const;
    QSize minimumSizeHint() const override;
    /** Clicks the button of one level (for keyboard users and tests). */
    void activateLevel(int index);

Q_SIGNALS:
    void prefixActivated(const QString &prefix);
    void moveRequested(const QString &sourceBucket, const QStringList &keys, const QString &targetPrefix);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    int levelAt(const QPoint &position) const;
    void updateElision();

    struct Crumb
    {
        QLabel *separator; // null for the bucket
        QToolButton *button;
        QString name; // whole; the button may show it shortened
    };

    QHBoxLayout *m_layout;
    QString m_bucket;
    QStringList m_levels;
    QList<Crumb> m_crumbs;
    QToolButton *m_more;
    QLabel *m_moreSeparator;
};

} // namespace s3ui
