// SPDX-License-Identifier: Apache-2.0
// credential_process: the command splitter and the JSON answer (pure, data-driven), and CredentialProcessProvider
// running scripts written by the test, with the refresh margins of RefreshingCredentialsProvider on a pinned clock.

#include <memory>
#include <optional>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "livetest.h"
#include "s3core/auth/credentialprocess.h"
#include "s3core/auth/credentialprocessprovider.h"

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

QString errorText(const std::optional<Result<Credentials>> &result)
{
    if (!result)
        return u"<no answer>"_s;
    return result->ok() ? QString() : result->error().message();
}

} // namespace

class TestCredentialProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void split_data();
    void split();
    void splitErrors_data();
    void splitErrors();
    void parse_data();
    void parse();
    void expiration_data();
    void expiration();

    void goodProgramWithoutExpiry();
    void argumentsWithoutShell();
    void nonZeroExitShowsStderr();
    void malformedAnswer();
    void wrongVersion();
    void hangingProgramIsStopped();
    void missingProgram();
    void oversizedOutput();
    void expiringCredentialsRefresh();
    void advisoryFailureKeepsOldKeys();
    void mandatoryFailureFails();
    void concurrentResolvesShareOneRun();
    void shortLifetimeScalesMargins();
    void providerDestroyedWhileRunning();

private:
    QString writeScript(const QString &name, const QString &body);
    int runs() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QDateTime m_now;
    Clock m_clock;
};

void TestCredentialProcess::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_now = QDateTime(QDate(2030, 1, 1), QTime(12, 0), Qt::UTC);
    m_clock = [this] { return m_now; };
}

QString TestCredentialProcess::writeScript(const QString &name, const QString &body)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("#!/bin/sh\n");
    // Every run is counted, so tests can tell how often the program ran.
    file.write(u"echo x >> '%1'\n"_s.arg(m_dir->filePath(u"runs"_s)).toUtf8());
    file.write(body.toUtf8());
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

int TestCredentialProcess::runs() const
{
    QFile file(m_dir->filePath(u"runs"_s));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return int(file.readAll().count('\n'));
}

void TestCredentialProcess::split_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("plain") << u"/bin/helper --profile dev"_s << QStringList{u"/bin/helper"_s, u"--profile"_s, u"dev"_s};
    QTest::newRow("runs of blanks") << u"  a \t b  "_s << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("single quotes literal") << u"a 'b c \\\" $x'"_s << QStringList{u"a"_s, u"b c \\\" $x"_s};
    QTest::newRow("double quotes") << u"a \"b c\""_s << QStringList{u"a"_s, u"b c"_s};
    QTest::newRow("escapes in double quotes") << u"a \"x\\\"y\\\\z\\n\""_s << QStringList{u"a"_s, u"x\"y\\z\\n"_s};
    QTest::newRow("backslash outside quotes") << u"a b\\ c"_s << QStringList{u"a"_s, u"b c"_s};
    QTest::newRow("adjacent parts join") << u"a'b'\"c\"d"_s << QStringList{u"abcd"_s};
    QTest::newRow("empty quoted word") << u"a ''"_s << QStringList{u"a"_s, QString()};
    QTest::newRow("no shell: pipe is a word") << u"a | b"_s << QStringList{u"a"_s, u"|"_s, u"b"_s};
    QTest::newRow("hash is not a comment") << u"a #b"_s << QStringList{u"a"_s, u"#b"_s};
}

void TestCredentialProcess::split()
{
    QFETCH(QString, command);
    QFETCH(QStringList, words);
    const Result<QStringList> result = credentialprocess::splitCommandLine(command);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
    QCOMPARE(*result, words);
}

void TestCredentialProcess::splitErrors_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QString() << u"empty"_s;
    QTest::newRow("blank") << u"   "_s << u"empty"_s;
    QTest::newRow("unclosed single") << u"a 'b"_s << u"unclosed single quote"_s;
    QTest::newRow("unclosed double") << u"a \"b"_s << u"unclosed double quote"_s;
    QTest::newRow("lone backslash") << u"a \\"_s << u"lone backslash"_s;
}

void TestCredentialProcess::splitErrors()
{
    QFETCH(QString, command);
    QFETCH(QString, message);
    const Result<QStringList> result = credentialprocess::splitCommandLine(command);
    QVERIFY(!result);
    QVERIFY2(result.error().message().contains(message), qPrintable(result.error().message()));
}

void TestCredentialProcess::parse_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("keyId");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QDateTime>("expiry");
    QTest::newRow("long-term") << QByteArray(R"({"Version": 1, "AccessKeyId": "AK", "SecretAccessKey": "SK"})") << QString()
                               << u"AK"_s << QString() << QDateTime();
    QTest::newRow("temporary") << QByteArray(R"({"Version":1,"AccessKeyId":"AK2","SecretAccessKey":"S","SessionToken":"T",)"
                                             R"("Expiration":"2030-01-01T13:00:00Z"})")
                               << QString() << u"AK2"_s << u"T"_s << QDateTime(QDate(2030, 1, 1), QTime(13, 0), Qt::UTC);
    QTest::newRow("offset expiration") << QByteArray(R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"2030-01-01T14:00:00+01:00"})")
                                       << QString() << u"A"_s << QString() << QDateTime(QDate(2030, 1, 1), QTime(13, 0), Qt::UTC);
    QTest::newRow("null expiration") << QByteArray(R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":null})")
                                     << QString() << u"A"_s << QString() << QDateTime();
    QTest::newRow("not json") << QByteArray("AccessKeyId=AK") << u"not valid JSON"_s << QString() << QString() << QDateTime();
    QTest::newRow("empty") << QByteArray("\n") << u"wrote nothing"_s << QString() << QString() << QDateTime();
    QTest::newRow("array") << QByteArray("[1]") << u"not a JSON object"_s << QString() << QString() << QDateTime();
    QTest::newRow("no version") << QByteArray(R"({"AccessKeyId":"A","SecretAccessKey":"S"})") << u"no \"Version\""_s
                                << QString() << QString() << QDateTime();
    QTest::newRow("version 2") << QByteArray(R"({"Version":2,"AccessKeyId":"A","SecretAccessKey":"S"})")
                               << u"unsupported \"Version\""_s << QString() << QString() << QDateTime();
    QTest::newRow("version string") << QByteArray(R"({"Version":"1","AccessKeyId":"A","SecretAccessKey":"S"})")
                                    << u"unsupported \"Version\""_s << QString() << QString() << QDateTime();
    QTest::newRow("no key id") << QByteArray(R"({"Version":1,"SecretAccessKey":"S"})") << u"no \"AccessKeyId\""_s
                               << QString() << QString() << QDateTime();
    QTest::newRow("no secret") << QByteArray(R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":5})")
                               << u"no \"SecretAccessKey\""_s << QString() << QString() << QDateTime();
    QTest::newRow("bad expiration") << QByteArray(R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"soon"})")
                                    << u"\"Expiration\" is not an ISO 8601 time"_s << QString() << QString() << QDateTime();
    QTest::newRow("too large") << QByteArray(credentialprocess::MaxOutputBytes + 1, ' ') << u"more than"_s << QString()
                               << QString() << QDateTime();
}

void TestCredentialProcess::parse()
{
    QFETCH(QByteArray, output);
    QFETCH(QString, error);
    QFETCH(QString, keyId);
    QFETCH(QString, token);
    QFETCH(QDateTime, expiry);
    const Result<Credentials> result = credentialprocess::parseOutput(output);
    if (!error.isEmpty()) {
        QVERIFY(!result);
        QCOMPARE(result.error().kind(), S3Error::Kind::Auth);
        QVERIFY2(result.error().message().contains(error), qPrintable(result.error().message()));
        QVERIFY(!result.error().message().contains(u"SecretAccessKey\":\"S"_s));
        return;
    }
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
    QCOMPARE(result->accessKeyId, keyId);
    QCOMPARE(result->sessionToken, token);
    QCOMPARE(result->expiry, expiry);
}

void TestCredentialProcess::expiration_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime t(QDate(2026, 12, 3), QTime(23, 9, 15), Qt::UTC);
    QTest::newRow("Z") << u"2026-12-03T23:09:15Z"_s << t;
    QTest::newRow("botocore cache form") << u"2026-12-03T23:09:15UTC"_s << t;
    QTest::newRow("nanoseconds (Ceph STS)") << u"2026-12-03T23:09:15.893767378Z"_s << t.addMSecs(893);
    QTest::newRow("offset") << u"2026-12-04T00:09:15+01:00"_s << t;
    QTest::newRow("no zone means UTC") << u"2026-12-03T23:09:15"_s << t;
    QTest::newRow("garbage") << u"tomorrow"_s << QDateTime();
    QTest::newRow("too long") << QString(100, u'1') << QDateTime();
    QTest::newRow("year 187") << u"0187-12-03T23:09:15Z"_s << QDateTime();
    QTest::newRow("offset pushes past 9999") << u"9999-12-31T23:30:00-01:00"_s << QDateTime();
}

void TestCredentialProcess::expiration()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    QCOMPARE(parseExpiration(text), expected);
}

void TestCredentialProcess::goodProgramWithoutExpiry()
{
    const QString script = writeScript(u"good"_s, uR"(echo '{"Version": 1, "AccessKeyId": "AKGOOD", "SecretAccessKey": "sk"}')"_s);
    CredentialProcessProvider provider(u"dev"_s, script, m_clock);
    Answer answer;
    provider.resolve(this, recordInto(answer));
    QVERIFY(waitUntil([&] { return answer.count > 0; }, 10000));
    QVERIFY2(answer.result->ok(), qPrintable(errorText(answer.result)));
    QCOMPARE(answer.result->value().accessKeyId, u"AKGOOD"_s);
    QCOMPARE(answer.result->value().source, u"credential_process of profile 'dev'"_s);
    // No expiry: kept, the program does not run again, even much later.
    m_now = m_now.addDays(30);
    Answer again;
    provider.resolve(this, recordInto(again));
    QCOMPARE(again.count, 1); // synchronous from the cache
    QCOMPARE(again.result->value().accessKeyId, u"AKGOOD"_s);
    QCOMPARE(runs(), 1);
}

void TestCredentialProcess::argumentsWithoutShell()
{
    // The arguments arrive as split, with the quoted blank and a '$' untouched (no shell expands it).
    const QString script = writeScript(u"args"_s, uR"(printf '{"Version":1,"AccessKeyId":"%s|%s|%s","SecretAccessKey":"s"}' "$1" "$2" "$#")"_s);
    CredentialProcessProvider provider(u"dev"_s, u"'%1' \"a b\" '$HOME'"_s.arg(script), m_clock);
    Answer answer;
    provider.resolve(this, recordInto(answer));
    QVERIFY(waitUntil([&] { return answer.count > 0; }, 10000));
    QVERIFY2(answer.result->ok(), qPrintable(errorText(answer.result)));
    QCOMPARE(answer.result->value().accessKeyId, u"a b|$HOME|2"_s);
}

void TestCredentialProcess::nonZeroExitShowsStderr()
{
    const QString script = writeScript(u"fails"_s, u"echo '  token for dev has expired; run helper login  ' >&2\nexit 3\n"_s);
    CredentialProcessProvider provider(u"dev"_s, script, m_clock);
    Answer answer;
    provider.resolve(this, recordInto(answer));
    QVERIFY(waitUntil([&] { return answer.count > 0; }, 10000));
    QVERIFY(!answer.result->ok());
    const QString message = errorText(answer.result);
    QVERIFY2(message.startsWith(u"credential_process of profile 'dev': "_s), qPrintable(message));
    QVERIFY2(message.contains(u"exited with code 3: token for dev has expired; run helper login"_s), qPrintable(message));
    QVERIFY(!message.endsWith(u' '));
}

void TestCredentialProcess::malformedAnswer()
{
    const QString script = writeScript(u"malformed"_s, uR"(echo '{"Version": 1, "AccessKeyId": "AK", ')"_s);
    CredentialProcessProvider provider(u"dev"_s, script, m_clock);
    Answer answer;
    provider.resolve(this, recordInto(answer));
    QVERIFY(waitUntil([&] { return answer.count > 0; }, 10000));
    QVERIFY(!answer.result->ok());
    QVERIFY2(errorText(answer.result).contains(u"credential_process of profile 'dev': the program's output is not valid JSON"_s),
             qPrintable(errorText(answer.result)));
}

void TestCredentialProcess::wrongVersion()
{
    const QString script = writeScript(u"v2"_s, uR"(echo '{"Version": 2, "AccessKeyId": "AK", "SecretAccessKey": "s"}')"_s);
    CredentialProcessProvider provider(u"dev"_s, script, m_clock);
    Answer answer;
    provider.resolve(this, recordInto(answer));
    QVERIFY(waitUntil([&] { return answer.count > 0; }, 10000));
    QVERIFY2(errorText(answer.result).contains(u"unsupported \"Version\""_s), qPrintable(errorText(answer.result)));
}

void TestCredentialProcess::hangingProgramIsStopped()
{
    const QString script = writeScript(u"hangs"_s, u"echo 'waiting for the token service' >&2\nexec sleep 30\n"_s);
    CredentialProcessProvider provider(u"dev"_s, script, m_clock);
    provider.setTimeoutMs(500);
    QElapsedTimer timer;
    timer.start();
    Answer answer;
    provider.resolve(this, recordInto(answer));
    QVERIFY(waitUntil([&] { return answer.count > 0; }, 10000));
    QVERIFY(timer.elapsed() < 5000);
    QVERIFY2(errorText(answer.result).contains(u"did not answer within 0.5 s and was stopped"_s), qPrintable(errorText(answer.result)));
}

void TestCredentialProcess::missingProgram()
{
    CredentialProcessProvider provider(u"dev"_s, m_dir->filePath(u"no-such-helper"_s) + u" --x"_s, m_clock);
    Answer answer;
    provider.resolve(this, recordInto(answer));
    QVERIFY(waitUntil([&] { return answer.count > 0; }, 10000));
    QVERIFY2(errorText(answer.result).contains(u"cannot start \""_s), qPrintable(errorText(answer.result)));
    QVERIFY(errorText(answer.result).contains(u"no-such-helper"_s));
}

void TestCredentialProcess::oversizedOutput()
{
    const QString script = writeScript(u"big"_s, u"head -c 200000 /dev/zero | tr '\\0' ' '\n"_s);
    CredentialProcessProvider provider(u"dev"_s, script, m_clock);
    Answer answer;
    provider.resolve(this, recordInto(answer));
    QVERIFY(waitUntil([&] { return answer.count > 0; }, 10000));
    QVERIFY2(errorText(answer.result).contains(u"more than 65536 bytes"_s), qPrintable(errorText(answer.result)));
}

void TestCredentialProcess::expiringCredentialsRefresh()
{
    // Each run answers a new key id (AK<run>) expiring one hour after the pinned start.
    const QString script = writeScript(u"expiring"_s, u"n=$(wc -l < '%1' | tr -d ' ')\n"
                                                      "echo \"{\\\"Version\\\":1,\\\"AccessKeyId\\\":\\\"AK$n\\\",\\\"SecretAccessKey\\\":\\\"s\\\","
                                                      "\\\"SessionToken\\\":\\\"t\\\",\\\"Expiration\\\":\\\"$(cat '%2')\\\"}\"\n"_s
                                                          .arg(m_dir->filePath(u"runs"_s), m_dir->filePath(u"expiry"_s)));
    const auto setExpiry = [this](const QDateTime &t) {
        QFile f(m_dir->filePath(u"expiry"_s));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(t.toString(Qt::ISODate).toUtf8());
    };
    setExpiry(m_now.addSecs(3600));
    CredentialProcessProvider provider(u"dev"_s, script, m_clock);
    Answer first;
    provider.resolve(this, recordInto(first));
    QVERIFY(waitUntil([&] { return first.count > 0; }, 10000));
    QCOMPARE(first.result->value().accessKeyId, u"AK1"_s);

    // 20 minutes left: outside the advisory margin, the cache answers.
    m_now = m_now.addSecs(40 * 60);
    Answer cached;
    provider.resolve(this, recordInto(cached));
    QCOMPARE(cached.count, 1);
    QCOMPARE(runs(), 1);

    // 12 minutes left (advisory window): the old keys at once, a refresh in the background.
    setExpiry(m_now.addSecs(3600));
    m_now = m_now.addSecs(8 * 60);
    Answer advisory;
    provider.resolve(this, recordInto(advisory));
    QCOMPARE(advisory.count, 1);
    QCOMPARE(advisory.result->value().accessKeyId, u"AK1"_s);
    QVERIFY(waitUntil([&] { return provider.fetchCount() == 2; }, 10000));
    Answer refreshed;
    provider.resolve(this, recordInto(refreshed));
    QCOMPARE(refreshed.count, 1);
    QCOMPARE(refreshed.result->value().accessKeyId, u"AK2"_s);

    // Past the mandatory margin of the new keys: the caller waits for the new run.
    setExpiry(m_now.addSecs(7200));
    m_now = m_now.addSecs(55 * 60);
    Answer mandatory;
    provider.resolve(this, recordInto(mandatory));
    QCOMPARE(mandatory.count, 0);
    QVERIFY(waitUntil([&] { return mandatory.count > 0; }, 10000));
    QCOMPARE(mandatory.result->value().accessKeyId, u"AK3"_s);
    QCOMPARE(runs(), 3);
}

void TestCredentialProcess::advisoryFailureKeepsOldKeys()
{
    const QString flag = m_dir->filePath(u"fail"_s);
    const QString script = writeScript(u"flaky"_s, u"if [ -e '%1' ]; then echo 'service down' >&2; exit 1; fi\n"
                                                   "echo '{\"Version\":1,\"AccessKeyId\":\"AKOLD\",\"SecretAccessKey\":\"s\",\"Expiration\":\"2030-01-01T13:00:00Z\"}'\n"_s
                                                       .arg(flag));
    CredentialProcessProvider provider(u"dev"_s, script, m_clock);
    Answer first;
    provider.resolve(this, recordInto(first));
    QVERIFY(waitUntil([&] { return first.count > 0; }, 10000));
    QVERIFY2(first.result->ok(), qPrintable(errorText(first.result)));
    QFile(flag).open(QIODevice::WriteOnly);
    m_now = m_now.addSecs(48 * 60); // 12 minutes left
    Answer advisory;
    provider.resolve(this, recordInto(advisory));
    QCOMPARE(advisory.result->value().accessKeyId, u"AKOLD"_s);
    QVERIFY(waitUntil([&] { return runs() == 2; }, 10000));
    QTest::qWait(100); // the failed run's answer is handled
    Answer after;
    provider.resolve(this, recordInto(after));
    QCOMPARE(after.count, 1);
    QVERIFY(after.result->ok());
    QCOMPARE(after.result->value().accessKeyId, u"AKOLD"_s);
}

void TestCredentialProcess::mandatoryFailureFails()
{
    const QString flag = m_dir->filePath(u"fail"_s);
    const QString script = writeScript(u"flaky"_s, u"if [ -e '%1' ]; then echo 'service down' >&2; exit 1; fi\n"
                                                   "echo '{\"Version\":1,\"AccessKeyId\":\"AKOLD\",\"SecretAccessKey\":\"s\",\"Expiration\":\"2030-01-01T13:00:00Z\"}'\n"_s
                                                       .arg(flag));
    CredentialProcessProvider provider(u"dev"_s, script, m_clock);
    Answer first;
    provider.resolve(this, recordInto(first));
    QVERIFY(waitUntil([&] { return first.count > 0; }, 10000));
    QFile(flag).open(QIODevice::WriteOnly);
    m_now = m_now.addSecs(55 * 60); // 5 minutes left
    Answer mandatory;
    provider.resolve(this, recordInto(mandatory));
    QVERIFY(waitUntil([&] { return mandatory.count > 0; }, 10000));
    QVERIFY(!mandatory.result->ok());
    const QString message = errorText(mandatory.result);
    QVERIFY2(message.contains(u"exited with code 1: service down (the current credentials expire in 300 s)"_s), qPrintable(message));
}

void TestCredentialProcess::concurrentResolvesShareOneRun()
{
    const QString script = writeScript(u"slow"_s, u"sleep 0.3\necho '{\"Version\":1,\"AccessKeyId\":\"AK\",\"SecretAccessKey\":\"s\"}'\n"_s);
    CredentialProcessProvider provider(u"dev"_s, script, m_clock);
    Answer a, b, c;
    provider.resolve(this, recordInto(a));
    provider.resolve(this, recordInto(b));
    provider.resolve(this, recordInto(c));
    QVERIFY(waitUntil([&] { return a.count && b.count && c.count; }, 10000));
    QVERIFY(a.result->ok() && b.result->ok() && c.result->ok());
    QCOMPARE(runs(), 1);
}

void TestCredentialProcess::shortLifetimeScalesMargins()
{
    // A 15-minute session would sit inside botocore's 15-minute advisory margin from the start; scaled margins
    // (advisory at half the lifetime) keep it for 7.5 minutes instead of running the program for every request.
    const QString script = writeScript(u"short"_s, u"echo '{\"Version\":1,\"AccessKeyId\":\"AK\",\"SecretAccessKey\":\"s\",\"Expiration\":\"2030-01-01T12:15:00Z\"}'\n"_s);
    CredentialProcessProvider provider(u"dev"_s, script, m_clock);
    Answer first;
    provider.resolve(this, recordInto(first));
    QVERIFY(waitUntil([&] { return first.count > 0; }, 10000));
    for (int i = 0; i < 5; ++i) {
        m_now = m_now.addSecs(60);
        Answer again;
        provider.resolve(this, recordInto(again));
        QCOMPARE(again.count, 1);
    }
    QTest::qWait(50);
    QCOMPARE(runs(), 1);
    m_now = m_now.addSecs(3 * 60); // 7 minutes left: advisory window of a 15-minute session
    Answer advisory;
    provider.resolve(this, recordInto(advisory));
    QCOMPARE(advisory.count, 1);
    QVERIFY(waitUntil([&] { return runs() == 2; }, 10000));
}

void TestCredentialProcess::providerDestroyedWhileRunning()
{
    const QString script = writeScript(u"hangs"_s, u"exec sleep 30\n"_s);
    auto provider = std::make_unique<CredentialProcessProvider>(u"dev"_s, script, m_clock);
    Answer answer;
    provider->resolve(this, recordInto(answer));
    QTest::qWait(100);
    QElapsedTimer timer;
    timer.start();
    provider.reset();
    QVERIFY(timer.elapsed() < 3000);
    QTest::qWait(50);
    QCOMPARE(answer.count, 0);
}

QTEST_GUILESS_MAIN(TestCredentialProcess)
#include "tst_credentialprocess.moc"
