// SPDX-License-Identifier: Apache-2.0
// Shared by the libFuzzer targets: input conversion, invariant checks that abort (libFuzzer records an abort as a
// crash and saves the input), and a quiet message handler (the parsers log warnings that would flood the run).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include "s3core/result.h"
#include "s3core/s3error.h"

namespace s3fuzz {

// A copy, not QByteArray::fromRawData(): real bodies are ordinary (NUL-terminated) QByteArrays.
inline QByteArray toBytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

[[noreturn]] inline void violated(const char *file, int line, const char *what)
{
    std::fprintf(stderr, "%s:%d: fuzz invariant violated: %s\n", file, line, what);
    std::fflush(stderr);
    std::abort();
}

// Called from LLVMFuzzerInitialize (the harness's main): only fatal messages get through.
inline void quietMessages()
{
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &message) {
        if (type == QtFatalMsg)
            std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
    });
}

// A failure is a real error with a text a user can read.
inline void checkError(const s3::S3Error &error)
{
    if (!error.isError() || error.toString().isEmpty())
        violated(__FILE__, __LINE__, "a failed parse must carry an error with a message");
    (void)error.hint();
}

template<typename T>
void checkResult(const s3::Result<T> &result)
{
    if (!result)
        checkError(result.error());
}

} // namespace s3fuzz

#define S3FUZZ_CHECK(condition)                                                                                       \
    do {                                                                                                              \
        if (!(condition))                                                                                             \
            ::s3fuzz::violated(__FILE__, __LINE__, #condition);                                                       \
    } while (false)
