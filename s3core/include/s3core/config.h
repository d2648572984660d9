// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QList>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QString>

#include "s3core/auth/credentialsprovider.h"
#include "s3core/auth/mfaprompter.h"
#include "s3core/clock.h"
#include "s3core/endpoint.h"
#include "s3core/net/clockoffset.h"
#include "s3core/result.h"
#include "s3core/s3core_export.h"

class QNetworkAccessManager;

namespace s3 {

/** One profile as ~/.aws/credentials and ~/.aws/config describe it (credentials file wins per field). */
struct AwsProfile
{
    QString name;
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;
    QString region;
    QString endpointUrl;        ///< "endpoint_url", or "endpoint_url" inside "s3 =" / "services" sub-sections
    QString caBundle;           ///< "ca_bundle"
    AddressingStyle addressingStyle = AddressingStyle::Auto; ///< "s3 =\n  addressing_style = path|virtual|auto"
    bool payloadSigningEnabled = false; ///< "s3 =\n  payload_signing_enabled = true": sign part bodies over HTTPS too
    QString credentialsSource;  ///< "<file>" of the credentials, for messages

    // Credential sources other than keys (botocore's names).
    QString roleArn;            ///< "role_arn"
    QString sourceProfile;      ///< "source_profile"
    QString credentialSource;   ///< "credential_source": Environment, Ec2InstanceMetadata, EcsContainer
    QString roleSessionName;    ///< "role_session_name"
    QString externalId;         ///< "external_id"
    QString mfaSerial;          ///< "mfa_serial"
    qint64 durationSeconds = 0; ///< "duration_seconds" (0 = not set)
    QString webIdentityTokenFile; ///< "web_identity_token_file"
    QString credentialProcess;  ///< "credential_process"
    QString stsEndpointUrl;     ///< "endpoint_url" of the "sts" sub-section of the profile's "[services NAME]"
    QString globalEndpointUrl;  ///< the profile's top-level "endpoint_url" (applies to every service)
    bool keysFromCredentialsFile = false; ///< aws_access_key_id came from the credentials file (beats credential_process)
    // IAM Identity Center (SSO): the profile's own keys, and the [sso-session NAME] section it names.
    QString ssoSession;         ///< "sso_session"
    QString ssoStartUrl;        ///< "sso_start_url" in the profile (the legacy form; with sso_session it must match)
    QString ssoRegion;          ///< "sso_region" in the profile (likewise)
    QString ssoAccountId;       ///< "sso_account_id"
    QString ssoRoleName;        ///< "sso_role_name"
    bool ssoSessionFound = false;     ///< the [sso-session NAME] section exists in the config file
    QString ssoSessionStartUrl;       ///< its "sso_start_url"
    QString ssoSessionRegion;         ///< its "sso_region"
    QStringList ssoRegistrationScopes; ///< its "sso_registration_scopes", split at commas
    QString configSource;       ///< the config file, for messages
};

/** Paths of the shared files: AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, else ~/.aws/credentials and ~/.aws/config. */
struct AwsSharedFiles
{
    QString credentialsPath;
    QString configPath;
    static AwsSharedFiles fromEnvironment(const QProcessEnvironment &environment);
};

/**
 * Reads one profile ("default" or a name) from both files. Config sections are "[default]" and
 * "[profile NAME]" (also "[profile default]"); as in botocore, a plain "[NAME]" in the config file is not a
 * profile. Credentials sections are "[NAME]". A missing file
 * contributes nothing; an unreadable or malformed file is an error that names the file and line.
 * A profile found in neither file is an Auth error naming the profile and the files looked at.
 * allowMissing: a missing profile is not an error (used for the implicit "default").
 */
S3CORE_EXPORT Result<AwsProfile> loadAwsProfile(const QString &profile, const AwsSharedFiles &files, bool allowMissing = false);

/** Names of all profiles in both files (for the UI's connection list). */
S3CORE_EXPORT QStringList listAwsProfiles(const AwsSharedFiles &files);

/** What the user said on the command line or in a saved connection; empty fields mean "not given". */
struct ConnectionOptions
{
    QString endpointUrl;
    QString profile;            ///< explicit --profile (beats AWS_PROFILE and environment credentials, as in awscli)
    QString region;
    AddressingStyle addressingStyle = AddressingStyle::Auto;
    bool addressingStyleGiven = false;
    QString caBundle;
    bool anonymous = false;     ///< send unsigned requests (public buckets)
    std::shared_ptr<MfaPrompter> mfaPrompter; ///< asks for MFA codes of assumed roles (null: such roles fail clearly)
    /**
     * The connection's clock offset, shared by its credential providers (STS signatures, expiry checks) and
     * its S3 clients; null: resolveConnection() makes a new one. Give the same one to every resolution of one
     * connection (the app resolves again on the transfer engine's thread).
     */
    std::shared_ptr<ClockOffset> clockOffset;
    /** The local clock of the credential providers (tests pass one that is off); empty: the system clock. */
    Clock clock;
};

/** The outcome of resolution: where to connect and how to get credentials. */
struct ResolvedConnection
{
    Endpoint endpoint;
    std::shared_ptr<CredentialsProvider> credentials; ///< null when anonymous
    QString caBundle;
    QString profile;            ///< the profile that was used, if any
    bool payloadSigningEnabled = false; ///< the profile's "s3 = payload_signing_enabled" (UploadIntegrity::Sha256)
    /** Never null: give it to the connection's S3 clients (S3Client::setClockOffset()). */
    std::shared_ptr<ClockOffset> clockOffset;
};

/**
 * The CA bundle a connection trusts besides the system's CAs, in awscli's order: `explicitBundle` (--ca-bundle,
 * the saved connection's) > AWS_CA_BUNDLE > the profile's ca_bundle; "~/" expanded. Empty: none.
 */
S3CORE_EXPORT QString caBundlePath(const QString &explicitBundle, const AwsProfile &profile, const QProcessEnvironment &environment);

/**
 * The PEM certificates of a CA bundle file (at most 4 MiB read), for the requests that do not go through an
 * S3Client (STS, IAM Identity Center). Empty when the path is empty, unreadable or holds no certificate: the
 * S3Client that loads the same file reports those (S3Client::setCaBundle()).
 */
S3CORE_EXPORT QList<QSslCertificate> caCertificatesFromBundle(const QString &pemPath);

/**
 * Resolves endpoint, region, addressing style and the credentials chain, in awscli's order:
 *  - endpoint: options > AWS_ENDPOINT_URL_S3 > AWS_ENDPOINT_URL > profile endpoint_url > AWS regional endpoint;
 *  - region: options > AWS_REGION > AWS_DEFAULT_REGION > profile region > "us-east-1";
 *  - credentials: user:password in the endpoint URL; else (unless --profile was given) the environment keys;
 *    then the profile's own source in botocore's order: role_arn (assume role; source_profile chains or
 *    credential_source), web identity (AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN or the profile's
 *    web_identity_token_file), keys of the credentials file, credential_process, keys of the config file; then,
 *    when the profile has no source of its own and no --profile was given, the EC2 instance metadata (IMDSv2)
 *    unless AWS_EC2_METADATA_DISABLED=true. A source_profile loop or an incomplete role is an Invalid error.
 *    S3DESK_CREDENTIALS_MAX_LIFETIME=N (seconds) treats temporary credentials as expiring N seconds after they
 *    were fetched (forces rotations for tests and measurements).
 * `network` is used by the providers that fetch over the network (instance metadata, STS); may be null: then no
 * IMDS provider, and STS sources fail with a clear message.
 */
S3CORE_EXPORT Result<ResolvedConnection> resolveConnection(const ConnectionOptions &options,
                                                           const QProcessEnvironment &environment,
                                                           QNetworkAccessManager *network);

} // namespace s3
