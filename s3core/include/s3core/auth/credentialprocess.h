// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "s3core/auth/credentials.h"
#include "s3core/result.h"
#include "s3core/s3core_export.h"

/** Pure parts of the credential_process source: the command line and the program's answer. */
namespace s3::credentialprocess {

/** Largest answer read from the program's standard output. */
inline constexpr qsizetype MaxOutputBytes = 64 * 1024;

/**
 * Splits a credential_process value into program and arguments the way botocore does on POSIX (Python's
 * shlex.split): whitespace separates words; '...' is literal; "..." keeps spaces and lets a backslash escape
 * \ " $ ` and newline; a backslash outside quotes escapes the next character. No shell runs, so no variables,
 * globs or pipes. An unclosed quote or a trailing backslash is an Invalid error; so is an empty command.
 */
S3CORE_EXPORT Result<QStringList> splitCommandLine(const QString &command);

/**
 * The program's JSON answer: {"Version": 1, "AccessKeyId", "SecretAccessKey", optional "SessionToken" and
 * "Expiration" (ISO 8601)}. Anything else (not JSON, not an object, Version other than 1, a missing key, an
 * Expiration that does not parse) is an Auth error that says what is wrong, never quoting the output (it
 * holds secrets). Larger than MaxOutputBytes: an error too.
 */
S3CORE_EXPORT Result<Credentials> parseOutput(const QByteArray &output);

} // namespace s3::credentialprocess
