// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QString>
#include <QTest>

#include "s3core/job.h"
#include "s3core/net/retrypolicy.h"
#include "s3core/net/s3client.h"

/**
 * The real Ceph RGW that scripts/s3server-up.sh started, described by the environment it writes (s3.env).
 * In CI (CI=true) a missing server is a failure; elsewhere the live tests skip with a message saying how to
 * start the server.
 */
struct LiveServer
{
    QString endpoint;
    QString tlsEndpoint;
    QString tlsCa;
    /** The gateway with STS on (scripts/s3server-up.sh): AssumeRole, and S3 requests signed with session credentials. */
    QString stsEndpoint;
    QString accessKey;
    QString secretKey;
    QString otherAccessKey;
    QString otherSecretKey;
    QString region;

    static LiveServer fromEnvironment();
    bool isComplete() const { return !endpoint.isEmpty() && !accessKey.isEmpty() && !secretKey.isEmpty(); }

    std::unique_ptr<s3::S3Client> client(QNetworkAccessManager *network, const QString &accessKey, const QString &secretKey,
                                         const QString &endpointUrl = {}) const;
    std::unique_ptr<s3::S3Client> client(QNetworkAccessManager *network) const { return client(network, accessKey, secretKey); }
};

/** Call at the start of initTestCase(): fails in CI, skips elsewhere, when the server is not configured. */
#define S3DESK_REQUIRE_LIVE_SERVER(server)                                                                              \
    do {                                                                                                              \
        server = LiveServer::fromEnvironment();                                                                       \
        if (!server.isComplete()) {                                                                                   \
            if (qEnvironmentVariable("CI") == QLatin1String("true"))                                                  \
                QFAIL("the live S3 server is not configured (S3_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY): " \
                      "CI must run scripts/test.sh, which starts it");                                                \
            QSKIP("no live S3 server: run scripts/s3server-up.sh and source its s3.env");                            \
        }                                                                                                             \
    } while (false)

/** A path-style client with fixed test keys for an in-process fake server's endpoint URL. */
std::unique_ptr<s3::S3Client> fakeServerClient(QNetworkAccessManager *network, const QString &endpointUrl, int transferTimeoutMs = 5000);

/** Starts the job and waits (at most timeoutMs) for finished(). The job must have autoDelete off. */
bool runJob(s3::Job &job, int timeoutMs = 60000);

/**
 * Runs a real event loop until condition() holds or timeoutMs passes. Unlike QTRY_* / QTest::qWaitFor,
 * which sleep between event rounds, the loop stays responsive: QNetworkAccessManager pulls upload bodies from
 * the sender's thread in small chunks, one event round each, so sleeping loops make uploads crawl.
 */
bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 60000);

/** Creates a bucket named uniqueBucketName(prefix); returns its name, or an empty string (with a warning). */
QString createTestBucket(s3::S3Client *client, const QString &prefix);

/** Empties a test bucket (aborting unfinished multipart uploads too) and deletes it. */
s3::S3Error removeTestBucket(s3::S3Client *client, const QString &bucket);

/** A retry policy with no delay between attempts (tests that exercise retries run at full speed). */
s3::RetryPolicy fastRetries(int maxAttempts);

/** A bucket name that no other run uses: "<prefix>-<random hex>". */
QString uniqueBucketName(const QString &prefix);

/** Random bytes (not compressible), reproducible for a seed. */
QByteArray randomBytes(qint64 size, quint32 seed);

/** Which way a live transfer run moves its bulk data (part uploads, ranged downloads). */
struct BulkPath
{
    bool curl = true; ///< libcurl (ClientSettings::curlHttp), or Qt's HTTP stack for comparison
    bool tls = false; ///< the server's https endpoint (S3_TLS_ENDPOINT, trusted with S3_TLS_CA)
    const char *name() const { return curl ? (tls ? "libcurl over https" : "libcurl over http") : (tls ? "Qt over https" : "Qt over http"); }
};

/** In initTestCase() of a run with path.tls: fails in CI, skips elsewhere, when the TLS endpoint is not configured. */
#define S3DESK_REQUIRE_LIVE_TLS(server, path)                                                                         \
    do {                                                                                                              \
        if ((path).tls && ((server).tlsEndpoint.isEmpty() || (server).tlsCa.isEmpty())) {                             \
            if (qEnvironmentVariable("CI") == QLatin1String("true"))                                                  \
                QFAIL("the live server's TLS endpoint is not configured (S3_TLS_ENDPOINT, S3_TLS_CA)");               \
            QSKIP("no TLS endpoint: source the s3.env of a server started with TLS");                                 \
        }                                                                                                             \
    } while (false)

/**
 * main() for a live transfer test class constructed with a BulkPath: the whole class runs three times, with the
 * bulk data on libcurl over http, on libcurl over https (the server's TLS port), and on Qt's HTTP stack over
 * http (the comparison path), so each is seen against the real server. Fails if any run fails.
 */
#define S3DESK_LIVE_MAIN_BULK_PATHS(TestObject)                                                                       \
    int main(int argc, char **argv)                                                                                   \
    {                                                                                                                 \
        QCoreApplication app(argc, argv);                                                                             \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                    \
        int failures = 0;                                                                                             \
        for (const BulkPath path : {BulkPath{true, false}, BulkPath{true, true}, BulkPath{false, false}}) {            \
            qInfo("=== bulk data on %s ===", path.name());                                                            \
            TestObject test(path);                                                                                    \
            failures += QTest::qExec(&test, argc, argv);                                                              \
        }                                                                                                             \
        return failures;                                                                                              \
    }
