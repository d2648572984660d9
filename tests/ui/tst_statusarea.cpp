// SPDX-License-Identifier: Apache-2.0
// One status area that is never stale, offscreen against the in-process fake S3: the list's count lives in the
// window's status bar (no footer that disagrees with it), "N uploads queued" goes when those transfers are over,
// the transfer summary counts what the transfers panel lists, a filtered folder says "31 of 3,000 items", and a
// message too long for the bar offers "Details…" with the whole text.
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTranslator>

#include "browser/browserview.h"
#include "models/objectlistmodel.h"
#include "models/transferlistmodel.h"
#include "uitestsupport.h"
#include "util/translations.h"
#include "widgets/mainwindow.h"
#include "widgets/statusdetailsbutton.h"
#include "widgets/transferstatus.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

namespace {
/** Rows of the transfers model in that state (what the transfers panel lists). */
int rowsInState(TransferListModel *model, s3::TransferState state)
{
    int count = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto snapshot = model->index(row, 0).data(TransferListModel::SnapshotRole).value<s3::TransferSnapshot>();
        count += snapshot.state == state ? 1 : 0;
    }
    return count;
}
} // namespace

class TestStatusArea : public QObject
{
    Q_OBJECT

    FakeS3Server m_server;
    QTemporaryDir m_dir;
    QTranslator m_plurals; // "3 uploads queued", as the app says it
    int m_windows = 0;

    std::unique_ptr<MainWindow> makeWindow(QSettings *settings)
    {
        MainWindowDependencies dependencies;
        dependencies.settings = settings;
        dependencies.stateDir = m_dir.filePath(u"queues-%1"_s.arg(++m_windows));
        auto window = std::make_unique<MainWindow>(dependencies);
        window->resize(1024, 768);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            qWarning("the main window was not exposed");
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(loadEnglishPlurals(&m_plurals));
        QVERIFY(QCoreApplication::installTranslator(&m_plurals));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // "3,000", whatever the machine's
        QVERIFY(m_server.start());
        m_server.createBucket(u"status"_s);
        m_server.putObject(u"status"_s, u"a.txt"_s, "a");
    }

    void theCountIsInTheWindowStatusBar()
    {
        QSettings settings(m_dir.filePath(u"count.ini"_s), QSettings::IniFormat);
        auto window = makeWindow(&settings);
        QLabel *count = window->browser()->statusLabel();
        QVERIFY(window->statusBar()->isAncestorOf(count));
        QVERIFY(!window->browser()->isAncestorOf(count));
        // Before a bucket is chosen the location says so, once: no second "Choose a bucket" / "Not connected".
        QCOMPARE(count->text(), QString());
        QCOMPARE(window->locationStatus()->text(), u"Not connected"_s);
        QVERIFY(window->openSession(fakeSessionConfig(m_server.endpointUrl(), QString(), u"count"_s)));
        QCOMPARE(window->locationStatus()->text(), u"Fake S3: choose a bucket"_s);
        QCOMPARE(count->text(), QString());
        window->browser()->openLocation(u"status"_s, QString());
        QVERIFY2(waitUntil([&] { return count->text() == u"1 item"_s; }, 5000), qPrintable(count->text()));
        QVERIFY(count->isVisible());
    }

    void queuedMessageGoesWhenTheTransfersAreOver()
    {
        QSettings settings(m_dir.filePath(u"queued.ini"_s), QSettings::IniFormat);
        auto window = makeWindow(&settings);
        QVERIFY(window->openSession(fakeSessionConfig(m_server.endpointUrl(), u"status"_s, u"queued"_s)));
        QStringList files;
        for (int i = 0; i < 3; ++i)
            files << writeTestFile(m_dir.filePath(u"up-%1.txt"_s.arg(i)), "data");
        m_server.addFault(delayFault(u"PutObject"_s, 1200)); // long enough to see them queued and running
        window->browser()->uploadPaths(files, QString());
        QStatusBar *bar = window->statusBar();
        QVERIFY2(waitUntil([&] { return bar->currentMessage() == u"3 uploads queued"_s; }, 5000), qPrintable(bar->currentMessage()));
        QVERIFY(waitUntil([&] { return window->transfers()->activeCount() > 0; }, 5000));
        QCOMPARE(bar->currentMessage(), u"3 uploads queued"_s); // true while they run
        QVERIFY(waitUntil([&] { return window->transfers()->stateCount(s3::TransferState::Succeeded) == 3; }, 15000));
        m_server.clearFaults();
        // Gone once they are done: never "queued" next to "No active transfers".
        QVERIFY2(waitUntil([&] { return bar->currentMessage().isEmpty(); }, 3000), qPrintable(bar->currentMessage()));
        auto *summary = window->findChild<TransferStatusWidget *>();
        QVERIFY(summary);
        QVERIFY(waitUntil([&] { return summary->text() == u"No active transfers"_s; }, 3000));

        // The summary counts what the panel lists.
        TransferListModel *model = window->transfers();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(rowsInState(model, s3::TransferState::Succeeded), 3);
        QVERIFY2(summary->toolTip().contains(u"Done: %1"_s.arg(rowsInState(model, s3::TransferState::Succeeded))),
                 qPrintable(summary->toolTip()));
        QVERIFY(summary->toolTip().contains(u"Queued: %1"_s.arg(rowsInState(model, s3::TransferState::Queued))));
        QVERIFY(summary->toolTip().contains(u"Failed: %1"_s.arg(rowsInState(model, s3::TransferState::Failed))));
    }

    void aFilteredFolderSaysHowManyOfHowMany()
    {
        m_server.createBucket(u"many"_s);
        for (int i = 0; i < 2969; ++i)
            m_server.putObject(u"many"_s, u"other-%1.bin"_s.arg(i), "o");
        for (int i = 0; i < 31; ++i)
            m_server.putObject(u"many"_s, u"match-%1.bin"_s.arg(i), "m");
        QSettings settings(m_dir.filePath(u"filter.ini"_s), QSettings::IniFormat);
        auto window = makeWindow(&settings);
        QVERIFY(window->openSession(fakeSessionConfig(m_server.endpointUrl(), u"many"_s, u"filter"_s)));
        QLabel *count = window->browser()->statusLabel();
        QVERIFY2(waitUntil([&] { return count->text() == u"3,000 items"_s; }, 15000), qPrintable(count->text()));
        window->browser()->filterField()->setText(u"match"_s);
        QVERIFY2(waitUntil([&] { return count->text() == u"31 of 3,000 items"_s; }, 5000), qPrintable(count->text()));
        QCOMPARE(window->browser()->model()->rowCount(), 31);
        window->browser()->filterField()->clear();
        QVERIFY2(waitUntil([&] { return count->text() == u"3,000 items"_s; }, 5000), qPrintable(count->text()));
    }

    void aLongMessageOffersItsDetails()
    {
        QSettings settings(m_dir.filePath(u"details.ini"_s), QSettings::IniFormat);
        auto window = makeWindow(&settings);
        auto *details = window->findChild<StatusDetailsButton *>(u"statusDetailsButton"_s);
        QVERIFY(details);
        window->statusBar()->showMessage(u"Short note"_s);
        QVERIFY(!details->isVisible());
        QString longMessage = u"Transfer of reports/2026/december/quarterly-summary.pdf failed: "_s;
        while (window->statusBar()->fontMetrics().horizontalAdvance(longMessage) < 2 * window->width())
            longMessage += u"the server answered SlowDown and every retry was refused as well; "_s;
        longMessage += u"THE END"_s;
        window->statusBar()->showMessage(longMessage);
        QVERIFY(details->isVisible());
        QCOMPARE(window->statusBar()->toolTip(), longMessage);
        QTest::mouseClick(details, Qt::LeftButton);
        QMessageBox *box = details->detailsBox();
        QVERIFY(box);
        QCOMPARE(box->text(), longMessage); // whole, with its end
        box->close();
        window->statusBar()->clearMessage();
        QVERIFY(!details->isVisible());
    }
};

QTEST_MAIN(TestStatusArea)
#include "tst_statusarea.moc"
