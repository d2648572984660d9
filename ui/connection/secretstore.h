// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QHash>
#include <QObject>
#include <QString>

#include "s3core/result.h"

namespace s3ui {

/**
 * Where the secret keys of saved connections live, keyed by the connection's id. Asynchronous: every call
 * returns at once and its callback runs later on the event loop (never inside the call), exactly once,
 * and not at all if `context` is destroyed first. Secrets never appear in a message or a log line.
 *
 * `context` may be null: the callback then lives as long as the store.
 *
 * readSecret() of an id that has no entry answers an empty string (not an error): the caller then asks the
 * user. An error means the store could not be used (no keychain, access denied...); its message says why.
 */
class SecretStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)
public:
    using ReadCallback = std::function<void(const s3::Result<QString> &secret)>;
    using DoneCallback = std::function<void(const s3::Result<s3::Ok> &result)>;
    using AvailabilityCallback = std::function<void(bool available, const QString &reason)>;

    explicit SecretStore(QObject *parent = nullptr) : QObject(parent) {}
    ~SecretStore() override = default;

    virtual void readSecret(const QString &id, QObject *context, ReadCallback callback) = 0;
    virtual void writeSecret(const QString &id, const QString &secret, QObject *context, DoneCallback callback) = 0;
    /** Deleting an entry that does not exist succeeds. */
    virtual void deleteSecret(const QString &id, QObject *context, DoneCallback callback) = 0;

    /** True once a probe found the store usable (false before the first probe has answered). */
    virtual bool isAvailable() const = 0;
    /** True once a probe has answered (so a false isAvailable() is a fact, not "not known yet"). */
    virtual bool isAvailabilityKnown() const = 0;
    /** Finds out whether the store can be used; also emits availabilityChanged() when the answer is new. */
    virtual void probeAvailability(QObject *context, AvailabilityCallback callback) = 0;
    /** Why the store is not available (empty when it is, or before a probe). */
    virtual QString unavailableReason() const = 0;

Q_SIGNALS:
    void availabilityChanged(bool available);
};

/**
 * The system keychain through QtKeychain (Secret Service / gnome-keyring or KWallet on Linux, the Keychain
 * on macOS, the Credential Manager on Windows), under the service name "S3Desk". Never falls back to a
 * plain-text file (QtKeychain's insecure fallback stays off): without a keychain every call fails, and the
 * UI asks for the secret each time instead.
 */
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)
public:
    static QString defaultServiceName() { return QStringLiteral("S3Desk"); }

    explicit KeychainSecretStore(QString serviceName = defaultServiceName(), QObject *parent = nullptr);
    ~KeychainSecretStore() override;

    QString serviceName() const { return m_service; }

    void readSecret(const QString &id, QObject *context, ReadCallback callback) override;
    void writeSecret(const QString &id, const QString &secret, QObject *context, DoneCallback callback) override;
    void deleteSecret(const QString &id, QObject *context, DoneCallback callback) override;

    bool isAvailable() const override { return m_available; }
    bool isAvailabilityKnown() const override { return m_known; }
    /** Reads a probe entry: "found" and "not found" both mean the keychain answers. */
    void probeAvailability(QObject *context, AvailabilityCallback callback) override;
    QString unavailableReason() const override { return m_reason; }

private:
    void setAvailability(bool available, const QString &reason);

    QString m_service;
    bool m_available = false;
    bool m_known = false;
    QString m_reason;
};

/**
 * Secrets held in memory for this run only: for tests, and for the "ask each time" mode (a secret the user
 * typed is kept until the app quits so that the transfer engine and reconnects need not ask again).
 * Always available.
 */
class MemorySecretStore final : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemorySecretStore)
public:
    explicit MemorySecretStore(QObject *parent = nullptr);
    ~MemorySecretStore() override;

    void readSecret(const QString &id, QObject *context, ReadCallback callback) override;
    void writeSecret(const QString &id, const QString &secret, QObject *context, DoneCallback callback) override;
    void deleteSecret(const QString &id, QObject *context, DoneCallback callback) override;

    bool isAvailable() const override { return true; }
    bool isAvailabilityKnown() const override { return true; }
    void probeAvailability(QObject *context, AvailabilityCallback callback) override;
    QString unavailableReason() const override { return {}; }

    /** Synchronous access (this store needs no waiting): the secret, or empty. */
    QString secret(const QString &id) const { return m_secrets.value(id); }
    bool contains(const QString &id) const { return m_secrets.contains(id); }
    void setSecret(const QString &id, const QString &secret) { m_secrets.insert(id, secret); }
    void removeSecret(const QString &id) { m_secrets.remove(id); }

private:
    QHash<QString, QString> m_secrets;
};

} // namespace s3ui
