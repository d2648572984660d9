// SPDX-License-Identifier: Apache-2.0
#include "browser/synccontroller.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "connection/session.h"
#include "models/syncplanmodel.h"
#include "s3core/crypto.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/transfer/syncplanjob.h"
#include "s3core/transfer/transferengine.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {
// On the plan's pool thread: empty when the file cannot be read (then size and time decide).
QString localMd5Hex(const QString &path)
{
    const s3::Result<s3::crypto::FileDigests> digests = s3::crypto::digestFile(path);
    return digests ? QString::fromLatin1(digests->md5.toHex()) : QString();
}
} // namespace

SyncController::SyncController(Session *session, SyncDialog *dialog, TargetInUse targetInUse)
    : QObject(dialog), m_session(session), m_dialog(dialog), m_model(new SyncPlanModel(this)), m_targetInUse(std::move(targetInUse)),
      m_bucket(dialog->bucket()), m_prefix(dialog->prefix())
{
    setObjectName(u"syncController"_s);
    m_dialog->setModel(m_model);
    connect(m_dialog, &SyncDialog::previewRequested, this, &SyncController::preview);
    connect(m_dialog, &SyncDialog::runRequested, this, &SyncController::run);
    connect(m_dialog, &SyncDialog::stopRequested, this, &SyncController::stop);
    connect(m_dialog, &SyncDialog::showSkippedChanged, m_model, &SyncPlanModel::setShowSkipped);
    connect(m_dialog, &SyncDialog::requestChanged, this, [this] {
        if (m_state == State::Previewed)
            setState(State::Idle);
    });
    if (m_session) {
        connect(m_session->transfers(), &s3::TransferEngine::taskFinished, this, &SyncController::handleTransferFinished);
    }
}

SyncController::~SyncController()
{
    // Quietly: the dialog's widgets may already be gone, and nothing is left to report to.
    s3::cancelQuietly(m_plan, this);
    s3::cancelQuietly(m_deleteJob, this);
}

SyncDialog *SyncController::openDialog(Session *session, const QString &bucket, const QString &prefix, const QString &localFolder,
                                       TargetInUse targetInUse, QWidget *parent)
{
    auto *dialog = new SyncDialog(bucket, prefix, localFolder, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    new SyncController(session, dialog, std::move(targetInUse));
    dialog->show();
    return dialog;
}

void SyncController::setState(State state)
{
    m_state = state;
    switch (state) {
    case State::Idle:
        m_dialog->setPhase(SyncDialog::Phase::Editing);
        break;
    case State::Previewing:
        m_dialog->setPhase(SyncDialog::Phase::Previewing);
        break;
    case State::Previewed:
        m_dialog->setPhase(SyncDialog::Phase::Previewed, m_model->tally().actions() > 0);
        break;
    case State::Transferring:
    case State::Deleting:
        m_dialog->setPhase(SyncDialog::Phase::Running);
        break;
    }
}

void SyncController::preview()
{
    if (m_state == State::Previewing || m_state == State::Transferring || m_state == State::Deleting || !m_session)
        return;
    m_model->clear();
    m_dialog->setSummary({});
    const SyncRequest request = m_dialog->request();
    const bool upload = request.direction == s3::SyncDirection::LocalToS3;
    if (request.localFolder.isEmpty())
        return m_dialog->setStatus(tr("Choose a local folder."), true);
    const QString root = QDir::cleanPath(QDir::fromNativeSeparators(request.localFolder));
    if (upload && !QFileInfo(root).isDir())
        return m_dialog->setStatus(tr("%1 is not a folder.").arg(request.localFolder), true);
    s3::SyncOptions options;
    options.direction = request.direction;
    options.deleteExtra = request.deleteExtra;
    for (const QString &glob : request.excludes) {
        if (!options.filter.addRule(false, glob))
            return m_dialog->setStatus(tr("Not a valid pattern (an unclosed '['?): %1").arg(glob), true);
    }
    // Without the callback only size and time decide (the merge asks for an MD5 only when an ETag is one).
    if (request.compareChecksum)
        options.localMd5 = &localMd5Hex;
    const s3::SyncSide local{root, {}, {}};
    const s3::SyncSide remote{{}, m_bucket, m_prefix};
    auto *plan = new s3::SyncPlanJob(m_session->client(), std::move(options), upload ? local : remote, upload ? remote : local, this);
    plan->setAutoDelete(false);
    plan->setMaxPendingSteps(0); // the table takes every step as it comes
    plan->setPageSize(m_pageSize);
    connect(plan, &s3::SyncPlanJob::stepsAvailable, this, &SyncController::takeSteps);
    connect(plan, &s3::Job::finished, this, &SyncController::handlePlanFinished);
    m_folderMarkers.clear();
    connect(plan, &s3::SyncPlanJob::folderMarkerListed, this, [this](const s3::ObjectInfo &marker) { m_folderMarkers.append(marker); });
    m_plan = plan;
    m_planned = request;
    m_planned.localFolder = root;
    setState(State::Previewing);
    m_dialog->setStatus(tr("Comparing s3://%1/%2 with %3…").arg(m_bucket, m_prefix, QDir::toNativeSeparators(root)));
    plan->start();
}

void SyncController::takeSteps()
{
    if (!m_plan)
        return;
    QList<s3::SyncStep> batch;
    while (std::optional<s3::SyncStep> step = m_plan->takeStep())
        batch.append(std::move(*step));
    if (batch.isEmpty())
        return;
    m_model->append(batch);
    m_dialog->setSummary(synctext::summary(m_model->tally()));
}

void SyncController::handlePlanFinished()
{
    s3::SyncPlanJob *plan = m_plan;
    if (!plan)
        return;
    takeSteps();
    m_plan = nullptr;
    plan->deleteLater();
    m_dialog->setSummary(synctext::summary(m_model->tally()));
    QString problems;
    if (!plan->problems().isEmpty())
        problems = u' ' + tr("Left out (cannot be read): %1").arg(plan->problems().join(u"; "_s));
    if (plan->hasError()) {
        setState(State::Idle);
        if (plan->error().kind() == s3::S3Error::Kind::Cancelled)
            m_dialog->setStatus(tr("Preview stopped: the list is incomplete.") + problems);
        else if (!plan->failedListing().isEmpty())
            m_dialog->setStatus(tr("Listing %1 failed: %2").arg(plan->failedListing(), plan->error().toString()) + problems, true);
        else
            m_dialog->setStatus(plan->error().message() + problems, true);
        Q_EMIT previewFinished(false);
        return;
    }
    setState(State::Previewed);
    m_dialog->setStatus((m_model->tally().actions() > 0 ? tr("Preview complete: Run does what the list shows.") : tr("Preview complete: the two sides are the same."))
                            + problems,
                        !problems.isEmpty());
    Q_EMIT previewFinished(true);
}

void SyncController::run()
{
    if (m_state != State::Previewed || !m_session || m_dialog->phase() != SyncDialog::Phase::Previewed)
        return;
    s3::TransferEngine *engine = m_session->transfers();
    const bool upload = m_planned.direction == s3::SyncDirection::LocalToS3;
    const QString &root = m_planned.localFolder;
    m_pending.clear();
    m_deleteKeys.clear();
    m_deleteFiles.clear();
    m_refused.clear();
    m_queued = 0;
    m_failed = 0;
    m_deleted = 0;
    m_firstError = {};
    if (!upload && !QDir().mkpath(root))
        return m_dialog->setStatus(tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(root)), true);
    for (const s3::ObjectInfo &marker : std::as_const(m_folderMarkers)) {
        if (s3::Result<s3::Ok> made = s3::syncMakeFolder(root, m_bucket, m_prefix, marker); !made)
            m_refused.append(made.error().message());
    }
    QSet<QString> targets; // two keys for one file ("a//b" and "a/b"): the first is downloaded, the other refused
    for (const s3::SyncStep &step : m_model->actionSteps()) {
        switch (step.action) {
        case s3::SyncAction::Upload:
            m_pending.insert(engine->enqueueUpload(step.source->localPath, m_bucket, m_prefix + step.key));
            ++m_queued;
            break;
        case s3::SyncAction::Download: {
            const QString key = m_prefix + step.key;
            const s3::Result<QString> path = s3::syncDownloadPath(root, m_bucket, m_prefix, key);
            if (!path) {
                m_refused.append(path.error().message());
                break;
            }
            const QString absolute = QFileInfo(*path).absoluteFilePath();
            if (targets.contains(absolute)) {
                m_refused.append(tr("s3://%1/%2: %3 is already the destination of another key").arg(m_bucket, key, *path));
                break;
            }
            targets.insert(absolute);
            if (m_targetInUse && m_targetInUse(*path)) {
                m_refused.append(tr("s3://%1/%2: another download writes to %3").arg(m_bucket, key, *path));
                break;
            }
            s3::DownloadOptions options;
            options.folder = root; // no symbolic link below it is followed
            options.listedSize = step.source->size;
            options.listedEtag = step.source->etag;
            m_pending.insert(engine->enqueueDownload(m_bucket, key, *path, options));
            ++m_queued;
            break;
        }
        case s3::SyncAction::Delete:
            if (upload)
                m_deleteKeys.append(m_prefix + step.key);
            else
                m_deleteFiles.append(step.destination->localPath);
            break;
        case s3::SyncAction::Copy:
        case s3::SyncAction::Skip:
            break;
        }
    }
    setState(State::Transferring);
    m_dialog->setStatus(tr("%L1 transfers queued (see the transfers panel)…").arg(m_queued));
    if (m_pending.isEmpty())
        startDeletes();
}

void SyncController::handleTransferFinished(const s3::TransferSnapshot &snapshot)
{
    if (m_state != State::Transferring || !m_pending.remove(snapshot.id))
        return;
    if (snapshot.state != s3::TransferState::Succeeded) {
        if (m_failed++ == 0)
            m_firstError = snapshot.lastError;
    }
    if (!m_pending.isEmpty()) {
        m_dialog->setStatus(tr("%L1 of %L2 transfers done…").arg(m_queued - m_pending.size()).arg(m_queued));
        return;
    }
    if (m_failed > 0) {
        return finishRun(false, tr("%L1 of %L2 transfers failed (first: %3); nothing was deleted.")
                                    .arg(m_failed)
                                    .arg(m_queued)
                                    .arg(m_firstError.isError() ? m_firstError.toString() : tr("stopped")));
    }
    startDeletes();
}

void SyncController::startDeletes()
{
    setState(State::Deleting);
    if (!m_deleteFiles.isEmpty()) {
        // Only what the walk listed: regular files below the folder, none of the engine's own files.
        QStringList failed;
        for (const QString &path : std::as_const(m_deleteFiles)) {
            if (QFile::remove(path))
                ++m_deleted;
            else
                failed.append(path);
        }
        m_deleteFiles.clear();
        if (!failed.isEmpty())
            return finishRun(false, tr("Could not delete %1.").arg(failed.join(u", "_s)));
        return finishRun(true, {});
    }
    if (m_deleteKeys.isEmpty() || !m_session)
        return finishRun(true, {});
    m_dialog->setStatus(tr("Deleting %L1 objects…").arg(m_deleteKeys.size()));
    auto *job = new s3::DeleteObjectsJob(m_session->client(), m_bucket, m_deleteKeys, this);
    m_deleteJob = job;
    connect(job, &s3::Job::finished, this, [this, job] {
        m_deleted = job->deletedCount();
        m_deleteKeys.clear();
        if (job->hasError())
            return finishRun(false, tr("Delete failed: %1").arg(job->error().toString()));
        finishRun(true, {});
    });
    job->start();
}

void SyncController::finishRun(bool ok, const QString &message)
{
    const bool clean = ok && m_refused.isEmpty();
    QString text = ok ? tr("Synchronized: %L1 transferred, %L2 deleted.").arg(m_queued).arg(m_deleted) : message;
    if (!m_refused.isEmpty())
        text += u' ' + tr("Left out: %1").arg(m_refused.join(u"; "_s));
    setState(State::Idle); // the preview is out of date now: Preview again to check
    m_dialog->setStatus(text, !clean);
    Q_EMIT runFinished(clean);
}

void SyncController::stop()
{
    switch (m_state) {
    case State::Previewing:
        if (m_plan)
            m_plan->cancel(); // finished() follows: handlePlanFinished()
        break;
    case State::Transferring:
        if (m_session) {
            for (const s3::TransferId id : std::as_const(m_pending))
                m_session->transfers()->cancel(id);
        }
        break;
    case State::Deleting:
        if (m_deleteJob)
            m_deleteJob->cancel();
        break;
    case State::Idle:
    case State::Previewed:
        break;
    }
}

} // namespace s3ui
