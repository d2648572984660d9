// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <functional>

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QTimer>

#include "s3core/transfer/transferengine.h"
#include "s3core/transfer/transfertypes.h"

namespace s3ui {

/**
 * Every transfer of one or more TransferEngines (one per open connection), one row each, in order of arrival.
 *
 * The model follows the engines' queued signals (taskAdded, tasksChanged, taskFinished, taskRemoved) on the GUI
 * thread and keeps a copy of each transfer's latest snapshot; it never asks the engine thread for anything but
 * the one requestSnapshots() that addEngine() sends, so transfers that existed before (restored after a restart)
 * appear too. A snapshot of an unknown transfer inserts a row, so the order of those signals does not matter.
 *
 * Rows are keyed by (engine, TransferId) with a hash for O(1) lookup. A batch of changes emits one dataChanged()
 * over the whole table when more than half of the rows changed, otherwise one per changed row.
 *
 * A folder job (TransferEngine::enqueueFolderDownloadGroup()) is one row (snapshot.isGroup) with its files' counts and
 * summed progress and rate; its files that are tasks now (running, and failed ones kept for retry) are rows of
 * their own, so a 100,000-file job never has more than a few dozen rows.
 *
 * The model does not own the engines. An engine that is destroyed takes its rows with it; removeEngine() does the
 * same earlier. Acting on a transfer is done on the engine (engineAt(row)->pause(snapshotAt(row).id)): the row
 * follows when the engine reports the change.
 */
class TransferListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferListModel)
public:
    enum Column { Name, Direction, Size, Progress, Rate, Eta, State, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        SnapshotRole = Qt::UserRole + 1, ///< QVariant of s3::TransferSnapshot (any column)
        EngineRole,                      ///< s3::TransferEngine * (any column)
        IdRole,                          ///< s3::TransferId as qulonglong (any column)
        ProgressRole,                    ///< percent done, int 0..100 (any column)
    };
    Q_ENUM(Role)

    explicit TransferListModel(QObject *parent = nullptr);
    ~TransferListModel() override;

    /**
     * Shows the transfers of `engine` (those already there arrive shortly, through requestSnapshots()).
     * connectionName appears in tooltips. Adding an engine twice only updates its name.
     */
    void addEngine(s3::TransferEngine *engine, const QString &connectionName);
    /** Stops following `engine` and removes its rows; the engine and its transfers are left alone. */
    void removeEngine(s3::TransferEngine *engine);
    QList<s3::TransferEngine *> engines() const;
    QString connectionName(s3::TransferEngine *engine) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** A default snapshot (id 0) for a row out of range. */
    s3::TransferSnapshot snapshotAt(int row) const;
    /** nullptr for a row out of range. */
    s3::TransferEngine *engineAt(int row) const;
    /** The row of a transfer, or -1. */
    int rowOf(s3::TransferEngine *engine, s3::TransferId id) const;

    /**
     * A row for an item a folder action left out (a key with no safe local name, a file that cannot be read, a
     * link to a folder): no engine, state Failed with `reason` as its error, so the list says what is missing.
     * Nothing can be retried there; Remove takes it away (removeRefused()).
     */
    void addRefused(s3::TransferDirection direction, const QString &bucket, const QString &key, const QString &localPath,
                    const QString &reason);
    /** Removes these rows if they are refused items (rows of engines are left alone). */
    void removeRefused(const QList<int> &rows);

    /** Transfers queued, running or completing. */
    int activeCount() const;
    /** Transfers in `state`. */
    int stateCount(s3::TransferState state) const;
    /** Bytes per second of every running transfer together. */
    double totalRate() const { return m_totalRate; }

    /** Display texts the views share. */
    static QString stateText(const s3::TransferSnapshot &snapshot);
    /** A folder job's files: "120 of 2,000 files done, 4 running, 1 failed". */
    static QString groupCountsText(const s3::TransferGroupCounts &files);
    /** The full error of a failed transfer for a tooltip: code, message, HTTP status, request id and a hint. */
    static QString errorDetails(const s3::S3Error &error);

Q_SIGNALS:
    /**
     * A transfer reached a final state (Succeeded, Failed or Cancelled): once per run of a transfer (a retried
     * transfer finishes again). The browser refreshes the folder it shows after an upload into it.
     */
    void transferFinished(s3::TransferEngine *engine, const s3::TransferSnapshot &snapshot);
    /** activeCount(), totalRate() or a stateCount() changed. */
    void summaryChanged();

private:
    struct Key
    {
        s3::TransferEngine *engine = nullptr;
        s3::TransferId id = 0;
        friend bool operator==(const Key &a, const Key &b) { return a.engine == b.engine && a.id == b.id; }
        friend size_t qHash(const Key &key, size_t seed = 0) { return qHashMulti(seed, key.engine, key.id); }
    };
    struct Row
    {
        s3::TransferEngine *engine = nullptr;
        s3::TransferSnapshot snapshot;
    };

    void handleSnapshots(s3::TransferEngine *engine, const QList<s3::TransferSnapshot> &snapshots);
    void handleFinished(s3::TransferEngine *engine, const s3::TransferSnapshot &snapshot);
    void handleRemoved(s3::TransferEngine *engine, s3::TransferId id);
    void flushRemovals();
    void forgetEngine(s3::TransferEngine *engine);
    void removeRowsWhere(const std::function<bool(const Row &)> &predicate);
    int lookup(const Key &key) const;
    void updateSummary();

    QList<Row> m_rows;
    // Row lookup; rebuilt lazily after rows were removed (one O(n) pass per batch, not one per removed row).
    mutable QHash<Key, int> m_rowIndex;
    mutable bool m_indexStale = false;
    // taskRemoved() arrives once per transfer ("Clear finished" on thousands): removed together, after the burst.
    QSet<Key> m_pendingRemovals;
    QTimer m_removalTimer;
    QHash<s3::TransferEngine *, QString> m_engines; // followed engines -> connection name
    std::array<int, 7> m_stateCounts{}; // indexed by s3::TransferState
    double m_totalRate = 0;
    s3::TransferId m_nextRefusedId = 1; // ids of refused rows (their engine is null, so they never meet an engine's)
};

} // namespace s3ui
