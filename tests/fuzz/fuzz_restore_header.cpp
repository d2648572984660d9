// SPDX-License-Identifier: Apache-2.0
// HEAD's x-amz-restore header: parseRestoreHeader and the text shown for what it finds.
#include "fuzzsupport.h"
#include "s3core/restore.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    s3fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray header = s3fuzz::toBytes(data, size);
    const s3::Result<s3::RestoreStatus> status = s3::restore::parseRestoreHeader(header);
    if (status) {
        S3FUZZ_CHECK(header.size() <= s3::restore::MaxHeaderBytes);
        S3FUZZ_CHECK(status->requested);
        S3FUZZ_CHECK(!status->expiry.isValid() || status->expiry.timeSpec() == Qt::UTC);
        S3FUZZ_CHECK(!s3::restore::describe(*status).isEmpty());
    } else {
        S3FUZZ_CHECK(status.error().message().contains(QLatin1String("x-amz-restore")));
    }
    return 0;
}
