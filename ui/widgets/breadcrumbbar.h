// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QHBoxLayout;

namespace s3ui {

/**
 * "bucket › photos › 2024": one button per level of the current prefix. Clicking a level navigates there;
 * dropping objects dragged from the browser on a level moves them there (moveRequested).
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
    /** Clicks the button of one level (for keyboard users and tests). */
    void activateLevel(int index);

Q_SIGNALS:
    void prefixActivated(const QString &prefix);
    void moveRequested(const QString &sourceBucket, const QStringList &keys, const QString &targetPrefix);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    int levelAt(const QPoint &position) const;

    QHBoxLayout *m_layout;
    QString m_bucket;
    QStringList m_levels;
    QList<QWidget *> m_buttons;
};

} // namespace s3ui
