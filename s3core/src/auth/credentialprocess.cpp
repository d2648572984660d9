// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/credentialprocess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>


using namespace Qt::Literals::StringLiterals;

namespace s3::credentialprocess {

Result<QStringList> splitCommandLine(const QString &command)
{
    QStringList words;
    QString word;
    bool inWord = false;
    enum class Quote { None, Single, Double } quote = Quote::None;
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        switch (quote) {
        case Quote::Single:
            if (c == u'\'')
                quote = Quote::None;
            else
                word += c;
            break;
        case Quote::Double:
            if (c == u'"') {
                quote = Quote::None;
            } else if (c == u'\\' && i + 1 < command.size()
                       && QStringView(u"\\\"$`\n").contains(command.at(i + 1))) {
                word += command.at(++i);
            } else {
                word += c;
            }
            break;
        case Quote::None:
            if (c.isSpace()) {
                if (inWord) {
                    words << word;
                    word.clear();
                    inWord = false;
                }
            } else if (c == u'\'') {
                quote = Quote::Single;
                inWord = true;
            } else if (c == u'"') {
                quote = Quote::Double;
                inWord = true;
            } else if (c == u'\\') {
                if (i + 1 >= command.size())
                    return S3Error::invalid(u"credential_process: the command ends with a lone backslash"_s);
                word += command.at(++i);
                inWord = true;
            } else {
                word += c;
                inWord = true;
            }
            break;
        }
    }
    if (quote != Quote::None)
        return S3Error::invalid(u"credential_process: the command has an unclosed %1 quote"_s
                                    .arg(quote == Quote::Single ? u"single"_s : u"double"_s));
    if (inWord)
        words << word;
    if (words.isEmpty() || words.first().isEmpty())
        return S3Error::invalid(u"credential_process: the command is empty"_s);
    return words;
}

Result<Credentials> parseOutput(const QByteArray &output)
{
    const auto fail = [](const QString &what) {
        return S3Error(S3Error::Kind::Auth, u"credential_process: "_s + what);
    };
    if (output.size() > MaxOutputBytes)
        return fail(u"the program wrote more than %1 bytes to its standard output"_s.arg(MaxOutputBytes));
    if (output.trimmed().isEmpty())
        return fail(u"the program wrote nothing to its standard output (expected JSON with Version 1)"_s);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(output, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(u"the program's output is not valid JSON (%1 at offset %2)"_s.arg(parseError.errorString())
                        .arg(parseError.offset));
    if (!document.isObject())
        return fail(u"the program's output is not a JSON object"_s);
    const QJsonObject object = document.object();
    const QJsonValue version = object.value("Version"_L1);
    if (version.isUndefined())
        return fail(u"the program's output has no \"Version\" (expected 1)"_s);
    if (!version.isDouble() || version.toDouble() != 1.0)
        return fail(u"unsupported \"Version\" in the program's output (only 1 is supported)"_s);

    const auto stringField = [&object](const char *key) -> QString {
        const QJsonValue value = object.value(QLatin1String(key));
        return value.isString() ? value.toString() : QString();
    };
    Credentials credentials;
    credentials.accessKeyId = stringField("AccessKeyId");
    credentials.secretAccessKey = stringField("SecretAccessKey");
    credentials.sessionToken = stringField("SessionToken");
    if (credentials.accessKeyId.isEmpty())
        return fail(u"the program's output has no \"AccessKeyId\" string"_s);
    if (credentials.secretAccessKey.isEmpty())
        return fail(u"the program's output has no \"SecretAccessKey\" string"_s);
    const QJsonValue expiration = object.value("Expiration"_L1);
    if (!expiration.isUndefined() && !expiration.isNull()) {
        credentials.expiry = expiration.isString() ? parseExpiration(expiration.toString()) : QDateTime();
        if (!credentials.expiry.isValid())
            return fail(u"the program's \"Expiration\" is not an ISO 8601 time (like 2030-01-01T00:00:00Z)"_s);
    }
    return credentials;
}

} // namespace s3::credentialprocess
