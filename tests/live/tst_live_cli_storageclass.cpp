// SPDX-License-Identifier: Apache-2.0
// The CLI's storage classes as real processes against the real Ceph RGW (classes STANDARD_IA and GLACIER on its
// placement target): put --storage-class (single and multipart), cp onto the same key with --storage-class
// (a class change; the same class again is reported unchanged), cp to another key in another class, and
// storage-class --set on a prefix with --recursive; an unknown class fails naming it.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
#include "livetest.h"

using namespace Qt::Literals::StringLiterals;

class TestLiveCliStorageClass : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QTemporaryDir m_home;
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_bucket;

    ProcessOutcome cli(const QStringList &arguments)
    {
        return runProgram(cliPath(), QStringList{u"--endpoint-url"_s, m_server.endpoint} + arguments, m_env, 60000);
    }

    QString uri(const QString &key) const { return u"s3://%1/%2"_s.arg(m_bucket, key); }

    QString localFile(const QString &name, const QByteArray &data)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
            qWarning("cannot write %s", qPrintable(path));
        return path;
    }

    QJsonObject stat(const QString &key)
    {
        const ProcessOutcome r = cli({u"stat"_s, uri(key), u"--json"_s});
        if (!r.ok())
            qWarning("%s", r.describe().constData());
        return QJsonDocument::fromJson(r.out).object();
    }

    QString storageClass(const QString &key) { return stat(key).value(u"storageClass"_s).toString(); }

    /** ls --recursive --json: key to the storage class the listing names. */
    QMap<QString, QString> listedClasses(const QString &prefix)
    {
        const ProcessOutcome r = cli({u"ls"_s, uri(prefix), u"--recursive"_s, u"--json"_s});
        if (!r.ok())
            qWarning("%s", r.describe().constData());
        QMap<QString, QString> classes;
        for (const QString &line : r.outLines()) {
            const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
            classes.insert(object.value(u"key"_s).toString(), object.value(u"storageClass"_s).toString());
        }
        return classes;
    }

    QByteArray download(const QString &key)
    {
        const ProcessOutcome r = cli({u"get"_s, uri(key), u"-"_s});
        if (!r.ok())
            qWarning("%s", r.describe().constData());
        return r.out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), "S3DESK_CLI is not set: run the test through ctest");
        QVERIFY(m_home.isValid() && m_dir.isValid());
        m_env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : m_env.keys()) {
            if (name.startsWith(u"AWS_"_s))
                m_env.remove(name);
        }
        m_env.insert(u"HOME"_s, m_home.path());
        m_env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
        m_env.insert(u"AWS_ACCESS_KEY_ID"_s, m_server.accessKey);
        m_env.insert(u"AWS_SECRET_ACCESS_KEY"_s, m_server.secretKey);
        m_env.insert(u"AWS_DEFAULT_REGION"_s, m_server.region);
        m_bucket = uniqueBucketName(u"s3desk-live-clisc"_s);
        const ProcessOutcome r = cli({u"mb"_s, u"s3://"_s + m_bucket});
        QVERIFY2(r.ok(), r.describe().constData());
    }

    void cleanupTestCase()
    {
        if (m_bucket.isEmpty())
            return;
        ProcessOutcome r = cli({u"rm"_s, u"s3://"_s + m_bucket, u"--recursive"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        r = cli({u"rb"_s, u"s3://"_s + m_bucket});
        QVERIFY2(r.ok(), r.describe().constData());
    }

    void uploadsInAClass()
    {
        ProcessOutcome r = cli({u"put"_s, localFile(u"small.txt"_s, "small"), uri(u"up/small.txt"_s), u"--storage-class"_s, u"STANDARD_IA"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(storageClass(u"up/small.txt"_s), u"STANDARD_IA"_s);

        const QByteArray big = randomBytes(16 * 1024 * 1024 + 17, 5); // multipart from 16 MiB on: four parts of 5 MiB
        r = cli({u"put"_s, localFile(u"big.bin"_s, big), uri(u"up/big.bin"_s), u"--part-size"_s, u"5M"_s, u"--storage-class"_s,
                 u"GLACIER"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        const QJsonObject big_ = stat(u"up/big.bin"_s);
        QCOMPARE(big_.value(u"storageClass"_s).toString(), u"GLACIER"_s);
        QVERIFY(big_.value(u"etag"_s).toString().endsWith(u"-4\""_s));
        QCOMPARE(listedClasses(u"up/"_s).value(u"up/big.bin"_s), u"GLACIER"_s);
    }

    void copyOntoItselfChangesTheClass()
    {
        const QByteArray data = randomBytes(40000, 7);
        ProcessOutcome r = cli({u"put"_s, localFile(u"doc.pdf"_s, data), uri(u"cp/doc.pdf"_s), u"--content-type"_s,
                                u"application/pdf"_s, u"--meta"_s, u"origin=scanner"_s, u"--tag"_s, u"team=blue"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(storageClass(u"cp/doc.pdf"_s), u"STANDARD"_s);

        r = cli({u"cp"_s, uri(u"cp/doc.pdf"_s), uri(u"cp/doc.pdf"_s), u"--storage-class"_s, u"GLACIER"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.out, QByteArray("copy: " + uri(u"cp/doc.pdf"_s).toUtf8() + " to " + uri(u"cp/doc.pdf"_s).toUtf8() + "\n"));
        const QJsonObject after = stat(u"cp/doc.pdf"_s);
        QCOMPARE(after.value(u"storageClass"_s).toString(), u"GLACIER"_s);
        QCOMPARE(after.value(u"contentType"_s).toString(), u"application/pdf"_s);
        QCOMPARE(after.value(u"metadata"_s).toObject().value(u"origin"_s).toString(), u"scanner"_s);
        QCOMPARE(after.value(u"tagCount"_s).toInt(), 1);
        QCOMPARE(download(u"cp/doc.pdf"_s), data);

        r = cli({u"cp"_s, uri(u"cp/doc.pdf"_s), uri(u"cp/doc.pdf"_s), u"--storage-class"_s, u"GLACIER"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.out, QByteArray("unchanged: " + uri(u"cp/doc.pdf"_s).toUtf8() + " is already GLACIER\n"));

        r = cli({u"cp"_s, uri(u"cp/doc.pdf"_s), uri(u"cp/doc.pdf"_s)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--storage-class"), r.describe().constData());

        // To another key: the copy in the class given, the source as it was.
        r = cli({u"cp"_s, uri(u"cp/doc.pdf"_s), uri(u"cp/copy.pdf"_s), u"--storage-class"_s, u"STANDARD_IA"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(storageClass(u"cp/copy.pdf"_s), u"STANDARD_IA"_s);
        QCOMPARE(storageClass(u"cp/doc.pdf"_s), u"GLACIER"_s);
        QCOMPARE(download(u"cp/copy.pdf"_s), data);
    }

    void prefixRecursive()
    {
        for (const QString &key : {u"tree/a.txt"_s, u"tree/sub/b.txt"_s, u"tree/sub/c.txt"_s, u"treehouse.txt"_s}) {
            const ProcessOutcome r = cli({u"put"_s, localFile(u"f.txt"_s, key.toUtf8()), uri(key)});
            QVERIFY2(r.ok(), r.describe().constData());
        }
        ProcessOutcome r = cli({u"storage-class"_s, uri(u"tree/sub/c.txt"_s), u"--set"_s, u"STANDARD_IA"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.err, QByteArray("1 object changed to STANDARD_IA\n"));

        r = cli({u"storage-class"_s, uri(u"tree/"_s), u"--set"_s, u"STANDARD_IA"_s, u"--recursive"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.err, QByteArray("2 objects changed to STANDARD_IA, 1 already STANDARD_IA\n"));
        const QMap<QString, QString> listed = listedClasses(u"tree"_s);
        QCOMPARE(listed.value(u"tree/a.txt"_s), u"STANDARD_IA"_s);
        QCOMPARE(listed.value(u"tree/sub/b.txt"_s), u"STANDARD_IA"_s);
        QCOMPARE(listed.value(u"tree/sub/c.txt"_s), u"STANDARD_IA"_s);
        QCOMPARE(listed.value(u"treehouse.txt"_s), u"STANDARD"_s);

        // Without --recursive "tree/" is one key, which does not exist.
        r = cli({u"storage-class"_s, uri(u"tree/"_s), u"--set"_s, u"GLACIER"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("NoSuchKey"), r.describe().constData());
        QCOMPARE(listedClasses(u"tree/"_s).value(u"tree/a.txt"_s), u"STANDARD_IA"_s);
    }

    void unknownClassFailsNamingIt()
    {
        ProcessOutcome r = cli({u"put"_s, localFile(u"x.txt"_s, "x"), uri(u"bad/x.txt"_s)});
        QVERIFY2(r.ok(), r.describe().constData());
        r = cli({u"storage-class"_s, uri(u"bad/x.txt"_s), u"--set"_s, u"FROZEN"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("refused storage class \"FROZEN\""), r.describe().constData());
        QVERIFY2(r.err.contains("bad/x.txt"), r.describe().constData());
        r = cli({u"cp"_s, uri(u"bad/x.txt"_s), uri(u"bad/x.txt"_s), u"--storage-class"_s, u"FROZEN"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("refused storage class \"FROZEN\""), r.describe().constData());
        QCOMPARE(storageClass(u"bad/x.txt"_s), u"STANDARD"_s);
        r = cli({u"storage-class"_s, uri(u"bad/x.txt"_s)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--set CLASS"), r.describe().constData());
    }
};

QTEST_GUILESS_MAIN(TestLiveCliStorageClass)
#include "tst_live_cli_storageclass.moc"
