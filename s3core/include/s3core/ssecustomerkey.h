// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>

#include <QByteArray>
#include <QString>

#include "s3core/auth/sigv4.h"
#include "s3core/result.h"
#include "s3core/s3core_export.h"

namespace s3 {

struct S3Request;

/**
 * A customer-provided encryption key (SSE-C): 32 raw bytes, AES256 implied. Every request on an SSE-C object
 * carries it (base64) with its MD5 (base64); S3 keeps only a salted hash of it. The key never goes into logs or
 * error messages (this type has no way to print it), and its bytes are wiped when a value is destroyed. A
 * default-constructed key is null: no SSE-C.
 */
class S3CORE_EXPORT SseCustomerKey
{
public:
    static constexpr int KeyBytes = 32;
    /** Bytes read at most from a key file: a raw key or its base64 text with some whitespace. */
    static constexpr qint64 MaxKeyFileBytes = 4096;

    SseCustomerKey() = default;
    SseCustomerKey(const SseCustomerKey &other) = default;
    SseCustomerKey &operator=(const SseCustomerKey &other) = default;
    ~SseCustomerKey();

    /** Exactly 32 raw bytes. */
    static Result<SseCustomerKey> fromRaw(QByteArrayView raw);
    /** Base64 text (surrounding whitespace allowed) of exactly 32 bytes. */
    static Result<SseCustomerKey> fromBase64(QByteArrayView text);
    /**
     * The contents of a key file: exactly 32 raw bytes (what awscli's fileb:// reads and `openssl rand 32`
     * writes), or else base64 text of 32 bytes. Anything else fails naming the file and the rule, never the bytes.
     */
    static Result<SseCustomerKey> fromFileContents(QByteArrayView contents, const QString &fileName);
    /** Reads a key file (at most MaxKeyFileBytes) and parses it with fromFileContents(). */
    static Result<SseCustomerKey> fromFile(const QString &path);

    bool isNull() const { return !m_set; }
    /** Base64 of the key's MD5: what S3 checks the key against; safe to show to tell keys apart. */
    QByteArray md5Base64() const;
    bool operator==(const SseCustomerKey &other) const;

    /**
     * The three headers of a request on the object itself (PUT, GET, HEAD, CreateMultipartUpload, UploadPart, the
     * destination of a copy), or with copySource the three x-amz-copy-source-* ones for the source of CopyObject and
     * UploadPartCopy. Empty for a null key.
     */
    sigv4::HeaderList headers(bool copySource = false) const;
    /** Adds headers(copySource) to the request (replacing any of the same names). */
    void applyTo(S3Request &request, bool copySource = false) const;

private:
    std::array<unsigned char, KeyBytes> m_key{};
    bool m_set = false;
};

/**
 * True when a failure of a HEAD or GET is what S3 and Ceph RGW answer for an SSE-C object asked without its key
 * (400, no body on a HEAD, InvalidRequest on a GET), or with another key (also 403 AccessDenied). keyGiven says
 * whether the request carried a key. Used to turn such answers into a message that says what to do.
 */
S3CORE_EXPORT bool looksLikeSseCustomerKeyProblem(const S3Error &error, bool keyGiven);

/** S3Error::code() of sseCustomerKeyError() without a key given, and with a key that was refused. */
inline constexpr QLatin1String SseCustomerKeyRequiredCode("SseCustomerKeyRequired");
inline constexpr QLatin1String SseCustomerKeyRefusedCode("SseCustomerKeyRefused");

/**
 * The error for a HEAD/GET of an SSE-C object that failed without the right key: says the object is encrypted
 * with a customer-provided key and how to give it, keeping the server's status, code and request id.
 */
S3CORE_EXPORT S3Error sseCustomerKeyError(const S3Error &error, const QString &key, bool keyGiven);

/** True for an error made by sseCustomerKeyError() (the app then asks for the key). */
S3CORE_EXPORT bool isSseCustomerKeyError(const S3Error &error);

} // namespace s3
