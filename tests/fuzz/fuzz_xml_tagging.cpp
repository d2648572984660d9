// SPDX-License-Identifier: Apache-2.0
// GetObjectTagging and GetObjectAcl answers: xml::parseTagging and xml::isAccessControlPolicy (the ACL is sent
// back to the server verbatim by a copy that keeps permissions, so only its shape is checked).
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
    const auto tags = s3::xml::parseTagging(body);
    s3fuzz::checkResult(tags);
    if (tags) {
        S3FUZZ_CHECK(tags->size() <= s3::xml::MaxTagsInAnswer);
        for (qsizetype i = 0; i < tags->size(); ++i) {
            S3FUZZ_CHECK(!tags->at(i).key.isEmpty());
            for (qsizetype j = i + 1; j < tags->size(); ++j)
                S3FUZZ_CHECK(tags->at(i).key != tags->at(j).key);
        }
        // What was parsed survives a round trip through the builder.
        const auto again = s3::xml::parseTagging(s3::xml::buildTagging(*tags));
        S3FUZZ_CHECK(again && *again == *tags);
    }
    (void)s3::xml::isAccessControlPolicy(body);
    return 0;
}
