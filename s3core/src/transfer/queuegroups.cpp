// SPDX-License-Identifier: Apache-2.0
// Folder jobs of the transfer queue (TransferGroup): files kept as compact records, made into tasks a few at a
// time, counted and dropped when done, one snapshot for the whole job.
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>

#include "s3core/logging.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/transfer/localpaths.h"
#include "s3core/transfer/transferqueue.h"

namespace s3 {

using namespace Qt::Literals::StringLiterals;

TransferQueue::GroupEntry *TransferQueue::groupEntry(TransferId id) const
{
    if (id == 0)
        return nullptr;
    const auto it = m_groups.find(id);
    // The entries are the queue's own; a const lookup hands them out for the snapshot bookkeeping.
    return it == m_groups.end() ? nullptr : const_cast<GroupEntry *>(&it->second);
}

TransferId TransferQueue::enqueueFolderDownloadGroup(const QString &bucket, const QString &prefix, const QString &localDir,
                                                     const DownloadOptions &options, TransferId id)
{
    const TransferId groupId = takeId(id);
    GroupEntry entry;
    entry.group = std::make_unique<TransferGroup>(groupId, TransferDirection::Download, bucket, prefix, QDir::cleanPath(localDir));
    entry.download = options;
    entry.download.folder = entry.group->localDir(); // no symbolic link below it is followed
    entry.group->partSize = options.partSize;
    entry.group->listing = true;
    GroupEntry &added = m_groups.emplace(groupId, std::move(entry)).first->second;
    m_wasIdle = false;
    Q_EMIT taskAdded(groupSnapshot(added));
    listGroup(added);
    requestSave();
    return groupId;
}

void TransferQueue::listGroup(GroupEntry &entry)
{
    TransferGroup &group = *entry.group;
    const TransferId groupId = group.id();
    ListObjectsRequest request{group.bucket(), group.prefix(), {}, group.listedUpTo, 1000, {}};
    auto *job = new ListObjectsJob(pickMember()->client.get(), request, this);
    entry.listing = job;
    auto refused = std::make_shared<QStringList>();
    auto queued = std::make_shared<int>(0);
    connect(job, &ListObjectsJob::pageReceived, this, [this, groupId, refused, queued](const ListObjectsPage &page) {
        GroupEntry *listed = groupEntry(groupId);
        if (!listed)
            return;
        TransferGroup &folder = *listed->group;
        for (const ObjectInfo &object : page.objects) {
            const QString path = acceptListed(folder.prefix(), folder.localDir(), object, refused.get());
            if (path.isEmpty())
                continue;
            claimForGroup(path, groupId);
            folder.addPending(PendingFile{object.key.mid(folder.prefix().size()), object.size, object.etag.toLatin1(), {}});
            ++*queued;
        }
        if (!page.objects.isEmpty())
            folder.listedUpTo = page.objects.constLast().key; // where a restart lists on from
        if (listed->stopped)
            folder.cancelPending();
        groupChanged(*listed);
        requestSave();
        scheduleSoon();
    });
    connect(job, &Job::finished, this, [this, job, groupId, refused, queued] {
        if (GroupEntry *listed = groupEntry(groupId)) {
            listed->group->listing = false;
            groupChanged(*listed);
            requestSave();
            scheduleSoon();
            Q_EMIT folderListingFinished(listed->group->bucket(), listed->group->prefix(), *queued, *refused, job->error());
        }
    });
    job->start();
}

TransferId TransferQueue::enqueueFolderUploadGroup(const QString &localDir, const QString &bucket, const QString &prefix,
                                                   const UploadOptions &options, TransferId id)
{
    // The same walk as enqueueFolderUpload(): sorted, so the job runs the files in a stable order.
    const QDir root(QDir::cleanPath(localDir));
    QList<PendingFile> files;
    QDirIterator it(localDir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (DownloadTask::isOwnFileName(info.fileName()))
            continue; // our own partial downloads
        files.append(PendingFile{root.relativeFilePath(info.filePath()), info.size(), {}, {}});
    }
    std::sort(files.begin(), files.end(), [](const PendingFile &a, const PendingFile &b) { return a.name < b.name; });
    return enqueueUploadGroup(localDir, bucket, prefix, std::move(files), options, id);
}

TransferId TransferQueue::enqueueUploadGroup(const QString &localDir, const QString &bucket, const QString &prefix,
                                             QList<PendingFile> files, const UploadOptions &options, TransferId id)
{
    const TransferId groupId = takeId(id);
    QString keyPrefix = prefix;
    if (!keyPrefix.isEmpty() && !keyPrefix.endsWith(u'/'))
        keyPrefix += u'/';
    GroupEntry entry;
    entry.group = std::make_unique<TransferGroup>(groupId, TransferDirection::Upload, bucket, keyPrefix, QDir::cleanPath(localDir));
    entry.upload = options;
    if (m_limits.uploadPartSize > 0)
        entry.upload.partSize = m_limits.uploadPartSize;
    entry.group->partSize = entry.upload.partSize;
    for (const PendingFile &file : std::as_const(files)) {
        // A key that is the default one is not kept (the record stays small); one outside the job's prefix is the
        // caller's mistake and would escape the folder the row names: the file keeps its default key then.
        // Copies of the records share their texts (no detach of a list the caller may still hold).
        PendingFile record = file;
        if (!record.key.isEmpty() && (record.key == keyPrefix + record.name || !record.key.startsWith(keyPrefix)))
            record.key = QString();
        entry.group->addPending(std::move(record));
    }
    files.clear();
    GroupEntry &added = m_groups.emplace(groupId, std::move(entry)).first->second;
    m_wasIdle = false;
    Q_EMIT taskAdded(groupSnapshot(added));
    groupChanged(added); // an empty folder is a job done at once
    requestSave();
    scheduleSoon();
    return groupId;
}

void TransferQueue::claimForGroup(const QString &localPath, TransferId group)
{
    const QString key = claimKey(localPath);
    if (!m_claims.contains(key))
        m_claims.insert(key, group);
}

void TransferQueue::materialise()
{
    if (m_groups.empty())
        return;
    // Enough tasks to fill every slot, and a few more so that a slot that frees finds its next file ready.
    const int bound = m_limits.maxActiveTransfers + m_limits.maxActiveSmallTransfers + MaterialiseAhead;
    int busy = 0;
    for (auto it = m_taskGroup.cbegin(); it != m_taskGroup.cend(); ++it) {
        const TransferTask *t = task(it.key());
        if (t && (t->state() == TransferState::Queued || t->state() == TransferState::Running || t->state() == TransferState::Completing))
            ++busy;
    }
    for (auto &[id, entry] : m_groups) {
        if (busy >= bound)
            break;
        TransferGroup &group = *entry.group;
        if (group.paused || entry.stopped)
            continue;
        while (busy < bound && group.hasPending()) {
            materialiseFile(entry, group.takePending());
            ++busy;
        }
    }
}

void TransferQueue::materialiseFile(GroupEntry &entry, const PendingFile &file)
{
    TransferGroup &group = *entry.group;
    const TransferId id = takeId(0);
    std::unique_ptr<TransferTask> t;
    if (group.direction() == TransferDirection::Upload) {
        const QString path = group.localDir() + u'/' + file.name;
        const QString key = file.key.isEmpty() ? keyForLocalFile(group.localDir(), path, group.prefix()) : file.key;
        t = std::make_unique<UploadTask>(id, path, group.bucket(), key, entry.upload);
    } else {
        const QString key = group.prefix() + file.name;
        DownloadOptions options = entry.download;
        options.listedSize = file.size;
        options.listedEtag = QString::fromLatin1(file.etag);
        // The same pure function as at listing time: the same path (a record from a damaged file may be refused).
        const Result<QString> path = localPathForKey(group.localDir(), group.prefix(), key);
        auto download = std::make_unique<DownloadTask>(id, group.bucket(), key, path ? *path : group.localDir(), options);
        if (!path || path->endsWith(u'/'))
            download->refuse(path ? S3Error::invalid(u"%1 is not a file name"_s.arg(key)) : path.error());
        t = std::move(download);
    }
    t->setPriority(group.priority);
    m_taskGroup.insert(id, group.id());
    group.attach(id, file, t->state());
    add(std::move(t));
}

TransferSnapshot TransferQueue::groupSnapshot(const GroupEntry &entry) const
{
    TransferGroup &group = *entry.group;
    // The members' latest state and bytes (a bounded number: the tasks alive, and the failed ones).
    for (TransferId member : group.members()) {
        if (const TransferTask *t = task(member)) {
            const TransferSnapshot s = t->snapshot();
            group.update(member, s.state, s.bytesDone, s.bytesPerSecond);
        }
    }
    TransferSnapshot snapshot;
    snapshot.id = group.id();
    snapshot.isGroup = true;
    snapshot.direction = group.direction();
    snapshot.bucket = group.bucket();
    snapshot.key = group.prefix();
    snapshot.localPath = group.localDir();
    snapshot.files = group.counts();
    snapshot.state = groupState(snapshot.files, group.paused, group.listing);
    snapshot.bytesTotal = group.bytesTotal();
    snapshot.bytesDone = group.bytesDone();
    snapshot.bytesPerSecond = snapshot.state == TransferState::Running ? group.bytesPerSecond() : 0;
    snapshot.etaSeconds = snapshot.bytesPerSecond > 0 && snapshot.bytesTotal >= snapshot.bytesDone
        ? qint64((snapshot.bytesTotal - snapshot.bytesDone) / snapshot.bytesPerSecond)
        : -1;
    snapshot.priority = group.priority;
    snapshot.note = groupName(group.direction(), group.bucket(), group.prefix(), group.localDir(), QDir::homePath());
    snapshot.added = group.added;
    return snapshot;
}

void TransferQueue::groupChanged(GroupEntry &entry)
{
    const TransferId id = entry.group->id();
    if (!m_dirtySet.contains(id)) {
        m_dirtySet.insert(id);
        m_dirty.append(id);
    }
    if (!m_notifyTimer.isActive())
        m_notifyTimer.start();
    requestSave();
    const bool over = isFinalState(entry.group->state()) && !entry.group->hasPending();
    if (over && !entry.group->reportedFinal) {
        entry.group->reportedFinal = true;
        Q_EMIT taskFinished(groupSnapshot(entry));
    } else if (!over) {
        entry.group->reportedFinal = false;
    }
}

void TransferQueue::groupTaskFinished(TransferId id)
{
    const TransferId groupId = m_taskGroup.value(id);
    GroupEntry *entry = groupEntry(groupId);
    TransferTask *t = task(id);
    if (!entry || !t)
        return;
    const TransferState state = t->state();
    const QString localPath = t->localPath();
    if (entry->group->finish(id, state, t->snapshot().bytesDone)) {
        dropTask(id);
        if (state == TransferState::Cancelled)
            claimForGroup(localPath, groupId); // its record keeps the destination until retry or remove
    }
    groupChanged(*entry);
}

void TransferQueue::dropTask(TransferId id)
{
    TransferTask *t = task(id);
    if (!t)
        return;
    releaseClaim(id);
    m_taskGroup.remove(id);
    m_index.remove(id);
    m_queuedKey.remove(id);
    m_arrival.remove(id);
    std::erase_if(m_active, [t](const Active &active) { return active.task == t; });
    if (m_dirtySet.remove(id))
        m_dirty.removeOne(id);
    auto it = std::find_if(m_tasks.begin(), m_tasks.end(), [t](const auto &owned) { return owned.get() == t; });
    if (it != m_tasks.end()) {
        it->release()->deleteLater(); // we may be in its finished() signal
        m_tasks.erase(it);
    }
    Q_EMIT taskRemoved(id);
}

void TransferQueue::pauseGroup(GroupEntry &entry)
{
    entry.group->paused = true;
    for (TransferId member : entry.group->members()) {
        if (TransferTask *t = task(member))
            t->pause();
    }
    groupChanged(entry);
    scheduleSoon();
}

void TransferQueue::resumeGroup(GroupEntry &entry)
{
    entry.group->paused = false; // a cancelled job stays cancelled: retry() brings its files back
    for (TransferId member : entry.group->members()) {
        TransferTask *t = task(member);
        if (t && t->state() == TransferState::Paused) {
            t->resume();
            claimDestination(t);
            indexQueued(t);
        }
    }
    groupChanged(entry);
    scheduleSoon();
}

void TransferQueue::cancelGroup(GroupEntry &entry)
{
    entry.stopped = true;
    entry.group->cancelPending();
    // Each cancel ends its task at once (finished(): it becomes a cancelled record and is dropped): a copy. A
    // running multipart upload is aborted by its task's cancel, so the job leaves no upload behind.
    for (TransferId member : entry.group->members()) {
        if (TransferTask *t = task(member))
            t->cancel();
    }
    groupChanged(entry);
    scheduleSoon();
}

void TransferQueue::retryGroup(GroupEntry &entry)
{
    entry.stopped = false;
    entry.group->paused = false;
    entry.group->retryCancelled();
    for (TransferId member : entry.group->members()) {
        TransferTask *t = task(member);
        if (t && (t->state() == TransferState::Failed || t->state() == TransferState::Cancelled || t->state() == TransferState::Paused)) {
            t->resume();
            claimDestination(t);
            indexQueued(t);
        }
    }
    groupChanged(entry);
}

void TransferQueue::removeGroup(TransferId id)
{
    GroupEntry *entry = groupEntry(id);
    if (!entry)
        return;
    if (entry->listing)
        entry->listing->cancel();
    entry->stopped = true;
    entry->group->cancelPending();
    for (TransferId member : entry->group->members())
        remove(member); // cancels what runs (no partial file, no multipart upload left)
    // The records' claims: one pass over the claims, no file system look-up per record.
    for (auto it = m_claims.begin(); it != m_claims.end();) {
        if (it.value() == id)
            it = m_claims.erase(it);
        else
            ++it;
    }
    m_groups.erase(id);
    if (m_dirtySet.remove(id))
        m_dirty.removeOne(id);
    Q_EMIT taskRemoved(id);
    requestSave();
    scheduleSoon();
}

void TransferQueue::restoreGroup(const QJsonObject &json)
{
    std::optional<TransferGroup> restored = TransferGroup::fromJson(json);
    if (!restored || m_index.contains(restored->id()) || m_groups.contains(restored->id()))
        return;
    const TransferId groupId = restored->id();
    m_nextId = std::max(m_nextId, groupId + 1);
    m_nextPriority = std::max(m_nextPriority, restored->priority);
    GroupEntry entry;
    entry.group = std::make_unique<TransferGroup>(std::move(*restored));
    entry.group->paused = true; // restored transfers wait for the user
    if (entry.group->direction() == TransferDirection::Download) {
        entry.download.folder = entry.group->localDir();
        if (entry.group->partSize > 0)
            entry.download.partSize = entry.group->partSize;
    } else if (entry.group->partSize > 0) {
        entry.upload.partSize = entry.group->partSize;
    }
    GroupEntry &added = m_groups.emplace(groupId, std::move(entry)).first->second;
    TransferGroup &group = *added.group;
    // The records claim their destinations again (a download of the same files queued since waits for them).
    const auto claim = [&](const PendingFile &file) {
        if (group.direction() == TransferDirection::Download) {
            if (const Result<QString> path = localPathForKey(group.localDir(), group.prefix(), group.prefix() + file.name); path)
                claimForGroup(*path, groupId);
        }
    };
    for (const PendingFile &file : group.pending())
        claim(file);
    for (const PendingFile &file : group.cancelledFiles())
        claim(file);
    Q_EMIT taskAdded(groupSnapshot(added));
    if (group.listing)
        listGroup(added); // on from the last key it listed
}

} // namespace s3
