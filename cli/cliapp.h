// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QNetworkAccessManager>
#include <QObject>
#include <QStringList>
#include <QTextStream>

#include "s3core/config.h"
#include "s3core/net/s3client.h"

namespace s3cli {

/**
 * One run of s3desk-cli: parses the arguments, runs the command asynchronously on the application's event
 * loop and reports the exit code through finished(). Output goes to stdout, one-line errors to stderr.
 */
class CliApp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliApp)
public:
    explicit CliApp(QStringList arguments, QObject *parent = nullptr);
    ~CliApp() override;

    /** Starts the command (from the event loop). */
    void start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    struct Options;
    void run();
    bool parseGlobal();
    bool setUpClient();
    void done(int code);
    void failWith(const s3::S3Error &error);
    void usageError(const QString &message);

    void commandLs();
    void commandMb();
    void commandRb();
    void commandPut();
    void commandGet();
    void commandStat();
    void commandCopy(bool move);
    void commandRm();
    void commandPresign();

    bool takeFlag(const QString &name);
    bool takeValue(const QString &name, QString *value);
    QStringList takeValues(const QString &name);
    bool expectPositionals(int count, const QString &usage);

    QStringList m_args;
    QStringList m_positionals;
    s3::ConnectionOptions m_connection;
    int m_timeoutSeconds = 30;
    QNetworkAccessManager m_network;
    std::unique_ptr<s3::S3Client> m_client;
    QTextStream m_out;
    QTextStream m_err;
    bool m_done = false;
};

} // namespace s3cli
