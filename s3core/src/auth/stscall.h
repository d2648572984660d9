// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QList>
#include <QNetworkAccessManager>
#include <QSslCertificate>
#include <QObject>
#include <QString>

#include "s3core/auth/credentials.h"
#include "s3core/auth/sts.h"
#include "s3core/clock.h"
#include "s3core/net/clockoffset.h"

namespace s3::sts {

/** The time an STS call is signed with: the local clock moved by the connection's clock offset. */
struct CallClock
{
    Clock local;                         ///< empty: the system clock
    std::shared_ptr<ClockOffset> offset; ///< learnt from the answers' Date headers; null: none
};

/**
 * One STS Query API call: POST of the form body to the endpoint, signed with SigV4 (service "sts", the given
 * region, the clock's corrected time) when credentials are given, unsigned otherwise (AssumeRoleWithWebIdentity).
 * The caCertificates (the connection's ca_bundle) are trusted besides the system's, as for S3 requests. Every
 * answer's Date header teaches the clock offset (as S3 answers do); a signed call refused for its time, or
 * refused while the Date header shows the local clock far off (Ceph answers AccessDenied), is signed again with
 * the corrected time, once. The answer is bounded to MaxAnswerBytes and parsed with parseAssumeRoleResponse;
 * errors name the endpoint and the STS error code. The handler runs once on the context's thread, never after
 * the context is destroyed. Returns a function that aborts the call (the handler is then not called).
 */
std::function<void()> postAssumeRole(QNetworkAccessManager *network, const QString &endpoint, const QString &region,
                                     const QueryItems &parameters, const std::optional<Credentials> &signWith,
                                     const QList<QSslCertificate> &caCertificates, const CallClock &clock, int timeoutMs,
                                     QObject *context, std::function<void(const Result<AssumedRole> &)> handler);

} // namespace s3::sts
