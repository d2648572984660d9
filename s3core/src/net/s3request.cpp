// SPDX-License-Identifier: Apache-2.0
#include "s3core/net/s3request.h"

#include <algorithm>

#include "s3core/net/httpvalues.h"

namespace s3 {

void S3Request::setHeader(const QByteArray &name, const QByteArray &value)
{
    const QByteArray lower = name.toLower();
    for (auto &header : headers) {
        if (header.first.toLower() == lower) {
            header.second = value;
            return;
        }
    }
    headers.append({lower, value});
}

QByteArray S3Request::header(const QByteArray &name) const
{
    const QByteArray lower = name.toLower();
    for (const auto &header : headers) {
        if (header.first.toLower() == lower)
            return header.second;
    }
    return {};
}

Result<Ok> S3Request::validate() const
{
    if (method.isEmpty())
        return S3Error::invalid(QStringLiteral("request has no method"));
    if (!key.isEmpty() && bucket.isEmpty())
        return S3Error::invalid(QStringLiteral("an object key needs a bucket"));
    if (key.size() > 1024 || key.toUtf8().size() > 1024)
        return S3Error::invalid(QStringLiteral("object keys are limited to 1024 bytes of UTF-8"));
    // Qt's HTTP stack removes "." and ".." path segments (even spelled %2E) before sending, so such a key would
    // silently address another object. Refuse instead of touching the wrong one.
    for (const QStringView segment : QStringView(key).split(u'/')) {
        if (segment == u"." || segment == u"..")
            return S3Error::invalid(QStringLiteral("the key '%1' has a '.' or '..' segment, which S3Desk cannot address "
                                                   "(Qt rewrites such paths); use another tool for this key").arg(key));
    }
    if (hasFileBody() && !body.isEmpty())
        return S3Error::invalid(QStringLiteral("request has both a file body and an in-memory body"));
    if (hasFileBody() && payloadHash.isEmpty())
        return S3Error::invalid(QStringLiteral("a file body needs its payload hash"));
    // Every header goes on the wire as given (both HTTP paths): a CR or LF in a value would end it and start
    // another header (or request) of the user's choosing.
    for (const auto &[name, value] : headers) {
        if (auto valid = validateHeader(name, value); !valid)
            return valid.error();
    }
    return Ok{};
}

int serverCopyTimeoutMs(qint64 bytes)
{
    constexpr qint64 BaseMs = 30 * 1000;
    constexpr qint64 BytesPerSecond = 2 * 1024 * 1024;
    constexpr qint64 MaxMs = 30 * 60 * 1000;
    if (bytes <= 0)
        return int(BaseMs);
    return int(std::min(MaxMs, BaseMs + bytes / BytesPerSecond * 1000));
}

} // namespace s3
