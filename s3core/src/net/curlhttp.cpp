// SPDX-License-Identifier: Apache-2.0
#include "s3core/net/curlhttp.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>
#include <QSocketNotifier>

#include "net/curlhttpreply.h"
#include "platform/platformio.h"
#include "s3core/logging.h"
#include "s3core/transfer/filerangedevice.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {
constexpr qint64 MaxHeaderBytes = 64 * 1024;   // all header lines of one exchange, interim answers included
constexpr int MaxInterimAnswers = 4;           // 100 Continue, 102, 103: a server has no reason for more
constexpr long BufferBytes = 512 * 1024;       // libcurl's receive buffer (its maximum)
// Under a download limit: a write callback that pauses in the middle of a receive buffer makes libcurl copy the
// rest of it aside, and again at every later pause within it (measured: memmove was a quarter of the client's CPU
// at 10 MiB/s with 512 KiB buffers). libcurl hands a buffer over in pieces of 16 KiB; four pieces per buffer
// keep that copying small without many more reads.
constexpr long LimitedBufferBytes = 64 * 1024;
constexpr long UploadBufferBytes = 1024 * 1024; // libcurl's send buffer: fewer, larger reads from the file
constexpr qint64 ProgressStep = 256 * 1024;
constexpr qint64 FlushStep = 8 * 1024 * 1024;
constexpr long IdleConnectionSeconds = 20;     // kept-alive connections older than this are not reused
constexpr int StallCheckMs = 250;

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

/** libcurl's proxy string for what Qt would use for url; empty: no proxy (libcurl's own env lookup is off). */
struct CurlProxy
{
    QByteArray url;
    QByteArray userPassword;
};

CurlProxy proxyFor(const QUrl &url)
{
    const QList<QNetworkProxy> proxies = QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(url));
    for (const QNetworkProxy &proxy : proxies) {
        QByteArray scheme;
        switch (proxy.type()) {
        case QNetworkProxy::NoProxy:
        case QNetworkProxy::DefaultProxy:
            return {};
        case QNetworkProxy::HttpProxy:
        case QNetworkProxy::HttpCachingProxy:
            scheme = "http://";
            break;
        case QNetworkProxy::Socks5Proxy:
            scheme = "socks5h://";
            break;
        default:
            continue; // an FTP proxy cannot carry http
        }
        CurlProxy result;
        QByteArray host = proxy.hostName().toUtf8();
        if (host.contains(':'))
            host = '[' + host + ']';
        result.url = scheme + host + ':' + QByteArray::number(proxy.port());
        if (!proxy.user().isEmpty())
            result.userPassword = QUrl::toPercentEncoding(proxy.user()) + ':' + QUrl::toPercentEncoding(proxy.password());
        return result;
    }
    return {};
}
} // namespace

/** The libcurl entry points; they reach the pool's private parts. */
struct CurlPoolAccess
{
    /** What libcurl wants watched on one socket (a child of the pool, so nothing outlives it). */
    struct SocketWatch final : QObject
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        using QObject::QObject;
    };

    static int onSocket(CURL *, curl_socket_t socket, int what, void *userp, void *socketp)
    {
        auto *pool = static_cast<CurlHttpPool *>(userp);
        auto *watch = static_cast<SocketWatch *>(socketp);
        if (what == CURL_POLL_REMOVE) {
            if (watch) {
                watch->read->setEnabled(false);
                watch->write->setEnabled(false);
                watch->deleteLater(); // one of its notifiers may be the one emitting
            }
            curl_multi_assign(pool->m_multi, socket, nullptr);
            return 0;
        }
        if (!watch) {
            watch = new SocketWatch(pool);
            const int fd = int(socket);
            watch->read = new QSocketNotifier(fd, QSocketNotifier::Read, watch);
            QObject::connect(watch->read, &QSocketNotifier::activated, pool, [pool, fd] { pool->onSocketActivity(fd, CURL_CSELECT_IN); });
            watch->write = new QSocketNotifier(fd, QSocketNotifier::Write, watch);
            // An answer that arrived while the body is still going out (an early 403 before the server closes)
            // must be read before the next write fails on the closed connection.
            QObject::connect(watch->write, &QSocketNotifier::activated, watch, [pool, watch, fd] {
                pool->onSocketActivity(fd, watch->read->isEnabled() ? CURL_CSELECT_OUT | CURL_CSELECT_IN : CURL_CSELECT_OUT);
            });
            curl_multi_assign(pool->m_multi, socket, watch);
        }
        watch->read->setEnabled(what == CURL_POLL_IN || what == CURL_POLL_INOUT);
        watch->write->setEnabled(what == CURL_POLL_OUT || what == CURL_POLL_INOUT);
        return 0;
    }

    static int onTimer(CURLM *, long timeoutMs, void *userp)
    {
        auto *pool = static_cast<CurlHttpPool *>(userp);
        // Never call back into libcurl from here: the timer does it from the event loop.
        if (timeoutMs < 0)
            pool->m_timer.stop();
        else
            pool->m_timer.start(int(std::min<long>(timeoutMs, 24L * 3600 * 1000)));
        return 0;
    }

    static size_t onHeader(char *data, size_t size, size_t count, void *userp)
    {
        return static_cast<detail::CurlHttpReply *>(userp)->onHeader(data, size * count);
    }
    static size_t onBody(char *data, size_t size, size_t count, void *userp)
    {
        return static_cast<detail::CurlHttpReply *>(userp)->onBody(data, size * count);
    }
    static size_t onRead(char *buffer, size_t size, size_t count, void *userp)
    {
        return static_cast<detail::CurlHttpReply *>(userp)->onRead(buffer, size * count);
    }
    static int onSeek(void *userp, curl_off_t offset, int origin)
    {
        return static_cast<detail::CurlHttpReply *>(userp)->onSeek(offset, origin);
    }
    static int onPrerequest(void *userp, char *, char *, int peerPort, int localPort)
    {
        return static_cast<detail::CurlHttpReply *>(userp)->onPrerequest(peerPort, localPort);
    }
    // Sockets are opened and closed here so that the pool knows them: libcurl does not say which socket a
    // reused connection has, and the checks for unasked-for bytes need it.
    static curl_socket_t onOpenSocket(void *userp, curlsocktype, curl_sockaddr *address)
    {
        const int fd = platform::openSocket(address->family, address->socktype, address->protocol);
        if (fd >= 0)
            static_cast<CurlHttpPool *>(userp)->m_sockets.insert(fd, {});
        return fd >= 0 ? curl_socket_t(fd) : CURL_SOCKET_BAD;
    }
    static int onCloseSocket(void *userp, curl_socket_t socket)
    {
        static_cast<CurlHttpPool *>(userp)->m_sockets.remove(int(socket));
        return ::close(int(socket));
    }
    // Every new TLS connection of an exchange with its own CA certificates gets the pool's one store for them.
    static CURLcode onSslContext(CURL *, void *sslContext, void *userp)
    {
        auto *store = static_cast<X509_STORE *>(static_cast<detail::CurlHttpReply *>(userp)->trustStore());
        if (!store)
            return CURLE_SSL_CACERT_BADFILE;
        SSL_CTX_set1_cert_store(static_cast<SSL_CTX *>(sslContext), store); // takes its own reference
        return CURLE_OK;
    }
    static int onDebug(CURL *, curl_infotype type, char *data, size_t size, void *userp)
    {
        if (type == CURLINFO_TEXT)
            static_cast<detail::CurlHttpReply *>(userp)->onDebugText(data, size);
        return 0;
    }
};

namespace detail {

CurlHttpReply::CurlHttpReply(CurlHttpPool *pool, CurlHttpPool::Exchange exchange, QObject *parent)
    : QNetworkReply(parent)
    , m_pool(pool)
    , m_exchange(std::move(exchange))
{
    setUrl(m_exchange.url);
    setOperation(m_exchange.method == "GET" ? QNetworkAccessManager::GetOperation
                 : m_exchange.method == "PUT" ? QNetworkAccessManager::PutOperation
                 : m_exchange.method == "HEAD" ? QNetworkAccessManager::HeadOperation
                                               : QNetworkAccessManager::CustomOperation);
    QNetworkReply::open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    m_bodyTotal = m_exchange.bodyFile ? m_exchange.bodyFile->size() : m_exchange.body.size();
    m_deadlineMs = m_exchange.deadlineMs > 0
        ? m_exchange.deadlineMs
        : CurlHttpPool::deadlineFor(m_bodyTotal + std::max<qint64>(0, m_exchange.sink.length), m_exchange.transferTimeoutMs);
    // Signals must reach the caller's connections, which it makes after send() returns.
    QMetaObject::invokeMethod(this, &CurlHttpReply::start, Qt::QueuedConnection);
}

CurlHttpReply::~CurlHttpReply()
{
    detachFromPool();
    if (m_easy)
        curl_easy_cleanup(m_easy);
    curl_slist_free_all(m_headerList);
    curl_slist_free_all(m_resolveList);
}

void CurlHttpReply::detachFromPool()
{
    if (m_pool)
        m_pool->remove(this);
    m_pool = nullptr;
}

QString CurlHttpReply::peerName() const
{
    return m_exchange.url.host() + u":%1"_s.arg(m_exchange.url.port(m_exchange.url.scheme() == "https"_L1 ? 443 : 80));
}

bool CurlHttpReply::configure()
{
    m_easy = curl_easy_init();
    if (!m_easy)
        return false;
    CURL *e = m_easy;
    bool ok = true;
    const auto set = [&](CURLoption option, auto value) { ok = ok && curl_easy_setopt(e, option, value) == CURLE_OK; };
    set(CURLOPT_PRIVATE, static_cast<void *>(this));
    set(CURLOPT_ERRORBUFFER, m_curlError);
    set(CURLOPT_NOSIGNAL, 1L);
    set(CURLOPT_URL, m_exchange.url.toEncoded().constData());
    set(CURLOPT_PROTOCOLS_STR, "http,https");
    set(CURLOPT_PATH_AS_IS, 1L);          // the path goes out byte for byte as signed (no "/../" squashing)
    set(CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_1_1));
    set(CURLOPT_FOLLOWLOCATION, 0L);      // redirects are S3Job's (region discovery)
    set(CURLOPT_BUFFERSIZE, m_pool && m_pool->downloadRateLimit() > 0 ? LimitedBufferBytes : BufferBytes);
    set(CURLOPT_UPLOAD_BUFFERSIZE, UploadBufferBytes);
    set(CURLOPT_MAXAGE_CONN, IdleConnectionSeconds);
    set(CURLOPT_TCP_KEEPALIVE, 1L);
    const long timeoutMs = std::max(1, m_exchange.transferTimeoutMs);
    set(CURLOPT_CONNECTTIMEOUT_MS, timeoutMs);
    // Under a bandwidth limit the pool checks the deadline itself, leaving out the waits for the limit.
    m_ownDeadline = m_pool && m_pool->rateLimited();
    set(CURLOPT_TIMEOUT_MS, m_ownDeadline ? 0L : long(std::min<qint64>(m_deadlineMs, 0x7fffffff)));

    // TLS: verified, against the same certificates as Qt's path.
    set(CURLOPT_SSL_VERIFYPEER, 1L);
    set(CURLOPT_SSL_VERIFYHOST, 2L);
    if (!m_exchange.caCertificates.isEmpty()) {
        // No file for libcurl to load per connection: the pool's store (system + these) is put in place instead.
        set(CURLOPT_CAINFO, static_cast<const char *>(nullptr));
        set(CURLOPT_CAPATH, static_cast<const char *>(nullptr));
        set(CURLOPT_SSL_CTX_FUNCTION, &CurlPoolAccess::onSslContext);
        set(CURLOPT_SSL_CTX_DATA, static_cast<void *>(this));
    }

    const CurlProxy proxy = proxyFor(m_exchange.url);
    set(CURLOPT_PROXY, proxy.url.constData()); // "" also turns off libcurl's reading of http_proxy & co.
    if (!proxy.userPassword.isEmpty())
        set(CURLOPT_PROXYUSERPWD, proxy.userPassword.constData());

    for (const QByteArray &entry : std::as_const(m_exchange.resolve))
        m_resolveList = curl_slist_append(m_resolveList, entry.constData());
    if (m_resolveList)
        set(CURLOPT_RESOLVE, m_resolveList);

    // Headers as signed; Host too. Content-Length comes from the body size.
    QList<QByteArray> lines;
    lines.append("Host: " + m_exchange.hostHeader);
    for (const auto &[name, value] : std::as_const(m_exchange.headers))
        lines.append(value.isEmpty() ? QByteArray(name + ';') : QByteArray(name + ": " + value));
    lines.append("Expect:"); // no 100-continue round trip per part; an early answer is read anyway
    lines.append("Accept:");
    for (const QByteArray &line : std::as_const(lines))
        m_headerList = curl_slist_append(m_headerList, line.constData());
    set(CURLOPT_HTTPHEADER, m_headerList);

    set(CURLOPT_OPENSOCKETFUNCTION, &CurlPoolAccess::onOpenSocket);
    set(CURLOPT_OPENSOCKETDATA, static_cast<void *>(m_pool.data()));
    set(CURLOPT_CLOSESOCKETFUNCTION, &CurlPoolAccess::onCloseSocket);
    set(CURLOPT_CLOSESOCKETDATA, static_cast<void *>(m_pool.data()));
    set(CURLOPT_PREREQFUNCTION, &CurlPoolAccess::onPrerequest);
    set(CURLOPT_PREREQDATA, static_cast<void *>(this));
    // libcurl names bytes it found after the end of an answer only in its informational text.
    set(CURLOPT_VERBOSE, 1L);
    set(CURLOPT_DEBUGFUNCTION, &CurlPoolAccess::onDebug);
    set(CURLOPT_DEBUGDATA, static_cast<void *>(this));
    if (m_freshConnection)
        set(CURLOPT_FRESH_CONNECT, 1L);
    set(CURLOPT_HEADERFUNCTION, &CurlPoolAccess::onHeader);
    set(CURLOPT_HEADERDATA, static_cast<void *>(this));
    set(CURLOPT_WRITEFUNCTION, &CurlPoolAccess::onBody);
    set(CURLOPT_WRITEDATA, static_cast<void *>(this));

    if (m_exchange.method == "GET") {
        set(CURLOPT_HTTPGET, 1L);
    } else if (m_exchange.method == "HEAD") {
        set(CURLOPT_NOBODY, 1L);
    } else {
        if (m_exchange.method != "PUT")
            set(CURLOPT_CUSTOMREQUEST, m_exchange.method.constData());
        if (m_exchange.sendsBody) {
            set(CURLOPT_UPLOAD, 1L);
            set(CURLOPT_INFILESIZE_LARGE, curl_off_t(m_bodyTotal));
            set(CURLOPT_READFUNCTION, &CurlPoolAccess::onRead);
            set(CURLOPT_READDATA, static_cast<void *>(this));
            set(CURLOPT_SEEKFUNCTION, &CurlPoolAccess::onSeek); // to send again on a new connection
            set(CURLOPT_SEEKDATA, static_cast<void *>(this));
        }
    }
    return ok;
}

void CurlHttpReply::start()
{
    if (m_phase != Phase::Starting)
        return;
    if (!m_pool) {
        fail(OperationCanceledError, u"the transfer engine stopped"_s);
        return;
    }
    if (!configure()) {
        fail(UnknownNetworkError, u"cannot set up libcurl for %1"_s.arg(peerName()));
        return;
    }
    m_phase = Phase::Running;
    m_clock.start();
    m_sinceActivity.start();
    m_pool->add(this);
}

bool CurlHttpReply::stalled() const
{
    return m_phase == Phase::Running && !m_paused && !m_ratePaused && m_exchange.transferTimeoutMs > 0
        && m_sinceActivity.elapsed() >= m_exchange.transferTimeoutMs;
}

bool CurlHttpReply::overDeadline() const
{
    if (m_phase != Phase::Running || !m_ownDeadline)
        return false;
    const qint64 waited = m_rateWaitedMs + (m_ratePaused ? m_rateWait.elapsed() : 0);
    return m_clock.elapsed() - waited >= m_deadlineMs;
}

void CurlHttpReply::failDeadline()
{
    fail(TimeoutError, u"%1 did not finish the exchange within %2 s (the limit for one request; waits for the bandwidth limit left out)"_s
                           .arg(peerName())
                           .arg(m_deadlineMs / 1000.0));
}

void CurlHttpReply::setRatePaused(bool paused, bool upload)
{
    m_rateWaitUpload = paused && upload;
    if (paused && !m_ratePaused)
        m_rateWait.start();
    else if (!paused && m_ratePaused)
        m_rateWaitedMs += m_rateWait.elapsed();
    m_ratePaused = paused;
}

void CurlHttpReply::rateResume()
{
    if (!m_ratePaused)
        return;
    setRatePaused(false);
    if (m_phase != Phase::Running || !m_inMulti || !m_pool || m_paused)
        return; // a reader that is behind unpauses it (readData)
    m_sinceActivity.start();
    curl_easy_pause(m_easy, CURLPAUSE_CONT); // may hand over the held-back block at once (onBody)
}

void CurlHttpReply::failStalled()
{
    const QString what = m_headerBytes == 0 && m_bodyPos == 0 ? u"did not answer"_s : u"stopped answering"_s;
    fail(TimeoutError, u"%1 %2 (no data within %3 s)"_s.arg(peerName(), what).arg(m_exchange.transferTimeoutMs / 1000.0));
}

int CurlHttpReply::onPrerequest(int peerPort, int localPort)
{
    // A kept-alive connection that has bytes waiting (or an end of stream) before we have asked anything is
    // out of step with us: whatever is there must never be read as this request's answer. libcurl 7.88 reuses
    // such a connection, so the request is stopped here and started again on a new connection.
    long connects = 0;
    if (m_freshConnection || !m_pool || curl_easy_getinfo(m_easy, CURLINFO_NUM_CONNECTS, &connects) != CURLE_OK || connects > 0)
        return CURL_PREREQFUNC_OK;
    const int socket = m_pool->socketFor(peerPort, localPort);
    if (socket < 0)
        return CURL_PREREQFUNC_OK;
    if (platform::peekSocket(socket) == platform::SocketState::Quiet)
        return CURL_PREREQFUNC_OK;
    qCDebug(lcS3Net) << "kept-alive connection to" << peerName() << "has unasked-for bytes or is closed; using a new one";
    m_reconnect = true;
    return CURL_PREREQFUNC_ABORT;
}

void CurlHttpReply::onDebugText(const char *data, size_t size)
{
    const QByteArrayView text(data, qsizetype(size));
    if (text.contains("Excess found") || text.contains("Leftovers after chunking"))
        m_excessSeen = true;
}

size_t CurlHttpReply::onHeader(const char *data, size_t size)
{
    m_sinceActivity.start();
    m_headerBytes += qint64(size);
    if (m_headerBytes > MaxHeaderBytes) {
        m_protocolError = u"%1 sent response headers over 64 KiB"_s.arg(peerName());
        return 0;
    }
    QByteArray line(data, qsizetype(size));
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.startsWith("HTTP/")) {
        // A new status line: an interim answer's headers are forgotten.
        const QList<QByteArray> parts = line.split(' ');
        m_status = parts.size() > 1 ? parts.at(1).toInt() : 0;
        const qsizetype reasonAt = line.indexOf(' ', line.indexOf(' ') + 1);
        m_reason = reasonAt > 0 ? line.mid(reasonAt + 1) : QByteArray();
        m_headers.clear();
        if (m_status >= 100 && m_status < 200 && ++m_interimAnswers > MaxInterimAnswers) {
            m_protocolError = u"%1 sent more than %2 interim (1xx) answers"_s.arg(peerName()).arg(MaxInterimAnswers);
            return 0;
        }
        return size;
    }
    if (line.isEmpty()) {
        if (m_status >= 200 && !headersComplete())
            return 0;
        return size;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return size; // libcurl judged the line acceptable; it is not a header we could use
    const QByteArray name = line.left(colon).trimmed();
    const QByteArray value = line.mid(colon + 1).trimmed();
    for (auto &[existingName, existingValue] : m_headers) {
        if (existingName.compare(name, Qt::CaseInsensitive) == 0) {
            existingValue += ", " + value;
            return size;
        }
    }
    m_headers.append({name, value});
    return size;
}

bool CurlHttpReply::headersComplete()
{
    m_headDone = true;
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_status);
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, m_reason);
    QByteArray contentLength;
    QByteArray contentRange;
    QByteArray transferEncoding;
    for (const auto &[name, value] : std::as_const(m_headers)) {
        setRawHeader(name, value);
        if (name.compare("content-length", Qt::CaseInsensitive) == 0)
            contentLength = value;
        else if (name.compare("content-range", Qt::CaseInsensitive) == 0)
            contentRange = value;
        else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0)
            transferEncoding = value;
    }
    if (!transferEncoding.isEmpty() && transferEncoding.trimmed().compare("chunked", Qt::CaseInsensitive) != 0) {
        // libcurl would pass anything but chunked through undecoded, as if it were the body.
        m_protocolError = u"%1 sent an unsupported transfer encoding (%2)"_s.arg(peerName(), QString::fromLatin1(transferEncoding));
        return false;
    }
    bool lengthValid = false;
    const qint64 length = contentLength.toLongLong(&lengthValid);
    m_bodyExpected = lengthValid && transferEncoding.isEmpty() && length >= 0 ? length : -1;
    // The sink takes the body only when it is exactly the range asked for; anything else (an error document,
    // a 200 that ignored the range) goes the ordinary way and the job judges it.
    const BodySink &sink = m_exchange.sink;
    if (sink.isSet() && m_bodyExpected == sink.length) {
        const QByteArray expectedRange = "bytes " + QByteArray::number(sink.offset) + '-' + QByteArray::number(sink.offset + sink.length - 1) + '/';
        m_sinkActive = (m_status == 206 && contentRange.startsWith(expectedRange)) || (m_status == 200 && sink.offset == 0);
    }
    m_metaDataPending = true;
    if (m_pool)
        m_pool->markDirty(this);
    return true;
}

size_t CurlHttpReply::onBody(const char *data, size_t size)
{
    if (size == 0)
        return 0;
    m_sinceActivity.start();
    if (!m_sinkActive && m_readBuffer.size() - m_readPos >= m_readBufferCap) {
        m_paused = true; // the caller reads slower than the server sends; readData() resumes
        return CURL_WRITEFUNC_PAUSE;
    }
    // The block is taken whole or not at all: libcurl hands the same block over again after the pause.
    if (m_pool && m_pool->admit(this, false, qint64(size)) == 0)
        return CURL_WRITEFUNC_PAUSE;
    m_bodyReceived += qint64(size);
    if (m_pool)
        m_pool->markDirty(this);
    if (!m_sinkActive) {
        if (m_readPos > 0 && m_readPos == m_readBuffer.size()) {
            m_readBuffer.clear();
            m_readPos = 0;
        }
        m_readBuffer.append(data, qsizetype(size));
        m_readyReadPending = true;
        return size;
    }
    const BodySink &sink = m_exchange.sink;
    size_t done = 0;
    while (done < size) {
        const ssize_t n = ::pwrite(sink.fd, data + done, size - done, off_t(sink.offset + m_sinkWritten + qint64(done)));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int error = errno;
            m_localError = u"writing %1 failed: %2%3"_s.arg(sink.path, errnoText(error), error == ENOSPC ? u" (the disk is full)"_s : QString());
            m_bodyReceived -= qint64(size - done); // progress counts only bytes that are in the file
            return 0;
        }
        done += size_t(n);
    }
    m_sinkWritten += qint64(size);
    // Hand written data to the disk as the download runs, so the final fsync has little left to wait for.
    if (m_sinkWritten - m_sinkFlushedUpTo >= FlushStep) {
        platform::startWriteback(sink.fd, sink.offset + m_sinkFlushedUpTo, m_sinkWritten - m_sinkFlushedUpTo);
        m_sinkFlushedUpTo = m_sinkWritten;
    }
    return size;
}

size_t CurlHttpReply::onRead(char *buffer, size_t size)
{
    qint64 want = std::min<qint64>(qint64(size), m_bodyTotal - m_bodyPos);
    if (want <= 0)
        return 0;
    if (m_pool) {
        want = m_pool->admit(this, true, want);
        if (want == 0)
            return CURL_READFUNC_PAUSE;
    }
    m_sinceActivity.start();
    if (m_pool)
        m_pool->markDirty(this);
    FileRangeDevice *file = m_exchange.bodyFile;
    if (!file) {
        std::memcpy(buffer, m_exchange.body.constData() + m_bodyPos, size_t(want));
        m_bodyPos += want;
        return size_t(want);
    }
    while (true) {
        const ssize_t n = ::pread(file->fileDescriptor(), buffer, size_t(want), off_t(file->fileOffset() + m_bodyPos));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_localError = u"reading %1 failed: %2"_s.arg(file->path(), n < 0 ? errnoText(errno) : u"it ended early (was it truncated?)"_s);
            return CURL_READFUNC_ABORT;
        }
        m_bodyPos += n;
        return size_t(n);
    }
}

void *CurlHttpReply::trustStore()
{
    return m_pool ? m_pool->trustStoreFor(m_exchange.caCertificates) : nullptr;
}

int CurlHttpReply::onSeek(curl_off_t offset, int origin)
{
    if (origin != SEEK_SET || offset < 0 || offset > m_bodyTotal)
        return CURL_SEEKFUNC_CANTSEEK;
    m_bodyPos = offset;
    m_reportedUpload = -1;
    return CURL_SEEKFUNC_OK;
}

void CurlHttpReply::deliver()
{
    QPointer<CurlHttpReply> guard(this);
    if (m_metaDataPending) {
        m_metaDataPending = false;
        Q_EMIT metaDataChanged();
        if (!guard)
            return;
    }
    const bool final = m_phase == Phase::Done;
    if (m_exchange.sendsBody && m_bodyTotal > 0 && m_bodyPos != m_reportedUpload
        && (final || m_bodyPos == m_bodyTotal || m_bodyPos - m_reportedUpload >= ProgressStep)) {
        m_reportedUpload = m_bodyPos;
        Q_EMIT uploadProgress(m_bodyPos, m_bodyTotal);
        if (!guard)
            return;
    }
    if (m_headDone && m_bodyReceived != m_reportedDownload
        && (final || m_bodyReceived == m_bodyExpected || m_bodyReceived - m_reportedDownload >= ProgressStep)) {
        m_reportedDownload = m_bodyReceived;
        Q_EMIT downloadProgress(m_bodyReceived, m_bodyExpected);
        if (!guard)
            return;
    }
    if (m_readyReadPending) {
        m_readyReadPending = false;
        Q_EMIT readyRead();
    }
}

void CurlHttpReply::finishTransfer(CURLcode result)
{
    if (m_phase != Phase::Running)
        return;
    m_inMulti = false;
    if (m_excessSeen) {
        // The connection went back to libcurl's cache with bytes after the answer: make it unusable, so the next
        // request that picks it sees an end of stream (onPrerequest) and takes a new connection.
        long peerPort = 0;
        long localPort = 0;
        if (m_pool && curl_easy_getinfo(m_easy, CURLINFO_PRIMARY_PORT, &peerPort) == CURLE_OK
            && curl_easy_getinfo(m_easy, CURLINFO_LOCAL_PORT, &localPort) == CURLE_OK) {
            if (const int socket = m_pool->socketFor(int(peerPort), int(localPort)); socket >= 0)
                ::shutdown(socket, SHUT_RDWR);
        }
        m_excessSeen = false;
    }
    if (result == CURLE_ABORTED_BY_CALLBACK && m_reconnect && !m_freshConnection && m_pool) {
        m_reconnect = false;
        m_freshConnection = true;
        curl_easy_setopt(m_easy, CURLOPT_FRESH_CONNECT, 1L);
        m_pool->remove(this);
        m_pool->add(this);
        return;
    }
    if (m_pool) {
        long connects = 0;
        if (curl_easy_getinfo(m_easy, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK)
            m_pool->m_stats.connectionsOpened += int(connects);
        m_pool->remove(this);
    }
    if (m_exchange.sink.isSet())
        setAttribute(SinkBytesWrittenAttribute, m_sinkWritten);
    if (result != CURLE_OK) {
        NetworkError code = UnknownNetworkError;
        const QString text = errorText(result, &code);
        if (!m_localError.isEmpty() && m_exchange.sink.isSet() && m_sinkActive)
            setAttribute(SinkErrorAttribute, m_localError);
        fail(code, text);
        return;
    }
    m_phase = Phase::Done;
    QPointer<CurlHttpReply> guard(this);
    deliver();
    if (!guard || isFinished())
        return;
    setFinished(true);
    Q_EMIT finished();
}

QString CurlHttpReply::errorText(CURLcode result, NetworkError *code)
{
    const QString peer = peerName();
    const QString detail = m_curlError[0] ? QString::fromLocal8Bit(m_curlError) : QString::fromLatin1(curl_easy_strerror(result));
    if (!m_localError.isEmpty()) {
        *code = UnknownContentError;
        return m_localError;
    }
    if (!m_protocolError.isEmpty()) {
        *code = ProtocolFailure;
        return m_protocolError;
    }
    switch (result) {
    case CURLE_OPERATION_TIMEDOUT: {
        *code = TimeoutError;
        if (m_clock.elapsed() + 50 >= m_deadlineMs)
            return u"%1 did not finish the exchange within %2 s (the limit for one request)"_s.arg(peer).arg(m_deadlineMs / 1000.0);
        return u"%1 did not accept a connection within %2 s"_s.arg(peer).arg(m_exchange.transferTimeoutMs / 1000.0);
    }
    case CURLE_COULDNT_CONNECT: {
        long osError = 0;
        curl_easy_getinfo(m_easy, CURLINFO_OS_ERRNO, &osError);
        if (osError == ECONNREFUSED || osError == 0) {
            *code = ConnectionRefusedError;
            return u"connection refused by %1"_s.arg(peer);
        }
        *code = UnknownNetworkError;
        return u"cannot connect to %1: %2"_s.arg(peer, errnoText(int(osError)));
    }
    case CURLE_COULDNT_RESOLVE_HOST:
        *code = HostNotFoundError;
        return u"host not found: %1"_s.arg(m_exchange.url.host());
    case CURLE_COULDNT_RESOLVE_PROXY:
        *code = ProxyNotFoundError;
        return u"proxy not found for %1: %2"_s.arg(peer, detail);
    case CURLE_RECV_ERROR:
        if (detail.contains("chunk"_L1, Qt::CaseInsensitive)) {
            *code = ProtocolFailure;
            return u"%1 sent a malformed chunked body (%2)"_s.arg(peer, detail);
        }
        Q_FALLTHROUGH();
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
        *code = RemoteHostClosedError;
        return u"%1 closed the connection %2 (%3)"_s.arg(peer, m_headDone ? u"in the middle of the answer"_s : u"before answering"_s, detail);
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
        *code = SslHandshakeFailedError;
        return u"TLS with %1 failed: %2"_s.arg(peer, detail);
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        *code = ProtocolFailure;
        return u"%1 sent a malformed answer: %2"_s.arg(peer, detail);
    case CURLE_PROXY:
        *code = ProxyConnectionRefusedError;
        return u"the proxy for %1 failed: %2"_s.arg(peer, detail);
    default:
        *code = UnknownNetworkError;
        return u"network error talking to %1: %2"_s.arg(peer, detail);
    }
}

void CurlHttpReply::fail(NetworkError code, const QString &text)
{
    if (m_phase == Phase::Done)
        return;
    m_phase = Phase::Done;
    detachFromPool();
    if (m_exchange.sink.isSet())
        setAttribute(SinkBytesWrittenAttribute, m_sinkWritten);
    setError(code, text);
    QPointer<CurlHttpReply> guard(this);
    Q_EMIT errorOccurred(code);
    if (!guard)
        return;
    setFinished(true);
    Q_EMIT finished();
}

void CurlHttpReply::abort()
{
    if (m_phase == Phase::Done)
        return;
    fail(OperationCanceledError, u"Operation canceled"_s);
}

void CurlHttpReply::setReadBufferSize(qint64 size)
{
    QNetworkReply::setReadBufferSize(size);
    m_readBufferCap = size > 0 ? size : 4 * 1024 * 1024;
}

qint64 CurlHttpReply::bytesAvailable() const
{
    return qint64(m_readBuffer.size() - m_readPos) + QNetworkReply::bytesAvailable();
}

qint64 CurlHttpReply::readData(char *data, qint64 maxSize)
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
    if (m_paused && !m_resumeQueued && m_phase == Phase::Running) {
        m_resumeQueued = true; // not from here: the caller may be inside our readyRead
        QMetaObject::invokeMethod(this, &CurlHttpReply::resume, Qt::QueuedConnection);
    }
    return take;
}

void CurlHttpReply::resume()
{
    m_resumeQueued = false;
    if (!m_paused || m_phase != Phase::Running || !m_inMulti || !m_pool)
        return;
    m_paused = false;
    curl_easy_pause(m_easy, CURLPAUSE_CONT); // may hand over the held-back data at once
    m_pool->afterCurl();
}

} // namespace detail

CurlHttpPool::CurlHttpPool(QObject *parent)
    : QObject(parent)
{
    initCurlOnce();
    m_multi = curl_multi_init();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { onSocketActivity(int(CURL_SOCKET_TIMEOUT), 0); });
    m_stallTimer.setInterval(StallCheckMs);
    connect(&m_stallTimer, &QTimer::timeout, this, &CurlHttpPool::checkStalls);
    m_monotonic.start();
    m_rateTimer.setSingleShot(true);
    m_rateTimer.setTimerType(Qt::PreciseTimer); // waits are a few ms at 100 MiB/s
    connect(&m_rateTimer, &QTimer::timeout, this, &CurlHttpPool::unpauseRateWaiters);
    if (m_multi) {
        curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &CurlPoolAccess::onSocket);
        curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, static_cast<void *>(this));
        curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &CurlPoolAccess::onTimer);
        curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, static_cast<void *>(this));
        curl_multi_setopt(m_multi, CURLMOPT_MAXCONNECTS, 32L);
    }
}

CurlHttpPool::~CurlHttpPool()
{
    const QSet<detail::CurlHttpReply *> running = m_running;
    for (detail::CurlHttpReply *reply : running)
        reply->detachFromPool();
    m_timer.stop();
    if (m_multi)
        curl_multi_cleanup(m_multi); // closes the kept-alive connections; their socket watches go with it
    for (void *store : std::as_const(m_trustStores))
        X509_STORE_free(static_cast<X509_STORE *>(store));
}

void *CurlHttpPool::trustStoreFor(const QByteArray &pem)
{
    if (void *known = m_trustStores.value(pem))
        return known;
    X509_STORE *store = X509_STORE_new();
    if (!store)
        return nullptr;
    // The system's certificates by hash lookup in OpenSSL's default directory (loaded as a chain needs them,
    // not all at once), then the given ones.
    bool ok = X509_STORE_set_default_paths(store) == 1;
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    int added = 0;
    while (ok && bio) {
        X509 *certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
        if (!certificate)
            break;
        ok = X509_STORE_add_cert(store, certificate) == 1;
        X509_free(certificate);
        ++added;
    }
    BIO_free(bio);
    ERR_clear_error(); // the end of the PEM text leaves a "no start line" on OpenSSL's error queue
    if (!ok || added == 0) {
        qCWarning(lcS3Net).noquote() << u"cannot build a certificate store from the CA bundle (%1 certificates read)"_s.arg(added);
        X509_STORE_free(store);
        return nullptr;
    }
    m_trustStores.insert(pem, store);
    ++m_stats.trustStoresBuilt;
    return store;
}

bool CurlHttpPool::canCarry(const QUrl &url)
{
    return (url.scheme() == "http"_L1 || url.scheme() == "https"_L1) && !url.host().isEmpty();
}

qint64 CurlHttpPool::deadlineFor(qint64 bytes, int transferTimeoutMs)
{
    constexpr qint64 SlowestBytesPerSecond = 32 * 1024;
    return std::max<qint64>({120 * 1000, 4LL * transferTimeoutMs, 1000 * std::max<qint64>(0, bytes) / SlowestBytesPerSecond});
}

QNetworkReply *CurlHttpPool::send(Exchange exchange)
{
    ++m_stats.requestsSent;
    return new detail::CurlHttpReply(this, std::move(exchange));
}

void CurlHttpPool::add(detail::CurlHttpReply *reply)
{
    if (!m_multi || curl_multi_add_handle(m_multi, reply->easy()) != CURLM_OK) {
        QMetaObject::invokeMethod(reply, [reply] { reply->abort(); }, Qt::QueuedConnection);
        return;
    }
    reply->setInMulti(true);
    m_running.insert(reply);
    if (!m_stallTimer.isActive())
        m_stallTimer.start();
}

void CurlHttpPool::checkStalls()
{
    QList<QPointer<detail::CurlHttpReply>> stalled;
    QList<QPointer<detail::CurlHttpReply>> late;
    for (detail::CurlHttpReply *reply : std::as_const(m_running)) {
        if (reply->stalled())
            stalled.append(reply);
        else if (reply->overDeadline())
            late.append(reply);
    }
    for (const QPointer<detail::CurlHttpReply> &reply : std::as_const(stalled)) {
        if (reply)
            reply->failStalled();
    }
    for (const QPointer<detail::CurlHttpReply> &reply : std::as_const(late)) {
        if (reply)
            reply->failDeadline();
    }
    if (m_running.isEmpty())
        m_stallTimer.stop();
}

void CurlHttpPool::remove(detail::CurlHttpReply *reply)
{
    if (reply->inMulti() && m_multi)
        curl_multi_remove_handle(m_multi, reply->easy());
    reply->setInMulti(false);
    m_running.remove(reply);
    m_dirty.removeAll(reply);
    m_rateWaiting.removeAll(reply);
    reply->setRatePaused(false);
}

void CurlHttpPool::setRateLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond)
{
    m_sendLimit.setRate(uploadBytesPerSecond);
    m_recvLimit.setRate(downloadBytesPerSecond);
    if (!m_rateWaiting.isEmpty())
        m_rateTimer.start(0); // a lifted or raised limit lets the waiting exchanges go at once
}

qint64 CurlHttpPool::admit(detail::CurlHttpReply *reply, bool upload, qint64 wanted)
{
    RateLimiter &limiter = upload ? m_sendLimit : m_recvLimit;
    if (!limiter.isLimited())
        return wanted;
    if (upload)
        wanted = std::min(wanted, uploadPiece()); // a read can be cut short: each waiting upload gets a piece per round
    const RateLimiter::Grant grant = limiter.take(wanted, m_monotonic.nsecsElapsed());
    if (grant.bytes > 0)
        return grant.bytes;
    reply->setRatePaused(true, upload);
    if (!m_rateWaiting.contains(reply))
        m_rateWaiting.append(reply);
    scheduleRateTimer();
    return 0;
}

qint64 CurlHttpPool::uploadPiece() const
{
    return std::max<qint64>(16 * 1024, m_sendLimit.burst() / 8);
}

void CurlHttpPool::scheduleRateTimer()
{
    if (m_rateWaiting.isEmpty())
        return;
    const qint64 now = m_monotonic.nsecsElapsed();
    qint64 waitNs = -1;
    for (const bool upload : {true, false}) {
        const bool someoneWaits = std::any_of(m_rateWaiting.cbegin(), m_rateWaiting.cend(), [upload](const auto &reply) {
            return reply && reply->rateWaitIsUpload() == upload;
        });
        if (!someoneWaits)
            continue;
        RateLimiter &limiter = upload ? m_sendLimit : m_recvLimit;
        qint64 wait = limiter.waitNs(now);
        // Then a little more: downloads, so that the one that goes first moves a few pieces rather than one (each
        // pause and unpause costs a round through libcurl); uploads, so that every waiting upload gets a piece
        // when they all go (were it one piece, the first would take it and the uploads would go one at a time,
        // as slow as one connection). Never more than the bucket holds, or the wait would be lost.
        if (limiter.isLimited()) {
            const qint64 waiters = upload ? qint64(std::count_if(m_rateWaiting.cbegin(), m_rateWaiting.cend(), [](const auto &reply) {
                return reply && reply->rateWaitIsUpload();
            })) : 1;
            const qint64 extra = upload ? waiters * uploadPiece() : qint64(LimitedBufferBytes);
            wait += std::min(extra, limiter.burst() / 2) * 1'000'000'000 / limiter.rate();
        }
        waitNs = waitNs < 0 ? wait : std::min(waitNs, wait);
    }
    // Rounded up: a timer that fires late costs nothing (the bucket refills by elapsed time), one that fires
    // early would only pause everyone again.
    const int waitMs = int(std::clamp<qint64>((std::max<qint64>(0, waitNs) + 999'999) / 1'000'000, 0, 1000));
    m_rateTimer.start(waitMs);
}

void CurlHttpPool::unpauseRateWaiters()
{
    // Oldest first, and only while the bucket has tokens: a download that goes takes its held-back block at once
    // (inside curl_easy_pause), so the ones behind it would only pause again; they keep their place. Uploads take
    // their tokens later (in the read callback), so all of them go and the late ones pause again (round robin).
    const QList<QPointer<detail::CurlHttpReply>> waiting = std::exchange(m_rateWaiting, {});
    QList<QPointer<detail::CurlHttpReply>> kept;
    for (const QPointer<detail::CurlHttpReply> &reply : waiting) {
        if (!reply || !reply->ratePaused())
            continue;
        RateLimiter &limiter = reply->rateWaitIsUpload() ? m_sendLimit : m_recvLimit;
        if (limiter.waitNs(m_monotonic.nsecsElapsed()) > 0) {
            kept.append(reply);
            continue;
        }
        reply->rateResume();
    }
    m_rateWaiting = kept + m_rateWaiting; // the ones that paused again meanwhile queue behind the kept ones
    if (m_multi)
        afterCurl();
    scheduleRateTimer();
}

int CurlHttpPool::socketFor(int peerPort, int localPort)
{
    for (auto it = m_sockets.begin(); it != m_sockets.end(); ++it) {
        if (it.value().first == 0) {
            sockaddr_storage local{};
            sockaddr_storage peer{};
            socklen_t localLength = sizeof local;
            socklen_t peerLength = sizeof peer;
            if (::getsockname(it.key(), reinterpret_cast<sockaddr *>(&local), &localLength) != 0
                || ::getpeername(it.key(), reinterpret_cast<sockaddr *>(&peer), &peerLength) != 0)
                continue; // not connected (yet)
            const auto portOf = [](const sockaddr_storage &address) {
                return address.ss_family == AF_INET6 ? ntohs(reinterpret_cast<const sockaddr_in6 &>(address).sin6_port)
                                                     : ntohs(reinterpret_cast<const sockaddr_in &>(address).sin_port);
            };
            it.value() = {portOf(local), portOf(peer)};
        }
        if (it.value().first == localPort && it.value().second == peerPort)
            return it.key();
    }
    return -1;
}

void CurlHttpPool::markDirty(detail::CurlHttpReply *reply)
{
    if (m_dirty.isEmpty() || m_dirty.constLast() != reply) {
        if (!m_dirty.contains(reply))
            m_dirty.append(reply);
    }
}

void CurlHttpPool::onSocketActivity(int socket, int events)
{
    if (!m_multi)
        return;
    int running = 0;
    curl_multi_socket_action(m_multi, curl_socket_t(socket), events, &running);
    afterCurl();
}

void CurlHttpPool::afterCurl()
{
    // Everything libcurl reported is collected first; signals go out after, when libcurl is not on the stack
    // (a slot may abort or delete a reply, or start a new one).
    struct Done
    {
        QPointer<detail::CurlHttpReply> reply;
        CURLcode result;
    };
    QList<Done> done;
    int left = 0;
    while (CURLMsg *message = curl_multi_info_read(m_multi, &left)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        void *owner = nullptr;
        curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &owner);
        done.append({static_cast<detail::CurlHttpReply *>(owner), message->data.result});
    }
    for (const Done &entry : std::as_const(done)) {
        curl_multi_remove_handle(m_multi, entry.reply->easy());
        entry.reply->setInMulti(false);
    }
    const QList<QPointer<detail::CurlHttpReply>> dirty = std::exchange(m_dirty, {});
    for (const QPointer<detail::CurlHttpReply> &reply : dirty) {
        if (reply)
            reply->deliver();
    }
    for (const Done &entry : std::as_const(done)) {
        if (entry.reply)
            entry.reply->finishTransfer(entry.result);
    }
}

} // namespace s3
