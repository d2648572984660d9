// SPDX-License-Identifier: Apache-2.0
#include "connection/secretstore.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace s3ui {

namespace {

const QString ProbeKey = QStringLiteral("s3desk-keychain-probe");

QString keychainErrorName(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError: return QStringLiteral("NoError");
    case QKeychain::EntryNotFound: return QStringLiteral("EntryNotFound");
    case QKeychain::CouldNotDeleteEntry: return QStringLiteral("CouldNotDeleteEntry");
    case QKeychain::AccessDeniedByUser: return QStringLiteral("AccessDeniedByUser");
    case QKeychain::AccessDenied: return QStringLiteral("AccessDenied");
    case QKeychain::NoBackendAvailable: return QStringLiteral("NoBackendAvailable");
    case QKeychain::NotImplemented: return QStringLiteral("NotImplemented");
    case QKeychain::OtherError: return QStringLiteral("OtherError");
    }
    return QStringLiteral("OtherError");
}

// "The keychain could not be used" errors, as opposed to "this entry": they make the store unavailable.
bool isBackendFailure(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError;
}

s3::S3Error keychainError(const QString &what, const QKeychain::Job *job)
{
    QString hint;
    switch (job->error()) {
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        hint = QCoreApplication::translate("s3ui::KeychainSecretStore", "allow S3Desk to use the keychain, or enter the secret each time");
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        hint = QCoreApplication::translate("s3ui::KeychainSecretStore", "start and unlock the system keychain (e.g. gnome-keyring or KWallet), "
                              "or enter the secret each time");
        break;
    default:
        hint = QCoreApplication::translate("s3ui::KeychainSecretStore", "try again");
        break;
    }
    // errorString() describes the backend's failure; it never contains the secret.
    return s3::S3Error(s3::S3Error::Kind::Auth,
                       QCoreApplication::translate("s3ui::KeychainSecretStore", "System keychain: cannot %1 (%2: %3); %4")
                           .arg(what, keychainErrorName(job->error()), job->errorString(), hint));
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString serviceName, QObject *parent)
    : SecretStore(parent)
    , m_service(std::move(serviceName))
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

void KeychainSecretStore::readSecret(const QString &id, QObject *context, ReadCallback callback)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(id);
    // The context is the receiver: when it dies first, the connection goes and the callback is dropped.
    connect(job, &QKeychain::Job::finished, context ? context : this,
            [this, callback = std::move(callback)](QKeychain::Job *j) {
                auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
                if (read->error() == QKeychain::NoError) {
                    setAvailability(true, {});
                    callback(read->textData());
                } else if (read->error() == QKeychain::EntryNotFound) {
                    setAvailability(true, {});
                    callback(QString());
                } else {
                    const s3::S3Error error = keychainError(tr("read the secret"), read);
                    if (isBackendFailure(read->error()))
                        setAvailability(false, error.message());
                    callback(error);
                }
            });
    job->start();
}

void KeychainSecretStore::writeSecret(const QString &id, const QString &secret, QObject *context, DoneCallback callback)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(id);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, context ? context : this,
            [this, callback = std::move(callback)](QKeychain::Job *j) {
                if (j->error() == QKeychain::NoError) {
                    setAvailability(true, {});
                    callback(s3::Ok{});
                    return;
                }
                const s3::S3Error error = keychainError(tr("store the secret"), j);
                if (isBackendFailure(j->error()))
                    setAvailability(false, error.message());
                callback(error);
            });
    job->start();
}

void KeychainSecretStore::deleteSecret(const QString &id, QObject *context, DoneCallback callback)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(id);
    connect(job, &QKeychain::Job::finished, context ? context : this,
            [this, callback = std::move(callback)](QKeychain::Job *j) {
                if (j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound) {
                    setAvailability(true, {});
                    callback(s3::Ok{});
                    return;
                }
                const s3::S3Error error = keychainError(tr("delete the secret"), j);
                if (isBackendFailure(j->error()))
                    setAvailability(false, error.message());
                callback(error);
            });
    job->start();
}

void KeychainSecretStore::probeAvailability(QObject *context, AvailabilityCallback callback)
{
    // QtKeychain 0.13 has no isAvailable(): a read of an entry that need not exist tells whether the backend
    // answers (found or EntryNotFound) or not.
    readSecret(ProbeKey, context, [this, callback = std::move(callback)](const s3::Result<QString> &result) {
        Q_UNUSED(result)
        if (callback)
            callback(m_available, m_reason);
    });
}

void KeychainSecretStore::setAvailability(bool available, const QString &reason)
{
    const bool changed = !m_known || m_available != available;
    m_known = true;
    m_available = available;
    m_reason = available ? QString() : reason;
    if (changed)
        Q_EMIT availabilityChanged(available);
}

// ---------------------------------------------------------------------------------------------------------------

MemorySecretStore::MemorySecretStore(QObject *parent)
    : SecretStore(parent)
{
}

MemorySecretStore::~MemorySecretStore() = default;

void MemorySecretStore::readSecret(const QString &id, QObject *context, ReadCallback callback)
{
    // Answered on the event loop, as the keychain does: callers cannot come to rely on a synchronous answer.
    QTimer::singleShot(0, context ? context : this,
                       [secret = m_secrets.value(id), callback = std::move(callback)] { callback(secret); });
}

void MemorySecretStore::writeSecret(const QString &id, const QString &secret, QObject *context, DoneCallback callback)
{
    m_secrets.insert(id, secret);
    QTimer::singleShot(0, context ? context : this, [callback = std::move(callback)] { callback(s3::Ok{}); });
}

void MemorySecretStore::deleteSecret(const QString &id, QObject *context, DoneCallback callback)
{
    m_secrets.remove(id);
    QTimer::singleShot(0, context ? context : this, [callback = std::move(callback)] { callback(s3::Ok{}); });
}

void MemorySecretStore::probeAvailability(QObject *context, AvailabilityCallback callback)
{
    QTimer::singleShot(0, context ? context : this, [callback = std::move(callback)] {
        if (callback)
            callback(true, QString());
    });
}

} // namespace s3ui
