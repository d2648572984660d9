// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTcpServer>

class QTcpSocket;

/**
 * An OpenID Connect token issuer for tests, on 127.0.0.1 over plain http: it serves
 * <issuer>/.well-known/openid-configuration (issuer, jwks_uri) and the JWKS at jwks_uri, and mints RS256 JWTs
 * signed with its key. The key is a fresh RSA 2048 key made with OpenSSL at start(); the JWKS gives it as n/e and
 * as a self-signed certificate in x5c (Ceph RGW only reads x5c). GET only, one request per connection, requests
 * bounded (16 KiB); every path asked for is recorded.
 */
class FakeOidcIssuer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeOidcIssuer)
public:
    /** The claims of a token; times are Unix seconds. Empty strings leave a claim out. */
    struct Claims
    {
        QString subject;
        QString audience;
        QString authorizedParty; ///< azp, the client the token was issued to
        qint64 issuedAt = 0;
        qint64 expiresAt = 0;
    };

    explicit FakeOidcIssuer(QObject *parent = nullptr);
    ~FakeOidcIssuer() override;

    /** Makes the key and the certificate, then listens on 127.0.0.1 (any port); the issuer URL ends with path. */
    bool start(const QString &path = QStringLiteral("/realms/s3desk"));
    /** Why start() failed. */
    QString errorString() const { return m_error; }

    /** http://127.0.0.1:<port><path>, the tokens' iss. */
    QString issuer() const;
    /** The issuer without its scheme, as IAM names the provider: arn:aws:iam:::oidc-provider/<providerId>. */
    QString providerId() const;
    /** SHA-1 of the certificate's DER encoding, 40 lower-case hex digits (an IAM thumbprint). */
    QString thumbprint() const;

    /** A signed token for these claims (iss is the issuer). */
    QByteArray mint(const Claims &claims) const;
    /** A signed token for audience (and azp) that is valid from a minute ago for lifetimeSeconds (negative: expired). */
    QByteArray mint(const QString &subject, const QString &audience, qint64 lifetimeSeconds) const;

    /** Requests served for a path (without the query). */
    int count(const QString &path) const { return m_counts.value(path); }
    QString configurationPath() const { return m_path + QStringLiteral("/.well-known/openid-configuration"); }
    QString jwksPath() const { return m_path + QStringLiteral("/protocol/openid-connect/certs"); }

private:
    struct Key;
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    QByteArray jwks() const;

    std::unique_ptr<Key> m_key;
    QTcpServer m_server;
    QString m_path;
    QString m_error;
    QByteArray m_certificateDer;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QString, int> m_counts;
};
