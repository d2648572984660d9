// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/downloadstate.h"

#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace s3 {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qsizetype MaxStateBytes = 16 * 1024 * 1024;
constexpr qsizetype MaxRanges = 1000000;
} // namespace

QByteArray DownloadState::toJson() const
{
    // "done" lists finished ranges as [offset, length] (what earlier versions wrote and read); "kept" lists the
    // unfinished ones as [offset, length, bytes from their start].
    QJsonArray done;
    QJsonArray kept;
    for (const DownloadStateRange &range : ranges) {
        if (range.kept >= range.length)
            done.append(QJsonArray{double(range.offset), double(range.length)});
        else if (range.kept > 0)
            kept.append(QJsonArray{double(range.offset), double(range.length), double(range.kept)});
    }
    const QJsonObject state{{u"etag"_s, etag}, {u"size"_s, double(size)}, {u"done"_s, done}, {u"kept"_s, kept}};
    return QJsonDocument(state).toJson(QJsonDocument::Compact);
}

DownloadState DownloadState::fromJson(const QByteArray &data)
{
    DownloadState state;
    if (data.size() > MaxStateBytes)
        return state;
    const QJsonObject json = QJsonDocument::fromJson(data).object();
    // A whole number from 0 to max, or -1: a damaged file must not reach a conversion.
    const auto number = [](const QJsonValue &value, double max) -> qint64 {
        const double d = value.toDouble(-1);
        return std::isfinite(d) && d >= 0 && d <= max && std::floor(d) == d ? qint64(d) : -1;
    };
    const qint64 size = number(json.value(u"size"_s), 5.0 * 1024 * 1024 * 1024 * 1024);
    if (size < 0 || !json.value(u"etag"_s).isString())
        return state;
    state.etag = json.value(u"etag"_s).toString();
    state.size = size;
    const auto take = [&](const QJsonArray &entries, bool finished) {
        for (qsizetype i = 0; i < entries.size() && state.ranges.size() < MaxRanges; ++i) {
            const QJsonArray entry = entries.at(i).toArray();
            const qint64 offset = number(entry.at(0), double(size));
            const qint64 length = number(entry.at(1), double(size));
            const qint64 kept = finished ? length : number(entry.at(2), double(size));
            if (offset < 0 || length <= 0 || kept <= 0 || kept > length || length > size - offset)
                continue;
            state.ranges.append({offset, length, kept});
        }
    };
    take(json.value(u"done"_s).toArray(), true);
    take(json.value(u"kept"_s).toArray(), false);
    // In order, none overlapping another: each byte is counted once.
    std::sort(state.ranges.begin(), state.ranges.end(), [](const auto &a, const auto &b) { return a.offset < b.offset; });
    QList<DownloadStateRange> clean;
    qint64 end = 0;
    for (const DownloadStateRange &range : std::as_const(state.ranges)) {
        if (range.offset < end)
            continue;
        clean.append(range);
        end = range.offset + range.length;
    }
    state.ranges = clean;
    return state;
}

qint64 DownloadState::keptBytes() const
{
    qint64 total = 0;
    for (const DownloadStateRange &range : ranges)
        total += std::min(range.kept, range.length);
    return total;
}

} // namespace s3
