// SPDX-License-Identifier: Apache-2.0
#include "ssohttp.h"

#include <memory>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>

#include "s3core/auth/ssoapi.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

QNetworkReply *ssoHttpSend(QNetworkAccessManager *network, QObject *receiver, const QByteArray &verb, const QUrl &url,
                           const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &body,
                           const QList<QSslCertificate> &caCertificates, int timeoutMs,
                           const QString &step, std::function<void(const Result<SsoHttpAnswer> &)> handler)
{
    if (!network) {
        QTimer::singleShot(0, receiver, [handler, step] {
            handler(S3Error(S3Error::Kind::Network, u"IAM Identity Center %1 failed: no network access"_s.arg(step)));
        });
        return nullptr;
    }
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (verb == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    if (!caCertificates.isEmpty()) {
        QSslConfiguration ssl = request.sslConfiguration();
        ssl.addCaCertificates(caCertificates);
        request.setSslConfiguration(ssl);
    }

    QNetworkReply *reply = verb == "POST" ? network->post(request, body) : network->get(request);
    auto done = std::make_shared<bool>(false);
    auto tooLarge = std::make_shared<bool>(false);
    auto timedOut = std::make_shared<bool>(false);

    // transferTimeout does not cover connecting everywhere: our own timer bounds the whole request.
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    timer->start(timeoutMs);

    QObject::connect(reply, &QNetworkReply::readyRead, reply, [reply, tooLarge] {
        if (reply->bytesAvailable() > SsoAnswerMaxBytes) {
            *tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QObject::destroyed, receiver, [done, step, handler] {
        if (*done)
            return;
        *done = true;
        handler(S3Error(S3Error::Kind::Network, u"IAM Identity Center %1 aborted: the network access manager went away"_s.arg(step)));
    });
    QObject::connect(reply, &QNetworkReply::finished, receiver, [reply, done, tooLarge, timedOut, timeoutMs, step, handler] {
        if (*done)
            return;
        *done = true;
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (*tooLarge) {
            handler(S3Error::invalid(u"IAM Identity Center %1: the answer is larger than %2 bytes"_s.arg(step).arg(SsoAnswerMaxBytes)));
            return;
        }
        if (*timedOut) {
            handler(S3Error(S3Error::Kind::Timeout, u"IAM Identity Center %1 timed out after %2 ms"_s.arg(step).arg(timeoutMs)));
            return;
        }
        if (status == 0) {
            handler(S3Error(S3Error::Kind::Network,
                            u"IAM Identity Center %1 failed: %2 (%3)"_s.arg(step, reply->errorString(), reply->url().host())));
            return;
        }
        SsoHttpAnswer answer;
        answer.status = status;
        answer.body = reply->read(SsoAnswerMaxBytes + 1);
        answer.errorType = reply->rawHeader("x-amzn-ErrorType");
        handler(answer);
    });
    return reply;
}

S3Error ssoServiceFailure(const QString &step, const SsoHttpAnswer &answer)
{
    const SsoServiceError parsed = parseSsoServiceError(answer.body, answer.errorType);
    QString message = u"IAM Identity Center %1 failed: "_s.arg(step);
    if (!parsed.code.isEmpty())
        message += parsed.code;
    if (!parsed.description.isEmpty())
        message += (parsed.code.isEmpty() ? QString() : u": "_s) + parsed.description;
    message += u" (HTTP %1)"_s.arg(answer.status);
    S3Error error(S3Error::Kind::Auth, message);
    error.setHttpStatus(answer.status);
    error.setCode(parsed.code);
    return error;
}

} // namespace s3
