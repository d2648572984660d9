// SPDX-License-Identifier: Apache-2.0
// SSE-C key files and base64 key text (another program wrote them): SseCustomerKey::fromFileContents/fromBase64.
#include "fuzzsupport.h"
#include "s3core/ssecustomerkey.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    s3fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = s3fuzz::toBytes(data, size);
    const s3::Result<s3::SseCustomerKey> fromFile = s3::SseCustomerKey::fromFileContents(input, QStringLiteral("key"));
    s3fuzz::checkResult(fromFile);
    if (fromFile) {
        // A key always gives the three headers, with a 24-character MD5 and a 44-character key in base64.
        S3FUZZ_CHECK(!fromFile->isNull());
        const auto headers = fromFile->headers();
        S3FUZZ_CHECK(headers.size() == 3);
        S3FUZZ_CHECK(headers.at(1).second.size() == 44);
        S3FUZZ_CHECK(fromFile->md5Base64().size() == 24);
    } else {
        // The message names the file and never carries the input.
        S3FUZZ_CHECK(fromFile.error().message().contains(QStringLiteral("key")));
        S3FUZZ_CHECK(input.size() < 16 || !fromFile.error().message().toLatin1().contains(input));
    }
    const s3::Result<s3::SseCustomerKey> fromText = s3::SseCustomerKey::fromBase64(input);
    s3fuzz::checkResult(fromText);
    // Text that decodes to a key is that key's base64 (up to whitespace and padding): the same key as its bytes.
    if (fromText)
        S3FUZZ_CHECK(*fromText == *s3::SseCustomerKey::fromRaw(QByteArray::fromBase64(input.trimmed())));
    return 0;
}
