// SPDX-License-Identifier: Apache-2.0
// IAM Identity Center JSON: the token and registration cache files (written by awscli or any other program) and
// the OIDC and portal answers. A token that parses must serialize to bytes that parse to the same token.
#include "fuzzsupport.h"
#include "s3core/auth/ssoapi.h"
#include "s3core/auth/ssotoken.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    s3fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = s3fuzz::toBytes(data, size);
    const s3::Result<s3::SsoToken> token = s3::parseSsoToken(input, QStringLiteral("fuzz"));
    s3fuzz::checkResult(token);
    if (token) {
        const s3::Result<s3::SsoToken> again = s3::parseSsoToken(s3::serializeSsoToken(*token), QStringLiteral("fuzz"));
        S3FUZZ_CHECK(again.ok());
        S3FUZZ_CHECK(again->accessToken == token->accessToken);
        S3FUZZ_CHECK(again->refreshToken == token->refreshToken);
        S3FUZZ_CHECK(again->expiresAt.toSecsSinceEpoch() == token->expiresAt.toSecsSinceEpoch());
    }
    s3fuzz::checkResult(s3::parseSsoRegistration(input, QStringLiteral("fuzz")));
    s3fuzz::checkResult(s3::parseSsoRegisterClient(input));
    s3fuzz::checkResult(s3::parseSsoDeviceAuthorization(input));
    s3fuzz::checkResult(s3::parseSsoCreateToken(input));
    const s3::Result<s3::Credentials> credentials = s3::parseSsoRoleCredentials(input);
    s3fuzz::checkResult(credentials);
    if (credentials)
        S3FUZZ_CHECK(credentials->isComplete() && credentials->expiry.isValid());
    const s3::SsoServiceError error = s3::parseSsoServiceError(input, input.left(64));
    S3FUZZ_CHECK(error.code.size() <= 128 && error.description.size() <= 512);
    return 0;
}
