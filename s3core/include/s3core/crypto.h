// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "s3core/result.h"
#include "s3core/s3core_export.h"

namespace s3::crypto {

/** Hash algorithms used by S3: SHA-256 for SigV4 payloads, MD5 for Content-MD5 and ETags. OpenSSL EVP underneath. */
enum class Algorithm { Sha256, Md5 };

/** Streaming hash; add data in pieces, then result(). Not copyable. */
class S3CORE_EXPORT Hasher
{
public:
    explicit Hasher(Algorithm algorithm);
    ~Hasher();
    Hasher(const Hasher &) = delete;
    Hasher &operator=(const Hasher &) = delete;

    void addData(QByteArrayView data);
    /** Raw digest bytes; the hasher cannot be used afterwards. */
    QByteArray result();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

S3CORE_EXPORT QByteArray sha256(QByteArrayView data);
S3CORE_EXPORT QByteArray sha256Hex(QByteArrayView data);
S3CORE_EXPORT QByteArray md5(QByteArrayView data);
S3CORE_EXPORT QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);

/** SHA-256 of the empty string, hex: the payload hash of every bodyless request. */
inline constexpr char EmptySha256Hex[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

struct FileDigests
{
    QByteArray sha256; ///< raw bytes
    QByteArray md5;    ///< raw bytes
    qint64 size = 0;
};

/**
 * Hashes [offset, offset+length) of a file (length < 0: to the end) with SHA-256 and MD5 in one streamed pass
 * (1 MiB buffer, never the whole file in memory). Blocking: call it from a worker thread, never the GUI thread.
 */
S3CORE_EXPORT Result<FileDigests> digestFile(const QString &path, qint64 offset = 0, qint64 length = -1);

} // namespace s3::crypto
