// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QtGlobal>

/**
 * The few operating-system calls the transfer engine uses that POSIX does not define alike everywhere. Each has
 * a portable fallback, so s3core builds wherever Qt does; Linux gets the specific call.
 */
namespace s3::platform {

/**
 * Reserves size bytes for fd so a full disk shows up now, not halfway through a download. Returns 0, ENOSPC
 * when the space is not there, or another errno value when the file system cannot reserve (callers go on: the
 * file is sized with ftruncate anyway).
 */
int preallocate(int fd, qint64 size);

/**
 * Starts writing [offset, offset + length) of fd to disk without waiting, so the final sync before a rename has
 * little left to do. A hint: a no-op where the system has no such call.
 */
void startWriteback(int fd, qint64 offset, qint64 length);

/** Flushes fd's data to stable storage (fsync, or F_FULLFSYNC where fsync stops at the drive's cache). errno on failure. */
int syncToDisk(int fd);

/** A socket that is not inherited by child processes; -1 with errno on failure. */
int openSocket(int family, int type, int protocol);

enum class SocketState {
    Quiet,   ///< nothing to read, still open
    Readable ///< bytes waiting, an end of stream or an error
};
/** Whether an idle connection has something to read, without taking it and without blocking. */
SocketState peekSocket(int fd);

/** Lowers the calling thread's scheduling priority a little, where the system has per-thread priorities. */
void lowerCurrentThreadPriority();

} // namespace s3::platform
