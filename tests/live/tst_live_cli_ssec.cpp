// SPDX-License-Identifier: Apache-2.0
// The CLI's SSE-C options as real processes against the real Ceph RGW over https: put (single and multipart),
// stat, get to a file (several ranges) and to standard output, cp and mv with --sse-c-key-file / --sse-c-key,
// and the messages for a missing key, a wrong key and a bad key file. The key never appears in any output.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
#include "livetest.h"

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 PartBytes = 5 * 1024 * 1024;
}

class TestLiveCliSsec : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QTemporaryDir m_home;
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_bucket;
    QString m_keyFile;
    QString m_base64KeyFile;
    QString m_otherKeyFile;
    QByteArray m_keyBase64;
    QByteArray m_big;

    ProcessOutcome cli(const QStringList &arguments)
    {
        const ProcessOutcome r = runProgram(cliPath(), QStringList{u"--endpoint-url"_s, m_server.tlsEndpoint, u"--ca-bundle"_s, m_server.tlsCa} + arguments,
                                            m_env, 120000);
        // Whatever happened, the key is in no output.
        if (r.out.contains(m_keyBase64) || r.err.contains(m_keyBase64))
            qFatal("the SSE-C key appeared in the CLI's output");
        return r;
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

    QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
    }

    QString encryptionOf(const QString &key, const QString &keyFile)
    {
        const ProcessOutcome r = cli({u"stat"_s, uri(key), u"--json"_s, u"--sse-c-key-file"_s, keyFile});
        if (!r.ok())
            return QString::fromUtf8(r.err);
        return QJsonDocument::fromJson(r.out).object().value(u"encryption"_s).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        S3DESK_REQUIRE_LIVE_TLS(m_server, (BulkPath{true, true}));
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
        const QByteArray key = randomBytes(32, 77);
        m_keyBase64 = key.toBase64();
        m_keyFile = localFile(u"key.bin"_s, key);
        m_base64KeyFile = localFile(u"key.b64"_s, m_keyBase64 + '\n');
        m_otherKeyFile = localFile(u"other.bin"_s, randomBytes(32, 78));
        m_big = randomBytes(3 * PartBytes + 999, 79);
        m_bucket = uniqueBucketName(u"s3desk-live-clissec"_s);
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

    void putStatGet()
    {
        const QByteArray data = randomBytes(12345, 80);
        ProcessOutcome r = cli({u"put"_s, localFile(u"small.txt"_s, data), uri(u"small.txt"_s), u"--sse-c-key-file"_s, m_keyFile});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(encryptionOf(u"small.txt"_s, m_keyFile), u"SSE-C AES256"_s);
        // The same key as base64 text, in a file or on the command line.
        QCOMPARE(encryptionOf(u"small.txt"_s, m_base64KeyFile), u"SSE-C AES256"_s);
        r = cli({u"get"_s, uri(u"small.txt"_s), u"-"_s, u"--sse-c"_s, u"AES256"_s, u"--sse-c-key"_s, QString::fromLatin1(m_keyBase64)});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.out, data);

        r = cli({u"stat"_s, uri(u"small.txt"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("object is encrypted with a customer-provided key (SSE-C): give the key with --sse-c-key-file / in the app's prompt"),
                 r.describe().constData());
        r = cli({u"get"_s, uri(u"small.txt"_s), m_dir.filePath(u"wrong.txt"_s), u"--sse-c-key-file"_s, m_otherKeyFile});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("refused with the SSE-C key given"), r.describe().constData());
        QVERIFY(!QFile::exists(m_dir.filePath(u"wrong.txt"_s)));
    }

    void multipartPutAndRangedGet()
    {
        ProcessOutcome r = cli({u"put"_s, localFile(u"big.bin"_s, m_big), uri(u"big.bin"_s), u"--sse-c-key-file"_s, m_keyFile,
                                u"--part-size"_s, u"5M"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        const QString target = m_dir.filePath(u"big.down"_s);
        r = cli({u"get"_s, uri(u"big.bin"_s), target, u"--sse-c-key-file"_s, m_keyFile, u"--part-size"_s, u"5M"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        QVERIFY(readFile(target) == m_big);
    }

    void copyAndMoveKeepTheKey()
    {
        ProcessOutcome r = cli({u"cp"_s, uri(u"big.bin"_s), uri(u"copy.bin"_s), u"--sse-c-key-file"_s, m_keyFile});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(encryptionOf(u"copy.bin"_s, m_keyFile), u"SSE-C AES256"_s);
        r = cli({u"mv"_s, uri(u"copy.bin"_s), uri(u"moved/copy.bin"_s), u"--sse-c-key-file"_s, m_keyFile});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(encryptionOf(u"moved/copy.bin"_s, m_keyFile), u"SSE-C AES256"_s);
        const QString target = m_dir.filePath(u"moved.down"_s);
        r = cli({u"get"_s, uri(u"moved/copy.bin"_s), target, u"--sse-c-key-file"_s, m_keyFile});
        QVERIFY2(r.ok(), r.describe().constData());
        QVERIFY(readFile(target) == m_big);
        r = cli({u"cp"_s, uri(u"big.bin"_s), uri(u"nokey.bin"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("SSE-C"), r.describe().constData());
    }

    void badKeyOptions_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("short file") << QStringList{u"--sse-c-key-file"_s, u"SHORT"_s} << QByteArray("holds no SSE-C key");
        QTest::newRow("missing file") << QStringList{u"--sse-c-key-file"_s, u"/nonexistent/key"_s} << QByteArray("cannot read the SSE-C key file");
        QTest::newRow("short base64") << QStringList{u"--sse-c-key"_s, u"AAECAw=="_s} << QByteArray("must decode to exactly 32 bytes");
        QTest::newRow("both forms") << QStringList{u"--sse-c-key-file"_s, u"KEY"_s, u"--sse-c-key"_s, u"AAECAw=="_s} << QByteArray("not both");
        QTest::newRow("other algorithm") << QStringList{u"--sse-c=AES128"_s} << QByteArray("only the algorithm AES256");
        QTest::newRow("with --sse") << QStringList{u"--sse-c-key-file"_s, u"KEY"_s, u"--sse"_s, u"AES256"_s} << QByteArray("not both");
    }

    void badKeyOptions()
    {
        QFETCH(QStringList, options);
        QFETCH(QByteArray, message);
        options.replaceInStrings(u"SHORT"_s, localFile(u"short.key"_s, "0123456789"));
        options.replaceInStrings(u"KEY"_s, m_keyFile);
        const ProcessOutcome r = cli(QStringList{u"put"_s, localFile(u"x.txt"_s, "x"), uri(u"x.txt"_s)} + options);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.describe().constData());
    }
};

QTEST_GUILESS_MAIN(TestLiveCliSsec)
#include "tst_live_cli_ssec.moc"
