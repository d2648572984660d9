// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/moveprefixjob.h"

#include "s3core/ops/deletejobs.h"
#include "s3core/ops/listobjectsjob.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

MovePrefixJob::MovePrefixJob(S3Client *client, QString bucket, QString sourcePrefix, QString targetPrefix, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
    , m_source(std::move(sourcePrefix))
    , m_target(std::move(targetPrefix))
{
}

void MovePrefixJob::setHandOff(qint64 bytes, HandOff handOff)
{
    m_handOffAbove = handOff ? bytes : -1;
    m_handOff = std::move(handOff);
}

void MovePrefixJob::doStart()
{
    if (m_source.isEmpty() || !m_source.endsWith(QLatin1Char('/'))) {
        emitResult(S3Error::invalid(QStringLiteral("a folder to move must be a prefix ending with '/' (got \"%1\")").arg(m_source)));
        return;
    }
    if (m_target == m_source) {
        emitResult(S3Error::invalid(QStringLiteral("source and destination are the same folder")));
        return;
    }
    if (m_target.startsWith(m_source)) {
        emitResult(S3Error::invalid(QStringLiteral("cannot move the folder %1 into itself (%2)").arg(m_source, m_target)));
        return;
    }
    listNext();
}

void MovePrefixJob::listNext()
{
    ListObjectsRequest request;
    request.bucket = m_bucket;
    request.prefix = m_source;
    request.continuationToken = m_token;
    auto *page = new ListObjectsPageJob(m_client, request, this);
    m_listJob = page;
    connect(page, &Job::finished, this, [this, page] {
        m_listJob = nullptr;
        if (page->hasError()) {
            for (Job *move : std::as_const(m_moves)) {
                move->disconnect(this);
                move->cancel();
            }
            m_moves.clear();
            emitResult(page->error());
            return;
        }
        const PrefixMovePlan plan = planPrefixMove(page->page().objects, m_source, m_target, m_handOffAbove);
        for (const PrefixMoveItem &item : plan.direct)
            m_queued.append(item.sourceKey);
        for (const PrefixMoveItem &item : plan.queued) {
            if (m_handOff(item))
                ++m_handedOff;
            else
                m_queued.append(item.sourceKey);
        }
        for (const QString &key : plan.outside)
            m_failures.append({key, {}, u"InvalidResponse"_s, u"the listing of %1 gave this key, which is outside it: not moved"_s.arg(m_source)});
        m_seenTokens.insert(m_token);
        if (page->page().isTruncated && m_seenTokens.contains(page->page().nextContinuationToken)) {
            for (Job *move : std::as_const(m_moves)) {
                move->disconnect(this);
                move->cancel();
            }
            m_moves.clear();
            emitResult(repeatedContinuationToken(page->page().nextContinuationToken));
            return;
        }
        m_token = page->page().nextContinuationToken;
        m_listingDone = !page->page().isTruncated || m_token.isEmpty();
        startMoves();
        maybeFinish();
    });
    page->start();
}

void MovePrefixJob::startMoves()
{
    while (m_moves.size() < MaxMovesInFlight && !m_queued.isEmpty()) {
        const QString key = m_queued.takeFirst();
        auto *move = new MoveObjectJob(m_client, m_bucket, key, m_bucket, m_target + key.mid(m_source.size()), this);
        m_moves.insert(move);
        connect(move, &Job::finished, this, [this, move, key] {
            m_moves.remove(move);
            if (move->hasError())
                m_failures.append({key, {}, move->error().code(), move->error().message()});
            else
                Q_EMIT progressChanged(++m_moved);
            startMoves();
            maybeFinish();
        });
        move->start();
    }
    // List the next page once the queue runs low, so memory stays at about one page of keys.
    if (!m_listingDone && !m_listJob && m_queued.size() < 100)
        listNext();
}

void MovePrefixJob::maybeFinish()
{
    if (!m_listingDone || m_listJob || !m_moves.isEmpty() || !m_queued.isEmpty() || isFinished())
        return;
    if (m_failures.isEmpty()) {
        emitResult();
        return;
    }
    const DeleteObjectError &first = m_failures.first();
    S3Error error = S3Error::fromS3(0, first.code,
                                    QStringLiteral("%1 of %2 objects could not be moved; first: %3 on %4")
                                        .arg(m_failures.size())
                                        .arg(m_failures.size() + m_moved)
                                        .arg(first.code.isEmpty() ? first.message : first.code, first.key));
    emitResult(error);
}

void MovePrefixJob::doCancel()
{
    cancelQuietly(m_listJob, this);
    for (Job *move : std::as_const(m_moves)) {
        move->disconnect(this);
        move->cancel();
    }
    m_moves.clear();
}

} // namespace s3
