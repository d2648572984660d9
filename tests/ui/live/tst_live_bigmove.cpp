// SPDX-License-Identifier: Apache-2.0
// Objects above the single-copy size (5 GiB; shrunk here to 5 MiB) in a folder rename and in a Properties save,
// against the real Ceph RGW through the real main window: the large objects of a renamed folder each go to the
// transfer queue as a move of their own (the small ones are moved by the folder move as before), all arrive
// byte-identical with their metadata, tags and storage class, and every source is gone; a Properties save of a
// large object goes to the queue as a copy onto itself with the new attributes, the dialog closes and says so,
// and afterwards only the edited fields differ (HEAD, GetObjectTagging, GetObjectAcl compared).
#include <algorithm>

#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "browser/browserview.h"
#include "dialogs/namedialog.h"
#include "dialogs/propertiesdialog.h"
#include "models/objectlistmodel.h"
#include "models/transferlistmodel.h"
#include "s3core/ops/getobjecttaggingjob.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/ops/rawrequestjob.h"
#include "s3core/ops/servercopyjob.h"
#include "s3core/transfer/transferengine.h"
#include "livewindowfixture.h"
#include "uitestsupport.h"
#include "widgets/mainwindow.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 Threshold = 5 * 1024 * 1024;
} // namespace

class TestLiveBigMove : public QObject
{
    Q_OBJECT

    LiveWindowFixture m_live; // server, dir, client, bucket, settings, window

    BrowserView *browser() const { return m_live.window->browser(); }

    bool waitListed()
    {
        return waitUntil([this] { return !browser()->model()->isListing(); }, 20000);
    }

    bool put(const QString &key, const QByteArray &data, const s3::ObjectAttributes &attributes = {})
    {
        return putTestObject(m_live.client.get(), m_live.bucket, key, data, attributes);
    }

    QByteArray get(const QString &key)
    {
        s3::GetObjectJob job(m_live.client.get(), m_live.bucket, key);
        job.setAutoDelete(false);
        job.setMaxMemoryBytes(64 * 1024 * 1024);
        if (!runJob(job) || job.hasError())
            return {};
        return job.data().isNull() ? QByteArray("") : job.data();
    }

    bool exists(const QString &key) { return testObjectExists(m_live.client.get(), m_live.bucket, key); }

    s3::ObjectMetadata head(const QString &key)
    {
        s3::HeadObjectJob job(m_live.client.get(), m_live.bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "head" << key << job.error();
        return job.metadata();
    }

    /** Every header a HEAD answers, names in lower case. */
    QMap<QByteArray, QByteArray> rawHead(const QString &key)
    {
        s3::S3Request request;
        request.method = "HEAD";
        request.bucket = m_live.bucket;
        request.key = key;
        s3::RawRequestJob job(m_live.client.get(), request);
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

    QByteArray acl(const QString &key)
    {
        s3::S3Request request;
        request.bucket = m_live.bucket;
        request.key = key;
        request.query = {{"acl", {}}};
        s3::RawRequestJob job(m_live.client.get(), request);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "acl" << key << job.error();
        return job.responseBody();
    }

    QList<s3::ObjectTag> tags(const QString &key)
    {
        s3::GetObjectTaggingJob job(m_live.client.get(), m_live.bucket, key);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            qWarning() << "tagging" << key << job.error();
        QList<s3::ObjectTag> tags = job.tags();
        std::sort(tags.begin(), tags.end(), [](const s3::ObjectTag &a, const s3::ObjectTag &b) { return a.key < b.key; });
        return tags;
    }

    /** Keys below prefix (-1 entries: the listing failed). */
    QStringList keysBelow(const QString &prefix)
    {
        s3::ListObjectsRequest request;
        request.bucket = m_live.bucket;
        request.prefix = prefix;
        s3::ListObjectsPageJob job(m_live.client.get(), request);
        job.setAutoDelete(false);
        if (!runJob(job) || job.hasError())
            return {u"(listing failed)"_s};
        QStringList keys;
        for (const s3::ObjectInfo &object : job.page().objects)
            keys.append(object.key);
        return keys;
    }

    int uploadsTo(const QString &key)
    {
        s3::ListMultipartUploadsJob list(m_live.client.get(), m_live.bucket, key);
        list.setAutoDelete(false);
        if (!runJob(list) || list.hasError())
            return -1;
        int count = 0;
        for (const s3::MultipartUploadInfo &upload : list.uploads())
            count += upload.key == key ? 1 : 0;
        return count;
    }

    bool selectOnly(const QString &name)
    {
        if (!waitUntil([&] { return browser()->model()->rowOfName(name) >= 0; }, 10000))
            return false;
        return browser()->selectName(name);
    }

    /** The snapshots of the finished transfers the spy caught. */
    static QList<s3::TransferSnapshot> snapshots(const QSignalSpy &finished)
    {
        QList<s3::TransferSnapshot> out;
        for (const QList<QVariant> &arguments : finished)
            out.append(arguments.first().value<s3::TransferSnapshot>());
        return out;
    }

    /** Shrinks the session's copy threshold for one test (the engine's copies get it through CopyOptions). */
    auto shrinkThreshold()
    {
        s3::S3Client *client = m_live.window->currentSession()->client();
        client->setMultipartCopyThreshold(Threshold);
        return qScopeGuard([client] { client->setMultipartCopyThreshold(s3::ServerCopyJob::MaxSingleCopyBytes); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_live.server);
        QVERIFY(m_live.createBucket(u"bigmove-ui"_s));
        QVERIFY(m_live.openWindow(liveSessionConfig(m_live.server, m_live.bucket)));
        QVERIFY(waitListed());
    }

    void cleanupTestCase()
    {
        QVERIFY(m_live.cleanUp());
    }

    void folderRenameQueuesItsLargeObjects()
    {
        // Two objects above the threshold (one in a subfolder), each with its own attributes, and small ones.
        s3::ObjectAttributes clipAttributes;
        clipAttributes.contentType = u"video/mp4"_s;
        clipAttributes.cacheControl = u"max-age=600"_s;
        clipAttributes.storageClass = u"STANDARD_IA"_s;
        clipAttributes.userMetadata = {{u"camera"_s, u"x100"_s}};
        clipAttributes.tags = {{u"project"_s, u"alpha"_s}};
        s3::ObjectAttributes rawAttributes;
        rawAttributes.contentType = u"image/x-raw"_s;
        rawAttributes.userMetadata = {{u"origin"_s, u"scanner"_s}};
        rawAttributes.tags = {{u"keep"_s, u"1y"_s}, {u"team"_s, u"photo"_s}};
        const QByteArray clip = randomBytes(12 * 1024 * 1024 + 3, 41);
        const QByteArray raw = randomBytes(7 * 1024 * 1024, 42);
        QVERIFY(put(u"bigdir/clip.mp4"_s, clip, clipAttributes));
        QVERIFY(put(u"bigdir/sub/scan.raw"_s, raw, rawAttributes));
        QVERIFY(put(u"bigdir/notes.txt"_s, "notes"));
        QVERIFY(put(u"bigdir/sub/small.bin"_s, randomBytes(1024, 43)));
        const QByteArray small = get(u"bigdir/sub/small.bin"_s);
        const auto restoreThreshold = shrinkThreshold();

        browser()->openLocation(m_live.bucket, {});
        QVERIFY(waitListed());
        QSignalSpy finished(m_live.window->currentSession()->transfers(), &s3::TransferEngine::taskFinished);
        QSignalSpy done(browser(), &BrowserView::operationFinished);
        QSignalSpy status(browser(), &BrowserView::statusMessage);
        QVERIFY(selectOnly(u"bigdir"_s));
        browser()->renameAction()->trigger();
        auto *dialog = waitForVisibleChild<NameDialog>(m_live.window.get(), u"renameDialog"_s, 10000);
        QVERIFY(dialog);
        dialog->nameEdit()->setText(u"renamed"_s);
        dialog->accept();

        // The folder move ends as before (the small objects moved) and says where the large ones went.
        QVERIFY(done.wait(60000));
        QVERIFY2(done.last().at(1).toBool(), qPrintable(m_live.window->lastError()));
        QStringList messages;
        for (const QList<QVariant> &arguments : status)
            messages.append(arguments.first().toString());
        // (The test loads no translation: the plural reads "file(s)" here, "files" in the app.)
        const QString said = messages.join(u" | "_s);
        QVERIFY2(said.contains(u"done. 2 large file"_s) && said.contains(u"continue in the transfers panel"_s), qPrintable(said));
        QCOMPARE(get(u"renamed/notes.txt"_s), QByteArray("notes"));
        QCOMPARE(get(u"renamed/sub/small.bin"_s), small);
        QVERIFY(!exists(u"bigdir/notes.txt"_s));

        // One transfer row per large object: a move, copied in parts, its source deleted after its copy.
        QVERIFY(waitUntil([&] { return finished.size() >= 2; }, 120000));
        QList<s3::TransferSnapshot> moved = snapshots(finished);
        std::sort(moved.begin(), moved.end(), [](const auto &a, const auto &b) { return a.sourceKey < b.sourceKey; });
        QCOMPARE(moved.size(), 2);
        QCOMPARE(moved.at(0).sourceKey, u"bigdir/clip.mp4"_s);
        QCOMPARE(moved.at(0).key, u"renamed/clip.mp4"_s);
        QCOMPARE(moved.at(1).sourceKey, u"bigdir/sub/scan.raw"_s);
        QCOMPARE(moved.at(1).key, u"renamed/sub/scan.raw"_s);
        for (const s3::TransferSnapshot &snapshot : moved) {
            QCOMPARE(snapshot.direction, s3::TransferDirection::Copy);
            QVERIFY(snapshot.move);
            QVERIFY2(snapshot.state == s3::TransferState::Succeeded, qPrintable(snapshot.lastError.toString()));
        }
        QCOMPARE(moved.at(0).bytesDone, qint64(clip.size()));
        QCOMPARE(moved.at(1).bytesDone, qint64(raw.size()));
        int rows = 0;
        for (int row = 0; row < m_live.window->transfers()->rowCount(); ++row)
            rows += m_live.window->transfers()->snapshotAt(row).sourceKey.startsWith(u"bigdir/"_s) ? 1 : 0;
        QCOMPARE(rows, 2);

        // Byte-identical, with metadata, tags and storage class kept; nothing left of the old folder.
        QVERIFY(get(u"renamed/clip.mp4"_s) == clip);
        QVERIFY(get(u"renamed/sub/scan.raw"_s) == raw);
        const s3::ObjectMetadata clipHead = head(u"renamed/clip.mp4"_s);
        QCOMPARE(clipHead.contentType, u"video/mp4"_s);
        QCOMPARE(clipHead.cacheControl, u"max-age=600"_s);
        QCOMPARE(clipHead.storageClass, u"STANDARD_IA"_s);
        QCOMPARE(clipHead.userMetadata, clipAttributes.userMetadata);
        QCOMPARE(tags(u"renamed/clip.mp4"_s), clipAttributes.tags);
        const s3::ObjectMetadata rawHeadAfter = head(u"renamed/sub/scan.raw"_s);
        QCOMPARE(rawHeadAfter.contentType, u"image/x-raw"_s);
        QCOMPARE(rawHeadAfter.userMetadata, rawAttributes.userMetadata);
        QCOMPARE(tags(u"renamed/sub/scan.raw"_s), rawAttributes.tags);
        QCOMPARE(keysBelow(u"bigdir/"_s), QStringList());
        QCOMPARE(uploadsTo(u"renamed/clip.mp4"_s), 0);
        QCOMPARE(uploadsTo(u"renamed/sub/scan.raw"_s), 0);
        // The folder on screen follows: once the queue moved its last objects and the listing is over, the old
        // folder is gone and the new one is there (while a refresh lists, neither row may be there yet).
        QVERIFY(waitUntil([&] {
            const ObjectListModel *model = browser()->model();
            return !model->isListing() && model->rowOfName(u"bigdir"_s) < 0 && model->rowOfName(u"renamed"_s) >= 0;
        }, 10000));
    }

    void propertiesSaveOfALargeObjectRunsInTheQueue()
    {
        QVERIFY2(!m_live.server.otherAccessKey.isEmpty(), "the live server has no second user (S3_OTHER_ACCESS_KEY)");
        const QString key = u"props/big.mov"_s;
        const QByteArray data = randomBytes(11 * 1024 * 1024 + 17, 44);
        s3::ObjectAttributes attributes;
        attributes.contentType = u"video/quicktime"_s;
        attributes.cacheControl = u"max-age=3600, must-revalidate"_s;
        attributes.contentDisposition = u"attachment; filename=\"holiday.mov\""_s;
        attributes.contentLanguage = u"fr"_s;
        attributes.expires = QDateTime(QDate(2032, 2, 29), QTime(12, 0, 0), Qt::UTC);
        attributes.storageClass = u"STANDARD_IA"_s;
        attributes.tags = {{u"project"_s, u"apollo"_s}};
        attributes.userMetadata = {{u"origin"_s, u"camera-7"_s}};
        QVERIFY(put(key, data, attributes));
        // A grant to the other user: a copy alone would make the object private.
        s3::S3Request grant;
        grant.method = "PUT";
        grant.bucket = m_live.bucket;
        grant.key = key;
        grant.query = {{"acl", {}}};
        grant.setHeader("x-amz-grant-read", "id=\"other\"");
        grant.setHeader("x-amz-grant-full-control", "id=\"tester\"");
        s3::RawRequestJob grantJob(m_live.client.get(), grant);
        grantJob.setAutoDelete(false);
        QVERIFY(runJob(grantJob));
        QVERIFY2(!grantJob.hasError(), qPrintable(grantJob.error().toString()));
        const QByteArray aclBefore = acl(key);
        QVERIFY2(aclBefore.contains("<ID>other</ID>"), aclBefore.constData());
        const QMap<QByteArray, QByteArray> before = rawHead(key);
        QCOMPARE(before.value("x-amz-storage-class"), QByteArray("STANDARD_IA"));
        const auto restoreThreshold = shrinkThreshold();

        browser()->openLocation(m_live.bucket, u"props/"_s);
        QVERIFY(waitListed());
        QSignalSpy finished(m_live.window->currentSession()->transfers(), &s3::TransferEngine::taskFinished);
        auto *dialog = new PropertiesDialog(m_live.window->currentSession(), m_live.bucket, key, m_live.window.get());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QPointer<PropertiesDialog> open = dialog;
        QSignalSpy queued(dialog, &PropertiesDialog::saveQueued);
        dialog->open();
        QVERIFY(waitUntil([&] { return !dialog->isBusy() && dialog->metadata().size >= 0 && dialog->tagsKnown(); }, 20000));
        QVERIFY(child<QLabel>(*dialog, "limitLabel")->isVisible());
        QVERIFY2(child<QLabel>(*dialog, "limitLabel")->text().contains(u"transfers panel"_s), qPrintable(child<QLabel>(*dialog, "limitLabel")->text()));
        // The edits: a new content type, one more metadata field, one more tag.
        auto *contentType = child<QLineEdit>(*dialog, "contentTypeEdit");
        contentType->selectAll();
        QTest::keyClicks(contentType, u"video/mp4"_s);
        QTest::mouseClick(child<QPushButton>(*dialog, "addMetadataButton"), Qt::LeftButton);
        auto *metadata = child<QTableWidget>(*dialog, "metadataTable");
        metadata->item(metadata->rowCount() - 1, 0)->setText(u"reviewed"_s);
        metadata->item(metadata->rowCount() - 1, 1)->setText(u"yes"_s);
        QTest::mouseClick(child<QPushButton>(*dialog, "addTagButton"), Qt::LeftButton);
        auto *tagTable = child<QTableWidget>(*dialog, "tagsTable");
        tagTable->item(tagTable->rowCount() - 1, 0)->setText(u"status"_s);
        tagTable->item(tagTable->rowCount() - 1, 1)->setText(u"final"_s);
        auto *save = child<QPushButton>(*dialog, "saveButton");
        QVERIFY2(save->isEnabled(), qPrintable(child<QLabel>(*dialog, "problemLabel")->text()));
        QTest::mouseClick(save, Qt::LeftButton);

        // The dialog closes and says that the save continues in the transfers panel.
        QCOMPARE(queued.size(), 1);
        QVERIFY(waitUntil([&] { return !open || !open->isVisible(); }, 5000));
        auto *box = waitForVisibleChild<QMessageBox>(m_live.window.get(), u"propertiesSaveQueued"_s, 5000);
        QVERIFY(box);
        QVERIFY2(box->text().contains(u"transfers panel"_s), qPrintable(box->text()));
        box->accept();

        const auto saveFinished = [&] {
            for (const s3::TransferSnapshot &s : snapshots(finished)) {
                if (s.sourceKey == key && s.key == key)
                    return true;
            }
            return false;
        };
        QVERIFY(waitUntil(saveFinished, 120000));
        s3::TransferSnapshot snapshot;
        for (const s3::TransferSnapshot &s : snapshots(finished)) {
            if (s.sourceKey == key && s.key == key)
                snapshot = s;
        }
        QCOMPARE(snapshot.direction, s3::TransferDirection::Copy);
        QVERIFY(!snapshot.move);
        QCOMPARE(snapshot.sourceKey, key);
        QCOMPARE(snapshot.key, key);
        QVERIFY2(snapshot.state == s3::TransferState::Succeeded, qPrintable(snapshot.lastError.toString()));
        QCOMPARE(snapshot.bytesDone, qint64(data.size()));

        // Only the edited fields changed: the grants, the other tag and every other header are as they were.
        QCOMPARE(acl(key), aclBefore);
        QCOMPARE(tags(key), (QList<s3::ObjectTag>{{u"project"_s, u"apollo"_s}, {u"status"_s, u"final"_s}}));
        QMap<QByteArray, QByteArray> after = rawHead(key);
        QCOMPARE(after.take("content-type"), QByteArray("video/mp4"));
        QCOMPARE(after.take("x-amz-meta-reviewed"), QByteArray("yes"));
        QMap<QByteArray, QByteArray> expected = before;
        expected.remove("content-type");
        if (expected.contains("x-amz-tagging-count"))
            expected.insert("x-amz-tagging-count", "2");
        // What a rewrite changes by nature: its time, its ETag (now of a multipart copy), the request.
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
        QVERIFY(get(key) == data);
        QCOMPARE(uploadsTo(key), 0);
    }
};

QTEST_MAIN(TestLiveBigMove)
#include "tst_live_bigmove.moc"
