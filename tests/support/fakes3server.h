// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <map>
#include <optional>

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>

class QTcpServer;
class FakeS3Connection;

/**
 * One HTTP request as the fake S3 server received it (the request log keeps these).
 * Header names are lower-case; repeated headers are joined with ", ".
 */
struct FakeS3Request
{
    QByteArray method;   ///< "GET", "PUT", ...
    QByteArray rawPath;  ///< the path exactly as sent, still percent-encoded ("/bucket/a%20b")
    QByteArray rawQuery; ///< everything after '?', still encoded; empty if none
    QString bucket;      ///< first path segment, decoded; empty for service requests (GET /)
    QString key;         ///< rest of the path after "/bucket/", decoded, never normalised
    QString operation;   ///< S3 API name: "PutObject", "UploadPart", "ListObjectsV2", ... or "Unknown"
    QMap<QByteArray, QByteArray> headers; ///< lower-case names
    QMap<QString, QString> query;         ///< decoded query items ("uploads" -> "")
    QByteArray body;                      ///< de-chunked body
    QByteArray requestId;                 ///< x-amz-request-id the server answered with
    int connectionId = 0;                 ///< which accepted connection carried it (1-based)

    bool hasHeader(const QByteArray &lowerName) const { return headers.contains(lowerName); }
    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    bool hasQueryItem(const QString &name) const { return query.contains(name); }
    QString queryItem(const QString &name) const { return query.value(name); }
    /** True when an Authorization header or a presigned X-Amz-Signature query item was present. */
    bool isSigned() const { return hasHeader("authorization") || hasQueryItem(QStringLiteral("X-Amz-Signature")); }
};

/**
 * An answer. The server adds Content-Length, Date, Server, x-amz-request-id and x-amz-id-2 unless present.
 * For HEAD requests the body is not sent; set Content-Length explicitly to announce a size.
 */
struct FakeS3Response
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const; ///< case-insensitive
    void removeHeader(const QByteArray &name);       ///< case-insensitive
};

/**
 * A scripted fault. Faults are checked in the order they were added; the first one that matches (method,
 * operation, keyContains) is used and its `times` is decremented (at 0 it is removed, -1 = forever).
 *
 * A fault with status != 0, errorIn200, hang or closeWithoutResponse answers instead of the real operation
 * (the operation does not run unless executeOperation is set). A fault with status == 0 lets the operation run
 * and only alters its answer: delayMs, extraHeaders, dropEtag, rawBody (replaces the body, keeps the status)
 * and resetAfterBytes.
 */
struct FakeS3Fault
{
    QByteArray method;   ///< empty = any method
    QString operation;   ///< e.g. "UploadPart", "GetObject", "ListObjectsV2"; empty or "*" = any
    QString keyContains; ///< empty = any key
    int status = 0;      ///< HTTP status of a canned error answer; 0 = let the real operation answer
    QString code;        ///< S3 error code; default derived from status (503 -> "ServiceUnavailable", 500 -> "InternalError")
    QString message;     ///< default: a generic text for the code
    QByteArray rawBody;     ///< overrides the XML body (canned) or the real body (status == 0)
    bool errorIn200 = false; ///< 200 with an <Error> body (code defaults to "InternalError")
    int delayMs = 0;         ///< wait before answering (the request has been read completely)
    bool hang = false;       ///< read the request, never answer (the connection stays open)
    qint64 resetAfterBytes = -1; ///< send headers + N body bytes, then abort the socket
    bool closeWithoutResponse = false; ///< read the request, then close the connection without a byte
    bool dropEtag = false;             ///< remove the ETag header from the answer
    bool executeOperation = false;     ///< canned answers: still run the real operation (the reply got "lost")
    QList<QPair<QByteArray, QByteArray>> extraHeaders; ///< added to (or replacing) the answer's headers
    int times = 1;                                     ///< -1 = forever
};

/** One stored object. */
struct FakeS3Object
{
    QByteArray data;
    QByteArray etag; ///< quoted: "\"<md5 hex>\"" or "\"<md5 of md5s>-N\"" for multipart
    QString contentType;
    QMap<QString, QString> metadata; ///< x-amz-meta-* without the prefix, names lower-case
    QByteArray cacheControl;
    QByteArray contentDisposition;
    QByteArray contentEncoding;
    QByteArray contentLanguage;
    QDateTime lastModified; ///< UTC, whole seconds
    QString storageClass = QStringLiteral("STANDARD");
    int partsCount = 0; ///< 0 for a simple PUT/copy, N for a completed multipart upload
    // Archived objects (GLACIER, DEEP_ARCHIVE): GET answers InvalidObjectState unless a restored copy exists.
    bool restoreOngoing = false; ///< RestoreObject was asked and the copy is not made yet (x-amz-restore)
    QDateTime restoreExpiry;     ///< a restored copy exists until then (valid: restored)
};

struct FakeS3Part
{
    int partNumber = 0;
    QByteArray etag; ///< quoted
    QByteArray data;
    QDateTime lastModified;
    qint64 size() const { return data.size(); }
};

struct FakeS3MultipartUpload
{
    QString uploadId;
    QString key;
    QDateTime initiated;
    QMap<int, FakeS3Part> parts;
    FakeS3Object headersFromCreate; ///< content type, metadata, cache-control, ... (no data)
};

/**
 * A hermetic S3 server on 127.0.0.1 for unit and fault-injection tests: real sockets, so QNetworkAccessManager's
 * connection reuse, timeouts and error paths are exercised. Path-style addressing only; signatures are not
 * verified (the live Ceph suite does that), but a hex x-amz-content-sha256 and Content-MD5 are checked against
 * the body.
 *
 * Lives on the thread that creates it (normally the test thread); everything is event driven, nothing blocks.
 * Owns its listening socket and all accepted connections; destroying it closes them.
 *
 * @code
 * FakeS3Server server;
 * QVERIFY(server.start());
 * server.putObject(QStringLiteral("bucket"), QStringLiteral("dir/key"), data);
 * FakeS3Server::Fault slowDown;
 * slowDown.operation = QStringLiteral("UploadPart");
 * slowDown.status = 503;
 * slowDown.code = QStringLiteral("SlowDown");
 * server.addFault(slowDown); // the first UploadPart gets 503, the retry succeeds
 * // ... point the client at server.endpointUrl(), run, then assert on server.count("UploadPart") etc.
 * @endcode
 *
 * Qt 6.4 behaviours this server made visible (assert them in client code, not here):
 *  - QNAM removes "." and ".." path segments (even %2E%2E) before sending; "//" and %2F survive.
 *  - QNAM silently resends an idempotent request when the connection closes before the answer (so
 *    closeWithoutResponse / resetAfterBytes with times = 1 may be invisible to the caller), and it can finish a
 *    reply truncated by resetAfterBytes with NoError: compare received bytes with Content-Length.
 */
class FakeS3Server final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeS3Server)

public:
    using Request = FakeS3Request;
    using Response = FakeS3Response;
    using Fault = FakeS3Fault;
    using StoredObject = FakeS3Object;
    using Part = FakeS3Part;
    using MultipartUpload = FakeS3MultipartUpload;
    using Override = std::function<bool(const FakeS3Request &, FakeS3Response &)>;

    explicit FakeS3Server(QObject *parent = nullptr);
    ~FakeS3Server() override;

    /** Listens on 127.0.0.1 with a free port. Returns false if listening failed. */
    bool start();
    /** Stops listening and aborts every open connection (the store is kept). */
    void stop();
    bool isListening() const;
    quint16 port() const;
    /** "http://127.0.0.1:<port>" */
    QString endpointUrl() const;
    /** Aborts all open connections (e.g. idle keep-alive ones) but keeps listening. */
    void dropConnections();

    // --- configuration -------------------------------------------------------------------------------------
    /** Minimum size of every part but the last one in CompleteMultipartUpload (default 5 MiB). */
    void setMinPartSize(qint64 bytes);
    qint64 minPartSize() const;
    /** Region returned by GetBucketLocation (default "us-east-1", answered as an empty LocationConstraint). */
    void setRegion(const QString &region);
    /** When true, requests without Authorization header or X-Amz-Signature query item get 403 AccessDenied. */
    void setRequireAuthorization(bool require);
    /** Clock used for Last-Modified, Initiated, CreationDate (default: current UTC time). */
    void setClock(std::function<QDateTime()> clock);

    // --- faults and overrides ------------------------------------------------------------------------------
    void addFault(const FakeS3Fault &fault);
    void clearFaults();
    /** Faults not yet used up. */
    int pendingFaults() const;
    /**
     * Called for every request a canned fault did not answer, before the real operation. Return true after
     * filling the response to answer it; false to let the server handle the request. Empty function = none.
     */
    void setOverride(Override hook);

    // --- request log and connection statistics -------------------------------------------------------------
    QList<FakeS3Request> requests() const;
    /** Number of logged requests with this operation ("*" = all). */
    int count(const QString &operation) const;
    void clearLog();
    /** Currently open client connections. */
    int openConnections() const;
    /** Highest number of simultaneously open connections since start() or resetStatistics(). */
    int maxConcurrentConnections() const;
    /** Connections accepted since construction or resetStatistics(). */
    int connectionsAccepted() const;
    /** Requests whose first byte arrived but whose answer has not been written yet (incl. hanging ones). */
    int activeRequests() const;
    int maxConcurrentRequests() const;
    void resetStatistics();

    // --- direct store access -------------------------------------------------------------------------------
    void createBucket(const QString &bucket);
    bool hasBucket(const QString &bucket) const;
    QStringList buckets() const;
    /** Stores an object like a simple PutObject (etag = MD5); creates the bucket if needed. */
    void putObject(const QString &bucket, const QString &key, const QByteArray &data,
                   const QString &contentType = {}, const QMap<QString, QString> &meta = {});
    bool deleteObject(const QString &bucket, const QString &key);
    std::optional<FakeS3Object> object(const QString &bucket, const QString &key) const;
    /** Changes a stored object in place (storage class, restore state, ...); false if there is none. */
    bool updateObject(const QString &bucket, const QString &key, const std::function<void(FakeS3Object &)> &change);
    /** Keys of the bucket in UTF-8 byte order (the order ListObjectsV2 uses). */
    QStringList keys(const QString &bucket) const;
    QList<FakeS3MultipartUpload> multipartUploads(const QString &bucket) const;
    /** Removes every bucket, object and upload. */
    void clearStore();

    /** The S3 XML error document the server sends. */
    static QByteArray errorXml(const QString &code, const QString &message, const QByteArray &resource,
                               const QByteArray &requestId);

Q_SIGNALS:
    /** Emitted when a request has been read completely, before it is answered. */
    void requestReceived(const QString &operation, const QString &key);

private:
    friend class FakeS3Connection;

    struct Bucket
    {
        QDateTime created;
        std::map<QByteArray, FakeS3Object> objects; ///< UTF-8 key -> object, byte order
        QMap<QString, FakeS3MultipartUpload> uploads;
    };

    enum class Disposition { Answer, Hang, Close };
    struct Plan
    {
        Disposition disposition = Disposition::Answer;
        FakeS3Response response;
        int delayMs = 0;
        qint64 resetAfterBytes = -1;
    };

    void handleNewConnection();
    void connectionClosed(FakeS3Connection *connection);
    void requestStarted();
    void requestFinished();
    /** Classifies, logs and answers one complete request. */
    Plan handleRequest(FakeS3Request request);
    static QString classify(const QByteArray &method, const QString &bucket, const QString &key,
                            const QMap<QString, QString> &query, const QMap<QByteArray, QByteArray> &headers);
    std::optional<FakeS3Fault> takeFault(const FakeS3Request &request);
    FakeS3Response execute(const FakeS3Request &request);
    FakeS3Response error(const FakeS3Request &request, int status, const QString &code, const QString &message) const;
    QDateTime now() const;

    // operations
    FakeS3Response listBuckets(const FakeS3Request &r);
    FakeS3Response createBucketOp(const FakeS3Request &r);
    FakeS3Response deleteBucketOp(const FakeS3Request &r);
    FakeS3Response listObjects(const FakeS3Request &r, bool v2);
    FakeS3Response getObject(const FakeS3Request &r, bool head);
    FakeS3Response putObjectOp(const FakeS3Request &r);
    FakeS3Response copyObject(const FakeS3Request &r);
    FakeS3Response deleteObjects(const FakeS3Request &r);
    FakeS3Response createMultipart(const FakeS3Request &r);
    FakeS3Response uploadPart(const FakeS3Request &r);
    FakeS3Response completeMultipart(const FakeS3Request &r);
    FakeS3Response abortMultipart(const FakeS3Request &r);
    FakeS3Response listParts(const FakeS3Request &r);
    FakeS3Response listMultipartUploads(const FakeS3Request &r);
    FakeS3Response restoreObject(const FakeS3Request &r);

    QTcpServer *m_server = nullptr;
    QList<FakeS3Connection *> m_connections;
    QMap<QString, Bucket> m_buckets;
    QList<FakeS3Fault> m_faults;
    Override m_override;
    std::function<QDateTime()> m_clock;
    QList<FakeS3Request> m_log;
    qint64 m_minPartSize = 5 * 1024 * 1024;
    QString m_region = QStringLiteral("us-east-1");
    bool m_requireAuthorization = false;
    int m_openConnections = 0;
    int m_maxConnections = 0;
    int m_accepted = 0;
    int m_nextConnectionId = 0;
    int m_activeRequests = 0;
    int m_maxActiveRequests = 0;
    quint64 m_requestCounter = 0;
    quint64 m_uploadCounter = 0;
};
