// SPDX-License-Identifier: Apache-2.0
// s3desk-cli sso login: the device sign-in to IAM Identity Center, on the terminal.
#include <QProcess>
#include <QProcessEnvironment>

#include "cliapp.h"
#include "s3core/auth/ssoconfig.h"
#include "s3core/textescape.h"

namespace s3cli {

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

// A browser can only come up where there is a display to show it on.
bool hasDisplay(const QProcessEnvironment &environment)
{
#if defined(Q_OS_MACOS) || defined(Q_OS_WIN)
    Q_UNUSED(environment)
    return true;
#else
    return !environment.value(u"DISPLAY"_s).isEmpty() || !environment.value(u"WAYLAND_DISPLAY"_s).isEmpty();
#endif
}

bool openBrowser(const QString &url)
{
#if defined(Q_OS_MACOS)
    return QProcess::startDetached(u"open"_s, {url});
#elif defined(Q_OS_WIN)
    return QProcess::startDetached(u"rundll32"_s, {u"url.dll,FileProtocolHandler"_s, url});
#else
    return QProcess::startDetached(u"xdg-open"_s, {url});
#endif
}

} // namespace

void CliApp::commandSso()
{
    const bool noBrowser = takeFlag(u"--no-browser"_s);
    if (m_positionals.value(0) != u"login"_s) {
        usageError(m_positionals.isEmpty() ? u"sso needs a subcommand: sso login [--profile NAME] [--no-browser]"_s
                                           : u"unknown sso subcommand '%1' (there is: login)"_s.arg(m_positionals.first()));
        return;
    }
    m_positionals.removeFirst();
    if (!expectPositionals(0, u"sso login [--profile NAME] [--no-browser]"_s))
        return;

    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString profileName = m_connection.profile;
    if (profileName.isEmpty())
        profileName = environment.value(u"AWS_PROFILE"_s).trimmed();
    if (profileName.isEmpty())
        profileName = u"default"_s;
    const Result<AwsProfile> profile = loadAwsProfile(profileName, AwsSharedFiles::fromEnvironment(environment));
    if (!profile)
        return failWith(profile.error());
    // An sso-session profile without an account and role can still sign in (as with aws sso login).
    const Result<std::optional<SsoConfig>> config = ssoConfigFromProfile(*profile, false);
    if (!config)
        return failWith(config.error());
    if (!config->has_value()) {
        return failWith(S3Error::invalid(u"profile '%1' in %2 is not configured for IAM Identity Center: it has no sso_session "
                                         "(nor sso_start_url and sso_region)"_s.arg(profileName, profile->configSource)));
    }
    const SsoConfig sso = **config;
    SsoEndpoints endpoints = SsoEndpoints::forRegion(sso.region, environment);
    endpoints.caCertificates = caCertificatesFromBundle(caBundlePath(m_connection.caBundle, *profile, environment));
    m_signIn = std::make_unique<SsoDeviceAuthorization>(&m_network, sso, ssoCacheFolder(environment), std::move(endpoints));
    const bool browser = !noBrowser && hasDisplay(environment);
    connect(m_signIn.get(), &SsoDeviceAuthorization::pendingAuthorization, this,
            [this, browser](const SsoPendingAuthorization &authorization) {
                // The address and code come from the service: no control character reaches the terminal.
                const QString uri = escapeControlCharacters(authorization.verificationUriComplete);
                if (browser && openBrowser(authorization.verificationUriComplete)) {
                    m_out << "Attempting to open the sign-in page in your default browser.\n"
                             "If it does not open, or to sign in on another device, open this address:\n";
                } else {
                    m_out << "To sign in, open this address in a browser:\n";
                }
                m_out << "\n  " << uri << "\n\nand confirm that it shows the code:\n\n  "
                      << escapeControlCharacters(authorization.userCode) << "\n\nWaiting for the confirmation (until "
                      << authorization.expiresAt.toLocalTime().toString(u"HH:mm:ss"_s) << ")..." << Qt::endl;
            });
    connect(m_signIn.get(), &SsoDeviceAuthorization::finished, this, [this, sso] {
        if (m_signIn->error().isError())
            return failWith(m_signIn->error());
        m_out << "Signed in to " << escapeControlCharacters(sso.startUrl) << " (token saved in " << m_signIn->tokenPath()
              << ", valid until " << m_signIn->token().expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) << ")"
              << Qt::endl;
        done(ExitOk);
    });
    m_signIn->start();
}

} // namespace s3cli
