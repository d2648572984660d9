// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <vector>

#include <QList>
#include <QObject>
#include <QString>

class QWidget;

namespace s3ui {
class ConnectionStore;
class MainWindow;
}

/**
 * --screenshot DIR: drives the real window through its views and saves a PNG of each into DIR, then quits.
 * For docs/ and the README; run by scripts/screenshots.sh under Xvfb (screen 1920x1080 or larger).
 *
 * With a connection (--endpoint-url … --bucket demo, the bucket filled by scripts/demo-data.sh): the main window
 * at 1280x800 (browser.png), 1024x768 and 1920x1080, a folder of 2,000 keys, the same filtered, a deep folder
 * (elided breadcrumbs), the delete prompt of a folder with its walked count (closed with Cancel: nothing is
 * deleted), Properties of an encrypted and tagged object, a presigned link, the Preferences, the Synchronize…
 * preview of a small local folder with docs/ (sync.png; nothing run), the versions of docs/, and the
 * transfers panel with a download that was paused and resumed.
 *
 * Without one (first start, an empty --config-dir): the empty state, then the New connection dialog after a
 * failed Test connection (the endpoint and access key of $S3_ENDPOINT / $AWS_ACCESS_KEY_ID with a wrong
 * secret; without them a closed port).
 *
 * Every wait polls a condition with a time limit (a step that times out still saves what is on screen and
 * says so on stderr), and the application quits at the end: the tour never hangs.
 */
class ScreenshotTour final : public QObject
{
    Q_OBJECT
public:
    ScreenshotTour(s3ui::MainWindow *window, QString directory, QObject *parent = nullptr);
    void start();
    /** The saved connections: the favourites picture stages one for the command-line connection it shows. */
    void setConnections(s3ui::ConnectionStore *connections) { m_connections = connections; }

private:
    using Step = std::function<void()>;
    void addConnectedSteps();
    void addFirstStartSteps();
    /** Runs the next step after `delayMs` (lets the window paint). */
    void next(int delayMs = 400);
    /** Runs the next step once `ready` holds, or after timeoutMs (then warns with `what`). */
    void waitUntil(std::function<bool()> ready, int timeoutMs, const char *what, int pollMs = 100);
    void waitForListing();
    void save(QWidget *widget, const QString &name);
    void downloadPausedAndResumed();

    s3ui::MainWindow *m_window;

    s3ui::ConnectionStore *m_connections = nullptr;

    QString m_stagedConnection; // the profile staged for favourites.png, removed after it
    QString m_directory;
    std::vector<Step> m_steps;
    size_t m_step = 0;
    bool m_resumedSaved = false;
    QList<int> m_addedFavourites; // rows the favourites step added, removed after its picture
};
