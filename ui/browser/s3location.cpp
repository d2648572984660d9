// SPDX-License-Identifier: Apache-2.0
#include "browser/s3location.h"

#include <cctype>
#include <optional>

#include <QCoreApplication>
#include <QStringDecoder>

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {

/** Characters S3 has ever allowed in a bucket name (legacy us-east-1 names include upper case and '_'). */
bool isBucketCharacter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'-'
        || c == u'_';
}

bool isAsciiLetterOrDigit(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

bool hasControlCharacter(const QString &text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

/** Percent-decodes a part of a link; nullopt when a '%' is not followed by two hex digits or the bytes are not UTF-8. */
std::optional<QString> percentDecoded(const QString &part)
{
    const QByteArray utf8 = part.toUtf8();
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        if (utf8[i] != '%')
            continue;
        if (i + 2 >= utf8.size() || !std::isxdigit(static_cast<unsigned char>(utf8[i + 1]))
            || !std::isxdigit(static_cast<unsigned char>(utf8[i + 2])))
            return std::nullopt;
        i += 2;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString decoded = decoder(QByteArray::fromPercentEncoding(utf8));
    if (decoder.hasError())
        return std::nullopt;
    return decoded;
}

} // namespace

s3::Result<S3UrlTarget> parseS3Url(const QString &url)
{
    const QString text = url.trimmed();
    if (!text.startsWith(u"s3://"_s, Qt::CaseInsensitive))
        return s3::S3Error::invalid(QCoreApplication::translate("S3Location", "\"%1\" is not an s3:// link (s3://bucket/folder/ or s3://bucket/folder/file).").arg(text));
    const QString rest = text.mid(5);
    const qsizetype slash = rest.indexOf(u'/');
    const std::optional<QString> bucket = percentDecoded(slash < 0 ? rest : rest.left(slash));
    const std::optional<QString> key = percentDecoded(slash < 0 ? QString() : rest.mid(slash + 1));
    if (!bucket || !key)
        return s3::S3Error::invalid(QCoreApplication::translate("S3Location", "The link %1 is not percent-encoded correctly (write a '%' in a name as %25).").arg(text));
    if (hasControlCharacter(*bucket) || hasControlCharacter(*key) || hasControlCharacter(text))
        return s3::S3Error::invalid(QCoreApplication::translate("S3Location", "A location cannot contain control characters."));
    if (bucket->isEmpty())
        return s3::S3Error::invalid(QCoreApplication::translate("S3Location", "The link %1 names no bucket (s3://bucket/folder/).").arg(text));
    bool bucketValid = bucket->size() >= 3 && bucket->size() <= 63 && isAsciiLetterOrDigit(bucket->front())
        && isAsciiLetterOrDigit(bucket->back());
    for (const QChar c : *bucket)
        bucketValid = bucketValid && isBucketCharacter(c);
    if (!bucketValid)
        return s3::S3Error::invalid(QCoreApplication::translate("S3Location", "\"%1\" is not a bucket name: bucket names have 3 to 63 letters, digits, '.', '-' "
                                       "and '_', and begin and end with a letter or digit.")
                                        .arg(*bucket));
    if (key->toUtf8().size() > 1024)
        return s3::S3Error::invalid(QCoreApplication::translate("S3Location", "A key has at most 1,024 bytes."));
    S3UrlTarget target;
    target.bucket = *bucket;
    const qsizetype lastSlash = key->lastIndexOf(u'/');
    target.prefix = key->left(lastSlash + 1);
    target.name = key->mid(lastSlash + 1);
    return target;
}

s3::Result<S3Location> parseS3Location(const QString &typed)
{
    QString text = typed.trimmed();
    for (const QChar c : std::as_const(text)) {
        if (c.category() == QChar::Other_Control)
            return s3::S3Error::invalid(QCoreApplication::translate("S3Location", "A location cannot contain control characters."));
    }
    if (text.startsWith(u"http://"_s, Qt::CaseInsensitive) || text.startsWith(u"https://"_s, Qt::CaseInsensitive))
        return s3::S3Error::invalid(QCoreApplication::translate("S3Location", "Type an S3 location such as s3://bucket/folder/, not a web address."));
    if (text.startsWith(u"s3://"_s, Qt::CaseInsensitive))
        text = text.mid(5);
    else if (text.contains(u"://"_s))
        return s3::S3Error::invalid(QCoreApplication::translate("S3Location", "Type an S3 location such as s3://bucket/folder/."));
    while (text.startsWith(u'/'))
        text.remove(0, 1);
    const qsizetype slash = text.indexOf(u'/');
    S3Location location;
    location.bucket = slash < 0 ? text : text.left(slash);
    location.prefix = slash < 0 ? QString() : text.mid(slash + 1);
    if (location.bucket.size() > 63)
        return s3::S3Error::invalid(QCoreApplication::translate("S3Location", "A bucket name has at most 63 characters."));
    for (const QChar c : std::as_const(location.bucket)) {
        if (!isBucketCharacter(c))
            return s3::S3Error::invalid(QCoreApplication::translate("S3Location", "\"%1\" is not a bucket name: bucket names have letters, digits, '.', '-' "
                                           "and '_' only.")
                                            .arg(location.bucket));
    }
    if (!location.prefix.isEmpty() && !location.prefix.endsWith(u'/'))
        location.prefix += u'/';
    if (location.prefix.toUtf8().size() > 1024)
        return s3::S3Error::invalid(QCoreApplication::translate("S3Location", "A key has at most 1,024 bytes."));
    return location;
}

} // namespace s3ui
