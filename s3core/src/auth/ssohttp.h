// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <utility>

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include "s3core/result.h"

class QNetworkAccessManager;
class QNetworkReply;
class QObject;

namespace s3 {

/** One answer of the OIDC or portal service: any HTTP status, the body (bounded) and x-amzn-ErrorType. */
struct SsoHttpAnswer
{
    int status = 0;
    QByteArray body;
    QByteArray errorType;
};

/**
 * Sends one JSON request (POST with a body, or GET) to an IAM Identity Center service. `handler` runs once on
 * `receiver`'s thread (never after `receiver` is gone) with the answer, or with a Network/Timeout error naming
 * `step`. Bodies over SsoAnswerMaxBytes are cut off with an error. Redirects are not followed (they could carry
 * a bearer token elsewhere). `caCertificates` (the connection's ca_bundle) are trusted besides the system's.
 */
QNetworkReply *ssoHttpSend(QNetworkAccessManager *network, QObject *receiver, const QByteArray &verb, const QUrl &url,
                           const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &body,
                           const QList<QSslCertificate> &caCertificates, int timeoutMs,
                           const QString &step, std::function<void(const Result<SsoHttpAnswer> &)> handler);

/** "IAM Identity Center <step> failed: <code>: <description> (HTTP <n>)" as an Auth error with the code set. */
S3Error ssoServiceFailure(const QString &step, const SsoHttpAnswer &answer);

} // namespace s3
