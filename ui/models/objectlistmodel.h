// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <vector>

#include <QAbstractTableModel>
#include <QHash>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include "s3core/ops/listobjectsjob.h"
#include "s3core/s3error.h"
#include "s3core/search/searchcriteria.h"
#include "s3core/types.h"
#include "models/chunkedstore.h"
#include "models/compactetag.h"

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
    enum Column { NameColumn, SizeColumn, ModifiedColumn, StorageClassColumn, EtagColumn, EncryptionColumn, ColumnCount };
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
    /** Lists the same location again (after an upload, rename, delete...); in search mode searches again. */
    void refresh();
    /**
     * Search mode: the rows become the objects below the current prefix, at any depth, that match (SearchObjectsJob),
     * streaming in as pages arrive; names are the keys relative to the prefix ("a/b/c.txt"), so keyAt() is the full
     * key and every file action works on them. isListing() is true while the search runs, stopListing() stops it
     * (what was found stays), setLocation() (any navigation) leaves search mode. Invalid criteria fail through
     * listingFailed() without a request.
     */
    void startSearch(const s3::SearchCriteria &criteria);
    bool isSearchMode() const { return m_searchMode; }
    const s3::SearchCriteria &searchCriteria() const { return m_criteria; }
    /** Keys the search walked so far (found: loadedCount()). */
    qint64 searchedCount() const { return m_searched; }
    /** Stops the listing in flight (what arrived stays). */
    void stopListing();

    QString bucket() const { return m_bucket; }
    QString prefix() const { return m_prefix; }
    bool isListing() const { return m_job != nullptr; }
    /** Entries received so far (folders + objects), whatever the filter. */
    int loadedCount() const { return int(m_store->size()); }
    s3::S3Error lastError() const { return m_error; }

    /** Keys per ListObjectsV2 page (1..1000, default 1000; smaller in tests). */
    void setPageSize(int keys) { m_pageSize = keys; }

    /**
     * Case-insensitive substring filter on the name (type-to-filter). Typing more only narrows the rows shown;
     * clearing the filter restores the rows kept aside, so neither re-sorts.
     */
    void setNameFilter(const QString &text);
    /**
     * True while a sort or filter of many rows runs on a worker thread (the old rows stay on screen meanwhile;
     * new pages keep arriving and are merged into the result).
     */
    bool isRecomputing() const { return m_recomputing; }
    /** Rows above which sorting and filtering run on a worker thread instead of the GUI thread. */
    static constexpr size_t BackgroundRows = 50000;
    QString nameFilter() const { return m_filter; }

    /** Row of the entry whose name (relative to the prefix; folders without '/') is `name`, or -1. */
    int rowOfName(const QString &name) const;
    /**
     * The Encryption column's text for a file of this folder (a listing does not say it: EncryptionColumnLoader
     * asks the server for the rows in view). Kept until the location changes or is refreshed.
     */
    void setEncryption(const QString &name, const QString &text);
    bool hasEncryption(const QString &name) const { return m_encryption.contains(name); }
    /** Changes with every new listing (setLocation(), refresh()): answers for an older one are stale. */
    quint64 listingGeneration() const { return m_generation; }
    QString keyAt(int row) const;
    bool isFolderAt(int row) const;
    qint64 sizeAt(int row) const;
    QString nameAt(int row) const;
    /** True when a loaded entry has this name (for upload conflict checks). */
    bool containsName(const QString &name, bool folder) const;
    /** The sizes of the files of these names in the listing (one pass over it, not one per name). */
    QHash<QString, qint64> fileSizes(const QSet<QString> &names) const;

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

    /**
     * MIME type of dragged objects: a JSON object {"bucket": "...", "keys": ["...", ...]} (UTF-8). JSON, not lines:
     * a key may contain a newline and must come back whole.
     */
    static QString objectsMimeType();
    /** What a drag of objects carries: the bucket and the keys (folders end with '/'). */
    struct DraggedObjects
    {
        QString bucket;
        QStringList keys;
    };
    static QByteArray encodeObjects(const DraggedObjects &objects);
    /** Empty bucket or no keys when `data` is not such an object. */
    static DraggedObjects decodeObjects(const QByteArray &data);

Q_SIGNALS:
    /** Listing started/stopped (also when cancelled by navigation). */
    void listingChanged(bool listing);
    /** More entries arrived (the "N items loaded…" counter). */
    void loadedCountChanged(int count);
    /** The listing failed; what arrived before stays. */
    void listingFailed(const s3::S3Error &error);
    /** A search walked another page: keys searched so far, matches found so far. */
    void searchProgress(qint64 searched, qint64 found);
    /** The first rows of a new location are in the model. */
    void firstPageShown();
    /** A background sort/filter started or ended (its result is in the model when this says false). */
    void recomputingChanged(bool recomputing);

private:
    struct Entry
    {
        QString name;      // relative to the prefix; folders without the trailing '/'
        CompactEtag etag;
        qint64 size = -1;  // -1 for folders
        qint64 modifiedMs = 0;
        quint8 storageClass = 0; // index into m_storageClasses
        bool folder = false;
    };

    struct SortSpec
    {
        int column = NameColumn;
        Qt::SortOrder order = Qt::AscendingOrder;
        QStringList storageClasses;
    };
    /** The one order of the model: folders first, then the column, then natural name order, then arrival. */
    static bool entryLess(const Entry &x, quint32 a, const Entry &y, quint32 b, const SortSpec &spec);

    /** Empties the rows for a new listing or search of client/bucket/prefix (one model reset). */
    void resetContents(s3::S3Client *client, const QString &bucket, const QString &prefix);
    void startListing();
    void watchJob(s3::Job *job);
    void handlePage(quint64 generation, const s3::ListObjectsPage &page);
    void appendObjects(const QList<s3::ObjectInfo> &objects);
    /** New entries are pending: the first ones show at once, later ones with the batch timer. */
    void schedulePending();
    void flushPending();
    static bool matches(const Entry &entry, const QString &filter);
    const Entry &entryAt(quint32 index) const { return (*m_store)[index]; }
    bool lessThan(quint32 a, quint32 b) const;
    bool accepts(const Entry &entry) const;
    /** Two row vectors in the model's order, merged into one. */
    std::vector<quint32> mergedRows(const std::vector<quint32> &a, const std::vector<quint32> &b) const;
    /** Shows `rows` instead of m_rows: one layout change, persistent indexes follow their entries. */
    void replaceRows(std::vector<quint32> rows);
    /** The rows shown become `candidates`, filtered and/or sorted: here if few, else on a worker thread. */
    void recomputeRows(std::vector<quint32> candidates, bool filter, bool sort);
    void applyRecomputedRows(quint64 token, quint32 knownEntries, std::vector<quint32> rows);
    void setRecomputing(bool recomputing);
    std::vector<quint32> allEntries() const;
    quint8 storageClassIndex(const QString &storageClass);

    QPointer<s3::S3Client> m_client;
    QString m_bucket;
    QString m_prefix;
    quint64 m_generation = 0;
    QHash<QString, QString> m_encryption; // file name -> Encryption column text, only for the rows looked at
    QPointer<s3::Job> m_job; // the listing or the search
    bool m_searchMode = false;
    s3::SearchCriteria m_criteria;
    qint64 m_searched = 0;
    s3::S3Error m_error;

    // Arrival order. Entries never move (no reallocation spikes at a million entries) and a worker reads them
    // through a snapshot of the chunk table; shared, so a worker keeps them alive after the user moved on.
    using EntryStore = ChunkedStore<Entry>;
    std::shared_ptr<EntryStore> m_store = std::make_shared<EntryStore>();
    std::vector<quint32> m_rows;  // view row -> entry index (sorted, filtered)
    std::vector<Entry> m_pending; // received, not yet inserted
    QTimer m_batchTimer;
    bool m_firstPageShown = false;

    int m_pageSize = 1000;
    SortSpec m_spec{NameColumn, Qt::AscendingOrder, QStringList{QString()}};
    QString m_filter;
    std::vector<quint32> m_unfiltered; // every entry in order while a filter hides some (valid when m_haveUnfiltered)
    bool m_haveUnfiltered = false;
    quint64 m_rowsToken = 0; // bumped by anything that makes a background result stale
    bool m_recomputing = false;
};

} // namespace s3ui
