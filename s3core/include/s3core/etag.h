// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArrayView>
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

} // namespace s3
