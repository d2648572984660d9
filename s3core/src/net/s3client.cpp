// SPDX-License-Identifier: Apache-2.0
#include "s3core/net/s3client.h"

#include <algorithm>

#include <QFile>
#include <QIODevice>
#include <QLibraryInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSysInfo>

#include "s3core/auth/presignexpiry.h"
#include "s3core/auth/sigv4.h"
#include "s3core/crypto.h"
#include "s3core/logging.h"
#include "s3core/net/clockskew.h"
#include "s3core/transfer/filerangedevice.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

S3Client::S3Client(QNetworkAccessManager *network, Endpoint endpoint, std::shared_ptr<CredentialsProvider> credentials,
                   QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(std::move(endpoint))
    , m_credentials(std::move(credentials))
    , m_ssl(QSslConfiguration::defaultConfiguration())
{
}

S3Client::~S3Client() = default;

Result<Ok> S3Client::setCaBundle(const QString &pemPath)
{
    QFile file(pemPath);
    if (!file.open(QIODevice::ReadOnly))
        return S3Error::io(QStringLiteral("cannot read the CA bundle %1: %2").arg(pemPath, file.errorString()));
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty())
        return S3Error::invalid(QStringLiteral("the CA bundle %1 contains no PEM certificate").arg(pemPath));
    m_ssl.addCaCertificates(certificates);
    // libcurl's pool adds these to the system's store (CurlHttpPool::trustStoreFor()), once per pool.
    for (const QSslCertificate &certificate : certificates)
        m_curlCaPem += certificate.toPem();
    return Ok{};
}

QString S3Client::regionForBucket(const QString &bucket) const
{
    return m_bucketRegions.value(bucket, m_endpoint.region());
}

void S3Client::rememberBucketRegion(const QString &bucket, const QString &region)
{
    if (!bucket.isEmpty() && !region.isEmpty())
        m_bucketRegions.insert(bucket, region);
}

bool S3Client::noteServerDate(const QByteArray &dateHeader, bool refusedAsSkewed)
{
    if (!m_clockOffset->noteServerDate(dateHeader, m_clock(), refusedAsSkewed, m_endpoint.baseUrl().host()))
        return false;
    ++m_clockCorrections;
    return true;
}

QByteArray S3Client::userAgent()
{
    return QByteArrayLiteral("S3Desk/" S3DESK_VERSION_STRING " (Qt ") + QByteArray(qVersion()) + "; "
        + QSysInfo::kernelType().toUtf8() + ')';
}

void S3Client::withCredentials(QObject *context, std::function<void(const Result<Credentials> &)> callback)
{
    if (!m_credentials) {
        callback(Credentials{});
        return;
    }
    m_credentials->resolve(context, std::move(callback));
}

Result<QNetworkReply *> S3Client::send(const S3Request &request, const Credentials *credentials, QIODevice *body)
{
    if (auto valid = request.validate(); !valid)
        return valid.error();
    const RequestTarget target = m_endpoint.target(request.bucket, request.key, request.query);

    QByteArray payloadHash = request.payloadHash;
    if (payloadHash.isEmpty())
        payloadHash = crypto::sha256Hex(request.body);

    QNetworkRequest networkRequest(target.url);
    const int timeoutMs = std::max(m_transferTimeoutMs, request.minimumTimeoutMs);
    networkRequest.setTransferTimeout(timeoutMs);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // Bytes must arrive exactly as stored: no transparent gzip decoding by Qt.
    networkRequest.setRawHeader(QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("identity"));
    networkRequest.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    if (target.url.scheme() == QLatin1String("https"))
        networkRequest.setSslConfiguration(m_ssl);

    const qint64 bodySize = body ? body->size() : request.body.size();
    const bool sendsBody = body || !request.body.isEmpty() || request.method == "PUT" || request.method == "POST";
    if (sendsBody)
        networkRequest.setHeader(QNetworkRequest::ContentLengthHeader, bodySize);

    for (const auto &[name, value] : request.headers)
        networkRequest.setRawHeader(name, value);
    if (sendsBody && request.header(QByteArrayLiteral("content-type")).isEmpty()) {
        // Qt would otherwise warn and guess; S3 stores what we send.
        networkRequest.setRawHeader(QByteArrayLiteral("content-type"), QByteArrayLiteral("application/octet-stream"));
    }

    if (credentials && credentials->isComplete()) {
        sigv4::HeaderList toSign = request.headers;
        if (sendsBody && request.header(QByteArrayLiteral("content-type")).isEmpty())
            toSign.append({QByteArrayLiteral("content-type"), QByteArrayLiteral("application/octet-stream")});
        const QDateTime signingNow = signingTime();
        const sigv4::Signer signer(regionForBucket(request.bucket), QStringLiteral("s3"), [signingNow] { return signingNow; });
        const sigv4::HeaderList added = signer.sign(*credentials, request.method, target, toSign, payloadHash);
        for (const auto &[name, value] : added)
            networkRequest.setRawHeader(name, value);
    }
    qCDebug(lcS3Net) << request.method << target.encodedPath << "bucket" << request.bucket;

    // Bulk data (a file window or a stream's part up, a ranged GET into a file down) goes through libcurl.
    auto *fileBody = qobject_cast<FileRangeDevice *>(body);
    const bool bulk = fileBody || (!body && (request.bulkBody || request.sink.isSet()));
    if (m_curl && bulk && CurlHttpPool::canCarry(target.url)) {
        CurlHttpPool::Exchange exchange;
        exchange.method = request.method;
        exchange.url = target.url;
        exchange.hostHeader = target.hostHeader;
        for (const QByteArray &name : networkRequest.rawHeaderList()) {
            if (name.compare("content-length", Qt::CaseInsensitive) != 0 && name.compare("host", Qt::CaseInsensitive) != 0)
                exchange.headers.append({name, networkRequest.rawHeader(name)});
        }
        exchange.body = request.body;
        exchange.bodyFile = fileBody;
        exchange.sendsBody = sendsBody;
        exchange.sink = request.sink;
        exchange.transferTimeoutMs = timeoutMs;
        exchange.caCertificates = m_curlCaPem;
        return m_curl->send(std::move(exchange));
    }

    QNetworkReply *reply = nullptr;
    if (request.method == "GET")
        reply = m_network->get(networkRequest);
    else if (request.method == "HEAD")
        reply = m_network->head(networkRequest);
    else if (body)
        reply = m_network->sendCustomRequest(networkRequest, request.method, body);
    else
        reply = m_network->sendCustomRequest(networkRequest, request.method, request.body);
    return reply;
}

Result<QUrl> S3Client::presign(const Credentials &credentials, const QByteArray &method, const QString &bucket,
                               const QString &key, qint64 expiresSeconds, const QueryItems &query) const
{
    if (!credentials.isComplete())
        return S3Error(S3Error::Kind::Auth, QStringLiteral("presigning needs credentials (an access key and a secret)"));
    const QDateTime signingNow = signingTime();
    if (auto lifetime = planPresignExpiry(expiresSeconds, true, credentials.expiry, signingNow); !lifetime)
        return lifetime.error();
    const sigv4::Signer signer(regionForBucket(bucket), QStringLiteral("s3"), [signingNow] { return signingNow; });
    return signer.presign(credentials, method.toUpper(), m_endpoint.target(bucket, key, query), expiresSeconds);
}

} // namespace s3
