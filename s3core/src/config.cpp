// SPDX-License-Identifier: Apache-2.0
#include "s3core/config.h"

#include <algorithm>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QList>
#include <QUrl>

#include "s3core/logging.h"

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

    resolved.caBundle = expandTilde(firstNonEmpty({options.caBundle.trimmed(), env("AWS_CA_BUNDLE"), profile.caBundle}),
                                    homeFrom(environment));

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

    auto chain = std::make_shared<CredentialsProviderChain>();
    if (!explicitProfile)
        chain->append(std::make_shared<EnvironmentCredentialsProvider>(environment));
    chain->append(std::make_shared<ProfileCredentialsProvider>(profileName, files.credentialsPath, files.configPath));
    if (!explicitProfile) {
        const bool imdsDisabled = env("AWS_EC2_METADATA_DISABLED").compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
        if (imdsDisabled) {
            chain->append(std::make_shared<DisabledImdsProvider>());
        } else if (network) {
            const bool ipv6 = env("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE").compare(QLatin1String("IPv6"), Qt::CaseInsensitive) == 0;
            const QString imdsEndpoint = firstNonEmpty({env("AWS_EC2_METADATA_SERVICE_ENDPOINT"),
                                                        ipv6 ? QStringLiteral("http://[fd00:ec2::254]")
                                                             : QStringLiteral("http://169.254.169.254")});
            chain->append(std::make_shared<ImdsCredentialsProvider>(network, imdsEndpoint));
        }
    }
    resolved.credentials = std::move(chain);
    return resolved;
}

} // namespace s3
