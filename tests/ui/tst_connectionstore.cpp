// SPDX-License-Identifier: Apache-2.0
// ConnectionStore: saved profiles survive a restart in the INI file (which never holds a secret), AWS profiles of
// the shared files are listed read-only, and sessionConfigFor() builds the resolver of each kind.
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "connection/connectionprofile.h"
#include "localfiles.h"
#include "reliabilitycase.h"
#include "s3core/auth/credentials.h"
#include "s3core/config.h"
#include "s3core/privatefiles.h"

using s3ui::ConnectionProfile;
using s3ui::ConnectionStore;

// QVERIFY2 evaluates its message even on success: a Result's error() must only be read after a failure.
#define S3DESK_VERIFY_OK(result)                                                                                \
    do {                                                                                                        \
        if (!(result))                                                                                          \
            QFAIL(qPrintable((result).error().message()));                                                      \
    } while (false)

namespace {

const QString Secret = QStringLiteral("wJalrXUtnFEMI-very-secret-K7MDENG");

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

ConnectionProfile sampleProfile(const QString &name)
{
    ConnectionProfile p;
    p.name = name;
    p.endpointUrl = QStringLiteral("https://s3.example.test:9443");
    p.region = QStringLiteral("eu-central-1");
    p.addressing = s3::AddressingStyle::Path;
    p.accessKeyId = QStringLiteral("AKIDEXAMPLE");
    p.bucket = QStringLiteral("photos");
    p.prefix = QStringLiteral("2024/holidays/");
    return p;
}

// Resolves credentials from a provider that answers synchronously (static / profile providers do).
s3::Credentials resolveNow(s3::CredentialsProvider *provider)
{
    s3::Credentials result;
    QObject context;
    provider->resolve(&context, [&result](const s3::Result<s3::Credentials> &credentials) {
        if (credentials)
            result = *credentials;
    });
    return result;
}

// Mode bits of a file or folder, as ls shows them (0600...).
int modeOf(const QString &path)
{
    const QFileDevice::Permissions p = QFile::permissions(path);
    int mode = 0;
    const std::pair<QFileDevice::Permission, int> bits[] = {
        {QFileDevice::ReadOwner, 0400}, {QFileDevice::WriteOwner, 0200}, {QFileDevice::ExeOwner, 0100},
        {QFileDevice::ReadGroup, 040},  {QFileDevice::WriteGroup, 020},  {QFileDevice::ExeGroup, 010},
        {QFileDevice::ReadOther, 04},   {QFileDevice::WriteOther, 02},   {QFileDevice::ExeOther, 01}};
    for (const auto &[flag, bit] : bits)
        mode |= p.testFlag(flag) ? bit : 0;
    return mode;
}

} // namespace

class TestConnectionStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString iniPath(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
    QString caPath() const { return m_dir.filePath(QStringLiteral("ca.pem")); }

    QProcessEnvironment awsEnvironment(const QByteArray &credentials, const QByteArray &config, const char *tag) const
    {
        const QString credentialsPath = m_dir.filePath(QStringLiteral("credentials-%1").arg(QLatin1String(tag)));
        const QString configPath = m_dir.filePath(QStringLiteral("config-%1").arg(QLatin1String(tag)));
        if (!writeFile(credentialsPath, credentials) || !writeFile(configPath, config))
            qFatal("cannot write the AWS test files");
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("HOME"), m_dir.path());
        environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), credentialsPath);
        environment.insert(QStringLiteral("AWS_CONFIG_FILE"), configPath);
        environment.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
        return environment;
    }

    QProcessEnvironment emptyEnvironment() const
    {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("nohome")));
        return environment;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(writeFile(caPath(), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"));
    }

    void roundTrip()
    {
        const QString path = iniPath("roundtrip.ini");
        QString firstId;
        QString secondId;
        {
            ConnectionStore store(path, emptyEnvironment());
            QVERIFY(store.savedProfiles().isEmpty());
            QSignalSpy changed(&store, &ConnectionStore::changed);
            ConnectionProfile first = sampleProfile(QStringLiteral("Büro NAS"));
            first.caBundle = caPath();
            auto added = store.add(first);
            S3DESK_VERIFY_OK(added);
            firstId = *added;
            ConnectionProfile second;
            second.name = QStringLiteral("Public data");
            second.endpointUrl = QStringLiteral("http://127.0.0.1:8000");
            second.addressing = s3::AddressingStyle::VirtualHost;
            auto addedSecond = store.add(second);
            QVERIFY(addedSecond);
            secondId = *addedSecond;
            QCOMPARE(changed.count(), 2);
            QVERIFY(!firstId.isEmpty());
            QVERIFY(firstId != secondId);
        }
        ConnectionStore reopened(path, emptyEnvironment());
        QCOMPARE(reopened.savedProfiles().size(), 2);
        const ConnectionProfile first = reopened.savedProfiles().at(0);
        ConnectionProfile expected = sampleProfile(QStringLiteral("Büro NAS"));
        expected.id = firstId;
        expected.caBundle = caPath();
        QCOMPARE(first, expected);
        QCOMPARE(reopened.savedProfiles().at(1).id, secondId);
        QCOMPARE(reopened.savedProfiles().at(1).addressing, s3::AddressingStyle::VirtualHost);
        QVERIFY(reopened.savedProfiles().at(1).accessKeyId.isEmpty());
        QVERIFY(reopened.profile(secondId).has_value());
    }

    void updateAndRemovePersist()
    {
        const QString path = iniPath("update.ini");
        QString id;
        {
            ConnectionStore store(path, emptyEnvironment());
            id = *store.add(sampleProfile(QStringLiteral("a")));
            QVERIFY(store.add(sampleProfile(QStringLiteral("b"))));
            ConnectionProfile changedProfile = *store.profile(id);
            changedProfile.name = QStringLiteral("renamed");
            changedProfile.bucket.clear();
            changedProfile.prefix.clear();
            QSignalSpy changed(&store, &ConnectionStore::changed);
            QVERIFY(store.update(changedProfile));
            QCOMPARE(changed.count(), 1);

            ConnectionProfile invalid = changedProfile;
            invalid.endpointUrl = QStringLiteral("ftp://nope");
            QVERIFY(!store.update(invalid));
            QCOMPARE(store.profile(id)->endpointUrl, changedProfile.endpointUrl);

            ConnectionProfile unknown = changedProfile;
            unknown.id = QStringLiteral("no-such-id");
            QVERIFY(!store.update(unknown));
        }
        {
            ConnectionStore store(path, emptyEnvironment());
            QCOMPARE(store.savedProfiles().size(), 2);
            QCOMPARE(store.profile(id)->name, QStringLiteral("renamed"));
            QVERIFY(store.profile(id)->bucket.isEmpty());
            QVERIFY(store.remove(id));
            QVERIFY(!store.remove(id));
        }
        ConnectionStore store(path, emptyEnvironment());
        QCOMPARE(store.savedProfiles().size(), 1);
        QCOMPARE(store.savedProfiles().at(0).name, QStringLiteral("b"));
    }

    void invalidProfilesAreRefused()
    {
        ConnectionStore store(iniPath("invalid.ini"), emptyEnvironment());
        ConnectionProfile noName = sampleProfile(QString());
        auto added = store.add(noName);
        QVERIFY(!added);
        QVERIFY(added.error().message().contains(QLatin1String("name")));
        QVERIFY(store.savedProfiles().isEmpty());
    }

    void validation_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected"); // empty: valid

        QTest::newRow("valid") << QString() << QString() << QString();
        QTest::newRow("no name") << QStringLiteral("name") << QStringLiteral("  ") << QStringLiteral("name");
        QTest::newRow("no endpoint") << QStringLiteral("endpoint") << QString() << QStringLiteral("endpoint URL");
        QTest::newRow("ftp endpoint") << QStringLiteral("endpoint") << QStringLiteral("ftp://host")
                                      << QStringLiteral("http or https");
        QTest::newRow("no scheme") << QStringLiteral("endpoint") << QStringLiteral("s3.example.com")
                                   << QStringLiteral("http");
        QTest::newRow("credentials in URL") << QStringLiteral("endpoint") << QStringLiteral("http://k:s@host")
                                            << QStringLiteral("user name and password");
        QTest::newRow("region with space") << QStringLiteral("region") << QStringLiteral("eu west")
                                           << QStringLiteral("region");
        QTest::newRow("missing CA file") << QStringLiteral("ca") << QStringLiteral("/no/such/ca.pem")
                                         << QStringLiteral("CA file");
        QTest::newRow("bucket with slash") << QStringLiteral("bucket") << QStringLiteral("a/b")
                                           << QStringLiteral("bucket name");
        QTest::newRow("prefix without bucket") << QStringLiteral("bucket") << QString()
                                               << QStringLiteral("prefix needs a bucket");
    }

    void validation()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        ConnectionProfile p = sampleProfile(QStringLiteral("x"));
        if (field == QLatin1String("name"))
            p.name = value;
        else if (field == QLatin1String("endpoint"))
            p.endpointUrl = value;
        else if (field == QLatin1String("region"))
            p.region = value;
        else if (field == QLatin1String("ca"))
            p.caBundle = value;
        else if (field == QLatin1String("bucket"))
            p.bucket = value;
        const auto valid = p.validate();
        if (expected.isEmpty()) {
            S3DESK_VERIFY_OK(valid);
        } else {
            QVERIFY(!valid);
            QVERIFY2(valid.error().message().contains(expected, Qt::CaseInsensitive),
                     qPrintable(valid.error().message()));
        }
    }

    void secretNeverInTheSettingsFile()
    {
        const QString path = iniPath("secret.ini");
        ConnectionStore store(path, emptyEnvironment());
        const QString id = *store.add(sampleProfile(QStringLiteral("with secret")));
        // Build and use the session config with the secret: the store must still not see it.
        const s3ui::SessionConfig config = s3ui::sessionConfigFor(*store.profile(id), Secret, m_dir.path());
        auto resolved = config.resolver(nullptr);
        QVERIFY(resolved);
        QCOMPARE(resolveNow(resolved->credentials.get()).secretAccessKey, Secret);
        ConnectionProfile edited = *store.profile(id);
        edited.name = QStringLiteral("edited");
        QVERIFY(store.update(edited));

        const QByteArray bytes = readLocalFile(path);
        QVERIFY(bytes.contains("AKIDEXAMPLE"));   // the file is the right one...
        QVERIFY(!bytes.contains(Secret.toUtf8())); // ...and has no secret
        QVERIFY(!bytes.toLower().contains("secret"));
    }

    void filesAndFoldersArePrivate()
    {
        // A new file in a new folder: 0700 and 0600 from the first save on, whatever the umask (022 here).
        const QString folder = m_dir.filePath(QStringLiteral("private-config"));
        const QString path = folder + QStringLiteral("/connections.ini");
        {
            ConnectionStore store(path, emptyEnvironment());
            S3DESK_VERIFY_OK(store.add(sampleProfile(QStringLiteral("first"))));
            QCOMPARE(modeOf(folder), 0700);
            QCOMPARE(modeOf(path), 0600);
            ConnectionProfile edited = store.savedProfiles().first();
            edited.name = QStringLiteral("edited");
            QVERIFY(store.update(edited));
            QCOMPARE(modeOf(path), 0600); // QSettings rewrote it (a new file renamed over it): still 0600
        }
        // A file an older version left world-readable is tightened when it is opened.
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                                | QFileDevice::ReadOther));
        QCOMPARE(modeOf(path), 0644);
        ConnectionStore reopened(path, emptyEnvironment());
        QCOMPARE(reopened.savedProfiles().size(), 1);
        QCOMPARE(modeOf(path), 0600);

        // The window's QSettings file, created first the way the application does: QSettings keeps its mode.
        const QString settingsPath = folder + QStringLiteral("/s3desk.ini");
        S3DESK_VERIFY_OK(s3::ensurePrivateFile(settingsPath));
        {
            QSettings settings(settingsPath, QSettings::IniFormat);
            settings.setValue(QStringLiteral("window/geometry"), QByteArray(200, 'g'));
            settings.sync();
            QCOMPARE(settings.status(), QSettings::NoError);
        }
        QVERIFY(readLocalFile(settingsPath).contains("window"));
        QCOMPARE(modeOf(settingsPath), 0600);
        // And the queue folder of a session: created 0700 (an existing 0755 one tightened).
        const QString queues = folder + QStringLiteral("/queues");
        QVERIFY(QDir().mkpath(queues));
        QVERIFY(QFile::setPermissions(queues, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                  | QFileDevice::ReadOther | QFileDevice::ExeOther));
        ConnectionProfile anonymous;
        anonymous.id = QStringLiteral("modes");
        anonymous.name = QStringLiteral("anonymous");
        anonymous.endpointUrl = QStringLiteral("http://127.0.0.1:9");
        auto session = s3ui::Session::open(s3ui::sessionConfigFor(anonymous, {}, queues, emptyEnvironment()));
        S3DESK_VERIFY_OK(session);
        QCOMPARE(modeOf(queues), 0700);
        recordReliabilityCase({QStringLiteral("Secrets, files and terminal"),
                               QStringLiteral("connections, settings and queue folder written with umask 022, and files "
                                              "left 0644 by an older version"),
                               QStringLiteral("folders 0700, files 0600"),
                               QStringLiteral("config folder 0700, connections.ini 0600 after add and update, a 0644 file "
                                              "tightened to 0600 on opening, s3desk.ini 0600 after a QSettings write, the "
                                              "queue folder tightened from 0705 to 0700 when a session opened"),
                               true, QStringLiteral("fake")});
    }

    void awsProfilesAreListedReadOnly()
    {
        const QByteArray credentials = "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s1\n\n"
                                       "[dev team]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s2\n";
        const QByteArray config = "[profile \"dev team\"]\nregion = eu-west-3\n"
                                  "s3 =\n  addressing_style = path\n  endpoint_url = http://127.0.0.1:8000\n\n"
                                  "[profile ops]\nregion = us-west-2\n";
        const QProcessEnvironment environment = awsEnvironment(credentials, config, "listed");
        ConnectionStore store(iniPath("aws.ini"), environment);
        QVERIFY(store.savedProfiles().isEmpty());
        const QList<ConnectionProfile> aws = store.awsProfiles();
        QCOMPARE(aws.size(), 3);
        QCOMPARE(aws.at(0).name, QStringLiteral("default"));
        QCOMPARE(aws.at(1).name, QStringLiteral("dev team"));
        QCOMPARE(aws.at(2).name, QStringLiteral("ops"));
        for (const ConnectionProfile &p : aws) {
            QCOMPARE(p.kind, ConnectionProfile::Kind::AwsProfile);
            QVERIFY(p.isReadOnly());
            QVERIFY(!p.needsSecret());
            QCOMPARE(p.id, ConnectionProfile::awsProfileId(p.name));
        }
        QCOMPARE(aws.at(1).id, QStringLiteral("aws-dev%20team"));
        QCOMPARE(aws.at(1).region, QStringLiteral("eu-west-3"));
        QCOMPARE(aws.at(1).endpointUrl, QStringLiteral("http://127.0.0.1:8000"));
        QCOMPARE(aws.at(1).addressing, s3::AddressingStyle::Path);
        QCOMPARE(aws.at(1).accessKeyId, QStringLiteral("AKIDDEV"));

        // Read-only: neither updated nor removed, and nothing of them lands in the settings file.
        ConnectionProfile edited = aws.at(1);
        edited.region = QStringLiteral("elsewhere");
        QVERIFY(!store.update(edited));
        QVERIFY(!store.remove(aws.at(1).id));
        QCOMPARE(store.profile(aws.at(1).id)->region, QStringLiteral("eu-west-3"));
        QVERIFY(!readLocalFile(iniPath("aws.ini")).contains("AKIDDEV"));

        // Changes on disk show after a reload, announced by changed().
        QVERIFY(
            writeFile(environment.value(QStringLiteral("AWS_CONFIG_FILE")), config + "\n[profile new]\nregion = x\n"));
        QSignalSpy changed(&store, &ConnectionStore::changed);
        store.reloadAwsProfiles();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(store.awsProfiles().size(), 4);
        store.reloadAwsProfiles();
        QCOMPARE(changed.count(), 1); // nothing new: no signal
    }

    void noAwsFilesNoAwsProfiles()
    {
        ConnectionStore store(iniPath("noaws.ini"), emptyEnvironment());
        QVERIFY(store.awsProfiles().isEmpty());
    }

    void sessionConfigForSavedProfile()
    {
        ConnectionProfile p = sampleProfile(QStringLiteral("Saved"));
        p.id = QStringLiteral("fixed-id");
        p.caBundle = caPath();
        // The environment must not leak into a saved connection.
        qputenv("AWS_REGION", "ap-south-1");
        const s3ui::SessionConfig config = s3ui::sessionConfigFor(p, Secret, QStringLiteral("/state"));
        qunsetenv("AWS_REGION");
        QCOMPARE(config.id, QStringLiteral("fixed-id"));
        QCOMPARE(config.displayName, QStringLiteral("Saved"));
        QCOMPARE(config.bucket, QStringLiteral("photos"));
        QCOMPARE(config.prefix, QStringLiteral("2024/holidays/"));
        QCOMPARE(config.stateDir, QStringLiteral("/state"));
        auto resolved = config.resolver(nullptr);
        S3DESK_VERIFY_OK(resolved);
        QCOMPARE(resolved->endpoint.baseUrl().host(), QStringLiteral("s3.example.test"));
        QCOMPARE(resolved->endpoint.baseUrl().port(), 9443);
        QVERIFY(resolved->endpoint.isHttps());
        QCOMPARE(resolved->endpoint.region(), QStringLiteral("eu-central-1"));
        QCOMPARE(resolved->endpoint.style(), s3::AddressingStyle::Path);
        QCOMPARE(resolved->caBundle, p.caBundle);
        QVERIFY(resolved->credentials);
        const s3::Credentials credentials = resolveNow(resolved->credentials.get());
        QCOMPARE(credentials.accessKeyId, QStringLiteral("AKIDEXAMPLE"));
        QCOMPARE(credentials.secretAccessKey, Secret);
        QVERIFY(credentials.sessionToken.isEmpty());
    }

    void sessionConfigBucketFromEndpointPath()
    {
        ConnectionProfile p;
        p.name = QStringLiteral("path bucket");
        p.endpointUrl = QStringLiteral("http://127.0.0.1:8000/data");
        const s3ui::SessionConfig config = s3ui::sessionConfigFor(p, QString(), QString());
        QCOMPARE(config.bucket, QStringLiteral("data"));
        auto resolved = config.resolver(nullptr);
        QVERIFY(resolved);
        QVERIFY(!resolved->credentials); // no access key: anonymous
        QCOMPARE(resolved->endpoint.region(), QStringLiteral("us-east-1"));
    }

    void sessionConfigWithoutSecretFails()
    {
        const s3ui::SessionConfig config = s3ui::sessionConfigFor(sampleProfile(QStringLiteral("n")), QString(), {});
        auto resolved = config.resolver(nullptr);
        QVERIFY(!resolved);
        QCOMPARE(resolved.error().kind(), s3::S3Error::Kind::Auth);
        QVERIFY(resolved.error().message().contains(QLatin1String("secret key")));
    }

    void sessionConfigForAwsProfile()
    {
        const QByteArray credentials = "[lab]\naws_access_key_id = AKIDLAB\naws_secret_access_key = labsecret\n";
        const QByteArray config = "[profile lab]\nregion = eu-north-1\nendpoint_url = http://127.0.0.1:8000\n"
                                  "ca_bundle = /etc/lab-ca.pem\n";
        const QProcessEnvironment environment = awsEnvironment(credentials, config, "resolve");
        ConnectionStore store(iniPath("aws-resolve.ini"), environment);
        QCOMPARE(store.awsProfiles().size(), 1);
        const ConnectionProfile lab = store.awsProfiles().at(0);
        const s3ui::SessionConfig sessionConfig = s3ui::sessionConfigFor(lab, QString(), QString(), environment);
        QCOMPARE(sessionConfig.id, QStringLiteral("aws-lab"));
        QCOMPARE(sessionConfig.displayName, QStringLiteral("lab"));
        QVERIFY(sessionConfig.bucket.isEmpty());
        auto resolved = sessionConfig.resolver(nullptr);
        S3DESK_VERIFY_OK(resolved);
        QCOMPARE(resolved->profile, QStringLiteral("lab"));
        QCOMPARE(resolved->endpoint.baseUrl().port(), 8000);
        QCOMPARE(resolved->endpoint.region(), QStringLiteral("eu-north-1"));
        QCOMPARE(resolved->caBundle, QStringLiteral("/etc/lab-ca.pem"));
        const s3::Credentials resolvedCredentials = resolveNow(resolved->credentials.get());
        QCOMPARE(resolvedCredentials.accessKeyId, QStringLiteral("AKIDLAB"));
        QCOMPARE(resolvedCredentials.secretAccessKey, QStringLiteral("labsecret"));
    }

    void addressingNames()
    {
        for (auto style : {s3::AddressingStyle::Auto, s3::AddressingStyle::Path, s3::AddressingStyle::VirtualHost})
            QCOMPARE(s3ui::addressingStyleFromName(s3ui::addressingStyleName(style)), style);
        QCOMPARE(s3ui::addressingStyleFromName(QStringLiteral("bogus")), s3::AddressingStyle::Auto);
    }
};

QTEST_MAIN(TestConnectionStore)
#include "tst_connectionstore.moc"
