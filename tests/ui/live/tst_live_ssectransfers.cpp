// SPDX-License-Identifier: Apache-2.0
// Downloads and renames of SSE-C objects from the browser against the real Ceph RGW over https (SSE-C needs TLS
// on Ceph): the failure for want of the customer key makes the app ask for it (once for the action), a wrong key
// is asked again as refused, the right one finishes the work (files byte-identical; the renamed object still
// needs the same key, the old one is gone); Cancel leaves the download failed with the message.
#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHash>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "browser/dragout.h"
#include "browser/ssekeycontroller.h"
#include "dialogs/namedialog.h"
#include "dialogs/ssecustomerkeydialog.h"
#include "models/objectlistmodel.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/transferengine.h"
#include "uitestsupport.h"

using namespace s3;
using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestLiveSsecTransfers : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    std::unique_ptr<Session> m_session;
    QString m_bucket;
    QTemporaryDir m_dir;
    const QByteArray m_key = QByteArray(32, 'k');
    /** The latest snapshot of each transfer the engine reported. */
    QHash<TransferId, TransferSnapshot> m_transfers;

    SseCustomerKey key() const { return *SseCustomerKey::fromRaw(m_key); }

    bool putEncrypted(const QString &objectKey, const QByteArray &data)
    {
        ObjectAttributes attributes;
        attributes.sseCustomerKey = key();
        return putTestObject(m_client.get(), m_bucket, objectKey, data, attributes);
    }

    std::unique_ptr<BrowserView> openBrowser(const QString &prefix)
    {
        auto browser = std::make_unique<BrowserView>();
        browser->setSession(m_session.get());
        browser->openLocation(m_bucket, prefix);
        browser->show();
        return browser;
    }

    /** Selects exactly these names of the browser's folder (once listed). */
    static bool select(BrowserView *browser, const QStringList &names)
    {
        if (!waitUntil([&] {
                return std::all_of(names.cbegin(), names.cend(), [&](const QString &name) { return browser->model()->rowOfName(name) >= 0; });
            }, 20000))
            return false;
        browser->view()->selectionModel()->clearSelection();
        for (const QString &name : names) {
            browser->view()->selectionModel()->select(browser->model()->index(browser->model()->rowOfName(name), 0),
                                                      QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        return browser->selectedKeys().size() == names.size();
    }

    /** Download… as the user does it: the action, then the folder chosen in its file dialog. */
    static bool downloadSelected(BrowserView *browser, const QString &folder)
    {
        browser->downloadAction()->trigger();
        QFileDialog *files = nullptr;
        waitUntil([&] {
            for (QFileDialog *candidate : browser->findChildren<QFileDialog *>()) {
                if (candidate->isVisible())
                    files = candidate;
            }
            return files != nullptr;
        }, 5000);
        if (!files)
            return false;
        Q_EMIT files->fileSelected(folder); // what the file dialog emits when the user picks the folder
        files->reject();
        return true;
    }

    /** The visible key prompts among the top-level widgets. */
    static QList<SseCustomerKeyDialog *> visiblePrompts()
    {
        QList<SseCustomerKeyDialog *> prompts;
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            if (auto *prompt = qobject_cast<SseCustomerKeyDialog *>(widget); prompt && prompt->isVisible())
                prompts.append(prompt);
        }
        return prompts;
    }

    /** Waits for the key prompt; refused: it must say the key was refused (else it must not). */
    static SseCustomerKeyDialog *waitForPrompt(bool refused, int timeoutMs = 30000)
    {
        SseCustomerKeyDialog *found = nullptr;
        waitUntil([&] {
            for (SseCustomerKeyDialog *prompt : visiblePrompts()) {
                const QString intro = prompt->findChild<QLabel *>(u"introLabel"_s)->text();
                if (intro.contains(u"refused"_s) == refused)
                    found = prompt;
            }
            return found != nullptr;
        }, timeoutMs);
        return found;
    }

    /** Types the key as base64 into the prompt and confirms it. */
    static void answer(SseCustomerKeyDialog *prompt, const QByteArray &rawKey)
    {
        child<QRadioButton>(*prompt, "textRadio")->setChecked(true);
        child<QLineEdit>(*prompt, "textEdit")->setText(QString::fromLatin1(rawKey.toBase64()));
        child<QDialogButtonBox>(*prompt, "")->button(QDialogButtonBox::Ok)->click();
    }

    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    /** The transfers of this object key that failed for want of the customer key. */
    QList<TransferSnapshot> failedForTheKey(const QString &objectKey) const
    {
        QList<TransferSnapshot> failed;
        for (const TransferSnapshot &snapshot : m_transfers) {
            if (snapshot.key == objectKey && snapshot.state == TransferState::Failed && isSseCustomerKeyError(snapshot.lastError))
                failed.append(snapshot);
        }
        return failed;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        S3DESK_REQUIRE_LIVE_TLS(m_server, (BulkPath{true, true}));
        QVERIFY(m_dir.isValid());
        m_client = liveTlsClient(m_server, &m_network);
        QVERIFY(m_client);
        m_bucket = createTestBucket(m_client.get(), u"s3desk-live-ssectransfers"_s);
        QVERIFY(!m_bucket.isEmpty());
        m_session = openTestSession(liveTlsSessionConfig(m_server, m_bucket, u"live-ssec-transfers"_s));
        QVERIFY(m_session);
        TransferEngine *engine = m_session->transfers();
        QVERIFY(engine);
        const auto record = [this](const TransferSnapshot &snapshot) { m_transfers.insert(snapshot.id, snapshot); };
        connect(engine, &TransferEngine::taskAdded, this, record);
        connect(engine, &TransferEngine::taskFinished, this, record);
        connect(engine, &TransferEngine::tasksChanged, this, [this](const QList<TransferSnapshot> &snapshots) {
            for (const TransferSnapshot &snapshot : snapshots)
                m_transfers.insert(snapshot.id, snapshot);
        });
    }

    void cleanupTestCase()
    {
        m_session.reset();
        if (m_client && !m_bucket.isEmpty())
            QVERIFY(!removeTestBucket(m_client.get(), m_bucket).isError());
    }

    void downloadAsksOnceForTheBatch()
    {
        const QByteArray first = randomBytes(300 * 1024, 1);
        const QByteArray second = randomBytes(5000, 2);
        QVERIFY(putEncrypted(u"dl/first.bin"_s, first));
        QVERIFY(putEncrypted(u"dl/second.bin"_s, second));
        const QString folder = m_dir.filePath(u"batch"_s);
        QVERIFY(QDir().mkpath(folder));

        auto browser = openBrowser(u"dl/"_s);
        QVERIFY(select(browser.get(), {u"first.bin"_s, u"second.bin"_s}));
        QVERIFY(downloadSelected(browser.get(), folder));

        // Both downloads fail for want of the key; one prompt asks for the two.
        SseCustomerKeyDialog *prompt = waitForPrompt(false);
        QVERIFY(prompt);
        QVERIFY(waitUntil([&] { return failedForTheKey(u"dl/first.bin"_s).size() == 1 && failedForTheKey(u"dl/second.bin"_s).size() == 1; }, 30000));
        QTest::qWait(200);
        QCOMPARE(visiblePrompts().size(), 1);
        QVERIFY(!QFileInfo::exists(folder + u"/first.bin"_s));

        // A wrong key: asked again, saying it was refused (still one prompt for both).
        answer(prompt, QByteArray(32, 'w'));
        prompt = waitForPrompt(true);
        QVERIFY(prompt);
        QVERIFY(waitUntil([&] {
            const QList<TransferSnapshot> a = failedForTheKey(u"dl/first.bin"_s);
            const QList<TransferSnapshot> b = failedForTheKey(u"dl/second.bin"_s);
            return a.size() == 1 && b.size() == 1 && a.first().lastError.code() == SseCustomerKeyRefusedCode
                && b.first().lastError.code() == SseCustomerKeyRefusedCode;
        }, 30000));
        QTest::qWait(200);
        QCOMPARE(visiblePrompts().size(), 1);

        // The right key: both files arrive byte-identical, nothing more is asked.
        answer(prompt, m_key);
        QVERIFY(waitUntil([&] { return QFileInfo::exists(folder + u"/first.bin"_s) && QFileInfo::exists(folder + u"/second.bin"_s); }, 60000));
        QCOMPARE(readFile(folder + u"/first.bin"_s), first);
        QCOMPARE(readFile(folder + u"/second.bin"_s), second);
        QVERIFY(visiblePrompts().isEmpty());
        QVERIFY(!browser->sseKeyController()->key().isNull()); // kept in memory for the session

        // Another download of the session uses the key given, without asking.
        const QString again = m_dir.filePath(u"again"_s);
        QVERIFY(QDir().mkpath(again));
        QVERIFY(select(browser.get(), {u"second.bin"_s}));
        QVERIFY(downloadSelected(browser.get(), again));
        QVERIFY(waitUntil([&] { return QFileInfo::exists(again + u"/second.bin"_s); }, 60000));
        QCOMPARE(readFile(again + u"/second.bin"_s), second);
        QVERIFY(visiblePrompts().isEmpty());
    }

    void dragOutAsksForTheKeyThenUsesIt()
    {
        // A drag-out has its own engine: the first drag of an SSE-C object fails for want of the key, the app
        // asks for it, and the next drag sends it.
        const QByteArray data = randomBytes(200 * 1024, 5);
        QVERIFY(putEncrypted(u"drag/secret.bin"_s, data));
        auto browser = openBrowser(u"drag/"_s); // its own key controller: no key known yet
        QVERIFY(select(browser.get(), {u"secret.bin"_s}));
        QSignalSpy errors(browser.get(), &BrowserView::errorOccurred);
        QSignalSpy status(browser.get(), &BrowserView::statusMessage);
        DragOutBatch *first = browser->prepareDragOut({u"drag/secret.bin"_s});
        QVERIFY(first);
        QVERIFY(first->sseKey().isNull());
        browser->dragLeftWindow(first);
        SseCustomerKeyDialog *prompt = waitForPrompt(false);
        QVERIFY(prompt);
        QVERIFY(first->readyUrls().isEmpty());
        answer(prompt, m_key);
        QVERIFY(waitUntil([&] {
            return std::any_of(status.cbegin(), status.cend(), [](const QList<QVariant> &args) { return args.first().toString().contains(u"drag it out again"_s); });
        }, 10000));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.isEmpty() ? QString() : errors.first().first().toString()));
        browser->dragEnded(first, false);

        DragOutBatch *second = browser->prepareDragOut({u"drag/secret.bin"_s});
        QVERIFY(second);
        QVERIFY(!second->sseKey().isNull());
        browser->dragLeftWindow(second);
        QVERIFY(waitUntil([&] { return second->allDone(); }, 30000));
        QCOMPARE(second->readyUrls().size(), 1);
        QCOMPARE(readFile(second->readyUrls().first().toLocalFile()), data);
        QVERIFY(visiblePrompts().isEmpty());
        browser->dragEnded(second, false);
    }

    void cancelLeavesTheDownloadFailed()
    {
        QVERIFY(putEncrypted(u"cancel/secret.bin"_s, "not for you"));
        const QString folder = m_dir.filePath(u"cancel"_s);
        QVERIFY(QDir().mkpath(folder));
        auto browser = openBrowser(u"cancel/"_s); // a new browser: no key given yet
        QVERIFY(select(browser.get(), {u"secret.bin"_s}));
        QVERIFY(downloadSelected(browser.get(), folder));
        SseCustomerKeyDialog *prompt = waitForPrompt(false);
        QVERIFY(prompt);
        child<QDialogButtonBox>(*prompt, "")->button(QDialogButtonBox::Cancel)->click();
        QVERIFY(waitUntil([&] { return visiblePrompts().isEmpty(); }, 5000));
        QTest::qWait(1000);
        m_session->transfers()->requestSnapshots();
        QTest::qWait(300);
        const QList<TransferSnapshot> failed = failedForTheKey(u"cancel/secret.bin"_s);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().lastError.code(), SseCustomerKeyRequiredCode);
        QVERIFY2(failed.first().lastError.toString().contains(u"customer-provided"_s), qPrintable(failed.first().lastError.toString()));
        QVERIFY(!QFileInfo::exists(folder + u"/secret.bin"_s));
        QVERIFY(visiblePrompts().isEmpty());
    }

    void restoredDownloadAsksAgain()
    {
        QVERIFY(putEncrypted(u"restore/secret.bin"_s, "asked again"));
        const QString folder = m_dir.filePath(u"restore"_s);
        const QString stateDir = m_dir.filePath(u"state"_s);
        QVERIFY(QDir().mkpath(folder));
        SessionConfig config = liveTlsSessionConfig(m_server, m_bucket, u"live-ssec-restore"_s);
        config.stateDir = stateDir;
        const QByteArray wrongKey(32, 'w');
        {
            std::unique_ptr<Session> session = openTestSession(config);
            QVERIFY(session);
            auto browser = std::make_unique<BrowserView>();
            browser->setSession(session.get());
            browser->openLocation(m_bucket, u"restore/"_s);
            browser->show();
            QVERIFY(select(browser.get(), {u"secret.bin"_s}));
            QVERIFY(downloadSelected(browser.get(), folder));
            SseCustomerKeyDialog *prompt = waitForPrompt(false);
            QVERIFY(prompt);
            answer(prompt, wrongKey); // the transfer now holds this key in memory
            prompt = waitForPrompt(true);
            QVERIFY(prompt);
            child<QDialogButtonBox>(*prompt, "")->button(QDialogButtonBox::Cancel)->click();
            QVERIFY(waitUntil([&] { return visiblePrompts().isEmpty(); }, 5000));
            browser.reset();
        } // the engine saves the failed transfer for the next start
        QDir state(stateDir);
        const QStringList files = state.entryList({u"transfers-*.json"_s}, QDir::Files);
        QCOMPARE(files.size(), 1);
        const QByteArray saved = readFile(state.filePath(files.first()));
        QVERIFY(saved.contains("restore/secret.bin"));
        const SseCustomerKey wrong = *SseCustomerKey::fromRaw(wrongKey);
        QVERIFY(!saved.contains(wrongKey.toBase64()));
        QVERIFY(!saved.contains(wrong.md5Base64()));
        QVERIFY(!saved.contains("sseCustomer"));

        // The next start: the restored download waits; resumed, it needs the key again and the app asks for it.
        std::unique_ptr<Session> session = openTestSession(config);
        QVERIFY(session);
        auto browser = std::make_unique<BrowserView>();
        browser->setSession(session.get());
        browser->show();
        TransferId restored = 0;
        connect(session->transfers(), &TransferEngine::tasksChanged, browser.get(), [&](const QList<TransferSnapshot> &snapshots) {
            for (const TransferSnapshot &snapshot : snapshots) {
                if (snapshot.key == u"restore/secret.bin"_s)
                    restored = snapshot.id;
            }
        });
        QVERIFY(waitUntil([&] {
            session->transfers()->requestSnapshots();
            QTest::qWait(100);
            return restored != 0;
        }, 20000));
        session->transfers()->resume(restored);
        SseCustomerKeyDialog *prompt = waitForPrompt(false);
        QVERIFY(prompt);
        answer(prompt, m_key);
        QVERIFY(waitUntil([&] { return QFileInfo::exists(folder + u"/secret.bin"_s); }, 60000));
        QCOMPARE(readFile(folder + u"/secret.bin"_s), QByteArray("asked again"));
        browser.reset();
    }

    void renameKeepsTheEncryption()
    {
        QVERIFY(putEncrypted(u"ren/old.txt"_s, "renamed secret"));
        auto browser = openBrowser(u"ren/"_s);
        QVERIFY(select(browser.get(), {u"old.txt"_s}));
        QSignalSpy finished(browser.get(), &BrowserView::operationFinished);
        browser->renameAction()->trigger();
        auto *names = waitForVisibleChild<NameDialog>(browser.get(), u"renameDialog"_s, 5000);
        QVERIFY(names);
        names->nameEdit()->setText(u"new.txt"_s);
        names->okButton()->click();

        SseCustomerKeyDialog *prompt = waitForPrompt(false);
        QVERIFY(prompt);
        answer(prompt, QByteArray(32, 'w'));
        prompt = waitForPrompt(true);
        QVERIFY(prompt);
        QVERIFY(finished.isEmpty()); // still waiting for the key
        answer(prompt, m_key);
        QVERIFY(waitUntil([&] { return !finished.isEmpty(); }, 30000));
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(0).toString()));

        QVERIFY(!testObjectExists(m_client.get(), m_bucket, u"ren/old.txt"_s));
        HeadObjectJob withoutKey(m_client.get(), m_bucket, u"ren/new.txt"_s);
        withoutKey.setAutoDelete(false);
        QVERIFY(runJob(withoutKey));
        QVERIFY(withoutKey.hasError());
        QVERIFY2(isSseCustomerKeyError(withoutKey.error()), qPrintable(withoutKey.error().toString()));
        GetObjectJob get(m_client.get(), m_bucket, u"ren/new.txt"_s);
        get.setAutoDelete(false);
        get.setSseCustomerKey(key());
        QVERIFY(runJob(get));
        QVERIFY2(!get.hasError(), qPrintable(get.error().toString()));
        QCOMPARE(get.data(), QByteArray("renamed secret"));
        QCOMPARE(get.metadata().sseCustomerAlgorithm, u"AES256"_s);
    }

    void moveAsksOnceForTheBatch()
    {
        QVERIFY(putEncrypted(u"mv/one.txt"_s, "moved one"));
        QVERIFY(putEncrypted(u"mv/two.txt"_s, "moved two"));
        auto browser = openBrowser(u"mv/"_s); // a new browser: no key given yet
        QVERIFY(select(browser.get(), {u"one.txt"_s, u"two.txt"_s}));
        QSignalSpy finished(browser.get(), &BrowserView::operationFinished);
        browser->moveKeys({u"mv/one.txt"_s, u"mv/two.txt"_s}, u"mv/into/"_s); // what a drop on the folder does
        SseCustomerKeyDialog *prompt = waitForPrompt(false);
        QVERIFY(prompt);
        answer(prompt, m_key);
        QVERIFY(waitUntil([&] { return !finished.isEmpty(); }, 30000));
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(0).toString()));
        QVERIFY(visiblePrompts().isEmpty()); // one question for the two
        for (const QString &name : {u"one"_s, u"two"_s}) {
            QVERIFY(!testObjectExists(m_client.get(), m_bucket, u"mv/%1.txt"_s.arg(name)));
            GetObjectJob get(m_client.get(), m_bucket, u"mv/into/%1.txt"_s.arg(name));
            get.setAutoDelete(false);
            get.setSseCustomerKey(key());
            QVERIFY(runJob(get));
            QVERIFY2(!get.hasError(), qPrintable(get.error().toString()));
            QCOMPARE(get.data(), (u"moved "_s + name).toUtf8());
        }
    }
};

QTEST_MAIN(TestLiveSsecTransfers)
#include "tst_live_ssectransfers.moc"
