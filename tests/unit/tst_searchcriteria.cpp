// SPDX-License-Identifier: Apache-2.0
// Search criteria (name substring or glob, size range, modified range) as data tables, and SearchObjectsJob against
// the hermetic FakeS3Server: no delimiter, matches per page, progress, the match limit, cancel mid-walk.
#include <memory>

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include "fakes3server.h"
#include "livetest.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/searchobjectsjob.h"
#include "s3core/search/searchcriteria.h"

using namespace Qt::Literals::StringLiterals;
using namespace s3;

Q_DECLARE_METATYPE(s3::SearchCriteria)

namespace {

const QDateTime Noon = QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);

ObjectInfo object(const QString &key, qint64 size = 10, const QDateTime &modified = Noon)
{
    ObjectInfo info;
    info.key = key;
    info.size = size;
    info.lastModified = modified;
    return info;
}

SearchCriteria named(const QString &name, bool caseSensitive = false)
{
    SearchCriteria criteria;
    criteria.name = name;
    criteria.caseSensitive = caseSensitive;
    return criteria;
}

SearchCriteria sized(qint64 min, qint64 max)
{
    SearchCriteria criteria;
    criteria.minSize = min;
    criteria.maxSize = max;
    return criteria;
}

SearchCriteria modified(const QDateTime &from, const QDateTime &before)
{
    SearchCriteria criteria;
    criteria.modifiedFrom = from;
    criteria.modifiedBefore = before;
    return criteria;
}

} // namespace

class tst_SearchCriteria : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesObject_data();
    void matchesObject();
    void globPattern_data();
    void globPattern();
    void validate_data();
    void validate();

    void init();
    void cleanup();
    void jobWalksWithoutDelimiter();
    void jobStopsAtMaxMatches();
    void jobCancelAbortsTheRequest();
    void jobRefusesInvalidCriteria();

private:
    std::unique_ptr<FakeS3Server> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<S3Client> m_client;
};

void tst_SearchCriteria::matchesObject_data()
{
    QTest::addColumn<SearchCriteria>("criteria");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<ObjectInfo>("info");
    QTest::addColumn<bool>("expected");

    const QString p = u"data/"_s;
    QTest::newRow("empty criteria: any file") << SearchCriteria{} << p << object(u"data/a/b.txt"_s) << true;
    QTest::newRow("folder marker never") << SearchCriteria{} << p << object(u"data/a/"_s, 0) << false;
    QTest::newRow("substring in name") << named(u"port"_s) << p << object(u"data/x/report.csv"_s) << true;
    QTest::newRow("substring case-insensitive") << named(u"REPORT"_s) << p << object(u"data/x/Report.csv"_s) << true;
    QTest::newRow("substring case-sensitive miss") << named(u"REPORT"_s, true) << p << object(u"data/x/Report.csv"_s) << false;
    QTest::newRow("substring case-sensitive hit") << named(u"Rep"_s, true) << p << object(u"data/x/Report.csv"_s) << true;
    QTest::newRow("substring not in folder names") << named(u"reports"_s) << p << object(u"data/reports/a.csv"_s) << false;
    QTest::newRow("substring with slash: relative path") << named(u"reports/a"_s) << p << object(u"data/reports/a.csv"_s) << true;
    QTest::newRow("slash substring not in the prefix") << named(u"data/r"_s) << p << object(u"data/reports/a.csv"_s) << false;
    QTest::newRow("unicode case folding") << named(u"ÜBER"_s) << p << object(u"data/über.txt"_s) << true;
    QTest::newRow("glob star whole name") << named(u"*.csv"_s) << p << object(u"data/x/y/report.csv"_s) << true;
    QTest::newRow("glob star anchored") << named(u"*.csv"_s) << p << object(u"data/x/report.csv.bak"_s) << false;
    QTest::newRow("glob case-insensitive") << named(u"*.CSV"_s) << p << object(u"data/x/report.csv"_s) << true;
    QTest::newRow("glob case-sensitive") << named(u"*.CSV"_s, true) << p << object(u"data/x/report.csv"_s) << false;
    QTest::newRow("glob question mark") << named(u"file?.txt"_s) << p << object(u"data/file7.txt"_s) << true;
    QTest::newRow("glob question mark one char") << named(u"file?.txt"_s) << p << object(u"data/file17.txt"_s) << false;
    QTest::newRow("glob class") << named(u"file[0-4].txt"_s) << p << object(u"data/file3.txt"_s) << true;
    QTest::newRow("glob class miss") << named(u"file[0-4].txt"_s) << p << object(u"data/file7.txt"_s) << false;
    QTest::newRow("glob negated class") << named(u"file[!0-4].txt"_s) << p << object(u"data/file7.txt"_s) << true;
    QTest::newRow("glob on path crosses slash") << named(u"2024/*.csv"_s) << p << object(u"data/2024/q1/a.csv"_s) << true;
    QTest::newRow("glob on path anchored at prefix") << named(u"2024/*.csv"_s) << p << object(u"data/old/2024/a.csv"_s) << false;
    QTest::newRow("regex characters are literal") << named(u"a+b(1).*"_s) << p << object(u"data/a+b(1).txt"_s) << true;
    QTest::newRow("regex characters literal miss") << named(u"a+b(1).*"_s) << p << object(u"data/aab1.txt"_s) << false;
    QTest::newRow("unclosed bracket is literal") << named(u"[draft"_s) << p << object(u"data/[draft] notes.txt"_s) << true;
    QTest::newRow("newline in key") << named(u"a*b"_s) << p << object(u"data/a\nb"_s) << true;
    QTest::newRow("size in range") << sized(10, 20) << p << object(u"data/a"_s, 15) << true;
    QTest::newRow("size min inclusive") << sized(10, 20) << p << object(u"data/a"_s, 10) << true;
    QTest::newRow("size max inclusive") << sized(10, 20) << p << object(u"data/a"_s, 20) << true;
    QTest::newRow("size below") << sized(10, 20) << p << object(u"data/a"_s, 9) << false;
    QTest::newRow("size above") << sized(10, 20) << p << object(u"data/a"_s, 21) << false;
    QTest::newRow("size min only") << sized(1000, -1) << p << object(u"data/a"_s, 1ll << 40) << true;
    QTest::newRow("size max only, empty file") << sized(-1, 0) << p << object(u"data/a"_s, 0) << true;
    QTest::newRow("modified in range") << modified(Noon.addDays(-1), Noon.addDays(1)) << p << object(u"data/a"_s) << true;
    QTest::newRow("modified from inclusive") << modified(Noon, {}) << p << object(u"data/a"_s) << true;
    QTest::newRow("modified before exclusive") << modified({}, Noon) << p << object(u"data/a"_s) << false;
    QTest::newRow("modified too old") << modified(Noon.addSecs(1), {}) << p << object(u"data/a"_s) << false;
    QTest::newRow("modified unknown time") << modified(Noon, {}) << p << object(u"data/a"_s, 1, QDateTime()) << false;
    QTest::newRow("modified other time zone")
        << modified(QDateTime(QDate(2026, 6, 1), QTime(13, 0), QTimeZone(3600)), {}) << p << object(u"data/a"_s) << true;
    SearchCriteria all = named(u"*.log"_s);
    all.minSize = 100;
    all.modifiedFrom = Noon.addDays(-7);
    QTest::newRow("all parts hold") << all << p << object(u"data/x/app.log"_s, 100) << true;
    QTest::newRow("all parts: size fails") << all << p << object(u"data/x/app.log"_s, 99) << false;
    QTest::newRow("all parts: name fails") << all << p << object(u"data/x/app.txt"_s, 100) << false;
    QTest::newRow("whole bucket") << named(u"b/*"_s) << QString() << object(u"a/b/c"_s) << false;
    QTest::newRow("whole bucket path") << named(u"a/b/*"_s) << QString() << object(u"a/b/c"_s) << true;
}

void tst_SearchCriteria::matchesObject()
{
    QFETCH(SearchCriteria, criteria);
    QFETCH(QString, prefix);
    QFETCH(ObjectInfo, info);
    QFETCH(bool, expected);
    QCOMPARE(matches(criteria, info, prefix), expected);
    QCOMPARE(SearchMatcher(criteria, prefix).matches(info), expected);
}

void tst_SearchCriteria::globPattern_data()
{
    QTest::addColumn<QString>("glob");
    QTest::addColumn<bool>("wildcard");
    QTest::addColumn<QString>("pattern");
    QTest::newRow("plain") << u"abc"_s << false << u"\\A(?:abc)\\z"_s;
    QTest::newRow("star") << u"*.txt"_s << true << u"\\A(?:.*\\.txt)\\z"_s;
    QTest::newRow("question") << u"a?"_s << true << u"\\A(?:a.)\\z"_s;
    QTest::newRow("class") << u"[a-c]x"_s << true << u"\\A(?:[a-c]x)\\z"_s;
    QTest::newRow("negated") << u"[!a]"_s << true << u"\\A(?:[^a])\\z"_s;
    QTest::newRow("bracket first in class") << u"[]a]"_s << true << u"\\A(?:[\\]a])\\z"_s;
    QTest::newRow("unclosed") << u"[ab"_s << false << u"\\A(?:\\[ab)\\z"_s;
    QTest::newRow("backslash in class") << u"[\\]"_s << true << u"\\A(?:[\\\\])\\z"_s;
}

void tst_SearchCriteria::globPattern()
{
    QFETCH(QString, glob);
    QFETCH(bool, wildcard);
    QFETCH(QString, pattern);
    QCOMPARE(hasWildcard(glob), wildcard);
    QCOMPARE(globToRegularExpression(glob), pattern);
    QVERIFY(QRegularExpression(pattern).isValid());
}

void tst_SearchCriteria::validate_data()
{
    QTest::addColumn<SearchCriteria>("criteria");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty") << SearchCriteria{} << true;
    QTest::newRow("sizes") << sized(1, 1) << true;
    QTest::newRow("min above max") << sized(2, 1) << false;
    QTest::newRow("times") << modified(Noon, Noon.addSecs(1)) << true;
    QTest::newRow("empty time range") << modified(Noon, Noon) << false;
}

void tst_SearchCriteria::validate()
{
    QFETCH(SearchCriteria, criteria);
    QFETCH(bool, valid);
    QCOMPARE(criteria.validate().ok(), valid);
}

// --- SearchObjectsJob ------------------------------------------------------------------------------------------

void tst_SearchCriteria::init()
{
    m_server = std::make_unique<FakeS3Server>();
    QVERIFY(m_server->start());
    m_server->createBucket(u"b"_s);
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_client = fakeServerClient(m_nam.get(), m_server->endpointUrl(), 3000);
}

void tst_SearchCriteria::cleanup()
{
    m_client.reset();
    m_nam.reset();
    m_server.reset();
}

void tst_SearchCriteria::jobWalksWithoutDelimiter()
{
    // 3 levels deep, 24 keys under p/, 2 outside: pages of 5.
    QStringList expected;
    for (int i = 0; i < 8; ++i) {
        for (const QString &folder : {u"p/"_s, u"p/x/"_s, u"p/x/y/"_s}) {
            const QString key = folder + u"f%1.%2"_s.arg(i).arg(i % 2 ? u"csv"_s : u"txt"_s);
            m_server->putObject(u"b"_s, key, QByteArray(i, 'x'));
            if (i % 2 && i >= 3)
                expected << key;
        }
    }
    m_server->putObject(u"b"_s, u"q/f3.csv"_s, QByteArray(3, 'x'));
    m_server->putObject(u"b"_s, u"p/x/"_s, QByteArray()); // a folder marker
    SearchCriteria criteria = named(u"*.CSV"_s);
    criteria.minSize = 3;
    SearchObjectsJob job(m_client.get(), u"b"_s, u"p/"_s, criteria);
    job.setAutoDelete(false);
    job.setPageSize(5);
    QStringList found;
    int batches = 0;
    connect(&job, &SearchObjectsJob::matchesFound, this, [&](const QList<ObjectInfo> &objects) {
        ++batches;
        for (const ObjectInfo &o : objects)
            found << o.key;
    });
    QSignalSpy progress(&job, &SearchObjectsJob::progressChanged);
    QVERIFY(runJob(job, 5000));
    QVERIFY2(!job.hasError(), qPrintable(job.error().toString()));
    expected.sort();
    found.sort();
    QCOMPARE(found, expected);
    QCOMPARE(job.scannedCount(), qint64(25)); // 24 files + the marker
    QCOMPARE(job.matchCount(), qint64(expected.size()));
    QCOMPARE(job.pageCount(), 5);
    QCOMPARE(progress.count(), 5);
    QCOMPARE(progress.last().at(0).toLongLong(), 25ll);
    QVERIFY(batches > 1); // streamed, not at the end
    const QList<FakeS3Request> requests = m_server->requests();
    for (const FakeS3Request &request : requests) {
        QVERIFY(!request.hasQueryItem(u"delimiter"_s));
        QCOMPARE(request.queryItem(u"prefix"_s), u"p/"_s);
    }
}

void tst_SearchCriteria::jobStopsAtMaxMatches()
{
    for (int i = 0; i < 30; ++i)
        m_server->putObject(u"b"_s, u"k%1"_s.arg(i, 2, 10, QLatin1Char('0')), QByteArrayLiteral("x"));
    SearchObjectsJob job(m_client.get(), u"b"_s, QString(), SearchCriteria{});
    job.setAutoDelete(false);
    job.setPageSize(4);
    job.setMaxMatches(6);
    QVERIFY(runJob(job, 5000));
    QVERIFY(!job.hasError());
    QCOMPARE(job.matchCount(), qint64(6));
    QVERIFY(job.reachedMaxMatches());
    QCOMPARE(m_server->count(u"ListObjectsV2"_s), 2);
}

void tst_SearchCriteria::jobCancelAbortsTheRequest()
{
    for (int i = 0; i < 10; ++i)
        m_server->putObject(u"b"_s, u"k%1"_s.arg(i), QByteArrayLiteral("x"));
    FakeS3Fault passThrough; // the first page is answered ...
    passThrough.operation = u"ListObjectsV2"_s;
    passThrough.status = 0;
    m_server->addFault(passThrough);
    FakeS3Fault hang; // ... the second never
    hang.operation = u"ListObjectsV2"_s;
    hang.hang = true;
    m_server->addFault(hang);
    SearchObjectsJob job(m_client.get(), u"b"_s, QString(), SearchCriteria{});
    job.setAutoDelete(false);
    job.setPageSize(3);
    QSignalSpy found(&job, &SearchObjectsJob::matchesFound);
    QSignalSpy finished(&job, &Job::finished);
    QSignalSpy received(m_server.get(), &FakeS3Server::requestReceived);
    job.start();
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 2, 3000);
    QCOMPARE(found.count(), 1);
    job.cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job.error().kind(), S3Error::Kind::Cancelled);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->activeRequests(), 0, 3000); // the hanging request was aborted
    QTest::qWait(100);
    QCOMPARE(m_server->count(u"ListObjectsV2"_s), 2);
    QCOMPARE(found.count(), 1);
}

void tst_SearchCriteria::jobRefusesInvalidCriteria()
{
    SearchObjectsJob job(m_client.get(), u"b"_s, QString(), sized(5, 1));
    job.setAutoDelete(false);
    QVERIFY(runJob(job, 3000));
    QCOMPARE(job.error().kind(), S3Error::Kind::Invalid);
    QCOMPARE(m_server->count(u"ListObjectsV2"_s), 0);
}

QTEST_GUILESS_MAIN(tst_SearchCriteria)
#include "tst_searchcriteria.moc"
