// SPDX-License-Identifier: Apache-2.0
// The bookkeeping of a folder job (TransferGroup): its state from its counts, its name, what happens to a file's
// task when it ends, the queue file entry and its check. Pure: no queue, no server.
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "s3core/transfer/queuefile.h"
#include "s3core/transfer/transfergroup.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(s3::TransferState)
Q_DECLARE_METATYPE(s3::TransferGroupCounts)

namespace {

TransferGroupCounts counts(int queued, int running, int paused, int done, int failed, int cancelled)
{
    TransferGroupCounts c;
    c.queued = queued;
    c.running = running;
    c.paused = paused;
    c.done = done;
    c.failed = failed;
    c.cancelled = cancelled;
    c.files = queued + running + paused + done + failed + cancelled;
    return c;
}

QJsonObject validEntry()
{
    return QJsonObject{{u"id"_s, u"11"_s},
                       {u"direction"_s, u"download"_s},
                       {u"bucket"_s, u"b"_s},
                       {u"prefix"_s, u"photos/"_s},
                       {u"localDir"_s, u"/home/u/photos"_s},
                       {u"paused"_s, true},
                       {u"done"_s, 3},
                       {u"doneBytes"_s, 12288},
                       {u"files"_s, QJsonArray{QJsonArray{u"a.jpg"_s, 4096, u"\"abc\""_s}, QJsonArray{u"sub/b.jpg"_s, -1, u""_s}}},
                       {u"cancelled"_s, QJsonArray{QJsonArray{u"c.jpg"_s, 10, u""_s}}}};
}

} // namespace

class TestTransferGroup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void state_data()
    {
        QTest::addColumn<TransferGroupCounts>("counts");
        QTest::addColumn<bool>("paused");
        QTest::addColumn<bool>("listing");
        QTest::addColumn<TransferState>("expected");
        QTest::newRow("empty, listing") << counts(0, 0, 0, 0, 0, 0) << false << true << TransferState::Running;
        QTest::newRow("empty, listed") << counts(0, 0, 0, 0, 0, 0) << false << false << TransferState::Succeeded;
        QTest::newRow("all queued") << counts(100, 0, 0, 0, 0, 0) << false << false << TransferState::Queued;
        QTest::newRow("some running") << counts(90, 4, 0, 6, 0, 0) << false << false << TransferState::Running;
        QTest::newRow("running and failed") << counts(90, 4, 0, 5, 1, 0) << false << false << TransferState::Running;
        QTest::newRow("paused with files left") << counts(0, 0, 94, 6, 0, 0) << true << false << TransferState::Paused;
        QTest::newRow("paused while listing") << counts(0, 0, 0, 0, 0, 0) << true << true << TransferState::Paused;
        QTest::newRow("paused, files still stopping") << counts(0, 2, 90, 8, 0, 0) << true << false << TransferState::Running;
        QTest::newRow("one file paused by hand") << counts(0, 0, 1, 9, 0, 0) << false << false << TransferState::Paused;
        QTest::newRow("all done") << counts(0, 0, 0, 10, 0, 0) << false << false << TransferState::Succeeded;
        QTest::newRow("done, paused flag left") << counts(0, 0, 0, 10, 0, 0) << true << false << TransferState::Succeeded;
        QTest::newRow("done with a failure") << counts(0, 0, 0, 9, 1, 0) << false << false << TransferState::Failed;
        QTest::newRow("failed and cancelled") << counts(0, 0, 0, 5, 1, 4) << false << false << TransferState::Failed;
        QTest::newRow("cancelled half way") << counts(0, 0, 0, 5, 0, 5) << false << false << TransferState::Cancelled;
    }

    void state()
    {
        QFETCH(TransferGroupCounts, counts);
        QFETCH(bool, paused);
        QFETCH(bool, listing);
        QFETCH(TransferState, expected);
        QCOMPARE(groupState(counts, paused, listing), expected);
    }

    void name_data()
    {
        QTest::addColumn<int>("direction");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("localDir");
        QTest::addColumn<QString>("expected");
        QTest::newRow("download into home") << int(TransferDirection::Download) << u"photos/"_s << u"/home/u/Downloads/photos"_s
                                            << u"photos/ → ~/Downloads/photos"_s;
        QTest::newRow("download elsewhere") << int(TransferDirection::Download) << u"a/b/"_s << u"/srv/data//b/"_s << u"a/b/ → /srv/data/b"_s;
        QTest::newRow("whole bucket") << int(TransferDirection::Download) << QString() << u"/home/u"_s << u"bkt/ → ~"_s;
        QTest::newRow("home prefix is not home") << int(TransferDirection::Download) << u"x/"_s << u"/home/user2/x"_s << u"x/ → /home/user2/x"_s;
        QTest::newRow("upload") << int(TransferDirection::Upload) << u"up/"_s << u"/home/u/photos"_s << u"~/photos → up/"_s;
    }

    void name()
    {
        QFETCH(int, direction);
        QFETCH(QString, prefix);
        QFETCH(QString, localDir);
        QFETCH(QString, expected);
        QCOMPARE(groupName(TransferDirection(direction), u"bkt"_s, prefix, localDir, u"/home/u"_s), expected);
    }

    void filesThroughTheirLife()
    {
        TransferGroup group(7, TransferDirection::Download, u"b"_s, u"p/"_s, u"/tmp/p"_s);
        for (int i = 0; i < 10; ++i)
            group.addPending(PendingFile{u"f%1"_s.arg(i), 100, "etag", {}});
        QCOMPARE(group.bytesTotal(), qint64(1000));
        QCOMPARE(group.counts(), counts(10, 0, 0, 0, 0, 0));
        // Three become tasks: they run, one succeeds (counted, forgotten), one fails (kept), one is cancelled (a record again).
        for (TransferId task = 101; task <= 103; ++task)
            group.attach(task, group.takePending(), TransferState::Queued);
        QCOMPARE(group.busyMembers(), 3);
        group.update(101, TransferState::Running, 50, 1000);
        group.update(102, TransferState::Running, 20, 500);
        QCOMPARE(group.bytesDone(), qint64(70));
        QCOMPARE(group.bytesPerSecond(), 1500.0);
        QCOMPARE(group.counts(), counts(8, 2, 0, 0, 0, 0));
        QVERIFY(group.finish(101, TransferState::Succeeded, 100));
        QVERIFY(!group.finish(102, TransferState::Failed, 20));
        QVERIFY(group.finish(103, TransferState::Cancelled, 0));
        QCOMPARE(group.members(), QList<TransferId>{102});
        QCOMPARE(group.counts(), counts(7, 0, 0, 1, 1, 1));
        QCOMPARE(group.bytesDone(), qint64(120)); // the done file whole, the failed one's bytes
        // Paused: the pending files count as paused; cancel moves them to the cancelled records, retry brings all back.
        group.paused = true;
        QCOMPARE(group.counts(), counts(0, 0, 7, 1, 1, 1));
        QCOMPARE(group.state(), TransferState::Paused);
        group.paused = false;
        group.cancelPending();
        QCOMPARE(group.counts(), counts(0, 0, 0, 1, 1, 8));
        QCOMPARE(group.state(), TransferState::Failed);
        QCOMPARE(group.retryCancelled(), 8);
        QCOMPARE(group.counts(), counts(8, 0, 0, 1, 1, 0));
        // f2 was cancelled as a task (a record first), then the pending f3...f9 in listing order.
        QCOMPARE(group.takePending().name, u"f2"_s);
        QCOMPARE(group.pending().front().name, u"f3"_s);
        // A failed file the user removes is no longer one of the job's files.
        group.forget(102);
        QCOMPARE(group.counts().files, 8); // 7 pending + 1 done (f3 taken, not attached)
        QCOMPARE(group.bytesTotal(), qint64(900));
    }

    void jsonRoundTrip()
    {
        TransferGroup group(42, TransferDirection::Upload, u"b"_s, u"up/"_s, u"/tmp/up"_s);
        group.partSize = 8 * 1024 * 1024;
        group.priority = 3;
        group.addPending(PendingFile{u"a/b.txt"_s, 5, {}, {}});
        group.addPending(PendingFile{u"c.txt"_s, 7, {}, {}});
        group.attach(43, group.takePending(), TransferState::Running);
        QVERIFY(group.finish(43, TransferState::Succeeded, 5));
        group.listing = true;
        group.listedUpTo = u"up/c.txt"_s;
        const QJsonObject json = group.toJson();
        QCOMPARE(transferGroupEntryProblem(json), QString());
        const std::optional<TransferGroup> again = TransferGroup::fromJson(json);
        QVERIFY(again);
        QCOMPARE(again->id(), TransferId(42));
        QCOMPARE(again->direction(), TransferDirection::Upload);
        QCOMPARE(again->localDir(), u"/tmp/up"_s);
        QCOMPARE(again->counts(), group.counts());
        QCOMPARE(again->bytesTotal(), group.bytesTotal());
        QCOMPARE(again->bytesDone(), group.bytesDone());
        QCOMPARE(again->pending(), group.pending());
        QCOMPARE(again->partSize, group.partSize);
        QCOMPARE(again->priority, 3);
        QVERIFY(again->listing);
        QCOMPARE(again->listedUpTo, u"up/c.txt"_s);
    }

    void entryProblems_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("problem"); // a part of the problem; empty: valid
        QTest::newRow("valid") << QString() << QJsonValue() << QString();
        QTest::newRow("id zero") << u"id"_s << QJsonValue(u"0"_s) << u"not a transfer id"_s;
        QTest::newRow("id number") << u"id"_s << QJsonValue(11) << u"not a text"_s;
        QTest::newRow("copy job") << u"direction"_s << QJsonValue(u"copy"_s) << u"not upload or download"_s;
        QTest::newRow("no bucket") << u"bucket"_s << QJsonValue(u""_s) << u"bucket is empty"_s;
        QTest::newRow("relative folder") << u"localDir"_s << QJsonValue(u"photos"_s) << u"not an absolute path"_s;
        QTest::newRow("negative done") << u"done"_s << QJsonValue(-1) << u"not a count"_s;
        QTest::newRow("files not a list") << u"files"_s << QJsonValue(u"x"_s) << u"not a list"_s;
        QTest::newRow("record of two") << u"files"_s << QJsonValue(QJsonArray{QJsonArray{u"a"_s, 1}}) << u"not a [name, size, etag]"_s;
        QTest::newRow("empty name") << u"files"_s << QJsonValue(QJsonArray{QJsonArray{u""_s, 1, u""_s}}) << u"empty name"_s;
        QTest::newRow("control in name") << u"files"_s << QJsonValue(QJsonArray{QJsonArray{u"a\nb"_s, 1, u""_s}}) << u"control"_s;
        QTest::newRow("size too big") << u"files"_s << QJsonValue(QJsonArray{QJsonArray{u"a"_s, 1e15, u""_s}}) << u"out of range"_s;
        QTest::newRow("size fraction") << u"cancelled"_s << QJsonValue(QJsonArray{QJsonArray{u"a"_s, 1.5, u""_s}}) << u"out of range"_s;
        QTest::newRow("etag not ascii") << u"files"_s << QJsonValue(QJsonArray{QJsonArray{u"a"_s, 1, u"é"_s}}) << u"ETag"_s;
        QTest::newRow("download name with ..") << u"files"_s << QJsonValue(QJsonArray{QJsonArray{u"../x"_s, 1, u""_s}}) << QString();
        QTest::newRow("download part size too small") << u"partSize"_s << QJsonValue(1024) << u"out of range"_s;
    }

    void entryProblems()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, problem);
        QJsonObject entry = validEntry();
        if (!field.isEmpty())
            entry.insert(field, value);
        const QString found = transferGroupEntryProblem(entry);
        if (problem.isEmpty())
            QCOMPARE(found, QString());
        else
            QVERIFY2(found.contains(problem), qPrintable(found));
    }

    void uploadNamesStayBelowTheFolder_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << u"a/b.txt"_s << true;
        QTest::newRow("dot dot") << u"a/../../etc/passwd"_s << false;
        QTest::newRow("absolute") << u"/etc/passwd"_s << false;
        QTest::newRow("empty segment") << u"a//b"_s << false;
        QTest::newRow("dot") << u"./a"_s << false;
        QTest::newRow("backslash") << u"a\\..\\b"_s << false;
    }

    void uploadNamesStayBelowTheFolder()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QJsonObject entry = validEntry();
        entry.insert(u"direction"_s, u"upload"_s);
        entry.insert(u"files"_s, QJsonArray{QJsonArray{name, 1, u""_s}});
        QCOMPARE(transferGroupEntryProblem(entry).isEmpty(), valid);
    }

    // The fourth field of an upload's record: its key when "Keep both" renamed it. The record goes back as it came
    // (no key: prefix + name); a key the check refuses names the reason, and one bad record refuses the job.
    void uploadRecordKeys_data()
    {
        QTest::addColumn<QJsonValue>("key");
        QTest::addColumn<QString>("problem"); // a part of the problem; empty: valid
        QTest::newRow("keep both") << QJsonValue(u"photos/sub/b (1).jpg"_s) << QString();
        QTest::newRow("other name below") << QJsonValue(u"photos/x/y z.jpg"_s) << QString();
        QTest::newRow("not a text") << QJsonValue(5) << u"not a text"_s;
        QTest::newRow("outside the prefix") << QJsonValue(u"other/b.jpg"_s) << u"not below the job's prefix"_s;
        QTest::newRow("the prefix itself") << QJsonValue(u"photos/"_s) << u"not below the job's prefix"_s;
        QTest::newRow("dot dot") << QJsonValue(u"photos/../etc/passwd"_s) << u"'..' segment"_s;
        QTest::newRow("empty segment") << QJsonValue(u"photos/a//b"_s) << u"empty"_s;
        QTest::newRow("control") << QJsonValue(u"photos/a\rb"_s) << u"control"_s;
        QTest::newRow("too long") << QJsonValue(u"photos/"_s + QString(1100, u'x')) << u"longer than 1024"_s;
        QTest::newRow("too long in UTF-8") << QJsonValue(u"photos/"_s + QString(600, QChar(0xe9))) << u"longer than 1024"_s;
    }

    void uploadRecordKeys()
    {
        QFETCH(QJsonValue, key);
        QFETCH(QString, problem);
        QJsonObject entry = validEntry();
        entry.insert(u"direction"_s, u"upload"_s);
        entry.insert(u"files"_s, QJsonArray{QJsonArray{u"a.jpg"_s, 1, u""_s}, QJsonArray{u"sub/b.jpg"_s, 1, u""_s, key}});
        const QString found = transferGroupEntryProblem(entry);
        if (!problem.isEmpty()) {
            QVERIFY2(found.contains(problem), qPrintable(found));
            QVERIFY2(found.contains(u"file 2 of files"_s), qPrintable(found));
            // The whole file: the job is left out and the problem says why.
            const QueueFileContents contents = parseQueueFile(QJsonDocument(QJsonObject{{u"version"_s, 1}, {u"groups"_s, QJsonArray{entry}}}).toJson());
            QCOMPARE(contents.groups.size(), qsizetype(0));
            QCOMPARE(contents.problems.size(), qsizetype(1));
            QVERIFY2(contents.problems.first().contains(problem), qPrintable(contents.problems.first()));
            return;
        }
        QCOMPARE(found, QString());
        const std::optional<TransferGroup> group = TransferGroup::fromJson(entry);
        QVERIFY(group);
        QCOMPARE(group->pending().size(), size_t(2));
        QCOMPARE(group->pending().front().key, QString());
        QCOMPARE(group->pending().back().key, key.toString());
        // Saved again: the same records, the key only where there was one.
        const QJsonObject saved = group->toJson();
        QCOMPARE(transferGroupEntryProblem(saved), QString());
        QCOMPARE(saved.value(u"files"_s).toArray().at(0).toArray().size(), qsizetype(3));
        QCOMPARE(saved.value(u"files"_s).toArray().at(1).toArray().at(3).toString(), key.toString());
        QCOMPARE(TransferGroup::fromJson(saved)->pending(), group->pending());
    }

    void downloadRecordsHaveNoKey()
    {
        QJsonObject entry = validEntry(); // a download: its key is always prefix + name
        entry.insert(u"files"_s, QJsonArray{QJsonArray{u"a.jpg"_s, 1, u""_s, u"photos/b.jpg"_s}});
        QVERIFY(transferGroupEntryProblem(entry).contains(u"not a [name, size, etag]"_s));
    }

    void queueFileKeepsValidGroupsOnly()
    {
        QJsonObject bad = validEntry();
        bad.insert(u"id"_s, u"12"_s);
        bad.insert(u"localDir"_s, u"relative"_s);
        const QJsonObject root{{u"version"_s, 1},
                               {u"transfers"_s, QJsonArray{QJsonObject{{u"id"_s, u"13"_s}, {u"group"_s, u"x"_s}, {u"direction"_s, u"download"_s},
                                                                       {u"bucket"_s, u"b"_s}, {u"key"_s, u"k"_s}, {u"localPath"_s, u"/tmp/k"_s}}}},
                               {u"groups"_s, QJsonArray{validEntry(), bad, validEntry()}}};
        const QueueFileContents contents = parseQueueFile(QJsonDocument(root).toJson());
        QCOMPARE(contents.groups.size(), qsizetype(1));                // the second is bad, the third reuses the first's id
        QCOMPARE(contents.transfers.size(), qsizetype(0));             // "group" must be a transfer id
        QCOMPARE(contents.problems.size(), qsizetype(3));
    }
};

QTEST_GUILESS_MAIN(TestTransferGroup)
#include "tst_transfergroup.moc"
