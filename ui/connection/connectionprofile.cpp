// SPDX-License-Identifier: Apache-2.0
#include "connection/connectionprofile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QUrl>
#include <QUuid>

#include "s3core/auth/credentials.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/config.h"
#include "s3core/privatefiles.h"

namespace s3ui {

namespace {

const QString SettingsArray = QStringLiteral("connections");

bool containsSpace(const QString &text)
{
    for (const QChar c : text) {
        if (c.isSpace())
            return true;
    }
    return false;
}

QString expandHome(const QString &path)
{
    if (path == QLatin1String("~"))
        return QDir::homePath();
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

ConnectionProfile awsEntry(const QString &name, const s3::AwsSharedFiles &files)
{
    ConnectionProfile entry;
    entry.kind = ConnectionProfile::Kind::AwsProfile;
    entry.id = ConnectionProfile::awsProfileId(name);
    entry.name = name;
    // Shown for information only (the secret is not copied): connecting resolves the profile afresh.
    if (const s3::Result<s3::AwsProfile> loaded = s3::loadAwsProfile(name, files, true)) {
        entry.endpointUrl = loaded->endpointUrl;
        entry.region = loaded->region;
        entry.addressing = loaded->addressingStyle;
        entry.accessKeyId = loaded->accessKeyId;
        entry.caBundle = loaded->caBundle;
    }
    return entry;
}

// Static credentials and the profile's own endpoint: nothing of the environment or ~/.aws leaks in.
s3::Result<s3::ResolvedConnection> resolveSaved(const ConnectionProfile &profile, const QString &secretKey)
{
    s3::ResolvedConnection resolved;
    if (profile.endpointUrl.trimmed().isEmpty()) {
        const QString region
            = profile.region.trimmed().isEmpty() ? QStringLiteral("us-east-1") : profile.region.trimmed();
        resolved.endpoint = s3::Endpoint::aws(region);
        resolved.endpoint.setStyle(profile.addressing);
    } else {
        s3::Result<s3::Endpoint> endpoint = s3::Endpoint::parse(profile.endpointUrl, profile.region.trimmed(),
                                                                profile.addressing);
        if (!endpoint)
            return endpoint.error();
        resolved.endpoint = std::move(endpoint).value();
    }
    resolved.caBundle = expandHome(profile.caBundle.trimmed());
    if (profile.accessKeyId.isEmpty())
        return resolved; // anonymous
    if (secretKey.isEmpty())
        return s3::S3Error(
            s3::S3Error::Kind::Auth,
            QCoreApplication::translate("s3ui::ConnectionProfile", "No secret key for the connection %1: enter it to connect").arg(profile.name));
    s3::Credentials credentials;
    credentials.accessKeyId = profile.accessKeyId.trimmed();
    credentials.secretAccessKey = secretKey;
    credentials.source = QCoreApplication::translate("s3ui::ConnectionProfile", "connection '%1'").arg(profile.name);
    resolved.credentials = std::make_shared<s3::StaticCredentialsProvider>(credentials);
    return resolved;
}

} // namespace

s3::Result<s3::Ok> ConnectionProfile::validate() const
{
    if (name.trimmed().isEmpty())
        return s3::S3Error::invalid(QCoreApplication::translate("s3ui::ConnectionProfile", "Enter a name for the connection."));
    if (kind == Kind::AwsProfile)
        return s3::Ok{};
    const QString url = endpointUrl.trimmed();
    if (url.isEmpty())
        return s3::S3Error::invalid(
            QCoreApplication::translate("s3ui::ConnectionProfile", "Enter the endpoint URL (http:// or https://, e.g. https://s3.eu-west-1.amazonaws.com)."));
    const QUrl parsedUrl(url);
    if (!parsedUrl.userInfo().isEmpty())
        return s3::S3Error::invalid(
            QCoreApplication::translate("s3ui::ConnectionProfile", "Remove the user name and password from the endpoint URL: enter the keys in their fields."));
    if (const s3::Result<s3::Endpoint> endpoint = s3::Endpoint::parse(url, region.trimmed(), addressing); !endpoint)
        return s3::S3Error::invalid(endpoint.error().message() + QStringLiteral("."));
    if (containsSpace(region.trimmed()))
        return s3::S3Error::invalid(QCoreApplication::translate("s3ui::ConnectionProfile", "The region may not contain spaces (e.g. us-east-1)."));
    if (containsSpace(accessKeyId.trimmed()))
        return s3::S3Error::invalid(QCoreApplication::translate("s3ui::ConnectionProfile", "The access key may not contain spaces."));
    const QString ca = caBundle.trimmed();
    if (!ca.isEmpty() && !QFileInfo(expandHome(ca)).isFile())
        return s3::S3Error::invalid(QCoreApplication::translate("s3ui::ConnectionProfile", "The CA file %1 does not exist: choose a PEM file.").arg(ca));
    if (bucket.contains(QLatin1Char('/')) || containsSpace(bucket.trimmed()))
        return s3::S3Error::invalid(
            QCoreApplication::translate("s3ui::ConnectionProfile", "The bucket name may not contain '/' or spaces (put folders into the prefix)."));
    if (!prefix.isEmpty() && bucket.trimmed().isEmpty())
        return s3::S3Error::invalid(QCoreApplication::translate("s3ui::ConnectionProfile", "A prefix needs a bucket: enter the bucket too."));
    return s3::Ok{};
}

QString ConnectionProfile::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString ConnectionProfile::awsProfileId(const QString &profileName)
{
    // Percent-encoded: profile names may hold '/' or spaces; the id names a file (the transfer queue).
    return QStringLiteral("aws-") + QString::fromLatin1(QUrl::toPercentEncoding(profileName));
}

QString addressingStyleName(s3::AddressingStyle style)
{
    switch (style) {
    case s3::AddressingStyle::Auto: return QStringLiteral("auto");
    case s3::AddressingStyle::Path: return QStringLiteral("path");
    case s3::AddressingStyle::VirtualHost: return QStringLiteral("virtual");
    }
    return QStringLiteral("auto");
}

s3::AddressingStyle addressingStyleFromName(const QString &name)
{
    if (name == QLatin1String("path"))
        return s3::AddressingStyle::Path;
    if (name == QLatin1String("virtual"))
        return s3::AddressingStyle::VirtualHost;
    return s3::AddressingStyle::Auto;
}

// ---------------------------------------------------------------------------------------------------------------

ConnectionStore::ConnectionStore(const QString &settingsPath, QProcessEnvironment environment, QObject *parent)
    : QObject(parent)
    , m_settings(settingsPath, QSettings::IniFormat)
    , m_environment(std::move(environment))
{
    // A file of an older version may be readable by others: it names endpoints, buckets and access key ids.
    if (auto tightened = s3::tightenPrivateFile(settingsPath); !tightened)
        qWarning("s3desk: %s", qPrintable(tightened.error().message()));
    load();
    reloadAwsProfiles();
}

ConnectionStore::~ConnectionStore() = default;

QString ConnectionStore::settingsPath() const
{
    return m_settings.fileName();
}

std::optional<ConnectionProfile> ConnectionStore::profile(const QString &id) const
{
    for (const ConnectionProfile &p : m_saved) {
        if (p.id == id)
            return p;
    }
    for (const ConnectionProfile &p : m_aws) {
        if (p.id == id)
            return p;
    }
    return std::nullopt;
}

s3::Result<QString> ConnectionStore::add(ConnectionProfile profile)
{
    profile.kind = ConnectionProfile::Kind::Saved;
    if (profile.id.isEmpty() || this->profile(profile.id))
        profile.id = ConnectionProfile::newId();
    if (auto valid = profile.validate(); !valid)
        return valid.error();
    m_saved.append(profile);
    if (auto saved = save(); !saved) {
        m_saved.removeLast();
        return saved.error();
    }
    Q_EMIT changed();
    return profile.id;
}

s3::Result<s3::Ok> ConnectionStore::update(const ConnectionProfile &profile)
{
    for (qsizetype i = 0; i < m_saved.size(); ++i) {
        if (m_saved.at(i).id != profile.id)
            continue;
        ConnectionProfile updated = profile;
        updated.kind = ConnectionProfile::Kind::Saved;
        if (auto valid = updated.validate(); !valid)
            return valid.error();
        const ConnectionProfile previous = m_saved.at(i);
        m_saved[i] = updated;
        if (auto saved = save(); !saved) {
            m_saved[i] = previous;
            return saved.error();
        }
        Q_EMIT changed();
        return s3::Ok{};
    }
    return s3::S3Error::invalid(tr("The connection %1 is not a saved connection (AWS profiles are edited "
                                               "in ~/.aws/config and ~/.aws/credentials)")
                                    .arg(profile.name));
}

bool ConnectionStore::remove(const QString &id)
{
    for (qsizetype i = 0; i < m_saved.size(); ++i) {
        if (m_saved.at(i).id == id) {
            m_saved.removeAt(i);
            if (auto saved = save(); !saved)
                qWarning("s3desk: %s", qPrintable(saved.error().message()));
            Q_EMIT changed();
            return true;
        }
    }
    return false;
}

void ConnectionStore::reloadAwsProfiles()
{
    const s3::AwsSharedFiles files = s3::AwsSharedFiles::fromEnvironment(m_environment);
    QList<ConnectionProfile> profiles;
    const QStringList names = s3::listAwsProfiles(files);
    for (const QString &name : names)
        profiles.append(awsEntry(name, files));
    if (profiles != m_aws) {
        m_aws = profiles;
        Q_EMIT changed();
    }
}

void ConnectionStore::load()
{
    m_saved.clear();
    const int count = m_settings.beginReadArray(SettingsArray);
    for (int i = 0; i < count; ++i) {
        m_settings.setArrayIndex(i);
        ConnectionProfile p;
        p.id = m_settings.value(QStringLiteral("id")).toString();
        p.name = m_settings.value(QStringLiteral("name")).toString();
        p.endpointUrl = m_settings.value(QStringLiteral("endpointUrl")).toString();
        p.region = m_settings.value(QStringLiteral("region")).toString();
        p.addressing = addressingStyleFromName(m_settings.value(QStringLiteral("addressing")).toString());
        p.accessKeyId = m_settings.value(QStringLiteral("accessKeyId")).toString();
        p.caBundle = m_settings.value(QStringLiteral("caBundle")).toString();
        p.bucket = m_settings.value(QStringLiteral("bucket")).toString();
        p.prefix = m_settings.value(QStringLiteral("prefix")).toString();
        if (p.id.isEmpty())
            p.id = ConnectionProfile::newId(); // a hand-edited file: keep the entry usable
        m_saved.append(p);
    }
    m_settings.endArray();
}

s3::Result<s3::Ok> ConnectionStore::save()
{
    // The secret is not a field of ConnectionProfile: it cannot reach this file. It is still private (0600):
    // QSettings keeps the mode of an existing file, so it is created 0600 before the first write.
    const QString folder = QFileInfo(m_settings.fileName()).absolutePath();
    if (!QFileInfo::exists(folder)) {
        if (auto made = s3::ensurePrivateFolder(folder); !made)
            return made.error();
    }
    if (auto created = s3::ensurePrivateFile(m_settings.fileName()); !created)
        return created.error();
    m_settings.remove(SettingsArray);
    m_settings.beginWriteArray(SettingsArray, int(m_saved.size()));
    for (int i = 0; i < m_saved.size(); ++i) {
        const ConnectionProfile &p = m_saved.at(i);
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("id"), p.id);
        m_settings.setValue(QStringLiteral("name"), p.name);
        m_settings.setValue(QStringLiteral("endpointUrl"), p.endpointUrl);
        m_settings.setValue(QStringLiteral("region"), p.region);
        m_settings.setValue(QStringLiteral("addressing"), addressingStyleName(p.addressing));
        m_settings.setValue(QStringLiteral("accessKeyId"), p.accessKeyId);
        m_settings.setValue(QStringLiteral("caBundle"), p.caBundle);
        m_settings.setValue(QStringLiteral("bucket"), p.bucket);
        m_settings.setValue(QStringLiteral("prefix"), p.prefix);
    }
    m_settings.endArray();
    m_settings.sync();
    if (m_settings.status() != QSettings::NoError)
        return s3::S3Error::io(tr("Cannot write the connection settings to %1: check that the folder "
                                              "exists and is writable")
                                   .arg(m_settings.fileName()));
    if (auto tightened = s3::tightenPrivateFile(m_settings.fileName()); !tightened)
        return tightened.error();
    return s3::Ok{};
}

// ---------------------------------------------------------------------------------------------------------------

SessionConfig sessionConfigFor(const ConnectionProfile &profile, const QString &secretKey, const QString &stateDir,
                               const QProcessEnvironment &environment, std::shared_ptr<s3::MfaPrompter> mfaPrompter)
{
    SessionConfig config;
    config.id = profile.id;
    config.displayName = profile.name;
    config.stateDir = stateDir;
    // One clock offset for every resolution of this connection: the browser's client, the transfer engine's
    // clients and their credential providers learn and sign with the same correction.
    const auto clockOffset = std::make_shared<s3::ClockOffset>();
    if (profile.kind == ConnectionProfile::Kind::AwsProfile) {
        const QString name = profile.name;
        config.resolver = [name, environment, mfaPrompter, clockOffset](QNetworkAccessManager *network) {
            s3::ConnectionOptions options;
            options.profile = name;
            options.mfaPrompter = mfaPrompter;
            options.clockOffset = clockOffset;
            return s3::resolveConnection(options, environment, network);
        };
        return config;
    }
    config.bucket = profile.bucket.trimmed();
    config.prefix = config.bucket.isEmpty() ? QString() : profile.prefix;
    if (config.bucket.isEmpty() && !profile.endpointUrl.trimmed().isEmpty()) {
        // "http://host/bucket" names the bucket to open, as on the command line.
        if (const s3::Result<s3::Endpoint> endpoint = s3::Endpoint::parse(profile.endpointUrl, profile.region,
                                                                          profile.addressing))
            config.bucket = endpoint->defaultBucket();
    }
    config.resolver = [profile, secretKey, clockOffset](QNetworkAccessManager *) {
        s3::Result<s3::ResolvedConnection> resolved = resolveSaved(profile, secretKey);
        if (resolved)
            resolved->clockOffset = clockOffset;
        return resolved;
    };
    return config;
}

} // namespace s3ui
