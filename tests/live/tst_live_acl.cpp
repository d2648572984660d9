// SPDX-License-Identifier: Apache-2.0
// Object ACLs against the real Ceph RGW: a canned ACL set on one object or on everything under a prefix really
// opens or closes the object to anonymous readers, the grants read back are what was set, and a failure on one
// object is reported by key without stopping the others.
#include <QNetworkReply>
#include <QTest>

#include "livetest.h"
#include "s3core/acl.h"
#include "s3core/ops/getobjectacljob.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/putobjectacljob.h"
#include "s3core/ops/foreachobjectjob.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

class TestLiveAcl : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QString m_bucket;

    bool put(const QString &key)
    {
        PutObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        job.setData("contents of " + key.toUtf8());
        if (!runJob(job) || job.hasError()) {
            qWarning() << "put" << key << job.error();
            return false;
        }
        return true;
    }

    AccessControlPolicy policy(const QString &key)
    {
        GetObjectAclJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "acl" << key << job.error();
        return job.policy();
    }

    /** HTTP status of an unsigned GET: what anyone on the network gets. */
    int anonymousGet(const QString &key)
    {
        const QUrl url(m_server.endpoint + u"/"_s + m_bucket + u"/"_s + key);
        std::unique_ptr<QNetworkReply> reply(m_network.get(QNetworkRequest(url)));
        if (!waitUntil([&] { return reply->isFinished(); }, 30000))
            return -1;
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), u"s3desk-live-acl"_s);
        QVERIFY(!m_bucket.isEmpty());
    }

    void cleanupTestCase()
    {
        if (m_client && !m_bucket.isEmpty())
            QVERIFY(!removeTestBucket(m_client.get(), m_bucket).isError());
    }

    void cannedAclOpensAndClosesOneObject()
    {
        const QString key = u"one/report.pdf"_s;
        QVERIFY(put(key));
        const AccessControlPolicy fresh = policy(key);
        QVERIFY(!fresh.ownerId.isEmpty());
        QCOMPARE(acl::cannedAclOf(fresh), u"private"_s);
        QVERIFY(!acl::isPublic(fresh));
        QCOMPARE(anonymousGet(key), 403);

        PutObjectAclJob open(m_client.get(), m_bucket, key, u"public-read"_s);
        open.setAutoDelete(false);
        QVERIFY(runJob(open));
        QVERIFY2(!open.hasError(), qPrintable(open.error().toString()));
        const AccessControlPolicy opened = policy(key);
        QCOMPARE(acl::cannedAclOf(opened), u"public-read"_s);
        QVERIFY(acl::isPublic(opened));
        QVERIFY(std::any_of(opened.grants.begin(), opened.grants.end(), [](const AclGrant &grant) {
            return grant.grantee == AclGrant::Grantee::Group && grant.uri == acl::AllUsers && grant.permission == u"READ"_s;
        }));
        QCOMPARE(anonymousGet(key), 200);

        PutObjectAclJob close(m_client.get(), m_bucket, key, u"private"_s);
        close.setAutoDelete(false);
        QVERIFY(runJob(close));
        QVERIFY2(!close.hasError(), qPrintable(close.error().toString()));
        QCOMPARE(acl::cannedAclOf(policy(key)), u"private"_s);
        QCOMPARE(anonymousGet(key), 403);
    }

    void authenticatedReadIsNotAnonymous()
    {
        const QString key = u"one/members.txt"_s;
        QVERIFY(put(key));
        PutObjectAclJob job(m_client.get(), m_bucket, key, u"authenticated-read"_s);
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QCOMPARE(acl::cannedAclOf(policy(key)), u"authenticated-read"_s);
        QCOMPARE(anonymousGet(key), 403);
    }

    void everyObjectUnderAPrefixAcrossPages()
    {
        QStringList keys;
        for (int i = 0; i < 23; ++i)
            keys.append(u"tree/%1/file-%2.txt"_s.arg(i % 3).arg(i));
        for (const QString &key : keys)
            QVERIFY(put(key));
        QVERIFY(put(u"treehouse.txt"_s)); // shares the prefix's letters, not its folder
        QVERIFY(put(u"single.txt"_s));

        std::unique_ptr<ForEachObjectJob> job_(
            ForEachObjectJob::setCannedAcl(m_client.get(), m_bucket, {u"single.txt"_s}, {u"tree/"_s}, u"public-read"_s));
        ForEachObjectJob &job = *job_;
        job.setAutoDelete(false);
        job.setListPageSize(5); // five pages: listing and changing overlap
        qint64 lastProgress = 0;
        connect(&job, &ForEachObjectJob::progressChanged, this, [&lastProgress](qint64 done) { lastProgress = done; });
        QVERIFY(runJob(job, 120000));
        QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
        QCOMPARE(job.doneCount(), qint64(keys.size() + 1));
        QCOMPARE(lastProgress, job.doneCount());
        for (const QString &key : std::as_const(keys)) {
            QCOMPARE(anonymousGet(key), 200);
            QCOMPARE(acl::cannedAclOf(policy(key)), u"public-read"_s);
        }
        QCOMPARE(anonymousGet(u"single.txt"_s), 200);
        QCOMPARE(anonymousGet(u"treehouse.txt"_s), 403);
    }

    void oneMissingObjectDoesNotStopTheOthers()
    {
        QVERIFY(put(u"mixed/a.txt"_s));
        QVERIFY(put(u"mixed/b.txt"_s));
        std::unique_ptr<ForEachObjectJob> job_(ForEachObjectJob::setCannedAcl(
            m_client.get(), m_bucket, {u"mixed/a.txt"_s, u"mixed/gone.txt"_s, u"mixed/b.txt"_s}, {}, u"public-read"_s));
        ForEachObjectJob &job = *job_;
        job.setAutoDelete(false);
        QVERIFY(runJob(job));
        QVERIFY(job.hasError());
        QCOMPARE(job.doneCount(), qint64(2));
        QCOMPARE(job.failures().size(), 1);
        QCOMPARE(job.failures().first().key, u"mixed/gone.txt"_s);
        QCOMPARE(job.failures().first().code, u"NoSuchKey"_s);
        QVERIFY2(job.error().message().contains(u"1 of 3 objects kept their permissions; first: NoSuchKey on mixed/gone.txt"_s),
                 qPrintable(job.error().message()));
        QCOMPARE(anonymousGet(u"mixed/a.txt"_s), 200);
        QCOMPARE(anonymousGet(u"mixed/b.txt"_s), 200);
    }

    void refusedBeforeAnyRequest()
    {
        QVERIFY(put(u"guard/x.txt"_s));
        std::unique_ptr<ForEachObjectJob> unknown_(ForEachObjectJob::setCannedAcl(m_client.get(), m_bucket, {u"guard/x.txt"_s}, {}, u"public"_s));
        ForEachObjectJob &unknown = *unknown_;
        unknown.setAutoDelete(false);
        QVERIFY(runJob(unknown));
        QCOMPARE(unknown.error().kind(), S3Error::Kind::Invalid);
        QVERIFY(unknown.error().message().contains(u"not a canned ACL"_s));

        std::unique_ptr<ForEachObjectJob> wholeBucket_(ForEachObjectJob::setCannedAcl(m_client.get(), m_bucket, {}, {QString()}, u"public-read"_s));
        ForEachObjectJob &wholeBucket = *wholeBucket_;
        wholeBucket.setAutoDelete(false);
        QVERIFY(runJob(wholeBucket));
        QCOMPARE(wholeBucket.error().kind(), S3Error::Kind::Invalid);
        QVERIFY(wholeBucket.error().message().contains(u"every object of bucket"_s));
        QCOMPARE(anonymousGet(u"guard/x.txt"_s), 403);
    }
};

QTEST_GUILESS_MAIN(TestLiveAcl)
#include "tst_live_acl.moc"
