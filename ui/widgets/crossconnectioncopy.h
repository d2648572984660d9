// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTemporaryDir>

#include "s3core/transfer/transfertypes.h"

namespace s3 {
class ListObjectsJob;
}

namespace s3ui {

class Session;

/**
 * Objects dropped onto a tab of another connection (another endpoint or other credentials: no server-side copy
 * can reach across): each file is downloaded by the source connection's transfer queue into a private temporary
 * folder (0700, QTemporaryDir), then uploaded by the target's queue, and its temporary copy removed; a move
 * deletes the source once its upload succeeded. Both steps are ordinary transfers: they show in the panel, with
 * progress, pause and cancel. Dragged folders are listed page by page (no delimiter); their folder markers are
 * not copied (empty folders do not come along). The content type of a copy is inferred from its name again;
 * other metadata and tags are not carried over. Finished (finished()) when every file is done or failed.
 * A step that fails is named in failures() and taken out of its queue (its Retry could not finish the chain).
 * Destroyed before the end (the window closes), it cancels and removes its unfinished transfers, so no queue file
 * resumes a download into a folder that is gone.
 */
class CrossConnectionCopy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CrossConnectionCopy)
public:
    CrossConnectionCopy(Session *source, Session *target, QString sourceBucket, QStringList dragged, QString targetBucket,
                        QString targetPrefix, bool move, QObject *parent = nullptr);
    ~CrossConnectionCopy() override;

    void start();
    int doneCount() const { return m_done; }
    /** "key: why" of each file that did not arrive (or whose source was not deleted after a move). */
    const QStringList &failures() const { return m_failures; }
    bool isMove() const { return m_move; }

Q_SIGNALS:
    void finished();

private:
    void listNextFolder();
    void addFile(const QString &key);
    void downloadFinished(const s3::TransferSnapshot &snapshot);
    void uploadFinished(const s3::TransferSnapshot &snapshot);
    void fail(int item, const QString &why);
    void maybeFinish();

    struct Item
    {
        QString key;
        QString targetKey;
        QString localPath;
    };

    QPointer<Session> m_source;
    QPointer<Session> m_target;
    QString m_sourceBucket;
    QStringList m_dragged;
    QString m_targetBucket;
    QString m_targetPrefix;
    bool m_move;
    QTemporaryDir m_temp;
    QList<Item> m_items;
    QStringList m_folders; // still to list
    QPointer<s3::ListObjectsJob> m_listing;
    QHash<s3::TransferId, int> m_downloads; // running transfer -> item
    QHash<s3::TransferId, int> m_uploads;
    int m_deletes = 0; // source deletes of a move still running
    int m_done = 0;
    QStringList m_failures;
    bool m_adding = true; // start() is still adding the dragged files
    bool m_finished = false;
};

} // namespace s3ui
