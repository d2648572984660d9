// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/processtuning.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace s3 {

void tuneAllocatorForTransfers()
{
#if defined(__GLIBC__)
    // Larger than any buffer Qt or we allocate per read (1 MiB), at most 32 MiB (glibc's limit on 64-bit).
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    // Keep up to 64 MiB of free heap top instead of returning it to the kernel after every burst.
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
}

} // namespace s3
