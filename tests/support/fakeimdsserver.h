// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTcpServer>

class QTcpSocket;

/**
 * A minimal EC2 instance metadata service (IMDSv2) on 127.0.0.1 for tests.
 *
 * Speaks just enough HTTP/1.1 (one request per connection, "Connection: close"). Like the real service it
 * wants PUT /latest/api/token (with X-aws-ec2-metadata-token-ttl-seconds) first and answers 401 to GETs
 * without a token it issued. It serves the role list, the role's credentials JSON and the instance identity
 * document; every request is logged, and any path can be made to hang (never answer) or to return a status.
 */
class FakeImdsServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeImdsServer)
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers; // names lower-cased
    };

    static inline const QByteArray TokenPath = "/latest/api/token";
    static inline const QByteArray RoleListPath = "/latest/meta-data/iam/security-credentials/";
    static inline const QByteArray IdentityPath = "/latest/dynamic/instance-identity/document";

    explicit FakeImdsServer(QObject *parent = nullptr);
    ~FakeImdsServer() override;

    /** Listens on 127.0.0.1 with a free port. */
    bool listen();
    /** "http://127.0.0.1:<port>" */
    QString endpoint() const;

    void setRole(const QString &role) { m_role = role; }
    QString role() const { return m_role; }
    QByteArray rolePath() const { return RoleListPath + m_role.toUtf8(); }
    void setCredentials(const QString &accessKeyId, const QString &secret, const QString &token)
    {
        m_accessKeyId = accessKeyId;
        m_secret = secret;
        m_sessionToken = token;
    }
    void setExpiration(const QDateTime &expiration) { m_expiration = expiration; }
    void setCode(const QString &code) { m_code = code; }
    void setRegion(const QString &region) { m_region = region; }

    /** Requests for this path are accepted and never answered. */
    void setHang(const QByteArray &path, bool hang = true);
    /** Every request hangs (connect succeeds, nothing comes back). */
    void setHangAll(bool hang) { m_hangAll = hang; }
    /** Requests for this path get this status (and a short text body); 0 removes the override. */
    void setStatus(const QByteArray &path, int status);

    int requestCount(const QByteArray &path) const { return m_counts.value(path); }
    int totalRequests() const { return int(m_requests.size()); }
    QList<Request> requests() const { return m_requests; }
    /** The tokens handed out so far. */
    QList<QByteArray> issuedTokens() const { return m_tokens; }

Q_SIGNALS:
    void requestReceived(const QByteArray &method, const QByteArray &path);

private:
    void handleNewConnection();
    void handleReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const Request &request);
    static void reply(QTcpSocket *socket, int status, const QByteArray &body,
                      const QByteArray &contentType = "text/plain");

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Request> m_requests;
    QHash<QByteArray, int> m_counts;
    QHash<QByteArray, int> m_statusOverrides;
    QSet<QByteArray> m_hangPaths;
    bool m_hangAll = false;
    QList<QByteArray> m_tokens;

    QString m_role = QStringLiteral("test-role");
    QString m_accessKeyId = QStringLiteral("ASIAFAKEIMDSKEY");
    QString m_secret = QStringLiteral("imds-secret-value");
    QString m_sessionToken = QStringLiteral("imds-session-token-value");
    QDateTime m_expiration = QDateTime::currentDateTimeUtc().addSecs(6 * 3600);
    QString m_code = QStringLiteral("Success");
    QString m_region = QStringLiteral("us-east-99");
};
