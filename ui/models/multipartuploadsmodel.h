// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QString>

#include "s3core/s3error.h"
#include "s3core/types.h"

namespace s3 {
class ListMultipartUploadsJob;
class ListPartsJob;
class S3Client;
} // namespace s3

namespace s3ui {

/**
 * The unfinished multipart uploads of one bucket, one row each: key, initiated, parts, bytes stored so far,
 * upload id. refresh() lists them (ListMultipartUploads, every page) and then asks ListParts for each upload,
 * at most MaxConcurrentPartListings at a time, filling in the parts count and size as the answers arrive
 * (the listing itself does not tell them). An upload that vanished meanwhile (NoSuchUpload: completed or
 * aborted elsewhere) is dropped; other ListParts errors are shown in the row's tooltip.
 *
 * The model only reads; removeUpload() takes a row out after the caller aborted it. Requests run on the GUI
 * thread's S3Client (asynchronously); a new refresh() or the model's destruction cancels what is running.
 */
class MultipartUploadsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MultipartUploadsModel)
public:
    enum Column { KeyColumn, InitiatedColumn, PartsColumn, SizeColumn, UploadIdColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< the raw value of the column (QString, QDateTime, int, qint64)
        UploadIdRole,                ///< QString
        KeyRole,                     ///< QString
        PartsRole,                   ///< int; -1 while unknown
        BytesRole,                   ///< qint64; -1 while unknown
    };
    static constexpr int MaxConcurrentPartListings = 4;

    MultipartUploadsModel(s3::S3Client *client, QString bucket, QObject *parent = nullptr);
    ~MultipartUploadsModel() override;

    QString bucket() const { return m_bucket; }

    /** Lists the uploads anew (cancels a listing in progress). */
    void refresh();
    /** The listing or some ListParts requests are still running. */
    bool isLoading() const;
    /** Every row has its parts count and size (false while loading or when a ListParts failed). */
    bool partsKnown() const;
    /** The last listing failed (its error), or none. */
    const s3::S3Error &listingError() const { return m_listingError; }

    int uploadCount() const { return int(m_rows.size()); }
    /** Bytes stored by the parts known so far. */
    qint64 totalBytes() const;
    s3::MultipartUploadInfo upload(int row) const;
    int rowForUploadId(const QString &uploadId) const;
    /** Takes the upload's row out (after it was aborted). False if there is no such row. */
    bool removeUpload(const QString &uploadId);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /** isLoading() changed. */
    void loadingChanged(bool loading);
    /** The listing failed; the rows are empty. */
    void listingFailed(const s3::S3Error &error);
    /** uploadCount(), totalBytes() or partsKnown() may have changed. */
    void summaryChanged();

private:
    struct Row
    {
        s3::MultipartUploadInfo info;
        int parts = -1;
        qint64 bytes = -1;
        QString partsError; ///< ListParts failed with this (shown in the tooltip)
    };

    void cancelAll();
    void listingFinished();
    void startPartListings();
    void partsFinished(s3::ListPartsJob *job, const QString &uploadId);
    void setLoading(bool loading);

    s3::S3Client *m_client;
    QString m_bucket;
    QList<Row> m_rows;
    QHash<QString, int> m_rowById; ///< upload id -> row; rebuilt when rows are removed
    QPointer<s3::ListMultipartUploadsJob> m_listing;
    QList<QString> m_pendingPartListings; ///< upload ids waiting for a ListParts slot
    QHash<QString, QPointer<s3::ListPartsJob>> m_partListings; ///< running, by upload id
    s3::S3Error m_listingError;
    bool m_loading = false;
};

} // namespace s3ui
