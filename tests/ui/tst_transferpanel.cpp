// SPDX-License-Identifier: Apache-2.0
// TransferPanel and TransferStatusWidget offscreen, over a real TransferEngine and the in-process fake S3 server:
// the actions act on the selected rows through their engine, their enabled states follow the selection, the
// keyboard (Delete, Space), the context menu, Clear finished, a failed row that says why, the status summary.
#include <memory>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTreeView>

#include "models/transferlistmodel.h"
#include "s3core/transfer/transferengine.h"
#include "uitestsupport.h"
#include "widgets/transferpanel.h"
#include "widgets/transferstatus.h"

using namespace s3;
using s3ui::TransferListModel;
using s3ui::TransferPanel;
using s3ui::TransferStatusWidget;

namespace {

const QString Bucket = QStringLiteral("bucket");

} // namespace

class TestTransferPanel : public QObject
{
    Q_OBJECT

    FakeS3Server m_server;
    QTemporaryDir m_dir;
    QString m_file;

    // One engine, one model and one panel per test (declared in this order, destroyed in reverse).
    std::unique_ptr<TransferListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<TransferEngine> m_engine;
    std::unique_ptr<TransferPanel> m_panel;

    /** The first PutObject hangs for a while: with one active transfer, the others stay queued behind it. */
    void holdUploads(int ms = 8000) { m_server.addFault(delayFault(QStringLiteral("PutObject"), ms)); }

    TransferId upload(const QString &key) { return m_engine->enqueueUpload(m_file, Bucket, key); }

    /** Holds uploads (holdUploads()) and queues `count`, keyed "<prefix>/0", ...; true once all rows are there. */
    bool queueHeldUploads(const QString &prefix, int count)
    {
        holdUploads();
        for (int i = 0; i < count; ++i)
            upload(QStringLiteral("%1/%2").arg(prefix).arg(i));
        return waitUntil([&] { return m_model->rowCount() == count; }, 5000);
    }

    TransferState state(int row) const { return m_model->snapshotAt(row).state; }

    bool waitState(int row, TransferState wanted, int timeoutMs = 10000) const
    {
        return waitUntil([&] { return state(row) == wanted; }, timeoutMs);
    }

    void select(std::initializer_list<int> rows)
    {
        QItemSelection selection;
        for (int row : rows)
            selection.select(m_model->index(row, 0), m_model->index(row, TransferListModel::ColumnCount - 1));
        m_panel->view()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    }

    /** The enabled actions, as their texts (the panel updates after each burst of model signals). */
    QStringList enabledActions() const
    {
        QCoreApplication::processEvents();
        QStringList names;
        const QList<QAction *> actions{m_panel->pauseAction(),     m_panel->resumeAction(),
                                       m_panel->cancelAction(),    m_panel->retryAction(),
                                       m_panel->removeAction(),    m_panel->moveToTopAction(),
                                       m_panel->pauseAllAction(),  m_panel->resumeAllAction(),
                                       m_panel->clearFinishedAction()};
        for (QAction *action : actions) {
            if (action->isEnabled())
                names << action->text();
        }
        return names;
    }

    bool waitEnabled(const QStringList &expected, int timeoutMs = 5000) const
    {
        const bool ok = waitUntil([&] { return enabledActions() == expected; }, timeoutMs);
        if (!ok)
            qWarning() << "enabled:" << enabledActions() << "expected:" << expected;
        return ok;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        QVERIFY(m_dir.isValid());
        m_server.createBucket(Bucket);
        m_file = writeTestFile(m_dir.filePath(QStringLiteral("file.txt")), "panel test");
        QVERIFY(!m_file.isEmpty());
    }

    void init()
    {
        m_server.clearFaults();
        m_model = std::make_unique<TransferListModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_engine = transferEngineFor(fakeResolver(m_server.endpointUrl()), 10000, TransferLimits{1, 1, 0});
        m_model->addEngine(m_engine.get(), QStringLiteral("fake"));
        m_panel = std::make_unique<TransferPanel>(m_model.get());
        m_panel->resize(900, 300);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void cleanup()
    {
        m_server.clearFaults();
        m_panel.reset();
        m_engine.reset();
        m_tester.reset();
        m_model.reset();
    }

    void viewSetUp()
    {
        QTreeView *view = m_panel->view();
        QCOMPARE(view->model(), m_model.get());
        QVERIFY(!view->rootIsDecorated());
        QVERIFY(view->uniformRowHeights());
        QCOMPARE(view->selectionMode(), QAbstractItemView::ExtendedSelection);
        QCOMPARE(m_panel->toolBar()->actions().size(), 10); // nine actions and a separator
        QVERIFY(waitEnabled({}));
    }

    void actionsActOnTheSelectionThroughTheEngine()
    {
        QVERIFY(queueHeldUploads(QStringLiteral("panel"), 3));
        QVERIFY(waitState(0, TransferState::Running));
        QCOMPARE(state(1), TransferState::Queued);
        QVERIFY(waitEnabled({QStringLiteral("Pause All")}));

        select({1});
        QVERIFY(waitEnabled({QStringLiteral("Pause"), QStringLiteral("Cancel"), QStringLiteral("Move to Top"),
                             QStringLiteral("Pause All")}));
        m_panel->pauseAction()->trigger();
        QVERIFY(waitState(1, TransferState::Paused));
        QVERIFY(waitEnabled({QStringLiteral("Resume"), QStringLiteral("Cancel"), QStringLiteral("Move to Top"),
                             QStringLiteral("Pause All"), QStringLiteral("Resume All")}));
        m_panel->resumeAction()->trigger();
        QVERIFY(waitState(1, TransferState::Queued));

        // Several rows at once; a disabled action does nothing.
        select({1, 2});
        QCOMPARE(m_panel->selectedRows(), (QList<int>{1, 2}));
        m_panel->retryAction()->trigger();
        m_panel->cancelAction()->trigger();
        QVERIFY(waitState(1, TransferState::Cancelled));
        QVERIFY(waitState(2, TransferState::Cancelled));
        QCOMPARE(state(0), TransferState::Running);
        QVERIFY(waitEnabled({QStringLiteral("Retry"), QStringLiteral("Remove"), QStringLiteral("Pause All"),
                             QStringLiteral("Clear Finished")}));
        m_panel->retryAction()->trigger();
        QVERIFY(waitState(1, TransferState::Queued));
        QVERIFY(waitState(2, TransferState::Queued));

        // Remove acts on finished rows only: the queued one of a mixed selection stays.
        select({2});
        m_panel->cancelAction()->trigger();
        QVERIFY(waitState(2, TransferState::Cancelled));
        select({1, 2});
        m_panel->removeAction()->trigger();
        QVERIFY(waitUntil([&] { return m_model->rowCount() == 2; }, 5000));
        QCOMPARE(m_model->snapshotAt(1).key, QStringLiteral("panel/1"));
        QCOMPARE(state(1), TransferState::Queued);

        // Pause all / Resume all reach every transfer of the engine.
        m_panel->pauseAllAction()->trigger();
        QVERIFY(waitState(0, TransferState::Paused));
        QVERIFY(waitState(1, TransferState::Paused));
        QVERIFY(waitEnabled({QStringLiteral("Resume"), QStringLiteral("Cancel"), QStringLiteral("Move to Top"),
                             QStringLiteral("Resume All")}));
        m_server.clearFaults();
        m_panel->resumeAllAction()->trigger();
        QVERIFY(waitState(0, TransferState::Succeeded));
        QVERIFY(waitState(1, TransferState::Succeeded));
        QCOMPARE(m_server.object(Bucket, QStringLiteral("panel/1"))->data, QByteArray("panel test"));
    }

    void moveToTopStartsNext()
    {
        QVERIFY(queueHeldUploads(QStringLiteral("top"), 3));
        QVERIFY(waitState(0, TransferState::Running));
        select({2});
        m_panel->moveToTopAction()->trigger();
        QVERIFY(waitUntil([&] { return m_model->snapshotAt(2).priority > m_model->snapshotAt(1).priority; }, 5000));
        // The running one makes room: the one moved to the top goes before the one that came earlier.
        select({0});
        m_panel->pauseAction()->trigger();
        QVERIFY(waitState(0, TransferState::Paused));
        QVERIFY(waitState(2, TransferState::Running));
        QCOMPARE(state(1), TransferState::Queued);
    }

    void keyboardCancelRemoveAndToggle()
    {
        QVERIFY(queueHeldUploads(QStringLiteral("keys"), 2));
        QVERIFY(waitState(0, TransferState::Running));
        QTreeView *view = m_panel->view();
        view->setFocus();

        // Real clicks select; Space pauses, then resumes.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(m_model->index(0, 0)).center());
        QCOMPARE(m_panel->selectedRows(), QList<int>{0});
        QTest::keyClick(view, Qt::Key_Space);
        QVERIFY(waitState(0, TransferState::Paused));
        QTest::keyClick(view, Qt::Key_Space);
        QVERIFY(waitUntil([&] { return state(0) == TransferState::Queued || state(0) == TransferState::Running; }));

        // Delete cancels what is active, then removes what is finished.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          view->visualRect(m_model->index(1, 0)).center());
        QCOMPARE(m_panel->selectedRows(), (QList<int>{0, 1}));
        QTest::keyClick(view, Qt::Key_Delete);
        QVERIFY(waitState(0, TransferState::Cancelled));
        QVERIFY(waitState(1, TransferState::Cancelled));
        QCOMPARE(m_model->rowCount(), 2);
        QTest::keyClick(view, Qt::Key_Delete);
        QVERIFY(waitUntil([&] { return m_model->rowCount() == 0; }, 5000));
        QVERIFY(waitEnabled({}));
    }

    void contextMenuHasTheSameActions()
    {
        QVERIFY(queueHeldUploads(QStringLiteral("menu"), 1));
        select({0});
        QTreeView *view = m_panel->view();
        Q_EMIT view->customContextMenuRequested(view->visualRect(m_model->index(0, 0)).center());
        QMenu *menu = m_panel->contextMenu();
        QVERIFY(waitUntil([&] { return menu->isVisible(); }, 5000)); // popup(): no nested event loop
        QCOMPARE(menu->actions(), m_panel->toolBar()->actions().mid(0, 6) + QList<QAction *>{menu->actions().at(6)}
                                      + m_panel->toolBar()->actions().mid(7));
        QVERIFY(m_panel->cancelAction()->isEnabled());
        m_panel->cancelAction()->trigger();
        menu->hide();
        QVERIFY(waitState(0, TransferState::Cancelled));
    }

    void failedRowSaysWhyAndClearFinishedKeepsIt()
    {
        upload(QStringLiteral("clear/done"));
        const TransferId failed = m_engine->enqueueDownload(Bucket, QStringLiteral("clear/missing"),
                                                            m_dir.filePath(QStringLiteral("missing")));
        QVERIFY(waitUntil([&] { return m_model->rowCount() == 2; }, 5000));
        QVERIFY(waitState(0, TransferState::Succeeded));
        QVERIFY(waitState(1, TransferState::Failed));
        const QModelIndex stateIndex = m_model->index(1, TransferListModel::State);
        QVERIFY2(stateIndex.data().toString().startsWith(QStringLiteral("Failed: NoSuchKey")),
                 qPrintable(stateIndex.data().toString()));
        const QString toolTip = stateIndex.data(Qt::ToolTipRole).toString();
        QVERIFY2(toolTip.contains(QStringLiteral("NoSuchKey")) && toolTip.contains(QStringLiteral("Request id: ")),
                 qPrintable(toolTip));
        select({1});
        QVERIFY(waitEnabled({QStringLiteral("Retry"), QStringLiteral("Remove"), QStringLiteral("Clear Finished")}));
        QVERIFY(!m_panel->grab().isNull()); // paints every row, the progress bars of the delegate included

        m_panel->clearFinishedAction()->trigger();
        QVERIFY(waitUntil([&] { return m_model->rowCount() == 1; }, 5000));
        QCOMPARE(m_model->snapshotAt(0).id, failed);
        QVERIFY(waitEnabled({QStringLiteral("Retry"), QStringLiteral("Remove")}));
        m_panel->removeAction()->trigger();
        QVERIFY(waitUntil([&] { return m_model->rowCount() == 0; }, 5000));
    }

    void statusSummary()
    {
        const double rate = 45.2 * 1024 * 1024;
        QCOMPARE(TransferStatusWidget::summaryText(3, rate, 0, 5), QStringLiteral("3 active \u00B7 45.2 MiB/s"));
        QCOMPARE(TransferStatusWidget::summaryText(1, 0, 2, 5), QStringLiteral("1 active \u00B7 2 failed"));
        QCOMPARE(TransferStatusWidget::summaryText(0, 0, 2, 5), QStringLiteral("2 failed"));
        QCOMPARE(TransferStatusWidget::summaryText(0, 0, 0, 0), QStringLiteral("No transfers"));
        QCOMPARE(TransferStatusWidget::summaryText(0, 0, 0, 4), QStringLiteral("No active transfers"));

        TransferStatusWidget status(m_model.get());
        QCOMPARE(status.text(), QStringLiteral("No transfers"));
        holdUploads();
        upload(QStringLiteral("status/0"));
        QVERIFY(waitUntil([&] { return status.text().startsWith(QStringLiteral("1 active")); }, 5000));
        m_engine->enqueueDownload(Bucket, QStringLiteral("status/missing"), m_dir.filePath(QStringLiteral("gone")));
        m_server.clearFaults();
        m_panel->pauseAllAction()->trigger();
        QVERIFY(waitState(0, TransferState::Paused));
        m_panel->resumeAllAction()->trigger();
        QVERIFY(waitUntil([&] { return status.text() == QStringLiteral("1 failed"); }, 10000));
        QVERIFY(status.toolTip().contains(QStringLiteral("Done: 1")));
        m_panel->clearFinishedAction()->trigger();
        QVERIFY(waitUntil([&] { return m_model->rowCount() == 1; }, 5000));
        select({0});
        m_panel->removeAction()->trigger();
        QVERIFY(waitUntil([&] { return status.text() == QStringLiteral("No transfers"); }, 5000));
    }
};

QTEST_MAIN(TestTransferPanel)
#include "tst_transferpanel.moc"
