// SPDX-License-Identifier: Apache-2.0
#include "util/textdecode.h"

#include <QStringDecoder>

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

qsizetype validUtf8Prefix(const QByteArray &bytes, bool cut, bool *valid)
{
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        const unsigned char lead = data[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        unsigned char low = 0x80; // bounds of the second byte (rules out overlong forms and surrogates)
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0)
                low = 0xA0;
            else if (lead == 0xED)
                high = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0)
                low = 0x90;
            else if (lead == 0xF4)
                high = 0x8F;
        } else {
            *valid = false;
            return i;
        }
        qsizetype j = 1;
        for (; j < length && i + j < size; ++j) {
            const unsigned char c = data[i + j];
            const bool ok = j == 1 ? (c >= low && c <= high) : (c >= 0x80 && c <= 0xBF);
            if (!ok) {
                *valid = false;
                return i;
            }
        }
        if (j < length) { // the bytes end inside this sequence
            *valid = cut;
            return i;
        }
        i += length;
    }
    *valid = true;
    return size;
}

DecodedText decodeText(const QByteArray &bytes, bool cut)
{
    const auto startsWith = [&bytes](std::initializer_list<unsigned char> bom) {
        if (bytes.size() < qsizetype(bom.size()))
            return false;
        qsizetype i = 0;
        for (unsigned char c : bom) {
            if (static_cast<unsigned char>(bytes.at(i++)) != c)
                return false;
        }
        return true;
    };
    if (startsWith({0xEF, 0xBB, 0xBF})) {
        const QByteArray body = bytes.sliced(3);
        bool valid = false;
        const qsizetype length = validUtf8Prefix(body, cut, &valid);
        // A BOM says UTF-8; bytes that are not are shown as replacement characters rather than guessed.
        const QByteArray shown = valid ? body.first(length) : body;
        return {QString::fromUtf8(shown), u"UTF-8 (BOM)"_s};
    }
    const bool littleEndian = startsWith({0xFF, 0xFE});
    if (littleEndian || startsWith({0xFE, 0xFF})) {
        QByteArray body = bytes.sliced(2);
        if (body.size() % 2 != 0)
            body.chop(1); // half a code unit: the object goes on (or is broken); either way it shows nothing
        if (cut && body.size() >= 2) {
            // A high surrogate as the last unit: its pair is in the bytes not fetched.
            const auto last = static_cast<unsigned char>(body.at(body.size() - (littleEndian ? 1 : 2)));
            if (last >= 0xD8 && last <= 0xDB)
                body.chop(2);
        }
        QStringDecoder decoder(littleEndian ? QStringDecoder::Utf16LE : QStringDecoder::Utf16BE);
        return {decoder.decode(body), littleEndian ? u"UTF-16LE"_s : u"UTF-16BE"_s};
    }
    bool valid = false;
    const qsizetype length = validUtf8Prefix(bytes, cut, &valid);
    if (valid)
        return {QString::fromUtf8(bytes.first(length)), u"UTF-8"_s};
    return {QString::fromLatin1(bytes), u"Latin-1"_s};
}

} // namespace s3ui
