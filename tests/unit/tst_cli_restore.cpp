// SPDX-License-Identifier: Apache-2.0
// s3desk-cli with archived objects, as a real process against FakeS3Server answering as AWS does (Ceph RGW 16
// neither archives nor restores): restore with days and tier, a second restore while one runs, stat showing the
// restore status (text and JSON), and get of an archived object explaining that it must be restored first.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
#include "fakes3server.h"
#include "livetest.h"

using namespace Qt::Literals::StringLiterals;

namespace {
const QString Bucket = u"frozen"_s;
}

class TestCliRestore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QProcessEnvironment m_env;
    std::unique_ptr<FakeS3Server> m_server;

    ProcessOutcome cli(const QStringList &arguments)
    {
        return runProgram(cliPath(),
                          QStringList{u"--endpoint-url"_s, m_server->endpointUrl(), u"--path-style"_s, u"--region"_s, u"us-east-1"_s} + arguments,
                          m_env, 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), "S3DESK_CLI is not set: run the test through ctest");
        QVERIFY(m_home.isValid());
        m_env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : m_env.keys()) {
            if (name.startsWith(u"AWS_"_s))
                m_env.remove(name);
        }
        m_env.insert(u"HOME"_s, m_home.path());
        m_env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
        m_env.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDFAKE"_s);
        m_env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"fake-secret"_s);
    }

    void init()
    {
        m_server = std::make_unique<FakeS3Server>();
        QVERIFY(m_server->start());
        m_server->putObject(Bucket, u"tape/backup.tar"_s, "archived bytes");
        m_server->updateObject(Bucket, u"tape/backup.tar"_s, [](FakeS3Object &object) { object.storageClass = u"DEEP_ARCHIVE"_s; });
    }

    void cleanup() { m_server.reset(); }

    void getOfAnArchivedObjectSaysToRestoreIt()
    {
        const QString target = m_home.filePath(u"backup.tar"_s);
        ProcessOutcome r = cli({u"get"_s, u"s3://frozen/tape/backup.tar"_s, target});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("tape/backup.tar is archived in DEEP_ARCHIVE and must be restored before it can be downloaded"),
                 r.describe().constData());
        QVERIFY(!QFile::exists(target));
        // Streamed to standard output: the same explanation (no HEAD first, so no class to name).
        r = cli({u"get"_s, u"s3://frozen/tape/backup.tar"_s, u"-"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("tape/backup.tar is archived in an archive storage class and must be restored"), r.describe().constData());
        QVERIFY(r.out.isEmpty());
    }

    void restoreThenStatShowsItsProgress()
    {
        ProcessOutcome r = cli({u"stat"_s, u"s3://frozen/tape/backup.tar"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        QVERIFY2(r.out.contains("Storage class: DEEP_ARCHIVE\n") && !r.out.contains("Restore:"), r.describe().constData());

        r = cli({u"restore"_s, u"s3://frozen/tape/backup.tar"_s, u"--days"_s, u"5"_s, u"--tier"_s, u"bulk"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.out, QByteArray("restore: started for s3://frozen/tape/backup.tar (Bulk tier, kept 5 days once done; 'stat' shows "
                                   "the progress)\n"));
        const QList<FakeS3Request> requests = m_server->requests();
        QVERIFY(std::any_of(requests.begin(), requests.end(), [](const FakeS3Request &request) {
            return request.operation == u"RestoreObject"_s && request.body.contains("<Days>5</Days>")
                && request.body.contains("<Tier>Bulk</Tier>");
        }));

        r = cli({u"stat"_s, u"s3://frozen/tape/backup.tar"_s});
        QVERIFY2(r.out.contains("Restore:       in progress\n"), r.describe().constData());
        r = cli({u"stat"_s, u"s3://frozen/tape/backup.tar"_s, u"--json"_s});
        QJsonObject json = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(json.value(u"restore"_s).toObject().value(u"ongoing"_s).toBool(), true);

        r = cli({u"restore"_s, u"s3://frozen/tape/backup.tar"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("a restore of tape/backup.tar is already in progress") && r.err.contains("RestoreAlreadyInProgress"),
                 r.describe().constData());

        const QDateTime expiry(QDate(2031, 3, 4), QTime(0, 0), Qt::UTC);
        m_server->updateObject(Bucket, u"tape/backup.tar"_s, [expiry](FakeS3Object &object) {
            object.restoreOngoing = false;
            object.restoreExpiry = expiry;
        });
        r = cli({u"stat"_s, u"s3://frozen/tape/backup.tar"_s});
        QVERIFY2(r.out.contains("Restore:       available until "), r.describe().constData());
        r = cli({u"stat"_s, u"s3://frozen/tape/backup.tar"_s, u"--json"_s});
        json = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(json.value(u"restore"_s).toObject().value(u"ongoing"_s).toBool(), false);
        QCOMPARE(json.value(u"restore"_s).toObject().value(u"expiry"_s).toString(), u"2031-03-04T00:00:00.000Z"_s);
        r = cli({u"get"_s, u"s3://frozen/tape/backup.tar"_s, u"-"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.out, QByteArray("archived bytes"));

        r = cli({u"restore"_s, u"s3://frozen/tape/backup.tar"_s, u"--days"_s, u"2"_s});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.out, QByteArray("restore: s3://frozen/tape/backup.tar is restored already; it now stays 2 days\n"));
    }

    void refusals()
    {
        m_server->putObject(Bucket, u"warm.txt"_s, "warm");
        ProcessOutcome r = cli({u"restore"_s, u"s3://frozen/warm.txt"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("warm.txt is not archived"), r.describe().constData());
        r = cli({u"restore"_s, u"s3://frozen/tape/backup.tar"_s, u"--days"_s, u"0"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--days takes 1 ... 30000"), r.describe().constData());
        r = cli({u"restore"_s, u"s3://frozen/tape/backup.tar"_s, u"--tier"_s, u"Fast"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--tier takes Standard, Bulk, Expedited, not 'Fast'"), r.describe().constData());
        r = cli({u"restore"_s, u"s3://frozen"_s});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(m_server->count(u"RestoreObject"_s), 1); // only the first, to warm.txt
    }
};

QTEST_GUILESS_MAIN(TestCliRestore)
#include "tst_cli_restore.moc"
