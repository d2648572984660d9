// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <optional>

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QProcessEnvironment>
#include <QSettings>
#include <QString>

#include "connection/session.h"
#include "s3core/endpoint.h"
#include "s3core/result.h"

namespace s3 {
class MfaPrompter;
}

namespace s3ui {

/**
 * One entry of the connection list. A value type without the secret key: the secret lives in a SecretStore
 * (the system keychain) under the profile's id, never here.
 *
 * Saved profiles are the user's own (stored by ConnectionStore). AwsProfile ones mirror a profile of
 * ~/.aws/credentials or ~/.aws/config: read-only, name = the profile name, the other fields are shown for
 * information only (connecting resolves the profile afresh through s3::resolveConnection).
 */
struct ConnectionProfile
{
    enum class Kind {
        Saved,
        AwsProfile,
    };

    QString id;          ///< stable and file-name safe (a QUuid for saved ones, "aws-<percent-encoded name>")
    QString name;
    QString endpointUrl; ///< empty: AWS (https://s3.<region>.amazonaws.com)
    QString region;      ///< empty: us-east-1, or the region an AWS endpoint URL names
    s3::AddressingStyle addressing = s3::AddressingStyle::Auto;
    QString accessKeyId; ///< empty (saved profiles): anonymous, unsigned requests (public buckets)
    QString caBundle;    ///< PEM file trusted in addition to the system's CAs; empty: none
    QString bucket;      ///< open this bucket directly (keys without s3:ListAllMyBuckets can still browse)
    QString prefix;      ///< ...at this prefix (only with a bucket)
    Kind kind = Kind::Saved;

    bool isReadOnly() const { return kind == Kind::AwsProfile; }
    /** A saved profile with an access key: a secret must come from the keychain or the user before connecting. */
    bool needsSecret() const { return kind == Kind::Saved && !accessKeyId.isEmpty(); }

    /** Checks the fields a saved profile needs; the error message names the field and what is wrong. */
    s3::Result<s3::Ok> validate() const;

    /** A fresh id for a new saved profile. */
    static QString newId();
    /** The id of the read-only entry for the AWS profile `profileName`. */
    static QString awsProfileId(const QString &profileName);

    bool operator==(const ConnectionProfile &other) const = default;
};

/** "auto", "path", "virtual" (the words of the AWS config files' addressing_style). */
QString addressingStyleName(s3::AddressingStyle style);
/** The inverse of addressingStyleName(); unknown words give Auto. */
s3::AddressingStyle addressingStyleFromName(const QString &name);

/**
 * The connection profiles of the connection list: saved ones, kept in an INI file (QSettings) that never
 * holds a secret, and the read-only profiles of the AWS shared files (~/.aws/credentials, ~/.aws/config,
 * or AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE of the environment given). Reads the small files on the
 * calling thread. Every change is written to the file at once and announced with changed().
 */
class ConnectionStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionStore)
public:
    /**
     * settingsPath: the INI file of the saved connections (created when the first one is saved).
     * environment: where the AWS shared files are looked for (and what AWS profiles resolve with).
     */
    explicit ConnectionStore(const QString &settingsPath,
                             QProcessEnvironment environment = QProcessEnvironment::systemEnvironment(),
                             QObject *parent = nullptr);
    ~ConnectionStore() override;

    QString settingsPath() const;
    const QProcessEnvironment &environment() const { return m_environment; }

    /** Saved profiles in the user's order (the order they were added). */
    const QList<ConnectionProfile> &savedProfiles() const { return m_saved; }
    /** Read-only profiles of the AWS shared files ("default" first, then by name). */
    const QList<ConnectionProfile> &awsProfiles() const { return m_aws; }
    /** A profile of either kind by id. */
    std::optional<ConnectionProfile> profile(const QString &id) const;

    /**
     * Adds a saved profile (kind forced to Saved; a missing id is generated) and returns its id; an error
     * if the profile does not validate or the settings file cannot be written.
     */
    s3::Result<QString> add(ConnectionProfile profile);
    /** Replaces the saved profile with the same id; an error if there is none or the file cannot be written. */
    s3::Result<s3::Ok> update(const ConnectionProfile &profile);
    /** Removes a saved profile (its secret is the caller's to delete); false if there was none. */
    bool remove(const QString &id);

    /** Lists the AWS shared files' profiles again (they may have changed on disk). */
    void reloadAwsProfiles();

Q_SIGNALS:
    /** Any list changed (saved profile added, updated, removed; AWS profiles reloaded). */
    void changed();

private:
    void load();
    s3::Result<s3::Ok> save();

    QSettings m_settings;
    QProcessEnvironment m_environment;
    QList<ConnectionProfile> m_saved;
    QList<ConnectionProfile> m_aws;
};

/**
 * What Session::open() needs for a profile. AWS profiles resolve through s3::resolveConnection with
 * options.profile = the profile's name (endpoint, region, credentials, CA as awscli would use them); saved
 * ones use their endpoint, region, addressing and CA with static credentials (access key + `secretKey`;
 * no access key: anonymous). The secret is captured by the resolver only, never logged.
 * stateDir: folder of the transfer queue file (see SessionConfig::stateDir).
 */
SessionConfig sessionConfigFor(const ConnectionProfile &profile, const QString &secretKey, const QString &stateDir,
                               const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                               std::shared_ptr<s3::MfaPrompter> mfaPrompter = {});

} // namespace s3ui

Q_DECLARE_METATYPE(s3ui::ConnectionProfile)
