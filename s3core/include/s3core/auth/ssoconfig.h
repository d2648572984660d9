// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>

#include <QList>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

#include "s3core/result.h"
#include "s3core/s3core_export.h"

namespace s3 {

struct AwsProfile;

/**
 * What an IAM Identity Center (SSO) profile says, checked: either the sso_session form (the profile names an
 * [sso-session NAME] section with sso_start_url and sso_region) or the legacy form (sso_start_url and
 * sso_region in the profile itself), plus sso_account_id and sso_role_name.
 */
struct SsoConfig
{
    QString profile;
    QString sessionName;        ///< empty in the legacy form
    QString startUrl;
    QString region;
    QString accountId;
    QString roleName;
    QStringList registrationScopes;
};

/**
 * The SSO settings of a profile: nullopt when the profile has no sso_* key at all (not an SSO profile);
 * an Invalid error naming the profile, the file and every missing key when it is configured only in part,
 * names an [sso-session] that does not exist, or disagrees with its session (as botocore refuses them).
 * requireRole: false for "sign in" (an sso-session profile without account and role can still sign in).
 */
S3CORE_EXPORT Result<std::optional<SsoConfig>> ssoConfigFromProfile(const AwsProfile &profile, bool requireRole = true);

/** The OIDC and portal services of a region, overridable for tests. */
struct SsoEndpoints
{
    QString oidc;   ///< https://oidc.<region>.amazonaws.com, or S3DESK_SSO_OIDC_ENDPOINT
    QString portal; ///< https://portal.sso.<region>.amazonaws.com, or S3DESK_SSO_PORTAL_ENDPOINT
    /** Trusted for both services besides the system's CAs: the connection's ca_bundle, as for S3 and STS. */
    QList<QSslCertificate> caCertificates;

    static SsoEndpoints forRegion(const QString &region, const QProcessEnvironment &environment);
};

/** ~/.aws/sso/cache with the home folder of the given environment (where awscli keeps its SSO tokens). */
S3CORE_EXPORT QString ssoCacheFolder(const QProcessEnvironment &environment);

/** The S3Error code of "no usable SSO token: sign in again" (Kind::Auth). */
inline constexpr char SsoSignInRequiredCode[] = "SsoSignInRequired";

} // namespace s3
