// SPDX-License-Identifier: Apache-2.0
// <Error> bodies: xml::parseError (any status) and xml::isErrorDocument, which decide how a failed answer reads.
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
    const bool isError = s3::xml::isErrorDocument(body);
    for (const int status : {200, 403, 404, 503}) {
        const s3::S3Error error = s3::xml::parseError(body, status);
        if (error.isError()) {
            // parseError only turns a document whose root is <Error> into an error.
            S3FUZZ_CHECK(isError);
            S3FUZZ_CHECK(error.httpStatus() == status);
            s3fuzz::checkError(error);
        }
    }
    return 0;
}
