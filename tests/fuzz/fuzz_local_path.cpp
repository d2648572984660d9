// SPDX-License-Identifier: Apache-2.0
// localPathForKey: where a downloaded object lands. Keys come from the server, so the result must stay inside
// the chosen folder whatever the key: checked here as invariants (under the root, no "." or ".." segment, no
// NUL, a trailing '/' only for folder markers).
// Input: byte 0 picks the root (bits 6-7) and the prefix length (bits 0-5); the prefix is the next bytes, the
// key the rest (with bit 5 of byte 1, if any, the key starts with the prefix: most real keys do).
#include <algorithm>

#include <QDir>
#include <QStringList>

#include "fuzzsupport.h"
#include "s3core/transfer/localpaths.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    s3fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    static const QString roots[] = {QStringLiteral("/home/user/Downloads/s3"), QStringLiteral("relative/dir/"),
                                    QStringLiteral("/"), QStringLiteral("/tmp/a b/./c/../d")};
    const QString &root = roots[data[0] >> 6];
    const bool keyHasPrefix = data[1] & 0x20;
    const size_t prefixLength = std::min<size_t>(data[0] & 0x3f, size - 2);
    const QString prefix = QString::fromUtf8(reinterpret_cast<const char *>(data + 2), qsizetype(prefixLength));
    QString key = QString::fromUtf8(reinterpret_cast<const char *>(data + 2 + prefixLength),
                                    qsizetype(size - 2 - prefixLength));
    if (keyHasPrefix)
        key.prepend(prefix);

    const s3::Result<QString> result = s3::localPathForKey(root, prefix, key);
    if (!result) {
        s3fuzz::checkError(result.error());
        return 0;
    }
    const QString &path = *result;
    const QString cleanRoot = QDir::cleanPath(root);
    const QString base = cleanRoot.endsWith(QLatin1Char('/')) ? cleanRoot : cleanRoot + QLatin1Char('/');

    S3FUZZ_CHECK(key.startsWith(prefix));
    S3FUZZ_CHECK(!path.contains(QChar(0)));
    S3FUZZ_CHECK(!path.contains(QLatin1Char('\\')));
    S3FUZZ_CHECK(path.endsWith(QLatin1Char('/')) == key.endsWith(QLatin1Char('/')));
    // No segment of the path (the root is cleaned too) may step anywhere but down.
    for (const QString &segment : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        S3FUZZ_CHECK(segment != QLatin1String(".") && segment != QLatin1String(".."));
        S3FUZZ_CHECK(!(segment.size() >= 2 && segment.at(1) == QLatin1Char(':')));
    }
    // What the file system resolves lies strictly below the root; only the prefix's own folder marker (a key
    // that is the prefix, or it plus nothing but slashes) names the root folder itself.
    const QString cleaned = QDir::cleanPath(path);
    const QStringView relative = QStringView(key).mid(prefix.size());
    const bool ownMarker = std::all_of(relative.begin(), relative.end(), [](QChar c) { return c == QLatin1Char('/'); });
    if (ownMarker)
        S3FUZZ_CHECK(cleaned == cleanRoot);
    else
        S3FUZZ_CHECK(cleaned.startsWith(base) && cleaned.size() > base.size());
    return 0;
}
