// SPDX-License-Identifier: Apache-2.0
#include "uitestsupport.h"

#include <QAbstractButton>
#include <QFile>
#include <QHostAddress>
#include <QTcpServer>

#include "s3core/auth/credentialsprovider.h"
#include "s3core/endpoint.h"
#include "s3core/ops/multipartjobs.h"

s3::Credentials staticCredentials(const QString &accessKeyId, const QString &secretAccessKey)
{
    s3::Credentials credentials;
    credentials.accessKeyId = accessKeyId;
    credentials.secretAccessKey = secretAccessKey;
    return credentials;
}

s3::Credentials fakeCredentials()
{
    return staticCredentials(QStringLiteral("AKIDTESTKEY"), QStringLiteral("test-secret-key"));
}

s3ui::ConnectionResolver staticResolver(const QString &endpointUrl, const QString &region,
                                        const std::optional<s3::Credentials> &credentials)
{
    return [endpointUrl, region, credentials](QNetworkAccessManager *) -> s3::Result<s3::ResolvedConnection> {
        auto endpoint = s3::Endpoint::parse(endpointUrl, region, s3::AddressingStyle::Path);
        if (!endpoint)
            return endpoint.error();
        s3::ResolvedConnection connection;
        connection.endpoint = *endpoint;
        if (credentials)
            connection.credentials = std::make_shared<s3::StaticCredentialsProvider>(*credentials);
        return connection;
    };
}

s3ui::ConnectionResolver fakeResolver(const QString &endpointUrl, const std::optional<s3::Credentials> &credentials)
{
    return staticResolver(endpointUrl, QStringLiteral("us-east-1"), credentials);
}

s3ui::ConnectionResolver liveResolver(const LiveServer &server, const QString &endpointUrl)
{
    return staticResolver(endpointUrl.isEmpty() ? server.endpoint : endpointUrl,
                          server.region.isEmpty() ? QStringLiteral("us-east-1") : server.region,
                          staticCredentials(server.accessKey, server.secretKey));
}

namespace {

s3ui::SessionConfig sessionConfig(const QString &id, const QString &displayName, s3ui::ConnectionResolver resolver,
                                  const QString &bucket)
{
    s3ui::SessionConfig config;
    config.id = id;
    config.displayName = displayName;
    config.resolver = std::move(resolver);
    config.bucket = bucket;
    return config;
}

} // namespace

s3ui::SessionConfig fakeSessionConfig(const QString &endpointUrl, const QString &bucket, const QString &id)
{
    return sessionConfig(id, QStringLiteral("Fake S3"), fakeResolver(endpointUrl), bucket);
}

s3ui::SessionConfig liveSessionConfig(const LiveServer &server, const QString &bucket, const QString &id)
{
    return sessionConfig(id, QStringLiteral("Ceph RGW"), liveResolver(server), bucket);
}

s3ui::SessionConfig liveTlsSessionConfig(const LiveServer &server, const QString &bucket, const QString &id)
{
    s3ui::ConnectionResolver resolver = [inner = liveResolver(server, server.tlsEndpoint),
                                         ca = server.tlsCa](QNetworkAccessManager *network) {
        s3::Result<s3::ResolvedConnection> connection = inner(network);
        if (connection)
            connection->caBundle = ca;
        return connection;
    };
    return sessionConfig(id, QStringLiteral("Ceph RGW (https)"), std::move(resolver), bucket);
}

std::unique_ptr<s3::S3Client> liveTlsClient(const LiveServer &server, QNetworkAccessManager *network)
{
    std::unique_ptr<s3::S3Client> client = server.client(network, server.accessKey, server.secretKey, server.tlsEndpoint);
    if (client && !client->setCaBundle(server.tlsCa)) {
        qWarning() << "cannot use the CA bundle" << server.tlsCa;
        return nullptr;
    }
    return client;
}

std::unique_ptr<s3ui::Session> openTestSession(s3ui::SessionConfig config)
{
    auto session = s3ui::Session::open(std::move(config));
    if (!session) {
        qWarning() << "cannot open the session" << session.error();
        return nullptr;
    }
    return std::move(session).value();
}

s3::Result<s3::ClientSettings> clientSettingsFor(const s3ui::ConnectionResolver &resolver, int transferTimeoutMs,
                                                 QNetworkAccessManager *network)
{
    return s3ui::resolveClientSettings(resolver, transferTimeoutMs, network);
}

std::unique_ptr<s3::TransferEngine> transferEngineFor(s3ui::ConnectionResolver resolver, int transferTimeoutMs,
                                                      s3::TransferLimits limits, const QString &persistencePath)
{
    auto settings = [resolver = std::move(resolver), transferTimeoutMs](QNetworkAccessManager *network) {
        return clientSettingsFor(resolver, transferTimeoutMs, network);
    };
    return std::make_unique<s3::TransferEngine>(std::move(settings), limits, persistencePath);
}

quint16 closedLocalPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot listen");
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

bool putTestObject(s3::S3Client *client, const QString &bucket, const QString &key, const QByteArray &data,
                   const s3::ObjectAttributes &attributes, int timeoutMs)
{
    s3::PutObjectJob job(client, bucket, key);
    job.setAutoDelete(false);
    job.setData(data);
    job.setAttributes(attributes);
    if (!runJob(job, timeoutMs) || job.hasError()) {
        qWarning() << "put" << key << job.error();
        return false;
    }
    return true;
}

bool testObjectExists(s3::S3Client *client, const QString &bucket, const QString &key, int timeoutMs)
{
    s3::HeadObjectJob job(client, bucket, key);
    job.setAutoDelete(false);
    return runJob(job, timeoutMs) && !job.hasError();
}

QString startTestMultipartUpload(s3::S3Client *client, const QString &bucket, const QString &key,
                                 const QList<qint64> &partSizes, int timeoutMs)
{
    s3::CreateMultipartUploadJob create(client, bucket, key);
    create.setAutoDelete(false);
    if (!runJob(create, timeoutMs) || create.hasError()) {
        qWarning() << "create" << key << create.error();
        return {};
    }
    int number = 0;
    for (const qint64 size : partSizes) {
        ++number;
        s3::UploadPartJob part(client, bucket, key, create.uploadId(), number,
                               s3::PartSource::fromData(randomBytes(size, quint32(number))));
        part.setAutoDelete(false);
        if (!runJob(part, timeoutMs) || part.hasError()) {
            qWarning() << "part" << key << number << part.error();
            return {};
        }
    }
    return create.uploadId();
}

QString writeTestFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size()) {
        qWarning() << "cannot write" << path << file.errorString();
        return {};
    }
    return path;
}

FakeS3Fault errorFault(const QString &operation, int status, const QString &code, const QString &keyContains)
{
    FakeS3Fault fault;
    fault.operation = operation;
    fault.keyContains = keyContains;
    fault.status = status;
    fault.code = code;
    return fault;
}

FakeS3Fault delayFault(const QString &operation, int delayMs)
{
    FakeS3Fault fault;
    fault.operation = operation;
    fault.delayMs = delayMs;
    fault.times = -1;
    return fault;
}

QAbstractButton *messageBoxButton(QMessageBox *box, const QString &text)
{
    for (QAbstractButton *button : box->buttons()) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}
