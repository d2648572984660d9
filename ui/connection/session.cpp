// SPDX-License-Identifier: Apache-2.0
#include "connection/session.h"

#include <QDir>
#include <QNetworkAccessManager>

#include "s3core/auth/credentials.h"
#include "s3core/net/s3client.h"
#include "s3core/privatefiles.h"
#include "s3core/transfer/transferengine.h"

namespace s3ui {

s3::Result<s3::ClientSettings> resolveClientSettings(const ConnectionResolver &resolver, int transferTimeoutMs,
                                                     QNetworkAccessManager *network)
{
    auto connection = resolver(network);
    if (!connection)
        return connection.error();
    s3::ClientSettings settings;
    settings.endpoint = connection->endpoint;
    settings.credentials = connection->credentials;
    settings.caBundle = connection->caBundle;
    settings.transferTimeoutMs = transferTimeoutMs;
    settings.clockOffset = connection->clockOffset;
    return settings;
}

s3::Result<std::unique_ptr<Session>> Session::open(SessionConfig config, QObject *parent)
{
    if (!config.resolver)
        return s3::S3Error::invalid(tr("The connection %1 has no settings").arg(config.displayName));
    auto network = std::make_unique<QNetworkAccessManager>();
    auto resolved = config.resolver(network.get());
    if (!resolved)
        return resolved.error();
    std::unique_ptr<Session> session(new Session(std::move(config), std::move(resolved).value(), parent));
    session->m_network = std::move(network);
    session->m_client = std::make_unique<s3::S3Client>(session->m_network.get(), session->m_connection.endpoint,
                                                       session->m_connection.credentials);
    session->m_client->setClockOffset(session->m_connection.clockOffset);
    session->m_client->setTransferTimeoutMs(session->m_config.transferTimeoutMs);
    if (!session->m_connection.caBundle.isEmpty()) {
        if (auto ca = session->m_client->setCaBundle(session->m_connection.caBundle); !ca)
            return ca.error();
    }

    // The engine resolves again on its own thread: credential providers stay on the thread that uses them.
    const ConnectionResolver resolver = session->m_config.resolver;
    const int timeoutMs = session->m_config.transferTimeoutMs;
    auto settingsFactory = [resolver, timeoutMs](QNetworkAccessManager *providerNetwork) {
        return resolveClientSettings(resolver, timeoutMs, providerNetwork);
    };
    QString persistence;
    if (!session->m_config.stateDir.isEmpty()) {
        // The queue names local paths, buckets and keys: 0700 folder, 0600 files (TransferQueue::saveNow()).
        if (auto folder = s3::ensurePrivateFolder(session->m_config.stateDir))
            persistence = QDir(session->m_config.stateDir).filePath(QStringLiteral("transfers-%1.json").arg(session->m_config.id));
        else
            qWarning("s3desk: unfinished transfers are not kept: %s", qPrintable(folder.error().message()));
    }
    session->m_engine = std::make_unique<s3::TransferEngine>(settingsFactory, s3::TransferLimits{}, persistence);
    return session;
}

Session::Session(SessionConfig config, s3::ResolvedConnection connection, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_connection(std::move(connection))
{
}

Session::~Session()
{
    // The engine first: it saves unfinished transfers and stops its thread; then the client, then its manager.
    m_engine.reset();
    m_client.reset();
    m_network.reset();
}

void Session::checkTemporaryCredentials(QObject *context, std::function<void(bool)> callback)
{
    if (m_client->isAnonymous()) {
        callback(false);
        return;
    }
    m_client->withCredentials(context, [callback = std::move(callback)](const s3::Result<s3::Credentials> &credentials) {
        callback(credentials && !credentials->sessionToken.isEmpty());
    });
}

} // namespace s3ui
