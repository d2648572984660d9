// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>

#include <QAbstractItemModel>
#include <QPointer>

#include "connection/connectionprofile.h"

namespace s3ui {

/**
 * The connection list as a two-level tree: two group rows, "Saved connections" and "AWS profiles
 * (read-only)", each with its profiles as children (one column). Group rows are enabled but not selectable.
 * Read-only AWS profiles get the "connection-readonly" icon and a tooltip saying they come from ~/.aws and
 * are not edited. Follows the store: any ConnectionStore::changed() resets the model.
 */
class ConnectionListModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionListModel)
public:
    enum Role {
        ProfileIdRole = Qt::UserRole + 1, ///< QString; empty for group rows
        IsGroupRole,                      ///< bool
        IsReadOnlyRole,                   ///< bool; true for AWS profiles (and their group)
    };
    enum Group {
        SavedGroup = 0,
        AwsGroup = 1,
    };

    explicit ConnectionListModel(ConnectionStore *store, QObject *parent = nullptr);
    ~ConnectionListModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    /** The group row. */
    QModelIndex groupIndex(Group group) const;
    /** The row of a profile, or an invalid index. */
    QModelIndex indexForId(const QString &id) const;
    /** The profile of a row (nullopt for group rows and invalid indexes). */
    std::optional<ConnectionProfile> profileAt(const QModelIndex &index) const;

private:
    const QList<ConnectionProfile> *listOf(int group) const;

    QPointer<ConnectionStore> m_store;
    // Copies, so the model stays consistent between the store's change and the reset.
    QList<ConnectionProfile> m_saved;
    QList<ConnectionProfile> m_aws;
};

} // namespace s3ui
