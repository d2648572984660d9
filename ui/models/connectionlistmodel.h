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
 *
 * A connection opened without a profile (from the command line) is shown in a third group, "Opened from the
 * command line", while the window lives; the open connection (setActiveId) is bold, with "Connected" in its
 * tooltip and accessible description.
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
        IsActiveRole,                     ///< bool; the connection on screen
    };
    enum Group {
        SavedGroup = 0,
        AwsGroup = 1,
        CommandLineGroup = 2, ///< only there when a command-line connection was added
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

    /** Adds a connection that has no profile (opened from the command line) to its own group. */
    void addCommandLineConnection(const QString &id, const QString &name);
    /** The id of a command-line connection row (empty for every other row). */
    QString commandLineIdAt(const QModelIndex &index) const;
    /** Marks the connection on screen (a profile or a command-line connection id; empty: none). */
    void setActiveId(const QString &id);
    QString activeId() const { return m_activeId; }
    /** No saved connection and no AWS profile: the list has nothing to offer yet. */
    bool hasNoProfiles() const { return m_saved.isEmpty() && m_aws.isEmpty(); }

private:
    const QList<ConnectionProfile> *listOf(int group) const;

    QPointer<ConnectionStore> m_store;
    // Copies, so the model stays consistent between the store's change and the reset.
    QList<ConnectionProfile> m_saved;
    QList<ConnectionProfile> m_aws;
    QList<ConnectionProfile> m_commandLine; // id and name only
    QString m_activeId;
};

} // namespace s3ui
