// SPDX-License-Identifier: Apache-2.0
// Quick look driven through the real main window against the real Ceph RGW: Space on a 3 MiB text file shows its
// first 1 MiB only (one ranged GET, "bytes=0-1048575") with the note; moving the selection shows a PNG made with
// QImage (its size), a binary file as hex lines (the first 64 KiB), a PNG without an extension found by its bytes;
// moving on while a request runs cancels it; an object gone since the listing shows NoSuchKey in the pane; Esc
// and Space close the pane and cancel what runs. Over https (SSE-C needs TLS on Ceph): an SSE-C object says it is
// encrypted with a customer key; Enter key… asks through the browser's SseKeyController and the text shows; the key
// is then tried at once for the next SSE-C object of the session.
#include <QBuffer>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QImage>
#include <QPainter>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "browser/quicklookcontroller.h"
#include "browser/ssekeycontroller.h"
#include "dialogs/ssecustomerkeydialog.h"
#include "models/objectlistmodel.h"
#include "s3core/ops/objectjobs.h"
#include "livewindowfixture.h"
#include "uitestsupport.h"
#include "util/format.h"
#include "widgets/mainwindow.h"
#include "widgets/quicklookpane.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestLiveQuickLook : public QObject
{
    Q_OBJECT

    LiveWindowFixture m_live; // server, dir, client, bucket, settings, window
    QByteArray m_text;
    QByteArray m_binary;

    BrowserView *browser() const { return m_live.window->browser(); }
    QuickLookPane *pane() const { return browser()->quickLookPane(); }
    QuickLookController *controller() const { return browser()->quickLookController(); }
    bool waitListed() { return waitUntil([this] { return !browser()->model()->isListing(); }, 20000); }

    bool selectOnly(const QString &name)
    {
        if (!waitUntil([&] { return browser()->model()->rowOfName(name) >= 0; }, 10000))
            return false;
        return browser()->selectName(name);
    }

    bool waitShown(const QString &name, QuickLookPane::Page page)
    {
        return waitUntil([&] { return pane()->title() == name && pane()->page() == page && !controller()->isBusy() && !pane()->isFilling(); }, 20000);
    }

    QString describe() const
    {
        return u"page %1, title %2, note %3, message %4"_s.arg(int(pane()->page())).arg(pane()->title(), pane()->note(), pane()->message());
    }

    static QByteArray png(const QSize &size)
    {
        QImage image(size, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.fillRect(QRect(QPoint(0, 0), size / 2), Qt::darkBlue);
        painter.end();
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        return bytes;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_live.server);
        QVERIFY(m_live.createBucket(u"wip-quicklook"_s));
        // 3 MiB of numbered ASCII lines: the first 1 MiB is exactly what the pane must hold.
        for (int line = 0; m_text.size() < 3 * 1024 * 1024; ++line)
            m_text += u"line %1 of the quick look test text\n"_s.arg(line, 7, 10, QLatin1Char('0')).toLatin1();
        m_text.truncate(3 * 1024 * 1024);
        QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, u"big.txt"_s, m_text));
        QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, u"picture.png"_s, png(QSize(640, 480))));
        QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, u"picture-without-extension"_s, png(QSize(300, 200))));
        m_binary.resize(200 * 1024);
        for (qsizetype i = 0; i < m_binary.size(); ++i)
            m_binary[i] = char(i % 256);
        QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, u"blob.bin"_s, m_binary));
        QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, u"gone.txt"_s, "deleted after the listing"));

        QVERIFY(m_live.openWindow(liveSessionConfig(m_live.server, m_live.bucket, u"wip-quicklook"_s), QSize(1200, 700)));
        QVERIFY(waitListed());
        m_live.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_live.window.get()));
    }

    void cleanupTestCase()
    {
        QVERIFY(m_live.cleanUp());
    }

    void spaceShowsTheFirstMiBOfText()
    {
        QVERIFY(selectOnly(u"big.txt"_s));
        browser()->view()->setFocus();
        QVERIFY(waitUntil([&] { return browser()->view()->hasFocus(); }, 5000));
        QVERIFY(pane()->isHidden());
        const int started = controller()->requestsStarted();
        QTest::keyClick(browser()->view(), Qt::Key_Space);
        QVERIFY(pane()->isVisible());
        QVERIFY(browser()->quickLookAction()->isChecked());
        QVERIFY2(waitShown(u"big.txt"_s, QuickLookPane::Page::Text), qPrintable(describe()));
        QCOMPARE(controller()->requestsStarted(), started + 1);
        QCOMPARE(controller()->lastRange(), u"bytes=0-1048575"_s); // a range, never the whole object
        const QString text = pane()->text();
        QCOMPARE(text.size(), 1024 * 1024);
        QCOMPARE(text, QString::fromLatin1(m_text.first(1024 * 1024)));
        QCOMPARE(pane()->note(), u"Showing the first %1 of %2 (UTF-8)"_s.arg(formatSize(1024 * 1024), formatSize(3 * 1024 * 1024)));
        QVERIFY(browser()->view()->hasFocus()); // the arrows still move through the table
    }

    void movingTheSelectionShowsTheImage()
    {
        QVERIFY(pane()->isVisible());
        QVERIFY(selectOnly(u"picture.png"_s));
        QVERIFY2(waitShown(u"picture.png"_s, QuickLookPane::Page::Image), qPrintable(describe()));
        QCOMPARE(pane()->imageSize(), QSize(640, 480));
        QVERIFY2(pane()->note().startsWith(u"640 × 480 pixels, PNG"_s), qPrintable(pane()->note()));
    }

    void binaryShowsHexLines()
    {
        QVERIFY(selectOnly(u"blob.bin"_s));
        QVERIFY2(waitShown(u"blob.bin"_s, QuickLookPane::Page::Hex), qPrintable(describe()));
        QCOMPARE(controller()->lastRange(), u"bytes=0-%1"_s.arg(200 * 1024 - 1)); // smaller than 1 MiB: all of it, still a range
        const QStringList lines = pane()->text().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 64 * 1024 / 16);
        QCOMPARE(lines.first(), u"00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|"_s);
        QCOMPARE(lines.at(4), u"00000040  40 41 42 43 44 45 46 47  48 49 4a 4b 4c 4d 4e 4f  |@ABCDEFGHIJKLMNO|"_s);
        QCOMPARE(lines.last().left(8), u"0000fff0"_s);
        QCOMPARE(pane()->note(), u"Showing the first %1 of %2"_s.arg(formatSize(64 * 1024), formatSize(200 * 1024)));
    }

    void imageFoundByItsBytes()
    {
        const int started = controller()->requestsStarted();
        QVERIFY(selectOnly(u"picture-without-extension"_s));
        QVERIFY2(waitShown(u"picture-without-extension"_s, QuickLookPane::Page::Image), qPrintable(describe()));
        QCOMPARE(pane()->imageSize(), QSize(300, 200));
        QCOMPARE(controller()->requestsStarted(), started + 1); // small: the first range held all of it
    }

    void movingOnCancelsTheRunningRequest()
    {
        const int started = controller()->requestsStarted();
        const int cancelled = controller()->requestsCancelled();
        // Two moves in one go: the request for big.txt is running (or about to) when the selection leaves it.
        QVERIFY(selectOnly(u"big.txt"_s));
        QVERIFY(controller()->isBusy());
        QVERIFY(selectOnly(u"blob.bin"_s));
        QCOMPARE(controller()->requestsCancelled(), cancelled + 1);
        QVERIFY2(waitShown(u"blob.bin"_s, QuickLookPane::Page::Hex), qPrintable(describe()));
        QCOMPARE(controller()->requestsStarted(), started + 2);
        QTest::qWait(300); // the cancelled answer, had it come, would replace the hex view
        QCOMPARE(pane()->title(), u"blob.bin"_s);
        QCOMPARE(pane()->page(), QuickLookPane::Page::Hex);
    }

    void errorsShowTheS3Code()
    {
        s3::DeleteObjectJob remove(m_live.client.get(), m_live.bucket, u"gone.txt"_s);
        remove.setAutoDelete(false);
        QVERIFY(runJob(remove) && !remove.hasError());
        QVERIFY(selectOnly(u"gone.txt"_s)); // still listed: the listing is older than the delete
        QVERIFY2(waitUntil([&] { return pane()->title() == u"gone.txt"_s && pane()->message().contains(u"NoSuchKey"_s); }, 20000),
                 qPrintable(describe()));
        QCOMPARE(pane()->page(), QuickLookPane::Page::Message);
    }

    void folderAndNothingSelected()
    {
        QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, u"folder/inside.txt"_s, "inside"));
        browser()->refreshAction()->trigger();
        QVERIFY(waitListed());
        QVERIFY(selectOnly(u"folder"_s));
        QVERIFY2(waitUntil([&] { return pane()->title() == u"folder"_s && pane()->page() == QuickLookPane::Page::Message; }, 5000),
                 qPrintable(describe()));
        QVERIFY(!controller()->isBusy());
    }

    void customerKeyObjects()
    {
        S3DESK_REQUIRE_LIVE_TLS(m_live.server, (BulkPath{true, true}));
        QNetworkAccessManager network;
        std::unique_ptr<s3::S3Client> client = liveTlsClient(m_live.server, &network);
        QVERIFY(client);
        const QString bucket = createTestBucket(client.get(), u"wip-quicklook-ssec"_s);
        QVERIFY(!bucket.isEmpty());
        const auto cleanup = qScopeGuard([&] { removeTestBucket(client.get(), bucket); });
        const QByteArray rawKey(32, 'k');
        s3::ObjectAttributes customer;
        customer.sseCustomerKey = *s3::SseCustomerKey::fromRaw(rawKey);
        QVERIFY(putTestObject(client.get(), bucket, u"secret-a.txt"_s, "the first secret text\n", customer));
        QVERIFY(putTestObject(client.get(), bucket, u"secret-b.txt"_s, "the second secret text\n", customer));
        QVERIFY(putTestObject(client.get(), bucket, u"plain.txt"_s, "plain\n"));
        {
            std::unique_ptr<Session> session = openTestSession(liveTlsSessionConfig(m_live.server, bucket, u"wip-quicklook-tls"_s));
            QVERIFY(session);
            BrowserView browser;
            browser.resize(1000, 500);
            browser.setSession(session.get());
            browser.openLocation(bucket, {});
            browser.show();
            QVERIFY(waitUntil([&] { return !browser.model()->isListing() && browser.model()->rowOfName(u"secret-b.txt"_s) >= 0; }, 20000));
            QuickLookPane *ql = browser.quickLookPane();
            QuickLookController *control = browser.quickLookController();
            QVERIFY(browser.selectName(u"secret-a.txt"_s));
            browser.quickLookAction()->trigger();
            QVERIFY2(waitUntil([&] { return ql->message().contains(u"customer key"_s) && !control->isBusy(); }, 20000), qPrintable(ql->message()));
            QVERIFY(ql->message().startsWith(u"This object is encrypted with a customer key (SSE-C); download it to view"_s));
            QVERIFY(ql->keyButton()->isVisible());

            ql->keyButton()->click();
            auto *prompt = waitForVisibleChild<SseCustomerKeyDialog>(&browser, u"sseCustomerKeyDialog"_s, 10000);
            QVERIFY(prompt);
            child<QRadioButton>(*prompt, "textRadio")->setChecked(true);
            child<QLineEdit>(*prompt, "textEdit")->setText(QString::fromLatin1(rawKey.toBase64()));
            child<QDialogButtonBox>(*prompt, "")->button(QDialogButtonBox::Ok)->click();
            QVERIFY2(waitUntil([&] { return ql->page() == QuickLookPane::Page::Text && !control->isBusy() && !ql->isFilling(); }, 20000), qPrintable(ql->message()));
            QCOMPARE(ql->text(), u"the first secret text\n"_s);

            // A plain object is asked without the key; the next SSE-C object gets the session's key at once.
            QVERIFY(browser.selectName(u"plain.txt"_s));
            QVERIFY(waitUntil([&] { return ql->title() == u"plain.txt"_s && ql->page() == QuickLookPane::Page::Text && !control->isBusy() && !ql->isFilling(); }, 20000));
            QCOMPARE(ql->text(), u"plain\n"_s);
            const int started = control->requestsStarted();
            QVERIFY(browser.selectName(u"secret-b.txt"_s));
            QVERIFY2(waitUntil([&] { return ql->title() == u"secret-b.txt"_s && ql->page() == QuickLookPane::Page::Text && !control->isBusy() && !ql->isFilling(); }, 20000),
                     qPrintable(ql->message()));
            QCOMPARE(ql->text(), u"the second secret text\n"_s);
            QCOMPARE(control->requestsStarted(), started + 2); // refused without the key, then with it
            QVERIFY(!browser.sseKeyController()->prompt());
        }
    }

    void escAndSpaceClose()
    {
        m_live.window->activateWindow(); // the keys go to the active window (another test showed its own)
        QVERIFY(QTest::qWaitForWindowActive(m_live.window.get()));
        QVERIFY(selectOnly(u"big.txt"_s));
        QVERIFY(pane()->isVisible());
        const int cancelled = controller()->requestsCancelled();
        QVERIFY(controller()->isBusy());
        browser()->view()->setFocus();
        QTest::keyClick(browser()->view(), Qt::Key_Escape);
        QVERIFY(pane()->isHidden());
        QVERIFY(!browser()->quickLookAction()->isChecked());
        QCOMPARE(controller()->requestsCancelled(), cancelled + 1); // closing cancels
        QVERIFY(!controller()->isBusy());

        QTest::keyClick(browser()->view(), Qt::Key_Space);
        QVERIFY(pane()->isVisible());
        QVERIFY2(waitShown(u"big.txt"_s, QuickLookPane::Page::Text), qPrintable(describe()));
        QTest::keyClick(browser()->view(), Qt::Key_Space);
        QVERIFY(pane()->isHidden());
        // Esc with the pane closed is not taken from the table (nothing happens, nothing breaks).
        QTest::keyClick(browser()->view(), Qt::Key_Escape);
        QVERIFY(pane()->isHidden());
    }
};

QTEST_MAIN(TestLiveQuickLook)
#include "tst_live_quicklook.moc"
