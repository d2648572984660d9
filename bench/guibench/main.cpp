// SPDX-License-Identifier: Apache-2.0
// s3desk-guibench: the GUI thread under load; prints key=value lines.
//
// s3desk-guibench listing [N]: how the browser copes with a huge prefix. An in-process fake S3 server on its own
// thread holds N keys (default 1,000,000) under one prefix; the real ObjectListModel + QTableView (offscreen)
// list it page by page while a 1 ms timer on the GUI thread records every event-loop gap:
//   first_page_server_ms   one bare ListObjectsV2 page of 1,000 keys (request + server + parse)
//   first_rows_ms          setLocation() -> first rows in the model (same page, through the model)
//   all_rows_ms            the whole listing
//   max_stall_ms, p99_ms   GUI-thread gaps during the listing
//   bytes_per_row          heap growth of the process for the listing / rows (malloc accounting)
//   filter_*, sort_*       typing a filter and sorting by size: GUI-thread time of the call, time to the rows
//
// s3desk-guibench transfers FILE BUCKET: the real main window (browser on BUCKET, transfers dock, status bar)
// connected to the server of S3_ENDPOINT/AWS_* uploads FILE once, then uploads it again while downloading the
// first copy, and records the GUI thread's gaps during those two transfers: max_stall_ms, p99_ms.
#include <malloc.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTemporaryDir>
#include <QHeaderView>
#include <QNetworkAccessManager>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include "fakes3server.h"
#include "livetest.h"
#include "connection/session.h"
#include "models/objectlistmodel.h"
#include "models/transferlistmodel.h"
#include "s3core/config.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/transfer/transferengine.h"
#include "widgets/mainwindow.h"

namespace {

/** CPU time of the calling thread: what a step costs the GUI thread even when other processes compete for the cores. */
qint64 threadCpuUs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000 + now.tv_nsec / 1000;
}

qint64 heapInUse()
{
    malloc_trim(0);
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

} // namespace

/** Records the gaps between the ticks of a 1 ms precise timer on the calling thread. */
class GapRecorder
{
public:
    GapRecorder()
    {
        m_gaps.reserve(400000);
        m_ticker.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_ticker, &QTimer::timeout, [this] { m_gaps.push_back(m_sinceTick.restart()); });
    }
    void start()
    {
        m_sinceTick.start();
        m_ticker.start(1);
    }
    void stop() { m_ticker.stop(); }
    void clear() { m_gaps.clear(); }
    size_t ticks() const { return m_gaps.size(); }
    qint64 maxGap() const { return m_gaps.empty() ? 0 : *std::max_element(m_gaps.begin(), m_gaps.end()); }
    void print() const
    {
        std::vector<qint64> sorted = m_gaps;
        std::sort(sorted.begin(), sorted.end());
        const qint64 maxGap = sorted.empty() ? 0 : sorted.back();
        const qint64 p99 = sorted.empty() ? 0 : sorted[size_t(double(sorted.size() - 1) * 0.99)];
        const auto over50 = std::count_if(sorted.begin(), sorted.end(), [](qint64 gap) { return gap > 50; });
        std::printf("max_stall_ms=%lld\np99_ms=%lld\ngaps_over_50ms=%lld\nticks=%zu\n", maxGap, p99, static_cast<long long>(over50),
                    sorted.size());
    }

private:
    std::vector<qint64> m_gaps;
    QElapsedTimer m_sinceTick;
    QTimer m_ticker;
};

int listing(const QStringList &args)
{
    const int keys = args.size() > 2 ? args.at(2).toInt() : 1000000;
    const QString bucket = QStringLiteral("bench");
    const QString prefix = QStringLiteral("big/");

    // The server on its own thread, so its work is not counted as the GUI thread's.
    QThread serverThread;
    QObject serverContext; // queued calls run on the server thread through it
    serverContext.moveToThread(&serverThread);
    serverThread.start();
    FakeS3Server *server = nullptr;
    QMetaObject::invokeMethod(
        &serverContext,
        [&] {
            server = new FakeS3Server;
            for (int i = 0; i < keys; ++i)
                server->putObject(bucket, prefix + QStringLiteral("object-%1.dat").arg(i, 7, 10, QLatin1Char('0')), {});
            server->putObject(bucket, QStringLiteral("other.txt"), "x");
            server->start();
        },
        Qt::BlockingQueuedConnection);
    const QString endpoint = server->endpointUrl();

    QNetworkAccessManager network;
    auto client = fakeServerClient(&network, endpoint, 30000);

    // One bare page: what the server and the network cost before the model sees anything.
    QElapsedTimer timer;
    {
        s3::ListObjectsRequest request;
        request.bucket = bucket;
        request.prefix = prefix;
        request.delimiter = QStringLiteral("/");
        s3::ListObjectsPageJob page(client.get(), request);
        page.setAutoDelete(false);
        timer.start();
        runJob(page);
        std::printf("first_page_server_ms=%lld\n", timer.elapsed());
    }

    s3ui::ObjectListModel model;
    QTableView view;
    view.setModel(&model);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->hide();
    view.resize(1000, 700);
    view.show();
    QCoreApplication::processEvents();

    GapRecorder gaps;

    const qint64 heapBefore = heapInUse();
    qint64 firstRows = -1;
    QObject::connect(&model, &s3ui::ObjectListModel::firstPageShown, [&] { firstRows = timer.elapsed(); });
    gaps.start();
    timer.start();
    model.setLocation(client.get(), bucket, prefix);
    waitUntil([&] { return !model.isListing(); }, 600000);
    const qint64 allRows = timer.elapsed();
    gaps.stop();
    QCoreApplication::processEvents();
    view.scrollToBottom();
    QCoreApplication::processEvents();
    const qint64 heapAfter = heapInUse();


    // Filter and sort: how long the GUI thread is busy in the call, and how long until the rows are there.
    const auto measure = [&](const std::function<void()> &change, qint64 *callMs, qint64 *doneMs) {
        timer.start();
        change();
        *callMs = timer.elapsed();
        waitUntil([&] { return !model.isRecomputing(); }, 600000);
        *doneMs = timer.elapsed();
    };
    qint64 filterMs = 0, filterDoneMs = 0, clearMs = 0, clearDoneMs = 0, sortMs = 0, sortDoneMs = 0;
    measure([&] { model.setNameFilter(QStringLiteral("object-00123")); }, &filterMs, &filterDoneMs);
    const int filtered = model.rowCount();
    measure([&] { model.setNameFilter({}); }, &clearMs, &clearDoneMs);
    measure([&] { model.sort(s3ui::ObjectListModel::SizeColumn, Qt::DescendingOrder); }, &sortMs, &sortDoneMs);

    // Typing a filter one keystroke at a time, then deleting it again: the longest the GUI thread is busy from
    // a keystroke until its rows are shown (the call, the worker's result applied, the view's relayout).
    // Wall-clock stalls include the time the thread waits for a core (other processes on a busy machine); the CPU
    // time of the GUI thread from the keystroke until its rows are shown (measured in a second pass, without the
    // 1 ms ticker) is what the model and the view themselves cost.
    const QString typed = QStringLiteral("object-00123");
    qint64 typingStall = 0, erasingStall = 0, typingCpuUs = 0, erasingCpuUs = 0;
    GapRecorder keyGaps;
    const auto keystroke = [&](const QString &text, const QString &previous, qint64 *worst, qint64 *worstCpuUs) {
        keyGaps.clear();
        timer.start();
        keyGaps.start();
        model.setNameFilter(text);
        const qint64 callMs = timer.elapsed();
        waitUntil([&] { return !model.isRecomputing(); }, 600000);
        QCoreApplication::processEvents();
        keyGaps.stop();
        *worst = std::max({*worst, callMs, keyGaps.maxGap()});
        model.setNameFilter({}); // the second pass repeats the same keystroke from the same state
        waitUntil([&] { return !model.isRecomputing(); }, 600000);
        model.setNameFilter(previous);
        waitUntil([&] { return !model.isRecomputing(); }, 600000);
        QCoreApplication::processEvents();
        const qint64 cpuBefore = threadCpuUs();
        model.setNameFilter(text);
        while (model.isRecomputing()) // the thread sleeps until the worker's result arrives
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QCoreApplication::processEvents();
        *worstCpuUs = std::max(*worstCpuUs, threadCpuUs() - cpuBefore);
    };
    for (qsizetype n = 1; n <= typed.size(); ++n)
        keystroke(typed.left(n), typed.left(n - 1), &typingStall, &typingCpuUs);
    for (qsizetype n = typed.size() - 1; n >= 0; --n)
        keystroke(typed.left(n), typed.left(n + 1), &erasingStall, &erasingCpuUs);

    std::printf("keys=%d rows=%d pages=%d\n", keys, model.rowCount(), server ? (keys + 999) / 1000 : 0);
    std::printf("first_rows_ms=%lld\nall_rows_ms=%lld\n", firstRows, allRows);
    gaps.print();
    std::printf("bytes_per_row=%lld\n", (heapAfter - heapBefore) / std::max(1, model.rowCount()));
    std::printf("filter_call_ms=%lld\nfilter_done_ms=%lld\nfiltered_rows=%d\nclear_filter_call_ms=%lld\n", filterMs, filterDoneMs, filtered, clearMs);
    std::printf("sort_call_ms=%lld\nsort_done_ms=%lld\n", sortMs, sortDoneMs);
    std::printf("typing_max_stall_ms=%lld\nerasing_max_stall_ms=%lld\n", typingStall, erasingStall);
    std::printf("typing_max_gui_cpu_ms=%.1f\nerasing_max_gui_cpu_ms=%.1f\n", double(typingCpuUs) / 1000, double(erasingCpuUs) / 1000);
    std::fflush(stdout);

    QMetaObject::invokeMethod(
        &serverContext, [&] { delete server; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return model.rowCount() == keys ? 0 : 1;
}

int transfers(const QStringList &args)
{
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: s3desk-guibench transfers FILE BUCKET (server from S3_ENDPOINT and AWS_* keys)\n");
        return 2;
    }
    const QString file = args.at(2);
    const QString bucket = args.at(3);
    const QString key = QStringLiteral("guibench/") + QFileInfo(file).fileName();
    QTemporaryDir state;
    QSettings settings(state.filePath(QStringLiteral("s3desk.ini")), QSettings::IniFormat);
    s3ui::MainWindowDependencies dependencies;
    dependencies.settings = &settings;
    dependencies.stateDir = state.filePath(QStringLiteral("queues"));
    s3ui::MainWindow window(dependencies);
    window.show();
    s3ui::SessionConfig config;
    config.id = QStringLiteral("guibench");
    config.displayName = QStringLiteral("bench");
    config.resolver = [](QNetworkAccessManager *network) {
        s3::ConnectionOptions options;
        options.endpointUrl = qEnvironmentVariable("S3_ENDPOINT");
        return s3::resolveConnection(options, QProcessEnvironment::systemEnvironment(), network);
    };
    config.bucket = bucket;
    if (!window.openSession(config))
        return 1;
    s3::TransferEngine *engine = window.currentSession()->transfers();

    GapRecorder gaps;
    int finished = 0;
    bool failed = false;
    const s3::TransferId first = engine->enqueueUpload(file, bucket, key);
    const QString downloaded = file + QStringLiteral(".guibench");
    QObject::connect(window.transfers(), &s3ui::TransferListModel::transferFinished, [&](s3::TransferEngine *, const s3::TransferSnapshot &snapshot) {
        if (snapshot.state != s3::TransferState::Succeeded) {
            std::fprintf(stderr, "guibench: %s failed: %s\n", qPrintable(snapshot.key), qPrintable(snapshot.lastError.toString()));
            failed = true;
            QCoreApplication::quit();
            return;
        }
        if (snapshot.id == first) { // the measured part: an upload and a download at once
            gaps.start();
            engine->enqueueUpload(file, bucket, key + QStringLiteral(".copy"));
            engine->enqueueDownload(bucket, key, downloaded);
            return;
        }
        if (++finished == 2) {
            gaps.stop();
            QCoreApplication::quit();
        }
    });
    QCoreApplication::exec();
    QFile::remove(downloaded);
    if (failed)
        return 1;
    gaps.print();
    return 0;
}

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString mode = args.value(1);
    if (mode == QLatin1String("listing"))
        return listing(args);
    if (mode == QLatin1String("transfers"))
        return transfers(args);
    std::fprintf(stderr, "usage: s3desk-guibench listing [KEYS] | transfers FILE BUCKET\n");
    return 2;
}
