// SPDX-License-Identifier: Apache-2.0
#include "widgets/crossconnectioncopy.h"

#include <QDir>
#include <QFile>
#include <QTimer>

#include "connection/session.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/transferengine.h"
#include "widgets/tabdropplan.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

CrossConnectionCopy::CrossConnectionCopy(Session *source, Session *target, QString sourceBucket, QStringList dragged,
                                         QString targetBucket, QString targetPrefix, bool move, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_target(target)
    , m_sourceBucket(std::move(sourceBucket))
    , m_dragged(std::move(dragged))
    , m_targetBucket(std::move(targetBucket))
    , m_targetPrefix(std::move(targetPrefix))
    , m_move(move)
    , m_temp(QDir::tempPath() + u"/s3desk-tabdrop-XXXXXX"_s)
{
}

CrossConnectionCopy::~CrossConnectionCopy()
{
    // Unfinished steps go with this object: a queue that resumed them later would write into a removed folder.
    if (m_source) {
        for (auto it = m_downloads.cbegin(); it != m_downloads.cend(); ++it) {
            m_source->transfers()->cancel(it.key());
            m_source->transfers()->remove(it.key());
        }
    }
    if (m_target) {
        for (auto it = m_uploads.cbegin(); it != m_uploads.cend(); ++it) {
            m_target->transfers()->cancel(it.key());
            m_target->transfers()->remove(it.key());
        }
    }
}

void CrossConnectionCopy::start()
{
    // From the event loop, as every job: the caller connects to finished() first.
    QTimer::singleShot(0, this, [this] {
        if (!m_source || !m_target || !m_temp.isValid()) {
            m_failures.append(m_temp.isValid() ? tr("the connection was closed") : tr("no temporary folder: %1").arg(m_temp.errorString()));
            m_adding = false;
            maybeFinish();
            return;
        }
        connect(m_source->transfers(), &s3::TransferEngine::taskFinished, this, &CrossConnectionCopy::downloadFinished);
        connect(m_target->transfers(), &s3::TransferEngine::taskFinished, this, &CrossConnectionCopy::uploadFinished);
        for (const QString &key : m_dragged) {
            if (key.endsWith(u'/'))
                m_folders.append(key);
            else
                addFile(key);
        }
        m_adding = false;
        listNextFolder();
    });
}

void CrossConnectionCopy::listNextFolder()
{
    if (m_folders.isEmpty() || !m_source) {
        maybeFinish();
        return;
    }
    s3::ListObjectsRequest request;
    request.bucket = m_sourceBucket;
    request.prefix = m_folders.takeFirst();
    auto *job = new s3::ListObjectsJob(m_source->client(), request, this);
    m_listing = job;
    connect(job, &s3::ListObjectsJob::pageReceived, this, [this](const s3::ListObjectsPage &page) {
        for (const s3::ObjectInfo &object : page.objects) {
            if (!object.key.endsWith(u'/')) // a folder marker: nothing to download
                addFile(object.key);
        }
    });
    connect(job, &s3::Job::finished, this, [this, job, prefix = request.prefix] {
        m_listing = nullptr; // deleted later: it no longer counts as running
        if (job->hasError())
            m_failures.append(tr("%1: listing failed: %2").arg(prefix, job->error().toString()));
        listNextFolder();
    });
    job->start();
}

void CrossConnectionCopy::addFile(const QString &key)
{
    const int index = int(m_items.size());
    // One folder per file: the copy keeps its own name (the upload infers the content type from it).
    const QString folder = m_temp.filePath(QString::number(index));
    Item item{key, tabDropTarget(m_dragged, m_targetPrefix, key), folder + u'/' + key.section(u'/', -1)};
    m_items.append(item);
    if (!QDir().mkpath(folder)) {
        fail(index, tr("cannot create a temporary folder"));
        return;
    }
    const s3::TransferId id = m_source->transfers()->enqueueDownload(m_sourceBucket, key, item.localPath);
    m_downloads.insert(id, index);
}

void CrossConnectionCopy::downloadFinished(const s3::TransferSnapshot &snapshot)
{
    const auto it = m_downloads.find(snapshot.id);
    if (it == m_downloads.end())
        return;
    const int index = it.value();
    m_downloads.erase(it);
    if (snapshot.state != s3::TransferState::Succeeded || !m_target) {
        // Out of the panel: a Retry there would download into a folder that is gone, and upload nothing.
        if (m_source)
            m_source->transfers()->remove(snapshot.id);
        fail(index, snapshot.state == s3::TransferState::Succeeded ? tr("the connection was closed") : snapshot.lastError.toString());
        return;
    }
    const Item &item = m_items.at(index);
    m_uploads.insert(m_target->transfers()->enqueueUpload(item.localPath, m_targetBucket, item.targetKey), index);
}

void CrossConnectionCopy::uploadFinished(const s3::TransferSnapshot &snapshot)
{
    const auto it = m_uploads.find(snapshot.id);
    if (it == m_uploads.end())
        return;
    const int index = it.value();
    m_uploads.erase(it);
    const Item &item = m_items.at(index);
    QFile::remove(item.localPath);
    QDir().rmdir(QFileInfo(item.localPath).path());
    if (snapshot.state != s3::TransferState::Succeeded) {
        if (m_target)
            m_target->transfers()->remove(snapshot.id); // its file is removed: a Retry could not send it
        fail(index, snapshot.lastError.toString());
        return;
    }
    if (!m_move || !m_source) {
        ++m_done;
        maybeFinish();
        return;
    }
    // A move: the source goes only once its copy is on the other server.
    auto *remove = new s3::DeleteObjectJob(m_source->client(), m_sourceBucket, item.key, this);
    ++m_deletes;
    connect(remove, &s3::Job::finished, this, [this, remove, index] {
        --m_deletes;
        if (remove->hasError())
            fail(index, tr("copied, but the source was not deleted: %1").arg(remove->error().toString()));
        else
            ++m_done;
        maybeFinish();
    });
    remove->start();
}

void CrossConnectionCopy::fail(int index, const QString &why)
{
    const Item &item = m_items.at(index);
    QFile::remove(item.localPath);
    m_failures.append(u"%1: %2"_s.arg(item.key, why));
    maybeFinish();
}

void CrossConnectionCopy::maybeFinish()
{
    if (m_finished || m_adding || m_listing || !m_folders.isEmpty() || !m_downloads.isEmpty() || !m_uploads.isEmpty() || m_deletes > 0)
        return;
    m_finished = true;
    Q_EMIT finished();
}

} // namespace s3ui
