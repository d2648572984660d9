// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QProcessEnvironment>
#include <QString>

#include "s3core/auth/credentialsprovider.h"
#include "s3core/endpoint.h"
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
    QString credentialsSource;  ///< "<file>" of the credentials, for messages
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
};

/** The outcome of resolution: where to connect and how to get credentials. */
struct ResolvedConnection
{
    Endpoint endpoint;
    std::shared_ptr<CredentialsProvider> credentials; ///< null when anonymous
    QString caBundle;
    QString profile;            ///< the profile that was used, if any
};

/**
 * Resolves endpoint, region, addressing style and the credentials chain, in awscli's order:
 *  - endpoint: options > AWS_ENDPOINT_URL_S3 > AWS_ENDPOINT_URL > profile endpoint_url > AWS regional endpoint;
 *  - region: options > AWS_REGION > AWS_DEFAULT_REGION > profile region > "us-east-1";
 *  - credentials: user:password in the endpoint URL; else (unless --profile was given) the environment;
 *    then the profile's files; then the EC2 instance metadata (IMDSv2) unless AWS_EC2_METADATA_DISABLED=true.
 * `network` is used only by the instance-metadata provider (may be null: then no IMDS provider).
 */
S3CORE_EXPORT Result<ResolvedConnection> resolveConnection(const ConnectionOptions &options,
                                                           const QProcessEnvironment &environment,
                                                           QNetworkAccessManager *network);

} // namespace s3
