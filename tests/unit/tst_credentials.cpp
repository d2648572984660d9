// SPDX-License-Identifier: Apache-2.0
// Credentials value helpers and the synchronous providers (static, environment, profile, chain).

#include <memory>
#include <optional>

#include <QFile>
#include <QObject>
#include <QPointer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "s3core/auth/credentials.h"
#include "s3core/auth/credentialsprovider.h"

using namespace s3;

namespace {

Credentials makeCredentials(const QString &key, const QString &secret, const QString &token = {})
{
    Credentials c;
    c.accessKeyId = key;
    c.secretAccessKey = secret;
    c.sessionToken = token;
    return c;
}

/** A provider with a canned answer that counts its calls; optionally answers on the next event-loop turn. */
class CannedProvider final : public CredentialsProvider
{
public:
    CannedProvider(QString name, std::optional<Credentials> credentials, bool async = false)
        : m_name(std::move(name))
        , m_credentials(std::move(credentials))
        , m_async(async)
    {
    }

    void resolve(QObject *context, Callback callback) override
    {
        ++calls;
        Result<Credentials> result = m_credentials ? Result<Credentials>(*m_credentials)
                                                   : Result<Credentials>(S3Error(S3Error::Kind::Auth, m_name + QStringLiteral(": nothing here")));
        if (m_async) {
            // The context guards the call, as a real asynchronous provider must.
            QTimer::singleShot(0, context, [callback, result] { callback(result); });
            return;
        }
        callback(result);
    }
    void invalidate() override { ++invalidations; }
    QString name() const override { return m_name; }

    int calls = 0;
    int invalidations = 0;

private:
    QString m_name;
    std::optional<Credentials> m_credentials;
    bool m_async;
};

/** Resolves and waits (bounded) for the answer; counts how many answers arrived. */
struct Resolution
{
    std::optional<Result<Credentials>> result;
    int answers = 0;
};

std::shared_ptr<Resolution> resolveWith(CredentialsProvider &provider, QObject *context)
{
    auto resolution = std::make_shared<Resolution>();
    provider.resolve(context, [resolution](const Result<Credentials> &r) {
        resolution->result = r;
        ++resolution->answers;
    });
    return resolution;
}

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

} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mergeTakesFirstNonEmptyPerField();
    void mergeOverriddenFirstWinsEverything();
    void mergeEmpty();
    void credentialsFromUrl_data();
    void credentialsFromUrl();
    void debugOutputRedactsSecrets_data();
    void debugOutputRedactsSecrets();
    void expiry();

    void staticProvider();
    void staticProviderIncomplete();
    void environmentProvider_data();
    void environmentProvider();
    void environmentExpiration_data();
    void environmentExpiration();
    void profileProvider();
    void profileProviderNotFound();
    void profileProviderIncomplete();

    void chainFirstCompleteWins();
    void chainCachesUntilInvalidate();
    void chainListsEveryFailure();
    void chainAsyncProvider();
    void chainContextDestroyedNeverCalls();
};

void TestCredentials::mergeTakesFirstNonEmptyPerField()
{
    // The reference client's merge test: key, secret and token each from a different source.
    Credentials keyOnly = makeCredentials(QStringLiteral("key"), {});
    keyOnly.source = QStringLiteral("arguments");
    const Credentials secretOnly = makeCredentials({}, QStringLiteral("secret"));
    Credentials tokenOnly = makeCredentials({}, {}, QStringLiteral("token"));
    tokenOnly.expiry = QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC);

    const Credentials merged = mergeCredentials({keyOnly, secretOnly, tokenOnly});
    QCOMPARE(merged.accessKeyId, QStringLiteral("key"));
    QCOMPARE(merged.secretAccessKey, QStringLiteral("secret"));
    QCOMPARE(merged.sessionToken, QStringLiteral("token"));
    QCOMPARE(merged.expiry, tokenOnly.expiry);
    QCOMPARE(merged.source, QStringLiteral("arguments"));
    QVERIFY(merged.isComplete());
    QVERIFY(merged.isTemporary());
}

void TestCredentials::mergeOverriddenFirstWinsEverything()
{
    const QString o = QStringLiteral("overriden");
    const Credentials merged = mergeCredentials({makeCredentials(o, o, o), makeCredentials(QStringLiteral("key"), {}),
                                                 makeCredentials({}, QStringLiteral("secret")),
                                                 makeCredentials({}, {}, QStringLiteral("token"))});
    QCOMPARE(merged.accessKeyId, o);
    QCOMPARE(merged.secretAccessKey, o);
    QCOMPARE(merged.sessionToken, o);
}

void TestCredentials::mergeEmpty()
{
    const Credentials merged = mergeCredentials({});
    QVERIFY(!merged.isComplete());
    QVERIFY(merged.accessKeyId.isEmpty());
    QVERIFY(!merged.expiry.isValid());
}

void TestCredentials::credentialsFromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("secret");

    QTest::newRow("plain") << QStringLiteral("http://key:secret@host") << QStringLiteral("key") << QStringLiteral("secret");
    QTest::newRow("percent-encoded secret")
        << QStringLiteral("http://AKIDEXAMPLE:wJal%2FrXU%2BtnF%40EMI%3AK7%25MDENG@127.0.0.1:9000/bucket")
        << QStringLiteral("AKIDEXAMPLE") << QStringLiteral("wJal/rXU+tnF@EMI:K7%MDENG");
    QTest::newRow("percent-encoded key") << QStringLiteral("https://my%20key:s@s3.example.com")
                                         << QStringLiteral("my key") << QStringLiteral("s");
    QTest::newRow("no user info") << QStringLiteral("http://127.0.0.1:9000") << QString() << QString();
    QTest::newRow("key only") << QStringLiteral("https://AKID@host") << QStringLiteral("AKID") << QString();
}

void TestCredentials::credentialsFromUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, key);
    QFETCH(QString, secret);
    const Credentials c = s3::credentialsFromUrl(QUrl(url));
    QCOMPARE(c.accessKeyId, key);
    QCOMPARE(c.secretAccessKey, secret);
    QVERIFY(c.sessionToken.isEmpty());
    QCOMPARE(c.isComplete(), !key.isEmpty() && !secret.isEmpty());
    QCOMPARE(c.source.isEmpty(), key.isEmpty() && secret.isEmpty());
}

void TestCredentials::debugOutputRedactsSecrets_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("withExpiry");
    QTest::newRow("long-term") << QString() << false;
    QTest::newRow("temporary") << QStringLiteral("FwoGZXIvYXdzEXAMPLETOKEN") << true;
}

void TestCredentials::debugOutputRedactsSecrets()
{
    QFETCH(QString, token);
    QFETCH(bool, withExpiry);
    Credentials c = makeCredentials(QStringLiteral("AKIAEXAMPLEKEY"), QStringLiteral("hack-me-secret"), token);
    c.source = QStringLiteral("unit test");
    if (withExpiry)
        c.expiry = QDateTime(QDate(2030, 5, 6), QTime(7, 8, 9), Qt::UTC);

    QString out;
    QDebug(&out) << c;
    QVERIFY2(!out.contains(QStringLiteral("hack-me")), qPrintable(out));
    if (!token.isEmpty())
        QVERIFY2(!out.contains(token), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("AKIAEXAMPLEKEY")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("<redacted>")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("unit test")), qPrintable(out));
    if (withExpiry)
        QVERIFY2(out.contains(QStringLiteral("2030-05-06T07:08:09Z")), qPrintable(out));
}

void TestCredentials::expiry()
{
    const QDateTime now(QDate(2030, 1, 1), QTime(12, 0), Qt::UTC);
    Credentials c = makeCredentials(QStringLiteral("k"), QStringLiteral("s"));
    QVERIFY(!c.isExpired(now, 1000000)); // no expiry: never expires
    c.expiry = now.addSecs(600);
    QVERIFY(!c.isExpired(now));
    QVERIFY(!c.isExpired(now, 300));
    QVERIFY(c.isExpired(now, 600));
    QVERIFY(c.isExpired(now.addSecs(600)));
}

void TestCredentials::staticProvider()
{
    StaticCredentialsProvider provider(makeCredentials(QStringLiteral("key"), QStringLiteral("secret")));
    QObject context;
    const auto r = resolveWith(provider, &context);
    QCOMPARE(r->answers, 1); // synchronous
    QVERIFY(r->result && r->result->ok());
    QCOMPARE(r->result->value().accessKeyId, QStringLiteral("key"));
    QCOMPARE(r->result->value().secretAccessKey, QStringLiteral("secret"));
    QVERIFY(!provider.name().isEmpty());
}

void TestCredentials::staticProviderIncomplete()
{
    StaticCredentialsProvider provider(makeCredentials(QStringLiteral("key"), {}));
    QObject context;
    const auto r = resolveWith(provider, &context);
    QCOMPARE(r->answers, 1);
    QVERIFY(r->result && !r->result->ok());
    QCOMPARE(r->result->error().kind(), S3Error::Kind::Auth);
}

void TestCredentials::environmentProvider_data()
{
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QString>("expectedKey");
    QTest::addColumn<QString>("expectedToken");
    QTest::addColumn<QString>("errorPart");

    QTest::newRow("nothing") << QStringList() << QString() << QString() << QStringLiteral("AWS_ACCESS_KEY_ID not set");
    QTest::newRow("key only") << QStringList{QStringLiteral("AWS_ACCESS_KEY_ID=key")} << QString() << QString()
                              << QStringLiteral("AWS_SECRET_ACCESS_KEY not set");
    QTest::newRow("secret only") << QStringList{QStringLiteral("AWS_SECRET_ACCESS_KEY=hack-me")} << QString()
                                 << QString() << QStringLiteral("AWS_ACCESS_KEY_ID not set");
    QTest::newRow("empty key") << QStringList{QStringLiteral("AWS_ACCESS_KEY_ID="), QStringLiteral("AWS_SECRET_ACCESS_KEY=hack-me")}
                               << QString() << QString() << QStringLiteral("AWS_ACCESS_KEY_ID not set");
    QTest::newRow("complete") << QStringList{QStringLiteral("AWS_ACCESS_KEY_ID=key"), QStringLiteral("AWS_SECRET_ACCESS_KEY=hack-me"),
                                             QStringLiteral("AWS_DEFAULT_REGION=cc-mid-2")}
                              << QStringLiteral("key") << QString() << QString();
    QTest::newRow("session token") << QStringList{QStringLiteral("AWS_ACCESS_KEY_ID=key"), QStringLiteral("AWS_SECRET_ACCESS_KEY=hack-me"),
                                                  QStringLiteral("AWS_SESSION_TOKEN=tok")}
                                   << QStringLiteral("key") << QStringLiteral("tok") << QString();
}

void TestCredentials::environmentExpiration_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QDateTime>("expected"); // invalid: refused
    const QDateTime at = QDateTime(QDate(2026, 12, 3), QTime(23, 29, 39), Qt::UTC);
    QTest::newRow("awscli") << QStringLiteral("2026-12-03T23:29:39Z") << at;
    QTest::newRow("milliseconds") << QStringLiteral("2026-12-03T23:29:39.060Z") << at.addMSecs(60);
    QTest::newRow("nanoseconds (Ceph STS)") << QStringLiteral("2026-12-03T23:29:39.060563936Z") << at.addMSecs(60);
    QTest::newRow("offset") << QStringLiteral("2026-12-04T00:29:39+01:00") << at;
    QTest::newRow("garbage") << QStringLiteral("tomorrow") << QDateTime();
}

void TestCredentials::environmentExpiration()
{
    QFETCH(QString, value);
    QFETCH(QDateTime, expected);
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("key"));
    environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("hack-me"));
    environment.insert(QStringLiteral("AWS_SESSION_TOKEN"), QStringLiteral("tok"));
    environment.insert(QStringLiteral("AWS_CREDENTIAL_EXPIRATION"), value);
    EnvironmentCredentialsProvider provider(environment);
    QObject context;
    const auto r = resolveWith(provider, &context);
    QVERIFY(r->result.has_value());
    if (!expected.isValid()) {
        QVERIFY(!r->result->ok());
        QVERIFY2(r->result->error().message().contains(QLatin1String("AWS_CREDENTIAL_EXPIRATION")),
                 qPrintable(r->result->error().message()));
        return;
    }
    QVERIFY2(r->result->ok(), qPrintable(errorText(*r->result)));
    QCOMPARE(r->result->value().expiry, expected);
}

void TestCredentials::environmentProvider()
{
    QFETCH(QStringList, variables);
    QFETCH(QString, expectedKey);
    QFETCH(QString, expectedToken);
    QFETCH(QString, errorPart);

    QProcessEnvironment environment; // empty: never the real one
    for (const QString &v : std::as_const(variables))
        environment.insert(v.section(QLatin1Char('='), 0, 0), v.section(QLatin1Char('='), 1));
    EnvironmentCredentialsProvider provider(environment);
    QCOMPARE(provider.name(), QStringLiteral("environment"));
    QObject context;
    const auto r = resolveWith(provider, &context);
    QCOMPARE(r->answers, 1);
    QVERIFY(r->result.has_value());
    if (!errorPart.isEmpty()) {
        QVERIFY(!r->result->ok());
        QCOMPARE(r->result->error().kind(), S3Error::Kind::Auth);
        QVERIFY2(r->result->error().message().contains(errorPart), qPrintable(r->result->error().message()));
        QVERIFY(r->result->error().message().startsWith(QStringLiteral("environment: ")));
        QVERIFY(!r->result->error().message().contains(QStringLiteral("hack-me")));
        return;
    }
    QVERIFY2(r->result->ok(), qPrintable(errorText(*r->result)));
    QCOMPARE(r->result->value().accessKeyId, expectedKey);
    QCOMPARE(r->result->value().secretAccessKey, QStringLiteral("hack-me"));
    QCOMPARE(r->result->value().sessionToken, expectedToken);
    QCOMPARE(r->result->value().source, QStringLiteral("environment"));
}

void TestCredentials::profileProvider()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString credentials = dir.filePath(QStringLiteral("credentials"));
    QVERIFY(writeFile(credentials, "[test-profile]\n    aws_access_key_id = test-key\n    aws_secret_access_key = test-secret\n"
                                   "    aws_session_token = test-token\n[default]\naws_access_key_id = default-key\n"
                                   "aws_secret_access_key = default-secret\n"));
    const QString config = dir.filePath(QStringLiteral("config")); // absent: contributes nothing

    ProfileCredentialsProvider testProfile(QStringLiteral("test-profile"), credentials, config);
    QCOMPARE(testProfile.name(), QStringLiteral("profile 'test-profile'"));
    QObject context;
    auto r = resolveWith(testProfile, &context);
    QCOMPARE(r->answers, 1);
    QVERIFY2(r->result->ok(), qPrintable(errorText(*r->result)));
    QCOMPARE(r->result->value().accessKeyId, QStringLiteral("test-key"));
    QCOMPARE(r->result->value().secretAccessKey, QStringLiteral("test-secret"));
    QCOMPARE(r->result->value().sessionToken, QStringLiteral("test-token"));
    QVERIFY(r->result->value().source.contains(credentials));

    ProfileCredentialsProvider defaultProfile(QStringLiteral("default"), credentials, config);
    r = resolveWith(defaultProfile, &context);
    QVERIFY(r->result->ok());
    QCOMPARE(r->result->value().accessKeyId, QStringLiteral("default-key"));

    // Read at resolve time: a changed file is picked up.
    QVERIFY(writeFile(credentials, "[default]\naws_access_key_id = rotated-key\naws_secret_access_key = rotated-secret\n"));
    r = resolveWith(defaultProfile, &context);
    QVERIFY(r->result->ok());
    QCOMPARE(r->result->value().accessKeyId, QStringLiteral("rotated-key"));
}

void TestCredentials::profileProviderNotFound()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString credentials = dir.filePath(QStringLiteral("credentials"));
    const QString config = dir.filePath(QStringLiteral("config"));
    QVERIFY(writeFile(credentials, "[default]\naws_access_key_id = k\naws_secret_access_key = hack-me\n"));
    ProfileCredentialsProvider provider(QStringLiteral("nope"), credentials, config);
    QObject context;
    const auto r = resolveWith(provider, &context);
    QVERIFY(r->result && !r->result->ok());
    const QString message = r->result->error().message();
    QCOMPARE(r->result->error().kind(), S3Error::Kind::Auth);
    QVERIFY2(message.startsWith(QStringLiteral("profile 'nope': not found in ")), qPrintable(message));
    QVERIFY2(message.contains(credentials) && message.contains(config), qPrintable(message));
}

void TestCredentials::profileProviderIncomplete()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString credentials = dir.filePath(QStringLiteral("credentials"));
    const QString config = dir.filePath(QStringLiteral("config"));
    QVERIFY(writeFile(credentials, "[half]\naws_access_key_id = k\n"));
    QVERIFY(writeFile(config, "[profile half]\nregion = eu-west-1\n"));
    ProfileCredentialsProvider provider(QStringLiteral("half"), credentials, config);
    QObject context;
    const auto r = resolveWith(provider, &context);
    QVERIFY(r->result && !r->result->ok());
    const QString message = r->result->error().message();
    QCOMPARE(r->result->error().kind(), S3Error::Kind::Auth);
    QVERIFY2(message.contains(QStringLiteral("profile 'half'")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("aws_secret_access_key")), qPrintable(message));
    QVERIFY2(message.contains(credentials), qPrintable(message));
}

void TestCredentials::chainFirstCompleteWins()
{
    auto failing = std::make_shared<CannedProvider>(QStringLiteral("first"), std::nullopt);
    auto working = std::make_shared<CannedProvider>(QStringLiteral("second"), makeCredentials(QStringLiteral("k2"), QStringLiteral("s2")));
    auto unused = std::make_shared<CannedProvider>(QStringLiteral("third"), makeCredentials(QStringLiteral("k3"), QStringLiteral("s3")));
    CredentialsProviderChain chain;
    chain.append(failing);
    chain.append(working);
    chain.append(unused);
    chain.append(nullptr); // ignored
    QCOMPARE(chain.size(), 3);

    QObject context;
    const auto r = resolveWith(chain, &context);
    QCOMPARE(r->answers, 1);
    QVERIFY(r->result->ok());
    QCOMPARE(r->result->value().accessKeyId, QStringLiteral("k2"));
    QCOMPARE(failing->calls, 1);
    QCOMPARE(working->calls, 1);
    QCOMPARE(unused->calls, 0);
}

void TestCredentials::chainCachesUntilInvalidate()
{
    auto failing = std::make_shared<CannedProvider>(QStringLiteral("first"), std::nullopt);
    auto working = std::make_shared<CannedProvider>(QStringLiteral("second"), makeCredentials(QStringLiteral("k2"), QStringLiteral("s2")));
    CredentialsProviderChain chain;
    chain.append(failing);
    chain.append(working);
    QObject context;
    for (int i = 0; i < 3; ++i) {
        const auto r = resolveWith(chain, &context);
        QVERIFY(r->result->ok());
    }
    QCOMPARE(failing->calls, 1); // the winner is remembered: the chain is not walked again
    QCOMPARE(working->calls, 3);

    chain.invalidate();
    QCOMPARE(failing->invalidations, 1);
    QCOMPARE(working->invalidations, 1);
    const auto r = resolveWith(chain, &context);
    QVERIFY(r->result->ok());
    QCOMPARE(failing->calls, 2);
    QCOMPARE(working->calls, 4);
}

void TestCredentials::chainListsEveryFailure()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CredentialsProviderChain chain;
    chain.append(std::make_shared<EnvironmentCredentialsProvider>(QProcessEnvironment()));
    chain.append(std::make_shared<ProfileCredentialsProvider>(QStringLiteral("default"), dir.filePath(QStringLiteral("credentials")),
                                                              dir.filePath(QStringLiteral("config"))));
    chain.append(std::make_shared<CannedProvider>(QStringLiteral("EC2 instance metadata"), std::nullopt));
    QObject context;
    const auto r = resolveWith(chain, &context);
    QCOMPARE(r->answers, 1);
    QVERIFY(!r->result->ok());
    QCOMPARE(r->result->error().kind(), S3Error::Kind::Auth);
    const QString message = r->result->error().message();
    QVERIFY2(message.startsWith(QStringLiteral("no credentials: environment: AWS_ACCESS_KEY_ID not set; profile 'default': not found in ")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("; EC2 instance metadata: nothing here")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("use --profile")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("AWS_SECRET_ACCESS_KEY")), qPrintable(message));
    QVERIFY(chain.name().contains(QStringLiteral("environment")));
}

void TestCredentials::chainAsyncProvider()
{
    auto asyncFailing = std::make_shared<CannedProvider>(QStringLiteral("async-fail"), std::nullopt, true);
    auto asyncWorking = std::make_shared<CannedProvider>(QStringLiteral("async-ok"), makeCredentials(QStringLiteral("ka"), QStringLiteral("sa")), true);
    CredentialsProviderChain chain;
    chain.append(asyncFailing);
    chain.append(asyncWorking);
    QObject context;
    const auto r = resolveWith(chain, &context);
    QCOMPARE(r->answers, 0); // not yet
    QTRY_COMPARE_WITH_TIMEOUT(r->answers, 1, 2000);
    QVERIFY(r->result->ok());
    QCOMPARE(r->result->value().accessKeyId, QStringLiteral("ka"));
    QTest::qWait(20);
    QCOMPARE(r->answers, 1); // exactly once
}

void TestCredentials::chainContextDestroyedNeverCalls()
{
    auto asyncWorking = std::make_shared<CannedProvider>(QStringLiteral("async-ok"), makeCredentials(QStringLiteral("ka"), QStringLiteral("sa")), true);
    CredentialsProviderChain chain;
    chain.append(asyncWorking);
    auto *context = new QObject;
    const auto r = resolveWith(chain, context);
    delete context;
    QTest::qWait(50);
    QCOMPARE(r->answers, 0);
    QCOMPARE(asyncWorking->calls, 1);
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
