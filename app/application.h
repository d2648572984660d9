// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QCoreApplication>
#include <QString>

class QSettings;

namespace s3ui {
class ConnectionStore;
class MainWindow;
class MemorySecretStore;
class SecretStore;
} // namespace s3ui

/**
 * The composition root: builds the settings, the connection store, the secret stores and the main window
 * once, from the command line; nothing else in the program creates a shared service.
 *
 * Command line (the same connection options as s3desk-cli): --endpoint-url URL, --profile NAME, --region R,
 * --path-style | --virtual-host, --ca-bundle FILE, --no-sign-request, --bucket B, --prefix P open a
 * connection at once (credentials from the environment / AWS files, as awscli); --config-dir DIR keeps the
 * settings and queues in DIR (tests, screenshots, several profiles side by side). An s3://bucket/prefix/ link
 * (argument, the desktop's x-scheme-handler/s3) opens there, in the command-line connection or the last one.
 * --smoke shows the window and quits once the event loop runs (the installed-package check).
 */
class Application final
{
    Q_DECLARE_TR_FUNCTIONS(Application)
public:
    Application();
    ~Application();
    Application(const Application &) = delete;
    Application &operator=(const Application &) = delete;

    /** Parses the command line of the QApplication and shows the window; false on a usage error. */
    bool start();
    s3ui::MainWindow *window() const { return m_window.get(); }

private:
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<s3ui::ConnectionStore> m_connections;
    std::unique_ptr<s3ui::SecretStore> m_keychain;
    std::unique_ptr<s3ui::MemorySecretStore> m_sessionSecrets;
    std::unique_ptr<s3ui::MainWindow> m_window;
};
