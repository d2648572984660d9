// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QUrlQuery>

class QTcpSocket;

/**
 * A minimal STS Query API endpoint on 127.0.0.1 for what the real test server cannot do: Ceph's
 * AssumeRoleWithWebIdentity needs a real OIDC provider (issuer URL with a discovery document and signing keys),
 * so web identity is tested here. Speaks one request per connection ("Connection: close"); every request's form
 * parameters and headers are kept. Each AssumeRole* call answers new credentials "ASIAFAKE<n>" expiring
 * `lifetimeSeconds` after now, or the configured error.
 */
class FakeStsServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeStsServer)
public:
    struct Request
    {
        QHash<QByteArray, QByteArray> headers; // names lower-cased
        QUrlQuery form;
    };

    explicit FakeStsServer(QObject *parent = nullptr);
    ~FakeStsServer() override;
    bool listen();
    /** Listens for https with this certificate and key instead (endpoint() then says https). */
    bool listenTls(const QSslConfiguration &configuration);
    QString endpoint() const;

    void setLifetimeSeconds(qint64 seconds) { m_lifetime = seconds; }
    /** Answer every call with this status and body (0: answer credentials again). */
    void setError(int status, const QByteArray &body = {})
    {
        m_errorStatus = status;
        m_errorBody = body;
    }
    /**
     * The server's clock (default: the system's): sent in every answer's Date header and used for expirations.
     * With a skew limit, a signed call whose x-amz-date is further than that from it gets the skew refusal.
     */
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    void setSkewRefusal(qint64 limitSeconds, int status, const QByteArray &body)
    {
        m_skewLimit = limitSeconds;
        m_skewStatus = status;
        m_skewBody = body;
    }
    QList<Request> requests() const { return m_requests; }

private:
    void handleReadyRead(QTcpSocket *socket);

    void adopt(std::unique_ptr<QTcpServer> server);

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Request> m_requests;
    qint64 m_lifetime = 3600;
    int m_errorStatus = 0;
    QByteArray m_errorBody;
    int m_issued = 0;
    std::function<QDateTime()> m_clock;
    qint64 m_skewLimit = 0;
    int m_skewStatus = 0;
    QByteArray m_skewBody;
};
