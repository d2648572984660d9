// SPDX-License-Identifier: Apache-2.0
#include <QApplication>
#include <QTranslator>

#include "application.h"
#include "util/translations.h"

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("s3desk"));
    QApplication::setOrganizationName(QStringLiteral("S3Desk"));
    QApplication::setApplicationDisplayName(QStringLiteral("S3Desk"));
    QApplication::setApplicationVersion(QStringLiteral(S3DESK_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("io.github.s3desk.S3Desk"));
    QTranslator plurals; // "1 file", "3 files" instead of "file(s)"
    if (s3ui::loadEnglishPlurals(&plurals))
        QApplication::installTranslator(&plurals);
    Application application;
    if (!application.start())
        return 2;
    return QApplication::exec();
}
