// SPDX-License-Identifier: Apache-2.0
#include "screenshottour.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPixmap>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>

#include "browser/browserview.h"
#include "connection/connectionprofile.h"
#include "browser/openeditcontroller.h"
#include "browser/quicklookcontroller.h"
#include "browser/synccontroller.h"
#include "browser/versionsview.h"
#include "dialogs/connectiondialog.h"
#include "dialogs/preferencesdialog.h"
#include "dialogs/presigndialog.h"
#include "dialogs/propertiesdialog.h"
#include "dialogs/syncdialog.h"
#include "widgets/quicklookpane.h"
#include "widgets/searchbar.h"
#include "models/favouritesmodel.h"
#include "models/objectlistmodel.h"
#include "models/transferlistmodel.h"
#include "models/versionlistmodel.h"
#include "s3core/transfer/transferengine.h"
#include "widgets/connectionlist.h"
#include "widgets/favouritescontroller.h"
#include "widgets/favouriteslist.h"
#include "widgets/mainwindow.h"

using namespace Qt::Literals::StringLiterals;

namespace {
// Made by scripts/demo-data.sh: a prefix deep enough for the breadcrumbs to elide their middle segments.
const QString DeepPrefix = u"projects/2026/acme-corporation/quarterly-reports/q4-december/scanned-invoices/originals/"_s;
// An object with SSE-KMS and tags (demo-data.sh), so Properties shows the encryption and tag rows.
const QString PropertiesKey = u"contract.txt"_s;
// Opened, changed and uploaded back by the tour (edit.png).
const QString EditKey = u"README.txt"_s;
} // namespace

ScreenshotTour::ScreenshotTour(s3ui::MainWindow *window, QString directory, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(std::move(directory))
{
}

void ScreenshotTour::start()
{
    QDir().mkpath(m_directory);
    if (m_window->currentSession())
        addConnectedSteps();
    else
        addFirstStartSteps();
    m_steps.push_back([] { QApplication::quit(); });
    next(800);
}

void ScreenshotTour::next(int delayMs)
{
    QTimer::singleShot(delayMs, this, [this] {
        if (m_step < m_steps.size())
            m_steps[m_step++]();
    });
}

void ScreenshotTour::waitUntil(std::function<bool()> ready, int timeoutMs, const char *what, int pollMs)
{
    auto *timer = new QTimer(this);
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    connect(timer, &QTimer::timeout, this, [this, timer, elapsed, ready = std::move(ready), timeoutMs, what] {
        const bool done = ready();
        if (!done && elapsed->elapsed() < timeoutMs)
            return;
        if (!done)
            qWarning("screenshot: timed out waiting for %s", what);
        timer->stop();
        timer->deleteLater();
        next();
    });
    timer->start(pollMs);
}

void ScreenshotTour::waitForListing()
{
    waitUntil(
        [this] {
            const s3ui::ObjectListModel *model = m_window->browser()->model();
            return !model->isListing() && model->rowCount() > 0;
        },
        15000, "the listing");
}

void ScreenshotTour::save(QWidget *widget, const QString &name)
{
    const QString path = QDir(m_directory).filePath(name);
    if (!widget)
        qWarning("screenshot: nothing to save as %s", qPrintable(path));
    else if (!widget->grab().save(path))
        qWarning("screenshot: could not write %s", qPrintable(path));
}

void ScreenshotTour::addFirstStartSteps()
{
    s3ui::ConnectionList *connections = m_window->connectionList();
    m_steps.push_back([this] {
        m_window->resize(1024, 768);
        next();
    });
    m_steps.push_back([this, connections] {
        save(m_window, u"first-start.png"_s);
        if (!connections) {
            next();
            return;
        }
        connections->newAction()->trigger();
        waitUntil([connections] { return connections->openDialog() != nullptr; }, 5000, "the connection dialog");
    });
    m_steps.push_back([this, connections] {
        s3ui::ConnectionDialog *dialog = connections ? connections->openDialog() : nullptr;
        if (!dialog) {
            next();
            return;
        }
        // The demo server's endpoint and access key with a wrong secret: the answer a mistyped secret gets.
        const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        const auto fill = [dialog](const char *name, const QString &text) {
            if (auto *edit = dialog->findChild<QLineEdit *>(QLatin1String(name)))
                edit->setText(text);
        };
        fill("nameEdit", u"Office Ceph"_s);
        fill("endpointEdit", environment.value(u"S3_ENDPOINT"_s, u"http://127.0.0.1:9"_s));
        fill("accessKeyEdit", environment.value(u"AWS_ACCESS_KEY_ID"_s, u"AKIAIOSFODNN7EXAMPLE"_s));
        fill("secretEdit", u"not-the-right-secret"_s);
        fill("bucketEdit", u"demo"_s);
        dialog->testConnection();
        waitUntil(
            [dialog = QPointer<s3ui::ConnectionDialog>(dialog)] {
                const auto *result = dialog ? dialog->findChild<QLabel *>(u"testResultLabel"_s) : nullptr;
                return !dialog || (!dialog->isTesting() && result && !result->text().isEmpty());
            },
            30000, "the connection test");
    });
    m_steps.push_back([this, connections] {
        s3ui::ConnectionDialog *dialog = connections ? connections->openDialog() : nullptr;
        save(dialog, u"connection-failed.png"_s);
        if (dialog)
            dialog->reject();
        next();
    });
}

void ScreenshotTour::addConnectedSteps()
{
    s3ui::BrowserView *browser = m_window->browser();
    m_steps.push_back([this] { waitForListing(); });
    // The main window at the README's size, then at the two sizes the app must look right at.
    m_steps.push_back([this] {
        m_window->resize(1280, 800);
        next();
    });
    m_steps.push_back([this] {
        save(m_window, u"browser.png"_s);
        m_window->resize(1024, 768);
        next();
    });
    m_steps.push_back([this] {
        save(m_window, u"browser-1024.png"_s);
        m_window->resize(1920, 1080);
        next();
    });
    m_steps.push_back([this, browser] {
        save(m_window, u"browser-1920.png"_s);
        m_window->resize(1280, 800);
        browser->openLocation(browser->bucket(), u"many-files/"_s);
        waitForListing();
    });
    m_steps.push_back([this, browser] {
        save(m_window, u"folder.png"_s);
        browser->filterField()->setText(u"-19"_s);
        waitUntil([browser] { return browser->statusLabel()->text().contains(u" of "_s); }, 5000, "the filter");
    });
    m_steps.push_back([this, browser] {
        save(m_window, u"filtered.png"_s);
        browser->filterField()->clear();
        // Narrow, so the breadcrumbs must elide.
        m_window->resize(1024, 768);
        browser->openLocation(browser->bucket(), DeepPrefix);
        waitForListing();
    });
    m_steps.push_back([this, browser] {
        save(m_window, u"deep-folder.png"_s);
        m_window->resize(1280, 800);
        browser->openLocation(browser->bucket(), {});
        waitForListing();
    });
    // Two tabs: the bucket's root in the first, a folder in the second (on screen); closed again afterwards.
    m_steps.push_back([this, browser] {
        m_window->newTabAction()->trigger();
        browser->openLocation(browser->bucket(), u"many-files/"_s);
        waitForListing();
    });
    m_steps.push_back([this] {
        save(m_window, u"tabs.png"_s);
        m_window->closeTabAction()->trigger(); // back in the first tab, at the bucket's root
        waitForListing();
    });
    // The delete prompt of a folder, once its walk has counted what a delete would remove; closed with Cancel.
    m_steps.push_back([this, browser] {
        if (!browser->selectName(u"many-files/"_s))
            browser->selectName(u"many-files"_s);
        browser->deleteAction()->trigger();
        waitUntil(
            [browser] {
                auto *button = browser->findChild<QPushButton *>(u"deleteButton"_s);
                return button && button->isEnabled();
            },
            20000, "the delete prompt's count");
    });
    m_steps.push_back([this, browser] {
        auto *box = browser->findChild<QMessageBox *>(u"confirmDelete"_s);
        save(box, u"delete-prompt.png"_s);
        if (box)
            box->reject();
        browser->openLocation(browser->bucket(), u"docs/"_s);
        waitForListing();
    });
    m_steps.push_back([this, browser] {
        browser->selectName(PropertiesKey);
        browser->propertiesAction()->trigger();
        waitUntil(
            [this] {
                auto *dialog = m_window->findChild<s3ui::PropertiesDialog *>();
                return dialog && !dialog->isBusy() && dialog->tagsKnown();
            },
            10000, "the properties");
    });
    m_steps.push_back([this, browser] {
        if (auto *dialog = m_window->findChild<s3ui::PropertiesDialog *>()) {
            save(dialog, u"properties.png"_s);
            dialog->close();
        }
        browser->selectName(PropertiesKey);
        browser->presignAction()->trigger();
        waitUntil([this] { return m_window->findChild<s3ui::PresignDialog *>() != nullptr; }, 5000, "the presign dialog");
    });
    m_steps.push_back([this, browser] {
        if (auto *dialog = m_window->findChild<s3ui::PresignDialog *>()) {
            save(dialog, u"presign.png"_s);
            dialog->close();
        }
        m_window->showPreferences();
        waitUntil([this] { return m_window->preferencesDialog() && m_window->preferencesDialog()->isVisible(); }, 5000,
                  "the preferences");
    });
    m_steps.push_back([this, browser] {
        if (s3ui::PreferencesDialog *dialog = m_window->preferencesDialog()) {
            save(dialog, u"preferences.png"_s);
            dialog->reject();
        }
        // Synchronize… of a small local folder with docs/: one file changed, one new (the preview, nothing run).
        const QString local = QDir(QDir::tempPath()).filePath(u"s3desk-screenshot/sync"_s);
        QDir().mkpath(local + u"/drafts"_s);
        for (const auto &[name, text] : {std::pair{u"notes.md"_s, "# Notes\n\nRewritten locally.\n"}, std::pair{u"drafts/chapter-2.md"_s, "## Chapter 2\n"},
                                          std::pair{u"todo.txt"_s, "sync docs\n"}}) {
            QFile file(QDir(local).filePath(name));
            if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                file.write(text);
        }
        browser->openLocation(browser->bucket(), u"docs/"_s);
        s3ui::SyncDialog *dialog = s3ui::SyncController::openDialog(m_window->currentSession(), browser->bucket(), u"docs/"_s, local, {}, browser);
        dialog->showSkippedBox()->setChecked(true);
        dialog->previewButton()->click();
        waitUntil(
            [dialog] {
                auto *controller = dialog->findChild<s3ui::SyncController *>();
                return controller && controller->state() == s3ui::SyncController::State::Previewed;
            },
            15000, "the sync preview");
    });
    m_steps.push_back([this, browser] {
        if (auto *dialog = browser->findChild<s3ui::SyncDialog *>()) {
            save(dialog, u"sync.png"_s);
            dialog->close();
        }
        // docs/ of the demo bucket has two versions of notes.md and a deleted draft (a delete marker).
        browser->showVersionsAction()->setChecked(true);
        waitUntil(
            [browser] {
                const s3ui::VersionListModel *model = browser->versionsView()->model();
                return !model->isListing() && model->rowCount() > 0;
            },
            15000, "the versions");
    });
    m_steps.push_back([this, browser] {
        save(m_window, u"versions.png"_s);
        browser->showVersionsAction()->setChecked(false);
        browser->openLocation(browser->bucket(), u"images/"_s);
        waitForListing();
    });
    // Quick look (Space) of the demo PNG: the pane beside the list, from a bounded ranged GET.
    m_steps.push_back([this, browser] {
        browser->selectName(u"gradient.png"_s);
        browser->quickLookAction()->setChecked(true);
        waitUntil(
            [browser] {
                return browser->quickLookPane()->isVisible() && !browser->quickLookController()->isBusy()
                    && !browser->quickLookPane()->isFilling() && browser->quickLookPane()->page() == s3ui::QuickLookPane::Page::Image;
            },
            10000, "the quick look");
    });
    // Find (Ctrl+F) from the bucket's root: every key below it whose name has "-19", streamed into the list.
    m_steps.push_back([this, browser] {
        save(m_window, u"quicklook.png"_s);
        browser->quickLookAction()->setChecked(false);
        browser->openLocation(browser->bucket(), {});
        waitForListing();
    });
    m_steps.push_back([this, browser] {
        browser->findAction()->trigger();
        browser->searchBar()->textField()->setText(u"-19"_s);
        Q_EMIT browser->searchBar()->textField()->returnPressed();
        waitUntil(
            [browser] {
                const s3ui::ObjectListModel *model = browser->model();
                return model->isSearchMode() && !model->isListing() && model->rowCount() > 0;
            },
            20000, "the search");
    });
    m_steps.push_back([this, browser] {
        save(m_window, u"find.png"_s);
        browser->searchBar()->escape();
        browser->openLocation(browser->bucket(), {});
        waitForListing();
    });
    // Edit in place: README.txt opened with a program that returns at once (the tour has no editor), a line
    // added to the private copy, the upload-back prompt; Upload sends it back through the queue.
    m_steps.push_back([this, browser] {
        s3ui::OpenEditController *edits = browser->openEditController();
        edits->openWithProgram(browser->bucket(), EditKey, QStandardPaths::findExecutable(u"true"_s));
        waitUntil(
            [edits, browser] {
                s3ui::OpenEditController::State state;
                return edits->stateOf(browser->bucket(), EditKey, &state) && state == s3ui::OpenEditController::State::Watching;
            },
            15000, "the opened copy");
    });
    m_steps.push_back([this, browser] {
        QFile file(browser->openEditController()->localPath(browser->bucket(), EditKey));
        if (file.open(QIODevice::Append))
            file.write("Edited with S3Desk's Open with….\n");
        file.close();
        waitUntil([this] { return m_window->findChild<QMessageBox *>(u"uploadBackPrompt"_s) != nullptr; }, 15000, "the upload-back prompt");
    });
    m_steps.push_back([this, browser] {
        if (auto *box = m_window->findChild<QMessageBox *>(u"uploadBackPrompt"_s)) {
            save(box, u"edit.png"_s);
            box->defaultButton()->click();
        }
        s3ui::OpenEditController *edits = browser->openEditController();
        waitUntil(
            [edits, browser] {
                s3ui::OpenEditController::State state;
                return !edits->stateOf(browser->bucket(), EditKey, &state) || state == s3ui::OpenEditController::State::Watching;
            },
            30000, "the upload back");
    });
    m_steps.push_back([this, browser] {
        browser->openLocation(browser->bucket(), u"data/"_s);
        waitForListing();
    });
    // The sidebar with two favourites: added for the picture (straight into the model, so a connection opened from
    // the command line can have them too), removed after it so the tour leaves the settings as it found them.
    m_steps.push_back([this, browser] {
        s3ui::FavouritesController *favourites = m_window->favourites();
        s3ui::Session *session = m_window->currentSession();
        if (!favourites || !session) {
            next();
            return;
        }
        const QString bucket = browser->bucket();
        // Favourites belong to saved connections: the command-line connection on screen gets a saved profile of
        // the same id for the picture (removed after it), so its favourites show as a user's would, not greyed.
        if (m_connections && !m_connections->profile(session->id())) {
            s3ui::ConnectionProfile demo;
            demo.id = session->id();
            demo.name = u"Demo (local Ceph)"_s;
            demo.endpointUrl = m_window->currentSession()->config().displayName.startsWith(u"http"_s)
                                   ? m_window->currentSession()->config().displayName
                                   : u"http://127.0.0.1:8000"_s;
            demo.addressing = s3::AddressingStyle::Path;
            if (const auto added = m_connections->add(demo))
                m_stagedConnection = *added;
            else
                qWarning("screenshot: could not stage a saved connection: %s", qPrintable(added.error().toString()));
        }
        for (const QString &prefix : {u"many-files/"_s, DeepPrefix}) {
            const int row = favourites->model()->add({session->id(), bucket, prefix, s3ui::defaultFavouriteName(bucket, prefix)});
            if (row >= 0)
                m_addedFavourites.append(row);
        }
        favourites->list()->setCurrentRow(favourites->model()->rowCount() - 1);
        browser->openLocation(bucket, DeepPrefix);
        waitForListing();
    });
    m_steps.push_back([this, browser] {
        save(m_window, u"favourites.png"_s);
        if (s3ui::FavouritesController *favourites = m_window->favourites()) {
            for (auto it = m_addedFavourites.crbegin(); it != m_addedFavourites.crend(); ++it)
                favourites->model()->removeRow(*it);
        }
        m_addedFavourites.clear();
        if (m_connections && !m_stagedConnection.isEmpty())
            m_connections->remove(m_stagedConnection);
        m_stagedConnection.clear();
        browser->openLocation(browser->bucket(), u"data/"_s);
        waitForListing();
    });
    m_steps.push_back([this] { downloadPausedAndResumed(); });
    m_steps.push_back([this] {
        if (!m_resumedSaved)
            save(m_window, u"transfers.png"_s);
        // Let the download end before quitting (its file is in the temporary folder).
        waitUntil([this] { return m_window->transfers()->activeCount() == 0; }, 60000, "the download to end");
    });
}

void ScreenshotTour::downloadPausedAndResumed()
{
    s3ui::BrowserView *browser = m_window->browser();
    s3ui::TransferListModel *transfers = m_window->transfers();
    const QString target = QStandardPaths::writableLocation(QStandardPaths::TempLocation) + u"/s3desk-screenshot"_s;
    QDir(target).removeRecursively();
    QDir().mkpath(target);
    browser->selectName(u"large.bin"_s);
    browser->downloadKeys(browser->selectedKeys(), target);

    enum class Phase { Starting, Pausing, Resuming };
    auto phase = std::make_shared<Phase>(Phase::Starting);
    // The resumed run goes fast on loopback: every poll while its row says "resuming at …" grabs the window
    // (after the status bar and the panel's actions have caught up: they update on the next event-loop turn),
    // and the last such grab is saved once the row shows a rate, or when the run ends.
    auto shot = std::make_shared<QPixmap>();
    waitUntil(
        [this, transfers, phase, shot] {
            if (transfers->rowCount() == 0)
                return false;
            const s3::TransferSnapshot snapshot = transfers->snapshotAt(0);
            s3::TransferEngine *engine = transfers->engineAt(0);
            switch (*phase) {
            case Phase::Starting:
                // Paused a third of the way: the resumed run keeps what was written.
                if (snapshot.state == s3::TransferState::Running && snapshot.bytesTotal > 0
                    && snapshot.bytesDone * 3 >= snapshot.bytesTotal) {
                    engine->pause(snapshot.id);
                    *phase = Phase::Pausing;
                }
                return snapshot.state == s3::TransferState::Succeeded;
            case Phase::Pausing:
                if (snapshot.state == s3::TransferState::Paused) {
                    engine->resume(snapshot.id);
                    *phase = Phase::Resuming;
                }
                return false;
            case Phase::Resuming: {
                const bool resuming = snapshot.state == s3::TransferState::Running && snapshot.note.contains(u"resuming"_s);
                if (resuming)
                    *shot = m_window->grab();
                const bool finished = snapshot.state == s3::TransferState::Succeeded || snapshot.state == s3::TransferState::Failed
                    || snapshot.state == s3::TransferState::Cancelled;
                if ((resuming && snapshot.bytesPerSecond > 0) || (finished && !shot->isNull())) {
                    const QString path = QDir(m_directory).filePath(u"transfers.png"_s);
                    m_resumedSaved = shot->save(path);
                    if (!m_resumedSaved)
                        qWarning("screenshot: could not write %s", qPrintable(path));
                    return true;
                }
                return finished;
            }
            }
            return true;
        },
        30000, "the download to pause and resume", 20);
}
