// SPDX-License-Identifier: Apache-2.0
// MultipartUploadsModel and IncompleteUploadsDialog against the in-process fake S3: listing with parts and sizes
// (bounded ListParts concurrency), the summary, abort after a non-modal confirmation, errors with their S3 code.
#include <QAbstractItemModelTester>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTreeView>

#include "dialogs/incompleteuploadsdialog.h"
#include "models/multipartuploadsmodel.h"
#include "uitestsupport.h"
#include "util/format.h"

using s3ui::IncompleteUploadsDialog;
using s3ui::MultipartUploadsModel;

class TestIncompleteUploadsDialog : public QObject
{
    Q_OBJECT

private:
    FakeS3Server m_server;
    std::unique_ptr<s3ui::Session> m_session;
    QString m_bucket;
    int m_bucketCounter = 0;

    /** Starts an upload and stores parts of these sizes; returns its id (empty on failure). */
    QString createUpload(const QString &key, const QList<qint64> &partSizes)
    {
        return startTestMultipartUpload(m_session->client(), m_bucket, key, partSizes, 10000);
    }

    static int proxyRowForKey(QTreeView *view, const QString &key)
    {
        const QAbstractItemModel *model = view->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, MultipartUploadsModel::KeyColumn).data().toString() == key)
                return row;
        }
        return -1;
    }

    /** Clicks the row of this key (with Ctrl: adds it to the selection), like a user. */
    static void clickRow(QTreeView *view, const QString &key, Qt::KeyboardModifiers modifiers = {})
    {
        const QModelIndex index = view->model()->index(proxyRowForKey(view, key), MultipartUploadsModel::KeyColumn);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, view->visualRect(index).center());
    }

    static QMessageBox *confirmation(IncompleteUploadsDialog &dialog)
    {
        // The box of an earlier question may still exist (it deletes itself later): the visible one is asked.
        return waitForVisibleChild<QMessageBox>(&dialog, QStringLiteral("abortConfirmation"), 2000);
    }

    static bool waitLoaded(IncompleteUploadsDialog &dialog)
    {
        return waitUntil([&] { return !dialog.model()->isLoading(); }, 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_session = openTestSession(fakeSessionConfig(m_server.endpointUrl()));
        QVERIFY(m_session);
    }

    void init()
    {
        m_bucket = QStringLiteral("uploads-%1").arg(++m_bucketCounter); // each test starts with an empty bucket
        m_server.createBucket(m_bucket);
        m_server.clearFaults();
        m_server.clearLog();
    }

    void modelListsUploadsWithPartsAndSizes()
    {
        const QString a = createUpload(QStringLiteral("a.bin"), {1000, 2000});
        const QString b = createUpload(QStringLiteral("dir/b.bin"), {});
        const QString c = createUpload(QStringLiteral("dir/c.bin"), {4096});
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty());

        MultipartUploadsModel model(m_session->client(), m_bucket);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loading(&model, &MultipartUploadsModel::loadingChanged);
        model.refresh();
        QVERIFY(model.isLoading());
        QVERIFY(waitUntil([&] { return !model.isLoading(); }, 10000));
        QCOMPARE(loading.size(), 2);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(MultipartUploadsModel::ColumnCount));
        QVERIFY(model.partsKnown());
        QCOMPARE(model.totalBytes(), 7096);

        const int rowA = model.rowForUploadId(a);
        QVERIFY(rowA >= 0);
        QCOMPARE(model.index(rowA, MultipartUploadsModel::KeyColumn).data().toString(), QStringLiteral("a.bin"));
        QCOMPARE(model.index(rowA, MultipartUploadsModel::PartsColumn).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.index(rowA, MultipartUploadsModel::SizeColumn).data().toString(), s3ui::formatSize(3000));
        QCOMPARE(model.index(rowA, 0).data(MultipartUploadsModel::BytesRole).toLongLong(), 3000);
        QCOMPARE(model.index(rowA, 0).data(MultipartUploadsModel::PartsRole).toInt(), 2);
        QCOMPARE(model.index(rowA, MultipartUploadsModel::UploadIdColumn).data().toString(), a);
        QVERIFY(model.index(rowA, MultipartUploadsModel::UploadIdColumn).data(Qt::ToolTipRole).toString().contains(a));
        QVERIFY(!model.index(rowA, MultipartUploadsModel::InitiatedColumn).data().toString().isEmpty());
        const int rowB = model.rowForUploadId(b);
        QCOMPARE(model.index(rowB, MultipartUploadsModel::PartsColumn).data().toString(), QStringLiteral("0"));
        QCOMPARE(model.index(rowB, 0).data(MultipartUploadsModel::BytesRole).toLongLong(), 0);

        // Removing a row (after an abort) and listing again keep the model consistent.
        QVERIFY(model.removeUpload(b));
        QVERIFY(!model.removeUpload(b));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowForUploadId(c), model.index(model.rowForUploadId(c), 0).row());
        QCOMPARE(model.upload(model.rowForUploadId(c)).key, QStringLiteral("dir/c.bin"));
        model.refresh();
        QCOMPARE(model.rowCount(), 0); // reset first, then filled
        QVERIFY(waitUntil([&] { return !model.isLoading(); }, 10000));
        QCOMPARE(model.rowCount(), 3);
    }

    void partListingsRunAtMostFourAtATime()
    {
        for (int i = 0; i < 10; ++i)
            QVERIFY(!createUpload(QStringLiteral("file-%1").arg(i), {100}).isEmpty());
        m_server.addFault(delayFault(QStringLiteral("ListParts"), 50));
        m_server.resetStatistics();

        MultipartUploadsModel model(m_session->client(), m_bucket);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.refresh();
        QVERIFY(waitUntil([&] { return !model.isLoading(); }, 20000));
        QCOMPARE(m_server.count(QStringLiteral("ListParts")), 10);
        QVERIFY2(m_server.maxConcurrentRequests() <= MultipartUploadsModel::MaxConcurrentPartListings,
                 qPrintable(QString::number(m_server.maxConcurrentRequests())));
        QVERIFY(m_server.maxConcurrentRequests() >= 2); // but in parallel
        QCOMPARE(model.totalBytes(), 1000);
    }

    void vanishedUploadIsDroppedAndFailedPartsShowTheCode()
    {
        QVERIFY(!createUpload(QStringLiteral("gone.bin"), {10}).isEmpty());
        QVERIFY(!createUpload(QStringLiteral("secret.bin"), {10}).isEmpty());
        QVERIFY(!createUpload(QStringLiteral("fine.bin"), {10}).isEmpty());
        m_server.addFault(
            errorFault(QStringLiteral("ListParts"), 404, QStringLiteral("NoSuchUpload"), QStringLiteral("gone")));
        m_server.addFault(
            errorFault(QStringLiteral("ListParts"), 403, QStringLiteral("AccessDenied"), QStringLiteral("secret")));

        MultipartUploadsModel model(m_session->client(), m_bucket);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.refresh();
        QVERIFY(waitUntil([&] { return !model.isLoading(); }, 10000));
        QCOMPARE(model.rowCount(), 2); // completed or aborted meanwhile: nothing to show
        QVERIFY(!model.partsKnown());
        int secretRow = -1;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.upload(row).key == QLatin1String("secret.bin"))
                secretRow = row;
        }
        QVERIFY(secretRow >= 0);
        QCOMPARE(model.index(secretRow, MultipartUploadsModel::PartsColumn).data().toString(), QStringLiteral("?"));
        QVERIFY(model.index(secretRow, MultipartUploadsModel::PartsColumn).data(Qt::ToolTipRole).toString().contains(
            QLatin1String("AccessDenied")));
    }

    void dialogListsAndSummarises()
    {
        QVERIFY(!createUpload(QStringLiteral("one.bin"), {3 * 1024 * 1024}).isEmpty());
        QVERIFY(!createUpload(QStringLiteral("two.bin"), {1024 * 1024, 1024 * 1024}).isEmpty());
        QVERIFY(!createUpload(QStringLiteral("three.bin"), {}).isEmpty());
        IncompleteUploadsDialog dialog(m_session.get(), m_bucket);
        QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        dialog.show();
        QVERIFY(waitLoaded(dialog));
        auto *view = child<QTreeView>(dialog, "uploadsView");
        QCOMPARE(view->model()->rowCount(), 3);
        QCOMPARE(view->selectionMode(), QAbstractItemView::ExtendedSelection);
        const QString summary = child<QLabel>(dialog, "summaryLabel")->text();
        QCOMPARE(summary, QStringLiteral("3 incomplete uploads, %1 stored — you are billed for these parts")
                              .arg(s3ui::formatSize(5 * 1024 * 1024)));
        QVERIFY(!child<QPushButton>(dialog, "abortButton")->isEnabled()); // nothing selected

        // Sorting by size (a raw value, not the text) puts the empty upload first.
        view->sortByColumn(MultipartUploadsModel::SizeColumn, Qt::AscendingOrder);
        const auto keyAt = [view](int row) {
            return view->model()->index(row, MultipartUploadsModel::KeyColumn).data().toString();
        };
        QCOMPARE(keyAt(0), QStringLiteral("three.bin"));
        QCOMPARE(keyAt(2), QStringLiteral("one.bin"));
    }

    void emptyBucketSaysSo()
    {
        IncompleteUploadsDialog dialog(m_session.get(), m_bucket);
        dialog.show();
        QVERIFY(waitLoaded(dialog));
        QVERIFY(child<QLabel>(dialog, "summaryLabel")->text().startsWith(QLatin1String("No incomplete uploads")));
    }

    void abortSelectedAfterConfirmation()
    {
        const QString keep = createUpload(QStringLiteral("keep.bin"), {100});
        QVERIFY(!keep.isEmpty());
        QVERIFY(!createUpload(QStringLiteral("drop-1.bin"), {100}).isEmpty());
        QVERIFY(!createUpload(QStringLiteral("drop-2.bin"), {200}).isEmpty());
        IncompleteUploadsDialog dialog(m_session.get(), m_bucket);
        QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        dialog.show();
        QVERIFY(waitLoaded(dialog));
        auto *view = child<QTreeView>(dialog, "uploadsView");
        auto *abort = child<QPushButton>(dialog, "abortButton");
        clickRow(view, QStringLiteral("drop-1.bin"));
        clickRow(view, QStringLiteral("drop-2.bin"), Qt::ControlModifier);
        QCOMPARE(dialog.selectedUploadIds().size(), 2);
        QVERIFY(abort->isEnabled());

        // Cancel: nothing happens.
        QTest::mouseClick(abort, Qt::LeftButton);
        QMessageBox *box = confirmation(dialog);
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QVERIFY(box->text().contains(QLatin1String("2 uploads")));
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        QVERIFY(!box->isVisible());
        QTest::qWait(20);
        QCOMPARE(m_server.count(QStringLiteral("AbortMultipartUpload")), 0);
        QCOMPARE(view->model()->rowCount(), 3);

        // Confirm: both go, the other stays.
        QSignalSpy finished(&dialog, &IncompleteUploadsDialog::abortsFinished);
        QTest::mouseClick(abort, Qt::LeftButton);
        box = confirmation(dialog);
        QVERIFY(box);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmAbortButton")), Qt::LeftButton);
        QVERIFY(waitUntil([&] { return !finished.isEmpty(); }, 10000));
        QCOMPARE(finished.constFirst().at(0).toInt(), 2);
        QCOMPARE(finished.constFirst().at(1).toInt(), 0);
        QCOMPARE(m_server.count(QStringLiteral("AbortMultipartUpload")), 2);
        const auto left = m_server.multipartUploads(m_bucket);
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.constFirst().uploadId, keep);
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(dialog.model()->upload(0).uploadId, keep);
        QCOMPARE(child<QLabel>(dialog, "summaryLabel")->text(),
                 QStringLiteral("1 incomplete upload, %1 stored — you are billed for these parts")
                     .arg(s3ui::formatSize(100)));
        QVERIFY(!child<QLabel>(dialog, "errorLabel")->isVisible());
    }

    void failedAbortsStayAndShowTheCode()
    {
        QVERIFY(!createUpload(QStringLiteral("locked.bin"), {100}).isEmpty());
        QVERIFY(!createUpload(QStringLiteral("free.bin"), {100}).isEmpty());
        FakeS3Fault denied = errorFault(QStringLiteral("AbortMultipartUpload"), 403, QStringLiteral("AccessDenied"),
                                        QStringLiteral("locked"));
        denied.times = -1;
        m_server.addFault(denied);

        IncompleteUploadsDialog dialog(m_session.get(), m_bucket);
        dialog.show();
        QVERIFY(waitLoaded(dialog));
        auto *view = child<QTreeView>(dialog, "uploadsView");
        view->setFocus();
        view->selectAll();
        QCOMPARE(dialog.selectedUploadIds().size(), 2);
        QSignalSpy finished(&dialog, &IncompleteUploadsDialog::abortsFinished);
        dialog.abortSelected();
        QMessageBox *box = confirmation(dialog);
        QVERIFY(box);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmAbortButton")), Qt::LeftButton);
        QVERIFY(waitUntil([&] { return !finished.isEmpty(); }, 10000));
        QCOMPARE(finished.constFirst().at(0).toInt(), 1);
        QCOMPARE(finished.constFirst().at(1).toInt(), 1);
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(dialog.model()->upload(0).key, QStringLiteral("locked.bin"));
        auto *error = child<QLabel>(dialog, "errorLabel");
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QLatin1String("locked.bin"))
                     && error->text().contains(QLatin1String("AccessDenied")),
                 qPrintable(error->text()));
    }

    void listingErrorShowsTheCode()
    {
        m_server.addFault(errorFault(QStringLiteral("ListMultipartUploads"), 403, QStringLiteral("AccessDenied")));
        IncompleteUploadsDialog dialog(m_session.get(), m_bucket);
        dialog.show();
        QVERIFY(waitLoaded(dialog));
        auto *error = child<QLabel>(dialog, "errorLabel");
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QLatin1String("AccessDenied"))
                     && error->text().contains(QLatin1String("s3:ListBucketMultipartUploads")),
                 qPrintable(error->text()));

        // Refresh after the cause is gone lists normally and clears the error.
        QVERIFY(!createUpload(QStringLiteral("late.bin"), {10}).isEmpty());
        QTest::mouseClick(child<QPushButton>(dialog, "refreshButton"), Qt::LeftButton);
        QVERIFY(waitLoaded(dialog));
        QCOMPARE(dialog.model()->rowCount(), 1);
        QVERIFY(!error->isVisible());
        QVERIFY(child<QLabel>(dialog, "summaryLabel")->text().startsWith(QLatin1String("1 incomplete upload,")));
    }
};

QTEST_MAIN(TestIncompleteUploadsDialog)
#include "tst_incompleteuploadsdialog.moc"
