// SPDX-License-Identifier: Apache-2.0
// VersionListModel against the in-process fake server, whose ListObjectVersions answers are scripted here: a
// folder with a million versions (1,000 a page, always truncated) costs one request until the view asks for
// more, the markers of a page go into the next request, and a server that repeats its markers is stopped.
#include <QElapsedTimer>
#include <QTableView>
#include <QTest>

#include "fakes3server.h"
#include "livetest.h"
#include "models/versionlistmodel.h"

using namespace Qt::Literals::StringLiterals;

namespace {

/** One page of 1,000 versions of key<page>-<n>, truncated, its markers naming the page. */
QByteArray versionsPage(int page, bool repeatMarkers)
{
    QByteArray body = "<ListVersionsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>b</Name><Prefix>big/</Prefix>"
                      "<Delimiter>/</Delimiter><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated>";
    const QByteArray marker = repeatMarkers ? QByteArray("big/k0-999") : "big/k" + QByteArray::number(page) + "-999";
    body += "<NextKeyMarker>" + marker + "</NextKeyMarker><NextVersionIdMarker>v999</NextVersionIdMarker>";
    for (int n = 0; n < 1000; ++n) {
        body += "<Version><Key>big/k" + QByteArray::number(page) + '-' + QByteArray::number(n) + "</Key><VersionId>v"
                + QByteArray::number(n) + "</VersionId><IsLatest>" + (n % 3 == 0 ? "true" : "false")
                + "</IsLatest><LastModified>2026-12-04T03:00:00.000Z</LastModified><ETag>\"e\"</ETag><Size>"
                + QByteArray::number(n) + "</Size><StorageClass>STANDARD</StorageClass></Version>";
    }
    return body + "</ListVersionsResult>";
}

} // namespace

class TestVersionListModel : public QObject
{
    Q_OBJECT

private:
    FakeS3Server m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<s3::S3Client> m_client;
    QList<QMap<QString, QString>> m_queries;
    bool m_repeatMarkers = false;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_server.setOverride([this](const FakeS3Request &request, FakeS3Response &response) {
            if (!request.hasQueryItem(u"versions"_s))
                return false;
            m_queries.append(request.query);
            response.status = 200;
            response.setHeader("content-type", "application/xml");
            response.body = versionsPage(int(m_queries.size()) - 1, m_repeatMarkers);
            return true;
        });
        m_client = fakeServerClient(&m_network, m_server.endpointUrl());
    }

    void init()
    {
        m_queries.clear();
        m_repeatMarkers = false;
    }

    void aMillionVersionsCostOnePageUntilTheViewScrolls()
    {
        s3ui::VersionListModel model;
        QTableView view;
        view.resize(600, 300);
        view.setModel(&model);
        view.show();
        QElapsedTimer timer;
        timer.start();
        model.setLocation(m_client.get(), u"b"_s, u"big/"_s);
        QVERIFY(waitUntil([&] { return model.rowCount() == 1000; }, 10000));
        qInfo("first 1,000 versions shown after %lld ms", timer.elapsed());
        QTest::qWait(300);
        // The view shows the top rows: no second page was asked for.
        QCOMPARE(m_queries.size(), 1);
        QCOMPARE(m_queries.at(0).value(u"prefix"_s), u"big/"_s);
        QCOMPARE(m_queries.at(0).value(u"delimiter"_s), u"/"_s);
        QCOMPARE(m_queries.at(0).value(u"max-keys"_s), u"1000"_s);
        QVERIFY(!m_queries.at(0).contains(u"key-marker"_s));
        QVERIFY(model.hasMore());

        // Scrolling to the end asks for the next page, with the markers of the last one.
        view.scrollToBottom();
        QVERIFY(waitUntil([&] { return model.rowCount() == 2000; }, 10000));
        QCOMPARE(m_queries.size(), 2);
        QCOMPARE(m_queries.at(1).value(u"key-marker"_s), u"big/k0-999"_s);
        QCOMPARE(m_queries.at(1).value(u"version-id-marker"_s), u"v999"_s);
        QCOMPARE(model.pagesLoaded(), 2);
        QCOMPARE(model.data(model.index(1000, s3ui::VersionListModel::NameColumn)).toString(), u"k1-0"_s);
        QCOMPARE(model.data(model.index(0, s3ui::VersionListModel::StateColumn)).toString(), u"Current version"_s);
        QCOMPARE(model.data(model.index(1, s3ui::VersionListModel::StateColumn)).toString(), u"Older version"_s);
    }

    void repeatedMarkersStop()
    {
        m_repeatMarkers = true;
        s3ui::VersionListModel model;
        QSignalSpy failed(&model, &s3ui::VersionListModel::listingFailed);
        model.setLocation(m_client.get(), u"b"_s, u"big/"_s);
        QVERIFY(waitUntil([&] { return model.rowCount() == 1000 && !model.isListing(); }, 10000));
        model.fetchMore({});
        QVERIFY(waitUntil([&] { return failed.size() == 1; }, 10000));
        QVERIFY(model.lastError().message().contains(u"same page markers twice"_s));
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.rowCount(), 1000);
    }

    void leavingTheFolderDropsThePageInFlight()
    {
        s3ui::VersionListModel model;
        model.setLocation(m_client.get(), u"b"_s, u"big/"_s);
        model.setLocation(nullptr, u"b"_s, u"other/"_s); // before the answer arrives
        QTest::qWait(500);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.isListing());
    }
};

QTEST_MAIN(TestVersionListModel)
#include "tst_versionlistmodel.moc"
