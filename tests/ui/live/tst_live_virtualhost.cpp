// SPDX-License-Identifier: Apache-2.0
// The real main window's browser on a connection in virtual-hosted style against the real Ceph RGW
// (http://<bucket>.localhost:8000/...; rgw dns name = localhost, *.localhost resolved by libnss-myhostname):
// the bucket's folders and objects are listed, a folder opens, and the object is read back through the session.
#include <QHostInfo>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "connection/session.h"
#include "models/objectlistmodel.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/ops/objectjobs.h"
#include "livewindowfixture.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestLiveVirtualHost : public QObject
{
    Q_OBJECT

    LiveWindowFixture m_live; // server, dir, client, bucket, settings, window

    BrowserView *browser() const { return m_live.window->browser(); }
    bool waitListed()
    {
        return waitUntil([this] { return !browser()->model()->isListing(); }, 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_live.server);
        QVERIFY(m_live.createBucket(u"s3desk-ui-vhost"_s));
        QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, u"docs/readme.txt"_s, "read me"));
        QVERIFY(putTestObject(m_live.client.get(), m_live.bucket, u"top.txt"_s, "top"));
        const QHostInfo resolved = QHostInfo::fromName(m_live.bucket + u".localhost"_s);
        QVERIFY2(!resolved.addresses().isEmpty() && resolved.addresses().constFirst().isLoopback(),
                 "<bucket>.localhost does not resolve to loopback: install libnss-myhostname (scripts/install-deps.sh)");

        QVERIFY(m_live.makeWindow());
    }

    void browserListsInVirtualHostStyle()
    {
        QUrl url(m_live.server.endpoint);
        url.setHost(u"localhost"_s);
        const QString endpointUrl = url.toString();
        const QString region = m_live.server.region.isEmpty() ? u"us-east-1"_s : m_live.server.region;
        s3::Credentials credentials;
        credentials.accessKeyId = m_live.server.accessKey;
        credentials.secretAccessKey = m_live.server.secretKey;
        SessionConfig config;
        config.id = u"vhost"_s;
        config.displayName = u"Ceph RGW (virtual host)"_s;
        config.bucket = m_live.bucket;
        config.resolver = [endpointUrl, region, credentials](QNetworkAccessManager *) -> s3::Result<s3::ResolvedConnection> {
            auto endpoint = s3::Endpoint::parse(endpointUrl, region, s3::AddressingStyle::VirtualHost);
            if (!endpoint)
                return endpoint.error();
            s3::ResolvedConnection connection;
            connection.endpoint = *endpoint;
            connection.credentials = std::make_shared<s3::StaticCredentialsProvider>(credentials);
            return connection;
        };
        QVERIFY(m_live.window->openSession(std::move(config)));
        Session *session = m_live.window->currentSession();
        QVERIFY(session);
        QVERIFY(session->client()->endpoint().usesVirtualHost(m_live.bucket));
        QCOMPARE(session->client()->endpoint().target(m_live.bucket, {}).url.host(), m_live.bucket + u".localhost"_s);

        QCOMPARE(browser()->bucket(), m_live.bucket);
        QVERIFY(waitListed());
        QCOMPARE(browser()->model()->nameAt(0), u"docs"_s); // folders first
        QVERIFY(browser()->model()->rowOfName(u"top.txt"_s) >= 0);
        browser()->openLocation(m_live.bucket, u"docs/"_s);
        QVERIFY(waitListed());
        QCOMPARE(browser()->model()->nameAt(0), u"readme.txt"_s);

        s3::GetObjectJob get(session->client(), m_live.bucket, u"docs/readme.txt"_s);
        get.setAutoDelete(false);
        QVERIFY(runJob(get));
        QVERIFY2(!get.hasError(), qPrintable(get.error().toString()));
        QCOMPARE(get.data(), QByteArray("read me"));
    }

    void cleanupTestCase()
    {
        QVERIFY(m_live.cleanUp());
    }
};

QTEST_MAIN(TestLiveVirtualHost)
#include "tst_live_virtualhost.moc"
