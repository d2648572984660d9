// SPDX-License-Identifier: Apache-2.0
// Synchronize… offscreen against the in-process fake S3: the safe defaults (upload, size and time, delete off,
// skipped rows hidden), the delete warning, rows streaming in while the listing pages come (and Stop ending the
// preview), a malformed exclude pattern refused, a changed field turning Run off, and a run of uploads plus a
// delete through the session's transfer engine.
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "browser/synccontroller.h"
#include "connection/session.h"
#include "dialogs/syncdialog.h"
#include "fakes3server.h"
#include "models/syncplanmodel.h"
#include "uitestsupport.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestSyncDialog : public QObject
{
    Q_OBJECT

    FakeS3Server m_server;
    std::unique_ptr<Session> m_session;
    QTemporaryDir m_dir;

    struct Opened
    {
        std::unique_ptr<SyncDialog> dialog;
        SyncController *controller = nullptr;
    };

    Opened open(const QString &prefix)
    {
        Opened opened;
        opened.dialog = std::make_unique<SyncDialog>(u"b"_s, prefix, m_dir.path());
        opened.controller = new SyncController(m_session.get(), opened.dialog.get(), {});
        opened.dialog->show();
        return opened;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.start());
        m_server.createBucket(u"b"_s);
        m_session = openTestSession(fakeSessionConfig(m_server.endpointUrl(), u"b"_s));
        QVERIFY(m_session);
    }

    void cleanupTestCase() { m_session.reset(); }

    void defaultsAndDeleteWarning()
    {
        Opened o = open(u"p/"_s);
        QVERIFY(o.dialog->request().direction == s3::SyncDirection::LocalToS3);
        QVERIFY(!o.dialog->request().compareChecksum);
        QVERIFY(!o.dialog->request().deleteExtra);
        QVERIFY(!o.dialog->showSkippedBox()->isChecked());
        QVERIFY(!o.dialog->deleteWarning()->isVisible());
        QVERIFY(!o.dialog->runButton()->isEnabled());
        QVERIFY(o.dialog->previewButton()->isEnabled());
        o.dialog->deleteBox()->setChecked(true);
        QVERIFY(o.dialog->deleteWarning()->isVisible());
        QCOMPARE(o.dialog->deleteWarning()->text(), u"Objects below s3://b/p/ that are not in the local folder will be deleted."_s);
        o.dialog->directionBox()->setCurrentIndex(1);
        QCOMPARE(o.dialog->deleteWarning()->text(), u"Files in the local folder that are not below s3://b/p/ will be deleted."_s);
        o.dialog->excludeEdit()->setText(u" *.tmp ; .git/* ;"_s);
        QCOMPARE(o.dialog->request().excludes, (QStringList{u"*.tmp"_s, u".git/*"_s}));
    }

    void badPatternIsRefused()
    {
        Opened o = open(u"p/"_s);
        o.dialog->excludeEdit()->setText(u"[abc"_s);
        o.controller->preview();
        QVERIFY(o.controller->state() == SyncController::State::Idle);
        QVERIFY2(o.dialog->statusLabel()->text().contains(u"[abc"_s), qPrintable(o.dialog->statusLabel()->text()));
    }

    void rowsStreamAndStopEndsThePreview()
    {
        for (int i = 0; i < 40; ++i)
            m_server.putObject(u"b"_s, u"s/k%1"_s.arg(i, 2, 10, QLatin1Char('0')), "x");
        const QString local = m_dir.filePath(u"empty"_s);
        QVERIFY(QDir().mkpath(local));
        Opened o = open(u"s/"_s);
        o.dialog->folderEdit()->setText(local);
        o.dialog->showSkippedBox()->setChecked(true);
        o.controller->setPageSize(5);
        m_server.addFault(delayFault(u"ListObjectsV2"_s, 150));
        o.controller->preview();
        QVERIFY(o.controller->state() == SyncController::State::Previewing);
        QVERIFY(!o.dialog->previewButton()->isEnabled());
        QVERIFY(o.dialog->stopButton()->isEnabled());
        // Rows come page by page, before the plan is complete.
        QVERIFY(waitUntil([&] { return o.controller->model()->rowCount() >= 5; }, 10000));
        QVERIFY(o.controller->state() == SyncController::State::Previewing);
        QSignalSpy done(o.controller, &SyncController::previewFinished);
        o.dialog->stopButton()->click();
        QVERIFY(done.size() == 1 || done.wait(5000));
        QCOMPARE(done.first().first().toBool(), false);
        QVERIFY(o.controller->model()->rowCount() < 40);
        QVERIFY(o.dialog->statusLabel()->text().startsWith(u"Preview stopped"_s));
        QVERIFY(!o.dialog->runButton()->isEnabled());
        m_server.clearFaults();
    }

    void runUploadsAndDeletes()
    {
        const QString local = m_dir.filePath(u"up"_s);
        QVERIFY(QDir().mkpath(local));
        QVERIFY(!writeTestFile(local + u"/a.txt"_s, "alpha").isEmpty());
        m_server.putObject(u"b"_s, u"u/old.txt"_s, "old");
        Opened o = open(u"u/"_s);
        o.dialog->folderEdit()->setText(local);
        o.dialog->deleteBox()->setChecked(true);
        QSignalSpy previewed(o.controller, &SyncController::previewFinished);
        o.dialog->previewButton()->click();
        QVERIFY(previewed.wait(10000));
        QVERIFY(previewed.first().first().toBool());
        QCOMPARE(o.controller->model()->rowCount(), 2);
        QVERIFY(o.dialog->runButton()->isEnabled());
        QVERIFY(o.dialog->summaryLabel()->text().startsWith(u"1 to upload"_s));
        // A changed field: that preview no longer applies.
        o.dialog->compareBox()->setCurrentIndex(1);
        QVERIFY(!o.dialog->runButton()->isEnabled());
        previewed.clear();
        o.dialog->previewButton()->click();
        QVERIFY(previewed.wait(10000));
        QSignalSpy ran(o.controller, &SyncController::runFinished);
        o.dialog->runButton()->click();
        QVERIFY(ran.wait(20000));
        QVERIFY2(ran.first().first().toBool(), qPrintable(o.dialog->statusLabel()->text()));
        QCOMPARE(m_server.object(u"b"_s, u"u/a.txt"_s)->data, QByteArray("alpha"));
        QVERIFY(!m_server.object(u"b"_s, u"u/old.txt"_s));
        QCOMPARE(o.controller->transfersQueued(), 1);
        QCOMPARE(o.controller->deleted(), qint64(1));
    }
};

QTEST_MAIN(TestSyncDialog)
#include "tst_syncdialog.moc"
