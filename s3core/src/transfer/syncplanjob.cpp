// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/syncplanjob.h"

#include <atomic>

#include <QElapsedTimer>
#include <QFileInfo>
#include <QPromise>
#include <QThreadPool>
#include <QTimer>

#include "s3core/ops/listobjectsjob.h"
#include "s3core/transfer/localfs.h"
#include "s3core/transfer/localpaths.h"
#include "s3core/transfer/localtreewalker.h"

namespace s3 {

using namespace Qt::Literals::StringLiterals;

namespace {
// A round on the pool gives its steps back after this long at most, so rows stream in while a big plan runs.
constexpr qint64 RoundMs = 30;
// Files the walker hands the merge at a time.
constexpr qsizetype WalkChunk = 1000;
} // namespace

/** What the pool's round and the job share: only one of them touches it at a time (m_roundRunning). */
struct SyncPlanJob::Shared
{
    explicit Shared(SyncOptions options) : merger(std::move(options)) {}

    SyncMerger merger;
    QString localRoot;      // the local side's folder (empty: none)
    bool localSource = false;
    bool walkerMade = false; // made in the first round: its constructor already reads the folder
    std::unique_ptr<LocalTreeWalker> walker;
    std::atomic<bool> cancelled{false};
    // The round's output, taken by handleRound().
    QList<SyncStep> steps;
    QStringList problems;

    bool localNeedsFeeding() const
    {
        return !localRoot.isEmpty() && (localSource ? merger.needsSource() : merger.needsDestination());
    }

    void endLocal()
    {
        if (localSource)
            merger.endSource();
        else
            merger.endDestination();
    }

    /** On the pool: walk and merge until the budget of steps is reached, the time is up or a page is needed. */
    void runRound(qsizetype budget)
    {
        QElapsedTimer clock;
        clock.start();
        while (!cancelled.load(std::memory_order_relaxed) && steps.size() < budget && clock.elapsed() < RoundMs) {
            if (std::optional<SyncStep> step = merger.next()) {
                steps.append(std::move(*step));
                continue;
            }
            if (!localNeedsFeeding())
                break; // complete, out of order, or waiting for a listing page
            if (!walkerMade) {
                walkerMade = true;
                // A folder that is not there (a download into a new folder) is an empty side.
                if (QFileInfo(localRoot).isDir())
                    walker = std::make_unique<LocalTreeWalker>(localRoot);
            }
            if (walker) {
                const QList<SyncEntry> entries = walker->take(WalkChunk);
                if (localSource)
                    merger.addSource(entries);
                else
                    merger.addDestination(entries);
            }
            if (!walker || walker->atEnd()) {
                if (walker)
                    problems.append(walker->problems());
                walker.reset();
                endLocal();
            }
        }
    }
};

SyncPlanJob::SyncPlanJob(S3Client *client, SyncOptions options, SyncSide source, SyncSide destination, QObject *parent)
    : Job(parent), m_client(client), m_source(std::move(source)), m_destination(std::move(destination)),
      m_shared(std::make_shared<Shared>(std::move(options)))
{
    if (m_source.isLocal()) {
        m_shared->localRoot = m_source.localRoot;
        m_shared->localSource = true;
    } else if (m_destination.isLocal()) {
        m_shared->localRoot = m_destination.localRoot;
    }
    connect(&m_round, &QFutureWatcher<void>::finished, this, &SyncPlanJob::handleRound);
}

SyncPlanJob::~SyncPlanJob()
{
    // A round still on the pool keeps the shared state alive; it stops at its next step.
    m_shared->cancelled = true;
}

const SyncOptions &SyncPlanJob::options() const
{
    return m_shared->merger.options();
}

std::optional<SyncStep> SyncPlanJob::takeStep()
{
    if (m_steps.empty())
        return std::nullopt;
    SyncStep step = std::move(m_steps.front());
    m_steps.pop_front();
    if (!isFinished())
        schedulePump(); // the merge may have paused on a full window
    return step;
}

void SyncPlanJob::doStart()
{
    pump();
}

void SyncPlanJob::doCancel()
{
    m_shared->cancelled = true;
    cancelQuietly(m_sourceListing.page, this);
    cancelQuietly(m_destinationListing.page, this);
}

void SyncPlanJob::schedulePump()
{
    if (m_pumpScheduled)
        return;
    m_pumpScheduled = true;
    QTimer::singleShot(0, this, &SyncPlanJob::pump);
}

void SyncPlanJob::pump()
{
    m_pumpScheduled = false;
    if (isFinished() || m_roundRunning)
        return;
    SyncMerger &merger = m_shared->merger;
    for (const bool sourceSide : {true, false}) {
        Listing &listing = sourceSide ? m_sourceListing : m_destinationListing;
        if (!listing.buffered.isEmpty()) {
            if (sourceSide)
                merger.addSource(listing.buffered);
            else
                merger.addDestination(listing.buffered);
            listing.buffered.clear();
        }
        if (listing.endBuffered) {
            listing.endBuffered = false;
            if (sourceSide)
                merger.endSource();
            else
                merger.endDestination();
        }
    }
    if (!merger.orderError().isEmpty()) {
        // Out of order, a key would look missing on one side: it could be deleted or copied wrongly.
        return emitResult(S3Error::invalid(u"a side of the sync is not in S3 key order (%1); nothing more is planned"_s.arg(merger.orderError())));
    }
    if (merger.atEnd())
        return emitResult();
    if (m_maxPending > 0 && qsizetype(m_steps.size()) >= m_maxPending)
        return; // takeStep() pumps again
    if (!m_source.isLocal() && merger.needsSource())
        requestPage(true);
    if (!m_destination.isLocal() && merger.needsDestination())
        requestPage(false);
    const bool waitingForPage = (!m_source.isLocal() && merger.needsSource()) || (!m_destination.isLocal() && merger.needsDestination());
    // The local side is read while a page is on its way (the round stops once it has fed one chunk).
    if (!waitingForPage || m_shared->localNeedsFeeding())
        startRound();
}

void SyncPlanJob::startRound()
{
    m_roundRunning = true;
    const qsizetype budget = m_maxPending > 0 ? m_maxPending - qsizetype(m_steps.size()) : 4096;
    auto promise = std::make_shared<QPromise<void>>();
    m_round.setFuture(promise->future());
    promise->start();
    // The round holds the shared state, not the job: a job deleted meanwhile leaves it to finish alone.
    QThreadPool::globalInstance()->start([shared = m_shared, promise, budget] {
        shared->runRound(budget);
        promise->finish();
    });
}

void SyncPlanJob::handleRound()
{
    m_roundRunning = false;
    if (isFinished())
        return;
    Shared &shared = *m_shared;
    m_problems.append(shared.problems);
    shared.problems.clear();
    const bool any = !shared.steps.isEmpty();
    for (SyncStep &step : shared.steps)
        m_steps.push_back(std::move(step));
    shared.steps.clear();
    if (any)
        Q_EMIT stepsAvailable();
    schedulePump();
}

void SyncPlanJob::requestPage(bool sourceSide)
{
    Listing &listing = sourceSide ? m_sourceListing : m_destinationListing;
    const SyncSide &side = sourceSide ? m_source : m_destination;
    if (listing.page || listing.ended || !listing.buffered.isEmpty())
        return;
    auto *job = new ListObjectsPageJob(m_client, {side.bucket, side.prefix, {}, {}, m_pageSize, listing.continuationToken}, this);
    listing.page = job;
    connect(job, &Job::finished, this, [this, job, sourceSide] { handlePage(job, sourceSide); });
    job->start();
}

void SyncPlanJob::handlePage(ListObjectsPageJob *job, bool sourceSide)
{
    Listing &listing = sourceSide ? m_sourceListing : m_destinationListing;
    const SyncSide &side = sourceSide ? m_source : m_destination;
    listing.page = nullptr; // answered (the job deletes itself after this signal)
    if (isFinished())
        return;
    if (job->hasError()) {
        // Without the listing nothing more can be decided.
        m_failedListing = u"s3://%1/%2"_s.arg(side.bucket, side.prefix);
        return emitResult(job->error());
    }
    const ListObjectsPage &page = job->page();
    const bool markersWanted = sourceSide && options().direction == SyncDirection::S3ToLocal;
    for (const ObjectInfo &object : page.objects) {
        if (!object.key.startsWith(side.prefix))
            continue;
        const QString relative = object.key.mid(side.prefix.size());
        // Folder markers (and the prefix's own) hold no file: they are neither compared nor deleted.
        if (relative.isEmpty() || relative.endsWith(u'/')) {
            if (markersWanted)
                Q_EMIT folderMarkerListed(object);
            continue;
        }
        listing.buffered.append({relative, object.size, object.lastModified, object.etag, QString()});
    }
    if (page.isTruncated && !page.nextContinuationToken.isEmpty()) {
        if (listing.seenTokens.contains(page.nextContinuationToken))
            return emitResult(repeatedContinuationToken(page.nextContinuationToken));
        listing.seenTokens.insert(page.nextContinuationToken);
        listing.continuationToken = page.nextContinuationToken;
    } else {
        listing.ended = true;
        listing.endBuffered = true;
    }
    schedulePump();
}

Result<QString> syncDownloadPath(const QString &localRoot, const QString &bucket, const QString &prefix, const QString &key)
{
    Result<QString> path = localPathForKey(localRoot, prefix, key);
    if (!path)
        return path;
    // Never through a symbolic link below the folder (the download itself checks again as it opens it).
    Result<localfs::Placement> placement = localfs::placeBeneath(localRoot, *path);
    Result<Ok> beneath = placement ? localfs::checkBeneath(placement->root, placement->folder) : Result<Ok>(placement.error());
    if (!beneath) {
        S3Error error = beneath.error();
        error.setMessage(u"s3://%1/%2: %3"_s.arg(bucket, key, error.message()));
        return error;
    }
    return path;
}

Result<Ok> syncMakeFolder(const QString &localRoot, const QString &bucket, const QString &prefix, const ObjectInfo &marker)
{
    Result<QString> path = localPathForKey(localRoot, prefix, marker.key);
    if (!path)
        return path.error();
    if (marker.size != 0)
        return S3Error::invalid(u"s3://%1/%2: a folder marker that holds %3 bytes cannot be saved as a folder"_s.arg(bucket, marker.key).arg(marker.size));
    if (Result<localfs::Directory> made = localfs::openBeneath(localRoot, path->mid(localRoot.size()), true); !made) {
        S3Error error = made.error();
        error.setMessage(u"s3://%1/%2: %3"_s.arg(bucket, marker.key, error.message()));
        return error;
    }
    return Ok{};
}

} // namespace s3
