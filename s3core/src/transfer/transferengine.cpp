// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/transferengine.h"

#include <algorithm>

#include <QDateTime>
#include <QNetworkAccessManager>

#include "platform/platformio.h"
#include "s3core/logging.h"

namespace s3 {

TransferEngine::TransferEngine(SettingsFactory settings, TransferLimits limits, QString persistencePath, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    // Ids unique across restarts, so new transfers never collide with restored ones.
    , m_nextId(TransferId(QDateTime::currentMSecsSinceEpoch()) * 1000)
    , m_limits(limits)
{
    qRegisterMetaType<s3::TransferSnapshot>();
    qRegisterMetaType<QList<s3::TransferSnapshot>>();
    qRegisterMetaType<s3::S3Error>();
    m_thread->setObjectName(QStringLiteral("s3desk-transfers"));
    // Queued calls run where their context object lives: this one lives on the worker thread.
    m_context = new QObject;
    m_context->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread->start();
    // Everything the queue owns is created on the worker thread.
    QMetaObject::invokeMethod(
        m_context,
        [this, settings = std::move(settings), limits, persistencePath] {
            // Bulk work yields to the caller's (GUI) thread when the cores are busy. Threads started from here
            // (Qt's network threads, the hashing pool) inherit this niceness.
            platform::lowerCurrentThreadPriority();
            m_providerNetwork = new QNetworkAccessManager;
            Result<ClientSettings> resolved = settings(m_providerNetwork);
            if (!resolved) {
                Q_EMIT setupFailed(resolved.error());
                resolved = ClientSettings{};
            }
            m_queue = new TransferQueue(*resolved, limits);
            m_queue->setIdSource([this] { return m_nextId++; }); // one sequence for both sides
            connect(m_queue, &TransferQueue::taskAdded, this, &TransferEngine::taskAdded);
            connect(m_queue, &TransferQueue::tasksChanged, this, &TransferEngine::tasksChanged);
            connect(m_queue, &TransferQueue::taskFinished, this, &TransferEngine::taskFinished);
            connect(m_queue, &TransferQueue::taskRemoved, this, &TransferEngine::taskRemoved);
            connect(m_queue, &TransferQueue::idle, this, &TransferEngine::idle);
            connect(m_queue, &TransferQueue::folderListingFinished, this, &TransferEngine::folderListingFinished);
            if (!persistencePath.isEmpty()) {
                m_queue->setPersistencePath(persistencePath);
                Result<int> count = m_queue->restore();
                if (const QStringList problems = m_queue->restoreProblems(); !problems.isEmpty()) {
                    // Kept on this object's thread before it is announced: a view that connects later asks for it.
                    QMetaObject::invokeMethod(
                        this,
                        [this, problems] {
                            m_restoreProblems = problems;
                            Q_EMIT restoreProblemsFound(problems);
                        },
                        Qt::QueuedConnection);
                }
                if (count)
                    Q_EMIT restored(*count);
                else
                    Q_EMIT setupFailed(count.error());
            }
        },
        Qt::QueuedConnection);
}

TransferEngine::~TransferEngine()
{
    // Destroy the queue on its own thread (it saves itself and stops its requests), then stop the thread.
    QMetaObject::invokeMethod(m_context, [this] {
        delete m_queue;
        m_queue = nullptr;
        delete m_providerNetwork;
        m_providerNetwork = nullptr;
        QThread::currentThread()->quit();
    });
    m_thread->wait();
}

template<typename F>
void TransferEngine::post(F &&function)
{
    // Queued onto the worker thread, in call order. The queue pointer is set by the first posted call.
    QMetaObject::invokeMethod(
        m_context,
        [this, function = std::forward<F>(function)] {
            if (m_queue)
                function(*m_queue);
        },
        Qt::QueuedConnection);
}

TransferId TransferEngine::enqueueUpload(const QString &localPath, const QString &bucket, const QString &key, const UploadOptions &options)
{
    const TransferId id = m_nextId++;
    post([=](TransferQueue &queue) { queue.enqueueUpload(localPath, bucket, key, options, id); });
    return id;
}

TransferId TransferEngine::enqueueDownload(const QString &bucket, const QString &key, const QString &localPath, const DownloadOptions &options)
{
    const TransferId id = m_nextId++;
    post([=](TransferQueue &queue) { queue.enqueueDownload(bucket, key, localPath, options, id); });
    return id;
}

TransferId TransferEngine::enqueueCopy(const QString &sourceBucket, const QString &sourceKey, const QString &bucket, const QString &key,
                                       const CopyOptions &options)
{
    const TransferId id = m_nextId++;
    post([=](TransferQueue &queue) { queue.enqueueCopy(sourceBucket, sourceKey, bucket, key, options, id); });
    return id;
}

void TransferEngine::enqueueFolderUpload(const QString &localDir, const QString &bucket, const QString &prefix,
                                         const UploadOptions &options)
{
    post([=](TransferQueue &queue) { queue.enqueueFolderUpload(localDir, bucket, prefix, options); });
}

void TransferEngine::enqueuePrefixDownload(const QString &bucket, const QString &prefix, const QString &localDir,
                                           const DownloadOptions &options)
{
    post([=](TransferQueue &queue) { queue.enqueuePrefixDownload(bucket, prefix, localDir, options); });
}

TransferId TransferEngine::enqueueFolderDownloadGroup(const QString &bucket, const QString &prefix, const QString &localDir,
                                                      const DownloadOptions &options)
{
    const TransferId id = m_nextId++;
    post([=](TransferQueue &queue) { queue.enqueueFolderDownloadGroup(bucket, prefix, localDir, options, id); });
    return id;
}

TransferId TransferEngine::enqueueFolderUploadGroup(const QString &localDir, const QString &bucket, const QString &prefix,
                                                    const UploadOptions &options)
{
    const TransferId id = m_nextId++;
    post([=](TransferQueue &queue) { queue.enqueueFolderUploadGroup(localDir, bucket, prefix, options, id); });
    return id;
}

TransferId TransferEngine::enqueueUploadGroup(const QString &localDir, const QString &bucket, const QString &prefix,
                                              QList<PendingFile> files, const UploadOptions &options)
{
    const TransferId id = m_nextId++;
    // Captured by value: QList shares its data, so neither this thread nor the worker copies the records.
    post([=](TransferQueue &queue) { queue.enqueueUploadGroup(localDir, bucket, prefix, files, options, id); });
    return id;
}

void TransferEngine::requestSnapshots()
{
    post([this](TransferQueue &queue) { Q_EMIT tasksChanged(queue.snapshots()); });
}

void TransferEngine::pause(TransferId id) { post([id](TransferQueue &queue) { queue.pause(id); }); }
void TransferEngine::resume(TransferId id) { post([id](TransferQueue &queue) { queue.resume(id); }); }
void TransferEngine::cancel(TransferId id) { post([id](TransferQueue &queue) { queue.cancel(id); }); }
void TransferEngine::retry(TransferId id) { post([id](TransferQueue &queue) { queue.retry(id); }); }
void TransferEngine::retryWithSseCustomerKey(TransferId id, const SseCustomerKey &key)
{
    post([id, key](TransferQueue &queue) { queue.retryWithSseCustomerKey(id, key); });
}
void TransferEngine::remove(TransferId id) { post([id](TransferQueue &queue) { queue.remove(id); }); }
void TransferEngine::moveToTop(TransferId id) { post([id](TransferQueue &queue) { queue.moveToTop(id); }); }
void TransferEngine::pauseAll() { post([](TransferQueue &queue) { queue.pauseAll(); }); }
void TransferEngine::resumeAll() { post([](TransferQueue &queue) { queue.resumeAll(); }); }
void TransferEngine::cancelAll() { post([](TransferQueue &queue) { queue.cancelAll(); }); }
void TransferEngine::setLimits(const TransferLimits &limits)
{
    m_limits = limits;
    post([limits](TransferQueue &queue) { queue.setLimits(limits); });
}

void TransferEngine::setRateLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond)
{
    m_limits.uploadBytesPerSecond = std::max<qint64>(0, uploadBytesPerSecond);
    m_limits.downloadBytesPerSecond = std::max<qint64>(0, downloadBytesPerSecond);
    post([uploadBytesPerSecond, downloadBytesPerSecond](TransferQueue &queue) { queue.setRateLimits(uploadBytesPerSecond, downloadBytesPerSecond); });
}

} // namespace s3
