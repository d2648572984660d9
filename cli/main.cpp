// SPDX-License-Identifier: Apache-2.0
#include <QCoreApplication>

#include "cliapp.h"
#include "s3core/transfer/processtuning.h"

int main(int argc, char *argv[])
{
    s3::tuneAllocatorForTransfers();
    s3::preferPlainEventDispatcherForNewThreads(); // before the application object: the main thread too
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("s3desk-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(S3DESK_VERSION_STRING));
    s3cli::CliApp cli(QCoreApplication::arguments());
    QObject::connect(&cli, &s3cli::CliApp::finished, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    cli.start();
    return QCoreApplication::exec();
}
