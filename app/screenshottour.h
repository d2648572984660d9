// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QObject>
#include <QString>

namespace s3ui {
class MainWindow;
}

/**
 * --screenshot DIR: drives the real window through its main views and saves a PNG of each (browser.png,
 * folder.png, properties.png, presign.png, transfers.png), then quits. For docs/ and the README; run by
 * scripts/screenshots.sh under Xvfb. Waits for the listing instead of sleeping where it can.
 */
class ScreenshotTour final : public QObject
{
    Q_OBJECT
public:
    ScreenshotTour(s3ui::MainWindow *window, QString directory, QObject *parent = nullptr);
    void start();

private:
    void step();
    void waitForListing(std::function<void()> then);
    void save(QWidget *widget, const QString &name);

    s3ui::MainWindow *m_window;
    QString m_directory;
    int m_step = 0;
};
