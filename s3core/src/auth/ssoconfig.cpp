// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/ssoconfig.h"

#include <QDir>

#include "s3core/config.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

Result<std::optional<SsoConfig>> ssoConfigFromProfile(const AwsProfile &profile, bool requireRole)
{
    const bool anySsoKey = !profile.ssoSession.isEmpty() || !profile.ssoStartUrl.isEmpty() || !profile.ssoRegion.isEmpty()
        || !profile.ssoAccountId.isEmpty() || !profile.ssoRoleName.isEmpty();
    if (!anySsoKey)
        return std::optional<SsoConfig>();

    const QString where = profile.configSource.isEmpty() ? u"the config file"_s : profile.configSource;
    SsoConfig config;
    config.profile = profile.name;
    config.accountId = profile.ssoAccountId;
    config.roleName = profile.ssoRoleName;
    config.startUrl = profile.ssoStartUrl;
    config.region = profile.ssoRegion;

    if (!profile.ssoSession.isEmpty()) {
        if (!profile.ssoSessionFound) {
            return S3Error::invalid(u"profile '%1' names sso_session '%2', but %3 has no [sso-session %2] section"_s
                                        .arg(profile.name, profile.ssoSession, where));
        }
        // As botocore: the profile may repeat the session's values, but not contradict them.
        for (const auto &[key, mine, theirs] : {std::tuple{u"sso_start_url"_s, profile.ssoStartUrl, profile.ssoSessionStartUrl},
                                               std::tuple{u"sso_region"_s, profile.ssoRegion, profile.ssoSessionRegion}}) {
            if (!mine.isEmpty() && !theirs.isEmpty() && mine != theirs) {
                return S3Error::invalid(u"profile '%1' in %2: %3 is '%4' but its [sso-session %5] says '%6'; remove it from the profile"_s
                                            .arg(profile.name, where, key, mine, profile.ssoSession, theirs));
            }
        }
        config.sessionName = profile.ssoSession;
        config.startUrl = profile.ssoSessionStartUrl.isEmpty() ? profile.ssoStartUrl : profile.ssoSessionStartUrl;
        config.region = profile.ssoSessionRegion.isEmpty() ? profile.ssoRegion : profile.ssoSessionRegion;
        config.registrationScopes = profile.ssoRegistrationScopes;
    }

    QStringList missing;
    if (config.startUrl.isEmpty())
        missing << u"sso_start_url"_s;
    if (config.region.isEmpty())
        missing << u"sso_region"_s;
    if (requireRole && config.accountId.isEmpty())
        missing << u"sso_account_id"_s;
    if (requireRole && config.roleName.isEmpty())
        missing << u"sso_role_name"_s;
    if (!missing.isEmpty()) {
        const QString place = config.sessionName.isEmpty()
            ? u"the profile"_s
            : u"the profile or its [sso-session %1]"_s.arg(config.sessionName);
        return S3Error::invalid(u"profile '%1' in %2 is configured for IAM Identity Center (SSO) but lacks %3 (in %4)"_s
                                    .arg(profile.name, where, missing.join(u", "_s), place));
    }
    // The region becomes a host name: refuse anything that would change the host.
    for (const QChar c : std::as_const(config.region)) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'-') {
            return S3Error::invalid(u"profile '%1' in %2: sso_region '%3' is not a region name"_s.arg(profile.name, where, config.region));
        }
    }
    return std::optional<SsoConfig>(config);
}

SsoEndpoints SsoEndpoints::forRegion(const QString &region, const QProcessEnvironment &environment)
{
    SsoEndpoints endpoints;
    endpoints.oidc = environment.value(u"S3DESK_SSO_OIDC_ENDPOINT"_s).trimmed();
    endpoints.portal = environment.value(u"S3DESK_SSO_PORTAL_ENDPOINT"_s).trimmed();
    if (endpoints.oidc.isEmpty())
        endpoints.oidc = u"https://oidc.%1.amazonaws.com"_s.arg(region);
    if (endpoints.portal.isEmpty())
        endpoints.portal = u"https://portal.sso.%1.amazonaws.com"_s.arg(region);
    while (endpoints.oidc.endsWith(u'/'))
        endpoints.oidc.chop(1);
    while (endpoints.portal.endsWith(u'/'))
        endpoints.portal.chop(1);
    return endpoints;
}

QString ssoCacheFolder(const QProcessEnvironment &environment)
{
    QString home = environment.value(u"HOME"_s);
    if (home.isEmpty())
        home = environment.value(u"USERPROFILE"_s);
    if (home.isEmpty())
        home = QDir::homePath();
    return home + u"/.aws/sso/cache"_s;
}

} // namespace s3
