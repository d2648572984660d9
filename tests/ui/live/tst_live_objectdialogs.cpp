// SPDX-License-Identifier: Apache-2.0
// The object dialogs against the real Ceph RGW (signatures really checked): presign -> clipboard -> fetch/PUT,
// an expired link is refused, properties shown and saved in place (a save keeps the ACL, tags, Expires,
// encryption, storage class and every header it does not edit), tags edited, incomplete uploads listed and aborted.
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
#include "s3core/ops/getobjecttaggingjob.h"
#include "s3core/ops/putobjectacljob.h"
#include "s3core/ops/rawrequestjob.h"
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

using namespace Qt::Literals::StringLiterals;

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

    /** Every header a HEAD answers, names in lower case. */
    QMap<QByteArray, QByteArray> rawHead(const QString &key)
    {
        S3Request request;
        request.method = "HEAD";
        request.bucket = m_bucket;
        request.key = key;
        RawRequestJob job(m_client.get(), request);
        job.setAutoDelete(false);
        QMap<QByteArray, QByteArray> headers;
        if (!runJob(job) || job.hasError()) {
            qWarning() << "HEAD" << key << job.error();
            return headers;
        }
        for (const auto &[name, value] : job.responseHeaders())
            headers.insert(name.toLower(), value);
        return headers;
    }

    /** The object's ACL as the server answers it (GetObjectAcl). */
    QByteArray acl(const QString &key)
    {
        S3Request request;
        request.bucket = m_bucket;
        request.key = key;
        request.query = {{"acl", {}}};
        RawRequestJob job(m_client.get(), request);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "acl" << key << job.error();
        return job.responseBody();
    }

    QList<ObjectTag> tags(const QString &key)
    {
        GetObjectTaggingJob job(m_client.get(), m_bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "tagging" << key << job.error();
        QList<ObjectTag> tags = job.tags();
        std::sort(tags.begin(), tags.end(), [](const ObjectTag &a, const ObjectTag &b) { return a.key < b.key; });
        return tags;
    }

    static bool waitLoaded(PropertiesDialog &dialog)
    {
        return waitUntil([&] { return !dialog.isBusy() && dialog.metadata().size >= 0; }, 20000);
    }

    /** Clicks Save and waits for the outcome; false (with the message) when the save failed. */
    static bool clickSave(PropertiesDialog &dialog, QString *failure)
    {
        QSignalSpy changed(&dialog, &PropertiesDialog::objectChanged);
        QSignalSpy failed(&dialog, &PropertiesDialog::failed);
        auto *save = child<QPushButton>(dialog, "saveButton");
        if (!save->isEnabled()) {
            *failure = u"Save is disabled: "_s + child<QLabel>(dialog, "problemLabel")->text();
            return false;
        }
        QTest::mouseClick(save, Qt::LeftButton);
        if (!waitUntil([&] { return (!changed.isEmpty() || !failed.isEmpty()) && !dialog.isBusy(); }, 60000)) {
            *failure = u"no outcome"_s;
            return false;
        }
        if (!failed.isEmpty()) {
            *failure = failed.constFirst().at(0).toString();
            return false;
        }
        return true;
    }

    static void setTagRows(PropertiesDialog &dialog, const QList<ObjectTag> &tags)
    {
        auto *table = child<QTableWidget>(dialog, "tagsTable");
        while (table->rowCount() > 0) {
            table->setCurrentCell(0, 0);
            QTest::mouseClick(child<QPushButton>(dialog, "removeTagButton"), Qt::LeftButton);
        }
        for (const ObjectTag &tag : tags) {
            QTest::mouseClick(child<QPushButton>(dialog, "addTagButton"), Qt::LeftButton);
            const int row = table->rowCount() - 1;
            table->item(row, 0)->setText(tag.key);
            table->item(row, 1)->setText(tag.value);
        }
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
        QVERIFY(waitUntil([&] { return child<QLabel>(dialog, "accessLabel")->text().startsWith(u"Private"_s); }, 10000));
    }

    void propertiesShowWhoMayRead()
    {
        const QString key = u"props/shared.txt"_s;
        QVERIFY(put(key, "shared", {}));
        PutObjectAclJob open(m_client.get(), m_bucket, key, u"public-read"_s);
        open.setAutoDelete(false);
        QVERIFY(runJob(open));
        QVERIFY2(!open.hasError(), qPrintable(open.error().toString()));

        PropertiesDialog dialog(m_session.get(), m_bucket, key);
        dialog.show();
        auto *access = child<QLabel>(dialog, "accessLabel");
        QVERIFY(waitUntil([&] { return !access->text().startsWith(u"reading"_s); }, 10000));
        QCOMPARE(access->text(), u"Public: anyone can read (public-read)"_s);

        // Someone else's grant is shown grant by grant.
        S3Request request;
        request.method = "PUT";
        request.bucket = m_bucket;
        request.key = key;
        request.query = {{"acl", {}}};
        request.setHeader("x-amz-grant-read", "id=\"other\"");
        request.setHeader("x-amz-grant-full-control", "id=\"tester\"");
        RawRequestJob grant(m_client.get(), request);
        grant.setAutoDelete(false);
        QVERIFY(runJob(grant));
        QVERIFY2(!grant.hasError(), qPrintable(grant.error().toString()));
        dialog.reload();
        QVERIFY(waitUntil([&] { return access->text().contains(u"can read"_s); }, 10000));
        QVERIFY2(access->text().contains(u"(other): can read"_s) && access->text().contains(u"(tester): full control"_s),
                 qPrintable(access->text()));
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

    // A save rewrites the object (a copy onto itself with REPLACE): everything it does not edit must come back
    // as it was. Compared: GetObjectAcl, GetObjectTagging and every header of a HEAD, before and after.
    void propertiesSaveKeepsEverythingItDoesNotEdit()
    {
        QVERIFY2(!m_server.otherAccessKey.isEmpty(), "the live server has no second user (S3_OTHER_ACCESS_KEY)");
        const QString key = u"props/everything.mov"_s;
        const QByteArray data = randomBytes(300 * 1024 + 5, 15);
        ObjectAttributes attributes;
        attributes.contentType = u"video/quicktime"_s;
        attributes.cacheControl = u"max-age=3600, must-revalidate"_s;
        attributes.contentDisposition = u"attachment; filename=\"holiday.mov\""_s;
        attributes.contentLanguage = u"fr"_s;
        attributes.expires = QDateTime(QDate(2032, 2, 29), QTime(12, 0, 0), Qt::UTC);
        attributes.serverSideEncryption = u"aws:kms"_s;
        attributes.sseKmsKeyId = u"testkey-1"_s; // the dev server's KMS testing backend
        attributes.storageClass = u"STANDARD_IA"_s;
        attributes.tags = {{u"project"_s, u"apollo 11"_s}, {u"retention"_s, u"1y"_s}};
        attributes.userMetadata = {{u"origin"_s, u"camera-7"_s}};
        QVERIFY(put(key, data, attributes));
        // A grant to the other user on top of the owner's: a copy alone would make the object private.
        S3Request grant;
        grant.method = "PUT";
        grant.bucket = m_bucket;
        grant.key = key;
        grant.query = {{"acl", {}}};
        grant.setHeader("x-amz-grant-read", "id=\"other\"");
        grant.setHeader("x-amz-grant-full-control", "id=\"tester\"");
        RawRequestJob grantJob(m_client.get(), grant);
        grantJob.setAutoDelete(false);
        QVERIFY(runJob(grantJob));
        QVERIFY2(!grantJob.hasError(), qPrintable(grantJob.error().toString()));

        const QByteArray aclBefore = acl(key);
        QVERIFY2(aclBefore.contains("<ID>other</ID>"), aclBefore.constData());
        const QList<ObjectTag> tagsBefore = tags(key);
        QCOMPARE(tagsBefore.size(), 2);
        const QMap<QByteArray, QByteArray> before = rawHead(key);
        // The server really stored what the comparison relies on.
        QCOMPARE(before.value("x-amz-server-side-encryption"), QByteArray("aws:kms"));
        QCOMPARE(before.value("x-amz-storage-class"), QByteArray("STANDARD_IA"));
        QVERIFY2(before.contains("expires"), "the server did not keep Expires");

        PropertiesDialog dialog(m_session.get(), m_bucket, key);
        dialog.show();
        QVERIFY(waitLoaded(dialog));
        QVERIFY(dialog.tagsKnown());
        QCOMPARE(child<QTableWidget>(dialog, "tagsTable")->rowCount(), 2);
        QTest::mouseClick(child<QPushButton>(dialog, "addMetadataButton"), Qt::LeftButton);
        auto *table = child<QTableWidget>(dialog, "metadataTable");
        table->item(table->rowCount() - 1, 0)->setText(u"reviewed"_s);
        table->item(table->rowCount() - 1, 1)->setText(u"yes"_s);
        QString failure;
        QVERIFY2(clickSave(dialog, &failure), qPrintable(failure));

        QCOMPARE(acl(key), aclBefore);
        QCOMPARE(tags(key), tagsBefore);
        QMap<QByteArray, QByteArray> after = rawHead(key);
        QCOMPARE(after.take("x-amz-meta-reviewed"), QByteArray("yes")); // the one edit
        // What a rewrite changes by nature: its time, its ETag (Ceph copies SSE-KMS objects in parts), the request.
        QMap<QByteArray, QByteArray> expected = before;
        for (const char *volatileHeader : {"date", "last-modified", "etag", "x-amz-request-id", "x-amz-id-2"}) {
            after.remove(volatileHeader);
            expected.remove(volatileHeader);
        }
        QStringList differences;
        for (const QByteArray &name : expected.keys() + after.keys()) {
            if (expected.value(name) != after.value(name) && !differences.contains(QString::fromLatin1(name)))
                differences.append(u"%1: \"%2\" -> \"%3\""_s.arg(QString::fromLatin1(name), QString::fromLatin1(expected.value(name)),
                                                                 QString::fromLatin1(after.value(name))));
        }
        QVERIFY2(differences.isEmpty(), qPrintable(differences.join(u"; "_s)));
        QCOMPARE(get(key), data);
    }

    void propertiesEditTags()
    {
        const QString key = u"props/tagged.txt"_s;
        ObjectAttributes attributes;
        attributes.tags = {{u"env"_s, u"test"_s}};
        attributes.userMetadata = {{u"keep"_s, u"yes"_s}};
        QVERIFY(put(key, "tagged", attributes));
        const ObjectMetadata stored = head(key);

        PropertiesDialog dialog(m_session.get(), m_bucket, key);
        dialog.show();
        QVERIFY(waitLoaded(dialog));
        QVERIFY(dialog.tagsKnown());
        auto *tagsTable = child<QTableWidget>(dialog, "tagsTable");
        QCOMPARE(tagsTable->rowCount(), 1);
        QCOMPARE(tagsTable->item(0, 0)->text(), u"env"_s);
        QCOMPARE(tagsTable->item(0, 1)->text(), u"test"_s);
        auto *save = child<QPushButton>(dialog, "saveButton");
        QVERIFY(!save->isEnabled()); // nothing edited yet

        // What S3 would refuse is named next to Save, and Save stays off.
        auto *problem = child<QLabel>(dialog, "problemLabel");
        setTagRows(dialog, {{u"aws:owner"_s, u"me"_s}});
        QVERIFY(!save->isEnabled());
        QVERIFY2(problem->isVisible() && problem->text().contains(u"starts with \"aws:\""_s), qPrintable(problem->text()));
        setTagRows(dialog, {{u"env"_s, u"a,b"_s}});
        QVERIFY2(problem->text().contains(u"contains \",\""_s), qPrintable(problem->text()));
        QVERIFY(!save->isEnabled());
        QList<ObjectTag> eleven;
        for (int i = 0; i < 11; ++i)
            eleven.append({u"k%1"_s.arg(i), u"v"_s});
        setTagRows(dialog, eleven);
        QVERIFY2(problem->text().contains(u"at most 10"_s), qPrintable(problem->text()));
        QVERIFY(!save->isEnabled());

        // Tags alone: PutObjectTagging, the object itself is not rewritten (same ETag and time).
        const QList<ObjectTag> newTags = {{u"env"_s, u"prod"_s}, {u"owner"_s, u"team@example.org"_s}, {u"note"_s, u"Größe 1+1=2"_s}};
        setTagRows(dialog, newTags);
        QVERIFY(!problem->isVisible());
        QString failure;
        QVERIFY2(clickSave(dialog, &failure), qPrintable(failure));
        QList<ObjectTag> expected = newTags;
        std::sort(expected.begin(), expected.end(), [](const ObjectTag &a, const ObjectTag &b) { return a.key < b.key; });
        QCOMPARE(tags(key), expected);
        const ObjectMetadata afterTags = head(key);
        QCOMPARE(afterTags.etag, stored.etag);
        QCOMPARE(afterTags.lastModified, stored.lastModified);
        QCOMPARE(afterTags.userMetadata, stored.userMetadata);
        QVERIFY(waitLoaded(dialog));
        QCOMPARE(tagsTable->rowCount(), 3); // read again

        // Tags and metadata together: one copy carries both.
        setTagRows(dialog, {{u"env"_s, u"archive"_s}});
        QTest::mouseClick(child<QPushButton>(dialog, "addMetadataButton"), Qt::LeftButton);
        auto *metadata = child<QTableWidget>(dialog, "metadataTable");
        metadata->item(metadata->rowCount() - 1, 0)->setText(u"moved"_s);
        metadata->item(metadata->rowCount() - 1, 1)->setText(u"1"_s);
        QVERIFY2(clickSave(dialog, &failure), qPrintable(failure));
        QCOMPARE(tags(key), (QList<ObjectTag>{{u"env"_s, u"archive"_s}}));
        QCOMPARE(head(key).userMetadata.value(u"moved"_s), u"1"_s);
        QCOMPARE(head(key).userMetadata.value(u"keep"_s), u"yes"_s);

        // Every tag removed while the metadata changes: the copy would keep them, so they are deleted after it.
        QVERIFY(waitLoaded(dialog));
        setTagRows(dialog, {});
        metadata->item(0, 1)->setText(metadata->item(0, 0)->text() == u"keep"_s ? u"no"_s : u"2"_s);
        QVERIFY2(clickSave(dialog, &failure), qPrintable(failure));
        QCOMPARE(tags(key), QList<ObjectTag>());
        QCOMPARE(head(key).taggingCount, 0);
        QCOMPARE(get(key), QByteArray("tagged"));

        // Tags only, all removed: DeleteObjectTagging.
        QVERIFY(waitLoaded(dialog));
        setTagRows(dialog, {{u"a"_s, u""_s}});
        QVERIFY2(clickSave(dialog, &failure), qPrintable(failure));
        QCOMPARE(tags(key), (QList<ObjectTag>{{u"a"_s, QString()}}));
        QVERIFY(waitLoaded(dialog));
        setTagRows(dialog, {});
        QVERIFY2(clickSave(dialog, &failure), qPrintable(failure));
        QCOMPARE(tags(key), QList<ObjectTag>());
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
