// SPDX-License-Identifier: Apache-2.0
// The pure address helpers of s3desk-cli (cli/s3uri.cpp is compiled into this test).
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "s3uri.h"

using namespace s3cli;

class TestS3Uri : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isS3Uri_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("expected");
        QTest::newRow("bucket") << QStringLiteral("s3://bucket") << true;
        QTest::newRow("key") << QStringLiteral("s3://bucket/key") << true;
        QTest::newRow("upper-case scheme") << QStringLiteral("S3://bucket/key") << true;
        QTest::newRow("scheme only") << QStringLiteral("s3://") << true; // an S3 address, but parseS3Uri refuses it
        QTest::newRow("http") << QStringLiteral("http://x") << false;
        QTest::newRow("one slash") << QStringLiteral("s3:/bucket") << false;
        QTest::newRow("local path") << QStringLiteral("/tmp/s3://x") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("dash") << QStringLiteral("-") << false;
    }

    void isS3Uri()
    {
        QFETCH(QString, text);
        QFETCH(bool, expected);
        QCOMPARE(s3cli::isS3Uri(text), expected);
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("bucket");
        QTest::addColumn<QString>("key");
        QTest::newRow("bucket only") << QStringLiteral("s3://bucket") << QStringLiteral("bucket") << QString();
        QTest::newRow("bucket slash") << QStringLiteral("s3://bucket/") << QStringLiteral("bucket") << QString();
        QTest::newRow("simple key") << QStringLiteral("s3://bucket/key.txt") << QStringLiteral("bucket") << QStringLiteral("key.txt");
        QTest::newRow("nested key") << QStringLiteral("s3://b/a/b/c.bin") << QStringLiteral("b") << QStringLiteral("a/b/c.bin");
        QTest::newRow("folder") << QStringLiteral("s3://b/dir/") << QStringLiteral("b") << QStringLiteral("dir/");
        QTest::newRow("leading slash kept") << QStringLiteral("s3://b//x") << QStringLiteral("b") << QStringLiteral("/x");
        QTest::newRow("double slash kept") << QStringLiteral("s3://b/a//b") << QStringLiteral("b") << QStringLiteral("a//b");
        QTest::newRow("not percent-decoded") << QStringLiteral("s3://b/a%20b+c") << QStringLiteral("b") << QStringLiteral("a%20b+c");
        QTest::newRow("space plus unicode") << QStringLiteral("s3://b/dir/\u00fc a+b \u65e5\u672c.txt") << QStringLiteral("b")
                                            << QStringLiteral("dir/\u00fc a+b \u65e5\u672c.txt");
        QTest::newRow("query-like characters") << QStringLiteral("s3://b/k?x=1#frag") << QStringLiteral("b") << QStringLiteral("k?x=1#frag");
        QTest::newRow("dots") << QStringLiteral("s3://b/a/../b") << QStringLiteral("b") << QStringLiteral("a/../b");
        QTest::newRow("upper-case scheme") << QStringLiteral("S3://Bucket/Key") << QStringLiteral("Bucket") << QStringLiteral("Key");
        QTest::newRow("dotted bucket") << QStringLiteral("s3://my.bucket-1/k") << QStringLiteral("my.bucket-1") << QStringLiteral("k");
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QString, bucket);
        QFETCH(QString, key);
        const s3::Result<S3Uri> uri = parseS3Uri(text);
        QVERIFY2(uri, qPrintable(uri ? QString() : uri.error().toString()));
        QCOMPARE(uri->bucket, bucket);
        QCOMPARE(uri->key, key);
    }

    void parseRejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("http") << QStringLiteral("http://x");
        QTest::newRow("https") << QStringLiteral("https://bucket.s3.amazonaws.com/key");
        QTest::newRow("scheme only") << QStringLiteral("s3://");
        QTest::newRow("no bucket") << QStringLiteral("s3:///key");
        QTest::newRow("empty") << QString();
        QTest::newRow("plain word") << QStringLiteral("bucket/key");
        QTest::newRow("one slash") << QStringLiteral("s3:/bucket/key");
    }

    void parseRejects()
    {
        QFETCH(QString, text);
        const s3::Result<S3Uri> uri = parseS3Uri(text);
        QVERIFY(!uri);
        QVERIFY(!uri.error().message().isEmpty());
        // The message names what the user typed (so a script's log shows which argument was wrong).
        if (!text.isEmpty())
            QVERIFY2(uri.error().message().contains(text), qPrintable(uri.error().message()));
    }

    void localTargetPlainFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // Not a folder (does not exist yet, or is a file): used as given, whatever the key.
        const QString newFile = dir.filePath(QStringLiteral("out.bin"));
        auto target = localTargetForKey(newFile, QStringLiteral("a/b/c.txt"));
        QVERIFY(target);
        QCOMPARE(*target, newFile);

        QFile existing(dir.filePath(QStringLiteral("exists.txt")));
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.close();
        target = localTargetForKey(existing.fileName(), QStringLiteral("dir/"));
        QVERIFY(target);
        QCOMPARE(*target, existing.fileName());

        // A relative name that is not a folder stays relative.
        target = localTargetForKey(QStringLiteral("relative-name-that-does-not-exist.txt"), QStringLiteral("x/y"));
        QVERIFY(target);
        QCOMPARE(*target, QStringLiteral("relative-name-that-does-not-exist.txt"));
    }

    void localTargetFolder_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("name");
        QTest::newRow("flat") << QStringLiteral("file.txt") << QStringLiteral("file.txt");
        QTest::newRow("nested") << QStringLiteral("a/b/c.bin") << QStringLiteral("c.bin");
        QTest::newRow("unicode and space") << QStringLiteral("dir/\u00fc a+b.txt") << QStringLiteral("\u00fc a+b.txt");
        QTest::newRow("dots inside name") << QStringLiteral("x/..hidden") << QStringLiteral("..hidden");
        QTest::newRow("leading slash") << QStringLiteral("/abs.txt") << QStringLiteral("abs.txt");
    }

    void localTargetFolder()
    {
        QFETCH(QString, key);
        QFETCH(QString, name);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // An existing folder, with and without trailing slash.
        auto target = localTargetForKey(dir.path(), key);
        QVERIFY2(target, qPrintable(target ? QString() : target.error().toString()));
        QCOMPARE(QDir::cleanPath(*target), QDir::cleanPath(dir.filePath(name)));
        target = localTargetForKey(dir.path() + QLatin1Char('/'), key);
        QVERIFY(target);
        QCOMPARE(QDir::cleanPath(*target), QDir::cleanPath(dir.filePath(name)));
        // A path ending in '/' counts as a folder even before it exists.
        const QString notYet = dir.filePath(QStringLiteral("sub")) + QLatin1Char('/');
        target = localTargetForKey(notYet, key);
        QVERIFY(target);
        QCOMPARE(QDir::cleanPath(*target), QDir::cleanPath(dir.filePath(QStringLiteral("sub/") + name)));
        // The result always stays inside the folder.
        QVERIFY(QDir::cleanPath(*target).startsWith(QDir::cleanPath(dir.path()) + QLatin1Char('/')));
    }

    void localTargetRefusesEscapes_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("folder key") << QStringLiteral("dir/");
        QTest::newRow("empty key") << QString();
        QTest::newRow("dot") << QStringLiteral(".");
        QTest::newRow("dotdot") << QStringLiteral("..");
        QTest::newRow("ends in dotdot") << QStringLiteral("a/b/..");
        QTest::newRow("ends in dot") << QStringLiteral("a/.");
        QTest::newRow("backslash") << QStringLiteral("a/..\\..\\evil");
    }

    void localTargetRefusesEscapes()
    {
        QFETCH(QString, key);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto target = localTargetForKey(dir.path(), key);
        QVERIFY2(!target, qPrintable(target ? *target : QString()));
        QVERIFY(target.error().message().contains(QStringLiteral("file name")));
    }
};

QTEST_GUILESS_MAIN(TestS3Uri)
#include "tst_s3uri.moc"
