// SPDX-License-Identifier: Apache-2.0
#include "screenshottour.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QPixmap>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>

#include "s3core/ops/objectjobs.h"
#include "browser/browserview.h"
#include "dialogs/presigndialog.h"
#include "dialogs/propertiesdialog.h"
#include "models/objectlistmodel.h"
#include "widgets/mainwindow.h"

ScreenshotTour::ScreenshotTour(s3ui::MainWindow *window, QString directory, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(std::move(directory))
{
}

void ScreenshotTour::start()
{
    QDir().mkpath(m_directory);
    QTimer::singleShot(500, this, [this] { waitForListing([this] { step(); }); });
}

void ScreenshotTour::waitForListing(std::function<void()> then)
{
    auto *timer = new QTimer(this);
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    connect(timer, &QTimer::timeout, this, [this, timer, elapsed, then] {
        s3ui::ObjectListModel *model = m_window->browser()->model();
        if ((model->isListing() || model->rowCount() == 0) && elapsed->elapsed() < 15000)
            return;
        timer->deleteLater();
        QTimer::singleShot(400, this, then); // let the view paint
    });
    timer->start(100);
}

void ScreenshotTour::save(QWidget *widget, const QString &name)
{
    const QString path = QDir(m_directory).filePath(name);
    if (!widget->grab().save(path))
        qWarning("screenshot: could not write %s", qPrintable(path));
}

void ScreenshotTour::step()
{
    s3ui::BrowserView *browser = m_window->browser();
    switch (m_step++) {
    case 0:
        save(m_window, QStringLiteral("browser.png"));
        browser->openLocation(browser->bucket(), QStringLiteral("many-files/"));
        waitForListing([this] { step(); });
        return;
    case 1:
        save(m_window, QStringLiteral("folder.png"));
        browser->openLocation(browser->bucket(), {});
        waitForListing([this] { step(); });
        return;
    case 2:
        browser->selectName(QStringLiteral("README.txt"));
        browser->propertiesAction()->trigger();
        QTimer::singleShot(1500, this, [this] { step(); });
        return;
    case 3:
        if (auto *dialog = m_window->findChild<s3ui::PropertiesDialog *>()) {
            save(dialog, QStringLiteral("properties.png"));
            dialog->close();
        }
        browser->selectName(QStringLiteral("README.txt"));
        browser->presignAction()->trigger();
        QTimer::singleShot(1500, this, [this] { step(); });
        return;
    case 4:
        if (auto *dialog = m_window->findChild<s3ui::PresignDialog *>()) {
            save(dialog, QStringLiteral("presign.png"));
            dialog->close();
        }
        browser->openLocation(browser->bucket(), QStringLiteral("data/"));
        waitForListing([this] { step(); });
        return;
    case 5: {
        const QString target = QStandardPaths::writableLocation(QStandardPaths::TempLocation) + QStringLiteral("/s3desk-screenshot");
        QDir(target).removeRecursively();
        QDir().mkpath(target);
        browser->selectName(QStringLiteral("large.bin"));
        browser->downloadKeys(browser->selectedKeys(), target);
        QTimer::singleShot(700, this, [this] { step(); });
        return;
    }
    default:
        save(m_window, QStringLiteral("transfers.png"));
        QTimer::singleShot(3000, qApp, &QApplication::quit); // let the download end before quitting
        return;
    }
}
