// SPDX-License-Identifier: Apache-2.0
#include "models/objectlistmodel.h"

#include <algorithm>
#include <numeric>

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMimeData>
#include <QThreadPool>
#include <QUrl>

#include "s3core/net/s3client.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/searchobjectsjob.h"
#include "util/format.h"
#include "util/icons.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {

bool isAsciiDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

char16_t foldCase(char16_t c)
{
    if (c < 128)
        return (c >= u'A' && c <= u'Z') ? char16_t(c + 32) : c;
    return QChar::toCaseFolded(c);
}

QByteArray stripQuotes(const QString &etag)
{
    QString value = etag;
    if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
        value = value.mid(1, value.size() - 2);
    return value.toLatin1();
}

} // namespace

ObjectListModel::ObjectListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(BatchIntervalMs);
    connect(&m_batchTimer, &QTimer::timeout, this, &ObjectListModel::flushPending);
}

ObjectListModel::~ObjectListModel()
{
    s3::cancelQuietly(m_job, this);
}

int ObjectListModel::compareNames(const QString &a, const QString &b)
{
    const char16_t *p = reinterpret_cast<const char16_t *>(a.constData());
    const char16_t *q = reinterpret_cast<const char16_t *>(b.constData());
    const char16_t *pe = p + a.size();
    const char16_t *qe = q + b.size();
    while (p < pe && q < qe) {
        if (isAsciiDigit(*p) && isAsciiDigit(*q)) {
            // Digit runs compare by value: skip leading zeros, then the longer run is larger.
            const char16_t *ps = p;
            const char16_t *qs = q;
            while (ps < pe && *ps == u'0')
                ++ps;
            while (qs < qe && *qs == u'0')
                ++qs;
            const char16_t *pd = ps;
            const char16_t *qd = qs;
            while (pd < pe && isAsciiDigit(*pd))
                ++pd;
            while (qd < qe && isAsciiDigit(*qd))
                ++qd;
            if ((pd - ps) != (qd - qs))
                return (pd - ps) < (qd - qs) ? -1 : 1;
            for (; ps < pd; ++ps, ++qs) {
                if (*ps != *qs)
                    return *ps < *qs ? -1 : 1;
            }
            p = pd;
            q = qd;
            continue;
        }
        const char16_t x = foldCase(*p);
        const char16_t y = foldCase(*q);
        if (x != y)
            return x < y ? -1 : 1;
        ++p;
        ++q;
    }
    if (p < pe)
        return 1;
    if (q < qe)
        return -1;
    return a.compare(b); // equal when folded: fall back to exact order, so the order is total
}

QString ObjectListModel::objectsMimeType()
{
    return QStringLiteral("application/x-s3desk-objects");
}

QByteArray ObjectListModel::encodeObjects(const DraggedObjects &objects)
{
    return QJsonDocument(QJsonObject{{u"bucket"_s, objects.bucket},
                                     {u"keys"_s, QJsonArray::fromStringList(objects.keys)}})
        .toJson(QJsonDocument::Compact);
}

ObjectListModel::DraggedObjects ObjectListModel::decodeObjects(const QByteArray &data)
{
    const QJsonObject json = QJsonDocument::fromJson(data).object();
    DraggedObjects objects;
    objects.bucket = json.value(u"bucket"_s).toString();
    for (const QJsonValue &key : json.value(u"keys"_s).toArray()) {
        if (!key.isString() || key.toString().isEmpty())
            return {};
        objects.keys.append(key.toString());
    }
    if (objects.bucket.isEmpty())
        return {};
    return objects;
}

void ObjectListModel::setLocation(s3::S3Client *client, const QString &bucket, const QString &prefix)
{
    m_searchMode = false;
    resetContents(client, bucket, prefix);
    if (m_client && !m_bucket.isEmpty())
        startListing();
}

void ObjectListModel::startSearch(const s3::SearchCriteria &criteria)
{
    m_searchMode = true;
    m_criteria = criteria;
    resetContents(m_client, m_bucket, m_prefix);
    if (!m_client || m_bucket.isEmpty())
        return;
    auto *job = new s3::SearchObjectsJob(m_client, m_bucket, m_prefix, criteria, this);
    job->setPageSize(m_pageSize);
    const quint64 generation = m_generation;
    connect(job, &s3::SearchObjectsJob::matchesFound, this, [this, generation](const QList<s3::ObjectInfo> &objects) {
        if (generation != m_generation)
            return;
        appendObjects(objects);
        schedulePending();
    });
    connect(job, &s3::SearchObjectsJob::progressChanged, this, [this, generation](qint64 searched, qint64 found) {
        if (generation != m_generation)
            return;
        m_searched = searched;
        Q_EMIT searchProgress(searched, found);
    });
    watchJob(job);
}

void ObjectListModel::resetContents(s3::S3Client *client, const QString &bucket, const QString &prefix)
{
    stopListing();
    ++m_generation;
    beginResetModel();
    m_store = std::make_shared<EntryStore>(); // a background sort may still read the old one
    m_rows.clear();
    m_rows.shrink_to_fit();
    m_pending.clear();
    m_spec.storageClasses = QStringList{QString()};
    m_encryption.clear();
    m_unfiltered.clear();
    m_haveUnfiltered = false;
    ++m_rowsToken;
    setRecomputing(false);
    m_client = client;
    m_bucket = bucket;
    m_prefix = prefix;
    m_error = {};
    m_firstPageShown = false;
    m_searched = 0;
    endResetModel();
    Q_EMIT loadedCountChanged(0);
}

void ObjectListModel::refresh()
{
    if (m_searchMode)
        startSearch(m_criteria);
    else
        setLocation(m_client, m_bucket, m_prefix);
}

void ObjectListModel::stopListing()
{
    m_batchTimer.stop();
    if (m_job) {
        s3::cancelQuietly(m_job, this);
        flushPending();
        Q_EMIT listingChanged(false);
    }
}

void ObjectListModel::startListing()
{
    s3::ListObjectsRequest request;
    request.bucket = m_bucket;
    request.prefix = m_prefix;
    request.delimiter = QStringLiteral("/");
    request.maxKeys = m_pageSize;
    auto *job = new s3::ListObjectsJob(m_client, request, this);
    const quint64 generation = m_generation;
    connect(job, &s3::ListObjectsJob::pageReceived, this,
            [this, generation](const s3::ListObjectsPage &page) { handlePage(generation, page); });
    watchJob(job);
}

void ObjectListModel::watchJob(s3::Job *job)
{
    m_job = job;
    const quint64 generation = m_generation;
    connect(job, &s3::Job::finished, this, [this, generation](s3::Job *finished) {
        if (generation != m_generation)
            return;
        m_job = nullptr;
        m_batchTimer.stop();
        flushPending();
        if (finished->hasError() && finished->error().kind() != s3::S3Error::Kind::Cancelled) {
            m_error = finished->error();
            Q_EMIT listingFailed(m_error);
        }
        if (!m_firstPageShown) {
            m_firstPageShown = true;
            Q_EMIT firstPageShown();
        }
        Q_EMIT listingChanged(false);
    });
    Q_EMIT listingChanged(true);
    job->start();
}

quint8 ObjectListModel::storageClassIndex(const QString &storageClass)
{
    const qsizetype found = m_spec.storageClasses.indexOf(storageClass);
    if (found >= 0)
        return quint8(found);
    if (m_spec.storageClasses.size() >= 255)
        return 0;
    m_spec.storageClasses.append(storageClass);
    return quint8(m_spec.storageClasses.size() - 1);
}

void ObjectListModel::handlePage(quint64 generation, const s3::ListObjectsPage &page)
{
    if (generation != m_generation)
        return; // a page of a location the user has left
    const qsizetype prefixLength = m_prefix.size();
    m_pending.reserve(m_pending.size() + size_t(page.commonPrefixes.size() + page.objects.size()));
    for (const QString &folder : page.commonPrefixes) {
        if (!folder.startsWith(m_prefix))
            continue;
        Entry entry;
        entry.folder = true;
        entry.name = folder.mid(prefixLength, folder.size() - prefixLength - 1);
        m_pending.push_back(std::move(entry));
    }
    appendObjects(page.objects);
    schedulePending();
}

void ObjectListModel::appendObjects(const QList<s3::ObjectInfo> &objects)
{
    const qsizetype prefixLength = m_prefix.size();
    m_pending.reserve(m_pending.size() + size_t(objects.size()));
    for (const s3::ObjectInfo &object : objects) {
        if (object.key.size() <= prefixLength || !object.key.startsWith(m_prefix))
            continue; // the folder's own marker object ("prefix/")
        Entry entry;
        entry.name = object.key.mid(prefixLength); // a search's matches keep their path below the prefix
        entry.size = object.size;
        entry.etag = CompactEtag(stripQuotes(object.etag));
        entry.modifiedMs = object.lastModified.isValid() ? object.lastModified.toMSecsSinceEpoch() : 0;
        entry.storageClass = storageClassIndex(object.storageClass);
        m_pending.push_back(std::move(entry));
    }
}

void ObjectListModel::schedulePending()
{
    if (!m_firstPageShown) {
        flushPending(); // the first rows show at once
        m_firstPageShown = true;
        Q_EMIT firstPageShown();
    } else if (!m_batchTimer.isActive()) {
        m_batchTimer.start();
    }
}

bool ObjectListModel::matches(const Entry &entry, const QString &filter)
{
    return filter.isEmpty() || entry.name.contains(filter, Qt::CaseInsensitive);
}

bool ObjectListModel::accepts(const Entry &entry) const
{
    return matches(entry, m_filter);
}

bool ObjectListModel::entryLess(const Entry &x, quint32 a, const Entry &y, quint32 b, const SortSpec &spec)
{
    if (x.folder != y.folder)
        return x.folder; // folders first, in either order
    int result = 0;
    switch (spec.column) {
    case SizeColumn:
        result = x.size < y.size ? -1 : x.size > y.size ? 1 : 0;
        break;
    case ModifiedColumn:
        result = x.modifiedMs < y.modifiedMs ? -1 : x.modifiedMs > y.modifiedMs ? 1 : 0;
        break;
    case StorageClassColumn:
        result = spec.storageClasses.at(x.storageClass).compare(spec.storageClasses.at(y.storageClass));
        break;
    case EtagColumn:
        result = x.etag.compare(y.etag);
        break;
    default:
        break;
    }
    if (result == 0)
        result = compareNames(x.name, y.name);
    if (result == 0)
        return a < b;
    return spec.order == Qt::AscendingOrder ? result < 0 : result > 0;
}

bool ObjectListModel::lessThan(quint32 a, quint32 b) const
{
    return entryLess(entryAt(a), a, entryAt(b), b, m_spec);
}

void ObjectListModel::flushPending()
{
    if (m_pending.empty())
        return;
    const quint32 first = quint32(m_store->size());
    for (Entry &entry : m_pending)
        m_store->push_back(std::move(entry));
    m_pending.clear();
    const quint32 end = quint32(m_store->size());

    const auto less = [this](quint32 a, quint32 b) { return lessThan(a, b); };
    if (m_haveUnfiltered) {
        // Rows hidden by the filter are kept in order too, so clearing the filter needs no sort.
        std::vector<quint32> all(end - first);
        std::iota(all.begin(), all.end(), first);
        std::sort(all.begin(), all.end(), less);
        m_unfiltered = mergedRows(m_unfiltered, all);
    }
    std::vector<quint32> batch;
    batch.reserve(end - first);
    for (quint32 i = first; i < end; ++i) {
        if (accepts(entryAt(i)))
            batch.push_back(i);
    }
    std::sort(batch.begin(), batch.end(), less);

    // Where each new row lands; rows landing at the same place form one run (one beginInsertRows).
    struct Run
    {
        size_t position;
        size_t from;
        size_t to;
    };
    std::vector<Run> runs;
    for (size_t i = 0; i < batch.size(); ++i) {
        const size_t position = size_t(std::upper_bound(m_rows.begin(), m_rows.end(), batch[i], less) - m_rows.begin());
        if (!runs.empty() && runs.back().position == position)
            runs.back().to = i + 1;
        else
            runs.push_back({position, i, i + 1});
    }
    constexpr size_t MaxRuns = 32;
    if (runs.size() <= MaxRuns) {
        size_t shift = 0;
        for (const Run &run : runs) {
            const int row = int(run.position + shift);
            const int count = int(run.to - run.from);
            beginInsertRows({}, row, row + count - 1);
            m_rows.insert(m_rows.begin() + qsizetype(row), batch.begin() + qsizetype(run.from), batch.begin() + qsizetype(run.to));
            endInsertRows();
            shift += size_t(count);
        }
    } else {
        replaceRows(mergedRows(m_rows, batch)); // scattered (e.g. sorted by size while listing): one layout change
    }
    Q_EMIT loadedCountChanged(int(m_store->size()));
}

std::vector<quint32> ObjectListModel::mergedRows(const std::vector<quint32> &a, const std::vector<quint32> &b) const
{
    std::vector<quint32> merged;
    merged.reserve(a.size() + b.size());
    std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(merged),
               [this](quint32 x, quint32 y) { return lessThan(x, y); });
    return merged;
}

void ObjectListModel::replaceRows(std::vector<quint32> rows)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList persistent = persistentIndexList();
    if (!persistent.isEmpty()) {
        // Only the entries persistent indexes point at are looked up: one pass over the new rows, no hash of them all.
        QHash<quint32, int> newRowOf;
        for (const QModelIndex &index : persistent)
            newRowOf.insert(m_rows[size_t(index.row())], -1);
        for (size_t row = 0; row < rows.size(); ++row) {
            const auto it = newRowOf.find(rows[row]);
            if (it != newRowOf.end())
                it.value() = int(row);
        }
        QModelIndexList to;
        to.reserve(persistent.size());
        for (const QModelIndex &index : persistent) {
            const int row = newRowOf.value(m_rows[size_t(index.row())]);
            to.append(row < 0 ? QModelIndex() : this->index(row, index.column()));
        }
        m_rows.swap(rows);
        changePersistentIndexList(persistent, to);
    } else {
        m_rows.swap(rows);
    }
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void ObjectListModel::recomputeRows(std::vector<quint32> candidates, bool filter, bool sort)
{
    ++m_rowsToken; // whatever was being recomputed before is stale now
    if (candidates.size() < BackgroundRows) {
        std::vector<quint32> rows;
        if (filter) {
            for (quint32 index : candidates) {
                if (matches(entryAt(index), m_filter))
                    rows.push_back(index);
            }
        } else {
            rows = std::move(candidates);
        }
        if (sort)
            std::sort(rows.begin(), rows.end(), [this](quint32 a, quint32 b) { return lessThan(a, b); });
        replaceRows(std::move(rows));
        setRecomputing(false);
        return;
    }
    // Many rows: filter and sort on a pool thread, which reads the entries through a snapshot of the store's
    // chunk table, so the GUI thread does no per-row work here and keeps listing and painting the old rows until
    // the result arrives (the shared store keeps the entries alive even if the user leaves the folder meanwhile).
    const quint64 token = m_rowsToken;
    const quint32 known = quint32(m_store->size());
    QPointer<ObjectListModel> self(this);
    setRecomputing(true);
    QThreadPool::globalInstance()->start([self, rows = std::move(candidates), store = m_store, entries = m_store->snapshot(),
                                          spec = m_spec, text = m_filter, filter, sort, token, known]() mutable {
        if (filter) {
            rows.erase(std::remove_if(rows.begin(), rows.end(), [&](quint32 index) { return !matches(entries[index], text); }),
                       rows.end());
        }
        if (sort) {
            std::sort(rows.begin(), rows.end(),
                      [&](quint32 a, quint32 b) { return entryLess(entries[a], a, entries[b], b, spec); });
        }
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, store, token, known, rows = std::move(rows)]() mutable {
                if (self)
                    self->applyRecomputedRows(token, known, std::move(rows));
            },
            Qt::QueuedConnection);
    });
}

void ObjectListModel::applyRecomputedRows(quint64 token, quint32 knownEntries, std::vector<quint32> rows)
{
    if (token != m_rowsToken)
        return; // another sort, filter or location came first
    // Rows that arrived meanwhile were inserted with the new filter and order: merge them in.
    std::vector<quint32> newer;
    for (quint32 row : m_rows) {
        if (row >= knownEntries)
            newer.push_back(row);
    }
    if (!newer.empty()) {
        std::sort(newer.begin(), newer.end(), [this](quint32 a, quint32 b) { return lessThan(a, b); });
        rows = mergedRows(rows, newer);
    }
    replaceRows(std::move(rows));
    setRecomputing(false);
}

void ObjectListModel::setRecomputing(bool recomputing)
{
    if (m_recomputing == recomputing)
        return;
    m_recomputing = recomputing;
    Q_EMIT recomputingChanged(recomputing);
}

std::vector<quint32> ObjectListModel::allEntries() const
{
    std::vector<quint32> all(m_store->size());
    std::iota(all.begin(), all.end(), 0u);
    return all;
}

void ObjectListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    if (column == m_spec.column && order == m_spec.order)
        return;
    m_spec.column = column;
    m_spec.order = order;
    m_haveUnfiltered = false; // in the old order: rebuilt from all entries when the filter is cleared
    m_unfiltered.clear();
    // The rows shown keep their filter; while a filter change is still computing, start from all entries.
    recomputeRows(m_recomputing ? allEntries() : m_rows, m_recomputing, true);
}

void ObjectListModel::setNameFilter(const QString &text)
{
    if (text == m_filter)
        return;
    const QString previous = m_filter;
    m_filter = text;
    if (m_recomputing) { // the rows on screen are not what they will be: start from everything
        m_haveUnfiltered = false;
        m_unfiltered.clear();
        recomputeRows(allEntries(), true, true);
    } else if (!previous.isEmpty() && text.contains(previous, Qt::CaseInsensitive)) {
        recomputeRows(m_rows, true, false); // typing more narrows what is shown: no sort, no hidden row read
    } else if (m_haveUnfiltered && text.isEmpty()) {
        m_haveUnfiltered = false;
        ++m_rowsToken;
        replaceRows(std::exchange(m_unfiltered, {})); // the rows set aside, already in order
    } else if (m_haveUnfiltered) {
        recomputeRows(m_unfiltered, true, false);
    } else if (previous.isEmpty()) {
        m_unfiltered = m_rows; // every row, in order: set aside for when the filter is cleared
        m_haveUnfiltered = true;
        recomputeRows(m_rows, true, false);
    } else {
        recomputeRows(allEntries(), true, true);
    }
}

int ObjectListModel::rowOfName(const QString &name) const
{
    for (size_t row = 0; row < m_rows.size(); ++row) {
        if (entryAt(m_rows[row]).name == name)
            return int(row);
    }
    return -1;
}

void ObjectListModel::setEncryption(const QString &name, const QString &text)
{
    m_encryption.insert(name, text);
    // The row is not looked up (a scan of a huge folder): the view repaints only the cells it shows.
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, EncryptionColumn), index(int(m_rows.size()) - 1, EncryptionColumn), {Qt::DisplayRole});
}

bool ObjectListModel::containsName(const QString &name, bool folder) const
{
    return m_store->anyOf([&](const Entry &entry) { return entry.folder == folder && entry.name == name; });
}

QHash<QString, qint64> ObjectListModel::fileSizes(const QSet<QString> &names) const
{
    QHash<QString, qint64> sizes;
    if (names.isEmpty())
        return sizes;
    m_store->anyOf([&](const Entry &entry) {
        if (!entry.folder && names.contains(entry.name))
            sizes.insert(entry.name, entry.size);
        return sizes.size() == names.size(); // stops once all are found
    });
    return sizes;
}

QString ObjectListModel::keyAt(int row) const
{
    if (row < 0 || size_t(row) >= m_rows.size())
        return {};
    const Entry &entry = entryAt(m_rows[size_t(row)]);
    return entry.folder ? QString(m_prefix + entry.name + QLatin1Char('/')) : QString(m_prefix + entry.name);
}

bool ObjectListModel::isFolderAt(int row) const
{
    return row >= 0 && size_t(row) < m_rows.size() && entryAt(m_rows[size_t(row)]).folder;
}

qint64 ObjectListModel::sizeAt(int row) const
{
    if (row < 0 || size_t(row) >= m_rows.size())
        return -1;
    return entryAt(m_rows[size_t(row)]).size;
}

QString ObjectListModel::nameAt(int row) const
{
    if (row < 0 || size_t(row) >= m_rows.size())
        return {};
    return entryAt(m_rows[size_t(row)]).name;
}

int ObjectListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ObjectListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ObjectListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = entryAt(m_rows[size_t(index.row())]);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return entry.name.isEmpty() ? tr("(empty name)") : entry.name;
        case SizeColumn:
            return entry.folder ? QString() : formatSize(entry.size);
        case ModifiedColumn:
            if (entry.modifiedMs == 0)
                return QString();
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(entry.modifiedMs).toLocalTime(), QLocale::ShortFormat);
        case StorageClassColumn:
            return m_spec.storageClasses.at(entry.storageClass);
        case EtagColumn:
            return QString::fromLatin1(entry.etag.text());
        case EncryptionColumn:
            return entry.folder ? QString() : m_encryption.value(entry.name);
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return entry.folder ? appIcon(QStringLiteral("folder")) : iconForKey(entry.name);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == NameColumn)
            return QStringLiteral("s3://%1/%2").arg(m_bucket, keyAt(index.row()));
        if (index.column() == SizeColumn && !entry.folder)
            return tr("%1 bytes").arg(QLocale().toString(entry.size));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case KeyRole:
        return keyAt(index.row());
    case IsFolderRole:
        return entry.folder;
    case SizeRole:
        return entry.size;
    case ModifiedRole:
        return entry.modifiedMs ? QDateTime::fromMSecsSinceEpoch(entry.modifiedMs, Qt::UTC) : QDateTime();
    case EtagRole:
        return QString::fromLatin1(entry.etag.text());
    default:
        return {};
    }
}

QVariant ObjectListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case ModifiedColumn:
        return tr("Last modified");
    case StorageClassColumn:
        return tr("Storage class");
    case EtagColumn:
        return tr("ETag");
    case EncryptionColumn:
        return tr("Encryption");
    default:
        return {};
    }
}

Qt::ItemFlags ObjectListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return flags | Qt::ItemIsDropEnabled; // drops on the empty area go to the current folder
    flags |= Qt::ItemIsDragEnabled;
    if (isFolderAt(index.row()))
        flags |= Qt::ItemIsDropEnabled;
    return flags;
}

QStringList ObjectListModel::mimeTypes() const
{
    return {objectsMimeType(), QStringLiteral("text/uri-list")};
}

QMimeData *ObjectListModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList keys;
    for (const QModelIndex &index : indexes) {
        if (index.column() == NameColumn)
            keys.append(keyAt(index.row()));
    }
    if (keys.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(objectsMimeType(), encodeObjects({m_bucket, keys}));
    QStringList uris;
    for (const QString &key : keys)
        uris.append(QStringLiteral("s3://%1/%2").arg(m_bucket, key));
    mime->setText(uris.join(QLatin1Char('\n')));
    return mime;
}

} // namespace s3ui
