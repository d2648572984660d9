// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include "browser/conflictprompt.h"
#include "s3core/transfer/transfergroup.h"

namespace s3 {
class S3Client;
class Job;
} // namespace s3

namespace s3ui {

/** One file to upload: where it is and the key it gets. */
struct PlannedUpload
{
    QString localPath;
    QString key;
    qint64 size = 0;
    /** Index into UploadPlanner::folders() of the dropped folder it was found in; -1: a loose file. */
    int folder = -1;
};

/** A dropped/chosen folder: where it is and the key prefix its files go below ("a/photos/"). */
struct PlannedFolder
{
    QString localDir;
    QString keyPrefix;
};

/** A folder's files as one upload job (TransferEngine::enqueueUploadGroup()). */
struct FolderUploadJob
{
    QString localDir;
    QString keyPrefix;
    QList<s3::PendingFile> files;
};

/** What to enqueue: one job per dropped folder that has files left, loose files one by one. */
struct UploadJobs
{
    QList<FolderUploadJob> folders;
    QList<PlannedUpload> loose;
    int fileCount = 0; ///< files in all (what "N uploads queued" counts)
};

/** A local path that is not uploaded, and why ("not readable", "a link to a folder, not followed"). */
struct SkippedPath
{
    QString path;
    QString reason;
};


/**
 * Turns dropped/chosen local files and folders into uploads: walks the folders (on a worker thread: a big tree
 * must not stall the GUI), builds keys under the target prefix with '/' separators, and finds which keys exist
 * already (by listing the target keys, never one HEAD per file). planned() then waits for the user's choice on
 * the conflicts; resolve() applies it.
 *
 * Keys of a folder "photos" dropped on prefix "a/" are "a/photos/<relative path>". Symlinks to files are
 * followed; symlinks to folders inside a dropped folder are not (they are reported in skipped(), as are
 * unreadable entries). A dropped folder that is itself a symlink is the user's choice and is walked.
 */
class UploadPlanner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UploadPlanner)
public:
    UploadPlanner(s3::S3Client *client, QString bucket, QString targetPrefix, QStringList localPaths, QObject *parent = nullptr);
    ~UploadPlanner() override;

    void start();

    QString bucket() const { return m_bucket; }
    QString targetPrefix() const { return m_prefix; }
    const QList<PlannedUpload> &uploads() const { return m_uploads; }
    /** Indexes into uploads() whose key exists on the server. */
    const QList<int> &conflicts() const { return m_conflicts; }
    const QList<SkippedPath> &skipped() const { return m_skipped; }
    const QList<PlannedFolder> &folders() const { return m_folders; }
    /** Keys found under the target (what conflicts() was made from). */
    const QSet<QString> &existing() const { return m_existing; }

    /** The uploads to enqueue after applying `choice` to every conflict (KeepBoth: "name (1).ext", ...). */
    QList<PlannedUpload> resolve(ConflictChoice choice) const;

    /**
     * resolve() as a pure function of the planner's results, so that it can run on a worker thread (a
     * 100,000-file folder with conflicts takes longer than a GUI frame). The lists are shared, not copied.
     */
    static QList<PlannedUpload> resolveUploads(const QList<PlannedUpload> &uploads, const QList<int> &conflicts,
                                               const QSet<QString> &existing, ConflictChoice choice);
    /**
     * The resolved uploads as jobs (pure, O(n): for a worker thread): the files of each folder become one job's
     * compact records (path below the folder, size, and the key only when it is not prefix + path, e.g. after
     * "Keep both"), sorted by path; a folder with no file left makes no job; loose files stay single uploads.
     */
    static UploadJobs jobsFor(const QList<PlannedUpload> &uploads, const QList<PlannedFolder> &folders);

    /** "name (n).ext" for the first n that is not in `taken` (pure, for tests). */
    static QString keepBothKey(const QString &key, const QSet<QString> &taken);

Q_SIGNALS:
    /** Walking and the existence check are done: uploads() and conflicts() are valid. */
    void planned();
    void failed(const QString &message);

private:
    void handleWalked(QList<PlannedUpload> uploads, QList<SkippedPath> skipped, QStringList roots, QList<PlannedFolder> folders);
    void listNextRoot();

    QPointer<s3::S3Client> m_client;
    QString m_bucket;
    QString m_prefix;
    QStringList m_paths;
    QList<PlannedUpload> m_uploads;
    QList<SkippedPath> m_skipped;
    QList<PlannedFolder> m_folders;
    QStringList m_rootsToList; // key prefixes to look for existing keys under
    QSet<QString> m_existing;
    QList<int> m_conflicts;
    QPointer<s3::Job> m_listJob;
};

} // namespace s3ui
