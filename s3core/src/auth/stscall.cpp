// SPDX-License-Identifier: Apache-2.0
#include "stscall.h"

#include <memory>

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QPointer>
#include <QTimer>

#include "s3core/auth/sigv4.h"
#include "s3core/crypto.h"
#include "s3core/logging.h"

using namespace Qt::Literals::StringLiterals;

namespace s3::sts {

namespace {

/** One call and its retry: what signing it again needs, and the reply in flight. */
struct Call
{
    QPointer<QNetworkAccessManager> network;
    QNetworkRequest request; // unsigned
    QUrl url;
    QByteArray body;
    QString region;
    std::optional<Credentials> signWith;
    Clock local;
    std::shared_ptr<ClockOffset> offset;
    QString where;
    QPointer<QObject> context;
    std::function<void(const Result<AssumedRole> &)> handler;
    QPointer<QNetworkReply> reply;
    bool done = false;
    bool resigned = false;
};

S3Error errorOf(int status, const QByteArray &answer, bool signedCall)
{
    S3Error error = parseError(answer, status);
    if (!error.isError() && status == 403) {
        // Some servers (Ceph RGW) refuse with an empty body: it is still STS's AccessDenied. An unsigned call
        // (AssumeRoleWithWebIdentity) has no source credentials: the token is what STS judged (Ceph refuses a
        // wrong audience, an expired token and a bad signature alike this way).
        error = S3Error::fromS3(status, u"AccessDenied"_s,
                                signedCall ? u"STS refused the call (HTTP 403 without details): check the role ARN, the role's trust "
                                             "policy and the source credentials"_s
                                           : u"STS refused the call (HTTP 403 without details): check the role ARN, the web identity "
                                             "token (issuer, audience, expiry, signature), the OpenID Connect provider registered "
                                             "for its issuer and the role's trust policy"_s);
    } else if (!error.isError() && status == 404) {
        error = S3Error::fromS3(status, u"NoSuchEntity"_s, u"STS answered 404 without details: the role does not exist"_s);
    } else if (!error.isError()) {
        error = S3Error::fromHttpStatus(status);
    }
    return error;
}

void send(const std::shared_ptr<Call> &call)
{
    if (!call->network || !call->context)
        return;
    QNetworkRequest request = call->request;
    if (call->signWith) {
        RequestTarget target;
        target.url = call->url;
        const int defaultPort = call->url.scheme() == u"https"_s ? 443 : 80;
        target.hostHeader = call->url.host(QUrl::FullyEncoded).toLatin1();
        if (call->url.port(defaultPort) != defaultPort)
            target.hostHeader += ':' + QByteArray::number(call->url.port());
        target.encodedPath = "/";
        const QDateTime signingTime = call->local().addMSecs(call->offset->offsetMs());
        const sigv4::Signer signer(call->region.isEmpty() ? u"us-east-1"_s : call->region, u"sts"_s,
                                   [signingTime] { return signingTime; });
        const sigv4::HeaderList signedHeaders =
            signer.sign(*call->signWith, "POST", target, {{"content-type", "application/x-www-form-urlencoded; charset=utf-8"}},
                        crypto::sha256Hex(call->body));
        for (const auto &[name, value] : signedHeaders)
            request.setRawHeader(name, value);
    }
    QNetworkReply *reply = call->network->post(request, call->body);
    call->reply = reply;
    QObject::connect(reply, &QNetworkReply::finished, call->context, [reply, call] {
        if (call->done || call->reply != reply)
            return;
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->read(MaxAnswerBytes + 1);
        // An HTTP error status with an empty body is still the server's answer (Ceph refuses so): only no
        // status at all is a transport failure.
        if (status == 0) {
            call->done = true;
            call->handler(S3Error(S3Error::Kind::Network, u"STS at %1: %2"_s.arg(call->where, reply->errorString())));
            return;
        }
        const bool ok = status >= 200 && status < 300;
        const S3Error error = ok ? S3Error() : errorOf(status, answer, call->signWith.has_value());
        const bool timeRefused = !ok && isTimeRefusal(error);
        const bool corrected = call->offset->noteServerDate(reply->rawHeader("Date"), call->local(), timeRefused, call->url.host());
        if (!ok && corrected && call->signWith && !call->resigned) {
            // Signed with a wrong clock: sign again with the server's time (S3 requests do the same).
            call->resigned = true;
            qCDebug(lcS3Auth).noquote() << u"STS at %1 refused the call (%2) and its clock differs from ours by %3 s: signing again"_s
                                               .arg(call->where, error.code())
                                               .arg(call->offset->offsetMs() / 1000);
            send(call);
            return;
        }
        call->done = true;
        if (!ok) {
            call->handler(error);
            return;
        }
        Result<AssumedRole> parsed = parseAssumeRoleResponse(answer);
        if (!parsed) {
            S3Error invalid = parsed.error();
            invalid.setMessage(u"STS at %1: %2"_s.arg(call->where, invalid.message()));
            call->handler(invalid);
            return;
        }
        call->handler(parsed);
    });
}

} // namespace

bool isTimeRefusal(const S3Error &error)
{
    const QString code = error.code();
    if (code == u"RequestTimeTooSkewed"_s || code == u"RequestExpired"_s)
        return true;
    if (code == u"SignatureDoesNotMatch"_s || code == u"InvalidSignatureException"_s)
        return error.message().contains(u"Signature expired"_s, Qt::CaseInsensitive)
            || error.message().contains(u"Signature not yet current"_s, Qt::CaseInsensitive);
    return false;
}

std::function<void()> postAssumeRole(QNetworkAccessManager *network, const QString &endpoint, const QString &region,
                                     const QueryItems &parameters, const std::optional<Credentials> &signWith,
                                     const QList<QSslCertificate> &caCertificates, const CallClock &clock, int timeoutMs,
                                     QObject *context, std::function<void(const Result<AssumedRole> &)> handler)
{
    const QString where = redactUrlUserInfo(endpoint);
    auto fail = [handler, context, where](const QString &message) {
        QTimer::singleShot(0, context, [handler, message, where] {
            handler(S3Error(S3Error::Kind::Network, u"STS at %1: %2"_s.arg(where, message)));
        });
        return [] {};
    };
    if (!network)
        return fail(u"no network access"_s);
    QUrl url(endpoint);
    if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) || url.host().isEmpty())
        return fail(u"not an http(s) URL"_s);
    url.setUserInfo(QString());
    url.setPath(u"/"_s);
    url.setQuery(QString());

    auto call = std::make_shared<Call>();
    call->network = network;
    call->url = url;
    call->body = formBody(parameters);
    call->region = region;
    call->signWith = signWith;
    call->local = clock.local ? clock.local : systemClock();
    call->offset = clock.offset ? clock.offset : std::make_shared<ClockOffset>();
    call->where = where;
    call->context = context;
    call->handler = std::move(handler);

    QNetworkRequest &request = call->request;
    request.setUrl(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded; charset=utf-8"));
    request.setTransferTimeout(timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    if (!caCertificates.isEmpty()) {
        QSslConfiguration ssl = request.sslConfiguration();
        ssl.addCaCertificates(caCertificates);
        request.setSslConfiguration(ssl);
    }
    qCDebug(lcS3Auth).noquote() << "STS" << parameters.value(0).second << "at" << where
                                << (signWith ? u"signed with "_s + signWith->accessKeyId : u"unsigned"_s);
    send(call);
    return [call] {
        call->done = true;
        if (QNetworkReply *reply = call->reply.data()) {
            reply->abort();
            reply->deleteLater();
        }
    };
}

} // namespace s3::sts
