// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractTableModel>
#include <QPointer>

#include "s3core/ops/listobjectversionspagejob.h"
#include "s3core/s3error.h"
#include "s3core/types.h"

namespace s3 {
class S3Client;
} // namespace s3

namespace s3ui {

/**
 * The versions and delete markers of one folder (prefix, delimiter "/") of a bucket, plus its sub-folders, for a
 * table view. Lazy: setLocation() asks for the first page only (as many entries as one page of the normal
 * listing); a further page is asked for when the view scrolls to the end (canFetchMore() / fetchMore()), one
 * at a time. A folder with a million versions is therefore never listed up front. Rows stay in the server's
 * order (by key, newest version first), so a version sits under the versions of its own key. Leaving the folder
 * cancels the page in flight; a generation counter drops anything that still arrives for the old one.
 * Separate from ObjectListModel so the normal listing pays nothing for versions.
 */
class VersionListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VersionListModel)
public:
    enum Column { NameColumn, VersionColumn, SizeColumn, ModifiedColumn, StateColumn, ColumnCount };
    enum Role {
        KeyRole = Qt::UserRole + 1, ///< full key (folders end with '/')
        VersionIdRole,
        IsFolderRole,
        IsDeleteMarkerRole,
        IsLatestRole,
    };

    explicit VersionListModel(QObject *parent = nullptr);
    ~VersionListModel() override;

    /** Lists the versions in `prefix` ("" or ending with '/') of `bucket`. A null client clears the model. */
    void setLocation(s3::S3Client *client, const QString &bucket, const QString &prefix);
    /** Lists the same folder again from its first page. */
    void refresh();

    QString bucket() const { return m_bucket; }
    QString prefix() const { return m_prefix; }
    bool isListing() const { return m_job != nullptr; }
    /** More pages exist on the server (fetchMore() asks for the next one). */
    bool hasMore() const { return m_more; }
    int pagesLoaded() const { return m_pages; }
    s3::S3Error lastError() const { return m_error; }
    /** Entries per page (1..1000, default 1000; smaller in tests). */
    void setPageSize(int entries) { m_pageSize = entries; }

    bool isFolderAt(int row) const;
    QString keyAt(int row) const;
    /** The version of a row (empty for folders). */
    s3::ObjectVersion versionAt(int row) const;
    /** Row of this key's version, or -1. */
    int rowOf(const QString &key, const QString &versionId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    /** A page arrived and its rows were added. */
    void pageLoaded();
    void listingFailed(const s3::S3Error &error);

private:
    struct Row
    {
        bool folder = false;
        QString prefix; // folders
        s3::ObjectVersion version;
    };

    void requestPage();
    void clear();

    QPointer<s3::S3Client> m_client;
    QString m_bucket;
    QString m_prefix;
    QList<Row> m_rows;
    QPointer<s3::ListObjectVersionsPageJob> m_job;
    s3::ListObjectVersionsRequest m_next;
    bool m_more = false;
    int m_pages = 0;
    int m_pageSize = 1000;
    quint64 m_generation = 0;
    s3::S3Error m_error;
};

} // namespace s3ui
