// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include "s3core/transfer/transfertypes.h"

namespace s3 {
class TransferEngine;
} // namespace s3

namespace s3ui {

/**
 * The local files and folders that unfinished downloads of one TransferEngine write to, as the GUI sees them:
 * the engine's reports (taskAdded, tasksChanged, taskFinished, taskRemoved), plus what was queued a moment ago
 * and not reported yet (claim()), plus folders whose listing still runs (claimFolder(), released by
 * folderListingFinished). Before a download is queued, the browser asks inUse() and, if so, asks the user.
 *
 * This is the single place that answers "is another transfer writing there?": when the engine keeps its own set
 * of claimed destinations, inUse() asks it instead.
 */
class DownloadTargets final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadTargets)
public:
    explicit DownloadTargets(QObject *parent = nullptr);
    ~DownloadTargets() override;

    /** Follows this engine (null: none); forgets what the previous one reported. */
    void setEngine(s3::TransferEngine *engine);

    /** A download just queued (its taskAdded() comes later). */
    void claim(s3::TransferId id, const QString &localPath);
    /** A folder download just queued: its local folder is in use until its listing is over. */
    void claimFolder(const QString &bucket, const QString &prefix, const QString &localDir);

    /** True when an unfinished download writes to `path`, or below it (a folder), or `path` is below a listed folder. */
    bool inUse(const QString &path) const;
    /** The unfinished downloads that write exactly to `path`. */
    QList<s3::TransferId> transfersAt(const QString &path) const;

private:
    void follow(const s3::TransferSnapshot &snapshot);

    QPointer<s3::TransferEngine> m_engine;
    QHash<s3::TransferId, QString> m_active; // unfinished downloads -> local path
    QHash<s3::TransferId, QString> m_groupFolders; // unfinished folder jobs -> their local folder
    struct Folder
    {
        QString bucket;
        QString prefix;
        QString localDir;
    };
    QList<Folder> m_folders; // prefix downloads still listing
};

} // namespace s3ui
