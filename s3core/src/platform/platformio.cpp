// SPDX-License-Identifier: Apache-2.0
#include "platform/platformio.h"

#include <cerrno>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#if defined(Q_OS_LINUX)
#include <sys/resource.h>
#include <sys/syscall.h>
#endif

namespace s3::platform {

int preallocate(int fd, qint64 size)
{
    if (size <= 0)
        return 0;
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return ::posix_fallocate(fd, 0, off_t(size));
#elif defined(Q_OS_DARWIN)
    fstore_t store{F_ALLOCATEALL, F_PEOFPOSMODE, 0, off_t(size), 0};
    if (::fcntl(fd, F_PREALLOCATE, &store) == 0)
        return 0;
    return errno;
#else
    Q_UNUSED(fd);
    return EOPNOTSUPP;
#endif
}

void startWriteback(int fd, qint64 offset, qint64 length)
{
#if defined(Q_OS_LINUX)
    ::sync_file_range(fd, off_t(offset), off_t(length), SYNC_FILE_RANGE_WRITE);
#else
    Q_UNUSED(fd);
    Q_UNUSED(offset);
    Q_UNUSED(length);
#endif
}

int syncToDisk(int fd)
{
#if defined(Q_OS_DARWIN)
    if (::fcntl(fd, F_FULLFSYNC) == 0)
        return 0; // not every file system supports it: plain fsync below
#endif
    return ::fsync(fd) == 0 ? 0 : errno;
}

int openSocket(int family, int type, int protocol)
{
#if defined(SOCK_CLOEXEC)
    return ::socket(family, type | SOCK_CLOEXEC, protocol);
#else
    const int fd = ::socket(family, type, protocol);
    if (fd >= 0)
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    return fd;
#endif
}

SocketState peekSocket(int fd)
{
#if defined(MSG_DONTWAIT)
    char probe = 0;
    const ssize_t n = ::recv(fd, &probe, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? SocketState::Quiet : SocketState::Readable;
#else
    pollfd entry{fd, POLLIN, 0};
    if (::poll(&entry, 1, 0) == 0)
        return SocketState::Quiet;
    return SocketState::Readable;
#endif
}

void lowerCurrentThreadPriority()
{
#if defined(Q_OS_LINUX)
    // On Linux a thread id names one thread for setpriority; threads started later inherit the value.
    ::setpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)), 5);
#endif
}

} // namespace s3::platform
