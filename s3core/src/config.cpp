// SPDX-License-Identifier: Apache-2.0
#include "s3core/config.h"

#include <algorithm>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QUrl>

#include "s3core/auth/assumeroleprovider.h"
#include "s3core/auth/credentialprocessprovider.h"
#include "s3core/auth/webidentityprovider.h"
#include "s3core/auth/ssocredentialsprovider.h"
#include "s3core/logging.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

// ---------------------------------------------------------------------------------------------------------------
// The shared-file reader. It follows botocore (configparser in raw mode plus botocore's nested values):
//  - "[name]" starts a section; "#" or ";" as the first non-blank character makes a comment line;
//  - "key = value" (or "key: value"); keys are case-insensitive (lower-cased), values are trimmed;
//  - a line indented deeper than the key line before it continues that key's value; a key whose first
//    line is empty and that has continuation lines is a sub-section ("s3 =\n  addressing_style = path");
//  - anything else is an error naming file and line (never echoing the line: it may hold a secret).

struct IniValue
{
    QString value;                  // plain value (continuation lines joined with '\n')
    QHash<QString, QString> nested; // sub-section, when isNested
    bool isNested = false;
};

using IniSection = QHash<QString, IniValue>;

struct IniFile
{
    QString path;
    QHash<QString, IniSection> sections;
    QStringList order; // section names in first-seen order
};

S3Error lineError(const QString &path, int line, const QString &what)
{
    return S3Error::invalid(QStringLiteral("%1 line %2: %3").arg(path, QString::number(line), what));
}

int indentation(const QString &line)
{
    int i = 0;
    while (i < line.size() && (line.at(i) == QLatin1Char(' ') || line.at(i) == QLatin1Char('\t')))
        ++i;
    return i;
}

// Index of the first '=' or ':' (configparser's delimiters), or -1.
qsizetype delimiterIndex(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('=') || text.at(i) == QLatin1Char(':'))
            return i;
    }
    return -1;
}

Result<IniFile> parseIniFile(const QString &path)
{
    IniFile file;
    file.path = path;
    if (path.isEmpty() || !QFileInfo::exists(path))
        return file; // a missing file contributes nothing

    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return S3Error::io(QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    QString text = QString::fromUtf8(f.readAll());
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    const QStringList lines = text.split(QLatin1Char('\n'));

    QString section;      // current section; empty before the first header
    bool inSection = false;
    QString key;          // current key; empty when none
    int keyIndent = 0;
    QList<QPair<int, QString>> continuation;

    // Closes the current key: turns "key =" plus continuation lines into a sub-section.
    const auto closeKey = [&]() -> Result<Ok> {
        if (key.isEmpty())
            return Ok{};
        IniValue &value = file.sections[section][key];
        if (value.value.isEmpty() && !continuation.isEmpty()) {
            value.isNested = true;
            for (const auto &[lineNo, content] : continuation) {
                const qsizetype eq = content.indexOf(QLatin1Char('='));
                if (eq <= 0)
                    return lineError(path, lineNo, QStringLiteral("expected 'key = value' in the '%1' sub-section").arg(key));
                value.nested.insert(content.left(eq).trimmed().toLower(), content.mid(eq + 1).trimmed());
            }
        } else {
            for (const auto &entry : continuation)
                value.value += QLatin1Char('\n') + entry.second;
        }
        key.clear();
        continuation.clear();
        return Ok{};
    };

    for (int i = 0; i < lines.size(); ++i) {
        const int lineNo = i + 1;
        QString line = lines.at(i);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')) || trimmed.startsWith(QLatin1Char(';')))
            continue;
        const int indent = indentation(line);
        if (!key.isEmpty() && indent > keyIndent) {
            continuation.append({lineNo, trimmed});
            continue;
        }
        if (Result<Ok> closed = closeKey(); !closed)
            return closed.error();

        if (trimmed.startsWith(QLatin1Char('['))) {
            const qsizetype close = trimmed.lastIndexOf(QLatin1Char(']'));
            if (close < 0)
                return lineError(path, lineNo, QStringLiteral("expected ']' to close the section name"));
            section = trimmed.mid(1, close - 1).trimmed();
            if (section.isEmpty())
                return lineError(path, lineNo, QStringLiteral("empty section name"));
            inSection = true;
            if (!file.sections.contains(section)) {
                file.sections.insert(section, IniSection());
                file.order.append(section);
            }
            continue;
        }
        const qsizetype eq = delimiterIndex(trimmed);
        if (eq <= 0)
            return lineError(path, lineNo, QStringLiteral("expected 'key = value'"));
        if (!inSection)
            return lineError(path, lineNo, QStringLiteral("'key = value' before any [section]"));
        key = trimmed.left(eq).trimmed().toLower();
        keyIndent = indent;
        // Duplicate keys: the later one wins (configparser would refuse; being lenient costs nothing here).
        file.sections[section][key] = IniValue{trimmed.mid(eq + 1).trimmed(), {}, false};
    }
    if (Result<Ok> closed = closeKey(); !closed)
        return closed.error();
    return file;
}

// "[profile dev]" -> "dev", "[profile "my dev"]" -> "my dev", "[default]" -> "default"; otherwise empty
// (botocore ignores other config sections as profiles: "[dev]" in the config file is not profile dev).
QString configProfileName(const QString &section)
{
    if (section == QLatin1String("default"))
        return section;
    if (!section.startsWith(QLatin1String("profile")) || section.size() <= 7 || !section.at(7).isSpace())
        return {};
    QString name = section.mid(7).trimmed();
    if (name.size() >= 2
        && ((name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"')))
            || (name.startsWith(QLatin1Char('\'')) && name.endsWith(QLatin1Char('\''))))) {
        return name.mid(1, name.size() - 2);
    }
    for (const QChar c : std::as_const(name)) {
        if (c.isSpace())
            return {}; // "profile a b": shlex gives three words, botocore skips it
    }
    return name;
}

struct MergedProfile
{
    IniSection values;
    QHash<QString, QString> origin; // key -> file it came from
    bool found = false;
};

void mergeInto(MergedProfile &merged, const IniSection &section, const QString &path)
{
    merged.found = true;
    for (auto it = section.cbegin(); it != section.cend(); ++it) {
        merged.values.insert(it.key(), it.value());
        merged.origin.insert(it.key(), path);
    }
}

QString plainValue(const IniSection &section, const QString &key)
{
    const auto it = section.constFind(key);
    if (it == section.cend() || it->isNested)
        return {};
    return it->value;
}

QString nestedValue(const IniSection &section, const QString &key, const QString &subKey)
{
    const auto it = section.constFind(key);
    if (it == section.cend() || !it->isNested)
        return {};
    return it->nested.value(subKey);
}

QString lookAtPhrase(const AwsSharedFiles &files)
{
    QStringList paths;
    if (!files.credentialsPath.isEmpty())
        paths << files.credentialsPath;
    if (!files.configPath.isEmpty())
        paths << files.configPath;
    if (paths.isEmpty())
        return QStringLiteral("(no shared files configured)");
    return paths.join(QStringLiteral(" or "));
}

QString homeFrom(const QProcessEnvironment &environment)
{
    QString home = environment.value(QStringLiteral("HOME"));
    if (home.isEmpty())
        home = environment.value(QStringLiteral("USERPROFILE"));
    if (home.isEmpty())
        home = QDir::homePath();
    return home;
}

QString expandTilde(const QString &path, const QString &home)
{
    if (path == QLatin1String("~"))
        return home;
    if (path.startsWith(QLatin1String("~/")) || path.startsWith(QLatin1String("~\\")))
        return home + path.mid(1);
    return path;
}

/** Stands in for the instance-metadata provider when it is switched off, so the chain's error says so. */
class DisabledImdsProvider final : public CredentialsProvider
{
public:
    void resolve(QObject *context, Callback callback) override
    {
        Q_UNUSED(context)
        callback(S3Error(S3Error::Kind::Auth, name() + QStringLiteral(": disabled (AWS_EC2_METADATA_DISABLED=true)")));
    }
    QString name() const override { return QStringLiteral("EC2 instance metadata"); }
};

QString firstNonEmpty(std::initializer_list<QString> values)
{
    for (const QString &v : values) {
        if (!v.isEmpty())
            return v;
    }
    return {};
}


std::shared_ptr<CredentialsProvider> makeImdsProvider(const QProcessEnvironment &environment, QNetworkAccessManager *network)
{
    if (!network)
        return {};
    const auto env = [&environment](const char *name) { return environment.value(QLatin1String(name)).trimmed(); };
    const bool ipv6 = env("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE").compare(QLatin1String("IPv6"), Qt::CaseInsensitive) == 0;
    QString endpoint = env("AWS_EC2_METADATA_SERVICE_ENDPOINT");
    if (endpoint.isEmpty())
        endpoint = ipv6 ? QStringLiteral("http://[fd00:ec2::254]") : QStringLiteral("http://169.254.169.254");
    return std::make_shared<ImdsCredentialsProvider>(network, endpoint);
}

/**
 * STS endpoint, by botocore's rules for a service endpoint: AWS_ENDPOINT_URL_STS, the "sts" endpoint_url of the
 * profile's [services] section, AWS_ENDPOINT_URL, the profile's top-level endpoint_url, else the regional AWS
 * endpoint. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true leaves only the regional endpoint.
 */
QString stsEndpointFor(const AwsProfile &profile, const QProcessEnvironment &environment, const QString &region)
{
    const auto env = [&environment](const char *name) { return environment.value(QLatin1String(name)).trimmed(); };
    const QString regional = QStringLiteral("https://sts.%1.amazonaws.com").arg(region.isEmpty() ? QStringLiteral("us-east-1") : region);
    if (env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
        return regional;
    return firstNonEmpty({env("AWS_ENDPOINT_URL_STS"), profile.stsEndpointUrl, env("AWS_ENDPOINT_URL"), profile.globalEndpointUrl, regional});
}

/** What building a profile's source needs besides the profile. */
struct SourceContext
{
    const AwsSharedFiles &files;
    const QProcessEnvironment &environment;
    QNetworkAccessManager *network;
    std::shared_ptr<MfaPrompter> prompter;
    QString stsEndpoint;
    QString stsRegion;
    QString cacheDirectory;
    qint64 lifetimeCapSeconds;
    QList<QSslCertificate> caCertificates; // the connection's ca_bundle, for STS as for S3
    std::shared_ptr<ClockOffset> clockOffset; // the connection's, for STS and expiry as for S3
    Clock clock;                              // the providers' local clock
};

/**
 * Maps one profile to the provider of its own credential source, in botocore's order: role_arn (assume role,
 * with source_profile or credential_source), web_identity_token_file, IAM Identity Center (sso_session /
 * sso_start_url), keys in the credentials file, credential_process, keys in the
 * config file. Null when the profile's source is plain keys or nothing (ProfileCredentialsProvider reads those
 * and says what is missing). `visited` is the source_profile path so far, for loop detection.
 */
Result<std::shared_ptr<CredentialsProvider>> makeProfileSourceProvider(const AwsProfile &profile, const SourceContext &context,
                                                                       QStringList &visited)
{
    const QString home = homeFrom(context.environment);
    if (!profile.roleArn.isEmpty() && profile.webIdentityTokenFile.isEmpty()) {
        std::shared_ptr<CredentialsProvider> source;
        if (!profile.sourceProfile.isEmpty() && !profile.credentialSource.isEmpty())
            return S3Error::invalid(QStringLiteral("profile '%1' has both source_profile and credential_source: keep one").arg(profile.name));
        if (!profile.sourceProfile.isEmpty()) {
            const QString sourceName = profile.sourceProfile;
            if (sourceName == profile.name) {
                // botocore: a role profile may name itself as the source for its own static keys.
                if (profile.accessKeyId.isEmpty() || profile.secretAccessKey.isEmpty())
                    return S3Error::invalid(QStringLiteral("profile '%1' names itself as source_profile but has no keys of its own")
                                                .arg(profile.name));
                Credentials keys;
                keys.accessKeyId = profile.accessKeyId;
                keys.secretAccessKey = profile.secretAccessKey;
                keys.sessionToken = profile.sessionToken;
                keys.source = QStringLiteral("profile '%1' in %2").arg(profile.name, profile.credentialsSource);
                source = std::make_shared<StaticCredentialsProvider>(keys);
            } else {
                if (visited.contains(sourceName))
                    return S3Error::invalid(QStringLiteral("the source_profile chain loops: %1 -> %2").arg(visited.join(QStringLiteral(" -> ")), sourceName));
                Result<AwsProfile> sourceProfile = loadAwsProfile(sourceName, context.files, false);
                if (!sourceProfile) {
                    S3Error error = sourceProfile.error();
                    error.setMessage(QStringLiteral("source_profile of profile '%1': %2").arg(profile.name, error.message()));
                    return error;
                }
                visited.append(sourceName);
                Result<std::shared_ptr<CredentialsProvider>> inner = makeProfileSourceProvider(*sourceProfile, context, visited);
                if (!inner)
                    return inner.error();
                source = *inner ? std::move(inner).value()
                                : std::make_shared<ProfileCredentialsProvider>(sourceName, context.files.credentialsPath,
                                                                              context.files.configPath);
            }
        } else if (profile.credentialSource == QLatin1String("Environment")) {
            source = std::make_shared<EnvironmentCredentialsProvider>(context.environment);
        } else if (profile.credentialSource == QLatin1String("Ec2InstanceMetadata")) {
            source = makeImdsProvider(context.environment, context.network);
            if (!source)
                return S3Error::invalid(QStringLiteral("profile '%1': credential_source Ec2InstanceMetadata needs network access").arg(profile.name));
        } else if (!profile.credentialSource.isEmpty()) {
            return S3Error::invalid(QStringLiteral("profile '%1': credential_source '%2' is not supported (use Environment or Ec2InstanceMetadata)")
                                        .arg(profile.name, profile.credentialSource.left(60)));
        } else {
            return S3Error::invalid(QStringLiteral("profile '%1' has role_arn but neither source_profile nor credential_source").arg(profile.name));
        }
        AssumeRoleSettings settings;
        settings.profile = profile.name;
        settings.roleArn = profile.roleArn;
        settings.sessionName = profile.roleSessionName;
        settings.externalId = profile.externalId;
        settings.mfaSerial = profile.mfaSerial;
        settings.durationSeconds = profile.durationSeconds;
        settings.stsEndpoint = context.stsEndpoint;
        settings.region = context.stsRegion;
        settings.cacheDirectory = context.cacheDirectory;
        settings.caCertificates = context.caCertificates;
        settings.clockOffset = context.clockOffset;
        auto provider = std::make_shared<AssumeRoleProvider>(settings, std::move(source), context.network, context.prompter,
                                                             context.clock);
        if (context.lifetimeCapSeconds > 0) {
            // Forced rotations must reach STS each time, not come back from the disk cache.
            provider->setLifetimeCap(context.lifetimeCapSeconds);
            provider->setReadCache(false);
        }
        return std::shared_ptr<CredentialsProvider>(std::move(provider));
    }
    if (!profile.webIdentityTokenFile.isEmpty()) {
        WebIdentitySettings web;
        web.profile = profile.name;
        web.tokenFile = expandTilde(profile.webIdentityTokenFile, home);
        web.roleArn = profile.roleArn;
        web.sessionName = profile.roleSessionName;
        web.stsEndpoint = context.stsEndpoint;
        web.region = context.stsRegion;
        web.caCertificates = context.caCertificates;
        web.clockOffset = context.clockOffset;
        if (web.roleArn.isEmpty())
            return S3Error::invalid(QStringLiteral("profile '%1' has web_identity_token_file but no role_arn").arg(profile.name));
        auto provider = std::make_shared<WebIdentityProvider>(web, context.network, context.clock);
        provider->setLifetimeCap(context.lifetimeCapSeconds);
        return std::shared_ptr<CredentialsProvider>(std::move(provider));
    }
    // IAM Identity Center (SSO): sso_session / sso_start_url (botocore's order).
    if (auto sso = SsoCredentialsProvider::forProfile(profile, context.environment, context.network, context.caCertificates,
                                                       correctedClock(context.clock, context.clockOffset)))
        return sso;
    if (profile.keysFromCredentialsFile)
        return std::shared_ptr<CredentialsProvider>();
    if (!profile.credentialProcess.isEmpty()) {
        auto provider = std::make_shared<CredentialProcessProvider>(profile.name, profile.credentialProcess);
        provider->setLifetimeCap(context.lifetimeCapSeconds);
        return std::shared_ptr<CredentialsProvider>(std::move(provider));
    }
    return std::shared_ptr<CredentialsProvider>();
}
} // namespace

// -------------------------------------------------------------------------------------------------------------------

AwsSharedFiles AwsSharedFiles::fromEnvironment(const QProcessEnvironment &environment)
{
    const QString home = homeFrom(environment);
    AwsSharedFiles files;
    files.credentialsPath = environment.value(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"));
    if (files.credentialsPath.isEmpty())
        files.credentialsPath = home + QStringLiteral("/.aws/credentials");
    files.configPath = environment.value(QStringLiteral("AWS_CONFIG_FILE"));
    if (files.configPath.isEmpty())
        files.configPath = home + QStringLiteral("/.aws/config");
    files.credentialsPath = expandTilde(files.credentialsPath, home);
    files.configPath = expandTilde(files.configPath, home);
    return files;
}

Result<AwsProfile> loadAwsProfile(const QString &profile, const AwsSharedFiles &files, bool allowMissing)
{
    const Result<IniFile> credentials = parseIniFile(files.credentialsPath);
    if (!credentials)
        return credentials.error();
    const Result<IniFile> config = parseIniFile(files.configPath);
    if (!config)
        return config.error();

    // Config first, then the credentials file on top: botocore's per-key update.
    MergedProfile merged;
    for (const QString &section : config->order) {
        if (configProfileName(section) == profile && section == QLatin1String("default"))
            mergeInto(merged, config->sections.value(section), config->path);
    }
    for (const QString &section : config->order) {
        if (section != QLatin1String("default") && configProfileName(section) == profile)
            mergeInto(merged, config->sections.value(section), config->path);
    }
    if (credentials->sections.contains(profile))
        mergeInto(merged, credentials->sections.value(profile), credentials->path);

    AwsProfile result;
    result.name = profile;
    if (!merged.found) {
        if (allowMissing)
            return result;
        return S3Error(S3Error::Kind::Auth,
                       QStringLiteral("profile '%1' not found in %2").arg(profile, lookAtPhrase(files)));
    }

    const IniSection &v = merged.values;
    result.accessKeyId = plainValue(v, QStringLiteral("aws_access_key_id"));
    result.secretAccessKey = plainValue(v, QStringLiteral("aws_secret_access_key"));
    result.sessionToken = firstNonEmpty({plainValue(v, QStringLiteral("aws_session_token")),
                                         plainValue(v, QStringLiteral("aws_security_token"))});
    result.region = plainValue(v, QStringLiteral("region"));
    result.caBundle = plainValue(v, QStringLiteral("ca_bundle"));
    result.credentialsSource = merged.origin.value(QStringLiteral("aws_access_key_id"));

    // endpoint_url: "[services NAME]" s3 sub-section > the profile's s3 sub-section > the profile's top level.
    QString servicesEndpoint;
    const QString services = plainValue(v, QStringLiteral("services"));
    if (!services.isEmpty()) {
        const QString sectionName = QStringLiteral("services ") + services;
        if (config->sections.contains(sectionName))
            servicesEndpoint = nestedValue(config->sections.value(sectionName), QStringLiteral("s3"),
                                           QStringLiteral("endpoint_url"));
    }
    result.endpointUrl = firstNonEmpty({servicesEndpoint,
                                        nestedValue(v, QStringLiteral("s3"), QStringLiteral("endpoint_url")),
                                        plainValue(v, QStringLiteral("endpoint_url"))});

    // Credential sources other than keys.
    result.roleArn = plainValue(v, QStringLiteral("role_arn"));
    result.sourceProfile = plainValue(v, QStringLiteral("source_profile"));
    result.credentialSource = plainValue(v, QStringLiteral("credential_source"));
    result.roleSessionName = plainValue(v, QStringLiteral("role_session_name"));
    result.externalId = plainValue(v, QStringLiteral("external_id"));
    result.mfaSerial = plainValue(v, QStringLiteral("mfa_serial"));
    result.webIdentityTokenFile = plainValue(v, QStringLiteral("web_identity_token_file"));
    result.credentialProcess = plainValue(v, QStringLiteral("credential_process"));
    result.globalEndpointUrl = plainValue(v, QStringLiteral("endpoint_url"));
    result.keysFromCredentialsFile = !result.accessKeyId.isEmpty() && result.credentialsSource == credentials->path;
    if (!services.isEmpty()) {
        const QString sectionName = QStringLiteral("services ") + services;
        if (config->sections.contains(sectionName))
            result.stsEndpointUrl = nestedValue(config->sections.value(sectionName), QStringLiteral("sts"),
                                                QStringLiteral("endpoint_url"));
    }
    if (const QString duration = plainValue(v, QStringLiteral("duration_seconds")); !duration.isEmpty()) {
        bool ok = false;
        result.durationSeconds = duration.toLongLong(&ok);
        if (!ok || result.durationSeconds < 900 || result.durationSeconds > 43200)
            return S3Error::invalid(QStringLiteral("profile '%1' in %2: duration_seconds must be a number of seconds from 900 to 43200, not '%3'")
                                        .arg(profile, merged.origin.value(QStringLiteral("duration_seconds")), duration.left(40)));
    }
    // IAM Identity Center (SSO): profile keys plus the [sso-session NAME] section; checked by ssoConfigFromProfile().
    result.configSource = config->path;
    result.ssoSession = plainValue(v, QStringLiteral("sso_session")).trimmed();
    result.ssoStartUrl = plainValue(v, QStringLiteral("sso_start_url")).trimmed();
    result.ssoRegion = plainValue(v, QStringLiteral("sso_region")).trimmed();
    result.ssoAccountId = plainValue(v, QStringLiteral("sso_account_id")).trimmed();
    result.ssoRoleName = plainValue(v, QStringLiteral("sso_role_name")).trimmed();
    if (!result.ssoSession.isEmpty()) {
        const auto session = config->sections.constFind(QStringLiteral("sso-session ") + result.ssoSession);
        if (session != config->sections.cend()) {
            result.ssoSessionFound = true;
            result.ssoSessionStartUrl = plainValue(*session, QStringLiteral("sso_start_url")).trimmed();
            result.ssoSessionRegion = plainValue(*session, QStringLiteral("sso_region")).trimmed();
            const QStringList scopes = plainValue(*session, QStringLiteral("sso_registration_scopes")).split(QLatin1Char(','));
            for (const QString &scope : scopes) {
                if (!scope.trimmed().isEmpty())
                    result.ssoRegistrationScopes.append(scope.trimmed());
            }
        }
    }

    const QString style = nestedValue(v, QStringLiteral("s3"), QStringLiteral("addressing_style")).toLower();
    if (style.isEmpty() || style == QLatin1String("auto")) {
        result.addressingStyle = AddressingStyle::Auto;
    } else if (style == QLatin1String("path")) {
        result.addressingStyle = AddressingStyle::Path;
    } else if (style == QLatin1String("virtual")) {
        result.addressingStyle = AddressingStyle::VirtualHost;
    } else {
        return S3Error::invalid(QStringLiteral("profile '%1' in %2: s3 addressing_style must be path, virtual or auto, not '%3'")
                                    .arg(profile, merged.origin.value(QStringLiteral("s3")), style));
    }
    // botocore's switch for signing payloads over HTTPS too (it signs over plain HTTP anyway).
    const QString signing = nestedValue(v, QStringLiteral("s3"), QStringLiteral("payload_signing_enabled")).trimmed().toLower();
    if (signing == QLatin1String("true")) {
        result.payloadSigningEnabled = true;
    } else if (!signing.isEmpty() && signing != QLatin1String("false")) {
        return S3Error::invalid(QStringLiteral("profile '%1' in %2: s3 payload_signing_enabled must be true or false, not '%3'")
                                    .arg(profile, merged.origin.value(QStringLiteral("s3")), signing));
    }
    return result;
}

QStringList listAwsProfiles(const AwsSharedFiles &files)
{
    QStringList names;
    const auto add = [&names](const QString &name) {
        if (!name.isEmpty() && !names.contains(name))
            names.append(name);
    };
    if (const Result<IniFile> credentials = parseIniFile(files.credentialsPath)) {
        for (const QString &section : credentials->order)
            add(section);
    } else {
        qCWarning(lcS3Auth).noquote() << credentials.error().message();
    }
    if (const Result<IniFile> config = parseIniFile(files.configPath)) {
        for (const QString &section : config->order)
            add(configProfileName(section));
    } else {
        qCWarning(lcS3Auth).noquote() << config.error().message();
    }
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        const bool aDefault = a == QLatin1String("default");
        const bool bDefault = b == QLatin1String("default");
        if (aDefault != bDefault)
            return aDefault;
        return a.localeAwareCompare(b) < 0;
    });
    return names;
}

QString caBundlePath(const QString &explicitBundle, const AwsProfile &profile, const QProcessEnvironment &environment)
{
    return expandTilde(firstNonEmpty({explicitBundle.trimmed(), environment.value(u"AWS_CA_BUNDLE"_s).trimmed(), profile.caBundle}),
                       homeFrom(environment));
}

QList<QSslCertificate> caCertificatesFromBundle(const QString &pemPath)
{
    if (pemPath.isEmpty())
        return {};
    QFile bundle(pemPath);
    if (!bundle.open(QIODevice::ReadOnly))
        return {};
    return QSslCertificate::fromData(bundle.read(4 * 1024 * 1024), QSsl::Pem);
}

Result<ResolvedConnection> resolveConnection(const ConnectionOptions &options, const QProcessEnvironment &environment,
                                             QNetworkAccessManager *network)
{
    const auto env = [&environment](const char *name) { return environment.value(QLatin1String(name)).trimmed(); };
    const AwsSharedFiles files = AwsSharedFiles::fromEnvironment(environment);

    // Profile: --profile, else AWS_PROFILE, else "default". Only the implicit default may be absent.
    const bool explicitProfile = !options.profile.isEmpty();
    const QString envProfile = env("AWS_PROFILE");
    const QString profileName = firstNonEmpty({options.profile, envProfile, QStringLiteral("default")});
    const bool implicitDefault = !explicitProfile && envProfile.isEmpty();
    bool profileFound = true;
    Result<AwsProfile> loaded = loadAwsProfile(profileName, files, false);
    if (!loaded) {
        if (!(implicitDefault && loaded.error().kind() == S3Error::Kind::Auth))
            return loaded.error();
        profileFound = false;
        loaded = AwsProfile{};
        loaded->name = profileName;
    }
    const AwsProfile &profile = *loaded;

    ResolvedConnection resolved;
    resolved.profile = profileFound ? profileName : QString();
    resolved.payloadSigningEnabled = profile.payloadSigningEnabled;
    resolved.clockOffset = options.clockOffset ? options.clockOffset : std::make_shared<ClockOffset>();

    // Without any configured region an AWS endpoint URL's own region ("s3.eu-west-1.amazonaws.com") is used,
    // else us-east-1 (Endpoint::parse does both).
    const QString configuredRegion =
        firstNonEmpty({options.region.trimmed(), env("AWS_REGION"), env("AWS_DEFAULT_REGION"), profile.region});
    const AddressingStyle style = options.addressingStyleGiven ? options.addressingStyle : profile.addressingStyle;

    // AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true: only an explicit endpoint counts (botocore's switch).
    const bool ignoreConfigured = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    const QString endpointUrl = ignoreConfigured
        ? options.endpointUrl.trimmed()
        : firstNonEmpty({options.endpointUrl.trimmed(), env("AWS_ENDPOINT_URL_S3"), env("AWS_ENDPOINT_URL"), profile.endpointUrl});
    // User info is credentials: split it off before the URL goes anywhere a message could quote it.
    QUrl endpointQUrl(endpointUrl);
    const Credentials fromUrl = credentialsFromUrl(endpointQUrl);
    QString endpointForParse = endpointUrl;
    if (!endpointQUrl.userInfo().isEmpty()) {
        endpointQUrl.setUserInfo(QString());
        endpointForParse = endpointQUrl.toString();
    } else if (urlHasUserInfo(endpointUrl)) {
        // "KEY:SE/CRET@host": the secret ends the authority early, so no parser sees it as user info.
        return S3Error::invalid(QStringLiteral("the endpoint URL \"%1\" has credentials that do not parse (a '/' in the secret "
                                               "must be written %2F); better, give them in AWS_ACCESS_KEY_ID/"
                                               "AWS_SECRET_ACCESS_KEY or ~/.aws/credentials")
                                    .arg(redactUrlUserInfo(endpointUrl)));
    }
    if (endpointUrl.isEmpty()) {
        resolved.endpoint = Endpoint::aws(firstNonEmpty({configuredRegion, QStringLiteral("us-east-1")}));
        resolved.endpoint.setStyle(style);
    } else {
        Result<Endpoint> endpoint = Endpoint::parse(endpointForParse, configuredRegion, style);
        if (!endpoint)
            return endpoint.error();
        resolved.endpoint = std::move(endpoint).value();
    }

    resolved.caBundle = caBundlePath(options.caBundle, profile, environment);

    if (options.anonymous)
        return resolved; // unsigned requests: no credentials at all

    // user:password in the endpoint URL beats everything else.
    if (fromUrl.isComplete()) {
        resolved.credentials = std::make_shared<StaticCredentialsProvider>(fromUrl);
        return resolved;
    }
    if (!fromUrl.accessKeyId.isEmpty() || !fromUrl.secretAccessKey.isEmpty())
        return S3Error::invalid(QStringLiteral("the endpoint URL has user info but not both an access key id and a secret "
                                               "(expected scheme://KEY:SECRET@host)"));

    SourceContext context{files, environment, network, options.mfaPrompter, stsEndpointFor(profile, environment, configuredRegion),
                          firstNonEmpty({configuredRegion, QStringLiteral("us-east-1")}),
                          homeFrom(environment) + QStringLiteral("/.aws/cli/cache"), 0, {},
                          resolved.clockOffset, options.clock ? options.clock : systemClock()};
    context.caCertificates = caCertificatesFromBundle(resolved.caBundle);
    if (const QString cap = env("S3DESK_CREDENTIALS_MAX_LIFETIME"); !cap.isEmpty()) {
        bool ok = false;
        context.lifetimeCapSeconds = cap.toLongLong(&ok);
        if (!ok || context.lifetimeCapSeconds < 1)
            return S3Error::invalid(QStringLiteral("S3DESK_CREDENTIALS_MAX_LIFETIME must be a number of seconds, not '%1'").arg(cap.left(40)));
    }

    auto chain = std::make_shared<CredentialsProviderChain>();
    if (!explicitProfile)
        chain->append(std::make_shared<EnvironmentCredentialsProvider>(environment));
    // Web identity from the environment applies unless the profile assumes a role of its own (botocore's order:
    // assume role, then web identity).
    const bool profileAssumesRole = !profile.roleArn.isEmpty() && profile.webIdentityTokenFile.isEmpty();
    const QString envTokenFile = env("AWS_WEB_IDENTITY_TOKEN_FILE");
    const QString envRoleArn = env("AWS_ROLE_ARN");
    std::shared_ptr<CredentialsProvider> own;
    if (!profileAssumesRole && (!envTokenFile.isEmpty() || !profile.webIdentityTokenFile.isEmpty())) {
        WebIdentitySettings web;
        web.profile = envTokenFile.isEmpty() ? profile.name : QString();
        web.tokenFile = expandTilde(firstNonEmpty({envTokenFile, profile.webIdentityTokenFile}), homeFrom(environment));
        web.roleArn = firstNonEmpty({envRoleArn, profile.roleArn});
        web.sessionName = firstNonEmpty({env("AWS_ROLE_SESSION_NAME"), profile.roleSessionName});
        web.stsEndpoint = context.stsEndpoint;
        web.region = context.stsRegion;
        web.caCertificates = context.caCertificates;
        web.clockOffset = context.clockOffset;
        if (web.roleArn.isEmpty())
            return S3Error::invalid(QStringLiteral("a web identity token file is configured (%1) but no role: set AWS_ROLE_ARN or role_arn")
                                        .arg(web.tokenFile));
        auto provider = std::make_shared<WebIdentityProvider>(web, network, context.clock);
        provider->setLifetimeCap(context.lifetimeCapSeconds);
        own = std::move(provider);
    } else {
        QStringList visited{profile.name};
        Result<std::shared_ptr<CredentialsProvider>> source = makeProfileSourceProvider(profile, context, visited);
        if (!source)
            return source.error();
        own = std::move(source).value();
    }
    if (own) {
        chain->append(own);
        chain->setAdvice(QString()); // the profile's own source says what went wrong
    } else {
        chain->append(std::make_shared<ProfileCredentialsProvider>(profileName, files.credentialsPath, files.configPath));
    }
    if (!explicitProfile && !own) {
        const bool imdsDisabled = env("AWS_EC2_METADATA_DISABLED").compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
        if (imdsDisabled)
            chain->append(std::make_shared<DisabledImdsProvider>());
        else if (auto imds = makeImdsProvider(environment, network))
            chain->append(std::move(imds));
    }
    resolved.credentials = std::move(chain);
    return resolved;
}

} // namespace s3
