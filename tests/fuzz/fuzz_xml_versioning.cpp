// SPDX-License-Identifier: Apache-2.0
// GetBucketVersioning answers: xml::parseVersioningConfiguration.
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
    const auto status = s3::xml::parseVersioningConfiguration(body);
    s3fuzz::checkResult(status);
    // A status that can be set survives a round trip through the builder.
    if (status && *status != s3::BucketVersioning::Unversioned) {
        const auto again = s3::xml::parseVersioningConfiguration(s3::xml::buildVersioningConfiguration(*status));
        S3FUZZ_CHECK(again && *again == *status);
    }
    return 0;
}
