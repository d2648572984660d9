// SPDX-License-Identifier: Apache-2.0
// Presigned links with temporary credentials from Ceph's STS (a role created through the IAM API on the same
// endpoint, assumed for 900 s with awscli): the link is clamped to the credentials' lifetime and works on the
// server within it, through S3Client and through s3desk-cli (credentials and expiry from the environment).
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QProcess>
#include <QTest>
#include <QUrlQuery>

#include "livetest.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/auth/presignexpiry.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/objectjobs.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QByteArray describe() const { return "exit " + QByteArray::number(exitCode) + "\nstdout: " + out.left(2000) + "\nstderr: " + err.left(2000); }
};

Run runProgram(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment)
{
    Run run;
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted(10000)) {
        run.err = process.errorString().toUtf8();
        return run;
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished(5000);
        run.err = "timed out";
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class TestLivePresignLifetime : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QString m_bucket;
    QString m_role;
    QProcessEnvironment m_awsEnv;
    QString m_accessKey;
    QString m_secretKey;
    QString m_sessionToken;
    QString m_expirationText;
    QDateTime m_expiration;
    const QByteArray m_data = "presigned with a session token\n";

    Run aws(const QStringList &arguments)
    {
        return runProgram(u"/usr/bin/aws"_s, QStringList{u"--endpoint-url"_s, m_server.endpoint, u"--output"_s, u"json"_s} + arguments,
                          m_awsEnv);
    }

    int httpGet(const QUrl &url, QByteArray *body)
    {
        std::unique_ptr<QNetworkReply> reply(m_network.get(QNetworkRequest(url)));
        if (!waitUntil([&] { return reply->isFinished(); }, 30000))
            return -1;
        *body = reply->readAll();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        // Session credentials only work on the gateway with STS on; every request of this test goes there.
        QVERIFY2(!m_server.stsEndpoint.isEmpty(), "S3_STS_ENDPOINT is not set: start the server with scripts/s3server-up.sh");
        m_server.endpoint = m_server.stsEndpoint;
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), u"s3desk-live-sts"_s);
        QVERIFY(!m_bucket.isEmpty());
        PutObjectJob put(m_client.get(), m_bucket, u"shared.txt"_s);
        put.setAutoDelete(false);
        put.setData(m_data);
        QVERIFY(runJob(put));
        QVERIFY2(!put.hasError(), qPrintable(put.error().toString()));

        // awscli with the server's keys and nothing from the user's configuration.
        m_awsEnv = QProcessEnvironment::systemEnvironment();
        for (const QString &name : m_awsEnv.keys()) {
            if (name.startsWith(u"AWS_"_s))
                m_awsEnv.remove(name);
        }
        m_awsEnv.insert(u"AWS_CONFIG_FILE"_s, u"/dev/null"_s);
        m_awsEnv.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, u"/dev/null"_s);
        m_awsEnv.insert(u"AWS_ACCESS_KEY_ID"_s, m_server.accessKey);
        m_awsEnv.insert(u"AWS_SECRET_ACCESS_KEY"_s, m_server.secretKey);
        m_awsEnv.insert(u"AWS_DEFAULT_REGION"_s, m_server.region.isEmpty() ? u"us-east-1"_s : m_server.region);
        m_awsEnv.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);

        m_role = m_bucket; // unique, and a valid role name
        Run r = aws({u"iam"_s, u"create-role"_s, u"--role-name"_s, m_role, u"--assume-role-policy-document"_s,
                     QStringLiteral("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam:::user/tester\"]},\"Action\":[\"sts:AssumeRole\"]}]}")});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        r = aws({u"iam"_s, u"put-role-policy"_s, u"--role-name"_s, m_role, u"--policy-name"_s, u"bucket"_s, u"--policy-document"_s,
                 QStringLiteral("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\"],\"Resource\":[\"arn:aws:s3:::%1\",\"arn:aws:s3:::%1/*\"]}]}")
                     .arg(m_bucket)});
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        r = aws({u"sts"_s, u"assume-role"_s, u"--role-arn"_s, u"arn:aws:iam:::role/"_s + m_role, u"--role-session-name"_s,
                 u"s3desk-presign"_s, u"--duration-seconds"_s, u"900"_s});
        QVERIFY2(r.exitCode == 0, QByteArray(r.describe()).replace(r.out, "<credentials>").constData());
        const QJsonObject credentials = QJsonDocument::fromJson(r.out).object().value(u"Credentials"_s).toObject();
        m_accessKey = credentials.value(u"AccessKeyId"_s).toString();
        m_secretKey = credentials.value(u"SecretAccessKey"_s).toString();
        m_sessionToken = credentials.value(u"SessionToken"_s).toString();
        m_expirationText = credentials.value(u"Expiration"_s).toString();
        QVERIFY(!m_accessKey.isEmpty() && !m_secretKey.isEmpty() && !m_sessionToken.isEmpty());
        QProcessEnvironment parse;
        parse.insert(u"AWS_ACCESS_KEY_ID"_s, m_accessKey);
        parse.insert(u"AWS_SECRET_ACCESS_KEY"_s, m_secretKey);
        parse.insert(u"AWS_CREDENTIAL_EXPIRATION"_s, m_expirationText);
        EnvironmentCredentialsProvider fromEnvironment(parse);
        QObject context;
        fromEnvironment.resolve(&context, [this](const Result<Credentials> &resolved) {
            if (resolved)
                m_expiration = resolved->expiry;
        });
        QVERIFY2(m_expiration.isValid(), qPrintable(m_expirationText));
        const qint64 lifetime = QDateTime::currentDateTimeUtc().secsTo(m_expiration);
        QVERIFY2(lifetime > 800 && lifetime <= 900, qPrintable(m_expirationText));
    }

    void clampedLinkWorks()
    {
        Credentials credentials;
        credentials.accessKeyId = m_accessKey;
        credentials.secretAccessKey = m_secretKey;
        credentials.sessionToken = m_sessionToken;
        credentials.expiry = m_expiration;
        auto client = m_server.client(&m_network);
        const Result<PresignExpiry> plan = planPresignExpiry(3600, false, credentials.expiry, client->signingTime());
        QVERIFY(plan);
        QVERIFY(plan->clamped);
        QVERIFY(plan->seconds <= 900 && plan->seconds > 800);
        const Result<QUrl> url = client->presign(credentials, "GET", m_bucket, u"shared.txt"_s, plan->seconds);
        QVERIFY(url);
        QCOMPARE(QUrlQuery(*url).queryItemValue(u"X-Amz-Expires"_s), QString::number(plan->seconds));
        QByteArray body;
        QCOMPARE(httpGet(*url, &body), 200);
        QCOMPARE(body, m_data);

        // Asked for explicitly, a longer link is refused instead of signed.
        const Result<QUrl> refused = client->presign(credentials, "GET", m_bucket, u"shared.txt"_s, 3600);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message().contains(u"temporary credentials expire at"_s), qPrintable(refused.error().message()));
    }

    void cliClampsWithAWarning()
    {
        const QString cli = qEnvironmentVariable("S3DESK_CLI");
        QVERIFY2(!cli.isEmpty(), "S3DESK_CLI is not set: run the test through ctest");
        QProcessEnvironment env = m_awsEnv;
        env.insert(u"AWS_ACCESS_KEY_ID"_s, m_accessKey);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, m_secretKey);
        env.insert(u"AWS_SESSION_TOKEN"_s, m_sessionToken);
        env.insert(u"AWS_CREDENTIAL_EXPIRATION"_s, m_expirationText); // as Ceph's STS wrote it
        const QStringList common{u"--endpoint-url"_s, m_server.endpoint, u"--path-style"_s, u"presign"_s,
                                 u"s3://%1/shared.txt"_s.arg(m_bucket)};
        Run r = runProgram(cli, common, env);
        QVERIFY2(r.exitCode == 0, r.describe().constData());
        QVERIFY2(r.err.startsWith("s3desk-cli: warning: the link is valid for "), r.describe().constData());
        QVERIFY2(r.err.contains("not 3600"), r.describe().constData());
        QVERIFY(!r.err.contains(m_sessionToken.toUtf8()));
        const QUrl url = QUrl::fromEncoded(r.out.trimmed());
        const qint64 seconds = QUrlQuery(url).queryItemValue(u"X-Amz-Expires"_s).toLongLong();
        QVERIFY2(seconds > 700 && seconds <= 900, r.describe().constData());
        QByteArray body;
        QCOMPARE(httpGet(url, &body), 200);
        QCOMPARE(body, m_data);

        r = runProgram(cli, common + QStringList{u"--expires"_s, u"3600"_s}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("ask for at most"), r.describe().constData());
    }

    void cleanupTestCase()
    {
        if (!m_role.isEmpty()) {
            aws({u"iam"_s, u"delete-role-policy"_s, u"--role-name"_s, m_role, u"--policy-name"_s, u"bucket"_s});
            const Run r = aws({u"iam"_s, u"delete-role"_s, u"--role-name"_s, m_role});
            QVERIFY2(r.exitCode == 0, r.describe().constData());
        }
        if (m_client && !m_bucket.isEmpty()) {
            const S3Error removed = removeTestBucket(m_client.get(), m_bucket);
            QVERIFY2(!removed.isError(), qPrintable(removed.toString()));
        }
    }
};

QTEST_GUILESS_MAIN(TestLivePresignLifetime)
#include "tst_live_presignlifetime.moc"
