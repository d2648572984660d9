// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QRegularExpression>
#include <QString>

#include "s3core/result.h"
#include "s3core/s3core_export.h"
#include "s3core/types.h"

namespace s3 {

/**
 * What a search under a prefix looks for ("Find" in the app, `s3desk-cli find`). Every part that is set must
 * hold; an empty criteria matches every object.
 *
 * The name is a case-insensitive substring (unless caseSensitive), or a glob when it holds a wildcard
 * (`*` any text, `?` one character, `[abc]`, `[a-z]`, `[!abc]` a class; a `[` without its `]` is literal), which
 * must then match the whole name. Without a '/' in it the name is matched against the object's own name (the
 * last segment of the key, as `find -name` does), so "report" does not match every file of a folder "reports/";
 * with a '/' it is matched against the key relative to the searched prefix (2024/ then *.csv), where `*` also
 * crosses '/'. Folder markers (keys ending in '/') never match: they are not files.
 */
struct SearchCriteria
{
    QString name;
    bool caseSensitive = false;
    qint64 minSize = -1;       ///< bytes, inclusive; -1: no lower bound
    qint64 maxSize = -1;       ///< bytes, inclusive; -1: no upper bound
    QDateTime modifiedFrom;    ///< inclusive; invalid: no lower bound
    QDateTime modifiedBefore;  ///< exclusive (a date picker's "to" day is the next day's midnight); invalid: none

    bool isEmpty() const;
    /** Why these criteria can never match (min above max, from not before before), or Ok. */
    Result<Ok> validate() const;
    friend bool operator==(const SearchCriteria &, const SearchCriteria &) = default;
};

/** True when the text has a glob wildcard (*, ? or a [...] class) and is matched as a glob. */
S3CORE_EXPORT bool hasWildcard(const QString &text);
/** The anchored regular expression pattern of a glob (see SearchCriteria); pure, for the tests. */
S3CORE_EXPORT QString globToRegularExpression(const QString &glob);

/**
 * SearchCriteria made ready to test many objects: the glob compiled once, the prefix known. Cheap to copy
 * (QRegularExpression is implicitly shared). Usable from any thread once made.
 */
class S3CORE_EXPORT SearchMatcher
{
public:
    /** `prefix`: what the search walks under ("" or ending in '/'); relative names are taken after it. */
    explicit SearchMatcher(const SearchCriteria &criteria, QString prefix = {});
    bool matches(const ObjectInfo &object) const;
    const SearchCriteria &criteria() const { return m_criteria; }

private:
    SearchCriteria m_criteria;
    QString m_prefix;
    QRegularExpression m_glob; // valid pattern only when the name is a glob
    bool m_isGlob = false;
    bool m_matchPath = false;  // the name has a '/': matched against the key relative to the prefix
};

/** One-off test of one object (builds a SearchMatcher: use one directly for many objects). */
S3CORE_EXPORT bool matches(const SearchCriteria &criteria, const ObjectInfo &object, const QString &prefix = {});

} // namespace s3
