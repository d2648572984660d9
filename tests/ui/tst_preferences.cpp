// SPDX-License-Identifier: Apache-2.0
// The Preferences (Settings > Preferences…), offscreen: the pure validation with its reasons, the dialog loads the
// kept values, OK keeps them in QSettings and applies them to every open connection's transfer engine at once
// (queued to the engine thread; the engine's limits() say what it was asked), Cancel changes nothing, a value
// that cannot be used shows why under its field and keeps OK off, and a damaged settings file means defaults.
#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "dialogs/preferencesdialog.h"
#include "s3core/transfer/partplanner.h"
#include "uitestsupport.h"
#include "widgets/bandwidthlimitcontroller.h"
#include "widgets/mainwindow.h"
#include "widgets/preferencescontroller.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;

Preferences validValues(const QString &folder)
{
    Preferences values;
    values.downloadFolder = folder;
    values.maxActiveTransfers = 4;
    values.partSize = 64 * MiB;
    return values;
}

QPushButton *okButton(PreferencesDialog &dialog)
{
    for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
        if (button->text() == u"OK"_s || button->text() == u"&OK"_s)
            return button;
    }
    return nullptr;
}
} // namespace

class TestPreferences : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FakeS3Server m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.start());
        m_server.createBucket(u"prefs"_s);
        QVERIFY(QDir(m_dir.path()).mkpath(u"downloads"_s));
        QVERIFY(QDir(m_dir.path()).mkpath(u"elsewhere"_s));
        QVERIFY(!writeTestFile(m_dir.filePath(u"a-file"_s), "x").isEmpty());
    }

    void validate_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("folder");
        QTest::addColumn<int>("active");
        QTest::addColumn<qint64>("partSize");
        QTest::addColumn<qint64>("uploadLimit");
        QTest::addColumn<QString>("reason"); // empty: no problem
        const QString folder = m_dir.filePath(u"downloads"_s);
        QTest::newRow("all fine") << QString() << folder << 4 << 64 * MiB << qint64(0) << QString();
        QTest::newRow("smallest part and one transfer") << QString() << folder << 1 << 5 * MiB << MiB << QString();
        QTest::newRow("no folder") << u"folder"_s << QString() << 4 << 64 * MiB << qint64(0) << u"Choose a folder."_s;
        QTest::newRow("relative folder") << u"folder"_s << u"downloads"_s << 4 << 64 * MiB << qint64(0)
                                         << u"Give the full path of the folder."_s;
        QTest::newRow("missing folder") << u"folder"_s << m_dir.filePath(u"missing"_s) << 4 << 64 * MiB << qint64(0)
                                        << u"This folder does not exist."_s;
        QTest::newRow("a file") << u"folder"_s << m_dir.filePath(u"a-file"_s) << 4 << 64 * MiB << qint64(0)
                                << u"This is a file, not a folder."_s;
        QTest::newRow("no transfers") << u"active"_s << folder << 0 << 64 * MiB << qint64(0)
                                      << u"Between 1 and 16 transfers at once."_s;
        QTest::newRow("too many transfers") << u"active"_s << folder << 17 << 64 * MiB << qint64(0)
                                            << u"Between 1 and 16 transfers at once."_s;
        QTest::newRow("part below 5 MiB") << u"part"_s << folder << 4 << 4 * MiB << qint64(0) << u"S3 takes parts of 5 MiB to 5 GiB."_s;
        QTest::newRow("part above 5 GiB") << u"part"_s << folder << 4 << 6 * 1024 * MiB << qint64(0)
                                          << u"S3 takes parts of 5 MiB to 5 GiB."_s;
        QTest::newRow("negative limit") << u"upload"_s << folder << 4 << 64 * MiB << qint64(-1)
                                        << u"A limit cannot be negative (0: no limit)."_s;
    }

    void validate()
    {
        QFETCH(QString, field);
        QFETCH(QString, folder);
        QFETCH(int, active);
        QFETCH(qint64, partSize);
        QFETCH(qint64, uploadLimit);
        QFETCH(QString, reason);
        Preferences values = validValues(folder);
        values.maxActiveTransfers = active;
        values.partSize = partSize;
        values.uploadLimit = uploadLimit;
        const PreferencesProblems problems = preferences::validate(values);
        QCOMPARE(problems.isEmpty(), reason.isEmpty());
        const QString found = field == u"folder"_s ? problems.downloadFolder
                              : field == u"active"_s ? problems.maxActiveTransfers
                              : field == u"part"_s   ? problems.partSize
                              : field == u"upload"_s ? problems.uploadLimit
                                                     : QString();
        QCOMPARE(found, reason);
    }

    void damagedSettingsMeanDefaults()
    {
        QSettings settings(m_dir.filePath(u"damaged.ini"_s), QSettings::IniFormat);
        settings.setValue(u"transfers/maxActive"_s, u"many"_s);
        settings.setValue(u"transfers/partSize"_s, 1024); // 1 KiB: S3 would refuse it
        settings.setValue(u"browser/localFolder"_s, m_dir.filePath(u"gone"_s));
        BandwidthLimitController bandwidth(&settings);
        PreferencesController controller(&settings, &bandwidth);
        const Preferences values = controller.preferences();
        QCOMPARE(values.maxActiveTransfers, s3::TransferLimits{}.maxActiveTransfers);
        QCOMPARE(values.partSize, s3::DefaultPartSize);
        QVERIFY(values.confirmOverwrite);
        QVERIFY2(QFileInfo(values.downloadFolder).isDir(), qPrintable(values.downloadFolder)); // a folder that exists
    }

    void dialogLoadsSavesAppliesAndCancelChangesNothing()
    {
        const QString folder = m_dir.filePath(u"downloads"_s);
        const QString elsewhere = m_dir.filePath(u"elsewhere"_s);
        QSettings settings(m_dir.filePath(u"prefs.ini"_s), QSettings::IniFormat);
        settings.setValue(u"browser/localFolder"_s, folder);
        settings.setValue(u"transfers/maxActive"_s, 3);
        settings.setValue(u"transfers/partSize"_s, 16 * MiB);
        settings.setValue(u"transfers/confirmOverwrite"_s, true);
        settings.setValue(u"transfers/uploadLimit"_s, 2 * MiB);
        BandwidthLimitController bandwidth(&settings);
        PreferencesController controller(&settings, &bandwidth);
        // Two connections' engines: every one gets the values now and every change after.
        auto first = transferEngineFor(fakeResolver(m_server.endpointUrl()), 10000);
        auto second = transferEngineFor(fakeResolver(m_server.endpointUrl()), 10000);
        for (s3::TransferEngine *engine : {first.get(), second.get()}) {
            bandwidth.addEngine(engine);
            controller.addEngine(engine);
            QCOMPARE(engine->limits().maxActiveTransfers, 3);
            QCOMPARE(engine->limits().uploadPartSize, 16 * MiB);
            QCOMPARE(engine->limits().uploadBytesPerSecond, 2 * MiB);
            QCOMPARE(engine->limits().maxConnections, s3::TransferLimits{}.maxConnections); // the others kept
        }
        QSignalSpy changed(&controller, &PreferencesController::preferencesChanged);

        // Loads what is kept.
        {
            PreferencesDialog dialog(&controller);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QCOMPARE(QDir::fromNativeSeparators(child<QLineEdit>(dialog, "downloadFolderEdit")->text()), folder);
            QCOMPARE(child<QSpinBox>(dialog, "maxActiveBox")->value(), 3);
            QCOMPARE(child<QSpinBox>(dialog, "partSizeBox")->value(), 16);
            QVERIFY(child<QCheckBox>(dialog, "confirmOverwriteBox")->isChecked());
            QCOMPARE(child<QSpinBox>(dialog, "uploadLimitBox")->value(), 2048);
            QCOMPARE(child<QSpinBox>(dialog, "downloadLimitBox")->value(), 0);
            QCOMPARE(child<QSpinBox>(dialog, "downloadLimitBox")->text(), u"No limit"_s);

            // Cancel changes nothing: not the settings, not the engines.
            child<QSpinBox>(dialog, "maxActiveBox")->setValue(9);
            child<QSpinBox>(dialog, "partSizeBox")->setValue(128);
            child<QCheckBox>(dialog, "confirmOverwriteBox")->setChecked(false);
            child<QSpinBox>(dialog, "downloadLimitBox")->setValue(512);
            dialog.reject();
        }
        QCOMPARE(changed.size(), 0);
        QCOMPARE(settings.value(u"transfers/maxActive"_s).toInt(), 3);
        QCOMPARE(settings.value(u"transfers/partSize"_s).toLongLong(), 16 * MiB);
        QCOMPARE(settings.value(u"transfers/downloadLimit"_s, 0).toLongLong(), qint64(0));
        QCOMPARE(first->limits().maxActiveTransfers, 3);
        QCOMPARE(first->limits().downloadBytesPerSecond, qint64(0));

        // A value that cannot be used: the reason under the field, OK off, Enter keeps the dialog.
        {
            PreferencesDialog dialog(&controller);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            auto *folderEdit = child<QLineEdit>(dialog, "downloadFolderEdit");
            folderEdit->setText(m_dir.filePath(u"missing"_s));
            auto *problem = child<QLabel>(dialog, "folderProblem");
            QVERIFY(problem->isVisible());
            QCOMPARE(problem->text(), u"This folder does not exist."_s);
            QVERIFY(problem->geometry().top() > folderEdit->mapTo(&dialog, QPoint(0, folderEdit->height())).y() - 1); // under it
            QVERIFY(!okButton(dialog)->isEnabled());
            dialog.accept();
            QVERIFY(dialog.isVisible());
            QCOMPARE(dialog.result(), int(QDialog::Rejected));

            // Fixed: OK keeps and applies every value.
            folderEdit->setText(QDir::toNativeSeparators(elsewhere));
            QVERIFY(!problem->isVisible());
            QVERIFY(okButton(dialog)->isEnabled());
            child<QSpinBox>(dialog, "maxActiveBox")->setValue(7);
            child<QSpinBox>(dialog, "partSizeBox")->setValue(32);
            child<QCheckBox>(dialog, "confirmOverwriteBox")->setChecked(false);
            child<QSpinBox>(dialog, "downloadLimitBox")->setValue(512);
            QTest::mouseClick(okButton(dialog), Qt::LeftButton);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        QCOMPARE(changed.size(), 1);
        QCOMPARE(settings.value(u"browser/localFolder"_s).toString(), elsewhere);
        QCOMPARE(settings.value(u"transfers/maxActive"_s).toInt(), 7);
        QCOMPARE(settings.value(u"transfers/partSize"_s).toLongLong(), 32 * MiB);
        QCOMPARE(settings.value(u"transfers/confirmOverwrite"_s).toBool(), false);
        QCOMPARE(settings.value(u"transfers/uploadLimit"_s).toLongLong(), 2 * MiB); // untouched, exact
        QCOMPARE(settings.value(u"transfers/downloadLimit"_s).toLongLong(), 512 * KiB);
        QCOMPARE(bandwidth.downloadLimit(), 512 * KiB);
        for (s3::TransferEngine *engine : {first.get(), second.get()}) {
            QCOMPARE(engine->limits().maxActiveTransfers, 7);
            QCOMPARE(engine->limits().uploadPartSize, 32 * MiB);
            QCOMPARE(engine->limits().uploadBytesPerSecond, 2 * MiB);
            QCOMPARE(engine->limits().downloadBytesPerSecond, 512 * KiB);
        }

        // Kept: a new controller (the next start) reads the same.
        BandwidthLimitController bandwidthAgain(&settings);
        PreferencesController again(&settings, &bandwidthAgain);
        const Preferences reread = again.preferences();
        QVERIFY(reread == controller.preferences());
    }

    void theNextUploadUsesThePartSize()
    {
        // 8 MiB parts: a 16 MiB file (at the multipart threshold) goes up in two parts, not one of 64 MiB.
        QSettings settings(m_dir.filePath(u"parts.ini"_s), QSettings::IniFormat);
        BandwidthLimitController bandwidth(&settings);
        PreferencesController controller(&settings, &bandwidth);
        auto engine = transferEngineFor(fakeResolver(m_server.endpointUrl()), 10000);
        controller.addEngine(engine.get());
        Preferences values = controller.preferences();
        values.partSize = 8 * MiB;
        controller.apply(values);
        QCOMPARE(engine->limits().uploadPartSize, 8 * MiB);
        const QString local = writeTestFile(m_dir.filePath(u"sixteen.bin"_s), QByteArray(int(16 * MiB), 'p'));
        QVERIFY(!local.isEmpty());
        QSignalSpy finished(engine.get(), &s3::TransferEngine::taskFinished);
        const int partsBefore = m_server.count(u"UploadPart"_s);
        engine->enqueueUpload(local, u"prefs"_s, u"sixteen.bin"_s);
        QVERIFY(waitUntil([&] { return finished.size() == 1; }, 30000));
        QCOMPARE(finished.first().first().value<s3::TransferSnapshot>().state, s3::TransferState::Succeeded);
        QCOMPARE(m_server.count(u"UploadPart"_s) - partsBefore, 2);
    }

    void mainWindowAppliesToEveryConnectionAndTheBrowser()
    {
        QSettings settings(m_dir.filePath(u"window.ini"_s), QSettings::IniFormat);
        MainWindowDependencies dependencies;
        dependencies.settings = &settings;
        dependencies.stateDir = m_dir.filePath(u"queues"_s);
        MainWindow window(dependencies);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openSession(fakeSessionConfig(m_server.endpointUrl(), u"prefs"_s, u"one"_s)));
        Session *one = window.currentSession();
        QVERIFY(window.openSession(fakeSessionConfig(m_server.endpointUrl(), u"prefs"_s, u"two"_s)));
        Session *two = window.currentSession();
        QVERIFY(one && two && one != two);
        QVERIFY(window.browser()->confirmOverwrite());

        // In the menus, and one dialog at a time.
        QAction *action = window.findChild<QAction *>(u"preferencesAction"_s);
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::Preferences));
        action->trigger();
        PreferencesDialog *dialog = window.preferencesDialog();
        QVERIFY(dialog);
        window.showPreferences();
        QCOMPARE(window.preferencesDialog(), dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        child<QLineEdit>(*dialog, "downloadFolderEdit")->setText(m_dir.filePath(u"elsewhere"_s));
        child<QSpinBox>(*dialog, "maxActiveBox")->setValue(2);
        child<QSpinBox>(*dialog, "partSizeBox")->setValue(8);
        child<QCheckBox>(*dialog, "confirmOverwriteBox")->setChecked(false);
        child<QSpinBox>(*dialog, "uploadLimitBox")->setValue(1024);
        dialog->accept();
        for (Session *session : {one, two}) {
            QCOMPARE(session->transfers()->limits().maxActiveTransfers, 2);
            QCOMPARE(session->transfers()->limits().uploadPartSize, 8 * MiB);
            QCOMPARE(session->transfers()->limits().uploadBytesPerSecond, MiB);
        }
        QVERIFY(!window.browser()->confirmOverwrite());
        QCOMPARE(window.browser()->localFolder(), m_dir.filePath(u"elsewhere"_s));

        // A connection opened later gets them too.
        QVERIFY(window.openSession(fakeSessionConfig(m_server.endpointUrl(), u"prefs"_s, u"three"_s)));
        QCOMPARE(window.currentSession()->transfers()->limits().maxActiveTransfers, 2);
        QCOMPARE(window.currentSession()->transfers()->limits().uploadPartSize, 8 * MiB);
        QCOMPARE(window.currentSession()->transfers()->limits().uploadBytesPerSecond, MiB);
    }

    void withoutAskingAnExistingFileIsReplaced()
    {
        // Confirm-before-overwrite off: the upload conflict prompt does not come, the object is replaced.
        m_server.putObject(u"prefs"_s, u"same.txt"_s, "old");
        const QString local = writeTestFile(m_dir.filePath(u"same.txt"_s), "new contents");
        QVERIFY(!local.isEmpty());
        auto session = openTestSession(fakeSessionConfig(m_server.endpointUrl(), u"prefs"_s, u"replace"_s));
        QVERIFY(session);
        BrowserView browser;
        browser.setSession(session.get());
        browser.openLocation(u"prefs"_s, QString());
        browser.setConfirmOverwrite(false);
        browser.uploadPaths({local}, QString());
        QVERIFY(waitUntil([&] {
            const auto object = m_server.object(u"prefs"_s, u"same.txt"_s);
            return object && object->data == "new contents";
        }, 10000));
        QVERIFY(!browser.findChild<QWidget *>(u"uploadConflict"_s) || !browser.findChild<QWidget *>(u"uploadConflict"_s)->isVisible());
    }
};

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
