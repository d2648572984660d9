// SPDX-License-Identifier: Apache-2.0
// A dropped folder of 2,000 small files through the browser's upload path (UploadPlanner, the conflict prompt,
// BrowserView::enqueueUploads), offscreen against the in-process fake S3: the folder is ONE job and one row in
// the transfers model (its files show as rows only while they are tasks), one of its files that exists already is
// kept both ("f0 (1).txt"), every key ends byte-identical, and a 0 ms timer measures how long the GUI thread is
// ever kept from its event loop from the drop to the end of the job.
#include <algorithm>
#include <memory>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "browser/browserview.h"
#include "models/objectlistmodel.h"
#include "models/transferlistmodel.h"
#include "s3core/transfer/transferengine.h"
#include "s3core/transfer/transferqueue.h"
#include "uitestsupport.h"
#include "connection/session.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestUploadGroupRows : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeS3Server> m_server;
    QTemporaryDir m_dir;

    static QByteArray content(int i) { return u"upload %1 "_s.arg(i).toUtf8().repeated(1 + i % 5); }
    static QString name(int i) { return u"d%1/f%2.txt"_s.arg(i % 20).arg(i); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<FakeS3Server>();
        QVERIFY(m_server->start());
        m_server->createBucket(u"bucket"_s);
        m_server->putObject(u"bucket"_s, u"up/readme.txt"_s, "here");
    }

    // UploadPlanner::jobsFor(): planned uploads ("folder index|local path|key") -> one job per folder that has
    // files left ("localDir>prefix: name[=key] name ..."), loose files alone; only renamed files carry a key.
    void jobsFor_data()
    {
        QTest::addColumn<QStringList>("uploads");
        QTest::addColumn<QStringList>("jobs");
        QTest::addColumn<QStringList>("loose");
        QTest::newRow("one folder, sorted")
            << QStringList{u"0|/d/p/b.txt|t/p/b.txt"_s, u"0|/d/p/a/c.txt|t/p/a/c.txt"_s}
            << QStringList{u"/d/p>t/p/: a/c.txt b.txt"_s} << QStringList{};
        QTest::newRow("keep both keeps its key")
            << QStringList{u"0|/d/p/a.txt|t/p/a (1).txt"_s, u"0|/d/p/b.txt|t/p/b.txt"_s}
            << QStringList{u"/d/p>t/p/: a.txt=t/p/a (1).txt b.txt"_s} << QStringList{};
        QTest::newRow("loose files stay alone")
            << QStringList{u"-1|/d/x.txt|t/x.txt"_s, u"0|/d/p/a.txt|t/p/a.txt"_s}
            << QStringList{u"/d/p>t/p/: a.txt"_s} << QStringList{u"t/x.txt"_s};
        QTest::newRow("every file skipped: no job") << QStringList{u"-1|/d/x.txt|t/x.txt"_s} << QStringList{} << QStringList{u"t/x.txt"_s};
        QTest::newRow("two folders")
            << QStringList{u"1|/d/q/z.txt|t/q/z.txt"_s, u"0|/d/p/a.txt|t/p/a.txt"_s}
            << QStringList{u"/d/p>t/p/: a.txt"_s, u"/d/q>t/q/: z.txt"_s} << QStringList{};
        QTest::newRow("not below its folder: loose") << QStringList{u"0|/d/pp/a.txt|t/p/a.txt"_s} << QStringList{} << QStringList{u"t/p/a.txt"_s};
    }

    void jobsFor()
    {
        QFETCH(QStringList, uploads);
        QFETCH(QStringList, jobs);
        QFETCH(QStringList, loose);
        const QList<PlannedFolder> folders{{u"/d/p"_s, u"t/p/"_s}, {u"/d/q"_s, u"t/q/"_s}};
        QList<PlannedUpload> planned;
        for (const QString &upload : std::as_const(uploads)) {
            const QStringList fields = upload.split(u'|');
            planned.append({fields.at(1), fields.at(2), 1, fields.at(0).toInt()});
        }
        const UploadJobs result = UploadPlanner::jobsFor(planned, folders);
        QStringList foundJobs;
        for (const FolderUploadJob &job : result.folders) {
            QStringList names;
            for (const s3::PendingFile &file : job.files)
                names << (file.key.isEmpty() ? file.name : file.name + u'=' + file.key);
            foundJobs << u"%1>%2: %3"_s.arg(job.localDir, job.keyPrefix, names.join(u' '));
        }
        QStringList foundLoose;
        for (const PlannedUpload &upload : result.loose)
            foundLoose << upload.key;
        QCOMPARE(foundJobs, jobs);
        QCOMPARE(foundLoose, loose);
        QCOMPARE(result.fileCount, int(uploads.size()));
    }

    void droppedFolderIsOneJob()
    {
        constexpr int Files = 2000;
        const QString folder = m_dir.filePath(u"many"_s);
        for (int d = 0; d < 20; ++d)
            QVERIFY(QDir().mkpath(u"%1/d%2"_s.arg(folder).arg(d)));
        for (int i = 0; i < Files; ++i)
            QVERIFY(!writeTestFile(folder + u'/' + name(i), content(i)).isEmpty());
        const QString loose = writeTestFile(m_dir.filePath(u"loose.txt"_s), "loose");
        QVERIFY(!loose.isEmpty());
        // One of the folder's keys exists: the prompt comes, and "Keep both" uploads it as "f0 (1).txt".
        m_server->putObject(u"bucket"_s, u"up/many/"_s + name(0), "the original");

        QSettings settings(m_dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
        MainWindowDependencies dependencies;
        dependencies.settings = &settings;
        dependencies.stateDir = m_dir.filePath(u"queues"_s);
        MainWindow window(dependencies);
        window.resize(1024, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openSession(fakeSessionConfig(m_server->endpointUrl(), {}, u"uploadgroup"_s)));
        BrowserView *browser = window.browser();
        browser->openLocation(u"bucket"_s, u"up/"_s);
        QVERIFY(waitUntil([&] { return browser->model()->rowCount() > 0 && !browser->model()->isListing(); }, 5000));
        TransferListModel *transfers = window.transfers();
        QSignalSpy queued(browser, &BrowserView::uploadsQueued);

        // The probe: a 0 ms timer; the longest time between two of its ticks is the longest block of the GUI thread.
        QElapsedTimer sinceTick;
        qint64 longestBlockMs = 0;
        QTimer probe;
        probe.setInterval(0);
        connect(&probe, &QTimer::timeout, this, [&] {
            longestBlockMs = std::max(longestBlockMs, sinceTick.elapsed());
            sinceTick.restart();
        });
        int maxRows = 0;
        int maxGroupRows = 0;
        connect(transfers, &QAbstractItemModel::rowsInserted, this, [&] {
            maxRows = std::max(maxRows, transfers->rowCount());
            int groups = 0;
            for (int row = 0; row < transfers->rowCount(); ++row)
                groups += transfers->snapshotAt(row).isGroup ? 1 : 0;
            maxGroupRows = std::max(maxGroupRows, groups);
        });

        m_server->addFault(delayFault(u"PutObject"_s, 5)); // the files are tasks for a while: rows come and go
        QElapsedTimer wall;
        wall.start();
        sinceTick.start();
        probe.start();
        browser->uploadPaths({folder, loose}, u"up/"_s);
        auto *box = waitForVisibleChild<QMessageBox>(&window, u"uploadConflict"_s, 20000);
        QVERIFY(box);
        const qint64 planMs = wall.elapsed();
        QVERIFY2(box->text().contains(u"up/many/d0/f0.txt"_s), qPrintable(box->text()));
        QPushButton *keepBoth = nullptr;
        for (QAbstractButton *button : box->buttons()) {
            if (button->text() == u"Keep both"_s)
                keepBoth = qobject_cast<QPushButton *>(button);
        }
        QVERIFY(keepBoth);
        sinceTick.restart(); // the wait for the prompt is the test's, not the app's
        keepBoth->click();
        QVERIFY(queued.wait(20000));
        QCOMPARE(queued.first().at(0).toInt(), Files + 1); // the folder's files and the loose one
        s3::TransferEngine *engine = nullptr;
        s3::TransferId groupId = 0;
        QVERIFY(waitUntil([&] {
            for (int row = 0; row < transfers->rowCount(); ++row) {
                if (transfers->snapshotAt(row).isGroup) {
                    engine = transfers->engineAt(row);
                    groupId = transfers->snapshotAt(row).id;
                }
            }
            return groupId != 0;
        }, 10000));
        const auto jobRow = [&] { return transfers->snapshotAt(transfers->rowOf(engine, groupId)); };
        QVERIFY(waitUntil([&] { return jobRow().state == s3::TransferState::Succeeded && transfers->activeCount() == 0; }, 120000));
        probe.stop();
        m_server->clearFaults();
        const s3::TransferSnapshot job = jobRow();
        qInfo() << "2,000-file folder: planned in" << planMs << "ms, uploaded in" << wall.elapsed() << "ms; longest GUI block"
                << longestBlockMs << "ms; most rows" << maxRows << "of which jobs" << maxGroupRows;
        QCOMPARE(job.files.files, Files);
        QCOMPARE(job.files.done, Files);
        QCOMPARE(job.key, u"up/many/"_s);
        QCOMPARE(maxGroupRows, 1);
        // The job's row, its live files (slots and a few ahead, and those not yet removed this turn), the loose file.
        const s3::TransferLimits limits;
        const int bound = 2 + 2 * (limits.maxActiveTransfers + limits.maxActiveSmallTransfers + s3::TransferQueue::MaterialiseAhead);
        QVERIFY2(maxRows <= bound, qPrintable(u"%1 rows (bound %2)"_s.arg(maxRows).arg(bound)));
        QVERIFY(waitUntil([&] { return transfers->rowCount() <= 2; }, 5000)); // the job and the loose file
        QVERIFY2(longestBlockMs < 50, qPrintable(QString::number(longestBlockMs)));

        for (int i = 0; i < Files; ++i) {
            const QString key = i == 0 ? u"up/many/d0/f0 (1).txt"_s : u"up/many/"_s + name(i);
            const std::optional<FakeS3Object> object = m_server->object(u"bucket"_s, key);
            QVERIFY2(object, qPrintable(key));
            QCOMPARE(object->data, content(i));
        }
        QCOMPARE(m_server->object(u"bucket"_s, u"up/many/"_s + name(0))->data, QByteArray("the original"));
        QCOMPARE(m_server->object(u"bucket"_s, u"up/loose.txt"_s)->data, QByteArray("loose"));
    }

    // The case: a folder of 100,000 (empty) files dropped, one of them existing, "Keep both": from the drop
    // to the job's row the GUI thread is never blocked 50 ms (the walk, the choice and the grouping run on worker
    // threads; the list goes into the engine shared). The job is removed once it is there.
    void hundredThousandFilesPlannedWithoutStall()
    {
        constexpr int Files = 100000;
        const QString folder = m_dir.filePath(u"huge"_s);
        for (int d = 0; d < 20; ++d)
            QVERIFY(QDir().mkpath(u"%1/d%2"_s.arg(folder).arg(d)));
        for (int i = 0; i < Files; ++i) {
            QFile file(folder + u'/' + name(i));
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        m_server->putObject(u"bucket"_s, u"up/huge/"_s + name(5), "exists");

        QSettings settings(m_dir.filePath(u"settings-huge.ini"_s), QSettings::IniFormat);
        MainWindowDependencies dependencies;
        dependencies.settings = &settings;
        dependencies.stateDir = m_dir.filePath(u"queues-huge"_s);
        MainWindow window(dependencies);
        window.resize(1024, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openSession(fakeSessionConfig(m_server->endpointUrl(), {}, u"huge"_s)));
        BrowserView *browser = window.browser();
        browser->openLocation(u"bucket"_s, u"up/"_s);
        QVERIFY(waitUntil([&] { return browser->model()->rowCount() > 0 && !browser->model()->isListing(); }, 5000));
        TransferListModel *transfers = window.transfers();
        QSignalSpy queued(browser, &BrowserView::uploadsQueued);
        m_server->addFault(delayFault(u"PutObject"_s, 50)); // few files finish before the job is removed

        QElapsedTimer sinceTick;
        qint64 longestBlockMs = 0;
        QTimer probe;
        probe.setInterval(0);
        QElapsedTimer wall;
        connect(&probe, &QTimer::timeout, this, [&] {
            if (sinceTick.elapsed() >= 30)
                qInfo() << "GUI thread blocked" << sinceTick.elapsed() << "ms, until" << wall.elapsed() << "ms after the drop";
            longestBlockMs = std::max(longestBlockMs, sinceTick.elapsed());
            sinceTick.restart();
        });
        wall.start();
        sinceTick.start();
        probe.start();
        browser->uploadPaths({folder}, u"up/"_s);
        auto *box = waitForVisibleChild<QMessageBox>(&window, u"uploadConflict"_s, 60000);
        QVERIFY(box);
        const qint64 planMs = wall.elapsed();
        qInfo() << "prompt seen" << planMs << "ms after the drop";
        const qint64 blockWhilePlanning = longestBlockMs;
        QAbstractButton *keepBoth = messageBoxButton(box, u"Keep both"_s);
        QVERIFY(keepBoth);
        sinceTick.restart();
        keepBoth->click();
        QVERIFY(queued.wait(60000));
        QCOMPARE(queued.first().at(0).toInt(), Files);
        s3::TransferSnapshot job;
        QVERIFY(waitUntil([&] {
            for (int row = 0; row < transfers->rowCount(); ++row) {
                if (transfers->snapshotAt(row).isGroup)
                    job = transfers->snapshotAt(row);
            }
            return job.id != 0 && job.files.files == Files;
        }, 30000));
        QTest::qWait(500); // the job's first files start: the rows and notifications of a running job
        probe.stop();
        const qint64 enqueuedMs = wall.elapsed();
        int groups = 0;
        for (int row = 0; row < transfers->rowCount(); ++row)
            groups += transfers->snapshotAt(row).isGroup ? 1 : 0;
        qInfo() << "100,000-file folder: prompt after" << planMs << "ms (longest GUI block while planning" << blockWhilePlanning
                << "ms), job row after" << enqueuedMs << "ms; longest GUI block" << longestBlockMs << "ms; rows" << transfers->rowCount();
        QCOMPARE(groups, 1);
        QVERIFY2(transfers->rowCount() < 200, qPrintable(QString::number(transfers->rowCount())));
        QVERIFY2(longestBlockMs < 50, qPrintable(QString::number(longestBlockMs)));
        window.currentSession()->transfers()->remove(job.id);
        QVERIFY(waitUntil([&] { return transfers->rowCount() == 0; }, 30000));
        m_server->clearFaults();
    }
};

QTEST_MAIN(TestUploadGroupRows)
#include "tst_uploadgrouprows.moc"
