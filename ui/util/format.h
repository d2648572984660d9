// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace s3ui {

/** "0 B", "512 B", "1.5 KiB", "12.3 MiB", "4.00 GiB" (binary units, three significant digits). */
QString formatSize(qint64 bytes);
/** "12.3 MiB/s"; empty for a non-positive rate. */
QString formatRate(double bytesPerSecond);
/** "5 s", "3 min 20 s", "2 h 05 min", "3 d 4 h"; empty for a negative (unknown) duration. */
QString formatDuration(qint64 seconds);
/**
 * How an object is encrypted at rest, from its HEAD headers: "SSE-C" (a customer key), "SSE-KMS (key id)",
 * "SSE-KMS" (the account's default key), "SSE-S3", another scheme as the server names it, or "None".
 */
QString describeEncryption(const QString &serverSideEncryption, const QString &kmsKeyId, const QString &sseCustomerAlgorithm);

} // namespace s3ui
