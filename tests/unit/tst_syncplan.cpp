// SPDX-License-Identifier: Apache-2.0
// The sync planner (a merge of two key-ordered streams) and the local walker that feeds it in the same order.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "s3core/transfer/localtreewalker.h"
#include "s3core/transfer/syncplan.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(s3::SyncEntry)
Q_DECLARE_METATYPE(s3::SyncDirection)

namespace {
const QDateTime Base = QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC);
const QString Md5Of5 = u"0123456789abcdef0123456789abcdef"_s; // what the fake hash gives every local file

SyncEntry local(const QString &key, qint64 size, int minute = 0)
{
    return {key, size, Base.addSecs(minute * 60), QString(), u"/local/"_s + key};
}

SyncEntry object(const QString &key, qint64 size, int minute = 0, const QString &etag = u"\"abc-2\""_s)
{
    return {key, size, Base.addSecs(minute * 60), etag, QString()};
}

QStringList describe(const QList<SyncStep> &steps)
{
    QStringList lines;
    for (const SyncStep &step : steps)
        lines.append(u"%1 %2 %3 %4"_s.arg(syncActionName(step.action), step.key, syncReasonName(step.reason), syncComparisonName(step.compared)));
    return lines;
}
} // namespace

class TestSyncPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyOrder_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("order");
        QTest::newRow("equal") << u"a/b"_s << u"a/b"_s << 0;
        QTest::newRow("dash before slash") << u"a-b"_s << u"a/b"_s << -1;
        QTest::newRow("space before dash") << u"a b"_s << u"a-b"_s << -1;
        QTest::newRow("slash before digit") << u"a/b"_s << u"a0"_s << -1;
        QTest::newRow("prefix first") << u"a"_s << u"a/b"_s << -1;
        QTest::newRow("empty first") << QString() << u"a"_s << -1;
        QTest::newRow("latin-1 after ascii") << u"z"_s << u"\u00e9"_s << -1;
        // UTF-16 would put the surrogate pair (0xD83D...) before U+FF21; UTF-8 bytes put it after.
        QTest::newRow("bmp before astral") << u"\uFF21"_s << u"\U0001F600"_s << -1;
        QTest::newRow("astral after bmp") << u"\U0001F600"_s << u"\uFF21"_s << 1;
    }

    void keyOrder()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, order);
        const int got = compareSyncKeys(a, b);
        QCOMPARE(got < 0 ? -1 : got > 0 ? 1 : 0, order);
        QCOMPARE(got < 0, order < 0);
        const QByteArray ua = a.toUtf8();
        const QByteArray ub = b.toUtf8();
        QCOMPARE(got < 0, std::lexicographical_compare(ua.cbegin(), ua.cend(), ub.cbegin(), ub.cend(),
                                                       [](char x, char y) { return uchar(x) < uchar(y); }));
    }

    void glob_data()
    {
        QTest::addColumn<QStringList>("rules"); // "+glob" include, "-glob" exclude, in order
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("excluded");
        QTest::newRow("no rules") << QStringList() << u"a.tmp"_s << false;
        QTest::newRow("star crosses slash") << QStringList{u"-*.tmp"_s} << u"d/e/a.tmp"_s << true;
        QTest::newRow("anchored") << QStringList{u"-*.tmp"_s} << u"a.tmp.txt"_s << false;
        QTest::newRow("later include wins") << QStringList{u"-*"_s, u"+*.jpg"_s} << u"p/x.jpg"_s << false;
        QTest::newRow("later exclude wins") << QStringList{u"+*.jpg"_s, u"-p/*"_s} << u"p/x.jpg"_s << true;
        QTest::newRow("question mark") << QStringList{u"-a?c"_s} << u"a/c"_s << true;
        QTest::newRow("class") << QStringList{u"-[ab].txt"_s} << u"b.txt"_s << true;
        QTest::newRow("negated class") << QStringList{u"-[!ab].txt"_s} << u"b.txt"_s << false;
        QTest::newRow("regex characters literal") << QStringList{u"-a+(b).txt"_s} << u"a+(b).txt"_s << true;
        QTest::newRow("dot literal") << QStringList{u"-a.txt"_s} << u"abtxt"_s << false;
    }

    void glob()
    {
        QFETCH(QStringList, rules);
        QFETCH(QString, key);
        QFETCH(bool, excluded);
        SyncFilter filter;
        for (const QString &rule : rules)
            QVERIFY(filter.addRule(rule.startsWith(u'+'), rule.mid(1)));
        QCOMPARE(filter.excludes(key), excluded);
    }

    void malformedGlob()
    {
        SyncFilter filter;
        QVERIFY(!filter.addRule(false, u"a[bc"_s));
        QVERIFY(filter.isEmpty());
    }

    void plan_data()
    {
        QTest::addColumn<SyncDirection>("direction");
        QTest::addColumn<QList<SyncEntry>>("source");
        QTest::addColumn<QList<SyncEntry>>("destination");
        QTest::addColumn<bool>("deleteExtra");
        QTest::addColumn<QStringList>("rules");
        QTest::addColumn<QStringList>("expected");
        const auto up = SyncDirection::LocalToS3;
        const auto down = SyncDirection::S3ToLocal;
        const auto s3s3 = SyncDirection::S3ToS3;

        QTest::newRow("both empty") << up << QList<SyncEntry>{} << QList<SyncEntry>{} << true << QStringList() << QStringList();
        QTest::newRow("empty source, kept") << up << QList<SyncEntry>{} << QList<SyncEntry>{object(u"x"_s, 1)} << false << QStringList()
                                            << QStringList{u"skip x not-at-source-kept none"_s};
        QTest::newRow("empty source, deleted") << up << QList<SyncEntry>{} << QList<SyncEntry>{object(u"x"_s, 1)} << true << QStringList()
                                               << QStringList{u"delete x not-at-source none"_s};
        QTest::newRow("empty destination") << up << QList<SyncEntry>{local(u"a"_s, 1), local(u"b/c"_s, 2)} << QList<SyncEntry>{} << true
                                           << QStringList() << QStringList{u"upload a missing none"_s, u"upload b/c missing none"_s};
        QTest::newRow("a-b before a/b") << up << QList<SyncEntry>{local(u"a-b"_s, 1), local(u"a/b"_s, 1)}
                                        << QList<SyncEntry>{object(u"a/b"_s, 1, 5)} << true << QStringList()
                                        << QStringList{u"upload a-b missing none"_s, u"skip a/b same-size-and-time size+time"_s};
        QTest::newRow("a b, a-b, a/b, a0 interleaved")
            << up << QList<SyncEntry>{local(u"a b"_s, 1), local(u"a/b"_s, 1)}
            << QList<SyncEntry>{object(u"a-b"_s, 1), object(u"a/b"_s, 2), object(u"a0"_s, 1)} << true << QStringList()
            << QStringList{u"upload a b missing none"_s, u"delete a-b not-at-source none"_s, u"upload a/b size-differs size"_s,
                           u"delete a0 not-at-source none"_s};
        QTest::newRow("unicode order") << up << QList<SyncEntry>{local(u"\uFF21"_s, 1), local(u"\U0001F600"_s, 1)}
                                       << QList<SyncEntry>{object(u"\U0001F600"_s, 1, 1)} << false << QStringList()
                                       << QStringList{u"upload \uFF21 missing none"_s, u"skip \U0001F600 same-size-and-time size+time"_s};
        QTest::newRow("same md5") << up << QList<SyncEntry>{local(u"k"_s, 5, 10)} << QList<SyncEntry>{object(u"k"_s, 5, 0, u"\""_s + Md5Of5 + u"\""_s)}
                                  << false << QStringList() << QStringList{u"skip k same-checksum md5"_s};
        QTest::newRow("other md5, source newer") << up << QList<SyncEntry>{local(u"k"_s, 5, 10)}
                                                 << QList<SyncEntry>{object(u"k"_s, 5, 0, u"\"ffffffffffffffffffffffffffffffff\""_s)} << false
                                                 << QStringList() << QStringList{u"upload k source-newer md5+time"_s};
        QTest::newRow("other md5, destination newer") << up << QList<SyncEntry>{local(u"k"_s, 5, 0)}
                                                      << QList<SyncEntry>{object(u"k"_s, 5, 10, u"ffffffffffffffffffffffffffffffff"_s)} << false
                                                      << QStringList() << QStringList{u"skip k same-size-and-time md5+time"_s};
        QTest::newRow("multipart, destination newer") << up << QList<SyncEntry>{local(u"k"_s, 5, 0)} << QList<SyncEntry>{object(u"k"_s, 5, 10)}
                                                      << false << QStringList() << QStringList{u"skip k same-size-and-time size+time"_s};
        QTest::newRow("download newer object") << down << QList<SyncEntry>{object(u"k"_s, 5, 10)} << QList<SyncEntry>{local(u"k"_s, 5, 0)}
                                               << true << QStringList() << QStringList{u"download k source-newer size+time"_s};
        QTest::newRow("download, local extra deleted") << down << QList<SyncEntry>{object(u"a"_s, 1)} << QList<SyncEntry>{local(u"b"_s, 1)}
                                                       << true << QStringList()
                                                       << QStringList{u"download a missing none"_s, u"delete b not-at-source none"_s};
        QTest::newRow("exclude and include")
            << up << QList<SyncEntry>{local(u"keep.tmp"_s, 1), local(u"x.tmp"_s, 1), local(u"y.txt"_s, 1)}
            << QList<SyncEntry>{object(u"z.tmp"_s, 1)} << true << QStringList{u"-*.tmp"_s, u"+keep.*"_s}
            << QStringList{u"upload keep.tmp missing none"_s, u"skip x.tmp excluded none"_s, u"upload y.txt missing none"_s,
                           u"skip z.tmp excluded none"_s};
        QTest::newRow("s3 to s3 same etags") << s3s3 << QList<SyncEntry>{object(u"a"_s, 5, 10, u"\""_s + Md5Of5 + u"\""_s), object(u"b"_s, 5, 10)}
                                             << QList<SyncEntry>{object(u"a"_s, 5, 0, Md5Of5), object(u"b"_s, 5, 0)} << true << QStringList()
                                             << QStringList{u"skip a same-checksum md5"_s, u"skip b same-checksum etag"_s};
        QTest::newRow("s3 to s3 copies") << s3s3 << QList<SyncEntry>{object(u"a"_s, 5, 10, u"\"1-1\""_s), object(u"c"_s, 1)}
                                         << QList<SyncEntry>{object(u"a"_s, 5, 0, u"\"2-1\""_s), object(u"b"_s, 1)} << true << QStringList()
                                         << QStringList{u"copy a source-newer size+time"_s, u"delete b not-at-source none"_s,
                                                        u"copy c missing none"_s};
    }

    void plan()
    {
        QFETCH(SyncDirection, direction);
        QFETCH(QList<SyncEntry>, source);
        QFETCH(QList<SyncEntry>, destination);
        QFETCH(bool, deleteExtra);
        QFETCH(QStringList, rules);
        QFETCH(QStringList, expected);
        SyncOptions options;
        options.direction = direction;
        options.deleteExtra = deleteExtra;
        for (const QString &rule : rules)
            QVERIFY(options.filter.addRule(rule.startsWith(u'+'), rule.mid(1)));
        int hashed = 0;
        options.localMd5 = [&hashed](const QString &) {
            ++hashed;
            return Md5Of5;
        };
        QCOMPARE(describe(planSync(source, destination, options)), expected);
        // A local file is hashed only when the object's ETag has an MD5's form, once per such pair.
        if (direction != SyncDirection::S3ToS3)
            QCOMPARE(qsizetype(hashed), expected.filter(u" md5"_s).size());

        // The same plan when the sides arrive one entry at a time, each side as the other asks for it.
        SyncMerger merger(options);
        qsizetype nextSource = 0;
        qsizetype nextDestination = 0;
        QList<SyncStep> steps;
        while (!merger.atEnd()) {
            if (std::optional<SyncStep> step = merger.next()) {
                steps.append(*step);
                continue;
            }
            QVERIFY(merger.needsSource() || merger.needsDestination());
            if (merger.needsSource()) {
                if (nextSource < source.size())
                    merger.addSource({source.at(nextSource++)});
                else
                    merger.endSource();
            }
            if (merger.needsDestination()) {
                if (nextDestination < destination.size())
                    merger.addDestination({destination.at(nextDestination++)});
                else
                    merger.endDestination();
            }
        }
        QCOMPARE(describe(steps), expected);
    }

    void outOfOrderStops()
    {
        // "a/b" before "a-b" is not S3's order: merging on would upload a-b and delete it again (or worse).
        SyncOptions options;
        options.deleteExtra = true;
        SyncMerger merger(options);
        merger.addSource({local(u"a"_s, 1), local(u"a/b"_s, 1), local(u"a-b"_s, 1)});
        merger.addDestination({object(u"a"_s, 1)});
        merger.endSource();
        merger.endDestination();
        QStringList steps;
        while (std::optional<SyncStep> step = merger.next())
            steps.append(step->key);
        QCOMPARE(steps, QStringList());
        QCOMPARE(merger.orderError(), u"source: 'a-b' after 'a/b'"_s);
        QVERIFY(!merger.atEnd());

        SyncMerger twice(options);
        twice.addDestination({object(u"k"_s, 1)});
        twice.addDestination({object(u"k"_s, 1)}); // the same key twice in one listing
        QCOMPARE(twice.orderError(), u"destination: 'k' after 'k'"_s);
    }

    void walkerOrder()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString root = dir.path();
        const auto write = [&root](const QString &relative) {
            QDir().mkpath(QFileInfo(root + u'/' + relative).absolutePath());
            QFile file(root + u'/' + relative);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("x");
        };
        for (const QString &name : {u"a0"_s, u"a/b"_s, u"a-b"_s, u"a b"_s, u"a/c/d"_s, u"a/\u00e9"_s, u"a/z"_s, u"B"_s, u".hidden"_s,
                                    u"\U0001F600"_s, u"\uFF21"_s, u"w/.s3desk\\0123456789abcdef.part"_s})
            write(name);
        QVERIFY(QFile::link(root + u"/missing"_s, root + u"/dangling"_s));
        QVERIFY(QFile::link(root + u"/a"_s, root + u"/linked-folder"_s));
        QVERIFY(QFile::link(root + u"/B"_s, root + u"/linked-file"_s));
        LocalTreeWalker walker(root);
        QStringList keys;
        while (std::optional<SyncEntry> entry = walker.next()) {
            keys.append(entry->key);
            QCOMPARE(entry->localPath, root + u'/' + entry->key);
            QCOMPARE(entry->size, 1);
        }
        QCOMPARE(keys, (QStringList{u".hidden"_s, u"B"_s, u"a b"_s, u"a-b"_s, u"a/b"_s, u"a/c/d"_s, u"a/z"_s, u"a/\u00e9"_s, u"a0"_s,
                                    u"linked-file"_s, u"\uFF21"_s, u"\U0001F600"_s}));
        QVERIFY(walker.atEnd());
    }
};

QTEST_GUILESS_MAIN(TestSyncPlan)
#include "tst_syncplan.moc"
