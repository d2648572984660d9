// SPDX-License-Identifier: Apache-2.0
#include "s3core/restore.h"

#include <QLocale>

#include "s3core/net/clockskew.h"

using namespace Qt::Literals::StringLiterals;

namespace s3::restore {

namespace {

S3Error malformed(QByteArrayView value, const QString &why)
{
    return S3Error(S3Error::Kind::Http, u"the server sent an x-amz-restore header that cannot be read (%1): %2"_s
                                            .arg(why, QString::fromLatin1(value.first(qMin<qsizetype>(value.size(), 120)).toByteArray().toPercentEncoding(" =\",:"))));
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

} // namespace

Result<RestoreStatus> parseRestoreHeader(QByteArrayView value)
{
    if (value.size() > MaxHeaderBytes)
        return malformed(value, u"longer than %1 bytes"_s.arg(MaxHeaderBytes));
    RestoreStatus status;
    bool sawOngoing = false;
    qsizetype i = 0;
    const qsizetype n = value.size();
    const auto skipSpaces = [&] {
        while (i < n && isSpace(value[i]))
            ++i;
    };
    skipSpaces();
    while (i < n) {
        const qsizetype nameStart = i;
        while (i < n && value[i] != '=' && value[i] != ',' && !isSpace(value[i]))
            ++i;
        const QByteArrayView name = value.sliced(nameStart, i - nameStart);
        skipSpaces();
        if (name.isEmpty() || i >= n || value[i] != '=')
            return malformed(value, u"expected name=\"value\""_s);
        ++i;
        skipSpaces();
        if (i >= n || value[i] != '"')
            return malformed(value, u"a value is not in quotes"_s);
        ++i;
        const qsizetype valueStart = i;
        while (i < n && value[i] != '"')
            ++i;
        if (i >= n)
            return malformed(value, u"a quote is not closed"_s);
        const QByteArrayView text = value.sliced(valueStart, i - valueStart);
        ++i;
        if (name.compare("ongoing-request", Qt::CaseInsensitive) == 0) {
            if (sawOngoing)
                return malformed(value, u"ongoing-request given twice"_s);
            sawOngoing = true;
            if (text.compare("true", Qt::CaseInsensitive) == 0)
                status.ongoing = true;
            else if (text.compare("false", Qt::CaseInsensitive) == 0)
                status.ongoing = false;
            else
                return malformed(value, u"ongoing-request is neither true nor false"_s);
        } else if (name.compare("expiry-date", Qt::CaseInsensitive) == 0) {
            if (status.expiry.isValid())
                return malformed(value, u"expiry-date given twice"_s);
            status.expiry = parseHttpDate(text);
            if (!status.expiry.isValid())
                return malformed(value, u"expiry-date is not an HTTP date"_s);
        }
        skipSpaces();
        if (i < n) {
            if (value[i] != ',')
                return malformed(value, u"expected a comma between pairs"_s);
            ++i;
            skipSpaces();
            if (i >= n)
                return malformed(value, u"ends with a comma"_s);
        }
    }
    if (!sawOngoing)
        return malformed(value, u"no ongoing-request"_s);
    status.requested = true;
    return status;
}

bool isArchiveClass(const QString &storageClass)
{
    return storageClass == QLatin1String("GLACIER") || storageClass == QLatin1String("DEEP_ARCHIVE");
}

QStringList tiers()
{
    return {u"Standard"_s, u"Bulk"_s, u"Expedited"_s};
}

QByteArray buildRestoreRequest(int days, const QString &tier)
{
    QByteArray xml = QByteArrayLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                       "<RestoreRequest xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Days>");
    xml += QByteArray::number(days);
    xml += QByteArrayLiteral("</Days>");
    if (tiers().contains(tier)) { // no other text reaches the XML
        xml += QByteArrayLiteral("<GlacierJobParameters><Tier>");
        xml += tier.toLatin1();
        xml += QByteArrayLiteral("</Tier></GlacierJobParameters>");
    }
    xml += QByteArrayLiteral("</RestoreRequest>");
    return xml;
}

QString describe(const RestoreStatus &status)
{
    if (!status.requested)
        return {};
    if (status.ongoing)
        return u"in progress"_s;
    if (!status.expiry.isValid())
        return u"available"_s;
    return u"available until %1"_s.arg(QLocale().toString(status.expiry.toLocalTime(), QLocale::ShortFormat));
}

S3Error explainArchivedRead(S3Error error, const QString &key, const QString &storageClass)
{
    if (error.code() != QLatin1String("InvalidObjectState"))
        return error;
    const QString where = storageClass.isEmpty() ? u"an archive storage class"_s : storageClass;
    error.setMessage(u"%1 is archived in %2 and must be restored before it can be downloaded (Restore…, or "
                     "s3desk-cli restore); the server said: InvalidObjectState%3"_s
                         .arg(key, where, error.message().isEmpty() ? QString() : u" (%1)"_s.arg(error.message())));
    return error;
}

} // namespace s3::restore
