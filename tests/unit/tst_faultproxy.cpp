// SPDX-License-Identifier: Apache-2.0
// The test-support FaultProxy against a local echo server (no S3 needed): forwarding both ways, resets after N
// bytes in either direction (a real RST: the client's recv() fails with ECONNRESET), stalls, faultConnections,
// latency, a refused target and the lifetime bound. The client side is a plain non-blocking POSIX socket so
// a reset can be told from an orderly close.
#include <cerrno>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include "faultproxy.h"
#include "livetest.h"

namespace {

/** Echoes every byte back; counts what it received. */
class EchoServer final : public QObject
{
public:
    bool start()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++m_accepted;
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                    const QByteArray data = socket->readAll();
                    m_received += data.size();
                    socket->write(data);
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }
    qint64 received() const { return m_received; }
    int accepted() const { return m_accepted; }

private:
    QTcpServer m_server;
    qint64 m_received = 0;
    int m_accepted = 0;
};

/** How a read loop ended. */
enum class End { Open, Closed, Reset, OtherError };

/** A non-blocking client socket; the Qt event loop keeps running while it waits. */
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        // Loopback connect completes in the kernel (listen backlog): blocking is fine here.
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
        ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    }
    ~RawClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;

    bool isConnected() const { return m_connected; }
    const QByteArray &received() const { return m_received; }
    End end() const { return m_end; }

    /**
     * Sends `data` (as far as the peer accepts it) while reading, until `want` bytes arrived, the connection
     * ended, or timeoutMs passed. Returns the state of the connection.
     */
    End exchange(const QByteArray &data, qint64 want, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        qint64 sent = 0;
        while (timer.elapsed() < timeoutMs) {
            bool moved = false;
            if (sent < data.size() && m_end == End::Open) {
                const ssize_t n = ::send(m_fd, data.constData() + sent, size_t(data.size() - sent), MSG_NOSIGNAL | MSG_DONTWAIT);
                if (n > 0) {
                    sent += n;
                    moved = true;
                } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                    m_end = errno == ECONNRESET || errno == EPIPE ? End::Reset : End::OtherError;
                }
            }
            moved = readAvailable() || moved;
            if (m_end != End::Open || m_received.size() >= want)
                break;
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (!moved)
                QTest::qWait(1);
        }
        m_sent += sent;
        return m_end;
    }

    /** Reads until the connection ends or timeoutMs passes. */
    End drain(int timeoutMs) { return exchange({}, std::numeric_limits<qint64>::max(), timeoutMs); }
    qint64 sent() const { return m_sent; }

private:
    bool readAvailable()
    {
        bool moved = false;
        char buffer[65536];
        while (m_end == End::Open) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n > 0) {
                m_received.append(buffer, n);
                moved = true;
                continue;
            }
            if (n == 0)
                m_end = End::Closed;
            else if (errno == ECONNRESET)
                m_end = End::Reset;
            else if (errno != EAGAIN && errno != EWOULDBLOCK)
                m_end = End::OtherError;
            break;
        }
        return moved;
    }

    int m_fd = -1;
    bool m_connected = false;
    QByteArray m_received;
    qint64 m_sent = 0;
    End m_end = End::Open;
};

} // namespace

class TestFaultProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void forwardsBothWays()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        FaultProxy proxy(echo.port());
        QVERIFY(proxy.start());
        QVERIFY(proxy.port() != 0);
        QVERIFY(proxy.port() != echo.port());
        QCOMPARE(proxy.url(), QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));

        const QByteArray data = randomBytes(3 * 1024 * 1024 + 17, 1);
        RawClient client(proxy.port());
        QVERIFY(client.isConnected());
        QCOMPARE(client.exchange(data, data.size(), 20000), End::Open);
        QCOMPARE(client.received().size(), data.size());
        QVERIFY(client.received() == data);
        QCOMPARE(proxy.connections(), 1);
        QCOMPARE(proxy.openConnections(), 1);
        QCOMPARE(proxy.bytesUp(), qint64(data.size()));
        QCOMPARE(proxy.bytesDown(), qint64(data.size()));
        QCOMPARE(proxy.resets(), 0);
        QCOMPARE(proxy.stalls(), 0);
        QCOMPARE(echo.received(), qint64(data.size()));
    }

    void closesBothSidesInOrder()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        FaultProxy proxy(echo.port());
        QVERIFY(proxy.start());
        {
            RawClient client(proxy.port());
            QCOMPARE(client.exchange(QByteArrayLiteral("hello"), 5, 5000), End::Open);
            QCOMPARE(client.received(), QByteArrayLiteral("hello"));
        } // client closes: the proxy closes the server side and forgets the link
        QTRY_COMPARE_WITH_TIMEOUT(proxy.openConnections(), 0, 5000);
    }

    void resetUpstreamAfterBytes()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        FaultProxy proxy(echo.port());
        QVERIFY(proxy.start());
        proxy.setResetUpAfterBytes(100000);
        QSignalSpy resets(&proxy, &FaultProxy::connectionReset);

        RawClient client(proxy.port());
        const QByteArray data = randomBytes(300000, 2);
        const End end = client.exchange(data, data.size(), 10000);
        if (end == End::Open)
            QCOMPARE(client.drain(5000), End::Reset);
        else
            QCOMPARE(end, End::Reset); // RST, not an orderly close
        QCOMPARE(proxy.resets(), 1);
        QCOMPARE(resets.size(), 1);
        QCOMPARE(resets.first().first().toInt(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(echo.received(), qint64(100000), 5000); // exactly the first N bytes got through
        QCOMPARE(proxy.bytesUp(), qint64(100000));
        QVERIFY(client.received().size() <= 100000);
        QCOMPARE(proxy.openConnections(), 0);
    }

    void resetDownstreamAfterBytes()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        FaultProxy proxy(echo.port());
        QVERIFY(proxy.start());
        proxy.setResetDownAfterBytes(50000);

        RawClient client(proxy.port());
        const QByteArray data = randomBytes(400000, 3);
        const End end = client.exchange(data, data.size(), 10000);
        if (end == End::Open)
            QCOMPARE(client.drain(5000), End::Reset);
        else
            QCOMPARE(end, End::Reset);
        QCOMPARE(client.received().size(), qsizetype(50000));
        QVERIFY(client.received() == data.left(50000));
        QCOMPARE(proxy.connections(), 1);
        QCOMPARE(proxy.resets(), 1);
        QCOMPARE(proxy.bytesDown(), qint64(50000));
    }

    void stallDownstreamKeepsTheConnectionOpen()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        FaultProxy proxy(echo.port());
        QVERIFY(proxy.start());
        proxy.setStallDownAfterBytes(50000);
        QSignalSpy stalls(&proxy, &FaultProxy::connectionStalled);

        RawClient client(proxy.port());
        const QByteArray data = randomBytes(200000, 4);
        QCOMPARE(client.exchange(data, data.size(), 1500), End::Open); // times out waiting: a hang, no close
        QCOMPARE(client.received().size(), qsizetype(50000));
        QVERIFY(client.received() == data.left(50000));
        QCOMPARE(proxy.stalls(), 1);
        QCOMPARE(stalls.size(), 1);
        QCOMPARE(stalls.first().at(1).toBool(), false);
        QTRY_COMPARE_WITH_TIMEOUT(echo.received(), qint64(data.size()), 5000); // the other direction still flows
        QCOMPARE(proxy.openConnections(), 1);
        QCOMPARE(proxy.resets(), 0);
        // More data in: still nothing out, still open.
        QCOMPARE(client.exchange(QByteArrayLiteral("more"), 50001, 300), End::Open);
        QCOMPARE(client.received().size(), qsizetype(50000));
    }

    void stallUpstreamKeepsTheConnectionOpen()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        FaultProxy proxy(echo.port());
        QVERIFY(proxy.start());
        proxy.setStallUpAfterBytes(70000);

        RawClient client(proxy.port());
        const QByteArray data = randomBytes(200000, 5);
        QCOMPARE(client.exchange(data, data.size(), 1500), End::Open);
        QCOMPARE(echo.received(), qint64(70000));
        QCOMPARE(client.received().size(), qsizetype(70000)); // what got through came back
        QCOMPARE(proxy.stalls(), 1);
        QCOMPARE(proxy.openConnections(), 1);
    }

    void faultsOnlyTheFirstConnections()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        FaultProxy proxy(echo.port());
        QVERIFY(proxy.start());
        proxy.setResetDownAfterBytes(1000);
        proxy.setFaultConnections(2);
        const QByteArray data = randomBytes(5000, 6);
        for (int i = 1; i <= 4; ++i) {
            RawClient client(proxy.port());
            const End end = client.exchange(data, data.size(), 5000);
            if (i <= 2) {
                QCOMPARE(end == End::Open ? client.drain(5000) : end, End::Reset);
                QCOMPARE(client.received().size(), qsizetype(1000));
            } else {
                QCOMPARE(end, End::Open);
                QVERIFY(client.received() == data);
            }
        }
        QCOMPARE(proxy.connections(), 4);
        QCOMPARE(proxy.resets(), 2);

        // resetCounters() starts counting connections again: the next two are faulty once more.
        proxy.resetCounters();
        RawClient again(proxy.port());
        const End end = again.exchange(data, data.size(), 5000);
        QCOMPARE(end == End::Open ? again.drain(5000) : end, End::Reset);
        QCOMPARE(proxy.connections(), 1);
        QCOMPARE(proxy.resets(), 1);

        // clearFaults(): clean again.
        proxy.clearFaults();
        RawClient clean(proxy.port());
        QCOMPARE(clean.exchange(data, data.size(), 5000), End::Open);
        QVERIFY(clean.received() == data);
    }

    void optionsApplyToOpenConnections()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        FaultProxy proxy(echo.port());
        QVERIFY(proxy.start());
        RawClient client(proxy.port());
        const QByteArray first = randomBytes(10000, 7);
        QCOMPARE(client.exchange(first, first.size(), 5000), End::Open);
        QCOMPARE(client.received().size(), first.size());
        proxy.setResetDownAfterBytes(15000); // 10000 already went down on this connection
        const QByteArray second = randomBytes(10000, 8);
        const End end = client.exchange(second, 20000, 5000);
        QCOMPARE(end == End::Open ? client.drain(5000) : end, End::Reset);
        QCOMPARE(client.received().size(), qsizetype(15000));
    }

    void delayAddsLatency()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        FaultProxy proxy(echo.port());
        QVERIFY(proxy.start());
        proxy.setDelayMs(100);
        RawClient client(proxy.port());
        QElapsedTimer timer;
        timer.start();
        const QByteArray data = randomBytes(300000, 9);
        QCOMPARE(client.exchange(data, data.size(), 10000), End::Open);
        QVERIFY(client.received() == data); // order preserved
        QVERIFY2(timer.elapsed() >= 190, qPrintable(QString::number(timer.elapsed()))); // one way up, one way down
    }

    void rateLimit()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        FaultProxy proxy(echo.port());
        QVERIFY(proxy.start());
        proxy.setRateBytesPerSecond(1024 * 1024);
        RawClient client(proxy.port());
        QElapsedTimer timer;
        timer.start();
        const QByteArray data = randomBytes(512 * 1024, 10);
        QCOMPARE(client.exchange(data, data.size(), 10000), End::Open);
        QVERIFY(client.received() == data);
        QVERIFY2(timer.elapsed() >= 400, qPrintable(QString::number(timer.elapsed())));
    }

    void refusedTargetClosesTheClient()
    {
        quint16 freePort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            freePort = probe.serverPort();
        }
        FaultProxy proxy(freePort);
        QVERIFY(proxy.start());
        RawClient client(proxy.port());
        QVERIFY(client.isConnected());
        QVERIFY(client.drain(5000) != End::Open);
        QTRY_COMPARE_WITH_TIMEOUT(proxy.openConnections(), 0, 5000);
    }

    void lifetimeIsBounded()
    {
        EchoServer echo;
        QVERIFY(echo.start());
        FaultProxy proxy(echo.port());
        proxy.setMaxLifetimeMs(200);
        QVERIFY(proxy.start());
        RawClient client(proxy.port());
        QCOMPARE(client.exchange(QByteArrayLiteral("x"), 1, 2000), End::Open);
        QTRY_VERIFY_WITH_TIMEOUT(!proxy.isListening(), 3000);
        QCOMPARE(proxy.openConnections(), 0);
        QVERIFY(client.drain(2000) != End::Open);
    }
};

QTEST_GUILESS_MAIN(TestFaultProxy)
#include "tst_faultproxy.moc"
