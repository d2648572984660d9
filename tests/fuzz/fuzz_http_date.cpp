// SPDX-License-Identifier: Apache-2.0
// A server's Date header: parseHttpDate and the clock offset the client would sign with after it.
#include "fuzzsupport.h"
#include "s3core/net/clockskew.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    s3fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray header = s3fuzz::toBytes(data, size);
    const QDateTime time = s3::parseHttpDate(header);
    if (time.isValid()) {
        S3FUZZ_CHECK(time.timeSpec() == Qt::UTC);
        S3FUZZ_CHECK(header.trimmed().size() <= 64);
    }
    const QDateTime local = QDateTime::fromSecsSinceEpoch(1796000000, Qt::UTC);
    for (const bool refused : {false, true}) {
        const std::optional<qint64> offset = s3::correctedClockOffset(time, local, 0, refused);
        if (offset)
            S3FUZZ_CHECK(time.isValid() && *offset == local.msecsTo(time));
        else if (!refused && time.isValid())
            S3FUZZ_CHECK(qAbs(local.msecsTo(time)) < s3::ClockSkewThresholdMs);
    }
    return 0;
}
