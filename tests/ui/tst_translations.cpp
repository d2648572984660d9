// SPDX-License-Identifier: Apache-2.0
// The translations: resources/translations/s3desk_de.ts has every text of ui/ and app/ (lupdate runs over the
// sources here), each finished, none obsolete, with the placeholders and the German plural forms right;
// s3desk_en.ts has no unfinished or obsolete entry either; and with the German translation loaded (as for
// LANGUAGE=de) the main window's menus speak German.
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include "util/translations.h"
#include "widgets/mainwindow.h"

using namespace Qt::Literals::StringLiterals;

namespace {

struct Entry
{
    QString context;
    QString source;
    bool numerus = false;
    QString type;         // "", "unfinished", "obsolete", "vanished"
    QStringList forms;    // numerus forms, or the one translation
};

/** context + '\n' + source -> entry, for every message of a .ts file. */
QHash<QString, Entry> entries(const QString &path)
{
    QHash<QString, Entry> result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return result;
    QXmlStreamReader xml(&file);
    QString context;
    Entry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QStringView name = xml.name();
            if (name == u"name"_s) {
                context = xml.readElementText();
            } else if (name == u"message"_s) {
                entry = {};
                entry.context = context;
                entry.numerus = xml.attributes().value(u"numerus"_s) == u"yes"_s;
            } else if (name == u"source"_s) {
                entry.source = xml.readElementText();
            } else if (name == u"translation"_s) {
                entry.type = xml.attributes().value(u"type"_s).toString();
                if (!entry.numerus)
                    entry.forms.append(xml.readElementText());
            } else if (name == u"numerusform"_s) {
                entry.forms.append(xml.readElementText());
            }
        } else if (xml.isEndElement() && xml.name() == u"message"_s) {
            result.insert(entry.context + u'\n' + entry.source, entry);
        }
    }
    if (xml.hasError())
        qWarning("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    return result;
}

/** The placeholders of a text, sorted: %1..%99, %L1, %n, %Ln (a translation keeps them all). */
QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(u"%L?(\\d{1,2}|n)"_s);
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found.append(it.next().captured(0));
    found.sort();
    return found;
}

const QString SourceDir = QStringLiteral(S3DESK_SOURCE_DIR);
const QString GermanTs = SourceDir + u"/resources/translations/s3desk_de.ts"_s;
const QString EnglishTs = SourceDir + u"/resources/translations/s3desk_en.ts"_s;

/** Runs lupdate over ui/ and app/ into a fresh .ts file (as the update_translations target does). */
QHash<QString, Entry> freshEntries(const QTemporaryDir &dir, const QString &language, bool pluralOnly)
{
    const QString fresh = dir.filePath(u"fresh_%1.ts"_s.arg(language));
    QStringList arguments;
    if (pluralOnly)
        arguments << u"-pluralonly"_s;
    arguments << u"-no-obsolete"_s << u"-locations"_s << u"none"_s << u"-source-language"_s << u"en"_s << u"-target-language"_s
              << language << SourceDir + u"/ui"_s << SourceDir + u"/app"_s << u"-ts"_s << fresh;
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(S3DESK_LUPDATE), arguments);
    if (!lupdate.waitForFinished(120000) || lupdate.exitCode() != 0) {
        qWarning("lupdate failed: %s", lupdate.readAll().constData());
        return {};
    }
    return entries(fresh);
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void germanEntriesAreFinished()
    {
        const QHash<QString, Entry> german = entries(GermanTs);
        QVERIFY(german.size() > 500);
        QStringList problems;
        for (const Entry &e : german) {
            const QString where = e.context + u": "_s + e.source;
            if (!e.type.isEmpty()) {
                problems << e.type + u": "_s + where;
                continue;
            }
            if (e.numerus && e.forms.size() != 2) // German: one, other
                problems << u"needs two plural forms: "_s + where;
            for (const QString &form : e.forms) {
                if (form.trimmed().isEmpty())
                    problems << u"empty: "_s + where;
                else if (placeholders(form) != placeholders(e.source) && !(e.numerus && placeholders(form).isEmpty()))
                    problems << u"placeholders differ (%1): "_s.arg(form) + where;
                if (form.contains(u"(s)"_s))
                    problems << u"\"(s)\" left in: "_s + where;
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void englishEntriesAreFinished()
    {
        const QHash<QString, Entry> english = entries(EnglishTs);
        QVERIFY(!english.isEmpty());
        QStringList problems;
        for (const Entry &e : english) {
            if (!e.type.isEmpty())
                problems << e.type + u": "_s + e.context + u": "_s + e.source;
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void filesMatchTheSources_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("committed");
        QTest::addColumn<bool>("pluralOnly");
        QTest::newRow("de") << u"de"_s << GermanTs << false;
        QTest::newRow("en") << u"en"_s << EnglishTs << true;
    }

    void filesMatchTheSources()
    {
        QFETCH(QString, language);
        QFETCH(QString, committed);
        QFETCH(bool, pluralOnly);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QHash<QString, Entry> needed = freshEntries(dir, language, pluralOnly);
        QVERIFY(!needed.isEmpty());
        const QHash<QString, Entry> present = entries(committed);
        QStringList missing;
        QStringList obsolete;
        for (auto it = needed.cbegin(); it != needed.cend(); ++it) {
            if (!present.contains(it.key()))
                missing << QString(it.key()).replace(u'\n', u": "_s);
        }
        for (auto it = present.cbegin(); it != present.cend(); ++it) {
            if (!needed.contains(it.key()))
                obsolete << QString(it.key()).replace(u'\n', u": "_s);
        }
        missing.sort();
        obsolete.sort();
        QVERIFY2(missing.isEmpty(), qPrintable(u"texts of the sources missing from %1 (cmake --build <dir> --target update_translations, "
                                               "then translate them):\n"_s.arg(committed)
                                               + missing.join(u'\n')));
        QVERIFY2(obsolete.isEmpty(), qPrintable(u"entries of %1 no source has any more (update_translations drops them):\n"_s.arg(committed)
                                                + obsolete.join(u'\n')));
    }

    void germanLocaleLoadsGerman_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("expected");
        QTest::newRow("de_DE") << u"de_DE"_s << u"de"_s;
        QTest::newRow("de_AT") << u"de_AT"_s << u"de"_s;
        QTest::newRow("en_US") << u"en_US"_s << u"en"_s;
        QTest::newRow("fr_FR falls back to English") << u"fr_FR"_s << u"en"_s;
    }

    void germanLocaleLoadsGerman()
    {
        QFETCH(QString, locale);
        QFETCH(QString, expected);
        QTranslator translator;
        QCOMPARE(s3ui::loadTranslation(&translator, QLocale(locale)), expected);
    }

    void menusSpeakGerman()
    {
        QTranslator german;
        QCOMPARE(s3ui::loadTranslation(&german, QLocale(QLocale::German, QLocale::Germany)), u"de"_s);
        QVERIFY(QCoreApplication::installTranslator(&german));
        {
            s3ui::MainWindow window(s3ui::MainWindowDependencies{});
            QStringList menus;
            for (QAction *action : window.menuBar()->actions())
                menus << action->text();
            QVERIFY2(menus.contains(u"&Datei"_s), qPrintable(menus.join(u", "_s)));
            QVERIFY2(menus.contains(u"&Hilfe"_s), qPrintable(menus.join(u", "_s)));
            QVERIFY2(!menus.contains(u"&File"_s), qPrintable(menus.join(u", "_s)));
        }
        // A counted text takes the German forms.
        QCOMPARE(QCoreApplication::translate("s3ui::BrowserView", "%n file(s)", nullptr, 1), u"1 Datei"_s);
        QCOMPARE(QCoreApplication::translate("s3ui::BrowserView", "%n file(s)", nullptr, 3), u"3 Dateien"_s);
        QCoreApplication::removeTranslator(&german);
        s3ui::MainWindow english(s3ui::MainWindowDependencies{});
        QCOMPARE(english.menuBar()->actions().first()->text(), u"&File"_s);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
