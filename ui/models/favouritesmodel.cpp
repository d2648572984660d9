// SPDX-License-Identifier: Apache-2.0
#include "models/favouritesmodel.h"

#include <QApplication>
#include <QIcon>
#include <QPalette>
#include <QStyle>

#include "connection/connectionprofile.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

FavouritesModel::FavouritesModel(QSettings *settings, ConnectionStore *connections, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(settings)
    , m_connections(connections)
{
    // A connection deleted, added back or an AWS profile gone: the rows say so at once.
    if (connections) {
        connect(connections, &ConnectionStore::changed, this, [this] {
            if (rowCount() > 0)
                Q_EMIT dataChanged(index(0), index(rowCount() - 1));
        });
    }
}

FavouritesModel::~FavouritesModel() = default;

int FavouritesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_store.favourites().size());
}

QString FavouritesModel::unavailableReason(int row) const
{
    const Favourite favourite = favouriteAt(row);
    if (favourite.connectionId.isEmpty())
        return {};
    if (!m_connections || !m_connections->profile(favourite.connectionId))
        return tr("Its connection no longer exists (it was deleted). Remove this favourite, or add it again from a connection.");
    return {};
}

QVariant FavouritesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Favourite &favourite = m_store.favourites().at(index.row());
    const QString location = u"s3://%1/%2"_s.arg(favourite.bucket, favourite.prefix);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return favourite.name;
    case Qt::ToolTipRole: {
        if (const QString reason = unavailableReason(index.row()); !reason.isEmpty())
            return tr("%1 — unavailable\n%2").arg(location, reason);
        const std::optional<ConnectionProfile> profile = m_connections ? m_connections->profile(favourite.connectionId) : std::nullopt;
        return tr("%1\non %2").arg(location, profile ? profile->name : favourite.connectionId);
    }
    case Qt::AccessibleDescriptionRole:
        return unavailableReason(index.row()).isEmpty() ? location : tr("%1, unavailable").arg(location);
    case Qt::DecorationRole:
        return QApplication::style()->standardIcon(QStyle::SP_DirIcon);
    case Qt::ForegroundRole:
        // Greyed but still selectable: it can be removed, and its tooltip read.
        if (!unavailableReason(index.row()).isEmpty())
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case UnavailableRole:
        return !unavailableReason(index.row()).isEmpty();
    case ConnectionIdRole:
        return favourite.connectionId;
    case LocationRole:
        return location;
    default:
        return {};
    }
}

bool FavouritesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    return rename(index.row(), value.toString());
}

Qt::ItemFlags FavouritesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled; // dropped between rows: a move
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

Qt::DropActions FavouritesModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

bool FavouritesModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count < 1 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    for (int i = 0; i < count; ++i)
        m_store.remove(row);
    endRemoveRows();
    return true;
}

bool FavouritesModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count, const QModelIndex &destinationParent,
                               int destinationChild)
{
    // One row at a time (the list is single-selection); destinationChild is the row it goes before, as in Qt.
    if (sourceParent.isValid() || destinationParent.isValid() || count != 1 || sourceRow < 0 || sourceRow >= rowCount()
        || destinationChild < 0 || destinationChild > rowCount())
        return false;
    if (destinationChild == sourceRow || destinationChild == sourceRow + 1)
        return false; // nowhere to go (Qt refuses such a move too)
    const int to = destinationChild > sourceRow ? destinationChild - 1 : destinationChild;
    if (!beginMoveRows({}, sourceRow, sourceRow, {}, destinationChild))
        return false;
    m_store.move(sourceRow, to);
    endMoveRows();
    return true;
}

bool FavouritesModel::moveBy(int row, int delta)
{
    const int to = row + delta;
    if (row < 0 || row >= rowCount() || to < 0 || to >= rowCount() || delta == 0)
        return false;
    return moveRows({}, row, 1, {}, delta > 0 ? to + 1 : to);
}

int FavouritesModel::add(const Favourite &favourite)
{
    if (!favouriteProblem(favourite).isEmpty() || m_store.indexOf(favourite) >= 0)
        return -1;
    const int row = rowCount();
    beginInsertRows({}, row, row);
    const bool added = m_store.add(favourite);
    endInsertRows();
    Q_ASSERT(added);
    return added ? row : -1;
}

bool FavouritesModel::rename(int row, const QString &name)
{
    if (!m_store.rename(row, name))
        return false;
    Q_EMIT dataChanged(index(row), index(row), {Qt::DisplayRole, Qt::EditRole});
    return true;
}

} // namespace s3ui
