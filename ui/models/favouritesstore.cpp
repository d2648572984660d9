// SPDX-License-Identifier: Apache-2.0
#include "models/favouritesstore.h"

#include <algorithm>

#include <QLoggingCategory>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcFavourites, "s3desk.ui.favourites")

namespace s3ui {

namespace {

const QString ArrayName = u"favourites"_s;
const QString ConnectionKey = u"connection"_s;
const QString BucketKey = u"bucket"_s;
const QString PrefixKey = u"prefix"_s;
const QString NameKey = u"name"_s;

// S3 caps keys at 1,024 bytes of UTF-8; a prefix is a key.
constexpr qsizetype MaxKeyBytes = 1024;

/** One line, no control characters: names are shown in a list row and in messages. */
QString oneLineName(const QString &name)
{
    QString line = name.simplified();
    line.removeIf([](QChar c) { return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format; });
    return line;
}

} // namespace

QString defaultFavouriteName(const QString &bucket, const QString &prefix)
{
    // "photos/2024/" -> "2024"; a prefix of only slashes ("/") has no name of its own: the bucket's then.
    const QStringList segments = prefix.split(u'/', Qt::SkipEmptyParts);
    const QString name = segments.isEmpty() ? bucket : segments.last();
    return oneLineName(name).isEmpty() ? bucket : oneLineName(name);
}

QString favouriteProblem(const Favourite &favourite)
{
    if (favourite.connectionId.trimmed().isEmpty())
        return u"no connection"_s;
    // Lenient on purpose: old us-east-1 buckets may hold capitals and '_' and be up to 255 characters long.
    if (favourite.bucket.size() < 3 || favourite.bucket.size() > 255)
        return u"the bucket name \"%1\" is not 3 to 255 characters long"_s.arg(favourite.bucket);
    for (QChar c : favourite.bucket) {
        const bool allowed = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.'
            || c == u'-' || c == u'_';
        if (!allowed)
            return u"the bucket name \"%1\" holds characters S3 does not allow"_s.arg(favourite.bucket);
    }
    if (!favourite.prefix.isEmpty() && !favourite.prefix.endsWith(u'/'))
        return u"the prefix \"%1\" is not a folder (it does not end in '/')"_s.arg(favourite.prefix);
    if (favourite.prefix.toUtf8().size() > MaxKeyBytes)
        return u"the prefix is longer than 1,024 bytes"_s;
    return {};
}

FavouritesLoad validateFavourites(const QList<QVariantMap> &entries)
{
    FavouritesLoad load;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QVariantMap &entry = entries.at(i);
        Favourite favourite{entry.value(ConnectionKey).toString(), entry.value(BucketKey).toString(),
                            entry.value(PrefixKey).toString(), oneLineName(entry.value(NameKey).toString())};
        if (favourite.name.isEmpty())
            favourite.name = defaultFavouriteName(favourite.bucket, favourite.prefix);
        const QString where = u"favourite %1 (\"%2\")"_s.arg(i + 1).arg(favourite.name);
        if (const QString problem = favouriteProblem(favourite); !problem.isEmpty()) {
            load.problems.append(u"%1 dropped: %2"_s.arg(where, problem));
            continue;
        }
        const auto same = std::find_if(load.favourites.cbegin(), load.favourites.cend(),
                                       [&](const Favourite &kept) { return kept.samePlace(favourite); });
        if (same != load.favourites.cend()) {
            load.problems.append(u"%1 dropped: the same place as \"%2\""_s.arg(where, same->name));
            continue;
        }
        load.favourites.append(favourite);
    }
    return load;
}

QList<QVariantMap> favouriteEntries(const QList<Favourite> &favourites)
{
    QList<QVariantMap> entries;
    entries.reserve(favourites.size());
    for (const Favourite &favourite : favourites) {
        entries.append({{ConnectionKey, favourite.connectionId},
                        {BucketKey, favourite.bucket},
                        {PrefixKey, favourite.prefix},
                        {NameKey, favourite.name}});
    }
    return entries;
}

FavouritesStore::FavouritesStore(QSettings *settings)
    : m_settings(settings)
{
    if (!m_settings)
        return;
    QList<QVariantMap> entries;
    const int count = m_settings->beginReadArray(ArrayName);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        QVariantMap entry;
        for (const QString &key : {ConnectionKey, BucketKey, PrefixKey, NameKey})
            entry.insert(key, m_settings->value(key));
        entries.append(entry);
    }
    m_settings->endArray();
    FavouritesLoad load = validateFavourites(entries);
    m_favourites = std::move(load.favourites);
    m_loadProblems = std::move(load.problems);
    for (const QString &problem : std::as_const(m_loadProblems))
        qCWarning(lcFavourites, "%ls", qUtf16Printable(problem));
    if (!m_loadProblems.isEmpty())
        save(); // the file says what the sidebar shows: dropped entries do not come back as array holes
}

int FavouritesStore::indexOf(const Favourite &place) const
{
    for (qsizetype i = 0; i < m_favourites.size(); ++i) {
        if (m_favourites.at(i).samePlace(place))
            return int(i);
    }
    return -1;
}

bool FavouritesStore::add(Favourite favourite)
{
    favourite.name = oneLineName(favourite.name);
    if (favourite.name.isEmpty())
        favourite.name = defaultFavouriteName(favourite.bucket, favourite.prefix);
    if (!favouriteProblem(favourite).isEmpty() || indexOf(favourite) >= 0)
        return false;
    m_favourites.append(favourite);
    save();
    return true;
}

bool FavouritesStore::rename(int row, const QString &name)
{
    const QString line = oneLineName(name);
    if (row < 0 || row >= m_favourites.size() || line.isEmpty())
        return false;
    m_favourites[row].name = line;
    save();
    return true;
}

bool FavouritesStore::remove(int row)
{
    if (row < 0 || row >= m_favourites.size())
        return false;
    m_favourites.removeAt(row);
    save();
    return true;
}

bool FavouritesStore::move(int from, int to)
{
    if (from < 0 || from >= m_favourites.size() || to < 0 || to >= m_favourites.size())
        return false;
    if (from != to) {
        m_favourites.move(from, to);
        save();
    }
    return true;
}

void FavouritesStore::save()
{
    if (!m_settings)
        return;
    // Rewritten whole: the array's size key and its rows always agree.
    m_settings->remove(ArrayName);
    const QList<QVariantMap> entries = favouriteEntries(m_favourites);
    m_settings->beginWriteArray(ArrayName, int(entries.size()));
    for (qsizetype i = 0; i < entries.size(); ++i) {
        m_settings->setArrayIndex(int(i));
        for (auto it = entries.at(i).cbegin(); it != entries.at(i).cend(); ++it)
            m_settings->setValue(it.key(), it.value());
    }
    m_settings->endArray();
}

} // namespace s3ui
