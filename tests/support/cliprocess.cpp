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

ProcessOutcome runProgram(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment, int timeoutMs)
{
    ProcessOutcome outcome;
    QProcess process;
    process.setProcessEnvironment(environment);
    bool done = false;
    QObject::connect(&process, &QProcess::finished, [&done] { done = true; });
    QObject::connect(&process, &QProcess::errorOccurred, [&done](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            done = true;
    });
    process.start(program, arguments);
    process.closeWriteChannel();
    waitUntil([&done] { return done; }, timeoutMs);
    outcome.finished = done && process.exitStatus() == QProcess::NormalExit && process.error() != QProcess::FailedToStart;
    if (!done)
        process.kill();
    outcome.exitCode = process.exitCode();
    outcome.out = process.readAllStandardOutput();
    outcome.err = process.readAllStandardError();
    return outcome;
}

QString cliPath()
{
    return qEnvironmentVariable("S3DESK_CLI");
}
