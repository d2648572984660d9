// SPDX-License-Identifier: Apache-2.0
#include "s3core/search/searchcriteria.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

/** Index of the ']' that closes the class opened at `open`, or -1 (then the '[' is literal). */
qsizetype classEnd(const QString &glob, qsizetype open)
{
    qsizetype i = open + 1;
    if (i < glob.size() && (glob.at(i) == u'!' || glob.at(i) == u'^'))
        ++i;
    if (i < glob.size() && glob.at(i) == u']') // "[]abc]": a ']' first is part of the class
        ++i;
    for (; i < glob.size(); ++i) {
        if (glob.at(i) == u']')
            return i;
    }
    return -1;
}

} // namespace

bool SearchCriteria::isEmpty() const
{
    return name.isEmpty() && minSize < 0 && maxSize < 0 && !modifiedFrom.isValid() && !modifiedBefore.isValid();
}

Result<Ok> SearchCriteria::validate() const
{
    if (minSize >= 0 && maxSize >= 0 && minSize > maxSize)
        return S3Error::invalid(u"the smallest size (%1 bytes) is above the largest (%2 bytes)"_s.arg(minSize).arg(maxSize));
    if (modifiedFrom.isValid() && modifiedBefore.isValid() && modifiedFrom >= modifiedBefore)
        return S3Error::invalid(u"the modified range is empty (from %1, before %2)"_s.arg(modifiedFrom.toString(Qt::ISODate),
                                                                                         modifiedBefore.toString(Qt::ISODate)));
    return Ok{};
}

bool hasWildcard(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'*' || c == u'?')
            return true;
        if (c == u'[' && classEnd(text, i) > 0)
            return true;
    }
    return false;
}

QString globToRegularExpression(const QString &glob)
{
    QString pattern;
    pattern.reserve(glob.size() * 2);
    qsizetype literalFrom = 0;
    const auto flushLiteral = [&](qsizetype to) {
        if (to > literalFrom)
            pattern += QRegularExpression::escape(glob.mid(literalFrom, to - literalFrom));
    };
    for (qsizetype i = 0; i < glob.size(); ++i) {
        const QChar c = glob.at(i);
        if (c == u'*' || c == u'?') {
            flushLiteral(i);
            pattern += c == u'*' ? u".*"_s : u"."_s;
            literalFrom = i + 1;
        } else if (c == u'[') {
            const qsizetype end = classEnd(glob, i);
            if (end < 0)
                continue; // literal '['
            flushLiteral(i);
            pattern += u'[';
            qsizetype j = i + 1;
            if (glob.at(j) == u'!' || glob.at(j) == u'^') {
                pattern += u'^';
                ++j;
            }
            for (; j < end; ++j) {
                const QChar d = glob.at(j);
                // Inside a class only '-' keeps its meaning; everything that is special to PCRE there is escaped.
                if (d == u'\\' || d == u']' || d == u'[' || d == u'^')
                    pattern += u'\\';
                pattern += d;
            }
            pattern += u']';
            i = end;
            literalFrom = end + 1;
        }
    }
    flushLiteral(glob.size());
    return QRegularExpression::anchoredPattern(pattern);
}

SearchMatcher::SearchMatcher(const SearchCriteria &criteria, QString prefix)
    : m_criteria(criteria)
    , m_prefix(std::move(prefix))
{
    m_matchPath = m_criteria.name.contains(u'/');
    m_isGlob = hasWildcard(m_criteria.name);
    if (m_isGlob) {
        QRegularExpression::PatternOptions options = QRegularExpression::DotMatchesEverythingOption;
        if (!m_criteria.caseSensitive)
            options |= QRegularExpression::CaseInsensitiveOption;
        m_glob = QRegularExpression(globToRegularExpression(m_criteria.name), options);
        m_glob.optimize(); // many keys go through it
    }
}

bool SearchMatcher::matches(const ObjectInfo &object) const
{
    if (object.key.endsWith(u'/'))
        return false;
    if (m_criteria.minSize >= 0 && object.size < m_criteria.minSize)
        return false;
    if (m_criteria.maxSize >= 0 && object.size > m_criteria.maxSize)
        return false;
    if (m_criteria.modifiedFrom.isValid() && (!object.lastModified.isValid() || object.lastModified < m_criteria.modifiedFrom))
        return false;
    if (m_criteria.modifiedBefore.isValid() && (!object.lastModified.isValid() || object.lastModified >= m_criteria.modifiedBefore))
        return false;
    if (m_criteria.name.isEmpty())
        return true;
    QStringView subject(object.key);
    if (m_matchPath) {
        if (subject.startsWith(m_prefix))
            subject = subject.mid(m_prefix.size());
    } else {
        subject = subject.mid(object.key.lastIndexOf(u'/') + 1);
    }
    if (m_isGlob)
        return m_glob.match(subject).hasMatch();
    return subject.contains(m_criteria.name, m_criteria.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive);
}

bool matches(const SearchCriteria &criteria, const ObjectInfo &object, const QString &prefix)
{
    return SearchMatcher(criteria, prefix).matches(object);
}

} // namespace s3
