// SPDX-License-Identifier: Apache-2.0
#include "s3core/types.h"

#include <array>
#include <cmath>
#include <limits>

namespace s3 {

// One format everywhere: bytes below 1 KiB as an integer ("999 B"), everything else with one decimal in
// the largest binary unit that keeps the number below 1024 ("1.0 KiB", "1.5 MiB", "2.0 GiB"). The decimal
// separator is always '.', so logs and tests do not depend on the locale.
QString formatByteSize(qint64 bytes)
{
    if (bytes < 0) {
        // -bytes overflows for the minimum; it only has to print something sensible.
        const qint64 magnitude = bytes == std::numeric_limits<qint64>::min() ? std::numeric_limits<qint64>::max() : -bytes;
        return QLatin1Char('-') + formatByteSize(magnitude);
    }
    if (bytes < 1024)
        return QString::number(bytes) + QStringLiteral(" B");

    static constexpr std::array<const char *, 6> units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = static_cast<double>(bytes) / 1024.0;
    std::size_t unit = 0;
    // Compare the rounded value so that 1048575 bytes gives "1.0 MiB", not "1024.0 KiB".
    while (unit + 1 < units.size() && std::round(value * 10.0) / 10.0 >= 1024.0) {
        value /= 1024.0;
        ++unit;
    }
    return QString::number(value, 'f', 1) + QLatin1Char(' ') + QLatin1String(units[unit]);
}

} // namespace s3
