// SPDX-License-Identifier: Apache-2.0
// s3desk-cli sync in both directions against the real Ceph RGW: only what is missing or different moves,
// --delete removes extras, and hostile keys never write outside the local folder.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
#include "livetest.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/objectjobs.h"

using namespace s3;

class TestLiveSync : public QObject
{
    Q_OBJECT

    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QString m_bucket;
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;

    ProcessOutcome cli(QStringList arguments)
    {
        arguments.prepend(m_server.endpoint);
        arguments.prepend(QStringLiteral("--endpoint-url"));
        return runProgram(cliPath(), arguments, m_env);
    }

    static void write(const QString &path, const QByteArray &data)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(data), data.size());
    }

    static QMap<QString, QByteArray> tree(const QString &root)
    {
        QMap<QString, QByteArray> files;
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            file.open(QIODevice::ReadOnly);
            files.insert(QDir(root).relativeFilePath(path), file.readAll());
        }
        return files;
    }

    /** Every key under the prefix, relative to it, sorted as listed. */
    QStringList keysUnder(const QString &bucket, const QString &prefix)
    {
        ListObjectsJob listing(m_client.get(), {bucket, prefix, {}, {}, 1000, {}});
        listing.setAutoDelete(false);
        listing.setCollect(true);
        if (!runJob(listing) || listing.hasError())
            return {QStringLiteral("listing failed")};
        QStringList keys;
        for (const ObjectInfo &object : listing.objects())
            keys.append(object.key.mid(prefix.size()));
        return keys;
    }

    QString m_otherBucket; // S3-to-S3 sync across buckets

    static int countLines(const ProcessOutcome &outcome, const QString &start)
    {
        int count = 0;
        for (const QString &line : outcome.outLines())
            count += line.startsWith(start) ? 1 : 0;
        return count;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), "S3DESK_CLI does not name the s3desk-cli binary");
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), QStringLiteral("s3desk-live-sync"));
        QVERIFY(!m_bucket.isEmpty());
        m_env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : {QStringLiteral("AWS_PROFILE"), QStringLiteral("AWS_CONFIG_FILE"), QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
                                    QStringLiteral("AWS_ENDPOINT_URL"), QStringLiteral("AWS_CA_BUNDLE")})
            m_env.remove(name);
        m_env.insert(QStringLiteral("HOME"), m_dir.path());
        m_env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
        m_env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), m_server.accessKey);
        m_env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), m_server.secretKey);
    }

    void syncUpThenDown()
    {
        const QString local = m_dir.filePath(QStringLiteral("local"));
        write(local + QStringLiteral("/a.txt"), "alpha");
        write(local + QStringLiteral("/dir/b.txt"), "bravo");
        write(local + QStringLiteral("/dir/sub/c d.txt"), "charlie");
        write(local + QStringLiteral("/big.bin"), randomBytes(17 * 1024 * 1024, 1)); // multipart
        const QString remote = QStringLiteral("s3://%1/mirror").arg(m_bucket);

        ProcessOutcome first = cli({QStringLiteral("sync"), local, remote, QStringLiteral("--part-size"), QStringLiteral("5M")});
        QVERIFY2(first.ok(), first.describe().constData());
        QCOMPARE(countLines(first, QStringLiteral("upload: ")), 4);

        // Nothing changed: nothing moves.
        ProcessOutcome again = cli({QStringLiteral("sync"), local, remote});
        QVERIFY2(again.ok(), again.describe().constData());
        QCOMPARE(countLines(again, QStringLiteral("upload: ")), 0);

        // One file changed (same size, other bytes), one added, one removed locally; --delete removes it remotely.
        write(local + QStringLiteral("/a.txt"), "ALPHA");
        write(local + QStringLiteral("/new.txt"), "new");
        QVERIFY(QFile::remove(local + QStringLiteral("/dir/b.txt")));
        ProcessOutcome changed = cli({QStringLiteral("sync"), local, remote, QStringLiteral("--delete")});
        QVERIFY2(changed.ok(), changed.describe().constData());
        QCOMPARE(countLines(changed, QStringLiteral("upload: ")), 2);
        QCOMPARE(countLines(changed, QStringLiteral("delete: ")), 1);

        // Down into an empty folder: the same tree.
        const QString copy = m_dir.filePath(QStringLiteral("copy"));
        ProcessOutcome down = cli({QStringLiteral("sync"), remote, copy});
        QVERIFY2(down.ok(), down.describe().constData());
        QCOMPARE(tree(copy), tree(local));

        // Down again after a remote change: only that file moves; --delete removes a local extra.
        PutObjectJob put(m_client.get(), m_bucket, QStringLiteral("mirror/new.txt"));
        put.setAutoDelete(false);
        put.setData("NEWER CONTENT");
        QVERIFY(runJob(put));
        write(copy + QStringLiteral("/extra.txt"), "extra");
        ProcessOutcome refresh = cli({QStringLiteral("sync"), remote, copy, QStringLiteral("--delete")});
        QVERIFY2(refresh.ok(), refresh.describe().constData());
        QCOMPARE(countLines(refresh, QStringLiteral("download: ")), 1);
        QVERIFY(!QFile::exists(copy + QStringLiteral("/extra.txt")));
        QFile updated(copy + QStringLiteral("/new.txt"));
        QVERIFY(updated.open(QIODevice::ReadOnly));
        QCOMPARE(updated.readAll(), QByteArray("NEWER CONTENT"));
    }

    void hostileKeysStayOutside()
    {
        // Keys written by someone else's tool: "../" segments must not escape the chosen folder.
        for (const QString &key : {QStringLiteral("hostile/ok.txt"), QStringLiteral("hostile/sub/..\\x")}) {
            PutObjectJob put(m_client.get(), m_bucket, key);
            put.setAutoDelete(false);
            put.setData("data");
            QVERIFY(runJob(put));
            QVERIFY2(!put.hasError(), qPrintable(put.error().toString()));
        }
        // A real "../" key: our client refuses to address it, awscli (botocore) sends it as is and Ceph keeps it.
        const QString body = m_dir.filePath(QStringLiteral("body.txt"));
        write(body, "escape attempt");
        QProcessEnvironment awsEnv = m_env;
        awsEnv.insert(QStringLiteral("AWS_CONFIG_FILE"), QStringLiteral("/dev/null"));
        awsEnv.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), QStringLiteral("/dev/null"));
        awsEnv.insert(QStringLiteral("AWS_PAGER"), QString());
        const ProcessOutcome aws = runProgram(QStringLiteral("/usr/bin/aws"),
                                              {QStringLiteral("--endpoint-url"), m_server.endpoint, QStringLiteral("s3api"), QStringLiteral("put-object"),
                                               QStringLiteral("--bucket"), m_bucket, QStringLiteral("--key"), QStringLiteral("hostile/../../escape"),
                                               QStringLiteral("--body"), body},
                                              awsEnv);
        QVERIFY2(aws.ok(), aws.describe().constData());
        const QString target = m_dir.filePath(QStringLiteral("hostile-target"));
        ProcessOutcome down = cli({QStringLiteral("sync"), QStringLiteral("s3://%1/hostile").arg(m_bucket), target});
        QVERIFY(QFile::exists(target + QStringLiteral("/ok.txt")));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("escape"))));
        QCOMPARE(down.exitCode, 1); // the refused key is reported, the rest synced
        QVERIFY2(QString::fromUtf8(down.err).contains(QLatin1String("backslash")), down.describe().constData());
        QVERIFY2(QString::fromUtf8(down.err).contains(QLatin1String("'..' segment")), down.describe().constData());
        QVERIFY(!QFile::exists(QDir(m_dir.path()).absoluteFilePath(QStringLiteral("../escape"))));
    }

    void contentsMapOntoThePrefix()
    {
        // As aws s3 sync and rclone sync: the folder's contents go under the prefix, with or without a '/'.
        const QString local = m_dir.filePath(QStringLiteral("photos"));
        write(local + QStringLiteral("/a.jpg"), "a");
        write(local + QStringLiteral("/trip/b.jpg"), "b");
        for (const QString &target : {QStringLiteral("map-bare"), QStringLiteral("map-slash/")}) {
            ProcessOutcome up = cli({QStringLiteral("sync"), local, QStringLiteral("s3://%1/%2").arg(m_bucket, target)});
            QVERIFY2(up.ok(), up.describe().constData());
            QString prefix = target;
            if (!prefix.endsWith(QLatin1Char('/')))
                prefix += QLatin1Char('/');
            QCOMPARE(keysUnder(m_bucket, prefix), (QStringList{QStringLiteral("a.jpg"), QStringLiteral("trip/b.jpg")}));
        }
        // Back down: the prefix's contents into the folder, not a "map-bare" folder inside it.
        const QString back = m_dir.filePath(QStringLiteral("photos-back"));
        ProcessOutcome down = cli({QStringLiteral("sync"), QStringLiteral("s3://%1/map-bare").arg(m_bucket), back});
        QVERIFY2(down.ok(), down.describe().constData());
        QCOMPARE(tree(back), tree(local));
    }

    void dryRunChangesNothing()
    {
        const QString local = m_dir.filePath(QStringLiteral("dry"));
        write(local + QStringLiteral("/same.txt"), "same");
        const QString remote = QStringLiteral("s3://%1/dry").arg(m_bucket);
        ProcessOutcome first = cli({QStringLiteral("sync"), local, remote});
        QVERIFY2(first.ok(), first.describe().constData());
        write(local + QStringLiteral("/new.txt"), "new");
        write(local + QStringLiteral("/skip.tmp"), "tmp");
        PutObjectJob put(m_client.get(), m_bucket, QStringLiteral("dry/extra.txt"));
        put.setAutoDelete(false);
        put.setData("extra");
        QVERIFY(runJob(put));
        const QStringList before = keysUnder(m_bucket, QStringLiteral("dry/"));

        ProcessOutcome table = cli({QStringLiteral("sync"), local, remote, QStringLiteral("--dry-run"), QStringLiteral("--delete"),
                                    QStringLiteral("--exclude"), QStringLiteral("*.tmp")});
        QVERIFY2(table.ok(), table.describe().constData());
        QCOMPARE(keysUnder(m_bucket, QStringLiteral("dry/")), before);
        const QString text = QString::fromUtf8(table.out);
        QVERIFY2(text.contains(QRegularExpression(QStringLiteral("^delete .*dry/extra\\.txt  not at the source"), QRegularExpression::MultilineOption)),
                 table.describe().constData());
        QVERIFY2(text.contains(QRegularExpression(QStringLiteral("^upload .*new\\.txt  not at the destination"), QRegularExpression::MultilineOption)),
                 table.describe().constData());
        QVERIFY2(text.contains(QRegularExpression(QStringLiteral("^skip .*same\\.txt  same MD5 \\(md5\\)"), QRegularExpression::MultilineOption)),
                 table.describe().constData());
        QVERIFY2(text.contains(QRegularExpression(QStringLiteral("^skip .*skip\\.tmp  excluded"), QRegularExpression::MultilineOption)),
                 table.describe().constData());
        QVERIFY2(text.contains(QLatin1String("dry run, nothing changed")), table.describe().constData());

        ProcessOutcome json = cli({QStringLiteral("sync"), local, remote, QStringLiteral("--dry-run"), QStringLiteral("--json"), QStringLiteral("--delete"),
                                   QStringLiteral("--exclude"), QStringLiteral("*.tmp")});
        QVERIFY2(json.ok(), json.describe().constData());
        QMap<QString, QString> actions;
        for (const QString &line : json.outLines()) {
            const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
            actions.insert(object.value(QStringLiteral("key")).toString(),
                           object.value(QStringLiteral("action")).toString() + QLatin1Char(' ') + object.value(QStringLiteral("reason")).toString() + QLatin1Char(' ')
                               + object.value(QStringLiteral("compared")).toString());
        }
        QCOMPARE(actions, (QMap<QString, QString>{{QStringLiteral("extra.txt"), QStringLiteral("delete not-at-source none")},
                                                  {QStringLiteral("new.txt"), QStringLiteral("upload missing none")},
                                                  {QStringLiteral("same.txt"), QStringLiteral("skip same-checksum md5")},
                                                  {QStringLiteral("skip.tmp"), QStringLiteral("skip excluded none")}}));
        QCOMPARE(keysUnder(m_bucket, QStringLiteral("dry/")), before);

        // Down as a dry run into a folder that does not exist: it is not made.
        const QString nowhere = m_dir.filePath(QStringLiteral("not-made"));
        ProcessOutcome down = cli({QStringLiteral("sync"), remote, nowhere, QStringLiteral("--dry-run")});
        QVERIFY2(down.ok(), down.describe().constData());
        QCOMPARE(countLines(down, QStringLiteral("download ")), 2);
        QVERIFY(!QFileInfo::exists(nowhere));
    }

    void excludeInclude()
    {
        const QString local = m_dir.filePath(QStringLiteral("filtered"));
        write(local + QStringLiteral("/a.tmp"), "a");
        write(local + QStringLiteral("/keep.tmp"), "k");
        write(local + QStringLiteral("/b.txt"), "b");
        write(local + QStringLiteral("/cache/x.txt"), "x");
        const QString remote = QStringLiteral("s3://%1/filtered").arg(m_bucket);
        PutObjectJob put(m_client.get(), m_bucket, QStringLiteral("filtered/remote-only.tmp"));
        put.setAutoDelete(false);
        put.setData("stays: excluded keys are not deleted");
        QVERIFY(runJob(put));
        // Later rules win: *.tmp out, then keep.* back in; cache/ out with --exclude=.
        ProcessOutcome up = cli({QStringLiteral("sync"), local, remote, QStringLiteral("--delete"), QStringLiteral("--exclude"), QStringLiteral("*.tmp"),
                                 QStringLiteral("--include"), QStringLiteral("keep.*"), QStringLiteral("--exclude=cache/*")});
        QVERIFY2(up.ok(), up.describe().constData());
        QCOMPARE(keysUnder(m_bucket, QStringLiteral("filtered/")),
                 (QStringList{QStringLiteral("b.txt"), QStringLiteral("keep.tmp"), QStringLiteral("remote-only.tmp")}));
        ProcessOutcome bad = cli({QStringLiteral("sync"), local, remote, QStringLiteral("--exclude"), QStringLiteral("[oops")});
        QCOMPARE(bad.exitCode, 2);
    }

    void deleteBothDirections()
    {
        const QString local = m_dir.filePath(QStringLiteral("del"));
        write(local + QStringLiteral("/one.txt"), "1");
        write(local + QStringLiteral("/two.txt"), "2");
        const QString remote = QStringLiteral("s3://%1/del").arg(m_bucket);
        QVERIFY(cli({QStringLiteral("sync"), local, remote}).ok());
        QVERIFY(QFile::remove(local + QStringLiteral("/two.txt")));
        ProcessOutcome up = cli({QStringLiteral("sync"), local, remote, QStringLiteral("--delete")});
        QVERIFY2(up.ok(), up.describe().constData());
        QCOMPARE(countLines(up, QStringLiteral("delete: ")), 1);
        QCOMPARE(keysUnder(m_bucket, QStringLiteral("del/")), QStringList{QStringLiteral("one.txt")});
        write(local + QStringLiteral("/sub/local-only.txt"), "L");
        ProcessOutcome down = cli({QStringLiteral("sync"), remote, local, QStringLiteral("--delete")});
        QVERIFY2(down.ok(), down.describe().constData());
        QCOMPARE(countLines(down, QStringLiteral("delete: ")), 1);
        QCOMPARE(tree(local).keys(), QStringList{QStringLiteral("one.txt")});
    }

    void keyOrderDashBeforeSlash()
    {
        // "a b" < "a-b" < "a/b" < "a0" in S3's order; a walker listing "a" before "a-b" would mismatch the merge.
        const QString local = m_dir.filePath(QStringLiteral("order"));
        for (const QString &name : {QStringLiteral("a b"), QStringLiteral("a-b"), QStringLiteral("a/b"), QStringLiteral("a/c-d"), QStringLiteral("a0"),
                                    QStringLiteral("\u00e9t\u00e9"), QStringLiteral("\U0001F600")})
            write(local + QLatin1Char('/') + name, name.toUtf8());
        const QString remote = QStringLiteral("s3://%1/order/").arg(m_bucket);
        ProcessOutcome first = cli({QStringLiteral("sync"), local, remote});
        QVERIFY2(first.ok(), first.describe().constData());
        QCOMPARE(countLines(first, QStringLiteral("upload: ")), 7);
        ProcessOutcome again = cli({QStringLiteral("sync"), local, remote, QStringLiteral("--delete")});
        QVERIFY2(again.ok(), again.describe().constData());
        QCOMPARE(again.outLines().size(), 0);
        ProcessOutcome plan = cli({QStringLiteral("sync"), local, remote, QStringLiteral("--dry-run"), QStringLiteral("--delete")});
        QVERIFY2(plan.ok(), plan.describe().constData());
        QCOMPARE(countLines(plan, QStringLiteral("skip ")), 7);
        const QString copy = m_dir.filePath(QStringLiteral("order-down"));
        ProcessOutcome down = cli({QStringLiteral("sync"), remote, copy, QStringLiteral("--delete")});
        QVERIFY2(down.ok(), down.describe().constData());
        QCOMPARE(tree(copy), tree(local));
        ProcessOutcome downAgain = cli({QStringLiteral("sync"), remote, copy, QStringLiteral("--delete")});
        QVERIFY2(downAgain.ok(), downAgain.describe().constData());
        QCOMPARE(downAgain.outLines().size(), 0);
    }

    void s3ToS3()
    {
        m_otherBucket = createTestBucket(m_client.get(), QStringLiteral("wip-sync-s3s3"));
        QVERIFY(!m_otherBucket.isEmpty());
        const QString local = m_dir.filePath(QStringLiteral("s3s3"));
        write(local + QStringLiteral("/a.txt"), "a");
        write(local + QStringLiteral("/d/b.txt"), "b");
        write(local + QStringLiteral("/big.bin"), randomBytes(11 * 1024 * 1024, 2)); // multipart source ETag
        ProcessOutcome seed = cli({QStringLiteral("sync"), local, QStringLiteral("s3://%1/src").arg(m_bucket), QStringLiteral("--part-size"), QStringLiteral("5M")});
        QVERIFY2(seed.ok(), seed.describe().constData());
        PutObjectJob put(m_client.get(), m_otherBucket, QStringLiteral("dst/extra.txt"));
        put.setAutoDelete(false);
        put.setData("extra");
        QVERIFY(runJob(put));
        const QString from = QStringLiteral("s3://%1/src").arg(m_bucket);
        const QString to = QStringLiteral("s3://%1/dst/").arg(m_otherBucket);
        ProcessOutcome plan = cli({QStringLiteral("sync"), from, to, QStringLiteral("--dry-run"), QStringLiteral("--delete")});
        QVERIFY2(plan.ok(), plan.describe().constData());
        QCOMPARE(countLines(plan, QStringLiteral("copy ")), 3);
        QCOMPARE(countLines(plan, QStringLiteral("delete ")), 1);
        QCOMPARE(keysUnder(m_otherBucket, QStringLiteral("dst/")), QStringList{QStringLiteral("extra.txt")});

        ProcessOutcome first = cli({QStringLiteral("sync"), from, to, QStringLiteral("--delete")});
        QVERIFY2(first.ok(), first.describe().constData());
        QCOMPARE(countLines(first, QStringLiteral("copy: ")), 3);
        QCOMPARE(countLines(first, QStringLiteral("delete: ")), 1);
        QCOMPARE(keysUnder(m_otherBucket, QStringLiteral("dst/")),
                 (QStringList{QStringLiteral("a.txt"), QStringLiteral("big.bin"), QStringLiteral("d/b.txt")}));
        ProcessOutcome second = cli({QStringLiteral("sync"), from, to, QStringLiteral("--delete")});
        QVERIFY2(second.ok(), second.describe().constData());
        QCOMPARE(second.outLines().size(), 0);

        // Overlapping prefixes in one bucket are refused.
        ProcessOutcome overlap = cli({QStringLiteral("sync"), from, QStringLiteral("s3://%1/src/sub").arg(m_bucket)});
        QCOMPARE(overlap.exitCode, 2);
    }

    void cleanupTestCase()
    {
        if (m_client && !m_otherBucket.isEmpty()) {
            const S3Error removed = removeTestBucket(m_client.get(), m_otherBucket);
            QVERIFY2(!removed.isError(), qPrintable(removed.toString()));
        }
        if (m_client && !m_bucket.isEmpty()) {
            const S3Error removed = removeTestBucket(m_client.get(), m_bucket);
            QVERIFY2(!removed.isError(), qPrintable(removed.toString()));
        }
    }
};

QTEST_GUILESS_MAIN(TestLiveSync)
#include "tst_live_sync.moc"
