// SPDX-License-Identifier: Apache-2.0
#include "s3core/textescape.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

bool isC0C1OrDel(char16_t u)
{
    return u < 0x20 || (u >= 0x7f && u <= 0x9f);
}

// Characters that change how the rest of a line is laid out: line/paragraph separators, bidi embeddings,
// overrides and isolates (U+202A..U+202E, U+2066..U+2069), and the implicit marks U+200E/U+200F, U+061C.
bool isLayoutControl(char16_t u)
{
    return u == 0x2028 || u == 0x2029 || (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) || u == 0x200e
        || u == 0x200f || u == 0x061c;
}

} // namespace

QString escapeControlCharacters(QStringView text)
{
    qsizetype first = 0;
    while (first < text.size() && !isC0C1OrDel(text[first].unicode()) && !isLayoutControl(text[first].unicode()))
        ++first;
    if (first == text.size())
        return text.toString(); // the common case: nothing to escape
    QString escaped;
    escaped.reserve(text.size() + 16);
    escaped.append(text.left(first));
    for (qsizetype i = first; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u == u'\t')
            escaped.append(u"\\t"_s);
        else if (u == u'\n')
            escaped.append(u"\\n"_s);
        else if (u == u'\r')
            escaped.append(u"\\r"_s);
        else if (isC0C1OrDel(u))
            escaped.append(u"\\x%1"_s.arg(uint(u), 2, 16, QChar(u'0')));
        else if (isLayoutControl(u))
            escaped.append(u"\\u%1"_s.arg(uint(u), 4, 16, QChar(u'0')));
        else
            escaped.append(text[i]);
    }
    return escaped;
}

} // namespace s3
