// SPDX-License-Identifier: Apache-2.0
#include "s3core/net/directhttp.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <csignal>
#include <mutex>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QDateTime>
#include <QHostInfo>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>

#include "net/directhttpreply.h"
#include "s3core/logging.h"
#include "s3core/transfer/filerangedevice.h"

namespace s3 {

namespace {
constexpr qsizetype MaxHeadBytes = 64 * 1024;
constexpr qsizetype ScratchBytes = 512 * 1024;      // one recv() into the file; measured: 256 KiB..1 MiB alike
constexpr qsizetype SmallScratchBytes = 64 * 1024;
constexpr qint64 SendfileStep = 8 * 1024 * 1024;    // per call; the socket buffer takes less anyway
constexpr qint64 ReadBudgetPerWakeup = 4 * 1024 * 1024; // then let the other sockets have their turn
constexpr qint64 ProgressStep = 256 * 1024;
constexpr qint64 FlushStep = 8 * 1024 * 1024;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

bool isConnectionLoss(int error)
{
    return error == ECONNRESET || error == EPIPE || error == ECONNABORTED || error == ENOTCONN || error == ETIMEDOUT;
}

bool hasToken(const QByteArray &headerValue, const char *token)
{
    for (const QByteArray &part : headerValue.split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}
} // namespace

namespace detail {

DirectConnection::DirectConnection(int socket, QString hostName, quint16 portNumber)
    : fd(socket)
    , host(std::move(hostName))
    , port(portNumber)
{
}

DirectConnection::~DirectConnection()
{
    stopIdleWatch();
    if (fd >= 0)
        ::close(fd);
}

void DirectConnection::stopIdleWatch()
{
    if (idleWatch) {
        idleWatch->setEnabled(false);
        idleWatch->deleteLater();
        idleWatch = nullptr;
    }
}

DirectHttpReply::DirectHttpReply(DirectHttpPool *pool, DirectHttpPool::Exchange exchange, QObject *parent)
    : QNetworkReply(parent)
    , m_pool(pool)
    , m_exchange(std::move(exchange))
{
    setUrl(m_exchange.url);
    setOperation(m_exchange.method == "GET" ? QNetworkAccessManager::GetOperation
                 : m_exchange.method == "PUT" ? QNetworkAccessManager::PutOperation
                                               : QNetworkAccessManager::CustomOperation);
    QNetworkReply::open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(TimeoutError, QStringLiteral("%1 stopped answering (no data within %2 s)").arg(peerName()).arg(m_exchange.transferTimeoutMs / 1000.0));
    });
    m_bodyTotal = m_exchange.bodyFile ? m_exchange.bodyFile->size() : m_exchange.body.size();
    // Signals must reach the caller's connections, which it makes after send() returns.
    QMetaObject::invokeMethod(this, &DirectHttpReply::begin, Qt::QueuedConnection);
}

DirectHttpReply::~DirectHttpReply()
{
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
    releaseNotifiers();
}

QString DirectHttpReply::peerName() const
{
    return m_exchange.url.host() + QStringLiteral(":%1").arg(m_exchange.url.port(80));
}

void DirectHttpReply::touch()
{
    if (m_exchange.transferTimeoutMs > 0)
        m_timeout.start(m_exchange.transferTimeoutMs);
}

void DirectHttpReply::begin()
{
    if (m_phase != Phase::Starting)
        return;
    touch();
    const QString host = m_exchange.url.host().toLower();
    const auto port = quint16(m_exchange.url.port(80));
    if (m_pool && !m_resent) {
        if (auto idle = m_pool->takeIdle(host, port)) {
            m_connection = std::move(idle);
            m_reused = true;
            startExchange();
            return;
        }
    }
    resolve();
}

void DirectHttpReply::resolve()
{
    const QString host = m_exchange.url.host();
    QHostAddress literal;
    if (literal.setAddress(host)) {
        m_addresses = {literal};
        connectNext();
        return;
    }
    m_phase = Phase::Resolving;
    m_lookupId = QHostInfo::lookupHost(host, this, [this](const QHostInfo &info) {
        m_lookupId = -1;
        if (m_phase != Phase::Resolving)
            return;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            fail(HostNotFoundError, QStringLiteral("host not found: %1").arg(m_exchange.url.host()));
            return;
        }
        m_addresses = info.addresses();
        connectNext();
    });
}

void DirectHttpReply::connectNext()
{
    m_phase = Phase::Connecting;
    closeConnection();
    int lastError = ECONNREFUSED;
    while (!m_addresses.isEmpty()) {
        const QHostAddress address = m_addresses.takeFirst();
        sockaddr_storage storage{};
        socklen_t length = 0;
        const auto port = quint16(m_exchange.url.port(80));
        if (address.protocol() == QAbstractSocket::IPv4Protocol) {
            auto *in = reinterpret_cast<sockaddr_in *>(&storage);
            in->sin_family = AF_INET;
            in->sin_port = htons(port);
            in->sin_addr.s_addr = htonl(address.toIPv4Address());
            length = sizeof(sockaddr_in);
        } else if (address.protocol() == QAbstractSocket::IPv6Protocol) {
            auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
            in6->sin6_family = AF_INET6;
            in6->sin6_port = htons(port);
            const Q_IPV6ADDR bytes = address.toIPv6Address();
            std::memcpy(&in6->sin6_addr, bytes.c, 16);
            in6->sin6_scope_id = address.scopeId().toUInt();
            length = sizeof(sockaddr_in6);
        } else {
            continue;
        }
        const int fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            lastError = errno;
            continue;
        }
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        m_connection = std::make_unique<DirectConnection>(fd, m_exchange.url.host().toLower(), port);
        if (::connect(fd, reinterpret_cast<sockaddr *>(&storage), length) == 0) {
            connected();
            return;
        }
        if (errno == EINPROGRESS) {
            m_writeNotifier = new QSocketNotifier(fd, QSocketNotifier::Write, this);
            connect(m_writeNotifier, &QSocketNotifier::activated, this, &DirectHttpReply::onWritable);
            return;
        }
        lastError = errno;
        m_connection.reset();
    }
    failToConnect(lastError);
}

void DirectHttpReply::failToConnect(int error)
{
    if (error == ECONNREFUSED)
        fail(ConnectionRefusedError, QStringLiteral("connection refused by %1").arg(peerName()));
    else
        fail(UnknownNetworkError, QStringLiteral("cannot connect to %1: %2").arg(peerName(), errnoText(error)));
}

void DirectHttpReply::connected()
{
    if (m_pool)
        ++m_pool->m_stats.connectionsOpened;
    touch();
    startExchange();
}

void DirectHttpReply::releaseNotifiers()
{
    for (QSocketNotifier **notifier : {&m_readNotifier, &m_writeNotifier}) {
        if (*notifier) {
            (*notifier)->setEnabled(false);
            (*notifier)->disconnect(this);
            (*notifier)->deleteLater(); // may be the one emitting right now
            *notifier = nullptr;
        }
    }
}

void DirectHttpReply::watchSocket()
{
    releaseNotifiers();
    m_readNotifier = new QSocketNotifier(m_connection->fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &DirectHttpReply::onReadable);
    m_writeNotifier = new QSocketNotifier(m_connection->fd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &DirectHttpReply::onWritable);
}

void DirectHttpReply::startExchange()
{
    m_phase = Phase::Exchanging;
    if (m_pool)
        ++m_pool->m_stats.requestsSent;
    watchSocket();

    QByteArray target = m_exchange.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (target.isEmpty())
        target = "/";
    m_out.clear();
    m_out.reserve(1024 + (m_exchange.bodyFile ? 0 : m_exchange.body.size()));
    m_out += m_exchange.method + ' ' + target + " HTTP/1.1\r\nHost: " + m_exchange.hostHeader + "\r\n";
    for (const auto &[name, value] : std::as_const(m_exchange.headers))
        m_out += name + ": " + value + "\r\n";
    if (m_exchange.sendsBody)
        m_out += "Content-Length: " + QByteArray::number(m_bodyTotal) + "\r\n";
    m_out += "\r\n";
    m_headBytes = m_out.size();
    if (!m_exchange.bodyFile)
        m_out += m_exchange.body;
    m_outPos = 0;
    m_bodySent = 0;
    m_fileSent = 0;
    m_sendDone = false;
    m_sendFailed = false;
    m_reportedUpload = -1;

    m_head.clear();
    m_headDone = false;
    m_anyResponseByte = false;
    m_bodyReceived = 0;
    m_sinkActive = false;
    m_sinkWritten = 0;
    m_sinkFlushedUpTo = 0;
    m_readBuffer.clear();
    m_readPos = 0;
    m_reportedDownload = -1;
    pumpSend();
}

void DirectHttpReply::onWritable()
{
    if (m_phase == Phase::Connecting) {
        int error = 0;
        socklen_t length = sizeof error;
        ::getsockopt(m_connection->fd, SOL_SOCKET, SO_ERROR, &error, &length);
        releaseNotifiers();
        if (error != 0) {
            m_connection.reset();
            if (!m_addresses.isEmpty()) {
                connectNext();
                return;
            }
            failToConnect(error);
            return;
        }
        connected();
        return;
    }
    if (m_phase == Phase::Exchanging)
        pumpSend();
}

void DirectHttpReply::pumpSend()
{
    const int fd = m_connection->fd;
    while (m_phase == Phase::Exchanging && !m_sendDone && !m_sendFailed) {
        if (m_outPos < m_out.size()) {
            const ssize_t n = ::send(fd, m_out.constData() + m_outPos, size_t(m_out.size() - m_outPos), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    break;
                sendBroken();
                return;
            }
            // m_out is [request head][body bytes]; only the latter count as upload progress.
            const qint64 bodyBefore = std::max<qint64>(0, qint64(m_outPos) - m_headBytes);
            m_outPos += n;
            m_bodySent += std::max<qint64>(0, qint64(m_outPos) - m_headBytes) - bodyBefore;
            touch();
            continue;
        }
        FileRangeDevice *file = m_exchange.bodyFile;
        if (file && m_fileSent < m_bodyTotal) {
            const qint64 want = std::min(SendfileStep, m_bodyTotal - m_fileSent);
            if (m_useSendfile) {
                off_t offset = off_t(file->fileOffset() + m_fileSent);
                const ssize_t n = ::sendfile(fd, file->fileDescriptor(), &offset, size_t(want));
                if (n < 0) {
                    if (errno == EINTR)
                        continue;
                    if (errno == EAGAIN || errno == EWOULDBLOCK)
                        break;
                    if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) {
                        m_useSendfile = false; // a file system without it: copy through memory
                        continue;
                    }
                    sendBroken();
                    return;
                }
                if (n == 0) {
                    fail(UnknownContentError, QStringLiteral("%1 ended early while it was being sent (was it truncated?)").arg(file->path()));
                    return;
                }
                m_fileSent += n;
                m_bodySent += n;
            } else {
                m_out.resize(qsizetype(std::min<qint64>(want, ScratchBytes)));
                const ssize_t n = ::pread(file->fileDescriptor(), m_out.data(), size_t(m_out.size()), off_t(file->fileOffset() + m_fileSent));
                if (n <= 0) {
                    if (n < 0 && errno == EINTR)
                        continue;
                    fail(UnknownContentError, QStringLiteral("reading %1 failed: %2").arg(file->path(), n < 0 ? errnoText(errno) : QStringLiteral("it ended early")));
                    return;
                }
                m_out.resize(n);
                m_outPos = 0;
                m_headBytes = 0;
                m_fileSent += n;
            }
            touch();
            reportProgress(false);
            continue;
        }
        m_sendDone = true;
    }
    reportProgress(m_sendDone);
    if (m_writeNotifier && m_phase == Phase::Exchanging)
        m_writeNotifier->setEnabled(!m_sendDone && !m_sendFailed);
}

void DirectHttpReply::sendBroken()
{
    m_sendFailed = true;
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    if (mayResendOnNewConnection()) {
        resendOnNewConnection();
        return;
    }
    // The server may have answered (an early error) and closed: read what it sent before giving up.
    onReadable();
}

void DirectHttpReply::reportProgress(bool force)
{
    if (m_exchange.sendsBody && m_bodyTotal > 0 && (force || m_bodySent - m_reportedUpload >= ProgressStep) && m_bodySent != m_reportedUpload) {
        m_reportedUpload = m_bodySent;
        Q_EMIT uploadProgress(m_bodySent, m_bodyTotal);
    }
}

bool DirectHttpReply::mayResendOnNewConnection() const
{
    // A kept-alive connection the server closed just before we used it: nothing of the answer came back, so
    // the request did not run; send it once more on a connection of its own.
    return m_reused && !m_resent && !m_anyResponseByte;
}

void DirectHttpReply::resendOnNewConnection()
{
    qCDebug(lcS3Net) << "kept-alive connection to" << peerName() << "was closed; sending again on a new one";
    if (m_pool)
        ++m_pool->m_stats.staleRetries;
    closeConnection();
    m_reused = false;
    m_resent = true;
    m_phase = Phase::Starting;
    begin();
}

void DirectHttpReply::onReadable()
{
    if (m_phase != Phase::Exchanging)
        return;
    // Small answers (part ETags, error documents) need little; a range into the file gets large reads.
    const qsizetype scratch = m_sinkActive ? ScratchBytes : SmallScratchBytes;
    if (m_scratch.size() < scratch)
        m_scratch.resize(scratch);
    const int fd = m_connection->fd;
    qint64 budget = ReadBudgetPerWakeup;
    bool progressed = false;
    while (m_phase == Phase::Exchanging && budget > 0) {
        qsizetype want = m_scratch.size();
        if (m_headDone && m_framing == BodyFraming::Length)
            want = qsizetype(std::min<qint64>(want, std::max<qint64>(m_bodyRemaining, 1)));
        const ssize_t n = ::recv(fd, m_scratch.data(), size_t(want), 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            handleEndOfStream(errno);
            return;
        }
        if (n == 0) {
            handleEndOfStream(0);
            return;
        }
        m_anyResponseByte = true;
        progressed = true;
        budget -= n;
        if (!feed(m_scratch.constData(), n))
            return; // finished or failed
    }
    if (m_phase != Phase::Exchanging)
        return;
    if (progressed)
        touch();
    if (m_headDone)
        emitBodySignals(false);
}

bool DirectHttpReply::emitBodySignals(bool final)
{
    const Phase phase = m_phase;
    QPointer<DirectHttpReply> guard(this);
    if (m_readyReadPending) {
        m_readyReadPending = false;
        Q_EMIT readyRead();
        if (!guard || m_phase != phase) // a slot deleted, aborted or finished the reply
            return false;
    }
    if (final ? m_bodyReceived != m_reportedDownload : m_bodyReceived - m_reportedDownload >= ProgressStep) {
        m_reportedDownload = m_bodyReceived;
        Q_EMIT downloadProgress(m_bodyReceived, m_bodyExpected);
        if (!guard || m_phase != phase)
            return false;
    }
    return true;
}

bool DirectHttpReply::feed(const char *data, qint64 size)
{
    while (size > 0 && m_phase == Phase::Exchanging) {
        if (!m_headDone) {
            const qsizetype before = m_head.size();
            m_head.append(data, qsizetype(size));
            const qsizetype searchFrom = std::max<qsizetype>(0, before - 3);
            const qsizetype end = m_head.indexOf("\r\n\r\n", searchFrom);
            if (end < 0 || end > MaxHeadBytes) {
                if (end >= 0 || m_head.size() > MaxHeadBytes) {
                    fail(ProtocolFailure, QStringLiteral("%1 sent a response header over %2 KiB").arg(peerName()).arg(MaxHeadBytes / 1024));
                    return false;
                }
                return true;
            }
            const qsizetype headEnd = end + 4;
            const QByteArray rest = m_head.mid(headEnd);
            m_head.truncate(headEnd);
            if (!parseHead(headEnd))
                return false;
            if (!m_headDone) { // an interim 1xx answer: the real one follows
                m_head.clear();
                if (!rest.isEmpty())
                    return feed(rest.constData(), rest.size());
                return true;
            }
            if (m_framing == BodyFraming::None) {
                complete();
                return false;
            }
            if (rest.isEmpty())
                return true;
            return feedBody(rest.constData(), rest.size());
        }
        return feedBody(data, size);
    }
    return m_phase == Phase::Exchanging;
}

bool DirectHttpReply::parseHead(qsizetype headEnd)
{
    const QList<QByteArray> lines = m_head.left(headEnd - 4).split('\n');
    const QByteArray statusLine = lines.value(0).trimmed();
    // "HTTP/1.1 206 Partial Content"
    const QList<QByteArray> statusParts = statusLine.split(' ');
    bool ok = false;
    const int status = statusParts.value(1).toInt(&ok);
    if (!statusLine.startsWith("HTTP/1.") || !ok || status < 100 || status > 999) {
        fail(ProtocolFailure, QStringLiteral("%1 did not answer in HTTP/1.1").arg(peerName()));
        return false;
    }
    if (status >= 100 && status < 200) {
        m_headDone = false;
        return true;
    }
    const bool http10 = statusLine.startsWith("HTTP/1.0");
    QList<QPair<QByteArray, QByteArray>> headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        bool merged = false;
        for (auto &[existingName, existingValue] : headers) {
            if (existingName.compare(name, Qt::CaseInsensitive) == 0) {
                existingValue += ", " + value;
                merged = true;
                break;
            }
        }
        if (!merged)
            headers.append({name, value});
    }
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, status);
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, statusLine.mid(statusLine.indexOf(' ', 9) + 1));
    QByteArray connection;
    QByteArray transferEncoding;
    QByteArray contentLength;
    QByteArray contentRange;
    for (const auto &[name, value] : std::as_const(headers)) {
        setRawHeader(name, value);
        if (name.compare("connection", Qt::CaseInsensitive) == 0)
            connection = value;
        else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0)
            transferEncoding = value;
        else if (name.compare("content-length", Qt::CaseInsensitive) == 0)
            contentLength = value;
        else if (name.compare("content-range", Qt::CaseInsensitive) == 0)
            contentRange = value;
    }
    m_keepAlive = http10 ? hasToken(connection, "keep-alive") : !hasToken(connection, "close");
    m_bodyExpected = -1;
    if (m_exchange.method == "HEAD" || status == 204 || status == 304) {
        m_framing = BodyFraming::None;
        m_bodyExpected = 0;
    } else if (!transferEncoding.isEmpty() && !hasToken(transferEncoding, "identity")) {
        if (!hasToken(transferEncoding, "chunked")) {
            fail(ProtocolFailure, QStringLiteral("%1 sent an unsupported transfer encoding (%2)").arg(peerName(), QString::fromLatin1(transferEncoding)));
            return false;
        }
        m_framing = BodyFraming::Chunked;
        m_chunkState = ChunkState::Size;
        m_chunkLine.clear();
    } else if (!contentLength.isEmpty()) {
        bool valid = false;
        m_bodyRemaining = contentLength.toLongLong(&valid);
        if (!valid || m_bodyRemaining < 0) {
            fail(ProtocolFailure, QStringLiteral("%1 sent an invalid Content-Length (%2)").arg(peerName(), QString::fromLatin1(contentLength)));
            return false;
        }
        m_bodyExpected = m_bodyRemaining;
        m_framing = m_bodyRemaining == 0 ? BodyFraming::None : BodyFraming::Length;
    } else {
        m_framing = BodyFraming::UntilClose;
        m_keepAlive = false;
    }
    // The sink takes the body only when it is exactly the range asked for; anything else (an error document,
    // a 200 that ignored the range) goes the ordinary way and the job judges it.
    const BodySink &sink = m_exchange.sink;
    if (sink.isSet() && m_framing == BodyFraming::Length && m_bodyExpected == sink.length) {
        const QByteArray expectedRange = "bytes " + QByteArray::number(sink.offset) + '-' + QByteArray::number(sink.offset + sink.length - 1) + '/';
        m_sinkActive = (status == 206 && contentRange.startsWith(expectedRange)) || (status == 200 && sink.offset == 0);
    }
    m_headDone = true;
    QPointer<DirectHttpReply> guard(this);
    Q_EMIT metaDataChanged();
    return guard && m_phase == Phase::Exchanging;
}

bool DirectHttpReply::feedBody(const char *data, qint64 size)
{
    switch (m_framing) {
    case BodyFraming::None:
        complete();
        return false;
    case BodyFraming::UntilClose:
        return deliverBody(data, size);
    case BodyFraming::Length: {
        const qint64 take = std::min(size, m_bodyRemaining);
        if (!deliverBody(data, take))
            return false;
        m_bodyRemaining -= take;
        if (take < size)
            m_keepAlive = false; // more than announced: do not trust this connection again
        if (m_bodyRemaining == 0) {
            complete();
            return false;
        }
        return true;
    }
    case BodyFraming::Chunked:
        while (size > 0) {
            switch (m_chunkState) {
            case ChunkState::Size:
            case ChunkState::Trailer: {
                const char *newline = static_cast<const char *>(std::memchr(data, '\n', size_t(size)));
                const qint64 take = newline ? qint64(newline - data) + 1 : size;
                m_chunkLine.append(data, qsizetype(take));
                data += take;
                size -= take;
                if (m_chunkLine.size() > 4096) {
                    fail(ProtocolFailure, QStringLiteral("%1 sent a malformed chunked body").arg(peerName()));
                    return false;
                }
                if (!newline)
                    return true;
                const QByteArray line = m_chunkLine.trimmed();
                m_chunkLine.clear();
                if (m_chunkState == ChunkState::Trailer) {
                    if (line.isEmpty()) {
                        complete();
                        return false;
                    }
                    continue;
                }
                bool ok = false;
                const qint64 chunkSize = line.left(line.indexOf(';') < 0 ? line.size() : line.indexOf(';')).trimmed().toLongLong(&ok, 16);
                if (!ok || chunkSize < 0) {
                    fail(ProtocolFailure, QStringLiteral("%1 sent a malformed chunked body").arg(peerName()));
                    return false;
                }
                m_bodyRemaining = chunkSize;
                m_chunkState = chunkSize == 0 ? ChunkState::Trailer : ChunkState::Data;
                break;
            }
            case ChunkState::Data: {
                const qint64 take = std::min(size, m_bodyRemaining);
                if (!deliverBody(data, take))
                    return false;
                data += take;
                size -= take;
                m_bodyRemaining -= take;
                if (m_bodyRemaining == 0)
                    m_chunkState = ChunkState::DataEnd;
                break;
            }
            case ChunkState::DataEnd: {
                const char *newline = static_cast<const char *>(std::memchr(data, '\n', size_t(size)));
                if (!newline)
                    return true; // the '\r' alone
                size -= qint64(newline - data) + 1;
                data = newline + 1;
                m_chunkState = ChunkState::Size;
                break;
            }
            }
        }
        return true;
    }
    return true;
}

bool DirectHttpReply::deliverBody(const char *data, qint64 size)
{
    if (size <= 0)
        return true;
    m_bodyReceived += size;
    if (!m_sinkActive) {
        if (m_readPos > 0 && m_readPos == m_readBuffer.size()) {
            m_readBuffer.clear();
            m_readPos = 0;
        }
        m_readBuffer.append(data, qsizetype(size));
        m_readyReadPending = true;
        return true;
    }
    const BodySink &sink = m_exchange.sink;
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::pwrite(sink.fd, data + done, size_t(size - done), off_t(sink.offset + m_sinkWritten + done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int error = errno;
            const QString text = QStringLiteral("writing %1 failed: %2%3")
                                     .arg(sink.path, errnoText(error), error == ENOSPC ? QStringLiteral(" (the disk is full)") : QString());
            setAttribute(SinkErrorAttribute, text);
            fail(UnknownContentError, text);
            return false;
        }
        done += n;
    }
    m_sinkWritten += size;
    // Hand written data to the disk as the download runs, so the final fsync has little left to wait for.
    if (m_sinkWritten - m_sinkFlushedUpTo >= FlushStep) {
        ::sync_file_range(sink.fd, sink.offset + m_sinkFlushedUpTo, m_sinkWritten - m_sinkFlushedUpTo, SYNC_FILE_RANGE_WRITE);
        m_sinkFlushedUpTo = m_sinkWritten;
    }
    return true;
}

void DirectHttpReply::handleEndOfStream(int error)
{
    if (m_phase != Phase::Exchanging)
        return;
    if (mayResendOnNewConnection() && (error == 0 || isConnectionLoss(error))) {
        resendOnNewConnection();
        return;
    }
    if (error == 0 && m_headDone && m_framing == BodyFraming::UntilClose) {
        m_keepAlive = false;
        complete();
        return;
    }
    if (error == 0 || isConnectionLoss(error)) {
        const QString what = !m_headDone ? QStringLiteral("before answering") : QStringLiteral("in the middle of the answer");
        fail(RemoteHostClosedError, QStringLiteral("%1 closed the connection %2").arg(peerName(), what));
        return;
    }
    fail(UnknownNetworkError, QStringLiteral("network error talking to %1: %2").arg(peerName(), errnoText(error)));
}

void DirectHttpReply::complete()
{
    if (m_phase != Phase::Exchanging)
        return;
    m_phase = Phase::Done;
    m_timeout.stop();
    if (m_exchange.sink.isSet())
        setAttribute(SinkBytesWrittenAttribute, m_sinkWritten);
    releaseNotifiers();
    // Reusable only after a clean exchange: all of our body sent, all of the answer read.
    if (m_keepAlive && m_sendDone && m_pool) // m_sendDone: the whole body went out (never after a failed send)
        m_pool->giveBack(std::move(m_connection));
    m_connection.reset();
    if (!emitBodySignals(true))
        return;
    setFinished(true);
    Q_EMIT finished();
}

void DirectHttpReply::fail(NetworkError code, const QString &text)
{
    if (m_phase == Phase::Done)
        return;
    m_phase = Phase::Done;
    m_timeout.stop();
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    closeConnection();
    if (m_exchange.sink.isSet())
        setAttribute(SinkBytesWrittenAttribute, m_sinkWritten);
    setError(code, text);
    QPointer<DirectHttpReply> guard(this);
    Q_EMIT errorOccurred(code);
    if (!guard)
        return;
    setFinished(true);
    Q_EMIT finished();
}

void DirectHttpReply::closeConnection()
{
    releaseNotifiers();
    m_connection.reset();
}

void DirectHttpReply::abort()
{
    if (m_phase == Phase::Done)
        return;
    fail(OperationCanceledError, QStringLiteral("Operation canceled"));
}

qint64 DirectHttpReply::bytesAvailable() const
{
    return qint64(m_readBuffer.size() - m_readPos) + QNetworkReply::bytesAvailable();
}

qint64 DirectHttpReply::readData(char *data, qint64 maxSize)
{
    const qint64 available = qint64(m_readBuffer.size() - m_readPos);
    if (available == 0)
        return m_phase == Phase::Done ? -1 : 0;
    const qint64 take = std::min(available, maxSize);
    std::memcpy(data, m_readBuffer.constData() + m_readPos, size_t(take));
    m_readPos += qsizetype(take);
    if (m_readPos == m_readBuffer.size()) {
        m_readBuffer.clear();
        m_readPos = 0;
    }
    return take;
}

} // namespace detail

DirectHttpPool::DirectHttpPool(QObject *parent)
    : QObject(parent)
{
    // sendfile() has no MSG_NOSIGNAL: a peer that reset the connection would kill the process with SIGPIPE.
    // EPIPE is handled where it is returned, so the signal is ignored (unless the program installed a handler).
    static std::once_flag ignoreSigpipe;
    std::call_once(ignoreSigpipe, [] {
        struct sigaction current {};
        if (::sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
            struct sigaction ignore {};
            ignore.sa_handler = SIG_IGN;
            sigemptyset(&ignore.sa_mask);
            ::sigaction(SIGPIPE, &ignore, nullptr);
        }
    });
    m_sweepTimer.setInterval(5000);
    connect(&m_sweepTimer, &QTimer::timeout, this, &DirectHttpPool::sweepIdle);
}

DirectHttpPool::~DirectHttpPool() = default;

bool DirectHttpPool::canCarry(const QUrl &url)
{
    if (url.scheme() != QLatin1String("http") || url.host().isEmpty())
        return false;
    const QNetworkProxy application = QNetworkProxy::applicationProxy();
    if (application.type() != QNetworkProxy::NoProxy && application.type() != QNetworkProxy::DefaultProxy)
        return false;
    // What Qt would use for this URL (the environment's http_proxy / no_proxy on Linux).
    const QList<QNetworkProxy> proxies = QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(url));
    if (!proxies.isEmpty() && proxies.first().type() != QNetworkProxy::NoProxy && proxies.first().type() != QNetworkProxy::DefaultProxy)
        return false;
    if (!QNetworkProxyFactory::usesSystemConfiguration()) {
        for (const char *name : {"http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"}) {
            if (!qEnvironmentVariableIsEmpty(name))
                return false; // be conservative: Qt may still pick it up
        }
    }
    return true;
}

QNetworkReply *DirectHttpPool::send(Exchange exchange)
{
    return new detail::DirectHttpReply(this, std::move(exchange));
}

int DirectHttpPool::idleConnections() const
{
    return int(m_idle.size());
}

std::unique_ptr<detail::DirectConnection> DirectHttpPool::takeIdle(const QString &host, quint16 port)
{
    const qint64 now = nowMs();
    for (auto it = m_idle.rbegin(); it != m_idle.rend(); ++it) {
        detail::DirectConnection *connection = it->get();
        if (connection->host != host || connection->port != port || now - connection->idleSinceMs >= m_idleTimeoutMs)
            continue;
        std::unique_ptr<detail::DirectConnection> taken = std::move(*it);
        m_idle.erase(std::next(it).base());
        taken->stopIdleWatch();
        return taken;
    }
    return nullptr;
}

void DirectHttpPool::giveBack(std::unique_ptr<detail::DirectConnection> connection)
{
    if (!connection || int(m_idle.size()) >= m_maxIdle)
        return;
    connection->idleSinceMs = nowMs();
    detail::DirectConnection *raw = connection.get();
    // An idle connection turning readable means the server closed it (or sent something unasked): drop it.
    raw->idleWatch = new QSocketNotifier(raw->fd, QSocketNotifier::Read, this);
    connect(raw->idleWatch, &QSocketNotifier::activated, this, [this, raw] { dropIdle(raw); });
    m_idle.push_back(std::move(connection));
    if (!m_sweepTimer.isActive())
        m_sweepTimer.start();
}

void DirectHttpPool::dropIdle(detail::DirectConnection *connection)
{
    const auto it = std::find_if(m_idle.begin(), m_idle.end(), [connection](const auto &idle) { return idle.get() == connection; });
    if (it != m_idle.end())
        m_idle.erase(it);
}

void DirectHttpPool::sweepIdle()
{
    const qint64 now = nowMs();
    m_idle.erase(std::remove_if(m_idle.begin(), m_idle.end(),
                                [&](const auto &idle) { return now - idle->idleSinceMs >= m_idleTimeoutMs; }),
                 m_idle.end());
    if (m_idle.empty())
        m_sweepTimer.stop();
}

} // namespace s3
