// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/sigv4.h"

#include <algorithm>

#include <QMap>

#include "s3core/crypto.h"

namespace s3::sigv4 {

namespace {

QByteArray lowerTrimmed(const QByteArray &name)
{
    return name.trimmed().toLower();
}

/** Headers the signer owns: a caller's copy is dropped so that no header is ever sent or signed twice. */
bool isSignerOwned(const QByteArray &lowerName)
{
    return lowerName == "host" || lowerName == "authorization" || lowerName == "x-amz-date"
        || lowerName == "x-amz-content-sha256" || lowerName == "x-amz-security-token";
}

HeaderList withoutSignerOwned(const HeaderList &headers)
{
    HeaderList result;
    result.reserve(headers.size() + 4);
    for (const auto &header : headers) {
        if (!isSignerOwned(lowerTrimmed(header.first)))
            result.append(header);
    }
    return result;
}

/** Query parameter names the presigner adds itself; a copy in the target's query is dropped. */
bool isPresignParameter(const QByteArray &name)
{
    static const QByteArray names[] = {"x-amz-algorithm",     "x-amz-credential",     "x-amz-date",     "x-amz-expires",
                                       "x-amz-signedheaders", "x-amz-security-token", "x-amz-signature"};
    const QByteArray lower = name.toLower();
    return std::find(std::begin(names), std::end(names), lower) != std::end(names);
}

} // namespace

QByteArray amzDate(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

QByteArray dateStamp(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyyMMdd")).toLatin1();
}

QByteArray credentialScope(const QDateTime &utc, const QString &region, const QString &service)
{
    return dateStamp(utc) + '/' + region.toUtf8() + '/' + service.toUtf8() + "/aws4_request";
}

QByteArray canonicalQueryString(const QueryItems &query)
{
    QList<QPair<QByteArray, QByteArray>> encoded;
    encoded.reserve(query.size());
    for (const auto &[name, value] : query)
        encoded.append({uriEncode(name, false), uriEncode(value, false)});
    // Byte-wise order of the encoded forms, names first, then values for repeated names (as AWS and botocore).
    std::sort(encoded.begin(), encoded.end());
    QByteArray out;
    for (const auto &[name, value] : encoded) {
        if (!out.isEmpty())
            out.append('&');
        out.append(name);
        out.append('=');
        out.append(value);
    }
    return out;
}

namespace {

/** Lower-cased names, sorted, each with its values (trimmed, whitespace runs folded) in the given order. */
QMap<QByteArray, QList<QByteArray>> groupHeaders(const HeaderList &headers)
{
    QMap<QByteArray, QList<QByteArray>> grouped;
    for (const auto &[name, value] : headers)
        grouped[lowerTrimmed(name)].append(value.simplified());
    return grouped;
}

} // namespace

QByteArray canonicalHeaders(const HeaderList &headers)
{
    const auto grouped = groupHeaders(headers);
    QByteArray out;
    for (auto it = grouped.cbegin(); it != grouped.cend(); ++it) {
        out.append(it.key());
        out.append(':');
        out.append(it.value().join(','));
        out.append('\n');
    }
    return out;
}

QByteArray signedHeaders(const HeaderList &headers)
{
    return groupHeaders(headers).keys().join(';');
}

QByteArray canonicalRequest(const CanonicalRequestInput &input)
{
    QByteArray out;
    out.append(input.method);
    out.append('\n');
    out.append(input.encodedPath.isEmpty() ? QByteArrayLiteral("/") : input.encodedPath);
    out.append('\n');
    out.append(canonicalQueryString(input.query));
    out.append('\n');
    out.append(canonicalHeaders(input.headers)); // each line ends with '\n': the blank line of the spec follows
    out.append('\n');
    out.append(signedHeaders(input.headers));
    out.append('\n');
    out.append(input.payloadHash);
    return out;
}

QByteArray stringToSign(const QByteArray &canonicalRequest, const QDateTime &utc, const QByteArray &scope)
{
    return QByteArray(Algorithm) + '\n' + amzDate(utc) + '\n' + scope + '\n' + crypto::sha256Hex(canonicalRequest);
}

QByteArray signingKey(const QString &secret, const QDateTime &utc, const QString &region, const QString &service)
{
    const QByteArray dateKey
        = crypto::hmacSha256(QByteArray(QByteArrayLiteral("AWS4") + secret.toUtf8()), dateStamp(utc));
    const QByteArray regionKey = crypto::hmacSha256(dateKey, region.toUtf8());
    const QByteArray serviceKey = crypto::hmacSha256(regionKey, service.toUtf8());
    return crypto::hmacSha256(serviceKey, QByteArrayLiteral("aws4_request"));
}

QByteArray signature(const QByteArray &signingKey, const QByteArray &stringToSign)
{
    return crypto::hmacSha256(signingKey, stringToSign).toHex();
}

Signer::Signer(QString region, QString service, Clock clock)
    : m_region(std::move(region))
    , m_service(std::move(service))
    , m_clock(std::move(clock))
{
}

HeaderList Signer::sign(const Credentials &credentials, const QByteArray &method, const RequestTarget &target,
                        const HeaderList &headers, const QByteArray &payloadHash) const
{
    const QDateTime now = m_clock().toUTC();
    const QByteArray date = amzDate(now);
    // An empty hash would be sent as an empty header, which S3 rejects (a bug of the reference client):
    // a request without a stated hash is taken to have no body.
    const QByteArray hash = payloadHash.isEmpty() ? QByteArray(crypto::EmptySha256Hex) : payloadHash;

    HeaderList added;
    added.append({QByteArrayLiteral("x-amz-date"), date});
    added.append({QByteArrayLiteral("x-amz-content-sha256"), hash});
    if (!credentials.sessionToken.isEmpty())
        added.append({QByteArrayLiteral("x-amz-security-token"), credentials.sessionToken.toUtf8()});

    CanonicalRequestInput input;
    input.method = method.toUpper();
    input.encodedPath = target.encodedPath;
    input.query = target.query;
    input.headers = withoutSignerOwned(headers);
    input.headers.append({QByteArrayLiteral("host"), target.hostHeader});
    input.headers.append(added);
    input.payloadHash = hash;

    const QByteArray scope = credentialScope(now, m_region, m_service);
    const QByteArray toSign = stringToSign(canonicalRequest(input), now, scope);
    const QByteArray sig = signature(signingKey(credentials.secretAccessKey, now, m_region, m_service), toSign);

    // Same layout as botocore (", " between the parts); AWS accepts it with or without the spaces.
    const QByteArray authorization = QByteArray(Algorithm) + " Credential=" + credentials.accessKeyId.toUtf8() + '/'
        + scope + ", SignedHeaders=" + signedHeaders(input.headers) + ", Signature=" + sig;
    added.append({QByteArrayLiteral("authorization"), authorization});
    return added;
}

Result<QUrl> Signer::presign(const Credentials &credentials, const QByteArray &method, const RequestTarget &target,
                             qint64 expiresSeconds, const HeaderList &headers) const
{
    if (expiresSeconds < 1 || expiresSeconds > MaxPresignExpirySeconds)
        return S3Error::invalid(
            QStringLiteral("A presigned URL must expire after 1 second to 7 days (604800 seconds), not %1 seconds")
                .arg(expiresSeconds));

    const QDateTime now = m_clock().toUTC();
    const QByteArray scope = credentialScope(now, m_region, m_service);

    HeaderList signedList = withoutSignerOwned(headers);
    signedList.append({QByteArrayLiteral("host"), target.hostHeader});

    // botocore's layout: the operation's own parameters first, then the auth parameters in this order, then
    // X-Amz-Signature appended last (it is not part of the canonical query).
    QueryItems query;
    query.reserve(target.query.size() + 7);
    for (const auto &item : target.query) {
        if (!isPresignParameter(item.first))
            query.append(item);
    }
    query.append({QByteArrayLiteral("X-Amz-Algorithm"), QByteArray(Algorithm)});
    query.append({QByteArrayLiteral("X-Amz-Credential"), credentials.accessKeyId.toUtf8() + '/' + scope});
    query.append({QByteArrayLiteral("X-Amz-Date"), amzDate(now)});
    query.append({QByteArrayLiteral("X-Amz-Expires"), QByteArray::number(expiresSeconds)});
    query.append({QByteArrayLiteral("X-Amz-SignedHeaders"), signedHeaders(signedList)});
    if (!credentials.sessionToken.isEmpty())
        query.append({QByteArrayLiteral("X-Amz-Security-Token"), credentials.sessionToken.toUtf8()});

    CanonicalRequestInput input;
    input.method = method.toUpper();
    input.encodedPath = target.encodedPath;
    input.query = query;
    input.headers = signedList;
    input.payloadHash = QByteArray(UnsignedPayload);

    const QByteArray toSign = stringToSign(canonicalRequest(input), now, scope);
    const QByteArray sig = signature(signingKey(credentials.secretAccessKey, now, m_region, m_service), toSign);

    // The query that is signed is exactly the one that goes on the wire: same encoder, no QUrlQuery re-encoding.
    const QByteArray bytes = target.url.toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment) + '?' + encodeQuery(query)
        + "&X-Amz-Signature=" + sig;
    const QUrl url = QUrl::fromEncoded(bytes, QUrl::StrictMode);
    if (!url.isValid())
        return S3Error::invalid(QStringLiteral("Cannot build a presigned URL: %1").arg(url.errorString()));
    return url;
}

} // namespace s3::sigv4
