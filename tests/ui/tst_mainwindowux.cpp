// SPDX-License-Identifier: Apache-2.0
// The main window as a new user meets it, offscreen against the in-process fake S3: no shortcut is bound twice
// and the application shortcuts work wherever the focus is; the title and the status bar always name the
// connection, bucket and prefix; the first start says what to do, Save in a new connection connects, the open
// connection is marked in the list (a command-line one too), and the last connection reopens at start.
#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

#include "browser/browserview.h"
#include "connection/connectionprofile.h"
#include "connection/secretstore.h"
#include "dialogs/connectiondialog.h"
#include "dialogs/secretpromptdialog.h"
#include "models/bucketlistmodel.h"
#include "models/connectionlistmodel.h"
#include "models/objectlistmodel.h"
#include "uitestsupport.h"
#include "widgets/breadcrumbbar.h"
#include "widgets/connectionlist.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

namespace {

/** One key sequence bound by an action or a shortcut, with the widgets where it is active. */
struct Binding
{
    QString what;
    QKeySequence key;
    QList<QWidget *> scope;
};

/** Where a binding is active: the whole window, or the widgets (and, with children, below them) it belongs to. */
QList<QWidget *> scopeOf(Qt::ShortcutContext context, QWidget *window, const QList<QWidget *> &owners)
{
    if (context == Qt::WindowShortcut || context == Qt::ApplicationShortcut)
        return {window};
    QList<QWidget *> scope;
    for (QWidget *owner : owners) {
        // A menu or the menu bar only shows an action; where it triggers is decided by its other widgets.
        if (!qobject_cast<QMenu *>(owner) && !qobject_cast<QMenuBar *>(owner))
            scope.append(owner);
    }
    return scope;
}

QList<Binding> bindingsOf(QWidget *window)
{
    QList<Binding> bindings;
    const QList<QAction *> actions = window->findChildren<QAction *>();
    for (QAction *action : actions) {
        QList<QWidget *> owners;
        for (QObject *object : action->associatedObjects()) {
            if (auto *widget = qobject_cast<QWidget *>(object))
                owners.append(widget);
        }
        for (const QKeySequence &key : action->shortcuts()) {
            if (!key.isEmpty())
                bindings.append({action->text(), key, scopeOf(action->shortcutContext(), window, owners)});
        }
    }
    const QList<QShortcut *> shortcuts = window->findChildren<QShortcut *>();
    for (QShortcut *shortcut : shortcuts) {
        for (const QKeySequence &key : shortcut->keys()) {
            if (!key.isEmpty())
                bindings.append({u"QShortcut %1"_s.arg(shortcut->objectName()), key,
                                 scopeOf(shortcut->context(), window, {qobject_cast<QWidget *>(shortcut->parent())})});
        }
    }
    return bindings;
}

bool overlaps(const QList<QWidget *> &a, const QList<QWidget *> &b)
{
    for (QWidget *x : a) {
        for (QWidget *y : b) {
            if (x == y || x->isAncestorOf(y) || y->isAncestorOf(x))
                return true;
        }
    }
    return false;
}

} // namespace

class TestMainWindowUx : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeS3Server> m_server;
    QTemporaryDir m_dir;
    int m_stores = 0;

    std::unique_ptr<ConnectionStore> newStore()
    {
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, m_dir.filePath(u"nohome"_s)); // no AWS profiles
        return std::make_unique<ConnectionStore>(m_dir.filePath(u"connections-%1.ini"_s.arg(++m_stores)), environment);
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

    std::unique_ptr<MainWindow> makeWindow(QSettings *settings, ConnectionStore *store, MemorySecretStore *secrets = nullptr)
    {
        MainWindowDependencies dependencies;
        dependencies.settings = settings;
        dependencies.connections = store;
        dependencies.sessionSecrets = secrets;
        dependencies.stateDir = m_dir.filePath(u"queues"_s);
        auto window = std::make_unique<MainWindow>(dependencies);
        window->resize(1024, 768);
        window->show();
        window->activateWindow();
        if (!QTest::qWaitForWindowActive(window.get()))
            qWarning("the main window did not become active");
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<FakeS3Server>();
        QVERIFY(m_server->start());
        m_server->createBucket(u"bucket"_s);
        m_server->putObject(u"bucket"_s, u"folder/deep/a.txt"_s, "a");
        m_server->putObject(u"bucket"_s, u"b.txt"_s, "b");
        m_server->createBucket(u"other"_s);
    }

    void noShortcutIsBoundTwice()
    {
        QSettings settings(m_dir.filePath(u"keys.ini"_s), QSettings::IniFormat);
        auto store = newStore();
        addFakeConnection(*store, u"Fake"_s);
        auto window = makeWindow(&settings, store.get());
        const QList<Binding> bindings = bindingsOf(window.get());
        QVERIFY(bindings.size() > 15);
        QStringList clashes;
        for (qsizetype i = 0; i < bindings.size(); ++i) {
            for (qsizetype j = i + 1; j < bindings.size(); ++j) {
                const Binding &a = bindings.at(i);
                const Binding &b = bindings.at(j);
                if (a.key == b.key && overlaps(a.scope, b.scope))
                    clashes << u"%1: %2 / %3"_s.arg(a.key.toString(), a.what, b.what);
            }
        }
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u"; "_s)));
        // The ones a new user reaches for first are there, once each.
        for (const QKeySequence &key : {QKeySequence(Qt::CTRL | Qt::Key_T), QKeySequence(Qt::CTRL | Qt::Key_J),
                                        QKeySequence(Qt::CTRL | Qt::Key_W), QKeySequence(Qt::CTRL | Qt::Key_Tab),
                                        QKeySequence(Qt::CTRL | Qt::Key_N),
                                        QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_F),
                                        QKeySequence(Qt::CTRL | Qt::Key_L)}) {
            const auto count = std::count_if(bindings.cbegin(), bindings.cend(), [&](const Binding &b) { return b.key == key; });
            QVERIFY2(count == 1, qPrintable(u"%1 bound %2 times"_s.arg(key.toString()).arg(count)));
        }
    }

    void applicationShortcutsWorkWhereverTheFocusIs()
    {
        QSettings settings(m_dir.filePath(u"focus.ini"_s), QSettings::IniFormat);
        auto store = newStore();
        const QString id = addFakeConnection(*store, u"Fake"_s);
        auto window = makeWindow(&settings, store.get());
        QVERIFY(window->connectionList()->setCurrentProfile(id));

        // Ctrl+N from the (empty) browser: the new-connection dialog.
        window->browser()->view()->setFocus();
        QTest::keyClick(window->browser()->view(), Qt::Key_N, Qt::ControlModifier);
        ConnectionDialog *dialog = window->connectionList()->openDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->reject();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // closed dialogs delete themselves later
        QVERIFY(!window->connectionList()->openDialog());
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));

        // Ctrl+Return from the bucket list: connects to the selected connection.
        window->bucketView()->setFocus();
        QTest::keyClick(window->bucketView(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(waitUntil([&] { return window->currentSession() != nullptr; }, 5000));
        QCOMPARE(window->currentSession()->id(), id);

        // Ctrl+J from the filter field: shows and hides the transfers (Ctrl+T is New tab).
        auto *dock = window->findChild<QDockWidget *>(u"transfersDock"_s);
        QVERIFY(dock);
        const bool shown = dock->isVisible();
        window->browser()->filterField()->setFocus();
        QTest::keyClick(window->browser()->filterField(), Qt::Key_J, Qt::ControlModifier);
        QCOMPARE(dock->isVisible(), !shown);
        QTest::keyClick(window->browser()->filterField(), Qt::Key_J, Qt::ControlModifier);
        QCOMPARE(dock->isVisible(), shown);
    }

    void titleAndStatusNameConnectionBucketAndPrefix()
    {
        QSettings settings(m_dir.filePath(u"title.ini"_s), QSettings::IniFormat);
        auto window = makeWindow(&settings, nullptr);
        QCOMPARE(window->windowTitle(), u"S3Desk"_s);
        QCOMPARE(window->locationStatus()->text(), u"Not connected"_s);

        QVERIFY(window->openSession(fakeSessionConfig(m_server->endpointUrl(), {}, u"first"_s)));
        QCOMPARE(window->windowTitle(), u"Fake S3 — S3Desk"_s);
        QCOMPARE(window->locationStatus()->text(), u"Fake S3: choose a bucket"_s);
        window->browser()->openLocation(u"bucket"_s, u"folder/deep/"_s);
        QCOMPARE(window->windowTitle(), u"s3://bucket/folder/deep/ — Fake S3 — S3Desk"_s);
        QCOMPARE(window->locationStatus()->text(), u"Fake S3: s3://bucket/folder/deep/"_s);
        // A temporary message does not hide where the user is.
        window->statusBar()->showMessage(u"Something happened"_s);
        QVERIFY(window->locationStatus()->isVisible());

        // Another connection: nothing of the first one stays in the title.
        SessionConfig second = fakeSessionConfig(m_server->endpointUrl(), {}, u"second"_s);
        second.displayName = u"Second"_s;
        QVERIFY(window->openSession(second));
        QCOMPARE(window->windowTitle(), u"Second — S3Desk"_s);
        QCOMPARE(window->locationStatus()->text(), u"Second: choose a bucket"_s);
        window->browser()->openLocation(u"other"_s, {});
        QCOMPARE(window->windowTitle(), u"s3://other/ — Second — S3Desk"_s);
    }

    void firstStartSaysWhatToDoAndSaveConnects()
    {
        QSettings settings(m_dir.filePath(u"first.ini"_s), QSettings::IniFormat);
        auto store = newStore();
        MemorySecretStore secrets;
        auto window = makeWindow(&settings, store.get(), &secrets);
        ConnectionList *list = window->connectionList();
        auto *hint = list->findChild<QWidget *>(u"connectionsEmptyHint"_s);
        QVERIFY(hint);
        QVERIFY(hint->isVisible());
        QVERIFY(!list->view()->isVisible()); // no empty group headers
        auto *text = list->findChild<QLabel *>(u"connectionsEmptyText"_s);
        QVERIFY(text->text().contains(u"AWS profiles"_s));

        auto *add = list->findChild<QPushButton *>(u"addConnectionButton"_s);
        QVERIFY(add && add->isVisible());
        QTest::mouseClick(add, Qt::LeftButton);
        ConnectionDialog *dialog = list->openDialog();
        QVERIFY(dialog);
        dialog->findChild<QLineEdit *>(u"nameEdit"_s)->setText(u"New one"_s);
        dialog->findChild<QLineEdit *>(u"endpointEdit"_s)->setText(m_server->endpointUrl());
        dialog->accept();
        QVERIFY(waitUntil([&] { return window->currentSession() != nullptr; }, 5000));
        QCOMPARE(window->currentSession()->displayName(), u"New one"_s);
        QVERIFY(!hint->isVisible());
        QVERIFY(list->view()->isVisible());
        auto *connectButton = list->findChild<QPushButton *>(u"connectButton"_s);
        QVERIFY(connectButton && connectButton->isVisible() && connectButton->isEnabled());
        QVERIFY(list->rect().contains(connectButton->geometry()));
        QVERIFY(connectButton->width() >= connectButton->minimumSizeHint().width());

        // The open connection is marked.
        const QModelIndex row = list->model()->indexForId(window->currentSession()->id());
        QVERIFY(row.isValid());
        QCOMPARE(row.data(ConnectionListModel::IsActiveRole).toBool(), true);
        QCOMPARE(row.data(Qt::FontRole).value<QFont>().bold(), true);
        QVERIFY(waitUntil([&] { return window->buckets()->rowCount() == 2; }, 5000));
    }

    void commandLineConnectionIsListedAndMarked()
    {
        QSettings settings(m_dir.filePath(u"cli.ini"_s), QSettings::IniFormat);
        auto store = newStore();
        const QString saved = addFakeConnection(*store, u"Saved"_s);
        auto window = makeWindow(&settings, store.get());
        SessionConfig config = fakeSessionConfig(m_server->endpointUrl(), {}, u"cli-0123"_s);
        config.displayName = u"http://127.0.0.1:1234"_s;
        QVERIFY(window->openSession(config));
        ConnectionListModel *model = window->connectionList()->model();
        const QModelIndex cli = model->indexForId(u"cli-0123"_s);
        QVERIFY(cli.isValid());
        QCOMPARE(cli.parent(), model->groupIndex(ConnectionListModel::CommandLineGroup));
        QCOMPARE(cli.data().toString(), u"http://127.0.0.1:1234"_s);
        QVERIFY(cli.data(ConnectionListModel::IsActiveRole).toBool());
        QVERIFY(!model->indexForId(saved).data(ConnectionListModel::IsActiveRole).toBool());
        QCOMPARE(window->connectionList()->view()->currentIndex(), QPersistentModelIndex(cli)); // selected too
        QVERIFY(window->connectionList()->connectAction()->isEnabled());

        // Connecting the saved one moves the mark; choosing the command-line row goes back to it.
        window->connectionList()->setCurrentProfile(saved);
        window->connectionList()->connectAction()->trigger();
        QVERIFY(waitUntil([&] { return window->currentSession()->id() == saved; }, 5000));
        QVERIFY(!cli.data(ConnectionListModel::IsActiveRole).toBool());
        QVERIFY(model->indexForId(saved).data(ConnectionListModel::IsActiveRole).toBool());
        window->connectionList()->view()->setCurrentIndex(cli);
        window->connectionList()->connectAction()->trigger();
        QVERIFY(waitUntil([&] { return window->currentSession()->id() == u"cli-0123"_s; }, 5000));
        QVERIFY(cli.data(ConnectionListModel::IsActiveRole).toBool());
    }

    void lastConnectionReopensAtStart()
    {
        QSettings settings(m_dir.filePath(u"reopen.ini"_s), QSettings::IniFormat);
        auto store = newStore();
        addFakeConnection(*store, u"First"_s);
        const QString second = addFakeConnection(*store, u"Second"_s);
        {
            auto window = makeWindow(&settings, store.get());
            QVERIFY(!window->reopenLastConnection()); // nothing to reopen yet
            QVERIFY(window->connectionList()->setCurrentProfile(second));
            window->connectionList()->connectAction()->trigger();
            QVERIFY(waitUntil([&] { return window->currentSession() && window->currentSession()->id() == second; }, 5000));
            window->browser()->openLocation(u"bucket"_s, u"folder/"_s);
            window->close();
        }
        auto window = makeWindow(&settings, store.get());
        QVERIFY(window->reopenLastConnection());
        QVERIFY(waitUntil([&] { return window->currentSession() != nullptr; }, 5000));
        QCOMPARE(window->currentSession()->id(), second);
        QCOMPARE(window->browser()->bucket(), u"bucket"_s);
        QCOMPARE(window->browser()->prefix(), u"folder/"_s);
        QCOMPARE(window->connectionList()->currentProfile()->id, second);
    }

    void deletedBucketLeavesTheHistoryAndTheLastLocation()
    {
        m_server->createBucket(u"doomed"_s);
        QSettings settings(m_dir.filePath(u"doomed.ini"_s), QSettings::IniFormat);
        auto window = makeWindow(&settings, nullptr);
        QVERIFY(window->openSession(fakeSessionConfig(m_server->endpointUrl(), {}, u"doomed"_s)));
        QVERIFY(waitUntil([&] { return window->buckets()->rowOfBucket(u"doomed"_s) >= 0; }, 5000));
        window->browser()->openLocation(u"bucket"_s, {});
        window->browser()->openLocation(u"doomed"_s, {});
        QCOMPARE(settings.value(u"location/doomed"_s).toStringList(), QStringList({u"doomed"_s, QString()}));

        window->bucketView()->setCurrentIndex(window->buckets()->index(window->buckets()->rowOfBucket(u"doomed"_s)));
        QAction *remove = nullptr;
        for (QAction *action : window->menuBar()->findChildren<QAction *>()) {
            if (action->text() == u"Delete bucket…"_s)
                remove = action;
        }
        QVERIFY(remove);
        remove->trigger();
        auto *box = waitForVisibleChild<QMessageBox>(window.get(), u"confirmDeleteBucket"_s, 5000);
        QVERIFY(box);
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QAbstractButton *confirm = messageBoxButton(box, u"Delete"_s);
        QVERIFY(confirm);
        confirm->click();
        QVERIFY(waitUntil([&] { return !m_server->hasBucket(u"doomed"_s); }, 5000));
        QVERIFY(waitUntil([&] { return window->browser()->bucket().isEmpty(); }, 5000));
        QVERIFY2(!window->browser()->historyLocations().join(u' ').contains(u"doomed"_s),
                 qPrintable(window->browser()->historyLocations().join(u' ')));
        QVERIFY(!settings.value(u"location/doomed"_s).toStringList().contains(u"doomed"_s));
        // Back leads to where the user was before, never into the deleted bucket.
        window->browser()->backAction()->trigger();
        QCOMPARE(window->browser()->bucket(), u"bucket"_s);
        QVERIFY(!window->errorBox());
    }

    void rememberedLocationThatIsGoneOpensTheBucketListQuietly()
    {
        QSettings settings(m_dir.filePath(u"gone.ini"_s), QSettings::IniFormat);
        settings.setValue(u"location/gone"_s, QStringList{u"vanished"_s, u"photos/"_s});
        auto window = makeWindow(&settings, nullptr);
        QVERIFY(window->openSession(fakeSessionConfig(m_server->endpointUrl(), {}, u"gone"_s)));
        QVERIFY(waitUntil([&] { return window->browser()->bucket().isEmpty(); }, 5000));
        QVERIFY(!window->errorBox()); // no modal error
        QVERIFY2(window->statusBar()->currentMessage().contains(u"no longer exists"_s),
                 qPrintable(window->statusBar()->currentMessage()));
        QVERIFY(!settings.contains(u"location/gone"_s));
        QVERIFY(!window->browser()->historyLocations().join(u' ').contains(u"vanished"_s));
        QVERIFY(!window->browser()->backAction()->isEnabled());
        QCOMPARE(window->windowTitle(), u"Fake S3 — S3Desk"_s);
    }

    void listingErrorsAreShownInTheBrowser_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("AccessDenied") << 403 << u"AccessDenied"_s << u"permission to list s3://bucket/folder/"_s;
        QTest::newRow("NoSuchBucket") << 404 << u"NoSuchBucket"_s << u"does not exist"_s;
        QTest::newRow("InternalError") << 500 << u"InternalError"_s << u"Press F5 to try again"_s;
    }

    void listingErrorsAreShownInTheBrowser()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, says);
        QSettings settings(m_dir.filePath(u"inline.ini"_s), QSettings::IniFormat);
        auto window = makeWindow(&settings, nullptr);
        QVERIFY(window->openSession(fakeSessionConfig(m_server->endpointUrl(), {}, u"inline"_s)));
        window->browser()->openLocation(u"bucket"_s, {});
        QVERIFY(waitUntil([&] { return window->browser()->model()->rowCount() > 0 && !window->browser()->model()->isListing(); }, 5000));
        FakeS3Fault fault = errorFault(u"ListObjectsV2"_s, status, code);
        fault.times = -1; // retries included
        m_server->addFault(fault);
        window->browser()->openLocation(u"bucket"_s, u"folder/"_s);
        QLabel *error = window->browser()->listingError();
        QVERIFY(waitUntil([&] { return error->isVisible(); }, 20000));
        m_server->clearFaults();
        QVERIFY2(error->text().contains(says), qPrintable(error->text()));
        QVERIFY2(error->text().contains(code), qPrintable(error->text()));
        QVERIFY(!window->errorBox()); // not a pop-up
        QCOMPARE(window->browser()->statusLabel()->text(), u"Listing failed"_s);
        // Trying again (F5) hides it once the listing works.
        window->browser()->refreshAction()->trigger();
        QVERIFY(waitUntil([&] { return !window->browser()->model()->isListing() && window->browser()->model()->rowCount() > 0; }, 5000));
        QVERIFY(!error->isVisible());
    }

    void narrowWindowKeepsTheLocationAndTheFilter()
    {
        const QString deep = u"one/two/three/four/five/six/seven/a-rather-long-folder-name-at-level-eight/"_s;
        m_server->putObject(u"bucket"_s, deep + u"leaf.txt"_s, "leaf");
        QSettings settings(m_dir.filePath(u"narrow.ini"_s), QSettings::IniFormat);
        auto window = makeWindow(&settings, nullptr);
        QVERIFY(window->openSession(fakeSessionConfig(m_server->endpointUrl(), {}, u"narrow"_s)));
        window->resize(800, 560);
        window->browser()->openLocation(u"bucket"_s, deep);
        QVERIFY(waitUntil([&] { return window->browser()->model()->rowCount() == 1; }, 5000));
        QLineEdit *filter = window->browser()->filterField();
        QTRY_VERIFY(filter->isVisible());
        QVERIFY(filter->width() >= 140);
        QVERIFY(filter->visibleRegion().boundingRect().width() >= 140);
        BreadcrumbBar *crumbs = window->browser()->breadcrumbs();
        QTRY_VERIFY(!crumbs->hiddenLevels().isEmpty());
        QCOMPARE(crumbs->levels().size(), 9); // the bucket and eight folders
        QVERIFY(!crumbs->hiddenLevels().contains(QString()));  // the bucket stays
        QVERIFY(!crumbs->hiddenLevels().contains(deep));       // and so does the current folder
        auto *more = crumbs->findChild<QToolButton *>(u"breadcrumbMore"_s);
        QVERIFY(more && more->isVisible());
        QCOMPARE(more->menu()->actions().size(), crumbs->hiddenLevels().size());
        // Every visible crumb fits in the bar, whole: a name too long for it is shortened, not cut.
        for (QToolButton *button : crumbs->findChildren<QToolButton *>()) {
            if (!button->isVisible())
                continue;
            QVERIFY(crumbs->rect().contains(button->geometry()));
            QVERIFY2(button->width() >= button->sizeHint().width(),
                     qPrintable(u"%1: %2 < %3"_s.arg(button->text()).arg(button->width()).arg(button->sizeHint().width())));
        }
        // A hidden level is one click away in the "…" menu.
        more->menu()->actions().first()->trigger();
        QCOMPARE(window->browser()->prefix(), crumbs->levels().value(1));
        window->browser()->openLocation(u"bucket"_s, deep);
        // Wide again: every level shows.
        window->resize(1900, 700);
        QTRY_VERIFY(crumbs->hiddenLevels().isEmpty());
        QVERIFY(!more->isVisible());

        // Ctrl+I focuses the filter from the table (Ctrl+F is Find).
        window->resize(800, 560);
        window->browser()->view()->setFocus();
        QTest::keyClick(window->browser()->view(), Qt::Key_I, Qt::ControlModifier);
        QVERIFY(filter->hasFocus());
    }

    void typedLocationOpensAnyBucketAndFolder()
    {
        QSettings settings(m_dir.filePath(u"typed.ini"_s), QSettings::IniFormat);
        auto window = makeWindow(&settings, nullptr);
        QVERIFY(window->openSession(fakeSessionConfig(m_server->endpointUrl(), {}, u"typed"_s)));
        window->browser()->openLocation(u"bucket"_s, {});
        QLineEdit *edit = window->browser()->locationEdit();
        QVERIFY(!edit->isVisible());
        window->bucketView()->setFocus();
        QTest::keyClick(window->bucketView(), Qt::Key_L, Qt::ControlModifier);
        QVERIFY(edit->isVisible());
        QVERIFY(edit->hasFocus());
        QCOMPARE(edit->text(), u"s3://bucket/"_s);
        QVERIFY(!window->browser()->breadcrumbs()->isVisible());

        edit->selectAll();
        QTest::keyClicks(edit, u"s3://bucket/folder/deep"_s);
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(window->browser()->bucket(), u"bucket"_s);
        QCOMPARE(window->browser()->prefix(), u"folder/deep/"_s);
        QVERIFY(!edit->isVisible());
        QVERIFY(window->browser()->breadcrumbs()->isVisible());
        QVERIFY(waitUntil([&] { return window->browser()->model()->rowOfName(u"a.txt"_s) >= 0; }, 5000));

        // A mistake keeps the text, with the reason; Escape goes back to the breadcrumbs.
        QTest::keyClick(window->browser()->view(), Qt::Key_L, Qt::ControlModifier);
        edit->selectAll();
        QTest::keyClicks(edit, u"https://example.com/x"_s);
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(edit->isVisible());
        QCOMPARE(edit->text(), u"https://example.com/x"_s);
        QVERIFY(edit->toolTip().contains(u"not a web address"_s));
        QCOMPARE(window->browser()->prefix(), u"folder/deep/"_s);
        QTest::keyClick(edit, Qt::Key_Escape);
        QVERIFY(!edit->isVisible());
        QVERIFY(window->browser()->breadcrumbs()->isVisible());
    }

    void refusedKeysOfferTheWayForward()
    {
        QSettings settings(m_dir.filePath(u"refused.ini"_s), QSettings::IniFormat);
        auto store = newStore();
        MemorySecretStore secrets;
        ConnectionProfile p;
        p.name = u"Keys"_s;
        p.endpointUrl = m_server->endpointUrl();
        p.addressing = s3::AddressingStyle::Path;
        p.accessKeyId = u"AKIDKEYS"_s;
        const QString id = *store->add(p);
        secrets.setSecret(id, u"wrong-secret"_s);
        auto window = makeWindow(&settings, store.get(), &secrets);
        m_server->addFault(errorFault(u"ListBuckets"_s, 403, u"SignatureDoesNotMatch"_s));
        QVERIFY(window->connectionList()->setCurrentProfile(id));
        window->connectionList()->connectAction()->trigger();
        QVERIFY(waitUntil([&] { return window->errorBox() && window->errorBox()->isVisible(); }, 10000));
        QMessageBox *box = window->errorBox();
        QVERIFY2(box->text().contains(u"Wrong secret key"_s), qPrintable(box->text()));
        auto *edit = box->findChild<QPushButton *>(u"editConnectionButton"_s);
        auto *again = box->findChild<QPushButton *>(u"reenterSecretButton"_s);
        QVERIFY(edit && again);
        QPointer<Session> refused = window->currentSession(); // a new one may live at the same address

        // Enter secret again: asked at once (not read from the store that holds the refused one), then reconnected.
        again->click();
        SecretPromptDialog *prompt = nullptr;
        QVERIFY(waitUntil([&] {
            for (auto *dialog : window->findChildren<SecretPromptDialog *>())
                if (dialog->isVisible())
                    prompt = dialog;
            return prompt != nullptr;
        }, 5000));
        QVERIFY(prompt->message().contains(u"refused"_s));
        prompt->findChild<QLineEdit *>(u"secretEdit"_s)->setText(u"right-secret"_s);
        prompt->accept();
        QVERIFY(waitUntil([&] { return !refused && window->currentSession(); }, 5000));
        QCOMPARE(window->currentSession()->id(), id);
        QVERIFY(waitUntil([&] { return window->buckets()->rowCount() >= 2; }, 5000));
        QCOMPARE(secrets.secret(id), u"right-secret"_s);

        // Edit connection…: the saved connection's dialog; saving the edit reconnects.
        m_server->addFault(errorFault(u"ListBuckets"_s, 403, u"InvalidAccessKeyId"_s));
        window->buckets()->refresh();
        QVERIFY(waitUntil([&] { return window->errorBox() && window->errorBox()->isVisible()
                                       && window->errorBox()->text().contains(u"Unknown access key"_s); }, 10000));
        edit = window->errorBox()->findChild<QPushButton *>(u"editConnectionButton"_s);
        QVERIFY(edit);
        QPointer<Session> before = window->currentSession();
        edit->click();
        ConnectionDialog *dialog = window->connectionList()->openDialog();
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->profile().id, id);
        dialog->findChild<QLineEdit *>(u"accessKeyEdit"_s)->setText(u"AKIDFIXED"_s);
        dialog->accept();
        QVERIFY(waitUntil([&] { return !before && window->currentSession(); }, 5000));
        QVERIFY(waitUntil([&] {
            const QList<FakeS3Request> requests = m_server->requests();
            return !requests.isEmpty() && requests.last().header("authorization").contains("AKIDFIXED");
        }, 5000));
    }

    void footerCountsWithRealPluralsAndSaysWhatTheFilterShows()
    {
        m_server->createBucket(u"counted"_s);
        for (int i = 0; i < 30; ++i)
            m_server->putObject(u"counted"_s, u"file-%1.txt"_s.arg(i), "x");
        m_server->putObject(u"counted"_s, u"single/only.txt"_s, "x");
        QSettings settings(m_dir.filePath(u"count.ini"_s), QSettings::IniFormat);
        auto window = makeWindow(&settings, nullptr);
        QVERIFY(window->openSession(fakeSessionConfig(m_server->endpointUrl(), u"counted"_s, u"count"_s)));
        QLabel *status = window->browser()->statusLabel();
        QVERIFY(waitUntil([&] { return status->text() == u"31 items"_s; }, 5000));
        window->browser()->filterField()->setText(u"file-2"_s);
        QVERIFY2(waitUntil([&] { return status->text() == u"11 of 31 items"_s; }, 5000), qPrintable(status->text()));
        window->browser()->filterField()->clear();
        QVERIFY(waitUntil([&] { return status->text() == u"31 items"_s; }, 5000));
        window->browser()->openLocation(u"counted"_s, u"single/"_s);
        QVERIFY2(waitUntil([&] { return status->text() == u"1 item"_s; }, 5000), qPrintable(status->text()));
    }
};

QTEST_MAIN(TestMainWindowUx)
#include "tst_mainwindowux.moc"
