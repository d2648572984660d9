// SPDX-License-Identifier: Apache-2.0
#include "s3core/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <QFile>

namespace s3::crypto {

namespace {

const EVP_MD *evpMd(Algorithm algorithm)
{
    switch (algorithm) {
    case Algorithm::Sha256:
        return EVP_sha256();
    case Algorithm::Md5:
        return EVP_md5();
    }
    return EVP_sha256();
}

struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

QByteArray oneShot(Algorithm algorithm, QByteArrayView data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outLength = 0;
    // EVP_Digest never fails for the built-in digests short of memory exhaustion; an empty result would make
    // every signature mismatch loudly rather than silently.
    if (EVP_Digest(data.data(), size_t(data.size()), out, &outLength, evpMd(algorithm), nullptr) != 1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(outLength));
}

} // namespace

struct Hasher::Private
{
    MdCtxPtr ctx;
    bool finished = false;
};

Hasher::Hasher(Algorithm algorithm)
    : d(std::make_unique<Private>())
{
    d->ctx.reset(EVP_MD_CTX_new());
    if (d->ctx)
        EVP_DigestInit_ex(d->ctx.get(), evpMd(algorithm), nullptr);
}

Hasher::~Hasher() = default;

void Hasher::addData(QByteArrayView data)
{
    if (!d->ctx || d->finished || data.isEmpty())
        return;
    EVP_DigestUpdate(d->ctx.get(), data.data(), size_t(data.size()));
}

QByteArray Hasher::result()
{
    if (!d->ctx || d->finished)
        return {};
    d->finished = true;
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outLength = 0;
    if (EVP_DigestFinal_ex(d->ctx.get(), out, &outLength) != 1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(outLength));
}

QByteArray sha256(QByteArrayView data)
{
    return oneShot(Algorithm::Sha256, data);
}

QByteArray sha256Hex(QByteArrayView data)
{
    return sha256(data).toHex();
}

QByteArray md5(QByteArrayView data)
{
    return oneShot(Algorithm::Md5, data);
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outLength = 0;
    // HMAC() with a null key pointer would mean "reuse the previous key" in old OpenSSL; pass a valid pointer.
    static const unsigned char emptyKey = 0;
    const void *keyData = key.isEmpty() ? static_cast<const void *>(&emptyKey) : static_cast<const void *>(key.data());
    if (!HMAC(EVP_sha256(), keyData, int(key.size()), reinterpret_cast<const unsigned char *>(data.data()),
              size_t(data.size()), out, &outLength))
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(outLength));
}

Result<FileDigests> digestFile(const QString &path, qint64 offset, qint64 length)
{
    if (offset < 0)
        return S3Error::invalid(QStringLiteral("Cannot hash %1: negative offset %2").arg(path).arg(offset));

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return S3Error::io(QStringLiteral("Cannot open %1 for hashing: %2").arg(path, file.errorString()));

    const qint64 fileSize = file.size();
    if (offset > fileSize)
        return S3Error::invalid(QStringLiteral("Cannot hash %1: offset %2 is past the end of the file (%3 bytes)")
                                    .arg(path)
                                    .arg(offset)
                                    .arg(fileSize));
    qint64 remaining = length < 0 ? fileSize - offset : length;
    if (offset + remaining > fileSize)
        return S3Error::invalid(QStringLiteral("Cannot hash %1: range %2+%3 is past the end of the file (%4 bytes)")
                                    .arg(path)
                                    .arg(offset)
                                    .arg(remaining)
                                    .arg(fileSize));
    if (!file.seek(offset))
        return S3Error::io(QStringLiteral("Cannot seek in %1: %2").arg(path, file.errorString()));

    constexpr qint64 BufferSize = 1024 * 1024;
    QByteArray buffer(qsizetype(qMin(BufferSize, qMax<qint64>(remaining, 1))), Qt::Uninitialized);
    Hasher sha(Algorithm::Sha256);
    Hasher md(Algorithm::Md5);
    FileDigests digests;
    while (remaining > 0) {
        const qint64 want = qMin<qint64>(remaining, buffer.size());
        const qint64 got = file.read(buffer.data(), want);
        if (got < 0)
            return S3Error::io(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
        if (got == 0)
            return S3Error::io(QStringLiteral("Cannot read %1: the file shrank while it was being hashed").arg(path));
        const QByteArrayView chunk(buffer.constData(), qsizetype(got));
        sha.addData(chunk);
        md.addData(chunk);
        digests.size += got;
        remaining -= got;
    }
    digests.sha256 = sha.result();
    digests.md5 = md.result();
    return digests;
}

} // namespace s3::crypto
