// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/streamupload.h"

#include <utility>

#include <QFileDevice>
#include <QIODevice>
#include <QTimer>

#include "s3core/net/s3client.h"
#include "s3core/transfer/multipartuploader.h"
#include "s3core/transfer/partplanner.h"

namespace s3 {

StreamUploadJob::StreamUploadJob(S3Client *client, QString bucket, QString key, QIODevice *source, ObjectAttributes attributes,
                                 QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
    , m_source(source)
    , m_attributes(std::move(attributes))
{
}

StreamUploadJob::~StreamUploadJob() = default;

void StreamUploadJob::doStart()
{
    if (!m_source || !m_source->isReadable()) {
        emitResult(S3Error::io(QStringLiteral("the stream to upload is not readable")));
        return;
    }
    m_partSize = std::clamp(m_partSize, MinPartSize, MaxPartSize);
    if (m_attributes.contentType.isEmpty())
        m_attributes.contentType = contentTypeForName(m_key);
    // Devices that announce data (sockets, processes) wake us up; plain files and pipes are read in turns.
    connect(m_source, &QIODevice::readyRead, this, &StreamUploadJob::readSome);
    connect(m_source, &QIODevice::readChannelFinished, this, [this] {
        m_sourceFinished = true; // what is still buffered in the device is read first
        readSome();
    });
    readSome();
}

bool StreamUploadJob::mayRead() const
{
    if (!m_uploader)
        return true;
    return m_uploader->partsInFlight() + m_uploader->partsQueued() < m_maxInFlight;
}

void StreamUploadJob::readSome()
{
    m_readScheduled = false;
    if (isFinished() || m_put || !m_source)
        return;
    // One slice per turn of the event loop, so network bookkeeping keeps running while a pipe is drained.
    if (!m_ended && mayRead()) {
        const qint64 want = std::min<qint64>(1024 * 1024, m_partSize - m_buffer.size());
        const QByteArray chunk = m_source->read(want);
        if (chunk.isEmpty()) {
            const bool fileLike = qobject_cast<QFileDevice *>(m_source.data()) != nullptr;
            if (m_sourceFinished || (m_source->atEnd() && (fileLike || !m_source->isOpen())))
                m_ended = true;
            else if (fileLike && qobject_cast<QFileDevice *>(m_source.data())->error() != QFileDevice::NoError)
                return failWith(S3Error::io(QStringLiteral("reading the stream failed: %1").arg(m_source->errorString())));
            else if (!m_source->isSequential())
                m_ended = true;
            else
                return; // wait for readyRead / readChannelFinished
        } else {
            m_buffer += chunk;
            m_bytesRead += chunk.size();
            Q_EMIT progressChanged(m_bytesRead);
        }
    }
    if (m_buffer.size() >= m_partSize)
        submitBuffer();
    if (m_ended) {
        handleEnd();
        return;
    }
    if (mayRead() && !m_readScheduled) {
        m_readScheduled = true;
        QTimer::singleShot(0, this, &StreamUploadJob::readSome);
    }
}

void StreamUploadJob::submitBuffer()
{
    if (!m_uploader) {
        m_uploader = new MultipartUploader(m_client, m_bucket, m_key, m_attributes, this);
        m_uploader->setMaxConcurrentParts(m_maxInFlight);
        m_uploader->setIntegrityMode(m_integrity);
        connect(m_uploader, &MultipartUploader::partFinished, this, [this] {
            if (!m_readScheduled && !isFinished()) {
                m_readScheduled = true;
                QTimer::singleShot(0, this, &StreamUploadJob::readSome); // room for the next part
            }
        });
        connect(m_uploader, &MultipartUploader::completed, this, [this](const CompleteMultipartUploadResult &result) {
            m_etag = result.etag;
            m_warnings = m_uploader->warnings();
            emitResult();
        });
        connect(m_uploader, &MultipartUploader::failed, this, [this](const S3Error &error) { emitResult(error); });
        m_uploader->create();
    }
    if (m_uploader->submitPart(std::exchange(m_buffer, {})) < 0 && !isFinished())
        failWith(m_uploader->error().isError() ? m_uploader->error()
                                               : S3Error::invalid(QStringLiteral("the stream is too long for 10,000 parts of %1").arg(formatByteSize(m_partSize))));
}

void StreamUploadJob::handleEnd()
{
    if (m_endHandled)
        return;
    m_endHandled = true;
    if (m_uploader) {
        if (!m_buffer.isEmpty())
            submitBuffer();
        if (!isFinished())
            m_uploader->complete();
        return;
    }
    // Shorter than one part: a single PUT (a multipart upload needs at least one part of data).
    auto *put = new PutObjectJob(m_client, m_bucket, m_key, this);
    put->setData(std::exchange(m_buffer, {}));
    put->setAttributes(m_attributes);
    m_put = put;
    connect(put, &Job::finished, this, [this, put] {
        m_etag = put->etag();
        if (const QString warning = unappliedEncryptionWarning(m_key, m_attributes, put->serverSideEncryption());
            !put->hasError() && !warning.isEmpty())
            m_warnings.append(warning);
        emitResult(put->error());
    });
    put->start();
}

void StreamUploadJob::releaseUploaderForAbort()
{
    // A stream cannot be read again: its upload is never kept, and the abort outlives this job.
    if (MultipartUploader *uploader = std::exchange(m_uploader, nullptr))
        uploader->abortDetached();
}

void StreamUploadJob::failWith(const S3Error &error)
{
    releaseUploaderForAbort();
    emitResult(error);
}

void StreamUploadJob::doCancel()
{
    cancelQuietly(m_put, this);
    releaseUploaderForAbort();
}

} // namespace s3
