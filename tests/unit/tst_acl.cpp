// SPDX-License-Identifier: Apache-2.0
// Access control lists: the GetObjectAcl parser (Ceph's and AWS's answers, hostile ones) and what a policy is
// shown as (its canned name, public or not, who a grantee is).
#include <QtTest>

#include "s3core/acl.h"
#include "s3core/xml/s3xml.h"

using namespace Qt::Literals::StringLiterals;
using namespace s3;

namespace {

QByteArray policyXml(const QByteArray &grants, const QByteArray &owner = "<Owner><ID>tester</ID><DisplayName>S3Desk tester</DisplayName></Owner>")
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + owner + "<AccessControlList>" + grants + "</AccessControlList></AccessControlPolicy>";
}

QByteArray userGrant(const QByteArray &id, const QByteArray &permission)
{
    return "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"><ID>" + id
        + "</ID><DisplayName>" + id + " name</DisplayName></Grantee><Permission>" + permission + "</Permission></Grant>";
}

QByteArray groupGrant(const QByteArray &group, const QByteArray &permission)
{
    return "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\"><URI>"
        "http://acs.amazonaws.com/groups/global/" + group + "</URI></Grantee><Permission>" + permission + "</Permission></Grant>";
}

} // namespace

class TestAcl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void parsesEveryGranteeKind();
    void refusesHostileAnswers_data();
    void refusesHostileAnswers();
    void cannedNames();
};

void TestAcl::parse_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("canned");
    QTest::addColumn<bool>("isPublic");
    QTest::addColumn<int>("grants");
    const QByteArray owner = userGrant("tester", "FULL_CONTROL");
    QTest::newRow("private (Ceph)") << policyXml(owner) << u"private"_s << false << 1;
    QTest::newRow("public-read") << policyXml(owner + groupGrant("AllUsers", "READ")) << u"public-read"_s << true << 2;
    QTest::newRow("public-read-write") << policyXml(owner + groupGrant("AllUsers", "READ") + groupGrant("AllUsers", "WRITE"))
                                       << u"public-read-write"_s << true << 3;
    QTest::newRow("authenticated-read") << policyXml(owner + groupGrant("AuthenticatedUsers", "READ")) << u"authenticated-read"_s
                                        << true << 2;
    QTest::newRow("another user can read") << policyXml(owner + userGrant("other", "READ")) << QString() << false << 2;
    QTest::newRow("owner without full control") << policyXml(userGrant("tester", "READ")) << QString() << false << 1;
    QTest::newRow("no grants at all") << policyXml({}) << QString() << false << 0;
    QTest::newRow("repeated grant (Ceph repeats some)") << policyXml(owner + groupGrant("AllUsers", "READ") + groupGrant("AllUsers", "READ"))
                                                        << u"public-read"_s << true << 3;
    QTest::newRow("public-read plus a user") << policyXml(owner + groupGrant("AllUsers", "READ") + userGrant("other", "READ"))
                                             << QString() << true << 3;
    QTest::newRow("no owner") << policyXml(owner, {}) << QString() << false << 1;
}

void TestAcl::parse()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, canned);
    QFETCH(bool, isPublic);
    QFETCH(int, grants);
    const Result<AccessControlPolicy> policy = xml::parseAccessControlPolicy(body);
    QVERIFY2(policy.ok(), qPrintable(policy ? QString() : policy.error().message()));
    QCOMPARE(policy->grants.size(), grants);
    QCOMPARE(acl::cannedAclOf(*policy), canned);
    QCOMPARE(acl::isPublic(*policy), isPublic);
    QVERIFY(xml::isAccessControlPolicy(body));
}

void TestAcl::parsesEveryGranteeKind()
{
    const QByteArray body = policyXml(
        userGrant("tester", "FULL_CONTROL") + groupGrant("AllUsers", "READ")
        + "<Grant><Grantee xsi:type=\"AmazonCustomerByEmail\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
          "<EmailAddress>someone@example.com</EmailAddress></Grantee><Permission>READ_ACP</Permission></Grant>");
    const Result<AccessControlPolicy> policy = xml::parseAccessControlPolicy(body);
    QVERIFY(policy.ok());
    QCOMPARE(policy->ownerId, u"tester"_s);
    QCOMPARE(policy->ownerDisplayName, u"S3Desk tester"_s);
    QCOMPARE(policy->grants.size(), 3);
    const AclGrant &user = policy->grants.at(0);
    QCOMPARE(user.grantee, AclGrant::Grantee::CanonicalUser);
    QCOMPARE(user.id, u"tester"_s);
    QCOMPARE(user.displayName, u"tester name"_s);
    QCOMPARE(user.permission, u"FULL_CONTROL"_s);
    QCOMPARE(acl::granteeText(user), u"tester name (tester)"_s);
    const AclGrant &group = policy->grants.at(1);
    QCOMPARE(group.grantee, AclGrant::Grantee::Group);
    QCOMPARE(group.uri, QString(acl::AllUsers));
    QCOMPARE(acl::granteeText(group), u"Everyone (AllUsers)"_s);
    const AclGrant &email = policy->grants.at(2);
    QCOMPARE(email.grantee, AclGrant::Grantee::Email);
    QCOMPARE(email.email, u"someone@example.com"_s);
    QCOMPARE(email.permission, u"READ_ACP"_s);
    QCOMPARE(acl::granteeText(email), u"someone@example.com"_s);
}

void TestAcl::refusesHostileAnswers_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reason");
    QByteArray many;
    for (int i = 0; i <= xml::MaxGrantsInAnswer; ++i)
        many += groupGrant("AllUsers", "READ");
    QTest::newRow("too many grants") << policyXml(many) << u"more than 1000 grants"_s;
    QTest::newRow("grant without grantee") << policyXml("<Grant><Permission>READ</Permission></Grant>") << u"has no <Grantee>"_s;
    QTest::newRow("grant without permission") << policyXml("<Grant><Grantee><ID>x</ID></Grantee></Grant>") << u"has no <Permission>"_s;
    QTest::newRow("grantee of no kind") << policyXml("<Grant><Grantee><Nobody/></Grantee><Permission>READ</Permission></Grant>")
                                        << u"without a grantee"_s;
    QTest::newRow("no list") << QByteArray("<AccessControlPolicy><Owner><ID>x</ID></Owner></AccessControlPolicy>")
                             << u"has no <AccessControlList>"_s;
    QTest::newRow("other document") << QByteArray("<Tagging><TagSet/></Tagging>") << u"unexpected root element"_s;
    QTest::newRow("error in 200") << QByteArray("<Error><Code>AccessDenied</Code><Message>no</Message></Error>") << u"no"_s;
    QTest::newRow("truncated") << policyXml(userGrant("tester", "FULL_CONTROL")).left(200) << QString();
}

void TestAcl::refusesHostileAnswers()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, reason);
    const Result<AccessControlPolicy> policy = xml::parseAccessControlPolicy(body);
    QVERIFY(!policy.ok());
    QVERIFY2(policy.error().message().contains(reason), qPrintable(policy.error().message()));
}

void TestAcl::cannedNames()
{
    QVERIFY(acl::isCannedAcl(u"private"_s));
    QVERIFY(acl::isCannedAcl(u"public-read"_s));
    QVERIFY(acl::isCannedAcl(u"bucket-owner-full-control"_s));
    QVERIFY(!acl::isCannedAcl(u"public"_s));
    QVERIFY(!acl::isCannedAcl(u"Private"_s));
    QVERIFY(!acl::isCannedAcl({}));
}

QTEST_GUILESS_MAIN(TestAcl)
#include "tst_acl.moc"
