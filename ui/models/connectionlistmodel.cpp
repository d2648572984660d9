// SPDX-License-Identifier: Apache-2.0
#include "models/connectionlistmodel.h"

#include <QCoreApplication>
#include <QFont>

#include "s3core/endpoint.h"
#include "util/icons.h"

namespace s3ui {

namespace {

// internalId: 0 for group rows, group + 1 for the profiles of a group.
constexpr quintptr GroupId = 0;

QString describeEndpoint(const ConnectionProfile &p)
{
    QString text = p.endpointUrl.isEmpty() ? QCoreApplication::translate("s3ui::ConnectionListModel", "Amazon S3") : s3::redactUrlUserInfo(p.endpointUrl);
    if (!p.region.isEmpty())
        text += QStringLiteral(" (%1)").arg(p.region);
    return text;
}

QString toolTipFor(const ConnectionProfile &p)
{
    QStringList lines;
    lines << p.name << describeEndpoint(p);
    if (!p.accessKeyId.isEmpty())
        lines << QCoreApplication::translate("s3ui::ConnectionListModel", "Access key: %1").arg(p.accessKeyId);
    else if (!p.isReadOnly())
        lines << QCoreApplication::translate("s3ui::ConnectionListModel", "Anonymous (no access key)");
    if (!p.bucket.isEmpty())
        lines << QCoreApplication::translate("s3ui::ConnectionListModel", "Opens bucket %1")
                     .arg(p.prefix.isEmpty() ? p.bucket : p.bucket + QLatin1Char('/') + p.prefix);
    if (p.isReadOnly())
        lines << QCoreApplication::translate("s3ui::ConnectionListModel", "AWS profile from ~/.aws/credentials or ~/.aws/config: read-only, S3Desk does not "
                                "edit these files.");
    return lines.join(QLatin1Char('\n'));
}

} // namespace

ConnectionListModel::ConnectionListModel(ConnectionStore *store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_store(store)
{
    if (m_store) {
        m_saved = m_store->savedProfiles();
        m_aws = m_store->awsProfiles();
        connect(m_store, &ConnectionStore::changed, this, [this] {
            beginResetModel();
            m_saved = m_store->savedProfiles();
            m_aws = m_store->awsProfiles();
            endResetModel();
        });
    }
}

ConnectionListModel::~ConnectionListModel() = default;

const QList<ConnectionProfile> *ConnectionListModel::listOf(int group) const
{
    if (group == SavedGroup)
        return &m_saved;
    if (group == AwsGroup)
        return &m_aws;
    if (group == CommandLineGroup)
        return &m_commandLine;
    return nullptr;
}

QModelIndex ConnectionListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, GroupId);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex ConnectionListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == GroupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, GroupId);
}

int ConnectionListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return m_commandLine.isEmpty() ? 2 : 3;
    if (parent.column() != 0 || parent.internalId() != GroupId)
        return 0;
    const QList<ConnectionProfile> *list = listOf(parent.row());
    return list ? int(list->size()) : 0;
}

int ConnectionListModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return 1;
}

QVariant ConnectionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == GroupId) {
        const bool aws = index.row() == AwsGroup;
        const bool commandLine = index.row() == CommandLineGroup;
        switch (role) {
        case Qt::DisplayRole:
            return commandLine ? tr("Opened from the command line")
                   : aws       ? tr("AWS profiles (read-only)")
                               : tr("Saved connections");
        case Qt::ToolTipRole:
            return commandLine ? tr("Connections given on the command line; they are not saved.")
                   : aws ? tr("Profiles of ~/.aws/credentials and ~/.aws/config. S3Desk reads them and "
                                          "never edits them.")
                         : tr("Your own connections (the secret keys are kept in the system keychain).");
        case Qt::FontRole: {
            QFont font;
            font.setBold(true);
            return font;
        }
        case IsGroupRole:
            return true;
        case IsReadOnlyRole:
            return aws;
        case ProfileIdRole:
            return QString();
        case IsActiveRole:
            return false;
        default:
            return {};
        }
    }
    const int group = int(index.internalId() - 1);
    const QList<ConnectionProfile> *list = listOf(group);
    if (!list || index.row() >= list->size())
        return {};
    const ConnectionProfile &p = list->at(index.row());
    const bool active = !m_activeId.isEmpty() && p.id == m_activeId;
    if (role == IsActiveRole)
        return active;
    if (role == Qt::FontRole && active) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (group == CommandLineGroup) {
        switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole:
            return p.name;
        case Qt::DecorationRole:
            return appIcon(QStringLiteral("connection"));
        case Qt::ToolTipRole:
        case Qt::AccessibleDescriptionRole:
            return active ? tr("Connected; opened from the command line, not saved")
                          : tr("Opened from the command line, not saved");
        case ProfileIdRole:
            return p.id;
        case IsGroupRole:
        case IsReadOnlyRole:
            return role == IsReadOnlyRole;
        default:
            return {};
        }
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return p.name;
    case Qt::DecorationRole:
        return appIcon(p.isReadOnly() ? QStringLiteral("connection-readonly") : QStringLiteral("connection"));
    case Qt::ToolTipRole:
        return active ? tr("Connected\n") + toolTipFor(p) : toolTipFor(p);
    case Qt::AccessibleDescriptionRole:
        return QString((active ? tr("Connected, ") : QString())
                       + (p.isReadOnly() ? tr("AWS profile, read-only") : tr("Saved connection")));
    case ProfileIdRole:
        return p.id;
    case IsGroupRole:
        return false;
    case IsReadOnlyRole:
        return p.isReadOnly();
    default:
        return {};
    }
}

Qt::ItemFlags ConnectionListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == GroupId)
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ConnectionListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(ProfileIdRole, "profileId");
    names.insert(IsGroupRole, "isGroup");
    names.insert(IsReadOnlyRole, "isReadOnly");
    names.insert(IsActiveRole, "isActive");
    return names;
}

QModelIndex ConnectionListModel::groupIndex(Group group) const
{
    return index(int(group), 0);
}

QModelIndex ConnectionListModel::indexForId(const QString &id) const
{
    for (int group : {int(SavedGroup), int(AwsGroup), int(CommandLineGroup)}) {
        const QList<ConnectionProfile> &list = *listOf(group);
        for (int row = 0; row < list.size(); ++row) {
            if (list.at(row).id == id)
                return index(row, 0, index(group, 0));
        }
    }
    return {};
}

std::optional<ConnectionProfile> ConnectionListModel::profileAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == GroupId
        || index.internalId() - 1 == quintptr(CommandLineGroup))
        return std::nullopt;
    const QList<ConnectionProfile> *list = listOf(int(index.internalId() - 1));
    if (!list || index.row() < 0 || index.row() >= list->size())
        return std::nullopt;
    return list->at(index.row());
}

QString ConnectionListModel::commandLineIdAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() - 1 != quintptr(CommandLineGroup)
        || index.row() < 0 || index.row() >= m_commandLine.size())
        return {};
    return m_commandLine.at(index.row()).id;
}

void ConnectionListModel::addCommandLineConnection(const QString &id, const QString &name)
{
    for (const ConnectionProfile &p : std::as_const(m_commandLine)) {
        if (p.id == id)
            return;
    }
    ConnectionProfile p;
    p.id = id;
    p.name = name;
    if (m_commandLine.isEmpty()) {
        beginInsertRows({}, CommandLineGroup, CommandLineGroup);
        m_commandLine.append(p);
        endInsertRows();
        return;
    }
    const QModelIndex group = groupIndex(CommandLineGroup);
    beginInsertRows(group, int(m_commandLine.size()), int(m_commandLine.size()));
    m_commandLine.append(p);
    endInsertRows();
}

void ConnectionListModel::setActiveId(const QString &id)
{
    if (m_activeId == id)
        return;
    const QModelIndex before = indexForId(m_activeId);
    m_activeId = id;
    const QModelIndex after = indexForId(m_activeId);
    for (const QModelIndex &changed : {before, after}) {
        if (changed.isValid())
            Q_EMIT dataChanged(changed, changed, {Qt::FontRole, Qt::ToolTipRole, Qt::AccessibleDescriptionRole, IsActiveRole});
    }
}

} // namespace s3ui
