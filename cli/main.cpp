// SPDX-License-Identifier: Apache-2.0
#include <QCoreApplication>

#include "cliapp.h"

int main(int argc, char *argv[])
{
    // Qt's plain UNIX event dispatcher instead of GLib's for every thread (the --qt-http bulk path moves each
    // 16 KiB of an upload between threads with queued events; GLib's loop made that ~15% dearer). Set here, in
    // main and before the application object starts any thread; a value the user set is kept.
    if (qEnvironmentVariableIsEmpty("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", QByteArrayLiteral("1"));
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("s3desk-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(S3DESK_VERSION_STRING));
    s3cli::CliApp cli(QCoreApplication::arguments());
    QObject::connect(&cli, &s3cli::CliApp::finished, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    cli.start();
    return QCoreApplication::exec();
}
