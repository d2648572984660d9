// SPDX-License-Identifier: Apache-2.0
// Favourites as stored: the default names, which stored entries are dropped and why (data-driven), the round trip
// through a QSettings file in order, duplicates refused, rename / remove / move kept on disk; and the model's rows.
#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "connection/connectionprofile.h"
#include "models/favouritesmodel.h"
#include "models/favouritesstore.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

namespace {

QVariantMap entry(const QString &connection, const QString &bucket, const QString &prefix, const QString &name)
{
    return {{u"connection"_s, connection}, {u"bucket"_s, bucket}, {u"prefix"_s, prefix}, {u"name"_s, name}};
}

} // namespace

class TestFavouritesStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    QString newFile() { return m_dir.filePath(u"s3desk-%1.ini"_s.arg(++m_files)); }

private Q_SLOTS:
    void defaultName_data()
    {
        QTest::addColumn<QString>("bucket");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("name");
        QTest::newRow("bucket root") << u"photos"_s << QString() << u"photos"_s;
        QTest::newRow("folder") << u"photos"_s << u"2024/"_s << u"2024"_s;
        QTest::newRow("deep folder") << u"photos"_s << u"2024/summer holiday/"_s << u"summer holiday"_s;
        QTest::newRow("only slashes") << u"photos"_s << u"/"_s << u"photos"_s;
        QTest::newRow("double slash") << u"photos"_s << u"a//"_s << u"a"_s;
        QTest::newRow("newline in name") << u"photos"_s << u"two\nlines/"_s << u"two lines"_s;
    }

    void defaultName()
    {
        QFETCH(QString, bucket);
        QFETCH(QString, prefix);
        QFETCH(QString, name);
        QCOMPARE(defaultFavouriteName(bucket, prefix), name);
    }

    void validation_data()
    {
        QTest::addColumn<QList<QVariantMap>>("entries");
        QTest::addColumn<QStringList>("keptNames");
        QTest::addColumn<QStringList>("problemsContain");
        const QString id = u"6f1c2a9e-0000-4000-8000-000000000001"_s;
        QTest::newRow("good ones kept in order")
            << QList<QVariantMap>{entry(id, u"b1"_s.repeated(2), u"x/"_s, u"X"_s), entry(u"aws-default"_s, u"bucket"_s, {}, u"Root"_s)}
            << QStringList{u"X"_s, u"Root"_s} << QStringList{};
        QTest::newRow("no connection") << QList<QVariantMap>{entry({}, u"bucket"_s, {}, u"A"_s)} << QStringList{}
                                       << QStringList{u"favourite 1 (\"A\") dropped: no connection"_s};
        QTest::newRow("no bucket") << QList<QVariantMap>{entry(id, {}, u"x/"_s, u"A"_s)} << QStringList{}
                                   << QStringList{u"not 3 to 255 characters"_s};
        QTest::newRow("bucket with a slash") << QList<QVariantMap>{entry(id, u"a/b"_s, {}, u"A"_s)} << QStringList{}
                                             << QStringList{u"characters S3 does not allow"_s};
        QTest::newRow("legacy bucket kept") << QList<QVariantMap>{entry(id, u"Old_Bucket"_s, {}, u"A"_s)} << QStringList{u"A"_s}
                                            << QStringList{};
        QTest::newRow("prefix not a folder") << QList<QVariantMap>{entry(id, u"bucket"_s, u"file.txt"_s, u"A"_s)}
                                             << QStringList{} << QStringList{u"is not a folder"_s};
        QTest::newRow("prefix too long") << QList<QVariantMap>{entry(id, u"bucket"_s, u"é"_s.repeated(513) + u"/"_s, u"A"_s)}
                                         << QStringList{} << QStringList{u"longer than 1,024 bytes"_s};
        QTest::newRow("blank name gets the default") << QList<QVariantMap>{entry(id, u"bucket"_s, u"docs/"_s, u"  "_s)}
                                                     << QStringList{u"docs"_s} << QStringList{};
        QTest::newRow("missing name gets the default")
            << QList<QVariantMap>{QVariantMap{{u"connection"_s, id}, {u"bucket"_s, u"bucket"_s}}} << QStringList{u"bucket"_s}
            << QStringList{};
        QTest::newRow("name on one line") << QList<QVariantMap>{entry(id, u"bucket"_s, {}, u"a\nb\u0001"_s)} << QStringList{u"a b"_s}
                                          << QStringList{};
        QTest::newRow("duplicate place dropped, first kept")
            << QList<QVariantMap>{entry(id, u"bucket"_s, u"x/"_s, u"First"_s), entry(id, u"bucket"_s, u"y/"_s, u"Other"_s),
                                  entry(id, u"bucket"_s, u"x/"_s, u"Second"_s)}
            << QStringList{u"First"_s, u"Other"_s}
            << QStringList{u"favourite 3 (\"Second\") dropped: the same place as \"First\""_s};
        QTest::newRow("same place on another connection is another favourite")
            << QList<QVariantMap>{entry(id, u"bucket"_s, u"x/"_s, u"A"_s), entry(u"aws-work"_s, u"bucket"_s, u"x/"_s, u"B"_s)}
            << QStringList{u"A"_s, u"B"_s} << QStringList{};
        QTest::newRow("bad among good") << QList<QVariantMap>{entry(id, u"bucket"_s, {}, u"A"_s), entry(id, u"!!"_s, {}, u"B"_s),
                                                              entry(id, u"bucket"_s, u"c/"_s, u"C"_s)}
                                        << QStringList{u"A"_s, u"C"_s} << QStringList{u"favourite 2 (\"B\") dropped"_s};
    }

    void validation()
    {
        QFETCH(QList<QVariantMap>, entries);
        QFETCH(QStringList, keptNames);
        QFETCH(QStringList, problemsContain);
        const FavouritesLoad load = validateFavourites(entries);
        QStringList names;
        for (const Favourite &favourite : load.favourites)
            names.append(favourite.name);
        QCOMPARE(names, keptNames);
        QCOMPARE(load.problems.size(), problemsContain.size());
        for (qsizetype i = 0; i < problemsContain.size(); ++i)
            QVERIFY2(load.problems.at(i).contains(problemsContain.at(i)), qPrintable(load.problems.at(i)));
    }

    void roundTripInOrder()
    {
        const QString file = newFile();
        const QList<Favourite> favourites{{u"aws-default"_s, u"photos"_s, u"2024/"_s, u"Holidays"_s},
                                          {u"id-1"_s, u"backups"_s, {}, u"backups"_s},
                                          {u"id-1"_s, u"backups"_s, u"db/ä ö/"_s, u"DB = umlauts; \"quoted\""_s}};
        {
            QSettings settings(file, QSettings::IniFormat);
            FavouritesStore store(&settings);
            QVERIFY(store.favourites().isEmpty());
            for (const Favourite &favourite : favourites)
                QVERIFY(store.add(favourite));
        }
        QSettings settings(file, QSettings::IniFormat);
        FavouritesStore store(&settings);
        QCOMPARE(store.favourites(), favourites);
        QVERIFY(store.loadProblems().isEmpty());
        // The pure pair agrees with what the file holds.
        QCOMPARE(validateFavourites(favouriteEntries(favourites)).favourites, favourites);
    }

    void duplicatesAndBadOnesAreRefused()
    {
        QSettings settings(newFile(), QSettings::IniFormat);
        FavouritesStore store(&settings);
        QVERIFY(store.add({u"id"_s, u"bucket"_s, u"a/"_s, u"A"_s}));
        QVERIFY(!store.add({u"id"_s, u"bucket"_s, u"a/"_s, u"Again"_s}));
        QCOMPARE(store.indexOf({u"id"_s, u"bucket"_s, u"a/"_s, {}}), 0);
        QVERIFY(!store.add({u"id"_s, u"bucket"_s, u"file"_s, u"B"_s}));
        QVERIFY(!store.add({{}, u"bucket"_s, {}, u"C"_s}));
        QVERIFY(store.add({u"id"_s, u"bucket"_s, {}, {}}));
        QCOMPARE(store.favourites().size(), 2);
        QCOMPARE(store.favourites().at(1).name, u"bucket"_s);
    }

    void badStoredEntriesAreDroppedLoggedAndForgotten()
    {
        const QString file = newFile();
        {
            QSettings settings(file, QSettings::IniFormat);
            settings.beginWriteArray(u"favourites"_s, 3);
            const QList<QVariantMap> rows{entry(u"id"_s, u"bucket"_s, u"a/"_s, u"A"_s), entry(u"id"_s, u"b"_s, u"x"_s, u"Bad"_s),
                                          entry(u"id"_s, u"bucket"_s, u"a/"_s, u"Dup"_s)};
            for (int i = 0; i < 3; ++i) {
                settings.setArrayIndex(i);
                for (auto it = rows.at(i).cbegin(); it != rows.at(i).cend(); ++it)
                    settings.setValue(it.key(), it.value());
            }
            settings.endArray();
        }
        {
            QSettings settings(file, QSettings::IniFormat);
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"favourite 2 .*dropped"_s));
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"favourite 3 .*same place"_s));
            FavouritesStore store(&settings);
            QCOMPARE(store.favourites().size(), 1);
            QCOMPARE(store.loadProblems().size(), 2);
        }
        QSettings settings(file, QSettings::IniFormat);
        FavouritesStore store(&settings); // no warning now: the file was rewritten with the good ones
        QCOMPARE(store.favourites().size(), 1);
        QVERIFY(store.loadProblems().isEmpty());
        QCOMPARE(settings.value(u"favourites/size"_s).toInt(), 1);
    }

    void renameRemoveMoveAreSaved()
    {
        const QString file = newFile();
        {
            QSettings settings(file, QSettings::IniFormat);
            FavouritesStore store(&settings);
            for (const QString &prefix : {u"a/"_s, u"b/"_s, u"c/"_s})
                QVERIFY(store.add({u"id"_s, u"bucket"_s, prefix, {}}));
            QVERIFY(store.rename(1, u"  Bee\n"_s));
            QVERIFY(!store.rename(1, u"   "_s));
            QVERIFY(!store.rename(7, u"x"_s));
            QVERIFY(store.move(2, 0)); // c a Bee
            QVERIFY(!store.move(0, 3));
            QVERIFY(store.remove(1)); // c Bee
            QVERIFY(!store.remove(5));
        }
        QSettings settings(file, QSettings::IniFormat);
        FavouritesStore store(&settings);
        QCOMPARE(store.favourites().size(), 2);
        QCOMPARE(store.favourites().at(0).name, u"c"_s);
        QCOMPARE(store.favourites().at(1).name, u"Bee"_s);
        QCOMPARE(store.favourites().at(1).prefix, u"b/"_s);
    }

    void modelRowsAndAvailability()
    {
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, m_dir.filePath(u"nohome"_s)); // no AWS profiles
        ConnectionStore connections(newFile(), environment);
        ConnectionProfile profile;
        profile.name = u"Office"_s;
        profile.endpointUrl = u"http://127.0.0.1:9"_s;
        const QString id = *connections.add(profile);
        QSettings settings(newFile(), QSettings::IniFormat);
        FavouritesModel model(&settings, &connections);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.add({id, u"bucket"_s, u"a/"_s, {}}), 0);
        QCOMPARE(model.add({id, u"bucket"_s, u"b/"_s, u"Bee"_s}), 1);
        QCOMPARE(model.add({id, u"bucket"_s, u"a/"_s, {}}), -1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data().toString(), u"a"_s);
        QVERIFY(model.index(0).data(Qt::ToolTipRole).toString().contains(u"s3://bucket/a/"_s));
        QVERIFY(model.index(0).data(Qt::ToolTipRole).toString().contains(u"Office"_s));
        QVERIFY(!model.index(0).data(FavouritesModel::UnavailableRole).toBool());
        QVERIFY(model.setData(model.index(1), u"Renamed"_s));
        QCOMPARE(model.index(1).data().toString(), u"Renamed"_s);

        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QVERIFY(model.moveBy(1, -1));
        QCOMPARE(moved.size(), 1);
        QCOMPARE(model.index(0).data().toString(), u"Renamed"_s);
        QVERIFY(!model.moveBy(0, -1));
        QVERIFY(model.moveRows({}, 0, 1, {}, 2)); // as a drag to the end does
        QCOMPARE(model.index(1).data().toString(), u"Renamed"_s);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(connections.remove(id));
        QVERIFY(changed.size() >= 1);
        QVERIFY(model.index(0).data(FavouritesModel::UnavailableRole).toBool());
        QVERIFY(model.index(0).data(Qt::ToolTipRole).toString().contains(u"no longer exists"_s));
        QVERIFY(model.removeRow(0));
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_MAIN(TestFavouritesStore)
#include "tst_favouritesstore.moc"
