// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include "s3core/result.h"
#include "s3core/s3core_export.h"

namespace s3 {

enum class AddressingStyle {
    Auto,        ///< virtual-host on AWS for DNS-compatible names, path-style elsewhere
    Path,        ///< http://host/bucket/key
    VirtualHost, ///< http://bucket.host/key
};

/** Decoded query items in the order they are given; the signer sorts and encodes them. */
using QueryItems = QList<QPair<QByteArray, QByteArray>>;

/** RFC 3986 percent-encoding with only A-Za-z0-9-._~ left raw (and '/' too when keepSlash). */
S3CORE_EXPORT QByteArray uriEncode(QByteArrayView raw, bool keepSlash);

/** Encoded query string ("a=1&b=") with names and values encoded by uriEncode, in the given order. */
S3CORE_EXPORT QByteArray encodeQuery(const QueryItems &items);

/** True if the name may be used as a DNS label prefix (virtual-host addressing). */
S3CORE_EXPORT bool isDnsCompatibleBucketName(const QString &bucket);

/** Checks a bucket name against the S3 naming rules; the message says which rule failed. */
S3CORE_EXPORT Result<Ok> validateBucketName(const QString &bucket);

/**
 * Where a request goes: host, port and the exact encoded path that is both sent and signed.
 */
struct S3CORE_EXPORT RequestTarget
{
    QUrl url;                 ///< full URL, built with QUrl::fromEncoded (StrictMode) so encoding is preserved
    QByteArray hostHeader;    ///< "host" or "host:port" (default ports omitted), as signed
    QByteArray encodedPath;   ///< canonical URI, already encoded
    QueryItems query;         ///< decoded, as given
};

/**
 * The URL with any user info ("KEY:SECRET@") replaced by "***@", for messages, logs and window titles. Works on
 * text QUrl cannot parse too (a secret with a '/' in it), so a secret never reaches a message through a URL.
 */
S3CORE_EXPORT QString redactUrlUserInfo(const QString &url);

/** True when the text has user info ("user:password@") in its authority, parsable or not. */
S3CORE_EXPORT bool urlHasUserInfo(const QString &url);

/**
 * An S3 service endpoint: base URL, region and addressing style.
 *
 * The base URL may carry a bucket ("http://host/bucket", or a virtual-host name like
 * "https://bucket.s3.eu-west-1.amazonaws.com"): that bucket becomes the default bucket, so the three
 * addressing forms of the reference client (bucket in host, in path, or none) all work.
 * User info in the URL is refused (it is credentials: they go in the credential settings; the CLI's
 * configuration splits KEY:SECRET@ off first, see credentialsFromUrl()).
 */
class S3CORE_EXPORT Endpoint
{
public:
    Endpoint() = default;

    /** Parses "https://s3.eu-west-1.amazonaws.com", "http://127.0.0.1:8000", "http://host/bucket", ... */
    static Result<Endpoint> parse(const QString &url, const QString &region = {}, AddressingStyle style = AddressingStyle::Auto);
    /** The AWS regional endpoint https://s3.<region>.amazonaws.com. */
    static Endpoint aws(const QString &region);

    QUrl baseUrl() const { return m_base; }
    QString region() const { return m_region; }
    void setRegion(const QString &region) { m_region = region; }
    AddressingStyle style() const { return m_style; }
    void setStyle(AddressingStyle style) { m_style = style; }
    bool isAws() const;
    bool isHttps() const { return m_base.scheme() == QLatin1String("https"); }

    /** Bucket named by the endpoint URL itself (host or path), or empty. */
    QString defaultBucket() const { return m_defaultBucket; }
    /** True when the default bucket is part of the host name (the host already addresses it). */
    bool bucketInHost() const { return m_bucketInHost; }

    /** True if requests for this bucket put the bucket in the host name. */
    bool usesVirtualHost(const QString &bucket) const;

    /**
     * Target for a bucket (may be empty: service-level request) and key (may be empty: bucket-level request).
     * Keys are encoded per segment; "//", a leading '/', "..", unicode are all kept exactly.
     */
    RequestTarget target(const QString &bucket, const QString &key, const QueryItems &query = {}) const;

    /** Value for x-amz-copy-source: "/bucket/encoded-key" (always includes the bucket). */
    static QByteArray copySource(const QString &bucket, const QString &key, const QString &versionId = {});

private:
    QUrl m_base; // scheme, host, port, optional base path (without the default bucket)
    QString m_basePath;
    QString m_region = QStringLiteral("us-east-1");
    AddressingStyle m_style = AddressingStyle::Auto;
    QString m_defaultBucket;
    bool m_bucketInHost = false;
};

} // namespace s3
