// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/localpaths.h"

#include <QDir>
#include <QRegularExpression>

namespace s3 {

Result<QString> localPathForKey(const QString &root, const QString &prefix, const QString &key)
{
    const auto refuse = [&key](const QString &why) {
        return S3Error::invalid(QStringLiteral("the key '%1' cannot be saved locally: %2").arg(key, why));
    };
    if (!key.startsWith(prefix))
        return refuse(QStringLiteral("it is not under the prefix '%1'").arg(prefix));
    const QString relative = key.mid(prefix.size());
    if (relative.contains(QChar(0)))
        return refuse(QStringLiteral("it contains a NUL character"));
    if (relative.contains(QLatin1Char('\\')))
        return refuse(QStringLiteral("it contains a backslash"));
    QStringList kept;
    const QStringList segments = relative.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        if (segment.isEmpty())
            continue; // "a//b" and a leading '/' do not make absolute paths here
        if (segment == QLatin1String(".") || segment == QLatin1String(".."))
            return refuse(QStringLiteral("it has a '%1' segment, which would leave the chosen folder").arg(segment));
        if (segment.size() >= 2 && segment.at(1) == QLatin1Char(':'))
            return refuse(QStringLiteral("it looks like a drive letter"));
        kept.append(segment);
    }
    if (kept.isEmpty()) {
        // The prefix's own folder marker ("dir/" when "dir/" is downloaded): the chosen folder itself.
        if (key.endsWith(QLatin1Char('/')))
            return QString(QDir::cleanPath(root) + QLatin1Char('/'));
        return refuse(QStringLiteral("it names no file"));
    }
    QString path = QDir::cleanPath(root) + QLatin1Char('/') + kept.join(QLatin1Char('/'));
    if (relative.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    return path;
}

QString keyForLocalFile(const QString &root, const QString &filePath, const QString &prefix)
{
    QString relative = QDir(root).relativeFilePath(filePath);
    relative.replace(QLatin1Char('\\'), QLatin1Char('/'));
    return prefix + relative;
}

qint64 parseByteSize(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d+)\\s*([kmgt]?)(i?b)?\\s*$"), QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return -1;
    bool ok = false;
    qint64 value = match.captured(1).toLongLong(&ok);
    if (!ok)
        return -1;
    const QString unit = match.captured(2).toLower();
    const int shift = unit == QLatin1String("k") ? 10 : unit == QLatin1String("m") ? 20 : unit == QLatin1String("g") ? 30 : unit == QLatin1String("t") ? 40 : 0;
    if (shift && value > (std::numeric_limits<qint64>::max() >> shift))
        return -1;
    return value << shift;
}

} // namespace s3
