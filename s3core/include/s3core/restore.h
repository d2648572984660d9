// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include "s3core/result.h"
#include "s3core/s3core_export.h"
#include "s3core/types.h"

namespace s3::restore {

/** The longest x-amz-restore value accepted (AWS sends under 100 bytes). */
constexpr qsizetype MaxHeaderBytes = 1024;
constexpr int MinDays = 1;
constexpr int MaxDays = 30000; // what the S3 console accepts

/**
 * Parses HEAD's x-amz-restore: `ongoing-request="true"`, or `ongoing-request="false", expiry-date="Fri, 21 Dec
 * 2012 00:00:00 GMT"`. Pairs are name="value", separated by commas; unknown names are skipped (S3 may add some),
 * ongoing-request is required and must be true or false, expiry-date when present must be an HTTP date. Any
 * other shape is an error naming the header.
 */
S3CORE_EXPORT Result<RestoreStatus> parseRestoreHeader(QByteArrayView value);

/** Storage classes whose objects must be restored before a GET (GLACIER, DEEP_ARCHIVE). */
S3CORE_EXPORT bool isArchiveClass(const QString &storageClass);
/** The retrieval tiers, in the order to offer them: Standard, Bulk, Expedited. */
S3CORE_EXPORT QStringList tiers();
/** The RestoreRequest body of RestoreObject: Days and GlacierJobParameters/Tier (left out unless one of tiers()). */
S3CORE_EXPORT QByteArray buildRestoreRequest(int days, const QString &tier);
/** "in progress", "available until <local date and time>", or empty when no restore was asked for. */
S3CORE_EXPORT QString describe(const RestoreStatus &status);
/**
 * A GET refused because the object is archived (403 InvalidObjectState) gets a message saying so and what to
 * do; other errors are returned as they are.
 */
S3CORE_EXPORT S3Error explainArchivedRead(S3Error error, const QString &key, const QString &storageClass = {});

} // namespace s3::restore
