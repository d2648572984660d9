// SPDX-License-Identifier: Apache-2.0
// A download's state file (".s3desk\<token>.state"): it lies in a folder other programs write to.
#include "fuzzsupport.h"
#include "s3core/transfer/downloadstate.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    s3fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const s3::DownloadState state = s3::DownloadState::fromJson(s3fuzz::toBytes(data, size));
    if (state.size < 0) {
        S3FUZZ_CHECK(state.ranges.isEmpty());
        return 0;
    }
    // Every range lies inside the object, in order, without overlap, and a written state reads back the same.
    qint64 end = 0;
    for (const s3::DownloadStateRange &range : state.ranges) {
        S3FUZZ_CHECK(range.offset >= end && range.length > 0 && range.kept > 0 && range.kept <= range.length);
        S3FUZZ_CHECK(range.offset + range.length <= state.size);
        end = range.offset + range.length;
    }
    S3FUZZ_CHECK(state.keptBytes() <= state.size);
    const s3::DownloadState again = s3::DownloadState::fromJson(state.toJson());
    S3FUZZ_CHECK(again.size == state.size && again.ranges == state.ranges);
    return 0;
}
