// SPDX-License-Identifier: Apache-2.0
// Small dialogs sized to their content, offscreen against the in-process fake S3: the title bar shows the whole
// title ("Rename — S3Desk", not "Rena… 3Desk") for Rename, New folder, the secret prompt and the delete prompt;
// the delete prompt shows the object's address on one line (not wrapped mid-name); the presign dialog's link box
// shows every line of a long link (no scroll bar, no half line); Incomplete uploads shows its dates in full.
// In the system's language, as the app: ctest runs it once more as tst_dialogsizing_de with LANGUAGE=de, where
// the longer German texts must fit too.
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

#include "browser/browserview.h"
#include "connection/connectionprofile.h"
#include "dialogs/incompleteuploadsdialog.h"
#include "dialogs/namedialog.h"
#include "dialogs/presigndialog.h"
#include "dialogs/secretpromptdialog.h"
#include "models/multipartuploadsmodel.h"
#include "models/objectlistmodel.h"
#include "uitestsupport.h"
#include "util/translations.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

namespace {
/** What the window system writes in the title bar: the title and " — " the application's display name. */
int titleWidth(const QWidget &window)
{
    return QFontMetrics(window.font()).horizontalAdvance(window.windowTitle() + u" \u2014 S3Desk"_s);
}

QString describe(const QWidget &window)
{
    return u"%1: width %2, title needs %3"_s.arg(window.windowTitle()).arg(window.width()).arg(titleWidth(window));
}
} // namespace

class TestDialogSizing : public QObject
{
    Q_OBJECT

    FakeS3Server m_server;
    std::unique_ptr<Session> m_session;
    const QString m_bucket = u"ux-newbucket"_s;
    const QString m_key = u"reports and notes/renamed file-with-a-long-name.txt"_s;
    QTranslator m_translation;
    QTranslator m_qtTranslation;

private Q_SLOTS:
    void initTestCase()
    {
        const QString language = loadTranslation(&m_translation);
        QCoreApplication::installTranslator(&m_translation);
        if (loadQtTranslation(&m_qtTranslation))
            QCoreApplication::installTranslator(&m_qtTranslation);
        if (qEnvironmentVariable("LANGUAGE").startsWith(u"de"_s))
            QCOMPARE(language, u"de"_s);
        qInfo("language: %s", qPrintable(language));
        QGuiApplication::setApplicationDisplayName(u"S3Desk"_s);
        QVERIFY(m_server.start());
        m_server.createBucket(m_bucket);
        m_server.putObject(m_bucket, m_key, "x");
        m_session = openTestSession(fakeSessionConfig(m_server.endpointUrl()));
        QVERIFY(m_session);
    }

    void smallDialogsShowTheirWholeTitle_data()
    {
        QTest::addColumn<QString>("title");
        QTest::newRow("rename") << u"Rename"_s;
        QTest::newRow("rename folder") << u"Rename folder"_s;
        QTest::newRow("new folder") << u"New folder"_s;
        QTest::newRow("long") << u"Rename a folder with a long title to see the dialog grow with it"_s;
    }

    void smallDialogsShowTheirWholeTitle()
    {
        QFETCH(QString, title);
        NameDialog dialog(title, u"New name:"_s, {});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY2(dialog.width() >= titleWidth(dialog), qPrintable(describe(dialog)));
    }

    void secretPromptShowsItsWholeTitle()
    {
        ConnectionProfile profile;
        profile.name = u"Production archive (eu-central-1)"_s;
        profile.accessKeyId = u"AKIDEXAMPLE"_s;
        SecretPromptDialog dialog(profile, false);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY2(dialog.width() >= titleWidth(dialog), qPrintable(describe(dialog)));
    }

    void deletePromptShowsTitleAndPathWhole()
    {
        BrowserView browser;
        browser.resize(900, 500);
        browser.setSession(m_session.get());
        browser.openLocation(m_bucket, u"reports and notes/"_s);
        browser.show();
        QVERIFY(waitUntil([&] { return browser.model()->rowCount() == 1; }, 5000));
        browser.view()->selectionModel()->select(browser.model()->index(0, 0),
                                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        browser.deleteAction()->trigger();
        auto *box = waitForVisibleChild<QMessageBox>(&browser, u"confirmDelete"_s, 5000);
        QVERIFY(box);
        QVERIFY(QTest::qWaitForWindowExposed(box));
        QVERIFY2(box->width() >= titleWidth(*box), qPrintable(describe(*box)));
        auto *where = box->findChild<QLabel *>(u"qt_msgbox_informativelabel"_s);
        QVERIFY(where);
        const QString path = u"s3://%1/%2"_s.arg(m_bucket, m_key);
        QCOMPARE(where->text(), path);
        const QFontMetrics metrics(where->font());
        QVERIFY2(where->width() >= metrics.horizontalAdvance(path),
                 qPrintable(u"label %1 px, path %2 px"_s.arg(where->width()).arg(metrics.horizontalAdvance(path))));
        // One line at the label's width (the layout may give the label more height than its text takes).
        const int textHeight = where->heightForWidth(where->width()) - where->contentsMargins().top() - where->contentsMargins().bottom();
        QVERIFY2(textHeight < 2 * metrics.lineSpacing(), qPrintable(u"%1 px of text"_s.arg(textHeight)));
        box->reject();
    }

    void incompleteUploadsShowTheDatesInFull()
    {
        QVERIFY(!startTestMultipartUpload(m_session->client(), m_bucket, u"a rather long key of an upload that never finished.bin"_s,
                                          {1024}).isEmpty());
        IncompleteUploadsDialog dialog(m_session.get(), m_bucket);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(waitUntil([&] { return !dialog.model()->isLoading() && dialog.model()->rowCount() == 1; }, 10000));
        auto *view = dialog.findChild<QTreeView *>(u"uploadsView"_s);
        QVERIFY(view);
        QCoreApplication::processEvents();
        const QModelIndex initiated = view->model()->index(0, MultipartUploadsModel::InitiatedColumn);
        const QString date = initiated.data().toString();
        QVERIFY(!date.isEmpty());
        const int needed = view->fontMetrics().horizontalAdvance(date);
        QVERIFY2(view->visualRect(initiated).width() >= needed,
                 qPrintable(u"%1: %2 px for %3 px"_s.arg(date).arg(view->visualRect(initiated).width()).arg(needed)));
    }

    void presignLinkBoxShowsEveryLine()
    {
        QString key;
        while (key.size() < 300)
            key += u"deep folder/with-a-rather-long-name/"_s;
        key += u"file.txt"_s;
        PresignDialog dialog(m_session.get(), m_bucket, key);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(waitUntil([&] { return !dialog.url().isEmpty(); }, 5000));
        auto *box = dialog.findChild<QPlainTextEdit *>(u"urlEdit"_s);
        QVERIFY(box);
        const auto everyLineShown = [&] {
            QCoreApplication::processEvents();
            return box->verticalScrollBar()->maximum() == 0 && box->height() > 5 * box->fontMetrics().lineSpacing();
        };
        // At its width, the link takes more than the five lines the box used to have: all of them are shown.
        QVERIFY2(waitUntil(everyLineShown, 3000),
                 qPrintable(u"scroll range %1, %2 px high"_s.arg(box->verticalScrollBar()->maximum()).arg(box->height())));
        // Narrower: more lines, the box (and the dialog) grow with them.
        dialog.resize(dialog.width() * 3 / 4, dialog.height());
        QVERIFY2(waitUntil(everyLineShown, 3000), qPrintable(u"scroll range %1"_s.arg(box->verticalScrollBar()->maximum())));
    }
};

QTEST_MAIN(TestDialogSizing)
#include "tst_dialogsizing.moc"
