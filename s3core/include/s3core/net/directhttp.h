// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <vector>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPair>
#include <QString>
#include <QTimer>
#include <QUrl>

#include "s3core/net/s3request.h"
#include "s3core/s3core_export.h"

class QNetworkReply;

namespace s3 {

class FileRangeDevice;

/** On replies of the direct path that had a sink: bytes written into it (qint64). */
inline constexpr auto SinkBytesWrittenAttribute = QNetworkRequest::Attribute(QNetworkRequest::User + 61);
/** On replies that failed writing into the sink: the local cause (QString); the failure is not a network one. */
inline constexpr auto SinkErrorAttribute = QNetworkRequest::Attribute(QNetworkRequest::User + 62);

struct DirectHttpStats
{
    int connectionsOpened = 0; ///< TCP connections made
    int requestsSent = 0;      ///< exchanges started (a stale-connection resend counts once more)
    int staleRetries = 0;      ///< requests sent again because a kept-alive connection had been closed
};

namespace detail {
struct DirectConnection;
class DirectHttpReply;
}

/**
 * Our own HTTP/1.1 client for the bulk data of transfers (UploadPart / PutObject from a file, ranged GET into a
 * file) over plain http without a proxy. Qt's HTTP stack moves an upload in 16 KiB steps between two threads
 * and copies every socket read into a new buffer on the way to the caller; here the engine thread itself
 * sendfile()s the part from the page cache to the socket and recv()s a range straight into the file's pages.
 * TLS, proxies and everything small stay on QNetworkAccessManager.
 *
 * Replies are QNetworkReply objects (S3Job handles both kinds the same way): status, headers, error codes and
 * the transfer timeout behave like Qt's. Connections are kept alive and reused; a kept-alive connection the
 * server closed in the meantime is detected (it turns readable while idle) and, if a request hits one anyway
 * before any answer byte, the request is sent again once on a new connection.
 * Lives on one thread; no limit on connections of its own (the transfer queue's budget bounds them).
 */
class S3CORE_EXPORT DirectHttpPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DirectHttpPool)
public:
    explicit DirectHttpPool(QObject *parent = nullptr);
    ~DirectHttpPool() override;

    /** True when this path may carry a request for url: plain http and no proxy configured for it. */
    static bool canCarry(const QUrl &url);

    struct Exchange
    {
        QByteArray method;
        QUrl url;
        QByteArray hostHeader;                          ///< as signed
        QList<QPair<QByteArray, QByteArray>> headers;   ///< everything but Host and Content-Length
        QByteArray body;                                ///< in-memory body, or:
        FileRangeDevice *bodyFile = nullptr;            ///< file window (not owned; must outlive the reply)
        bool sendsBody = false;                         ///< send Content-Length (also 0)
        BodySink sink;
        int transferTimeoutMs = 30000;                  ///< no byte moved for this long: the reply fails
    };
    /** Starts the exchange; the caller owns the reply. */
    QNetworkReply *send(Exchange exchange);

    DirectHttpStats stats() const { return m_stats; }
    int idleConnections() const;
    /** Kept-alive connections idle longer than this are closed (default 20 s). */
    void setIdleTimeoutMs(int ms) { m_idleTimeoutMs = ms; }
    /** At most this many idle connections are kept (default 32). */
    void setMaxIdleConnections(int count) { m_maxIdle = count; }

private:
    friend class detail::DirectHttpReply;
    std::unique_ptr<detail::DirectConnection> takeIdle(const QString &host, quint16 port);
    void giveBack(std::unique_ptr<detail::DirectConnection> connection);
    void dropIdle(detail::DirectConnection *connection);
    void sweepIdle();

    std::vector<std::unique_ptr<detail::DirectConnection>> m_idle;
    DirectHttpStats m_stats;
    int m_idleTimeoutMs = 20000;
    int m_maxIdle = 32;
    QTimer m_sweepTimer;
};

} // namespace s3
