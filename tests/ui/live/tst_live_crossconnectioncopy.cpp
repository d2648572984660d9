// SPDX-License-Identifier: Apache-2.0
// CrossConnectionCopy on Ceph: from the first user's bucket (one connection) to the second user's bucket (another
// connection, other credentials: no server-side copy can reach it), through both connections' transfer queues.
#include <QCryptographicHash>
#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "widgets/crossconnectioncopy.h"
#include "connection/session.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/transferengine.h"
#include "uitestsupport.h"

using namespace Qt::Literals::StringLiterals;
using s3ui::CrossConnectionCopy;

namespace {
const QString LongName = QString(300, u'n') + u"\\ a:b.txt"_s;
} // namespace

class TestLiveCrossConnectionCopy : public QObject
{
    Q_OBJECT

    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<s3::S3Client> m_sourceClient; // the first user
    std::unique_ptr<s3::S3Client> m_targetClient; // the second user
    QString m_sourceBucket;
    QString m_targetBucket;
    std::unique_ptr<s3ui::Session> m_source;
    std::unique_ptr<s3ui::Session> m_target;
    QByteArray m_big;

    QByteArray data(s3::S3Client *client, const QString &bucket, const QString &key)
    {
        s3::GetObjectJob get(client, bucket, key);
        get.setAutoDelete(false);
        if (!runJob(get) || get.hasError()) {
            qWarning() << "GET" << key << (get.isFinished() ? get.error().toString() : u"timed out"_s);
            return "<failed>";
        }
        return get.data();
    }

    s3::ObjectMetadata head(s3::S3Client *client, const QString &bucket, const QString &key)
    {
        s3::HeadObjectJob job(client, bucket, key);
        job.setAutoDelete(false);
        runJob(job);
        return job.metadata();
    }

    /** Runs the copy to its end; false when it did not end in time. */
    bool run(CrossConnectionCopy &copy)
    {
        QSignalSpy finished(&copy, &CrossConnectionCopy::finished);
        copy.start();
        return waitUntil([&] { return finished.count() == 1; }, 120000);
    }

    static QString failuresText(const CrossConnectionCopy &copy)
    {
        return copy.failures().join(u"; "_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        QVERIFY2(!m_server.otherAccessKey.isEmpty(), "S3_OTHER_ACCESS_KEY is not set");
        QStandardPaths::setTestModeEnabled(true); // the private folders go below ~/.qttest
        m_sourceClient = m_server.client(&m_network);
        m_targetClient = m_server.client(&m_network, m_server.otherAccessKey, m_server.otherSecretKey);
        m_sourceBucket = createTestBucket(m_sourceClient.get(), u"s3desk-xcopy-src"_s);
        m_targetBucket = createTestBucket(m_targetClient.get(), u"s3desk-xcopy-dst"_s);
        QVERIFY(!m_sourceBucket.isEmpty() && !m_targetBucket.isEmpty());

        s3::ObjectAttributes attributes;
        attributes.contentType = u"text/x-s3desk-notes"_s;
        attributes.cacheControl = u"max-age=60"_s;
        attributes.userMetadata.insert(u"owner"_s, u"ops-team"_s);
        QVERIFY(putTestObject(m_sourceClient.get(), m_sourceBucket, u"from/a.txt"_s, "note a\n", attributes));
        QVERIFY(putTestObject(m_sourceClient.get(), m_sourceBucket, u"from/sub/"_s, {}));
        QVERIFY(putTestObject(m_sourceClient.get(), m_sourceBucket, u"from/sub/c.txt"_s, "c in sub\n"));
        // A name no local file system takes (300 bytes, a backslash, a colon): it never becomes a local path here.
        QVERIFY(putTestObject(m_sourceClient.get(), m_sourceBucket, u"from/sub/"_s + LongName, "stays a key\n"));
        QVERIFY(putTestObject(m_sourceClient.get(), m_sourceBucket, u"from/other.txt"_s, "not dragged\n"));
        m_big = randomBytes(40ll * 1024 * 1024 + 123, 7); // more than one part of the engine's uploads
        QVERIFY(putTestObject(m_sourceClient.get(), m_sourceBucket, u"from/big.bin"_s, m_big));

        m_source = openTestSession(liveSessionConfig(m_server, m_sourceBucket, u"xcopy-source"_s));
        s3ui::SessionConfig target = liveSessionConfig(m_server, m_targetBucket, u"xcopy-target"_s);
        target.resolver = staticResolver(m_server.endpoint, m_server.region,
                                         staticCredentials(m_server.otherAccessKey, m_server.otherSecretKey));
        m_target = openTestSession(target);
        QVERIFY(m_source && m_target);
    }

    void cleanupTestCase()
    {
        m_source.reset();
        m_target.reset();
        if (m_sourceClient && !m_sourceBucket.isEmpty())
            QVERIFY(!removeTestBucket(m_sourceClient.get(), m_sourceBucket).isError());
        if (m_targetClient && !m_targetBucket.isEmpty())
            QVERIFY(!removeTestBucket(m_targetClient.get(), m_targetBucket).isError());
    }

    void copiesFilesAndFoldersWithTheirAttributes()
    {
        CrossConnectionCopy copy(m_source.get(), m_target.get(), m_sourceBucket, {u"from/a.txt"_s, u"from/sub/"_s}, m_targetBucket, u"to/"_s, false);
        QVERIFY(run(copy));
        QVERIFY2(copy.failures().isEmpty(), qPrintable(failuresText(copy)));
        QCOMPARE(copy.total(), 4); // a.txt, the marker sub/, sub/c.txt, sub/<LongName>
        QCOMPARE(copy.doneCount(), 4);
        QCOMPARE(data(m_targetClient.get(), m_targetBucket, u"to/a.txt"_s), QByteArray("note a\n"));
        QCOMPARE(data(m_targetClient.get(), m_targetBucket, u"to/sub/c.txt"_s), QByteArray("c in sub\n"));
        QCOMPARE(data(m_targetClient.get(), m_targetBucket, u"to/sub/"_s + LongName), QByteArray("stays a key\n"));
        QVERIFY(testObjectExists(m_targetClient.get(), m_targetBucket, u"to/sub/"_s));
        QVERIFY(!testObjectExists(m_targetClient.get(), m_targetBucket, u"to/other.txt"_s));
        const s3::ObjectMetadata copied = head(m_targetClient.get(), m_targetBucket, u"to/a.txt"_s);
        QCOMPARE(copied.contentType, u"text/x-s3desk-notes"_s);
        QCOMPARE(copied.cacheControl, u"max-age=60"_s);
        QCOMPARE(copied.userMetadata.value(u"owner"_s), u"ops-team"_s);
        // A copy keeps the source; the private folder is gone.
        QVERIFY(testObjectExists(m_sourceClient.get(), m_sourceBucket, u"from/a.txt"_s));
        QVERIFY(QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).entryList({u"s3desk-copy-*"_s}, QDir::Dirs).isEmpty());
    }

    void existingTargetsAreLeftAlone()
    {
        QVERIFY(putTestObject(m_targetClient.get(), m_targetBucket, u"to/a.txt"_s, "theirs\n"));
        CrossConnectionCopy copy(m_source.get(), m_target.get(), m_sourceBucket, {u"from/a.txt"_s}, m_targetBucket, u"to/"_s, false);
        QVERIFY(run(copy));
        QVERIFY2(copy.failures().isEmpty(), qPrintable(failuresText(copy)));
        QCOMPARE(copy.skippedKeys(), QStringList{u"from/a.txt"_s});
        QCOMPARE(data(m_targetClient.get(), m_targetBucket, u"to/a.txt"_s), QByteArray("theirs\n"));

        CrossConnectionCopy replace(m_source.get(), m_target.get(), m_sourceBucket, {u"from/a.txt"_s}, m_targetBucket, u"to/"_s, false);
        replace.setReplaceExisting(true);
        QVERIFY(run(replace));
        QVERIFY2(replace.failures().isEmpty(), qPrintable(failuresText(replace)));
        QCOMPARE(data(m_targetClient.get(), m_targetBucket, u"to/a.txt"_s), QByteArray("note a\n"));
    }

    void moveDeletesTheSourceOnlyAfterTheUpload()
    {
        CrossConnectionCopy move(m_source.get(), m_target.get(), m_sourceBucket, {u"from/big.bin"_s}, m_targetBucket, u"moved/"_s, true);
        QVERIFY(run(move));
        QVERIFY2(move.failures().isEmpty(), qPrintable(failuresText(move)));
        QCOMPARE(move.doneCount(), 1);
        const QByteArray moved = data(m_targetClient.get(), m_targetBucket, u"moved/big.bin"_s);
        QCOMPARE(moved.size(), m_big.size());
        QCOMPARE(QCryptographicHash::hash(moved, QCryptographicHash::Sha256), QCryptographicHash::hash(m_big, QCryptographicHash::Sha256));
        QVERIFY(!testObjectExists(m_sourceClient.get(), m_sourceBucket, u"from/big.bin"_s));
        // Back where it was, for the next test.
        QVERIFY(putTestObject(m_sourceClient.get(), m_sourceBucket, u"from/big.bin"_s, m_big));
    }

    void cancelledMoveKeepsTheSource()
    {
        CrossConnectionCopy move(m_source.get(), m_target.get(), m_sourceBucket, {u"from/big.bin"_s}, m_targetBucket, u"cancelled/"_s, true);
        QSignalSpy finished(&move, &CrossConnectionCopy::finished);
        move.start();
        move.cancel();
        QVERIFY(waitUntil([&] { return finished.count() == 1; }, 60000));
        QCOMPARE(move.doneCount(), 0);
        QCOMPARE(move.failures().size(), 1);
        QVERIFY(move.failures().constFirst().contains(u"cancelled"_s));
        QVERIFY(testObjectExists(m_sourceClient.get(), m_sourceBucket, u"from/big.bin"_s));
        QVERIFY(!testObjectExists(m_targetClient.get(), m_targetBucket, u"cancelled/big.bin"_s));
        QVERIFY(QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).entryList({u"s3desk-copy-*"_s}, QDir::Dirs).isEmpty());
    }

    void moveCancelledWhileDownloadingKeepsTheSource()
    {
        CrossConnectionCopy move(m_source.get(), m_target.get(), m_sourceBucket, {u"from/big.bin"_s}, m_targetBucket, u"halfway/"_s, true);
        QSignalSpy finished(&move, &CrossConnectionCopy::finished);
        QSignalSpy downloads(m_source->transfers(), &s3::TransferEngine::taskAdded);
        QSignalSpy removed(m_source->transfers(), &s3::TransferEngine::taskRemoved);
        move.start();
        QVERIFY(waitUntil([&] { return downloads.count() >= 1; }, 30000));
        move.cancel();
        QVERIFY(waitUntil([&] { return finished.count() == 1; }, 60000));
        QCOMPARE(move.doneCount(), 0);
        QCOMPARE(move.failures().size(), 1);
        QVERIFY2(move.failures().constFirst().contains(u"cancelled"_s), qPrintable(failuresText(move)));
        QVERIFY(testObjectExists(m_sourceClient.get(), m_sourceBucket, u"from/big.bin"_s));
        QVERIFY(!testObjectExists(m_targetClient.get(), m_targetBucket, u"halfway/big.bin"_s));
        QVERIFY(QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).entryList({u"s3desk-copy-*"_s}, QDir::Dirs).isEmpty());
        // The cancelled step left the transfers panel (its Retry could not finish the move).
        QVERIFY(waitUntil([&] { return removed.count() >= 1; }, 10000));
    }

    void missingSourceFailsClearly()
    {
        CrossConnectionCopy copy(m_source.get(), m_target.get(), m_sourceBucket, {u"from/gone.txt"_s}, m_targetBucket, u"to/"_s, true);
        QVERIFY(run(copy));
        QCOMPARE(copy.failures().size(), 1);
        QVERIFY2(copy.failures().constFirst().contains(u"404"_s) || copy.failures().constFirst().contains(u"NotFound"_s),
                 qPrintable(failuresText(copy)));
        QVERIFY(!testObjectExists(m_targetClient.get(), m_targetBucket, u"to/gone.txt"_s));
    }
};

QTEST_MAIN(TestLiveCrossConnectionCopy)
#include "tst_live_crossconnectioncopy.moc"
