// SPDX-License-Identifier: Apache-2.0
// s3desk-cli as a real process (QProcess), hermetic: argument/usage checks and faults served by the in-process
// FakeS3Server. The fake lives on this thread, so the child is awaited with a QSignalSpy (which runs the event
// loop and lets the fake answer), never with QProcess::waitForFinished().
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include "fakes3server.h"
#include "reliabilitycase.h"

namespace {

struct CliResult
{
    bool started = false;
    bool finished = false;
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;

    QString errText() const { return QString::fromUtf8(err); }
    QString outText() const { return QString::fromUtf8(out); }
    QStringList outLines() const { return outText().split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
    /** Non-empty lines of stderr. */
    QStringList errLines() const { return errText().split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
    QByteArray describe() const
    {
        return QStringLiteral("started=%1 finished=%2 exit=%3 status=%4 %5 ms\n--- stdout:\n%6--- stderr:\n%7")
            .arg(started)
            .arg(finished)
            .arg(exitCode)
            .arg(int(exitStatus))
            .arg(elapsedMs)
            .arg(outText().left(2000), errText().left(2000))
            .toLocal8Bit();
    }
};

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QString m_cli;
    QTemporaryDir m_home;
    QProcessEnvironment m_env;

    /** Runs s3desk-cli and serves the event loop (and so the fake server) until it ends or timeoutMs passes. */
    CliResult run(const QStringList &arguments, int timeoutMs = 20000, const QByteArray &input = {})
    {
        CliResult result;
        QProcess process;
        process.setProcessEnvironment(m_env);
        process.setWorkingDirectory(m_home.path());
        QSignalSpy finished(&process, &QProcess::finished);
        QElapsedTimer timer;
        timer.start();
        process.start(m_cli, arguments);
        result.started = process.waitForStarted(10000); // returns once exec() happened; nothing to serve yet
        if (!result.started) {
            result.err = process.errorString().toLocal8Bit();
            return result;
        }
        if (!input.isEmpty())
            process.write(input);
        process.closeWriteChannel();
        while (finished.isEmpty() && timer.elapsed() < timeoutMs)
            finished.wait(int(std::max<qint64>(1, timeoutMs - timer.elapsed())));
        result.elapsedMs = timer.elapsed();
        result.finished = !finished.isEmpty();
        if (!result.finished) {
            process.kill();
            QSignalSpy killed(&process, &QProcess::finished);
            if (process.state() != QProcess::NotRunning)
                killed.wait(5000);
        }
        result.exitCode = process.exitCode();
        result.exitStatus = process.exitStatus();
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    QStringList against(const FakeS3Server &server, const QStringList &arguments) const
    {
        return QStringList{QStringLiteral("--endpoint-url"), server.endpointUrl(), QStringLiteral("--path-style"),
                           QStringLiteral("--region"), QStringLiteral("us-east-1")}
            + arguments;
    }

    static void verifyUsageError(const CliResult &r)
    {
        QVERIFY2(r.finished, r.describe().constData());
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QVERIFY2(r.exitCode == 2, r.describe().constData());
        QVERIFY2(!r.err.isEmpty(), r.describe().constData());
        QVERIFY2(r.out.isEmpty(), r.describe().constData());
    }

    /** Exit 1, no crash, exactly one line on stderr. */
    static void verifyOneLineFailure(const CliResult &r)
    {
        QVERIFY2(r.finished, r.describe().constData());
        QVERIFY2(r.exitStatus == QProcess::NormalExit, r.describe().constData());
        QVERIFY2(r.exitCode == 1, r.describe().constData());
        QVERIFY2(r.errLines().size() == 1, r.describe().constData());
        QVERIFY2(r.errText().startsWith(QStringLiteral("s3desk-cli: ")), r.describe().constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_cli = qEnvironmentVariable("S3DESK_CLI");
        QVERIFY2(!m_cli.isEmpty(), "S3DESK_CLI is not set: run the test through ctest");
        QVERIFY2(QFileInfo(m_cli).isExecutable(), qPrintable(m_cli));
        QVERIFY(m_home.isValid());
        m_env = QProcessEnvironment::systemEnvironment();
        const QStringList names = m_env.keys();
        for (const QString &name : names) {
            if (name.startsWith(QLatin1String("AWS_")))
                m_env.remove(name);
        }
        m_env.insert(QStringLiteral("HOME"), m_home.path());
        m_env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
        m_env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDHERMETICTEST0001"));
        m_env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("hermetic-secret-never-printed-0123456789"));
        m_env.insert(QStringLiteral("AWS_REGION"), QStringLiteral("us-east-1"));
    }

    // --- arguments and usage (no server) ---------------------------------------------------------------------

    void noCommand()
    {
        const CliResult r = run({});
        verifyUsageError(r);
        QVERIFY2(r.errText().contains(QStringLiteral("usage: s3desk-cli")), r.describe().constData());
    }

    void onlyGlobalOptions()
    {
        const CliResult r = run({QStringLiteral("--endpoint-url"), QStringLiteral("http://127.0.0.1:9"), QStringLiteral("--path-style")});
        verifyUsageError(r);
        QVERIFY2(r.errText().contains(QStringLiteral("usage: s3desk-cli")), r.describe().constData());
    }

    void unknownCommand()
    {
        const CliResult r = run({QStringLiteral("frobnicate"), QStringLiteral("s3://b/k")});
        verifyUsageError(r);
        QVERIFY2(r.errText().contains(QStringLiteral("frobnicate")), r.describe().constData());
    }

    void unknownOption_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("option");
        QTest::newRow("ls") << QStringList{QStringLiteral("ls"), QStringLiteral("--frob")} << QStringLiteral("--frob");
        QTest::newRow("ls with bucket") << QStringList{QStringLiteral("ls"), QStringLiteral("s3://b/"), QStringLiteral("--bogus")}
                                        << QStringLiteral("--bogus");
        QTest::newRow("put") << QStringList{QStringLiteral("put"), QStringLiteral("f"), QStringLiteral("s3://b/k"), QStringLiteral("--colour")}
                             << QStringLiteral("--colour");
        QTest::newRow("stat") << QStringList{QStringLiteral("stat"), QStringLiteral("s3://b/k"), QStringLiteral("--yaml")}
                              << QStringLiteral("--yaml");
        QTest::newRow("rm") << QStringList{QStringLiteral("rm"), QStringLiteral("s3://b/k"), QStringLiteral("--force")}
                            << QStringLiteral("--force");
    }

    void unknownOption()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, option);
        const CliResult r = run(QStringList{QStringLiteral("--endpoint-url"), QStringLiteral("http://127.0.0.1:9")} + arguments);
        verifyUsageError(r);
        QVERIFY2(r.errText().contains(option), r.describe().constData());
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("ls http url") << QStringList{QStringLiteral("ls"), QStringLiteral("http://x")};
        QTest::newRow("ls s3:// alone") << QStringList{QStringLiteral("ls"), QStringLiteral("s3://")};
        QTest::newRow("get no bucket") << QStringList{QStringLiteral("get"), QStringLiteral("s3://"), QStringLiteral("x")};
        QTest::newRow("get bucket only") << QStringList{QStringLiteral("get"), QStringLiteral("s3://b"), QStringLiteral("x")};
        QTest::newRow("get one argument") << QStringList{QStringLiteral("get"), QStringLiteral("s3://b/k")};
        QTest::newRow("put too many") << QStringList{QStringLiteral("put"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("s3://b/k")};
        QTest::newRow("put to http") << QStringList{QStringLiteral("put"), QStringLiteral("a"), QStringLiteral("http://x/k")};
        QTest::newRow("put stdin to folder") << QStringList{QStringLiteral("put"), QStringLiteral("-"), QStringLiteral("s3://b/dir/")};
        QTest::newRow("put meta without =") << QStringList{QStringLiteral("put"), QStringLiteral("a"), QStringLiteral("s3://b/k"),
                                                           QStringLiteral("--meta"), QStringLiteral("novalue")};
        QTest::newRow("put meta without value") << QStringList{QStringLiteral("put"), QStringLiteral("a"), QStringLiteral("s3://b/k"),
                                                               QStringLiteral("--meta")};
        QTest::newRow("cp source without key") << QStringList{QStringLiteral("cp"), QStringLiteral("s3://a"), QStringLiteral("s3://b/k")};
        QTest::newRow("mv to local") << QStringList{QStringLiteral("mv"), QStringLiteral("s3://a/k"), QStringLiteral("/tmp/x")};
        QTest::newRow("stat bucket only") << QStringList{QStringLiteral("stat"), QStringLiteral("s3://b/")};
        QTest::newRow("rm bucket only") << QStringList{QStringLiteral("rm"), QStringLiteral("s3://b")};
        QTest::newRow("mb http") << QStringList{QStringLiteral("mb"), QStringLiteral("http://x")};
        QTest::newRow("rb nothing") << QStringList{QStringLiteral("rb")};
        QTest::newRow("presign bad expires") << QStringList{QStringLiteral("presign"), QStringLiteral("s3://b/k"),
                                                            QStringLiteral("--expires"), QStringLiteral("soon")};
        QTest::newRow("presign bad method") << QStringList{QStringLiteral("presign"), QStringLiteral("s3://b/k"),
                                                           QStringLiteral("--method"), QStringLiteral("POST")};
        QTest::newRow("missing global value") << QStringList{QStringLiteral("ls"), QStringLiteral("--profile")};
        QTest::newRow("zero timeout") << QStringList{QStringLiteral("--timeout"), QStringLiteral("0"), QStringLiteral("ls")};
        QTest::newRow("sync two folders") << QStringList{QStringLiteral("sync"), QStringLiteral("/tmp/a"), QStringLiteral("/tmp/b")};
        QTest::newRow("sync json without dry run") << QStringList{QStringLiteral("sync"), QStringLiteral("/tmp"), QStringLiteral("s3://b/p"),
                                                                  QStringLiteral("--json")};
        QTest::newRow("sync unclosed glob class") << QStringList{QStringLiteral("sync"), QStringLiteral("/tmp"), QStringLiteral("s3://b/p"),
                                                                 QStringLiteral("--exclude"), QStringLiteral("[ab")};
        QTest::newRow("sync include without glob") << QStringList{QStringLiteral("sync"), QStringLiteral("/tmp"), QStringLiteral("s3://b/p"),
                                                                  QStringLiteral("--include")};
        QTest::newRow("sync overlapping prefixes") << QStringList{QStringLiteral("sync"), QStringLiteral("s3://b/p"), QStringLiteral("s3://b/p/q")};
    }

    void badArguments()
    {
        QFETCH(QStringList, arguments);
        FakeS3Server server;
        QVERIFY(server.start());
        const CliResult r = run(against(server, arguments));
        verifyUsageError(r);
        QCOMPARE(server.count(QStringLiteral("*")), 0); // refused before anything was sent
    }

    void syncStreamsTheListing()
    {
        // 2,500 keys = 3 listing pages. The merge asks for the next page only when it has used the previous one,
        // and it stops while 256 downloads wait: the first downloads go out before the last page is asked for.
        FakeS3Server server;
        QVERIFY(server.start());
        for (int i = 0; i < 2500; ++i)
            server.putObject(QStringLiteral("hermetic"), QStringLiteral("many/k%1").arg(i, 5, 10, QLatin1Char('0')), QByteArray::number(i));
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("many"));
        const CliResult r = run(against(server, {QStringLiteral("sync"), QStringLiteral("s3://hermetic/many"), target, QStringLiteral("--no-fsync")}), 120000);
        QVERIFY2(r.finished && r.exitCode == 0, r.describe().constData());
        QCOMPARE(QDir(target).entryList(QDir::Files).size(), 2500);
        const QList<FakeS3Request> requests = server.requests();
        qsizetype firstGet = -1;
        qsizetype lastList = -1;
        int lists = 0;
        for (qsizetype i = 0; i < requests.size(); ++i) {
            if (requests.at(i).operation == QLatin1String("GetObject") && firstGet < 0)
                firstGet = i;
            if (requests.at(i).operation == QLatin1String("ListObjectsV2")) {
                lastList = i;
                ++lists;
            }
        }
        QCOMPARE(lists, 3);
        QVERIFY2(firstGet >= 0 && firstGet < lastList, qPrintable(QStringLiteral("first GET %1, last page %2").arg(firstGet).arg(lastList)));
        QCOMPARE(server.count(QStringLiteral("GetObject")), 2500);

        // Unchanged: a second run lists and hashes, downloads nothing.
        server.clearLog();
        const CliResult again = run(against(server, {QStringLiteral("sync"), QStringLiteral("s3://hermetic/many/"), target}), 120000);
        QVERIFY2(again.finished && again.exitCode == 0, again.describe().constData());
        QCOMPARE(server.count(QStringLiteral("GetObject")), 0);
        QCOMPARE(server.count(QStringLiteral("ListObjectsV2")), 3);
    }

    void help_data()
    {
        QTest::addColumn<QString>("option");
        QTest::newRow("--help") << QStringLiteral("--help");
        QTest::newRow("-h") << QStringLiteral("-h");
    }

    void help()
    {
        QFETCH(QString, option);
        const CliResult r = run({option});
        QVERIFY2(r.finished && r.exitStatus == QProcess::NormalExit, r.describe().constData());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.describe().constData());
        const QString text = r.outText();
        QVERIFY(text.startsWith(QStringLiteral("usage: s3desk-cli")));
        for (const char *command : {"ls ", "mb ", "rb ", "put ", "get ", "stat ", "cp ", "mv ", "rm ", "presign "})
            QVERIFY2(text.contains(QLatin1Char('\n') + QStringLiteral("  ") + QLatin1String(command)), command);
        for (const char *name : {"--endpoint-url", "--profile", "--region", "--path-style", "--virtual-host", "--ca-bundle",
                                   "--recursive", "--json", "--content-type", "--meta", "--expires", "--method", "--dry-run", "--exclude",
                                   "--include", "--delete", "--limit-rate", "--limit-upload", "--limit-download"})
            QVERIFY2(text.contains(QLatin1String(name)), name);
    }

    // --limit-rate / --limit-upload / --limit-download: a value that is not a rate, or a limit where it cannot
    // apply, is a usage error (exit 2) naming the option, before anything touches the network or a file.
    void limitRateRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString put = QStringLiteral("put");
        const QString file = QStringLiteral("no-such-file");
        const QString key = QStringLiteral("s3://b/k");
        QTest::newRow("not a number") << QStringList{put, file, key, QStringLiteral("--limit-rate"), QStringLiteral("fast")}
                                      << QStringLiteral("--limit-rate takes bytes per second");
        QTest::newRow("unknown suffix") << QStringList{put, file, key, QStringLiteral("--limit-rate=10X")} << QStringLiteral("not '10X'");
        QTest::newRow("negative download") << QStringList{QStringLiteral("get"), key, file, QStringLiteral("--limit-download"), QStringLiteral("-5")}
                                           << QStringLiteral("--limit-download takes");
        QTest::newRow("empty upload") << QStringList{put, file, key, QStringLiteral("--limit-upload=")} << QStringLiteral("--limit-upload takes");
        QTest::newRow("no value") << QStringList{put, file, key, QStringLiteral("--limit-rate")} << QStringLiteral("--limit-rate needs a value");
        QTest::newRow("with --qt-http") << QStringList{put, file, key, QStringLiteral("--limit-rate"), QStringLiteral("1M"), QStringLiteral("--qt-http")}
                                        << QStringLiteral("--qt-http");
        QTest::newRow("standard output") << QStringList{QStringLiteral("get"), key, QStringLiteral("-"), QStringLiteral("--limit-download"), QStringLiteral("1M")}
                                         << QStringLiteral("standard output");
        QTest::newRow("sync") << QStringList{QStringLiteral("sync"), m_home.path(), key, QStringLiteral("--limit-upload"), QStringLiteral("1X")}
                              << QStringLiteral("--limit-upload takes");
    }

    void limitRateRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CliResult r = run(QStringList{QStringLiteral("--endpoint-url"), QStringLiteral("http://127.0.0.1:9")} + arguments);
        verifyUsageError(r);
        QVERIFY2(r.errText().contains(message), r.describe().constData());
    }

    void version()
    {
        const CliResult r = run({QStringLiteral("--version")});
        QVERIFY2(r.finished && r.exitStatus == QProcess::NormalExit, r.describe().constData());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.outText(), QStringLiteral("s3desk-cli " S3DESK_VERSION_STRING "\n"));
        QVERIFY(r.err.isEmpty());
    }

    // --- against the fake server ----------------------------------------------------------------------------

    void presignClampsToTemporaryCredentials()
    {
        // Temporary credentials from the environment that expire in 20 minutes (AWS_CREDENTIAL_EXPIRATION, as
        // botocore reads it). Presigning sends nothing.
        FakeS3Server server;
        QVERIFY(server.start());
        const QProcessEnvironment saved = m_env;
        const auto restore = qScopeGuard([&] { m_env = saved; });
        const QDateTime expiry = QDateTime::currentDateTimeUtc().addSecs(1200);
        m_env.insert(QStringLiteral("AWS_SESSION_TOKEN"), QStringLiteral("hermetic-session-token-never-printed"));
        m_env.insert(QStringLiteral("AWS_CREDENTIAL_EXPIRATION"), expiry.toString(Qt::ISODate));

        // Default validity (1 hour): clamped, with a warning on stderr and the URL alone on stdout.
        CliResult r = run(against(server, {QStringLiteral("presign"), QStringLiteral("s3://b/k")}));
        QVERIFY2(r.finished && r.exitCode == 0, r.describe().constData());
        QCOMPARE(r.outLines().size(), 1);
        const qint64 signedFor = QUrlQuery(QUrl(r.outLines().first())).queryItemValue(QStringLiteral("X-Amz-Expires")).toLongLong();
        QVERIFY2(signedFor <= 1200 && signedFor > 1190, r.describe().constData());
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.errText().startsWith(QStringLiteral("s3desk-cli: warning: the link is valid for %1 seconds, not 3600")
                                            .arg(signedFor)),
                 r.describe().constData());
        QVERIFY2(r.errText().contains(expiry.toString(Qt::ISODate)), r.describe().constData());

        // Explicitly within the lifetime: as asked, silently.
        r = run(against(server, {QStringLiteral("presign"), QStringLiteral("s3://b/k"), QStringLiteral("--expires"), QStringLiteral("600")}));
        QVERIFY2(r.finished && r.exitCode == 0 && r.err.isEmpty(), r.describe().constData());
        QCOMPARE(QUrlQuery(QUrl(r.outLines().first())).queryItemValue(QStringLiteral("X-Amz-Expires")), QStringLiteral("600"));

        // Explicitly beyond it: refused with the reason, no URL.
        r = run(against(server, {QStringLiteral("presign"), QStringLiteral("s3://b/k"), QStringLiteral("--expires"), QStringLiteral("3600")}));
        verifyOneLineFailure(r);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.errText().contains(QStringLiteral("temporary credentials expire at %1").arg(expiry.toString(Qt::ISODate))),
                 r.describe().constData());
        QVERIFY2(r.errText().contains(QLatin1String("ask for at most")), r.describe().constData());
        QVERIFY(!r.errText().contains(QLatin1String("hermetic-session-token-never-printed")));
        QCOMPARE(server.count(QStringLiteral("*")), 0);

        // Already expired: refused, saying so.
        m_env.insert(QStringLiteral("AWS_CREDENTIAL_EXPIRATION"), QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODate));
        r = run(against(server, {QStringLiteral("presign"), QStringLiteral("s3://b/k")}));
        verifyOneLineFailure(r);
        QVERIFY2(r.errText().contains(QLatin1String("credentials expired at")), r.describe().constData());

        // An unreadable expiry is an error, not "never expires".
        m_env.insert(QStringLiteral("AWS_CREDENTIAL_EXPIRATION"), QStringLiteral("tomorrow"));
        r = run(against(server, {QStringLiteral("presign"), QStringLiteral("s3://b/k")}));
        verifyOneLineFailure(r);
        QVERIFY2(r.errText().contains(QLatin1String("AWS_CREDENTIAL_EXPIRATION")), r.describe().constData());
    }


    void listJsonAndText()
    {
        FakeS3Server server;
        QVERIFY(server.start());
        const QString bucket = QStringLiteral("hermetic");
        server.putObject(bucket, QStringLiteral("top.txt"), "top");
        server.putObject(bucket, QStringLiteral("dir/\u00fc a+b.txt"), "unicode");
        server.putObject(bucket, QStringLiteral("dir/sub/deep.bin"), "deep");

        CliResult r = run(against(server, {QStringLiteral("ls"), QStringLiteral("s3://hermetic/"), QStringLiteral("--json")}));
        QVERIFY2(r.finished && r.exitCode == 0, r.describe().constData());
        QStringList keys;
        QStringList prefixes;
        for (const QByteArray &line : r.out.split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError error{};
            const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
            if (object.contains(QStringLiteral("prefix"))) {
                QCOMPARE(object.keys(), QStringList{QStringLiteral("prefix")});
                prefixes.append(object.value(QStringLiteral("prefix")).toString());
            } else {
                QCOMPARE(object.keys(), (QStringList{QStringLiteral("etag"), QStringLiteral("key"), QStringLiteral("lastModified"),
                                                     QStringLiteral("size"), QStringLiteral("storageClass")}));
                keys.append(object.value(QStringLiteral("key")).toString());
                QCOMPARE(object.value(QStringLiteral("size")).toInteger(), 3);
            }
        }
        QCOMPARE(keys, QStringList{QStringLiteral("top.txt")});
        QCOMPARE(prefixes, QStringList{QStringLiteral("dir/")});

        r = run(against(server, {QStringLiteral("ls"), QStringLiteral("s3://hermetic/dir/"), QStringLiteral("--recursive"), QStringLiteral("--json")}));
        QVERIFY2(r.finished && r.exitCode == 0, r.describe().constData());
        QVERIFY2(r.outText().contains(QStringLiteral("\"key\":\"dir/\u00fc a+b.txt\"")), r.describe().constData());
        QVERIFY2(r.outText().contains(QStringLiteral("\"key\":\"dir/sub/deep.bin\"")), r.describe().constData());

        r = run(against(server, {QStringLiteral("ls"), QStringLiteral("s3://hermetic/dir/")}));
        QVERIFY2(r.finished && r.exitCode == 0, r.describe().constData());
        QVERIFY2(r.outText().contains(QRegularExpression(QStringLiteral("^\\s+PRE sub/$"), QRegularExpression::MultilineOption)),
                 r.describe().constData());
        QVERIFY2(r.outText().contains(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+7 \u00fc a\\+b\\.txt$"),
                                                         QRegularExpression::MultilineOption)),
                 r.describe().constData());
    }

    void putGetRoundTrip()
    {
        FakeS3Server server;
        QVERIFY(server.start());
        server.createBucket(QStringLiteral("hermetic"));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("page.html"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("<html></html>");
        out.close();

        CliResult r = run(against(server, {QStringLiteral("put"), file, QStringLiteral("s3://hermetic/site/"), QStringLiteral("--meta"),
                                           QStringLiteral("Owner=me"), QStringLiteral("--meta"), QStringLiteral("x=a=b")}));
        QVERIFY2(r.finished && r.exitCode == 0, r.describe().constData());
        const auto stored = server.object(QStringLiteral("hermetic"), QStringLiteral("site/page.html"));
        QVERIFY(stored);
        QCOMPARE(stored->data, QByteArray("<html></html>"));
        QCOMPARE(stored->contentType, QStringLiteral("text/html"));
        QCOMPARE(stored->metadata.value(QStringLiteral("owner")), QStringLiteral("me"));
        QCOMPARE(stored->metadata.value(QStringLiteral("x")), QStringLiteral("a=b"));
        // The secret is used for signing, never printed.
        QVERIFY(!r.outText().contains(m_env.value(QStringLiteral("AWS_SECRET_ACCESS_KEY"))));

        r = run(against(server, {QStringLiteral("get"), QStringLiteral("s3://hermetic/site/page.html"), QStringLiteral("-")}));
        QVERIFY2(r.finished && r.exitCode == 0, r.describe().constData());
        QCOMPARE(r.out, QByteArray("<html></html>"));
    }

    void malformedXml_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        const QStringList lsBucket{QStringLiteral("ls"), QStringLiteral("s3://hermetic/")};
        const QStringList lsJson{QStringLiteral("ls"), QStringLiteral("s3://hermetic/"), QStringLiteral("--json")};
        QTest::newRow("truncated listing") << lsBucket << QStringLiteral("ListObjectsV2") << 200
                                           << QByteArray("<?xml version=\"1.0\"?><ListBucketResult><Name>hermetic</Name><Contents><Key>a</Ke");
        QTest::newRow("not xml") << lsJson << QStringLiteral("ListObjectsV2") << 200 << QByteArray("this is { not xml at all");
        QTest::newRow("mismatched tags") << lsBucket << QStringLiteral("ListObjectsV2") << 200
                                         << QByteArray("<ListBucketResult><Contents><Key>a</Size></Contents></ListBucketResult>");
        QTest::newRow("wrong root") << lsBucket << QStringLiteral("ListObjectsV2") << 200 << QByteArray("<Html><Body>hello</Body></Html>");
        QTest::newRow("bucket list") << QStringList{QStringLiteral("ls")} << QStringLiteral("ListBuckets") << 200
                                     << QByteArray("<ListAllMyBucketsResult><Buckets><Bucket><Name>x<");
    }

    void malformedXml()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, operation);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        FakeS3Server server;
        QVERIFY(server.start());
        server.putObject(QStringLiteral("hermetic"), QStringLiteral("a"), "a");
        server.setOverride([operation, status, body](const FakeS3Request &request, FakeS3Response &response) {
            if (request.operation != operation)
                return false;
            response.status = status;
            response.setHeader("Content-Type", "application/xml");
            response.body = body;
            return true;
        });
        const CliResult r = run(against(server, arguments));
        verifyOneLineFailure(r);
        QVERIFY2(r.errText().contains(QStringLiteral("malformed XML"), Qt::CaseInsensitive), r.describe().constData());
        QVERIFY2(server.count(operation) >= 1, r.describe().constData());
    }

    void malformedErrorBody()
    {
        // An error status whose <Error> body is cut short: still one line, the HTTP status, no crash.
        FakeS3Server server;
        QVERIFY(server.start());
        server.setOverride([](const FakeS3Request &request, FakeS3Response &response) {
            if (request.operation != QLatin1String("GetObject"))
                return false;
            response.status = 403;
            response.setHeader("Content-Type", "application/xml");
            response.body = "<?xml version=\"1.0\"?><Error><Code>AccessDen";
            return true;
        });
        const CliResult r = run(against(server, {QStringLiteral("get"), QStringLiteral("s3://hermetic/k"), QStringLiteral("-")}));
        verifyOneLineFailure(r);
        QVERIFY2(r.errText().contains(QStringLiteral("403")), r.describe().constData());
        QVERIFY(r.out.isEmpty());
    }

    void errorIn200()
    {
        // CopyObject may answer 200 and then an <Error> body: that is a failure, not a success.
        FakeS3Server server;
        QVERIFY(server.start());
        server.putObject(QStringLiteral("hermetic"), QStringLiteral("src"), "data");
        FakeS3Fault fault;
        fault.operation = QStringLiteral("CopyObject");
        fault.errorIn200 = true;
        fault.code = QStringLiteral("AccessDenied");
        fault.times = -1;
        server.addFault(fault);
        const CliResult r = run(against(server, {QStringLiteral("cp"), QStringLiteral("s3://hermetic/src"), QStringLiteral("s3://hermetic/dst")}));
        verifyOneLineFailure(r);
        QVERIFY2(r.errText().contains(QStringLiteral("AccessDenied")), r.describe().constData());
        QVERIFY(!server.object(QStringLiteral("hermetic"), QStringLiteral("dst")));
    }

    void hangingServerTimesOut()
    {
        FakeS3Server server;
        QVERIFY(server.start());
        server.createBucket(QStringLiteral("hermetic"));
        FakeS3Fault hang;
        hang.operation = QStringLiteral("ListObjectsV2");
        hang.hang = true;
        hang.times = -1;
        server.addFault(hang);
        const CliResult r = run(against(server, {QStringLiteral("--timeout"), QStringLiteral("1"), QStringLiteral("ls"), QStringLiteral("s3://hermetic/")}),
                                30000);
        verifyOneLineFailure(r);
        QVERIFY2(r.errText().contains(QRegularExpression(QStringLiteral("time(d)?[ -]?out"), QRegularExpression::CaseInsensitiveOption)),
                 r.describe().constData());
        // Every attempt waits 1 s; with the retries and their backoff the whole run stays within a few seconds.
        QVERIFY2(r.elapsedMs < 12000, r.describe().constData());
        QVERIFY(server.count(QStringLiteral("ListObjectsV2")) >= 1);
        qInfo("timed out after %lld ms and %d attempts", r.elapsedMs, server.count(QStringLiteral("ListObjectsV2")));
    }

    void slowDownOnceThenSuccess()
    {
        FakeS3Server server;
        QVERIFY(server.start());
        server.putObject(QStringLiteral("hermetic"), QStringLiteral("k.bin"), "payload after a retry");
        FakeS3Fault slowDown;
        slowDown.operation = QStringLiteral("GetObject");
        slowDown.status = 503;
        slowDown.code = QStringLiteral("SlowDown");
        slowDown.times = 1;
        server.addFault(slowDown);
        const CliResult r = run(against(server, {QStringLiteral("get"), QStringLiteral("s3://hermetic/k.bin"), QStringLiteral("-")}));
        QVERIFY2(r.finished && r.exitStatus == QProcess::NormalExit && r.exitCode == 0, r.describe().constData());
        QCOMPARE(r.out, QByteArray("payload after a retry"));
        QCOMPARE(server.count(QStringLiteral("GetObject")), 2);
        QCOMPARE(server.pendingFaults(), 0);
    }

    void slowDownOnceThenSuccessForPut()
    {
        FakeS3Server server;
        QVERIFY(server.start());
        server.createBucket(QStringLiteral("hermetic"));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("data.json"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("{\"a\":1}");
        out.close();
        FakeS3Fault slowDown;
        slowDown.operation = QStringLiteral("PutObject");
        slowDown.status = 503;
        slowDown.code = QStringLiteral("SlowDown");
        server.addFault(slowDown);
        const CliResult r = run(against(server, {QStringLiteral("put"), file, QStringLiteral("s3://hermetic/data.json")}));
        QVERIFY2(r.finished && r.exitCode == 0, r.describe().constData());
        QCOMPARE(server.count(QStringLiteral("PutObject")), 2);
        const auto stored = server.object(QStringLiteral("hermetic"), QStringLiteral("data.json"));
        QVERIFY(stored);
        QCOMPARE(stored->data, QByteArray("{\"a\":1}")); // the retry sent the whole body again
    }

    void connectionRefused()
    {
        // A port that was free a moment ago and has nobody listening now.
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        const QString endpoint = QStringLiteral("http://127.0.0.1:%1").arg(port);
        const CliResult r = run({QStringLiteral("--endpoint-url"), endpoint, QStringLiteral("--path-style"), QStringLiteral("ls"),
                                 QStringLiteral("s3://hermetic/")});
        verifyOneLineFailure(r);
        QVERIFY2(r.errText().contains(QStringLiteral("127.0.0.1")), r.describe().constData());
        QVERIFY2(r.errText().contains(QString::number(port)), r.describe().constData());
        QVERIFY2(r.errText().contains(QStringLiteral("refused"), Qt::CaseInsensitive), r.describe().constData());
        QVERIFY2(r.elapsedMs < 15000, r.describe().constData());
    }

    void standardStreamsHaveNoSizeLimit()
    {
        // "get -" streams to stdout as the bytes arrive; "put -" cuts stdin into multipart parts as it arrives.
        const qint64 size = 70ll * 1024 * 1024;
        FakeS3Server server;
        QVERIFY(server.start());
        QByteArray big(size, Qt::Uninitialized);
        for (qint64 i = 0; i < size; ++i)
            big[i] = char('a' + (i * 7919) % 26);
        server.putObject(QStringLiteral("hermetic"), QStringLiteral("big.bin"), big);
        CliResult r = run(against(server, {QStringLiteral("get"), QStringLiteral("s3://hermetic/big.bin"), QStringLiteral("-")}), 60000);
        QVERIFY2(r.finished && r.exitCode == 0, r.describe().constData());
        QVERIFY(r.out == big);

        r = run(against(server, {QStringLiteral("put"), QStringLiteral("-"), QStringLiteral("s3://hermetic/piped.bin"),
                                 QStringLiteral("--part-size"), QStringLiteral("16M")}),
                60000, big);
        QVERIFY2(r.finished && r.exitCode == 0, r.describe().constData());
        QVERIFY(server.object(QStringLiteral("hermetic"), QStringLiteral("piped.bin")));
        QVERIFY(server.object(QStringLiteral("hermetic"), QStringLiteral("piped.bin"))->data == big);
        QCOMPARE(server.object(QStringLiteral("hermetic"), QStringLiteral("piped.bin"))->partsCount, 5);

        // A failure mid-stream is one clean line and exit 1, and leaves no multipart upload behind.
        FakeS3Fault denied;
        denied.operation = QStringLiteral("UploadPart");
        denied.status = 403;
        denied.code = QStringLiteral("AccessDenied");
        denied.times = -1;
        server.addFault(denied);
        r = run(against(server, {QStringLiteral("put"), QStringLiteral("-"), QStringLiteral("s3://hermetic/denied.bin"),
                                 QStringLiteral("--part-size"), QStringLiteral("16M")}),
                60000, big);
        verifyOneLineFailure(r);
        QVERIFY2(r.errText().contains(QStringLiteral("AccessDenied")), r.describe().constData());
        QVERIFY(server.multipartUploads(QStringLiteral("hermetic")).isEmpty());
    }

    // --- hostile answers and inputs ---------------------------------------------------------------------------

    void getRefusesBadHeadSize_data()
    {
        QTest::addColumn<QList<QByteArray>>("lengths");
        QTest::addColumn<QString>("cause");
        QTest::newRow("duplicated") << QList<QByteArray>{"5", "5"} << QStringLiteral("more than once");
        QTest::newRow("garbage") << QList<QByteArray>{"5x"} << QStringLiteral("only digits");
        QTest::newRow("6 TiB") << QList<QByteArray>{"6597069766656"} << QStringLiteral("largest S3 object");
    }

    void getRefusesBadHeadSize()
    {
        // The object is a multipart one (no MD5 to catch an empty file): the size alone must be trusted or refused.
        QFETCH(QList<QByteArray>, lengths);
        QFETCH(QString, cause);
        FakeS3Server server;
        QVERIFY(server.start());
        server.putObject(QStringLiteral("hermetic"), QStringLiteral("obj"), "hello");
        server.setOverride([lengths](const FakeS3Request &request, FakeS3Response &response) {
            if (request.operation != QLatin1String("HeadObject"))
                return false;
            response.status = 200;
            for (const QByteArray &length : lengths)
                response.headers.append({"Content-Length", length});
            response.setHeader("ETag", "\"0123456789abcdef0123456789abcdef-2\"");
            return true;
        });
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("obj"));
        const CliResult r = run(against(server, {QStringLiteral("get"), QStringLiteral("s3://hermetic/obj"), target}));
        QVERIFY2(r.finished && r.exitStatus == QProcess::NormalExit && r.exitCode == 1, r.describe().constData());
        QVERIFY2(r.errText().contains(QStringLiteral("Content-Length")) && r.errText().contains(cause), r.describe().constData());
        QVERIFY2(!QFileInfo::exists(target), r.describe().constData());
        QCOMPARE(server.count(QStringLiteral("GetObject")), 0);
        recordReliabilityCase({QStringLiteral("Server answers"),
                               QStringLiteral("s3desk-cli get: HEAD answers Content-Length %1 for a multipart object")
                                   .arg(QString::fromLatin1(lengths.join("\" and \""))),
                               QStringLiteral("exit status 1 with the cause named; no file, never an empty \"successful\" one"),
                               QStringLiteral("exit 1, stderr names Content-Length, no file created, no GET sent"), true,
                               QStringLiteral("fake")});
    }

    void lsTokenLoopEnds()
    {
        FakeS3Server server;
        QVERIFY(server.start());
        server.createBucket(QStringLiteral("hermetic"));
        server.setOverride([](const FakeS3Request &request, FakeS3Response &response) {
            if (request.operation != QLatin1String("ListObjectsV2"))
                return false;
            response.status = 200;
            response.body = "<ListBucketResult><Name>hermetic</Name><IsTruncated>true</IsTruncated>"
                            "<NextContinuationToken>same</NextContinuationToken><Contents><Key>k</Key><Size>1</Size>"
                            "</Contents></ListBucketResult>";
            return true;
        });
        const CliResult r = run(against(server, {QStringLiteral("ls"), QStringLiteral("s3://hermetic/")}));
        verifyOneLineFailure(r);
        QVERIFY2(r.errText().contains(QStringLiteral("a second time")), r.describe().constData());
        QCOMPARE(server.count(QStringLiteral("ListObjectsV2")), 2);
        recordReliabilityCase({QStringLiteral("Server answers"), QStringLiteral("s3desk-cli ls: every page says \"continue with token same\""),
                               QStringLiteral("exit status 1 with a message, not an endless listing"),
                               QStringLiteral("exit 1 after 2 requests: %1").arg(r.errText().trimmed()), true, QStringLiteral("fake")});
    }

    void putMetaWithLineBreakSendsNothing_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("header");
        QTest::newRow("meta value CRLF") << QStringList{QStringLiteral("--meta"), QStringLiteral("a=b\r\nX-Injected: y")}
                                         << QStringLiteral("x-amz-meta-a");
        QTest::newRow("meta value LF") << QStringList{QStringLiteral("--meta"), QStringLiteral("a=b\nX-Injected: y")}
                                       << QStringLiteral("x-amz-meta-a");
        QTest::newRow("meta value ESC") << QStringList{QStringLiteral("--meta"), QStringLiteral("a=\x1b[2J")} << QStringLiteral("x-amz-meta-a");
        QTest::newRow("content type CRLF") << QStringList{QStringLiteral("--content-type"), QStringLiteral("text/plain\r\nX-Injected: y")}
                                           << QStringLiteral("content-type");
        QTest::newRow("cache control LF") << QStringList{QStringLiteral("--cache-control"), QStringLiteral("no-cache\nX-Injected: y")}
                                          << QStringLiteral("cache-control");
    }

    void putMetaWithLineBreakSendsNothing()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, header);
        FakeS3Server server;
        QVERIFY(server.start());
        server.createBucket(QStringLiteral("hermetic"));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("f.txt"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("data");
        out.close();
        const CliResult r = run(against(server, QStringList{QStringLiteral("put"), file, QStringLiteral("s3://hermetic/f.txt")} + options));
        QVERIFY2(r.finished && r.exitStatus == QProcess::NormalExit && r.exitCode != 0, r.describe().constData());
        QVERIFY2(r.errText().contains(header), r.describe().constData());
        QCOMPARE(server.count(QStringLiteral("*")), 0);
        QVERIFY(!server.object(QStringLiteral("hermetic"), QStringLiteral("f.txt")));
        recordReliabilityCase({QStringLiteral("Server answers"),
                               QStringLiteral("s3desk-cli put with a control character in %1 (%2)").arg(header, QString::fromLatin1(QTest::currentDataTag())),
                               QStringLiteral("refused before anything is sent, exit status non-zero, the header named"),
                               QStringLiteral("exit %1, stderr names %2, the server received 0 requests").arg(r.exitCode).arg(header), true,
                               QStringLiteral("fake")});
    }

    void endpointSecretNeverPrinted_data()
    {
        QTest::addColumn<bool>("viaEnvironment");
        QTest::addColumn<QString>("userInfo");
        QTest::addColumn<bool>("works"); // credentials taken from the URL
        QTest::newRow("option") << false << QStringLiteral("AKIDFROMURL:SecretFromUrlValue") << true;
        QTest::newRow("AWS_ENDPOINT_URL") << true << QStringLiteral("AKIDFROMURL:SecretFromUrlValue") << true;
        QTest::newRow("option, secret with /") << false << QStringLiteral("AKIDFROMURL:Secret/FromUrlValue") << false;
        QTest::newRow("AWS_ENDPOINT_URL, secret with /") << true << QStringLiteral("AKIDFROMURL:Secret/FromUrlValue") << false;
        QTest::newRow("option, secret with ? and #") << false << QStringLiteral("AKIDFROMURL:Secret?From#UrlValue") << false;
    }

    void endpointSecretNeverPrinted()
    {
        QFETCH(bool, viaEnvironment);
        QFETCH(QString, userInfo);
        QFETCH(bool, works);
        FakeS3Server server;
        QVERIFY(server.start());
        server.createBucket(QStringLiteral("hermetic"));
        const QString url = QStringLiteral("http://%1@127.0.0.1:%2").arg(userInfo).arg(server.port());
        const QString secret = userInfo.section(QLatin1Char(':'), 1);
        const QProcessEnvironment saved = m_env;
        if (viaEnvironment)
            m_env.insert(QStringLiteral("AWS_ENDPOINT_URL"), url);
        const QStringList connection = viaEnvironment ? QStringList{} : QStringList{QStringLiteral("--endpoint-url"), url};
        // Twice: a listing, and a failing request (missing key), both with --debug.
        const CliResult listing = run(connection + QStringList{QStringLiteral("--path-style"), QStringLiteral("--debug"),
                                                               QStringLiteral("ls"), QStringLiteral("s3://hermetic/")});
        const CliResult failing = run(connection + QStringList{QStringLiteral("--path-style"), QStringLiteral("--debug"),
                                                               QStringLiteral("stat"), QStringLiteral("s3://hermetic/missing")});
        m_env = saved;
        for (const CliResult *r : {&listing, &failing}) {
            QVERIFY2(r->finished && r->exitStatus == QProcess::NormalExit, r->describe().constData());
            for (const QString &part : {secret, secret.section(QLatin1Char('/'), 0, 0).section(QLatin1Char('?'), 0, 0),
                                        secret.section(QLatin1Char('/'), 1), QStringLiteral("FromUrlValue")}) {
                if (part.size() >= 6) {
                    QVERIFY2(!r->errText().contains(part), r->describe().constData());
                    QVERIFY2(!r->outText().contains(part), r->describe().constData());
                }
            }
        }
        if (works) {
            QVERIFY2(listing.exitCode == 0, listing.describe().constData());
            QVERIFY2(failing.exitCode == 1, failing.describe().constData());
        } else {
            QVERIFY2(listing.exitCode != 0 && listing.errText().contains(QStringLiteral("***@127.0.0.1")), listing.describe().constData());
            QCOMPARE(server.count(QStringLiteral("*")), 0);
        }
        recordReliabilityCase({QStringLiteral("Secrets, files and terminal"),
                               QStringLiteral("a secret in the endpoint URL (%1)").arg(QString::fromLatin1(QTest::currentDataTag())),
                               QStringLiteral("the secret never appears in messages or --debug output"),
                               works ? QStringLiteral("ls and a failing stat with --debug: stdout and stderr checked, no secret")
                                     : QStringLiteral("refused with the URL shown as http://***@host; stdout, stderr and --debug checked, "
                                                      "no secret, nothing sent"),
                               true, QStringLiteral("fake")});
    }

    void sseKmsObjectDownloadsAndSyncsOnce()
    {
        // AWS answers for an SSE-KMS object: an ETag of MD5 form that is not the MD5, and the encryption header on
        // HEAD and GET (listings carry neither header nor MD5).
        FakeS3Server server;
        QVERIFY(server.start());
        server.createBucket(QStringLiteral("hermetic"));
        const QByteArray data = "encrypted at rest with a KMS key";
        const QByteArray etag = "\"" + QByteArray(32, 'c') + "\"";
        const QDateTime stored = QDateTime::currentDateTimeUtc().addSecs(-3600);
        server.setOverride([&](const FakeS3Request &request, FakeS3Response &response) {
            if (request.key != QLatin1String("dir/kms.txt") && request.operation != QLatin1String("ListObjectsV2"))
                return false;
            if (request.operation == QLatin1String("ListObjectsV2")) {
                response.status = 200;
                response.body = "<ListBucketResult><Name>hermetic</Name><IsTruncated>false</IsTruncated><Contents><Key>dir/kms.txt</Key>"
                                "<LastModified>" + stored.toString(Qt::ISODate).toLatin1() + "</LastModified><ETag>" + etag
                    + "</ETag><Size>" + QByteArray::number(data.size()) + "</Size></Contents></ListBucketResult>";
                return true;
            }
            if (!request.header("if-match").isEmpty() && request.header("if-match") != etag) {
                response.status = 412;
                return true;
            }
            response.setHeader("ETag", etag);
            response.setHeader("x-amz-server-side-encryption", "aws:kms");
            response.setHeader("x-amz-server-side-encryption-aws-kms-key-id", "arn:aws:kms:us-east-1:123:key/test");
            response.setHeader("Last-Modified", stored.toString(u"ddd, dd MMM yyyy HH:mm:ss 'GMT'").toLatin1());
            const QByteArray range = request.header("range");
            if (request.operation == QLatin1String("HeadObject") || range.isEmpty()) {
                response.status = 200;
                response.setHeader("Content-Length", QByteArray::number(data.size()));
                response.body = data;
                return true;
            }
            const QList<QByteArray> bounds = range.mid(6).split('-');
            const qint64 first = bounds.value(0).toLongLong();
            const qint64 last = std::min<qint64>(bounds.value(1).toLongLong(), data.size() - 1);
            response.status = 206;
            response.setHeader("Content-Range", "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/'
                                   + QByteArray::number(data.size()));
            response.body = data.mid(first, last - first + 1);
            return true;
        });
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("kms.txt"));
        CliResult r = run(against(server, {QStringLiteral("get"), QStringLiteral("s3://hermetic/dir/kms.txt"), target}));
        QVERIFY2(r.finished && r.exitCode == 0, r.describe().constData());
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), data);
        file.close();

        const QString syncDir = dir.filePath(QStringLiteral("synced"));
        r = run(against(server, {QStringLiteral("sync"), QStringLiteral("s3://hermetic/dir/"), syncDir}));
        QVERIFY2(r.finished && r.exitCode == 0, r.describe().constData());
        const int getsAfterFirst = server.count(QStringLiteral("GetObject"));
        QFile synced(QDir(syncDir).filePath(QStringLiteral("kms.txt")));
        QVERIFY(synced.open(QIODevice::ReadOnly));
        QCOMPARE(synced.readAll(), data);
        synced.close();
        // Second run: the listing's ETag never equals the local MD5, but the object did not change.
        r = run(against(server, {QStringLiteral("sync"), QStringLiteral("s3://hermetic/dir/"), syncDir}));
        QVERIFY2(r.finished && r.exitCode == 0, r.describe().constData());
        QCOMPARE(server.count(QStringLiteral("GetObject")), getsAfterFirst);
        // Only get looks at the object first; both syncs take size and ETag from the listing.
        QCOMPARE(server.count(QStringLiteral("HeadObject")), 1);
        recordReliabilityCase({QStringLiteral("Server answers"),
                               QStringLiteral("an SSE-KMS object (ETag of MD5 form that is not the MD5, answered as AWS does)"),
                               QStringLiteral("get downloads it; a second sync finds nothing to do"),
                               QStringLiteral("get exit 0, bytes identical; second sync exit 0 with no HEAD or GET"), true,
                               QStringLiteral("fake")});
    }

    void noSuchBucketOnFake()
    {
        FakeS3Server server;
        QVERIFY(server.start());
        const CliResult r = run(against(server, {QStringLiteral("ls"), QStringLiteral("s3://missing-bucket/")}));
        verifyOneLineFailure(r);
        QVERIFY2(r.errText().contains(QStringLiteral("NoSuchBucket")), r.describe().constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
