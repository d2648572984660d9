// SPDX-License-Identifier: Apache-2.0
#include "browser/synctext.h"

#include <QCoreApplication>
#include <QStringList>

#include "util/format.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

void SyncTally::add(const s3::SyncStep &step)
{
    const std::optional<s3::SyncEntry> &entry = step.source ? step.source : step.destination;
    const qint64 size = entry ? entry->size : 0;
    switch (step.action) {
    case s3::SyncAction::Upload:
        ++uploads;
        uploadBytes += size;
        break;
    case s3::SyncAction::Download:
        ++downloads;
        downloadBytes += size;
        break;
    case s3::SyncAction::Delete:
        ++deletes;
        deleteBytes += size;
        break;
    case s3::SyncAction::Copy: // not offered by the app (no bucket-to-bucket sync here)
        break;
    case s3::SyncAction::Skip:
        if (step.reason == s3::SyncReason::Excluded)
            ++excluded;
        else if (step.reason == s3::SyncReason::ExtraKept)
            ++kept;
        else
            ++unchanged;
        break;
    }
    switch (step.compared) {
    case s3::SyncComparison::None:
        break;
    case s3::SyncComparison::Size:
        ++bySize;
        break;
    case s3::SyncComparison::SizeAndTime:
        ++bySizeAndTime;
        break;
    case s3::SyncComparison::Md5:
    case s3::SyncComparison::Etag:
        ++byMd5;
        break;
    case s3::SyncComparison::Md5ThenTime:
        ++byMd5ThenTime;
        break;
    }
}

namespace synctext {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("s3ui::synctext", text);
}
} // namespace

QString actionName(s3::SyncAction action)
{
    switch (action) {
    case s3::SyncAction::Upload:
        return tr("Upload");
    case s3::SyncAction::Download:
        return tr("Download");
    case s3::SyncAction::Copy:
        return tr("Copy");
    case s3::SyncAction::Delete:
        return tr("Delete");
    case s3::SyncAction::Skip:
        break;
    }
    return tr("Skip");
}

QString reason(const s3::SyncStep &step)
{
    QString text;
    switch (step.reason) {
    case s3::SyncReason::Missing:
        text = tr("new");
        break;
    case s3::SyncReason::SizeDiffers:
        text = tr("size differs");
        break;
    case s3::SyncReason::SourceNewer:
        text = tr("newer");
        break;
    case s3::SyncReason::SameChecksum:
        text = step.compared == s3::SyncComparison::Etag ? tr("same ETag") : tr("same MD5");
        break;
    case s3::SyncReason::SameSizeAndTime:
        text = tr("same size and time");
        break;
    case s3::SyncReason::Excluded:
        text = tr("excluded");
        break;
    case s3::SyncReason::Extra:
        text = tr("not in the source");
        break;
    case s3::SyncReason::ExtraKept:
        text = tr("not in the source (kept)");
        break;
    }
    // An MD5 that differs proves nothing (encrypted objects list ETags that are not their MD5): say time decided.
    if (step.compared == s3::SyncComparison::Md5ThenTime)
        text = tr("%1 (MD5 not equal: time decided)").arg(text);
    return text;
}

QString summary(const SyncTally &tally)
{
    QStringList what;
    if (tally.uploads > 0)
        what.append(tr("%L1 to upload (%2)").arg(tally.uploads).arg(formatSize(tally.uploadBytes)));
    if (tally.downloads > 0)
        what.append(tr("%L1 to download (%2)").arg(tally.downloads).arg(formatSize(tally.downloadBytes)));
    if (tally.deletes > 0)
        what.append(tr("%L1 to delete (%2)").arg(tally.deletes).arg(formatSize(tally.deleteBytes)));
    if (what.isEmpty())
        what.append(tr("Nothing to do"));
    if (tally.unchanged > 0)
        what.append(tr("%L1 unchanged").arg(tally.unchanged));
    if (tally.kept > 0)
        what.append(tr("%L1 kept (not in the source)").arg(tally.kept));
    if (tally.excluded > 0)
        what.append(tr("%L1 excluded").arg(tally.excluded));
    QStringList how;
    if (tally.bySize > 0)
        how.append(tr("%L1 by size").arg(tally.bySize));
    if (tally.bySizeAndTime > 0)
        how.append(tr("%L1 by size and time").arg(tally.bySizeAndTime));
    if (tally.byMd5 > 0)
        how.append(tr("%L1 by MD5").arg(tally.byMd5));
    if (tally.byMd5ThenTime > 0)
        how.append(tr("%L1 by MD5, then time").arg(tally.byMd5ThenTime));
    const QString separator = tr(", ");
    QString text = what.join(separator);
    if (!how.isEmpty())
        text += tr("; compared %1").arg(how.join(separator));
    return text;
}

} // namespace synctext
} // namespace s3ui
