// SPDX-License-Identifier: Apache-2.0
#include "cliprocess.h"

#include <QSignalSpy>

#include "livetest.h"

QByteArray ProcessOutcome::describe() const
{
    return QStringLiteral("finished=%1 exit=%2\n--- stdout:\n%3--- stderr:\n%4")
        .arg(finished)
        .arg(exitCode)
        .arg(QString::fromUtf8(out.left(3000)), QString::fromUtf8(err.left(3000)))
        .toLocal8Bit();
}

ProcessOutcome runProgram(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment, int timeoutMs,
                          const ProcessHooks &hooks)
{
    ProcessOutcome outcome;
    QProcess process;
    process.setProcessEnvironment(environment);
    if (hooks.beforeStart)
        hooks.beforeStart(process);
    bool done = false;
    QObject::connect(&process, &QProcess::finished, [&done] { done = true; });
    QObject::connect(&process, &QProcess::errorOccurred, [&done](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            done = true;
    });
    process.start(program, arguments);
    process.closeWriteChannel();
    waitUntil(
        [&] {
            if (hooks.whileRunning)
                hooks.whileRunning();
            return done;
        },
        timeoutMs);
    outcome.finished = done && process.exitStatus() == QProcess::NormalExit && process.error() != QProcess::FailedToStart;
    if (!done) {
        process.kill();
        process.waitForFinished(5000);
    }
    outcome.exitCode = process.exitCode();
    outcome.out = process.readAllStandardOutput();
    outcome.err = process.readAllStandardError();
    return outcome;
}

QProcessEnvironment isolatedAwsEnvironment(const QString &home, const QString &stsEndpoint, const QString &region)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_CONFIG_FILE",
                             "AWS_SHARED_CREDENTIALS_FILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_WEB_IDENTITY_TOKEN_FILE",
                             "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME"})
        environment.remove(QLatin1String(name));
    environment.insert(QStringLiteral("HOME"), home);
    environment.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
    environment.insert(QStringLiteral("AWS_ENDPOINT_URL_STS"), stsEndpoint);
    environment.insert(QStringLiteral("AWS_DEFAULT_REGION"), region.isEmpty() ? QStringLiteral("us-east-1") : region);
    return environment;
}

QProcessEnvironment keysOnlyAwsEnvironment(const QString &accessKey, const QString &secretKey, const QString &configFile)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : environment.keys()) {
        if (name.startsWith(QLatin1String("AWS_")))
            environment.remove(name);
    }
    environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), accessKey);
    environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), secretKey);
    environment.insert(QStringLiteral("AWS_CONFIG_FILE"), configFile.isEmpty() ? QStringLiteral("/dev/null") : configFile);
    environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), QStringLiteral("/dev/null"));
    environment.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
    return environment;
}

QString cliPath()
{
    return qEnvironmentVariable("S3DESK_CLI");
}
