// SPDX-License-Identifier: Apache-2.0
#include "s3core/ssecustomerkey.h"

#include <openssl/crypto.h>

#include <QFile>

#include "s3core/crypto.h"
#include "s3core/net/s3request.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

// Wipes a temporary copy of key material (base64 text, file contents) before it is freed.
void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

} // namespace

SseCustomerKey::~SseCustomerKey()
{
    OPENSSL_cleanse(m_key.data(), m_key.size());
}

Result<SseCustomerKey> SseCustomerKey::fromRaw(QByteArrayView raw)
{
    if (raw.size() != KeyBytes)
        return S3Error::invalid(u"an SSE-C key is exactly 32 bytes (AES-256); this one has %1"_s.arg(raw.size()));
    SseCustomerKey key;
    std::copy(raw.begin(), raw.end(), key.m_key.begin());
    key.m_set = true;
    return key;
}

Result<SseCustomerKey> SseCustomerKey::fromBase64(QByteArrayView text)
{
    QByteArray trimmed = text.trimmed().toByteArray();
    auto decoded = QByteArray::fromBase64Encoding(trimmed, QByteArray::AbortOnBase64DecodingErrors);
    wipe(trimmed);
    if (!decoded) {
        return S3Error::invalid(u"an SSE-C key given as text must be base64 of 32 bytes (e.g. the output of "
                                u"`openssl rand -base64 32`); this is not valid base64"_s);
    }
    QByteArray raw = std::move(decoded.decoded);
    const qsizetype size = raw.size();
    auto key = fromRaw(raw);
    wipe(raw);
    if (!key)
        return S3Error::invalid(u"an SSE-C key given as base64 text must decode to exactly 32 bytes; this one decodes to %1"_s.arg(size));
    return key;
}

Result<SseCustomerKey> SseCustomerKey::fromFileContents(QByteArrayView contents, const QString &fileName)
{
    if (contents.size() == KeyBytes)
        return fromRaw(contents);
    auto key = fromBase64(contents);
    if (!key) {
        return S3Error::invalid(u"%1 holds no SSE-C key: the file must hold exactly 32 raw bytes (`openssl rand 32`) "
                                u"or their base64 text (`openssl rand -base64 32`); it has %2 bytes"_s
                                    .arg(fileName)
                                    .arg(contents.size()));
    }
    return key;
}

Result<SseCustomerKey> SseCustomerKey::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return S3Error::io(u"cannot read the SSE-C key file %1: %2"_s.arg(path, file.errorString()));
    QByteArray contents = file.read(MaxKeyFileBytes + 1);
    if (contents.size() > MaxKeyFileBytes) {
        wipe(contents);
        return S3Error::invalid(u"%1 holds no SSE-C key: it is larger than %2 bytes"_s.arg(path).arg(MaxKeyFileBytes));
    }
    auto key = fromFileContents(contents, path);
    wipe(contents);
    return key;
}

QByteArray SseCustomerKey::md5Base64() const
{
    if (!m_set)
        return {};
    return crypto::md5(QByteArrayView(reinterpret_cast<const char *>(m_key.data()), KeyBytes)).toBase64();
}

bool SseCustomerKey::operator==(const SseCustomerKey &other) const
{
    return m_set == other.m_set && m_key == other.m_key;
}

sigv4::HeaderList SseCustomerKey::headers(bool copySource) const
{
    if (!m_set)
        return {};
    const QByteArray prefix = copySource ? QByteArrayLiteral("x-amz-copy-source-server-side-encryption-customer-")
                                         : QByteArrayLiteral("x-amz-server-side-encryption-customer-");
    return {
        {prefix + "algorithm", QByteArrayLiteral("AES256")},
        {prefix + "key", QByteArray(reinterpret_cast<const char *>(m_key.data()), KeyBytes).toBase64()},
        {prefix + "key-md5", md5Base64()},
    };
}

void SseCustomerKey::applyTo(S3Request &request, bool copySource) const
{
    for (const auto &[name, value] : headers(copySource))
        request.setHeader(name, value);
}

bool looksLikeSseCustomerKeyProblem(const S3Error &error, bool keyGiven)
{
    if (error.kind() != S3Error::Kind::Http && error.kind() != S3Error::Kind::S3)
        return false;
    // Without a key only a 400 says "encrypted": a 403 then is a plain permission problem.
    if (error.httpStatus() != 400 && !(keyGiven && error.httpStatus() == 403))
        return false;
    const QString code = error.code();
    // InvalidArgument / InvalidRequest also answer a bad version id or query: without a key they mean "encrypted"
    // only when the server says so, or says nothing at all (Ceph RGW 16 leaves the message empty).
    if (!keyGiven && (code == u"InvalidArgument"_s || code == u"InvalidRequest"_s) && !error.message().isEmpty()
        && !error.message().contains(u"encrypt"_s, Qt::CaseInsensitive)
        && !error.message().contains(u"Server Side"_s, Qt::CaseInsensitive))
        return false;
    return code.isEmpty() || code == u"InvalidRequest"_s || code == u"AccessDenied"_s || code == u"InvalidArgument"_s
        || code == u"BadRequest"_s || code == u"Forbidden"_s;
}

S3Error sseCustomerKeyError(const S3Error &error, const QString &key, bool keyGiven)
{
    S3Error result = error;
    // The status itself is in the error's text already; the server's code would be lost with ours below.
    const QString status = error.code().isEmpty() ? u"HTTP %1"_s.arg(error.httpStatus()) : error.code();
    if (keyGiven) {
        result.setMessage(u"%1 was refused with the SSE-C key given (%2): the object is encrypted with another "
                          u"customer-provided key, or access is denied; give the key it was uploaded with"_s
                              .arg(key, status));
    } else {
        result.setMessage(u"%1: object is encrypted with a customer-provided key (SSE-C): give the key with "
                          u"--sse-c-key-file / in the app's prompt (the server answered %2)"_s
                              .arg(key, status));
    }
    // A code of our own lets the app recognise the case and ask for the key; the server's code stays in the message.
    result.setCode(keyGiven ? SseCustomerKeyRefusedCode : SseCustomerKeyRequiredCode);
    return result;
}

bool isSseCustomerKeyError(const S3Error &error)
{
    return error.code() == SseCustomerKeyRequiredCode || error.code() == SseCustomerKeyRefusedCode;
}

} // namespace s3
