// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include "s3core/s3core_export.h"

namespace s3 {

/** One grant of an access control list. */
struct AclGrant
{
    enum class Grantee { CanonicalUser, Group, Email };
    Grantee grantee = Grantee::CanonicalUser;
    QString id;          // CanonicalUser
    QString displayName; // CanonicalUser, when the server sends it
    QString uri;         // Group, e.g. http://acs.amazonaws.com/groups/global/AllUsers
    QString email;       // Email
    QString permission;  // FULL_CONTROL, READ, WRITE, READ_ACP, WRITE_ACP
    friend bool operator==(const AclGrant &, const AclGrant &) = default;
};

/** GetObjectAcl / GetBucketAcl: the owner and the grants. */
struct AccessControlPolicy
{
    QString ownerId;
    QString ownerDisplayName;
    QList<AclGrant> grants;
    friend bool operator==(const AccessControlPolicy &, const AccessControlPolicy &) = default;
};

namespace acl {

inline constexpr QLatin1String AllUsers("http://acs.amazonaws.com/groups/global/AllUsers");
inline constexpr QLatin1String AuthenticatedUsers("http://acs.amazonaws.com/groups/global/AuthenticatedUsers");

/** The canned ACLs S3 accepts in x-amz-acl for objects. */
S3CORE_EXPORT QStringList cannedAcls();
S3CORE_EXPORT bool isCannedAcl(const QString &name);
/**
 * The canned ACL a policy is exactly equivalent to (private, public-read, public-read-write, authenticated-read),
 * or an empty string when its grants are anything else (then it is shown grant by grant).
 */
S3CORE_EXPORT QString cannedAclOf(const AccessControlPolicy &policy);
/** True when anyone on the internet (AllUsers) or any AWS account (AuthenticatedUsers) has a grant. */
S3CORE_EXPORT bool isPublic(const AccessControlPolicy &policy);
/** "Everyone", "Any AWS account", the display name or id of a user, or the e-mail address: for people. */
S3CORE_EXPORT QString granteeText(const AclGrant &grant);

} // namespace acl
} // namespace s3
