// SPDX-License-Identifier: Apache-2.0
#include "s3core/acl.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace s3::acl {

namespace {

bool isOwnerFullControl(const AclGrant &grant, const QString &ownerId)
{
    return grant.grantee == AclGrant::Grantee::CanonicalUser && grant.id == ownerId && grant.permission == u"FULL_CONTROL"_s;
}

bool isGroupGrant(const AclGrant &grant, QLatin1String group, QLatin1String permission)
{
    return grant.grantee == AclGrant::Grantee::Group && grant.uri == group && grant.permission == permission;
}

} // namespace

QStringList cannedAcls()
{
    return {u"private"_s,           u"public-read"_s,      u"public-read-write"_s,       u"authenticated-read"_s,
            u"aws-exec-read"_s,     u"bucket-owner-read"_s, u"bucket-owner-full-control"_s};
}

bool isCannedAcl(const QString &name)
{
    return cannedAcls().contains(name);
}

QString cannedAclOf(const AccessControlPolicy &policy)
{
    if (policy.ownerId.isEmpty())
        return {};
    QList<AclGrant> others;
    bool ownerHasFullControl = false;
    for (const AclGrant &grant : policy.grants) {
        if (isOwnerFullControl(grant, policy.ownerId))
            ownerHasFullControl = true;
        else if (!others.contains(grant))
            others.append(grant);
    }
    if (!ownerHasFullControl)
        return {};
    const auto has = [&](QLatin1String group, QLatin1String permission) {
        return std::any_of(others.begin(), others.end(), [&](const AclGrant &g) { return isGroupGrant(g, group, permission); });
    };
    if (others.isEmpty())
        return u"private"_s;
    if (others.size() == 1 && has(AllUsers, "READ"_L1))
        return u"public-read"_s;
    if (others.size() == 2 && has(AllUsers, "READ"_L1) && has(AllUsers, "WRITE"_L1))
        return u"public-read-write"_s;
    if (others.size() == 1 && has(AuthenticatedUsers, "READ"_L1))
        return u"authenticated-read"_s;
    return {};
}

bool isPublic(const AccessControlPolicy &policy)
{
    return std::any_of(policy.grants.begin(), policy.grants.end(), [](const AclGrant &grant) {
        return grant.grantee == AclGrant::Grantee::Group && (grant.uri == AllUsers || grant.uri == AuthenticatedUsers);
    });
}

QString granteeText(const AclGrant &grant)
{
    switch (grant.grantee) {
    case AclGrant::Grantee::Group:
        if (grant.uri == AllUsers)
            return u"Everyone (AllUsers)"_s;
        if (grant.uri == AuthenticatedUsers)
            return u"Any AWS account (AuthenticatedUsers)"_s;
        return grant.uri;
    case AclGrant::Grantee::Email:
        return grant.email;
    case AclGrant::Grantee::CanonicalUser:
        break;
    }
    if (!grant.displayName.isEmpty() && grant.displayName != grant.id)
        return u"%1 (%2)"_s.arg(grant.displayName, grant.id);
    return grant.id;
}

} // namespace s3::acl
