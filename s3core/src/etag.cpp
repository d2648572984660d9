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

bool syncWantsTransfer(const SyncSides &sides, const std::function<QString()> &localMd5Hex)
{
    if (sides.localSize != sides.remoteSize)
        return true;
    if (hasMd5Form(sides.remoteEtag)) {
        QString etag = sides.remoteEtag.trimmed();
        etag.remove(u'"');
        const QString md5 = localMd5Hex();
        if (!md5.isEmpty() && md5.compare(etag, Qt::CaseInsensitive) == 0)
            return false;
    }
    return sides.upload ? sides.localModified.toUTC() > sides.remoteModified : sides.remoteModified > sides.localModified.toUTC();
}

} // namespace s3
