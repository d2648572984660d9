// SPDX-License-Identifier: Apache-2.0
#include "browser/s3location.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("S3Location", text);
}

/** Characters S3 has ever allowed in a bucket name (legacy us-east-1 names include upper case and '_'). */
bool isBucketCharacter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'-'
        || c == u'_';
}

} // namespace

s3::Result<S3Location> parseS3Location(const QString &typed)
{
    QString text = typed.trimmed();
    for (const QChar c : std::as_const(text)) {
        if (c.category() == QChar::Other_Control)
            return s3::S3Error::invalid(tr("A location cannot contain control characters."));
    }
    if (text.startsWith(u"http://"_s, Qt::CaseInsensitive) || text.startsWith(u"https://"_s, Qt::CaseInsensitive))
        return s3::S3Error::invalid(tr("Type an S3 location such as s3://bucket/folder/, not a web address."));
    if (text.startsWith(u"s3://"_s, Qt::CaseInsensitive))
        text = text.mid(5);
    else if (text.contains(u"://"_s))
        return s3::S3Error::invalid(tr("Type an S3 location such as s3://bucket/folder/."));
    while (text.startsWith(u'/'))
        text.remove(0, 1);
    const qsizetype slash = text.indexOf(u'/');
    S3Location location;
    location.bucket = slash < 0 ? text : text.left(slash);
    location.prefix = slash < 0 ? QString() : text.mid(slash + 1);
    if (location.bucket.size() > 63)
        return s3::S3Error::invalid(tr("A bucket name has at most 63 characters."));
    for (const QChar c : std::as_const(location.bucket)) {
        if (!isBucketCharacter(c))
            return s3::S3Error::invalid(tr("\"%1\" is not a bucket name: bucket names have letters, digits, '.', '-' "
                                           "and '_' only.")
                                            .arg(location.bucket));
    }
    if (!location.prefix.isEmpty() && !location.prefix.endsWith(u'/'))
        location.prefix += u'/';
    if (location.prefix.toUtf8().size() > 1024)
        return s3::S3Error::invalid(tr("A key has at most 1,024 bytes."));
    return location;
}

} // namespace s3ui
