// SPDX-License-Identifier: Apache-2.0
// The transfer queue file: every restored field checked, damaged files moved aside and never overwritten,
// the valid entries of a partly damaged file kept, problems kept for a late listener, 0600 files, and a save
// timer that a busy queue cannot postpone forever. No network: the queue points at the in-process fake.
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "fakes3server.h"
#include "localfiles.h"
#include "livetest.h"
#include "reliabilitycase.h"
#include "s3core/auth/credentialsprovider.h"
#include "s3core/transfer/queuefile.h"
#include "s3core/transfer/transferengine.h"
#include "s3core/transfer/transferqueue.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString Area = u"Secrets, files and terminal"_s;

QJsonObject uploadEntry(const QString &id = u"7"_s)
{
    return {{u"id"_s, id},
            {u"direction"_s, u"upload"_s},
            {u"bucket"_s, u"bucket"_s},
            {u"key"_s, u"photos/a.jpg"_s},
            {u"localPath"_s, u"/home/user/a.jpg"_s},
            {u"priority"_s, 3},
            {u"added"_s, u"2026-12-03T10:00:00.000Z"_s},
            {u"uploadId"_s, u"2~abc"_s},
            {u"fileSize"_s, 12345678.0},
            {u"fileModified"_s, u"2026-12-03T09:00:00.000Z"_s},
            {u"partSize"_s, double(8 * MiB)},
            {u"contentType"_s, u"image/jpeg"_s},
            {u"metadata"_s, QJsonObject{{u"camera"_s, u"x100"_s}}}};
}

QJsonObject downloadEntry(const QString &id = u"8"_s)
{
    return {{u"id"_s, id},
            {u"direction"_s, u"download"_s},
            {u"bucket"_s, u"bucket"_s},
            {u"key"_s, u"photos/b.jpg"_s},
            {u"localPath"_s, u"/home/user/b.jpg"_s},
            {u"priority"_s, 4},
            {u"added"_s, u"2026-12-03T10:00:00.000Z"_s},
            {u"partSize"_s, double(64 * MiB)}};
}

QJsonObject copyEntry(const QString &id = u"9"_s)
{
    return {{u"id"_s, id},
            {u"direction"_s, u"copy"_s},
            {u"bucket"_s, u"bucket"_s},
            {u"key"_s, u"videos/copy.mp4"_s},
            {u"sourceBucket"_s, u"other"_s},
            {u"sourceKey"_s, u"videos/big.mp4"_s},
            {u"priority"_s, 5},
            {u"added"_s, u"2026-12-03T10:00:00.000Z"_s},
            {u"uploadId"_s, u"2~def"_s},
            {u"sourceEtag"_s, u"\"0123456789abcdef0123456789abcdef-12\""_s},
            {u"partSize"_s, double(512 * MiB)},
            {u"multipartThreshold"_s, double(5 * 1024 * MiB)},
            {u"objectSize"_s, 6e9},
            {u"keepAcl"_s, false},
            {u"deleteSource"_s, true},
            {u"sourceCopied"_s, false}};
}

// A Properties save of a large object: a copy onto itself with new attributes, the grants kept, the ETag read as condition.
QJsonObject propertiesEntry(const QString &id = u"10"_s)
{
    return {{u"id"_s, id},
            {u"direction"_s, u"copy"_s},
            {u"bucket"_s, u"bucket"_s},
            {u"key"_s, u"videos/big.mp4"_s},
            {u"sourceBucket"_s, u"bucket"_s},
            {u"sourceKey"_s, u"videos/big.mp4"_s},
            {u"priority"_s, 6},
            {u"sourceIfMatch"_s, u"\"0123456789abcdef0123456789abcdef-12\""_s},
            {u"objectSize"_s, 6e9},
            {u"keepAcl"_s, true},
            {u"replaceAttributes"_s,
             QJsonObject{{u"contentType"_s, u"video/mp4"_s},
                         {u"cacheControl"_s, u"max-age=60"_s},
                         {u"contentDisposition"_s, u"attachment; filename=\"big.mp4\""_s},
                         {u"contentLanguage"_s, u"en"_s},
                         {u"expires"_s, u"2027-01-01T00:00:00.000Z"_s},
                         {u"storageClass"_s, u"STANDARD_IA"_s},
                         {u"serverSideEncryption"_s, u"aws:kms"_s},
                         {u"sseKmsKeyId"_s, u"testkey-1"_s},
                         {u"tags"_s, QJsonArray{QJsonObject{{u"key"_s, u"project"_s}, {u"value"_s, u"alpha"_s}}}},
                         {u"metadata"_s, QJsonObject{{u"camera"_s, u"x100"_s}}}}}};
}

QByteArray queueFile(const QJsonArray &transfers, const QJsonArray &abandoned = {})
{
    return QJsonDocument(QJsonObject{{u"version"_s, 1}, {u"transfers"_s, transfers}, {u"abandonedUploads"_s, abandoned}}).toJson();
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QStringList damagedCopies(const QString &path)
{
    const QFileInfo info(path);
    return QDir(info.absolutePath()).entryList({info.fileName() + u".damaged-*"_s}, QDir::Files, QDir::Name);
}

// Mode bits of a file, as ls shows them (0600...).
int modeOf(const QString &path)
{
    const QFileDevice::Permissions p = QFile::permissions(path);
    int mode = 0;
    const std::pair<QFileDevice::Permission, int> bits[] = {
        {QFileDevice::ReadOwner, 0400}, {QFileDevice::WriteOwner, 0200}, {QFileDevice::ExeOwner, 0100},
        {QFileDevice::ReadGroup, 040},  {QFileDevice::WriteGroup, 020},  {QFileDevice::ExeGroup, 010},
        {QFileDevice::ReadOther, 04},   {QFileDevice::WriteOther, 02},   {QFileDevice::ExeOther, 01}};
    for (const auto &[flag, bit] : bits)
        mode |= p.testFlag(flag) ? bit : 0;
    return mode;
}
} // namespace

class TestQueueFile : public QObject
{
    Q_OBJECT

    FakeS3Server m_server;
    QTemporaryDir m_dir;

    ClientSettings settings() const
    {
        ClientSettings settings;
        settings.endpoint = *Endpoint::parse(m_server.endpointUrl(), u"us-east-1"_s, AddressingStyle::Path);
        Credentials credentials;
        credentials.accessKeyId = u"AKIDTEST"_s;
        credentials.secretAccessKey = u"secret"_s;
        settings.credentials = std::make_shared<StaticCredentialsProvider>(credentials);
        settings.transferTimeoutMs = 5000;
        return settings;
    }

    QString freshPath(const QString &name)
    {
        QDir(m_dir.path()).mkpath(name);
        return QDir(m_dir.filePath(name)).filePath(u"transfers.json"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        QVERIFY(m_dir.isValid());
    }

    void validEntriesPass()
    {
        QCOMPARE(transferEntryProblem(uploadEntry()), QString());
        QCOMPARE(transferEntryProblem(downloadEntry()), QString());
        QCOMPARE(transferEntryProblem(copyEntry()), QString());
        // What the queue writes today is what it reads back.
        TransferQueue queue(settings());
        const TransferId up = queue.enqueueUpload(m_dir.filePath(u"file.bin"_s), u"bucket"_s, u"a"_s);
        const TransferId down = queue.enqueueDownload(u"bucket"_s, u"b"_s, m_dir.filePath(u"b.bin"_s));
        CopyOptions move;
        move.deleteSource = true;
        move.sourceSize = 6000000000;
        const TransferId copy = queue.enqueueCopy(u"bucket"_s, u"big.mp4"_s, u"other"_s, u"big.mp4"_s, move);
        queue.pauseAll();
        const QString path = freshPath(u"roundtrip"_s);
        queue.setPersistencePath(path);
        QVERIFY(bool(queue.saveNow()));
        const QueueFileContents contents = parseQueueFile(readLocalFile(path));
        QVERIFY2(contents.problems.isEmpty(), qPrintable(contents.problems.join(u'\n') + u'\n' + QString::fromUtf8(readLocalFile(path))));
        QCOMPARE(contents.transfers.size(), 3);
        QCOMPARE(contents.transfers.at(0).value(u"id"_s).toString(), QString::number(up));
        QCOMPARE(contents.transfers.at(1).value(u"id"_s).toString(), QString::number(down));
        QCOMPARE(contents.transfers.at(2).value(u"id"_s).toString(), QString::number(copy));
        // The copy comes back as it was: a paused move of the same objects, with its size.
        TransferQueue restored(settings());
        restored.setPersistencePath(path);
        QCOMPARE(*restored.restore(), 3);
        const TransferSnapshot back = restored.snapshot(copy);
        QCOMPARE(back.direction, TransferDirection::Copy);
        QCOMPARE(back.state, TransferState::Paused);
        QCOMPARE(back.sourceBucket, u"bucket"_s);
        QCOMPARE(back.sourceKey, u"big.mp4"_s);
        QCOMPARE(back.bucket, u"other"_s);
        QCOMPARE(back.key, u"big.mp4"_s);
        QVERIFY(back.move);
        QCOMPARE(back.bytesTotal, qint64(6000000000));
        QVERIFY(back.localPath.isEmpty());
    }

    void propertiesSaveKeepsItsAttributesThroughTheFile()
    {
        // Old entries (no replaceAttributes) still load: validEntriesPass. A new one comes back with every field.
        QCOMPARE(transferEntryProblem(propertiesEntry()), QString());
        const std::unique_ptr<CopyTask> task = CopyTask::fromJson(propertiesEntry(), {});
        QVERIFY(task);
        QVERIFY(task->options().replaceAttributes.has_value());
        const ObjectAttributes &read = *task->options().replaceAttributes;
        QCOMPARE(read.contentType, u"video/mp4"_s);
        QCOMPARE(read.cacheControl, u"max-age=60"_s);
        QCOMPARE(read.contentDisposition, u"attachment; filename=\"big.mp4\""_s);
        QCOMPARE(read.contentLanguage, u"en"_s);
        QCOMPARE(read.expires, QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC));
        QCOMPARE(read.storageClass, u"STANDARD_IA"_s);
        QCOMPARE(read.serverSideEncryption, u"aws:kms"_s);
        QCOMPARE(read.sseKmsKeyId, u"testkey-1"_s);
        QCOMPARE(read.tags, (QList<ObjectTag>{{u"project"_s, u"alpha"_s}}));
        QCOMPARE(read.userMetadata, (QMap<QString, QString>{{u"camera"_s, u"x100"_s}}));
        QCOMPARE(task->options().sourceIfMatch, u"\"0123456789abcdef0123456789abcdef-12\""_s);
        QVERIFY(task->options().keepAcl);
        QVERIFY(!task->options().deleteSource);
        // Written again, the same entry (what the next restart reads).
        const QJsonObject written = task->toJson();
        QCOMPARE(written.value(u"replaceAttributes"_s).toObject().value(u"tags"_s), propertiesEntry().value(u"replaceAttributes"_s).toObject().value(u"tags"_s));
        QCOMPARE(written.value(u"replaceAttributes"_s).toObject().value(u"expires"_s), QJsonValue(u"2027-01-01T00:00:00.000Z"_s));
        QCOMPARE(written.value(u"sourceIfMatch"_s), propertiesEntry().value(u"sourceIfMatch"_s));
        QCOMPARE(copyAttributesToJson(copyAttributesFromJson(written.value(u"replaceAttributes"_s).toObject())),
                 written.value(u"replaceAttributes"_s).toObject());

        // The queue takes it (a copy onto itself is refused only without new attributes), saves and restores it.
        TransferQueue queue(settings());
        CopyOptions options;
        options.replaceAttributes = read;
        options.sourceIfMatch = u"\"abc\""_s;
        options.keepAcl = true;
        options.sourceSize = 6000000000;
        const TransferId id = queue.enqueueCopy(u"bucket"_s, u"big.mp4"_s, u"bucket"_s, u"big.mp4"_s, options);
        queue.pauseAll();
        QCOMPARE(queue.snapshot(id).state, TransferState::Paused);
        QVERIFY2(queue.snapshot(id).note.contains(u"properties"_s), qPrintable(queue.snapshot(id).note));
        const QString path = freshPath(u"properties"_s);
        queue.setPersistencePath(path);
        QVERIFY(bool(queue.saveNow()));
        const QueueFileContents first = parseQueueFile(readLocalFile(path));
        QVERIFY2(first.problems.isEmpty(), qPrintable(first.problems.join(u'\n')));
        QCOMPARE(first.transfers.size(), 1);
        QCOMPARE(first.transfers.first().value(u"replaceAttributes"_s).toObject(), copyAttributesToJson(read));
        TransferQueue restored(settings());
        restored.setPersistencePath(path);
        QCOMPARE(*restored.restore(), 1);
        QCOMPARE(restored.snapshot(id).state, TransferState::Paused);
        QVERIFY(bool(restored.saveNow()));
        const QueueFileContents second = parseQueueFile(readLocalFile(path));
        QCOMPARE(second.transfers.size(), 1);
        for (const QString &field : {u"replaceAttributes"_s, u"sourceIfMatch"_s, u"keepAcl"_s, u"bucket"_s, u"key"_s, u"sourceKey"_s})
            QCOMPARE(second.transfers.first().value(field), first.transfers.first().value(field));
    }

    void replaceAttributesChecks_data()
    {
        QTest::addColumn<QString>("field"); // inside replaceAttributes
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("mentions");

        QJsonObject tooMuchMetadata;
        for (int i = 0; i < 5; ++i)
            tooMuchMetadata.insert(u"name%1"_s.arg(i), QString(2000, u'v'));
        QJsonArray elevenTags;
        for (int i = 0; i < 11; ++i)
            elevenTags.append(QJsonObject{{u"key"_s, u"k%1"_s.arg(i)}, {u"value"_s, u"v"_s}});
        QTest::newRow("contentType with CR LF") << u"contentType"_s << QJsonValue(u"text/plain\r\nX-Evil: 1"_s) << u"contentType"_s;
        QTest::newRow("contentType a number") << u"contentType"_s << QJsonValue(5) << u"contentType"_s;
        QTest::newRow("cacheControl over 8 KiB") << u"cacheControl"_s << QJsonValue(QString(8193, u'a')) << u"cacheControl"_s;
        QTest::newRow("contentDisposition with NUL") << u"contentDisposition"_s << QJsonValue(u"a\0b"_s) << u"contentDisposition"_s;
        QTest::newRow("contentEncoding with LF") << u"contentEncoding"_s << QJsonValue(u"gzip\n"_s) << u"contentEncoding"_s;
        QTest::newRow("contentLanguage a list") << u"contentLanguage"_s << QJsonValue(QJsonArray{}) << u"contentLanguage"_s;
        QTest::newRow("expires not a date") << u"expires"_s << QJsonValue(u"tomorrow"_s) << u"expires"_s;
        QTest::newRow("storageClass with space") << u"storageClass"_s << QJsonValue(u"COLD STORE"_s) << u"storageClass"_s;
        QTest::newRow("storageClass with CR LF") << u"storageClass"_s << QJsonValue(u"GLACIER\r\nX: y"_s) << u"storageClass"_s;
        QTest::newRow("storageClass over 64") << u"storageClass"_s << QJsonValue(QString(65, u'A')) << u"storageClass"_s;
        QTest::newRow("encryption unknown") << u"serverSideEncryption"_s << QJsonValue(u"rot13"_s) << u"serverSideEncryption"_s;
        QTest::newRow("kms key with CR") << u"sseKmsKeyId"_s << QJsonValue(u"key\r"_s) << u"sseKmsKeyId"_s;
        QTest::newRow("tags an object") << u"tags"_s << QJsonValue(QJsonObject{}) << u"tags"_s;
        QTest::newRow("tags eleven") << u"tags"_s << QJsonValue(elevenTags) << u"tags"_s;
        QTest::newRow("tag a text") << u"tags"_s << QJsonValue(QJsonArray{u"a=b"_s}) << u"tag"_s;
        QTest::newRow("tag key twice") << u"tags"_s
                                       << QJsonValue(QJsonArray{QJsonObject{{u"key"_s, u"a"_s}, {u"value"_s, u"1"_s}},
                                                                QJsonObject{{u"key"_s, u"a"_s}, {u"value"_s, u"2"_s}}})
                                       << u"tags"_s;
        QTest::newRow("tag key aws:") << u"tags"_s << QJsonValue(QJsonArray{QJsonObject{{u"key"_s, u"aws:x"_s}, {u"value"_s, u"1"_s}}})
                                      << u"tags"_s;
        QTest::newRow("metadata a list") << u"metadata"_s << QJsonValue(QJsonArray{}) << u"metadata"_s;
        QTest::newRow("metadata name with colon") << u"metadata"_s << QJsonValue(QJsonObject{{u"a:b"_s, u"c"_s}}) << u"metadata"_s;
        QTest::newRow("metadata name twice in case") << u"metadata"_s << QJsonValue(QJsonObject{{u"Name"_s, u"1"_s}, {u"name"_s, u"2"_s}})
                                                     << u"metadata"_s;
        QTest::newRow("metadata value with LF") << u"metadata"_s << QJsonValue(QJsonObject{{u"a"_s, u"b\nX-Evil: 1"_s}}) << u"metadata"_s;
        QTest::newRow("metadata value a number") << u"metadata"_s << QJsonValue(QJsonObject{{u"a"_s, 1}}) << u"metadata"_s;
        QTest::newRow("metadata over 8 KiB in all") << u"metadata"_s << QJsonValue(tooMuchMetadata) << u"metadata"_s;
    }

    void replaceAttributesChecks()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, mentions);
        QJsonObject entry = propertiesEntry();
        QJsonObject attributes = entry.value(u"replaceAttributes"_s).toObject();
        attributes.insert(field, value);
        entry.insert(u"replaceAttributes"_s, attributes);
        const QString problem = transferEntryProblem(entry);
        QVERIFY2(!problem.isEmpty(), qPrintable(u"accepted: "_s + QString::fromUtf8(QJsonDocument(attributes).toJson(QJsonDocument::Compact)).left(300)));
        QVERIFY2(problem.contains(u"replaceAttributes"_s) && problem.contains(mentions), qPrintable(problem));
        QVERIFY(!CopyTask::fromJson(entry, {}));
        // The whole file keeps the valid neighbour.
        const QueueFileContents contents = parseQueueFile(queueFile({entry, propertiesEntry(u"99"_s)}));
        QCOMPARE(contents.transfers.size(), 1);
        QCOMPARE(contents.transfers.first().value(u"id"_s).toString(), u"99"_s);
        QCOMPARE(contents.problems.size(), 1);
    }

    void copyOntoItselfOrMovedVersionIsRefused()
    {
        TransferQueue queue(settings());
        const TransferId self = queue.enqueueCopy(u"bucket"_s, u"a"_s, u"bucket"_s, u"a"_s);
        QCOMPARE(queue.snapshot(self).state, TransferState::Failed);
        QVERIFY2(queue.snapshot(self).lastError.message().contains(u"onto itself"_s), qPrintable(queue.snapshot(self).lastError.message()));
        CopyOptions versionMove;
        versionMove.deleteSource = true;
        versionMove.sourceVersionId = u"v1"_s;
        const TransferId version = queue.enqueueCopy(u"bucket"_s, u"a"_s, u"bucket"_s, u"b"_s, versionMove);
        QCOMPARE(queue.snapshot(version).state, TransferState::Failed);
        QVERIFY(queue.snapshot(version).lastError.message().contains(u"version"_s));
    }

    void entryChecks_data()
    {
        QTest::addColumn<QString>("direction");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value"); // Undefined: the field is removed
        QTest::addColumn<QString>("mentions"); // what the problem must name

        const QJsonValue missing(QJsonValue::Undefined);
        QTest::newRow("id missing") << u"upload"_s << u"id"_s << missing << u"id"_s;
        QTest::newRow("id a number") << u"upload"_s << u"id"_s << QJsonValue(7) << u"id"_s;
        QTest::newRow("id zero") << u"download"_s << u"id"_s << QJsonValue(u"0"_s) << u"id"_s;
        QTest::newRow("id negative") << u"download"_s << u"id"_s << QJsonValue(u"-3"_s) << u"id"_s;
        QTest::newRow("id not decimal") << u"upload"_s << u"id"_s << QJsonValue(u"12abc"_s) << u"id"_s;
        QTest::newRow("id beyond 64 bits") << u"upload"_s << u"id"_s << QJsonValue(u"99999999999999999999999"_s) << u"id"_s;
        QTest::newRow("direction unknown") << u"upload"_s << u"direction"_s << QJsonValue(u"sideways"_s) << u"direction"_s;
        QTest::newRow("direction a number") << u"download"_s << u"direction"_s << QJsonValue(1) << u"direction"_s;
        QTest::newRow("bucket missing") << u"upload"_s << u"bucket"_s << missing << u"bucket"_s;
        QTest::newRow("bucket empty") << u"download"_s << u"bucket"_s << QJsonValue(u""_s) << u"bucket"_s;
        QTest::newRow("bucket with slash") << u"download"_s << u"bucket"_s << QJsonValue(u"a/b"_s) << u"bucket"_s;
        QTest::newRow("key a list") << u"download"_s << u"key"_s << QJsonValue(QJsonArray{1, 2}) << u"key"_s;
        QTest::newRow("key empty") << u"upload"_s << u"key"_s << QJsonValue(u""_s) << u"key"_s;
        QTest::newRow("key over 1024 bytes") << u"upload"_s << u"key"_s << QJsonValue(QString(1025, u'k')) << u"key"_s;
        QTest::newRow("key with NUL") << u"download"_s << u"key"_s << QJsonValue(u"a\0b"_s) << u"key"_s;
        QTest::newRow("localPath relative") << u"download"_s << u"localPath"_s << QJsonValue(u"../x"_s) << u"localPath"_s;
        QTest::newRow("localPath missing") << u"upload"_s << u"localPath"_s << missing << u"localPath"_s;
        QTest::newRow("priority a text") << u"upload"_s << u"priority"_s << QJsonValue(u"high"_s) << u"priority"_s;
        QTest::newRow("priority fractional") << u"download"_s << u"priority"_s << QJsonValue(1.5) << u"priority"_s;
        QTest::newRow("priority beyond int") << u"download"_s << u"priority"_s << QJsonValue(1e12) << u"priority"_s;
        QTest::newRow("added not a date") << u"download"_s << u"added"_s << QJsonValue(u"yesterday"_s) << u"added"_s;
        QTest::newRow("upload partSize 0") << u"upload"_s << u"partSize"_s << QJsonValue(0) << u"partSize"_s;
        QTest::newRow("upload partSize negative") << u"upload"_s << u"partSize"_s << QJsonValue(-5242880) << u"partSize"_s;
        QTest::newRow("upload partSize under 5 MiB") << u"upload"_s << u"partSize"_s << QJsonValue(1048576) << u"partSize"_s;
        QTest::newRow("upload partSize over 5 GiB") << u"upload"_s << u"partSize"_s << QJsonValue(double(6 * 1024 * MiB)) << u"partSize"_s;
        QTest::newRow("upload partSize a text") << u"upload"_s << u"partSize"_s << QJsonValue(u"8M"_s) << u"partSize"_s;
        QTest::newRow("download partSize 0") << u"download"_s << u"partSize"_s << QJsonValue(0) << u"partSize"_s;
        QTest::newRow("download partSize negative") << u"download"_s << u"partSize"_s << QJsonValue(-1) << u"partSize"_s;
        QTest::newRow("download partSize 1 byte") << u"download"_s << u"partSize"_s << QJsonValue(1) << u"partSize"_s;
        QTest::newRow("fileSize negative") << u"upload"_s << u"fileSize"_s << QJsonValue(-2) << u"fileSize"_s;
        QTest::newRow("fileSize over 5 TiB") << u"upload"_s << u"fileSize"_s << QJsonValue(1e15) << u"fileSize"_s;
        QTest::newRow("fileSize fractional") << u"upload"_s << u"fileSize"_s << QJsonValue(10.5) << u"fileSize"_s;
        QTest::newRow("fileModified not a date") << u"upload"_s << u"fileModified"_s << QJsonValue(u"noon"_s) << u"fileModified"_s;
        QTest::newRow("uploadId with CR LF") << u"upload"_s << u"uploadId"_s << QJsonValue(u"x\r\nHost: evil"_s) << u"uploadId"_s;
        QTest::newRow("uploadId a number") << u"upload"_s << u"uploadId"_s << QJsonValue(5) << u"uploadId"_s;
        QTest::newRow("contentType with LF") << u"upload"_s << u"contentType"_s << QJsonValue(u"text/plain\nX: y"_s) << u"contentType"_s;
        QTest::newRow("metadata a list") << u"upload"_s << u"metadata"_s << QJsonValue(QJsonArray{}) << u"metadata"_s;
        QTest::newRow("metadata value with CR") << u"upload"_s << u"metadata"_s << QJsonValue(QJsonObject{{u"a"_s, u"b\rc"_s}})
                                                << u"metadata"_s;
        QTest::newRow("metadata name with space") << u"upload"_s << u"metadata"_s << QJsonValue(QJsonObject{{u"a b"_s, u"c"_s}})
                                                  << u"metadata"_s;
        QTest::newRow("copy without sourceKey") << u"copy"_s << u"sourceKey"_s << missing << u"sourceKey"_s;
        QTest::newRow("copy sourceBucket with slash") << u"copy"_s << u"sourceBucket"_s << QJsonValue(u"a/b"_s) << u"sourceBucket"_s;
        QTest::newRow("copy sourceKey over 1024 bytes") << u"copy"_s << u"sourceKey"_s << QJsonValue(QString(1025, u'k')) << u"sourceKey"_s;
        QTest::newRow("copy sourceEtag with CR LF") << u"copy"_s << u"sourceEtag"_s << QJsonValue(u"x\r\nHost: evil"_s) << u"sourceEtag"_s;
        QTest::newRow("copy uploadId a number") << u"copy"_s << u"uploadId"_s << QJsonValue(5) << u"uploadId"_s;
        QTest::newRow("copy partSize under 5 MiB") << u"copy"_s << u"partSize"_s << QJsonValue(4096) << u"partSize"_s;
        QTest::newRow("copy multipartThreshold over 5 GiB") << u"copy"_s << u"multipartThreshold"_s << QJsonValue(double(6 * 1024 * MiB))
                                                            << u"multipartThreshold"_s;
        QTest::newRow("copy objectSize fractional") << u"copy"_s << u"objectSize"_s << QJsonValue(10.5) << u"objectSize"_s;
        QTest::newRow("copy deleteSource a text") << u"copy"_s << u"deleteSource"_s << QJsonValue(u"yes"_s) << u"deleteSource"_s;
        QTest::newRow("copy move of a version") << u"copy"_s << u"sourceVersionId"_s << QJsonValue(u"v1"_s) << u"version"_s;
        QTest::newRow("metadata value a number") << u"upload"_s << u"metadata"_s << QJsonValue(QJsonObject{{u"a"_s, 1}})
                                                 << u"metadata"_s;
        // A Properties save (a copy onto itself with new attributes): the fields around the attributes.
        QTest::newRow("properties replaceAttributes a list") << u"properties"_s << u"replaceAttributes"_s << QJsonValue(QJsonArray{})
                                                             << u"replaceAttributes"_s;
        QTest::newRow("properties onto itself as a move") << u"properties"_s << u"deleteSource"_s << QJsonValue(true) << u"delete"_s;
        QTest::newRow("properties sourceIfMatch with CR LF") << u"properties"_s << u"sourceIfMatch"_s << QJsonValue(u"x\r\nHost: evil"_s)
                                                             << u"sourceIfMatch"_s;
        QTest::newRow("properties sourceIfMatch a number") << u"properties"_s << u"sourceIfMatch"_s << QJsonValue(3) << u"sourceIfMatch"_s;
    }

    void entryChecks()
    {
        QFETCH(QString, direction);
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, mentions);
        QJsonObject entry = direction == u"upload"_s ? uploadEntry()
            : direction == u"copy"_s                 ? copyEntry()
            : direction == u"properties"_s           ? propertiesEntry()
                                                     : downloadEntry();
        if (value.isUndefined())
            entry.remove(field);
        else
            entry.insert(field, value);
        const QString problem = transferEntryProblem(entry);
        QVERIFY2(!problem.isEmpty(), qPrintable(u"accepted: "_s + QString::fromUtf8(QJsonDocument(entry).toJson(QJsonDocument::Compact))));
        QVERIFY2(problem.contains(mentions), qPrintable(problem));
        // The whole file keeps the valid neighbour and names the bad entry.
        const QueueFileContents contents = parseQueueFile(queueFile({entry, downloadEntry(u"99"_s)}));
        QCOMPARE(contents.transfers.size(), 1);
        QCOMPARE(contents.transfers.first().value(u"id"_s).toString(), u"99"_s);
        QCOMPARE(contents.problems.size(), 1);
        QVERIFY2(contents.problems.first().startsWith(u"transfer 1"_s), qPrintable(contents.problems.first()));
        if (direction == u"upload"_s && entry.value(u"direction"_s) == QJsonValue(u"upload"_s))
            QVERIFY(!UploadTask::fromJson(entry, {})); // fromJson refuses the entry on its own too
        if (direction == u"copy"_s || direction == u"properties"_s)
            QVERIFY(!CopyTask::fromJson(entry, {}));
        const QString shown = value.isUndefined() ? u"no %1 field"_s.arg(field)
                                                  : QString::fromUtf8(QJsonDocument(QJsonObject{{field, value}}).toJson(QJsonDocument::Compact)).left(80);
        recordReliabilityCase({Area, u"queue file entry with %1: %2"_s.arg(QString::fromUtf8(QTest::currentDataTag()), shown),
                               u"the entry is left out with a message naming the field; the other entries are restored"_s,
                               u"refused with \"%1\"; the valid entry next to it was kept"_s.arg(problem.left(120)), true, u"fake"_s});
    }

    void unknownFieldsAreKept()
    {
        // A later version (or another part of this one) may add fields: they do not make an entry invalid.
        QJsonObject entry = downloadEntry();
        entry.insert(u"partialName"_s, u".s3desk-9f"_s);
        QCOMPARE(transferEntryProblem(entry), QString());
        QCOMPARE(parseQueueFile(queueFile({entry})).transfers.size(), 1);
    }

    void wholeFileProblems_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("empty file") << QByteArray();
        QTest::newRow("truncated JSON") << queueFile({uploadEntry()}).left(40);
        QTest::newRow("binary garbage") << QByteArray("\x00\xff\xfe{\x01[", 6);
        QTest::newRow("a list, not an object") << QByteArray("[1,2,3]");
        QTest::newRow("newer version") << QByteArray(R"({"version":2,"transfers":[]})");
        QTest::newRow("version a text") << QByteArray(R"({"version":"1","transfers":[]})");
        QTest::newRow("transfers an object") << QByteArray(R"({"version":1,"transfers":{"a":1}})");
        QTest::newRow("abandonedUploads a number") << QByteArray(R"({"version":1,"abandonedUploads":3})");
    }

    void wholeFileProblems()
    {
        QFETCH(QByteArray, data);
        const QueueFileContents contents = parseQueueFile(data);
        QVERIFY(contents.transfers.isEmpty());
        QVERIFY(contents.abandonedUploads.isEmpty());
        QCOMPARE(contents.problems.size(), 1);
    }

    void duplicateIdsAndBadLists()
    {
        const QueueFileContents contents = parseQueueFile(queueFile(
            {uploadEntry(u"5"_s), downloadEntry(u"5"_s), QJsonValue(u"text"_s), downloadEntry(u"6"_s)},
            {QJsonObject{{u"bucket"_s, u"b"_s}, {u"key"_s, u"k"_s}, {u"uploadId"_s, u"u1"_s}},
             QJsonObject{{u"bucket"_s, u"b"_s}, {u"key"_s, u"k"_s}}, QJsonObject{{u"bucket"_s, u"b"_s}, {u"key"_s, u"k"_s}, {u"uploadId"_s, u"a\nb"_s}}}));
        QCOMPARE(contents.transfers.size(), 2);
        QCOMPARE(contents.transfers.at(0).value(u"id"_s).toString(), u"5"_s);
        QCOMPARE(contents.transfers.at(1).value(u"id"_s).toString(), u"6"_s);
        QCOMPARE(contents.abandonedUploads.size(), 1);
        QCOMPARE(contents.problems.size(), 4);
        QVERIFY2(contents.problems.at(0).contains(u"used by an earlier transfer"_s), qPrintable(contents.problems.at(0)));
    }

    void problemTextEscapesKeys()
    {
        // A key in the problem list is shown to the user: it must not carry terminal or layout controls.
        QJsonObject entry = uploadEntry();
        entry.insert(u"key"_s, u"evil\x1b]0;owned\x07\nline"_s);
        entry.insert(u"partSize"_s, 0);
        const QueueFileContents contents = parseQueueFile(queueFile({entry}));
        QCOMPARE(contents.problems.size(), 1);
        QVERIFY2(contents.problems.first().contains(u"evil\\x1b]0;owned\\x07\\nline"_s), qPrintable(contents.problems.first()));
        QVERIFY(!contents.problems.first().contains(QChar(0x1b)));
        QVERIFY(!contents.problems.first().contains(u'\n'));
    }

    void damagedFileIsMovedAsideNeverOverwritten()
    {
        const QString path = freshPath(u"garbage"_s);
        const QByteArray garbage = "{\"version\":1,\"transfers\":[{\"id\":\"1\",\"dir";
        QVERIFY(writeAll(path, garbage));
        TransferQueue queue(settings());
        queue.setPersistencePath(path);
        const Result<int> count = queue.restore();
        QVERIFY(count);
        QCOMPARE(*count, 0);
        const QStringList aside = damagedCopies(path);
        QCOMPARE(aside.size(), 1);
        QVERIFY2(QRegularExpression(u"^transfers\\.json\\.damaged-\\d{8}T\\d{6}Z$"_s).match(aside.first()).hasMatch(), qPrintable(aside.first()));
        const QString asidePath = QFileInfo(path).dir().filePath(aside.first());
        QCOMPARE(readLocalFile(asidePath), garbage);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(queue.restoreProblems().size(), 2);
        QVERIFY2(queue.restoreProblems().first().contains(aside.first()), qPrintable(queue.restoreProblems().first()));
        QVERIFY2(queue.restoreProblems().at(1).contains(u"not valid JSON"_s), qPrintable(queue.restoreProblems().at(1)));

        // The queue goes on and saves, into a new file; the damaged copy stays byte for byte.
        queue.enqueueDownload(u"bucket"_s, u"k"_s, m_dir.filePath(u"k.bin"_s));
        queue.pauseAll();
        QVERIFY(bool(queue.saveNow()));
        QCOMPARE(parseQueueFile(readLocalFile(path)).transfers.size(), 1);
        QCOMPARE(readLocalFile(asidePath), garbage);

        // Damaged again within the same second: another name, the first copy untouched.
        QVERIFY(writeAll(path, "not json"));
        TransferQueue again(settings());
        again.setPersistencePath(path);
        QVERIFY(bool(again.restore()));
        QCOMPARE(damagedCopies(path).size(), 2);
        QCOMPARE(readLocalFile(asidePath), garbage);
        recordReliabilityCase({Area, u"transfer queue file cut off in the middle (invalid JSON)"_s,
                               u"file moved aside as <name>.damaged-<UTC time>, never overwritten, problem reported"_s,
                               u"moved to %1 with the same bytes; a later save wrote a new file and left the copy "
                               "unchanged; a second damaged file got another name"_s.arg(aside.first()),
                               true, u"fake"_s});
    }

    void partlyValidFileKeepsTheValidEntries()
    {
        const QString path = freshPath(u"partly"_s);
        QJsonObject zeroPart = uploadEntry(u"11"_s);
        zeroPart.insert(u"partSize"_s, 0);
        QJsonObject negativePart = downloadEntry(u"12"_s);
        negativePart.insert(u"partSize"_s, -65536);
        QJsonObject sideways = downloadEntry(u"13"_s);
        sideways.insert(u"direction"_s, u"sideways"_s);
        QJsonObject validUpload = uploadEntry(u"14"_s);
        validUpload.insert(u"localPath"_s, m_dir.filePath(u"up.bin"_s));
        QJsonObject validDownload = downloadEntry(u"15"_s);
        validDownload.insert(u"localPath"_s, m_dir.filePath(u"down.bin"_s));
        const QByteArray original = queueFile({zeroPart, validUpload, negativePart, sideways, validDownload});
        QVERIFY(writeAll(path, original));

        TransferQueue queue(settings());
        queue.setPersistencePath(path);
        const Result<int> count = queue.restore();
        QVERIFY(count);
        QCOMPARE(*count, 2);
        QVERIFY(queue.contains(14));
        QVERIFY(queue.contains(15));
        QCOMPARE(queue.snapshot(14).state, TransferState::Paused);
        QCOMPARE(queue.snapshot(15).key, u"photos/b.jpg"_s);
        QCOMPARE(queue.restoreProblems().size(), 4); // the summary and one line per bad entry
        QVERIFY2(queue.restoreProblems().first().contains(u"2 transfers were restored"_s), qPrintable(queue.restoreProblems().first()));
        QVERIFY2(queue.restoreProblems().at(1).contains(u"partSize 0"_s), qPrintable(queue.restoreProblems().at(1)));
        QVERIFY2(queue.restoreProblems().at(2).contains(u"partSize -65536"_s), qPrintable(queue.restoreProblems().at(2)));
        QVERIFY2(queue.restoreProblems().at(3).contains(u"sideways"_s), qPrintable(queue.restoreProblems().at(3)));
        const QStringList aside = damagedCopies(path);
        QCOMPARE(aside.size(), 1);
        QCOMPARE(readLocalFile(QFileInfo(path).dir().filePath(aside.first())), original);
        QVERIFY(bool(queue.saveNow()));
        const QueueFileContents saved = parseQueueFile(readLocalFile(path));
        QCOMPARE(saved.problems, QStringList());
        QCOMPARE(saved.transfers.size(), 2);
        recordReliabilityCase({Area, u"transfer queue file with entries of partSize 0, partSize -65536 and direction \"sideways\" "
                                     "between two valid ones"_s,
                               u"the valid entries are restored, the bad ones named, the original file kept aside"_s,
                               u"2 transfers restored paused, 3 problems listed, the original moved aside byte-identical, "
                               "the next save holds the 2 valid entries"_s,
                               true, u"fake"_s});
    }

    void unreadableFileIsNeverOverwritten()
    {
        // A folder where the file should be: it cannot be read (even as root) and must not be replaced.
        const QString path = freshPath(u"unreadable"_s);
        QVERIFY(QDir().mkpath(path));
        QVERIFY(writeAll(path + u"/inside"_s, "kept"));
        TransferQueue queue(settings());
        queue.setPersistencePath(path);
        QVERIFY(bool(queue.restore()));
        QCOMPARE(queue.restoreProblems().size(), 1);
        QVERIFY2(queue.restoreProblems().first().contains(u"cannot be read"_s), qPrintable(queue.restoreProblems().first()));
        queue.enqueueDownload(u"bucket"_s, u"k"_s, m_dir.filePath(u"k2.bin"_s));
        queue.pauseAll();
        const Result<Ok> saved = queue.saveNow();
        QVERIFY(!saved);
        QVERIFY2(saved.error().message().contains(u"not saving"_s), qPrintable(saved.error().message()));
        QVERIFY(QFileInfo(path).isDir());
        QCOMPARE(readLocalFile(path + u"/inside"_s), QByteArray("kept"));
    }

    void savedFileIsPrivate()
    {
        const QString path = freshPath(u"modes"_s);
        {
            TransferQueue queue(settings());
            queue.setPersistencePath(path);
            queue.enqueueDownload(u"bucket"_s, u"k"_s, m_dir.filePath(u"m.bin"_s));
            queue.pauseAll();
            QVERIFY(bool(queue.saveNow()));
            QCOMPARE(modeOf(path), 0600);
        }
        // A file of an older version (mode 0644) is tightened when it is read, and by the next save.
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                                | QFileDevice::ReadOther));
        QCOMPARE(modeOf(path), 0644);
        TransferQueue queue(settings());
        queue.setPersistencePath(path);
        QVERIFY(bool(queue.restore()));
        QCOMPARE(modeOf(path), 0600);
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        QVERIFY(bool(queue.saveNow()));
        QCOMPARE(modeOf(path), 0600);
        recordReliabilityCase({Area, u"transfer queue file written, and one left world-readable (0644) by an older version"_s,
                               u"the queue file is private to the user (mode 0600)"_s,
                               u"mode 0600 after a save, 0644 tightened to 0600 when read and again when saved"_s, true, u"fake"_s});
    }

    void busyQueueStillSaves()
    {
        // A change every 10 ms, the save interval 200 ms: a timer restarted on every change would never fire.
        const QString path = freshPath(u"busy"_s);
        TransferQueue queue(settings());
        queue.setPersistencePath(path);
        queue.setSaveIntervalMs(200);
        queue.pauseAll();
        int changes = 0;
        QTimer churn;
        churn.setInterval(10);
        connect(&churn, &QTimer::timeout, &queue, [&] {
            const TransferId id = queue.enqueueDownload(u"bucket"_s, u"k%1"_s.arg(changes), m_dir.filePath(u"busy%1.bin"_s.arg(changes)));
            queue.pause(id);
            ++changes;
        });
        churn.start();
        QElapsedTimer clock;
        clock.start();
        QVERIFY(waitUntil([&] { return QFile::exists(path); }, 5000));
        const qint64 firstSaveMs = clock.elapsed();
        const int changesBeforeSave = changes;
        // Still saving while the changes go on: the file catches up again within the interval.
        QVERIFY(waitUntil([&] { return parseQueueFile(readLocalFile(path)).transfers.size() > changesBeforeSave; }, 5000));
        QVERIFY(churn.isActive());
        churn.stop();
        QVERIFY2(changesBeforeSave >= 5, qPrintable(QString::number(changesBeforeSave)));
        recordReliabilityCase({Area, u"a queue that changes every 10 ms without a pause (a busy folder transfer)"_s,
                               u"the queue file is still saved at least once per save interval"_s,
                               u"with a 200 ms interval the first save came after %1 ms and %2 changes, and later saves "
                               "followed while the changes went on"_s.arg(firstSaveMs).arg(changesBeforeSave),
                               true, u"fake"_s});
    }

    void engineKeepsProblemsForALateListener()
    {
        const QString path = freshPath(u"engine"_s);
        QVERIFY(writeAll(path, "\x01garbage"));
        TransferEngine engine([settings = settings()](QNetworkAccessManager *) -> Result<ClientSettings> { return settings; }, {}, path);
        // Nobody listens while the worker restores; the problems are still there when asked for afterwards.
        QVERIFY(waitUntil([&] { return !engine.restoreProblems().isEmpty(); }, 5000));
        QVERIFY2(engine.restoreProblems().first().contains(u"damaged"_s), qPrintable(engine.restoreProblems().join(u'\n')));
        QCOMPARE(damagedCopies(path).size(), 1);
        recordReliabilityCase({Area, u"damaged queue file found while the transfer engine starts, before any window listens"_s,
                               u"the problem is kept until the window asks for it, not lost with an early signal"_s,
                               u"TransferEngine::restoreProblems() held the report after the restore with no listener connected"_s,
                               true, u"fake"_s});
    }
};

QTEST_GUILESS_MAIN(TestQueueFile)
#include "tst_queuefile.moc"
