// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>

#include <QNetworkAccessManager>
#include <QObject>
#include <QStringList>
#include <QTextStream>

#include "s3core/auth/ssodeviceauthorization.h"
#include "s3core/config.h"
#include "s3core/net/curlhttp.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/syncplan.h"
#include "s3core/transfer/transferqueue.h"

namespace s3cli {

struct SyncState;

constexpr int ExitOk = 0;
constexpr int ExitFailure = 1; ///< the S3 request or a local operation failed
constexpr int ExitUsage = 2;   ///< bad command line

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
    void commandSync();
    void commandVersioning();
    void commandFind(); // clifind.cpp
    void listVersions(const QString &bucket, const QString &prefix, bool recursive, bool json, qsizetype shownFrom);
    void commandSso(); // clisso.cpp
    void commandAcl(); // cliacl.cpp
    void commandStorageClass(); // clistorageclass.cpp
    void commandRestore();      // clistorageclass.cpp
    /**
     * --sse-c-key-file PATH / --sse-c-key BASE64 (and with copySource --copy-source-sse-c-key-file /
     * --copy-source-sse-c-key), --sse-c [AES256] accepted: into m_sseCustomerKey / m_copySourceSseCustomerKey
     * (clissec.cpp). False after a usage error.
     */
    bool takeSseCustomerKeys(bool copySource);

    // Transfers through the engine (clitransfers.cpp)
    struct PlannedTransfer
    {
        bool upload = true;
        QString localPath;
        QString bucket;
        QString key;
        qint64 listedSize = -1; ///< downloads: what the listing said, so no HEAD is needed
        QString listedEtag;
        QString versionId; ///< downloads: that version instead of the current one
    };
    bool takeTransferOptions();
    /** put's object options (--content-type, --meta, --tag, --acl, --sse, ...), validated. */
    bool takeObjectAttributes(s3::ObjectAttributes *attributes);
    void runTransfers(const QList<PlannedTransfer> &transfers, const s3::ObjectAttributes &attributes, std::function<void(bool)> then);
    void renderProgress(bool final);
    void feedQueue();
    void finishTransfers();
    void installInterruptHandler();
    // sync (clisync.cpp): a streaming merge of the two sides, see SyncState
    void syncPump();
    void syncHandle(const s3::SyncStep &step);
    void syncPrint(const s3::SyncStep &step);
    void syncMakeFolder(const s3::ObjectInfo &marker);
    void syncStartCopies();
    void syncFlushDeletes(bool force);
    void syncMaybeFinish();
    bool transfersIdle() const;

    bool takeFlag(const QString &name);
    bool takeValue(const QString &name, QString *value);
    QStringList takeValues(const QString &name);
    bool expectPositionals(int count, const QString &usage);

    QStringList m_args;
    QStringList m_positionals;
    s3::ConnectionOptions m_connection;
    QString m_mfaCode; ///< --mfa-code
    int m_timeoutSeconds = 30;
    QNetworkAccessManager m_network;
    std::unique_ptr<s3::S3Client> m_client;
    std::unique_ptr<s3::CurlHttpPool> m_streamCurlHttp; // the parts of `put -` (files go through m_queue's pool)
    QTextStream m_out;
    QTextStream m_err;
    bool m_done = false;

    QString m_caBundle;
    int m_concurrency = 6; // 6 measured best on Ceph RGW (8+ made the server slower)
    bool m_concurrencyGiven = false; // --concurrency also caps the requests of all transfers together
    qint64 m_partSize = 0; // 0: the engine's default
    bool m_contentMd5 = false;
    bool m_signPayload = false; ///< --sign-payload or the profile's s3 payload_signing_enabled
    bool m_noFsync = false;
    bool m_qtHttp = false;
    qint64 m_limitUpload = 0;   ///< --limit-rate / --limit-upload, bytes per second (0: unlimited)
    qint64 m_limitDownload = 0; ///< --limit-rate / --limit-download
    bool m_progress = false;
    std::unique_ptr<s3::TransferQueue> m_queue;
    // Planned transfers go into the queue a window at a time and leave it when they succeed, so a job of
    // 100,000 files keeps a few hundred transfer objects alive, not 100,000.
    QList<PlannedTransfer> m_planned;
    qsizetype m_nextPlanned = 0;
    qsizetype m_gone = 0;     // succeeded (and removed from the queue) or refused before entering it
    qint64 m_bytesGone = 0;   // what the succeeded ones moved
    s3::UploadOptions m_uploadOptions;
    s3::DownloadOptions m_downloadOptions;
    s3::SseCustomerKey m_sseCustomerKey;           ///< --sse-c-key(-file): the object's (or the copy's) key
    s3::SseCustomerKey m_copySourceSseCustomerKey; ///< --copy-source-sse-c-key(-file): the copy source's key
    QStringList m_refused; // keys not transferred, with why: listed at the end, exit status non-zero
    QString m_downloadFolder; // sync: the folder chosen; no symbolic link below it is followed
    std::function<void(bool)> m_afterTransfers;
    // A producer of planned transfers still at work (sync): the transfers are not finished when the queue is
    // idle, and m_planMore is asked for more as the window empties.
    bool m_planning = false;
    std::function<void()> m_planMore;
    qsizetype m_plannedDropped = 0; // started ones removed from the front of m_planned
    qsizetype m_plannedTotal = 0; // every transfer ever planned (m_planned drops the ones started)
    std::unique_ptr<SyncState> m_sync;
    qint64 m_lastRenderMs = 0;
    std::unique_ptr<s3::SsoDeviceAuthorization> m_signIn; // sso login
};

} // namespace s3cli
