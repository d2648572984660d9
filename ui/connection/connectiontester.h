// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <optional>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QString>

#include "connection/session.h"
#include "s3core/job.h"
#include "s3core/net/s3client.h"
#include "s3core/s3error.h"

namespace s3ui {

/**
 * A message for a failed connection attempt that says what is wrong and what to do, naming the S3 error
 * code (or the local cause): wrong secret, unknown access key, unreachable host, TLS trust, clock skew,
 * access denied, missing bucket, timeout... `clockOffsetSeconds` (local clock minus the server's, when
 * measured) turns a RequestTimeTooSkewed into "your clock is N minutes off". Pure function.
 */
QString describeConnectionError(const s3::S3Error &error, std::optional<qint64> clockOffsetSeconds = std::nullopt);

/**
 * Tests a connection with one cheap request: ListBuckets, or, when a bucket is named, ListObjectsV2 with
 * max-keys=1 on it (so keys without s3:ListAllMyBuckets pass). No retries beyond one for network errors, so
 * an unreachable server is reported quickly. On RequestTimeTooSkewed an unsigned HEAD of the endpoint reads
 * the server's Date header to tell the user how far off the clock is.
 *
 * finished() is emitted exactly once per start(), always from the event loop (never inside start()), unless
 * cancel() (or a new start(), or destruction) came first: a cancelled test emits nothing.
 */
class ConnectionTester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTester)
public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    /** Inactivity timeout of the test request (default 15 s). */
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }

    /**
     * Resolves the connection (with a network manager of the tester's own, on this thread) and tests it on
     * config.bucket / config.prefix. Resolution errors are reported through finished() too.
     */
    void start(const SessionConfig &config);
    /** Tests through an existing client (not owned: it must outlive the test). bucket empty: ListBuckets. */
    void start(s3::S3Client *client, const QString &bucket = {}, const QString &prefix = {});
    /** Stops the test in flight without emitting finished(). Idempotent. */
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    /** ok: the server accepted the keys; message: one line for the user (success or describeConnectionError). */
    void finished(bool ok, const QString &message, const s3::S3Error &error);

private:
    void runTest(s3::S3Client *client, const QString &bucket, const QString &prefix);
    void handleJobFinished(s3::Job *job);
    void measureClockOffset(const s3::S3Error &error);
    void finish(bool ok, const QString &message, const s3::S3Error &error);
    void finishLater(bool ok, const QString &message, const s3::S3Error &error);

    int m_timeoutMs = 15000;
    bool m_running = false;
    quint64 m_generation = 0; // a finishLater() of an earlier start() must not end this one
    std::unique_ptr<QNetworkAccessManager> m_network; // own manager + client for start(config)
    std::unique_ptr<s3::S3Client> m_ownClient;
    QPointer<s3::S3Client> m_client;
    QPointer<s3::Job> m_job;
    QPointer<QNetworkReply> m_clockReply;
    QString m_bucket;
};

} // namespace s3ui
