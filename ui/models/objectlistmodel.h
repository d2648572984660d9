// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <deque>
#include <vector>

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include "s3core/ops/listobjectsjob.h"
#include "s3core/s3error.h"
#include "s3core/types.h"

namespace s3 {
class S3Client;
} // namespace s3

namespace s3ui {

/**
 * The objects and sub-folders of one prefix ("folder") of a bucket, for a table view.
 *
 * Listing is lazy and paged: setLocation() starts a ListObjectsV2 listing with delimiter "/"; the first page
 * is shown at once, later pages are inserted in batches at most every BatchIntervalMs (one beginInsertRows per
 * run of rows that land together), so a prefix of a million keys never floods the view. Leaving the prefix
 * cancels the listing; a generation counter drops anything that still arrives for the old one. No per-object
 * request is ever made: everything shown comes from the listing itself.
 *
 * Sorting and filtering live here rather than in a QSortFilterProxyModel: the rows are a permutation vector
 * over compact entries, kept sorted as pages arrive (folders first, then the sort column; names in natural
 * order, "file2" before "file10"), which costs O(page) per batch instead of a proxy's per-row re-mapping.
 */
class ObjectListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObjectListModel)
public:
    enum Column { NameColumn, SizeColumn, ModifiedColumn, StorageClassColumn, EtagColumn, ColumnCount };
    enum Role {
        KeyRole = Qt::UserRole + 1, ///< full key (folders end with '/')
        IsFolderRole,
        SizeRole,                   ///< qint64 bytes (-1 for folders)
        ModifiedRole,               ///< QDateTime UTC
        EtagRole,
    };
    static constexpr int BatchIntervalMs = 100;

    explicit ObjectListModel(QObject *parent = nullptr);
    ~ObjectListModel() override;

    /** Lists `prefix` ("" or ending with '/') of `bucket`. A null client clears the model. */
    void setLocation(s3::S3Client *client, const QString &bucket, const QString &prefix);
    /** Lists the same location again (after an upload, rename, delete...). */
    void refresh();
    /** Stops the listing in flight (what arrived stays). */
    void stopListing();

    QString bucket() const { return m_bucket; }
    QString prefix() const { return m_prefix; }
    bool isListing() const { return m_job != nullptr; }
    /** Entries received so far (folders + objects), whatever the filter. */
    int loadedCount() const { return int(m_entries.size()); }
    s3::S3Error lastError() const { return m_error; }

    /** Keys per ListObjectsV2 page (1..1000, default 1000; smaller in tests). */
    void setPageSize(int keys) { m_pageSize = keys; }

    /** Case-insensitive substring filter on the name (type-to-filter). */
    void setNameFilter(const QString &text);
    QString nameFilter() const { return m_filter; }

    /** Row of the entry whose name (relative to the prefix; folders without '/') is `name`, or -1. */
    int rowOfName(const QString &name) const;
    QString keyAt(int row) const;
    bool isFolderAt(int row) const;
    qint64 sizeAt(int row) const;
    QString nameAt(int row) const;
    /** True when a loaded entry has this name (for upload conflict checks). */
    bool containsName(const QString &name, bool folder) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction | Qt::CopyAction; }

    /** Natural, case-insensitive name order ("a2" < "a10" < "B"); ties broken by exact comparison. */
    static int compareNames(const QString &a, const QString &b);

    /** MIME type of dragged objects: lines "bucket\nkey\nkey..." (UTF-8). */
    static QString objectsMimeType();

Q_SIGNALS:
    /** Listing started/stopped (also when cancelled by navigation). */
    void listingChanged(bool listing);
    /** More entries arrived (the "N items loaded…" counter). */
    void loadedCountChanged(int count);
    /** The listing failed; what arrived before stays. */
    void listingFailed(const s3::S3Error &error);
    /** The first rows of a new location are in the model. */
    void firstPageShown();

private:
    struct Entry
    {
        QString name;      // relative to the prefix; folders without the trailing '/'
        QByteArray etag;   // without quotes
        qint64 size = -1;  // -1 for folders
        qint64 modifiedMs = 0;
        quint8 storageClass = 0; // index into m_storageClasses
        bool folder = false;
    };

    void startListing();
    void handlePage(quint64 generation, const s3::ListObjectsPage &page);
    void flushPending();
    bool lessThan(quint32 a, quint32 b) const;
    bool accepts(const Entry &entry) const;
    void rebuildRows();
    quint8 storageClassIndex(const QString &storageClass);

    QPointer<s3::S3Client> m_client;
    QString m_bucket;
    QString m_prefix;
    quint64 m_generation = 0;
    QPointer<s3::ListObjectsJob> m_job;
    s3::S3Error m_error;

    std::deque<Entry> m_entries;  // arrival order (a deque: no reallocation spikes at a million entries)
    std::vector<quint32> m_rows;  // view row -> entry index (sorted, filtered)
    std::vector<Entry> m_pending; // received, not yet inserted
    QTimer m_batchTimer;
    bool m_firstPageShown = false;

    int m_pageSize = 1000;
    int m_sortColumn = NameColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QString m_filter;
    QStringList m_storageClasses{QString()};
};

} // namespace s3ui
