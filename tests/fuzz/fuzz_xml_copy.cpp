// SPDX-License-Identifier: Apache-2.0
// CopyObject and UploadPartCopy answers (a 200 may carry an <Error>): xml::parseCopyObject.
#include "fuzzsupport.h"
#include "s3core/xml/s3xml.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    s3fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = s3fuzz::toBytes(data, size);
    const auto result = s3::xml::parseCopyObject(body);
    s3fuzz::checkResult(result);
    if (result)
        S3FUZZ_CHECK(!result->lastModified.isValid() || result->lastModified.timeSpec() == Qt::UTC);
    return 0;
}
