// SPDX-License-Identifier: Apache-2.0
#include "widgets/preferencescontroller.h"

#include <algorithm>

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include "browser/browserview.h"
#include "connection/session.h" // BrowserView keeps a QPointer<Session>
#include "s3core/transfer/partplanner.h"
#include "s3core/transfer/transferengine.h"
#include "widgets/bandwidthlimitcontroller.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {
// The browser's key: the last folder used is the default one, and the main window keeps it there on quit.
const QString FolderKey = u"browser/localFolder"_s;
const QString ActiveKey = u"transfers/maxActive"_s;
const QString PartSizeKey = u"transfers/partSize"_s;
const QString ConfirmKey = u"transfers/confirmOverwrite"_s;

/** A damaged or out-of-range value is the default: a settings file never stalls the queue or breaks uploads. */
qint64 readNumber(QSettings *settings, const QString &key, qint64 fallback, qint64 minimum, qint64 maximum)
{
    if (!settings || !settings->contains(key))
        return fallback;
    bool ok = false;
    const qint64 value = settings->value(key).toLongLong(&ok);
    return ok && value >= minimum && value <= maximum ? value : fallback;
}

QString defaultFolder(QSettings *settings)
{
    const QString kept = settings ? settings->value(FolderKey).toString() : QString();
    return BrowserView::existingFolder({kept, QStandardPaths::writableLocation(QStandardPaths::DownloadLocation), QDir::homePath()});
}
} // namespace

namespace preferences {

PreferencesProblems validate(const Preferences &values)
{
    PreferencesProblems problems;
    const QFileInfo folder(values.downloadFolder);
    if (values.downloadFolder.trimmed().isEmpty())
        problems.downloadFolder = PreferencesController::tr("Choose a folder.");
    else if (!folder.isAbsolute())
        problems.downloadFolder = PreferencesController::tr("Give the full path of the folder.");
    else if (!folder.exists())
        problems.downloadFolder = PreferencesController::tr("This folder does not exist.");
    else if (!folder.isDir())
        problems.downloadFolder = PreferencesController::tr("This is a file, not a folder.");
    else if (!folder.isWritable())
        problems.downloadFolder = PreferencesController::tr("You cannot write to this folder.");
    if (values.maxActiveTransfers < MinActiveTransfers || values.maxActiveTransfers > MaxActiveTransfers)
        problems.maxActiveTransfers =
            PreferencesController::tr("Between %1 and %2 transfers at once.").arg(MinActiveTransfers).arg(MaxActiveTransfers);
    if (values.partSize < s3::MinPartSize || values.partSize > s3::MaxPartSize)
        problems.partSize = PreferencesController::tr("S3 takes parts of 5 MiB to 5 GiB.");
    if (values.uploadLimit < 0)
        problems.uploadLimit = PreferencesController::tr("A limit cannot be negative (0: no limit).");
    if (values.downloadLimit < 0)
        problems.downloadLimit = PreferencesController::tr("A limit cannot be negative (0: no limit).");
    return problems;
}

} // namespace preferences

PreferencesController::PreferencesController(QSettings *settings, BandwidthLimitController *bandwidth, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_bandwidth(bandwidth)
{
    Q_ASSERT(bandwidth);
    m_values.downloadFolder = defaultFolder(settings);
    m_values.maxActiveTransfers = int(readNumber(settings, ActiveKey, s3::TransferLimits{}.maxActiveTransfers,
                                                 preferences::MinActiveTransfers, preferences::MaxActiveTransfers));
    m_values.partSize = readNumber(settings, PartSizeKey, s3::DefaultPartSize, s3::MinPartSize, s3::MaxPartSize);
    m_values.confirmOverwrite = settings ? settings->value(ConfirmKey, true).toBool() : true;
}

PreferencesController::~PreferencesController() = default;

Preferences PreferencesController::preferences() const
{
    Preferences values = m_values;
    values.uploadLimit = m_bandwidth->uploadLimit();
    values.downloadLimit = m_bandwidth->downloadLimit();
    return values;
}

void PreferencesController::apply(const Preferences &values)
{
    const Preferences before = preferences();
    const PreferencesProblems problems = preferences::validate(values);
    if (problems.downloadFolder.isEmpty())
        m_values.downloadFolder = QDir::cleanPath(values.downloadFolder);
    if (problems.maxActiveTransfers.isEmpty())
        m_values.maxActiveTransfers = values.maxActiveTransfers;
    if (problems.partSize.isEmpty())
        m_values.partSize = values.partSize;
    m_values.confirmOverwrite = values.confirmOverwrite;
    if (m_settings) {
        m_settings->setValue(FolderKey, m_values.downloadFolder);
        m_settings->setValue(ActiveKey, m_values.maxActiveTransfers);
        m_settings->setValue(PartSizeKey, m_values.partSize);
        m_settings->setValue(ConfirmKey, m_values.confirmOverwrite);
    }
    // Through the bandwidth controller: its keys, its engines, and its status bar button stay in step.
    m_bandwidth->setLimits(problems.uploadLimit.isEmpty() ? values.uploadLimit : before.uploadLimit,
                           problems.downloadLimit.isEmpty() ? values.downloadLimit : before.downloadLimit);
    m_engines.removeAll(nullptr);
    if (m_values.maxActiveTransfers != before.maxActiveTransfers || m_values.partSize != before.partSize) {
        for (const QPointer<s3::TransferEngine> &engine : std::as_const(m_engines))
            applyTo(engine);
    }
    const Preferences after = preferences();
    if (after != before)
        Q_EMIT preferencesChanged(after);
}

void PreferencesController::setLastUsedFolder(const QString &folder)
{
    if (folder.isEmpty() || folder == m_values.downloadFolder || !QFileInfo(folder).isDir())
        return;
    m_values.downloadFolder = folder;
    if (m_settings)
        m_settings->setValue(FolderKey, folder);
}

void PreferencesController::addEngine(s3::TransferEngine *engine)
{
    if (!engine)
        return;
    m_engines.removeAll(nullptr);
    if (!m_engines.contains(engine))
        m_engines.append(engine);
    applyTo(engine);
}

void PreferencesController::applyTo(s3::TransferEngine *engine) const
{
    // The engine's other limits (connections, the bandwidth limits of BandwidthLimitController) stay as they are.
    s3::TransferLimits limits = engine->limits();
    limits.maxActiveTransfers = m_values.maxActiveTransfers;
    limits.uploadPartSize = m_values.partSize;
    engine->setLimits(limits);
}

} // namespace s3ui
