// SPDX-License-Identifier: Apache-2.0
// The libcurl bulk data path (CurlHttpPool) on the wire, against a scripted server on loopback: what it
// sends, how it reads answers (Content-Length, chunked, until close, interim 1xx and a flood of them), keep-alive
// reuse and the resend after a closed kept-alive connection, bytes after the end of an answer, early answers to
// an upload, resets, stalls, a server dripping bytes past the deadline, refused connections, proxies, a dead
// IPv6 address, and the file sink (only the asked range, local write errors named as such).
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

#include <functional>
#include <memory>

#include <QElapsedTimer>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "s3core/net/curlhttp.h"
#include "reliabilitycase.h"
#include "s3core/transfer/filerangedevice.h"

using namespace s3;

namespace {

/**
 * Reads requests (head + Content-Length body) and lets the test answer each with raw bytes. Records every
 * request with the connection number that carried it.
 */
class ScriptedServer final : public QObject
{
public:
    struct Seen
    {
        QByteArray head;
        QByteArray body;
        int connection = 0;
    };
    /** Answers one request; may write, close or abort the socket, or do nothing (stall). */
    using Responder = std::function<void(QTcpSocket *, const Seen &)>;

    ScriptedServer()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                const int number = ++m_connections;
                socket->setParent(this);
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer, number] {
                    *buffer += socket->readAll();
                    if (m_onBytes)
                        m_onBytes(socket, *buffer);
                    while (true) {
                        const qsizetype end = buffer->indexOf("\r\n\r\n");
                        if (end < 0)
                            return;
                        const QByteArray head = buffer->left(end + 4);
                        qint64 length = 0;
                        for (const QByteArray &line : head.split('\n')) {
                            if (line.toLower().startsWith("content-length:"))
                                length = line.mid(15).trimmed().toLongLong();
                        }
                        if (m_answerBeforeBody && length > 0 && buffer->size() < end + 4 + length) {
                            m_answerBeforeBody = false;
                            requests.append({head, {}, number});
                            respond(socket);
                            return;
                        }
                        if (buffer->size() < end + 4 + length)
                            return;
                        requests.append({head, buffer->mid(end + 4, length), number});
                        buffer->remove(0, end + 4 + length);
                        respond(socket);
                    }
                });
            }
        });
    }

    bool start() { return m_server.listen(QHostAddress::LocalHost); }
    QUrl url(const QString &path = QStringLiteral("/bucket/key")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    QByteArray hostHeader() const { return "127.0.0.1:" + QByteArray::number(m_server.serverPort()); }
    quint16 port() const { return m_server.serverPort(); }
    int connections() const { return m_connections; }

    /** Responders are used in order, one per request; the last one repeats. */
    void answer(Responder responder) { m_responders.append(std::move(responder)); }
    /** The next request with a body is answered as soon as its head has arrived. */
    void answerBeforeBody() { m_answerBeforeBody = true; }
    void onBytes(std::function<void(QTcpSocket *, const QByteArray &)> hook) { m_onBytes = std::move(hook); }

    QList<Seen> requests;

private:
    void respond(QTcpSocket *socket)
    {
        QVERIFY(!m_responders.isEmpty());
        const Responder responder = m_responders.size() > 1 ? m_responders.takeFirst() : m_responders.first();
        responder(socket, requests.last());
    }

    QTcpServer m_server;
    int m_connections = 0;
    QList<Responder> m_responders;
    bool m_answerBeforeBody = false;
    std::function<void(QTcpSocket *, const QByteArray &)> m_onBytes;
};

ScriptedServer::Responder raw(QByteArray bytes)
{
    return [bytes](QTcpSocket *socket, const ScriptedServer::Seen &) { socket->write(bytes); };
}

ScriptedServer::Responder rawThenClose(QByteArray bytes)
{
    return [bytes](QTcpSocket *socket, const ScriptedServer::Seen &) {
        socket->write(bytes);
        socket->disconnectFromHost();
    };
}

QByteArray okWithBody(const QByteArray &body, const QByteArray &extra = {})
{
    return "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + extra + "\r\n" + body;
}

CurlHttpPool::Exchange getExchange(const ScriptedServer &server)
{
    CurlHttpPool::Exchange exchange;
    exchange.method = "GET";
    exchange.url = server.url();
    exchange.hostHeader = server.hostHeader();
    exchange.headers = {{"x-amz-date", "20261202T000000Z"}, {"Authorization", "AWS4-HMAC-SHA256 test"}};
    exchange.transferTimeoutMs = 5000;
    return exchange;
}

/** Runs the exchange to its end; returns the reply (owned by the test) and its body read through readyRead. */
struct Outcome
{
    std::unique_ptr<QNetworkReply> reply;
    QByteArray body;
    int readyReads = 0;
    qint64 lastUploadProgress = -1;
};

Outcome run(CurlHttpPool &pool, CurlHttpPool::Exchange exchange, int timeoutMs = 8000)
{
    Outcome outcome;
    outcome.reply.reset(pool.send(std::move(exchange)));
    QNetworkReply *reply = outcome.reply.get();
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&outcome, reply] {
        ++outcome.readyReads;
        outcome.body += reply->readAll();
    });
    QObject::connect(reply, &QNetworkReply::uploadProgress, reply, [&outcome](qint64 sent, qint64) { outcome.lastUploadProgress = sent; });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(timeoutMs))
        qWarning("exchange did not finish within %d ms", timeoutMs);
    return outcome;
}

int status(const Outcome &outcome)
{
    return outcome.reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

QByteArray pattern(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char((i * 131 + i / 7) & 0xff);
    return data;
}

/** A file of `size` pattern bytes in dir; returns its path (empty if it could not be written). */
QString writePatternFile(const QTemporaryDir &dir, const QString &name, qsizetype size)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pattern(size)) != size)
        return {};
    return path;
}

/** A PUT of the file window to the server. */
CurlHttpPool::Exchange putExchange(const ScriptedServer &server, FileRangeDevice *window)
{
    CurlHttpPool::Exchange exchange = getExchange(server);
    exchange.method = "PUT";
    exchange.bodyFile = window;
    exchange.sendsBody = true;
    return exchange;
}

} // namespace

class TestCurlHttp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendsTheRequestAsGivenAndReadsALengthBody()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(raw(okWithBody("hello world", "ETag: \"abc\"\r\nx-amz-request-id: R1\r\nx-amz-meta-a: 1\r\nx-amz-meta-a: 2\r\n")));
        CurlHttpPool pool;
        CurlHttpPool::Exchange exchange = getExchange(server);
        exchange.url = server.url(QStringLiteral("/bucket/a%20b%2Bc?partNumber=1&uploadId=x%2Fy"));
        const Outcome outcome = run(pool, exchange);
        QCOMPARE(outcome.reply->error(), QNetworkReply::NoError);
        QVERIFY(outcome.reply->isFinished());
        QCOMPARE(status(outcome), 200);
        QCOMPARE(outcome.body, QByteArray("hello world"));
        QCOMPARE(outcome.reply->rawHeader("etag"), QByteArray("\"abc\""));
        QCOMPARE(outcome.reply->rawHeader("X-Amz-Request-Id"), QByteArray("R1"));
        QCOMPARE(outcome.reply->rawHeader("x-amz-meta-a"), QByteArray("1, 2"));
        QCOMPARE(server.requests.size(), 1);
        const QByteArray head = server.requests.first().head;
        // The path and query go out byte for byte as signed: no re-encoding, no decoding of %2B / %2F.
        QVERIFY2(head.startsWith("GET /bucket/a%20b%2Bc?partNumber=1&uploadId=x%2Fy HTTP/1.1\r\n"), head.constData());
        QVERIFY(head.contains(QByteArray("\r\nHost: " + server.hostHeader() + "\r\n")));
        QVERIFY(head.contains("\r\nAuthorization: AWS4-HMAC-SHA256 test\r\n"));
        QVERIFY(!head.contains("Content-Length")); // a GET sends no body
        QVERIFY(!head.contains("Expect:"));
        QVERIFY(!head.contains("Accept:"));
    }

    void uploadsAFileWindowByteForByte()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("source.bin"));
        const QByteArray data = pattern(3 * 1024 * 1024 + 17);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(data);
        }
        FileRangeDevice window(path, 1000, 2 * 1024 * 1024 + 5);
        QVERIFY(bool(window.openRange()));
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(raw("HTTP/1.1 200 OK\r\nETag: \"part\"\r\nContent-Length: 0\r\n\r\n"));
        CurlHttpPool pool;
        const Outcome outcome = run(pool, putExchange(server, &window));
        QCOMPARE(outcome.reply->error(), QNetworkReply::NoError);
        QCOMPARE(status(outcome), 200);
        QCOMPARE(outcome.reply->rawHeader("ETag"), QByteArray("\"part\""));
        QCOMPARE(server.requests.size(), 1);
        QVERIFY(server.requests.first().head.contains("\r\nContent-Length: 2097157\r\n"));
        QVERIFY(server.requests.first().body == data.mid(1000, 2 * 1024 * 1024 + 5));
        QCOMPARE(outcome.lastUploadProgress, qint64(2 * 1024 * 1024 + 5));
    }

    void sendsAnInMemoryBodyAndAnEmptyOne()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(raw("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        CurlHttpPool pool;
        CurlHttpPool::Exchange exchange = getExchange(server);
        exchange.method = "PUT";
        exchange.body = "small body";
        exchange.sendsBody = true;
        QCOMPARE(run(pool, exchange).reply->error(), QNetworkReply::NoError);
        exchange.body.clear();
        QCOMPARE(run(pool, exchange).reply->error(), QNetworkReply::NoError);
        QCOMPARE(server.requests.size(), 2);
        QCOMPARE(server.requests.at(0).body, QByteArray("small body"));
        QVERIFY(server.requests.at(1).head.contains("\r\nContent-Length: 0\r\n"));
    }

    void decodesChunkedBodiesAndSkipsInterimAnswers()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        // Sent in small pieces so that every parser state sees a boundary.
        const QByteArray answer = "HTTP/1.1 100 Continue\r\n\r\n"
                                  "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\nContent-Type: application/xml\r\n\r\n"
                                  "5;ext=1\r\n<Erro\r\n1b\r\nr><Code>NoSuchKey</Code></E\r\n6\r\nrror>\n\r\n0\r\nX-Trailer: t\r\n\r\n";
        server.answer([answer](QTcpSocket *socket, const ScriptedServer::Seen &) {
            auto *timer = new QTimer(socket);
            auto at = std::make_shared<qsizetype>(0);
            QObject::connect(timer, &QTimer::timeout, socket, [socket, timer, answer, at] {
                socket->write(answer.mid(*at, 7));
                *at += 7;
                if (*at >= answer.size())
                    timer->stop();
            });
            timer->start(2);
        });
        server.answer(raw(okWithBody("second")));
        CurlHttpPool pool;
        const Outcome outcome = run(pool, getExchange(server));
        QCOMPARE(status(outcome), 404);
        QCOMPARE(outcome.reply->error(), QNetworkReply::NoError); // HTTP errors are the job's to judge
        QCOMPARE(outcome.body, QByteArray("<Error><Code>NoSuchKey</Code></Error>\n"));
        // The connection is reusable after a complete chunked answer.
        const Outcome second = run(pool, getExchange(server));
        QCOMPARE(second.body, QByteArray("second"));
        QCOMPARE(server.connections(), 1);
    }

    void readsABodyUntilCloseWithoutLength()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(rawThenClose("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it"));
        CurlHttpPool pool;
        const Outcome outcome = run(pool, getExchange(server));
        QCOMPARE(outcome.reply->error(), QNetworkReply::NoError);
        QCOMPARE(outcome.body, QByteArray("all of it"));
    }

    void reusesKeptAliveConnections()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(raw(okWithBody("x")));
        CurlHttpPool pool;
        for (int i = 0; i < 5; ++i)
            QCOMPARE(run(pool, getExchange(server)).body, QByteArray("x"));
        QCOMPARE(server.requests.size(), 5);
        QCOMPARE(server.connections(), 1);
        QCOMPARE(pool.stats().connectionsOpened, 1);
        QCOMPARE(pool.stats().requestsSent, 5);
    }

    void honoursConnectionClose()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(raw(okWithBody("y", "Connection: close\r\n")));
        CurlHttpPool pool;
        QCOMPARE(run(pool, getExchange(server)).body, QByteArray("y"));
        QCOMPARE(run(pool, getExchange(server)).body, QByteArray("y"));
        QCOMPARE(server.connections(), 2);
    }

    void dropsAnIdleConnectionTheServerClosed()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(rawThenClose(okWithBody("first"))); // keep-alive announced, then closed anyway
        server.answer(raw(okWithBody("second")));
        CurlHttpPool pool;
        QCOMPARE(run(pool, getExchange(server)).body, QByteArray("first"));
        QTest::qWait(100); // the close has arrived
        const Outcome second = run(pool, getExchange(server));
        QCOMPARE(second.body, QByteArray("second"));
        QCOMPARE(server.connections(), 2);
        QCOMPARE(server.requests.size(), 2); // noticed before use: not sent into the dead connection
    }

    void resendsOnceWhenAKeptAliveConnectionDiesUnanswered()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(raw(okWithBody("first")));
        // The request on the reused connection is read and the connection closed without an answer (what a
        // server does when its keep-alive timer fires just as the request arrives).
        server.answer([](QTcpSocket *socket, const ScriptedServer::Seen &) { socket->abort(); });
        server.answer(raw(okWithBody("again")));
        CurlHttpPool pool;
        QCOMPARE(run(pool, getExchange(server)).body, QByteArray("first"));
        const Outcome second = run(pool, getExchange(server));
        QCOMPARE(second.reply->error(), QNetworkReply::NoError);
        QCOMPARE(second.body, QByteArray("again"));
        QCOMPARE(server.requests.size(), 3);
        QCOMPARE(server.connections(), 2);
    }

    void resendsAnUploadFromItsStartOnANewConnection()
    {
        QTemporaryDir dir;
        const QString path = writePatternFile(dir, QStringLiteral("part.bin"), 3 * 1024 * 1024);
        QVERIFY(!path.isEmpty());
        FileRangeDevice window(path, 0, 3 * 1024 * 1024);
        QVERIFY(bool(window.openRange()));
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(raw(okWithBody("first")));
        server.answer(raw("HTTP/1.1 200 OK\r\nETag: \"p\"\r\nContent-Length: 0\r\n\r\n"));
        server.onBytes([&server](QTcpSocket *socket, const QByteArray &received) {
            // The upload's head and some of its body arrive on the kept-alive connection: it dies unanswered.
            if (server.connections() == 1 && received.contains("PUT /"))
                socket->abort();
        });
        CurlHttpPool pool;
        QCOMPARE(run(pool, getExchange(server)).body, QByteArray("first"));
        const Outcome outcome = run(pool, putExchange(server, &window));
        QCOMPARE(outcome.reply->error(), QNetworkReply::NoError);
        QCOMPARE(outcome.reply->rawHeader("ETag"), QByteArray("\"p\""));
        QCOMPARE(server.connections(), 2);
        QCOMPARE(server.requests.size(), 2);
        QVERIFY(server.requests.last().body == pattern(3 * 1024 * 1024)); // whole, from its first byte
        recordReliabilityCase({QStringLiteral("Bulk data"), QStringLiteral("a kept-alive connection dies unanswered while a part upload is being sent on it"),
                               QStringLiteral("the part is sent again, whole, on a new connection"),
                               QStringLiteral("the server received the 3 MiB part byte-identical on a second connection"), true, QStringLiteral("fake")});
    }

    void doesNotResendOnAFreshConnection()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer([](QTcpSocket *socket, const ScriptedServer::Seen &) { socket->abort(); });
        CurlHttpPool pool;
        const Outcome outcome = run(pool, getExchange(server));
        QCOMPARE(outcome.reply->error(), QNetworkReply::RemoteHostClosedError);
        QVERIFY2(outcome.reply->errorString().contains(QLatin1String("closed the connection before answering")), qPrintable(outcome.reply->errorString()));
        QCOMPARE(server.requests.size(), 1); // the job's retry policy decides, not the transport
    }

    void failsABodyCutShort()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer([](QTcpSocket *socket, const ScriptedServer::Seen &) {
            socket->write("HTTP/1.1 206 Partial Content\r\nContent-Length: 100\r\n\r\n0123456789");
            socket->flush();
            QTimer::singleShot(50, socket, [socket] { socket->abort(); });
        });
        CurlHttpPool pool;
        const Outcome outcome = run(pool, getExchange(server));
        QCOMPARE(outcome.reply->error(), QNetworkReply::RemoteHostClosedError);
        QCOMPARE(status(outcome), 206);
        QCOMPARE(outcome.body, QByteArray("0123456789"));
        QVERIFY(outcome.reply->errorString().contains(QLatin1String("in the middle of the answer")));
    }

    void timesOutAStalledAnswer()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer([](QTcpSocket *socket, const ScriptedServer::Seen &) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nsome"); // then silence
        });
        CurlHttpPool pool;
        CurlHttpPool::Exchange exchange = getExchange(server);
        exchange.transferTimeoutMs = 300;
        QElapsedTimer clock;
        clock.start();
        const Outcome outcome = run(pool, exchange);
        QCOMPARE(outcome.reply->error(), QNetworkReply::TimeoutError);
        QVERIFY(clock.elapsed() >= 250);
        QVERIFY(outcome.reply->errorString().contains(QLatin1String("stopped answering")));
    }

    void takesAnEarlyAnswerToAnUpload()
    {
        // The server refuses the upload after its head (a bad signature, say) and closes: the answer is what
        // the caller gets, not a broken pipe.
        QTemporaryDir dir;
        const QString path = writePatternFile(dir, QStringLiteral("big.bin"), 8 * 1024 * 1024);
        QVERIFY(!path.isEmpty());
        FileRangeDevice window(path, 0, 8 * 1024 * 1024);
        QVERIFY(bool(window.openRange()));
        ScriptedServer server;
        QVERIFY(server.start());
        server.answerBeforeBody();
        const QByteArray error = "<Error><Code>SignatureDoesNotMatch</Code></Error>";
        server.answer(rawThenClose("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: " + QByteArray::number(error.size()) + "\r\n\r\n" + error));
        CurlHttpPool pool;
        const Outcome outcome = run(pool, putExchange(server, &window));
        QCOMPARE(status(outcome), 403);
        QCOMPARE(outcome.body, error);
        QCOMPARE(server.requests.size(), 1);
        recordReliabilityCase({QStringLiteral("Bulk data"), QStringLiteral("the server refuses a part upload (403) before its body has been sent, and closes"),
                               QStringLiteral("the server's answer reaches the caller; no broken-pipe error instead"),
                               QStringLiteral("status 403 and the error document read on the libcurl path"), true, QStringLiteral("fake")});
    }

    void resetDuringAnUploadFailsTheReply()
    {
        // The server drops the connection while the part streams out (no answer at all): a network error
        // for the job's retry policy, and the process survives the broken pipe.
        QTemporaryDir dir;
        const QString path = writePatternFile(dir, QStringLiteral("big.bin"), 32 * 1024 * 1024);
        QVERIFY(!path.isEmpty());
        FileRangeDevice window(path, 0, 32 * 1024 * 1024);
        QVERIFY(bool(window.openRange()));
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(raw(okWithBody("unused")));
        server.onBytes([](QTcpSocket *socket, const QByteArray &received) {
            if (received.size() > 1024 * 1024)
                socket->abort();
        });
        CurlHttpPool pool;
        const Outcome outcome = run(pool, putExchange(server, &window));
        QCOMPARE(outcome.reply->error(), QNetworkReply::RemoteHostClosedError);
        QVERIFY(server.requests.isEmpty()); // the body never arrived whole
        recordReliabilityCase({QStringLiteral("Bulk data"), QStringLiteral("the connection is reset while a part upload is being sent"),
                               QStringLiteral("a network error the job retries; the process is not killed by SIGPIPE"),
                               QStringLiteral("reply failed with RemoteHostClosedError, process alive with default SIGPIPE handling"), true, QStringLiteral("fake")});
    }

    void refusedConnection()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        CurlHttpPool pool;
        CurlHttpPool::Exchange exchange;
        exchange.method = "GET";
        exchange.url = QUrl(QStringLiteral("http://127.0.0.1:%1/b/k").arg(port));
        exchange.hostHeader = "127.0.0.1:" + QByteArray::number(port);
        const Outcome outcome = run(pool, exchange);
        QCOMPARE(outcome.reply->error(), QNetworkReply::ConnectionRefusedError);
        QVERIFY(outcome.reply->errorString().contains(QString::number(port)));
    }

    void resolvesHostNames()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(raw(okWithBody("by name")));
        CurlHttpPool pool;
        CurlHttpPool::Exchange exchange = getExchange(server);
        exchange.url.setHost(QStringLiteral("localhost")); // ::1 first on some systems: refused there, then 127.0.0.1
        exchange.hostHeader = "localhost:" + QByteArray::number(exchange.url.port());
        const Outcome outcome = run(pool, exchange);
        QCOMPARE(outcome.reply->error(), QNetworkReply::NoError);
        QCOMPARE(outcome.body, QByteArray("by name"));
    }

    void rejectsAMalformedAnswer_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QString>("message");
        QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n") << QStringLiteral("Received HTTP/0.9");
        QTest::newRow("bad length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n") << QStringLiteral("Invalid Content-Length");
        QTest::newRow("bad chunk") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << QStringLiteral("malformed chunked body");
        QTest::newRow("gzip") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n") << QStringLiteral("unsupported transfer encoding");
        QTest::newRow("huge head") << QByteArray("HTTP/1.1 200 OK\r\nX-Junk: " + QByteArray(70 * 1024, 'a') + "\r\n\r\n") << QStringLiteral("response headers over 64 KiB");
    }
    void rejectsAMalformedAnswer()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QString, message);
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(raw(answer));
        CurlHttpPool pool;
        const Outcome outcome = run(pool, getExchange(server));
        QCOMPARE(outcome.reply->error(), QNetworkReply::ProtocolFailure);
        QVERIFY2(outcome.reply->errorString().contains(message), qPrintable(outcome.reply->errorString()));
    }

    void writesTheAskedRangeIntoTheSink()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("download.part"));
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT, 0644);
        QVERIFY(fd >= 0);
        QVERIFY(::ftruncate(fd, 4 * 1024 * 1024) == 0);
        const QByteArray range = pattern(1024 * 1024 + 3);
        const qint64 offset = 2 * 1024 * 1024;
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(raw("HTTP/1.1 206 Partial Content\r\nContent-Length: " + QByteArray::number(range.size()) + "\r\nContent-Range: bytes "
                          + QByteArray::number(offset) + '-' + QByteArray::number(offset + range.size() - 1) + "/4194304\r\n\r\n" + range));
        CurlHttpPool pool;
        CurlHttpPool::Exchange exchange = getExchange(server);
        exchange.sink = BodySink{fd, offset, range.size(), path};
        qint64 progress = 0;
        Outcome outcome;
        outcome.reply.reset(pool.send(exchange));
        connect(outcome.reply.get(), &QNetworkReply::downloadProgress, this, [&progress](qint64 received, qint64) { progress = received; });
        connect(outcome.reply.get(), &QNetworkReply::readyRead, this, [&outcome] { ++outcome.readyReads; });
        QSignalSpy finished(outcome.reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(8000));
        QCOMPARE(outcome.reply->error(), QNetworkReply::NoError);
        QCOMPARE(outcome.readyReads, 0); // nothing went through memory to the caller
        QCOMPARE(outcome.reply->attribute(SinkBytesWrittenAttribute).toLongLong(), qint64(range.size()));
        QCOMPARE(progress, qint64(range.size()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.seek(offset));
        QVERIFY(file.read(range.size()) == range);
        ::close(fd);
    }

    void neverSinksAnotherRangeOrAnErrorDocument_data()
    {
        QTest::addColumn<QByteArray>("answer");
        const QByteArray body(100, 'z');
        QTest::newRow("200 for a range at 50") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + body);
        QTest::newRow("other range") << QByteArray("HTTP/1.1 206 Partial Content\r\nContent-Length: 100\r\nContent-Range: bytes 0-99/200\r\n\r\n" + body);
        QTest::newRow("error of the same length") << QByteArray("HTTP/1.1 412 Precondition Failed\r\nContent-Length: 100\r\n\r\n" + body);
    }
    void neverSinksAnotherRangeOrAnErrorDocument()
    {
        QFETCH(QByteArray, answer);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("download.part"));
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT, 0644);
        QVERIFY(fd >= 0);
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(raw(answer));
        CurlHttpPool pool;
        CurlHttpPool::Exchange exchange = getExchange(server);
        exchange.sink = BodySink{fd, 50, 100, path};
        const Outcome outcome = run(pool, exchange);
        QCOMPARE(outcome.reply->error(), QNetworkReply::NoError);
        QCOMPARE(outcome.body, QByteArray(100, 'z')); // handed to the caller, which judges it
        QCOMPARE(outcome.reply->attribute(SinkBytesWrittenAttribute).toLongLong(), 0);
        QCOMPARE(QFileInfo(path).size(), 0);
        ::close(fd);
    }

    void namesALocalWriteFailure()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("readonly.part"));
        QFile create(path);
        QVERIFY(create.open(QIODevice::WriteOnly));
        create.close();
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY); // writes fail with EBADF
        QVERIFY(fd >= 0);
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(raw("HTTP/1.1 206 Partial Content\r\nContent-Length: 10\r\nContent-Range: bytes 0-9/10\r\n\r\n0123456789"));
        CurlHttpPool pool;
        CurlHttpPool::Exchange exchange = getExchange(server);
        exchange.sink = BodySink{fd, 0, 10, path};
        const Outcome outcome = run(pool, exchange);
        QVERIFY(outcome.reply->error() != QNetworkReply::NoError);
        const QString local = outcome.reply->attribute(SinkErrorAttribute).toString();
        QVERIFY2(local.contains(path) && local.contains(QLatin1String("writing")), qPrintable(local));
        ::close(fd);
    }

    void abortEndsTheReplyAndClosesTheConnection()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer([](QTcpSocket *, const ScriptedServer::Seen &) {}); // never answers
        CurlHttpPool pool;
        std::unique_ptr<QNetworkReply> reply(pool.send(getExchange(server)));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QTRY_COMPARE(server.requests.size(), 1);
        reply->abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        reply->abort(); // twice is harmless
        QCOMPARE(finished.size(), 1);
        QTest::qWait(50); // nothing arrives for the aborted reply afterwards
        QCOMPARE(finished.size(), 1);
    }

    void deletingARunningReplyIsSafe()
    {
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer([](QTcpSocket *, const ScriptedServer::Seen &) {});
        server.answer(raw(okWithBody("after")));
        CurlHttpPool pool;
        QPointer<QNetworkReply> reply = pool.send(getExchange(server));
        QTRY_COMPARE(server.requests.size(), 1);
        delete reply.data();
        QTest::qWait(50); // the deferred notifier clean-up runs without touching the deleted reply
        QVERIFY(reply.isNull());
        // The pool carries on.
        QCOMPARE(run(pool, getExchange(server)).body, QByteArray("after"));
    }

    void usesTheProxyQtWouldUse()
    {
        ScriptedServer proxy;
        QVERIFY(proxy.start());
        proxy.answer(raw(okWithBody("via proxy")));
        const QNetworkProxy previous = QNetworkProxy::applicationProxy();
        QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.port()));
        CurlHttpPool pool;
        CurlHttpPool::Exchange exchange = getExchange(proxy);
        exchange.url = QUrl(QStringLiteral("http://s3.example.invalid:9000/bucket/key"));
        exchange.hostHeader = "s3.example.invalid:9000";
        const Outcome outcome = run(pool, exchange);
        QNetworkProxy::setApplicationProxy(previous);
        QCOMPARE(outcome.reply->error(), QNetworkReply::NoError);
        QCOMPARE(outcome.body, QByteArray("via proxy"));
        QCOMPARE(proxy.requests.size(), 1);
        const QByteArray head = proxy.requests.first().head;
        QVERIFY2(head.startsWith("GET http://s3.example.invalid:9000/bucket/key HTTP/1.1\r\n"), head.constData());

        // The environment's http_proxy is used exactly when Qt would use it for the same URL.
        ScriptedServer origin;
        QVERIFY(origin.start());
        origin.answer(raw(okWithBody("direct")));
        qputenv("http_proxy", "http://127.0.0.1:" + QByteArray::number(proxy.port()));
        const QList<QNetworkProxy> qtChoice = QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(origin.url()));
        const bool qtUsesIt = !qtChoice.isEmpty() && qtChoice.first().type() == QNetworkProxy::HttpProxy;
        const Outcome second = run(pool, getExchange(origin));
        qunsetenv("http_proxy");
        QCOMPARE(second.reply->error(), QNetworkReply::NoError);
        QCOMPARE(second.body, QByteArray(qtUsesIt ? "via proxy" : "direct"));
        QCOMPARE(proxy.requests.size(), qtUsesIt ? 2 : 1);
    }

    void refusesAFloodOfInterimAnswers()
    {
        ScriptedServer few;
        QVERIFY(few.start());
        QByteArray interim;
        for (int i = 0; i < 3; ++i)
            interim += "HTTP/1.1 100 Continue\r\n\r\n";
        few.answer(raw(interim + okWithBody("late")));
        CurlHttpPool pool;
        const Outcome fine = run(pool, getExchange(few));
        QCOMPARE(fine.reply->error(), QNetworkReply::NoError);
        QCOMPARE(fine.body, QByteArray("late"));

        ScriptedServer flood;
        QVERIFY(flood.start());
        QByteArray many;
        for (int i = 0; i < 3000; ++i)
            many += "HTTP/1.1 100 \r\n\r\n";
        flood.answer(raw(many + okWithBody("late")));
        const Outcome outcome = run(pool, getExchange(flood));
        QCOMPARE(outcome.reply->error(), QNetworkReply::ProtocolFailure);
        QVERIFY2(outcome.reply->errorString().contains(QLatin1String("interim (1xx) answers")), qPrintable(outcome.reply->errorString()));
        QVERIFY(outcome.body.isEmpty());
        recordReliabilityCase({QStringLiteral("Bulk data"), QStringLiteral("the server sends 3,000 interim \"100 Continue\" answers before the real one"),
                               QStringLiteral("the request fails with a clear message after a few; 3 interim answers are still accepted"),
                               QStringLiteral("ProtocolFailure \"more than 4 interim (1xx) answers\"; with 3 the body arrived"), true, QStringLiteral("fake")});
    }

    void aDrippingServerMeetsTheDeadline_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QByteArray>("drip");
        QTest::newRow("body a byte at a time") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n") << QByteArray("x");
        QTest::newRow("trailers forever") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n") << QByteArray("X-T: a\r\n");
    }
    void aDrippingServerMeetsTheDeadline()
    {
        QFETCH(QByteArray, head);
        QFETCH(QByteArray, drip);
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer([head, drip](QTcpSocket *socket, const ScriptedServer::Seen &) {
            socket->write(head);
            auto *timer = new QTimer(socket);
            QObject::connect(timer, &QTimer::timeout, socket, [socket, drip] { socket->write(drip); });
            timer->start(100); // always faster than the stall timeout
        });
        CurlHttpPool pool;
        CurlHttpPool::Exchange exchange = getExchange(server);
        exchange.transferTimeoutMs = 2000;
        exchange.deadlineMs = 1200;
        QElapsedTimer clock;
        clock.start();
        const Outcome outcome = run(pool, exchange);
        const qint64 elapsed = clock.elapsed();
        QCOMPARE(outcome.reply->error(), QNetworkReply::TimeoutError);
        QVERIFY2(outcome.reply->errorString().contains(QLatin1String("did not finish the exchange within 1.2 s")), qPrintable(outcome.reply->errorString()));
        QVERIFY2(elapsed >= 1100 && elapsed < 4000, qPrintable(QString::number(elapsed)));
        recordReliabilityCase({QStringLiteral("Bulk data"),
                               QStringLiteral("the server keeps a download open by sending %1 every 0.1 s").arg(QString::fromLatin1(QTest::currentDataTag())),
                               QStringLiteral("the request ends at its overall deadline with a timeout error"),
                               QStringLiteral("TimeoutError after %1 ms with a 1.2 s deadline (stall timeout 2 s never reached)").arg(elapsed), true, QStringLiteral("fake")});
    }

    void bytesAfterTheEndOfAnAnswerAreNeverTakenForTheNext_data()
    {
        QTest::addColumn<QByteArray>("first");
        QTest::addColumn<bool>("later");
        const QByteArray forged = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nforged";
        QTest::newRow("after a length body") << QByteArray(okWithBody("first") + forged) << false;
        QTest::newRow("after an empty body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n" + forged) << false;
        QTest::newRow("after a chunked body") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n0\r\n\r\n" + forged) << false;
        QTest::newRow("while idle") << QByteArray(okWithBody("first")) << true;
    }
    void bytesAfterTheEndOfAnAnswerAreNeverTakenForTheNext()
    {
        QFETCH(QByteArray, first);
        QFETCH(bool, later);
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer([first, later](QTcpSocket *socket, const ScriptedServer::Seen &) {
            socket->write(first);
            if (later)
                QTimer::singleShot(30, socket, [socket] { socket->write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nforged"); });
        });
        server.answer(raw(okWithBody("second")));
        CurlHttpPool pool;
        const Outcome one = run(pool, getExchange(server));
        QCOMPARE(one.reply->error(), QNetworkReply::NoError);
        QTest::qWait(100);
        const Outcome two = run(pool, getExchange(server));
        QCOMPARE(two.reply->error(), QNetworkReply::NoError);
        QCOMPARE(two.body, QByteArray("second"));
        QCOMPARE(server.requests.size(), 2);
        QCOMPARE(server.connections(), 2); // the first connection was not used again
        recordReliabilityCase({QStringLiteral("Bulk data"),
                               QStringLiteral("the server sends a complete extra answer %1").arg(QString::fromLatin1(QTest::currentDataTag())),
                               QStringLiteral("the connection is not used again; the next request gets its own answer"),
                               QStringLiteral("next request on a new connection, its body is the real one, not the forged one"), true, QStringLiteral("fake")});
    }

    void aDeadIpv6AddressFallsThroughToIpv4Quickly()
    {
        // A blackholed IPv6 address on loopback: a listener on [::1] whose accept queue is full drops new SYNs,
        // so a connect to it hangs (as to an address whose route is dead) instead of being refused.
        ScriptedServer server;
        QVERIFY(server.start());
        server.answer(raw(okWithBody("over IPv4")));
        const int listener = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(listener >= 0);
        const auto closeListener = qScopeGuard([listener] { ::close(listener); });
        sockaddr_in6 address{};
        address.sin6_family = AF_INET6;
        address.sin6_port = htons(server.port());
        address.sin6_addr = in6addr_loopback;
        QVERIFY2(::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0, "cannot bind [::1] on the server's port");
        QVERIFY(::listen(listener, 0) == 0);
        std::vector<int> fillers;
        const auto closeFillers = qScopeGuard([&fillers] {
            for (int fd : fillers)
                ::close(fd);
        });
        for (int i = 0; i < 3; ++i) {
            const int fd = ::socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            QVERIFY(fd >= 0);
            fillers.push_back(fd);
            (void)::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
        }
        QTest::qWait(50);
        CurlHttpPool pool;
        CurlHttpPool::Exchange exchange = getExchange(server);
        exchange.url.setHost(QStringLiteral("dualstack.test"));
        exchange.hostHeader = "dualstack.test:" + QByteArray::number(server.port());
        exchange.resolve = {"dualstack.test:" + QByteArray::number(server.port()) + ":[::1],127.0.0.1"};
        exchange.transferTimeoutMs = 20000;
        QElapsedTimer clock;
        clock.start();
        const Outcome outcome = run(pool, exchange, 25000);
        const qint64 elapsed = clock.elapsed();
        QCOMPARE(outcome.reply->error(), QNetworkReply::NoError);
        QCOMPARE(outcome.body, QByteArray("over IPv4"));
        QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
        recordReliabilityCase({QStringLiteral("Bulk data"), QStringLiteral("the server's name resolves to a dead IPv6 address first, then a working IPv4 one"),
                               QStringLiteral("the request goes over IPv4 within a second or two, not after the connect timeout"),
                               QStringLiteral("answered over IPv4 after %1 ms (connect timeout 20 s)").arg(elapsed), true, QStringLiteral("fake")});
    }
};

QTEST_GUILESS_MAIN(TestCurlHttp)
#include "tst_curlhttp.moc"
