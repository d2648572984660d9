// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QUrl>

#include "s3core/auth/credentialsprovider.h"
#include "s3core/clock.h"
#include "s3core/endpoint.h"
#include "s3core/net/clockoffset.h"
#include "s3core/net/curlhttp.h"
#include "s3core/net/s3request.h"
#include "s3core/result.h"
#include "s3core/s3core_export.h"

class QIODevice;
class QNetworkAccessManager;
class QNetworkReply;

namespace s3 {

/**
 * Connection to one S3 endpoint: addressing, credentials, signing, TLS trust, timeouts, and the per-bucket
 * region cache. It turns an S3Request into a signed QNetworkReply; the jobs in ops/ drive it.
 * Lives on one thread with its QNetworkAccessManager (not owned; it must outlive the client).
 */
class S3CORE_EXPORT S3Client final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(S3Client)
public:
    /** credentials may be null: anonymous (unsigned) requests, for public buckets. */
    S3Client(QNetworkAccessManager *network, Endpoint endpoint, std::shared_ptr<CredentialsProvider> credentials,
             QObject *parent = nullptr);
    ~S3Client() override;

    QNetworkAccessManager *network() const { return m_network; }
    const Endpoint &endpoint() const { return m_endpoint; }
    std::shared_ptr<CredentialsProvider> credentialsProvider() const { return m_credentials; }
    bool isAnonymous() const { return !m_credentials; }

    /** The local clock (tests inject one that is off). Requests are signed with signingTime(), not this. */
    Clock clock() const { return m_clock; }
    void setClock(Clock clock) { m_clock = std::move(clock); }

    /**
     * Server time minus local time in ms, learnt from the servers' answers: 0 until an answer said the local clock
     * is off (RequestTimeTooSkewed, or a Date header more than ClockSkewThresholdMs away). Signatures and presigned
     * URLs use clock() + this offset, so a machine with a wrong clock still works.
     */
    qint64 clockOffsetMs() const { return m_clockOffset->offsetMs(); }
    /** clock() corrected by clockOffsetMs(): the time requests are signed with. */
    QDateTime signingTime() const { return m_clock().addMSecs(m_clockOffset->offsetMs()); }
    /**
     * The offset this client learns and signs with; by default its own. A connection gives all its clients and
     * credential providers one (ResolvedConnection::clockOffset), so what one answer taught applies to all.
     */
    std::shared_ptr<ClockOffset> clockOffset() const { return m_clockOffset; }
    void setClockOffset(std::shared_ptr<ClockOffset> offset)
    {
        if (offset)
            m_clockOffset = std::move(offset);
    }
    /** How many times an answer changed the offset (each correction is logged in s3desk.net debug output). */
    int clockCorrections() const { return m_clockCorrections; }
    /**
     * Takes an answer's Date header into account (see correctedClockOffset()). Returns true when the offset
     * changed. `refusedAsSkewed`: the answer was RequestTimeTooSkewed.
     */
    bool noteServerDate(const QByteArray &dateHeader, bool refusedAsSkewed);

    /** Inactivity timeout per request: no byte moved for this long fails the request with Kind::Timeout. */
    int transferTimeoutMs() const { return m_transferTimeoutMs; }
    void setTransferTimeoutMs(int ms) { m_transferTimeoutMs = ms; }

    /**
     * Server-side copies of objects above this size go in parts (UploadPartCopy): S3 refuses a single CopyObject
     * above 5 GiB, which is the default and the maximum. Smaller values exercise the multipart copy in tests.
     */
    qint64 multipartCopyThreshold() const { return m_multipartCopyThreshold; }
    void setMultipartCopyThreshold(qint64 bytes) { m_multipartCopyThreshold = qBound<qint64>(0, bytes, 5ll * 1024 * 1024 * 1024); }

    /** Trusts the CA certificates of a PEM file in addition to the system's (self-signed servers). */
    Result<Ok> setCaBundle(const QString &pemPath);
    QSslConfiguration sslConfiguration() const { return m_ssl; }

    /** Region used to sign requests for this bucket: learnt from redirects, else the endpoint's. */
    QString regionForBucket(const QString &bucket) const;
    void rememberBucketRegion(const QString &bucket, const QString &region);

    /** "S3Desk/<version> (Qt <version>; <os>)" */
    static QByteArray userAgent();

    /** Resolves credentials (possibly asynchronously); the callback is dropped if context dies. */
    void withCredentials(QObject *context, std::function<void(const Result<Credentials> &)> callback);

    /**
     * Signs and sends the request. `credentials` null: unsigned. `body` is the request body device for file
     * bodies (owned by the caller; must outlive the reply). Returns the reply (the caller owns it) or an error.
     */
    Result<QNetworkReply *> send(const S3Request &request, const Credentials *credentials, QIODevice *body);

    /**
     * Bulk data requests (file bodies, ranged GETs into a file) go through this libcurl pool instead of the
     * QNetworkAccessManager (not owned; null: everything through Qt). See CurlHttpPool.
     */
    void setCurlHttp(CurlHttpPool *pool) { m_curl = pool; }
    CurlHttpPool *curlHttp() const { return m_curl; }

    /**
     * Signed URL, no network, signed at signingTime(). Expiry 1 s ... 7 days, and never longer than the
     * credentials' remaining lifetime (refused: plan it with planPresignExpiry() first, which can clamp).
     */
    Result<QUrl> presign(const Credentials &credentials, const QByteArray &method, const QString &bucket,
                         const QString &key, qint64 expiresSeconds, const QueryItems &query = {}) const;

private:
    QNetworkAccessManager *m_network;
    QPointer<CurlHttpPool> m_curl;
    Endpoint m_endpoint;
    std::shared_ptr<CredentialsProvider> m_credentials;
    Clock m_clock = systemClock();
    std::shared_ptr<ClockOffset> m_clockOffset = std::make_shared<ClockOffset>();
    int m_clockCorrections = 0;
    int m_transferTimeoutMs = 30000;
    qint64 m_multipartCopyThreshold = 5ll * 1024 * 1024 * 1024;
    QSslConfiguration m_ssl;
    QByteArray m_curlCaPem; // for libcurl: the bundle's CA certificates (the pool adds the system's); empty: no bundle
    QHash<QString, QString> m_bucketRegions;
};

} // namespace s3
