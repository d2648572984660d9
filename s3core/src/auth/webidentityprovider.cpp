// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/webidentityprovider.h"

#include <utility>

#include <QFile>
#include <QNetworkAccessManager>

#include "s3core/logging.h"
#include "stscall.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

WebIdentityProvider::WebIdentityProvider(WebIdentitySettings settings, QNetworkAccessManager *network, Clock clock, QObject *parent)
    : RefreshingCredentialsProvider(correctedClockSharing(clock, settings.clockOffset), parent)
    , m_settings(std::move(settings))
    , m_network(network)
    , m_localClock(clock ? std::move(clock) : systemClock())
{
}

WebIdentityProvider::~WebIdentityProvider()
{
    cancelFetch();
}

QString WebIdentityProvider::name() const
{
    const QString where = m_settings.profile.isEmpty() ? u"environment"_s : u"profile '%1'"_s.arg(m_settings.profile);
    return u"web identity for role %1 (%2)"_s.arg(m_settings.roleArn, where);
}

void WebIdentityProvider::cancelFetch()
{
    if (m_abort) {
        auto abort = std::move(m_abort);
        m_abort = nullptr;
        abort();
    }
}

void WebIdentityProvider::fetch(FetchDone done)
{
    QFile file(m_settings.tokenFile);
    if (!file.open(QIODevice::ReadOnly)) {
        done(S3Error(S3Error::Kind::Auth, name() + u": cannot read the token file %1: %2"_s.arg(m_settings.tokenFile, file.errorString())));
        return;
    }
    const QByteArray token = file.read(MaxTokenBytes + 1).trimmed();
    if (token.size() > MaxTokenBytes) {
        done(S3Error(S3Error::Kind::Auth, name() + u": the token file %1 is larger than %2 bytes"_s.arg(m_settings.tokenFile).arg(MaxTokenBytes)));
        return;
    }
    if (token.isEmpty()) {
        done(S3Error(S3Error::Kind::Auth, name() + u": the token file %1 is empty"_s.arg(m_settings.tokenFile)));
        return;
    }
    const QString sessionName = m_settings.sessionName.isEmpty()
        ? u"s3desk-session-%1"_s.arg(QDateTime::currentSecsSinceEpoch())
        : m_settings.sessionName;
    const QueryItems parameters{{"Action", "AssumeRoleWithWebIdentity"},
                                {"Version", "2011-06-15"},
                                {"RoleArn", m_settings.roleArn.toUtf8()},
                                {"RoleSessionName", sessionName.toUtf8()},
                                {"WebIdentityToken", token}};
    m_abort = sts::postAssumeRole(m_network.data(), m_settings.stsEndpoint, m_settings.region, parameters, std::nullopt,
                                  m_settings.caCertificates, sts::CallClock{m_localClock, m_settings.clockOffset}, 30000, this, [this, done](const Result<sts::AssumedRole> &answer) {
                                      m_abort = nullptr;
                                      if (!answer) {
                                          S3Error error = answer.error();
                                          QString message = error.message();
                                          if (!error.code().isEmpty() && !message.startsWith(error.code()))
                                              message = error.code() + u": "_s + message;
                                          error.setMessage(name() + u": "_s + message);
                                          done(error);
                                          return;
                                      }
                                      Credentials credentials = answer->credentials;
                                      credentials.source = name();
                                      done(credentials);
                                  });
}

} // namespace s3
