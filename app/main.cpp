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
    // The system's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG): German, or English with its plural forms
    // ("1 file", "3 files" instead of "file(s)"); Qt's own texts (standard buttons) in the same language.
    QTranslator translation;
    if (!s3ui::loadTranslation(&translation).isEmpty())
        QApplication::installTranslator(&translation);
    QTranslator qtTranslation;
    if (s3ui::loadQtTranslation(&qtTranslation))
        QApplication::installTranslator(&qtTranslation);
    Application application;
    if (!application.start())
        return 2;
    return QApplication::exec();
}
