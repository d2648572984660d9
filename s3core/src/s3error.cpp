// SPDX-License-Identifier: Apache-2.0
#include "s3core/s3error.h"

#include "s3core/auth/ssoconfig.h"

#include <QHash>
#include <QLatin1String>
#include <QSet>
#include <QStringList>

namespace s3 {

namespace {

// Codes whose meaning is "the credentials were rejected" rather than "this request is not allowed":
// the user must fix (or refresh) the credentials, retrying the same request cannot help.
bool isAuthCode(const QString &code)
{
    static const QSet<QString> codes = {
        QStringLiteral("InvalidAccessKeyId"), QStringLiteral("SignatureDoesNotMatch"),
        QStringLiteral("ExpiredToken"),       QStringLiteral("InvalidToken"),
        QStringLiteral("TokenRefreshRequired"),
    };
    return codes.contains(code);
}

// Codes that may succeed when the same request is sent again (aws-c-s3 TRANSIENT / SERVER_ERROR / THROTTLING).
// RequestTimeTooSkewed is listed: the request must be re-signed with a corrected clock, and whether one more
// attempt is worth it is the caller's (RetryPolicy's) decision.
bool isRetryableCode(const QString &code)
{
    static const QSet<QString> codes = {
        QStringLiteral("InternalError"),     QStringLiteral("ServiceUnavailable"),
        QStringLiteral("SlowDown"),          QStringLiteral("RequestTimeout"),
        QStringLiteral("RequestTimeTooSkewed"), QStringLiteral("Throttling"),
        QStringLiteral("ThrottlingException"), QStringLiteral("TooManyRequests"),
        QStringLiteral("RequestThrottled"),  QStringLiteral("RequestLimitExceeded"),
        QStringLiteral("BadGateway"),        QStringLiteral("GatewayTimeout"),
    };
    return codes.contains(code);
}

// Codes that are final whatever the HTTP status says.
bool isFatalCode(const QString &code)
{
    static const QSet<QString> codes = {
        QStringLiteral("AccessDenied"),        QStringLiteral("NoSuchKey"),
        QStringLiteral("NoSuchBucket"),        QStringLiteral("NoSuchUpload"),
        QStringLiteral("SignatureDoesNotMatch"), QStringLiteral("InvalidAccessKeyId"),
        QStringLiteral("ExpiredToken"),        QStringLiteral("InvalidToken"),
        QStringLiteral("TokenRefreshRequired"), QStringLiteral("PreconditionFailed"),
        QStringLiteral("NotFound"),            QStringLiteral("Forbidden"),
    };
    return codes.contains(code);
}

// English descriptions used when the server sends no message (Ceph RGW sends an empty <Message>, and
// bodiless responses such as HEAD have none at all).
QString builtinDescription(const QString &code)
{
    static const QHash<QString, QString> descriptions = {
        {QStringLiteral("NoSuchKey"), QStringLiteral("The object does not exist")},
        {QStringLiteral("NoSuchBucket"), QStringLiteral("The bucket does not exist")},
        {QStringLiteral("NoSuchUpload"), QStringLiteral("The multipart upload does not exist (it was completed or aborted)")},
        {QStringLiteral("NotFound"), QStringLiteral("The object or bucket does not exist")},
        {QStringLiteral("AccessDenied"), QStringLiteral("Access denied")},
        {QStringLiteral("Forbidden"), QStringLiteral("Access denied")},
        {QStringLiteral("SignatureDoesNotMatch"),
         QStringLiteral("The request signature does not match: check the secret access key")},
        {QStringLiteral("InvalidAccessKeyId"), QStringLiteral("The access key id is not known to the server")},
        {QStringLiteral("ExpiredToken"), QStringLiteral("The session token has expired")},
        {QStringLiteral("InvalidToken"), QStringLiteral("The session token is malformed or invalid")},
        {QStringLiteral("TokenRefreshRequired"), QStringLiteral("The session token must be refreshed")},
        {QStringLiteral("BucketAlreadyExists"), QStringLiteral("The bucket name is already taken by another account")},
        {QStringLiteral("BucketAlreadyOwnedByYou"), QStringLiteral("You already own a bucket with this name")},
        {QStringLiteral("BucketNotEmpty"), QStringLiteral("The bucket is not empty")},
        {QStringLiteral("EntityTooSmall"), QStringLiteral("A part is smaller than the minimum allowed size")},
        {QStringLiteral("EntityTooLarge"), QStringLiteral("The upload exceeds the maximum allowed size")},
        {QStringLiteral("InvalidBucketName"), QStringLiteral("The bucket name is not valid")},
        {QStringLiteral("RequestTimeTooSkewed"),
         QStringLiteral("Your computer's clock differs too much from the server's")},
        {QStringLiteral("SlowDown"), QStringLiteral("The server asks to slow down the request rate")},
        {QStringLiteral("ServiceUnavailable"), QStringLiteral("The service is unavailable")},
        {QStringLiteral("InternalError"), QStringLiteral("The server had an internal error")},
        {QStringLiteral("BadGateway"), QStringLiteral("A gateway in front of the server failed")},
        {QStringLiteral("GatewayTimeout"), QStringLiteral("A gateway in front of the server timed out")},
        {QStringLiteral("NotImplemented"), QStringLiteral("The server does not implement this operation")},
        {QStringLiteral("RequestTimeout"),
         QStringLiteral("The connection was idle too long before the request was complete")},
        {QStringLiteral("TooManyRequests"), QStringLiteral("Too many requests")},
        {QStringLiteral("PreconditionFailed"), QStringLiteral("A precondition of the request did not hold")},
        {QStringLiteral("InvalidRange"), QStringLiteral("The requested range is not satisfiable")},
        {QStringLiteral("InvalidPart"), QStringLiteral("A listed part was not found or its ETag does not match")},
        {QStringLiteral("InvalidPartOrder"), QStringLiteral("The part list is not in ascending order")},
        {QStringLiteral("MalformedXML"), QStringLiteral("The XML sent to the server was not well-formed")},
        {QStringLiteral("AuthorizationHeaderMalformed"),
         QStringLiteral("The authorization header is malformed (often: the wrong region)")},
        {QStringLiteral("PermanentRedirect"),
         QStringLiteral("The bucket must be addressed through another endpoint")},
        {QStringLiteral("TemporaryRedirect"), QStringLiteral("The request is being redirected temporarily")},
        {QStringLiteral("BadDigest"), QStringLiteral("The Content-MD5 or checksum did not match the data received")},
        {QStringLiteral("InvalidDigest"), QStringLiteral("The Content-MD5 or checksum is not valid")},
        {QStringLiteral("KeyTooLongError"), QStringLiteral("The object key is too long")},
        {QStringLiteral("MethodNotAllowed"), QStringLiteral("The method is not allowed on this resource")},
        {QStringLiteral("QuotaExceeded"), QStringLiteral("The quota is exceeded")},
        {QStringLiteral("BadRequest"), QStringLiteral("The server rejected the request")},
        {QStringLiteral("Conflict"), QStringLiteral("The request conflicts with the resource's state")},
        {QStringLiteral("NotModified"), QStringLiteral("The object was not modified")},
        {QStringLiteral("Unauthorized"), QStringLiteral("The request was not authorised")},
    };
    return descriptions.value(code);
}

// Code reported for a status when there is no body to read one from (HEAD, or a proxy's HTML page).
QString codeForStatus(int status)
{
    switch (status) {
    case 301: return QStringLiteral("PermanentRedirect");
    case 304: return QStringLiteral("NotModified");
    case 307: return QStringLiteral("TemporaryRedirect");
    case 400: return QStringLiteral("BadRequest");
    case 401: return QStringLiteral("Unauthorized");
    case 403: return QStringLiteral("Forbidden");
    case 404: return QStringLiteral("NotFound"); // what botocore reports for a bodiless HEAD 404
    case 405: return QStringLiteral("MethodNotAllowed");
    case 408: return QStringLiteral("RequestTimeout");
    case 409: return QStringLiteral("Conflict");
    case 412: return QStringLiteral("PreconditionFailed");
    case 416: return QStringLiteral("InvalidRange");
    case 429: return QStringLiteral("TooManyRequests");
    case 500: return QStringLiteral("InternalError");
    case 501: return QStringLiteral("NotImplemented");
    case 502: return QStringLiteral("BadGateway");
    case 503: return QStringLiteral("ServiceUnavailable");
    case 504: return QStringLiteral("GatewayTimeout");
    default: break;
    }
    if (status >= 500 && status <= 599)
        return QStringLiteral("InternalError");
    return {};
}

bool isRetryableStatus(int status)
{
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool isThrottling(const S3Error &e)
{
    const QString c = e.code();
    return c == QLatin1String("SlowDown") || c == QLatin1String("ServiceUnavailable")
        || c == QLatin1String("TooManyRequests") || c == QLatin1String("Throttling")
        || c == QLatin1String("ThrottlingException") || c == QLatin1String("RequestThrottled")
        || c == QLatin1String("RequestLimitExceeded") || e.httpStatus() == 429 || e.httpStatus() == 503;
}

} // namespace

S3Error S3Error::fromS3(int httpStatus, QString code, QString message, QString requestId, QString resource)
{
    // PreconditionFailed (412) stays Kind::S3 on purpose: only the transfer engine knows whether it sent an
    // If-Match and so whether the 412 means ObjectModified.
    const Kind kind = isAuthCode(code) ? Kind::Auth : Kind::S3;
    S3Error e(kind, std::move(message));
    e.m_httpStatus = httpStatus;
    e.m_code = std::move(code);
    e.m_requestId = std::move(requestId);
    e.m_resource = std::move(resource);
    return e;
}

S3Error S3Error::fromHttpStatus(int httpStatus, QString requestId)
{
    const QString code = codeForStatus(httpStatus);
    QString message = builtinDescription(code);
    if (message.isEmpty())
        message = QStringLiteral("The server answered with HTTP status %1").arg(httpStatus);
    S3Error e(Kind::Http, std::move(message));
    e.m_httpStatus = httpStatus;
    e.m_code = code;
    e.m_requestId = std::move(requestId);
    return e;
}

bool S3Error::isRetryable() const
{
    switch (m_kind) {
    case Kind::Network:
    case Kind::Timeout:
        return true;
    case Kind::Http:
    case Kind::S3:
        if (isRetryableCode(m_code))
            return true;
        if (isFatalCode(m_code))
            return false;
        return isRetryableStatus(m_httpStatus);
    case Kind::None:
    case Kind::Tls:
    case Kind::Auth: // ExpiredToken included: the caller refreshes the credentials first, then decides
    case Kind::ObjectModified:
    case Kind::Cancelled:
    case Kind::Io:
    case Kind::Invalid:
        return false;
    }
    return false;
}

QString S3Error::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None: return QStringLiteral("No error");
    case Kind::Network: return QStringLiteral("Network error");
    case Kind::Timeout: return QStringLiteral("Timeout");
    case Kind::Tls: return QStringLiteral("TLS error");
    case Kind::Http: return QStringLiteral("HTTP error");
    case Kind::S3: return QStringLiteral("S3 error");
    case Kind::Auth: return QStringLiteral("Authentication error");
    case Kind::ObjectModified: return QStringLiteral("Object modified");
    case Kind::Cancelled: return QStringLiteral("Cancelled");
    case Kind::Io: return QStringLiteral("File error");
    case Kind::Invalid: return QStringLiteral("Invalid");
    }
    return QStringLiteral("Unknown error");
}

QString S3Error::toString() const
{
    if (m_kind == Kind::None)
        return kindName(Kind::None);

    const QString label = m_code.isEmpty() ? kindName(m_kind) : m_code;
    QString text = m_message.simplified(); // one line, whatever the server put into <Message>
    if (text.isEmpty())
        text = builtinDescription(m_code);

    QString line = label;
    if (!text.isEmpty() && text != label)
        line += QStringLiteral(": ") + text;

    QStringList details;
    if (m_httpStatus > 0)
        details << QStringLiteral("HTTP %1").arg(m_httpStatus);
    if (!m_requestId.isEmpty())
        details << QStringLiteral("request id %1").arg(m_requestId);
    if (!details.isEmpty())
        line += QStringLiteral(" (") + details.join(QStringLiteral(", ")) + QLatin1Char(')');
    return line;
}

QString S3Error::hint() const
{
    const QString &c = m_code;
    switch (m_kind) {
    case Kind::None:
    case Kind::Cancelled:
        return {};
    case Kind::Timeout:
        return QStringLiteral("The server stopped answering; check the network or raise the timeout.");
    case Kind::Tls:
        return QStringLiteral("Use --ca-bundle with the server's CA certificate if it is self-signed.");
    case Kind::Network: {
        // The network layer reports Qt's errorString(); match its wording (and a code, if it sets one).
        const QString m = m_message.toLower();
        if (c == QLatin1String("ConnectionRefused") || m.contains(QLatin1String("refused")))
            return QStringLiteral("Is the endpoint URL right and the server running?");
        if (c == QLatin1String("HostNotFound")
            || (m.contains(QLatin1String("host")) && m.contains(QLatin1String("not found"))))
            return QStringLiteral("Check the host name of the endpoint URL and the DNS settings.");
        return QStringLiteral("Check the network connection and the endpoint URL.");
    }
    case Kind::ObjectModified:
        return QStringLiteral("The object changed on the server during the transfer; start the transfer again.");
    case Kind::Io:
        return QStringLiteral("Check that the local path exists and is writable, and that the disk has free space.");
    case Kind::Invalid:
        if (m_message.startsWith(QLatin1String("malformed XML from server")))
            return QStringLiteral("The server's answer is not valid S3 XML; check that the endpoint URL points to an S3 server.");
        return {};
    case Kind::Auth:
        if (c == QLatin1String("SignatureDoesNotMatch"))
            return QStringLiteral("Check the secret access key (and the region).");
        if (c == QLatin1String("InvalidAccessKeyId"))
            return QStringLiteral("Check the access key id, or the endpoint URL.");
        if (c == QLatin1String("ExpiredToken") || c == QLatin1String("TokenRefreshRequired"))
            return QStringLiteral("The session token has expired; refresh the credentials.");
        if (c == QLatin1String("InvalidToken"))
            return QStringLiteral("Check the session token, or remove it if the credentials are not temporary.");
        if (c == QLatin1String(SsoSignInRequiredCode))
            return QStringLiteral("Sign in to IAM Identity Center (SSO): s3desk-cli sso login --profile NAME, or Sign in… in the app.");
        return QStringLiteral("Check the credentials (profile, environment variables or connection settings).");
    case Kind::Http:
    case Kind::S3:
        break;
    }

    if (c == QLatin1String("AccessDenied") || c == QLatin1String("Forbidden"))
        return QStringLiteral("Your credentials lack permission for this operation on this bucket/key.");
    if (c == QLatin1String("NoSuchBucket"))
        return QStringLiteral("Check the bucket name and the endpoint.");
    if (c == QLatin1String("NoSuchKey") || c == QLatin1String("NotFound"))
        return QStringLiteral("Check the key: the object may have been deleted or renamed.");
    if (c == QLatin1String("NoSuchUpload"))
        return QStringLiteral("The multipart upload no longer exists; start the upload again.");
    if (c == QLatin1String("RequestTimeTooSkewed"))
        return QStringLiteral("Set your computer's clock right (enable NTP time synchronisation).");
    if (c == QLatin1String("AuthorizationHeaderMalformed") || c == QLatin1String("PermanentRedirect")
        || c == QLatin1String("TemporaryRedirect")) {
        if (!m_endpoint.isEmpty())
            return QStringLiteral("The bucket must be reached through endpoint %1; change the endpoint (or region).")
                .arg(m_endpoint);
        if (!m_region.isEmpty())
            return QStringLiteral("The bucket is in region %1; set the region to %1.").arg(m_region);
        return QStringLiteral("Check the region and the endpoint URL of the connection.");
    }
    if (c == QLatin1String("BucketAlreadyExists"))
        return QStringLiteral("Bucket names are shared by all users of the server; choose another name.");
    if (c == QLatin1String("BucketAlreadyOwnedByYou"))
        return QStringLiteral("The bucket already exists and is yours; nothing to do.");
    if (c == QLatin1String("BucketNotEmpty"))
        return QStringLiteral("Delete the objects (and unfinished multipart uploads) in the bucket first.");
    if (c == QLatin1String("InvalidBucketName"))
        return QStringLiteral("Use 3 to 63 characters: lower-case letters, digits, '.' and '-'.");
    if (c == QLatin1String("EntityTooSmall"))
        return QStringLiteral("Every part but the last must be at least 5 MiB; raise the part size.");
    if (c == QLatin1String("EntityTooLarge"))
        return QStringLiteral("The object or part is above the server's size limit; use multipart upload with larger parts.");
    if (c == QLatin1String("KeyTooLongError"))
        return QStringLiteral("Object keys are at most 1024 bytes long; use a shorter name.");
    if (c == QLatin1String("InvalidRange"))
        return QStringLiteral("The requested byte range lies outside the object; the object may have shrunk.");
    if (c == QLatin1String("PreconditionFailed"))
        return QStringLiteral("The object changed on the server (or a condition did not hold); reload and try again.");
    if (c == QLatin1String("InvalidPart") || c == QLatin1String("InvalidPartOrder"))
        return QStringLiteral("A part is missing or its ETag does not match; restart the upload.");
    if (c == QLatin1String("BadDigest") || c == QLatin1String("InvalidDigest"))
        return QStringLiteral("The data was corrupted in transit; try again.");
    if (c == QLatin1String("MalformedXML"))
        return QStringLiteral("The server rejected the request body; keys with control characters must be deleted one by one.");
    if (c == QLatin1String("QuotaExceeded"))
        return QStringLiteral("The user's or the bucket's quota is used up; free space or ask for a larger quota.");
    if (c == QLatin1String("NotImplemented") || c == QLatin1String("MethodNotAllowed"))
        return QStringLiteral("The server does not support this operation.");
    if (isThrottling(*this))
        return QStringLiteral("The server is busy or throttling; try again later or lower the number of parallel transfers.");
    if (c == QLatin1String("InternalError") || m_httpStatus >= 500)
        return QStringLiteral("The server had a problem; try again later.");
    if (c == QLatin1String("RequestTimeout"))
        return QStringLiteral("The upload stalled; check the network and try again.");
    return {};
}

QDebug operator<<(QDebug debug, const S3Error &error)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "S3Error(" << S3Error::kindName(error.kind());
    if (error.httpStatus() > 0)
        debug << ", HTTP " << error.httpStatus();
    if (!error.code().isEmpty())
        debug << ", " << error.code();
    if (!error.message().isEmpty())
        debug << ", " << error.message();
    if (!error.requestId().isEmpty())
        debug << ", requestId=" << error.requestId();
    if (!error.hostId().isEmpty())
        debug << ", hostId=" << error.hostId();
    if (!error.resource().isEmpty())
        debug << ", resource=" << error.resource();
    if (!error.region().isEmpty())
        debug << ", region=" << error.region();
    if (!error.endpointHint().isEmpty())
        debug << ", endpoint=" << error.endpointHint();
    debug << ')';
    return debug;
}

} // namespace s3
