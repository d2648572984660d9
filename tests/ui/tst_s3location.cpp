// SPDX-License-Identifier: Apache-2.0
// parseS3Location: what the location bar (Ctrl+L) accepts and what it refuses, with the reason.
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
};

QTEST_GUILESS_MAIN(TestS3Location)
#include "tst_s3location.moc"
