// SPDX-License-Identifier: Apache-2.0
#include "browser/uploadplanner.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QThreadPool>

#include "s3core/net/s3client.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/transfer/localpaths.h"

namespace s3ui {

UploadPlanner::UploadPlanner(s3::S3Client *client, QString bucket, QString targetPrefix, QStringList localPaths, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
    , m_prefix(std::move(targetPrefix))
    , m_paths(std::move(localPaths))
{
}

UploadPlanner::~UploadPlanner()
{
    s3::cancelQuietly(m_listJob, this);
}

void UploadPlanner::start()
{
    QPointer<UploadPlanner> self(this);
    const QStringList paths = m_paths;
    const QString prefix = m_prefix;
    QThreadPool::globalInstance()->start([self, paths, prefix] {
        QList<PlannedUpload> uploads;
        QList<SkippedPath> skipped;
        QStringList roots;
        QList<PlannedFolder> folders;
        for (const QString &path : paths) {
            const QFileInfo info(path);
            if (info.isDir()) {
                const QString base = info.fileName();
                roots.append(prefix + base + QLatin1Char('/'));
                const QDir root(info.absoluteFilePath());
                const int folder = int(folders.size());
                folders.append({root.absolutePath(), prefix + base + QLatin1Char('/')});
                // Symlinked sub-folders are not followed (as the CLI and the engine): a link to "/" or to a parent
                // would upload far more than the folder, or loop. They are listed, so the user sees what was left.
                QDirIterator it(root.absolutePath(), QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot,
                                QDirIterator::Subdirectories);
                while (it.hasNext()) {
                    const QString file = it.next();
                    const QFileInfo fileInfo = it.fileInfo();
                    if (fileInfo.isDir()) {
                        if (fileInfo.isSymLink())
                            skipped.append({file, tr("a link to a folder, not followed")});
                        continue;
                    }
                    if (!fileInfo.isReadable()) {
                        skipped.append({file, tr("not readable")});
                        continue;
                    }
                    uploads.append({file, s3::keyForLocalFile(root.absolutePath(), file, prefix + base + QLatin1Char('/')),
                                    fileInfo.size(), folder});
                }
            } else if (info.isFile() && info.isReadable()) {
                roots.append(prefix + info.fileName());
                uploads.append({info.absoluteFilePath(), prefix + info.fileName(), info.size(), -1});
            } else {
                skipped.append({path, info.exists() ? tr("not readable") : tr("not found")});
            }
        }
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, uploads = std::move(uploads), skipped = std::move(skipped), roots = std::move(roots), folders = std::move(folders)]() mutable {
                if (self)
                    self->handleWalked(std::move(uploads), std::move(skipped), std::move(roots), std::move(folders));
            },
            Qt::QueuedConnection);
    });
}

void UploadPlanner::handleWalked(QList<PlannedUpload> uploads, QList<SkippedPath> skipped, QStringList roots, QList<PlannedFolder> folders)
{
    m_uploads = std::move(uploads);
    m_folders = std::move(folders);
    m_skipped = std::move(skipped);
    m_rootsToList = std::move(roots);
    listNextRoot();
}

void UploadPlanner::listNextRoot()
{
    if (m_rootsToList.isEmpty() || !m_client) {
        // One look-up per file (100,000 hashes of keys when a folder is uploaded again): on a worker thread, with
        // the lists shared, not copied.
        QPointer<UploadPlanner> self(this);
        QThreadPool::globalInstance()->start([self, uploads = m_uploads, existing = m_existing] {
            QList<int> conflicts;
            if (!existing.isEmpty()) {
                for (qsizetype i = 0; i < uploads.size(); ++i) {
                    if (existing.contains(uploads[i].key))
                        conflicts.append(int(i));
                }
            }
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, conflicts = std::move(conflicts)]() mutable {
                    if (!self)
                        return;
                    self->m_conflicts = std::move(conflicts);
                    Q_EMIT self->planned();
                },
                Qt::QueuedConnection);
        });
        return;
    }
    s3::ListObjectsRequest request;
    request.bucket = m_bucket;
    request.prefix = m_rootsToList.takeFirst();
    auto *job = new s3::ListObjectsJob(m_client, request, this);
    m_listJob = job;
    connect(job, &s3::ListObjectsJob::pageReceived, this, [this](const s3::ListObjectsPage &page) {
        for (const s3::ObjectInfo &object : page.objects)
            m_existing.insert(object.key);
    });
    connect(job, &s3::Job::finished, this, [this, job] {
        m_listJob = nullptr;
        if (job->hasError() && job->error().code() != QLatin1String("AccessDenied")) {
            Q_EMIT failed(tr("Could not check which files exist in s3://%1/%2: %3").arg(m_bucket, m_prefix, job->error().toString()));
            return;
        }
        // Without list permission (AccessDenied) uploads go ahead unchecked: the upload itself may be allowed.
        listNextRoot();
    });
    job->start();
}

QString UploadPlanner::keepBothKey(const QString &key, const QSet<QString> &taken)
{
    return keepBothName(key, [&taken](const QString &candidate) { return taken.contains(candidate); });
}

QList<PlannedUpload> UploadPlanner::resolve(ConflictChoice choice) const
{
    return resolveUploads(m_uploads, m_conflicts, m_existing, choice);
}

QList<PlannedUpload> UploadPlanner::resolveUploads(const QList<PlannedUpload> &uploads, const QList<int> &conflicts,
                                                   const QSet<QString> &existing, ConflictChoice choice)
{
    if (conflicts.isEmpty() || choice == ConflictChoice::Overwrite)
        return uploads;
    const QSet<int> conflicting(conflicts.cbegin(), conflicts.cend());
    QSet<QString> taken = existing;
    for (const PlannedUpload &upload : uploads)
        taken.insert(upload.key);
    QList<PlannedUpload> result;
    result.reserve(uploads.size());
    for (qsizetype i = 0; i < uploads.size(); ++i) {
        if (!conflicting.contains(int(i))) {
            result.append(uploads[i]);
            continue;
        }
        if (choice == ConflictChoice::Skip)
            continue;
        PlannedUpload renamed = uploads[i];
        renamed.key = keepBothKey(renamed.key, taken);
        taken.insert(renamed.key);
        result.append(renamed);
    }
    return result;
}

UploadJobs UploadPlanner::jobsFor(const QList<PlannedUpload> &uploads, const QList<PlannedFolder> &folders)
{
    UploadJobs jobs;
    QList<FolderUploadJob> perFolder;
    perFolder.reserve(folders.size());
    for (const PlannedFolder &folder : folders)
        perFolder.append({folder.localDir, folder.keyPrefix, {}});
    for (const PlannedUpload &upload : uploads) {
        const bool inFolder = upload.folder >= 0 && upload.folder < perFolder.size()
            && upload.localPath.startsWith(perFolder[upload.folder].localDir + u'/');
        if (!inFolder) {
            jobs.loose.append(upload);
            continue;
        }
        FolderUploadJob &job = perFolder[upload.folder];
        s3::PendingFile record{upload.localPath.mid(job.localDir.size() + 1), upload.size, {}, {}};
        if (upload.key != job.keyPrefix + record.name)
            record.key = upload.key; // renamed ("Keep both"): the only records that carry a key
        job.files.append(std::move(record));
    }
    for (FolderUploadJob &job : perFolder) {
        if (job.files.isEmpty())
            continue; // nothing of it is uploaded (empty, or every file skipped): no job, no row
        std::sort(job.files.begin(), job.files.end(), [](const s3::PendingFile &a, const s3::PendingFile &b) { return a.name < b.name; });
        jobs.fileCount += int(job.files.size());
        jobs.folders.append(std::move(job));
    }
    jobs.fileCount += int(jobs.loose.size());
    return jobs;
}

} // namespace s3ui
