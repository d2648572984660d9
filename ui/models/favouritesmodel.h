// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractListModel>
#include <QPointer>

#include "models/favouritesstore.h"

class QSettings;

namespace s3ui {

class ConnectionStore;

/**
 * The favourites as a list (one column): the name, a tooltip with the place (s3://bucket/prefix/ on which
 * connection), and for a favourite whose connection no longer exists (deleted, or an AWS profile gone from
 * ~/.aws) a greyed row whose tooltip says why. Names are edited in place (setData), rows are removed
 * (removeRows) and moved (moveRows, which QListView's internal drag and drop uses); every change is saved at once.
 */
class FavouritesModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FavouritesModel)
public:
    enum Role {
        UnavailableRole = Qt::UserRole + 1, ///< bool: the connection is gone
        ConnectionIdRole,                   ///< QString
        LocationRole,                       ///< QString: s3://bucket/prefix
    };

    /** settings: where the favourites are kept (may be null); connections: who says which connections exist. */
    FavouritesModel(QSettings *settings, ConnectionStore *connections, QObject *parent = nullptr);
    ~FavouritesModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count, const QModelIndex &destinationParent,
                  int destinationChild) override;
    Qt::DropActions supportedDropActions() const override;

    const QList<Favourite> &favourites() const { return m_store.favourites(); }
    Favourite favouriteAt(int row) const { return m_store.favourites().value(row); }
    /** Why the favourite cannot be opened (its connection is gone), or empty. */
    QString unavailableReason(int row) const;
    /** What was dropped when the favourites were read. */
    const QStringList &loadProblems() const { return m_store.loadProblems(); }

    /** The row of the favourite for this place (connection, bucket, prefix), or -1. */
    int rowOf(const Favourite &place) const { return m_store.indexOf(place); }
    /** Appends a favourite and returns its row; -1 when it cannot be one (see favouriteProblem) or is listed already. */
    int add(const Favourite &favourite);
    bool rename(int row, const QString &name);
    /** Moves one favourite up (-1) or down (+1); false at the ends. */
    bool moveBy(int row, int delta);

private:
    FavouritesStore m_store;
    QPointer<ConnectionStore> m_connections;
};

} // namespace s3ui
