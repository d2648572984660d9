// SPDX-License-Identifier: Apache-2.0
// s3desk-listbench: how the browser copes with a huge prefix. An in-process fake S3 server on its own thread
// holds N keys (default 1,000,000) under one prefix; the real ObjectListModel + QTableView (offscreen) list it
// page by page while a 1 ms timer on the GUI thread records every event-loop gap. Prints key=value lines:
//   first_page_server_ms   one bare ListObjectsV2 page of 1,000 keys (request + server + parse)
//   first_rows_ms          setLocation() -> first rows in the model (same page, through the model)
//   all_rows_ms            the whole listing
//   max_stall_ms, p99_ms   GUI-thread gaps during the listing
//   bytes_per_row          heap growth of the process for the listing / rows (malloc accounting)
//   filter_ms, sort_ms     typing a filter and sorting by size on all rows (one GUI-thread call each)
#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QNetworkAccessManager>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include "fakes3server.h"
#include "livetest.h"
#include "models/objectlistmodel.h"
#include "s3core/ops/listobjectsjob.h"

namespace {

qint64 heapInUse()
{
    malloc_trim(0);
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int keys = args.size() > 1 ? args.at(1).toInt() : 1000000;
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

    std::vector<qint64> gaps;
    gaps.reserve(200000);
    QElapsedTimer sinceTick;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, [&] { gaps.push_back(sinceTick.restart()); });

    const qint64 heapBefore = heapInUse();
    qint64 firstRows = -1;
    QObject::connect(&model, &s3ui::ObjectListModel::firstPageShown, [&] { firstRows = timer.elapsed(); });
    sinceTick.start();
    ticker.start(1);
    timer.start();
    model.setLocation(client.get(), bucket, prefix);
    waitUntil([&] { return !model.isListing(); }, 600000);
    const qint64 allRows = timer.elapsed();
    ticker.stop();
    QCoreApplication::processEvents();
    view.scrollToBottom();
    QCoreApplication::processEvents();
    const qint64 heapAfter = heapInUse();

    std::vector<qint64> sorted = gaps;
    std::sort(sorted.begin(), sorted.end());
    const qint64 maxGap = sorted.empty() ? 0 : sorted.back();
    const qint64 p99 = sorted.empty() ? 0 : sorted[size_t(double(sorted.size() - 1) * 0.99)];

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

    std::printf("keys=%d rows=%d pages=%d\n", keys, model.rowCount(), server ? (keys + 999) / 1000 : 0);
    std::printf("first_rows_ms=%lld\nall_rows_ms=%lld\nmax_stall_ms=%lld\np99_ms=%lld\nticks=%zu\n", firstRows, allRows, maxGap, p99,
                gaps.size());
    std::printf("bytes_per_row=%lld\n", (heapAfter - heapBefore) / std::max(1, model.rowCount()));
    std::printf("filter_call_ms=%lld\nfilter_done_ms=%lld\nfiltered_rows=%d\nclear_filter_call_ms=%lld\n", filterMs, filterDoneMs, filtered, clearMs);
    std::printf("sort_call_ms=%lld\nsort_done_ms=%lld\n", sortMs, sortDoneMs);
    std::fflush(stdout);

    QMetaObject::invokeMethod(
        &serverContext, [&] { delete server; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return model.rowCount() == keys ? 0 : 1;
}
