// SPDX-License-Identifier: Apache-2.0
#include "liveiam.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

ProcessOutcome awsAsTester(const LiveServer &server, const QString &home, const QStringList &arguments)
{
    QProcessEnvironment environment = isolatedAwsEnvironment(home, server.stsEndpoint, server.region);
    environment.insert(u"AWS_ACCESS_KEY_ID"_s, server.accessKey);
    environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, server.secretKey);
    return runProgram(u"aws"_s, QStringList{u"--endpoint-url"_s, server.stsEndpoint} + arguments, environment, 60000);
}

QByteArray assumeRoleTrust(const QStringList &principals)
{
    return compact(QJsonObject{{"Version"_L1, "2012-10-17"_L1},
                               {"Statement"_L1,
                                QJsonArray{QJsonObject{{"Effect"_L1, "Allow"_L1},
                                                       {"Principal"_L1, QJsonObject{{"AWS"_L1, QJsonArray::fromStringList(principals)}}},
                                                       {"Action"_L1, QJsonArray{"sts:AssumeRole"_L1}}}}}});
}

QByteArray webIdentityTrust(const QString &providerId, const QString &appId)
{
    return compact(QJsonObject{
        {"Version"_L1, "2012-10-17"_L1},
        {"Statement"_L1,
         QJsonArray{QJsonObject{{"Effect"_L1, "Allow"_L1},
                                {"Principal"_L1, QJsonObject{{"Federated"_L1, QJsonArray{QString(u"arn:aws:iam:::oidc-provider/"_s + providerId)}}}},
                                {"Action"_L1, QJsonArray{"sts:AssumeRoleWithWebIdentity"_L1}},
                                {"Condition"_L1, QJsonObject{{"StringEquals"_L1, QJsonObject{{QString(providerId + u":app_id"_s), appId}}}}}}}}});
}

QString createLiveRole(const LiveServer &server, const QString &home, const QString &role, const QByteArray &trust)
{
    const ProcessOutcome created = awsAsTester(server, home, {u"iam"_s, u"create-role"_s, u"--role-name"_s, role,
                                                              u"--assume-role-policy-document"_s, QString::fromUtf8(trust)});
    if (!created.ok())
        return u"create-role %1: %2"_s.arg(role, QString::fromUtf8(created.describe()));
    const QByteArray policy = compact(QJsonObject{
        {"Version"_L1, "2012-10-17"_L1},
        {"Statement"_L1, QJsonArray{QJsonObject{{"Effect"_L1, "Allow"_L1},
                                                {"Action"_L1, QJsonArray{"s3:*"_L1, "sts:AssumeRole"_L1}},
                                                {"Resource"_L1, "*"_L1}}}}});
    const ProcessOutcome put = awsAsTester(server, home, {u"iam"_s, u"put-role-policy"_s, u"--role-name"_s, role, u"--policy-name"_s,
                                                          u"s3"_s, u"--policy-document"_s, QString::fromUtf8(policy)});
    if (!put.ok())
        return u"put-role-policy %1: %2"_s.arg(role, QString::fromUtf8(put.describe()));
    return {};
}

void deleteLiveRole(const LiveServer &server, const QString &home, const QString &role)
{
    awsAsTester(server, home, {u"iam"_s, u"delete-role-policy"_s, u"--role-name"_s, role, u"--policy-name"_s, u"s3"_s});
    awsAsTester(server, home, {u"iam"_s, u"delete-role"_s, u"--role-name"_s, role});
}

QJsonObject assumeRoleWithAwscli(const LiveServer &server, const QString &home, const QString &roleArn, const QString &sessionName,
                                 int durationSeconds)
{
    QStringList arguments{u"sts"_s, u"assume-role"_s, u"--role-arn"_s, roleArn, u"--role-session-name"_s, sessionName, u"--output"_s, u"json"_s};
    if (durationSeconds > 0)
        arguments << u"--duration-seconds"_s << QString::number(durationSeconds);
    const ProcessOutcome assumed = awsAsTester(server, home, arguments);
    if (!assumed.ok()) {
        qWarning("%s", assumed.describe().constData());
        return {};
    }
    return QJsonDocument::fromJson(assumed.out).object().value("Credentials"_L1).toObject();
}
