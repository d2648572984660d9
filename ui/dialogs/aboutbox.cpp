// SPDX-License-Identifier: Apache-2.0
#include "dialogs/aboutbox.h"

#include <QCoreApplication>
#include <QLabel>
#include <QMessageBox>

#include "util/icons.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

QString aboutText()
{
    const QString url = QString::fromLatin1(ProjectUrl);
    // The Qt S3Desk was built with and the one it runs on may differ (a distribution's update).
    const QString built = QStringLiteral(QT_VERSION_STR);
    const QString running = QString::fromLatin1(qVersion());
    const QString qt = built == running ? QCoreApplication::translate("AboutBox", "Qt %1").arg(running)
                                        : QCoreApplication::translate("AboutBox", "Qt %1 (built with %2)").arg(running, built);
    return u"<h3>S3Desk %1</h3><p>%2</p><p>%3</p><p><a href=\"%4\">%4</a></p><p>%5</p>"_s.arg(
        QStringLiteral(S3DESK_VERSION_STRING),
        QCoreApplication::translate("AboutBox", "A desktop browser for Amazon S3 and S3-compatible storage."),
        QCoreApplication::translate("AboutBox", "Licensed under the Apache License, Version 2.0."), url, qt);
}

QMessageBox *createAboutBox(QWidget *parent)
{
    auto *box = new QMessageBox(QMessageBox::NoIcon, QCoreApplication::translate("AboutBox", "About S3Desk"), aboutText(),
                                QMessageBox::Close, parent);
    box->setObjectName(u"aboutBox"_s);
    box->setTextFormat(Qt::RichText);
    box->setIconPixmap(appIcon(u"s3desk"_s).pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    if (auto *label = box->findChild<QLabel *>(u"qt_msgbox_label"_s)) {
        label->setOpenExternalLinks(true); // the project's address opens in the browser
        label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    }
    return box;
}

} // namespace s3ui
