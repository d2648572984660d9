// SPDX-License-Identifier: Apache-2.0
#include "application.h"

#include "screenshottour.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QDir>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

#include <optional>

#include "browser/s3location.h"
#include "connection/connectionprofile.h"
#include "connection/guimfaprompter.h"
#include "connection/secretstore.h"
#include "connection/session.h"
#include "s3core/config.h"
#include "s3core/endpoint.h"
#include "s3core/privatefiles.h"
#include "widgets/mainwindow.h"

using namespace Qt::Literals::StringLiterals;

Application::Application() = default;

Application::~Application()
{
    m_window.reset(); // sessions and their transfer threads stop before the stores they use go
}

bool Application::start()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("S3Desk: a desktop browser for Amazon S3 and S3-compatible storage"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption endpoint(QStringLiteral("endpoint-url"), tr("Open a connection to this S3 endpoint."), QStringLiteral("URL"));
    const QCommandLineOption profile(QStringLiteral("profile"), tr("Use this profile of ~/.aws/credentials and ~/.aws/config."), QStringLiteral("NAME"));
    const QCommandLineOption region(QStringLiteral("region"), tr("Region to sign for."), QStringLiteral("REGION"));
    const QCommandLineOption pathStyle(QStringLiteral("path-style"), tr("Path-style addressing (http://host/bucket/key)."));
    const QCommandLineOption virtualHost(QStringLiteral("virtual-host"), tr("Virtual-host addressing (http://bucket.host/key)."));
    const QCommandLineOption caBundle(QStringLiteral("ca-bundle"), tr("Also trust the CA certificates of this PEM file."), QStringLiteral("FILE"));
    const QCommandLineOption anonymous(QStringLiteral("no-sign-request"), tr("Send unsigned requests (public buckets)."));
    const QCommandLineOption bucket(QStringLiteral("bucket"), tr("Open this bucket at once."), QStringLiteral("BUCKET"));
    const QCommandLineOption prefix(QStringLiteral("prefix"), tr("...at this prefix (folder)."), QStringLiteral("PREFIX"));
    const QCommandLineOption screenshots(QStringLiteral("screenshot"), tr("Save PNGs of the main views into DIR, then quit."), QStringLiteral("DIR"));
    const QCommandLineOption configDir(QStringLiteral("config-dir"), tr("Keep settings and transfer queues in this folder."), QStringLiteral("DIR"));
    const QCommandLineOption smoke(QStringLiteral("smoke"), tr("Show the window and quit once it is up (checks an installation)."));
    parser.addOptions({endpoint, profile, region, pathStyle, virtualHost, caBundle, anonymous, bucket, prefix, configDir, screenshots, smoke});
    parser.addPositionalArgument(QStringLiteral("url"), tr("An s3://bucket/folder/ link to open (a link to a file selects it)."),
                                 QStringLiteral("[s3://bucket/prefix/]"));
    parser.process(*QCoreApplication::instance());

    std::optional<s3ui::S3UrlTarget> link;
    QString linkProblem; // shown in the window too: a link clicked on the desktop has no terminal
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        QTextStream(stderr) << tr("s3desk: give at most one s3:// link.") << Qt::endl;
        return false;
    }
    if (!positional.isEmpty()) {
        const s3::Result<s3ui::S3UrlTarget> parsed = s3ui::parseS3Url(positional.first());
        if (parser.isSet(bucket) || parser.isSet(prefix)) {
            QTextStream(stderr) << tr("s3desk: give either --bucket/--prefix or an s3:// link, not both.") << Qt::endl;
            return false;
        }
        if (parsed) {
            link = *parsed;
        } else {
            linkProblem = parsed.error().message();
            QTextStream(stderr) << u"s3desk: "_s << linkProblem << Qt::endl;
        }
    }

    const QString configRoot = parser.isSet(configDir) ? parser.value(configDir)
                                                       : QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    const QString dataRoot = parser.isSet(configDir) ? parser.value(configDir)
                                                     : QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    // Private to the user (0700 folders, 0600 files), also when an older version left them open to others.
    // QSettings keeps the mode of an existing file, so the settings file is created 0600 before it writes.
    const QString settingsPath = QDir(configRoot).filePath(QStringLiteral("s3desk.ini"));
    for (const s3::Result<s3::Ok> &prepared : {s3::ensurePrivateFolder(configRoot), s3::ensurePrivateFolder(dataRoot),
                                                s3::ensurePrivateFile(settingsPath)}) {
        if (!prepared)
            qWarning("s3desk: %s", qPrintable(prepared.error().message()));
    }
    m_settings = std::make_unique<QSettings>(settingsPath, QSettings::IniFormat);
    m_connections = std::make_unique<s3ui::ConnectionStore>(QDir(configRoot).filePath(QStringLiteral("connections.ini")));
    m_keychain = std::make_unique<s3ui::KeychainSecretStore>();
    m_keychain->probeAvailability(m_keychain.get(), {}); // without a keychain, secrets are asked for each time
    m_sessionSecrets = std::make_unique<s3ui::MemorySecretStore>();

    s3ui::MainWindowDependencies dependencies;
    dependencies.settings = m_settings.get();
    dependencies.connections = m_connections.get();
    dependencies.keychain = m_keychain.get();
    dependencies.sessionSecrets = m_sessionSecrets.get();
    dependencies.stateDir = QDir(dataRoot).filePath(QStringLiteral("queues"));
    m_window = std::make_unique<s3ui::MainWindow>(dependencies);
    m_window->show();
    if (!linkProblem.isEmpty())
        m_window->showError(linkProblem);

    const bool commandLineConnection = parser.isSet(endpoint) || parser.isSet(profile) || parser.isSet(bucket);
    if (commandLineConnection) {
        s3::ConnectionOptions options;
        options.endpointUrl = parser.value(endpoint);
        options.profile = parser.value(profile);
        options.region = parser.value(region);
        options.caBundle = parser.value(caBundle);
        options.anonymous = parser.isSet(anonymous);
        options.mfaPrompter = m_window->mfaPrompter();
        // The browser's and the transfer engine's resolutions share it: one clock correction for the connection.
        options.clockOffset = std::make_shared<s3::ClockOffset>();
        if (parser.isSet(pathStyle) || parser.isSet(virtualHost)) {
            options.addressingStyleGiven = true;
            options.addressingStyle = parser.isSet(pathStyle) ? s3::AddressingStyle::Path : s3::AddressingStyle::VirtualHost;
        }
        const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        s3ui::SessionConfig config;
        // One queue file per place: unfinished transfers of another endpoint/profile/bucket never mix in.
        config.id = QStringLiteral("cli-")
            + QString::fromLatin1(QCryptographicHash::hash((options.endpointUrl + QLatin1Char('\n') + options.profile + QLatin1Char('\n')
                                                            + parser.value(bucket)).toUtf8(),
                                                           QCryptographicHash::Sha1)
                                      .toHex()
                                      .left(12));
        config.displayName = options.endpointUrl.isEmpty() ? (options.profile.isEmpty() ? QStringLiteral("AWS") : options.profile)
                                                           : s3::redactUrlUserInfo(options.endpointUrl);
        config.resolver = [options, environment](QNetworkAccessManager *network) {
            return s3::resolveConnection(options, environment, network);
        };
        config.bucket = parser.value(bucket);
        config.prefix = parser.value(prefix);
        if (!config.prefix.isEmpty() && !config.prefix.endsWith(QLatin1Char('/')))
            config.prefix += QLatin1Char('/');
        if (link)
            m_window->setStartLocation(*link);
        m_window->openSession(std::move(config));
    } else if (link) {
        m_window->openS3Url(*link);
    } else if (!parser.isSet(screenshots)) {
        m_window->reopenLastConnection();
    }
    if (parser.isSet(smoke)) {
        // Queued behind the window's first events: the event loop ran with the window up, then the app quits.
        QTimer::singleShot(0, QCoreApplication::instance(), [] {
            QTextStream(stdout) << u"s3desk: smoke check: the window is up"_s << Qt::endl;
            QCoreApplication::quit();
        });
    }
    if (parser.isSet(screenshots)) {
        auto *tour = new ScreenshotTour(m_window.get(), parser.value(screenshots), m_window.get());
        tour->setConnections(m_connections.get());
        tour->start();
    }
    return true;
}
