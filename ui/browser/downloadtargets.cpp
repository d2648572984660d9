// SPDX-License-Identifier: Apache-2.0
#include "browser/downloadtargets.h"

#include "s3core/transfer/transferengine.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {

/** `path` is `base` or inside it. */
bool isAtOrBelow(const QString &path, const QString &base)
{
    return path == base || (path.startsWith(base) && path.at(base.size()) == u'/');
}

} // namespace

DownloadTargets::DownloadTargets(QObject *parent)
    : QObject(parent)
{
}

DownloadTargets::~DownloadTargets() = default;

void DownloadTargets::setEngine(s3::TransferEngine *engine)
{
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = engine;
    m_active.clear();
    m_groupFolders.clear();
    m_folders.clear();
    if (!engine)
        return;
    connect(engine, &s3::TransferEngine::taskAdded, this, &DownloadTargets::follow);
    connect(engine, &s3::TransferEngine::taskFinished, this, &DownloadTargets::follow);
    connect(engine, &s3::TransferEngine::tasksChanged, this, [this](const QList<s3::TransferSnapshot> &snapshots) {
        for (const s3::TransferSnapshot &snapshot : snapshots)
            follow(snapshot);
    });
    connect(engine, &s3::TransferEngine::taskRemoved, this, [this](s3::TransferId id) {
        m_active.remove(id);
        m_groupFolders.remove(id);
    });
    connect(engine, &s3::TransferEngine::folderListingFinished, this,
            [this](const QString &bucket, const QString &prefix) {
                // The listing's downloads are known one by one now (taskAdded came before this, in order).
                for (qsizetype i = 0; i < m_folders.size(); ++i) {
                    if (m_folders[i].bucket == bucket && m_folders[i].prefix == prefix) {
                        m_folders.removeAt(i);
                        return;
                    }
                }
            });
    engine->requestSnapshots(); // downloads restored or queued before we looked
}

void DownloadTargets::follow(const s3::TransferSnapshot &snapshot)
{
    if (snapshot.direction != s3::TransferDirection::Download)
        return;
    if (snapshot.isGroup) {
        // A folder job: its files that have not started are known to the engine only, so its whole folder is in use.
        if (s3::isFinalState(snapshot.state))
            m_groupFolders.remove(snapshot.id);
        else
            m_groupFolders.insert(snapshot.id, snapshot.localPath);
        return;
    }
    if (s3::isFinalState(snapshot.state))
        m_active.remove(snapshot.id);
    else
        m_active.insert(snapshot.id, snapshot.localPath);
}

void DownloadTargets::claim(s3::TransferId id, const QString &localPath)
{
    m_active.insert(id, localPath);
}

void DownloadTargets::claimFolder(const QString &bucket, const QString &prefix, const QString &localDir)
{
    m_folders.append({bucket, prefix, localDir});
}

bool DownloadTargets::inUse(const QString &path) const
{
    for (const QString &target : m_active) {
        if (isAtOrBelow(target, path))
            return true;
    }
    for (const QString &folder : m_groupFolders) {
        if (isAtOrBelow(path, folder) || isAtOrBelow(folder, path))
            return true;
    }
    for (const Folder &folder : m_folders) {
        if (isAtOrBelow(path, folder.localDir) || isAtOrBelow(folder.localDir, path))
            return true;
    }
    return false;
}

QList<s3::TransferId> DownloadTargets::transfersAt(const QString &path) const
{
    QList<s3::TransferId> ids;
    for (auto it = m_active.cbegin(); it != m_active.cend(); ++it) {
        if (it.value() == path)
            ids.append(it.key());
    }
    return ids;
}

} // namespace s3ui
