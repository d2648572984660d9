// SPDX-License-Identifier: Apache-2.0
// Find driven through the real main window against the real Ceph RGW (through a FaultProxy that adds latency and
// counts the bytes sent): 305 keys in nested folders; searches by substring, glob (name and path), size range and
// modified date each show exactly the expected keys, with the counter; Stop ends the walk and no request leaves
// after it; a result downloads to the right file and Show in folder opens its folder with it selected.
#include <QCheckBox>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QThread>

#include "browser/browserview.h"
#include "faultproxy.h"
#include "models/objectlistmodel.h"
#include "livewindowfixture.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"
#include "widgets/searchbar.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestLiveSearch : public QObject
{
    Q_OBJECT

    LiveWindowFixture m_live; // server, dir, client, bucket, settings, window
    std::unique_ptr<FaultProxy> m_proxy;
    QStringList m_early; // every key of the first batch, below tree/
    QStringList m_late;  // written after m_between
    QDateTime m_between;

    BrowserView *browser() const { return m_live.window->browser(); }
    ObjectListModel *model() const { return browser()->model(); }
    SearchBar *bar() const { return browser()->searchBar(); }
    bool waitListed() { return waitUntil([this] { return !model()->isListing(); }, 60000); }

    static QString extension(int f) { return f % 3 == 0 ? u"csv"_s : f % 3 == 1 ? u"txt"_s : u"log"_s; }

    QStringList shownKeys() const
    {
        QStringList keys;
        for (int row = 0; row < model()->rowCount(); ++row)
            keys << model()->keyAt(row);
        keys.sort();
        return keys;
    }

    QStringList all() const { return m_early + m_late; }

    /** The keys of all() that pass `keep`, sorted. */
    QStringList expected(const std::function<bool(const QString &key)> &keep) const
    {
        QStringList keys;
        for (const QString &key : all()) {
            if (keep(key))
                keys << key;
        }
        keys.sort();
        return keys;
    }

    void search(const QString &text)
    {
        browser()->findAction()->trigger();
        bar()->textField()->setText(text);
        QTest::keyClick(bar()->textField(), Qt::Key_Return);
    }

    bool openTree()
    {
        browser()->openLocation(m_live.bucket, u"tree/"_s);
        return waitListed() && model()->rowOfName(u"d0"_s) >= 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_live.server);
        QVERIFY(m_live.createBucket(u"wip-search"_s));
        // tree/d<0-4>/e<0-5>/file<0-9>.<csv|txt|log>: 300 keys, file<f> of f*10 bytes.
        for (int d = 0; d < 5; ++d) {
            for (int e = 0; e < 6; ++e) {
                for (int f = 0; f < 10; ++f) {
                    const QString key = u"tree/d%1/e%2/file%3.%4"_s.arg(d).arg(e).arg(f).arg(extension(f));
                    QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, key, QByteArray(f * 10, char('a' + f))));
                    m_early << key;
                }
            }
        }
        QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, u"outside/file1.txt"_s, "not below tree/"));
        // Ceph keeps times to the millisecond; a second each side keeps the two batches apart.
        QThread::msleep(1100);
        m_between = QDateTime::currentDateTimeUtc();
        QThread::msleep(1100);
        for (int i = 0; i < 5; ++i) {
            const QString key = u"tree/late/new%1.csv"_s.arg(i);
            QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, key, QByteArray(1000, 'n')));
            m_late << key;
        }

        m_proxy = std::make_unique<FaultProxy>(quint16(QUrl(m_live.server.endpoint).port(80)));
        m_proxy->setMaxLifetimeMs(280000);
        QVERIFY(m_proxy->start());
        QVERIFY(m_live.makeWindow(QSize(1200, 700)));
        SessionConfig config = liveSessionConfig(m_live.server, m_live.bucket, u"wip-search"_s);
        config.resolver = liveResolver(m_live.server, m_proxy->url());
        QVERIFY(m_live.window->openSession(config));
        model()->setPageSize(50); // 305 keys: 7 pages
        QVERIFY(openTree());
        m_live.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_live.window.get()));
    }

    void cleanupTestCase()
    {
        m_live.window.reset();
        m_proxy.reset();
        QVERIFY(m_live.cleanUp());
    }

    void cleanup()
    {
        m_proxy->setDelayMs(0);
        if (!bar()->isHidden())
            bar()->escape();
        if (!bar()->isHidden())
            bar()->escape();
    }

    void byName()
    {
        search(u"FILE7"_s);
        QVERIFY(waitListed());
        QCOMPARE(shownKeys(), expected([](const QString &key) { return key.endsWith(u"/file7.txt"_s); }));
        QCOMPARE(model()->rowCount(), 30);
        QCOMPARE(browser()->statusLabel()->text(), u"30 found in 305 keys"_s);
    }

    void byGlob()
    {
        search(u"*.csv"_s);
        QVERIFY(waitListed());
        QCOMPARE(shownKeys(), expected([](const QString &key) { return key.endsWith(u".csv"_s); }));
        QCOMPARE(model()->rowCount(), 125);
        // With a '/', the glob matches the path below the folder searched.
        search(u"d1/*/file[12].*"_s);
        QVERIFY(waitListed());
        QCOMPARE(shownKeys(), expected([](const QString &key) {
                     return key.startsWith(u"tree/d1/"_s) && (key.contains(u"/file1."_s) || key.contains(u"/file2."_s));
                 }));
        QCOMPARE(model()->rowCount(), 12);
    }

    void bySize()
    {
        browser()->findAction()->trigger();
        bar()->textField()->clear();
        bar()->optionsButton()->setChecked(true);
        bar()->minSizeField()->setText(u"50"_s);
        bar()->maxSizeField()->setText(u"70"_s);
        QTest::keyClick(bar()->textField(), Qt::Key_Return);
        QVERIFY(waitListed());
        QCOMPARE(shownKeys(), expected([](const QString &key) {
                     return key.contains(u"/file5."_s) || key.contains(u"/file6."_s) || key.contains(u"/file7."_s);
                 }));
        QCOMPARE(model()->rowCount(), 90);
        bar()->minSizeField()->clear();
        bar()->maxSizeField()->clear();
    }

    void byModifiedTime()
    {
        // The bar takes whole days: the job itself takes any time, so the batches a few seconds apart are told apart.
        s3::SearchCriteria criteria;
        criteria.modifiedFrom = m_between;
        browser()->findAction()->trigger();
        Q_EMIT bar()->searchRequested(criteria);
        QVERIFY(waitListed());
        QCOMPARE(shownKeys(), m_late);
        criteria = {};
        criteria.modifiedBefore = m_between;
        criteria.name = u"file9"_s;
        Q_EMIT bar()->searchRequested(criteria);
        QVERIFY(waitListed());
        QCOMPARE(model()->rowCount(), 30);
        // Today's whole day from the bar's date fields holds every key.
        bar()->textField()->setText(u"new"_s);
        bar()->optionsButton()->setChecked(true);
        bar()->fromCheck()->setChecked(true);
        bar()->toCheck()->setChecked(true);
        bar()->fromDate()->setDate(QDate::currentDate());
        bar()->toDate()->setDate(QDate::currentDate());
        QTest::keyClick(bar()->textField(), Qt::Key_Return);
        QVERIFY(waitListed());
        QCOMPARE(shownKeys(), m_late);
        bar()->fromCheck()->setChecked(false);
        bar()->toCheck()->setChecked(false);
    }

    void stopSendsNoMoreRequests()
    {
        m_proxy->setDelayMs(300); // each page takes a while
        search(QString());
        QVERIFY(waitUntil([this] { return model()->rowCount() > 0; }, 30000));
        QVERIFY(model()->isListing());
        QTest::mouseClick(bar()->findButton(), Qt::LeftButton);
        QVERIFY(!model()->isListing());
        QTest::qWait(800); // what the proxy still held when the request was aborted drains
        const qint64 sent = m_proxy->bytesUp();
        QTest::qWait(2000);
        QCOMPARE(m_proxy->bytesUp(), sent); // no page asked for after Stop
        QVERIFY(model()->rowCount() < 305);
        QVERIFY2(browser()->statusLabel()->text().contains(u" found in "_s), qPrintable(browser()->statusLabel()->text()));
    }

    void resultDownloadsAndReveals()
    {
        search(u"file4"_s);
        QVERIFY(waitListed());
        const QString key = u"tree/d3/e2/file4.txt"_s;
        QVERIFY(browser()->selectName(key.mid(5)));
        QCOMPARE(browser()->selectedKeys(), QStringList{key});
        const QString target = m_live.dir.filePath(u"downloads"_s);
        QVERIFY(QDir().mkpath(target));
        browser()->downloadKeys(browser()->selectedKeys(), target);
        const QString file = target + u"/file4.txt"_s;
        QVERIFY(waitUntil([&] { return QFileInfo::exists(file) && QFileInfo(file).size() == 40; }, 30000));
        QFile downloaded(file);
        QVERIFY(downloaded.open(QIODevice::ReadOnly));
        QCOMPARE(downloaded.readAll(), QByteArray(40, 'e'));
        browser()->revealAction()->trigger();
        QCOMPARE(browser()->prefix(), u"tree/d3/e2/"_s);
        QVERIFY(waitUntil([&] { return browser()->selectedKeys() == QStringList{key}; }, 30000));
        QVERIFY(bar()->isHidden());
        QVERIFY(!model()->isSearchMode());
        QVERIFY(openTree());
    }
};

QTEST_MAIN(TestLiveSearch)
#include "tst_live_search.moc"
