// SPDX-License-Identifier: Apache-2.0
#include "browser/dragout.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include "browser/downloadplan.h"
#include "connection/session.h"
#include "s3core/transfer/transferengine.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

// --- DragOutBatch -------------------------------------------------------------------------------------------

DragOutBatch::DragOutBatch(s3::TransferEngine *engine, QString bucket, QList<File> files, s3::SseCustomerKey sseKey, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_bucket(std::move(bucket))
    , m_files(std::move(files))
    , m_sseKey(std::move(sseKey))
{
}

DragOutBatch::~DragOutBatch() = default;

void DragOutBatch::start()
{
    if (m_started || !m_engine)
        return;
    m_started = true;
    connect(m_engine, &s3::TransferEngine::taskFinished, this, &DragOutBatch::handleFinished);
    s3::DownloadOptions options;
    options.sseCustomerKey = m_sseKey;
    for (File &file : m_files)
        file.id = m_engine->enqueueDownload(m_bucket, file.key, file.localPath, options);
}

void DragOutBatch::cancel()
{
    if (!m_started || !m_engine)
        return;
    for (const File &file : std::as_const(m_files)) {
        if (!file.done && !file.failed)
            m_engine->cancel(file.id);
    }
}

void DragOutBatch::handleFinished(const s3::TransferSnapshot &snapshot)
{
    for (File &file : m_files) {
        if (file.id != snapshot.id || file.done || file.failed)
            continue;
        if (snapshot.state == s3::TransferState::Succeeded && QFileInfo(file.localPath).isFile()) {
            file.done = true;
            Q_EMIT fileReady(file.localPath);
            if (allDone())
                Q_EMIT ready();
        } else {
            file.failed = true;
            if (snapshot.state == s3::TransferState::Failed)
                Q_EMIT fileFailed(file.key, snapshot.lastError);
        }
        if (m_engine)
            m_engine->remove(snapshot.id); // nothing of a drag-out stays in its engine
        return;
    }
}

QList<QUrl> DragOutBatch::readyUrls() const
{
    QList<QUrl> urls;
    for (const File &file : m_files) {
        if (file.done)
            urls.append(QUrl::fromLocalFile(file.localPath));
    }
    return urls;
}

QStringList DragOutBatch::notReadyKeys() const
{
    QStringList keys;
    for (const File &file : m_files) {
        if (!file.done)
            keys.append(file.key);
    }
    return keys;
}

bool DragOutBatch::allDone() const
{
    return std::all_of(m_files.cbegin(), m_files.cend(), [](const File &file) { return file.done; });
}

void DragOutBatch::noteDataRequested()
{
    m_requested = true;
    m_missed = notReadyKeys();
}

// --- DragOutMimeData ----------------------------------------------------------------------------------------

DragOutMimeData::DragOutMimeData(DragOutBatch *batch)
    : m_batch(batch)
{
}

DragOutMimeData::~DragOutMimeData() = default;

QStringList DragOutMimeData::formats() const
{
    QStringList result = QMimeData::formats();
    if (m_batch && !result.contains(u"text/uri-list"_s))
        result.append(u"text/uri-list"_s);
    return result;
}

QVariant DragOutMimeData::retrieveData(const QString &mimeType, QMetaType type) const
{
    if (mimeType != u"text/uri-list"_s || !m_batch)
        return QMimeData::retrieveData(mimeType, type);
    // Asked by a drop target (a file manager) at the drop, or while hovering: hand out only what is complete.
    // The batch is a QObject of the GUI thread, as is every call of this (the platform's drag runs there).
    DragOutBatch *batch = m_batch;
    const QList<QUrl> urls = batch->readyUrls();
    batch->noteDataRequested();
    if (type.id() == QMetaType::QByteArray || type.id() == QMetaType::QString) {
        QByteArray list;
        for (const QUrl &url : urls)
            list += url.toEncoded() + "\r\n";
        return type.id() == QMetaType::QString ? QVariant(QString::fromUtf8(list)) : QVariant(list);
    }
    QVariantList values;
    for (const QUrl &url : urls)
        values.append(url);
    return values;
}

// --- DragOutStager ------------------------------------------------------------------------------------------

DragOutStager::DragOutStager(QObject *parent)
    : QObject(parent)
{
}

DragOutStager::~DragOutStager() = default;

void DragOutStager::setSession(Session *session)
{
    if (session == m_session)
        return;
    m_session = session;
    m_engine.reset();
}

QString DragOutStager::stagingRoot() const
{
    return m_dir && m_dir->isValid() ? m_dir->path() : QString();
}

DragOutBatch *DragOutStager::prepare(const QString &bucket, const QStringList &keys, const QList<qint64> &sizes, qint64 maxBytes,
                                     const s3::SseCustomerKey &sseKey)
{
    if (!m_session || bucket.isEmpty())
        return nullptr;
    qint64 total = 0;
    QStringList files;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (keys[i].endsWith(u'/'))
            continue; // a folder is not a file a file manager can copy; Download… takes folders
        total += std::max<qint64>(0, sizes.value(i));
        files.append(keys[i]);
    }
    if (files.isEmpty() || total > maxBytes)
        return nullptr;
    if (!m_dir)
        m_dir = std::make_unique<QTemporaryDir>(QDir::temp().filePath(u"s3desk-drag-XXXXXX"_s));
    if (!m_dir->isValid())
        return nullptr;
    const QString folder = m_dir->filePath(QString::number(++m_count));
    if (!QDir().mkpath(folder))
        return nullptr;
    // A fresh folder: the only conflicts are two keys with one local name; each gets its own.
    const auto taken = [](const QString &path) { return QFileInfo::exists(path); };
    const DownloadPlan plan = planDownloads(files, folder, taken);
    QList<DragOutBatch::File> batchFiles;
    for (const PlannedDownload &download : resolveDownloads(plan.downloads, ConflictChoice::KeepBoth, taken))
        batchFiles.append({download.key, download.localPath});
    if (batchFiles.isEmpty())
        return nullptr;
    if (!m_engine) {
        const ConnectionResolver resolver = m_session->config().resolver;
        const int timeoutMs = m_session->config().transferTimeoutMs;
        // No persistence path: a drag-out lives as long as the drag; it is never written to a queue file.
        m_engine = std::make_unique<s3::TransferEngine>(
            [resolver, timeoutMs](QNetworkAccessManager *network) { return resolveClientSettings(resolver, timeoutMs, network); },
            s3::TransferLimits{}, QString());
    }
    return new DragOutBatch(m_engine.get(), bucket, std::move(batchFiles), sseKey, this);
}

} // namespace s3ui
