// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QHostAddress>
#include <QList>
#include <QNetworkReply>
#include <QPointer>
#include <QSocketNotifier>
#include <QTimer>

#include "s3core/net/directhttp.h"

namespace s3::detail {

/** One TCP connection of the direct path; idle ones wait in the pool with a watch for the server closing them. */
struct DirectConnection
{
    int fd = -1;
    QString host; // lower case
    quint16 port = 0;
    qint64 idleSinceMs = 0;
    QSocketNotifier *idleWatch = nullptr; // deleted later: it may be the one emitting
    DirectConnection(int socket, QString hostName, quint16 portNumber);
    ~DirectConnection();
    Q_DISABLE_COPY_MOVE(DirectConnection)
    void stopIdleWatch();
};

/** Framing of a response body. */
enum class BodyFraming { None, Length, Chunked, UntilClose };

/** One request/response exchange of the direct path, as a QNetworkReply. */
class DirectHttpReply final : public QNetworkReply
{
    Q_OBJECT
public:
    DirectHttpReply(DirectHttpPool *pool, DirectHttpPool::Exchange exchange, QObject *parent = nullptr);
    ~DirectHttpReply() override;

    void abort() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    enum class Phase { Starting, Resolving, Connecting, Exchanging, Done };

    void begin();
    void resolve();
    void connectNext();
    void connected();
    void failToConnect(int error);
    void startExchange();
    void watchSocket();
    void releaseNotifiers();
    void onWritable();
    void onReadable();
    void pumpSend();
    void sendBroken();
    bool feed(const char *data, qint64 size);
    bool parseHead(qsizetype headEnd);
    bool feedBody(const char *data, qint64 size);
    bool deliverBody(const char *data, qint64 size);
    void handleEndOfStream(int error);
    bool emitBodySignals(bool final);
    void complete();
    bool mayResendOnNewConnection() const;
    void resendOnNewConnection();
    void fail(NetworkError code, const QString &text);
    void closeConnection();
    void touch();
    void reportProgress(bool force);
    QString peerName() const;

    QPointer<DirectHttpPool> m_pool;
    DirectHttpPool::Exchange m_exchange;
    Phase m_phase = Phase::Starting;
    std::unique_ptr<DirectConnection> m_connection;
    bool m_reused = false;
    bool m_resent = false;
    QList<QHostAddress> m_addresses;
    int m_lookupId = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QTimer m_timeout;

    // sending
    QByteArray m_out;
    qsizetype m_outPos = 0;
    qint64 m_headBytes = 0;   // part of the first m_out that is the request head
    qint64 m_bodySent = 0;
    qint64 m_bodyTotal = 0;
    qint64 m_fileSent = 0;
    bool m_useSendfile = true;
    bool m_sendDone = false;
    bool m_sendFailed = false;
    qint64 m_reportedUpload = -1;

    // receiving
    QByteArray m_scratch;
    QByteArray m_head;
    bool m_headDone = false;
    bool m_anyResponseByte = false;
    bool m_keepAlive = false;
    BodyFraming m_framing = BodyFraming::None;
    qint64 m_bodyRemaining = 0;  // Length: bytes left; Chunked: bytes left in the current chunk
    enum class ChunkState { Size, Data, DataEnd, Trailer } m_chunkState = ChunkState::Size;
    QByteArray m_chunkLine;
    qint64 m_bodyReceived = 0;
    qint64 m_bodyExpected = -1;
    bool m_sinkActive = false;
    qint64 m_sinkWritten = 0;
    qint64 m_sinkFlushedUpTo = 0;
    QByteArray m_readBuffer;
    qsizetype m_readPos = 0;
    bool m_readyReadPending = false;
    qint64 m_reportedDownload = -1;
};

} // namespace s3::detail
