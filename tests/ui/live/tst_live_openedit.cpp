// SPDX-License-Identifier: Apache-2.0
// Open / Edit with upload-back, driven through the real main window against the real Ceph RGW. The test takes the
// "file" URL handler (QDesktopServices::setUrlHandler), so no program is launched: it sees the URL instead.
// Enter on a text object downloads it through the engine into CacheLocation/s3desk-edit/<random>/ (0700, the
// file read-only for Open); Edit makes it writable; a change is offered (Upload / Ignore) and Upload writes it back
// with the object's content type, metadata and tags. A file replaced by rename (QSaveFile, as many editors save) is still
// watched. The object changed on the server behind the app's back: the upload asks (Overwrite / Save as copy /
// Cancel); Save as copy writes the edit beside it and leaves the other change. Hostile keys ("..\..\x", a very long
// name, "../../x") never write outside their private folder. At the end (the window closes) the folders are
// removed, except the one holding a change that was ignored. Open with… starts the chosen program with the file.
// Over https, an SSE-C object asks for its key, and its edit goes back encrypted with that key.
#include <QAbstractButton>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QRadioButton>
#include <QScopeGuard>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "browser/browserview.h"
#include "browser/openeditcontroller.h"
#include "dialogs/ssecustomerkeydialog.h"
#include "models/objectlistmodel.h"
#include "s3core/ops/getobjecttaggingjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/localfs.h"
#include "livewindowfixture.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestLiveOpenEdit : public QObject
{
    Q_OBJECT

    LiveWindowFixture m_live; // server, dir, client, bucket, settings, window
    QList<QUrl> m_urls;              // what the app asked the system to open
    QStringList m_errors;            // the browser's errorOccurred()
    QStringList m_removedAtQuit;     // folders that must be gone once the window is closed
    QString m_keptAtQuit;            // the folder that must stay (an ignored change)

    BrowserView *browser() const { return m_live.window->browser(); }
    OpenEditController *controller() const { return browser()->openEditController(); }
    bool waitListed() { return waitUntil([this] { return !browser()->model()->isListing(); }, 20000); }

    bool selectOnly(const QString &name)
    {
        if (!waitUntil([&] { return browser()->model()->rowOfName(name) >= 0; }, 10000))
            return false;
        return browser()->selectName(name);
    }

    QByteArray objectData(const QString &key)
    {
        s3::GetObjectJob get(m_live.client.get(), m_live.bucket, key);
        get.setAutoDelete(false);
        if (!runJob(get) || get.hasError()) {
            qWarning() << "GET" << key << (get.isFinished() ? get.error().toString() : u"timed out"_s);
            return "<failed>";
        }
        return get.data();
    }

    s3::ObjectMetadata head(const QString &key)
    {
        s3::HeadObjectJob job(m_live.client.get(), m_live.bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "HEAD" << key << (job.isFinished() ? job.error().toString() : u"timed out"_s);
        return job.metadata();
    }

    static bool writeFile(const QString &path, const QByteArray &data)
    {
        QFile file(path);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
    }

    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
    }

    /** The folder is a direct child of the temp root and private (0700). */
    static bool isPrivateFolderOfTheRoot(const QString &folder)
    {
        const QFileInfo info(folder);
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
                                              | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        const QFileDevice::Permissions owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
        return info.isDir() && QDir::cleanPath(info.absolutePath()) == QDir::cleanPath(OpenEditController::tempRoot())
            && (info.permissions() & others) == 0 && (info.permissions() & owner) == owner;
    }

    /** Waits for a visible message box of that object name; null when none appeared. */
    QMessageBox *waitForPrompt(const QString &name)
    {
        return waitForVisibleChild<QMessageBox>(m_live.window.get(), name, 20000);
    }

    /** Opens key with Edit (from the table) and waits for the URL; returns the local path (empty on failure). */
    QString editFromTable(const QString &name)
    {
        if (!selectOnly(name))
            return {};
        const qsizetype before = m_urls.size();
        browser()->editAction()->trigger();
        if (!waitUntil([&] { return m_urls.size() > before; }, 30000))
            return {};
        return m_urls.last().toLocalFile();
    }

public Q_SLOTS:
    /** The "file" URL handler: records instead of launching a program. */
    void captureUrl(const QUrl &url) { m_urls.append(url); }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_live.server);
        QStandardPaths::setTestModeEnabled(true); // the temp folders go below ~/.qttest, not the user's cache
        QDir(OpenEditController::tempRoot()).removeRecursively(); // left by an earlier failed run
        QDesktopServices::setUrlHandler(u"file"_s, this, "captureUrl");
        QVERIFY(m_live.createBucket(u"wip-openedit"_s));
        s3::ObjectAttributes attributes;
        attributes.contentType = u"text/x-s3desk-notes"_s;
        attributes.userMetadata.insert(u"owner"_s, u"ops-team"_s);
        attributes.tags = {{u"project"_s, u"apollo"_s}, {u"tier"_s, u"gold"_s}};
        QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, u"notes.txt"_s, "first version\n", attributes));
        QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, u"shared.txt"_s, "original\n"));

        QVERIFY(m_live.openWindow(liveSessionConfig(m_live.server, m_live.bucket, u"wip-openedit"_s), QSize(1200, 700)));
        QVERIFY(waitListed());
        m_live.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_live.window.get()));
        controller()->setDebounceMs(100);
        connect(browser(), &BrowserView::errorOccurred, this, [this](const QString &message) { m_errors.append(message); });
    }

    void cleanupTestCase()
    {
        m_live.window.reset(); // the app quits: its temp folders go, unless they hold a change not uploaded
        for (const QString &folder : std::as_const(m_removedAtQuit))
            QVERIFY2(!QFileInfo::exists(folder), qPrintable(folder));
        if (!m_keptAtQuit.isEmpty())
            QVERIFY2(QFileInfo(m_keptAtQuit).isDir(), qPrintable(m_keptAtQuit));
        QDesktopServices::unsetUrlHandler(u"file"_s);
        QDir(OpenEditController::tempRoot()).removeRecursively();
        QVERIFY(m_live.cleanUp());
    }

    void enterOpensThenEditUploadsBack()
    {
        QVERIFY(selectOnly(u"notes.txt"_s));
        browser()->view()->setFocus();
        QVERIFY(waitUntil([&] { return browser()->view()->hasFocus(); }, 5000));
        QSignalSpy opened(controller(), &OpenEditController::opened);
        QTest::keyClick(browser()->view(), Qt::Key_Return); // Enter on a file: Open (no longer Properties)
        QVERIFY2(waitUntil([&] { return !m_urls.isEmpty(); }, 30000), qPrintable(m_errors.join(u"; "_s)));
        QCOMPARE(opened.size(), 1);
        const QString path = m_urls.constLast().toLocalFile();
        QCOMPARE(path, controller()->localPath(m_live.bucket, u"notes.txt"_s));
        QCOMPARE(QFileInfo(path).fileName(), u"notes.txt"_s);
        QCOMPARE(readFile(path), QByteArray("first version\n"));
        const QString folder = QFileInfo(path).absolutePath();
        QVERIFY2(isPrivateFolderOfTheRoot(folder), qPrintable(folder));
        QVERIFY(!(QFileInfo(path).permissions() & (QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther))); // Open: read-only
        QVERIFY(browser()->openWithAction()->isEnabled());

        // Edit of the same object: the same file (no second download), now writable.
        const qsizetype launched = m_urls.size();
        browser()->editAction()->trigger();
        QCOMPARE(m_urls.size(), launched + 1);
        QCOMPARE(m_urls.constLast().toLocalFile(), path);
        QVERIFY(QFileInfo(path).permissions() & QFileDevice::WriteOwner);
        QCOMPARE(controller()->openCount(), 1);

        QVERIFY(writeFile(path, "second version, edited locally\n"));
        QMessageBox *prompt = waitForPrompt(u"uploadBackPrompt"_s);
        QVERIFY(prompt);
        QVERIFY(!prompt->isModal()); // the user may go on browsing
        QSignalSpy uploaded(controller(), &OpenEditController::uploadedBack);
        QAbstractButton *upload = messageBoxButton(prompt, u"Upload"_s);
        QVERIFY(upload);
        upload->click();
        QVERIFY2(waitUntil([&] { return !uploaded.isEmpty(); }, 30000), qPrintable(m_errors.join(u"; "_s)));
        QCOMPARE(uploaded.first().at(1).toString(), u"notes.txt"_s);
        QCOMPARE(objectData(u"notes.txt"_s), QByteArray("second version, edited locally\n"));
        const s3::ObjectMetadata metadata = head(u"notes.txt"_s);
        QCOMPARE(metadata.contentType, u"text/x-s3desk-notes"_s); // as the object had, not guessed from ".txt"
        QCOMPARE(metadata.userMetadata.value(u"owner"_s), u"ops-team"_s);
        // The upload replaces the object and its tags: they were read and sent with it.
        s3::GetObjectTaggingJob tagging(m_live.client.get(), m_live.bucket, u"notes.txt"_s);
        tagging.setAutoDelete(false);
        QVERIFY(runJob(tagging) && !tagging.hasError());
        QCOMPARE(tagging.tags(), (QList<s3::ObjectTag>{{u"project"_s, u"apollo"_s}, {u"tier"_s, u"gold"_s}}));
        QCOMPARE(controller()->openedEtag(m_live.bucket, u"notes.txt"_s), metadata.etag); // the next check's base

        // Saved by rename over the file (QSaveFile, as many editors do): still watched. Ignore keeps it local.
        QSaveFile save(path);
        QVERIFY(save.open(QIODevice::WriteOnly));
        save.write("third version, not uploaded\n");
        QVERIFY(save.commit());
        prompt = waitForPrompt(u"uploadBackPrompt"_s);
        QVERIFY(prompt);
        QAbstractButton *ignore = messageBoxButton(prompt, u"Ignore"_s);
        QVERIFY(ignore);
        ignore->click();
        OpenEditController::State state{};
        QVERIFY(waitUntil([&] { return controller()->stateOf(m_live.bucket, u"notes.txt"_s, &state) && state == OpenEditController::State::Watching; }, 5000));
        QTest::qWait(300); // more than the debounce: no second prompt, no upload
        QCOMPARE(uploaded.size(), 1);
        QCOMPARE(objectData(u"notes.txt"_s), QByteArray("second version, edited locally\n"));
        m_keptAtQuit = folder; // an ignored change is never thrown away at quit
        QVERIFY2(m_errors.isEmpty(), qPrintable(m_errors.join(u"; "_s)));
    }

    void conflictAsksAndSavesACopy()
    {
        const QString path = editFromTable(u"shared.txt"_s);
        QVERIFY2(!path.isEmpty(), qPrintable(m_errors.join(u"; "_s)));
        QCOMPARE(readFile(path), QByteArray("original\n"));
        QVERIFY(isPrivateFolderOfTheRoot(QFileInfo(path).absolutePath()));
        // Someone else changes the object behind the app's back.
        QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, u"shared.txt"_s, "changed by someone else\n"));
        QVERIFY(writeFile(path, "my edit\n"));
        QMessageBox *prompt = waitForPrompt(u"uploadBackPrompt"_s);
        QVERIFY(prompt);
        QSignalSpy asked(controller(), &OpenEditController::conflictAsked);
        QSignalSpy uploaded(controller(), &OpenEditController::uploadedBack);
        QAbstractButton *upload = messageBoxButton(prompt, u"Upload"_s);
        QVERIFY(upload);
        upload->click();
        QMessageBox *conflict = waitForPrompt(u"editConflictPrompt"_s);
        QVERIFY(conflict);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(static_cast<QAbstractButton *>(conflict->defaultButton()), messageBoxButton(conflict, u"Cancel"_s)); // Enter never overwrites
        QAbstractButton *copy = messageBoxButton(conflict, u"Save as copy"_s);
        QVERIFY(copy);
        copy->click();
        QVERIFY2(waitUntil([&] { return !uploaded.isEmpty(); }, 30000), qPrintable(m_errors.join(u"; "_s)));
        const QString copyKey = uploaded.first().at(1).toString();
        QVERIFY2(copyKey.startsWith(u"shared (edited "_s) && copyKey.endsWith(u").txt"_s), qPrintable(copyKey));
        QCOMPARE(objectData(u"shared.txt"_s), QByteArray("changed by someone else\n")); // the other change stays
        QCOMPARE(objectData(copyKey), QByteArray("my edit\n"));
        QVERIFY2(m_errors.isEmpty(), qPrintable(m_errors.join(u"; "_s)));
        m_removedAtQuit.append(QFileInfo(path).absolutePath()); // uploaded: nothing pending
    }

    void openWithStartsTheChosenProgram()
    {
        // A stand-in program: copies the file it is given where the test can see it.
        QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, u"other.txt"_s, "for another program\n"));
        const QString seen = m_live.dir.filePath(u"seen.txt"_s);
        const QString program = m_live.dir.filePath(u"viewer.sh"_s);
        QVERIFY(writeFile(program, u"#!/bin/sh\ncp \"$1\" '%1'\n"_s.arg(seen).toUtf8()));
        QVERIFY(QFile::setPermissions(program, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        const qsizetype urls = m_urls.size();
        controller()->openWithProgram(m_live.bucket, u"other.txt"_s, program);
        QVERIFY2(waitUntil([&] { return QFileInfo(seen).size() > 0; }, 30000), qPrintable(m_errors.join(u"; "_s)));
        QCOMPARE(readFile(seen), QByteArray("for another program\n"));
        QCOMPARE(m_urls.size(), urls); // not the system's handler
        QVERIFY(QFileInfo(controller()->localPath(m_live.bucket, u"other.txt"_s)).permissions() & QFileDevice::WriteOwner); // editable
        // Not a program: said, nothing downloaded.
        const qsizetype errors = m_errors.size();
        const int count = controller()->openCount();
        controller()->openWithProgram(m_live.bucket, u"shared.txt"_s, seen);
        QCOMPARE(m_errors.size(), errors + 1);
        QCOMPARE(controller()->openCount(), count);
        m_errors.clear();
        m_removedAtQuit.append(QFileInfo(controller()->localPath(m_live.bucket, u"other.txt"_s)).absolutePath());
    }

    void customerKeyObjectIsEditedWithItsKey()
    {
        // SSE-C needs TLS on Ceph: a session of its own on the https endpoint, in a browser of its own.
        S3DESK_REQUIRE_LIVE_TLS(m_live.server, (BulkPath{true, true}));
        QNetworkAccessManager network;
        std::unique_ptr<s3::S3Client> client = liveTlsClient(m_live.server, &network);
        QVERIFY(client);
        const QString bucket = createTestBucket(client.get(), u"wip-openedit-ssec"_s);
        QVERIFY(!bucket.isEmpty());
        const auto cleanup = qScopeGuard([&] { removeTestBucket(client.get(), bucket); });
        const QByteArray rawKey(32, 'e');
        const s3::SseCustomerKey key = *s3::SseCustomerKey::fromRaw(rawKey);
        s3::ObjectAttributes customer;
        customer.sseCustomerKey = key;
        QVERIFY(putTestObject(client.get(), bucket, u"secret.txt"_s, "secret before\n", customer));
        QString folder;
        {
            std::unique_ptr<Session> session = openTestSession(liveTlsSessionConfig(m_live.server, bucket, u"wip-openedit-tls"_s));
            QVERIFY(session);
            BrowserView browser;
            browser.resize(1000, 500);
            browser.setSession(session.get());
            browser.openLocation(bucket, {});
            browser.show();
            browser.openEditController()->setDebounceMs(100);
            QStringList errors;
            connect(&browser, &BrowserView::errorOccurred, this, [&errors](const QString &message) { errors.append(message); });
            QVERIFY(waitUntil([&] { return !browser.model()->isListing() && browser.model()->rowOfName(u"secret.txt"_s) >= 0; }, 20000));
            QVERIFY(browser.selectName(u"secret.txt"_s));
            const qsizetype urls = m_urls.size();
            browser.editAction()->trigger();
            // The HEAD without a key is refused: the key is asked for (the browser's SseKeyController).
            auto *prompt = waitForVisibleChild<SseCustomerKeyDialog>(&browser, u"sseCustomerKeyDialog"_s, 20000);
            QVERIFY2(prompt, qPrintable(errors.join(u"; "_s)));
            child<QRadioButton>(*prompt, "textRadio")->setChecked(true);
            child<QLineEdit>(*prompt, "textEdit")->setText(QString::fromLatin1(rawKey.toBase64()));
            child<QDialogButtonBox>(*prompt, "")->button(QDialogButtonBox::Ok)->click();
            QVERIFY2(waitUntil([&] { return m_urls.size() > urls; }, 30000), qPrintable(errors.join(u"; "_s)));
            const QString path = m_urls.constLast().toLocalFile();
            folder = QFileInfo(path).absolutePath();
            QCOMPARE(readFile(path), QByteArray("secret before\n"));

            QVERIFY(writeFile(path, "secret after, edited\n"));
            auto *upload = waitForVisibleChild<QMessageBox>(&browser, u"uploadBackPrompt"_s, 20000);
            QVERIFY(upload);
            QSignalSpy uploaded(browser.openEditController(), &OpenEditController::uploadedBack);
            messageBoxButton(upload, u"Upload"_s)->click();
            QVERIFY2(waitUntil([&] { return !uploaded.isEmpty(); }, 30000), qPrintable(errors.join(u"; "_s)));
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u"; "_s)));
        }
        QVERIFY(!QFileInfo::exists(folder)); // uploaded, then the browser went: its folder too
        // Written back encrypted with the same key: readable with it, refused without.
        s3::GetObjectJob get(client.get(), bucket, u"secret.txt"_s);
        get.setAutoDelete(false);
        get.setSseCustomerKey(key);
        QVERIFY(runJob(get));
        QVERIFY2(!get.hasError(), qPrintable(get.error().toString()));
        QCOMPARE(get.data(), QByteArray("secret after, edited\n"));
        QVERIFY(!get.metadata().sseCustomerAlgorithm.isEmpty());
        s3::GetObjectJob without(client.get(), bucket, u"secret.txt"_s);
        without.setAutoDelete(false);
        QVERIFY(runJob(without));
        QVERIFY(without.hasError());
    }

    void hostileKeysStayInsideTheFolder()
    {
        const QString backslashes = u"hostile/..\\..\\evil.txt"_s;
        const QString longKey = u"hostile/"_s + QString(600, u'n') + u".txt"_s;
        QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, backslashes, "backslashes"));
        QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, longKey, "long name"));
        for (const QString &key : {backslashes, longKey}) {
            QSignalSpy opened(controller(), &OpenEditController::opened);
            controller()->open(m_live.bucket, key, OpenEditController::Mode::Edit);
            QVERIFY2(waitUntil([&] { return !opened.isEmpty(); }, 30000), qPrintable(m_errors.join(u"; "_s)));
            const QString path = opened.first().at(2).toString();
            const QString folder = QFileInfo(path).absolutePath();
            QVERIFY2(isPrivateFolderOfTheRoot(folder), qPrintable(path));
            const QString name = QFileInfo(path).fileName();
            QVERIFY(name.toUtf8().size() <= s3::localfs::MaxNameBytes);
            QVERIFY(name.endsWith(u".txt"_s));
            QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{name});
            QCOMPARE(readFile(path), key == backslashes ? QByteArray("backslashes") : QByteArray("long name"));
            m_removedAtQuit.append(folder);
        }
        // A key with ".." segments: the client refuses to address it, the open fails, and nothing is left behind.
        const int count = controller()->openCount();
        const QStringList before = QDir(OpenEditController::tempRoot()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        const qsizetype errors = m_errors.size();
        controller()->open(m_live.bucket, u"../../x"_s, OpenEditController::Mode::Edit);
        QVERIFY(waitUntil([&] { return m_errors.size() > errors; }, 20000));
        QCOMPARE(controller()->openCount(), count);
        QCOMPARE(QDir(OpenEditController::tempRoot()).entryList(QDir::Dirs | QDir::NoDotAndDotDot), before);
        QVERIFY(!QFileInfo::exists(QDir(OpenEditController::tempRoot()).absoluteFilePath(u"../../x"_s)));
        QVERIFY(!QFileInfo::exists(QDir(OpenEditController::tempRoot()).absoluteFilePath(u"../x"_s)));
        m_errors.clear();
    }

    /** Declared last: the ignored change of enterOpensThenEditUploadsBack is still not on the server. */
    void quitAsksAboutEditsNotUploaded()
    {
        QVERIFY2(!m_keptAtQuit.isEmpty(), "enterOpensThenEditUploadsBack left no ignored change");
        QVERIFY(controller()->pendingChanges().contains(u"s3://%1/notes.txt"_s.arg(m_live.bucket)));
        m_live.window->close();
        QMessageBox *prompt = waitForPrompt(u"confirmQuitUnsentEdits"_s);
        QVERIFY(prompt);
        QVERIFY2(prompt->detailedText().contains(u"s3://%1/notes.txt"_s.arg(m_live.bucket)), qPrintable(prompt->detailedText()));
        QVERIFY2(prompt->informativeText().contains(QDir::toNativeSeparators(OpenEditController::tempRoot())), qPrintable(prompt->informativeText()));
        QCOMPARE(prompt->defaultButton(), prompt->button(QMessageBox::Cancel)); // Enter keeps the window
        prompt->button(QMessageBox::Cancel)->click();
        QTest::qWait(50);
        QVERIFY(m_live.window->isVisible());

        m_live.window->close();
        prompt = waitForPrompt(u"confirmQuitUnsentEdits"_s);
        QVERIFY(prompt);
        QAbstractButton *quit = messageBoxButton(prompt, u"Quit"_s);
        QVERIFY(quit);
        quit->click();
        QVERIFY(waitUntil([&] { return !m_live.window->isVisible(); }, 5000)); // no transfer runs: nothing else to ask
        QVERIFY(QFileInfo(m_keptAtQuit).isDir()); // and cleanupTestCase() checks it outlives the window
    }
};

QTEST_MAIN(TestLiveOpenEdit)
#include "tst_live_openedit.moc"
