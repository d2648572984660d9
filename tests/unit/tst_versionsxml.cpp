// SPDX-License-Identifier: Apache-2.0
// The versions answers: ListObjectVersions pages and the bucket versioning configuration.
#include <QFile>
#include <QTest>

#include "s3core/types.h"
#include "s3core/xml/s3xml.h"

using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray corpusFile(const QString &target, const QString &name)
{
    QFile file(QStringLiteral(S3DESK_TEST_DATA_DIR "/../fuzz/corpus/") + target + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

QByteArray page(const QByteArray &entries, const QByteArray &tail = "<IsTruncated>false</IsTruncated>")
{
    return "<ListVersionsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>b</Name>" + entries + tail
           + "</ListVersionsResult>";
}

} // namespace

class TestVersionsXml : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void awsExample();
    void urlEncoded();
    void entries_data();
    void entries();
    void refused_data();
    void refused();
    void tooManyEntries();
    void versioning_data();
    void versioning();
    void buildVersioning();
};

void TestVersionsXml::awsExample()
{
    const auto parsed = s3::xml::parseListObjectVersions(corpusFile(u"fuzz_xml_list_versions"_s, u"aws_versions.xml"_s), false);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message()));
    QCOMPARE(parsed->bucket, u"bucket"_s);
    QCOMPARE(parsed->prefix, u"my"_s);
    QVERIFY(parsed->isTruncated);
    QCOMPARE(parsed->nextKeyMarker, u"my-third-image"_s);
    QCOMPARE(parsed->nextVersionIdMarker, u"03jpff543dhffds434rfdsFDN943fdsFkdmqnh892"_s);
    QCOMPARE(parsed->maxKeys, 5);
    QCOMPARE(parsed->versions.size(), 3);
    // Document order is kept: the delete marker sits between the versions, newest first per key.
    const s3::ObjectVersion &first = parsed->versions.at(0);
    QCOMPARE(first.key, u"my-image.jpg"_s);
    QCOMPARE(first.versionId, u"3/L4kqtJl40Nr8X8gdRQBpUMLUo"_s);
    QVERIFY(first.isLatest);
    QVERIFY(!first.isDeleteMarker);
    QCOMPARE(first.size, 434234);
    QCOMPARE(first.etag, u"\"fba9dede5f27731c9771645a39863328\""_s);
    QCOMPARE(first.storageClass, u"STANDARD"_s);
    QCOMPARE(first.lastModified, QDateTime(QDate(2009, 10, 12), QTime(17, 50, 30), Qt::UTC));
    QCOMPARE(first.ownerDisplayName, u"mtd@amazon.com"_s);
    const s3::ObjectVersion &marker = parsed->versions.at(1);
    QCOMPARE(marker.key, u"my-second-image.jpg"_s);
    QVERIFY(marker.isDeleteMarker);
    QVERIFY(marker.isLatest);
    QCOMPARE(marker.size, 0);
    QVERIFY(marker.etag.isEmpty());
    const s3::ObjectVersion &older = parsed->versions.at(2);
    QCOMPARE(older.key, u"my-second-image.jpg"_s);
    QVERIFY(!older.isLatest);
    QCOMPARE(older.size, 166434);
    QCOMPARE(parsed->commonPrefixes, QList<QString>{u"my-folder/"_s});
}

void TestVersionsXml::urlEncoded()
{
    const QByteArray body = corpusFile(u"fuzz_xml_list_versions"_s, u"urlencoded.xml"_s);
    const auto decoded = s3::xml::parseListObjectVersions(body, true);
    QVERIFY(decoded);
    QCOMPARE(decoded->prefix, u"dir/"_s);
    QCOMPARE(decoded->delimiter, u"/"_s);
    QCOMPARE(decoded->versions.size(), 1);
    QCOMPARE(decoded->versions.at(0).key, u"dir/a b+c.txt"_s);
    QCOMPARE(decoded->versions.at(0).versionId, u"null"_s);
    QCOMPARE(decoded->commonPrefixes, QList<QString>{u"dir/sub/"_s});
    // Not asked for: the texts stay as sent.
    const auto plain = s3::xml::parseListObjectVersions(body, false);
    QVERIFY(plain);
    QCOMPARE(plain->versions.at(0).key, u"dir%2Fa+b%2Bc.txt"_s);
}

void TestVersionsXml::entries_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("expected"); // key|versionId|latest|marker|size per entry

    QTest::newRow("empty page") << page("") << QStringList{};
    QTest::newRow("no namespace")
        << QByteArray("<ListVersionsResult><Version><Key>k</Key><VersionId>v1</VersionId><IsLatest>true</IsLatest>"
                      "<Size>3</Size></Version></ListVersionsResult>")
        << QStringList{u"k|v1|1|0|3"_s};
    QTest::newRow("key with trailing space kept")
        << page("<Version><Key>a </Key><VersionId> v2 </VersionId><IsLatest>false</IsLatest><Size>0</Size></Version>")
        << QStringList{u"a |v2|0|0|0"_s};
    QTest::newRow("marker then versions")
        << page("<DeleteMarker><Key>x</Key><VersionId>m</VersionId><IsLatest>true</IsLatest></DeleteMarker>"
                "<Version><Key>x</Key><VersionId>b</VersionId><IsLatest>false</IsLatest><Size>10</Size></Version>"
                "<Version><Key>x</Key><VersionId>a</VersionId><IsLatest>false</IsLatest><Size>5</Size></Version>")
        << QStringList{u"x|m|1|1|0"_s, u"x|b|0|0|10"_s, u"x|a|0|0|5"_s};
    QTest::newRow("IsLatest case-insensitive")
        << page("<Version><Key>k</Key><VersionId>v</VersionId><IsLatest>TRUE</IsLatest><Size>1</Size></Version>")
        << QStringList{u"k|v|1|0|1"_s};
}

void TestVersionsXml::entries()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, expected);
    const auto parsed = s3::xml::parseListObjectVersions(body, false);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message()));
    QStringList got;
    for (const s3::ObjectVersion &v : parsed->versions)
        got << u"%1|%2|%3|%4|%5"_s.arg(v.key, v.versionId).arg(int(v.isLatest)).arg(int(v.isDeleteMarker)).arg(v.size);
    QCOMPARE(got, expected);
}

void TestVersionsXml::refused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");

    QTest::newRow("version without size")
        << page("<Version><Key>k</Key><VersionId>v</VersionId></Version>") << u"has no valid <Size>"_s;
    QTest::newRow("negative size")
        << page("<Version><Key>k</Key><VersionId>v</VersionId><Size>-1</Size></Version>") << u"has no valid <Size>"_s;
    QTest::newRow("no key") << page("<Version><VersionId>v</VersionId><Size>1</Size></Version>") << u"has no <Key>"_s;
    QTest::newRow("no version id")
        << page("<DeleteMarker><Key>k</Key></DeleteMarker>") << u"has no <VersionId>"_s;
    QTest::newRow("version id too long")
        << page("<DeleteMarker><Key>k</Key><VersionId>" + QByteArray(s3::xml::MaxVersionIdLength + 1, 'v')
                + "</VersionId></DeleteMarker>")
        << u"longer than 1024"_s;
    QTest::newRow("truncated without marker")
        << page("", "<IsTruncated>true</IsTruncated>") << u"has no <NextKeyMarker>"_s;
    QTest::newRow("wrong root") << QByteArray("<ListBucketResult/>") << u"unexpected root element"_s;
    QTest::newRow("error document")
        << QByteArray("<Error><Code>NoSuchBucket</Code><Message>gone</Message></Error>") << u"gone"_s;
    QTest::newRow("cut off") << page("<Version><Key>k</Key>").left(60) << u"malformed XML"_s;
}

void TestVersionsXml::refused()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const auto parsed = s3::xml::parseListObjectVersions(body, true);
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().message().contains(message), qPrintable(parsed.error().message()));
}

void TestVersionsXml::tooManyEntries()
{
    QByteArray entries;
    for (int i = 0; i <= s3::xml::MaxEntriesInVersionsPage; ++i)
        entries += "<CommonPrefixes><Prefix>p" + QByteArray::number(i) + "/</Prefix></CommonPrefixes>";
    const auto parsed = s3::xml::parseListObjectVersions(page(entries), false);
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().message().contains(u"more than 10000 entries"_s), qPrintable(parsed.error().message()));
}

void TestVersionsXml::versioning_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status"); // -1: error

    QTest::newRow("enabled") << corpusFile(u"fuzz_xml_versioning"_s, u"enabled.xml"_s) << int(s3::BucketVersioning::Enabled);
    QTest::newRow("suspended with MfaDelete")
        << corpusFile(u"fuzz_xml_versioning"_s, u"suspended_mfa.xml"_s) << int(s3::BucketVersioning::Suspended);
    QTest::newRow("never versioned")
        << corpusFile(u"fuzz_xml_versioning"_s, u"never.xml"_s) << int(s3::BucketVersioning::Unversioned);
    QTest::newRow("empty body") << QByteArray("  \n") << int(s3::BucketVersioning::Unversioned);
    QTest::newRow("unknown status")
        << QByteArray("<VersioningConfiguration><Status>Maybe</Status></VersioningConfiguration>") << -1;
    QTest::newRow("wrong root") << QByteArray("<Tagging/>") << -1;
    QTest::newRow("broken") << QByteArray("<VersioningConfiguration><Status>") << -1;
}

void TestVersionsXml::versioning()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const auto parsed = s3::xml::parseVersioningConfiguration(body);
    if (status < 0) {
        QVERIFY(!parsed);
        QVERIFY(!parsed.error().message().isEmpty());
        return;
    }
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message()));
    QCOMPARE(int(*parsed), status);
}

void TestVersionsXml::buildVersioning()
{
    const QByteArray enabled = s3::xml::buildVersioningConfiguration(s3::BucketVersioning::Enabled);
    QVERIFY(enabled.contains("<Status>Enabled</Status>"));
    QVERIFY(enabled.contains("xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\""));
    QCOMPARE(*s3::xml::parseVersioningConfiguration(enabled), s3::BucketVersioning::Enabled);
    const QByteArray suspended = s3::xml::buildVersioningConfiguration(s3::BucketVersioning::Suspended);
    QCOMPARE(*s3::xml::parseVersioningConfiguration(suspended), s3::BucketVersioning::Suspended);
}

QTEST_GUILESS_MAIN(TestVersionsXml)
#include "tst_versionsxml.moc"
