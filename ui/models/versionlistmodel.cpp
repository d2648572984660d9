// SPDX-License-Identifier: Apache-2.0
#include "models/versionlistmodel.h"

#include <QLocale>

#include "s3core/net/s3client.h"
#include "util/format.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

VersionListModel::VersionListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

VersionListModel::~VersionListModel()
{
    if (m_job)
        m_job->cancel();
}

void VersionListModel::setLocation(s3::S3Client *client, const QString &bucket, const QString &prefix)
{
    m_client = client;
    m_bucket = bucket;
    m_prefix = prefix;
    refresh();
}

void VersionListModel::clear()
{
    ++m_generation;
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
        m_job = nullptr;
    }
    beginResetModel();
    m_rows.clear();
    m_more = false;
    m_pages = 0;
    m_error = {};
    endResetModel();
}

void VersionListModel::refresh()
{
    clear();
    if (!m_client || m_bucket.isEmpty())
        return;
    m_next = {m_bucket, m_prefix, u"/"_s, {}, {}, m_pageSize};
    requestPage();
}

void VersionListModel::requestPage()
{
    if (m_job || !m_client)
        return;
    auto *job = new s3::ListObjectVersionsPageJob(m_client, m_next, this);
    m_job = job;
    const quint64 generation = m_generation;
    connect(job, &s3::Job::finished, this, [this, job, generation] {
        if (generation != m_generation)
            return;
        m_job = nullptr;
        if (job->hasError()) {
            m_error = job->error();
            m_more = false;
            Q_EMIT listingFailed(m_error);
            return;
        }
        const s3::ListObjectVersionsPage &page = job->page();
        // The same markers again would hand the same rows out forever.
        if (page.isTruncated && page.nextKeyMarker == m_next.keyMarker && page.nextVersionIdMarker == m_next.versionIdMarker) {
            m_error = s3::S3Error::invalid(tr("the server sent the same page markers twice; the list of versions stops here"));
            m_more = false;
            Q_EMIT listingFailed(m_error);
            return;
        }
        ++m_pages;
        m_more = page.isTruncated;
        m_next.keyMarker = page.nextKeyMarker;
        m_next.versionIdMarker = page.nextVersionIdMarker;
        const int added = int(page.commonPrefixes.size() + page.versions.size());
        if (added > 0) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size()) + added - 1);
            for (const QString &folder : page.commonPrefixes)
                m_rows.append({true, folder, {}});
            for (const s3::ObjectVersion &version : page.versions)
                m_rows.append({false, {}, version});
            endInsertRows();
        }
        Q_EMIT pageLoaded();
    });
    job->start();
}

bool VersionListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_more && !m_job;
}

void VersionListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

bool VersionListModel::isFolderAt(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).folder;
}

QString VersionListModel::keyAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const Row &r = m_rows.at(row);
    return r.folder ? r.prefix : r.version.key;
}

s3::ObjectVersion VersionListModel::versionAt(int row) const
{
    if (row < 0 || row >= m_rows.size() || m_rows.at(row).folder)
        return {};
    return m_rows.at(row).version;
}

int VersionListModel::rowOf(const QString &key, const QString &versionId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const Row &r = m_rows.at(i);
        if (!r.folder && r.version.key == key && r.version.versionId == versionId)
            return int(i);
    }
    return -1;
}

int VersionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int VersionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VersionListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    const s3::ObjectVersion &v = r.version;
    switch (role) {
    case KeyRole:
        return r.folder ? r.prefix : v.key;
    case VersionIdRole:
        return v.versionId;
    case IsFolderRole:
        return r.folder;
    case IsDeleteMarkerRole:
        return v.isDeleteMarker;
    case IsLatestRole:
        return v.isLatest;
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: {
            const QString key = r.folder ? r.prefix : v.key;
            return key.mid(m_prefix.size());
        }
        case VersionColumn:
            return v.versionId;
        case SizeColumn:
            return r.folder || v.isDeleteMarker ? QString() : formatSize(v.size);
        case ModifiedColumn:
            return v.lastModified.isValid() ? QLocale().toString(v.lastModified.toLocalTime(), QLocale::ShortFormat) : QString();
        case StateColumn:
            if (r.folder)
                return tr("Folder");
            if (v.isDeleteMarker)
                return v.isLatest ? tr("Deleted (delete marker, current)") : tr("Delete marker");
            return v.isLatest ? tr("Current version") : tr("Older version");
        default:
            return {};
        }
        return {};
    case Qt::ToolTipRole:
        if (!r.folder && v.isDeleteMarker)
            return tr("A delete marker: the object reads as deleted while it is the newest entry. Undelete removes it.");
        return {};
    default:
        return {};
    }
}

QVariant VersionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case VersionColumn:
        return tr("Version ID");
    case SizeColumn:
        return tr("Size");
    case ModifiedColumn:
        return tr("Modified");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

} // namespace s3ui
