// SPDX-License-Identifier: Apache-2.0
// s3desk-cli acl: show an object's grants, or give objects a canned ACL.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cliapp.h"
#include "s3core/acl.h"
#include "s3core/ops/getobjectacljob.h"
#include "s3core/ops/foreachobjectjob.h"
#include "s3core/textescape.h"
#include "s3uri.h"

namespace s3cli {

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

QString granteeKind(AclGrant::Grantee grantee)
{
    switch (grantee) {
    case AclGrant::Grantee::Group:
        return u"group"_s;
    case AclGrant::Grantee::Email:
        return u"email"_s;
    case AclGrant::Grantee::CanonicalUser:
        break;
    }
    return u"user"_s;
}

} // namespace

void CliApp::commandAcl()
{
    const QString usage = u"acl s3://BUCKET/KEY [--json] | acl s3://BUCKET/KEY|PREFIX --set CANNED_ACL [--recursive]"_s;
    const bool json = takeFlag(u"--json"_s);
    const bool recursive = takeFlag(u"--recursive"_s) || takeFlag(u"-r"_s);
    QString canned;
    if (!takeValue(u"--set"_s, &canned))
        return;
    if (!expectPositionals(1, usage))
        return;
    Result<S3Uri> uri = parseS3Uri(m_positionals.first());
    if (!uri)
        return usageError(uri.error().message());
    if (uri->key.isEmpty() && !recursive)
        return usageError(u"acl needs s3://BUCKET/KEY (or a prefix with --set ... --recursive)"_s);
    if (recursive && canned.isEmpty())
        return usageError(u"--recursive needs --set CANNED_ACL"_s);
    if (!canned.isEmpty() && !acl::isCannedAcl(canned))
        return usageError(u"--set takes a canned ACL: %1"_s.arg(acl::cannedAcls().join(u", "_s)));

    if (!canned.isEmpty()) {
        QStringList keys;
        QStringList prefixes;
        (recursive ? prefixes : keys).append(uri->key);
        auto *job = ForEachObjectJob::setCannedAcl(m_client.get(), uri->bucket, keys, prefixes, canned, this);
        job->setAllowWholeBucket(recursive && uri->key.isEmpty());
        connect(job, &Job::finished, this, [this, job, recursive, canned] {
            if (recursive)
                m_err << job->doneCount() << (job->doneCount() == 1 ? " object is " : " objects are ") << canned << Qt::endl;
            if (job->hasError())
                return failWith(job->error());
            done(ExitOk);
        });
        job->start();
        return;
    }

    auto *job = new GetObjectAclJob(m_client.get(), uri->bucket, uri->key, this);
    connect(job, &Job::finished, this, [this, job, json] {
        if (job->hasError())
            return failWith(job->error());
        const AccessControlPolicy &policy = job->policy();
        const QString cannedName = acl::cannedAclOf(policy);
        if (json) {
            QJsonArray grants;
            for (const AclGrant &grant : policy.grants) {
                QJsonObject g{{u"grantee"_s, granteeKind(grant.grantee)}, {u"permission"_s, grant.permission}};
                if (!grant.id.isEmpty())
                    g.insert(u"id"_s, grant.id);
                if (!grant.displayName.isEmpty())
                    g.insert(u"displayName"_s, grant.displayName);
                if (!grant.uri.isEmpty())
                    g.insert(u"uri"_s, grant.uri);
                if (!grant.email.isEmpty())
                    g.insert(u"email"_s, grant.email);
                grants.append(g);
            }
            m_out << QJsonDocument(QJsonObject{{u"owner"_s, policy.ownerId},
                                               {u"ownerDisplayName"_s, policy.ownerDisplayName},
                                               {u"canned"_s, cannedName},
                                               {u"public"_s, acl::isPublic(policy)},
                                               {u"grants"_s, grants}})
                         .toJson(QJsonDocument::Compact)
                  << Qt::endl;
        } else {
            // Every value comes from the server: shown escaped, exact in --json.
            m_out << "Owner:  " << escapeControlCharacters(policy.ownerDisplayName.isEmpty() || policy.ownerDisplayName == policy.ownerId
                                                                ? policy.ownerId
                                                                : u"%1 (%2)"_s.arg(policy.ownerDisplayName, policy.ownerId))
                  << '\n'
                  << "Canned: " << (cannedName.isEmpty() ? u"(none: individual grants)"_s : cannedName) << '\n'
                  << "Public: " << (acl::isPublic(policy) ? "yes" : "no") << '\n';
            for (const AclGrant &grant : policy.grants)
                m_out << "Grant:  " << qSetFieldWidth(14) << Qt::left << grant.permission << qSetFieldWidth(0)
                      << escapeControlCharacters(acl::granteeText(grant)) << '\n';
            m_out.flush();
        }
        done(ExitOk);
    });
    job->start();
}

} // namespace s3cli
