// SPDX-License-Identifier: Apache-2.0
#include "livewindowfixture.h"

#include <QDebug>

using namespace Qt::Literals::StringLiterals;

bool LiveWindowFixture::createBucket(const QString &bucketPrefix)
{
    if (!dir.isValid()) {
        qWarning() << "no temporary folder:" << dir.errorString();
        return false;
    }
    nam = std::make_unique<QNetworkAccessManager>();
    client = server.client(nam.get());
    bucket = createTestBucket(client.get(), bucketPrefix);
    if (bucket.isEmpty()) {
        qWarning() << "could not create a bucket" << bucketPrefix << "on" << server.endpoint;
        return false;
    }
    return true;
}

bool LiveWindowFixture::makeWindow(QSize size)
{
    if (!dir.isValid())
        return false;
    settings = std::make_unique<QSettings>(dir.filePath(u"s3desk.ini"_s), QSettings::IniFormat);
    s3ui::MainWindowDependencies dependencies;
    dependencies.settings = settings.get();
    dependencies.stateDir = dir.filePath(u"queues"_s);
    window = std::make_unique<s3ui::MainWindow>(dependencies);
    if (size.isValid())
        window->resize(size);
    window->show();
    return true;
}

bool LiveWindowFixture::openWindow(const s3ui::SessionConfig &config, QSize size)
{
    if (!makeWindow(size))
        return false;
    if (!window->openSession(config)) {
        qWarning() << "the window did not open the connection:" << window->lastError();
        return false;
    }
    return true;
}

bool LiveWindowFixture::cleanUp()
{
    window.reset();
    if (!client || bucket.isEmpty())
        return true;
    const s3::S3Error error = removeTestBucket(client.get(), bucket);
    if (error.isError())
        qWarning() << "could not remove the test bucket" << bucket << ":" << error.toString();
    return !error.isError();
}
