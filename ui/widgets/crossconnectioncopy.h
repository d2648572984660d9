// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <vector>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTemporaryDir>

#include "s3core/transfer/transfertypes.h"
#include "s3core/types.h"

namespace s3 {
class Job;
class TransferEngine;
} // namespace s3

namespace s3ui {

class Session;

/**
 * Copies or moves objects and folders from one connection to another: other endpoints or other credentials, where
 * no server-side copy can reach (a drop between two tabs on different connections). Each object is downloaded by
 * the source connection's transfer queue into a private folder (0700, in the user's cache, named by a number so
 * no key becomes a local path), then uploaded from there by the target's queue under targetPrefix + its own name
 * (tabDropTarget()); a move deletes the source object only after its upload succeeded. Both steps are ordinary
 * transfers in the panel (progress, pause, cancel); a step that fails leaves the panel, since its Retry could not
 * finish the chain, and is reported in failures().
 * Folders are listed without a delimiter and copied object by object; empty folder markers are created again.
 *
 * What travels with the bytes: content type, cache control, content disposition/encoding/language, expiry and user
 * metadata (from a HEAD of the source). What does not: the storage class, encryption, tags and ACL, which belong to
 * the target bucket's defaults (another account or server may not know the source's classes or KMS keys); SSE-C
 * objects are refused (their key would have to be asked for). A target key that exists already is left alone and
 * reported, unless setReplaceExisting(true).
 *
 * At most MaxInFlight objects are between their HEAD and the end of their upload, so the private folder holds at
 * most that many files. One state machine per object: ItemState and moveTo().
 */
class CrossConnectionCopy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CrossConnectionCopy)
public:
    static constexpr int MaxInFlight = 4;

    enum class ItemState {
        Waiting,         ///< listed, not started
        CheckingTarget,  ///< HEAD of the target key (does it exist?)
        ReadingSource,   ///< HEAD of the source: its attributes
        Downloading,     ///< the source queue downloads it into the private folder
        Uploading,       ///< the target queue uploads it (or a PUT of an empty folder marker)
        DeletingSource,  ///< a move: the upload succeeded, the source goes
        Done,
        Skipped,         ///< the target exists (not replaced)
        Failed,
    };

    /**
     * dragged: objects and folders ("prefix/") of sourceBucket; each keeps its own name below targetPrefix
     * (tabDropTarget(), as drops within one connection).
     */
    CrossConnectionCopy(Session *source, Session *target, QString sourceBucket, QStringList dragged, QString targetBucket,
                        QString targetPrefix, bool move, QObject *parent = nullptr);
    /** Cancels and takes out of the queues what is unfinished: a queue that resumed it later would find no folder. */
    ~CrossConnectionCopy() override;

    void setReplaceExisting(bool replace) { m_replaceExisting = replace; }
    /** From the event loop, as every job: connect to finished() first. */
    void start();
    /** Stops: transfers that run are cancelled, nothing more is deleted; finished() follows. */
    void cancel();

    bool isMove() const { return m_move; }
    const QStringList &draggedKeys() const { return m_keys; }
    QString targetPrefix() const { return m_targetPrefix; }
    bool isFinished() const { return m_finished; }
    int total() const { return int(m_items.size()); }
    int doneCount() const { return m_done; }
    /** "key: why" of each object that did not arrive, or whose source a move could not delete. */
    const QStringList &failures() const { return m_failures; }
    QStringList skippedKeys() const { return m_skipped; }
    /** The private folder (for tests: it is gone once finished() was emitted). */
    QString workFolder() const;

Q_SIGNALS:
    void progressChanged(int done, int total);
    /** Everything ended (done, skipped or failed); the private folder is removed. */
    void finished();

private:
    struct Item
    {
        QString sourceKey;
        qint64 size = -1;
        QString etag;
        ItemState state = ItemState::Waiting;
        s3::TransferId transfer = 0;
        QString localPath;
        s3::ObjectMetadata metadata;
    };

    void listNextFolder();
    void addItem(const s3::ObjectInfo &object);
    void pump();
    void moveTo(int index, ItemState state, const QString &reason = {});
    void checkTarget(int index);
    void readSource(int index);
    void download(int index);
    void upload(int index);
    void deleteSource(int index);
    void run();
    void transferFinished(bool fromSource, const s3::TransferSnapshot &snapshot);
    void fail(const QString &key, const QString &reason);
    QString targetKeyOf(const QString &sourceKey) const;
    void finishIfDone();
    Item &item(int index) { return m_items[size_t(index)]; }

    QPointer<Session> m_source;
    QPointer<Session> m_target;
    QPointer<s3::TransferEngine> m_sourceEngine;
    QPointer<s3::TransferEngine> m_targetEngine;
    QString m_sourceBucket;
    QStringList m_keys;
    QString m_targetBucket;
    QString m_targetPrefix;
    bool m_move = false;
    bool m_replaceExisting = false;
    bool m_started = false;
    bool m_cancelled = false;
    bool m_finished = false;

    std::unique_ptr<QTemporaryDir> m_work;
    std::vector<Item> m_items;
    std::deque<QString> m_foldersToList;
    QPointer<s3::Job> m_listing;
    int m_next = 0;     ///< the first Waiting item
    int m_inFlight = 0; ///< items between Waiting and an end state
    int m_done = 0;
    QHash<s3::TransferId, int> m_sourceTransfers;
    QHash<s3::TransferId, int> m_targetTransfers;
    QStringList m_failures;
    QStringList m_skipped;
};

} // namespace s3ui
