// SPDX-License-Identifier: Apache-2.0
// ObjectListModel against the in-process fake S3: paging, batching, folders first, natural order, filter,
// sort, navigation cancelling a listing, errors; QAbstractItemModelTester watches every change.
#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

#include "fakes3server.h"
#include "livetest.h"
#include "models/bucketlistmodel.h"
#include "models/objectlistmodel.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

QStringList latin1List(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list.append(QString::fromUtf8(item));
    return list;
}

class TestObjectListModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeS3Server> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<s3::S3Client> m_client;

    QStringList names(const ObjectListModel &model) const
    {
        QStringList result;
        for (int row = 0; row < model.rowCount(); ++row)
            result.append(model.nameAt(row) + (model.isFolderAt(row) ? QStringLiteral("/") : QString()));
        return result;
    }

    bool waitListed(const ObjectListModel &model)
    {
        return waitUntil([&] { return !model.isListing(); }, 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<FakeS3Server>();
        QVERIFY(m_server->start());
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_client = fakeServerClient(m_nam.get(), m_server->endpointUrl(), 5000);
    }

    void init() { m_server->clearStore(); m_server->clearFaults(); m_server->clearLog(); }

    void compareNames_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("sign");
        QTest::newRow("digits by value") << QStringLiteral("file2") << QStringLiteral("file10") << -1;
        QTest::newRow("leading zeros") << QStringLiteral("file007") << QStringLiteral("file8") << -1;
        QTest::newRow("case folded") << QStringLiteral("apple") << QStringLiteral("Banana") << -1;
        QTest::newRow("case tie broken") << QStringLiteral("A") << QStringLiteral("a") << -1;
        QTest::newRow("prefix shorter first") << QStringLiteral("abc") << QStringLiteral("abcd") << -1;
        QTest::newRow("equal") << QStringLiteral("same") << QStringLiteral("same") << 0;
        QTest::newRow("unicode folded") << QStringLiteral("Éa") << QStringLiteral("éb") << -1;
        QTest::newRow("digits before letters") << QStringLiteral("1x") << QStringLiteral("ax") << -1;
    }

    void compareNames()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, sign);
        const int forward = ObjectListModel::compareNames(a, b);
        const int backward = ObjectListModel::compareNames(b, a);
        QCOMPARE((forward > 0) - (forward < 0), sign);
        QCOMPARE((backward > 0) - (backward < 0), -sign);
    }

    void listsFoldersFirstInNaturalOrderAcrossPages()
    {
        for (const char *key : {"file10.txt", "file2.txt", "b/x", "a/y", "a/z", "Zebra.png", "dir/", "dir/inner", "file1.txt"})
            m_server->putObject(QStringLiteral("bucket"), QString::fromLatin1(key), "data");
        ObjectListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(2); // five pages
        QSignalSpy counts(&model, &ObjectListModel::loadedCountChanged);
        model.setLocation(m_client.get(), QStringLiteral("bucket"), {});
        QVERIFY(model.isListing());
        QVERIFY(waitListed(model));
        QCOMPARE(names(model), latin1List({"a/", "b/", "dir/", "file1.txt", "file2.txt", "file10.txt", "Zebra.png"}));
        QCOMPARE(model.loadedCount(), 7);
        QVERIFY(counts.size() >= 2);
        QCOMPARE(model.keyAt(0), QStringLiteral("a/"));
        QCOMPARE(model.data(model.index(4, ObjectListModel::SizeColumn)).toString(), QStringLiteral("4 B"));
        QCOMPARE(model.data(model.index(4, 0), ObjectListModel::KeyRole).toString(), QStringLiteral("file2.txt"));
        QVERIFY(m_server->count(QStringLiteral("ListObjectsV2")) >= 4);
        QCOMPARE(m_server->count(QStringLiteral("HeadObject")), 0); // never a HEAD per object
    }

    void listsAPrefixWithoutItsMarker()
    {
        for (const char *key : {"dir/", "dir/a.txt", "dir/sub/", "dir/sub/b", "other"})
            m_server->putObject(QStringLiteral("bucket"), QString::fromLatin1(key), "x");
        ObjectListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLocation(m_client.get(), QStringLiteral("bucket"), QStringLiteral("dir/"));
        QVERIFY(waitListed(model));
        QCOMPARE(names(model), latin1List({"sub/", "a.txt"}));
        QCOMPARE(model.keyAt(0), QStringLiteral("dir/sub/"));
        QCOMPARE(model.keyAt(1), QStringLiteral("dir/a.txt"));
    }

    void sortsAndFiltersWhileKeepingSelection()
    {
        m_server->putObject(QStringLiteral("bucket"), QStringLiteral("big.bin"), QByteArray(300, 'x'));
        m_server->putObject(QStringLiteral("bucket"), QStringLiteral("small.bin"), QByteArray(10, 'x'));
        m_server->putObject(QStringLiteral("bucket"), QStringLiteral("medium.txt"), QByteArray(100, 'x'));
        m_server->putObject(QStringLiteral("bucket"), QStringLiteral("folder/k"), "x");
        ObjectListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLocation(m_client.get(), QStringLiteral("bucket"), {});
        QVERIFY(waitListed(model));
        QPersistentModelIndex medium(model.index(model.rowOfName(QStringLiteral("medium.txt")), 0));
        model.sort(ObjectListModel::SizeColumn, Qt::DescendingOrder);
        QCOMPARE(names(model), latin1List({"folder/", "big.bin", "medium.txt", "small.bin"})); // folders stay first
        QCOMPARE(medium.row(), 2);
        model.sort(ObjectListModel::SizeColumn, Qt::AscendingOrder);
        QCOMPARE(names(model), latin1List({"folder/", "small.bin", "medium.txt", "big.bin"}));
        model.setNameFilter(QStringLiteral("BIN"));
        QCOMPARE(names(model), latin1List({"small.bin", "big.bin"}));
        QVERIFY(!medium.isValid()); // filtered out
        model.setNameFilter({});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.loadedCount(), 4);
    }

    void bigFoldersSortInTheBackgroundAndFiltersDoNotResort()
    {
        const int count = int(ObjectListModel::BackgroundRows) + 5000;
        for (int i = 0; i < count; ++i)
            m_server->putObject(QStringLiteral("bucket"), QStringLiteral("big/k%1").arg(i, 6, 10, QLatin1Char('0')), QByteArray(i % 97, 'x'));
        m_server->putObject(QStringLiteral("bucket"), QStringLiteral("big/sub/x"), "x");
        ObjectListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLocation(m_client.get(), QStringLiteral("bucket"), QStringLiteral("big/"));
        QVERIFY(waitListed(model));
        QCOMPARE(model.rowCount(), count + 1);
        QPersistentModelIndex tracked(model.index(model.rowOfName(QStringLiteral("k000200")), 0)); // size 200 % 97 = 6

        QSignalSpy sorting(&model, &ObjectListModel::recomputingChanged);
        model.sort(ObjectListModel::SizeColumn, Qt::DescendingOrder);
        QVERIFY(model.isRecomputing()); // the GUI thread did not sort: a pool thread does
        QCOMPARE(model.nameAt(0), QStringLiteral("sub")); // the old order stays meanwhile
        QVERIFY(waitUntil([&] { return !model.isRecomputing(); }, 20000));
        QCOMPARE(sorting.size(), 2);
        QCOMPARE(model.nameAt(0), QStringLiteral("sub")); // folders first
        for (int row = 2; row < model.rowCount(); ++row)
            QVERIFY2(model.sizeAt(row - 1) >= model.sizeAt(row), qPrintable(QString::number(row)));
        QVERIFY(tracked.isValid());
        QCOMPARE(model.nameAt(tracked.row()), QStringLiteral("k000200"));

        // Typing narrows; clearing restores the sorted rows without sorting again.
        const std::vector<QString> before = [&] {
            std::vector<QString> names;
            for (int row = 0; row < model.rowCount(); ++row)
                names.push_back(model.nameAt(row));
            return names;
        }();
        const auto filter = [&](const QString &text) {
            model.setNameFilter(text);
            return waitUntil([&] { return !model.isRecomputing(); }, 20000);
        };
        model.setNameFilter(QStringLiteral("k0002"));
        QVERIFY(model.isRecomputing()); // 55,001 names are not read on the GUI thread
        QCOMPARE(model.rowCount(), count + 1); // the old rows stay until the result is in
        QVERIFY(waitUntil([&] { return !model.isRecomputing(); }, 20000));
        QCOMPARE(model.rowCount(), 100);
        QVERIFY(filter(QStringLiteral("k00020")));
        QCOMPARE(model.rowCount(), 10);
        QVERIFY(tracked.isValid());
        QVERIFY(filter(QStringLiteral("k0003")));
        QCOMPARE(model.rowCount(), 100);
        QVERIFY(!tracked.isValid());
        model.setNameFilter({}); // the rows set aside come back at once
        QCOMPARE(model.rowCount(), count + 1);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.nameAt(row), before[size_t(row)]);
        QVERIFY(!model.isRecomputing());
    }

    void pagesArrivingWhileSortedBySizeStaySorted()
    {
        for (int i = 0; i < 60; ++i)
            m_server->putObject(QStringLiteral("bucket"), QStringLiteral("k%1").arg(i, 3, 10, QLatin1Char('0')), QByteArray((i * 37) % 101, 'x'));
        ObjectListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.sort(ObjectListModel::SizeColumn, Qt::AscendingOrder);
        model.setPageSize(7);
        model.setLocation(m_client.get(), QStringLiteral("bucket"), {});
        QVERIFY(waitListed(model));
        QCOMPARE(model.rowCount(), 60);
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY2(model.sizeAt(row - 1) <= model.sizeAt(row), qPrintable(QString::number(row)));
    }

    void navigatingAwayCancelsTheListing()
    {
        for (int i = 0; i < 50; ++i)
            m_server->putObject(QStringLiteral("bucket"), QStringLiteral("old/%1").arg(i), "x");
        m_server->putObject(QStringLiteral("bucket"), QStringLiteral("new/only"), "x");
        // Slow pages: the old listing is still running when the user leaves.
        for (int i = 0; i < 10; ++i) {
            FakeS3Fault slow;
            slow.operation = QStringLiteral("ListObjectsV2");
            slow.delayMs = 300;
            m_server->addFault(slow);
        }
        ObjectListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(5);
        model.setLocation(m_client.get(), QStringLiteral("bucket"), QStringLiteral("old/"));
        QVERIFY(model.isListing());
        model.setLocation(m_client.get(), QStringLiteral("bucket"), QStringLiteral("new/"));
        QVERIFY(waitListed(model));
        QTest::qWait(500); // anything of the old listing that still arrives must be dropped
        QCOMPARE(names(model), QStringList{QStringLiteral("only")});
        QCOMPARE(model.prefix(), QStringLiteral("new/"));
    }

    void listingErrorKeepsWhatArrived()
    {
        ObjectListModel model;
        QSignalSpy failed(&model, &ObjectListModel::listingFailed);
        model.setLocation(m_client.get(), QStringLiteral("missing-bucket"), {});
        QVERIFY(waitListed(model));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(model.lastError().code(), QStringLiteral("NoSuchBucket"));
        QCOMPARE(model.rowCount(), 0);
    }

    void dragCarriesBucketAndKeys()
    {
        m_server->putObject(QStringLiteral("bucket"), QStringLiteral("d/a"), "x");
        m_server->putObject(QStringLiteral("bucket"), QStringLiteral("b.txt"), "x");
        ObjectListModel model;
        model.setLocation(m_client.get(), QStringLiteral("bucket"), {});
        QVERIFY(waitListed(model));
        std::unique_ptr<QMimeData> mime(model.mimeData({model.index(0, 0), model.index(1, 0), model.index(1, 1)}));
        QVERIFY(mime);
        const ObjectListModel::DraggedObjects objects = ObjectListModel::decodeObjects(mime->data(ObjectListModel::objectsMimeType()));
        QCOMPARE(objects.bucket, QStringLiteral("bucket"));
        QCOMPARE(objects.keys, (QStringList{QStringLiteral("d/"), QStringLiteral("b.txt")}));
        QCOMPARE(mime->text(), QStringLiteral("s3://bucket/d/\ns3://bucket/b.txt"));
        QVERIFY(model.flags(model.index(0, 0)) & Qt::ItemIsDropEnabled);  // folder row
        QVERIFY(!(model.flags(model.index(1, 0)) & Qt::ItemIsDropEnabled)); // file row
    }

    void draggedKeysRoundTrip_data()
    {
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("plain") << QStringList{u"a.txt"_s, u"dir/"_s};
        QTest::newRow("newline") << QStringList{u"line\nbreak.txt"_s, u"x"_s};
        QTest::newRow("only newlines") << QStringList{u"\n"_s, u"\n\n/"_s};
        QTest::newRow("cr, tab, quote, backslash") << QStringList{u"a\r\tb\"c\\d"_s};
        QTest::newRow("unicode") << QStringList{u"caf\u00e9/\u65e5\u672c.txt"_s};
    }

    void draggedKeysRoundTrip()
    {
        QFETCH(QStringList, keys);
        const QByteArray data = ObjectListModel::encodeObjects({u"bucket"_s, keys});
        const ObjectListModel::DraggedObjects decoded = ObjectListModel::decodeObjects(data);
        QCOMPARE(decoded.bucket, u"bucket"_s);
        QCOMPARE(decoded.keys, keys);
    }

    void draggedKeysRejectGarbage()
    {
        QVERIFY(ObjectListModel::decodeObjects("bucket\nkey").keys.isEmpty()); // the old line format
        QVERIFY(ObjectListModel::decodeObjects(R"({"bucket":"b","keys":[1]})").keys.isEmpty());
        QVERIFY(ObjectListModel::decodeObjects(R"({"keys":["k"]})").keys.isEmpty());
    }

    void bucketListShowsPinnedBucketWhenListingIsDenied()
    {
        m_server->createBucket(QStringLiteral("alpha"));
        m_server->createBucket(QStringLiteral("beta"));
        BucketListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&model, &BucketListModel::refreshed);
        model.setClient(m_client.get());
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.bucketAt(1), QStringLiteral("beta"));

        FakeS3Fault denied;
        denied.operation = QStringLiteral("ListBuckets");
        denied.status = 403;
        denied.code = QStringLiteral("AccessDenied");
        m_server->addFault(denied);
        QSignalSpy failed(&model, &BucketListModel::refreshFailed);
        model.setClient(m_client.get(), QStringLiteral("scoped"));
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.bucketAt(0), QStringLiteral("scoped"));
        QCOMPARE(failed.size(), 0); // expected for a bucket-scoped key: not an error to show
    }
};

QTEST_MAIN(TestObjectListModel)
#include "tst_objectlistmodel.moc"
