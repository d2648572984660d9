// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/ssoapi.h"

#include <cmath>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

Result<QJsonObject> answerObject(const QByteArray &body, const QString &what)
{
    if (body.size() > SsoAnswerMaxBytes)
        return S3Error::invalid(u"the %1 answer is larger than %2 bytes"_s.arg(what).arg(SsoAnswerMaxBytes));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject())
        return S3Error::invalid(u"the %1 answer is not a JSON object (%2)"_s.arg(what, parseError.errorString()));
    return document.object();
}

// A required non-empty string member; the error names the member, never its value (it may be a secret).
Result<QString> requiredString(const QJsonObject &object, const char *key, const QString &what)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (!value.isString() || value.toString().isEmpty())
        return S3Error::invalid(u"the %1 answer has no %2"_s.arg(what, QLatin1String(key)));
    return value.toString();
}

// A whole number of seconds (or milliseconds) within [0, limit]; JSON numbers are doubles.
Result<qint64> boundedInteger(const QJsonObject &object, const char *key, const QString &what, double limit, bool required)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return S3Error::invalid(u"the %1 answer has no %2"_s.arg(what, QLatin1String(key)));
        return qint64(-1);
    }
    const double number = value.toDouble(-1);
    if (!value.isDouble() || !std::isfinite(number) || number < 0 || number > limit)
        return S3Error::invalid(u"the %1 answer has an out-of-range %2"_s.arg(what, QLatin1String(key)));
    return qint64(number);
}

constexpr double OneYearSeconds = 366.0 * 24 * 3600;
// Up to the year 9999 in seconds / milliseconds since the epoch.
constexpr double MaxEpochSeconds = 253402300799.0;

} // namespace

Result<SsoClientRegistrationAnswer> parseSsoRegisterClient(const QByteArray &body)
{
    const QString what = u"RegisterClient"_s;
    const Result<QJsonObject> object = answerObject(body, what);
    if (!object)
        return object.error();
    SsoClientRegistrationAnswer answer;
    Result<QString> id = requiredString(*object, "clientId", what);
    if (!id)
        return id.error();
    Result<QString> secret = requiredString(*object, "clientSecret", what);
    if (!secret)
        return secret.error();
    Result<qint64> expires = boundedInteger(*object, "clientSecretExpiresAt", what, MaxEpochSeconds, true);
    if (!expires)
        return expires.error();
    answer.clientId = *id;
    answer.clientSecret = *secret;
    answer.clientSecretExpiresAt = *expires;
    return answer;
}

Result<SsoDeviceAuthorizationAnswer> parseSsoDeviceAuthorization(const QByteArray &body)
{
    const QString what = u"StartDeviceAuthorization"_s;
    const Result<QJsonObject> object = answerObject(body, what);
    if (!object)
        return object.error();
    SsoDeviceAuthorizationAnswer answer;
    const std::pair<const char *, QString *> members[] = {{"deviceCode", &answer.deviceCode},
                                                          {"userCode", &answer.userCode},
                                                          {"verificationUri", &answer.verificationUri},
                                                          {"verificationUriComplete", &answer.verificationUriComplete}};
    for (const auto &[key, target] : members) {
        Result<QString> value = requiredString(*object, key, what);
        if (!value)
            return value.error();
        *target = *value;
    }
    for (const QString *uri : {&answer.verificationUri, &answer.verificationUriComplete}) {
        if (!uri->startsWith(u"https://"_s) && !uri->startsWith(u"http://"_s))
            return S3Error::invalid(u"the %1 answer has a verification address that is not http(s)"_s.arg(what));
    }
    Result<qint64> expiresIn = boundedInteger(*object, "expiresIn", what, OneYearSeconds, true);
    if (!expiresIn)
        return expiresIn.error();
    Result<qint64> interval = boundedInteger(*object, "interval", what, 3600, false);
    if (!interval)
        return interval.error();
    answer.expiresIn = *expiresIn;
    answer.interval = *interval > 0 ? *interval : 5;
    return answer;
}

Result<SsoCreateTokenAnswer> parseSsoCreateToken(const QByteArray &body)
{
    const QString what = u"CreateToken"_s;
    const Result<QJsonObject> object = answerObject(body, what);
    if (!object)
        return object.error();
    SsoCreateTokenAnswer answer;
    Result<QString> access = requiredString(*object, "accessToken", what);
    if (!access)
        return access.error();
    Result<qint64> expiresIn = boundedInteger(*object, "expiresIn", what, OneYearSeconds, true);
    if (!expiresIn)
        return expiresIn.error();
    answer.accessToken = *access;
    answer.expiresIn = *expiresIn;
    answer.refreshToken = object->value(u"refreshToken"_s).toString();
    return answer;
}

Result<Credentials> parseSsoRoleCredentials(const QByteArray &body)
{
    const QString what = u"GetRoleCredentials"_s;
    const Result<QJsonObject> outer = answerObject(body, what);
    if (!outer)
        return outer.error();
    const QJsonValue inner = outer->value(u"roleCredentials"_s);
    if (!inner.isObject())
        return S3Error::invalid(u"the %1 answer has no roleCredentials object"_s.arg(what));
    const QJsonObject object = inner.toObject();
    Credentials credentials;
    Result<QString> id = requiredString(object, "accessKeyId", what);
    if (!id)
        return id.error();
    Result<QString> secret = requiredString(object, "secretAccessKey", what);
    if (!secret)
        return secret.error();
    Result<qint64> expiration = boundedInteger(object, "expiration", what, MaxEpochSeconds * 1000, true);
    if (!expiration)
        return expiration.error();
    credentials.accessKeyId = *id;
    credentials.secretAccessKey = *secret;
    credentials.sessionToken = object.value(u"sessionToken"_s).toString();
    credentials.expiry = QDateTime::fromMSecsSinceEpoch(*expiration, Qt::UTC);
    return credentials;
}

SsoServiceError parseSsoServiceError(const QByteArray &body, const QByteArray &errorTypeHeader)
{
    SsoServiceError error;
    QJsonObject object;
    if (body.size() <= SsoAnswerMaxBytes)
        object = QJsonDocument::fromJson(body).object();
    // OAuth-style "error" first: it is what tells pending, slow_down, expired_token and access_denied apart.
    error.code = object.value(u"error"_s).toString();
    if (error.code.isEmpty()) {
        QString type = QString::fromLatin1(errorTypeHeader);
        if (type.isEmpty())
            type = object.value(u"__type"_s).toString();
        type = type.section(u':', 0, 0).section(u'#', -1).trimmed();
        error.code = type;
    }
    error.description = object.value(u"error_description"_s).toString();
    if (error.description.isEmpty())
        error.description = object.value(u"message"_s).toString();
    if (error.description.isEmpty())
        error.description = object.value(u"Message"_s).toString();
    error.code = error.code.left(128);
    error.description = error.description.left(512);
    return error;
}

} // namespace s3
