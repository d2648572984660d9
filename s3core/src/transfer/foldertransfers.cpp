// SPDX-License-Identifier: Apache-2.0
// Folder-level operations of the transfer queue: a local folder up, a prefix down.
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include "s3core/net/s3client.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/transfer/localfs.h"
#include "s3core/transfer/localpaths.h"
#include "s3core/transfer/transferqueue.h"

namespace s3 {

QList<TransferId> TransferQueue::enqueueFolderUpload(const QString &localDir, const QString &bucket, const QString &prefix,
                                                     const UploadOptions &options)
{
    QString keyPrefix = prefix;
    if (!keyPrefix.isEmpty() && !keyPrefix.endsWith(QLatin1Char('/')))
        keyPrefix += QLatin1Char('/');
    QList<TransferId> ids;
    QDirIterator it(localDir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files.append(it.next());
    files.sort(); // deterministic order: the queue runs them as listed
    for (const QString &file : std::as_const(files)) {
        if (DownloadTask::isOwnFileName(QFileInfo(file).fileName()))
            continue; // our own partial downloads
        ids.append(enqueueUpload(file, bucket, keyForLocalFile(localDir, file, keyPrefix), options));
    }
    return ids;
}

QString TransferQueue::acceptListed(const QString &prefix, const QString &localDir, const ObjectInfo &object, QStringList *refused)
{
    Result<QString> path = localPathForKey(localDir, prefix, object.key);
    if (!path) {
        refused->append(object.key);
        return {};
    }
    if (path->endsWith(QLatin1Char('/'))) {
        // A folder marker: an empty one becomes the folder (made without following links below localDir);
        // one holding data cannot be saved as a folder and is refused rather than dropped.
        const QString folder = path->mid(QDir::cleanPath(localDir).size()); // localPathForKey built it so
        if (object.size != 0 || !localfs::openBeneath(QDir::cleanPath(localDir), folder, true))
            refused->append(object.key);
        return {};
    }
    Result<localfs::Placement> placement = localfs::placeBeneath(localDir, *path);
    if (!placement || !localfs::checkBeneath(placement->root, placement->folder) || claimOf(*path)) {
        refused->append(object.key); // a name too long, a link on the way, a destination already taken
        return {};
    }
    return *path;
}

void TransferQueue::enqueuePrefixDownload(const QString &bucket, const QString &prefix, const QString &localDir, const DownloadOptions &options)
{
    S3Client *client = pickMember()->client.get();
    auto *job = new ListObjectsJob(client, {bucket, prefix, {}, {}, 1000, {}}, this);
    auto queued = std::make_shared<int>(0);
    auto refused = std::make_shared<QStringList>();
    DownloadOptions folderOptions = options;
    folderOptions.folder = localDir; // no symbolic link below it is followed
    connect(job, &ListObjectsJob::pageReceived, this, [this, bucket, prefix, localDir, folderOptions, queued, refused](const ListObjectsPage &page) {
        for (const ObjectInfo &object : page.objects) {
            const QString path = acceptListed(prefix, localDir, object, refused.get());
            if (path.isEmpty())
                continue;
            DownloadOptions objectOptions = folderOptions;
            objectOptions.listedSize = object.size;
            objectOptions.listedEtag = object.etag;
            enqueueDownload(bucket, object.key, path, objectOptions);
            ++*queued;
        }
    });
    connect(job, &Job::finished, this, [this, job, bucket, prefix, queued, refused] {
        Q_EMIT folderListingFinished(bucket, prefix, *queued, *refused, job->error());
    });
    job->start();
}

} // namespace s3
