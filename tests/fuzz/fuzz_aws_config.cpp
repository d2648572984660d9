// SPDX-License-Identifier: Apache-2.0
// The AWS shared files (~/.aws/config and ~/.aws/credentials): loadAwsProfile and listAwsProfiles.
// The reader takes paths, so the input is written to two files in a private temporary folder: the bytes up to
// the first NUL go to the config file, the rest to the credentials file (no NUL: the same bytes in both).
#include <memory>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "fuzzsupport.h"
#include "s3core/config.h"

namespace {

std::unique_ptr<QTemporaryDir> g_folder;
s3::AwsSharedFiles g_files;

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        s3fuzz::violated(__FILE__, __LINE__, "cannot write the input file");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    s3fuzz::quietMessages();
    // /dev/shm keeps the two writes per input off the disk.
    const QString base = QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath();
    g_folder = std::make_unique<QTemporaryDir>(base + QStringLiteral("/s3desk-fuzz-aws-XXXXXX"));
    if (!g_folder->isValid())
        s3fuzz::violated(__FILE__, __LINE__, "cannot create a temporary folder");
    g_files.configPath = g_folder->filePath(QStringLiteral("config"));
    g_files.credentialsPath = g_folder->filePath(QStringLiteral("credentials"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = s3fuzz::toBytes(data, size);
    const qsizetype nul = input.indexOf('\0');
    writeFile(g_files.configPath, nul < 0 ? input : input.left(nul));
    writeFile(g_files.credentialsPath, nul < 0 ? input : input.mid(nul + 1));

    const s3::Result<s3::AwsProfile> implicitDefault =
        s3::loadAwsProfile(QStringLiteral("default"), g_files, /*allowMissing=*/true);
    s3fuzz::checkResult(implicitDefault);

    // Every profile the connection dialog lists must load, or fail for a reason other than "not found".
    const QStringList names = s3::listAwsProfiles(g_files);
    for (qsizetype i = 0; i < names.size() && i < 4; ++i) {
        S3FUZZ_CHECK(!names.at(i).isEmpty());
        const s3::Result<s3::AwsProfile> profile = s3::loadAwsProfile(names.at(i), g_files);
        s3fuzz::checkResult(profile);
        if (profile)
            S3FUZZ_CHECK(profile->name == names.at(i));
        else
            S3FUZZ_CHECK(profile.error().kind() != s3::S3Error::Kind::Auth);
    }
    return 0;
}
