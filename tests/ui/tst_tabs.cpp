// SPDX-License-Identifier: Apache-2.0
// Tabs of the main window, offscreen against the in-process fake S3: Ctrl+T opens a tab at the same place, Ctrl+W
// closes it (never the last), Ctrl+Tab / Ctrl+PgUp switch, each tab keeps its own prefix and Back/Forward
// history, the tabs come back in a new window on the same settings, a drop on another tab copies (Shift: moves),
// a drop onto a tab of another connection goes through the queues (download + upload); the pure drop planning
// and the saved form, data-driven.
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QMimeData>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "connection/connectionprofile.h"
#include "models/objectlistmodel.h"
#include "models/transferlistmodel.h"
#include "uitestsupport.h"
#include "widgets/browsertabbar.h"
#include "widgets/connectionlist.h"
#include "widgets/mainwindow.h"
#include "widgets/tabdropplan.h"
#include "widgets/tabscontroller.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestTabs : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeS3Server> m_server;
    QTemporaryDir m_dir;
    int m_stores = 0;

    std::unique_ptr<ConnectionStore> newStore(const QString &file)
    {
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, m_dir.filePath(u"nohome"_s)); // no AWS profiles
        return std::make_unique<ConnectionStore>(m_dir.filePath(file), environment);
    }

    /** A saved anonymous connection to the fake server (path style), needing no secret. */
    QString addFakeConnection(ConnectionStore &store, const QString &name)
    {
        ConnectionProfile p;
        p.name = name;
        p.endpointUrl = m_server->endpointUrl();
        p.addressing = s3::AddressingStyle::Path;
        const s3::Result<QString> id = store.add(p);
        return id ? *id : QString();
    }

    std::unique_ptr<MainWindow> makeWindow(QSettings *settings, ConnectionStore *store)
    {
        MainWindowDependencies dependencies;
        dependencies.settings = settings;
        dependencies.connections = store;
        dependencies.stateDir = m_dir.filePath(u"queues"_s);
        auto window = std::make_unique<MainWindow>(dependencies);
        window->resize(1024, 768);
        window->show();
        window->activateWindow();
        if (!QTest::qWaitForWindowActive(window.get()))
            qWarning("the main window did not become active");
        return window;
    }

    static bool listed(MainWindow *window, const QString &bucket, const QString &prefix)
    {
        BrowserView *browser = window->browser();
        return waitUntil([&] {
            return browser->bucket() == bucket && browser->prefix() == prefix && !browser->model()->isListing();
        }, 5000);
    }

    /** Connects to `id` from the list (Ctrl+Return) and waits for the session. */
    static bool connect(MainWindow *window, const QString &id)
    {
        if (!window->connectionList()->setCurrentProfile(id))
            return false;
        window->connectionList()->connectAction()->trigger();
        return waitUntil([&] { return window->currentSession() && window->currentSession()->id() == id; }, 5000);
    }

    static void press(MainWindow *window, Qt::Key key, Qt::KeyboardModifiers modifiers)
    {
        window->browser()->view()->setFocus();
        QTest::keyClick(window->browser()->view(), key, modifiers);
    }

    /** A drop of `keys` (of `bucket`, dragged from connection `connection`) onto tab `index` of the bar. */
    static bool dropOnTab(MainWindow *window, int index, const QString &connection, const QString &bucket,
                          const QStringList &keys, Qt::KeyboardModifiers modifiers)
    {
        BrowserTabBar *bar = window->tabs()->bar();
        QMimeData mime;
        mime.setData(ObjectListModel::objectsMimeType(), ObjectListModel::encodeObjects({bucket, keys}));
        mime.setData(BrowserView::connectionMimeType(), connection.toUtf8());
        const QPoint at = bar->tabRect(index).center();
        // As a drag arrives: entering the bar, moving over the tab (where it is refused or not), then the drop.
        QDragEnterEvent enter(at, Qt::CopyAction | Qt::MoveAction, &mime, Qt::LeftButton, modifiers);
        QCoreApplication::sendEvent(bar, &enter);
        QDragMoveEvent move(at, Qt::CopyAction | Qt::MoveAction, &mime, Qt::LeftButton, modifiers);
        QCoreApplication::sendEvent(bar, &move);
        if (!move.isAccepted())
            return false;
        QDropEvent drop(at, Qt::CopyAction | Qt::MoveAction, &mime, Qt::LeftButton, modifiers);
        QCoreApplication::sendEvent(bar, &drop);
        return drop.isAccepted();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<FakeS3Server>();
        QVERIFY(m_server->start());
        m_server->createBucket(u"bucket"_s);
        m_server->putObject(u"bucket"_s, u"one/a.txt"_s, "a");
        m_server->putObject(u"bucket"_s, u"one/deep/b.txt"_s, "bb");
        m_server->putObject(u"bucket"_s, u"two/c.txt"_s, "ccc");
        m_server->putObject(u"bucket"_s, u"three/d.txt"_s, "dddd");
        m_server->createBucket(u"other"_s);
    }

    void dropTarget_data()
    {
        QTest::addColumn<QStringList>("dragged");
        QTest::addColumn<QString>("targetPrefix");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::newRow("file") << QStringList{u"a/b.txt"_s} << u"x/"_s << u"a/b.txt"_s << u"x/b.txt"_s;
        QTest::newRow("file to the root") << QStringList{u"a/b.txt"_s} << QString() << u"a/b.txt"_s << u"b.txt"_s;
        QTest::newRow("root file") << QStringList{u"b.txt"_s} << u"x/y/"_s << u"b.txt"_s << u"x/y/b.txt"_s;
        QTest::newRow("folder marker") << QStringList{u"a/f/"_s} << u"x/"_s << u"a/f/"_s << u"x/f/"_s;
        QTest::newRow("in a folder") << QStringList{u"a/f/"_s} << u"x/"_s << u"a/f/g/h.txt"_s << u"x/f/g/h.txt"_s;
        QTest::newRow("search: two parents") << QStringList{u"a/f/"_s, u"b/c/d.txt"_s} << u"x/"_s << u"b/c/d.txt"_s
                                             << u"x/d.txt"_s;
        QTest::newRow("folder and file inside it") << QStringList{u"a/"_s, u"a/f/g.txt"_s} << u"x/"_s << u"a/f/g.txt"_s
                                                   << u"x/g.txt"_s;
        QTest::newRow("prefix of a name is not a folder") << QStringList{u"a/f/"_s} << u"x/"_s << u"a/fg.txt"_s
                                                          << u"x/fg.txt"_s;
        QTest::newRow("newline in a key") << QStringList{u"a/li\nne"_s} << u"x/"_s << u"a/li\nne"_s << u"x/li\nne"_s;
    }

    void dropTarget()
    {
        QFETCH(QStringList, dragged);
        QFETCH(QString, targetPrefix);
        QFETCH(QString, key);
        QFETCH(QString, expected);
        QCOMPARE(tabDropTarget(dragged, targetPrefix, key), expected);
    }

    void dropProblem_data()
    {
        QTest::addColumn<QString>("sourceBucket");
        QTest::addColumn<QStringList>("dragged");
        QTest::addColumn<QString>("targetBucket");
        QTest::addColumn<QString>("targetPrefix");
        QTest::addColumn<bool>("refused");
        QTest::newRow("another folder") << u"b"_s << QStringList{u"a/x.txt"_s} << u"b"_s << u"c/"_s << false;
        QTest::newRow("another bucket, same prefix") << u"b"_s << QStringList{u"a/x.txt"_s} << u"o"_s << u"a/"_s << false;
        QTest::newRow("same folder") << u"b"_s << QStringList{u"a/x.txt"_s, u"a/f/"_s} << u"b"_s << u"a/"_s << true;
        QTest::newRow("some elsewhere") << u"b"_s << QStringList{u"a/x.txt"_s, u"c/y.txt"_s} << u"b"_s << u"a/"_s << false;
        QTest::newRow("folder into itself") << u"b"_s << QStringList{u"a/f/"_s} << u"b"_s << u"a/f/"_s << true;
        QTest::newRow("folder below itself") << u"b"_s << QStringList{u"a/f/"_s} << u"b"_s << u"a/f/g/"_s << true;
        QTest::newRow("folder below itself, other bucket") << u"b"_s << QStringList{u"a/f/"_s} << u"o"_s << u"a/f/g/"_s << false;
        QTest::newRow("nothing") << u"b"_s << QStringList{} << u"b"_s << u"c/"_s << true;
        QTest::newRow("no bucket in the tab") << u"b"_s << QStringList{u"a/x.txt"_s} << QString() << QString() << true;
    }

    void dropProblem()
    {
        QFETCH(QString, sourceBucket);
        QFETCH(QStringList, dragged);
        QFETCH(QString, targetBucket);
        QFETCH(QString, targetPrefix);
        QFETCH(bool, refused);
        QCOMPARE(!tabDropProblem(sourceBucket, dragged, targetBucket, targetPrefix).isEmpty(), refused);
    }

    void savedForm_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("tabs");
        QTest::addColumn<int>("current");
        QTest::newRow("nothing") << QByteArray() << 0 << 0;
        QTest::newRow("not JSON") << QByteArray("tabs=1") << 0 << 0;
        QTest::newRow("current out of range") << QByteArray(R"({"current":7,"tabs":[{"connection":"c"},{}]})") << 2 << 1;
        QTest::newRow("negative current") << QByteArray(R"({"current":-3,"tabs":[{}]})") << 1 << 0;
    }

    void savedForm()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, tabs);
        QFETCH(int, current);
        int restoredCurrent = -1;
        const QList<TabState> restored = TabsController::fromJson(json, &restoredCurrent);
        QCOMPARE(restored.size(), tabs);
        QCOMPARE(restoredCurrent, current);
    }

    void savedFormRoundTrips()
    {
        TabState first;
        first.connection = u"id-1"_s;
        first.connectionName = u"Ceph"_s;
        first.history = {{u"b"_s, QString()}, {u"b"_s, u"x/"_s}, {u"b"_s, u"x/li\nne/"_s}};
        first.historyIndex = 1;
        TabState empty;
        int current = -1;
        const QList<TabState> back = TabsController::fromJson(TabsController::toJson({first, empty}, 1), &current);
        QCOMPARE(current, 1);
        QCOMPARE(back.size(), 2);
        QVERIFY(back.at(0) == first);
        QVERIFY(back.at(1) == empty);
        // A damaged place (a prefix without its '/') is left out, the index kept inside what is left.
        const QList<TabState> damaged = TabsController::fromJson(
            R"({"tabs":[{"connection":"c","history":[["b","x"],["b","y/"]],"index":1}]})", nullptr);
        QCOMPARE(damaged.size(), 1);
        QCOMPARE(damaged.at(0).history.size(), 1);
        QCOMPARE(damaged.at(0).historyIndex, 0);
    }

    void keysOpenCloseAndSwitchTabsEachWithItsPlaceAndHistory()
    {
        QSettings settings(m_dir.filePath(u"tabs.ini"_s), QSettings::IniFormat);
        auto store = newStore(u"connections-keys.ini"_s);
        const QString id = addFakeConnection(*store, u"Fake"_s);
        auto window = makeWindow(&settings, store.get());
        TabsController *tabs = window->tabs();
        QCOMPARE(tabs->count(), 1);
        QVERIFY(!tabs->bar()->isVisible()); // one tab: no bar, as in Dolphin
        QVERIFY(!window->closeTabAction()->isEnabled());
        QVERIFY(connect(window.get(), id));
        window->browser()->openLocation(u"bucket"_s, u"one/"_s);
        QVERIFY(listed(window.get(), u"bucket"_s, u"one/"_s));
        window->browser()->openLocation(u"bucket"_s, u"one/deep/"_s);
        QVERIFY(listed(window.get(), u"bucket"_s, u"one/deep/"_s));

        // Ctrl+T: a second tab at the same place, with a history of its own that starts there.
        press(window.get(), Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(tabs->currentIndex(), 1);
        QVERIFY(tabs->bar()->isVisible());
        QVERIFY(window->closeTabAction()->isEnabled());
        QVERIFY(listed(window.get(), u"bucket"_s, u"one/deep/"_s));
        QCOMPARE(window->browser()->historyLocations(), QStringList{u"s3://bucket/one/deep/"_s});
        QCOMPARE(window->tabs()->tab(0).history.size(), 2);
        // The Ctrl+T of the transfers moved to Ctrl+J.
        auto *dock = window->findChild<QDockWidget *>(u"transfersDock"_s);
        const bool docked = dock->isVisible();
        press(window.get(), Qt::Key_J, Qt::ControlModifier);
        QCOMPARE(dock->isVisible(), !docked);
        press(window.get(), Qt::Key_J, Qt::ControlModifier);
        QCOMPARE(dock->isVisible(), docked);

        window->browser()->openLocation(u"bucket"_s, u"two/"_s);
        QVERIFY(listed(window.get(), u"bucket"_s, u"two/"_s));
        QCOMPARE(tabs->bar()->tabText(1), u"two"_s);
        QVERIFY(window->windowTitle().startsWith(u"s3://bucket/two/"_s));

        // Ctrl+Tab: back to the first tab, its own place and its own Back/Forward.
        press(window.get(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 0);
        QVERIFY(listed(window.get(), u"bucket"_s, u"one/deep/"_s));
        QCOMPARE(window->browser()->historyLocations(), (QStringList{u"s3://bucket/one/"_s, u"s3://bucket/one/deep/"_s}));
        QCOMPARE(window->browser()->historyIndex(), 1);
        QVERIFY(window->windowTitle().startsWith(u"s3://bucket/one/deep/"_s));
        QVERIFY(window->locationStatus()->text().contains(u"s3://bucket/one/deep/"_s));
        QVERIFY(window->browser()->backAction()->isEnabled());
        window->browser()->backAction()->trigger();
        QVERIFY(listed(window.get(), u"bucket"_s, u"one/"_s));
        QCOMPARE(tabs->bar()->tabText(0), u"one"_s);

        // Ctrl+PgDown / Ctrl+PgUp too, and the second tab is as it was left.
        press(window.get(), Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 1);
        QVERIFY(listed(window.get(), u"bucket"_s, u"two/"_s));
        QCOMPARE(window->browser()->historyLocations(), (QStringList{u"s3://bucket/one/deep/"_s, u"s3://bucket/two/"_s}));
        press(window.get(), Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 0);
        QVERIFY(listed(window.get(), u"bucket"_s, u"one/"_s));
        QCOMPARE(window->browser()->historyIndex(), 0); // Back was pressed here: Forward is still there
        QVERIFY(window->browser()->forwardAction()->isEnabled());

        // Ctrl+W closes the current tab; the last one stays.
        press(window.get(), Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(tabs->count(), 1);
        QVERIFY(listed(window.get(), u"bucket"_s, u"two/"_s));
        QVERIFY(!tabs->bar()->isVisible());
        QVERIFY(!window->closeTabAction()->isEnabled());
        press(window.get(), Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(tabs->count(), 1);
        QVERIFY(window->isVisible()); // Ctrl+W never closes the window
        QVERIFY(window->currentSession());
    }

    void tabsComeBackInANewWindow()
    {
        QSettings settings(m_dir.filePath(u"restore.ini"_s), QSettings::IniFormat);
        auto store = newStore(u"connections-restore.ini"_s);
        const QString id = addFakeConnection(*store, u"Fake"_s);
        {
            auto window = makeWindow(&settings, store.get());
            QVERIFY(connect(window.get(), id));
            window->browser()->openLocation(u"bucket"_s, u"one/"_s);
            QVERIFY(listed(window.get(), u"bucket"_s, u"one/"_s));
            window->newTabAction()->trigger();
            window->browser()->openLocation(u"bucket"_s, u"two/"_s);
            QVERIFY(listed(window.get(), u"bucket"_s, u"two/"_s));
            window->newTabAction()->trigger();
            window->browser()->openLocation(u"other"_s, QString());
            QVERIFY(listed(window.get(), u"other"_s, QString()));
            window->tabs()->activate(1); // the middle one is current when the window goes
            QVERIFY(listed(window.get(), u"bucket"_s, u"two/"_s));
            window->close();
        }
        auto window = makeWindow(&settings, store.get());
        TabsController *tabs = window->tabs();
        QCOMPARE(tabs->count(), 3);
        QCOMPARE(tabs->currentIndex(), 1);
        QCOMPARE(tabs->bar()->tabText(0), u"one"_s);
        QCOMPARE(tabs->bar()->tabText(1), u"two"_s);
        QCOMPARE(tabs->bar()->tabText(2), u"other"_s);
        // The connection of the current tab reopens at start (as the application asks), at the tab's place.
        QVERIFY(window->reopenLastConnection());
        QVERIFY(listed(window.get(), u"bucket"_s, u"two/"_s));
        QCOMPARE(window->browser()->historyLocations(), (QStringList{u"s3://bucket/one/"_s, u"s3://bucket/two/"_s}));
        press(window.get(), Qt::Key_Tab, Qt::ControlModifier);
        QVERIFY(listed(window.get(), u"other"_s, QString()));
        press(window.get(), Qt::Key_Tab, Qt::ControlModifier);
        QVERIFY(listed(window.get(), u"bucket"_s, u"one/"_s));
        QCOMPARE(window->browser()->historyLocations(), QStringList{u"s3://bucket/one/"_s});
    }

    void tabOfAConnectionNotOpenConnectsWhenShown()
    {
        QSettings settings(m_dir.filePath(u"two-connections.ini"_s), QSettings::IniFormat);
        auto store = newStore(u"connections-two.ini"_s);
        const QString first = addFakeConnection(*store, u"First"_s);
        const QString second = addFakeConnection(*store, u"Second"_s);
        {
            auto window = makeWindow(&settings, store.get());
            QVERIFY(connect(window.get(), first));
            window->browser()->openLocation(u"bucket"_s, u"one/"_s);
            QVERIFY(listed(window.get(), u"bucket"_s, u"one/"_s));
            window->newTabAction()->trigger();
            QVERIFY(connect(window.get(), second)); // the new tab goes to the other connection
            window->browser()->openLocation(u"bucket"_s, u"three/"_s);
            QVERIFY(listed(window.get(), u"bucket"_s, u"three/"_s));
            QCOMPARE(window->tabs()->tab(0).connection, first);
            QCOMPARE(window->tabs()->tab(1).connection, second);
            // Back in the first tab: its connection and place; the second keeps its own.
            window->tabs()->activate(0);
            QVERIFY(listed(window.get(), u"bucket"_s, u"one/"_s));
            QCOMPARE(window->currentSession()->id(), first);
            window->tabs()->activate(1);
            QVERIFY(listed(window.get(), u"bucket"_s, u"three/"_s));
            QCOMPARE(window->currentSession()->id(), second);

            // A drop onto the other connection's tab goes through the queues: downloaded with this connection,
            // uploaded with the other; the temporary copy is gone afterwards.
            window->tabs()->activate(0);
            QVERIFY(listed(window.get(), u"bucket"_s, u"one/"_s));
            const int rows = window->transfers()->rowCount();
            QVERIFY(dropOnTab(window.get(), 1, first, u"bucket"_s, {u"one/a.txt"_s, u"one/deep/"_s}, Qt::NoModifier));
            QVERIFY(waitUntil([&] { return m_server->object(u"bucket"_s, u"three/a.txt"_s).has_value()
                                           && m_server->object(u"bucket"_s, u"three/deep/b.txt"_s).has_value(); }, 10000));
            QCOMPARE(m_server->object(u"bucket"_s, u"three/a.txt"_s)->data, QByteArray("a"));
            QCOMPARE(m_server->object(u"bucket"_s, u"three/deep/b.txt"_s)->data, QByteArray("bb"));
            QVERIFY(m_server->object(u"bucket"_s, u"one/a.txt"_s).has_value()); // a copy: the source stays
            QVERIFY(window->transfers()->rowCount() >= rows + 4); // two downloads, two uploads, in the panel
            QVERIFY(waitUntil([&] { return QDir::temp().entryList({u"s3desk-tabdrop-*"_s}, QDir::Dirs).isEmpty(); }, 5000));
            QVERIFY2(window->lastError().isEmpty(), qPrintable(window->lastError()));
            // A file that cannot be downloaded (gone meanwhile) is named in the error; nothing is left behind.
            QVERIFY(dropOnTab(window.get(), 1, first, u"bucket"_s, {u"one/gone.txt"_s}, Qt::ShiftModifier));
            QVERIFY(waitUntil([&] { return window->lastError().contains(u"did not arrive"_s); }, 10000));
            QVERIFY(window->lastError().contains(u"one/gone.txt"_s));
            QVERIFY(!m_server->object(u"bucket"_s, u"three/gone.txt"_s).has_value());
            QVERIFY(waitUntil([&] { return QDir::temp().entryList({u"s3desk-tabdrop-*"_s}, QDir::Dirs).isEmpty(); }, 5000));
            window->close();
        }
        // Next start: the current (first) tab reopens; the second connects when it is shown.
        auto window = makeWindow(&settings, store.get());
        QCOMPARE(window->tabs()->count(), 2);
        QVERIFY(window->reopenLastConnection());
        QVERIFY(listed(window.get(), u"bucket"_s, u"one/"_s));
        window->tabs()->activate(1);
        QVERIFY(waitUntil([&] { return window->currentSession() && window->currentSession()->id() == second; }, 5000));
        QVERIFY(listed(window.get(), u"bucket"_s, u"three/"_s));
    }

    void copyBetweenConnectionsStopsWithTheWindowAndDoesNotResume()
    {
        QSettings settings(m_dir.filePath(u"cross-close.ini"_s), QSettings::IniFormat);
        auto store = newStore(u"connections-cross-close.ini"_s);
        const QString first = addFakeConnection(*store, u"First"_s);
        const QString second = addFakeConnection(*store, u"Second"_s);
        {
            auto window = makeWindow(&settings, store.get());
            QVERIFY(connect(window.get(), first));
            window->browser()->openLocation(u"bucket"_s, u"one/"_s);
            QVERIFY(listed(window.get(), u"bucket"_s, u"one/"_s));
            window->newTabAction()->trigger();
            QVERIFY(connect(window.get(), second));
            window->browser()->openLocation(u"other"_s, u"slow/"_s);
            QVERIFY(listed(window.get(), u"other"_s, u"slow/"_s));
            window->tabs()->activate(0);
            QVERIFY(listed(window.get(), u"bucket"_s, u"one/"_s));
            m_server->addFault(delayFault(u"GetObject"_s, 3000));
            QVERIFY(dropOnTab(window.get(), 1, first, u"bucket"_s, {u"one/a.txt"_s}, Qt::NoModifier));
            QVERIFY(waitUntil([&] { return window->transfers()->activeCount() == 1; }, 5000));
            // The window goes while the download runs (the quit prompt was answered).
        }
        m_server->clearFaults();
        QVERIFY(QDir::temp().entryList({u"s3desk-tabdrop-*"_s}, QDir::Dirs).isEmpty());
        // Next start: neither connection brings the half-done step back.
        auto window = makeWindow(&settings, store.get());
        QVERIFY(connect(window.get(), first));
        window->tabs()->activate(1);
        QVERIFY(waitUntil([&] { return window->currentSession() && window->currentSession()->id() == second; }, 5000));
        QTest::qWait(300); // restored transfers would have been announced by now
        QCOMPARE(window->transfers()->rowCount(), 0);
        QVERIFY(!m_server->object(u"other"_s, u"slow/a.txt"_s).has_value());
    }

    void dropOnATabCopiesAndShiftMoves()
    {
        m_server->putObject(u"bucket"_s, u"src/file.txt"_s, "file");
        m_server->putObject(u"bucket"_s, u"src/sub/inner.txt"_s, "inner");
        m_server->putObject(u"bucket"_s, u"src/moved.txt"_s, "moved");
        QSettings settings(m_dir.filePath(u"drop.ini"_s), QSettings::IniFormat);
        auto store = newStore(u"connections-drop.ini"_s);
        const QString id = addFakeConnection(*store, u"Fake"_s);
        auto window = makeWindow(&settings, store.get());
        QVERIFY(connect(window.get(), id));
        window->browser()->openLocation(u"other"_s, QString());
        QVERIFY(listed(window.get(), u"other"_s, QString()));
        window->newTabAction()->trigger();
        window->browser()->openLocation(u"bucket"_s, u"src/"_s);
        QVERIFY(listed(window.get(), u"bucket"_s, u"src/"_s));

        // Nothing is taken by the tab on screen (the objects are there already).
        BrowserTabBar *bar = window->tabs()->bar();
        QVERIFY(!dropOnTab(window.get(), 1, id, u"bucket"_s, {u"src/file.txt"_s}, Qt::NoModifier));
        // A copy onto the other tab: the file and the folder with what is in it; the sources stay.
        QVERIFY(dropOnTab(window.get(), 0, id, u"bucket"_s, {u"src/file.txt"_s, u"src/sub/"_s}, Qt::NoModifier));
        QVERIFY(waitUntil([&] { return m_server->object(u"other"_s, u"sub/inner.txt"_s).has_value()
                                       && m_server->object(u"other"_s, u"file.txt"_s).has_value(); }, 5000));
        QCOMPARE(m_server->object(u"other"_s, u"file.txt"_s)->data, QByteArray("file"));
        QCOMPARE(m_server->object(u"other"_s, u"sub/inner.txt"_s)->data, QByteArray("inner"));
        QVERIFY(m_server->object(u"bucket"_s, u"src/file.txt"_s).has_value());
        // Shift: a move; the source folder on screen refreshes without it.
        QVERIFY(dropOnTab(window.get(), 0, id, u"bucket"_s, {u"src/moved.txt"_s}, Qt::ShiftModifier));
        QVERIFY(waitUntil([&] { return m_server->object(u"other"_s, u"moved.txt"_s).has_value()
                                       && !m_server->object(u"bucket"_s, u"src/moved.txt"_s).has_value(); }, 5000));
        QVERIFY(waitUntil([&] { return !window->browser()->model()->isListing()
                                       && !window->browser()->model()->containsName(u"moved.txt"_s, false); }, 5000));
        Q_UNUSED(bar);
    }
};

QTEST_MAIN(TestTabs)
#include "tst_tabs.moc"
