// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QByteArrayView>
#include <QDateTime>
#include <QString>

#include "s3core/s3core_export.h"

namespace s3 {

/** True when the ETag (quotes allowed) has the form of an MD5: exactly 32 hex digits. */
S3CORE_EXPORT bool hasMd5Form(QStringView etag);

/**
 * True when an object's ETag is the MD5 of its bytes, so a download can be checked against it. S3 gives the
 * MD5 only for objects stored in one piece without encryption or with SSE-S3 (AES256). SSE-KMS ("aws:kms",
 * "aws:kms:dsse") and SSE-C (a customer algorithm header) objects have ETags of the same form that are not
 * their MD5, and multipart objects have "<hex>-N". The arguments are the values of the ETag,
 * x-amz-server-side-encryption and x-amz-server-side-encryption-customer-algorithm headers (empty if absent).
 */
S3CORE_EXPORT bool etagIsMd5(QStringView etag, QStringView serverSideEncryption, QStringView sseCustomerAlgorithm);

/** What sync knows of one file present on both sides. */
struct SyncSides
{
    qint64 localSize = 0;
    QDateTime localModified;
    qint64 remoteSize = 0;
    QString remoteEtag;         ///< from the listing (listings carry no encryption headers)
    QDateTime remoteModified;
    bool upload = true;         ///< true: local -> bucket; false: bucket -> local
};

/**
 * Whether sync transfers a file that exists on both sides. Different sizes: yes. An ETag of MD5 form equal
 * to the local file's MD5 (computed only then, by localMd5Hex): no. Otherwise (a multipart ETag, or one of
 * MD5 form that differs, which is what SSE-KMS and SSE-C objects always show since a listing cannot say
 * they are encrypted): by time, as aws s3 sync does: the source side must be newer than the other.
 */
S3CORE_EXPORT bool syncWantsTransfer(const SyncSides &sides, const std::function<QString()> &localMd5Hex);

} // namespace s3
