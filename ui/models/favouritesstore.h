// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

class QSettings;

namespace s3ui {

/**
 * A bookmarked place: a connection (the id of a saved connection or of an AWS profile, the id MainWindow keeps the
 * last location under), a bucket and a prefix ("" or ending in '/'), with the name the sidebar shows. No secret.
 */
struct Favourite
{
    QString connectionId;
    QString bucket;
    QString prefix;
    QString name;

    /** The same place (connection, bucket and prefix), whatever the names. */
    bool samePlace(const Favourite &other) const
    {
        return connectionId == other.connectionId && bucket == other.bucket && prefix == other.prefix;
    }
    bool operator==(const Favourite &) const = default;
};

/** The name a new favourite gets: the folder's name ("2024" for "photos/2024/"), or the bucket's at its root. */
QString defaultFavouriteName(const QString &bucket, const QString &prefix);

/** Why this cannot be a favourite (missing connection, a bucket S3 never names so, a prefix that is not a folder), or empty. */
QString favouriteProblem(const Favourite &favourite);

/** What was read back: the good entries in their order, and one line per entry dropped (for the log). */
struct FavouritesLoad
{
    QList<Favourite> favourites;
    QStringList problems;
};

/**
 * Validates stored entries (maps with "connection", "bucket", "prefix", "name"). Entries with a problem
 * (favouriteProblem) and second entries for a place already listed are dropped, each with its reason. A missing or
 * blank name is not a reason: the entry gets its default name. Names are kept on one line.
 */
FavouritesLoad validateFavourites(const QList<QVariantMap> &entries);
/** The entries validateFavourites() reads back. */
QList<QVariantMap> favouriteEntries(const QList<Favourite> &favourites);

/**
 * The favourites, in the user's order, kept in the application's QSettings (group "favourites", an array).
 * Reads on construction (bad entries are dropped and logged, see loadProblems()), writes after every change.
 * Plain data: FavouritesModel is the Qt face of it (rows, signals).
 */
class FavouritesStore
{
public:
    /** settings may be null: the favourites then live only as long as this store. */
    explicit FavouritesStore(QSettings *settings);

    const QList<Favourite> &favourites() const { return m_favourites; }
    /** What was dropped when the favourites were read (also logged). */
    const QStringList &loadProblems() const { return m_loadProblems; }
    /** The row of the favourite for this place, or -1. */
    int indexOf(const Favourite &place) const;

    /** Appends (a blank name becomes the default one). False with a problem (see favouriteProblem) or when the place is listed already. */
    bool add(Favourite favourite);
    /** False when row is out of range or the name is blank (names are kept on one line). */
    bool rename(int row, const QString &name);
    bool remove(int row);
    /** Moves the favourite at `from` so that it ends up at row `to` (0 ≤ to < count). */
    bool move(int from, int to);

private:
    void save();

    QSettings *m_settings;
    QList<Favourite> m_favourites;
    QStringList m_loadProblems;
};

} // namespace s3ui
