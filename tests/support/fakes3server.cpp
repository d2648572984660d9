// SPDX-License-Identifier: Apache-2.0
#include "fakes3server.h"

#include <algorithm>
#include <initializer_list>
#include <utility>

#include <QCryptographicHash>
#include <QHostAddress>
#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace {

const QString S3Namespace = QStringLiteral("http://s3.amazonaws.com/doc/2006-03-01/");
constexpr qsizetype MaxHeaderBytes = 64 * 1024;
constexpr qint64 SendChunk = 256 * 1024;
constexpr qint64 SendHighWater = 1024 * 1024;
constexpr int MaxKeysLimit = 1000;
constexpr int AbortDelayMs = 50;

QByteArray md5Raw(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Md5);
}

QByteArray quotedMd5(const QByteArray &data)
{
    return '"' + md5Raw(data).toHex() + '"';
}

/** Strips surrounding quotes and a weak "W/" prefix so ETags compare by value. */
QByteArray bareEtag(QByteArray etag)
{
    etag = etag.trimmed();
    if (etag.startsWith("W/"))
        etag = etag.mid(2);
    if (etag.size() >= 2 && etag.startsWith('"') && etag.endsWith('"'))
        etag = etag.mid(1, etag.size() - 2);
    return etag;
}

bool etagListMatches(const QByteArray &list, const QByteArray &etag)
{
    const QByteArray wanted = bareEtag(etag);
    const QList<QByteArray> items = list.split(',');
    return std::any_of(items.cbegin(), items.cend(), [&](const QByteArray &item) {
        const QByteArray t = item.trimmed();
        return t == "*" || bareEtag(t) == wanted;
    });
}

QString httpDateFormat()
{
    return QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'");
}

QByteArray httpDate(const QDateTime &dt)
{
    return QLocale::c().toString(dt.toUTC(), httpDateFormat()).toLatin1();
}

std::optional<QDateTime> parseHttpDate(const QByteArray &value)
{
    const QString text = QString::fromLatin1(value.trimmed());
    QDateTime dt = QLocale::c().toDateTime(text, httpDateFormat());
    if (dt.isValid()) {
        dt.setTimeSpec(Qt::UTC);
        return dt;
    }
    dt = QDateTime::fromString(text, Qt::RFC2822Date);
    if (dt.isValid())
        return dt.toUTC();
    dt = QDateTime::fromString(text, Qt::ISODate);
    if (dt.isValid())
        return dt.toUTC();
    return std::nullopt;
}

QString isoDate(const QDateTime &dt)
{
    return dt.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime wholeSeconds(QDateTime dt)
{
    dt = dt.toUTC();
    dt.setTime(QTime(dt.time().hour(), dt.time().minute(), dt.time().second()));
    return dt;
}

/** Decodes a query component: '+' is a space (as S3 treats it), then %XX. */
QString decodeQueryComponent(QByteArray raw)
{
    raw.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(raw));
}

/** encoding-type=url as S3 writes it: unreserved and '/' raw, space as '+', everything else %XX. */
QString s3UrlEncode(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() * 3);
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u == '.'
            || u == '_' || u == '~' || u == '/') {
            out.append(c);
        } else if (u == ' ') {
            out.append('+');
        } else {
            out.append('%');
            out.append(QByteArray::number(u >> 4, 16).toUpper());
            out.append(QByteArray::number(u & 0xF, 16).toUpper());
        }
    }
    return QString::fromLatin1(out);
}

void textElement(QXmlStreamWriter &xml, const char *name, const QString &text)
{
    xml.writeTextElement(QString::fromLatin1(name), text);
}

void textElement(QXmlStreamWriter &xml, const char *name, const QByteArray &text)
{
    xml.writeTextElement(QString::fromLatin1(name), QString::fromUtf8(text));
}

void textElement(QXmlStreamWriter &xml, const char *name, qint64 value)
{
    xml.writeTextElement(QString::fromLatin1(name), QString::number(value));
}

void boolElement(QXmlStreamWriter &xml, const char *name, bool value)
{
    xml.writeTextElement(QString::fromLatin1(name), value ? QStringLiteral("true") : QStringLiteral("false"));
}

void startDocument(QXmlStreamWriter &xml, const char *root)
{
    xml.writeStartDocument();
    xml.writeStartElement(QString::fromLatin1(root));
    xml.writeDefaultNamespace(S3Namespace);
}

void ownerElement(QXmlStreamWriter &xml, const char *name)
{
    xml.writeStartElement(QString::fromLatin1(name));
    textElement(xml, "ID", QStringLiteral("fakes3-owner-id"));
    textElement(xml, "DisplayName", QStringLiteral("fakes3"));
    xml.writeEndElement();
}

FakeS3Response xmlResponse(int status, const QByteArray &body)
{
    FakeS3Response response;
    response.status = status;
    response.setHeader("Content-Type", "application/xml");
    response.body = body;
    return response;
}

QString defaultCode(int status)
{
    switch (status) {
    case 400: return QStringLiteral("InvalidRequest");
    case 401: return QStringLiteral("Unauthorized");
    case 403: return QStringLiteral("AccessDenied");
    case 404: return QStringLiteral("NoSuchKey");
    case 405: return QStringLiteral("MethodNotAllowed");
    case 408: return QStringLiteral("RequestTimeout");
    case 409: return QStringLiteral("OperationAborted");
    case 411: return QStringLiteral("MissingContentLength");
    case 412: return QStringLiteral("PreconditionFailed");
    case 416: return QStringLiteral("InvalidRange");
    case 429: return QStringLiteral("SlowDown");
    case 501: return QStringLiteral("NotImplemented");
    case 503: return QStringLiteral("ServiceUnavailable");
    default: return status >= 500 ? QStringLiteral("InternalError") : QStringLiteral("InvalidRequest");
    }
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 416: return "Requested Range Not Satisfiable";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

/** Headers a PutObject / CreateMultipartUpload / CopyObject(REPLACE) stores with the object. */
void storeRequestHeaders(const FakeS3Request &r, FakeS3Object &object)
{
    const QByteArray contentType = r.header("content-type");
    object.contentType = contentType.isEmpty() ? QStringLiteral("binary/octet-stream") : QString::fromUtf8(contentType);
    object.metadata.clear();
    for (auto it = r.headers.cbegin(); it != r.headers.cend(); ++it) {
        if (it.key().startsWith("x-amz-meta-"))
            object.metadata.insert(QString::fromUtf8(it.key().mid(11)), QString::fromUtf8(it.value()));
    }
    object.cacheControl = r.header("cache-control");
    object.contentDisposition = r.header("content-disposition");
    object.contentEncoding = r.header("content-encoding");
    object.contentLanguage = r.header("content-language");
    const QByteArray storageClass = r.header("x-amz-storage-class");
    object.storageClass = storageClass.isEmpty() ? QStringLiteral("STANDARD") : QString::fromLatin1(storageClass);
}

/** Returns false (and sets status/code/message) when Content-MD5 is present and wrong. */
bool contentMd5Ok(const FakeS3Request &r, int &status, QString &code, QString &message)
{
    if (!r.hasHeader("content-md5"))
        return true;
    const auto decoded = QByteArray::fromBase64Encoding(r.header("content-md5").trimmed(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    status = 400;
    if (!decoded || decoded.decoded.size() != 16) {
        code = QStringLiteral("InvalidDigest");
        message = QStringLiteral("The Content-MD5 you specified was invalid.");
        return false;
    }
    if (decoded.decoded != md5Raw(r.body)) {
        code = QStringLiteral("BadDigest");
        message = QStringLiteral("The Content-MD5 you specified did not match what we received.");
        return false;
    }
    return true;
}

bool isHexDigest(const QByteArray &value)
{
    if (value.size() != 64)
        return false;
    return std::all_of(value.cbegin(), value.cend(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

bool hasAnyQueryItem(const QMap<QString, QString> &query, std::initializer_list<const char *> names)
{
    return std::any_of(names.begin(), names.end(),
                       [&](const char *name) { return query.contains(QString::fromLatin1(name)); });
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------
// FakeS3Response

void FakeS3Response::setHeader(const QByteArray &name, const QByteArray &value)
{
    removeHeader(name);
    headers.append({name, value});
}

QByteArray FakeS3Response::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

void FakeS3Response::removeHeader(const QByteArray &name)
{
    headers.removeIf([&](const QPair<QByteArray, QByteArray> &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

// ---------------------------------------------------------------------------------------------------------------
// FakeS3Connection: one accepted socket, an incremental HTTP/1.1 parser and a throttled writer.

class FakeS3Connection final : public QObject
{
public:
    FakeS3Connection(FakeS3Server *server, QTcpSocket *socket, int id)
        : QObject(server)
        , m_server(server)
        , m_socket(socket)
        , m_id(id)
    {
        m_socket->setParent(this);
        connect(m_socket, &QTcpSocket::readyRead, this, &FakeS3Connection::handleReadyRead);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &FakeS3Connection::pump);
        connect(m_socket, &QTcpSocket::disconnected, this, &FakeS3Connection::handleDisconnected);
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            if (m_socket->state() == QAbstractSocket::UnconnectedState)
                handleDisconnected();
        });
        if (m_socket->bytesAvailable() > 0)
            QTimer::singleShot(0, this, &FakeS3Connection::handleReadyRead);
    }

    ~FakeS3Connection() override
    {
        QObject::disconnect(m_socket, nullptr, this, nullptr);
    }

    /** Closes the socket immediately; the server is told through handleDisconnected(). */
    void abortNow()
    {
        m_socket->abort();
        handleDisconnected();
    }

private:
    enum class State { Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Handling, Closed };

    void handleReadyRead()
    {
        if (m_state == State::Closed)
            return;
        m_in.append(m_socket->readAll());
        process();
    }

    void handleDisconnected()
    {
        if (m_state == State::Closed)
            return;
        m_state = State::Closed;
        if (m_requestActive) {
            m_requestActive = false;
            m_server->requestFinished();
        }
        m_server->connectionClosed(this);
    }

    void process()
    {
        while (true) {
            switch (m_state) {
            case State::Handling:
            case State::Closed:
                return;
            case State::Headers: {
                while (m_in.startsWith("\r\n"))
                    m_in.remove(0, 2);
                if (m_in.isEmpty())
                    return;
                if (!m_requestActive) {
                    m_requestActive = true;
                    m_server->requestStarted();
                }
                const qsizetype end = m_in.indexOf("\r\n\r\n");
                if (end < 0) {
                    if (m_in.size() > MaxHeaderBytes)
                        badRequest(431);
                    return;
                }
                const QByteArray head = m_in.left(end);
                m_in.remove(0, end + 4);
                if (!parseHead(head))
                    return;
                break;
            }
            case State::Body:
            case State::ChunkData: {
                const qint64 take = std::min<qint64>(m_remaining, m_in.size());
                if (take == m_in.size()) {
                    m_request.body.append(m_in);
                    m_in.clear();
                } else {
                    m_request.body.append(m_in.constData(), take);
                    m_in.remove(0, take);
                }
                m_remaining -= take;
                if (m_remaining > 0)
                    return;
                if (m_state == State::Body)
                    dispatch();
                else
                    m_state = State::ChunkDataEnd;
                break;
            }
            case State::ChunkDataEnd:
                if (m_in.size() < 2)
                    return;
                if (!m_in.startsWith("\r\n")) {
                    badRequest(400);
                    return;
                }
                m_in.remove(0, 2);
                m_state = State::ChunkSize;
                break;
            case State::ChunkSize: {
                const qsizetype eol = m_in.indexOf("\r\n");
                if (eol < 0) {
                    if (m_in.size() > 1024)
                        badRequest(400);
                    return;
                }
                QByteArray line = m_in.left(eol);
                m_in.remove(0, eol + 2);
                const qsizetype ext = line.indexOf(';');
                if (ext >= 0)
                    line.truncate(ext);
                bool ok = false;
                const qint64 size = line.trimmed().toLongLong(&ok, 16);
                if (!ok || size < 0) {
                    badRequest(400);
                    return;
                }
                if (size == 0) {
                    m_state = State::Trailers;
                } else {
                    m_remaining = size;
                    m_state = State::ChunkData;
                }
                break;
            }
            case State::Trailers: {
                const qsizetype eol = m_in.indexOf("\r\n");
                if (eol < 0)
                    return;
                const bool last = eol == 0;
                m_in.remove(0, eol + 2);
                if (last)
                    dispatch();
                break;
            }
            }
        }
    }

    bool parseHead(const QByteArray &head)
    {
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
            badRequest(400);
            return false;
        }
        m_request = FakeS3Request();
        m_request.connectionId = m_id;
        m_request.method = requestLine.at(0).toUpper();
        QByteArray target = requestLine.at(1);
        if (target.startsWith("http://") || target.startsWith("https://")) {
            const qsizetype slash = target.indexOf('/', target.indexOf("//") + 2);
            target = slash < 0 ? QByteArray("/") : target.mid(slash);
        }
        if (!target.startsWith('/')) {
            badRequest(400);
            return false;
        }
        const qsizetype question = target.indexOf('?');
        m_request.rawPath = question < 0 ? target : target.left(question);
        m_request.rawQuery = question < 0 ? QByteArray() : target.mid(question + 1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            if (line.isEmpty())
                continue;
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                badRequest(400);
                return false;
            }
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            auto it = m_request.headers.find(name);
            if (it == m_request.headers.end())
                m_request.headers.insert(name, value);
            else
                it.value() += ", " + value;
        }
        const QByteArray connection = m_request.header("connection").toLower();
        m_closeAfter = requestLine.at(2) == "HTTP/1.0" ? !connection.contains("keep-alive") : connection.contains("close");

        const bool chunked = m_request.header("transfer-encoding").toLower().contains("chunked");
        qint64 length = 0;
        if (!chunked && m_request.hasHeader("content-length")) {
            bool ok = false;
            length = m_request.header("content-length").toLongLong(&ok);
            if (!ok || length < 0) {
                badRequest(400);
                return false;
            }
        }
        const bool hasBody = chunked || length > 0;
        if (hasBody && m_request.header("expect").toLower() == "100-continue")
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        if (chunked) {
            m_state = State::ChunkSize;
        } else if (length > 0) {
            m_request.body.reserve(std::min<qint64>(length, qint64(1) << 30));
            m_remaining = length;
            m_state = State::Body;
        } else {
            dispatch();
        }
        return true;
    }

    void dispatch()
    {
        m_state = State::Handling;
        m_isHead = m_request.method == "HEAD";
        FakeS3Server::Plan plan = m_server->handleRequest(std::exchange(m_request, FakeS3Request()));
        switch (plan.disposition) {
        case FakeS3Server::Disposition::Hang:
            return;
        case FakeS3Server::Disposition::Close:
            m_socket->disconnectFromHost();
            return;
        case FakeS3Server::Disposition::Answer:
            break;
        }
        if (plan.delayMs > 0) {
            QTimer::singleShot(plan.delayMs, this, [this, plan = std::move(plan)]() mutable { send(std::move(plan)); });
        } else {
            send(std::move(plan));
        }
    }

    void send(FakeS3Server::Plan plan)
    {
        if (m_state == State::Closed)
            return;
        FakeS3Response &response = plan.response;
        const bool noBody = response.status == 204 || response.status == 304 || (response.status >= 100 && response.status < 200);
        if (noBody) {
            response.removeHeader("Content-Length");
            response.body.clear();
        } else if (response.header("Content-Length").isEmpty()) {
            response.setHeader("Content-Length", QByteArray::number(response.body.size()));
        }
        if (m_closeAfter)
            response.setHeader("Connection", "close");

        QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
        for (const auto &h : std::as_const(response.headers))
            head += h.first + ": " + h.second + "\r\n";
        head += "\r\n";

        QByteArray body = m_isHead ? QByteArray() : response.body;
        if (plan.resetAfterBytes >= 0) {
            if (body.size() > plan.resetAfterBytes)
                body.truncate(plan.resetAfterBytes);
            m_abortAfter = true;
        }
        m_out.append(head);
        if (!body.isEmpty())
            m_out.append(body);
        m_outPos = 0;
        pump();
    }

    /** Feeds the socket in pieces so a large body is not copied into Qt's write buffer at once. */
    void pump()
    {
        if (m_state != State::Handling)
            return;
        while (!m_out.isEmpty() && m_socket->bytesToWrite() < SendHighWater) {
            const QByteArray &front = m_out.constFirst();
            const qint64 n = std::min<qint64>(SendChunk, front.size() - m_outPos);
            m_socket->write(front.constData() + m_outPos, n);
            m_outPos += n;
            if (m_outPos >= front.size()) {
                m_out.removeFirst();
                m_outPos = 0;
            }
        }
        if (!m_out.isEmpty())
            return;
        if (m_abortAfter) {
            // Abort only once the truncated answer has left Qt's buffer, and a moment later: if the FIN arrived
            // together with the first bytes, QNAM could take it for a stale keep-alive connection and silently
            // resend an idempotent request instead of reporting the truncation.
            if (m_socket->bytesToWrite() == 0 && !m_abortScheduled) {
                m_abortScheduled = true;
                QTimer::singleShot(AbortDelayMs, this, [this] {
                    if (m_state != State::Closed)
                        abortNow();
                });
            }
            return;
        }
        if (m_closeAfter) {
            m_socket->disconnectFromHost();
            return;
        }
        m_state = State::Headers;
        if (m_requestActive) {
            m_requestActive = false;
            m_server->requestFinished();
        }
        if (!m_in.isEmpty())
            QTimer::singleShot(0, this, &FakeS3Connection::process);
    }

    void badRequest(int status)
    {
        m_state = State::Handling;
        m_closeAfter = true;
        m_out.append("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
                     + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        pump();
    }

    FakeS3Server *m_server;
    QTcpSocket *m_socket;
    int m_id;
    State m_state = State::Headers;
    QByteArray m_in;
    FakeS3Request m_request;
    qint64 m_remaining = 0;
    bool m_requestActive = false;
    bool m_isHead = false;
    bool m_closeAfter = false;
    bool m_abortAfter = false;
    bool m_abortScheduled = false;
    QList<QByteArray> m_out;
    qint64 m_outPos = 0;
};

// ---------------------------------------------------------------------------------------------------------------
// FakeS3Server: lifecycle, configuration, log

FakeS3Server::FakeS3Server(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FakeS3Server::handleNewConnection);
}

FakeS3Server::~FakeS3Server()
{
    // Connections are children, but delete them now: their sockets must not call back into a half-destroyed server.
    const QList<FakeS3Connection *> connections = std::exchange(m_connections, {});
    for (FakeS3Connection *connection : connections)
        delete connection;
}

bool FakeS3Server::start()
{
    if (m_server->isListening())
        return true;
    return m_server->listen(QHostAddress::LocalHost, 0);
}

void FakeS3Server::stop()
{
    m_server->close();
    dropConnections();
}

bool FakeS3Server::isListening() const
{
    return m_server->isListening();
}

quint16 FakeS3Server::port() const
{
    return m_server->serverPort();
}

QString FakeS3Server::endpointUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

void FakeS3Server::dropConnections()
{
    const QList<FakeS3Connection *> connections = m_connections;
    for (FakeS3Connection *connection : connections)
        connection->abortNow();
}

void FakeS3Server::setMinPartSize(qint64 bytes)
{
    m_minPartSize = bytes;
}

qint64 FakeS3Server::minPartSize() const
{
    return m_minPartSize;
}

void FakeS3Server::setRegion(const QString &region)
{
    m_region = region;
}

void FakeS3Server::setRequireAuthorization(bool require)
{
    m_requireAuthorization = require;
}

void FakeS3Server::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

QDateTime FakeS3Server::now() const
{
    return wholeSeconds(m_clock ? m_clock() : QDateTime::currentDateTimeUtc());
}

void FakeS3Server::addFault(const FakeS3Fault &fault)
{
    m_faults.append(fault);
}

void FakeS3Server::clearFaults()
{
    m_faults.clear();
}

int FakeS3Server::pendingFaults() const
{
    return int(m_faults.size());
}

void FakeS3Server::setOverride(Override hook)
{
    m_override = std::move(hook);
}

QList<FakeS3Request> FakeS3Server::requests() const
{
    return m_log;
}

int FakeS3Server::count(const QString &operation) const
{
    if (operation == QLatin1String("*"))
        return int(m_log.size());
    return int(std::count_if(m_log.cbegin(), m_log.cend(), [&](const FakeS3Request &r) { return r.operation == operation; }));
}

void FakeS3Server::clearLog()
{
    m_log.clear();
}

int FakeS3Server::openConnections() const
{
    return m_openConnections;
}

int FakeS3Server::maxConcurrentConnections() const
{
    return m_maxConnections;
}

int FakeS3Server::connectionsAccepted() const
{
    return m_accepted;
}

int FakeS3Server::activeRequests() const
{
    return m_activeRequests;
}

int FakeS3Server::maxConcurrentRequests() const
{
    return m_maxActiveRequests;
}

void FakeS3Server::resetStatistics()
{
    m_maxConnections = m_openConnections;
    m_maxActiveRequests = m_activeRequests;
    m_accepted = 0;
}

void FakeS3Server::handleNewConnection()
{
    while (m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        auto *connection = new FakeS3Connection(this, socket, ++m_nextConnectionId);
        ++m_accepted;
        m_connections.append(connection);
        ++m_openConnections;
        m_maxConnections = std::max(m_maxConnections, m_openConnections);
    }
}

void FakeS3Server::connectionClosed(FakeS3Connection *connection)
{
    if (m_connections.removeOne(connection)) {
        --m_openConnections;
        connection->deleteLater();
    }
}

void FakeS3Server::requestStarted()
{
    ++m_activeRequests;
    m_maxActiveRequests = std::max(m_maxActiveRequests, m_activeRequests);
}

void FakeS3Server::requestFinished()
{
    --m_activeRequests;
}

// ---------------------------------------------------------------------------------------------------------------
// Store access

void FakeS3Server::createBucket(const QString &bucket)
{
    if (!m_buckets.contains(bucket))
        m_buckets.insert(bucket, Bucket{now(), {}, {}});
}

bool FakeS3Server::hasBucket(const QString &bucket) const
{
    return m_buckets.contains(bucket);
}

QStringList FakeS3Server::buckets() const
{
    return m_buckets.keys();
}

void FakeS3Server::putObject(const QString &bucket, const QString &key, const QByteArray &data,
                             const QString &contentType, const QMap<QString, QString> &meta)
{
    createBucket(bucket);
    FakeS3Object object;
    object.data = data;
    object.etag = quotedMd5(data);
    object.contentType = contentType.isEmpty() ? QStringLiteral("binary/octet-stream") : contentType;
    object.metadata = meta;
    object.lastModified = now();
    m_buckets[bucket].objects[key.toUtf8()] = object;
}

bool FakeS3Server::deleteObject(const QString &bucket, const QString &key)
{
    auto it = m_buckets.find(bucket);
    return it != m_buckets.end() && it->objects.erase(key.toUtf8()) > 0;
}

bool FakeS3Server::updateObject(const QString &bucket, const QString &key, const std::function<void(FakeS3Object &)> &change)
{
    const auto it = m_buckets.find(bucket);
    if (it == m_buckets.end())
        return false;
    const auto o = it->objects.find(key.toUtf8());
    if (o == it->objects.end())
        return false;
    change(o->second);
    return true;
}

std::optional<FakeS3Object> FakeS3Server::object(const QString &bucket, const QString &key) const
{
    const auto it = m_buckets.constFind(bucket);
    if (it == m_buckets.cend())
        return std::nullopt;
    const auto o = it->objects.find(key.toUtf8());
    if (o == it->objects.end())
        return std::nullopt;
    return o->second;
}

QStringList FakeS3Server::keys(const QString &bucket) const
{
    QStringList result;
    const auto it = m_buckets.constFind(bucket);
    if (it != m_buckets.cend()) {
        for (const auto &entry : it->objects)
            result.append(QString::fromUtf8(entry.first));
    }
    return result;
}

QList<FakeS3MultipartUpload> FakeS3Server::multipartUploads(const QString &bucket) const
{
    const auto it = m_buckets.constFind(bucket);
    return it == m_buckets.cend() ? QList<FakeS3MultipartUpload>() : it->uploads.values();
}

void FakeS3Server::clearStore()
{
    m_buckets.clear();
}

QByteArray FakeS3Server::errorXml(const QString &code, const QString &message, const QByteArray &resource,
                                  const QByteArray &requestId)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("Error"));
    textElement(xml, "Code", code);
    textElement(xml, "Message", message);
    textElement(xml, "Resource", QString::fromUtf8(QByteArray::fromPercentEncoding(resource)));
    textElement(xml, "RequestId", requestId);
    textElement(xml, "HostId", QStringLiteral("fakes3"));
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Request handling

FakeS3Server::Plan FakeS3Server::handleRequest(FakeS3Request request)
{
    request.requestId = QByteArray::number(++m_requestCounter, 16).rightJustified(16, '0').toUpper();
    // Path-style: "/bucket/key". The key is everything after the first '/' following the bucket, decoded
    // exactly ("/b//x" is key "/x"; "..", "." and "//" are kept).
    if (request.rawPath.size() > 1) {
        const QByteArray path = request.rawPath.mid(1);
        const qsizetype slash = path.indexOf('/');
        request.bucket = QString::fromUtf8(QByteArray::fromPercentEncoding(slash < 0 ? path : path.left(slash)));
        if (slash >= 0)
            request.key = QString::fromUtf8(QByteArray::fromPercentEncoding(path.mid(slash + 1)));
    }
    if (!request.rawQuery.isEmpty()) {
        for (const QByteArray &item : request.rawQuery.split('&')) {
            if (item.isEmpty())
                continue;
            const qsizetype eq = item.indexOf('=');
            request.query.insert(decodeQueryComponent(eq < 0 ? item : item.left(eq)),
                                 eq < 0 ? QString() : decodeQueryComponent(item.mid(eq + 1)));
        }
    }
    request.operation = classify(request.method, request.bucket, request.key, request.query, request.headers);
    m_log.append(request);
    Q_EMIT requestReceived(request.operation, request.key);

    Plan plan;
    const std::optional<FakeS3Fault> fault = takeFault(request);
    const bool canned = fault && (fault->status != 0 || fault->errorIn200 || fault->hang || fault->closeWithoutResponse);
    if (canned) {
        if (fault->executeOperation)
            execute(request);
        if (fault->hang) {
            plan.disposition = Disposition::Hang;
            return plan;
        }
        if (fault->closeWithoutResponse) {
            plan.disposition = Disposition::Close;
            return plan;
        }
        const int status = fault->errorIn200 ? 200 : fault->status;
        QString code = fault->code;
        if (code.isEmpty())
            code = fault->errorIn200 ? QStringLiteral("InternalError") : defaultCode(status);
        const QString message = fault->message.isEmpty() ? QStringLiteral("Injected fault: %1").arg(code) : fault->message;
        plan.response = error(request, status, code, message);
        if (!fault->rawBody.isEmpty())
            plan.response.body = fault->rawBody;
    } else {
        bool answered = false;
        if (m_override)
            answered = m_override(request, plan.response);
        if (!answered)
            plan.response = execute(request);
    }
    if (fault) {
        for (const auto &h : fault->extraHeaders)
            plan.response.setHeader(h.first, h.second);
        if (fault->dropEtag)
            plan.response.removeHeader("ETag");
        if (!canned && !fault->rawBody.isEmpty()) {
            plan.response.body = fault->rawBody;
            plan.response.removeHeader("Content-Length");
        }
        plan.delayMs = fault->delayMs;
        plan.resetAfterBytes = fault->resetAfterBytes;
    }
    FakeS3Response &response = plan.response;
    if (response.header("x-amz-request-id").isEmpty())
        response.setHeader("x-amz-request-id", request.requestId);
    if (response.header("x-amz-id-2").isEmpty())
        response.setHeader("x-amz-id-2", "fakes3/" + request.requestId);
    if (response.header("Date").isEmpty())
        response.setHeader("Date", httpDate(QDateTime::currentDateTimeUtc()));
    if (response.header("Server").isEmpty())
        response.setHeader("Server", "FakeS3");
    return plan;
}

QString FakeS3Server::classify(const QByteArray &method, const QString &bucket, const QString &key,
                               const QMap<QString, QString> &query, const QMap<QByteArray, QByteArray> &headers)
{
    const QString unknown = QStringLiteral("Unknown");
    if (bucket.isEmpty())
        return method == "GET" ? QStringLiteral("ListBuckets") : unknown;
    if (key.isEmpty()) {
        const bool subresource = hasAnyQueryItem(query, {"acl", "policy", "cors", "lifecycle", "versioning", "tagging",
                                                         "website", "logging", "notification", "encryption",
                                                         "replication", "versions", "object-lock", "accelerate",
                                                         "requestPayment", "inventory", "analytics", "metrics",
                                                         "ownershipControls", "publicAccessBlock", "policyStatus",
                                                         "intelligent-tiering"});
        if (method == "GET") {
            if (query.contains(QStringLiteral("location")))
                return QStringLiteral("GetBucketLocation");
            if (query.contains(QStringLiteral("uploads")))
                return QStringLiteral("ListMultipartUploads");
            if (subresource)
                return unknown;
            return query.value(QStringLiteral("list-type")) == QLatin1String("2") ? QStringLiteral("ListObjectsV2")
                                                                                  : QStringLiteral("ListObjects");
        }
        if (subresource)
            return unknown;
        if (method == "PUT")
            return QStringLiteral("CreateBucket");
        if (method == "DELETE")
            return QStringLiteral("DeleteBucket");
        if (method == "HEAD")
            return QStringLiteral("HeadBucket");
        if (method == "POST" && query.contains(QStringLiteral("delete")))
            return QStringLiteral("DeleteObjects");
        return unknown;
    }
    if (method == "POST" && query.contains(QStringLiteral("restore")))
        return QStringLiteral("RestoreObject");
    if (hasAnyQueryItem(query, {"acl", "tagging", "retention", "legal-hold", "restore", "torrent", "attributes", "select"}))
        return unknown;
    const bool hasUploadId = query.contains(QStringLiteral("uploadId"));
    if (method == "PUT") {
        if (hasUploadId && query.contains(QStringLiteral("partNumber")))
            return headers.contains("x-amz-copy-source") ? QStringLiteral("UploadPartCopy") : QStringLiteral("UploadPart");
        return headers.contains("x-amz-copy-source") ? QStringLiteral("CopyObject") : QStringLiteral("PutObject");
    }
    if (method == "GET")
        return hasUploadId ? QStringLiteral("ListParts") : QStringLiteral("GetObject");
    if (method == "HEAD")
        return QStringLiteral("HeadObject");
    if (method == "DELETE")
        return hasUploadId ? QStringLiteral("AbortMultipartUpload") : QStringLiteral("DeleteObject");
    if (method == "POST") {
        if (query.contains(QStringLiteral("uploads")))
            return QStringLiteral("CreateMultipartUpload");
        if (hasUploadId)
            return QStringLiteral("CompleteMultipartUpload");
    }
    return unknown;
}

std::optional<FakeS3Fault> FakeS3Server::takeFault(const FakeS3Request &request)
{
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        FakeS3Fault &f = m_faults[i];
        if (f.times == 0)
            continue;
        if (!f.method.isEmpty() && f.method.toUpper() != request.method)
            continue;
        if (!f.operation.isEmpty() && f.operation != QLatin1String("*") && f.operation != request.operation)
            continue;
        if (!f.keyContains.isEmpty() && !request.key.contains(f.keyContains))
            continue;
        FakeS3Fault matched = f;
        if (f.times > 0 && --f.times == 0)
            m_faults.removeAt(i);
        return matched;
    }
    return std::nullopt;
}

FakeS3Response FakeS3Server::error(const FakeS3Request &request, int status, const QString &code,
                                   const QString &message) const
{
    return xmlResponse(status, errorXml(code, message, request.rawPath, request.requestId));
}

FakeS3Response FakeS3Server::execute(const FakeS3Request &r)
{
    if (m_requireAuthorization && !r.isSigned())
        return error(r, 403, QStringLiteral("AccessDenied"), QStringLiteral("Access Denied"));
    const QByteArray contentSha = r.header("x-amz-content-sha256");
    if (!contentSha.isEmpty()) {
        if (isHexDigest(contentSha)) {
            if (QCryptographicHash::hash(r.body, QCryptographicHash::Sha256).toHex() != contentSha.toLower())
                return error(r, 400, QStringLiteral("XAmzContentSHA256Mismatch"),
                             QStringLiteral("The provided 'x-amz-content-sha256' header does not match what was computed."));
        } else if (contentSha.startsWith("STREAMING-")) {
            return error(r, 501, QStringLiteral("NotImplemented"),
                         QStringLiteral("The fake S3 server does not decode aws-chunked streaming payloads."));
        } else if (contentSha != "UNSIGNED-PAYLOAD") {
            return error(r, 400, QStringLiteral("InvalidArgument"),
                         QStringLiteral("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-..., or a valid sha256 value."));
        }
    }
    if (r.key.toUtf8().size() > 1024)
        return error(r, 400, QStringLiteral("KeyTooLongError"), QStringLiteral("Your key is too long"));

    const QString &op = r.operation;
    if (op == QLatin1String("ListBuckets"))
        return listBuckets(r);
    if (op == QLatin1String("CreateBucket"))
        return createBucketOp(r);
    if (op == QLatin1String("Unknown") || op == QLatin1String("UploadPartCopy"))
        return error(r, 501, QStringLiteral("NotImplemented"),
                     QStringLiteral("A header or query you provided implies functionality that is not implemented"));

    if (!m_buckets.contains(r.bucket))
        return error(r, 404, QStringLiteral("NoSuchBucket"), QStringLiteral("The specified bucket does not exist"));

    if (op == QLatin1String("HeadBucket"))
        return FakeS3Response();
    if (op == QLatin1String("DeleteBucket"))
        return deleteBucketOp(r);
    if (op == QLatin1String("GetBucketLocation")) {
        QByteArray out;
        QXmlStreamWriter xml(&out);
        startDocument(xml, "LocationConstraint");
        if (m_region != QLatin1String("us-east-1"))
            xml.writeCharacters(m_region);
        xml.writeEndElement();
        xml.writeEndDocument();
        return xmlResponse(200, out);
    }
    if (op == QLatin1String("ListObjectsV2"))
        return listObjects(r, true);
    if (op == QLatin1String("ListObjects"))
        return listObjects(r, false);
    if (op == QLatin1String("ListMultipartUploads"))
        return listMultipartUploads(r);
    if (op == QLatin1String("DeleteObjects"))
        return deleteObjects(r);
    if (op == QLatin1String("GetObject"))
        return getObject(r, false);
    if (op == QLatin1String("HeadObject"))
        return getObject(r, true);
    if (op == QLatin1String("PutObject"))
        return putObjectOp(r);
    if (op == QLatin1String("CopyObject"))
        return copyObject(r);
    if (op == QLatin1String("RestoreObject"))
        return restoreObject(r);
    if (op == QLatin1String("DeleteObject")) {
        m_buckets[r.bucket].objects.erase(r.key.toUtf8());
        FakeS3Response response;
        response.status = 204;
        return response;
    }
    if (op == QLatin1String("CreateMultipartUpload"))
        return createMultipart(r);
    if (op == QLatin1String("UploadPart"))
        return uploadPart(r);
    if (op == QLatin1String("CompleteMultipartUpload"))
        return completeMultipart(r);
    if (op == QLatin1String("AbortMultipartUpload"))
        return abortMultipart(r);
    if (op == QLatin1String("ListParts"))
        return listParts(r);
    return error(r, 501, QStringLiteral("NotImplemented"), QStringLiteral("Not implemented"));
}

FakeS3Response FakeS3Server::listBuckets(const FakeS3Request &)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    startDocument(xml, "ListAllMyBucketsResult");
    ownerElement(xml, "Owner");
    xml.writeStartElement(QStringLiteral("Buckets"));
    for (auto it = m_buckets.cbegin(); it != m_buckets.cend(); ++it) {
        xml.writeStartElement(QStringLiteral("Bucket"));
        textElement(xml, "Name", it.key());
        textElement(xml, "CreationDate", isoDate(it->created));
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    return xmlResponse(200, out);
}

FakeS3Response FakeS3Server::createBucketOp(const FakeS3Request &r)
{
    static const QRegularExpression validName(QStringLiteral("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"));
    if (!validName.match(r.bucket).hasMatch() || r.bucket.contains(QLatin1String("..")))
        return error(r, 400, QStringLiteral("InvalidBucketName"), QStringLiteral("The specified bucket is not valid."));
    if (m_buckets.contains(r.bucket))
        return error(r, 409, QStringLiteral("BucketAlreadyOwnedByYou"),
                     QStringLiteral("Your previous request to create the named bucket succeeded and you already own it."));
    createBucket(r.bucket);
    FakeS3Response response;
    response.setHeader("Location", '/' + r.bucket.toUtf8());
    return response;
}

FakeS3Response FakeS3Server::deleteBucketOp(const FakeS3Request &r)
{
    if (!m_buckets[r.bucket].objects.empty())
        return error(r, 409, QStringLiteral("BucketNotEmpty"), QStringLiteral("The bucket you tried to delete is not empty"));
    m_buckets.remove(r.bucket);
    FakeS3Response response;
    response.status = 204;
    return response;
}

FakeS3Response FakeS3Server::listObjects(const FakeS3Request &r, bool v2)
{
    const Bucket &bucket = m_buckets[r.bucket];
    int maxKeys = MaxKeysLimit;
    if (r.hasQueryItem(QStringLiteral("max-keys"))) {
        bool ok = false;
        maxKeys = r.queryItem(QStringLiteral("max-keys")).toInt(&ok);
        if (!ok || maxKeys < 0)
            return error(r, 400, QStringLiteral("InvalidArgument"), QStringLiteral("Provided max-keys not an integer or within integer range"));
        maxKeys = std::min(maxKeys, MaxKeysLimit);
    }
    const QString encodingType = r.queryItem(QStringLiteral("encoding-type"));
    if (!encodingType.isEmpty() && encodingType != QLatin1String("url"))
        return error(r, 400, QStringLiteral("InvalidArgument"), QStringLiteral("Invalid Encoding Method specified in Request"));
    const bool urlEncode = encodingType == QLatin1String("url");
    const auto enc = [urlEncode](const QString &s) { return urlEncode ? s3UrlEncode(s) : s; };

    const QString prefix = r.queryItem(QStringLiteral("prefix"));
    const QString delimiter = r.queryItem(QStringLiteral("delimiter"));
    const QByteArray prefix8 = prefix.toUtf8();
    const QByteArray delimiter8 = delimiter.toUtf8();

    // Where to resume: after this key; if resumeAfterPrefix, also past every key below that common prefix.
    QByteArray marker;
    bool markerIsPrefix = false;
    const bool hasToken = v2 && r.hasQueryItem(QStringLiteral("continuation-token"));
    if (hasToken) {
        const auto decoded = QByteArray::fromBase64Encoding(r.queryItem(QStringLiteral("continuation-token")).toLatin1(),
                                                            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || !(decoded.decoded.startsWith("K:") || decoded.decoded.startsWith("P:")))
            return error(r, 400, QStringLiteral("InvalidArgument"), QStringLiteral("The continuation token provided is incorrect"));
        markerIsPrefix = decoded.decoded.startsWith("P:");
        marker = decoded.decoded.mid(2);
    } else if (v2) {
        marker = r.queryItem(QStringLiteral("start-after")).toUtf8();
    } else {
        marker = r.queryItem(QStringLiteral("marker")).toUtf8();
        if (!delimiter8.isEmpty() && marker.startsWith(prefix8)) {
            const QByteArray rest = marker.mid(prefix8.size());
            const qsizetype idx = rest.indexOf(delimiter8);
            markerIsPrefix = idx > 0 && idx + delimiter8.size() == rest.size();
        }
    }

    struct Entry
    {
        bool isPrefix;
        QByteArray name;
        const FakeS3Object *object;
    };
    QList<Entry> entries;
    bool truncated = false;
    QByteArray lastCommonPrefix;
    auto it = bucket.objects.lower_bound(prefix8);
    if (!marker.isEmpty() && marker >= prefix8)
        it = bucket.objects.upper_bound(marker);
    for (; it != bucket.objects.end(); ++it) {
        const QByteArray &key = it->first;
        if (!key.startsWith(prefix8)) {
            if (key > prefix8)
                break;
            continue;
        }
        if (markerIsPrefix && key.startsWith(marker))
            continue;
        if (!delimiter8.isEmpty()) {
            const qsizetype idx = key.indexOf(delimiter8, prefix8.size());
            if (idx >= 0) {
                const QByteArray commonPrefix = key.left(idx + delimiter8.size());
                if (commonPrefix == lastCommonPrefix)
                    continue;
                if (entries.size() >= maxKeys) {
                    truncated = maxKeys > 0;
                    break;
                }
                entries.append({true, commonPrefix, nullptr});
                lastCommonPrefix = commonPrefix;
                continue;
            }
        }
        if (entries.size() >= maxKeys) {
            truncated = maxKeys > 0;
            break;
        }
        entries.append({false, key, &it->second});
    }

    QByteArray out;
    QXmlStreamWriter xml(&out);
    startDocument(xml, "ListBucketResult");
    textElement(xml, "Name", r.bucket);
    textElement(xml, "Prefix", enc(prefix));
    if (v2) {
        if (r.hasQueryItem(QStringLiteral("start-after")))
            textElement(xml, "StartAfter", enc(r.queryItem(QStringLiteral("start-after"))));
        if (hasToken)
            textElement(xml, "ContinuationToken", r.queryItem(QStringLiteral("continuation-token")));
        if (truncated) {
            const Entry &last = entries.constLast();
            const QByteArray token = (last.isPrefix ? QByteArray("P:") : QByteArray("K:")) + last.name;
            textElement(xml, "NextContinuationToken", QString::fromLatin1(token.toBase64(QByteArray::Base64UrlEncoding)));
        }
        textElement(xml, "KeyCount", qint64(entries.size()));
    } else {
        textElement(xml, "Marker", enc(QString::fromUtf8(marker)));
        if (truncated && !delimiter8.isEmpty())
            textElement(xml, "NextMarker", enc(QString::fromUtf8(entries.constLast().name)));
    }
    textElement(xml, "MaxKeys", qint64(maxKeys));
    if (!delimiter.isEmpty())
        textElement(xml, "Delimiter", enc(delimiter));
    if (urlEncode)
        textElement(xml, "EncodingType", QStringLiteral("url"));
    boolElement(xml, "IsTruncated", truncated);
    for (const Entry &e : std::as_const(entries)) {
        if (e.isPrefix)
            continue;
        xml.writeStartElement(QStringLiteral("Contents"));
        textElement(xml, "Key", enc(QString::fromUtf8(e.name)));
        textElement(xml, "LastModified", isoDate(e.object->lastModified));
        textElement(xml, "ETag", e.object->etag);
        textElement(xml, "Size", qint64(e.object->data.size()));
        textElement(xml, "StorageClass", e.object->storageClass);
        if (r.queryItem(QStringLiteral("fetch-owner")) == QLatin1String("true") || !v2)
            ownerElement(xml, "Owner");
        xml.writeEndElement();
    }
    for (const Entry &e : std::as_const(entries)) {
        if (!e.isPrefix)
            continue;
        xml.writeStartElement(QStringLiteral("CommonPrefixes"));
        textElement(xml, "Prefix", enc(QString::fromUtf8(e.name)));
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return xmlResponse(200, out);
}

FakeS3Response FakeS3Server::getObject(const FakeS3Request &r, bool head)
{
    const Bucket &bucket = m_buckets[r.bucket];
    const auto found = bucket.objects.find(r.key.toUtf8());
    if (found == bucket.objects.end())
        return error(r, 404, QStringLiteral("NoSuchKey"), QStringLiteral("The specified key does not exist."));
    const FakeS3Object &object = found->second;
    const qint64 size = object.data.size();
    const bool archived = object.storageClass == QLatin1String("GLACIER") || object.storageClass == QLatin1String("DEEP_ARCHIVE");
    if (!head && archived && (object.restoreOngoing || !object.restoreExpiry.isValid()))
        return error(r, 403, QStringLiteral("InvalidObjectState"), QStringLiteral("The operation is not valid for the object's storage class"));

    FakeS3Response response;
    if (object.restoreOngoing)
        response.setHeader("x-amz-restore", "ongoing-request=\"true\"");
    else if (object.restoreExpiry.isValid())
        response.setHeader("x-amz-restore", "ongoing-request=\"false\", expiry-date=\"" + httpDate(object.restoreExpiry) + '"');
    response.setHeader("ETag", object.etag);
    response.setHeader("Last-Modified", httpDate(object.lastModified));
    response.setHeader("Accept-Ranges", "bytes");

    // Conditionals in RFC 7232 order: If-Match, else If-Unmodified-Since; then If-None-Match, else If-Modified-Since.
    if (r.hasHeader("if-match")) {
        if (!etagListMatches(r.header("if-match"), object.etag))
            return error(r, 412, QStringLiteral("PreconditionFailed"), QStringLiteral("At least one of the pre-conditions you specified did not hold"));
    } else if (r.hasHeader("if-unmodified-since")) {
        const auto since = parseHttpDate(r.header("if-unmodified-since"));
        if (since && object.lastModified > *since)
            return error(r, 412, QStringLiteral("PreconditionFailed"), QStringLiteral("At least one of the pre-conditions you specified did not hold"));
    }
    bool notModified = false;
    if (r.hasHeader("if-none-match")) {
        notModified = etagListMatches(r.header("if-none-match"), object.etag);
    } else if (r.hasHeader("if-modified-since")) {
        const auto since = parseHttpDate(r.header("if-modified-since"));
        notModified = since && object.lastModified <= *since;
    }
    if (notModified) {
        response.status = 304;
        return response;
    }

    qint64 first = 0;
    qint64 last = size - 1;
    bool partial = false;
    const QByteArray range = r.header("range").trimmed();
    if (range.startsWith("bytes=") && !range.contains(',')) {
        const QByteArray spec = range.mid(6).trimmed();
        const qsizetype dash = spec.indexOf('-');
        bool okA = false;
        bool okB = false;
        const qint64 a = dash > 0 ? spec.left(dash).toLongLong(&okA) : -1;
        const qint64 b = dash >= 0 && dash + 1 < spec.size() ? spec.mid(dash + 1).toLongLong(&okB) : -1;
        bool valid = false;
        bool satisfiable = false;
        if (dash > 0 && okA && (dash + 1 == spec.size() || (okB && b >= a))) {
            valid = true; // a- or a-b
            satisfiable = a < size;
            first = a;
            last = dash + 1 == spec.size() ? size - 1 : std::min(b, size - 1);
        } else if (dash == 0 && okB) {
            valid = true; // -n
            satisfiable = b > 0 && size > 0;
            first = std::max<qint64>(0, size - b);
            last = size - 1;
        }
        if (valid && !satisfiable) {
            FakeS3Response e = error(r, 416, QStringLiteral("InvalidRange"), QStringLiteral("The requested range is not satisfiable"));
            e.setHeader("Content-Range", "bytes */" + QByteArray::number(size));
            return e;
        }
        if (valid) {
            partial = true;
        } else {
            first = 0;
            last = size - 1;
        }
    }

    response.status = partial ? 206 : 200;
    if (partial)
        response.setHeader("Content-Range", "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/' + QByteArray::number(size));
    const auto overrideOr = [&r](const char *param, const QByteArray &stored) {
        const QString name = QString::fromLatin1(param);
        return r.hasQueryItem(name) ? r.queryItem(name).toUtf8() : stored;
    };
    response.setHeader("Content-Type", overrideOr("response-content-type", object.contentType.toUtf8()));
    const std::pair<const char *, std::pair<const char *, QByteArray>> passthrough[] = {
        {"Cache-Control", {"response-cache-control", object.cacheControl}},
        {"Content-Disposition", {"response-content-disposition", object.contentDisposition}},
        {"Content-Encoding", {"response-content-encoding", object.contentEncoding}},
        {"Content-Language", {"response-content-language", object.contentLanguage}},
    };
    for (const auto &[name, source] : passthrough) {
        const QByteArray value = overrideOr(source.first, source.second);
        if (!value.isEmpty())
            response.setHeader(name, value);
    }
    for (auto it = object.metadata.cbegin(); it != object.metadata.cend(); ++it)
        response.setHeader("x-amz-meta-" + it.key().toUtf8(), it.value().toUtf8());
    if (object.storageClass != QLatin1String("STANDARD"))
        response.setHeader("x-amz-storage-class", object.storageClass.toLatin1());
    if (object.partsCount > 0)
        response.setHeader("x-amz-mp-parts-count", QByteArray::number(object.partsCount));
    const qint64 length = size == 0 ? 0 : last - first + 1;
    response.setHeader("Content-Length", QByteArray::number(length));
    if (!head)
        response.body = (first == 0 && length == size) ? object.data : object.data.mid(first, length);
    return response;
}

FakeS3Response FakeS3Server::putObjectOp(const FakeS3Request &r)
{
    int status = 0;
    QString code;
    QString message;
    if (!contentMd5Ok(r, status, code, message))
        return error(r, status, code, message);
    Bucket &bucket = m_buckets[r.bucket];
    const QByteArray key = r.key.toUtf8();
    if (r.header("if-none-match").trimmed() == "*" && bucket.objects.count(key) > 0)
        return error(r, 412, QStringLiteral("PreconditionFailed"), QStringLiteral("At least one of the pre-conditions you specified did not hold"));
    FakeS3Object object;
    storeRequestHeaders(r, object);
    object.data = r.body;
    object.etag = quotedMd5(r.body);
    object.lastModified = now();
    bucket.objects[key] = object;
    FakeS3Response response;
    response.setHeader("ETag", object.etag);
    return response;
}

FakeS3Response FakeS3Server::copyObject(const FakeS3Request &r)
{
    QByteArray source = r.header("x-amz-copy-source");
    const qsizetype question = source.indexOf('?');
    if (question >= 0)
        source.truncate(question);
    QString decoded = QString::fromUtf8(QByteArray::fromPercentEncoding(source));
    if (decoded.startsWith(QLatin1Char('/')))
        decoded.remove(0, 1);
    const qsizetype slash = decoded.indexOf(QLatin1Char('/'));
    if (slash <= 0 || slash + 1 >= decoded.size())
        return error(r, 400, QStringLiteral("InvalidArgument"), QStringLiteral("Copy Source must mention the source bucket and key: sourcebucket/sourcekey"));
    const QString srcBucket = decoded.left(slash);
    const QString srcKey = decoded.mid(slash + 1);
    if (!m_buckets.contains(srcBucket))
        return error(r, 404, QStringLiteral("NoSuchBucket"), QStringLiteral("The specified bucket does not exist"));
    const auto &srcObjects = m_buckets[srcBucket].objects;
    const auto found = srcObjects.find(srcKey.toUtf8());
    if (found == srcObjects.end())
        return error(r, 404, QStringLiteral("NoSuchKey"), QStringLiteral("The specified key does not exist."));
    const FakeS3Object src = found->second;

    const QString failed = QStringLiteral("At least one of the pre-conditions you specified did not hold");
    if (r.hasHeader("x-amz-copy-source-if-match") && !etagListMatches(r.header("x-amz-copy-source-if-match"), src.etag))
        return error(r, 412, QStringLiteral("PreconditionFailed"), failed);
    if (r.hasHeader("x-amz-copy-source-if-none-match") && etagListMatches(r.header("x-amz-copy-source-if-none-match"), src.etag))
        return error(r, 412, QStringLiteral("PreconditionFailed"), failed);
    if (const auto since = parseHttpDate(r.header("x-amz-copy-source-if-unmodified-since")); since && src.lastModified > *since)
        return error(r, 412, QStringLiteral("PreconditionFailed"), failed);
    if (const auto since = parseHttpDate(r.header("x-amz-copy-source-if-modified-since")); since && src.lastModified <= *since)
        return error(r, 412, QStringLiteral("PreconditionFailed"), failed);

    const QByteArray directive = r.header("x-amz-metadata-directive").toUpper();
    if (!directive.isEmpty() && directive != "COPY" && directive != "REPLACE")
        return error(r, 400, QStringLiteral("InvalidArgument"), QStringLiteral("Unknown metadata directive."));
    const bool replace = directive == "REPLACE";
    if (!replace && srcBucket == r.bucket && srcKey == r.key && !r.hasHeader("x-amz-storage-class"))
        return error(r, 400, QStringLiteral("InvalidRequest"),
                     QStringLiteral("This copy request is illegal because it is trying to copy an object to itself without changing "
                                    "the object's metadata, storage class, website redirect location or encryption attributes."));
    FakeS3Object object = src;
    if (replace)
        storeRequestHeaders(r, object);
    object.etag = quotedMd5(src.data);
    object.partsCount = 0;
    object.lastModified = now();
    m_buckets[r.bucket].objects[r.key.toUtf8()] = object;

    QByteArray out;
    QXmlStreamWriter xml(&out);
    startDocument(xml, "CopyObjectResult");
    textElement(xml, "LastModified", isoDate(object.lastModified));
    textElement(xml, "ETag", object.etag);
    xml.writeEndElement();
    xml.writeEndDocument();
    return xmlResponse(200, out);
}

FakeS3Response FakeS3Server::deleteObjects(const FakeS3Request &r)
{
    int status = 0;
    QString code;
    QString message;
    if (!contentMd5Ok(r, status, code, message))
        return error(r, status, code, message);
    const auto malformed = [&] {
        return error(r, 400, QStringLiteral("MalformedXML"),
                     QStringLiteral("The XML you provided was not well-formed or did not validate against our published schema"));
    };
    QXmlStreamReader reader(r.body);
    QStringList keys;
    bool quiet = false;
    bool sawRoot = false;
    // One root element only: reading past its end would report "Premature end of document".
    if (reader.readNextStartElement()) {
        if (reader.name() != QLatin1String("Delete"))
            return malformed();
        sawRoot = true;
        while (reader.readNextStartElement()) {
            if (reader.name() == QLatin1String("Quiet")) {
                quiet = reader.readElementText().trimmed() == QLatin1String("true");
            } else if (reader.name() == QLatin1String("Object")) {
                QString key;
                bool hasKey = false;
                while (reader.readNextStartElement()) {
                    if (reader.name() == QLatin1String("Key")) {
                        key = reader.readElementText();
                        hasKey = true;
                    } else {
                        reader.skipCurrentElement();
                    }
                }
                if (!hasKey)
                    return malformed();
                keys.append(key);
            } else {
                reader.skipCurrentElement();
            }
        }
    }
    if (reader.hasError() || !sawRoot || keys.isEmpty() || keys.size() > 1000)
        return malformed();

    Bucket &bucket = m_buckets[r.bucket];
    QByteArray out;
    QXmlStreamWriter xml(&out);
    startDocument(xml, "DeleteResult");
    for (const QString &key : std::as_const(keys)) {
        bucket.objects.erase(key.toUtf8());
        if (!quiet) {
            xml.writeStartElement(QStringLiteral("Deleted"));
            textElement(xml, "Key", key);
            xml.writeEndElement();
        }
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return xmlResponse(200, out);
}

FakeS3Response FakeS3Server::createMultipart(const FakeS3Request &r)
{
    FakeS3MultipartUpload upload;
    upload.uploadId = QStringLiteral("2~%1-%2")
                          .arg(QString::number(QRandomGenerator::global()->generate64(), 16))
                          .arg(++m_uploadCounter);
    upload.key = r.key;
    upload.initiated = now();
    storeRequestHeaders(r, upload.headersFromCreate);
    m_buckets[r.bucket].uploads.insert(upload.uploadId, upload);

    QByteArray out;
    QXmlStreamWriter xml(&out);
    startDocument(xml, "InitiateMultipartUploadResult");
    textElement(xml, "Bucket", r.bucket);
    textElement(xml, "Key", r.key);
    textElement(xml, "UploadId", upload.uploadId);
    xml.writeEndElement();
    xml.writeEndDocument();
    return xmlResponse(200, out);
}

FakeS3Response FakeS3Server::uploadPart(const FakeS3Request &r)
{
    bool ok = false;
    const int partNumber = r.queryItem(QStringLiteral("partNumber")).toInt(&ok);
    if (!ok || partNumber < 1 || partNumber > 10000)
        return error(r, 400, QStringLiteral("InvalidArgument"), QStringLiteral("Part number must be an integer between 1 and 10000, inclusive"));
    Bucket &bucket = m_buckets[r.bucket];
    auto upload = bucket.uploads.find(r.queryItem(QStringLiteral("uploadId")));
    if (upload == bucket.uploads.end() || upload->key != r.key)
        return error(r, 404, QStringLiteral("NoSuchUpload"),
                     QStringLiteral("The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."));
    int status = 0;
    QString code;
    QString message;
    if (!contentMd5Ok(r, status, code, message))
        return error(r, status, code, message);
    FakeS3Part part;
    part.partNumber = partNumber;
    part.data = r.body;
    part.etag = quotedMd5(r.body);
    part.lastModified = now();
    upload->parts.insert(partNumber, part);
    FakeS3Response response;
    response.setHeader("ETag", part.etag);
    return response;
}

FakeS3Response FakeS3Server::completeMultipart(const FakeS3Request &r)
{
    Bucket &bucket = m_buckets[r.bucket];
    auto upload = bucket.uploads.find(r.queryItem(QStringLiteral("uploadId")));
    if (upload == bucket.uploads.end() || upload->key != r.key)
        return error(r, 404, QStringLiteral("NoSuchUpload"),
                     QStringLiteral("The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."));
    const auto malformed = [&] {
        return error(r, 400, QStringLiteral("MalformedXML"),
                     QStringLiteral("The XML you provided was not well-formed or did not validate against our published schema"));
    };
    QList<QPair<int, QByteArray>> requested;
    QXmlStreamReader reader(r.body);
    bool sawRoot = false;
    if (reader.readNextStartElement()) {
        if (reader.name() != QLatin1String("CompleteMultipartUpload"))
            return malformed();
        sawRoot = true;
        while (reader.readNextStartElement()) {
            if (reader.name() != QLatin1String("Part")) {
                reader.skipCurrentElement();
                continue;
            }
            int number = -1;
            QByteArray etag;
            while (reader.readNextStartElement()) {
                if (reader.name() == QLatin1String("PartNumber")) {
                    bool ok = false;
                    number = reader.readElementText().trimmed().toInt(&ok);
                    if (!ok)
                        number = -1;
                } else if (reader.name() == QLatin1String("ETag")) {
                    etag = reader.readElementText().trimmed().toUtf8();
                } else {
                    reader.skipCurrentElement();
                }
            }
            if (number < 0 || etag.isEmpty())
                return malformed();
            requested.append({number, etag});
        }
    }
    if (reader.hasError() || !sawRoot || requested.isEmpty())
        return malformed();

    for (qsizetype i = 1; i < requested.size(); ++i) {
        if (requested.at(i).first <= requested.at(i - 1).first)
            return error(r, 400, QStringLiteral("InvalidPartOrder"),
                         QStringLiteral("The list of parts was not in ascending order. The parts list must be specified in order by part number."));
    }
    QByteArray data;
    QByteArray md5s;
    qint64 total = 0;
    for (const auto &[number, etag] : std::as_const(requested)) {
        const auto part = upload->parts.constFind(number);
        if (part == upload->parts.cend() || bareEtag(part->etag) != bareEtag(etag))
            return error(r, 400, QStringLiteral("InvalidPart"),
                         QStringLiteral("One or more of the specified parts could not be found. The part might not have been uploaded, "
                                        "or the specified entity tag might not have matched the part's entity tag."));
        total += part->size();
    }
    for (qsizetype i = 0; i + 1 < requested.size(); ++i) {
        if (upload->parts.value(requested.at(i).first).size() < m_minPartSize)
            return error(r, 400, QStringLiteral("EntityTooSmall"),
                         QStringLiteral("Your proposed upload is smaller than the minimum allowed object size."));
    }
    data.reserve(total);
    for (const auto &[number, etag] : std::as_const(requested)) {
        const FakeS3Part &part = *upload->parts.constFind(number);
        data.append(part.data);
        md5s.append(QByteArray::fromHex(bareEtag(part.etag)));
    }
    FakeS3Object object = upload->headersFromCreate;
    object.data = data;
    object.etag = '"' + md5Raw(md5s).toHex() + '-' + QByteArray::number(requested.size()) + '"';
    object.partsCount = int(requested.size());
    object.lastModified = now();
    bucket.objects[r.key.toUtf8()] = object;
    bucket.uploads.erase(upload);

    QByteArray out;
    QXmlStreamWriter xml(&out);
    startDocument(xml, "CompleteMultipartUploadResult");
    textElement(xml, "Location", endpointUrl() + QString::fromUtf8(r.rawPath));
    textElement(xml, "Bucket", r.bucket);
    textElement(xml, "Key", r.key);
    textElement(xml, "ETag", object.etag);
    xml.writeEndElement();
    xml.writeEndDocument();
    return xmlResponse(200, out);
}

FakeS3Response FakeS3Server::abortMultipart(const FakeS3Request &r)
{
    Bucket &bucket = m_buckets[r.bucket];
    auto upload = bucket.uploads.find(r.queryItem(QStringLiteral("uploadId")));
    if (upload == bucket.uploads.end() || upload->key != r.key)
        return error(r, 404, QStringLiteral("NoSuchUpload"),
                     QStringLiteral("The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."));
    bucket.uploads.erase(upload);
    FakeS3Response response;
    response.status = 204;
    return response;
}

FakeS3Response FakeS3Server::listParts(const FakeS3Request &r)
{
    const Bucket &bucket = m_buckets[r.bucket];
    const auto upload = bucket.uploads.constFind(r.queryItem(QStringLiteral("uploadId")));
    if (upload == bucket.uploads.cend() || upload->key != r.key)
        return error(r, 404, QStringLiteral("NoSuchUpload"),
                     QStringLiteral("The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."));
    int maxParts = 1000;
    if (r.hasQueryItem(QStringLiteral("max-parts"))) {
        bool ok = false;
        maxParts = std::min(1000, r.queryItem(QStringLiteral("max-parts")).toInt(&ok));
        if (!ok || maxParts < 0)
            return error(r, 400, QStringLiteral("InvalidArgument"), QStringLiteral("Provided max-parts not an integer or within integer range"));
    }
    const int marker = r.queryItem(QStringLiteral("part-number-marker")).toInt();
    QList<const FakeS3Part *> parts;
    bool truncated = false;
    for (auto it = upload->parts.upperBound(marker); it != upload->parts.cend(); ++it) {
        if (parts.size() >= maxParts) {
            truncated = true;
            break;
        }
        parts.append(&it.value());
    }
    QByteArray out;
    QXmlStreamWriter xml(&out);
    startDocument(xml, "ListPartsResult");
    textElement(xml, "Bucket", r.bucket);
    textElement(xml, "Key", r.key);
    textElement(xml, "UploadId", upload->uploadId);
    ownerElement(xml, "Initiator");
    ownerElement(xml, "Owner");
    textElement(xml, "StorageClass", upload->headersFromCreate.storageClass);
    textElement(xml, "PartNumberMarker", qint64(marker));
    textElement(xml, "NextPartNumberMarker", qint64(parts.isEmpty() ? marker : parts.constLast()->partNumber));
    textElement(xml, "MaxParts", qint64(maxParts));
    boolElement(xml, "IsTruncated", truncated);
    for (const FakeS3Part *part : std::as_const(parts)) {
        xml.writeStartElement(QStringLiteral("Part"));
        textElement(xml, "PartNumber", qint64(part->partNumber));
        textElement(xml, "LastModified", isoDate(part->lastModified));
        textElement(xml, "ETag", part->etag);
        textElement(xml, "Size", part->size());
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return xmlResponse(200, out);
}

FakeS3Response FakeS3Server::listMultipartUploads(const FakeS3Request &r)
{
    const Bucket &bucket = m_buckets[r.bucket];
    const QString prefix = r.queryItem(QStringLiteral("prefix"));
    const QString keyMarker = r.queryItem(QStringLiteral("key-marker"));
    const QString uploadIdMarker = r.queryItem(QStringLiteral("upload-id-marker"));
    int maxUploads = 1000;
    if (r.hasQueryItem(QStringLiteral("max-uploads")))
        maxUploads = std::clamp(r.queryItem(QStringLiteral("max-uploads")).toInt(), 0, 1000);

    QList<const FakeS3MultipartUpload *> all;
    for (const auto &upload : bucket.uploads) {
        if (upload.key.startsWith(prefix))
            all.append(&upload);
    }
    std::sort(all.begin(), all.end(), [](const FakeS3MultipartUpload *a, const FakeS3MultipartUpload *b) {
        const QByteArray ka = a->key.toUtf8();
        const QByteArray kb = b->key.toUtf8();
        return ka != kb ? ka < kb : a->initiated != b->initiated ? a->initiated < b->initiated : a->uploadId < b->uploadId;
    });
    QList<const FakeS3MultipartUpload *> page;
    bool truncated = false;
    bool pastMarker = keyMarker.isEmpty();
    for (const FakeS3MultipartUpload *upload : std::as_const(all)) {
        if (!pastMarker) {
            const QByteArray k = upload->key.toUtf8();
            const QByteArray m = keyMarker.toUtf8();
            if (k < m || (k == m && (uploadIdMarker.isEmpty() || upload->uploadId != uploadIdMarker)))
                continue;
            pastMarker = true;
            if (k == m)
                continue; // the marker upload itself
        }
        if (page.size() >= maxUploads) {
            truncated = true;
            break;
        }
        page.append(upload);
    }
    QByteArray out;
    QXmlStreamWriter xml(&out);
    startDocument(xml, "ListMultipartUploadsResult");
    textElement(xml, "Bucket", r.bucket);
    textElement(xml, "KeyMarker", keyMarker);
    textElement(xml, "UploadIdMarker", uploadIdMarker);
    textElement(xml, "NextKeyMarker", page.isEmpty() ? QString() : page.constLast()->key);
    textElement(xml, "NextUploadIdMarker", page.isEmpty() ? QString() : page.constLast()->uploadId);
    textElement(xml, "Prefix", prefix);
    textElement(xml, "MaxUploads", qint64(maxUploads));
    boolElement(xml, "IsTruncated", truncated);
    for (const FakeS3MultipartUpload *upload : std::as_const(page)) {
        xml.writeStartElement(QStringLiteral("Upload"));
        textElement(xml, "Key", upload->key);
        textElement(xml, "UploadId", upload->uploadId);
        ownerElement(xml, "Initiator");
        ownerElement(xml, "Owner");
        textElement(xml, "StorageClass", upload->headersFromCreate.storageClass);
        textElement(xml, "Initiated", isoDate(upload->initiated));
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return xmlResponse(200, out);
}

// RestoreObject as AWS answers it (Ceph RGW 16 has none): 202 when a restore starts, 200 when a restored copy
// exists (its expiry moves), 409 RestoreAlreadyInProgress, 403 ObjectAlreadyInActiveTierError for an object
// that is not archived. The restore never finishes by itself: tests finish it with updateObject().
FakeS3Response FakeS3Server::restoreObject(const FakeS3Request &r)
{
    Bucket &bucket = m_buckets[r.bucket];
    const auto found = bucket.objects.find(r.key.toUtf8());
    if (found == bucket.objects.end())
        return error(r, 404, QStringLiteral("NoSuchKey"), QStringLiteral("The specified key does not exist."));
    int status = 0;
    QString code;
    QString message;
    if (!contentMd5Ok(r, status, code, message))
        return error(r, status, code, message);
    QXmlStreamReader reader(r.body);
    int days = 0;
    QString tier = QStringLiteral("Standard");
    bool sawRoot = false;
    if (reader.readNextStartElement() && reader.name() == QLatin1String("RestoreRequest")) {
        sawRoot = true;
        while (reader.readNextStartElement()) {
            if (reader.name() == QLatin1String("Days")) {
                days = reader.readElementText().trimmed().toInt();
            } else if (reader.name() == QLatin1String("GlacierJobParameters")) {
                while (reader.readNextStartElement()) {
                    if (reader.name() == QLatin1String("Tier"))
                        tier = reader.readElementText().trimmed();
                    else
                        reader.skipCurrentElement();
                }
            } else {
                reader.skipCurrentElement();
            }
        }
    }
    if (reader.hasError() || !sawRoot || days < 1)
        return error(r, 400, QStringLiteral("MalformedXML"),
                     QStringLiteral("The XML you provided was not well-formed or did not validate against our published schema"));
    if (tier != QLatin1String("Standard") && tier != QLatin1String("Bulk") && tier != QLatin1String("Expedited"))
        return error(r, 400, QStringLiteral("MalformedXML"), QStringLiteral("Invalid tier"));
    FakeS3Object &object = found->second;
    if (object.storageClass != QLatin1String("GLACIER") && object.storageClass != QLatin1String("DEEP_ARCHIVE"))
        return error(r, 403, QStringLiteral("ObjectAlreadyInActiveTierError"),
                     QStringLiteral("Restore is not allowed for the object's current storage class"));
    if (object.restoreOngoing)
        return error(r, 409, QStringLiteral("RestoreAlreadyInProgress"), QStringLiteral("Object restore is already in progress"));
    FakeS3Response response;
    if (object.restoreExpiry.isValid()) {
        object.restoreExpiry = now().addDays(days);
        response.status = 200;
    } else {
        object.restoreOngoing = true;
        response.status = 202;
    }
    return response;
}
