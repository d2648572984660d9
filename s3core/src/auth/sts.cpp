// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/sts.h"

#include <map>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QXmlStreamReader>

using namespace Qt::Literals::StringLiterals;

namespace s3::sts {

namespace {

// Python's json.dumps string escaping (ensure_ascii=True), so cache keys match awscli's for any argument.
QString pythonJsonString(const QString &text)
{
    QString out = u"\""_s;
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"': out += u"\\\""_s; break;
        case '\\': out += u"\\\\"_s; break;
        case '\n': out += u"\\n"_s; break;
        case '\r': out += u"\\r"_s; break;
        case '\t': out += u"\\t"_s; break;
        case '\b': out += u"\\b"_s; break;
        case '\f': out += u"\\f"_s; break;
        default:
            if (c.unicode() < 0x20 || c.unicode() > 0x7e)
                out += u"\\u%1"_s.arg(uint(c.unicode()), 4, 16, QChar(u'0'));
            else
                out += c;
        }
    }
    return out + u'"';
}

} // namespace

Result<AssumedRole> parseAssumeRoleResponse(const QByteArray &body)
{
    if (body.size() > MaxAnswerBytes)
        return S3Error::invalid(u"the STS answer is larger than %1 bytes"_s.arg(MaxAnswerBytes));
    if (body.trimmed().isEmpty())
        return S3Error::invalid(u"the STS answer is empty"_s);
    if (const S3Error error = parseError(body, 200); error.isError())
        return error;
    QXmlStreamReader reader(body);
    AssumedRole role;
    QString expiration;
    bool sawRoot = false;
    QString section; // "Credentials" or "AssumedRoleUser" while inside one
    int depth = 0;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            ++depth;
            if (depth > 16)
                return S3Error::invalid(u"the STS answer is nested too deeply"_s);
            const QStringView name = reader.name();
            if (depth == 1) {
                if (name != u"AssumeRoleResponse"_s && name != u"AssumeRoleWithWebIdentityResponse"_s)
                    return S3Error::invalid(u"the STS answer is not an AssumeRole response (root element <%1>)"_s.arg(name.left(64)));
                sawRoot = true;
                continue;
            }
            if (name == u"Credentials"_s || name == u"AssumedRoleUser"_s) {
                section = name.toString();
                continue;
            }
            if (section.isEmpty())
                continue;
            const QString field = name.toString();
            const QString text = reader.readElementText(QXmlStreamReader::SkipChildElements);
            --depth; // readElementText consumed the end element
            if (reader.hasError())
                break;
            if (section == u"Credentials"_s) {
                if (field == u"AccessKeyId"_s)
                    role.credentials.accessKeyId = text.trimmed();
                else if (field == u"SecretAccessKey"_s)
                    role.credentials.secretAccessKey = text.trimmed();
                else if (field == u"SessionToken"_s)
                    role.credentials.sessionToken = text.trimmed();
                else if (field == u"Expiration"_s)
                    expiration = text.trimmed();
            } else if (field == u"Arn"_s) {
                role.assumedRoleArn = text.trimmed();
            } else if (field == u"AssumedRoleId"_s) {
                role.assumedRoleId = text.trimmed();
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (reader.name() == section)
                section.clear();
            --depth;
        }
    }
    if (reader.hasError())
        return S3Error::invalid(u"the STS answer is not well-formed XML (line %1: %2)"_s.arg(reader.lineNumber()).arg(reader.errorString()));
    if (!sawRoot)
        return S3Error::invalid(u"the STS answer is empty"_s);
    const auto missing = [](const char *what) {
        return S3Error::invalid(u"the STS answer has no %1"_s.arg(QLatin1String(what)));
    };
    if (role.credentials.accessKeyId.isEmpty())
        return missing("AccessKeyId");
    if (role.credentials.secretAccessKey.isEmpty())
        return missing("SecretAccessKey");
    if (role.credentials.sessionToken.isEmpty())
        return missing("SessionToken");
    if (expiration.isEmpty())
        return missing("Expiration");
    role.credentials.expiry = parseExpiration(expiration);
    if (!role.credentials.expiry.isValid())
        return S3Error::invalid(u"the STS answer's Expiration is not a time"_s);
    return role;
}

S3Error parseError(const QByteArray &body, int httpStatus)
{
    if (body.size() > MaxAnswerBytes || !body.contains("ErrorResponse"))
        return {};
    QXmlStreamReader reader(body);
    QString code, message, requestId;
    bool root = false;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QStringView name = reader.name();
        if (!root) {
            if (name != u"ErrorResponse"_s)
                return {};
            root = true;
        } else if (name == u"Code"_s) {
            code = reader.readElementText(QXmlStreamReader::SkipChildElements).trimmed().left(200);
        } else if (name == u"Message"_s) {
            message = reader.readElementText(QXmlStreamReader::SkipChildElements).trimmed().left(1000);
        } else if (name == u"RequestId"_s) {
            requestId = reader.readElementText(QXmlStreamReader::SkipChildElements).trimmed().left(200);
        }
    }
    if (!root)
        return {};
    if (code.isEmpty())
        code = u"Unknown"_s;
    S3Error error = S3Error::fromS3(httpStatus >= 300 ? httpStatus : 400, code, message, requestId);
    return error;
}

QString cacheKey(const QString &roleArn, const QString &externalId, const QString &serialNumber, qint64 durationSeconds)
{
    // std::map sorts the keys as json.dumps(sort_keys=True) does (all ASCII).
    std::map<QString, QString> args;
    args[u"RoleArn"_s] = pythonJsonString(roleArn);
    if (!externalId.isEmpty())
        args[u"ExternalId"_s] = pythonJsonString(externalId);
    if (!serialNumber.isEmpty())
        args[u"SerialNumber"_s] = pythonJsonString(serialNumber);
    if (durationSeconds > 0)
        args[u"DurationSeconds"_s] = QString::number(durationSeconds);
    QStringList parts;
    for (const auto &[key, value] : args)
        parts << pythonJsonString(key) + u": "_s + value;
    const QString json = u"{"_s + parts.join(u", "_s) + u"}"_s;
    QString hash = QString::fromLatin1(QCryptographicHash::hash(json.toUtf8(), QCryptographicHash::Sha1).toHex());
    hash.replace(u':', u'_').replace(u'/', u'_');
    return hash;
}

QByteArray cacheFileContent(const AssumedRole &role)
{
    QJsonObject credentials;
    credentials.insert(u"AccessKeyId"_s, role.credentials.accessKeyId);
    credentials.insert(u"SecretAccessKey"_s, role.credentials.secretAccessKey);
    credentials.insert(u"SessionToken"_s, role.credentials.sessionToken);
    credentials.insert(u"Expiration"_s, QString(role.credentials.expiry.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss"_s) + u"UTC"_s));
    QJsonObject root;
    root.insert(u"Credentials"_s, credentials);
    if (!role.assumedRoleArn.isEmpty() || !role.assumedRoleId.isEmpty()) {
        QJsonObject user;
        user.insert(u"AssumedRoleId"_s, role.assumedRoleId);
        user.insert(u"Arn"_s, role.assumedRoleArn);
        root.insert(u"AssumedRoleUser"_s, user);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

Result<Credentials> parseCacheFile(const QByteArray &content)
{
    if (content.size() > MaxAnswerBytes)
        return S3Error::invalid(u"the cache file is larger than %1 bytes"_s.arg(MaxAnswerBytes));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(content, &error);
    if (error.error != QJsonParseError::NoError)
        return S3Error::invalid(u"the cache file is not valid JSON (%1 at offset %2)"_s.arg(error.errorString()).arg(error.offset));
    const QJsonObject credentials = document.object().value("Credentials"_L1).toObject();
    if (credentials.isEmpty())
        return S3Error::invalid(u"the cache file has no \"Credentials\" object"_s);
    Credentials result;
    result.accessKeyId = credentials.value("AccessKeyId"_L1).toString();
    result.secretAccessKey = credentials.value("SecretAccessKey"_L1).toString();
    result.sessionToken = credentials.value("SessionToken"_L1).toString();
    result.expiry = parseExpiration(credentials.value("Expiration"_L1).toString());
    if (!result.isComplete())
        return S3Error::invalid(u"the cache file has no AccessKeyId or SecretAccessKey"_s);
    if (!result.expiry.isValid())
        return S3Error::invalid(u"the cache file has no valid Expiration"_s);
    return result;
}

QByteArray formBody(const QueryItems &parameters)
{
    return encodeQuery(parameters);
}

} // namespace s3::sts
