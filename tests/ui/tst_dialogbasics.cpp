// SPDX-License-Identifier: Apache-2.0
// What every dialog owes its user, offscreen against the in-process fake S3: no label shows a literal '&' (a
// mnemonic with no buddy), the connection dialog keeps every row whole after a long "Test connection" result
// (the dialog grows instead), and Enter in a text field does the dialog's action (Properties: Save).
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "connection/connectionprofile.h"
#include "dialogs/connectiondialog.h"
#include "dialogs/incompleteuploadsdialog.h"
#include "dialogs/presigndialog.h"
#include "dialogs/propertiesdialog.h"
#include "dialogs/secretpromptdialog.h"
#include "uitestsupport.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

namespace {

/** Labels of the dialog that would show a literal '&': a mnemonic ("&Name") on a label with no buddy. */
QStringList literalAmpersands(QWidget &dialog)
{
    QStringList found;
    const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->textFormat() == Qt::RichText || Qt::mightBeRichText(label->text()))
            continue;
        QString text = label->text();
        text.replace(u"&&"_s, QString());
        if (text.contains(u'&') && !label->buddy())
            found.append(label->text());
    }
    return found;
}

/** Widgets of the dialog squeezed below their minimum height, or outside the dialog. */
QStringList squeezedWidgets(QWidget &dialog)
{
    QStringList found;
    const QList<QWidget *> widgets = dialog.findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (!widget->isVisible() || widget->isWindow() || widget->parentWidget() != &dialog)
            continue;
        const int minimum = qMax(widget->minimumSizeHint().height(), widget->minimumHeight());
        const bool wrapped = widget->hasHeightForWidth();
        const int needed = wrapped ? qMax(minimum, widget->heightForWidth(widget->width())) : minimum;
        const QString name = widget->objectName().isEmpty() ? QString::fromLatin1(widget->metaObject()->className())
                                                            : widget->objectName();
        if (widget->height() < needed)
            found.append(u"%1 (%2 < %3)"_s.arg(name).arg(widget->height()).arg(needed));
        if (!dialog.rect().contains(widget->geometry()))
            found.append(u"%1 outside"_s.arg(name));
    }
    return found;
}

} // namespace

class TestDialogBasics : public QObject
{
    Q_OBJECT

    FakeS3Server m_server;
    std::unique_ptr<Session> m_session;
    QTemporaryDir m_dir;
    const QString m_bucket = u"dialogs"_s;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.start());
        m_server.createBucket(m_bucket);
        m_server.putObject(m_bucket, u"a.txt"_s, "a");
        m_session = openTestSession(fakeSessionConfig(m_server.endpointUrl()));
        QVERIFY(m_session);
    }

    void noLabelShowsALiteralAmpersand()
    {
        ConnectionStore store(m_dir.filePath(u"connections.ini"_s), QProcessEnvironment());
        ConnectionDialog connection(&store, nullptr, nullptr);
        connection.show();
        PresignDialog presign(m_session.get(), m_bucket, u"a.txt"_s);
        presign.show();
        PropertiesDialog properties(m_session.get(), m_bucket, u"a.txt"_s);
        properties.show();
        IncompleteUploadsDialog incomplete(m_session.get(), m_bucket);
        incomplete.show();
        ConnectionProfile profile;
        profile.name = u"Lab"_s;
        profile.accessKeyId = u"AKID"_s;
        SecretPromptDialog secret(profile, false);
        secret.show();
        for (QWidget *dialog : std::initializer_list<QWidget *>{&connection, &presign, &properties, &incomplete, &secret}) {
            const QStringList found = literalAmpersands(*dialog);
            QVERIFY2(found.isEmpty(), qPrintable(u"%1: %2"_s.arg(QString::fromLatin1(dialog->metaObject()->className()),
                                                                   found.join(u", "_s))));
        }
        // The one that was broken: its mnemonic reaches the field.
        auto *caEdit = connection.findChild<QLineEdit *>(u"caFileEdit"_s);
        QVERIFY(caEdit);
        bool caLabelFound = false;
        for (QLabel *label : connection.findChildren<QLabel *>())
            caLabelFound |= label->text() == u"&CA file:"_s && label->buddy() == caEdit;
        QVERIFY(caLabelFound);
    }

    void connectionDialogGrowsForALongTestResult()
    {
        ConnectionStore store(m_dir.filePath(u"grow.ini"_s), QProcessEnvironment());
        ConnectionDialog dialog(&store, nullptr, nullptr);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.resize(420, dialog.minimumSizeHint().height());
        QVERIFY2(squeezedWidgets(dialog).isEmpty(), qPrintable(squeezedWidgets(dialog).join(u", "_s)));
        const int before = dialog.height();

        // A refused connection: the longest kind of message, several lines at this width.
        auto setField = [&](const char *name, const QString &text) {
            auto *edit = dialog.findChild<QLineEdit *>(QLatin1String(name));
            QVERIFY(edit);
            edit->setText(text);
        };
        setField("nameEdit", u"Closed"_s);
        setField("endpointEdit", u"http://127.0.0.1:%1"_s.arg(closedLocalPort()));
        setField("accessKeyEdit", u"AKIDCLOSED"_s);
        setField("secretEdit", u"not-a-real-secret"_s);
        QSignalSpy tested(&dialog, &ConnectionDialog::testFinished);
        dialog.testConnection();
        QVERIFY(waitUntil([&] { return tested.count() == 1; }, 10000));
        auto *result = dialog.findChild<QLabel *>(u"testResultLabel"_s);
        QVERIFY(result);
        QVERIFY2(result->text().size() > 80, qPrintable(result->text()));
        QTRY_VERIFY2(squeezedWidgets(dialog).isEmpty(), qPrintable(squeezedWidgets(dialog).join(u", "_s)));
        QVERIFY(dialog.height() > before);

        // Narrower still: more lines, the dialog grows again rather than squeezing the rows.
        dialog.resize(340, dialog.height());
        QTRY_VERIFY2(squeezedWidgets(dialog).isEmpty(), qPrintable(squeezedWidgets(dialog).join(u", "_s)));
    }

    void enterInTheContentTypeFieldSaves()
    {
        PropertiesDialog dialog(m_session.get(), m_bucket, u"a.txt"_s);
        QSignalSpy changed(&dialog, &PropertiesDialog::objectChanged);
        dialog.show();
        QVERIFY(waitUntil([&] { return !dialog.isBusy(); }, 10000));
        auto *contentType = dialog.findChild<QLineEdit *>(u"contentTypeEdit"_s);
        QVERIFY(contentType);
        contentType->setFocus();
        contentType->selectAll();
        QTest::keyClicks(contentType, u"text/plain; charset=utf-8"_s);
        auto *table = dialog.findChild<QTableWidget *>(u"metadataTable"_s);
        QVERIFY(table);
        const int rowsBefore = table->rowCount();
        QTest::keyClick(contentType, Qt::Key_Return);
        QVERIFY(waitUntil([&] { return changed.count() == 1; }, 10000));
        QCOMPARE(m_server.count(u"CopyObject"_s), 1);
        QCOMPARE(m_server.object(m_bucket, u"a.txt"_s)->contentType, u"text/plain; charset=utf-8"_s);
        QCOMPARE(table->rowCount(), rowsBefore); // no empty metadata row was added
    }

    void enterInTheConnectionDialogSaves()
    {
        ConnectionStore store(m_dir.filePath(u"enter.ini"_s), QProcessEnvironment());
        ConnectionDialog dialog(&store, nullptr, nullptr);
        QSignalSpy saved(&dialog, &ConnectionDialog::profileSaved);
        dialog.show();
        auto *name = dialog.findChild<QLineEdit *>(u"nameEdit"_s);
        auto *endpoint = dialog.findChild<QLineEdit *>(u"endpointEdit"_s);
        QVERIFY(name && endpoint);
        name->setText(u"Enter"_s);
        endpoint->setText(m_server.endpointUrl());
        endpoint->setFocus();
        QTest::keyClick(endpoint, Qt::Key_Return);
        QCOMPARE(saved.count(), 1);
        QCOMPARE(store.savedProfiles().size(), 1);
    }
};

QTEST_MAIN(TestDialogBasics)
#include "tst_dialogbasics.moc"
