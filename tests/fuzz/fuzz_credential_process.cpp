// SPDX-License-Identifier: Apache-2.0
// credential_process: the program's standard output (JSON, Version 1) and the command line splitter (the value of
// a config file another program may have written).
#include "fuzzsupport.h"
#include "s3core/auth/credentialprocess.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    s3fuzz::quietMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = s3fuzz::toBytes(data, size);
    const s3::Result<s3::Credentials> credentials = s3::credentialprocess::parseOutput(bytes);
    if (credentials)
        S3FUZZ_CHECK(credentials->isComplete());
    else
        s3fuzz::checkError(credentials.error());
    const s3::Result<QStringList> words = s3::credentialprocess::splitCommandLine(QString::fromUtf8(bytes));
    if (words)
        S3FUZZ_CHECK(!words->isEmpty() && !words->first().isEmpty());
    s3fuzz::checkResult(words);
    (void)s3::parseExpiration(QString::fromUtf8(bytes));
    return 0;
}
