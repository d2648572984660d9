// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class QSettings;

namespace s3 {
class TransferEngine;
}

namespace s3ui {

/**
 * The app's bandwidth limits (bytes per second, 0: none; upload and download apart): kept in QSettings under
 * "transfers/uploadLimit" and "transfers/downloadLimit", and handed to every transfer engine added (one per open
 * connection) with TransferEngine::setRateLimits(), which queues the change to the engine's thread: nothing of the
 * limit runs on the GUI thread. A widget shows and picks (BandwidthLimitButton); this object acts.
 */
class BandwidthLimitController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BandwidthLimitController)
public:
    /** Reads the limits from settings (not owned; may be null: nothing is kept). */
    explicit BandwidthLimitController(QSettings *settings, QObject *parent = nullptr);
    ~BandwidthLimitController() override;

    qint64 uploadLimit() const { return m_upload; }
    qint64 downloadLimit() const { return m_download; }

    /** Applies the limits to every engine, keeps them in the settings, and emits limitsChanged() when they changed. */
    void setLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond);
    /** The engine gets the current limits now and every change after; it may be destroyed first. */
    void addEngine(s3::TransferEngine *engine);

Q_SIGNALS:
    void limitsChanged(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond);

private:
    QSettings *m_settings;
    qint64 m_upload = 0;
    qint64 m_download = 0;
    QList<QPointer<s3::TransferEngine>> m_engines;
};

} // namespace s3ui
