// SPDX-License-Identifier: Apache-2.0
// CreateMultipartUpload answers: xml::parseInitiateMultipartUpload.
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
    const auto result = s3::xml::parseInitiateMultipartUpload(body);
    s3fuzz::checkResult(result);
    // Every later request of the upload names this id: a success without one would send "uploadId=".
    if (result)
        S3FUZZ_CHECK(!result->uploadId.isEmpty() && result->uploadId == result->uploadId.trimmed());
    return 0;
}
