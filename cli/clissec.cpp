// SPDX-License-Identifier: Apache-2.0
// Customer-provided encryption keys (SSE-C) on the command line.
#include "cliapp.h"

using namespace Qt::Literals::StringLiterals;

namespace s3cli {

using namespace s3;

namespace {

/** The key named by --<prefix>-key-file or --<prefix>-key (not both); null when neither is given. */
Result<SseCustomerKey> keyFromOptions(const QString &file, const QString &base64, const QString &prefix)
{
    if (!file.isEmpty() && !base64.isEmpty())
        return S3Error::invalid(u"give either --%1-key-file or --%1-key, not both"_s.arg(prefix));
    if (!file.isEmpty())
        return SseCustomerKey::fromFile(file);
    if (!base64.isEmpty()) {
        auto key = SseCustomerKey::fromBase64(base64.toLatin1());
        if (!key)
            return S3Error::invalid(u"--%1-key: %2"_s.arg(prefix, key.error().message()));
        return key;
    }
    return SseCustomerKey{};
}

} // namespace

bool CliApp::takeSseCustomerKeys(bool copySource)
{
    // awscli spells the algorithm out (--sse-c AES256); it is the only one, so it may be left out here.
    for (qsizetype i = m_positionals.indexOf(u"--sse-c"_s); i >= 0; i = m_positionals.indexOf(u"--sse-c"_s)) {
        const bool withValue = i + 1 < m_positionals.size() && m_positionals.at(i + 1) == u"AES256"_s;
        m_positionals.remove(i, withValue ? 2 : 1);
    }
    for (qsizetype i = 0; i < m_positionals.size(); ++i) {
        const QString &arg = m_positionals.at(i);
        if (!arg.startsWith(u"--sse-c="_s))
            continue;
        if (arg != u"--sse-c=AES256"_s) {
            usageError(u"SSE-C knows only the algorithm AES256, not '%1'"_s.arg(arg.mid(8)));
            return false;
        }
        m_positionals.remove(i--);
    }

    QString file;
    QString base64;
    if (!takeValue(u"--sse-c-key-file"_s, &file) || !takeValue(u"--sse-c-key"_s, &base64))
        return false;
    Result<SseCustomerKey> key = keyFromOptions(file, base64, u"sse-c"_s);
    if (!key) {
        usageError(key.error().message());
        return false;
    }
    m_sseCustomerKey = *key;
    if (!copySource)
        return true;
    QString sourceFile;
    QString sourceBase64;
    if (!takeValue(u"--copy-source-sse-c-key-file"_s, &sourceFile) || !takeValue(u"--copy-source-sse-c-key"_s, &sourceBase64))
        return false;
    Result<SseCustomerKey> sourceKey = keyFromOptions(sourceFile, sourceBase64, u"copy-source-sse-c"_s);
    if (!sourceKey) {
        usageError(sourceKey.error().message());
        return false;
    }
    m_copySourceSseCustomerKey = *sourceKey;
    return true;
}

} // namespace s3cli
