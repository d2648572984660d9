// SPDX-License-Identifier: Apache-2.0
#include "localfiles.h"

#include <QDir>
#include <QFile>

#include "s3core/transfer/downloadtask.h"

QStringList ownDownloadFilesIn(const QString &folder)
{
    QStringList own;
    for (const QString &name : QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name))
        if (s3::DownloadTask::isOwnFileName(name))
            own.append(name);
    return own;
}

QByteArray readLocalFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray readExistingFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}
