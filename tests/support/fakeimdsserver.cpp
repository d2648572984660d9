// SPDX-License-Identifier: Apache-2.0
#include "fakeimdsserver.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

FakeImdsServer::FakeImdsServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeImdsServer::handleNewConnection);
}

FakeImdsServer::~FakeImdsServer()
{
    // Hanging connections are children of the server's sockets list; close them so clients see a reset.
    const auto sockets = m_buffers.keys();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        delete socket;
    }
}

bool FakeImdsServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QString FakeImdsServer::endpoint() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort());
}

void FakeImdsServer::setHang(const QByteArray &path, bool hang)
{
    if (hang)
        m_hangPaths.insert(path);
    else
        m_hangPaths.remove(path);
}

void FakeImdsServer::setStatus(const QByteArray &path, int status)
{
    if (status == 0)
        m_statusOverrides.remove(path);
    else
        m_statusOverrides.insert(path, status);
}

void FakeImdsServer::handleNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(nullptr); // owned through m_buffers, deleted on disconnect or in the destructor
        m_buffers.insert(socket, QByteArray());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { handleReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeImdsServer::handleReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;

    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    Request request;
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.path = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    const qsizetype contentLength = request.headers.value("content-length", "0").toLongLong();
    if (buffer.size() < headerEnd + 4 + contentLength)
        return; // wait for the body (the token PUT has none, but be correct)
    buffer.clear();

    m_requests.append(request);
    m_counts[request.path] += 1;
    Q_EMIT requestReceived(request.method, request.path);
    if (m_hangAll || m_hangPaths.contains(request.path))
        return; // keep the connection open and say nothing
    answer(socket, request);
}

void FakeImdsServer::answer(QTcpSocket *socket, const Request &request)
{
    if (const int status = m_statusOverrides.value(request.path); status != 0) {
        reply(socket, status, reasonPhrase(status) + '\n');
        return;
    }
    if (request.path == TokenPath) {
        if (request.method != "PUT") {
            reply(socket, 405, "method not allowed\n");
            return;
        }
        if (request.headers.value("x-aws-ec2-metadata-token-ttl-seconds").isEmpty()) {
            reply(socket, 400, "missing ttl\n");
            return;
        }
        const QByteArray token = "FAKE-IMDS-TOKEN-" + QByteArray::number(m_tokens.size() + 1);
        m_tokens.append(token);
        reply(socket, 200, token);
        return;
    }
    // Everything else needs a token this server issued (IMDSv2 only: v1 requests get 401).
    if (request.method != "GET") {
        reply(socket, 405, "method not allowed\n");
        return;
    }
    if (!m_tokens.contains(request.headers.value("x-aws-ec2-metadata-token"))) {
        reply(socket, 401, "unauthorized\n");
        return;
    }
    if (request.path == RoleListPath) {
        reply(socket, 200, m_role.toUtf8() + '\n');
        return;
    }
    if (request.path == rolePath()) {
        QJsonObject object;
        object.insert(QStringLiteral("Code"), m_code);
        object.insert(QStringLiteral("LastUpdated"),
                      QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        object.insert(QStringLiteral("Type"), QStringLiteral("AWS-HMAC"));
        object.insert(QStringLiteral("AccessKeyId"), m_accessKeyId);
        object.insert(QStringLiteral("SecretAccessKey"), m_secret);
        object.insert(QStringLiteral("Token"), m_sessionToken);
        object.insert(QStringLiteral("Expiration"), m_expiration.toUTC().toString(Qt::ISODate));
        reply(socket, 200, QJsonDocument(object).toJson(), "text/plain");
        return;
    }
    if (request.path == IdentityPath) {
        QJsonObject object;
        object.insert(QStringLiteral("region"), m_region);
        object.insert(QStringLiteral("instanceId"), QStringLiteral("i-0123456789abcdef0"));
        reply(socket, 200, QJsonDocument(object).toJson(), "application/json");
        return;
    }
    reply(socket, 404, "not found\n");
}

void FakeImdsServer::reply(QTcpSocket *socket, int status, const QByteArray &body, const QByteArray &contentType)
{
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    response += "Content-Type: " + contentType + "\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    response += "Connection: close\r\n\r\n";
    response += body;
    socket->write(response);
    socket->disconnectFromHost(); // flushes first
}
