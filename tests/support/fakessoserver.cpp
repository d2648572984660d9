// SPDX-License-Identifier: Apache-2.0
#include "fakessoserver.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslServer>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qsizetype MaxRequestBytes = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 413: return "Payload Too Large";
    default: return "Status";
    }
}

} // namespace

FakeSsoServer::FakeSsoServer(QObject *parent)
    : QObject(parent)
{
    adopt(std::make_unique<QTcpServer>());
}

void FakeSsoServer::adopt(std::unique_ptr<QTcpServer> server)
{
    m_server = std::move(server);
    connect(m_server.get(), &QTcpServer::newConnection, this, &FakeSsoServer::handleNewConnection);
    // A TLS server hands its sockets over once the handshake is done.
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &FakeSsoServer::handleNewConnection);
}

bool FakeSsoServer::listenTls(const QSslConfiguration &configuration)
{
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(configuration);
    adopt(std::move(server));
    m_tls = true;
    return m_server->listen(QHostAddress::LocalHost, 0);
}

FakeSsoServer::~FakeSsoServer()
{
    const auto sockets = m_buffers.keys();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        delete socket;
    }
}

bool FakeSsoServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QString FakeSsoServer::endpoint() const
{
    return u"%1://127.0.0.1:%2"_s.arg(m_tls ? u"https"_s : u"http"_s).arg(m_server->serverPort());
}

void FakeSsoServer::handleNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(nullptr);
        m_buffers.insert(socket, QByteArray());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { handleReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeSsoServer::handleReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    if (buffer.size() > MaxRequestBytes) {
        buffer.clear();
        reply(socket, 413, "{}");
        return;
    }
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
        return;
    request.body = buffer.mid(headerEnd + 4, contentLength);
    buffer.clear();
    m_requests.append(request);
    const QByteArray pathOnly = request.path.left(request.path.indexOf('?') < 0 ? request.path.size() : request.path.indexOf('?'));
    m_counts[pathOnly] += 1;
    answer(socket, request);
}

void FakeSsoServer::answer(QTcpSocket *socket, const Request &request)
{
    const QUrl url(QString::fromLatin1(request.path));
    const QString path = url.path();
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    if (request.method == "POST" && path == u"/client/register"_s) {
        if (body.value(u"clientType"_s).toString() != u"public"_s || body.value(u"clientName"_s).toString().isEmpty())
            return oauthError(socket, 400, u"invalid_request"_s, "InvalidRequestException");
        const QString id = u"client-%1"_s.arg(++m_serial);
        const QString secret = u"client-secret-%1"_s.arg(m_serial);
        m_clients.insert(id, secret);
        m_lastClientId = id;
        const QJsonObject answer{{u"clientId"_s, id},
                                 {u"clientSecret"_s, secret},
                                 {u"clientIdIssuedAt"_s, double(QDateTime::currentSecsSinceEpoch())},
                                 {u"clientSecretExpiresAt"_s, double(QDateTime::currentSecsSinceEpoch() + 90 * 24 * 3600)}};
        return reply(socket, 200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
    }
    if (request.method == "POST" && path == u"/device_authorization"_s) {
        const QString id = body.value(u"clientId"_s).toString();
        if (!m_clients.contains(id) || m_clients.value(id) != body.value(u"clientSecret"_s).toString())
            return oauthError(socket, 401, u"invalid_client"_s, "InvalidClientException");
        if (body.value(u"startUrl"_s).toString().isEmpty())
            return oauthError(socket, 400, u"invalid_request"_s, "InvalidRequestException");
        const QString deviceCode = u"device-code-%1"_s.arg(++m_serial);
        m_deviceCodes.insert(deviceCode);
        const QJsonObject answer{{u"deviceCode"_s, deviceCode},
                                 {u"userCode"_s, UserCode},
                                 {u"verificationUri"_s, u"https://device.sso.example.test/"_s},
                                 {u"verificationUriComplete"_s, QString(u"https://device.sso.example.test/?user_code="_s + UserCode)},
                                 {u"expiresIn"_s, 600},
                                 {u"interval"_s, m_interval}};
        return reply(socket, 200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
    }
    if (request.method == "POST" && path == u"/token"_s)
        return createToken(socket, body);
    if (request.method == "GET" && path == u"/federation/credentials"_s) {
        const QString token = QString::fromUtf8(request.headers.value("x-amz-sso_bearer_token"));
        if (token.isEmpty() || !m_accessTokens.contains(token)) {
            const QByteArray errorBody = R"({"message":"Session token not found or invalid"})";
            return reply(socket, 401, errorBody, "UnauthorizedException");
        }
        const QUrlQuery query(url);
        if (query.queryItemValue(u"account_id"_s) != m_accountId || query.queryItemValue(u"role_name"_s) != m_roleName)
            return reply(socket, 403, R"({"message":"No access"})", "ForbiddenException");
        const qint64 expiration = m_expirationMs > 0 ? m_expirationMs : QDateTime::currentMSecsSinceEpoch() + 3600 * 1000;
        const QJsonObject credentials{{u"accessKeyId"_s, m_accessKeyId},
                                      {u"secretAccessKey"_s, m_secret},
                                      {u"sessionToken"_s, m_sessionToken},
                                      {u"expiration"_s, double(expiration)}};
        return reply(socket, 200, QJsonDocument(QJsonObject{{u"roleCredentials"_s, credentials}}).toJson(QJsonDocument::Compact));
    }
    reply(socket, 404, R"({"message":"no such operation"})", "ResourceNotFoundException");
}

void FakeSsoServer::createToken(QTcpSocket *socket, const QJsonObject &body)
{
    const QString id = body.value(u"clientId"_s).toString();
    const QString grant = body.value(u"grantType"_s).toString();
    if (!m_clients.contains(id) && grant != u"refresh_token"_s)
        return oauthError(socket, 401, u"invalid_client"_s, "InvalidClientException");
    if (grant == u"urn:ietf:params:oauth:grant-type:device_code"_s) {
        if (m_clients.value(id) != body.value(u"clientSecret"_s).toString())
            return oauthError(socket, 401, u"invalid_client"_s, "InvalidClientException");
        if (!m_deviceCodes.contains(body.value(u"deviceCode"_s).toString()))
            return oauthError(socket, 400, u"invalid_grant"_s, "InvalidGrantException");
        if (!m_pollScript.isEmpty()) {
            const QString next = m_pollScript.takeFirst();
            static const QHash<QString, QByteArray> types{{u"authorization_pending"_s, "AuthorizationPendingException"},
                                                         {u"slow_down"_s, "SlowDownException"},
                                                         {u"access_denied"_s, "AccessDeniedException"},
                                                         {u"expired_token"_s, "ExpiredTokenException"}};
            return oauthError(socket, 400, next, types.value(next, "InvalidRequestException"));
        }
        m_deviceCodes.remove(body.value(u"deviceCode"_s).toString());
    } else if (grant == u"refresh_token"_s) {
        const QString key = id + u'\n' + body.value(u"refreshToken"_s).toString();
        if (!m_refreshTokens.contains(key))
            return oauthError(socket, 400, u"invalid_grant"_s, "InvalidGrantException");
        m_refreshTokens.remove(key); // one use: the answer brings a new one
    } else {
        return oauthError(socket, 400, u"unsupported_grant_type"_s, "UnsupportedGrantTypeException");
    }
    const QString access = u"access-token-%1"_s.arg(++m_serial);
    m_accessTokens.insert(access);
    m_issuedAccess.append(access);
    QJsonObject answer{{u"accessToken"_s, access}, {u"tokenType"_s, u"Bearer"_s}, {u"expiresIn"_s, double(m_tokenExpiresIn)}};
    if (m_issueRefreshTokens) {
        const QString refresh = u"refresh-token-%1"_s.arg(m_serial);
        m_refreshTokens.insert(id + u'\n' + refresh);
        m_issuedRefresh.append(refresh);
        answer.insert(u"refreshToken"_s, refresh);
    }
    reply(socket, 200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

void FakeSsoServer::oauthError(QTcpSocket *socket, int status, const QString &error, const QByteArray &type)
{
    const QJsonObject body{{u"error"_s, error}, {u"error_description"_s, QString(u"fake: "_s + error)}};
    reply(socket, status, QJsonDocument(body).toJson(QJsonDocument::Compact), type);
}

void FakeSsoServer::reply(QTcpSocket *socket, int status, const QByteArray &body, const QByteArray &errorType)
{
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    response += "Content-Type: application/json\r\n";
    if (!errorType.isEmpty())
        response += "x-amzn-ErrorType: " + errorType + ":http://internal.amazon.com/coral/com.amazonaws.fake/\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    response += "Connection: close\r\n\r\n";
    response += body;
    socket->write(response);
    socket->disconnectFromHost();
}
