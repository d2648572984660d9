// SPDX-License-Identifier: Apache-2.0
#include "util/format.h"

#include <QCoreApplication>
#include <QLocale>

namespace s3ui {

QString formatSize(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = double(bytes);
    int unit = -1;
    while (value >= 1024.0 && unit < 5) {
        value /= 1024.0;
        ++unit;
    }
    const int decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
    return QLocale().toString(value, 'f', decimals) + QLatin1Char(' ') + QLatin1String(units[unit]);
}

QString formatRate(double bytesPerSecond)
{
    if (bytesPerSecond <= 0)
        return {};
    return formatSize(qint64(bytesPerSecond)) + QStringLiteral("/s");
}

QString formatDuration(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 3600)
        return QStringLiteral("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (seconds < 86400)
        return QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 d %2 h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
}

QString describeEncryption(const QString &serverSideEncryption, const QString &kmsKeyId, const QString &sseCustomerAlgorithm)
{
    if (!sseCustomerAlgorithm.isEmpty())
        return QStringLiteral("SSE-C");
    if (serverSideEncryption == QLatin1String("aws:kms") || serverSideEncryption == QLatin1String("aws:kms:dsse"))
        return kmsKeyId.isEmpty() ? QStringLiteral("SSE-KMS") : QStringLiteral("SSE-KMS (%1)").arg(kmsKeyId);
    if (serverSideEncryption == QLatin1String("AES256"))
        return QStringLiteral("SSE-S3");
    if (!serverSideEncryption.isEmpty())
        return serverSideEncryption;
    return QCoreApplication::translate("s3ui::Encryption", "None");
}

} // namespace s3ui
