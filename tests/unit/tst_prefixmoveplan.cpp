// SPDX-License-Identifier: Apache-2.0
// Folder moves: which listed objects the folder move copies itself and which go to the transfer queue (copied in
// parts there, resumable), and where each goes. Pure: planPrefixMove() with a data table.
#include <QTest>

#include "s3core/ops/prefixmoveplan.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 OneMiB = 1024 * 1024;

/** "key=size" items: the listing. */
QList<ObjectInfo> listing(const QStringList &items)
{
    QList<ObjectInfo> objects;
    for (const QString &item : items) {
        ObjectInfo object;
        object.key = item.section(u'=', 0, -2);
        object.size = item.section(u'=', -1).toLongLong();
        objects.append(object);
    }
    return objects;
}

/** "source>target" lines of a plan part, in order. */
QStringList lines(const QList<PrefixMoveItem> &items)
{
    QStringList out;
    for (const PrefixMoveItem &item : items)
        out.append(item.sourceKey + u'>' + item.targetKey);
    return out;
}

} // namespace

class TestPrefixMovePlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plan_data()
    {
        QTest::addColumn<QStringList>("objects"); // key=size, as listed
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("target");
        QTest::addColumn<qint64>("queueAbove");
        QTest::addColumn<QStringList>("direct");
        QTest::addColumn<QStringList>("queued");
        QTest::addColumn<QStringList>("outside");

        const qint64 fiveGiB = 5 * 1024 * OneMiB;
        QTest::newRow("empty folder") << QStringList() << u"a/"_s << u"b/"_s << fiveGiB << QStringList() << QStringList() << QStringList();
        QTest::newRow("small files and the marker stay")
            << QStringList{u"a/=0"_s, u"a/x.txt=10"_s, u"a/sub/y=20"_s} << u"a/"_s << u"b/"_s << fiveGiB
            << QStringList{u"a/>b/"_s, u"a/x.txt>b/x.txt"_s, u"a/sub/y>b/sub/y"_s} << QStringList() << QStringList();
        QTest::newRow("above the threshold is queued, in listing order")
            << QStringList{u"a/big1=6442450944"_s, u"a/small=5"_s, u"a/deep/big2=5368709121"_s} << u"a/"_s << u"b/"_s << fiveGiB
            << QStringList{u"a/small>b/small"_s} << QStringList{u"a/big1>b/big1"_s, u"a/deep/big2>b/deep/big2"_s} << QStringList();
        QTest::newRow("exactly the threshold is one copy")
            << QStringList{u"a/five=5368709120"_s} << u"a/"_s << u"b/"_s << fiveGiB << QStringList{u"a/five>b/five"_s}
            << QStringList() << QStringList();
        QTest::newRow("a shrunk threshold (tests)")
            << QStringList{u"a/x=5242881"_s, u"a/y=5242880"_s} << u"a/"_s << u"a2/"_s << 5 * OneMiB << QStringList{u"a/y>a2/y"_s}
            << QStringList{u"a/x>a2/x"_s} << QStringList();
        QTest::newRow("no queue: everything direct")
            << QStringList{u"a/huge=99999999999"_s} << u"a/"_s << u"b/"_s << qint64(-1) << QStringList{u"a/huge>b/huge"_s}
            << QStringList() << QStringList();
        QTest::newRow("threshold zero queues all but empty objects")
            << QStringList{u"a/=0"_s, u"a/one=1"_s} << u"a/"_s << u"b/"_s << qint64(0) << QStringList{u"a/>b/"_s}
            << QStringList{u"a/one>b/one"_s} << QStringList();
        QTest::newRow("moved into another folder, nested")
            << QStringList{u"photos/2024/big.raw=7000000000"_s, u"photos/2024/a.jpg=100"_s} << u"photos/2024/"_s << u"archive/2024/"_s
            << fiveGiB << QStringList{u"photos/2024/a.jpg>archive/2024/a.jpg"_s}
            << QStringList{u"photos/2024/big.raw>archive/2024/big.raw"_s} << QStringList();
        QTest::newRow("keys outside the prefix are never moved")
            << QStringList{u"ab/x=1"_s, u"a/y=1"_s, u"other=9999999999"_s} << u"a/"_s << u"b/"_s << fiveGiB << QStringList{u"a/y>b/y"_s}
            << QStringList() << QStringList{u"ab/x"_s, u"other"_s};
        QTest::newRow("an empty source prefix moves nothing")
            << QStringList{u"x=1"_s} << QString() << u"b/"_s << fiveGiB << QStringList() << QStringList() << QStringList{u"x"_s};
        QTest::newRow("keys with odd characters keep them")
            << QStringList{u"a/new\nline=1"_s, u"a/\u00e9t\u00e9 \U0001F600=6000000000"_s} << u"a/"_s << u"b c/"_s << fiveGiB
            << QStringList{u"a/new\nline>b c/new\nline"_s} << QStringList{u"a/\u00e9t\u00e9 \U0001F600>b c/\u00e9t\u00e9 \U0001F600"_s}
            << QStringList();
    }

    void plan()
    {
        QFETCH(QStringList, objects);
        QFETCH(QString, source);
        QFETCH(QString, target);
        QFETCH(qint64, queueAbove);
        QFETCH(QStringList, direct);
        QFETCH(QStringList, queued);
        QFETCH(QStringList, outside);
        const PrefixMovePlan plan = planPrefixMove(listing(objects), source, target, queueAbove);
        QCOMPARE(lines(plan.direct), direct);
        QCOMPARE(lines(plan.queued), queued);
        QCOMPARE(plan.outside, outside);
        // Every listed object is in exactly one part, with the size it was listed with.
        QCOMPARE(plan.direct.size() + plan.queued.size() + plan.outside.size(), objects.size());
        for (const PrefixMoveItem &item : plan.queued)
            QVERIFY(item.size > queueAbove);
    }
};

QTEST_GUILESS_MAIN(TestPrefixMovePlan)
#include "tst_prefixmoveplan.moc"
