// SPDX-License-Identifier: Apache-2.0
// s3desk-cli find as a real process against the real Ceph RGW: keys in nested folders found by name substring,
// glob (name and path), size range and time (--newer/--older with an ISO time), --json lines, --count, --max, the
// summary on stderr, and usage errors for a bad size or time.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "cliprocess.h"
#include "livetest.h"

using namespace Qt::Literals::StringLiterals;

class TestLiveCliFind : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QTemporaryDir m_home;
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_bucket;
    QString m_between; // an ISO time between the first keys and the last

    ProcessOutcome cli(const QStringList &arguments)
    {
        return runProgram(cliPath(), QStringList{u"--endpoint-url"_s, m_server.endpoint} + arguments, m_env, 60000);
    }

    QString uri(const QString &key) const { return u"s3://%1/%2"_s.arg(m_bucket, key); }

    bool put(const QString &key, const QByteArray &data)
    {
        const QString path = m_dir.filePath(u"upload"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size())
            return false;
        file.close();
        const ProcessOutcome r = cli({u"put"_s, path, uri(key)});
        if (!r.ok())
            qWarning("%s", r.describe().constData());
        return r.ok();
    }

    /** The keys printed by find (text output: the key is the last field). */
    QStringList found(const QStringList &arguments)
    {
        const ProcessOutcome r = cli(QStringList{u"find"_s} + arguments + QStringList{u"--json"_s});
        if (!r.ok()) {
            qWarning("%s", r.describe().constData());
            return {u"<failed>"_s};
        }
        QStringList keys;
        for (const QString &line : r.outLines())
            keys << QJsonDocument::fromJson(line.toUtf8()).object().value(u"key"_s).toString();
        keys.sort();
        return keys;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), "S3DESK_CLI is not set: run the test through ctest");
        QVERIFY(m_home.isValid() && m_dir.isValid());
        m_env = keysOnlyAwsEnvironment(m_server.accessKey, m_server.secretKey);
        m_env.insert(u"HOME"_s, m_home.path());
        m_env.insert(u"AWS_DEFAULT_REGION"_s, m_server.region);
        m_bucket = uniqueBucketName(u"wip-search-cli"_s);
        const ProcessOutcome r = cli({u"mb"_s, u"s3://"_s + m_bucket});
        QVERIFY2(r.ok(), r.describe().constData());
        QVERIFY(put(u"p/report.csv"_s, QByteArray(100, 'a')));
        QVERIFY(put(u"p/a/Q1-Report.CSV"_s, QByteArray(2000, 'b')));
        QVERIFY(put(u"p/a/b/notes.txt"_s, QByteArray(10, 'c')));
        QVERIFY(put(u"p/reports/data.bin"_s, QByteArray(5000, 'd')));
        QVERIFY(put(u"other/report.csv"_s, "x"));
        QThread::msleep(1100);
        m_between = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        QThread::msleep(1100);
        QVERIFY(put(u"p/a/b/late-report.csv"_s, QByteArray(300, 'e')));
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

    void byName()
    {
        QCOMPARE(found({uri(u"p/"_s), u"--name"_s, u"report"_s}),
                 (QStringList{u"p/a/Q1-Report.CSV"_s, u"p/a/b/late-report.csv"_s, u"p/report.csv"_s}));
        QCOMPARE(found({uri(u"p/"_s), u"--name"_s, u"Report"_s, u"--case-sensitive"_s}), QStringList{u"p/a/Q1-Report.CSV"_s});
        QCOMPARE(found({uri(u"p/"_s), u"--name"_s, u"*.csv"_s}),
                 (QStringList{u"p/a/Q1-Report.CSV"_s, u"p/a/b/late-report.csv"_s, u"p/report.csv"_s}));
        QCOMPARE(found({uri(u"p/"_s), u"--name"_s, u"a/*/*.txt"_s}), QStringList{u"p/a/b/notes.txt"_s});
        QCOMPARE(found({uri(u"p/"_s), u"--name"_s, u"reports/"_s}), QStringList{u"p/reports/data.bin"_s});
    }

    void bySizeAndTime()
    {
        QCOMPARE(found({uri(u"p/"_s), u"--min-size"_s, u"100"_s, u"--max-size"_s, u"2000"_s}),
                 (QStringList{u"p/a/Q1-Report.CSV"_s, u"p/a/b/late-report.csv"_s, u"p/report.csv"_s}));
        QCOMPARE(found({uri(u"p/"_s), u"--min-size"_s, u"4K"_s}), QStringList{u"p/reports/data.bin"_s});
        QCOMPARE(found({uri(u"p/"_s), u"--newer"_s, m_between}), QStringList{u"p/a/b/late-report.csv"_s});
        QCOMPARE(found({uri(u"p/"_s), u"--older"_s, m_between}).size(), 4);
        QCOMPARE(found({uri(u"p/"_s), u"--newer"_s, u"1h"_s}).size(), 5);
    }

    void countMaxAndSummary()
    {
        ProcessOutcome r = cli({u"find"_s, uri(QString()), u"--name"_s, u"report"_s, u"--count"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.out.trimmed(), QByteArray("4"));
        QVERIFY2(r.err.contains("4 found in 6 keys"), r.err.constData());
        r = cli({u"find"_s, uri(u"p/"_s), u"--max"_s, u"2"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.outLines().size(), 2);
        QVERIFY2(r.err.contains("stopped at --max"), r.err.constData());
    }

    void usageErrors()
    {
        ProcessOutcome r = cli({u"find"_s, uri(u"p/"_s), u"--min-size"_s, u"lots"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("is not a size"));
        r = cli({u"find"_s, uri(u"p/"_s), u"--newer"_s, u"yesterday"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("is not a time"));
        r = cli({u"find"_s, uri(u"p/"_s), u"--min-size"_s, u"2K"_s, u"--max-size"_s, u"1K"_s});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestLiveCliFind)
#include "tst_live_cli_find.moc"
