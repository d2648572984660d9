// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "cliprocess.h"
#include "livetest.h"

/*
 * IAM and STS on the live Ceph RGW through awscli, as the server's first user (the tester has the roles=* and
 * oidc-provider=* caps), at the STS gateway. Ceph's IAM refuses policy documents with blanks after ':' or ','
 * (CreateRole: HTTP 400), so every document here is compact JSON.
 */

/** awscli at server.stsEndpoint as the tester, seeing only the AWS files in home (isolatedAwsEnvironment()). */
ProcessOutcome awsAsTester(const LiveServer &server, const QString &home, const QStringList &arguments);

/** A trust policy letting these AWS principals (users, roles) call sts:AssumeRole. */
QByteArray assumeRoleTrust(const QStringList &principals);

/**
 * A trust policy for sts:AssumeRoleWithWebIdentity from the OpenID Connect provider
 * arn:aws:iam:::oidc-provider/<providerId> for tokens whose aud is appId (Ceph's "<provider>:app_id" condition).
 */
QByteArray webIdentityTrust(const QString &providerId, const QString &appId);

/**
 * Creates the role with this trust policy and an inline policy "s3" that allows s3:* and sts:AssumeRole on
 * everything (so a session of the role can assume the next role of a chain). Empty on success, else what failed.
 */
QString createLiveRole(const LiveServer &server, const QString &home, const QString &role, const QByteArray &trust);

/** Deletes the role's inline policy and the role (errors ignored: clean-up). */
void deleteLiveRole(const LiveServer &server, const QString &home, const QString &role);

/**
 * AssumeRole with the tester's keys through awscli, for durationSeconds (0: STS's default hour): the "Credentials"
 * object of its answer (empty when it failed).
 */
QJsonObject assumeRoleWithAwscli(const LiveServer &server, const QString &home, const QString &roleArn, const QString &sessionName,
                                 int durationSeconds = 0);
