// SPDX-License-Identifier: Apache-2.0
#include "s3core/etag.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

bool hasMd5Form(QStringView etag)
{
    QStringView value = etag.trimmed();
    if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
        value = value.sliced(1, value.size() - 2);
    if (value.size() != 32)
        return false;
    for (const QChar c : value) {
        if (!(c >= u'0' && c <= u'9') && !(c >= u'a' && c <= u'f') && !(c >= u'A' && c <= u'F'))
            return false;
    }
    return true;
}

bool etagIsMd5(QStringView etag, QStringView serverSideEncryption, QStringView sseCustomerAlgorithm)
{
    if (!hasMd5Form(etag))
        return false; // multipart ("-N"), empty or another server's own form
    if (!sseCustomerAlgorithm.trimmed().isEmpty())
        return false; // SSE-C
    const QStringView sse = serverSideEncryption.trimmed();
    // No header or SSE-S3: the ETag is the MD5. Anything else (aws:kms, aws:kms:dsse, or a kind not known yet)
    // is not trusted to be one.
    return sse.isEmpty() || sse.compare(u"AES256"_s, Qt::CaseInsensitive) == 0;
}

} // namespace s3
