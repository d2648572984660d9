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

    Clock clock() const { return m_clock; }
    void setClock(Clock clock) { m_clock = std::move(clock); }

    /** Inactivity timeout per request: no byte moved for this long fails the request with Kind::Timeout. */
    int transferTimeoutMs() const { return m_transferTimeoutMs; }
    void setTransferTimeoutMs(int ms) { m_transferTimeoutMs = ms; }

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

    /** Signed URL, no network. Expiry 1 s ... 7 days. */
    Result<QUrl> presign(const Credentials &credentials, const QByteArray &method, const QString &bucket,
                         const QString &key, qint64 expiresSeconds, const QueryItems &query = {}) const;

private:
    QNetworkAccessManager *m_network;
    QPointer<CurlHttpPool> m_curl;
    Endpoint m_endpoint;
    std::shared_ptr<CredentialsProvider> m_credentials;
    Clock m_clock = systemClock();
    int m_transferTimeoutMs = 30000;
    QSslConfiguration m_ssl;
    QByteArray m_curlCaPem; // for libcurl: the system's CA certificates and the bundle's; empty: no bundle
    QHash<QString, QString> m_bucketRegions;
};

} // namespace s3
