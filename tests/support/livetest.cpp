// SPDX-License-Identifier: Apache-2.0
#include "livetest.h"

#include <algorithm>
#include <cstring>

#include <QEventLoop>
#include <QRandomGenerator>
#include <QTimer>

#include "s3core/auth/credentialsprovider.h"
#include "s3core/endpoint.h"
#include "s3core/ops/bucketjobs.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/multipartjobs.h"

LiveServer LiveServer::fromEnvironment()
{
    LiveServer server;
    server.endpoint = qEnvironmentVariable("S3_ENDPOINT");
    server.tlsEndpoint = qEnvironmentVariable("S3_TLS_ENDPOINT");
    server.tlsCa = qEnvironmentVariable("S3_TLS_CA");
    server.stsEndpoint = qEnvironmentVariable("S3_STS_ENDPOINT");
    server.accessKey = qEnvironmentVariable("AWS_ACCESS_KEY_ID");
    server.secretKey = qEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
    server.otherAccessKey = qEnvironmentVariable("S3_OTHER_ACCESS_KEY");
    server.otherSecretKey = qEnvironmentVariable("S3_OTHER_SECRET_KEY");
    server.region = qEnvironmentVariable("AWS_DEFAULT_REGION", QStringLiteral("us-east-1"));
    return server;
}

std::unique_ptr<s3::S3Client> LiveServer::client(QNetworkAccessManager *network, const QString &key, const QString &secret,
                                                 const QString &endpointUrl) const
{
    s3::Result<s3::Endpoint> parsed = s3::Endpoint::parse(endpointUrl.isEmpty() ? endpoint : endpointUrl, region, s3::AddressingStyle::Path);
    if (!parsed)
        qFatal("bad live endpoint %s", qPrintable(endpoint));
    s3::Credentials credentials;
    credentials.accessKeyId = key;
    credentials.secretAccessKey = secret;
    auto client = std::make_unique<s3::S3Client>(network, *parsed, std::make_shared<s3::StaticCredentialsProvider>(credentials));
    client->setTransferTimeoutMs(30000);
    return client;
}

std::unique_ptr<s3::S3Client> fakeServerClient(QNetworkAccessManager *network, const QString &endpointUrl, int transferTimeoutMs)
{
    s3::Result<s3::Endpoint> parsed = s3::Endpoint::parse(endpointUrl, QStringLiteral("us-east-1"), s3::AddressingStyle::Path);
    if (!parsed)
        qFatal("bad fake endpoint %s", qPrintable(endpointUrl));
    s3::Credentials credentials;
    credentials.accessKeyId = QStringLiteral("AKIDTESTKEY");
    credentials.secretAccessKey = QStringLiteral("test-secret-key");
    auto client = std::make_unique<s3::S3Client>(network, *parsed, std::make_shared<s3::StaticCredentialsProvider>(credentials));
    client->setTransferTimeoutMs(transferTimeoutMs);
    return client;
}

bool runJob(s3::Job &job, int timeoutMs)
{
    if (job.autoDelete())
        qFatal("runJob needs setAutoDelete(false)");
    QSignalSpy spy(&job, &s3::Job::finished);
    job.start();
    if (!job.isFinished())
        spy.wait(timeoutMs);
    return job.isFinished();
}

bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    if (condition())
        return true;
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (condition())
            loop.quit();
    });
    poll.start(2);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return condition();
}

QString createTestBucket(s3::S3Client *client, const QString &prefix)
{
    const QString bucket = uniqueBucketName(prefix);
    s3::CreateBucketJob create(client, bucket);
    create.setAutoDelete(false);
    if (!runJob(create) || create.hasError()) {
        qWarning() << "cannot create the test bucket" << bucket << create.error();
        return {};
    }
    return bucket;
}

s3::S3Error removeTestBucket(s3::S3Client *client, const QString &bucket)
{
    s3::ListMultipartUploadsJob uploads(client, bucket);
    uploads.setAutoDelete(false);
    runJob(uploads);
    for (const s3::MultipartUploadInfo &upload : uploads.uploads()) {
        s3::AbortMultipartUploadJob abort(client, bucket, upload.key, upload.uploadId);
        abort.setAutoDelete(false);
        runJob(abort);
    }
    s3::DeletePrefixJob empty(client, bucket, QString());
    empty.setAutoDelete(false);
    empty.setAllowWholeBucket(true);
    runJob(empty);
    if (empty.hasError())
        return empty.error();
    s3::DeleteBucketJob remove(client, bucket);
    remove.setAutoDelete(false);
    runJob(remove);
    return remove.error();
}

s3::RetryPolicy fastRetries(int maxAttempts)
{
    s3::RetryPolicy policy;
    policy.maxAttempts = maxAttempts;
    policy.random = [] { return 0.0; };
    return policy;
}

QString uniqueBucketName(const QString &prefix)
{
    return QStringLiteral("%1-%2").arg(prefix).arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
}

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (qint64 i = 0; i < size; i += 4) {
        const quint32 word = generator.generate();
        std::memcpy(data.data() + i, &word, size_t(std::min<qint64>(4, size - i)));
    }
    return data;
}
