// SPDX-License-Identifier: Apache-2.0
#include "s3core/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {
constexpr QFileDevice::Permissions GroupAndOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
    | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
} // namespace

Result<Ok> ensurePrivateFolder(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        const QString parent = info.absolutePath();
        if (!QDir().mkpath(parent))
            return S3Error::io(u"Cannot create the folder %1: check that its parent folders are writable"_s.arg(parent));
        // Created 0700 from the start: no moment where another user could open it.
        if (!QDir().mkdir(info.absoluteFilePath(), PrivateFolderPermissions) && !QFileInfo(path).isDir())
            return S3Error::io(u"Cannot create the folder %1: check that its parent folder is writable"_s.arg(path));
    } else if (!info.isDir()) {
        return S3Error::io(u"%1 is not a folder: move the file away so that S3Desk can keep its data there"_s.arg(path));
    }
    if (QFile::permissions(path).testAnyFlags(GroupAndOthers) && !QFile::setPermissions(path, PrivateFolderPermissions))
        return S3Error::io(u"Cannot make the folder %1 private (mode 0700): check that it belongs to you"_s.arg(path));
    return Ok{};
}

Result<Ok> tightenPrivateFile(const QString &path)
{
    if (!QFileInfo::exists(path))
        return Ok{};
    if (QFile::permissions(path).testAnyFlags(GroupAndOthers) && !QFile::setPermissions(path, PrivateFilePermissions))
        return S3Error::io(u"Cannot make the file %1 private (mode 0600): check that it belongs to you"_s.arg(path));
    return Ok{};
}

Result<Ok> ensurePrivateFile(const QString &path)
{
#ifdef Q_OS_UNIX
    // O_EXCL: create it with 0600 or leave an existing one to tightenPrivateFile(); never truncate.
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
        ::close(fd);
        return Ok{};
    }
    if (errno != EEXIST)
        return S3Error::io(u"Cannot create the file %1: %2"_s.arg(path, QString::fromLocal8Bit(std::strerror(errno))));
#else
    if (!QFileInfo::exists(path)) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, PrivateFilePermissions))
            return S3Error::io(u"Cannot create the file %1: %2"_s.arg(path, file.errorString()));
        return Ok{};
    }
#endif
    return tightenPrivateFile(path);
}

} // namespace s3
