// SPDX-License-Identifier: Apache-2.0
// STS pieces: the answer parser and awscli's cache file (pure, data-driven), how resolveConnection() maps a
// profile to its credential source, and AssumeRole / AssumeRoleWithWebIdentity against FakeStsServer (MFA,
// the disk cache, token files re-read). The real AssumeRole path is tested against Ceph in tst_live_roles.

#include <memory>
#include <optional>

#include <QDir>
#include <QNetworkAccessManager>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
#include "fakestsserver.h"
#include "localfiles.h"
#include "testtls.h"
#include "livetest.h"
#include "s3core/auth/assumeroleprovider.h"
#include "s3core/auth/credentialprocessprovider.h"
#include "s3core/auth/sts.h"
#include "s3core/auth/webidentityprovider.h"
#include "s3core/config.h"
#include "s3core/net/clockoffset.h"
#include "s3core/net/s3client.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {


struct Answer
{
    std::optional<Result<Credentials>> result;
    int count = 0;
};

CredentialsProvider::Callback recordInto(Answer &answer)
{
    return [&answer](const Result<Credentials> &result) {
        answer.result = result;
        ++answer.count;
    };
}

/** Asks the provider once and waits (at most 10 s) for its answer; count stays 0 when none came. */
Answer resolveOnce(CredentialsProvider &provider)
{
    Answer answer;
    QObject context;
    provider.resolve(&context, recordInto(answer));
    waitUntil([&] { return answer.count > 0; }, 10000);
    return answer;
}


QString errorText(const std::optional<Result<Credentials>> &result)
{
    if (!result)
        return u"<no answer>"_s;
    return result->ok() ? QString() : result->error().message();
}

/** A provider of these static keys: the source credentials of a role. */
std::shared_ptr<StaticCredentialsProvider> staticKeys(const QString &accessKeyId, const QString &secretAccessKey)
{
    Credentials keys;
    keys.accessKeyId = accessKeyId;
    keys.secretAccessKey = secretAccessKey;
    return std::make_shared<StaticCredentialsProvider>(keys);
}

class FixedPrompter final : public MfaPrompter
{
public:
    void requestCode(const MfaRequest &request, QObject *, Callback callback) override
    {
        asked << request.profile + u'|' + request.roleArn + u'|' + request.serialNumber;
        callback(u"123456"_s);
    }
    QStringList asked;
};

} // namespace

class TestSts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void parseAnswer_data();
    void parseAnswer();
    void cacheKeyMatchesAwscli_data();
    void cacheKeyMatchesAwscli();
    void cacheFileRoundTrip();
    void cacheFileFromAwscliOnCeph();

    void profileSources_data();
    void profileSources();
    void sourceProfileLoop();
    void roleConfigErrors_data();
    void roleConfigErrors();
    void stsEndpointRules_data();
    void stsEndpointRules();

    void assumeRoleWithMfaAndCache();
    void assumeRoleMfaWithoutPrompter();
    void cappedLifetimeRenewsFromStsNotTheCache();
    void assumeRoleErrorNamesRole();
    void webIdentityRereadsTokenFile();
    void webIdentityFromEnvironment();
    void webIdentityMissingTokenFile();
    void bareRefusalAdviceFitsTheCall();
    void stsTrustsTheCaBundle();
    void timeRefusals_data();
    void timeRefusals();
    void assumeRoleCorrectsClockSkew_data();
    void assumeRoleCorrectsClockSkew();
    void skewRetryIsOnce();
    void connectionSharesTheClockOffset();
    void cliMfaCode();

private:
    void writeConfig(const QByteArray &content);
    QProcessEnvironment environment(const QHash<QString, QString> &extra = {}) const;

    std::unique_ptr<QTemporaryDir> m_home;
};

// moc reads this file too: the raw strings (with "//" inside) come after the class declaration.
namespace {
const QByteArray GoodAnswer = R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <SourceIdentity>DevUser123</SourceIdentity>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/John</Arn>
      <AssumedRoleId>ARO123EXAMPLE123:John</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764</SessionToken>
      <Expiration>2019-11-09T13:34:41Z</Expiration>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>)";
} // namespace

void TestSts::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    QVERIFY(QDir().mkpath(m_home->filePath(u".aws"_s)));
}

void TestSts::writeConfig(const QByteArray &content)
{
    QFile file(m_home->filePath(u".aws/config"_s));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

QProcessEnvironment TestSts::environment(const QHash<QString, QString> &extra) const
{
    QProcessEnvironment environment;
    environment.insert(u"HOME"_s, m_home->path());
    environment.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        environment.insert(it.key(), it.value());
    return environment;
}

void TestSts::parseAnswer_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    QTest::newRow("AWS documentation sample") << GoodAnswer << QString();
    QByteArray web = GoodAnswer;
    web.replace("AssumeRoleResponse", "AssumeRoleWithWebIdentityResponse").replace("AssumeRoleResult", "AssumeRoleWithWebIdentityResult");
    QTest::newRow("web identity") << web << QString();
    QByteArray nanos = GoodAnswer;
    nanos.replace("2019-11-09T13:34:41Z", "2019-11-09T13:34:41.893767378Z");
    QTest::newRow("nanoseconds (Ceph)") << nanos << QString();
    QTest::newRow("error response") << QByteArray(R"(<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: sts:AssumeRole</Message></Error><RequestId>r1</RequestId></ErrorResponse>)")
                                    << u"User is not authorized to perform: sts:AssumeRole"_s;
    QByteArray noToken = GoodAnswer;
    noToken.replace("<SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764</SessionToken>", "");
    QTest::newRow("no session token") << noToken << u"has no SessionToken"_s;
    QByteArray badTime = GoodAnswer;
    badTime.replace("2019-11-09T13:34:41Z", "later");
    QTest::newRow("bad expiration") << badTime << u"Expiration is not a time"_s;
    QTest::newRow("not xml") << QByteArray("<AssumeRoleResponse><Credentials>") << u"not well-formed XML"_s;
    QTest::newRow("other root") << QByteArray("<ListBucketResult/>") << u"not an AssumeRole response"_s;
    QTest::newRow("empty") << QByteArray() << u"empty"_s;
    QTest::newRow("too large") << QByteArray(sts::MaxAnswerBytes + 1, ' ') << u"larger than"_s;
    QTest::newRow("deep") << QByteArray("<AssumeRoleResponse>") + QByteArray("<a>").repeated(40) << u"nested too deeply"_s;
}

void TestSts::parseAnswer()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    const Result<sts::AssumedRole> role = sts::parseAssumeRoleResponse(body);
    if (!error.isEmpty()) {
        QVERIFY(!role);
        QVERIFY2(role.error().message().contains(error), qPrintable(role.error().message()));
        QVERIFY(!role.error().message().contains(u"wJalrXUtnFEMI"_s));
        return;
    }
    QVERIFY2(role, qPrintable(role ? QString() : role.error().message()));
    QCOMPARE(role->credentials.accessKeyId, u"ASIAIOSFODNN7EXAMPLE"_s);
    QCOMPARE(role->credentials.secretAccessKey, u"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"_s);
    QCOMPARE(role->credentials.sessionToken, u"AQoDYXdzEPT//////////wEXAMPLEtc764"_s);
    QCOMPARE(role->credentials.expiry.toString(Qt::ISODate), u"2019-11-09T13:34:41Z"_s);
    QCOMPARE(role->assumedRoleArn, u"arn:aws:sts::123456789012:assumed-role/demo/John"_s);
}

void TestSts::cacheKeyMatchesAwscli_data()
{
    // File names awscli 1.45 / botocore 1.43 gave (the first one written by awscli against the test server).
    QTest::addColumn<QString>("roleArn");
    QTest::addColumn<QString>("externalId");
    QTest::addColumn<QString>("serial");
    QTest::addColumn<qint64>("duration");
    QTest::addColumn<QString>("key");
    QTest::newRow("external id, duration") << u"arn:aws:iam:::role/probe-roles-x1"_s << u"ext1"_s << QString() << qint64(900)
                                           << u"47b7fca1743d50a74922afb9b80fc0e2911671ff"_s;
    QTest::newRow("role only") << u"arn:aws:iam::123456789012:role/dev"_s << QString() << QString() << qint64(0)
                               << u"af854889538ac1a069a8274d5ee4dc500f8b1f91"_s;
    QTest::newRow("all, non-ASCII") << u"arn:aws:iam::123456789012:role/dev"_s << u"ü x"_s << u"arn:aws:iam::123456789012:mfa/me"_s
                                    << qint64(3600) << u"087a9ebc5fec7ab81b72ccaa576b2e4d5b6c2a3f"_s;
}

void TestSts::cacheKeyMatchesAwscli()
{
    QFETCH(QString, roleArn);
    QFETCH(QString, externalId);
    QFETCH(QString, serial);
    QFETCH(qint64, duration);
    QFETCH(QString, key);
    QCOMPARE(sts::cacheKey(roleArn, externalId, serial, duration), key);
}

void TestSts::cacheFileRoundTrip()
{
    const Result<sts::AssumedRole> role = sts::parseAssumeRoleResponse(GoodAnswer);
    QVERIFY(role);
    const QByteArray content = sts::cacheFileContent(*role);
    QVERIFY(content.contains("\"Expiration\":\"2019-11-09T13:34:41UTC\""));
    const Result<Credentials> back = sts::parseCacheFile(content);
    QVERIFY(back);
    QCOMPARE(back->accessKeyId, role->credentials.accessKeyId);
    QCOMPARE(back->secretAccessKey, role->credentials.secretAccessKey);
    QCOMPARE(back->sessionToken, role->credentials.sessionToken);
    QCOMPARE(back->expiry, role->credentials.expiry);
    QVERIFY(!sts::parseCacheFile("{}"));
    QVERIFY(!sts::parseCacheFile("not json"));
    QVERIFY(!sts::parseCacheFile(R"({"Credentials":{"AccessKeyId":"a","SecretAccessKey":"b","Expiration":"x"}})"));
}

void TestSts::cacheFileFromAwscliOnCeph()
{
    // awscli keeps Ceph's nanosecond Expiration as text (it does not parse it into a date).
    const QByteArray file = R"({"Credentials": {"AccessKeyId": "WcHoTBNIxNV2OETuhi9", "SecretAccessKey": "LJ61", "SessionToken": "5IwK", "Expiration": "2026-12-03T23:09:15.893767378Z", "AccountId": ""}, "AssumedRoleUser": {"Arn": "arn:aws:sts:::assumed-role/probe-roles-x1/botocore-session-1796338454"}, "PackedPolicySize": 0, "ResponseMetadata": {"HTTPStatusCode": 200, "RetryAttempts": 0}})";
    const Result<Credentials> credentials = sts::parseCacheFile(file);
    QVERIFY(credentials);
    QCOMPARE(credentials->accessKeyId, u"WcHoTBNIxNV2OETuhi9"_s);
    QCOMPARE(credentials->expiry, QDateTime(QDate(2026, 12, 3), QTime(23, 9, 15, 893), Qt::UTC));
}

void TestSts::profileSources_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("expected"); // the provider the profile maps to
    QTest::newRow("role with source_profile") << QByteArray("[profile base]\naws_access_key_id = A\naws_secret_access_key = S\n"
                                                            "[profile r]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = base\n")
                                              << QByteArray() << u"r"_s << u"assume role arn:aws:iam::1:role/x (profile 'r')"_s;
    QTest::newRow("role chain") << QByteArray("[profile base]\naws_access_key_id = A\naws_secret_access_key = S\n"
                                              "[profile r1]\nrole_arn = arn:aws:iam::1:role/one\nsource_profile = base\n"
                                              "[profile r2]\nrole_arn = arn:aws:iam::1:role/two\nsource_profile = r1\n")
                                << QByteArray() << u"r2"_s << u"assume role arn:aws:iam::1:role/two (profile 'r2')"_s;
    QTest::newRow("credential_source Environment") << QByteArray("[profile r]\nrole_arn = arn:aws:iam::1:role/x\ncredential_source = Environment\n")
                                                   << QByteArray() << u"r"_s << u"assume role arn:aws:iam::1:role/x (profile 'r')"_s;
    QTest::newRow("credential_process") << QByteArray("[profile p]\ncredential_process = /bin/helper --x\n") << QByteArray()
                                        << u"p"_s << u"credential_process of profile 'p'"_s;
    QTest::newRow("process beats config-file keys") << QByteArray("[profile p]\ncredential_process = /bin/helper\naws_access_key_id = A\naws_secret_access_key = S\n")
                                                    << QByteArray() << u"p"_s << u"credential_process of profile 'p'"_s;
    QTest::newRow("credentials-file keys beat process") << QByteArray("[profile p]\ncredential_process = /bin/helper\n")
                                                        << QByteArray("[p]\naws_access_key_id = A\naws_secret_access_key = S\n")
                                                        << u"p"_s << u"profile 'p'"_s;
    QTest::newRow("role beats keys") << QByteArray("[profile r]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = r\n")
                                     << QByteArray("[r]\naws_access_key_id = A\naws_secret_access_key = S\n") << u"r"_s
                                     << u"assume role arn:aws:iam::1:role/x (profile 'r')"_s;
    QTest::newRow("web identity in the profile") << QByteArray("[profile w]\nrole_arn = arn:aws:iam::1:role/w\nweb_identity_token_file = /t/token\n")
                                                 << QByteArray() << u"w"_s << u"web identity for role arn:aws:iam::1:role/w (profile 'w')"_s;
    QTest::newRow("keys only") << QByteArray("[profile k]\naws_access_key_id = A\naws_secret_access_key = S\n") << QByteArray()
                               << u"k"_s << u"profile 'k'"_s;
}

void TestSts::profileSources()
{
    QFETCH(QByteArray, config);
    QFETCH(QByteArray, credentials);
    QFETCH(QString, profile);
    QFETCH(QString, expected);
    writeConfig(config);
    QFile file(m_home->filePath(u".aws/credentials"_s));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(credentials);
    file.close();
    ConnectionOptions options;
    options.profile = profile;
    const Result<ResolvedConnection> resolved = resolveConnection(options, environment(), nullptr);
    QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().message()));
    auto *chain = dynamic_cast<CredentialsProviderChain *>(resolved->credentials.get());
    QVERIFY(chain);
    QCOMPARE(chain->size(), 1); // --profile: no environment keys, no instance metadata
    QCOMPARE(chain->providers().front()->name(), expected);
}

void TestSts::sourceProfileLoop()
{
    writeConfig("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n"
                "[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = c\n"
                "[profile c]\nrole_arn = arn:aws:iam::1:role/c\nsource_profile = a\n");
    ConnectionOptions options;
    options.profile = u"a"_s;
    const Result<ResolvedConnection> resolved = resolveConnection(options, environment(), nullptr);
    QVERIFY(!resolved);
    QCOMPARE(resolved.error().message(), u"the source_profile chain loops: a -> b -> c -> a"_s);
}

void TestSts::roleConfigErrors_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QString>("error");
    QTest::newRow("no source") << QByteArray("[profile r]\nrole_arn = arn:x\n") << u"profile 'r' has role_arn but neither source_profile nor credential_source"_s;
    QTest::newRow("both sources") << QByteArray("[profile r]\nrole_arn = arn:x\nsource_profile = b\ncredential_source = Environment\n")
                                  << u"profile 'r' has both source_profile and credential_source"_s;
    QTest::newRow("unknown credential_source") << QByteArray("[profile r]\nrole_arn = arn:x\ncredential_source = Moon\n")
                                               << u"credential_source 'Moon' is not supported"_s;
    QTest::newRow("missing source profile") << QByteArray("[profile r]\nrole_arn = arn:x\nsource_profile = gone\n")
                                            << u"source_profile of profile 'r': profile 'gone' not found"_s;
    QTest::newRow("self without keys") << QByteArray("[profile r]\nrole_arn = arn:x\nsource_profile = r\n")
                                       << u"names itself as source_profile but has no keys"_s;
    QTest::newRow("duration out of range") << QByteArray("[profile r]\nrole_arn = arn:x\nsource_profile = r\nduration_seconds = 60\n")
                                           << u"duration_seconds must be a number of seconds from 900 to 43200, not '60'"_s;
    QTest::newRow("web identity without role") << QByteArray("[profile r]\nweb_identity_token_file = /t\n")
                                               << u"a web identity token file is configured (/t) but no role: set AWS_ROLE_ARN or role_arn"_s;
}

void TestSts::roleConfigErrors()
{
    QFETCH(QByteArray, config);
    QFETCH(QString, error);
    writeConfig(config);
    ConnectionOptions options;
    options.profile = u"r"_s;
    const Result<ResolvedConnection> resolved = resolveConnection(options, environment(), nullptr);
    QVERIFY(!resolved);
    QVERIFY2(resolved.error().message().contains(error), qPrintable(resolved.error().message()));
}

void TestSts::stsEndpointRules_data()
{
    QTest::addColumn<QByteArray>("extraConfig");
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("region");
    QTest::newRow("regional default") << QByteArray("region = eu-west-3\n") << QStringList() << u"https://sts.eu-west-3.amazonaws.com"_s
                                      << u"eu-west-3"_s;
    QTest::newRow("no region") << QByteArray() << QStringList() << u"https://sts.us-east-1.amazonaws.com"_s << u"us-east-1"_s;
    QTest::newRow("global endpoint_url") << QByteArray("endpoint_url = http://ceph:8000\n") << QStringList() << u"http://ceph:8000"_s << u"us-east-1"_s;
    QTest::newRow("s3-only endpoint does not apply") << QByteArray("s3 =\n  endpoint_url = http://ceph:8000\n") << QStringList()
                                                     << u"https://sts.us-east-1.amazonaws.com"_s << u"us-east-1"_s;
    QTest::newRow("services sts") << QByteArray("services = local\nendpoint_url = http://other:1\n") << QStringList()
                                  << u"http://sts.local:9000"_s << u"us-east-1"_s;
    QTest::newRow("AWS_ENDPOINT_URL") << QByteArray() << QStringList{u"AWS_ENDPOINT_URL"_s, u"http://all:1"_s} << u"http://all:1"_s << u"us-east-1"_s;
    QTest::newRow("AWS_ENDPOINT_URL_STS wins") << QByteArray("services = local\n") << QStringList{u"AWS_ENDPOINT_URL_STS"_s, u"http://env-sts:2"_s}
                                               << u"http://env-sts:2"_s << u"us-east-1"_s;
    QTest::newRow("ignore configured") << QByteArray("endpoint_url = http://ceph:8000\n")
                                       << QStringList{u"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"_s, u"true"_s, u"AWS_REGION"_s, u"ap-south-1"_s}
                                       << u"https://sts.ap-south-1.amazonaws.com"_s << u"ap-south-1"_s;
}

void TestSts::stsEndpointRules()
{
    QFETCH(QByteArray, extraConfig);
    QFETCH(QStringList, variables);
    QFETCH(QString, endpoint);
    QFETCH(QString, region);
    writeConfig("[profile base]\naws_access_key_id = A\naws_secret_access_key = S\n"
                "[services local]\nsts =\n  endpoint_url = http://sts.local:9000\n"
                "[profile r]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = base\n"
                + extraConfig);
    QHash<QString, QString> extra;
    for (qsizetype i = 0; i + 1 < variables.size(); i += 2)
        extra.insert(variables.at(i), variables.at(i + 1));
    ConnectionOptions options;
    options.profile = u"r"_s;
    const Result<ResolvedConnection> resolved = resolveConnection(options, environment(extra), nullptr);
    QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().message()));
    auto *chain = dynamic_cast<CredentialsProviderChain *>(resolved->credentials.get());
    QVERIFY(chain);
    auto *role = dynamic_cast<AssumeRoleProvider *>(chain->providers().front().get());
    QVERIFY(role);
    QCOMPARE(role->settings().stsEndpoint, endpoint);
    QCOMPARE(role->settings().region, region);
    QCOMPARE(role->settings().cacheDirectory, m_home->filePath(u".aws/cli/cache"_s));
}

void TestSts::assumeRoleWithMfaAndCache()
{
    FakeStsServer sts;
    QVERIFY(sts.listen());
    QNetworkAccessManager network;
    AssumeRoleSettings settings;
    settings.profile = u"admin"_s;
    settings.roleArn = u"arn:aws:iam::123456789012:role/admin"_s;
    settings.mfaSerial = u"arn:aws:iam::123456789012:mfa/me"_s;
    settings.durationSeconds = 3600;
    settings.sessionName = u"me-at-work"_s;
    settings.stsEndpoint = sts.endpoint();
    settings.region = u"eu-central-1"_s;
    settings.cacheDirectory = m_home->filePath(u".aws/cli/cache"_s);
    const auto base = staticKeys(u"AKIABASE"_s, u"base-secret"_s);
    auto prompter = std::make_shared<FixedPrompter>();
    {
        AssumeRoleProvider provider(settings, base, &network, prompter);
        const Answer answer = resolveOnce(provider);
        QVERIFY(answer.count > 0);
        QVERIFY2(answer.result->ok(), qPrintable(errorText(answer.result)));
        QCOMPARE(answer.result->value().accessKeyId, u"ASIAFAKE1"_s);
        QCOMPARE(prompter->asked, QStringList{u"admin|"_s + settings.roleArn + u"|arn:aws:iam::123456789012:mfa/me"_s});
        QCOMPARE(sts.requests().size(), 1);
        const FakeStsServer::Request request = sts.requests().constFirst();
        QCOMPARE(request.form.queryItemValue(u"Action"_s), u"AssumeRole"_s);
        QCOMPARE(request.form.queryItemValue(u"RoleArn"_s, QUrl::FullyDecoded), settings.roleArn);
        QCOMPARE(request.form.queryItemValue(u"RoleSessionName"_s), u"me-at-work"_s);
        QCOMPARE(request.form.queryItemValue(u"DurationSeconds"_s), u"3600"_s);
        QCOMPARE(request.form.queryItemValue(u"SerialNumber"_s, QUrl::FullyDecoded), settings.mfaSerial);
        QCOMPARE(request.form.queryItemValue(u"TokenCode"_s), u"123456"_s);
        const QByteArray authorization = request.headers.value("authorization");
        QVERIFY2(authorization.contains("Credential=AKIABASE/") && authorization.contains("/eu-central-1/sts/aws4_request"),
                 authorization.constData());
        const QFileInfo cached(provider.cacheFilePath());
        QVERIFY(cached.exists());
        QCOMPARE(cached.fileName(), sts::cacheKey(settings.roleArn, QString(), settings.mfaSerial, 3600) + u".json"_s);
        QCOMPARE(cached.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther), QFile::Permissions());
        QVERIFY(cached.permissions().testFlags(QFile::ReadOwner | QFile::WriteOwner));
    }
    // A second provider (another thread, another run) takes the session from the disk cache: no STS call, no prompt.
    AssumeRoleProvider again(settings, base, &network, prompter);
    const Answer answer = resolveOnce(again);
    QVERIFY(answer.count > 0);
    QVERIFY2(answer.result->ok(), qPrintable(errorText(answer.result)));
    QCOMPARE(answer.result->value().accessKeyId, u"ASIAFAKE1"_s);
    QCOMPARE(sts.requests().size(), 1);
    QCOMPARE(prompter->asked.size(), 1);
    // After the server refused the session (invalidate), the cache is skipped: a new session, a new prompt.
    again.invalidate();
    const Answer fresh = resolveOnce(again);
    QVERIFY(fresh.count > 0);
    QCOMPARE(fresh.result->value().accessKeyId, u"ASIAFAKE2"_s);
    QCOMPARE(prompter->asked.size(), 2);
}

void TestSts::cappedLifetimeRenewsFromStsNotTheCache()
{
    // With a lifetime cap (S3DESK_CREDENTIALS_MAX_LIFETIME), every renewal must be a new session from STS: the
    // disk cache still holds the last session (written on each fetch) and must not be read back, not even after
    // the first renewal.
    FakeStsServer sts;
    QVERIFY(sts.listen());
    QNetworkAccessManager network;
    AssumeRoleSettings settings;
    settings.profile = u"rotating"_s;
    settings.roleArn = u"arn:aws:iam::123456789012:role/rotating"_s;
    settings.durationSeconds = 900;
    settings.stsEndpoint = sts.endpoint();
    settings.region = u"us-east-1"_s;
    settings.cacheDirectory = m_home->filePath(u".aws/cli/cache"_s);
    const auto base = staticKeys(u"AKIABASE"_s, u"base-secret"_s);
    auto fake = std::make_shared<QDateTime>(QDateTime::currentDateTimeUtc());
    AssumeRoleProvider provider(settings, base, &network, nullptr, [fake] { return *fake; });
    provider.setLifetimeCap(10);
    provider.setReadCache(false);
    QStringList keys;
    for (int round = 0; round < 3; ++round) {
        const Answer answer = resolveOnce(provider);
        QVERIFY(answer.count > 0);
        QVERIFY2(answer.result->ok(), qPrintable(errorText(answer.result)));
        keys.append(answer.result->value().accessKeyId);
        QVERIFY(QFileInfo::exists(provider.cacheFilePath()));
        *fake = fake->addSecs(11); // past the capped lifetime: the next resolve must renew
    }
    QCOMPARE(keys, (QStringList{u"ASIAFAKE1"_s, u"ASIAFAKE2"_s, u"ASIAFAKE3"_s}));
    QCOMPARE(sts.requests().size(), 3);
    QVERIFY(!provider.readsCache());
}

void TestSts::assumeRoleMfaWithoutPrompter()
{
    QNetworkAccessManager network;
    AssumeRoleSettings settings;
    settings.profile = u"admin"_s;
    settings.roleArn = u"arn:aws:iam::1:role/admin"_s;
    settings.mfaSerial = u"arn:aws:iam::1:mfa/me"_s;
    settings.stsEndpoint = u"http://127.0.0.1:9"_s;
    const auto base = staticKeys(u"A"_s, u"S"_s);
    AssumeRoleProvider provider(settings, base, &network);
    const Answer answer = resolveOnce(provider);
    QVERIFY(answer.count > 0);
    QCOMPARE(errorText(answer.result), u"assume role arn:aws:iam::1:role/admin (profile 'admin'): the role needs an MFA code "
                                       "(mfa_serial arn:aws:iam::1:mfa/me) and nothing here can ask for one"_s);
}

void TestSts::assumeRoleErrorNamesRole()
{
    FakeStsServer sts;
    QVERIFY(sts.listen());
    sts.setError(403, R"(<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to assume</Message></Error><RequestId>r</RequestId></ErrorResponse>)");
    QNetworkAccessManager network;
    AssumeRoleSettings settings;
    settings.profile = u"dev"_s;
    settings.roleArn = u"arn:aws:iam::1:role/dev"_s;
    settings.stsEndpoint = sts.endpoint();
    const auto base = staticKeys(u"A"_s, u"S"_s);
    AssumeRoleProvider provider(settings, base, &network);
    const Answer answer = resolveOnce(provider);
    QVERIFY(answer.count > 0);
    QCOMPARE(answer.result->error().code(), u"AccessDenied"_s);
    QCOMPARE(errorText(answer.result), u"assume role arn:aws:iam::1:role/dev (profile 'dev'): AccessDenied: not authorized to assume"_s);
}

void TestSts::webIdentityRereadsTokenFile()
{
    FakeStsServer sts;
    QVERIFY(sts.listen());
    sts.setLifetimeSeconds(3600);
    QNetworkAccessManager network;
    const QString tokenFile = m_home->filePath(u"token"_s);
    const auto writeToken = [&](const QByteArray &token) {
        QFile file(tokenFile);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(token + '\n');
    };
    writeToken("eyJfirst.token");
    QDateTime now = QDateTime::currentDateTimeUtc();
    WebIdentitySettings settings;
    settings.profile = u"ci"_s;
    settings.roleArn = u"arn:aws:iam::1:role/ci"_s;
    settings.sessionName = u"build-42"_s;
    settings.tokenFile = tokenFile;
    settings.stsEndpoint = sts.endpoint();
    WebIdentityProvider provider(settings, &network, [&now] { return now; });
    const Answer first = resolveOnce(provider);
    QVERIFY(first.count > 0);
    QVERIFY2(first.result->ok(), qPrintable(errorText(first.result)));
    QCOMPARE(first.result->value().accessKeyId, u"ASIAFAKE1"_s);
    QCOMPARE(first.result->value().sessionToken, u"fake-token-1"_s);

    // The platform rotated the token; near expiry the new one is sent.
    writeToken("eyJsecond.token");
    now = now.addSecs(3600 - 5 * 60);
    const Answer second = resolveOnce(provider);
    QVERIFY(second.count > 0);
    QCOMPARE(second.result->value().accessKeyId, u"ASIAFAKE2"_s);

    QCOMPARE(sts.requests().size(), 2);
    for (const FakeStsServer::Request &request : sts.requests()) {
        QCOMPARE(request.form.queryItemValue(u"Action"_s), u"AssumeRoleWithWebIdentity"_s);
        QCOMPARE(request.form.queryItemValue(u"RoleSessionName"_s), u"build-42"_s);
        QVERIFY(!request.headers.contains("authorization")); // unsigned
    }
    QCOMPARE(sts.requests().at(0).form.queryItemValue(u"WebIdentityToken"_s), u"eyJfirst.token"_s);
    QCOMPARE(sts.requests().at(1).form.queryItemValue(u"WebIdentityToken"_s), u"eyJsecond.token"_s);
}

void TestSts::webIdentityFromEnvironment()
{
    FakeStsServer sts;
    QVERIFY(sts.listen());
    const QString tokenFile = m_home->filePath(u"token"_s);
    QFile file(tokenFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("eyJenv.token");
    file.close();
    writeConfig("[default]\nregion = eu-west-1\n");
    QNetworkAccessManager network;
    const Result<ResolvedConnection> resolved =
        resolveConnection(ConnectionOptions(), environment({{u"AWS_WEB_IDENTITY_TOKEN_FILE"_s, tokenFile},
                                                            {u"AWS_ROLE_ARN"_s, u"arn:aws:iam::1:role/pod"_s},
                                                            {u"AWS_ROLE_SESSION_NAME"_s, u"pod-7"_s},
                                                            {u"AWS_ENDPOINT_URL_STS"_s, sts.endpoint()}}),
                          &network);
    QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().message()));
    Answer answer;
    resolved->credentials->resolve(this, recordInto(answer));
    QVERIFY(waitUntil([&] { return answer.count > 0; }, 10000));
    QVERIFY2(answer.result->ok(), qPrintable(errorText(answer.result)));
    QCOMPARE(answer.result->value().source, u"web identity for role arn:aws:iam::1:role/pod (environment)"_s);
    QCOMPARE(sts.requests().constFirst().form.queryItemValue(u"RoleSessionName"_s), u"pod-7"_s);
}

void TestSts::webIdentityMissingTokenFile()
{
    QNetworkAccessManager network;
    WebIdentitySettings settings;
    settings.roleArn = u"arn:aws:iam::1:role/ci"_s;
    settings.tokenFile = m_home->filePath(u"absent"_s);
    settings.stsEndpoint = u"http://127.0.0.1:9"_s;
    WebIdentityProvider provider(settings, &network);
    const Answer answer = resolveOnce(provider);
    QVERIFY(answer.count > 0);
    QVERIFY2(errorText(answer.result).startsWith(u"web identity for role arn:aws:iam::1:role/ci (environment): cannot read the token file "_s),
             qPrintable(errorText(answer.result)));
}

void TestSts::bareRefusalAdviceFitsTheCall()
{
    // Ceph refuses with HTTP 403 and no body. For AssumeRole the source credentials are among the suspects; a web
    // identity call has none (it is unsigned): the advice names the token and the OpenID Connect provider.
    FakeStsServer sts;
    QVERIFY(sts.listen());
    sts.setError(403);
    QNetworkAccessManager network;
    const QString tokenFile = m_home->filePath(u"token"_s);
    QFile file(tokenFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("eyJrefused.token");
    file.close();
    WebIdentitySettings web;
    web.profile = u"ci"_s;
    web.roleArn = u"arn:aws:iam::1:role/ci"_s;
    web.tokenFile = tokenFile;
    web.stsEndpoint = sts.endpoint();
    WebIdentityProvider webProvider(web, &network);
    const Answer webAnswer = resolveOnce(webProvider);
    QVERIFY(webAnswer.count > 0);
    QCOMPARE(webAnswer.result->error().code(), u"AccessDenied"_s);
    const QString webText = errorText(webAnswer.result);
    QVERIFY2(webText.startsWith(u"web identity for role arn:aws:iam::1:role/ci (profile 'ci'): AccessDenied: "_s), qPrintable(webText));
    QVERIFY2(webText.contains(u"web identity token (issuer, audience, expiry, signature)"_s), qPrintable(webText));
    QVERIFY2(!webText.contains(u"source credentials"_s), qPrintable(webText));
    QVERIFY2(!webText.contains(u"eyJrefused"_s), qPrintable(webText));

    AssumeRoleSettings role;
    role.profile = u"dev"_s;
    role.roleArn = u"arn:aws:iam::1:role/dev"_s;
    role.stsEndpoint = sts.endpoint();
    const auto base = staticKeys(u"A"_s, u"S"_s);
    AssumeRoleProvider roleProvider(role, base, &network);
    const Answer roleAnswer = resolveOnce(roleProvider);
    QVERIFY(roleAnswer.count > 0);
    QCOMPARE(roleAnswer.result->error().code(), u"AccessDenied"_s);
    QVERIFY2(errorText(roleAnswer.result).contains(u"source credentials"_s), qPrintable(errorText(roleAnswer.result)));
}

void TestSts::cliMfaCode()
{
    // s3desk-cli answers the MFA prompt from --mfa-code; presign needs credentials and no S3 server.
    if (cliPath().isEmpty())
        QFAIL("S3DESK_CLI is not set (tests/CMakeLists.txt sets it)");
    FakeStsServer sts;
    QVERIFY(sts.listen());
    writeConfig("[profile base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n"
                "[profile admin]\nrole_arn = arn:aws:iam::1:role/admin\nsource_profile = base\nmfa_serial = arn:aws:iam::1:mfa/me\n");
    QProcessEnvironment env = environment({{u"AWS_ENDPOINT_URL_STS"_s, sts.endpoint()}});
    env.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
    const QStringList presign{u"--endpoint-url"_s, u"http://127.0.0.1:9"_s, u"--profile"_s, u"admin"_s};
    const ProcessOutcome withCode = runProgram(cliPath(), presign + QStringList{u"--mfa-code"_s, u"654321"_s, u"presign"_s, u"s3://b/k"_s}, env, 30000);
    QVERIFY2(withCode.ok(), withCode.describe().constData());
    QVERIFY2(withCode.out.contains("X-Amz-Credential=ASIAFAKE1"), withCode.out.constData());
    QCOMPARE(sts.requests().size(), 1);
    QCOMPARE(sts.requests().constFirst().form.queryItemValue(u"TokenCode"_s), u"654321"_s);

    // Without a code and without a terminal (a new session has none): a clear error. The session above is in
    // the cache, so it is removed first.
    QVERIFY(QDir(m_home->filePath(u".aws/cli/cache"_s)).removeRecursively());
    const ProcessOutcome withoutCode = runProgram(u"setsid"_s, QStringList{cliPath()} + presign + QStringList{u"presign"_s, u"s3://b/k"_s}, env, 30000);
    QCOMPARE(withoutCode.exitCode, 1);
    QVERIFY2(withoutCode.err.contains("profile 'admin' needs an MFA code for arn:aws:iam::1:mfa/me and there is no terminal to ask on: "
                                      "pass --mfa-code CODE"),
             withoutCode.err.constData());
    QCOMPARE(sts.requests().size(), 1);
}

void TestSts::stsTrustsTheCaBundle()
{
    // An STS endpoint whose certificate only the connection's ca_bundle vouches for, as S3 requests to it.
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const auto tls = makeTestTls(folder.path());
    QVERIFY2(tls, "cannot make the test certificates with openssl");
    FakeStsServer sts;
    QVERIFY(sts.listenTls(tls->second));
    QVERIFY(sts.endpoint().startsWith(u"https://"_s));
    QNetworkAccessManager network;
    AssumeRoleSettings settings;
    settings.profile = u"r"_s;
    settings.roleArn = u"arn:aws:iam::1:role/x"_s;
    settings.stsEndpoint = sts.endpoint();
    settings.region = u"us-east-1"_s;
    const auto base = staticKeys(u"AKIABASE"_s, u"base-secret"_s);
    {
        AssumeRoleProvider untrusting(settings, base, &network);
        Answer answer;
        untrusting.resolve(this, recordInto(answer));
        QVERIFY(waitUntil([&] { return answer.count > 0; }, 20000));
        QVERIFY(!answer.result->ok());
        QCOMPARE(sts.requests().size(), 0); // the handshake failed: nothing was sent
    }

    // Through the profile, as a user configures it: ca_bundle applies to the STS call too.
    writeConfig(u"[profile base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n"
                "[profile r]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = base\nca_bundle = %1\n"_s.arg(tls->first).toUtf8());
    QHash<QString, QString> extra{{u"AWS_ENDPOINT_URL_STS"_s, sts.endpoint()}};
    ConnectionOptions options;
    options.profile = u"r"_s;
    // A manager of its own: Qt keeps a connection per host and port whatever the TLS configuration.
    QNetworkAccessManager trustingNetwork;
    const Result<ResolvedConnection> resolved = resolveConnection(options, environment(extra), &trustingNetwork);
    QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().message()));
    QCOMPARE(resolved->caBundle, tls->first);
    Answer answer;
    resolved->credentials->resolve(this, recordInto(answer));
    QVERIFY(waitUntil([&] { return answer.count > 0; }, 20000));
    QVERIFY2(answer.result->ok(), qPrintable(errorText(answer.result)));
    QCOMPARE(answer.result->value().accessKeyId, u"ASIAFAKE1"_s);
    QCOMPARE(sts.requests().size(), 1);
}

namespace {

QByteArray stsError(const QByteArray &code, const QByteArray &message)
{
    return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>" + code
        + "</Code><Message>" + message + "</Message></Error><RequestId>r-1</RequestId></ErrorResponse>";
}

Clock shiftedClock(qint64 seconds)
{
    return [seconds] { return QDateTime::currentDateTimeUtc().addSecs(seconds); };
}

QDateTime signedAt(const FakeStsServer::Request &request)
{
    QDateTime time = QDateTime::fromString(QString::fromLatin1(request.headers.value("x-amz-date")), u"yyyyMMdd'T'HHmmss'Z'"_s);
    time.setTimeSpec(Qt::UTC);
    return time;
}

} // namespace

void TestSts::timeRefusals_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("timeRefusal");
    QTest::newRow("aws signature expired")
        << stsError("SignatureDoesNotMatch", "Signature expired: 20261204T090000Z is now earlier than 20261204T094500Z (20261204T100000Z - 15 min.)")
        << 403 << true;
    QTest::newRow("aws signature not yet current")
        << stsError("SignatureDoesNotMatch", "Signature not yet current: 20261204T120000Z is still later than 20261204T101500Z")
        << 403 << true;
    QTest::newRow("request expired") << stsError("RequestExpired", "Request has expired.") << 400 << true;
    QTest::newRow("too skewed") << stsError("RequestTimeTooSkewed", "The difference is too large.") << 403 << true;
    QTest::newRow("wrong secret") << stsError("SignatureDoesNotMatch", "The request signature we calculated does not match")
                                  << 403 << false;
    QTest::newRow("access denied") << stsError("AccessDenied", "not authorized to perform sts:AssumeRole") << 403 << false;
    QTest::newRow("empty 403 (Ceph)") << QByteArray() << 403 << false;
}

void TestSts::timeRefusals()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(bool, timeRefusal);
    S3Error error = sts::parseError(body, status);
    if (!error.isError())
        error = S3Error::fromHttpStatus(status);
    QCOMPARE(sts::isTimeRefusal(error), timeRefusal);
}

void TestSts::assumeRoleCorrectsClockSkew_data()
{
    QTest::addColumn<qint64>("localOffsetSeconds");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("refusal");
    const QByteArray expired = stsError("SignatureDoesNotMatch", "Signature expired: the request time is too old");
    QTest::newRow("behind 1 h, signature expired") << qint64(-3600) << 403 << expired;
    QTest::newRow("ahead 1 h, not yet current")
        << qint64(3600) << 403 << stsError("SignatureDoesNotMatch", "Signature not yet current: too far in the future");
    QTest::newRow("ahead 20 min, RequestExpired") << qint64(1200) << 400 << stsError("RequestExpired", "Request has expired.");
    // Ceph with STS on refuses any bad signature with an empty AccessDenied: the Date header tells the skew.
    QTest::newRow("behind 1 h, Ceph's empty 403") << qint64(-3600) << 403 << QByteArray();
}

void TestSts::assumeRoleCorrectsClockSkew()
{
    QFETCH(qint64, localOffsetSeconds);
    QFETCH(int, status);
    QFETCH(QByteArray, refusal);
    FakeStsServer sts;
    QVERIFY(sts.listen());
    sts.setSkewRefusal(300, status, refusal);
    sts.setLifetimeSeconds(3600);
    QNetworkAccessManager network;
    AssumeRoleSettings settings;
    settings.profile = u"r"_s;
    settings.roleArn = u"arn:aws:iam::1:role/x"_s;
    settings.stsEndpoint = sts.endpoint();
    settings.region = u"us-east-1"_s;
    settings.clockOffset = std::make_shared<ClockOffset>();
    const auto base = staticKeys(u"AKIABASE"_s, u"base-secret"_s);
    AssumeRoleProvider provider(settings, base, &network, {},
                                shiftedClock(localOffsetSeconds));
    Answer answer;
    provider.resolve(this, recordInto(answer));
    QVERIFY(waitUntil([&] { return answer.count > 0; }, 20000));
    QVERIFY2(answer.result->ok(), qPrintable(errorText(answer.result)));
    // Refused once, signed again with the server's time.
    QCOMPARE(sts.requests().size(), 2);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(qAbs(signedAt(sts.requests().at(0)).secsTo(now) + localOffsetSeconds) < 30);
    QVERIFY2(qAbs(signedAt(sts.requests().at(1)).secsTo(now)) < 30, qPrintable(signedAt(sts.requests().at(1)).toString(Qt::ISODate)));
    QVERIFY(qAbs(settings.clockOffset->offsetMs() / 1000 + localOffsetSeconds) < 30);
    QCOMPARE(settings.clockOffset->corrections(), 1);

    // The session's expiry is judged by the corrected clock: an hour-long session is not refreshed at once
    // (by the local clock it would look expired, or fresh for too long).
    Answer again;
    provider.resolve(this, recordInto(again));
    QVERIFY(waitUntil([&] { return again.count > 0; }, 20000));
    QVERIFY(again.result->ok());
    QCOMPARE(provider.fetchCount(), 1);
    QCOMPARE(sts.requests().size(), 2);
    QVERIFY(qAbs(provider.expiry().secsTo(now) + 3600) < 30);
}

void TestSts::skewRetryIsOnce()
{
    // A server whose Date header is an hour off and that refuses everything: one correction, one retry, then
    // its error (no loop).
    FakeStsServer sts;
    QVERIFY(sts.listen());
    sts.setClock(shiftedClock(3600));
    sts.setError(403, stsError("AccessDenied", "not authorized to perform sts:AssumeRole"));
    QNetworkAccessManager network;
    AssumeRoleSettings settings;
    settings.profile = u"r"_s;
    settings.roleArn = u"arn:aws:iam::1:role/x"_s;
    settings.stsEndpoint = sts.endpoint();
    settings.region = u"us-east-1"_s;
    const auto base = staticKeys(u"AKIABASE"_s, u"base-secret"_s);
    AssumeRoleProvider provider(settings, base, &network);
    Answer answer;
    provider.resolve(this, recordInto(answer));
    QVERIFY(waitUntil([&] { return answer.count > 0; }, 20000));
    QVERIFY(!answer.result->ok());
    QCOMPARE(answer.result->error().code(), u"AccessDenied"_s);
    QVERIFY2(answer.result->error().message().contains(u"arn:aws:iam::1:role/x"_s), qPrintable(errorText(answer.result)));
    QCOMPARE(sts.requests().size(), 2);

    // A refusal without a usable Date header is not retried.
    FakeStsServer plain;
    QVERIFY(plain.listen());
    plain.setError(403, stsError("SignatureDoesNotMatch", "Signature expired: too old"));
    settings.stsEndpoint = plain.endpoint();
    AssumeRoleProvider other(settings, base, &network);
    Answer refused;
    other.resolve(this, recordInto(refused));
    QVERIFY(waitUntil([&] { return refused.count > 0; }, 20000));
    QVERIFY(!refused.result->ok());
    QCOMPARE(plain.requests().size(), 1); // the Date header matches our clock: nothing to correct
}

void TestSts::connectionSharesTheClockOffset()
{
    // What STS taught the connection's offset, its S3 clients sign with (and the other way round).
    FakeStsServer sts;
    QVERIFY(sts.listen());
    sts.setSkewRefusal(300, 403, QByteArray());
    writeConfig("[profile base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n"
                "[profile r]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = base\nendpoint_url = http://127.0.0.1:9\n");
    ConnectionOptions options;
    options.profile = u"r"_s;
    options.clock = shiftedClock(-7200);
    QNetworkAccessManager network;
    const Result<ResolvedConnection> resolved =
        resolveConnection(options, environment({{u"AWS_ENDPOINT_URL_STS"_s, sts.endpoint()}}), &network);
    QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().message()));
    QVERIFY(resolved->clockOffset);
    S3Client client(&network, resolved->endpoint, resolved->credentials);
    client.setClock(shiftedClock(-7200));
    client.setClockOffset(resolved->clockOffset);
    Answer answer;
    resolved->credentials->resolve(this, recordInto(answer));
    QVERIFY(waitUntil([&] { return answer.count > 0; }, 20000));
    QVERIFY2(answer.result->ok(), qPrintable(errorText(answer.result)));
    QCOMPARE(sts.requests().size(), 2);
    QVERIFY2(qAbs(client.signingTime().secsTo(QDateTime::currentDateTimeUtc())) < 30, qPrintable(client.signingTime().toString(Qt::ISODate)));
    QCOMPARE(client.clockOffset(), resolved->clockOffset);

    // A second resolution of the same connection (the transfer engine's) given the same offset starts corrected.
    options.clockOffset = resolved->clockOffset;
    writeConfig("[profile base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n"
                "[profile r]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = base\nduration_seconds = 900\n"
                "endpoint_url = http://127.0.0.1:9\n");
    const Result<ResolvedConnection> engine =
        resolveConnection(options, environment({{u"AWS_ENDPOINT_URL_STS"_s, sts.endpoint()}}), &network);
    QVERIFY(engine);
    QCOMPARE(engine->clockOffset, resolved->clockOffset);
    Answer second;
    engine->credentials->resolve(this, recordInto(second));
    QVERIFY(waitUntil([&] { return second.count > 0; }, 20000));
    QVERIFY2(second.result->ok(), qPrintable(errorText(second.result)));
    QCOMPARE(sts.requests().size(), 3); // signed right the first time
}

QTEST_GUILESS_MAIN(TestSts)
#include "tst_sts.moc"
