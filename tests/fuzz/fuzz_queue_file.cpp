// SPDX-License-Identifier: Apache-2.0
// The transfer queue file: the JSON document TransferQueue::restore() reads, turned into tasks by
// UploadTask::fromJson / DownloadTask::fromJson / CopyTask::fromJson exactly as restore() does, then written back with toJson().
#include <memory>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "fuzzsupport.h"
#include "s3core/transfer/copytask.h"
#include "s3core/transfer/downloadtask.h"
#include "s3core/transfer/queuefile.h"
#include "s3core/transfer/transfergroup.h"
#include "s3core/transfer/uploadtask.h"

namespace {

std::unique_ptr<s3::TransferTask> taskFromJson(const QJsonObject &json)
{
    const QString direction = json.value(QStringLiteral("direction")).toString();
    if (direction == QLatin1String("upload"))
        return s3::UploadTask::fromJson(json, {});
    if (direction == QLatin1String("copy"))
        return s3::CopyTask::fromJson(json, {});
    return s3::DownloadTask::fromJson(json, {});
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    s3fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(s3fuzz::toBytes(data, size), &parseError);
    if (document.isNull())
        return 0;
    const QJsonObject root = document.object();
    for (const QJsonValue &value : root.value(QStringLiteral("transfers")).toArray()) {
        const std::unique_ptr<s3::TransferTask> task = taskFromJson(value.toObject());
        if (!task)
            continue; // an entry the loader refuses
        (void)task->snapshot();
        // What a restored task saves must restore to the same transfer.
        const QJsonObject saved = task->toJson();
        const std::unique_ptr<s3::TransferTask> again = taskFromJson(saved);
        S3FUZZ_CHECK(again != nullptr);
        S3FUZZ_CHECK(again->id() == task->id());
        S3FUZZ_CHECK(again->direction() == task->direction());
        S3FUZZ_CHECK(again->bucket() == task->bucket());
        S3FUZZ_CHECK(again->key() == task->key());
        S3FUZZ_CHECK(again->localPath() == task->localPath());
        S3FUZZ_CHECK(again->sourceBucket() == task->sourceBucket());
        S3FUZZ_CHECK(again->sourceKey() == task->sourceKey());
        S3FUZZ_CHECK(again->snapshot().move == task->snapshot().move);
        S3FUZZ_CHECK(again->snapshot().bytesTotal == task->snapshot().bytesTotal);
        S3FUZZ_CHECK(again->priority() == task->priority());
        // A queued Properties save keeps its new attributes and its condition through a save and a restore.
        S3FUZZ_CHECK(again->toJson().value(QStringLiteral("replaceAttributes")) == saved.value(QStringLiteral("replaceAttributes")));
        S3FUZZ_CHECK(again->toJson().value(QStringLiteral("sourceIfMatch")) == saved.value(QStringLiteral("sourceIfMatch")));
        task->pause(); // restore() leaves every task paused
    }
    // Folder jobs: what the check accepts restores, and saves back to an entry the check accepts with the same files.
    for (const QJsonValue &value : root.value(QStringLiteral("groups")).toArray()) {
        const QJsonObject entry = value.toObject();
        if (!s3::transferGroupEntryProblem(entry).isEmpty())
            continue;
        const std::optional<s3::TransferGroup> group = s3::TransferGroup::fromJson(entry);
        S3FUZZ_CHECK(group.has_value());
        const QJsonObject saved = group->toJson();
        S3FUZZ_CHECK(s3::transferGroupEntryProblem(saved).isEmpty());
        const std::optional<s3::TransferGroup> again = s3::TransferGroup::fromJson(saved);
        S3FUZZ_CHECK(again.has_value());
        S3FUZZ_CHECK(again->id() == group->id());
        S3FUZZ_CHECK(again->counts() == group->counts());
        S3FUZZ_CHECK(again->pending() == group->pending());
        S3FUZZ_CHECK(again->bytesTotal() == group->bytesTotal());
        (void)s3::groupState(group->counts(), group->paused, group->listing);
    }
    return 0;
}
