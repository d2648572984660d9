// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "s3core/s3core_export.h"

namespace s3 {

/**
 * Process-wide settings that make bulk transfers cheaper; call once, first thing in main(), before any thread
 * starts. Measured on a 1 GiB download from a local Ceph RGW (client CPU 1.5 s -> 0.9 s):
 *  - glibc malloc keeps freed memory for reuse (fixed mmap and trim thresholds). Qt's network stack allocates a
 *    fresh buffer for every socket read; with the default adaptive thresholds the heap was trimmed and grown
 *    again all the time and page faults on the new pages were a third of the download's CPU.
 * A no-op where the C library is not glibc.
 */
S3CORE_EXPORT void tuneAllocatorForTransfers();

/**
 * Makes threads started from now on use Qt's plain UNIX event dispatcher instead of the GLib one (QT_NO_GLIB,
 * unless the user set it). Qt moves every 16 KiB of an upload between the caller's and the HTTP thread with
 * queued events; the GLib loop made that ~15% more expensive. Call it before QCoreApplication for a program
 * without GUI; a GUI program calls it after QApplication, so the GUI thread keeps the GLib loop that platform
 * themes rely on while the engine and network threads get the cheaper one.
 */
S3CORE_EXPORT void preferPlainEventDispatcherForNewThreads();

} // namespace s3
