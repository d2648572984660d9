// SPDX-License-Identifier: Apache-2.0
// Every credential source of an AWS profile used by s3desk-cli against the real Ceph RGW (its STS gateway): put,
// ls and get with each profile of CredentialSources (tests/support/credentialsources.h): credential_process with
// static keys and with a Ceph STS session + Expiration, an assumed role (role_session_name checked in the
// AssumedRoleUser ARN Ceph answers), a two-hop source_profile chain (static -> role -> role), credential_source
// Environment and Ec2InstanceMetadata (FakeImdsServer with the tester's keys) calling AssumeRole on Ceph, a legacy
// sso_start_url profile (FakeSsoServer handing out the tester's keys) and web identity (FakeOidcIssuer registered
// in Ceph's IAM). Each row starts without cached sessions, so every source is really called.
// Ceph 16 (Pacific) allows role chaining: a session of role B may assume role C when C's trust policy names
// arn:aws:iam:::role/B (or the assumed-role ARN of B's session).

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "cliprocess.h"
#include "credentialsources.h"
#include "livetest.h"
#include "localfiles.h"

using namespace Qt::Literals::StringLiterals;

class TestLiveCredentialSources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void cliPutListGet_data();
    void cliPutListGet();
    void roleSessionNameReachesCeph();
    void processSessionKeepsCephsExpiration();

private:
    ProcessOutcome cli(const QString &profile, const QStringList &arguments);

    LiveServer m_server;
    CredentialSources m_sources;
};

ProcessOutcome TestLiveCredentialSources::cli(const QString &profile, const QStringList &arguments)
{
    // No --endpoint-url: the profile's endpoint_url is what a user has.
    return runProgram(cliPath(), QStringList{u"--profile"_s, profile} + arguments, m_sources.environment(profile), 50000);
}

void TestLiveCredentialSources::initTestCase()
{
    S3DESK_REQUIRE_LIVE_SERVER(m_server);
    const QString failed = m_sources.setUp(m_server, u"sources"_s);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

void TestLiveCredentialSources::cleanupTestCase()
{
    m_sources.tearDown();
}

void TestLiveCredentialSources::cliPutListGet_data()
{
    QTest::addColumn<QString>("profile");
    for (const QString &profile : CredentialSources::profiles())
        QTest::newRow(qPrintable(profile)) << profile;
}

void TestLiveCredentialSources::cliPutListGet()
{
    QFETCH(QString, profile);
    m_sources.reset();
    const QByteArray content = "written with profile " + profile.toUtf8() + "\n";
    const QString local = m_sources.home() + u"/up-"_s + profile + u".txt"_s;
    {
        QFile file(local);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    const QString key = profile + u"/object.txt"_s;
    const ProcessOutcome put = cli(profile, {u"put"_s, local, u"s3://%1/%2"_s.arg(m_sources.bucket(), key)});
    QVERIFY2(put.ok(), put.describe().constData());

    const ProcessOutcome listed = cli(profile, {u"ls"_s, u"s3://%1/%2/"_s.arg(m_sources.bucket(), profile), u"--json"_s});
    QVERIFY2(listed.ok(), listed.describe().constData());
    QStringList keys;
    for (const QString &line : listed.outLines()) {
        const QJsonObject entry = QJsonDocument::fromJson(line.toUtf8()).object();
        if (entry.contains("key"_L1))
            keys << entry.value("key"_L1).toString();
    }
    QCOMPARE(keys, QStringList{key});

    const QString back = m_sources.home() + u"/back-"_s + profile + u".txt"_s;
    const ProcessOutcome got = cli(profile, {u"get"_s, u"s3://%1/%2"_s.arg(m_sources.bucket(), key), back});
    QVERIFY2(got.ok(), got.describe().constData());
    QCOMPARE(readLocalFile(back), content);

    const QString evidence = m_sources.evidence(profile);
    QVERIFY2(evidence.isEmpty(), qPrintable(evidence));
}

void TestLiveCredentialSources::roleSessionNameReachesCeph()
{
    // role_session_name goes to Ceph as RoleSessionName: Ceph names the session in the AssumedRoleUser ARN it
    // answers (kept in awscli's cache file), for the role and for each hop of the chain.
    m_sources.reset();
    const ProcessOutcome listed = cli(u"chain"_s, {u"ls"_s, u"s3://%1"_s.arg(m_sources.bucket())});
    QVERIFY2(listed.ok(), listed.describe().constData());
    QCOMPARE(m_sources.cachedAssumedRoleArn(m_sources.roleArn(u"b"_s), 0),
             m_sources.roleArn(u"b"_s).replace(u"arn:aws:iam:::role/"_s, u"arn:aws:sts:::assumed-role/"_s) + u'/' + CredentialSources::SessionNameB);
    QCOMPARE(m_sources.cachedAssumedRoleArn(m_sources.roleArn(u"c"_s), 0),
             m_sources.roleArn(u"c"_s).replace(u"arn:aws:iam:::role/"_s, u"arn:aws:sts:::assumed-role/"_s) + u'/' + CredentialSources::SessionNameC);
}

void TestLiveCredentialSources::processSessionKeepsCephsExpiration()
{
    // Ceph writes Expiration with nanoseconds ("2030-01-01T00:00:00.123456789Z"); the session printed by
    // credential_process is used with that expiry (to the second), and --debug shows no secret.
    const QJsonObject session = m_sources.processSession();
    const QString expiration = session.value("Expiration"_L1).toString();
    const QDateTime parsed = QDateTime::fromString(expiration.left(19), Qt::ISODate);
    const QDateTime expected(parsed.date(), parsed.time(), Qt::UTC);
    QVERIFY2(expected.isValid(), qPrintable(expiration));
    m_sources.reset();
    const ProcessOutcome listed = cli(u"process-session"_s, {u"--debug"_s, u"ls"_s, u"s3://%1"_s.arg(m_sources.bucket())});
    QVERIFY2(listed.ok(), listed.describe().constData());
    const QByteArray fetched = "fetched credentials " + session.value("AccessKeyId"_L1).toString().toUtf8() + " expiring " +
                               expected.toString(Qt::ISODate).toUtf8();
    QVERIFY2(listed.err.contains(fetched), listed.err.constData());
    QVERIFY(!listed.err.contains(session.value("SecretAccessKey"_L1).toString().toUtf8()));
    QVERIFY(!listed.err.contains(session.value("SessionToken"_L1).toString().toUtf8()));
}

QTEST_GUILESS_MAIN(TestLiveCredentialSources)
#include "tst_live_credentialsources.moc"
