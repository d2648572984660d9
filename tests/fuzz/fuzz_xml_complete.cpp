// SPDX-License-Identifier: Apache-2.0
// CompleteMultipartUpload answers (a 200 may carry an <Error>): xml::parseCompleteMultipartUpload.
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
    s3fuzz::checkResult(s3::xml::parseCompleteMultipartUpload(body));
    return 0;
}
