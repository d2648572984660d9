// SPDX-License-Identifier: Apache-2.0
// Tabs against the real Ceph RGW: two tabs on two prefixes (and a tab on another bucket), objects dragged from
// the browser of one onto the other tab: copied (the bytes identical, the source kept), moved with Shift (the
// source gone), a folder with everything in it; the tab on screen refreshes after a move out of it; and onto a
// tab of a second connection: through the transfer queues (download, upload), the temporary copies removed.
#include <QDir>
#include <QMimeData>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "models/objectlistmodel.h"
#include "s3core/ops/objectjobs.h"
#include "uitestsupport.h"
#include "widgets/browsertabbar.h"
#include "widgets/mainwindow.h"
#include "widgets/tabscontroller.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestLiveTabs : public QObject
{
    Q_OBJECT

    LiveServer m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<s3::S3Client> m_client;
    QString m_bucket;
    QString m_other;
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    QByteArray m_big;
    QByteArray m_cross;

    BrowserView *browser() const { return m_window->browser(); }

    bool listed(const QString &bucket, const QString &prefix)
    {
        return waitUntil([&] {
            return browser()->bucket() == bucket && browser()->prefix() == prefix && !browser()->model()->isListing();
        }, 20000);
    }

    /** The object's bytes, or a null QByteArray when it does not exist. */
    QByteArray get(const QString &bucket, const QString &key)
    {
        s3::GetObjectJob job(m_client.get(), bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            return {};
        return job.data().isNull() ? QByteArray("") : job.data();
    }

    /** Drags `names` of the folder on screen (the browser's own drag data) and drops them on tab `index`. */
    bool dragToTab(const QStringList &names, int index, Qt::KeyboardModifiers modifiers)
    {
        QStringList keys;
        for (const QString &name : names) {
            const int row = browser()->model()->rowOfName(name);
            if (row < 0)
                return false;
            keys.append(browser()->model()->keyAt(row));
        }
        std::unique_ptr<QMimeData> mime(browser()->dragMimeData(keys, nullptr));
        if (!mime)
            return false;
        BrowserTabBar *bar = m_window->tabs()->bar();
        const QPoint at = bar->tabRect(index).center();
        QDragEnterEvent enter(at, Qt::CopyAction | Qt::MoveAction, mime.get(), Qt::LeftButton, modifiers);
        QCoreApplication::sendEvent(bar, &enter);
        QDragMoveEvent move(at, Qt::CopyAction | Qt::MoveAction, mime.get(), Qt::LeftButton, modifiers);
        QCoreApplication::sendEvent(bar, &move);
        if (!move.isAccepted())
            return false;
        QDropEvent drop(at, Qt::CopyAction | Qt::MoveAction, mime.get(), Qt::LeftButton, modifiers);
        QCoreApplication::sendEvent(bar, &drop);
        return drop.isAccepted();
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY(m_dir.isValid());
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_client = m_server.client(m_nam.get());
        m_bucket = createTestBucket(m_client.get(), u"wip-tabs"_s);
        QVERIFY(!m_bucket.isEmpty());
        m_other = createTestBucket(m_client.get(), u"wip-tabs-other"_s);
        QVERIFY(!m_other.isEmpty());
        m_big = randomBytes(9 * 1024 * 1024 + 17, 14);
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"left/small.txt"_s, "small text"));
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"left/big.bin"_s, m_big));
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"left/sub/inner.txt"_s, "inner"));
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"left/sub/deeper/last.txt"_s, "last"));
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"left/moving.txt"_s, "moving"));
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"right/keep.txt"_s, "keep"));
        m_cross = randomBytes(5 * 1024 * 1024 + 3, 15);
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"left/cross.bin"_s, m_cross));

        m_settings = std::make_unique<QSettings>(m_dir.filePath(u"s3desk.ini"_s), QSettings::IniFormat);
        MainWindowDependencies dependencies;
        dependencies.settings = m_settings.get();
        dependencies.stateDir = m_dir.filePath(u"queues"_s);
        m_window = std::make_unique<MainWindow>(dependencies);
        m_window->resize(1024, 768);
        m_window->show();
        QVERIFY(m_window->openSession(liveSessionConfig(m_server)));
        // Tab 0 on right/, tab 1 (on screen) on left/.
        browser()->openLocation(m_bucket, u"right/"_s);
        QVERIFY(listed(m_bucket, u"right/"_s));
        m_window->newTabAction()->trigger();
        browser()->openLocation(m_bucket, u"left/"_s);
        QVERIFY(listed(m_bucket, u"left/"_s));
        QCOMPARE(m_window->tabs()->count(), 2);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        if (m_client && !m_bucket.isEmpty())
            QVERIFY(!removeTestBucket(m_client.get(), m_bucket).isError());
        if (m_client && !m_other.isEmpty())
            QVERIFY(!removeTestBucket(m_client.get(), m_other).isError());
    }

    void dragOntoATabCopies()
    {
        QVERIFY(dragToTab({u"small.txt"_s, u"big.bin"_s, u"sub"_s}, 0, Qt::NoModifier));
        QVERIFY(waitUntil([&] { return !get(m_bucket, u"right/sub/deeper/last.txt"_s).isNull(); }, 60000));
        QVERIFY(waitUntil([&] { return get(m_bucket, u"right/big.bin"_s) == m_big; }, 60000));
        QCOMPARE(get(m_bucket, u"right/small.txt"_s), QByteArray("small text"));
        QCOMPARE(get(m_bucket, u"right/sub/inner.txt"_s), QByteArray("inner"));
        QCOMPARE(get(m_bucket, u"right/sub/deeper/last.txt"_s), QByteArray("last"));
        // A copy: the sources stay.
        QCOMPARE(get(m_bucket, u"left/small.txt"_s), QByteArray("small text"));
        QVERIFY(get(m_bucket, u"left/big.bin"_s) == m_big);
        QVERIFY(m_window->lastError().isEmpty());
        // The target tab lists them when it is shown.
        m_window->tabs()->activate(0);
        QVERIFY(listed(m_bucket, u"right/"_s));
        for (const QString &name : {u"small.txt"_s, u"big.bin"_s, u"keep.txt"_s})
            QVERIFY2(browser()->model()->rowOfName(name) >= 0, qPrintable(name));
        QVERIFY(browser()->model()->containsName(u"sub"_s, true));
        m_window->tabs()->activate(1);
        QVERIFY(listed(m_bucket, u"left/"_s));
    }

    void shiftDragMoves()
    {
        QVERIFY(dragToTab({u"moving.txt"_s}, 0, Qt::ShiftModifier));
        QVERIFY(waitUntil([&] { return get(m_bucket, u"right/moving.txt"_s) == QByteArray("moving")
                                       && get(m_bucket, u"left/moving.txt"_s).isNull(); }, 30000));
        // The folder on screen refreshes without it.
        QVERIFY(waitUntil([&] { return !browser()->model()->isListing() && browser()->model()->rowOfName(u"moving.txt"_s) < 0; }, 10000));
    }

    void dragOntoATabOfAnotherBucket()
    {
        // A third tab on the other bucket's root; back to left/ to drag from there.
        m_window->newTabAction()->trigger();
        browser()->openLocation(m_other, QString());
        QVERIFY(listed(m_other, QString()));
        m_window->tabs()->activate(1);
        QVERIFY(listed(m_bucket, u"left/"_s));
        QVERIFY(dragToTab({u"big.bin"_s}, 2, Qt::ShiftModifier));
        QVERIFY(waitUntil([&] { return get(m_bucket, u"left/big.bin"_s).isNull(); }, 60000));
        QVERIFY(get(m_other, u"big.bin"_s) == m_big);
        QVERIFY(m_window->lastError().isEmpty());
        // Onto its own folder's tab nothing is taken (tab 1 is on screen; a drop on it is refused by the bar).
        QVERIFY(!dragToTab({u"small.txt"_s}, 1, Qt::NoModifier));
    }

    void dragOntoATabOfAnotherConnection()
    {
        // A fourth tab on a second connection with another endpoint (the server's https one: its own session,
        // engine and TLS), at the other bucket. No server-side copy reaches from one connection to another.
        struct { bool tls = true; } path;
        S3DESK_REQUIRE_LIVE_TLS(m_server, path);
        m_window->newTabAction()->trigger();
        QVERIFY(m_window->openSession(liveTlsSessionConfig(m_server, {}, u"live-second"_s)));
        browser()->openLocation(m_other, u"inbox/"_s);
        QVERIFY(listed(m_other, u"inbox/"_s));
        const int tab = m_window->tabs()->currentIndex();
        QCOMPARE(m_window->tabs()->tab(tab).connection, u"live-second"_s);
        m_window->tabs()->activate(1);
        QVERIFY(listed(m_bucket, u"left/"_s));
        QCOMPARE(m_window->currentSession()->id(), u"live"_s);

        // A copy: downloaded by this connection's queue, uploaded by the other's; bytes identical, sources kept.
        QVERIFY(dragToTab({u"cross.bin"_s, u"sub"_s}, tab, Qt::NoModifier));
        QVERIFY(waitUntil([&] { return get(m_other, u"inbox/cross.bin"_s) == m_cross
                                       && get(m_other, u"inbox/sub/deeper/last.txt"_s) == QByteArray("last"); }, 60000));
        QCOMPARE(get(m_other, u"inbox/sub/inner.txt"_s), QByteArray("inner"));
        QVERIFY(get(m_bucket, u"left/cross.bin"_s) == m_cross);
        // Shift: a move; the source goes once its copy is there.
        QVERIFY(dragToTab({u"small.txt"_s}, tab, Qt::ShiftModifier));
        QVERIFY(waitUntil([&] { return get(m_other, u"inbox/small.txt"_s) == QByteArray("small text")
                                       && get(m_bucket, u"left/small.txt"_s).isNull(); }, 60000));
        QVERIFY(waitUntil([&] { return QDir::temp().entryList({u"s3desk-tabdrop-*"_s}, QDir::Dirs).isEmpty(); }, 10000));
        QVERIFY2(m_window->lastError().isEmpty(), qPrintable(m_window->lastError()));
    }
};

QTEST_MAIN(TestLiveTabs)
#include "tst_live_tabs.moc"
