// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <deque>
#include <functional>
#include <optional>

#include <QDateTime>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include "s3core/s3core_export.h"

namespace s3 {

/**
 * Sync planning: a merge of two streams of entries (the source side and the destination side), each sorted by
 * its key relative to the synced folder or prefix in S3's order (the UTF-8 bytes, compared as unsigned), giving
 * one step per key. Pure: no I/O except the local MD5 callback, which is asked only when a listed ETag is an MD5
 * to compare with. The streams arrive in pieces (listing pages, local directory chunks), so memory stays bounded.
 */
enum class SyncDirection { LocalToS3, S3ToLocal, S3ToS3 };
enum class SyncAction { Upload, Download, Copy, Delete, Skip };
enum class SyncReason {
    Missing,          ///< only at the source: transferred
    SizeDiffers,      ///< on both sides with other sizes: transferred
    SourceNewer,      ///< same size, no checksum says equal, the source is newer: transferred
    SameChecksum,     ///< same size and the same MD5 (or the same ETag on both buckets): skipped
    SameSizeAndTime,  ///< same size, the destination is not older: skipped
    Excluded,         ///< --exclude/--include: left alone on both sides
    Extra,            ///< only at the destination, with --delete: deleted
    ExtraKept,        ///< only at the destination, without --delete: skipped
};
/**
 * What was compared to reach the decision. Md5ThenTime: the ETag has the form of an MD5 and differs from the
 * file's, which is no proof (SSE-KMS and SSE-C objects list such ETags that are not their MD5), so time decided.
 */
enum class SyncComparison { None, Size, SizeAndTime, Md5, Md5ThenTime, Etag };

struct SyncEntry
{
    QString key;          ///< relative to the synced folder or prefix, '/' separated
    qint64 size = 0;
    QDateTime modified;   ///< UTC
    QString etag;         ///< objects: as listed (quotes allowed); local files: empty
    QString localPath;    ///< local files: the path to read (and to hash); objects: empty
};

struct SyncStep
{
    SyncAction action = SyncAction::Skip;
    SyncReason reason = SyncReason::Missing;
    SyncComparison compared = SyncComparison::None;
    QString key;
    std::optional<SyncEntry> source;
    std::optional<SyncEntry> destination;
};

/** <0, 0, >0 as a sorts before, equal to or after b in S3 key order (UTF-8 bytes, unsigned). */
S3CORE_EXPORT int compareSyncKeys(QStringView a, QStringView b);

/**
 * --exclude / --include rules in the order given; the last rule that matches a key decides (awscli's rule), a
 * key no rule matches is included. Globs: '*' any run of characters including '/', '?' one character, [set]
 * and [!set] a class; everything else literal. Matched against the whole relative key.
 */
class S3CORE_EXPORT SyncFilter
{
public:
    /** False (and nothing added) for a malformed glob (an unclosed '['). */
    bool addRule(bool include, const QString &glob);
    bool excludes(const QString &key) const;
    bool isEmpty() const { return m_rules.isEmpty(); }

    /** The anchored regular expression for a glob, empty when the glob is malformed. */
    static QString globToRegularExpression(const QString &glob);

private:
    struct Rule
    {
        bool include = false;
        QRegularExpression expression;
    };
    QList<Rule> m_rules;
};

struct SyncOptions
{
    SyncDirection direction = SyncDirection::LocalToS3;
    bool deleteExtra = false;
    SyncFilter filter;
    /** Hex MD5 of a local file, empty when it cannot be read (then size and time decide). */
    std::function<QString(const QString &localPath)> localMd5;
};

/** The step for one key; source and/or destination present (not both absent). */
S3CORE_EXPORT SyncStep decideSyncStep(const SyncEntry *source, const SyncEntry *destination, const SyncOptions &options);

/**
 * The incremental merge. Feed both sides in key order, pieces at a time (addSource/addDestination), say when a
 * side has ended, and take steps with next() until it returns nothing; then needsSource()/needsDestination()
 * say which side must be fed before more steps can come, and atEnd() that the plan is complete. Holds only the
 * entries fed and not yet merged.
 */
class S3CORE_EXPORT SyncMerger
{
public:
    explicit SyncMerger(SyncOptions options);

    void addSource(const QList<SyncEntry> &entries);
    void addDestination(const QList<SyncEntry> &entries);
    void endSource() { m_sourceEnded = true; }
    void endDestination() { m_destinationEnded = true; }

    /**
     * Nothing once a side broke its order: a key not after the one before it (a server listing in another order,
     * or a walker's mistake) would turn into a wrong delete and upload, so the merge stops instead.
     */
    std::optional<SyncStep> next();
    /** Why the merge stopped early: "side: key after previous" ("" while all is in order). */
    const QString &orderError() const { return m_orderError; }
    bool needsSource() const { return m_source.empty() && !m_sourceEnded; }
    bool needsDestination() const { return m_destination.empty() && !m_destinationEnded; }
    bool atEnd() const { return m_source.empty() && m_destination.empty() && m_sourceEnded && m_destinationEnded; }
    const SyncOptions &options() const { return m_options; }

private:
    SyncOptions m_options;
    std::deque<SyncEntry> m_source;
    std::deque<SyncEntry> m_destination;
    bool m_sourceEnded = false;
    bool m_destinationEnded = false;
    QString m_lastSource;
    QString m_lastDestination;
    bool m_anySource = false;
    bool m_anyDestination = false;
    QString m_orderError;

    void add(std::deque<SyncEntry> &queue, QString &last, bool &any, const QList<SyncEntry> &entries, QStringView side);
};

/** The whole plan of two complete sides (tests; the CLI streams through SyncMerger). */
S3CORE_EXPORT QList<SyncStep> planSync(const QList<SyncEntry> &source, const QList<SyncEntry> &destination, const SyncOptions &options);

/** Short names for output: "upload", "same-checksum", "md5", ... */
S3CORE_EXPORT QString syncActionName(SyncAction action);
S3CORE_EXPORT QString syncReasonName(SyncReason reason);
S3CORE_EXPORT QString syncComparisonName(SyncComparison comparison);
/** A sentence for the dry-run table: "same size, destination not older (size+time)". */
S3CORE_EXPORT QString syncReasonText(const SyncStep &step);

} // namespace s3
