// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>
#include <QTcpServer>

class QTcpSocket;

/**
 * IAM Identity Center for tests on 127.0.0.1: the OIDC service (POST /client/register, /device_authorization,
 * /token with the device_code and refresh_token grants) and the portal (GET /federation/credentials) on one port.
 * One request per connection; requests are bounded (64 KiB) and logged. Errors come as the real services send
 * them: HTTP 400/401 with {"error": ..., "error_description": ...} and x-amzn-ErrorType.
 *
 * Device flow: each CreateToken poll with the device code takes the next entry of the poll script
 * ("authorization_pending", "slow_down", "access_denied", "expired_token"); an empty script approves.
 * Portal: answers the configured role credentials to a bearer token it issued and has not revoked, 401
 * UnauthorizedException otherwise, 403 ForbiddenException for another account or role.
 */
class FakeSsoServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeSsoServer)
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;   ///< with the query
        QHash<QByteArray, QByteArray> headers; // names lower-cased
        QByteArray body;
    };

    explicit FakeSsoServer(QObject *parent = nullptr);
    ~FakeSsoServer() override;

    bool listen();
    /** Listens for https with this certificate and key instead (endpoint() then says https). */
    bool listenTls(const QSslConfiguration &configuration);
    QString endpoint() const;

    void setRoleCredentials(const QString &accessKeyId, const QString &secret, const QString &sessionToken, qint64 expirationMs)
    {
        m_accessKeyId = accessKeyId;
        m_secret = secret;
        m_sessionToken = sessionToken;
        m_expirationMs = expirationMs;
    }
    void setExpirationMs(qint64 expirationMs) { m_expirationMs = expirationMs; }
    void setAccountAndRole(const QString &accountId, const QString &roleName)
    {
        m_accountId = accountId;
        m_roleName = roleName;
    }
    /** Access tokens the portal accepts (tokens this server issues are added). */
    void acceptAccessToken(const QString &token) { m_accessTokens.insert(token); }
    void revokeAccessTokens() { m_accessTokens.clear(); }
    /** A refresh token for a client (as a cache file written by the test holds it). */
    void acceptRefreshToken(const QString &clientId, const QString &refreshToken) { m_refreshTokens.insert(clientId + u'\n' + refreshToken); }
    void revokeRefreshTokens() { m_refreshTokens.clear(); }
    void setTokenExpiresIn(qint64 seconds) { m_tokenExpiresIn = seconds; }
    void setIssueRefreshTokens(bool issue) { m_issueRefreshTokens = issue; }
    void setPollScript(const QStringList &script) { m_pollScript = script; }
    void setDeviceInterval(int seconds) { m_interval = seconds; }

    int count(const QByteArray &pathWithoutQuery) const { return m_counts.value(pathWithoutQuery); }
    QList<Request> requests() const { return m_requests; }
    QStringList issuedAccessTokens() const { return m_issuedAccess; }
    QStringList issuedRefreshTokens() const { return m_issuedRefresh; }
    QString lastClientId() const { return m_lastClientId; }
    static inline const QString UserCode = QStringLiteral("ABCD-EFGH");

private:
    void handleNewConnection();
    void handleReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const Request &request);
    void createToken(QTcpSocket *socket, const QJsonObject &body);
    static void reply(QTcpSocket *socket, int status, const QByteArray &body, const QByteArray &errorType = {});
    static void oauthError(QTcpSocket *socket, int status, const QString &error, const QByteArray &type);

    void adopt(std::unique_ptr<QTcpServer> server);

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Request> m_requests;
    QHash<QByteArray, int> m_counts;

    QString m_accessKeyId = QStringLiteral("ASIAFAKESSOKEY");
    QString m_secret = QStringLiteral("sso-secret-value");
    QString m_sessionToken = QStringLiteral("sso-session-token-value");
    qint64 m_expirationMs = 0; ///< 0: one hour from the request
    QString m_accountId = QStringLiteral("123456789012");
    QString m_roleName = QStringLiteral("ReadOnly");
    QSet<QString> m_accessTokens;
    QSet<QString> m_refreshTokens;
    QHash<QString, QString> m_clients; // id -> secret
    QSet<QString> m_deviceCodes;
    QString m_lastClientId;
    QStringList m_issuedAccess;
    QStringList m_issuedRefresh;
    qint64 m_tokenExpiresIn = 8 * 3600;
    bool m_issueRefreshTokens = true;
    QStringList m_pollScript;
    int m_interval = 1;
    int m_serial = 0;
};
