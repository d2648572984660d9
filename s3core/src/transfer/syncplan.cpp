// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/syncplan.h"

#include <cstring>

#include "s3core/etag.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

int compareSyncKeys(QStringView a, QStringView b)
{
    // UTF-16 order differs from UTF-8 order only for code points >= U+E000 against surrogate pairs: compare by
    // code point, which is UTF-8 byte order, without converting.
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        char32_t ca = a.at(i).unicode();
        char32_t cb = b.at(j).unicode();
        if (QChar::isHighSurrogate(ca) && i + 1 < a.size() && a.at(i + 1).isLowSurrogate()) {
            ca = QChar::surrogateToUcs4(a.at(i), a.at(i + 1));
            ++i;
        }
        if (QChar::isHighSurrogate(cb) && j + 1 < b.size() && b.at(j + 1).isLowSurrogate()) {
            cb = QChar::surrogateToUcs4(b.at(j), b.at(j + 1));
            ++j;
        }
        ++i;
        ++j;
        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
    if (i < a.size())
        return 1;
    if (j < b.size())
        return -1;
    return 0;
}

QString SyncFilter::globToRegularExpression(const QString &glob)
{
    QString pattern = u"\\A(?:"_s;
    for (qsizetype i = 0; i < glob.size(); ++i) {
        const QChar c = glob.at(i);
        if (c == u'*') {
            pattern += u".*"_s;
        } else if (c == u'?') {
            pattern += u"."_s;
        } else if (c == u'[') {
            qsizetype end = i + 1;
            if (end < glob.size() && (glob.at(end) == u'!' || glob.at(end) == u'^'))
                ++end;
            if (end < glob.size() && glob.at(end) == u']')
                ++end; // a ']' right after the opening one is a member
            while (end < glob.size() && glob.at(end) != u']')
                ++end;
            if (end >= glob.size())
                return {};
            QString set = glob.mid(i + 1, end - i - 1);
            QString cls = u"["_s;
            qsizetype k = 0;
            if (set.startsWith(u'!') || set.startsWith(u'^')) {
                cls += u'^';
                k = 1;
            }
            for (; k < set.size(); ++k) {
                const QChar m = set.at(k);
                if (m == u'\\' || m == u'[' || m == u']' || m == u'^')
                    cls += u'\\';
                cls += m;
            }
            pattern += cls + u']';
            i = end;
        } else {
            pattern += QRegularExpression::escape(QString(c));
        }
    }
    return pattern + u")\\z"_s;
}

bool SyncFilter::addRule(bool include, const QString &glob)
{
    const QString pattern = globToRegularExpression(glob);
    if (pattern.isEmpty())
        return false;
    QRegularExpression expression(pattern, QRegularExpression::DotMatchesEverythingOption);
    if (!expression.isValid())
        return false;
    m_rules.append({include, expression});
    return true;
}

bool SyncFilter::excludes(const QString &key) const
{
    for (auto rule = m_rules.crbegin(); rule != m_rules.crend(); ++rule) {
        if (rule->expression.match(key).hasMatch())
            return !rule->include;
    }
    return false;
}

namespace {
QString bareEtag(const QString &etag)
{
    QString value = etag.trimmed();
    value.remove(u'"');
    return value.toLower();
}

SyncAction transferAction(SyncDirection direction)
{
    switch (direction) {
    case SyncDirection::LocalToS3:
        return SyncAction::Upload;
    case SyncDirection::S3ToLocal:
        return SyncAction::Download;
    case SyncDirection::S3ToS3:
        break;
    }
    return SyncAction::Copy;
}
} // namespace

SyncStep decideSyncStep(const SyncEntry *source, const SyncEntry *destination, const SyncOptions &options)
{
    SyncStep step;
    step.key = source ? source->key : destination->key;
    if (source)
        step.source = *source;
    if (destination)
        step.destination = *destination;
    if (options.filter.excludes(step.key)) {
        // Neither copied nor deleted: an excluded key is outside the sync (awscli).
        step.reason = SyncReason::Excluded;
        return step;
    }
    if (!destination) {
        step.action = transferAction(options.direction);
        step.reason = SyncReason::Missing;
        return step;
    }
    if (!source) {
        step.action = options.deleteExtra ? SyncAction::Delete : SyncAction::Skip;
        step.reason = options.deleteExtra ? SyncReason::Extra : SyncReason::ExtraKept;
        return step;
    }
    if (source->size != destination->size) {
        step.action = transferAction(options.direction);
        step.reason = SyncReason::SizeDiffers;
        step.compared = SyncComparison::Size;
        return step;
    }
    if (options.direction == SyncDirection::S3ToS3) {
        // Both ETags come from the same kind of server: equal ones mean equal bytes (single-part: the MD5;
        // multipart: the MD5 of the same part MD5s).
        if (!source->etag.isEmpty() && bareEtag(source->etag) == bareEtag(destination->etag)) {
            step.reason = SyncReason::SameChecksum;
            step.compared = hasMd5Form(source->etag) ? SyncComparison::Md5 : SyncComparison::Etag;
            return step;
        }
    } else {
        const SyncEntry &object = options.direction == SyncDirection::LocalToS3 ? *destination : *source;
        const SyncEntry &file = options.direction == SyncDirection::LocalToS3 ? *source : *destination;
        if (hasMd5Form(object.etag) && options.localMd5) {
            const QString md5 = options.localMd5(file.localPath);
            if (!md5.isEmpty() && md5.compare(bareEtag(object.etag), Qt::CaseInsensitive) == 0) {
                step.reason = SyncReason::SameChecksum;
                step.compared = SyncComparison::Md5;
                return step;
            }
            // A different MD5 is not proof: SSE-KMS and SSE-C objects list ETags of MD5 form that are not
            // their MD5, and a listing cannot say which are encrypted. Time decides, as in aws s3 sync.
            step.compared = SyncComparison::Md5ThenTime;
        }
    }
    if (step.compared == SyncComparison::None)
        step.compared = SyncComparison::SizeAndTime;
    if (source->modified.toUTC() > destination->modified.toUTC()) {
        step.action = transferAction(options.direction);
        step.reason = SyncReason::SourceNewer;
    } else {
        step.reason = SyncReason::SameSizeAndTime;
    }
    return step;
}

SyncMerger::SyncMerger(SyncOptions options)
    : m_options(std::move(options))
{
}

void SyncMerger::add(std::deque<SyncEntry> &queue, QString &last, bool &any, const QList<SyncEntry> &entries, QStringView side)
{
    for (const SyncEntry &entry : entries) {
        if (!m_orderError.isEmpty())
            return;
        if (any && compareSyncKeys(last, entry.key) >= 0) {
            m_orderError = side + u": '"_s + entry.key + u"' after '"_s + last + u"'"_s;
            return;
        }
        any = true;
        last = entry.key;
        queue.push_back(entry);
    }
}

void SyncMerger::addSource(const QList<SyncEntry> &entries)
{
    add(m_source, m_lastSource, m_anySource, entries, u"source");
}

void SyncMerger::addDestination(const QList<SyncEntry> &entries)
{
    add(m_destination, m_lastDestination, m_anyDestination, entries, u"destination");
}

std::optional<SyncStep> SyncMerger::next()
{
    // A step is known only when both heads are (or a side has ended): a key missing from one head may still
    // come in that side's next piece.
    if (!m_orderError.isEmpty() || needsSource() || needsDestination())
        return std::nullopt;
    if (m_source.empty() && m_destination.empty())
        return std::nullopt;
    int order = 0;
    if (m_source.empty())
        order = 1;
    else if (m_destination.empty())
        order = -1;
    else
        order = compareSyncKeys(m_source.front().key, m_destination.front().key);
    SyncStep step;
    if (order < 0) {
        step = decideSyncStep(&m_source.front(), nullptr, m_options);
        m_source.pop_front();
    } else if (order > 0) {
        step = decideSyncStep(nullptr, &m_destination.front(), m_options);
        m_destination.pop_front();
    } else {
        step = decideSyncStep(&m_source.front(), &m_destination.front(), m_options);
        m_source.pop_front();
        m_destination.pop_front();
    }
    return step;
}

QList<SyncStep> planSync(const QList<SyncEntry> &source, const QList<SyncEntry> &destination, const SyncOptions &options)
{
    SyncMerger merger(options);
    merger.addSource(source);
    merger.addDestination(destination);
    merger.endSource();
    merger.endDestination();
    QList<SyncStep> steps;
    while (std::optional<SyncStep> step = merger.next())
        steps.append(std::move(*step));
    return steps;
}

QString syncActionName(SyncAction action)
{
    switch (action) {
    case SyncAction::Upload:
        return u"upload"_s;
    case SyncAction::Download:
        return u"download"_s;
    case SyncAction::Copy:
        return u"copy"_s;
    case SyncAction::Delete:
        return u"delete"_s;
    case SyncAction::Skip:
        break;
    }
    return u"skip"_s;
}

QString syncReasonName(SyncReason reason)
{
    switch (reason) {
    case SyncReason::Missing:
        return u"missing"_s;
    case SyncReason::SizeDiffers:
        return u"size-differs"_s;
    case SyncReason::SourceNewer:
        return u"source-newer"_s;
    case SyncReason::SameChecksum:
        return u"same-checksum"_s;
    case SyncReason::SameSizeAndTime:
        return u"same-size-and-time"_s;
    case SyncReason::Excluded:
        return u"excluded"_s;
    case SyncReason::Extra:
        return u"not-at-source"_s;
    case SyncReason::ExtraKept:
        break;
    }
    return u"not-at-source-kept"_s;
}

QString syncComparisonName(SyncComparison comparison)
{
    switch (comparison) {
    case SyncComparison::None:
        return u"none"_s;
    case SyncComparison::Size:
        return u"size"_s;
    case SyncComparison::SizeAndTime:
        return u"size+time"_s;
    case SyncComparison::Md5:
        return u"md5"_s;
    case SyncComparison::Md5ThenTime:
        return u"md5+time"_s;
    case SyncComparison::Etag:
        break;
    }
    return u"etag"_s;
}

QString syncReasonText(const SyncStep &step)
{
    QString text;
    switch (step.reason) {
    case SyncReason::Missing:
        text = u"not at the destination"_s;
        break;
    case SyncReason::SizeDiffers:
        text = u"size differs"_s;
        break;
    case SyncReason::SourceNewer:
        text = u"same size, source newer"_s;
        break;
    case SyncReason::SameChecksum:
        text = step.compared == SyncComparison::Md5 ? u"same MD5"_s : u"same ETag"_s;
        break;
    case SyncReason::SameSizeAndTime:
        text = u"same size, destination not older"_s;
        break;
    case SyncReason::Excluded:
        text = u"excluded"_s;
        break;
    case SyncReason::Extra:
        text = u"not at the source"_s;
        break;
    case SyncReason::ExtraKept:
        text = u"not at the source (kept: no --delete)"_s;
        break;
    }
    if (step.compared != SyncComparison::None)
        text += u" ("_s + syncComparisonName(step.compared) + u')';
    return text;
}

} // namespace s3
