// SPDX-License-Identifier: Apache-2.0
// The CLI's version commands as real processes against the real Ceph RGW: versioning status and switch,
// ls --versions of one folder, get/stat/presign/rm --version-id, cp from a version (a restore) and undelete.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
#include "livetest.h"

using namespace Qt::Literals::StringLiterals;

class TestLiveCliVersions : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QTemporaryDir m_home;
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_bucket;
    QNetworkAccessManager m_network;

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

    QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
    }

    /** ls --versions --json: one object per entry, in the order printed. */
    QList<QJsonObject> versions(const QString &target, bool recursive = false)
    {
        QStringList arguments{u"ls"_s, u"--versions"_s, target, u"--json"_s};
        if (recursive)
            arguments << u"--recursive"_s;
        const ProcessOutcome r = cli(arguments);
        if (!r.ok())
            qWarning("%s", r.describe().constData());
        QList<QJsonObject> out;
        for (const QString &line : r.outLines())
            out.append(QJsonDocument::fromJson(line.toUtf8()).object());
        return out;
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
        m_bucket = uniqueBucketName(u"s3desk-live-cliver"_s);
        const ProcessOutcome r = cli({u"mb"_s, u"s3://"_s + m_bucket});
        QVERIFY2(r.ok(), r.describe().constData());
    }

    void cleanupTestCase()
    {
        if (m_bucket.isEmpty())
            return;
        // Every version and delete marker has to go before the bucket can.
        for (const QJsonObject &v : versions(u"s3://"_s + m_bucket, true)) {
            const ProcessOutcome r = cli({u"rm"_s, uri(v.value(u"key"_s).toString()), u"--version-id"_s, v.value(u"versionId"_s).toString()});
            QVERIFY2(r.ok(), r.describe().constData());
        }
        const ProcessOutcome r = cli({u"rb"_s, u"s3://"_s + m_bucket});
        QVERIFY2(r.ok(), r.describe().constData());
    }

    void versioningStatusAndSwitch()
    {
        ProcessOutcome r = cli({u"versioning"_s, u"s3://"_s + m_bucket});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.out, QByteArray("Unversioned (never enabled)\n"));
        r = cli({u"versioning"_s, u"s3://"_s + m_bucket, u"suspend"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        r = cli({u"versioning"_s, u"s3://"_s + m_bucket});
        QCOMPARE(r.out, QByteArray("Suspended\n"));
        r = cli({u"versioning"_s, u"s3://"_s + m_bucket, u"enable"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.out, QByteArray("versioning: " + m_bucket.toUtf8() + " Enabled\n"));
        r = cli({u"versioning"_s, u"s3://"_s + m_bucket});
        QCOMPARE(r.out, QByteArray("Enabled\n"));
        r = cli({u"versioning"_s, u"s3://"_s + m_bucket, u"off"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("enable or suspend"), r.describe().constData());
    }

    void versionsOfOneFolder()
    {
        for (const QByteArray &content : {QByteArray("old words"), QByteArray("new words, longer")}) {
            const ProcessOutcome r = cli({u"put"_s, localFile(u"a.txt"_s, content), uri(u"dir/a.txt"_s)});
            QVERIFY2(r.ok(), r.describe().constData());
        }
        ProcessOutcome r = cli({u"put"_s, localFile(u"c.txt"_s, "deep"), uri(u"dir/sub/c.txt"_s)});
        QVERIFY2(r.ok(), r.describe().constData());
        r = cli({u"rm"_s, uri(u"dir/a.txt"_s)});
        QVERIFY2(r.ok(), r.describe().constData());
        QVERIFY2(r.out.contains("added; the versions are kept"), r.describe().constData());

        const QList<QJsonObject> entries = versions(uri(u"dir/"_s));
        QCOMPARE(entries.size(), 4); // the folder dir/sub/, the marker, two versions
        QCOMPARE(entries.at(0).value(u"prefix"_s).toString(), u"dir/sub/"_s);
        QVERIFY(entries.at(1).value(u"deleteMarker"_s).toBool());
        QVERIFY(entries.at(1).value(u"isLatest"_s).toBool());
        QCOMPARE(entries.at(2).value(u"size"_s).toInt(), 17);
        QVERIFY(!entries.at(2).value(u"isLatest"_s).toBool());
        QCOMPARE(entries.at(3).value(u"size"_s).toInt(), 9);
        const QString oldId = entries.at(3).value(u"versionId"_s).toString();
        const QString markerId = entries.at(1).value(u"versionId"_s).toString();

        // The text form: one line per entry, the folder first, LATEST on the marker.
        r = cli({u"ls"_s, u"--versions"_s, uri(u"dir/"_s)});
        QVERIFY2(r.ok(), r.describe().constData());
        const QStringList lines = r.outLines();
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines.at(0).endsWith(u" PRE sub/"_s));
        QVERIFY2(lines.at(1).contains(u"DELETED"_s) && lines.at(1).contains(markerId) && lines.at(1).contains(u"LATEST a.txt"_s),
                 qPrintable(lines.at(1)));
        QVERIFY2(lines.at(3).contains(oldId) && lines.at(3).endsWith(u" a.txt"_s), qPrintable(lines.at(3)));

        // get, stat and presign of the old version.
        r = cli({u"get"_s, uri(u"dir/a.txt"_s), m_dir.filePath(u"old.txt"_s), u"--version-id"_s, oldId});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(readFile(m_dir.filePath(u"old.txt"_s)), QByteArray("old words"));
        r = cli({u"get"_s, uri(u"dir/a.txt"_s), u"-"_s, u"--version-id"_s, oldId});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.out, QByteArray("old words"));
        r = cli({u"stat"_s, uri(u"dir/a.txt"_s), u"--version-id"_s, oldId, u"--json"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        const QJsonObject stat = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(stat.value(u"versionId"_s).toString(), oldId);
        QCOMPARE(stat.value(u"size"_s).toInt(), 9);
        r = cli({u"stat"_s, uri(u"dir/a.txt"_s), u"--version-id"_s, markerId});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("delete marker"), r.describe().constData());
        r = cli({u"presign"_s, uri(u"dir/a.txt"_s), u"--version-id"_s, oldId, u"--expires"_s, u"300"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        std::unique_ptr<QNetworkReply> reply(m_network.get(QNetworkRequest(QUrl(QString::fromUtf8(r.out.trimmed())))));
        QVERIFY(waitUntil([&] { return reply->isFinished(); }, 30000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->readAll(), QByteArray("old words"));

        // Undelete: remove the delete marker; the newest version is current again.
        r = cli({u"rm"_s, uri(u"dir/a.txt"_s), u"--version-id"_s, markerId});
        QVERIFY2(r.ok(), r.describe().constData());
        QVERIFY2(r.out.contains("removed permanently"), r.describe().constData());
        r = cli({u"get"_s, uri(u"dir/a.txt"_s), u"-"_s});
        QCOMPARE(r.out, QByteArray("new words, longer"));

        // cp from a version onto its own key restores it.
        r = cli({u"cp"_s, uri(u"dir/a.txt"_s), uri(u"dir/a.txt"_s), u"--version-id"_s, oldId});
        QVERIFY2(r.ok(), r.describe().constData());
        r = cli({u"get"_s, uri(u"dir/a.txt"_s), u"-"_s});
        QCOMPARE(r.out, QByteArray("old words"));
        QCOMPARE(versions(uri(u"dir/a.txt"_s)).size(), 3);

        // A version deleted for good is gone from the listing and cannot be read.
        r = cli({u"rm"_s, uri(u"dir/a.txt"_s), u"--version-id"_s, oldId});
        QVERIFY2(r.ok(), r.describe().constData());
        QVERIFY2(r.out.contains(QByteArray("version " + oldId.toUtf8() + ", removed permanently")), r.describe().constData());
        QCOMPARE(versions(uri(u"dir/a.txt"_s)).size(), 2);
        r = cli({u"get"_s, uri(u"dir/a.txt"_s), u"-"_s, u"--version-id"_s, oldId});
        QCOMPARE(r.exitCode, 1);
    }

    void usage()
    {
        ProcessOutcome r = cli({u"--help"_s});
        QVERIFY(r.ok());
        QVERIFY(r.out.contains("PERMANENTLY"));
        r = cli({u"rm"_s, uri(u"dir/"_s), u"--recursive"_s, u"--version-id"_s, u"x"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("does not go with --recursive"), r.describe().constData());
        r = cli({u"mv"_s, uri(u"dir/a.txt"_s), uri(u"b.txt"_s), u"--version-id"_s, u"x"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("unknown option --version-id"), r.describe().constData());
        r = cli({u"ls"_s, u"--versions"_s});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestLiveCliVersions)
#include "tst_live_cli_versions.moc"
