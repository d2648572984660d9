// SPDX-License-Identifier: Apache-2.0
#include "models/transferlistmodel.h"

#include <algorithm>
#include <utility>

#include <QLocale>
#include <QStringList>

#include "util/format.h"
#include "util/icons.h"

namespace s3ui {

namespace {

int percentDone(const s3::TransferSnapshot &snapshot)
{
    if (snapshot.state == s3::TransferState::Succeeded)
        return 100;
    if (snapshot.bytesTotal <= 0)
        return 0;
    return int(std::clamp(snapshot.bytesDone * 100 / snapshot.bytesTotal, qint64(0), qint64(100)));
}

QString displayName(const s3::TransferSnapshot &snapshot)
{
    if (snapshot.isGroup)
        return snapshot.note; // "photos/ → ~/Downloads/photos"
    const QString name = snapshot.key.section(QLatin1Char('/'), -1, -1, QString::SectionSkipEmpty);
    return name.isEmpty() ? snapshot.key : name;
}

QString errorLabel(const s3::S3Error &error)
{
    return error.code().isEmpty() ? s3::S3Error::kindName(error.kind()) : error.code();
}

} // namespace

TransferListModel::TransferListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_removalTimer.setSingleShot(true);
    m_removalTimer.setInterval(0);
    connect(&m_removalTimer, &QTimer::timeout, this, &TransferListModel::flushRemovals);
}

TransferListModel::~TransferListModel() = default;

void TransferListModel::addEngine(s3::TransferEngine *engine, const QString &connectionName)
{
    if (!engine)
        return;
    const bool known = m_engines.contains(engine);
    m_engines.insert(engine, connectionName);
    if (known)
        return;
    // The lambdas check that the engine is still followed: queued signals posted before a removeEngine() (or the
    // engine's destruction) are still delivered afterwards.
    connect(engine, &s3::TransferEngine::taskAdded, this,
            [this, engine](const s3::TransferSnapshot &snapshot) { handleSnapshots(engine, {snapshot}); });
    connect(engine, &s3::TransferEngine::tasksChanged, this,
            [this, engine](const QList<s3::TransferSnapshot> &snapshots) { handleSnapshots(engine, snapshots); });
    connect(engine, &s3::TransferEngine::taskFinished, this,
            [this, engine](const s3::TransferSnapshot &snapshot) { handleFinished(engine, snapshot); });
    connect(engine, &s3::TransferEngine::taskRemoved, this,
            [this, engine](s3::TransferId id) { handleRemoved(engine, id); });
    connect(engine, &QObject::destroyed, this, [this, engine] { forgetEngine(engine); });
    // Transfers that were there before we connected (restored ones) come as one tasksChanged().
    engine->requestSnapshots();
}

void TransferListModel::removeEngine(s3::TransferEngine *engine)
{
    if (!m_engines.contains(engine))
        return;
    disconnect(engine, nullptr, this, nullptr);
    forgetEngine(engine);
}

QList<s3::TransferEngine *> TransferListModel::engines() const
{
    return m_engines.keys();
}

QString TransferListModel::connectionName(s3::TransferEngine *engine) const
{
    return m_engines.value(engine);
}

int TransferListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TransferListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransferListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const s3::TransferSnapshot &s = row.snapshot;
    const bool upload = s.direction == s3::TransferDirection::Upload;
    const bool copy = s.direction == s3::TransferDirection::Copy;
    switch (role) {
    case SnapshotRole:
        return QVariant::fromValue(s);
    case EngineRole:
        return QVariant::fromValue(row.engine);
    case IdRole:
        return QVariant::fromValue(qulonglong(s.id));
    case ProgressRole:
        return percentDone(s);
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Name: return displayName(s);
        case Direction: return copy ? (s.move ? tr("Move") : tr("Copy")) : upload ? tr("Upload") : tr("Download");
        case Size: return s.bytesTotal < 0 ? QString() : formatSize(s.bytesTotal);
        case Progress: return QStringLiteral("%1 %").arg(percentDone(s));
        case Rate: return s.state == s3::TransferState::Running ? formatRate(s.bytesPerSecond) : QString();
        case Eta: return s.state == s3::TransferState::Running ? formatDuration(s.etaSeconds) : QString();
        case State: return stateText(s);
        case ColumnCount: break;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == Name)
            return iconForKey(s.key);
        if (index.column() == Direction)
            return appIcon(upload || copy ? QStringLiteral("upload") : QStringLiteral("download"));
        return {};
    case Qt::ToolTipRole: {
        if (s.isGroup && (index.column() == Name || index.column() == State)) {
            QStringList lines{s.note, QStringLiteral("s3://%1/%2").arg(s.bucket, s.key), stateText(s)};
            if (s.files.failed > 0)
                lines << tr("Its failed files are listed as their own rows: retry them there, or retry the folder.");
            return lines.join(QLatin1Char('\n'));
        }
        if (index.column() == State && s.state == s3::TransferState::Failed)
            return errorDetails(s.lastError);
        if (index.column() != Name && index.column() != State)
            return {};
        QStringList lines{QStringLiteral("s3://%1/%2").arg(s.bucket, s.key),
                          copy ? tr("From: %1").arg(QStringLiteral("s3://%1/%2").arg(s.sourceBucket, s.sourceKey))
                               : (upload ? tr("From: %1") : tr("To: %1")).arg(s.localPath)};
        const QString connection = m_engines.value(row.engine);
        if (!connection.isEmpty())
            lines << tr("Connection: %1").arg(connection);
        if (const int job = s.groupId ? lookup({row.engine, s.groupId}) : -1; job >= 0)
            lines << tr("Part of: %1").arg(m_rows.at(job).snapshot.note);
        if (s.state == s3::TransferState::Failed || !s.note.isEmpty())
            lines << stateText(s);
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::TextAlignmentRole:
        if (index.column() == Size || index.column() == Rate || index.column() == Eta)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant TransferListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name: return tr("Name");
    case Direction: return tr("Direction");
    case Size: return tr("Size");
    case Progress: return tr("Progress");
    case Rate: return tr("Rate");
    case Eta: return tr("ETA");
    case State: return tr("State");
    case ColumnCount: break;
    }
    return {};
}

s3::TransferSnapshot TransferListModel::snapshotAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).snapshot : s3::TransferSnapshot{};
}

s3::TransferEngine *TransferListModel::engineAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).engine : nullptr;
}

int TransferListModel::rowOf(s3::TransferEngine *engine, s3::TransferId id) const
{
    return lookup({engine, id});
}

void TransferListModel::addRefused(s3::TransferDirection direction, const QString &bucket, const QString &key,
                                   const QString &localPath, const QString &reason)
{
    s3::TransferSnapshot snapshot;
    snapshot.id = m_nextRefusedId++;
    snapshot.direction = direction;
    snapshot.bucket = bucket;
    snapshot.key = key;
    snapshot.localPath = localPath;
    snapshot.state = s3::TransferState::Failed;
    snapshot.lastError = s3::S3Error(s3::S3Error::Kind::Invalid, reason);
    snapshot.added = QDateTime::currentDateTimeUtc();
    snapshot.finished = snapshot.added;
    flushRemovals();
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    if (!m_indexStale)
        m_rowIndex.insert({nullptr, snapshot.id}, row);
    m_rows.append({nullptr, snapshot});
    endInsertRows();
    updateSummary();
}

void TransferListModel::removeRefused(const QList<int> &rows)
{
    QSet<s3::TransferId> ids;
    for (int row : rows) {
        if (row >= 0 && row < m_rows.size() && !m_rows.at(row).engine)
            ids.insert(m_rows.at(row).snapshot.id);
    }
    if (ids.isEmpty())
        return;
    removeRowsWhere([&ids](const Row &row) { return !row.engine && ids.contains(row.snapshot.id); });
}

int TransferListModel::activeCount() const
{
    return stateCount(s3::TransferState::Queued) + stateCount(s3::TransferState::Running)
        + stateCount(s3::TransferState::Completing);
}

int TransferListModel::stateCount(s3::TransferState state) const
{
    const auto slot = size_t(state);
    return slot < m_stateCounts.size() ? m_stateCounts[slot] : 0;
}

QString TransferListModel::groupCountsText(const s3::TransferGroupCounts &files)
{
    const QLocale locale;
    QString text = tr("%1 of %2 files done").arg(locale.toString(files.done), locale.toString(files.files));
    if (files.running > 0)
        text += tr(", %1 running").arg(locale.toString(files.running));
    if (files.failed > 0)
        text += tr(", %1 failed").arg(locale.toString(files.failed));
    if (files.cancelled > 0)
        text += tr(", %1 cancelled").arg(locale.toString(files.cancelled));
    return text;
}

QString TransferListModel::stateText(const s3::TransferSnapshot &snapshot)
{
    if (snapshot.isGroup) {
        // A folder job: its state and its files' counts (its note is its name, shown in the Name column).
        const QString counts = groupCountsText(snapshot.files);
        switch (snapshot.state) {
        case s3::TransferState::Queued: return tr("Queued: %1").arg(counts);
        case s3::TransferState::Running: return tr("Running: %1").arg(counts);
        case s3::TransferState::Paused: return tr("Paused: %1").arg(counts);
        case s3::TransferState::Completing: return tr("Completing: %1").arg(counts);
        case s3::TransferState::Succeeded: return tr("Done: %1").arg(counts);
        case s3::TransferState::Cancelled: return tr("Cancelled: %1").arg(counts);
        case s3::TransferState::Failed: return tr("Failed: %1").arg(counts);
        }
        return counts;
    }
    // What the run says of itself ("resuming at 12.3 MiB", "changed on the server ...") while it is on its way.
    const QString note = snapshot.note.simplified();
    switch (snapshot.state) {
    case s3::TransferState::Queued: return note.isEmpty() ? tr("Queued") : tr("Queued, %1").arg(note);
    case s3::TransferState::Running: return note.isEmpty() ? tr("Running") : tr("Running, %1").arg(note);
    case s3::TransferState::Paused: return tr("Paused");
    case s3::TransferState::Completing:
        return snapshot.direction == s3::TransferDirection::Download ? tr("Verifying") : tr("Completing");
    case s3::TransferState::Succeeded: // done, but with something the user must know (tags or encryption not applied)
        return note.startsWith(QLatin1String("warning: ")) ? tr("Done, %1").arg(note) : tr("Done");
    case s3::TransferState::Cancelled: return tr("Cancelled");
    case s3::TransferState::Failed: {
        const s3::S3Error &error = snapshot.lastError;
        const QString message = error.message().simplified();
        QString text = tr("Failed: %1").arg(errorLabel(error));
        if (!message.isEmpty() && message != errorLabel(error))
            text += QStringLiteral(": ") + message;
        return text;
    }
    }
    return {};
}

QString TransferListModel::errorDetails(const s3::S3Error &error)
{
    QStringList lines{tr("Error: %1").arg(errorLabel(error))};
    if (!error.message().isEmpty())
        lines << error.message().simplified();
    if (error.httpStatus() > 0)
        lines << tr("HTTP status: %1").arg(error.httpStatus());
    if (!error.requestId().isEmpty())
        lines << tr("Request id: %1").arg(error.requestId());
    if (!error.hostId().isEmpty())
        lines << tr("Host id: %1").arg(error.hostId());
    if (!error.resource().isEmpty())
        lines << tr("Resource: %1").arg(error.resource());
    if (const QString hint = error.hint(); !hint.isEmpty())
        lines << hint;
    lines << tr("Retry starts it again from what was already transferred.");
    return lines.join(QLatin1Char('\n'));
}

void TransferListModel::handleSnapshots(s3::TransferEngine *engine, const QList<s3::TransferSnapshot> &snapshots)
{
    if (!m_engines.contains(engine) || snapshots.isEmpty())
        return;
    flushRemovals(); // keep the order of events: a removal before this batch happens before it
    QList<int> changed;
    QList<Row> added;
    QHash<s3::TransferId, qsizetype> addedIndex;
    for (const s3::TransferSnapshot &snapshot : snapshots) {
        if (const int row = lookup({engine, snapshot.id}); row >= 0) {
            m_rows[row].snapshot = snapshot;
            changed.append(row);
        } else if (const auto it = addedIndex.constFind(snapshot.id); it != addedIndex.cend()) {
            added[*it].snapshot = snapshot;
        } else {
            addedIndex.insert(snapshot.id, added.size());
            added.append({engine, snapshot});
        }
    }
    if (!changed.isEmpty()) {
        std::sort(changed.begin(), changed.end());
        changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
        const int last = ColumnCount - 1;
        if (changed.size() * 2 > m_rows.size()) {
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, last));
        } else {
            for (int row : std::as_const(changed))
                Q_EMIT dataChanged(index(row, 0), index(row, last));
        }
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const Row &row : std::as_const(added)) {
            if (!m_indexStale)
                m_rowIndex.insert({row.engine, row.snapshot.id}, int(m_rows.size()));
            m_rows.append(row);
        }
        endInsertRows();
    }
    updateSummary();
}

void TransferListModel::handleFinished(s3::TransferEngine *engine, const s3::TransferSnapshot &snapshot)
{
    if (!m_engines.contains(engine))
        return;
    handleSnapshots(engine, {snapshot});
    Q_EMIT transferFinished(engine, snapshot);
}

void TransferListModel::handleRemoved(s3::TransferEngine *engine, s3::TransferId id)
{
    if (!m_engines.contains(engine))
        return;
    m_pendingRemovals.insert({engine, id});
    m_removalTimer.start();
}

void TransferListModel::flushRemovals()
{
    m_removalTimer.stop();
    if (m_pendingRemovals.isEmpty())
        return;
    const QSet<Key> removals = std::exchange(m_pendingRemovals, {});
    removeRowsWhere([&removals](const Row &row) { return removals.contains({row.engine, row.snapshot.id}); });
}

void TransferListModel::forgetEngine(s3::TransferEngine *engine)
{
    // Called from QObject::destroyed too: `engine` is only a key here, never dereferenced.
    m_engines.remove(engine);
    flushRemovals();
    removeRowsWhere([engine](const Row &row) { return row.engine == engine; });
}

void TransferListModel::removeRowsWhere(const std::function<bool(const Row &)> &predicate)
{
    // From the end, one beginRemoveRows() per run of neighbouring rows.
    bool removed = false;
    int row = int(m_rows.size()) - 1;
    while (row >= 0) {
        if (!predicate(m_rows.at(row))) {
            --row;
            continue;
        }
        const int last = row;
        while (row > 0 && predicate(m_rows.at(row - 1)))
            --row;
        beginRemoveRows({}, row, last);
        m_rows.remove(row, last - row + 1);
        m_indexStale = true; // before endRemoveRows(): its listeners may look rows up
        endRemoveRows();
        removed = true;
        --row;
    }
    if (removed)
        updateSummary();
}

int TransferListModel::lookup(const Key &key) const
{
    if (m_indexStale) {
        m_rowIndex.clear();
        m_rowIndex.reserve(m_rows.size());
        for (int row = 0; row < m_rows.size(); ++row)
            m_rowIndex.insert({m_rows.at(row).engine, m_rows.at(row).snapshot.id}, row);
        m_indexStale = false;
    }
    return m_rowIndex.value(key, -1);
}

void TransferListModel::updateSummary()
{
    std::array<int, 7> counts{};
    double rate = 0;
    for (const Row &row : std::as_const(m_rows)) {
        const auto slot = size_t(row.snapshot.state);
        if (slot < counts.size())
            ++counts[slot];
        // A folder job's row sums its files' rates: their own rows are not added again.
        if (row.snapshot.state == s3::TransferState::Running && row.snapshot.groupId == 0)
            rate += row.snapshot.bytesPerSecond;
    }
    if (counts == m_stateCounts && qFuzzyCompare(rate + 1.0, m_totalRate + 1.0))
        return;
    m_stateCounts = counts;
    m_totalRate = rate;
    Q_EMIT summaryChanged();
}

} // namespace s3ui
