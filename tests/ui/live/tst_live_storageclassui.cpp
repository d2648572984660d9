// SPDX-License-Identifier: Apache-2.0
// The browser's "Change storage class…" against the real Ceph RGW, driven like a user would: the class chosen
// in the dialog (offered list or typed), the confirmation naming the count with Cancel as the default, the
// change of files and of everything in folders (HEAD reads the class back), the listing refreshed with the new
// class, Cancel changing nothing, a class the server refuses reported with its name.
#include <QAction>
#include <QComboBox>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "models/objectlistmodel.h"
#include "s3core/ops/objectjobs.h"
#include "livewindowfixture.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

class TestLiveStorageClassUi : public QObject
{
    Q_OBJECT

    LiveWindowFixture m_live; // server, dir, client, bucket, settings, window

    BrowserView *browser() const { return m_live.window->browser(); }

    bool waitListed()
    {
        return waitUntil([this] { return !browser()->model()->isListing(); }, 20000);
    }

    bool put(const QString &key, const QByteArray &data) { return putTestObject(m_live.client.get(), m_live.bucket, key, data); }

    QString storageClass(const QString &key)
    {
        s3::HeadObjectJob job(m_live.client.get(), m_live.bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            return u"(HEAD failed: %1)"_s.arg(job.error().toString());
        return job.metadata().storageClass;
    }

    QString listedClass(const QString &name)
    {
        ObjectListModel *model = browser()->model();
        const int row = model->rowOfName(name);
        return row < 0 ? u"(not listed)"_s : model->data(model->index(row, ObjectListModel::StorageClassColumn)).toString();
    }

    bool select(const QStringList &names)
    {
        QItemSelectionModel *selection = browser()->view()->selectionModel();
        selection->clearSelection();
        for (const QString &name : names) {
            if (!waitUntil([&] { return browser()->model()->rowOfName(name) >= 0; }, 10000))
                return false;
            selection->select(browser()->model()->index(browser()->model()->rowOfName(name), 0),
                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        return true;
    }

    template<typename T>
    T *waitForChild(const QString &objectName)
    {
        return waitForVisibleChild<T>(m_live.window.get(), objectName, 10000);
    }

    /** Triggers the action, picks `storageClass` in the dialog; returns the confirmation (null if none came). */
    QMessageBox *chooseClass(const QString &storageClass, QString *label = nullptr)
    {
        if (!browser()->changeStorageClassAction()->isEnabled())
            return nullptr;
        browser()->changeStorageClassAction()->trigger();
        auto *dialog = waitForChild<QInputDialog>(u"storageClassDialog"_s);
        if (!dialog)
            return nullptr;
        if (label)
            *label = dialog->labelText();
        if (!dialog->comboBoxItems().contains(u"DEEP_ARCHIVE"_s) || !dialog->isComboBoxEditable())
            return nullptr;
        dialog->setTextValue(storageClass);
        dialog->accept();
        return waitForChild<QMessageBox>(u"confirmStorageClass"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_live.server);
        QVERIFY(m_live.createBucket(u"s3desk-ui-sclass"_s));
        QVERIFY(m_live.openWindow(liveSessionConfig(m_live.server, m_live.bucket)));
        QVERIFY(waitListed());
    }

    void cleanupTestCase()
    {
        QVERIFY(m_live.cleanUp());
    }

    void changesFilesAndFoldersAfterAConfirmation()
    {
        QVERIFY(put(u"sc/a.txt"_s, "a"));
        QVERIFY(put(u"sc/tree/deep/b.txt"_s, "b"));
        QVERIFY(put(u"sc/tree/c.txt"_s, "c"));
        QVERIFY(put(u"sc/other.txt"_s, "other"));
        browser()->openLocation(m_live.bucket, u"sc/"_s);
        QVERIFY(waitListed());
        QCOMPARE(listedClass(u"a.txt"_s), u"STANDARD"_s);

        // Cancel, the default, changes nothing.
        QVERIFY(select({u"a.txt"_s}));
        QString label;
        QMessageBox *box = chooseClass(u"GLACIER"_s, &label);
        QVERIFY(box);
        QVERIFY2(label.contains(u"1 file(s)"_s) && label.contains(u"now STANDARD"_s), qPrintable(label));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QVERIFY2(box->informativeText().contains(u"restored"_s), qPrintable(box->informativeText()));
        box->button(QMessageBox::Cancel)->click();
        QTest::qWait(300);
        QCOMPARE(storageClass(u"sc/a.txt"_s), u"STANDARD"_s);

        QVERIFY(select({u"a.txt"_s, u"tree"_s}));
        box = chooseClass(u"STANDARD_IA"_s);
        QVERIFY(box);
        QVERIFY2(box->text().contains(u"1 file(s)"_s) && box->text().contains(u"1 folder(s)"_s) && box->text().contains(u"STANDARD_IA"_s),
                 qPrintable(box->text()));
        QAbstractButton *apply = messageBoxButton(box, u"Change storage class"_s);
        QVERIFY(apply);
        QSignalSpy done(browser(), &BrowserView::operationFinished);
        apply->click();
        QVERIFY(done.wait(30000));
        QVERIFY2(done.last().at(1).toBool(), qPrintable(m_live.window->lastError()));
        QCOMPARE(storageClass(u"sc/a.txt"_s), u"STANDARD_IA"_s);
        QCOMPARE(storageClass(u"sc/tree/deep/b.txt"_s), u"STANDARD_IA"_s);
        QCOMPARE(storageClass(u"sc/tree/c.txt"_s), u"STANDARD_IA"_s);
        QCOMPARE(storageClass(u"sc/other.txt"_s), u"STANDARD"_s);
        // The listing was refreshed: the new class is on screen.
        QVERIFY(waitUntil([this] { return !browser()->model()->isListing() && listedClass(u"a.txt"_s) == u"STANDARD_IA"_s; }, 10000));
        QCOMPARE(listedClass(u"other.txt"_s), u"STANDARD"_s);
    }

    void aTypedClassTheServerRefusesIsNamed()
    {
        QVERIFY(put(u"bad/x.txt"_s, "x"));
        browser()->openLocation(m_live.bucket, u"bad/"_s);
        QVERIFY(waitListed());
        QVERIFY(select({u"x.txt"_s}));
        QMessageBox *box = chooseClass(u"FROZEN_SOLID"_s);
        QVERIFY(box);
        QSignalSpy done(browser(), &BrowserView::operationFinished);
        messageBoxButton(box, u"Change storage class"_s)->click();
        QVERIFY(done.wait(30000));
        QVERIFY(!done.last().at(1).toBool());
        QVERIFY2(m_live.window->lastError().contains(u"FROZEN_SOLID"_s) && m_live.window->lastError().contains(u"bad/x.txt"_s),
                 qPrintable(m_live.window->lastError()));
        QCOMPARE(storageClass(u"bad/x.txt"_s), u"STANDARD"_s);

        // A name with spaces is no class: refused before any request.
        QVERIFY(select({u"x.txt"_s}));
        browser()->changeStorageClassAction()->trigger();
        auto *dialog = waitForChild<QInputDialog>(u"storageClassDialog"_s);
        QVERIFY(dialog);
        dialog->setTextValue(u"cold storage"_s);
        dialog->accept();
        QVERIFY(waitUntil([this] { return m_live.window->lastError().contains(u"\"cold storage\" is not a storage class name"_s); }, 5000));
        QTest::qWait(200);
        QVERIFY(!waitForVisibleChild<QMessageBox>(m_live.window.get(), u"confirmStorageClass"_s, 100));
    }
};

QTEST_MAIN(TestLiveStorageClassUi)
#include "tst_live_storageclassui.moc"
