// SPDX-License-Identifier: Apache-2.0
#include "widgets/crossconnectioncopy.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTimer>

#include "connection/session.h"
#include "s3core/job.h"
#include "s3core/logging.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/transferengine.h"
#include "s3core/transfer/uploadtask.h"
#include "s3core/transfer/downloadtask.h"
#include "widgets/tabdropplan.h"

namespace s3ui {

using namespace Qt::Literals::StringLiterals;

namespace {

bool isEndState(CrossConnectionCopy::ItemState state)
{
    using State = CrossConnectionCopy::ItemState;
    return state == State::Done || state == State::Skipped || state == State::Failed;
}

bool isFolderMarker(const QString &key)
{
    return key.endsWith(u'/');
}

} // namespace

CrossConnectionCopy::CrossConnectionCopy(Session *source, Session *target, QString sourceBucket, QStringList dragged,
                                         QString targetBucket, QString targetPrefix, bool move, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_target(target)
    , m_sourceBucket(std::move(sourceBucket))
    , m_keys(std::move(dragged))
    , m_targetBucket(std::move(targetBucket))
    , m_targetPrefix(std::move(targetPrefix))
    , m_move(move)
{
}

CrossConnectionCopy::~CrossConnectionCopy()
{
    // Transfers still running would write into (or read from) a folder that is about to go, and a queue file
    // would bring them back at the next start.
    for (auto it = m_sourceTransfers.cbegin(); it != m_sourceTransfers.cend(); ++it) {
        if (m_sourceEngine) {
            m_sourceEngine->cancel(it.key());
            m_sourceEngine->remove(it.key());
        }
    }
    for (auto it = m_targetTransfers.cbegin(); it != m_targetTransfers.cend(); ++it) {
        if (m_targetEngine) {
            m_targetEngine->cancel(it.key());
            m_targetEngine->remove(it.key());
        }
    }
}

QString CrossConnectionCopy::targetKeyOf(const QString &sourceKey) const
{
    return tabDropTarget(m_keys, m_targetPrefix, sourceKey);
}

void CrossConnectionCopy::fail(const QString &key, const QString &reason)
{
    m_failures.append(u"%1: %2"_s.arg(key, reason));
}

QString CrossConnectionCopy::workFolder() const
{
    return m_work ? m_work->path() : QString();
}

void CrossConnectionCopy::start()
{
    if (m_started)
        return;
    m_started = true;
    QTimer::singleShot(0, this, &CrossConnectionCopy::run);
}

void CrossConnectionCopy::run()
{
    m_sourceEngine = m_source ? m_source->transfers() : nullptr;
    m_targetEngine = m_target ? m_target->transfers() : nullptr;
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    QDir().mkpath(cache);
    m_work = std::make_unique<QTemporaryDir>(cache + u"/s3desk-copy-XXXXXX"_s); // 0700
    QString problem;
    if (m_cancelled)
        problem = tr("not copied: cancelled");
    else if (!m_source || !m_target || !m_sourceEngine || !m_targetEngine)
        problem = tr("the connection was closed");
    else if (!m_work->isValid())
        problem = tr("no private folder for the copy in %1: %2").arg(QDir::toNativeSeparators(cache), m_work->errorString());
    if (!problem.isEmpty()) {
        m_work.reset();
        for (const QString &key : std::as_const(m_keys))
            fail(key, problem);
        m_finished = true;
        Q_EMIT finished();
        return;
    }
    connect(m_sourceEngine, &s3::TransferEngine::taskFinished, this,
            [this](const s3::TransferSnapshot &snapshot) { transferFinished(true, snapshot); });
    // The same engine (two tabs on one connection) reports each transfer once, to the first connection: the ids
    // are looked up in both maps there.
    if (m_targetEngine != m_sourceEngine) {
        connect(m_targetEngine, &s3::TransferEngine::taskFinished, this,
                [this](const s3::TransferSnapshot &snapshot) { transferFinished(false, snapshot); });
    }
    for (const QString &key : std::as_const(m_keys)) {
        if (isFolderMarker(key))
            m_foldersToList.push_back(key);
        else
            addItem(s3::ObjectInfo{key, -1, {}, {}, {}, {}, {}});
    }
    listNextFolder();
    pump();
}

void CrossConnectionCopy::addItem(const s3::ObjectInfo &object)
{
    Item item;
    item.sourceKey = object.key;
    item.size = object.size;
    item.etag = object.etag;
    m_items.push_back(std::move(item));
}

void CrossConnectionCopy::listNextFolder()
{
    if (m_listing || m_foldersToList.empty() || m_cancelled)
        return;
    const QString prefix = m_foldersToList.front();
    m_foldersToList.pop_front();
    auto *job = new s3::ListObjectsJob(m_source->client(), s3::ListObjectsRequest{m_sourceBucket, prefix, {}, {}, 1000, {}}, this);
    m_listing = job;
    connect(job, &s3::ListObjectsJob::pageReceived, this, [this](const s3::ListObjectsPage &page) {
        for (const s3::ObjectInfo &object : page.objects)
            addItem(object);
        Q_EMIT progressChanged(m_done, total());
        pump();
    });
    connect(job, &s3::Job::finished, this, [this, prefix](s3::Job *finishedJob) {
        if (finishedJob->hasError())
            fail(prefix, tr("listing the folder failed: %1").arg(finishedJob->error().toString()));
        m_listing = nullptr;
        listNextFolder();
        pump();
        finishIfDone();
    });
    job->start();
}

void CrossConnectionCopy::pump()
{
    while (!m_cancelled && m_inFlight < MaxInFlight && m_next < total()) {
        const int index = m_next++;
        ++m_inFlight;
        if (isFolderMarker(item(index).sourceKey))
            moveTo(index, m_replaceExisting ? ItemState::Uploading : ItemState::CheckingTarget);
        else
            moveTo(index, m_replaceExisting ? ItemState::ReadingSource : ItemState::CheckingTarget);
    }
}

void CrossConnectionCopy::moveTo(int index, ItemState state, const QString &reason)
{
    Item &it = item(index);
    if (isEndState(it.state))
        return;
    // Cancelled: what is between two steps ends here (a copy already made stays; a move's source is kept).
    if (m_cancelled && !isEndState(state)) {
        moveTo(index, ItemState::Failed, tr("cancelled"));
        return;
    }
    it.state = state;
    switch (state) {
    case ItemState::Waiting:
        break;
    case ItemState::CheckingTarget:
        checkTarget(index);
        break;
    case ItemState::ReadingSource:
        readSource(index);
        break;
    case ItemState::Downloading:
        download(index);
        break;
    case ItemState::Uploading:
        upload(index);
        break;
    case ItemState::DeletingSource:
        deleteSource(index);
        break;
    case ItemState::Done:
    case ItemState::Skipped:
    case ItemState::Failed:
        if (state == ItemState::Done)
            ++m_done;
        else if (state == ItemState::Skipped)
            m_skipped.append(it.sourceKey);
        else
            fail(it.sourceKey, reason);
        if (!it.localPath.isEmpty())
            QFile::remove(it.localPath);
        it.localPath.clear();
        it.metadata = {};
        --m_inFlight;
        Q_EMIT progressChanged(m_done, total());
        pump();
        finishIfDone();
        break;
    }
}

void CrossConnectionCopy::checkTarget(int index)
{
    const QString key = targetKeyOf(item(index).sourceKey);
    auto *job = new s3::HeadObjectJob(m_target->client(), m_targetBucket, key, this);
    connect(job, &s3::Job::finished, this, [this, index](s3::Job *finishedJob) {
        const s3::S3Error &error = finishedJob->error();
        if (!finishedJob->hasError())
            moveTo(index, ItemState::Skipped);
        else if (error.httpStatus() == 404)
            moveTo(index, isFolderMarker(item(index).sourceKey) ? ItemState::Uploading : ItemState::ReadingSource);
        else
            moveTo(index, ItemState::Failed, tr("cannot check s3://%1/%2: %3")
                                                 .arg(m_targetBucket, targetKeyOf(item(index).sourceKey),
                                                      error.toString()));
    });
    job->start();
}

void CrossConnectionCopy::readSource(int index)
{
    auto *job = new s3::HeadObjectJob(m_source->client(), m_sourceBucket, item(index).sourceKey, this);
    connect(job, &s3::Job::finished, this, [this, index, job] {
        Item &it = item(index);
        if (job->hasError()) {
            moveTo(index, ItemState::Failed, job->error().toString());
            return;
        }
        if (!job->metadata().sseCustomerAlgorithm.isEmpty()) {
            moveTo(index, ItemState::Failed,
                   tr("encrypted with a customer key (SSE-C): download it and upload it to the other connection yourself"));
            return;
        }
        it.metadata = job->metadata();
        it.size = job->metadata().size;
        it.etag = job->metadata().etag;
        moveTo(index, ItemState::Downloading);
    });
    job->start();
}

void CrossConnectionCopy::download(int index)
{
    Item &it = item(index);
    if (!m_sourceEngine) {
        moveTo(index, ItemState::Failed, tr("the connection was closed"));
        return;
    }
    // A number, not the key: no key (however hostile) becomes a local path.
    it.localPath = m_work->filePath(QString::number(index));
    s3::DownloadOptions options;
    options.folder = m_work->path();
    options.listedSize = it.size;
    options.listedEtag = it.etag;
    it.transfer = m_sourceEngine->enqueueDownload(m_sourceBucket, it.sourceKey, it.localPath, options);
    m_sourceTransfers.insert(it.transfer, index);
}

void CrossConnectionCopy::upload(int index)
{
    Item &it = item(index);
    const QString key = targetKeyOf(it.sourceKey);
    if (isFolderMarker(it.sourceKey)) {
        auto *job = new s3::PutObjectJob(m_target->client(), m_targetBucket, key, this);
        job->setData({});
        connect(job, &s3::Job::finished, this, [this, index](s3::Job *finishedJob) {
            if (finishedJob->hasError())
                moveTo(index, ItemState::Failed, finishedJob->error().toString());
            else
                moveTo(index, m_move ? ItemState::DeletingSource : ItemState::Done);
        });
        job->start();
        return;
    }
    if (!m_targetEngine) {
        moveTo(index, ItemState::Failed, tr("the connection was closed"));
        return;
    }
    s3::UploadOptions options;
    options.attributes = s3::attributesFromMetadata(it.metadata);
    // The target bucket's defaults: another server or account may not know the source's classes or KMS keys.
    options.attributes.storageClass.clear();
    options.attributes.serverSideEncryption.clear();
    options.attributes.sseKmsKeyId.clear();
    options.attributes.tags.clear();
    options.attributes.cannedAcl.clear();
    options.attributes.sseCustomerKey = {};
    it.transfer = m_targetEngine->enqueueUpload(it.localPath, m_targetBucket, key, options);
    m_targetTransfers.insert(it.transfer, index);
}

void CrossConnectionCopy::deleteSource(int index)
{
    auto *job = new s3::DeleteObjectJob(m_source->client(), m_sourceBucket, item(index).sourceKey, this);
    connect(job, &s3::Job::finished, this, [this, index](s3::Job *finishedJob) {
        if (finishedJob->hasError())
            moveTo(index, ItemState::Failed, tr("copied, but the source could not be deleted: %1").arg(finishedJob->error().toString()));
        else
            moveTo(index, ItemState::Done);
    });
    job->start();
}

void CrossConnectionCopy::transferFinished(bool fromSource, const s3::TransferSnapshot &snapshot)
{
    // One engine for both sides (the same connection): the id may be either side's.
    const bool sameEngine = m_sourceEngine == m_targetEngine;
    int index = -1;
    bool downloaded = false;
    if ((fromSource || sameEngine) && m_sourceTransfers.contains(snapshot.id) && snapshot.direction == s3::TransferDirection::Download) {
        index = m_sourceTransfers.take(snapshot.id);
        downloaded = true;
    } else if ((!fromSource || sameEngine) && m_targetTransfers.contains(snapshot.id) && snapshot.direction == s3::TransferDirection::Upload) {
        index = m_targetTransfers.take(snapshot.id);
    }
    if (index < 0)
        return;
    item(index).transfer = 0;
    if (snapshot.state != s3::TransferState::Succeeded) {
        // Out of the panel: its Retry would download into a folder that is gone, or upload a removed file.
        if (s3::TransferEngine *engine = downloaded ? m_sourceEngine.data() : m_targetEngine.data())
            engine->remove(snapshot.id);
        moveTo(index, ItemState::Failed,
               snapshot.state == s3::TransferState::Cancelled ? tr("cancelled") : snapshot.lastError.toString());
        return;
    }
    if (downloaded)
        moveTo(index, ItemState::Uploading);
    else
        moveTo(index, m_move ? ItemState::DeletingSource : ItemState::Done);
}

void CrossConnectionCopy::cancel()
{
    if (!m_started || m_finished || m_cancelled)
        return;
    m_cancelled = true;
    if (!m_sourceEngine && !m_targetEngine)
        return; // run() has not begun: it ends the copy at once
    if (m_listing)
        m_listing->cancel();
    m_foldersToList.clear();
    for (auto it = m_sourceTransfers.cbegin(); it != m_sourceTransfers.cend(); ++it) {
        if (m_sourceEngine)
            m_sourceEngine->cancel(it.key());
    }
    for (auto it = m_targetTransfers.cbegin(); it != m_targetTransfers.cend(); ++it) {
        if (m_targetEngine)
            m_targetEngine->cancel(it.key());
    }
    finishIfDone();
}

void CrossConnectionCopy::finishIfDone()
{
    if (m_finished || m_listing || (!m_foldersToList.empty() && !m_cancelled) || m_inFlight > 0)
        return;
    if (!m_cancelled && m_next < total())
        return;
    m_finished = true;
    for (int index = m_next; index < total(); ++index)
        fail(item(index).sourceKey, tr("not copied: cancelled"));
    m_work.reset(); // the private folder and anything left in it
    qCInfo(lcS3Transfer, "cross-connection %s of %d object(s): %d done, %d skipped, %d failed", m_move ? "move" : "copy",
           total(), m_done, int(m_skipped.size()), int(m_failures.size()));
    Q_EMIT finished();
}

} // namespace s3ui
