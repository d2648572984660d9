// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include "s3core/net/ratelimiter.h"
#include "s3core/net/s3request.h"
#include "s3core/s3core_export.h"

class QNetworkReply;

namespace s3 {

class FileRangeDevice;

/** On bulk replies that had a sink: bytes written into it (qint64). */
inline constexpr auto SinkBytesWrittenAttribute = QNetworkRequest::Attribute(QNetworkRequest::User + 61);
/** On replies that failed writing into the sink: the local cause (QString); the failure is not a network one. */
inline constexpr auto SinkErrorAttribute = QNetworkRequest::Attribute(QNetworkRequest::User + 62);

struct CurlHttpStats
{
    int connectionsOpened = 0; ///< new connections libcurl made (a reused one counts nothing)
    int requestsSent = 0;      ///< exchanges started
    int trustStoresBuilt = 0;  ///< certificate stores made for exchanges' own CA certificates (one per distinct set)
};

namespace detail {
class CurlHttpReply;
}

/**
 * The bulk data mover of transfers (UploadPart / PutObject from a file window, ranged GET into a file), over
 * http and https, on libcurl's multi interface driven by this thread's Qt event loop (QSocketNotifier for the
 * sockets libcurl asks to watch, one QTimer for its timeouts). Bodies go out by pread() from the file window
 * and a ranged GET's body is pwrite()n at its offset (only when it is exactly the range asked for).
 *
 * Replies are QNetworkReply objects (S3Job handles them like Qt's): status, headers, error codes and the
 * transfer timeout behave like Qt's, so retries, region discovery and credential refresh stay in S3Job.
 * libcurl keeps connections alive and reuses them, resends once a request that hit a kept-alive connection the
 * server had closed, races IPv6 against IPv4 (happy eyeballs) and verifies TLS like Qt does here (the system's
 * CA certificates plus S3Desk's --ca-bundle). Proxies are the ones Qt would use for the same URL (application
 * proxy, then the environment), handed to libcurl explicitly; libcurl's own reading of the environment is off.
 *
 * Limits of one exchange: connect within transferTimeoutMs; no byte moved either way for transferTimeoutMs
 * fails it (checked here every 250 ms: libcurl's low-speed limit averages over a window of about 5 s, which
 * would stretch a stall by that much); the whole exchange within deadlineMs, so a server dripping bytes or
 * trailers cannot hold it open forever; at most a few interim (1xx) answers and 64 KiB of response headers.
 *
 * Bandwidth limit (setRateLimits()): one token bucket per direction (RateLimiter) shared by every exchange of
 * the pool. A read callback that finds the upload bucket in debt, or a write callback that finds the download
 * bucket in debt, pauses its transfer (CURL_READFUNC_PAUSE / CURL_WRITEFUNC_PAUSE; libcurl hands the same
 * received block over again on unpause, and stops reading the socket meanwhile, so TCP holds the server back);
 * one precise timer unpauses the waiting transfers, oldest first, when the bucket is out of debt. Uploads are
 * handed out in pieces of an eighth of the bucket, and the waiting uploads go again together once the bucket
 * holds a piece for each, so that they share the limit side by side rather than one after the other. Time spent waiting for the limit counts neither as a stall
 * nor against the exchange's deadline (which, for exchanges started under a limit, is checked here rather than
 * by libcurl, so that it can leave the waits out).
 *
 * Lives on one thread; nothing process-wide is changed: CURLOPT_NOSIGNAL is set (libcurl writes to sockets
 * with MSG_NOSIGNAL), no signal disposition is touched. curl_global_init() runs once per process, on first
 * use, under std::call_once: libcurl documents it as the one call a program makes before any other, and since
 * 7.84 as thread-safe where CURL_VERSION_THREADSAFE is set (it is on Debian's build); it is never undone
 * (curl_global_cleanup at exit is optional and would race other users of libcurl in the process).
 */
class S3CORE_EXPORT CurlHttpPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CurlHttpPool)
public:
    explicit CurlHttpPool(QObject *parent = nullptr);
    ~CurlHttpPool() override;

    /** True when this path may carry a request for url: http or https with a host. */
    static bool canCarry(const QUrl &url);

    /** A generous limit for a whole exchange moving `bytes`: never shorter than 2 min, 32 KiB/s at worst. */
    static qint64 deadlineFor(qint64 bytes, int transferTimeoutMs);

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
        int transferTimeoutMs = 30000;                  ///< connect timeout, and no byte moved for this long
        qint64 deadlineMs = 0;                          ///< whole exchange; 0: deadlineFor() the body sizes
        QByteArray caCertificates;                      ///< PEM trusted for https besides the system's; empty: the system's only
        /** Test hook: libcurl's CURLOPT_RESOLVE entries ("host:port:addr[,addr]"). */
        QList<QByteArray> resolve;
    };
    /** Starts the exchange; the caller owns the reply. Signals come from the event loop, never from here. */
    QNetworkReply *send(Exchange exchange);

    CurlHttpStats stats() const { return m_stats; }

    /**
     * Bandwidth limits in bytes per second for all exchanges of this pool together (0: unlimited); may change
     * while transfers run (the new rate applies from the next block on).
     */
    void setRateLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond);
    qint64 uploadRateLimit() const { return m_sendLimit.rate(); }
    qint64 downloadRateLimit() const { return m_recvLimit.rate(); }

private:
    friend class detail::CurlHttpReply;
    friend struct CurlPoolAccess;
    void onSocketActivity(int socket, int events);
    void afterCurl();
    void markDirty(detail::CurlHttpReply *reply);
    void add(detail::CurlHttpReply *reply);
    void remove(detail::CurlHttpReply *reply);
    void checkStalls();
    int socketFor(int peerPort, int localPort);
    bool rateLimited() const { return m_sendLimit.isLimited() || m_recvLimit.isLimited(); }
    /** Bytes an exchange may move now (0: wait; the reply is then paused and queued for unpausing). */
    qint64 admit(detail::CurlHttpReply *reply, bool upload, qint64 wanted);
    void unpauseRateWaiters();
    void scheduleRateTimer();
    qint64 uploadPiece() const; // the most one read of an upload gets from the limiter at once

    /**
     * The OpenSSL store (X509_STORE *) trusting the system's certificates and those of `pem`, built on first use
     * and shared by every connection of the pool that trusts that PEM: giving libcurl the PEM itself made it parse
     * the whole set again for every new connection (and the system's certificates had to be put in as text too).
     * Null when OpenSSL cannot build it.
     */
    void *trustStoreFor(const QByteArray &pem);

    void *m_multi = nullptr; // CURLM
    QHash<QByteArray, void *> m_trustStores; // PEM -> X509_STORE *, owned
    QTimer m_timer;      // libcurl's timeouts
    QTimer m_stallTimer; // no byte moved for transferTimeoutMs: fail the exchange
    CurlHttpStats m_stats;
    QSet<detail::CurlHttpReply *> m_running;
    QHash<int, QPair<quint16, quint16>> m_sockets; // libcurl's sockets: fd -> (local port, peer port), 0: not yet known
    QList<QPointer<detail::CurlHttpReply>> m_dirty;
    RateLimiter m_sendLimit;
    RateLimiter m_recvLimit;
    QElapsedTimer m_monotonic;   // the limiters' clock
    QTimer m_rateTimer;          // unpauses the exchanges waiting for the limit
    QList<QPointer<detail::CurlHttpReply>> m_rateWaiting; // oldest first
    bool m_afterCurlQueued = false;
};

} // namespace s3
