// SPDX-License-Identifier: Apache-2.0
// Local names of downloads against the in-process fake server: partial files no key can produce, claimed
// destinations, no symbolic link followed below the chosen folder, 255-byte names, modes kept, folder markers.
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "fakes3server.h"
#include "localfiles.h"
#include "livetest.h"
#include "reliabilitycase.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/transfer/localfs.h"
#include "s3core/transfer/localpaths.h"
#include "s3core/transfer/transferqueue.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

void recordLocalName(const QString &input, const QString &expected, const QString &observed)
{
    recordReliabilityCase({u"Local names"_s, input, expected, observed, true, u"fake"_s});
}

} // namespace

class TestLocalNames : public QObject
{
    Q_OBJECT

    FakeS3Server m_server;
    QTemporaryDir m_dir;
    int m_folders = 0;

    ClientSettings settings() const
    {
        ClientSettings settings;
        settings.endpoint = *Endpoint::parse(m_server.endpointUrl(), u"us-east-1"_s, AddressingStyle::Path);
        Credentials credentials;
        credentials.accessKeyId = u"AKIDTEST"_s;
        credentials.secretAccessKey = u"secret"_s;
        settings.credentials = std::make_shared<StaticCredentialsProvider>(credentials);
        settings.transferTimeoutMs = 5000;
        return settings;
    }

    QString newFolder()
    {
        const QString path = m_dir.filePath(u"case%1"_s.arg(++m_folders));
        QDir().mkpath(path);
        return path;
    }

    static bool waitFinal(const TransferQueue &queue, TransferId id, int ms = 20000)
    {
        return waitUntil([&] { return isFinalState(queue.snapshot(id).state); }, ms);
    }

    /** Downloads prefix into folder; returns (queued, refused keys). */
    std::pair<int, QStringList> folderDownload(TransferQueue &queue, const QString &prefix, const QString &folder, DownloadOptions options = {})
    {
        QSignalSpy listed(&queue, &TransferQueue::folderListingFinished);
        queue.enqueuePrefixDownload(u"bucket"_s, prefix, folder, options);
        if (!listed.wait(10000))
            return {-1, {}};
        if (!waitUntil([&] { return queue.isIdle(); }, 20000))
            return {-2, {}};
        return {listed.first().at(2).toInt(), listed.first().at(3).toStringList()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        QVERIFY(m_dir.isValid());
        m_server.createBucket(u"bucket"_s);
    }

    void placeBeneath_data()
    {
        QTest::addColumn<QString>("root");
        QTest::addColumn<QString>("destination");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("name");
        const QString name255(255, u'n');
        QTest::newRow("file in root") << u"/r"_s << u"/r/x"_s << true << QString() << u"x"_s;
        QTest::newRow("nested") << u"/r"_s << u"/r/a/b/x"_s << true << u"a/b"_s << u"x"_s;
        QTest::newRow("own folder") << QString() << u"/r/a/x"_s << true << QString() << u"x"_s;
        QTest::newRow("root with slash") << u"/r/"_s << u"/r/a//x"_s << true << u"a"_s << u"x"_s;
        QTest::newRow("filesystem root") << u"/"_s << u"/x"_s << true << QString() << u"x"_s;
        QTest::newRow("255 bytes") << u"/r"_s << u"/r/"_s + name255 << true << QString() << name255;
        QTest::newRow("256 bytes") << u"/r"_s << u"/r/"_s + name255 + u'n' << false << QString() << QString();
        QTest::newRow("128 two-byte characters (256 bytes)") << u"/r"_s << u"/r/"_s + QString(128, u'é') << false << QString() << QString();
        QTest::newRow("outside") << u"/r"_s << u"/other/x"_s << false << QString() << QString();
        QTest::newRow("sibling with the root's name as prefix") << u"/r"_s << u"/rr/x"_s << false << QString() << QString();
        QTest::newRow("the root itself") << u"/r"_s << u"/r"_s << false << QString() << QString();
    }
    void placeBeneath()
    {
        QFETCH(QString, root);
        QFETCH(QString, destination);
        QFETCH(bool, ok);
        QFETCH(QString, folder);
        QFETCH(QString, name);
        const Result<localfs::Placement> placement = localfs::placeBeneath(root, destination);
        QCOMPARE(placement.ok(), ok);
        if (ok) {
            QCOMPARE(placement->folder, folder);
            QCOMPARE(placement->name, name);
        } else {
            QVERIFY(!placement.error().message().isEmpty());
        }
    }

    void ownFileNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("own");
        QTest::newRow("part") << u".s3desk\\0123456789abcdef.part"_s << true;
        QTest::newRow("state") << u".s3desk\\0123456789abcdef.state"_s << true;
        QTest::newRow("probe") << u".s3desk\\0123456789abcdef.probe"_s << true;
        QTest::newRow("old partial name") << u"x.s3desk-part"_s << false;
        QTest::newRow("old state name") << u"x.s3desk-part.state"_s << false;
        QTest::newRow("short token") << u".s3desk\\0123456789abcde.part"_s << false;
        QTest::newRow("upper-case token") << u".s3desk\\0123456789ABCDEF.part"_s << false;
        QTest::newRow("other suffix") << u".s3desk\\0123456789abcdef.txt"_s << false;
        QTest::newRow("a user's file") << u"report.part"_s << false;
    }
    void ownFileNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, own);
        QCOMPARE(DownloadTask::isOwnFileName(name), own);
        // No key maps to one of our names: the backslash is refused in keys.
        if (own)
            QVERIFY(!localPathForKey(u"/r"_s, QString(), name));
    }

    void collidingPartialNamesStayApart()
    {
        // Keys that are exactly the names the partial and state files used to have.
        const QMap<QString, QByteArray> objects{{u"coll/x"_s, randomBytes(3 * MiB + 1, 1)},
                                                {u"coll/x.s3desk-part"_s, randomBytes(2 * MiB + 3, 2)},
                                                {u"coll/x.s3desk-part.state"_s, randomBytes(MiB + 5, 3)}};
        for (auto it = objects.cbegin(); it != objects.cend(); ++it)
            m_server.putObject(u"bucket"_s, it.key(), it.value());
        const QString folder = newFolder();
        TransferQueue queue(settings());
        DownloadOptions options;
        options.partSize = MiB; // several ranges each, all in flight together
        const auto [queued, refused] = folderDownload(queue, u"coll/"_s, folder, options);
        QCOMPARE(queued, 3);
        QCOMPARE(refused, QStringList());
        for (const TransferSnapshot &snapshot : queue.snapshots())
            QVERIFY2(snapshot.state == TransferState::Succeeded, qPrintable(snapshot.lastError.toString()));
        for (auto it = objects.cbegin(); it != objects.cend(); ++it)
            QCOMPARE(readExistingFile(folder + u'/' + it.key().mid(5)), it.value());
        QCOMPARE(ownDownloadFilesIn(folder), QStringList());
        for (auto it = objects.cbegin(); it != objects.cend(); ++it)
            m_server.deleteObject(u"bucket"_s, it.key());
        recordLocalName(u"keys `x`, `x.s3desk-part` and `x.s3desk-part.state` downloaded together into one folder"_s,
                        u"three files, each byte-identical to its object"_s,
                        u"all three compared byte for byte with their objects; no partial or state file left"_s);
    }

    void keysForOneFileAreClaimedOnce_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<QString>("file");
        QTest::newRow("a//b and a/b") << u"dup/a//b"_s << u"dup/a/b"_s << u"a/b"_s;
        QTest::newRow("/x and x") << u"dup//x"_s << u"dup/x"_s << u"x"_s;
    }
    void keysForOneFileAreClaimedOnce()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(QString, file);
        const QByteArray firstData = randomBytes(2 * MiB + 11, 4);
        const QByteArray secondData = randomBytes(2 * MiB + 13, 5);
        m_server.putObject(u"bucket"_s, first, firstData);
        m_server.putObject(u"bucket"_s, second, secondData);
        const QString folder = newFolder();
        TransferQueue queue(settings());
        const auto [queued, refused] = folderDownload(queue, u"dup/"_s, folder);
        // Listed in key order: the first key is downloaded, the second, mapping to the same file, refused.
        QCOMPARE(queued, 1);
        QCOMPARE(refused, QStringList{second});
        QCOMPARE(readExistingFile(folder + u'/' + file), firstData);
        QCOMPARE(ownDownloadFilesIn(QFileInfo(folder + u'/' + file).path()), QStringList());
        m_server.deleteObject(u"bucket"_s, first);
        m_server.deleteObject(u"bucket"_s, second);
        recordLocalName(u"keys `%1` and `%2` (one local file) in one folder download"_s.arg(first, second),
                        u"the first is downloaded intact, the second refused and listed"_s,
                        u"file byte-identical to `%1`; `%2` listed as refused"_s.arg(first, second));
    }

    void keyListedTwice()
    {
        const QByteArray data = randomBytes(2 * MiB + 1, 15);
        m_server.putObject(u"bucket"_s, u"listed/x"_s, data);
        const QByteArray etag = m_server.object(u"bucket"_s, u"listed/x"_s)->etag;
        // A listing that names the same key twice (a confused server or proxy).
        m_server.setOverride([&](const FakeS3Request &request, FakeS3Response &response) {
            if (request.operation != "ListObjectsV2"_L1)
                return false;
            QByteArray contents = "<Contents><Key>listed/x</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>" + etag
                + "</ETag><Size>" + QByteArray::number(data.size()) + "</Size><StorageClass>STANDARD</StorageClass></Contents>";
            response.status = 200;
            response.setHeader("Content-Type", "application/xml");
            response.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                            "<Name>bucket</Name><Prefix>listed/</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
                + contents + contents + "</ListBucketResult>";
            return true;
        });
        const QString folder = newFolder();
        TransferQueue queue(settings());
        const auto [queued, refused] = folderDownload(queue, u"listed/"_s, folder);
        m_server.setOverride({});
        QCOMPARE(queued, 1);
        QCOMPARE(refused, QStringList{u"listed/x"_s});
        QCOMPARE(readExistingFile(folder + u"/x"_s), data);
        QCOMPARE(ownDownloadFilesIn(folder), QStringList());
        m_server.deleteObject(u"bucket"_s, u"listed/x"_s);
        recordLocalName(u"a listing that names the key `x` twice, in a folder download"_s,
                        u"downloaded once intact, the second listing refused and listed"_s,
                        u"one download queued, the repeat listed as refused, file byte-identical"_s);
    }

    void downloadPressedTwiceIsRefusedWhileTheFirstRuns()
    {
        const QByteArray data = randomBytes(4 * MiB + 1, 6);
        m_server.putObject(u"bucket"_s, u"twice.bin"_s, data);
        m_server.putObject(u"bucket"_s, u"other.bin"_s, randomBytes(MiB, 7));
        const QString target = newFolder() + u"/twice.bin"_s;
        TransferQueue queue(settings());
        QVERIFY(!queue.claimOf(target));
        const TransferId first = queue.enqueueDownload(u"bucket"_s, u"twice.bin"_s, target);
        const std::optional<TransferQueue::DestinationClaim> claim = queue.claimOf(target);
        QVERIFY(claim);
        QCOMPARE(claim->id, first);
        QCOMPARE(claim->key, u"twice.bin"_s);
        QVERIFY(queue.claimOf(QFileInfo(target).path() + u"//./twice.bin"_s)); // the same file, spelt otherwise
        // The same key again, and another key to the same file.
        const TransferId again = queue.enqueueDownload(u"bucket"_s, u"twice.bin"_s, target);
        const TransferId other = queue.enqueueDownload(u"bucket"_s, u"other.bin"_s, target);
        QCOMPARE(queue.snapshot(again).state, TransferState::Failed);
        QCOMPARE(queue.snapshot(other).state, TransferState::Failed);
        QVERIFY2(queue.snapshot(other).lastError.message().contains(u"s3://bucket/twice.bin"_s), qPrintable(queue.snapshot(other).lastError.toString()));
        QVERIFY(waitFinal(queue, first));
        QCOMPARE(queue.snapshot(first).state, TransferState::Succeeded);
        QCOMPARE(readExistingFile(target), data);
        // The claim ended with the transfer: a new download of the other key goes through now.
        QVERIFY(!queue.claimOf(target));
        queue.retry(other);
        QVERIFY(waitFinal(queue, other));
        QCOMPARE(queue.snapshot(other).state, TransferState::Succeeded);
        QCOMPARE(readExistingFile(target), m_server.object(u"bucket"_s, u"other.bin"_s)->data);
        recordLocalName(u"Download pressed twice for one destination, and a second key to the same file"_s,
                        u"the second and third are refused naming the first; the file is intact"_s,
                        u"both refused with the first key in the error; file byte-identical; a retry after the first ended succeeded"_s);
    }

    void claimsEndWithCancelAndRemove()
    {
        m_server.putObject(u"bucket"_s, u"claim.bin"_s, randomBytes(MiB, 8));
        const QString target = newFolder() + u"/claim.bin"_s;
        TransferQueue queue(settings());
        queue.pauseAll();
        const TransferId paused = queue.enqueueDownload(u"bucket"_s, u"claim.bin"_s, target);
        queue.pause(paused);
        QVERIFY(queue.claimOf(target)); // a paused download keeps its claim
        queue.cancel(paused);
        QVERIFY(!queue.claimOf(target));
        const TransferId next = queue.enqueueDownload(u"bucket"_s, u"claim.bin"_s, target);
        QCOMPARE(queue.claimOf(target)->id, next);
        queue.remove(next);
        QVERIFY(!queue.claimOf(target));
        // Retrying the cancelled one claims again; a later one is refused meanwhile.
        queue.retry(paused);
        QCOMPARE(queue.claimOf(target)->id, paused);
        QVERIFY(waitFinal(queue, paused));
        QCOMPARE(queue.snapshot(paused).state, TransferState::Succeeded);
    }

    void caseFoldingFileSystemsShareOneClaim()
    {
        m_server.putObject(u"bucket"_s, u"case/Photo.JPG"_s, randomBytes(MiB, 9));
        m_server.putObject(u"bucket"_s, u"case/photo.jpg"_s, randomBytes(MiB, 10));
        // Where the folder folds case (vfat, exFAT, NTFS, casefold ext4), the two keys are one file.
        {
            const QString folder = newFolder();
            TransferQueue queue(settings());
            QStringList probed;
            queue.setCaseFoldingProbe([&probed](const QString &path) {
                probed.append(path);
                return true;
            });
            const auto [queued, refused] = folderDownload(queue, u"case/"_s, folder);
            QCOMPARE(queued, 1);
            QCOMPARE(refused, QStringList{u"case/photo.jpg"_s});
            QCOMPARE(probed.size(), 1); // once per folder
            QCOMPARE(readExistingFile(folder + u"/Photo.JPG"_s), m_server.object(u"bucket"_s, u"case/Photo.JPG"_s)->data);
        }
        // Where it does not (this test's own folder: probed for real), both are downloaded.
        {
            const QString folder = newFolder();
            QVERIFY(!localfs::foldsCase(folder));
            QCOMPARE(ownDownloadFilesIn(folder), QStringList()); // the probe cleaned up
            TransferQueue queue(settings());
            const auto [queued, refused] = folderDownload(queue, u"case/"_s, folder);
            QCOMPARE(queued, 2);
            QCOMPARE(refused, QStringList());
            QCOMPARE(readExistingFile(folder + u"/photo.jpg"_s), m_server.object(u"bucket"_s, u"case/photo.jpg"_s)->data);
            QCOMPARE(readExistingFile(folder + u"/Photo.JPG"_s), m_server.object(u"bucket"_s, u"case/Photo.JPG"_s)->data);
        }
        m_server.deleteObject(u"bucket"_s, u"case/Photo.JPG"_s);
        m_server.deleteObject(u"bucket"_s, u"case/photo.jpg"_s);
        recordLocalName(u"keys `Photo.JPG` and `photo.jpg` downloaded into a folder whose file system folds case"_s,
                        u"one is downloaded intact, the other refused and listed"_s,
                        u"`Photo.JPG` byte-identical, `photo.jpg` refused; on a case-sensitive folder both downloaded"_s);
    }

    void symlinkedSubfolderIsNotFollowed()
    {
        m_server.putObject(u"bucket"_s, u"link/ok.txt"_s, "inside");
        m_server.putObject(u"bucket"_s, u"link/sub/evil.txt"_s, "would land outside");
        m_server.putObject(u"bucket"_s, u"link/sub/deeper/evil2.txt"_s, "would land outside too");
        const QString folder = newFolder();
        const QString outside = newFolder();
        QVERIFY(QFile::link(outside, folder + u"/sub"_s));
        TransferQueue queue(settings());
        const auto [queued, refused] = folderDownload(queue, u"link/"_s, folder);
        QCOMPARE(queued, 1);
        QCOMPARE(refused, (QStringList{u"link/sub/deeper/evil2.txt"_s, u"link/sub/evil.txt"_s}));
        QCOMPARE(readExistingFile(folder + u"/ok.txt"_s), QByteArray("inside"));
        QCOMPARE(QDir(outside).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());

        // A link planted after the listing (between the check and the download): the download itself refuses.
        const QString raced = newFolder();
        QVERIFY(QFile::link(outside, raced + u"/sub"_s));
        DownloadOptions options;
        options.folder = raced;
        const TransferId id = queue.enqueueDownload(u"bucket"_s, u"link/sub/evil.txt"_s, raced + u"/sub/evil.txt"_s, options);
        QVERIFY(waitFinal(queue, id));
        QCOMPARE(queue.snapshot(id).state, TransferState::Failed);
        QVERIFY2(queue.snapshot(id).lastError.message().contains(u"symbolic link"_s), qPrintable(queue.snapshot(id).lastError.toString()));
        QCOMPARE(QDir(outside).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
        recordLocalName(u"a folder download into a folder whose sub-folder `sub` is a symbolic link to another folder"_s,
                        u"keys below `sub/` are refused and listed, the rest downloads, nothing is written through the link"_s,
                        u"2 keys refused, `ok.txt` byte-identical, the link's target folder still empty; a download started "
                        u"through the link fails naming it"_s);
    }

    void plantedLinkAtThePartialNameIsNotFollowed()
    {
        const QByteArray data = randomBytes(MiB + 17, 12);
        m_server.putObject(u"bucket"_s, u"planted.bin"_s, data);
        const QString folder = newFolder();
        const QString victim = newFolder() + u"/victim.txt"_s;
        {
            QFile file(victim);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("precious");
        }
        // The old fixed names, and the persisted name of a restored transfer, point at the victim.
        const QString token = u"00112233445566aa"_s;
        for (const QString &name : QStringList{u"planted.bin.s3desk-part"_s, u"planted.bin.s3desk-part.state"_s,
                                                u".s3desk\\"_s + token + u".part"_s, u".s3desk\\"_s + token + u".state"_s})
            QVERIFY(QFile::link(victim, folder + u'/' + name));
        const QString persisted = folder + u"/../queue-planted.json"_s;
        {
            QJsonObject transfer{{u"id"_s, u"7"_s},          {u"direction"_s, u"download"_s}, {u"bucket"_s, u"bucket"_s},
                                 {u"key"_s, u"planted.bin"_s}, {u"localPath"_s, QString(folder + u"/planted.bin"_s)}, {u"partialToken"_s, token}};
            QFile file(persisted);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QJsonDocument(QJsonObject{{u"version"_s, 1}, {u"transfers"_s, QJsonArray{transfer}}}).toJson());
        }
        TransferQueue queue(settings());
        queue.setPersistencePath(persisted);
        const Result<int> restored = queue.restore();
        QVERIFY(restored);
        QCOMPARE(*restored, 1);
        queue.resume(7);
        QVERIFY(waitFinal(queue, 7));
        QVERIFY2(queue.snapshot(7).state == TransferState::Succeeded, qPrintable(queue.snapshot(7).lastError.toString()));
        QCOMPARE(readExistingFile(folder + u"/planted.bin"_s), data);
        QCOMPARE(readExistingFile(victim), QByteArray("precious"));
        // The planted links are left alone; no file of ours is left.
        QVERIFY(QFileInfo(folder + u"/.s3desk\\"_s + token + u".part"_s).isSymLink());
        QStringList ours = ownDownloadFilesIn(folder);
        ours.removeAll(QString(u".s3desk\\"_s + token + u".part"_s));
        ours.removeAll(QString(u".s3desk\\"_s + token + u".state"_s));
        QCOMPARE(ours, QStringList());
        recordLocalName(u"symbolic links to another file planted at the partial and state file names (old and new) before a download resumes"_s,
                        u"the link's target is untouched, the download completes intact under another partial name"_s,
                        u"target still holds its 8 bytes; downloaded file byte-identical"_s);
    }

    void longestNamesDownloadAndResume()
    {
        const QString name255 = QString(250, u'l') + u".bin"_s + u'x'; // 255 bytes
        QCOMPARE(QFile::encodeName(name255).size(), 255);
        const QByteArray data = randomBytes(12 * MiB + 5, 13);
        m_server.putObject(u"bucket"_s, u"long/"_s + name255, data);
        FakeS3Fault slow;
        slow.operation = u"GetObject"_s;
        slow.delayMs = 150;
        slow.times = -1;
        m_server.addFault(slow);
        const QString folder = newFolder();
        const QString target = folder + u'/' + name255;
        TransferQueue queue(settings(), {1, 1});
        DownloadOptions options;
        options.partSize = 5 * MiB;
        const TransferId id = queue.enqueueDownload(u"bucket"_s, u"long/"_s + name255, target, options);
        // One connection: the ranges run in order, so past 6 MiB the first range is finished and recorded.
        QVERIFY(waitUntil([&] { return queue.snapshot(id).bytesDone >= 6 * MiB; }, 20000));
        queue.pause(id);
        const QStringList own = ownDownloadFilesIn(folder);
        QCOMPARE(own.size(), 2); // the partial file and its state: resume state kept for a 255-byte name
        m_server.clearFaults();
        m_server.clearLog();
        queue.resume(id);
        QVERIFY(waitFinal(queue, id));
        QVERIFY2(queue.snapshot(id).state == TransferState::Succeeded, qPrintable(queue.snapshot(id).lastError.toString()));
        QCOMPARE(readExistingFile(target), data);
        for (const FakeS3Request &request : m_server.requests()) // the finished first range was not fetched again
            QVERIFY2(request.operation != "GetObject"_L1 || !request.header("range").startsWith("bytes=0-"), request.header("range").constData());
        QCOMPARE(ownDownloadFilesIn(folder), QStringList());
        // 256 bytes cannot exist locally: a clear error, nothing written.
        const QString name256 = name255 + u'y';
        m_server.putObject(u"bucket"_s, u"long/"_s + name256, "x");
        const TransferId tooLong = queue.enqueueDownload(u"bucket"_s, u"long/"_s + name256, folder + u'/' + name256);
        QVERIFY(waitFinal(queue, tooLong));
        QCOMPARE(queue.snapshot(tooLong).state, TransferState::Failed);
        QVERIFY2(queue.snapshot(tooLong).lastError.message().contains(u"255 bytes"_s), qPrintable(queue.snapshot(tooLong).lastError.toString()));
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden).size(), 1);
        m_server.deleteObject(u"bucket"_s, u"long/"_s + name255);
        m_server.deleteObject(u"bucket"_s, u"long/"_s + name256);
        recordLocalName(u"a key whose file name is 255 bytes long, paused and resumed"_s,
                        u"downloads intact and resumes from its finished ranges"_s,
                        u"file byte-identical; resume fetched only the missing ranges; a 256-byte name fails naming the limit"_s);
    }

    void resumeAfterRestartFindsThePartialFile()
    {
        const QByteArray data = randomBytes(12 * MiB + 9, 14);
        m_server.putObject(u"bucket"_s, u"restart/sub/big.bin"_s, data);
        FakeS3Fault slow;
        slow.operation = u"GetObject"_s;
        slow.delayMs = 150;
        slow.times = -1;
        m_server.addFault(slow);
        const QString folder = newFolder();
        const QString persisted = folder + u"/../queue-restart.json"_s;
        const QString target = folder + u"/sub/big.bin"_s;
        QStringList own;
        {
            TransferQueue queue(settings(), {1, 1});
            queue.setPersistencePath(persisted);
            QSignalSpy listed(&queue, &TransferQueue::folderListingFinished);
            DownloadOptions options;
            options.partSize = 5 * MiB;
            queue.enqueuePrefixDownload(u"bucket"_s, u"restart/"_s, folder, options);
            QVERIFY(listed.wait(10000));
            QVERIFY(waitUntil([&] { return !queue.snapshots().isEmpty() && queue.snapshots().first().bytesDone >= 6 * MiB; }, 20000));
            queue.pauseAll();
            own = ownDownloadFilesIn(folder + u"/sub"_s);
            QCOMPARE(own.size(), 2);
        } // saved on destruction
        QFile saved(persisted);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(saved.readAll()).object().value(u"transfers"_s).toArray().first().toObject();
        QCOMPARE(u".s3desk\\"_s + json.value(u"partialToken"_s).toString() + u".part"_s, own.first());
        QCOMPARE(json.value(u"folder"_s).toString(), folder);
        m_server.clearFaults();
        m_server.clearLog();
        TransferQueue restored(settings());
        restored.setPersistencePath(persisted);
        QVERIFY(restored.restore());
        QCOMPARE(restored.snapshots().size(), 1);
        const TransferId id = restored.snapshots().first().id;
        restored.resume(id);
        QVERIFY(waitFinal(restored, id));
        QVERIFY2(restored.snapshot(id).state == TransferState::Succeeded, qPrintable(restored.snapshot(id).lastError.toString()));
        QCOMPARE(readExistingFile(target), data);
        for (const FakeS3Request &request : m_server.requests()) // the first range came from the partial file
            QVERIFY2(request.operation != "GetObject"_L1 || !request.header("range").startsWith("bytes=0-"), request.header("range").constData());
        QCOMPARE(ownDownloadFilesIn(folder + u"/sub"_s), QStringList());
        m_server.deleteObject(u"bucket"_s, u"restart/sub/big.bin"_s);
    }

    void replacingKeepsTheModeNewFilesGetTheUmask()
    {
        m_server.putObject(u"bucket"_s, u"mode/secret.txt"_s, "new secret");
        m_server.putObject(u"bucket"_s, u"mode/fresh.txt"_s, "fresh");
        const QString folder = newFolder();
        const QString secret = folder + u"/secret.txt"_s;
        {
            QFile file(secret);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("old secret");
        }
        QVERIFY(::chmod(QFile::encodeName(secret).constData(), 0600) == 0);
        TransferQueue queue(settings());
        const auto [queued, refused] = folderDownload(queue, u"mode/"_s, folder);
        QCOMPARE(queued, 2);
        QCOMPARE(refused, QStringList());
        QCOMPARE(readExistingFile(secret), QByteArray("new secret"));
        struct stat st {};
        QVERIFY(::stat(QFile::encodeName(secret).constData(), &st) == 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0600));
        const mode_t mask = ::umask(022); // read the test process's umask (and put it back)
        ::umask(mask);
        QVERIFY(::stat(QFile::encodeName(folder + u"/fresh.txt"_s).constData(), &st) == 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0666 & ~mask));
        m_server.deleteObject(u"bucket"_s, u"mode/secret.txt"_s);
        m_server.deleteObject(u"bucket"_s, u"mode/fresh.txt"_s);
        recordLocalName(u"a download replacing an existing file of mode 0600"_s, u"the file keeps mode 0600; a new file gets 0666 less the umask"_s,
                        u"mode 0600 after the replacement; new file 0%1"_s.arg(0666 & ~mask, 3, 8, QLatin1Char('0')));
    }

    void folderMarkersBecomeFolders()
    {
        m_server.putObject(u"bucket"_s, u"marked/"_s, QByteArray());
        m_server.putObject(u"bucket"_s, u"marked/empty/"_s, QByteArray());
        m_server.putObject(u"bucket"_s, u"marked/sub/file.txt"_s, "file");
        m_server.putObject(u"bucket"_s, u"marked/full/"_s, "a marker with data");
        const QString folder = newFolder() + u"/target"_s;
        TransferQueue queue(settings());
        const auto [queued, refused] = folderDownload(queue, u"marked/"_s, folder);
        QCOMPARE(queued, 1);
        QCOMPARE(refused, QStringList{u"marked/full/"_s}); // its data cannot be a folder: refused, not dropped
        QVERIFY(QFileInfo(folder + u"/empty"_s).isDir());
        QCOMPARE(readExistingFile(folder + u"/sub/file.txt"_s), QByteArray("file"));
        for (const QString &key : {u"marked/"_s, u"marked/empty/"_s, u"marked/sub/file.txt"_s, u"marked/full/"_s})
            m_server.deleteObject(u"bucket"_s, key);
        recordLocalName(u"a folder download of `dir/` holding its own folder marker `dir/` and an empty `dir/empty/`"_s,
                        u"succeeds: the markers become folders, the files download"_s,
                        u"no refusal for the markers, `empty` is a folder, the file byte-identical; a marker holding data is refused"_s);
    }

    void folderUploadSkipsOnlyOurOwnFiles()
    {
        const QString folder = newFolder();
        const QMap<QString, QByteArray> files{{u"x.s3desk-part"_s, "a user's file"}, {u".s3desk\\0123456789abcdef.part"_s, "ours"},
                                              {u".s3desk\\0123456789abcdef.state"_s, "{}"}, {u"plain.txt"_s, "plain"}};
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            QFile file(folder + u'/' + it.key());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(it.value());
        }
        TransferQueue queue(settings());
        const QList<TransferId> ids = queue.enqueueFolderUpload(folder, u"bucket"_s, u"upskip"_s);
        QCOMPARE(ids.size(), 2);
        QVERIFY(waitUntil([&] { return queue.isIdle(); }, 20000));
        QCOMPARE(m_server.object(u"bucket"_s, u"upskip/x.s3desk-part"_s)->data, QByteArray("a user's file"));
        QCOMPARE(m_server.object(u"bucket"_s, u"upskip/plain.txt"_s)->data, QByteArray("plain"));
        m_server.deleteObject(u"bucket"_s, u"upskip/x.s3desk-part"_s);
        m_server.deleteObject(u"bucket"_s, u"upskip/plain.txt"_s);
    }
};

QTEST_GUILESS_MAIN(TestLocalNames)
#include "tst_localnames.moc"
