// SPDX-License-Identifier: Apache-2.0
// s3desk-cli asks for an MFA code on its terminal, as awscli does: run under a pseudo-terminal against FakeStsServer
// (Ceph's STS does not take six-digit codes; tst_live_roles shows the prompt against Ceph). The prompt goes to the
// terminal, not to the output; the typed code reaches STS with the device's serial number; a second run takes the
// session from awscli's cache without asking; an empty answer stops without calling STS.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include "cliprocess.h"
#include "fakestsserver.h"
#include "pseudoterminal.h"

using namespace Qt::Literals::StringLiterals;

class TestCliMfaTerminal : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<FakeStsServer> m_sts;
    const QByteArray m_prompt = "MFA code for arn:aws:iam::1:mfa/me (profile 'admin'): ";

    QProcessEnvironment environment() const
    {
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, m_home->path());
        environment.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
        environment.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
        environment.insert(u"AWS_ENDPOINT_URL_STS"_s, m_sts->endpoint());
        return environment;
    }

    // presign needs credentials and no S3 server.
    TerminalOutcome presign(const QList<TerminalExchange> &exchanges)
    {
        return runWithTerminal(cliPath(), {u"--endpoint-url"_s, u"http://127.0.0.1:9"_s, u"--profile"_s, u"admin"_s, u"presign"_s, u"s3://b/k"_s},
                               environment(), exchanges, 30000);
    }

    static QByteArray describe(const TerminalOutcome &outcome) { return outcome.process.describe() + "\n--- terminal:\n" + outcome.terminal; }

private Q_SLOTS:
    void init()
    {
        if (cliPath().isEmpty())
            QFAIL("S3DESK_CLI is not set (tests/CMakeLists.txt sets it)");
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        m_sts = std::make_unique<FakeStsServer>();
        QVERIFY(m_sts->listen());
        QVERIFY(QDir().mkpath(m_home->filePath(u".aws"_s)));
        QFile config(m_home->filePath(u".aws/config"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[profile base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n"
                     "[profile admin]\nrole_arn = arn:aws:iam::1:role/admin\nsource_profile = base\nmfa_serial = arn:aws:iam::1:mfa/me\n");
    }

    void typedCodeReachesSts()
    {
        const TerminalOutcome first = presign({{m_prompt, "246810\n"}});
        QVERIFY2(first.allPromptsSeen, describe(first).constData());
        QVERIFY2(first.process.ok(), describe(first).constData());
        // The prompt and the echo of the code are on the terminal; the output holds only the link.
        QVERIFY2(first.terminal.contains("246810"), describe(first).constData());
        QVERIFY2(!first.process.out.contains("MFA code") && !first.process.err.contains("MFA code"), describe(first).constData());
        QVERIFY2(first.process.out.startsWith("http://127.0.0.1:9/b/k?") && first.process.out.contains("X-Amz-Credential=ASIAFAKE1"),
                 describe(first).constData());
        QCOMPARE(m_sts->requests().size(), 1);
        const QUrlQuery form = m_sts->requests().constFirst().form;
        QCOMPARE(form.queryItemValue(u"TokenCode"_s), u"246810"_s);
        QCOMPARE(form.queryItemValue(u"SerialNumber"_s, QUrl::FullyDecoded), u"arn:aws:iam::1:mfa/me"_s);

        // The session is in awscli's cache: the next run signs with it and asks nothing.
        const TerminalOutcome second = presign({});
        QVERIFY2(second.process.ok(), describe(second).constData());
        QVERIFY2(!second.terminal.contains("MFA code"), describe(second).constData());
        QVERIFY2(second.process.out.contains("X-Amz-Credential=ASIAFAKE1"), describe(second).constData());
        QCOMPARE(m_sts->requests().size(), 1);
    }

    void emptyAnswerStops()
    {
        const TerminalOutcome outcome = presign({{m_prompt, "\n"}});
        QVERIFY2(outcome.allPromptsSeen, describe(outcome).constData());
        QVERIFY(outcome.process.finished);
        QCOMPARE(outcome.process.exitCode, 1);
        QVERIFY2(outcome.process.err.contains("MFA code not entered"), describe(outcome).constData());
        QVERIFY(outcome.process.out.isEmpty());
        QCOMPARE(m_sts->requests().size(), 0);
    }

    void codeOnTheCommandLineIsNotAskedFor()
    {
        const TerminalOutcome outcome = runWithTerminal(
            cliPath(), {u"--endpoint-url"_s, u"http://127.0.0.1:9"_s, u"--profile"_s, u"admin"_s, u"--mfa-code"_s, u"135790"_s, u"presign"_s, u"s3://b/k"_s},
            environment(), {}, 30000);
        QVERIFY2(outcome.process.ok(), describe(outcome).constData());
        QVERIFY2(outcome.terminal.isEmpty(), describe(outcome).constData());
        QCOMPARE(m_sts->requests().size(), 1);
        QCOMPARE(m_sts->requests().constFirst().form.queryItemValue(u"TokenCode"_s), u"135790"_s);
    }
};

QTEST_GUILESS_MAIN(TestCliMfaTerminal)
#include "tst_cli_mfaterminal.moc"
