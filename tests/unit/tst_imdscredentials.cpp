// SPDX-License-Identifier: Apache-2.0
// ImdsCredentialsProvider (IMDSv2) against FakeImdsServer on loopback, with a pinned, advanceable clock.

#include <memory>
#include <optional>

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QTcpServer>
#include <QTest>

#include "fakeimdsserver.h"
#include "s3core/auth/credentialsprovider.h"

using namespace s3;

namespace {

struct Answer
{
    std::optional<Result<Credentials>> result;
    int count = 0;
};

template<typename T>
QString errorText(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message();
}

} // namespace

class TestImdsCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void fakeServerRequiresToken();
    void happyPath();
    void cachedSecondResolve();
    void refreshWithinMargin();
    void noRefreshAtHalfLife();
    void invalidateRefetches();
    void hangingServerTimesOut();
    void connectionRefused();
    void httpErrors_data();
    void httpErrors();
    void codeNotSuccess();
    void emptyRoleList();
    void concurrentResolvesShareOneFetch();
    void failureNotRetriedInTightLoop();
    void refreshFailureKeepsValidCached();
    void contextDestroyedNeverCalled();
    void providerDestroyedWhileFetching();
    void networkDestroyedWhileFetching();
    void secretsNotLogged();

private:
    std::shared_ptr<Answer> resolve(QObject *context = nullptr);
    std::unique_ptr<ImdsCredentialsProvider> makeProvider(const QString &endpoint = {});

    const QDateTime m_start = QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC);
    QDateTime m_now;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FakeImdsServer> m_server;
    std::unique_ptr<ImdsCredentialsProvider> m_provider;
    QObject m_context;
};

void TestImdsCredentials::init()
{
    m_now = m_start;
    m_network = std::make_unique<QNetworkAccessManager>();
    m_server = std::make_unique<FakeImdsServer>();
    QVERIFY(m_server->listen());
    m_server->setExpiration(m_start.addSecs(3600));
    m_provider = makeProvider();
}

void TestImdsCredentials::cleanup()
{
    m_provider.reset();
    m_server.reset();
    m_network.reset();
}

std::unique_ptr<ImdsCredentialsProvider> TestImdsCredentials::makeProvider(const QString &endpoint)
{
    auto provider = std::make_unique<ImdsCredentialsProvider>(m_network.get(), endpoint.isEmpty() ? m_server->endpoint() : endpoint,
                                                              [this] { return m_now; });
    provider->setTimeoutMs(300);
    provider->setRefreshMarginSeconds(300);
    return provider;
}

std::shared_ptr<Answer> TestImdsCredentials::resolve(QObject *context)
{
    auto answer = std::make_shared<Answer>();
    m_provider->resolve(context ? context : &m_context, [answer](const Result<Credentials> &r) {
        answer->result = r;
        ++answer->count;
    });
    return answer;
}

void TestImdsCredentials::fakeServerRequiresToken()
{
    // The fake behaves like IMDSv2-only: a v1-style GET without a token is refused.
    QNetworkRequest request(QUrl(m_server->endpoint() + QString::fromLatin1(FakeImdsServer::RoleListPath)));
    QNetworkReply *reply = m_network->get(request);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 2000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    reply->deleteLater();
}

void TestImdsCredentials::happyPath()
{
    QCOMPARE(m_provider->name(), QStringLiteral("EC2 instance metadata"));
    QVERIFY(m_provider->region().isEmpty());
    const auto answer = resolve();
    QCOMPARE(answer->count, 0); // asynchronous
    QTRY_COMPARE_WITH_TIMEOUT(answer->count, 1, 3000);
    QVERIFY2(answer->result->ok(), qPrintable(errorText(*answer->result)));
    const Credentials c = answer->result->value();
    QCOMPARE(c.accessKeyId, QStringLiteral("ASIAFAKEIMDSKEY"));
    QCOMPARE(c.secretAccessKey, QStringLiteral("imds-secret-value"));
    QCOMPARE(c.sessionToken, QStringLiteral("imds-session-token-value"));
    QCOMPARE(c.expiry, m_start.addSecs(3600));
    QCOMPARE(c.expiry.timeSpec(), Qt::UTC);
    QVERIFY(c.source.contains(QStringLiteral("test-role")));

    const QList<FakeImdsServer::Request> requests = m_server->requests();
    QVERIFY(requests.size() >= 3);
    QCOMPARE(requests.first().method, QByteArray("PUT"));
    QCOMPARE(requests.first().path, FakeImdsServer::TokenPath);
    QCOMPARE(requests.first().headers.value("x-aws-ec2-metadata-token-ttl-seconds"), QByteArray("21600"));
    QCOMPARE(m_server->issuedTokens().size(), 1);
    for (const auto &request : requests.mid(1)) {
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.headers.value("x-aws-ec2-metadata-token"), m_server->issuedTokens().first());
    }
    QCOMPARE(m_server->requestCount(FakeImdsServer::TokenPath), 1);
    QCOMPARE(m_server->requestCount(FakeImdsServer::RoleListPath), 1);
    QCOMPARE(m_server->requestCount(m_server->rolePath()), 1);

    // The region comes from the identity document, fetched alongside.
    QTRY_COMPARE_WITH_TIMEOUT(m_provider->region(), QStringLiteral("us-east-99"), 3000);
    QCOMPARE(m_server->requestCount(FakeImdsServer::IdentityPath), 1);
    QCOMPARE(answer->count, 1);
}

void TestImdsCredentials::cachedSecondResolve()
{
    const auto first = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(first->count, 1, 3000);
    QVERIFY(first->result->ok());
    QTRY_VERIFY_WITH_TIMEOUT(!m_provider->region().isEmpty(), 3000);
    const int requests = m_server->totalRequests();

    m_now = m_start.addSecs(60);
    const auto second = resolve();
    QCOMPARE(second->count, 1); // answered from the cache, at once
    QVERIFY(second->result->ok());
    QCOMPARE(second->result->value().accessKeyId, first->result->value().accessKeyId);
    QTest::qWait(30);
    QCOMPARE(m_server->totalRequests(), requests);
}

void TestImdsCredentials::refreshWithinMargin()
{
    const auto first = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(first->count, 1, 3000);
    QVERIFY(first->result->ok());

    // 200 s before expiry is inside the 300 s margin: fetch anew, and get the rotated keys.
    m_server->setCredentials(QStringLiteral("ASIAROTATED"), QStringLiteral("rotated-secret"), QStringLiteral("rotated-token"));
    m_server->setExpiration(m_start.addSecs(7200));
    m_now = m_start.addSecs(3600 - 200);
    const auto second = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(second->count, 1, 3000);
    QVERIFY2(second->result->ok(), qPrintable(errorText(*second->result)));
    QCOMPARE(second->result->value().accessKeyId, QStringLiteral("ASIAROTATED"));
    QCOMPARE(second->result->value().expiry, m_start.addSecs(7200));
    QCOMPARE(m_server->requestCount(FakeImdsServer::TokenPath), 2);
    QCOMPARE(m_server->requestCount(m_server->rolePath()), 2);

    const auto third = resolve();
    QCOMPARE(third->count, 1); // the new keys are cached again
    QCOMPARE(m_server->requestCount(FakeImdsServer::TokenPath), 2);
}

void TestImdsCredentials::noRefreshAtHalfLife()
{
    const auto first = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(first->count, 1, 3000);
    m_now = m_start.addSecs(1800); // half life: the reference client would refetch here, we do not
    const auto second = resolve();
    QCOMPARE(second->count, 1);
    QVERIFY(second->result->ok());
    m_now = m_start.addSecs(3600 - 301); // just outside the margin
    const auto third = resolve();
    QCOMPARE(third->count, 1);
    QCOMPARE(m_server->requestCount(FakeImdsServer::TokenPath), 1);
}

void TestImdsCredentials::invalidateRefetches()
{
    const auto first = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(first->count, 1, 3000);
    m_provider->invalidate();
    const auto second = resolve();
    QCOMPARE(second->count, 0);
    QTRY_COMPARE_WITH_TIMEOUT(second->count, 1, 3000);
    QVERIFY(second->result->ok());
    QCOMPARE(m_server->requestCount(FakeImdsServer::TokenPath), 2);
}

void TestImdsCredentials::hangingServerTimesOut()
{
    m_server->setHangAll(true);
    QElapsedTimer timer;
    timer.start();
    const auto answer = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(answer->count, 1, 3000);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed >= 250 && elapsed < 2000, qPrintable(QString::number(elapsed)));
    QVERIFY(!answer->result->ok());
    QCOMPARE(answer->result->error().kind(), S3Error::Kind::Auth);
    const QString message = answer->result->error().message();
    QVERIFY2(message.startsWith(QStringLiteral("EC2 instance metadata: token request timed out")), qPrintable(message));
    QCOMPARE(m_server->requestCount(FakeImdsServer::TokenPath), 1);
}

void TestImdsCredentials::connectionRefused()
{
    // A port nobody listens on (taken and released at once).
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    m_provider = makeProvider(QStringLiteral("http://127.0.0.1:%1").arg(port));
    const auto answer = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(answer->count, 1, 3000);
    QVERIFY(!answer->result->ok());
    QCOMPARE(answer->result->error().kind(), S3Error::Kind::Auth);
    QVERIFY2(answer->result->error().message().contains(QStringLiteral("token request")), qPrintable(errorText(*answer->result)));
}

void TestImdsCredentials::httpErrors_data()
{
    QTest::addColumn<QByteArray>("path"); // empty: the role's credentials path
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("step");

    QTest::newRow("token 403") << FakeImdsServer::TokenPath << 403 << QStringLiteral("token request failed with HTTP 403");
    QTest::newRow("token 500") << FakeImdsServer::TokenPath << 500 << QStringLiteral("token request failed with HTTP 500");
    QTest::newRow("role 404") << FakeImdsServer::RoleListPath << 404 << QStringLiteral("IAM role lookup failed with HTTP 404");
    QTest::newRow("credentials 404") << QByteArray() << 404
                                     << QStringLiteral("credentials request for role 'test-role' failed with HTTP 404");
    QTest::newRow("credentials 500") << QByteArray() << 500
                                     << QStringLiteral("credentials request for role 'test-role' failed with HTTP 500");
}

void TestImdsCredentials::httpErrors()
{
    QFETCH(QByteArray, path);
    QFETCH(int, status);
    QFETCH(QString, step);
    m_server->setStatus(path.isEmpty() ? m_server->rolePath() : path, status);
    const auto answer = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(answer->count, 1, 3000);
    QVERIFY(!answer->result->ok());
    QCOMPARE(answer->result->error().kind(), S3Error::Kind::Auth);
    QCOMPARE(answer->result->error().message(), QStringLiteral("EC2 instance metadata: ") + step);
}

void TestImdsCredentials::codeNotSuccess()
{
    m_server->setCode(QStringLiteral("AssumeRoleUnauthorizedAccess"));
    const auto answer = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(answer->count, 1, 3000);
    QVERIFY(!answer->result->ok());
    const QString message = answer->result->error().message();
    QVERIFY2(message.contains(QStringLiteral("AssumeRoleUnauthorizedAccess")), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("imds-secret-value")), qPrintable(message));
}

void TestImdsCredentials::emptyRoleList()
{
    m_server->setRole(QString());
    const auto answer = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(answer->count, 1, 3000);
    QVERIFY(!answer->result->ok());
    QVERIFY2(answer->result->error().message().contains(QStringLiteral("no IAM role")), qPrintable(errorText(*answer->result)));
}

void TestImdsCredentials::concurrentResolvesShareOneFetch()
{
    QObject a;
    QObject b;
    const auto first = resolve(&a);
    const auto second = resolve(&b);
    const auto third = resolve();
    QTRY_VERIFY_WITH_TIMEOUT(first->count == 1 && second->count == 1 && third->count == 1, 3000);
    for (const auto &answer : {first, second, third}) {
        QVERIFY(answer->result->ok());
        QCOMPARE(answer->result->value().accessKeyId, QStringLiteral("ASIAFAKEIMDSKEY"));
    }
    QCOMPARE(m_server->requestCount(FakeImdsServer::TokenPath), 1);
    QCOMPARE(m_server->requestCount(m_server->rolePath()), 1);
    QTest::qWait(30);
    QCOMPARE(first->count, 1);
    QCOMPARE(second->count, 1);
    QCOMPARE(third->count, 1);
}

void TestImdsCredentials::failureNotRetriedInTightLoop()
{
    m_server->setStatus(FakeImdsServer::TokenPath, 500);
    const auto first = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(first->count, 1, 3000);
    QVERIFY(!first->result->ok());

    // A caller looping on resolve() gets the remembered failure, without touching the network.
    for (int i = 0; i < 50; ++i) {
        m_now = m_now.addMSecs(100); // 5 s in total, inside the hold
        const auto again = resolve();
        QCOMPARE(again->count, 1);
        QVERIFY(!again->result->ok());
        QCOMPARE(again->result->error().message(), first->result->error().message());
    }
    QTest::qWait(30);
    QCOMPARE(m_server->requestCount(FakeImdsServer::TokenPath), 1);

    // After the hold a resolve() asks again, once.
    m_server->setStatus(FakeImdsServer::TokenPath, 0);
    m_now = m_now.addSecs(11);
    const auto later = resolve();
    QCOMPARE(later->count, 0);
    QTRY_COMPARE_WITH_TIMEOUT(later->count, 1, 3000);
    QVERIFY2(later->result->ok(), qPrintable(errorText(*later->result)));
    QCOMPARE(m_server->requestCount(FakeImdsServer::TokenPath), 2);
}

void TestImdsCredentials::refreshFailureKeepsValidCached()
{
    const auto first = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(first->count, 1, 3000);
    QVERIFY(first->result->ok());

    // Due for refresh, the service fails: the keys still work for 100 s, so they are returned.
    m_server->setStatus(m_server->rolePath(), 500);
    m_now = m_start.addSecs(3600 - 100);
    const auto duringOutage = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(duringOutage->count, 1, 3000);
    QVERIFY2(duringOutage->result->ok(), qPrintable(errorText(*duringOutage->result)));
    QCOMPARE(duringOutage->result->value().accessKeyId, QStringLiteral("ASIAFAKEIMDSKEY"));
    QCOMPARE(m_server->requestCount(m_server->rolePath()), 2);

    // Within the hold, no new attempt, still the cached keys.
    m_now = m_now.addSecs(5);
    const auto held = resolve();
    QCOMPARE(held->count, 1);
    QVERIFY(held->result->ok());
    QCOMPARE(m_server->requestCount(m_server->rolePath()), 2);

    // Expired and the refresh fails: an error, not stale keys.
    m_now = m_start.addSecs(3600 + 60);
    const auto expired = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(expired->count, 1, 3000);
    QVERIFY(!expired->result->ok());
    QVERIFY2(expired->result->error().message().contains(QStringLiteral("HTTP 500")), qPrintable(errorText(*expired->result)));
    QCOMPARE(m_server->requestCount(m_server->rolePath()), 3);
}

void TestImdsCredentials::contextDestroyedNeverCalled()
{
    auto *context = new QObject;
    const auto dropped = resolve(context);
    delete context;
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(m_server->rolePath()), 1, 3000);
    QTest::qWait(50);
    QCOMPARE(dropped->count, 0);

    // The fetch still filled the cache.
    const auto next = resolve();
    QCOMPARE(next->count, 1);
    QVERIFY(next->result->ok());
}

void TestImdsCredentials::providerDestroyedWhileFetching()
{
    m_server->setHangAll(true);
    const auto answer = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->totalRequests(), 1, 3000);
    m_provider.reset();
    QTest::qWait(400); // longer than the timeout: nothing may fire into the dead provider
    QCOMPARE(answer->count, 0);
}

void TestImdsCredentials::networkDestroyedWhileFetching()
{
    m_server->setHangAll(true);
    const auto answer = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->totalRequests(), 1, 3000);
    m_network.reset(); // takes its replies with it, without finished()
    QTRY_COMPARE_WITH_TIMEOUT(answer->count, 1, 3000);
    QVERIFY(!answer->result->ok());
    QCOMPARE(answer->result->error().kind(), S3Error::Kind::Auth);

    // Later calls fail fast instead of touching a dead manager.
    m_now = m_now.addSecs(60);
    const auto later = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(later->count, 1, 3000);
    QVERIFY(!later->result->ok());
    QVERIFY2(later->result->error().message().contains(QStringLiteral("no network access")), qPrintable(errorText(*later->result)));
}

void TestImdsCredentials::secretsNotLogged()
{
    // Turn the auth category all the way up and capture everything the provider says.
    static QStringList messages;
    messages.clear();
    QLoggingCategory::setFilterRules(QStringLiteral("s3desk.auth.debug=true"));
    const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &text) {
        messages << text;
    });
    const auto answer = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(answer->count, 1, 3000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_provider->region().isEmpty(), 3000);
    m_provider->invalidate();
    m_server->setStatus(m_server->rolePath(), 500);
    const auto failed = resolve();
    QTRY_COMPARE_WITH_TIMEOUT(failed->count, 1, 3000);
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());

    QVERIFY(!messages.isEmpty());
    const QString all = messages.join(QLatin1Char('\n'));
    QVERIFY2(!all.contains(QStringLiteral("imds-secret-value")), qPrintable(all));
    QVERIFY2(!all.contains(QStringLiteral("imds-session-token-value")), qPrintable(all));
    for (const QByteArray &token : m_server->issuedTokens())
        QVERIFY2(!all.contains(QString::fromLatin1(token)), qPrintable(all));
}

QTEST_GUILESS_MAIN(TestImdsCredentials)
#include "tst_imdscredentials.moc"
