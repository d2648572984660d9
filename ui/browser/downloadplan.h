// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QList>
#include <QString>
#include <QStringList>

#include "browser/conflictprompt.h"

namespace s3ui {

/** One selected key and where it goes: a file, or a folder (the key ends in '/') downloaded recursively. */
struct PlannedDownload
{
    QString key;
    QString localPath;
    bool folder = false;
    bool conflict = false; ///< the local file or folder exists, or another unfinished download targets it
    friend bool operator==(const PlannedDownload &, const PlannedDownload &) = default;
};

/** A key that cannot be saved locally, and why. */
struct RefusedKey
{
    QString key;
    QString reason;
    friend bool operator==(const RefusedKey &, const RefusedKey &) = default;
};

struct DownloadPlan
{
    QList<PlannedDownload> downloads;
    QList<RefusedKey> refused;
    qsizetype conflictCount() const;
};

/**
 * Where the selected keys go in localDir: each key's last segment, made safe by s3::localPathForKey ("..",
 * "/abs", "C:\x" are refused, never followed out of localDir). `taken` says whether a local path exists or is
 * the target of another unfinished transfer; such downloads are marked as conflicts. Pure.
 */
DownloadPlan planDownloads(const QStringList &keys, const QString &localDir, const std::function<bool(const QString &path)> &taken);

/**
 * The downloads to queue once the user chose: Overwrite keeps every one, Skip drops the conflicts, KeepBoth gives
 * each conflict the first free "name (n).ext" (free: not taken() and not given to another download of the plan).
 * Pure.
 */
QList<PlannedDownload> resolveDownloads(const QList<PlannedDownload> &downloads, ConflictChoice choice,
                                        const std::function<bool(const QString &path)> &taken);

} // namespace s3ui
