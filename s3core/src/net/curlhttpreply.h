// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QNetworkReply>
#include <QPointer>

#include <curl/curl.h>

#include "s3core/net/curlhttp.h"

namespace s3::detail {

/** One request/response exchange on libcurl, as a QNetworkReply. */
class CurlHttpReply final : public QNetworkReply
{
    Q_OBJECT
public:
    CurlHttpReply(CurlHttpPool *pool, CurlHttpPool::Exchange exchange, QObject *parent = nullptr);
    ~CurlHttpReply() override;

    void abort() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }
    void setReadBufferSize(qint64 size) override;

    // For the pool (never called from inside libcurl).
    CURL *easy() const { return m_easy; }
    void start();
    void deliver();
    void finishTransfer(CURLcode result);
    void detachFromPool();
    bool inMulti() const { return m_inMulti; }
    bool stalled() const;
    void failStalled();
    bool overDeadline() const;
    void failDeadline();
    bool ratePaused() const { return m_ratePaused; }
    bool rateWaitIsUpload() const { return m_rateWaitUpload; }
    void setRatePaused(bool paused, bool upload = false);
    /** The limit let this exchange move again: unpause it (from the event loop, never from inside libcurl). */
    void rateResume();
    void setInMulti(bool in) { m_inMulti = in; }

    // libcurl callbacks (they only record; signals go out from deliver()).
    size_t onHeader(const char *data, size_t size);
    size_t onBody(const char *data, size_t size);
    size_t onRead(char *buffer, size_t size);
    /** The pool's X509_STORE * for this exchange's CA certificates; null: none can be built or the pool is gone. */
    void *trustStore();
    int onSeek(curl_off_t offset, int origin);
    int onPrerequest(int peerPort, int localPort);
    void onDebugText(const char *data, size_t size);

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    enum class Phase { Starting, Running, Done };

    bool configure();
    bool headersComplete();
    void resume();
    void fail(NetworkError code, const QString &text);
    QString peerName() const;
    QString errorText(CURLcode result, NetworkError *code);

    QPointer<CurlHttpPool> m_pool;
    CurlHttpPool::Exchange m_exchange;
    Phase m_phase = Phase::Starting;
    CURL *m_easy = nullptr;
    curl_slist *m_headerList = nullptr;
    curl_slist *m_resolveList = nullptr;
    char m_curlError[CURL_ERROR_SIZE] = {};
    bool m_inMulti = false;
    bool m_reconnect = false;       // the kept-alive connection was out of step: start again on a new one
    bool m_freshConnection = false;
    bool m_excessSeen = false;      // libcurl found bytes after the end of the answer
    QElapsedTimer m_clock;
    QElapsedTimer m_sinceActivity; // since the last byte moved either way
    qint64 m_deadlineMs = 0;

    // sending
    qint64 m_bodyTotal = 0;
    qint64 m_bodyPos = 0; // next body byte handed to libcurl
    qint64 m_reportedUpload = -1;

    // receiving
    qint64 m_headerBytes = 0;
    int m_interimAnswers = 0;
    int m_status = 0;
    QByteArray m_reason;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    bool m_headDone = false;
    bool m_metaDataPending = false;
    qint64 m_bodyExpected = -1;
    qint64 m_bodyReceived = 0;
    qint64 m_reportedDownload = -1;
    bool m_sinkActive = false;
    qint64 m_sinkWritten = 0;
    qint64 m_sinkFlushedUpTo = 0;
    QByteArray m_readBuffer;
    qsizetype m_readPos = 0;
    qint64 m_readBufferCap = 4 * 1024 * 1024;
    bool m_paused = false;
    bool m_resumeQueued = false;
    bool m_readyReadPending = false;

    // bandwidth limit
    bool m_ratePaused = false;      // waiting for the pool's limiter (not for our reader)
    bool m_rateWaitUpload = false;  // ...for the upload limiter
    bool m_ownDeadline = false;     // started under a limit: the deadline is checked by the pool, waits left out
    QElapsedTimer m_rateWait;       // since this wait began
    qint64 m_rateWaitedMs = 0;      // all waits so far

    QString m_localError;    // reading the body file or writing the sink failed
    QString m_protocolError; // the answer broke one of our limits
};

} // namespace s3::detail
