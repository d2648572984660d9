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

/**
 * main() for a live transfer test class constructed with a bool: the whole class runs twice, first with the
 * bulk data on S3Desk's own HTTP path (ClientSettings::directHttp, the default for plain http), then on Qt's
 * (what https endpoints and proxies use), so both are seen against the real server. Fails if either run fails.
 */
#define S3DESK_LIVE_MAIN_BOTH_TRANSPORTS(TestObject)                                                                \
    int main(int argc, char **argv)                                                                                   \
    {                                                                                                                 \
        QCoreApplication app(argc, argv);                                                                             \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                    \
        int failures = 0;                                                                                             \
        for (const bool directHttp : {true, false}) {                                                                 \
            qInfo("=== bulk data over %s ===", directHttp ? "S3Desk's own HTTP path" : "Qt's HTTP stack");            \
            TestObject test(directHttp);                                                                              \
            failures += QTest::qExec(&test, argc, argv);                                                              \
        }                                                                                                             \
        return failures;                                                                                              \
    }
