// SPDX-License-Identifier: Apache-2.0
// The app's bandwidth limit: the status bar button's text and menu, and the controller that keeps the limits in
// QSettings (a damaged value means no limit) and announces a change once.
#include <QActionGroup>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "widgets/bandwidthlimitbutton.h"
#include "widgets/bandwidthlimitcontroller.h"

using namespace Qt::Literals::StringLiterals;
using namespace s3ui;

namespace {
constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;

/** The action of one direction's submenu ("Upload limit" / "Download limit") with that rate. */
QAction *presetAction(QToolButton &button, const QString &submenu, qint64 rate)
{
    for (QAction *entry : button.menu()->actions()) {
        if (entry->menu() && entry->text() == submenu) {
            for (QAction *action : entry->menu()->actions()) {
                if (action->data().toLongLong() == rate)
                    return action;
            }
        }
    }
    return nullptr;
}
} // namespace

class TestBandwidthLimit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void summaryText_data()
    {
        QTest::addColumn<qint64>("upload");
        QTest::addColumn<qint64>("download");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << qint64(0) << qint64(0) << u"No bandwidth limit"_s;
        QTest::newRow("upload only") << 10 * MiB << qint64(0) << u"↑ 10 MiB/s"_s;
        QTest::newRow("download only") << qint64(0) << 256 * KiB << u"↓ 256 KiB/s"_s;
        QTest::newRow("both") << MiB << 50 * MiB << u"↑ 1 MiB/s ↓ 50 MiB/s"_s;
    }

    void summaryText()
    {
        QFETCH(qint64, upload);
        QFETCH(qint64, download);
        QFETCH(QString, expected);
        QCOMPARE(BandwidthLimitButton::summaryText(upload, download), expected);
    }

    void keptInSettings()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSettings settings(dir.filePath(u"s3desk.ini"_s), QSettings::IniFormat);
        {
            BandwidthLimitController controller(&settings);
            QCOMPARE(controller.uploadLimit(), qint64(0));
            QCOMPARE(controller.downloadLimit(), qint64(0));
            QSignalSpy changed(&controller, &BandwidthLimitController::limitsChanged);
            controller.setLimits(MiB, 2 * MiB);
            controller.setLimits(MiB, 2 * MiB); // no change: no signal
            QCOMPARE(changed.size(), 1);
            QCOMPARE(changed.at(0).at(0).toLongLong(), MiB);
            QCOMPARE(changed.at(0).at(1).toLongLong(), 2 * MiB);
        }
        BandwidthLimitController reopened(&settings);
        QCOMPARE(reopened.uploadLimit(), MiB);
        QCOMPARE(reopened.downloadLimit(), 2 * MiB);

        settings.setValue(u"transfers/uploadLimit"_s, u"fast"_s);
        settings.setValue(u"transfers/downloadLimit"_s, -5);
        BandwidthLimitController damaged(&settings);
        QCOMPARE(damaged.uploadLimit(), qint64(0));
        QCOMPARE(damaged.downloadLimit(), qint64(0));
    }

    void menuPicksALimit()
    {
        BandwidthLimitController controller(nullptr);
        BandwidthLimitButton button(&controller);
        QCOMPARE(button.text(), u"No bandwidth limit"_s);
        QVERIFY(button.menu());

        QAction *tenUp = presetAction(button, u"Upload limit"_s, 10 * MiB);
        QVERIFY(tenUp);
        tenUp->trigger();
        QCOMPARE(controller.uploadLimit(), 10 * MiB);
        QCOMPARE(controller.downloadLimit(), qint64(0));
        QCOMPARE(button.text(), u"↑ 10 MiB/s"_s);
        QVERIFY(tenUp->isChecked());
        QVERIFY(presetAction(button, u"Download limit"_s, 0)->isChecked());

        presetAction(button, u"Download limit"_s, MiB)->trigger();
        QCOMPARE(controller.downloadLimit(), MiB);
        QCOMPARE(button.text(), u"↑ 10 MiB/s ↓ 1 MiB/s"_s);

        // A limit that is no preset (from the settings file) checks nothing; "Unlimited" lifts it.
        controller.setLimits(3 * MiB, MiB);
        for (QAction *action : presetAction(button, u"Upload limit"_s, 0)->actionGroup()->actions())
            QVERIFY(!action->isChecked());
        presetAction(button, u"Upload limit"_s, 0)->trigger();
        QCOMPARE(controller.uploadLimit(), qint64(0));
        QCOMPARE(button.text(), u"↓ 1 MiB/s"_s);
    }
};

QTEST_MAIN(TestBandwidthLimit)
#include "tst_bandwidthlimit.moc"
