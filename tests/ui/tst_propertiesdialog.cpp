// SPDX-License-Identifier: Apache-2.0
// PropertiesDialog against the in-process fake S3: what HeadObject shows, editing content type and metadata,
// save as CopyObject with REPLACE (other headers kept), validation, errors with their S3 code, and a save above the
// 5 GiB single-copy limit going to the transfer queue.
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QSignalSpy>
#include <QPushButton>
#include <QTableWidget>
#include <algorithm>

#include <QTest>

#include "dialogs/propertiesdialog.h"
#include "uitestsupport.h"
#include "util/format.h"

using s3ui::PropertiesDialog;

class TestPropertiesDialog : public QObject
{
    Q_OBJECT

private:
    FakeS3Server m_server;
    std::unique_ptr<s3ui::Session> m_session;
    const QString m_bucket = QStringLiteral("props");

    static bool waitLoaded(PropertiesDialog &dialog)
    {
        return waitUntil([&] { return !dialog.isBusy(); }, 10000) && dialog.metadata().size >= 0;
    }

    bool putWithAttributes(const QString &key, const QByteArray &data, const s3::ObjectAttributes &attributes)
    {
        return putTestObject(m_session->client(), m_bucket, key, data, attributes, 10000);
    }

    static QMap<QString, QString> tableContents(QTableWidget *table)
    {
        QMap<QString, QString> contents;
        for (int row = 0; row < table->rowCount(); ++row)
            contents.insert(table->item(row, 0)->text(), table->item(row, 1)->text());
        return contents;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_server.createBucket(m_bucket);
        m_session = openTestSession(fakeSessionConfig(m_server.endpointUrl()));
        QVERIFY(m_session);
    }

    void init()
    {
        m_server.clearFaults();
        m_server.setOverride({});
        m_server.clearLog();
    }

    void showsWhatHeadObjectSays()
    {
        const QByteArray data = randomBytes(1536 * 1024 + 7, 1);
        s3::ObjectAttributes attributes;
        attributes.contentType = QStringLiteral("text/csv");
        attributes.cacheControl = QStringLiteral("max-age=60");
        attributes.contentDisposition = QStringLiteral("attachment; filename=\"report.csv\"");
        attributes.userMetadata = {{QStringLiteral("owner"), QStringLiteral("alice")},
                                   {QStringLiteral("project"), QStringLiteral("s3desk")}};
        QVERIFY(putWithAttributes(QStringLiteral("reports/q1.csv"), data, attributes));
        const auto stored = m_server.object(m_bucket, QStringLiteral("reports/q1.csv"));
        QVERIFY(stored);

        PropertiesDialog dialog(m_session.get(), m_bucket, QStringLiteral("reports/q1.csv"));
        QSignalSpy loaded(&dialog, &PropertiesDialog::metadataLoaded);
        dialog.show();
        QVERIFY(waitLoaded(dialog));
        QCOMPARE(loaded.size(), 1);
        const QLocale locale;
        QCOMPARE(child<QLabel>(dialog, "sizeLabel")->text(),
                 QStringLiteral("%1 (%2 bytes)")
                     .arg(s3ui::formatSize(data.size()), locale.toString(qint64(data.size()))));
        const QString etag = QString::fromLatin1(stored->etag).remove(QLatin1Char('"'));
        QCOMPARE(child<QLabel>(dialog, "etagLabel")->text(), etag);
        QCOMPARE(child<QLineEdit>(dialog, "contentTypeEdit")->text(), QStringLiteral("text/csv"));
        QCOMPARE(child<QLabel>(dialog, "lastModifiedLabel")->text(),
                 locale.toString(stored->lastModified.toLocalTime(), QLocale::LongFormat));
        QCOMPARE(child<QLabel>(dialog, "storageClassLabel")->text(), QStringLiteral("STANDARD"));
        QCOMPARE(child<QLabel>(dialog, "cacheControlLabel")->text(), QStringLiteral("max-age=60"));
        QVERIFY(child<QLabel>(dialog, "cacheControlLabel")->isVisible());
        QCOMPARE(child<QLabel>(dialog, "contentDispositionLabel")->text(), attributes.contentDisposition);
        QVERIFY(!child<QLabel>(dialog, "contentEncodingLabel")->isVisible()); // absent: the row is hidden
        QCOMPARE(tableContents(child<QTableWidget>(dialog, "metadataTable")), attributes.userMetadata);
        QVERIFY(!child<QPushButton>(dialog, "saveButton")->isEnabled()); // nothing edited yet
        QVERIFY(!child<QLabel>(dialog, "errorLabel")->isVisible());
    }

    void editAndSaveReplacesOnlyWhatWasEdited()
    {
        const QString key = QStringLiteral("edit/me.bin");
        const QByteArray data = randomBytes(10000, 2);
        s3::ObjectAttributes attributes;
        attributes.contentType = QStringLiteral("application/octet-stream");
        attributes.cacheControl = QStringLiteral("no-cache");
        attributes.contentEncoding = QStringLiteral("identity");
        attributes.userMetadata = {{QStringLiteral("keep"), QStringLiteral("1")},
                                   {QStringLiteral("drop"), QStringLiteral("2")},
                                   {QStringLiteral("change"), QStringLiteral("old")}};
        QVERIFY(putWithAttributes(key, data, attributes));
        const QByteArray etag = m_server.object(m_bucket, key)->etag;

        PropertiesDialog dialog(m_session.get(), m_bucket, key);
        QSignalSpy changed(&dialog, &PropertiesDialog::objectChanged);
        dialog.show();
        QVERIFY(waitLoaded(dialog));
        auto *contentType = child<QLineEdit>(dialog, "contentTypeEdit");
        auto *table = child<QTableWidget>(dialog, "metadataTable");
        auto *save = child<QPushButton>(dialog, "saveButton");

        contentType->selectAll();
        QTest::keyClicks(contentType, QStringLiteral("image/png"));
        QVERIFY(save->isEnabled());

        // Add a row with the keyboard: the name cell opens for editing.
        QTest::mouseClick(child<QPushButton>(dialog, "addMetadataButton"), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 4);
        auto *editor = qobject_cast<QLineEdit *>(table->indexWidget(table->model()->index(3, 0)));
        QVERIFY(editor);
        QTest::keyClicks(editor, QStringLiteral("Color"));
        QTest::keyClick(editor, Qt::Key_Return); // the delegate commits on the next event round
        QTRY_COMPARE(table->item(3, 0)->text(), QStringLiteral("Color"));
        table->item(3, 1)->setText(QStringLiteral("blue"));

        // Change one value, remove another row.
        for (int row = 0; row < table->rowCount(); ++row) {
            if (table->item(row, 0)->text() == QLatin1String("change"))
                table->item(row, 1)->setText(QStringLiteral("new"));
        }
        for (int row = 0; row < table->rowCount(); ++row) {
            if (table->item(row, 0)->text() == QLatin1String("drop"))
                table->selectRow(row);
        }
        QTest::mouseClick(child<QPushButton>(dialog, "removeMetadataButton"), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 3);

        QVERIFY(save->isEnabled());
        m_server.clearLog();
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(dialog.isBusy());
        QVERIFY(waitUntil([&] { return !changed.isEmpty() && !dialog.isBusy(); }, 10000));
        QCOMPARE(changed.constFirst().at(0).toString(), m_bucket);
        QCOMPARE(changed.constFirst().at(1).toString(), key);

        // The copy looks at the source first (size, ETag), reads its ACL to put it back, then copies.
        const QList<FakeS3Request> log = m_server.requests();
        const auto copyIt = std::find_if(log.cbegin(), log.cend(), [](const FakeS3Request &r) { return r.operation == QLatin1String("CopyObject"); });
        QVERIFY(copyIt != log.cend());
        const FakeS3Request copy = *copyIt;
        QCOMPARE(copy.header("x-amz-metadata-directive"), QByteArray("REPLACE"));
        QCOMPARE(copy.header("x-amz-copy-source-if-match"), etag);
        QCOMPARE(m_server.count(QStringLiteral("CopyObject")), 1);
        QCOMPARE(m_server.count(QStringLiteral("HeadObject")), 2); // before the copy, and read again after saving

        const auto stored = m_server.object(m_bucket, key);
        QCOMPARE(stored->data, data);
        QCOMPARE(stored->contentType, QStringLiteral("image/png"));
        const QMap<QString, QString> expected{{QStringLiteral("keep"), QStringLiteral("1")},
                                              {QStringLiteral("change"), QStringLiteral("new")},
                                              {QStringLiteral("color"), QStringLiteral("blue")}};
        QCOMPARE(stored->metadata, expected);
        QCOMPARE(stored->cacheControl, QByteArray("no-cache"));     // not edited: kept
        QCOMPARE(stored->contentEncoding, QByteArray("identity")); // not edited: kept

        // The dialog shows the object as it is now.
        QCOMPARE(dialog.metadata().contentType, QStringLiteral("image/png"));
        QCOMPARE(tableContents(table), expected);
        QVERIFY(!save->isEnabled());
        QVERIFY(child<QLabel>(dialog, "statusLabel")->text().contains(QLatin1String("Saved")));
    }

    void invalidEditsCannotBeSaved_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("problem");
        const QString v = QStringLiteral("v");
        QTest::newRow("space in name") << QStringLiteral("my key") << v << QStringLiteral("may contain only");
        QTest::newRow("no name") << QString() << v << QStringLiteral("no name");
        QTest::newRow("duplicate") << QStringLiteral("Existing") << v << QStringLiteral("twice");
        QTest::newRow("non-ascii") << QStringLiteral("city") << QStringLiteral("Zürich") << QStringLiteral("ASCII");
        QTest::newRow("over 2 KB") << QStringLiteral("big") << QString(2100, u'x') << QStringLiteral("2048");
    }

    void invalidEditsCannotBeSaved()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, problem);
        const QString key = QStringLiteral("invalid.txt");
        m_server.putObject(m_bucket, key, "x", QStringLiteral("text/plain"),
                           {{QStringLiteral("existing"), QStringLiteral("1")}});
        PropertiesDialog dialog(m_session.get(), m_bucket, key);
        dialog.show();
        QVERIFY(waitLoaded(dialog));
        auto *table = child<QTableWidget>(dialog, "metadataTable");
        QTest::mouseClick(child<QPushButton>(dialog, "addMetadataButton"), Qt::LeftButton);
        table->item(1, 0)->setText(name);
        table->item(1, 1)->setText(value);
        auto *label = child<QLabel>(dialog, "problemLabel");
        QVERIFY(label->isVisible());
        QVERIFY2(label->text().contains(problem), qPrintable(label->text()));
        QVERIFY(!child<QPushButton>(dialog, "saveButton")->isEnabled());
        QVERIFY(!dialog.canSave());
        dialog.save(); // refused
        QCOMPARE(m_server.count(QStringLiteral("CopyObject")), 0);

        // An empty added row is not an edit.
        table->item(1, 0)->setText(QString());
        table->item(1, 1)->setText(QString());
        QVERIFY(!label->isVisible());
        QVERIFY(!child<QPushButton>(dialog, "saveButton")->isEnabled());
    }

    void missingObjectShowsTheCode()
    {
        PropertiesDialog dialog(m_session.get(), m_bucket, QStringLiteral("no/such/key"));
        QSignalSpy failed(&dialog, &PropertiesDialog::failed);
        dialog.show();
        QVERIFY(waitUntil([&] { return !failed.isEmpty(); }, 10000));
        auto *error = child<QLabel>(dialog, "errorLabel");
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QLatin1String("NotFound")), qPrintable(error->text()));
        QVERIFY(!child<QPushButton>(dialog, "saveButton")->isEnabled());
        QVERIFY(child<QLineEdit>(dialog, "contentTypeEdit")->isReadOnly());
    }

    void saveErrorsShowTheCode()
    {
        const QString key = QStringLiteral("denied.txt");
        m_server.putObject(m_bucket, key, "content", QStringLiteral("text/plain"));
        PropertiesDialog dialog(m_session.get(), m_bucket, key);
        dialog.show();
        QVERIFY(waitLoaded(dialog));
        m_server.addFault(errorFault(QStringLiteral("CopyObject"), 403, QStringLiteral("AccessDenied")));
        child<QLineEdit>(dialog, "contentTypeEdit")->setText(QStringLiteral("text/html"));
        QSignalSpy failed(&dialog, &PropertiesDialog::failed);
        QSignalSpy changed(&dialog, &PropertiesDialog::objectChanged);
        QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QVERIFY(waitUntil([&] { return !failed.isEmpty(); }, 10000));
        auto *error = child<QLabel>(dialog, "errorLabel");
        QVERIFY2(error->text().contains(QLatin1String("AccessDenied")), qPrintable(error->text()));
        QVERIFY(changed.isEmpty());
        QCOMPARE(m_server.object(m_bucket, key)->contentType, QStringLiteral("text/plain"));
        // The edit is kept so the user can retry.
        QCOMPARE(child<QLineEdit>(dialog, "contentTypeEdit")->text(), QStringLiteral("text/html"));
        QVERIFY(child<QPushButton>(dialog, "saveButton")->isEnabled());
    }

    void concurrentChangeIsNotOverwritten()
    {
        const QString key = QStringLiteral("race.txt");
        m_server.putObject(m_bucket, key, "version 1", QStringLiteral("text/plain"));
        PropertiesDialog dialog(m_session.get(), m_bucket, key);
        dialog.show();
        QVERIFY(waitLoaded(dialog));
        m_server.putObject(m_bucket, key, "version 2", QStringLiteral("text/plain")); // someone else uploads
        child<QLineEdit>(dialog, "contentTypeEdit")->setText(QStringLiteral("text/markdown"));
        QSignalSpy failed(&dialog, &PropertiesDialog::failed);
        dialog.save();
        QVERIFY(waitUntil([&] { return !failed.isEmpty(); }, 10000));
        QVERIFY2(failed.constFirst().at(0).toString().contains(QLatin1String("PreconditionFailed")),
                 qPrintable(failed.constFirst().at(0).toString()));
        QCOMPARE(m_server.object(m_bucket, key)->data, QByteArray("version 2"));
        QCOMPARE(m_server.object(m_bucket, key)->contentType, QStringLiteral("text/plain"));
    }

    void objectsOver5GiBAreSavedInTheTransferQueue()
    {
        // The fake cannot hold 6 GiB: its HEAD answer announces that size. A save above the single-copy size is a
        // copy onto itself in parts, which goes to the transfer queue (resumable, with progress there); the dialog
        // closes and says so. The fake does not implement UploadPartCopy, so the queued copy fails at the first
        // part: the transfer says so and leaves no upload behind.
        m_server.setOverride([](const FakeS3Request &request, FakeS3Response &response) {
            if (request.operation != QLatin1String("HeadObject") || request.key != QLatin1String("huge.iso"))
                return false;
            response.status = 200;
            response.setHeader("Content-Length", QByteArray::number(6ll * 1024 * 1024 * 1024));
            response.setHeader("ETag", "\"0123456789abcdef0123456789abcdef-600\"");
            response.setHeader("Content-Type", "application/x-iso9660-image");
            response.setHeader("Last-Modified", "Wed, 01 May 2024 10:00:00 GMT");
            return true;
        });
        m_server.putObject(m_bucket, QStringLiteral("huge.iso"), "stand-in", QStringLiteral("application/x-iso9660-image"));
        QVERIFY(m_session->transfers());
        QWidget window;
        auto *dialog = new PropertiesDialog(m_session.get(), m_bucket, QStringLiteral("huge.iso"), &window);
        window.show();
        dialog->show();
        QVERIFY(waitLoaded(*dialog));
        QCOMPARE(dialog->metadata().size, 6ll * 1024 * 1024 * 1024);
        auto *limit = child<QLabel>(*dialog, "limitLabel");
        QVERIFY(limit->isVisible());
        QVERIFY2(limit->text().contains(QLatin1String("in parts")) && limit->text().contains(QLatin1String("transfers panel")),
                 qPrintable(limit->text()));
        auto *contentType = child<QLineEdit>(*dialog, "contentTypeEdit");
        QVERIFY(!contentType->isReadOnly());
        contentType->setText(QStringLiteral("application/octet-stream"));
        QVERIFY(child<QPushButton>(*dialog, "saveButton")->isEnabled());
        QSignalSpy queued(dialog, &PropertiesDialog::saveQueued);
        QSignalSpy finished(m_session->transfers(), &s3::TransferEngine::taskFinished);
        dialog->save();
        QCOMPARE(queued.size(), 1);
        QVERIFY2(queued.constFirst().at(2).toString().contains(QLatin1String("transfers panel")), qPrintable(queued.constFirst().at(2).toString()));
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        QVERIFY(!dialog->isVisible());
        auto *box = waitForVisibleChild<QMessageBox>(&window, QStringLiteral("propertiesSaveQueued"), 5000);
        QVERIFY(box);
        box->accept();

        QVERIFY(waitUntil([&] { return !finished.isEmpty(); }, 30000));
        const auto snapshot = finished.constFirst().constFirst().value<s3::TransferSnapshot>();
        QCOMPARE(snapshot.direction, s3::TransferDirection::Copy);
        QCOMPARE(snapshot.sourceKey, QStringLiteral("huge.iso"));
        QCOMPARE(snapshot.key, QStringLiteral("huge.iso"));
        QVERIFY(!snapshot.move);
        QCOMPARE(snapshot.state, s3::TransferState::Failed);
        QVERIFY2(snapshot.lastError.message().contains(QLatin1String("part 1")), qPrintable(snapshot.lastError.toString()));
        QCOMPARE(m_server.count(QStringLiteral("CopyObject")), 0);
        QCOMPARE(m_server.count(QStringLiteral("CreateMultipartUpload")), 1);
        QVERIFY(waitUntil([&] { return m_server.count(QStringLiteral("AbortMultipartUpload")) == 1; }, 10000));
        // The object was not touched.
        QCOMPARE(m_server.object(m_bucket, QStringLiteral("huge.iso"))->contentType, QStringLiteral("application/x-iso9660-image"));
    }
};

QTEST_MAIN(TestPropertiesDialog)
#include "tst_propertiesdialog.moc"
