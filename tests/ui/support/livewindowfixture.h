// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include <QNetworkAccessManager>
#include <QSettings>
#include <QSize>
#include <QTemporaryDir>

#include "connection/session.h"
#include "livetest.h"
#include "s3core/net/s3client.h"
#include "widgets/mainwindow.h"

/**
 * The set-up most live GUI tests share: a client of the live server's first user, a bucket of the test's own, and
 * a MainWindow on a settings file and transfer-queue folder of its own (in `dir`) connected to it. The members are
 * public: tests use them directly, as they used their own. Check the server first
 * (S3DESK_REQUIRE_LIVE_SERVER(fixture.server)); the functions return false with a warning that says why.
 */
class LiveWindowFixture
{
public:
    LiveServer server;
    QTemporaryDir dir;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<s3::S3Client> client;
    QString bucket;
    std::unique_ptr<QSettings> settings;
    std::unique_ptr<s3ui::MainWindow> window;

    /** The client and a new bucket whose name starts with bucketPrefix. */
    bool createBucket(const QString &bucketPrefix);
    /** The window, shown (at `size` when valid), not connected yet. */
    bool makeWindow(QSize size = {});
    /** makeWindow(), then opens `config` in it. */
    bool openWindow(const s3ui::SessionConfig &config, QSize size = {});
    /** Closes the window (its engines stop), then removes the bucket with everything in it; false if that failed. */
    bool cleanUp();
};
