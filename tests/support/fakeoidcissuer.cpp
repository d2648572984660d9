// SPDX-License-Identifier: Apache-2.0
#include "fakeoidcissuer.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QUrl>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qsizetype MaxRequestBytes = 16 * 1024;

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray bigEndian(EVP_PKEY *key, const char *parameter)
{
    BIGNUM *number = nullptr;
    if (EVP_PKEY_get_bn_param(key, parameter, &number) != 1)
        return {};
    QByteArray bytes(BN_num_bytes(number), '\0');
    BN_bn2bin(number, reinterpret_cast<unsigned char *>(bytes.data()));
    BN_free(number);
    return bytes;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

struct FakeOidcIssuer::Key
{
    EVP_PKEY *pkey = nullptr;
    ~Key() { EVP_PKEY_free(pkey); }
};

FakeOidcIssuer::FakeOidcIssuer(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeOidcIssuer::onNewConnection);
}

FakeOidcIssuer::~FakeOidcIssuer() = default;

bool FakeOidcIssuer::start(const QString &path)
{
    m_path = path;
    m_key = std::make_unique<Key>();
    m_key->pkey = EVP_RSA_gen(2048);
    if (!m_key->pkey) {
        m_error = u"OpenSSL could not make an RSA key"_s;
        return false;
    }
    // A self-signed certificate for the key, valid from an hour ago for two days.
    std::unique_ptr<X509, decltype(&X509_free)> certificate(X509_new(), &X509_free);
    X509_NAME *name = certificate ? X509_get_subject_name(certificate.get()) : nullptr;
    const bool made = name && X509_set_version(certificate.get(), 2) == 1
        && ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), long(QDateTime::currentSecsSinceEpoch() & 0x7fffffff)) == 1
        && X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600) && X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 2 * 86400)
        && X509_set_pubkey(certificate.get(), m_key->pkey) == 1
        && X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("S3Desk test OIDC issuer"), -1, -1, 0) == 1
        && X509_set_issuer_name(certificate.get(), name) == 1 && X509_sign(certificate.get(), m_key->pkey, EVP_sha256()) > 0;
    const int size = made ? i2d_X509(certificate.get(), nullptr) : 0;
    if (size <= 0) {
        m_error = u"OpenSSL could not make the certificate"_s;
        return false;
    }
    m_certificateDer = QByteArray(size, '\0');
    auto *out = reinterpret_cast<unsigned char *>(m_certificateDer.data());
    i2d_X509(certificate.get(), &out);

    if (!m_server.listen(QHostAddress::LocalHost, 0)) {
        m_error = m_server.errorString();
        return false;
    }
    return true;
}

QString FakeOidcIssuer::issuer() const
{
    return u"http://127.0.0.1:%1%2"_s.arg(m_server.serverPort()).arg(m_path);
}

QString FakeOidcIssuer::providerId() const
{
    return u"127.0.0.1:%1%2"_s.arg(m_server.serverPort()).arg(m_path);
}

QString FakeOidcIssuer::thumbprint() const
{
    return QString::fromLatin1(QCryptographicHash::hash(m_certificateDer, QCryptographicHash::Sha1).toHex());
}

QByteArray FakeOidcIssuer::mint(const Claims &claims) const
{
    if (!m_key || !m_key->pkey)
        return {};
    QJsonObject payload{{"iss"_L1, issuer()}, {"iat"_L1, claims.issuedAt}, {"exp"_L1, claims.expiresAt}};
    if (!claims.subject.isEmpty())
        payload.insert("sub"_L1, claims.subject);
    if (!claims.audience.isEmpty())
        payload.insert("aud"_L1, claims.audience);
    if (!claims.authorizedParty.isEmpty())
        payload.insert("azp"_L1, claims.authorizedParty);
    const QByteArray signingInput = base64Url(compactJson({{"alg"_L1, "RS256"_L1}, {"typ"_L1, "JWT"_L1}, {"kid"_L1, "s3desk-test"_L1}}))
        + '.' + base64Url(compactJson(payload));

    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    const auto *input = reinterpret_cast<const unsigned char *>(signingInput.constData());
    size_t length = 0;
    if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, m_key->pkey) != 1
        || EVP_DigestSign(context.get(), nullptr, &length, input, size_t(signingInput.size())) != 1)
        return {};
    QByteArray signature(qsizetype(length), '\0');
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, input, size_t(signingInput.size())) != 1)
        return {};
    signature.resize(qsizetype(length));
    return signingInput + '.' + base64Url(signature);
}

QByteArray FakeOidcIssuer::mint(const QString &subject, const QString &audience, qint64 lifetimeSeconds) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    Claims claims;
    claims.subject = subject;
    claims.audience = audience;
    claims.authorizedParty = audience;
    claims.issuedAt = lifetimeSeconds > 0 ? now - 60 : now + lifetimeSeconds - 60;
    claims.expiresAt = now + lifetimeSeconds;
    return mint(claims);
}

QByteArray FakeOidcIssuer::jwks() const
{
    QJsonObject key{{"kty"_L1, "RSA"_L1},
                    {"alg"_L1, "RS256"_L1},
                    {"use"_L1, "sig"_L1},
                    {"kid"_L1, "s3desk-test"_L1},
                    {"n"_L1, QString::fromLatin1(base64Url(bigEndian(m_key->pkey, OSSL_PKEY_PARAM_RSA_N)))},
                    {"e"_L1, QString::fromLatin1(base64Url(bigEndian(m_key->pkey, OSSL_PKEY_PARAM_RSA_E)))},
                    {"x5c"_L1, QJsonArray{QString::fromLatin1(m_certificateDer.toBase64())}}};
    return compactJson({{"keys"_L1, QJsonArray{key}}});
}

void FakeOidcIssuer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeOidcIssuer::onReadyRead(QTcpSocket *socket)
{
    if (!m_buffers.contains(socket))
        return;
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0 && buffer.size() <= MaxRequestBytes)
        return;
    const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
    m_buffers.remove(socket);

    QByteArray status = "404 Not Found";
    QByteArray body = R"({"error":"not found"})";
    if (end < 0) {
        status = "431 Request Header Fields Too Large";
        body = R"({"error":"request too large"})";
    } else if (requestLine.size() == 3 && requestLine.at(0) == "GET") {
        const QString path = QUrl(QString::fromLatin1(requestLine.at(1))).path();
        m_counts[path] += 1;
        if (path == configurationPath()) {
            status = "200 OK";
            body = compactJson({{"issuer"_L1, issuer()},
                                {"jwks_uri"_L1, QString(issuer() + u"/protocol/openid-connect/certs"_s)},
                                {"response_types_supported"_L1, QJsonArray{"id_token"_L1}},
                                {"subject_types_supported"_L1, QJsonArray{"public"_L1}},
                                {"id_token_signing_alg_values_supported"_L1, QJsonArray{"RS256"_L1}}});
        } else if (path == jwksPath()) {
            status = "200 OK";
            body = jwks();
        }
    } else {
        status = "405 Method Not Allowed";
        body = R"({"error":"GET only"})";
    }
    socket->write("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                  + "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
}
