// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QToolButton>

class QActionGroup;
class QMenu;

namespace s3ui {

class BandwidthLimitController;

/**
 * The status bar's bandwidth limit: shows the limits ("No bandwidth limit", "↑ 10 MiB/s", "↑ 1 MiB/s ↓ 50 MiB/s")
 * and opens a menu to pick one per direction from a few rates. Shows and picks; the controller keeps and applies.
 * Does not own the controller; the controller must outlive the button.
 */
class BandwidthLimitButton final : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BandwidthLimitButton)
public:
    explicit BandwidthLimitButton(BandwidthLimitController *controller, QWidget *parent = nullptr);
    ~BandwidthLimitButton() override;

    /** The rates the menu offers (bytes per second; 0: no limit), for tests. */
    static QList<qint64> presets();
    /** The button's text for limits (shared with tests). */
    static QString summaryText(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond);

private:
    QActionGroup *addDirection(QMenu *menu, const QString &title, bool upload);
    void showLimits();

    BandwidthLimitController *m_controller;
    QActionGroup *m_uploadGroup = nullptr;
    QActionGroup *m_downloadGroup = nullptr;
};

} // namespace s3ui
