// SPDX-License-Identifier: Apache-2.0
// Usage: s3desk-stallprobe FILE s3://BUCKET/KEY   (endpoint and keys from S3_ENDPOINT / AWS_* as in s3.env)
// Uploads FILE and downloads it back at the same time as a second copy, through TransferEngine (worker
// thread), while a 1 ms timer on the main thread records the longest gap between its ticks: the stall a GUI
// would feel. Prints one line: "max_stall_ms=<n> p99_ms=<n> ticks=<n> upload=<state> download=<state>".
#include <algorithm>
#include <cstdio>
#include <vector>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QTimer>

#include "s3core/config.h"
#include "s3core/transfer/transferengine.h"

using namespace s3;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3 || !args.at(2).startsWith(QLatin1String("s3://"))) {
        std::fprintf(stderr, "usage: s3desk-stallprobe FILE s3://BUCKET/KEY\n");
        return 2;
    }
    const QString file = args.at(1);
    const QString rest = args.at(2).mid(5);
    const QString bucket = rest.section(QLatin1Char('/'), 0, 0);
    const QString key = rest.section(QLatin1Char('/'), 1);

    TransferEngine engine([](QNetworkAccessManager *) -> Result<ClientSettings> {
        ConnectionOptions options;
        options.endpointUrl = qEnvironmentVariable("S3_ENDPOINT");
        Result<ResolvedConnection> resolved = resolveConnection(options, QProcessEnvironment::systemEnvironment(), nullptr);
        if (!resolved)
            return resolved.error();
        ClientSettings settings;
        settings.endpoint = resolved->endpoint;
        settings.credentials = resolved->credentials;
        return settings;
    });

    std::vector<qint64> gaps;
    QElapsedTimer sinceTick;
    sinceTick.start();
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, [&] { gaps.push_back(sinceTick.restart()); });
    ticker.start(1);

    // First the upload of the object; then, together, a second upload and the download of the first.
    QString uploadState;
    QString downloadState;
    int finished = 0;
    const TransferId first = engine.enqueueUpload(file, bucket, key);
    QObject::connect(&engine, &TransferEngine::setupFailed, [](const S3Error &error) {
        std::fprintf(stderr, "stallprobe: %s\n", qPrintable(error.toString()));
        QCoreApplication::exit(1);
    });
    QObject::connect(&engine, &TransferEngine::taskFinished, [&](const TransferSnapshot &snapshot) {
        if (snapshot.id == first) {
            if (snapshot.state != TransferState::Succeeded) {
                std::fprintf(stderr, "stallprobe: upload failed: %s\n", qPrintable(snapshot.lastError.toString()));
                QCoreApplication::exit(1);
                return;
            }
            engine.enqueueUpload(file, bucket, key + QStringLiteral(".copy"));
            engine.enqueueDownload(bucket, key, file + QStringLiteral(".stallprobe"));
            return;
        }
        (snapshot.direction == TransferDirection::Upload ? uploadState : downloadState) = transferStateName(snapshot.state);
        if (++finished == 2)
            QCoreApplication::quit();
    });
    const int code = QCoreApplication::exec();
    QFile::remove(file + QStringLiteral(".stallprobe"));
    if (code != 0 || gaps.empty())
        return code ? code : 1;
    std::sort(gaps.begin(), gaps.end());
    const qint64 p99 = gaps[size_t(double(gaps.size() - 1) * 0.99)];
    std::printf("max_stall_ms=%lld p99_ms=%lld ticks=%zu upload=%s download=%s\n", static_cast<long long>(gaps.back()),
                static_cast<long long>(p99), gaps.size(), qPrintable(uploadState), qPrintable(downloadState));
    return 0;
}
