// SPDX-License-Identifier: Apache-2.0
// The object dialogs against the real Ceph RGW (signatures really checked): presign -> clipboard -> fetch/PUT,
// an expired link is refused, properties shown and saved in place, incomplete uploads listed and aborted.
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkReply>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>
#include <QUrlQuery>

#include "dialogs/incompleteuploadsdialog.h"
#include "dialogs/presigndialog.h"
#include "dialogs/propertiesdialog.h"
#include "models/multipartuploadsmodel.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/ops/objectjobs.h"
#include "uitestsupport.h"
#include "util/format.h"

using namespace s3;
using s3ui::IncompleteUploadsDialog;
using s3ui::MultipartUploadsModel;
using s3ui::PresignDialog;
using s3ui::PropertiesDialog;

class TestLiveObjectDialogs : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    std::unique_ptr<s3ui::Session> m_session;
    QString m_bucket;

    bool put(const QString &key, const QByteArray &data, const ObjectAttributes &attributes = {})
    {
        return putTestObject(m_client.get(), m_bucket, key, data, attributes);
    }

    QByteArray get(const QString &key)
    {
        GetObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "get" << key << job.error();
        return job.data();
    }

    ObjectMetadata head(const QString &key)
    {
        HeadObjectJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "head" << key << job.error();
        return job.metadata();
    }

    /** Sends the request with a plain QNetworkAccessManager (as a browser or curl would). */
    std::unique_ptr<QNetworkReply> fetch(const QByteArray &verb, const QString &url, const QByteArray &body = {})
    {
        QNetworkRequest request(QUrl::fromEncoded(url.toLatin1(), QUrl::StrictMode));
        if (verb == "PUT")
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, body));
        waitUntil([&] { return reply->isFinished(); }, 30000);
        return reply;
    }

    static int status(QNetworkReply *reply)
    {
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    QString createUpload(const QString &key, qint64 partSize)
    {
        return startTestMultipartUpload(m_client.get(), m_bucket, key, {partSize});
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), QStringLiteral("s3desk-live-dialogs"));
        QVERIFY(!m_bucket.isEmpty());
        m_session = openTestSession(liveSessionConfig(m_server, {}, QStringLiteral("live-dialogs")));
        QVERIFY(m_session);
    }

    void cleanupTestCase()
    {
        m_session.reset();
        if (!m_bucket.isEmpty()) {
            const S3Error error = removeTestBucket(m_client.get(), m_bucket);
            QVERIFY2(!error.isError(), qPrintable(error.toString()));
        }
    }

    void presignedGetFromTheClipboardDownloadsTheObject()
    {
        const QString key = QStringLiteral("shared/report 2024 ü+.bin"); // encoding is part of the signature
        const QByteArray data = randomBytes(200 * 1024 + 3, 11);
        QVERIFY(put(key, data));

        PresignDialog dialog(m_session.get(), m_bucket, key);
        dialog.show();
        QVERIFY(waitUntil([&] { return !dialog.url().isEmpty(); }, 10000));
        QGuiApplication::clipboard()->clear();
        QTest::mouseClick(child<QPushButton>(dialog, "copyButton"), Qt::LeftButton);
        const QString copied = QGuiApplication::clipboard()->text();
        QCOMPARE(copied, dialog.url());

        auto reply = fetch("GET", copied);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(status(reply.get()), 200);
        QCOMPARE(reply->readAll(), data);
    }

    void presignedPutStoresTheBytes()
    {
        const QString key = QStringLiteral("incoming/upload.bin");
        PresignDialog dialog(m_session.get(), m_bucket, key);
        dialog.show();
        child<QComboBox>(dialog, "methodCombo")->setCurrentIndex(1);
        QCOMPARE(dialog.method(), QByteArray("PUT"));
        QVERIFY(waitUntil([&] { return !dialog.url().isEmpty(); }, 10000));
        QTest::mouseClick(child<QPushButton>(dialog, "copyButton"), Qt::LeftButton);

        const QByteArray data = randomBytes(64 * 1024, 12);
        auto reply = fetch("PUT", QGuiApplication::clipboard()->text(), data);
        QVERIFY2(reply->error() == QNetworkReply::NoError, reply->readAll().constData());
        QCOMPARE(status(reply.get()), 200);
        QCOMPARE(get(key), data);
    }

    void oneSecondLinkFailsAfterItExpires()
    {
        const QString key = QStringLiteral("short-lived.txt");
        QVERIFY(put(key, "short"));
        PresignDialog dialog(m_session.get(), m_bucket, key);
        dialog.show();
        auto *expiry = child<QComboBox>(dialog, "expiryCombo");
        expiry->setCurrentIndex(expiry->count() - 1); // Custom
        auto *unit = child<QComboBox>(dialog, "customExpiryUnit");
        unit->setCurrentIndex(unit->findText(QStringLiteral("seconds")));
        child<QSpinBox>(dialog, "customExpiryValue")->setValue(1);
        QCOMPARE(dialog.expirySeconds(), 1);
        QVERIFY(waitUntil([&] {
            return QUrlQuery(QUrl(dialog.url())).queryItemValue(QStringLiteral("X-Amz-Expires")) == QLatin1String("1");
        }, 10000));
        const QString url = dialog.url();
        QTest::qWait(3000); // X-Amz-Date has whole seconds: wait well past date + 1 s
        auto reply = fetch("GET", url);
        QCOMPARE(status(reply.get()), 403);
        const QByteArray body = reply->readAll();
        QVERIFY2(body.contains("AccessDenied"), body.constData());
    }

    void propertiesShowTheRealObject()
    {
        const QString key = QStringLiteral("props/data.json");
        const QByteArray data = randomBytes(12345, 13);
        ObjectAttributes attributes;
        attributes.contentType = QStringLiteral("application/json");
        attributes.cacheControl = QStringLiteral("max-age=300");
        attributes.userMetadata = {{QStringLiteral("origin"), QStringLiteral("live-test")}};
        QVERIFY(put(key, data, attributes));
        const ObjectMetadata stored = head(key);

        PropertiesDialog dialog(m_session.get(), m_bucket, key);
        QSignalSpy loaded(&dialog, &PropertiesDialog::metadataLoaded);
        dialog.show();
        QVERIFY(waitUntil([&] { return !loaded.isEmpty(); }, 10000));
        QVERIFY2(child<QLabel>(dialog, "sizeLabel")->text().startsWith(s3ui::formatSize(12345)),
                 qPrintable(child<QLabel>(dialog, "sizeLabel")->text()));
        QCOMPARE(dialog.metadata().size, 12345);
        QCOMPARE(child<QLabel>(dialog, "etagLabel")->text(), QString(stored.etag).remove(QLatin1Char('"')));
        QCOMPARE(child<QLineEdit>(dialog, "contentTypeEdit")->text(), QStringLiteral("application/json"));
        QCOMPARE(child<QLabel>(dialog, "cacheControlLabel")->text(), QStringLiteral("max-age=300"));
        QVERIFY(!child<QLabel>(dialog, "lastModifiedLabel")->text().isEmpty());
        auto *table = child<QTableWidget>(dialog, "metadataTable");
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("origin"));
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("live-test"));
    }

    void propertiesSaveInPlace()
    {
        const QString key = QStringLiteral("props/edit.txt");
        const QByteArray data = randomBytes(30000, 14);
        ObjectAttributes attributes;
        attributes.contentType = QStringLiteral("text/plain");
        attributes.cacheControl = QStringLiteral("no-store");
        attributes.userMetadata = {{QStringLiteral("keep"), QStringLiteral("yes")}};
        QVERIFY(put(key, data, attributes));

        PropertiesDialog dialog(m_session.get(), m_bucket, key);
        QSignalSpy loaded(&dialog, &PropertiesDialog::metadataLoaded);
        QSignalSpy changed(&dialog, &PropertiesDialog::objectChanged);
        QSignalSpy failed(&dialog, &PropertiesDialog::failed);
        dialog.show();
        QVERIFY(waitUntil([&] { return !loaded.isEmpty(); }, 10000));
        auto *contentType = child<QLineEdit>(dialog, "contentTypeEdit");
        contentType->selectAll();
        QTest::keyClicks(contentType, QStringLiteral("text/markdown"));
        QTest::mouseClick(child<QPushButton>(dialog, "addMetadataButton"), Qt::LeftButton);
        auto *table = child<QTableWidget>(dialog, "metadataTable");
        table->item(1, 0)->setText(QStringLiteral("Reviewed-By"));
        table->item(1, 1)->setText(QStringLiteral("bob"));
        auto *save = child<QPushButton>(dialog, "saveButton");
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(waitUntil([&] { return (!changed.isEmpty() || !failed.isEmpty()) && !dialog.isBusy(); }, 20000));
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.constFirst().at(0).toString()));
        QCOMPARE(loaded.size(), 2); // read again after saving

        const ObjectMetadata now = head(key);
        QCOMPARE(now.contentType, QStringLiteral("text/markdown"));
        QCOMPARE(now.userMetadata.value(QStringLiteral("reviewed-by")), QStringLiteral("bob"));
        QCOMPARE(now.userMetadata.value(QStringLiteral("keep")), QStringLiteral("yes"));
        QCOMPARE(now.userMetadata.size(), 2);
        QCOMPARE(now.cacheControl, QStringLiteral("no-store")); // not edited: kept
        QCOMPARE(now.size, data.size());
        QCOMPARE(get(key), data);
        QCOMPARE(dialog.metadata().contentType, QStringLiteral("text/markdown"));
    }

    void incompleteUploadsListedAndAborted()
    {
        const qint64 partSize = 5 * 1024 * 1024;
        const QString first = createUpload(QStringLiteral("big/first.iso"), partSize);
        const QString second = createUpload(QStringLiteral("big/second.iso"), partSize);
        QVERIFY(!first.isEmpty() && !second.isEmpty());

        IncompleteUploadsDialog dialog(m_session.get(), m_bucket);
        dialog.show();
        QVERIFY(waitUntil([&] { return !dialog.model()->isLoading(); }, 20000));
        MultipartUploadsModel *model = dialog.model();
        QCOMPARE(model->rowCount(), 2);
        for (const QString &id : {first, second}) {
            const int row = model->rowForUploadId(id);
            QVERIFY(row >= 0);
            QCOMPARE(model->index(row, 0).data(MultipartUploadsModel::PartsRole).toInt(), 1);
            QCOMPARE(model->index(row, 0).data(MultipartUploadsModel::BytesRole).toLongLong(), partSize);
            QCOMPARE(model->index(row, MultipartUploadsModel::SizeColumn).data().toString(),
                     s3ui::formatSize(partSize));
        }
        QVERIFY2(child<QLabel>(dialog, "summaryLabel")->text().startsWith(
                     QStringLiteral("2 incomplete uploads, %1 stored").arg(s3ui::formatSize(2 * partSize))),
                 qPrintable(child<QLabel>(dialog, "summaryLabel")->text()));

        // Select the first one as a user would, abort it, confirm.
        auto *view = child<QTreeView>(dialog, "uploadsView");
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QModelIndex index = view->model()->index(row, MultipartUploadsModel::KeyColumn);
            if (index.data(MultipartUploadsModel::UploadIdRole).toString() == first)
                QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
        }
        QCOMPARE(dialog.selectedUploadIds(), QStringList{first});
        QSignalSpy finished(&dialog, &IncompleteUploadsDialog::abortsFinished);
        QTest::mouseClick(child<QPushButton>(dialog, "abortButton"), Qt::LeftButton);
        QMessageBox *box = nullptr;
        QVERIFY(waitUntil(
            [&] { return (box = dialog.findChild<QMessageBox *>(QStringLiteral("abortConfirmation"))) != nullptr; },
            2000));
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmAbortButton")), Qt::LeftButton);
        QVERIFY(waitUntil([&] { return !finished.isEmpty(); }, 20000));
        QCOMPARE(finished.constFirst().at(0).toInt(), 1);
        QCOMPARE(finished.constFirst().at(1).toInt(), 0);
        QCOMPARE(model->rowCount(), 1);

        ListMultipartUploadsJob list(m_client.get(), m_bucket);
        list.setAutoDelete(false);
        QVERIFY(runJob(list));
        QVERIFY2(!list.hasError(), qPrintable(list.error().toString()));
        QCOMPARE(list.uploads().size(), 1);
        QCOMPARE(list.uploads().constFirst().uploadId, second);
    }
};

QTEST_MAIN(TestLiveObjectDialogs)
#include "tst_live_objectdialogs.moc"
