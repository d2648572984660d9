// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

/** The outcome of one s3desk-cli (or other program) run. */
struct ProcessOutcome
{
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    bool ok() const { return finished && exitCode == 0; }
    QStringList outLines() const { return QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
    QByteArray describe() const;
};

/** What a caller may add to a run: set the process up before it starts, act on each turn of the wait. */
struct ProcessHooks
{
    std::function<void(QProcess &)> beforeStart;
    std::function<void()> whileRunning;
};

/** Runs the program to its end (at most timeoutMs), keeping this thread's event loop running meanwhile. */
ProcessOutcome runProgram(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
                          int timeoutMs = 120000, const ProcessHooks &hooks = {});

/**
 * The environment for awscli or s3desk-cli runs that must see only the AWS files in home: this process's
 * environment without keys, profile, config file paths or S3 endpoint variables, HOME = home, instance metadata
 * off, STS calls to stsEndpoint (AWS_ENDPOINT_URL_STS) and the region (us-east-1 when empty).
 */
QProcessEnvironment isolatedAwsEnvironment(const QString &home, const QString &stsEndpoint, const QString &region);

/**
 * The environment for a run with exactly these keys: this process's environment without any AWS_ variable, the
 * keys, the config file given (none: /dev/null), no credentials file, instance metadata off.
 */
QProcessEnvironment keysOnlyAwsEnvironment(const QString &accessKey, const QString &secretKey, const QString &configFile = {});

/** The s3desk-cli binary the build made (S3DESK_CLI, set by tests/CMakeLists.txt). */
QString cliPath();
