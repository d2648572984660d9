// SPDX-License-Identifier: Apache-2.0
// Assumed roles against Ceph RGW's STS: a role created through IAM on the test server, a profile with role_arn +
// source_profile (+ external_id, duration_seconds 900) used by s3desk-cli for put, ls and get, awscli with the
// same files as the cross-check (same listing; sessions shared through ~/.aws/cli/cache), a wrong role, and a
// multipart upload and a ranged download that run across several real STS sessions.
// Ceph accepts ExternalId but does not evaluate an sts:ExternalId condition in a trust policy, so the trust
// policy here has none; the parameter still travels and is part of the cache file name.

#include <memory>
#include <optional>
#include <set>

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
#include "faultproxy.h"
#include "pseudoterminal.h"
#include "liveiam.h"
#include "livetest.h"
#include "localfiles.h"
#include "s3core/auth/assumeroleprovider.h"
#include "s3core/auth/sts.h"
#include "s3core/net/clockoffset.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/transfer/transferqueue.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

/** Passes resolve() through and records the key id of every set of credentials handed out for signing. */
class RecordingProvider final : public CredentialsProvider
{
public:
    explicit RecordingProvider(std::shared_ptr<CredentialsProvider> inner) : m_inner(std::move(inner)) {}
    void resolve(QObject *context, Callback callback) override
    {
        m_inner->resolve(context, [this, callback](const Result<Credentials> &result) {
            if (result)
                keys.push_back(result->accessKeyId);
            callback(result);
        });
    }
    void invalidate() override { m_inner->invalidate(); }
    QString name() const override { return m_inner->name(); }
    std::vector<QString> keys;

private:
    std::shared_ptr<CredentialsProvider> m_inner;
};

int distinct(const std::vector<QString> &keys, size_t from = 0)
{
    return int(std::set<QString>(keys.begin() + qsizetype(from), keys.end()).size());
}

} // namespace

class TestLiveRoles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void cliRoundTripThroughRole();
    void sessionCacheSharedWithAwscli();
    void wrongRoleIsAccessDenied();
    void transfersAcrossRotations();
    void cliTransfersAcrossRotations();
    void cliAsksForMfaOnTheTerminal();
    void skewedClockStillAssumesRole_data();
    void skewedClockStillAssumesRole();

private:
    ProcessOutcome aws(const QStringList &arguments, bool asTester = true);
    ProcessOutcome cli(const QStringList &arguments);
    QProcessEnvironment roleEnvironment() const;
    QString cachePath(const QString &roleArn, qint64 duration) const;
    QStringList awsKeys(const QString &profile);

    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QTemporaryDir m_home;
    QString m_bucket;
    QString m_role;
    QString m_roleArn;
};

ProcessOutcome TestLiveRoles::aws(const QStringList &arguments, bool asTester)
{
    QProcessEnvironment environment = roleEnvironment();
    if (asTester) {
        environment.insert(u"AWS_ACCESS_KEY_ID"_s, m_server.accessKey);
        environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, m_server.secretKey);
    }
    return runProgram(u"aws"_s, QStringList{u"--endpoint-url"_s, m_server.endpoint} + arguments, environment, 120000);
}

ProcessOutcome TestLiveRoles::cli(const QStringList &arguments)
{
    return runProgram(cliPath(), QStringList{u"--endpoint-url"_s, m_server.endpoint} + arguments, roleEnvironment(), 120000);
}

QProcessEnvironment TestLiveRoles::roleEnvironment() const
{
    // Only the files in the test's home: no keys in the environment, no instance metadata.
    return isolatedAwsEnvironment(m_home.path(), m_server.endpoint, m_server.region);
}

QString TestLiveRoles::cachePath(const QString &roleArn, qint64 duration) const
{
    return m_home.filePath(u".aws/cli/cache/"_s + sts::cacheKey(roleArn, u"s3desk-ext"_s, QString(), duration) + u".json"_s);
}

void TestLiveRoles::initTestCase()
{
    S3DESK_REQUIRE_LIVE_SERVER(m_server);
    // Session credentials only work on the gateway with STS on; every request of this test goes there.
    QVERIFY2(!m_server.stsEndpoint.isEmpty(), "S3_STS_ENDPOINT is not set: start the server with scripts/s3server-up.sh");
    m_server.endpoint = m_server.stsEndpoint;
    QVERIFY(m_home.isValid());
    m_client = m_server.client(&m_network);
    m_bucket = createTestBucket(m_client.get(), u"roles"_s);
    QVERIFY(!m_bucket.isEmpty());

    m_role = uniqueBucketName(u"s3desk-role"_s);
    m_roleArn = u"arn:aws:iam:::role/"_s + m_role;
    const QString created = createLiveRole(m_server, m_home.path(), m_role, assumeRoleTrust({u"arn:aws:iam:::user/tester"_s}));
    QVERIFY2(created.isEmpty(), qPrintable(created));
    // A role whose trust policy lets someone else in, not the test user.
    const QString refuses = createLiveRole(m_server, m_home.path(), m_role + u"-refuses"_s, assumeRoleTrust({u"arn:aws:iam:::user/somebody-else"_s}));
    QVERIFY2(refuses.isEmpty(), qPrintable(refuses));

    QVERIFY(QDir().mkpath(m_home.filePath(u".aws"_s)));
    QFile config(m_home.filePath(u".aws/config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(u"[profile base]\n"
                 "aws_access_key_id = %1\n"
                 "aws_secret_access_key = %2\n"
                 "\n"
                 "[profile role]\n"
                 "role_arn = %3\n"
                 "source_profile = base\n"
                 "external_id = s3desk-ext\n"
                 "duration_seconds = 900\n"
                 "\n"
                 "[profile role-hour]\n"
                 "role_arn = %3\n"
                 "source_profile = base\n"
                 "external_id = s3desk-ext\n"
                 "duration_seconds = 3600\n"
                 "\n"
                 "[profile role-mfa]\n"
                 "role_arn = %3\n"
                 "source_profile = base\n"
                 "mfa_serial = arn:aws:iam:::mfa/tester-device\n"
                 "\n"
                 "[profile refused]\n"
                 "role_arn = arn:aws:iam:::role/%4-refuses\n"
                 "source_profile = base\n"
                 "\n"
                 "[profile missing]\n"
                 "role_arn = arn:aws:iam:::role/%4-missing\n"
                 "source_profile = base\n"_s
                     .arg(m_server.accessKey, m_server.secretKey, m_roleArn, m_role)
                     .toUtf8());
}

void TestLiveRoles::cleanupTestCase()
{
    if (!m_role.isEmpty()) {
        deleteLiveRole(m_server, m_home.path(), m_role);
        deleteLiveRole(m_server, m_home.path(), m_role + u"-refuses"_s);
    }
    if (m_client && !m_bucket.isEmpty())
        removeTestBucket(m_client.get(), m_bucket);
}

QStringList TestLiveRoles::awsKeys(const QString &profile)
{
    const ProcessOutcome listed = aws({u"--profile"_s, profile, u"s3api"_s, u"list-objects-v2"_s, u"--bucket"_s, m_bucket,
                                       u"--query"_s, u"Contents[].Key"_s, u"--output"_s, u"text"_s},
                                      false);
    if (!listed.ok()) {
        qWarning("%s", listed.describe().constData());
        return {u"<awscli failed>"_s};
    }
    QStringList keys = QString::fromUtf8(listed.out).split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
    keys.sort();
    return keys;
}

void TestLiveRoles::cliRoundTripThroughRole()
{
    const QString local = m_home.filePath(u"hello.txt"_s);
    QFile file(local);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("hello through an assumed role\n");
    file.close();

    const ProcessOutcome put = cli({u"--profile"_s, u"role"_s, u"put"_s, local, u"s3://%1/role/hello.txt"_s.arg(m_bucket)});
    QVERIFY2(put.ok(), put.describe().constData());
    const ProcessOutcome put2 = cli({u"--profile"_s, u"role"_s, u"put"_s, local, u"s3://%1/role/second.txt"_s.arg(m_bucket)});
    QVERIFY2(put2.ok(), put2.describe().constData());

    const ProcessOutcome listed = cli({u"--profile"_s, u"role"_s, u"ls"_s, u"s3://%1"_s.arg(m_bucket), u"--recursive"_s, u"--json"_s});
    QVERIFY2(listed.ok(), listed.describe().constData());
    QStringList cliKeys;
    for (const QString &line : listed.outLines()) {
        const QJsonObject entry = QJsonDocument::fromJson(line.toUtf8()).object();
        if (entry.contains("key"_L1))
            cliKeys << entry.value("key"_L1).toString();
    }
    cliKeys.sort();
    QCOMPARE(cliKeys, (QStringList{u"role/hello.txt"_s, u"role/second.txt"_s}));
    // awscli with the same profile lists the same objects.
    QCOMPARE(awsKeys(u"role"_s), cliKeys);

    const QString back = m_home.filePath(u"back.txt"_s);
    const ProcessOutcome got = cli({u"--profile"_s, u"role"_s, u"get"_s, u"s3://%1/role/hello.txt"_s.arg(m_bucket), back});
    QVERIFY2(got.ok(), got.describe().constData());
    QCOMPARE(readLocalFile(back), QByteArray("hello through an assumed role\n"));

    // The session went to awscli's cache, private.
    const QFileInfo cached(cachePath(m_roleArn, 900));
    QVERIFY2(cached.exists(), qPrintable(cached.filePath()));
    QCOMPARE(cached.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther), QFile::Permissions());
}

void TestLiveRoles::sessionCacheSharedWithAwscli()
{
    const QString path = cachePath(m_roleArn, 3600);
    QFile::remove(path);
    // s3desk-cli's session is used by awscli as it is (awscli would replace the file with a new session).
    const ProcessOutcome first = cli({u"--profile"_s, u"role-hour"_s, u"ls"_s, u"s3://%1"_s.arg(m_bucket)});
    QVERIFY2(first.ok(), first.describe().constData());
    const QByteArray ours = readLocalFile(path);
    QVERIFY2(!ours.isEmpty(), qPrintable(path));
    const Result<Credentials> ourSession = sts::parseCacheFile(ours);
    QVERIFY(ourSession);
    QVERIFY(!awsKeys(u"role-hour"_s).isEmpty());
    QCOMPARE(readLocalFile(path), ours);

    // And the other way round: a session awscli cached is used by s3desk-cli without a new AssumeRole.
    QVERIFY(QFile::remove(path));
    QVERIFY(!awsKeys(u"role-hour"_s).isEmpty());
    const QByteArray theirs = readLocalFile(path);
    const Result<Credentials> theirSession = sts::parseCacheFile(theirs);
    QVERIFY2(theirSession, theirSession ? "" : qPrintable(theirSession.error().message()));
    QVERIFY(theirSession->accessKeyId != ourSession->accessKeyId);
    const ProcessOutcome second = cli({u"--debug"_s, u"--profile"_s, u"role-hour"_s, u"ls"_s, u"s3://%1"_s.arg(m_bucket)});
    QVERIFY2(second.ok(), second.describe().constData());
    QVERIFY2(second.err.contains(QByteArray("session " + theirSession->accessKeyId.toUtf8() + " from the cache")), second.err.constData());
    QVERIFY(!second.err.contains("STS AssumeRole at"));
    // Secrets never reach the debug output.
    QVERIFY(!second.err.contains(theirSession->secretAccessKey.toUtf8()));
    QVERIFY(!second.err.contains(theirSession->sessionToken.toUtf8()));
    QVERIFY(!second.err.contains(m_server.secretKey.toUtf8()));
}

void TestLiveRoles::wrongRoleIsAccessDenied()
{
    // A role that does not trust the caller: AccessDenied, naming the role and the profile, no advice about keys.
    const ProcessOutcome refused = cli({u"--profile"_s, u"refused"_s, u"ls"_s, u"s3://%1"_s.arg(m_bucket)});
    QVERIFY(refused.finished);
    QCOMPARE(refused.exitCode, 1);
    const QString err = QString::fromUtf8(refused.err);
    QVERIFY2(err.contains(u"assume role arn:aws:iam:::role/%1-refuses (profile 'refused'): AccessDenied"_s.arg(m_role)), qPrintable(err));
    QVERIFY2(!err.contains(u"AWS_ACCESS_KEY_ID"_s), qPrintable(err));

    // A role that does not exist (Ceph answers 404 without a body).
    const ProcessOutcome missing = cli({u"--profile"_s, u"missing"_s, u"ls"_s, u"s3://%1"_s.arg(m_bucket)});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("(profile 'missing'): NoSuchEntity: STS answered 404 without details: the role does not exist"),
             missing.err.constData());
}

void TestLiveRoles::transfersAcrossRotations()
{
    // The provider's clock moves 200 s each time it is read (about once per request), so a 900 s session
    // reaches its refresh margin every few requests and a real new session is assumed from STS each time;
    // the requests themselves are signed with the real time.
    auto fake = std::make_shared<QDateTime>(QDateTime::currentDateTimeUtc());
    const Clock steppingClock = [fake] {
        *fake = fake->addSecs(200);
        return *fake;
    };
    AssumeRoleSettings settings;
    settings.profile = u"role"_s;
    settings.roleArn = m_roleArn;
    settings.externalId = u"s3desk-ext"_s;
    settings.durationSeconds = 900;
    settings.stsEndpoint = m_server.endpoint;
    settings.region = u"us-east-1"_s;
    Credentials base;
    base.accessKeyId = m_server.accessKey;
    base.secretAccessKey = m_server.secretKey;
    auto role = std::make_shared<AssumeRoleProvider>(settings, std::make_shared<StaticCredentialsProvider>(base), &m_network,
                                                     nullptr, steppingClock);
    auto recording = std::make_shared<RecordingProvider>(role);

    ClientSettings client;
    client.endpoint = m_client->endpoint();
    client.credentials = recording;
    TransferQueue queue(client, {1, 2});

    const qint64 size = 30 * 1024 * 1024;
    const QString source = m_home.filePath(u"big.bin"_s);
    {
        QFile file(source);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < 6; ++i)
            file.write(randomBytes(5 * 1024 * 1024, 77 + quint32(i)));
    }
    UploadOptions upload;
    upload.multipartThreshold = 5 * 1024 * 1024;
    upload.partSize = 5 * 1024 * 1024;
    upload.maxPartsInFlight = 2;
    const TransferId up = queue.enqueueUpload(source, m_bucket, u"rotation/big.bin"_s, upload);
    QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(up).state); }, 180000));
    QVERIFY2(queue.snapshot(up).state == TransferState::Succeeded, qPrintable(queue.snapshot(up).lastError.toString()));
    const size_t uploadRequests = recording->keys.size();
    const int uploadKeys = distinct(recording->keys);
    qInfo("multipart upload: %d requests signed with %d distinct session keys (%d sessions assumed)", int(uploadRequests),
          uploadKeys, role->fetchCount());
    QVERIFY2(uploadKeys > 2, qPrintable(QString::number(uploadKeys)));

    const QString target = m_home.filePath(u"big-back.bin"_s);
    DownloadOptions download;
    download.partSize = 5 * 1024 * 1024;
    download.maxRangesInFlight = 2;
    const TransferId down = queue.enqueueDownload(m_bucket, u"rotation/big.bin"_s, target, download);
    QVERIFY(waitUntil([&] { return isFinalState(queue.snapshot(down).state); }, 180000));
    QVERIFY2(queue.snapshot(down).state == TransferState::Succeeded, qPrintable(queue.snapshot(down).lastError.toString()));
    const int downloadKeys = distinct(recording->keys, uploadRequests);
    qInfo("ranged download: %d requests signed with %d distinct session keys", int(recording->keys.size() - uploadRequests),
          downloadKeys);
    QVERIFY2(downloadKeys > 2, qPrintable(QString::number(downloadKeys)));
    QCOMPARE(QFileInfo(target).size(), size);
    QCOMPARE(QCryptographicHash::hash(readLocalFile(target), QCryptographicHash::Md5),
             QCryptographicHash::hash(readLocalFile(source), QCryptographicHash::Md5));
}

namespace {

/** The distinct access key ids that --debug output reports as freshly assumed ("... fetched credentials ASIA..."). */
QStringList fetchedKeyIds(const QByteArray &debugOutput)
{
    static const QRegularExpression fetched(u"assume role \\S+ \\(profile 'role'\\) fetched credentials (\\S+)"_s);
    QStringList ids;
    for (auto match = fetched.globalMatch(QString::fromUtf8(debugOutput)); match.hasNext();) {
        const QString id = match.next().captured(1);
        if (!ids.contains(id))
            ids.append(id);
    }
    return ids;
}

} // namespace

void TestLiveRoles::cliTransfersAcrossRotations()
{
    // s3desk-cli with the role profile as a user runs it; S3DESK_CREDENTIALS_MAX_LIFETIME=2 makes each Ceph
    // session count as expiring 2 s after it was assumed, so it is renewed from STS every second or two, and a
    // bandwidth cap on the way to the gateway (STS is reached directly) stretches each transfer over several
    // seconds: a multipart upload and a ranged download each run across several real sessions.
    FaultProxy proxy(quint16(QUrl(m_server.endpoint).port()));
    QVERIFY(proxy.start());
    proxy.setRateBytesPerSecond(2 * 1024 * 1024);
    QProcessEnvironment environment = roleEnvironment();
    environment.insert(u"S3DESK_CREDENTIALS_MAX_LIFETIME"_s, u"2"_s);
    const auto run = [&](const QStringList &arguments) {
        return runProgram(cliPath(), QStringList{u"--endpoint-url"_s, proxy.url(), u"--profile"_s, u"role"_s, u"--debug"_s} + arguments,
                          environment, 180000);
    };

    const QString source = m_home.filePath(u"cli-rotation.bin"_s);
    QByteArray data;
    for (int i = 0; i < 4; ++i)
        data += randomBytes(4 * 1024 * 1024, 300 + quint32(i));
    {
        QFile file(source);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(data), data.size());
    }
    const QString uri = u"s3://%1/rotation/cli.bin"_s.arg(m_bucket);
    QElapsedTimer clock;
    clock.start();
    const ProcessOutcome put = run({u"put"_s, u"--part-size"_s, u"5M"_s, u"--concurrency"_s, u"2"_s, source, uri});
    const qint64 putMs = clock.restart();
    QVERIFY2(put.ok(), put.describe().constData());
    const QStringList upKeys = fetchedKeyIds(put.err);
    qInfo("s3desk-cli put: %lld ms, %d sessions assumed", putMs, int(upKeys.size()));
    QVERIFY2(upKeys.size() >= 3, put.describe().constData());
    QVERIFY(!put.err.contains(m_server.secretKey.toUtf8()));

    const QString target = m_home.filePath(u"cli-rotation-back.bin"_s);
    const ProcessOutcome get = run({u"get"_s, u"--part-size"_s, u"5M"_s, u"--concurrency"_s, u"2"_s, uri, target});
    const qint64 getMs = clock.elapsed();
    QVERIFY2(get.ok(), get.describe().constData());
    const QStringList downKeys = fetchedKeyIds(get.err);
    qInfo("s3desk-cli get: %lld ms, %d sessions assumed", getMs, int(downKeys.size()));
    QVERIFY2(downKeys.size() >= 3, get.describe().constData());
    QFile back(target);
    QVERIFY(back.open(QIODevice::ReadOnly));
    QVERIFY(back.readAll() == data);
}

void TestLiveRoles::cliAsksForMfaOnTheTerminal()
{
    // s3desk-cli under a pseudo-terminal, with a profile whose role needs an MFA device: it asks on the terminal
    // (not in its output) before calling Ceph's STS, and sends the code with the device's serial number.
    const auto list = [&](const QList<TerminalExchange> &exchanges) {
        return runWithTerminal(cliPath(), {u"--endpoint-url"_s, m_server.endpoint, u"--profile"_s, u"role-mfa"_s, u"ls"_s, u"s3://%1/role/"_s.arg(m_bucket)},
                               roleEnvironment(), exchanges, 120000);
    };
    const QByteArray prompt = "MFA code for arn:aws:iam:::mfa/tester-device (profile 'role-mfa'): ";
    const auto describe = [](const TerminalOutcome &outcome) -> QByteArray { return outcome.process.describe() + "\n--- terminal:\n" + outcome.terminal; };

    // Ceph 16 checks no codes but refuses every six-character TokenCode (its input check is inverted; awscli gets
    // the same refusal, see tst_live_mfaprompt): the refusal names the role and the profile, and nothing is cached.
    const TerminalOutcome refused = list({{prompt, "123456\n"}});
    QVERIFY2(refused.allPromptsSeen, describe(refused).constData());
    QVERIFY(refused.process.finished);
    QCOMPARE(refused.process.exitCode, 1);
    QVERIFY2(refused.process.err.contains(u"assume role %1 (profile 'role-mfa'): BadRequest"_s.arg(m_roleArn).toUtf8()), describe(refused).constData());
    QVERIFY2(!refused.process.out.contains("MFA code") && !refused.process.err.contains("MFA code"), describe(refused).constData());

    // A code of another length passes Ceph's check: the session is granted and the listing works.
    const TerminalOutcome granted = list({{prompt, "1234567\n"}});
    QVERIFY2(granted.allPromptsSeen, describe(granted).constData());
    QVERIFY2(granted.process.ok(), describe(granted).constData());
    QVERIFY2(granted.process.out.contains("hello.txt"), describe(granted).constData());

    // The session is in the cache: the next run asks nothing.
    const TerminalOutcome cached = list({});
    QVERIFY2(cached.process.ok(), describe(cached).constData());
    QVERIFY2(!cached.terminal.contains("MFA code"), describe(cached).constData());
    QVERIFY2(cached.process.out.contains("hello.txt"), describe(cached).constData());
}

void TestLiveRoles::skewedClockStillAssumesRole_data()
{
    QTest::addColumn<int>("offsetSeconds");
    QTest::newRow("local clock 1 h ahead") << 3600;
    QTest::newRow("local clock 1 h behind") << -3600;
}

void TestLiveRoles::skewedClockStillAssumesRole()
{
    // S3Desk's clock is wrong (an injected clock, not the system's): Ceph's STS refuses the first AssumeRole,
    // its Date header gives the offset, the call is signed again and succeeds; the connection's S3 client then
    // signs right from its first request.
    QFETCH(int, offsetSeconds);
    const Clock skewed = [offsetSeconds] { return QDateTime::currentDateTimeUtc().addSecs(offsetSeconds); };
    const auto offset = std::make_shared<ClockOffset>();
    AssumeRoleSettings settings;
    settings.profile = u"role"_s;
    settings.roleArn = m_roleArn;
    settings.externalId = u"s3desk-ext"_s;
    settings.durationSeconds = 900;
    settings.stsEndpoint = m_server.stsEndpoint;
    settings.region = m_server.region.isEmpty() ? u"us-east-1"_s : m_server.region;
    settings.clockOffset = offset;
    Credentials base;
    base.accessKeyId = m_server.accessKey;
    base.secretAccessKey = m_server.secretKey;
    auto provider = std::make_shared<AssumeRoleProvider>(settings, std::make_shared<StaticCredentialsProvider>(base), &m_network,
                                                         std::shared_ptr<MfaPrompter>(), skewed);
    std::optional<Result<Credentials>> assumed;
    provider->resolve(this, [&assumed](const Result<Credentials> &result) { assumed = result; });
    QVERIFY(waitUntil([&assumed] { return assumed.has_value(); }, 60000));
    QVERIFY2(assumed->ok(), qPrintable(assumed->ok() ? QString() : assumed->error().toString()));
    QVERIFY(assumed->value().accessKeyId != m_server.accessKey);
    QCOMPARE(offset->corrections(), 1);
    QVERIFY2(qAbs(offset->offsetMs() + qint64(offsetSeconds) * 1000) < 5000, qPrintable(QString::number(offset->offsetMs())));
    // Judged by the corrected clock, the 900 s session has about 900 s left.
    QVERIFY2(qAbs(QDateTime::currentDateTimeUtc().secsTo(provider->expiry()) - 900) < 60,
             qPrintable(provider->expiry().toString(Qt::ISODate)));

    S3Client client(&m_network, m_client->endpoint(), provider);
    client.setClock(skewed);
    client.setClockOffset(offset);
    ListObjectsRequest request;
    request.bucket = m_bucket;
    ListObjectsPageJob list(&client, request);
    list.setAutoDelete(false);
    QVERIFY(runJob(list));
    QVERIFY2(!list.hasError(), qPrintable(list.error().toString()));
    QCOMPARE(client.clockCorrections(), 0); // the offset STS taught was already right
    QCOMPARE(provider->fetchCount(), 1);
}

QTEST_GUILESS_MAIN(TestLiveRoles)
#include "tst_live_roles.moc"
