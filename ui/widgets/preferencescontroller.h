// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QSettings;

namespace s3 {
class TransferEngine;
}

namespace s3ui {

class BandwidthLimitController;

/** The app's preferences (Settings > Preferences…): what the dialog shows and the controller applies. */
struct Preferences
{
    QString downloadFolder;     ///< default folder of downloads and of the upload file choosers
    int maxActiveTransfers = 4; ///< transfers moving bytes at once, per connection (TransferLimits)
    qint64 partSize = 0;        ///< preferred upload part size in bytes (TransferLimits::uploadPartSize)
    bool confirmOverwrite = true; ///< uploads and downloads ask before replacing what exists (conflict prompt)
    qint64 uploadLimit = 0;     ///< bytes per second, 0: none (BandwidthLimitController)
    qint64 downloadLimit = 0;

    bool operator==(const Preferences &) const = default;
};

/** Why a value cannot be used, per field (empty: fine). */
struct PreferencesProblems
{
    QString downloadFolder;
    QString maxActiveTransfers;
    QString partSize;
    QString uploadLimit;
    QString downloadLimit;

    bool isEmpty() const
    {
        return downloadFolder.isEmpty() && maxActiveTransfers.isEmpty() && partSize.isEmpty() && uploadLimit.isEmpty()
            && downloadLimit.isEmpty();
    }
};

namespace preferences {
inline constexpr int MinActiveTransfers = 1;
inline constexpr int MaxActiveTransfers = 16;
/** What is wrong with each value (a folder that is missing or not writable, a part size S3 refuses...). Pure but
 *  for the folder check, which looks at the disk. */
PreferencesProblems validate(const Preferences &values);
} // namespace preferences

/**
 * Keeps the preferences in QSettings ("transfers/maxActive", "transfers/partSize", "transfers/confirmOverwrite",
 * the browser's "browser/localFolder"; the bandwidth limits through BandwidthLimitController and its own keys) and
 * applies them: to every transfer engine added (one per open connection) with TransferEngine::setLimits(), which
 * queues the change to the engine's thread, and to the widgets through preferencesChanged(). A widget
 * (PreferencesDialog) shows and edits; this object acts. Damaged settings fall back to the defaults.
 */
class PreferencesController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesController)
public:
    /** settings and bandwidth are not owned; settings may be null (nothing is kept), bandwidth must outlive this. */
    PreferencesController(QSettings *settings, BandwidthLimitController *bandwidth, QObject *parent = nullptr);
    ~PreferencesController() override;

    Preferences preferences() const;
    /**
     * Keeps and applies valid values (an invalid one is left as it was), and emits preferencesChanged() when
     * something changed. The bandwidth limits go through BandwidthLimitController::setLimits().
     */
    void apply(const Preferences &values);
    /** The folder the user chose last (a download or upload chooser): the default folder from now on, no signal. */
    void setLastUsedFolder(const QString &folder);
    /** The engine gets the current values now and every change after; it may be destroyed first. */
    void addEngine(s3::TransferEngine *engine);

Q_SIGNALS:
    void preferencesChanged(const s3ui::Preferences &values);

private:
    void applyTo(s3::TransferEngine *engine) const;

    QSettings *m_settings;
    BandwidthLimitController *m_bandwidth;
    Preferences m_values; // the bandwidth limits are m_bandwidth's, not kept here
    QList<QPointer<s3::TransferEngine>> m_engines;
};

} // namespace s3ui
