// SPDX-License-Identifier: Apache-2.0
// The object browser and the main window as a file manager, offscreen against the in-process fake S3: Copy s3://
// URI and Copy key, file dialogs that start in a folder that exists, names checked while they are typed, columns
// that fill the width, the transfers dock that hides when idle, Help > About, and prompts that default to Cancel.
#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QDockWidget>
#include <QHeaderView>
#include <QMessageBox>
#include <QScrollBar>
#include <QTreeView>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "browser/namerules.h"
#include "dialogs/aboutbox.h"
#include "dialogs/incompleteuploadsdialog.h"
#include "dialogs/namedialog.h"
#include "models/multipartuploadsmodel.h"
#include "models/transferlistmodel.h"
#include "models/bucketlistmodel.h"
#include "models/objectlistmodel.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestBrowserUx : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeS3Server> m_server;
    QTemporaryDir m_dir;

    std::unique_ptr<MainWindow> makeWindow(QSettings *settings)
    {
        MainWindowDependencies dependencies;
        dependencies.settings = settings;
        dependencies.stateDir = m_dir.filePath(u"queues"_s);
        auto window = std::make_unique<MainWindow>(dependencies);
        window->resize(1024, 768);
        window->show();
        return window;
    }

    /** A window connected to the fake server, showing bucket/prefix with its first page loaded. */
    std::unique_ptr<MainWindow> browsing(QSettings *settings, const QString &id, const QString &bucket, const QString &prefix = {})
    {
        auto window = makeWindow(settings);
        if (!window->openSession(fakeSessionConfig(m_server->endpointUrl(), {}, id)))
            return nullptr;
        window->browser()->openLocation(bucket, prefix);
        if (!waitUntil([&] { return window->browser()->model()->rowCount() > 0 && !window->browser()->model()->isListing(); }, 5000))
            qWarning("the listing did not load");
        return window;
    }

    /** The main window's menu action with this text (in any menu), or null. */
    static QAction *menuAction(MainWindow *window, const QString &text)
    {
        for (QAction *action : window->menuBar()->findChildren<QAction *>()) {
            if (action->text() == text)
                return action;
        }
        return nullptr;
    }

    static void selectNames(BrowserView *browser, const QStringList &names)
    {
        QItemSelection selection;
        for (const QString &name : names) {
            const int row = browser->model()->rowOfName(name);
            selection.select(browser->model()->index(row, 0), browser->model()->index(row, ObjectListModel::ColumnCount - 1));
        }
        browser->view()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
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
        m_server->putObject(u"bucket"_s, u"report.final.pdf"_s, "pdf");
    }

    void copiesUrisAndKeysOnePerLine()
    {
        QSettings settings(m_dir.filePath(u"copy.ini"_s), QSettings::IniFormat);
        auto window = browsing(&settings, u"copy"_s, u"bucket"_s);
        QVERIFY(window);
        BrowserView *browser = window->browser();
        QVERIFY(!browser->copyUriAction()->isEnabled()); // nothing selected

        selectNames(browser, {u"b.txt"_s});
        QVERIFY(browser->copyUriAction()->isEnabled());
        browser->copyUriAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"s3://bucket/b.txt"_s);
        browser->copyKeyAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"b.txt"_s);

        // Several rows, a folder among them: one per line, the folder with its '/'.
        selectNames(browser, {u"folder"_s, u"b.txt"_s, u"report.final.pdf"_s});
        browser->copyUriAction()->trigger();
        QStringList lines = QGuiApplication::clipboard()->text().split(u'\n');
        lines.sort();
        QCOMPARE(lines, QStringList({u"s3://bucket/b.txt"_s, u"s3://bucket/folder/"_s, u"s3://bucket/report.final.pdf"_s}));
        browser->copyKeyAction()->trigger();
        lines = QGuiApplication::clipboard()->text().split(u'\n');
        lines.sort();
        QCOMPARE(lines, QStringList({u"b.txt"_s, u"folder/"_s, u"report.final.pdf"_s}));

        // Inside a folder the key is the whole key, not the name.
        browser->openLocation(u"bucket"_s, u"folder/deep/"_s);
        QVERIFY(waitUntil([&] { return browser->model()->rowOfName(u"a.txt"_s) >= 0; }, 5000));
        selectNames(browser, {u"a.txt"_s});
        browser->copyKeyAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"folder/deep/a.txt"_s);

        // Both are in the context menu.
        Q_EMIT browser->view()->customContextMenuRequested(QPoint(5, 5));
        QMenu *menu = nullptr;
        QVERIFY(waitUntil([&] {
            for (QMenu *candidate : browser->findChildren<QMenu *>())
                if (candidate->isVisible())
                    menu = candidate;
            return menu != nullptr;
        }, 5000));
        QVERIFY(menu->actions().contains(browser->copyUriAction()));
        QVERIFY(menu->actions().contains(browser->copyKeyAction()));
        menu->close();
    }

    void existingFolder_data()
    {
        QTest::addColumn<QStringList>("candidates");
        QTest::addColumn<int>("chosen");
        QTest::newRow("last used exists") << QStringList({u"A"_s, u"B"_s, u"H"_s}) << 0;
        QTest::newRow("last used is gone") << QStringList({u"missing"_s, u"B"_s, u"H"_s}) << 1;
        QTest::newRow("never used") << QStringList({QString(), u"B"_s, u"H"_s}) << 1;
        QTest::newRow("downloads gone too") << QStringList({u"missing"_s, u"missing2"_s, u"H"_s}) << 2;
        QTest::newRow("a file is not a folder") << QStringList({u"file"_s, u"B"_s, u"H"_s}) << 1;
    }

    void existingFolder()
    {
        QFETCH(QStringList, candidates);
        QFETCH(int, chosen);
        QTemporaryDir root;
        QVERIFY(root.isValid());
        for (const QString &name : {u"A"_s, u"B"_s, u"H"_s})
            QVERIFY(QDir(root.path()).mkdir(name));
        QVERIFY(!writeTestFile(root.filePath(u"file"_s), "x").isEmpty());
        QStringList paths;
        for (const QString &candidate : candidates)
            paths << (candidate.isEmpty() ? QString() : root.filePath(candidate));
        QCOMPARE(BrowserView::existingFolder(paths), paths.at(chosen));
    }

    void fileDialogsStartInAFolderThatExists()
    {
        const QString gone = m_dir.filePath(u"removed-since"_s);
        QSettings settings(m_dir.filePath(u"folders.ini"_s), QSettings::IniFormat);
        settings.setValue(u"browser/localFolder"_s, gone);
        auto window = makeWindow(&settings);
        const QString start = window->browser()->localFolder();
        QVERIFY2(QFileInfo(start).isDir(), qPrintable(start));
        const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
        QCOMPARE(start, QFileInfo(downloads).isDir() ? downloads : QDir::homePath());

        // A folder used once is the start while it exists, and not once it is gone.
        QTemporaryDir used;
        QVERIFY(used.isValid());
        window->browser()->setLocalFolder(used.path());
        QCOMPARE(window->browser()->localFolder(), used.path());
        QVERIFY(used.remove());
        QCOMPARE(window->browser()->localFolder(), start);
    }

    void objectNameProblem_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("folder");
        QTest::addColumn<bool>("nested");
        QTest::addColumn<QString>("says"); // empty: acceptable
        const QString longName(1020, u'x');
        QTest::newRow("plain") << QString() << u"photos"_s << true << true << QString();
        QTest::newRow("nested") << u"p/"_s << u"a/b"_s << true << true << QString();
        QTest::newRow("trailing slash of a folder") << QString() << u"a/b/"_s << true << true << QString();
        QTest::newRow("unicode") << QString() << u"Fotos 2026 ü"_s << false << false << QString();
        QTest::newRow("empty") << QString() << QString() << true << true << u"Enter a name"_s;
        QTest::newRow("only a slash") << QString() << u"/"_s << true << true << u"Enter a name"_s;
        QTest::newRow("slash in a rename") << QString() << u"a/b"_s << false << false << u"cannot contain '/'"_s;
        QTest::newRow("empty part") << QString() << u"a//b"_s << true << true << u"empty part"_s;
        QTest::newRow("leading slash") << QString() << u"/a"_s << true << true << u"empty part"_s;
        QTest::newRow("dot") << QString() << u"."_s << true << true << u"cannot be names"_s;
        QTest::newRow("dot dot inside") << QString() << u"a/../b"_s << true << true << u"cannot be names"_s;
        QTest::newRow("tab") << QString() << u"a\tb"_s << false << false << u"control characters"_s;
        QTest::newRow("newline") << QString() << u"a\nb"_s << true << true << u"control characters"_s;
        QTest::newRow("1024 bytes") << u"pre/"_s << longName << false << false << QString();
        QTest::newRow("1025 bytes") << u"pre/"_s << longName + u"y"_s << false << false << u"1025 bytes"_s;
        QTest::newRow("folder slash counts") << u"pre/"_s << longName << true << true << u"1025 bytes"_s;
        QTest::newRow("bytes, not characters") << QString() << QString(513, QChar(0xe9)) << false << false << u"1026 bytes"_s;
    }

    void objectNameProblem()
    {
        QFETCH(QString, prefix);
        QFETCH(QString, name);
        QFETCH(bool, folder);
        QFETCH(bool, nested);
        QFETCH(QString, says);
        const QString problem = s3ui::objectNameProblem(prefix, name, folder, nested);
        if (says.isEmpty())
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        else
            QVERIFY2(problem.contains(says), qPrintable(problem));
    }

    void bucketNameProblem_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("says");
        QTest::newRow("fine") << u"my-bucket.2026"_s << QString();
        QTest::newRow("empty") << QString() << u"Enter a name"_s;
        QTest::newRow("short") << u"ab"_s << u"between 3 and 63"_s;
        QTest::newRow("upper case") << u"MyBucket"_s << u"lowercase"_s;
        QTest::newRow("underscore") << u"my_bucket"_s << u"lowercase"_s;
        QTest::newRow("ends with a dash") << u"bucket-"_s << u"begin and end"_s;
        QTest::newRow("two dots") << u"a..b"_s << u"two adjacent dots"_s;
        QTest::newRow("an address") << u"192.168.1.1"_s << u"IP address"_s;
    }

    void bucketNameProblem()
    {
        QFETCH(QString, name);
        QFETCH(QString, says);
        const QString problem = s3ui::bucketNameProblem(name);
        if (says.isEmpty())
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        else
            QVERIFY2(problem.contains(says), qPrintable(problem));
    }

    void nameStemLength_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("folder");
        QTest::addColumn<QString>("stem");
        QTest::newRow("extension") << u"photo.jpg"_s << false << u"photo"_s;
        QTest::newRow("two dots") << u"report.final.pdf"_s << false << u"report.final"_s;
        QTest::newRow("none") << u"README"_s << false << u"README"_s;
        QTest::newRow("hidden file") << u".bashrc"_s << false << u".bashrc"_s;
        QTest::newRow("folder with a dot") << u"v1.2"_s << true << u"v1.2"_s;
    }

    void nameStemLength()
    {
        QFETCH(QString, name);
        QFETCH(bool, folder);
        QFETCH(QString, stem);
        QCOMPARE(name.left(s3ui::nameStemLength(name, folder)), stem);
    }

    void newFolderKeepsTheInputAndMakesNestedFolders()
    {
        QSettings settings(m_dir.filePath(u"newfolder.ini"_s), QSettings::IniFormat);
        auto window = browsing(&settings, u"newfolder"_s, u"bucket"_s);
        QVERIFY(window);
        BrowserView *browser = window->browser();
        browser->newFolderAction()->trigger();
        auto *dialog = waitForVisibleChild<NameDialog>(browser, u"newFolderDialog"_s, 5000);
        QVERIFY(dialog);
        QLineEdit *edit = dialog->nameEdit();
        QVERIFY(!dialog->okButton()->isEnabled());
        QVERIFY(!dialog->problemLabel()->isVisible()); // nothing typed is not a mistake

        QTest::keyClicks(edit, u"folder"_s);
        QVERIFY(!dialog->okButton()->isEnabled());
        QVERIFY(dialog->problemLabel()->isVisible());
        QVERIFY2(dialog->problem().contains(u"already exists"_s), qPrintable(dialog->problem()));
        QTest::keyClicks(edit, u"//x"_s);
        QVERIFY(dialog->problem().contains(u"empty part"_s));
        // Enter on a refused name keeps the dialog and what was typed.
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(dialog->isVisible());
        QCOMPARE(edit->text(), u"folder//x"_s);
        // A field under the text, inside the dialog, not cut.
        QVERIFY(dialog->rect().contains(dialog->problemLabel()->geometry()));
        QVERIFY(dialog->problemLabel()->height() >= dialog->problemLabel()->heightForWidth(dialog->problemLabel()->width()));

        edit->setText(u"new/inner"_s);
        QVERIFY(dialog->okButton()->isEnabled());
        QVERIFY(!dialog->problemLabel()->isVisible());
        QSignalSpy done(browser, &BrowserView::operationFinished);
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(done.wait(5000));
        QVERIFY(done.last().at(1).toBool());
        QVERIFY(m_server->object(u"bucket"_s, u"new/inner/"_s).has_value());
        QVERIFY(!m_server->object(u"bucket"_s, u"new/"_s).has_value()); // one marker: the deepest
        QVERIFY(waitUntil([&] { return browser->model()->rowOfName(u"new"_s) >= 0; }, 5000));
        QVERIFY(browser->model()->isFolderAt(browser->model()->rowOfName(u"new"_s)));
    }

    void renamePreselectsTheNameAndRefusesAnExistingOne()
    {
        QSettings settings(m_dir.filePath(u"rename.ini"_s), QSettings::IniFormat);
        auto window = browsing(&settings, u"rename"_s, u"bucket"_s);
        QVERIFY(window);
        BrowserView *browser = window->browser();
        selectNames(browser, {u"report.final.pdf"_s});
        browser->renameAction()->trigger();
        auto *dialog = waitForVisibleChild<NameDialog>(browser, u"renameDialog"_s, 5000);
        QVERIFY(dialog);
        QCOMPARE(dialog->name(), u"report.final.pdf"_s);
        QCOMPARE(dialog->nameEdit()->selectedText(), u"report.final"_s);
        QVERIFY(!dialog->okButton()->isEnabled()); // unchanged
        QVERIFY(dialog->problem().isEmpty());
        // Typing replaces the stem, the extension stays.
        QTest::keyClicks(dialog->nameEdit(), u"b"_s);
        QCOMPARE(dialog->name(), u"b.pdf"_s);
        QVERIFY(dialog->okButton()->isEnabled());
        dialog->nameEdit()->setText(u"b.txt"_s);
        QVERIFY2(dialog->problem().contains(u"already exists"_s), qPrintable(dialog->problem()));
        QVERIFY(!dialog->okButton()->isEnabled());
        dialog->nameEdit()->setText(u"sub/b.txt"_s);
        QVERIFY(dialog->problem().contains(u"cannot contain '/'"_s));
        dialog->reject();
    }

    void newBucketSaysWhatIsWrongWhileTyping()
    {
        QSettings settings(m_dir.filePath(u"newbucket.ini"_s), QSettings::IniFormat);
        auto window = browsing(&settings, u"newbucket"_s, u"bucket"_s);
        QVERIFY(window);
        QVERIFY(waitUntil([&] { return window->buckets()->rowOfBucket(u"bucket"_s) >= 0; }, 5000));
        QAction *create = menuAction(window.get(), u"New bucket…"_s);
        QVERIFY(create);
        create->trigger();
        auto *dialog = waitForVisibleChild<NameDialog>(window.get(), u"newBucketDialog"_s, 5000);
        QVERIFY(dialog);
        QTest::keyClicks(dialog->nameEdit(), u"My_Bucket"_s);
        QVERIFY(dialog->problem().contains(u"lowercase"_s));
        QVERIFY(!dialog->okButton()->isEnabled());
        dialog->nameEdit()->setText(u"bucket"_s);
        QVERIFY(dialog->problem().contains(u"already have"_s));
        dialog->nameEdit()->setText(u"fresh-bucket"_s);
        QVERIFY(dialog->okButton()->isEnabled());
        QTest::keyClick(dialog->nameEdit(), Qt::Key_Return);
        QVERIFY(waitUntil([&] { return m_server->hasBucket(u"fresh-bucket"_s) && window->browser()->bucket() == u"fresh-bucket"_s; }, 5000));
    }
    void columnsFillTheWidth()
    {
        QSettings settings(m_dir.filePath(u"columns.ini"_s), QSettings::IniFormat);
        auto window = browsing(&settings, u"columns"_s, u"bucket"_s);
        QVERIFY(window);
        QTableView *view = window->browser()->view();
        QHeaderView *header = view->horizontalHeader();
        for (const QSize size : {QSize(800, 560), QSize(1920, 1080), QSize(1024, 768)}) {
            window->resize(size);
            // No empty band right of the last column, no horizontal scrollbar.
            QTRY_COMPARE(header->length(), view->viewport()->width());
            QVERIFY(!view->horizontalScrollBar()->isVisible());
            QVERIFY(header->sectionSize(ObjectListModel::NameColumn) > header->sectionSize(ObjectListModel::SizeColumn));
        }
        // The other columns keep their width and stay resizable: Name gives way.
        const int name = header->sectionSize(ObjectListModel::NameColumn);
        const int modified = header->sectionSize(ObjectListModel::ModifiedColumn);
        QCOMPARE(header->sectionResizeMode(ObjectListModel::ModifiedColumn), QHeaderView::Interactive);
        header->resizeSection(ObjectListModel::ModifiedColumn, modified + 40);
        QTRY_COMPARE(header->sectionSize(ObjectListModel::NameColumn), name - 40);
        QCOMPARE(header->length(), view->viewport()->width());
        // Sorting and filtering rebuild the header's sections: Name still fills.
        view->sortByColumn(ObjectListModel::SizeColumn, Qt::DescendingOrder);
        window->browser()->filterField()->setText(u"b"_s);
        QVERIFY(waitUntil([&] { return window->browser()->model()->rowCount() == 1; }, 5000));
        window->resize(1300, 800);
        QTRY_COMPARE(header->length(), view->viewport()->width());
        QCOMPARE(header->sectionSize(ObjectListModel::ModifiedColumn), modified + 40);
    }

    void incompleteUploadsShowDatesInFull()
    {
        QSettings settings(m_dir.filePath(u"uploads.ini"_s), QSettings::IniFormat);
        auto window = browsing(&settings, u"uploads"_s, u"bucket"_s);
        QVERIFY(window);
        const QString key = u"a/rather/long/key/of/an/upload/that/was/never/finished/video-final-final.mp4"_s;
        QVERIFY(!startTestMultipartUpload(window->currentSession()->client(), u"bucket"_s, key, {5}, 5000).isEmpty());
        IncompleteUploadsDialog dialog(window->currentSession(), u"bucket"_s, window.get());
        dialog.show();
        QVERIFY(waitUntil([&] { return !dialog.model()->isLoading() && dialog.model()->rowCount() == 1; }, 5000));
        auto *view = dialog.findChild<QTreeView *>(u"uploadsView"_s);
        QVERIFY(view);
        for (const int column : {int(MultipartUploadsModel::InitiatedColumn), int(MultipartUploadsModel::PartsColumn),
                                 int(MultipartUploadsModel::SizeColumn)}) {
            const QString text = view->model()->index(0, column).data().toString();
            QVERIFY(!text.isEmpty());
            QTRY_VERIFY2(view->header()->sectionSize(column) > view->fontMetrics().horizontalAdvance(text),
                         qPrintable(u"%1: %2 px for \"%3\""_s.arg(column).arg(view->header()->sectionSize(column)).arg(text)));
        }
    }

    void transfersDockHidesWhenIdleAndComesBack()
    {
        QSettings settings(m_dir.filePath(u"dock.ini"_s), QSettings::IniFormat);
        auto window = browsing(&settings, u"dock"_s, u"bucket"_s);
        QVERIFY(window);
        QDockWidget *dock = window->transferDock();
        TransferListModel *transfers = window->transfers();
        QVERIFY(!dock->isVisible()); // nothing to show at start
        m_server->addFault(delayFault(u"PutObject"_s, 1500));
        const auto upload = [&](const QString &name) {
            window->browser()->uploadPaths({writeTestFile(m_dir.filePath(name), "data")}, u"dock/"_s);
        };

        // A batch: shown while it runs, hidden a moment after it ends.
        upload(u"one.txt"_s);
        QVERIFY(waitUntil([&] { return dock->isVisible() && transfers->activeCount() == 1; }, 5000));
        QVERIFY(waitUntil([&] { return transfers->activeCount() == 0; }, 10000));
        QVERIFY(dock->isVisible());
        QVERIFY(waitUntil([&] { return !dock->isVisible(); }, MainWindow::TransferDockHideDelayMs + 2000));

        // Hidden with Ctrl+J while a batch runs: it stays hidden for that batch, even when more joins it.
        m_server->clearFaults();
        m_server->addFault(delayFault(u"PutObject"_s, 4000)); // long enough for a second upload to join
        upload(u"two.txt"_s);
        QVERIFY(waitUntil([&] { return dock->isVisible() && transfers->activeCount() == 1; }, 5000));
        QTest::keyClick(window->browser()->view(), Qt::Key_J, Qt::ControlModifier);
        QVERIFY(!dock->isVisible());
        upload(u"three.txt"_s);
        QVERIFY(waitUntil([&] { return transfers->rowCount() == 3; }, 5000));
        QVERIFY(transfers->activeCount() > 0);
        QVERIFY(!dock->isVisible());
        QVERIFY(waitUntil([&] { return transfers->activeCount() == 0; }, 10000));
        QVERIFY(!dock->isVisible());

        // The next batch shows it again.
        m_server->clearFaults();
        m_server->addFault(delayFault(u"PutObject"_s, 1500));
        upload(u"four.txt"_s);
        QVERIFY(waitUntil([&] { return dock->isVisible(); }, 5000));
        QVERIFY(waitUntil([&] { return transfers->activeCount() == 0 && !dock->isVisible(); }, 10000));

        // A batch that failed keeps it open: the failure stays in sight.
        m_server->clearFaults();
        m_server->addFault(errorFault(u"PutObject"_s, 403, u"AccessDenied"_s));
        upload(u"five.txt"_s);
        QVERIFY(waitUntil([&] { return transfers->stateCount(s3::TransferState::Failed) == 1; }, 10000));
        QTest::qWait(MainWindow::TransferDockHideDelayMs + 500);
        QVERIFY(dock->isVisible());
        m_server->clearFaults();
    }

    void helpAboutNamesVersionLicenceProjectAndQt()
    {
        QSettings settings(m_dir.filePath(u"about.ini"_s), QSettings::IniFormat);
        auto window = makeWindow(&settings);
        QAction *about = menuAction(window.get(), u"&About S3Desk"_s);
        QVERIFY(about);
        QVERIFY(about->parent() && menuAction(window.get(), u"&Help"_s));
        about->trigger();
        QMessageBox *box = window->aboutBox();
        QVERIFY(box && box->isVisible());
        QCOMPARE(box->windowTitle(), u"About S3Desk"_s);
        const QString text = box->text();
        QVERIFY2(text.contains(u"S3Desk " S3DESK_VERSION_STRING ""_s), qPrintable(text));
        QVERIFY(text.contains(u"Apache License, Version 2.0"_s));
        QVERIFY(text.contains(QString::fromLatin1(ProjectUrl)));
        QVERIFY(text.contains(u"Qt "_s + QString::fromLatin1(qVersion())));
        // Once: a second call raises the open box.
        about->trigger();
        QCOMPARE(window->aboutBox(), box);
        QCOMPARE(window->findChildren<QMessageBox *>(u"aboutBox"_s).size(), 1);
        box->close();
    }

    void promptsDefaultToCancel()
    {
        m_server->putObject(u"bucket"_s, u"prompts/keep.txt"_s, "keep");
        m_server->createBucket(u"prompted"_s);
        QSettings settings(m_dir.filePath(u"prompts.ini"_s), QSettings::IniFormat);
        auto window = browsing(&settings, u"prompts"_s, u"bucket"_s, u"prompts/"_s);
        QVERIFY(window);
        BrowserView *browser = window->browser();
        QVERIFY(waitUntil([&] { return browser->model()->rowOfName(u"keep.txt"_s) >= 0; }, 5000));
        // Each prompt: Cancel is the default button, and Enter leaves everything as it was.
        const auto enterCancels = [&](const QString &name) -> bool {
            auto *box = waitForVisibleChild<QMessageBox>(window.get(), name, 5000);
            if (!box) {
                qWarning() << "no prompt" << name;
                return false;
            }
            if (box->defaultButton() != box->button(QMessageBox::Cancel)) {
                qWarning() << name << "defaults to" << (box->defaultButton() ? box->defaultButton()->text() : u"nothing"_s);
                return false;
            }
            QTest::keyClick(box, Qt::Key_Return);
            return waitUntil([&] { return !box || !box->isVisible(); }, 5000);
        };

        selectNames(browser, {u"keep.txt"_s});
        browser->deleteAction()->trigger();
        QVERIFY(enterCancels(u"confirmDelete"_s));
        browser->makePublicAction()->trigger();
        QVERIFY(enterCancels(u"confirmAcl"_s));
        browser->makePrivateAction()->trigger();
        QVERIFY(enterCancels(u"confirmAcl"_s));

        // An upload onto an existing object: Overwrite is one choice, never the default.
        const QString local = QDir(m_dir.filePath(u"prompt-upload"_s)).filePath(u"keep.txt"_s);
        QVERIFY(QDir().mkpath(QFileInfo(local).path()));
        QVERIFY(!writeTestFile(local, "replaced").isEmpty());
        browser->uploadPaths({local}, u"prompts/"_s);
        QVERIFY(enterCancels(u"uploadConflict"_s));

        QVERIFY(waitUntil([&] { return window->buckets()->rowOfBucket(u"prompted"_s) >= 0; }, 5000));
        window->bucketView()->setCurrentIndex(window->buckets()->index(window->buckets()->rowOfBucket(u"prompted"_s)));
        menuAction(window.get(), u"Delete bucket…"_s)->trigger();
        QVERIFY(enterCancels(u"confirmDeleteBucket"_s));

        // Quitting while a transfer runs.
        m_server->addFault(delayFault(u"PutObject"_s, 3000));
        browser->uploadPaths({writeTestFile(m_dir.filePath(u"slow.txt"_s), "slow")}, u"prompts/"_s);
        QVERIFY(waitUntil([&] { return window->transfers()->activeCount() > 0; }, 5000));
        window->close();
        QVERIFY(enterCancels(u"confirmQuit"_s));
        QVERIFY(window->isVisible());

        QTest::qWait(300); // a late answer of any prompt would act now
        QCOMPARE(m_server->object(u"bucket"_s, u"prompts/keep.txt"_s)->data, QByteArray("keep"));
        QVERIFY(m_server->hasBucket(u"prompted"_s));
        QVERIFY(waitUntil([&] { return window->transfers()->activeCount() == 0; }, 10000));
        m_server->clearFaults();
    }
    void newBucketNeedsAConnection()
    {
        QSettings settings(m_dir.filePath(u"nobucket.ini"_s), QSettings::IniFormat);
        auto window = makeWindow(&settings);
        QAction *create = menuAction(window.get(), u"New bucket…"_s);
        QVERIFY(create);
        QVERIFY(!create->isEnabled()); // not connected: nothing it could do
        QVERIFY(window->openSession(fakeSessionConfig(m_server->endpointUrl(), {}, u"nobucket"_s)));
        QVERIFY(create->isEnabled());
    }
};

QTEST_MAIN(TestBrowserUx)
#include "tst_browserux.moc"
