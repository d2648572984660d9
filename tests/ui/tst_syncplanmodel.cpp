// SPDX-License-Identifier: Apache-2.0
// The sync preview's texts and table: the reason of each kind of step, the summary line (counts, bytes, how the
// files were compared), and the model (rows streamed in batches, skipped rows hidden by default and counted).
#include <QAbstractItemModelTester>
#include <QTest>

#include "browser/synctext.h"
#include "models/syncplanmodel.h"
#include "util/format.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

namespace {
s3::SyncStep step(s3::SyncAction action, s3::SyncReason reason, s3::SyncComparison compared, const QString &key, qint64 size)
{
    s3::SyncStep s;
    s.action = action;
    s.reason = reason;
    s.compared = compared;
    s.key = key;
    s3::SyncEntry entry{key, size, QDateTime::currentDateTimeUtc(), {}, {}};
    if (action == s3::SyncAction::Delete || reason == s3::SyncReason::ExtraKept)
        s.destination = entry;
    else
        s.source = entry;
    return s;
}
} // namespace

class TestSyncPlanModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reason_data()
    {
        QTest::addColumn<int>("reason");
        QTest::addColumn<int>("compared");
        QTest::addColumn<QString>("expected");
        using R = s3::SyncReason;
        using C = s3::SyncComparison;
        QTest::newRow("missing") << int(R::Missing) << int(C::None) << u"new"_s;
        QTest::newRow("size") << int(R::SizeDiffers) << int(C::Size) << u"size differs"_s;
        QTest::newRow("newer") << int(R::SourceNewer) << int(C::SizeAndTime) << u"newer"_s;
        QTest::newRow("newer, md5 not equal") << int(R::SourceNewer) << int(C::Md5ThenTime) << u"newer (MD5 not equal: time decided)"_s;
        QTest::newRow("same md5") << int(R::SameChecksum) << int(C::Md5) << u"same MD5"_s;
        QTest::newRow("same etag") << int(R::SameChecksum) << int(C::Etag) << u"same ETag"_s;
        QTest::newRow("same time") << int(R::SameSizeAndTime) << int(C::SizeAndTime) << u"same size and time"_s;
        QTest::newRow("excluded") << int(R::Excluded) << int(C::None) << u"excluded"_s;
        QTest::newRow("extra") << int(R::Extra) << int(C::None) << u"not in the source"_s;
        QTest::newRow("extra kept") << int(R::ExtraKept) << int(C::None) << u"not in the source (kept)"_s;
    }

    void reason()
    {
        QFETCH(int, reason);
        QFETCH(int, compared);
        QFETCH(QString, expected);
        s3::SyncStep s;
        s.reason = s3::SyncReason(reason);
        s.compared = s3::SyncComparison(compared);
        QCOMPARE(synctext::reason(s), expected);
    }

    void summary_data()
    {
        QTest::addColumn<QList<s3::SyncStep>>("steps");
        QTest::addColumn<QString>("expected");
        using A = s3::SyncAction;
        using R = s3::SyncReason;
        using C = s3::SyncComparison;
        QTest::newRow("empty") << QList<s3::SyncStep>{} << u"Nothing to do"_s;
        QTest::newRow("uploads and deletes")
            << QList<s3::SyncStep>{step(A::Upload, R::Missing, C::None, u"a"_s, 1024), step(A::Upload, R::SizeDiffers, C::Size, u"b"_s, 1024),
                                   step(A::Delete, R::Extra, C::None, u"c"_s, 10), step(A::Skip, R::SameSizeAndTime, C::SizeAndTime, u"d"_s, 5),
                                   step(A::Skip, R::SameChecksum, C::Md5, u"e"_s, 5)}
            << u"2 to upload (%1), 1 to delete (%2), 2 unchanged; compared 1 by size, 1 by size and time, 1 by MD5"_s.arg(formatSize(2048), formatSize(10));
        QTest::newRow("nothing to do")
            << QList<s3::SyncStep>{step(A::Skip, R::SameSizeAndTime, C::SizeAndTime, u"d"_s, 5), step(A::Skip, R::Excluded, C::None, u"x"_s, 5),
                                   step(A::Skip, R::ExtraKept, C::None, u"y"_s, 5)}
            << u"Nothing to do, 1 unchanged, 1 kept (not in the source), 1 excluded; compared 1 by size and time"_s;
        QTest::newRow("downloads, md5 then time")
            << QList<s3::SyncStep>{step(A::Download, R::SourceNewer, C::Md5ThenTime, u"a"_s, 3)}
            << u"1 to download (%1); compared 1 by MD5, then time"_s.arg(formatSize(3));
    }

    void summary()
    {
        QFETCH(QList<s3::SyncStep>, steps);
        QFETCH(QString, expected);
        SyncTally tally;
        for (const s3::SyncStep &s : std::as_const(steps))
            tally.add(s);
        QCOMPARE(synctext::summary(tally), expected);
    }

    void rowsStreamAndSkippedAreHidden()
    {
        SyncPlanModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        using A = s3::SyncAction;
        using R = s3::SyncReason;
        using C = s3::SyncComparison;
        model.append({step(A::Skip, R::SameSizeAndTime, C::SizeAndTime, u"a"_s, 1), step(A::Upload, R::Missing, C::None, u"b"_s, 2)});
        model.append({step(A::Skip, R::ExtraKept, C::None, u"c"_s, 3)});
        model.append({step(A::Delete, R::Extra, C::None, u"d"_s, 4), step(A::Upload, R::SizeDiffers, C::Size, u"e/f"_s, 5)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.stepCount(), 5);
        QCOMPARE(model.index(0, SyncPlanModel::PathColumn).data().toString(), u"b"_s);
        QCOMPARE(model.index(1, SyncPlanModel::ActionColumn).data().toString(), u"Delete"_s);
        QCOMPARE(model.index(2, SyncPlanModel::ReasonColumn).data().toString(), u"size differs"_s);
        QCOMPARE(model.index(2, SyncPlanModel::SizeColumn).data().toString(), formatSize(5));
        QCOMPARE(model.actionSteps().size(), 3);
        QCOMPARE(model.actionSteps().at(2).key, u"e/f"_s);

        model.setShowSkipped(true);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0, SyncPlanModel::ActionColumn).data().toString(), u"Skip"_s);
        QCOMPARE(model.index(2, SyncPlanModel::ReasonColumn).data().toString(), u"not in the source (kept)"_s);
        model.append({step(A::Skip, R::Excluded, C::None, u"g"_s, 1)});
        QCOMPARE(model.rowCount(), 6);
        model.setShowSkipped(false);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.tally().unchanged, qint64(1));
        QCOMPARE(model.tally().excluded, qint64(1));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.tally().actions(), qint64(0));
    }
};

QTEST_MAIN(TestSyncPlanModel)
#include "tst_syncplanmodel.moc"
