// SPDX-License-Identifier: Apache-2.0
// s3desk-cli sync: local folder -> prefix, prefix -> local folder, prefix -> prefix. Both sides are streamed in S3
// key order (a listing page at a time, a directory listing per level) and merged (s3core SyncPlanJob, shared with the
// app's Synchronize… preview); the steps go into bounded windows (transfers through the engine's queue, server-side copies,
// batched deletes) and the plan advances only as those windows empty, so a prefix of a million keys costs a page.
#include "cliapp.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include "s3core/crypto.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/servercopyjob.h"
#include "s3core/textescape.h"
#include "s3uri.h"
#include "syncstate.h"

namespace s3cli {

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {
// Empty when the file cannot be read: sync then goes by size and time.
QString localMd5Hex(const QString &path)
{
    const Result<crypto::FileDigests> digests = crypto::digestFile(path);
    return digests ? QString::fromLatin1(digests->md5.toHex()) : QString();
}

QString prefixOf(const QString &key)
{
    // The contents of the folder map onto the prefix: "s3://b/p" and "s3://b/p/" are the same place, p/.
    return key.isEmpty() || key.endsWith(u'/') ? key : key + u'/';
}
} // namespace

void CliApp::commandSync()
{
    const QString usage = u"sync SOURCE DESTINATION [--delete] [--dry-run [--json]] [--exclude GLOB] [--include GLOB]"_s;
    const bool deleteExtra = takeFlag(u"--delete"_s);
    const bool dryRun = takeFlag(u"--dry-run"_s);
    const bool json = takeFlag(u"--json"_s);
    // --exclude and --include in the order given, both kinds interleaved: a later rule wins (awscli).
    SyncOptions options;
    for (qsizetype i = 0; i < m_positionals.size();) {
        const QString arg = m_positionals.at(i);
        const bool include = arg == u"--include"_s || arg.startsWith(u"--include="_s);
        const bool exclude = arg == u"--exclude"_s || arg.startsWith(u"--exclude="_s);
        if (!include && !exclude) {
            ++i;
            continue;
        }
        QString glob;
        if (arg.contains(u'=')) {
            glob = arg.section(u'=', 1);
            m_positionals.remove(i);
        } else {
            if (i + 1 >= m_positionals.size())
                return usageError(u"%1 needs a GLOB"_s.arg(arg));
            glob = m_positionals.at(i + 1);
            m_positionals.remove(i, 2);
        }
        if (!options.filter.addRule(include, glob))
            return usageError(u"not a valid glob (an unclosed '['?): '%1'"_s.arg(glob));
    }
    if (json && !dryRun)
        return usageError(u"--json goes with --dry-run (the plan as JSON lines)"_s);
    if (!takeSseCustomerKeys(false) || !takeTransferOptions() || !expectPositionals(2, usage))
        return;
    const QString from = m_positionals.at(0);
    const QString to = m_positionals.at(1);
    options.deleteExtra = deleteExtra;
    options.localMd5 = &localMd5Hex;
    if (!isS3Uri(from) && !isS3Uri(to))
        return usageError(u"sync needs s3://BUCKET/PREFIX on at least one side: %1"_s.arg(usage));
    options.direction = !isS3Uri(from) ? SyncDirection::LocalToS3 : !isS3Uri(to) ? SyncDirection::S3ToLocal : SyncDirection::S3ToS3;

    m_sync = std::make_unique<SyncState>();
    SyncState &sync = *m_sync;
    sync.dryRun = dryRun;
    sync.json = json;
    sync.direction = options.direction;
    for (const bool sourceSide : {true, false}) {
        const QString &side = sourceSide ? from : to;
        SyncSide &remote = sourceSide ? sync.source : sync.destination;
        if (isS3Uri(side)) {
            Result<S3Uri> uri = parseS3Uri(side);
            if (!uri)
                return usageError(uri.error().message());
            remote.bucket = uri->bucket;
            remote.prefix = prefixOf(uri->key);
        }
    }
    const SyncDirection direction = sync.direction;
    if (direction == SyncDirection::LocalToS3) {
        if (!QFileInfo(from).isDir())
            return failWith(S3Error::io(u"%1 is not a folder"_s.arg(from)));
        sync.localRoot = QDir::cleanPath(from);
        sync.source.localRoot = sync.localRoot;
    } else if (direction == SyncDirection::S3ToLocal) {
        // A dry run changes nothing, not even the folder; a missing one is simply empty (the plan's rule).
        if (!dryRun && !QDir().mkpath(to))
            return failWith(S3Error::io(u"cannot create the folder %1"_s.arg(to)));
        sync.localRoot = QDir::cleanPath(to);
        sync.destination.localRoot = sync.localRoot;
        m_downloadFolder = sync.localRoot;
    } else if (sync.source.bucket == sync.destination.bucket
               && (sync.source.prefix.startsWith(sync.destination.prefix) || sync.destination.prefix.startsWith(sync.source.prefix))) {
        return usageError(u"the source and destination prefixes overlap: the sync would list its own copies"_s);
    }
    sync.plan = std::make_unique<SyncPlanJob>(m_client.get(), std::move(options), sync.source, sync.destination);
    sync.plan->setAutoDelete(false);
    // The plan pauses while this many steps wait: the windows below take them as they empty.
    sync.plan->setMaxPendingSteps(SyncState::Window);
    connect(sync.plan.get(), &SyncPlanJob::stepsAvailable, this, &CliApp::syncPump);
    connect(sync.plan.get(), &Job::finished, this, &CliApp::syncPump);
    if (direction == SyncDirection::S3ToLocal && !dryRun)
        connect(sync.plan.get(), &SyncPlanJob::folderMarkerListed, this, &CliApp::syncMakeFolder);
    if (!dryRun) {
        m_planning = true;
        m_planMore = [this] { syncPump(); };
        sync.plan->start();
        runTransfers({}, {}, [this](bool ok) {
            const bool good = ok && m_sync && !m_sync->failed;
            done(good ? ExitOk : ExitFailure);
        });
        return;
    }
    sync.plan->start();
}

bool CliApp::transfersIdle() const
{
    if (!m_queue)
        return true;
    if (m_nextPlanned < m_planned.size())
        return false;
    for (const TransferSnapshot &snapshot : m_queue->snapshots()) {
        if (!isFinalState(snapshot.state))
            return false;
    }
    return true;
}

void CliApp::syncPump()
{
    if (!m_sync || m_sync->finishing)
        return;
    SyncState &sync = *m_sync;
    SyncPlanJob &plan = *sync.plan;
    while (!sync.planned) {
        // Bounded windows: the plan waits while any of them is full (it pauses itself at Window steps).
        if (m_planned.size() - m_nextPlanned >= SyncState::Window || sync.copies.size() >= SyncState::Window
            || (sync.deletes.size() >= SyncState::DeleteBatch && sync.deleteInFlight))
            break;
        if (std::optional<SyncStep> step = plan.takeStep()) {
            syncHandle(*step);
            if (sync.deletes.size() >= SyncState::DeleteBatch)
                syncFlushDeletes(false);
            continue;
        }
        if (!plan.isFinished())
            break; // more steps come (stepsAvailable) or the plan ends (finished)
        sync.planned = true;
        for (const QString &problem : plan.problems())
            m_refused.append(problem);
        if (plan.hasError()) {
            // Without a listing, or with a side out of order, nothing more can be decided: let what runs end.
            sync.failed = true;
            if (!plan.failedListing().isEmpty())
                m_err << "s3desk-cli: error: listing " << escapeControlCharacters(plan.failedListing()) << ": ";
            else
                m_err << "s3desk-cli: error: ";
            m_err << escapeControlCharacters(plan.error().kind() == S3Error::Kind::Invalid ? plan.error().message() : plan.error().toString())
                  << Qt::endl;
        }
    }
    syncStartCopies();
    syncFlushDeletes(sync.planned);
    if (m_queue)
        feedQueue();
    syncMaybeFinish();
}

void CliApp::syncMakeFolder(const ObjectInfo &marker)
{
    if (!m_sync || m_sync->finishing)
        return;
    // An empty marker becomes the folder, made without following links below the folder.
    if (Result<Ok> made = s3::syncMakeFolder(m_sync->localRoot, m_sync->source.bucket, m_sync->source.prefix, marker); !made)
        m_refused.append(made.error().message());
}

void CliApp::syncPrint(const SyncStep &step)
{
    SyncState &sync = *m_sync;
    const SyncDirection direction = sync.direction;
    const auto where = [&](bool sourceSide) -> QString {
        const bool local = sourceSide ? direction == SyncDirection::LocalToS3 : direction == SyncDirection::S3ToLocal;
        if (local)
            return sync.localRoot + u'/' + step.key;
        const SyncSide &side = sourceSide ? sync.source : sync.destination;
        return u"s3://%1/%2%3"_s.arg(side.bucket, side.prefix, step.key);
    };
    const std::optional<SyncEntry> &entry = step.source ? step.source : step.destination;
    const qint64 size = entry ? entry->size : 0;
    if (sync.json) {
        QJsonObject line{{u"action"_s, syncActionName(step.action)},
                         {u"key"_s, step.key},
                         {u"reason"_s, syncReasonName(step.reason)},
                         {u"compared"_s, syncComparisonName(step.compared)},
                         {u"size"_s, size}};
        if (step.source)
            line.insert(u"source"_s, where(true));
        if (step.destination || step.action != SyncAction::Skip)
            line.insert(u"destination"_s, where(false));
        m_out << QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)) << '\n';
        return;
    }
    m_out << escapeControlCharacters(u"%1 %2  %3  %4"_s.arg(syncActionName(step.action), -8)
                                         .arg(formatByteSize(size), 10)
                                         .arg(step.action == SyncAction::Delete ? where(false) : step.source ? where(true) : where(false),
                                              syncReasonText(step)))
          << '\n';
}

void CliApp::syncHandle(const SyncStep &step)
{
    SyncState &sync = *m_sync;
    ++sync.counts[int(step.action)];
    const std::optional<SyncEntry> &entry = step.source ? step.source : step.destination;
    sync.bytes[int(step.action)] += entry ? entry->size : 0;
    if (sync.dryRun) {
        syncPrint(step);
        return;
    }
    switch (step.action) {
    case SyncAction::Skip:
        return;
    case SyncAction::Upload:
        m_planned.append({true, step.source->localPath, sync.destination.bucket, sync.destination.prefix + step.key, -1, {}, {}});
        ++m_plannedTotal;
        return;
    case SyncAction::Download: {
        const QString key = sync.source.prefix + step.key;
        // Keys leaving the folder, symbolic links on the way (the download itself checks again as it opens it).
        Result<QString> path = syncDownloadPath(sync.localRoot, sync.source.bucket, sync.source.prefix, key);
        if (!path) {
            m_refused.append(path.error().message());
            return;
        }
        // A second key for one file ("a//b" and "a/b", "/y" and "y"): the first listed is downloaded, the other
        // refused, so that runs do not flip the file between them. Keys whose path differs from their text are
        // remembered (rare: their number, not the listing's, is what this costs); the queue's claim (feedQueue)
        // catches the rest of such pairs within its window.
        const QString absolute = QFileInfo(*path).absoluteFilePath();
        if (sync.oddTargets.contains(absolute)) {
            m_refused.append(u"s3://%1/%2: %3 is already the destination of another key of this listing"_s.arg(sync.source.bucket, key, *path));
            return;
        }
        if (*path != sync.localRoot + u'/' + step.key)
            sync.oddTargets.insert(absolute);
        m_planned.append({false, *path, sync.source.bucket, key, step.source->size, step.source->etag, {}});
        ++m_plannedTotal;
        return;
    }
    case SyncAction::Copy:
        sync.copies.append(step);
        return;
    case SyncAction::Delete:
        if (sync.direction == SyncDirection::S3ToLocal) {
            // Only what the walker listed: regular files below the folder, none of the engine's own files.
            const QString path = step.destination->localPath;
            if (QFile::remove(path)) {
                m_out << "delete: " << escapeControlCharacters(path) << '\n';
            } else {
                m_refused.append(u"%1: cannot delete it"_s.arg(path));
            }
            return;
        }
        sync.deletes.append(sync.destination.prefix + step.key);
        return;
    }
}

void CliApp::syncStartCopies()
{
    SyncState &sync = *m_sync;
    while (!sync.copies.isEmpty() && sync.copiesInFlight < m_concurrency) {
        const SyncStep step = sync.copies.takeFirst();
        const QString sourceKey = sync.source.prefix + step.key;
        const QString key = sync.destination.prefix + step.key;
        auto *copy = new ServerCopyJob(m_client.get(), sync.source.bucket, sourceKey, sync.destination.bucket, key, this);
        // The version listed is the one compared: a source that changed since fails rather than copies another.
        copy->setSourceIfMatch(step.source->etag);
        copy->setSourceSseCustomerKey(m_copySourceSseCustomerKey.isNull() ? m_sseCustomerKey : m_copySourceSseCustomerKey);
        copy->setSseCustomerKey(m_sseCustomerKey);
        ++sync.copiesInFlight;
        const QString from = u"s3://%1/%2"_s.arg(sync.source.bucket, sourceKey);
        const QString to = u"s3://%1/%2"_s.arg(sync.destination.bucket, key);
        connect(copy, &Job::finished, this, [this, copy, from, to] {
            --m_sync->copiesInFlight;
            if (copy->hasError()) {
                m_sync->failed = true;
                m_err << "s3desk-cli: error: copy of " << escapeControlCharacters(from) << ": " << escapeControlCharacters(copy->error().toString())
                      << Qt::endl;
            } else {
                m_out << "copy: " << escapeControlCharacters(from) << " to " << escapeControlCharacters(to) << Qt::endl;
            }
            syncPump();
        });
        copy->start();
    }
}

void CliApp::syncFlushDeletes(bool force)
{
    SyncState &state = *m_sync;
    if (state.deleteInFlight || state.deletes.isEmpty() || (!force && state.deletes.size() < SyncState::DeleteBatch))
        return;
    const QStringList keys = state.deletes.mid(0, SyncState::DeleteBatch);
    state.deletes.remove(0, keys.size());
    state.deleteInFlight = true;
    auto *remove = new DeleteObjectsJob(m_client.get(), state.destination.bucket, keys, this);
    connect(remove, &Job::finished, this, [this, remove, keys] {
        SyncState &sync = *m_sync;
        sync.deleteInFlight = false;
        QSet<QString> failedKeys;
        for (const DeleteObjectError &failure : remove->failures())
            failedKeys.insert(failure.key);
        if (remove->hasError()) {
            sync.failed = true;
            m_err << "s3desk-cli: error: delete: " << escapeControlCharacters(remove->error().toString()) << Qt::endl;
        } else {
            for (const QString &key : keys) {
                if (failedKeys.contains(key)) {
                    sync.failed = true;
                    m_err << "s3desk-cli: error: delete of s3://" << escapeControlCharacters(sync.destination.bucket) << '/'
                          << escapeControlCharacters(key) << " failed" << Qt::endl;
                } else {
                    m_out << "delete: s3://" << escapeControlCharacters(sync.destination.bucket) << '/' << escapeControlCharacters(key) << '\n';
                }
            }
            m_out.flush();
        }
        syncPump();
    });
    remove->start();
}

void CliApp::syncMaybeFinish()
{
    SyncState &sync = *m_sync;
    if (!sync.planned || sync.finishing || sync.copiesInFlight > 0 || !sync.copies.isEmpty() || sync.deleteInFlight || !sync.deletes.isEmpty())
        return;
    if (sync.dryRun) {
        sync.finishing = true;
        if (!sync.json) {
            m_out << "plan:";
            for (const SyncAction action : {SyncAction::Upload, SyncAction::Download, SyncAction::Copy, SyncAction::Delete, SyncAction::Skip}) {
                if (sync.counts[int(action)] > 0)
                    m_out << ' ' << sync.counts[int(action)] << ' ' << syncActionName(action) << " (" << formatByteSize(sync.bytes[int(action)]) << ')';
            }
            m_out << " -- dry run, nothing changed\n";
        }
        for (const QString &line : std::as_const(m_refused))
            m_err << "s3desk-cli: " << escapeControlCharacters(line) << '\n';
        return done(sync.failed || !m_refused.isEmpty() ? ExitFailure : ExitOk);
    }
    if (!transfersIdle())
        return;
    sync.finishing = true;
    m_planning = false;
    m_planMore = {};
    finishTransfers();
}

} // namespace s3cli
