// SPDX-License-Identifier: Apache-2.0
// s3desk-cli find: the app's Find on the command line (SearchObjectsJob), printing the matching keys as pages arrive.
#include "cliapp.h"

#include <memory>

#include <QDate>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include "s3core/ops/searchobjectsjob.h"
#include "s3core/textescape.h"
#include "s3core/transfer/localpaths.h"
#include "s3uri.h"

using namespace Qt::Literals::StringLiterals;

namespace s3cli {

using namespace s3;

namespace {

/**
 * "2026-12-05", "2026-12-05T10:00:00" (UTC unless a zone is given: "...+01:00", "...Z"), or an age before `now`:
 * "30m", "12h", "7d". Invalid when it is none of these.
 */
QDateTime parseFindTime(const QString &text, const QDateTime &now)
{
    static const QRegularExpression age(u"^(\\d+)([smhd])$"_s);
    if (const QRegularExpressionMatch m = age.match(text); m.hasMatch()) {
        const qint64 count = m.captured(1).toLongLong();
        const QChar unit = m.captured(2).at(0);
        const qint64 seconds = unit == u's' ? 1 : unit == u'm' ? 60 : unit == u'h' ? 3600 : 86400;
        return now.addSecs(-count * seconds);
    }
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10)
        return QDateTime(date, QTime(0, 0), Qt::UTC);
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return {};
    if (parsed.timeSpec() == Qt::LocalTime) // no zone written: UTC, as S3 keeps times
        parsed.setTimeSpec(Qt::UTC);
    return parsed.toUTC();
}

} // namespace

void CliApp::commandFind()
{
    const QString usage = u"find s3://BUCKET[/PREFIX] [--name TEXT|GLOB] [--case-sensitive] [--min-size SIZE] "
                          u"[--max-size SIZE] [--newer TIME] [--older TIME] [--max N] [--json] [--count]"_s;
    QString name, minSize, maxSize, newer, older, max;
    const bool caseSensitive = takeFlag(u"--case-sensitive"_s);
    const bool json = takeFlag(u"--json"_s);
    const bool countOnly = takeFlag(u"--count"_s);
    if (!takeValue(u"--name"_s, &name) || !takeValue(u"--min-size"_s, &minSize) || !takeValue(u"--max-size"_s, &maxSize)
        || !takeValue(u"--newer"_s, &newer) || !takeValue(u"--older"_s, &older) || !takeValue(u"--max"_s, &max)
        || !expectPositionals(1, usage))
        return;
    Result<S3Uri> uri = parseS3Uri(m_positionals.first());
    if (!uri)
        return usageError(uri.error().message());
    SearchCriteria criteria;
    criteria.name = name;
    criteria.caseSensitive = caseSensitive;
    const auto takeSize = [this](const QString &text, const QString &option, qint64 *bytes) {
        if (text.isEmpty())
            return true;
        *bytes = parseByteSize(text);
        if (*bytes < 0) {
            usageError(u"%1: '%2' is not a size (e.g. 1500, 64K, 10M, 1G)"_s.arg(option, text));
            return false;
        }
        return true;
    };
    if (!takeSize(minSize, u"--min-size"_s, &criteria.minSize) || !takeSize(maxSize, u"--max-size"_s, &criteria.maxSize))
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto takeTime = [this, &now](const QString &text, const QString &option, QDateTime *when) {
        if (text.isEmpty())
            return true;
        *when = parseFindTime(text, now);
        if (!when->isValid()) {
            usageError(u"%1: '%2' is not a time (2026-12-05, 2026-12-05T10:00:00Z, or an age: 30m, 12h, 7d)"_s.arg(option, text));
            return false;
        }
        return true;
    };
    if (!takeTime(newer, u"--newer"_s, &criteria.modifiedFrom) || !takeTime(older, u"--older"_s, &criteria.modifiedBefore))
        return;
    if (Result<Ok> valid = criteria.validate(); !valid)
        return usageError(valid.error().message());
    qint64 maxMatches = 0;
    if (!max.isEmpty()) {
        bool ok = false;
        maxMatches = max.toLongLong(&ok);
        if (!ok || maxMatches < 1)
            return usageError(u"--max: '%1' is not a positive number"_s.arg(max));
    }

    auto *job = new SearchObjectsJob(m_client.get(), uri->bucket, uri->key, criteria, this);
    job->setMaxMatches(maxMatches);
    auto clock = std::make_shared<QElapsedTimer>();
    auto firstMs = std::make_shared<qint64>(-1);
    clock->start();
    connect(job, &SearchObjectsJob::matchesFound, this, [this, json, countOnly, clock, firstMs](const QList<ObjectInfo> &objects) {
        if (*firstMs < 0)
            *firstMs = clock->elapsed();
        if (countOnly)
            return;
        for (const ObjectInfo &object : objects) {
            if (json) {
                m_out << QJsonDocument(QJsonObject{{u"key"_s, object.key},
                                                   {u"size"_s, double(object.size)},
                                                   {u"etag"_s, object.etag},
                                                   {u"lastModified"_s, object.lastModified.toString(Qt::ISODateWithMs)},
                                                   {u"storageClass"_s, object.storageClass}})
                             .toJson(QJsonDocument::Compact)
                      << '\n';
            } else {
                m_out << object.lastModified.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) << ' '
                      << u"%1"_s.arg(object.size, 10) << ' ' << escapeControlCharacters(object.key) << '\n';
            }
        }
        m_out.flush();
    });
    connect(job, &Job::finished, this, [this, job, countOnly, clock, firstMs] {
        if (job->hasError())
            return failWith(job->error());
        if (countOnly)
            m_out << job->matchCount() << '\n';
        // The summary goes to stderr, so the keys on stdout stay a clean list for pipes.
        const double seconds = double(clock->elapsed()) / 1000.0;
        m_err << u"%1 found in %2 keys, %3 s (first match after %4 ms, %5 keys/s)%6"_s
                     .arg(job->matchCount())
                     .arg(job->scannedCount())
                     .arg(seconds, 0, 'f', 2)
                     .arg(*firstMs)
                     .arg(qint64(seconds > 0 ? double(job->scannedCount()) / seconds : 0))
                     .arg(job->reachedMaxMatches() ? u"; stopped at --max"_s : QString())
              << Qt::endl;
        done(ExitOk);
    });
    job->start();
}

} // namespace s3cli
