// SPDX-License-Identifier: Apache-2.0
#include "climfaprompter.h"

#include <QFile>

#include "s3core/textescape.h"

using namespace Qt::Literals::StringLiterals;

namespace s3cli {

void CliMfaPrompter::requestCode(const s3::MfaRequest &request, QObject *context, Callback callback)
{
    const QString &profile = request.profile;
    const QString &serialNumber = request.serialNumber;
    Q_UNUSED(context) // answered synchronously
    if (!m_code.isEmpty()) {
        const QString code = std::exchange(m_code, QString());
        callback(code);
        return;
    }
    QFile tty(u"/dev/tty"_s);
    if (!tty.open(QIODevice::ReadWrite | QIODevice::Unbuffered)) {
        callback(s3::S3Error(s3::S3Error::Kind::Auth, u"profile '%1' needs an MFA code for %2 and there is no terminal to ask on: "
                                                      "pass --mfa-code CODE"_s
                                                          .arg(profile, serialNumber)));
        return;
    }
    tty.write(u"MFA code for %1 (profile '%2'): "_s.arg(s3::escapeControlCharacters(serialNumber), s3::escapeControlCharacters(profile))
                  .toUtf8());
    const QByteArray line = tty.readLine(64).trimmed();
    if (line.isEmpty()) {
        callback(s3::S3Error(s3::S3Error::Kind::Cancelled, u"MFA code not entered"_s));
        return;
    }
    callback(QString::fromUtf8(line));
}

} // namespace s3cli
