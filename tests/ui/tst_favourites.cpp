// SPDX-License-Identifier: Apache-2.0
// Favourites in the main window, offscreen against the in-process fake S3: Ctrl+B adds the place on screen to the
// sidebar (named after the folder, once), the folder menu adds a folder row, rename / remove / reorder in the list,
// everything comes back in a new window on the same settings; a favourite opens its connection from another one
// (or from none) at its bucket and prefix; one whose connection was deleted is greyed and says why; one whose
// bucket is gone shows the usual NoSuchBucket error.
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "connection/connectionprofile.h"
#include "models/favouritesmodel.h"
#include "models/objectlistmodel.h"
#include "uitestsupport.h"
#include "widgets/connectionlist.h"
#include "widgets/favouritescontroller.h"
#include "widgets/favouriteslist.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestFavourites : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeS3Server> m_server;
    QTemporaryDir m_dir;
    int m_files = 0;

    std::unique_ptr<ConnectionStore> newStore()
    {
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, m_dir.filePath(u"nohome"_s)); // no AWS profiles
        return std::make_unique<ConnectionStore>(m_dir.filePath(u"connections-%1.ini"_s.arg(++m_files)), environment);
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

    static bool connectTo(MainWindow *window, const QString &id)
    {
        if (!window->connectionList()->setCurrentProfile(id))
            return false;
        window->connectionList()->connectAction()->trigger();
        return waitUntil([&] { return window->currentSession() && window->currentSession()->id() == id; }, 5000);
    }

    static bool listed(MainWindow *window, const QString &name)
    {
        return waitUntil([&] { return window->browser()->model()->rowOfName(name) >= 0; }, 5000);
    }

    static QStringList names(FavouritesModel *model)
    {
        QStringList result;
        for (int row = 0; row < model->rowCount(); ++row)
            result.append(model->index(row).data().toString());
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<FakeS3Server>();
        QVERIFY(m_server->start());
        m_server->createBucket(u"bucket"_s);
        m_server->putObject(u"bucket"_s, u"folder/deep/a.txt"_s, "a");
        m_server->putObject(u"bucket"_s, u"photos/p.jpg"_s, "p");
        m_server->putObject(u"bucket"_s, u"b.txt"_s, "b");
        m_server->createBucket(u"other"_s);
        m_server->putObject(u"other"_s, u"o.txt"_s, "o");
    }

    void addRenameRemoveReorderAndComeBack()
    {
        QSettings settings(m_dir.filePath(u"favourites-1.ini"_s), QSettings::IniFormat);
        auto store = newStore();
        const QString id = addFakeConnection(*store, u"Office"_s);
        {
            auto window = makeWindow(&settings, store.get());
            FavouritesController *favourites = window->favourites();
            QVERIFY(favourites);
            FavouritesModel *model = favourites->model();
            QVERIFY(favourites->list()->isVisible());
            QVERIFY(favourites->list()->findChild<QWidget *>(u"favouritesEmptyHint"_s)->isVisible());
            // Not connected: nothing to add, and the status bar says why.
            favourites->addAction()->trigger();
            QCOMPARE(model->rowCount(), 0);
            QVERIFY(window->statusBar()->currentMessage().contains(u"Open a bucket"_s));

            QVERIFY(connectTo(window.get(), id));
            window->browser()->openLocation(u"bucket"_s, u"folder/deep/"_s);
            QVERIFY(listed(window.get(), u"a.txt"_s));
            // Ctrl+B wherever the focus is (here: the object table).
            window->browser()->view()->setFocus();
            QTest::keyClick(window->browser()->view(), Qt::Key_B, Qt::ControlModifier);
            QCOMPARE(names(model), QStringList{u"deep"_s});
            QVERIFY(!favourites->list()->findChild<QWidget *>(u"favouritesEmptyHint"_s)->isVisible());
            // The same place again: not twice.
            favourites->addAction()->trigger();
            QCOMPARE(model->rowCount(), 1);
            QVERIFY(window->statusBar()->currentMessage().contains(u"already"_s));
            // The bucket's root is named after the bucket; the Go menu has the action.
            window->browser()->openLocation(u"bucket"_s, {});
            QVERIFY(listed(window.get(), u"photos"_s));
            bool inGoMenu = false;
            for (QAction *menu : window->menuBar()->actions()) {
                if (menu->menu() && menu->menu()->actions().contains(favourites->addAction()))
                    inGoMenu = menu->text().contains(u"Go"_s);
            }
            QVERIFY(inGoMenu);
            favourites->addAction()->trigger();
            // A folder row's context menu offers "Add folder to favourites", a file row's does not.
            const auto menuAt = [&](const QString &name) {
                QTableView *table = window->browser()->view();
                const QModelIndex index = window->browser()->model()->index(window->browser()->model()->rowOfName(name), 0);
                Q_EMIT table->customContextMenuRequested(table->visualRect(index).center());
                QList<QMenu *> menus = window->browser()->findChildren<QMenu *>(Qt::FindDirectChildrenOnly);
                QMenu *menu = menus.isEmpty() ? nullptr : menus.last();
                const bool offered = menu && menu->actions().contains(favourites->addFolderAction());
                if (menu)
                    menu->close(); // WA_DeleteOnClose
                QTest::qWait(0);
                return offered;
            };
            QVERIFY(menuAt(u"photos"_s));
            QVERIFY(!menuAt(u"b.txt"_s));
            window->activateWindow(); // the menus took it
            QVERIFY(QTest::qWaitForWindowActive(window.get()));
            // That action adds the folder, not the place on screen.
            QVERIFY(window->browser()->selectName(u"photos"_s));
            favourites->addFolderAction()->trigger();
            QCOMPARE(names(model), (QStringList{u"deep"_s, u"bucket"_s, u"photos"_s}));
            QCOMPARE(model->favouriteAt(2).prefix, u"photos/"_s);
            QCOMPARE(model->favouriteAt(2).connectionId, id);

            // Rename in place (F2 in the list), reorder with Move up / down, remove with Del.
            FavouritesList *list = favourites->list();
            list->setCurrentRow(2);
            list->view()->setFocus();
            QTest::keyClick(list->view(), Qt::Key_F2);
            auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
            QVERIFY(editor);
            editor->selectAll();
            QTest::keyClicks(editor, u"Pictures"_s);
            QTest::keyClick(editor, Qt::Key_Return);
            QTRY_COMPARE(model->favouriteAt(2).name, u"Pictures"_s); // the delegate commits queued
            QCOMPARE(window->browser()->prefix(), QString()); // the Enter that ends the rename opens nothing
            list->view()->setFocus();
            QTest::keyClick(list->view(), Qt::Key_Up, Qt::AltModifier | Qt::ShiftModifier);
            QCOMPARE(names(model), (QStringList{u"deep"_s, u"Pictures"_s, u"bucket"_s}));
            QCOMPARE(list->currentRow(), 1);
            list->moveUpAction()->trigger();
            QCOMPARE(names(model), (QStringList{u"Pictures"_s, u"deep"_s, u"bucket"_s}));
            QVERIFY(!list->moveUpAction()->isEnabled());
            list->setCurrentRow(2);
            QTest::keyClick(list->view(), Qt::Key_Delete);
            QCOMPARE(names(model), (QStringList{u"Pictures"_s, u"deep"_s}));
            window->close();
        }
        // A new window on the same settings: the same favourites, in the same order, with the same names.
        auto window = makeWindow(&settings, store.get());
        FavouritesModel *model = window->favourites()->model();
        QCOMPARE(names(model), (QStringList{u"Pictures"_s, u"deep"_s}));
        QCOMPARE(model->favouriteAt(1).prefix, u"folder/deep/"_s);
        QCOMPARE(model->favouriteAt(1).bucket, u"bucket"_s);
    }

    void openingConnectsAndGoesThere()
    {
        QSettings settings(m_dir.filePath(u"favourites-2.ini"_s), QSettings::IniFormat);
        auto store = newStore();
        const QString first = addFakeConnection(*store, u"First"_s);
        const QString second = addFakeConnection(*store, u"Second"_s);
        {
            auto window = makeWindow(&settings, store.get());
            QVERIFY(connectTo(window.get(), second));
            window->browser()->openLocation(u"bucket"_s, u"photos/"_s);
            QVERIFY(window->favourites()->addCurrentLocation() == 0);
            window->close();
        }
        auto window = makeWindow(&settings, store.get());
        FavouritesController *favourites = window->favourites();
        QCOMPARE(favourites->model()->rowCount(), 1);
        // From no connection at all: a click opens the favourite's connection at its folder.
        QTest::mouseClick(favourites->list()->view()->viewport(), Qt::LeftButton, {},
                          favourites->list()->view()->visualRect(favourites->model()->index(0)).center());
        QVERIFY(waitUntil([&] { return window->currentSession() && window->currentSession()->id() == second; }, 5000));
        QCOMPARE(window->browser()->bucket(), u"bucket"_s);
        QCOMPARE(window->browser()->prefix(), u"photos/"_s);
        QVERIFY(listed(window.get(), u"p.jpg"_s));
        // From another connection somewhere else: back to the favourite's connection and folder.
        QVERIFY(connectTo(window.get(), first));
        window->browser()->openLocation(u"other"_s, {});
        QVERIFY(listed(window.get(), u"o.txt"_s));
        QVERIFY(favourites->open(0));
        QVERIFY(waitUntil([&] { return window->currentSession()->id() == second; }, 5000));
        QCOMPARE(window->browser()->bucket(), u"bucket"_s);
        QCOMPARE(window->browser()->prefix(), u"photos/"_s);
        QVERIFY(listed(window.get(), u"p.jpg"_s));
        // The favourite of the place on screen is selected in the list, and only then.
        QItemSelectionModel *selection = favourites->list()->view()->selectionModel();
        QCOMPARE(selection->selectedRows(), QModelIndexList{favourites->model()->index(0)});
        // Within the connection on screen: just there (Enter in the list).
        window->browser()->openLocation(u"bucket"_s, {});
        QVERIFY(selection->selectedRows().isEmpty());
        favourites->list()->setCurrentRow(0);
        favourites->list()->view()->setFocus();
        QTest::keyClick(favourites->list()->view(), Qt::Key_Return);
        QCOMPARE(window->browser()->prefix(), u"photos/"_s);
        // The connection list marks the connection on screen.
        QCOMPARE(window->connectionList()->currentProfile()->id, second);
    }

    void deletedConnectionAndMissingBucket()
    {
        QSettings settings(m_dir.filePath(u"favourites-3.ini"_s), QSettings::IniFormat);
        auto store = newStore();
        const QString keep = addFakeConnection(*store, u"Keep"_s);
        const QString gone = addFakeConnection(*store, u"Gone"_s);
        auto window = makeWindow(&settings, store.get());
        FavouritesModel *model = window->favourites()->model();
        QCOMPARE(model->add({gone, u"bucket"_s, u"folder/"_s, u"Old"_s}), 0);
        QCOMPARE(model->add({keep, u"vanished"_s, {}, u"Vanished"_s}), 1);
        QVERIFY(!model->index(0).data(FavouritesModel::UnavailableRole).toBool());
        QVERIFY(store->remove(gone));
        QVERIFY(model->index(0).data(FavouritesModel::UnavailableRole).toBool());
        QVERIFY(model->index(0).data(Qt::ToolTipRole).toString().contains(u"no longer exists"_s));
        QVERIFY(!window->favourites()->open(0));
        QVERIFY(window->statusBar()->currentMessage().contains(u"no longer exists"_s));
        QVERIFY(window->currentSession() == nullptr);
        // A bucket deleted since: the connection opens and the browser says the bucket is not there.
        QVERIFY(window->favourites()->open(1));
        QVERIFY(waitUntil([&] { return window->currentSession() && window->currentSession()->id() == keep; }, 5000));
        QCOMPARE(window->browser()->bucket(), u"vanished"_s);
        QLabel *error = window->browser()->listingError();
        QVERIFY(waitUntil([&] { return error->isVisible(); }, 5000));
        QVERIFY2(error->text().contains(u"vanished"_s), qPrintable(error->text()));
    }
};

QTEST_MAIN(TestFavourites)
#include "tst_favourites.moc"
