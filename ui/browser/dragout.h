// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QList>
#include <QMimeData>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include "s3core/s3error.h"
#include "s3core/ssecustomerkey.h"
#include "s3core/transfer/transfertypes.h"

class QTemporaryDir;

namespace s3 {
class TransferEngine;
} // namespace s3

namespace s3ui {

class Session;

/**
 * The files of one drag out of the browser, downloaded into a fresh staging folder, and only once start() is
 * called: when the drag leaves the application's windows (a drag that stays inside moves objects and downloads
 * nothing). readyUrls() lists only the files that are complete under their final name; a file manager that
 * asks for the drag's data gets those and nothing else.
 */
class DragOutBatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DragOutBatch)
public:
    struct File
    {
        QString key;
        QString localPath;
        s3::TransferId id = 0;
        bool done = false;
        bool failed = false;
    };

    /** sseKey: the customer key (SSE-C) every download of the batch sends (null: none). */
    DragOutBatch(s3::TransferEngine *engine, QString bucket, QList<File> files, s3::SseCustomerKey sseKey = {},
                 QObject *parent = nullptr);
    /** The customer key the downloads sent (null: none). */
    const s3::SseCustomerKey &sseKey() const { return m_sseKey; }
    ~DragOutBatch() override;

    /** Queues the downloads (once; later calls do nothing). */
    void start();
    bool isStarted() const { return m_started; }
    /** Cancels the downloads that are not done (the drag ended inside the window, or was abandoned). */
    void cancel();

    const QList<File> &files() const { return m_files; }
    /** file:// URLs of the files that are complete, in the order of the selection. */
    QList<QUrl> readyUrls() const;
    /** Keys whose file is not complete (still downloading, failed, or not started). */
    QStringList notReadyKeys() const;
    bool allDone() const;

    /** A target asked for the drag's files: readyUrls() went out; the keys left out are remembered. */
    void noteDataRequested();
    /** A target asked for the data at least once. */
    bool wasRequested() const { return m_requested; }
    /** Keys left out of the latest answer to a target (not complete then). */
    const QStringList &missedAtLastRequest() const { return m_missed; }

Q_SIGNALS:
    void fileReady(const QString &localPath);
    void fileFailed(const QString &key, const s3::S3Error &error);
    /** Every file is complete. */
    void ready();

private:
    void handleFinished(const s3::TransferSnapshot &snapshot);

    QPointer<s3::TransferEngine> m_engine;
    QString m_bucket;
    QList<File> m_files;
    s3::SseCustomerKey m_sseKey;
    bool m_started = false;
    bool m_requested = false;
    QStringList m_missed;
};

/**
 * What a drag of objects carries: the internal format (bucket and keys, for moves inside S3Desk) and, when the
 * selection can be handed to a file manager, a text/uri-list that is produced only when a target asks for it
 * (retrieveData()): the local files of the batch that are complete at that moment.
 */
class DragOutMimeData final : public QMimeData
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DragOutMimeData)
public:
    explicit DragOutMimeData(DragOutBatch *batch);
    ~DragOutMimeData() override;

    DragOutBatch *batch() const { return m_batch; }
    QStringList formats() const override;

protected:
    QVariant retrieveData(const QString &mimeType, QMetaType type) const override;

private:
    QPointer<DragOutBatch> m_batch;
};

/**
 * Drag-out downloads of one browser: a transfer engine of their own (lazily created, without a queue file, so a
 * drag-out is never restored after a restart nor shown in the transfers panel) and the staging folder (removed
 * when the browser goes away).
 */
class DragOutStager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DragOutStager)
public:
    explicit DragOutStager(QObject *parent = nullptr);
    ~DragOutStager() override;

    /** The connection whose objects are dragged (null: none). Drops the engine of the previous one. */
    void setSession(Session *session);

    /**
     * A batch (not started) for these keys of `bucket` (folders skipped); null when nothing can be dragged out:
     * no session, no file, more than maxBytes in all, or no staging folder.
     */
    DragOutBatch *prepare(const QString &bucket, const QStringList &keys, const QList<qint64> &sizes, qint64 maxBytes,
                          const s3::SseCustomerKey &sseKey = {});

    /** The engine of the drag-out downloads (null until the first batch). */
    s3::TransferEngine *engine() const { return m_engine.get(); }
    QString stagingRoot() const;
    /** Batches prepared so far (one per drag that could go out). */
    int batchCount() const { return m_count; }

private:
    QPointer<Session> m_session;
    std::unique_ptr<s3::TransferEngine> m_engine;
    std::unique_ptr<QTemporaryDir> m_dir;
    int m_count = 0;
};

} // namespace s3ui
