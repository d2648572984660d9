// SPDX-License-Identifier: Apache-2.0
// describeEncryption(): the Encryption column's words for each combination of HEAD headers.
#include <QTest>

#include "util/format.h"

using namespace Qt::Literals::StringLiterals;

class TestEncryptionText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void describe_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("kmsKeyId");
        QTest::addColumn<QString>("customerAlgorithm");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << QString() << QString() << QString() << u"None"_s;
        QTest::newRow("SSE-S3") << u"AES256"_s << QString() << QString() << u"SSE-S3"_s;
        QTest::newRow("SSE-KMS, default key") << u"aws:kms"_s << QString() << QString() << u"SSE-KMS"_s;
        QTest::newRow("SSE-KMS with key") << u"aws:kms"_s << u"arn:aws:kms:eu-west-1:1:key/abc"_s << QString()
                                          << u"SSE-KMS (arn:aws:kms:eu-west-1:1:key/abc)"_s;
        QTest::newRow("DSSE-KMS") << u"aws:kms:dsse"_s << u"k"_s << QString() << u"SSE-KMS (k)"_s;
        QTest::newRow("SSE-C") << QString() << QString() << u"AES256"_s << u"SSE-C"_s;
        QTest::newRow("SSE-C wins over a scheme header") << u"AES256"_s << QString() << u"AES256"_s << u"SSE-C"_s;
        QTest::newRow("unknown scheme as named") << u"future:scheme"_s << QString() << QString() << u"future:scheme"_s;
    }

    void describe()
    {
        QFETCH(QString, scheme);
        QFETCH(QString, kmsKeyId);
        QFETCH(QString, customerAlgorithm);
        QFETCH(QString, expected);
        QCOMPARE(s3ui::describeEncryption(scheme, kmsKeyId, customerAlgorithm), expected);
    }
};

QTEST_GUILESS_MAIN(TestEncryptionText)
#include "tst_encryptiontext.moc"
