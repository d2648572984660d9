// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>

#include <QByteArray>
#include <QtGlobal>

namespace s3ui {

/**
 * An ETag as a listing row keeps it. Nearly every ETag is an MD5 in hex ("9b2cf535f27731c974343645a3985328") or a
 * multipart one ("<md5 hex>-<parts>"): those are held as 16 bytes and a part count instead of a 32-character
 * string on the heap, which is a third of a row's memory in a folder of a million objects. Anything else (other
 * servers' formats, upper case) is kept as it came, so text() always gives back the exact input.
 */
class CompactEtag
{
public:
    CompactEtag() = default;
    /** `etag` without the surrounding quotes. */
    explicit CompactEtag(const QByteArray &etag);

    QByteArray text() const;
    bool isEmpty() const { return m_kind == Kind::Empty; }
    /** Orders as text() does, without building the text for the common forms. */
    int compare(const CompactEtag &other) const;
    friend bool operator==(const CompactEtag &a, const CompactEtag &b) { return a.compare(b) == 0; }

private:
    enum class Kind : quint8 { Empty, Md5, Multipart, Other };
    std::array<quint8, 16> m_digest{};
    quint16 m_parts = 0;
    Kind m_kind = Kind::Empty;
    QByteArray m_other;
};

} // namespace s3ui
