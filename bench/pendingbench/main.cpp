// SPDX-License-Identifier: Apache-2.0
// Usage: s3desk-pendingbench group|tasks FOLDER
// Queues every file below FOLDER for upload (to a server that is never contacted: everything is paused before the
// event loop runs) either as one folder job (TransferQueue::enqueueFolderUploadGroup: compact pending records) or
// as one task per file (TransferQueue::enqueueFolderUpload), runs the event loop for a moment, and prints one line:
// "mode=<m> files=<n> tasks_alive=<n> enqueue_ms=<n> rss_kib=<n> hwm_kib=<n> baseline_rss_kib=<n>".
#include <cstdio>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
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
    if (args.size() != 3 || (args.at(1) != u"group"_s && args.at(1) != u"tasks"_s)) {
        std::fprintf(stderr, "usage: s3desk-pendingbench group|tasks FOLDER\n");
        return 2;
    }
    const bool group = args.at(1) == u"group"_s;
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
    } else {
        files = int(queue.enqueueFolderUpload(args.at(2), u"bench"_s, u"pending"_s).size());
        queue.pauseAll();
    }
    const qint64 enqueueMs = timer.elapsed();
    QTimer::singleShot(500, &app, &QCoreApplication::quit); // let queued work (scheduling, notifications) run
    QCoreApplication::exec();
    std::printf("mode=%s files=%d tasks_alive=%d enqueue_ms=%lld rss_kib=%lld hwm_kib=%lld baseline_rss_kib=%lld\n",
                group ? "group" : "tasks", files, TransferTask::liveInstances(), static_cast<long long>(enqueueMs),
                static_cast<long long>(statusKib("VmRSS")), static_cast<long long>(statusKib("VmHWM")),
                static_cast<long long>(baseline));
    return 0;
}
