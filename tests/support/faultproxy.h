// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

class QTcpServer;
class QTcpSocket;

/**
 * A TCP fault-injection proxy for tests (in-process, event driven, no threads; a C++ take on
 * shared/s3lab/faultproxy.py). It listens on 127.0.0.1 with a free port and forwards every accepted connection
 * to 127.0.0.1:<targetPort>, byte for byte, with optional faults:
 *
 *  - resetUpAfterBytes / resetDownAfterBytes: after N bytes client->server (server->client) on a connection,
 *    forward exactly those N bytes, then abort both sockets with a TCP RST (SO_LINGER {1, 0});
 *  - stallUpAfterBytes / stallDownAfterBytes: after N bytes, stop forwarding that direction (later bytes are
 *    read and dropped) while both sockets stay open: the peer sees a hang and its own timeout must fire;
 *  - faultConnections K: faults hit at most K connections (counted since start() or resetCounters()): a
 *    connection is faulty until K others have been hit, so connections that never reach a byte threshold
 *    (the client's small requests) do not use up the count; later connections are clean. 0 = every connection;
 *  - delayMs: added one-way latency per chunk, both directions (order preserved);
 *  - rateBytesPerSecond: a bandwidth cap per connection and direction.
 *
 * A negative byte count disables that fault (the default). Options can be changed at any time; they are read
 * each time bytes move, so a change applies to open connections at once. The proxy is bounded: after
 * maxLifetimeMs (default 10 minutes) it stops listening and aborts every connection. Memory is bounded too: a
 * side is read only while the other side has less than a few hundred KiB waiting to be written.
 */
class FaultProxy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultProxy)
public:
    explicit FaultProxy(quint16 targetPort, QObject *parent = nullptr);
    ~FaultProxy() override;

    /** Listens on 127.0.0.1 with a free port. False if listening failed. */
    bool start();
    /** Stops listening and aborts every open connection. */
    void stop();
    bool isListening() const;
    quint16 port() const;
    /** "http://127.0.0.1:<port>" */
    QString url() const;
    quint16 targetPort() const { return m_targetPort; }

    // --- faults (negative = off) -----------------------------------------------------------------------
    void setResetUpAfterBytes(qint64 bytes) { m_resetUpAfter = bytes; }
    void setResetDownAfterBytes(qint64 bytes) { m_resetDownAfter = bytes; }
    void setStallUpAfterBytes(qint64 bytes) { m_stallUpAfter = bytes; }
    void setStallDownAfterBytes(qint64 bytes) { m_stallDownAfter = bytes; }
    /** Faults apply to the first `count` connections only; 0 = all connections. */
    void setFaultConnections(int count) { m_faultConnections = count; }
    void setDelayMs(int ms) { m_delayMs = ms; }
    /** 0 = unlimited. */
    void setRateBytesPerSecond(qint64 rate) { m_rate = rate; }
    /** Turns every fault, delay and rate limit off (open connections become clean; stalled ones stay stalled). */
    void clearFaults();
    void setMaxLifetimeMs(int ms);

    qint64 resetUpAfterBytes() const { return m_resetUpAfter; }
    qint64 resetDownAfterBytes() const { return m_resetDownAfter; }
    qint64 stallUpAfterBytes() const { return m_stallUpAfter; }
    qint64 stallDownAfterBytes() const { return m_stallDownAfter; }
    int faultConnections() const { return m_faultConnections; }
    int delayMs() const { return m_delayMs; }

    // --- counters --------------------------------------------------------------------------------------
    /** Connections accepted since start() or resetCounters(). */
    int connections() const { return m_connections; }
    int openConnections() const { return int(m_links.size()); }
    /** Connections aborted by a reset fault. */
    int resets() const { return m_resets; }
    /** Directions stalled by a stall fault. */
    int stalls() const { return m_stalls; }
    /** Bytes forwarded client->server and server->client. */
    qint64 bytesUp() const { return m_bytesUp; }
    qint64 bytesDown() const { return m_bytesDown; }
    /** Zeroes the counters; faultConnections counts connections hit from now on. */
    void resetCounters();
    /** Aborts every open connection (keeps listening). */
    void dropConnections();

Q_SIGNALS:
    void connectionAccepted(int number);
    void connectionReset(int number);
    void connectionStalled(int number, bool upstream);

private:
    struct Link;
    struct Pending
    {
        qint64 due = 0; // m_clock ms
        QByteArray data;
    };
    struct Direction
    {
        QTcpSocket *from = nullptr;
        QTcpSocket *to = nullptr;
        bool upstream = false;
        qint64 forwarded = 0;
        bool stalled = false;
        bool eof = false;
        bool closed = false;
        QList<Pending> queue;
        qint64 queued = 0;
        qint64 nextSendAt = 0; // rate limit
        QTimer *timer = nullptr;
    };
    struct Link
    {
        int number = 0;
        QTcpSocket *client = nullptr;
        QTcpSocket *server = nullptr;
        bool serverConnected = false;
        bool dead = false;
        bool resetting = false; // a reset fault hit: the first N bytes drain, then the RST
        bool faulted = false;   // a reset or stall hit this connection
        QTimer *resetTimer = nullptr;
        qint64 resetDeadline = 0;
        Direction up;
        Direction down;
    };

    void handleNewConnection();
    bool isFaulty(const Link *link) const;
    void markFaulted(Link *link);
    void pump(Link *link, Direction &dir);
    void deliver(Link *link, Direction &dir);
    void maybeFinish(Link *link, Direction &dir);
    void beginReset(Link *link, QTcpSocket *target);
    void resetLink(Link *link);
    void closeLink(Link *link);
    void destroyLink(Link *link);
    static void setLingerZero(QTcpSocket *socket);

    quint16 m_targetPort;
    QTcpServer *m_server = nullptr;
    QList<Link *> m_links;
    QList<Link *> m_graveyard; // closed links, freed from the event loop
    QElapsedTimer m_clock;
    QTimer m_lifetime;

    qint64 m_resetUpAfter = -1;
    qint64 m_resetDownAfter = -1;
    qint64 m_stallUpAfter = -1;
    qint64 m_stallDownAfter = -1;
    int m_faultConnections = 0;
    int m_faultedLinks = 0;
    int m_delayMs = 0;
    qint64 m_rate = 0;

    int m_connections = 0;
    int m_resets = 0;
    int m_stalls = 0;
    qint64 m_bytesUp = 0;
    qint64 m_bytesDown = 0;
};
