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

QDateTime parseExpiration(const QString &text)
{
    QString s = text.trimmed();
    if (s.size() > 64)
        return {};
    if (s.endsWith(QLatin1String("UTC")))
        s = s.left(s.size() - 3).trimmed() + QLatin1Char('Z');
    // Qt reads at most milliseconds: longer fractions are cut to three digits (sub-millisecond does not matter).
    const qsizetype dot = s.indexOf(QLatin1Char('.'));
    if (dot > 0) {
        qsizetype end = dot + 1;
        while (end < s.size() && s.at(end).isDigit())
            ++end;
        if (end - dot - 1 > 3)
            s.remove(dot + 4, end - dot - 4);
    }
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!dt.isValid())
        return {};
    if (dt.timeSpec() == Qt::LocalTime)
        dt = QDateTime(dt.date(), dt.time(), Qt::UTC);
    dt = dt.toUTC();
    // Years before 1970 or past 9999 are no expiry anyone issues, and they do not survive a write and read back
    // (awscli's cache format has four-digit years).
    if (dt.date().year() < 1970 || dt.date().year() > 9999)
        return {};
    return dt;
}

} // namespace s3
