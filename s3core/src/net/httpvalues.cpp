// SPDX-License-Identifier: Apache-2.0
#include "s3core/net/httpvalues.h"

#include <algorithm>

#include "s3core/types.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

QString quoted(QByteArrayView value)
{
    // At most 40 characters of a hostile value, control characters shown as escapes.
    QString out;
    for (const char c : value.first(std::min<qsizetype>(value.size(), 40))) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7f)
            out += u"\\x%1"_s.arg(uint(byte), 2, 16, QLatin1Char('0'));
        else
            out += QLatin1Char(c);
    }
    if (value.size() > 40)
        out += u"..."_s;
    return u"\"%1\""_s.arg(out);
}

// Digits only, checked against MaxObjectSize (so no overflow is possible).
Result<qint64> parseDigits(QByteArrayView digits, const QString &what)
{
    if (digits.isEmpty())
        return S3Error(S3Error::Kind::Http, u"the server sent an empty %1"_s.arg(what));
    qint64 value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return S3Error(S3Error::Kind::Http, u"the server sent an invalid %1 %2 (only digits are allowed%3)"_s
                                                    .arg(what, quoted(digits),
                                                         digits.contains(',') ? u"; the header was sent more than once"_s : QString()));
        if (value > (MaxObjectSize - (c - '0')) / 10)
            return S3Error(S3Error::Kind::Http, u"the server sent a %1 of %2, above the largest S3 object (%3)"_s
                                                    .arg(what, quoted(digits), formatByteSize(MaxObjectSize)));
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace

Result<qint64> parseContentLength(QByteArrayView value)
{
    return parseDigits(value.trimmed(), u"Content-Length"_s);
}

Result<qint64> parseContentRangeTotal(QByteArrayView value)
{
    const QByteArrayView v = value.trimmed();
    const auto bad = [&] {
        return S3Error(S3Error::Kind::Http, u"the server sent an invalid Content-Range %1"_s.arg(quoted(v)));
    };
    if (!v.startsWith("bytes "))
        return bad();
    const QByteArrayView spec = v.sliced(6);
    const qsizetype slash = spec.indexOf('/');
    const qsizetype dash = spec.indexOf('-');
    if (slash < 0 || dash < 0 || dash > slash)
        return bad();
    const Result<qint64> first = parseDigits(spec.first(dash), u"Content-Range start"_s);
    if (!first)
        return first.error();
    const Result<qint64> last = parseDigits(spec.sliced(dash + 1, slash - dash - 1), u"Content-Range end"_s);
    if (!last)
        return last.error();
    if (*last < *first)
        return bad();
    const QByteArrayView totalText = spec.sliced(slash + 1);
    if (totalText == "*")
        return qint64(-1);
    const Result<qint64> total = parseDigits(totalText, u"Content-Range length"_s);
    if (!total)
        return total.error();
    if (*last >= *total)
        return bad();
    return *total;
}

Result<qint64> checkObjectSize(qint64 size, const QString &what)
{
    if (size < 0)
        return S3Error(S3Error::Kind::Http, u"the server gave %1 a negative size (%2)"_s.arg(what).arg(size));
    if (size > MaxObjectSize)
        return S3Error(S3Error::Kind::Http, u"the server gave %1 a size of %2 bytes, above the largest S3 object (%3)"_s
                                                .arg(what).arg(size).arg(formatByteSize(MaxObjectSize)));
    return size;
}

bool isHttpToken(QByteArrayView name)
{
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !QByteArrayView("!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

Result<Ok> validateHeader(QByteArrayView name, QByteArrayView value)
{
    if (!isHttpToken(name))
        return S3Error::invalid(u"the header name %1 is not allowed (letters, digits and !#$%&'*+-.^_`|~ only); "
                                "nothing was sent"_s.arg(quoted(name)));
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && byte != '\t') || byte == 0x7f) {
            const QString what = byte == '\r' || byte == '\n' ? u"a line break"_s : u"a control character"_s;
            return S3Error::invalid(u"the value of the header %1 contains %2, which HTTP cannot carry; "
                                    "nothing was sent"_s.arg(QString::fromLatin1(name), what));
        }
    }
    return Ok{};
}

} // namespace s3
