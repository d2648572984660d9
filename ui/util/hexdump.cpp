// SPDX-License-Identifier: Apache-2.0
#include "util/hexdump.h"

namespace s3ui {

QString hexDump(const QByteArray &data, qint64 startOffset)
{
    static constexpr char Digits[] = "0123456789abcdef";
    static constexpr int LineLength = 79; // offset 8, 2 spaces, 16 x 3 hex, the gap, " |", 16 ASCII, "|\n"
    QByteArray out;
    out.reserve((data.size() / 16 + 1) * LineLength);
    for (qsizetype line = 0; line < data.size(); line += 16) {
        const quint64 offset = quint64(startOffset + line);
        for (int shift = 28; shift >= 0; shift -= 4)
            out.append(Digits[(offset >> shift) & 0xF]);
        out.append("  ");
        for (int i = 0; i < 16; ++i) {
            if (line + i < data.size()) {
                const auto byte = static_cast<unsigned char>(data.at(line + i));
                out.append(Digits[byte >> 4]);
                out.append(Digits[byte & 0xF]);
                out.append(' ');
            } else {
                out.append("   ");
            }
            if (i == 7)
                out.append(' ');
        }
        out.append(" |");
        for (int i = 0; i < 16 && line + i < data.size(); ++i) {
            const char c = data.at(line + i);
            out.append(c >= 0x20 && c < 0x7F ? c : '.');
        }
        out.append("|\n");
    }
    return QString::fromLatin1(out);
}

} // namespace s3ui
