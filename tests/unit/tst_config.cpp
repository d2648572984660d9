// SPDX-License-Identifier: Apache-2.0
// The ~/.aws shared-file reader (botocore's dialect) and resolveConnection()'s precedence rules.
// Every test uses files in a QTemporaryDir and an injected QProcessEnvironment: never the real HOME or env.

#include <optional>

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include "fakeimdsserver.h"
#include "s3core/config.h"

using namespace s3;

namespace {

template<typename T>
QString errorText(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(content) == content.size();
}

std::optional<Result<Credentials>> resolveNow(CredentialsProvider &provider, int timeoutMs = 3000)
{
    std::optional<Result<Credentials>> out;
    QObject context; // dies on return: a late answer is dropped, never written to a dead `out`
    provider.resolve(&context, [&out](const Result<Credentials> &r) { out = r; });
    (void)QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs);
    return out;
}

QProcessEnvironment environmentWith(const QString &home, const QStringList &variables)
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("HOME"), home);
    for (const QString &v : variables)
        environment.insert(v.section(QLatin1Char('='), 0, 0), v.section(QLatin1Char('='), 1));
    return environment;
}

} // namespace

class TestConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void loadProfile_data();
    void loadProfile();
    void listProfiles();
    void profileDefaultSection();
    void missingFiles();
    void onlyOneFile();
    void unknownProfile();
    void commentsLineEndingsAndCase();
    void malformedLine_data();
    void malformedLine();
    void unreadableFile();
    void invalidAddressingStyle();
    void payloadSigning_data();
    void payloadSigning();
    void sharedFilesFromEnvironment_data();
    void sharedFilesFromEnvironment();

    void resolvePrecedence_data();
    void resolvePrecedence();
    void resolveCredentials_data();
    void resolveCredentials();
    void resolveEndpointErrorHidesSecret();
    void metadataDisabled_data();
    void metadataDisabled();
    void metadataIsLastResort();
    void metadataNotUsedWithExplicitProfile();

private:
    QTemporaryDir m_home;   // HOME with the fixtures in .aws/
    QTemporaryDir m_empty;  // HOME without any files
    AwsSharedFiles m_files;
};

void TestConfig::initTestCase()
{
    QVERIFY(m_home.isValid());
    QVERIFY(m_empty.isValid());
    QVERIFY(QDir(m_home.path()).mkpath(QStringLiteral(".aws")));
    m_files.credentialsPath = m_home.filePath(QStringLiteral(".aws/credentials"));
    m_files.configPath = m_home.filePath(QStringLiteral(".aws/config"));
    const QString data = QStringLiteral(S3DESK_TEST_DATA_DIR) + QStringLiteral("/aws/");
    QVERIFY(QFile::copy(data + QStringLiteral("credentials"), m_files.credentialsPath));
    QVERIFY(QFile::copy(data + QStringLiteral("config"), m_files.configPath));
}

void TestConfig::loadProfile_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<int>("style");
    QTest::addColumn<QString>("caBundle");
    QTest::addColumn<bool>("keyFromCredentialsFile");

    const int autoStyle = int(AddressingStyle::Auto);
    QTest::newRow("default") << QStringLiteral("default") << QStringLiteral("AKIADEFAULTKEY") << QStringLiteral("default-secret-value")
                             << QString() << QStringLiteral("eu-west-1") << QString() << int(AddressingStyle::VirtualHost)
                             << QString() << true;
    QTest::newRow("dev: indented keys, token, s3 sub-section")
        << QStringLiteral("dev") << QStringLiteral("AKIADEVKEY") << QStringLiteral("dev-secret-value")
        << QStringLiteral("dev-session-token") << QStringLiteral("eu-central-1") << QStringLiteral("http://127.0.0.1:9000")
        << int(AddressingStyle::Path) << QString() << true;
    QTest::newRow("legacy aws_security_token") << QStringLiteral("legacy") << QStringLiteral("AKIALEGACYKEY")
                                               << QStringLiteral("legacy-secret-value") << QStringLiteral("legacy-token")
                                               << QString() << QString() << autoStyle << QString() << true;
    QTest::newRow("credentials file wins per field")
        << QStringLiteral("override") << QStringLiteral("AKIAFROMCREDENTIALS") << QStringLiteral("config-secret-value")
        << QString() << QStringLiteral("eu-north-1") << QString() << autoStyle << QString() << true;
    QTest::newRow("config only") << QStringLiteral("onlyconfig") << QString() << QString() << QString()
                                 << QStringLiteral("ap-south-1") << QStringLiteral("https://minio.example.test:9000")
                                 << autoStyle << QStringLiteral("~/certs/ca.pem") << false;
    QTest::newRow("services section") << QStringLiteral("svc") << QString() << QString() << QString()
                                      << QStringLiteral("eu-west-3") << QStringLiteral("http://localhost:4566") << autoStyle
                                      << QString() << false;
    QTest::newRow("quoted profile name") << QStringLiteral("quoted name") << QString() << QString() << QString()
                                         << QStringLiteral("sa-east-1") << QString() << autoStyle << QString() << false;
}

void TestConfig::loadProfile()
{
    QFETCH(QString, profile);
    QFETCH(QString, key);
    QFETCH(QString, secret);
    QFETCH(QString, token);
    QFETCH(QString, region);
    QFETCH(QString, endpoint);
    QFETCH(int, style);
    QFETCH(QString, caBundle);
    QFETCH(bool, keyFromCredentialsFile);

    const Result<AwsProfile> loaded = loadAwsProfile(profile, m_files);
    QVERIFY2(loaded.ok(), qPrintable(errorText(loaded)));
    QCOMPARE(loaded->name, profile);
    QCOMPARE(loaded->accessKeyId, key);
    QCOMPARE(loaded->secretAccessKey, secret);
    QCOMPARE(loaded->sessionToken, token);
    QCOMPARE(loaded->region, region);
    QCOMPARE(loaded->endpointUrl, endpoint);
    QCOMPARE(int(loaded->addressingStyle), style);
    QCOMPARE(loaded->caBundle, caBundle);
    if (keyFromCredentialsFile)
        QCOMPARE(loaded->credentialsSource, m_files.credentialsPath);
}

void TestConfig::listProfiles()
{
    const QStringList names = listAwsProfiles(m_files);
    QCOMPARE(names.value(0), QStringLiteral("default")); // default first
    for (const char *expected : {"dev", "legacy", "override", "incomplete", "onlyconfig", "svc", "quoted name"})
        QVERIFY2(names.contains(QLatin1String(expected)), expected);
    QVERIFY(!names.contains(QStringLiteral("orphan")));           // not a profile in the config file
    QVERIFY(!names.contains(QStringLiteral("services local-s3"))); // not a profile either
    QCOMPARE(names.count(QStringLiteral("default")), 1);
    QCOMPARE(names.count(QStringLiteral("dev")), 1);
}

void TestConfig::profileDefaultSection()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const AwsSharedFiles files{dir.filePath(QStringLiteral("credentials")), dir.filePath(QStringLiteral("config"))};
    QVERIFY(writeFile(files.configPath, "[profile default]\nregion = ca-central-1\n"));
    const Result<AwsProfile> loaded = loadAwsProfile(QStringLiteral("default"), files);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->region, QStringLiteral("ca-central-1"));
    QCOMPARE(listAwsProfiles(files), QStringList{QStringLiteral("default")});
}

void TestConfig::missingFiles()
{
    const AwsSharedFiles files{m_empty.filePath(QStringLiteral("no/credentials")), m_empty.filePath(QStringLiteral("no/config"))};
    const Result<AwsProfile> implicit = loadAwsProfile(QStringLiteral("default"), files, true);
    QVERIFY(implicit.ok());
    QVERIFY(implicit->accessKeyId.isEmpty());
    QVERIFY(implicit->region.isEmpty());
    QVERIFY(listAwsProfiles(files).isEmpty());

    const Result<AwsProfile> explicitDefault = loadAwsProfile(QStringLiteral("default"), files);
    QVERIFY(!explicitDefault.ok());
    QCOMPARE(explicitDefault.error().kind(), S3Error::Kind::Auth);
}

void TestConfig::onlyOneFile()
{
    // The reference client needed both files; either alone is enough here.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const AwsSharedFiles credentialsOnly{dir.filePath(QStringLiteral("credentials")), dir.filePath(QStringLiteral("config"))};
    QVERIFY(writeFile(credentialsOnly.credentialsPath, "[default]\naws_access_key_id = k\naws_secret_access_key = s\n"));
    Result<AwsProfile> loaded = loadAwsProfile(QStringLiteral("default"), credentialsOnly);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->accessKeyId, QStringLiteral("k"));

    QVERIFY(QFile::remove(credentialsOnly.credentialsPath));
    QVERIFY(writeFile(credentialsOnly.configPath, "[default]\naws_access_key_id = ck\naws_secret_access_key = cs\nregion = eu-west-1\n"));
    loaded = loadAwsProfile(QStringLiteral("default"), credentialsOnly);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->accessKeyId, QStringLiteral("ck"));
    QCOMPARE(loaded->region, QStringLiteral("eu-west-1"));
}

void TestConfig::unknownProfile()
{
    for (const QString &name : {QStringLiteral("nope"), QStringLiteral("orphan")}) {
        const Result<AwsProfile> loaded = loadAwsProfile(name, m_files);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().kind(), S3Error::Kind::Auth);
        const QString expected = QStringLiteral("profile '%1' not found in %2 or %3").arg(name, m_files.credentialsPath, m_files.configPath);
        QCOMPARE(loaded.error().message(), expected);

        const Result<AwsProfile> allowed = loadAwsProfile(name, m_files, true);
        QVERIFY(allowed.ok());
        QCOMPARE(allowed->name, name);
        QVERIFY(allowed->accessKeyId.isEmpty());
    }
}

void TestConfig::commentsLineEndingsAndCase()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const AwsSharedFiles files{dir.filePath(QStringLiteral("credentials")), dir.filePath(QStringLiteral("config"))};
    QVERIFY(writeFile(files.credentialsPath,
                      "\xEF\xBB\xBF# written on Windows\r\n"
                      "[win]\r\n"
                      "AWS_ACCESS_KEY_ID = WINKEY\r\n"
                      "  ; an indented comment\r\n"
                      "aws_secret_access_key: win-secret\r\n"
                      "\r\n"));
    QVERIFY(writeFile(files.configPath,
                      "[profile win]\n"
                      "s3 =\n"
                      "    ADDRESSING_STYLE = Path\n"
                      "\n"
                      "    # blank and comment lines inside the sub-section\n"
                      "    endpoint_url = http://[::1]:9000\n"
                      "region=eu-south-1\n"));
    const Result<AwsProfile> loaded = loadAwsProfile(QStringLiteral("win"), files);
    QVERIFY2(loaded.ok(), qPrintable(errorText(loaded)));
    QCOMPARE(loaded->accessKeyId, QStringLiteral("WINKEY"));
    QCOMPARE(loaded->secretAccessKey, QStringLiteral("win-secret"));
    QCOMPARE(loaded->region, QStringLiteral("eu-south-1"));
    QCOMPARE(loaded->addressingStyle, AddressingStyle::Path);
    QCOMPARE(loaded->endpointUrl, QStringLiteral("http://[::1]:9000"));
}

void TestConfig::malformedLine_data()
{
    QTest::addColumn<bool>("inConfig");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("what");

    QTest::newRow("stray line") << true
                                << QByteArray("# config\n[default]\nregion = eu-west-1\n\n[profile dev]\nregion = x\n"
                                              "SUPERSECRET-not-a-key\n")
                                << 7 << QStringLiteral("expected 'key = value'");
    QTest::newRow("secret pasted without key") << false
                                               << QByteArray("[default]\naws_access_key_id = AKIA\nSUPERSECRET/wJalrXUtnFEMI\n")
                                               << 3 << QStringLiteral("expected 'key = value'");
    QTest::newRow("key before any section") << false << QByteArray("aws_secret_access_key = SUPERSECRET\n[default]\n") << 1
                                            << QStringLiteral("before any [section]");
    QTest::newRow("unclosed section") << true << QByteArray("[default]\nregion = a\n[profile dev\n") << 3
                                      << QStringLiteral("']'");
    QTest::newRow("bad sub-section line") << true
                                          << QByteArray("[default]\ns3 =\n  addressing_style = path\n  SUPERSECRET\n")
                                          << 4 << QStringLiteral("expected 'key = value'");
    QTest::newRow("empty key") << false << QByteArray("[default]\n = SUPERSECRET\n") << 2
                               << QStringLiteral("expected 'key = value'");
}

void TestConfig::malformedLine()
{
    QFETCH(bool, inConfig);
    QFETCH(QByteArray, content);
    QFETCH(int, line);
    QFETCH(QString, what);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const AwsSharedFiles files{dir.filePath(QStringLiteral("credentials")), dir.filePath(QStringLiteral("config"))};
    const QString path = inConfig ? files.configPath : files.credentialsPath;
    QVERIFY(writeFile(path, content));

    const Result<AwsProfile> loaded = loadAwsProfile(QStringLiteral("default"), files, true);
    QVERIFY(!loaded.ok());
    const QString message = loaded.error().message();
    QCOMPARE(loaded.error().kind(), S3Error::Kind::Invalid);
    QVERIFY2(message.startsWith(QStringLiteral("%1 line %2: ").arg(path).arg(line)), qPrintable(message));
    QVERIFY2(message.contains(what), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("SUPERSECRET")), qPrintable(message));
    QVERIFY2(!loaded.error().toString().contains(QStringLiteral("SUPERSECRET")), qPrintable(loaded.error().toString()));
}

void TestConfig::unreadableFile()
{
    // Running as root defeats chmod, so the unreadable "file" is a directory: it exists but cannot be read.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString credentials = dir.filePath(QStringLiteral("credentials"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("credentials")));
    const AwsSharedFiles files{credentials, dir.filePath(QStringLiteral("config"))};
    const Result<AwsProfile> loaded = loadAwsProfile(QStringLiteral("default"), files, true);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().kind(), S3Error::Kind::Io);
    QVERIFY2(loaded.error().message().contains(credentials), qPrintable(loaded.error().message()));
}

void TestConfig::invalidAddressingStyle()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const AwsSharedFiles files{dir.filePath(QStringLiteral("credentials")), dir.filePath(QStringLiteral("config"))};
    QVERIFY(writeFile(files.configPath, "[default]\ns3 =\n  addressing_style = sideways\n"));
    const Result<AwsProfile> loaded = loadAwsProfile(QStringLiteral("default"), files);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().kind(), S3Error::Kind::Invalid);
    QVERIFY2(loaded.error().message().contains(QStringLiteral("sideways")), qPrintable(loaded.error().message()));
    QVERIFY2(loaded.error().message().contains(files.configPath), qPrintable(loaded.error().message()));
}

void TestConfig::payloadSigning_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("signing");
    QTest::newRow("not set") << QByteArray("[default]\nregion = eu-west-1\n") << true << false;
    QTest::newRow("true") << QByteArray("[default]\ns3 =\n  payload_signing_enabled = true\n") << true << true;
    QTest::newRow("True, beside addressing_style")
        << QByteArray("[default]\ns3 =\n  addressing_style = path\n  payload_signing_enabled = True\n") << true << true;
    QTest::newRow("false") << QByteArray("[default]\ns3 =\n  payload_signing_enabled = false\n") << true << false;
    QTest::newRow("top level is not the s3 setting") << QByteArray("[default]\npayload_signing_enabled = true\n") << true << false;
    QTest::newRow("yes is refused") << QByteArray("[default]\ns3 =\n  payload_signing_enabled = yes\n") << false << false;
}

void TestConfig::payloadSigning()
{
    QFETCH(QByteArray, config);
    QFETCH(bool, valid);
    QFETCH(bool, signing);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const AwsSharedFiles files{dir.filePath(QStringLiteral("credentials")), dir.filePath(QStringLiteral("config"))};
    QVERIFY(writeFile(files.configPath, config));
    const Result<AwsProfile> loaded = loadAwsProfile(QStringLiteral("default"), files);
    QCOMPARE(loaded.ok(), valid);
    if (!valid) {
        QCOMPARE(loaded.error().kind(), S3Error::Kind::Invalid);
        QVERIFY2(loaded.error().message().contains(QStringLiteral("payload_signing_enabled")), qPrintable(loaded.error().message()));
        return;
    }
    QCOMPARE(loaded->payloadSigningEnabled, signing);
}

void TestConfig::sharedFilesFromEnvironment_data()
{
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QString>("credentials");
    QTest::addColumn<QString>("config");

    QTest::newRow("home") << QStringList{QStringLiteral("HOME=/home/u")} << QStringLiteral("/home/u/.aws/credentials")
                          << QStringLiteral("/home/u/.aws/config");
    QTest::newRow("variables") << QStringList{QStringLiteral("HOME=/home/u"), QStringLiteral("AWS_SHARED_CREDENTIALS_FILE=/etc/c"),
                                              QStringLiteral("AWS_CONFIG_FILE=/etc/k")}
                               << QStringLiteral("/etc/c") << QStringLiteral("/etc/k");
    QTest::newRow("tilde") << QStringList{QStringLiteral("HOME=/home/u"), QStringLiteral("AWS_SHARED_CREDENTIALS_FILE=~/creds"),
                                          QStringLiteral("AWS_CONFIG_FILE=~")}
                           << QStringLiteral("/home/u/creds") << QStringLiteral("/home/u");
    QTest::newRow("config only") << QStringList{QStringLiteral("HOME=/h"), QStringLiteral("AWS_CONFIG_FILE=/x/config")}
                                 << QStringLiteral("/h/.aws/credentials") << QStringLiteral("/x/config");
    QTest::newRow("not the old variable") << QStringList{QStringLiteral("HOME=/h"), QStringLiteral("AWS_SHARED_CONFIG_FILE=/x/config")}
                                          << QStringLiteral("/h/.aws/credentials") << QStringLiteral("/h/.aws/config");
}

void TestConfig::sharedFilesFromEnvironment()
{
    QFETCH(QStringList, variables);
    QFETCH(QString, credentials);
    QFETCH(QString, config);
    QProcessEnvironment environment;
    for (const QString &v : std::as_const(variables))
        environment.insert(v.section(QLatin1Char('='), 0, 0), v.section(QLatin1Char('='), 1));
    const AwsSharedFiles files = AwsSharedFiles::fromEnvironment(environment);
    QCOMPARE(files.credentialsPath, credentials);
    QCOMPARE(files.configPath, config);
}

void TestConfig::resolvePrecedence_data()
{
    QTest::addColumn<bool>("fixtures");        // HOME with the fixture files, else an empty HOME
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QString>("optEndpoint");
    QTest::addColumn<QString>("optProfile");
    QTest::addColumn<QString>("optRegion");
    QTest::addColumn<int>("optStyle");         // -1: not given
    QTest::addColumn<QString>("optCaBundle");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("style");
    QTest::addColumn<QString>("caBundle");     // "~" stands for HOME
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("error");        // non-empty: resolution fails with a message containing this

    const int A = int(AddressingStyle::Auto);
    const int P = int(AddressingStyle::Path);
    const int V = int(AddressingStyle::VirtualHost);
    const QString none;
    const QStringList noVars;
    const auto s = [](const char *text) { return QString::fromUtf8(text); };

    QTest::newRow("nothing anywhere") << false << noVars << none << none << none << -1 << none << s("us-east-1")
                                      << s("s3.us-east-1.amazonaws.com") << -1 << A << none << none << none;
    QTest::newRow("implicit default profile") << true << noVars << none << none << none << -1 << none << s("eu-west-1")
                                              << s("s3.eu-west-1.amazonaws.com") << -1 << V << none << s("default") << none;
    QTest::newRow("AWS_DEFAULT_REGION > profile") << true << QStringList{s("AWS_DEFAULT_REGION=ap-east-1")} << none << none
                                                  << none << -1 << none << s("ap-east-1") << s("s3.ap-east-1.amazonaws.com")
                                                  << -1 << V << none << s("default") << none;
    QTest::newRow("AWS_REGION > AWS_DEFAULT_REGION")
        << true << QStringList{s("AWS_DEFAULT_REGION=ap-east-1"), s("AWS_REGION=me-south-1")} << none << none << none << -1
        << none << s("me-south-1") << s("s3.me-south-1.amazonaws.com") << -1 << V << none << s("default") << none;
    QTest::newRow("option region > AWS_REGION") << true << QStringList{s("AWS_REGION=me-south-1")} << none << none
                                                << s("il-central-1") << -1 << none << s("il-central-1")
                                                << s("s3.il-central-1.amazonaws.com") << -1 << V << none << s("default") << none;
    QTest::newRow("AWS_PROFILE") << true << QStringList{s("AWS_PROFILE=dev")} << none << none << none << -1 << none
                                 << s("eu-central-1") << s("127.0.0.1") << 9000 << P << none << s("dev") << none;
    QTest::newRow("--profile > AWS_PROFILE") << true << QStringList{s("AWS_PROFILE=onlyconfig")} << none << s("dev") << none
                                             << -1 << none << s("eu-central-1") << s("127.0.0.1") << 9000 << P << none
                                             << s("dev") << none;
    QTest::newRow("AWS_ENDPOINT_URL > profile endpoint")
        << true << QStringList{s("AWS_PROFILE=dev"), s("AWS_ENDPOINT_URL=http://10.0.0.1:8000")} << none << none << none << -1
        << none << s("eu-central-1") << s("10.0.0.1") << 8000 << P << none << s("dev") << none;
    QTest::newRow("AWS_ENDPOINT_URL_S3 > AWS_ENDPOINT_URL")
        << true
        << QStringList{s("AWS_PROFILE=dev"), s("AWS_ENDPOINT_URL=http://10.0.0.1:8000"), s("AWS_ENDPOINT_URL_S3=http://10.0.0.2:8001")}
        << none << none << none << -1 << none << s("eu-central-1") << s("10.0.0.2") << 8001 << P << none << s("dev") << none;
    QTest::newRow("option endpoint > AWS_ENDPOINT_URL_S3")
        << true << QStringList{s("AWS_ENDPOINT_URL_S3=http://10.0.0.2:8001")} << s("http://192.168.1.5:7480") << none << none
        << -1 << none << s("eu-west-1") << s("192.168.1.5") << 7480 << V << none << s("default") << none;
    QTest::newRow("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
        << true
        << QStringList{s("AWS_PROFILE=dev"), s("AWS_ENDPOINT_URL=http://10.0.0.1:8000"), s("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true")}
        << none << none << none << -1 << none << s("eu-central-1") << s("s3.eu-central-1.amazonaws.com") << -1 << P << none
        << s("dev") << none;
    QTest::newRow("services section endpoint") << true << QStringList{s("AWS_PROFILE=svc")} << none << none << none << -1
                                               << none << s("eu-west-3") << s("localhost") << 4566 << A << none << s("svc")
                                               << none;
    QTest::newRow("option style path > profile virtual") << true << noVars << none << none << none << P << none
                                                         << s("eu-west-1") << s("s3.eu-west-1.amazonaws.com") << -1 << P
                                                         << none << s("default") << none;
    QTest::newRow("option style auto given > profile virtual") << true << noVars << none << none << none << A << none
                                                               << s("eu-west-1") << s("s3.eu-west-1.amazonaws.com") << -1
                                                               << A << none << s("default") << none;
    QTest::newRow("profile ca_bundle, tilde expanded") << true << noVars << none << s("onlyconfig") << none << -1 << none
                                                       << s("ap-south-1") << s("minio.example.test") << 9000 << A
                                                       << s("~/certs/ca.pem") << s("onlyconfig") << none;
    QTest::newRow("AWS_CA_BUNDLE > profile") << true << QStringList{s("AWS_CA_BUNDLE=/etc/ssl/env.pem")} << none
                                             << s("onlyconfig") << none << -1 << none << s("ap-south-1")
                                             << s("minio.example.test") << 9000 << A << s("/etc/ssl/env.pem")
                                             << s("onlyconfig") << none;
    QTest::newRow("option ca > AWS_CA_BUNDLE") << true << QStringList{s("AWS_CA_BUNDLE=/etc/ssl/env.pem")} << none
                                               << s("onlyconfig") << none << -1 << s("/opt/ca.pem") << s("ap-south-1")
                                               << s("minio.example.test") << 9000 << A << s("/opt/ca.pem")
                                               << s("onlyconfig") << none;
    QTest::newRow("region from an AWS endpoint URL") << false << noVars << s("https://s3.eu-west-2.amazonaws.com") << none
                                                     << none << -1 << none << s("eu-west-2")
                                                     << s("s3.eu-west-2.amazonaws.com") << -1 << A << none << none << none;
    QTest::newRow("unknown --profile") << true << noVars << none << s("nope") << none << -1 << none << none << none << -1
                                       << A << none << none << s("profile 'nope' not found in");
    QTest::newRow("unknown AWS_PROFILE") << true << QStringList{s("AWS_PROFILE=nope")} << none << none << none << -1 << none
                                         << none << none << -1 << A << none << none << s("profile 'nope' not found in");
    QTest::newRow("--profile default without files") << false << noVars << none << s("default") << none << -1 << none
                                                     << none << none << -1 << A << none << none
                                                     << s("profile 'default' not found in");
    QTest::newRow("bad endpoint") << true << noVars << s("ftp://example.com") << none << none << -1 << none << none << none
                                  << -1 << A << none << none << s("ftp://example.com");
}

void TestConfig::resolvePrecedence()
{
    QFETCH(bool, fixtures);
    QFETCH(QStringList, variables);
    QFETCH(QString, optEndpoint);
    QFETCH(QString, optProfile);
    QFETCH(QString, optRegion);
    QFETCH(int, optStyle);
    QFETCH(QString, optCaBundle);
    QFETCH(QString, region);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(int, style);
    QFETCH(QString, caBundle);
    QFETCH(QString, profile);
    QFETCH(QString, error);

    const QString home = fixtures ? m_home.path() : m_empty.path();
    ConnectionOptions options;
    options.endpointUrl = optEndpoint;
    options.profile = optProfile;
    options.region = optRegion;
    options.addressingStyleGiven = optStyle >= 0;
    if (optStyle >= 0)
        options.addressingStyle = AddressingStyle(optStyle);
    options.caBundle = optCaBundle;

    const Result<ResolvedConnection> resolved = resolveConnection(options, environmentWith(home, variables), nullptr);
    if (!error.isEmpty()) {
        QVERIFY(!resolved.ok());
        QVERIFY2(resolved.error().message().contains(error), qPrintable(resolved.error().message()));
        return;
    }
    QVERIFY2(resolved.ok(), qPrintable(errorText(resolved)));
    QCOMPARE(resolved->endpoint.region(), region);
    QCOMPARE(resolved->endpoint.baseUrl().host(), host);
    QCOMPARE(resolved->endpoint.baseUrl().port(), port);
    QCOMPARE(int(resolved->endpoint.style()), style);
    if (caBundle.startsWith(QLatin1Char('~')))
        caBundle = home + caBundle.mid(1);
    QCOMPARE(resolved->caBundle, caBundle);
    QCOMPARE(resolved->profile, profile);
    QVERIFY(resolved->credentials != nullptr);
}

void TestConfig::resolveCredentials_data()
{
    QTest::addColumn<bool>("fixtures");
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QString>("optEndpoint");
    QTest::addColumn<QString>("optProfile");
    QTest::addColumn<bool>("anonymous");
    QTest::addColumn<QString>("key");   // "null": no provider at all
    QTest::addColumn<QString>("error"); // non-empty: the provider fails with a message containing this

    const QString none;
    const QStringList envKeys{QStringLiteral("AWS_ACCESS_KEY_ID=AKIAENV"), QStringLiteral("AWS_SECRET_ACCESS_KEY=env-secret")};

    QTest::newRow("environment > profile") << true << envKeys << none << none << false << QStringLiteral("AKIAENV") << none;
    QTest::newRow("implicit default profile") << true << QStringList() << none << none << false
                                              << QStringLiteral("AKIADEFAULTKEY") << none;
    QTest::newRow("AWS_PROFILE keeps environment first") << true << (QStringList(envKeys) << QStringLiteral("AWS_PROFILE=dev"))
                                                         << none << none << false << QStringLiteral("AKIAENV") << none;
    QTest::newRow("AWS_PROFILE") << true << QStringList{QStringLiteral("AWS_PROFILE=dev")} << none << none << false
                                 << QStringLiteral("AKIADEVKEY") << none;
    QTest::newRow("--profile skips environment") << true << envKeys << none << QStringLiteral("dev") << false
                                                 << QStringLiteral("AKIADEVKEY") << none;
    QTest::newRow("URL credentials first") << true << envKeys << QStringLiteral("http://urlkey:url%2Fsecret@127.0.0.1:9000")
                                           << QStringLiteral("dev") << false << QStringLiteral("urlkey") << none;
    QTest::newRow("anonymous") << true << envKeys << none << none << true << QStringLiteral("null") << none;
    QTest::newRow("--profile without keys") << true << envKeys << none << QStringLiteral("onlyconfig") << false << none
                                            << QStringLiteral("profile 'onlyconfig': no aws_access_key_id");
    QTest::newRow("--profile incomplete") << true << envKeys << none << QStringLiteral("incomplete") << false << none
                                          << QStringLiteral("profile 'incomplete': no aws_secret_access_key");
    QTest::newRow("nothing, no network") << false << QStringList() << none << none << false << none
                                         << QStringLiteral("no credentials: environment: AWS_ACCESS_KEY_ID not set; "
                                                           "profile 'default': not found in ");
}

void TestConfig::resolveCredentials()
{
    QFETCH(bool, fixtures);
    QFETCH(QStringList, variables);
    QFETCH(QString, optEndpoint);
    QFETCH(QString, optProfile);
    QFETCH(bool, anonymous);
    QFETCH(QString, key);
    QFETCH(QString, error);

    ConnectionOptions options;
    options.endpointUrl = optEndpoint;
    options.profile = optProfile;
    options.anonymous = anonymous;
    const Result<ResolvedConnection> resolved =
        resolveConnection(options, environmentWith(fixtures ? m_home.path() : m_empty.path(), variables), nullptr);
    QVERIFY2(resolved.ok(), qPrintable(errorText(resolved)));
    if (key == QLatin1String("null")) {
        QVERIFY(resolved->credentials == nullptr);
        return;
    }
    QVERIFY(resolved->credentials != nullptr);
    const auto result = resolveNow(*resolved->credentials);
    QVERIFY(result.has_value());
    if (!error.isEmpty()) {
        QVERIFY(!result->ok());
        QCOMPARE(result->error().kind(), S3Error::Kind::Auth);
        QVERIFY2(result->error().message().contains(error), qPrintable(result->error().message()));
        QVERIFY2(!result->error().message().contains(QStringLiteral("EC2 instance metadata")), qPrintable(result->error().message()));
        return;
    }
    QVERIFY2(result->ok(), qPrintable(errorText(*result)));
    QCOMPARE(result->value().accessKeyId, key);
}

void TestConfig::resolveEndpointErrorHidesSecret()
{
    ConnectionOptions options;
    options.endpointUrl = QStringLiteral("http://key:SUPERSECRET@127.0.0.1:9000/bucket/too/deep");
    const Result<ResolvedConnection> resolved = resolveConnection(options, environmentWith(m_empty.path(), {}), nullptr);
    QVERIFY(!resolved.ok());
    QVERIFY2(!resolved.error().message().contains(QStringLiteral("SUPERSECRET")), qPrintable(resolved.error().message()));

    options.endpointUrl = QStringLiteral("http://keyonly@127.0.0.1:9000");
    const Result<ResolvedConnection> partial = resolveConnection(options, environmentWith(m_empty.path(), {}), nullptr);
    QVERIFY(!partial.ok());
    QCOMPARE(partial.error().kind(), S3Error::Kind::Invalid);
}

void TestConfig::metadataDisabled_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("true") << QStringLiteral("true");
    QTest::newRow("TRUE") << QStringLiteral("TRUE");
    QTest::newRow("True") << QStringLiteral("True");
}

void TestConfig::metadataDisabled()
{
    QFETCH(QString, value);
    FakeImdsServer server;
    QVERIFY(server.listen());
    QNetworkAccessManager network;
    const QProcessEnvironment environment = environmentWith(
        m_empty.path(), {QStringLiteral("AWS_EC2_METADATA_DISABLED=") + value,
                         QStringLiteral("AWS_EC2_METADATA_SERVICE_ENDPOINT=") + server.endpoint()});
    const Result<ResolvedConnection> resolved = resolveConnection(ConnectionOptions(), environment, &network);
    QVERIFY(resolved.ok());
    const auto result = resolveNow(*resolved->credentials);
    QVERIFY(result.has_value());
    QVERIFY(!result->ok());
    const QString message = result->error().message();
    QVERIFY2(message.contains(QStringLiteral("environment: AWS_ACCESS_KEY_ID not set")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("profile 'default': not found in")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("EC2 instance metadata: disabled")), qPrintable(message));
    QTest::qWait(20);
    QCOMPARE(server.totalRequests(), 0);
}

void TestConfig::metadataIsLastResort()
{
    FakeImdsServer server;
    QVERIFY(server.listen());
    server.setCredentials(QStringLiteral("ASIAFROMIMDS"), QStringLiteral("imds-secret"), QStringLiteral("imds-token"));
    QNetworkAccessManager network;
    const QProcessEnvironment environment = environmentWith(
        m_empty.path(), {QStringLiteral("AWS_EC2_METADATA_DISABLED=false"),
                         QStringLiteral("AWS_EC2_METADATA_SERVICE_ENDPOINT=") + server.endpoint() + QLatin1Char('/')});
    const Result<ResolvedConnection> resolved = resolveConnection(ConnectionOptions(), environment, &network);
    QVERIFY(resolved.ok());
    const auto result = resolveNow(*resolved->credentials, 5000);
    QVERIFY(result.has_value());
    QVERIFY2(result->ok(), qPrintable(errorText(*result)));
    QCOMPARE(result->value().accessKeyId, QStringLiteral("ASIAFROMIMDS"));
    QCOMPARE(result->value().sessionToken, QStringLiteral("imds-token"));
    QCOMPARE(server.requestCount(FakeImdsServer::TokenPath), 1);

    // With keys in the environment the metadata service is not asked.
    FakeImdsServer other;
    QVERIFY(other.listen());
    QProcessEnvironment withKeys = environment;
    withKeys.insert(QStringLiteral("AWS_EC2_METADATA_SERVICE_ENDPOINT"), other.endpoint());
    withKeys.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAENV"));
    withKeys.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("env-secret"));
    const Result<ResolvedConnection> envFirst = resolveConnection(ConnectionOptions(), withKeys, &network);
    QVERIFY(envFirst.ok());
    const auto envResult = resolveNow(*envFirst->credentials);
    QVERIFY(envResult.has_value() && envResult->ok());
    QCOMPARE(envResult->value().accessKeyId, QStringLiteral("AKIAENV"));
    QCOMPARE(other.totalRequests(), 0);
}

void TestConfig::metadataNotUsedWithExplicitProfile()
{
    FakeImdsServer server;
    QVERIFY(server.listen());
    QNetworkAccessManager network;
    const QProcessEnvironment environment =
        environmentWith(m_home.path(), {QStringLiteral("AWS_EC2_METADATA_SERVICE_ENDPOINT=") + server.endpoint()});
    ConnectionOptions options;
    options.profile = QStringLiteral("onlyconfig"); // has no keys
    const Result<ResolvedConnection> resolved = resolveConnection(options, environment, &network);
    QVERIFY(resolved.ok());
    const auto result = resolveNow(*resolved->credentials);
    QVERIFY(result.has_value());
    QVERIFY(!result->ok());
    QVERIFY2(!result->error().message().contains(QStringLiteral("EC2 instance metadata")), qPrintable(result->error().message()));
    QTest::qWait(20);
    QCOMPARE(server.totalRequests(), 0);
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
