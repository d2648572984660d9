// SPDX-License-Identifier: Apache-2.0
#include "fakestsserver.h"

#include <QDateTime>
#include <QHostAddress>
#include <QLocale>
#include <QSslServer>
#include <QTcpSocket>

FakeStsServer::FakeStsServer(QObject *parent)
    : QObject(parent)
{
    adopt(std::make_unique<QTcpServer>());
}

void FakeStsServer::adopt(std::unique_ptr<QTcpServer> server)
{
    m_server = std::move(server);
    QTcpServer *raw = m_server.get();
    const auto take = [this, raw] {
        while (QTcpSocket *socket = raw->nextPendingConnection()) {
            socket->setParent(nullptr);
            m_buffers.insert(socket, QByteArray());
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { handleReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_buffers.remove(socket);
                socket->deleteLater();
            });
        }
    };
    // A TLS server hands its sockets over once the handshake is done.
    connect(raw, &QTcpServer::newConnection, this, take);
    connect(raw, &QTcpServer::pendingConnectionAvailable, this, take);
}

FakeStsServer::~FakeStsServer()
{
    const auto sockets = m_buffers.keys();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        delete socket;
    }
}

bool FakeStsServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

bool FakeStsServer::listenTls(const QSslConfiguration &configuration)
{
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(configuration);
    adopt(std::move(server));
    m_tls = true;
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QString FakeStsServer::endpoint() const
{
    return QStringLiteral("%1://127.0.0.1:%2").arg(m_tls ? QStringLiteral("https") : QStringLiteral("http")).arg(m_server->serverPort());
}

void FakeStsServer::handleReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    Request request;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length", "0").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return;
    QByteArray body = buffer.mid(headerEnd + 4, length);
    buffer.clear();
    body.replace('+', ' ');
    request.form = QUrlQuery(QString::fromUtf8(body));
    m_requests.append(request);

    int status = 200;
    QByteArray answer;
    const QDateTime now = m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
    QDateTime signedAt = QDateTime::fromString(QString::fromLatin1(request.headers.value("x-amz-date")), QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    signedAt.setTimeSpec(Qt::UTC);
    if (m_skewLimit > 0 && signedAt.isValid() && qAbs(signedAt.secsTo(now)) > m_skewLimit) {
        status = m_skewStatus;
        answer = m_skewBody;
    } else if (m_errorStatus != 0) {
        status = m_errorStatus;
        answer = m_errorBody;
    } else {
        const QString action = request.form.queryItemValue(QStringLiteral("Action"));
        ++m_issued;
        const QByteArray expiration = now.addSecs(m_lifetime).toString(Qt::ISODate).toUtf8();
        answer = "<" + action.toUtf8() + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><" + action.toUtf8()
            + "Result><Credentials><AccessKeyId>ASIAFAKE" + QByteArray::number(m_issued)
            + "</AccessKeyId><SecretAccessKey>fake-secret</SecretAccessKey><SessionToken>fake-token-"
            + QByteArray::number(m_issued) + "</SessionToken><Expiration>" + expiration
            + "</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn>"
              "<AssumedRoleId>AROAFAKE:s</AssumedRoleId></AssumedRoleUser></"
            + action.toUtf8() + "Result></" + action.toUtf8() + "Response>";
    }
    const QByteArray date = QLocale::c().toString(now.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
    socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nDate: " + date + "\r\nContent-Type: text/xml\r\nContent-Length: "
                  + QByteArray::number(answer.size()) + "\r\nConnection: close\r\n\r\n" + answer);
    socket->disconnectFromHost();
}
