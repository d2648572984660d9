// SPDX-License-Identifier: Apache-2.0
// The browser's Encryption column against the real Ceph RGW over https (SSE-C and SSE-KMS need TLS on Ceph): while
// hidden it sends nothing; shown, it asks the server about the files in view and says None, SSE-KMS with the key
// id (Ceph's testing KMS backend) or SSE-C (whose HEAD needs the key); folders stay empty; each file is asked
// about once per listing; in a folder longer than the window only the rows in view are asked about, and
// scrolling asks about the next ones. The Properties dialog names the encryption the same way.
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

#include "browser/browserview.h"
#include "browser/encryptioncolumnloader.h"
#include "dialogs/propertiesdialog.h"
#include "connection/session.h"
#include "models/objectlistmodel.h"
#include "s3core/ops/objectjobs.h"
#include "uitestsupport.h"

using namespace s3;
using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestLiveEncryptionColumn : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    std::unique_ptr<Session> m_session;
    QString m_bucket;

    static QString encryptionOf(BrowserView *browser, const QString &name)
    {
        const int row = browser->model()->rowOfName(name);
        return row < 0 ? u"(not listed)"_s : browser->model()->data(browser->model()->index(row, ObjectListModel::EncryptionColumn)).toString();
    }

    static bool listed(BrowserView *browser, const QString &name)
    {
        return waitUntil([&] { return browser->model()->rowOfName(name) >= 0 && !browser->model()->isListing(); }, 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        S3DESK_REQUIRE_LIVE_TLS(m_server, (BulkPath{true, true}));
        m_client = liveTlsClient(m_server, &m_network);
        QVERIFY(m_client);
        m_bucket = createTestBucket(m_client.get(), u"s3desk-live-enccolumn"_s);
        QVERIFY(!m_bucket.isEmpty());
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"plain.txt"_s, "plain"));
        ObjectAttributes kms;
        kms.serverSideEncryption = u"aws:kms"_s;
        kms.sseKmsKeyId = u"testkey-1"_s;
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"kms.txt"_s, "kms", kms));
        ObjectAttributes customer;
        customer.sseCustomerKey = *SseCustomerKey::fromRaw(QByteArray(32, 'c'));
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"ssec.bin"_s, "customer", customer));
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"dir/inside.txt"_s, "inside"));
        for (int i = 0; i < 60; ++i)
            QVERIFY(putTestObject(m_client.get(), m_bucket, u"many/f%1.txt"_s.arg(i, 3, 10, QLatin1Char('0')), "x"));
        m_session = openTestSession(liveTlsSessionConfig(m_server, m_bucket, u"live-enc-column"_s));
        QVERIFY(m_session);
    }

    void hiddenColumnSendsNothing()
    {
        BrowserView browser;
        browser.setSession(m_session.get());
        browser.openLocation(m_bucket, QString());
        browser.show();
        QVERIFY(listed(&browser, u"plain.txt"_s));
        QTest::qWait(400);
        QVERIFY(browser.view()->horizontalHeader()->isSectionHidden(ObjectListModel::EncryptionColumn));
        QCOMPARE(browser.encryptionColumnLoader()->requestsSent(), 0);
        QCOMPARE(encryptionOf(&browser, u"plain.txt"_s), QString());
    }

    void shownColumnSaysHowEachFileIsEncrypted()
    {
        BrowserView browser;
        browser.resize(900, 600);
        browser.setSession(m_session.get());
        browser.openLocation(m_bucket, QString());
        browser.show();
        QVERIFY(listed(&browser, u"ssec.bin"_s));
        browser.setColumnShown(ObjectListModel::EncryptionColumn, true);
        QVERIFY(!browser.view()->horizontalHeader()->isSectionHidden(ObjectListModel::EncryptionColumn));
        QCOMPARE(browser.model()->headerData(ObjectListModel::EncryptionColumn, Qt::Horizontal).toString(), u"Encryption"_s);
        QVERIFY2(waitUntil([&] { return !encryptionOf(&browser, u"ssec.bin"_s).isEmpty() && !encryptionOf(&browser, u"kms.txt"_s).isEmpty()
                                        && !encryptionOf(&browser, u"plain.txt"_s).isEmpty(); }, 20000),
                 qPrintable(encryptionOf(&browser, u"ssec.bin"_s) + u" / "_s + encryptionOf(&browser, u"kms.txt"_s)));
        QCOMPARE(encryptionOf(&browser, u"plain.txt"_s), u"None"_s);
        QCOMPARE(encryptionOf(&browser, u"kms.txt"_s), u"SSE-KMS (testkey-1)"_s);
        QCOMPARE(encryptionOf(&browser, u"ssec.bin"_s), u"SSE-C"_s);
        QCOMPARE(encryptionOf(&browser, u"dir"_s), QString()); // a folder is not asked about
        QCOMPARE(browser.encryptionColumnLoader()->requestsSent(), 3);

        // Hidden and shown again: the answers are kept for this listing, nothing is asked twice.
        browser.setColumnShown(ObjectListModel::EncryptionColumn, false);
        browser.setColumnShown(ObjectListModel::EncryptionColumn, true);
        QTest::qWait(400);
        QCOMPARE(browser.encryptionColumnLoader()->requestsSent(), 3);
        QCOMPARE(encryptionOf(&browser, u"kms.txt"_s), u"SSE-KMS (testkey-1)"_s);

        // Another folder is a new listing.
        browser.openLocation(m_bucket, u"dir/"_s);
        QVERIFY(listed(&browser, u"inside.txt"_s));
        QVERIFY(waitUntil([&] { return encryptionOf(&browser, u"inside.txt"_s) == u"None"_s; }, 20000));
        QCOMPARE(browser.encryptionColumnLoader()->requestsSent(), 4);
    }

    void onlyRowsInViewAreAskedAbout()
    {
        BrowserView browser;
        browser.resize(900, 320);
        browser.setSession(m_session.get());
        browser.setColumnShown(ObjectListModel::EncryptionColumn, true);
        browser.openLocation(m_bucket, u"many/"_s);
        browser.show();
        QVERIFY(listed(&browser, u"f059.txt"_s));
        QTableView *view = browser.view();
        QVERIFY(waitUntil([&] { return encryptionOf(&browser, u"f000.txt"_s) == u"None"_s; }, 20000));
        const int lastInView = view->rowAt(view->viewport()->height() - 1);
        QVERIFY2(lastInView > 0 && lastInView < 40, qPrintable(QString::number(lastInView)));
        QVERIFY(waitUntil([&] { return !encryptionOf(&browser, browser.model()->nameAt(lastInView)).isEmpty(); }, 20000));
        QTest::qWait(500);
        const int asked = browser.encryptionColumnLoader()->requestsSent();
        QVERIFY2(asked <= lastInView + 1, qPrintable(u"%1 asked, %2 rows in view"_s.arg(asked).arg(lastInView + 1)));
        QCOMPARE(encryptionOf(&browser, u"f059.txt"_s), QString());

        // Scrolled to the end: the last rows are asked about now.
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
        QVERIFY(waitUntil([&] { return encryptionOf(&browser, u"f059.txt"_s) == u"None"_s; }, 20000));
        QVERIFY(browser.encryptionColumnLoader()->requestsSent() < 60);
    }

    void propertiesNameTheEncryption_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::newRow("SSE-KMS") << u"kms.txt"_s << u"SSE-KMS (testkey-1)"_s;
        QTest::newRow("none") << u"plain.txt"_s << u"None"_s;
    }

    void propertiesNameTheEncryption()
    {
        QFETCH(QString, key);
        QFETCH(QString, expected);
        PropertiesDialog dialog(m_session.get(), m_bucket, key);
        dialog.show();
        auto *label = dialog.findChild<QLabel *>(u"encryptionLabel"_s);
        QVERIFY(label);
        QVERIFY2(waitUntil([&] { return !label->text().isEmpty(); }, 20000), "the properties were not read");
        QCOMPARE(label->text(), expected);
    }

    void cleanupTestCase()
    {
        m_session.reset();
        if (m_client && !m_bucket.isEmpty())
            removeTestBucket(m_client.get(), m_bucket);
    }
};

QTEST_MAIN(TestLiveEncryptionColumn)
#include "tst_live_encryptioncolumn.moc"
