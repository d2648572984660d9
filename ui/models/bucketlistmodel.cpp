// SPDX-License-Identifier: Apache-2.0
#include "models/bucketlistmodel.h"

#include <QLocale>

#include "s3core/net/s3client.h"
#include "s3core/ops/bucketjobs.h"
#include "util/icons.h"

namespace s3ui {

BucketListModel::BucketListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

BucketListModel::~BucketListModel()
{
    s3::cancelQuietly(m_job, this);
}

void BucketListModel::setClient(s3::S3Client *client, const QString &pinnedBucket)
{
    s3::cancelQuietly(m_job, this);
    m_client = client;
    m_pinned = pinnedBucket;
    setBuckets({});
    if (m_client)
        refresh();
}

void BucketListModel::refresh()
{
    if (!m_client || m_job)
        return;
    auto *job = new s3::ListBucketsJob(m_client, this);
    m_job = job;
    connect(job, &s3::Job::finished, this, [this, job] {
        m_job = nullptr;
        if (job->hasError()) {
            m_error = job->error();
            setBuckets({});
            // A bucket-scoped key may not list buckets: with a pinned bucket that is expected, not a failure.
            const bool expected = !m_pinned.isEmpty() && m_error.code() == QLatin1String("AccessDenied");
            if (!expected && m_error.kind() != s3::S3Error::Kind::Cancelled)
                Q_EMIT refreshFailed(m_error);
        } else {
            m_error = {};
            setBuckets(job->result().buckets);
        }
        Q_EMIT refreshed();
    });
    job->start();
}

void BucketListModel::setBuckets(QList<s3::BucketInfo> buckets)
{
    if (!m_pinned.isEmpty()) {
        const bool listed = std::any_of(buckets.cbegin(), buckets.cend(), [this](const s3::BucketInfo &b) { return b.name == m_pinned; });
        if (!listed)
            buckets.prepend(s3::BucketInfo{m_pinned, {}});
    }
    std::sort(buckets.begin(), buckets.end(), [](const s3::BucketInfo &a, const s3::BucketInfo &b) { return a.name < b.name; });
    beginResetModel();
    m_buckets = std::move(buckets);
    endResetModel();
}

int BucketListModel::rowOfBucket(const QString &name) const
{
    for (qsizetype i = 0; i < m_buckets.size(); ++i) {
        if (m_buckets[i].name == name)
            return int(i);
    }
    return -1;
}

QString BucketListModel::bucketAt(int row) const
{
    return row >= 0 && row < m_buckets.size() ? m_buckets[row].name : QString();
}

int BucketListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_buckets.size());
}

QVariant BucketListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const s3::BucketInfo &bucket = m_buckets[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return bucket.name;
    case Qt::DecorationRole:
        return appIcon(QStringLiteral("bucket"));
    case Qt::ToolTipRole:
        if (bucket.creationDate.isValid())
            return tr("Created %1").arg(QLocale().toString(bucket.creationDate.toLocalTime(), QLocale::ShortFormat));
        return tr("Bucket named by the connection");
    case CreatedRole:
        return bucket.creationDate;
    default:
        return {};
    }
}

} // namespace s3ui
