// SPDX-License-Identifier: Apache-2.0
// S3 XML parsers and builders (s3core/xml/s3xml.h) against fixtures in tests/data/xml, plus formatByteSize.
#include <functional>

#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

#include "s3core/types.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/xml/s3xml.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(S3DESK_TEST_DATA_DIR "/xml/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

// Every parser, behind one signature, so malformed input and 200-with-Error run through all of them.
using AnyParser = std::function<S3Error(const QByteArray &)>;

// QVERIFY2 evaluates its message even when the check passes: never call error() on a success.
template<typename T>
QString errorText(const Result<T> &r)
{
    return r.ok() ? QString() : r.error().toString();
}

template<typename T>
S3Error errorOf(const Result<T> &r)
{
    return r.ok() ? S3Error() : r.error();
}

QList<QPair<QString, AnyParser>> allParsers()
{
    return {
        {QStringLiteral("ListBuckets"), [](const QByteArray &b) { return errorOf(xml::parseListBuckets(b)); }},
        {QStringLiteral("ListObjectsV2"), [](const QByteArray &b) { return errorOf(xml::parseListObjectsV2(b, false)); }},
        {QStringLiteral("ListObjectsV2url"), [](const QByteArray &b) { return errorOf(xml::parseListObjectsV2(b, true)); }},
        {QStringLiteral("Initiate"), [](const QByteArray &b) { return errorOf(xml::parseInitiateMultipartUpload(b)); }},
        {QStringLiteral("Complete"), [](const QByteArray &b) { return errorOf(xml::parseCompleteMultipartUpload(b)); }},
        {QStringLiteral("Copy"), [](const QByteArray &b) { return errorOf(xml::parseCopyObject(b)); }},
        {QStringLiteral("DeleteObjects"), [](const QByteArray &b) { return errorOf(xml::parseDeleteObjects(b)); }},
        {QStringLiteral("ListParts"), [](const QByteArray &b) { return errorOf(xml::parseListParts(b)); }},
        {QStringLiteral("ListUploads"), [](const QByteArray &b) { return errorOf(xml::parseListMultipartUploads(b)); }},
        {QStringLiteral("Location"), [](const QByteArray &b) { return errorOf(xml::parseBucketLocation(b)); }},
    };
}

} // namespace

class TestS3Xml : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listObjectsV2_data();
    void listObjectsV2();
    void listObjectsV2Fields();
    void listObjectsV2Paging();
    void listObjectsV2CephOwner();
    void listObjectsV2UrlDecoding_data();
    void listObjectsV2UrlDecoding();
    void listObjectsV2UrlEncodingNotRequested();
    void listObjectsV2EncodingTypeRespected();
    void listBuckets_data();
    void listBuckets();
    void initiate_data();
    void initiate();
    void initiateWithoutUploadId();
    void complete();
    void copy_data();
    void copy();
    void deleteObjects();
    void listParts();
    void listMultipartUploads();
    void bucketLocation_data();
    void bucketLocation();
    void tagging_data();
    void tagging();
    void buildTaggingRoundTrips();
    void accessControlPolicy_data();
    void accessControlPolicy();

    void malformed_data();
    void malformed();
    void truncatedAtEveryLength();
    void deeplyNested();
    void wrongRoot_data();
    void wrongRoot();
    void errorIn200_data();
    void errorIn200();

    void parseError_data();
    void parseError();
    void parseErrorNotAnError_data();
    void parseErrorNotAnError();
    void isErrorDocument_data();
    void isErrorDocument();

    void buildCompleteExactBytes();
    void buildCompleteEscapesAndRoundTrips();
    void buildCompleteEmpty();
    void buildDeleteObjects_data();
    void buildDeleteObjects();
    void buildDeleteObjectsRoundTrip();
    void buildDeleteObjectsRefusesUnsafeKeys();
    void buildDeleteObjectVersions_data();
    void buildDeleteObjectVersions();
    void isXmlSafeKey_data();
    void isXmlSafeKey();
    void buildCreateBucketConfiguration_data();
    void buildCreateBucketConfiguration();

    void parseTimestamp_data();
    void parseTimestamp();

    void formatByteSize_data();
    void formatByteSize();
};

void TestS3Xml::listObjectsV2_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QStringList>("prefixes");
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("delimiter");
    QTest::addColumn<bool>("truncated");
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("keyCount");
    QTest::addColumn<int>("maxKeys");

    QTest::newRow("aws namespaced, truncated")
        << QStringLiteral("list_v2_aws_page1.xml")
        << QStringList{QStringLiteral("photos/2006/January/sample.jpg"), QStringLiteral("photos/2006/February/sample2.jpg"),
                       QStringLiteral("photos/2006/no-storage-class.txt")}
        << QStringList{} << QStringLiteral("example-bucket") << QStringLiteral("photos/") << QString() << true
        << QStringLiteral("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=") << 3 << 3;
    QTest::newRow("aws last page")
        << QStringLiteral("list_v2_aws_page2.xml") << QStringList{QStringLiteral("photos/2007/last.jpg")} << QStringList{}
        << QStringLiteral("example-bucket") << QStringLiteral("photos/") << QString() << false << QString() << 1 << 3;
    QTest::newRow("no namespace, delimiter")
        << QStringLiteral("list_v2_no_namespace.xml") << QStringList{QStringLiteral("docs/readme.md")}
        << QStringList{QStringLiteral("docs/archive/"), QStringLiteral("docs/images/")} << QStringLiteral("plain")
        << QStringLiteral("docs/") << QStringLiteral("/") << false << QString() << 3 << 1000;
    QTest::newRow("ceph")
        << QStringLiteral("list_v2_ceph.xml")
        << QStringList{QStringLiteral("big.bin"), QStringLiteral("dir/ with spaces .txt")} << QStringList{}
        << QStringLiteral("cephbucket") << QString() << QString() << false << QString() << 2 << 1000;
    QTest::newRow("empty bucket") << QStringLiteral("list_v2_empty.xml") << QStringList{} << QStringList{}
                                  << QStringLiteral("empty") << QString() << QString() << false << QString() << 0 << 1000;
}

void TestS3Xml::listObjectsV2()
{
    QFETCH(QString, file);
    QFETCH(QStringList, keys);
    QFETCH(QStringList, prefixes);
    QFETCH(QString, bucket);
    QFETCH(QString, prefix);
    QFETCH(QString, delimiter);
    QFETCH(bool, truncated);
    QFETCH(QString, token);
    QFETCH(int, keyCount);
    QFETCH(int, maxKeys);

    for (bool urlEncoded : {false, true}) { // none of these fixtures contains anything to decode
        const Result<ListObjectsPage> page = xml::parseListObjectsV2(fixture(file), urlEncoded);
        QVERIFY2(page.ok(), qPrintable(errorText(page)));
        QStringList gotKeys;
        for (const ObjectInfo &o : page->objects)
            gotKeys << o.key;
        QCOMPARE(gotKeys, keys);
        QCOMPARE(QStringList(page->commonPrefixes), prefixes);
        QCOMPARE(page->bucket, bucket);
        QCOMPARE(page->prefix, prefix);
        QCOMPARE(page->delimiter, delimiter);
        QCOMPARE(page->isTruncated, truncated);
        QCOMPARE(page->nextContinuationToken, token);
        QCOMPARE(page->keyCount, keyCount);
        QCOMPARE(page->maxKeys, maxKeys);
    }
}

void TestS3Xml::listObjectsV2Fields()
{
    const Result<ListObjectsPage> page = xml::parseListObjectsV2(fixture(QStringLiteral("list_v2_aws_page1.xml")), false);
    QVERIFY(page.ok());
    QCOMPARE(page->startAfter, QStringLiteral("photos/2005"));
    QCOMPARE(page->objects.size(), 3);

    const ObjectInfo &a = page->objects.at(0);
    QCOMPARE(a.size, qint64(434234));
    QCOMPARE(a.etag, QStringLiteral("\"fba9dede5f27731c9771645a39863328\""));
    QCOMPARE(a.lastModified, utc(2009, 10, 12, 17, 50, 30));
    QCOMPARE(a.lastModified.timeSpec(), Qt::UTC);
    QCOMPARE(a.storageClass, QStringLiteral("STANDARD"));
    QVERIFY(a.ownerId.isEmpty());

    const ObjectInfo &b = page->objects.at(1);
    QCOMPARE(b.etag, QStringLiteral("\"ab12cd34ef56ab12cd34ef56ab12cd34-3\"")); // &quot; entities resolved
    QCOMPARE(b.size, qint64(26214400));
    QCOMPARE(b.storageClass, QStringLiteral("GLACIER"));
    QCOMPARE(b.lastModified, utc(2009, 10, 13, 8, 0, 0));

    // No StorageClass, an offset timestamp: kept, converted to UTC.
    const ObjectInfo &c = page->objects.at(2);
    QVERIFY(c.storageClass.isEmpty());
    QCOMPARE(c.size, qint64(0));
    QCOMPARE(c.lastModified, utc(2009, 10, 14, 8, 11, 12));
    QCOMPARE(c.lastModified.timeSpec(), Qt::UTC);
}

void TestS3Xml::listObjectsV2Paging()
{
    // Page 1 says "more", page 2 (answering the token) says "done": the caller's loop terminates on IsTruncated.
    const Result<ListObjectsPage> p1 = xml::parseListObjectsV2(fixture(QStringLiteral("list_v2_aws_page1.xml")), false);
    const Result<ListObjectsPage> p2 = xml::parseListObjectsV2(fixture(QStringLiteral("list_v2_aws_page2.xml")), false);
    QVERIFY(p1.ok() && p2.ok());
    QVERIFY(p1->isTruncated);
    QVERIFY(!p1->nextContinuationToken.isEmpty());
    QVERIFY(!p2->isTruncated);
    QVERIFY(p2->nextContinuationToken.isEmpty());
    QCOMPARE(p1->objects.size() + p2->objects.size(), 4);
}

void TestS3Xml::listObjectsV2CephOwner()
{
    const Result<ListObjectsPage> page = xml::parseListObjectsV2(fixture(QStringLiteral("list_v2_ceph.xml")), false);
    QVERIFY(page.ok());
    const ObjectInfo &o = page->objects.at(0);
    QCOMPARE(o.ownerId, QStringLiteral("testid"));
    QCOMPARE(o.ownerDisplayName, QStringLiteral("M. Tester"));
    QCOMPARE(o.size, qint64(16777216));
    QCOMPARE(o.etag, QStringLiteral("\"9e107d9d372bb6826bd81d3542a419d6-2\""));
    QCOMPARE(o.lastModified, utc(2024, 2, 29, 23, 59, 59, 999));
    // Leading/trailing spaces in keys are significant and survive.
    QCOMPARE(page->objects.at(1).key, QStringLiteral("dir/ with spaces .txt"));
}

void TestS3Xml::listObjectsV2UrlDecoding_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("key");

    QTest::newRow("'+' is a space (AWS)") << 0 << QStringLiteral("a b.txt");
    QTest::newRow("%2B is a literal plus") << 1 << QStringLiteral("a+b.txt");
    QTest::newRow("%25 is a percent") << 2 << QStringLiteral("100%.csv");
    QTest::newRow("UTF-8 bytes") << 3 << QString::fromUtf8("\xED\x95\x9C\xEA\xB8\x80/x.txt");
    QTest::newRow("XML specials") << 4 << QStringLiteral("x&y<z>\"'");
    QTest::newRow("control characters") << 5 << QStringLiteral("ctl\x01\n\r\tend");
    QTest::newRow("%20 is a space (MinIO/Ceph)") << 6 << QStringLiteral("minio style space");
}

void TestS3Xml::listObjectsV2UrlDecoding()
{
    QFETCH(int, index);
    QFETCH(QString, key);
    const Result<ListObjectsPage> page = xml::parseListObjectsV2(fixture(QStringLiteral("list_v2_urlencoded.xml")), true);
    QVERIFY2(page.ok(), qPrintable(errorText(page)));
    QCOMPARE(page->objects.size(), 7);
    QCOMPARE(page->objects.at(index).key, key);
    QCOMPARE(page->prefix, QStringLiteral("run books/q"));
    QCOMPARE(page->delimiter, QStringLiteral("/"));
    QCOMPARE(page->startAfter, QStringLiteral("a&b"));
    QCOMPARE(QStringList(page->commonPrefixes),
             (QStringList{QStringLiteral("run books/"), QString::fromUtf8("\xED\x95\x9C\xEA\xB8\x80/")}));
    // An unparsable LastModified keeps the entry with an invalid time.
    QVERIFY(!page->objects.at(6).lastModified.isValid());
    QCOMPARE(page->objects.at(6).size, qint64(7));
}

void TestS3Xml::listObjectsV2UrlEncodingNotRequested()
{
    const Result<ListObjectsPage> page = xml::parseListObjectsV2(fixture(QStringLiteral("list_v2_urlencoded.xml")), false);
    QVERIFY(page.ok());
    QCOMPARE(page->objects.at(0).key, QStringLiteral("a+b.txt"));
    QCOMPARE(page->objects.at(2).key, QStringLiteral("100%25.csv"));
    QCOMPARE(page->prefix, QStringLiteral("run+books%2Fq"));
}

void TestS3Xml::listObjectsV2EncodingTypeRespected()
{
    // Requested, and the server does not say which encoding it used: decode (the documented contract).
    const QByteArray noElement = "<ListBucketResult><Name>b</Name><IsTruncated>false</IsTruncated>"
                                 "<Contents><Key>a%2Bb+c</Key><Size>1</Size></Contents></ListBucketResult>";
    Result<ListObjectsPage> page = xml::parseListObjectsV2(noElement, true);
    QVERIFY(page.ok());
    QCOMPARE(page->objects.at(0).key, QStringLiteral("a+b c"));
    QCOMPARE(page->objects.at(0).size, qint64(1));
    QVERIFY(!page->objects.at(0).lastModified.isValid());
    QCOMPARE(page->keyCount, -1);
    QCOMPARE(page->maxKeys, -1);

    // Requested, but the server names another encoding: trust the server, keys are raw.
    const QByteArray other = "<ListBucketResult><EncodingType>none</EncodingType>"
                             "<Contents><Key>a%2Bb+c</Key><Size>1</Size></Contents></ListBucketResult>";
    page = xml::parseListObjectsV2(other, true);
    QVERIFY(page.ok());
    QCOMPARE(page->objects.at(0).key, QStringLiteral("a%2Bb+c"));
}

void TestS3Xml::listBuckets_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QList<QDateTime>>("dates");
    QTest::addColumn<QString>("ownerId");
    QTest::addColumn<QString>("ownerName");

    QTest::newRow("aws") << QStringLiteral("list_buckets.xml")
                         << QStringList{QStringLiteral("amzn-s3-demo-bucket"), QStringLiteral("amzn-s3-demo-bucket2")}
                         << QList<QDateTime>{utc(2006, 2, 3, 16, 45, 9), utc(2006, 2, 3, 16, 41, 58)}
                         << QStringLiteral("bcaf1ffd86f461ca5fb16fd081034f") << QStringLiteral("webfile");
    QTest::newRow("ceph") << QStringLiteral("list_buckets_ceph.xml") << QStringList{QStringLiteral("cephbucket")}
                          << QList<QDateTime>{utc(2024, 2, 29, 10, 0, 0, 123)} << QStringLiteral("testid")
                          << QStringLiteral("M. Tester");
    QTest::newRow("none, no namespace") << QStringLiteral("list_buckets_empty.xml") << QStringList{}
                                        << QList<QDateTime>{} << QStringLiteral("x") << QString();
}

void TestS3Xml::listBuckets()
{
    QFETCH(QString, file);
    QFETCH(QStringList, names);
    QFETCH(QList<QDateTime>, dates);
    QFETCH(QString, ownerId);
    QFETCH(QString, ownerName);
    const Result<ListBucketsResult> r = xml::parseListBuckets(fixture(file));
    QVERIFY2(r.ok(), qPrintable(errorText(r)));
    QStringList gotNames;
    QList<QDateTime> gotDates;
    for (const BucketInfo &b : r->buckets) {
        gotNames << b.name;
        gotDates << b.creationDate;
    }
    QCOMPARE(gotNames, names);
    QCOMPARE(gotDates, dates);
    QCOMPARE(r->ownerId, ownerId);
    QCOMPARE(r->ownerDisplayName, ownerName);
}

void TestS3Xml::initiate_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("uploadId");
    QTest::newRow("aws") << QStringLiteral("initiate.xml") << QStringLiteral("example-bucket")
                         << QStringLiteral("example-object")
                         << QStringLiteral("VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA");
    QTest::newRow("no namespace") << QStringLiteral("initiate_no_namespace.xml") << QStringLiteral("b")
                                  << QStringLiteral("k & l") << QStringLiteral("2~abcDEF");
}

void TestS3Xml::initiate()
{
    QFETCH(QString, file);
    QFETCH(QString, bucket);
    QFETCH(QString, key);
    QFETCH(QString, uploadId);
    const Result<InitiateMultipartUploadResult> r = xml::parseInitiateMultipartUpload(fixture(file));
    QVERIFY2(r.ok(), qPrintable(errorText(r)));
    QCOMPARE(r->bucket, bucket);
    QCOMPARE(r->key, key);
    QCOMPARE(r->uploadId, uploadId);
}

void TestS3Xml::initiateWithoutUploadId()
{
    const Result<InitiateMultipartUploadResult> r =
        xml::parseInitiateMultipartUpload(fixture(QStringLiteral("initiate_no_upload_id.xml")));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind(), S3Error::Kind::Invalid);
    QVERIFY(r.error().message().contains(QLatin1String("UploadId")));
}

void TestS3Xml::complete()
{
    const Result<CompleteMultipartUploadResult> r = xml::parseCompleteMultipartUpload(fixture(QStringLiteral("complete.xml")));
    QVERIFY(r.ok());
    QCOMPARE(r->location, QStringLiteral("http://Example-Bucket.s3.region.amazonaws.com/Example-Object"));
    QCOMPARE(r->bucket, QStringLiteral("Example-Bucket"));
    QCOMPARE(r->key, QStringLiteral("Example-Object"));
    QCOMPARE(r->etag, QStringLiteral("\"3858f62230ac3c915f300c664312c11f-9\""));
}

void TestS3Xml::copy_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QDateTime>("lastModified");
    QTest::newRow("CopyObjectResult") << QStringLiteral("copy.xml") << utc(2009, 10, 28, 22, 32, 0);
    QTest::newRow("CopyPartResult") << QStringLiteral("copy_part.xml") << utc(2011, 4, 11, 20, 34, 56);
}

void TestS3Xml::copy()
{
    QFETCH(QString, file);
    QFETCH(QDateTime, lastModified);
    const Result<CopyObjectResult> r = xml::parseCopyObject(fixture(file));
    QVERIFY(r.ok());
    QCOMPARE(r->etag, QStringLiteral("\"9b2cf535f27731c974343645a3985328\""));
    QCOMPARE(r->lastModified, lastModified);
}

void TestS3Xml::deleteObjects()
{
    const Result<DeleteObjectsResult> r = xml::parseDeleteObjects(fixture(QStringLiteral("delete_result.xml")));
    QVERIFY2(r.ok(), qPrintable(errorText(r))); // <Error> children must not make it an error document
    QCOMPARE(r->deleted.size(), 2);
    QCOMPARE(r->deleted.at(0).key, QStringLiteral("sample1.txt"));
    QVERIFY(r->deleted.at(0).versionId.isEmpty());
    QCOMPARE(r->deleted.at(1).key, QStringLiteral("versioned & <odd>.txt"));
    QCOMPARE(r->deleted.at(1).versionId, QStringLiteral("OYcLXagmS.WaD..oyH4KRguB95_YhLs7"));
    QCOMPARE(r->errors.size(), 1);
    QCOMPARE(r->errors.at(0).key, QStringLiteral("sample2.txt"));
    QCOMPARE(r->errors.at(0).code, QStringLiteral("AccessDenied"));
    QCOMPARE(r->errors.at(0).message, QStringLiteral("Access Denied"));

    const Result<DeleteObjectsResult> quiet = xml::parseDeleteObjects(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>");
    QVERIFY(quiet.ok());
    QVERIFY(quiet->deleted.isEmpty() && quiet->errors.isEmpty());
}

void TestS3Xml::listParts()
{
    const Result<ListPartsResult> r = xml::parseListParts(fixture(QStringLiteral("list_parts.xml")));
    QVERIFY(r.ok());
    QCOMPARE(r->bucket, QStringLiteral("example-bucket"));
    QCOMPARE(r->key, QStringLiteral("example-object"));
    QCOMPARE(r->uploadId, QStringLiteral("XXBsb2FkIElEIGZvciBlbHZpbmcncyVcdS1tb3ZpZS5tMnRzEEEwbG9hZA"));
    QVERIFY(r->isTruncated);
    QCOMPARE(r->nextPartNumberMarker, 3);
    QCOMPARE(r->parts.size(), 2);
    QCOMPARE(r->parts.at(0).partNumber, 2);
    QCOMPARE(r->parts.at(0).etag, QStringLiteral("\"7778aef83f66abc1fa1e8477f296d394\""));
    QCOMPARE(r->parts.at(0).size, qint64(10485760));
    QCOMPARE(r->parts.at(0).lastModified, utc(2010, 11, 10, 20, 48, 34));
    QCOMPARE(r->parts.at(1).partNumber, 3);
}

void TestS3Xml::listMultipartUploads()
{
    const Result<ListMultipartUploadsResult> r = xml::parseListMultipartUploads(fixture(QStringLiteral("list_uploads.xml")));
    QVERIFY(r.ok());
    QCOMPARE(r->bucket, QStringLiteral("bucket"));
    QVERIFY(r->isTruncated);
    QCOMPARE(r->nextKeyMarker, QStringLiteral("my-movie.m2ts"));
    QCOMPARE(r->nextUploadIdMarker, QStringLiteral("YW55IGlkZWEgd2h5IGVsdmluZydzIHVwbG9hZCBmYWlsZWQ"));
    QCOMPARE(r->uploads.size(), 2);
    QCOMPARE(r->uploads.at(0).key, QStringLiteral("my-divisor")); // not the Initiator/Owner IDs
    QCOMPARE(r->uploads.at(0).uploadId, QStringLiteral("XMgbGlrZSBlbHZpbmcncyBub3QgaGF2aW5nIG11Y2ggbHVjaw"));
    QCOMPARE(r->uploads.at(0).initiated, utc(2010, 11, 10, 20, 48, 33));
    QCOMPARE(r->uploads.at(0).storageClass, QStringLiteral("STANDARD"));
    QCOMPARE(r->uploads.at(1).key, QStringLiteral("my-movie.m2ts"));
    QCOMPARE(QStringList(r->commonPrefixes), QStringList{QStringLiteral("photos/")});
}

void TestS3Xml::bucketLocation_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("region");
    QTest::newRow("eu-central-1") << QStringLiteral("location_eu_central.xml") << QStringLiteral("eu-central-1");
    QTest::newRow("us-east-1 is empty") << QStringLiteral("location_us_east.xml") << QString();
    QTest::newRow("legacy EU") << QStringLiteral("location_legacy_eu.xml") << QStringLiteral("eu-west-1");
    QTest::newRow("ceph zonegroup") << QStringLiteral("location_ceph.xml") << QStringLiteral("default");
}

void TestS3Xml::bucketLocation()
{
    QFETCH(QString, file);
    QFETCH(QString, region);
    const Result<QString> r = xml::parseBucketLocation(fixture(file));
    QVERIFY(r.ok());
    QCOMPARE(r.value(), region);
}

void TestS3Xml::tagging_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("expected"); // "key=value" per tag; empty with an error
    QTest::addColumn<QString>("error");        // part of the error message; empty: success
    const QByteArray aws = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                           "<TagSet><Tag><Key>project</Key><Value>apollo 11</Value></Tag>"
                           "<Tag><Key>tier</Key><Value>gold&amp;silver</Value></Tag></TagSet></Tagging>";
    QTest::newRow("AWS") << aws << QStringList{u"project=apollo 11"_s, u"tier=gold&silver"_s} << QString();
    QTest::newRow("no namespace, empty value")
        << QByteArray("<Tagging><TagSet><Tag><Key>k</Key><Value></Value></Tag></TagSet></Tagging>") << QStringList{u"k="_s} << QString();
    QTest::newRow("no tags") << QByteArray("<Tagging><TagSet/></Tagging>") << QStringList() << QString();
    QTest::newRow("Ceph's empty body") << QByteArray() << QStringList() << QString();
    QTest::newRow("missing TagSet") << QByteArray("<Tagging></Tagging>") << QStringList() << u"TagSet"_s;
    QTest::newRow("tag without key") << QByteArray("<Tagging><TagSet><Tag><Value>v</Value></Tag></TagSet></Tagging>")
                                     << QStringList() << u"Key"_s;
    QTest::newRow("empty key") << QByteArray("<Tagging><TagSet><Tag><Key></Key><Value>v</Value></Tag></TagSet></Tagging>")
                               << QStringList() << u"empty key"_s;
    QTest::newRow("repeated key")
        << QByteArray("<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>a</Key><Value>2</Value></Tag></TagSet></Tagging>")
        << QStringList() << u"twice"_s;
    QByteArray many = "<Tagging><TagSet>";
    for (int i = 0; i <= xml::MaxTagsInAnswer; ++i)
        many += "<Tag><Key>k" + QByteArray::number(i) + "</Key><Value>v</Value></Tag>";
    many += "</TagSet></Tagging>";
    QTest::newRow("too many tags") << many << QStringList() << u"more than"_s;
    QTest::newRow("truncated") << aws.left(aws.size() - 20) << QStringList() << u"malformed"_s;
    QTest::newRow("error in 200")
        << QByteArray("<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>") << QStringList() << u"NoSuchKey"_s;
    QTest::newRow("wrong root") << QByteArray("<ListBucketResult/>") << QStringList() << u"unexpected root"_s;
}

void TestS3Xml::tagging()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, expected);
    QFETCH(QString, error);
    const Result<QList<ObjectTag>> r = xml::parseTagging(body);
    if (!error.isEmpty()) {
        QVERIFY(!r.ok());
        QVERIFY2(r.error().toString().contains(error), qPrintable(r.error().toString()));
        return;
    }
    QVERIFY2(r.ok(), qPrintable(errorText(r)));
    QStringList got;
    for (const ObjectTag &tag : r.value())
        got.append(tag.key + u'=' + tag.value);
    QCOMPARE(got, expected);
}

void TestS3Xml::buildTaggingRoundTrips()
{
    // A carriage return must leave as &#13;: sent raw, the server's XML parser would turn it into a line feed.
    const QList<ObjectTag> tags{{u"a b"_s, u"<&>\"'"_s}, {u"ünï"_s, QString()}, {u"k"_s, u"v=w&x"_s}, {u"c\rr"_s, u"x\r\ny"_s}};
    const QByteArray body = xml::buildTagging(tags);
    QVERIFY(body.contains("<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"));
    const Result<QList<ObjectTag>> parsed = xml::parseTagging(body);
    QVERIFY2(parsed.ok(), qPrintable(errorText(parsed)));
    QCOMPARE(parsed.value(), tags);
    QVERIFY(body.contains("<Key>c&#13;r</Key><Value>x&#13;\ny</Value>"));
    QCOMPARE(taggingHeaderValue(tags), QByteArray("a%20b=%3C%26%3E%22%27&%C3%BCn%C3%AF=&k=v%3Dw%26x&c%0Dr=x%0D%0Ay"));
}

void TestS3Xml::accessControlPolicy_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("valid");
    QTest::newRow("Ceph") << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?><AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                                        "<Owner><ID>tester</ID><DisplayName>S3Desk tester</DisplayName></Owner><AccessControlList>"
                                        "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">"
                                        "<ID>tester</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList>"
                                        "</AccessControlPolicy>")
                          << true;
    QTest::newRow("no grant list") << QByteArray("<AccessControlPolicy><Owner/></AccessControlPolicy>") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("error") << QByteArray("<Error><Code>AccessDenied</Code></Error>") << false;
    QTest::newRow("truncated") << QByteArray("<AccessControlPolicy><AccessControlList>") << false;
}

void TestS3Xml::accessControlPolicy()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, valid);
    QCOMPARE(xml::isAccessControlPolicy(body), valid);
}

void TestS3Xml::malformed_data()
{
    QTest::addColumn<QByteArray>("body");
    const QByteArray list = fixture(QStringLiteral("list_v2_aws_page1.xml"));
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not XML") << QByteArray("Service Unavailable");
    QTest::newRow("JSON") << QByteArray("{\"error\":\"nope\"}");
    QTest::newRow("HTML") << QByteArray("<html><head><title>502 Bad Gateway</title></head><body><hr></body>");
    QTest::newRow("truncated in the middle") << list.left(list.size() / 2);
    QTest::newRow("truncated before the end tag") << list.left(list.lastIndexOf("</ListBucketResult>"));
    QTest::newRow("truncated in a tag") << list.left(list.indexOf("<Contents>") + 5);
    QTest::newRow("mismatched tags") << QByteArray("<ListBucketResult><Name>b</Key></ListBucketResult>");
    QTest::newRow("two roots") << QByteArray("<ListBucketResult/><ListBucketResult/>");
    QTest::newRow("garbage after root") << QByteArray("<ListBucketResult/>trailing");
    QTest::newRow("undeclared entity") << QByteArray("<ListBucketResult><Name>&nbsp;</Name></ListBucketResult>");
    QTest::newRow("illegal char reference") << QByteArray("<ListBucketResult><Name>a&#1;</Name></ListBucketResult>");
    QTest::newRow("raw control character") << QByteArray("<ListBucketResult><Name>a\x01</Name></ListBucketResult>");
    QTest::newRow("invalid UTF-8") << QByteArray("<ListBucketResult><Name>\xff\xfe</Name></ListBucketResult>");
    QTest::newRow("only declaration") << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

void TestS3Xml::malformed()
{
    QFETCH(QByteArray, body);
    static const QRegularExpression shape(
        QStringLiteral("^malformed XML from server: .+ at line \\d+ column \\d+$"));
    for (const auto &[name, parse] : allParsers()) {
        const S3Error e = parse(body);
        QVERIFY2(e.kind() == S3Error::Kind::Invalid, qPrintable(name + QStringLiteral(": ") + e.toString()));
        QVERIFY2(shape.match(e.message()).hasMatch(), qPrintable(name + QStringLiteral(": ") + e.message()));
        QVERIFY(!e.isRetryable());
    }
    QCOMPARE(xml::parseError(body, 500).kind(), S3Error::Kind::None);
}

void TestS3Xml::truncatedAtEveryLength()
{
    // No prefix of a valid document may crash or parse as success (except the whole thing plus whitespace).
    const QByteArray full = fixture(QStringLiteral("list_v2_ceph.xml")).trimmed();
    for (qsizetype n = 0; n < full.size(); ++n) {
        const Result<ListObjectsPage> r = xml::parseListObjectsV2(full.left(n), true);
        QVERIFY2(!r.ok(), qPrintable(QStringLiteral("prefix of %1 bytes parsed").arg(n)));
        QCOMPARE(r.error().kind(), S3Error::Kind::Invalid);
    }
    QVERIFY(xml::parseListObjectsV2(full, true).ok());
}

void TestS3Xml::deeplyNested()
{
    QByteArray body = "<ListBucketResult>";
    for (int i = 0; i < 100000; ++i)
        body += "<a>";
    const Result<ListObjectsPage> r = xml::parseListObjectsV2(body, false);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind(), S3Error::Kind::Invalid);
}

void TestS3Xml::wrongRoot_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("parser"); // index into allParsers()
    QTest::newRow("buckets as listing") << QStringLiteral("list_buckets.xml") << 1;
    QTest::newRow("listing as buckets") << QStringLiteral("list_v2_ceph.xml") << 0;
    QTest::newRow("copy as complete") << QStringLiteral("copy.xml") << 4;
    QTest::newRow("initiate as list parts") << QStringLiteral("initiate.xml") << 7;
    QTest::newRow("location as delete") << QStringLiteral("location_eu_central.xml") << 6;
}

void TestS3Xml::wrongRoot()
{
    QFETCH(QString, file);
    QFETCH(int, parser);
    const S3Error e = allParsers().at(parser).second(fixture(file));
    QCOMPARE(e.kind(), S3Error::Kind::Invalid);
    QVERIFY2(e.message().startsWith(QLatin1String("malformed XML from server: unexpected root element <")),
             qPrintable(e.message()));
    QVERIFY(e.message().contains(QRegularExpression(QStringLiteral(" at line \\d+ column \\d+$"))));
}

void TestS3Xml::errorIn200_data()
{
    QTest::addColumn<int>("parser");
    const auto parsers = allParsers();
    for (int i = 0; i < parsers.size(); ++i)
        QTest::newRow(qPrintable(parsers.at(i).first)) << i;
}

void TestS3Xml::errorIn200()
{
    QFETCH(int, parser);
    const S3Error e = allParsers().at(parser).second(fixture(QStringLiteral("complete_200_error.xml")));
    QCOMPARE(e.kind(), S3Error::Kind::S3);
    QCOMPARE(e.code(), QStringLiteral("InternalError"));
    QCOMPARE(e.httpStatus(), 200);
    QCOMPARE(e.requestId(), QStringLiteral("656c76696e6727732072657175657374"));
    QCOMPARE(e.message(), QStringLiteral("We encountered an internal error. Please try again."));
    QVERIFY(e.isRetryable());
}

void TestS3Xml::parseError_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("status");
    QTest::addColumn<S3Error::Kind>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("requestId");
    QTest::addColumn<QString>("hostId");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("endpoint");

    QTest::newRow("aws NoSuchKey")
        << QStringLiteral("error_aws_nosuchkey.xml") << 404 << S3Error::Kind::S3 << QStringLiteral("NoSuchKey")
        << QStringLiteral("The resource you requested does not exist") << QStringLiteral("4442587FB7D0A2F9")
        << QStringLiteral("Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg==")
        << QStringLiteral("/mybucket/myfoto.jpg") << QString() << QString();
    QTest::newRow("ceph NoSuchKey, empty message")
        << QStringLiteral("error_ceph_nosuchkey.xml") << 404 << S3Error::Kind::S3 << QStringLiteral("NoSuchKey")
        << QString() << QStringLiteral("tx00000a1b2c3d4e5f60718-0065e0c0de-1234-default")
        << QStringLiteral("1234-default-default") << QStringLiteral("cephbucket") << QString() << QString();
    QTest::newRow("AuthorizationHeaderMalformed with Region")
        << QStringLiteral("error_auth_header_malformed.xml") << 400 << S3Error::Kind::S3
        << QStringLiteral("AuthorizationHeaderMalformed")
        << QStringLiteral("The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'")
        << QStringLiteral("0F81A7D3E5C1B2A4") << QStringLiteral("abcHostId=") << QString() << QStringLiteral("eu-west-1")
        << QString();
    QTest::newRow("PermanentRedirect with Endpoint")
        << QStringLiteral("error_permanent_redirect.xml") << 301 << S3Error::Kind::S3 << QStringLiteral("PermanentRedirect")
        << QStringLiteral("The bucket you are attempting to access must be addressed using the specified endpoint. "
                          "Please send all future requests to this endpoint.")
        << QStringLiteral("9B2C4F1E0A7D6E5C") << QStringLiteral("redirHostId=") << QStringLiteral("example-bucket")
        << QString() << QStringLiteral("example-bucket.s3.eu-central-1.amazonaws.com");
    QTest::newRow("SignatureDoesNotMatch, namespaced, is Auth")
        << QStringLiteral("error_signature.xml") << 403 << S3Error::Kind::Auth << QStringLiteral("SignatureDoesNotMatch")
        << QStringLiteral("The request signature we calculated does not match the signature you provided. Check your "
                          "key and signing method.")
        << QStringLiteral("AB12CD34EF56") << QStringLiteral("sigHostId=") << QString() << QString() << QString();
    QTest::newRow("InternalError 500")
        << QStringLiteral("error_internal.xml") << 500 << S3Error::Kind::S3 << QStringLiteral("InternalError")
        << QStringLiteral("We encountered an internal error. Please try again.")
        << QStringLiteral("656c76696e6727732072657175657374")
        << QStringLiteral("Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg==") << QString() << QString()
        << QString();
}

void TestS3Xml::parseError()
{
    QFETCH(QString, file);
    QFETCH(int, status);
    QFETCH(S3Error::Kind, kind);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QString, requestId);
    QFETCH(QString, hostId);
    QFETCH(QString, resource);
    QFETCH(QString, region);
    QFETCH(QString, endpoint);

    const QByteArray body = fixture(file);
    QVERIFY(xml::isErrorDocument(body));
    const S3Error e = xml::parseError(body, status);
    QCOMPARE(e.kind(), kind);
    QCOMPARE(e.httpStatus(), status);
    QCOMPARE(e.code(), code);
    QCOMPARE(e.message(), message);
    QCOMPARE(e.requestId(), requestId);
    QCOMPARE(e.hostId(), hostId);
    QCOMPARE(e.resource(), resource);
    QCOMPARE(e.region(), region);
    QCOMPARE(e.endpointHint(), endpoint);
    QVERIFY(!e.toString().isEmpty());
    QVERIFY(!e.toString().contains(QLatin1Char('\n')));
}

void TestS3Xml::parseErrorNotAnError_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("listing") << fixture(QStringLiteral("list_v2_ceph.xml"));
    QTest::newRow("delete result with Error children") << fixture(QStringLiteral("delete_result.xml"));
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("html") << QByteArray("<html><body>Bad Gateway</body></html>");
    QTest::newRow("truncated Error") << QByteArray("<Error><Code>NoSuchKey</Code><Mess");
}

void TestS3Xml::parseErrorNotAnError()
{
    QFETCH(QByteArray, body);
    const S3Error e = xml::parseError(body, 404);
    QCOMPARE(e.kind(), S3Error::Kind::None);
    QVERIFY(!e.isError());
}

void TestS3Xml::isErrorDocument_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("expected");
    QTest::newRow("200 with Error after blank lines") << fixture(QStringLiteral("complete_200_error.xml")) << true;
    QTest::newRow("namespaced Error") << fixture(QStringLiteral("error_signature.xml")) << true;
    QTest::newRow("truncated Error") << QByteArray("<Error><Code>Internal") << true;
    QTest::newRow("complete result") << fixture(QStringLiteral("complete.xml")) << false;
    QTest::newRow("delete result") << fixture(QStringLiteral("delete_result.xml")) << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("text") << QByteArray("Error") << false;
}

void TestS3Xml::isErrorDocument()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, expected);
    QCOMPARE(xml::isErrorDocument(body), expected);
}

void TestS3Xml::buildCompleteExactBytes()
{
    const QByteArray body = xml::buildCompleteMultipartUpload(
        {{2, QStringLiteral("def")}, {1, QStringLiteral("abc")}});
    const QByteArray expected =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        "<Part><ETag>abc</ETag><PartNumber>1</PartNumber></Part><Part><ETag>def</ETag><PartNumber>2</PartNumber></Part>"
        "</CompleteMultipartUpload>";
    QCOMPARE(body, expected);
}

void TestS3Xml::buildCompleteEscapesAndRoundTrips()
{
    QList<CompletedPart> parts;
    for (int n : {10, 3, 10000, 1, 2})
        parts.append({n, QStringLiteral("\"etag-%1&<>\"").arg(n)});
    const QByteArray body = xml::buildCompleteMultipartUpload(parts);
    QVERIFY(!body.contains("&<"));
    QVERIFY(body.contains("&amp;&lt;&gt;"));

    QXmlStreamReader reader(body);
    QList<int> numbers;
    QStringList etags;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (reader.name() == QLatin1String("PartNumber"))
            numbers << reader.readElementText().toInt();
        else if (reader.name() == QLatin1String("ETag"))
            etags << reader.readElementText();
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QCOMPARE(numbers, (QList<int>{1, 2, 3, 10, 10000}));
    QCOMPARE(etags.at(0), QStringLiteral("\"etag-1&<>\""));
    QCOMPARE(etags.at(4), QStringLiteral("\"etag-10000&<>\""));
}

void TestS3Xml::buildCompleteEmpty()
{
    QCOMPARE(xml::buildCompleteMultipartUpload({}),
             QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?><CompleteMultipartUpload "
                        "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>"));
}

void TestS3Xml::buildDeleteObjects_data()
{
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<bool>("quiet");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
    QTest::newRow("quiet") << QStringList{QStringLiteral("a.txt"), QStringLiteral("dir/b c")} << true
                           << QByteArray(head + "<Quiet>true</Quiet><Object><Key>a.txt</Key></Object>"
                                                "<Object><Key>dir/b c</Key></Object></Delete>");
    QTest::newRow("verbose") << QStringList{QStringLiteral("x")} << false
                             << QByteArray(head + "<Object><Key>x</Key></Object></Delete>");
    QTest::newRow("escaped") << QStringList{QStringLiteral("a&b<c>d")} << true
                             << QByteArray(head + "<Quiet>true</Quiet><Object><Key>a&amp;b&lt;c&gt;d</Key></Object></Delete>");
    QTest::newRow("unicode") << QStringList{QString::fromUtf8("\xED\x95\x9C/\xF0\x9F\x98\x80")} << true
                             << QByteArray(head + "<Quiet>true</Quiet><Object><Key>\xED\x95\x9C/\xF0\x9F\x98\x80</Key>"
                                                  "</Object></Delete>");
    QTest::newRow("carriage return") << QStringList{QStringLiteral("a\rb")} << true
                                     << QByteArray(head + "<Quiet>true</Quiet><Object><Key>a&#13;b</Key></Object></Delete>");
}

void TestS3Xml::buildDeleteObjects()
{
    QFETCH(QStringList, keys);
    QFETCH(bool, quiet);
    QFETCH(QByteArray, expected);
    QCOMPARE(xml::buildDeleteObjects(keys, quiet), expected);
}

void TestS3Xml::buildDeleteObjectsRoundTrip()
{
    const QStringList keys = {QStringLiteral("plain"),
                              QStringLiteral(" lead and trail "),
                              QStringLiteral("amp&lt<gt>quot\"apos'"),
                              QStringLiteral("tab\tnewline\ncr\r\ncrlf"),
                              QString::fromUtf8("\xC3\xA9t\xC3\xA9/\xF0\x9F\x98\x80.txt"),
                              QStringLiteral("]]>cdata-end")};
    const QByteArray body = xml::buildDeleteObjects(keys, true);
    QVERIFY(!body.isEmpty());
    QXmlStreamReader reader(body);
    QStringList got;
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == QLatin1String("Key"))
            got << reader.readElementText();
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QCOMPARE(got, keys);
}

void TestS3Xml::buildDeleteObjectsRefusesUnsafeKeys()
{
    const QStringList keys = {QStringLiteral("fine"), QStringLiteral("bell\x07")};
    QVERIFY(xml::buildDeleteObjects(keys, true).isEmpty());
    QVERIFY(!xml::buildDeleteObjects({QStringLiteral("fine")}, true).isEmpty());
}

void TestS3Xml::buildDeleteObjectVersions_data()
{
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QStringList>("versionIds");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                            "<Quiet>true</Quiet>";
    QTest::newRow("versions and a null version")
        << QStringList{QStringLiteral("a"), QStringLiteral("a"), QStringLiteral("b")}
        << QStringList{QStringLiteral("v2"), QStringLiteral("null"), QStringLiteral("m1")}
        << QByteArray(head + "<Object><Key>a</Key><VersionId>v2</VersionId></Object><Object><Key>a</Key><VersionId>null</VersionId>"
                             "</Object><Object><Key>b</Key><VersionId>m1</VersionId></Object></Delete>");
    // An empty id deletes the current version (what the key-only form does).
    QTest::newRow("empty id") << QStringList{QStringLiteral("c")} << QStringList{QString()}
                              << QByteArray(head + "<Object><Key>c</Key></Object></Delete>");
    // One id per key, or nothing: a mismatch would pair a key with another key's version.
    QTest::newRow("count mismatch") << QStringList{QStringLiteral("a"), QStringLiteral("b")} << QStringList{QStringLiteral("v1")}
                                    << QByteArray();
}

void TestS3Xml::buildDeleteObjectVersions()
{
    QFETCH(QStringList, keys);
    QFETCH(QStringList, versionIds);
    QFETCH(QByteArray, expected);
    QCOMPARE(xml::buildDeleteObjects(keys, versionIds, true), expected);
}

void TestS3Xml::isXmlSafeKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("safe");
    QTest::newRow("plain") << QStringLiteral("dir/file.txt") << true;
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("xml specials") << QStringLiteral("&<>\"'") << true;
    QTest::newRow("tab, LF, CR") << QStringLiteral("a\tb\nc\rd") << true;
    QTest::newRow("emoji (surrogate pair)") << QString::fromUtf8("\xF0\x9F\x98\x80") << true;
    QTest::newRow("NUL") << QString(QChar(0)) << false;
    QTest::newRow("U+0001") << QStringLiteral("a\x01") << false;
    QTest::newRow("U+001F") << QStringLiteral("\x1f") << false;
    QTest::newRow("U+FFFE") << QString(QChar(0xFFFE)) << false;
    QTest::newRow("U+FFFF") << QString(QChar(0xFFFF)) << false;
    QTest::newRow("lone high surrogate") << QString(QChar(0xD800)) << false;
    QTest::newRow("lone low surrogate") << (QStringLiteral("a") + QChar(0xDC00)) << false;
    QTest::newRow("DEL is allowed") << QStringLiteral("\x7f") << true;
}

void TestS3Xml::isXmlSafeKey()
{
    QFETCH(QString, key);
    QFETCH(bool, safe);
    QCOMPARE(xml::isXmlSafeKey(key), safe);
}

void TestS3Xml::buildCreateBucketConfiguration_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("us-east-1") << QStringLiteral("us-east-1") << QByteArray();
    QTest::newRow("eu-west-1") << QStringLiteral("eu-west-1")
                               << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?><CreateBucketConfiguration "
                                             "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>"
                                             "eu-west-1</LocationConstraint></CreateBucketConfiguration>");
}

void TestS3Xml::buildCreateBucketConfiguration()
{
    QFETCH(QString, region);
    QFETCH(QByteArray, expected);
    QCOMPARE(xml::buildCreateBucketConfiguration(region), expected);
}

void TestS3Xml::parseTimestamp_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected"); // invalid = unparsable
    QTest::newRow("millis Z") << QStringLiteral("2009-10-12T17:50:30.000Z") << utc(2009, 10, 12, 17, 50, 30);
    QTest::newRow("no fraction") << QStringLiteral("2009-10-12T17:50:30Z") << utc(2009, 10, 12, 17, 50, 30);
    QTest::newRow("+00:00") << QStringLiteral("2009-10-12T17:50:30+00:00") << utc(2009, 10, 12, 17, 50, 30);
    QTest::newRow("+02:00") << QStringLiteral("2009-10-12T17:50:30.250+02:00") << utc(2009, 10, 12, 15, 50, 30, 250);
    QTest::newRow("-05:00 across midnight") << QStringLiteral("2009-12-31T22:00:00-05:00") << utc(2010, 1, 1, 3, 0, 0);
    QTest::newRow("micros") << QStringLiteral("2009-10-12T17:50:30.123456Z") << utc(2009, 10, 12, 17, 50, 30, 123);
    QTest::newRow("no zone means UTC") << QStringLiteral("2009-10-12T17:50:30") << utc(2009, 10, 12, 17, 50, 30);
    QTest::newRow("surrounding whitespace") << QStringLiteral("\n  2009-10-12T17:50:30.000Z \n") << utc(2009, 10, 12, 17, 50, 30);
    QTest::newRow("HTTP date") << QStringLiteral("Mon, 12 Oct 2009 17:50:30 GMT") << utc(2009, 10, 12, 17, 50, 30);
    QTest::newRow("empty") << QString() << QDateTime();
    QTest::newRow("garbage") << QStringLiteral("yesterday") << QDateTime();
    QTest::newRow("bad month") << QStringLiteral("2009-13-12T17:50:30Z") << QDateTime();
}

void TestS3Xml::parseTimestamp()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const QDateTime got = xml::parseTimestamp(text);
    QCOMPARE(got.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(got, expected);
        QCOMPARE(got.timeSpec(), Qt::UTC);
    }
}

void TestS3Xml::formatByteSize_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("0") << qint64(0) << QStringLiteral("0 B");
    QTest::newRow("1") << qint64(1) << QStringLiteral("1 B");
    QTest::newRow("999") << qint64(999) << QStringLiteral("999 B");
    QTest::newRow("1023") << qint64(1023) << QStringLiteral("1023 B");
    QTest::newRow("1024") << qint64(1024) << QStringLiteral("1.0 KiB");
    QTest::newRow("1536") << qint64(1536) << QStringLiteral("1.5 KiB");
    QTest::newRow("1.5 MiB") << qint64(1536) * 1024 << QStringLiteral("1.5 MiB");
    QTest::newRow("just below 1 MiB") << qint64(1048575) << QStringLiteral("1.0 MiB");
    QTest::newRow("5 MiB") << qint64(5) * 1024 * 1024 << QStringLiteral("5.0 MiB");
    QTest::newRow("2 GiB") << qint64(2) * 1024 * 1024 * 1024 << QStringLiteral("2.0 GiB");
    QTest::newRow("5 TiB") << qint64(5) * 1024 * 1024 * 1024 * 1024 << QStringLiteral("5.0 TiB");
    QTest::newRow("max") << std::numeric_limits<qint64>::max() << QStringLiteral("8.0 EiB");
    QTest::newRow("negative") << qint64(-1536) << QStringLiteral("-1.5 KiB");
}

void TestS3Xml::formatByteSize()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, expected);
    QCOMPARE(s3::formatByteSize(bytes), expected);
}

QTEST_GUILESS_MAIN(TestS3Xml)
#include "tst_s3xml.moc"
