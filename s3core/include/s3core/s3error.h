// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDebug>
#include <QMetaType>
#include <QString>

#include "s3core/s3core_export.h"

namespace s3 {

/**
 * A typed error: what went wrong (kind), where it came from (HTTP status, S3 code, request id) and a
 * human message. Value type; an empty S3Error (kind None) means "no error".
 */
class S3CORE_EXPORT S3Error
{
public:
    enum class Kind {
        None,
        Network,        ///< connection refused/reset, DNS, ... (transient)
        Timeout,        ///< no bytes moved within the transfer timeout
        Tls,            ///< certificate or handshake failure
        Http,           ///< HTTP error status without an S3 error body
        S3,             ///< the server answered with an S3 <Error> document
        Auth,           ///< credentials missing, unreadable or rejected
        ObjectModified, ///< the object changed during a multi-request transfer (412 on If-Match)
        Cancelled,      ///< cancelled by the caller
        Io,             ///< local file system error
        Invalid,        ///< invalid input (bad URL, bad argument, malformed config or XML)
    };

    S3Error() = default;
    S3Error(Kind kind, QString message) : m_kind(kind), m_message(std::move(message)) {}

    static S3Error fromS3(int httpStatus, QString code, QString message, QString requestId = {}, QString resource = {});
    static S3Error fromHttpStatus(int httpStatus, QString requestId = {});
    static S3Error invalid(QString message) { return {Kind::Invalid, std::move(message)}; }
    static S3Error io(QString message) { return {Kind::Io, std::move(message)}; }
    static S3Error cancelled() { return {Kind::Cancelled, QStringLiteral("Cancelled")}; }

    Kind kind() const { return m_kind; }
    bool isError() const { return m_kind != Kind::None; }
    int httpStatus() const { return m_httpStatus; }
    /** S3 error code ("NoSuchKey", "SignatureDoesNotMatch", ...) or empty. */
    QString code() const { return m_code; }
    QString message() const { return m_message; }
    QString requestId() const { return m_requestId; }
    QString resource() const { return m_resource; }
    /** S3 <HostId> (x-amz-id-2) from an error body, if any; AWS support asks for it with the request id. */
    QString hostId() const { return m_hostId; }
    /** Region the server says the bucket lives in (from an error body or x-amz-bucket-region), if any. */
    QString region() const { return m_region; }
    /** Endpoint hint from a PermanentRedirect body, if any. */
    QString endpointHint() const { return m_endpoint; }

    void setHttpStatus(int status) { m_httpStatus = status; }
    void setCode(QString code) { m_code = std::move(code); }
    void setMessage(QString message) { m_message = std::move(message); }
    void setRequestId(QString id) { m_requestId = std::move(id); }
    void setResource(QString resource) { m_resource = std::move(resource); }
    void setHostId(QString hostId) { m_hostId = std::move(hostId); }
    void setRegion(QString region) { m_region = std::move(region); }
    void setEndpointHint(QString endpoint) { m_endpoint = std::move(endpoint); }

    /** True for errors that may succeed when the same request is sent again. */
    bool isRetryable() const;

    /** One line for a user: "NoSuchKey: The specified key does not exist. (HTTP 404)" plus what to do. */
    QString toString() const;
    /** A short hint on what the user can do about this error, or empty. */
    QString hint() const;

    static QString kindName(Kind kind);

private:
    Kind m_kind = Kind::None;
    int m_httpStatus = 0;
    QString m_code;
    QString m_message;
    QString m_requestId;
    QString m_resource;
    QString m_hostId;
    QString m_region;
    QString m_endpoint;
};

S3CORE_EXPORT QDebug operator<<(QDebug debug, const S3Error &error);

} // namespace s3

Q_DECLARE_METATYPE(s3::S3Error)
