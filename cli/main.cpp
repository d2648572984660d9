// SPDX-License-Identifier: Apache-2.0
#include <QCoreApplication>
#include <QString>
#include <qlogging.h>

#include <cstdio>

#include "cliapp.h"

namespace {
QtMessageHandler g_defaultMessageHandler = nullptr;

// Qt's HTTP reply reports a second, harmless error when a server answers a part upload early (403, 400) and
// closes the connection while the body is still being sent; the request's real error is reported on its own line.
// That internal warning is noise on a command line that promises one line per failure.
void dropQtInternalNoise(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg && message.startsWith(u"QNetworkReplyImplPrivate::error: Internal problem"))
        return;
    if (g_defaultMessageHandler) {
        g_defaultMessageHandler(type, context, message);
        return;
    }
    std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}
} // namespace

int main(int argc, char *argv[])
{
    g_defaultMessageHandler = qInstallMessageHandler(dropQtInternalNoise);
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
