// SPDX-License-Identifier: Apache-2.0
// English plural forms: the app shows "1 file" and "3 files", never "file(s)". Every text of the user interface
// that takes a count (%n, %Ln) must have finished forms in resources/translations/s3desk_en.ts: lupdate runs over
// the sources here and each plural text it finds must be there.
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include "util/counttext.h"
#include "util/translations.h"

using namespace Qt::Literals::StringLiterals;

namespace {

struct PluralEntry
{
    QStringList forms;
    bool unfinished = false;
};

/** context + '\n' + source -> the entry, for every plural message of a .ts file. */
QHash<QString, PluralEntry> pluralEntries(const QString &path)
{
    QHash<QString, PluralEntry> entries;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return entries;
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    PluralEntry entry;
    bool numerus = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QStringView name = xml.name();
            if (name == u"name"_s)
                context = xml.readElementText();
            else if (name == u"message"_s) {
                numerus = xml.attributes().value(u"numerus"_s) == u"yes"_s;
                source.clear();
                entry = {};
            } else if (name == u"source"_s)
                source = xml.readElementText();
            else if (name == u"translation"_s)
                entry.unfinished = xml.attributes().value(u"type"_s) == u"unfinished"_s;
            else if (name == u"numerusform"_s)
                entry.forms.append(xml.readElementText());
        } else if (xml.isEndElement() && xml.name() == u"message"_s && numerus) {
            entries.insert(context + u'\n' + source, entry);
        }
    }
    return entries;
}

const QString SourceDir = QStringLiteral(S3DESK_SOURCE_DIR);

} // namespace

class TestPlurals : public QObject
{
    Q_OBJECT

    QTranslator m_plurals;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(s3ui::loadEnglishPlurals(&m_plurals));
        QVERIFY(QCoreApplication::installTranslator(&m_plurals));
    }

    void countsReadAsEnglish_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one file") << u"s3ui::BrowserView"_s << u"%n file(s)"_s << 1 << u"1 file"_s;
        QTest::newRow("three files") << u"s3ui::BrowserView"_s << u"%n file(s)"_s << 3 << u"3 files"_s;
        QTest::newRow("zero files") << u"s3ui::BrowserView"_s << u"%n file(s)"_s << 0 << u"0 files"_s;
        QTest::newRow("one download queued") << u"s3ui::BrowserView"_s << u"%n download(s) queued"_s << 1 << u"1 download queued"_s;
        QTest::newRow("one folder and all in it") << u"s3ui::BrowserView"_s << u"%n folder(s) and everything in them"_s << 1
                                                  << u"1 folder and everything in it"_s;
        QTest::newRow("two transfers not finished") << u"s3ui::MainWindow"_s << u"%n transfer(s) are not finished. Quit anyway?"_s << 2
                                                    << u"2 transfers are not finished. Quit anyway?"_s;
    }

    void countsReadAsEnglish()
    {
        QFETCH(QString, context);
        QFETCH(QString, source);
        QFETCH(int, count);
        QFETCH(QString, expected);
        QCOMPARE(QCoreApplication::translate(context.toUtf8().constData(), source.toUtf8().constData(), nullptr, count), expected);
    }

    void countTextsUseTheForms()
    {
        QVERIFY2(s3ui::counttext::objectsAndSize(1, 5).startsWith(u"1 object,"_s), qPrintable(s3ui::counttext::objectsAndSize(1, 5)));
        QVERIFY2(s3ui::counttext::objectsAndSize(2000, 5).contains(u" objects,"_s), qPrintable(s3ui::counttext::objectsAndSize(2000, 5)));
    }

    void everyCountedTextHasFinishedForms()
    {
        const QHash<QString, PluralEntry> committed = pluralEntries(SourceDir + u"/resources/translations/s3desk_en.ts"_s);
        QVERIFY(!committed.isEmpty());
        for (auto it = committed.cbegin(); it != committed.cend(); ++it) {
            const QString where = QString(it.key()).replace(u'\n', u": "_s);
            QVERIFY2(!it->unfinished, qPrintable(u"unfinished: "_s + where));
            QVERIFY2(it->forms.size() == 2 && !it->forms[0].isEmpty() && !it->forms[1].isEmpty(), qPrintable(u"needs two forms: "_s + where));
            QVERIFY2(!it->forms[0].contains(u"(s)"_s) && !it->forms[1].contains(u"(s)"_s), qPrintable(u"\"(s)\" left in: "_s + where));
        }

        // What the sources say today: lupdate finds every text with a count.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString fresh = dir.filePath(u"fresh_en.ts"_s);
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(S3DESK_LUPDATE), {u"-pluralonly"_s, u"-no-obsolete"_s, u"-locations"_s, u"none"_s, u"-source-language"_s,
                                                       u"en"_s, u"-target-language"_s, u"en"_s, SourceDir + u"/ui"_s, SourceDir + u"/app"_s,
                                                       u"-ts"_s, fresh});
        QVERIFY2(lupdate.waitForFinished(120000), "lupdate did not finish");
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());
        const QHash<QString, PluralEntry> needed = pluralEntries(fresh);
        QVERIFY(!needed.isEmpty());
        QStringList missing;
        for (auto it = needed.cbegin(); it != needed.cend(); ++it) {
            if (!committed.contains(it.key()))
                missing.append(QString(it.key()).replace(u'\n', u": "_s));
        }
        QVERIFY2(missing.isEmpty(), qPrintable(u"texts with a count but no English forms (run cmake --build <dir> --target update_translations, "
                                               "then fill them in resources/translations/s3desk_en.ts):\n"_s + missing.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestPlurals)
#include "tst_plurals.moc"
