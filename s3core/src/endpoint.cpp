// SPDX-License-Identifier: Apache-2.0
#include "s3core/endpoint.h"

#include <QHostAddress>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
        || c == '_' || c == '~';
}

bool isLowerAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
}

bool looksLikeIpAddress(const QString &name)
{
    // Dotted quads only: "192.168.5.4". QHostAddress also accepts shorthand like "1.2" which S3 does not reject.
    static const QRegularExpression ipv4(QStringLiteral(R"(^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$)"));
    return ipv4.match(name).hasMatch();
}

int defaultPort(const QString &scheme)
{
    return scheme == QLatin1String("https") ? 443 : 80;
}

/** Host as it appears in a URL authority and in the Host header: ACE form, IPv6 in brackets. */
QByteArray authorityHost(const QString &host)
{
    QByteArray ace = QUrl::toAce(host);
    if (ace.isEmpty())
        ace = host.toLatin1();
    if (ace.contains(':'))
        return '[' + ace + ']';
    return ace;
}

struct AwsHostMatch
{
    bool matched = false;
    QString bucket;
    QString region;
};

/**
 * Recognises the S3 host names of AWS: s3.amazonaws.com, s3.<region>.amazonaws.com, s3-<region>.amazonaws.com
 * and the same names prefixed with "<bucket>." (virtual-host form). China regions end in ".amazonaws.com.cn".
 */
AwsHostMatch matchAwsHost(const QString &host)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^(?:(.+)\.)?s3(?:[.-]((?!amazonaws\.)[a-z0-9-]+))?\.amazonaws\.com(?:\.cn)?$)"));
    AwsHostMatch result;
    const QRegularExpressionMatch m = re.match(host);
    if (!m.hasMatch())
        return result;
    result.matched = true;
    result.bucket = m.captured(1);
    result.region = m.captured(2);
    // "s3-external-1" is an alias of us-east-1, not a region.
    if (result.region == QLatin1String("external-1"))
        result.region = QStringLiteral("us-east-1");
    // Transfer acceleration is a global endpoint, not a region.
    if (result.region == QLatin1String("accelerate"))
        result.region.clear();
    return result;
}

// Where the user info of a URL text ends: the last '@' after the scheme. An endpoint's path names at most a
// bucket, which cannot contain '@', so any '@' belongs to the user info, even when the secret holds a '/' or
// '?' that ends the authority for a URL parser.
qsizetype userInfoEnd(const QString &url, qsizetype *start)
{
    const qsizetype scheme = url.indexOf(u"://"_s);
    *start = scheme < 0 ? 0 : scheme + 3;
    const qsizetype at = url.lastIndexOf(u'@');
    return at >= *start ? at : -1;
}

} // namespace

QString redactUrlUserInfo(const QString &url)
{
    qsizetype start = 0;
    const qsizetype at = userInfoEnd(url, &start);
    if (at < 0)
        return url;
    return url.left(start) + u"***"_s + url.mid(at);
}

bool urlHasUserInfo(const QString &url)
{
    qsizetype start = 0;
    return userInfoEnd(url, &start) >= 0;
}

QByteArray uriEncode(QByteArrayView raw, bool keepSlash)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(raw.size() * 3);
    for (const char c : raw) {
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            out.append(c);
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out.append('%');
            out.append(hex[byte >> 4]);
            out.append(hex[byte & 0x0F]);
        }
    }
    return out;
}

QByteArray encodeQuery(const QueryItems &items)
{
    QByteArray out;
    for (const auto &[name, value] : items) {
        if (!out.isEmpty())
            out.append('&');
        out.append(uriEncode(name, false));
        out.append('=');
        out.append(uriEncode(value, false));
    }
    return out;
}

bool isDnsCompatibleBucketName(const QString &bucket)
{
    if (bucket.size() < 3 || bucket.size() > 63)
        return false;
    if (looksLikeIpAddress(bucket))
        return false;
    // Every dot-separated label must be a valid DNS label: lowercase alphanumerics and inner hyphens.
    const QStringList labels = bucket.split(u'.');
    for (const QString &label : labels) {
        if (label.isEmpty() || !isLowerAlnum(label.front()) || !isLowerAlnum(label.back()))
            return false;
        for (const QChar c : label) {
            if (!isLowerAlnum(c) && c != u'-')
                return false;
        }
    }
    return true;
}

Result<Ok> validateBucketName(const QString &bucket)
{
    if (bucket.size() < 3 || bucket.size() > 63)
        return S3Error::invalid(
            QStringLiteral("Bucket name \"%1\" must be between 3 and 63 characters long").arg(bucket));
    for (const QChar c : bucket) {
        if (!isLowerAlnum(c) && c != u'.' && c != u'-')
            return S3Error::invalid(
                QStringLiteral(
                    "Bucket name \"%1\" may contain only lowercase letters, digits, dots (.) and hyphens (-)")
                    .arg(bucket));
    }
    if (!isLowerAlnum(bucket.front()) || !isLowerAlnum(bucket.back()))
        return S3Error::invalid(
            QStringLiteral("Bucket name \"%1\" must begin and end with a letter or digit").arg(bucket));
    if (bucket.contains(QLatin1String("..")))
        return S3Error::invalid(QStringLiteral("Bucket name \"%1\" must not contain two adjacent dots").arg(bucket));
    if (looksLikeIpAddress(bucket))
        return S3Error::invalid(
            QStringLiteral("Bucket name \"%1\" must not be formatted as an IP address").arg(bucket));
    return Ok{};
}

Result<Endpoint> Endpoint::parse(const QString &url, const QString &region, AddressingStyle style)
{
    const QString given = url.trimmed();
    if (given.isEmpty())
        return S3Error::invalid(QStringLiteral("The endpoint URL is empty"));
    // Messages quote the URL: never with its secret (QUrl's own error text quotes the whole source too).
    const QString trimmed = redactUrlUserInfo(given);
    if (urlHasUserInfo(given))
        return S3Error::invalid(QStringLiteral("Invalid endpoint URL \"%1\": it contains credentials (user:password@); enter "
                                               "the access key and secret in the credential settings instead").arg(trimmed));
    QUrl parsed(given, QUrl::StrictMode);
    if (!parsed.isValid())
        return S3Error::invalid(QStringLiteral("Invalid endpoint URL \"%1\": %2").arg(trimmed, redactUrlUserInfo(parsed.errorString())));
    const QString scheme = parsed.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return S3Error::invalid(
            QStringLiteral("Invalid endpoint URL \"%1\": the scheme must be http or https").arg(trimmed));
    if (parsed.host().isEmpty())
        return S3Error::invalid(QStringLiteral("Invalid endpoint URL \"%1\": no host name").arg(trimmed));
    if (parsed.hasQuery() || parsed.hasFragment())
        return S3Error::invalid(
            QStringLiteral("Invalid endpoint URL \"%1\": it may not have a query or a fragment").arg(trimmed));

    Endpoint endpoint;
    endpoint.m_style = style;

    // The path may name one bucket ("http://host/bucket" or ".../bucket/"), nothing deeper.
    const QStringList segments = parsed.path(QUrl::FullyDecoded).split(u'/', Qt::SkipEmptyParts);
    if (segments.size() > 1)
        return S3Error::invalid(
            QStringLiteral("Invalid endpoint URL \"%1\": endpoint URL path may only name a bucket").arg(trimmed));
    if (segments.size() == 1)
        endpoint.m_defaultBucket = segments.front();

    QString detectedRegion;
    const AwsHostMatch aws = matchAwsHost(parsed.host());
    if (aws.matched) {
        detectedRegion = aws.region;
        if (!aws.bucket.isEmpty()) {
            if (!endpoint.m_defaultBucket.isEmpty())
                return S3Error::invalid(
                    QStringLiteral("Invalid endpoint URL \"%1\": it names a bucket both in the host and in the path")
                        .arg(trimmed));
            endpoint.m_defaultBucket = aws.bucket;
            endpoint.m_bucketInHost = true;
        }
    }

    QUrl base;
    base.setScheme(scheme);
    base.setHost(parsed.host());
    // An explicit default port ("https://h:443") is dropped so the signed Host value and the one Qt sends agree.
    if (parsed.port() != -1 && parsed.port() != defaultPort(scheme))
        base.setPort(parsed.port());
    base.setPath(QStringLiteral("/"));
    endpoint.m_base = base;

    if (!region.isEmpty())
        endpoint.m_region = region;
    else if (!detectedRegion.isEmpty())
        endpoint.m_region = detectedRegion;
    return endpoint;
}

Endpoint Endpoint::aws(const QString &region)
{
    const QString r = region.isEmpty() ? QStringLiteral("us-east-1") : region;
    Endpoint endpoint;
    QUrl base;
    base.setScheme(QStringLiteral("https"));
    base.setHost(QStringLiteral("s3.%1.amazonaws.com").arg(r));
    base.setPath(QStringLiteral("/"));
    endpoint.m_base = base;
    endpoint.m_region = r;
    return endpoint;
}

bool Endpoint::isAws() const
{
    const QString host = m_base.host();
    return host.endsWith(QLatin1String(".amazonaws.com")) || host.endsWith(QLatin1String(".amazonaws.com.cn"));
}

bool Endpoint::usesVirtualHost(const QString &bucket) const
{
    if (bucket.isEmpty())
        return false;
    if (m_bucketInHost && bucket == m_defaultBucket)
        return true;
    // A bucket cannot be prefixed to an IP address.
    if (!QHostAddress(m_base.host()).isNull())
        return false;
    switch (m_style) {
    case AddressingStyle::Path:
        return false;
    case AddressingStyle::VirtualHost:
        return isDnsCompatibleBucketName(bucket);
    case AddressingStyle::Auto:
        // Dotted names break the wildcard TLS certificate of *.s3.amazonaws.com, so those go path-style over https.
        return isAws() && isDnsCompatibleBucketName(bucket) && !(isHttps() && bucket.contains(u'.'));
    }
    return false;
}

RequestTarget Endpoint::target(const QString &bucket, const QString &key, const QueryItems &query) const
{
    // With the bucket in the endpoint's host name, every other request goes to the plain service host.
    const QString serviceHost = m_bucketInHost ? m_base.host().mid(m_defaultBucket.size() + 1) : m_base.host();
    QString host = serviceHost;
    QByteArray path;
    const QByteArray encodedKey = uriEncode(key.toUtf8(), true);

    if (usesVirtualHost(bucket)) {
        host = (m_bucketInHost && bucket == m_defaultBucket) ? m_base.host() : bucket + u'.' + serviceHost;
        path = '/' + encodedKey;
    } else if (bucket.isEmpty()) {
        // Service-level request, or a key addressed relative to the endpoint itself.
        path = '/' + encodedKey;
    } else {
        path = '/' + uriEncode(bucket.toUtf8(), false);
        if (!key.isEmpty())
            path += '/' + encodedKey;
    }

    RequestTarget target;
    target.hostHeader = authorityHost(host);
    if (m_base.port() != -1)
        target.hostHeader += ':' + QByteArray::number(m_base.port());
    target.encodedPath = path;
    target.query = query;

    QByteArray bytes = m_base.scheme().toLatin1() + "://" + target.hostHeader + path;
    if (!query.isEmpty())
        bytes += '?' + encodeQuery(query);
    // StrictMode: the bytes are already encoded exactly as they must go on the wire and be signed; QUrl must
    // neither re-encode them nor decode "%2B" back to '+'.
    target.url = QUrl::fromEncoded(bytes, QUrl::StrictMode);
    return target;
}

QByteArray Endpoint::copySource(const QString &bucket, const QString &key, const QString &versionId)
{
    QByteArray source = '/' + uriEncode(bucket.toUtf8(), false) + '/' + uriEncode(key.toUtf8(), true);
    if (!versionId.isEmpty())
        source += "?versionId=" + uriEncode(versionId.toUtf8(), false);
    return source;
}

} // namespace s3
