// SPDX-License-Identifier: Apache-2.0
// The pure rules behind Open / Edit (OpenEditController): the local name of an opened object (untrusted keys
// never leave the private folder: "../../x", control characters, Windows' characters, names longer than a file
// system takes), the key of "Save as copy", whether a file changed since it was downloaded or uploaded, and
// whether the upload back meets a change made on the server.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "browser/editfiles.h"
#include "s3core/transfer/localfs.h"
#include "s3core/transfer/localpaths.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(s3ui::editfiles::Change)
Q_DECLARE_METATYPE(s3ui::editfiles::FileState)

class TestEditFiles : public QObject
{
    Q_OBJECT

    static editfiles::FileState state(qint64 size, qint64 secs, const QByteArray &hash)
    {
        editfiles::FileState s;
        s.exists = size >= 0;
        s.size = size;
        s.modified = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
        s.hash = hash;
        return s;
    }

private Q_SLOTS:
    void localName_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u"dir/notes.txt"_s << u"notes.txt"_s;
        QTest::newRow("top level") << u"a.json"_s << u"a.json"_s;
        QTest::newRow("dot dot parts") << u"../../x"_s << u"x"_s;
        QTest::newRow("only dot dot") << u"a/.."_s << u"object"_s;
        QTest::newRow("three dots") << u"..."_s << u"object"_s;
        QTest::newRow("empty last part") << u"dir/"_s << u"object"_s;
        QTest::newRow("backslashes") << u"..\\..\\evil.txt"_s << u".._.._evil.txt"_s;
        QTest::newRow("drive letter") << u"C:x.txt"_s << u"C_x.txt"_s;
        QTest::newRow("windows characters") << u"a*b?c\"d<e>f|g.txt"_s << u"a_b_c_d_e_f_g.txt"_s;
        QTest::newRow("control characters") << u"a\nb\tc\x01.txt"_s << u"a_b_c_.txt"_s;
        QTest::newRow("nul") << QString(u"a"_s + QChar(0) + u"b"_s) << u"a_b"_s;
        QTest::newRow("dot file") << u"cfg/.env"_s << u".env"_s;
        QTest::newRow("unicode") << u"fotos/Grüße 😀.txt"_s << u"Grüße 😀.txt"_s;
        QTest::newRow("lone surrogate") << QString(u"a"_s + QChar(0xd800) + u"b"_s) << u"a_b"_s;
    }

    void localName()
    {
        QFETCH(QString, key);
        QFETCH(QString, expected);
        const QString name = editfiles::localName(key);
        QCOMPARE(name, expected);
        // Whatever the key, the name is one segment the download path rules accept, directly in the folder.
        const s3::Result<QString> path = s3::localPathForKey(u"/tmp/edit"_s, QString(), name);
        QVERIFY2(path.ok(), qPrintable(path ? QString() : path.error().message()));
        QCOMPARE(*path, u"/tmp/edit/"_s + name);
        const auto placed = s3::localfs::placeBeneath(u"/tmp/edit"_s, *path);
        QVERIFY(placed.ok());
        QCOMPARE(placed->folder, QString());
    }

    void longNamesAreCutKeepingTheExtension_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("extension");
        QTest::newRow("ascii") << (u"dir/"_s + QString(400, u'a') + u".txt"_s) << u".txt"_s;
        QTest::newRow("two-byte") << (QString(300, QChar(0xe9)) + u".md"_s) << u".md"_s;
        QTest::newRow("emoji pairs") << (QString(200, QChar(0xd83d)).replace(QChar(0xd83d), u"😀"_s) + u".json"_s) << u".json"_s;
        QTest::newRow("long extension is not one") << (u"x."_s + QString(300, u'b')) << QString();
    }

    void longNamesAreCutKeepingTheExtension()
    {
        QFETCH(QString, key);
        QFETCH(QString, extension);
        const QString name = editfiles::localName(key);
        QVERIFY(name.toUtf8().size() <= s3::localfs::MaxNameBytes);
        QVERIFY(name.toUtf8().size() > s3::localfs::MaxNameBytes - 4); // cut, not emptied
        QVERIFY(name.endsWith(extension));
        QVERIFY(!name.isEmpty() && !name.back().isHighSurrogate()); // never half a character
        QVERIFY(QString::fromUtf8(name.toUtf8()) == name);
        QVERIFY(s3::localfs::placeBeneath(u"/tmp/edit"_s, u"/tmp/edit/"_s + name).ok());
    }

    void copyKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::newRow("extension") << u"dir/a.txt"_s << u"dir/a (edited 2026-12-05 01.02.03).txt"_s;
        QTest::newRow("none") << u"dir/a"_s << u"dir/a (edited 2026-12-05 01.02.03)"_s;
        QTest::newRow("dot file") << u".env"_s << u".env (edited 2026-12-05 01.02.03)"_s;
        QTest::newRow("dot in the folder only") << u"v1.2/readme"_s << u"v1.2/readme (edited 2026-12-05 01.02.03)"_s;
        QTest::newRow("two extensions") << u"a.tar.gz"_s << u"a.tar (edited 2026-12-05 01.02.03).gz"_s;
    }

    void copyKey()
    {
        QFETCH(QString, key);
        QFETCH(QString, expected);
        const QDateTime when(QDate(2026, 12, 5), QTime(1, 2, 3));
        QCOMPARE(editfiles::copyKey(key, when), expected);
    }

    void decideChange_data()
    {
        QTest::addColumn<editfiles::FileState>("baseline");
        QTest::addColumn<editfiles::FileState>("now");
        QTest::addColumn<editfiles::Change>("expected");
        const QByteArray h1 = "hash-one", h2 = "hash-two";
        QTest::newRow("same") << state(10, 100, h1) << state(10, 100, h1) << editfiles::Change::Unchanged;
        QTest::newRow("saved unchanged (new time, same bytes)") << state(10, 100, h1) << state(10, 200, h1) << editfiles::Change::Unchanged;
        QTest::newRow("new size") << state(10, 100, h1) << state(11, 100, h2) << editfiles::Change::Changed;
        QTest::newRow("same size, other bytes") << state(10, 100, h1) << state(10, 200, h2) << editfiles::Change::Changed;
        QTest::newRow("same size and time, other bytes") << state(10, 100, h1) << state(10, 100, h2) << editfiles::Change::Changed;
        QTest::newRow("large, same time") << state(10, 100, {}) << state(10, 100, {}) << editfiles::Change::Unchanged;
        QTest::newRow("large, new time") << state(10, 100, {}) << state(10, 200, {}) << editfiles::Change::Changed;
        QTest::newRow("gone for a moment (rename)") << state(10, 100, h1) << state(-1, 0, {}) << editfiles::Change::Missing;
        QTest::newRow("back after a rename") << state(-1, 0, {}) << state(10, 100, h1) << editfiles::Change::Changed;
    }

    void decideChange()
    {
        QFETCH(editfiles::FileState, baseline);
        QFETCH(editfiles::FileState, now);
        QFETCH(editfiles::Change, expected);
        QCOMPARE(editfiles::decideChange(baseline, now), expected);
    }

    void isConflict_data()
    {
        QTest::addColumn<QString>("opened");
        QTest::addColumn<QString>("current");
        QTest::addColumn<bool>("exists");
        QTest::addColumn<bool>("expected");
        QTest::newRow("unchanged") << u"\"abc\""_s << u"\"abc\""_s << true << false;
        QTest::newRow("quotes differ only") << u"\"abc\""_s << u"abc"_s << true << false;
        QTest::newRow("changed") << u"\"abc\""_s << u"\"def\""_s << true << true;
        QTest::newRow("deleted") << u"\"abc\""_s << QString() << false << true;
        QTest::newRow("unknown when opened") << QString() << u"\"abc\""_s << true << true;
    }

    void isConflict()
    {
        QFETCH(QString, opened);
        QFETCH(QString, current);
        QFETCH(bool, exists);
        QFETCH(bool, expected);
        QCOMPARE(editfiles::isConflict(opened, current, exists), expected);
    }

    void readFileStateSeesContent()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"f.txt"_s);
        QVERIFY(!editfiles::readFileState(path).exists);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("one");
        file.close();
        const editfiles::FileState first = editfiles::readFileState(path);
        QVERIFY(first.exists);
        QCOMPARE(first.size, qint64(3));
        QCOMPARE(first.hash.size(), qsizetype(32));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("two"); // same size, maybe the same second: the hash tells
        file.close();
        QCOMPARE(editfiles::decideChange(first, editfiles::readFileState(path)), editfiles::Change::Changed);
    }
};

QTEST_GUILESS_MAIN(TestEditFiles)
#include "tst_editfiles.moc"
