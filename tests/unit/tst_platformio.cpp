// SPDX-License-Identifier: Apache-2.0
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/platformio.h"

using namespace Qt::Literals::StringLiterals;
using namespace s3;

/** The operating-system interface of the transfer engine behaves the same through its fallbacks and Linux calls. */
class TestPlatformIo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void preallocateReservesAndWritebackAndSyncSucceed()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray path = QFile::encodeName(dir.filePath(u"f"_s));
        const int fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        QVERIFY(fd >= 0);
        const int error = platform::preallocate(fd, 3 * 1024 * 1024);
        // Where the file system cannot reserve, the caller goes on; nothing else may come back.
        QVERIFY2(error == 0 || error == EOPNOTSUPP || error == EINVAL, qPrintable(QString::number(error)));
        struct stat st {};
        QCOMPARE(::fstat(fd, &st), 0);
        if (error == 0)
            QCOMPARE(qint64(st.st_size), qint64(3 * 1024 * 1024));
        QCOMPARE(platform::preallocate(fd, 0), 0); // nothing to reserve
        const QByteArray data(1024 * 1024, 'x');
        QCOMPARE(::pwrite(fd, data.constData(), size_t(data.size()), 0), ssize_t(data.size()));
        platform::startWriteback(fd, 0, data.size());
        QCOMPARE(platform::syncToDisk(fd), 0);
        ::close(fd);
        QCOMPARE(platform::syncToDisk(fd), EBADF); // a failure comes back as its errno value
    }

    void socketsAreCloseOnExecAndPeekTakesNothing()
    {
        const int listener = platform::openSocket(AF_UNIX, SOCK_STREAM, 0);
        QVERIFY(listener >= 0);
        QVERIFY(::fcntl(listener, F_GETFD) & FD_CLOEXEC);
        ::close(listener);

        int pair[2] = {-1, -1};
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
        QCOMPARE(platform::peekSocket(pair[0]), platform::SocketState::Quiet);
        QCOMPARE(::write(pair[1], "ab", 2), ssize_t(2));
        QCOMPARE(platform::peekSocket(pair[0]), platform::SocketState::Readable);
        char buffer[4] = {};
        QCOMPARE(::read(pair[0], buffer, sizeof buffer), ssize_t(2)); // the peek took nothing
        QCOMPARE(QByteArray(buffer, 2), "ab"_ba);
        QCOMPARE(platform::peekSocket(pair[0]), platform::SocketState::Quiet);
        ::close(pair[1]);
        QCOMPARE(platform::peekSocket(pair[0]), platform::SocketState::Readable); // end of stream
        ::close(pair[0]);
    }
};

QTEST_GUILESS_MAIN(TestPlatformIo)
#include "tst_platformio.moc"
