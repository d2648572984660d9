// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/filerangedevice.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace s3 {

FileRangeDevice::FileRangeDevice(QString path, qint64 offset, qint64 length, QObject *parent)
    : QIODevice(parent)
    , m_path(std::move(path))
    , m_offset(offset)
    , m_length(length)
{
}

FileRangeDevice::~FileRangeDevice()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<Ok> FileRangeDevice::openRange()
{
    const QByteArray native = QFile::encodeName(m_path);
    m_fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0)
        return S3Error::io(QStringLiteral("cannot open %1: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(errno))));
    struct stat st {};
    if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode))
        return S3Error::io(QStringLiteral("%1 is not a regular file").arg(m_path));
    if (m_length < 0)
        m_length = st.st_size - m_offset;
    // m_length < 0 also catches an offset past the end of the file when the length was "to the end".
    if (m_offset < 0 || m_length < 0 || m_offset + m_length > st.st_size)
        return S3Error::io(QStringLiteral("%1 is shorter than expected (%2 bytes, needed %3): was it changed?")
                               .arg(m_path).arg(st.st_size).arg(m_offset + std::max<qint64>(m_length, 0)));
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    return Ok{};
}

bool FileRangeDevice::seek(qint64 pos)
{
    if (pos < 0 || pos > m_length)
        return false;
    return QIODevice::seek(pos);
}

qint64 FileRangeDevice::readData(char *data, qint64 maxSize)
{
    const qint64 remaining = m_length - pos();
    if (remaining <= 0)
        return -1; // end of the window
    const qint64 want = std::min(maxSize, remaining);
    const ssize_t got = ::pread(m_fd, data, size_t(want), m_offset + pos());
    if (got < 0) {
        setErrorString(QString::fromLocal8Bit(std::strerror(errno)));
        return -1;
    }
    if (got == 0) {
        setErrorString(QStringLiteral("%1 became shorter while it was being sent").arg(m_path));
        return -1;
    }
    return got;
}

} // namespace s3
