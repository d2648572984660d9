// SPDX-License-Identifier: Apache-2.0
// Local names of downloads against the real Ceph RGW, through the transfer queue and through s3desk-cli:
// keys that map to one file, the names partial files used to have, a prefix's own folder marker, a symbolic
// link below the chosen folder, a link planted at a partial file's name, a 255-byte name, a replaced file's mode.
#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
#include "localfiles.h"
#include "livetest.h"
#include "reliabilitycase.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/transferqueue.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

void recordLocalName(const QString &input, const QString &expected, const QString &observed)
{
    recordReliabilityCase({u"Local names"_s, input, expected, observed, true, u"Ceph RGW"_s});
}

} // namespace

class TestLiveLocalNames : public QObject
{
    Q_OBJECT

    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QString m_bucket;
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    int m_folders = 0;

    ClientSettings settings() const
    {
        ClientSettings settings;
        settings.endpoint = m_client->endpoint();
        settings.credentials = m_client->credentialsProvider();
        return settings;
    }

    QString newFolder()
    {
        const QString path = m_dir.filePath(u"case%1"_s.arg(++m_folders));
        QDir().mkpath(path);
        return path;
    }

    bool put(const QString &key, const QByteArray &data)
    {
        PutObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        job.setData(data);
        if (!runJob(job) || job.hasError()) {
            qWarning() << "cannot put" << key << job.error().toString();
            return false;
        }
        return true;
    }

    QStringList keysBelow(const QString &prefix)
    {
        ListObjectsJob job(m_client.get(), {m_bucket, prefix, {}, {}, 1000, {}});
        job.setAutoDelete(false);
        job.setCollect(true);
        if (!runJob(job) || job.hasError())
            return {u"<listing failed>"_s};
        QStringList keys;
        for (const ObjectInfo &object : job.objects())
            keys.append(object.key);
        return keys;
    }

    ProcessOutcome cli(QStringList arguments)
    {
        arguments.prepend(m_server.endpoint);
        arguments.prepend(u"--endpoint-url"_s);
        return runProgram(cliPath(), arguments, m_env);
    }

    std::pair<int, QStringList> folderDownload(TransferQueue &queue, const QString &prefix, const QString &folder)
    {
        QSignalSpy listed(&queue, &TransferQueue::folderListingFinished);
        queue.enqueuePrefixDownload(m_bucket, prefix, folder);
        if (!listed.wait(30000))
            return {-1, {}};
        if (!waitUntil([&] { return queue.isIdle(); }, 60000))
            return {-2, {}};
        return {listed.first().at(2).toInt(), listed.first().at(3).toStringList()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), "S3DESK_CLI does not name the s3desk-cli binary");
        QVERIFY(m_dir.isValid());
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), u"s3desk-live-names"_s);
        QVERIFY(!m_bucket.isEmpty());
        m_env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : {u"AWS_PROFILE"_s, u"AWS_CONFIG_FILE"_s, u"AWS_SHARED_CREDENTIALS_FILE"_s, u"AWS_ENDPOINT_URL"_s, u"AWS_CA_BUNDLE"_s})
            m_env.remove(name);
        m_env.insert(u"HOME"_s, m_dir.path());
        m_env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
        m_env.insert(u"AWS_ACCESS_KEY_ID"_s, m_server.accessKey);
        m_env.insert(u"AWS_SECRET_ACCESS_KEY"_s, m_server.secretKey);
    }

    void collidingKeys()
    {
        const QMap<QString, QByteArray> objects{{u"coll/x"_s, randomBytes(3 * MiB + 1, 1)},
                                                {u"coll/x.s3desk-part"_s, randomBytes(2 * MiB + 3, 2)},
                                                {u"coll/x.s3desk-part.state"_s, randomBytes(MiB + 5, 3)},
                                                {u"coll/a//b"_s, randomBytes(1000, 4)},
                                                {u"coll/a/b"_s, randomBytes(1001, 5)},
                                                {u"coll//y"_s, randomBytes(1002, 6)},
                                                {u"coll/y"_s, randomBytes(1003, 7)}};
        for (auto it = objects.cbegin(); it != objects.cend(); ++it)
            QVERIFY(put(it.key(), it.value()));
        QCOMPARE(keysBelow(u"coll/"_s), QStringList(objects.keys())); // Ceph keeps the keys as they are
        const QStringList plain{u"x"_s, u"x.s3desk-part"_s, u"x.s3desk-part.state"_s};
        // Listed in key order, "a//b" comes before "a/b" and "/y" before "y": the first of each pair wins.
        const QStringList expectedRefused{u"coll/a/b"_s, u"coll/y"_s};

        // The transfer queue's folder download.
        {
            const QString folder = newFolder();
            TransferQueue queue(settings());
            const auto [queued, refused] = folderDownload(queue, u"coll/"_s, folder);
            QCOMPARE(queued, 5);
            QCOMPARE(refused, expectedRefused);
            for (const QString &name : plain)
                QCOMPARE(readExistingFile(folder + u'/' + name), objects.value(u"coll/"_s + name));
            QCOMPARE(readExistingFile(folder + u"/a/b"_s), objects.value(u"coll/a//b"_s));
            QCOMPARE(readExistingFile(folder + u"/y"_s), objects.value(u"coll//y"_s));
            QCOMPARE(ownDownloadFilesIn(folder), QStringList());
        }
        // s3desk-cli sync: the same files; the refused keys listed at the end, exit status 1.
        {
            const QString folder = newFolder();
            const ProcessOutcome sync = cli({u"sync"_s, u"s3://%1/coll/"_s.arg(m_bucket), folder});
            QCOMPARE(sync.exitCode, 1);
            for (const QString &name : plain)
                QCOMPARE(readExistingFile(folder + u'/' + name), objects.value(u"coll/"_s + name));
            QCOMPARE(readExistingFile(folder + u"/a/b"_s), objects.value(u"coll/a//b"_s));
            QCOMPARE(readExistingFile(folder + u"/y"_s), objects.value(u"coll//y"_s));
            const QString err = QString::fromUtf8(sync.err);
            const qsizetype summary = err.indexOf(u"2 objects were not transferred"_s);
            QVERIFY2(summary >= 0, sync.describe().constData());
            QVERIFY2(err.indexOf(u"s3://%1/coll/a/b: "_s.arg(m_bucket), summary) > summary, sync.describe().constData());
            QVERIFY2(err.indexOf(u"s3://%1/coll/y: "_s.arg(m_bucket), summary) > summary, sync.describe().constData());
            QCOMPARE(ownDownloadFilesIn(folder), QStringList());
        }
        recordLocalName(u"keys `x`, `x.s3desk-part`, `x.s3desk-part.state`, `a//b` + `a/b` and `/y` + `y` downloaded by folder download and by `s3desk-cli sync`"_s,
                        u"each file byte-identical to the one key it belongs to; the second key of each colliding pair refused and listed"_s,
                        u"5 files compared byte for byte with their objects in both runs; `a/b` and `y` refused; sync listed them at the end and exited 1"_s);
    }

    void prefixWithItsOwnFolderMarker()
    {
        QVERIFY(put(u"marked/"_s, {}));
        QVERIFY(put(u"marked/empty/"_s, {}));
        QVERIFY(put(u"marked/sub/file.txt"_s, "file"));
        {
            const QString folder = newFolder() + u"/target"_s;
            TransferQueue queue(settings());
            const auto [queued, refused] = folderDownload(queue, u"marked/"_s, folder);
            QCOMPARE(queued, 1);
            QCOMPARE(refused, QStringList());
            QCOMPARE(readExistingFile(folder + u"/sub/file.txt"_s), QByteArray("file"));
            QVERIFY(QFileInfo(folder + u"/empty"_s).isDir());
        }
        {
            const QString folder = newFolder() + u"/target"_s;
            const ProcessOutcome sync = cli({u"sync"_s, u"s3://%1/marked/"_s.arg(m_bucket), folder});
            QVERIFY2(sync.ok(), sync.describe().constData());
            QCOMPARE(readExistingFile(folder + u"/sub/file.txt"_s), QByteArray("file"));
            QVERIFY(QFileInfo(folder + u"/empty"_s).isDir());
        }
        recordLocalName(u"a folder download and `s3desk-cli sync` of `dir/`, which holds its own folder marker `dir/` and an empty `dir/empty/`"_s,
                        u"both succeed; the markers become folders"_s,
                        u"no key refused, the file byte-identical, `empty` is a folder, sync exit status 0"_s);
    }

    void symlinkedSubfolder()
    {
        QVERIFY(put(u"linked/ok.txt"_s, "inside"));
        QVERIFY(put(u"linked/sub/evil.txt"_s, "would land outside"));
        const QString outside = newFolder();
        const auto outsideEntries = [&outside] { return QDir(outside).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot); };
        {
            const QString folder = newFolder();
            QVERIFY(QFile::link(outside, folder + u"/sub"_s));
            TransferQueue queue(settings());
            const auto [queued, refused] = folderDownload(queue, u"linked/"_s, folder);
            QCOMPARE(queued, 1);
            QCOMPARE(refused, QStringList{u"linked/sub/evil.txt"_s});
            QCOMPARE(readExistingFile(folder + u"/ok.txt"_s), QByteArray("inside"));
            QCOMPARE(outsideEntries(), QStringList());
        }
        {
            const QString folder = newFolder();
            QVERIFY(QFile::link(outside, folder + u"/sub"_s));
            const ProcessOutcome sync = cli({u"sync"_s, u"s3://%1/linked/"_s.arg(m_bucket), folder});
            QCOMPARE(sync.exitCode, 1);
            const QString err = QString::fromUtf8(sync.err);
            QVERIFY2(err.contains(u"s3://%1/linked/sub/evil.txt"_s.arg(m_bucket)) && err.contains(u"symbolic link"_s), sync.describe().constData());
            QCOMPARE(readExistingFile(folder + u"/ok.txt"_s), QByteArray("inside"));
            QCOMPARE(outsideEntries(), QStringList());
        }
        recordLocalName(u"a folder download and `s3desk-cli sync` into a folder whose sub-folder `sub` is a symbolic link elsewhere"_s,
                        u"the key below `sub/` is refused and listed, the rest downloads, nothing is written through the link"_s,
                        u"`sub/evil.txt` refused (sync: listed with the reason, exit 1), `ok.txt` byte-identical, the link's target still empty"_s);
    }

    void plantedLinkAtThePartialName()
    {
        const QByteArray data = randomBytes(MiB + 17, 12);
        QVERIFY(put(u"planted.bin"_s, data));
        const QString folder = newFolder();
        const QString victim = newFolder() + u"/victim.txt"_s;
        {
            QFile file(victim);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("precious");
        }
        const QString token = u"00112233445566aa"_s;
        for (const QString &name : QStringList{u"planted.bin.s3desk-part"_s, u".s3desk\\"_s + token + u".part"_s, u".s3desk\\"_s + token + u".state"_s})
            QVERIFY(QFile::link(victim, folder + u'/' + name));
        const QString persisted = folder + u"/../queue-planted.json"_s;
        {
            const QJsonObject transfer{{u"id"_s, u"7"_s},          {u"direction"_s, u"download"_s}, {u"bucket"_s, m_bucket},
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
        QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(7).state); }, 60000));
        QVERIFY2(queue.snapshot(7).state == TransferState::Succeeded, qPrintable(queue.snapshot(7).lastError.toString()));
        QCOMPARE(readExistingFile(folder + u"/planted.bin"_s), data);
        QCOMPARE(readExistingFile(victim), QByteArray("precious"));
        // s3desk-cli get into the same folder: the old fixed name's link is not touched either.
        const ProcessOutcome get = cli({u"get"_s, u"s3://%1/planted.bin"_s.arg(m_bucket), folder + u"/planted.bin"_s});
        QVERIFY2(get.ok(), get.describe().constData());
        QCOMPARE(readExistingFile(folder + u"/planted.bin"_s), data);
        QCOMPARE(readExistingFile(victim), QByteArray("precious"));
        recordLocalName(u"symbolic links to another file planted at a download's partial and state file names (persisted and old names)"_s,
                        u"the link's target is untouched; the download completes under another partial name"_s,
                        u"the target still holds its 8 bytes after a resumed download and an `s3desk-cli get`; the file byte-identical"_s);
    }

    void longestNameAndKeptMode()
    {
        const QString name255 = QString(251, u'n') + u".bin"_s;
        QCOMPARE(QFile::encodeName(name255).size(), 255);
        const QByteArray data = randomBytes(6 * MiB + 1, 13);
        QVERIFY(put(u"long/"_s + name255, data));
        QVERIFY(put(u"long/secret.txt"_s, "new secret"));
        const QString folder = newFolder();
        const QString secret = folder + u"/secret.txt"_s;
        {
            QFile file(secret);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("old");
        }
        QVERIFY(::chmod(QFile::encodeName(secret).constData(), 0600) == 0);
        const ProcessOutcome sync = cli({u"sync"_s, u"s3://%1/long/"_s.arg(m_bucket), folder, u"--part-size"_s, u"5M"_s});
        QVERIFY2(sync.ok(), sync.describe().constData());
        QCOMPARE(readExistingFile(folder + u'/' + name255), data);
        QCOMPARE(readExistingFile(secret), QByteArray("new secret"));
        struct stat st {};
        QVERIFY(::stat(QFile::encodeName(secret).constData(), &st) == 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0600));
        QCOMPARE(ownDownloadFilesIn(folder), QStringList());
        recordLocalName(u"`s3desk-cli sync` of a key with a 255-byte file name, and of a key replacing a local file of mode 0600"_s,
                        u"the 255-byte name downloads intact; the replaced file keeps mode 0600"_s,
                        u"both files byte-identical, mode 0600 kept, exit status 0"_s);
    }

    void syncUpSkipsOnlyOurOwnFiles()
    {
        const QString folder = newFolder();
        for (const QString &name : {u"x.s3desk-part"_s, u".s3desk\\0123456789abcdef.part"_s, u".s3desk\\0123456789abcdef.state"_s}) {
            QFile file(folder + u'/' + name);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(name.toUtf8());
        }
        const ProcessOutcome sync = cli({u"sync"_s, folder, u"s3://%1/up/"_s.arg(m_bucket)});
        QVERIFY2(sync.ok(), sync.describe().constData());
        QCOMPARE(keysBelow(u"up/"_s), QStringList{u"up/x.s3desk-part"_s});
    }

    void cleanupTestCase()
    {
        if (m_client && !m_bucket.isEmpty()) {
            const S3Error removed = removeTestBucket(m_client.get(), m_bucket);
            QVERIFY2(!removed.isError(), qPrintable(removed.toString()));
        }
    }
};

QTEST_GUILESS_MAIN(TestLiveLocalNames)
#include "tst_live_localnames.moc"
