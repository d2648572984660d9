// SPDX-License-Identifier: Apache-2.0
// ListObjectsV2 pages, with and without encoding-type=url: xml::parseListObjectsV2.
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
    const auto plain = s3::xml::parseListObjectsV2(body, false);
    const auto decoded = s3::xml::parseListObjectsV2(body, true);
    s3fuzz::checkResult(plain);
    s3fuzz::checkResult(decoded);
    // Decoding changes the texts, never whether the page parses or how many entries it has.
    S3FUZZ_CHECK(plain.ok() == decoded.ok());
    if (plain) {
        S3FUZZ_CHECK(plain->objects.size() == decoded->objects.size());
        S3FUZZ_CHECK(plain->commonPrefixes.size() == decoded->commonPrefixes.size());
        S3FUZZ_CHECK(plain->nextContinuationToken == decoded->nextContinuationToken);
        for (const s3::ObjectInfo &object : decoded->objects)
            S3FUZZ_CHECK(!object.lastModified.isValid() || object.lastModified.timeSpec() == Qt::UTC);
    }
    return 0;
}
