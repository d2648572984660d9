// SPDX-License-Identifier: Apache-2.0
// STS answers (AssumeRole, AssumeRoleWithWebIdentity, ErrorResponse) and awscli's session cache files: the bytes
// of a server or of a file another program wrote.
#include "fuzzsupport.h"
#include "s3core/auth/sts.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    s3fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = s3fuzz::toBytes(data, size);
    const s3::Result<s3::sts::AssumedRole> role = s3::sts::parseAssumeRoleResponse(body);
    if (role) {
        S3FUZZ_CHECK(role->credentials.isComplete());
        S3FUZZ_CHECK(!role->credentials.sessionToken.isEmpty());
        S3FUZZ_CHECK(role->credentials.expiry.isValid());
        // What we write to the cache reads back the same.
        const s3::Result<s3::Credentials> back = s3::sts::parseCacheFile(s3::sts::cacheFileContent(*role));
        S3FUZZ_CHECK(back.ok());
        S3FUZZ_CHECK(back->accessKeyId == role->credentials.accessKeyId);
        S3FUZZ_CHECK(back->expiry.toSecsSinceEpoch() == role->credentials.expiry.toSecsSinceEpoch());
    } else {
        s3fuzz::checkError(role.error());
    }
    const s3::S3Error error = s3::sts::parseError(body, 403);
    if (error.isError())
        s3fuzz::checkError(error);
    s3fuzz::checkResult(s3::sts::parseCacheFile(body));
    return 0;
}
