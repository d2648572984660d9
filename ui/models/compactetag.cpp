// SPDX-License-Identifier: Apache-2.0
#include "models/compactetag.h"

#include <algorithm>

namespace s3ui {

namespace {

int lowerHexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1; // upper case too: it would not come back byte for byte
}

} // namespace

CompactEtag::CompactEtag(const QByteArray &etag)
{
    if (etag.isEmpty())
        return;
    bool compact = etag.size() >= 32;
    for (int i = 0; compact && i < 16; ++i) {
        const int high = lowerHexValue(etag[2 * i]);
        const int low = lowerHexValue(etag[2 * i + 1]);
        compact = high >= 0 && low >= 0;
        if (compact)
            m_digest[size_t(i)] = quint8(high << 4 | low);
    }
    if (compact && etag.size() == 32) {
        m_kind = Kind::Md5;
        return;
    }
    if (compact && etag.size() > 33 && etag.size() <= 38 && etag[32] == '-' && etag[33] != '0') {
        quint32 parts = 0;
        for (qsizetype i = 33; compact && i < etag.size(); ++i) {
            compact = etag[i] >= '0' && etag[i] <= '9';
            parts = parts * 10 + quint32(etag[i] - '0');
        }
        if (compact && parts <= 0xffff) {
            m_parts = quint16(parts);
            m_kind = Kind::Multipart;
            return;
        }
    }
    m_digest = {};
    m_kind = Kind::Other;
    m_other = etag;
}

QByteArray CompactEtag::text() const
{
    switch (m_kind) {
    case Kind::Empty:
        return {};
    case Kind::Other:
        return m_other;
    case Kind::Md5:
    case Kind::Multipart:
        break;
    }
    QByteArray hex = QByteArray(reinterpret_cast<const char *>(m_digest.data()), qsizetype(m_digest.size())).toHex();
    if (m_kind == Kind::Multipart)
    {
        hex.append('-');
        hex.append(QByteArray::number(m_parts));
    }
    return hex;
}

int CompactEtag::compare(const CompactEtag &other) const
{
    const bool bothCompact = (m_kind == Kind::Md5 || m_kind == Kind::Multipart)
        && (other.m_kind == Kind::Md5 || other.m_kind == Kind::Multipart);
    if (bothCompact) {
        // Lower-case hex orders as the bytes it encodes; after equal digests the shorter text comes first, and
        // "-12" vs "-3" must compare as text does.
        if (m_digest != other.m_digest)
            return m_digest < other.m_digest ? -1 : 1;
    }
    const QByteArray a = text();
    const QByteArray b = other.text();
    return a < b ? -1 : b < a ? 1 : 0;
}

} // namespace s3ui
