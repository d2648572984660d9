// SPDX-License-Identifier: Apache-2.0
// GetBucketLocation answers: xml::parseBucketLocation.
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
    const auto result = s3::xml::parseBucketLocation(body);
    s3fuzz::checkResult(result);
    if (result)
        S3FUZZ_CHECK(*result == result->trimmed());
    return 0;
}
