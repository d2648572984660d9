// SPDX-License-Identifier: Apache-2.0
// Find (Ctrl+F) in the browser against FakeS3Server: results stream into the table as pages arrive with the
// counter in the status text, Stop and Esc cancel (no request after), Esc leaves the search for the folder, results
// are ordinary rows with full keys, Show in folder opens the folder and selects the object; and the search bar's
// criteria as a data table.
#include <algorithm>

#include <QCheckBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "browser/browserview.h"
#include "fakes3server.h"
#include "models/objectlistmodel.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"
#include "widgets/searchbar.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestSearchUi : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<FakeS3Server> m_server;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    QStringList m_csv; // every .csv key under data/

    BrowserView *browser() const { return m_window->browser(); }
    ObjectListModel *model() const { return browser()->model(); }
    SearchBar *bar() const { return browser()->searchBar(); }

    QStringList shownKeys() const
    {
        QStringList keys;
        for (int row = 0; row < model()->rowCount(); ++row)
            keys << model()->keyAt(row);
        keys.sort();
        return keys;
    }

    bool openData()
    {
        browser()->openLocation(u"bucket"_s, u"data/"_s);
        return waitUntil([this] { return !model()->isListing() && model()->rowOfName(u"top.csv"_s) >= 0; }, 10000);
    }

    void find(const QString &text)
    {
        browser()->findAction()->trigger();
        bar()->textField()->setText(text);
        QTest::keyClick(bar()->textField(), Qt::Key_Return);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<FakeS3Server>();
        QVERIFY(m_server->start());
        m_server->createBucket(u"bucket"_s);
        const auto put = [this](const QString &key, int size) {
            m_server->putObject(u"bucket"_s, key, QByteArray(size, 'x'));
            if (key.startsWith(u"data/"_s) && key.endsWith(u".csv"_s))
                m_csv << key;
        };
        for (int i = 0; i < 20; ++i) {
            put(u"data/a/x%1.csv"_s.arg(i), i);
            put(u"data/b/c/y%1.txt"_s.arg(i), i);
        }
        for (int i = 0; i < 10; ++i)
            put(u"data/a/x%1.txt"_s.arg(i), i);
        for (int i = 0; i < 5; ++i)
            put(u"data/b/c/y%1.csv"_s.arg(i), 100 + i);
        put(u"data/top.csv"_s, 1);
        put(u"other/z.csv"_s, 1);
        m_csv.sort();
        m_settings = std::make_unique<QSettings>(m_dir.filePath(u"s3desk.ini"_s), QSettings::IniFormat);
        MainWindowDependencies dependencies;
        dependencies.settings = m_settings.get();
        dependencies.stateDir = m_dir.filePath(u"queues"_s);
        m_window = std::make_unique<MainWindow>(dependencies);
        m_window->show();
        SessionConfig config = fakeSessionConfig(m_server->endpointUrl(), u"bucket"_s);
        config.transferTimeoutMs = 5000;
        QVERIFY(m_window->openSession(config));
        model()->setPageSize(5); // 56 keys under data/: 12 pages
        QVERIFY(openData());
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get())); // shortcuts (Esc) need an active window
    }

    void cleanup()
    {
        m_server->clearFaults();
        if (!bar()->isHidden())
            bar()->escape(); // stop
        if (!bar()->isHidden())
            bar()->escape(); // close
    }

    void resultsStreamWithACounter()
    {
        m_server->addFault(delayFault(u"ListObjectsV2"_s, 40)); // pages come one by one
        QStringList texts;
        QList<int> counts;
        const QMetaObject::Connection watch = connect(model(), &ObjectListModel::loadedCountChanged, this, [&](int count) {
            counts << count;
            texts << browser()->statusLabel()->text();
        });
        const int before = m_server->count(u"ListObjectsV2"_s);
        find(u"*.CSV"_s);
        QVERIFY(model()->isSearchMode());
        QVERIFY(bar()->isRunning());
        QCOMPARE(bar()->findButton()->text(), u"Stop"_s);
        QVERIFY(waitUntil([this] { return !model()->isListing(); }, 10000));
        disconnect(watch);
        QCOMPARE(shownKeys(), m_csv);
        QCOMPARE(model()->rowOfName(u"b/c/y3.csv"_s) >= 0, true); // names are paths below the prefix
        QCOMPARE(m_server->count(u"ListObjectsV2"_s) - before, 12);
        // Several batches arrived while the search ran, the counter said so, and the final text sums up.
        QVERIFY2(std::count_if(counts.cbegin(), counts.cend(), [](int c) { return c > 0; }) >= 3, qPrintable(QString::number(counts.size())));
        QVERIFY2(std::any_of(texts.cbegin(), texts.cend(), [](const QString &t) { return t.contains(u"keys searched…"_s); }),
                 qPrintable(texts.join(u" | "_s)));
        QCOMPARE(browser()->statusLabel()->text(), u"26 found in 56 keys"_s);
        QCOMPARE(bar()->findButton()->text(), u"Find"_s);
        // The search walked the prefix without a delimiter.
        const QList<FakeS3Request> requests = m_server->requests();
        QVERIFY(!requests.isEmpty());
        QCOMPARE(requests.last().queryItem(u"prefix"_s), u"data/"_s);
        QVERIFY(!requests.last().hasQueryItem(u"delimiter"_s));
    }

    void resultsAreObjectRows()
    {
        find(u"y1"_s); // y1.txt, y10..y19.txt, y1.csv
        QVERIFY(waitUntil([this] { return !model()->isListing(); }, 10000));
        QCOMPARE(model()->rowCount(), 12);
        const int row = model()->rowOfName(u"b/c/y1.csv"_s);
        QVERIFY(row >= 0);
        QCOMPARE(model()->keyAt(row), u"data/b/c/y1.csv"_s);
        QVERIFY(!model()->isFolderAt(row));
        QCOMPARE(model()->sizeAt(row), qint64(101));
        QVERIFY(browser()->selectName(u"b/c/y1.csv"_s));
        QCOMPARE(browser()->selectedKeys(), QStringList{u"data/b/c/y1.csv"_s});
        for (QAction *action : {browser()->downloadAction(), browser()->deleteAction(), browser()->presignAction(),
                                browser()->propertiesAction(), browser()->openAction(), browser()->quickLookAction(),
                                browser()->revealAction()})
            QVERIFY2(action->isEnabled(), qPrintable(action->text()));
    }

    void enterSearchesEvenWithASelectedRow()
    {
        QVERIFY(waitUntil([this] { return !model()->isListing() && model()->rowOfName(u"top.csv"_s) >= 0; }, 5000));
        QVERIFY(browser()->selectName(u"top.csv"_s));
        QVERIFY(browser()->openAction()->isEnabled());
        find(u"top"_s);
        QVERIFY(model()->isSearchMode());
        QVERIFY(waitUntil([this] { return !model()->isListing(); }, 10000));
        QCOMPARE(shownKeys(), QStringList{u"data/top.csv"_s});
    }

    void stopCancelsTheWalk()
    {
        m_server->addFault(delayFault(u"ListObjectsV2"_s, 150));
        find(QString()); // everything
        QVERIFY(waitUntil([this] { return model()->rowCount() > 0; }, 10000));
        QVERIFY(model()->isListing());
        QTest::mouseClick(bar()->findButton(), Qt::LeftButton);
        QVERIFY(!model()->isListing());
        QVERIFY(!bar()->isRunning());
        // The request in flight was aborted; the fake logs it once its delay is over, so look after that.
        QTRY_COMPARE_WITH_TIMEOUT(m_server->activeRequests(), 0, 3000);
        QTest::qWait(300);
        const int requests = m_server->count(u"ListObjectsV2"_s);
        QTest::qWait(600); // a page asked for after Stop would be here by now (each takes 150 ms)
        QCOMPARE(m_server->count(u"ListObjectsV2"_s), requests);
        QVERIFY(model()->rowCount() < 56);
        QVERIFY2(browser()->statusLabel()->text().contains(u" found in "_s), qPrintable(browser()->statusLabel()->text()));
        QVERIFY(model()->isSearchMode()); // what was found stays until the search is left
    }

    void escapeStopsThenLeaves()
    {
        m_server->addFault(delayFault(u"ListObjectsV2"_s, 150));
        find(u"x"_s);
        QVERIFY(waitUntil([this] { return m_server->count(u"ListObjectsV2"_s) > 0 && model()->isListing(); }, 5000));
        QTest::keyClick(bar()->textField(), Qt::Key_Escape);
        QVERIFY(!model()->isListing());
        QVERIFY(!bar()->isHidden());
        // From the table too: the second Esc leaves the search and the folder is back.
        browser()->view()->setFocus();
        QTest::keyClick(browser()->view(), Qt::Key_Escape);
        QVERIFY(bar()->isHidden());
        QVERIFY(!model()->isSearchMode());
        m_server->clearFaults();
        QVERIFY(waitUntil([this] { return !model()->isListing() && model()->rowOfName(u"top.csv"_s) >= 0; }, 5000));
        QVERIFY(model()->rowOfName(u"a"_s) >= 0 && model()->isFolderAt(model()->rowOfName(u"a"_s)));
    }

    void showInFolderSelectsTheObject()
    {
        find(u"y7.txt"_s);
        QVERIFY(waitUntil([this] { return !model()->isListing(); }, 10000));
        QCOMPARE(model()->rowCount(), 1);
        QVERIFY(browser()->selectName(u"b/c/y7.txt"_s));
        browser()->revealAction()->trigger();
        QVERIFY(bar()->isHidden());
        QCOMPARE(browser()->prefix(), u"data/b/c/"_s);
        QVERIFY(waitUntil([this] { return browser()->selectedKeys() == QStringList{u"data/b/c/y7.txt"_s}; }, 5000));
        QVERIFY(!model()->isSearchMode());
        QVERIFY(openData());
    }

    void navigatingLeavesTheSearch()
    {
        find(u"*.csv"_s);
        QVERIFY(waitUntil([this] { return !model()->isListing(); }, 10000));
        browser()->upAction()->trigger();
        QVERIFY(bar()->isHidden());
        QVERIFY(!model()->isSearchMode());
        QCOMPARE(browser()->prefix(), QString());
        QVERIFY(openData());
    }

    void invalidOptionsAreShownNotSearched()
    {
        browser()->findAction()->trigger();
        bar()->textField()->clear();
        bar()->optionsButton()->setChecked(true);
        bar()->minSizeField()->setText(u"lots"_s);
        const int requests = m_server->count(u"ListObjectsV2"_s);
        QTest::keyClick(bar()->textField(), Qt::Key_Return);
        QVERIFY(!bar()->problemLabel()->isHidden());
        QVERIFY(bar()->problemLabel()->text().contains(u"lots"_s));
        QCOMPARE(m_server->count(u"ListObjectsV2"_s), requests);
        bar()->minSizeField()->setText(u"100"_s);
        QTest::keyClick(bar()->textField(), Qt::Key_Return);
        QVERIFY(bar()->problemLabel()->isHidden());
        QVERIFY(waitUntil([this] { return !model()->isListing(); }, 10000));
        QCOMPARE(model()->rowCount(), 5); // y0..y4.csv, 100..104 bytes
        bar()->minSizeField()->clear();
    }

    void makeCriteria_data()
    {
        QTest::addColumn<QString>("minSize");
        QTest::addColumn<QString>("maxSize");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("min");
        QTest::addColumn<qint64>("max");
        QTest::newRow("nothing") << QString() << QString() << QDate() << QDate() << true << -1ll << -1ll;
        QTest::newRow("sizes") << u"1K"_s << u" 10M "_s << QDate() << QDate() << true << 1024ll << 10ll * 1024 * 1024;
        QTest::newRow("bad size") << u"big"_s << QString() << QDate() << QDate() << false << -1ll << -1ll;
        QTest::newRow("min above max") << u"2K"_s << u"1K"_s << QDate() << QDate() << false << -1ll << -1ll;
        QTest::newRow("one day") << QString() << QString() << QDate(2026, 3, 1) << QDate(2026, 3, 1) << true << -1ll << -1ll;
        QTest::newRow("days reversed") << QString() << QString() << QDate(2026, 3, 2) << QDate(2026, 3, 1) << false << -1ll << -1ll;
    }

    void makeCriteria()
    {
        QFETCH(QString, minSize);
        QFETCH(QString, maxSize);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(bool, valid);
        const s3::Result<s3::SearchCriteria> criteria = SearchBar::makeCriteria(u"n"_s, minSize, maxSize, from, to);
        QCOMPARE(criteria.ok(), valid);
        if (!valid)
            return;
        QCOMPARE(criteria->name, u"n"_s);
        QFETCH(qint64, min);
        QFETCH(qint64, max);
        QCOMPARE(criteria->minSize, min);
        QCOMPARE(criteria->maxSize, max);
        if (from.isValid()) // the local day, whole: from its midnight to the next one
            QCOMPARE(criteria->modifiedFrom, QDateTime(from, QTime(0, 0)).toUTC());
        if (to.isValid())
            QCOMPARE(criteria->modifiedBefore.secsTo(QDateTime(to, QTime(0, 0)).toUTC()), -86400ll);
    }
};

QTEST_MAIN(TestSearchUi)
#include "tst_searchui.moc"
