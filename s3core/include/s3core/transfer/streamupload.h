// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>

#include <QPointer>
#include <QStringList>

#include "s3core/job.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/ops/objectjobs.h"

class QIODevice;

namespace s3 {

class MultipartUploader;
class S3Client;

/**
 * Uploads a stream of unknown length (a pipe, standard input, a socket) without holding it whole: the bytes are
 * cut into parts of partSize as they arrive and sent as a multipart upload, at most maxPartsInFlight parts at a
 * time; reading pauses while that many are in flight, so memory stays below (maxPartsInFlight + 1) x partSize.
 * A stream shorter than one part (an empty one included) becomes a single PUT: no zero-part multipart upload.
 * A failure or cancel aborts the multipart upload. S3 allows 10,000 parts: with the default 64 MiB parts a
 * stream may be up to 625 GiB.
 */
class S3CORE_EXPORT StreamUploadJob final : public Job
{
    Q_OBJECT
public:
    StreamUploadJob(S3Client *client, QString bucket, QString key, QIODevice *source, ObjectAttributes attributes = {},
                    QObject *parent = nullptr);
    ~StreamUploadJob() override;

    void setPartSize(qint64 bytes) { m_partSize = bytes; }
    void setMaxPartsInFlight(int parts) { m_maxInFlight = std::max(1, parts); }
    /** How the parts prove their bytes (default IntegrityMode::Auto: unsigned over HTTPS, signed SHA-256 over HTTP). */
    void setIntegrityMode(IntegrityMode mode) { m_integrity = mode; }

    qint64 bytesRead() const { return m_bytesRead; }
    QString etag() const { return m_etag; }
    /** What the upload could not make right although it succeeded (see MultipartUploader::warnings()). */
    QStringList warnings() const { return m_warnings; }

Q_SIGNALS:
    void progressChanged(qint64 bytesRead);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void readSome();
    void handleEnd();
    void submitBuffer();
    bool mayRead() const;
    void failWith(const S3Error &error);
    void releaseUploaderForAbort();

    S3Client *m_client;
    QString m_bucket;
    QString m_key;
    QPointer<QIODevice> m_source;
    ObjectAttributes m_attributes;
    qint64 m_partSize = 64ll * 1024 * 1024;
    int m_maxInFlight = 4;
    IntegrityMode m_integrity = IntegrityMode::Auto;
    QByteArray m_buffer;
    qint64 m_bytesRead = 0;
    bool m_sourceFinished = false;
    bool m_ended = false;
    bool m_endHandled = false;
    bool m_readScheduled = false;
    QPointer<MultipartUploader> m_uploader;
    QPointer<Job> m_put;
    QString m_etag;
    QStringList m_warnings;
};

} // namespace s3
