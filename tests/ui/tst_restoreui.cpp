// SPDX-License-Identifier: Apache-2.0
// The app with archived objects, against FakeS3Server answering RestoreObject as AWS does (Ceph RGW 16 neither
// archives nor restores): Restore… only for files in GLACIER / DEEP_ARCHIVE, its dialog (count, days, tier),
// the requests it sends, a refusal shown with its meaning, Properties showing the restore status, and a
// download of an archived object failing with a message that says to restore it first.
#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "dialogs/propertiesdialog.h"
#include "fakes3server.h"
#include "models/objectlistmodel.h"
#include "models/transferlistmodel.h"
#include "s3core/transfer/transferengine.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestRestoreUi : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<FakeS3Server> m_server;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;

    BrowserView *browser() const { return m_window->browser(); }

    bool waitListed()
    {
        return waitUntil([this] { return !browser()->model()->isListing(); }, 10000);
    }

    bool select(const QStringList &names)
    {
        QItemSelectionModel *selection = browser()->view()->selectionModel();
        selection->clearSelection();
        for (const QString &name : names) {
            if (!waitUntil([&] { return browser()->model()->rowOfName(name) >= 0; }, 5000))
                return false;
            selection->select(browser()->model()->index(browser()->model()->rowOfName(name), 0),
                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        return true;
    }

    void putArchived(const QString &key, const QString &storageClass)
    {
        m_server->putObject(u"bucket"_s, key, "archived " + key.toUtf8());
        m_server->updateObject(u"bucket"_s, key, [storageClass](FakeS3Object &object) { object.storageClass = storageClass; });
    }

    QString propertiesStorageClass(const QString &key)
    {
        PropertiesDialog dialog(m_window->currentSession(), u"bucket"_s, key);
        dialog.show();
        if (!waitUntil([&] { return !dialog.isBusy(); }, 10000))
            return u"(still loading)"_s;
        auto *label = dialog.findChild<QLabel *>(u"storageClassLabel"_s);
        return label ? label->text() : u"(no label)"_s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<FakeS3Server>();
        QVERIFY(m_server->start());
        m_server->createBucket(u"bucket"_s);
        putArchived(u"cold/a.bin"_s, u"GLACIER"_s);
        putArchived(u"cold/b.bin"_s, u"DEEP_ARCHIVE"_s);
        m_server->putObject(u"bucket"_s, u"cold/warm.txt"_s, "warm");
        m_settings = std::make_unique<QSettings>(m_dir.filePath(u"s3desk.ini"_s), QSettings::IniFormat);
        MainWindowDependencies dependencies;
        dependencies.settings = m_settings.get();
        dependencies.stateDir = m_dir.filePath(u"queues"_s);
        m_window = std::make_unique<MainWindow>(dependencies);
        m_window->show();
        SessionConfig config = fakeSessionConfig(m_server->endpointUrl(), u"bucket"_s);
        config.transferTimeoutMs = 5000;
        QVERIFY(m_window->openSession(config));
        browser()->openLocation(u"bucket"_s, u"cold/"_s);
        QVERIFY(waitListed());
    }

    void restoreOnlyForArchivedFiles()
    {
        QVERIFY(select({u"warm.txt"_s}));
        QVERIFY(!browser()->restoreAction()->isEnabled());
        QVERIFY(select({u"a.bin"_s, u"warm.txt"_s}));
        QVERIFY(!browser()->restoreAction()->isEnabled());
        QVERIFY(select({u"a.bin"_s, u"b.bin"_s}));
        QVERIFY(browser()->restoreAction()->isEnabled());
    }

    void restoreAsksDaysAndTierThenRequests()
    {
        QCOMPARE(propertiesStorageClass(u"cold/a.bin"_s), u"GLACIER"_s);
        QVERIFY(select({u"a.bin"_s, u"b.bin"_s}));
        browser()->restoreAction()->trigger();
        auto *dialog = waitForVisibleChild<QDialog>(m_window.get(), u"restoreDialog"_s, 5000);
        QVERIFY(dialog);
        const QString question = dialog->findChild<QLabel *>(u"restoreQuestion"_s)->text();
        QVERIFY2(question.contains(u"2 file(s)"_s), qPrintable(question));
        dialog->findChild<QSpinBox *>(u"restoreDays"_s)->setValue(3);
        dialog->findChild<QComboBox *>(u"restoreTier"_s)->setCurrentText(u"Bulk"_s);
        QSignalSpy done(browser(), &BrowserView::operationFinished);
        dialog->findChild<QPushButton *>(u"restoreButton"_s)->click();
        QVERIFY(done.wait(10000));
        QVERIFY2(done.last().at(1).toBool(), qPrintable(m_window->lastError()));
        QCOMPARE(m_server->count(u"RestoreObject"_s), 2);
        for (const FakeS3Request &request : m_server->requests()) {
            if (request.operation == u"RestoreObject"_s)
                QVERIFY2(request.body.contains("<Days>3</Days><GlacierJobParameters><Tier>Bulk</Tier>"), request.body.constData());
        }
        QVERIFY(m_server->object(u"bucket"_s, u"cold/a.bin"_s)->restoreOngoing);
        QVERIFY(m_server->object(u"bucket"_s, u"cold/b.bin"_s)->restoreOngoing);
        QCOMPARE(propertiesStorageClass(u"cold/a.bin"_s), u"GLACIER (Restore: in progress)"_s);

        // Again while it runs: refused, and the message says what that means.
        QVERIFY(select({u"a.bin"_s}));
        browser()->restoreAction()->trigger();
        dialog = waitForVisibleChild<QDialog>(m_window.get(), u"restoreDialog"_s, 5000);
        QVERIFY(dialog);
        dialog->findChild<QPushButton *>(u"restoreButton"_s)->click();
        QVERIFY(done.wait(10000));
        QVERIFY(!done.last().at(1).toBool());
        QVERIFY2(m_window->lastError().contains(u"a restore of cold/a.bin is already in progress"_s), qPrintable(m_window->lastError()));

        const QDateTime expiry = QDateTime::currentDateTimeUtc().addDays(3);
        m_server->updateObject(u"bucket"_s, u"cold/a.bin"_s, [expiry](FakeS3Object &object) {
            object.restoreOngoing = false;
            object.restoreExpiry = QDateTime::fromSecsSinceEpoch(expiry.toSecsSinceEpoch(), Qt::UTC);
        });
        QVERIFY2(propertiesStorageClass(u"cold/a.bin"_s).startsWith(u"GLACIER (Restore: available until "_s),
                 qPrintable(propertiesStorageClass(u"cold/a.bin"_s)));
    }

    void downloadOfAnArchivedObjectSaysToRestoreIt()
    {
        const QString target = m_dir.filePath(u"downloads"_s);
        QVERIFY(QDir().mkpath(target));
        QSignalSpy finished(m_window->transfers(), &TransferListModel::transferFinished);
        // b.bin is still being restored: the GET is refused.
        browser()->downloadKeys({u"cold/b.bin"_s}, target);
        QVERIFY(finished.wait(10000));
        const auto snapshot = finished.last().at(1).value<s3::TransferSnapshot>();
        QCOMPARE(snapshot.state, s3::TransferState::Failed);
        QVERIFY2(snapshot.lastError.message().contains(u"cold/b.bin is archived in"_s)
                     && snapshot.lastError.message().contains(u"must be restored before it can be downloaded"_s),
                 qPrintable(snapshot.lastError.message()));
        QVERIFY(!QFile::exists(target + u"/b.bin"_s));
    }
};

QTEST_MAIN(TestRestoreUi)
#include "tst_restoreui.moc"
