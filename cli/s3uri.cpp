// SPDX-License-Identifier: Apache-2.0
#include "s3uri.h"

#include <QDir>
#include <QFileInfo>

namespace s3cli {

bool isS3Uri(const QString &text)
{
    return text.startsWith(QLatin1String("s3://"), Qt::CaseInsensitive);
}

s3::Result<S3Uri> parseS3Uri(const QString &text)
{
    if (!isS3Uri(text))
        return s3::S3Error::invalid(QStringLiteral("'%1' is not an s3://BUCKET/KEY address").arg(text));
    const QString rest = text.mid(5);
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    S3Uri uri;
    uri.bucket = slash < 0 ? rest : rest.left(slash);
    uri.key = slash < 0 ? QString() : rest.mid(slash + 1);
    if (uri.bucket.isEmpty())
        return s3::S3Error::invalid(QStringLiteral("'%1' names no bucket").arg(text));
    return uri;
}

s3::Result<QString> localTargetForKey(const QString &localPath, const QString &key)
{
    const QFileInfo info(localPath);
    if (!info.isDir() && !localPath.endsWith(QLatin1Char('/')))
        return localPath;
    const QString name = key.section(QLatin1Char('/'), -1);
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String("..") || name.contains(QLatin1Char('\\')))
        return s3::S3Error::invalid(QStringLiteral("the key '%1' has no usable file name; give the local file name explicitly").arg(key));
    return QDir(localPath).filePath(name);
}

} // namespace s3cli
