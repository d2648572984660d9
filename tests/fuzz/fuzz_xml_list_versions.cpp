// SPDX-License-Identifier: Apache-2.0
// ListObjectVersions pages, with and without encoding-type=url: xml::parseListObjectVersions.
#include "fuzzsupport.h"
#include "s3core/xml/s3xml.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    s3fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = s3fuzz::toBytes(data, size);
    const auto plain = s3::xml::parseListObjectVersions(body, false);
    const auto decoded = s3::xml::parseListObjectVersions(body, true);
    s3fuzz::checkResult(plain);
    s3fuzz::checkResult(decoded);
    // Decoding changes the texts, never whether the page parses or how many entries it has.
    S3FUZZ_CHECK(plain.ok() == decoded.ok());
    if (plain) {
        S3FUZZ_CHECK(plain->versions.size() == decoded->versions.size());
        S3FUZZ_CHECK(plain->commonPrefixes.size() == decoded->commonPrefixes.size());
        S3FUZZ_CHECK(plain->versions.size() + plain->commonPrefixes.size() <= s3::xml::MaxEntriesInVersionsPage);
        S3FUZZ_CHECK(!plain->isTruncated || !plain->nextKeyMarker.isEmpty());
        for (const s3::ObjectVersion &version : plain->versions)
            S3FUZZ_CHECK(!version.key.isEmpty());
        for (const s3::ObjectVersion &version : decoded->versions) {
            S3FUZZ_CHECK(!version.versionId.isEmpty() && version.versionId.size() <= s3::xml::MaxVersionIdLength);
            S3FUZZ_CHECK(version.size >= 0);
            S3FUZZ_CHECK(!version.isDeleteMarker || (version.size == 0 && version.etag.isEmpty()));
            S3FUZZ_CHECK(!version.lastModified.isValid() || version.lastModified.timeSpec() == Qt::UTC);
        }
    }
    return 0;
}
