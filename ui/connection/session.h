// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QString>

#include "s3core/config.h"
#include "s3core/result.h"
#include "s3core/transfer/transferqueue.h"

class QNetworkAccessManager;

namespace s3 {
class S3Client;
class TransferEngine;
} // namespace s3

namespace s3ui {

/**
 * Resolves where to connect and with which credentials. Called once on the GUI thread (for the browser's
 * client) and once on the transfer engine's thread (credential providers are created on the thread that uses
 * them); `network` is a manager of that thread, for providers that fetch credentials (instance metadata).
 */
using ConnectionResolver = std::function<s3::Result<s3::ResolvedConnection>(QNetworkAccessManager *network)>;

/** The transfer engine's settings from a resolver: runs it with `network` (see ConnectionResolver). */
s3::Result<s3::ClientSettings> resolveClientSettings(const ConnectionResolver &resolver, int transferTimeoutMs,
                                                     QNetworkAccessManager *network);

/** What the browser needs to know to open a connection. */
struct SessionConfig
{
    QString id;          ///< stable id of the connection ("cli" for the command-line one); names the queue file
    QString displayName; ///< shown in the title bar and the connection list
    ConnectionResolver resolver;
    QString bucket;      ///< open this bucket directly (keys without s3:ListAllMyBuckets can still browse)
    QString prefix;      ///< ...at this prefix
    int transferTimeoutMs = 30000;
    /** Folder for the transfer queue's file (unfinished transfers come back after a restart); empty: none. */
    QString stateDir;
};

/**
 * One open connection: a GUI-thread S3Client for listings and small operations (the requests themselves run on
 * Qt's network thread; only cheap signing happens here) and a TransferEngine on its own worker thread for every
 * upload and download. Owns both; the browser and dialogs borrow them.
 */
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)
public:
    /** Resolves the connection (on this thread) and starts the engine; an error names what is wrong. */
    static s3::Result<std::unique_ptr<Session>> open(SessionConfig config, QObject *parent = nullptr);
    ~Session() override;

    const SessionConfig &config() const { return m_config; }
    QString id() const { return m_config.id; }
    QString displayName() const { return m_config.displayName; }
    const s3::ResolvedConnection &connection() const { return m_connection; }

    s3::S3Client *client() const { return m_client.get(); }
    s3::TransferEngine *transfers() const { return m_engine.get(); }

    /**
     * Asks the credentials provider (may be asynchronous) whether the credentials are temporary (a session
     * token): presigned links then die with the session. Anonymous connections answer false.
     */
    void checkTemporaryCredentials(QObject *context, std::function<void(bool temporary)> callback);

private:
    Session(SessionConfig config, s3::ResolvedConnection connection, QObject *parent);

    SessionConfig m_config;
    s3::ResolvedConnection m_connection;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<s3::S3Client> m_client;
    std::unique_ptr<s3::TransferEngine> m_engine;
};

} // namespace s3ui
