// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

/** The names of S3Desk's own partial and state files in `folder`, sorted (DownloadTask::isOwnFileName). */
QStringList ownDownloadFilesIn(const QString &folder);

/** The whole file, or an empty array when it cannot be read. */
QByteArray readLocalFile(const QString &path);

/** The whole file, or "<missing>" (which no test's content equals) when it cannot be read. */
QByteArray readExistingFile(const QString &path);
