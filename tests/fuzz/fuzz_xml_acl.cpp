// SPDX-License-Identifier: Apache-2.0
// GetObjectAcl answers: xml::parseAccessControlPolicy and what the app and the CLI derive from a policy.
#include "fuzzsupport.h"
#include "s3core/acl.h"
#include "s3core/xml/s3xml.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    s3fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = s3fuzz::toBytes(data, size);
    const auto policy = s3::xml::parseAccessControlPolicy(body);
    s3fuzz::checkResult(policy);
    if (policy) {
        S3FUZZ_CHECK(policy->grants.size() <= s3::xml::MaxGrantsInAnswer);
        for (const s3::AclGrant &grant : policy->grants)
            S3FUZZ_CHECK(!grant.permission.isEmpty());
        // A policy the parser accepts is one PutObjectAcl would get back verbatim.
        S3FUZZ_CHECK(s3::xml::isAccessControlPolicy(body));
        const QString canned = s3::acl::cannedAclOf(*policy);
        S3FUZZ_CHECK(canned.isEmpty() || s3::acl::isCannedAcl(canned));
        if (canned == QLatin1String("private"))
            S3FUZZ_CHECK(!s3::acl::isPublic(*policy));
        for (const s3::AclGrant &grant : policy->grants)
            (void)s3::acl::granteeText(grant);
    }
    return 0;
}
