// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/ssotoken.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTimeZone>

#include "s3core/auth/ssoconfig.h"
#include "s3core/privatefiles.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

S3Error signInError(const QString &message)
{
    S3Error error(S3Error::Kind::Auth, message);
    error.setCode(QString::fromLatin1(SsoSignInRequiredCode));
    return error;
}

Result<QJsonObject> parseObject(const QByteArray &json, const QString &where)
{
    if (json.size() > SsoCacheFileMaxBytes)
        return S3Error::invalid(u"%1 is larger than %2 bytes"_s.arg(where).arg(SsoCacheFileMaxBytes));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject())
        return S3Error::invalid(u"%1 is not a JSON object (%2)"_s.arg(where, parseError.errorString()));
    return document.object();
}

// A member that must be a string when present; empty when absent.
Result<QString> stringMember(const QJsonObject &object, const QString &key, const QString &where)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return S3Error::invalid(u"%1: \"%2\" is not a string"_s.arg(where, key));
    return value.toString();
}

Result<QByteArray> readBounded(const QString &path, bool missingIsSignIn)
{
    QFile file(path);
    if (!file.exists()) {
        if (missingIsSignIn)
            return signInError(u"no SSO token in %1"_s.arg(path));
        return S3Error::io(u"%1 does not exist"_s.arg(path));
    }
    if (!file.open(QIODevice::ReadOnly))
        return S3Error::io(u"cannot read %1: %2"_s.arg(path, file.errorString()));
    const QByteArray content = file.read(SsoCacheFileMaxBytes + 1);
    if (content.size() > SsoCacheFileMaxBytes)
        return S3Error::invalid(u"%1 is larger than %2 bytes: not an SSO cache file"_s.arg(path).arg(SsoCacheFileMaxBytes));
    return content;
}

QString sha1Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex());
}

} // namespace

QDateTime parseSsoTimestamp(const QString &text)
{
    // dateutil accepts far more; these are the forms awscli and the SDKs write.
    static const QRegularExpression pattern(
        uR"(^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$)"_s);
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return {};
    QDateTime time = QDateTime::fromString(match.captured(1) + u'T' + match.captured(2), Qt::ISODate);
    if (!time.isValid())
        return {};
    const QString fraction = match.captured(3);
    int offsetSeconds = 0;
    const QString zone = match.captured(4);
    if (zone.startsWith(u'+') || zone.startsWith(u'-')) {
        const QString digits = QString(zone).remove(u':');
        offsetSeconds = (digits.mid(1, 2).toInt() * 3600 + digits.mid(3, 2).toInt() * 60) * (zone.startsWith(u'-') ? -1 : 1);
    }
    time = QDateTime(time.date(), time.time(), Qt::UTC).addSecs(-offsetSeconds);
    if (!fraction.isEmpty())
        time = time.addMSecs(QString(fraction + u"00"_s).left(3).toInt());
    return time;
}

QString formatSsoTimestamp(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss"_s) + u'Z';
}

QDateTime SsoToken::registrationExpiry() const
{
    return parseSsoTimestamp(registrationExpiresAt);
}

bool SsoToken::canRefresh(const QDateTime &now) const
{
    const QDateTime registration = registrationExpiry();
    return !refreshToken.isEmpty() && !clientId.isEmpty() && !clientSecret.isEmpty() && registration.isValid()
        && registration > now;
}

Result<SsoToken> parseSsoToken(const QByteArray &json, const QString &where)
{
    const Result<QJsonObject> object = parseObject(json, where);
    if (!object)
        return object.error();
    SsoToken token;
    const std::pair<const char16_t *, QString *> members[] = {
        {u"startUrl", &token.startUrl},         {u"region", &token.region},
        {u"accessToken", &token.accessToken},   {u"clientId", &token.clientId},
        {u"clientSecret", &token.clientSecret}, {u"registrationExpiresAt", &token.registrationExpiresAt},
        {u"refreshToken", &token.refreshToken},
    };
    for (const auto &[key, target] : members) {
        Result<QString> value = stringMember(*object, QString::fromUtf16(key), where);
        if (!value)
            return value.error();
        *target = *value;
    }
    Result<QString> expiresAt = stringMember(*object, u"expiresAt"_s, where);
    if (!expiresAt)
        return expiresAt.error();
    if (token.accessToken.isEmpty() || expiresAt->isEmpty())
        return signInError(u"%1 has no %2: the SSO token is invalid"_s.arg(where, token.accessToken.isEmpty() ? u"accessToken"_s : u"expiresAt"_s));
    token.expiresAt = parseSsoTimestamp(*expiresAt);
    if (!token.expiresAt.isValid())
        return S3Error::invalid(u"%1: expiresAt '%2' is not a timestamp"_s.arg(where, expiresAt->left(64)));
    return token;
}

QByteArray pythonJsonString(const QString &text)
{
    QByteArray out = "\"";
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"': out += "\\\""; continue;
        case u'\\': out += "\\\\"; continue;
        case u'\n': out += "\\n"; continue;
        case u'\r': out += "\\r"; continue;
        case u'\t': out += "\\t"; continue;
        case u'\b': out += "\\b"; continue;
        case u'\f': out += "\\f"; continue;
        default: break;
        }
        if (u >= 0x20 && u <= 0x7e)
            out += char(u);
        else
            out += "\\u" + QByteArray::number(u, 16).rightJustified(4, '0'); // UTF-16 units: surrogate pairs as Python
    }
    out += '"';
    return out;
}

QByteArray serializeSsoToken(const SsoToken &token)
{
    // botocore's key order (SSOTokenFetcher and SSOTokenProvider build the dict in this order).
    QList<std::pair<QByteArray, QString>> members = {
        {"startUrl", token.startUrl},
        {"region", token.region},
        {"accessToken", token.accessToken},
        {"expiresAt", formatSsoTimestamp(token.expiresAt)},
    };
    if (!token.clientId.isEmpty() || !token.clientSecret.isEmpty()) {
        members.append({"clientId", token.clientId});
        members.append({"clientSecret", token.clientSecret});
        members.append({"registrationExpiresAt", token.registrationExpiresAt});
    }
    if (!token.refreshToken.isEmpty())
        members.append({"refreshToken", token.refreshToken});
    QByteArray out = "{";
    for (qsizetype i = 0; i < members.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += '"' + members.at(i).first + "\": " + pythonJsonString(members.at(i).second);
    }
    out += '}';
    return out;
}

Result<SsoRegistration> parseSsoRegistration(const QByteArray &json, const QString &where)
{
    const Result<QJsonObject> object = parseObject(json, where);
    if (!object)
        return object.error();
    SsoRegistration registration;
    Result<QString> clientId = stringMember(*object, u"clientId"_s, where);
    Result<QString> clientSecret = stringMember(*object, u"clientSecret"_s, where);
    Result<QString> expiresAt = stringMember(*object, u"expiresAt"_s, where);
    for (const Result<QString> *r : {&clientId, &clientSecret, &expiresAt}) {
        if (!*r)
            return r->error();
    }
    if (clientId->isEmpty() || clientSecret->isEmpty() || expiresAt->isEmpty())
        return S3Error::invalid(u"%1 lacks clientId, clientSecret or expiresAt"_s.arg(where));
    registration.clientId = *clientId;
    registration.clientSecret = *clientSecret;
    registration.expiresAt = parseSsoTimestamp(*expiresAt);
    if (!registration.expiresAt.isValid())
        return S3Error::invalid(u"%1: expiresAt is not a timestamp"_s.arg(where));
    const QJsonValue scopes = object->value(u"scopes"_s);
    if (scopes.isArray()) {
        const QJsonArray array = scopes.toArray();
        for (const QJsonValue &scope : array) {
            if (scope.isString())
                registration.scopes.append(scope.toString());
        }
    }
    return registration;
}

namespace {

QByteArray pythonJsonList(const QStringList &values)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += pythonJsonString(values.at(i));
    }
    return out + ']';
}

} // namespace

QByteArray serializeSsoRegistration(const SsoRegistration &registration)
{
    QByteArray out = "{\"clientId\": " + pythonJsonString(registration.clientId)
        + ", \"clientSecret\": " + pythonJsonString(registration.clientSecret)
        + ", \"expiresAt\": " + pythonJsonString(formatSsoTimestamp(registration.expiresAt));
    if (!registration.scopes.isEmpty())
        out += ", \"scopes\": " + pythonJsonList(registration.scopes);
    return out + '}';
}

QString ssoTokenCacheKey(const QString &sessionName, const QString &startUrl)
{
    return sha1Hex((sessionName.isEmpty() ? startUrl : sessionName).toUtf8());
}

QString ssoRegistrationCacheKey(const QString &startUrl, const QString &region, const QStringList &scopes,
                                const QString &sessionName)
{
    // json.dumps({...}, sort_keys=True) of botocore's arguments.
    const QByteArray args = "{\"region\": " + pythonJsonString(region)
        + ", \"scopes\": " + (scopes.isEmpty() ? QByteArray("null") : pythonJsonList(scopes))
        + ", \"session_name\": " + (sessionName.isEmpty() ? QByteArray("null") : pythonJsonString(sessionName))
        + ", \"startUrl\": " + pythonJsonString(startUrl) + ", \"tool\": \"botocore\"}";
    return sha1Hex(args);
}

Result<SsoToken> readSsoTokenFile(const QString &path)
{
    const Result<QByteArray> content = readBounded(path, true);
    if (!content)
        return content.error();
    return parseSsoToken(*content, path);
}

Result<SsoRegistration> readSsoRegistrationFile(const QString &path)
{
    const Result<QByteArray> content = readBounded(path, false);
    if (!content)
        return content.error();
    return parseSsoRegistration(*content, path);
}

Result<Ok> writeSsoCacheFile(const QString &path, const QByteArray &content)
{
    const QString folder = QFileInfo(path).absolutePath();
    if (!QFileInfo::exists(folder)) {
        if (Result<Ok> made = ensurePrivateFolder(folder); !made)
            return made.error();
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return S3Error::io(u"cannot write %1: %2"_s.arg(path, file.errorString()));
    // The temporary file gets the mode before any secret is in it; the rename keeps it.
    if (!file.setPermissions(PrivateFilePermissions))
        return S3Error::io(u"cannot make %1 private: %2"_s.arg(path, file.errorString()));
    if (file.write(content) != content.size() || !file.commit())
        return S3Error::io(u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return Ok{};
}

} // namespace s3
