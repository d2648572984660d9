// SPDX-License-Identifier: Apache-2.0
#include "models/multipartuploadsmodel.h"

#include <QLocale>

#include "s3core/ops/multipartjobs.h"
#include "util/format.h"
#include "util/icons.h"

namespace s3ui {

MultipartUploadsModel::MultipartUploadsModel(s3::S3Client *client, QString bucket, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
{
}

MultipartUploadsModel::~MultipartUploadsModel()
{
    cancelAll();
}

void MultipartUploadsModel::cancelAll()
{
    s3::cancelQuietly(m_listing, this);
    for (QPointer<s3::ListPartsJob> &job : m_partListings)
        s3::cancelQuietly(job, this);
    m_partListings.clear();
    m_pendingPartListings.clear();
}

void MultipartUploadsModel::refresh()
{
    cancelAll();
    beginResetModel();
    m_rows.clear();
    m_rowById.clear();
    endResetModel();
    m_listingError = {};
    m_listing = new s3::ListMultipartUploadsJob(m_client, m_bucket);
    connect(m_listing, &s3::Job::finished, this, &MultipartUploadsModel::listingFinished);
    m_listing->start();
    setLoading(true);
    Q_EMIT summaryChanged();
}

void MultipartUploadsModel::listingFinished()
{
    const s3::ListMultipartUploadsJob *job = m_listing;
    m_listing = nullptr;
    if (!job)
        return;
    if (job->hasError()) {
        m_listingError = job->error();
        setLoading(isLoading());
        Q_EMIT listingFailed(m_listingError);
        Q_EMIT summaryChanged();
        return;
    }
    const QList<s3::MultipartUploadInfo> &uploads = job->uploads();
    if (!uploads.isEmpty()) {
        beginInsertRows({}, 0, int(uploads.size()) - 1);
        m_rows.reserve(uploads.size());
        for (const s3::MultipartUploadInfo &upload : uploads) {
            m_rowById.insert(upload.uploadId, int(m_rows.size()));
            Row row;
            row.info = upload;
            m_rows.append(row);
            m_pendingPartListings.append(upload.uploadId);
        }
        endInsertRows();
    }
    startPartListings();
    setLoading(isLoading());
    Q_EMIT summaryChanged();
}

void MultipartUploadsModel::startPartListings()
{
    // Bounded: a bucket with hundreds of forgotten uploads must not open hundreds of requests at once.
    while (m_partListings.size() < MaxConcurrentPartListings && !m_pendingPartListings.isEmpty()) {
        const QString uploadId = m_pendingPartListings.takeFirst();
        const int row = rowForUploadId(uploadId);
        if (row < 0)
            continue;
        auto *job = new s3::ListPartsJob(m_client, m_bucket, m_rows.at(row).info.key, uploadId);
        connect(job, &s3::Job::finished, this, [this, job, uploadId] { partsFinished(job, uploadId); });
        m_partListings.insert(uploadId, job);
        job->start();
    }
}

void MultipartUploadsModel::partsFinished(s3::ListPartsJob *job, const QString &uploadId)
{
    m_partListings.remove(uploadId);
    const int row = rowForUploadId(uploadId);
    if (row >= 0) {
        if (job->error().code() == QLatin1String("NoSuchUpload")) {
            removeUpload(uploadId); // completed or aborted since the listing: nothing is stored any more
        } else {
            Row &entry = m_rows[row];
            if (job->hasError()) {
                entry.partsError = job->error().toString();
            } else {
                entry.parts = int(job->parts().size());
                entry.bytes = 0;
                for (const s3::PartInfo &part : job->parts())
                    entry.bytes += part.size;
            }
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    startPartListings();
    setLoading(isLoading());
    Q_EMIT summaryChanged();
}

void MultipartUploadsModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

bool MultipartUploadsModel::isLoading() const
{
    return m_listing || !m_partListings.isEmpty() || !m_pendingPartListings.isEmpty();
}

bool MultipartUploadsModel::partsKnown() const
{
    if (isLoading())
        return false;
    for (const Row &row : m_rows) {
        if (row.parts < 0)
            return false;
    }
    return true;
}

qint64 MultipartUploadsModel::totalBytes() const
{
    qint64 total = 0;
    for (const Row &row : m_rows)
        total += std::max<qint64>(0, row.bytes);
    return total;
}

s3::MultipartUploadInfo MultipartUploadsModel::upload(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).info : s3::MultipartUploadInfo{};
}

int MultipartUploadsModel::rowForUploadId(const QString &uploadId) const
{
    return m_rowById.value(uploadId, -1);
}

bool MultipartUploadsModel::removeUpload(const QString &uploadId)
{
    const int row = rowForUploadId(uploadId);
    if (row < 0)
        return false;
    if (auto running = m_partListings.find(uploadId); running != m_partListings.end()) {
        s3::cancelQuietly(*running, this);
        m_partListings.erase(running);
    }
    m_pendingPartListings.removeAll(uploadId);
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    m_rowById.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowById.insert(m_rows.at(i).info.uploadId, i);
    endRemoveRows();
    startPartListings();
    setLoading(isLoading());
    Q_EMIT summaryChanged();
    return true;
}

int MultipartUploadsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MultipartUploadsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MultipartUploadsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const QLocale locale;
    const bool failed = !row.partsError.isEmpty();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return row.info.key;
        case InitiatedColumn:
            return row.info.initiated.isValid()
                ? locale.toString(row.info.initiated.toLocalTime(), QLocale::ShortFormat)
                : QString();
        case PartsColumn:
            return row.parts >= 0 ? locale.toString(row.parts) : failed ? QStringLiteral("?") : QStringLiteral("…");
        case SizeColumn:
            return row.bytes >= 0 ? formatSize(row.bytes) : failed ? QStringLiteral("?") : QStringLiteral("…");
        case UploadIdColumn:
            return row.info.uploadId;
        }
        break;
    case Qt::ToolTipRole:
        if (failed && (index.column() == PartsColumn || index.column() == SizeColumn))
            return tr("Cannot list the parts: %1").arg(row.partsError);
        switch (index.column()) {
        case KeyColumn:
        case UploadIdColumn:
            return tr("%1\nUpload ID: %2").arg(row.info.key, row.info.uploadId);
        case InitiatedColumn:
            return row.info.initiated.isValid() ? locale.toString(row.info.initiated.toLocalTime(), QLocale::LongFormat)
                                                : QString();
        case SizeColumn:
            return row.bytes >= 0 ? tr("%1 bytes").arg(locale.toString(row.bytes)) : QVariant();
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == PartsColumn || index.column() == SizeColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        break;
    case Qt::DecorationRole:
        if (index.column() == KeyColumn)
            return iconForKey(row.info.key);
        break;
    case SortRole:
        switch (index.column()) {
        case KeyColumn:
            return row.info.key;
        case InitiatedColumn:
            return row.info.initiated;
        case PartsColumn:
            return row.parts;
        case SizeColumn:
            return row.bytes;
        case UploadIdColumn:
            return row.info.uploadId;
        }
        break;
    case UploadIdRole:
        return row.info.uploadId;
    case KeyRole:
        return row.info.key;
    case PartsRole:
        return row.parts;
    case BytesRole:
        return row.bytes;
    }
    return {};
}

QVariant MultipartUploadsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case InitiatedColumn:
        return tr("Initiated");
    case PartsColumn:
        return tr("Parts");
    case SizeColumn:
        return tr("Size so far");
    case UploadIdColumn:
        return tr("Upload ID");
    }
    return {};
}

} // namespace s3ui
