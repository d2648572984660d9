// SPDX-License-Identifier: Apache-2.0
// Quick look's answers that Ceph RGW 16 cannot give, against FakeS3Server: an archived object (403
// InvalidObjectState), AccessDenied, an SSE-C object asked without its key (the pane says so and offers the key
// prompt of the browser's SseKeyController), a UTF-16 text, a .txt that is binary, an image too large to decode
// (a note and the hex view), an empty file (no request), and a server that ignores the Range (refused, not
// buffered whole).
#include <QBuffer>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "browser/quicklookcontroller.h"
#include "browser/ssekeycontroller.h"
#include "dialogs/ssecustomerkeydialog.h"
#include "fakes3server.h"
#include "models/objectlistmodel.h"
#include "uitestsupport.h"
#include "util/format.h"
#include "util/previewkind.h"
#include "widgets/mainwindow.h"
#include "widgets/quicklookpane.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestQuickLookUi : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<FakeS3Server> m_server;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;

    BrowserView *browser() const { return m_window->browser(); }
    QuickLookPane *pane() const { return browser()->quickLookPane(); }
    QuickLookController *controller() const { return browser()->quickLookController(); }

    bool selectOnly(const QString &name)
    {
        if (!waitUntil([&] { return browser()->model()->rowOfName(name) >= 0; }, 5000))
            return false;
        return browser()->selectName(name);
    }

    bool waitDone(const QString &name)
    {
        return waitUntil([&] { return pane()->title() == name && !controller()->isBusy() && !pane()->isFilling() && pane()->message() != u"Loading…"_s; }, 10000);
    }

    QString describe() const
    {
        return u"page %1, title %2, note %3, message %4"_s.arg(int(pane()->page())).arg(pane()->title(), pane()->note(), pane()->message());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<FakeS3Server>();
        QVERIFY(m_server->start());
        m_server->createBucket(u"bucket"_s);
        m_server->putObject(u"bucket"_s, u"cold.txt"_s, "archived");
        m_server->updateObject(u"bucket"_s, u"cold.txt"_s, [](FakeS3Object &object) { object.storageClass = u"GLACIER"_s; });
        m_server->putObject(u"bucket"_s, u"denied.txt"_s, "no");
        m_server->putObject(u"bucket"_s, u"secret.txt"_s, "encrypted");
        m_server->putObject(u"bucket"_s, u"utf16.txt"_s, QByteArray("\xff\xfeh\0\xe9\0!\0", 8));
        m_server->putObject(u"bucket"_s, u"fake.txt"_s, QByteArray("MZ\0\0\x90\0binary", 12));
        m_server->putObject(u"bucket"_s, u"empty.txt"_s, QByteArray());
        QByteArray huge(preview::ImageMaxBytes + 10, '\0');
        huge.replace(0, 8, QByteArray::fromHex("89504e470d0a1a0a"));
        m_server->putObject(u"bucket"_s, u"huge.png"_s, huge);
        m_server->putObject(u"bucket"_s, u"norange.log"_s, QByteArray(2 * 1024 * 1024, 'a'));
        m_settings = std::make_unique<QSettings>(m_dir.filePath(u"s3desk.ini"_s), QSettings::IniFormat);
        MainWindowDependencies dependencies;
        dependencies.settings = m_settings.get();
        dependencies.stateDir = m_dir.filePath(u"queues"_s);
        m_window = std::make_unique<MainWindow>(dependencies);
        m_window->show();
        SessionConfig config = fakeSessionConfig(m_server->endpointUrl(), u"bucket"_s);
        config.transferTimeoutMs = 5000;
        QVERIFY(m_window->openSession(config));
        QVERIFY(waitUntil([this] { return !browser()->model()->isListing() && browser()->model()->rowOfName(u"utf16.txt"_s) >= 0; }, 10000));
        QVERIFY(selectOnly(u"utf16.txt"_s));
        browser()->quickLookAction()->trigger();
        QVERIFY(pane()->isVisible());
    }

    void utf16Text()
    {
        QVERIFY(selectOnly(u"utf16.txt"_s));
        QVERIFY2(waitDone(u"utf16.txt"_s), qPrintable(describe()));
        QCOMPARE(pane()->page(), QuickLookPane::Page::Text);
        QCOMPARE(pane()->text(), u"hé!"_s);
        QCOMPARE(pane()->note(), u"8 B (UTF-16LE)"_s);
    }

    void binaryNamedTxtIsHex()
    {
        QVERIFY(selectOnly(u"fake.txt"_s));
        QVERIFY2(waitDone(u"fake.txt"_s), qPrintable(describe()));
        QCOMPARE(pane()->page(), QuickLookPane::Page::Hex);
        QVERIFY(pane()->text().startsWith(u"00000000  4d 5a 00 00 90 00 62 69  6e 61 72 79              |MZ....binary|"_s));
    }

    void archivedObjectSaysInvalidObjectState()
    {
        QVERIFY(selectOnly(u"cold.txt"_s));
        QVERIFY2(waitDone(u"cold.txt"_s), qPrintable(describe()));
        QCOMPARE(pane()->page(), QuickLookPane::Page::Message);
        QVERIFY2(pane()->message().contains(u"InvalidObjectState"_s), qPrintable(pane()->message()));
    }

    void accessDeniedShowsItsCode()
    {
        m_server->addFault(errorFault(u"GetObject"_s, 403, u"AccessDenied"_s, u"denied"_s));
        QVERIFY(selectOnly(u"denied.txt"_s));
        QVERIFY2(waitDone(u"denied.txt"_s), qPrintable(describe()));
        QVERIFY2(pane()->message().contains(u"AccessDenied"_s), qPrintable(pane()->message()));
        QVERIFY(pane()->message().contains(u"403"_s));
        QVERIFY(!pane()->keyButton()->isVisible());
    }

    void customerKeyObjectSaysSoAndOffersTheKey()
    {
        FakeS3Fault fault = errorFault(u"GetObject"_s, 400, u"InvalidRequest"_s, u"secret"_s);
        fault.message = u"The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object."_s;
        m_server->addFault(fault);
        QVERIFY(selectOnly(u"secret.txt"_s));
        QVERIFY2(waitDone(u"secret.txt"_s), qPrintable(describe()));
        QVERIFY2(pane()->message().startsWith(u"This object is encrypted with a customer key (SSE-C); download it to view"_s),
                 qPrintable(pane()->message()));
        QVERIFY(pane()->keyButton()->isVisible());
        // Enter key… asks through the browser's SSE-C controller (the same prompt as downloads); Cancel changes nothing.
        pane()->keyButton()->click();
        SseCustomerKeyDialog *prompt = browser()->sseKeyController()->prompt();
        QVERIFY(prompt);
        prompt->reject();
        QTest::qWait(100);
        QCOMPARE(pane()->title(), u"secret.txt"_s);
        QVERIFY(pane()->message().contains(u"SSE-C"_s));
    }

    void imageTooLargeShowsHex()
    {
        const int started = controller()->requestsStarted();
        QVERIFY(selectOnly(u"huge.png"_s));
        QVERIFY2(waitDone(u"huge.png"_s), qPrintable(describe()));
        QCOMPARE(pane()->page(), QuickLookPane::Page::Hex);
        QCOMPARE(controller()->requestsStarted(), started + 1);
        QCOMPARE(controller()->lastRange(), u"bytes=0-1048575"_s);
        QVERIFY2(pane()->note().startsWith(u"The image is larger than 16.0 MiB, so it is not shown."_s), qPrintable(pane()->note()));
    }

    void emptyFileNeedsNoRequest()
    {
        const int started = controller()->requestsStarted();
        QVERIFY(selectOnly(u"empty.txt"_s));
        QVERIFY2(waitDone(u"empty.txt"_s), qPrintable(describe()));
        QCOMPARE(pane()->page(), QuickLookPane::Page::Text);
        QCOMPARE(pane()->note(), u"Empty file"_s);
        QCOMPARE(controller()->requestsStarted(), started);
    }

    /**
     * What the GUI thread pays, and what it is spared: 1 MiB of text into the pane (on the GUI thread), and the
     * decode of a PNG of about 16 MiB (on a pool thread). Printed, not asserted (timings vary with the machine).
     */
    void costs()
    {
        QByteArray text;
        for (int line = 0; text.size() < 1024 * 1024; ++line)
            text += u"line %1 of the quick look test text\n"_s.arg(line, 7, 10, QLatin1Char('0')).toLatin1();
        text.truncate(1024 * 1024);
        QuickLookPane probe;
        probe.resize(600, 400);
        probe.show();
        QCoreApplication::processEvents();
        QElapsedTimer timer;
        timer.start();
        probe.showText(u"probe"_s, QString::fromLatin1(text), {});
        qint64 longestTurnMs = timer.elapsed();
        while (probe.isFilling()) { // each turn: one slice, with the layout and paint it causes
            QElapsedTimer turn;
            turn.start();
            QCoreApplication::processEvents();
            longestTurnMs = std::max(longestTurnMs, turn.elapsed());
        }
        const qint64 textMs = timer.elapsed();
        QCOMPARE(probe.text(), QString::fromLatin1(text));

        QImage image(4000, 2800, QImage::Format_RGB32); // noise does not compress: about 16 MiB as PNG
        quint32 seed = 1;
        for (int y = 0; y < image.height(); ++y) {
            auto *row = reinterpret_cast<quint32 *>(image.scanLine(y));
            for (int x = 0; x < image.width(); ++x) {
                seed = seed * 1664525u + 1013904223u;
                row[x] = 0xff000000u | (seed >> 8);
            }
        }
        image = image.copy(0, 0, 4000, 1300);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG", 0);
        timer.restart();
        const QuickLookImage decoded = QuickLookController::decodeImage(png, QuickLookController::MaxSide);
        const qint64 decodeMs = timer.elapsed();
        QCOMPARE(decoded.size, QSize(4000, 1300));
        QVERIFY(decoded.image.width() <= QuickLookController::MaxSide);
        qInfo("Quick look costs: 1 MiB of text into the pane %lld ms in all, longest event-loop turn %lld ms (GUI thread); "
              "decoding a %.1f MiB PNG of 4000 x 1300 %lld ms (pool thread)",
              textMs, longestTurnMs, double(png.size()) / (1024 * 1024), decodeMs);
    }

    void serverIgnoringTheRangeIsRefused()
    {
        // The whole object in a 200 answer instead of the range: refused at the limit, never buffered whole.
        FakeS3Fault fault;
        fault.operation = u"GetObject"_s;
        fault.keyContains = u"norange"_s;
        fault.rawBody = QByteArray(2 * 1024 * 1024, 'a');
        fault.times = -1;
        m_server->addFault(fault);
        QVERIFY(selectOnly(u"norange.log"_s));
        QVERIFY2(waitDone(u"norange.log"_s), qPrintable(describe()));
        QVERIFY2(pane()->page() == QuickLookPane::Page::Message || pane()->text().size() <= 1024 * 1024, qPrintable(describe()));
    }
};

QTEST_MAIN(TestQuickLookUi)
#include "tst_quicklookui.moc"
