// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractListModel>
#include <QPointer>

#include "s3core/s3error.h"
#include "s3core/types.h"

namespace s3 {
class S3Client;
class Job;
} // namespace s3

namespace s3ui {

/**
 * The buckets of a connection (ListBuckets). A bucket named by the connection itself is always listed, even
 * when ListBuckets is denied (keys limited to one bucket can still browse it); the denial is then not an error
 * the user has to act on, and refreshFailed() is not emitted for it.
 */
class BucketListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BucketListModel)
public:
    enum Role { NameRole = Qt::UserRole + 1, CreatedRole };

    explicit BucketListModel(QObject *parent = nullptr);
    ~BucketListModel() override;

    /** Lists the buckets of `client` (null clears); `pinnedBucket` is shown whatever ListBuckets says. */
    void setClient(s3::S3Client *client, const QString &pinnedBucket = {});
    void refresh();
    bool isLoading() const { return m_job != nullptr; }
    s3::S3Error lastError() const { return m_error; }
    int rowOfBucket(const QString &name) const;
    QString bucketAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void refreshed();
    void refreshFailed(const s3::S3Error &error);

private:
    void setBuckets(QList<s3::BucketInfo> buckets);

    QPointer<s3::S3Client> m_client;
    QString m_pinned;
    QList<s3::BucketInfo> m_buckets;
    QPointer<s3::Job> m_job;
    s3::S3Error m_error;
};

} // namespace s3ui
