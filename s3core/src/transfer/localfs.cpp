// SPDX-License-Identifier: Apache-2.0
// Local file system walks that never leave the folder the user chose. POSIX *at() calls: Linux is the target,
// and they exist on the BSDs and macOS as well.
#include "s3core/transfer/localfs.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

namespace s3::localfs {

using namespace Qt::Literals::StringLiterals;

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QString joined(const QString &root, const QString &rest)
{
    if (rest.isEmpty())
        return root;
    return root.endsWith(u'/') ? QString(root + rest) : QString(root + u'/' + rest);
}

int openRoot(const QString &root)
{
    return ::open(QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

/** Why openat(O_NOFOLLOW | O_DIRECTORY) of segment failed, as a message naming the path. */
S3Error segmentError(int parent, const QByteArray &segment, const QString &path, int error)
{
    struct stat st {};
    if ((error == ELOOP || error == ENOTDIR || error == EMLINK) && ::fstatat(parent, segment.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(st.st_mode))
            return S3Error::io(u"%1 is a symbolic link; S3Desk never follows links below the folder it downloads into"_s.arg(path));
        if (!S_ISDIR(st.st_mode))
            return S3Error::io(u"%1 is a file, not a folder"_s.arg(path));
    }
    return S3Error::io(u"cannot open the folder %1: %2"_s.arg(path, errnoText(error)));
}

Result<Directory> walk(const QString &root, const QString &folder, bool create, bool missingIsOk)
{
    if (create && !QDir().mkpath(root))
        return S3Error::io(u"cannot create the folder %1"_s.arg(root));
    int fd = openRoot(root);
    if (fd < 0) {
        const int error = errno;
        if (missingIsOk && error == ENOENT)
            return Directory{};
        return S3Error::io(u"cannot open the folder %1: %2"_s.arg(root, errnoText(error)));
    }
    Directory current(fd, root);
    QString walked;
    for (const QString &segment : folder.split(u'/', Qt::SkipEmptyParts)) {
        walked = walked.isEmpty() ? segment : walked + u'/' + segment;
        const QString path = joined(root, walked);
        const QByteArray name = QFile::encodeName(segment);
        if (name == "." || name == "..")
            return S3Error::invalid(u"%1 leaves the chosen folder"_s.arg(path));
        int next = ::openat(current.fd(), name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0 && errno == ENOENT) {
            if (!create)
                return missingIsOk ? Result<Directory>(Directory{}) : Result<Directory>(S3Error::io(u"the folder %1 does not exist"_s.arg(path)));
            if (::mkdirat(current.fd(), name.constData(), 0777) != 0 && errno != EEXIST)
                return S3Error::io(u"cannot create the folder %1: %2"_s.arg(path, errnoText(errno)));
            next = ::openat(current.fd(), name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        if (next < 0)
            return segmentError(current.fd(), name, path, errno);
        current = Directory(next, path);
    }
    return current;
}

} // namespace

Directory::Directory(int fd, QString path)
    : m_fd(fd)
    , m_path(std::move(path))
{
}

Directory::~Directory()
{
    close();
}

Directory::Directory(Directory &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
    , m_path(std::move(other.m_path))
{
}

Directory &Directory::operator=(Directory &&other) noexcept
{
    if (this != &other) {
        close();
        m_fd = std::exchange(other.m_fd, -1);
        m_path = std::move(other.m_path);
    }
    return *this;
}

void Directory::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

Result<Placement> placeBeneath(const QString &root, const QString &destination)
{
    const QString target = QDir::cleanPath(QFileInfo(destination).absoluteFilePath());
    Placement placement;
    placement.root = root.isEmpty() ? QFileInfo(target).path() : QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    const QString base = placement.root.endsWith(u'/') ? placement.root : QString(placement.root + u'/');
    if (!target.startsWith(base) || target.size() == base.size())
        return S3Error::invalid(u"%1 is not a file inside the folder %2"_s.arg(destination, placement.root));
    const QString below = target.mid(base.size());
    const qsizetype slash = below.lastIndexOf(u'/');
    placement.folder = slash < 0 ? QString() : below.left(slash);
    placement.name = below.mid(slash + 1);
    for (const QString &segment : below.split(u'/')) {
        if (segment == "."_L1 || segment == ".."_L1)
            return S3Error::invalid(u"%1 leaves the folder %2"_s.arg(destination, placement.root));
        if (QFile::encodeName(segment).size() > MaxNameBytes)
            return S3Error::invalid(u"the name '%1' is longer than %2 bytes, the limit of local file systems"_s.arg(segment).arg(MaxNameBytes));
    }
    return placement;
}

Result<Directory> openBeneath(const QString &root, const QString &folder, bool create)
{
    return walk(root, folder, create, false);
}

Result<Ok> checkBeneath(const QString &root, const QString &folder)
{
    Result<Directory> walked = walk(root, folder, false, true);
    if (!walked)
        return walked.error();
    return Ok{};
}

bool foldsCase(const QString &path)
{
    QFileInfo folder(QDir::cleanPath(path));
    while (!folder.isDir() && !folder.isRoot())
        folder = QFileInfo(folder.path());
    const int dir = openRoot(folder.filePath());
    if (dir < 0)
        return false;
    const QString token = randomToken();
    const QByteArray lower = QFile::encodeName(u".s3desk\\"_s + token + u".probe"_s);
    const QByteArray upper = QFile::encodeName(u".S3DESK\\"_s + token.toUpper() + u".PROBE"_s);
    bool folds = false;
    const int probe = ::openat(dir, lower.constData(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (probe >= 0) {
        struct stat created {};
        struct stat swapped {};
        folds = ::fstat(probe, &created) == 0 && ::fstatat(dir, upper.constData(), &swapped, AT_SYMLINK_NOFOLLOW) == 0
            && created.st_ino == swapped.st_ino && created.st_dev == swapped.st_dev;
        ::close(probe);
        ::unlinkat(dir, lower.constData(), 0);
    }
    ::close(dir);
    return folds;
}

QString randomToken()
{
    const quint64 value = QRandomGenerator::system()->generate64();
    return u"%1"_s.arg(value, 16, 16, QLatin1Char('0'));
}

} // namespace s3::localfs
