// SPDX-License-Identifier: Apache-2.0
#include "cliapp.h"
#include "climfaprompter.h"

#include <cstdio>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QTimer>

#include "s3core/auth/presignexpiry.h"
#include "s3core/logging.h"
#include "s3core/ops/bucketjobs.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/getbucketversioningjob.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/listobjectversionsjob.h"
#include "s3core/ops/putbucketversioningjob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/servercopyjob.h"
#include "s3core/restore.h"
#include "s3core/textescape.h"
#include "s3core/transfer/streamupload.h"
#include "s3uri.h"
#include "syncstate.h"

namespace s3cli {

using namespace s3;

namespace {


// "put -" and "get -" go through memory; the usage text names this limit.

const char UsageText[] =
    "usage: s3desk-cli [--endpoint-url URL] [--profile NAME] [--region R] [--path-style | --virtual-host]\n"
    "                  [--ca-bundle FILE] [--no-sign-request] [--timeout SECONDS] [--mfa-code CODE] [--debug] COMMAND ...\n"
    "commands:\n"
    "  ls [s3://BUCKET[/PREFIX]] [--recursive] [--json]   list buckets, or objects and folders\n"
    "  ls --versions s3://BUCKET[/PREFIX] [--recursive] [--json]\n"
    "      every version and delete marker (newest first per key), streamed page by page\n"
    "  versioning s3://BUCKET [enable|suspend]   show the bucket's versioning status, or switch it\n"
    "  find s3://BUCKET[/PREFIX] [--name TEXT|GLOB] [--case-sensitive] [--min-size SIZE] [--max-size SIZE]\n"
    "      [--newer TIME] [--older TIME] [--max N] [--json] [--count]\n"
    "      every object below the prefix (any depth) that matches, printed as the listing pages arrive; a summary\n"
    "      (found, keys searched, time) on stderr. --name: a case-insensitive substring of the object's name, or a\n"
    "      glob when it has * ? or [...] ('*.csv', 'img_[0-9]*'); with a '/' it is matched against the key below\n"
    "      the prefix ('2024/*.csv'). Sizes inclusive (1500, 64K, 10M). TIME: 2026-12-05, 2026-12-05T10:00:00Z\n"
    "      (UTC unless a zone is given) or an age (30m, 12h, 7d); --newer includes it, --older excludes it\n"
    "  mb s3://BUCKET                                      create a bucket\n"
    "  rb s3://BUCKET                                      delete an empty bucket\n"
    "  put LOCAL_FILE|- s3://BUCKET/KEY [--content-type T] [--meta K=V]... [--cache-control V] [--storage-class C]\n"
    "      [--tag K=V]... [--acl CANNED_ACL] [--sse AES256|aws:kms] [--sse-kms-key-id ID]\n"
    "      [--sse-c-key-file FILE | --sse-c-key BASE64]\n"
    "  get s3://BUCKET/KEY LOCAL_FILE|DIR|- [--version-id ID]\n"
    "      ('-' = standard input/output, streamed: any size)\n"
    "  stat s3://BUCKET/KEY [--json] [--version-id ID]\n"
    "  cp s3://B/K s3://B2/K2 [--version-id ID] [--storage-class C]   server-side copy (metadata kept);\n"
    "      --version-id copies that version of the source (onto its own key: restores it as the current version);\n"
    "      --storage-class gives the copy that class (onto its own key: changes the class, keeps all else)\n"
    "  mv s3://B/K s3://B2/K2          copy, then delete the source\n"
    "  rm s3://BUCKET/KEY              delete one object (on a versioned bucket: adds a delete marker, the\n"
    "      versions stay)\n"
    "  rm s3://BUCKET/KEY --version-id ID   deletes that version (or delete marker) PERMANENTLY; it cannot be\n"
    "      undone. Removing the latest delete marker undeletes the object\n"
    "  rm s3://BUCKET/PREFIX --recursive   delete everything under a prefix\n"
    "  presign s3://BUCKET/KEY [--expires SECONDS] [--method GET|PUT|HEAD|DELETE] [--version-id ID]\n"
    "  sync SOURCE DESTINATION [--delete] [--dry-run [--json]] [--exclude GLOB]... [--include GLOB]...\n"
    "      SOURCE and DESTINATION: LOCAL_DIR and s3://BUCKET/PREFIX either way, or two s3://BUCKET/PREFIX\n"
    "      (server-side copies). The CONTENTS of the source map onto the destination, as aws s3 sync and\n"
    "      rclone sync do: `sync photos s3://b/p` and `sync photos s3://b/p/` both write p/<file>, never\n"
    "      p/photos/<file>; `sync s3://b/p photos` writes photos/<file>.\n"
    "      Copies what is missing, of another size, or of the same size without an equal MD5 (the ETag of a\n"
    "      single-part object; two buckets: equal ETags) and newer on the source side. Multipart, SSE-KMS and\n"
    "      SSE-C objects, whose ETag is no MD5, are compared by size and time.\n"
    "      --delete       also delete what the destination has and the source lacks\n"
    "      --dry-run      print the plan (every key: upload/download/copy/delete/skip and why) and change\n"
    "                     nothing; with --json one JSON object a line\n"
    "      --exclude/--include GLOB   matched against the key relative to the prefix (or the path relative to\n"
    "                     the folder); '*' matches any text including '/', '?' one character, [abc] [!abc] a\n"
    "                     class. Rules apply in the order given, the last match wins (--exclude '*' --include\n"
    "                     '*.jpg': only JPEGs); an excluded key is neither copied nor deleted\n"
    "  SSE-C (customer-provided keys): put, get, stat, cp, mv and sync take --sse-c-key-file FILE (32 raw bytes,\n"
    "      as `openssl rand 32 > FILE` writes them, or their base64) or --sse-c-key BASE64 (visible to other\n"
    "      users of this machine in the process list; prefer the file); AES256 is implied (--sse-c [AES256] is\n"
    "      accepted). cp/mv: the key serves both sides unless --copy-source-sse-c-key-file FILE (or\n"
    "      --copy-source-sse-c-key BASE64) gives the source's own key; the copy then gets --sse-c-key-file's.\n"
    "  acl s3://BUCKET/KEY [--json]    the object's owner and grants (and its canned ACL when it is one)\n"
    "  acl s3://BUCKET/KEY --set CANNED_ACL | acl s3://BUCKET/PREFIX --set CANNED_ACL --recursive\n"
    "      replace the grants with a canned ACL: private, public-read, public-read-write, authenticated-read,\n"
    "      aws-exec-read, bucket-owner-read, bucket-owner-full-control\n"
    "  storage-class s3://BUCKET/KEY --set CLASS | storage-class s3://BUCKET/PREFIX --set CLASS --recursive\n"
    "      change the storage class by copying each object onto itself (metadata, tags, ACL kept; objects\n"
    "      already in CLASS are left alone), e.g. STANDARD, STANDARD_IA, GLACIER, DEEP_ARCHIVE\n"
    "  restore s3://BUCKET/KEY [--days N] [--tier Standard|Bulk|Expedited] [--version-id ID]\n"
    "      ask for a readable copy of an archived (GLACIER, DEEP_ARCHIVE) object, kept N days (default 1) once\n"
    "      made (hours, by tier); stat shows 'Restore: in progress' or 'available until ...'\n"
    "  sso login [--profile NAME] [--no-browser]\n"
    "      sign in to IAM Identity Center (SSO) for the profile's sso-session or start URL: shows the address and\n"
    "      code to confirm, opens the browser when there is a display, and saves the token as aws sso login does\n"
    "transfer options (put, get, sync): --concurrency N (requests in flight: per transfer, default 6, and in all,\n"
    "  default 32), --part-size SIZE\n"
    "  (e.g. 64M; default 64 MiB), --sign-payload (sign each part's SHA-256 over https too; over http it always is;\n"
    "  the profile's s3 payload_signing_enabled = true does the same), --content-md5 (also send Content-MD5 with\n"
    "  every part), --no-fsync (downloads:\n"
    "  skip the flush to disk before the final rename; faster, less safe on power loss), --qt-http (move part and\n"
    "  range bodies through Qt's HTTP stack instead of libcurl, for comparison).\n"
    "  --limit-rate RATE: bandwidth limit for all connections together, in each direction, in bytes per second as\n"
    "  curl takes it (K, M, G are 1024-based: 500K, 10M, 1.5G; 0: none); --limit-upload RATE, --limit-download RATE:\n"
    "  one direction (wins over --limit-rate). Files and put - (not get ... - to standard output).\n"
    "  A progress line is shown on a terminal. Ctrl-C cancels cleanly: no multipart upload or partial file is\n"
    "  left behind.\n"
    "Credentials, region and endpoint come from the options, the environment (AWS_*) and ~/.aws, as in awscli:\n"
    "keys, role_arn (assumed roles; --mfa-code or a terminal prompt for mfa_serial), web identity and\n"
    "credential_process.\n";

QString localTime(const QDateTime &utc)
{
    return utc.isValid() ? utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("                   ");
}

QString isoTime(const QDateTime &utc)
{
    return utc.isValid() ? utc.toUTC().toString(Qt::ISODateWithMs) : QString();
}

/** "AES256", "aws:kms testkey-1", "SSE-C AES256", or empty when the server names no encryption. */
QString encryptionText(const ObjectMetadata &m)
{
    if (!m.sseCustomerAlgorithm.isEmpty())
        return QStringLiteral("SSE-C ") + m.sseCustomerAlgorithm;
    if (m.serverSideEncryption == QLatin1String("aws:kms") && !m.sseKmsKeyId.isEmpty())
        return m.serverSideEncryption + QLatin1Char(' ') + m.sseKmsKeyId;
    return m.serverSideEncryption;
}

QByteArray jsonLine(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

CliApp::CliApp(QStringList arguments, QObject *parent)
    : QObject(parent)
    , m_args(std::move(arguments))
    , m_out(stdout)
    , m_err(stderr)
{
    m_args.removeFirst(); // program name
}

CliApp::~CliApp() = default;

void CliApp::start()
{
    QTimer::singleShot(0, this, &CliApp::run);
}

void CliApp::done(int code)
{
    if (m_done)
        return;
    m_done = true;
    m_out.flush();
    m_err.flush();
    Q_EMIT finished(code);
}

void CliApp::failWith(const S3Error &error)
{
    QString line = QStringLiteral("s3desk-cli: error: ") + error.toString();
    const QString hint = error.hint();
    if (!hint.isEmpty())
        line += QStringLiteral(" -- ") + hint;
    // Messages quote keys and server text: no control character reaches the terminal.
    m_err << escapeControlCharacters(line.replace(QLatin1Char('\n'), QLatin1Char(' '))) << Qt::endl;
    done(ExitFailure);
}

void CliApp::usageError(const QString &message)
{
    m_err << "s3desk-cli: " << escapeControlCharacters(message) << Qt::endl << "(run 's3desk-cli --help' for usage)" << Qt::endl;
    done(ExitUsage);
}

bool CliApp::takeFlag(const QString &name)
{
    return m_positionals.removeAll(name) > 0;
}

bool CliApp::takeValue(const QString &name, QString *value)
{
    for (qsizetype i = 0; i < m_positionals.size(); ++i) {
        const QString &arg = m_positionals.at(i);
        if (arg == name) {
            if (i + 1 >= m_positionals.size()) {
                usageError(QStringLiteral("%1 needs a value").arg(name));
                return false;
            }
            *value = m_positionals.at(i + 1);
            m_positionals.remove(i, 2);
            return true;
        }
        if (arg.startsWith(name + QLatin1Char('='))) {
            *value = arg.mid(name.size() + 1);
            m_positionals.remove(i);
            return true;
        }
    }
    return true;
}

QStringList CliApp::takeValues(const QString &name)
{
    QStringList values;
    for (;;) {
        QString value;
        const qsizetype before = m_positionals.size();
        if (!takeValue(name, &value) || m_positionals.size() == before)
            return values;
        values.append(value);
    }
}

bool CliApp::expectPositionals(int count, const QString &usage)
{
    for (const QString &arg : std::as_const(m_positionals)) {
        if (arg.startsWith(QLatin1String("--"))) {
            usageError(QStringLiteral("unknown option %1; usage: %2").arg(arg, usage));
            return false;
        }
    }
    if (m_positionals.size() != count) {
        usageError(QStringLiteral("usage: %1").arg(usage));
        return false;
    }
    return true;
}

bool CliApp::parseGlobal()
{
    // The library's own diagnostics would break the one-line error contract; --debug brings them back. Qt's own
    // warnings stay on: they name a defect to fix, not noise to hide.
    QLoggingCategory::setFilterRules(QStringLiteral("s3desk.*=false"));
    // Global options may stand before the command; everything else is the command and its arguments.
    QStringList rest;
    for (qsizetype i = 0; i < m_args.size(); ++i) {
        const QString arg = m_args.at(i);
        const auto value = [&](QString *target) {
            if (i + 1 >= m_args.size()) {
                usageError(QStringLiteral("%1 needs a value").arg(arg));
                return false;
            }
            *target = m_args.at(++i);
            return true;
        };
        if (arg == QLatin1String("--endpoint-url")) {
            if (!value(&m_connection.endpointUrl))
                return false;
        } else if (arg == QLatin1String("--profile")) {
            if (!value(&m_connection.profile))
                return false;
        } else if (arg == QLatin1String("--mfa-code")) {
            if (!value(&m_mfaCode))
                return false;
        } else if (arg == QLatin1String("--region")) {
            if (!value(&m_connection.region))
                return false;
        } else if (arg == QLatin1String("--ca-bundle")) {
            if (!value(&m_connection.caBundle))
                return false;
        } else if (arg == QLatin1String("--timeout")) {
            QString seconds;
            if (!value(&seconds))
                return false;
            bool ok = false;
            m_timeoutSeconds = seconds.toInt(&ok);
            if (!ok || m_timeoutSeconds <= 0) {
                usageError(QStringLiteral("--timeout takes a positive number of seconds"));
                return false;
            }
        } else if (arg == QLatin1String("--path-style")) {
            m_connection.addressingStyle = AddressingStyle::Path;
            m_connection.addressingStyleGiven = true;
        } else if (arg == QLatin1String("--virtual-host")) {
            m_connection.addressingStyle = AddressingStyle::VirtualHost;
            m_connection.addressingStyleGiven = true;
        } else if (arg == QLatin1String("--no-sign-request")) {
            m_connection.anonymous = true;
        } else if (arg == QLatin1String("--debug")) {
            // Categories never print secrets; see logging.h.
            QLoggingCategory::setFilterRules(QStringLiteral("s3desk.*.debug=true"));
        } else {
            rest.append(arg);
        }
    }
    m_positionals = rest;
    return true;
}

bool CliApp::setUpClient()
{
    m_connection.mfaPrompter = std::make_shared<CliMfaPrompter>(m_mfaCode);
    Result<ResolvedConnection> resolved = resolveConnection(m_connection, QProcessEnvironment::systemEnvironment(), &m_network);
    if (!resolved) {
        failWith(resolved.error());
        return false;
    }
    m_client = std::make_unique<S3Client>(&m_network, resolved->endpoint, resolved->credentials);
    m_client->setClockOffset(resolved->clockOffset);
    m_client->setTransferTimeoutMs(m_timeoutSeconds * 1000);
    m_caBundle = resolved->caBundle;
    m_signPayload = m_signPayload || resolved->payloadSigningEnabled;
    if (!resolved->caBundle.isEmpty()) {
        if (auto trusted = m_client->setCaBundle(resolved->caBundle); !trusted) {
            failWith(trusted.error());
            return false;
        }
    }
    return true;
}

void CliApp::run()
{
    if (!parseGlobal())
        return;
    if (m_positionals.isEmpty() || m_positionals.contains(QLatin1String("--help")) || m_positionals.contains(QLatin1String("-h"))) {
        (m_positionals.isEmpty() ? m_err : m_out) << UsageText;
        done(m_positionals.isEmpty() ? ExitUsage : ExitOk);
        return;
    }
    if (m_positionals.first() == QLatin1String("--version")) {
        m_out << "s3desk-cli " S3DESK_VERSION_STRING << Qt::endl;
        done(ExitOk);
        return;
    }
    const QString command = m_positionals.takeFirst();
    using Handler = void (CliApp::*)();
    const QList<QPair<QString, Handler>> commands = {
        {QStringLiteral("ls"), &CliApp::commandLs},     {QStringLiteral("mb"), &CliApp::commandMb},
        {QStringLiteral("rb"), &CliApp::commandRb},     {QStringLiteral("put"), &CliApp::commandPut},
        {QStringLiteral("get"), &CliApp::commandGet},   {QStringLiteral("stat"), &CliApp::commandStat},
        {QStringLiteral("rm"), &CliApp::commandRm},     {QStringLiteral("presign"), &CliApp::commandPresign},
        {QStringLiteral("sync"), &CliApp::commandSync},
        {QStringLiteral("acl"), &CliApp::commandAcl},
        {QStringLiteral("storage-class"), &CliApp::commandStorageClass},
        {QStringLiteral("restore"), &CliApp::commandRestore},
        {QStringLiteral("versioning"), &CliApp::commandVersioning},
        {QStringLiteral("find"), &CliApp::commandFind},
    };
    if (command == QLatin1String("sso")) {
        commandSso(); // no S3 client: signing in talks to IAM Identity Center only
        return;
    }
    if (command == QLatin1String("cp") || command == QLatin1String("mv")) {
        if (setUpClient())
            commandCopy(command == QLatin1String("mv"));
        return;
    }
    for (const auto &[name, handler] : commands) {
        if (name == command) {
            if (setUpClient())
                (this->*handler)();
            return;
        }
    }
    usageError(QStringLiteral("unknown command '%1'").arg(command));
}

// --- commands ---------------------------------------------------------------------------------------------

void CliApp::commandLs()
{
    const bool recursive = takeFlag(QStringLiteral("--recursive")) || takeFlag(QStringLiteral("-r"));
    const bool json = takeFlag(QStringLiteral("--json"));
    const bool versions = takeFlag(QStringLiteral("--versions"));
    if (m_positionals.isEmpty()) {
        if (versions)
            return usageError(QStringLiteral("ls --versions needs s3://BUCKET[/PREFIX]"));
        if (!expectPositionals(0, QStringLiteral("ls [s3://BUCKET[/PREFIX]] [--recursive] [--json]")))
            return;
        auto *job = new ListBucketsJob(m_client.get(), this);
        connect(job, &Job::finished, this, [this, job, json] {
            if (job->hasError())
                return failWith(job->error());
            for (const BucketInfo &bucket : job->result().buckets) {
                if (json)
                    m_out << jsonLine({{QStringLiteral("name"), bucket.name}, {QStringLiteral("creationDate"), isoTime(bucket.creationDate)}}) << '\n';
                else
                    m_out << localTime(bucket.creationDate) << ' ' << escapeControlCharacters(bucket.name) << '\n';
            }
            done(ExitOk);
        });
        job->start();
        return;
    }
    if (!expectPositionals(1, QStringLiteral("ls [s3://BUCKET[/PREFIX]] [--recursive] [--json]")))
        return;
    Result<S3Uri> uri = parseS3Uri(m_positionals.first());
    if (!uri)
        return usageError(uri.error().message());
    ListObjectsRequest request;
    request.bucket = uri->bucket;
    request.prefix = uri->key;
    if (!recursive)
        request.delimiter = QStringLiteral("/");
    // Like aws s3 ls: "s3://b/dir" lists the folder dir/ as a PRE entry; "s3://b/dir/" lists inside it.
    const qsizetype shownFrom = recursive ? 0 : uri->key.lastIndexOf(QLatin1Char('/')) + 1;
    if (versions)
        return listVersions(uri->bucket, uri->key, recursive, json, shownFrom);
    auto *job = new ListObjectsJob(m_client.get(), request, this);
    connect(job, &ListObjectsJob::pageReceived, this, [this, json, shownFrom](const ListObjectsPage &page) {
        for (const QString &prefix : page.commonPrefixes) {
            if (json)
                m_out << jsonLine({{QStringLiteral("prefix"), prefix}}) << '\n';
            else
                m_out << QStringLiteral("                           PRE ") << escapeControlCharacters(prefix.mid(shownFrom)) << '\n';
        }
        for (const ObjectInfo &object : page.objects) {
            if (json) {
                m_out << jsonLine({{QStringLiteral("key"), object.key},
                                   {QStringLiteral("size"), double(object.size)},
                                   {QStringLiteral("etag"), object.etag},
                                   {QStringLiteral("lastModified"), isoTime(object.lastModified)},
                                   {QStringLiteral("storageClass"), object.storageClass}})
                      << '\n';
            } else {
                m_out << localTime(object.lastModified) << ' ' << QStringLiteral("%1").arg(object.size, 10) << ' '
                      << escapeControlCharacters(object.key.mid(shownFrom)) << '\n';
            }
        }
        m_out.flush();
    });
    connect(job, &Job::finished, this, [this, job] {
        if (job->hasError())
            return failWith(job->error());
        done(ExitOk);
    });
    job->start();
}

void CliApp::commandMb()
{
    if (!expectPositionals(1, QStringLiteral("mb s3://BUCKET")))
        return;
    Result<S3Uri> uri = parseS3Uri(m_positionals.first());
    if (!uri)
        return usageError(uri.error().message());
    auto *job = new CreateBucketJob(m_client.get(), uri->bucket, m_client->endpoint().region(), this);
    connect(job, &Job::finished, this, [this, job, bucket = uri->bucket] {
        if (job->hasError())
            return failWith(job->error());
        m_out << "make_bucket: " << bucket << Qt::endl;
        done(ExitOk);
    });
    job->start();
}

void CliApp::commandRb()
{
    if (!expectPositionals(1, QStringLiteral("rb s3://BUCKET")))
        return;
    Result<S3Uri> uri = parseS3Uri(m_positionals.first());
    if (!uri)
        return usageError(uri.error().message());
    auto *job = new DeleteBucketJob(m_client.get(), uri->bucket, this);
    connect(job, &Job::finished, this, [this, job, bucket = uri->bucket] {
        if (job->hasError())
            return failWith(job->error());
        m_out << "remove_bucket: " << bucket << Qt::endl;
        done(ExitOk);
    });
    job->start();
}

bool CliApp::takeObjectAttributes(ObjectAttributes *attributes)
{
    if (!takeValue(QStringLiteral("--content-type"), &attributes->contentType)
        || !takeValue(QStringLiteral("--cache-control"), &attributes->cacheControl)
        || !takeValue(QStringLiteral("--content-disposition"), &attributes->contentDisposition)
        || !takeValue(QStringLiteral("--content-encoding"), &attributes->contentEncoding)
        || !takeValue(QStringLiteral("--storage-class"), &attributes->storageClass)
        || !takeValue(QStringLiteral("--acl"), &attributes->cannedAcl) || !takeValue(QStringLiteral("--sse"), &attributes->serverSideEncryption)
        || !takeValue(QStringLiteral("--sse-kms-key-id"), &attributes->sseKmsKeyId))
        return false;
    for (const QString &meta : takeValues(QStringLiteral("--meta"))) {
        const qsizetype equals = meta.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            usageError(QStringLiteral("--meta takes NAME=VALUE, not '%1'").arg(meta));
            return false;
        }
        attributes->userMetadata.insert(meta.left(equals), meta.mid(equals + 1));
    }
    for (const QString &tag : takeValues(QStringLiteral("--tag"))) {
        const qsizetype equals = tag.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            usageError(QStringLiteral("--tag takes KEY=VALUE, not '%1'").arg(tag));
            return false;
        }
        attributes->tags.append({tag.left(equals), tag.mid(equals + 1)});
    }
    // A KMS key id says which encryption is meant.
    if (!attributes->sseKmsKeyId.isEmpty() && attributes->serverSideEncryption.isEmpty())
        attributes->serverSideEncryption = QStringLiteral("aws:kms");
    if (m_done)
        return false;
    if (Result<Ok> valid = validateObjectAttributes(*attributes); !valid) {
        usageError(valid.error().message());
        return false;
    }
    return true;
}

void CliApp::commandPut()
{
    ObjectAttributes attributes;
    if (!takeSseCustomerKeys(false))
        return;
    attributes.sseCustomerKey = m_sseCustomerKey;
    if (!takeObjectAttributes(&attributes))
        return;
    if (m_done || !takeTransferOptions()
        || !expectPositionals(2, QStringLiteral("put LOCAL_FILE|- s3://BUCKET/KEY [--content-type T] [--meta K=V]... [--concurrency N] [--part-size SIZE]")))
        return;
    const QString local = m_positionals.at(0);
    Result<S3Uri> uri = parseS3Uri(m_positionals.at(1));
    if (!uri)
        return usageError(uri.error().message());
    QString key = uri->key;
    if (key.isEmpty() || key.endsWith(QLatin1Char('/'))) {
        if (local == QLatin1String("-"))
            return usageError(QStringLiteral("uploading from standard input needs a full key"));
        key += QFileInfo(local).fileName();
    }
    if (local != QLatin1String("-")) {
        // Files go through the transfer engine: multipart above the threshold, parallel parts, progress.
        runTransfers({{true, local, uri->bucket, key, -1, {}, {}}}, attributes, [this](bool ok) { done(ok ? ExitOk : ExitFailure); });
        return;
    }
    // Standard input: a stream of unknown length, cut into parts as it arrives (bounded memory).
    auto *input = new QFile(this);
    if (!input->open(stdin, QIODevice::ReadOnly))
        return failWith(S3Error::io(QStringLiteral("cannot read standard input")));
    if (!m_qtHttp) {
        // The parts are bulk data like a file's: on libcurl, under the upload limit.
        m_streamCurlHttp = std::make_unique<CurlHttpPool>();
        m_streamCurlHttp->setRateLimits(m_limitUpload, 0);
        m_client->setCurlHttp(m_streamCurlHttp.get());
    }
    auto *job = new StreamUploadJob(m_client.get(), uri->bucket, key, input, attributes, this);
    job->setMaxPartsInFlight(std::min(m_concurrency, 4));
    job->setIntegrityMode(m_contentMd5 ? IntegrityMode::Sha256AndMd5 : m_signPayload ? IntegrityMode::Sha256Only : IntegrityMode::Auto);
    if (m_partSize > 0)
        job->setPartSize(m_partSize);
    connect(job, &Job::finished, this, [this, job, bucket = uri->bucket, key] {
        if (job->hasError())
            return failWith(job->error());
        m_out << "upload: - to s3://" << escapeControlCharacters(bucket) << '/' << escapeControlCharacters(key) << Qt::endl;
        for (const QString &warning : job->warnings())
            m_err << "warning: " << escapeControlCharacters(warning) << Qt::endl;
        done(ExitOk);
    });
    job->start();
}

void CliApp::commandGet()
{
    QString versionId;
    if (!takeValue(QStringLiteral("--version-id"), &versionId) || !takeSseCustomerKeys(false))
        return;
    if (!takeTransferOptions()
        || !expectPositionals(2, QStringLiteral("get s3://BUCKET/KEY LOCAL_FILE|DIR|- [--version-id ID] [--concurrency N] [--part-size SIZE]")))
        return;
    Result<S3Uri> uri = parseS3Uri(m_positionals.at(0));
    if (!uri)
        return usageError(uri.error().message());
    if (uri->key.isEmpty())
        return usageError(QStringLiteral("get needs s3://BUCKET/KEY, not just a bucket"));
    const QString local = m_positionals.at(1);
    if (local == QLatin1String("-") && m_limitDownload > 0)
        return usageError(QStringLiteral("the bandwidth limit applies to files; it does not go with standard output"));
    if (local != QLatin1String("-")) {
        Result<QString> path = localTargetForKey(local, uri->key);
        if (!path)
            return failWith(path.error());
        runTransfers({{false, *path, uri->bucket, uri->key, -1, {}, versionId}}, {}, [this](bool ok) { done(ok ? ExitOk : ExitFailure); });
        return;
    }
    // Standard output: streamed as it arrives (no size limit); not retried once bytes went out.
    auto *output = new QFile(this);
    if (!output->open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered))
        return failWith(S3Error::io(QStringLiteral("cannot write standard output")));
    auto *job = new GetObjectJob(m_client.get(), uri->bucket, uri->key, this);
    job->setVersionId(versionId);
    job->setSseCustomerKey(m_sseCustomerKey);
    job->setSink(output);
    connect(job, &Job::finished, this, [this, job, output] {
        output->flush();
        if (job->hasError())
            return failWith(job->error());
        done(ExitOk);
    });
    job->start();
}

void CliApp::commandStat()
{
    const bool json = takeFlag(QStringLiteral("--json"));
    QString versionId;
    if (!takeValue(QStringLiteral("--version-id"), &versionId) || !takeSseCustomerKeys(false)
        || !expectPositionals(1, QStringLiteral("stat s3://BUCKET/KEY [--json] [--version-id ID] [--sse-c-key-file FILE]")))
        return;
    Result<S3Uri> uri = parseS3Uri(m_positionals.first());
    if (!uri)
        return usageError(uri.error().message());
    if (uri->key.isEmpty())
        return usageError(QStringLiteral("stat needs s3://BUCKET/KEY, not just a bucket"));
    auto *job = new HeadObjectJob(m_client.get(), uri->bucket, uri->key, this);
    job->setVersionId(versionId);
    job->setSseCustomerKey(m_sseCustomerKey);
    connect(job, &Job::finished, this, [this, job, json, versionId] {
        if (job->hasError()) {
            S3Error error = job->error();
            // A HEAD answer has no body: say what a 404 or 405 means for a version.
            if (!versionId.isEmpty() && (error.httpStatus() == 404 || error.httpStatus() == 405))
                error.setMessage(QStringLiteral("version %1 does not exist or is a delete marker (which has no data)").arg(versionId));
            return failWith(error);
        }
        const ObjectMetadata &m = job->metadata();
        if (json) {
            QJsonObject metadata;
            for (auto it = m.userMetadata.cbegin(); it != m.userMetadata.cend(); ++it)
                metadata.insert(it.key(), it.value());
            QJsonObject line{{QStringLiteral("key"), m.key},
                             {QStringLiteral("size"), double(m.size)},
                             {QStringLiteral("etag"), m.etag},
                             {QStringLiteral("contentType"), m.contentType},
                             {QStringLiteral("lastModified"), isoTime(m.lastModified)},
                             {QStringLiteral("storageClass"), m.storageClass},
                             {QStringLiteral("encryption"), encryptionText(m)},
                             {QStringLiteral("tagCount"), m.taggingCount},
                             {QStringLiteral("metadata"), metadata}};
            // Only objects of versioned buckets have one.
            if (!m.versionId.isEmpty())
                line.insert(QStringLiteral("versionId"), m.versionId);
            if (m.restore.requested) {
                QJsonObject restoreStatus{{QStringLiteral("ongoing"), m.restore.ongoing}};
                if (m.restore.expiry.isValid())
                    restoreStatus.insert(QStringLiteral("expiry"), isoTime(m.restore.expiry));
                line.insert(QStringLiteral("restore"), restoreStatus);
            }
            m_out << jsonLine(line) << Qt::endl;
        } else {
            // Every value here comes from the server: shown escaped, exact in --json.
            m_out << "Key:           " << escapeControlCharacters(m.key) << '\n'
                  << "Size:          " << m.size << " (" << formatByteSize(m.size) << ")\n"
                  << "ETag:          " << escapeControlCharacters(m.etag) << '\n'
                  << "Content-Type:  " << escapeControlCharacters(m.contentType) << '\n'
                  << "Last-Modified: " << localTime(m.lastModified) << '\n'
                  << "Storage class: " << escapeControlCharacters(m.storageClass) << '\n'
                  << "Encryption:    " << escapeControlCharacters(encryptionText(m).isEmpty() ? QStringLiteral("none") : encryptionText(m)) << '\n';
            if (m.taggingCount > 0)
                m_out << "Tags:          " << m.taggingCount << '\n';
            if (m.restore.requested)
                m_out << "Restore:       " << restore::describe(m.restore) << '\n';
            if (!m.versionId.isEmpty())
                m_out << "Version ID:    " << escapeControlCharacters(m.versionId) << '\n';
            if (!m.cacheControl.isEmpty())
                m_out << "Cache-Control: " << escapeControlCharacters(m.cacheControl) << '\n';
            for (auto it = m.userMetadata.cbegin(); it != m.userMetadata.cend(); ++it)
                m_out << "Metadata:      " << escapeControlCharacters(it.key()) << '=' << escapeControlCharacters(it.value()) << '\n';
            m_out.flush();
        }
        done(ExitOk);
    });
    job->start();
}

void CliApp::commandCopy(bool move)
{
    const QString usage = move ? QStringLiteral("mv s3://B/K s3://B2/K2")
                               : QStringLiteral("cp s3://B/K s3://B2/K2 [--version-id ID] [--storage-class C]");
    QString versionId;
    QString storageClass;
    // mv deletes its source: a version given there would be deleted for good, so only cp takes one.
    if ((!move && (!takeValue(QStringLiteral("--version-id"), &versionId) || !takeValue(QStringLiteral("--storage-class"), &storageClass)))
        || !takeSseCustomerKeys(true) || !expectPositionals(2, usage))
        return;
    // One key given serves both sides: the usual copy or rename of an SSE-C object, which keeps its key.
    const SseCustomerKey sourceKey = m_copySourceSseCustomerKey.isNull() ? m_sseCustomerKey : m_copySourceSseCustomerKey;
    Result<S3Uri> from = parseS3Uri(m_positionals.at(0));
    Result<S3Uri> to = parseS3Uri(m_positionals.at(1));
    if (!from)
        return usageError(from.error().message());
    if (!to)
        return usageError(to.error().message());
    if (from->key.isEmpty())
        return usageError(QStringLiteral("the source needs a key: %1").arg(usage));
    QString key = to->key;
    if (key.isEmpty() || key.endsWith(QLatin1Char('/')))
        key += from->key.section(QLatin1Char('/'), -1);
    const bool ontoItself = from->bucket == to->bucket && from->key == key && versionId.isEmpty();
    if (ontoItself && storageClass.isEmpty())
        return usageError(QStringLiteral("copying an object onto itself changes nothing; give --storage-class C to change its class"));
    Job *job = nullptr;
    if (move) {
        auto *moveJob = new MoveObjectJob(m_client.get(), from->bucket, from->key, to->bucket, key, this);
        moveJob->setSseCustomerKeys(sourceKey, m_sseCustomerKey);
        job = moveJob;
    } else {
        auto *copy = new ServerCopyJob(m_client.get(), from->bucket, from->key, to->bucket, key, this);
        copy->setSourceVersionId(versionId);
        copy->setStorageClass(storageClass);
        copy->setKeepAcl(ontoItself); // a copy is private: onto itself that would take permissions away
        copy->setSourceSseCustomerKey(sourceKey);
        copy->setSseCustomerKey(m_sseCustomerKey);
        job = copy;
    }
    connect(job, &Job::finished, this, [this, job, move, storageClass, source = m_positionals.at(0), target = QStringLiteral("s3://%1/%2").arg(to->bucket, key)] {
        if (job->hasError())
            return failWith(job->error());
        if (const auto *copy = qobject_cast<const ServerCopyJob *>(job); copy && copy->wasUnchanged())
            m_out << "unchanged: " << escapeControlCharacters(target) << " is already " << escapeControlCharacters(storageClass) << Qt::endl;
        else
            m_out << (move ? "move: " : "copy: ") << escapeControlCharacters(source) << " to " << escapeControlCharacters(target) << Qt::endl;
        done(ExitOk);
    });
    job->start();
}

void CliApp::commandRm()
{
    const bool recursive = takeFlag(QStringLiteral("--recursive")) || takeFlag(QStringLiteral("-r"));
    QString versionId;
    if (!takeValue(QStringLiteral("--version-id"), &versionId)
        || !expectPositionals(1, QStringLiteral("rm s3://BUCKET/KEY [--version-id ID] | rm s3://BUCKET/PREFIX --recursive")))
        return;
    if (recursive && !versionId.isEmpty())
        return usageError(QStringLiteral("--version-id deletes one version of one key; it does not go with --recursive"));
    Result<S3Uri> uri = parseS3Uri(m_positionals.first());
    if (!uri)
        return usageError(uri.error().message());
    if (recursive) {
        auto *job = new DeletePrefixJob(m_client.get(), uri->bucket, uri->key, this);
        job->setAllowWholeBucket(true); // "rm s3://bucket --recursive" means it, as in aws s3 rm
        connect(job, &Job::finished, this, [this, job, uri = m_positionals.first()] {
            m_out << "delete: " << job->deletedCount() << " objects under " << escapeControlCharacters(uri) << Qt::endl;
            for (const DeleteObjectError &failure : job->failures())
                m_err << "s3desk-cli: could not delete " << escapeControlCharacters(failure.key) << ": "
                      << escapeControlCharacters(failure.code) << ' ' << escapeControlCharacters(failure.message) << Qt::endl;
            if (job->hasError())
                return failWith(job->error());
            done(ExitOk);
        });
        job->start();
        return;
    }
    if (uri->key.isEmpty())
        return usageError(QStringLiteral("rm needs s3://BUCKET/KEY (or --recursive for a prefix)"));
    auto *job = new DeleteObjectJob(m_client.get(), uri->bucket, uri->key, this);
    job->setVersionId(versionId);
    connect(job, &Job::finished, this, [this, job, versionId, uri = m_positionals.first()] {
        if (job->hasError())
            return failWith(job->error());
        m_out << "delete: " << escapeControlCharacters(uri);
        if (!versionId.isEmpty())
            m_out << (job->deleteMarker() ? " (delete marker " : " (version ") << escapeControlCharacters(versionId) << ", removed permanently)";
        else if (job->deleteMarker())
            m_out << " (delete marker " << escapeControlCharacters(job->resultVersionId()) << " added; the versions are kept)";
        m_out << Qt::endl;
        done(ExitOk);
    });
    job->start();
}

void CliApp::commandPresign()
{
    QString expires;
    QString method = QStringLiteral("GET");
    if (!takeValue(QStringLiteral("--expires"), &expires) || !takeValue(QStringLiteral("--expires-in"), &expires)
        || !takeValue(QStringLiteral("--method"), &method))
        return;
    QString versionId;
    if (!takeValue(QStringLiteral("--version-id"), &versionId))
        return;
    if (!expectPositionals(1, QStringLiteral("presign s3://BUCKET/KEY [--expires SECONDS] [--method GET|PUT|HEAD|DELETE] [--version-id ID]")))
        return;
    Result<S3Uri> uri = parseS3Uri(m_positionals.first());
    if (!uri)
        return usageError(uri.error().message());
    // The default validity is shortened to the credentials' lifetime; one asked for explicitly is not.
    const bool explicitExpiry = !expires.isEmpty();
    bool ok = true;
    const qint64 seconds = explicitExpiry ? expires.toLongLong(&ok) : 3600;
    if (!ok)
        return usageError(QStringLiteral("--expires takes a number of seconds (1 ... 604800)"));
    method = method.toUpper();
    if (!QStringList{QStringLiteral("GET"), QStringLiteral("PUT"), QStringLiteral("HEAD"), QStringLiteral("DELETE")}.contains(method))
        return usageError(QStringLiteral("--method must be GET, PUT, HEAD or DELETE"));
    if (m_client->isAnonymous())
        return usageError(QStringLiteral("presigning needs credentials; drop --no-sign-request"));
    if (!versionId.isEmpty() && method == QLatin1String("PUT"))
        return usageError(QStringLiteral("--version-id names an existing version: it goes with GET, HEAD or DELETE, not PUT"));
    m_client->withCredentials(this, [this, seconds, explicitExpiry, method, versionId, uri = *uri](const Result<Credentials> &credentials) {
        if (!credentials)
            return failWith(credentials.error());
        const Result<PresignExpiry> expiry
            = planPresignExpiry(seconds, explicitExpiry, credentials->expiry, m_client->signingTime());
        if (!expiry)
            return failWith(expiry.error());
        QueryItems query;
        if (!versionId.isEmpty())
            query.append({QByteArrayLiteral("versionId"), versionId.toUtf8()});
        Result<QUrl> url = m_client->presign(*credentials, method.toLatin1(), uri.bucket, uri.key, expiry->seconds, query);
        if (!url)
            return failWith(url.error());
        if (expiry->clamped) {
            m_err << "s3desk-cli: warning: the link is valid for " << expiry->seconds << " seconds, not "
                  << expiry->requestedSeconds << ": the temporary credentials expire at "
                  << expiry->credentialsExpiry.toString(Qt::ISODate)
                  << " and a presigned link stops working with them" << Qt::endl;
        }
        m_out << QString::fromLatin1(url->toEncoded()) << Qt::endl;
        done(ExitOk);
    });
}

} // namespace s3cli

namespace s3cli {

void CliApp::listVersions(const QString &bucket, const QString &prefix, bool recursive, bool json, qsizetype shownFrom)
{
    ListObjectVersionsRequest request;
    request.bucket = bucket;
    request.prefix = prefix;
    if (!recursive)
        request.delimiter = QStringLiteral("/");
    // Each page is printed as it arrives: a prefix with a million versions starts printing at once.
    auto *job = new ListObjectVersionsJob(m_client.get(), request, this);
    connect(job, &ListObjectVersionsJob::pageReceived, this, [this, json, shownFrom](const ListObjectVersionsPage &page) {
        for (const QString &folder : page.commonPrefixes) {
            if (json)
                m_out << jsonLine({{QStringLiteral("prefix"), folder}}) << '\n';
            else
                m_out << QStringLiteral("%1 PRE ").arg(QString(), 60) << escapeControlCharacters(folder.mid(shownFrom)) << '\n';
        }
        for (const ObjectVersion &v : page.versions) {
            if (json) {
                QJsonObject line{{QStringLiteral("key"), v.key},
                                 {QStringLiteral("versionId"), v.versionId},
                                 {QStringLiteral("isLatest"), v.isLatest},
                                 {QStringLiteral("deleteMarker"), v.isDeleteMarker},
                                 {QStringLiteral("lastModified"), isoTime(v.lastModified)}};
                if (!v.isDeleteMarker) {
                    line.insert(QStringLiteral("size"), double(v.size));
                    line.insert(QStringLiteral("etag"), v.etag);
                    line.insert(QStringLiteral("storageClass"), v.storageClass);
                }
                m_out << jsonLine(line) << '\n';
            } else {
                const QString size = v.isDeleteMarker ? QStringLiteral("DELETED") : QString::number(v.size);
                m_out << localTime(v.lastModified) << ' ' << QStringLiteral("%1").arg(size, 10) << ' '
                      << QStringLiteral("%1").arg(escapeControlCharacters(v.versionId), -32) << ' '
                      << (v.isLatest ? "LATEST " : "       ") << escapeControlCharacters(v.key.mid(shownFrom)) << '\n';
            }
        }
        m_out.flush();
    });
    connect(job, &Job::finished, this, [this, job] {
        if (job->hasError())
            return failWith(job->error());
        done(ExitOk);
    });
    job->start();
}

void CliApp::commandVersioning()
{
    if (m_positionals.size() < 1 || m_positionals.size() > 2) {
        expectPositionals(1, QStringLiteral("versioning s3://BUCKET [enable|suspend]"));
        return;
    }
    if (!expectPositionals(int(m_positionals.size()), QStringLiteral("versioning s3://BUCKET [enable|suspend]")))
        return;
    Result<S3Uri> uri = parseS3Uri(m_positionals.first());
    if (!uri)
        return usageError(uri.error().message());
    if (!uri->key.isEmpty())
        return usageError(QStringLiteral("versioning is a setting of the bucket: give s3://BUCKET without a key"));
    if (m_positionals.size() == 2) {
        const QString action = m_positionals.at(1).toLower();
        if (action != QLatin1String("enable") && action != QLatin1String("suspend"))
            return usageError(QStringLiteral("versioning takes enable or suspend, not '%1'").arg(m_positionals.at(1)));
        const bool enable = action == QLatin1String("enable");
        auto *job = new PutBucketVersioningJob(m_client.get(), uri->bucket,
                                               enable ? BucketVersioning::Enabled : BucketVersioning::Suspended, this);
        connect(job, &Job::finished, this, [this, job, enable, bucket = uri->bucket] {
            if (job->hasError())
                return failWith(job->error());
            m_out << "versioning: " << escapeControlCharacters(bucket) << (enable ? " Enabled" : " Suspended (the versions it has are kept)")
                  << Qt::endl;
            done(ExitOk);
        });
        job->start();
        return;
    }
    auto *job = new GetBucketVersioningJob(m_client.get(), uri->bucket, this);
    connect(job, &Job::finished, this, [this, job] {
        if (job->hasError())
            return failWith(job->error());
        switch (job->status()) {
        case BucketVersioning::Enabled:
            m_out << "Enabled" << Qt::endl;
            break;
        case BucketVersioning::Suspended:
            m_out << "Suspended" << Qt::endl;
            break;
        case BucketVersioning::Unversioned:
            m_out << "Unversioned (never enabled)" << Qt::endl;
            break;
        }
        done(ExitOk);
    });
    job->start();
}

} // namespace s3cli
