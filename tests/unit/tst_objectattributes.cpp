// SPDX-License-Identifier: Apache-2.0
// What an upload's attributes may hold before anything is sent (validateObjectAttributes), and the headers they
// become (applyObjectAttributes), and the rules of object tags (validateTags).
#include <QtTest>

#include "s3core/net/s3request.h"
#include "s3core/ops/objectjobs.h"

using namespace Qt::Literals::StringLiterals;
using namespace s3;

Q_DECLARE_METATYPE(s3::ObjectAttributes)
Q_DECLARE_METATYPE(QList<s3::ObjectTag>)

class TestObjectAttributes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validate_data();
    void validate();
    void validateTags_data();
    void validateTags();
    void headers();
};

void TestObjectAttributes::validate_data()
{
    QTest::addColumn<ObjectAttributes>("attributes");
    QTest::addColumn<QString>("problem"); // empty: valid

    QTest::newRow("nothing") << ObjectAttributes{} << QString();
    ObjectAttributes a;
    for (int i = 0; i < 10; ++i)
        a.tags.append({u"k%1"_s.arg(i), QString(256, u'v')});
    a.tags.first().key = QString(128, u'k');
    QTest::newRow("ten tags at the length limits") << a << QString();
    a.tags.append({u"eleventh"_s, {}});
    QTest::newRow("eleven tags") << a << u"11 tags given; S3 allows at most 10"_s;

    a = {};
    a.tags = {{QString(), u"v"_s}};
    QTest::newRow("empty tag key") << a << u"must have 1 to 128 characters"_s;
    a.tags = {{QString(129, u'k'), u"v"_s}};
    QTest::newRow("long tag key") << a << u"must have 1 to 128 characters"_s;
    a.tags = {{u"k"_s, QString(257, u'v')}};
    QTest::newRow("long tag value") << a << u"has 257 characters; S3 allows at most 256"_s;
    a.tags = {{u"k"_s, u"1"_s}, {u"j"_s, u"2"_s}, {u"k"_s, u"3"_s}};
    QTest::newRow("tag twice") << a << u"the tag \"k\" is given twice"_s;

    a = {};
    a.serverSideEncryption = u"AES256"_s;
    QTest::newRow("SSE-S3") << a << QString();
    a.serverSideEncryption = u"aws:kms"_s;
    a.sseKmsKeyId = u"testkey-1"_s;
    QTest::newRow("SSE-KMS with a key") << a << QString();
    a.serverSideEncryption = u"aes256"_s;
    QTest::newRow("lower-case AES") << a << u"is not AES256 or aws:kms"_s;
    a.serverSideEncryption = u"AES256"_s;
    QTest::newRow("KMS key without KMS") << a << u"needs the encryption aws:kms"_s;

    a = {};
    a.cannedAcl = u"bucket-owner-full-control"_s;
    QTest::newRow("canned ACL") << a << QString();
    a.cannedAcl = u"public"_s;
    QTest::newRow("unknown canned ACL") << a << u"\"public\" is not a canned ACL"_s;
}

void TestObjectAttributes::validate()
{
    QFETCH(ObjectAttributes, attributes);
    QFETCH(QString, problem);
    const Result<Ok> valid = validateObjectAttributes(attributes);
    if (problem.isEmpty()) {
        QVERIFY2(valid.ok(), qPrintable(valid ? QString() : valid.error().message()));
        return;
    }
    QVERIFY(!valid.ok());
    QCOMPARE(valid.error().kind(), S3Error::Kind::Invalid);
    QVERIFY2(valid.error().message().contains(problem), qPrintable(valid.error().message()));
}

void TestObjectAttributes::validateTags_data()
{
    QTest::addColumn<QList<ObjectTag>>("tags");
    QTest::addColumn<QString>("problem"); // empty: valid

    QTest::newRow("none") << QList<ObjectTag>{} << QString();
    QTest::newRow("every allowed sign") << QList<ObjectTag>{{u"a-b_c.d:e/f=g+h@i j"_s, u"+-=._:/@ 0"_s}} << QString();
    QTest::newRow("empty value") << QList<ObjectTag>{{u"done"_s, QString()}} << QString();
    QTest::newRow("letters of any script") << QList<ObjectTag>{{u"Größe"_s, u"東京 ١٢٣"_s}} << QString();
    // 128 characters outside the BMP are 256 UTF-16 units: S3 counts characters.
    QString emoji;
    for (int i = 0; i < 128; ++i)
        emoji += u"\U00010400"_s; // DESERET CAPITAL LONG I, a letter
    QTest::newRow("128 supplementary letters") << QList<ObjectTag>{{emoji, u"v"_s}} << QString();
    QTest::newRow("129 supplementary letters") << QList<ObjectTag>{{emoji + u"\U00010400"_s, u"v"_s}}
                                               << u"must have 1 to 128 characters"_s;
    QTest::newRow("value of 256") << QList<ObjectTag>{{u"k"_s, QString(256, u'v')}} << QString();
    QTest::newRow("value of 257") << QList<ObjectTag>{{u"k"_s, QString(257, u'v')}} << u"has 257 characters"_s;
    QTest::newRow("empty key") << QList<ObjectTag>{{QString(), u"v"_s}} << u"must have 1 to 128 characters"_s;
    QTest::newRow("aws: key") << QList<ObjectTag>{{u"aws:createdBy"_s, u"me"_s}} << u"starts with \"aws:\""_s;
    QTest::newRow("AWS: key, other case") << QList<ObjectTag>{{u"AWS:x"_s, u"me"_s}} << u"starts with \"aws:\""_s;
    QTest::newRow("aws in a value is fine") << QList<ObjectTag>{{u"by"_s, u"aws:lambda"_s}} << QString();
    QTest::newRow("comma in a key") << QList<ObjectTag>{{u"a,b"_s, u"v"_s}} << u"the tag key \"a,b\" contains \",\""_s;
    QTest::newRow("ampersand in a value") << QList<ObjectTag>{{u"k"_s, u"x&y"_s}} << u"the value of tag \"k\" contains \"&\""_s;
    QTest::newRow("tab in a value") << QList<ObjectTag>{{u"k"_s, u"x\ty"_s}} << u"contains U+0009"_s;
    QTest::newRow("emoji is not a letter") << QList<ObjectTag>{{u"k"_s, u"\U0001F600"_s}} << u"contains"_s;
    QTest::newRow("keys are case-sensitive") << QList<ObjectTag>{{u"Env"_s, u"1"_s}, {u"env"_s, u"2"_s}} << QString();
    QTest::newRow("same key twice") << QList<ObjectTag>{{u"env"_s, u"1"_s}, {u"env"_s, u"2"_s}}
                                    << u"the tag \"env\" is given twice"_s;
    QList<ObjectTag> eleven;
    for (int i = 0; i < 11; ++i)
        eleven.append({u"k%1"_s.arg(i), {}});
    QTest::newRow("ten") << eleven.mid(0, 10) << QString();
    QTest::newRow("eleven") << eleven << u"11 tags given; S3 allows at most 10"_s;
}

void TestObjectAttributes::validateTags()
{
    QFETCH(QList<ObjectTag>, tags);
    QFETCH(QString, problem);
    const Result<Ok> valid = s3::validateTags(tags);
    if (problem.isEmpty()) {
        QVERIFY2(valid.ok(), qPrintable(valid ? QString() : valid.error().message()));
        return;
    }
    QVERIFY(!valid.ok());
    QCOMPARE(valid.error().kind(), S3Error::Kind::Invalid);
    QVERIFY2(valid.error().message().contains(problem), qPrintable(valid.error().message()));
    // What goes through validateObjectAttributes is checked the same way (uploads, CLI put --tag).
    ObjectAttributes attributes;
    attributes.tags = tags;
    QVERIFY(!validateObjectAttributes(attributes).ok());
}

void TestObjectAttributes::headers()
{
    ObjectAttributes a;
    a.cannedAcl = u"public-read"_s;
    a.serverSideEncryption = u"aws:kms"_s;
    a.sseKmsKeyId = u"testkey-2"_s;
    a.tags = {{u"project"_s, u"apollo 11"_s}};
    a.storageClass = u"STANDARD_IA"_s;
    S3Request request;
    applyObjectAttributes(request, a);
    QCOMPARE(request.header("x-amz-acl"), QByteArray("public-read"));
    QCOMPARE(request.header("x-amz-server-side-encryption"), QByteArray("aws:kms"));
    QCOMPARE(request.header("x-amz-server-side-encryption-aws-kms-key-id"), QByteArray("testkey-2"));
    QCOMPARE(request.header("x-amz-tagging"), QByteArray("project=apollo%2011"));
    QCOMPARE(request.header("x-amz-storage-class"), QByteArray("STANDARD_IA"));
    S3Request plain;
    applyObjectAttributes(plain, {});
    QVERIFY(plain.header("x-amz-acl").isEmpty());
}

QTEST_GUILESS_MAIN(TestObjectAttributes)
#include "tst_objectattributes.moc"
