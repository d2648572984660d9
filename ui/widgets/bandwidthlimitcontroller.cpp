// SPDX-License-Identifier: Apache-2.0
#include "widgets/bandwidthlimitcontroller.h"

#include <algorithm>

#include <QSettings>

#include "s3core/transfer/transferengine.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {
const QString UploadKey = u"transfers/uploadLimit"_s;
const QString DownloadKey = u"transfers/downloadLimit"_s;

qint64 readLimit(QSettings *settings, const QString &key)
{
    bool ok = false;
    const qint64 value = settings ? settings->value(key, 0).toLongLong(&ok) : 0;
    return ok ? std::max<qint64>(0, value) : 0; // a damaged value means no limit, never a stalled queue
}
} // namespace

BandwidthLimitController::BandwidthLimitController(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_upload(readLimit(settings, UploadKey))
    , m_download(readLimit(settings, DownloadKey))
{
}

BandwidthLimitController::~BandwidthLimitController() = default;

void BandwidthLimitController::setLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond)
{
    uploadBytesPerSecond = std::max<qint64>(0, uploadBytesPerSecond);
    downloadBytesPerSecond = std::max<qint64>(0, downloadBytesPerSecond);
    if (uploadBytesPerSecond == m_upload && downloadBytesPerSecond == m_download)
        return;
    m_upload = uploadBytesPerSecond;
    m_download = downloadBytesPerSecond;
    if (m_settings) {
        m_settings->setValue(UploadKey, m_upload);
        m_settings->setValue(DownloadKey, m_download);
    }
    m_engines.removeAll(nullptr);
    for (const QPointer<s3::TransferEngine> &engine : std::as_const(m_engines))
        engine->setRateLimits(m_upload, m_download);
    Q_EMIT limitsChanged(m_upload, m_download);
}

void BandwidthLimitController::addEngine(s3::TransferEngine *engine)
{
    if (!engine)
        return;
    m_engines.removeAll(nullptr);
    if (!m_engines.contains(engine))
        m_engines.append(engine);
    engine->setRateLimits(m_upload, m_download);
}

} // namespace s3ui
