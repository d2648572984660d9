// SPDX-License-Identifier: Apache-2.0
#include "testtls.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QStringList>

#include "cliprocess.h"
#include "localfiles.h"

using namespace Qt::Literals::StringLiterals;

std::optional<std::pair<QString, QSslConfiguration>> makeTestTls(const QString &folder)
{
    const auto run = [](const QStringList &arguments) {
        const ProcessOutcome outcome = runProgram(u"openssl"_s, arguments, QProcessEnvironment::systemEnvironment(), 30000);
        if (!outcome.ok())
            qWarning("%s", outcome.describe().constData());
        return outcome.ok();
    };
    QFile extensions(folder + u"/ext.cnf"_s);
    if (!extensions.open(QIODevice::WriteOnly) || extensions.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n") < 0)
        return std::nullopt;
    extensions.close();
    const QStringList ec{u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s};
    const auto at = [&folder](const QString &name) -> QString { return folder + u'/' + name; };
    if (!run(QStringList{u"req"_s, u"-x509"_s} + ec
             + QStringList{u"-keyout"_s, at(u"ca.key"_s), u"-out"_s, at(u"ca.pem"_s), u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=S3Desk test CA"_s})
        || !run(QStringList{u"req"_s} + ec
                + QStringList{u"-keyout"_s, at(u"server.key"_s), u"-out"_s, at(u"server.csr"_s), u"-subj"_s, u"/CN=127.0.0.1"_s})
        || !run({u"x509"_s, u"-req"_s, u"-in"_s, at(u"server.csr"_s), u"-CA"_s, at(u"ca.pem"_s), u"-CAkey"_s, at(u"ca.key"_s),
                 u"-CAcreateserial"_s, u"-out"_s, at(u"server.pem"_s), u"-days"_s, u"2"_s, u"-extfile"_s, at(u"ext.cnf"_s)}))
        return std::nullopt;
    QSslConfiguration server = QSslConfiguration::defaultConfiguration();
    server.setLocalCertificate(QSslCertificate(readLocalFile(folder + u"/server.pem"_s), QSsl::Pem));
    server.setPrivateKey(QSslKey(readLocalFile(folder + u"/server.key"_s), QSsl::Ec, QSsl::Pem));
    server.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (server.localCertificate().isNull() || server.privateKey().isNull())
        return std::nullopt;
    return std::make_pair(folder + u"/ca.pem"_s, server);
}
