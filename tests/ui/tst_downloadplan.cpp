// SPDX-License-Identifier: Apache-2.0
// The pure planning behind GUI downloads and the shared conflict answer: where selected keys go locally, which
// of them conflict (exists, another download writes there, two keys with one local name), and what Overwrite,
// Skip and Keep both make of them.
#include <QSet>
#include <QTest>

#include "browser/conflictprompt.h"
#include "browser/downloadplan.h"
#include "reliabilitycase.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(s3ui::ConflictChoice)

class TestDownloadPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepBothName_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("taken");
        QTest::addColumn<bool>("splitExtension");
        QTest::addColumn<QString>("expected");
        QTest::newRow("extension") << u"/d/a.txt"_s << QStringList{} << true << u"/d/a (1).txt"_s;
        QTest::newRow("next free") << u"/d/a.txt"_s << QStringList{u"/d/a (1).txt"_s, u"/d/a (2).txt"_s} << true << u"/d/a (3).txt"_s;
        QTest::newRow("no extension") << u"k/b"_s << QStringList{} << true << u"k/b (1)"_s;
        QTest::newRow("dot file") << u"/d/.profile"_s << QStringList{} << true << u"/d/.profile (1)"_s;
        QTest::newRow("folder keeps its dots") << u"/d/v1.2"_s << QStringList{} << false << u"/d/v1.2 (1)"_s;
        QTest::newRow("dot in the folder only") << u"/d.x/name"_s << QStringList{} << true << u"/d.x/name (1)"_s;
    }

    void keepBothName()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, taken);
        QFETCH(bool, splitExtension);
        QFETCH(QString, expected);
        const QSet<QString> set(taken.cbegin(), taken.cend());
        QCOMPARE(s3ui::keepBothName(path, [&](const QString &c) { return set.contains(c); }, splitExtension), expected);
    }

    void plan_data()
    {
        QTest::addColumn<QStringList>("keys");
        QTest::addColumn<QStringList>("taken");
        QTest::addColumn<QStringList>("paths");     // planned local paths, in order
        QTest::addColumn<QList<bool>>("conflicts"); // per planned download
        QTest::addColumn<QStringList>("refused");
        QTest::newRow("fresh") << QStringList{u"p/a.txt"_s, u"p/dir/"_s} << QStringList{}
                               << QStringList{u"/L/a.txt"_s, u"/L/dir"_s} << QList<bool>{false, false} << QStringList{};
        QTest::newRow("existing file") << QStringList{u"p/a.txt"_s} << QStringList{u"/L/a.txt"_s} << QStringList{u"/L/a.txt"_s}
                                       << QList<bool>{true} << QStringList{};
        QTest::newRow("existing folder") << QStringList{u"p/dir/"_s} << QStringList{u"/L/dir"_s} << QStringList{u"/L/dir"_s}
                                         << QList<bool>{true} << QStringList{};
        QTest::newRow("key listed twice") << QStringList{u"a"_s, u"a"_s} << QStringList{} << QStringList{u"/L/a"_s, u"/L/a"_s}
                                          << QList<bool>{false, true} << QStringList{};
        QTest::newRow("a//b and a/b") << QStringList{u"a//b"_s, u"a/b"_s} << QStringList{} << QStringList{u"/L/b"_s, u"/L/b"_s}
                                      << QList<bool>{false, true} << QStringList{};
        QTest::newRow("dot-dot refused") << QStringList{u"p/.."_s, u"ok"_s} << QStringList{} << QStringList{u"/L/ok"_s}
                                         << QList<bool>{false} << QStringList{u"p/.."_s};
        QTest::newRow("backslash refused") << QStringList{u"C:\\x"_s} << QStringList{} << QStringList{} << QList<bool>{}
                                           << QStringList{u"C:\\x"_s};
    }

    void plan()
    {
        QFETCH(QStringList, keys);
        QFETCH(QStringList, taken);
        QFETCH(QStringList, paths);
        QFETCH(QList<bool>, conflicts);
        QFETCH(QStringList, refused);
        const QSet<QString> set(taken.cbegin(), taken.cend());
        const DownloadPlan plan = planDownloads(keys, u"/L"_s, [&](const QString &p) { return set.contains(p); });
        QStringList gotPaths;
        QList<bool> gotConflicts;
        for (const PlannedDownload &d : plan.downloads) {
            gotPaths << d.localPath;
            gotConflicts << d.conflict;
            QCOMPARE(d.folder, d.key.endsWith(u'/'));
        }
        QStringList gotRefused;
        for (const RefusedKey &r : plan.refused) {
            gotRefused << r.key;
            QVERIFY(!r.reason.isEmpty());
        }
        QCOMPARE(gotPaths, paths);
        QCOMPARE(gotConflicts, conflicts);
        QCOMPARE(gotRefused, refused);
    }

    void resolve_data()
    {
        QTest::addColumn<ConflictChoice>("choice");
        QTest::addColumn<QStringList>("paths");
        // Plan: a.txt exists locally, b is new, a key listed twice lands on c twice.
        QTest::newRow("overwrite") << ConflictChoice::Overwrite << QStringList{u"/L/a.txt"_s, u"/L/b"_s, u"/L/c"_s, u"/L/c (1)"_s};
        QTest::newRow("skip") << ConflictChoice::Skip << QStringList{u"/L/b"_s, u"/L/c"_s};
        QTest::newRow("keep both") << ConflictChoice::KeepBoth
                                   << QStringList{u"/L/a (2).txt"_s, u"/L/b"_s, u"/L/c"_s, u"/L/c (1)"_s};
    }

    void resolve()
    {
        QFETCH(ConflictChoice, choice);
        QFETCH(QStringList, paths);
        const QSet<QString> taken{u"/L/a.txt"_s, u"/L/a (1).txt"_s};
        const auto isTaken = [&](const QString &p) { return taken.contains(p); };
        const DownloadPlan plan = planDownloads({u"a.txt"_s, u"b"_s, u"c"_s, u"c"_s}, u"/L"_s, isTaken);
        QCOMPARE(plan.conflictCount(), 2);
        QStringList got;
        for (const PlannedDownload &d : resolveDownloads(plan.downloads, choice, isTaken)) {
            got << d.localPath;
            QVERIFY(!d.conflict);
        }
        QCOMPARE(got, paths);
        // Never two downloads of one action into one file, whatever the answer.
        QCOMPARE(QSet<QString>(got.cbegin(), got.cend()).size(), got.size());
        if (choice == ConflictChoice::Overwrite) {
            recordReliabilityCase({u"Local names"_s, u"one key selected twice (or \"a//b\" and \"a/b\") in one GUI download"_s,
                                   u"never two downloads writing one local file"_s,
                                   u"the second gets \"c (1)\" even when the user chose Overwrite; planned paths all distinct"_s,
                                   true, u"fake"_s});
        }
    }
};

QTEST_MAIN(TestDownloadPlan)
#include "tst_downloadplan.moc"
