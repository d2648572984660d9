// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/credentials.h"

#include <QDebugStateSaver>

namespace s3 {

Credentials mergeCredentials(const QList<Credentials> &candidates)
{
    Credentials merged;
    for (const Credentials &c : candidates) {
        if (merged.accessKeyId.isEmpty())
            merged.accessKeyId = c.accessKeyId;
        if (merged.secretAccessKey.isEmpty())
            merged.secretAccessKey = c.secretAccessKey;
        if (merged.sessionToken.isEmpty())
            merged.sessionToken = c.sessionToken;
        if (!merged.expiry.isValid())
            merged.expiry = c.expiry;
        if (merged.source.isEmpty())
            merged.source = c.source;
    }
    return merged;
}

Credentials credentialsFromUrl(const QUrl &url)
{
    Credentials credentials;
    // FullyDecoded: a secret containing '/', '+' or '@' must be percent-encoded in the URL.
    credentials.accessKeyId = url.userName(QUrl::FullyDecoded);
    credentials.secretAccessKey = url.password(QUrl::FullyDecoded);
    if (!credentials.accessKeyId.isEmpty() || !credentials.secretAccessKey.isEmpty())
        credentials.source = QStringLiteral("endpoint URL");
    return credentials;
}

QDebug operator<<(QDebug debug, const Credentials &credentials)
{
    const QDebugStateSaver saver(debug);
    const auto redacted = [](const QString &value) {
        return value.isEmpty() ? QStringLiteral("<empty>") : QStringLiteral("<redacted>");
    };
    debug.nospace().noquote() << "Credentials(accessKeyId=" << credentials.accessKeyId
                              << ", secretAccessKey=" << redacted(credentials.secretAccessKey)
                              << ", sessionToken=" << redacted(credentials.sessionToken);
    if (credentials.expiry.isValid())
        debug << ", expiry=" << credentials.expiry.toUTC().toString(Qt::ISODate);
    if (!credentials.source.isEmpty())
        debug << ", source=" << credentials.source;
    debug << ')';
    return debug;
}

} // namespace s3
