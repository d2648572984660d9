// SPDX-License-Identifier: Apache-2.0
// parseS3Location: what the location bar (Ctrl+L) accepts and what it refuses, with the reason.
// parseS3Url: the s3:// links the app opens (command line, the desktop's x-scheme-handler/s3).
#include <QTest>

#include "browser/s3location.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestS3Location : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("bucket");
        QTest::addColumn<QString>("prefix");
        QTest::newRow("uri") << u"s3://logs/2024/01/"_s << u"logs"_s << u"2024/01/"_s;
        QTest::newRow("uri, folder without slash") << u"s3://logs/2024"_s << u"logs"_s << u"2024/"_s;
        QTest::newRow("upper-case scheme") << u"S3://logs/"_s << u"logs"_s << QString();
        QTest::newRow("bucket only") << u"s3://logs"_s << u"logs"_s << QString();
        QTest::newRow("no scheme") << u"logs/app/"_s << u"logs"_s << u"app/"_s;
        QTest::newRow("leading slash") << u"/logs/app"_s << u"logs"_s << u"app/"_s;
        QTest::newRow("spaces around") << u"  s3://logs/a b/  "_s << u"logs"_s << u"a b/"_s;
        QTest::newRow("bucket list") << u"s3://"_s << QString() << QString();
        QTest::newRow("empty") << QString() << QString() << QString();
        QTest::newRow("legacy bucket name") << u"s3://My_Bucket.1/x/"_s << u"My_Bucket.1"_s << u"x/"_s;
        QTest::newRow("unicode key") << u"s3://b/фото/日本/"_s << u"b"_s << u"фото/日本/"_s;
        QTest::newRow("double slash kept in key") << u"s3://b/a//c"_s << u"b"_s << u"a//c/"_s;
    }

    void parses()
    {
        QFETCH(QString, text);
        QFETCH(QString, bucket);
        QFETCH(QString, prefix);
        const s3::Result<S3Location> parsed = parseS3Location(text);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message()));
        QCOMPARE(parsed->bucket, bucket);
        QCOMPARE(parsed->prefix, prefix);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("web address") << u"https://s3.amazonaws.com/b/"_s << u"not a web address"_s;
        QTest::newRow("other scheme") << u"gs://b/"_s << u"S3 location"_s;
        QTest::newRow("space in bucket") << u"s3://my bucket/"_s << u"is not a bucket name"_s;
        QTest::newRow("control character") << u"s3://b/a\nb"_s << u"control characters"_s;
        QTest::newRow("long key") << u"s3://b/"_s + QString(1100, u'k') << u"1,024 bytes"_s;
        QTest::newRow("long bucket") << u"s3://"_s + QString(300, u'b') << u"63 characters"_s;
    }

    void refuses()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        const s3::Result<S3Location> parsed = parseS3Location(text);
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().message().contains(reason), qPrintable(parsed.error().message()));
    }

    void urlOpens_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("bucket");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("name");
        QTest::newRow("bucket") << u"s3://logs"_s << u"logs"_s << QString() << QString();
        QTest::newRow("bucket with slash") << u"s3://logs/"_s << u"logs"_s << QString() << QString();
        QTest::newRow("folder") << u"s3://logs/2024/01/"_s << u"logs"_s << u"2024/01/"_s << QString();
        QTest::newRow("object in folder") << u"s3://logs/2024/01/app.log"_s << u"logs"_s << u"2024/01/"_s << u"app.log"_s;
        QTest::newRow("object at the top") << u"s3://logs/readme.txt"_s << u"logs"_s << QString() << u"readme.txt"_s;
        QTest::newRow("upper-case scheme") << u"S3://logs/a/"_s << u"logs"_s << u"a/"_s << QString();
        QTest::newRow("spaces around") << u"  s3://logs/a/  "_s << u"logs"_s << u"a/"_s << QString();
        QTest::newRow("percent-encoded space") << u"s3://logs/my%20folder/a%20b.txt"_s << u"logs"_s << u"my folder/"_s << u"a b.txt"_s;
        QTest::newRow("raw space") << u"s3://logs/my folder/a b.txt"_s << u"logs"_s << u"my folder/"_s << u"a b.txt"_s;
        QTest::newRow("percent-encoded UTF-8") << u"s3://b-1/%D1%84%D0%BE%D1%82%D0%BE/"_s << u"b-1"_s << u"фото/"_s << QString();
        QTest::newRow("raw unicode") << u"s3://b-1/日本/写真.jpg"_s << u"b-1"_s << u"日本/"_s << u"写真.jpg"_s;
        QTest::newRow("escaped percent") << u"s3://b-1/100%25.txt"_s << u"b-1"_s << QString() << u"100%.txt"_s;
        QTest::newRow("plus stays plus") << u"s3://b-1/a+b/c+d"_s << u"b-1"_s << u"a+b/"_s << u"c+d"_s;
        QTest::newRow("encoded slash is a slash") << u"s3://b-1/a%2Fb"_s << u"b-1"_s << u"a/"_s << u"b"_s;
        QTest::newRow("question mark is part of the key") << u"s3://b-1/what?.txt"_s << u"b-1"_s << QString() << u"what?.txt"_s;
        QTest::newRow("legacy bucket name") << u"s3://My_Bucket.1/x"_s << u"My_Bucket.1"_s << QString() << u"x"_s;
        QTest::newRow("double slash kept") << u"s3://b-1/a//c"_s << u"b-1"_s << u"a//"_s << u"c"_s;
    }

    void urlOpens()
    {
        QFETCH(QString, url);
        QFETCH(QString, bucket);
        QFETCH(QString, prefix);
        QFETCH(QString, name);
        const s3::Result<S3UrlTarget> parsed = parseS3Url(url);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message()));
        QCOMPARE(parsed->bucket, bucket);
        QCOMPARE(parsed->prefix, prefix);
        QCOMPARE(parsed->name, name);
    }

    void urlRefused_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QString() << u"is not an s3:// link"_s;
        QTest::newRow("no scheme") << u"logs/a/"_s << u"is not an s3:// link"_s;
        QTest::newRow("web address") << u"https://s3.amazonaws.com/b/"_s << u"is not an s3:// link"_s;
        QTest::newRow("file url") << u"file:///tmp/x"_s << u"is not an s3:// link"_s;
        QTest::newRow("scheme only") << u"s3://"_s << u"names no bucket"_s;
        QTest::newRow("empty bucket") << u"s3:///folder/"_s << u"names no bucket"_s;
        QTest::newRow("short bucket") << u"s3://ab/"_s << u"is not a bucket name"_s;
        QTest::newRow("long bucket") << u"s3://"_s + QString(64, u'b') << u"is not a bucket name"_s;
        QTest::newRow("space in bucket") << u"s3://my bucket/"_s << u"is not a bucket name"_s;
        QTest::newRow("encoded space in bucket") << u"s3://my%20bucket/"_s << u"is not a bucket name"_s;
        QTest::newRow("bucket starts with dot") << u"s3://.logs/"_s << u"is not a bucket name"_s;
        QTest::newRow("bucket ends with dash") << u"s3://logs-/"_s << u"is not a bucket name"_s;
        QTest::newRow("user info") << u"s3://user@logs/"_s << u"is not a bucket name"_s;
        QTest::newRow("port") << u"s3://logs:9000/"_s << u"is not a bucket name"_s;
        QTest::newRow("bare percent") << u"s3://logs/100%.txt"_s << u"percent-encoded"_s;
        QTest::newRow("short escape") << u"s3://logs/a%2"_s << u"percent-encoded"_s;
        QTest::newRow("not hex") << u"s3://logs/a%zz"_s << u"percent-encoded"_s;
        QTest::newRow("not UTF-8") << u"s3://logs/%ff%fe"_s << u"percent-encoded"_s;
        QTest::newRow("encoded newline") << u"s3://logs/a%0Ab"_s << u"control characters"_s;
        QTest::newRow("raw newline") << u"s3://logs/a\nb"_s << u"control characters"_s;
        QTest::newRow("long key") << u"s3://logs/"_s + QString(1100, u'k') << u"1,024 bytes"_s;
    }

    void urlRefused()
    {
        QFETCH(QString, url);
        QFETCH(QString, reason);
        const s3::Result<S3UrlTarget> parsed = parseS3Url(url);
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().message().contains(reason), qPrintable(parsed.error().message()));
    }
};

QTEST_GUILESS_MAIN(TestS3Location)
#include "tst_s3location.moc"
