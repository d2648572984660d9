// SPDX-License-Identifier: Apache-2.0
// ListParts answers (what a resumed upload trusts): xml::parseListParts.
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
    const auto result = s3::xml::parseListParts(body);
    s3fuzz::checkResult(result);
    if (result) {
        for (const s3::PartInfo &part : result->parts)
            S3FUZZ_CHECK(!part.lastModified.isValid() || part.lastModified.timeSpec() == Qt::UTC);
    }
    return 0;
}
