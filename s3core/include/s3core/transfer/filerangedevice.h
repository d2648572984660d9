// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFile>
#include <QIODevice>

#include "s3core/result.h"
#include "s3core/s3core_export.h"

namespace s3 {

/**
 * Read-only, random-access window [offset, offset + length) over a file, so a request body streams from
 * disk (a fresh device per attempt; never the whole file in memory). Reads are positional (pread).
 */
class S3CORE_EXPORT FileRangeDevice final : public QIODevice
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileRangeDevice)
public:
    FileRangeDevice(QString path, qint64 offset, qint64 length, QObject *parent = nullptr);
    ~FileRangeDevice() override;

    /** Opens the file read-only and checks the window lies inside it. */
    Result<Ok> openRange();

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_length; }
    bool seek(qint64 pos) override;
    bool atEnd() const override { return pos() >= m_length; }

    /** The open file and where the window starts in it (positional reads of the bulk path); -1 before openRange(). */
    int fileDescriptor() const { return m_fd; }
    qint64 fileOffset() const { return m_offset; }
    const QString &path() const { return m_path; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QString m_path;
    qint64 m_offset;
    qint64 m_length;
    int m_fd = -1;
};

} // namespace s3
