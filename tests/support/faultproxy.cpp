// SPDX-License-Identifier: Apache-2.0
#include "faultproxy.h"

#include <algorithm>

#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace {
constexpr qint64 ChunkBytes = 64 * 1024;
// Stop reading a side while the other side has this much waiting (queued in the proxy + unwritten in Qt).
constexpr qint64 HighWaterBytes = 512 * 1024;
constexpr int DefaultLifetimeMs = 10 * 60 * 1000;
// A reset waits at most this long for the first N bytes to reach the peer (a peer that does not read).
constexpr int ResetDrainMs = 2000;

/** Bytes the kernel still holds for this socket (unsent or unacknowledged); 0 if unknown. */
int unsentBytes(QTcpSocket *socket)
{
    int value = 0;
    if (socket->socketDescriptor() < 0 || ::ioctl(int(socket->socketDescriptor()), SIOCOUTQ, &value) != 0)
        return 0;
    return value;
}
} // namespace

FaultProxy::FaultProxy(quint16 targetPort, QObject *parent)
    : QObject(parent)
    , m_targetPort(targetPort)
{
    m_clock.start();
    m_lifetime.setSingleShot(true);
    m_lifetime.setInterval(DefaultLifetimeMs);
    connect(&m_lifetime, &QTimer::timeout, this, [this] {
        qWarning("FaultProxy: maximum lifetime reached, stopping");
        stop();
    });
}

FaultProxy::~FaultProxy()
{
    stop();
    qDeleteAll(m_graveyard);
}

bool FaultProxy::start()
{
    if (m_server && m_server->isListening())
        return true;
    if (!m_server) {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, &FaultProxy::handleNewConnection);
    }
    if (!m_server->listen(QHostAddress::LocalHost, 0))
        return false;
    resetCounters();
    m_lifetime.start();
    return true;
}

void FaultProxy::stop()
{
    m_lifetime.stop();
    if (m_server)
        m_server->close();
    dropConnections();
}

bool FaultProxy::isListening() const
{
    return m_server && m_server->isListening();
}

quint16 FaultProxy::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QString FaultProxy::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

void FaultProxy::clearFaults()
{
    m_resetUpAfter = m_resetDownAfter = m_stallUpAfter = m_stallDownAfter = -1;
    m_faultConnections = 0;
    m_faultedLinks = 0;
    m_delayMs = 0;
    m_rate = 0;
}

void FaultProxy::setMaxLifetimeMs(int ms)
{
    m_lifetime.setInterval(ms);
    if (m_lifetime.isActive())
        m_lifetime.start();
}

void FaultProxy::resetCounters()
{
    m_connections = 0;
    m_resets = 0;
    m_stalls = 0;
    m_faultedLinks = 0;
    m_bytesUp = 0;
    m_bytesDown = 0;
}

void FaultProxy::dropConnections()
{
    const QList<Link *> links = m_links;
    for (Link *link : links)
        closeLink(link);
}

bool FaultProxy::isFaulty(const Link *link) const
{
    return m_faultConnections <= 0 || link->faulted || m_faultedLinks < m_faultConnections;
}

void FaultProxy::markFaulted(Link *link)
{
    if (!link->faulted) {
        link->faulted = true;
        ++m_faultedLinks;
    }
}

void FaultProxy::setLingerZero(QTcpSocket *socket)
{
    if (!socket || socket->socketDescriptor() < 0)
        return;
    const struct linger option{1, 0};
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &option, sizeof option);
}

void FaultProxy::handleNewConnection()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        auto *link = new Link;
        link->number = ++m_connections;
        link->client = client;
        link->server = new QTcpSocket(this);
        client->setParent(this);
        client->setReadBufferSize(HighWaterBytes);
        link->server->setReadBufferSize(HighWaterBytes);
        link->up.from = client;
        link->up.to = link->server;
        link->up.upstream = true;
        link->down.from = link->server;
        link->down.to = client;
        link->up.timer = new QTimer(this);
        link->down.timer = new QTimer(this);
        link->up.timer->setSingleShot(true);
        link->down.timer->setSingleShot(true);
        link->resetTimer = new QTimer(this);
        link->resetTimer->setInterval(2);
        m_links.append(link);

        connect(link->up.timer, &QTimer::timeout, this, [this, link] { pump(link, link->up); });
        connect(link->down.timer, &QTimer::timeout, this, [this, link] { pump(link, link->down); });
        connect(client, &QTcpSocket::readyRead, this, [this, link] { pump(link, link->up); });
        connect(link->server, &QTcpSocket::readyRead, this, [this, link] { pump(link, link->down); });
        connect(client, &QTcpSocket::bytesWritten, this, [this, link] { pump(link, link->down); });
        connect(link->server, &QTcpSocket::bytesWritten, this, [this, link] { pump(link, link->up); });
        connect(link->server, &QTcpSocket::connected, this, [this, link] {
            link->serverConnected = true;
            pump(link, link->up);
        });
        connect(link->server, &QTcpSocket::errorOccurred, this, [this, link](QAbstractSocket::SocketError) {
            if (!link->dead && !link->serverConnected) // the target refused: nothing to forward to
                resetLink(link);
        });
        connect(client, &QTcpSocket::disconnected, this, [this, link] {
            link->up.eof = true;
            pump(link, link->up);
        });
        connect(link->server, &QTcpSocket::disconnected, this, [this, link] {
            link->down.eof = true;
            pump(link, link->down);
        });

        Q_EMIT connectionAccepted(link->number);
        link->server->connectToHost(QHostAddress::LocalHost, m_targetPort);
    }
}

void FaultProxy::pump(Link *link, Direction &dir)
{
    if (link->dead || link->resetting || !link->serverConnected)
        return;
    const bool targetOpen = dir.to->state() == QAbstractSocket::ConnectedState;
    while (!link->dead && dir.from->bytesAvailable() > 0) {
        if (dir.stalled || !targetOpen) {
            dir.from->readAll(); // stalled or nowhere to go: drop
            continue;
        }
        if (dir.queued + dir.to->bytesToWrite() >= HighWaterBytes)
            break; // back-pressure: resume on bytesWritten
        QByteArray chunk = dir.from->read(ChunkBytes);
        if (chunk.isEmpty())
            break;
        dir.queued += chunk.size();
        dir.queue.append({m_clock.elapsed() + m_delayMs, std::move(chunk)});
    }
    deliver(link, dir);
    if (!link->dead && !link->resetting)
        maybeFinish(link, dir);
}

void FaultProxy::deliver(Link *link, Direction &dir)
{
    while (!link->dead && !link->resetting && !dir.queue.isEmpty()) {
        const qint64 now = m_clock.elapsed();
        const qint64 wait = std::max(dir.queue.first().due, dir.nextSendAt) - now;
        if (wait > 0) {
            if (!dir.timer->isActive())
                dir.timer->start(int(wait));
            return;
        }
        if (dir.to->bytesToWrite() >= HighWaterBytes)
            return; // bytesWritten calls back
        Pending head = dir.queue.takeFirst();
        dir.queued -= head.data.size();
        if (dir.stalled || dir.to->state() != QAbstractSocket::ConnectedState)
            continue;

        const bool faulty = isFaulty(link);
        const qint64 resetAfter = dir.upstream ? m_resetUpAfter : m_resetDownAfter;
        const qint64 stallAfter = dir.upstream ? m_stallUpAfter : m_stallDownAfter;
        qint64 pass = head.data.size();
        enum class Then { Continue, Reset, Stall } then = Then::Continue;
        if (faulty && resetAfter >= 0 && dir.forwarded + pass > resetAfter) {
            pass = std::max<qint64>(0, resetAfter - dir.forwarded);
            then = Then::Reset;
        } else if (faulty && stallAfter >= 0 && dir.forwarded + pass > stallAfter) {
            pass = std::max<qint64>(0, stallAfter - dir.forwarded);
            then = Then::Stall;
        }
        if (pass > 0) {
            dir.to->write(head.data.constData(), pass);
            dir.forwarded += pass;
            (dir.upstream ? m_bytesUp : m_bytesDown) += pass;
        }
        if (m_rate > 0)
            dir.nextSendAt = std::max(now, dir.nextSendAt) + pass * 1000 / m_rate;
        if (then == Then::Reset) {
            beginReset(link, dir.to);
            return;
        }
        if (then == Then::Stall) {
            dir.stalled = true;
            dir.queue.clear();
            dir.queued = 0;
            ++m_stalls;
            markFaulted(link);
            Q_EMIT connectionStalled(link->number, dir.upstream);
            return;
        }
    }
}

void FaultProxy::maybeFinish(Link *link, Direction &dir)
{
    // The source closed and everything it sent has been handed over: close the other side (after its
    // write buffer drains). Qt sockets cannot half-close, so a closed side is closed both ways.
    if (dir.eof && !dir.closed && dir.from->bytesAvailable() == 0 && dir.queue.isEmpty()) {
        dir.closed = true;
        if (dir.to->state() != QAbstractSocket::UnconnectedState)
            dir.to->disconnectFromHost();
    }
    if (link->client->state() == QAbstractSocket::UnconnectedState
        && link->server->state() == QAbstractSocket::UnconnectedState)
        destroyLink(link);
}

void FaultProxy::beginReset(Link *link, QTcpSocket *target)
{
    // Nothing moves any more on this link; once the first N bytes have left the proxy (Qt's buffer and the
    // kernel's send queue: an RST discards what is still queued), both sides get the RST.
    ++m_resets;
    markFaulted(link);
    link->resetting = true;
    link->resetDeadline = m_clock.elapsed() + ResetDrainMs;
    connect(link->resetTimer, &QTimer::timeout, this, [this, link, target] {
        if (link->dead)
            return;
        if (target->state() == QAbstractSocket::ConnectedState && target->bytesToWrite() > 0)
            target->flush();
        const bool drained = target->state() != QAbstractSocket::ConnectedState
            || (target->bytesToWrite() == 0 && unsentBytes(target) == 0);
        if (!drained && m_clock.elapsed() < link->resetDeadline)
            return;
        const int number = link->number;
        resetLink(link);
        Q_EMIT connectionReset(number);
    });
    link->resetTimer->start();
}

void FaultProxy::resetLink(Link *link)
{
    if (link->dead)
        return;
    link->dead = true;
    for (QTcpSocket *socket : {link->client, link->server}) {
        socket->disconnect(this);
        setLingerZero(socket);
        socket->abort();
    }
    destroyLink(link);
}

void FaultProxy::closeLink(Link *link)
{
    if (link->dead)
        return;
    link->dead = true;
    for (QTcpSocket *socket : {link->client, link->server}) {
        socket->disconnect(this);
        socket->abort();
    }
    destroyLink(link);
}

void FaultProxy::destroyLink(Link *link)
{
    if (!m_links.removeOne(link))
        return;
    link->dead = true;
    for (QTcpSocket *socket : {link->client, link->server}) {
        socket->disconnect(this);
        socket->deleteLater();
    }
    for (QTimer *timer : {link->up.timer, link->down.timer, link->resetTimer}) {
        timer->stop();
        timer->disconnect(this);
        timer->deleteLater();
    }
    // Callers up the stack may still hold the pointer (they check `dead`): free it from the event loop.
    if (m_graveyard.isEmpty()) {
        QMetaObject::invokeMethod(this, [this] {
            qDeleteAll(m_graveyard);
            m_graveyard.clear();
        }, Qt::QueuedConnection);
    }
    m_graveyard.append(link);
}
