// SPDX-License-Identifier: Apache-2.0
#include "browser/openeditcontroller.h"

#include <algorithm>
#include <utility>

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>
#include <QWidget>

#include "browser/ssekeycontroller.h"
#include "connection/session.h"
#include "s3core/ops/getobjecttaggingjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/privatefiles.h"
#include "s3core/transfer/downloadtask.h"
#include "s3core/transfer/localfs.h"
#include "s3core/transfer/localpaths.h"
#include "s3core/transfer/transferengine.h"
#include "s3core/transfer/uploadtask.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {

Q_LOGGING_CATEGORY(lcOpenEdit, "s3desk.ui.openedit")

QString uriOf(const QString &bucket, const QString &key)
{
    return u"s3://%1/%2"_s.arg(bucket, key);
}

bool isNotFound(const s3::S3Error &error)
{
    return error.httpStatus() == 404 || error.code() == QLatin1String("NotFound") || error.code() == QLatin1String("NoSuchKey");
}

} // namespace

OpenEditController::OpenEditController(QWidget *dialogParent, SseKeyController *sseKeys)
    : QObject(dialogParent)
    , m_dialogParent(dialogParent)
    , m_sseKeys(sseKeys)
{
    // Editors save in steps (write a temporary file, rename it over, set the time): look once they are done.
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(400);
    connect(&m_debounce, &QTimer::timeout, this, &OpenEditController::lookAtChanges);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &OpenEditController::handlePathChanged);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &OpenEditController::handlePathChanged);
}

OpenEditController::~OpenEditController()
{
    for (auto &[id, entry] : m_entries) {
        if (entry.state == State::Downloading && entry.session && entry.session->transfers())
            entry.session->transfers()->cancel(entry.transfer);
        if (hasPendingChange(entry)) {
            // Never throw away what the user typed: the file stays, and the log says where.
            qCWarning(lcOpenEdit).noquote() << "changes to" << uriOf(entry.bucket, entry.key) << "were not uploaded; kept at" << entry.path;
            continue;
        }
        QDir(entry.folder).removeRecursively();
    }
}

QString OpenEditController::tempRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/s3desk-edit"_s;
}

void OpenEditController::setSession(Session *session)
{
    m_session = session;
}

void OpenEditController::open(const QString &bucket, const QString &key, Mode mode)
{
    start(bucket, key, mode, QString());
}

void OpenEditController::openWith(const QString &bucket, const QString &key)
{
    // Qt cannot list the programs registered for a type: the user picks an executable.
    auto *chooser = new QFileDialog(m_dialogParent, tr("Open %1 with").arg(editfiles::localName(key)));
    chooser->setObjectName(u"openWithChooser"_s);
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFile);
    chooser->setFilter(QDir::AllDirs | QDir::Files | QDir::Executable | QDir::NoDotAndDotDot);
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    const QString programs = u"/usr/bin"_s;
#else
    const QString programs = QStandardPaths::writableLocation(QStandardPaths::ApplicationsLocation);
#endif
    chooser->setDirectory(m_lastProgram.isEmpty() ? programs : QFileInfo(m_lastProgram).path());
    connect(chooser, &QFileDialog::fileSelected, this, [this, bucket, key](const QString &program) {
        openWithProgram(bucket, key, program);
    });
    chooser->open();
}

void OpenEditController::openWithProgram(const QString &bucket, const QString &key, const QString &program)
{
    const QFileInfo info(program);
    if (!info.isFile() || !info.isExecutable()) {
        Q_EMIT errorOccurred(tr("%1 is not a program that can be started.").arg(QDir::toNativeSeparators(program)));
        return;
    }
    m_lastProgram = info.absoluteFilePath();
    start(bucket, key, Mode::OpenWith, m_lastProgram);
}

void OpenEditController::start(const QString &bucket, const QString &key, Mode mode, const QString &program)
{
    if (!m_session || !m_session->client() || !m_session->transfers() || key.isEmpty() || key.endsWith(u'/'))
        return;
    // Opened already: the same file again (its changes, if any, are the user's; a second download would hide them).
    for (auto &[id, entry] : m_entries) {
        if (entry.session.data() != m_session.data() || entry.bucket != bucket || entry.key != key)
            continue;
        if (entry.state == State::Heading || entry.state == State::Downloading) {
            Q_EMIT statusMessage(tr("%1 is being downloaded to open it").arg(uriOf(bucket, key)));
            return;
        }
        entry.program = program;
        if (mode != Mode::Open && entry.mode == Mode::Open)
            QFile::setPermissions(entry.path, s3::PrivateFilePermissions); // editing now: writable
        if (mode != Mode::Open)
            entry.mode = mode;
        launch(entry);
        return;
    }

    const QString root = tempRoot();
    if (const auto made = s3::ensurePrivateFolder(root); !made) {
        Q_EMIT errorOccurred(tr("Cannot open %1: %2").arg(uriOf(bucket, key), made.error().message()));
        return;
    }
    // A fresh folder per object, made 0700 at once (never a moment with the umask's mode).
    const QString folder = root + u'/' + s3::localfs::randomToken();
    if (!QDir().mkdir(folder, s3::PrivateFolderPermissions)) {
        Q_EMIT errorOccurred(tr("Cannot open %1: the folder %2 cannot be made").arg(uriOf(bucket, key), QDir::toNativeSeparators(folder)));
        return;
    }
    // localName() gives one safe segment; the path rules of downloads check it again, so a slip there cannot
    // write outside the folder.
    const s3::Result<QString> path = s3::localPathForKey(folder, QString(), editfiles::localName(key));
    const auto placed = path ? s3::localfs::placeBeneath(folder, *path) : s3::Result<s3::localfs::Placement>(path.error());
    if (!path || !placed || !placed->folder.isEmpty()) {
        QDir(folder).removeRecursively();
        Q_EMIT errorOccurred(tr("Cannot open %1: %2").arg(uriOf(bucket, key),
                                                           path ? (placed ? tr("no safe local name") : placed.error().message())
                                                                : path.error().message()));
        return;
    }
    const quint64 id = m_nextId++;
    Entry &entry = m_entries[id];
    entry.id = id;
    entry.session = m_session;
    entry.bucket = bucket;
    entry.key = key;
    entry.mode = mode;
    entry.program = program;
    entry.folder = folder;
    entry.path = *path;
    // No SSE-C key on the first HEAD: an object without SSE-C may refuse one. A key error then asks the
    // SseKeyController, which answers at once with the key of this session when there is one.
    moveTo(entry, State::Heading);
}

OpenEditController::Entry *OpenEditController::find(quint64 id)
{
    const auto it = m_entries.find(id);
    return it == m_entries.end() ? nullptr : &it->second;
}

const OpenEditController::Entry *OpenEditController::find(const QString &bucket, const QString &key) const
{
    for (const auto &[id, entry] : m_entries) {
        if (entry.bucket == bucket && entry.key == key)
            return &entry;
    }
    return nullptr;
}

QString OpenEditController::localPath(const QString &bucket, const QString &key) const
{
    const Entry *entry = find(bucket, key);
    return entry ? entry->path : QString();
}

bool OpenEditController::stateOf(const QString &bucket, const QString &key, State *state) const
{
    const Entry *entry = find(bucket, key);
    if (entry && state)
        *state = entry->state;
    return entry != nullptr;
}

QString OpenEditController::openedEtag(const QString &bucket, const QString &key) const
{
    const Entry *entry = find(bucket, key);
    return entry ? entry->metadata.etag : QString();
}

void OpenEditController::moveTo(Entry &entry, State state)
{
    entry.state = state;
    const quint64 id = entry.id;
    switch (state) {
    case State::Heading:
        Q_EMIT statusMessage(tr("Opening %1…").arg(uriOf(entry.bucket, entry.key)));
        headObject(id, entry.key, [this](Entry &e, const s3::S3Error &error, const s3::ObjectMetadata &metadata) {
            if (error.isError()) {
                drop(e.id, tr("Cannot open %1: %2").arg(uriOf(e.bucket, e.key), error.toString()));
                return;
            }
            e.metadata = metadata;
            moveTo(e, State::Downloading);
        });
        return;
    case State::Downloading: {
        s3::TransferEngine *engine = entry.session ? entry.session->transfers() : nullptr;
        if (!engine) {
            drop(id, tr("Cannot open %1: the connection was closed").arg(uriOf(entry.bucket, entry.key)));
            return;
        }
        connectEngine(engine);
        s3::DownloadOptions options;
        options.folder = entry.folder; // no link below it is ever followed
        options.listedSize = entry.metadata.size;
        options.listedEtag = entry.metadata.etag; // pinned: the bytes are those of the ETag the conflict check uses
        options.sseCustomerKey = entry.metadata.sseCustomerAlgorithm.isEmpty() ? s3::SseCustomerKey() : entry.sseKey;
        entry.transfer = engine->enqueueDownload(entry.bucket, entry.key, entry.path, options);
        return;
    }
    case State::Watching:
        watch(entry);
        return;
    case State::Offering:
        offerUpload(entry);
        return;
    case State::Checking:
        headObject(id, entry.key, [this](Entry &e, const s3::S3Error &error, const s3::ObjectMetadata &metadata) {
            const bool gone = error.isError() && isNotFound(error);
            if (error.isError() && !gone) {
                Q_EMIT errorOccurred(tr("Cannot upload %1 back: %2. Your changes are kept in %3")
                                         .arg(uriOf(e.bucket, e.key), error.toString(), QDir::toNativeSeparators(e.path)));
                moveTo(e, State::Watching);
                return;
            }
            if (editfiles::isConflict(e.metadata.etag, metadata.etag, !gone)) {
                e.serverEtag = metadata.etag;
                e.serverExists = !gone;
                moveTo(e, State::AskingConflict);
                return;
            }
            e.uploadKey = e.key;
            moveTo(e, State::Uploading);
        });
        return;
    case State::AskingConflict:
        askConflict(entry);
        return;
    case State::Uploading:
        startUpload(entry);
        return;
    case State::Refreshing:
        headObject(id, entry.uploadKey, [this](Entry &e, const s3::S3Error &error, const s3::ObjectMetadata &metadata) {
            e.key = e.uploadKey; // after Save as copy, the edits belong to the copy
            if (error.isError())
                e.metadata.etag.clear(); // unknown: the next upload asks before it overwrites
            else
                e.metadata = metadata;
            e.baseline = e.uploading;
            e.onServer = e.uploading;
            Q_EMIT statusMessage(tr("Uploaded %1").arg(uriOf(e.bucket, e.key)));
            Q_EMIT uploadedBack(e.bucket, e.key);
            moveTo(e, State::Watching);
            // Saved again while the upload ran: offer that too.
            if (editfiles::decideChange(e.baseline, editfiles::readFileState(e.path)) == editfiles::Change::Changed)
                moveTo(e, State::Offering);
        });
        return;
    }
}

void OpenEditController::headObject(quint64 id, const QString &key, HeadDone done)
{
    Entry *entry = find(id);
    if (!entry)
        return;
    if (!entry->session || !entry->session->client()) {
        done(*entry, s3::S3Error::invalid(tr("the connection was closed")), {});
        return;
    }
    auto *job = new s3::HeadObjectJob(entry->session->client(), entry->bucket, key, this);
    const s3::SseCustomerKey tried = entry->sseKey;
    if (!tried.isNull())
        job->setSseCustomerKey(tried);
    connect(job, &s3::Job::finished, this, [this, id, key, job, tried, onDone = std::move(done)] {
        Entry *e = find(id);
        if (!e)
            return;
        const s3::S3Error error = job->error();
        if (error.isError() && s3::isSseCustomerKeyError(error) && m_sseKeys) {
            m_sseKeys->keyFor(key, error, tried, [this, id, key, error, onDone](const s3::SseCustomerKey &given) {
                Entry *again = find(id);
                if (!again)
                    return;
                if (given.isNull()) {
                    onDone(*again, error, {});
                    return;
                }
                again->sseKey = given;
                headObject(id, key, onDone);
            });
            return;
        }
        onDone(*e, error, job->metadata());
    });
    job->start();
}

void OpenEditController::connectEngine(s3::TransferEngine *engine)
{
    m_engines.removeIf([](const QPointer<s3::TransferEngine> &known) { return known.isNull(); });
    if (std::any_of(m_engines.cbegin(), m_engines.cend(), [engine](const QPointer<s3::TransferEngine> &known) { return known.data() == engine; }))
        return;
    m_engines.append(engine);
    connect(engine, &s3::TransferEngine::taskFinished, this, [this, engine](const s3::TransferSnapshot &snapshot) {
        transferFinished(engine, snapshot);
    });
}

void OpenEditController::transferFinished(s3::TransferEngine *engine, const s3::TransferSnapshot &snapshot)
{
    for (auto &[id, entry] : m_entries) {
        if (entry.transfer != snapshot.id || !entry.session || entry.session->transfers() != engine)
            continue;
        if (entry.state == State::Downloading) {
            entry.transfer = 0;
            if (snapshot.state != s3::TransferState::Succeeded) {
                drop(id, snapshot.state == s3::TransferState::Cancelled
                             ? QString()
                             : tr("Cannot open %1: %2").arg(uriOf(entry.bucket, entry.key), snapshot.lastError.toString()));
                return;
            }
            // Open is for looking: a read-only copy, so a viewer does not save into it by accident.
            QFile::setPermissions(entry.path, entry.mode == Mode::Open ? QFileDevice::ReadOwner : s3::PrivateFilePermissions);
            entry.baseline = editfiles::readFileState(entry.path);
            entry.onServer = entry.baseline;
            moveTo(entry, State::Watching);
            launch(entry);
            Q_EMIT opened(entry.bucket, entry.key, entry.path);
            return;
        }
        if (entry.state == State::Uploading) {
            entry.transfer = 0;
            if (snapshot.state != s3::TransferState::Succeeded) {
                if (snapshot.state != s3::TransferState::Cancelled)
                    Q_EMIT errorOccurred(tr("Uploading %1 back failed: %2. Your changes are kept in %3")
                                             .arg(uriOf(entry.bucket, entry.uploadKey), snapshot.lastError.toString(),
                                                  QDir::toNativeSeparators(entry.path)));
                moveTo(entry, State::Watching); // the baseline stays: the next save offers the upload again
                return;
            }
            moveTo(entry, State::Refreshing);
            return;
        }
    }
}

void OpenEditController::launch(Entry &entry)
{
    const bool started = entry.program.isEmpty() ? QDesktopServices::openUrl(QUrl::fromLocalFile(entry.path))
                                                 : QProcess::startDetached(entry.program, {entry.path});
    if (!started)
        Q_EMIT errorOccurred(tr("No program could open %1. The file is at %2")
                                 .arg(uriOf(entry.bucket, entry.key), QDir::toNativeSeparators(entry.path)));
    else
        Q_EMIT statusMessage(tr("Opened %1").arg(uriOf(entry.bucket, entry.key)));
}

void OpenEditController::watch(Entry &entry)
{
    // The folder too: an editor that saves by writing a new file and renaming it over the old one leaves the
    // watcher without its file; the folder's event says it is back, and it is added again.
    QStringList paths{entry.folder};
    if (QFileInfo::exists(entry.path))
        paths.append(entry.path);
    const QStringList watched = m_watcher.files() + m_watcher.directories();
    for (const QString &path : paths) {
        if (!watched.contains(path))
            m_watcher.addPath(path);
    }
}

void OpenEditController::handlePathChanged(const QString &path)
{
    bool any = false;
    for (auto &[id, entry] : m_entries) {
        if (entry.path != path && entry.folder != path)
            continue;
        entry.dirty = true;
        any = true;
        if (entry.path == path) {
            // The watch follows an inode: after a save by rename it watches a file that is gone (or Qt dropped
            // it). Watch the name again, so the new file is the one watched.
            m_watcher.removePath(entry.path);
            if (QFileInfo::exists(entry.path))
                m_watcher.addPath(entry.path);
        } else if (QFileInfo::exists(entry.path) && !m_watcher.files().contains(entry.path)) {
            m_watcher.addPath(entry.path); // back after a rename
        }
    }
    if (any)
        m_debounce.start(); // each event restarts it: looked at once the editor is quiet
}

void OpenEditController::lookAtChanges()
{
    for (auto &[id, entry] : m_entries) {
        if (!entry.dirty)
            continue;
        if (QFileInfo::exists(entry.path) && !m_watcher.files().contains(entry.path))
            m_watcher.addPath(entry.path);
        if (entry.state != State::Watching)
            continue; // asked or uploading: the upload reads the file as it is when it starts; dirty stays
        entry.dirty = false;
        if (editfiles::decideChange(entry.baseline, editfiles::readFileState(entry.path)) == editfiles::Change::Changed) {
            moveTo(entry, State::Offering);
        }
    }
}

void OpenEditController::offerUpload(Entry &entry)
{
    const quint64 id = entry.id;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Upload changes?"),
                                tr("%1 was changed on this computer. Upload it back to %2?")
                                    .arg(QFileInfo(entry.path).fileName(), uriOf(entry.bucket, entry.key)),
                                QMessageBox::NoButton, m_dialogParent);
    box->setObjectName(u"uploadBackPrompt"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal); // the user may go on browsing, or finish editing first
    box->setInformativeText(tr("Ignore keeps the changes only in %1.").arg(QDir::toNativeSeparators(entry.path)));
    QPushButton *upload = box->addButton(tr("Upload"), QMessageBox::AcceptRole);
    QPushButton *ignore = box->addButton(tr("Ignore"), QMessageBox::RejectRole);
    box->setDefaultButton(upload);
    box->setEscapeButton(ignore);
    entry.prompt = box;
    connect(box, &QMessageBox::finished, this, [this, id, box, upload] {
        Entry *e = find(id);
        if (!e || e->state != State::Offering)
            return;
        e->prompt = nullptr;
        if (box->clickedButton() == upload) {
            moveTo(*e, State::Checking);
            return;
        }
        e->baseline = editfiles::readFileState(e->path); // not asked again until the next change
        Q_EMIT statusMessage(tr("Changes not uploaded; they are kept in %1").arg(QDir::toNativeSeparators(e->path)));
        moveTo(*e, State::Watching);
    });
    box->show();
    Q_EMIT uploadOffered(entry.bucket, entry.key, box);
}

void OpenEditController::askConflict(Entry &entry)
{
    const quint64 id = entry.id;
    const bool exists = entry.serverExists;
    const QString uri = uriOf(entry.bucket, entry.key);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Changed on the server"),
                                exists ? tr("%1 was changed on the server since you opened it.").arg(uri)
                                       : tr("%1 was deleted on the server since you opened it.").arg(uri),
                                QMessageBox::NoButton, m_dialogParent);
    box->setObjectName(u"editConflictPrompt"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    box->setInformativeText(
        exists ? tr("Overwrite replaces the other change (ETag %1 when opened, %2 now) with yours. Save as copy writes yours "
                    "beside it. Cancel uploads nothing.")
                     .arg(entry.metadata.etag, entry.serverEtag)
               : tr("Overwrite writes it again with your changes. Save as copy writes yours beside where it was. Cancel "
                    "uploads nothing."));
    QPushButton *overwrite = box->addButton(tr("Overwrite"), QMessageBox::DestructiveRole);
    QPushButton *copy = box->addButton(tr("Save as copy"), QMessageBox::AcceptRole);
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel); // Enter never overwrites someone else's change
    box->setEscapeButton(cancel);
    entry.prompt = box;
    connect(box, &QMessageBox::finished, this, [this, id, box, overwrite, copy] {
        Entry *e = find(id);
        if (!e || e->state != State::AskingConflict)
            return;
        e->prompt = nullptr;
        if (box->clickedButton() == overwrite || box->clickedButton() == copy) {
            e->uploadKey = box->clickedButton() == overwrite ? e->key : editfiles::copyKey(e->key, QDateTime::currentDateTime());
            moveTo(*e, State::Uploading);
            return;
        }
        e->baseline = editfiles::readFileState(e->path);
        Q_EMIT statusMessage(tr("Not uploaded; your changes are kept in %1").arg(QDir::toNativeSeparators(e->path)));
        moveTo(*e, State::Watching);
    });
    box->show();
    Q_EMIT conflictAsked(entry.bucket, entry.key, box);
}

void OpenEditController::startUpload(Entry &entry)
{
    s3::TransferEngine *engine = entry.session ? entry.session->transfers() : nullptr;
    if (!engine) {
        Q_EMIT errorOccurred(tr("Cannot upload %1 back: the connection was closed. Your changes are kept in %2")
                                 .arg(uriOf(entry.bucket, entry.key), QDir::toNativeSeparators(entry.path)));
        moveTo(entry, State::Watching);
        return;
    }
    if (entry.metadata.taggingCount <= 0 || !entry.session->client()) {
        enqueueUpload(entry, {});
        return;
    }
    // HEAD gives only how many tags there are; an upload replaces them, so they are read now and sent with it.
    auto *job = new s3::GetObjectTaggingJob(entry.session->client(), entry.bucket, entry.key, this);
    connect(job, &s3::Job::finished, this, [this, id = entry.id, job] {
        Entry *e = find(id);
        if (!e)
            return;
        if (job->hasError()) {
            Q_EMIT errorOccurred(tr("Cannot upload %1 back: its tags could not be read to keep them (%2). Your changes are kept in %3")
                                     .arg(uriOf(e->bucket, e->key), job->error().toString(), QDir::toNativeSeparators(e->path)));
            moveTo(*e, State::Watching);
            return;
        }
        enqueueUpload(*e, job->tags());
    });
    job->start();
}

void OpenEditController::enqueueUpload(Entry &entry, const QList<s3::ObjectTag> &tags)
{
    s3::TransferEngine *engine = entry.session ? entry.session->transfers() : nullptr;
    if (!engine) {
        Q_EMIT errorOccurred(tr("Cannot upload %1 back: the connection was closed. Your changes are kept in %2")
                                 .arg(uriOf(entry.bucket, entry.key), QDir::toNativeSeparators(entry.path)));
        moveTo(entry, State::Watching);
        return;
    }
    connectEngine(engine);
    s3::UploadOptions options;
    // As the object was: its content type, headers, metadata, storage class, encryption and tags.
    options.attributes = s3::attributesFromMetadata(entry.metadata);
    options.attributes.tags = tags;
    if (options.attributes.serverSideEncryption != QLatin1String("aws:kms"))
        options.attributes.sseKmsKeyId.clear();
    if (!entry.metadata.sseCustomerAlgorithm.isEmpty())
        options.attributes.sseCustomerKey = entry.sseKey;
    entry.uploading = editfiles::readFileState(entry.path);
    entry.transfer = engine->enqueueUpload(entry.path, entry.bucket, entry.uploadKey, options);
    Q_EMIT statusMessage(tr("Uploading %1…").arg(uriOf(entry.bucket, entry.uploadKey)));
}

void OpenEditController::drop(quint64 id, const QString &message)
{
    Entry *entry = find(id);
    if (!entry)
        return;
    if (entry->prompt)
        entry->prompt->close();
    m_watcher.removePaths({entry->path, entry->folder});
    QDir(entry->folder).removeRecursively();
    m_entries.erase(id);
    if (!message.isEmpty())
        Q_EMIT errorOccurred(message);
}

QStringList OpenEditController::pendingChanges() const
{
    QStringList pending;
    for (const auto &[id, entry] : m_entries) {
        if (hasPendingChange(entry))
            pending.append(uriOf(entry.bucket, entry.key));
    }
    return pending;
}

bool OpenEditController::hasPendingChange(const Entry &entry) const
{
    switch (entry.state) {
    case State::Heading:
    case State::Downloading:
        return false;
    case State::Offering:
    case State::Checking:
    case State::AskingConflict:
    case State::Uploading:
    case State::Refreshing:
        return true;
    case State::Watching:
        break;
    }
    // Against what the server has, not the baseline: a change the user chose not to upload (Ignore) is kept too.
    return editfiles::decideChange(entry.onServer, editfiles::readFileState(entry.path)) == editfiles::Change::Changed;
}

} // namespace s3ui
