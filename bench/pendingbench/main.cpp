// SPDX-License-Identifier: Apache-2.0
// Usage: s3desk-pendingbench group|planned|tasks FOLDER
// Queues every file below FOLDER for upload (to a server that is never contacted: everything is paused before the
// event loop runs) either as one folder job (group: TransferQueue::enqueueFolderUploadGroup, the engine walks;
// planned: the list walked first, as the app's upload planner does, then TransferQueue::enqueueUploadGroup, every
// 1,000th file with a "Keep both" key), or as one task per file (TransferQueue::enqueueFolderUpload), runs the
// event loop for a moment, saves the queue file once (into FOLDER's parent) and prints one line:
// "mode=<m> files=<n> tasks_alive=<n> enqueue_ms=<n> rss_kib=<n> hwm_kib=<n> baseline_rss_kib=<n> save_ms=<n>
// queue_file_bytes=<n>".
#include <cstdio>

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

#include "s3core/transfer/transferqueue.h"
#include "s3core/transfer/transfertask.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

// VmRSS / VmHWM of this process in KiB (Linux; 0 elsewhere).
qint64 statusKib(const QByteArray &field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString mode = args.value(1);
    if (args.size() != 3 || (mode != u"group"_s && mode != u"planned"_s && mode != u"tasks"_s)) {
        std::fprintf(stderr, "usage: s3desk-pendingbench group|planned|tasks FOLDER\n");
        return 2;
    }
    const bool group = mode == u"group"_s;
    const bool planned = mode == u"planned"_s;
    ClientSettings settings;
    settings.endpoint = *Endpoint::parse(u"http://127.0.0.1:9"_s, u"us-east-1"_s, AddressingStyle::Path);
    TransferQueue queue(settings);
    const qint64 baseline = statusKib("VmRSS");
    QElapsedTimer timer;
    timer.start();
    int files = 0;
    if (group) {
        const TransferId id = queue.enqueueFolderUploadGroup(args.at(2), u"bench"_s, u"pending"_s);
        queue.pause(id); // before the scheduler's first turn: no file becomes a task
        files = queue.snapshot(id).files.files;
    } else if (planned) {
        const QDir root(args.at(2));
        QList<PendingFile> list;
        QDirIterator it(root.absolutePath(), QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            PendingFile file{path.mid(root.absolutePath().size() + 1), it.fileInfo().size(), {}, {}};
            if (list.size() % 1000 == 0)
                file.key = u"pending/"_s + file.name + u" (1)"_s;
            list.append(std::move(file));
        }
        const TransferId id = queue.enqueueUploadGroup(root.absolutePath(), u"bench"_s, u"pending"_s, std::move(list));
        queue.pause(id);
        files = queue.snapshot(id).files.files;
    } else {
        files = int(queue.enqueueFolderUpload(args.at(2), u"bench"_s, u"pending"_s).size());
        queue.pauseAll();
    }
    const qint64 enqueueMs = timer.elapsed();
    QTimer::singleShot(500, &app, &QCoreApplication::quit); // let queued work (scheduling, notifications) run
    QCoreApplication::exec();
    const qint64 rss = statusKib("VmRSS");
    const qint64 hwm = statusKib("VmHWM");
    // One save of the whole queue (what the queue's batched save does at most every few seconds while it runs).
    const QString queueFile = QFileInfo(QDir(args.at(2)).absolutePath()).dir().filePath(u"pendingbench-queue.json"_s);
    queue.setPersistencePath(queueFile);
    timer.restart();
    const bool saved = bool(queue.saveNow());
    const qint64 saveMs = timer.elapsed();
    const qint64 queueBytes = saved ? QFileInfo(queueFile).size() : -1;
    queue.setPersistencePath({}); // no second save when the queue goes
    QFile::remove(queueFile);
    std::printf("mode=%s files=%d tasks_alive=%d enqueue_ms=%lld rss_kib=%lld hwm_kib=%lld baseline_rss_kib=%lld save_ms=%lld "
                "queue_file_bytes=%lld\n",
                qPrintable(mode), files, TransferTask::liveInstances(), static_cast<long long>(enqueueMs), static_cast<long long>(rss),
                static_cast<long long>(hwm), static_cast<long long>(baseline), static_cast<long long>(saveMs),
                static_cast<long long>(queueBytes));
    return 0;
}
