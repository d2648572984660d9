// SPDX-License-Identifier: Apache-2.0
// s3desk-cli sync in both directions against the real Ceph RGW: only what is missing or different moves,
// --delete removes extras, and hostile keys never write outside the local folder.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
#include "livetest.h"
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

    void cleanupTestCase()
    {
        if (m_client && !m_bucket.isEmpty()) {
            const S3Error removed = removeTestBucket(m_client.get(), m_bucket);
            QVERIFY2(!removed.isError(), qPrintable(removed.toString()));
        }
    }
};

QTEST_GUILESS_MAIN(TestLiveSync)
#include "tst_live_sync.moc"
