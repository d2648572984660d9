// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/transfergroup.h"

#include <algorithm>

#include <QDir>
#include <QJsonArray>

namespace s3 {

using namespace Qt::Literals::StringLiterals;

TransferState groupState(const TransferGroupCounts &counts, bool paused, bool listing)
{
    if (counts.running > 0 || (listing && !paused))
        return TransferState::Running;
    const int waiting = counts.queued + counts.paused;
    if (paused && (waiting > 0 || listing))
        return TransferState::Paused;
    if (counts.queued > 0)
        return TransferState::Queued;
    if (counts.paused > 0)
        return TransferState::Paused; // some of its files were paused one by one
    if (counts.failed > 0)
        return TransferState::Failed;
    if (counts.cancelled > 0)
        return TransferState::Cancelled;
    return TransferState::Succeeded;
}

QString groupName(TransferDirection direction, const QString &bucket, const QString &prefix, const QString &localDir, const QString &home)
{
    QString local = QDir::cleanPath(localDir);
    const QString cleanHome = QDir::cleanPath(home);
    if (!cleanHome.isEmpty() && cleanHome != u"/"_s && (local == cleanHome || local.startsWith(cleanHome + u'/')))
        local = u"~"_s + local.mid(cleanHome.size());
    // The bucket only when the job covers a whole bucket: a prefix names the folder well enough.
    const QString remote = prefix.isEmpty() ? QString(bucket + u'/') : prefix;
    return direction == TransferDirection::Upload ? u"%1 → %2"_s.arg(local, remote) : u"%1 → %2"_s.arg(remote, local);
}

TransferGroup::TransferGroup(TransferId id, TransferDirection direction, QString bucket, QString prefix, QString localDir)
    : added(QDateTime::currentDateTimeUtc())
    , m_id(id)
    , m_direction(direction)
    , m_bucket(std::move(bucket))
    , m_prefix(std::move(prefix))
    , m_localDir(std::move(localDir))
{
}

void TransferGroup::addPending(PendingFile file)
{
    m_bytesTotal += std::max<qint64>(0, file.size);
    m_pending.push_back(std::move(file));
}

PendingFile TransferGroup::takePending()
{
    PendingFile file = std::move(m_pending.front());
    m_pending.pop_front();
    return file;
}

void TransferGroup::cancelPending()
{
    for (PendingFile &file : m_pending)
        m_cancelled.append(std::move(file));
    m_pending.clear();
}

int TransferGroup::retryCancelled()
{
    const int count = int(m_cancelled.size());
    for (PendingFile &file : m_cancelled)
        m_pending.push_back(std::move(file));
    m_cancelled.clear();
    return count;
}

void TransferGroup::attach(TransferId task, const PendingFile &file, TransferState state, qint64 bytesDone, bool restored)
{
    if (restored)
        m_bytesTotal += std::max<qint64>(0, file.size);
    m_members.insert(task, Member{file, state, bytesDone, 0});
}

int TransferGroup::busyMembers() const
{
    int busy = 0;
    for (const Member &member : m_members) {
        if (member.state == TransferState::Queued || member.state == TransferState::Running || member.state == TransferState::Completing)
            ++busy;
    }
    return busy;
}

void TransferGroup::update(TransferId task, TransferState state, qint64 bytesDone, double bytesPerSecond)
{
    const auto it = m_members.find(task);
    if (it == m_members.end())
        return;
    it->state = state;
    it->bytesDone = bytesDone;
    it->bytesPerSecond = state == TransferState::Running ? bytesPerSecond : 0;
}

bool TransferGroup::finish(TransferId task, TransferState state, qint64 bytesDone)
{
    const auto it = m_members.find(task);
    if (it == m_members.end())
        return false;
    if (state == TransferState::Succeeded) {
        ++m_done;
        if (it->file.size < 0)
            m_bytesTotal += bytesDone; // a size learnt only now (a restored file that had not asked yet)
        m_doneBytes += it->file.size >= 0 ? it->file.size : bytesDone;
        m_members.erase(it);
        return true;
    }
    if (state == TransferState::Cancelled) {
        m_cancelled.append(it->file); // nothing kept on disk or on the server: a retry starts it afresh
        m_members.erase(it);
        return true;
    }
    update(task, state, bytesDone, 0);
    return false;
}

void TransferGroup::forget(TransferId task)
{
    const auto it = m_members.find(task);
    if (it == m_members.end())
        return;
    m_bytesTotal -= std::max<qint64>(0, it->file.size);
    m_members.erase(it);
}

TransferGroupCounts TransferGroup::counts() const
{
    TransferGroupCounts counts;
    counts.files = int(m_pending.size() + m_cancelled.size() + m_members.size()) + m_done;
    (paused ? counts.paused : counts.queued) = int(m_pending.size());
    counts.done = m_done;
    counts.cancelled = int(m_cancelled.size());
    for (const Member &member : m_members) {
        switch (member.state) {
        case TransferState::Queued: ++counts.queued; break;
        case TransferState::Running:
        case TransferState::Completing: ++counts.running; break;
        case TransferState::Paused: ++counts.paused; break;
        case TransferState::Succeeded: ++counts.done; break; // not forgotten yet (finish() comes next)
        case TransferState::Failed: ++counts.failed; break;
        case TransferState::Cancelled: ++counts.cancelled; break;
        }
    }
    return counts;
}

qint64 TransferGroup::bytesDone() const
{
    qint64 done = m_doneBytes;
    for (const Member &member : m_members)
        done += member.bytesDone;
    return done;
}

double TransferGroup::bytesPerSecond() const
{
    double rate = 0;
    for (const Member &member : m_members)
        rate += member.bytesPerSecond;
    return rate;
}

namespace {

QJsonArray filesToJson(const auto &files)
{
    QJsonArray array;
    for (const PendingFile &file : files) {
        QJsonArray record{file.name, double(file.size), QString::fromLatin1(file.etag)};
        if (!file.key.isEmpty())
            record.append(file.key); // only the few files whose key is not prefix + name
        array.append(record);
    }
    return array;
}

} // namespace

QJsonObject TransferGroup::toJson() const
{
    QJsonObject json{{u"id"_s, QString::number(m_id)},
                     {u"direction"_s, transferDirectionName(m_direction)},
                     {u"bucket"_s, m_bucket},
                     {u"prefix"_s, m_prefix},
                     {u"localDir"_s, m_localDir},
                     {u"paused"_s, paused},
                     {u"priority"_s, priority},
                     {u"added"_s, added.toString(Qt::ISODateWithMs)},
                     {u"done"_s, m_done},
                     {u"doneBytes"_s, double(m_doneBytes)},
                     // Compact: one [name, size, etag(, key)] record per file, no field names repeated 100,000 times.
                     {u"files"_s, filesToJson(m_pending)},
                     {u"cancelled"_s, filesToJson(m_cancelled)}};
    if (partSize > 0)
        json.insert(u"partSize"_s, double(partSize));
    if (listing)
        json.insert(u"listedUpTo"_s, listedUpTo); // present: the listing was not over
    return json;
}

std::optional<TransferGroup> TransferGroup::fromJson(const QJsonObject &json)
{
    const TransferId id = json.value(u"id"_s).toString().toULongLong();
    const QString direction = json.value(u"direction"_s).toString();
    if (id == 0 || (direction != u"download"_s && direction != u"upload"_s))
        return std::nullopt;
    TransferGroup group(id, direction == u"upload"_s ? TransferDirection::Upload : TransferDirection::Download,
                        json.value(u"bucket"_s).toString(), json.value(u"prefix"_s).toString(), json.value(u"localDir"_s).toString());
    group.paused = json.value(u"paused"_s).toBool();
    group.priority = json.value(u"priority"_s).toInt();
    if (const QDateTime added = QDateTime::fromString(json.value(u"added"_s).toString(), Qt::ISODateWithMs); added.isValid())
        group.added = added;
    group.partSize = qint64(json.value(u"partSize"_s).toDouble(0));
    group.listing = json.contains(u"listedUpTo"_s);
    group.listedUpTo = json.value(u"listedUpTo"_s).toString();
    group.m_done = std::max(0, json.value(u"done"_s).toInt());
    group.m_doneBytes = std::max<qint64>(0, qint64(json.value(u"doneBytes"_s).toDouble()));
    group.m_bytesTotal = group.m_doneBytes;
    const auto readFiles = [](const QJsonArray &array, const auto &add) {
        for (const QJsonValue &value : array) {
            const QJsonArray triple = value.toArray();
            add(PendingFile{triple.at(0).toString(), qint64(triple.at(1).toDouble(-1)), triple.at(2).toString().toLatin1(),
                            triple.size() > 3 ? triple.at(3).toString() : QString()});
        }
    };
    readFiles(json.value(u"files"_s).toArray(), [&group](PendingFile file) { group.addPending(std::move(file)); });
    readFiles(json.value(u"cancelled"_s).toArray(), [&group](PendingFile file) {
        group.m_bytesTotal += std::max<qint64>(0, file.size);
        group.m_cancelled.append(std::move(file));
    });
    return group;
}

} // namespace s3
